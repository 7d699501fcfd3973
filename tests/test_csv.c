/* Tests of the CSV/TSV reader (importers/read/csv.c). */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>

#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "importers/read/csvsheet.h"
#include "testutil.h"

#define MALFORMED                                                                                  \
	"malformed quoting: text after a closing quote (a quote inside a quoted field is written " \
	"twice: \"\")"
#define UNCLOSED "quoted field is never closed"
#define NUL_BYTE "NUL byte in text: is this a binary file?"

/* ---- helpers ---- */

struct sbuf {
	char *s;
	size_t len, cap;
};

static void sb_add(struct sbuf *b, const char *s, size_t n)
{
	if (b->len + n + 1 > b->cap) {
		b->cap = 2 * (b->len + n + 1);
		b->s = realloc(b->s, b->cap);
		assert_non_null(b->s);
	}
	memcpy(b->s + b->len, s, n);
	b->len += n;
	b->s[b->len] = '\0';
}

static void sb_printf(struct sbuf *b, const char *fmt, ...)
{
	char tmp[512];
	va_list ap;

	va_start(ap, fmt);
	int n = vsnprintf(tmp, sizeof(tmp), fmt, ap);
	va_end(ap);
	assert_true(n >= 0 && (size_t)n < sizeof(tmp));
	sb_add(b, tmp, (size_t)n);
}

/* A field with CR, LF and TAB written as \r, \n and \t so that a row is one line. */
static void sb_field(struct sbuf *b, const char *f, size_t len)
{
	for (size_t i = 0; i < len; i++) {
		const char *esc = f[i] == '\n'   ? "\\n"
		                  : f[i] == '\r' ? "\\r"
		                  : f[i] == '\t' ? "\\t"
		                                 : NULL;

		if (esc)
			sb_add(b, esc, 2);
		else
			sb_add(b, &f[i], 1);
	}
}

/* The location of a diagnostic without the source name: "2:3", or "-" if there is none. */
static const char *diag_place(const pf_diag *d, const char *name)
{
	size_t n = strlen(name);

	if (!d->where || strncmp(d->where, name, n) != 0 || d->where[n] != ':')
		return "-";
	return d->where + n + 1;
}

/*
 * Reads every row as "LINE:f1|f2|...\n", then each diagnostic, an error as
 * "ELINE:COL message\n" and a warning as "WLINE:COL message\n"; checks the
 * invariants every row must keep on the way.
 */
static char *render(pf_csv *r)
{
	struct sbuf b = {0};
	pf_error err;
	pf_csv_row row;
	pf_status st;

	pf_test_error_init(&err);
	sb_add(&b, "", 0);
	while ((st = pf_csv_next(r, &row, &err)) == PF_OK) {
		assert_true(row.line >= 1);
		assert_true(row.nfields >= 1);
		sb_printf(&b, "%ld:", row.line);
		for (size_t i = 0; i < row.nfields; i++) {
			assert_int_equal(strlen(row.fields[i]), row.lens[i]);
			if (i)
				sb_add(&b, "|", 1);
			sb_field(&b, row.fields[i], row.lens[i]);
		}
		sb_add(&b, "\n", 1);
	}
	for (size_t i = 0; i < err.count; i++)
		sb_printf(&b, "%c%s %s\n", err.diags[i].severity == PF_SEV_ERROR ? 'E' : 'W',
		          diag_place(&err.diags[i], pf_csv_name(r)), err.diags[i].message);
	assert_int_equal(err.errors, st == PF_END ? 0 : 1);
	if (st != PF_END) {
		/* The reader is finished: the same status again, no new diagnostic. */
		size_t count = err.count;
		assert_int_equal(pf_csv_next(r, &row, &err), st);
		assert_int_equal(err.count, count);
	}
	pf_error_clear(&err);
	return b.s;
}

static char *render_buffer(const void *data, size_t len, char *delim, int *cp1252)
{
	pf_csv *r = NULL;
	pf_error err;

	pf_test_error_init(&err);
	assert_int_equal(pf_csv_open_buffer(&r, "t.csv", data, len, &err), PF_OK);
	assert_non_null(r);
	if (delim)
		*delim = pf_csv_delimiter(r);
	if (cp1252)
		*cp1252 = pf_csv_is_cp1252(r);
	char *out = render(r);
	pf_csv_close(r);
	pf_error_clear(&err);
	return out;
}

static char *render_file(const char *path, char *delim, int *cp1252)
{
	pf_csv *r = NULL;
	pf_error err;

	pf_test_error_init(&err);
	assert_int_equal(pf_csv_open(&r, path, &err), PF_OK);
	assert_non_null(r);
	assert_string_equal(pf_csv_name(r), path);
	if (delim)
		*delim = pf_csv_delimiter(r);
	if (cp1252)
		*cp1252 = pf_csv_is_cp1252(r);
	char *out = render(r);
	pf_csv_close(r);
	pf_error_clear(&err);
	return out;
}

static int setup_dir(void **state)
{
	*state = pf_test_mkdtemp();
	return *state ? 0 : -1;
}

static int teardown_dir(void **state)
{
	pf_test_rmdir(*state);
	return 0;
}

/* ---- the table ---- */

struct csv_case {
	const char *what;
	const char *in;
	size_t len; /* 0: strlen(in) */
	char delim;
	int cp1252;
	const char *want;
};

static const struct csv_case cases[] = {
    /* Delimiters and their detection on the header line. */
    {"semicolons", "a;b;c\n1;2;3\n", 0, ';', 0, "1:a|b|c\n2:1|2|3\n"},
    {"commas", "a,b\n1,2\n", 0, ',', 0, "1:a|b\n2:1|2\n"},
    {"tabs", "a\tb\n1\t2\n", 0, '\t', 0, "1:a|b\n2:1|2\n"},
    {"tie: ; over ,", "a;b,c\n", 0, ';', 0, "1:a|b,c\n"},
    {"tie: TAB over ;", "a\tb;c\n", 0, '\t', 0, "1:a|b;c\n"},
    {"tie of three: TAB", "a\tb;c,d\n", 0, '\t', 0, "1:a|b;c,d\n"},
    {"most frequent wins", "a,b,c;d\n", 0, ',', 0, "1:a|b|c;d\n"},
    {"one column", "titel\nx\n", 0, ',', 0, "1:titel\n2:x\n"},
    {"quoted delimiters not counted", "\"a;b;c\",d\n", 0, ',', 0, "1:a;b;c|d\n"},
    {"header after empty lines", "\n,,\n\na,b\n", 0, ',', 0, "4:a|b\n"},
    {"only the header line counts", "a;b\n1,2,3,4\n", 0, ';', 0, "1:a|b\n2:1,2,3,4\n"},
    /* Quoting. */
    {"quoted fields", "a;\"b;c\";\"say \"\"hi\"\"\"\n", 0, ';', 0, "1:a|b;c|say \"hi\"\n"},
    {"quoted empty field", "a;\"\";b\n", 0, ';', 0, "1:a||b\n"},
    {"newline in quotes", "id;text\n1;\"two\nlines\"\n2;x\n", 0, ';', 0,
     "1:id|text\n2:1|two\\nlines\n4:2|x\n"},
    {"multi-line first field", "id;t\n\"a\nb\nc\";x\n3;y\n", 0, ';', 0,
     "1:id|t\n2:a\\nb\\nc|x\n5:3|y\n"},
    {"quoted line end alone", "a;b\n\"\n\";x\ny;z\n", 0, ';', 0, "1:a|b\n2:\\n|x\n4:y|z\n"},
    /* Line ends. */
    {"CRLF", "a;b\r\n1;2\r\n\r\n3;4\r\n", 0, ';', 0, "1:a|b\n2:1|2\n4:3|4\n"},
    {"CRLF in quotes", "a;b\r\n1;\"x\r\ny\"\r\n2;z\r\n", 0, ';', 0, "1:a|b\n2:1|x\\r\\ny\n4:2|z\n"},
    {"lone CR", "a;b\r1;2\r\r3;4", 0, ';', 0, "1:a|b\n2:1|2\n4:3|4\n"},
    {"lone CR in an LF file ends a row, not a line", "a;b\n1;2\r3;4\n", 0, ';', 0,
     "1:a|b\n2:1|2\n2:3|4\n"},
    {"no final newline", "a;b\n1;2", 0, ';', 0, "1:a|b\n2:1|2\n"},
    {"quoted last field, no newline", "a;b\n1;\"2\"", 0, ';', 0, "1:a|b\n2:1|2\n"},
    {"BOM", "\xEF\xBB\xBFid;x\n1;2\n", 0, ';', 0, "1:id|x\n2:1|2\n"},
    {"BOM only", "\xEF\xBB\xBF", 0, ',', 0, ""},
    /* Empty rows and values. */
    {"empty file", "", 0, ',', 0, ""},
    {"only empty rows", ";;\n\n;;\n", 0, ';', 0, ""},
    {"blank and empty rows skipped", "\n\na;b\n;\n\n \t \n;;;\n1;2\n", 0, ';', 0, "3:a|b\n8:1|2\n"},
    {"empty rows in CRLF", "\r\n;;\r\na;b\r\n;;\r\n1;2\r\n", 0, ';', 0, "3:a|b\n5:1|2\n"},
    {"spaces kept", " a ; b \n", 0, ';', 0, "1: a | b \n"},
    {"empty fields kept", "a;;b;\n", 0, ';', 0, "1:a||b|\n"},
    /* Errors. */
    {"unclosed quote", "a;b\n1;\"open\n2;3\n", 0, ';', 0, "1:a|b\nE2:2 " UNCLOSED "\n"},
    {"unclosed after a multi-line field", "a;b;c\n1;\"x\ny\";\"open\nmore\n", 0, ';', 0,
     "1:a|b|c\nE3:3 " UNCLOSED "\n"},
    {"unclosed at the start", "\"abc", 0, ',', 0, "E1:1 " UNCLOSED "\n"},
    {"escaped quote is not a close", "a\n\"x\"\"\n", 0, ',', 0, "1:a\nE2:1 " UNCLOSED "\n"},
    /* A quote inside a field that does not begin with one is a character, as in Excel. */
    {"stray quote", "a;b\n1;x\"y\n", 0, ';', 0, "1:a|b\n2:1|x\"y\n"},
    {"inches and seconds", "lat;text\n37.8\"N;24\" skärm\n", 0, ';', 0,
     "1:lat|text\n2:37.8\"N|24\" skärm\n"},
    {"quote at the end of an unquoted field", "a,b\n5\",\"x\"\n", 0, ',', 0, "1:a|b\n2:5\"|x\n"},
    {"quotes after a space", "a;b\n1; \"x\"\n", 0, ';', 0, "1:a|b\n2:1| \"x\"\n"},
    {"quote in a heading does not hide delimiters", "a\"b;c;d,e\n", 0, ';', 0, "1:a\"b|c|d,e\n"},
    {"doubled quotes in a quoted heading", "\"a\"\"b;c\",d\n", 0, ',', 0, "1:a\"b;c|d\n"},
    {"text after closing quote", "a;b\n\"x\"y;2\n", 0, ';', 0, "1:a|b\nE2:1 " MALFORMED "\n"},
    {"space after closing quote", "a;b\n\"x\" ;2\n", 0, ';', 0, "1:a|b\nE2:1 " MALFORMED "\n"},
    {"text after a multi-line field", "a;b\n1;\"x\ny\"z\n", 0, ';', 0,
     "1:a|b\nE3:2 " MALFORMED "\n"},
    {"NUL byte", "a;b\n1;x\0y\n", 10, ';', 0, "1:a|b\nE2:2 " NUL_BYTE "\n"},
    {"NUL byte first", "\0", 1, ',', 0, "E1:1 " NUL_BYTE "\n"},
    /* Encoding: invalid UTF-8 is Windows-1252. */
    {"Windows-1252", "namn;ort\n\xE5\xE4\xF6;\xC5\xC4\xD6;\xE9;\x80\n", 0, ';', 1,
     "1:namn|ort\n2:åäö|ÅÄÖ|é|€\n"},
    {"Windows-1252 undefined bytes", "a\x81;\x8D\x8F\x90\x9D\n", 0, ';', 1,
     "1:a\xC2\x81|\xC2\x8D\xC2\x8F\xC2\x90\xC2\x9D\n"},
    {"UTF-8 left alone", "namn;ort\nåäö;ÅÄÖ;é;€;\xF0\x9F\x98\x80\n", 0, ';', 0,
     "1:namn|ort\n2:åäö|ÅÄÖ|é|€|\xF0\x9F\x98\x80\n"},
    {"overlong is not UTF-8", "\xC0\xAF\n", 0, ',', 1, "1:\xC3\x80\xC2\xAF\n"},
    {"surrogate is not UTF-8", "\xED\xA0\x80\n", 0, ',', 1, "1:í\xC2\xA0€\n"},
    {"past U+10FFFF is not UTF-8", "\xF4\x90\x80\x80", 0, ',', 1, "1:ô\xC2\x90€€\n"},
    {"truncated at the end", "ok;\xC3", 0, ';', 1, "1:ok|Ã\n"},
    {"BOM, then Windows-1252", "\xEF\xBB\xBF\xE5;b\n", 0, ';', 1, "1:å|b\n"},
    /* UTF-8 but for a few bytes: each is read as Windows-1252, with a warning at its line. */
    {"one bad byte in UTF-8", "namn;ort\nInförande;\xC4lmhult\nx;y\n", 0, ';', 0,
     "1:namn|ort\n2:Införande|Älmhult\n3:x|y\n"
     "W2:2 invalid UTF-8 byte 0xC4, read as Windows-1252 \"Ä\"\n"},
    {"bad bytes on the lines of a quoted field", "a;b\nö;\"x\n\xE5\r\n\xF6\"\n", 0, ';', 0,
     "1:a|b\n2:ö|x\\nå\\r\\nö\n"
     "W3:2 invalid UTF-8 byte 0xE5, read as Windows-1252 \"å\"\n"
     "W4:2 invalid UTF-8 byte 0xF6, read as Windows-1252 \"ö\"\n"},
    {"each byte of a broken sequence", "é\xC3;\xE2\x82x\n", 0, ';', 0,
     "1:éÃ|â‚x\n"
     "W1:1 invalid UTF-8 byte 0xC3, read as Windows-1252 \"Ã\"\n"
     "W1:2 invalid UTF-8 byte 0xE2, read as Windows-1252 \"â\"\n"
     "W1:2 invalid UTF-8 byte 0x82, read as Windows-1252 \"‚\"\n"},
    {"bad byte on a lone-CR line", "a\r\xC3\xA4\r\xE4\r", 0, ',', 0,
     "1:a\n2:ä\n3:ä\nW3:1 invalid UTF-8 byte 0xE4, read as Windows-1252 \"ä\"\n"},
    {"cut off at the end, after UTF-8", "ä;\xC3", 0, ';', 0,
     "1:ä|Ã\nW1:2 invalid UTF-8 byte 0xC3, read as Windows-1252 \"Ã\"\n"},
    /* UTF-16 with a byte-order mark (Excel's "Unicode text"). */
    {"UTF-16LE",
     "\xFF\xFE"
     "a\0\t\0\xE5\0\r\0\n\0\x3D\xD8\x00\xDE;\0\n\0",
     20, '\t', 0, "1:a|å\n2:\xF0\x9F\x98\x80;\n"},
    {"UTF-16BE", "\xFE\xFF\0a\0;\0\xC4\0\n", 10, ';', 0, "1:a|Ä\n"},
    {"UTF-16 mark only", "\xFF\xFE", 2, ',', 0, ""},
};

static void test_table(void **state)
{
	const char *dir = *state;

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++) {
		const struct csv_case *c = &cases[i];
		size_t len = c->len ? c->len : strlen(c->in);
		char delim = 0;
		int cp1252 = -1;

		print_message("case: %s\n", c->what);
		char *got = render_buffer(c->in, len, &delim, &cp1252);
		assert_string_equal(got, c->want);
		assert_int_equal(delim, c->delim);
		assert_int_equal(cp1252, c->cp1252);
		free(got);

		char *path = pf_test_write(dir, "case.csv", c->in, len);
		assert_non_null(path);
		got = render_file(path, &delim, &cp1252);
		assert_string_equal(got, c->want);
		assert_int_equal(delim, c->delim);
		assert_int_equal(cp1252, c->cp1252);
		free(got);
		free(path);
	}
}

/* Input that cannot be UTF-16 though it begins with the mark: refused when opened. */
static void test_bad_utf16(void **state)
{
	static const struct {
		const char *in;
		size_t len;
		const char *want;
	} bad[] = {
	    {"\xFF\xFE"
	     "a\0b",
	     5, "the file ends inside a UTF-16 character"},
	    {"\xFF\xFE"
	     "a\0\x00\xDC",
	     6,
	     "not valid UTF-16 (it has a lone surrogate) though it begins with a UTF-16 "
	     "byte-order mark"},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(bad) / sizeof(bad[0]); i++) {
		pf_csv *r = NULL;
		pf_error err;

		pf_test_error_init(&err);
		assert_int_equal(pf_csv_open_buffer(&r, "t.txt", bad[i].in, bad[i].len, &err),
		                 PF_EINPUT);
		assert_null(r);
		assert_int_equal(err.count, 1);
		assert_string_equal(err.diags[0].where, "t.txt");
		assert_string_equal(err.diags[0].message, bad[i].want);
		pf_error_clear(&err);
	}
}

/* ---- limits ---- */

static char *repeat(const char *head, char c, size_t n, const char *tail, size_t *len)
{
	size_t h = strlen(head), t = strlen(tail);
	char *s = malloc(h + n + t + 1);

	assert_non_null(s);
	memcpy(s, head, h);
	memset(s + h, c, n);
	memcpy(s + h + n, tail, t + 1);
	*len = h + n + t;
	return s;
}

static void test_long_fields(void **state)
{
	size_t len;
	char *in, *got;

	(void)state;
	in = repeat("a;b\n1;", 'x', PF_CSV_MAX_FIELD, "\n", &len);
	got = render_buffer(in, len, NULL, NULL);
	assert_int_equal(strlen(got), strlen("1:a|b\n2:1|\n") + PF_CSV_MAX_FIELD);
	free(got);
	free(in);

	in = repeat("a;b\n1;", 'x', PF_CSV_MAX_FIELD + 1, "\n", &len);
	got = render_buffer(in, len, NULL, NULL);
	assert_string_equal(got, "1:a|b\nE2:2 field is longer than 1048576 bytes\n");
	free(got);
	free(in);

	/* An unclosed quote swallows the rest of a big file: say so at the quote. */
	in = repeat("a\nb\n\"", 'x', 2 * PF_CSV_MAX_FIELD, "\n", &len);
	got = render_buffer(in, len, NULL, NULL);
	assert_string_equal(got, "1:a\n2:b\nE3:1 field is longer than 1048576 bytes "
	                         "(is a quote never closed?)\n");
	free(got);
	free(in);
}

static void test_many_fields(void **state)
{
	size_t len;
	char *in, *got;

	(void)state;
	in = repeat("a", ';', PF_CSV_MAX_FIELDS - 1, "\n", &len);
	got = render_buffer(in, len, NULL, NULL);
	assert_int_equal(strlen(got), strlen("1:a\n") + PF_CSV_MAX_FIELDS - 1);
	free(got);
	free(in);

	in = repeat("h;i\na", ';', PF_CSV_MAX_FIELDS, "\n", &len);
	got = render_buffer(in, len, NULL, NULL);
	assert_string_equal(got, "1:h|i\nE2:4097 row has more than 4096 fields\n");
	free(got);
	free(in);
}

/* ---- streaming ---- */

#define STREAM_ROWS 200000

/* Row i (from 0) starts after the header and the extra lines of the multi-line rows before it. */
static long stream_line(long i)
{
	return 2 + i + (i + 999) / 1000;
}

static void write_stream(const char *path)
{
	FILE *f = fopen(path, "wb");

	assert_non_null(f);
	fputs("id;text;n\n", f);
	for (long i = 0; i < STREAM_ROWS; i++) {
		if (i % 1000 == 0)
			fprintf(f, "%ld;\"first\nsecond\";%ld\n", i, i * 7);
		else
			fprintf(f, "%ld;row %ld;%ld\n", i, i, i * 7);
	}
	assert_int_equal(fclose(f), 0);
}

static void test_streaming(void **state)
{
	char *path = pf_test_write_str(*state, "big.csv", "");
	pf_csv *r = NULL;
	pf_csv_row row;
	pf_error err;
	long n = 0;

	pf_test_error_init(&err);
	write_stream(path);
	assert_int_equal(pf_csv_open(&r, path, &err), PF_OK);
	assert_int_equal(pf_csv_next(r, &row, &err), PF_OK);
	assert_int_equal(row.line, 1);
	assert_string_equal(row.fields[2], "n");
	while (pf_csv_next(r, &row, &err) == PF_OK) {
		assert_int_equal(row.nfields, 3);
		assert_int_equal(strtol(row.fields[0], NULL, 10), n);
		assert_int_equal(strtol(row.fields[2], NULL, 10), 7 * n);
		if (n % 1000 == 0)
			assert_string_equal(row.fields[1], "first\nsecond");
		if (n < 3 || n % 24999 == 0 || n >= STREAM_ROWS - 2)
			assert_int_equal(row.line, stream_line(n));
		n++;
	}
	assert_int_equal(err.count, 0);
	assert_int_equal(n, STREAM_ROWS);
	assert_int_equal(pf_csv_next(r, &row, &err), PF_END);
	pf_csv_close(r);
	pf_error_clear(&err);
	free(path);
}

/*
 * Things split across 64 KiB reads: a CRLF at the first boundary, a UTF-8
 * character at the second, the CRLF inside a quoted field at the third.
 */
static void test_chunk_boundaries(void **state)
{
	const size_t k = 64 * 1024;
	struct sbuf b = {0};
	char *pad = malloc(k);
	pf_csv *r = NULL;
	pf_csv_row row;
	pf_error err;

	assert_non_null(pad);
	memset(pad, 'x', k);
	sb_add(&b, "id;text\r\n1;", 11);
	sb_add(&b, pad, k - 1 - b.len);
	sb_add(&b, "\r\n2;", 4);
	assert_int_equal(b.s[k - 1], '\r');
	sb_add(&b, pad, 2 * k - 1 - b.len);
	sb_add(&b, "å\r\n3;\"", 7);
	assert_int_equal((unsigned char)b.s[2 * k - 1], 0xC3);
	sb_add(&b, pad, 3 * k - 1 - b.len);
	sb_add(&b, "\r\nz\"\r\n4;end", 11);
	assert_int_equal(b.s[3 * k - 1], '\r');

	char *path = pf_test_write(*state, "chunks.csv", b.s, b.len);
	pf_test_error_init(&err);
	assert_int_equal(pf_csv_open(&r, path, &err), PF_OK);
	assert_false(pf_csv_is_cp1252(r));
	assert_int_equal(pf_csv_next(r, &row, &err), PF_OK);
	assert_int_equal(row.line, 1);
	assert_int_equal(pf_csv_next(r, &row, &err), PF_OK);
	assert_int_equal(row.line, 2);
	assert_int_equal(row.lens[1], k - 1 - 11);
	assert_int_equal(pf_csv_next(r, &row, &err), PF_OK);
	assert_int_equal(row.line, 3);
	assert_string_equal(row.fields[1] + row.lens[1] - 3, "xå");
	assert_int_equal(pf_csv_next(r, &row, &err), PF_OK);
	assert_int_equal(row.line, 4);
	assert_string_equal(row.fields[1] + row.lens[1] - 4, "x\r\nz");
	assert_int_equal(pf_csv_next(r, &row, &err), PF_OK);
	assert_int_equal(row.line, 6);
	assert_string_equal(row.fields[1], "end");
	assert_int_equal(pf_csv_next(r, &row, &err), PF_END);
	assert_int_equal(err.count, 0);
	pf_csv_close(r);
	pf_error_clear(&err);
	free(path);
	free(pad);
	free(b.s);
}

/* UTF-8 text as UTF-16LE with its byte-order mark, as Excel saves "Unicode text"; len gets its
 * size. */
static char *to_utf16le(const char *text, size_t *len)
{
	iconv_t cd = iconv_open("UTF-16LE", "UTF-8");
	size_t il = strlen(text), ol = 4 * il + 2;
	char *out = malloc(ol), *op = out + 2, *ip = (char *)text;

	assert_true(cd != (iconv_t)-1);
	assert_non_null(out);
	memcpy(out, "\xFF\xFE", 2);
	ol -= 2;
	assert_true(iconv(cd, &ip, &il, &op, &ol) != (size_t)-1);
	iconv_close(cd);
	*len = (size_t)(op - out);
	return out;
}

/*
 * A measurements sheet saved by Excel as "Unicode text": UTF-16LE, TAB,
 * CRLF, a quoted comment over two lines, and a character outside the BMP
 * whose surrogate pair is split between two 64 KiB reads.
 */
static void test_excel_unicode_text(void **state)
{
	const size_t k = 64 * 1024;
	struct sbuf b = {0};
	size_t chars = 0, len;
	pf_csv *r = NULL;
	pf_csv_row row;
	pf_error err;

	sb_add(&b, "", 0);
	sb_printf(&b, "indikator_id\tperiod\tvärde\tkommentar\r\nE1\t2025Q1\t47,5\t\"");
	for (size_t i = 0; i < b.len; i++)
		chars += ((unsigned char)b.s[i] & 0xC0) != 0x80;
	/* The mark and each character before the pair take two bytes: the pair starts at k - 2. */
	while (2 + 2 * chars < k - 2) {
		sb_add(&b, "x", 1);
		chars++;
	}
	sb_printf(&b, "\xF0\x9F\x98\x80\r\nrad två\"\r\nE1\t2025Q2\t48\tåäö\r\n");
	char *u16 = to_utf16le(b.s, &len);
	char *path = pf_test_write(*state, "excel.txt", u16, len);

	pf_test_error_init(&err);
	assert_int_equal(pf_csv_open(&r, path, &err), PF_OK);
	assert_int_equal(pf_csv_delimiter(r), '\t');
	assert_false(pf_csv_is_cp1252(r));
	assert_int_equal(pf_csv_next(r, &row, &err), PF_OK);
	assert_int_equal(row.nfields, 4);
	assert_string_equal(row.fields[0], "indikator_id");
	assert_string_equal(row.fields[2], "värde");
	assert_int_equal(pf_csv_next(r, &row, &err), PF_OK);
	assert_int_equal(row.line, 2);
	assert_string_equal(row.fields[2], "47,5");
	assert_string_equal(row.fields[3] + row.lens[3] - 15, "x\xF0\x9F\x98\x80\r\nrad två");
	assert_int_equal(pf_csv_next(r, &row, &err), PF_OK);
	assert_int_equal(row.line, 4);
	assert_string_equal(row.fields[3], "åäö");
	assert_int_equal(pf_csv_next(r, &row, &err), PF_END);
	assert_int_equal(err.count, 0);
	pf_csv_close(r);
	pf_error_clear(&err);
	free(path);
	free(u16);
	free(b.s);
}

/* ---- opening ---- */

static void test_open_errors(void **state)
{
	char missing[4096];
	pf_csv *r = (pf_csv *)&r; /* not NULL, to see that a failed open clears it */
	pf_error err;

	pf_test_error_init(&err);
	snprintf(missing, sizeof(missing), "%s/missing.csv", (const char *)*state);
	assert_int_equal(pf_csv_open(&r, missing, &err), PF_EENV);
	assert_null(r);
	assert_int_equal(err.count, 1);
	assert_string_equal(err.diags[0].where, missing);
	assert_non_null(strstr(err.diags[0].message, "No such file or directory"));
	pf_error_clear(&err);

	/* A directory opens but cannot be read. */
	assert_int_equal(pf_csv_open(&r, *state, &err), PF_EENV);
	assert_null(r);
	assert_int_equal(err.count, 1);
	assert_non_null(strstr(err.diags[0].message, "Is a directory"));
	pf_error_clear(&err);
}

static void test_null_buffer(void **state)
{
	pf_csv *r = NULL;
	pf_csv_row row;
	pf_error err;

	(void)state;
	pf_test_error_init(&err);
	assert_int_equal(pf_csv_open_buffer(&r, "none", NULL, 0, &err), PF_OK);
	assert_string_equal(pf_csv_name(r), "none");
	assert_int_equal(pf_csv_next(r, &row, &err), PF_END);
	assert_int_equal(pf_csv_next(r, &row, &err), PF_END);
	assert_int_equal(err.count, 0);
	pf_csv_close(r);
	pf_csv_close(NULL);
	pf_error_clear(&err);
}

/* ---- robustness ---- */

static uint32_t lcg_next(uint32_t *seed)
{
	*seed = *seed * 1664525u + 1013904223u;
	return *seed >> 8;
}

/*
 * Mostly the bytes that steer the parser, some high bytes, rarely anything.
 * Quotes are frequent in half the buffers only: they soon make most input
 * malformed, and the other half should reach deeper.
 */
static unsigned char random_byte(uint32_t *seed, int quotes)
{
	static const char steer[] = "\";,\t\r\n ab";
	uint32_t x = lcg_next(seed) % 100;

	if (x < 60)
		return (unsigned char)steer[!quotes + lcg_next(seed) % (sizeof(steer) - 2)];
	if (x < 85)
		return (unsigned char)(0x80 + lcg_next(seed) % 0x80);
	if (x < 99)
		return (unsigned char)('a' + lcg_next(seed) % 26);
	return (unsigned char)(lcg_next(seed) % 256);
}

/* Well-formed lead and continuation bytes (enough to catch a half-converted field). */
static int valid_utf8(const unsigned char *s, size_t n)
{
	size_t i = 0;

	while (i < n) {
		unsigned char c = s[i++];
		size_t need = c < 0x80   ? 0
		              : c < 0xC2 ? 9
		              : c < 0xE0 ? 1
		              : c < 0xF0 ? 2
		              : c < 0xF5 ? 3
		                         : 9;

		if (need > n - i)
			return 0;
		for (; need > 0; need--)
			if ((s[i++] & 0xC0) != 0x80)
				return 0;
	}
	return 1;
}

static void check_random_buffer(const unsigned char *buf, size_t len)
{
	pf_csv *r = NULL;
	pf_csv_row row;
	pf_error err;
	pf_status st;
	long last = 1, lines = 1;

	for (size_t i = 0; i < len; i++)
		lines += buf[i] == '\n' || buf[i] == '\r';
	pf_test_error_init(&err);
	assert_int_equal(pf_csv_open_buffer(&r, "fuzz", buf, len, &err), PF_OK);
	while ((st = pf_csv_next(r, &row, &err)) == PF_OK) {
		assert_true(row.line >= last);
		assert_true(row.line <= lines);
		last = row.line;
		for (size_t i = 0; i < row.nfields; i++) {
			assert_int_equal(strlen(row.fields[i]), row.lens[i]);
			assert_true(valid_utf8((const unsigned char *)row.fields[i], row.lens[i]));
		}
	}
	assert_true(st == PF_END || st == PF_EINPUT);
	assert_int_equal(err.errors, st == PF_END ? 0 : 1);
	for (size_t i = 0; i < err.count; i++)
		assert_true(err.diags[i].severity == PF_SEV_ERROR ||
		            strstr(err.diags[i].message, "invalid UTF-8 byte"));
	pf_csv_close(r);
	pf_error_clear(&err);
}

static void test_random_buffers(void **state)
{
	uint32_t seed = 20250101;
	size_t cap = 300 * 1024;
	unsigned char *buf = malloc(cap);

	(void)state;
	assert_non_null(buf);
	for (int n = 0; n < 4000; n++) {
		/* A few big ones cross the 64 KiB reads. */
		size_t len = n % 400 == 399 ? 64 * 1024 + lcg_next(&seed) % (200 * 1024)
		                            : lcg_next(&seed) % 300;

		for (size_t i = 0; i < len; i++)
			buf[i] = random_byte(&seed, n % 2);
		check_random_buffer(buf, len);
	}
	free(buf);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(test_table, setup_dir, teardown_dir),
	    cmocka_unit_test(test_bad_utf16),
	    cmocka_unit_test(test_long_fields),
	    cmocka_unit_test(test_many_fields),
	    cmocka_unit_test_setup_teardown(test_streaming, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_chunk_boundaries, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_excel_unicode_text, setup_dir, teardown_dir),
	    cmocka_unit_test_setup_teardown(test_open_errors, setup_dir, teardown_dir),
	    cmocka_unit_test(test_null_buffer),
	    cmocka_unit_test(test_random_buffers),
	};

	return cmocka_run_group_tests(tests, NULL, NULL);
}
