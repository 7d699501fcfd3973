/* Running the server on libmicrohttpd (src/server/mhd.c), for `portfolj serve`. */
#ifndef PF_SERVER_SERVE_H
#define PF_SERVER_SERVE_H

#include <signal.h>
#include <stdio.h>

#include "http.h"

typedef struct pf_serve_config {
	const char *db_path;
	const char *host; /* a numeric IPv4 or IPv6 address */
	unsigned short port;
	const char *tls_cert; /* PEM files, or NULL for plain HTTP */
	const char *tls_key;
	unsigned threads; /* worker threads, each with its own database connection */
	pf_server_opts opts;
	FILE *log; /* the access log: one line per request */
	/* Set (by a signal handler) to stop: no new connections, requests in flight finished. */
	volatile sig_atomic_t *stop;
} pf_serve_config;

/*
 * Serves until *cfg->stop is set, then stops gracefully and closes every
 * database connection. PF_EENV when the address cannot be bound, the
 * database not opened or TLS not set up.
 */
pf_status pf_serve_run(const pf_serve_config *cfg, pf_error *err);

#endif
