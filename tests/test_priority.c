/*
 * The council's view (report priority): waiting initiatives ordered
 * cross-cutting first then by score, the score's parts, and how the priority
 * list changed. Figures by hand from the score defined in
 * src/report/report_priority.c (weights 30 benefit, 25 it_load, 20 readiness,
 * 15 innovative, 10 measurable):
 *
 *   X1 idé, cross-cutting, no hours:      0 + 25 + 0.2*20 + 0 + 0 = 29
 *   X2 beslutad (no start), budget 100 000, benefit 400 000 (ratio 4, capped),
 *      no hours, innovative, one indicator: 30 + 25 + 20 + 15 + 10 = 100
 *   X3 förstudie, 1000 hours:             0 + 25*0.5 + 0.6*20 + 0 + 0 = 24.5
 *   Order: X1 (cross-cutting), then X2 (100), X3 (24.5).
 *
 *   Lists: 2025Q1 = X2, X3; 2025Q3 = X3, X1 -> entered X1, left X2,
 *   X3 moved from 2 to 1.
 *
 *   With --weights benefit=0,it_load=50,readiness=50 (innovative 15 and
 *   measurable 10 kept; 125 in all), the weighted mean times 100:
 *   X1 (50 + 0.2*50) / 125 = 48, X2 (0 + 50 + 50 + 15 + 10) / 125 = 100,
 *   X3 (0.5*50 + 0.6*50) / 125 = 44.
 *   With nytta=10,IT-last=20,Mognad=30,innovativ=25,mätbar=15 (100 in all):
 *   X1 20 + 0.2*30 = 26, X2 100, X3 0.5*20 + 0.6*30 = 28.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <jansson.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "portfolj/db.h"
#include "portfolj/import.h"
#include "portfolj/report.h"
#include "testutil.h"

static const struct pf_test_sheet sheets[] = {
    {"i.csv", "id;titel;namnd;fas;tvarsektoriell;innovativ;budget_kr;it_timmar\n"
              "X1;Gemensam plattform;RS;idé;ja;nej;;0\n"
              "X2;Bidragsportal;KBN;beslutad;nej;ja;100000;0\n"
              "X3;Arkiv;KBN;förstudie;nej;nej;;1000\n"},
    {"e.csv", "indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum;nyttotyp;"
              "nytta_kr\nE2;X2;Tid;10;2025-01-01;5;2026-12-31;ekonomisk;400000\n"},
    {"p.csv", "period;rang;initiativ\n2025Q1;1;X2\n2025Q1;2;X3\n2025Q3;1;X3\n2025Q3;2;X1\n"},
};

/* The priority report of the portfolio in sheets for period (with weights, or NULL). */
static json_t *build_report(const struct pf_test_sheet *sh, size_t n, const char *period,
                            const char *weights)
{
	char *dir = pf_test_mkdtemp();
	pf_db *db = pf_test_load(dir, sh, n);
	pf_error err;
	pf_report *r;
	pf_report_opts o = {0};
	char *text;
	size_t len;

	pf_error_init(&err);
	assert_non_null(db);
	assert_true(pf_period_parse(period, &o.period));
	if (weights) {
		char why[256];
		assert_true(pf_score_weights_parse(weights, o.weights, why, sizeof(why)));
	}
	assert_int_equal(pf_report_build(&r, db, PF_REPORT_PRIORITY, &o, &err), PF_OK);
	assert_int_equal(pf_report_render(r, PF_FORMAT_JSON, NULL, &text, &len, &err), PF_OK);
	json_t *doc = json_loads(text, 0, NULL);
	free(text);
	pf_report_free(r);
	pf_db_close(db);
	pf_error_clear(&err);
	pf_test_rmdir(dir);
	return doc;
}

static json_t *priority_report_weighted(const char *weights)
{
	return build_report(sheets, sizeof(sheets) / sizeof(sheets[0]), "2025Q3", weights);
}

static json_t *priority_report(void)
{
	return priority_report_weighted(NULL);
}

static void assert_scores(const json_t *doc, const double scores[3])
{
	static const char *const ids[] = {"X1", "X2", "X3"};
	const json_t *waiting = json_object_get(doc, "waiting");

	assert_int_equal(json_array_size(waiting), 3);
	for (size_t i = 0; i < 3; i++) {
		json_t *w = json_array_get(waiting, i);
		assert_string_equal(json_string_value(json_object_get(w, "id")), ids[i]);
		double got = json_number_value(json_object_get(w, "score"));
		if (fabs(got - scores[i]) > 1e-9)
			fail_msg("%s: score %g, expected %g", ids[i], got, scores[i]);
	}
}

static void assert_weights(const json_t *doc, const double w[PF_SCORE_PARTS])
{
	static const char *const names[] = {"benefit", "it_load", "readiness", "innovative",
	                                    "measurable"};
	const json_t *sw = json_object_get(doc, "score_weights");

	assert_int_equal(json_object_size(sw), PF_SCORE_PARTS);
	for (int i = 0; i < PF_SCORE_PARTS; i++)
		assert_true(fabs(json_number_value(json_object_get(sw, names[i])) - w[i]) < 1e-9);
}

static void test_waiting_order_and_score(void **state)
{
	static const double scores[] = {29, 100, 24.5}, weights[] = {30, 25, 20, 15, 10};
	json_t *doc = priority_report(), *waiting = json_object_get(doc, "waiting");

	(void)state;
	assert_scores(doc, scores);
	assert_weights(doc, weights);
	json_t *parts = json_object_get(json_array_get(waiting, 2), "score_parts");
	assert_true(fabs(json_number_value(json_object_get(parts, "it_load")) - 0.5) < 1e-9);
	assert_true(fabs(json_number_value(json_object_get(parts, "readiness")) - 0.6) < 1e-9);
	json_decref(doc);
}

static void test_weights_given(void **state)
{
	static const double scores[] = {48, 100, 44}, weights[] = {0, 50, 50, 15, 10};
	json_t *doc = priority_report_weighted("benefit=0,it_load=50,readiness=50");

	(void)state;
	assert_scores(doc, scores);
	assert_weights(doc, weights);
	json_decref(doc);
	/* The same in Swedish names; all five given that add up to 100: the plain sum. */
	static const double sv_scores[] = {26, 100, 28}, sv_weights[] = {10, 20, 30, 25, 15};
	doc = priority_report_weighted("nytta=10,IT-last=20,Mognad=30,innovativ=25,mätbar=15");
	assert_scores(doc, sv_scores);
	assert_weights(doc, sv_weights);
	json_decref(doc);
}

static const struct {
	const char *spec;
	bool ok;
	double w[PF_SCORE_PARTS];
	const char *why; /* a part of the message when not ok */
} weight_cases[] = {
    {"benefit=40", true, {40, 25, 20, 15, 10}, NULL},
    {"measurable=2.5,benefit=0.5", true, {0.5, 25, 20, 15, 2.5}, NULL},
    {"it_load=0,IT-LAST=3", true, {30, 3, 20, 15, 10}, NULL},
    {"matbar=7", true, {30, 25, 20, 15, 7}, NULL},
    {"", false, {0}, "is not NAME=WEIGHT"},
    {"benefit", false, {0}, "is not NAME=WEIGHT"},
    {"benefit=40,", false, {0}, "is not NAME=WEIGHT"},
    {"benefit=1,,it_load=2", false, {0}, "is not NAME=WEIGHT"},
    {"benefit=12,5", false, {0}, "\"5\" is not NAME=WEIGHT"},
    {"benefit=", false, {0}, "is not a weight for benefit"},
    {"benefit=-1", false, {0}, "is not a weight"},
    {"benefit=+1", false, {0}, "is not a weight"},
    {"benefit=1e3", false, {0}, "is not a weight"},
    {"benefit=0x10", false, {0}, "is not a weight"},
    {"benefit=nan", false, {0}, "is not a weight"},
    {"benefit= 5", false, {0}, "is not a weight"},
    {"benefit=1.2.3", false, {0}, "is not a weight"},
    {"benefit=.", false, {0}, "is not a weight"},
    {"benefit=2000000", false, {0}, "is not a weight"},
    {"cost=1", false, {0}, "unknown part \"cost\""},
    {"benefit=0,it_load=0,readiness=0,innovative=0,measurable=0", false, {0}, "add up to 0"},
};

static void test_weights_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(weight_cases) / sizeof(weight_cases[0]); i++) {
		double w[PF_SCORE_PARTS];
		char why[256] = "";
		bool ok = pf_score_weights_parse(weight_cases[i].spec, w, why, sizeof(why));
		if (ok != weight_cases[i].ok)
			fail_msg("\"%s\": %s (%s)", weight_cases[i].spec, ok ? "taken" : "refused",
			         why);
		if (!ok && !strstr(why, weight_cases[i].why))
			fail_msg("\"%s\": \"%s\" does not say \"%s\"", weight_cases[i].spec, why,
			         weight_cases[i].why);
		for (int k = 0; ok && k < PF_SCORE_PARTS; k++)
			if (w[k] != weight_cases[i].w[k])
				fail_msg("\"%s\": weight %d is %g", weight_cases[i].spec, k, w[k]);
	}
}

static void test_list_changes(void **state)
{
	json_t *doc = priority_report(), *ch = json_object_get(doc, "list_changes");

	(void)state;
	assert_string_equal(json_string_value(json_object_get(ch, "previous_period")), "2025Q1");
	assert_int_equal(json_array_size(json_object_get(ch, "entered")), 1);
	assert_string_equal(json_string_value(json_array_get(json_object_get(ch, "entered"), 0)),
	                    "X1");
	assert_string_equal(json_string_value(json_array_get(json_object_get(ch, "left"), 0)),
	                    "X2");
	json_t *moved = json_array_get(json_object_get(ch, "moved"), 0);
	assert_string_equal(json_string_value(json_object_get(moved, "id")), "X3");
	assert_int_equal(json_integer_value(json_object_get(moved, "from")), 2);
	assert_int_equal(json_integer_value(json_object_get(moved, "to")), 1);
	json_decref(doc);
}

/*
 * Hours (the comment at the top of src/report/report_priority.c): C decided for
 * 2025Q4..2026Q2, 900 hours, 300 a quarter; A a förstudie planned for
 * 2025Q2..2025Q4, 600 hours; U an idé without dates, 400 hours; Z paused,
 * 1000 hours that count nowhere. Seen from before, during and after C's span.
 */
static const struct pf_test_sheet hour_sheets[] = {
    {"i.csv", "id;titel;namnd;fas;start;slut;it_timmar\n"
              "C;Beslutad;RS;beslutad;2025-10-01;2026-06-30;900\n"
              "A;Förstudie;RS;förstudie;2025-04-01;2025-12-31;600\n"
              "U;Idé;RS;idé;;;400\n"
              "Z;Pausad;RS;pausad;2025-01-01;2025-12-31;1000\n"},
};

static const struct {
	const char *period;
	double committed[8]; /* C's hours in the eight quarters from P on */
	double asked;        /* A's and U's, all of them ahead at every P */
} hour_cases[] = {
    /* before: all of C's 900 hours ahead, in the quarters of its span */
    {"2025Q2", {0, 0, 300, 300, 300, 0, 0, 0}, 1000},
    /* during: 2025Q4 is past; 2026Q1 and 2026Q2 keep the hours they had */
    {"2026Q1", {300, 300, 0, 0, 0, 0, 0, 0}, 1000},
    /* after its end, still decided: late, it keeps its quarterly share in P */
    {"2026Q4", {300, 0, 0, 0, 0, 0, 0, 0}, 1000},
};

static void test_hours_follow_p(void **state)
{
	(void)state;
	for (size_t i = 0; i < sizeof(hour_cases) / sizeof(hour_cases[0]); i++) {
		json_t *doc = build_report(hour_sheets, 1, hour_cases[i].period, NULL),
		       *hours = json_object_get(doc, "hours");
		double asked = 0, committed = 0;
		pf_period p, start, end;

		assert_int_equal(json_array_size(hours), 8);
		for (size_t q = 0; q < 8; q++) {
			json_t *h = json_array_get(hours, q);
			double c = json_number_value(json_object_get(h, "committed"));

			asked += json_number_value(json_object_get(h, "asked"));
			committed += c;
			if (fabs(c - hour_cases[i].committed[q]) > 1e-9)
				fail_msg("P %s, quarter %zu: committed %g, expected %g",
				         hour_cases[i].period, q, c, hour_cases[i].committed[q]);
		}
		if (fabs(asked - hour_cases[i].asked) > 1e-9)
			fail_msg("P %s: asked %g in all, expected %g", hour_cases[i].period, asked,
			         hour_cases[i].asked);
		/* the sum is kept: C's quarters past at P and those shown make its 900 */
		assert_true(pf_period_parse(hour_cases[i].period, &p));
		assert_true(pf_period_parse("2025Q4", &start) && pf_period_parse("2026Q2", &end));
		if (p <= end &&
		    fabs(300.0 * (double)(p > start ? p - start : 0) + committed - 900) > 1e-9)
			fail_msg("P %s: C's hours add up to %g", hour_cases[i].period, committed);
		json_decref(doc);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_waiting_order_and_score), cmocka_unit_test(test_weights_given),
	    cmocka_unit_test(test_weights_parse),           cmocka_unit_test(test_list_changes),
	    cmocka_unit_test(test_hours_follow_p),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
