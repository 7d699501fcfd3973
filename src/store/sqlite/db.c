/* Opening, migrating and small helpers over SQLite: see include/portfolj/db.h. */
#include "store/sqlite/db_internal.h"

#include <errno.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

extern const char *const pf_schema_migrations[];
extern const size_t pf_schema_count;

/* What to do about a damaged database, said wherever one is met, in err's language. */
static const char *recover(const pf_error *err)
{
	return pf_error_msg(err, "Run `portfolj check` to see the damage; to recover, copy what "
	                         "can be read into a new database with `sqlite3 DAMAGED .recover "
	                         "| sqlite3 NEW` and use NEW, or import the last export into a "
	                         "new database");
}

/* Marks a portfolj database (PRAGMA application_id): "PFJ1". */
#define PF_APPLICATION_ID 0x50464A31

int pf_db_schema_latest(void)
{
	return (int)pf_schema_count;
}

/* Whether this process may write the file and its directory (a read-only mount: no). */
static bool writable(const char *path)
{
	char dir[PATH_MAX];
	const char *slash = strrchr(path, '/');

	if (!slash)
		snprintf(dir, sizeof(dir), ".");
	else
		snprintf(dir, sizeof(dir), "%.*s", slash == path ? 1 : (int)(slash - path), path);
	return access(path, W_OK) == 0 && access(dir, W_OK) == 0;
}

pf_status pf_db_fail(pf_db *db, int rc, pf_error *err, const char *what)
{
	const char *msg = db && db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc);
	const char *path = db ? db->path : NULL;
	int primary = rc & 0xff;

	if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
		return pf_error_pos(
		    err, PF_EBUSY, path, NULL,
		    "the database is busy (another portfolj is writing); try again");
	if (primary == SQLITE_NOMEM)
		return pf_error_pos(err, PF_ENOMEM, path, NULL, "out of memory");
	if (primary == SQLITE_READONLY || (primary == SQLITE_CANTOPEN && path && !writable(path)))
		return pf_error_pos(
		    err, PF_EENV, path, NULL,
		    "the database is read-only (%s): a command that writes needs write permission "
		    "on "
		    "the file and on its directory (for the -wal and -shm files beside it); "
		    "commands "
		    "that only read (report, export, check, import --dry-run) work as it is",
		    msg);
	if (primary == SQLITE_NOTADB)
		return pf_error_pos(err, PF_EENV, path, NULL,
		                    "not a portfolj database, or a damaged one (%s)", msg);
	if (primary == SQLITE_CORRUPT)
		return pf_error_pos(err, PF_EENV, path, NULL, "the database is damaged (%s). %s",
		                    msg, recover(err));
	/* what is a message id too: "reading a row" */
	return pf_error_pos(err, PF_EENV, path, NULL, "%s: %s", pf_error_msg(err, what), msg);
}

pf_status pf_db_prepare(pf_db *db, sqlite3_stmt **st, const char *sql, pf_error *err)
{
	int rc = sqlite3_prepare_v2(db->h, sql, -1, st, NULL);

	return rc == SQLITE_OK ? PF_OK : pf_db_fail(db, rc, err, "preparing a query");
}

pf_status pf_db_exec(pf_db *db, const char *sql, pf_error *err)
{
	int rc = sqlite3_exec(db->h, sql, NULL, NULL, NULL);

	return rc == SQLITE_OK ? PF_OK : pf_db_fail(db, rc, err, sql);
}

int pf_bind_text(sqlite3_stmt *st, int i, const char *s)
{
	return s ? sqlite3_bind_text(st, i, s, -1, SQLITE_TRANSIENT) : sqlite3_bind_null(st, i);
}

const char *pf_col_text(sqlite3_stmt *st, int i)
{
	return (const char *)sqlite3_column_text(st, i);
}

static int pragma_int(pf_db *db, const char *sql)
{
	sqlite3_stmt *st = NULL;
	int v = -1;

	if (sqlite3_prepare_v2(db->h, sql, -1, &st, NULL) == SQLITE_OK &&
	    sqlite3_step(st) == SQLITE_ROW)
		v = sqlite3_column_int(st, 0);
	sqlite3_finalize(st);
	return v;
}

/* PRAGMA user_version into *v (any int, a negative one too); a SQLite result code. */
static int read_version(pf_db *db, int *v)
{
	sqlite3_stmt *st = NULL;
	int rc = sqlite3_prepare_v2(db->h, "PRAGMA user_version", -1, &st, NULL);

	if (rc == SQLITE_OK && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		*v = sqlite3_column_int(st, 0);
		rc = SQLITE_OK;
	}
	sqlite3_finalize(st);
	return rc;
}

int pf_db_schema_version(pf_db *db)
{
	int v;

	return read_version(db, &v) == SQLITE_OK ? v : -1;
}

static pf_status mark(pf_db *db, pf_error *err)
{
	char sql[64];

	snprintf(sql, sizeof(sql), "PRAGMA application_id = %d", PF_APPLICATION_ID);
	return pf_db_exec(db, sql, err);
}

/*
 * Applies migration i (0-based) in its own transaction, unless another
 * process applied it while this one waited for the write lock: the version
 * is read again inside the transaction (several processes may open a new
 * database at once).
 */
static pf_status migrate_one(pf_db *db, size_t i, pf_error *err)
{
	char pragma[64];
	pf_status st = pf_db_exec(db, "BEGIN IMMEDIATE", err);
	int rc;

	if (st)
		return st;
	if ((size_t)pf_db_schema_version(db) > i)
		return pf_db_exec(db, "COMMIT", err);
	snprintf(pragma, sizeof(pragma), "PRAGMA user_version = %zu", i + 1);
	if ((rc = sqlite3_exec(db->h, pf_schema_migrations[i], NULL, NULL, NULL)) != SQLITE_OK) {
		st = pf_db_fail(db, rc, err, "migrating the schema");
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return st;
	}
	/* Marked in the same transaction, so no other process sees tables without the mark. */
	if ((st = pf_db_exec(db, pragma, err)) || (st = mark(db, err)) ||
	    (st = pf_db_exec(db, "COMMIT", err))) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return st;
	}
	return PF_OK;
}

/*
 * Refuses a database of a newer schema before anything touches it (even its
 * journal mode), and a version no portfolj writes.
 */
static pf_status check_version(pf_db *db, int *v, pf_error *err)
{
	int rc = read_version(db, v);

	if (rc != SQLITE_OK)
		return pf_db_fail(db, rc, err, "reading the schema version");
	if (*v < 0)
		return pf_error_pos(
		    err, PF_EENV, db->path, NULL,
		    "the database has schema version %d, which no portfolj writes "
		    "(its PRAGMA user_version was set by something else); restore a "
		    "backup, or import the last export into a new database",
		    *v);
	if ((size_t)*v > pf_schema_count)
		return pf_error_pos(err, PF_EENV, db->path, NULL,
		                    "the database has schema version %d, newer than this portfolj "
		                    "knows (%zu); use a newer portfolj",
		                    *v, pf_schema_count);
	return PF_OK;
}

/* Refuses a portfolj database of an older schema, which one opened only to read cannot migrate. */
static pf_status check_current(pf_db *db, int v, pf_error *err)
{
	if ((size_t)v >= pf_schema_count)
		return PF_OK;
	return pf_error_pos(err, PF_EENV, db->path, NULL,
	                    "the database has schema version %d, older than this portfolj's "
	                    "(%zu), and a command that only reads does not migrate it: run one "
	                    "that writes first, e.g. `portfolj --db %s init`",
	                    v, pf_schema_count, db->path);
}

static pf_status migrate(pf_db *db, pf_error *err)
{
	int v;
	pf_status st = check_version(db, &v, err);

	if (st)
		return st;
	for (size_t i = (size_t)v; !st && i < pf_schema_count; i++)
		st = migrate_one(db, i, err);
	if (!st && pragma_int(db, "PRAGMA application_id") != PF_APPLICATION_ID)
		st = mark(db, err);
	return st;
}

/*
 * Refuses, before anything touches it, a database another program made: one
 * marked with another application id, or unmarked and holding tables but no
 * portfolj schema version. A portfolj database made before the mark is taken
 * (and marked by migrate()).
 */
static pf_status check_identity(pf_db *db, int version, pf_error *err)
{
	int app = pragma_int(db, "PRAGMA application_id");

	if (app == PF_APPLICATION_ID || (app == 0 && version > 0))
		return PF_OK;
	if (app == 0 && pragma_int(db, "SELECT count(*) FROM sqlite_schema") == 0)
		return PF_OK;
	return pf_error_pos(err, PF_EENV, db->path, NULL,
	                    "not a portfolj database: it belongs to another program, and is left "
	                    "as it is; give portfolj a database of its own with --db");
}

/*
 * Switches the database to WAL (a no-op when it is in WAL already). The
 * switch wants the file to itself, and SQLite answers SQLITE_BUSY at once,
 * without the busy handler, while another connection reads it (several
 * processes opening a new database at once): tried again for as long as
 * the busy timeout allows.
 */
static pf_status set_wal(pf_db *db, int ms, pf_error *err)
{
	for (int waited = 0;; waited += 10) {
		int rc = sqlite3_exec(db->h, "PRAGMA journal_mode = WAL", NULL, NULL, NULL);
		if (rc == SQLITE_OK)
			return PF_OK;
		if ((rc & 0xff) != SQLITE_BUSY || waited >= ms)
			return pf_db_fail(db, rc, err, "setting the journal mode");
		sqlite3_sleep(10);
	}
}

static pf_status configure(pf_db *db, const pf_db_opts *opts, pf_error *err)
{
	int ms = opts && opts->busy_timeout_ms > 0 ? opts->busy_timeout_ms : 5000;
	bool read_only = opts && opts->read_only;
	pf_status st;
	int v;

	sqlite3_busy_timeout(db->h, ms);
	sqlite3_extended_result_codes(db->h, 1);
	/* One read transaction: version, mark and tables as one process committed them. */
	if ((st = pf_db_exec(db, "BEGIN", err)))
		return st;
	if ((st = check_version(db, &v, err)) || (st = check_identity(db, v, err)) ||
	    (read_only && !opts->scratch && (st = check_current(db, v, err)))) {
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
		return st;
	}
	if ((st = pf_db_exec(db, "COMMIT", err)) ||
	    (st = pf_db_exec(db, "PRAGMA foreign_keys = ON", err)))
		return st;
	/* Never a write, even where the connection could (see open_read_only). */
	if (read_only && !opts->scratch)
		return pf_db_exec(db, "PRAGMA query_only = ON", err);
	if (read_only)
		return PF_OK;
	if ((st = set_wal(db, ms, err)))
		return st;
	return pf_db_exec(db, "PRAGMA synchronous = NORMAL", err);
}

/* Whether PATH-wal exists (a WAL database not closed cleanly, or open elsewhere). */
static bool wal_exists(const char *path)
{
	char wal[PATH_MAX + 8];
	struct stat sb;

	return snprintf(wal, sizeof(wal), "%s-wal", path) < (int)sizeof(wal) && !stat(wal, &sb);
}

/* A file: URI opening path as immutable (% ? # and what is not printable escaped). */
static char *immutable_uri(const char *path)
{
	static const char hex[] = "0123456789ABCDEF";
	static const char query[] = "?immutable=1";
	char *uri = malloc(5 + 3 * strlen(path) + sizeof(query)), *o = uri;

	if (!uri)
		return NULL;
	memcpy(o, "file:", 5);
	o += 5;
	for (const unsigned char *p = (const unsigned char *)path; *p; p++) {
		if (*p == '%' || *p == '?' || *p == '#' || *p <= ' ' || *p >= 0x7f) {
			*o++ = '%';
			*o++ = hex[*p >> 4];
			*o++ = hex[*p & 15];
		} else {
			*o++ = (char)*p;
		}
	}
	memcpy(o, query, sizeof(query));
	return uri;
}

/*
 * Opens the database to read only. Where this process may write the file
 * and its directory the connection is read-write but query_only, so that
 * closing it checkpoints and removes the -wal and -shm files as a writer's
 * does (a read-only connection leaves them behind). Elsewhere the file is
 * opened read-only. A WAL database is read through its -shm file,
 * which SQLite makes when missing: in a directory this process cannot write,
 * after a clean close (no -wal file), it cannot, and the file alone holds
 * everything. No one can write it either (a writer needs the -wal file
 * there), so it is read as immutable (https://sqlite.org/wal.html,
 * "Read-Only Databases").
 */
static int open_read_only(pf_db *db)
{
	const int flags = SQLITE_OPEN_NOMUTEX |
	                  (writable(db->path) ? SQLITE_OPEN_READWRITE : SQLITE_OPEN_READONLY);
	int v, rc = sqlite3_open_v2(db->path, &db->h, flags, NULL);

	if (rc == SQLITE_OK) {
		sqlite3_extended_result_codes(db->h, 1);
		rc = read_version(db, &v);
	}
	if (((rc & 0xff) != SQLITE_CANTOPEN && rc != SQLITE_READONLY_DIRECTORY) ||
	    wal_exists(db->path))
		return rc;
	char *uri = immutable_uri(db->path);
	if (!uri)
		return SQLITE_NOMEM;
	sqlite3_close_v2(db->h);
	db->h = NULL;
	rc = sqlite3_open_v2(uri, &db->h, flags | SQLITE_OPEN_URI, NULL);
	free(uri);
	return rc;
}

/* Why open_read_only() failed with rc. */
static pf_status read_only_fail(pf_db *db, int rc, pf_error *err)
{
	if ((rc & 0xff) == SQLITE_CANTOPEN && wal_exists(db->path))
		return pf_error_pos(
		    err, PF_EENV, db->path, NULL,
		    "cannot read the database: its -wal file is there, and the -shm "
		    "file SQLite reads it through cannot be made in a directory that "
		    "cannot be written; let a command that writes open it once where "
		    "it can write, or copy the database with its -wal file elsewhere");
	if ((rc & 0xff) != SQLITE_CANTOPEN && db->h)
		return pf_db_fail(db, rc, err, "reading the schema version");
	return pf_error_pos(err, PF_EENV, db->path, NULL, "cannot open the database: %s",
	                    db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
}

/* Replaces the connection by a writable copy of its database in memory. */
static pf_status copy_to_memory(pf_db *db, pf_error *err)
{
	const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
	sqlite3 *mem = NULL;
	sqlite3_backup *b = NULL;
	int rc = sqlite3_open_v2(":memory:", &mem, flags, NULL);

	if (rc == SQLITE_OK && !(b = sqlite3_backup_init(mem, "main", db->h, "main")))
		rc = sqlite3_errcode(mem);
	if (b && (rc = sqlite3_backup_step(b, -1)) == SQLITE_DONE)
		rc = SQLITE_OK;
	if (b && sqlite3_backup_finish(b) != SQLITE_OK && rc == SQLITE_OK)
		rc = sqlite3_errcode(mem);
	if (rc != SQLITE_OK) {
		sqlite3_close_v2(mem);
		return pf_db_fail(db, rc, err, "copying the database");
	}
	sqlite3_close_v2(db->h);
	db->h = mem;
	sqlite3_extended_result_codes(db->h, 1);
	return pf_db_exec(db, "PRAGMA foreign_keys = ON", err);
}

static pf_status exists(const char *path, pf_error *err)
{
	struct stat sb;

	if (!strcmp(path, ":memory:") || !stat(path, &sb))
		return PF_OK;
	return pf_error_pos(err, PF_EENV, path, NULL,
	                    "no such database; create it with `portfolj --db %s init` (or "
	                    "import into it), or give another with --db",
	                    path);
}

pf_status pf_db_open(pf_db **out, const char *path, const pf_db_opts *opts, pf_error *err)
{
	pf_db *db = calloc(1, sizeof(*db));
	bool scratch = opts && opts->read_only && opts->scratch;
	pf_status st = PF_ENOMEM;
	struct stat sb;
	int rc;

	*out = NULL;
	if (!db || !(db->path = strdup(path)))
		goto fail;
	if (opts && opts->actor && !(db->actor = strdup(opts->actor)))
		goto fail;
	/* A scratch copy of a database that does not exist is an empty one, and no file. */
	if (scratch && stat(path, &sb) && errno == ENOENT)
		path = ":memory:";
	else if (opts && (opts->must_exist || opts->read_only) && (st = exists(path, err)))
		goto fail;
	/* One connection is used by one thread at a time: SQLite's own mutexes are not needed. */
	if (opts && opts->read_only && strcmp(path, ":memory:")) {
		if ((rc = open_read_only(db)) != SQLITE_OK) {
			st = read_only_fail(db, rc, err);
			goto fail;
		}
	} else if ((rc = sqlite3_open_v2(path, &db->h,
	                                 SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX |
	                                     (opts && opts->must_exist ? 0 : SQLITE_OPEN_CREATE),
	                                 NULL)) != SQLITE_OK) {
		st = pf_error_pos(err, PF_EENV, path, NULL, "cannot open the database: %s",
		                  db->h ? sqlite3_errmsg(db->h) : sqlite3_errstr(rc));
		goto fail;
	}
	if ((st = configure(db, opts, err)))
		goto fail;
	if (scratch && strcmp(path, ":memory:") && (st = copy_to_memory(db, err)))
		goto fail;
	if ((!opts || !opts->read_only || scratch) && (st = migrate(db, err)))
		goto fail;
	*out = db;
	return PF_OK;
fail:
	if (st == PF_ENOMEM)
		pf_error_set(err, st, "out of memory");
	pf_db_close(db);
	return st;
}

void pf_db_close(pf_db *db)
{
	if (!db)
		return;
	sqlite3_close_v2(db->h);
	free(db->path);
	free(db->actor);
	free(db);
}

pf_status pf_db_run_begin(pf_db *db, const char *command, int64_t *run, pf_error *err)
{
	static const char sql[] = "INSERT INTO runs (at, command, actor) VALUES (?, ?, ?)";
	char at[32];
	time_t now = time(NULL);
	struct tm tm;
	sqlite3_stmt *st = NULL;
	pf_status s;

	gmtime_r(&now, &tm);
	strftime(at, sizeof(at), "%Y-%m-%dT%H:%M:%SZ", &tm);
	if ((s = pf_db_prepare(db, &st, sql, err)))
		return s;
	pf_bind_text(st, 1, at);
	pf_bind_text(st, 2, command);
	pf_bind_text(st, 3, db->actor);
	int rc = sqlite3_step(st);
	sqlite3_finalize(st);
	if (rc != SQLITE_DONE)
		return pf_db_fail(db, rc, err, "recording the run");
	*run = sqlite3_last_insert_rowid(db->h);
	return PF_OK;
}

/* Collects the integrity check's findings into err. */
static pf_status check_rows(pf_db *db, sqlite3_stmt *st, pf_error *err)
{
	int rc, problems = 0;

	while ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		const char *what = pf_col_text(st, 0);
		if (what && !strcmp(what, "ok"))
			continue;
		problems++;
		pf_error_pos(err, PF_EENV, db->path, NULL, "%s", what ? what : "?");
	}
	if (rc != SQLITE_DONE)
		return pf_db_fail(db, rc, err, "checking the database");
	if (problems)
		return pf_error_pos(err, PF_EENV, db->path, NULL, "the database is damaged. %s",
		                    recover(err));
	return PF_OK;
}

pf_status pf_db_check(pf_db *db, pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s = pf_db_prepare(db, &st, "PRAGMA integrity_check(100)", err);

	if (s)
		return s;
	s = check_rows(db, st, err);
	sqlite3_finalize(st);
	return s;
}
