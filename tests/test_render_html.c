/*
 * Tests for the layout of src/render_html.c, read back from the SVG and CSS
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

#include "render_util.h"
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_hours_labels),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
