/*
 * Values of the sheets: see include/portfolj/value.h and FORMATS.md section 2.
 * Everything here is pure: no allocation, no I/O, no mutable globals. Character
 * classes are ASCII-only on purpose (no <ctype.h>), so the results do not
 * depend on the locale the program runs in.
 */
#include "portfolj/value.h"

#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <utf8proc.h>

#define YEAR_MIN 1900
#define YEAR_MAX 9999
#define NUMBER_MAX 64    /* longest number accepted, in bytes after cleaning */
#define WORD_FOLD_MAX 64 /* longest folded word compared; longer ones match nothing */
#define PARAGRAPH_DIGITS 6
/* Code points normalised by pf_fold: longer texts fold past any heading or word anyway. */
#define NFC_MAX 256

/* ---- characters ---- */

static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

static bool is_alpha(char c)
{
	return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static char to_lower(char c)
{
	return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c;
}

static char to_upper(char c)
{
	return (c >= 'a' && c <= 'z') ? (char)(c - 'a' + 'A') : c;
}

/* Does p start with the bytes of lit, without reading past end? */
static bool starts_with(const char *p, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	return (size_t)(end - p) >= n && memcmp(p, lit, n) == 0;
}

/*
 * Length of the blank at p: space, tab, and the no-break spaces U+00A0 and
 * U+202F that Excel and Swedish typography put in cells. 0 if none.
 */
static size_t blank_len(const char *p, const char *end)
{
	if (p < end && (*p == ' ' || *p == '\t'))
		return 1;
	if (starts_with(p, end, "\xc2\xa0"))
		return 2;
	if (starts_with(p, end, "\xe2\x80\xaf"))
		return 3;
	return 0;
}

static const char *skip_blanks(const char *p, const char *end)
{
	size_t n;

	while ((n = blank_len(p, end)) > 0)
		p += n;
	return p;
}

/* Moves *end back over trailing blanks. */
static void trim_end(const char *begin, const char **end)
{
	const char *e = *end;

	for (;;) {
		if (e - begin >= 1 && (e[-1] == ' ' || e[-1] == '\t'))
			e -= 1;
		else if (e - begin >= 2 && starts_with(e - 2, e, "\xc2\xa0"))
			e -= 2;
		else if (e - begin >= 3 && starts_with(e - 3, e, "\xe2\x80\xaf"))
			e -= 3;
		else
			break;
	}
	*end = e;
}

/* The range of s without surrounding blanks; a NULL s reads as empty. */
static void trim(const char *s, const char **begin, const char **end)
{
	if (!s)
		s = "";
	*end = s + strlen(s);
	*begin = skip_blanks(s, *end);
	trim_end(*begin, end);
}

/* Reads exactly n digits at *pp into *val. */
static bool read_digits(const char **pp, const char *end, int n, int *val)
{
	const char *p = *pp;
	int v = 0;

	if (end - p < n)
		return false;
	for (int i = 0; i < n; i++) {
		if (!is_digit(p[i]))
			return false;
		v = v * 10 + (p[i] - '0');
	}
	*pp = p + n;
	*val = v;
	return true;
}

/*
 * Formatting goes through a roomy buffer and is then cut to the caller's
 * size: valid values always fit, and nonsense ones (a year 123456) are cut
 * like snprintf would, without tripping -Wformat-truncation.
 */
#define FORMAT_TMP 128

static void copy_truncated(char *dst, size_t n, const char *src)
{
	size_t len = strlen(src);

	if (len >= n)
		len = n - 1;
	memcpy(dst, src, len);
	dst[len] = '\0';
}

/* Floor division, so that periods and dates before the epoch split correctly. */
static int floor_div(int a, int b)
{
	return a / b - (a % b != 0 && (a < 0) != (b < 0));
}

/* ---- dates ---- */

/* Howard Hinnant's days_from_civil: proleptic Gregorian, eras of 400 years. */
static int days_from_civil(int y, int m, int d)
{
	y -= m <= 2;
	int era = floor_div(y, 400);
	int yoe = y - era * 400;
	int doy = (153 * (m > 2 ? m - 3 : m + 9) + 2) / 5 + d - 1;
	int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

	return era * 146097 + doe - 719468;
}

static bool is_leap(int y)
{
	return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

static int days_in_month(int y, int m)
{
	static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};

	return m == 2 && is_leap(y) ? 29 : days[m - 1];
}

pf_date pf_date_from_ymd(int y, int m, int d)
{
	/* Months outside 1..12 roll into neighbouring years, days roll over linearly. */
	y += floor_div(m - 1, 12);
	m -= floor_div(m - 1, 12) * 12;
	return days_from_civil(y, m, d);
}

/* Howard Hinnant's civil_from_days, the inverse of days_from_civil. */
void pf_date_to_ymd(pf_date date, int *y, int *m, int *d)
{
	int z = date + 719468;
	int era = floor_div(z, 146097);
	int doe = z - era * 146097;
	int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	int mp = (5 * doy + 2) / 153;
	int month = mp < 10 ? mp + 3 : mp - 9;

	if (y)
		*y = yoe + era * 400 + (month <= 2);
	if (m)
		*m = month;
	if (d)
		*d = doy - (153 * mp + 2) / 5 + 1;
}

static bool read_hyphen(const char **pp, const char *end)
{
	if (!starts_with(*pp, end, "-"))
		return false;
	*pp += 1;
	return true;
}

/* Reads exactly `YYYY-MM-DD` at *pp, a real day of years 1900..9999. */
static bool read_date(const char **pp, const char *end, pf_date *out)
{
	const char *p = *pp;
	int y, m, d;

	if (!read_digits(&p, end, 4, &y) || !read_hyphen(&p, end) || !read_digits(&p, end, 2, &m) ||
	    !read_hyphen(&p, end) || !read_digits(&p, end, 2, &d))
		return false;
	if (y < YEAR_MIN || y > YEAR_MAX || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return false;
	*pp = p;
	*out = days_from_civil(y, m, d);
	return true;
}

bool pf_date_parse(const char *s, pf_date *out)
{
	const char *end;
	pf_date d;

	/* Strict: no surrounding blanks, the whole text is the date. */
	if (!s)
		return false;
	end = s + strlen(s);
	if (!read_date(&s, end, &d) || s != end)
		return false;
	*out = d;
	return true;
}

/* Four digits of a year 0..9999: formatting sits on an import's hot path, printf does not. */
static void put_year(char *b, int y)
{
	b[0] = (char)('0' + y / 1000);
	b[1] = (char)('0' + y / 100 % 10);
	b[2] = (char)('0' + y / 10 % 10);
	b[3] = (char)('0' + y % 10);
}

void pf_date_format(pf_date d, char buf[PF_DATE_BUF])
{
	char tmp[FORMAT_TMP];
	int y, m, day;

	pf_date_to_ymd(d, &y, &m, &day);
	if (y >= 0 && y <= 9999) {
		put_year(buf, y);
		buf[4] = buf[7] = '-';
		buf[5] = (char)('0' + m / 10);
		buf[6] = (char)('0' + m % 10);
		buf[8] = (char)('0' + day / 10);
		buf[9] = (char)('0' + day % 10);
		buf[10] = '\0';
		return;
	}
	(void)snprintf(tmp, sizeof(tmp), "%04d-%02d-%02d", y, m, day);
	copy_truncated(buf, PF_DATE_BUF, tmp);
}

/*
 * Excel's 1900 system counts 1900-02-29, which never was: serials from 61 on
 * are one day ahead of a plain count from 1899-12-31. The fictitious serial 60
 * reads as 1900-02-28 (as openpyxl does). The fraction is a time of day and
 * is dropped; NaN and serials outside 1..9999-12-31 are clamped into it so
 * the conversion to int stays defined.
 */
#define EXCEL_LAST 2958465.0 /* 9999-12-31 */

pf_date pf_date_from_excel(double serial)
{
	pf_date base = days_from_civil(1899, 12, 31);
	int n;

	if (!(serial >= 1.0))
		serial = 1.0;
	if (serial > EXCEL_LAST)
		serial = EXCEL_LAST;
	n = (int)serial;
	return n < 60 ? base + n : base + n - 1;
}

/* ---- periods ---- */

pf_period pf_period_make(int year, int quarter)
{
	return year * 4 + quarter - 1;
}

int pf_period_year(pf_period p)
{
	return floor_div(p, 4);
}

int pf_period_quarter(pf_period p)
{
	return p - floor_div(p, 4) * 4 + 1;
}

pf_date pf_period_start(pf_period p)
{
	return days_from_civil(pf_period_year(p), (pf_period_quarter(p) - 1) * 3 + 1, 1);
}

pf_date pf_period_end(pf_period p)
{
	return pf_period_start(p + 1) - 1;
}

pf_period pf_period_of_date(pf_date d)
{
	int y, m;

	pf_date_to_ymd(d, &y, &m, NULL);
	return pf_period_make(y, (m - 1) / 3 + 1);
}

void pf_period_format(pf_period p, char buf[PF_PERIOD_BUF])
{
	char tmp[FORMAT_TMP];
	int y = pf_period_year(p);

	if (y >= 0 && y <= 9999) {
		put_year(buf, y);
		buf[4] = 'Q';
		buf[5] = (char)('0' + pf_period_quarter(p));
		buf[6] = '\0';
		return;
	}
	(void)snprintf(tmp, sizeof(tmp), "%04dQ%d", y, pf_period_quarter(p));
	copy_truncated(buf, PF_PERIOD_BUF, tmp);
}

/* The quarter mark: Q, K (kvartal) or kv, any case. */
static bool read_quarter_mark(const char **pp, const char *end)
{
	const char *p = *pp;

	if (p >= end)
		return false;
	if (to_lower(*p) == 'k' && p + 1 < end && to_lower(p[1]) == 'v')
		p += 2;
	else if (to_lower(*p) == 'k' || to_lower(*p) == 'q')
		p += 1;
	else
		return false;
	*pp = p;
	return true;
}

/* Between year and quarter: one hyphen or a run of blanks. */
static bool read_period_sep(const char **pp, const char *end)
{
	const char *p = *pp;

	if (p < end && *p == '-')
		p++;
	else
		p = skip_blanks(p, end);
	if (p == *pp)
		return false;
	*pp = p;
	return true;
}

/* `2025Q1`, `2025-Q1`, `2025 kv1`: the separator is optional after the year. */
static bool read_year_first(const char *p, const char *end, int *y, int *q)
{
	if (!read_digits(&p, end, 4, y))
		return false;
	(void)read_period_sep(&p, end);
	return read_quarter_mark(&p, end) && read_digits(&p, end, 1, q) && p == end;
}

/* `Q1 2025`, `Q1-2025`: a separator is required, `Q12025` is too easy to misread. */
static bool read_quarter_first(const char *p, const char *end, int *y, int *q)
{
	return read_quarter_mark(&p, end) && read_digits(&p, end, 1, q) &&
	       read_period_sep(&p, end) && read_digits(&p, end, 4, y) && p == end;
}

bool pf_period_parse(const char *s, pf_period *out)
{
	const char *b, *e;
	int y, q;

	trim(s, &b, &e);
	if (!read_year_first(b, e, &y, &q) && !read_quarter_first(b, e, &y, &q))
		return false;
	if (y < YEAR_MIN || y > YEAR_MAX || q < 1 || q > 4)
		return false;
	*out = pf_period_make(y, q);
	return true;
}

/* ---- numbers ---- */

/* A number being cleaned into plain ASCII digits for strtod. */
struct numbuf {
	char s[NUMBER_MAX + 16]; /* room for the exponent appended at the end */
	size_t n;
	int frac; /* digits after the decimal separator */
};

/* Appends the digits at *pp to nb; returns how many there were, or -1 if too many. */
static int copy_digits(const char **pp, const char *end, struct numbuf *nb)
{
	const char *p = *pp;
	int count = 0;

	while (p < end && is_digit(*p)) {
		if (nb->n >= NUMBER_MAX)
			return -1;
		nb->s[nb->n++] = *p++;
		count++;
	}
	*pp = p;
	return count;
}

/*
 * The integer part: digits, or groups split by single blanks where the first
 * group has 1..3 digits and every later one exactly 3 (`1 234 567`).
 */
static bool read_int_part(const char **pp, const char *end, struct numbuf *nb)
{
	const char *p = *pp;
	int first = copy_digits(&p, end, nb);
	size_t bl;

	if (first <= 0)
		return false;
	while ((bl = blank_len(p, end)) > 0) {
		if (first > 3 || p + bl >= end || !is_digit(p[bl]))
			return false;
		p += bl;
		if (copy_digits(&p, end, nb) != 3)
			return false;
	}
	*pp = p;
	return true;
}

/* Cleans `-1 234,5` into the mantissa `-12345` with frac = 1. */
static bool clean_number(const char *p, const char *end, struct numbuf *nb)
{
	if (p < end && (*p == '-' || *p == '+'))
		nb->s[nb->n++] = *p++;
	if (!read_int_part(&p, end, nb))
		return false;
	if (p < end && (*p == ',' || *p == '.')) {
		p++;
		nb->frac = copy_digits(&p, end, nb);
		if (nb->frac <= 0)
			return false;
	}
	return p == end;
}

/*
 * The common case without strtod (imports parse a number per row): at most
 * 15 digits are exact in a double, and so is 10^frac up to 10^22, so their
 * quotient is the correctly rounded value, as strtod would give.
 */
static bool exact_decimal(const struct numbuf *nb, double *out)
{
	static const double pow10[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,
	                               1e8,  1e9,  1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
	                               1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
	const char *p = nb->s, *end = nb->s + nb->n;
	bool neg = *p == '-';
	uint64_t m = 0;
	int digits = 0;

	if (*p == '-' || *p == '+')
		p++;
	for (; p < end; p++) {
		if (*p < '0' || *p > '9' || ++digits > 15)
			return false;
		m = m * 10 + (uint64_t)(*p - '0');
	}
	if (!digits || nb->frac < 0 || nb->frac > 22)
		return false;
	double v = (double)m / pow10[nb->frac];
	*out = neg ? -v : v;
	return true;
}

/* Appends `e-FRAC` to the digits (no printf: this is on an import's hot path). */
static void append_exponent(struct numbuf *nb)
{
	char tmp[12];
	int k = 0, f = nb->frac;

	do
		tmp[k++] = (char)('0' + f % 10);
	while ((f /= 10) > 0 && k < 11);
	if (nb->n + (size_t)k + 3 > sizeof(nb->s))
		return;
	nb->s[nb->n++] = 'e';
	nb->s[nb->n++] = '-';
	while (k > 0)
		nb->s[nb->n++] = tmp[--k];
	nb->s[nb->n] = '\0';
}

bool pf_number_parse(const char *s, double *out)
{
	struct numbuf nb = {.n = 0, .frac = 0};
	const char *b, *e;
	char *rest;
	double v;

	trim(s, &b, &e);
	if (e > b && e[-1] == '%') {
		e--;
		trim_end(b, &e);
	}
	if (!clean_number(b, e, &nb))
		return false;
	if (exact_decimal(&nb, out))
		return true;
	/*
	 * An exponent instead of a decimal point keeps strtod independent of
	 * LC_NUMERIC: `-12345e-1` reads the same in every locale, correctly rounded.
	 */
	append_exponent(&nb);
	v = strtod(nb.s, &rest);
	if (*rest != '\0')
		return false;
	*out = v;
	return true;
}

/* The range of a number's text without blanks, a trailing `%` and a leading sign. */
static void unsigned_body(const char *s, const char **b, const char **e)
{
	trim(s, b, e);
	if (*e > *b && (*e)[-1] == '%') {
		(*e)--;
		trim_end(*b, e);
	}
	if (*b < *e && (**b == '-' || **b == '+'))
		(*b)++;
}

/* Moves *pp past digits and single blanks between them; the count of digits but leading zeros. */
static size_t count_int_digits(const char **pp, const char *end)
{
	const char *p = *pp;
	size_t n = 0, bl;

	while (p < end) {
		if (is_digit(*p)) {
			n += n || *p != '0';
			p++;
		} else if ((bl = blank_len(p, end)) > 0 && p + bl < end && is_digit(p[bl])) {
			p += bl;
		} else {
			break;
		}
	}
	*pp = p;
	return n;
}

bool pf_number_too_large(const char *s)
{
	const char *b, *e;
	double v;

	if (pf_number_parse(s, &v))
		return !(fabs(v) < PF_NUMBER_LIMIT);
	unsigned_body(s, &b, &e);
	if (b == e || !is_digit(*b))
		return false;
	size_t digits = count_int_digits(&b, e);
	if (b < e && (*b == ',' || *b == '.')) {
		if (++b == e || !is_digit(*b))
			return false;
		while (b < e && is_digit(*b))
			b++;
	}
	return b == e && digits > 15;
}

bool pf_number_point_grouping(const char *s)
{
	const char *b, *e, *p;

	unsigned_body(s, &b, &e);
	for (p = b; p < e && is_digit(*p); p++)
		;
	if (p == b || p - b > 3 || *b == '0' || e - p != 4 || *p != '.')
		return false;
	return is_digit(p[1]) && is_digit(p[2]) && is_digit(p[3]);
}

/* ---- folding ---- */

/*
 * The base letter of U+00C0..U+00FF, indexed by the second byte of its UTF-8
 * form (C3 80..C3 BF) minus 0x80; 0 where the letter is kept as is (Æ, Ø, ß, …).
 */
static const char latin1_base[64] = {
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    0,   'n', 'o', 'o', 'o', 'o', 'o', 0,   0,   'u', 'u', 'u', 'u', 'y', 0,   0,
    'a', 'a', 'a', 'a', 'a', 'a', 0,   'c', 'e', 'e', 'e', 'e', 'i', 'i', 'i', 'i',
    0,   'n', 'o', 'o', 'o', 'o', 'o', 0,   0,   'u', 'u', 'u', 'u', 'y', 0,   0,
};

/* Length of a separator at p (blank, hyphen, underscore, line break), 0 if none. */
static size_t fold_sep_len(const char *p, const char *end)
{
	if (p < end && (*p == '-' || *p == '_' || *p == '\r' || *p == '\n'))
		return 1;
	return blank_len(p, end);
}

/* Where pf_fold writes: the bytes beyond n - 1 are counted, not stored. */
struct foldout {
	char *buf;
	size_t n, len;
};

static void fold_put(struct foldout *o, char c)
{
	if (o->len + 1 < o->n)
		o->buf[o->len] = c;
	o->len++;
}

/* Folds the character at *pp into o and moves past it. */
static void fold_char(const char **pp, const char *end, struct foldout *o)
{
	const unsigned char *u = (const unsigned char *)*pp;

	if (u[0] == 0xc3 && *pp + 1 < end && u[1] >= 0x80 && u[1] <= 0xbf &&
	    latin1_base[u[1] - 0x80]) {
		fold_put(o, latin1_base[u[1] - 0x80]);
		*pp += 2;
		return;
	}
	/* ASCII is lower-cased; other bytes go through unchanged, one by one. */
	fold_put(o, to_lower(**pp));
	*pp += 1;
}

static bool has_high_byte(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s >= 0x80)
			return true;
	return false;
}

/*
 * The NFC form of s (FORMATS.md section 2: `a` plus a combining ring, as macOS
 * writes it, is `å`), written as UTF-8 over cps; NULL when s is not valid
 * UTF-8 or too long, and then s is folded as it is. No allocation: utf8proc
 * decomposes into the caller's array and re-encodes in place.
 */
static const char *nfc(const char *s, utf8proc_int32_t cps[NFC_MAX])
{
	const utf8proc_option_t opts = UTF8PROC_STABLE | UTF8PROC_COMPOSE;
	utf8proc_ssize_t n = utf8proc_decompose(
	    (const utf8proc_uint8_t *)s, (utf8proc_ssize_t)strlen(s), cps, NFC_MAX - 1, opts);

	if (n < 0 || n >= NFC_MAX || utf8proc_reencode(cps, n, opts) < 0)
		return NULL;
	return (const char *)cps;
}

size_t pf_fold(const char *s, char *buf, size_t n)
{
	struct foldout o = {.buf = buf, .n = n, .len = 0};
	utf8proc_int32_t cps[NFC_MAX];
	const char *p = s ? s : "";
	/* ASCII is its own NFC: most headings and words never reach utf8proc. */
	const char *normal = has_high_byte(p) ? nfc(p, cps) : NULL;
	if (normal)
		p = normal;
	const char *end = p + strlen(p);
	bool pending = false;
	size_t sl;

	while (p < end) {
		if ((sl = fold_sep_len(p, end)) > 0) {
			/* A run of separators is one `_`, and none at the start. */
			pending = o.len > 0;
			p += sl;
			continue;
		}
		if (pending)
			fold_put(&o, '_');
		pending = false;
		fold_char(&p, end, &o);
	}
	if (n > 0)
		buf[o.len < n ? o.len : n - 1] = '\0';
	return o.len;
}

/* ---- booleans ---- */

/* Is [b, e) the ASCII word w, in any case? */
static bool equals_nocase(const char *b, const char *e, const char *w)
{
	size_t n = strlen(w);

	if ((size_t)(e - b) != n)
		return false;
	for (size_t i = 0; i < n; i++) {
		if (to_lower(b[i]) != w[i])
			return false;
	}
	return true;
}

/*
 * Not through pf_fold: folding drops leading hyphens, and `-1` must not read
 * as `1`.
 */
bool pf_bool_parse(const char *s, bool *out)
{
	static const char *const yes[] = {"ja", "yes", "true", "1", "x"};
	static const char *const no[] = {"", "nej", "no", "false", "0"};
	const char *b, *e;

	trim(s, &b, &e);
	for (size_t i = 0; i < sizeof(yes) / sizeof(yes[0]); i++) {
		if (equals_nocase(b, e, yes[i])) {
			*out = true;
			return true;
		}
	}
	for (size_t i = 0; i < sizeof(no) / sizeof(no[0]); i++) {
		if (equals_nocase(b, e, no[i])) {
			*out = false;
			return true;
		}
	}
	return false;
}

/* ---- enumerated words ---- */

struct word {
	const char *sv;     /* canonical Swedish, with accents */
	const char *en;     /* English alias */
	const char *alt[6]; /* more accepted spellings, NULL-terminated */
};

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

static const struct word phase_words[] = {
    [PF_PHASE_IDEA] = {"idé", "idea", {NULL}},
    [PF_PHASE_PRESTUDY] = {"förstudie", "prestudy", {"pre_study", NULL}},
    [PF_PHASE_DECIDED] = {"beslutad", "decided", {NULL}},
    [PF_PHASE_ONGOING] = {"pågående", "ongoing", {NULL}},
    [PF_PHASE_PAUSED] = {"pausad", "paused", {NULL}},
    [PF_PHASE_COMPLETED] = {"avslutad", "completed", {NULL}},
    [PF_PHASE_CANCELLED] = {"stoppad", "cancelled", {"canceled", NULL}},
};

static const struct word light_words[] = {
    [PF_LIGHT_GREEN] = {"grön", "green", {NULL}},
    [PF_LIGHT_YELLOW] = {"gul", "yellow", {NULL}},
    [PF_LIGHT_RED] = {"röd", "red", {NULL}},
};

static const struct word category_words[] = {
    [PF_CAT_DIGITAL] = {"digitalisering", "digitalisation", {"digitalization", NULL}},
    [PF_CAT_MAINTENANCE] = {"förvaltning", "maintenance", {NULL}},
    [PF_CAT_INFRASTRUCTURE] = {"infrastruktur", "infrastructure", {NULL}},
};

static const struct word direction_words[] = {
    [PF_DIR_INCREASE] = {"öka", "increase", {NULL}},
    [PF_DIR_DECREASE] = {"minska", "decrease", {NULL}},
};

/* Folding makes `ar 1` = `år 1` and `year_1` = `year 1`; these are the rest. */
static const struct word horizon_words[] = {
    [PF_HORIZON_YEAR1] = {"år 1", "year1", {"år1", "1", "year 1", NULL}},
    [PF_HORIZON_YEAR2] = {"år 2", "year2", {"år2", "2", "year 2", NULL}},
    [PF_HORIZON_YEAR3] = {"år 3", "year3", {"år3", "3", "year 3", NULL}},
    [PF_HORIZON_LATER] = {"senare", "later", {NULL}},
};

static const struct word decision_words[] = {
    [PF_DEC_START] = {"start", "start", {NULL}},
    [PF_DEC_PRIORITISATION] = {"prioritering", "prioritisation", {"prioritization", NULL}},
    [PF_DEC_PAUSE] = {"paus", "pause", {NULL}},
    [PF_DEC_STOP] = {"stopp", "stop", {NULL}},
    [PF_DEC_COMPLETION] = {"avslut", "completion", {NULL}},
    [PF_DEC_ADOPTION] = {"fastställande", "adoption", {NULL}},
    [PF_DEC_INFORMATION] = {"information", "information", {NULL}},
};

static const struct word benefit_words[] = {
    [PF_BENEFIT_FINANCIAL] = {"ekonomisk", "financial", {NULL}},
    [PF_BENEFIT_REDISTRIBUTION] = {"omfördelning", "redistribution", {NULL}},
    [PF_BENEFIT_QUALITATIVE] = {"kvalitativ", "qualitative", {NULL}},
};

static const struct word frequency_words[] = {
    [PF_FREQ_QUARTERLY] = {"kvartal", "quarterly", {"kvartalsvis", "quarter", NULL}},
    [PF_FREQ_HALF_YEARLY] = {"halvår", "half-yearly", {"halvårsvis", "half year", NULL}},
    [PF_FREQ_YEARLY] = {"år", "yearly", {"årsvis", "year", "annual", "annually", NULL}},
};

_Static_assert(COUNT_OF(phase_words) == PF_PHASE_COUNT, "phase words");
_Static_assert(COUNT_OF(light_words) == PF_LIGHT_COUNT, "light words");
_Static_assert(COUNT_OF(category_words) == PF_CAT_COUNT, "category words");
_Static_assert(COUNT_OF(direction_words) == PF_DIR_COUNT, "direction words");
_Static_assert(COUNT_OF(horizon_words) == PF_HORIZON_COUNT, "horizon words");
_Static_assert(COUNT_OF(decision_words) == PF_DEC_COUNT, "decision words");
_Static_assert(COUNT_OF(benefit_words) == PF_BENEFIT_COUNT, "benefit words");
_Static_assert(COUNT_OF(frequency_words) == PF_FREQ_COUNT, "frequency words");

struct wordset {
	const struct word *words;
	int count;
};

static const struct wordset wordsets[PF_WORDS_COUNT] = {
    [PF_WORDS_PHASE] = {phase_words, PF_PHASE_COUNT},
    [PF_WORDS_LIGHT] = {light_words, PF_LIGHT_COUNT},
    [PF_WORDS_CATEGORY] = {category_words, PF_CAT_COUNT},
    [PF_WORDS_DIRECTION] = {direction_words, PF_DIR_COUNT},
    [PF_WORDS_HORIZON] = {horizon_words, PF_HORIZON_COUNT},
    [PF_WORDS_DECISION] = {decision_words, PF_DEC_COUNT},
    [PF_WORDS_BENEFIT] = {benefit_words, PF_BENEFIT_COUNT},
    [PF_WORDS_FREQUENCY] = {frequency_words, PF_FREQ_COUNT},
};

/* Does a folded text equal the folding of spelling? */
static bool folds_to(const char *folded, const char *spelling)
{
	char f[WORD_FOLD_MAX];

	return pf_fold(spelling, f, sizeof(f)) < sizeof(f) && strcmp(folded, f) == 0;
}

static bool word_matches(const struct word *w, const char *folded)
{
	if (folds_to(folded, w->sv) || folds_to(folded, w->en))
		return true;
	for (size_t i = 0; i < COUNT_OF(w->alt) && w->alt[i]; i++) {
		if (folds_to(folded, w->alt[i]))
			return true;
	}
	return false;
}

/* The index of the word in words[0..count) that s folds to, or -1. */
static int find_word(const struct word *words, int count, const char *s)
{
	char f[WORD_FOLD_MAX];
	size_t len;

	if (!s)
		return -1;
	/* Most cells hold the canonical word itself: no folding needed for those. */
	for (int i = 0; i < count; i++)
		if (!strcmp(s, words[i].sv))
			return i;
	len = pf_fold(s, f, sizeof(f));
	if (len == 0 || len >= sizeof(f))
		return -1;
	for (int i = 0; i < count; i++) {
		if (word_matches(&words[i], f))
			return i;
	}
	return -1;
}

static const struct wordset *wordset_of(pf_wordset set)
{
	return (int)set >= 0 && set < PF_WORDS_COUNT ? &wordsets[set] : NULL;
}

int pf_word_parse(pf_wordset set, const char *s)
{
	const struct wordset *ws = wordset_of(set);

	return ws ? find_word(ws->words, ws->count, s) : -1;
}

const char *pf_word(pf_wordset set, int value)
{
	const struct wordset *ws = wordset_of(set);

	return ws && value >= 0 && value < ws->count ? ws->words[value].sv : NULL;
}

const char *pf_word_en(pf_wordset set, int value)
{
	const struct wordset *ws = wordset_of(set);

	return ws && value >= 0 && value < ws->count ? ws->words[value].en : NULL;
}

int pf_word_count(pf_wordset set)
{
	const struct wordset *ws = wordset_of(set);

	return ws ? ws->count : 0;
}

/* ---- bodies ---- */

static const struct word body_words[] = {
    {PF_BODY_MANAGEMENT, "management", {NULL}},
    {PF_BODY_COUNCIL, "council", {NULL}},
    {PF_BODY_ADMINISTRATION, "administration", {NULL}},
};

#define CODE_MIN 2
#define CODE_MAX 16

/* A committee code: 2..16 ASCII letters or digits, a letter first. */
static bool read_code(const char *b, const char *e, char buf[PF_BODY_BUF])
{
	size_t n = (size_t)(e - b);

	if (n < CODE_MIN || n > CODE_MAX || !is_alpha(*b))
		return false;
	for (size_t i = 0; i < n; i++) {
		if (!is_alpha(b[i]) && !is_digit(b[i]))
			return false;
	}
	for (size_t i = 0; i < n; i++)
		buf[i] = to_upper(b[i]);
	buf[n] = '\0';
	return true;
}

bool pf_body_parse(const char *s, char buf[PF_BODY_BUF])
{
	/* The named bodies first: `management` would also pass as a code. */
	int i = find_word(body_words, (int)COUNT_OF(body_words), s);
	const char *b, *e;

	if (i >= 0) {
		snprintf(buf, PF_BODY_BUF, "%s", body_words[i].sv);
		return true;
	}
	trim(s, &b, &e);
	return read_code(b, e, buf);
}

bool pf_body_is_committee(const char *body)
{
	if (!body || !*body)
		return false;
	for (size_t i = 0; i < COUNT_OF(body_words); i++) {
		if (strcmp(body, body_words[i].sv) == 0)
			return false;
	}
	return true;
}

/* ---- protocol references ---- */

#define SECTION_SIGN "\xc2\xa7"
#define EN_DASH "\xe2\x80\x93"

/* The body is the first word; anything pf_body_parse takes. */
static bool read_protocol_body(const char **pp, const char *end, char body[PF_BODY_BUF])
{
	const char *p = *pp;
	char word[PF_BODY_BUF * 2];
	size_t n;

	while (p < end && !blank_len(p, end))
		p++;
	n = (size_t)(p - *pp);
	if (n == 0 || n >= sizeof(word))
		return false;
	memcpy(word, *pp, n);
	word[n] = '\0';
	*pp = p;
	return pf_body_parse(word, body);
}

/* A paragraph number: 1..6 digits, not 0. */
static bool read_paragraph(const char **pp, const char *end, int *out)
{
	const char *p = *pp;
	int v = 0, n = 0;

	while (p < end && is_digit(*p) && n < PARAGRAPH_DIGITS) {
		v = v * 10 + (*p++ - '0');
		n++;
	}
	if (n == 0 || v == 0 || (p < end && is_digit(*p)))
		return false;
	*pp = p;
	*out = v;
	return true;
}

/* `§ N`, `§§ N-M`; one or two signs read the same, the numbers decide. */
static bool read_paragraphs(const char *p, const char *end, int *first, int *last)
{
	if (!starts_with(p, end, SECTION_SIGN))
		return false;
	p += strlen(SECTION_SIGN);
	if (starts_with(p, end, SECTION_SIGN))
		p += strlen(SECTION_SIGN);
	p = skip_blanks(p, end);
	if (!read_paragraph(&p, end, first))
		return false;
	*last = *first;
	p = skip_blanks(p, end);
	if (p < end && (*p == '-' || starts_with(p, end, EN_DASH))) {
		p += *p == '-' ? 1 : strlen(EN_DASH);
		p = skip_blanks(p, end);
		if (!read_paragraph(&p, end, last) || *last <= *first)
			return false;
	}
	return p == end;
}

bool pf_protocol_parse(const char *s, pf_protocol *out)
{
	pf_protocol r;
	const char *p, *e;

	trim(s, &p, &e);
	if (!read_protocol_body(&p, e, r.body) || !blank_len(p, e))
		return false;
	p = skip_blanks(p, e);
	if (!read_date(&p, e, &r.date))
		return false;
	p = skip_blanks(p, e);
	if (!read_paragraphs(p, e, &r.first, &r.last))
		return false;
	*out = r;
	return true;
}

void pf_protocol_format(const pf_protocol *p, char buf[PF_PROTOCOL_BUF])
{
	char date[PF_DATE_BUF];
	char tmp[FORMAT_TMP];

	pf_date_format(p->date, date);
	/* A range only when it is one; a malformed last <= first shows the first. */
	if (p->last > p->first)
		(void)snprintf(tmp, sizeof(tmp), "%.*s %s " SECTION_SIGN SECTION_SIGN " %d-%d",
		               PF_BODY_BUF - 1, p->body, date, p->first, p->last);
	else
		(void)snprintf(tmp, sizeof(tmp), "%.*s %s " SECTION_SIGN " %d", PF_BODY_BUF - 1,
		               p->body, date, p->first);
	copy_truncated(buf, PF_PROTOCOL_BUF, tmp);
}

/* ---- limits ---- */

bool pf_text_too_long(const char *s)
{
	size_t units = 0;

	/*
	 * A code point takes at least as many UTF-8 bytes as UTF-16 units, so a
	 * text of at most PF_TEXT_MAX bytes, every text of an import's hot path,
	 * is within the limit without counting.
	 */
	if (strnlen(s, PF_TEXT_MAX + 1) <= PF_TEXT_MAX)
		return false;

	/* A lead byte starts a code point; one of four bytes is beyond the BMP: a surrogate pair.
	 */
	for (; *s && units <= PF_TEXT_MAX; s++) {
		unsigned char c = (unsigned char)*s;
		if ((c & 0xc0) != 0x80)
			units += c >= 0xf0 ? 2 : 1;
	}
	return units > PF_TEXT_MAX;
}

/* ---- formulas ---- */

bool pf_formula_like(const char *s)
{
	s += strspn(s, "'");
	return *s && strchr("=+-@\t\r", *s);
}

const char *pf_formula_unmark(const char *s)
{
	return s && s[0] == '\'' && pf_formula_like(s) ? s + 1 : s;
}
