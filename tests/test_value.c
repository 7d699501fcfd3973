/*
 * Tests for src/core/value.c: one table per parser (adding a case is adding a
 * row), exhaustive date and period round trips, and a fixed-seed fuzz pass.
 */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "portfolj/value.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define NBSP "\xc2\xa0"
#define NNBSP "\xe2\x80\xaf"
#define SECT "\xc2\xa7"
#define EN_DASH "\xe2\x80\x93"

/* ---- periods ---- */

struct period_row {
	const char *in;
	bool ok;
	int year, quarter;
};

static const struct period_row period_rows[] = {
    {"2025Q1", true, 2025, 1},
    {"2025-Q1", true, 2025, 1},
    {"2025 Q1", true, 2025, 1},
    {"Q1 2025", true, 2025, 1},
    {"Q1-2025", true, 2025, 1},
    {"2025q2", true, 2025, 2},
    {"2025-K3", true, 2025, 3},
    {"2025K4", true, 2025, 4},
    {"2025 kv3", true, 2025, 3},
    {"2025kv1", true, 2025, 1},
    {"2025-KV2", true, 2025, 2},
    {"2025 Kv4", true, 2025, 4},
    {"Kv1 2025", true, 2025, 1},
    {"kv2-2025", true, 2025, 2},
    {"K3 2025", true, 2025, 3},
    {"q4-2025", true, 2025, 4},
    {"  2025Q1  ", true, 2025, 1},
    {"\t2025Q1\t", true, 2025, 1},
    {NBSP "2025Q1" NNBSP, true, 2025, 1},
    {"2025   Q1", true, 2025, 1},
    {"Q1   2025", true, 2025, 1},
    {"1900Q1", true, 1900, 1},
    {"9999Q4", true, 9999, 4},
    {"2025Q5", false, 0, 0},
    {"2025Q0", false, 0, 0},
    {"25Q1", false, 0, 0},
    {"2025", false, 0, 0},
    {"Q1", false, 0, 0},
    {"2025Q1x", false, 0, 0},
    {"x2025Q1", false, 0, 0},
    {"", false, 0, 0},
    {"   ", false, 0, 0},
    {"1899Q4", false, 0, 0},
    {"02025Q1", false, 0, 0},
    {"2025Q01", false, 0, 0},
    {"2025Q11", false, 0, 0},
    {"2025--Q1", false, 0, 0},
    {"2025 - Q1", false, 0, 0},
    {"2025/Q1", false, 0, 0},
    {"2025 1", false, 0, 0},
    {"2025X1", false, 0, 0},
    {"2025kvv1", false, 0, 0},
    {"Q12025", false, 0, 0},
    {"Q1 25", false, 0, 0},
    {"Q1 20255", false, 0, 0},
    {"2025Q1 2025", false, 0, 0},
    {"2025Q 1", false, 0, 0},
    {"-2025Q1", false, 0, 0},
    {"2025" SECT "1", false, 0, 0},
};

static void test_period_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(period_rows); i++) {
		const struct period_row *r = &period_rows[i];
		pf_period p = -12345;
		bool ok = pf_period_parse(r->in, &p);

		if (ok != r->ok)
			fail_msg("period \"%s\": ok %d, want %d", r->in, ok, r->ok);
		if (!ok) {
			assert_int_equal(p, -12345); /* untouched on failure */
			continue;
		}
		if (p != pf_period_make(r->year, r->quarter))
			fail_msg("period \"%s\": got %d", r->in, p);
		assert_int_equal(pf_period_year(p), r->year);
		assert_int_equal(pf_period_quarter(p), r->quarter);
	}
}

static void test_period_format_roundtrip(void **state)
{
	char buf[PF_PERIOD_BUF];
	pf_period back;

	(void)state;
	assert_int_equal(pf_period_make(2025, 1), 8100);
	pf_period_format(8100, buf);
	assert_string_equal(buf, "2025Q1");
	for (int y = 1900; y <= 9999; y++) {
		for (int q = 1; q <= 4; q++) {
			pf_period p = pf_period_make(y, q);

			pf_period_format(p, buf);
			assert_true(pf_period_parse(buf, &back));
			assert_int_equal(back, p);
			assert_int_equal(pf_period_year(p), y);
			assert_int_equal(pf_period_quarter(p), q);
			assert_int_equal(pf_period_make(y, q) + 1, q == 4
			                                               ? pf_period_make(y + 1, 1)
			                                               : pf_period_make(y, q + 1));
		}
	}
}

struct quarter_row {
	int year, quarter;
	const char *start, *end;
};

static const struct quarter_row quarter_rows[] = {
    {2025, 1, "2025-01-01", "2025-03-31"}, {2025, 2, "2025-04-01", "2025-06-30"},
    {2025, 3, "2025-07-01", "2025-09-30"}, {2025, 4, "2025-10-01", "2025-12-31"},
    {2024, 1, "2024-01-01", "2024-03-31"}, {1900, 1, "1900-01-01", "1900-03-31"},
    {1969, 4, "1969-10-01", "1969-12-31"}, {9999, 4, "9999-10-01", "9999-12-31"},
};

static void test_period_bounds(void **state)
{
	char buf[PF_DATE_BUF];

	(void)state;
	for (size_t i = 0; i < COUNT_OF(quarter_rows); i++) {
		const struct quarter_row *r = &quarter_rows[i];
		pf_period p = pf_period_make(r->year, r->quarter);

		pf_date_format(pf_period_start(p), buf);
		assert_string_equal(buf, r->start);
		pf_date_format(pf_period_end(p), buf);
		assert_string_equal(buf, r->end);
		assert_int_equal(pf_period_of_date(pf_period_start(p)), p);
		assert_int_equal(pf_period_of_date(pf_period_end(p)), p);
		assert_int_equal(pf_period_of_date(pf_period_end(p) + 1), p + 1);
		assert_int_equal(pf_period_of_date(pf_period_start(p) - 1), p - 1);
	}
}

static void test_period_of_date(void **state)
{
	pf_date first = pf_date_from_ymd(1900, 1, 1);
	pf_date last = pf_date_from_ymd(2100, 12, 31);

	(void)state;
	assert_int_equal(pf_period_of_date(pf_date_from_ymd(2025, 5, 17)), pf_period_make(2025, 2));
	assert_int_equal(pf_period_of_date(pf_date_from_ymd(2024, 2, 29)), pf_period_make(2024, 1));
	assert_int_equal(pf_period_of_date(pf_date_from_ymd(1970, 1, 1)), pf_period_make(1970, 1));
	for (pf_date d = first; d <= last; d++) {
		pf_period p = pf_period_of_date(d);

		assert_true(pf_period_start(p) <= d && d <= pf_period_end(p));
	}
}

/* ---- dates ---- */

struct date_row {
	const char *in;
	bool ok;
	int y, m, d;
};

static const struct date_row date_rows[] = {
    {"2025-01-31", true, 2025, 1, 31}, {"1970-01-01", true, 1970, 1, 1},
    {"1900-01-01", true, 1900, 1, 1},  {"9999-12-31", true, 9999, 12, 31},
    {"2024-02-29", true, 2024, 2, 29}, {"2000-02-29", true, 2000, 2, 29},
    {"2025-04-30", true, 2025, 4, 30}, {"2025-02-29", false, 0, 0, 0},
    {"1900-02-29", false, 0, 0, 0},    {"2100-02-29", false, 0, 0, 0},
    {"2025-04-31", false, 0, 0, 0},    {"2025-01-32", false, 0, 0, 0},
    {"2025-13-01", false, 0, 0, 0},    {"2025-00-10", false, 0, 0, 0},
    {"2025-01-00", false, 0, 0, 0},    {"1899-12-31", false, 0, 0, 0},
    {"0000-01-01", false, 0, 0, 0},    {"2025-1-1", false, 0, 0, 0},
    {"2025/01/01", false, 0, 0, 0},    {"20250101", false, 0, 0, 0},
    {"25-01-01", false, 0, 0, 0},      {" 2025-01-01", false, 0, 0, 0},
    {"2025-01-01 ", false, 0, 0, 0},   {"2025-01-01T00:00", false, 0, 0, 0},
    {"2025-01-011", false, 0, 0, 0},   {"+2025-01-01", false, 0, 0, 0},
    {"2025-0a-01", false, 0, 0, 0},    {"", false, 0, 0, 0},
};

static void test_date_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(date_rows); i++) {
		const struct date_row *r = &date_rows[i];
		pf_date d = -12345;
		bool ok = pf_date_parse(r->in, &d);

		if (ok != r->ok)
			fail_msg("date \"%s\": ok %d, want %d", r->in, ok, r->ok);
		if (!ok) {
			assert_int_equal(d, -12345);
			continue;
		}
		assert_int_equal(d, pf_date_from_ymd(r->y, r->m, r->d));
	}
	assert_int_equal(pf_date_from_ymd(1970, 1, 1), 0);
	assert_int_equal(pf_date_from_ymd(1970, 1, 2), 1);
	assert_int_equal(pf_date_from_ymd(1969, 12, 31), -1);
	assert_int_equal(pf_date_from_ymd(2000, 3, 1), 11017);
	assert_false(pf_date_parse(NULL, &(pf_date){0}));
}

/* Every day of 1900..2100: consecutive numbers, to_ymd inverts from_ymd, format inverts parse. */
static void test_date_roundtrip(void **state)
{
	pf_date d = pf_date_from_ymd(1900, 1, 1);
	char buf[PF_DATE_BUF];
	pf_date back;

	(void)state;
	for (int y = 1900; y <= 2100; y++) {
		for (int m = 1; m <= 12; m++) {
			static const int mdays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
			bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
			int n = mdays[m - 1] + (m == 2 && leap);

			for (int day = 1; day <= n; day++, d++) {
				int yy, mm, dd;

				assert_int_equal(pf_date_from_ymd(y, m, day), d);
				pf_date_to_ymd(d, &yy, &mm, &dd);
				assert_true(yy == y && mm == m && dd == day);
				pf_date_format(d, buf);
				assert_true(pf_date_parse(buf, &back));
				assert_int_equal(back, d);
			}
		}
	}
	pf_date_format(pf_date_from_ymd(9999, 12, 31), buf);
	assert_string_equal(buf, "9999-12-31");
	/* Months beyond 12 roll into the next year. */
	assert_int_equal(pf_date_from_ymd(2024, 13, 1), pf_date_from_ymd(2025, 1, 1));
	assert_int_equal(pf_date_from_ymd(2025, 0, 1), pf_date_from_ymd(2024, 12, 1));
}

struct excel_row {
	double serial;
	int y, m, d;
};

static const struct excel_row excel_rows[] = {
    {1, 1900, 1, 1},         {1.75, 1900, 1, 1},       {2, 1900, 1, 2},
    {31, 1900, 1, 31},       {32, 1900, 2, 1},         {59, 1900, 2, 28},
    {60, 1900, 2, 28},       {61, 1900, 3, 1},         {62, 1900, 3, 2},
    {366, 1900, 12, 31},     {367, 1901, 1, 1},        {25569, 1970, 1, 1},
    {36526, 2000, 1, 1},     {45351, 2024, 2, 29},     {45658, 2025, 1, 1},
    {45658.999, 2025, 1, 1}, {45747, 2025, 3, 31},     {2958465, 9999, 12, 31},
    {0, 1900, 1, 1},         {-5, 1900, 1, 1},         {1e12, 9999, 12, 31},
    {NAN, 1900, 1, 1},       {INFINITY, 9999, 12, 31},
};

static void test_date_from_excel(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(excel_rows); i++) {
		const struct excel_row *r = &excel_rows[i];
		pf_date d = pf_date_from_excel(r->serial);

		if (d != pf_date_from_ymd(r->y, r->m, r->d)) {
			char buf[PF_DATE_BUF];

			pf_date_format(d, buf);
			fail_msg("excel %g: got %s, want %04d-%02d-%02d", r->serial, buf, r->y,
			         r->m, r->d);
		}
	}
}

/* ---- numbers ---- */

struct number_row {
	const char *in;
	bool ok;
	double value;
};

static const struct number_row number_rows[] = {
    {"12.5", true, 12.5},
    {"12,5", true, 12.5},
    {"-3", true, -3},
    {"+3", true, 3},
    {"-12,5", true, -12.5},
    {"0", true, 0},
    {"007", true, 7},
    {"0,1", true, 0.1},
    {"0.1", true, 0.1},
    {"1,234", true, 1.234},
    {"1.234", true, 1.234},
    {"1 234,5", true, 1234.5},
    {"1 234 567.25", true, 1234567.25},
    {"1" NBSP "234", true, 1234},
    {"1" NNBSP "234" NNBSP "567,5", true, 1234567.5},
    {"-1 234", true, -1234},
    {"123 456", true, 123456},
    {"45%", true, 45},
    {"45 %", true, 45},
    {"45" NBSP "%", true, 45},
    {"12,5 %", true, 12.5},
    {"  12,5  ", true, 12.5},
    {" 45 % ", true, 45},
    {"\t-0,25\t", true, -0.25},
    {"3.14159265358979", true, 3.14159265358979},
    {"1234567890123", true, 1234567890123.0},
    {"0000000000000000000000000000000000000000000000000000000000000001", true, 1},
    {"00000000000000000000000000000000000000000000000000000000000000001", false, 0},
    {"", false, 0},
    {"   ", false, 0},
    {"%", false, 0},
    {"-", false, 0},
    {"+", false, 0},
    {"- 3", false, 0},
    {"+-3", false, 0},
    {"--3", false, 0},
    {"1,2,3", false, 0},
    {"12,5.3", false, 0},
    {"1.2.3", false, 0},
    {"1e5", false, 0},
    {"1E5", false, 0},
    {"inf", false, 0},
    {"-inf", false, 0},
    {"infinity", false, 0},
    {"nan", false, 0},
    {"NaN", false, 0},
    {"0x1A", false, 0},
    {"0x1p3", false, 0},
    {",5", false, 0},
    {".5", false, 0},
    {"5,", false, 0},
    {"5.", false, 0},
    {"1234 567", false, 0},
    {"1 23", false, 0},
    {"1 2345", false, 0},
    {"1  234", false, 0},
    {"1 234 56", false, 0},
    {"1 234,5 6", false, 0},
    {"1,234 567", false, 0},
    {"1 ,5", false, 0},
    {"12 5", false, 0},
    {"45%%", false, 0},
    {"% 45", false, 0},
    {"45 % %", false, 0},
    {"12abc", false, 0},
    {"abc", false, 0},
    {"3-", false, 0},
    {"\xe2\x88\x92"
     "3",
     false, 0},
    {"12'345", false, 0},
    {"1_234", false, 0},
};

static void test_number_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(number_rows); i++) {
		const struct number_row *r = &number_rows[i];
		double v = -999;
		bool ok = pf_number_parse(r->in, &v);

		if (ok != r->ok)
			fail_msg("number \"%s\": ok %d, want %d", r->in, ok, r->ok);
		if (!ok) {
			assert_true(v == -999);
			continue;
		}
		if (v != r->value)
			fail_msg("number \"%s\": got %.17g, want %.17g", r->in, v, r->value);
	}
	assert_false(pf_number_parse(NULL, &(double){0}));
}

/* A point and exactly three digits: read as a decimal, but likely a thousands separator. */
static const struct {
	const char *in;
	bool grouping;
} grouping_rows[] = {
    {"47.500", true},   {"1.250", true},    {"-1.250", true},  {"+999.000", true},
    {" 12.345 ", true}, {"47.500 %", true}, {"47.500%", true}, {"47.5", false},
    {"47.50", false},   {"47.5000", false}, {"0.500", false},  {"1234.500", false},
    {"47,500", false},  {"47", false},      {".500", false},   {"1 234.500", false},
    {"47.50a", false},  {"", false},        {NULL, false},     {"4.7.500", false},
};

static void test_number_point_grouping(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(grouping_rows); i++) {
		const char *in = grouping_rows[i].in;
		double v;

		if (pf_number_point_grouping(in) != grouping_rows[i].grouping)
			fail_msg("\"%s\": want %d", in ? in : "(null)", grouping_rows[i].grouping);
		/* Every one it flags is a number all the same: a warning never rejects. */
		if (grouping_rows[i].grouping)
			assert_true(pf_number_parse(in, &v));
	}
}

/* Numbers of 10^15 or more (however many digits) are too large; others, and non-numbers, not. */
static const struct {
	const char *in;
	bool too_large;
} large_rows[] = {
    {"999999999999999", false},
    {"999 999 999 999 999,5", false},
    {"-999999999999999.5", false},
    {"1000000000000000", true},
    {"-1000000000000000", true},
    {"1 000 000 000 000 000", true},
    {"0001000000000000000", true},
    {"000000000000000000001", false},
    {"17000000000000000000000000000000000000000000000000000000000000000000000000000000000000",
     true},
    {"-1700000000000000000000000000000000000000000000000000000000000000000000000,5 %", true},
    {"1e400", false},
    {"1.7e308", false},
    {"12abc", false},
    {"100000000000000000000000000000000000000000000000000000000000000000000000x", false},
    {"", false},
    {NULL, false},
};

static void test_number_too_large(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(large_rows); i++) {
		const char *in = large_rows[i].in;
		if (pf_number_too_large(in) != large_rows[i].too_large)
			fail_msg("\"%s\": want %d", in ? in : "(null)", large_rows[i].too_large);
	}
}

/* ---- booleans ---- */

struct bool_row {
	const char *in;
	bool ok, value;
};

static const struct bool_row bool_rows[] = {
    {"ja", true, true},     {"Ja", true, true},       {"JA", true, true},
    {"yes", true, true},    {"YES", true, true},      {"true", true, true},
    {"True", true, true},   {"1", true, true},        {"x", true, true},
    {"X", true, true},      {" ja ", true, true},     {"nej", true, false},
    {"NEJ", true, false},   {"no", true, false},      {"false", true, false},
    {"FALSE", true, false}, {"0", true, false},       {"", true, false},
    {"   ", true, false},   {"\t", true, false},      {"jaa", false, false},
    {"j", false, false},    {"n", false, false},      {"2", false, false},
    {"xx", false, false},   {"yes no", false, false}, {"sant", false, false},
    {"-1", false, false},   {"00", false, false},     {"truefalse", false, false},
    {"-ja", false, false},  {"_0_", false, false},    {"j a", false, false},
};

static void test_bool_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(bool_rows); i++) {
		const struct bool_row *r = &bool_rows[i];
		bool v = !r->value;
		bool ok = pf_bool_parse(r->in, &v);

		if (ok != r->ok)
			fail_msg("bool \"%s\": ok %d, want %d", r->in, ok, r->ok);
		if (ok && v != r->value)
			fail_msg("bool \"%s\": got %d", r->in, v);
	}
}

/* ---- folding ---- */

struct fold_row {
	const char *in, *out;
};

static const struct fold_row fold_rows[] = {
    {"Nämnd", "namnd"},
    {"NAMND", "namnd"},
    {"Indikator-ID", "indikator_id"},
    {"  Första  år ", "forsta_ar"},
    {"BEDÖMNING", "bedomning"},
    {"Bedömning", "bedomning"},
    {"ÅÄÖåäö", "aaoaao"},
    {"àáâãÀÁÂÃ", "aaaaaaaa"},
    {"èéêëÈÉÊË", "eeeeeeee"},
    {"ìíîïÌÍÎÏ", "iiiiiiii"},
    {"òóôõÒÓÔÕ", "oooooooo"},
    {"ùúûüÙÚÛÜ", "uuuuuuuu"},
    {"ýÝçÇñÑ", "yyccnn"},
    {"Idé", "ide"},
    {"Pågående", "pagaende"},
    {"fastställande", "faststallande"},
    {"a - b", "a_b"},
    {"a_-_b", "a_b"},
    {"a\t\tb", "a_b"},
    {"a__b", "a_b"},
    {"a" NBSP "b", "a_b"},
    {"a" NNBSP "b", "a_b"},
    {"--a--", "a"},
    {"_x_", "x"},
    {"år 1", "ar_1"},
    {"", ""},
    {"  - _ ", ""},
    {"ABC123xyz", "abc123xyz"},
    {"a.b/c", "a.b/c"},
    {"Æble Øl ß", "Æble_Øl_ß"}, /* only the listed accents fold */
    {"日本", "日本"},
    {"\xc3", "\xc3"},
    {"\xc3"
     "A",
     "\xc3"
     "a"},
    {"\xff\xfe", "\xff\xfe"},
    /* NFC first: a letter and a combining mark, as macOS writes them, are one letter. */
    {"Na\xcc\x88mnd", "namnd"},
    {"fo\xcc\x88rsta a\xcc\x8ar", "forsta_ar"},
    {"A\xcc\x8a", "a"},
    {"Ide\xcc\x81", "ide"},
    {"x\xcc\x8a", "x\xcc\x8a"},                 /* no precomposed x with a ring: kept */
    {"Na\xcc\x88mnd\xff", "na\xcc\x88mnd\xff"}, /* not UTF-8: folded as it is */
};

static void test_fold(void **state)
{
	char buf[128];

	(void)state;
	for (size_t i = 0; i < COUNT_OF(fold_rows); i++) {
		const struct fold_row *r = &fold_rows[i];
		size_t n = pf_fold(r->in, buf, sizeof(buf));

		if (strcmp(buf, r->out) != 0)
			fail_msg("fold \"%s\": got \"%s\", want \"%s\"", r->in, buf, r->out);
		assert_int_equal(n, strlen(r->out));
	}
	assert_int_equal(pf_fold(NULL, buf, sizeof(buf)), 0);
	assert_string_equal(buf, "");
}

/* Like snprintf: at most n bytes with the NUL, the return value is the full length. */
static void test_fold_truncation(void **state)
{
	const char *in = "  Första  år ";
	const char *full = "forsta_ar";
	char buf[16];

	(void)state;
	assert_int_equal(pf_fold(in, NULL, 0), strlen(full));
	memset(buf, '#', sizeof(buf));
	assert_int_equal(pf_fold(in, buf, 0), strlen(full));
	assert_int_equal(buf[0], '#');
	for (size_t n = 1; n < sizeof(buf); n++) {
		size_t want = strlen(full) < n - 1 ? strlen(full) : n - 1;

		memset(buf, '#', sizeof(buf));
		assert_int_equal(pf_fold(in, buf, n), strlen(full));
		assert_int_equal(strlen(buf), want);
		assert_memory_equal(buf, full, want);
		for (size_t j = n; j < sizeof(buf); j++)
			assert_int_equal(buf[j], '#');
	}
}

/* ---- enumerated words ---- */

struct word_row {
	pf_wordset set;
	const char *in;
	int want;
};

static const struct word_row word_rows[] = {
    /* Decomposed (NFD) accents, as macOS writes them. */
    {PF_WORDS_PHASE,
     "pa\xcc\x8aga\xcc\x8a"
     "ende",
     PF_PHASE_ONGOING},
    {PF_WORDS_PHASE, "fo\xcc\x88rstudie", PF_PHASE_PRESTUDY},
    {PF_WORDS_PHASE, "ide\xcc\x81", PF_PHASE_IDEA},
    {PF_WORDS_PHASE,
     "Pa\xcc\x8aga\xcc\x8a"
     "ende",
     PF_PHASE_ONGOING},
    {PF_WORDS_LIGHT, "gro\xcc\x88n", PF_LIGHT_GREEN},
    {PF_WORDS_LIGHT,
     "ro\xcc\x88"
     "d",
     PF_LIGHT_RED},
    {PF_WORDS_HORIZON, "a\xcc\x8ar 2", PF_HORIZON_YEAR2},
    {PF_WORDS_DECISION, "faststa\xcc\x88llande", PF_DEC_ADOPTION},
    {PF_WORDS_PHASE, "idé", PF_PHASE_IDEA},
    {PF_WORDS_PHASE, "Idé", PF_PHASE_IDEA},
    {PF_WORDS_PHASE, "ide", PF_PHASE_IDEA},
    {PF_WORDS_PHASE, "idea", PF_PHASE_IDEA},
    {PF_WORDS_PHASE, "förstudie", PF_PHASE_PRESTUDY},
    {PF_WORDS_PHASE, "Forstudie", PF_PHASE_PRESTUDY},
    {PF_WORDS_PHASE, "prestudy", PF_PHASE_PRESTUDY},
    {PF_WORDS_PHASE, "pre_study", PF_PHASE_PRESTUDY},
    {PF_WORDS_PHASE, "pre-study", PF_PHASE_PRESTUDY},
    {PF_WORDS_PHASE, "Pre study", PF_PHASE_PRESTUDY},
    {PF_WORDS_PHASE, "beslutad", PF_PHASE_DECIDED},
    {PF_WORDS_PHASE, "decided", PF_PHASE_DECIDED},
    {PF_WORDS_PHASE, "Pågående", PF_PHASE_ONGOING},
    {PF_WORDS_PHASE, "pagaende", PF_PHASE_ONGOING},
    {PF_WORDS_PHASE, "ONGOING", PF_PHASE_ONGOING},
    {PF_WORDS_PHASE, " ongoing ", PF_PHASE_ONGOING},
    {PF_WORDS_PHASE, "pausad", PF_PHASE_PAUSED},
    {PF_WORDS_PHASE, "paused", PF_PHASE_PAUSED},
    {PF_WORDS_PHASE, "avslutad", PF_PHASE_COMPLETED},
    {PF_WORDS_PHASE, "completed", PF_PHASE_COMPLETED},
    {PF_WORDS_PHASE, "stoppad", PF_PHASE_CANCELLED},
    {PF_WORDS_PHASE, "cancelled", PF_PHASE_CANCELLED},
    {PF_WORDS_PHASE, "canceled", PF_PHASE_CANCELLED},
    {PF_WORDS_PHASE, "", -1},
    {PF_WORDS_PHASE, "  ", -1},
    {PF_WORDS_PHASE, "klar", -1},
    {PF_WORDS_PHASE, "paus", -1},
    {PF_WORDS_PHASE, "on going", -1},
    {PF_WORDS_PHASE, "grön", -1},
    {PF_WORDS_LIGHT, "grön", PF_LIGHT_GREEN},
    {PF_WORDS_LIGHT, "gron", PF_LIGHT_GREEN},
    {PF_WORDS_LIGHT, "GRÖN", PF_LIGHT_GREEN},
    {PF_WORDS_LIGHT, "green", PF_LIGHT_GREEN},
    {PF_WORDS_LIGHT, "gul", PF_LIGHT_YELLOW},
    {PF_WORDS_LIGHT, "yellow", PF_LIGHT_YELLOW},
    {PF_WORDS_LIGHT, "röd", PF_LIGHT_RED},
    {PF_WORDS_LIGHT, "Rod", PF_LIGHT_RED},
    {PF_WORDS_LIGHT, "red", PF_LIGHT_RED},
    {PF_WORDS_LIGHT, "blå", -1},
    {PF_WORDS_LIGHT, "orange", -1},
    {PF_WORDS_CATEGORY, "digitalisering", PF_CAT_DIGITAL},
    {PF_WORDS_CATEGORY, "digitalisation", PF_CAT_DIGITAL},
    {PF_WORDS_CATEGORY, "Digitalization", PF_CAT_DIGITAL},
    {PF_WORDS_CATEGORY, "förvaltning", PF_CAT_MAINTENANCE},
    {PF_WORDS_CATEGORY, "forvaltning", PF_CAT_MAINTENANCE},
    {PF_WORDS_CATEGORY, "maintenance", PF_CAT_MAINTENANCE},
    {PF_WORDS_CATEGORY, "infrastruktur", PF_CAT_INFRASTRUCTURE},
    {PF_WORDS_CATEGORY, "infrastructure", PF_CAT_INFRASTRUCTURE},
    {PF_WORDS_CATEGORY, "digital", -1},
    {PF_WORDS_DIRECTION, "öka", PF_DIR_INCREASE},
    {PF_WORDS_DIRECTION, "oka", PF_DIR_INCREASE},
    {PF_WORDS_DIRECTION, "increase", PF_DIR_INCREASE},
    {PF_WORDS_DIRECTION, "minska", PF_DIR_DECREASE},
    {PF_WORDS_DIRECTION, "Decrease", PF_DIR_DECREASE},
    {PF_WORDS_DIRECTION, "up", -1},
    {PF_WORDS_HORIZON, "år 1", PF_HORIZON_YEAR1},
    {PF_WORDS_HORIZON, "År 1", PF_HORIZON_YEAR1},
    {PF_WORDS_HORIZON, "ar 1", PF_HORIZON_YEAR1},
    {PF_WORDS_HORIZON, "år1", PF_HORIZON_YEAR1},
    {PF_WORDS_HORIZON, "ar1", PF_HORIZON_YEAR1},
    {PF_WORDS_HORIZON, "år-1", PF_HORIZON_YEAR1},
    {PF_WORDS_HORIZON, "1", PF_HORIZON_YEAR1},
    {PF_WORDS_HORIZON, " 1 ", PF_HORIZON_YEAR1},
    {PF_WORDS_HORIZON, "year1", PF_HORIZON_YEAR1},
    {PF_WORDS_HORIZON, "year 1", PF_HORIZON_YEAR1},
    {PF_WORDS_HORIZON, "year_1", PF_HORIZON_YEAR1},
    {PF_WORDS_HORIZON, "YEAR1", PF_HORIZON_YEAR1},
    {PF_WORDS_HORIZON, "år 2", PF_HORIZON_YEAR2},
    {PF_WORDS_HORIZON, "ar2", PF_HORIZON_YEAR2},
    {PF_WORDS_HORIZON, "2", PF_HORIZON_YEAR2},
    {PF_WORDS_HORIZON, "year2", PF_HORIZON_YEAR2},
    {PF_WORDS_HORIZON, "year 2", PF_HORIZON_YEAR2},
    {PF_WORDS_HORIZON, "år 3", PF_HORIZON_YEAR3},
    {PF_WORDS_HORIZON, "år3", PF_HORIZON_YEAR3},
    {PF_WORDS_HORIZON, "3", PF_HORIZON_YEAR3},
    {PF_WORDS_HORIZON, "year3", PF_HORIZON_YEAR3},
    {PF_WORDS_HORIZON, "senare", PF_HORIZON_LATER},
    {PF_WORDS_HORIZON, "later", PF_HORIZON_LATER},
    {PF_WORDS_HORIZON, "år", -1},
    {PF_WORDS_HORIZON, "år 4", -1},
    {PF_WORDS_HORIZON, "4", -1},
    {PF_WORDS_HORIZON, "0", -1},
    {PF_WORDS_HORIZON, "01", -1},
    {PF_WORDS_HORIZON, "year", -1},
    {PF_WORDS_HORIZON, "1 år", -1},
    {PF_WORDS_DECISION, "start", PF_DEC_START},
    {PF_WORDS_DECISION, "Start", PF_DEC_START},
    {PF_WORDS_DECISION, "prioritering", PF_DEC_PRIORITISATION},
    {PF_WORDS_DECISION, "prioritisation", PF_DEC_PRIORITISATION},
    {PF_WORDS_DECISION, "prioritization", PF_DEC_PRIORITISATION},
    {PF_WORDS_DECISION, "paus", PF_DEC_PAUSE},
    {PF_WORDS_DECISION, "pause", PF_DEC_PAUSE},
    {PF_WORDS_DECISION, "stopp", PF_DEC_STOP},
    {PF_WORDS_DECISION, "stop", PF_DEC_STOP},
    {PF_WORDS_DECISION, "avslut", PF_DEC_COMPLETION},
    {PF_WORDS_DECISION, "completion", PF_DEC_COMPLETION},
    {PF_WORDS_DECISION, "fastställande", PF_DEC_ADOPTION},
    {PF_WORDS_DECISION, "Faststallande", PF_DEC_ADOPTION},
    {PF_WORDS_DECISION, "adoption", PF_DEC_ADOPTION},
    {PF_WORDS_DECISION, "information", PF_DEC_INFORMATION},
    {PF_WORDS_DECISION, "INFORMATION", PF_DEC_INFORMATION},
    {PF_WORDS_DECISION, "info", -1},
    {PF_WORDS_DECISION, "pausad", -1},
    {PF_WORDS_FREQUENCY, "Kvartal", PF_FREQ_QUARTERLY},
    {PF_WORDS_FREQUENCY, "halvar", PF_FREQ_HALF_YEARLY},
    {PF_WORDS_FREQUENCY, "Half yearly", PF_FREQ_HALF_YEARLY},
    {PF_WORDS_FREQUENCY, "årsvis", PF_FREQ_YEARLY},
    {PF_WORDS_FREQUENCY, "ar", PF_FREQ_YEARLY},
    {PF_WORDS_FREQUENCY, "månad", -1},
    {PF_WORDS_BENEFIT, "ekonomisk", PF_BENEFIT_FINANCIAL},
    {PF_WORDS_BENEFIT, "financial", PF_BENEFIT_FINANCIAL},
    {PF_WORDS_BENEFIT, "omfördelning", PF_BENEFIT_REDISTRIBUTION},
    {PF_WORDS_BENEFIT, "omfordelning", PF_BENEFIT_REDISTRIBUTION},
    {PF_WORDS_BENEFIT, "redistribution", PF_BENEFIT_REDISTRIBUTION},
    {PF_WORDS_BENEFIT, "kvalitativ", PF_BENEFIT_QUALITATIVE},
    {PF_WORDS_BENEFIT, "qualitative", PF_BENEFIT_QUALITATIVE},
    {PF_WORDS_BENEFIT, "kvantitativ", -1},
    {PF_WORDS_COUNT, "idé", -1},
    {(pf_wordset)-1, "idé", -1},
};

static void test_word_parse(void **state)
{
	(void)state;
	/* An absent value (a NULL column) is no word; it once crashed a report. */
	for (int set = 0; set < PF_WORDS_COUNT; set++)
		assert_int_equal(pf_word_parse(set, NULL), -1);
	for (size_t i = 0; i < COUNT_OF(word_rows); i++) {
		const struct word_row *r = &word_rows[i];
		int got = pf_word_parse(r->set, r->in);

		if (got != r->want)
			fail_msg("word %d \"%s\": got %d, want %d", r->set, r->in, got, r->want);
	}
}

struct wordname_row {
	pf_wordset set;
	int value;
	const char *sv, *en;
};

static const struct wordname_row wordname_rows[] = {
    {PF_WORDS_PHASE, PF_PHASE_IDEA, "idé", "idea"},
    {PF_WORDS_PHASE, PF_PHASE_ONGOING, "pågående", "ongoing"},
    {PF_WORDS_PHASE, PF_PHASE_CANCELLED, "stoppad", "cancelled"},
    {PF_WORDS_LIGHT, PF_LIGHT_GREEN, "grön", "green"},
    {PF_WORDS_LIGHT, PF_LIGHT_RED, "röd", "red"},
    {PF_WORDS_CATEGORY, PF_CAT_MAINTENANCE, "förvaltning", "maintenance"},
    {PF_WORDS_DIRECTION, PF_DIR_INCREASE, "öka", "increase"},
    {PF_WORDS_HORIZON, PF_HORIZON_YEAR1, "år 1", "year1"},
    {PF_WORDS_HORIZON, PF_HORIZON_LATER, "senare", "later"},
    {PF_WORDS_DECISION, PF_DEC_ADOPTION, "fastställande", "adoption"},
    {PF_WORDS_DECISION, PF_DEC_PRIORITISATION, "prioritering", "prioritisation"},
    {PF_WORDS_BENEFIT, PF_BENEFIT_REDISTRIBUTION, "omfördelning", "redistribution"},
    {PF_WORDS_FREQUENCY, PF_FREQ_QUARTERLY, "kvartal", "quarterly"},
    {PF_WORDS_FREQUENCY, PF_FREQ_HALF_YEARLY, "halvår", "half-yearly"},
    {PF_WORDS_FREQUENCY, PF_FREQ_YEARLY, "år", "yearly"},
};

/* Every canonical word and English alias of every set parses back to itself. */
static void test_word_names(void **state)
{
	static const int counts[PF_WORDS_COUNT] = {
	    PF_PHASE_COUNT,   PF_LIGHT_COUNT, PF_CAT_COUNT,     PF_DIR_COUNT,
	    PF_HORIZON_COUNT, PF_DEC_COUNT,   PF_BENEFIT_COUNT, PF_FREQ_COUNT,
	};

	(void)state;
	for (size_t i = 0; i < COUNT_OF(wordname_rows); i++) {
		const struct wordname_row *r = &wordname_rows[i];

		assert_string_equal(pf_word(r->set, r->value), r->sv);
		assert_string_equal(pf_word_en(r->set, r->value), r->en);
	}
	for (int set = 0; set < PF_WORDS_COUNT; set++) {
		assert_int_equal(pf_word_count((pf_wordset)set), counts[set]);
		for (int v = 0; v < counts[set]; v++) {
			assert_int_equal(
			    pf_word_parse((pf_wordset)set, pf_word((pf_wordset)set, v)), v);
			assert_int_equal(
			    pf_word_parse((pf_wordset)set, pf_word_en((pf_wordset)set, v)), v);
		}
		assert_null(pf_word((pf_wordset)set, -1));
		assert_null(pf_word((pf_wordset)set, counts[set]));
		assert_null(pf_word_en((pf_wordset)set, counts[set]));
	}
	assert_int_equal(pf_word_count(PF_WORDS_COUNT), 0);
	assert_null(pf_word(PF_WORDS_COUNT, 0));
}

/* ---- bodies ---- */

struct body_row {
	const char *in;
	bool ok;
	const char *out;
};

static const struct body_row body_rows[] = {
    {"digitaliseringsra\xcc\x8a"
     "det",
     true, PF_BODY_COUNCIL},
    {"fo\xcc\x88rvaltningen", true, PF_BODY_ADMINISTRATION},
    {"KBN", true, "KBN"},
    {"kbn", true, "KBN"},
    {"Kbn", true, "KBN"},
    {" RS ", true, "RS"},
    {"HSN2", true, "HSN2"},
    {"ab", true, "AB"},
    {"ABCDEFGHIJKLMNOP", true, "ABCDEFGHIJKLMNOP"},
    {"regionledningen", true, PF_BODY_MANAGEMENT},
    {"Regionledningen", true, PF_BODY_MANAGEMENT},
    {"REGIONLEDNINGEN", true, PF_BODY_MANAGEMENT},
    {"management", true, PF_BODY_MANAGEMENT},
    {"Management", true, PF_BODY_MANAGEMENT},
    {"digitaliseringsrådet", true, PF_BODY_COUNCIL},
    {"digitaliseringsradet", true, PF_BODY_COUNCIL},
    {"Digitaliseringsrådet", true, PF_BODY_COUNCIL},
    {"council", true, PF_BODY_COUNCIL},
    {"förvaltningen", true, PF_BODY_ADMINISTRATION},
    {"forvaltningen", true, PF_BODY_ADMINISTRATION},
    {"administration", true, PF_BODY_ADMINISTRATION},
    {"  ADMINISTRATION ", true, PF_BODY_ADMINISTRATION},
    {"", false, NULL},
    {"   ", false, NULL},
    {"K", false, NULL},
    {"ABCDEFGHIJKLMNOPQ", false, NULL},
    {"2KBN", false, NULL},
    {"K-BN", false, NULL},
    {"K BN", false, NULL},
    {"K_BN", false, NULL},
    {"KÖN", false, NULL},
    {"regionledning", true, "REGIONLEDNING"}, /* not a named body, but a valid code */
    {"förvaltningarna", false, NULL},
    {"region ledningen", false, NULL},
    {"KBN.", false, NULL},
};

static void test_body_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(body_rows); i++) {
		const struct body_row *r = &body_rows[i];
		char buf[PF_BODY_BUF] = "";
		bool ok = pf_body_parse(r->in, buf);

		if (ok != r->ok)
			fail_msg("body \"%s\": ok %d, want %d", r->in, ok, r->ok);
		if (ok && strcmp(buf, r->out) != 0)
			fail_msg("body \"%s\": got \"%s\", want \"%s\"", r->in, buf, r->out);
	}
}

static void test_body_is_committee(void **state)
{
	(void)state;
	assert_true(pf_body_is_committee("KBN"));
	assert_true(pf_body_is_committee("RS"));
	assert_true(pf_body_is_committee("MANAGEMENT"));
	assert_false(pf_body_is_committee(PF_BODY_MANAGEMENT));
	assert_false(pf_body_is_committee(PF_BODY_COUNCIL));
	assert_false(pf_body_is_committee(PF_BODY_ADMINISTRATION));
	assert_false(pf_body_is_committee(""));
	assert_false(pf_body_is_committee(NULL));
}

/* ---- protocol references ---- */

struct protocol_row {
	const char *in;
	bool ok;
	const char *body, *date;
	int first, last;
	const char *canonical;
};

static const struct protocol_row protocol_rows[] = {
    {"KBN 2025-03-04 § 43", true, "KBN", "2025-03-04", 43, 43, "KBN 2025-03-04 § 43"},
    {"KBN 2025-03-04 §43", true, "KBN", "2025-03-04", 43, 43, "KBN 2025-03-04 § 43"},
    {"KBN 2025-03-04 §§ 272-305", true, "KBN", "2025-03-04", 272, 305, "KBN 2025-03-04 §§ 272-305"},
    {"RS 2024-11-26 §§272" EN_DASH "305", true, "RS", "2024-11-26", 272, 305,
     "RS 2024-11-26 §§ 272-305"},
    {"RS 2024-11-26 §§ 272 - 305", true, "RS", "2024-11-26", 272, 305, "RS 2024-11-26 §§ 272-305"},
    {"RS 2024-11-26 §§ 272 " EN_DASH " 305", true, "RS", "2024-11-26", 272, 305,
     "RS 2024-11-26 §§ 272-305"},
    {"  KBN   2025-03-04   §   43  ", true, "KBN", "2025-03-04", 43, 43, "KBN 2025-03-04 § 43"},
    {"KBN\t2025-03-04\t§\t43", true, "KBN", "2025-03-04", 43, 43, "KBN 2025-03-04 § 43"},
    {"KBN" NBSP "2025-03-04" NBSP "§" NBSP "43", true, "KBN", "2025-03-04", 43, 43,
     "KBN 2025-03-04 § 43"},
    {"KBN 2025-03-04§43", true, "KBN", "2025-03-04", 43, 43, "KBN 2025-03-04 § 43"},
    {"kbn 2025-03-04 § 43", true, "KBN", "2025-03-04", 43, 43, "KBN 2025-03-04 § 43"},
    {"KBN 2025-03-04 § 43-45", true, "KBN", "2025-03-04", 43, 45, "KBN 2025-03-04 §§ 43-45"},
    {"KBN 2025-03-04 §§ 5", true, "KBN", "2025-03-04", 5, 5, "KBN 2025-03-04 § 5"},
    {"KBN 2025-03-04 § 043", true, "KBN", "2025-03-04", 43, 43, "KBN 2025-03-04 § 43"},
    {"KBN 2025-03-04 § 999999", true, "KBN", "2025-03-04", 999999, 999999,
     "KBN 2025-03-04 § 999999"},
    {"regionledningen 2025-03-03 § 5", true, PF_BODY_MANAGEMENT, "2025-03-03", 5, 5,
     "regionledningen 2025-03-03 § 5"},
    {"Management 2025-03-03 § 5", true, PF_BODY_MANAGEMENT, "2025-03-03", 5, 5,
     "regionledningen 2025-03-03 § 5"},
    {"Digitaliseringsrådet 2024-02-29 §§ 1-2", true, PF_BODY_COUNCIL, "2024-02-29", 1, 2,
     "digitaliseringsrådet 2024-02-29 §§ 1-2"},
    {"förvaltningen 2025-01-01 § 1", true, PF_BODY_ADMINISTRATION, "2025-01-01", 1, 1,
     "förvaltningen 2025-01-01 § 1"},
    {"", false},
    {"   ", false},
    {"KBN", false},
    {"KBN § 43", false},
    {"KBN 2025-03-04", false},
    {"KBN 2025-03-04 43", false},
    {"KBN 2025-03-04 §", false},
    {"KBN 2025-02-30 § 43", false},
    {"KBN 2025-3-4 § 43", false},
    {"KBN 25-03-04 § 43", false},
    {"KBN 2025-03-04 § x", false},
    {"KBN 2025-03-04 § 4x", false},
    {"KBN 2025-03-04 § -4", false},
    {"KBN 2025-03-04 § 0", false},
    {"KBN 2025-03-04 § 0-3", false},
    {"KBN 2025-03-04 §§ 305-272", false},
    {"KBN 2025-03-04 §§ 43-43", false},
    {"KBN 2025-03-04 §§ 43-", false},
    {"KBN 2025-03-04 §§ 43--45", false},
    {"KBN 2025-03-04 § 43 x", false},
    {"KBN 2025-03-04 § 43 § 44", false},
    {"KBN 2025-03-04 § 43,44", false},
    {"KBN 2025-03-04 § 4 3", false},
    {"KBN 2025-03-04 §§§ 43", false},
    {"KBN 2025-03-04 § 1234567", false},
    {"KBN 2025-03-04 p. 43", false},
    {"2025-03-04 § 43", false},
    {"K 2025-03-04 § 43", false},
    {"KBN2025-03-04 § 43", false},
    {"KBN, 2025-03-04 § 43", false},
    {"Kultur och bildning 2025-03-04 § 43", false},
    {"KBN 2025-03-045 § 43", false},
};

static void test_protocol_parse(void **state)
{
	(void)state;
	for (size_t i = 0; i < COUNT_OF(protocol_rows); i++) {
		const struct protocol_row *r = &protocol_rows[i];
		pf_protocol p = {.first = -7};
		char buf[PF_PROTOCOL_BUF], date[PF_DATE_BUF];
		bool ok = pf_protocol_parse(r->in, &p);

		if (ok != r->ok)
			fail_msg("protocol \"%s\": ok %d, want %d", r->in, ok, r->ok);
		if (!ok) {
			assert_int_equal(p.first, -7);
			continue;
		}
		pf_date_format(p.date, date);
		assert_string_equal(p.body, r->body);
		assert_string_equal(date, r->date);
		assert_int_equal(p.first, r->first);
		assert_int_equal(p.last, r->last);
		pf_protocol_format(&p, buf);
		if (strcmp(buf, r->canonical) != 0)
			fail_msg("protocol \"%s\": shows \"%s\", want \"%s\"", r->in, buf,
			         r->canonical);
	}
}

/* Formatting does not trust the struct: an inverted range shows the first paragraph. */
static void test_protocol_format(void **state)
{
	pf_protocol p = {.body = "KBN", .date = 0, .first = 43, .last = 40};
	char buf[PF_PROTOCOL_BUF];

	(void)state;
	pf_protocol_format(&p, buf);
	assert_string_equal(buf, "KBN 1970-01-01 § 43");
	p.last = 44;
	pf_protocol_format(&p, buf);
	assert_string_equal(buf, "KBN 1970-01-01 §§ 43-44");
	assert_string_equal(SECT, "§");
}

/* ---- robustness ---- */

/* Pieces the fuzzer builds strings from; bias towards almost-valid input. */
static const char *const fuzz_pieces[] = {
    "0",  "1",   "2",     "3",    "4",  "5",  "6", "7",  "8",    "9",   " ",    ",",
    ".",  "-",   "%",     SECT,   "Q",  "q",  "K", "kv", "2025", "KBN", "-03-", "-12-",
    NBSP, NNBSP, EN_DASH, "\xc3", "ja", "år", "ä", "Ö",  "\t",   "x",   "e",    "_",
};

struct lcg {
	uint32_t s;
};

static uint32_t lcg_next(struct lcg *g)
{
	g->s = g->s * 1664525u + 1013904223u;
	return g->s >> 8;
}

/* Valid examples that the fuzzer mutates, so the round-trip checks see successes. */
static const char *const fuzz_seeds[] = {
    "2025Q1",
    "Q1 2025",
    "2025-kv3",
    "2025-03-04",
    "KBN 2025-03-04 § 43",
    "RS 2024-11-26 §§ 272-305",
    "1 234,5 %",
    "-12,5",
    "år 1",
    "Pågående",
};

static const char *fuzz_piece(struct lcg *g, char byte[2])
{
	if (lcg_next(g) % 3 == 0) {
		byte[0] = (char)(1 + lcg_next(g) % 255);
		byte[1] = '\0';
		return byte;
	}
	return fuzz_pieces[lcg_next(g) % COUNT_OF(fuzz_pieces)];
}

/* Appends piece to buf[0..*n) if the string stays within max bytes. */
static bool fuzz_append(char *buf, size_t *n, size_t max, const char *piece)
{
	size_t len = strlen(piece);

	if (*n + len > max)
		return false;
	memcpy(buf + *n, piece, len);
	*n += len;
	return true;
}

/* Random bytes 0x01..0xFF and fuzz_pieces, up to 40 bytes. */
static void fuzz_random(struct lcg *g, char *buf)
{
	size_t want = lcg_next(g) % 41, n = 0;
	char byte[2];

	while (n < want && fuzz_append(buf, &n, want, fuzz_piece(g, byte)))
		;
	buf[n] = '\0';
}

/* A seed with up to three bytes replaced by pieces, cut at 40 bytes. */
static void fuzz_mutant(struct lcg *g, char *buf)
{
	const char *seed = fuzz_seeds[lcg_next(g) % COUNT_OF(fuzz_seeds)];
	size_t len = strlen(seed), at[3], n = 0;
	int k = (int)(lcg_next(g) % 4);
	char byte[2];

	for (int j = 0; j < 3; j++)
		at[j] = j < k ? lcg_next(g) % len : len;
	for (size_t i = 0; i < len; i++) {
		bool hit = i == at[0] || i == at[1] || i == at[2];
		char one[2] = {seed[i], '\0'};

		if (!fuzz_append(buf, &n, 40, hit ? fuzz_piece(g, byte) : one))
			break;
	}
	buf[n] = '\0';
}

static void fuzz_string(struct lcg *g, char *buf)
{
	if (lcg_next(g) % 2)
		fuzz_random(g, buf);
	else
		fuzz_mutant(g, buf);
}

static void fuzz_period_date(const char *s)
{
	char buf[PF_DATE_BUF];
	pf_period p, p2;
	pf_date d, d2;

	if (pf_period_parse(s, &p)) {
		pf_period_format(p, buf);
		assert_true(pf_period_parse(buf, &p2));
		assert_int_equal(p, p2);
		assert_in_range(pf_period_year(p), 1900, 9999);
	}
	if (pf_date_parse(s, &d)) {
		/* A strict parse only takes the canonical form. */
		pf_date_format(d, buf);
		assert_string_equal(buf, s);
		assert_true(pf_date_parse(buf, &d2));
		assert_int_equal(d, d2);
	}
}

static void fuzz_number_bool(const char *s)
{
	double v;
	bool b;

	if (pf_number_parse(s, &v))
		assert_true(isfinite(v) && fabs(v) < 1e65);
	(void)pf_bool_parse(s, &b);
}

/* Folding is idempotent, and a short buffer holds a prefix of the full result. */
static void fuzz_fold(const char *s)
{
	char full[256], again[256], part[8];
	size_t n = pf_fold(s, full, sizeof(full));

	assert_true(n < sizeof(full));
	assert_int_equal(strlen(full), n);
	assert_int_equal(pf_fold(full, again, sizeof(again)), n);
	assert_string_equal(full, again);
	assert_int_equal(pf_fold(s, part, sizeof(part)), n);
	assert_memory_equal(part, full, strlen(part));
}

static void fuzz_words(const char *s)
{
	char body[PF_BODY_BUF], again[PF_BODY_BUF];

	for (int set = 0; set < PF_WORDS_COUNT; set++) {
		int v = pf_word_parse((pf_wordset)set, s);

		assert_in_range(v + 1, 0, pf_word_count((pf_wordset)set));
		if (v >= 0)
			assert_int_equal(
			    pf_word_parse((pf_wordset)set, pf_word((pf_wordset)set, v)), v);
	}
	if (pf_body_parse(s, body)) {
		assert_true(pf_body_parse(body, again));
		assert_string_equal(body, again);
	}
}

static void fuzz_protocol(const char *s)
{
	char buf[PF_PROTOCOL_BUF], buf2[PF_PROTOCOL_BUF];
	pf_protocol p, p2;

	if (!pf_protocol_parse(s, &p))
		return;
	assert_true(p.first >= 1 && p.last >= p.first);
	pf_protocol_format(&p, buf);
	assert_true(pf_protocol_parse(buf, &p2));
	assert_string_equal(p.body, p2.body);
	assert_true(p.date == p2.date && p.first == p2.first && p.last == p2.last);
	pf_protocol_format(&p2, buf2);
	assert_string_equal(buf, buf2);
}

#define FUZZ_ROUNDS 20000

static void test_fuzz(void **state)
{
	struct lcg g = {.s = 20250304u};
	char s[64];

	(void)state;
	for (int i = 0; i < FUZZ_ROUNDS; i++) {
		fuzz_string(&g, s);
		fuzz_period_date(s);
		fuzz_number_bool(s);
		fuzz_fold(s);
		fuzz_words(s);
		fuzz_protocol(s);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_period_parse),
	    cmocka_unit_test(test_period_format_roundtrip),
	    cmocka_unit_test(test_period_bounds),
	    cmocka_unit_test(test_period_of_date),
	    cmocka_unit_test(test_date_parse),
	    cmocka_unit_test(test_date_roundtrip),
	    cmocka_unit_test(test_date_from_excel),
	    cmocka_unit_test(test_number_parse),
	    cmocka_unit_test(test_number_point_grouping),
	    cmocka_unit_test(test_number_too_large),
	    cmocka_unit_test(test_bool_parse),
	    cmocka_unit_test(test_fold),
	    cmocka_unit_test(test_fold_truncation),
	    cmocka_unit_test(test_word_parse),
	    cmocka_unit_test(test_word_names),
	    cmocka_unit_test(test_body_parse),
	    cmocka_unit_test(test_body_is_committee),
	    cmocka_unit_test(test_protocol_parse),
	    cmocka_unit_test(test_protocol_format),
	    cmocka_unit_test(test_fuzz),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
