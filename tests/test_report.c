/*
 * Tests for the report builders (src/report_*.c) on a small portfolio,
 * tests/data/report/, imported into a fresh database by the fixture. Every
 * expected figure is worked out by hand from FORMATS.md sections 4 and 5;
 * the arithmetic is in the comment next to it. Reports are built with
 * pf_report_build, rendered as JSON and read back with jansson.
 *
 * The portfolio, and the figures everything below is built from:
 *
 *   Dates: most indicators run from d0 = 2025-01-01 to d1 = 2025-12-27,
 *   which is 360 days. Days from d0 to the end of a quarter:
 *     2025Q1 ends 2025-03-31: 31+28+30       =  89  -> expected  89/360 = 0.2472
 *     2025Q2 ends 2025-06-30: 31+28+31+30+31+29 = 180 -> expected 180/360 = 0.5
 *     2025Q3 ends 2025-09-30: 243+29         = 272  -> expected 272/360 = 0.7556
 *
 *   Indicators (weight 1 unless given), latest value at P = 2025Q2:
 *     A1-E1  0 -> 100 (öka)         v = 45 (2025Q2; 90 in 2025Q3 is after P)
 *            progress 45/100 = 0.45, expected 0.5: 0.45 >= 0.40 green
 *     A1-E2  8 -> 4 (minska), w 3   v = 7 (2025Q1)
 *            progress (7-8)/(4-8) = 0.25, expected 0.5: 0.25 >= 0.25 yellow
 *     A1-E3  50 -> 90               never measured
 *     A3-E1  10 -> 20, 2024-06-01 .. 2025-06-01; v = 20 (2025Q2, after A3
 *            completed on 2025-03-31): progress 1, expected 1 (past d1): green
 *     K1-E1  100 -> 50 (minska from the sign), v = 90 (2025Q2)
 *            progress (90-100)/(50-100) = 0.2, expected 0.5: 0.2 < 0.25 red
 *     K1-E2  0 -> 10, 2024-01-01 .. 2024-12-31; v = 12 (2024Q4)
 *            progress 12/10 clamped 1, expected 1: green
 *
 *   Initiatives at 2025Q2:
 *     A1  realisation (1*0.45 + 3*0.25) / (1+3) = 1.2/4 = 0.3
 *         expected (1*0.5 + 3*0.5) / 4 = 0.5: 0.3 < 0.40, >= 0.25 -> gul
 *     A3  realisation 1, expected 1 -> grön
 *     K1  realisation (0.2 + 1) / 2 = 0.6; expected (0.5 + 1) / 2 = 0.75:
 *         0.6 < 0.65, >= 0.50 -> gul
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "portfolj/db.h"
#include "portfolj/error.h"
#include "portfolj/import.h"
#include "portfolj/report.h"
#include "portfolj/value.h"
#include "testutil.h"

#ifndef PF_TEST_DATA
#error "PF_TEST_DATA must name the tests/data directory"
#endif

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

struct fixture {
	char *dir;
	char *path;
	pf_db *db;
	pf_error err;
};

static void print_diags(const pf_error *e)
{
	for (size_t i = 0; i < e->count; i++)
		fprintf(stderr, "  %s: %s\n", e->diags[i].where ? e->diags[i].where : "(none)",
		        e->diags[i].message);
}

static void import_portfolio(struct fixture *fx)
{
	static const char *const files[] = {"initiatives.csv", "effects.csv",    "measurements.csv",
	                                    "followups.csv",   "priorities.csv", "roadmaps.csv",
	                                    "decisions.csv"};
	pf_import *imp = NULL;
	pf_import_summary sum;
	pf_status st;

	assert_int_equal(pf_import_new(&imp, fx->db, NULL, &fx->err), PF_OK);
	for (size_t i = 0; i < COUNT_OF(files); i++) {
		char path[1024];
		snprintf(path, sizeof(path), "%s/report/%s", PF_TEST_DATA, files[i]);
		assert_int_equal(pf_import_add(imp, path, &fx->err), PF_OK);
	}
	st = pf_import_run(imp, &sum, &fx->err);
	pf_import_free(imp);
	if (st != PF_OK || fx->err.errors) {
		print_diags(&fx->err);
		fail_msg("the report portfolio did not import");
	}
	assert_int_equal(sum.kind[PF_KIND_INITIATIVES].inserted, 15);
	assert_int_equal(sum.kind[PF_KIND_EFFECTS].inserted, 6);
	assert_int_equal(sum.kind[PF_KIND_DECISIONS].inserted, 11);
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	size_t n;

	assert_non_null(fx);
	pf_error_init(&fx->err);
	fx->dir = pf_test_mkdtemp();
	assert_non_null(fx->dir);
	n = strlen(fx->dir) + 16;
	fx->path = malloc(n);
	snprintf(fx->path, n, "%s/report.db", fx->dir);
	assert_int_equal(pf_db_open(&fx->db, fx->path, NULL, &fx->err), PF_OK);
	import_portfolio(fx);
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

/* ---- building and reading reports ---- */

static pf_period period(const char *s)
{
	pf_period p;

	assert_true(pf_period_parse(s, &p));
	return p;
}

static pf_status try_build(struct fixture *fx, pf_report_kind kind, const pf_report_opts *o,
                           json_t **doc)
{
	pf_report *r = NULL;
	char *text = NULL;
	size_t len = 0;
	json_error_t jerr;
	pf_status st = pf_report_build(&r, fx->db, kind, o, &fx->err);

	*doc = NULL;
	if (st)
		return st;
	st = pf_report_render(r, PF_FORMAT_JSON, NULL, &text, &len, &fx->err);
	pf_report_free(r);
	if (st)
		return st;
	assert_int_equal(strlen(text), len);
	*doc = json_loads(text, 0, &jerr);
	if (!*doc)
		fail_msg("the report is not JSON: %s\n%s", jerr.text, text);
	free(text);
	return PF_OK;
}

static json_t *build(struct fixture *fx, pf_report_kind kind, const pf_report_opts *o)
{
	json_t *doc;
	pf_status st = try_build(fx, kind, o, &doc);

	if (st) {
		print_diags(&fx->err);
		fail_msg("report %s gave status %d", pf_report_kind_name(kind), (int)st);
	}
	return doc;
}

static json_t *get(const json_t *o, const char *key)
{
	json_t *v = json_object_get(o, key);

	if (!v)
		fail_msg("no key \"%s\" in %s", key, json_dumps(o, JSON_COMPACT));
	return v;
}

static void expect_str(const json_t *o, const char *key, const char *want)
{
	json_t *v = get(o, key);

	if (!want) {
		if (!json_is_null(v))
			fail_msg("%s: expected null, got %s", key,
			         json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT));
		return;
	}
	if (!json_is_string(v))
		fail_msg("%s: expected \"%s\", got %s", key, want,
		         json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT));
	assert_string_equal(json_string_value(v), want);
}

static void expect_int(const json_t *o, const char *key, long long want)
{
	json_t *v = get(o, key);

	if (!json_is_integer(v))
		fail_msg("%s: expected %lld, got %s", key, want,
		         json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT));
	assert_int_equal(json_integer_value(v), want);
}

static void expect_null(const json_t *o, const char *key)
{
	json_t *v = get(o, key);

	if (!json_is_null(v))
		fail_msg("%s: expected null, got %s", key,
		         json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT));
}

/* A JSON number equal to want (already rounded to 4 decimals by hand). */
static void expect_num(const json_t *o, const char *key, double want)
{
	json_t *v = get(o, key);

	if (!json_is_number(v))
		fail_msg("%s: expected %g, got %s", key, want,
		         json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT));
	if (fabs(json_number_value(v) - want) > 1e-9)
		fail_msg("%s: expected %.10g, got %.10g", key, want, json_number_value(v));
}

static void expect_bool(const json_t *o, const char *key, bool want)
{
	json_t *v = get(o, key);

	if (!json_is_boolean(v))
		fail_msg("%s: expected a boolean, got %s", key,
		         json_dumps(v, JSON_ENCODE_ANY | JSON_COMPACT));
	assert_int_equal(json_is_true(v), want);
}

/* An array of strings equal to want (n of them, in order). */
static void expect_ids(const json_t *arr, const char *const *want, size_t n)
{
	char *got = json_dumps(arr, JSON_ENCODE_ANY | JSON_COMPACT);

	if (!json_is_array(arr) || json_array_size(arr) != n)
		fail_msg("expected %zu ids, got %s", n, got);
	for (size_t i = 0; i < n; i++) {
		json_t *v = json_array_get(arr, i);
		if (!json_is_string(v) || strcmp(json_string_value(v), want[i]))
			fail_msg("item %zu: expected %s in %s", i, want[i], got);
	}
	free(got);
}

#define IDS(...) ((const char *const[]){__VA_ARGS__})
#define NIDS(...) (sizeof(IDS(__VA_ARGS__)) / sizeof(const char *))
#define EXPECT_IDS(arr, ...) expect_ids((arr), IDS(__VA_ARGS__), NIDS(__VA_ARGS__))

/* The object in an array whose `key` is `value`. */
static json_t *find(const json_t *arr, const char *key, const char *value)
{
	size_t i;
	json_t *o;

	json_array_foreach(arr, i, o)
	{
		json_t *v = json_object_get(o, key);
		if (json_is_string(v) && !strcmp(json_string_value(v), value))
			return o;
	}
	fail_msg("no %s \"%s\" in %s", key, value, json_dumps(arr, JSON_COMPACT));
	return NULL;
}

static const char *str_at(const json_t *arr, size_t i, const char *key)
{
	json_t *v = json_object_get(json_array_get(arr, i), key);

	return json_is_string(v) ? json_string_value(v) : "(not a string)";
}

/* ---- report quarter ---- */

/*
 * P = 2025Q2: the latest list at or before P is 2025Q1's (2025Q3's is later),
 * in rank order K1, A2, A1 (the file gives A1 first).
 */
static void test_quarter_list_and_followups(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2")};
	json_t *doc = build(fx, PF_REPORT_QUARTER, &o);
	json_t *items = get(doc, "initiatives"), *it;

	expect_str(doc, "period", "2025Q2");
	assert_int_equal(json_array_size(items), 3);

	it = json_array_get(items, 0);
	expect_str(it, "id", "K1");
	expect_str(it, "title", "Ärendehantering för bidrag");
	expect_str(it, "committee", "KBN");
	expect_int(it, "rank", 1);
	/* No follow-up for 2025Q2: the initiative's own status, no assessment. */
	expect_str(it, "status", "pågående");
	expect_null(it, "assessment");
	/* K1: 0.6 against expected 0.75 -> gul (see the head of the file). */
	expect_str(it, "computed", "gul");
	expect_num(it, "realisation", 0.6);
	/* Its latest follow-up before 2025Q2 is 2024Q4's. */
	expect_str(it, "previous_assessment", "röd");
	expect_null(it, "comment");

	it = json_array_get(items, 1);
	expect_str(it, "id", "A2");
	expect_int(it, "rank", 2);
	/* The follow-up gives no status: the initiative's (pausad). */
	expect_str(it, "status", "pausad");
	expect_str(it, "assessment", "röd");
	/* No indicators: nothing to compute. */
	expect_null(it, "computed");
	expect_null(it, "realisation");
	expect_str(it, "previous_assessment", "gul");
	expect_str(it, "comment", "Resursbrist");

	it = json_array_get(items, 2);
	expect_str(it, "id", "A1");
	expect_int(it, "rank", 3);
	/* The follow-up's status (pausad), not the initiative's (pågående). */
	expect_str(it, "status", "pausad");
	expect_str(it, "assessment", "grön");
	/* A1: (1*0.45 + 3*0.25)/4 = 0.3 against 0.5 -> gul. The 2025Q3 value 90 is ignored. */
	expect_str(it, "computed", "gul");
	expect_num(it, "realisation", 0.3);
	expect_str(it, "previous_assessment", "gul");
	expect_str(it, "comment", "Enligt plan");

	EXPECT_IDS(get(doc, "missing"), "K1");
	json_decref(doc);
}

/* P = 2025Q3: 2025Q3's own list, and the 2025Q3 measurement now counts. */
static void test_quarter_later_period(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q3")};
	json_t *doc = build(fx, PF_REPORT_QUARTER, &o);
	json_t *items = get(doc, "initiatives"), *it;

	assert_int_equal(json_array_size(items), 3);
	it = json_array_get(items, 0);
	expect_str(it, "id", "A1");
	expect_int(it, "rank", 1);
	/* No 2025Q3 follow-up: the initiative's status, and the previous is 2025Q2's grön. */
	expect_str(it, "status", "pågående");
	expect_null(it, "assessment");
	expect_str(it, "previous_assessment", "grön");
	/*
	 * A1-E1 v = 90: 0.9; A1-E2 still 7: 0.25. (1*0.9 + 3*0.25)/4 = 1.65/4 = 0.4125.
	 * Expected 272/360 = 0.7556 for both: 0.4125 < 0.6556 and < 0.5056 -> röd.
	 */
	expect_num(it, "realisation", 0.4125);
	expect_str(it, "computed", "röd");

	it = json_array_get(items, 1);
	expect_str(it, "id", "K1");
	expect_int(it, "rank", 2);
	/*
	 * K1 at 2025Q3: (0.2 + 1)/2 = 0.6 again; expected (0.7556 + 1)/2 = 0.8778:
	 * 0.6 < 0.7778 and < 0.6278 -> röd.
	 */
	expect_num(it, "realisation", 0.6);
	expect_str(it, "computed", "röd");
	expect_str(it, "previous_assessment", "röd");

	it = json_array_get(items, 2);
	expect_str(it, "id", "K2");
	expect_int(it, "rank", 3);
	expect_str(it, "status", "idé");
	expect_null(it, "computed");
	expect_null(it, "realisation");
	expect_null(it, "previous_assessment");

	EXPECT_IDS(get(doc, "missing"), "A1", "K1", "K2");
	json_decref(doc);
}

static void test_quarter_which_list(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2024Q4")};
	json_t *doc = build(fx, PF_REPORT_QUARTER, &o);

	/* 2024Q4 has its own list: A4 alone, with no follow-up. */
	assert_int_equal(json_array_size(get(doc, "initiatives")), 1);
	assert_string_equal(str_at(get(doc, "initiatives"), 0, "id"), "A4");
	EXPECT_IDS(get(doc, "missing"), "A4");
	json_decref(doc);

	/* 2026Q2 uses the latest list before it, 2025Q3's. */
	o.period = period("2026Q2");
	doc = build(fx, PF_REPORT_QUARTER, &o);
	assert_int_equal(json_array_size(get(doc, "initiatives")), 3);
	assert_string_equal(str_at(get(doc, "initiatives"), 0, "id"), "A1");
	assert_string_equal(str_at(get(doc, "initiatives"), 2, "id"), "K2");
	json_decref(doc);

	/* Before any list: nothing prioritised, nothing missing. */
	o.period = period("2024Q3");
	doc = build(fx, PF_REPORT_QUARTER, &o);
	assert_int_equal(json_array_size(get(doc, "initiatives")), 0);
	assert_int_equal(json_array_size(get(doc, "missing")), 0);
	json_decref(doc);
}

static void test_quarter_all(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2"), .all = true};
	json_t *doc = build(fx, PF_REPORT_QUARTER, &o);
	json_t *items = get(doc, "initiatives"), *it;
	static const char *const ids[] = {"A1", "A2", "A3", "A4", "A5", "A6", "A7", "A8",
	                                  "K1", "K2", "K3", "K4", "R1", "R2", "R3"};

	/* Every initiative, not only the list. */
	assert_int_equal(json_array_size(items), COUNT_OF(ids));
	for (size_t i = 0; i < COUNT_OF(ids); i++)
		assert_non_null(find(items, "id", ids[i]));
	/* Ranks from the list in force, null off it. */
	expect_int(find(items, "id", "K1"), "rank", 1);
	expect_int(find(items, "id", "A1"), "rank", 3);
	expect_null(find(items, "id", "R2"), "rank");
	/* A3, completed, still has its indicator: 1 against 1 -> grön. */
	it = find(items, "id", "A3");
	expect_num(it, "realisation", 1.0);
	expect_str(it, "computed", "grön");
	expect_str(it, "status", "avslutad");
	expect_null(it, "assessment");
	/* A5's 2025Q2 follow-up. */
	expect_str(find(items, "id", "A5"), "assessment", "grön");
	expect_str(find(items, "id", "A5"), "previous_assessment", "grön");
	json_decref(doc);
}

/* ---- report committee ---- */

static long long by_status(const json_t *c, const char *status)
{
	json_t *v = json_object_get(get(c, "by_status"), status);

	return v ? json_integer_value(v) : 0;
}

static void expect_by_status(const json_t *c, const char *const *words, const long long *counts)
{
	static const char *const all[] = {"idé",    "förstudie", "beslutad", "pågående",
	                                  "pausad", "avslutad",  "stoppad"};

	for (size_t i = 0; i < COUNT_OF(all); i++) {
		long long want = 0;
		for (size_t j = 0; words[j]; j++)
			if (!strcmp(words[j], all[i]))
				want = counts[j];
		if (by_status(c, all[i]) != want)
			fail_msg("by_status %s: %lld, expected %lld", all[i], by_status(c, all[i]),
			         want);
	}
}

static void test_committee(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2")};
	json_t *doc = build(fx, PF_REPORT_COMMITTEE, &o);
	json_t *list = get(doc, "committees"), *c;

	expect_str(doc, "period", "2025Q2");
	assert_int_equal(json_array_size(list), 3);
	assert_string_equal(str_at(list, 0, "code"), "HSN");
	assert_string_equal(str_at(list, 1, "code"), "KBN");
	assert_string_equal(str_at(list, 2, "code"), "RS");

	c = json_array_get(list, 0);
	expect_int(c, "initiatives", 8);
	/* By the initiatives' status now: A1 pågående although its follow-up says pausad. */
	expect_by_status(c, IDS("pågående", "pausad", "avslutad", NULL),
	                 (const long long[]){1, 1, 6});
	/* A1-E1, A1-E2, A1-E3, A3-E1; A1-E3 is not measured. */
	expect_int(c, "indicators", 4);
	expect_int(c, "measured", 3);
	/* Green: A1-E1 and A3-E1 (measured after A3 completed); A1-E2 is yellow. */
	expect_int(c, "on_track", 2);
	/* (1*0.45 + 3*0.25 + 1*1) / (1+3+1) = 2.2/5 = 0.44 */
	expect_num(c, "realisation", 0.44);
	/*
	 * Completed in 2025 by 2025-06-30: A3 (slut 2025-03-31; its 2024Q4 follow-up
	 * saying avslutad does not count, slut does) and A5 (no slut; first follow-up
	 * saying avslutad is 2025Q1, ending 2025-03-31). Not A4 (2024-11-30), A6
	 * (2025-09-30, after end(P)), A7 (first avslutad 2025Q3), A8 (first 2024Q4).
	 */
	expect_int(c, "completed_in_year", 2);
	/* A2 is förvaltning: innovative A1, A5 of A1, A3..A8: 2/7 = 0.2857. */
	expect_num(c, "innovative_share", 0.2857);
	/* A1 (pågående) and A2 (pausad) both have a 2025Q2 follow-up. */
	expect_int(c, "missing_followups", 0);
	/* A1-E2's 2025Q1 value is one quarter old: current. A1-E3 was never measured. */
	expect_int(c, "stale", 0);
	EXPECT_IDS(get(c, "not_measured_this_period"), "A1-E2", "A1-E3");

	c = json_array_get(list, 1);
	expect_int(c, "initiatives", 4);
	expect_by_status(c, IDS("pågående", "idé", "förstudie", NULL),
	                 (const long long[]){1, 1, 2});
	expect_int(c, "indicators", 2);
	expect_int(c, "measured", 2);
	/* K1-E2 green, K1-E1 red. */
	expect_int(c, "on_track", 1);
	/* K1-E2's 2024Q4 value is two quarters before 2025Q2: stale, still green. */
	expect_int(c, "stale", 1);
	EXPECT_IDS(get(c, "not_measured_this_period"), "K1-E2");
	/* (0.2 + 1) / 2 = 0.6 */
	expect_num(c, "realisation", 0.6);
	expect_int(c, "completed_in_year", 0);
	/* K2 of K1..K4: 1/4 = 0.25 */
	expect_num(c, "innovative_share", 0.25);
	/* K1 is pågående without a 2025Q2 follow-up. */
	expect_int(c, "missing_followups", 1);

	c = json_array_get(list, 2);
	expect_int(c, "initiatives", 3);
	expect_by_status(c, IDS("beslutad", "pågående", NULL), (const long long[]){2, 1});
	expect_int(c, "indicators", 0);
	expect_int(c, "measured", 0);
	expect_int(c, "on_track", 0);
	expect_null(c, "realisation");
	expect_int(c, "completed_in_year", 0);
	/* All of RS's initiatives are förvaltning: no share. */
	expect_null(c, "innovative_share");
	/* R2 is pågående without a follow-up. */
	expect_int(c, "missing_followups", 1);
	json_decref(doc);
}

/* At the end of the year the later completions count too. */
static void test_committee_completed_later_in_year(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q4"), .committee = "HSN"};
	json_t *doc = build(fx, PF_REPORT_COMMITTEE, &o);
	json_t *list = get(doc, "committees"), *c;

	assert_int_equal(json_array_size(list), 1);
	c = json_array_get(list, 0);
	expect_str(c, "code", "HSN");
	/* By 2025-12-31: A3, A5, A6 (slut 2025-09-30), A7 (2025Q3 ends 2025-09-30). */
	expect_int(c, "completed_in_year", 4);
	/*
	 * 2025Q4 ends 2025-12-31, past d1 = 2025-12-27: expected 1 everywhere.
	 * A1-E1 0.9 green, A1-E2 0.25 red, A3-E1 1 green.
	 * (0.9 + 3*0.25 + 1) / 5 = 2.65/5 = 0.53
	 */
	expect_int(c, "on_track", 2);
	expect_num(c, "realisation", 0.53);
	/* No follow-ups for 2025Q4: A1 and A2. */
	expect_int(c, "missing_followups", 2);
	json_decref(doc);

	/* A year later nothing was completed in 2026. */
	o.period = period("2026Q4");
	doc = build(fx, PF_REPORT_COMMITTEE, &o);
	expect_int(json_array_get(get(doc, "committees"), 0), "completed_in_year", 0);
	json_decref(doc);
}

static void test_committee_filter(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2"), .committee = "KBN"};
	json_t *doc = build(fx, PF_REPORT_COMMITTEE, &o), *d2;

	assert_int_equal(json_array_size(get(doc, "committees")), 1);
	expect_str(json_array_get(get(doc, "committees"), 0), "code", "KBN");
	json_decref(doc);

	/* The code is matched whatever its case. */
	o.committee = "rs";
	doc = build(fx, PF_REPORT_COMMITTEE, &o);
	assert_int_equal(json_array_size(get(doc, "committees")), 1);
	expect_str(json_array_get(get(doc, "committees"), 0), "code", "RS");
	json_decref(doc);

	/* KTN has no initiatives in this portfolio. */
	o.committee = "KTN";
	assert_int_equal(try_build(fx, PF_REPORT_COMMITTEE, &o, &d2), PF_ENOTFOUND);
	assert_null(d2);
}

/* ---- report initiative ---- */

static void expect_point(const json_t *p, const char *per, double value, double progress,
                         double expected, const char *light)
{
	expect_str(p, "period", per);
	expect_num(p, "value", value);
	expect_num(p, "progress", progress);
	expect_num(p, "expected", expected);
	expect_str(p, "light", light);
}

static void test_initiative(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2"), .initiative = "A1"};
	json_t *doc = build(fx, PF_REPORT_INITIATIVE, &o);
	json_t *inds = get(doc, "indicators"), *ind, *series;

	expect_str(get(doc, "initiative"), "id", "A1");
	expect_str(get(doc, "initiative"), "status", "pågående");
	expect_str(get(doc, "initiative"), "committee", "HSN");
	expect_num(doc, "realisation", 0.3);
	expect_str(doc, "computed", "gul");

	assert_int_equal(json_array_size(inds), 3);
	ind = json_array_get(inds, 0);
	expect_str(ind, "indicator_id", "A1-E1");
	expect_str(ind, "direction", "öka");
	expect_num(ind, "value", 45);
	expect_str(ind, "value_period", "2025Q2");
	expect_num(ind, "progress", 0.45);
	expect_num(ind, "expected", 0.5);
	expect_str(ind, "light", "grön");
	expect_str(ind, "last_measured", "2025Q2");
	expect_bool(ind, "stale", false);
	/* Each value with the light of its own period, up to P: 2025Q3's 90 is after it. */
	series = get(ind, "series");
	assert_int_equal(json_array_size(series), 2);
	/* 2025Q1: 5/100 = 0.05 against 89/360 = 0.2472: 0.05 < 0.1472, >= -0.0028 -> gul */
	expect_point(json_array_get(series, 0), "2025Q1", 5, 0.05, 0.2472, "gul");
	expect_point(json_array_get(series, 1), "2025Q2", 45, 0.45, 0.5, "grön");

	ind = json_array_get(inds, 1);
	expect_str(ind, "indicator_id", "A1-E2");
	expect_str(ind, "direction", "minska");
	expect_num(ind, "weight", 3);
	expect_num(ind, "value", 7);
	expect_str(ind, "value_period", "2025Q1");
	expect_num(ind, "progress", 0.25);
	/* At 2025Q2: 0.25 against 0.5, exactly expected - 0.25 -> gul. */
	expect_str(ind, "light", "gul");
	/* Quarterly, one quarter old: current. */
	expect_str(ind, "last_measured", "2025Q1");
	expect_bool(ind, "stale", false);
	series = get(ind, "series");
	assert_int_equal(json_array_size(series), 1);
	/* In its own period: 0.25 against 0.2472 -> grön. */
	expect_point(json_array_get(series, 0), "2025Q1", 7, 0.25, 0.2472, "grön");

	ind = json_array_get(inds, 2);
	expect_str(ind, "indicator_id", "A1-E3");
	expect_null(ind, "value");
	expect_null(ind, "light");
	expect_null(ind, "progress");
	expect_null(ind, "last_measured");
	expect_bool(ind, "stale", false);
	assert_int_equal(json_array_size(get(ind, "series")), 0);

	/* Follow-up and priority history up to P, in period order (2025Q3's list is later). */
	assert_int_equal(json_array_size(get(doc, "followups")), 2);
	assert_string_equal(str_at(get(doc, "followups"), 0, "period"), "2025Q1");
	assert_string_equal(str_at(get(doc, "followups"), 1, "period"), "2025Q2");
	assert_string_equal(str_at(get(doc, "followups"), 1, "assessment"), "grön");
	assert_int_equal(json_array_size(get(doc, "priorities")), 1);
	assert_string_equal(str_at(get(doc, "priorities"), 0, "period"), "2025Q1");
	expect_int(json_array_get(get(doc, "priorities"), 0), "rank", 3);
	json_decref(doc);
}

/*
 * A1's history as P moves: what each part shows is dated at or before P.
 * A1-E1 values 2025Q1..Q3; follow-ups 2025Q1, Q2; lists 2025Q1 (rank 3), Q3
 * (rank 1); roadmap versions HS 2024 (2024-03-01), 2025 (2025-02-10), 2025
 * uppdaterad (2025-05-20); decisions D07 (2024-12-01), D01 (2025-01-15).
 */
static void test_initiative_as_of(void **state)
{
	static const struct {
		const char *period;
		size_t series, followups, priorities, roadmaps, decisions;
		bool e2_stale; /* A1-E2, measured 2025Q1 only */
	} rows[] = {
	    {"2024Q4", 0, 0, 0, 1, 1, false},
	    {"2025Q1", 1, 1, 1, 2, 2, false},
	    {"2025Q2", 2, 2, 1, 3, 2, false},
	    {"2025Q3", 3, 2, 2, 3, 2, true},
	};
	struct fixture *fx = *state;

	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		pf_report_opts o = {.period = period(rows[i].period), .initiative = "A1"};
		json_t *doc = build(fx, PF_REPORT_INITIATIVE, &o);
		json_t *inds = get(doc, "indicators");

		assert_int_equal(json_array_size(get(json_array_get(inds, 0), "series")),
		                 rows[i].series);
		assert_int_equal(json_array_size(get(doc, "followups")), rows[i].followups);
		assert_int_equal(json_array_size(get(doc, "priorities")), rows[i].priorities);
		assert_int_equal(json_array_size(get(doc, "roadmaps")), rows[i].roadmaps);
		assert_int_equal(json_array_size(get(doc, "decisions")), rows[i].decisions);
		expect_bool(json_array_get(inds, 1), "stale", rows[i].e2_stale);
		json_decref(doc);
	}
}

/* A completed initiative's indicator measured after completion still counts. */
static void test_initiative_after_completion(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2"), .initiative = "A3"};
	json_t *doc = build(fx, PF_REPORT_INITIATIVE, &o), *ind;

	expect_str(get(doc, "initiative"), "status", "avslutad");
	expect_str(get(doc, "initiative"), "end", "2025-03-31");
	/* (20-10)/(20-10) = 1 against 1 (past 2025-06-01) -> grön */
	expect_num(doc, "realisation", 1.0);
	expect_str(doc, "computed", "grön");
	ind = json_array_get(get(doc, "indicators"), 0);
	expect_str(ind, "value_period", "2025Q2");
	expect_str(ind, "light", "grön");
	json_decref(doc);

	/* Before its only measurement it is unmeasured. */
	o.period = period("2025Q1");
	doc = build(fx, PF_REPORT_INITIATIVE, &o);
	expect_null(doc, "realisation");
	expect_null(doc, "computed");
	json_decref(doc);
}

static void test_initiative_unknown(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2"), .initiative = "ZZ"};
	json_t *doc;

	assert_int_equal(try_build(fx, PF_REPORT_INITIATIVE, &o, &doc), PF_ENOTFOUND);
	assert_null(doc);
	assert_true(fx->err.errors > 0);
}

/* ---- report roadmap ---- */

static void expect_item(const json_t *it, const char *id, const char *horizon, long long year,
                        const char *status, const char *assessment)
{
	expect_str(it, "initiative", id);
	expect_str(it, "horizon", horizon);
	if (year)
		expect_int(it, "year", year);
	else
		expect_null(it, "year");
	expect_str(it, "status", status);
	expect_str(it, "assessment", assessment);
}

static void expect_move(const json_t *m, const char *id, const char *from, const char *to)
{
	expect_str(m, "initiative", id);
	expect_str(m, "from", from);
	expect_str(m, "to", to);
}

/* The latest version by date, against the one before it. */
static void test_roadmap_latest(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2"), .roadmap = "Färdplan HS"};
	json_t *doc = build(fx, PF_REPORT_ROADMAP, &o);
	json_t *items = get(doc, "items"), *changes = get(doc, "changes"), *dec;

	expect_str(doc, "roadmap", "Färdplan HS");
	expect_str(doc, "version", "2025 uppdaterad");
	expect_str(doc, "unit", "Hälso- och sjukvård");
	expect_str(doc, "committee", "HSN");
	expect_str(doc, "date", "2025-05-20");
	expect_int(doc, "first_year", 2026);
	expect_null(doc, "decided_by");
	expect_str(doc, "previous_version", "2025");

	/* Horizon order, then id; år 1 is first_year 2026. */
	assert_int_equal(json_array_size(items), 4);
	expect_item(json_array_get(items, 0), "A2", "år 1", 2026, "pausad", "röd");
	expect_null(json_array_get(items, 0), "realisation");
	/* A1: its status now (pågående), not its follow-up's; realisation 0.3 as above. */
	expect_item(json_array_get(items, 1), "A1", "år 2", 2027, "pågående", "grön");
	expect_num(json_array_get(items, 1), "realisation", 0.3);
	expect_item(json_array_get(items, 2), "A7", "år 3", 2028, "avslutad", NULL);
	expect_item(json_array_get(items, 3), "A8", "senare", 0, "avslutad", NULL);

	/* Against 2025 (A1 år 1, A2 år 1, A6 år 2, A7 år 3). */
	EXPECT_IDS(get(changes, "added"), "A8");
	EXPECT_IDS(get(changes, "removed"), "A6");
	assert_int_equal(json_array_size(get(changes, "moved")), 1);
	expect_move(json_array_get(get(changes, "moved"), 0), "A1", "år 1", "år 2");

	dec = get(doc, "decisions");
	assert_int_equal(json_array_size(dec), 2);
	expect_str(json_array_get(dec, 0), "decision_id", "D03");
	expect_str(json_array_get(dec, 0), "body", "förvaltningen");
	expect_str(json_array_get(dec, 0), "type", "fastställande");
	expect_null(json_array_get(dec, 0), "protocol");
	expect_str(json_array_get(dec, 1), "decision_id", "D04");
	expect_str(json_array_get(dec, 1), "date", "2025-06-10");
	expect_str(json_array_get(dec, 1), "protocol", "HSN 2025-06-10 § 12");
	/* D04 is by HSN, the roadmap's own committee. */
	expect_bool(doc, "reported_to_committee", true);
	json_decref(doc);
}

static void test_roadmap_version(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {
	    .period = period("2025Q2"), .roadmap = "Färdplan HS", .version = "2025"};
	json_t *doc = build(fx, PF_REPORT_ROADMAP, &o);
	json_t *items = get(doc, "items"), *changes = get(doc, "changes"), *moved;

	expect_str(doc, "version", "2025");
	expect_int(doc, "first_year", 2025);
	expect_str(doc, "decided_by", "Förvaltningschef HS");
	expect_str(doc, "previous_version", "2024");
	assert_int_equal(json_array_size(items), 4);
	expect_item(json_array_get(items, 0), "A1", "år 1", 2025, "pågående", "grön");
	expect_item(json_array_get(items, 1), "A2", "år 1", 2025, "pausad", "röd");
	expect_item(json_array_get(items, 2), "A6", "år 2", 2026, "avslutad", NULL);
	expect_item(json_array_get(items, 3), "A7", "år 3", 2027, "avslutad", NULL);

	/* Against 2024 (A1 år 1, A2 år 2, A4 år 1, A6 senare). */
	EXPECT_IDS(get(changes, "added"), "A7");
	EXPECT_IDS(get(changes, "removed"), "A4");
	moved = get(changes, "moved");
	assert_int_equal(json_array_size(moved), 2);
	expect_move(json_array_get(moved, 0), "A2", "år 2", "år 1");
	expect_move(json_array_get(moved, 1), "A6", "senare", "år 2");

	/* D02 (förvaltningen) and D05 (KBN, not the roadmap's committee), by date. */
	assert_int_equal(json_array_size(get(doc, "decisions")), 2);
	assert_string_equal(str_at(get(doc, "decisions"), 0, "decision_id"), "D02");
	assert_string_equal(str_at(get(doc, "decisions"), 1, "decision_id"), "D05");
	assert_string_equal(str_at(get(doc, "decisions"), 1, "protocol"), "KBN 2025-03-04 § 43");
	expect_bool(doc, "reported_to_committee", false);
	json_decref(doc);
}

/* The first version: no previous one, every item added; year 1 is the date's year. */
static void test_roadmap_first_version(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {
	    .period = period("2025Q2"), .roadmap = "Färdplan HS", .version = "2024"};
	json_t *doc = build(fx, PF_REPORT_ROADMAP, &o);
	json_t *items = get(doc, "items"), *changes = get(doc, "changes");

	expect_null(doc, "previous_version");
	expect_int(doc, "first_year", 2024);
	assert_int_equal(json_array_size(items), 4);
	expect_item(json_array_get(items, 0), "A1", "år 1", 2024, "pågående", "grön");
	expect_item(json_array_get(items, 1), "A4", "år 1", 2024, "avslutad", NULL);
	expect_item(json_array_get(items, 2), "A2", "år 2", 2025, "pausad", "röd");
	expect_item(json_array_get(items, 3), "A6", "senare", 0, "avslutad", NULL);
	EXPECT_IDS(get(changes, "added"), "A1", "A2", "A4", "A6");
	assert_int_equal(json_array_size(get(changes, "removed")), 0);
	assert_int_equal(json_array_size(get(changes, "moved")), 0);
	assert_int_equal(json_array_size(get(doc, "decisions")), 0);
	expect_bool(doc, "reported_to_committee", false);
	json_decref(doc);
}

static void test_roadmap_compare(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2"),
	                    .roadmap = "Färdplan HS",
	                    .version = "2025 uppdaterad",
	                    .compare = "2024"};
	json_t *doc = build(fx, PF_REPORT_ROADMAP, &o);
	json_t *changes = get(doc, "changes"), *moved;

	expect_str(doc, "version", "2025 uppdaterad");
	expect_str(doc, "previous_version", "2024");
	/* 2024: A1 år 1, A2 år 2, A4 år 1, A6 senare; now A1 år 2, A2 år 1, A7 år 3, A8 senare. */
	EXPECT_IDS(get(changes, "added"), "A7", "A8");
	EXPECT_IDS(get(changes, "removed"), "A4", "A6");
	moved = get(changes, "moved");
	assert_int_equal(json_array_size(moved), 2);
	expect_move(json_array_get(moved, 0), "A1", "år 1", "år 2");
	expect_move(json_array_get(moved, 1), "A2", "år 2", "år 1");
	json_decref(doc);
}

static void test_roadmap_not_found(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2"), .roadmap = "Färdplan XX"};
	json_t *doc;

	assert_int_equal(try_build(fx, PF_REPORT_ROADMAP, &o, &doc), PF_ENOTFOUND);
	o.roadmap = "Färdplan HS";
	o.version = "2030";
	assert_int_equal(try_build(fx, PF_REPORT_ROADMAP, &o, &doc), PF_ENOTFOUND);
	o.version = NULL;
	o.compare = "2030";
	assert_int_equal(try_build(fx, PF_REPORT_ROADMAP, &o, &doc), PF_ENOTFOUND);
	assert_null(doc);
}

/* ---- report traceability ---- */

static void expect_trace_roadmap(const json_t *r, const char *roadmap, const char *version,
                                 const char *date, bool reported)
{
	expect_str(r, "roadmap", roadmap);
	expect_str(r, "version", version);
	expect_str(r, "date", date);
	expect_bool(r, "reported", reported);
}

static void test_traceability(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q3")};
	json_t *doc = build(fx, PF_REPORT_TRACEABILITY, &o);
	json_t *list = get(doc, "committees"), *c, *rm;

	/* The period's year, up to its end: every row of 2025 is dated by 2025-09-30. */
	expect_int(doc, "year", 2025);
	assert_int_equal(json_array_size(list), 3);

	c = json_array_get(list, 0);
	expect_str(c, "code", "HSN");
	/* HSN in 2025: D01 start, D04 and D06 information; D07 is 2024. */
	expect_int(c, "informed", 2);
	expect_int(c, "decisions", 1);
	/* D06 has no protocol. */
	expect_int(c, "without_protocol", 1);
	rm = get(c, "roadmaps");
	assert_int_equal(json_array_size(rm), 2);
	/* 2025: only D02 (förvaltningen) and D05 (KBN) concern it: not reported. */
	expect_trace_roadmap(json_array_get(rm, 0), "Färdplan HS", "2025", "2025-02-10", false);
	/* 2025 uppdaterad: D04 by HSN, 2025-06-10, on or after its date. */
	expect_trace_roadmap(json_array_get(rm, 1), "Färdplan HS", "2025 uppdaterad", "2025-05-20",
	                     true);
	/*
	 * On a 2025 list: A1 (D01 concerns it) and A2 (no HSN row concerns it; D04
	 * concerns a roadmap A2 is in, which does not count).
	 */
	EXPECT_IDS(get(c, "unreported_initiatives"), "A2");

	c = json_array_get(list, 1);
	expect_str(c, "code", "KBN");
	/* D05 and D11 information, D08 prioritering. */
	expect_int(c, "informed", 2);
	expect_int(c, "decisions", 1);
	/* D11 has no protocol. */
	expect_int(c, "without_protocol", 1);
	rm = get(c, "roadmaps");
	assert_int_equal(json_array_size(rm), 1);
	/* D11 concerns it but is dated 2025-02-15, before the version's 2025-03-01. */
	expect_trace_roadmap(json_array_get(rm, 0), "Färdplan KB", "2025", "2025-03-01", false);
	/* K1 (D08 concerns it) and K2 (2025Q3 list; only regionledningen's D09 names it). */
	EXPECT_IDS(get(c, "unreported_initiatives"), "K2");

	c = json_array_get(list, 2);
	expect_str(c, "code", "RS");
	expect_int(c, "informed", 1);
	expect_int(c, "decisions", 0);
	expect_int(c, "without_protocol", 1);
	assert_int_equal(json_array_size(get(c, "roadmaps")), 0);
	assert_int_equal(json_array_size(get(c, "unreported_initiatives")), 0);
	json_decref(doc);
}

/*
 * At 2025Q2 the rows after 2025-06-30 are left out: HSN's D06 (2025-09-01,
 * information, no protocol) and the 2025Q3 list, the only one naming K2.
 */
static void test_traceability_as_of(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2")};
	json_t *doc = build(fx, PF_REPORT_TRACEABILITY, &o);
	json_t *list = get(doc, "committees"), *c;

	expect_int(doc, "year", 2025);
	c = json_array_get(list, 0);
	expect_str(c, "code", "HSN");
	expect_int(c, "informed", 1);
	expect_int(c, "decisions", 1);
	expect_int(c, "without_protocol", 0);
	assert_int_equal(json_array_size(get(c, "roadmaps")), 2);
	EXPECT_IDS(get(c, "unreported_initiatives"), "A2");
	c = json_array_get(list, 1);
	expect_str(c, "code", "KBN");
	assert_int_equal(json_array_size(get(c, "unreported_initiatives")), 0);
	json_decref(doc);
}

static void test_traceability_other_year(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2"), .year = 2024};
	json_t *doc = build(fx, PF_REPORT_TRACEABILITY, &o);
	json_t *list = get(doc, "committees"), *c;

	expect_int(doc, "year", 2024);
	c = json_array_get(list, 0);
	expect_str(c, "code", "HSN");
	/* D07, prioritering 2024-12-01, without protocol. */
	expect_int(c, "informed", 0);
	expect_int(c, "decisions", 1);
	expect_int(c, "without_protocol", 1);
	assert_int_equal(json_array_size(get(c, "roadmaps")), 1);
	expect_trace_roadmap(json_array_get(get(c, "roadmaps"), 0), "Färdplan HS", "2024",
	                     "2024-03-01", false);
	/* A4 on the 2024Q4 list; D07 concerns A1, not A4. */
	EXPECT_IDS(get(c, "unreported_initiatives"), "A4");
	c = json_array_get(list, 1);
	expect_str(c, "code", "KBN");
	expect_int(c, "informed", 0);
	expect_int(c, "decisions", 0);
	assert_int_equal(json_array_size(get(c, "roadmaps")), 0);
	json_decref(doc);

	/* One committee, its code matched case-insensitively. */
	o.year = 0;
	o.committee = "kbn";
	doc = build(fx, PF_REPORT_TRACEABILITY, &o);
	assert_int_equal(json_array_size(get(doc, "committees")), 1);
	expect_str(json_array_get(get(doc, "committees"), 0), "code", "KBN");
	json_decref(doc);
}

/* ---- report priority ---- */

static void test_priority(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2")};
	json_t *doc = build(fx, PF_REPORT_PRIORITY, &o);
	json_t *waiting = get(doc, "waiting"), *list = get(doc, "priority_list");
	const char *first, *second, *third, *fourth;

	/*
	 * Waiting for a decision: K2 (idé), K3, K4 (förstudie), R1 (beslutad, starts
	 * 2026-01-01). Not R3 (beslutad, started 2025-03-01) nor anything ongoing.
	 */
	assert_int_equal(json_array_size(waiting), 4);
	first = str_at(waiting, 0, "id");
	second = str_at(waiting, 1, "id");
	third = str_at(waiting, 2, "id");
	fourth = str_at(waiting, 3, "id");
	/* The cross-cutting ones (K2, K4) first, whatever their hours. */
	assert_true((!strcmp(first, "K2") && !strcmp(second, "K4")) ||
	            (!strcmp(first, "K4") && !strcmp(second, "K2")));
	assert_true((!strcmp(third, "K3") && !strcmp(fourth, "R1")) ||
	            (!strcmp(third, "R1") && !strcmp(fourth, "K3")));
	expect_bool(json_array_get(waiting, 0), "cross_cutting", true);
	expect_bool(json_array_get(waiting, 2), "cross_cutting", false);

	/* The list in force at 2025Q2 is 2025Q1's. */
	assert_int_equal(json_array_size(list), 3);
	assert_string_equal(str_at(list, 0, "id"), "K1");
	assert_string_equal(str_at(list, 1, "id"), "A2");
	assert_string_equal(str_at(list, 2, "id"), "A1");
	json_decref(doc);
}

/* ---- as of P, on a portfolio of its own ---- */

/*
 * Everything has an early row (at or before 2025Q2) and a later one, marked
 * LATER or dated 2025-07 .. 2025-12, 2025Q3 or 2025Q4: at P = 2025Q2 no
 * report may show a later one (FORMATS.md section 4, "As of P").
 */
static const struct pf_test_sheet later_sheets[] = {
    {"i.csv", "id;titel;namnd;kategori;fas;innovativ;start;slut\n"
              "L1;Tidig;HSN;digitalisering;pågående;ja;2025-01-01;\n"
              "L2;Klar;HSN;digitalisering;avslutad;nej;2024-01-01;2025-03-31\n"},
    {"e.csv", "indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum\n"
              "L1-E1;L1;Ärenden;0;2025-01-01;100;2027-12-31\n"
              "L2-E1;L2;Timmar;0;2024-01-01;100;2027-12-31\n"},
    {"m.csv", "indikator_id;period;varde;kommentar\nL1-E1;2025Q1;20;\nL1-E1;2025Q3;70;LATER\n"
              "L2-E1;2025Q2;30;\nL2-E1;2025Q4;50;LATER\n"},
    {"f.csv", "initiativ;period;bedomning;fas;kommentar\nL1;2025Q2;gul;pågående;\n"
              "L1;2025Q3;röd;pågående;LATER\n"},
    {"p.csv", "period;rang;initiativ;beslutad_av;beslutsdatum\n"
              "2025Q1;1;L1;regionledningen;2025-01-20\n"
              "2025Q3;1;L2;regionledningen;2025-07-01\n"},
    {"r.csv", "fardplan;version;verksamhet;namnd;datum;initiativ;horisont;forsta_ar;beslutad_av\n"
              "FP;tidig;Vård;HSN;2025-03-01;L1;år 1;2025;\n"
              "FP;LATER;Vård;HSN;2025-08-01;L2;år 1;2025;\n"},
    {"d.csv", "beslut_id;organ;datum;typ;rubrik;initiativ;fardplan;version;protokoll\n"
              "E1;HSN;2025-03-10;information;Tidig;L1;FP;tidig;HSN 2025-03-10 § 1\n"
              "E2;HSN;2025-09-15;information;LATER;L1;FP;tidig;\n"
              "E3;HSN;2025-10-01;start;LATER;L2;;;\n"},
};

static int setup_later(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));

	assert_non_null(fx);
	pf_error_init(&fx->err);
	fx->dir = pf_test_mkdtemp();
	fx->db = pf_test_load(fx->dir, later_sheets, COUNT_OF(later_sheets));
	assert_non_null(fx->db);
	*state = fx;
	return 0;
}

/* Fails when the document names anything dated after 2025Q2. */
static void expect_nothing_later(const char *what, const json_t *doc)
{
	static const char *const later[] = {"LATER",   "2025Q3",  "2025Q4",  "2025-07", "2025-08",
	                                    "2025-09", "2025-10", "2025-11", "2025-12"};
	char *text = json_dumps(doc, JSON_COMPACT);

	for (size_t i = 0; i < COUNT_OF(later); i++)
		if (strstr(text, later[i]))
			fail_msg("report %s at 2025Q2 shows %s: %s", what, later[i], text);
	free(text);
}

static void test_as_of_every_report(void **state)
{
	struct fixture *fx = *state;
	static const struct {
		pf_report_kind kind;
		const char *initiative, *roadmap;
		bool all;
	} rows[] = {
	    {PF_REPORT_QUARTER, NULL, NULL, false},    {PF_REPORT_QUARTER, NULL, NULL, true},
	    {PF_REPORT_COMMITTEE, NULL, NULL, false},  {PF_REPORT_INITIATIVE, "L1", NULL, false},
	    {PF_REPORT_INITIATIVE, "L2", NULL, false}, {PF_REPORT_PRIORITY, NULL, NULL, false},
	    {PF_REPORT_ROADMAP, NULL, "FP", false},    {PF_REPORT_TRACEABILITY, NULL, NULL, false},
	    {PF_REPORT_BENEFITS, NULL, NULL, false},
	};

	for (size_t i = 0; i < COUNT_OF(rows); i++) {
		pf_report_opts o = {.period = period("2025Q2"),
		                    .initiative = rows[i].initiative,
		                    .roadmap = rows[i].roadmap,
		                    .all = rows[i].all};
		json_t *doc = build(fx, rows[i].kind, &o);

		/* The IT hours are planned for the quarters from P on: not dated events. */
		if (rows[i].kind == PF_REPORT_PRIORITY)
			json_object_del(doc, "hours");
		expect_nothing_later(pf_report_kind_name(rows[i].kind), doc);
		json_decref(doc);
	}
}

/* The figures behind what expect_nothing_later() cannot see: counts. */
static void test_as_of_counts(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.period = period("2025Q2")};
	json_t *doc = build(fx, PF_REPORT_TRACEABILITY, &o), *c, *after;

	c = json_array_get(get(doc, "committees"), 0);
	/* E1 only: E2 and E3 are after 2025-06-30. */
	expect_int(c, "informed", 1);
	expect_int(c, "decisions", 0);
	expect_int(c, "without_protocol", 0);
	json_decref(doc);

	doc = build(fx, PF_REPORT_COMMITTEE, &o);
	c = json_array_get(get(doc, "committees"), 0);
	after = get(c, "after_completion");
	/* L2 completed 2025Q1; L2-E1's 2025Q2 value is after it and current. */
	EXPECT_IDS(get(after, "still_measured"), "L2");
	EXPECT_IDS(get(c, "not_measured_this_period"), "L1-E1");
	json_decref(doc);

	/* The roadmap's latest version by 2025-06-30 is "tidig"; E2 concerns it but later. */
	o.roadmap = "FP";
	o.version = "LATER";
	assert_int_equal(try_build(fx, PF_REPORT_ROADMAP, &o, &doc), PF_ENOTFOUND);
	o.version = NULL;
	doc = build(fx, PF_REPORT_ROADMAP, &o);
	expect_str(doc, "version", "tidig");
	assert_int_equal(json_array_size(get(doc, "decisions")), 1);
	json_decref(doc);
}

/*
 * Values going stale quarter by quarter: Q (kvartal), H (halvår), Y (år),
 * all measured 2025Q1 only, U never. As P moves on, the committee's stale
 * count rises: Q from 2025Q3, H from 2025Q4, Y from 2026Q2; U never counts.
 */
static void test_committee_goes_stale(void **state)
{
	static const struct pf_test_sheet sheets[] = {
	    {"i.csv", "id;titel;namnd\nS1;Mätt;HSN\n"},
	    {"e.csv", "indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum;"
	              "matfrekvens\n"
	              "Q;S1;Q;0;2025-01-01;100;2026-12-31;kvartal\n"
	              "H;S1;H;0;2025-01-01;100;2026-12-31;halvår\n"
	              "Y;S1;Y;0;2025-01-01;100;2026-12-31;år\n"
	              "U;S1;U;0;2025-01-01;100;2026-12-31;kvartal\n"},
	    {"m.csv", "indikator_id;period;varde\nQ;2025Q1;10\nH;2025Q1;10\nY;2025Q1;10\n"},
	};
	static const long long stale[] = {0, 0, 1, 2, 2, 3, 3};
	struct fixture fx = {0};

	(void)state;
	pf_error_init(&fx.err);
	fx.dir = pf_test_mkdtemp();
	fx.db = pf_test_load(fx.dir, sheets, COUNT_OF(sheets));
	assert_non_null(fx.db);
	for (size_t k = 0; k < COUNT_OF(stale); k++) {
		pf_report_opts o = {.period = period("2025Q1") + (pf_period)k};
		json_t *doc = build(&fx, PF_REPORT_COMMITTEE, &o);
		json_t *c = json_array_get(get(doc, "committees"), 0);

		expect_int(c, "measured", 3);
		expect_int(c, "stale", stale[k]);
		if (k == 0)
			EXPECT_IDS(get(c, "not_measured_this_period"), "U");
		else
			EXPECT_IDS(get(c, "not_measured_this_period"), "H", "Q", "U", "Y");
		json_decref(doc);
	}
	pf_db_close(fx.db);
	pf_error_clear(&fx.err);
	pf_test_rmdir(fx.dir);
}

#define T(f) cmocka_unit_test_setup_teardown(f, setup, teardown)
#define T_LATER(f) cmocka_unit_test_setup_teardown(f, setup_later, teardown)

int main(void)
{
	const struct CMUnitTest tests[] = {
	    T(test_quarter_list_and_followups),
	    T(test_quarter_later_period),
	    T(test_quarter_which_list),
	    T(test_quarter_all),
	    T(test_committee),
	    T(test_committee_completed_later_in_year),
	    T(test_committee_filter),
	    T(test_initiative),
	    T(test_initiative_as_of),
	    T(test_initiative_after_completion),
	    T(test_initiative_unknown),
	    T(test_roadmap_latest),
	    T(test_roadmap_version),
	    T(test_roadmap_first_version),
	    T(test_roadmap_compare),
	    T(test_roadmap_not_found),
	    T(test_traceability),
	    T(test_traceability_other_year),
	    T(test_traceability_as_of),
	    T(test_priority),
	    T_LATER(test_as_of_every_report),
	    T_LATER(test_as_of_counts),
	    cmocka_unit_test(test_committee_goes_stale),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
