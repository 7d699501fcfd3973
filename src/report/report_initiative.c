/*
 * report initiative: everything about one initiative: facts, indicators with
 * their measured series and lights, follow-ups, priorities, roadmaps,
 * decisions and change history.
 */
#include "report/report_internal.h"

#include "report/benefits.h"

#include <string.h>

/* Turns each row into an object with the given keys, one per column. */
struct rows_ctx {
	const char *const *keys;
	json_t *list;
};

static pf_status object_row(sqlite3_stmt *st, void *ctx)
{
	struct rows_ctx *c = ctx;
	json_t *o = json_object();

	for (int i = 0; c->keys[i]; i++)
		json_object_set_new(o, c->keys[i], pf_json_column(st, i));
	json_array_append_new(c->list, o);
	return PF_OK;
}

/*
 * Runs a query bound to the initiative's key (?1), the period P (?2) and its
 * last day as text (?3), as far as it uses them (the highest it names), into
 * a list of objects.
 */
static pf_status rows(pf_db *db, const char *sql, const char *const *keys, int64_t pk, pf_period p,
                      json_t *doc, const char *name, pf_error *err)
{
	struct rows_ctx c = {keys, json_array()};
	char end[PF_DATE_BUF];
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, sql, err);

	pf_date_format(pf_period_end(p), end);
	if (!s) {
		int n = sqlite3_bind_parameter_count(st);

		sqlite3_bind_int64(st, 1, pk);
		if (n >= 2)
			sqlite3_bind_int(st, 2, p);
		if (n >= 3)
			pf_bind_text(st, 3, end);
		s = pf_query_rows(db, st, err, object_row, &c);
	}
	if (!s)
		json_object_set(doc, name, c.list);
	json_decref(c.list);
	return s;
}

static const char *const fact_keys[] = {
    "id",
    "title",
    "committee",
    "unit",
    "description",
    "category",
    "status",
    "innovative",
    "cross_cutting",
    "project_manager",
    "benefit_owner",
    "start",
    "end",
    "budget",
    "it_hours",
    "pk",
    NULL,
};

static pf_status facts(pf_db *db, const char *id, json_t **out, int64_t *pk, pf_error *err)
{
	static const char sql[] =
	    "SELECT id, title, committee, unit, description, category, status, innovative, "
	    "cross_cutting, project_manager, benefit_owner, start, end, budget, it_hours, pk "
	    "FROM initiatives WHERE id = ?1";
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, sql, err);
	int rc;

	if (s)
		return s;
	pf_bind_text(st, 1, id);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		*out = json_object();
		for (int i = 0; fact_keys[i + 1]; i++)
			json_object_set_new(*out, fact_keys[i], pf_json_column(st, i));
		json_object_set_new(*out, "innovative", json_boolean(sqlite3_column_int(st, 7)));
		json_object_set_new(*out, "cross_cutting", json_boolean(sqlite3_column_int(st, 8)));
		*pk = sqlite3_column_int64(st, 15);
	}
	sqlite3_finalize(st);
	if (rc == SQLITE_DONE)
		return pf_error_set(err, PF_ENOTFOUND, "no initiative \"%s\"", id);
	return rc == SQLITE_ROW ? PF_OK : pf_db_fail(db, rc, err, "reading the initiative");
}

/* The stored fields an indicator is evaluated from, for the series. */
struct ind_fields {
	double baseline, target;
	char d0[PF_DATE_BUF], d1[PF_DATE_BUF];
	pf_direction dir;
};

static void light_fields(json_t *o, const pf_ind_eval *e)
{
	json_object_set_new(o, "progress", pf_json_fraction(e->measured, e->progress));
	json_object_set_new(o, "expected", pf_json_fraction(true, e->expected));
	json_object_set_new(o, "light", pf_json_light(e->light));
}

/* Each value measured up to P, with the light it gave in its own period: the series ends at P. */
static pf_status series(pf_db *db, int64_t ind, pf_period p, const struct ind_fields *f, json_t *o,
                        pf_error *err)
{
	/* An indicator's values are the keys from its pk << 16 on (see src/store/sqlite/schema/001_init.sql). */
	static const char sql[] = "SELECT period, value, comment FROM measurements "
	                          "WHERE key BETWEEN ?1 << 16 AND (?1 << 16 | ?2) ORDER BY key";
	json_t *list = json_array();
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, sql, err);
	int rc;

	if (s) {
		json_decref(list);
		return s;
	}
	sqlite3_bind_int64(st, 1, ind);
	sqlite3_bind_int(st, 2, p);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		pf_ind_eval e = {.measured = true, .value = sqlite3_column_double(st, 1)};
		pf_period at = sqlite3_column_int(st, 0);
		json_t *m = json_object();
		pf_eval_one(&e, f->baseline, f->target, f->d0, f->d1, f->dir, at);
		json_object_set_new(m, "period", pf_json_period(at));
		json_object_set_new(m, "value", json_real(e.value));
		json_object_set_new(m, "comment", pf_json_column(st, 2));
		light_fields(m, &e);
		json_array_append_new(list, m);
	}
	sqlite3_finalize(st);
	json_object_set_new(o, "series", list);
	return rc == SQLITE_DONE ? PF_OK : pf_db_fail(db, rc, err, "reading measurements");
}

static const char *const ind_keys[] = {
    "indicator_id", "indicator",     "goal",         "unit",        "direction",
    "baseline",     "baseline_date", "target",       "target_date", "method",
    "owner",        "weight",        "benefit_type", "benefit_sek", NULL,
};

static pf_status indicator(pf_db *db, sqlite3_stmt *st, const pf_eval *eval, size_t i, pf_period p,
                           json_t *list, pf_error *err)
{
	json_t *o = json_object();
	struct ind_fields f;
	const pf_ind_eval *e = &eval->v[i];

	for (int c = 0; ind_keys[c]; c++)
		json_object_set_new(o, ind_keys[c], pf_json_column(st, c));
	f.baseline = sqlite3_column_double(st, 5);
	f.target = sqlite3_column_double(st, 7);
	snprintf(f.d0, sizeof(f.d0), "%s", pf_col_text(st, 6));
	snprintf(f.d1, sizeof(f.d1), "%s", pf_col_text(st, 8));
	f.dir = pf_word_parse(PF_WORDS_DIRECTION, pf_col_text(st, 4)) == PF_DIR_DECREASE
	            ? PF_DIR_DECREASE
	            : PF_DIR_INCREASE;
	json_object_set_new(o, "value", e->measured ? json_real(e->value) : json_null());
	json_object_set_new(o, "value_period", e->measured ? pf_json_period(e->at) : json_null());
	pf_json_staleness(o, e);
	light_fields(o, e);
	json_array_append_new(list, o);
	return series(db, sqlite3_column_int64(st, 14), p, &f, o, err);
}

/* Indicators in the order of pf_eval_load (by id), so row i is eval->v[i]. */
static pf_status indicators(pf_db *db, int64_t pk, pf_period p, const pf_eval *eval, json_t *doc,
                            pf_error *err)
{
	static const char sql[] =
	    "SELECT id, name, goal, unit, direction, baseline, baseline_date, target, "
	    "target_date, method, owner, weight, benefit_type, benefit_sek, pk "
	    "FROM indicators WHERE initiative = ?1 ORDER BY id";
	json_t *list = json_array();
	sqlite3_stmt *st;
	size_t i = 0;
	int rc = SQLITE_DONE;
	pf_status s = pf_db_prepare(db, &st, sql, err);

	if (!s) {
		sqlite3_bind_int64(st, 1, pk);
		while (!s && i < eval->n && (rc = sqlite3_step(st)) == SQLITE_ROW)
			s = indicator(db, st, eval, i++, p, list, err);
		sqlite3_finalize(st);
	}
	if (!s && rc != SQLITE_DONE && rc != SQLITE_ROW)
		s = pf_db_fail(db, rc, err, "reading indicators");
	json_object_set(doc, "indicators", list);
	json_decref(list);
	return s;
}

static const char *const fup_keys[] = {"period_", "assessment",  "status", "expected_effects",
                                       "comment", "reported_by", NULL};
static const char *const pri_keys[] = {"period_", "rank", NULL};
static const char *const rm_keys[] = {"roadmap", "version", "date", "horizon", NULL};
static const char *const dec_keys[] = {"decision_id", "body",     "date", "type",
                                       "title",       "protocol", NULL};
static const char *const chg_keys[] = {"at", "command", "kind", "key", "field", "old", "new", NULL};

/* Periods are integers in the database: show them as 2025Q1. */
static void period_texts(json_t *list)
{
	size_t i;
	json_t *o;

	json_array_foreach(list, i, o)
	{
		json_t *p = json_object_get(o, "period_");
		if (!p)
			continue;
		json_t *ordered = json_object();
		json_object_set_new(ordered, "period", pf_json_period((int)json_integer_value(p)));
		json_object_del(o, "period_");
		json_object_update(ordered, o);
		json_array_set_new(list, i, ordered);
	}
}

/*
 * Follow-ups, priorities, roadmap versions and decisions up to P (?2, its last
 * day ?3): a report for P uses nothing dated after it (FORMATS.md section 4).
 */
static pf_status histories(pf_db *db, int64_t pk, const char *id, pf_period p, json_t *doc,
                           pf_error *err)
{
	pf_status s;

	if ((s = rows(db,
	              "SELECT period, assessment, status, expected_effects, comment, reported_by "
	              "FROM followups WHERE initiative = ?1 AND period <= ?2 ORDER BY period",
	              fup_keys, pk, p, doc, "followups", err)) ||
	    (s = rows(db,
	              "SELECT period, rank FROM priorities WHERE initiative = ?1 AND period <= ?2 "
	              "ORDER BY period",
	              pri_keys, pk, p, doc, "priorities", err)) ||
	    (s = rows(db,
	              "SELECT v.roadmap, v.version, v.date, r.horizon FROM roadmap_items r "
	              "JOIN roadmap_versions v ON v.pk = r.version WHERE r.initiative = ?1 "
	              "AND v.date <= ?3 ORDER BY v.roadmap, v.date",
	              rm_keys, pk, p, doc, "roadmaps", err)) ||
	    (s = rows(db,
	              "SELECT id, body, date, type, title, protocol FROM decisions "
	              "WHERE initiative = ?1 AND date <= ?3 ORDER BY date, id",
	              dec_keys, pk, p, doc, "decisions", err)))
		return s;
	period_texts(json_object_get(doc, "followups"));
	period_texts(json_object_get(doc, "priorities"));
	/* The history is keyed by the initiative's id: the row's own key may be another. */
	sqlite3_stmt *st;
	if ((s = pf_db_prepare(db, &st,
	                       "SELECT r.at, r.command, c.kind, c.key, c.field, c.old, c.new "
	                       "FROM changes c JOIN runs r ON r.pk = c.run WHERE c.initiative = ?1 "
	                       "ORDER BY c.pk",
	                       err)))
		return s;
	struct rows_ctx c = {chg_keys, json_array()};
	pf_bind_text(st, 1, id);
	s = pf_query_rows(db, st, err, object_row, &c);
	json_object_set_new(doc, "changes", c.list);
	return s;
}

pf_status pf_build_initiative(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err)
{
	json_t *f = NULL;
	int64_t pk = 0;
	pf_eval eval = {0};
	pf_agg agg = {0};
	pf_status s;

	if (!o->initiative)
		return pf_error_set(err, PF_EUSAGE, "report initiative needs the initiative's id");
	if ((s = facts(db, o->initiative, &f, &pk, err)) ||
	    (s = pf_eval_load(db, o->period, pk, &eval, err)))
		goto out;
	json_object_del(f, "pk");
	for (size_t i = 0; i < eval.n; i++)
		pf_agg_add(&agg, &eval.v[i]);
	*doc = json_object();
	json_object_set_new(*doc, "period", pf_json_period(o->period));
	json_object_set(*doc, "initiative", f);
	json_object_set_new(*doc, "realisation", pf_json_realisation(&agg));
	json_object_set_new(*doc, "computed", pf_json_light(pf_agg_light(&agg)));
	json_object_set_new(
	    *doc, "expected",
	    pf_json_fraction(agg.wsum > 0, agg.wsum > 0 ? agg.expected / agg.wsum : 0));
	if ((s = indicators(db, pk, o->period, &eval, *doc, err)) ||
	    (s = pf_benefits_initiative(db, pk, &eval, *doc, NULL, err)) ||
	    (s = histories(db, pk, o->initiative, o->period, *doc, err))) {
		json_decref(*doc);
		*doc = NULL;
	}
out:
	json_decref(f);
	pf_eval_free(&eval);
	return s;
}
