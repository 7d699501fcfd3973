/*
 * Benefit realisation (effekthemtagning): what the reports add beyond the
 * contract's keys: whether completed initiatives are still measured, the
 * committee KPIs for each year, and the promised and realised value by
 * benefit type, with the goals not measured yet listed.
 */
#ifndef PF_BENEFITS_H
#define PF_BENEFITS_H

#include <jansson.h>

#include "store/sqlite/db_internal.h"
#include "report/eval.h"

/*
 * Adds to a committee's object: "after_completion" {"completed",
 * "still_measured": [ids], "measuring_stopped": [ids]}, "benefits" {type: {"promised",
 * "realised"}}, "unmeasured_indicators" [ids]. eval: every indicator at p.
 * When obj has the array "not_measured_this_period", the ids of the indicators
 * without a value for p are appended to it (in the same pass).
 * An initiative completed after p is not counted: it was not completed at p.
 */
pf_status pf_benefits_committee(pf_db *db, const char *code, pf_period p, const pf_eval *eval,
                                json_t *obj, pf_error *err);

/*
 * Adds "benefits" {type: {"promised", "realised"}} and "unmeasured_indicators"
 * to an initiative's object. keep: NULL, or where the query is kept between
 * calls for many initiatives (the caller finalises *keep).
 */
pf_status pf_benefits_initiative(pf_db *db, int64_t initiative, const pf_eval *eval, json_t *obj,
                                 sqlite3_stmt **keep, pf_error *err);

#endif
