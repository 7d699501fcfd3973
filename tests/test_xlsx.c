/*
 * Tests of the XLSX reader (importers/read/xlsx.c). The committed fixtures under
 * tests/data/xlsx/ come from make_fixtures.py (Python's zipfile) and from
 * LibreOffice; the big hostile archives are made here at run time with libzip.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>
#include <zip.h>

#include "portfolj/kinds.h"
#include "importers/record.h"
#include "testutil.h"
#include "importers/read/xlsx.h"

#define DATA PF_TEST_DATA "/xlsx/"
#define MIB (1024 * 1024)

/* ---- helpers ---- */

struct opened {
	pf_unit **units;
	size_t n;
	pf_error err;
	pf_status st;
};

static void open_file(struct opened *o, const char *path)
{
	pf_test_error_init(&o->err);
	o->st = pf_xlsx_open(path, &o->units, &o->n, &o->err);
}

static void close_all(struct opened *o)
{
	for (size_t i = 0; i < o->n; i++)
		o->units[i]->free(o->units[i]);
	free(o->units);
	pf_error_clear(&o->err);
}

/* The first diagnostic of a severity whose place ends with `where` (any place if NULL). */
static const pf_diag *find_diag(const pf_error *e, pf_severity sev, const char *where)
{
	for (size_t i = 0; i < e->count; i++) {
		const pf_diag *d = &e->diags[i];
		size_t n = where ? strlen(where) : 0, m = d->where ? strlen(d->where) : 0;
		if (d->severity != sev)
			continue;
		if (!where || (m >= n && !strcmp(d->where + m - n, where)))
			return d;
	}
	return NULL;
}

static void expect_diag(const pf_error *e, pf_severity sev, const char *where, const char *msg)
{
	const pf_diag *d = find_diag(e, sev, where);

	if (!d) {
		for (size_t i = 0; i < e->count; i++)
			print_message("  have: %s: %s\n",
			              e->diags[i].where ? e->diags[i].where : "-",
			              e->diags[i].message);
		fail_msg("no diagnostic at %s (%s)", where ? where : "-", msg);
	}
	if (!strstr(d->message, msg))
		fail_msg("at %s: \"%s\" does not say \"%s\"", where ? where : "-", d->message, msg);
}

static void expect_val(const pf_record *r, int f, const char *want)
{
	if (!want) {
		if (r->val[f])
			fail_msg("row %ld field %d: expected absent, got \"%s\"", r->line, f,
			         r->val[f]);
		return;
	}
	if (!r->val[f])
		fail_msg("row %ld field %d: expected \"%s\", got absent", r->line, f, want);
	assert_string_equal(r->val[f], want);
}

static void next_ok(pf_unit *u, pf_record *r, pf_error *err, long line)
{
	assert_int_equal(u->next(u, r, err), PF_OK);
	assert_int_equal(r->line, line);
	assert_int_equal(r->style, PF_LOC_CELL);
	assert_int_equal(r->kind, u->kind);
}

static double now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static long max_rss_kib(void)
{
	struct rusage ru;

	getrusage(RUSAGE_SELF, &ru);
	return ru.ru_maxrss;
}

static int setup_dir(void **state)
{
	*state = pf_test_mkdtemp();
	return *state ? 0 : -1;
}

static int teardown_dir(void **state)
{
	pf_test_rmdir(*state);
	return 0;
}

/* ---- workbooks made at run time with libzip ---- */

struct part {
	const char *name;
	const char *text; /* NUL-terminated, or NULL for a source */
	zip_source_t *src;
};

/* Writes DIR/FILE holding the parts, deflated, or stored when `store`. */
static char *make_zip_as(const char *dir, const char *file, const struct part *parts, size_t n,
                         bool store)
{
	char *path = malloc(strlen(dir) + strlen(file) + 2);
	int code;

	sprintf(path, "%s/%s", dir, file);
	zip_t *za = zip_open(path, ZIP_CREATE | ZIP_TRUNCATE, &code);
	assert_non_null(za);
	for (size_t i = 0; i < n; i++) {
		zip_source_t *src = parts[i].src;
		if (!src)
			src = zip_source_buffer(za, parts[i].text, strlen(parts[i].text), 0);
		assert_non_null(src);
		zip_int64_t idx = zip_file_add(za, parts[i].name, src, ZIP_FL_OVERWRITE);
		assert_true(idx >= 0);
		/* The generated bombs need deflate's best ratio; the rest wants speed. */
		zip_uint32_t level = parts[i].src ? 6 : 1;
		assert_int_equal(zip_set_file_compression(za, (zip_uint64_t)idx,
		                                          store ? ZIP_CM_STORE : ZIP_CM_DEFLATE,
		                                          store ? 0 : level),
		                 0);
	}
	assert_int_equal(zip_close(za), 0);
	return path;
}

static char *make_zip(const char *dir, const char *file, const struct part *parts, size_t n)
{
	return make_zip_as(dir, file, parts, n, false);
}

#define NS_MAIN "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
#define NS_REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships"

static const char WORKBOOK[] = "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
                               "<sheet name=\"Blad1\" sheetId=\"1\" r:id=\"rId1\"/>"
                               "</sheets></workbook>";
static const char RELS[] =
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
    "</Relationships>";

/* A one-sheet workbook ("Blad1") with the sheet given as a libzip source, and optional styles. */
static char *make_book_src(const char *dir, const char *file, zip_source_t *sheet,
                           const char *sheet_xml, const char *styles)
{
	struct part parts[] = {
	    {"xl/worksheets/sheet1.xml", sheet_xml, sheet},
	    {"xl/workbook.xml", WORKBOOK, NULL},
	    {"xl/_rels/workbook.xml.rels", RELS, NULL},
	    {"xl/styles.xml", styles, NULL},
	};

	return make_zip(dir, file, parts, styles ? 4 : 3);
}

static char *make_book(const char *dir, const char *file, const char *sheet_xml, const char *styles)
{
	return make_book_src(dir, file, NULL, sheet_xml, styles);
}

/* A sheet source of `size` bytes: a worksheet start, then one row repeated, streamed. */
struct gen {
	uint64_t size, pos;
	zip_error_t error;
};

static const char GEN_HEAD[] = "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>";
static const char GEN_ROW[] = "<row><c t=\"inlineStr\"><is><t>lol</t></is></c></row>";

static zip_int64_t gen_read(struct gen *g, char *data, zip_uint64_t len)
{
	const uint64_t h = sizeof(GEN_HEAD) - 1, r = sizeof(GEN_ROW) - 1;
	zip_uint64_t done = 0;

	while (done < len && g->pos < g->size) {
		const char *from = g->pos < h ? GEN_HEAD + g->pos : GEN_ROW + (g->pos - h) % r;
		uint64_t n = g->pos < h ? h - g->pos : r - (g->pos - h) % r;
		if (n > len - done)
			n = len - done;
		if (n > g->size - g->pos)
			n = g->size - g->pos;
		memcpy(data + done, from, n);
		done += n;
		g->pos += n;
	}
	return (zip_int64_t)done;
}

static zip_int64_t gen_cb(void *ud, void *data, zip_uint64_t len, zip_source_cmd_t cmd)
{
	struct gen *g = ud;

	switch (cmd) {
	case ZIP_SOURCE_OPEN:
		g->pos = 0;
		return 0;
	case ZIP_SOURCE_READ:
		return gen_read(g, data, len);
	case ZIP_SOURCE_CLOSE:
	case ZIP_SOURCE_FREE:
		return 0;
	case ZIP_SOURCE_STAT: {
		zip_stat_t *st = data;
		zip_stat_init(st);
		st->size = g->size;
		st->valid |= ZIP_STAT_SIZE;
		return sizeof(*st);
	}
	case ZIP_SOURCE_ERROR:
		return zip_error_to_data(&g->error, data, len);
	case ZIP_SOURCE_SUPPORTS:
		return zip_source_make_command_bitmap(ZIP_SOURCE_OPEN, ZIP_SOURCE_READ,
		                                      ZIP_SOURCE_CLOSE, ZIP_SOURCE_STAT,
		                                      ZIP_SOURCE_ERROR, ZIP_SOURCE_FREE, -1);
	default:
		zip_error_set(&g->error, ZIP_ER_OPNOTSUPP, 0);
		return -1;
	}
}

/* A workbook whose sheet is `size` bytes of highly compressible rows. */
static char *make_generated(const char *dir, const char *file, struct gen *g, uint64_t size)
{
	zip_error_t ze;

	memset(g, 0, sizeof(*g));
	g->size = size;
	zip_error_init(&g->error);
	zip_error_init(&ze);
	zip_source_t *src = zip_source_function_create(gen_cb, g, &ze);
	assert_non_null(src);
	zip_error_fini(&ze);
	char *path = make_book_src(dir, file, src, NULL, NULL);
	zip_error_fini(&g->error);
	return path;
}

/* ---- the committed workbook: Initiativ, Anteckningar (skipped), Effekter ---- */

static void test_portfolio_units(void **state)
{
	struct opened o;

	(void)state;
	open_file(&o, DATA "portfolio.xlsx");
	assert_int_equal(o.st, PF_OK);
	assert_int_equal(o.err.errors, 0);
	assert_int_equal(o.n, 2);
	assert_int_equal(o.units[0]->kind, PF_KIND_INITIATIVES);
	assert_int_equal(o.units[1]->kind, PF_KIND_EFFECTS);
	assert_string_equal(o.units[0]->source, DATA "portfolio.xlsx");
	/* The file's SHA-256, as sha256sum prints it. */
	assert_string_equal(o.units[0]->checksum,
	                    "c77be73007fa70e95f1c547872811ebb36980d95ab26489e1f39311436d2757e");
	assert_string_equal(o.units[0]->checksum, o.units[1]->checksum);
	/* One warning per unknown column at its heading, one for the skipped sheet. */
	assert_int_equal(o.err.warnings, 2);
	expect_diag(&o.err, PF_SEV_WARNING, "portfolio.xlsx:Initiativ!J2",
	            "unknown column \"Övrigt\" ignored");
	expect_diag(&o.err, PF_SEV_WARNING, "portfolio.xlsx:Anteckningar!A1",
	            "sheet \"Anteckningar\" skipped");
	close_all(&o);
}

static void check_initiativ_row3(const pf_record *r)
{
	expect_val(r, F_INI_ID, "INI-1");
	expect_val(r, F_INI_TITLE, "Digital signering"); /* runs joined, <rPh> left out */
	expect_val(r, F_INI_COMMITTEE, "KBN");
	expect_val(r, F_INI_DESCRIPTION, "Rad ett\nrad två"); /* inline runs, _x000A_ */
	expect_val(r, F_INI_INNOVATIVE, "true");
	expect_val(r, F_INI_START, "2025-01-01"); /* built-in format 14 */
	expect_val(r, F_INI_END, "2025-12-31");   /* custom yyyy-mm-dd */
	expect_val(r, F_INI_BUDGET, "1234567");   /* #,##0.00 is no date */
	expect_val(r, F_INI_IT_HOURS, "12.5");    /* 0.0 "dagar" is no date */
	expect_val(r, F_INI_STATUS, "pågående");  /* under an inline heading */
	expect_val(r, F_INI_CROSS, "false");
	assert_int_equal(r->col[F_INI_STATUS], 11);
	assert_int_equal(r->col[F_INI_CROSS], 12);
	assert_int_equal(r->col[F_INI_BUDGET], 8); /* its heading is rich text */
}

static void check_initiativ_row4(const pf_record *r)
{
	char pos[64];

	expect_val(r, F_INI_ID, "INI-2");
	expect_val(r, F_INI_TITLE, "Formelresultat"); /* t="str" */
	expect_val(r, F_INI_COMMITTEE, "KBN");
	expect_val(r, F_INI_DESCRIPTION, NULL); /* absent middle cells */
	expect_val(r, F_INI_INNOVATIVE, NULL);
	expect_val(r, F_INI_START, "2024-01-01"); /* 45292.75: the time is dropped */
	expect_val(r, F_INI_END, "2024-12-31");   /* a <c> without r= after F4 */
	expect_val(r, F_INI_BUDGET, "0.1");
	expect_val(r, F_INI_IT_HOURS, "0.001"); /* 1E-3 under [h]:mm, elapsed time */
	expect_val(r, F_INI_STATUS, NULL);
	assert_int_equal(r->col[F_INI_DESCRIPTION], 4);
	assert_int_equal(r->col[F_INI_END], 7);
	assert_int_equal(r->col[F_INI_IT_HOURS], 9);
	pf_record_pos(r, F_INI_COMMITTEE, pos, sizeof(pos));
	assert_string_equal(pos, "Initiativ!C4");
	pf_record_pos(r, F_INI_DESCRIPTION, pos, sizeof(pos));
	assert_string_equal(pos, "Initiativ!D4");
	pf_record_pos(r, F_INI_CROSS, pos, sizeof(pos));
	assert_string_equal(pos, "Initiativ!L4");
}

static void test_initiativ_records(void **state)
{
	struct opened o;
	pf_record r;
	pf_unit *u;

	(void)state;
	open_file(&o, DATA "portfolio.xlsx");
	assert_int_equal(o.st, PF_OK);
	u = o.units[0];
	next_ok(u, &r, &o.err, 3); /* rows 1 (blanks only) and 2 (the header) are no records */
	assert_string_equal(r.sheet, "Initiativ");
	assert_string_equal(r.source, DATA "portfolio.xlsx");
	check_initiativ_row3(&r);
	next_ok(u, &r, &o.err, 4);
	check_initiativ_row4(&r);
	next_ok(u, &r, &o.err, 7);             /* row 5 is missing, row 6 holds only empty cells */
	expect_val(&r, F_INI_TITLE, "Tredje"); /* trimmed */
	expect_val(&r, F_INI_COMMITTEE, "kbn");
	expect_val(&r, F_INI_INNOVATIVE, "ja");
	expect_val(&r, F_INI_BUDGET, "2500000");
	expect_val(&r, F_INI_IT_HOURS, "0.30000000000000004");
	expect_val(&r, F_INI_CROSS, "0");
	next_ok(u, &r, &o.err, 8); /* <row> and <c> without r= */
	expect_val(&r, F_INI_ID, "INI-4");
	expect_val(&r, F_INI_TITLE, "Fjärde");
	expect_val(&r, F_INI_COMMITTEE, "RS");
	expect_val(&r, F_INI_DESCRIPTION, "2026-03-31"); /* t="d" */
	assert_int_equal(r.col[F_INI_COMMITTEE], 3);
	assert_int_equal(u->next(u, &r, &o.err), PF_END);
	assert_int_equal(u->next(u, &r, &o.err), PF_END);
	assert_int_equal(o.err.errors, 0);
	close_all(&o);
}

static void test_effekter_records(void **state)
{
	struct opened o;
	pf_record r;
	char pos[64];

	(void)state;
	open_file(&o, DATA "portfolio.xlsx");
	assert_int_equal(o.st, PF_OK);
	pf_unit *u = o.units[1];
	next_ok(u, &r, &o.err, 2);
	assert_string_equal(r.sheet, "Effekter");
	expect_val(&r, F_EFF_ID, "IND-1");
	expect_val(&r, F_EFF_INITIATIVE, "INI-1");
	expect_val(&r, F_EFF_NAME, "Andel e-tjänster");
	expect_val(&r, F_EFF_GOAL, "Öka digitala ärenden");
	expect_val(&r, F_EFF_UNIT, "%");
	expect_val(&r, F_EFF_DIRECTION, "öka");
	expect_val(&r, F_EFF_BASELINE, "12.5");
	expect_val(&r, F_EFF_BASELINE_DATE, "2024-01-01");
	expect_val(&r, F_EFF_TARGET, "80");
	expect_val(&r, F_EFF_TARGET_DATE, "2025-12-31");
	expect_val(&r, F_EFF_METHOD, "Mätning i ärendesystemet");
	expect_val(&r, F_EFF_OWNER, "Åsa Öberg");
	expect_val(&r, F_EFF_WEIGHT, "1");
	expect_val(&r, F_EFF_BENEFIT_TYPE, "kvalitativ");
	expect_val(&r, F_EFF_BENEFIT_SEK, NULL);
	next_ok(u, &r, &o.err, 3);
	expect_val(&r, F_EFF_GOAL, NULL);
	expect_val(&r, F_EFF_BASELINE_DATE, "2024-04-01");
	expect_val(&r, F_EFF_TARGET_DATE, "2026-03-31");
	expect_val(&r, F_EFF_BENEFIT_SEK, "250000");
	pf_record_pos(&r, F_EFF_BENEFIT_SEK, pos, sizeof(pos));
	assert_string_equal(pos, "Effekter!O3");
	assert_int_equal(u->next(u, &r, &o.err), PF_END);
	close_all(&o);
}

/* The same bytes through the buffer entry point, freed before the records are read. */
static void test_buffer(void **state)
{
	size_t len;
	char *data = pf_test_read(DATA "portfolio.xlsx", &len);
	struct opened o;
	pf_record r;

	(void)state;
	assert_non_null(data);
	pf_test_error_init(&o.err);
	o.st = pf_xlsx_open_buffer("minne.xlsx", data, len, &o.units, &o.n, &o.err);
	free(data);
	assert_int_equal(o.st, PF_OK);
	assert_int_equal(o.n, 2);
	next_ok(o.units[0], &r, &o.err, 3);
	assert_string_equal(r.source, "minne.xlsx");
	check_initiativ_row3(&r);
	expect_diag(&o.err, PF_SEV_WARNING, "minne.xlsx:Anteckningar!A1", "skipped");
	close_all(&o);
}

static void test_date1904(void **state)
{
	struct opened o;
	pf_record r;

	(void)state;
	open_file(&o, DATA "date1904.xlsx");
	assert_int_equal(o.st, PF_OK);
	assert_int_equal(o.n, 1);
	next_ok(o.units[0], &r, &o.err, 2);
	expect_val(&r, F_INI_START, "1904-01-01"); /* serial 0 */
	expect_val(&r, F_INI_END, "2024-12-31");   /* 44195 + 1462 days */
	assert_int_equal(o.units[0]->next(o.units[0], &r, &o.err), PF_END);
	close_all(&o);
}

/* LibreOffice Calc's conversion of libreoffice.csv (sv-SE): its own strings and date styles. */
static void test_libreoffice(void **state)
{
	struct opened o;
	pf_record r;

	(void)state;
	open_file(&o, DATA "libreoffice.xlsx");
	assert_int_equal(o.st, PF_OK);
	assert_int_equal(o.err.errors + o.err.warnings, 0);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.units[0]->kind, PF_KIND_INITIATIVES);
	next_ok(o.units[0], &r, &o.err, 2);
	assert_string_equal(r.sheet, "Initiativ");
	expect_val(&r, F_INI_ID, "LO-1");
	expect_val(&r, F_INI_TITLE, "Bokningssystem");
	expect_val(&r, F_INI_COMMITTEE, "KBN");
	expect_val(&r, F_INI_START, "2025-02-01");
	expect_val(&r, F_INI_END, "2025-11-30");
	expect_val(&r, F_INI_BUDGET, "450000");
	expect_val(&r, F_INI_IT_HOURS, "120.5");
	expect_val(&r, F_INI_INNOVATIVE, "ja");
	expect_val(&r, F_INI_DESCRIPTION, "Boka lokaler; även på webben");
	next_ok(o.units[0], &r, &o.err, 3);
	expect_val(&r, F_INI_ID, "LO-2");
	expect_val(&r, F_INI_START, "2024-09-15");
	expect_val(&r, F_INI_END, NULL);
	expect_val(&r, F_INI_BUDGET, "1234567");
	expect_val(&r, F_INI_IT_HOURS, NULL);
	expect_val(&r, F_INI_DESCRIPTION, NULL);
	assert_int_equal(o.units[0]->next(o.units[0], &r, &o.err), PF_END);
	close_all(&o);
}

/* Each bad cell is reported at its place and its row skipped; the good rows still come. */
static void test_cell_errors(void **state)
{
	struct opened o;
	pf_record r;

	(void)state;
	open_file(&o, DATA "cell_errors.xlsx");
	assert_int_equal(o.st, PF_OK);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.units[0]->kind, PF_KIND_FOLLOWUPS);
	next_ok(o.units[0], &r, &o.err, 2);
	expect_val(&r, F_FUP_ASSESSMENT, "grön");
	next_ok(o.units[0], &r, &o.err, 7);
	expect_val(&r, F_FUP_PERIOD, "2026Q1");
	expect_val(&r, F_FUP_COMMENT, "true");
	assert_int_equal(o.units[0]->next(o.units[0], &r, &o.err), PF_END);
	assert_int_equal(o.err.errors, 4);
	expect_diag(&o.err, PF_SEV_ERROR, "cell_errors.xlsx:Uppföljning!C3",
	            "the cell holds the error #N/A");
	expect_diag(&o.err, PF_SEV_ERROR, "cell_errors.xlsx:Uppföljning!A4",
	            "shared string \"99\"");
	expect_diag(&o.err, PF_SEV_ERROR, "cell_errors.xlsx:Uppföljning!D5",
	            "\"12,5\", which is not a number");
	expect_diag(&o.err, PF_SEV_ERROR, "cell_errors.xlsx:Uppföljning!B6", "no day");
	close_all(&o);
}

/* ---- refused archives (committed) ---- */

static const struct {
	const char *file;
	pf_status st;
	const char *msg;
} refused[] = {
    {"not_a_zip.xlsx", PF_EINPUT, "not an XLSX workbook: not a zip archive"},
    {"truncated.xlsx", PF_EINPUT, "not an XLSX workbook: not a zip archive"},
    {"empty.xlsx", PF_EINPUT, "not an XLSX workbook: the file is empty"},
    {"no_workbook.xlsx", PF_EINPUT, "not an XLSX workbook: the zip archive has no xl/workbook.xml"},
    {"billion_laughs.xlsx", PF_EINPUT,
     "xl/sharedStrings.xml declares the XML entity \"lol\", which a workbook never does"},
    {"external_entity.xlsx", PF_EINPUT, "xl/workbook.xml declares the XML entity \"xxe\""},
    {"does_not_exist.xlsx", PF_EENV, "cannot open: No such file or directory"},
};

static void test_refused(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(refused) / sizeof(refused[0]); i++) {
		struct opened o;
		char where[256];

		snprintf(where, sizeof(where), "%s%s", DATA, refused[i].file);
		open_file(&o, where);
		if (o.st != refused[i].st)
			fail_msg("%s: status %d, expected %d", refused[i].file, o.st,
			         refused[i].st);
		assert_null(o.units);
		assert_int_equal(o.n, 0);
		assert_int_equal(o.err.errors, 1);
		expect_diag(&o.err, PF_SEV_ERROR, where, refused[i].msg);
		close_all(&o);
	}
}

/* ---- refused archives (made here) ---- */

static void expect_refused_fast(const char *path, const char *msg)
{
	long rss = max_rss_kib();
	double t0 = now();
	struct opened o;

	open_file(&o, path);
	double secs = now() - t0;
	assert_int_equal(o.st, PF_EINPUT);
	assert_int_equal(o.n, 0);
	expect_diag(&o.err, PF_SEV_ERROR, path, msg);
	if (secs > 2.0)
		fail_msg("refusing %s took %.1f s", path, secs);
	if (max_rss_kib() - rss > 64 * 1024)
		fail_msg("refusing %s grew the peak memory by %ld KiB", path, max_rss_kib() - rss);
	close_all(&o);
}

/* 300 MiB of rows compressed to well under 1 MiB: refused on its header's size. */
static void test_zip_bomb(void **state)
{
	struct gen g;
	char *path = make_generated(*state, "bomb.xlsx", &g, 300ull * MIB);

	expect_refused_fast(path, "xl/worksheets/sheet1.xml would unpack to 314572800 bytes, over "
	                          "the limit of 256 MiB per part: refusing a possible zip bomb");
	free(path);
}

/* 4 MiB compressed over 200:1. */
static void test_ratio_bomb(void **state)
{
	struct gen g;
	char *path = make_generated(*state, "ratio.xlsx", &g, 4ull * MIB);

	expect_refused_fast(path, "xl/worksheets/sheet1.xml is compressed");
	free(path);
}

/* Patches the uncompressed size of the zip's first entry (local and central headers). */
static void patch_size(const char *path, uint32_t size)
{
	size_t len;
	unsigned char *z = (unsigned char *)pf_test_read(path, &len);
	unsigned char le[4] = {size & 0xFF, (size >> 8) & 0xFF, (size >> 16) & 0xFF, size >> 24};

	assert_non_null(z);
	assert_memory_equal(z, "PK\3\4", 4);
	memcpy(z + 22, le, 4);
	for (size_t i = len - 22; i-- > 0;)
		if (!memcmp(z + i, "PK\1\2", 4) && !memcmp(z + i + 42, "\0\0\0\0", 4)) {
			memcpy(z + i + 24, le, 4); /* the entry at offset 0 */
			break;
		}
	FILE *f = fopen(path, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(z, 1, len, f), len);
	fclose(f);
	free(z);
}

/* A header that claims 1000 bytes for 100 MiB: caught by counting while unpacking. */
static void test_lying_header(void **state)
{
	struct gen g;
	char *path = make_generated(*state, "liar.xlsx", &g, 100ull * MIB);

	patch_size(path, 1000);
	expect_refused_fast(path, "xl/worksheets/sheet1.xml unpacks to more bytes than its zip "
	                          "header says");
	free(path);
}

/* A cell of 1.5 MiB of text (random letters: no ratio refusal) ends the sheet at the cell. */
static void test_long_cell(void **state)
{
	size_t n = 3 * MIB / 2;
	const char head[] = "<worksheet xmlns=\"" NS_MAIN "\"><sheetData><row r=\"1\">"
	                    "<c r=\"A1\" t=\"inlineStr\"><is><t>indikator_id</t></is></c>"
	                    "<c r=\"B1\" t=\"inlineStr\"><is><t>period</t></is></c>"
	                    "<c r=\"C1\" t=\"inlineStr\"><is><t>varde</t></is></c></row>"
	                    "<row r=\"2\"><c r=\"A2\" t=\"inlineStr\"><is><t>";
	const char tail[] = "</t></is></c></row></sheetData></worksheet>";
	char *xml = malloc(sizeof(head) + n + sizeof(tail));
	uint32_t x = 12345;
	struct opened o;
	pf_record r;

	assert_non_null(xml);
	strcpy(xml, head);
	for (size_t i = 0; i < n; i++, x = x * 1103515245u + 12345u)
		xml[sizeof(head) - 1 + i] = (char)('a' + (x >> 16) % 26);
	strcpy(xml + sizeof(head) - 1 + n, tail);
	char *path = make_book(*state, "long.xlsx", xml, NULL);
	free(xml);
	open_file(&o, path);
	assert_int_equal(o.st, PF_OK);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.units[0]->next(o.units[0], &r, &o.err), PF_EINPUT);
	assert_int_equal(o.units[0]->next(o.units[0], &r, &o.err), PF_EINPUT); /* stays failed */
	assert_int_equal(o.err.errors, 1);
	expect_diag(&o.err, PF_SEV_ERROR, "long.xlsx:Blad1!A2",
	            "the cell's text is longer than 1 MiB");
	close_all(&o);
	free(path);
}

/* ---- small sheets made here, table-driven ---- */

/* A measurements sheet (indikator_id, period, varde) with one row per value. */
static char *measurement_sheet(const char *const *cells, size_t n)
{
	size_t cap = 4096 + n * 256;
	char *s = malloc(cap), *w = s;

	w += sprintf(w,
	             "<worksheet xmlns=\"%s\"><sheetData><row r=\"1\">"
	             "<c r=\"A1\" t=\"inlineStr\"><is><t>indikator_id</t></is></c>"
	             "<c r=\"B1\" t=\"inlineStr\"><is><t>period</t></is></c>"
	             "<c r=\"C1\" t=\"inlineStr\"><is><t>varde</t></is></c></row>",
	             NS_MAIN);
	for (size_t i = 0; i < n; i++)
		w += sprintf(w,
		             "<row r=\"%zu\"><c r=\"A%zu\" t=\"inlineStr\"><is><t>I</t></is></c>"
		             "<c r=\"B%zu\" t=\"inlineStr\"><is><t>2025Q1</t></is></c>%s</row>",
		             i + 2, i + 2, i + 2, cells[i]);
	strcpy(w, "</sheetData></worksheet>");
	return s;
}

/* Reads the measurement values of a one-sheet workbook into out[]. */
static void read_values(const char *path, char **out, size_t n)
{
	struct opened o;
	pf_record r;

	open_file(&o, path);
	assert_int_equal(o.st, PF_OK);
	assert_int_equal(o.n, 1);
	for (size_t i = 0; i < n; i++) {
		next_ok(o.units[0], &r, &o.err, (long)i + 2);
		out[i] = r.val[F_MEA_VALUE] ? strdup(r.val[F_MEA_VALUE]) : NULL;
	}
	assert_int_equal(o.units[0]->next(o.units[0], &r, &o.err), PF_END);
	assert_int_equal(o.err.errors, 0);
	close_all(&o);
}

static const struct {
	const char *v, *want;
} numbers[] = {
    {"12.5", "12.5"},
    {"1234567", "1234567"},
    {"0.1", "0.1"},
    {"-2.50", "-2.5"},
    {"1E-3", "0.001"},
    {"1.5E+20", "150000000000000000000"},
    {"123456789012345678", "123456789012345680"},
    {"0.30000000000000004", "0.30000000000000004"},
    {"4.1000000000000003E-2", "0.041"},
    {"-0", "0"},
    {"1e-7", "0.0000001"},
    {"99999999999999.99", "99999999999999.98"},
    {"+5", "5"},
    {".5", "0.5"},
    {"5.", "5"},
    {"0012.50", "12.5"},
};

static void test_numbers(void **state)
{
	size_t n = sizeof(numbers) / sizeof(numbers[0]);
	const char *cells[sizeof(numbers) / sizeof(numbers[0])];
	char *got[sizeof(numbers) / sizeof(numbers[0])];
	char buf[sizeof(numbers) / sizeof(numbers[0])][128];

	for (size_t i = 0; i < n; i++) {
		snprintf(buf[i], sizeof(buf[i]), "<c r=\"C%zu\"><v>%s</v></c>", i + 2,
		         numbers[i].v);
		cells[i] = buf[i];
	}
	char *xml = measurement_sheet(cells, n);
	char *path = make_book(*state, "numbers.xlsx", xml, NULL);
	read_values(path, got, n);
	for (size_t i = 0; i < n; i++) {
		if (!got[i] || strcmp(got[i], numbers[i].want))
			fail_msg("<v>%s</v> gave \"%s\", expected \"%s\"", numbers[i].v,
			         got[i] ? got[i] : "(absent)", numbers[i].want);
		free(got[i]);
	}
	free(xml);
	free(path);
}

/* The largest and the smallest double, written out in full. */
static void test_extreme_numbers(void **state)
{
	const char *cells[] = {"<c r=\"C2\"><v>1.7976931348623157E+308</v></c>",
	                       "<c r=\"C3\"><v>-5E-324</v></c>"};
	char big[400] = "17976931348623157", tiny[400] = "-0.";
	char *got[2];

	memset(big + 17, '0', 292); /* 309 digits in all */
	memset(tiny + 3, '0', 323); /* the 324th decimal is the 5 */
	strcpy(tiny + 326, "5");
	char *xml = measurement_sheet(cells, 2);
	char *path = make_book(*state, "extreme.xlsx", xml, NULL);
	read_values(path, got, 2);
	assert_string_equal(got[0], big);
	assert_string_equal(got[1], tiny);
	free(got[0]);
	free(got[1]);
	free(xml);
	free(path);
}

/*
 * Number formats, a custom code or a built-in id when code is NULL: a date
 * shows a day, a percentage the percentage of its fraction (as `45%` in a CSV).
 */
static const struct {
	int id;
	const char *code;
	const char *v, *want;
} formats[] = {
    {14, NULL, "45658", "2025-01-01"},
    {22, NULL, "45658", "2025-01-01"}, /* m/d/yy h:mm */
    {20, NULL, "45658", "45658"},      /* h:mm */
    {45, NULL, "45658", "45658"},      /* mm:ss */
    {4, NULL, "45658", "45658"},
    {0, NULL, "45658", "45658"},
    {164, "yyyy-mm-dd", "45658", "2025-01-01"},
    {165, "YYYY\\-MM\\-DD", "45658", "2025-01-01"}, /* LibreOffice's */
    {166, "d/m/yyyy;@", "45658", "2025-01-01"},
    {167, "[$-41D]d mmmm yyyy", "45658", "2025-01-01"},
    {168, "mmm", "45658", "2025-01-01"},
    {169, "mm:ss", "45658", "45658"},
    {170, "[h]:mm:ss", "45658", "45658"},
    {178, "[h]:mm", "45658", "45658"},
    {179, "[mm]:ss", "45658", "45658"},
    {171, "h:mm AM/PM", "45658", "45658"},
    {172, "0.0 &quot;dagar&quot;", "45658", "45658"},
    {173, "#,##0\\ \\d", "45658", "45658"},
    {174, "[Red]0.00", "45658", "45658"},
    {175, "General", "45658", "45658"},
    {176, "#,##0_d", "45658", "45658"},
    {177, "yyyy-mm-dd hh:mm", "45658", "2025-01-01"},
    {9, NULL, "0.45", "45"},
    {9, NULL, "7.0000000000000007E-2", "7"}, /* 0.07, whose *100 is 7.000000000000001 */
    {10, NULL, "0.075", "7.5"},
    {10, NULL, "1", "100"},
    {10, NULL, "-0.125", "-12.5"},
    {9, NULL, "0.123456789", "12.3456789"},
    {9, NULL, "0.1", "10"},
    {9, NULL, "0.29", "29"},
    {9, NULL, "0.57", "57"},
    {180, "0%", "0.45", "45"},
    {181, "0.0 %", "0.333", "33.3"},
    {182, "#,##0.00%;[Red]\\-#,##0.00%", "-0.5", "-50"},
    {183, "0&quot;%&quot;", "0.45", "0.45"}, /* a quoted % is text: no percentage */
    {184, "0\\%", "0.45", "0.45"},           /* an escaped one too */
    {185, "[$%-41D]0", "0.45", "0.45"},      /* inside brackets: a locale, not a percentage */
    {4, NULL, "0.45", "0.45"},
};

static void test_number_formats(void **state)
{
	size_t n = sizeof(formats) / sizeof(formats[0]);
	char styles[8192], *w = styles;
	const char *cells[sizeof(formats) / sizeof(formats[0])];
	char *got[sizeof(formats) / sizeof(formats[0])];
	char buf[sizeof(formats) / sizeof(formats[0])][128];

	w += sprintf(w, "<styleSheet xmlns=\"%s\"><numFmts>", NS_MAIN);
	for (size_t i = 0; i < n; i++)
		if (formats[i].code)
			w += sprintf(w, "<numFmt numFmtId=\"%d\" formatCode=\"%s\"/>",
			             formats[i].id, formats[i].code);
	w += sprintf(w, "</numFmts><cellXfs><xf numFmtId=\"0\"/>");
	for (size_t i = 0; i < n; i++) {
		w += sprintf(w, "<xf numFmtId=\"%d\"/>", formats[i].id);
		snprintf(buf[i], sizeof(buf[i]), "<c r=\"C%zu\" s=\"%zu\"><v>%s</v></c>", i + 2,
		         i + 1, formats[i].v);
		cells[i] = buf[i];
	}
	strcpy(w, "</cellXfs></styleSheet>");
	char *xml = measurement_sheet(cells, n);
	char *path = make_book(*state, "formats.xlsx", xml, styles);
	read_values(path, got, n);
	for (size_t i = 0; i < n; i++) {
		if (!got[i] || strcmp(got[i], formats[i].want))
			fail_msg("%s in format %d \"%s\" gave \"%s\", expected \"%s\"",
			         formats[i].v, formats[i].id,
			         formats[i].code ? formats[i].code : "(built-in)",
			         got[i] ? got[i] : "(absent)", formats[i].want);
		free(got[i]);
	}
	free(xml);
	free(path);
}

#define SHEET(rows) "<worksheet xmlns=\"" NS_MAIN "\"><sheetData>" rows "</sheetData></worksheet>"
#define ID_ROW "<row r=\"1\"><c t=\"inlineStr\"><is><t>id</t></is></c></row>"

/* Sheets that end the reading at open: status, place (after the file name) and message. */
static const struct {
	const char *sheet;
	pf_status st;
	const char *where, *msg;
} bad_sheets[] = {
    {SHEET("<row r=\"1\"><c r=\"XFE1\"><v>1</v></c></row>"), PF_EINPUT, ":Blad1!A1",
     "cell reference \"XFE1\" is not a column A..XFD"},
    {SHEET("<row r=\"1\"><c r=\"1A\"><v>1</v></c></row>"), PF_EINPUT, ":Blad1!A1",
     "cell reference \"1A\""},
    {SHEET("<row r=\"0\"><c><v>1</v></c></row>"), PF_EINPUT, ":Blad1", "row number \"0\""},
    {SHEET("<row r=\"1048577\"><c><v>1</v></c></row>"), PF_EINPUT, ":Blad1",
     "row number \"1048577\""},
    {SHEET("<row r=\"1\"><c><v>1</v></c>"), PF_EINPUT, "bad.xlsx",
     "xl/worksheets/sheet1.xml is not well-formed XML: line 1: "},
    {"<!DOCTYPE worksheet [<!ENTITY % pe \"x\">]>" SHEET(ID_ROW), PF_EINPUT, "bad.xlsx",
     "declares the XML entity \"pe\""},
    {"<!DOCTYPE worksheet [<!ENTITY a SYSTEM \"http://example.com/a\">]>" SHEET(ID_ROW), PF_EINPUT,
     "bad.xlsx", "declares the XML entity \"a\""},
    {SHEET("<row r=\"1\"><c t=\"inlineStr\"><is><t>&undefined;</t></is></c></row>"), PF_EINPUT,
     "bad.xlsx", "undefined entity"},
};

static void test_bad_sheets(void **state)
{
	for (size_t i = 0; i < sizeof(bad_sheets) / sizeof(bad_sheets[0]); i++) {
		char *path = make_book(*state, "bad.xlsx", bad_sheets[i].sheet, NULL);
		struct opened o;

		open_file(&o, path);
		if (o.st != bad_sheets[i].st)
			fail_msg("case %zu: status %d, expected %d", i, o.st, bad_sheets[i].st);
		assert_int_equal(o.n, 0);
		assert_int_equal(o.err.errors, 1);
		expect_diag(&o.err, PF_SEV_ERROR, bad_sheets[i].where, bad_sheets[i].msg);
		close_all(&o);
		free(path);
	}
}

/* Sheets that are skipped with a warning rather than read. */
static void test_skipped_sheets(void **state)
{
	static const struct {
		const char *sheet, *msg;
	} cases[] = {
	    {SHEET(""), "sheet \"Blad1\" is empty: skipped"},
	    {SHEET("<row r=\"3\"><c r=\"C3\" t=\"inlineStr\"><is><t> </t></is></c></row>"),
	     "sheet \"Blad1\" is empty: skipped"},
	    {"<!DOCTYPE worksheet>" SHEET(ID_ROW), "its header row is of no known sheet kind"},
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		char *path = make_book(*state, "skip.xlsx", cases[i].sheet, NULL);
		struct opened o;

		open_file(&o, path);
		assert_int_equal(o.st, PF_OK);
		assert_int_equal(o.n, 0);
		assert_int_equal(o.err.errors, 0);
		assert_int_equal(o.err.warnings, 1);
		expect_diag(&o.err, PF_SEV_WARNING, NULL, cases[i].msg);
		close_all(&o);
		free(path);
	}
}

/* A sheet named in workbook.xml whose relationship or part is missing. */
static void test_broken_links(void **state)
{
	static const char rels_missing_sheet[] =
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"" NS_REL
	    "/worksheet\" Target=\"worksheets/gone.xml\"/>"
	    "</Relationships>";
	static const char rels_other_id[] =
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId9\" Type=\"" NS_REL
	    "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	    "</Relationships>";
	const struct part a[] = {{"xl/workbook.xml", WORKBOOK, NULL},
	                         {"xl/_rels/workbook.xml.rels", rels_missing_sheet, NULL}};
	const struct part b[] = {{"xl/workbook.xml", WORKBOOK, NULL},
	                         {"xl/_rels/workbook.xml.rels", rels_other_id, NULL},
	                         {"xl/worksheets/sheet1.xml", SHEET(ID_ROW), NULL}};
	char *pa = make_zip(*state, "a.xlsx", a, 2), *pb = make_zip(*state, "b.xlsx", b, 3);
	struct opened o;

	open_file(&o, pa);
	assert_int_equal(o.st, PF_EINPUT);
	expect_diag(&o.err, PF_SEV_ERROR, "a.xlsx",
	            "sheet \"Blad1\": its part xl/worksheets/gone.xml is missing");
	close_all(&o);
	open_file(&o, pb);
	assert_int_equal(o.st, PF_EINPUT);
	expect_diag(&o.err, PF_SEV_ERROR, "b.xlsx",
	            "names sheet \"Blad1\" with relationship rId1, which "
	            "xl/_rels/workbook.xml.rels does not define");
	close_all(&o);
	free(pa);
	free(pb);
}

/* Many rows come one at a time from a stream, with their own line numbers. */
static void test_many_rows(void **state)
{
	const long rows = 100000;
	size_t cap = (size_t)rows * 128 + 4096;
	char *xml = malloc(cap), *w = xml;
	struct opened o;
	pf_record r;
	long count = 0, last = 0;

	w += sprintf(w,
	             "<worksheet xmlns=\"%s\"><sheetData><row r=\"1\">"
	             "<c r=\"A1\" t=\"inlineStr\"><is><t>indikator_id</t></is></c>"
	             "<c r=\"B1\" t=\"inlineStr\"><is><t>period</t></is></c>"
	             "<c r=\"C1\" t=\"inlineStr\"><is><t>varde</t></is></c></row>",
	             NS_MAIN);
	for (long i = 2; i < rows + 2; i++)
		w += sprintf(w,
		             "<row r=\"%ld\"><c r=\"A%ld\"><v>%ld</v></c><c r=\"C%ld\"><v>%ld.5</v>"
		             "</c></row>",
		             2 * i, 2 * i, i, 2 * i, i);
	strcpy(w, "</sheetData></worksheet>");
	char *path = make_book(*state, "many.xlsx", xml, NULL);
	free(xml);
	open_file(&o, path);
	assert_int_equal(o.st, PF_OK);
	while (o.units[0]->next(o.units[0], &r, &o.err) == PF_OK) {
		count++;
		last = r.line;
	}
	assert_int_equal(count, rows);
	assert_int_equal(last, 2 * (rows + 1));
	assert_int_equal(o.err.errors, 0);
	close_all(&o);
	free(path);
}

/* The entries of a zip file as parts (the caller frees each text and name). */
static size_t unzip_parts(const char *path, struct part *parts, size_t max)
{
	int code;
	zip_t *za = zip_open(path, ZIP_RDONLY, &code);
	size_t n = 0;

	assert_non_null(za);
	for (zip_int64_t i = 0; i < zip_get_num_entries(za, 0) && n < max; i++, n++) {
		zip_stat_t st;
		assert_int_equal(zip_stat_index(za, (zip_uint64_t)i, 0, &st), 0);
		char *text = calloc(1, st.size + 1);
		zip_file_t *zf = zip_fopen_index(za, (zip_uint64_t)i, 0);
		assert_non_null(zf);
		assert_int_equal(zip_fread(zf, text, st.size), (zip_int64_t)st.size);
		zip_fclose(zf);
		parts[n] = (struct part){strdup(st.name), text, NULL};
	}
	zip_discard(za);
	return n;
}

/* Reads a workbook from a buffer to its end: every status must be one the API promises. */
static void read_all_buffer(const void *data, size_t len)
{
	struct opened o;
	pf_record r;

	pf_test_error_init(&o.err);
	o.st = pf_xlsx_open_buffer("mutant.xlsx", data, len, &o.units, &o.n, &o.err);
	assert_true(o.st == PF_OK || o.st == PF_EINPUT);
	assert_true(o.st == PF_OK || (o.n == 0 && o.err.errors > 0));
	for (size_t i = 0; i < o.n; i++) {
		pf_status st;
		while ((st = o.units[i]->next(o.units[i], &r, &o.err)) == PF_OK)
			for (int f = 0; f < PF_FIELDS_MAX; f++)
				assert_true(!r.val[f] || strlen(r.val[f]) <= MIB);
		assert_true(st == PF_END || st == PF_EINPUT);
	}
	close_all(&o);
}

/*
 * A small fuzz: the portfolio workbook stored (not deflated, so that changed
 * bytes reach the XML) with a few bytes changed, many times over.
 */
static void test_mutations(void **state)
{
	struct part parts[16];
	size_t n = unzip_parts(DATA "portfolio.xlsx", parts, 16), len;
	char *path = make_zip_as(*state, "stored.xlsx", parts, n, true);
	unsigned char *data = (unsigned char *)pf_test_read(path, &len);
	unsigned char *copy = malloc(len);
	uint32_t x = 2025;

	read_all_buffer(data, len);
	for (int iter = 0; iter < 600; iter++) {
		memcpy(copy, data, len);
		for (int k = 0; k < 1 + iter % 4; k++) {
			x = x * 1103515245u + 12345u;
			size_t at = (x >> 8) % len;
			x = x * 1103515245u + 12345u;
			copy[at] = iter % 3 ? (unsigned char)(x >> 16)
			                    : (unsigned char)"<>&\"/=\0\xc3"[(x >> 16) % 8];
		}
		read_all_buffer(copy, len);
	}
	for (int cut = 0; cut < 40; cut++)
		read_all_buffer(data, len * (size_t)cut / 40);
	for (size_t i = 0; i < n; i++) {
		free((char *)parts[i].name);
		free((char *)parts[i].text);
	}
	free(copy);
	free(data);
	free(path);
}

/* A chart sheet in the workbook is skipped with a warning; the worksheets still come. */
static void test_chart_sheet(void **state)
{
	static const char wb[] =
	    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
	    "<sheet name=\"Diagram\" sheetId=\"1\" r:id=\"rId2\"/>"
	    "<sheet name=\"M\u00e4tv\u00e4rden\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] =
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"" NS_REL
	    "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	    "<Relationship Id=\"rId2\" Type=\"" NS_REL
	    "/chartsheet\" Target=\"chartsheets/sheet1.xml\"/>"
	    "</Relationships>";
	const char *cells[] = {"<c r=\"C2\"><v>3</v></c>"};
	char *sheet = measurement_sheet(cells, 1);
	const struct part parts[] = {{"xl/workbook.xml", wb, NULL},
	                             {"xl/_rels/workbook.xml.rels", rels, NULL},
	                             {"xl/worksheets/sheet1.xml", sheet, NULL},
	                             {"xl/chartsheets/sheet1.xml", "<chartsheet/>", NULL}};
	char *path = make_zip(*state, "chart.xlsx", parts, 4);
	struct opened o;
	pf_record r;

	open_file(&o, path);
	assert_int_equal(o.st, PF_OK);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.units[0]->kind, PF_KIND_MEASUREMENTS);
	expect_diag(&o.err, PF_SEV_WARNING, "chart.xlsx:Diagram",
	            "sheet \"Diagram\" is not a worksheet (a chart or dialog sheet): skipped");
	next_ok(o.units[0], &r, &o.err, 2);
	assert_string_equal(r.sheet, "M\u00e4tv\u00e4rden");
	expect_val(&r, F_MEA_VALUE, "3");
	close_all(&o);
	free(sheet);
	free(path);
}

/*
 * Error cells are errors only in a column that is read: a picture placed in
 * an ignored column (Excel writes #VALUE! with vm=), #N/A in another, a
 * title row of errors above the header and a skipped sheet full of them
 * are ignored; #DIV/0! as a value and a picture as a value are errors.
 */
static void test_error_cells(void **state)
{
	static const char wb[] =
	    "<workbook xmlns=\"" NS_MAIN "\" xmlns:r=\"" NS_REL "\"><sheets>"
	    "<sheet name=\"Bilder\" sheetId=\"1\" r:id=\"rId2\"/>"
	    "<sheet name=\"Blad1\" sheetId=\"2\" r:id=\"rId1\"/></sheets></workbook>";
	static const char rels[] =
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"" NS_REL
	    "/worksheet\" Target=\"worksheets/sheet1.xml\"/>"
	    "<Relationship Id=\"rId2\" Type=\"" NS_REL
	    "/worksheet\" Target=\"worksheets/sheet2.xml\"/>"
	    "</Relationships>";
#define T(ref, text) "<c r=\"" ref "\" t=\"inlineStr\"><is><t>" text "</t></is></c>"
#define E(ref, err) "<c r=\"" ref "\" t=\"e\"><v>" err "</v></c>"
#define PIC(ref) "<c r=\"" ref "\" t=\"e\" vm=\"1\"><v>#VALUE!</v></c>"
	static const char data[] =
	    SHEET("<row r=\"1\">" E(
	        "A1",
	        "#REF!") "</row>"
	                 "<row r=\"2\">" T("A2", "indikator_id") T("B2", "period") T(
	                     "C2", "varde") T("D2", "Bild") E("E2", "#N/A")
	                     T("F2",
	                       "Not") "</row>"
	                              "<row r=\"3\">" T("A3", "I") T(
	                                  "B3", "2025Q1") "<c r=\"C3\"><v>3</v></c>" PIC("D3")
	                                  E("F3",
	                                    "#N/A") "</row>"
	                                            "<row r=\"4\">" T("A4", "I") T("B4", "2025Q2")
	                                                E("C4", "#DIV/0!") PIC(
	                                                    "D4") "</row>"
	                                                          "<row r=\"5\">" T("A5", "I")
	                                                              T("B5", "2025Q3") PIC(
	                                                                  "C5") "</row>"
	                                                                        "<row r=\"6\">" T(
	                                                                            "A6", "I")
	                                                                            T("B6",
	                                                                              "2025Q4") "<c"
	                                                                                        " r"
	                                                                                        "="
	                                                                                        "\""
	                                                                                        "C6"
	                                                                                        "\""
	                                                                                        "><"
	                                                                                        "v>"
	                                                                                        "4<"
	                                                                                        "/v"
	                                                                                        "><"
	                                                                                        "/c"
	                                                                                        ">" E(
	                                                                                            "E6",
	                                                                                            "#N/A") "</row>");
	static const char pictures[] =
	    SHEET("<row r=\"1\">" T("A1", "Bild") T("B1", "Namn") "</row>"
	                                                          "<row r=\"2\">" PIC("A2")
	                                                              E("B2", "#NAME?") "</row>");
#undef T
#undef E
#undef PIC
	const struct part parts[] = {{"xl/workbook.xml", wb, NULL},
	                             {"xl/_rels/workbook.xml.rels", rels, NULL},
	                             {"xl/worksheets/sheet1.xml", data, NULL},
	                             {"xl/worksheets/sheet2.xml", pictures, NULL}};
	char *path = make_zip(*state, "errors.xlsx", parts, 4);
	struct opened o;
	pf_record r;

	open_file(&o, path);
	assert_int_equal(o.st, PF_OK);
	assert_int_equal(o.n, 1);
	assert_int_equal(o.err.errors, 0);
	expect_diag(&o.err, PF_SEV_WARNING, "errors.xlsx:Bilder!A1", "sheet \"Bilder\" skipped");
	assert_int_equal(o.units[0]->kind, PF_KIND_MEASUREMENTS);
	next_ok(o.units[0], &r, &o.err, 3);
	expect_val(&r, F_MEA_VALUE, "3");
	next_ok(o.units[0], &r, &o.err, 6);
	expect_val(&r, F_MEA_VALUE, "4");
	assert_int_equal(o.units[0]->next(o.units[0], &r, &o.err), PF_END);
	assert_int_equal(o.err.errors, 2);
	expect_diag(&o.err, PF_SEV_ERROR, "errors.xlsx:Blad1!C4",
	            "the cell holds the error #DIV/0!: correct the formula or type the value");
	expect_diag(&o.err, PF_SEV_ERROR, "errors.xlsx:Blad1!C5",
	            "the cell holds a picture placed in the cell (stored as the error #VALUE!)");
	close_all(&o);
	free(path);
}

/*
 * Parts found as Excel finds them: the workbook through _rels/.rels (here
 * not at xl/workbook.xml), and entries named with backslashes.
 */
static void test_part_names(void **state)
{
	static const char package_rels[] =
	    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
	    "<Relationship Id=\"rId1\" Type=\"" NS_REL "/officeDocument\" Target=\"%s\"/>"
	    "</Relationships>";
	static const struct {
		const char *file, *workbook, *rels, *sheet, *target;
	} books[] = {
	    {"backslashes.xlsx", "xl\\workbook.xml", "xl\\_rels\\workbook.xml.rels",
	     "xl\\worksheets\\sheet1.xml", "xl/workbook.xml"},
	    {"elsewhere.xlsx", "book/main.xml", "book/_rels/main.xml.rels",
	     "book/worksheets/sheet1.xml", "/book/main.xml"},
	    {"root.xlsx", "main.xml", "_rels/main.xml.rels", "worksheets/sheet1.xml", "main.xml"},
	};
	const char *cells[] = {"<c r=\"C2\"><v>3</v></c>"};
	char *sheet = measurement_sheet(cells, 1);

	for (size_t i = 0; i < sizeof(books) / sizeof(books[0]); i++) {
		char top[512];
		snprintf(top, sizeof(top), package_rels, books[i].target);
		const struct part parts[] = {
		    {strchr(books[i].workbook, '\\') ? "_rels\\.rels" : "_rels/.rels", top, NULL},
		    {books[i].workbook, WORKBOOK, NULL},
		    {books[i].rels, RELS, NULL},
		    {books[i].sheet, sheet, NULL}};
		char *path = make_zip(*state, books[i].file, parts, 4);
		struct opened o;
		pf_record r;

		print_message("book: %s\n", books[i].file);
		open_file(&o, path);
		for (size_t k = 0; k < o.err.count; k++)
			print_message("  %s: %s\n", o.err.diags[k].where, o.err.diags[k].message);
		assert_int_equal(o.st, PF_OK);
		assert_int_equal(o.n, 1);
		next_ok(o.units[0], &r, &o.err, 2);
		expect_val(&r, F_MEA_VALUE, "3");
		close_all(&o);
		free(path);
	}
	free(sheet);
}

/* Each sheet of a known kind holds a parser and an inflater while open: their number is capped. */
static void test_too_many_sheets(void **state)
{
	enum { SHEETS = 65 };
	static char wb[SHEETS * 80 + 256], rels[SHEETS * 200 + 256], names[SHEETS][40];
	struct part parts[SHEETS + 2];
	const char *cells[] = {"<c r=\"C2\"><v>1</v></c>"};
	char *sheet = measurement_sheet(cells, 1), *w = wb, *r = rels;
	struct opened o;

	w += sprintf(w, "<workbook xmlns=\"%s\" xmlns:r=\"%s\"><sheets>", NS_MAIN, NS_REL);
	r += sprintf(r, "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/"
	                "relationships\">");
	for (int i = 0; i < SHEETS; i++) {
		w += sprintf(w, "<sheet name=\"M%d\" sheetId=\"%d\" r:id=\"rId%d\"/>", i, i + 1, i);
		r += sprintf(r,
		             "<Relationship Id=\"rId%d\" Type=\"%s/worksheet\" "
		             "Target=\"worksheets/sheet%d.xml\"/>",
		             i, NS_REL, i);
		snprintf(names[i], sizeof(names[i]), "xl/worksheets/sheet%d.xml", i);
		parts[i] = (struct part){names[i], sheet, NULL};
	}
	strcpy(w, "</sheets></workbook>");
	strcpy(r, "</Relationships>");
	parts[SHEETS] = (struct part){"xl/workbook.xml", wb, NULL};
	parts[SHEETS + 1] = (struct part){"xl/_rels/workbook.xml.rels", rels, NULL};
	char *path = make_zip(*state, "many_sheets.xlsx", parts, SHEETS + 2);
	open_file(&o, path);
	assert_int_equal(o.st, PF_EINPUT);
	assert_int_equal(o.n, 0);
	expect_diag(&o.err, PF_SEV_ERROR, path, "the workbook has over 64 sheets to import");
	close_all(&o);
	free(sheet);
	free(path);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_portfolio_units),
	    cmocka_unit_test(test_initiativ_records),
	    cmocka_unit_test(test_effekter_records),
	    cmocka_unit_test(test_buffer),
	    cmocka_unit_test(test_date1904),
	    cmocka_unit_test(test_libreoffice),
	    cmocka_unit_test(test_cell_errors),
	    cmocka_unit_test(test_refused),
	    cmocka_unit_test_setup_teardown(test_zip_bomb, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_ratio_bomb, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_lying_header, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_long_cell, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_numbers, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_extreme_numbers, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_number_formats, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_error_cells, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_part_names, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_bad_sheets, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_skipped_sheets, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_broken_links, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_many_rows, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_mutations, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_chart_sheet, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_too_many_sheets, setup_dir, teardown_dir),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
