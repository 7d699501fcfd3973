/*
 * Benefit realisation (effekthemtagning) in the committee and initiative
 * reports, on a small portfolio written by the fixture. Figures by hand, at
 * P = 2025Q3 for committee KBN:
 *
 *   C1 avslutad, slut 2025-03-31 (2025Q1), innovative, start 2024-01-01
 *      I1 0 -> 100, ekonomisk 100 000 kr; measured 2025Q2 = 50 (after completion)
 *      progress 0.5 -> realised 50 000; still measured (2025Q2 > 2025Q1)
 *   C2 avslutad, slut 2025-06-30 (2025Q2), not innovative, start 2025-01-01
 *      I2 10 -> 20, omfördelning 40 000 kr; measured 2025Q1 = 15 only
 *      progress 0.5 -> realised 20 000; measuring stopped (2025Q1 <= 2025Q2)
 *   C3 pågående, innovative, no start
 *      I3 0 -> 10, kvalitativ, no value in kronor; never measured
 *   C4 förvaltning, innovative, start 2024-05-01 (left out of the share)
 *
 *   lights_by_quarter, 2024Q4 .. 2025Q3 (d0 2024-01-01 .. d1 2026-12-31 = 1095 days):
 *     2024Q4: nothing measured yet -> null
 *     2025Q1: I2 0.5; expected 455/1095 = 0.4155 -> 0.5 >= 0.3155 grön
 *     2025Q3: I1 0.5, I2 0.5 -> 0.5; expected 638/1095 = 0.5826 -> >= 0.4826 grön
 *
 *   kpis_by_year, from 2024 (the first start) to 2025 (P's year):
 *     2024: completed 0; started by 2024-12-31 or without start, not
 *           förvaltning: C1 (innovative), C3 (innovative) -> 2/2 = 1
 *     2025: completed C1 and C2 -> 2; C1, C2, C3 -> 2/3 = 0.6667
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

struct fixture {
	char *dir;
	pf_db *db;
};

static const char initiatives[] = "id;titel;namnd;kategori;fas;innovativ;start;slut\n"
                                  "C1;Bidrag;KBN;digitalisering;avslutad;ja;2024-01-01;2025-03-31\n"
                                  "C2;Arkiv;KBN;digitalisering;avslutad;nej;2025-01-01;2025-06-30\n"
                                  "C3;Bokning;KBN;digitalisering;pågående;ja;;\n"
                                  "C4;Server;KBN;förvaltning;pågående;ja;2024-05-01;\n";
static const char effects[] =
    "indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum;nyttotyp;nytta_kr\n"
    "I1;C1;Utbetalningar;0;2024-01-01;100;2026-12-31;ekonomisk;100 000\n"
    "I2;C2;Timmar;10;2024-01-01;20;2026-12-31;omfördelning;40000\n"
    "I3;C3;Nöjdhet;0;2024-01-01;10;2026-12-31;kvalitativ;\n";
static const char measurements[] = "indikator_id;period;varde\nI1;2025Q2;50\nI2;2025Q1;15\n";

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	const struct pf_test_sheet sheets[] = {
	    {"i.csv", initiatives}, {"e.csv", effects}, {"m.csv", measurements}};

	fx->dir = pf_test_mkdtemp();
	fx->db = pf_test_load(fx->dir, sheets, 3);
	assert_non_null(fx->db);
	*state = fx;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *fx = *state;

	pf_db_close(fx->db);
	pf_test_rmdir(fx->dir);
	free(fx);
	return 0;
}

static json_t *report(struct fixture *fx, pf_report_kind kind, const char *initiative)
{
	pf_report_opts o = {.initiative = initiative};
	pf_report *r = NULL;
	pf_error err;
	char *text;
	size_t len;

	pf_error_init(&err);
	assert_true(pf_period_parse("2025Q3", &o.period));
	assert_int_equal(pf_report_build(&r, fx->db, kind, &o, &err), PF_OK);
	assert_int_equal(pf_report_render(r, PF_FORMAT_JSON, NULL, &text, &len, &err), PF_OK);
	json_t *doc = json_loads(text, 0, NULL);
	assert_non_null(doc);
	free(text);
	pf_report_free(r);
	pf_error_clear(&err);
	return doc;
}

static void assert_ids(const json_t *list, const char *want)
{
	char got[256] = "";
	size_t i;
	json_t *v;

	json_array_foreach(list, i, v)
	{
		strcat(got, i ? "," : "");
		strcat(got, json_string_value(v));
	}
	assert_string_equal(got, want);
}

static void test_committee_after_completion(void **state)
{
	json_t *doc = report(*state, PF_REPORT_COMMITTEE, NULL);
	json_t *c = json_array_get(json_object_get(doc, "committees"), 0);
	json_t *after = json_object_get(c, "after_completion");

	assert_int_equal(json_integer_value(json_object_get(after, "completed")), 2);
	assert_ids(json_object_get(after, "still_measured"), "C1");
	assert_ids(json_object_get(after, "measuring_stopped"), "C2");
	json_decref(doc);
}

static void test_committee_kpis_by_year(void **state)
{
	json_t *doc = report(*state, PF_REPORT_COMMITTEE, NULL);
	json_t *years =
	    json_object_get(json_array_get(json_object_get(doc, "committees"), 0), "kpis_by_year");

	assert_int_equal(json_array_size(years), 2);
	json_t *y24 = json_array_get(years, 0), *y25 = json_array_get(years, 1);
	assert_int_equal(json_integer_value(json_object_get(y24, "year")), 2024);
	assert_int_equal(json_integer_value(json_object_get(y24, "completed")), 0);
	assert_true(fabs(json_number_value(json_object_get(y24, "innovative_share")) - 1.0) < 1e-9);
	assert_int_equal(json_integer_value(json_object_get(y25, "completed")), 2);
	assert_true(fabs(json_number_value(json_object_get(y25, "innovative_share")) - 0.6667) <
	            1e-9);
	json_decref(doc);
}

static void test_committee_benefits(void **state)
{
	json_t *doc = report(*state, PF_REPORT_COMMITTEE, NULL);
	json_t *c = json_array_get(json_object_get(doc, "committees"), 0);
	json_t *b = json_object_get(c, "benefits");

	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(b, "ekonomisk"), "promised")),
	    100000);
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(b, "ekonomisk"), "realised")),
	    50000);
	assert_int_equal(
	    json_integer_value(json_object_get(json_object_get(b, "omfördelning"), "realised")),
	    20000);
	/* A type with no value in kronor promises nothing and is not listed. */
	assert_null(json_object_get(b, "kvalitativ"));
	assert_ids(json_object_get(c, "unmeasured_indicators"), "I3");
	json_decref(doc);
}

static void test_committee_lights_by_quarter(void **state)
{
	json_t *doc = report(*state, PF_REPORT_COMMITTEE, NULL);
	json_t *q = json_object_get(json_array_get(json_object_get(doc, "committees"), 0),
	                            "lights_by_quarter");

	assert_int_equal(json_array_size(q), 4);
	assert_string_equal(json_string_value(json_object_get(json_array_get(q, 0), "period")),
	                    "2024Q4");
	assert_true(json_is_null(json_object_get(json_array_get(q, 0), "light")));
	assert_true(json_is_null(json_object_get(json_array_get(q, 0), "realisation")));
	assert_string_equal(json_string_value(json_object_get(json_array_get(q, 1), "light")),
	                    "grön");
	assert_true(fabs(json_number_value(json_object_get(json_array_get(q, 1), "realisation")) -
	                 0.5) < 1e-9);
	assert_string_equal(json_string_value(json_object_get(json_array_get(q, 3), "period")),
	                    "2025Q3");
	assert_string_equal(json_string_value(json_object_get(json_array_get(q, 3), "light")),
	                    "grön");
	json_decref(doc);
}

static void test_initiative_benefits(void **state)
{
	json_t *doc = report(*state, PF_REPORT_INITIATIVE, "C2");
	json_t *b = json_object_get(json_object_get(doc, "benefits"), "omfördelning");

	assert_int_equal(json_integer_value(json_object_get(b, "promised")), 40000);
	assert_int_equal(json_integer_value(json_object_get(b, "realised")), 20000);
	assert_int_equal(json_array_size(json_object_get(doc, "unmeasured_indicators")), 0);
	json_decref(doc);
	doc = report(*state, PF_REPORT_INITIATIVE, "C3");
	assert_ids(json_object_get(doc, "unmeasured_indicators"), "I3");
	json_decref(doc);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_committee_after_completion, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_committee_kpis_by_year, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_committee_benefits, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_committee_lights_by_quarter, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_initiative_benefits, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
