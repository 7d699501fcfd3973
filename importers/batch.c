/*
 * New measurements, written PF_BATCH rows per statement.
 *
 * A statement's step costs far more than the row it writes (opening the
 * table, the transaction check, halting), and measurements are nearly all of
 * a big import. Two kinds of rows cannot meet a stored row: one whose key is
 * larger than every key in the table and given so far (a sheet sorted by
 * indicator and period, indicators in the order of the effects sheet, is all
 * such rows), and one whose indicator this import created (a first import in
 * any order). They need none of pf_upsert()'s checks: they are counted as
 * inserted at once and written later with others. Such a row can still repeat
 * one given before in this import; then the statement fails as a whole, is
 * undone by SQLite, and its rows are written one at a time to find the
 * duplicate. Any other row flushes the batch first and takes the checked
 * path, which then sees every row before it.
 */
#include "loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portfolj/value.h"

#define INSERT_SQL "INSERT INTO measurements (key, value, comment, run) VALUES "
/* Row i's placeholders: key, value and comment at 3i+2.., the run (the same for all) at 1. */
#define ROW_SQL "%s(?%d,?%d,?%d,?1)"
#define ROW_MAX sizeof(",(?99999,?99999,?99999,?1)")

static char *batch_sql(int rows)
{
	size_t head = strlen(INSERT_SQL);
	char *sql = malloc(head + (size_t)rows * ROW_MAX + 1), *p;

	if (!sql)
		return NULL;
	memcpy(sql, INSERT_SQL, head);
	p = sql + head;
	for (int i = 0; i < rows; i++)
		p += sprintf(p, ROW_SQL, i ? "," : "", 3 * i + 2, 3 * i + 3, 3 * i + 4);
	return sql;
}

/* The statement for n rows (PF_BATCH, or 1 for what is left at a flush). */
static pf_status batch_stmt(pf_import *imp, int n, sqlite3_stmt **out)
{
	sqlite3_stmt **slot = n == 1 ? &imp->batch.one : &imp->batch.full;
	pf_status st = PF_OK;
	char *sql;

	/* Every placeholder is bound before each step, so a reset is all it needs. */
	if (!*slot) {
		if (!(sql = batch_sql(n)))
			return pf_error_set(imp->err, PF_ENOMEM, "out of memory");
		st = pf_db_prepare(imp->db, slot, sql, imp->err);
		free(sql);
	}
	*out = *slot;
	return st;
}

/* Steps the insert of n rows from `from`: an SQLite result code, or -1 with the error recorded. */
static int write_rows(pf_import *imp, int from, int n)
{
	const pf_batch *b = &imp->batch;
	sqlite3_stmt *st = NULL;
	int rc;

	if (batch_stmt(imp, n, &st))
		return -1;
	sqlite3_bind_int64(st, 1, imp->run);
	for (int i = 0; i < n; i++) {
		const pf_batch_row *r = &b->rows[from + i];
		sqlite3_bind_int64(st, 2 + 3 * i, r->key);
		sqlite3_bind_double(st, 3 + 3 * i, r->value);
		if (r->comment)
			sqlite3_bind_text(st, 4 + 3 * i, b->text + r->comment - 1, -1,
			                  SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 4 + 3 * i);
	}
	rc = sqlite3_step(st);
	sqlite3_reset(st);
	return rc;
}

/* Records the row as a duplicate: it was counted as inserted, and is not. */
static pf_status duplicate(pf_import *imp, const pf_batch_row *r)
{
	static const char sql[] = "SELECT id FROM indicators WHERE pk = ?";
	sqlite3_stmt *st = pf_stmt(imp, &imp->batch.find_id, sql);
	char period[PF_PERIOD_BUF];

	if (!st)
		return PF_EENV;
	sqlite3_bind_int64(st, 1, r->key >> 16);
	if (sqlite3_step(st) != SQLITE_ROW)
		return pf_db_fail(imp->db, sqlite3_errcode(imp->db->h), imp->err,
		                  "looking up an indicator");
	pf_period_format((pf_period)(r->key & 0xFFFF), period);
	pf_rec_error(imp, &r->rec, 0, "duplicate measurements %s %s: this import gives it twice",
	             pf_col_text(st, 0), period);
	sqlite3_reset(st);
	if (imp->cur_counts)
		imp->cur_counts->inserted--;
	return PF_OK;
}

/* Row by row, from `from`: a row whose key is taken is a duplicate. */
static pf_status write_each(pf_import *imp, int from)
{
	pf_status st = PF_OK;

	for (int i = from; i < imp->batch.n && !st; i++) {
		int rc = write_rows(imp, i, 1);
		if ((rc & 0xFF) == SQLITE_CONSTRAINT)
			st = duplicate(imp, &imp->batch.rows[i]);
		else if (rc != SQLITE_DONE)
			st =
			    rc < 0 ? PF_EENV : pf_db_fail(imp->db, rc, imp->err, "inserting a row");
	}
	return st;
}

bool pf_batch_takes(const pf_import *imp, int64_t indicator, int64_t key)
{
	return key > imp->batch.max_key || indicator > imp->base_pk[PF_KIND_EFFECTS];
}

pf_status pf_batch_add(pf_import *imp, const pf_record *rec, int64_t key, double value,
                       const char *comment)
{
	pf_batch *b = &imp->batch;
	pf_batch_row *r = &b->rows[b->n];

	r->key = key;
	r->value = value;
	r->comment = 0;
	r->rec = *rec;
	memset(r->rec.val, 0, sizeof(r->rec.val));
	if (comment) {
		size_t len = strlen(comment) + 1;
		if (b->len + len > b->cap) {
			size_t cap = b->cap ? b->cap : 4096;
			while (cap < b->len + len)
				cap *= 2;
			char *text = realloc(b->text, cap);
			if (!text)
				return pf_error_set(imp->err, PF_ENOMEM, "out of memory");
			b->text = text;
			b->cap = cap;
		}
		memcpy(b->text + b->len, comment, len);
		r->comment = b->len + 1;
		b->len += len;
	}
	if (key > b->max_key)
		b->max_key = key;
	return ++b->n == PF_BATCH ? pf_batch_flush(imp) : PF_OK;
}

pf_status pf_batch_flush(pf_import *imp)
{
	pf_batch *b = &imp->batch;
	pf_status st = PF_OK;
	int rc = b->n == PF_BATCH ? write_rows(imp, 0, PF_BATCH) : SQLITE_DONE;

	/* What is left at the end, or a full batch undone for a taken key, goes row by row. */
	if (b->n < PF_BATCH || (rc & 0xFF) == SQLITE_CONSTRAINT)
		st = write_each(imp, 0);
	else if (rc != SQLITE_DONE)
		st = rc < 0 ? PF_EENV : pf_db_fail(imp->db, rc, imp->err, "inserting rows");
	b->n = 0;
	b->len = 0;
	return st;
}

void pf_batch_free(pf_batch *b)
{
	sqlite3_finalize(b->full);
	sqlite3_finalize(b->one);
	sqlite3_finalize(b->find_id);
	free(b->text);
}
