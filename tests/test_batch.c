/*
 * Big measurement sheets: new rows are held, put in key order and written
 * many to a statement (importers/load/batch.c), every other row row by row. These
 * tests check that which path a row takes never shows: the same rows in any
 * order (sorted, reversed, interleaved runs, by period) give the same table,
 * duplicates are caught wherever they fall and reported at the later line, a
 * re-import counts and records exactly what changed, and a rejected import
 * leaves nothing behind. Sheets are longer than a statement's 64 rows, and
 * one variant holds only 100 rows, so that every path runs: full statements,
 * the rest row by row, merged runs, sorting, and flushes inside a sheet.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <sqlite3.h>

#include "portfolj/portfolj.h"
#include "testutil.h"

#define NIND 3     /* indicators */
#define NPER 150   /* periods each: more than two batches */
#define FIRST 7960 /* 1990Q1 as year * 4 + quarter - 1 */

static const char initiatives[] = "id;titel;namnd\nI1;Stort;HSN\n";
static const char effects[] =
    "indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum\n"
    "E1;I1;Ett;10;1989-01-01;20;2030-12-31\n"
    "E2;I1;Två;50;1989-01-01;20;2030-12-31\n"
    "E3;I1;Tre;0;1989-01-01;1;2030-12-31\n";

struct fixture {
	bool stored;       /* the indicators were stored by an earlier import */
	size_t batch_rows; /* new measurements held before they are written (0: the default) */
	char *dir;
	pf_db *db;
	char *path;
	pf_error err;
	pf_import_summary sum;
};

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	pf_test_error_init(&fx->err);
	assert_non_null(fx->dir = pf_test_mkdtemp());
	assert_non_null(fx->path = pf_test_write_str(fx->dir, "p.db", ""));
	assert_int_equal(pf_db_open(&fx->db, fx->path, NULL, &fx->err), PF_OK);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	pf_db_close(fx->db);
	pf_error_clear(&fx->err);
	free(fx->path);
	pf_test_rmdir(fx->dir);
	free(fx);
	return 0;
}

/* Imports sheets given as name, text, name, text, ..., NULL. */
static pf_status import(struct fixture *fx, bool dry_run, ...)
{
	pf_import_opts o = {.dry_run = dry_run, .batch_rows = fx->batch_rows};
	pf_import *imp = NULL;
	pf_status st;
	const char *name;
	va_list ap;

	pf_error_clear(&fx->err);
	assert_int_equal(pf_import_new(&imp, fx->db, &o, &fx->err), PF_OK);
	va_start(ap, dry_run);
	while ((name = va_arg(ap, const char *))) {
		char *path = pf_test_write_str(fx->dir, name, va_arg(ap, const char *));
		assert_non_null(path);
		pf_import_add(imp, path, &fx->err);
		free(path);
	}
	va_end(ap);
	st = pf_import_run(imp, &fx->sum, &fx->err);
	pf_import_free(imp);
	return st;
}

/* The sheet, with the initiative and the indicators unless they are stored already. */
static pf_status import_sheet(struct fixture *fx, bool dry_run, const char *name, const char *text)
{
	if (fx->stored)
		return import(fx, dry_run, name, text, (const char *)NULL);
	return import(fx, dry_run, "initiativ.csv", initiatives, "effekter.csv", effects, name,
	              text, (const char *)NULL);
}

static void import_ok(struct fixture *fx, bool dry_run, const char *name, const char *text)
{
	pf_status st = import_sheet(fx, dry_run, name, text);

	for (size_t i = 0; st && i < fx->err.count; i++)
		fprintf(stderr, "%s: %s\n", fx->err.diags[i].where, fx->err.diags[i].message);
	assert_int_equal(st, PF_OK);
}

/* The same fixture, with the initiative and its indicators imported first. */
static int setup_stored(void **state)
{
	struct fixture *fx;

	setup(state);
	fx = *state;
	assert_int_equal(import(fx, false, "initiativ.csv", initiatives, "effekter.csv", effects,
	                        (const char *)NULL),
	                 PF_OK);
	fx->stored = true;
	return 0;
}

/*
 * Stored indicators that have a measurement each (in 1980, before the
 * sheets' rows): the import's rows for them are not new for certain, so they
 * go row by row unless their key is beyond every stored one.
 */
static int setup_measured(void **state)
{
	struct fixture *fx;

	setup(state);
	fx = *state;
	assert_int_equal(
	    import(fx, false, "initiativ.csv", initiatives, "effekter.csv", effects,
	           "matvarden.csv",
	           "indikator_id;period;varde\nE1;1980Q1;1\nE2;1980Q1;2\nE3;1980Q1;3\n",
	           (const char *)NULL),
	    PF_OK);
	fx->stored = true;
	return 0;
}

/* New indicators, and only 100 rows held at a time: flushes inside every sheet. */
static int setup_small(void **state)
{
	setup(state);
	((struct fixture *)*state)->batch_rows = 100;
	return 0;
}

/* ---- the sheets ---- */

struct row {
	int ind, per;
	double value;
	const char *comment;
};

/* Row i of the sorted sheet: every seventh has a comment, one with a quote and a delimiter. */
static struct row sorted_row(int i)
{
	struct row r = {i / NPER + 1, FIRST + i % NPER, 0, NULL};

	r.value = (i % 13) * 1.25 + r.ind;
	if (i % 7 == 3)
		r.comment = i % 2 ? "mätt; \"skattat\"" : "enkät";
	return r;
}

static char *text_of(const struct row *rows, size_t n)
{
	size_t cap = 64 + n * 64, len;
	char *s = malloc(cap);

	assert_non_null(s);
	len = (size_t)snprintf(s, cap, "indikator_id;period;varde;kommentar\n");
	for (size_t i = 0; i < n; i++) {
		const struct row *r = &rows[i];
		len += (size_t)snprintf(s + len, cap - len, "E%d;%dQ%d;%.2f;%s\n", r->ind,
		                        r->per / 4, r->per % 4 + 1, r->value,
		                        !r->comment               ? ""
		                        : strchr(r->comment, ';') ? "\"mätt; \"\"skattat\"\"\""
		                                                  : r->comment);
	}
	return s;
}

static struct row *sorted_rows(size_t *n)
{
	struct row *rows = calloc(NIND * NPER, sizeof(*rows));

	assert_non_null(rows);
	for (int i = 0; i < NIND * NPER; i++)
		rows[i] = sorted_row(i);
	*n = NIND * NPER;
	return rows;
}

/* ---- reading back ---- */

static char *query(const struct fixture *fx, const char *sql)
{
	sqlite3 *h = NULL;
	sqlite3_stmt *st = NULL;
	size_t cap = 1 << 16, len = 0;
	char *out = malloc(cap);

	assert_non_null(out);
	out[0] = '\0';
	assert_int_equal(sqlite3_open_v2(fx->path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int c = 0; c < sqlite3_column_count(st); c++) {
			const char *v = (const char *)sqlite3_column_text(st, c);
			size_t need = len + (v ? strlen(v) : 4) + 2;
			if (need > cap) {
				cap = 2 * need;
				assert_non_null(out = realloc(out, cap));
			}
			len += (size_t)snprintf(out + len, cap - len, "%s%s", c ? "|" : "",
			                        v ? v : "NULL");
		}
		out[len++] = '\n';
		out[len] = '\0';
	}
	sqlite3_finalize(st);
	sqlite3_close(h);
	return out;
}

static long long query_int(const struct fixture *fx, const char *sql)
{
	char *s = query(fx, sql);
	long long v = atoll(s);

	free(s);
	return v;
}

/* The rows the sheets give (a setup may have stored one per indicator in 1980). */
static const char measurements_sql[] =
    "SELECT i.id, m.period, printf('%.2f', m.value), m.comment, m.run = (SELECT max(pk) FROM runs) "
    "FROM measurements m JOIN indicators i ON i.pk = m.indicator WHERE m.period >= 7960 "
    "ORDER BY i.id, m.period";

/* The table as the sorted rows say it should be. */
static char *expected_table(void)
{
	size_t n, cap = 1 << 16, len = 0;
	struct row *rows = sorted_rows(&n);
	char *s = malloc(cap);

	assert_non_null(s);
	for (size_t i = 0; i < n; i++)
		len += (size_t)snprintf(s + len, cap - len, "E%d|%d|%.2f|%s|1\n", rows[i].ind,
		                        rows[i].per, rows[i].value,
		                        rows[i].comment ? rows[i].comment : "NULL");
	free(rows);
	return s;
}

static void assert_table(const struct fixture *fx)
{
	char *got = query(fx, measurements_sql), *want = expected_table();

	assert_string_equal(got, want);
	free(got);
	free(want);
}

static void assert_inserted(const struct fixture *fx, size_t rows, size_t inserted)
{
	const pf_kind_counts *c = &fx->sum.kind[PF_KIND_MEASUREMENTS];

	assert_int_equal(c->rows, rows);
	assert_int_equal(c->inserted, inserted);
}

/* ---- tests ---- */

/* Imports all the rows, in the order given, into the new database: the table must be the sorted
 * one. */
static void import_gives_the_table(struct fixture *fx, const struct row *rows, size_t n)
{
	char *text = text_of(rows, n);

	import_ok(fx, false, "matvarden.csv", text);
	assert_inserted(fx, n, n);
	assert_table(fx);
	free(text);
}

static void test_sorted_sheet(void **state)
{
	size_t n;
	struct row *rows = sorted_rows(&n);

	import_gives_the_table(*state, rows, n);
	free(rows);
}

/* Reversed: new indicators' rows still go in batches, stored ones' take the checked path. */
static void test_reversed_sheet_gives_the_same_table(void **state)
{
	size_t n;
	struct row *rows = sorted_rows(&n);

	for (size_t i = 0; i < n / 2; i++) {
		struct row t = rows[i];
		rows[i] = rows[n - 1 - i];
		rows[n - 1 - i] = t;
	}
	import_gives_the_table(*state, rows, n);
	free(rows);
}

/* Sorted runs broken up: each indicator's periods in order, the indicators interleaved in turns. */
static void test_interleaved_sheet_gives_the_same_table(void **state)
{
	size_t n, k = 0;
	struct row *rows = sorted_rows(&n), *mixed = calloc(n, sizeof(*mixed));

	assert_non_null(mixed);
	for (int chunk = 0; chunk < NPER; chunk += 40)
		for (int ind = NIND - 1; ind >= 0; ind--)
			for (int p = chunk; p < chunk + 40 && p < NPER; p++)
				mixed[k++] = rows[ind * NPER + p];
	assert_int_equal(k, n);
	import_gives_the_table(*state, mixed, n);
	free(mixed);
	free(rows);
}

/* Quarter by quarter, every indicator in each: the order of a sheet exported by period. */
static void test_sheet_by_period_gives_the_same_table(void **state)
{
	size_t n, k = 0;
	struct row *rows = sorted_rows(&n), *by_period = calloc(n, sizeof(*by_period));

	assert_non_null(by_period);
	for (int p = 0; p < NPER; p++)
		for (int ind = 0; ind < NIND; ind++)
			by_period[k++] = rows[ind * NPER + p];
	import_gives_the_table(*state, by_period, n);
	free(by_period);
	free(rows);
}

static const pf_diag *error_at_line(const pf_error *e, const char *file, long line)
{
	char prefix[64];
	int len = snprintf(prefix, sizeof(prefix), "%s:%ld:", file, line);

	for (size_t i = 0; i < e->count; i++) {
		const char *w = e->diags[i].where;
		if (e->diags[i].severity == PF_SEV_ERROR && w && strstr(w, prefix) &&
		    strstr(e->diags[i].message, "duplicate"))
			return &e->diags[i];
	}
	for (size_t i = 0; i < e->count; i++)
		fprintf(stderr, "%s: %s\n", e->diags[i].where, e->diags[i].message);
	fail_msg("no duplicate error at %s line %ld (%d)", file, line, len);
	return NULL;
}

/*
 * Duplicates next to each other (the second is not beyond the first), far
 * apart (across a written batch), and in a reversed sheet (inside a batch of
 * a new indicator's rows); nothing at all written.
 */
static void test_duplicates_anywhere_rejected(void **state)
{
	struct fixture *fx = *state;
	size_t n;
	struct row *rows = sorted_rows(&n);
	long long runs = query_int(fx, "SELECT count(*) FROM runs");

	/* Sheet lines are row + 2: line 101 repeats line 100, line 300 repeats line 2. */
	rows[99] = rows[98];
	rows[298] = rows[0];
	/* The last 20 rows backwards, and line 448 repeating line 438. */
	for (size_t i = 0; i < 20; i++) {
		struct row t = rows[n - 20 + i];
		rows[n - 20 + i] = rows[n - 1 - i];
		rows[n - 1 - i] = t;
	}
	rows[n - 14] = rows[n - 4];
	char *text = text_of(rows, n);
	assert_int_equal(import_sheet(fx, false, "matvarden.csv", text), PF_EINPUT);
	assert_int_equal(fx->err.errors, 3);
	error_at_line(&fx->err, "matvarden.csv", 101);
	error_at_line(&fx->err, "matvarden.csv", 300);
	error_at_line(&fx->err, "matvarden.csv", (long)n - 4 + 2);
	assert_int_equal(query_int(fx, "SELECT count(*) FROM measurements WHERE period >= 7960"),
	                 0);
	assert_int_equal(query_int(fx, "SELECT count(*) FROM runs"), runs);
	free(text);
	free(rows);
}

/*
 * Stored rows given again unchanged, one of them twice: next to each other,
 * far apart (beyond a full statement of noted keys) and out of order at the
 * end; each is a duplicate at its later line, and nothing is written.
 */
static void test_duplicates_of_stored_rows_rejected(void **state)
{
	struct fixture *fx = *state;
	size_t n;
	struct row *rows = sorted_rows(&n), *again = calloc(n + 3, sizeof(*again));
	char *text = text_of(rows, n);

	assert_non_null(again);
	import_ok(fx, false, "matvarden.csv", text);
	free(text);
	char *before = query(fx, measurements_sql);
	long long runs = query_int(fx, "SELECT count(*) FROM runs");
	/* Lines 2..11 as stored, line 12 repeats line 11, then the rest; the last two repeat rows 0
	 * and 150. */
	size_t k = 0;
	for (size_t i = 0; i < 10; i++)
		again[k++] = rows[i];
	again[k++] = rows[9];
	for (size_t i = 10; i < 200; i++)
		again[k++] = rows[i];
	again[k++] = rows[0];
	again[k++] = rows[150];
	text = text_of(again, k);
	assert_int_equal(import_sheet(fx, false, "matvarden.csv", text), PF_EINPUT);
	assert_int_equal(fx->err.errors, 3);
	error_at_line(&fx->err, "matvarden.csv", 12);
	error_at_line(&fx->err, "matvarden.csv", (long)k);
	error_at_line(&fx->err, "matvarden.csv", (long)k + 1);
	char *after = query(fx, measurements_sql);
	assert_string_equal(after, before);
	assert_int_equal(query_int(fx, "SELECT count(*) FROM runs"), runs);
	free(after);
	free(before);
	free(text);
	free(again);
	free(rows);
}

/* A bad value after two full batches: those batches are not kept. */
static void test_error_after_batches_writes_nothing(void **state)
{
	struct fixture *fx = *state;
	size_t n;
	struct row *rows = sorted_rows(&n);
	char *text = text_of(rows, n), *bad = strstr(text, "\nE2;");

	import_ok(fx, false, "matvarden.csv", "indikator_id;period;varde\nE1;1980Q1;1\n");
	char *before = query(fx, measurements_sql);
	assert_non_null(bad);
	memcpy(bad + 1, "E9", 2); /* line 2 + NPER: an unknown indicator */
	assert_int_equal(import(fx, false, "matvarden.csv", text, (const char *)NULL), PF_EINPUT);
	assert_int_equal(fx->err.errors, 1);
	assert_non_null(strstr(fx->err.diags[0].message, "unknown indicator"));
	char *after = query(fx, measurements_sql);
	assert_string_equal(after, before);
	free(after);
	free(before);
	free(text);
	free(rows);
}

static void test_dry_run_counts_and_writes_nothing(void **state)
{
	struct fixture *fx = *state;
	size_t n;
	struct row *rows = sorted_rows(&n);
	char *text = text_of(rows, n);

	import_ok(fx, true, "matvarden.csv", text);
	assert_inserted(fx, n, n);
	assert_false(fx->sum.written);
	assert_int_equal(query_int(fx, "SELECT count(*) FROM measurements WHERE period >= 7960"),
	                 0);
	free(text);
	free(rows);
}

/*
 * The first 100 rows of each indicator, then the whole sheet with one stored
 * value changed: 50 new rows per indicator (beyond the stored ones for the
 * last indicator only), one update in the history, the rest unchanged.
 */
static void test_reimport_counts_what_changed(void **state)
{
	struct fixture *fx = *state;
	size_t n, k = 0;
	struct row *rows = sorted_rows(&n), *first = calloc(n, sizeof(*first));

	assert_non_null(first);
	for (size_t i = 0; i < n; i++)
		if (rows[i].per < FIRST + 100)
			first[k++] = rows[i];
	char *text = text_of(first, k);
	import_ok(fx, false, "matvarden.csv", text);
	assert_inserted(fx, k, k);
	free(text);

	double old = rows[NPER + 20].value;
	rows[NPER + 20].value = 99.5;
	text = text_of(rows, n);
	assert_int_equal(import(fx, false, "matvarden.csv", text, (const char *)NULL), PF_OK);
	const pf_kind_counts *c = &fx->sum.kind[PF_KIND_MEASUREMENTS];
	assert_int_equal(c->rows, n);
	assert_int_equal(c->inserted, n - k);
	assert_int_equal(c->updated, 1);
	assert_int_equal(c->unchanged, k - 1);
	char *changes = query(fx, "SELECT kind, key, field, old, new FROM changes");
	char want[128];
	snprintf(want, sizeof(want), "measurements|E2 1995Q1|value|%.15g|99.5\n", old);
	assert_string_equal(changes, want);
	free(changes);
	rows[NPER + 20].value = old;
	assert_int_equal(query_int(fx, "SELECT count(*) FROM measurements WHERE period >= 7960"),
	                 n);
	assert_int_equal(query_int(fx, "SELECT value FROM measurements m JOIN indicators i ON "
	                               "i.pk = m.indicator WHERE i.id = 'E2' AND period = 7980"),
	                 99);
	free(text);
	free(first);
	free(rows);
}

/*
 * Each test with new indicators (created by the same import), with stored
 * ones not yet measured, with stored ones measured before, and with new ones
 * and few rows held at a time.
 */
// clang-format off
#define VARIANTS(f)                                                                \
	{#f, f, setup, teardown, NULL},                                        \
	{#f " (stored indicators)", f, setup_stored, teardown, NULL},          \
	{#f " (measured indicators)", f, setup_measured, teardown, NULL},      \
	{#f " (100 rows held)", f, setup_small, teardown, NULL}
// clang-format on

int main(void)
{
	const struct CMUnitTest tests[] = {
	    VARIANTS(test_sorted_sheet),
	    VARIANTS(test_reversed_sheet_gives_the_same_table),
	    VARIANTS(test_interleaved_sheet_gives_the_same_table),
	    VARIANTS(test_sheet_by_period_gives_the_same_table),
	    VARIANTS(test_duplicates_anywhere_rejected),
	    VARIANTS(test_duplicates_of_stored_rows_rejected),
	    VARIANTS(test_error_after_batches_writes_nothing),
	    VARIANTS(test_dry_run_counts_and_writes_nothing),
	    VARIANTS(test_reimport_counts_what_changed),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
