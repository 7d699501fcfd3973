/*
 * The value parsers of include/portfolj/value.h (src/core/value.c), and the date
 * reader of mapped columns (pf_date_text_period) and pf_trim: the input, as a
 * NUL-terminated string, goes to every one of them. What one accepts must
 * survive its canonical form: parse(format(x)) == x for periods, dates and
 * protocol references, a body's canonical form reads as itself, and a word's
 * Swedish and English forms read as the same word. The priority report's
 * --weights list too.
 */
#include <math.h>

#include "fuzz.h"
#include "importers/map/json_units.h"
#include "importers/read/json.h"
#include "importers/read/json_pointer.h"
#include "portfolj/report.h"
#include "portfolj/value.h"

static void check_period(const char *s)
{
	pf_period p, q;
	char buf[PF_PERIOD_BUF];

	if (!pf_period_parse(s, &p))
		return;
	if (pf_period_year(p) < 1900 || pf_period_year(p) > 9999)
		pf_fuzz_fail("pf_period_parse gave a year outside 1900..9999", s);
	pf_period_format(p, buf);
	if (!pf_period_parse(buf, &q) || q != p)
		pf_fuzz_fail("a period does not read back from its canonical form", buf);
	if (pf_period_of_date(pf_period_start(p)) != p || pf_period_of_date(pf_period_end(p)) != p)
		pf_fuzz_fail("a period's first or last day is not in it", buf);
}

static void check_date(const char *s)
{
	pf_date d, e;
	char buf[PF_DATE_BUF], pbuf[PF_PERIOD_BUF];

	if (pf_date_parse(s, &d)) {
		pf_date_format(d, buf);
		if (!pf_date_parse(buf, &e) || e != d)
			pf_fuzz_fail("a date does not read back from its canonical form", buf);
	}
	if (pf_date_text_period(s, pbuf)) {
		pf_period p;
		if (strnlen(pbuf, sizeof(pbuf)) >= sizeof(pbuf) || !pf_period_parse(pbuf, &p))
			pf_fuzz_fail("pf_date_text_period wrote no period", s);
	}
}

static void check_number(const char *s)
{
	double x;
	char buf[PF_DATE_BUF];

	if (!pf_number_parse(s, &x))
		return;
	if (!isfinite(x))
		pf_fuzz_fail("pf_number_parse gave inf or nan", s);
	/* What an XLSX date cell does with a number: any double is clamped into range. */
	pf_date_format(pf_date_from_excel(x), buf);
}

static void check_fold(const char *s)
{
	char small[4], big[512];
	size_t need = pf_fold(s, small, sizeof(small));

	if (strnlen(small, sizeof(small)) >= sizeof(small))
		pf_fuzz_fail("pf_fold did not terminate a short buffer", s);
	if (pf_fold(s, big, sizeof(big)) != need)
		pf_fuzz_fail("pf_fold's length depends on the buffer", s);
	if (need < sizeof(big) && strlen(big) != need)
		pf_fuzz_fail("pf_fold returned another length than it wrote", s);
	(void)pf_fold(s, NULL, 0);
}

static void check_words(const char *s)
{
	for (int set = 0; set < PF_WORDS_COUNT; set++) {
		int v = pf_word_parse((pf_wordset)set, s);
		if (v < -1 || v >= pf_word_count((pf_wordset)set))
			pf_fuzz_fail("pf_word_parse gave a value out of its set", s);
		if (v < 0)
			continue;
		if (pf_word_parse((pf_wordset)set, pf_word((pf_wordset)set, v)) != v ||
		    pf_word_parse((pf_wordset)set, pf_word_en((pf_wordset)set, v)) != v)
			pf_fuzz_fail("a word's canonical forms do not read back", s);
	}
}

static void check_body(const char *s)
{
	char buf[PF_BODY_BUF], again[PF_BODY_BUF];

	if (!pf_body_parse(s, buf))
		return;
	if (strnlen(buf, sizeof(buf)) >= sizeof(buf))
		pf_fuzz_fail("pf_body_parse wrote no string", s);
	if (!pf_body_parse(buf, again) || strcmp(buf, again))
		pf_fuzz_fail("a body does not read back from its canonical form", buf);
	(void)pf_body_is_committee(buf);
}

static void check_protocol(const char *s)
{
	pf_protocol p, q;
	char buf[PF_PROTOCOL_BUF];

	if (!pf_protocol_parse(s, &p))
		return;
	if (p.first < 1 || p.last < p.first)
		pf_fuzz_fail("pf_protocol_parse gave paragraphs out of order", s);
	pf_protocol_format(&p, buf);
	if (!pf_protocol_parse(buf, &q) || strcmp(p.body, q.body) || p.date != q.date ||
	    p.first != q.first || p.last != q.last)
		pf_fuzz_fail("a protocol reference does not read back from its canonical form",
		             buf);
}

/* report priority --weights: what it takes is finite, at least 0, and adds up above 0. */
static void check_weights(const char *s)
{
	double w[PF_SCORE_PARTS], sum = 0;
	char why[64];

	if (!pf_score_weights_parse(s, w, why, sizeof(why))) {
		if (strnlen(why, sizeof(why)) >= sizeof(why))
			pf_fuzz_fail("pf_score_weights_parse wrote no message", s);
		return;
	}
	for (int i = 0; i < PF_SCORE_PARTS; i++) {
		if (!(w[i] >= 0) || !isfinite(w[i]))
			pf_fuzz_fail("pf_score_weights_parse took a weight below 0 or not finite", s);
		sum += w[i];
	}
	if (!(sum > 0))
		pf_fuzz_fail("pf_score_weights_parse took weights that add up to 0", s);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *s = malloc(size + 1);
	bool b;

	if (!s)
		return 0;
	memcpy(s, data, size);
	s[size] = '\0';
	check_period(s);
	check_date(s);
	check_number(s);
	check_fold(s);
	check_words(s);
	check_body(s);
	check_protocol(s);
	check_weights(s);
	(void)pf_bool_parse(s, &b);
	(void)pf_trim(s); /* last: it writes into s */
	free(s);
	return 0;
}
