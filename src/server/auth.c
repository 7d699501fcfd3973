/*
 * Who asks (FORMATS.md section 6): a bearer token, a session cookie, or the
 * user name a proxy in front sends; logging in and out with the login
 * delay; and the CSRF and Origin checks of writes made with a session.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "server.h"

#define SESSION_COOKIE "pf_session"

/* Answers a failure of the library while finding the user; false, as pf_auth_resolve. */
static bool failed(pf_call *c, pf_status st)
{
	pf_resp_status(c, st);
	return false;
}

static bool by_token(pf_call *c, const char *token)
{
	pf_status st = pf_token_user(c->db, token, &c->user, &c->err);

	if (st)
		return failed(c, st);
	if (!c->user) {
		pf_resp_header(c->resp, "WWW-Authenticate", "Bearer");
		pf_resp_error(c, 401, "unknown or revoked token");
		return false;
	}
	c->auth = PF_AUTH_TOKEN;
	return true;
}

/* The proxy's header counts only under --auth proxy and from a loopback peer. */
static bool by_proxy(pf_call *c, const char *name)
{
	pf_status st = pf_user_get(c->db, name, &c->user, &c->err);

	if (st == PF_ENOTFOUND) {
		pf_error_clear(&c->err);
		pf_resp_error(c, 401, "the proxy's user \"%s\" is no user of portfolj", name);
		return false;
	}
	if (st)
		return failed(c, st);
	c->auth = PF_AUTH_FROM_PROXY;
	return true;
}

bool pf_auth_resolve(pf_call *c)
{
	const char *authz = pf_req_header(c->req, "Authorization");
	const char *proxied = pf_req_header(c->req, c->srv->proxy_header);
	pf_status st;

	if (authz && !strncasecmp(authz, "Bearer ", 7))
		return by_token(c, authz + 7 + strspn(authz + 7, " "));
	if (authz) {
		pf_resp_header(c->resp, "WWW-Authenticate", "Bearer");
		pf_resp_error(c, 401, "only bearer tokens are taken (Authorization: Bearer TOKEN)");
		return false;
	}
	if (c->srv->o.auth == PF_AUTH_PROXY && proxied && *proxied && c->req->peer_loopback)
		return by_proxy(c, proxied);
	if (!pf_req_cookie(c->req, SESSION_COOKIE, c->session, sizeof(c->session)))
		return true;
	if ((st = pf_session_user(c->db, c->session, (int64_t)time(NULL), &c->user, &c->err)))
		return failed(c, st);
	c->auth = c->user ? PF_AUTH_SESSION : PF_AUTH_NONE;
	return true;
}

/* The server's own origin: the scheme it serves and the Host the browser used. */
static bool same_origin(const pf_call *c)
{
	const char *origin = pf_req_header(c->req, "Origin"), *host = pf_req_header(c->req, "Host");
	const char *scheme = c->srv->o.tls ? "https://" : "http://";
	size_t n = strlen(scheme);

	return origin && host && *host && !strncmp(origin, scheme, n) && !strcmp(origin + n, host);
}

bool pf_auth_write_ok(pf_call *c)
{
	char want[65], form[128];
	const char *got = pf_req_header(c->req, "X-CSRF-Token");
	char type[64];

	if (c->auth != PF_AUTH_SESSION)
		return true;
	pf_req_content_type(c->req, type, sizeof(type));
	if (!got && !strcmp(type, "application/x-www-form-urlencoded") &&
	    pf_form_field(c->req->body, c->req->body_len, "csrf", form, sizeof(form)))
		got = form;
	pf_session_csrf(c->session, want);
	if (!got || !pf_secret_equal(got, want)) {
		pf_resp_error(c, 403, "a write with a session needs its CSRF token (X-CSRF-Token)");
		return false;
	}
	if (!same_origin(c)) {
		pf_resp_error(c, 403,
		              "a write with a session must come from this server's own pages "
		              "(Origin)");
		return false;
	}
	return true;
}

/* The longest wait of the user's and the peer's login delays; 0 when a login may be tried. */
static pf_status login_wait(pf_call *c, const char *keys[2], long *wait)
{
	long w;
	pf_status st = PF_OK;

	*wait = 0;
	for (int i = 0; !st && i < 2; i++)
		if (!(st = pf_login_wait(c->db, keys[i], (int64_t)time(NULL), &w, &c->err)) &&
		    w > *wait)
			*wait = w;
	return st;
}

static void session_cookie(pf_call *c, const char *value, bool end)
{
	char cookie[256];

	snprintf(cookie, sizeof(cookie), SESSION_COOKIE "=%s; Path=/; HttpOnly; SameSite=Lax%s%s",
	         value, c->srv->o.tls ? "; Secure" : "", end ? "; Max-Age=0" : "");
	pf_resp_header(c->resp, "Set-Cookie", cookie);
}

/* Where a login goes: a path of this server (?next= or the form's next), else "/". */
static void login_next(pf_call *c, char *out, size_t n)
{
	if (!pf_form_field(c->req->body, c->req->body_len, "next", out, n) || out[0] != '/' ||
	    out[1] == '/' || out[1] == '\\' || strpbrk(out, "\r\n"))
		snprintf(out, n, "/");
}

static void login_ok(pf_call *c, const char *keys[2])
{
	char *session = NULL, next[512];
	pf_status st = PF_OK;

	for (int i = 0; !st && i < 2; i++)
		st = pf_login_cleared(c->db, keys[i], &c->err);
	if (st || (st = pf_session_new(c->db, c->user->name, &session, &c->err))) {
		pf_resp_status(c, st);
		return;
	}
	session_cookie(c, session, false);
	free(session);
	login_next(c, next, sizeof(next));
	pf_resp_header(c->resp, "Location", next);
	pf_resp_body(c->resp, 303, NULL, NULL, 0);
}

void pf_auth_login(pf_call *c)
{
	char type[64], name[128], password[1100], ukey[160], pkey[160], retry[24];
	const char *keys[2] = {ukey, pkey};
	long wait;
	pf_status st;

	pf_req_content_type(c->req, type, sizeof(type));
	if (c->srv->o.auth == PF_AUTH_PROXY)
		return pf_resp_error(c, 404,
		                     "logins are made by the proxy in front of this server");
	if (strcmp(type, "application/x-www-form-urlencoded"))
		return pf_resp_error(c, 415,
		                     "a login is a form (application/x-www-form-urlencoded)");
	if (!pf_form_field(c->req->body, c->req->body_len, "user", name, sizeof(name)) ||
	    !pf_form_field(c->req->body, c->req->body_len, "password", password, sizeof(password)))
		return pf_resp_error(c, 400, "a login needs the fields user and password");
	snprintf(ukey, sizeof(ukey), "user:%s", name);
	snprintf(pkey, sizeof(pkey), "peer:%s", c->req->peer ? c->req->peer : "?");
	if ((st = login_wait(c, keys, &wait)))
		return pf_resp_status(c, st);
	if (wait > 0) {
		snprintf(retry, sizeof(retry), "%ld", wait);
		pf_resp_header(c->resp, "Retry-After", retry);
		return pf_resp_error(c, 429, "too many failed logins: try again in %ld seconds",
		                     wait);
	}
	st = pf_user_login(c->db, name, password, &c->user, &c->err);
	memset(password, 0, sizeof(password));
	if (st)
		return pf_resp_status(c, st);
	if (c->user)
		return login_ok(c, keys);
	for (int i = 0; !st && i < 2; i++)
		st = pf_login_failed(c->db, keys[i], (int64_t)time(NULL), &c->err);
	if (st)
		return pf_resp_status(c, st);
	pf_resp_error(c, 401, "wrong user name or password");
}

void pf_auth_logout(pf_call *c)
{
	pf_status st;

	if (pf_req_cookie(c->req, SESSION_COOKIE, c->session, sizeof(c->session)) &&
	    (st = pf_session_end(c->db, c->session, &c->err)))
		return pf_resp_status(c, st);
	session_cookie(c, "", true);
	pf_resp_header(c->resp, "Location", "/login");
	pf_resp_body(c->resp, 303, NULL, NULL, 0);
}

void pf_auth_login_page(pf_call *c)
{
	static const char page[] =
	    "<!DOCTYPE html>\n<html lang=\"%s\"><head><meta charset=\"utf-8\">"
	    "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
	    "<title>portfolj: %s</title></head><body><main><h1>%s</h1>"
	    "<form method=\"post\" action=\"/login\">"
	    "<p><label for=\"user\">%s</label><br><input id=\"user\" name=\"user\" "
	    "autocomplete=\"username\" required></p>"
	    "<p><label for=\"password\">%s</label><br><input id=\"password\" name=\"password\" "
	    "type=\"password\" autocomplete=\"current-password\" required></p>"
	    "<p><button type=\"submit\">%s</button></p></form></main></body></html>\n";
	bool en = c->lang == PF_LANG_EN;
	char *body = NULL;
	int n;

	if (c->srv->o.auth == PF_AUTH_PROXY)
		return pf_resp_error(c, 404,
		                     "logins are made by the proxy in front of this server");
	n = snprintf(NULL, 0, page, en ? "en" : "sv", en ? "log in" : "logga in",
	             en ? "Log in" : "Logga in", en ? "User name" : "Användarnamn",
	             en ? "Password" : "Lösenord", en ? "Log in" : "Logga in");
	if (n < 0 || !(body = malloc((size_t)n + 1)))
		return pf_http_simple(c->resp, 500, "out of memory");
	snprintf(body, (size_t)n + 1, page, en ? "en" : "sv", en ? "log in" : "logga in",
	         en ? "Log in" : "Logga in", en ? "User name" : "Användarnamn",
	         en ? "Password" : "Lösenord", en ? "Log in" : "Logga in");
	pf_resp_body(c->resp, 200, "text/html; charset=utf-8", body, (size_t)n);
}
