/*
 * The REST transport of the importer (FORMATS.md section 3): fetches a JSON
 * collection page by page over HTTP or HTTPS with libcurl and hands each
 * page's body to a callback that parses it. The next page is the one the
 * body names (`next`), else the one of a `Link: <URL>; rel="next"` header.
 *
 * The library never prints: every failure is recorded in the pf_error as
 * `URL: error: MESSAGE`. The bearer token never appears in a diagnostic, in
 * a URL given to the callback or to the progress hook: wherever it would
 * (a server may echo it into a link), it is replaced by "***".
 *
 * libcurl's global state is the program's to set up, once, before any thread:
 * pf_global_init() and pf_global_cleanup() of portfolj/global.h (defined in
 * rest.c, libcurl being the library's only process-wide state).
 */
#ifndef PF_IMPORTERS_REST_H
#define PF_IMPORTERS_REST_H

#include <stddef.h>
#include <time.h>

#include "portfolj/error.h"

#define PF_REST_USER_AGENT "portfolj/0.1"

typedef struct pf_rest_opts {
	const char *token;       /* bearer token or NULL; never appears in any message */
	const char *cacert;      /* CA bundle path or NULL */
	long connect_timeout_ms; /* 0: 10000 */
	long timeout_ms;         /* per request, 0: 60000 */
	/*
	 * The whole import's time limit, if any: the moment (pf_rest_now_ms())
	 * by which every page must have been read, and its length in ms for the
	 * message. A request that timeout_ms would let run past it ends there,
	 * and so does a wait before a retry. 0: none.
	 */
	long long deadline_ms;
	long total_ms;
	int max_retries;     /* on 429/503 and connection resets; 0: 3 (-1: none) */
	long max_backoff_ms; /* cap of one wait, 0: 30000 */
	size_t max_pages;    /* 0: 10000, a guard against paging loops */
	size_t max_body;     /* 0: 256 MiB per page */
	void (*progress)(void *ctx, size_t page,
	                 const char *url); /* may be NULL: called before each page */
	void *progress_ctx;
} pf_rest_opts;

/* Now on the monotonic clock, in ms: what deadline_ms is measured on. */
long long pf_rest_now_ms(void);

/*
 * Called for each page body. Returns PF_OK and sets *next to a malloc'd URL
 * found in the body (or NULL); errors are recorded by the callback itself.
 *
 * `url` is the page's effective URL (after redirects), without any password
 * and with the token masked: the one to name in messages. `body` holds `len`
 * bytes followed by a NUL that is not counted; it is valid only during the
 * call. An empty *next ("") means no next page, as NULL does.
 */
typedef pf_status (*pf_rest_page_fn)(void *ctx, const char *url, const char *body, size_t len,
                                     char **next, pf_error *err);

/*
 * Fetches url and every following page: the next URL is the callback's
 * *next if given, else the response's Link rel="next" header; relative
 * URLs are resolved against the page's effective URL (after redirects)
 * with curl's URL API. Stops at a page without a next, a URL seen before
 * (a loop: error), or max_pages (error).
 *
 * Transport failures (DNS, connect, timeout, TLS, HTTP status outside 2xx
 * after retries) and a deadline that passed return PF_EENV with `URL: error: ...` naming the URL
 * and the HTTP status or curl's message; the callback's status is returned as is. What the server
 * sends that cannot be followed (a body over max_body, a next URL that is invalid, not http(s),
 * leaves https, or loops; more than max_pages pages) returns PF_EINPUT. A start URL that is not an
 * http(s) URL, or a token with control characters, returns PF_EUSAGE.
 *
 * Retries: a 429 or 503 response and a connection reset are tried again up
 * to max_retries times, after 0.5 s, 1 s, 2 s, ... (capped at
 * max_backoff_ms), or after the response's Retry-After if that is longer.
 * A Retry-After longer than max_backoff_ms fails at once rather than ask
 * again before the server said to.
 *
 * The token is sent (as `Authorization: Bearer`) only to the scheme, host
 * and port of `url`: not to another host named by a next link, and not
 * after a redirect to another host. A chain that starts on https stays on
 * https. o may be NULL for all defaults.
 */
pf_status pf_rest_fetch(const char *url, const pf_rest_opts *o, pf_rest_page_fn fn, void *ctx,
                        pf_error *err);

/*
 * The target of the first link with relation "next" in the value of one
 * Link header (RFC 8288: several comma-separated links, parameters in any
 * order, rel as a token or a quoted list such as "next last", any case).
 * Sets *next to a malloc'd copy, or NULL if there is none. A malformed
 * value yields the links before the damage. Returns PF_OK or PF_ENOMEM.
 */
pf_status pf_rest_link_next(const char *value, char **next);

/*
 * The wait a Retry-After header value asks for, in milliseconds: seconds
 * ("120") or an HTTP date (measured from `now`; a past date is 0). -1 when
 * the value is neither. Very long waits are clamped to 2,000,000 s.
 */
long pf_rest_retry_after_ms(const char *value, time_t now);

#endif
