/*
 * The store: what the library asks of a database, named by need and spoken in
 * the domain's values (ids, an indicator and a period, never a packed key or
 * SQL). Private to the library. A driver implements it: src/store/sqlite/ now,
 * src/store/postgres/ next; only a driver includes its database's header or
 * holds SQL text.
 *
 * The interface grows as the modules above move onto it; what has not moved
 * yet is listed in tests/layers.allow.
 */
#ifndef PF_STORE_STORE_H
#define PF_STORE_STORE_H

#include <stdbool.h>

#include "portfolj/db.h"
#include "portfolj/error.h"

/* Lists of stored ids, for "did you mean" (FORMATS.md section 1). */
typedef enum pf_store_ids {
	PF_IDS_INITIATIVES,
	PF_IDS_INDICATORS,
	PF_IDS_DECISIONS,
	PF_IDS_ROADMAPS,         /* the roadmaps that have a version */
	PF_IDS_ROADMAP_VERSIONS, /* the version labels of one roadmap */
} pf_store_ids;

/*
 * Calls fn with each id of the list (of the roadmap `of`, for
 * PF_IDS_ROADMAP_VERSIONS; NULL for the others) until fn returns false. The
 * id is valid during the call only. A failure of the database is a status,
 * recorded in err (which may be NULL).
 */
pf_status pf_store_ids_each(pf_db *db, pf_store_ids which, const char *of,
                            bool (*fn)(void *ctx, const char *id), void *ctx, pf_error *err);

#endif
