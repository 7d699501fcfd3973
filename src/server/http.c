/*
 * Answering a request (src/server/http.h): the routes outside the API, the
 * helpers every route uses to read a request and write a response, and the
 * one place where a status of the library becomes an HTTP status.
 */
#include <sodium.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "server.h"

pf_status pf_server_new(pf_server **out, const pf_server_opts *opts, pf_error *err)
{
	pf_server *s = calloc(1, sizeof(*s));

	*out = NULL;
	if (!s)
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	s->o = *opts;
	snprintf(s->proxy_header, sizeof(s->proxy_header), "%s",
	         opts->proxy_header && *opts->proxy_header ? opts->proxy_header : "X-Remote-User");
	s->o.proxy_header = s->proxy_header;
	if (!(s->cache = pf_cache_new(opts->cache_bytes ? opts->cache_bytes : (size_t)64 << 20))) {
		free(s);
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	}
	pthread_mutex_init(&s->write_lock, NULL);
	*out = s;
	return PF_OK;
}

void pf_server_free(pf_server *srv)
{
	if (!srv)
		return;
	pf_cache_free(srv->cache);
	pthread_mutex_destroy(&srv->write_lock);
	free(srv);
}

size_t pf_http_body_limit(const char *method, const char *path)
{
	if (method && !strcmp(method, "POST") && path && !strcmp(path, "/api/v1/import"))
		return (size_t)256 << 20;
	return (size_t)1 << 20;
}

const char *pf_req_header(const pf_http_request *req, const char *name)
{
	for (size_t i = 0; i < req->nheaders; i++)
		if (req->headers[i].name && !strcasecmp(req->headers[i].name, name))
			return req->headers[i].value ? req->headers[i].value : "";
	return NULL;
}

const char *pf_req_query(const pf_http_request *req, const char *name)
{
	for (size_t i = 0; i < req->nquery; i++)
		if (req->query[i].name && !strcmp(req->query[i].name, name))
			return req->query[i].value ? req->query[i].value : "";
	return NULL;
}

bool pf_req_cookie(const pf_http_request *req, const char *name, char *out, size_t n)
{
	size_t len = strlen(name);

	for (size_t i = 0; i < req->nheaders; i++) {
		const char *p = req->headers[i].value;
		if (!req->headers[i].name || strcasecmp(req->headers[i].name, "Cookie") || !p)
			continue;
		while (*p) {
			p += strspn(p, " ;");
			size_t k = strcspn(p, ";");
			if (k > len && !strncmp(p, name, len) && p[len] == '=') {
				if (k - len - 1 >= n)
					return false;
				memcpy(out, p + len + 1, k - len - 1);
				out[k - len - 1] = '\0';
				return true;
			}
			p += k;
		}
	}
	return false;
}

void pf_req_content_type(const pf_http_request *req, char *out, size_t n)
{
	const char *t = pf_req_header(req, "Content-Type");
	size_t k = 0;

	for (; t && t[k] && t[k] != ';' && t[k] != ' ' && k + 1 < n; k++)
		out[k] = (char)(t[k] >= 'A' && t[k] <= 'Z' ? t[k] + 32 : t[k]);
	out[k] = '\0';
}

bool pf_req_is(const pf_http_request *req, const char *method)
{
	/* HEAD is answered as GET; the HTTP library leaves the body out. */
	if (!strcmp(method, "GET") && !strcmp(req->method, "HEAD"))
		return true;
	return !strcmp(req->method, method);
}

void pf_resp_header(pf_http_response *resp, const char *name, const char *value)
{
	if (resp->nheaders == PF_HTTP_MAX_HEADERS)
		return;
	char *n = strdup(name), *v = strdup(value);
	if (!n || !v) {
		free(n);
		free(v);
		return;
	}
	resp->headers[resp->nheaders][0] = n;
	resp->headers[resp->nheaders++][1] = v;
}

void pf_resp_body(pf_http_response *resp, int status, const char *type, char *body, size_t len)
{
	free(resp->body);
	resp->status = status;
	resp->body = body;
	resp->len = body ? len : 0;
	if (type)
		pf_resp_header(resp, "Content-Type", type);
}

void pf_resp_json(pf_call *c, int status, json_t *doc)
{
	char *text = doc ? json_dumps(doc, JSON_COMPACT | JSON_REAL_PRECISION(15)) : NULL;
	size_t n = text ? strlen(text) : 0;
	char *t = text ? realloc(text, n + 2) : NULL;

	json_decref(doc);
	if (!t) {
		free(text);
		pf_http_simple(c->resp, 500, "out of memory");
		return;
	}
	memcpy(t + n, "\n", 2);
	pf_resp_body(c->resp, status, "application/json", t, n + 1);
}

void pf_http_simple(pf_http_response *resp, int status, const char *message)
{
	json_t *doc = json_pack("{ss}", "error", message);
	char *text = doc ? json_dumps(doc, JSON_COMPACT) : NULL;

	json_decref(doc);
	if (status == 503)
		pf_resp_header(resp, "Retry-After", "1");
	pf_resp_body(resp, status, text ? "application/json" : NULL, text, text ? strlen(text) : 0);
}

void pf_resp_error(pf_call *c, int status, const char *fmt, ...)
{
	char msg[512];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), pf_msg(c->lang, fmt), ap);
	va_end(ap);
	pf_http_simple(c->resp, status, msg);
}

static bool all_digits(const char *s, size_t n)
{
	for (size_t i = 0; i < n; i++)
		if (s[i] < '0' || s[i] > '9')
			return false;
	return n > 0;
}

/*
 * A diagnostic's place as the errors list gives it: "SOURCE:LINE:COL",
 * "SOURCE:POS" (a cell, a record, or the member of a request's body: its
 * field) or "SOURCE".
 */
static json_t *diag_json(const pf_diag *d)
{
	const char *w = d->where ? d->where : "", *a = strchr(w, ':'),
	           *b = a ? strchr(a + 1, ':') : NULL;
	json_t *o = json_object(), *line = json_null(), *col = json_null(), *field = json_null();
	size_t src = a ? (size_t)(a - w) : strlen(w);

	if (a && b && all_digits(a + 1, (size_t)(b - a - 1)) && all_digits(b + 1, strlen(b + 1))) {
		line = json_integer(atol(a + 1));
		col = json_integer(atol(b + 1));
	} else if (a && all_digits(a + 1, strlen(a + 1))) {
		line = json_integer(atol(a + 1));
	} else if (a && !strncmp(w, "request", src)) {
		field = json_string(a + 1);
	} else if (a) {
		col = json_string(a + 1);
	}
	/* A message about a cell begins with the column's heading: "Bedömning: ...". */
	const char *colon = strstr(d->message, ": ");
	if (json_is_null(field) && !json_is_null(col) && colon && colon - d->message < 40 &&
	    !memchr(d->message, ' ', (size_t)(colon - d->message)) &&
	    !memchr(d->message, '"', (size_t)(colon - d->message)))
		field = json_stringn(d->message, (size_t)(colon - d->message));
	json_object_set_new(o, "source", d->where ? json_stringn(w, src) : json_null());
	json_object_set_new(o, "line", line);
	json_object_set_new(o, "column", col);
	json_object_set_new(o, "field", field);
	json_object_set_new(o, "message", json_string(d->message));
	return o;
}

static json_t *errors_json(const pf_error *err)
{
	json_t *list = json_array(), *warn = json_array(), *doc;

	for (size_t i = 0; i < err->count; i++)
		json_array_append_new(err->diags[i].severity == PF_SEV_ERROR ? list : warn,
		                      diag_json(&err->diags[i]));
	doc = json_pack("{so}", "errors", list);
	if (doc && json_array_size(warn))
		json_object_set(doc, "warnings", warn);
	json_decref(warn);
	return doc;
}

void pf_resp_status(pf_call *c, pf_status st)
{
	static const struct {
		pf_status st;
		int http;
	} map[] = {
	    {PF_EINPUT, 422}, {PF_ENOTFOUND, 404}, {PF_EUSAGE, 400},
	    {PF_EBUSY, 503},  {PF_ENOMEM, 500},    {PF_EENV, 500},
	};
	int http = 500;

	for (size_t i = 0; i < sizeof(map) / sizeof(map[0]); i++)
		if (map[i].st == st)
			http = map[i].http;
	if (http == 503)
		pf_resp_header(c->resp, "Retry-After", "1");
	pf_resp_json(c, http, errors_json(&c->err));
}

void pf_etag(const char *text, size_t len, char out[40])
{
	unsigned char h[16];
	char hex[33];

	crypto_generichash(h, sizeof(h), (const unsigned char *)text, len, NULL, 0);
	sodium_bin2hex(hex, sizeof(hex), h, sizeof(h));
	snprintf(out, 40, "\"%s\"", hex);
}

/* ?lang=en, else an Accept-Language that begins with English, else Swedish. */
static pf_lang call_lang(const pf_http_request *req)
{
	const char *q = pf_req_query(req, "lang"), *a = pf_req_header(req, "Accept-Language");
	int l = q ? pf_lang_parse(q) : -1;

	if (l >= 0)
		return (pf_lang)l;
	return a && !strncasecmp(a, "en", 2) ? PF_LANG_EN : PF_LANG_SV;
}

void pf_http_handle(pf_server *srv, pf_db *db, const pf_http_request *req, pf_http_response *resp)
{
	pf_call c = {srv, db, req, resp, call_lang(req), NULL, PF_AUTH_NONE, "", {0}};
	const char *p = req->path ? req->path : "";

	memset(resp, 0, sizeof(*resp));
	strcpy(resp->user, "-");
	pf_error_init(&c.err);
	c.err.lang = c.lang;
	if (!req->method || p[0] != '/') {
		pf_resp_error(&c, 400, "malformed request");
	} else if (!strcmp(p, "/login") && pf_req_is(req, "POST")) {
		pf_auth_login(&c);
	} else if (!strcmp(p, "/login") && pf_req_is(req, "GET")) {
		pf_auth_login_page(&c);
	} else if (!strcmp(p, "/logout") && (pf_req_is(req, "POST") || pf_req_is(req, "GET"))) {
		pf_auth_logout(&c);
	} else if (!strncmp(p, "/api/v1/", 8)) {
		if (pf_auth_resolve(&c))
			pf_api_route(&c, p + 8);
	} else {
		pf_resp_error(&c, 404, "no such page: %s", p);
	}
	if (c.user)
		snprintf(resp->user, sizeof(resp->user), "%s", c.user->name);
	pf_user_free(c.user);
	pf_error_clear(&c.err);
	/* Nothing a user may read is kept by a shared cache, and no page is framed by another. */
	pf_resp_header(resp, "Cache-Control", "no-store");
	pf_resp_header(resp, "X-Content-Type-Options", "nosniff");
}

void pf_http_response_free(pf_http_response *resp)
{
	free(resp->body);
	for (size_t i = 0; i < resp->nheaders; i++) {
		free(resp->headers[i][0]);
		free(resp->headers[i][1]);
	}
	memset(resp, 0, sizeof(*resp));
}

static int hex_value(char ch)
{
	return ch >= '0' && ch <= '9'   ? ch - '0'
	       : ch >= 'a' && ch <= 'f' ? ch - 'a' + 10
	       : ch >= 'A' && ch <= 'F' ? ch - 'A' + 10
	                                : -1;
}

/* Decodes [p, p+k) of a form ('+' is a space, %XX a byte) into out; false when it does not fit. */
static bool form_decode(const char *p, size_t k, char *out, size_t n)
{
	size_t o = 0;

	for (size_t i = 0; i < k; i++) {
		char ch = p[i];
		if (ch == '+') {
			ch = ' ';
		} else if (ch == '%' && i + 2 < k && hex_value(p[i + 1]) >= 0 &&
		           hex_value(p[i + 2]) >= 0) {
			ch = (char)(hex_value(p[i + 1]) * 16 + hex_value(p[i + 2]));
			i += 2;
		}
		if (o + 1 >= n || ch == '\0')
			return false;
		out[o++] = ch;
	}
	out[o] = '\0';
	return true;
}

bool pf_form_field(const char *body, size_t len, const char *name, char *out, size_t n)
{
	size_t nl = strlen(name);

	for (size_t i = 0; body && i < len;) {
		const char *p = body + i, *amp = memchr(p, '&', len - i);
		size_t k = amp ? (size_t)(amp - p) : len - i;
		if (k > nl && !strncmp(p, name, nl) && p[nl] == '=')
			return form_decode(p + nl + 1, k - nl - 1, out, n);
		i += k + 1;
	}
	return false;
}
