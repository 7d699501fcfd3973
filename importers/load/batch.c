/*
 * New measurements: held, put in key order and written PF_BATCH rows per
 * statement.
 *
 * A statement's step costs far more than the row it writes (opening the
 * table, the transaction check, halting), and measurements are nearly all of
 * a big import. Two kinds of rows cannot meet a stored row: one whose key is
 * larger than every key in the table and given so far (a sheet sorted by
 * indicator and period, indicators in the order of the effects sheet, is all
 * such rows), and one whose indicator had no measurements when the import
 * began (created by this import, or never measured: a first import in any
 * order, in one command or several). They need none of pf_upsert()'s checks: they are counted as
 * inserted at once and written later with others.
 *
 * Rows are held up to pf_batch.limit and written in key order: the table is
 * clustered by indicator, so a sheet given period by period would otherwise
 * sweep the whole table once per quarter, and a table larger than the page
 * cache would be read and written again on every sweep. Held rows mostly come
 * in a few ascending runs (one for a sorted sheet, one per quarter for a sheet
 * by period), which are merged; rows in no useful order are sorted.
 *
 * A held row can still repeat one given before in this import; then a
 * statement fails as a whole, is undone by SQLite, and its rows are written
 * one at a time to find the duplicate (the later line of the two, as rows of
 * one key are written in line order). Any other row flushes what is held
 * first and takes the checked path, which then sees every row before it.
 */
#include "importers/load/loader.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "portfolj/value.h"

#define INSERT_SQL "INSERT INTO measurements (key, value, comment, run) VALUES"
/* Runs to merge at most; rows in more runs than this are sorted instead. */
#define MAX_RUNS 16
/* Bytes of comments held at most, whatever the number of rows. */
#define MAX_TEXT (4u << 20)

/* The statement for n rows (PF_BATCH, or 1 for what is left at a flush). */
static pf_status batch_stmt(pf_import *imp, int n, sqlite3_stmt **out)
{
	sqlite3_stmt **slot = n == 1 ? &imp->batch.one : &imp->batch.full;
	pf_status st = PF_OK;
	char *sql;

	/* Every placeholder is bound before each step, so a reset is all it needs. */
	if (!*slot) {
		if (!(sql = pf_values_sql(INSERT_SQL, n, 4)))
			return pf_error_set(imp->err, PF_ENOMEM, "out of memory");
		st = pf_db_prepare(imp->db, slot, sql, imp->err);
		free(sql);
	}
	*out = *slot;
	return st;
}

/* Steps the insert of n rows: an SQLite result code, or -1 with the error recorded. */
static int write_rows(pf_import *imp, const pf_batch_row *rows, int n)
{
	const pf_batch *b = &imp->batch;
	sqlite3_stmt *st = NULL;
	int rc;

	if (batch_stmt(imp, n, &st))
		return -1;
	for (int i = 0; i < n; i++) {
		const pf_batch_row *r = &rows[i];
		sqlite3_bind_int64(st, 4 * i + 1, r->key);
		sqlite3_bind_double(st, 4 * i + 2, r->value);
		if (r->comment)
			sqlite3_bind_text(st, 4 * i + 3, b->text + r->comment - 1, -1,
			                  SQLITE_STATIC);
		else
			sqlite3_bind_null(st, 4 * i + 3);
		sqlite3_bind_int64(st, 4 * i + 4, imp->run);
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
	pf_record where = imp->batch.where;

	if (!st)
		return PF_EENV;
	sqlite3_bind_int64(st, 1, r->key >> 16);
	if (sqlite3_step(st) != SQLITE_ROW)
		return pf_db_fail(imp->db, sqlite3_errcode(imp->db->h), imp->err,
		                  "looking up an indicator");
	pf_period_format((pf_period)(r->key & 0xFFFF), period);
	where.line = r->line;
	pf_rec_error(imp, &where, 0, "duplicate measurements %s %s: this import gives it twice",
	             pf_col_text(st, 0), period);
	sqlite3_reset(st);
	if (imp->cur_counts)
		imp->cur_counts->inserted--;
	return PF_OK;
}

/* Writes n rows (at most PF_BATCH): in one statement, or row by row to find a duplicate. */
static pf_status write_out(pf_import *imp, const pf_batch_row *rows, int n)
{
	pf_status st = PF_OK;
	int rc = n == PF_BATCH ? write_rows(imp, rows, n) : SQLITE_CONSTRAINT;

	if (rc == SQLITE_DONE)
		return PF_OK;
	if (rc != -1 && (rc & 0xFF) != SQLITE_CONSTRAINT)
		return pf_db_fail(imp->db, rc, imp->err, "inserting rows");
	for (int i = 0; i < n && !st && rc != -1; i++) {
		rc = write_rows(imp, &rows[i], 1);
		if ((rc & 0xFF) == SQLITE_CONSTRAINT)
			st = duplicate(imp, &rows[i]);
		else if (rc != SQLITE_DONE && rc != -1)
			st = pf_db_fail(imp->db, rc, imp->err, "inserting a row");
	}
	return rc == -1 ? PF_EENV : st;
}

static bool before(const pf_batch_row *a, const pf_batch_row *b)
{
	return a->key < b->key || (a->key == b->key && a->line < b->line);
}

static int compare_rows(const void *a, const void *b)
{
	return before(a, b) ? -1 : before(b, a) ? 1 : 0;
}

/* The starts of the ascending runs of the held rows, at most MAX_RUNS; 0 when there are more. */
static size_t find_runs(const pf_batch *b, size_t start[MAX_RUNS + 1])
{
	size_t runs = 1;

	start[0] = 0;
	for (size_t i = 1; i < b->n; i++)
		if (before(&b->rows[i], &b->rows[i - 1])) {
			if (runs == MAX_RUNS)
				return 0;
			start[runs++] = i;
		}
	start[runs] = b->n;
	return runs;
}

/* Writes the held rows in key order: the runs merged, PF_BATCH rows at a time. */
static pf_status write_held(pf_import *imp)
{
	pf_batch *b = &imp->batch;
	size_t start[MAX_RUNS + 1], at[MAX_RUNS], runs = find_runs(b, start);
	pf_batch_row out[PF_BATCH];
	pf_status st = PF_OK;
	int n = 0;

	if (!runs) {
		qsort(b->rows, b->n, sizeof(*b->rows), compare_rows);
		runs = 1;
		start[1] = b->n;
	}
	memcpy(at, start, runs * sizeof(*at));
	for (size_t done = 0; done < b->n && !st; done++) {
		size_t best = MAX_RUNS;
		for (size_t k = 0; k < runs; k++)
			if (at[k] < start[k + 1] &&
			    (best == MAX_RUNS || before(&b->rows[at[k]], &b->rows[at[best]])))
				best = k;
		out[n++] = b->rows[at[best]++];
		if (n == PF_BATCH || done + 1 == b->n) {
			st = write_out(imp, out, n);
			n = 0;
		}
	}
	return st;
}

bool pf_batch_takes(const pf_import *imp, bool fresh, int64_t key)
{
	return fresh || key > imp->batch.max_key;
}

static pf_status keep_comment(pf_import *imp, const char *comment, size_t *at)
{
	pf_batch *b = &imp->batch;
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
	*at = b->len + 1;
	b->len += len;
	return PF_OK;
}

pf_status pf_batch_add(pf_import *imp, const pf_record *rec, int64_t key, double value,
                       const char *comment)
{
	pf_batch *b = &imp->batch;
	pf_batch_row *r;
	pf_status st;

	if (!b->limit)
		b->limit = imp->opts.batch_rows ? imp->opts.batch_rows : PF_BATCH_ROWS;
	if (!b->rows && !(b->rows = malloc(b->limit * sizeof(*b->rows))))
		return pf_error_set(imp->err, PF_ENOMEM, "out of memory");
	if (comment && b->len + strlen(comment) >= MAX_TEXT && (st = pf_batch_flush(imp)))
		return st;
	/* Held rows all come from one source: a flush ends each. Only the line differs. */
	if (!b->n) {
		b->where = *rec;
		memset(b->where.val, 0, sizeof(b->where.val));
	}
	r = &b->rows[b->n];
	r->key = key;
	r->value = value;
	r->line = rec->line;
	r->comment = 0;
	if (comment && (st = keep_comment(imp, comment, &r->comment)))
		return st;
	if (key > b->max_key)
		b->max_key = key;
	return ++b->n == b->limit ? pf_batch_flush(imp) : PF_OK;
}

pf_status pf_batch_flush(pf_import *imp)
{
	pf_batch *b = &imp->batch;
	pf_status st = b->n ? write_held(imp) : PF_OK;

	b->n = 0;
	b->len = 0;
	return st;
}

void pf_batch_free(pf_batch *b)
{
	sqlite3_finalize(b->full);
	sqlite3_finalize(b->one);
	sqlite3_finalize(b->find_id);
	free(b->rows);
	free(b->text);
}
