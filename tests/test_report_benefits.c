/*
 * The benefits report (effekthemtagning och nyttor) on a small portfolio
 * written by the fixture: the one of test_benefits.c plus a second committee.
 * Figures by hand at P = 2025Q3 (progress = (value - base) / (target - base);
 * realised = progress x the yearly value promised, in whole kronor):
 *
 *   KBN C1 avslutad  I1 0 -> 100, ekonomisk 100 000; 2025Q2 = 50
 *                    progress 0.5: realisation 0.5, realised 50 000
 *   KBN C2 avslutad  I2 10 -> 20, omfördelning 40 000; 2025Q1 = 15
 *                    progress 0.5: realisation 0.5, realised 20 000
 *   KBN C3 pågående  I3 0 -> 10, kvalitativ, no kronor; never measured
 *                    realisation null, benefits {}, unmeasured [I3]
 *   KBN C4 förvaltning, no indicator: not listed
 *   SBN C5 pågående  I5 0 -> 100, ekonomisk 60 000; 2025Q3 = 25
 *                    progress 0.25: realisation 0.25, realised 15 000
 *
 * So the initiatives are C1, C2, C3, C5 (by id), with --committee KBN only
 * the first three, with --committee sbn only C5. In csv, promised and
 * realised are the sums over the benefit types: C1 100000,50000; C2
 * 40000,20000; C3 empty (no type with kronor); C5 60000,15000.
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
                                  "C4;Server;KBN;förvaltning;pågående;ja;2024-05-01;\n"
                                  "C5;Bygglov;SBN;digitalisering;pågående;nej;2025-01-01;\n";
static const char effects[] =
    "indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum;nyttotyp;nytta_kr\n"
    "I1;C1;Utbetalningar;0;2024-01-01;100;2026-12-31;ekonomisk;100 000\n"
    "I2;C2;Timmar;10;2024-01-01;20;2026-12-31;omfördelning;40000\n"
    "I3;C3;Nöjdhet;0;2024-01-01;10;2026-12-31;kvalitativ;\n"
    "I5;C5;Ärenden;0;2024-01-01;100;2026-12-31;ekonomisk;60000\n";
static const char measurements[] =
    "indikator_id;period;varde\nI1;2025Q2;50\nI2;2025Q1;15\nI5;2025Q3;25\n";

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

static pf_report *build(struct fixture *fx, pf_report_kind kind, const char *committee)
{
	pf_report_opts o = {.committee = committee};
	pf_report *r = NULL;
	pf_error err;

	pf_error_init(&err);
	assert_true(pf_period_parse("2025Q3", &o.period));
	assert_int_equal(pf_report_build(&r, fx->db, kind, &o, &err), PF_OK);
	pf_error_clear(&err);
	return r;
}

static char *render(const pf_report *r, pf_format fmt, pf_lang lang)
{
	pf_render_opts ro = {false, lang};
	pf_error err;
	char *text = NULL;
	size_t len;

	pf_error_init(&err);
	assert_int_equal(pf_report_render(r, fmt, &ro, &text, &len, &err), PF_OK);
	assert_non_null(text);
	pf_error_clear(&err);
	return text;
}

static json_t *report(struct fixture *fx, pf_report_kind kind, const char *committee)
{
	pf_report *r = build(fx, kind, committee);
	char *text = render(r, PF_FORMAT_JSON, PF_LANG_SV);
	json_t *doc = json_loads(text, 0, NULL);

	assert_non_null(doc);
	free(text);
	pf_report_free(r);
	return doc;
}

/* The strings of list (key NULL), or its objects' key, joined by ",". */
static const char *ids_of(const json_t *list, const char *key)
{
	static char got[256];
	size_t i;
	json_t *v;

	got[0] = '\0';
	json_array_foreach(list, i, v)
	{
		strcat(got, i ? "," : "");
		strcat(got, json_string_value(key ? json_object_get(v, key) : v));
	}
	return got;
}

static void test_kind_name(void **state)
{
	(void)state;
	assert_int_equal(pf_report_kind_parse("benefits"), PF_REPORT_BENEFITS);
	assert_string_equal(pf_report_kind_name(PF_REPORT_BENEFITS), "benefits");
	assert_int_equal(pf_report_kind_parse("traceability"), PF_REPORT_TRACEABILITY);
}

/* The committees' keys are the committee report's, value for value. */
static void test_committees_as_committee_report(void **state)
{
	static const char *const keys[] = {
	    "code",         "realisation", "lights_by_quarter",    "after_completion",
	    "kpis_by_year", "benefits",    "unmeasured_indicators"};
	json_t *doc = report(*state, PF_REPORT_BENEFITS, NULL);
	json_t *com = report(*state, PF_REPORT_COMMITTEE, NULL);
	json_t *a = json_object_get(doc, "committees"), *b = json_object_get(com, "committees");

	assert_string_equal(json_string_value(json_object_get(doc, "period")), "2025Q3");
	assert_string_equal(ids_of(a, "code"), "KBN,SBN");
	assert_int_equal(json_array_size(a), json_array_size(b));
	for (size_t i = 0; i < json_array_size(a); i++) {
		json_t *x = json_array_get(a, i), *y = json_array_get(b, i);

		assert_int_equal(json_object_size(x), sizeof(keys) / sizeof(keys[0]));
		for (size_t k = 0; k < sizeof(keys) / sizeof(keys[0]); k++) {
			assert_non_null(json_object_get(x, keys[k]));
			assert_true(
			    json_equal(json_object_get(x, keys[k]), json_object_get(y, keys[k])));
		}
	}
	json_decref(doc);
	json_decref(com);
}

static void assert_benefit(const json_t *it, const char *type, long promised, long realised)
{
	const json_t *b = json_object_get(json_object_get(it, "benefits"), type);

	assert_non_null(b);
	assert_int_equal(json_integer_value(json_object_get(b, "promised")), promised);
	assert_int_equal(json_integer_value(json_object_get(b, "realised")), realised);
}

static void assert_realisation(const json_t *it, double want)
{
	assert_true(fabs(json_number_value(json_object_get(it, "realisation")) - want) < 1e-9);
}

static void test_initiatives(void **state)
{
	json_t *doc = report(*state, PF_REPORT_BENEFITS, NULL);
	json_t *list = json_object_get(doc, "initiatives");

	assert_string_equal(ids_of(list, "id"), "C1,C2,C3,C5");
	json_t *c1 = json_array_get(list, 0), *c2 = json_array_get(list, 1),
	       *c3 = json_array_get(list, 2), *c5 = json_array_get(list, 3);
	assert_string_equal(json_string_value(json_object_get(c1, "title")), "Bidrag");
	assert_string_equal(json_string_value(json_object_get(c1, "committee")), "KBN");
	assert_string_equal(json_string_value(json_object_get(c1, "status")), "avslutad");
	assert_realisation(c1, 0.5);
	assert_benefit(c1, "ekonomisk", 100000, 50000);
	assert_int_equal(json_array_size(json_object_get(c1, "unmeasured_indicators")), 0);
	assert_realisation(c2, 0.5);
	assert_benefit(c2, "omfördelning", 40000, 20000);
	assert_true(json_is_null(json_object_get(c3, "realisation")));
	assert_int_equal(json_object_size(json_object_get(c3, "benefits")), 0);
	assert_string_equal(
	    json_string_value(json_array_get(json_object_get(c3, "unmeasured_indicators"), 0)),
	    "I3");
	assert_string_equal(json_string_value(json_object_get(c5, "committee")), "SBN");
	assert_realisation(c5, 0.25);
	assert_benefit(c5, "ekonomisk", 60000, 15000);
	json_decref(doc);
}

static void test_committee_filter(void **state)
{
	json_t *doc = report(*state, PF_REPORT_BENEFITS, "KBN");

	assert_string_equal(ids_of(json_object_get(doc, "committees"), "code"), "KBN");
	assert_string_equal(ids_of(json_object_get(doc, "initiatives"), "id"), "C1,C2,C3");
	json_decref(doc);
	doc = report(*state, PF_REPORT_BENEFITS, "sbn");
	assert_string_equal(ids_of(json_object_get(doc, "committees"), "code"), "SBN");
	assert_string_equal(ids_of(json_object_get(doc, "initiatives"), "id"), "C5");
	json_decref(doc);
}

static void test_unknown_committee(void **state)
{
	struct fixture *fx = *state;
	pf_report_opts o = {.committee = "XYZ"};
	pf_report *r = NULL;
	pf_error err;

	pf_error_init(&err);
	assert_true(pf_period_parse("2025Q3", &o.period));
	assert_int_equal(pf_report_build(&r, fx->db, PF_REPORT_BENEFITS, &o, &err), PF_ENOTFOUND);
	assert_null(r);
	pf_error_clear(&err);
}

static void test_formats(void **state)
{
	pf_report *r = build(*state, PF_REPORT_BENEFITS, NULL);
	char *text;
	pf_error err;
	size_t len;

	text = render(r, PF_FORMAT_TABLE, PF_LANG_SV);
	assert_non_null(strstr(text, "Effekthemtagning och nyttor 2025Q3"));
	assert_non_null(strstr(text, "Nyttor per initiativ"));
	assert_non_null(strstr(text, "Bygglov"));
	free(text);
	text = render(r, PF_FORMAT_TABLE, PF_LANG_EN);
	assert_non_null(strstr(text, "Benefit realisation 2025Q3"));
	assert_non_null(strstr(text, "Benefits per initiative"));
	free(text);
	text = render(r, PF_FORMAT_MD, PF_LANG_SV);
	assert_int_equal(strncmp(text, "# Effekthemtagning och nyttor 2025Q3\n", 37), 0);
	assert_non_null(strstr(text, "## Nyttor per initiativ"));
	assert_non_null(strstr(text, "## Ljus per kvartal"));
	free(text);
	text = render(r, PF_FORMAT_HTML, PF_LANG_EN);
	assert_non_null(strstr(text, "<svg"));
	assert_non_null(strstr(text, "Benefits per initiative"));
	free(text);
	text = render(r, PF_FORMAT_CSV, PF_LANG_SV);
	assert_string_equal(text, "id,title,committee,status,realisation,promised,realised\n"
	                          "C1,Bidrag,KBN,avslutad,0.5,100000,50000\n"
	                          "C2,Arkiv,KBN,avslutad,0.5,40000,20000\n"
	                          "C3,Bokning,KBN,pågående,,,\n"
	                          "C5,Bygglov,SBN,pågående,0.25,60000,15000\n");
	free(text);
	/* no workbook: xlsx stays the quarter and committee reports' */
	pf_error_init(&err);
	text = NULL;
	assert_int_equal(pf_report_render(r, PF_FORMAT_XLSX, NULL, &text, &len, &err), PF_EUSAGE);
	assert_null(text);
	pf_error_clear(&err);
	pf_report_free(r);
}

/*
 * Still measured after completion (FORMATS.md section 4): a value after the
 * completion quarter that is not stale at P. O1 completed 2023-06-30 and its
 * quarterly O1-I was last measured 2023Q4: two years later it no longer
 * counts as still measured. Y1 completed 2024-03-31, its yearly Y1-I measured
 * 2024Q4: current for five quarters, to 2025Q4.
 */
static void test_still_measured_until_stale(void **state)
{
	static const struct pf_test_sheet sheets[] = {
	    {"i.csv", "id;titel;namnd;fas;slut\nO1;Gammal;HSN;avslutad;2023-06-30\n"
	              "Y1;Årlig;HSN;avslutad;2024-03-31\n"},
	    {"e.csv", "indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum;"
	              "matfrekvens\n"
	              "O1-I;O1;Mått;0;2023-01-01;100;2026-12-31;kvartal\n"
	              "Y1-I;Y1;Mått;0;2023-01-01;100;2026-12-31;år\n"},
	    {"m.csv", "indikator_id;period;varde\nO1-I;2023Q4;40\nY1-I;2024Q4;60\n"},
	};
	static const struct {
		const char *period, *still, *stopped;
	} rows[] = {
	    /* 2023Q4 is current for 2023Q4 and 2024Q1; Y1 not measured after 2024Q1 yet. */
	    {"2024Q1", "O1", "Y1"},
	    {"2024Q2", "", "O1,Y1"},
	    {"2025Q4", "Y1", "O1"},
	    /* Two years on: the old value still gives a light, but measuring has stopped. */
	    {"2026Q1", "", "O1,Y1"},
	};
	char *dir = pf_test_mkdtemp();
	pf_db *db = pf_test_load(dir, sheets, 3);

	(void)state;
	assert_non_null(db);
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++) {
		pf_report_opts o = {0};
		pf_report *r = NULL;
		pf_error err;
		char *text;
		json_t *doc, *after;

		pf_error_init(&err);
		assert_true(pf_period_parse(rows[i].period, &o.period));
		assert_int_equal(pf_report_build(&r, db, PF_REPORT_BENEFITS, &o, &err), PF_OK);
		text = render(r, PF_FORMAT_JSON, PF_LANG_SV);
		doc = json_loads(text, 0, NULL);
		assert_non_null(doc);
		after = json_object_get(json_array_get(json_object_get(doc, "committees"), 0),
		                        "after_completion");
		assert_string_equal(ids_of(json_object_get(after, "still_measured"), NULL),
		                    rows[i].still);
		assert_string_equal(ids_of(json_object_get(after, "measuring_stopped"), NULL),
		                    rows[i].stopped);
		json_decref(doc);
		free(text);
		pf_report_free(r);
		pf_error_clear(&err);
	}
	pf_db_close(db);
	pf_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_kind_name),
	    cmocka_unit_test(test_still_measured_until_stale),
	    cmocka_unit_test_setup_teardown(test_committees_as_committee_report, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_initiatives, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_committee_filter, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_unknown_committee, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_formats, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
