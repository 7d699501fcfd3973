/*
 * The stored rows an import has met, to tell a key it gives twice: rows it
 * writes carry its mark (a larger key, or its run), but a stored row it leaves
 * unchanged does not, so its key is noted in a temporary table (on disk when
 * large, so memory stays flat), as slot << 56 | key: one rowid, and keys stay
 * below 2^56.
 *
 * A re-import meets stored rows in key order: a key beyond every one noted
 * for its table cannot have been met, so it only waits to be noted with
 * others, PF_BATCH to a statement. Any other key is checked against the table,
 * after what waits has been written.
 */
#include "importers/load/loader.h"

#include <stdlib.h>
#include <string.h>

#define ONE_SQL "INSERT INTO temp.touched (k) VALUES (?) ON CONFLICT DO NOTHING"
#define MANY_SQL "INSERT INTO temp.touched (k) VALUES"

/* Notes one key; *seen when it was noted before. */
static pf_status note_one(pf_import *imp, int64_t k, bool *seen)
{
	sqlite3_stmt *st = pf_stmt(imp, &imp->touched.one, ONE_SQL);
	int rc;

	if (!st)
		return PF_EENV;
	sqlite3_bind_int64(st, 1, k);
	if ((rc = sqlite3_step(st)) != SQLITE_DONE)
		return pf_db_fail(imp->db, rc, imp->err, "checking for duplicates");
	*seen = sqlite3_changes(imp->db->h) == 0;
	return PF_OK;
}

/* Writes the keys that wait: all beyond those noted before, and different. */
static pf_status flush(pf_import *imp)
{
	pf_touched *t = &imp->touched;
	pf_status st = PF_OK;
	bool seen;

	if (t->n == PF_BATCH) {
		if (!t->many) {
			char *sql = pf_values_sql(MANY_SQL, PF_BATCH, 1);
			if (!sql)
				return pf_error_set(imp->err, PF_ENOMEM, "out of memory");
			st = pf_db_prepare(imp->db, &t->many, sql, imp->err);
			free(sql);
			if (st)
				return st;
		}
		sqlite3_reset(t->many);
		for (int i = 0; i < PF_BATCH; i++)
			sqlite3_bind_int64(t->many, i + 1, t->wait[i]);
		int rc = sqlite3_step(t->many);
		if (rc != SQLITE_DONE)
			st = pf_db_fail(imp->db, rc, imp->err, "checking for duplicates");
	} else {
		for (int i = 0; i < t->n && !st; i++)
			st = note_one(imp, t->wait[i], &seen);
	}
	t->n = 0;
	return st;
}

pf_status pf_touched_note(pf_import *imp, int slot, int64_t key, bool *seen)
{
	pf_touched *t = &imp->touched;
	int64_t k = (int64_t)slot << 56 | key;
	pf_status st;

	if (!t->any[slot] || key > t->max[slot]) {
		t->any[slot] = true;
		t->max[slot] = key;
		t->wait[t->n++] = k;
		*seen = false;
		return t->n == PF_BATCH ? flush(imp) : PF_OK;
	}
	if ((st = flush(imp)))
		return st;
	return note_one(imp, k, seen);
}

void pf_touched_free(pf_touched *t)
{
	sqlite3_finalize(t->one);
	sqlite3_finalize(t->many);
}
