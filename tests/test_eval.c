/*
 * The committee report's four quarters come from pf_eval_load_history(), one
 * pass that reads only each indicator's last rows; pf_eval_load() looks up
 * one quarter at a time. On a portfolio with gaps, values before, inside and
 * after the window and indicators never measured, both must agree exactly,
 * at every quarter of the window, for many reporting periods.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "report/eval.h"
#include "portfolj/db.h"
#include "testutil.h"

#define NINI 12
#define NIND 4
#define FIRST (2022 * 4) /* 2022Q1 */
#define NPER 20          /* to 2026Q4 */

struct fixture {
	char *dir;
	pf_db *db;
};

/* A small deterministic generator: the same portfolio on every run. */
static unsigned next_rand(unsigned *s)
{
	*s = *s * 1103515245u + 12345u;
	return (*s >> 16) & 0x7FFF;
}

static char *append(char *buf, size_t *len, size_t *cap, const char *fmt, ...)
{
	va_list ap;
	int n;

	for (;;) {
		va_start(ap, fmt);
		n = vsnprintf(buf + *len, *cap - *len, fmt, ap);
		va_end(ap);
		if ((size_t)n < *cap - *len)
			break;
		*cap *= 2;
		assert_non_null(buf = realloc(buf, *cap));
	}
	*len += (size_t)n;
	return buf;
}

static char *sheet(size_t cap)
{
	char *s = malloc(cap);

	assert_non_null(s);
	s[0] = '\0';
	return s;
}

static int setup(void **state)
{
	struct fixture *fx = calloc(1, sizeof(*fx));
	size_t li = 0, ci = 64, le = 0, ce = 64, lm = 0, cm = 64;
	char *ini = sheet(ci), *eff = sheet(ce), *mea = sheet(cm);
	unsigned seed = 20251123u;

	assert_non_null(fx);
	ini = append(ini, &li, &ci, "id;titel;namnd\n");
	eff = append(eff, &le, &ce,
	             "indikator_id;initiativ;indikator;riktning;basvarde;basdatum;malvarde;"
	             "maldatum;vikt;matfrekvens\n");
	mea = append(mea, &lm, &cm, "indikator_id;period;varde\n");
	for (int i = 0; i < NINI; i++) {
		ini = append(ini, &li, &ci, "N%02d;Initiativ %d;HSN\n", i, i);
		for (int k = 0; k < NIND; k++) {
			int down = next_rand(&seed) % 2;
			eff = append(
			    eff, &le, &ce,
			    "N%02d-%d;N%02d;Mått;%s;%d;2022-01-01;%d;%d-12-31;%d;%s\n", i, k, i,
			    down ? "minska" : "öka", down ? 100 : 10, down ? 40 : 90,
			    2024 + (int)(next_rand(&seed) % 3), 1 + (int)(next_rand(&seed) % 3),
			    pf_word(PF_WORDS_FREQUENCY, (int)(next_rand(&seed) % PF_FREQ_COUNT)));
			/* Indicator 0 of every third initiative is never measured. */
			if (k == 0 && i % 3 == 0)
				continue;
			/* Sparse: some quarters measured, fewer as k grows. */
			for (int p = 0; p < NPER; p++)
				if ((int)(next_rand(&seed) % 10) < 6 - k)
					mea = append(mea, &lm, &cm, "N%02d-%d;%dQ%d;%d\n", i, k,
					             (FIRST + p) / 4, (FIRST + p) % 4 + 1,
					             (int)(next_rand(&seed) % 110));
		}
	}
	fx->dir = pf_test_mkdtemp();
	const struct pf_test_sheet sheets[] = {
	    {"initiativ.csv", ini}, {"effekter.csv", eff}, {"matvarden.csv", mea}};
	fx->db = pf_test_load(fx->dir, sheets, 3);
	free(ini);
	free(eff);
	free(mea);
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

static void assert_same_eval(const pf_ind_eval *a, const pf_ind_eval *b, pf_period q)
{
	if (a->pk != b->pk || a->initiative != b->initiative || a->weight != b->weight ||
	    a->measured != b->measured || a->frequency != b->frequency || a->stale != b->stale ||
	    (a->measured &&
	     (a->value != b->value || a->at != b->at || a->progress != b->progress)) ||
	    a->expected != b->expected || a->light != b->light)
		fail_msg("period %d, indicator %lld: history gives measured %d value %g at %d "
		         "light %d, one quarter at a time measured %d value %g at %d light %d",
		         q, (long long)a->pk, a->measured, a->value, a->at, (int)a->light,
		         b->measured, b->value, b->at, (int)b->light);
}

static void test_history_equals_quarter_by_quarter(void **state)
{
	struct fixture *fx = *state;
	pf_error err;
	size_t measured = 0, unmeasured = 0;

	pf_error_init(&err);
	/* From before the first value to after the last. */
	for (pf_period p = FIRST - 2; p <= FIRST + NPER + 2; p++) {
		pf_eval hist[PF_EVAL_HISTORY];
		assert_int_equal(pf_eval_load_history(fx->db, p, hist, &err), PF_OK);
		for (int q = 0; q < PF_EVAL_HISTORY; q++) {
			pf_period at = p - PF_EVAL_HISTORY + 1 + q;
			pf_eval one;
			assert_int_equal(pf_eval_load(fx->db, at, 0, &one, &err), PF_OK);
			assert_int_equal(hist[q].n, NINI * NIND);
			assert_int_equal(one.n, hist[q].n);
			for (size_t i = 0; i < one.n; i++) {
				assert_same_eval(&hist[q].v[i], &one.v[i], at);
				measured += one.v[i].measured;
				unmeasured += !one.v[i].measured;
			}
			pf_eval_free(&one);
			pf_eval_free(&hist[q]);
		}
	}
	/* The portfolio gives both cases plenty of times. */
	assert_true(measured > 1000);
	assert_true(unmeasured > 500);
	pf_error_clear(&err);
}

/* ---- staleness (FORMATS.md section 4) ---- */

/* A value of period `at`, by how many quarters before P it lies, and whether it is stale. */
static const struct stale_row {
	pf_frequency freq;
	int before; /* P - at */
	bool stale;
} stale_rows[] = {
    /* Quarterly: current for P and the quarter after it. */
    {PF_FREQ_QUARTERLY, 0, false},
    {PF_FREQ_QUARTERLY, 1, false},
    {PF_FREQ_QUARTERLY, 2, true},
    {PF_FREQ_QUARTERLY, 8, true},
    /* Half-yearly: for three quarters. */
    {PF_FREQ_HALF_YEARLY, 1, false},
    {PF_FREQ_HALF_YEARLY, 2, false},
    {PF_FREQ_HALF_YEARLY, 3, true},
    /* Yearly: for five. */
    {PF_FREQ_YEARLY, 3, false},
    {PF_FREQ_YEARLY, 4, false},
    {PF_FREQ_YEARLY, 5, true},
    {PF_FREQ_YEARLY, 6, true},
};

static void test_stale_boundaries(void **state)
{
	pf_period p = pf_period_make(2025, 3);

	(void)state;
	for (size_t i = 0; i < sizeof(stale_rows) / sizeof(stale_rows[0]); i++) {
		const struct stale_row *r = &stale_rows[i];

		if (pf_stale(r->freq, p - r->before, p) != r->stale)
			fail_msg("row %zu: %s, P - %d: expected stale %d", i,
			         pf_word(PF_WORDS_FREQUENCY, (int)r->freq), r->before, r->stale);
	}
	/* Across a year's end as within one: 2024Q4 is two quarters before 2025Q2. */
	assert_true(pf_stale(PF_FREQ_QUARTERLY, pf_period_make(2024, 4), pf_period_make(2025, 2)));
	assert_false(pf_stale(PF_FREQ_QUARTERLY, pf_period_make(2024, 4), pf_period_make(2025, 1)));
}

/*
 * The evaluation carries the stored frequency and marks a stale value, which
 * still gives progress and a light; an unmeasured indicator is never stale.
 * Q kvartal, H halvår, Y år, all measured 2025Q1; U never measured.
 */
static void test_eval_stale(void **state)
{
	static const char eff[] =
	    "indikator_id;initiativ;indikator;basvarde;basdatum;malvarde;maldatum;matfrekvens\n"
	    "Q;S1;Kvartal;0;2025-01-01;100;2026-12-31;kvartal\n"
	    "H;S1;Halvår;0;2025-01-01;100;2026-12-31;halvår\n"
	    "Y;S1;År;0;2025-01-01;100;2026-12-31;år\n"
	    "U;S1;Aldrig;0;2025-01-01;100;2026-12-31;\n";
	static const char mea[] = "indikator_id;period;varde\nQ;2025Q1;10\nH;2025Q1;10\n"
	                          "Y;2025Q1;10\n";
	/* Whether Q, H, Y are stale at 2025Q1 + k. */
	static const bool want[][3] = {
	    {false, false, false}, {false, false, false}, {true, false, false},
	    {true, true, false},   {true, true, false},   {true, true, true},
	};
	char *dir = pf_test_mkdtemp();
	const struct pf_test_sheet sheets[] = {
	    {"i.csv", "id;titel;namnd\nS1;Stale;HSN\n"}, {"e.csv", eff}, {"m.csv", mea}};
	pf_db *db = pf_test_load(dir, sheets, 3);
	pf_error err;

	(void)state;
	assert_non_null(db);
	pf_error_init(&err);
	for (int k = 0; k < 6; k++) {
		pf_eval e;

		assert_int_equal(pf_eval_load(db, pf_period_make(2025, 1) + k, 0, &e, &err), PF_OK);
		assert_int_equal(e.n, 4);
		/* By id: H, Q, U, Y. */
		assert_int_equal(e.v[0].frequency, PF_FREQ_HALF_YEARLY);
		assert_int_equal(e.v[1].frequency, PF_FREQ_QUARTERLY);
		assert_int_equal(e.v[2].frequency, PF_FREQ_QUARTERLY); /* the default */
		assert_int_equal(e.v[3].frequency, PF_FREQ_YEARLY);
		assert_int_equal(e.v[1].stale, want[k][0]);
		assert_int_equal(e.v[0].stale, want[k][1]);
		assert_int_equal(e.v[3].stale, want[k][2]);
		assert_false(e.v[2].stale);
		for (int i = 0; i < 4; i++)
			if (i != 2)
				assert_int_not_equal(e.v[i].light, PF_LIGHT_UNMEASURED);
		pf_eval_free(&e);
	}
	pf_error_clear(&err);
	pf_db_close(db);
	pf_test_rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_stale_boundaries),
	    cmocka_unit_test(test_eval_stale),
	    cmocka_unit_test_setup_teardown(test_history_equals_quarter_by_quarter, setup,
	                                    teardown),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
