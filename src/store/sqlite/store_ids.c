/* Lists of stored ids (store.h) from SQLite. */
#include "store/store.h"

#include "store/sqlite/db_internal.h"

static const char *ids_sql(pf_store_ids which)
{
	switch (which) {
	case PF_IDS_INITIATIVES:
		return "SELECT id FROM initiatives";
	case PF_IDS_INDICATORS:
		return "SELECT id FROM indicators";
	case PF_IDS_DECISIONS:
		return "SELECT id FROM decisions";
	case PF_IDS_ROADMAPS:
		return "SELECT DISTINCT roadmap FROM roadmap_versions";
	case PF_IDS_ROADMAP_VERSIONS:
		return "SELECT version FROM roadmap_versions WHERE roadmap = ?1";
	}
	return NULL;
}

pf_status pf_store_ids_each(pf_db *db, pf_store_ids which, const char *of,
                            bool (*fn)(void *ctx, const char *id), void *ctx, pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s;
	int rc;

	if ((s = pf_db_prepare(db, &st, ids_sql(which), err)))
		return s;
	if (of)
		sqlite3_bind_text(st, 1, of, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(st)) == SQLITE_ROW && fn(ctx, pf_col_text(st, 0)))
		;
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		s = pf_db_fail(db, rc, err, "reading a row");
	sqlite3_finalize(st);
	return s;
}
