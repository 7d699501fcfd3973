/*
 * Tests of the REST transport (importers/read/rest.c) against a real HTTP server,
 * tests/rest_server.py, started on 127.0.0.1 for each test and killed after.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "importers/read/rest.h"
#include "portfolj/global.h"
#include "testutil.h"

#define SERVER_SCRIPT PF_SOURCE_DIR "/tests/rest_server.py"
#define TOKEN "s3cret" /* the one /auth accepts */
#define MAX_SEEN 16

/* ---- the server ---- */

struct server {
	pid_t pid;
	char base[64]; /* http://127.0.0.1:PORT */
	int port;
	char *dir; /* the TLS tests' certificate directory */
	char *cert, *key;
	int no_tls; /* openssl could not make a certificate */
};

/* Starts the server (TLS with cert and key) and reads its port from its first line. */
static int start_server(struct server *s, const char *cert, const char *key)
{
	int fd[2];
	char line[32];

	if (pipe(fd) != 0)
		return -1;
	s->pid = fork();
	if (s->pid == 0) {
		dup2(fd[1], STDOUT_FILENO);
		close(fd[0]);
		close(fd[1]);
		if (cert)
			execlp("python3", "python3", SERVER_SCRIPT, "--tls", cert, key,
			       (char *)NULL);
		else
			execlp("python3", "python3", SERVER_SCRIPT, (char *)NULL);
		_exit(127);
	}
	close(fd[1]);
	FILE *in = fdopen(fd[0], "r");
	int ok = s->pid > 0 && in && fgets(line, sizeof(line), in) && atoi(line) > 0;
	if (in)
		fclose(in);
	if (!ok)
		return -1;
	s->port = atoi(line);
	snprintf(s->base, sizeof(s->base), "%s://127.0.0.1:%d", cert ? "https" : "http", s->port);
	return 0;
}

static int setup(void **state)
{
	struct server *s = calloc(1, sizeof(*s));

	*state = s;
	return s && start_server(s, NULL, NULL) == 0 ? 0 : -1;
}

/* A self-signed certificate for 127.0.0.1 made by openssl; without openssl the tests skip. */
static int setup_tls(void **state)
{
	struct server *s = calloc(1, sizeof(*s));
	char cmd[1024];

	*state = s;
	if (!s || !(s->dir = pf_test_mkdtemp()))
		return -1;
	s->cert = pf_test_write_str(s->dir, "cert.pem", "");
	s->key = pf_test_write_str(s->dir, "key.pem", "");
	snprintf(cmd, sizeof(cmd),
	         "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes "
	         "-days 1 -subj /CN=127.0.0.1 -addext subjectAltName=IP:127.0.0.1 "
	         "-keyout %s -out %s >/dev/null 2>&1",
	         s->key, s->cert);
	if (system(cmd) != 0) {
		s->no_tls = 1;
		return 0;
	}
	return start_server(s, s->cert, s->key);
}

static int teardown(void **state)
{
	struct server *s = *state;

	if (!s)
		return 0;
	if (s->pid > 0) {
		kill(s->pid, SIGTERM);
		waitpid(s->pid, NULL, 0);
	}
	free(s->cert);
	free(s->key);
	pf_test_rmdir(s->dir);
	free(s);
	return 0;
}

/* ---- running a fetch ---- */

struct run {
	pf_status st;
	pf_error err;
	double secs;
	char *pages[MAX_SEEN]; /* the URLs the callback was given */
	size_t npages;
	char *progress[MAX_SEEN]; /* the URLs the progress hook was given */
	size_t nprogress;
	char *body;      /* the last page's */
	char text[2048]; /* the first diagnostic as "WHERE: MESSAGE" */
};

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec / 1e9;
}

/* A stand-in for the JSON reader: an object, with `"next": "..."` found by strstr. */
static pf_status on_page(void *ctx, const char *url, const char *body, size_t len, char **next,
                         pf_error *err)
{
	struct run *r = ctx;

	assert_int_equal(strlen(body), len);
	if (r->npages < MAX_SEEN)
		r->pages[r->npages++] = strdup(url);
	free(r->body);
	r->body = strdup(body);
	if (len == 0 || body[0] != '{' || body[len - 1] != '}')
		return pf_error_pos(err, PF_EINPUT, url, "record 1", "malformed JSON");
	const char *p = strstr(body, "\"next\": \"");
	if (p) {
		p += strlen("\"next\": \"");
		*next = strndup(p, (size_t)(strchr(p, '"') - p));
	}
	return PF_OK;
}

static void on_progress(void *ctx, size_t page, const char *url)
{
	struct run *r = ctx;

	assert_int_equal(page, r->nprogress + 1);
	if (r->nprogress < MAX_SEEN)
		r->progress[r->nprogress++] = strdup(url);
}

static void assert_lacks(const char *s, const char *secret)
{
	if (s && strstr(s, secret))
		fail_msg("\"%s\" shows the secret \"%s\"", s, secret);
}

/* The promise of rest.h: the token is in no diagnostic and no URL handed out. */
static void assert_token_hidden(const struct run *r, const char *token)
{
	for (size_t i = 0; i < r->err.count; i++) {
		assert_lacks(r->err.diags[i].where, token);
		assert_lacks(r->err.diags[i].message, token);
	}
	for (size_t i = 0; i < r->npages; i++)
		assert_lacks(r->pages[i], token);
	for (size_t i = 0; i < r->nprogress; i++)
		assert_lacks(r->progress[i], token);
}

/* Fetches the absolute url with short timeouts unless o says otherwise. */
static void fetch_url(struct run *r, const char *url, const pf_rest_opts *o)
{
	pf_rest_opts opts = {0};

	if (o)
		opts = *o;
	if (!opts.timeout_ms)
		opts.timeout_ms = 1500;
	if (!opts.connect_timeout_ms)
		opts.connect_timeout_ms = 1000;
	opts.progress = on_progress;
	opts.progress_ctx = r;
	memset(r, 0, sizeof(*r));
	pf_test_error_init(&r->err);
	double t0 = now();
	r->st = pf_rest_fetch(url, &opts, on_page, r, &r->err);
	r->secs = now() - t0;
	if (r->err.count)
		snprintf(r->text, sizeof(r->text), "%s: %s", r->err.diags[0].where,
		         r->err.diags[0].message);
	if (opts.token)
		assert_token_hidden(r, opts.token);
}

static void fetch(struct run *r, const struct server *s, const char *path, const pf_rest_opts *o)
{
	char url[256];

	snprintf(url, sizeof(url), "%s%s", s->base, path);
	fetch_url(r, url, o);
}

static void run_free(struct run *r)
{
	for (size_t i = 0; i < r->npages; i++)
		free(r->pages[i]);
	for (size_t i = 0; i < r->nprogress; i++)
		free(r->progress[i]);
	free(r->body);
	pf_error_clear(&r->err);
}

/* How often the server was asked for path (with its query). */
static long hits(const struct server *s, const char *path)
{
	struct run r;
	char url[256];
	long n = -1;

	snprintf(url, sizeof(url), "%s/hits?path=%s", s->base, path);
	fetch_url(&r, url, NULL);
	assert_int_equal(r.st, PF_OK);
	assert_int_equal(sscanf(r.body, "{\"hits\": %ld}", &n), 1);
	run_free(&r);
	return n;
}

/* Exactly one error, with status st, at base + path, whose message contains needle. */
static void assert_error(const struct run *r, const struct server *s, pf_status st,
                         const char *path, const char *needle)
{
	char where[256];

	snprintf(where, sizeof(where), "%s%s", s->base, path);
	if (r->st != st || r->err.errors != 1)
		fail_msg("status %d with %zu errors, expected %d with 1: %s", r->st, r->err.errors,
		         st, r->text);
	assert_string_equal(r->err.diags[0].where, where);
	if (!strstr(r->err.diags[0].message, needle))
		fail_msg("\"%s\" does not say \"%s\"", r->text, needle);
}

/* The pages read were exactly these paths of the server, in this order. */
static void assert_pages(const struct run *r, const struct server *s, const char *const *paths,
                         size_t n)
{
	char url[256];

	assert_int_equal(r->npages, n);
	/* After an error, progress has also announced the page that failed. */
	assert_true(r->nprogress == n || (r->nprogress == n + 1 && r->st != PF_OK));
	for (size_t i = 0; i < n; i++) {
		snprintf(url, sizeof(url), "%s%s", s->base, paths[i]);
		assert_string_equal(r->pages[i], url);
	}
}

#define ASSERT_PAGES(r, s, ...)                                                                    \
	do {                                                                                       \
		static const char *const paths_[] = {__VA_ARGS__};                                 \
		assert_pages(r, s, paths_, sizeof(paths_) / sizeof(paths_[0]));                    \
	} while (0)

/* ---- parsers ---- */

static void test_link_header(void **state)
{
	static const struct {
		const char *value, *next;
	} rows[] = {
	    {"<https://a.se/x?page=2>; rel=\"next\"", "https://a.se/x?page=2"},
	    {"<https://a.se/1>; rel=\"prev\", <https://a.se/3>; rel=\"next\"", "https://a.se/3"},
	    {"</p/2>; rel=next", "/p/2"},
	    {"<https://a.se/9>; rel=\"next last\"", "https://a.se/9"},
	    {"<https://a.se/9>; rel=\"last next\"", "https://a.se/9"},
	    {"  <https://a.se/9> ;  REL = \"Next\"  ", "https://a.se/9"},
	    {"<https://a.se/9>; rel=\"nextpage\"", NULL},
	    {"<https://a.se/2,3>; title=\"a, b; rel=next\"; rel=\"prev\"", NULL},
	    {"<https://a.se/1>; rel=\"prev\"; title=\"x, y\", <https://a.se/2>; rel=next",
	     "https://a.se/2"},
	    {"<https://a.se/1>; rel=next; rel=prev", "https://a.se/1"},
	    {"<https://a.se/1>; rel=prev; rel=next", NULL}, /* only the first rel counts */
	    {"<https://a.se/2>; anchor=\"#x\"; rel=\"next\"", "https://a.se/2"},
	    {"<https://a.se/2>; title*=UTF-8'sv'f%C3%B6rsta; rel=next", "https://a.se/2"},
	    {"<https://a.se/2>; rel=\"ne\\\"xt\", <https://a.se/3>; rel=next", "https://a.se/3"},
	    {",, <https://a.se/2>; rel=next", "https://a.se/2"},
	    {"", NULL},
	    {"garbage", NULL},
	    {"<https://a.se/2; rel=next", NULL},
	    {"<https://a.se/2>; rel=\"next", NULL},
	    {"<https://a.se/1>; rel=prev junk, <https://a.se/2>; rel=next", NULL},
	};
	(void)state;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *next = (char *)"unset";
		assert_int_equal(pf_rest_link_next(rows[i].value, &next), PF_OK);
		if (!rows[i].next && next)
			fail_msg("%s: found %s", rows[i].value, next);
		if (rows[i].next && (!next || strcmp(next, rows[i].next) != 0))
			fail_msg("%s: found %s", rows[i].value, next ? next : "nothing");
		free(next);
	}
}

static void http_date(char *buf, size_t n, time_t t)
{
	struct tm tm;

	gmtime_r(&t, &tm);
	strftime(buf, n, "%a, %d %b %Y %H:%M:%S GMT", &tm);
}

static void test_retry_after(void **state)
{
	static const struct {
		const char *value;
		long ms;
	} rows[] = {
	    {"1", 1000},
	    {" 120 ", 120000},
	    {"0", 0},
	    {"-5", -1},
	    {"+5", -1},
	    {"1.5", -1},
	    {"soon", -1},
	    {"", -1},
	    {"3000000", 2000000000L},
	    {"99999999999999999999999", 2000000000L},
	    {"Sun, 06 Nov 1994 08:49:37 GMT", 0},
	};
	time_t t = time(NULL);
	char date[64];
	(void)state;

	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		if (pf_rest_retry_after_ms(rows[i].value, t) != rows[i].ms)
			fail_msg("\"%s\": %ld, expected %ld", rows[i].value,
			         pf_rest_retry_after_ms(rows[i].value, t), rows[i].ms);
	assert_int_equal(pf_rest_retry_after_ms(NULL, t), -1);
	http_date(date, sizeof(date), t + 30);
	assert_int_equal(pf_rest_retry_after_ms(date, t), 30000);
	http_date(date, sizeof(date), t - 30);
	assert_int_equal(pf_rest_retry_after_ms(date, t), 0);
}

/* ---- paging ---- */

static void test_paged_by_body(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/paged/1", NULL);
	assert_int_equal(r.st, PF_OK);
	assert_int_equal(r.err.count, 0);
	/* /paged/1 says "/paged/2" (relative), /paged/2 an absolute URL, /paged/3 null. */
	ASSERT_PAGES(&r, s, "/paged/1", "/paged/2", "/paged/3");
	for (size_t i = 0; i < r.nprogress; i++)
		assert_string_equal(r.progress[i], r.pages[i]);
	run_free(&r);
}

static void test_paged_by_link(void **state)
{
	struct server *s = *state;
	struct run r;

	/* Two Link headers, quoted "next last", "<3>; REL=Next" relative to /linked/2. */
	fetch(&r, s, "/linked/1", NULL);
	assert_int_equal(r.st, PF_OK);
	ASSERT_PAGES(&r, s, "/linked/1", "/linked/2", "/linked/3");
	run_free(&r);
}

static void test_body_next_before_link(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/both/1", NULL);
	assert_int_equal(r.st, PF_OK);
	ASSERT_PAGES(&r, s, "/both/1", "/paged/3");
	run_free(&r);
}

static void test_empty_next_ends(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/nextempty", NULL);
	assert_int_equal(r.st, PF_OK);
	ASSERT_PAGES(&r, s, "/nextempty");
	run_free(&r);
}

static void test_request_headers(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/headers", NULL);
	assert_int_equal(r.st, PF_OK);
	assert_non_null(strstr(r.body, "\"ua\": \"" PF_REST_USER_AGENT "\""));
	assert_non_null(strstr(r.body, "\"accept\": \"application/json\""));
	run_free(&r);
}

static void test_loop(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/loop/1", NULL);
	assert_error(&r, s, PF_EINPUT, "/loop/1", "was read before (a paging loop)");
	ASSERT_PAGES(&r, s, "/loop/1");
	run_free(&r);
}

static void test_loop_through_redirect(void **state)
{
	struct server *s = *state;
	struct run r;
	char msg[256];

	fetch(&r, s, "/rloop/1", NULL);
	snprintf(msg, sizeof(msg), "redirects to %s/rloop/1, a page already read", s->base);
	assert_error(&r, s, PF_EINPUT, "/torloop", msg);
	ASSERT_PAGES(&r, s, "/rloop/1");
	run_free(&r);
}

static void test_max_pages(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.max_pages = 2};

	fetch(&r, s, "/paged/1", &o);
	assert_error(&r, s, PF_EINPUT, "/paged/3", "more than 2 pages");
	ASSERT_PAGES(&r, s, "/paged/1", "/paged/2");
	run_free(&r);
}

static void test_next_not_http(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/nextfile", NULL);
	assert_error(&r, s, PF_EINPUT, "/nextfile",
	             "file:///etc/passwd is not an http or https URL");
	run_free(&r);
}

static void test_next_invalid(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/nextbad", NULL);
	assert_error(&r, s, PF_EINPUT, "/nextbad",
	             "the next page's URL \"http://[::1\" is not valid");
	run_free(&r);
}

/* ---- errors ---- */

static void test_malformed(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/bad", NULL);
	/* The callback's error, as it recorded it. */
	assert_error(&r, s, PF_EINPUT, "/bad:record 1", "malformed JSON");
	run_free(&r);
}

static void test_error_on_later_page(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/fail/1", NULL);
	assert_error(&r, s, PF_EENV, "/fail/2", "HTTP 500 Internal Server Error");
	ASSERT_PAGES(&r, s, "/fail/1");
	assert_int_equal(r.nprogress, 2);
	run_free(&r);
	assert_int_equal(hits(s, "/fail/2"), 1); /* a 500 is not retried */
}

static void test_timeout(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.timeout_ms = 300};

	fetch(&r, s, "/slow", &o);
	assert_error(&r, s, PF_EENV, "/slow", "timed out");
	assert_true(r.secs < 1.5);
	run_free(&r);
	assert_int_equal(hits(s, "/slow"), 1); /* nor is a timeout */
}

/*
 * Five pages of 0.3 s each, every one well within its own limit (0.8 s),
 * but over the whole's (1 s): the fetch stops at the deadline, saying so.
 */
static void test_deadline(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {
	    .timeout_ms = 800, .deadline_ms = pf_rest_now_ms() + 1000, .total_ms = 1000};

	fetch(&r, s, "/slowpages/1?of=5", &o);
	if (r.st != PF_EENV || r.err.errors != 1 ||
	    !strstr(r.err.diags[0].message, "the overall deadline passed") ||
	    !strstr(r.err.diags[0].message, "within 1 s"))
		fail_msg("status %d: %s", r.st, r.text);
	assert_true(r.npages >= 2 && r.npages < 5);
	assert_true(r.secs < 1.4);
	run_free(&r);

	/* The same pages with time enough for all of them. */
	o.deadline_ms = pf_rest_now_ms() + 10000;
	o.total_ms = 10000;
	fetch(&r, s, "/slowpages/1?of=5", &o);
	assert_int_equal(r.st, PF_OK);
	assert_int_equal(r.npages, 5);
	run_free(&r);
}

static void test_refused(void **state)
{
	struct sockaddr_in a = {.sin_family = AF_INET};
	socklen_t len = sizeof(a);
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	char url[64];
	struct run r;
	(void)state;

	/* A port that was free a moment ago: nothing listens there. */
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(bind(fd, (struct sockaddr *)&a, sizeof(a)), 0);
	assert_int_equal(getsockname(fd, (struct sockaddr *)&a, &len), 0);
	close(fd);
	snprintf(url, sizeof(url), "http://127.0.0.1:%d/x", ntohs(a.sin_port));
	fetch_url(&r, url, NULL);
	assert_int_equal(r.st, PF_EENV);
	assert_string_equal(r.err.diags[0].where, url);
	assert_non_null(strstr(r.err.diags[0].message, "onnect"));
	assert_true(r.secs < 0.5); /* not retried */
	run_free(&r);
}

static void test_bad_arguments(void **state)
{
	struct run r;
	pf_rest_opts o = {.token = "ab\r\nX-Evil: 1"};
	(void)state;

	fetch_url(&r, "ftp://127.0.0.1/x", NULL);
	assert_int_equal(r.st, PF_EUSAGE);
	assert_string_equal(r.err.diags[0].message, "only http and https URLs can be imported");
	run_free(&r);
	fetch_url(&r, "http://[::1", NULL);
	assert_int_equal(r.st, PF_EUSAGE);
	assert_non_null(strstr(r.err.diags[0].message, "not a valid URL"));
	run_free(&r);
	fetch_url(&r, "http://127.0.0.1/x", &o);
	assert_int_equal(r.st, PF_EUSAGE);
	assert_string_equal(r.err.diags[0].message, "the bearer token contains control characters");
	assert_int_equal(r.npages, 0);
	run_free(&r);
}

static void test_big(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.max_body = 1024};

	/* With a Content-Length (curl stops at the header) and without (the write callback). */
	fetch(&r, s, "/big", &o);
	assert_error(&r, s, PF_EINPUT, "/big", "the response is larger than 1024 bytes");
	assert_int_equal(r.npages, 0);
	run_free(&r);
	fetch(&r, s, "/bignolen", &o);
	assert_error(&r, s, PF_EINPUT, "/bignolen", "the response is larger than 1024 bytes");
	assert_int_equal(r.npages, 0);
	run_free(&r);
	o.max_body = 4096; /* exactly the limit is fine */
	fetch(&r, s, "/bignolen", &o);
	assert_int_equal(r.st, PF_EINPUT); /* spaces: the callback's "malformed JSON" */
	assert_int_equal(r.npages, 1);
	run_free(&r);
}

/* ---- retries ---- */

static void test_retry_429(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/busy", NULL);
	assert_int_equal(r.st, PF_OK);
	ASSERT_PAGES(&r, s, "/busy");
	assert_true(r.secs >= 0.95); /* Retry-After: 1 */
	run_free(&r);
	assert_int_equal(hits(s, "/busy"), 2);
}

static void test_retry_503(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/busy503", NULL);
	assert_int_equal(r.st, PF_OK);
	assert_true(r.secs >= 0.95);
	run_free(&r);
	assert_int_equal(hits(s, "/busy503"), 2);
}

static void test_retry_after_date(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/busydate", NULL);
	assert_int_equal(r.st, PF_OK);
	run_free(&r);
	assert_int_equal(hits(s, "/busydate"), 2);
}

static void test_retry_reset(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/reset", NULL);
	assert_int_equal(r.st, PF_OK);
	ASSERT_PAGES(&r, s, "/reset");
	run_free(&r);
	assert_int_equal(hits(s, "/reset"), 2);
}

static void test_no_retries(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.max_retries = -1};

	fetch(&r, s, "/busy503", &o);
	assert_error(&r, s, PF_EENV, "/busy503", "HTTP 503 Service Unavailable");
	assert_null(strstr(r.text, "after"));
	run_free(&r);
	assert_int_equal(hits(s, "/busy503"), 1);
}

static void test_retries_exhausted(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.max_retries = 2, .max_backoff_ms = 50};

	fetch(&r, s, "/always429", &o);
	assert_error(&r, s, PF_EENV, "/always429", "HTTP 429 Too Many Requests (after 2 retries)");
	assert_true(r.secs >= 0.1 && r.secs < 1); /* two waits of 50 ms: the cap */
	run_free(&r);
	assert_int_equal(hits(s, "/always429"), 3);
}

static void test_default_retries(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.max_backoff_ms = 20};

	fetch(&r, s, "/always429", &o);
	assert_error(&r, s, PF_EENV, "/always429", "(after 3 retries)");
	run_free(&r);
	assert_int_equal(hits(s, "/always429"), 4);
}

static void test_retry_after_over_cap(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.max_backoff_ms = 200};

	fetch(&r, s, "/busy", &o);
	assert_error(&r, s, PF_EENV, "/busy",
	             "HTTP 429 Too Many Requests (the server asks to wait 1 s, over the 200 ms "
	             "allowed)");
	assert_true(r.secs < 0.5);
	run_free(&r);
	assert_int_equal(hits(s, "/busy"), 1);
}

/* ---- redirects and the token ---- */

static void test_redirect(void **state)
{
	struct server *s = *state;
	struct run r;

	/* /redirect -> /paged/1, whose relative next resolves against where it landed. */
	fetch(&r, s, "/redirect", NULL);
	assert_int_equal(r.st, PF_OK);
	ASSERT_PAGES(&r, s, "/paged/1", "/paged/2", "/paged/3");
	run_free(&r);
	/* The Link header is the redirect target's, and so is its base. */
	fetch(&r, s, "/tolinked", NULL);
	assert_int_equal(r.st, PF_OK);
	ASSERT_PAGES(&r, s, "/linked/1", "/linked/2", "/linked/3");
	run_free(&r);
}

static void test_redirect_limit(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/redirloop", NULL);
	assert_error(&r, s, PF_EENV, "/redirloop", "Maximum (5) redirects followed");
	run_free(&r);
	assert_int_equal(hits(s, "/redirloop"), 6);
}

static void test_redirect_not_http(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/tofile", NULL);
	assert_error(&r, s, PF_EENV, "/tofile", "(only http and https are followed)");
	run_free(&r);
}

static void test_auth(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.token = TOKEN};

	fetch(&r, s, "/auth", &o);
	assert_int_equal(r.st, PF_OK);
	ASSERT_PAGES(&r, s, "/auth");
	run_free(&r);
	/* A redirect to the same host keeps the token. */
	fetch(&r, s, "/toauth", &o);
	assert_int_equal(r.st, PF_OK);
	ASSERT_PAGES(&r, s, "/auth");
	run_free(&r);
}

static void test_auth_missing(void **state)
{
	struct server *s = *state;
	struct run r;

	fetch(&r, s, "/auth", NULL);
	assert_error(&r, s, PF_EENV, "/auth",
	             "HTTP 401 Unauthorized (no bearer token was sent: set $PORTFOLJ_TOKEN)");
	run_free(&r);
}

static void test_auth_wrong(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.token = "wrong-token-1234"};

	fetch(&r, s, "/auth", &o);
	assert_error(&r, s, PF_EENV, "/auth",
	             "HTTP 401 Unauthorized (the server did not accept the bearer token)");
	run_free(&r);
	assert_int_equal(hits(s, "/auth"), 1); /* a refusal is final */
}

static void test_auth_not_to_other_host(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.token = TOKEN};
	char msg[256];

	/* 127.0.0.1 redirects to localhost: curl drops the token, so /auth says 401. */
	fetch(&r, s, "/tohost", &o);
	snprintf(
	    msg, sizeof(msg),
	    "HTTP 401 Unauthorized from http://localhost:%d/auth (the bearer token is sent only "
	    "to the host of the first URL)",
	    s->port);
	assert_error(&r, s, PF_EENV, "/tohost", msg);
	run_free(&r);
	/* Nor does a next link to another host get it. */
	fetch(&r, s, "/nextother", &o);
	assert_int_equal(r.st, PF_EENV);
	snprintf(msg, sizeof(msg), "http://localhost:%d/auth", s->port);
	assert_string_equal(r.err.diags[0].where, msg);
	assert_non_null(strstr(r.err.diags[0].message, "sent only to the host of the first URL"));
	run_free(&r);
}

static void test_token_echoed_is_masked(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.token = TOKEN};

	/* The server puts the token into the next link: shown as ***, never as itself. */
	fetch(&r, s, "/echotoken", &o);
	assert_error(&r, s, PF_EENV, "/fail/2?t=***", "HTTP 500");
	assert_int_equal(r.nprogress, 2);
	assert_non_null(strstr(r.progress[1], "/fail/2?t=***"));
	run_free(&r);
}

static void test_token_never_shown(void **state)
{
	static const char *const paths[] = {
	    "/fail/1",   "/slow",      "/bad",     "/loop/1",    "/big",
	    "/nextfile", "/echotoken", "/tohost",  "/nextother", "/redirloop",
	    "/tofile",   "/always429", "/rloop/1", "/nextbad",
	};
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.token = TOKEN, .timeout_ms = 300, .max_backoff_ms = 20, .max_body = 100};

	/* fetch() checks every diagnostic and URL for the token. */
	for (size_t i = 0; i < sizeof(paths) / sizeof(paths[0]); i++) {
		fetch(&r, s, paths[i], &o);
		if (r.st == PF_OK || r.err.errors == 0)
			fail_msg("%s: no error", paths[i]);
		run_free(&r);
	}
}

static void test_password_hidden(void **state)
{
	struct server *s = *state;
	struct run r;
	char url[256];

	snprintf(url, sizeof(url), "http://user:pa55word@127.0.0.1:%d/fail/1", s->port);
	fetch_url(&r, url, NULL);
	assert_int_equal(r.st, PF_EENV);
	assert_token_hidden(&r, "pa55word");
	run_free(&r);
}

/* ---- TLS ---- */

static void test_tls_unknown_ca(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.token = TOKEN};

	if (s->no_tls)
		skip();
	fetch(&r, s, "/paged/1", &o);
	assert_error(&r, s, PF_EENV, "/paged/1", "give its certificate with --cacert");
	assert_non_null(strstr(r.text, "certificate"));
	run_free(&r);
}

static void test_tls_cacert(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.cacert = NULL, .token = TOKEN};

	if (s->no_tls)
		skip();
	o.cacert = s->cert;
	fetch(&r, s, "/paged/1", &o);
	assert_int_equal(r.st, PF_OK);
	ASSERT_PAGES(&r, s, "/paged/1", "/paged/2", "/paged/3");
	run_free(&r);
	fetch(&r, s, "/auth", &o);
	assert_int_equal(r.st, PF_OK);
	run_free(&r);
}

static void test_tls_no_downgrade(void **state)
{
	struct server *s = *state;
	struct run r;
	pf_rest_opts o = {.cacert = NULL};

	if (s->no_tls)
		skip();
	o.cacert = s->cert;
	fetch(&r, s, "/nexthttp", &o);
	assert_error(&r, s, PF_EINPUT, "/nexthttp", "leaves https for http");
	run_free(&r);
}

#define T(name) cmocka_unit_test_setup_teardown(name, setup, teardown)
#define TLS(name) cmocka_unit_test_setup_teardown(name, setup_tls, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_link_header),
	    cmocka_unit_test(test_retry_after),
	    T(test_paged_by_body),
	    T(test_paged_by_link),
	    T(test_body_next_before_link),
	    T(test_empty_next_ends),
	    T(test_request_headers),
	    T(test_loop),
	    T(test_loop_through_redirect),
	    T(test_max_pages),
	    T(test_next_not_http),
	    T(test_next_invalid),
	    T(test_malformed),
	    T(test_error_on_later_page),
	    T(test_timeout),
	    T(test_deadline),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test(test_bad_arguments),
	    T(test_big),
	    T(test_retry_429),
	    T(test_retry_503),
	    T(test_retry_after_date),
	    T(test_retry_reset),
	    T(test_no_retries),
	    T(test_retries_exhausted),
	    T(test_default_retries),
	    T(test_retry_after_over_cap),
	    T(test_redirect),
	    T(test_redirect_limit),
	    T(test_redirect_not_http),
	    T(test_auth),
	    T(test_auth_missing),
	    T(test_auth_wrong),
	    T(test_auth_not_to_other_host),
	    T(test_token_echoed_is_masked),
	    T(test_token_never_shown),
	    T(test_password_hidden),
	    TLS(test_tls_unknown_ca),
	    TLS(test_tls_cacert),
	    TLS(test_tls_no_downgrade),
	};
	/* Proxies from the environment would take requests for 127.0.0.1 elsewhere. */
	static const char *const proxies[] = {"http_proxy", "https_proxy", "HTTPS_PROXY",
	                                      "ALL_PROXY", "all_proxy"};
	for (size_t i = 0; i < sizeof(proxies) / sizeof(proxies[0]); i++)
		unsetenv(proxies[i]);
	signal(SIGPIPE, SIG_IGN);

	assert_int_equal(pf_global_init(NULL), PF_OK);
	int failed = cmocka_run_group_tests(tests, NULL, NULL);
	pf_global_cleanup();
	return failed;
}
