/* portfolj serve: the HTTP server of FORMATS.md section 6 (src/server/). */
#include <getopt.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "cli.h"
#include "server/serve.h"

static const char serve_usage[] =
    "usage: portfolj serve [--listen ADDR:PORT] [--auth local|proxy] [--proxy-header NAME]\n"
    "                      [--tls-cert FILE --tls-key FILE | --insecure-http]\n"
    "                      [--threads N] [--public]\n\n"
    "Serves the portfolio's JSON API under /api/v1/ (see the README), until SIGTERM or\n"
    "SIGINT, which finish the requests in flight. One access-log line per request\n"
    "goes to standard error.\n\n"
    "  --listen ADDR:PORT  where to listen (default 127.0.0.1:8080; [::1]:8080 for IPv6);\n"
    "                      an address that is not loopback needs TLS or --insecure-http\n"
    "  --auth local        users log in with their password at /login (default)\n"
    "  --auth proxy        a proxy in front authenticates and names the user in a header,\n"
    "                      trusted from a loopback peer only\n"
    "  --proxy-header NAME that header (default X-Remote-User)\n"
    "  --tls-cert FILE, --tls-key FILE   serve HTTPS with this PEM certificate and key\n"
    "  --insecure-http     plain HTTP on a non-loopback address (a TLS proxy in front)\n"
    "  --threads N         worker threads, each with a database connection (default 4)\n"
    "  --public            reports can be read without logging in\n\n"
    "Users and tokens: portfolj user --help, portfolj token --help.\n";

static volatile sig_atomic_t stop_now;

static void on_signal(int sig)
{
	(void)sig;
	stop_now = 1;
}

struct serve_args {
	pf_serve_config cfg;
	char host[64];
	bool insecure;
};

/* ADDR:PORT, [IPV6]:PORT or PORT; "localhost" is 127.0.0.1. */
static int parse_listen(const char *s, struct serve_args *a)
{
	const char *colon = s[0] == '[' ? strstr(s, "]:") : strrchr(s, ':');
	char *end;
	long port;
	size_t n;

	if (!colon)
		return cli_usage_error("serve", "--listen wants ADDR:PORT, e.g. 127.0.0.1:8080");
	n = (size_t)(colon - s) - (s[0] == '[');
	if (n == 0 || n >= sizeof(a->host))
		return cli_usage_error("serve", "--listen wants ADDR:PORT, e.g. 127.0.0.1:8080");
	memcpy(a->host, s + (s[0] == '['), n);
	a->host[n] = '\0';
	if (!strcmp(a->host, "localhost"))
		strcpy(a->host, "127.0.0.1");
	port = strtol(colon + 1 + (s[0] == '['), &end, 10);
	if (*end || port < 1 || port > 65535)
		return cli_usage_error("serve", "--listen: \"%s\" is not a port (1 to 65535)",
		                       colon + 1 + (s[0] == '['));
	a->cfg.port = (unsigned short)port;
	return 0;
}

static bool loopback(const char *host)
{
	return !strncmp(host, "127.", 4) || !strcmp(host, "::1");
}

static int parse_option(int ch, struct serve_args *a)
{
	char *end;
	long n;

	switch (ch) {
	case 'l':
		return parse_listen(optarg, a);
	case 'a':
		if (strcmp(optarg, "local") && strcmp(optarg, "proxy"))
			return cli_usage_error("serve", "--auth is local or proxy, not \"%s\"",
			                       optarg);
		a->cfg.opts.auth = !strcmp(optarg, "proxy") ? PF_AUTH_PROXY : PF_AUTH_LOCAL;
		return 0;
	case 'H':
		a->cfg.opts.proxy_header = optarg;
		return 0;
	case 'c':
		a->cfg.tls_cert = optarg;
		return 0;
	case 'k':
		a->cfg.tls_key = optarg;
		return 0;
	case 'i':
		a->insecure = true;
		return 0;
	case 't':
		n = strtol(optarg, &end, 10);
		if (*end || n < 1 || n > 256)
			return cli_usage_error("serve", "--threads wants a number from 1 to 256");
		a->cfg.threads = (unsigned)n;
		return 0;
	case 'p':
		a->cfg.opts.public_reports = true;
		return 0;
	}
	return cli_usage_error("serve", "unknown option");
}

static int parse_args(int argc, char **argv, struct serve_args *a)
{
	static const struct option opts[] = {{"listen", required_argument, NULL, 'l'},
	                                     {"auth", required_argument, NULL, 'a'},
	                                     {"proxy-header", required_argument, NULL, 'H'},
	                                     {"tls-cert", required_argument, NULL, 'c'},
	                                     {"tls-key", required_argument, NULL, 'k'},
	                                     {"insecure-http", no_argument, NULL, 'i'},
	                                     {"threads", required_argument, NULL, 't'},
	                                     {"public", no_argument, NULL, 'p'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {0}};
	int ch, code;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (ch == 'h')
			return fputs(serve_usage, stdout), -1;
		if ((code = parse_option(ch, a)))
			return code;
	}
	if (optind < argc)
		return cli_usage_error("serve", "unexpected argument \"%s\"", argv[optind]);
	if (!a->cfg.tls_cert != !a->cfg.tls_key)
		return cli_usage_error("serve", "--tls-cert and --tls-key go together");
	if (a->cfg.tls_cert && a->insecure)
		return cli_usage_error("serve", "--insecure-http is for serving without TLS: give "
		                                "one or the other");
	if (!loopback(a->host) && !a->cfg.tls_cert && !a->insecure)
		return cli_usage_error(
		    "serve",
		    "%s is not a loopback address: give --tls-cert and --tls-key, "
		    "or --insecure-http when a TLS proxy is in front",
		    a->host);
	return 0;
}

int cmd_serve(cli *c, int argc, char **argv)
{
	struct serve_args a = {.cfg = {.port = 8080, .threads = 4}, .host = "127.0.0.1"};
	struct sigaction sa = {0};
	pf_error err;
	pf_status st;
	int code;

	if ((code = parse_args(argc, argv, &a)))
		return code < 0 ? 0 : code;
	a.cfg.db_path = c->db_path;
	a.cfg.host = a.host;
	a.cfg.opts.tls = a.cfg.tls_cert != NULL;
	a.cfg.log = stderr;
	a.cfg.stop = &stop_now;
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);
	signal(SIGPIPE, SIG_IGN);
	cli_error_init(&err);
	fprintf(stderr, pf_msg(cli_lang(), "portfolj: serving %s on %s://%s:%u/"), c->db_path,
	        a.cfg.tls_cert ? "https" : "http", a.host, (unsigned)a.cfg.port);
	fputc('\n', stderr);
	st = pf_serve_run(&a.cfg, &err);
	code = st ? cli_fail(&err, st) : 0;
	pf_error_clear(&err);
	return code;
}
