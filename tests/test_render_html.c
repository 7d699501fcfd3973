/*
 * Tests for the layout of src/render/render_html.c, read back from the SVG and CSS
 * it writes: the hours chart's value labels clear of each other and of the
 * capacity line, chart axes whose labels do not run together, ids kept on
 * one line, Swedish pages without English labels, and the print frame.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_util.h"
#include "testutil.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Renders doc (kept) as a report of kind in lang into *out; fails the test on error. */
static void render(pf_report_kind kind, json_t *doc, pf_lang lang, char **out)
{
	pf_report r = {kind, {0}, doc};
	pf_render_opts o = {false, lang};
	pf_error err;
	size_t len = 0;

	pf_error_init(&err);
	assert_int_equal(pf_render_html(&r, &o, out, &len, &err), PF_OK);
	pf_error_clear(&err);
	assert_non_null(*out);
}

/* The number in attribute name="..." of the element at p, or NAN. */
static double attr(const char *p, const char *name)
{
	char key[32];
	const char *end = strchr(p, '>'), *a;

	snprintf(key, sizeof(key), " %s=\"", name);
	a = strstr(p, key);
	return a && (!end || a < end) ? strtod(a + strlen(key), NULL) : NAN;
}

/* The characters (not bytes) of the element's text at p, up to the next '<'. */
static size_t text_chars(const char *p)
{
	size_t n = 0;

	for (p = strchr(p, '>') + 1; *p && *p != '<'; p++)
		n += ((unsigned char)*p & 0xc0) != 0x80;
	return n;
}

/*
 * A text's box as a browser draws 12px text: about 7 units a character, 10
 * above the baseline and 3 below it.
 */
struct box {
	double x0, x1, y0, y1;
};

static struct box text_box(const char *p)
{
	double x = attr(p, "x"), y = attr(p, "y"), w = 7.0 * (double)text_chars(p);
	const char *anchor = strstr(p, "text-anchor=\"");

	if (anchor && !strncmp(anchor + 13, "middle", 6))
		x -= w / 2;
	else if (anchor && !strncmp(anchor + 13, "end", 3))
		x -= w;
	return (struct box){x, x + w, y - 10, y + 3};
}

static bool overlap(struct box a, struct box b)
{
	return a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1;
}

/* ---- the hours chart ---- */

static const struct {
	double committed, asked, capacity;
} hour_cases[] = {
    {790, 5, 800},   /* the small top part right at the line */
    {800, 0, 800},   /* a bar ending on the line */
    {10, 10, 800},   /* two thin parts: their labels would overlap */
    {0, 820, 800},   /* asked only, crossing the line */
    {795, 10, 800},  /* the line between the two labels */
    {990, 10, 1000}, /* the line at the top of the plot */
    {20, 400, 10},   /* the line at the bottom */
    {3000, 2998, 5990},
};

static void test_hours_labels(void **state)
{
	json_t *hours = json_array();

	(void)state;
	for (size_t i = 0; i < COUNT_OF(hour_cases); i++)
		json_array_append_new(
		    hours, json_pack("{s:s, s:f, s:f, s:f, s:b}", "period", "2025Q3", "committed",
		                     hour_cases[i].committed, "asked", hour_cases[i].asked,
		                     "capacity", hour_cases[i].capacity, "over",
		                     hour_cases[i].committed + hour_cases[i].asked >
		                         hour_cases[i].capacity));
	json_t *doc =
	    json_pack("{s:s, s:f, s:o}", "period", "2025Q3", "capacity", 800.0, "hours", hours);
	char *html = NULL;
	struct box labels[2 * COUNT_OF(hour_cases)], lines[COUNT_OF(hour_cases)];
	size_t nl = 0, nv = 0;

	render(PF_REPORT_PRIORITY, doc, PF_LANG_SV, &html);
	for (const char *p = strstr(html, "<line class=\"level\""); p;
	     p = strstr(p + 1, "<line class=\"level\"")) {
		assert_true(nl < COUNT_OF(lines));
		lines[nl++] = (struct box){attr(p, "x1"), attr(p, "x2"), attr(p, "y1") - 1,
		                           attr(p, "y1") + 1};
	}
	for (const char *p = strstr(html, "class=\"value\""); p;
	     p = strstr(p + 1, "class=\"value\"")) {
		const char *t = p;

		while (t > html && strncmp(t, "<text", 5))
			t--;
		assert_true(nv < COUNT_OF(labels));
		labels[nv++] = text_box(t);
	}
	assert_int_equal(nl, COUNT_OF(hour_cases));
	assert_int_equal(nv, 2 * COUNT_OF(hour_cases) - 2); /* two parts are 0: no label */
	for (size_t i = 0; i < nv; i++) {
		for (size_t k = i + 1; k < nv; k++)
			if (overlap(labels[i], labels[k]))
				fail_msg("labels %zu and %zu overlap", i, k);
		for (size_t k = 0; k < nl; k++)
			if (overlap(labels[i], lines[k]))
				fail_msg("label %zu sits on the capacity line of group %zu", i, k);
	}
	free(html);
	json_decref(doc);
}

static json_t *load(const char *name)
{
	char path[4096];
	json_t *doc;

	snprintf(path, sizeof(path), PF_TEST_DATA "/%s", name);
	doc = json_load_file(path, 0, NULL);
	if (!doc)
		fail_msg("%s: not JSON", path);
	return doc;
}

/* ---- axes ---- */

/*
 * An indicator measured for n quarters from 2023Q1: the chart's period
 * labels under the axis (y 188) are at least their width (and some air)
 * apart, and the latest period is among them.
 */
static void test_axis_labels_thinned(void **state)
{
	(void)state;
	for (int n = 1; n <= 24; n++) {
		json_t *series = json_array();
		char period[16], *html = NULL;
		double last_x1 = -INFINITY;
		size_t shown = 0;

		for (int i = 0; i < n; i++) {
			snprintf(period, sizeof(period), "%dQ%d", 2023 + i / 4, 1 + i % 4);
			json_array_append_new(series, json_pack("{s:s, s:f, s:f, s:s}", "period",
			                                        period, "value", 10.0 + i,
			                                        "expected", 0.5, "light", "grön"));
		}
		json_t *doc = json_pack("{s:s, s:{s:s, s:s}, s:[{s:s, s:s, s:f, s:f, s:o}]}",
		                        "period", period, "initiative", "id", "X", "title", "X",
		                        "indicators", "indicator_id", "X-1", "indicator", "Tid",
		                        "baseline", 10.0, "target", 40.0, "series", series);

		render(PF_REPORT_INITIATIVE, doc, PF_LANG_SV, &html);
		for (const char *p = strstr(html, "y=\"188\" text-anchor=\"middle\""); p;
		     p = strstr(p + 1, "y=\"188\" text-anchor=\"middle\"")) {
			while (strncmp(p, "<text", 5))
				p--;
			struct box b = text_box(p);

			/* a little air too: 7 units a character is only an estimate */
			if (b.x0 < last_x1 + 6)
				fail_msg("%d quarters: period labels run together at x %g", n,
				         b.x0);
			last_x1 = b.x1;
			shown++;
			p = strchr(p, '>');
		}
		assert_true(shown >= 1 && shown <= (size_t)n);
		/* the last label written is the latest period */
		assert_non_null(strstr(html, period));
		free(html);
		json_decref(doc);
	}
}

/* ---- ids ---- */

/* Ids are kept on one line: table cells, lists of ids and cards. */
static void test_ids_nowrap(void **state)
{
	json_t *doc = load("render/quarter-2025Q3.json"),
	       *items = json_object_get(doc, "initiatives");
	char *html = NULL, cell[64];

	(void)state;
	render(PF_REPORT_QUARTER, doc, PF_LANG_SV, &html);
	assert_non_null(strstr(html, "td:first-child,.nowrap,.id,ul.ids li{white-space:nowrap}"));
	assert_true(json_array_size(items) > 0);
	for (size_t i = 0; i < json_array_size(items); i++) {
		snprintf(cell, sizeof(cell), "<td class=\"nowrap\">%s</td>",
		         json_string_value(json_object_get(json_array_get(items, i), "id")));
		if (!strstr(html, cell))
			fail_msg("no %s", cell);
	}
	if (json_array_size(json_object_get(doc, "missing")))
		assert_non_null(strstr(html, "<ul class=\"plain ids\">"));
	free(html);
	json_decref(doc);
}

/* ---- words ---- */

static const struct {
	pf_report_kind kind;
	const char *file;
} kinds[] = {
    {PF_REPORT_QUARTER, "render/quarter-2025Q3.json"},
    {PF_REPORT_COMMITTEE, "render/committee-2025Q3.json"},
    {PF_REPORT_COMMITTEE, "golden/committee-benefits.json"},
    {PF_REPORT_BENEFITS, "golden/committee-benefits.json"},
    {PF_REPORT_INITIATIVE, "render/initiative-P-01.json"},
    {PF_REPORT_INITIATIVE, "golden/initiative-benefits.json"},
    {PF_REPORT_PRIORITY, "render/priority-2025Q3.json"},
    {PF_REPORT_PRIORITY, "golden/priority-score.json"},
    {PF_REPORT_ROADMAP, "render/roadmap-HR-2025Q3.json"},
    {PF_REPORT_TRACEABILITY, "render/traceability-2025.json"},
};

/* English label words that must not show on a Swedish page (the data is Swedish). */
static const char *const english[] = {
    "Progress",    "Expected", "Status",   "Committee",   "Light",      "Lights",    "Score",
    "Rank",        "Title",    "Capacity", "Hours",       "Requested",  "Committed", "Target",
    "Baseline",    "Measured", "Weight",   "Owner",       "Decision",   "Decisions", "Roadmap",
    "Horizon",     "Year",     "Comment",  "Changes",     "Initiative", "Indicator", "Assessment",
    "Realisation", "Benefit",  "Page",     "Printed",     "As of",      "none",      "yes",
    "of",          "and",      "the",      "per quarter", "Waiting",    "Latest",    "Follow-ups",
};

/* Whether word stands in text as a whole word. */
static bool has_word(const char *text, const char *word)
{
	size_t n = strlen(word);

	for (const char *p = strstr(text, word); p; p = strstr(p + 1, word)) {
		bool before = p == text || !((p[-1] | 0x20) >= 'a' && (p[-1] | 0x20) <= 'z');
		bool after = !((p[n] | 0x20) >= 'a' && (p[n] | 0x20) <= 'z');

		if (before && after)
			return true;
	}
	return false;
}

/* The page's text and attribute values, the style and script left out. */
static char *visible_text(const char *html)
{
	char *out = calloc(strlen(html) + 1, 1), *o = out;
	bool in_tag = false;

	assert_non_null(out);
	for (const char *p = strstr(html, "</head>"); p && *p; p++) {
		if (*p == '<')
			in_tag = true, *o++ = ' ';
		else if (*p == '>')
			in_tag = false;
		else if (!in_tag || *p == '"')
			*o++ = in_tag ? ' ' : *p;
	}
	return out;
}

static void test_swedish_pages(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(kinds); i++) {
		json_t *doc = load(kinds[i].file);
		char *html = NULL, *text;

		render(kinds[i].kind, doc, PF_LANG_SV, &html);
		text = visible_text(html);
		for (size_t w = 0; w < COUNT_OF(english); w++)
			if (has_word(text, english[w]))
				fail_msg("%s: \"%s\" on a Swedish page", kinds[i].file, english[w]);
		/* the print frame's words too */
		const char *f = strstr(html, "<style media=\"print\">");
		assert_non_null(f);
		char *frame = strndup(f, (size_t)(strstr(f, "</style>") - f));
		assert_non_null(frame);
		for (size_t w = 0; w < COUNT_OF(english); w++)
			if (has_word(frame, english[w]))
				fail_msg("%s: \"%s\" in the print frame", kinds[i].file,
				         english[w]);
		free(frame);
		free(text);
		free(html);
		json_decref(doc);
	}
}

/* ---- print ---- */

/* Title, period, as-of time, page number and print date on every printed page. */
static void test_print_frame(void **state)
{
	json_t *doc = load("render/priority-2025Q3.json");
	char *html = NULL, *again = NULL;

	(void)state;
	render(PF_REPORT_PRIORITY, doc, PF_LANG_SV, &html);
	assert_non_null(strstr(html, "<style media=\"print\">@page{@top-left{content:"
	                             "\"Prioriteringsunderlag 2025Q3\""));
	assert_non_null(strstr(html, "@top-right{content:\"Period 2025Q3\""));
	assert_non_null(strstr(html, "@bottom-right{content:\"Sida\" \" \" counter(page)"));
	assert_non_null(strstr(html, "<body data-printed=\"Utskriven\">"));
	assert_non_null(strstr(html, "addEventListener(\"beforeprint\""));
	/* rows and figures whole, no page break forced */
	assert_non_null(strstr(html, "tr,figure,.card,.column,svg,dl.facts{break-inside:avoid}"));
	assert_null(strstr(html, "break-before:page"));
	assert_null(strstr(html, "page-break-before"));
	assert_null(strstr(html, "break-after:page"));
	/* the same data, the same bytes: no time of rendering in the file */
	render(PF_REPORT_PRIORITY, doc, PF_LANG_SV, &again);
	assert_string_equal(html, again);
	free(again);
	free(html);
	/* with an as-of time (--as-of), it is shown beside the period */
	json_object_set_new(doc, "as_of", json_string("2025-10-15T14:30:05"));
	render(PF_REPORT_PRIORITY, doc, PF_LANG_EN, &html);
	assert_non_null(
	    strstr(html, "@top-right{content:\"Period 2025Q3 · As of 2025\\2d 10\\2d 15 14\\3a "
	                 "30\\3a 05\""));
	assert_non_null(strstr(html, "<body data-printed=\"Printed\">"));
	free(html);
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hours_labels), cmocka_unit_test(test_axis_labels_thinned),
	    cmocka_unit_test(test_ids_nowrap),   cmocka_unit_test(test_swedish_pages),
	    cmocka_unit_test(test_print_frame),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
