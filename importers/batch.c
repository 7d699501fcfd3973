/*
 * New measurements, written PF_BATCH rows per statement.
 *
 * A statement's step costs far more than the row it writes (opening the
 * table, the transaction check, halting), and measurements are nearly all of
 * a big import. A measurement whose key is larger than every key in the table
 * and in the batch is new for certain, so it needs none of pf_upsert()'s
 * checks: it is counted as inserted at once and written later with others.
 * A sorted sheet (what exports give: by indicator, then period, indicators
 * in the order of the effects sheet) is nothing but such rows. Any other row
 * flushes the batch first and takes the checked path, which then sees every
 * row before it.
 */
#include "loader.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

static pf_status write_rows(pf_import *imp, int from, int n)
{
	const pf_batch *b = &imp->batch;
	sqlite3_stmt *st = NULL;
	pf_status s = batch_stmt(imp, n, &st);
	int rc;

	if (s)
		return s;
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
	return rc == SQLITE_DONE ? PF_OK : pf_db_fail(imp->db, rc, imp->err, "inserting rows");
}

bool pf_batch_takes(const pf_import *imp, int64_t key)
{
	return key > imp->batch.max_key;
}

pf_status pf_batch_add(pf_import *imp, int64_t key, double value, const char *comment)
{
	pf_batch *b = &imp->batch;
	pf_batch_row *r = &b->rows[b->n];

	r->key = key;
	r->value = value;
	r->comment = 0;
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
	b->max_key = key;
	return ++b->n == PF_BATCH ? pf_batch_flush(imp) : PF_OK;
}

pf_status pf_batch_flush(pf_import *imp)
{
	pf_batch *b = &imp->batch;
	pf_status st = PF_OK;

	if (b->n == PF_BATCH)
		st = write_rows(imp, 0, PF_BATCH);
	else
		for (int i = 0; i < b->n && !st; i++)
			st = write_rows(imp, i, 1);
	b->n = 0;
	b->len = 0;
	return st;
}

void pf_batch_free(pf_batch *b)
{
	sqlite3_finalize(b->full);
	sqlite3_finalize(b->one);
	free(b->text);
}
