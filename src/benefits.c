/* Benefit realisation figures for the committee and initiative reports: see benefits.h. */
#include "benefits.h"

#include <string.h>

#include "report_internal.h"

/* The evaluation of one indicator, found by its initiative's range and its key. */
static const pf_ind_eval *find_eval(const pf_eval *e, int64_t initiative, int64_t pk)
{
	size_t lo = 0, hi = e->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (e->v[mid].initiative < initiative)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (; lo < e->n && e->v[lo].initiative == initiative; lo++)
		if (e->v[lo].pk == pk)
			return &e->v[lo];
	return NULL;
}

struct benefit_acc {
	double promised[PF_BENEFIT_COUNT], realised[PF_BENEFIT_COUNT];
	bool any[PF_BENEFIT_COUNT];
	const pf_eval *eval;
	json_t *unmeasured;
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

/* Runs the indicator query (bound to ?1 as text or integer) and adds the benefit keys. */
static pf_status add_benefits(pf_db *db, const char *sql, const char *text, int64_t key,
                              const pf_eval *eval, json_t *obj, pf_error *err)
{
	struct benefit_acc a = {.eval = eval, .unmeasured = json_array()};
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, sql, err);

	if (!s) {
		if (text)
			pf_bind_text(st, 1, text);
		else
			sqlite3_bind_int64(st, 1, key);
		s = pf_query_rows(db, st, err, benefit_row, &a);
	}
	if (!s) {
		json_object_set_new(obj, "benefits", benefits_json(&a));
		json_object_set(obj, "unmeasured_indicators", a.unmeasured);
	}
	json_decref(a.unmeasured);
	return s;
}

pf_status pf_benefits_initiative(pf_db *db, int64_t initiative, const pf_eval *eval, json_t *obj,
                                 pf_error *err)
{
	static const char sql[] = "SELECT pk, id, initiative, benefit_type, benefit_sek "
	                          "FROM indicators WHERE initiative = ?1 ORDER BY id";

	return add_benefits(db, sql, NULL, initiative, eval, obj, err);
}

/*
 * Completed initiatives of a committee: their completion period (slut, else
 * the first follow-up saying avslutad) and the last period any of their
 * indicators was measured (measurements are keyed indicator << 16 | period).
 */
static const char completed_sql[] =
    "SELECT n.id, n.end, (SELECT min(f.period) FROM followups f WHERE f.initiative = n.pk "
    "AND f.status = 'avslutad'), (SELECT max(m.key & 65535) FROM indicators i JOIN measurements "
    "m ON m.key BETWEEN i.pk << 16 AND (i.pk << 16 | 65535) WHERE i.initiative = n.pk) "
    "FROM initiatives n WHERE n.committee = ?1 AND n.status = 'avslutad' ORDER BY n.id";

struct completed_ctx {
	json_t *still, *stopped;
	size_t n;
};

static pf_status completed_row(sqlite3_stmt *st, void *ctx)
{
	struct completed_ctx *c = ctx;
	pf_date d;
	pf_period done = -1;

	c->n++;
	if (sqlite3_column_type(st, 1) == SQLITE_TEXT && pf_date_parse(pf_col_text(st, 1), &d))
		done = pf_period_of_date(d);
	else if (sqlite3_column_type(st, 2) != SQLITE_NULL)
		done = sqlite3_column_int(st, 2);
	bool measured_after = sqlite3_column_type(st, 3) != SQLITE_NULL && done >= 0 &&
	                      sqlite3_column_int(st, 3) > done;
	json_array_append_new(measured_after ? c->still : c->stopped, pf_json_column(st, 0));
	return PF_OK;
}

static pf_status after_completion(pf_db *db, const char *code, json_t *obj, pf_error *err)
{
	struct completed_ctx c = {json_array(), json_array(), 0};
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

/*
 * For each year from the first an initiative of the committee started (or
 * a follow-up was given) to P's year: initiatives completed in it (by the
 * completion rule of the committee report, up to end(P)), and the share of
 * innovative ones among those started by its end, system maintenance excluded.
 */
static const char years_sql[] =
    "WITH RECURSIVE bounds(lo, hi) AS (SELECT min(y), ?2 FROM ("
    " SELECT CAST(substr(start, 1, 4) AS INTEGER) AS y FROM initiatives WHERE committee = ?1"
    " AND start IS NOT NULL UNION ALL SELECT f.period / 4 FROM followups f JOIN initiatives n"
    " ON n.pk = f.initiative WHERE n.committee = ?1)),"
    " years(y) AS (SELECT lo FROM bounds WHERE lo IS NOT NULL AND lo <= hi"
    " UNION ALL SELECT y + 1 FROM years, bounds WHERE y < hi),"
    " done AS (SELECT n.pk, n.innovative, n.category, n.start, n.status,"
    " coalesce(n.end, (SELECT printf('%04d-%02d-%02d', min(f.period) / 4,"
    " (min(f.period) % 4) * 3 + 3, CASE (min(f.period) % 4) WHEN 0 THEN 31 WHEN 1 THEN 30"
    " WHEN 2 THEN 30 ELSE 31 END) FROM followups f WHERE f.initiative = n.pk"
    " AND f.status = 'avslutad')) AS completed FROM initiatives n WHERE n.committee = ?1)"
    " SELECT y, (SELECT count(*) FROM done WHERE status = 'avslutad' AND completed <= ?3"
    " AND substr(completed, 1, 4) = printf('%04d', y)),"
    " (SELECT sum(innovative) FROM done WHERE category <> 'förvaltning'"
    " AND (start IS NULL OR start <= printf('%04d-12-31', y))),"
    " (SELECT count(*) FROM done WHERE category <> 'förvaltning'"
    " AND (start IS NULL OR start <= printf('%04d-12-31', y)))"
    " FROM years ORDER BY y";

static pf_status year_row(sqlite3_stmt *st, void *ctx)
{
	int64_t n = sqlite3_column_int64(st, 3);

	json_array_append_new(
	    ctx, json_pack("{s:i, s:i, s:o}", "year", (json_int_t)sqlite3_column_int64(st, 0),
	                   "completed", (json_int_t)sqlite3_column_int64(st, 1), "innovative_share",
	                   pf_json_fraction(
	                       n > 0, n ? (double)sqlite3_column_int64(st, 2) / (double)n : 0)));
	return PF_OK;
}

static pf_status kpis_by_year(pf_db *db, const char *code, pf_period p, json_t *obj, pf_error *err)
{
	char end[PF_DATE_BUF];
	json_t *list = json_array();
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, years_sql, err);

	if (!s) {
		pf_date_format(pf_period_end(p), end);
		pf_bind_text(st, 1, code);
		sqlite3_bind_int(st, 2, pf_period_year(p));
		pf_bind_text(st, 3, end);
		s = pf_query_rows(db, st, err, year_row, list);
	}
	if (!s)
		json_object_set(obj, "kpis_by_year", list);
	json_decref(list);
	return s;
}

pf_status pf_benefits_committee(pf_db *db, const char *code, pf_period p, const pf_eval *eval,
                                json_t *obj, pf_error *err)
{
	static const char sql[] =
	    "SELECT i.pk, i.id, i.initiative, i.benefit_type, i.benefit_sek FROM indicators i "
	    "JOIN initiatives n ON n.pk = i.initiative WHERE n.committee = ?1 ORDER BY i.id";
	pf_status s;

	if ((s = after_completion(db, code, obj, err)) || (s = kpis_by_year(db, code, p, obj, err)))
		return s;
	return add_benefits(db, sql, code, 0, eval, obj, err);
}
