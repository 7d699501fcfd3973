/* What the library's modules share about an open database; not public. */
#ifndef PF_DB_INTERNAL_H
#define PF_DB_INTERNAL_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "portfolj/db.h"

struct pf_db {
	sqlite3 *h;
	char *path;
	char *actor;
};

/* Maps a SQLite result code to a status, recording the message. */
pf_status pf_db_fail(pf_db *db, int rc, pf_error *err, const char *what);
/* Prepares one statement; on failure records the message. */
pf_status pf_db_prepare(pf_db *db, sqlite3_stmt **st, const char *sql, pf_error *err);
/* Runs SQL without results (BEGIN, COMMIT, ...). */
pf_status pf_db_exec(pf_db *db, const char *sql, pf_error *err);

/* Binds text or NULL for a NULL pointer. */
int pf_bind_text(sqlite3_stmt *st, int i, const char *s);
/* A column's text or NULL, as a const char * (valid until the next step). */
const char *pf_col_text(sqlite3_stmt *st, int i);

/*
 * Starts a run (an import or a command that writes) and returns its key.
 * Must be inside a transaction.
 */
pf_status pf_db_run_begin(pf_db *db, const char *command, int64_t *run, pf_error *err);

/*
 * A new in-memory database holding db as it stood at the moment utc
 * (`YYYY-MM-DDTHH:MM:SSZ`, as runs.at): what later runs wrote is left out,
 * what they changed or deleted is there as it was (src/store/sqlite/snapshot.c). The
 * caller closes it with pf_db_close().
 */
pf_status pf_db_snapshot(pf_db *db, const char *utc, pf_db **out, pf_error *err);

#endif
