/*
 * report quarter: the prioritised initiatives of a period with their
 * follow-up, previous assessment and computed light (FORMATS.md section 5).
 */
#include "report/report_internal.h"

#include <string.h>

struct quarter_ctx {
	pf_db *db;
	pf_period period;
	const pf_eval *eval;
	json_t *items, *missing;
	sqlite3_stmt *followup, *previous;
	pf_error *err;
};

static const char followup_sql[] =
    "SELECT assessment, status, comment FROM followups WHERE initiative = ?1 AND period = ?2";
static const char previous_sql[] = "SELECT assessment FROM followups WHERE initiative = ?1 AND "
                                   "period < ?2 ORDER BY period DESC LIMIT 1";

/* The latest priority list at or before p; false when there is none. */
static pf_status list_period(pf_db *db, pf_period p, pf_period *list, bool *found, pf_error *err)
{
	sqlite3_stmt *st;
	pf_status s =
	    pf_db_prepare(db, &st, "SELECT max(period) FROM priorities WHERE period <= ?", err);

	if (s)
		return s;
	sqlite3_bind_int(st, 1, p);
	*found = sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL;
	*list = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return PF_OK;
}

/* The follow-up of the period for one initiative and the assessment before it. */
struct followup {
	bool has;
	json_t *status, *assessment, *comment, *previous;
};

static void read_followup(struct quarter_ctx *c, int64_t pk, const char *status,
                          struct followup *out)
{
	sqlite3_stmt *f = c->followup, *p = c->previous;

	sqlite3_reset(f);
	sqlite3_bind_int64(f, 1, pk);
	sqlite3_bind_int(f, 2, c->period);
	out->has = sqlite3_step(f) == SQLITE_ROW;
	const char *fstatus = out->has ? pf_col_text(f, 1) : NULL;
	out->status = pf_json_text(fstatus ? fstatus : status);
	out->assessment = pf_json_text(out->has ? pf_col_text(f, 0) : NULL);
	out->comment = pf_json_text(out->has ? pf_col_text(f, 2) : NULL);
	sqlite3_reset(p);
	sqlite3_bind_int64(p, 1, pk);
	sqlite3_bind_int(p, 2, c->period);
	out->previous = pf_json_text(sqlite3_step(p) == SQLITE_ROW ? pf_col_text(p, 0) : NULL);
}

/* One row: rank (or NULL), pk, id, title, committee, status. */
static pf_status quarter_row(sqlite3_stmt *st, void *ctx)
{
	struct quarter_ctx *c = ctx;
	int64_t pk = sqlite3_column_int64(st, 1);
	pf_agg agg = {0};
	struct followup f;
	json_t *item = json_object();

	read_followup(c, pk, pf_col_text(st, 5), &f);
	pf_agg_initiative(&agg, c->eval, pk);
	json_object_set_new(item, "id", pf_json_text(pf_col_text(st, 2)));
	json_object_set_new(item, "title", pf_json_text(pf_col_text(st, 3)));
	json_object_set_new(item, "committee", pf_json_text(pf_col_text(st, 4)));
	json_object_set_new(item, "rank", pf_json_column(st, 0));
	json_object_set_new(item, "status", f.status);
	json_object_set_new(item, "assessment", f.assessment);
	json_object_set_new(item, "computed", pf_json_light(pf_agg_light(&agg)));
	json_object_set_new(item, "realisation", pf_json_realisation(&agg));
	json_object_set_new(item, "previous_assessment", f.previous);
	json_object_set_new(item, "comment", f.comment);
	json_array_append_new(c->items, item);
	if (!f.has)
		json_array_append_new(c->missing, pf_json_text(pf_col_text(st, 2)));
	return PF_OK;
}

static const char list_sql[] =
    "SELECT p.rank, n.pk, n.id, n.title, n.committee, n.status FROM priorities p "
    "JOIN initiatives n ON n.pk = p.initiative WHERE p.period = ?1 ORDER BY p.rank";
static const char all_sql[] =
    "SELECT (SELECT rank FROM priorities WHERE period = ?1 AND initiative = n.pk), "
    "n.pk, n.id, n.title, n.committee, n.status FROM initiatives n ORDER BY n.id";

pf_status pf_build_quarter(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err)
{
	struct quarter_ctx c = {db, o->period, NULL, json_array(), json_array(), NULL, NULL, err};
	pf_eval eval = {0};
	sqlite3_stmt *st = NULL;
	pf_period list = 0;
	bool found;
	pf_status s;

	if ((s = list_period(db, o->period, &list, &found, err)) ||
	    (s = pf_eval_load(db, o->period, 0, &eval, err)) ||
	    (s = pf_db_prepare(db, &c.followup, followup_sql, err)) ||
	    (s = pf_db_prepare(db, &c.previous, previous_sql, err)))
		goto out;
	c.eval = &eval;
	if (o->all || found) {
		if ((s = pf_db_prepare(db, &st, o->all ? all_sql : list_sql, err)))
			goto out;
		sqlite3_bind_int(st, 1, found ? list : -1);
		if ((s = pf_query_rows(db, st, err, quarter_row, &c)))
			goto out;
	}
	*doc = json_object();
	json_object_set_new(*doc, "period", pf_json_period(o->period));
	json_object_set_new(*doc, "list_period", found ? pf_json_period(list) : json_null());
	json_object_set(*doc, "initiatives", c.items);
	json_object_set(*doc, "missing", c.missing);
out:
	sqlite3_finalize(c.followup);
	sqlite3_finalize(c.previous);
	pf_eval_free(&eval);
	json_decref(c.items);
	json_decref(c.missing);
	return s;
}
