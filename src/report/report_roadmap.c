/*
 * report roadmap: one version of a digital färdplan against another, with
 * its items' status, assessment and realisation (FORMATS.md section 5).
 */
#include "report/report_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct version_row {
	int64_t pk;
	char version[256], unit[256], committee[64], date[PF_DATE_BUF], decided_by[256];
	int first_year; /* 0 when not given */
} version_row;

static void copy_col(char *dst, size_t n, sqlite3_stmt *st, int i)
{
	const char *s = pf_col_text(st, i);

	snprintf(dst, n, "%s", s ? s : "");
}

/*
 * Finds a version of the roadmap: by label, or (label NULL) the latest by
 * date up to `until`, or (before set) the last one dated before it.
 * PF_ENOTFOUND if none.
 */
static pf_status find_version(pf_db *db, const char *roadmap, const char *label,
                              const version_row *before, const char *until, version_row *out,
                              pf_error *err)
{
	static const char sql[] =
	    "SELECT pk, version, unit, committee, date, first_year, decided_by "
	    "FROM roadmap_versions WHERE roadmap = ?1 AND (?2 IS NULL OR version = ?2) "
	    "AND (?3 IS NULL OR date < ?3 OR (date = ?3 AND pk < ?4)) "
	    "AND (?5 IS NULL OR date <= ?5) ORDER BY date DESC, pk DESC LIMIT 1";
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, sql, err);
	int rc;

	if (s)
		return s;
	pf_bind_text(st, 1, roadmap);
	pf_bind_text(st, 2, label);
	pf_bind_text(st, 3, before ? before->date : NULL);
	sqlite3_bind_int64(st, 4, before ? before->pk : 0);
	pf_bind_text(st, 5, until);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		out->pk = sqlite3_column_int64(st, 0);
		copy_col(out->version, sizeof(out->version), st, 1);
		copy_col(out->unit, sizeof(out->unit), st, 2);
		copy_col(out->committee, sizeof(out->committee), st, 3);
		copy_col(out->date, sizeof(out->date), st, 4);
		out->first_year = sqlite3_column_int(st, 5);
		copy_col(out->decided_by, sizeof(out->decided_by), st, 6);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_ROW)
		return PF_OK;
	return rc == SQLITE_DONE ? PF_ENOTFOUND : pf_db_fail(db, rc, err, "reading roadmaps");
}

static int version_first_year(const version_row *v)
{
	return v->first_year ? v->first_year : atoi(v->date);
}

struct items_ctx {
	const version_row *v;
	const pf_eval *eval;
	pf_period period;
	sqlite3_stmt *followup;
	json_t *items;
};

/* initiative id, title, horizon, status, pk */
static const char items_sql[] =
    "SELECT n.id, n.title, r.horizon, n.status, n.pk FROM roadmap_items r "
    "JOIN initiatives n ON n.pk = r.initiative WHERE r.version = ?1 "
    "ORDER BY CASE r.horizon WHEN 'år 1' THEN 1 WHEN 'år 2' THEN 2 WHEN 'år 3' THEN 3 "
    "ELSE 4 END, n.id";

static pf_status item_row(sqlite3_stmt *st, void *ctx)
{
	struct items_ctx *c = ctx;
	int h = pf_word_parse(PF_WORDS_HORIZON, pf_col_text(st, 2));
	int64_t pk = sqlite3_column_int64(st, 4);
	pf_agg agg = {0};
	json_t *item = json_object();

	sqlite3_reset(c->followup);
	sqlite3_bind_int64(c->followup, 1, pk);
	sqlite3_bind_int(c->followup, 2, c->period);
	bool has = sqlite3_step(c->followup) == SQLITE_ROW;
	pf_agg_initiative(&agg, c->eval, pk);
	json_object_set_new(item, "initiative", pf_json_text(pf_col_text(st, 0)));
	json_object_set_new(item, "title", pf_json_text(pf_col_text(st, 1)));
	json_object_set_new(item, "horizon", pf_json_text(pf_col_text(st, 2)));
	json_object_set_new(item, "year",
	                    h >= 0 && h < PF_HORIZON_LATER
	                        ? json_integer(version_first_year(c->v) + h)
	                        : json_null());
	json_object_set_new(item, "status", pf_json_text(pf_col_text(st, 3)));
	json_object_set_new(item, "assessment",
	                    pf_json_text(has ? pf_col_text(c->followup, 0) : NULL));
	json_object_set_new(item, "realisation", pf_json_realisation(&agg));
	json_array_append_new(c->items, item);
	return PF_OK;
}

static pf_status build_items(pf_db *db, const version_row *v, const pf_report_opts *o,
                             json_t *items, pf_error *err)
{
	struct items_ctx c = {v, NULL, o->period, NULL, items};
	pf_eval eval;
	sqlite3_stmt *st = NULL;
	pf_status s;

	if ((s = pf_eval_load(db, o->period, 0, &eval, err)))
		return s;
	c.eval = &eval;
	if (!(s = pf_db_prepare(
	          db, &c.followup,
	          "SELECT assessment FROM followups WHERE initiative = ?1 AND period = ?2", err)) &&
	    !(s = pf_db_prepare(db, &st, items_sql, err))) {
		sqlite3_bind_int64(st, 1, v->pk);
		s = pf_query_rows(db, st, err, item_row, &c);
	}
	sqlite3_finalize(c.followup);
	pf_eval_free(&eval);
	return s;
}

/* added, removed and moved between two versions, by initiative id. */
static const char changes_sql[] =
    "SELECT n.id, a.horizon, b.horizon FROM initiatives n "
    "LEFT JOIN roadmap_items a ON a.initiative = n.pk AND a.version = ?1 "
    "LEFT JOIN roadmap_items b ON b.initiative = n.pk AND b.version = ?2 "
    "WHERE (a.pk IS NOT NULL OR b.pk IS NOT NULL) ORDER BY n.id";

static pf_status change_row(sqlite3_stmt *st, void *ctx)
{
	json_t *changes = ctx;
	const char *id = pf_col_text(st, 0), *now = pf_col_text(st, 1),
	           *before = pf_col_text(st, 2);

	if (now && !before)
		json_array_append_new(json_object_get(changes, "added"), json_string(id));
	else if (!now && before)
		json_array_append_new(json_object_get(changes, "removed"), json_string(id));
	else if (strcmp(now, before))
		json_array_append_new(
		    json_object_get(changes, "moved"),
		    json_pack("{s:s, s:s, s:s}", "initiative", id, "from", before, "to", now));
	return PF_OK;
}

static pf_status build_changes(pf_db *db, const version_row *v, const version_row *prev,
                               json_t *changes, pf_error *err)
{
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, changes_sql, err);

	if (s)
		return s;
	sqlite3_bind_int64(st, 1, v->pk);
	sqlite3_bind_int64(st, 2, prev ? prev->pk : 0);
	return pf_query_rows(db, st, err, change_row, changes);
}

struct decisions_ctx {
	const version_row *v;
	json_t *list;
	bool reported;
};

static pf_status decision_row(sqlite3_stmt *st, void *ctx)
{
	struct decisions_ctx *c = ctx;

	json_array_append_new(
	    c->list, json_pack("{s:o, s:o, s:o, s:o, s:o}", "decision_id", pf_json_column(st, 0),
	                       "body", pf_json_column(st, 1), "date", pf_json_column(st, 2), "type",
	                       pf_json_column(st, 3), "protocol", pf_json_column(st, 4)));
	c->reported |= !strcmp(pf_col_text(st, 1), c->v->committee);
	return PF_OK;
}

/* The decisions concerning the version up to the last day of P (`until`): none after P. */
static pf_status build_decisions(pf_db *db, struct decisions_ctx *c, const char *until,
                                 pf_error *err)
{
	static const char sql[] = "SELECT id, body, date, type, protocol FROM decisions "
	                          "WHERE roadmap_version = ?1 AND date <= ?2 ORDER BY date, id";
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, sql, err);

	if (s)
		return s;
	sqlite3_bind_int64(st, 1, c->v->pk);
	pf_bind_text(st, 2, until);
	return pf_query_rows(db, st, err, decision_row, c);
}

static json_t *version_json(const pf_report_opts *o, const version_row *v, const version_row *prev)
{
	json_t *doc = json_object();

	json_object_set_new(doc, "roadmap", json_string(o->roadmap));
	json_object_set_new(doc, "version", pf_json_text(v->version));
	json_object_set_new(doc, "unit", pf_json_text(v->unit));
	json_object_set_new(doc, "committee", pf_json_text(v->committee));
	json_object_set_new(doc, "date", pf_json_text(v->date));
	json_object_set_new(doc, "first_year", json_integer(version_first_year(v)));
	json_object_set_new(doc, "decided_by",
	                    pf_json_text(v->decided_by[0] ? v->decided_by : NULL));
	json_object_set_new(doc, "previous_version", pf_json_text(prev ? prev->version : NULL));
	json_object_set_new(doc, "period", pf_json_period(o->period));
	return doc;
}

/* A version named on the command line but dated after P: a report for P cannot show it. */
static pf_status after_period(const pf_report_opts *o, const version_row *v, pf_error *err)
{
	char p[PF_PERIOD_BUF];

	pf_period_format(o->period, p);
	return pf_error_set(err, PF_ENOTFOUND,
	                    "roadmap \"%s\" version \"%s\" is dated %s, after %s "
	                    "(give a later --period)",
	                    o->roadmap, v->version, v->date, p);
}

/*
 * The version shown and the one compared with, both dated up to `until`, the
 * last day of P: a later version is not yet "the latest" (section 4).
 */
static pf_status pick_versions(pf_db *db, const pf_report_opts *o, const char *until,
                               version_row *v, version_row *prev, bool *has_prev, pf_error *err)
{
	pf_status s =
	    find_version(db, o->roadmap, o->version, NULL, o->version ? NULL : until, v, err);

	/* None up to P: its latest version, if it has one, to say that it is dated after P. */
	if (s == PF_ENOTFOUND && !o->version)
		s = find_version(db, o->roadmap, NULL, NULL, NULL, v, err);
	if (s == PF_ENOTFOUND)
		return pf_error_set(err, PF_ENOTFOUND,
		                    o->version ? "roadmap \"%s\" has no version \"%s\""
		                               : "no roadmap \"%s\"",
		                    o->roadmap, o->version);
	if (s)
		return s;
	if (strcmp(v->date, until) > 0)
		return after_period(o, v, err);
	s = o->compare ? find_version(db, o->roadmap, o->compare, NULL, NULL, prev, err)
	               : find_version(db, o->roadmap, NULL, v, until, prev, err);
	*has_prev = s == PF_OK;
	if (s == PF_ENOTFOUND && o->compare)
		return pf_error_set(err, PF_ENOTFOUND, "roadmap \"%s\" has no version \"%s\"",
		                    o->roadmap, o->compare);
	if (!s && strcmp(prev->date, until) > 0)
		return after_period(o, prev, err);
	return s == PF_ENOTFOUND ? PF_OK : s;
}

pf_status pf_build_roadmap(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err)
{
	version_row v, prev;
	char until[PF_DATE_BUF];
	bool has_prev = false;
	json_t *items = json_array(), *decisions = json_array();
	json_t *changes = json_pack("{s:[], s:[], s:[]}", "added", "removed", "moved");
	struct decisions_ctx dc = {&v, decisions, false};
	pf_status s;

	if (!o->roadmap) {
		s = pf_error_set(err, PF_EUSAGE, "report roadmap needs the roadmap's name");
		goto out;
	}
	pf_date_format(pf_period_end(o->period), until);
	if ((s = pick_versions(db, o, until, &v, &prev, &has_prev, err)) ||
	    (s = build_items(db, &v, o, items, err)) ||
	    (s = build_changes(db, &v, has_prev ? &prev : NULL, changes, err)) ||
	    (s = build_decisions(db, &dc, until, err)))
		goto out;
	*doc = version_json(o, &v, has_prev ? &prev : NULL);
	json_object_set(*doc, "items", items);
	json_object_set(*doc, "changes", changes);
	json_object_set(*doc, "decisions", decisions);
	json_object_set_new(*doc, "reported_to_committee", json_boolean(dc.reported));
out:
	json_decref(items);
	json_decref(decisions);
	json_decref(changes);
	return s;
}
