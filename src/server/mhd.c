/*
 * The server on libmicrohttpd: a pool of threads, each with its own
 * database connection, converting MHD's requests to pf_http_request and
 * pf_http_response back (the answering is pf_http_handle's), with the body
 * limits, the access log and the graceful stop.
 */
#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>
#include <pthread.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>

#include "portfolj/users.h"
#include "serve.h"

/* The connections opened by the worker threads, closed together at the end. */
struct pool {
	pthread_mutex_t lock;
	pf_db **dbs;
	size_t n;
};

struct serve {
	const pf_serve_config *cfg;
	pf_server *srv;
	struct pool pool;
	pthread_mutex_t count_lock;
	long in_flight;
};

/* One request while its body arrives. */
struct pending {
	struct timespec start;
	size_t limit, len, cap;
	char *body;
	bool too_large;
};

static __thread pf_db *thread_db;

static pf_db *worker_db(struct serve *s)
{
	pf_db_opts o = {5000, NULL, true};
	pf_error err;
	pf_db **dbs;

	if (thread_db)
		return thread_db;
	pf_error_init(&err);
	if (pf_db_open(&thread_db, s->cfg->db_path, &o, &err))
		thread_db = NULL;
	pf_error_clear(&err);
	if (!thread_db)
		return NULL;
	pthread_mutex_lock(&s->pool.lock);
	if ((dbs = realloc(s->pool.dbs, (s->pool.n + 1) * sizeof(*dbs)))) {
		s->pool.dbs = dbs;
		dbs[s->pool.n++] = thread_db;
	}
	pthread_mutex_unlock(&s->pool.lock);
	return thread_db;
}

struct pairs {
	pf_http_pair *v;
	size_t n, cap;
};

static enum MHD_Result collect(void *cls, enum MHD_ValueKind kind, const char *key,
                               const char *value)
{
	struct pairs *p = cls;

	(void)kind;
	if (p->n == p->cap) {
		pf_http_pair *v = realloc(p->v, (p->cap = p->cap ? p->cap * 2 : 16) * sizeof(*v));
		if (!v)
			return MHD_NO;
		p->v = v;
	}
	p->v[p->n++] = (pf_http_pair){key, value};
	return MHD_YES;
}

static bool peer_of(struct MHD_Connection *conn, char *out, size_t n)
{
	const union MHD_ConnectionInfo *ci =
	    MHD_get_connection_info(conn, MHD_CONNECTION_INFO_CLIENT_ADDRESS);
	const struct sockaddr *sa = ci ? ci->client_addr : NULL;

	snprintf(out, n, "?");
	if (sa && sa->sa_family == AF_INET) {
		const struct sockaddr_in *in = (const void *)sa;
		inet_ntop(AF_INET, &in->sin_addr, out, (socklen_t)n);
		return (ntohl(in->sin_addr.s_addr) >> 24) == 127;
	}
	if (sa && sa->sa_family == AF_INET6) {
		const struct sockaddr_in6 *in6 = (const void *)sa;
		inet_ntop(AF_INET6, &in6->sin6_addr, out, (socklen_t)n);
		if (IN6_IS_ADDR_V4MAPPED(&in6->sin6_addr))
			return in6->sin6_addr.s6_addr[12] == 127;
		return IN6_IS_ADDR_LOOPBACK(&in6->sin6_addr);
	}
	return false;
}

/* One access-log line: never a query, a header or a body, so never a secret. */
static void access_log(struct serve *s, const char *method, const char *url, int status,
                       const struct timespec *start, const char *user)
{
	struct timespec now;
	char at[32], path[256];
	struct tm tm;
	size_t i = 0;

	clock_gettime(CLOCK_MONOTONIC, &now);
	time_t t = time(NULL);
	gmtime_r(&t, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	for (; url[i] && i + 1 < sizeof(path); i++)
		path[i] = (unsigned char)url[i] < 0x20 || url[i] == 0x7f ? '?' : url[i];
	path[i] = '\0';
	double ms = (double)(now.tv_sec - start->tv_sec) * 1e3 +
	            (double)(now.tv_nsec - start->tv_nsec) / 1e6;
	fprintf(s->cfg->log, "%s %s %s %d %.1fms %s\n", at, method, path, status, ms, user);
	fflush(s->cfg->log);
}

static enum MHD_Result respond(struct MHD_Connection *conn, pf_http_response *r)
{
	struct MHD_Response *resp =
	    r->body ? MHD_create_response_from_buffer(r->len, r->body, MHD_RESPMEM_MUST_FREE)
	            : MHD_create_response_from_buffer(0, (void *)"", MHD_RESPMEM_PERSISTENT);
	enum MHD_Result ok;

	if (!resp)
		return MHD_NO;
	r->body = NULL; /* MHD frees it */
	for (size_t i = 0; i < r->nheaders; i++)
		MHD_add_response_header(resp, r->headers[i][0], r->headers[i][1]);
	ok = MHD_queue_response(conn, (unsigned)r->status, resp);
	MHD_destroy_response(resp);
	return ok;
}

/* Takes a piece of the body; past the limit it is counted as too large and dropped. */
static void take_body(struct pending *p, const char *data, size_t n)
{
	if (p->too_large || p->len + n > p->limit) {
		p->too_large = true;
		free(p->body);
		p->body = NULL;
		p->len = p->cap = 0;
		return;
	}
	if (p->len + n + 1 > p->cap) {
		size_t cap = p->cap ? p->cap : 4096;
		while (cap < p->len + n + 1)
			cap *= 2;
		char *b = realloc(p->body, cap);
		if (!b) {
			p->too_large = true;
			return;
		}
		p->body = b;
		p->cap = cap;
	}
	memcpy(p->body + p->len, data, n);
	p->len += n;
	p->body[p->len] = '\0';
}

static void answer(struct serve *s, struct MHD_Connection *conn, const char *url,
                   const char *method, struct pending *p, pf_http_response *resp)
{
	struct pairs headers = {0}, query = {0};
	char peer[64];
	pf_http_request req = {method, url};
	pf_db *db;

	if (p->too_large) {
		pf_http_simple(resp, 413, "the body is too large");
		return;
	}
	if (!(db = worker_db(s))) {
		pf_http_simple(resp, 503, "the database cannot be opened now");
		return;
	}
	MHD_get_connection_values(conn, MHD_HEADER_KIND, collect, &headers);
	MHD_get_connection_values(conn, MHD_GET_ARGUMENT_KIND, collect, &query);
	req.peer_loopback = peer_of(conn, peer, sizeof(peer));
	req.peer = peer;
	req.headers = headers.v;
	req.nheaders = headers.n;
	req.query = query.v;
	req.nquery = query.n;
	req.body = p->body;
	req.body_len = p->len;
	pf_http_handle(s->srv, db, &req, resp);
	free(headers.v);
	free(query.v);
}

static enum MHD_Result handle(void *cls, struct MHD_Connection *conn, const char *url,
                              const char *method, const char *version, const char *upload,
                              size_t *upload_size, void **con_cls)
{
	struct serve *s = cls;
	struct pending *p = *con_cls;
	pf_http_response resp = {0};
	enum MHD_Result ok;

	(void)version;
	if (!p) {
		const char *cl =
		    MHD_lookup_connection_value(conn, MHD_HEADER_KIND, "Content-Length");
		if (!(p = calloc(1, sizeof(*p))))
			return MHD_NO;
		clock_gettime(CLOCK_MONOTONIC, &p->start);
		p->limit = pf_http_body_limit(method, url);
		p->too_large = cl && strtoull(cl, NULL, 10) > p->limit;
		*con_cls = p;
		pthread_mutex_lock(&s->count_lock);
		s->in_flight++;
		pthread_mutex_unlock(&s->count_lock);
		return MHD_YES;
	}
	if (*upload_size) {
		take_body(p, upload, *upload_size);
		*upload_size = 0;
		return MHD_YES;
	}
	answer(s, conn, url, method, p, &resp);
	if (!resp.status)
		pf_http_simple(&resp, 500, "no answer");
	if (!resp.user[0])
		strcpy(resp.user, "-");
	access_log(s, method, url, resp.status, &p->start, resp.user);
	ok = respond(conn, &resp);
	pf_http_response_free(&resp);
	return ok;
}

static void completed(void *cls, struct MHD_Connection *conn, void **con_cls,
                      enum MHD_RequestTerminationCode code)
{
	struct serve *s = cls;
	struct pending *p = *con_cls;

	(void)conn;
	(void)code;
	if (!p)
		return;
	free(p->body);
	free(p);
	*con_cls = NULL;
	pthread_mutex_lock(&s->count_lock);
	s->in_flight--;
	pthread_mutex_unlock(&s->count_lock);
}

static char *read_pem(const char *path, pf_error *err)
{
	FILE *f = fopen(path, "rb");
	char *b = f ? calloc(1, 1 << 20) : NULL;

	if (b && fread(b, 1, (1 << 20) - 1, f) > 0) {
		fclose(f);
		return b;
	}
	free(b);
	if (f)
		fclose(f);
	pf_error_pos(err, PF_EENV, path, NULL, "cannot read the TLS file");
	return NULL;
}

/* Waits for the requests in flight (at most 30 s) after the daemon stopped accepting. */
static void drain(struct serve *s)
{
	for (int i = 0; i < 300; i++) {
		pthread_mutex_lock(&s->count_lock);
		long n = s->in_flight;
		pthread_mutex_unlock(&s->count_lock);
		if (n <= 0)
			return;
		nanosleep(&(struct timespec){0, 100000000}, NULL);
	}
}

static struct MHD_Daemon *start(struct serve *s, const struct sockaddr *sa, char *cert, char *key)
{
	const pf_serve_config *c = s->cfg;
	unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD | MHD_USE_EPOLL;

	if (sa->sa_family == AF_INET6)
		flags |= MHD_USE_IPv6;
	if (cert)
		flags |= MHD_USE_TLS;
	return MHD_start_daemon(
	    flags, c->port, NULL, NULL, handle, s, MHD_OPTION_SOCK_ADDR, sa,
	    MHD_OPTION_THREAD_POOL_SIZE, (unsigned)(c->threads ? c->threads : 4),
	    MHD_OPTION_CONNECTION_MEMORY_LIMIT, (size_t)128 * 1024, MHD_OPTION_CONNECTION_LIMIT,
	    (unsigned)1024, MHD_OPTION_CONNECTION_TIMEOUT, (unsigned)60,
	    MHD_OPTION_NOTIFY_COMPLETED, completed, s,
	    cert ? MHD_OPTION_HTTPS_MEM_CERT : MHD_OPTION_END, cert, MHD_OPTION_HTTPS_MEM_KEY, key,
	    MHD_OPTION_END);
}

static pf_status serve(struct serve *s, pf_error *err)
{
	const pf_serve_config *c = s->cfg;
	struct sockaddr_in in = {0};
	struct sockaddr_in6 in6 = {0};
	const struct sockaddr *sa = (const void *)&in;
	char *cert = NULL, *key = NULL;
	struct MHD_Daemon *d;

	in.sin_family = AF_INET;
	in.sin_port = htons(c->port);
	in6.sin6_family = AF_INET6;
	in6.sin6_port = htons(c->port);
	if (inet_pton(AF_INET6, c->host, &in6.sin6_addr) == 1)
		sa = (const void *)&in6;
	else if (inet_pton(AF_INET, c->host, &in.sin_addr) != 1)
		return pf_error_set(err, PF_EUSAGE, "\"%s\" is not an IP address", c->host);
	if (c->tls_cert && !MHD_is_feature_supported(MHD_FEATURE_TLS))
		return pf_error_set(err, PF_EENV, "this libmicrohttpd has no TLS");
	if (c->tls_cert &&
	    (!(cert = read_pem(c->tls_cert, err)) || !(key = read_pem(c->tls_key, err)))) {
		free(cert);
		return PF_EENV;
	}
	if (!(d = start(s, sa, cert, key))) {
		free(cert);
		free(key);
		return pf_error_set(err, PF_EENV, "cannot listen on %s port %u (in use?)", c->host,
		                    (unsigned)c->port);
	}
	while (!*c->stop)
		nanosleep(&(struct timespec){0, 50000000}, NULL);
	MHD_quiesce_daemon(d);
	drain(s);
	MHD_stop_daemon(d);
	if (key)
		explicit_bzero(key, 1 << 20);
	free(cert);
	free(key);
	return PF_OK;
}

pf_status pf_serve_run(const pf_serve_config *cfg, pf_error *err)
{
	struct serve s = {cfg};
	pf_db_opts o = {5000, NULL, false};
	pf_db *db = NULL;
	pf_status st;

	pthread_mutex_init(&s.pool.lock, NULL);
	pthread_mutex_init(&s.count_lock, NULL);
	/* The first open creates or migrates the database before any thread opens its own. */
	if (!(st = pf_users_global_init(err)) && !(st = pf_db_open(&db, cfg->db_path, &o, err)) &&
	    !(st = pf_server_new(&s.srv, &cfg->opts, err)))
		st = serve(&s, err);
	for (size_t i = 0; i < s.pool.n; i++)
		pf_db_close(s.pool.dbs[i]);
	free(s.pool.dbs);
	pf_server_free(s.srv);
	pf_db_close(db);
	pthread_mutex_destroy(&s.pool.lock);
	pthread_mutex_destroy(&s.count_lock);
	return st;
}
