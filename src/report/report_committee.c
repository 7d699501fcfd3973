/*
 * report committee: per committee, its initiatives by status, indicator
 * realisation, and the KPIs the portfolio computes itself (FORMATS.md section 5).
 */
#include "report/report_internal.h"

#include "report/benefits.h"

#include <stdlib.h>
#include <string.h>

/* The quarters of the committee × quarter light matrix: P and the three before it. */
#define HISTORY PF_EVAL_HISTORY
/* The years the KPIs are given for, at most, ending with P's year. */
#define YEARS 10

/* Counts over one committee's initiatives, read in one pass. */
struct committee_acc {
	size_t initiatives, by_status[PF_PHASE_COUNT], completed, innovative, non_maintenance,
	    missing;
	pf_agg agg;
	pf_agg history[HISTORY]; /* the same realisation at P-3 .. P */
	/* For the KPIs of each year: per year from FIRST_YEAR, completed and started. */
	int first_year;
	size_t done_in[YEARS], started_by[YEARS], innovative_by[YEARS];
};

/*
 * One initiative per row: pk, status, category, innovative, completion date
 * (slut, else the end of the first period whose follow-up says avslutad),
 * whether it has a follow-up for P.
 */
static const char initiatives_sql[] =
    "SELECT n.pk, n.status, n.category, n.innovative, coalesce(n.end, (SELECT min(f.period) "
    "FROM followups f WHERE f.initiative = n.pk AND f.status = 'avslutad')), "
    "typeof(n.end), EXISTS (SELECT 1 FROM followups f WHERE f.initiative = n.pk "
    "AND f.period = ?2), n.start FROM initiatives n WHERE n.committee = ?1";

/* The completion date as a day: a stored date, or the end of a follow-up's period. */
static bool completion(sqlite3_stmt *st, pf_date *d)
{
	if (sqlite3_column_type(st, 4) == SQLITE_NULL)
		return false;
	if (!strcmp(pf_col_text(st, 5), "text"))
		return pf_date_parse(pf_col_text(st, 4), d);
	*d = pf_period_end(sqlite3_column_int(st, 4));
	return true;
}

struct committee_ctx {
	struct committee_acc *acc;
	const pf_eval *eval;
	pf_period period;
	const pf_eval *history; /* HISTORY evaluations, P-3 .. P */
};

/*
 * For the innovative share of each year: an initiative counts in the years
 * from its start (all years when it has none), system maintenance excluded.
 */
static void count_started(struct committee_acc *a, sqlite3_stmt *st, int year, bool maintenance)
{
	int from = year - YEARS + 1;
	pf_date d;
	int y = from, m, day;

	if (sqlite3_column_type(st, 7) == SQLITE_TEXT && pf_date_parse(pf_col_text(st, 7), &d)) {
		pf_date_to_ymd(d, &y, &m, &day);
		if (y < a->first_year)
			a->first_year = y;
	}
	if (maintenance)
		return;
	for (int k = y < from ? from : y; k <= year; k++) {
		a->started_by[k - from]++;
		a->innovative_by[k - from] += sqlite3_column_int(st, 3) != 0;
	}
}

/* Initiatives completed and the innovative share, for each year from the first start to P's. */
static json_t *years_json(const struct committee_acc *a, int year)
{
	int from = year - YEARS + 1, first = a->first_year < from ? from : a->first_year;
	json_t *list = json_array();

	for (int y = first; y <= year; y++) {
		size_t k = (size_t)(y - from), n = a->started_by[k];
		json_array_append_new(
		    list, json_pack("{s:i, s:I, s:o}", "year", y, "completed",
		                    (json_int_t)a->done_in[k], "innovative_share",
		                    pf_json_fraction(
		                        n > 0, n ? (double)a->innovative_by[k] / (double)n : 0)));
	}
	return list;
}

static pf_status initiative_row(sqlite3_stmt *st, void *ctx)
{
	struct committee_ctx *c = ctx;
	struct committee_acc *a = c->acc;
	int status = pf_word_parse(PF_WORDS_PHASE, pf_col_text(st, 1));
	bool maintenance =
	    !strcmp(pf_col_text(st, 2), pf_word(PF_WORDS_CATEGORY, PF_CAT_MAINTENANCE));
	pf_date done, end = pf_period_end(c->period);
	int year = pf_period_year(c->period), y, m, d;

	a->initiatives++;
	if (status >= 0)
		a->by_status[status]++;
	if (!maintenance) {
		a->non_maintenance++;
		a->innovative += sqlite3_column_int(st, 3) != 0;
	}
	if (status == PF_PHASE_COMPLETED && completion(st, &done) && done <= end) {
		pf_date_to_ymd(done, &y, &m, &d);
		a->completed += y == year;
		if (y <= year && y > year - YEARS)
			a->done_in[y - (year - YEARS + 1)]++;
	}
	count_started(a, st, year, maintenance);
	if ((status == PF_PHASE_ONGOING || status == PF_PHASE_PAUSED) && !sqlite3_column_int(st, 6))
		a->missing++;
	pf_agg_initiative(&a->agg, c->eval, sqlite3_column_int64(st, 0));
	for (int q = 0; q < HISTORY; q++)
		pf_agg_initiative(&a->history[q], &c->history[q], sqlite3_column_int64(st, 0));
	return PF_OK;
}

/* The committee's realisation and computed light in each of the quarters P-3 .. P. */
static json_t *history_json(const struct committee_acc *a, pf_period p)
{
	json_t *list = json_array();

	for (int q = 0; q < HISTORY; q++)
		json_array_append_new(list,
		                      json_pack("{s:o, s:o, s:o}", "period",
		                                pf_json_period(p - HISTORY + 1 + q), "realisation",
		                                pf_json_realisation(&a->history[q]), "light",
		                                pf_json_light(pf_agg_light(&a->history[q]))));
	return list;
}

static json_t *committee_json(const char *code, const struct committee_acc *a)
{
	json_t *j = json_object(), *by = json_object();

	for (int s = 0; s < PF_PHASE_COUNT; s++)
		if (a->by_status[s])
			json_object_set_new(by, pf_word(PF_WORDS_PHASE, s),
			                    json_integer((json_int_t)a->by_status[s]));
	json_object_set_new(j, "code", json_string(code));
	json_object_set_new(j, "initiatives", json_integer((json_int_t)a->initiatives));
	json_object_set_new(j, "by_status", by);
	json_object_set_new(j, "indicators", json_integer((json_int_t)a->agg.indicators));
	json_object_set_new(j, "measured", json_integer((json_int_t)a->agg.measured));
	json_object_set_new(j, "on_track", json_integer((json_int_t)a->agg.on_track));
	json_object_set_new(j, "realisation", pf_json_realisation(&a->agg));
	json_object_set_new(j, "completed_in_year", json_integer((json_int_t)a->completed));
	json_object_set_new(
	    j, "innovative_share",
	    pf_json_fraction(a->non_maintenance > 0,
	                     a->non_maintenance ? (double)a->innovative / (double)a->non_maintenance
	                                        : 0));
	json_object_set_new(j, "missing_followups", json_integer((json_int_t)a->missing));
	json_object_set_new(j, "stale", json_integer((json_int_t)a->agg.stale));
	return j;
}

static pf_status one_committee(pf_db *db, const char *code, const pf_report_opts *o,
                               const pf_eval *history, json_t *list, pf_error *err)
{
	struct committee_acc acc;
	const pf_eval *eval = &history[HISTORY - 1];
	struct committee_ctx c = {&acc, eval, o->period, history};
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, initiatives_sql, err);

	if (s)
		return s;
	memset(&acc, 0, sizeof(acc));
	acc.first_year = pf_period_year(o->period);
	pf_bind_text(st, 1, code);
	sqlite3_bind_int(st, 2, o->period);
	if ((s = pf_query_rows(db, st, err, initiative_row, &c)))
		return s;
	json_t *j = committee_json(code, &acc);
	json_array_append_new(list, j);
	/* Filled by the benefits' pass over the committee's indicators, by id. */
	json_object_set_new(j, "not_measured_this_period", json_array());
	json_object_set_new(j, "lights_by_quarter", history_json(&acc, o->period));
	json_object_set_new(j, "kpis_by_year", years_json(&acc, pf_period_year(o->period)));
	return pf_benefits_committee(db, code, o->period, eval, j, err);
}

pf_status pf_build_committee_eval(pf_db *db, const pf_report_opts *o, json_t **doc, pf_eval *eval,
                                  pf_error *err)
{
	static const char codes_sql[] = "SELECT DISTINCT committee FROM initiatives "
	                                "WHERE ?1 IS NULL OR committee = upper(?1) ORDER BY 1";
	pf_eval history[HISTORY] = {{0}};
	sqlite3_stmt *st = NULL;
	json_t *list = json_array();
	pf_status s = PF_OK;
	int rc;

	if ((s = pf_eval_load_history(db, o->period, history, err)))
		goto out;
	if ((s = pf_db_prepare(db, &st, codes_sql, err)))
		goto out;
	pf_bind_text(st, 1, o->committee);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW)
		if ((s = one_committee(db, pf_col_text(st, 0), o, history, list, err)))
			goto out;
	if (rc != SQLITE_DONE) {
		s = pf_db_fail(db, rc, err, "reading committees");
		goto out;
	}
	if (o->committee && !json_array_size(list)) {
		s = pf_error_set(err, PF_ENOTFOUND, "no committee \"%s\" in the portfolio",
		                 o->committee);
		goto out;
	}
	*doc = json_object();
	json_object_set_new(*doc, "period", pf_json_period(o->period));
	json_object_set(*doc, "committees", list);
out:
	sqlite3_finalize(st);
	if (!s && eval) {
		/* Handed over: the same as pf_eval_load() at P (tests/test_eval.c). */
		*eval = history[HISTORY - 1];
		memset(&history[HISTORY - 1], 0, sizeof(history[HISTORY - 1]));
	}
	for (int q = 0; q < HISTORY; q++)
		pf_eval_free(&history[q]);
	json_decref(list);
	return s;
}

pf_status pf_build_committee(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err)
{
	return pf_build_committee_eval(db, o, doc, NULL, err);
}
