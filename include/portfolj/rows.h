/*
 * Stored rows one by one, in the JSON shape of FORMATS.md section 3 (English
 * keys, numbers as numbers, booleans as booleans), as the server's API
 * gives them; and what a cache needs to know that the portfolio changed.
 */
#ifndef PORTFOLJ_ROWS_H
#define PORTFOLJ_ROWS_H

#include <stddef.h>
#include <stdint.h>

#include "portfolj/api.h"
#include "portfolj/db.h"
#include "portfolj/error.h"
#include "portfolj/kinds.h"

#ifdef __cplusplus
extern "C" {
#endif

/*
 * One stored row of kind k as a JSON object, compact, in a new string the
 * caller frees with free(). key holds the kind's key: initiatives, effects
 * and decisions their id; followups the initiative and the period;
 * measurements the indicator and the period; roadmaps the roadmap, version
 * and initiative. PF_ENOTFOUND (nothing recorded in err) when there is no
 * such row; PF_EUSAGE for priorities, which are lists, not rows.
 */
PF_API pf_status pf_row_json(pf_db *db, pf_kind k, const char *const *key, char **out, size_t *len,
                      pf_error *err);

/*
 * Every row of kind k as the section 3 document {"KIND": [...]} (the rows
 * in the export's order), compact, in a new string the caller frees.
 */
PF_API pf_status pf_rows_json(pf_db *db, pf_kind k, char **out, size_t *len, pf_error *err);

/*
 * A number that changes whenever the portfolio does, in this process or
 * another (the newest run: every write is one), for caches of reports.
 */
PF_API pf_status pf_db_data_version(pf_db *db, int64_t *out, pf_error *err);

/*
 * Who the next writes are by, for the change history (the runs' actor): a
 * server sets it per request. NULL for nobody; PF_ENOMEM when it cannot be
 * copied.
 */
PF_API pf_status pf_db_set_actor(pf_db *db, const char *actor, pf_error *err);

#ifdef __cplusplus
}
#endif
#endif
