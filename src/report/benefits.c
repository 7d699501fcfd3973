/* Benefit realisation figures for the committee and initiative reports: see benefits.h. */
#include "report/benefits.h"

#include <string.h>

#include "report/report_internal.h"

/* The evaluation of one indicator, found by its initiative's range and its key. */
static const pf_ind_eval *find_eval(const pf_eval *e, int64_t initiative, int64_t pk)
{
	for (size_t i = pf_eval_first(e, initiative); i < e->n && e->v[i].initiative == initiative;
	     i++)
		if (e->v[i].pk == pk)
			return &e->v[i];
	return NULL;
}

struct benefit_acc {
	double promised[PF_BENEFIT_COUNT], realised[PF_BENEFIT_COUNT];
	bool any[PF_BENEFIT_COUNT];
	const pf_eval *eval;
	json_t *unmeasured;
	json_t *not_this_period; /* or NULL: ids without a value for period itself */
	pf_period period;
};

/* Row: indicator pk, id, initiative pk, benefit type, yearly value in kronor. */
static pf_status benefit_row(sqlite3_stmt *st, void *ctx)
{
	struct benefit_acc *a = ctx;
	const pf_ind_eval *e =
	    find_eval(a->eval, sqlite3_column_int64(st, 2), sqlite3_column_int64(st, 0));
	int type = pf_word_parse(PF_WORDS_BENEFIT, pf_col_text(st, 3));

	if (!e || !e->measured)
		json_array_append_new(a->unmeasured, pf_json_text(pf_col_text(st, 1)));
	/* The latest value at or before P is P's own when there is one. */
	if (a->not_this_period && (!e || !e->measured || e->at != a->period))
		json_array_append_new(a->not_this_period, pf_json_text(pf_col_text(st, 1)));
	if (type < 0 || sqlite3_column_type(st, 4) == SQLITE_NULL)
		return PF_OK;
	double value = sqlite3_column_double(st, 4);
	a->any[type] = true;
	a->promised[type] += value;
	/* The part realised so far: progress x the yearly value promised at the target. */
	if (e && e->measured)
		a->realised[type] += e->progress * value;
	return PF_OK;
}

/* Kronor, whole: the yearly value promised at the target, and the part realised. */
static json_t *benefits_json(const struct benefit_acc *a)
{
	json_t *j = json_object();

	for (int t = 0; t < PF_BENEFIT_COUNT; t++)
		if (a->any[t])
			json_object_set_new(
			    j, pf_word(PF_WORDS_BENEFIT, t),
			    json_pack("{s:I, s:I}", "promised", (json_int_t)(a->promised[t] + 0.5),
			              "realised", (json_int_t)(a->realised[t] + 0.5)));
	return j;
}

/*
 * Runs the indicator query (bound to ?1 as text or integer) and adds the
 * benefit keys. keep: NULL, or where the prepared query is kept for the next
 * call (the caller finalises it): a report of every initiative runs it for
 * each, and preparing it each time cost more than running it.
 */
static pf_status add_benefits(pf_db *db, const char *sql, const char *text, int64_t key,
                              struct benefit_acc a, json_t *obj, sqlite3_stmt **keep,
                              pf_error *err)
{
	sqlite3_stmt *st = keep ? *keep : NULL;
	pf_status s = st ? PF_OK : pf_db_prepare(db, &st, sql, err);

	if (!s) {
		if (text)
			pf_bind_text(st, 1, text);
		else
			sqlite3_bind_int64(st, 1, key);
		if (keep) {
			*keep = st;
			s = pf_query_rows_reset(db, st, err, benefit_row, &a);
		} else {
			s = pf_query_rows(db, st, err, benefit_row, &a);
		}
	}
	if (!s) {
		json_object_set_new(obj, "benefits", benefits_json(&a));
		json_object_set(obj, "unmeasured_indicators", a.unmeasured);
	}
	json_decref(a.unmeasured);
	return s;
}

pf_status pf_benefits_initiative(pf_db *db, int64_t initiative, const pf_eval *eval, json_t *obj,
                                 sqlite3_stmt **keep, pf_error *err)
{
	static const char sql[] = "SELECT pk, id, initiative, benefit_type, benefit_sek "
	                          "FROM indicators WHERE initiative = ?1 ORDER BY id";

	struct benefit_acc a = {.eval = eval, .unmeasured = json_array()};

	return add_benefits(db, sql, NULL, initiative, a, obj, keep, err);
}

/*
 * Completed initiatives of a committee: their completion period (slut, else
 * the first follow-up saying avslutad).
 */
static const char completed_sql[] =
    "SELECT n.pk, n.id, n.end, (SELECT min(f.period) FROM followups f WHERE f.initiative = n.pk "
    "AND f.status = 'avslutad') "
    "FROM initiatives n WHERE n.committee = ?1 AND n.status = 'avslutad' ORDER BY n.id";

struct completed_ctx {
	const pf_eval *eval; /* at P */
	pf_period period;
	json_t *still, *stopped;
	size_t n;
};

/*
 * Whether one of the initiative's indicators has a value of a period after
 * done that is not stale at P (section 4). Its latest value at or before P
 * is enough: an older one of the same indicator is no less stale.
 */
static bool still_measured(const pf_eval *e, int64_t initiative, pf_period done)
{
	for (size_t i = pf_eval_first(e, initiative); i < e->n && e->v[i].initiative == initiative;
	     i++)
		if (e->v[i].measured && e->v[i].at > done && !e->v[i].stale)
			return true;
	return false;
}

static pf_status completed_row(sqlite3_stmt *st, void *ctx)
{
	struct completed_ctx *c = ctx;
	pf_date d;
	pf_period done = -1;

	if (sqlite3_column_type(st, 2) == SQLITE_TEXT && pf_date_parse(pf_col_text(st, 2), &d))
		done = pf_period_of_date(d);
	else if (sqlite3_column_type(st, 3) != SQLITE_NULL)
		done = sqlite3_column_int(st, 3);
	/* Completed after P: not yet completed in a report for P. */
	if (done > c->period)
		return PF_OK;
	c->n++;
	bool still = done >= 0 && still_measured(c->eval, sqlite3_column_int64(st, 0), done);
	json_array_append_new(still ? c->still : c->stopped, pf_json_column(st, 1));
	return PF_OK;
}

static pf_status after_completion(pf_db *db, const char *code, pf_period p, const pf_eval *eval,
                                  json_t *obj, pf_error *err)
{
	struct completed_ctx c = {eval, p, json_array(), json_array(), 0};
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, completed_sql, err);

	if (!s) {
		pf_bind_text(st, 1, code);
		s = pf_query_rows(db, st, err, completed_row, &c);
	}
	if (!s)
		json_object_set_new(obj, "after_completion",
		                    json_pack("{s:i, s:O, s:O}", "completed", (json_int_t)c.n,
		                              "still_measured", c.still, "measuring_stopped",
		                              c.stopped));
	json_decref(c.still);
	json_decref(c.stopped);
	return s;
}

pf_status pf_benefits_committee(pf_db *db, const char *code, pf_period p, const pf_eval *eval,
                                json_t *obj, pf_error *err)
{
	static const char sql[] =
	    "SELECT i.pk, i.id, i.initiative, i.benefit_type, i.benefit_sek FROM indicators i "
	    "JOIN initiatives n ON n.pk = i.initiative WHERE n.committee = ?1 ORDER BY i.id";
	struct benefit_acc a = {.eval = eval,
	                        .unmeasured = json_array(),
	                        .not_this_period = json_object_get(obj, "not_measured_this_period"),
	                        .period = p};
	pf_status s;

	if ((s = after_completion(db, code, p, eval, obj, err))) {
		json_decref(a.unmeasured);
		return s;
	}
	return add_benefits(db, sql, code, 0, a, obj, NULL, err);
}
