/*
 * Tests for src/render/render_xlsx.c, the `xlsx` format of the quarter and committee
 * reports: the documents under tests/data/golden/ and tests/data/render/ are
 * rendered, the bytes opened as a zip with libzip, and the workbook's parts
 * read: the sheet names in xl/workbook.xml, the cells of each sheet (strings
 * are inline in constant_memory mode: <is><t>...</t></is>), the percent
 * format, the frozen header and the autofilter. Also: English labels, the
 * same bytes for the same document, hostile and over-long text, documents of
 * the wrong shape, and PF_EUSAGE for the other report kinds.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <expat.h>
#include <zip.h>

#include "render/render_util.h"
#include "testutil.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- helpers ---- */

static json_t *load(const char *path)
{
	json_error_t jerr;
	json_t *doc = json_load_file(path, 0, &jerr);

	if (!doc)
		print_error("%s:%d: %s\n", path, jerr.line, jerr.text);
	assert_non_null(doc);
	return doc;
}

/* A rendered workbook: its bytes. */
struct book {
	char *data;
	size_t len;
};

static pf_status try_render(pf_report_kind kind, json_t *doc, pf_lang lang, struct book *b)
{
	pf_report r = {kind, {0}, doc};
	pf_render_opts o = {false, lang};
	pf_error err;
	pf_status st;

	pf_test_error_init(&err);
	st = pf_report_render(&r, PF_FORMAT_XLSX, &o, &b->data, &b->len, &err);
	if (st == PF_OK)
		assert_int_equal(err.errors, 0);
	else
		assert_int_equal(err.errors, 1);
	pf_error_clear(&err);
	return st;
}

/* Renders doc (kept) as a workbook; fails the test on error. */
static struct book render(pf_report_kind kind, json_t *doc, pf_lang lang)
{
	struct book b = {NULL, 0};

	assert_int_equal(try_render(kind, doc, lang, &b), PF_OK);
	assert_non_null(b.data);
	assert_true(b.len > 4);
	assert_memory_equal(b.data, "PK\x03\x04", 4);
	return b;
}

static struct book render_file(pf_report_kind kind, const char *path, pf_lang lang)
{
	json_t *doc = load(path);
	struct book b = render(kind, doc, lang);

	json_decref(doc);
	return b;
}

/* The text of a part of the workbook (NUL-terminated); NULL when the zip has no such part. */
static char *part(const struct book *b, const char *name)
{
	zip_error_t zerr;
	zip_source_t *src;
	zip_t *za;
	zip_file_t *zf;
	zip_stat_t st;
	char *text = NULL;

	zip_error_init(&zerr);
	src = zip_source_buffer_create(b->data, b->len, 0, &zerr);
	assert_non_null(src);
	za = zip_open_from_source(src, ZIP_RDONLY | ZIP_CHECKCONS, &zerr);
	if (!za)
		print_error("not a zip: %s\n", zip_error_strerror(&zerr));
	assert_non_null(za);
	if (zip_stat(za, name, 0, &st) == 0) {
		assert_true(st.valid & ZIP_STAT_SIZE);
		text = malloc(st.size + 1);
		assert_non_null(text);
		zf = zip_fopen(za, name, 0);
		assert_non_null(zf);
		assert_int_equal(zip_fread(zf, text, st.size), (zip_int64_t)st.size);
		zip_fclose(zf);
		text[st.size] = '\0';
	}
	zip_discard(za); /* frees src too */
	zip_error_fini(&zerr);
	return text;
}

/* The XML parses (expat): well-formed, whatever text the document held. */
static void well_formed(const char *name, const char *xml)
{
	XML_Parser p = XML_ParserCreate("UTF-8");
	bool ok;

	assert_non_null(p);
	ok = XML_Parse(p, xml, (int)strlen(xml), 1) == XML_STATUS_OK;
	if (!ok)
		print_error("%s: line %lu: %s\n", name, (unsigned long)XML_GetCurrentLineNumber(p),
		            XML_ErrorString(XML_GetErrorCode(p)));
	XML_ParserFree(p);
	assert_true(ok);
}

static char *sheet(const struct book *b, int n)
{
	char name[64];
	char *xml;

	snprintf(name, sizeof(name), "xl/worksheets/sheet%d.xml", n);
	xml = part(b, name);
	if (!xml)
		print_error("%s: missing\n", name);
	assert_non_null(xml);
	well_formed(name, xml);
	return xml;
}

static void has(const char *xml, const char *what)
{
	if (!strstr(xml, what))
		print_error("missing %s\n", what);
	assert_non_null(strstr(xml, what));
}

static void has_not(const char *xml, const char *what)
{
	if (strstr(xml, what))
		print_error("unexpected %s\n", what);
	assert_null(strstr(xml, what));
}

/*
 * The XML of the cell at ref ("H3"): from `<c r="H3"` to its `</c>`, or to
 * `/>` for an empty one; NULL when the sheet has no such cell. Static: valid
 * until the next call.
 */
static const char *cell(const char *xml, const char *ref)
{
	static char buf[4096];
	char open[32];
	const char *p, *end;

	snprintf(open, sizeof(open), "<c r=\"%s\"", ref);
	if (!(p = strstr(xml, open)))
		return NULL;
	end = strstr(p, "</c>");
	const char *empty = strstr(p, "/>");
	const char *next = strstr(p + 1, "<c ");
	if (empty && (!end || empty < end) && (!next || empty < next))
		end = empty + 2;
	else
		end = end ? end + 4 : p + strlen(p);
	snprintf(buf, sizeof(buf), "%.*s", (int)(end - p), p);
	return buf;
}

/* The cell at ref holds an inline string equal to text. */
static void cell_text(const char *xml, const char *ref, const char *text)
{
	const char *c = cell(xml, ref);
	char want[1024];

	snprintf(want, sizeof(want), "<is><t>%s</t></is>", text);
	if (!c || !strstr(c, "t=\"inlineStr\"") || !strstr(c, want))
		print_error("%s: %s, expected the text \"%s\"\n", ref, c ? c : "no cell", text);
	assert_true(c && strstr(c, "t=\"inlineStr\"") && strstr(c, want));
}

/* The cell at ref holds the number written as value (no type: a number); pct: styled. */
static void cell_number(const char *xml, const char *ref, const char *value, bool pct)
{
	const char *c = cell(xml, ref);
	char want[128];

	snprintf(want, sizeof(want), "<v>%s</v>", value);
	if (!c || strstr(c, " t=\"") || !strstr(c, want) || (pct != (strstr(c, " s=\"") != NULL)))
		print_error("%s: %s, expected the number %s%s\n", ref, c ? c : "no cell", value,
		            pct ? " as a percentage" : "");
	assert_non_null(c);
	assert_null(strstr(c, " t=\""));
	assert_non_null(strstr(c, want));
	assert_int_equal(pct, strstr(c, " s=\"") != NULL);
}

/* No value at ref: no cell, or one without a value (a style only). */
static void cell_empty(const char *xml, const char *ref)
{
	const char *c = cell(xml, ref);

	if (c && (strstr(c, "<v>") || strstr(c, "<is>")))
		print_error("%s: %s, expected it empty\n", ref, c);
	assert_true(!c || (!strstr(c, "<v>") && !strstr(c, "<is>")));
}

/* ---- the quarter ---- */

static void test_quarter(void **state)
{
	struct book b =
	    render_file(PF_REPORT_QUARTER, PF_TEST_DATA "/golden/quarter-2025Q3.json", PF_LANG_SV);
	char *wb = part(&b, "xl/workbook.xml"), *s1 = sheet(&b, 1), *s2 = sheet(&b, 2);
	char *styles = part(&b, "xl/styles.xml");

	(void)state;
	assert_non_null(wb);
	has(wb, "<sheet name=\"Kvartalsrapport\" sheetId=\"1\"");
	has(wb, "<sheet name=\"Saknar uppföljning\" sheetId=\"2\"");
	assert_null(part(&b, "xl/worksheets/sheet3.xml"));
	/* the title and header rows */
	cell_text(s1, "A1", "Kvartalsrapport 2025Q3 (prioriteringslista 2025Q3)");
	cell_text(s1, "A2", "Rang");
	cell_text(s1, "B2", "Id");
	cell_text(s1, "C2", "Initiativ");
	cell_text(s1, "E2", "Fas");
	cell_text(s1, "F2", "Bedömning");
	cell_text(s1, "H2", "Realisering");
	cell_text(s1, "J2", "Kommentar");
	/* P-01: rank 1, grön/grön, 62.5 %, previously gul, no comment */
	cell_number(s1, "A3", "1", false);
	cell_text(s1, "B3", "P-01");
	cell_text(s1, "C3", "Digital kallelse");
	cell_text(s1, "D3", "HSN");
	cell_text(s1, "E3", "pågående");
	cell_text(s1, "F3", "grön");
	cell_text(s1, "G3", "grön");
	cell_number(s1, "H3", "0.625", true);
	cell_text(s1, "I3", "gul");
	cell_empty(s1, "J3");
	/* P-03: röd, realised, a comment */
	cell_text(s1, "F4", "röd");
	cell_number(s1, "H4", "1", true);
	cell_empty(s1, "I4");
	cell_text(s1, "J4", "Leverantörsbyte.");
	/* P-04: realisation 0 is a number, not empty; P-05: nothing measured */
	cell_number(s1, "H5", "0", true);
	cell_text(s1, "E5", "pausad");
	cell_number(s1, "A6", "4", false);
	cell_empty(s1, "G6");
	cell_empty(s1, "H6");
	assert_null(cell(s1, "A7"));
	/* frozen under the header, a filter over it and the rows, columns sized */
	has(s1,
	    "<pane ySplit=\"2\" topLeftCell=\"A3\" activePane=\"bottomLeft\" state=\"frozen\"/>");
	has(s1, "<autoFilter ref=\"A2:J6\"/>");
	has(s1, "<col min=\"3\" max=\"3\" width=\"40");
	has(styles, "formatCode=\"0.0%\"");
	/* the missing ones, with their titles from the list */
	cell_text(s2, "A1", "Saknar uppföljning för perioden 2025Q3");
	cell_text(s2, "A2", "Id");
	cell_text(s2, "B2", "Initiativ");
	cell_text(s2, "C2", "Nämnd");
	cell_text(s2, "A3", "P-04");
	cell_text(s2, "B3", "E-arkiv för folkhögskolorna");
	cell_text(s2, "C3", "KBN");
	cell_text(s2, "A4", "P-05");
	cell_text(s2, "B4", "AI-stöd i kundtjänst");
	assert_null(cell(s2, "A5"));
	has(s2, "<autoFilter ref=\"A2:C4\"/>");
	has(s2, "state=\"frozen\"");
	free(wb);
	free(s1);
	free(s2);
	free(styles);
	free(b.data);
}

/* ---- the committee ---- */

static void test_committee(void **state)
{
	struct book b = render_file(PF_REPORT_COMMITTEE,
	                            PF_TEST_DATA "/golden/committee-2025Q3.json", PF_LANG_SV);
	char *wb = part(&b, "xl/workbook.xml"), *s1 = sheet(&b, 1), *s2 = sheet(&b, 2);

	(void)state;
	has(wb, "<sheet name=\"Nämndrapport\" sheetId=\"1\"");
	has(wb, "<sheet name=\"Initiativ per fas\" sheetId=\"2\"");
	cell_text(s1, "A1", "Nämndrapport 2025Q3");
	cell_text(s1, "A2", "Nämnd");
	cell_text(s1, "B2", "Initiativ");
	cell_text(s1, "E2", "I fas");
	cell_text(s1, "F2", "Realisering");
	cell_text(s1, "H2", "Innovativa");
	cell_text(s1, "I2", "Saknar uppföljning");
	/* HSN: 2 initiatives, 2 indicators, 2 measured, 1 on track, 62.5 %, 0, 100 %, 0 */
	cell_text(s1, "A3", "HSN");
	cell_number(s1, "B3", "2", false);
	cell_number(s1, "C3", "2", false);
	cell_number(s1, "D3", "2", false);
	cell_number(s1, "E3", "1", false);
	cell_number(s1, "F3", "0.625", true);
	cell_number(s1, "G3", "0", false);
	cell_number(s1, "H3", "1", true);
	cell_number(s1, "I3", "0", false);
	/* KBN: half innovative, one missing follow-up */
	cell_text(s1, "A4", "KBN");
	cell_number(s1, "H4", "0.5", true);
	cell_number(s1, "I4", "1", false);
	cell_text(s1, "A5", "RS");
	cell_number(s1, "G5", "1", false);
	/* Staleness at P: KBN's one stale indicator, and what has no value for P, named. */
	cell_text(s1, "J2", "Inaktuella");
	cell_text(s1, "K2", "Ej mätta detta kvartal");
	cell_number(s1, "J3", "0", false);
	cell_text(s1, "K3", "E-01-1");
	cell_number(s1, "J4", "1", false);
	cell_text(s1, "K4", "E-04-1, E-04-2");
	/* None: an empty cell, not the word for none. */
	assert_null(cell(s1, "K5"));
	assert_null(cell(s1, "A6"));
	has(s1, "<autoFilter ref=\"A2:K5\"/>");
	has(s1, "state=\"frozen\"");
	/* committee × status, in the canonical order; absent statuses count 0 */
	cell_text(s2, "A1", "Antal initiativ per nämnd och fas 2025Q3");
	cell_text(s2, "A2", "Nämnd");
	cell_text(s2, "B2", "idé");
	cell_text(s2, "C2", "förstudie");
	cell_text(s2, "D2", "beslutad");
	cell_text(s2, "E2", "pågående");
	cell_text(s2, "F2", "pausad");
	cell_text(s2, "G2", "avslutad");
	cell_text(s2, "H2", "stoppad");
	cell_text(s2, "A3", "HSN");
	cell_number(s2, "B3", "1", false);
	cell_number(s2, "C3", "0", false);
	cell_number(s2, "E3", "1", false);
	cell_number(s2, "H3", "0", false);
	cell_text(s2, "A4", "KBN");
	cell_number(s2, "D4", "1", false);
	cell_number(s2, "F4", "1", false);
	cell_number(s2, "E4", "0", false);
	cell_text(s2, "A5", "RS");
	cell_number(s2, "E5", "1", false);
	cell_number(s2, "G5", "1", false);
	has(s2, "<autoFilter ref=\"A2:H5\"/>");
	free(wb);
	free(s1);
	free(s2);
	free(b.data);
}

/* ---- English ---- */

static void test_english(void **state)
{
	struct book q =
	    render_file(PF_REPORT_QUARTER, PF_TEST_DATA "/golden/quarter-2025Q3.json", PF_LANG_EN);
	struct book c = render_file(PF_REPORT_COMMITTEE,
	                            PF_TEST_DATA "/golden/committee-2025Q3.json", PF_LANG_EN);
	char *qwb = part(&q, "xl/workbook.xml"), *q1 = sheet(&q, 1), *q2 = sheet(&q, 2);
	char *cwb = part(&c, "xl/workbook.xml"), *c1 = sheet(&c, 1), *c2 = sheet(&c, 2);

	(void)state;
	has(qwb, "<sheet name=\"Quarterly report\"");
	has(qwb, "<sheet name=\"Missing follow-up\"");
	cell_text(q1, "A1", "Quarterly report 2025Q3 (priority list 2025Q3)");
	cell_text(q1, "A2", "Rank");
	cell_text(q1, "H2", "Realisation");
	cell_text(q1, "F3", "green");
	cell_text(q1, "I3", "yellow");
	cell_text(q1, "F4", "red");
	cell_text(q1, "E3", "ongoing");
	cell_number(q1, "H3", "0.625", true);
	cell_text(q1, "C3", "Digital kallelse"); /* data stays as it is */
	cell_text(q2, "A1", "Missing follow-up for the period 2025Q3");
	has_not(q1, "grön");
	has_not(q1, "Bedömning");
	has(cwb, "<sheet name=\"Committee report\"");
	has(cwb, "<sheet name=\"Initiatives by status\"");
	cell_text(c1, "A1", "Committee report 2025Q3");
	cell_text(c1, "B2", "Initiatives");
	cell_text(c1, "E2", "On track");
	cell_text(c2, "E2", "ongoing");
	cell_number(c2, "E3", "1", false);
	has_not(c2, "pågående");
	free(qwb);
	free(q1);
	free(q2);
	free(cwb);
	free(c1);
	free(c2);
	free(q.data);
	free(c.data);
}

/* ---- the same bytes ---- */

static void test_deterministic(void **state)
{
	static const struct {
		pf_report_kind kind;
		const char *path;
	} docs[] = {
	    {PF_REPORT_QUARTER, PF_TEST_DATA "/golden/quarter-2025Q3.json"},
	    {PF_REPORT_COMMITTEE, PF_TEST_DATA "/golden/committee-2025Q3.json"},
	    {PF_REPORT_QUARTER, PF_TEST_DATA "/render/quarter-2025Q2.json"},
	    {PF_REPORT_COMMITTEE, PF_TEST_DATA "/render/committee-2025Q2.json"},
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(docs); i++) {
		json_t *doc = load(docs[i].path);
		struct book a = render(docs[i].kind, doc, PF_LANG_SV);
		struct book b = render(docs[i].kind, doc, PF_LANG_SV);
		char *core = part(&a, "docProps/core.xml");

		assert_int_equal(a.len, b.len);
		assert_memory_equal(a.data, b.data, a.len);
		assert_int_equal(a.data[a.len], '\0'); /* NUL-terminated all the same */
		has(core, "2000-01-01T00:00:00Z");
		free(core);
		free(a.data);
		free(b.data);
		json_decref(doc);
	}
}

/* ---- text that is no plain text ---- */

static void test_hostile_text(void **state)
{
	json_t *doc = load(PF_TEST_DATA "/golden/quarter-2025Q3.json");
	json_t *first = json_array_get(json_object_get(doc, "initiatives"), 0);
	size_t big = 80000; /* 40000 characters */
	char *longtext = malloc(big + 1);
	struct book b;
	char *s1;

	(void)state;
	assert_non_null(longtext);
	/* "å" repeated: two-byte characters, to be cut at a character's start */
	for (size_t i = 0; i + 2 <= big; i += 2)
		memcpy(longtext + i, "\xc3\xa5", 2);
	longtext[big] = '\0';
	json_object_set_new(first, "title", json_string("<b>&\"Q\"</b> ='1'+2"));
	json_object_set_new(first, "comment", json_string(longtext));
	json_object_set_new(first, "rank", json_string("första")); /* not a number: shown as text */
	json_object_set_new(first, "status", json_string("okänd")); /* not a status: as it is */
	json_object_set_new(
	    json_array_get(json_object_get(doc, "initiatives"), 1), "comment",
	    json_string("bell\a, escape \x1b[31m, tab\t, nl\n, del\x7f, c1 \xc2\x9b"));
	json_object_set_new(first, "assessment", json_integer(3)); /* not a light: a number */
	json_array_append_new(json_object_get(doc, "missing"), json_integer(7));
	b = render(PF_REPORT_QUARTER, doc, PF_LANG_SV);
	s1 = sheet(&b, 1);
	cell_text(s1, "C3", "&lt;b&gt;&amp;\"Q\"&lt;/b&gt; ='1'+2");
	cell_text(s1, "A3", "första");
	cell_text(s1, "E3", "okänd");
	cell_number(s1, "F3", "3", false);
	has(s1, "<c r=\"J4\" t=\"inlineStr\"><is><t");
	{
		/* Excel's limit of 32767 characters: the text is cut, whole characters kept */
		const char *c = strstr(s1, "<c r=\"J3\"");
		const char *t = c ? strstr(c, "<t>") : NULL, *end = t ? strstr(t, "</t>") : NULL;
		size_t n;

		assert_non_null(end);
		n = (size_t)(end - t - 3);
		assert_int_equal(n, 2 * 32767);
		for (size_t i = 0; i < n; i += 2)
			assert_memory_equal(t + 3 + i, "\xc3\xa5", 2);
	}
	free(s1);
	free(b.data);
	free(longtext);
	json_decref(doc);
}

/* ---- documents of the wrong shape ---- */

static void test_odd_documents(void **state)
{
	static const char *const odd[] = {
	    "{}",
	    "{\"initiatives\": 5, \"missing\": {}, \"committees\": \"x\"}",
	    "{\"initiatives\": [null, 1, \"x\", []], \"committees\": [null, {\"by_status\": 3}], "
	    "\"missing\": [null, true, {}]}",
	};

	(void)state;
	for (int kind = PF_REPORT_QUARTER; kind <= PF_REPORT_COMMITTEE; kind++) {
		for (size_t i = 0; i < COUNT_OF(odd); i++) {
			json_t *doc = json_loads(odd[i], 0, NULL);
			struct book b = render((pf_report_kind)kind, doc, PF_LANG_SV);
			char *s1 = sheet(&b, 1), *s2 = sheet(&b, 2);

			free(s1);
			free(s2);
			free(b.data);
			json_decref(doc);
		}
		/* no document at all */
		struct book b = render((pf_report_kind)kind, NULL, PF_LANG_EN);
		free(b.data);
	}
	{
		struct book b = render_file(PF_REPORT_QUARTER,
		                            PF_TEST_DATA "/render/null-quarter.json", PF_LANG_SV);
		char *s1 = sheet(&b, 1);

		for (const char *const *ref =
		         (const char *const[]){"A3", "B3", "F3", "H3", "J3", NULL};
		     *ref; ref++)
			cell_empty(s1, *ref);
		has(s1, "<autoFilter ref=\"A2:J3\"/>");
		free(s1);
		free(b.data);
	}
	{
		struct book b = render_file(PF_REPORT_COMMITTEE,
		                            PF_TEST_DATA "/render/null-committee.json", PF_LANG_SV);
		char *s2 = sheet(&b, 2);

		/* no by_status object: unknown, not zero */
		cell_empty(s2, "B3");
		cell_empty(s2, "H3");
		free(s2);
		free(b.data);
	}
}

/* ---- the other kinds ---- */

static void test_other_kinds(void **state)
{
	static const struct {
		pf_report_kind kind;
		const char *path;
	} docs[] = {
	    {PF_REPORT_INITIATIVE, PF_TEST_DATA "/golden/initiative-P-01.json"},
	    {PF_REPORT_PRIORITY, PF_TEST_DATA "/golden/priority-2025Q3.json"},
	    {PF_REPORT_ROADMAP, PF_TEST_DATA "/golden/roadmap-HR-2025Q3.json"},
	    {PF_REPORT_TRACEABILITY, PF_TEST_DATA "/golden/traceability-2025.json"},
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(docs); i++) {
		json_t *doc = load(docs[i].path);
		struct book b = {(char *)"x", 1};
		pf_report r = {docs[i].kind, {0}, doc};
		pf_error err;

		assert_int_equal(try_render(docs[i].kind, doc, PF_LANG_SV, &b), PF_EUSAGE);
		assert_null(b.data);
		assert_int_equal(b.len, 0);
		/* the renderer itself, and its message */
		pf_test_error_init(&err);
		assert_int_equal(pf_render_xlsx(&r, NULL, &b.data, &b.len, &err), PF_EUSAGE);
		assert_int_equal(err.errors, 1);
		assert_string_equal(err.diags[0].message,
		                    "the xlsx format is for the quarter and committee reports");
		pf_error_clear(&err);
		json_decref(doc);
	}
	{
		pf_report r = {PF_REPORT_COUNT, {0}, NULL};
		struct book b = {NULL, 0};
		pf_error err;

		pf_test_error_init(&err);
		assert_int_equal(pf_render_xlsx(&r, NULL, &b.data, &b.len, &err), PF_EUSAGE);
		assert_null(b.data);
		pf_error_clear(&err);
	}
}

/* ---- the format's name ---- */

static void test_format_name(void **state)
{
	(void)state;
	assert_int_equal(pf_format_parse("xlsx"), PF_FORMAT_XLSX);
	assert_int_equal(pf_format_parse("table"), PF_FORMAT_TABLE);
	assert_int_equal(pf_format_parse("html"), PF_FORMAT_HTML);
	assert_int_equal(pf_format_parse("XLSX"), -1);
	assert_int_equal(pf_format_parse("xls"), -1);
	/* the formats before it keep their values */
	assert_int_equal(PF_FORMAT_TABLE, 0);
	assert_int_equal(PF_FORMAT_JSON, 1);
	assert_int_equal(PF_FORMAT_CSV, 2);
	assert_int_equal(PF_FORMAT_MD, 3);
	assert_int_equal(PF_FORMAT_HTML, 4);
	assert_int_equal(PF_FORMAT_XLSX, 5);
	assert_int_equal(PF_FORMAT_COUNT, 6);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_quarter),      cmocka_unit_test(test_committee),
	    cmocka_unit_test(test_english),      cmocka_unit_test(test_deterministic),
	    cmocka_unit_test(test_hostile_text), cmocka_unit_test(test_odd_documents),
	    cmocka_unit_test(test_other_kinds),  cmocka_unit_test(test_format_name),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
