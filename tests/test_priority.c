/*
 * The council's view (report priority): waiting initiatives ordered
 * cross-cutting first then by score, the score's parts, and how the priority
 * list changed. Figures by hand from the score defined in
 * src/report_priority.c (weights 30 benefit, 25 it_load, 20 readiness,
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

static json_t *priority_report(void)
{
	char *dir = pf_test_mkdtemp();
	pf_db *db = pf_test_load(dir, sheets, sizeof(sheets) / sizeof(sheets[0]));
	pf_error err;
	pf_report *r;
	pf_report_opts o = {0};
	char *text;
	size_t len;

	pf_error_init(&err);
	assert_non_null(db);
	assert_true(pf_period_parse("2025Q3", &o.period));
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

static void test_waiting_order_and_score(void **state)
{
	static const char *const ids[] = {"X1", "X2", "X3"};
	static const double scores[] = {29, 100, 24.5};
	json_t *doc = priority_report(), *waiting = json_object_get(doc, "waiting");

	(void)state;
	assert_int_equal(json_array_size(waiting), 3);
	for (size_t i = 0; i < 3; i++) {
		json_t *w = json_array_get(waiting, i);
		assert_string_equal(json_string_value(json_object_get(w, "id")), ids[i]);
		assert_true(fabs(json_number_value(json_object_get(w, "score")) - scores[i]) <
		            1e-9);
	}
	json_t *parts = json_object_get(json_array_get(waiting, 2), "score_parts");
	assert_true(fabs(json_number_value(json_object_get(parts, "it_load")) - 0.5) < 1e-9);
	assert_true(fabs(json_number_value(json_object_get(parts, "readiness")) - 0.6) < 1e-9);
	json_decref(doc);
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

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_waiting_order_and_score),
	    cmocka_unit_test(test_list_changes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
