/*
 * Tests for the loader (importers/load/import.c, load.c, load_roadmap.c) through
 * the public API of include/portfolj/import.h: real sheet files in, the
 * database read back with sqlite3 on its own connection. The rules are
 * those of FORMATS.md section 2 (values and import rules).
 *
 * The base portfolio is the .csv files in tests/data/loader/; variations are written
 * into the fixture's temporary directory by each test.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <sqlite3.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portfolj/db.h"
#include "portfolj/error.h"
#include "portfolj/import.h"
#include "portfolj/kinds.h"
#include "testutil.h"

#ifndef PF_TEST_DATA
#error "PF_TEST_DATA must name the tests/data directory"
#endif

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_OWNED 64

struct fixture {
	char *dir;
	char *path; /* the database file */
	pf_db *db;
	pf_error err;
	pf_import_summary sum;
	char *owned[MAX_OWNED]; /* paths to free in teardown */
	size_t nowned;
};

/* ---- fixture ---- */

static char *own(struct fixture *fx, char *s)
{
	assert_non_null(s);
	assert_true(fx->nowned < MAX_OWNED);
	fx->owned[fx->nowned++] = s;
	return s;
}

static char *join(const char *a, const char *b)
{
	size_t n = strlen(a) + strlen(b) + 2;
	char *s = malloc(n);

	assert_non_null(s);
	snprintf(s, n, "%s/%s", a, b);
	return s;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	/* the tests match the English messages; the Swedish ones have their own (test_swedish_*) */
	pf_test_error_init(&fx->err);
	fx->dir = pf_test_mkdtemp();
	assert_non_null(fx->dir);
	fx->path = join(fx->dir, "portfolj.db");
	assert_int_equal(pf_db_open(&fx->db, fx->path, NULL, &fx->err), PF_OK);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	pf_db_close(fx->db);
	pf_error_clear(&fx->err);
	for (size_t i = 0; i < fx->nowned; i++)
		free(fx->owned[i]);
	free(fx->path);
	pf_test_rmdir(fx->dir);
	free(fx);
	return 0;
}

/* A file of the base portfolio in tests/data/loader/. */
static const char *data(struct fixture *fx, const char *name)
{
	return own(fx, join(PF_TEST_DATA "/loader", name));
}

/* Writes a sheet into the fixture's directory and returns its path. */
static const char *put(struct fixture *fx, const char *name, const char *text)
{
	return own(fx, pf_test_write_str(fx->dir, name, text));
}

static const char *put_bytes(struct fixture *fx, const char *name, const char *bytes, size_t n)
{
	return own(fx, pf_test_write(fx->dir, name, bytes, n));
}

/* ---- importing ---- */

static pf_status import_n(struct fixture *fx, bool dry_run, const char *command,
                          const char *const *paths, size_t n)
{
	pf_import_opts o = {.dry_run = dry_run, .command = command};
	pf_import *imp = NULL;
	pf_status st = pf_import_new(&imp, fx->db, &o, &fx->err);

	if (st)
		return st;
	for (size_t i = 0; i < n; i++) {
		/* A source that cannot be added is recorded in err; run() then rejects. */
		st = pf_import_add(imp, paths[i], &fx->err);
		if (st && st != PF_EINPUT) {
			pf_import_free(imp);
			return st;
		}
	}
	st = pf_import_run(imp, &fx->sum, &fx->err);
	pf_import_free(imp);
	return st;
}

#define PATHS(...) ((const char *const[]){__VA_ARGS__})
#define NPATHS(...) (sizeof(PATHS(__VA_ARGS__)) / sizeof(const char *))
#define IMPORT(fx, ...) import_n((fx), false, NULL, PATHS(__VA_ARGS__), NPATHS(__VA_ARGS__))
#define DRY_IMPORT(fx, ...) import_n((fx), true, NULL, PATHS(__VA_ARGS__), NPATHS(__VA_ARGS__))

static void print_diags(const pf_error *e)
{
	for (size_t i = 0; i < e->count; i++)
		fprintf(stderr, "  %s: %s: %s\n", e->diags[i].where ? e->diags[i].where : "(none)",
		        e->diags[i].severity == PF_SEV_ERROR ? "error" : "warning",
		        e->diags[i].message);
}

#define assert_ok(fx, expr)                                                                        \
	do {                                                                                       \
		pf_status st_ = (expr);                                                            \
		if (st_ != PF_OK) {                                                                \
			print_diags(&(fx)->err);                                                   \
			fail_msg("%s gave status %d", #expr, (int)st_);                            \
		}                                                                                  \
	} while (0)

/* The seven files of the base portfolio, in the order of the kinds. */
static void import_base(struct fixture *fx)
{
	assert_ok(fx, IMPORT(fx, data(fx, "initiatives.csv"), data(fx, "effects.csv"),
	                     data(fx, "measurements.csv"), data(fx, "followups.csv"),
	                     data(fx, "priorities.csv"), data(fx, "roadmaps.csv"),
	                     data(fx, "decisions.csv")));
	assert_int_equal(fx->err.errors, 0);
	pf_error_clear(&fx->err);
}

/* ---- diagnostics ---- */

/* The diagnostic whose where is `where` (exactly; NULL: any) and whose message contains part. */
static const pf_diag *find_diag(const pf_error *e, pf_severity sev, const char *where,
                                const char *part)
{
	for (size_t i = 0; i < e->count; i++) {
		const pf_diag *d = &e->diags[i];
		if (d->severity != sev)
			continue;
		if (where && (!d->where || strcmp(d->where, where)))
			continue;
		if (part && !strstr(d->message, part))
			continue;
		return d;
	}
	return NULL;
}

static const pf_diag *find_error(const pf_error *e, const char *where, const char *part)
{
	return find_diag(e, PF_SEV_ERROR, where, part);
}

static const pf_diag *expect_diag(const pf_error *e, pf_severity sev, const char *where,
                                  const char *part)
{
	const pf_diag *d = find_diag(e, sev, where, part);

	if (!d) {
		print_diags(e);
		fail_msg("no %s at %s containing \"%s\"", sev == PF_SEV_ERROR ? "error" : "warning",
		         where ? where : "(any)", part);
	}
	return d;
}

static const pf_diag *expect_error(const pf_error *e, const char *where, const char *part)
{
	return expect_diag(e, PF_SEV_ERROR, where, part);
}

/* "PATH:LINE:COL", or "PATH:LINE" for col 0. */
static const char *at(char *buf, size_t n, const char *path, long line, long col)
{
	int len = col > 0 ? snprintf(buf, n, "%s:%ld:%ld", path, line, col)
	                  : snprintf(buf, n, "%s:%ld", path, line);

	if (len < 0 || (size_t)len >= n)
		fail_msg("path too long: %s", path);
	return buf;
}

#define AT(path, line, col) at((char[1024]){0}, 1024, (path), (line), (col))

/* ---- reading the database back on a connection of its own ---- */

static sqlite3 *ro_open(const struct fixture *fx)
{
	sqlite3 *h = NULL;

	if (sqlite3_open_v2(fx->path, &h, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		fail_msg("cannot open %s: %s", fx->path, h ? sqlite3_errmsg(h) : "?");
	return h;
}

struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		size_t cap = b->cap ? b->cap : 256;
		while (b->len + n + 1 > cap)
			cap *= 2;
		b->s = realloc(b->s, cap);
		assert_non_null(b->s);
		b->cap = cap;
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_str(struct sbuf *b, const char *s)
{
	sb_add(b, s, strlen(s));
}

/* Appends every row of a prepared statement: fields `|`-separated, NULL as NULL. */
static void sb_rows(struct sbuf *b, sqlite3_stmt *st, bool typed)
{
	static const char *const types[] = {"?", "i:", "r:", "t:", "b:", "n:"};

	while (sqlite3_step(st) == SQLITE_ROW) {
		for (int i = 0; i < sqlite3_column_count(st); i++) {
			int t = sqlite3_column_type(st, i);
			if (i)
				sb_str(b, "|");
			if (typed)
				sb_str(b, types[t]);
			if (t == SQLITE_NULL)
				sb_str(b, "NULL");
			else
				sb_add(b, (const char *)sqlite3_column_text(st, i),
				       (size_t)sqlite3_column_bytes(st, i));
		}
		sb_str(b, "\n");
	}
}

/* The rows of a query as text; ?1 is bound to arg when given. The caller frees. */
static char *rows(const struct fixture *fx, const char *sql, const char *arg)
{
	sqlite3 *h = ro_open(fx);
	sqlite3_stmt *st = NULL;
	struct sbuf b = {0};

	if (sqlite3_prepare_v2(h, sql, -1, &st, NULL) != SQLITE_OK)
		fail_msg("%s: %s", sql, sqlite3_errmsg(h));
	if (arg)
		sqlite3_bind_text(st, 1, arg, -1, SQLITE_TRANSIENT);
	sb_str(&b, "");
	sb_rows(&b, st, false);
	sqlite3_finalize(st);
	sqlite3_close(h);
	return b.s;
}

/* Compares the rows of a query with the expected text; frees before failing. */
static void assert_rows(const struct fixture *fx, const char *sql, const char *arg,
                        const char *expected)
{
	char *got = rows(fx, sql, arg);

	if (strcmp(got, expected)) {
		fprintf(stderr, "query: %s\n--- got:\n%s--- expected:\n%s", sql, got, expected);
		free(got);
		fail_msg("the rows differ");
	}
	free(got);
}

static long long q_int(const struct fixture *fx, const char *sql, const char *arg)
{
	char *s = rows(fx, sql, arg);
	long long v = atoll(s);

	free(s);
	return v;
}

/*
 * Every table of the database, every row in order of all its columns, with
 * the storage class of each value, and the schema version: what "the
 * database is as it was" means here.
 */
static char *dump(const struct fixture *fx)
{
	sqlite3 *h = ro_open(fx);
	sqlite3_stmt *names = NULL, *st = NULL;
	struct sbuf b = {0};

	assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL), SQLITE_OK);
	sb_str(&b, "user_version ");
	sb_rows(&b, st, true);
	sqlite3_finalize(st);
	assert_int_equal(sqlite3_prepare_v2(h,
	                                    "SELECT name FROM sqlite_master WHERE type = 'table' "
	                                    "AND name NOT LIKE 'sqlite_%' ORDER BY name",
	                                    -1, &names, NULL),
	                 SQLITE_OK);
	while (sqlite3_step(names) == SQLITE_ROW) {
		const char *name = (const char *)sqlite3_column_text(names, 0);
		char sql[1024];
		int n, len;

		snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\"", name);
		assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
		n = sqlite3_column_count(st);
		sqlite3_finalize(st);
		len = snprintf(sql, sizeof(sql), "SELECT * FROM \"%s\" ORDER BY ", name);
		for (int i = 1; i <= n; i++)
			len += snprintf(sql + len, sizeof(sql) - (size_t)len, "%s%d",
			                i > 1 ? "," : "", i);
		assert_int_equal(sqlite3_prepare_v2(h, sql, -1, &st, NULL), SQLITE_OK);
		sb_str(&b, "== ");
		sb_str(&b, name);
		sb_str(&b, "\n");
		sb_rows(&b, st, true);
		sqlite3_finalize(st);
	}
	sqlite3_finalize(names);
	sqlite3_close(h);
	return b.s;
}

static void assert_counts(const pf_import_summary *s, pf_kind k, size_t rows_, size_t ins,
                          size_t upd, size_t same)
{
	const pf_kind_counts *c = &s->kind[k];

	if (c->rows != rows_ || c->inserted != ins || c->updated != upd || c->unchanged != same)
		fail_msg(
		    "%s: rows %zu inserted %zu updated %zu unchanged %zu, expected %zu %zu %zu "
		    "%zu",
		    pf_kind_name(k), c->rows, c->inserted, c->updated, c->unchanged, rows_, ins,
		    upd, same);
}

/* ---- the base portfolio ---- */

static const char initiatives_expected[] =
    "I1|Taligenkänning i vården|HSN|Hälso- och sjukvård|Tal till text; i "
    "journalen|digitalisering|pågående|1|0|Anna Berg|Bo Ek|2024-01-15|NULL|1250000|1234.5\n"
    "I2|Biljett- och betalsystem|KTN|Kollektivtrafik|NULL|infrastruktur|beslutad|1|1|NULL|NULL|"
    "2025-04-01|2026-12-31|300000|400.0\n"
    "I3|Ärendehantering för bidrag|KBN|Kultur och "
    "bildning|NULL|förvaltning|idé|0|0|NULL|NULL|NULL|NULL|NULL|NULL\n";

static const char initiatives_sql[] =
    "SELECT id, title, committee, unit, description, category, status, innovative, "
    "cross_cutting, project_manager, benefit_owner, start, end, budget, it_hours "
    "FROM initiatives ORDER BY id";

static void test_import_all_kinds(void **state)
{
	struct fixture *fx = *state;

	import_base(fx);
	assert_true(fx->sum.written);
	assert_counts(&fx->sum, PF_KIND_INITIATIVES, 3, 3, 0, 0);
	assert_counts(&fx->sum, PF_KIND_EFFECTS, 3, 3, 0, 0);
	assert_counts(&fx->sum, PF_KIND_MEASUREMENTS, 4, 4, 0, 0);
	assert_counts(&fx->sum, PF_KIND_FOLLOWUPS, 2, 2, 0, 0);
	assert_counts(&fx->sum, PF_KIND_PRIORITIES, 2, 2, 0, 0);
	assert_counts(&fx->sum, PF_KIND_ROADMAPS, 3, 3, 0, 0);
	assert_counts(&fx->sum, PF_KIND_DECISIONS, 3, 3, 0, 0);

	assert_rows(fx, initiatives_sql, NULL, initiatives_expected);
	/* E2 and E3 have no riktning: öka and minska from the sign of target - baseline. */
	assert_rows(
	    fx,
	    "SELECT i.id, n.id, i.name, i.goal, i.unit, i.direction, i.baseline, "
	    "i.baseline_date, i.target, i.target_date, i.method, i.owner, i.weight, "
	    "i.benefit_type, i.benefit_sek FROM indicators i JOIN initiatives n "
	    "ON n.pk = i.initiative ORDER BY i.id",
	    NULL,
	    "E1|I1|Tid per journalanteckning|Hållbar organisation|min|minska|12.5|2024-01-01|"
	    "8.0|2025-12-31|Stickprov|Anna Berg|2.0|omfördelning|500000\n"
	    "E2|I1|Nöjda användare|NULL|%|öka|60.0|2024-01-01|80.0|2025-12-31|Enkät|NULL|NULL|"
	    "kvalitativ|NULL\n"
	    "E3|I3|Handläggningstid|NULL|dagar|minska|30.0|2025-01-01|10.0|2026-01-01|NULL|"
	    "NULL|NULL|NULL|NULL\n");
	/* Periods as year*4 + quarter-1: 2024Q4 = 8099, 2025Q1 = 8100, 2025Q2 = 8101. */
	assert_rows(
	    fx,
	    "SELECT i.id, m.period, m.value, m.comment FROM measurements m "
	    "JOIN indicators i ON i.pk = m.indicator ORDER BY i.id, m.period",
	    NULL, "E1|8099|11.0|NULL\nE1|8100|10.5|bättre\nE2|8100|65.0|NULL\nE3|8101|25.0|NULL\n");
	assert_rows(fx,
	            "SELECT n.id, f.period, f.assessment, f.status, f.expected_effects, f.comment, "
	            "f.reported_by FROM followups f JOIN initiatives n ON n.pk = f.initiative "
	            "ORDER BY n.id, f.period",
	            NULL,
	            "I1|8100|grön|pågående|Kortare dokumentationstid|NULL|Anna Berg\n"
	            "I2|8100|gul|NULL|NULL|Väntar på upphandling|NULL\n");
	assert_rows(
	    fx,
	    "SELECT p.period, p.rank, n.id, p.decided_by, p.decision_date FROM priorities p "
	    "JOIN initiatives n ON n.pk = p.initiative ORDER BY p.period, p.rank",
	    NULL, "8100|1|I1|regionledningen|2025-01-20\n8100|2|I2|NULL|NULL\n");
	assert_rows(fx,
	            "SELECT roadmap, version, unit, committee, date, first_year, decided_by "
	            "FROM roadmap_versions ORDER BY roadmap, version",
	            NULL,
	            "Färdplan KB|2024|Kultur och bildning|KBN|2024-03-01|NULL|Förvaltningschef\n"
	            "Färdplan KB|2024 uppdaterad|Kultur och bildning|KBN|2024-10-22|2025|"
	            "Förvaltningschef\n");
	assert_rows(
	    fx,
	    "SELECT v.version, n.id, r.horizon, r.comment FROM roadmap_items r "
	    "JOIN roadmap_versions v ON v.pk = r.version JOIN initiatives n "
	    "ON n.pk = r.initiative ORDER BY v.version, n.id",
	    NULL,
	    "2024|I1|senare|Samverkan med HS\n2024|I3|år 1|NULL\n2024 uppdaterad|I3|år 2|NULL\n");
	assert_rows(
	    fx,
	    "SELECT d.id, d.body, d.date, d.type, d.title, n.id, v.version, d.protocol, "
	    "d.protocol_first, d.protocol_last FROM decisions d "
	    "LEFT JOIN initiatives n ON n.pk = d.initiative "
	    "LEFT JOIN roadmap_versions v ON v.pk = d.roadmap_version ORDER BY d.id",
	    NULL,
	    "D1|KBN|2025-03-04|information|Digital färdplan|NULL|2024 uppdaterad|"
	    "KBN 2025-03-04 § 43|43|43\n"
	    "D2|regionledningen|2025-01-20|prioritering|Prioriterad lista|I1|NULL|NULL|NULL|"
	    "NULL\n"
	    "D3|RS|2024-11-26|start|NULL|I2|NULL|RS 2024-11-26 §§ 272-305|272|305\n");
	/* Verksamheter named by initiatives and roadmaps are known units. */
	assert_rows(fx, "SELECT name FROM units ORDER BY name", NULL,
	            "Hälso- och sjukvård\nKollektivtrafik\nKultur och bildning\n");
	/* One run, with one source row per file and its counts. */
	assert_rows(fx, "SELECT pk, command FROM runs", NULL, "1|import\n");
	assert_rows(
	    fx,
	    "SELECT kind, rows, inserted, updated, unchanged FROM run_sources WHERE run = 1 "
	    "ORDER BY kind",
	    NULL,
	    "decisions|3|3|0|0\neffects|3|3|0|0\nfollowups|2|2|0|0\ninitiatives|3|3|0|0\n"
	    "measurements|4|4|0|0\npriorities|2|2|0|0\nroadmaps|3|3|0|0\n");
	assert_int_equal(q_int(fx, "SELECT count(*) FROM changes", NULL), 0);
}

/* ---- idempotency ---- */

static void test_import_twice_changes_nothing(void **state)
{
	struct fixture *fx = *state;
	char *before, *after;

	import_base(fx);
	before = dump(fx);
	import_base(fx);
	after = dump(fx);

	assert_false(fx->sum.written);
	assert_counts(&fx->sum, PF_KIND_INITIATIVES, 3, 0, 0, 3);
	assert_counts(&fx->sum, PF_KIND_EFFECTS, 3, 0, 0, 3);
	assert_counts(&fx->sum, PF_KIND_MEASUREMENTS, 4, 0, 0, 4);
	assert_counts(&fx->sum, PF_KIND_FOLLOWUPS, 2, 0, 0, 2);
	assert_counts(&fx->sum, PF_KIND_PRIORITIES, 2, 0, 0, 2);
	assert_counts(&fx->sum, PF_KIND_ROADMAPS, 3, 0, 0, 3);
	assert_counts(&fx->sum, PF_KIND_DECISIONS, 3, 0, 0, 3);
	/* Also no new row in runs: the dump holds that table too. */
	assert_int_equal(q_int(fx, "SELECT count(*) FROM runs", NULL), 1);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

/* ---- updates and the change history ---- */

static void test_update_writes_history(void **state)
{
	struct fixture *fx = *state;
	const char *ini, *mea;

	import_base(fx);
	ini = put(
	    fx, "initiativ.csv",
	    "id;titel;namnd;verksamhet;beskrivning;kategori;fas;innovativ;tvarsektoriell;"
	    "projektledare;nyttoagare;start;slut;budget_kr;it_timmar\n"
	    "I1;Taligenkänning i vården och omsorgen;HSN;Hälso- och sjukvård;\"Tal till text; i "
	    "journalen\";digitalisering;pågående;ja;nej;Anna Berg;Bo Ek;2024-01-15;;1 250 "
	    "000;1 234,5\n"
	    "I2;Biljett- och betalsystem;KTN;Kollektivtrafik;;infrastruktur;beslutad;x;ja;;;"
	    "2025-04-01;2026-12-31;300000;400\n"
	    "I3;Ärendehantering för bidrag;KBN;Kultur och bildning;;förvaltning;idé;;;;;;;;\n");
	mea = put(fx, "matvarden.csv",
	          "indikator_id;period;varde;kommentar\n"
	          "E1;2024Q4;11;\n"
	          "E1;2025-Q1;10,25;bättre\n"
	          "E2;Q1 2025;65%;\n"
	          "E3;2025 K2;25;\n");

	assert_ok(fx, IMPORT(fx, ini, mea));
	assert_true(fx->sum.written);
	assert_counts(&fx->sum, PF_KIND_INITIATIVES, 3, 0, 1, 2);
	assert_counts(&fx->sum, PF_KIND_MEASUREMENTS, 4, 0, 1, 3);
	assert_rows(fx, "SELECT title FROM initiatives WHERE id = 'I1'", NULL,
	            "Taligenkänning i vården och omsorgen\n");
	assert_rows(fx,
	            "SELECT m.value FROM measurements m JOIN indicators i ON i.pk = m.indicator "
	            "WHERE i.id = 'E1' AND m.period = 8100",
	            NULL, "10.25\n");
	/* A second run, and exactly the two changed values in the history, under that run. */
	assert_int_equal(q_int(fx, "SELECT count(*) FROM runs", NULL), 2);
	assert_rows(
	    fx,
	    "SELECT c.run = (SELECT max(pk) FROM runs), c.kind, c.key, c.initiative, c.field, "
	    "c.old, c.new FROM changes c ORDER BY c.pk",
	    NULL,
	    "1|initiatives|I1|I1|title|Taligenkänning i vården|Taligenkänning i vården och "
	    "omsorgen\n"
	    "1|measurements|E1 2025Q1|I1|value|10.5|10.25\n");
	assert_rows(fx,
	            "SELECT kind, rows, inserted, updated, unchanged FROM run_sources "
	            "WHERE run = 2 ORDER BY kind",
	            NULL, "initiatives|3|0|1|2\nmeasurements|4|0|1|3\n");
}

/* A roadmap version's own field changed on all its rows: the version is updated once. */
static void test_update_roadmap_version(void **state)
{
	struct fixture *fx = *state;
	const char *rm;

	import_base(fx);
	rm = put(fx, "fardplaner.csv",
	         "fardplan;version;verksamhet;namnd;datum;initiativ;horisont;forsta_ar;beslutad_av;"
	         "kommentar\n"
	         "Färdplan KB;2024;Kultur och bildning;KBN;2024-03-01;I3;år 1;;Kulturdirektör;\n"
	         "Färdplan KB;2024;Kultur och bildning;KBN;2024-03-01;I1;år 3;;Kulturdirektör;"
	         "Samverkan med HS\n");
	assert_ok(fx, IMPORT(fx, rm));
	assert_true(fx->sum.written);
	assert_int_equal(fx->sum.kind[PF_KIND_ROADMAPS].rows, 2);
	assert_int_equal(fx->sum.kind[PF_KIND_ROADMAPS].inserted, 0);
	/* I1 moved from senare to år 3, and the version changed: both rows are updates. */
	assert_int_equal(fx->sum.kind[PF_KIND_ROADMAPS].updated, 2);
	assert_rows(fx, "SELECT decided_by FROM roadmap_versions WHERE version = '2024'", NULL,
	            "Kulturdirektör\n");
	assert_rows(fx, "SELECT kind, key, field, old, new FROM changes ORDER BY pk", NULL,
	            "roadmaps|Färdplan KB 2024|decided_by|Förvaltningschef|Kulturdirektör\n"
	            "roadmaps|Färdplan KB 2024 I1|horizon|senare|år 3\n");
}

/* ---- references across sources ---- */

static void test_references_resolve_in_any_order(void **state)
{
	struct fixture *fx = *state;

	/* Children before parents: measurements, effects, initiatives, ... */
	assert_ok(fx, IMPORT(fx, data(fx, "decisions.csv"), data(fx, "roadmaps.csv"),
	                     data(fx, "measurements.csv"), data(fx, "priorities.csv"),
	                     data(fx, "effects.csv"), data(fx, "followups.csv"),
	                     data(fx, "initiatives.csv")));
	assert_int_equal(fx->err.errors, 0);
	assert_counts(&fx->sum, PF_KIND_INITIATIVES, 3, 3, 0, 0);
	assert_counts(&fx->sum, PF_KIND_EFFECTS, 3, 3, 0, 0);
	assert_counts(&fx->sum, PF_KIND_MEASUREMENTS, 4, 4, 0, 0);
	assert_counts(&fx->sum, PF_KIND_DECISIONS, 3, 3, 0, 0);
	assert_rows(fx, initiatives_sql, NULL, initiatives_expected);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM measurements", NULL), 4);
}

/* ---- all or nothing ---- */

static const char new_initiative[] = "id;titel;namnd\nI4;Nytt e-arkiv;RUN\n";

static void check_rejected_keeps_database(struct fixture *fx, const char *bad, long line, long col,
                                          const char *part)
{
	const char *ini = put(fx, "nytt.csv", new_initiative);
	char *before = dump(fx), *after;
	pf_status st;

	pf_error_clear(&fx->err);
	st = IMPORT(fx, ini, bad);
	assert_int_equal(st, PF_EINPUT);
	assert_false(fx->sum.written);
	assert_int_equal(fx->err.errors, 1);
	expect_error(&fx->err, AT(bad, line, col), part);
	after = dump(fx);
	assert_string_equal(after, before);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM initiatives WHERE id = 'I4'", NULL), 0);
	free(before);
	free(after);
}

static void test_rejected_unknown_reference(void **state)
{
	struct fixture *fx = *state;
	const char *bad = put(fx, "matvarden.csv",
	                      "indikator_id;period;varde;kommentar\n"
	                      "E1;2025Q2;9;\n"
	                      "E2;2025Q2;70;\n"
	                      "E9;2025Q2;1;\n");

	import_base(fx);
	check_rejected_keeps_database(fx, bad, 4, 1, "unknown indicator \"E9\"");
}

static void test_rejected_malformed_number(void **state)
{
	struct fixture *fx = *state;
	const char *bad = put(fx, "matvarden.csv",
	                      "indikator_id;period;varde;kommentar\n"
	                      "E1;2025Q2;9;\n"
	                      "E2;2025Q2;70;\n"
	                      "E3;2025Q3;7,5.1;\n");

	import_base(fx);
	check_rejected_keeps_database(fx, bad, 4, 3, "\"7,5.1\" is not a number");
}

static void test_rejected_unknown_initiative(void **state)
{
	struct fixture *fx = *state;
	const char *bad = put(fx, "uppfoljning.csv",
	                      "initiativ;period;bedomning\n"
	                      "I1;2025Q2;grön\n"
	                      "I4;2025Q2;gul\n"
	                      "I5;2025Q2;röd\n");

	import_base(fx);
	/* I4 comes from the same import: only I5 is unknown. */
	check_rejected_keeps_database(fx, bad, 4, 1, "unknown initiative \"I5\"");
}

/* The database file itself, closed (checkpointed), is byte for byte what it was. */
static void test_rejected_file_bytes_identical(void **state)
{
	struct fixture *fx = *state;
	const char *ini = put(fx, "nytt.csv", new_initiative);
	const char *bad = put(fx, "matvarden.csv",
	                      "indikator_id;period;varde\nE1;2025Q2;9\nE1;2025Q3;inte ett tal\n");
	size_t n0, n1;
	char *b0, *b1;

	import_base(fx);
	pf_db_close(fx->db);
	fx->db = NULL;
	b0 = pf_test_read(fx->path, &n0);
	assert_non_null(b0);
	assert_ok(fx, pf_db_open(&fx->db, fx->path, NULL, &fx->err));
	assert_int_equal(IMPORT(fx, ini, bad), PF_EINPUT);
	expect_error(&fx->err, AT(bad, 3, 3), "is not a number");
	pf_db_close(fx->db);
	fx->db = NULL;
	b1 = pf_test_read(fx->path, &n1);
	assert_non_null(b1);
	assert_int_equal(n1, n0);
	assert_memory_equal(b1, b0, n0);
	free(b0);
	free(b1);
	assert_ok(fx, pf_db_open(&fx->db, fx->path, NULL, &fx->err));
}

/* Every bad row is listed, at its physical line, after quoted multi-line fields. */
static void test_all_errors_listed(void **state)
{
	struct fixture *fx = *state;
	const char *bad =
	    put(fx, "initiativ.csv",
	        "id,titel,namnd,beskrivning,fas,innovativ,start\n"            /* line 1 */
	        "B1,Första,HSN,\"Rad ett\nrad två\",pågående,ja,2025-01-01\n" /* 2-3 */
	        "B2,Andra,HSN,,flygande,nej,2025-01-01\n"                     /* 4 */
	        "B3,Tredje,HSN,\"a\n\"\"citat\"\"\nc\",idé,nej,2025-02-01\n"  /* 5-7 */
	        "B4,Fjärde,HSN,,idé,kanske,2025-01-01\n"                      /* 8 */
	        "B5,Femte,HSN,,idé,nej,2025-13-01\n");                        /* 9 */
	char *before = dump(fx), *after;

	assert_int_equal(IMPORT(fx, bad), PF_EINPUT);
	assert_int_equal(fx->err.errors, 3);
	expect_error(&fx->err, AT(bad, 4, 5), "\"flygande\" is not a status");
	expect_error(&fx->err, AT(bad, 8, 6), "\"kanske\"");
	expect_error(&fx->err, AT(bad, 9, 7), "\"2025-13-01\" is not a date");
	after = dump(fx);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

/* A duplicate's error is on the record (PATH:LINE) or one of its fields (PATH:LINE:COL). */
static bool where_is_line(const char *where, const char *path, long line)
{
	char prefix[1024];
	int len = snprintf(prefix, sizeof(prefix), "%s:%ld", path, line);
	size_t n = (size_t)len;

	if (len < 0 || n >= sizeof(prefix))
		fail_msg("path too long: %s", path);
	return where && !strncmp(where, prefix, n) && (where[n] == '\0' || where[n] == ':');
}

static const pf_diag *duplicate_error(const pf_error *e)
{
	const pf_diag *d = find_error(e, NULL, "duplicate");

	if (!d) {
		print_diags(e);
		fail_msg("no duplicate error");
	}
	return d;
}

static void test_duplicate_in_one_file(void **state)
{
	struct fixture *fx = *state;
	const char *bad =
	    put(fx, "initiativ.csv", "id;titel;namnd\nX1;Första;HSN\nX2;Andra;HSN\nX1;Igen;HSN\n");

	assert_int_equal(IMPORT(fx, bad), PF_EINPUT);
	assert_true(where_is_line(duplicate_error(&fx->err)->where, bad, 4));
	assert_int_equal(q_int(fx, "SELECT count(*) FROM initiatives", NULL), 0);
}

static void test_duplicate_across_files(void **state)
{
	struct fixture *fx = *state;
	const char *a = put(fx, "a.csv", "indikator_id;period;varde\nE1;2025Q2;9\n");
	const char *b =
	    put(fx, "b.csv", "indikator_id;period;varde\nE2;2025Q2;70\nE1;2025-Q2;9,5\n");
	const pf_diag *d;
	char *before;

	import_base(fx);
	before = dump(fx);
	assert_int_equal(IMPORT(fx, a, b), PF_EINPUT);
	d = duplicate_error(&fx->err);
	assert_true(where_is_line(d->where, b, 3) || where_is_line(d->where, a, 2));
	{
		char *after = dump(fx);
		assert_string_equal(after, before);
		free(after);
	}
	free(before);
}

/* A key already in the database, given twice by one import, is a duplicate too. */
static void test_duplicate_of_stored_row(void **state)
{
	struct fixture *fx = *state;
	const char *a = put(fx, "a.csv", "indikator_id;period;varde\nE1;2025Q1;10,5\n");
	const char *b = put(fx, "b.csv", "indikator_id;period;varde\nE1;Q1 2025;10\n");

	import_base(fx);
	assert_int_equal(IMPORT(fx, a, b), PF_EINPUT);
	assert_true(where_is_line(duplicate_error(&fx->err)->where, b, 2) ||
	            where_is_line(duplicate_error(&fx->err)->where, a, 2));
	assert_rows(fx,
	            "SELECT m.value FROM measurements m JOIN indicators i ON i.pk = m.indicator "
	            "WHERE i.id = 'E1' AND m.period = 8100",
	            NULL, "10.5\n");
}

/* ---- dry run ---- */

static void test_dry_run_writes_nothing(void **state)
{
	struct fixture *fx = *state;
	char *before = dump(fx), *after;

	assert_ok(fx, DRY_IMPORT(fx, data(fx, "initiatives.csv"), data(fx, "effects.csv"),
	                         data(fx, "measurements.csv"), data(fx, "followups.csv"),
	                         data(fx, "priorities.csv"), data(fx, "roadmaps.csv"),
	                         data(fx, "decisions.csv")));
	assert_false(fx->sum.written);
	assert_counts(&fx->sum, PF_KIND_INITIATIVES, 3, 3, 0, 0);
	assert_counts(&fx->sum, PF_KIND_EFFECTS, 3, 3, 0, 0);
	assert_counts(&fx->sum, PF_KIND_MEASUREMENTS, 4, 4, 0, 0);
	assert_counts(&fx->sum, PF_KIND_FOLLOWUPS, 2, 2, 0, 0);
	assert_counts(&fx->sum, PF_KIND_PRIORITIES, 2, 2, 0, 0);
	assert_counts(&fx->sum, PF_KIND_ROADMAPS, 3, 3, 0, 0);
	assert_counts(&fx->sum, PF_KIND_DECISIONS, 3, 3, 0, 0);
	after = dump(fx);
	assert_string_equal(after, before);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM runs", NULL), 0);
	free(before);
	free(after);
}

/* A dry run over a stored portfolio counts updates without making them. */
static void test_dry_run_counts_updates(void **state)
{
	struct fixture *fx = *state;
	const char *mea =
	    put(fx, "matvarden.csv",
	        "indikator_id;period;varde\nE1;2024Q4;11\nE1;2025Q1;9\nE3;2025Q3;20\n");
	char *before, *after;

	import_base(fx);
	before = dump(fx);
	assert_ok(fx, DRY_IMPORT(fx, mea));
	assert_counts(&fx->sum, PF_KIND_MEASUREMENTS, 3, 1, 1, 1);
	assert_false(fx->sum.written);
	after = dump(fx);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

/* ---- values (FORMATS.md section 2) ---- */

static void test_numbers(void **state)
{
	struct fixture *fx = *state;
	const char *ini = put(fx, "initiativ.csv",
	                      "id;titel;namnd;budget_kr;it_timmar\n"
	                      "N1;Ett;RS;1 234 567;1 234,5\n"
	                      "N2;Två;RS;1000;12.5\n"
	                      "N3;Tre;RS;2 000;45%\n"
	                      "N4;Fyra;RS;1\xc2\xa0"
	                      "500;0,75\n"
	                      "N5;Fem;RS;-300;12,5\n");
	const char *eff =
	    put(fx, "effekter.csv",
	        "indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum\n"
	        "V1;N1;a;1 234,5;2025-01-01;2 000;2026-01-01\n"
	        "V2;N1;b;45%;2025-01-01;12,5 %;2026-01-01\n");

	assert_ok(fx, IMPORT(fx, ini, eff));
	assert_rows(fx, "SELECT id, budget, it_hours FROM initiatives ORDER BY id", NULL,
	            "N1|1234567|1234.5\nN2|1000|12.5\nN3|2000|45.0\nN4|1500|0.75\nN5|-300|12.5\n");
	assert_rows(fx, "SELECT id, baseline, target, direction FROM indicators ORDER BY id", NULL,
	            "V1|1234.5|2000.0|öka\nV2|45.0|12.5|minska\n");
}

static void test_bad_numbers(void **state)
{
	struct fixture *fx = *state;
	static const char *const bad[] = {"12,5.3", "1e5", "abc", "1,2,3", "12 34", "0x10", "-"};
	char text[1024] = "indikator_id;period;varde\n";

	import_base(fx);
	for (size_t i = 0; i < COUNT_OF(bad); i++) {
		size_t len = strlen(text);
		snprintf(text + len, sizeof(text) - len, "E1;%dQ1;%s\n", 2010 + (int)i, bad[i]);
	}
	const char *path = put(fx, "matvarden.csv", text);
	assert_int_equal(IMPORT(fx, path), PF_EINPUT);
	assert_int_equal(fx->err.errors, COUNT_OF(bad));
	for (size_t i = 0; i < COUNT_OF(bad); i++) {
		char part[64];
		snprintf(part, sizeof(part), "\"%s\" is not a number", bad[i]);
		expect_error(&fx->err, AT(path, (long)i + 2, 3), part);
	}
}

/*
 * Warnings that never reject (FORMATS.md section 2): `47.500` is read as
 * 47.5 but a thousands separator was likely meant; a value outside 0-100 of
 * an indicator in %, or beyond the target by more than the whole span.
 * E1 is min 12,5 -> 8 (minska), E2 % 60 -> 80, E3 dagar 30 -> 10.
 */
static void test_number_warnings(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		const char *row;
		const char *warning; /* NULL: none */
	} rows[] = {
	    {"E1;2026Q1;47.500", "\"47.500\" is read as a decimal number, but a thousands "
	                         "separator was likely meant; write 47500 or 47,5"},
	    {"E3;2027Q2;1.250 %", "write 1250 % or 1,25 %"},
	    {"E1;2026Q3;2", "the value 2 is beyond the target 8 of E1 by more than the whole way "
	                    "from its baseline"},
	    {"E1;2026Q4;3,5", NULL},
	    {"E1;2027Q1;47.5", NULL},
	    {"E3;2027Q3;0.125", NULL},
	    {"E2;2026Q1;4500", "the value 4500 is outside 0-100, though E2 is measured in %"},
	    {"E2;2026Q2;-1", "the value -1 is outside 0-100"},
	    {"E2;2026Q3;100", NULL},
	    {"E2;2026Q4;0,45", NULL},
	    {"E3;2026Q1;-15", "the value -15 is beyond the target 10 of E3"},
	    {"E3;2026Q2;-10", NULL},
	    {"E3;2026Q3;95", NULL},
	};
	char text[2048] = "indikator_id;period;varde\n";
	size_t expected = 0;

	import_base(fx);
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		size_t len = strlen(text);
		snprintf(text + len, sizeof(text) - len, "%s\n", rows[i].row);
		expected += rows[i].warning != NULL;
	}
	const char *path = put(fx, "matvarden.csv", text);
	const char *ini = put(fx, "initiativ.csv", "id;titel;namnd;it_timmar\nW1;W;RS;1.500\n");
	assert_ok(fx, IMPORT(fx, path, ini));
	for (size_t i = 0; i < COUNT_OF(rows); i++)
		if (rows[i].warning)
			expect_diag(&fx->err, PF_SEV_WARNING, AT(path, (long)i + 2, 3),
			            rows[i].warning);
	expect_diag(&fx->err, PF_SEV_WARNING, AT(ini, 2, 4), "write 1500 or 1,5");
	assert_int_equal(fx->err.warnings, expected + 1);
	assert_rows(fx,
	            "SELECT m.value FROM measurements m JOIN indicators i ON m.key >> 16 = i.pk "
	            "WHERE i.id = 'E1' AND m.value = 47.5",
	            NULL, "47.5\n47.5\n");
}

struct period_case {
	const char *text;
	int year, quarter;
};

static const struct period_case period_cases[] = {
    {"2021Q1", 2021, 1},  {"2021-Q2", 2021, 2},  {"2021 Q3", 2021, 3},  {"Q4 2021", 2021, 4},
    {"Q1-2022", 2022, 1}, {"2022K2", 2022, 2},   {"2022-K3", 2022, 3},  {"K4 2022", 2022, 4},
    {"2023kv1", 2023, 1}, {"2023-kv2", 2023, 2}, {"Kv3 2023", 2023, 3}, {"kv4-2023", 2023, 4},
    {"2024 K1", 2024, 1}, {"2024 kv2", 2024, 2}, {"K3-2024", 2024, 3},  {"q2 2020", 2020, 2},
};

static void test_periods(void **state)
{
	struct fixture *fx = *state;
	char text[2048] = "indikator_id;period;varde\n", expected[1024] = "";

	import_base(fx);
	for (size_t i = 0; i < COUNT_OF(period_cases); i++) {
		size_t len = strlen(text);
		snprintf(text + len, sizeof(text) - len, "E3;%s;%zu\n", period_cases[i].text, i);
	}
	/* Sorted by period: the cases are in period order but for the last one (2020Q2). */
	snprintf(expected, sizeof(expected), "%d|%zu\n", 2020 * 4 + 1, COUNT_OF(period_cases) - 1);
	for (size_t i = 0; i + 1 < COUNT_OF(period_cases); i++) {
		size_t len = strlen(expected);
		snprintf(expected + len, sizeof(expected) - len, "%d|%zu\n",
		         period_cases[i].year * 4 + period_cases[i].quarter - 1, i);
	}
	assert_ok(fx, IMPORT(fx, put(fx, "matvarden.csv", text)));
	assert_counts(&fx->sum, PF_KIND_MEASUREMENTS, COUNT_OF(period_cases),
	              COUNT_OF(period_cases), 0, 0);
	{
		char *got = rows(fx,
		                 "SELECT m.period, CAST(m.value AS INTEGER) FROM measurements m "
		                 "JOIN indicators i ON i.pk = m.indicator WHERE i.id = 'E3' "
		                 "AND m.period < 8100 ORDER BY m.period",
		                 NULL);
		assert_string_equal(got, expected);
		free(got);
	}
}

static void test_bad_periods(void **state)
{
	struct fixture *fx = *state;
	const char *path = put(fx, "uppfoljning.csv",
	                       "initiativ;period;bedomning\n"
	                       "I1;2025Q5;grön\n"
	                       "I1;2025;grön\n"
	                       "I1;Q1/2025;grön\n");

	import_base(fx);
	assert_int_equal(IMPORT(fx, path), PF_EINPUT);
	assert_int_equal(fx->err.errors, 3);
	expect_error(&fx->err, AT(path, 2, 2), "\"2025Q5\" is not a period");
	expect_error(&fx->err, AT(path, 3, 2), "\"2025\" is not a period");
	expect_error(&fx->err, AT(path, 4, 2), "\"Q1/2025\" is not a period");
}

static void test_booleans(void **state)
{
	struct fixture *fx = *state;
	const char *ini = put(fx, "initiativ.csv",
	                      "id;titel;namnd;innovativ;tvarsektoriell\n"
	                      "B01;a;RS;ja;nej\n"
	                      "B02;a;RS;nej;ja\n"
	                      "B03;a;RS;x;\n"
	                      "B04;a;RS;;x\n"
	                      "B05;a;RS;yes;no\n"
	                      "B06;a;RS;true;false\n"
	                      "B07;a;RS;1;0\n"
	                      "B08;a;RS;JA;Nej\n"
	                      "B09;a;RS;X;TRUE\n");
	const char *bad = put(fx, "fel.csv", "id;titel;namnd;innovativ\nB10;a;RS;kanske\n");

	assert_ok(fx, IMPORT(fx, ini));
	assert_rows(fx, "SELECT id, innovative, cross_cutting FROM initiatives ORDER BY id", NULL,
	            "B01|1|0\nB02|0|1\nB03|1|0\nB04|0|1\nB05|1|0\nB06|1|0\nB07|1|0\nB08|1|0\n"
	            "B09|1|1\n");
	assert_int_equal(IMPORT(fx, bad), PF_EINPUT);
	expect_error(&fx->err, AT(bad, 2, 4), "\"kanske\"");
}

static void test_dates(void **state)
{
	struct fixture *fx = *state;
	const char *ini = put(fx, "initiativ.csv",
	                      "id;titel;namnd;start;slut\n"
	                      "T1;a;RS;2024-02-29;2025-12-31\n"
	                      "T2;a;RS; 2025-01-01 ;\n");
	const char *bad = put(fx, "fel.csv",
	                      "id;titel;namnd;start\n"
	                      "T3;a;RS;2025-02-29\n"
	                      "T4;a;RS;2025/01/01\n"
	                      "T5;a;RS;20250101\n"
	                      "T6;a;RS;1 jan 2025\n");

	assert_ok(fx, IMPORT(fx, ini));
	assert_rows(fx, "SELECT id, start, end FROM initiatives ORDER BY id", NULL,
	            "T1|2024-02-29|2025-12-31\nT2|2025-01-01|NULL\n");
	assert_int_equal(IMPORT(fx, bad), PF_EINPUT);
	assert_int_equal(fx->err.errors, 4);
	expect_error(&fx->err, AT(bad, 2, 4), "\"2025-02-29\" is not a date");
	expect_error(&fx->err, AT(bad, 3, 4), "\"2025/01/01\" is not a date");
	expect_error(&fx->err, AT(bad, 4, 4), "\"20250101\" is not a date");
	expect_error(&fx->err, AT(bad, 5, 4), "\"1 jan 2025\" is not a date");
}

/* Every enumerated word in Swedish and in English, stored as the canonical Swedish word. */
static void test_words_swedish_and_english(void **state)
{
	struct fixture *fx = *state;
	const char *ini = put(fx, "initiativ.csv",
	                      "id;titel;namnd;kategori;fas\n"
	                      "W01;a;RS;digitalisering;idé\n"
	                      "W02;a;RS;förvaltning;förstudie\n"
	                      "W03;a;RS;infrastruktur;beslutad\n"
	                      "W04;a;RS;digitalisation;pågående\n"
	                      "W05;a;RS;maintenance;pausad\n"
	                      "W06;a;RS;infrastructure;avslutad\n"
	                      "W07;a;RS;Digitalisering;stoppad\n"
	                      "W08;a;RS;FÖRVALTNING;idea\n"
	                      "W09;a;RS;forvaltning;prestudy\n"
	                      "W10;a;RS;;decided\n"
	                      "W11;a;RS;;ongoing\n"
	                      "W12;a;RS;;paused\n"
	                      "W13;a;RS;;completed\n"
	                      "W14;a;RS;;cancelled\n"
	                      "W15;a;RS;;Pågående\n"
	                      "W16;a;RS;;PAGAENDE\n"
	                      "W17;a;RS;;\n");
	const char *fup =
	    put(fx, "uppfoljning.csv",
	        "initiativ;period;bedomning\n"
	        "W01;2023Q1;grön\nW01;2023Q2;gul\nW01;2023Q3;röd\nW01;2023Q4;green\n"
	        "W01;2024Q1;yellow\nW01;2024Q2;red\nW01;2024Q3;GRÖN\nW01;2024Q4;gron\n"
	        "W01;2025Q1;Rod\n");
	const char *eff =
	    put(fx, "effekter.csv",
	        "indikator_id;initiativ;indikator;riktning;basvarde;basdatum;malvarde;"
	        "maldatum;nyttotyp\n"
	        "V1;W01;a;öka;0;2025-01-01;10;2026-01-01;ekonomisk\n"
	        "V2;W01;a;minska;10;2025-01-01;0;2026-01-01;omfördelning\n"
	        "V3;W01;a;increase;0;2025-01-01;10;2026-01-01;kvalitativ\n"
	        "V4;W01;a;decrease;10;2025-01-01;0;2026-01-01;financial\n"
	        "V5;W01;a;ÖKA;0;2025-01-01;10;2026-01-01;redistribution\n"
	        "V6;W01;a;Minska;10;2025-01-01;0;2026-01-01;qualitative\n"
	        "V7;W01;a;oka;0;2025-01-01;10;2026-01-01;\n");
	const char *dec = put(fx, "beslut.csv",
	                      "beslut_id;organ;datum;typ\n"
	                      "T01;KBN;2025-01-01;start\n"
	                      "T02;kbn;2025-01-01;prioritering\n"
	                      "T03;regionledningen;2025-01-01;paus\n"
	                      "T04;management;2025-01-01;stopp\n"
	                      "T05;digitaliseringsrådet;2025-01-01;avslut\n"
	                      "T06;council;2025-01-01;fastställande\n"
	                      "T07;förvaltningen;2025-01-01;information\n"
	                      "T08;administration;2025-01-01;prioritisation\n"
	                      "T09;Digitaliseringsradet;2025-01-01;pause\n"
	                      "T10;RS;2025-01-01;stop\n"
	                      "T11;HSN;2025-01-01;completion\n"
	                      "T12;KTN;2025-01-01;adoption\n"
	                      "T13;RUN;2025-01-01;Information\n"
	                      "T14;RS;2025-01-01;START\n"
	                      "T15;Regionledningen;2025-01-01;faststallande\n");

	assert_ok(fx, IMPORT(fx, ini, fup, eff, dec));
	assert_rows(fx, "SELECT id, category, status FROM initiatives ORDER BY id", NULL,
	            "W01|digitalisering|idé\n"
	            "W02|förvaltning|förstudie\n"
	            "W03|infrastruktur|beslutad\n"
	            "W04|digitalisering|pågående\n"
	            "W05|förvaltning|pausad\n"
	            "W06|infrastruktur|avslutad\n"
	            "W07|digitalisering|stoppad\n"
	            "W08|förvaltning|idé\n"
	            "W09|förvaltning|förstudie\n"
	            "W10|digitalisering|beslutad\n"
	            "W11|digitalisering|pågående\n"
	            "W12|digitalisering|pausad\n"
	            "W13|digitalisering|avslutad\n"
	            "W14|digitalisering|stoppad\n"
	            "W15|digitalisering|pågående\n"
	            "W16|digitalisering|pågående\n"
	            "W17|digitalisering|idé\n");
	assert_rows(fx, "SELECT assessment FROM followups ORDER BY period", NULL,
	            "grön\ngul\nröd\ngrön\ngul\nröd\ngrön\ngrön\nröd\n");
	assert_rows(
	    fx, "SELECT id, direction, benefit_type FROM indicators ORDER BY id", NULL,
	    "V1|öka|ekonomisk\nV2|minska|omfördelning\nV3|öka|kvalitativ\n"
	    "V4|minska|ekonomisk\nV5|öka|omfördelning\nV6|minska|kvalitativ\nV7|öka|NULL\n");
	assert_rows(fx, "SELECT id, body, type FROM decisions ORDER BY id", NULL,
	            "T01|KBN|start\n"
	            "T02|KBN|prioritering\n"
	            "T03|regionledningen|paus\n"
	            "T04|regionledningen|stopp\n"
	            "T05|digitaliseringsrådet|avslut\n"
	            "T06|digitaliseringsrådet|fastställande\n"
	            "T07|förvaltningen|information\n"
	            "T08|förvaltningen|prioritering\n"
	            "T09|digitaliseringsrådet|paus\n"
	            "T10|RS|stopp\n"
	            "T11|HSN|avslut\n"
	            "T12|KTN|fastställande\n"
	            "T13|RUN|information\n"
	            "T14|RS|start\n"
	            "T15|regionledningen|fastställande\n");
}

/* An unknown word is rejected with the allowed words listed. */
struct bad_word {
	const char *file;
	long line, col;
	const char *word;
	const char *allowed[8];
};

static void test_invalid_words_list_allowed(void **state)
{
	struct fixture *fx = *state;
	static const struct bad_word cases[] = {
	    {"initiativ.csv",
	     2,
	     5,
	     "flygande",
	     {"idé", "förstudie", "beslutad", "pågående", "pausad", "avslutad", "stoppad"}},
	    {"initiativ.csv", 3, 4, "blandat", {"digitalisering", "förvaltning", "infrastruktur"}},
	    {"uppfoljning.csv", 2, 3, "lila", {"grön", "gul", "röd"}},
	    {"effekter.csv", 2, 4, "uppåt", {"öka", "minska"}},
	    {"effekter.csv", 2, 9, "vinst", {"ekonomisk", "omfördelning", "kvalitativ"}},
	    {"fardplaner.csv", 2, 7, "nästa år", {"år 1", "år 2", "år 3", "senare"}},
	    {"beslut.csv",
	     2,
	     4,
	     "beslut",
	     {"start", "prioritering", "paus", "stopp", "avslut", "fastställande", "information"}},
	    {"beslut.csv",
	     3,
	     2,
	     "kommunen!",
	     {"KBN", "regionledningen", "digitaliseringsrådet", "förvaltningen"}},
	};
	const char *paths[5];

	import_base(fx);
	paths[0] = put(fx, "initiativ.csv",
	               "id;titel;namnd;kategori;fas\nZ1;a;RS;;flygande\nZ2;a;RS;blandat;\n");
	paths[1] = put(fx, "uppfoljning.csv", "initiativ;period;bedomning\nI1;2025Q3;lila\n");
	paths[2] = put(fx, "effekter.csv",
	               "indikator_id;initiativ;indikator;riktning;basvarde;basdatum;malvarde;"
	               "maldatum;nyttotyp\nV9;I1;a;uppåt;0;2025-01-01;10;2026-01-01;vinst\n");
	paths[3] = put(fx, "fardplaner.csv",
	               "fardplan;version;verksamhet;namnd;datum;initiativ;horisont\n"
	               "Färdplan KB;2025;Kultur och bildning;KBN;2025-01-01;I1;nästa år\n");
	paths[4] = put(fx, "beslut.csv",
	               "beslut_id;organ;datum;typ\nX1;KBN;2025-01-01;beslut\n"
	               "X2;kommunen!;2025-01-01;start\n");
	assert_int_equal(import_n(fx, false, NULL, paths, 5), PF_EINPUT);
	assert_int_equal(fx->err.errors, COUNT_OF(cases));
	for (size_t i = 0; i < COUNT_OF(cases); i++) {
		const struct bad_word *c = &cases[i];
		char path[1024], quoted[64];
		const pf_diag *d;

		snprintf(path, sizeof(path), "%s/%s", fx->dir, c->file);
		snprintf(quoted, sizeof(quoted), "\"%s\"", c->word);
		d = expect_error(&fx->err, AT(path, c->line, c->col), quoted);
		for (size_t w = 0; w < COUNT_OF(c->allowed) && c->allowed[w]; w++)
			if (!strstr(d->message, c->allowed[w]))
				fail_msg("%s: \"%s\" does not list %s", d->where, d->message,
				         c->allowed[w]);
	}
}

/* ---- encodings, delimiters, line ends ---- */

static void test_windows_1252(void **state)
{
	struct fixture *fx = *state;
	/* Nämnd, Ärendehantering för bidrag, Förstudie, åäö ÅÄÖ – € in Windows-1252. */
	static const char bytes[] = "id;Titel;N\xe4mnd;Verksamhet;Fas;Beskrivning\r\n"
	                            "W1;\xc4rendehantering f\xf6r bidrag;KBN;Kultur och bildning;"
	                            "F\xf6rstudie;\xe5\xe4\xf6 \xc5\xc4\xd6 \x96 \x80\r\n";
	const char *path = put_bytes(fx, "initiativ.csv", bytes, sizeof(bytes) - 1);

	assert_ok(fx, IMPORT(fx, path));
	assert_int_equal(fx->err.warnings, 0);
	assert_rows(fx, "SELECT id, title, committee, unit, status, description FROM initiatives",
	            NULL,
	            "W1|Ärendehantering för bidrag|KBN|Kultur och bildning|förstudie|"
	            "åäö ÅÄÖ \xe2\x80\x93 \xe2\x82\xac\n");
}

static void test_bom_comma_crlf(void **state)
{
	struct fixture *fx = *state;
	static const char bytes[] = "\xef\xbb\xbfid,titel,namnd,beskrivning\r\n"
	                            "U1,\"Åtgärd, första\",RS,\"rad 1\r\nrad 2\"\r\n"
	                            "U2,\"Säger \"\"hej\"\"\",HSN,\r\n";
	const char *path = put_bytes(fx, "initiativ.csv", bytes, sizeof(bytes) - 1);
	char *desc;

	assert_ok(fx, IMPORT(fx, path));
	assert_int_equal(fx->err.warnings, 0);
	assert_rows(fx, "SELECT id, title, committee FROM initiatives ORDER BY id", NULL,
	            "U1|Åtgärd, första|RS\nU2|Säger \"hej\"|HSN\n");
	desc = rows(fx, "SELECT description FROM initiatives WHERE id = 'U1'", NULL);
	assert_true(!strncmp(desc, "rad 1", 5));
	assert_non_null(strstr(desc, "\nrad 2\n"));
	free(desc);
}

/*
 * FORMATS.md's "Formulas": the one `'` our CSV puts before a formula-like
 * text is removed from text cells only; a number cell is no text.
 */
static void test_formula_mark_removed(void **state)
{
	struct fixture *fx = *state;
	const char *path = put(fx, "initiativ.csv",
	                       "id;titel;namnd;beskrivning;projektledare;nyttoagare;verksamhet\n"
	                       "F1;'=HYPERLINK(\"http://x\",\"y\");KBN;'+46 70 123;'-minus;"
	                       "'@SUM(A1);''=own mark\n"
	                       "F2;'plain;KBN;'';'x;a'=b;'\n");

	assert_ok(fx, IMPORT(fx, path));
	assert_rows(fx,
	            "SELECT id, title, description, project_manager, benefit_owner, unit "
	            "FROM initiatives ORDER BY id",
	            NULL,
	            "F1|=HYPERLINK(\"http://x\",\"y\")|+46 70 123|-minus|@SUM(A1)|'=own mark\n"
	            "F2|'plain|''|'x|a'=b|'\n");
	pf_error_clear(&fx->err);
	/* A number with a mark is still not a number. */
	path = put(fx, "initiativ2.csv", "id;titel;namnd;budget_kr\nF3;t;KBN;'-5\n");
	assert_int_equal(IMPORT(fx, path), PF_EINPUT);
	expect_error(&fx->err, NULL, "-5");
}

static void test_tab_delimiter(void **state)
{
	struct fixture *fx = *state;
	const char *path = put(fx, "initiativ.tsv",
	                       "id\ttitel\tnamnd\tit_timmar\n"
	                       "T1\tTab; med, tecken\tKTN\t1 234,5\n"
	                       "T2\t\"Citerad\ttab\"\tRS\t\n");

	assert_ok(fx, IMPORT(fx, path));
	assert_rows(fx, "SELECT id, title, committee, it_hours FROM initiatives ORDER BY id", NULL,
	            "T1|Tab; med, tecken|KTN|1234.5\nT2|Citerad\ttab|RS|NULL\n");
}

/* Headings match case- and accent-insensitively, English aliases too; extra columns warn. */
static void test_headings_and_unknown_columns(void **state)
{
	struct fixture *fx = *state;
	const char *path = put(fx, "initiatives.csv",
	                       "ID,Title,Committee,Färg,Project-Manager,CROSS CUTTING\n"
	                       "H1,Rubrik,hsn,blå,Anna,yes\n");

	assert_ok(fx, IMPORT(fx, path));
	assert_int_equal(fx->err.warnings, 1);
	assert_non_null(strstr(fx->err.diags[0].message, "Färg"));
	assert_rows(fx,
	            "SELECT id, title, committee, project_manager, cross_cutting FROM initiatives",
	            NULL, "H1|Rubrik|HSN|Anna|1\n");
}

static void test_unknown_sheet_kind(void **state)
{
	struct fixture *fx = *state;
	const char *none = put(fx, "okand.csv", "foo;bar\n1;2\n");
	const char *near = put(fx, "nastan.csv", "id;titel\nI9;Utan nämnd\n");
	pf_import *imp = NULL;

	assert_ok(fx, pf_import_new(&imp, fx->db, NULL, &fx->err));
	assert_int_equal(pf_import_add(imp, none, &fx->err), PF_EINPUT);
	assert_int_equal(pf_import_add(imp, near, &fx->err), PF_EINPUT);
	/* The import is rejected as a whole. */
	assert_int_equal(pf_import_run(imp, &fx->sum, &fx->err), PF_EINPUT);
	pf_import_free(imp);
	expect_error(&fx->err, AT(none, 1, 1), "no known sheet kind");
	expect_error(&fx->err, AT(near, 1, 1), "namnd");
	assert_int_equal(q_int(fx, "SELECT count(*) FROM runs", NULL), 0);
}

static void test_missing_required_value(void **state)
{
	struct fixture *fx = *state;
	const char *path = put(fx, "initiativ.csv", "id;titel;namnd\nM1;;RS\nM2;Titel;\n");

	assert_int_equal(IMPORT(fx, path), PF_EINPUT);
	assert_int_equal(fx->err.errors, 2);
	expect_error(&fx->err, AT(path, 2, 2), "titel");
	expect_error(&fx->err, AT(path, 3, 3), "namnd");
}

/* Lines are physical lines: empty rows before the header and CRLF count; short rows too. */
static void test_line_numbers_and_short_rows(void **state)
{
	struct fixture *fx = *state;
	const char *path =
	    put(fx, "initiativ.csv",
	        "\r\n;;\r\nid;titel;namnd;fas\r\n\r\nL1;Ett;RS;flyger\r\nL2;Två\r\n");

	assert_int_equal(IMPORT(fx, path), PF_EINPUT);
	assert_int_equal(fx->err.errors, 2);
	expect_error(&fx->err, AT(path, 5, 4), "\"flyger\" is not a status");
	/* The cell that is not there still has its column. */
	expect_error(&fx->err, AT(path, 6, 3), "namnd");
}

/* ---- effects rules ---- */

static void test_effect_direction_default(void **state)
{
	struct fixture *fx = *state;
	const char *eff =
	    put(fx, "effekter.csv",
	        "indikator_id;initiativ;indikator;riktning;basvarde;basdatum;malvarde;"
	        "maldatum;vikt\n"
	        "G1;I1;upp;;0;2025-01-01;10;2026-01-01;\n"
	        "G2;I1;ned;;10;2025-01-01;0;2026-01-01;\n"
	        "G3;I1;lika öka;öka;5;2025-01-01;5;2026-01-01;\n"
	        "G4;I1;lika minska;minska;5;2025-01-01;5;2026-01-01;\n"
	        "G5;I1;vikt;;0;2025-01-01;-10;2025-01-02;0,5\n");

	import_base(fx);
	assert_ok(fx, IMPORT(fx, eff));
	assert_rows(
	    fx, "SELECT id, direction, weight FROM indicators WHERE id LIKE 'G%' ORDER BY id", NULL,
	    "G1|öka|NULL\nG2|minska|NULL\nG3|öka|NULL\nG4|minska|NULL\nG5|minska|0.5\n");
}

static void test_effect_rule_errors(void **state)
{
	struct fixture *fx = *state;
	const char *eff =
	    put(fx, "effekter.csv",
	        "indikator_id;initiativ;indikator;riktning;basvarde;basdatum;malvarde;"
	        "maldatum;vikt\n"
	        "F1;I1;lika utan riktning;;5;2025-01-01;5;2026-01-01;\n"
	        "F2;I1;samma datum;öka;0;2025-01-01;10;2025-01-01;\n"
	        "F3;I1;måldatum före;öka;0;2025-01-01;10;2024-12-31;\n"
	        "F4;I1;vikt noll;öka;0;2025-01-01;10;2026-01-01;0\n"
	        "F5;I1;negativ vikt;öka;0;2025-01-01;10;2026-01-01;-1\n");

	import_base(fx);
	assert_int_equal(IMPORT(fx, eff), PF_EINPUT);
	assert_int_equal(fx->err.errors, 5);
	expect_error(&fx->err, AT(eff, 2, 4), "direction");
	expect_error(&fx->err, AT(eff, 3, 8), "not after the baseline date");
	expect_error(&fx->err, AT(eff, 4, 8), "not after the baseline date");
	expect_error(&fx->err, AT(eff, 5, 9), "weight");
	expect_error(&fx->err, AT(eff, 6, 9), "weight");
	assert_int_equal(q_int(fx, "SELECT count(*) FROM indicators WHERE id LIKE 'F%'", NULL), 0);
}

/* ---- roadmaps ---- */

struct version_field_case {
	const char *name; /* the Swedish heading the error names */
	long col;
	const char *second_row;
};

static void test_roadmap_version_fields_must_agree(void **state)
{
	struct fixture *fx = *state;
	static const char header[] =
	    "fardplan;version;verksamhet;namnd;datum;initiativ;horisont;forsta_ar;beslutad_av\n"
	    "Färdplan X;v1;Kultur och bildning;KBN;2025-01-10;I1;år 1;2025;Chef\n";
	static const struct version_field_case cases[] = {
	    {"verksamhet", 3, "Färdplan X;v1;Annan verksamhet;KBN;2025-01-10;I3;år 2;2025;Chef\n"},
	    {"namnd", 4, "Färdplan X;v1;Kultur och bildning;HSN;2025-01-10;I3;år 2;2025;Chef\n"},
	    {"datum", 5, "Färdplan X;v1;Kultur och bildning;KBN;2025-01-11;I3;år 2;2025;Chef\n"},
	    {"forsta_ar", 8,
	     "Färdplan X;v1;Kultur och bildning;KBN;2025-01-10;I3;år 2;2026;Chef\n"},
	    {"forsta_ar", 8, "Färdplan X;v1;Kultur och bildning;KBN;2025-01-10;I3;år 2;;Chef\n"},
	    {"beslutad_av", 9,
	     "Färdplan X;v1;Kultur och bildning;KBN;2025-01-10;I3;år 2;2025;Annan chef\n"},
	    {"beslutad_av", 9, "Färdplan X;v1;Kultur och bildning;KBN;2025-01-10;I3;år 2;2025;\n"},
	};

	import_base(fx);
	for (size_t i = 0; i < COUNT_OF(cases); i++) {
		char text[1024], name[32];
		const char *path;

		snprintf(text, sizeof(text), "%s%s", header, cases[i].second_row);
		snprintf(name, sizeof(name), "fardplan%zu.csv", i);
		path = put(fx, name, text);
		pf_error_clear(&fx->err);
		assert_int_equal(IMPORT(fx, path), PF_EINPUT);
		assert_int_equal(fx->err.errors, 1);
		expect_error(&fx->err, AT(path, 3, cases[i].col), cases[i].name);
		assert_int_equal(q_int(fx,
		                       "SELECT count(*) FROM roadmap_versions WHERE roadmap = ?1",
		                       "Färdplan X"),
		                 0);
	}
}

static void test_roadmap_horizons(void **state)
{
	struct fixture *fx = *state;
	const char *rm = put(fx, "fardplaner.csv",
	                     "fardplan;version;verksamhet;namnd;datum;initiativ;horisont\n"
	                     "H;a;U;KBN;2025-01-01;I1;år 1\n"
	                     "H;a;U;KBN;2025-01-01;I2;ar 1\n"
	                     "H;a;U;KBN;2025-01-01;I3;år1\n"
	                     "H;b;U;KBN;2025-02-01;I1;1\n"
	                     "H;b;U;KBN;2025-02-01;I2;year2\n"
	                     "H;b;U;KBN;2025-02-01;I3;later\n"
	                     "H;c;U;KBN;2025-03-01;I1;År 3\n"
	                     "H;c;U;KBN;2025-03-01;I2;year 3\n"
	                     "H;c;U;KBN;2025-03-01;I3;senare\n"
	                     "H;d;U;KBN;2025-04-01;I1;År 2\n"
	                     "H;d;U;KBN;2025-04-01;I2;year1\n");

	import_base(fx);
	assert_ok(fx, IMPORT(fx, rm));
	assert_rows(
	    fx,
	    "SELECT v.version, n.id, r.horizon FROM roadmap_items r JOIN roadmap_versions v "
	    "ON v.pk = r.version JOIN initiatives n ON n.pk = r.initiative "
	    "WHERE v.roadmap = 'H' ORDER BY v.version, n.id",
	    NULL,
	    "a|I1|år 1\na|I2|år 1\na|I3|år 1\n"
	    "b|I1|år 1\nb|I2|år 2\nb|I3|senare\n"
	    "c|I1|år 3\nc|I2|år 3\nc|I3|senare\n"
	    "d|I1|år 2\nd|I2|år 1\n");
	/* Four versions of one roadmap, each written once. */
	assert_int_equal(
	    q_int(fx, "SELECT count(*) FROM roadmap_versions WHERE roadmap = 'H'", NULL), 4);
}

/* ---- decisions ---- */

static void test_decision_protocols_canonical(void **state)
{
	struct fixture *fx = *state;
	const char *dec = put(fx, "beslut.csv",
	                      "beslut_id;organ;datum;typ;protokoll\n"
	                      "P1;KBN;2025-03-04;start;KBN 2025-03-04 § 44\n"
	                      "P2;KBN;2025-03-04;start;kbn 2025-03-04 §§ 1\xe2\x80\x93"
	                      "3\n"
	                      "P3;HSN;2025-05-06;information;HSN 2025-05-06 §7\n");

	import_base(fx);
	assert_ok(fx, IMPORT(fx, dec));
	assert_rows(fx,
	            "SELECT id, protocol, protocol_first, protocol_last FROM decisions ORDER BY id",
	            NULL,
	            "D1|KBN 2025-03-04 § 43|43|43\n"
	            "D2|NULL|NULL|NULL\n"
	            "D3|RS 2024-11-26 §§ 272-305|272|305\n"
	            "P1|KBN 2025-03-04 § 44|44|44\n"
	            "P2|KBN 2025-03-04 §§ 1-3|1|3\n"
	            "P3|HSN 2025-05-06 § 7|7|7\n");
}

static void test_decision_errors(void **state)
{
	struct fixture *fx = *state;
	const char *dec =
	    put(fx, "beslut.csv",
	        "beslut_id;organ;datum;typ;rubrik;initiativ;fardplan;version;protokoll\n"
	        "X1;KBN;2025-03-04;information;;;;;HSN 2025-03-04 § 1\n"
	        "X2;KBN;2025-03-04;information;;;;;KBN 2025-03-05 § 1\n"
	        "X3;KBN;2025-03-04;information;;;Färdplan KB;;\n"
	        "X4;KBN;2025-03-04;information;;;;2024;\n"
	        "X5;KBN;2025-03-04;information;;;Färdplan KB;2030;\n"
	        "X6;KBN;2025-03-04;beslut;;;;;\n"
	        "X7;KBN;2025-03-04;start;;I99;;;\n"
	        "X8;KBN;2025-03-04;start;;;;;KBN 2025-03-04 paragraf 4\n"
	        "X9;KBN;2025-03-04;start;;;Färdplan HS;2024;\n");

	import_base(fx);
	assert_int_equal(IMPORT(fx, dec), PF_EINPUT);
	assert_int_equal(fx->err.errors, 9);
	expect_error(&fx->err, AT(dec, 2, 9), "HSN");
	expect_error(&fx->err, AT(dec, 3, 9), "2025-03-05");
	expect_error(&fx->err, AT(dec, 4, 8), "version");
	expect_error(&fx->err, AT(dec, 5, 7), "roadmap");
	expect_error(&fx->err, AT(dec, 6, 8), "2030");
	expect_error(&fx->err, AT(dec, 7, 4), "\"beslut\"");
	expect_error(&fx->err, AT(dec, 8, 6), "unknown initiative \"I99\"");
	expect_error(&fx->err, AT(dec, 9, 9), "not a protocol reference");
	/* The version exists in no roadmap called Färdplan HS. */
	expect_error(&fx->err, AT(dec, 10, 8), "Färdplan HS");
	assert_int_equal(q_int(fx, "SELECT count(*) FROM decisions WHERE id LIKE 'X%'", NULL), 0);
}

/* ---- one record from a command line (portfolj followup) ---- */

static pf_status add_fields(struct fixture *fx, pf_kind kind, const char *const *names,
                            const char *const *values, const char *const *options, size_t n)
{
	pf_import_opts o = {.command = "followup"};
	pf_import *imp = NULL;
	pf_status st = pf_import_new(&imp, fx->db, &o, &fx->err);

	if (st)
		return st;
	st = pf_import_add_fields(imp, kind, "portfolj followup", names, values, options, n,
	                          &fx->err);
	if (!st)
		st = pf_import_run(imp, &fx->sum, &fx->err);
	pf_import_free(imp);
	return st;
}

static void test_add_fields_followup(void **state)
{
	struct fixture *fx = *state;
	static const char *const names[] = {"initiativ", "period", "bedomning", "fas", "kommentar"};
	static const char *const en[] = {"initiative", "period", "assessment", "status", "comment"};
	static const char *const opts[] = {"INITIATIVE", "--period", "--assessment", "--status",
	                                   "--comment"};
	static const char *const v1[] = {"I1", "2025Q2", "gul", "pågående", "Försenad leverans"};
	static const char *const v2[] = {"I1", "2025-Q2", "röd", "paused", "Leverantören stoppar"};
	static const char *const bad[] = {"I1", "2025Q7", "gul", "pågående", NULL};
	static const char *const unknown[] = {"I99", "2025Q2", "gul", NULL, NULL};
	const pf_diag *d;

	import_base(fx);
	assert_ok(fx, add_fields(fx, PF_KIND_FOLLOWUPS, names, v1, opts, 5));
	assert_true(fx->sum.written);
	assert_counts(&fx->sum, PF_KIND_FOLLOWUPS, 1, 1, 0, 0);
	assert_rows(fx,
	            "SELECT f.assessment, f.status, f.comment FROM followups f JOIN initiatives n "
	            "ON n.pk = f.initiative WHERE n.id = 'I1' AND f.period = 8101",
	            NULL, "gul|pågående|Försenad leverans\n");
	assert_rows(fx, "SELECT command FROM runs ORDER BY pk DESC LIMIT 1", NULL, "followup\n");

	/* Replaced, by English field names: the changed values go to the history. */
	assert_ok(fx, add_fields(fx, PF_KIND_FOLLOWUPS, en, v2, opts, 5));
	assert_counts(&fx->sum, PF_KIND_FOLLOWUPS, 1, 0, 1, 0);
	assert_rows(fx,
	            "SELECT f.assessment, f.status, f.comment FROM followups f JOIN initiatives n "
	            "ON n.pk = f.initiative WHERE n.id = 'I1' AND f.period = 8101",
	            NULL, "röd|pausad|Leverantören stoppar\n");
	assert_rows(
	    fx,
	    "SELECT c.run = (SELECT max(pk) FROM runs), c.kind, c.key, c.initiative, c.field, "
	    "c.old, c.new FROM changes c ORDER BY c.pk",
	    NULL,
	    "1|followups|I1 2025Q2|I1|assessment|gul|röd\n"
	    "1|followups|I1 2025Q2|I1|status|pågående|pausad\n"
	    "1|followups|I1 2025Q2|I1|comment|Försenad leverans|Leverantören stoppar\n");

	/* The same again changes nothing. */
	assert_ok(fx, add_fields(fx, PF_KIND_FOLLOWUPS, en, v2, opts, 5));
	assert_counts(&fx->sum, PF_KIND_FOLLOWUPS, 1, 0, 0, 1);
	assert_false(fx->sum.written);

	/* A bad period names the option it came from. */
	assert_int_equal(add_fields(fx, PF_KIND_FOLLOWUPS, names, bad, opts, 5), PF_EINPUT);
	d = expect_error(&fx->err, NULL, "\"2025Q7\" is not a period");
	assert_non_null(d->where);
	assert_non_null(strstr(d->where, "--period"));
	assert_non_null(strstr(d->where, "portfolj followup"));
	pf_error_clear(&fx->err);

	assert_int_equal(add_fields(fx, PF_KIND_FOLLOWUPS, names, unknown, opts, 5), PF_EINPUT);
	d = expect_error(&fx->err, NULL, "unknown initiative \"I99\"");
	assert_non_null(strstr(d->where, "INITIATIVE"));
	pf_error_clear(&fx->err);

	/* A field the kind does not have is the caller's mistake. */
	{
		static const char *const wrong[] = {"initiativ", "farg"};
		static const char *const vals[] = {"I1", "blå"};
		assert_int_equal(add_fields(fx, PF_KIND_FOLLOWUPS, wrong, vals, NULL, 2),
		                 PF_EUSAGE);
	}
	assert_int_equal(q_int(fx, "SELECT count(*) FROM followups", NULL), 3);
}

/* ---- the database file ---- */

static void test_newer_schema_refused(void **state)
{
	struct fixture *fx = *state;
	char *path = own(fx, join(fx->dir, "newer.db"));
	sqlite3 *h = NULL;
	pf_db *db = (pf_db *)1;

	assert_int_equal(sqlite3_open(path, &h), SQLITE_OK);
	assert_int_equal(
	    sqlite3_exec(h, "CREATE TABLE t (x); PRAGMA user_version = 999", NULL, NULL, NULL),
	    SQLITE_OK);
	sqlite3_close(h);

	assert_int_equal(pf_db_open(&db, path, NULL, &fx->err), PF_EENV);
	assert_null(db);
	expect_error(&fx->err, NULL, "999");
	/* Refused, not touched: still version 999, and no tables of ours. */
	assert_int_equal(sqlite3_open_v2(path, &h, SQLITE_OPEN_READONLY, NULL), SQLITE_OK);
	{
		sqlite3_stmt *st;
		assert_int_equal(sqlite3_prepare_v2(h, "PRAGMA user_version", -1, &st, NULL),
		                 SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 999);
		sqlite3_finalize(st);
		assert_int_equal(
		    sqlite3_prepare_v2(h,
		                       "SELECT count(*) FROM sqlite_master WHERE name = "
		                       "'initiatives'",
		                       -1, &st, NULL),
		    SQLITE_OK);
		assert_int_equal(sqlite3_step(st), SQLITE_ROW);
		assert_int_equal(sqlite3_column_int(st, 0), 0);
		sqlite3_finalize(st);
	}
	sqlite3_close(h);
}

static void test_reopen_is_idempotent(void **state)
{
	struct fixture *fx = *state;
	char *before, *after;

	assert_int_equal(pf_db_schema_version(fx->db), pf_db_schema_latest());
	import_base(fx);
	before = dump(fx);
	for (int i = 0; i < 2; i++) {
		pf_db_close(fx->db);
		fx->db = NULL;
		assert_ok(fx, pf_db_open(&fx->db, fx->path, NULL, &fx->err));
		assert_int_equal(pf_db_schema_version(fx->db), pf_db_schema_latest());
	}
	after = dump(fx);
	assert_string_equal(after, before);
	free(before);
	free(after);
}

static void test_not_a_database(void **state)
{
	struct fixture *fx = *state;
	static const char junk[] =
	    "This is not an SQLite database, only some text. "
	    "It is long enough to have a header of sorts, but the wrong one.";
	char *path = own(fx, pf_test_write(fx->dir, "junk.db", junk, sizeof(junk) - 1));
	pf_db *db = NULL;

	assert_int_equal(pf_db_open(&db, path, NULL, &fx->err), PF_EENV);
	assert_null(db);
	assert_true(fx->err.errors > 0);
}

/* ---- hostile text ---- */

static void test_sql_injection_round_trips(void **state)
{
	struct fixture *fx = *state;
	static const char evil_id[] = "'); DROP TABLE initiatives;--";
	static const char evil_ind[] = "E'; DROP TABLE indicators;--";
	const char *ini =
	    put(fx, "initiativ.csv",
	        "id;titel;namnd;beskrivning\n"
	        "\"'); DROP TABLE initiatives;--\";\"Robert'); DELETE FROM runs; --\";RS;"
	        "\"x\"\" OR 1=1 --\"\n");
	const char *eff =
	    put(fx, "effekter.csv",
	        "indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum\n"
	        "\"E'; DROP TABLE indicators;--\";\"'); DROP TABLE initiatives;--\";"
	        "\"'; --\";0;2025-01-01;10;2026-01-01\n");
	const char *mea = put(fx, "matvarden.csv",
	                      "indikator_id;period;varde;kommentar\n"
	                      "\"E'; DROP TABLE indicators;--\";2025Q1;5;\"'); DROP TABLE "
	                      "measurements;--\"\n");
	long long tables =
	    q_int(fx, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", NULL);

	assert_ok(fx, IMPORT(fx, ini, eff, mea));
	assert_rows(fx, "SELECT id, title, description FROM initiatives WHERE id = ?1", evil_id,
	            "'); DROP TABLE initiatives;--|Robert'); DELETE FROM runs; --|x\" OR 1=1 --\n");
	assert_rows(fx,
	            "SELECT i.id, n.id, i.name FROM indicators i JOIN initiatives n "
	            "ON n.pk = i.initiative WHERE i.id = ?1",
	            evil_ind, "E'; DROP TABLE indicators;--|'); DROP TABLE initiatives;--|'; --\n");
	assert_rows(fx,
	            "SELECT m.value, m.comment FROM measurements m JOIN indicators i "
	            "ON i.pk = m.indicator WHERE i.id = ?1",
	            evil_ind, "5.0|'); DROP TABLE measurements;--\n");
	assert_int_equal(q_int(fx, "SELECT count(*) FROM sqlite_master WHERE type = 'table'", NULL),
	                 tables);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM runs", NULL), 1);
	/* And the same again is recognised as the same rows. */
	assert_ok(fx, IMPORT(fx, ini, eff, mea));
	assert_false(fx->sum.written);
	assert_counts(&fx->sum, PF_KIND_INITIATIVES, 1, 0, 0, 1);
	assert_counts(&fx->sum, PF_KIND_EFFECTS, 1, 0, 0, 1);
	assert_counts(&fx->sum, PF_KIND_MEASUREMENTS, 1, 0, 0, 1);
}

/* ---- regressions of bugs these tests found ---- */

/*
 * The change history of a reference (an indicator's initiative, the
 * initiative at a priority rank) shows the ids the sheets gave ("I1" ->
 * "I3"), not the database's internal row keys, which it once did.
 */
static void test_history_of_references_uses_ids(void **state)
{
	struct fixture *fx = *state;
	const char *eff =
	    put(fx, "effekter.csv",
	        "indikator_id;initiativ;indikator;effektmal;enhet;riktning;basvarde;"
	        "basdatum;malvarde;maldatum;matmetod;ansvarig;vikt;nyttotyp;nytta_kr\n"
	        "E1;I3;Tid per journalanteckning;Hållbar organisation;min;minska;12,5;"
	        "2024-01-01;8;2025-12-31;Stickprov;Anna Berg;2;omfördelning;500 000\n");
	const char *pri = put(fx, "prioritering.csv",
	                      "period;rang;initiativ;beslutad_av;beslutsdatum\n"
	                      "2025Q1;1;I2;regionledningen;2025-01-20\n");

	import_base(fx);
	assert_ok(fx, IMPORT(fx, eff, pri));
	/* The rows now point at the new initiatives... */
	assert_rows(fx,
	            "SELECT n.id FROM indicators i JOIN initiatives n ON n.pk = i.initiative "
	            "WHERE i.id = 'E1'",
	            NULL, "I3\n");
	/* ...and the history says so in the sheets' terms. */
	assert_rows(fx, "SELECT kind, key, field, old, new FROM changes ORDER BY pk", NULL,
	            "effects|E1|initiative|I1|I3\n"
	            "priorities|2025Q1 1|initiative|I1|I2\n");
}

/*
 * FORMATS.md section 1 wants every error of a rejected import listed: a
 * reader error in one source (here a quoted field never closed) once stopped
 * the import there, hiding the errors of the sources after it.
 */
static void test_reader_error_does_not_hide_later_errors(void **state)
{
	struct fixture *fx = *state;
	const char *open_quote =
	    put(fx, "initiativ.csv", "id;titel;namnd\nQ1;Ett;RS\nQ2;\"Aldrig stängd\nrad;RS\n");
	const char *bad_number =
	    put(fx, "matvarden.csv", "indikator_id;period;varde\nE1;2025Q2;abc\n");

	import_base(fx);
	assert_int_equal(IMPORT(fx, open_quote, bad_number), PF_EINPUT);
	expect_error(&fx->err, AT(open_quote, 3, 2), "never closed");
	expect_error(&fx->err, AT(bad_number, 2, 3), "\"abc\" is not a number");
}

/* ---- partial rows: a column the sheet lacks keeps the stored field ---- */

#define FUP_I2                                                                                     \
	"SELECT f.assessment, f.status, f.expected_effects, f.comment, f.reported_by "             \
	"FROM followups f JOIN initiatives n ON n.pk = f.initiative "                              \
	"WHERE n.id = ?1 AND f.period = 8100"

/* A follow-up sheet without kommentar (or with it misspelt) keeps the stored comments. */
static void test_partial_sheet_keeps_fields(void **state)
{
	struct fixture *fx = *state;
	const char *no_comment = put(fx, "q1.csv", "initiativ;period;bedomning\nI2;2025Q1;röd\n");
	const char *misspelt =
	    put(fx, "q1b.csv", "Initiativ;Period;Bedömning;Kommentarer\nI2;2025Q1;grön;x\n");
	const char *cleared =
	    put(fx, "q1c.csv", "initiativ;period;bedomning;kommentar\nI2;2025Q1;grön;\n");

	import_base(fx);
	assert_ok(fx, IMPORT(fx, no_comment));
	assert_counts(&fx->sum, PF_KIND_FOLLOWUPS, 1, 0, 1, 0);
	assert_rows(fx, FUP_I2, "I2", "röd|NULL|NULL|Väntar på upphandling|NULL\n");
	assert_ok(fx, IMPORT(fx, misspelt));
	assert_rows(fx, FUP_I2, "I2", "grön|NULL|NULL|Väntar på upphandling|NULL\n");
	/* Only the assessment changed: the history has exactly those two changes. */
	assert_rows(fx, "SELECT field, old, new FROM changes ORDER BY pk", NULL,
	            "assessment|gul|röd\nassessment|röd|grön\n");
	/* An empty cell of a present column clears. */
	assert_ok(fx, IMPORT(fx, cleared));
	assert_rows(fx, FUP_I2, "I2", "grön|NULL|NULL|NULL|NULL\n");
}

/* An initiatives sheet of a few columns keeps every other stored field, booleans too. */
static void test_partial_initiatives(void **state)
{
	struct fixture *fx = *state;
	const char *few =
	    put(fx, "few.csv", "id;titel;namnd;fas\nI1;Taligenkänning;HSN;avslutad\n");

	import_base(fx);
	assert_ok(fx, IMPORT(fx, few));
	assert_counts(&fx->sum, PF_KIND_INITIATIVES, 1, 0, 1, 0);
	assert_rows(
	    fx,
	    "SELECT title, status, unit, description, category, innovative, project_manager, "
	    "start, budget, it_hours FROM initiatives WHERE id = 'I1'",
	    NULL,
	    "Taligenkänning|avslutad|Hälso- och sjukvård|Tal till text; i journalen|"
	    "digitalisering|1|Anna Berg|2024-01-15|1250000|1234.5\n");
	/* A new row gets the defaults for what the sheet does not give. */
	assert_ok(fx, IMPORT(fx, put(fx, "new.csv", "id;titel;namnd\nI9;Nytt;KBN\n")));
	assert_rows(fx, "SELECT category, status, innovative FROM initiatives WHERE id = 'I9'",
	            NULL, "digitalisering|idé|0\n");
}

/* JSON: a member not given keeps the stored field, a null member clears it. */
static void test_partial_json(void **state)
{
	struct fixture *fx = *state;
	const char *doc = put(fx, "d.json",
	                      "{\"followups\": [{\"initiative\": \"I2\", \"period\": \"2025Q1\", "
	                      "\"assessment\": \"röd\"}],"
	                      " \"effects\": [{\"indicator_id\": \"E1\", \"initiative\": \"I1\", "
	                      "\"indicator\": \"Tid\", \"baseline\": 12.5, \"baseline_date\": "
	                      "\"2024-01-01\", \"target\": 8, \"target_date\": \"2025-12-31\", "
	                      "\"owner\": null}]}");

	import_base(fx);
	assert_ok(fx, IMPORT(fx, doc));
	assert_rows(fx, FUP_I2, "I2", "röd|NULL|NULL|Väntar på upphandling|NULL\n");
	assert_rows(
	    fx,
	    "SELECT name, goal, direction, method, owner, weight, benefit_type, benefit_sek "
	    "FROM indicators WHERE id = 'E1'",
	    NULL, "Tid|Hållbar organisation|minska|Stickprov|NULL|2.0|omfördelning|500000\n");
}

/* A logging command without --comment keeps the comment; --comment "" clears it. */
static void test_partial_command(void **state)
{
	struct fixture *fx = *state;
	static const char *const names[] = {"initiativ", "period", "bedomning"};
	static const char *const opts[] = {"INITIATIVE", "--period", "--assessment"};
	static const char *const v[] = {"I2", "2025Q1", "röd"};
	static const char *const names2[] = {"initiativ", "period", "bedomning", "kommentar"};
	static const char *const opts2[] = {"INITIATIVE", "--period", "--assessment", "--comment"};
	static const char *const v2[] = {"I2", "2025Q1", "röd", ""};

	import_base(fx);
	assert_ok(fx, add_fields(fx, PF_KIND_FOLLOWUPS, names, v, opts, 3));
	assert_rows(fx, FUP_I2, "I2", "röd|NULL|NULL|Väntar på upphandling|NULL\n");
	assert_ok(fx, add_fields(fx, PF_KIND_FOLLOWUPS, names2, v2, opts2, 4));
	assert_rows(fx, FUP_I2, "I2", "röd|NULL|NULL|NULL|NULL\n");
}

/* A decision row without initiativ or protokoll columns keeps what it concerns. */
static void test_partial_decision(void **state)
{
	struct fixture *fx = *state;
	const char *few =
	    put(fx, "d.csv", "beslut_id;organ;datum;typ;rubrik\nD3;RS;2024-11-26;start;Start\n");

	import_base(fx);
	assert_ok(fx, IMPORT(fx, few));
	assert_rows(fx,
	            "SELECT d.title, n.id, d.protocol, d.protocol_first, d.protocol_last "
	            "FROM decisions d JOIN initiatives n ON n.pk = d.initiative WHERE d.id = 'D3'",
	            NULL, "Start|I2|RS 2024-11-26 §§ 272-305|272|305\n");
}

static pf_status set_fields(struct fixture *fx, pf_kind kind, const char *const *key,
                            const char *const *names, const char *const *values, size_t n)
{
	pf_import_opts o = {.command = "set"};
	pf_import *imp = NULL;
	pf_status st = pf_import_new(&imp, fx->db, &o, &fx->err);

	if (!st && !(st = pf_import_add_set(imp, kind, key, names, values, n, &fx->err)))
		st = pf_import_run(imp, &fx->sum, &fx->err);
	pf_import_free(imp);
	return st;
}

/* set: the fields named change, through validation and history; the others stay. */
static void test_set_fields(void **state)
{
	struct fixture *fx = *state;
	static const char *const i1[] = {"I1"}, *const e1[] = {"E1"}, *const d3[] = {"D3"};
	static const char *const rm[] = {"Färdplan KB", "2024 uppdaterad", "I3"};

	import_base(fx);
	assert_ok(fx, set_fields(fx, PF_KIND_INITIATIVES, i1, (const char *[]){"fas", "slut"},
	                         (const char *[]){"avslutad", "2025-12-31"}, 2));
	assert_counts(&fx->sum, PF_KIND_INITIATIVES, 1, 0, 1, 0);
	assert_rows(
	    fx, "SELECT title, status, end, budget, innovative FROM initiatives WHERE id = 'I1'",
	    NULL, "Taligenkänning i vården|avslutad|2025-12-31|1250000|1\n");
	assert_rows(
	    fx,
	    "SELECT r.command, c.field, c.old, c.new FROM changes c JOIN runs r ON r.pk = c.run",
	    NULL, "set|status|pågående|avslutad\nset|end|NULL|2025-12-31\n");
	/* English aliases; an empty value clears; a stored row's rules see the whole row. */
	assert_ok(fx, set_fields(fx, PF_KIND_EFFECTS, e1, (const char *[]){"frequency", "owner"},
	                         (const char *[]){"halvår", ""}, 2));
	assert_rows(fx, "SELECT frequency, owner, target FROM indicators WHERE id = 'E1'", NULL,
	            "halvår|NULL|8.0\n");
	assert_int_equal(set_fields(fx, PF_KIND_EFFECTS, e1, (const char *[]){"maldatum"},
	                            (const char *[]){"2023-01-01"}, 1),
	                 PF_EINPUT);
	expect_error(&fx->err, "set:maldatum", "not after the baseline date");
	pf_error_clear(&fx->err);
	assert_ok(fx, set_fields(fx, PF_KIND_DECISIONS, d3, (const char *[]){"rubrik"},
	                         (const char *[]){"Start av biljettsystemet"}, 1));
	assert_rows(fx, "SELECT title, protocol FROM decisions WHERE id = 'D3'", NULL,
	            "Start av biljettsystemet|RS 2024-11-26 §§ 272-305\n");
	assert_ok(fx, set_fields(fx, PF_KIND_ROADMAPS, rm, (const char *[]){"horisont"},
	                         (const char *[]){"år 3"}, 1));
	assert_rows(
	    fx,
	    "SELECT r.horizon FROM roadmap_items r JOIN initiatives n ON n.pk = r.initiative "
	    "JOIN roadmap_versions v ON v.pk = r.version WHERE n.id = 'I3' AND "
	    "v.version = '2024 uppdaterad'",
	    NULL, "år 3\n");
}

/* set refuses what is not a stored row's field, and writes nothing. */
static void test_set_refused(void **state)
{
	struct fixture *fx = *state;
	static const char *const i1[] = {"I1"}, *const i9[] = {"I9"};

	import_base(fx);
	long long runs = q_int(fx, "SELECT count(*) FROM runs", NULL);
	assert_int_equal(set_fields(fx, PF_KIND_INITIATIVES, i9, (const char *[]){"fas"},
	                            (const char *[]){"avslutad"}, 1),
	                 PF_EINPUT);
	expect_error(&fx->err, NULL, "unknown initiative \"I9\"");
	assert_int_equal(set_fields(fx, PF_KIND_INITIATIVES, i1, (const char *[]){"färg"},
	                            (const char *[]){"blå"}, 1),
	                 PF_EUSAGE);
	assert_int_equal(set_fields(fx, PF_KIND_INITIATIVES, i1, (const char *[]){"id"},
	                            (const char *[]){"I7"}, 1),
	                 PF_EUSAGE);
	assert_int_equal(set_fields(fx, PF_KIND_INITIATIVES, i1, (const char *[]){"fas"},
	                            (const char *[]){"lila"}, 1),
	                 PF_EINPUT);
	assert_int_equal(set_fields(fx, PF_KIND_MEASUREMENTS, i1, (const char *[]){"varde"},
	                            (const char *[]){"1"}, 1),
	                 PF_EUSAGE);
	assert_int_equal(q_int(fx, "SELECT count(*) FROM runs", NULL), runs);
	assert_rows(fx, "SELECT status FROM initiatives WHERE id = 'I1'", NULL, "pågående\n");
}

/* ---- the messages' language and headings (FORMATS.md section 1) ---- */

/* A follow-up sheet with headings as a person writes them, a bad assessment and a slip in an id. */
static const char *bad_followups(struct fixture *fx)
{
	return put(fx, "q4.csv",
	           "Initiativ;Period;Bedömning;Kommentarer\n"
	           "I1;2025Q4;grön;\n"
	           "I1;2025Q3;lila;\n"
	           "I 2;2025Q4;gul;\n");
}

static void test_swedish_messages(void **state)
{
	struct fixture *fx = *state;
	const char *q4;

	import_base(fx);
	q4 = bad_followups(fx);
	fx->err.lang = PF_LANG_SV;
	assert_int_equal(IMPORT(fx, q4), PF_EINPUT);
	/* the heading as the file has it, then the message in Swedish */
	expect_error(&fx->err, AT(q4, 3, 3),
	             "Bedömning: \"lila\" är ingen bedömning (använd grön, gul, röd)");
	expect_error(&fx->err, AT(q4, 4, 1),
	             "Initiativ: okänt initiativ \"I 2\": menade du \"I2\"?");
	expect_diag(&fx->err, PF_SEV_WARNING, AT(q4, 1, 4),
	            "okänd kolumn \"Kommentarer\" ignoreras: menade du kommentar?");
	assert_int_equal(fx->err.errors, 2);
}

static void test_english_messages(void **state)
{
	struct fixture *fx = *state;
	const char *q4;

	import_base(fx);
	q4 = bad_followups(fx);
	assert_int_equal(IMPORT(fx, q4), PF_EINPUT);
	expect_error(&fx->err, AT(q4, 3, 3),
	             "Bedömning: \"lila\" is not an assessment (use grön, gul, röd)");
	expect_error(&fx->err, AT(q4, 4, 1),
	             "Initiativ: unknown initiative \"I 2\": did you mean \"I2\"?");
	expect_diag(&fx->err, PF_SEV_WARNING, AT(q4, 1, 4),
	            "unknown column \"Kommentarer\" ignored: did you mean kommentar?");
}

/* Nothing close, nothing suggested; an unknown indicator and roadmap version suggest too. */
static void test_did_you_mean(void **state)
{
	struct fixture *fx = *state;
	const char *m, *d;
	const pf_diag *diag;

	import_base(fx);
	m = put(fx, "m.csv", "indikator_id;period;varde\nE 1;2025Q4;3\nZZZ-99;2025Q4;3\n");
	fx->err.lang = PF_LANG_SV;
	assert_int_equal(IMPORT(fx, m), PF_EINPUT);
	expect_error(&fx->err, AT(m, 2, 1), "okänd indikator \"E 1\": menade du \"E1\"?");
	diag = expect_error(&fx->err, AT(m, 3, 1), "okänd indikator \"ZZZ-99\"");
	assert_null(strstr(diag->message, "menade du"));
	pf_error_clear(&fx->err);
	d = put(fx, "d.csv",
	        "beslut_id;organ;datum;typ;fardplan;version\n"
	        "B9;KBN;2025-05-05;information;NOPE;1\n");
	assert_int_equal(IMPORT(fx, d), PF_EINPUT);
	expect_error(&fx->err, AT(d, 2, 6), "okänd färdplansversion \"NOPE\" \"1\"");
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_import_all_kinds),
	    T(test_swedish_messages),
	    T(test_english_messages),
	    T(test_did_you_mean),
	    T(test_import_twice_changes_nothing),
	    T(test_update_writes_history),
	    T(test_update_roadmap_version),
	    T(test_references_resolve_in_any_order),
	    T(test_rejected_unknown_reference),
	    T(test_rejected_malformed_number),
	    T(test_rejected_unknown_initiative),
	    T(test_rejected_file_bytes_identical),
	    T(test_all_errors_listed),
	    T(test_duplicate_in_one_file),
	    T(test_duplicate_across_files),
	    T(test_duplicate_of_stored_row),
	    T(test_dry_run_writes_nothing),
	    T(test_dry_run_counts_updates),
	    T(test_numbers),
	    T(test_bad_numbers),
	    T(test_number_warnings),
	    T(test_periods),
	    T(test_bad_periods),
	    T(test_booleans),
	    T(test_dates),
	    T(test_words_swedish_and_english),
	    T(test_invalid_words_list_allowed),
	    T(test_windows_1252),
	    T(test_bom_comma_crlf),
	    T(test_formula_mark_removed),
	    T(test_tab_delimiter),
	    T(test_headings_and_unknown_columns),
	    T(test_unknown_sheet_kind),
	    T(test_missing_required_value),
	    T(test_line_numbers_and_short_rows),
	    T(test_effect_direction_default),
	    T(test_effect_rule_errors),
	    T(test_roadmap_version_fields_must_agree),
	    T(test_roadmap_horizons),
	    T(test_decision_protocols_canonical),
	    T(test_decision_errors),
	    T(test_add_fields_followup),
	    T(test_newer_schema_refused),
	    T(test_reopen_is_idempotent),
	    T(test_not_a_database),
	    T(test_sql_injection_round_trips),
	    T(test_history_of_references_uses_ids),
	    T(test_reader_error_does_not_hide_later_errors),
	    T(test_partial_sheet_keeps_fields),
	    T(test_partial_initiatives),
	    T(test_partial_json),
	    T(test_partial_command),
	    T(test_partial_decision),
	    T(test_set_fields),
	    T(test_set_refused),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
