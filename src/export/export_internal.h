/* What the export formats share: the rows of each kind, read in a stable order. */
#ifndef PF_EXPORT_INTERNAL_H
#define PF_EXPORT_INTERNAL_H

#include "store/sqlite/db_internal.h"
#include "portfolj/kinds.h"

typedef pf_status (*pf_export_row_fn)(void *ctx, sqlite3_stmt *st, const pf_field *fields,
                                      size_t n);

/* Calls fn for every row of kind k, its columns in the kind's field order. */
pf_status pf_export_rows(pf_db *db, pf_kind k, pf_export_row_fn fn, void *ctx, pf_error *err);

/*
 * One stored row of kind k as the sheets write it: texts[f] for each field
 * (NULL when absent), malloc'd; the caller frees each. key holds the kind's
 * key fields in order (initiatives, effects, decisions: the id; roadmaps:
 * roadmap, version, initiative). PF_ENOTFOUND when there is no such row;
 * PF_EUSAGE for a kind whose rows are not found this way.
 */
pf_status pf_export_row_texts(pf_db *db, pf_kind k, const char *const *key,
                              char *texts[PF_FIELDS_MAX], pf_error *err);
/* A cell as the sheets write it (periods `2025Q1`, booleans, plain decimals), or NULL. */
const char *pf_export_cell_text(sqlite3_stmt *st, int c, const pf_field *f, char *buf, size_t n);

#endif
