/* What the modules of src/server share about the request being answered; not public. */
#ifndef PF_SERVER_SERVER_H
#define PF_SERVER_SERVER_H

#include <jansson.h>
#include <pthread.h>

#include "http.h"
#include "portfolj/rows.h"
#include "portfolj/users.h"

typedef struct pf_cache pf_cache;

struct pf_server {
	pf_server_opts o;
	char proxy_header[64];
	/* Held from a write's If-Match check to its commit: no lost update within this server. */
	pthread_mutex_t write_lock;
	pf_cache *cache;
};

typedef enum pf_auth_kind {
	PF_AUTH_NONE,
	PF_AUTH_TOKEN,
	PF_AUTH_SESSION,
	PF_AUTH_FROM_PROXY
} pf_auth_kind;

/* One request being answered. */
typedef struct pf_call {
	pf_server *srv;
	pf_db *db;
	const pf_http_request *req;
	pf_http_response *resp;
	pf_lang lang;  /* of messages: ?lang=, else Accept-Language en, else Swedish */
	pf_user *user; /* NULL: nobody logged in */
	pf_auth_kind auth;
	char session[80]; /* the session cookie's id, when that is how the user came */
	pf_error err;
} pf_call;

/* ---- http.c: reading requests, writing responses ---- */
const char *pf_req_header(const pf_http_request *req, const char *name);
const char *pf_req_query(const pf_http_request *req, const char *name);
/* The cookie name's value into out (n bytes); false when there is none or it is too long. */
bool pf_req_cookie(const pf_http_request *req, const char *name, char *out, size_t n);
/* The media type of Content-Type, lower case, without parameters ("" when none). */
void pf_req_content_type(const pf_http_request *req, char *out, size_t n);
bool pf_req_is(const pf_http_request *req, const char *method);
/* A field of an application/x-www-form-urlencoded body, decoded into out; false when absent. */
bool pf_form_field(const char *body, size_t len, const char *name, char *out, size_t n);
void pf_resp_header(pf_http_response *resp, const char *name, const char *value);
/* Sets the status and the body (taken over: freed with the response). */
void pf_resp_body(pf_http_response *resp, int status, const char *type, char *body, size_t len);
/* A JSON document as the body (the reference is taken over). */
void pf_resp_json(pf_call *c, int status, json_t *doc);
/* {"error": MESSAGE}, the message in the call's language. */
void pf_resp_error(pf_call *c, int status, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * The answer to a status of the library, with the diagnostics of c->err:
 * 422 {"errors": [...]} for rejected input, 404, 400, 503 with Retry-After
 * when the database is busy, 500 otherwise.
 */
void pf_resp_status(pf_call *c, pf_status st);
/* The ETag of a row's JSON text: a quoted BLAKE2b of it. */
void pf_etag(const char *text, size_t len, char out[40]);

/* ---- auth.c: who asks, and may they write ---- */
/* Finds the user of the request (token, session cookie, proxy header); false when answered. */
bool pf_auth_resolve(pf_call *c);
/* For a write: a session needs its CSRF token and the server's own Origin; false when answered
 * 403. */
bool pf_auth_write_ok(pf_call *c);
void pf_auth_login(pf_call *c);
void pf_auth_logout(pf_call *c);
void pf_auth_login_page(pf_call *c);

/* ---- api.c: /api/v1/ ---- */
void pf_api_route(pf_call *c, const char *rest);

/* ---- cache.c: rendered reports by URL and data version ---- */
pf_cache *pf_cache_new(size_t max_bytes);
void pf_cache_free(pf_cache *cache);
/* A copy of the body kept for key at version, or false. */
bool pf_cache_get(pf_cache *cache, const char *key, int64_t version, char **body, size_t *len,
                  char type[96]);
void pf_cache_put(pf_cache *cache, const char *key, int64_t version, const char *body, size_t len,
                  const char *type);

#endif
