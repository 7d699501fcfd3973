/*
 * The server's request handler (src/server/http.c and the API behind it)
 * without a socket: any bytes as one request, against an in-memory database
 * holding the example portfolio and a user of each role. The input is
 *
 *     METHOD\n PATH[?QUERY]\n (NAME: VALUE\n)* \n BODY
 *
 * and in header values the words TOKEN, SESSION and CSRF stand for an
 * admin's real token, session id and CSRF token, so that the fuzzer reaches
 * the writes. The handler must answer every request with a status.
 */
#include <string.h>

#include "fuzz.h"
#include "server/http.h"
#include "portfolj/portfolj.h"

static const char *const demo_files[] = {
    "initiativ.csv",    "effekter.csv",   "matvarden.csv", "uppfoljning.csv",
    "prioritering.csv", "fardplaner.csv", "beslut.tsv",
};
#define NDEMO (sizeof(demo_files) / sizeof(demo_files[0]))

static pf_db *db;
static pf_server *srv;
static char *token, *session, csrf[65];

static void die(const char *what, const pf_error *err)
{
	fprintf(stderr, "fuzz_http: %s: %s\n", what, err->count ? err->diags[0].message : "?");
	exit(1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	static const char *const kbn[] = {"KBN"};
	pf_server_opts so = {PF_AUTH_PROXY, NULL, false, true, 1 << 20};
	char path[4096];
	pf_error err;
	pf_import *imp = NULL;
	pf_import_summary sum;
	int64_t id;

	(void)argc;
	(void)argv;
	pf_error_init(&err);
	if (pf_users_global_init(&err) || pf_db_open(&db, ":memory:", NULL, &err) ||
	    pf_import_new(&imp, db, NULL, &err))
		die("cannot open an in-memory database", &err);
	for (size_t i = 0; i < NDEMO; i++) {
		snprintf(path, sizeof(path), "%s/examples/demo/%s", PF_SOURCE_DIR, demo_files[i]);
		if (pf_import_add(imp, path, &err))
			die("cannot add the example portfolio", &err);
	}
	if (pf_import_run(imp, &sum, &err) || err.errors)
		die("cannot load the example portfolio", &err);
	pf_import_free(imp);
	if (pf_user_add(db, "admin", PF_ROLE_ADMIN, NULL, 0, NULL, "Password-123", &err) ||
	    pf_user_add(db, "sam", PF_ROLE_COORDINATOR, kbn, 1, NULL, "Password-123", &err) ||
	    pf_user_add(db, "sekr", PF_ROLE_SECRETARY, kbn, 1, NULL, NULL, &err) ||
	    pf_user_add(db, "las", PF_ROLE_READER, NULL, 0, NULL, NULL, &err) ||
	    pf_token_add(db, "admin", "fuzz", &token, &id, &err) ||
	    pf_session_new(db, "sam", &session, &err) || pf_server_new(&srv, &so, &err))
		die("cannot make the users", &err);
	pf_session_csrf(session, csrf);
	pf_error_clear(&err);
	return 0;
}

/* The next line of [*p, end) as a new string; NULL at the end. */
static char *line(const char **p, const char *end)
{
	const char *nl = memchr(*p, '\n', (size_t)(end - *p));
	const char *e = nl ? nl : end;
	char *s;

	if (*p >= end)
		return NULL;
	if (!(s = strndup(*p, (size_t)(e - *p))))
		abort();
	*p = nl ? nl + 1 : end;
	return s;
}

/* A header value with TOKEN, SESSION and CSRF put in. */
static char *value_of(const char *v)
{
	static const char *const words[] = {"TOKEN", "SESSION", "CSRF"};
	const char *real[] = {token, session, csrf};

	for (int i = 0; i < 3; i++) {
		const char *w = strstr(v, words[i]);
		if (w) {
			size_t n = strlen(v) - strlen(words[i]) + strlen(real[i]) + 1;
			char *s = malloc(n);
			if (!s)
				abort();
			snprintf(s, n, "%.*s%s%s", (int)(w - v), v, real[i], w + strlen(words[i]));
			return s;
		}
	}
	return strdup(v);
}

#define MAXP 32

/* Splits QUERY at & and = into pairs (not decoded: the HTTP library decodes). */
static size_t query_pairs(char *q, pf_http_pair *pairs)
{
	size_t n = 0;

	for (char *save = NULL, *t = q ? strtok_r(q, "&", &save) : NULL; t && n < MAXP;
	     t = strtok_r(NULL, "&", &save)) {
		char *eq = strchr(t, '=');
		if (eq)
			*eq++ = '\0';
		pairs[n++] = (pf_http_pair){t, eq};
	}
	return n;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *p = (const char *)data, *end = p + size;
	char *method = line(&p, end), *target = line(&p, end), *h, *q;
	char *names[MAXP], *values[MAXP], *body;
	pf_http_pair headers[MAXP], query[MAXP];
	size_t nh = 0;
	pf_http_response resp;

	if (!method || !target) {
		free(method);
		free(target);
		return 0;
	}
	while (nh < MAXP && (h = line(&p, end)) && *h) {
		char *colon = strchr(h, ':');
		names[nh] = h;
		values[nh] = value_of(colon ? colon + 1 + strspn(colon + 1, " ") : "");
		if (colon)
			*colon = '\0';
		headers[nh] = (pf_http_pair){names[nh], values[nh]};
		nh++;
	}
	if (h && !*h)
		free(h);
	/* The body as the HTTP library gives it: its bytes, NUL-terminated. */
	if (!(body = malloc((size_t)(end - p) + 1)))
		abort();
	memcpy(body, p, (size_t)(end - p));
	body[end - p] = '\0';
	if ((q = strchr(target, '?')))
		*q++ = '\0';
	pf_http_request req = {method, target, query, query_pairs(q, query), headers, nh,
	                       "127.0.0.1", true, body, (size_t)(end - p)};
	pf_http_handle(srv, db, &req, &resp);
	if (resp.status < 100 || resp.status > 599 || (resp.len && !resp.body))
		pf_fuzz_fail("an answer without a status or with a body of no bytes", NULL);
	pf_http_response_free(&resp);
	for (size_t i = 0; i < nh; i++) {
		free(names[i]);
		free(values[i]);
	}
	free(body);
	free(method);
	free(target);
	return 0;
}
