/* What the report builders and renderers share; not public. */
#ifndef PF_REPORT_INTERNAL_H
#define PF_REPORT_INTERNAL_H

#include <jansson.h>

#include "store/sqlite/db_internal.h"
#include "report/eval.h"
#include "portfolj/report.h"

/* The report is the contract's JSON document; renderers read it. */
struct pf_report {
	pf_report_kind kind;
	pf_report_opts opts;
	json_t *doc;
};

typedef pf_status (*pf_report_builder)(pf_db *db, const pf_report_opts *o, json_t **doc,
                                       pf_error *err);

pf_status pf_build_quarter(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err);
pf_status pf_build_committee(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err);
/* The same; eval (if not NULL) gets every indicator evaluated at P, for the caller to free. */
pf_status pf_build_committee_eval(pf_db *db, const pf_report_opts *o, json_t **doc, pf_eval *eval,
                                  pf_error *err);
pf_status pf_build_initiative(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err);
pf_status pf_build_priority(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err);
pf_status pf_build_roadmap(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err);
pf_status pf_build_traceability(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err);
pf_status pf_build_benefits(pf_db *db, const pf_report_opts *o, json_t **doc, pf_error *err);

/* JSON values for the contract: text or null, a light word or null, a fraction or null. */
json_t *pf_json_text(const char *s);
json_t *pf_json_light(pf_light l);
json_t *pf_json_fraction(bool has, double v);
json_t *pf_json_period(pf_period p);
/*
 * Adds an indicator's "last_measured" (the period of its latest value at or
 * before P, or null) and "stale" (false when unmeasured) to o (section 5).
 */
void pf_json_staleness(json_t *o, const pf_ind_eval *e);
/* A column as JSON: text, integer, real or null, as stored. */
json_t *pf_json_column(sqlite3_stmt *st, int i);
/* A fraction: realisation of an aggregate, rounded to 4 decimals, or null. */
json_t *pf_json_realisation(const pf_agg *a);

/* Steps a statement to its end, calling row() for each row; the statement is finalised. */
pf_status pf_query_rows(pf_db *db, sqlite3_stmt *st, pf_error *err,
                        pf_status (*row)(sqlite3_stmt *st, void *ctx), void *ctx);
/* The same, but the statement is only reset: for one run many times. */
pf_status pf_query_rows_reset(pf_db *db, sqlite3_stmt *st, pf_error *err,
                              pf_status (*row)(sqlite3_stmt *st, void *ctx), void *ctx);

/* Renderers over a built report; o may be NULL (no colour, Swedish). */
pf_status pf_render_table(const pf_report *r, const pf_render_opts *o, char **out, size_t *len,
                          pf_error *err);
pf_status pf_render_csv(const pf_report *r, const pf_render_opts *o, char **out, size_t *len,
                        pf_error *err);
pf_status pf_render_md(const pf_report *r, const pf_render_opts *o, char **out, size_t *len,
                       pf_error *err);
pf_status pf_render_html(const pf_report *r, const pf_render_opts *o, char **out, size_t *len,
                         pf_error *err);
/*
 * A workbook (binary: *len bytes, NUL-terminated all the same) of the quarter
 * or committee report; PF_EUSAGE for the other kinds.
 */
pf_status pf_render_xlsx(const pf_report *r, const pf_render_opts *o, char **out, size_t *len,
                         pf_error *err);

#endif
