/* The loader's state, shared by import.c (transaction, upsert, history) and load.c (kinds). */
#ifndef PF_IMPORTERS_LOADER_H
#define PF_IMPORTERS_LOADER_H

#include <sqlite3.h>
#include <stdbool.h>
#include <stdint.h>

#include "store/sqlite/db_internal.h"
#include "importers/load/idmap.h"
#include "portfolj/import.h"
#include "importers/record.h"
#include "store/store.h"

/* A typed value bound to a column. */
typedef struct pf_val {
	enum { PF_V_NULL, PF_V_INT, PF_V_REAL, PF_V_TEXT } t;
	int64_t i;
	double d;
	const char *s;
	/*
	 * The record does not give this field (no such column, member or
	 * option): an update keeps the stored value, an insert takes this one
	 * (the default, or null).
	 */
	bool keep;
	char buf[64]; /* holds canonical text for dates, words, protocols */
} pf_val;

/* One table written by the loader: its statements and column names. */
typedef struct pf_table {
	const char *name;       /* for the history: the kind name */
	const char *insert_sql; /* keys, columns, then the run; ON CONFLICT DO NOTHING */
	const char *select_sql; /* binds keys; gives pk then the columns */
	const char *update_sql; /* binds columns ?1..?n, pk ?n+1, the run ?n+2 */
	int nkeys;
	int ncols;
	const char *const *cols; /* column names, for the history */
	int slot;                /* index into the statement caches */
	/*
	 * For columns that hold another row's key: a query giving that row's id
	 * from the key (?1), so the history shows ids; NULL for the others.
	 */
	const char *const *refs;
	/*
	 * A table without rowid keyed by (a key, a period), with a `run` column:
	 * the select gives run first (not pk), the insert binds run after the
	 * columns, the update binds columns, then keys, then run.
	 */
	bool keyed;
} pf_table;

enum { PF_SLOTS = 8 }; /* seven kinds and the roadmap versions */

/* New measurements held to be written in key order, PF_BATCH to a statement (batch.c). */
enum { PF_BATCH = 64 };
enum { PF_BATCH_ROWS = 1 << 18 }; /* rows held at most by default: 8 MiB */

typedef struct pf_batch_row {
	int64_t key;
	double value;
	size_t comment; /* 1 + its offset in pf_batch.text, or 0 for none */
	long line;      /* where in the source: the rest is in pf_batch.where */
} pf_batch_row;

typedef struct pf_batch {
	int64_t max_key; /* the largest key in the table or given by this import */
	pf_batch_row *rows;
	size_t n, limit;
	pf_record where; /* the source of the held rows, for a duplicate's error (no values) */
	char *text;      /* the comments of the rows */
	size_t len, cap;
	sqlite3_stmt *full, *one, *find_id; /* inserts of PF_BATCH rows and of one */
} pf_batch;

/* The keys of stored rows an import has met (touched.c). */
typedef struct pf_touched {
	int64_t max[PF_SLOTS]; /* the largest key noted per table */
	bool any[PF_SLOTS];
	int64_t wait[PF_BATCH]; /* keys beyond every one noted, not yet written */
	int n;
	sqlite3_stmt *one, *many;
} pf_touched;

/* What a measured value of an indicator is expected to be (ranges.c). */
typedef struct pf_range {
	double target;
	double span;  /* |target - baseline|; 0: nothing is beyond the target */
	bool percent; /* the unit is %: 0..100 */
	bool up;      /* the direction is öka: beyond the target is above it */
} pf_range;

/* An indicator this import met: what pf_indicator_pk() gives. */
typedef struct pf_indicator_seen {
	int64_t pk;
	bool fresh; /* it had no measurements when the import began */
	pf_range range;
} pf_indicator_seen;

/* A roadmap version met in this import, to check its rows agree. */
typedef struct pf_version_seen {
	int64_t pk;
	char *fields; /* unit, committee, date, first year, decided by: NUL-separated */
	size_t len;
	char *where; /* the first row that gave them */
} pf_version_seen;

struct pf_import {
	pf_db *db;
	struct pf_map *map;  /* --map, or NULL */
	pf_import_opts opts; /* as given; the strings belong to the caller */
	bool dry_run;
	bool credited;         /* the map's credit was noted */
	long long deadline_ms; /* opts.timeout_ms after pf_import_new() (pf_rest_now_ms()), or 0 */
	/* Only its secrets are used: the token and URL passwords, masked in every err we get. */
	pf_error secrets;
	/* JSON values of the documents and pages read so far: their units keep their trees. */
	size_t json_values;
	char *command;
	pf_unit **units;
	size_t nunits;
	int64_t run;
	int64_t base_pk[PF_SLOTS];  /* largest pk before the import: larger ones are new */
	bool stored_last[PF_SLOTS]; /* the last upsert met a stored row: look before inserting */
	sqlite3_stmt *ins[PF_SLOTS], *sel[PF_SLOTS], *upd[PF_SLOTS];
	sqlite3_stmt *change, *find_initiative, *find_indicator, *find_version;
	sqlite3_stmt *indicator_pk;
	sqlite3_stmt *add_committee, *add_unit, *find_committee;
	pf_kind_counts counts[PF_KIND_COUNT];
	pf_kind_counts *unit_counts; /* per unit */
	pf_version_seen *versions;
	size_t nversions;
	/* One-entry caches: rows of a sheet usually come grouped by their parent. */
	char *last_initiative;
	int64_t last_initiative_pk, last_indicator_pk;
	char *last_indicator_initiative; /* of the indicator last_indicator_pk */
	pf_idmap indicators;             /* id to its index in seen, for every indicator met */
	pf_indicator_seen *seen;
	size_t nseen, capseen;
	pf_kind_counts *cur_counts; /* the counts of the source being loaded */
	pf_batch batch;
	pf_touched touched;
	char decision_id[160]; /* given to a decision without one: see pf_import_summary */
	size_t suggestions;    /* "did you mean" looked for: the first PF_UNKNOWN_SUGGEST only */
	pf_error *err;
};

typedef enum { PF_UPSERT_INSERTED, PF_UPSERT_UPDATED, PF_UPSERT_UNCHANGED } pf_upsert_result;

/*
 * Writes one row: inserts it, or compares it with the stored row of the same
 * key and updates the columns that differ, writing each change to the
 * history under `key` (and `initiative`, the initiative the row belongs to).
 * A key met twice in one import is an error at `rec`.
 */
pf_status pf_upsert(pf_import *imp, const pf_table *t, const pf_val *vals, const char *key,
                    const char *initiative, const pf_record *rec, int64_t *pk,
                    pf_upsert_result *res);

/* Looks up an initiative's pk by id; PF_ENOTFOUND when there is none. */
pf_status pf_find_initiative(pf_import *imp, const char *id, int64_t *pk);
/* The id of an indicator's initiative, by the indicator's pk (owned by imp). */
pf_status pf_indicator_initiative(pf_import *imp, int64_t indicator, const char **initiative);
/*
 * An indicator's pk by id, from a map of those met (no initiative), whether
 * it had no measurements when the import began, and the range its values are
 * expected in (valid until the next call); PF_ENOTFOUND if none.
 */
pf_status pf_indicator_pk(pf_import *imp, const char *id, int64_t *pk, bool *fresh,
                          const pf_range **range);
/* Looks up a roadmap version by roadmap and version label. */
pf_status pf_find_version(pf_import *imp, const char *roadmap, const char *version, int64_t *pk);

/* Makes sure a committee code or unit name exists. */
pf_status pf_ensure_committee(pf_import *imp, const char *code);
pf_status pf_ensure_unit(pf_import *imp, const char *name);
/* Whether a committee code is one of the portfolio's (given by its initiatives or roadmaps). */
pf_status pf_committee_known(pf_import *imp, const char *code, bool *known);

/* Records an error at field f of a record (f < 0: the record), as input rejected. */
/*
 * The error of a reference to nothing at field f (unknown.c): `unknown
 * initiative "KBN-2"`, with `: did you mean "KBN-02"?` when a stored id is
 * close. Looking costs a scan of the ids, so only the first
 * PF_UNKNOWN_SUGGEST unknown references of an import get one.
 */
enum { PF_UNKNOWN_SUGGEST = 100 };
/*
 * The stored id of a list nearest to word, into out (n bytes), for "did you
 * mean"; false when none is close (or the database cannot tell).
 */
bool pf_near_stored(pf_db *db, pf_store_ids which, const char *of, const char *word, char *out,
                    size_t n);
void pf_unknown_initiative(pf_import *imp, const pf_record *rec, int f, const char *id);
void pf_unknown_indicator(pf_import *imp, const pf_record *rec, int f, const char *id);
void pf_unknown_version(pf_import *imp, const pf_record *rec, int f, const char *roadmap,
                        const char *version);

void pf_rec_error(pf_import *imp, const pf_record *rec, int f, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));
void pf_rec_warn(pf_import *imp, const pf_record *rec, int f, const char *fmt, ...)
    __attribute__((format(printf, 4, 5)));

/* The refs of a table whose first column is an initiative's key. */
extern const char *const pf_refs_initiative_first[];

/* Validates and writes one record of its kind (load.c). */
pf_status pf_load_record(pf_import *imp, const pf_record *rec, pf_upsert_result *res);

/* Reads a range from columns col.. of row: unit, baseline, target, direction. */
void pf_range_read(pf_range *r, sqlite3_stmt *row, int col);
/*
 * Warns at field f of rec (never rejects) when the measured value v of
 * indicator id is far outside its range r (FORMATS.md section 2).
 */
void pf_check_measurement(pf_import *imp, const pf_record *rec, int f, const char *id,
                          const pf_range *r, double v);

/* Roadmap rows and decisions (load_roadmap.c); fv are the record's converted fields. */
pf_status pf_load_roadmap(pf_import *imp, const pf_record *rec, pf_val *fv, pf_upsert_result *res);
pf_status pf_load_decision(pf_import *imp, const pf_record *rec, pf_val *fv, pf_upsert_result *res);

/*
 * New measurements. pf_batch_takes() is true for a row that can only be new
 * or a duplicate within this import: its key is larger than any in the table
 * or given so far, or its indicator had no measurements when the import began
 * (created by this import, or never measured).
 * pf_batch_add() takes such a row (counted as inserted), to be written with
 * others; pf_batch_flush() writes what waits, before any other measurement
 * is written and at the end of each source. A duplicate is recorded as an
 * error at its row, not returned: the import goes on to list every error.
 */
bool pf_batch_takes(const pf_import *imp, bool fresh, int64_t key);
pf_status pf_batch_add(pf_import *imp, const pf_record *rec, int64_t key, double value,
                       const char *comment);
pf_status pf_batch_flush(pf_import *imp);
void pf_batch_free(pf_batch *b);

/*
 * Notes that this import met the stored row of key in table slot (keys below
 * 2^56); *seen when it met it before: a key given twice.
 */
pf_status pf_touched_note(pf_import *imp, int slot, int64_t key, bool *seen);
void pf_touched_free(pf_touched *t);

/* "HEAD (?,?),(?,?)...": an insert of rows rows of cols values each; NULL when out of memory. */
char *pf_values_sql(const char *head, int rows, int cols);

/* Adds a unit to the import, which frees it (on failure too). */
pf_status pf_import_add_unit(pf_import *imp, pf_unit *u, pf_error *err);

/* Prepares a cached statement on first use and resets it on the next ones. */
sqlite3_stmt *pf_stmt(pf_import *imp, sqlite3_stmt **slot, const char *sql);

#endif
