/*
 * report priority, for Digitaliseringsrådet: initiatives waiting for a
 * decision (cross-cutting first), the Region IT hours they ask for per
 * quarter against the hours committed to ongoing initiatives, and the
 * current priority list.
 *
 * Hours: an initiative's it_hours are spread evenly over the quarters from
 * its start to its end; without dates, over the four quarters after P.
 */
#include "report_internal.h"

#include <math.h>
#include <string.h>

#define HORIZON_QUARTERS 8 /* the quarters shown, from P on */

struct hours {
	double asked[HORIZON_QUARTERS], committed[HORIZON_QUARTERS];
};

/* The quarters an initiative's hours fall in. */
static void hour_span(sqlite3_stmt *st, int c_start, int c_end, pf_period p, pf_period *from,
                      pf_period *to)
{
	pf_date d;

	*from = p + 1;
	*to = p + 4;
	if (sqlite3_column_type(st, c_start) == SQLITE_TEXT &&
	    pf_date_parse(pf_col_text(st, c_start), &d))
		*from = pf_period_of_date(d);
	if (sqlite3_column_type(st, c_end) == SQLITE_TEXT &&
	    pf_date_parse(pf_col_text(st, c_end), &d))
		*to = pf_period_of_date(d);
	else if (*from > p + 1)
		*to = *from + 3;
	if (*to < *from)
		*to = *from;
}

static void spread(double *bins, double hours, pf_period from, pf_period to, pf_period p)
{
	double per = hours / (double)(to - from + 1);

	for (pf_period q = from; q <= to; q++)
		if (q >= p && q < p + HORIZON_QUARTERS)
			bins[q - p] += per;
}

struct prio_ctx {
	pf_period period;
	struct hours h;
	json_t *waiting;
};

/* id, title, committee, status, cross_cutting, innovative, it_hours, budget, start, end */
static const char waiting_sql[] =
    "SELECT id, title, committee, status, cross_cutting, innovative, it_hours, budget, start, "
    "end FROM initiatives WHERE status IN ('idé', 'förstudie') OR (status = 'beslutad' AND "
    "(start IS NULL OR start > ?1)) ORDER BY cross_cutting DESC, coalesce(it_hours, 0) DESC, id";

static pf_status waiting_row(sqlite3_stmt *st, void *ctx)
{
	static const char *const keys[] = {
	    "id",         "title",    "committee", "status", "cross_cutting",
	    "innovative", "it_hours", "budget",    "start",  "end"};
	struct prio_ctx *c = ctx;
	json_t *o = json_object();
	pf_period from, to;

	for (int i = 0; i < 10; i++)
		json_object_set_new(o, keys[i], pf_json_column(st, i));
	json_object_set_new(o, "cross_cutting", json_boolean(sqlite3_column_int(st, 4)));
	json_object_set_new(o, "innovative", json_boolean(sqlite3_column_int(st, 5)));
	json_array_append_new(c->waiting, o);
	hour_span(st, 8, 9, c->period, &from, &to);
	spread(c->h.asked, sqlite3_column_double(st, 6), from, to, c->period);
	return PF_OK;
}

static pf_status committed_row(sqlite3_stmt *st, void *ctx)
{
	struct prio_ctx *c = ctx;
	pf_period from, to;

	hour_span(st, 1, 2, c->period, &from, &to);
	spread(c->h.committed, sqlite3_column_double(st, 0), from, to, c->period);
	return PF_OK;
}

static json_t *hours_json(const struct prio_ctx *c, double capacity)
{
	json_t *list = json_array();

	for (int i = 0; i < HORIZON_QUARTERS; i++) {
		double total = round(c->h.asked[i]) + round(c->h.committed[i]);
		json_array_append_new(
		    list,
		    json_pack("{s:o, s:f, s:f, s:o, s:b}", "period", pf_json_period(c->period + i),
		              "asked", round(c->h.asked[i]), "committed", round(c->h.committed[i]),
		              "capacity", capacity > 0 ? json_real(capacity) : json_null(), "over",
		              capacity > 0 && total > capacity));
	}
	return list;
}

static const char list_sql[] =
    "SELECT p.rank, n.id, n.title, n.committee, coalesce(f.status, n.status), f.assessment "
    "FROM priorities p JOIN initiatives n ON n.pk = p.initiative "
    "LEFT JOIN followups f ON f.initiative = n.pk AND f.period = ?1 "
    "WHERE p.period = (SELECT max(period) FROM priorities WHERE period <= ?1) ORDER BY p.rank";

static pf_status list_row(sqlite3_stmt *st, void *ctx)
{
	static const char *const keys[] = {"rank",      "id",     "title",
	                                   "committee", "status", "assessment"};
	json_t *o = json_object();

	for (int i = 0; i < 6; i++)
		json_object_set_new(o, keys[i], pf_json_column(st, i));
	json_array_append_new(ctx, o);
	return PF_OK;
}

static pf_status run(pf_db *db, const char *sql, pf_period p, bool as_date, pf_error *err,
                     pf_status (*row)(sqlite3_stmt *, void *), void *ctx)
{
	sqlite3_stmt *st;
	char date[PF_DATE_BUF];
	pf_status s = pf_db_prepare(db, &st, sql, err);

	if (s)
		return s;
	pf_date_format(pf_period_end(p), date);
	if (as_date)
		pf_bind_text(st, 1, date);
	else
		sqlite3_bind_int(st, 1, p);
	return pf_query_rows(db, st, err, row, ctx);
}

/* The period of the latest priority list at or before p, or null. */
static json_t *list_period(pf_db *db, pf_period p)
{
	sqlite3_stmt *st;
	json_t *j = json_null();

	if (pf_db_prepare(db, &st, "SELECT max(period) FROM priorities WHERE period <= ?1", NULL))
		return j;
	sqlite3_bind_int(st, 1, p);
	if (sqlite3_step(st) == SQLITE_ROW && sqlite3_column_type(st, 0) != SQLITE_NULL) {
		json_decref(j);
		j = pf_json_period(sqlite3_column_int(st, 0));
	}
	sqlite3_finalize(st);
	return j;
}

pf_status pf_build_priority(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err)
{
	struct prio_ctx c = {o->period, {{0}, {0}}, json_array()};
	json_t *list = json_array();
	pf_status s;

	if ((s = run(db, waiting_sql, o->period, true, err, waiting_row, &c)) ||
	    (s = run(db,
	             "SELECT it_hours, start, end FROM initiatives WHERE status = 'pågående' "
	             "AND it_hours > 0 AND ?1 IS NOT NULL",
	             o->period, false, err, committed_row, &c)) ||
	    (s = run(db, list_sql, o->period, false, err, list_row, list)))
		goto out;
	*doc = json_object();
	json_object_set_new(*doc, "period", pf_json_period(o->period));
	json_object_set_new(*doc, "capacity",
	                    o->capacity > 0 ? json_real(o->capacity) : json_null());
	json_object_set(*doc, "waiting", c.waiting);
	json_object_set_new(*doc, "hours", hours_json(&c, o->capacity));
	json_object_set_new(*doc, "list_period", list_period(db, o->period));
	json_object_set(*doc, "priority_list", list);
out:
	json_decref(c.waiting);
	json_decref(list);
	return s;
}
