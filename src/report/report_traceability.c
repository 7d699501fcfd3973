/*
 * report traceability: what each committee was told and decided in a year,
 * which of its roadmap versions and prioritised initiatives it never saw
 * (FORMATS.md section 5).
 */
#include "report/report_internal.h"

#include <stdio.h>
#include <string.h>

/* The year reported and the period P: nothing dated after P counts (section 4). */
struct span {
	int year;
	pf_period period;
};

/*
 * Binds ?1 committee, ?2 the first day of the year, ?3 its last day or the
 * last day of P if earlier, ?6 the last day of P, as far as the statement
 * uses them (the highest it names).
 */
static void bind_year(sqlite3_stmt *st, const char *code, struct span y)
{
	char from[16], to[16], end[PF_DATE_BUF];

	snprintf(from, sizeof(from), "%04d-01-01", y.year);
	snprintf(to, sizeof(to), "%04d-12-31", y.year);
	pf_date_format(pf_period_end(y.period), end);
	pf_bind_text(st, 1, code);
	pf_bind_text(st, 2, from);
	pf_bind_text(st, 3, strcmp(end, to) < 0 ? end : to);
	if (sqlite3_bind_parameter_count(st) >= 6)
		pf_bind_text(st, 6, end);
}

static const char counts_sql[] =
    "SELECT count(*) FILTER (WHERE type = 'information'), "
    "count(*) FILTER (WHERE type <> 'information'), count(*) FILTER (WHERE protocol IS NULL) "
    "FROM decisions WHERE body = ?1 AND date BETWEEN ?2 AND ?3";

static const char roadmaps_sql[] =
    "SELECT v.roadmap, v.version, v.date, EXISTS (SELECT 1 FROM decisions d "
    "WHERE d.body = ?1 AND d.roadmap_version = v.pk AND d.date BETWEEN v.date AND ?6) "
    "FROM roadmap_versions v WHERE v.committee = ?1 AND v.date BETWEEN ?2 AND ?3 "
    "ORDER BY v.roadmap, v.date, v.pk";

/* ?4, ?5: the first and last period of the year, the last no later than P. */
static const char unreported_sql[] =
    "SELECT n.id FROM initiatives n WHERE n.committee = ?1 "
    "AND EXISTS (SELECT 1 FROM priorities p WHERE p.initiative = n.pk "
    "AND p.period BETWEEN ?4 AND ?5) "
    "AND NOT EXISTS (SELECT 1 FROM decisions d WHERE d.body = ?1 AND d.initiative = n.pk "
    "AND d.date BETWEEN ?2 AND ?3) ORDER BY n.id";

static pf_status roadmap_row(sqlite3_stmt *st, void *ctx)
{
	json_array_append_new(ctx, json_pack("{s:o, s:o, s:o, s:b}", "roadmap",
	                                     pf_json_column(st, 0), "version",
	                                     pf_json_column(st, 1), "date", pf_json_column(st, 2),
	                                     "reported", sqlite3_column_int(st, 3)));
	return PF_OK;
}

static pf_status id_row(sqlite3_stmt *st, void *ctx)
{
	json_array_append_new(ctx, pf_json_column(st, 0));
	return PF_OK;
}

static pf_status counts(pf_db *db, const char *code, struct span year, json_t *j, pf_error *err)
{
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, counts_sql, err);
	int rc;

	if (s)
		return s;
	bind_year(st, code, year);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		json_object_set_new(j, "informed", json_integer(sqlite3_column_int64(st, 0)));
		json_object_set_new(j, "decisions", json_integer(sqlite3_column_int64(st, 1)));
		json_object_set_new(j, "without_protocol",
		                    json_integer(sqlite3_column_int64(st, 2)));
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? PF_OK : pf_db_fail(db, rc, err, "counting decisions");
}

static pf_status list(pf_db *db, const char *sql, const char *code, struct span year, json_t *out,
                      pf_status (*row)(sqlite3_stmt *, void *), pf_error *err)
{
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, sql, err);

	if (s)
		return s;
	bind_year(st, code, year);
	if (sqlite3_bind_parameter_count(st) >= 5) {
		pf_period last = pf_period_make(year.year, 4);

		sqlite3_bind_int(st, 4, pf_period_make(year.year, 1));
		sqlite3_bind_int(st, 5, last < year.period ? last : year.period);
	}
	return pf_query_rows(db, st, err, row, out);
}

static pf_status one_committee(pf_db *db, const char *code, struct span year, json_t *committees,
                               pf_error *err)
{
	json_t *j = json_object(), *roadmaps = json_array(), *unreported = json_array();
	pf_status s;

	json_object_set_new(j, "code", json_string(code));
	if ((s = counts(db, code, year, j, err)) ||
	    (s = list(db, roadmaps_sql, code, year, roadmaps, roadmap_row, err)) ||
	    (s = list(db, unreported_sql, code, year, unreported, id_row, err))) {
		json_decref(j);
		json_decref(roadmaps);
		json_decref(unreported);
		return s;
	}
	json_object_set_new(j, "roadmaps", roadmaps);
	json_object_set_new(j, "unreported_initiatives", unreported);
	json_array_append_new(committees, j);
	return PF_OK;
}

pf_status pf_build_traceability(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err)
{
	static const char codes_sql[] =
	    "SELECT committee FROM initiatives UNION SELECT committee FROM roadmap_versions "
	    "ORDER BY 1";
	int year = o->year ? o->year : pf_period_year(o->period);
	json_t *committees = json_array();
	sqlite3_stmt *st;
	pf_status s = pf_db_prepare(db, &st, codes_sql, err);
	int rc = SQLITE_DONE;

	while (!s && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *code = pf_col_text(st, 0);
		if (!o->committee || !strcasecmp(code, o->committee))
			s = one_committee(db, code, (struct span){year, o->period}, committees,
			                  err);
	}
	if (!s && rc != SQLITE_DONE)
		s = pf_db_fail(db, rc, err, "reading committees");
	sqlite3_finalize(st);
	if (!s && o->committee && !json_array_size(committees))
		s = pf_error_set(err, PF_ENOTFOUND, "no committee \"%s\" in the portfolio",
		                 o->committee);
	if (!s) {
		*doc = json_object();
		json_object_set_new(*doc, "year", json_integer(year));
		json_object_set(*doc, "committees", committees);
	}
	json_decref(committees);
	return s;
}
