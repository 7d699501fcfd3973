/*
 * Tests for src/render/render_csv.c, src/render/render_md.c, src/render/render_html.c and
 * src/render/render_util.c: every report kind rendered in every format from the
 * documents under tests/data/render/ (the conformance expectations, a
 * hand-written initiative and priority document, and an all-null document
 * per kind), then read back: CSV with an RFC 4180 reader, Markdown by its
 * pipe tables, HTML with python3's XML parser. Also escaping of hostile
 * text, Swedish and English number formatting, the English md and html, and
 * documents of the wrong shape.
 *
 * PF_UPDATE_GOLDEN=1 rewrites the expected .csv/.md files from the output.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_util.h"
#include "testutil.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define DATA PF_TEST_DATA "/render/"

typedef pf_status (*renderer)(const pf_report *r, const pf_render_opts *o, char **out, size_t *len,
                              pf_error *err);

enum fmt { CSV, MD, HTML, FORMATS };
static const renderer renderers[FORMATS] = {pf_render_csv, pf_render_md, pf_render_html};

/* ---- helpers ---- */

/* Renders doc (kept) as a report of kind in a format and language; fails the test on error. */
static char *render_doc_in(pf_report_kind kind, json_t *doc, enum fmt f, pf_lang lang)
{
	pf_report r = {kind, {0}, doc};
	pf_render_opts o = {false, lang};
	pf_error err;
	char *out = NULL;
	size_t len = 0;
	pf_status st;

	pf_error_init(&err);
	st = renderers[f](&r, &o, &out, &len, &err);
	if (st != PF_OK)
		print_error("render: %s\n", err.count ? err.diags[0].message : "?");
	pf_error_clear(&err);
	assert_int_equal(st, PF_OK);
	assert_non_null(out);
	assert_int_equal(strlen(out), len);
	return out;
}

/* The same in Swedish, the default. */
static char *render_doc(pf_report_kind kind, json_t *doc, enum fmt f)
{
	return render_doc_in(kind, doc, f, PF_LANG_SV);
}

static json_t *load(const char *name)
{
	char path[4096];
	json_error_t jerr;
	json_t *doc;

	snprintf(path, sizeof(path), DATA "%s", name);
	doc = json_load_file(path, 0, &jerr);
	if (!doc)
		print_error("%s:%d: %s\n", path, jerr.line, jerr.text);
	assert_non_null(doc);
	return doc;
}

static json_t *parse(const char *text)
{
	json_error_t jerr;
	json_t *doc = json_loads(text, JSON_DECODE_ANY, &jerr);

	if (!doc)
		print_error("%d: %s\n", jerr.column, jerr.text);
	assert_non_null(doc);
	return doc;
}

static char *render_file(pf_report_kind kind, const char *name, enum fmt f)
{
	json_t *doc = load(name);
	char *out = render_doc(kind, doc, f);

	json_decref(doc);
	return out;
}

/* Whether text equals DATA/name; PF_UPDATE_GOLDEN rewrites the file first. */
static bool matches_expected(const char *text, const char *name)
{
	char path[4096];
	char *want;
	bool same;

	snprintf(path, sizeof(path), DATA "%s", name);
	if (getenv("PF_UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "wb");

		assert_non_null(f);
		fputs(text, f);
		fclose(f);
	}
	want = pf_test_read(path, NULL);
	if (!want) {
		print_error("%s: missing (run with PF_UPDATE_GOLDEN=1)\n", path);
		return false;
	}
	same = strcmp(want, text) == 0;
	if (!same)
		print_error("%s differs; got:\n%s\n", path, text);
	free(want);
	return same;
}

/* ---- an RFC 4180 reader ---- */

#define CSV_ROWS 64
#define CSV_COLS 32

struct csv {
	size_t nrows;
	size_t ncols[CSV_ROWS];
	char *field[CSV_ROWS][CSV_COLS];
};

/* Reads one field at *p (quoted or not); leaves *p on the delimiter or the end. */
static char *csv_field(const char **p)
{
	const char *s = *p;
	char *f = malloc(strlen(s) + 1), *d = f;

	assert_non_null(f);
	if (*s == '"') {
		for (s++;; s++) {
			assert_true(*s != '\0'); /* a quoted field must be closed */
			if (*s == '"' && s[1] == '"')
				*d++ = *s++;
			else if (*s == '"')
				break;
			else
				*d++ = *s;
		}
		s++;
		assert_true(*s == ',' || *s == '\n' || *s == '\0');
	} else {
		while (*s && *s != ',' && *s != '\n') {
			assert_true(*s != '"' && *s != '\r'); /* would have needed quotes */
			*d++ = *s++;
		}
	}
	*d = '\0';
	*p = s;
	return f;
}

/* Parses the whole text, which must end every record with LF. */
static void csv_read(struct csv *c, const char *text)
{
	const char *p = text;

	memset(c, 0, sizeof(*c));
	while (*p) {
		size_t r = c->nrows++;

		assert_true(r < CSV_ROWS);
		for (;;) {
			assert_true(c->ncols[r] < CSV_COLS);
			c->field[r][c->ncols[r]++] = csv_field(&p);
			if (*p == ',') {
				p++;
				continue;
			}
			assert_int_equal(*p, '\n');
			p++;
			break;
		}
	}
}

static void csv_free(struct csv *c)
{
	for (size_t r = 0; r < c->nrows; r++)
		for (size_t i = 0; i < c->ncols[r]; i++)
			free(c->field[r][i]);
}

/* The header joined by commas, to compare with one string. */
static char *csv_header(const struct csv *c)
{
	char *s = strdup("");

	for (size_t i = 0; s && i < c->ncols[0]; i++)
		s = pf_rjoin(s, i ? "," : "", strdup(c->field[0][i]));
	assert_non_null(s);
	return s;
}

/* ---- Markdown tables ---- */

/* The cells of a pipe-table line: unescaped pipes, minus the outer two. */
static size_t md_cells(const char *line)
{
	size_t pipes = 0;

	for (const char *p = line; *p && *p != '\n'; p++)
		if (*p == '|' && (p == line || p[-1] != '\\'))
			pipes++;
	return pipes - 1;
}

/*
 * The data rows of the pipe tables of text that come before stop (or the
 * end): tables from number first on, at most count of them. Checks that each
 * row has as many cells as its heading.
 */
static size_t md_rows(const char *text, const char *stop, size_t first, size_t count)
{
	const char *end = stop && strstr(text, stop) ? strstr(text, stop) : text + strlen(text);
	size_t table = 0, rows = 0, width = 0;
	bool in_table = false;

	for (const char *line = text, *next; line < end; line = next) {
		const char *nl = strchr(line, '\n');

		next = nl ? nl + 1 : line + strlen(line);
		if (*line != '|') {
			in_table = false;
			continue;
		}
		if (!in_table) {
			/* a heading row, then the delimiter row */
			in_table = true;
			width = md_cells(line);
			table++;
			assert_true(!strncmp(next, "| ---", 5));
			continue;
		}
		if (!strncmp(line, "| ---", 5))
			continue;
		assert_int_equal(md_cells(line), width);
		if (table > first && table <= first + count)
			rows++;
	}
	return rows;
}

/* ---- HTML ---- */

/*
 * Pages waiting for python3's XML parser, which checks them all in one run
 * (a start per page is slow); each page is parsed after its doctype line.
 */
struct pages {
	char *text[64];
	size_t n;
};

static const char xml_check[] =
    "python3 -c 'import sys,xml.etree.ElementTree as E\n"
    "bad=0\n"
    "for i,p in enumerate(sys.stdin.buffer.read().split(b\"\\0\")[:-1]):\n"
    " try: E.fromstring(p.split(b\"\\n\",1)[1])\n"
    " except Exception as e: print(\"page\",i,e,file=sys.stderr); bad=1\n"
    "sys.exit(bad)'";

static void pages_add(struct pages *p, const char *html)
{
	assert_true(p->n < COUNT_OF(p->text));
	p->text[p->n] = strdup(html);
	assert_non_null(p->text[p->n++]);
}

/* Whether every page is well-formed; frees them. */
static bool pages_check(struct pages *p)
{
	FILE *py = popen(xml_check, "w");

	assert_non_null(py);
	for (size_t i = 0; i < p->n; i++) {
		fwrite(p->text[i], 1, strlen(p->text[i]) + 1, py); /* with its NUL */
		free(p->text[i]);
	}
	p->n = 0;
	return pclose(py) == 0;
}

static bool well_formed(const char *html)
{
	struct pages p = {{NULL}, 0};

	pages_add(&p, html);
	return pages_check(&p);
}

static size_t count_of(const char *text, const char *what)
{
	size_t n = 0;

	for (const char *p = strstr(text, what); p; p = strstr(p + 1, what))
		n++;
	return n;
}

/* Checks a page; its well-formedness now, or later with pages_check() when batch is set. */
static void assert_page(const char *html, bool charts, struct pages *batch)
{
	assert_true(!strncmp(html, "<!DOCTYPE html>\n<html lang=\"sv\">", 32) ||
	            !strncmp(html, "<!DOCTYPE html>\n<html lang=\"en\">", 32));
	assert_non_null(strstr(html, "<meta charset=\"utf-8\"/>"));
	assert_non_null(strstr(html, "<title>"));
	assert_non_null(strstr(html, "<style>"));
	assert_non_null(strstr(html, "@media print"));
	assert_null(strstr(html, "http://"));
	assert_null(strstr(html, "https://"));
	/* one inline script in the head, which only adds the print date when printed */
	assert_int_equal(count_of(html, "<script"), 1);
	assert_non_null(strstr(html, "<script>addEventListener(\"beforeprint\""));
	assert_true(strstr(html, "<script") < strstr(html, "</head>"));
	assert_null(strstr(html, "<link"));
	if (charts) {
		assert_non_null(strstr(html, "<svg"));
		assert_non_null(strstr(html, "</svg>"));
	}
	/* every chart names itself: a <title> is its first child */
	assert_int_equal(count_of(html, "<svg"), count_of(html, "role=\"img\">\n<title>") +
	                                             count_of(html, "role=\"img\"><title>"));
	if (batch) {
		pages_add(batch, html);
	} else if (!well_formed(html)) {
		print_error("not well-formed:\n%s\n", html);
		fail();
	}
}

/* ---- the documents ---- */

struct doc_row {
	pf_report_kind kind;
	const char *file;
	const char *list;   /* the main list: CSV rows, the first Markdown table */
	const char *title;  /* the heading */
	const char *header; /* the CSV header */
};

#define H_QUARTER                                                                                  \
	"id,title,committee,rank,status,assessment,computed,realisation,previous_assessment,"      \
	"comment"
#define H_COMMITTEE                                                                                \
	"code,initiatives,by_status.idé,by_status.förstudie,by_status.beslutad,"                 \
	"by_status.pågående,by_status.pausad,by_status.avslutad,by_status.stoppad,indicators,"   \
	"measured,on_track,realisation,completed_in_year,innovative_share,missing_followups"
#define H_ROADMAP "initiative,title,horizon,year,status,assessment,realisation"
#define H_TRACE "code,informed,decisions,without_protocol,roadmaps,unreported_initiatives"
#define H_INITIATIVE                                                                               \
	"indicator_id,indicator,goal,unit,direction,baseline,baseline_date,target,target_date,"    \
	"method,owner,weight,benefit_type,benefit_sek,value,value_period,progress,expected,light"
#define H_PRIORITY                                                                                 \
	"id,title,committee,status,cross_cutting,innovative,it_hours,budget,start,end,score"
/* The real demo reports with the keys the builders added later (see test_render_table.c). */
#define GOLDEN "../golden/"

static const struct doc_row docs[] = {
    {PF_REPORT_QUARTER, "quarter-2025Q2.json", "initiatives", "Kvartalsrapport 2025Q2", H_QUARTER},
    {PF_REPORT_QUARTER, "quarter-2025Q3.json", "initiatives", "Kvartalsrapport 2025Q3", H_QUARTER},
    {PF_REPORT_COMMITTEE, "committee-2025Q2.json", "committees", "Nämndrapport 2025Q2",
     H_COMMITTEE},
    {PF_REPORT_COMMITTEE, "committee-2025Q3.json", "committees", "Nämndrapport 2025Q3",
     H_COMMITTEE},
    {PF_REPORT_ROADMAP, "roadmap-HR-2025Q3.json", "items", "Digital färdplan HR, version 2025",
     H_ROADMAP},
    {PF_REPORT_TRACEABILITY, "traceability-2025.json", "committees", "Spårbarhet 2025", H_TRACE},
    {PF_REPORT_INITIATIVE, "initiative-P-01.json", "indicators", "Initiativ P-01: Digital kallelse",
     H_INITIATIVE},
    {PF_REPORT_PRIORITY, "priority-2025Q3.json", "waiting", "Prioriteringsunderlag 2025Q3",
     H_PRIORITY},
    {PF_REPORT_QUARTER, "null-quarter.json", "initiatives", "Kvartalsrapport –", H_QUARTER},
    {PF_REPORT_COMMITTEE, "null-committee.json", "committees", "Nämndrapport –", H_COMMITTEE},
    {PF_REPORT_ROADMAP, "null-roadmap.json", "items", "Digital färdplan –, version –", H_ROADMAP},
    {PF_REPORT_TRACEABILITY, "null-traceability.json", "committees", "Spårbarhet –", H_TRACE},
    {PF_REPORT_INITIATIVE, "null-initiative.json", "indicators", "Initiativ –: –", H_INITIATIVE},
    {PF_REPORT_PRIORITY, "null-priority.json", "waiting", "Prioriteringsunderlag –", H_PRIORITY},
    {PF_REPORT_COMMITTEE, GOLDEN "committee-benefits.json", "committees", "Nämndrapport 2025Q4",
     H_COMMITTEE},
    {PF_REPORT_INITIATIVE, GOLDEN "initiative-benefits.json", "indicators",
     "Initiativ KBN-01: Ärendehanteringssystem för bidrag", H_INITIATIVE},
    {PF_REPORT_PRIORITY, GOLDEN "priority-score.json", "waiting", "Prioriteringsunderlag 2025Q3",
     H_PRIORITY},
    {PF_REPORT_COMMITTEE, "null-committee-benefits.json", "committees", "Nämndrapport –",
     H_COMMITTEE},
    {PF_REPORT_INITIATIVE, "null-initiative-benefits.json", "indicators", "Initiativ –: –",
     H_INITIATIVE},
    {PF_REPORT_PRIORITY, "null-priority-score.json", "waiting", "Prioriteringsunderlag –",
     H_PRIORITY},
    {PF_REPORT_COMMITTEE, GOLDEN "committee-lights.json", "committees", "Nämndrapport 2025Q3",
     H_COMMITTEE},
};

static size_t list_size(const struct doc_row *d)
{
	json_t *doc = load(d->file);
	size_t n = json_array_size(json_object_get(doc, d->list));

	json_decref(doc);
	return n;
}

/* ---- CSV ---- */

static void test_csv_tables(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(docs); i++) {
		char *text = render_file(docs[i].kind, docs[i].file, CSV);
		struct csv c;
		char *header;

		assert_null(strchr(text, '\r'));
		csv_read(&c, text);
		header = csv_header(&c);
		assert_string_equal(header, docs[i].header);
		assert_int_equal(c.nrows, 1 + list_size(&docs[i]));
		for (size_t r = 1; r < c.nrows; r++)
			assert_int_equal(c.ncols[r], c.ncols[0]);
		free(header);
		csv_free(&c);
		free(text);
	}
}

static void test_csv_expected(void **state)
{
	static const struct {
		pf_report_kind kind;
		const char *input, *expected;
	} rows[] = {
	    {PF_REPORT_QUARTER, "quarter-2025Q3.json", "quarter-2025Q3.csv"},
	    {PF_REPORT_COMMITTEE, "committee-2025Q3.json", "committee-2025Q3.csv"},
	    {PF_REPORT_TRACEABILITY, "traceability-2025.json", "traceability-2025.csv"},
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		char *text = render_file(rows[i].kind, rows[i].input, CSV);

		assert_true(matches_expected(text, rows[i].expected));
		free(text);
	}
}

/* Values as JSON writes them; a status missing from by_status counts 0. */
static void test_csv_values(void **state)
{
	char *text = render_file(PF_REPORT_COMMITTEE, "committee-2025Q3.json", CSV);
	struct csv c;

	(void)state;
	csv_read(&c, text);
	assert_string_equal(c.field[1][0], "HSN");
	assert_string_equal(c.field[1][2], "1"); /* by_status.idé */
	assert_string_equal(c.field[1][3], "0"); /* by_status.förstudie: absent */
	assert_string_equal(c.field[1][12], "0.625");
	assert_string_equal(c.field[1][14], "1.0");
	csv_free(&c);
	free(text);

	text = render_file(PF_REPORT_COMMITTEE, "null-committee.json", CSV);
	csv_read(&c, text);
	for (size_t i = 0; i < c.ncols[1]; i++)
		assert_string_equal(c.field[1][i], "");
	csv_free(&c);
	free(text);
}

/* The priority list's score is its last column; empty for a document made before scores. */
static void test_csv_score(void **state)
{
	char *text = render_file(PF_REPORT_PRIORITY, GOLDEN "priority-score.json", CSV);
	struct csv c;

	(void)state;
	csv_read(&c, text);
	assert_string_equal(c.field[1][0], "KTN-02");
	assert_string_equal(c.field[1][10], "50.1");
	assert_string_equal(c.field[3][10], "20.0");
	csv_free(&c);
	free(text);

	text = render_file(PF_REPORT_PRIORITY, "priority-2025Q3.json", CSV);
	csv_read(&c, text);
	assert_int_equal(c.ncols[1], 11);
	assert_string_equal(c.field[1][10], "");
	csv_free(&c);
	free(text);

	/* the committee's benefit realisation is no list of rows: its csv is as it was */
	text = render_file(PF_REPORT_COMMITTEE, GOLDEN "committee-benefits.json", CSV);
	csv_read(&c, text);
	assert_int_equal(c.nrows, 6);
	assert_int_equal(c.ncols[0], 16);
	csv_free(&c);
	free(text);
}

/* Commas, quotes, newlines and CR survive a round trip through RFC 4180 quoting. */
/* The quarter report's csv of doc (one initiative) with its title set to title, read back. */
static void quarter_with_title(struct csv *c, const char *doc_text, const char *title)
{
	json_t *doc = parse(doc_text);
	char *text;

	json_object_set_new(json_array_get(json_object_get(doc, "initiatives"), 0), "title",
	                    json_string(title));
	text = render_doc(PF_REPORT_QUARTER, doc, CSV);
	csv_read(c, text);
	assert_int_equal(c->nrows, 2);
	free(text);
	json_decref(doc);
}

static void test_csv_quoting(void **state)
{
	static const char *const titles[] = {
	    "a,b", "say \"hi\"", "two\nlines", "cr\r\nlf", "\"", ",", "", "plain åäö", "x\"\"y",
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(titles); i++) {
		struct csv c;

		quarter_with_title(&c,
		                   "{\"initiatives\":[{\"id\":\"P-1\",\"title\":null,\"rank\":2}]}",
		                   titles[i]);
		assert_string_equal(c.field[1][1], titles[i]);
		assert_string_equal(c.field[1][3], "2");
		csv_free(&c);
	}
}

/* FORMATS.md's "Formulas": a text a spreadsheet would run gets a `'`; numbers never do. */
static void test_csv_formulas(void **state)
{
	static const struct {
		const char *title, *want;
	} rows[] = {
	    {"=HYPERLINK(\"http://x\",\"y\")", "'=HYPERLINK(\"http://x\",\"y\")"},
	    {"+46 70 123", "'+46 70 123"},
	    {"-minus", "'-minus"},
	    {"@SUM(A1)", "'@SUM(A1)"},
	    {"\tTAB", "'\tTAB"},
	    {"\rCR", "'\rCR"},
	    {"'=own mark", "''=own mark"},
	    {"'plain", "'plain"},
	    {"a=b", "a=b"},
	    {"", ""},
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		struct csv c;

		quarter_with_title(&c,
		                   "{\"initiatives\":[{\"id\":\"-P1\",\"title\":null,\"rank\":-2,"
		                   "\"realisation\":-0.5}]}",
		                   rows[i].title);
		assert_string_equal(c.field[1][0], "'-P1");
		assert_string_equal(c.field[1][1], rows[i].want);
		assert_string_equal(c.field[1][3], "-2");
		assert_string_equal(c.field[1][7], "-0.5");
		csv_free(&c);
	}
}

/* Traceability's lists are joined by ";" inside one field. */
static void test_csv_lists(void **state)
{
	char *text = render_file(PF_REPORT_TRACEABILITY, "traceability-2025.json", CSV);
	struct csv c;

	(void)state;
	csv_read(&c, text);
	assert_string_equal(c.field[3][0], "RS");
	assert_string_equal(c.field[3][4], "HR 2025 (2025-02-01): rapporterad");
	assert_string_equal(c.field[3][5], "P-02;P-03");
	assert_string_equal(c.field[2][4], "KU 2025-2027 (2025-01-15): ej rapporterad");
	csv_free(&c);
	free(text);
}

/* ---- Markdown ---- */

static void test_md_tables(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(docs); i++) {
		const struct doc_row *d = &docs[i];
		char *text = render_file(d->kind, d->file, MD);
		char heading[256];
		size_t rows;

		snprintf(heading, sizeof(heading), "# %s\n", d->title);
		assert_true(!strncmp(text, heading, strlen(heading)));
		/* a roadmap's items are spread over one table per horizon */
		if (d->kind == PF_REPORT_ROADMAP)
			rows = md_rows(text, "\n## Ändringar", 0, 5);
		else
			rows = md_rows(text, NULL, 0, 1);
		assert_int_equal(rows, list_size(d));
		md_rows(text, NULL, 0, 100); /* every table's rows as wide as its heading */
		free(text);
	}
}

static void test_md_expected(void **state)
{
	char *text = render_file(PF_REPORT_QUARTER, "quarter-2025Q3.json", MD);

	(void)state;
	assert_true(matches_expected(text, "quarter-2025Q3.md"));
	assert_non_null(strstr(text, "| 62,5 % |"));
	assert_non_null(strstr(text, "| ● grön |"));
	assert_non_null(strstr(text, "| ◐ gul |"));
	assert_non_null(strstr(text, "| ○ röd |"));
	assert_non_null(strstr(text, "## Saknar uppföljning\n\n- P-04\n- P-05\n"));
	free(text);

	text = render_file(PF_REPORT_TRACEABILITY, "traceability-2025.json", MD);
	assert_non_null(strstr(text, "- **RS:** P-02, P-03\n"));
	assert_non_null(strstr(text, "| ✗ nej |"));
	free(text);
}

/*
 * A stale value's light is marked where it is shown (FORMATS.md section 4),
 * in md and html, Swedish and English: KBN-01-M5's 2025Q2 value at 2025Q4.
 * The committee report names what has no value for P and counts the stale.
 */
static void test_stale_marks(void **state)
{
	static const struct {
		enum fmt f;
		pf_lang lang;
		const char *mark, *section, *row;
	} rows[] = {
	    {MD, PF_LANG_SV, "| ○ röd (inaktuell, 2025Q2) |", "\n## Ej mätta detta kvartal\n",
	     "| RUN | 1 | RUN-01-I1, RUN-01-I2, RUN-02-I1 |\n"},
	    {MD, PF_LANG_EN, "| ○ red (stale, 2025Q2) |", "\n## Not measured this quarter\n",
	     "| KBN | 2 | KBN-01-M1, "},
	    {HTML, PF_LANG_SV, "○ röd (inaktuell, 2025Q2)</", ">Ej mätta detta kvartal</",
	     ">RUN-01-I1, RUN-01-I2, RUN-02-I1</"},
	    {HTML, PF_LANG_EN, "○ red (stale, 2025Q2)</", ">Not measured this quarter</",
	     ">Stale</"},
	};
	json_t *ind = load(GOLDEN "initiative-stale.json");
	json_t *com = load(GOLDEN "committee-benefits.json");

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		char *text = render_doc_in(PF_REPORT_INITIATIVE, ind, rows[i].f, rows[i].lang);

		if (!strstr(text, rows[i].mark))
			fail_msg("row %zu: no %s in\n%s", i, rows[i].mark, text);
		/* Only the stale one is marked. */
		assert_null(strstr(strstr(text, rows[i].mark) + strlen(rows[i].mark),
		                   rows[i].lang == PF_LANG_EN ? "(stale" : "(inaktuell"));
		free(text);
		text = render_doc_in(PF_REPORT_COMMITTEE, com, rows[i].f, rows[i].lang);
		if (!strstr(text, rows[i].section) || !strstr(text, rows[i].row))
			fail_msg("row %zu: no %s or %s in\n%s", i, rows[i].section, rows[i].row,
			         text);
		free(text);
	}
	json_decref(ind);
	json_decref(com);
}

/* Benefit realisation, scores and the list's changes, each a section of its own. */
static void test_md_new_sections(void **state)
{
	char *text = render_file(PF_REPORT_COMMITTEE, GOLDEN "committee-benefits.json", MD);

	(void)state;
	assert_true(matches_expected(text, "committee-benefits.md"));
	assert_non_null(strstr(text,
	                       "\n## Effekthemtagning\n\n"
	                       "| Nämnd | Avslutade | Mäts fortfarande | Mätningen upphört |\n"
	                       "| --- | ---: | --- | --- |\n"
	                       "| HSN | 1 | HSN-03 | inga |\n"));
	assert_non_null(strstr(text, "| RS | 2 | RS-02, RS-07 | inga |\n"));
	assert_non_null(strstr(text, "| RUN | 1 | inga | RUN-02 |\n"));
	assert_non_null(strstr(text, "\n## Nyckeltal per år\n\n"
	                             "| Nämnd | År | Slutförda | Andel innovativa |\n"));
	assert_non_null(strstr(text, "| HSN | 2025 | 1 | 66,7 % |\n"));
	assert_non_null(strstr(text, "\n## Nyttor\n\n| Nämnd | Nyttotyp | Utlovat (kr/år) | "
	                             "Realiserat (kr/år) | Andel realiserad |\n"));
	assert_non_null(strstr(text, "| HSN | ekonomisk | 3 120 000 | 2 184 000 | 70,0 % |\n"));
	assert_non_null(strstr(text, "\n## Ej mätta indikatorer\n\n| Nämnd | Indikatorer |\n"));
	assert_non_null(strstr(text, "| KBN | KBN-01-M7b |\n"));
	assert_int_equal(md_rows(text, "\n## Nyckeltal per år", 2, 1), 5);
	assert_int_equal(md_rows(text, "\n## Ej mätta", 3, 1), 13);
	free(text);

	text = render_file(PF_REPORT_INITIATIVE, GOLDEN "initiative-benefits.json", MD);
	assert_non_null(strstr(text,
	                       "\n## Nyttor\n\n| Nyttotyp | Utlovat (kr/år) | "
	                       "Realiserat (kr/år) | Andel realiserad |\n| --- | ---: | ---: | "
	                       "---: |\n| ekonomisk | 75 000 | 33 000 | 44,0 % |\n"
	                       "| omfördelning | 1 400 000 | 575 942 | 41,1 % |\n"));
	assert_non_null(strstr(text, "\n## Ej mätta indikatorer\n\n- KBN-01-M7b\n"));
	free(text);

	text = render_file(PF_REPORT_PRIORITY, GOLDEN "priority-score.json", MD);
	assert_non_null(strstr(text, "| Initiativ | Poäng | Innovativ |"));
	assert_non_null(strstr(text, "| Poängens delar |\n"));
	assert_non_null(strstr(text, "| Autonoma fordon – testbädd | 50,1 | ja |"));
	assert_non_null(strstr(text, "| nytta 0 · IT 0,93 · mognad 0,6 · innov 1 · mätbar 0 |\n"));
	assert_non_null(strstr(text, "\n## Förändring mot föregående lista (2025Q1)\n\n"
	                             "### Nya på listan\n\n- RS-06\n\n"
	                             "### Lämnat listan\n\n- RS-02\n\n"
	                             "### Flyttade upp\n\n- RS-01 3 → 2\n- KBN-01 5 → 4\n"));
	assert_non_null(strstr(text, "### Flyttade ned\n\n- KTN-01 2 → 3\n"));
	free(text);

	/* documents made before the new keys show none of it */
	text = render_file(PF_REPORT_COMMITTEE, "committee-2025Q3.json", MD);
	assert_null(strstr(text, "Effekthemtagning"));
	assert_null(strstr(text, "Nyttor"));
	free(text);
	text = render_file(PF_REPORT_PRIORITY, "priority-2025Q3.json", MD);
	assert_null(strstr(text, "Poäng"));
	assert_null(strstr(text, "Förändring"));
	free(text);
	text = render_file(PF_REPORT_INITIATIVE, "initiative-P-01.json", MD);
	assert_null(strstr(text, "Nyttor"));
	assert_null(strstr(text, "Ej mätta indikatorer"));
	free(text);
}

/* A roadmap whose name already says färdplan is not called "Digital färdplan" twice. */
static void test_md_roadmap_title(void **state)
{
	json_t *doc = parse("{\"roadmap\":\"Digital färdplan Kultur och bildning\","
	                    "\"version\":\"2024 uppdaterad 2024-10-22\"}");
	char *text = render_doc(PF_REPORT_ROADMAP, doc, MD);

	(void)state;
	assert_true(
	    !strncmp(text,
	             "# Digital färdplan Kultur och bildning, version 2024 uppdaterad "
	             "2024-10-22\n",
	             strlen("# Digital färdplan Kultur och bildning, version 2024 uppdaterad "
	                    "2024-10-22\n")));
	free(text);
	json_decref(doc);
}

/* Text cannot become markup: pipes, emphasis, HTML and block openers are escaped. */
static void test_md_escape(void **state)
{
	json_t *doc = parse("{\"period\":\"2025Q3\",\"initiatives\":[{\"id\":\"P-1\","
	                    "\"title\":\"a|b *c* <script> [x](y) _z_\","
	                    "\"comment\":\"one\\ntwo\"}],\"missing\":[\"- x\",\"1. y\",\"# z\"]}");
	char *text = render_doc(PF_REPORT_QUARTER, doc, MD);

	(void)state;
	assert_non_null(strstr(text, "a\\|b \\*c\\* \\<script\\> \\[x\\](y) \\_z\\_"));
	assert_non_null(strstr(text, "one<br>two"));
	assert_non_null(strstr(text, "- \\- x\n- 1\\. y\n- \\# z\n"));
	assert_int_equal(md_rows(text, NULL, 0, 1), 1);
	free(text);
	json_decref(doc);
}

/* ---- HTML ---- */

static void test_html_pages(void **state)
{
	struct pages batch = {{NULL}, 0};

	(void)state;
	/* the checker itself rejects what is not well-formed */
	assert_false(well_formed("<!DOCTYPE html>\n<p>unclosed"));
	assert_false(well_formed("<!DOCTYPE html>\n<p>&nbsp;</p>"));
	assert_true(well_formed("<!DOCTYPE html>\n<p>å &amp; ä</p>"));
	pages_add(&batch, "<!DOCTYPE html>\n<p>good</p>");
	pages_add(&batch, "<!DOCTYPE html>\n<p>bad</b>");
	assert_false(pages_check(&batch));
	for (size_t i = 0; i < COUNT_OF(docs); i++) {
		char *text = render_file(docs[i].kind, docs[i].file, HTML);
		char want[256];

		assert_page(text, strncmp(docs[i].file, "null-", 5) != 0, &batch);
		snprintf(want, sizeof(want), "<h1>%s</h1>", docs[i].title);
		assert_non_null(strstr(text, want));
		free(text);
	}
	assert_true(pages_check(&batch));
}

/* Titles with markup and quotes, everywhere a title is shown. */
static void test_html_escape(void **state)
{
	static const char hostile[] = "<script>alert(\"x\")</script> & 'q'";
	static const char escaped[] =
	    "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &#39;q&#39;";
	static const struct {
		pf_report_kind kind;
		const char *file, *list, *key;
	} rows[] = {
	    {PF_REPORT_QUARTER, "quarter-2025Q3.json", "initiatives", "title"},
	    {PF_REPORT_ROADMAP, "roadmap-HR-2025Q3.json", "items", "title"},
	    {PF_REPORT_PRIORITY, "priority-2025Q3.json", "waiting", "title"},
	    {PF_REPORT_INITIATIVE, "initiative-P-01.json", "indicators", "indicator"},
	    {PF_REPORT_COMMITTEE, "committee-2025Q3.json", "committees", "code"},
	    {PF_REPORT_TRACEABILITY, "traceability-2025.json", "committees", "code"},
	};
	struct pages batch = {{NULL}, 0};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		json_t *doc = load(rows[i].file);
		char *text;

		json_object_set_new(json_array_get(json_object_get(doc, rows[i].list), 0),
		                    rows[i].key, json_string(hostile));
		if (rows[i].kind == PF_REPORT_INITIATIVE)
			json_object_set_new(json_object_get(doc, "initiative"), "title",
			                    json_string(hostile));
		text = render_doc(rows[i].kind, doc, HTML);
		assert_page(text, true, &batch);
		assert_int_equal(count_of(text, "<script"), 1); /* the print date's, no other */
		assert_non_null(strstr(text, escaped));
		free(text);
		json_decref(doc);
	}
	assert_true(pages_check(&batch));
}

/* Lights as symbol, word and colour, in tables and charts. */
static void test_html_lights(void **state)
{
	char *text = render_file(PF_REPORT_QUARTER, "quarter-2025Q3.json", HTML);

	(void)state;
	assert_non_null(strstr(text, "<span class=\"light green\">● grön</span>"));
	assert_non_null(strstr(text, "<span class=\"light yellow\">◐ gul</span>"));
	assert_non_null(strstr(text, "<span class=\"light red\">○ röd</span>"));
	assert_non_null(strstr(text, ">grön</text>"));
	assert_non_null(strstr(text, "62,5 %"));
	assert_non_null(strstr(text, "ej mätt"));
	free(text);
}

/* One chart per indicator with a series, its points on the measured line. */
static void test_html_charts(void **state)
{
	char *text = render_file(PF_REPORT_INITIATIVE, "initiative-P-01.json", HTML);

	(void)state;
	/* E-01-1 and E-01-2 have series; E-01-3 has none */
	assert_int_equal(count_of(text, "<figure>"), 3);
	assert_int_equal(count_of(text, "<svg class=\"chart\""), 2);
	assert_int_equal(count_of(text, "<polyline"), 4);
	assert_non_null(strstr(text, "Inga mätvärden ännu."));
	assert_non_null(strstr(text, "mål 80 %"));
	free(text);

	text = render_file(PF_REPORT_PRIORITY, "priority-2025Q3.json", HTML);
	/* two quarters over capacity of four */
	assert_int_equal(count_of(text, ">över</text>"), 2);
	assert_int_equal(count_of(text, "stroke-dasharray=\"6 4\""), 4 + 1);
	free(text);

	text = render_file(PF_REPORT_ROADMAP, "roadmap-HR-2025Q3.json", HTML);
	assert_int_equal(count_of(text, "<div class=\"column\">"), 4);
	assert_int_equal(count_of(text, "<div class=\"card "), 2);
	assert_non_null(strstr(text, "flyttad från senare"));
	free(text);

	text = render_file(PF_REPORT_TRACEABILITY, "traceability-2025.json", HTML);
	assert_non_null(strstr(text, "✓ HR 2025 (2025-02-01)"));
	assert_non_null(strstr(text, "✗ KU 2025-2027 (2025-01-15)"));
	free(text);
}

/*
 * The committee × quarter matrix of lights_by_quarter: each cell the light with
 * the realisation beneath, in md and html; a null light is "– ej mätt".
 */
static void test_lights_by_quarter(void **state)
{
	struct pages batch = {{NULL}, 0};
	json_t *doc = load(GOLDEN "committee-lights.json");
	json_t *first =
	    json_array_get(json_object_get(json_array_get(json_object_get(doc, "committees"), 0),
	                                   "lights_by_quarter"),
	                   0);
	char *text = render_doc(PF_REPORT_COMMITTEE, doc, MD);

	(void)state;
	assert_non_null(strstr(text, "\n## Ljus per kvartal\n\n"
	                             "| Nämnd | 2024Q4 | 2025Q1 | 2025Q2 | 2025Q3 |\n"
	                             "| --- | --- | --- | --- | --- |\n"
	                             "| HSN | ● grön<br>31,0 % | ● grön<br>48,4 % | "
	                             "● grön<br>60,8 % | ◐ gul<br>66,2 % |\n"));
	free(text);
	text = render_doc(PF_REPORT_COMMITTEE, doc, HTML);
	assert_page(text, true, &batch);
	assert_non_null(strstr(text, "<h2>Ljus per kvartal</h2>"));
	assert_non_null(strstr(text, "<th scope=\"col\">2024Q4</th>"));
	/* only the light is coloured, the realisation beneath it is not */
	assert_non_null(strstr(text, "<tr><td>KBN</td><td><span class=\"light yellow\">◐ gul</span>"
	                             "<br/>3,1 %</td>"));
	free(text);
	text = render_doc_in(PF_REPORT_COMMITTEE, doc, HTML, PF_LANG_EN);
	assert_non_null(strstr(text, "<h2>Lights by quarter</h2>"));
	free(text);

	/* nothing measured: no light, no realisation */
	json_object_set_new(first, "light", json_null());
	json_object_set_new(first, "realisation", json_null());
	text = render_doc(PF_REPORT_COMMITTEE, doc, MD);
	assert_non_null(strstr(text, "| HSN | – ej mätt<br>– | ● grön<br>48,4 % |"));
	free(text);
	text = render_doc(PF_REPORT_COMMITTEE, doc, HTML);
	assert_page(text, true, &batch);
	assert_non_null(strstr(text, "<tr><td>HSN</td><td>– ej mätt<br/>–</td>"));
	free(text);

	/* an empty list: no section */
	json_object_set_new(json_array_get(json_object_get(doc, "committees"), 0),
	                    "lights_by_quarter", json_array());
	for (size_t i = 1; i < json_array_size(json_object_get(doc, "committees")); i++)
		json_object_del(json_array_get(json_object_get(doc, "committees"), i),
		                "lights_by_quarter");
	text = render_doc(PF_REPORT_COMMITTEE, doc, MD);
	assert_null(strstr(text, "Ljus per kvartal"));
	free(text);
	json_decref(doc);
	assert_true(pages_check(&batch));
}

/* The new sections in html: tables, the benefit chart, the score's bars, the list's changes. */
static void test_html_new_sections(void **state)
{
	struct pages batch = {{NULL}, 0};
	char *text = render_file(PF_REPORT_COMMITTEE, GOLDEN "committee-benefits.json", HTML);

	(void)state;
	assert_page(text, true, &batch);
	assert_non_null(strstr(text, "<h2>Effekthemtagning</h2>"));
	/* the initiative no longer measured, red */
	assert_non_null(strstr(text, "<td><span class=\"light red\">RUN-02</span></td>"));
	assert_non_null(strstr(text, "<h2>Nyckeltal per år</h2>"));
	assert_non_null(strstr(text, "<h2>Ej mätta indikatorer</h2>"));
	assert_non_null(strstr(text, "<td>KBN-01-M7b</td>"));
	/* the chart: the committees' totals per benefit type, promised and realised */
	assert_non_null(strstr(text, "<h2>Nyttor</h2>\n<svg class=\"chart\""));
	assert_non_null(
	    strstr(text, "<title>Utlovad och realiserad nytta per nyttotyp, kr/år</title>"));
	assert_non_null(
	    strstr(text, "<title>ekonomisk: 3 083 667 av 7 595 000 kr/år (40,6 %)</title>"));
	assert_non_null(
	    strstr(text, "<title>omfördelning: 6 704 680 av 11 760 000 kr/år (57,0 %)</title>"));
	/* the largest value fills the bar: 11 760 000 kr promised, 300 units */
	assert_non_null(strstr(text, "width=\"300\" height=\"16\""));
	assert_non_null(
	    strstr(text, "<td class=\"num\">4 261 905</td><td class=\"num\">58,4 %</td>"));
	free(text);

	text = render_file(PF_REPORT_INITIATIVE, GOLDEN "initiative-benefits.json", HTML);
	assert_page(text, true, &batch);
	assert_non_null(strstr(text, "<h2>Nyttor</h2>\n<svg class=\"chart\""));
	assert_non_null(strstr(text, "<title>omfördelning: 575 942 av 1 400 000 kr/år (41,1 %)"));
	assert_non_null(strstr(text, "<h2>Ej mätta indikatorer</h2>\n<ul class=\"plain ids\">\n"
	                             "<li>KBN-01-M7b</li>\n</ul>"));
	free(text);

	text = render_file(PF_REPORT_PRIORITY, GOLDEN "priority-score.json", HTML);
	assert_page(text, true, &batch);
	assert_non_null(strstr(text, "<th scope=\"col\" class=\"num\">Poäng</th>"));
	assert_non_null(strstr(text, "<h2>Poängens delar</h2>"));
	/* nine waiting initiatives, each with a bar for its score and for each of five parts */
	assert_int_equal(count_of(text, "<svg class=\"mini\""), 9 * 6);
	assert_non_null(strstr(text, "<title>IT-last 0,93</title>"));
	assert_non_null(strstr(text, "<h2>Förändring mot föregående lista (2025Q1)</h2>"));
	assert_non_null(strstr(text, "<h3>Flyttade ned</h3>\n<ul class=\"plain\">\n"
	                             "<li>KTN-01 2 → 3</li>"));
	free(text);

	/* documents made before the new keys show none of it */
	text = render_file(PF_REPORT_PRIORITY, "priority-2025Q3.json", HTML);
	assert_null(strstr(text, "Poäng"));
	assert_null(strstr(text, "Förändring"));
	free(text);
	text = render_file(PF_REPORT_COMMITTEE, "committee-2025Q3.json", HTML);
	assert_null(strstr(text, "Effekthemtagning"));
	assert_int_equal(count_of(text, "<svg"), 2);
	free(text);
	assert_true(pages_check(&batch));
}

/* ---- English ---- */

/* The same documents in English: labels, words and numbers; the documents' text as it is. */
static void test_english(void **state)
{
	struct pages batch = {{NULL}, 0};
	json_t *doc = load("quarter-2025Q3.json");
	char *text = render_doc_in(PF_REPORT_QUARTER, doc, MD, PF_LANG_EN);

	(void)state;
	assert_true(matches_expected(text, "quarter-2025Q3.en.md"));
	assert_true(
	    !strncmp(text, "# Quarterly report 2025Q3\n", strlen("# Quarterly report 2025Q3\n")));
	assert_non_null(strstr(text, "| 62.5 % |"));
	assert_non_null(strstr(text, "| ● green |"));
	assert_non_null(strstr(text, "| ◐ yellow |"));
	assert_non_null(strstr(text, "| ○ red |"));
	assert_non_null(strstr(text, "| ongoing |"));
	assert_non_null(strstr(text, "## Missing follow-up\n\n- P-04\n- P-05\n"));
	free(text);

	text = render_doc_in(PF_REPORT_QUARTER, doc, HTML, PF_LANG_EN);
	assert_true(!strncmp(text, "<!DOCTYPE html>\n<html lang=\"en\">", 32));
	assert_non_null(strstr(text, "<h1>Quarterly report 2025Q3</h1>"));
	assert_non_null(strstr(text, "<span class=\"light yellow\">◐ yellow</span>"));
	assert_non_null(strstr(text, ">green</text>"));
	assert_non_null(strstr(text, "62.5 %"));
	assert_non_null(strstr(text, "not measured"));
	assert_non_null(strstr(text, "<p>Lights: "));
	free(text);
	json_decref(doc);

	/* every document in English: the main lists as long, pages well-formed, csv unchanged */
	for (size_t i = 0; i < COUNT_OF(docs); i++) {
		const struct doc_row *d = &docs[i];
		char *sv, *en;

		doc = load(d->file);
		text = render_doc_in(d->kind, doc, MD, PF_LANG_EN);
		if (d->kind != PF_REPORT_ROADMAP)
			assert_int_equal(md_rows(text, NULL, 0, 1), list_size(d));
		md_rows(text, NULL, 0, 100);
		free(text);
		text = render_doc_in(d->kind, doc, HTML, PF_LANG_EN);
		assert_page(text, strncmp(d->file, "null-", 5) != 0, &batch);
		free(text);
		sv = render_doc_in(d->kind, doc, CSV, PF_LANG_SV);
		en = render_doc_in(d->kind, doc, CSV, PF_LANG_EN);
		assert_string_equal(sv, en);
		free(sv);
		free(en);
		json_decref(doc);
	}
	assert_true(pages_check(&batch));

	doc = load("traceability-2025.json");
	text = render_doc_in(PF_REPORT_TRACEABILITY, doc, MD, PF_LANG_EN);
	assert_true(!strncmp(text, "# Traceability 2025\n", strlen("# Traceability 2025\n")));
	assert_non_null(strstr(text, "| ✗ no |"));
	free(text);
	text = render_doc_in(PF_REPORT_TRACEABILITY, doc, HTML, PF_LANG_EN);
	assert_non_null(strstr(text, "✗ KU 2025-2027 (2025-01-15)</span> not reported"));
	free(text);
	json_decref(doc);

	doc = load(GOLDEN "committee-benefits.json");
	text = render_doc_in(PF_REPORT_COMMITTEE, doc, MD, PF_LANG_EN);
	assert_non_null(strstr(text, "\n## Benefit realisation\n\n| Committee | Completed | "
	                             "Still measured | Measuring stopped |\n"));
	assert_non_null(strstr(text, "| RUN | 1 | none | RUN-02 |\n"));
	assert_non_null(
	    strstr(text, "| HSN | redistribution | 7,300,000 | 4,261,905 | 58.4 % |\n"));
	assert_non_null(strstr(text, "\n## Unmeasured indicators\n"));
	free(text);
	text = render_doc_in(PF_REPORT_COMMITTEE, doc, HTML, PF_LANG_EN);
	assert_non_null(strstr(text, "<title>financial: 3,083,667 of 7,595,000 SEK/year (40.6 %)"));
	free(text);
	json_decref(doc);
	doc = load(GOLDEN "priority-score.json");
	text = render_doc_in(PF_REPORT_PRIORITY, doc, MD, PF_LANG_EN);
	assert_non_null(
	    strstr(text, "| benefit 0 · IT 0.93 · readiness 0.6 · innov 1 · measurable 0 |"));
	assert_non_null(strstr(text, "\n## Change from the previous list (2025Q1)\n\n"
	                             "### New on the list\n"));
	free(text);
	json_decref(doc);

	doc = load("roadmap-HR-2025Q3.json");
	text = render_doc_in(PF_REPORT_ROADMAP, doc, HTML, PF_LANG_EN);
	assert_non_null(strstr(text, "moved from later"));
	assert_non_null(strstr(text, "<h3>Year 1 (2025)</h3>"));
	free(text);
	text = render_doc_in(PF_REPORT_ROADMAP, doc, MD, PF_LANG_EN);
	assert_non_null(strstr(text, "- P-05 later → year 2\n"));
	free(text);
	json_decref(doc);
}

/* ---- numbers ---- */

static void test_numbers(void **state)
{
	/* Swedish: decimal comma, spaces from 10 000; English: decimal point, commas from 1,000. */
	static const struct {
		const char *json, *value, *pct, *value_en, *pct_en;
	} rows[] = {
	    /* printf rounds the exact half to even */
	    {"0.625", "0,62", "62,5 %", "0.62", "62.5 %"},
	    {"1.0", "1", "100,0 %", "1", "100.0 %"},
	    {"0", "0", "0,0 %", "0", "0.0 %"},
	    {"1234", "1234", "123400,0 %", "1,234", "123400.0 %"},
	    {"12345", "12 345", "1234500,0 %", "12,345", "1234500.0 %"},
	    {"-1250000", "-1 250 000", "-125000000,0 %", "-1,250,000", "-125000000.0 %"},
	    {"250.5", "250,5", "25050,0 %", "250.5", "25050.0 %"},
	    {"1450.5", "1450,5", "145050,0 %", "1,450.5", "145050.0 %"},
	    {"-1234567.25", "-1234567,25", "-123456725,0 %", "-1,234,567.25", "-123456725.0 %"},
	    {"999.999", "1000", "99999,9 %", "1,000", "99999.9 %"},
	    {"-0.001", "0", "-0,1 %", "0", "-0.1 %"},
	    {"-0.0001", "0", "0,0 %", "0", "0.0 %"},
	    {"null", "–", "–", "–", "–"},
	    {"\"x\"", "x", "–", "x", "–"},
	    {"true", "ja", "–", "yes", "–"},
	    {"false", "nej", "–", "no", "–"},
	    {"[1, \"a\"]", "1, a", "–", "1, a", "–"},
	    {"[12345, 2]", "12 345, 2", "–", "12,345, 2", "–"},
	    {"1e300", "1e+300", "1e+302 %", "1e+300", "1e+302 %"},
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		json_t *v = parse(rows[i].json);
		char *value = pf_rfmt_value(PF_LANG_SV, v), *pct = pf_rfmt_pct(PF_LANG_SV, v);
		char *value_en = pf_rfmt_value(PF_LANG_EN, v), *pct_en = pf_rfmt_pct(PF_LANG_EN, v);

		assert_string_equal(value, rows[i].value);
		assert_string_equal(pct, rows[i].pct);
		assert_string_equal(value_en, rows[i].value_en);
		assert_string_equal(pct_en, rows[i].pct_en);
		free(value);
		free(pct);
		free(value_en);
		free(pct_en);
		json_decref(v);
	}
}

/* ---- defensive ---- */

static const char *const odd_docs[] = {
    "null",
    "{}",
    "[]",
    "42",
    "\"text\"",
    "{\"initiatives\":[{}],\"committees\":[{}],\"items\":[{}],\"indicators\":[{}],"
    "\"followups\":[],\"waiting\":[{}],\"hours\":[{}],\"changes\":{}}",
    "{\"period\":[1,2],\"initiatives\":\"x\",\"missing\":{\"a\":1},"
    "\"committees\":[1,\"a\",null,[]],\"items\":[{\"horizon\":5,\"title\":\"a\\u001b[31mb\\nc\"}],"
    "\"first_year\":\"2025\",\"changes\":{\"added\":\"P-1\",\"moved\":[{\"from\":1}]},"
    "\"initiative\":[],\"indicators\":[{\"series\":1},{\"baseline\":1e308,\"target\":-1e308,"
    "\"series\":[{\"value\":1e308,\"expected\":2},{\"value\":\"x\"},{}]}],"
    "\"capacity\":-1e300,\"hours\":[{\"asked\":1e300,\"committed\":-9223372036854775807,"
    "\"capacity\":-5,\"over\":true}],\"by_status\":7,\"year\":true,"
    "\"first_year\":-9223372036854775807}",
    "{\"committees\":[{\"code\":\"\\u0001\\u007f\",\"by_status\":{\"idé\":-3,\"x\":1},"
    "\"realisation\":7,\"roadmaps\":[{\"reported\":\"ja\"}]}],"
    "\"initiatives\":[{\"realisation\":-2,\"computed\":\"blå\"}],"
    "\"hours\":[{\"asked\":-10,\"committed\":0,\"capacity\":0}],"
    "\"items\":[{\"horizon\":\"år 9\"}]}",
    /* the keys the builders added later, of the wrong types */
    "{\"committees\":[{\"after_completion\":{\"completed\":\"x\",\"still_measured\":\"a\","
    "\"measuring_stopped\":{\"a\":1}},\"kpis_by_year\":{\"year\":1},\"benefits\":[1,2],"
    "\"unmeasured_indicators\":\"x\"},{\"after_completion\":[],\"kpis_by_year\":[null,"
    "{\"year\":\"y\",\"innovative_share\":1e300}],\"benefits\":{\"ekonomisk\":null,"
    "\"<x&\\u0001\":{\"promised\":-5,\"realised\":1e308},\"\":{\"promised\":0}},"
    "\"unmeasured_indicators\":[null,1,[]]}],"
    "\"benefits\":{\"kvalitativ\":{\"promised\":1e308,\"realised\":-1e308},"
    "\"ekonomisk\":{\"promised\":-1e308,\"realised\":\"x\"}},"
    "\"unmeasured_indicators\":{},\"waiting\":[{\"score\":\"x\",\"score_parts\":[1]},"
    "{\"score\":1e300,\"score_parts\":{\"benefit\":\"a\",\"it_load\":-1e308}}],"
    "\"list_changes\":{\"previous_period\":5,\"entered\":\"x\",\"left\":[null],"
    "\"moved\":[{\"id\":\"<b>\",\"from\":\"a\",\"to\":2},{},1]}}",
    "{\"committees\":{\"benefits\":1},\"benefits\":\"x\",\"waiting\":{\"score\":1},"
    "\"list_changes\":[1]}",
};

static void test_odd_documents(void **state)
{
	struct pages batch = {{NULL}, 0};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(odd_docs); i++) {
		for (int k = 0; k < PF_REPORT_COUNT; k++) {
			json_t *doc = parse(odd_docs[i]);

			for (int f = 0; f < FORMATS; f++) {
				char *text = render_doc((pf_report_kind)k, doc, (enum fmt)f);

				if (f == HTML)
					assert_page(text, false, &batch);
				free(text);
			}
			json_decref(doc);
		}
		assert_true(pages_check(&batch));
	}
}

/* A report without a document (r->doc NULL) renders like an empty one. */
static void test_no_document(void **state)
{
	(void)state;
	for (int k = 0; k < PF_REPORT_COUNT; k++)
		for (int f = 0; f < FORMATS; f++)
			free(render_doc((pf_report_kind)k, NULL, (enum fmt)f));
}

static void test_unknown_kind(void **state)
{
	pf_report r = {PF_REPORT_COUNT, {0}, NULL};

	(void)state;
	for (int f = 0; f < FORMATS; f++) {
		pf_error err;
		char *out = (char *)"x";
		size_t len = 1;

		pf_error_init(&err);
		assert_int_equal(renderers[f](&r, NULL, &out, &len, &err), PF_EUSAGE);
		assert_null(out);
		assert_int_equal(len, 0);
		assert_int_equal(err.errors, 1);
		pf_error_clear(&err);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_csv_tables),        cmocka_unit_test(test_csv_expected),
	    cmocka_unit_test(test_csv_values),        cmocka_unit_test(test_csv_quoting),
	    cmocka_unit_test(test_csv_lists),         cmocka_unit_test(test_csv_formulas),
	    cmocka_unit_test(test_csv_score),         cmocka_unit_test(test_md_tables),
	    cmocka_unit_test(test_md_expected),       cmocka_unit_test(test_md_new_sections),
	    cmocka_unit_test(test_stale_marks),       cmocka_unit_test(test_md_roadmap_title),
	    cmocka_unit_test(test_md_escape),         cmocka_unit_test(test_html_pages),
	    cmocka_unit_test(test_html_escape),       cmocka_unit_test(test_html_lights),
	    cmocka_unit_test(test_html_charts),       cmocka_unit_test(test_html_new_sections),
	    cmocka_unit_test(test_lights_by_quarter), cmocka_unit_test(test_english),
	    cmocka_unit_test(test_numbers),           cmocka_unit_test(test_odd_documents),
	    cmocka_unit_test(test_no_document),       cmocka_unit_test(test_unknown_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
