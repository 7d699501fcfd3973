/*
 * The JSON API under /api/v1/ (FORMATS.md section 6): its routes, and the
 * reads: reports (the CLI's bytes, cached), the export, rows with their
 * ETag, /me. The writes are in api_write.c.
 */
#include <dirent.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include <zip.h>

#include "api.h"

bool pf_api_need_user(pf_call *c)
{
	if (c->user)
		return true;
	pf_resp_header(c->resp, "WWW-Authenticate", "Bearer");
	pf_resp_error(c, 401,
	              "log in first (a session from /login, or Authorization: Bearer TOKEN)");
	return false;
}

/* ---- temporary files, for what the library writes to a path ---- */

bool pf_api_tempdir(char out[256])
{
	const char *t = getenv("TMPDIR");

	snprintf(out, 256, "%s/portfolj-serve-XXXXXX", t && *t ? t : "/tmp");
	return mkdtemp(out) != NULL;
}

void pf_api_tempdir_remove(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	char path[512];

	while (d && (e = readdir(d))) {
		if (!strcmp(e->d_name, ".") || !strcmp(e->d_name, ".."))
			continue;
		snprintf(path, sizeof(path), "%s/%s", dir, e->d_name);
		unlink(path);
	}
	if (d)
		closedir(d);
	rmdir(dir);
}

static bool read_all(const char *path, char **out, size_t *len)
{
	FILE *f = fopen(path, "rb");
	long n;
	char *b = NULL;

	if (f && !fseek(f, 0, SEEK_END) && (n = ftell(f)) >= 0 && !fseek(f, 0, SEEK_SET) &&
	    (b = malloc((size_t)n + 1)) && fread(b, 1, (size_t)n, f) == (size_t)n) {
		fclose(f);
		b[n] = '\0';
		*out = b;
		*len = (size_t)n;
		return true;
	}
	free(b);
	if (f)
		fclose(f);
	return false;
}

/* ---- reports ---- */

static const char *const format_types[PF_FORMAT_COUNT] = {
    [PF_FORMAT_TABLE] = "text/plain; charset=utf-8",
    [PF_FORMAT_JSON] = "application/json",
    [PF_FORMAT_CSV] = "text/csv; charset=utf-8",
    [PF_FORMAT_MD] = "text/markdown; charset=utf-8",
    [PF_FORMAT_HTML] = "text/html; charset=utf-8",
    [PF_FORMAT_XLSX] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
};

struct report_req {
	pf_report_kind kind;
	pf_report_opts o;
	pf_format format;
	pf_render_opts ro;
	bool period_given;
	char as_of[20], as_of_utc[24];
};

/* ?as_of=: the moment in local time, and in UTC as the runs are stamped (as the CLI's --as-of). */
static bool parse_as_of(const char *s, struct report_req *r)
{
	struct tm tm = {0};
	time_t t;

	if (!pf_moment_parse(s, r->as_of))
		return false;
	sscanf(r->as_of, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
	       &tm.tm_min, &tm.tm_sec);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1 || !gmtime_r(&t, &tm))
		return false;
	strftime(r->as_of_utc, sizeof(r->as_of_utc), "%Y-%m-%dT%H:%M:%SZ", &tm);
	r->o.as_of = r->as_of;
	r->o.as_of_utc = r->as_of_utc;
	return true;
}

/* One query argument of a report; false (answered 400) when it is wrong. */
static bool report_arg(pf_call *c, struct report_req *r, const char *name, const char *v)
{
	double d;
	int k;
	char why[256];

	if (!strcmp(name, "period") && (r->period_given = pf_period_parse(v, &r->o.period)))
		return true;
	if (!strcmp(name, "as_of") && parse_as_of(v, r))
		return true;
	if (!strcmp(name, "format") && (k = pf_format_parse(v)) >= 0)
		return r->format = (pf_format)k, true;
	if (!strcmp(name, "lang") && (k = pf_lang_parse(v)) >= 0)
		return r->ro.lang = (pf_lang)k, true;
	if (!strcmp(name, "all"))
		return r->o.all = strcmp(v, "0") && strcmp(v, "false"), true;
	if (!strcmp(name, "committee"))
		return r->o.committee = v, true;
	if (!strcmp(name, "initiative") || !strcmp(name, "id"))
		return r->o.initiative = v, true;
	if (!strcmp(name, "roadmap"))
		return r->o.roadmap = v, true;
	if (!strcmp(name, "version"))
		return r->o.version = v, true;
	if (!strcmp(name, "compare"))
		return r->o.compare = v, true;
	if (!strcmp(name, "year") && pf_number_parse(v, &d) && d >= 1900 && d <= 9999 &&
	    d == (int)d)
		return r->o.year = (int)d, true;
	if (!strcmp(name, "capacity") && pf_number_parse(v, &d) && d >= 0)
		return r->o.capacity = d, true;
	if (!strcmp(name, "weights") && pf_score_weights_parse(v, r->o.weights, why, sizeof(why)))
		return true;
	pf_resp_error(c, 400, "the report's argument %s=\"%s\" is not understood", name, v);
	return false;
}

/* The cache's key: the report asked for, with the quarter "now" stands for when none is given. */
static char *report_key(const pf_call *c, const struct report_req *r)
{
	size_t n = strlen(c->req->path) + 32;
	char *key, *p;

	for (size_t i = 0; i < c->req->nquery; i++)
		n += strlen(c->req->query[i].name) +
		     strlen(c->req->query[i].value ? c->req->query[i].value : "") + 2;
	if (!(key = malloc(n)))
		return NULL;
	p = key + sprintf(key, "%s|%d|%d", c->req->path, (int)r->o.period, (int)r->ro.lang);
	for (size_t i = 0; i < c->req->nquery; i++)
		p += sprintf(p, "&%s=%s", c->req->query[i].name,
		             c->req->query[i].value ? c->req->query[i].value : "");
	return key;
}

static void report_answer(pf_call *c, char *body, size_t len, const char *type)
{
	pf_resp_body(c->resp, 200, type, body, len);
}

static void report_build(pf_call *c, const struct report_req *r, const char *key, int64_t version)
{
	pf_report *rep = NULL;
	char *text = NULL;
	size_t len = 0;
	pf_status st;

	c->err.lang = r->ro.lang;
	if ((st = pf_report_build(&rep, c->db, r->kind, &r->o, &c->err)) ||
	    (st = pf_report_render(rep, r->format, &r->ro, &text, &len, &c->err))) {
		pf_report_free(rep);
		free(text);
		return pf_resp_status(c, st);
	}
	pf_report_free(rep);
	if (key)
		pf_cache_put(c->srv->cache, key, version, text, len, format_types[r->format]);
	report_answer(c, text, len, format_types[r->format]);
}

/* Reports name no user but the initiative's history ("who"): that one needs a login. */
static void api_report(pf_call *c, const char *kind, const char *arg)
{
	struct report_req r = {.format = PF_FORMAT_JSON, .ro = {false, c->lang}};
	time_t now = time(NULL);
	struct tm tm;
	int k = pf_report_kind_parse(kind);
	int64_t version;
	char *key, *body, type[96];
	size_t len;
	pf_status st;

	if (k < 0)
		return pf_resp_error(c, 404, "no report \"%s\"", kind);
	r.kind = (pf_report_kind)k;
	if (!c->user && (!c->srv->o.public_reports || r.kind == PF_REPORT_INITIATIVE))
		return (void)pf_api_need_user(c);
	localtime_r(&now, &tm);
	r.o.period = pf_period_make(tm.tm_year + 1900, tm.tm_mon / 3 + 1);
	if (arg && r.kind == PF_REPORT_INITIATIVE)
		r.o.initiative = arg;
	else if (arg && r.kind == PF_REPORT_ROADMAP)
		r.o.roadmap = arg;
	else if (arg)
		return pf_resp_error(c, 404, "no report \"%s/%s\"", kind, arg);
	for (size_t i = 0; i < c->req->nquery; i++)
		if (!report_arg(c, &r, c->req->query[i].name,
		                c->req->query[i].value ? c->req->query[i].value : ""))
			return;
	/* The report of a moment is of its quarter, as on the command line. */
	if (r.as_of[0] && !r.period_given)
		r.o.period = pf_period_make(atoi(r.as_of), (atoi(r.as_of + 5) - 1) / 3 + 1);
	if ((r.kind == PF_REPORT_INITIATIVE && !r.o.initiative) ||
	    (r.kind == PF_REPORT_ROADMAP && !r.o.roadmap))
		return pf_resp_error(c, 400, "report %s needs %s", kind,
		                     r.kind == PF_REPORT_ROADMAP
		                         ? "the roadmap's name (roadmap=)"
		                         : "the initiative's id (initiative=)");
	if ((st = pf_db_data_version(c->db, &version, &c->err)))
		return pf_resp_status(c, st);
	key = report_key(c, &r);
	if (key && pf_cache_get(c->srv->cache, key, version, &body, &len, type))
		report_answer(c, body, len, type);
	else
		report_build(c, &r, key, version);
	free(key);
}

/* ---- export ---- */

static bool zip_dir(const char *dir, const char *zpath)
{
	int e;
	zip_t *z = zip_open(zpath, ZIP_CREATE | ZIP_TRUNCATE, &e);
	char path[512];
	bool ok = z != NULL;

	for (int k = 0; ok && k < PF_KIND_COUNT; k++) {
		char name[64];
		snprintf(name, sizeof(name), "%s.csv", pf_kind_name(k));
		snprintf(path, sizeof(path), "%s/%s", dir, name);
		if (access(path, R_OK))
			continue;
		zip_source_t *src = zip_source_file(z, path, 0, -1);
		ok = src && zip_file_add(z, name, src, ZIP_FL_ENC_UTF_8) >= 0;
		if (!ok && src)
			zip_source_free(src);
	}
	if (z && !ok)
		zip_discard(z);
	return ok && zip_close(z) == 0;
}

static void export_file(pf_call *c, const char *format)
{
	char dir[256], sheets[300], out[400], *body = NULL;
	bool csv = !strcmp(format, "csv");
	size_t len = 0;
	pf_status st;

	if (!pf_api_tempdir(dir))
		return pf_resp_error(c, 500, "cannot make a temporary folder");
	snprintf(sheets, sizeof(sheets), "%s/sheets", dir);
	snprintf(out, sizeof(out), "%s/export.%s", csv ? sheets : dir, csv ? "zip" : "xlsx");
	st = csv ? pf_export_csv(c->db, sheets, PF_CSV_PLAIN, &c->err)
	         : pf_export_xlsx(c->db, out, &c->err);
	if (!st && csv && !zip_dir(sheets, out))
		st = pf_error_set(&c->err, PF_EENV, "cannot write the zip of the sheets");
	if (!st && !read_all(out, &body, &len))
		st = pf_error_set(&c->err, PF_EENV, "cannot read the export back");
	if (csv)
		pf_api_tempdir_remove(sheets);
	pf_api_tempdir_remove(dir);
	if (st)
		return pf_resp_status(c, st);
	pf_resp_header(c->resp, "Content-Disposition",
	               csv ? "attachment; filename=\"portfolj-csv.zip\""
	                   : "attachment; filename=\"portfolj.xlsx\"");
	pf_resp_body(c->resp, 200, csv ? "application/zip" : format_types[PF_FORMAT_XLSX], body,
	             len);
}

static void api_export(pf_call *c)
{
	const char *format = pf_req_query(c->req, "format");
	char *text = NULL;
	size_t len = 0;
	pf_status st;

	if (!format || !strcmp(format, "json")) {
		if ((st = pf_export_json(c->db, &text, &len, &c->err)))
			return pf_resp_status(c, st);
		return pf_resp_body(c->resp, 200, "application/json", text, len);
	}
	if (strcmp(format, "csv") && strcmp(format, "xlsx"))
		return pf_resp_error(c, 400, "unknown format \"%s\" (json, csv or xlsx)", format);
	export_file(c, format);
}

/* ---- rows ---- */

pf_status pf_api_row(pf_call *c, pf_kind k, const char *const *key, char **text, size_t *len,
                     char etag[40])
{
	pf_status st = pf_row_json(c->db, k, key, text, len, &c->err);

	if (!st)
		pf_etag(*text, *len, etag);
	return st;
}

void pf_api_send_row(pf_call *c, int status, pf_kind k, const char *const *key)
{
	char *text = NULL, etag[40];
	size_t len;
	pf_status st = pf_api_row(c, k, key, &text, &len, etag);

	if (st == PF_ENOTFOUND)
		return pf_resp_error(c, 404, "no such %s", pf_kind_name(k));
	if (st)
		return pf_resp_status(c, st);
	pf_resp_header(c->resp, "ETag", etag);
	pf_resp_body(c->resp, status, "application/json", text, len);
}

static void api_rows(pf_call *c, pf_kind k)
{
	char *text = NULL;
	size_t len;
	pf_status st = pf_rows_json(c->db, k, &text, &len, &c->err);

	if (st)
		return pf_resp_status(c, st);
	pf_resp_body(c->resp, 200, "application/json", text, len);
}

static void api_me(pf_call *c)
{
	static const char *const how[] = {"none", "token", "session", "proxy"};
	json_t *scopes = json_array();
	char csrf[65];

	for (size_t i = 0; i < c->user->nscopes; i++)
		json_array_append_new(scopes, json_string(c->user->scopes[i]));
	json_t *doc = json_pack(
	    "{ss ss ss so so ss}", "user", c->user->name, "role", pf_role_name(c->user->role),
	    "role_sv", pf_role_name_sv(c->user->role), "scopes", scopes, "email",
	    c->user->email ? json_string(c->user->email) : json_null(), "auth", how[c->auth]);
	if (doc && c->auth == PF_AUTH_SESSION) {
		/* The page's scripts and forms need it for their writes. */
		pf_session_csrf(c->session, csrf);
		json_object_set_new(doc, "csrf", json_string(csrf));
	}
	pf_resp_json(c, 200, doc);
}

/* ---- routes ---- */

/* Splits rest at '/' into at most n segments; the count, or n + 1 when there are more. */
static size_t segments(char *rest, char **seg, size_t n)
{
	size_t k = 0;

	for (char *p = rest; p; k++) {
		if (k == n)
			return n + 1;
		seg[k] = p;
		if ((p = strchr(p, '/')))
			*p++ = '\0';
	}
	return k;
}

static void not_allowed(pf_call *c, const char *allow)
{
	pf_resp_header(c->resp, "Allow", allow);
	pf_resp_error(c, 405, "%s is not allowed here (allowed: %s)", c->req->method, allow);
}

/* GET of a row, or the write of method; Allow lists both. */
static void row_route(pf_call *c, pf_kind k, const char *const *key, const char *method)
{
	char allow[32];

	if (pf_req_is(c->req, "GET"))
		return pf_api_send_row(c, 200, k, key);
	if (method && pf_req_is(c->req, method))
		return pf_api_write_row(c, k, key);
	snprintf(allow, sizeof(allow), "GET, HEAD%s%s", method ? ", " : "", method ? method : "");
	not_allowed(c, allow);
}

static void route(pf_call *c, char **s, size_t n)
{
	if (n == 1 && !strcmp(s[0], "me"))
		return pf_req_is(c->req, "GET") ? api_me(c) : not_allowed(c, "GET, HEAD");
	if (n == 1 && !strcmp(s[0], "export"))
		return pf_req_is(c->req, "GET") ? api_export(c) : not_allowed(c, "GET, HEAD");
	if (n == 1 && !strcmp(s[0], "initiatives"))
		return pf_req_is(c->req, "GET") ? api_rows(c, PF_KIND_INITIATIVES)
		                                : not_allowed(c, "GET, HEAD");
	if (n == 1 && !strcmp(s[0], "import"))
		return pf_req_is(c->req, "POST") ? pf_api_import(c) : not_allowed(c, "POST");
	if (n == 1 && !strcmp(s[0], "decisions"))
		return pf_req_is(c->req, "POST") ? pf_api_decision(c) : not_allowed(c, "POST");
	if (n == 2 && !strcmp(s[0], "initiatives"))
		return row_route(c, PF_KIND_INITIATIVES, (const char *const *)s + 1, "PATCH");
	if (n == 2 && !strcmp(s[0], "effects"))
		return row_route(c, PF_KIND_EFFECTS, (const char *const *)s + 1, "PATCH");
	if (n == 2 && !strcmp(s[0], "decisions"))
		return row_route(c, PF_KIND_DECISIONS, (const char *const *)s + 1, NULL);
	if (n == 3 && !strcmp(s[0], "followups"))
		return row_route(c, PF_KIND_FOLLOWUPS, (const char *const *)s + 1, "PUT");
	if (n == 3 && !strcmp(s[0], "measurements"))
		return row_route(c, PF_KIND_MEASUREMENTS, (const char *const *)s + 1, "PUT");
	pf_resp_error(c, 404, "no such resource: %s", c->req->path);
}

void pf_api_route(pf_call *c, const char *rest)
{
	char *copy = strdup(rest), *s[4];
	size_t n;

	if (!copy)
		return pf_http_simple(c->resp, 500, "out of memory");
	n = segments(copy, s, 3);
	/* Reports are the one thing --public shows without a login. */
	if (n >= 2 && n <= 3 && !strcmp(s[0], "reports")) {
		if (pf_req_is(c->req, "GET"))
			api_report(c, s[1], n == 3 ? s[2] : NULL);
		else
			not_allowed(c, "GET, HEAD");
	} else if (pf_api_need_user(c)) {
		route(c, s, n);
	}
	free(copy);
}
