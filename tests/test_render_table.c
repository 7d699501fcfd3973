/*
 * Tests for src/render/render_table.c: every report kind rendered from a document
 * under tests/data/golden/ and compared with its golden text, in Swedish
 * (NAME.txt) and in English (NAME.en.txt); colour only when asked and never
 * changing the text; alignment in display columns; and documents with
 * nulls, missing keys and wrong types.
 *
 * PF_UPDATE_GOLDEN=1 rewrites the golden files from the current output;
 * read the diff before keeping it.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/report_internal.h"
#include "testutil.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define GOLDEN PF_TEST_DATA "/golden/"

/* ---- helpers ---- */

/* Renders doc (taken) as a report of kind in lang; fails the test on error. The caller frees. */
static char *render_in(pf_report_kind kind, json_t *doc, bool color, pf_lang lang)
{
	pf_report r = {kind, {0}, doc};
	pf_render_opts o = {color, lang};
	pf_error err;
	char *out = NULL;
	size_t len = 0;
	pf_status st;

	pf_error_init(&err);
	st = pf_render_table(&r, &o, &out, &len, &err);
	if (st != PF_OK)
		print_error("render: %s\n", err.count ? err.diags[0].message : "?");
	pf_error_clear(&err);
	json_decref(doc);
	assert_int_equal(st, PF_OK);
	assert_non_null(out);
	assert_int_equal(strlen(out), len);
	return out;
}

/* The same in Swedish, the default. */
static char *render(pf_report_kind kind, json_t *doc, bool color)
{
	return render_in(kind, doc, color, PF_LANG_SV);
}

static json_t *load(const char *name)
{
	char path[4096];
	json_error_t jerr;
	json_t *doc;

	snprintf(path, sizeof(path), GOLDEN "%s", name);
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

/* The text without ESC[...m sequences; the caller frees. */
static char *strip_ansi(const char *s)
{
	char *d = malloc(strlen(s) + 1), *p = d;

	assert_non_null(d);
	while (*s) {
		if (*s == '\x1b') {
			while (*s && *s != 'm')
				s++;
			if (*s)
				s++;
			continue;
		}
		*p++ = *s++;
	}
	*p = '\0';
	return d;
}

/* Display columns of the first n bytes of s: one per code point. */
static size_t columns(const char *s, size_t n)
{
	size_t w = 0;

	for (size_t i = 0; i < n && s[i]; i++)
		if (((unsigned char)s[i] & 0xc0) != 0x80)
			w++;
	return w;
}

/* The byte offset of display column col in s, or -1 past its end. */
static long offset_of_column(const char *s, size_t col)
{
	size_t w = 0;

	for (size_t i = 0; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (w++ == col)
			return (long)i;
	}
	return -1;
}

/* Whether text equals the golden file (showing the text if not, unless quiet); with
 * PF_UPDATE_GOLDEN set, rewrites it first. */
static bool matches_golden(const char *text, const char *name, bool quiet)
{
	char path[4096];
	char *want;
	bool same;

	snprintf(path, sizeof(path), GOLDEN "%s", name);
	if (getenv("PF_UPDATE_GOLDEN")) {
		FILE *f = fopen(path, "wb");

		assert_non_null(f);
		fputs(text, f);
		fclose(f);
	}
	want = pf_test_read(path, NULL);
	if (!want) {
		print_error("%s: missing golden file (run with PF_UPDATE_GOLDEN=1)\n", path);
		return false;
	}
	same = strcmp(want, text) == 0;
	if (!same && !quiet)
		print_error("%s differs; got:\n%s\n", path, text);
	free(want);
	return same;
}

/* ---- golden outputs ---- */

struct golden_row {
	pf_report_kind kind;
	const char *input, *golden, *golden_en;
};

static const struct golden_row golden_rows[] = {
    {PF_REPORT_QUARTER, "quarter-2025Q3.json", "quarter-2025Q3.txt", "quarter-2025Q3.en.txt"},
    {PF_REPORT_COMMITTEE, "committee-2025Q3.json", "committee-2025Q3.txt",
     "committee-2025Q3.en.txt"},
    {PF_REPORT_ROADMAP, "roadmap-HR-2025Q3.json", "roadmap-HR-2025Q3.txt",
     "roadmap-HR-2025Q3.en.txt"},
    {PF_REPORT_TRACEABILITY, "traceability-2025.json", "traceability-2025.txt",
     "traceability-2025.en.txt"},
    {PF_REPORT_INITIATIVE, "initiative-P-01.json", "initiative-P-01.txt", "initiative-P-01.en.txt"},
    {PF_REPORT_PRIORITY, "priority-2025Q3.json", "priority-2025Q3.txt", "priority-2025Q3.en.txt"},
    /*
     * Real reports of the demo (init --demo), made with the keys the builders added later:
     * committee --period 2025Q4 after RUN-02 was imported as avslutad with slut 2025-09-30
     * (so one completed initiative is no longer measured), initiative KBN-01 and priority
     * --period 2025Q3.
     */
    {PF_REPORT_COMMITTEE, "committee-benefits.json", "committee-benefits.txt",
     "committee-benefits.en.txt"},
    {PF_REPORT_INITIATIVE, "initiative-benefits.json", "initiative-benefits.txt",
     "initiative-benefits.en.txt"},
    {PF_REPORT_PRIORITY, "priority-score.json", "priority-score.txt", "priority-score.en.txt"},
    /* committee --period 2025Q3 of the demo, with lights_by_quarter */
    {PF_REPORT_COMMITTEE, "committee-lights.json", "committee-lights.txt",
     "committee-lights.en.txt"},
    /* initiative KBN-01 --period 2025Q4 of the demo: KBN-01-M5's 2025Q2 value is stale */
    {PF_REPORT_INITIATIVE, "initiative-stale.json", "initiative-stale.txt",
     "initiative-stale.en.txt"},
};

static void test_golden(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(golden_rows); i++) {
		const struct golden_row *g = &golden_rows[i];
		char *text = render(g->kind, load(g->input), false);

		assert_true(matches_golden(text, g->golden, false));
		assert_null(strchr(text, '\x1b'));
		free(text);
	}
}

/* The same documents in English: labels, words and numbers, the data as it is. */
static void test_golden_en(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(golden_rows); i++) {
		const struct golden_row *g = &golden_rows[i];
		char *text = render_in(g->kind, load(g->input), false, PF_LANG_EN);
		char *colored = render_in(g->kind, load(g->input), true, PF_LANG_EN);
		char *stripped = strip_ansi(colored);

		assert_true(matches_golden(text, g->golden_en, false));
		assert_string_equal(stripped, text);
		free(text);
		free(colored);
		free(stripped);
	}
}

/* English spot checks, independent of the golden files. */
static void test_english(void **state)
{
	char *text = render_in(PF_REPORT_QUARTER, load("quarter-2025Q3.json"), true, PF_LANG_EN);
	char *plain;

	(void)state;
	assert_true(!strncmp(text, "Quarterly report 2025Q3 (priority list 2025Q3)\n",
	                     strlen("Quarterly report 2025Q3 (priority list 2025Q3)\n")));
	assert_non_null(strstr(text, "\x1b[32m● green\x1b[0m"));
	assert_non_null(strstr(text, "\x1b[33m◐ yellow\x1b[0m"));
	assert_non_null(strstr(text, "\x1b[31m○ red\x1b[0m"));
	plain = strip_ansi(text);
	assert_non_null(strstr(plain, "62.5 %"));
	assert_non_null(strstr(plain, "– not measured"));
	assert_non_null(strstr(plain, " ongoing "));
	assert_non_null(strstr(plain, "Missing follow-up: P-04, P-05"));
	assert_null(strstr(plain, "pågående"));
	free(plain);
	free(text);

	text = render_in(PF_REPORT_PRIORITY, load("priority-2025Q3.json"), false, PF_LANG_EN);
	assert_non_null(strstr(text, "Region IT capacity: 800 hours per quarter"));
	assert_non_null(strstr(text, "3,500,000"));
	assert_non_null(strstr(text, "1,450.5"));
	assert_non_null(strstr(text, "  OVER"));
	free(text);

	text = render_in(PF_REPORT_QUARTER,
	                 parse("{\"period\":\"2025Q3\",\"list_period\":null,\"initiatives\":[],"
	                       "\"missing\":[]}"),
	                 false, PF_LANG_EN);
	assert_string_equal(text, "Quarterly report 2025Q3 (no priority list)\n\nnone\n\n"
	                          "Missing follow-up: none\n");
	free(text);
}

/*
 * Benefit realisation, scores and the list's changes: shown where the
 * document has them, in the colours the audit reads them by.
 */
static void test_new_sections(void **state)
{
	char *text = render(PF_REPORT_COMMITTEE, load("committee-benefits.json"), false);
	char *colored;

	(void)state;
	assert_non_null(strstr(text, "\nEffekthemtagning\nNämnd  Avslutade  Mäts fortfarande  "
	                             "Mätningen upphört\n"));
	assert_non_null(strstr(text, "\nRS             2  RS-02, RS-07      inga\n"));
	assert_non_null(strstr(text, "\nRUN            1  inga              RUN-02\n"));
	assert_non_null(strstr(text, "\nHSN    2023          0           100,0 %\n"));
	assert_non_null(strstr(text,
	                       "\nHSN    omfördelning        7 300 000           4 261 905    "
	                       "        58,4 %\n"));
	assert_non_null(strstr(text, "\nKBN    KBN-01-M7b\n"));
	free(text);
	/* the initiatives no longer measured are red */
	colored = render(PF_REPORT_COMMITTEE, load("committee-benefits.json"), true);
	assert_non_null(strstr(colored, "\x1b[31mRUN-02\x1b[0m"));
	free(colored);

	text = render(PF_REPORT_INITIATIVE, load("initiative-benefits.json"), false);
	assert_non_null(strstr(text, "\nNyttor\nNyttotyp      Utlovat (kr/år)  Realiserat (kr/år)  "
	                             "Andel realiserad\n"));
	assert_non_null(strstr(text, "\nEj mätta indikatorer: KBN-01-M7b\n"));
	free(text);

	text = render(PF_REPORT_PRIORITY, load("priority-score.json"), false);
	assert_non_null(strstr(text, "Initiativ                                 Poäng  Nämnd"));
	assert_non_null(strstr(text, "\nKTN-02   50,1      0     0,93     0,6       1       0\n"));
	assert_non_null(strstr(text, "\nFörändring mot föregående lista (2025Q1)\n"
	                             "Nya på listan:   RS-06\nLämnat listan:   RS-02\n"
	                             "Flyttade upp:    RS-01 3 → 2, KBN-01 5 → 4, KBN-02 9 → 8, "
	                             "RUN-02 12 → 11\n"));
	free(text);

	/* the first list has nothing to compare with */
	text = render_in(PF_REPORT_PRIORITY,
	                 parse("{\"list_changes\":{\"previous_period\":null,\"entered\":[\"P-1\"],"
	                       "\"left\":[],\"moved\":[]}}"),
	                 false, PF_LANG_EN);
	assert_non_null(strstr(text, "\nChange from the previous list\nNo previous list.\n"));
	assert_null(strstr(text, "P-1"));
	free(text);
}

/*
 * A document of before the new keys, or with them null, renders exactly as
 * it always did: no new section, column or line.
 */
static void test_new_keys_null(void **state)
{
	static const struct {
		pf_report_kind kind;
		const char *file, *list;
		const char *const keys[4];
	} rows[] = {
	    {PF_REPORT_COMMITTEE,
	     "committee-2025Q3.json",
	     "committees",
	     {"after_completion", "kpis_by_year", "benefits", "unmeasured_indicators"}},
	    {PF_REPORT_INITIATIVE,
	     "initiative-P-01.json",
	     NULL,
	     {"benefits", "unmeasured_indicators", NULL, NULL}},
	    {PF_REPORT_PRIORITY,
	     "priority-2025Q3.json",
	     "waiting",
	     {"score", "score_parts", NULL, NULL}},
	    {PF_REPORT_PRIORITY, "priority-2025Q3.json", NULL, {"list_changes", NULL, NULL, NULL}},
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		for (int lang = 0; lang < 2; lang++) {
			json_t *doc = load(rows[i].file);
			json_t *list = rows[i].list ? json_object_get(doc, rows[i].list) : NULL;
			char *before =
			    render_in(rows[i].kind, json_incref(doc), false, (pf_lang)lang);
			char *after;

			for (size_t k = 0; k < COUNT_OF(rows[i].keys) && rows[i].keys[k]; k++) {
				if (!list)
					json_object_set_new(doc, rows[i].keys[k], json_null());
				for (size_t j = 0; j < json_array_size(list); j++)
					json_object_set_new(json_array_get(list, j),
					                    rows[i].keys[k], json_null());
			}
			after = render_in(rows[i].kind, doc, false, (pf_lang)lang);
			assert_string_equal(after, before);
			free(before);
			free(after);
		}
	}
}

/* The comparison itself must notice a change of one character. */
static void test_golden_detects_difference(void **state)
{
	char *text = render(PF_REPORT_QUARTER, load("quarter-2025Q3.json"), false);
	char *p = strstr(text, "62,5 %");

	(void)state;
	assert_non_null(p);
	p[3] = '6';
	if (!getenv("PF_UPDATE_GOLDEN"))
		assert_false(matches_golden(text, "quarter-2025Q3.txt", true));
	free(text);
}

/* ---- colour ---- */

static void test_color(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(golden_rows); i++) {
		const struct golden_row *g = &golden_rows[i];
		char *plain = render(g->kind, load(g->input), false);
		char *colored = render(g->kind, load(g->input), true);
		char *stripped = strip_ansi(colored);

		assert_string_equal(stripped, plain);
		free(plain);
		free(colored);
		free(stripped);
	}
}

static void test_color_lights(void **state)
{
	char *text = render(PF_REPORT_QUARTER, load("quarter-2025Q3.json"), true);

	(void)state;
	assert_non_null(strstr(text, "\x1b[32m● grön\x1b[0m"));
	assert_non_null(strstr(text, "\x1b[33m◐ gul\x1b[0m"));
	assert_non_null(strstr(text, "\x1b[31m○ röd\x1b[0m"));
	free(text);
}

/* ---- alignment ---- */

/* Every data line has the heading's column `head` at the same display column, starting with a
 * light. */
static void assert_light_column(const char *text, const char *head)
{
	char *copy = strdup(text), *save = NULL, *line;
	const char *heading = strstr(text, "Rang  ");
	size_t col, rows = 0;
	bool in_table = false;

	assert_non_null(copy);
	assert_non_null(heading);
	assert_non_null(strstr(heading, head));
	col = columns(heading, (size_t)(strstr(heading, head) - heading));
	for (line = strtok_r(copy, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		if (!strncmp(line, "─", strlen("─"))) {
			in_table = true;
			continue;
		}
		if (!in_table || !strncmp(line, "Saknar", 6))
			continue;
		long at = offset_of_column(line, col);

		assert_true(at > 0);
		assert_true(line[at - 1] == ' ' && line[at - 2] == ' ');
		assert_true(!strncmp(line + at, "●", 3) || !strncmp(line + at, "◐", 3) ||
		            !strncmp(line + at, "○", 3) || !strncmp(line + at, "–", 3));
		rows++;
	}
	assert_int_equal(rows, 5);
	free(copy);
}

static void test_alignment(void **state)
{
	json_t *doc = load("quarter-2025Q3.json");
	json_t *items = json_object_get(doc, "initiatives");
	json_t *extra = json_deep_copy(json_array_get(items, 0));
	char *text;

	(void)state;
	json_object_set_new(json_array_get(items, 1), "title",
	                    json_string("Ärendehantering för bidrag åäö ÅÄÖ"));
	json_object_set_new(json_array_get(items, 2), "committee", json_string("KTNÖÄ"));
	json_object_set_new(extra, "title", json_string("Örebro–Värmland"));
	json_object_set_new(extra, "rank", json_integer(10));
	json_array_append_new(items, extra);
	text = render(PF_REPORT_QUARTER, doc, false);
	assert_light_column(text, "Bedömning");
	assert_light_column(text, "Beräknad");
	assert_light_column(text, "Föregående");
	free(text);

	doc = load("quarter-2025Q3.json");
	json_object_set_new(
	    json_array_get(json_object_get(doc, "initiatives"), 0), "title",
	    json_string("Ärendehanteringssystem för bidrag och stöd till föreningar"));
	text = render(PF_REPORT_QUARTER, doc, true);
	char *plain = strip_ansi(text);
	assert_non_null(strstr(plain, "Ärendehanteringssystem för bidrag och s…  HSN"));
	free(plain);
	free(text);
}

/* ---- defensive ---- */

static const char *const odd_docs[] = {
    "null",
    "{}",
    "[]",
    "42",
    "\"text\"",
    /* every key present and null */
    "{\"period\":null,\"list_period\":null,\"year\":null,\"capacity\":null,"
    "\"initiatives\":[{\"id\":null,\"title\":null,\"committee\":null,\"rank\":null,"
    "\"status\":null,\"assessment\":null,\"computed\":null,\"realisation\":null,"
    "\"previous_assessment\":null,\"comment\":null}],\"missing\":[null],"
    "\"committees\":[{\"code\":null,\"initiatives\":null,\"by_status\":{\"idé\":null},"
    "\"indicators\":null,\"measured\":null,\"on_track\":null,\"realisation\":null,"
    "\"completed_in_year\":null,\"innovative_share\":null,\"missing_followups\":null,"
    "\"informed\":null,\"decisions\":null,\"without_protocol\":null,"
    "\"roadmaps\":[{\"roadmap\":null,\"version\":null,\"date\":null,\"reported\":null}],"
    "\"unreported_initiatives\":[null]}],"
    "\"roadmap\":null,\"version\":null,\"unit\":null,\"committee\":null,\"date\":null,"
    "\"first_year\":null,\"decided_by\":null,\"previous_version\":null,"
    "\"items\":[{\"initiative\":null,\"title\":null,\"horizon\":null,\"year\":null,"
    "\"status\":null,\"assessment\":null,\"realisation\":null}],"
    "\"changes\":[{\"at\":null,\"command\":null,\"kind\":null,\"key\":null,\"field\":null,"
    "\"old\":null,\"new\":null}],"
    "\"decisions\":[{\"decision_id\":null,\"body\":null,\"date\":null,\"type\":null,"
    "\"title\":null,\"protocol\":null}],\"reported_to_committee\":null,"
    "\"initiative\":{\"id\":null,\"title\":null,\"description\":null,\"innovative\":null,"
    "\"budget\":null},\"realisation\":null,\"computed\":null,\"expected\":null,"
    "\"indicators\":[{\"indicator_id\":null,\"unit\":null,\"baseline\":null,\"target\":null,"
    "\"value\":null,\"value_period\":null,\"progress\":null,\"light\":null,"
    "\"series\":[{\"period\":null,\"value\":null}]}],"
    "\"followups\":[{\"period\":null,\"assessment\":null}],\"priorities\":[{}],"
    "\"roadmaps\":[{}],\"waiting\":[{\"cross_cutting\":null,\"it_hours\":null}],"
    "\"hours\":[{\"period\":null,\"asked\":null,\"over\":null}],\"priority_list\":[{}]}",
    /* lists empty, objects with no keys */
    "{\"initiatives\":[{}],\"committees\":[{}],\"items\":[{}],\"indicators\":[{}],"
    "\"followups\":[],\"waiting\":[{}],\"hours\":[{}],\"changes\":{}}",
    /* wrong types everywhere, control characters, huge and odd numbers */
    "{\"period\":[1,2],\"initiatives\":\"x\",\"missing\":{\"a\":1},"
    "\"committees\":[1,\"a\",null,[]],\"items\":[{\"horizon\":5,\"title\":\"a\\u001b[31mb\\nc\"}],"
    "\"first_year\":\"2025\",\"changes\":{\"added\":\"P-1\",\"moved\":[{\"from\":1}]},"
    "\"initiative\":[],\"indicators\":{\"series\":1},"
    "\"capacity\":-1e300,\"hours\":[{\"asked\":1e300,\"committed\":-9223372036854775807}],"
    "\"by_status\":7,\"year\":true}",
    /* the keys the builders added later, of the wrong types */
    "{\"committees\":[{\"after_completion\":{\"completed\":\"x\",\"still_measured\":\"a\","
    "\"measuring_stopped\":{\"a\":1}},\"kpis_by_year\":{\"year\":1},\"benefits\":[1,2],"
    "\"unmeasured_indicators\":\"x\"},{\"after_completion\":[],\"kpis_by_year\":[null,"
    "{\"year\":\"y\",\"innovative_share\":1e300}],\"benefits\":{\"ekonomisk\":null,"
    "\"x\\u001b[31m\":{\"promised\":-5,\"realised\":1e308},\"\":{\"promised\":0}},"
    "\"unmeasured_indicators\":[null,1,[]]}],"
    "\"benefits\":{\"kvalitativ\":{\"promised\":1e308,\"realised\":-1e308}},"
    "\"unmeasured_indicators\":{},\"waiting\":[{\"score\":\"x\",\"score_parts\":[1]},"
    "{\"score\":1e300,\"score_parts\":{\"benefit\":\"a\",\"it_load\":null}}],"
    "\"list_changes\":{\"previous_period\":5,\"entered\":\"x\",\"left\":[null],"
    "\"moved\":[{\"id\":null,\"from\":\"a\",\"to\":2},{},1]}}",
    "{\"committees\":{\"benefits\":1},\"benefits\":\"x\",\"waiting\":{\"score\":1},"
    "\"list_changes\":[1]}",
};

static void test_odd_documents(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(odd_docs); i++) {
		for (int k = 0; k < PF_REPORT_COUNT; k++) {
			for (int color = 0; color < 4; color++) {
				char *text =
				    render_in((pf_report_kind)k, parse(odd_docs[i]), color & 1,
				              color & 2 ? PF_LANG_EN : PF_LANG_SV);

				if (!(color & 1))
					assert_null(strchr(text, '\x1b'));
				free(text);
			}
		}
	}
}

static void test_null_lights(void **state)
{
	char *text = render(PF_REPORT_QUARTER,
	                    parse("{\"period\":\"2025Q3\",\"initiatives\":[{\"id\":\"P-9\","
	                          "\"realisation\":null,\"computed\":null}],\"missing\":[]}"),
	                    false);

	(void)state;
	assert_non_null(strstr(text, "– ej mätt"));
	assert_non_null(strstr(text, "Saknar uppföljning: inga"));
	free(text);
}

static void test_unknown_kind(void **state)
{
	pf_report r = {PF_REPORT_COUNT, {0}, NULL};
	pf_render_opts o = {false};
	pf_error err;
	char *out = (char *)"x";
	size_t len = 1;

	(void)state;
	pf_error_init(&err);
	assert_int_equal(pf_render_table(&r, &o, &out, &len, &err), PF_EUSAGE);
	assert_null(out);
	assert_int_equal(len, 0);
	assert_int_equal(err.errors, 1);
	pf_error_clear(&err);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_golden),        cmocka_unit_test(test_golden_en),
	    cmocka_unit_test(test_english),       cmocka_unit_test(test_new_sections),
	    cmocka_unit_test(test_new_keys_null), cmocka_unit_test(test_golden_detects_difference),
	    cmocka_unit_test(test_color),         cmocka_unit_test(test_color_lights),
	    cmocka_unit_test(test_alignment),     cmocka_unit_test(test_odd_documents),
	    cmocka_unit_test(test_null_lights),   cmocka_unit_test(test_unknown_kind),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
