/*
 * The database as it stood at a moment (FORMATS.md section 4, "As of a
 * moment"): a new in-memory database of the same schema holding each row in
 * the version it had then, rebuilt from the rows' runs and the row versions
 * of schema/002_history.sql. Every report is then built from it unchanged.
 */
#include "store/sqlite/db_internal.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The tables with row versions: hist_NAME holds NAME's columns and `ended`. */
static const char *const versioned[] = {
    "initiatives", "indicators",       "measurements",  "followups",
    "priorities",  "roadmap_versions", "roadmap_items", "decisions",
};

/* What is copied as it is, or up to the run: the runs, what they read, the history shown. */
static const char *const plain_sql[] = {
    /* The schema's own committees are there already: the source's names win. */
    "INSERT OR REPLACE INTO main.committees SELECT * FROM src.committees",
    "INSERT INTO main.units SELECT * FROM src.units",
    "INSERT INTO main.runs SELECT * FROM src.runs WHERE pk <= ?1",
    "INSERT INTO main.run_sources SELECT * FROM src.run_sources WHERE run <= ?1",
    "INSERT INTO main.changes SELECT * FROM src.changes WHERE run <= ?1",
};

static pf_status step_with_run(pf_db *snap, const char *sql, int64_t run, pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s = pf_db_prepare(snap, &st, sql, err);
	int rc;

	if (s)
		return s;
	if (sqlite3_bind_parameter_count(st) > 0)
		sqlite3_bind_int64(st, 1, run);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? PF_OK : pf_db_fail(snap, rc, err, "rebuilding the past");
}

/* The table's stored columns, comma-separated (generated ones are not stored). */
static pf_status columns(pf_db *snap, const char *table, char *buf, size_t n, pf_error *err)
{
	char sql[128];
	sqlite3_stmt *st = NULL;
	size_t len = 0;
	pf_status s;

	snprintf(sql, sizeof(sql), "SELECT name FROM pragma_table_info('%s', 'main')", table);
	if ((s = pf_db_prepare(snap, &st, sql, err)))
		return s;
	buf[0] = '\0';
	while (sqlite3_step(st) == SQLITE_ROW && len < n)
		len += (size_t)snprintf(buf + len, n - len, "%s\"%s\"", len ? "," : "",
		                        pf_col_text(st, 0));
	sqlite3_finalize(st);
	return len && len < n ? PF_OK : pf_db_fail(snap, SQLITE_ERROR, err, "reading the schema");
}

/*
 * A row version was there at run R when it was written by R or before (NULL:
 * before the history began) and, for an old version, replaced or deleted
 * after R.
 */
static pf_status copy_versions(pf_db *snap, const char *table, int64_t run, pf_error *err)
{
	char cols[1024];
	pf_status s = columns(snap, table, cols, sizeof(cols), err);
	char *sql;

	if (s)
		return s;
	sql = sqlite3_mprintf(
	    "INSERT INTO main.%s (%s) SELECT %s FROM src.%s WHERE coalesce(run, 0) <= ?1 "
	    "UNION ALL SELECT %s FROM src.hist_%s WHERE coalesce(run, 0) <= ?1 AND ended > ?1",
	    table, cols, cols, table, cols, table);
	if (!sql)
		return pf_error_set(err, PF_ENOMEM, "out of memory");
	s = step_with_run(snap, sql, run, err);
	sqlite3_free(sql);
	return s;
}

/* The last run at or before the moment, or 0. */
static pf_status run_at(pf_db *snap, const char *utc, int64_t *run, pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s = pf_db_prepare(
	    snap, &st, "SELECT coalesce(max(pk), 0) FROM src.runs WHERE at <= ?1", err);

	if (s)
		return s;
	pf_bind_text(st, 1, utc);
	int rc = sqlite3_step(st);
	*run = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	return rc == SQLITE_ROW ? PF_OK : pf_db_fail(snap, rc, err, "reading the runs");
}

static pf_status attach(pf_db *snap, const char *path, pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s = pf_db_prepare(snap, &st, "ATTACH ?1 AS src", err);

	if (s)
		return s;
	pf_bind_text(st, 1, path);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? PF_OK : pf_db_fail(snap, rc, err, "opening the database");
}

static pf_status fill(pf_db *snap, const char *utc, pf_error *err)
{
	int64_t run;
	pf_status s;

	if ((s = pf_db_exec(snap, "PRAGMA foreign_keys = OFF", err)) ||
	    (s = pf_db_exec(snap, "BEGIN", err)) || (s = run_at(snap, utc, &run, err)))
		return s;
	for (size_t i = 0; !s && i < sizeof(plain_sql) / sizeof(plain_sql[0]); i++)
		s = step_with_run(snap, plain_sql[i], run, err);
	for (size_t i = 0; !s && i < sizeof(versioned) / sizeof(versioned[0]); i++)
		s = copy_versions(snap, versioned[i], run, err);
	if (!s)
		s = pf_db_exec(snap, "COMMIT", err);
	return s;
}

pf_status pf_db_snapshot(pf_db *db, const char *utc, pf_db **out, pf_error *err)
{
	pf_db *snap = NULL;
	pf_status s;

	*out = NULL;
	char *path;

	if ((s = pf_db_open(&snap, ":memory:", NULL, err)))
		return s;
	/* Messages name the database the user gave. */
	if ((path = strdup(db->path))) {
		free(snap->path);
		snap->path = path;
	}
	/* The source is read in one transaction of the snapshot's, so it is one moment too. */
	if (!(s = attach(snap, db->path, err)) && !(s = fill(snap, utc, err)))
		s = pf_db_exec(snap, "DETACH src", err);
	if (s) {
		sqlite3_exec(snap->h, "ROLLBACK", NULL, NULL, NULL);
		pf_db_close(snap);
		return s;
	}
	*out = snap;
	return PF_OK;
}
