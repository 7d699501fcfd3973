/*
 * Tests for src/core/effect.c: the arithmetic of FORMATS.md section 4, one table
 * per function (adding a case is adding a row). Every expected number is
 * worked out by hand from the formulas in the comment of its row.
 *
 * The fixture gives each test a fresh temporary directory with a real
 * database, as every test program of the project does; the arithmetic
 * itself needs neither, and the last test checks that the fixture's
 * database is a current portfolj database so that the fixture is not idle.
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

#include "portfolj/db.h"
#include "portfolj/effect.h"
#include "portfolj/value.h"
#include "testutil.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define EPS 1e-12

struct fixture {
	char *dir;
	char *path;
	pf_db *db;
	pf_error err;
};

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
	snprintf(fx->path, n, "%s/effect.db", fx->dir);
	assert_int_equal(pf_db_open(&fx->db, fx->path, NULL, &fx->err), PF_OK);
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

static pf_date ymd(int y, int m, int d)
{
	return pf_date_from_ymd(y, m, d);
}

/* ---- pf_progress ---- */

struct progress_row {
	const char *what;
	double baseline, target, value;
	pf_direction dir;
	double expected;
};

static const struct progress_row progress_rows[] = {
    /* Increasing: (v - b) / (t - b). */
    {"increasing, half way", 10, 20, 15, PF_DIR_INCREASE, 0.5},      /* (15-10)/(20-10) */
    {"increasing, at baseline", 10, 20, 10, PF_DIR_INCREASE, 0.0},   /* 0/10 */
    {"increasing, at target", 10, 20, 20, PF_DIR_INCREASE, 1.0},     /* 10/10 */
    {"increasing, past target", 10, 20, 35, PF_DIR_INCREASE, 1.0},   /* 25/10 clamped */
    {"increasing, below baseline", 10, 20, 4, PF_DIR_INCREASE, 0.0}, /* -6/10 clamped */
    {"increasing, fraction", 0, 3, 1, PF_DIR_INCREASE, 1.0 / 3.0},   /* 1/3 */
    {"increasing, percent", 60, 80, 65, PF_DIR_INCREASE, 0.25},      /* 5/20 */
    {"increasing from negative", -10, 10, 0, PF_DIR_INCREASE, 0.5},  /* 10/20 */
    /* Decreasing: the same formula, both differences negative. */
    {"decreasing, a quarter", 8, 4, 7, PF_DIR_DECREASE, 0.25},          /* (7-8)/(4-8) */
    {"decreasing, at target", 8, 4, 4, PF_DIR_DECREASE, 1.0},           /* -4/-4 */
    {"decreasing, past target", 8, 4, 1, PF_DIR_DECREASE, 1.0},         /* -7/-4 clamped */
    {"decreasing, worse than baseline", 8, 4, 9, PF_DIR_DECREASE, 0.0}, /* 1/-4 clamped */
    {"decreasing, at baseline", 8, 4, 8, PF_DIR_DECREASE, 0.0},         /* 0/-4 */
    {"decreasing, 100 to 50 at 90", 100, 50, 90, PF_DIR_DECREASE, 0.2}, /* -10/-50 */
    /* Target equal to baseline: 1 if at or beyond in the direction, else 0. */
    {"equal, increase, at target", 5, 5, 5, PF_DIR_INCREASE, 1.0},
    {"equal, increase, beyond", 5, 5, 6, PF_DIR_INCREASE, 1.0},
    {"equal, increase, short", 5, 5, 4.9, PF_DIR_INCREASE, 0.0},
    {"equal, decrease, at target", 5, 5, 5, PF_DIR_DECREASE, 1.0},
    {"equal, decrease, beyond", 5, 5, 3, PF_DIR_DECREASE, 1.0},
    {"equal, decrease, short", 5, 5, 5.1, PF_DIR_DECREASE, 0.0},
    {"equal at zero, decrease, short", 0, 0, 1, PF_DIR_DECREASE, 0.0},
    {"equal at zero, increase, short", 0, 0, -1, PF_DIR_INCREASE, 0.0},
};

static void test_progress_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(progress_rows); i++) {
		const struct progress_row *r = &progress_rows[i];
		double got = pf_progress(r->baseline, r->target, r->value, r->dir);

		if (fabs(got - r->expected) > EPS)
			fail_msg("%s: pf_progress(%g, %g, %g) = %.15g, expected %.15g", r->what,
			         r->baseline, r->target, r->value, got, r->expected);
	}
}

/* ---- pf_expected ---- */

struct expected_row {
	const char *what;
	int y0, m0, d0, y1, m1, d1, ye, me, de;
	double expected;
};

static const struct expected_row expected_rows[] = {
    /* 2025-01-01 .. 2025-12-27 is 360 days; 2025-06-30 is day 180 (31+28+31+30+31+29). */
    {"half way", 2025, 1, 1, 2025, 12, 27, 2025, 6, 30, 180.0 / 360.0},
    /* 2025-03-31 is day 89 (31+28+30). */
    {"end of Q1", 2025, 1, 1, 2025, 12, 27, 2025, 3, 31, 89.0 / 360.0},
    /* 2025-09-30 is day 272 (31+28+31+30+31+30+31+31+29). */
    {"end of Q3", 2025, 1, 1, 2025, 12, 27, 2025, 9, 30, 272.0 / 360.0},
    /* Ten days, three gone. */
    {"short span", 2025, 1, 1, 2025, 1, 11, 2025, 1, 4, 0.3},
    /* A leap year: 2024 has 366 days, 2024-07-01 is day 182 (31+29+31+30+31+30). */
    {"leap year", 2024, 1, 1, 2025, 1, 1, 2024, 7, 1, 182.0 / 366.0},
    /* Across a year end: 2024-12-01 .. 2025-01-31 is 61 days, 2024-12-31 is day 30. */
    {"across new year", 2024, 12, 1, 2025, 1, 31, 2024, 12, 31, 30.0 / 61.0},
    /* At the baseline date: nothing expected yet. */
    {"at baseline date", 2025, 1, 1, 2025, 12, 27, 2025, 1, 1, 0.0},
    /* Before the baseline date: clamped to 0. */
    {"a day before baseline", 2025, 1, 1, 2025, 12, 27, 2024, 12, 31, 0.0},
    {"a year before baseline", 2025, 7, 1, 2026, 7, 1, 2024, 6, 30, 0.0},
    /* At the target date: all of it. */
    {"at target date", 2025, 1, 1, 2025, 12, 27, 2025, 12, 27, 1.0},
    /* After the target date: clamped to 1. */
    {"a day after target", 2025, 1, 1, 2025, 12, 27, 2025, 12, 28, 1.0},
    {"long after target", 2024, 1, 1, 2024, 12, 31, 2025, 6, 30, 1.0},
};

static void test_expected_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(expected_rows); i++) {
		const struct expected_row *r = &expected_rows[i];
		double got = pf_expected(ymd(r->y0, r->m0, r->d0), ymd(r->y1, r->m1, r->d1),
		                         ymd(r->ye, r->me, r->de));

		if (fabs(got - r->expected) > EPS)
			fail_msg("%s: pf_expected = %.15g, expected %.15g", r->what, got,
			         r->expected);
	}
}

/* The end of a reporting period is its last day, as section 4 uses it. */
static void test_expected_at_period_end(void **state)
{
	pf_period p;

	(void)state;
	assert_true(pf_period_parse("2025Q2", &p));
	/* 2025Q2 ends 2025-06-30, day 180 of 2025-01-01 .. 2025-12-27 (360 days). */
	assert_true(fabs(pf_expected(ymd(2025, 1, 1), ymd(2025, 12, 27), pf_period_end(p)) - 0.5) <
	            EPS);
}

/* ---- pf_light_for ---- */

struct light_row {
	const char *what;
	double progress, expected;
	pf_light light;
};

static const struct light_row light_rows[] = {
    /* expected 0.5: green from 0.40, yellow from 0.25. */
    {"on track", 0.5, 0.5, PF_LIGHT_GREEN},
    {"ahead", 0.9, 0.5, PF_LIGHT_GREEN},
    {"exactly expected - 0.10", 0.4, 0.5, PF_LIGHT_GREEN},
    {"just under expected - 0.10", 0.3999, 0.5, PF_LIGHT_YELLOW},
    {"between", 0.3, 0.5, PF_LIGHT_YELLOW},
    {"exactly expected - 0.25", 0.25, 0.5, PF_LIGHT_YELLOW},
    {"just under expected - 0.25", 0.2499, 0.5, PF_LIGHT_RED},
    {"far behind", 0.0, 0.5, PF_LIGHT_RED},
    /* expected 0.75: green from 0.65, yellow from 0.50. */
    {"0.75: exactly green boundary", 0.65, 0.75, PF_LIGHT_GREEN},
    {"0.75: under green boundary", 0.6499, 0.75, PF_LIGHT_YELLOW},
    {"0.75: exactly yellow boundary", 0.5, 0.75, PF_LIGHT_YELLOW},
    {"0.75: under yellow boundary", 0.4999, 0.75, PF_LIGHT_RED},
    /* expected 1: green from 0.90, yellow from 0.75. */
    {"1: exactly green boundary", 0.9, 1.0, PF_LIGHT_GREEN},
    {"1: under green boundary", 0.8999, 1.0, PF_LIGHT_YELLOW},
    {"1: exactly yellow boundary", 0.75, 1.0, PF_LIGHT_YELLOW},
    {"1: under yellow boundary", 0.7499, 1.0, PF_LIGHT_RED},
    /* Boundaries that are not exact in binary: 0.7 - 0.10 and 0.35 - 0.25. */
    {"0.7: exactly green boundary", 0.6, 0.7, PF_LIGHT_GREEN},
    {"0.35: exactly yellow boundary", 0.1, 0.35, PF_LIGHT_YELLOW},
    /* Nothing expected yet: anything measured is on track. */
    {"nothing expected", 0.0, 0.0, PF_LIGHT_GREEN},
    /* expected 0.1: 0 >= 0.1 - 0.10. */
    {"small expected", 0.0, 0.1, PF_LIGHT_GREEN},
    /* expected 0.2: 0 < 0.10, 0 >= -0.05. */
    {"small expected, yellow", 0.0, 0.2, PF_LIGHT_YELLOW},
    /* expected 0.3: 0 < 0.20 and 0 < 0.05: red. */
    {"small expected, red", 0.0, 0.3, PF_LIGHT_RED},
};

static void test_light_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(light_rows); i++) {
		const struct light_row *r = &light_rows[i];
		pf_light got = pf_light_for(r->progress, r->expected);

		if (got != r->light)
			fail_msg("%s: pf_light_for(%g, %g) = %d, expected %d", r->what, r->progress,
			         r->expected, (int)got, (int)r->light);
	}
}

/*
 * The boundaries reached through the arithmetic rather than typed in: the
 * progress and expected fractions come out of pf_progress and pf_expected.
 */
static void test_light_from_computed_fractions(void **state)
{
	pf_date d0 = ymd(2025, 1, 1), d1 = ymd(2025, 12, 27), end = ymd(2025, 6, 30);
	double e = pf_expected(d0, d1, end); /* 180/360 = 0.5 */

	(void)state;
	/* (7-8)/(4-8) = 0.25 = 0.5 - 0.25: yellow, on the boundary. */
	assert_int_equal(pf_light_for(pf_progress(8, 4, 7, PF_DIR_DECREASE), e), PF_LIGHT_YELLOW);
	/* (40-0)/(100-0) = 0.40 = 0.5 - 0.10: green, on the boundary. */
	assert_int_equal(pf_light_for(pf_progress(0, 100, 40, PF_DIR_INCREASE), e), PF_LIGHT_GREEN);
	/* (39-0)/100 = 0.39: yellow. */
	assert_int_equal(pf_light_for(pf_progress(0, 100, 39, PF_DIR_INCREASE), e),
	                 PF_LIGHT_YELLOW);
	/* (90-100)/(50-100) = 0.2 < 0.25: red. */
	assert_int_equal(pf_light_for(pf_progress(100, 50, 90, PF_DIR_DECREASE), e), PF_LIGHT_RED);
	/* Before the baseline date nothing is expected: 0 progress is green. */
	assert_int_equal(pf_light_for(0, pf_expected(d0, d1, ymd(2024, 12, 31))), PF_LIGHT_GREEN);
	/* After the target date all is expected: 0.8 of it is yellow, 0.9 green. */
	assert_int_equal(pf_light_for(0.8, pf_expected(d0, d1, ymd(2026, 3, 31))), PF_LIGHT_YELLOW);
	assert_int_equal(pf_light_for(0.9, pf_expected(d0, d1, ymd(2026, 3, 31))), PF_LIGHT_GREEN);
}

/* ---- pf_round4 ---- */

struct round_row {
	double in, out;
};

static const struct round_row round_rows[] = {
    {0.0, 0.0},
    {1.0, 1.0},
    {0.5, 0.5},
    {1.0 / 3.0, 0.3333},     /* 0.33333... */
    {2.0 / 3.0, 0.6667},     /* 0.66666... rounds up */
    {2.0 / 7.0, 0.2857},     /* 0.285714... */
    {0.41249, 0.4125},       /* 4124.9 -> 4125 */
    {0.123449, 0.1234},      /* 1234.49 -> 1234 */
    {0.99996, 1.0},          /* 9999.6 -> 10000 */
    {0.00004, 0.0},          /* 0.4 -> 0 */
    {0.00006, 0.0001},       /* 0.6 -> 1 */
    {0.4125, 0.4125},        /* already four decimals */
    {180.0 / 365.0, 0.4932}, /* 0.493150... */
};

static void test_round4_table(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(round_rows); i++) {
		double got = pf_round4(round_rows[i].in);

		if (fabs(got - round_rows[i].out) > EPS)
			fail_msg("pf_round4(%.15g) = %.15g, expected %.15g", round_rows[i].in, got,
			         round_rows[i].out);
	}
}

/* The fixture's database is a current one: the arithmetic needs none, the fixture is real. */
static void test_fixture_database(void **state)
{
	struct fixture *fx = *state;

	assert_int_equal(pf_db_schema_version(fx->db), pf_db_schema_latest());
	assert_true(pf_db_schema_latest() >= 1);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_progress_table, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_expected_table, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_expected_at_period_end, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_light_table, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_light_from_computed_fractions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_round4_table, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_fixture_database, setup, teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
