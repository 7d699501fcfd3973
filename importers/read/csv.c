/*
 * CSV/TSV reader over libcsv: see csv.h and FORMATS.md section 2.
 *
 * The input is read twice, both times in CHUNK-sized pieces so that memory
 * does not depend on its size. UTF-16 with a byte-order mark is converted to
 * UTF-8 as it is read. The first pass decides the encoding (valid UTF-8;
 * UTF-8 with a few invalid bytes, each read as Windows-1252 with a warning;
 * else Windows-1252), picks the delimiter from the header line and notes
 * whether any LF occurs (a lone CR ends a line only in a file without LF). The second pass feeds
 * libcsv one segment at a time, a segment ending after the first CR or LF. That way the physical
 * line of every byte is known when libcsv calls back, and at most one row ends per segment, so the
 * pull API needs no queue of rows.
 */
#include "importers/read/csvsheet.h"

#include <errno.h>
#include <iconv.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <csv.h> /* libcsv */

#define CHUNK (64u * 1024)
/* All fields of one row together: bounds memory long before PF_CSV_MAX_FIELDS does. */
#define MAX_ROW (16u * PF_CSV_MAX_FIELD)
/* libcsv grows its field buffer by this much at a time; its default, 128, is slow. */
#define LIBCSV_BLOCK 16384
/* p.pstate when no row is in progress: ROW_NOT_BEGUN, private to libcsv.c. */
#define LIBCSV_ROW_NOT_BEGUN 0
#define LIBCSV_OPTS (CSV_STRICT | CSV_STRICT_FINI)
/* UTF-16 input: bytes read at a time, and what they become in UTF-8 (at most 3 per 2). */
#define U16_RAW (CHUNK + 4)
#define U16_OUT (2 * CHUNK)

static const unsigned char utf8_bom[3] = {0xEF, 0xBB, 0xBF};

struct pf_csv {
	char *name;

	/* Input: a file, or a buffer the caller keeps alive. */
	FILE *file;
	const unsigned char *data;
	size_t data_len, data_pos;
	unsigned char *buf; /* CHUNK bytes, for a file */
	const unsigned char *chunk;
	size_t chunk_len, chunk_pos;
	size_t lf_at; /* the next LF in the chunk at or after chunk_pos, or chunk_len */
	int lf_known; /* lf_at is for this chunk */
	size_t skip;  /* bytes of BOM still to skip at the start of the second pass */

	/* UTF-16 input (it has a byte-order mark): converted to UTF-8 in src_read() */
	iconv_t u16;        /* UTF-16LE or BE to UTF-8, or (iconv_t)-1 */
	unsigned char *raw; /* U16_RAW bytes: carried bytes, then those just read */
	size_t carry;       /* bytes of a character split by the last read */
	unsigned char *out; /* U16_OUT bytes of UTF-8 */

	char delim;
	int cp1252;
	int repair; /* UTF-8 but for a few bytes: each is read as Windows-1252, with a warning */
	int has_lf;
	iconv_t cd;                 /* Windows-1252 to UTF-8, or (iconv_t)-1 */
	pf_sha256 *sha;             /* the second pass: every byte read goes into it */
	char digest[PF_SHA256_HEX]; /* its result, once the file was read to the end */

	struct csv_parser parser;
	int parser_ready;
	int finished; /* csv_fini() has been called */

	long line; /* physical line of the next byte fed to libcsv */
	int at_line_start;
	long row_line;   /* where the row in progress starts */
	long field_line; /* where the field in progress starts: its opening quote, if any */
	long done_line;  /* where the row just completed started */
	int row_done;

	/* The row in progress or just completed: fields NUL-terminated in text. */
	char *text;
	size_t text_len, text_cap;
	size_t nfields, fields_cap;
	size_t *offs, *lens;
	char **fields;

	pf_error *err;    /* the caller's, while one of our functions runs */
	pf_status status; /* PF_OK, or sticky: PF_END or the error that finished the reader */
};

/* ---- input ---- */

/* Reads up to CHUNK bytes as they are in the file (into dst) or the buffer; 0 at the end. */
static pf_status raw_read(pf_csv *r, unsigned char *dst, const unsigned char **got, size_t *n)
{
	if (!r->file) {
		*n = r->data_len - r->data_pos;
		if (*n > CHUNK)
			*n = CHUNK;
		*got = r->data ? r->data + r->data_pos : NULL;
		r->data_pos += *n;
		return PF_OK;
	}
	*got = dst;
	*n = fread(dst, 1, CHUNK, r->file);
	if (*n < CHUNK && ferror(r->file))
		return pf_error_at(r->err, PF_EENV, r->name, 0, 0, "cannot read the file: %s",
		                   strerror(errno));
	if (r->sha)
		pf_sha256_add(r->sha, dst, *n);
	return PF_OK;
}

/*
 * The next piece of UTF-16 input as UTF-8 in r->out. A character split by
 * the end of a read waits in r->raw for the next one; iconv's EILSEQ is a
 * lone surrogate, which no UTF-16 writer means.
 */
static pf_status utf16_read(pf_csv *r)
{
	const unsigned char *got;
	size_t n;
	pf_status st;

	do {
		if ((st = raw_read(r, r->raw + r->carry, &got, &n)))
			return st;
		if (n == 0 && r->carry)
			return pf_error_at(r->err, PF_EINPUT, r->name, 0, 0,
			                   "the file ends inside a UTF-16 character");
		if (got != r->raw + r->carry && n > 0)
			memcpy(r->raw + r->carry, got, n);
		char *ip = (char *)r->raw, *op = (char *)r->out;
		size_t il = r->carry + n, ol = U16_OUT;
		if (iconv(r->u16, &ip, &il, &op, &ol) == (size_t)-1 && errno != EINVAL)
			return pf_error_at(r->err, PF_EINPUT, r->name, 0, 0,
			                   "not valid UTF-16 (it has a lone surrogate) though it "
			                   "begins with a UTF-16 byte-order mark");
		memmove(r->raw, ip, il);
		r->carry = il;
		r->chunk = r->out;
		r->chunk_len = (size_t)(op - (char *)r->out);
	} while (r->chunk_len == 0 && n > 0);
	return PF_OK;
}

/* Reads the next chunk of input into r->chunk, as UTF-8 or bytes; chunk_len is 0 at the end. */
static pf_status src_read(pf_csv *r)
{
	r->chunk_pos = 0;
	r->lf_known = 0;
	if (r->u16 != (iconv_t)-1)
		return utf16_read(r);
	return raw_read(r, r->buf, &r->chunk, &r->chunk_len);
}

static pf_status seek_start(pf_csv *r)
{
	if (fseek(r->file, 0, SEEK_SET) != 0)
		return pf_error_at(r->err, PF_EENV, r->name, 0, 0,
		                   "cannot read the file a second time (is it a pipe?): %s",
		                   strerror(errno));
	clearerr(r->file);
	return PF_OK;
}

static pf_status src_rewind(pf_csv *r)
{
	r->chunk_len = r->chunk_pos = 0;
	pf_sha256_free(r->sha);
	if (!(r->sha = pf_sha256_new()))
		return pf_error_set(r->err, PF_ENOMEM, "out of memory");
	r->carry = 0;
	if (r->u16 != (iconv_t)-1)
		iconv(r->u16, NULL, NULL, NULL, NULL);
	if (!r->file) {
		r->data_pos = 0;
		return PF_OK;
	}
	return seek_start(r);
}

/* ---- first pass: encoding, delimiter, line ends ---- */

/* Where the header scan is: quotes open only at the start of a field (FORMATS.md section 2). */
enum quoting { Q_FIELD_START, Q_UNQUOTED, Q_QUOTED, Q_CLOSED };

struct scan {
	unsigned long multi;  /* valid multibyte UTF-8 sequences */
	unsigned long bad;    /* invalid UTF-8 sequences */
	unsigned need;        /* continuation bytes still expected */
	unsigned char lo, hi; /* the range allowed for the next continuation byte */
	int has_lf;
	int header_done; /* the header line has been seen whole */
	enum quoting quoting;
	int nonblank;
	unsigned long count[3];    /* TAB, ';' and ',' outside quotes on the line */
	unsigned long fallback[3]; /* the same on the first blank line that has any */
};

/*
 * Strict UTF-8: how many continuation bytes the byte c leads, and the range
 * of the first one (overlong forms, surrogates and code points past
 * U+10FFFF are invalid); 0 for a byte that leads no sequence.
 */
static unsigned utf8_lead(unsigned char c, unsigned char *lo, unsigned char *hi)
{
	*lo = c == 0xE0 ? 0xA0 : c == 0xF0 ? 0x90 : 0x80;
	*hi = c == 0xED ? 0x9F : c == 0xF4 ? 0x8F : 0xBF;
	if (c >= 0xC2 && c <= 0xDF)
		return 1;
	if (c >= 0xE0 && c <= 0xEF)
		return 2;
	if (c >= 0xF0 && c <= 0xF4)
		return 3;
	return 0;
}

/* The length of the valid UTF-8 sequence at b (b[0] >= 0x80), or 0. */
static size_t utf8_valid(const unsigned char *b, size_t n)
{
	unsigned char lo, hi;
	size_t need = utf8_lead(b[0], &lo, &hi);

	if (!need || need >= n)
		return 0;
	for (size_t i = 1; i <= need; i++, lo = 0x80, hi = 0xBF)
		if (b[i] < lo || b[i] > hi)
			return 0;
	return need + 1;
}

/* Counts valid multibyte and invalid sequences, a sequence may go on into the next chunk. */
static void scan_utf8(struct scan *s, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		unsigned char c;
		uint64_t w;

		/* Most sheets are mostly ASCII: skip eight such bytes at a time. */
		while (!s->need && i + 8 <= n &&
		       (memcpy(&w, b + i, 8), !(w & 0x8080808080808080ULL)))
			i += 8;
		if (i >= n)
			break;
		c = b[i];
		if (s->need && c >= s->lo && c <= s->hi) {
			s->lo = 0x80;
			s->hi = 0xBF;
			s->multi += --s->need == 0;
			continue;
		}
		if (s->need) {
			s->bad++; /* the sequence broke off: c is read afresh */
			s->need = 0;
		}
		if (c >= 0x80 && !(s->need = utf8_lead(c, &s->lo, &s->hi)))
			s->bad++;
	}
}

static int delim_index(unsigned char c)
{
	return c == '\t' ? 0 : c == ';' ? 1 : c == ',' ? 2 : -1;
}

/*
 * A line ends: if it had something besides spaces and delimiters it is the
 * header line. A file of empty rows only (`;;`) has none; its first line with
 * delimiters decides, so that its rows are empty with the delimiter chosen.
 */
static void header_line_end(struct scan *s)
{
	if (s->nonblank) {
		s->header_done = 1;
		return;
	}
	if (!(s->fallback[0] | s->fallback[1] | s->fallback[2]))
		memcpy(s->fallback, s->count, sizeof(s->count));
	memset(s->count, 0, sizeof(s->count));
	s->quoting = Q_FIELD_START;
}

/* Follows the quoting of the header line: a quote opens one only where a field starts. */
static void scan_quote(struct scan *s, unsigned char c, int delim)
{
	switch (s->quoting) {
	case Q_QUOTED:
		s->quoting = c == '"' ? Q_CLOSED : Q_QUOTED;
		return;
	case Q_CLOSED: /* `""` inside quotes, or the end of the quoted part */
	case Q_FIELD_START:
		if (c == '"') {
			s->quoting = Q_QUOTED;
			return;
		}
		break;
	case Q_UNQUOTED:
		break;
	}
	s->quoting = delim ? Q_FIELD_START : Q_UNQUOTED;
}

/*
 * Counts the candidate delimiters outside quotes on the header line. Only
 * that physical line counts, even when a quoted field goes on past it.
 */
static void scan_header(struct scan *s, const unsigned char *b, size_t n)
{
	for (size_t i = 0; i < n && !s->header_done; i++) {
		unsigned char c = b[i];
		int k = delim_index(c);

		if (c == '\n' || c == '\r') {
			header_line_end(s);
			continue;
		}
		if (k >= 0 && s->quoting != Q_QUOTED)
			s->count[k]++;
		else if (c != ' ' && k < 0)
			s->nonblank = 1;
		scan_quote(s, c, k >= 0);
	}
}

/* The most frequent; ties go to TAB, then ';', then ','; none at all means one column. */
static char choose_delim(const unsigned long count[3])
{
	static const char delims[3] = {'\t', ';', ','};
	int best = 0;

	for (int k = 1; k < 3; k++)
		if (count[k] > count[best])
			best = k;
	return count[best] ? delims[best] : ',';
}

static pf_status scan_input(pf_csv *r)
{
	struct scan s = {.quoting = Q_FIELD_START};
	pf_status st;
	int first = 1;

	while ((st = src_read(r)) == PF_OK && r->chunk_len > 0) {
		const unsigned char *b = r->chunk;
		size_t n = r->chunk_len;

		/* A file of 3 bytes or more fills its first chunk that far: fread waits. */
		if (first && n >= 3 && memcmp(b, utf8_bom, 3) == 0) {
			r->skip = 3;
			b += 3;
			n -= 3;
		}
		first = 0;
		scan_utf8(&s, b, n);
		s.has_lf = s.has_lf || memchr(b, '\n', n);
		scan_header(&s, b, n);
		if (s.bad && s.multi && s.has_lf && s.header_done)
			break; /* nothing left to learn */
	}
	if (st != PF_OK)
		return st;
	s.bad += s.need > 0; /* cut off at the end */
	/*
	 * FORMATS.md section 2: one valid multibyte sequence shows the file is
	 * UTF-8, its invalid bytes slips to read one by one (repair_utf8); a file
	 * without any is Windows-1252, as Excel on a Swedish Windows writes.
	 */
	r->repair = s.bad && s.multi;
	r->cp1252 = s.bad && !s.multi;
	r->has_lf = s.has_lf;
	if (!s.header_done)
		header_line_end(&s);
	r->delim = choose_delim(s.header_done ? s.count : s.fallback);
	return src_rewind(r);
}

/* ---- the row being built ---- */

static void row_clear(pf_csv *r)
{
	r->nfields = 0;
	r->text_len = 0;
	r->row_done = 0;
}

static pf_status nomem(pf_csv *r)
{
	return pf_error_at(r->err, PF_ENOMEM, r->name, 0, 0, "out of memory");
}

static pf_status grow_fields(pf_csv *r)
{
	size_t cap = r->fields_cap ? 2 * r->fields_cap : 16;
	size_t *offs = realloc(r->offs, cap * sizeof(*offs));

	if (offs)
		r->offs = offs;
	size_t *lens = offs ? realloc(r->lens, cap * sizeof(*lens)) : NULL;
	if (lens)
		r->lens = lens;
	char **fields = lens ? realloc(r->fields, cap * sizeof(*fields)) : NULL;
	if (!fields)
		return nomem(r);
	r->fields = fields;
	r->fields_cap = cap;
	return PF_OK;
}

static pf_status grow_text(pf_csv *r, size_t need)
{
	size_t cap = r->text_cap ? r->text_cap : 256;

	while (cap < need)
		cap *= 2;
	char *text = realloc(r->text, cap);
	if (!text)
		return nomem(r);
	r->text = text;
	r->text_cap = cap;
	return PF_OK;
}

static long field_no(const pf_csv *r)
{
	return (long)r->nfields + 1;
}

static int has_high_bytes(const unsigned char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (s[i] >= 0x80)
			return 1;
	return 0;
}

/*
 * Converts Windows-1252 to UTF-8 into out, which has room for 3 bytes per
 * input byte; returns the bytes written. glibc leaves 0x81, 0x8D, 0x8F, 0x90
 * and 0x9D undefined; like Windows and the WHATWG encoding standard we give
 * them the C1 code points of the same value, so no byte is lost.
 */
static size_t cp1252_to_utf8(iconv_t cd, const unsigned char *in, size_t len, char *out)
{
	char *ip = (char *)in, *op = out;
	size_t il = len, ol = 3 * len;

	while (il > 0 && iconv(cd, &ip, &il, &op, &ol) == (size_t)-1) {
		unsigned char c = (unsigned char)*ip;

		*op++ = (char)(0xC0 | c >> 6);
		*op++ = (char)(0x80 | (c & 0x3F));
		ol -= 2;
		ip++;
		il--;
	}
	return (size_t)(op - out);
}

/* The line of byte i of the field in progress: its start plus the line ends before i. */
static long line_in_field(const pf_csv *r, const unsigned char *s, size_t i)
{
	unsigned char end = r->has_lf ? '\n' : '\r';
	long line = r->field_line;

	for (size_t k = 0; k < i; k++)
		line += s[k] == end;
	return line;
}

/*
 * Copies UTF-8 with its invalid bytes each converted as Windows-1252 (the
 * likeliest meaning of a lone 0xC4 in a Swedish file) and warned about at
 * its line. out has room for 3 bytes per input byte; returns the bytes written.
 */
static size_t repair_utf8(pf_csv *r, const unsigned char *s, size_t len, char *out)
{
	char *w = out;

	for (size_t i = 0; i < len;) {
		size_t k = s[i] < 0x80 ? 1 : utf8_valid(s + i, len - i);
		if (k > 0) {
			memcpy(w, s + i, k);
			w += k;
			i += k;
			continue;
		}
		size_t n = cp1252_to_utf8(r->cd, s + i, 1, w);
		pf_warn_at(r->err, r->name, line_in_field(r, s, i), field_no(r),
		           "invalid UTF-8 byte 0x%02X, read as Windows-1252 \"%.*s\"", s[i], (int)n,
		           w);
		w += n;
		i++;
	}
	return (size_t)(w - out);
}

static pf_status row_add_field(pf_csv *r, const unsigned char *s, size_t len)
{
	int convert = (r->cp1252 || r->repair) && has_high_bytes(s, len);
	size_t room = (convert ? 3 * len : len) + 1;
	pf_status st = PF_OK;

	if (r->text_len + len > MAX_ROW)
		return pf_error_at(r->err, PF_EINPUT, r->name, r->row_line, (long)r->nfields + 1,
		                   "row is longer than %u bytes", MAX_ROW);
	if (r->nfields == r->fields_cap)
		st = grow_fields(r);
	if (st == PF_OK && r->text_len + room > r->text_cap)
		st = grow_text(r, r->text_len + room);
	if (st != PF_OK)
		return st;

	char *dst = r->text + r->text_len;
	size_t n = len;
	if (convert && r->repair)
		n = repair_utf8(r, s, len, dst);
	else if (convert)
		n = cp1252_to_utf8(r->cd, s, len, dst);
	else if (len > 0)
		memcpy(dst, s, len);
	dst[n] = '\0';
	r->offs[r->nfields] = r->text_len;
	r->lens[r->nfields] = n;
	r->nfields++;
	r->text_len += n + 1;
	return PF_OK;
}

/* A row of empty or blank fields (`;;;`, a line of spaces) is no row: the caller trims anyway. */
static int row_blank(const pf_csv *r)
{
	for (size_t i = 0; i < r->nfields; i++) {
		const char *f = r->text + r->offs[i];

		if (strspn(f, " \t") != r->lens[i])
			return 0;
	}
	return 1;
}

static void row_fill(pf_csv *r, pf_csv_row *row)
{
	for (size_t i = 0; i < r->nfields; i++)
		r->fields[i] = r->text + r->offs[i];
	row->nfields = r->nfields;
	row->fields = r->fields;
	row->lens = r->lens;
	row->line = r->done_line;
}

/* ---- errors at a place ---- */

static pf_status field_too_long(pf_csv *r, int quoted)
{
	return pf_error_at(r->err, PF_EINPUT, r->name, r->field_line, field_no(r),
	                   "field is longer than %u bytes%s", PF_CSV_MAX_FIELD,
	                   quoted ? " (is a quote never closed?)" : "");
}

/* csv_parse() stopped short: the offending byte is in the segment just fed, so on r->line. */
static pf_status parse_failed(pf_csv *r)
{
	switch (csv_error(&r->parser)) {
	case CSV_EPARSE:
		return pf_error_at(r->err, PF_EINPUT, r->name, r->line, field_no(r),
		                   "malformed quoting: text after a closing quote (a quote inside "
		                   "a quoted field is written twice: \"\")");
	case CSV_ENOMEM:
		return nomem(r);
	default:
		return field_too_long(r, r->parser.quoted);
	}
}

/* ---- libcsv callbacks ---- */

/* Spaces are data: leading and trailing blanks are the caller's to trim. */
static int never_space(unsigned char c)
{
	(void)c;
	return 0;
}

static void on_field(void *s, size_t len, void *data)
{
	pf_csv *r = data;

	if (r->status != PF_OK)
		return;
	if (r->nfields == PF_CSV_MAX_FIELDS)
		r->status = pf_error_at(r->err, PF_EINPUT, r->name, r->line, field_no(r),
		                        "row has more than %d fields", PF_CSV_MAX_FIELDS);
	else if (len > PF_CSV_MAX_FIELD)
		r->status = field_too_long(r, 0);
	else
		r->status = row_add_field(r, s, len);
	/* The next field starts right after the delimiter, on this line. */
	r->field_line = r->line;
}

static void on_row(int c, void *data)
{
	pf_csv *r = data;

	(void)c;
	r->row_done = 1;
	r->done_line = r->row_line;
	r->row_line = r->field_line = r->line;
}

/* ---- second pass ---- */

/*
 * The length of the next segment, up to and including the first CR or LF.
 * Two memchr() scans beat one loop over both; the LF found is kept, so that
 * a stretch of lone CRs before it is not scanned again for every segment.
 */
static size_t segment_len(pf_csv *r)
{
	const unsigned char *b = r->chunk + r->chunk_pos, *cr;
	size_t n = r->chunk_len - r->chunk_pos;

	if (!r->lf_known || r->lf_at < r->chunk_pos) {
		const unsigned char *lf = memchr(b, '\n', n);
		r->lf_at = lf ? r->chunk_pos + (size_t)(lf - b) : r->chunk_len;
		r->lf_known = 1;
	}
	cr = memchr(b, '\r', r->lf_at - r->chunk_pos);
	if (cr)
		return (size_t)(cr - b) + 1;
	return r->lf_at < r->chunk_len ? r->lf_at - r->chunk_pos + 1 : n;
}

/*
 * Feeds libcsv. Its strict mode stops at a quote inside a field that does not
 * begin with one; FORMATS.md section 2 reads that quote as an ordinary
 * character (`37.8"N`, `24" skärm`), as Excel does, so it is fed again alone
 * with strict mode off. Strict mode stays for text after a closing quote.
 * Returns how many bytes were taken: fewer than len on an error.
 */
static size_t parse_quoting(pf_csv *r, const unsigned char *b, size_t len)
{
	size_t done = 0;

	for (;;) {
		done += csv_parse(&r->parser, b + done, len - done, on_field, on_row, r);
		if (done >= len || r->status != PF_OK || csv_error(&r->parser) != CSV_EPARSE ||
		    b[done] != '"' || r->parser.quoted)
			return done;
		csv_set_opts(&r->parser, LIBCSV_OPTS & ~CSV_STRICT);
		done += csv_parse(&r->parser, b + done, 1, on_field, on_row, r);
		csv_set_opts(&r->parser, LIBCSV_OPTS);
		r->parser.status = CSV_SUCCESS;
	}
}

static pf_status feed_segment(pf_csv *r, const unsigned char *b, size_t n)
{
	const unsigned char *nul = memchr(b, '\0', n);
	size_t len = nul ? (size_t)(nul - b) : n;

	if (r->at_line_start && r->parser.pstate == LIBCSV_ROW_NOT_BEGUN)
		r->row_line = r->field_line = r->line;
	r->at_line_start = 0;

	size_t got = parse_quoting(r, b, len);
	if (r->status != PF_OK)
		return r->status;
	if (got < len)
		return parse_failed(r);
	if (nul)
		return pf_error_at(r->err, PF_EINPUT, r->name, r->line, field_no(r),
		                   "NUL byte in text: is this a binary file?");
	if (r->parser.entry_pos > PF_CSV_MAX_FIELD)
		return field_too_long(r, r->parser.quoted);

	unsigned char last = b[n - 1];
	if (last == '\n' || (last == '\r' && !r->has_lf)) {
		r->line++;
		r->at_line_start = 1;
	}
	return PF_OK;
}

static pf_status finish(pf_csv *r)
{
	r->finished = 1;
	if (csv_fini(&r->parser, on_field, on_row, r) != 0)
		return pf_error_at(r->err, PF_EINPUT, r->name, r->field_line, field_no(r),
		                   "quoted field is never closed");
	return r->status;
}

/* Feeds one segment, reads a chunk, or ends the input. */
static pf_status advance(pf_csv *r)
{
	pf_status st;

	if (r->finished)
		return PF_END;
	if (r->chunk_pos < r->chunk_len) {
		const unsigned char *b = r->chunk + r->chunk_pos;
		size_t n = segment_len(r);

		r->chunk_pos += n;
		return feed_segment(r, b, n);
	}
	st = src_read(r);
	if (st != PF_OK)
		return st;
	if (r->chunk_len == 0)
		return finish(r);
	r->chunk_pos = r->skip;
	r->skip = 0;
	return PF_OK;
}

static pf_status next_row(pf_csv *r)
{
	pf_status st = PF_OK;

	while (st == PF_OK) {
		if (r->row_done) {
			if (!row_blank(r))
				return PF_OK;
			row_clear(r);
		}
		st = advance(r);
	}
	return st;
}

/* ---- public ---- */

static pf_status reader_new(pf_csv **out, const char *name, pf_error *err)
{
	pf_csv *r = calloc(1, sizeof(*r));

	*out = r;
	if (r)
		r->cd = r->u16 = (iconv_t)-1;
	if (!r || !(r->name = strdup(name ? name : "")))
		return pf_error_at(err, PF_ENOMEM, name, 0, 0, "out of memory");
	r->line = 1;
	r->at_line_start = 1;
	r->err = err;
	return PF_OK;
}

static pf_status parser_setup(pf_csv *r)
{
	if (csv_init(&r->parser, LIBCSV_OPTS) != 0)
		return nomem(r);
	r->parser_ready = 1;
	csv_set_delim(&r->parser, (unsigned char)r->delim);
	csv_set_space_func(&r->parser, never_space);
	csv_set_blk_size(&r->parser, LIBCSV_BLOCK);
	return PF_OK;
}

/* The first two bytes of the input, read without consuming them. */
static pf_status peek2(pf_csv *r, unsigned char head[2], size_t *n)
{
	if (!r->file) {
		*n = r->data_len < 2 ? r->data_len : 2;
		if (*n)
			memcpy(head, r->data, *n);
		return PF_OK;
	}
	*n = fread(head, 1, 2, r->file);
	if (ferror(r->file))
		return pf_error_at(r->err, PF_EENV, r->name, 0, 0, "cannot read the file: %s",
		                   strerror(errno));
	return seek_start(r);
}

/* UTF-16 with a byte-order mark, as Excel's "Unicode text" is: read through iconv. */
static pf_status detect_utf16(pf_csv *r)
{
	unsigned char head[2];
	size_t n;
	pf_status st = peek2(r, head, &n);
	const char *from = NULL;

	if (st != PF_OK || n < 2)
		return st;
	if (head[0] == 0xFF && head[1] == 0xFE)
		from = "UTF-16LE";
	else if (head[0] == 0xFE && head[1] == 0xFF)
		from = "UTF-16BE";
	if (!from)
		return PF_OK;
	/* The mark itself is kept: it becomes a UTF-8 one, which the first pass skips. */
	r->u16 = iconv_open("UTF-8", from);
	if (r->u16 == (iconv_t)-1)
		return pf_error_at(r->err, PF_EENV, r->name, 0, 0, "cannot convert from %s: %s",
		                   from, strerror(errno));
	if (!(r->raw = malloc(U16_RAW)) || !(r->out = malloc(U16_OUT)))
		return nomem(r);
	return PF_OK;
}

/* Runs the first pass and makes the reader ready for the second. */
static pf_status reader_start(pf_csv *r)
{
	pf_status st = detect_utf16(r);

	if (st == PF_OK)
		st = scan_input(r);
	if (st == PF_OK)
		st = parser_setup(r);
	if (st == PF_OK && (r->cp1252 || r->repair)) {
		r->cd = iconv_open("UTF-8", "WINDOWS-1252");
		if (r->cd == (iconv_t)-1)
			st = pf_error_at(r->err, PF_EENV, r->name, 0, 0,
			                 "cannot convert from Windows-1252: %s", strerror(errno));
	}
	r->err = NULL;
	return st;
}

pf_status pf_csv_open(pf_csv **out, const char *path, pf_error *err)
{
	pf_csv *r = NULL;
	pf_status st = reader_new(&r, path, err);

	if (st != PF_OK)
		goto out;
	r->file = fopen(path, "rb");
	if (!r->file) {
		st = pf_error_at(err, PF_EENV, path, 0, 0, "cannot open the file: %s",
		                 strerror(errno));
		goto out;
	}
	r->buf = malloc(CHUNK);
	if (!r->buf) {
		st = nomem(r);
		goto out;
	}
	st = reader_start(r);
out:
	if (st != PF_OK) {
		pf_csv_close(r);
		r = NULL;
	}
	*out = r;
	return st;
}

pf_status pf_csv_open_buffer(pf_csv **out, const char *name, const void *data, size_t len,
                             pf_error *err)
{
	pf_csv *r = NULL;
	pf_status st = reader_new(&r, name, err);

	if (st == PF_OK) {
		r->data = data;
		r->data_len = data ? len : 0;
		st = reader_start(r);
	}
	if (st != PF_OK) {
		pf_csv_close(r);
		r = NULL;
	}
	*out = r;
	return st;
}

void pf_csv_checksum(pf_csv *r, char out[PF_SHA256_HEX])
{
	if (r->sha) {
		pf_sha256_hex(r->sha, r->digest);
		pf_sha256_free(r->sha);
		r->sha = NULL;
	}
	memcpy(out, r->digest, PF_SHA256_HEX);
}

pf_status pf_csv_next(pf_csv *r, pf_csv_row *row, pf_error *err)
{
	pf_status st;

	memset(row, 0, sizeof(*row));
	if (r->status != PF_OK)
		return r->status; /* finished: the error was recorded when it happened */
	row_clear(r);
	r->err = err;
	st = next_row(r);
	r->err = NULL;
	if (st != PF_OK) {
		r->status = st;
		return st;
	}
	row_fill(r, row);
	return PF_OK;
}

char pf_csv_delimiter(const pf_csv *r)
{
	return r->delim;
}

int pf_csv_is_cp1252(const pf_csv *r)
{
	return r->cp1252;
}

const char *pf_csv_name(const pf_csv *r)
{
	return r->name;
}

void pf_csv_close(pf_csv *r)
{
	if (!r)
		return;
	if (r->file)
		fclose(r->file);
	if (r->parser_ready)
		csv_free(&r->parser);
	if (r->cd != (iconv_t)-1)
		iconv_close(r->cd);
	if (r->u16 != (iconv_t)-1)
		iconv_close(r->u16);
	pf_sha256_free(r->sha);
	free(r->raw);
	free(r->out);
	free(r->buf);
	free(r->text);
	free(r->offs);
	free(r->lens);
	free(r->fields);
	free(r->name);
	free(r);
}
