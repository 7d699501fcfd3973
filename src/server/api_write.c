/*
 * The API's writes (FORMATS.md section 6): one follow-up or measured value
 * (PUT), fields of an initiative or effect (PATCH, as `portfolj set`), a
 * decision (POST) and a whole import (POST), each through the importer
 * with its validation and change history, by the user who asked (the
 * run's actor), after the role's and scope's check and, with If-Match, the
 * row's ETag; nothing is written on any error.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "api.h"

#define MAX_MEMBERS 24

/* A request's JSON object as field names and texts, as a sheet's row would give them. */
struct body {
	json_t *doc;
	const char *names[MAX_MEMBERS + 4];
	const char *values[MAX_MEMBERS + 4];
	char *owned[MAX_MEMBERS + 4];
	size_t n;
};

static void body_free(struct body *b)
{
	for (size_t i = 0; i < b->n; i++)
		free(b->owned[i]);
	json_decref(b->doc);
}

/* A JSON value as the text of a cell: null clears (""), numbers in plain decimals. */
static char *value_text(const json_t *v)
{
	char buf[64];

	if (json_is_string(v))
		return strdup(json_string_value(v));
	if (json_is_null(v))
		return strdup("");
	if (json_is_boolean(v))
		return strdup(json_is_true(v) ? "true" : "false");
	if (json_is_integer(v))
		snprintf(buf, sizeof(buf), "%lld", (long long)json_integer_value(v));
	else if (json_is_real(v))
		snprintf(buf, sizeof(buf), "%.15g", json_real_value(v));
	else
		return NULL;
	return strdup(buf);
}

static bool add_member(struct body *b, const char *name, char *value)
{
	if (!value || b->n == MAX_MEMBERS + 4) {
		free(value);
		return false;
	}
	b->names[b->n] = name;
	b->values[b->n] = b->owned[b->n] = value;
	b->n++;
	return true;
}

/* Reads the body: a JSON object of scalars; false when answered (400, 415). */
static bool read_body(pf_call *c, struct body *b)
{
	char type[64];
	json_error_t je;
	const char *name;
	json_t *v;

	memset(b, 0, sizeof(*b));
	pf_req_content_type(c->req, type, sizeof(type));
	if (strcmp(type, "application/json")) {
		pf_resp_error(c, 415, "the body is JSON (Content-Type: application/json)");
		return false;
	}
	b->doc = json_loadb(c->req->body ? c->req->body : "", c->req->body_len,
	                    JSON_REJECT_DUPLICATES, &je);
	if (!json_is_object(b->doc) || json_object_size(b->doc) > MAX_MEMBERS) {
		pf_resp_error(c, 400, "the body is not a JSON object of at most %d members",
		              MAX_MEMBERS);
		return false;
	}
	json_object_foreach(b->doc, name, v)
	{
		if (json_is_object(v) || json_is_array(v) || !add_member(b, name, value_text(v))) {
			pf_resp_error(c, 400,
			              "the member \"%s\" is not a text, number, boolean or null",
			              name);
			return false;
		}
	}
	return true;
}

/* The member that gives field f of kind k (by its English or Swedish heading), or -1. */
static int member(const struct body *b, pf_kind k, int f)
{
	for (size_t i = 0; i < b->n; i++)
		if (pf_kind_field(k, b->names[i]) == f)
			return (int)i;
	return -1;
}

/* A text member of a stored row's JSON into out; "" when it is null. */
static pf_status row_member(pf_call *c, pf_kind k, const char *id, const char *name, char *out,
                            size_t n)
{
	const char *key[1] = {id};
	char *text = NULL, etag[40];
	size_t len;
	pf_status st = pf_api_row(c, k, key, &text, &len, etag);
	json_t *doc = st ? NULL : json_loadb(text, len, 0, NULL);
	const char *v = json_string_value(json_object_get(doc, name));

	snprintf(out, n, "%s", v ? v : "");
	json_decref(doc);
	free(text);
	return st;
}

/* The roles of FORMATS.md section 6's table, for a row of committee and initiative. */
static bool may_write(const pf_call *c, pf_kind k, const char *committee, const char *initiative)
{
	const pf_user *u = c->user;

	switch (u->role) {
	case PF_ROLE_ADMIN:
		return true;
	case PF_ROLE_COORDINATOR:
		return k != PF_KIND_DECISIONS && k != PF_KIND_PRIORITIES &&
		       pf_user_in_scope(u, committee);
	case PF_ROLE_PROJECT_MANAGER:
		return (k == PF_KIND_FOLLOWUPS || k == PF_KIND_MEASUREMENTS) &&
		       pf_user_in_scope(u, initiative);
	default:
		return false;
	}
}

static void forbidden(pf_call *c)
{
	pf_resp_error(c, 403, "the %s %s may not make this change", pf_role_name(c->user->role),
	              c->user->name);
}

/* May the user write a row of k belonging to initiative id? 404 or 403 answered when not. */
static bool may_write_for(pf_call *c, pf_kind k, const char *id, bool missing_ok)
{
	char committee[64];
	pf_status st =
	    row_member(c, PF_KIND_INITIATIVES, id, "committee", committee, sizeof(committee));

	if (st == PF_ENOTFOUND && missing_ok && c->user->role == PF_ROLE_ADMIN)
		return true;
	if (st == PF_ENOTFOUND && missing_ok)
		return pf_error_clear(&c->err), true;
	if (st == PF_ENOTFOUND)
		return pf_resp_error(c, 404, "unknown initiative \"%s\"", id), false;
	if (st)
		return pf_resp_status(c, st), false;
	if (!may_write(c, k, committee, id))
		return forbidden(c), false;
	return true;
}

/* An If-Match list holds etag (or is "*": any stored row). Weak tags never match. */
static bool etag_matches(const char *list, const char *etag)
{
	size_t n = strlen(etag);

	for (const char *p = list; *p;) {
		p += strspn(p, " \t,");
		size_t k = strcspn(p, ",");
		while (k && (p[k - 1] == ' ' || p[k - 1] == '\t'))
			k--;
		if ((k == 1 && *p == '*') || (k == n && !strncmp(p, etag, n)))
			return true;
		p += k;
	}
	return false;
}

/* A write waiting to be made. */
struct write {
	pf_kind kind;
	bool set;            /* PATCH: the stored row's other fields kept */
	const char *command; /* the run's command, as the CLI's */
	const char *key[3];  /* the row: for If-Match, the set, the answer */
	const char *source;  /* the diagnostics' source: the body's members are its places */
	const char *const *names, *const *values;
	size_t n;
};

/* 412 when If-Match is given and the stored row's ETag is not in it; false when answered. */
static bool if_match(pf_call *c, const struct write *w)
{
	const char *want = pf_req_header(c->req, "If-Match");
	char *text = NULL, etag[40];
	size_t len;
	pf_status st;

	if (!want)
		return true;
	st = pf_api_row(c, w->kind, w->key, &text, &len, etag);
	free(text);
	if (st && st != PF_ENOTFOUND)
		return pf_resp_status(c, st), false;
	if (st == PF_ENOTFOUND || !etag_matches(want, etag)) {
		pf_resp_error(c, 412,
		              "the row was changed since it was read (If-Match): read it "
		              "again");
		return false;
	}
	return true;
}

static pf_status import_write(pf_call *c, const struct write *w, pf_import_summary *sum)
{
	pf_import_opts o = {false, w->command};
	pf_import *imp = NULL;
	pf_status st;

	if ((st = pf_db_set_actor(c->db, c->user->name, &c->err)))
		return st;
	if (!(st = pf_import_new(&imp, c->db, &o, &c->err))) {
		st = w->set ? pf_import_add_set(imp, w->kind, w->key, w->names, w->values, w->n,
		                                &c->err)
		            : pf_import_add_fields(imp, w->kind, w->source, w->names, w->values,
		                                   w->names, w->n, &c->err);
		if (!st)
			st = pf_import_run(imp, sum, &c->err);
	}
	pf_import_free(imp);
	pf_db_set_actor(c->db, NULL, NULL);
	return st;
}

/* Makes the write, under the server's write lock from the If-Match check to the commit. */
static void run_write(pf_call *c, const struct write *w)
{
	pf_import_summary sum;
	pf_status st = PF_OK;
	bool checked;

	pthread_mutex_lock(&c->srv->write_lock);
	if ((checked = if_match(c, w)))
		st = import_write(c, w, &sum);
	pthread_mutex_unlock(&c->srv->write_lock);
	if (!checked)
		return;
	if (st)
		return pf_resp_status(c, st);
	if (w->kind == PF_KIND_DECISIONS && sum.decision_id[0]) {
		const char *key[1] = {sum.decision_id};
		return pf_api_send_row(c, 201, w->kind, key);
	}
	pf_api_send_row(c, sum.kind[w->kind].inserted ? 201 : 200, w->kind, w->key);
}

/*
 * The required fields a PUT leaves out are the stored row's (a follow-up's
 * assessment, a measured value): a PUT changes only the members it has.
 */
static bool keep_required(pf_call *c, struct body *b, pf_kind k, const char *const *key)
{
	size_t nf;
	const pf_field *fields = pf_kind_fields(k, &nf);
	char *text = NULL, etag[40];
	size_t len;
	json_t *row = NULL;

	if (pf_api_row(c, k, key, &text, &len, etag) == PF_OK)
		row = json_loadb(text, len, 0, NULL);
	free(text);
	pf_error_clear(&c->err);
	for (size_t f = 2; row && f < nf; f++)
		if (fields[f].required && member(b, k, (int)f) < 0 &&
		    !add_member(b, fields[f].en, value_text(json_object_get(row, fields[f].en)))) {
			json_decref(row);
			pf_http_simple(c->resp, 500, "out of memory");
			return false;
		}
	json_decref(row);
	return true;
}

/* PUT followups/I/P and measurements/I/P: the key from the path, the rest from the body. */
static void put_period_row(pf_call *c, pf_kind k, const char *const *key, struct body *b)
{
	pf_period p, q;
	int m;
	char initiative[128];

	if (!pf_period_parse(key[1], &p))
		return pf_resp_error(c, 400, "\"%s\" is not a period (use 2025Q1)", key[1]);
	if ((m = member(b, k, 0)) >= 0 && strcmp(b->values[m], key[0]))
		return pf_resp_error(c, 400, "the body's %s is not the path's", b->names[m]);
	if ((m = member(b, k, 1)) >= 0 && (!pf_period_parse(b->values[m], &q) || q != p))
		return pf_resp_error(c, 400, "the body's %s is not the path's", b->names[m]);
	if (k == PF_KIND_MEASUREMENTS) {
		pf_status st = row_member(c, PF_KIND_EFFECTS, key[0], "initiative", initiative,
		                          sizeof(initiative));
		if (st == PF_ENOTFOUND)
			return pf_resp_error(c, 404, "unknown indicator \"%s\"", key[0]);
		if (st)
			return pf_resp_status(c, st);
	} else {
		snprintf(initiative, sizeof(initiative), "%s", key[0]);
	}
	if (!may_write_for(c, k, initiative, false) || !keep_required(c, b, k, key))
		return;
	/* The key fields first, then the body's; the CLI's rapporterad_av is its user's too. */
	if (member(b, k, 0) < 0)
		add_member(b, k == PF_KIND_FOLLOWUPS ? "initiative" : "indicator_id",
		           strdup(key[0]));
	if (member(b, k, 1) < 0)
		add_member(b, "period", strdup(key[1]));
	if (k == PF_KIND_FOLLOWUPS && member(b, k, F_FUP_REPORTED_BY) < 0)
		add_member(b, "reported_by", strdup(c->user->name));
	struct write w = {k,
	                  false,
	                  k == PF_KIND_FOLLOWUPS ? "followup" : "measure",
	                  {key[0], key[1]},
	                  "request",
	                  b->names,
	                  b->values,
	                  b->n};
	run_write(c, &w);
}

/* PATCH initiatives/ID and effects/ID: as `portfolj set`; a move needs the new place's scope too.
 */
static void patch_row(pf_call *c, pf_kind k, const char *id, struct body *b)
{
	char initiative[128], body[PF_BODY_BUF];
	int m;

	if (k == PF_KIND_EFFECTS) {
		pf_status st = row_member(c, PF_KIND_EFFECTS, id, "initiative", initiative,
		                          sizeof(initiative));
		if (st == PF_ENOTFOUND)
			return pf_resp_error(c, 404, "unknown indicator \"%s\"", id);
		if (st)
			return pf_resp_status(c, st);
	} else {
		snprintf(initiative, sizeof(initiative), "%s", id);
	}
	if (!may_write_for(c, k, initiative, false))
		return;
	if (k == PF_KIND_EFFECTS && (m = member(b, k, F_EFF_INITIATIVE)) >= 0 &&
	    !may_write_for(c, k, b->values[m], true))
		return;
	if (k == PF_KIND_INITIATIVES && (m = member(b, k, F_INI_COMMITTEE)) >= 0 &&
	    pf_body_parse(b->values[m], body) && !may_write(c, k, body, id))
		return forbidden(c);
	struct write w = {k, true, "set", {id}, "set", b->names, b->values, b->n};
	run_write(c, &w);
}

void pf_api_write_row(pf_call *c, pf_kind k, const char *const *key)
{
	struct body b = {0};

	if (!pf_auth_write_ok(c))
		return;
	if (read_body(c, &b)) {
		if (k == PF_KIND_FOLLOWUPS || k == PF_KIND_MEASUREMENTS)
			put_period_row(c, k, key, &b);
		else
			patch_row(c, k, key[0], &b);
	}
	body_free(&b);
}

void pf_api_decision(pf_call *c)
{
	struct body b = {0};
	char body[PF_BODY_BUF];
	int m;

	if (!pf_auth_write_ok(c) || !read_body(c, &b))
		return body_free(&b);
	m = member(&b, PF_KIND_DECISIONS, F_DEC_BODY);
	/* A body that does not parse is the importer's error to say (422). */
	if (c->user->role != PF_ROLE_ADMIN &&
	    !(c->user->role == PF_ROLE_SECRETARY &&
	      (m < 0 || !pf_body_parse(b.values[m], body) || pf_user_in_scope(c->user, body)))) {
		forbidden(c);
		return body_free(&b);
	}
	struct write w = {PF_KIND_DECISIONS, false,   "decision", {NULL},
	                  "request",         b.names, b.values,   b.n};
	m = member(&b, PF_KIND_DECISIONS, F_DEC_ID);
	w.key[0] = m >= 0 ? b.values[m] : NULL;
	run_write(c, &w);
	body_free(&b);
}
