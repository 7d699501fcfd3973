/*
 * REST transport over libcurl: see rest.h and FORMATS.md section 3.
 *
 * One easy handle serves every page of a fetch, so that connections are
 * reused. Each page is fetched by get_page() (retries and backoff), handed
 * to the caller's parser, and its next URL is resolved against the page's
 * effective URL and checked against the URLs already read before the loop
 * in pf_rest_fetch() goes on.
 *
 * The token and the start URL's password are registered with the caller's
 * pf_error (pf_error_secret()) before anything is fetched, so every
 * diagnostic of the fetch, and of the import that reads its pages, shows
 * them as "***": the promise of rest.h that they never show.
 */
#include "importers/read/rest.h"

#include "portfolj/global.h"

#include <assert.h>
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <time.h>

#include <curl/curl.h>

/* CURLOPT_PROTOCOLS_STR (7.85) and curl_easy_header() (7.83); Debian 12 has 7.88. */
#if LIBCURL_VERSION_NUM < 0x075500
#error "portfolj needs libcurl 7.85 or later"
#endif

#define DEFAULT_CONNECT_TIMEOUT_MS 10000L
#define DEFAULT_TIMEOUT_MS 60000L
#define DEFAULT_MAX_RETRIES 3
#define DEFAULT_MAX_BACKOFF_MS 30000L
#define DEFAULT_MAX_PAGES 10000
#define DEFAULT_MAX_BODY ((size_t)256 << 20)
#define MAX_REDIRECTS 5L
#define FIRST_BACKOFF_MS 500L      /* doubled for every further retry */
#define MAX_RETRY_AFTER_S 2000000L /* so that the milliseconds fit a 32-bit long */

struct body {
	char *data; /* NUL-terminated once anything was allocated */
	size_t len, cap, max;
	int too_big, nomem;
};

struct fetch {
	pf_rest_opts o; /* the caller's, with the defaults filled in */
	pf_error *err;
	CURL *curl;
	struct curl_slist *headers;
	char errbuf[CURL_ERROR_SIZE];
	struct body body;
	char *origin; /* scheme://host:port of the first URL: the only one the token goes to */
	int https;    /* the first URL is https, so every page must be */
	char **seen;  /* normalised URLs read so far, to catch paging loops */
	size_t nseen, capseen;
};

/* The outcome of one HTTP request. */
struct
try {
	CURLcode rc;
	long status;
	long retry_after_ms; /* -1: no usable Retry-After */
};

/* ---- messages ---- */

static char *vformat(const char *fmt, va_list ap)
{
	va_list copy;

	va_copy(copy, ap);
	int n = vsnprintf(NULL, 0, fmt, copy);
	va_end(copy);
	if (n < 0)
		return NULL;
	char *s = malloc((size_t)n + 1);
	if (s)
		vsnprintf(s, (size_t)n + 1, fmt, ap);
	return s;
}

/* url without its password, if curl can parse it; NULL when out of memory. */
static char *without_password(const char *url)
{
	CURLU *u = curl_url();
	char *s = NULL, *out = NULL;

	if (!u)
		return NULL;
	if (!curl_url_set(u, CURLUPART_URL, url, 0) &&
	    !curl_url_set(u, CURLUPART_PASSWORD, NULL, 0) && !curl_url_get(u, CURLUPART_URL, &s, 0))
		out = strdup(s);
	else
		out = strdup(url);
	curl_free(s);
	curl_url_cleanup(u);
	return out;
}

/* A URL as messages, the callback and the progress hook may show it. */
static char *public_url(const struct fetch *f, const char *url)
{
	char *plain = without_password(url);
	char *out = plain ? pf_error_masked(f->err, plain) : NULL;

	free(plain);
	return out;
}

/* Records an error at url (NULL: none), without its password. Returns st. */
static pf_status fail(const struct fetch *f, pf_status st, const char *url, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

static pf_status fail(const struct fetch *f, pf_status st, const char *url, const char *fmt, ...)
{
	va_list ap;
	char *msg, *where = NULL;

	va_start(ap, fmt);
	msg = vformat(pf_error_msg(f->err, fmt), ap);
	va_end(ap);
	if (url)
		where = public_url(f, url);
	if (!msg || (url && !where))
		st = pf_error_set(f->err, PF_ENOMEM, "out of memory");
	else
		pf_error_pos(f->err, st, where, NULL, "%s", msg);
	free(msg);
	free(where);
	return st;
}

static pf_status nomem(const struct fetch *f)
{
	return fail(f, PF_ENOMEM, NULL, "out of memory");
}

/* ---- URLs ---- */

/* ref resolved against base (NULL: ref must be absolute), normalised by curl. */
static CURLUcode resolve(const char *base, const char *ref, char **out)
{
	CURLU *u = curl_url();
	char *s = NULL;
	CURLUcode uc = u ? CURLUE_OK : CURLUE_OUT_OF_MEMORY;

	*out = NULL;
	if (!uc && base)
		uc = curl_url_set(u, CURLUPART_URL, base, 0);
	if (!uc)
		uc = curl_url_set(u, CURLUPART_URL, ref, 0);
	if (!uc)
		uc = curl_url_get(u, CURLUPART_URL, &s, 0);
	if (!uc && !(*out = strdup(s)))
		uc = CURLUE_OUT_OF_MEMORY;
	curl_free(s);
	curl_url_cleanup(u);
	return uc;
}

/* Whether a URL normalised by resolve() is http or https (curl lowercases the scheme). */
static int is_http(const char *url)
{
	return strncmp(url, "http://", 7) == 0 || strncmp(url, "https://", 8) == 0;
}

/* "scheme://host:port" in lower case, the port always given; NULL if url does not parse. */
static char *origin_of(const char *url)
{
	CURLU *u = curl_url();
	char *scheme = NULL, *host = NULL, *port = NULL, *out = NULL;

	if (u && !curl_url_set(u, CURLUPART_URL, url, 0) &&
	    !curl_url_get(u, CURLUPART_SCHEME, &scheme, 0) &&
	    !curl_url_get(u, CURLUPART_HOST, &host, 0) &&
	    !curl_url_get(u, CURLUPART_PORT, &port, CURLU_DEFAULT_PORT)) {
		size_t n = strlen(scheme) + strlen(host) + strlen(port) + 5;
		out = malloc(n);
		if (out) {
			snprintf(out, n, "%s://%s:%s", scheme, host, port);
			for (char *p = out; *p; p++)
				*p = (char)tolower((unsigned char)*p);
		}
	}
	curl_free(scheme);
	curl_free(host);
	curl_free(port);
	curl_url_cleanup(u);
	return out;
}

/* A linear search: a fetch reads at most max_pages pages, each far slower than this. */
static int seen(const struct fetch *f, const char *url)
{
	for (size_t i = 0; i < f->nseen; i++)
		if (strcmp(f->seen[i], url) == 0)
			return 1;
	return 0;
}

static pf_status remember(struct fetch *f, const char *url)
{
	if (f->nseen == f->capseen) {
		size_t cap = f->capseen ? 2 * f->capseen : 16;
		char **v = realloc(f->seen, cap * sizeof(*v));
		if (!v)
			return nomem(f);
		f->seen = v;
		f->capseen = cap;
	}
	if (!(f->seen[f->nseen] = strdup(url)))
		return nomem(f);
	f->nseen++;
	return PF_OK;
}

/* ---- the Link header (RFC 8288) ---- */

static const char *skip_ows(const char *p)
{
	while (*p == ' ' || *p == '\t')
		p++;
	return p;
}

static int is_tchar(char c)
{
	return isalnum((unsigned char)c) || (c && strchr("!#$%&'*+-.^_`|~", c));
}

/* A parameter's value, a token or a quoted-string: [*v, *vend) without the quotes. */
static const char *param_value(const char *p, const char **v, const char **vend)
{
	if (*p != '"') {
		*v = p;
		while (is_tchar(*p))
			p++;
		*vend = p;
		return p;
	}
	*v = ++p;
	for (; *p && *p != '"'; p++)
		if (*p == '\\' && p[1])
			p++;
	if (!*p)
		return NULL;
	*vend = p;
	return p + 1;
}

/* Whether the space-separated relation types in [v, end) include "next". */
static int has_next(const char *v, const char *end)
{
	while (v < end) {
		while (v < end && (*v == ' ' || *v == '\t'))
			v++;
		const char *w = v;
		while (v < end && *v != ' ' && *v != '\t')
			v++;
		if (v - w == 4 && strncasecmp(w, "next", 4) == 0)
			return 1;
	}
	return 0;
}

/* A link's parameters, from just after its '>': returns the end of the link, NULL if malformed. */
static const char *link_params(const char *p, int *is_next)
{
	int rel_seen = 0;

	*is_next = 0;
	for (;;) {
		p = skip_ows(p);
		if (*p != ';')
			break;
		p = skip_ows(p + 1);
		const char *name = p, *v = p, *vend = p;
		while (is_tchar(*p))
			p++;
		size_t nlen = (size_t)(p - name);
		p = skip_ows(p);
		if (*p == '=' && !(p = param_value(skip_ows(p + 1), &v, &vend)))
			return NULL;
		/* RFC 8288 section 3.3: a second rel parameter is ignored. */
		if (nlen == 3 && strncasecmp(name, "rel", 3) == 0 && !rel_seen) {
			rel_seen = 1;
			*is_next = has_next(v, vend);
		}
	}
	return *p == ',' || !*p ? p : NULL;
}

pf_status pf_rest_link_next(const char *value, char **next)
{
	const char *p = value;

	*next = NULL;
	while (p && *p) {
		p = skip_ows(p);
		if (*p == ',') {
			p++;
			continue;
		}
		const char *uri = p + 1, *end = *p == '<' ? strchr(uri, '>') : NULL;
		int is_next;
		if (!end)
			break;
		p = link_params(end + 1, &is_next);
		if (p && is_next) {
			*next = strndup(uri, (size_t)(end - uri));
			return *next ? PF_OK : PF_ENOMEM;
		}
	}
	return PF_OK;
}

/* The first Link rel="next" of the last response (after redirects), or NULL. */
static pf_status link_header_next(struct fetch *f, char **out)
{
	struct curl_header *h;
	size_t amount = 1;

	*out = NULL;
	for (size_t i = 0; i < amount && !*out; i++) {
		if (curl_easy_header(f->curl, "Link", i, CURLH_HEADER, -1, &h) != CURLHE_OK)
			break;
		amount = h->amount;
		if (pf_rest_link_next(h->value, out) != PF_OK)
			return nomem(f);
	}
	return PF_OK;
}

/* ---- retries ---- */

long pf_rest_retry_after_ms(const char *value, time_t now)
{
	const char *p = value ? skip_ows(value) : "";

	if (isdigit((unsigned char)*p)) {
		char *end;
		errno = 0;
		long long s = strtoll(p, &end, 10);
		if (*skip_ows(end))
			return -1;
		if (errno == ERANGE || s > MAX_RETRY_AFTER_S)
			s = MAX_RETRY_AFTER_S;
		return (long)s * 1000;
	}
	/* curl_getdate() would read "-5" or "+5" as a bare time-zone offset. */
	if (!*p || *p == '-' || *p == '+')
		return -1;
	time_t t = curl_getdate(p, NULL);
	if (t == -1)
		return -1;
	double s = difftime(t, now);
	if (s <= 0)
		return 0;
	return (s > MAX_RETRY_AFTER_S ? MAX_RETRY_AFTER_S : (long)s) * 1000;
}

static long header_retry_after(CURL *curl)
{
	struct curl_header *h;

	if (curl_easy_header(curl, "Retry-After", 0, CURLH_HEADER, -1, &h) != CURLHE_OK)
		return -1;
	return pf_rest_retry_after_ms(h->value, time(NULL));
}

/* Answers worth asking again: overload, or a connection closed or reset under the request. */
static int retryable(const struct try *t)
{
	switch (t->rc) {
	case CURLE_OK:
		return t->status == 429 || t->status == 503;
	case CURLE_SEND_ERROR:
	case CURLE_RECV_ERROR:
	case CURLE_GOT_NOTHING:
	case CURLE_PARTIAL_FILE:
	case CURLE_HTTP2_STREAM:
		return 1;
	default:
		return 0;
	}
}

/* The wait before retry number attempt + 1 in ms, or -1 to give up. */
static long retry_wait(const struct fetch *f, const struct try *t, int attempt)
{
	long cap = f->o.max_backoff_ms, wait = FIRST_BACKOFF_MS;

	if (attempt >= f->o.max_retries || !retryable(t) || t->retry_after_ms > cap)
		return -1;
	for (int i = 0; i < attempt && wait < cap; i++)
		wait *= 2;
	if (wait > cap)
		wait = cap;
	/* Retry-After is the least the server asks for; the backoff may be longer. */
	return t->retry_after_ms > wait ? t->retry_after_ms : wait;
}

long long pf_rest_now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

static void sleep_ms(long ms)
{
	struct timespec ts = {ms / 1000, (ms % 1000) * 1000000L};

	while (nanosleep(&ts, &ts) == -1 && errno == EINTR)
		;
}

/* ---- one request ---- */

/* libcurl's write callback: keeps at most max bytes, NUL-terminated. */
static size_t on_body(char *data, size_t size, size_t n, void *userdata)
{
	struct body *b = userdata;
	size_t len = size * n;

	if (len > b->max - b->len) {
		b->too_big = 1;
		return 0; /* aborts the transfer with CURLE_WRITE_ERROR */
	}
	if (b->len + len + 1 > b->cap) {
		size_t need = b->len + len + 1, cap = b->cap ? b->cap : 16384;
		while (cap < need && cap <= b->max / 2)
			cap *= 2;
		if (cap < need)
			cap = b->max + 1; /* need is at most that, as checked above */
		char *p = realloc(b->data, cap);
		if (!p) {
			b->nomem = 1;
			return 0;
		}
		b->data = p;
		b->cap = cap;
	}
	memcpy(b->data + b->len, data, len);
	b->len += len;
	b->data[b->len] = '\0';
	return len;
}

static void try_once(struct fetch *f, struct try *t)
{
	f->body.len = 0;
	f->body.too_big = f->body.nomem = 0;
	if (f->body.data)
		f->body.data[0] = '\0';
	f->errbuf[0] = '\0';
	t->rc = curl_easy_perform(f->curl);
	t->status = 0;
	curl_easy_getinfo(f->curl, CURLINFO_RESPONSE_CODE, &t->status);
	t->retry_after_ms = t->rc == CURLE_OK ? header_retry_after(f->curl) : -1;
}

/* The reason phrase after the status, or a note that the status was not a success. */
static const char *reason(long status)
{
	static const struct {
		long status;
		const char *text;
	} reasons[] = {
	    {400, " Bad Request"},        {401, " Unauthorized"},
	    {403, " Forbidden"},          {404, " Not Found"},
	    {405, " Method Not Allowed"}, {406, " Not Acceptable"},
	    {408, " Request Timeout"},    {410, " Gone"},
	    {429, " Too Many Requests"},  {500, " Internal Server Error"},
	    {502, " Bad Gateway"},        {503, " Service Unavailable"},
	    {504, " Gateway Timeout"},
	};

	for (size_t i = 0; i < sizeof(reasons) / sizeof(reasons[0]); i++)
		if (reasons[i].status == status)
			return reasons[i].text;
	return status < 200 || status >= 300 ? " (expected 2xx)" : "";
}

/* What to do about a refusal, given where the last request went. */
static const char *auth_hint(const struct fetch *f, const char *effective)
{
	char *origin = origin_of(effective);
	int elsewhere = !origin || strcmp(origin, f->origin) != 0;

	free(origin);
	if (!f->o.token)
		return " (no bearer token was sent: set $PORTFOLJ_TOKEN)";
	if (elsewhere)
		return " (the bearer token is sent only to the host of the first URL)";
	return " (the server did not accept the bearer token)";
}

static pf_status http_error(const struct fetch *f, const char *url, const struct try *t,
                            const char *after)
{
	const char *effective = NULL, *hint = "";
	long redirects = 0;
	char wait[96] = "";
	char *shown = NULL;
	pf_status st;

	curl_easy_getinfo(f->curl, CURLINFO_EFFECTIVE_URL, &effective);
	curl_easy_getinfo(f->curl, CURLINFO_REDIRECT_COUNT, &redirects);
	if (!effective)
		effective = url;
	if (t->status == 401 || t->status == 403)
		hint = auth_hint(f, effective);
	if (t->retry_after_ms > f->o.max_backoff_ms && retryable(t))
		snprintf(wait, sizeof(wait),
		         " (the server asks to wait %ld s, over the %ld ms allowed)",
		         t->retry_after_ms / 1000, f->o.max_backoff_ms);
	if (redirects > 0 && !(shown = public_url(f, effective)))
		return nomem(f);
	st = fail(f, PF_EENV, url, "HTTP %ld%s%s%s%s%s%s", t->status, reason(t->status),
	          shown ? " from " : "", shown ? shown : "", after, wait, hint);
	free(shown);
	return st;
}

static const char *curl_hint(CURLcode rc)
{
	switch (rc) {
	case CURLE_PEER_FAILED_VERIFICATION:
		return " (for a server with a private CA, give its certificate with --cacert)";
	case CURLE_UNSUPPORTED_PROTOCOL:
		return " (only http and https are followed)";
	default:
		return "";
	}
}

/* The error after the last try of a page. */
static pf_status transfer_error(const struct fetch *f, const char *url, const struct try *t,
                                int retries)
{
	char after[48] = "";

	if (f->body.too_big || t->rc == CURLE_FILESIZE_EXCEEDED)
		return fail(f, PF_EINPUT, url, "the response is larger than %zu bytes",
		            f->o.max_body);
	if (f->body.nomem)
		return nomem(f);
	if (retries > 0)
		snprintf(after, sizeof(after), " (after %d %s)", retries,
		         retries == 1 ? "retry" : "retries");
	if (t->rc != CURLE_OK)
		return fail(f, PF_EENV, url, "%s%s%s",
		            f->errbuf[0] ? f->errbuf : curl_easy_strerror(t->rc), after,
		            curl_hint(t->rc));
	return http_error(f, url, t, after);
}

/* Points the handle at url: the token only for the first URL's origin, no https downgrade. */
static pf_status aim(struct fetch *f, const char *url)
{
	char *origin = origin_of(url);
	int send = f->o.token && origin && strcmp(origin, f->origin) == 0;
	int https = origin && strncmp(origin, "https:", 6) == 0;
	CURLcode rc = curl_easy_setopt(f->curl, CURLOPT_URL, url);

	free(origin);
	if (rc == CURLE_OK)
		rc = curl_easy_setopt(f->curl, CURLOPT_HTTPAUTH,
		                      send ? CURLAUTH_BEARER : CURLAUTH_BASIC);
	if (rc == CURLE_OK)
		rc = curl_easy_setopt(f->curl, CURLOPT_XOAUTH2_BEARER, send ? f->o.token : NULL);
	if (rc == CURLE_OK)
		rc = curl_easy_setopt(f->curl, CURLOPT_REDIR_PROTOCOLS_STR,
		                      https ? "https" : "http,https");
	if (rc != CURLE_OK)
		return fail(f, PF_EENV, url, "libcurl: %s", curl_easy_strerror(rc));
	return PF_OK;
}

static pf_status deadline_error(const struct fetch *f, const char *url)
{
	return fail(f, PF_EENV, url,
	            "the overall deadline passed: every page of the import was to be read "
	            "within %.3g s (--timeout); nothing of it is used",
	            (double)f->o.total_ms / 1000);
}

/*
 * The time the next request may take: timeout_ms, or what is left before
 * the deadline when that is less (*by_deadline then set); 0 when it passed.
 */
static long request_limit(const struct fetch *f, int *by_deadline)
{
	long long left = f->o.deadline_ms ? f->o.deadline_ms - pf_rest_now_ms() : 0;

	*by_deadline = f->o.deadline_ms && left < f->o.timeout_ms;
	if (!*by_deadline)
		return f->o.timeout_ms;
	return left > 0 ? (long)left : 0;
}

/* Fetches url into f->body, trying again while that is worth it and the deadline allows. */
static pf_status get_page(struct fetch *f, const char *url)
{
	struct try t;
	pf_status st = aim(f, url);
	int by_deadline;

	for (int attempt = 0; st == PF_OK; attempt++) {
		long limit = request_limit(f, &by_deadline);
		if (limit == 0)
			return deadline_error(f, url);
		curl_easy_setopt(f->curl, CURLOPT_TIMEOUT_MS, limit);
		try_once(f, &t);
		if (t.rc == CURLE_OK && t.status >= 200 && t.status < 300)
			break;
		if (by_deadline && t.rc == CURLE_OPERATION_TIMEDOUT)
			return deadline_error(f, url);
		long wait = retry_wait(f, &t, attempt);
		if (wait < 0)
			st = transfer_error(f, url, &t, attempt);
		else if (f->o.deadline_ms && pf_rest_now_ms() + wait >= f->o.deadline_ms)
			st = deadline_error(f, url);
		else
			sleep_ms(wait);
	}
	return st;
}

/* ---- the page loop ---- */

static pf_status progress(const struct fetch *f, size_t page, const char *url)
{
	char *shown;

	if (!f->o.progress)
		return PF_OK;
	if (!(shown = public_url(f, url)))
		return nomem(f);
	f->o.progress(f->o.progress_ctx, page, shown);
	free(shown);
	return PF_OK;
}

/* Where the page came from after redirects; a redirect back to a page already read is a loop. */
static pf_status landed(struct fetch *f, const char *url, char **out)
{
	const char *effective = NULL;
	long redirects = 0;

	curl_easy_getinfo(f->curl, CURLINFO_EFFECTIVE_URL, &effective);
	curl_easy_getinfo(f->curl, CURLINFO_REDIRECT_COUNT, &redirects);
	if (redirects <= 0 || !effective)
		return (*out = strdup(url)) ? PF_OK : nomem(f);
	if (resolve(NULL, effective, out) != CURLUE_OK)
		return fail(f, PF_EENV, url, "libcurl gave an invalid effective URL");
	if (!seen(f, *out))
		return remember(f, *out);
	pf_status st;
	char *shown = public_url(f, *out);
	if (shown)
		st = fail(f, PF_EINPUT, url, "redirects to %s, a page already read (a paging loop)",
		          shown);
	else
		st = nomem(f);
	free(shown);
	free(*out);
	*out = NULL;
	return st;
}

/* Why a resolved next URL cannot be followed, or NULL if it can. */
static const char *refusal(const struct fetch *f, const char *next)
{
	if (!is_http(next))
		return "is not an http or https URL";
	if (f->https && strncmp(next, "https:", 6) != 0)
		return "leaves https for http";
	if (seen(f, next))
		return "was read before (a paging loop)";
	return NULL;
}

/* Resolves the next page's reference against the page's effective URL. */
static pf_status follow(const struct fetch *f, const char *base, const char *ref, char **next)
{
	CURLUcode uc = resolve(base, ref, next);
	const char *why;
	char *shown;
	pf_status st;

	if (uc == CURLUE_OUT_OF_MEMORY)
		return nomem(f);
	if (uc != CURLUE_OK)
		return fail(f, PF_EINPUT, base, "the next page's URL \"%s\" is not valid: %s", ref,
		            curl_url_strerror(uc));
	if (!(why = refusal(f, *next)))
		return PF_OK;
	shown = public_url(f, *next);
	st = shown ? fail(f, PF_EINPUT, base, "the next page's URL %s %s", shown, why) : nomem(f);
	free(shown);
	free(*next);
	*next = NULL;
	return st;
}

/* Reads one page, gives it to fn and finds the next URL (NULL at the end). */
static pf_status one_page(struct fetch *f, size_t page, const char *url, pf_rest_page_fn fn,
                          void *ctx, char **next)
{
	char *effective = NULL, *shown = NULL, *ref = NULL;
	pf_status st = progress(f, page, url);

	*next = NULL;
	if (st == PF_OK)
		st = get_page(f, url);
	if (st == PF_OK)
		st = landed(f, url, &effective);
	if (st == PF_OK && !(shown = public_url(f, effective)))
		st = nomem(f);
	if (st == PF_OK)
		st = fn(ctx, shown, f->body.data ? f->body.data : "", f->body.len, &ref, f->err);
	if (st == PF_OK && !ref)
		st = link_header_next(f, &ref);
	if (st == PF_OK && ref && *ref)
		st = follow(f, effective, ref, next);
	free(effective);
	free(shown);
	free(ref);
	return st;
}

/* ---- setting up ---- */

static void fill_opts(pf_rest_opts *out, const pf_rest_opts *in)
{
	static const pf_rest_opts none;

	*out = in ? *in : none;
	if (out->token && !*out->token)
		out->token = NULL;
	if (!out->connect_timeout_ms)
		out->connect_timeout_ms = DEFAULT_CONNECT_TIMEOUT_MS;
	if (!out->timeout_ms)
		out->timeout_ms = DEFAULT_TIMEOUT_MS;
	if (!out->max_retries)
		out->max_retries = DEFAULT_MAX_RETRIES;
	else if (out->max_retries < 0)
		out->max_retries = 0;
	if (!out->max_backoff_ms)
		out->max_backoff_ms = DEFAULT_MAX_BACKOFF_MS;
	if (!out->max_pages)
		out->max_pages = DEFAULT_MAX_PAGES;
	if (!out->max_body)
		out->max_body = DEFAULT_MAX_BODY;
}

pf_status pf_global_init(pf_error *err)
{
	CURLcode rc = curl_global_init(CURL_GLOBAL_DEFAULT);

	if (rc != CURLE_OK)
		return pf_error_set(err, PF_EENV, "cannot initialise libcurl: %s",
		                    curl_easy_strerror(rc));
	return PF_OK;
}

void pf_global_cleanup(void)
{
	curl_global_cleanup();
}

/* The options every request of a fetch shares. */
static CURLcode set_common(struct fetch *f)
{
	CURL *c = f->curl;
	CURLcode rc = CURLE_OK;

#define SET(opt, val)                                                                              \
	do {                                                                                       \
		if (rc == CURLE_OK)                                                                \
			rc = curl_easy_setopt(c, opt, val);                                        \
	} while (0)
	SET(CURLOPT_NOSIGNAL, 1L); /* no SIGALRM for DNS timeouts: signals are the program's */
	SET(CURLOPT_ERRORBUFFER, f->errbuf);
	SET(CURLOPT_WRITEFUNCTION, on_body);
	SET(CURLOPT_WRITEDATA, &f->body);
	SET(CURLOPT_HTTPHEADER, f->headers);
	SET(CURLOPT_USERAGENT, PF_REST_USER_AGENT);
	SET(CURLOPT_ACCEPT_ENCODING, ""); /* max_body then bounds the decoded size */
	SET(CURLOPT_PROTOCOLS_STR, "http,https");
	SET(CURLOPT_FOLLOWLOCATION, 1L);
	SET(CURLOPT_MAXREDIRS, MAX_REDIRECTS);
	SET(CURLOPT_UNRESTRICTED_AUTH, 0L); /* no token after a redirect to another host */
	SET(CURLOPT_SSL_VERIFYPEER, 1L);
	SET(CURLOPT_SSL_VERIFYHOST, 2L);
	SET(CURLOPT_CONNECTTIMEOUT_MS, f->o.connect_timeout_ms);
	SET(CURLOPT_TIMEOUT_MS, f->o.timeout_ms);
	/* A declared length over the limit fails before the body is read; a limit that
	 * curl_off_t cannot hold (it turns negative) is left to on_body(). */
	if ((curl_off_t)f->o.max_body > 0)
		SET(CURLOPT_MAXFILESIZE_LARGE, (curl_off_t)f->o.max_body);
	if (f->o.cacert)
		SET(CURLOPT_CAINFO, f->o.cacert);
#undef SET
	return rc;
}

static pf_status open_handle(struct fetch *f)
{
	CURLcode rc;

	if (!(f->curl = curl_easy_init()))
		return fail(f, PF_EENV, NULL, "cannot start a libcurl session");
	if (!(f->headers = curl_slist_append(NULL, "Accept: application/json")))
		return nomem(f);
	f->body.max = f->o.max_body;
	if ((rc = set_common(f)) != CURLE_OK)
		return fail(f, PF_EENV, NULL, "libcurl: %s", curl_easy_strerror(rc));
	return PF_OK;
}

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

/* The password of url's userinfo as written and percent-decoded, as secrets of the fetch. */
static pf_status url_secrets(struct fetch *f, const char *url)
{
	CURLU *u = curl_url();
	char *raw = NULL, *decoded = NULL;
	pf_status st = u ? PF_OK : nomem(f);

	if (u && !curl_url_set(u, CURLUPART_URL, url, 0)) {
		curl_url_get(u, CURLUPART_PASSWORD, &raw, 0);
		curl_url_get(u, CURLUPART_PASSWORD, &decoded, CURLU_URLDECODE);
	}
	if (st == PF_OK)
		st = pf_error_secret(f->err, raw);
	if (st == PF_OK)
		st = pf_error_secret(f->err, decoded);
	curl_free(raw);
	curl_free(decoded);
	curl_url_cleanup(u);
	return st;
}

/* Checks the arguments and sets up the fetch; *first is the normalised start URL. */
static pf_status start(struct fetch *f, const char *url, char **first)
{
	CURLUcode uc;
	pf_status st = pf_error_secret(f->err, f->o.token);

	if (st == PF_OK)
		st = url_secrets(f, url);
	if (st != PF_OK)
		return st;
	/* Curl would refuse it anyway; a line break in a header is an injection. */
	if (f->o.token && has_control(f->o.token))
		return fail(f, PF_EUSAGE, url, "the bearer token contains control characters");
	if ((uc = resolve(NULL, url, first)) == CURLUE_OUT_OF_MEMORY)
		return nomem(f);
	if (uc != CURLUE_OK)
		return fail(f, PF_EUSAGE, url, "not a valid URL: %s", curl_url_strerror(uc));
	if (!is_http(*first))
		return fail(f, PF_EUSAGE, url, "only http and https URLs can be imported");
	f->https = strncmp(*first, "https:", 6) == 0;
	if (!(f->origin = origin_of(*first)))
		return nomem(f);
	return open_handle(f);
}

static void finish(struct fetch *f)
{
	curl_easy_cleanup(f->curl);
	curl_slist_free_all(f->headers);
	free(f->body.data);
	free(f->origin);
	for (size_t i = 0; i < f->nseen; i++)
		free(f->seen[i]);
	free(f->seen);
}

pf_status pf_rest_fetch(const char *url, const pf_rest_opts *o, pf_rest_page_fn fn, void *ctx,
                        pf_error *err)
{
	struct fetch f = {.err = err};
	char *cur = NULL, *next = NULL;
	pf_status st;

	assert(url && fn && err); /* err holds the secrets that messages mask */
	fill_opts(&f.o, o);
	st = start(&f, url, &cur);
	for (size_t page = 1; st == PF_OK && cur; page++) {
		if (page > f.o.max_pages) {
			st = fail(&f, PF_EINPUT, cur,
			          "not read: more than %zu pages (a paging loop?)", f.o.max_pages);
			break;
		}
		st = remember(&f, cur);
		if (st == PF_OK)
			st = one_page(&f, page, cur, fn, ctx, &next);
		free(cur);
		cur = next;
		next = NULL;
	}
	free(cur);
	finish(&f);
	return st;
}
