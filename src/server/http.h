/*
 * The server's requests and responses as plain values, and the one function
 * that answers a request: independent of the HTTP library (src/server/mhd.c
 * only converts), so the pages of the next issue share it and a fuzzer
 * drives it without a socket.
 */
#ifndef PF_SERVER_HTTP_H
#define PF_SERVER_HTTP_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "portfolj/portfolj.h"

typedef struct pf_http_pair {
	const char *name, *value;
} pf_http_pair;

typedef struct pf_http_request {
	const char *method;        /* "GET", "PUT", ... */
	const char *path;          /* decoded, without the query */
	const pf_http_pair *query; /* decoded arguments, in order */
	size_t nquery;
	const pf_http_pair *headers; /* names in any case */
	size_t nheaders;
	const char *peer;   /* the peer's address, for the login delay */
	bool peer_loopback; /* the peer is 127.0.0.0/8 or ::1 */
	const char *body;   /* NUL-terminated after body_len bytes, or NULL */
	size_t body_len;
} pf_http_request;

#define PF_HTTP_MAX_HEADERS 12

typedef struct pf_http_response {
	int status;
	char *body; /* malloc'd, or NULL */
	size_t len;
	char *headers[PF_HTTP_MAX_HEADERS][2]; /* malloc'd name and value */
	size_t nheaders;
	char user[80]; /* who asked, for the access log ("-": nobody) */
} pf_http_response;

typedef enum pf_auth_mode { PF_AUTH_LOCAL, PF_AUTH_PROXY } pf_auth_mode;

typedef struct pf_server_opts {
	pf_auth_mode auth;
	const char *proxy_header; /* NULL: X-Remote-User */
	bool tls;                 /* cookies get Secure; the server's origin is https */
	bool public_reports;      /* --public */
	size_t cache_bytes;       /* reports kept, at most (0: 64 MiB) */
} pf_server_opts;

typedef struct pf_server pf_server;

/* The request handler's state shared by all threads: options, the report cache, the write lock. */
pf_status pf_server_new(pf_server **out, const pf_server_opts *opts, pf_error *err);
void pf_server_free(pf_server *srv);

/*
 * The body a request may have, in bytes: imports may be as large as a source
 * of the command line (256 MiB); every other request 1 MiB. Larger is 413.
 */
size_t pf_http_body_limit(const char *method, const char *path);

/*
 * Answers one request (FORMATS.md section 6) with db, a connection this
 * thread alone uses. Fills resp, which the caller frees with
 * pf_http_response_free(), whatever happened.
 */
void pf_http_handle(pf_server *srv, pf_db *db, const pf_http_request *req, pf_http_response *resp);
void pf_http_response_free(pf_http_response *resp);

/* A response that needs no database: 413 for a body over the limit, 503 when none opens. */
void pf_http_simple(pf_http_response *resp, int status, const char *message);

#endif
