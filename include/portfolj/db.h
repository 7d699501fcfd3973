/* The portfolio database: one SQLite file, created and migrated on open. */
#ifndef PORTFOLJ_DB_H
#define PORTFOLJ_DB_H

#include <stdbool.h>

#include "portfolj/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef struct pf_db pf_db;

typedef struct pf_db_opts {
	int busy_timeout_ms; /* how long to wait for another writer; 0 gives 5000 */
	const char *actor;   /* who is making changes (for the history); may be NULL */
	/*
	 * Only open a database that exists (commands that only read): a missing
	 * one is PF_EENV, and no empty file is left behind.
	 */
	bool must_exist;
	/*
	 * Only read (report, export, check): the file is opened read-only, its
	 * journal mode is left as it is and nothing is migrated, so that a
	 * read-only file, directory or mount can be read. A database of an
	 * older schema is refused (PF_EENV): a command that writes migrates it.
	 * Implies must_exist.
	 */
	bool read_only;
	/*
	 * With read_only: the database is a private copy in memory of the file,
	 * migrated if it is of an older schema, which may be written but is lost
	 * on close (import --dry-run checks everything and writes nothing).
	 */
	bool scratch;
} pf_db_opts;

/*
 * Opens (creating if needed) the database at path and applies every pending
 * migration of schema/. A database of a newer schema than this library is
 * refused (PF_EENV). opts may be NULL. The caller closes it with pf_db_close().
 */
PF_API pf_status pf_db_open(pf_db **out, const char *path, const pf_db_opts *opts, pf_error *err);
PF_API void pf_db_close(pf_db *db);

/*
 * Runs SQLite's integrity check. PF_OK when the database is whole; PF_EENV
 * with each problem found (at most 100) and how to recover in err.
 */
PF_API pf_status pf_db_check(pf_db *db, pf_error *err);

/* The schema version this library writes, and the one of an open database. */
PF_API int pf_db_schema_latest(void);
PF_API int pf_db_schema_version(pf_db *db);

#ifdef __cplusplus
}
#endif
#endif
