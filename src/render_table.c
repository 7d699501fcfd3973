/*
 * The terminal `table` format of every report of FORMATS.md section 5.
 *
 * Reads only the report's kind and its contract document. Columns are aligned
 * in display columns (one per code point, so å ä ö § do not skew them), lights
 * carry a symbol and a word so they read without colour, and ANSI colour is
 * added only when the caller asks for it (a terminal without NO_COLOR).
 * Every value may be null, missing or of an unexpected type: it is shown as
 * "–" and never trusted.
 */
#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report_internal.h"

#define NONE "–"
#define MAX_COLS 12
#define TRUNC_COLS 40 /* a longer cell in a 't' column ends in "…" */
#define FACT_COLS 17  /* the label column of a facts block */

#define GREEN "\x1b[32m"
#define YELLOW "\x1b[33m"
#define RED "\x1b[31m"
#define RESET "\x1b[0m"

/* Where the text goes; oom is set by any failed allocation and checked once at the end. */
struct out {
	FILE *f;
	bool color;
	bool oom;
};

/* ---- text ---- */

/*
 * A copy of s fit for a terminal: control characters (C0, DEL, C1) become
 * spaces so data cannot move the cursor or inject colour; carriage returns are
 * dropped; newlines are kept only when keep_nl.
 */
static char *clean_dup(const char *s, bool keep_nl)
{
	size_t n = strlen(s), j = 0;
	char *d = malloc(n + 1);

	if (!d)
		return NULL;
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned char next = (unsigned char)s[i + 1];

		if (c == 0xc2 && next >= 0x80 && next <= 0x9f) {
			d[j++] = ' ';
			i++;
		} else if (c == '\r') {
			continue;
		} else if (c == '\n' && keep_nl) {
			d[j++] = '\n';
		} else {
			d[j++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
		}
	}
	d[j] = '\0';
	return d;
}

/* Display columns: one per code point, not counting our own ESC[...m sequences. */
static size_t width(const char *s)
{
	size_t w = 0;

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p == 0x1b) {
			while (*p && *p != 'm')
				p++;
			if (!*p)
				break;
			continue;
		}
		if ((*p & 0xc0) != 0x80)
			w++;
	}
	return w;
}

/* s cut to at most max columns, the last one "…"; takes s, NULL when out of memory. */
static char *truncate_cols(char *s, size_t max)
{
	size_t i, w = 0;
	char *t;

	if (!s || width(s) <= max)
		return s;
	for (i = 0; s[i]; i++) {
		if (((unsigned char)s[i] & 0xc0) == 0x80)
			continue;
		if (w == max - 1)
			break;
		w++;
	}
	t = malloc(i + sizeof("…"));
	if (t) {
		memcpy(t, s, i);
		memcpy(t + i, "…", sizeof("…"));
	}
	free(s);
	return t;
}

static char *fmt_alloc(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

static char *fmt_alloc(const char *fmt, ...)
{
	va_list ap;
	int n;
	char *s;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (!s)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}

/* Joins a and b with sep; frees both; NULL if either is. */
static char *join_take(char *a, const char *sep, char *b)
{
	char *s = a && b ? fmt_alloc("%s%s%s", a, sep, b) : NULL;

	free(a);
	free(b);
	return s;
}

/* ---- values ---- */

/* An integer the Swedish way: groups of three separated by spaces from 10 000 on. */
static char *fmt_int(long long v)
{
	char digits[32], buf[48];
	size_t n, j = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	n = (size_t)snprintf(digits, sizeof(digits), "%llu", u);
	if (v < 0)
		buf[j++] = '-';
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && u >= 10000 && (n - i) % 3 == 0)
			buf[j++] = ' ';
		buf[j++] = digits[i];
	}
	buf[j] = '\0';
	return strdup(buf);
}

/* Replaces the decimal point with the Swedish comma and drops a negative zero's sign. */
static char *swedish_decimal(char *s)
{
	char *p;

	if (!s)
		return NULL;
	p = strchr(s, '.');
	if (p)
		*p = ',';
	if (s[0] == '-' && strspn(s + 1, "0, %") == strlen(s + 1))
		memmove(s, s + 1, strlen(s));
	return s;
}

/* A real: whole numbers as integers, else at most two decimals with a decimal comma. */
static char *fmt_real(double v)
{
	char buf[64];
	size_t n;

	if (!isfinite(v))
		return strdup(NONE);
	if (fabs(v) >= 1e15)
		return swedish_decimal(fmt_alloc("%.6g", v));
	if (v == floor(v))
		return fmt_int((long long)v);
	n = (size_t)snprintf(buf, sizeof(buf), "%.2f", v);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && buf[n - 1] == '.')
		buf[--n] = '\0';
	return swedish_decimal(strdup(buf));
}

static char *value_text(const json_t *v);

/* The items of an array as text joined by ", "; "–" when empty. */
static char *list_text(const json_t *a)
{
	char *s = NULL;
	size_t i;

	for (i = 0; i < json_array_size(a); i++) {
		char *item = value_text(json_array_get(a, i));

		s = s ? join_take(s, ", ", item) : item;
		if (!s)
			return NULL;
	}
	return s ? s : strdup(NONE);
}

/* Any JSON value as one line of text: null, missing and objects as "–". */
static char *value_text(const json_t *v)
{
	if (json_is_string(v))
		return clean_dup(json_string_value(v), false);
	if (json_is_integer(v))
		return fmt_int((long long)json_integer_value(v));
	if (json_is_real(v))
		return fmt_real(json_real_value(v));
	if (json_is_true(v))
		return strdup("ja");
	if (json_is_false(v))
		return strdup("nej");
	if (json_is_array(v))
		return list_text(v);
	return strdup(NONE);
}

/* A value, or `none` in place of null and anything unexpected. */
static char *text_or(const json_t *v, const char *none)
{
	return !v || json_is_null(v) ? strdup(none) : value_text(v);
}

/* A fraction as a percentage with one decimal: 0.625 -> "62,5 %". */
static char *pct_text(const json_t *v)
{
	double p = json_number_value(v) * 100.0;

	if (!json_is_number(v) || !isfinite(p))
		return strdup(NONE);
	if (fabs(p) >= 1e15)
		return swedish_decimal(fmt_alloc("%.6g %%", p));
	return swedish_decimal(fmt_alloc("%.1f %%", p));
}

/*
 * A light as symbol and word (full, half, empty circle: yes, partly, no) so it
 * reads without colour; coloured when asked. `none` stands for null.
 */
static char *light_text(const struct out *o, const json_t *v, const char *none)
{
	static const struct {
		const char *word, *symbol, *color;
	} lights[] = {
	    {"grön", "●", GREEN},
	    {"gul", "◐", YELLOW},
	    {"röd", "○", RED},
	};
	const char *w = json_string_value(v);

	for (size_t i = 0; w && i < sizeof(lights) / sizeof(lights[0]); i++) {
		if (strcmp(w, lights[i].word) != 0)
			continue;
		if (o->color)
			return fmt_alloc("%s%s %s%s", lights[i].color, lights[i].symbol, w, RESET);
		return fmt_alloc("%s %s", lights[i].symbol, w);
	}
	return text_or(v, none);
}

/* "×" for true, nothing otherwise. */
static char *mark_text(const json_t *v)
{
	return strdup(json_is_true(v) ? "×" : "");
}

static const json_t *get(const json_t *obj, const char *key)
{
	return json_object_get(obj, key);
}

/* ---- tables ---- */

/* Rows of cells, the heading first; each cell a malloc'd string (NULL only when out of memory). */
struct table {
	const char *spec; /* per column: l left, r right, t left and truncated */
	size_t ncols;
	char **cells;
	size_t n, cap;
	bool oom;
};

/* Adds the next cell, taking s. */
static void cell(struct table *t, char *s)
{
	char **grown;

	if (s && t->spec[t->n % t->ncols] == 't')
		s = truncate_cols(s, TRUNC_COLS);
	if (!s)
		t->oom = true;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16 * t->ncols;

		grown = realloc(t->cells, cap * sizeof(*grown));
		if (!grown) {
			free(s);
			t->oom = true;
			return;
		}
		t->cells = grown;
		t->cap = cap;
	}
	t->cells[t->n++] = s;
}

static void cell_value(struct table *t, const json_t *v)
{
	cell(t, value_text(v));
}

static void cell_pct(struct table *t, const json_t *v)
{
	cell(t, pct_text(v));
}

/* An empty table with its column kinds (see struct table), before the headings. */
static void table_start(struct table *t, const char *spec)
{
	memset(t, 0, sizeof(*t));
	t->spec = spec;
	t->ncols = strlen(spec);
	assert(t->ncols > 0 && t->ncols <= MAX_COLS);
}

/* Starts a table with its column kinds and one heading per column. */
static void table_init(struct table *t, const char *spec, ...)
{
	va_list ap;

	table_start(t, spec);
	va_start(ap, spec);
	for (size_t i = 0; i < t->ncols; i++)
		cell(t, strdup(va_arg(ap, const char *)));
	va_end(ap);
}

static void pad(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

/* One row: columns two spaces apart, nothing written after its last non-empty cell. */
static void table_row(FILE *f, const struct table *t, char *const *row, const size_t *w)
{
	size_t last = 0;

	for (size_t c = 0; c < t->ncols; c++)
		if (row[c] && row[c][0])
			last = c;
	for (size_t c = 0; c <= last; c++) {
		const char *s = row[c] ? row[c] : "";
		size_t gap = w[c] - width(s);

		if (c > 0)
			fputs("  ", f);
		if (t->spec[c] == 'r')
			pad(f, gap);
		fputs(s, f);
		if (t->spec[c] != 'r' && c < last)
			pad(f, gap);
	}
	fputc('\n', f);
}

static void table_free(struct table *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i]);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

/* Writes the table (or "inga" when it has no rows) and frees it. */
static void table_emit(struct out *o, struct table *t)
{
	size_t w[MAX_COLS] = {0}, rows = t->n / t->ncols, total;

	if (t->oom) {
		o->oom = true;
		goto out;
	}
	if (rows <= 1) {
		fputs("inga\n", o->f);
		goto out;
	}
	for (size_t i = 0; i < rows * t->ncols; i++) {
		size_t cw = width(t->cells[i]);

		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	table_row(o->f, t, t->cells, w);
	total = 2 * (t->ncols - 1);
	for (size_t c = 0; c < t->ncols; c++)
		total += w[c];
	for (size_t i = 0; i < total; i++)
		fputs("─", o->f);
	fputc('\n', o->f);
	for (size_t r = 1; r < rows; r++)
		table_row(o->f, t, t->cells + r * t->ncols, w);
out:
	table_free(t);
}

/* ---- lines ---- */

/* Writes s and frees it. */
static void put_take(struct out *o, char *s)
{
	if (!s)
		o->oom = true;
	else
		fputs(s, o->f);
	free(s);
}

static void put_value(struct out *o, const json_t *v)
{
	put_take(o, value_text(v));
}

/* A blank line, then a section heading. */
static void section(struct out *o, const char *title)
{
	fprintf(o->f, "\n%s\n", title);
}

/* "Label:   value", continuation lines of a multi-line value indented under it; takes value. */
static void fact(struct out *o, const char *label, char *value)
{
	char *line, *next;

	if (!value) {
		o->oom = true;
		return;
	}
	fprintf(o->f, "%s:", label);
	pad(o->f, FACT_COLS > width(label) + 1 ? FACT_COLS - width(label) - 1 : 1);
	for (line = value; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line != value)
			pad(o->f, FACT_COLS);
		fprintf(o->f, "%s\n", line);
	}
	free(value);
}

/* A fact that may span lines (a description), or "–". */
static char *long_text(const json_t *v)
{
	return json_is_string(v) ? clean_dup(json_string_value(v), true) : value_text(v);
}

/* ---- quarter ---- */

static void quarter_row(struct out *o, struct table *t, const json_t *it)
{
	cell_value(t, get(it, "rank"));
	cell_value(t, get(it, "id"));
	cell_value(t, get(it, "title"));
	cell_value(t, get(it, "committee"));
	cell_value(t, get(it, "status"));
	cell(t, light_text(o, get(it, "assessment"), NONE));
	cell(t, light_text(o, get(it, "computed"), NONE " ej mätt"));
	cell_pct(t, get(it, "realisation"));
	cell(t, light_text(o, get(it, "previous_assessment"), NONE));
	cell_value(t, get(it, "comment"));
}

static void render_quarter(struct out *o, const json_t *d)
{
	const json_t *items = get(d, "initiatives"), *missing = get(d, "missing");
	const json_t *list = get(d, "list_period");
	struct table t;

	fputs("Kvartalsrapport ", o->f);
	put_value(o, get(d, "period"));
	if (json_is_null(list)) {
		fputs(" (ingen prioriteringslista)", o->f);
	} else if (list) {
		fputs(" (prioriteringslista ", o->f);
		put_value(o, list);
		fputs(")", o->f);
	}
	fputs("\n\n", o->f);
	table_init(&t, "rlttlllrlt", "Rang", "Id", "Initiativ", "Nämnd", "Fas", "Bedömning",
	           "Beräknad", "Realisering", "Föregående", "Kommentar");
	for (size_t i = 0; i < json_array_size(items); i++)
		quarter_row(o, &t, json_array_get(items, i));
	table_emit(o, &t);
	fputs("\nSaknar uppföljning: ", o->f);
	put_take(o, json_array_size(missing) ? list_text(missing) : strdup("inga"));
	fputc('\n', o->f);
}

/* ---- committee ---- */

static void committee_row(struct table *t, const json_t *c)
{
	static const char *const keys[] = {
	    "code",        "initiatives",       "indicators",       "measured",         "on_track",
	    "realisation", "completed_in_year", "innovative_share", "missing_followups"};

	for (size_t i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
		if (!strcmp(keys[i], "realisation") || !strcmp(keys[i], "innovative_share"))
			cell_pct(t, get(c, keys[i]));
		else
			cell_value(t, get(c, keys[i]));
	}
}

/* "pågående 1, idé 1" in the document's order; "inga" when empty. */
static char *by_status_text(const json_t *by)
{
	const char *key;
	json_t *n;
	char *s = NULL;

	json_object_foreach((json_t *)by, key, n)
	{
		char *one = join_take(clean_dup(key, false), " ", value_text(n));

		s = s ? join_take(s, ", ", one) : one;
		if (!s)
			return NULL;
	}
	return s ? s : strdup("inga");
}

static void render_committee(struct out *o, const json_t *d)
{
	const json_t *list = get(d, "committees");
	struct table t;

	fputs("Nämndrapport ", o->f);
	put_value(o, get(d, "period"));
	fputs("\n\n", o->f);
	table_init(&t, "lrrrrrrrr", "Nämnd", "Initiativ", "Indikatorer", "Mätta", "I fas",
	           "Realisering", "Slutförda i år", "Innovativa", "Saknar uppf.");
	for (size_t i = 0; i < json_array_size(list); i++)
		committee_row(&t, json_array_get(list, i));
	table_emit(o, &t);
	section(o, "Initiativ per fas");
	table_init(&t, "ll", "Nämnd", "Fas");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i);

		cell_value(&t, get(c, "code"));
		cell(&t, by_status_text(get(c, "by_status")));
	}
	table_emit(o, &t);
}

/* ---- roadmap ---- */

static const char *const horizons[] = {"år 1", "år 2", "år 3", "senare"};
#define HORIZONS (sizeof(horizons) / sizeof(horizons[0]))

/* The horizon's index, HORIZONS when it is none of them. */
static size_t horizon_index(const json_t *v)
{
	const char *s = json_string_value(v);
	size_t h;

	for (h = 0; s && h < HORIZONS; h++)
		if (!strcmp(s, horizons[h]))
			break;
	return s ? h : HORIZONS;
}

/* "År 1 (2025)": the year from first_year, else from an item; "Senare" has none. */
static char *horizon_heading(const json_t *d, size_t h)
{
	const json_t *items = get(d, "items"), *first = get(d, "first_year");

	if (h >= HORIZONS)
		return strdup("Övriga");
	if (h == HORIZONS - 1)
		return strdup("Senare");
	if (json_is_integer(first))
		return fmt_alloc("År %zu (%lld)", h + 1,
		                 (long long)json_integer_value(first) + (long long)h);
	for (size_t i = 0; i < json_array_size(items); i++) {
		const json_t *it = json_array_get(items, i);

		if (horizon_index(get(it, "horizon")) == h && json_is_integer(get(it, "year")))
			return fmt_alloc("År %zu (%lld)", h + 1,
			                 (long long)json_integer_value(get(it, "year")));
	}
	return fmt_alloc("År %zu", h + 1);
}

/* The items on horizon h; h == HORIZONS: those on no known horizon (shown only if any). */
static void roadmap_horizon(struct out *o, const json_t *d, size_t h)
{
	const json_t *items = get(d, "items");
	struct table t;

	table_init(&t, "ltllr", "Id", "Initiativ", "Fas", "Bedömning", "Realisering");
	for (size_t i = 0; i < json_array_size(items); i++) {
		const json_t *it = json_array_get(items, i);

		if (horizon_index(get(it, "horizon")) != h)
			continue;
		cell_value(&t, get(it, "initiative"));
		cell_value(&t, get(it, "title"));
		cell_value(&t, get(it, "status"));
		cell(&t, light_text(o, get(it, "assessment"), NONE));
		cell_pct(&t, get(it, "realisation"));
	}
	if (h == HORIZONS && t.n == t.ncols) {
		table_free(&t);
		return;
	}
	fputc('\n', o->f);
	put_take(o, horizon_heading(d, h));
	fputc('\n', o->f);
	table_emit(o, &t);
}

/* "P-05 senare → år 2, …" */
static char *moved_text(const json_t *moved)
{
	char *s = NULL;

	for (size_t i = 0; i < json_array_size(moved); i++) {
		const json_t *m = json_array_get(moved, i);
		char *one = join_take(
		    value_text(get(m, "initiative")), " ",
		    join_take(value_text(get(m, "from")), " → ", value_text(get(m, "to"))));

		s = s ? join_take(s, ", ", one) : one;
		if (!s)
			return NULL;
	}
	return s ? s : strdup("inga");
}

static char *ids_text(const json_t *ids)
{
	return json_array_size(ids) ? list_text(ids) : strdup("inga");
}

static void decisions_table(struct out *o, const json_t *list, bool titles)
{
	struct table t;

	if (titles)
		table_init(&t, "lllltl", "Id", "Organ", "Datum", "Typ", "Titel", "Protokoll");
	else
		table_init(&t, "lllll", "Id", "Organ", "Datum", "Typ", "Protokoll");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *b = json_array_get(list, i);

		cell_value(&t, get(b, "decision_id"));
		cell_value(&t, get(b, "body"));
		cell_value(&t, get(b, "date"));
		cell_value(&t, get(b, "type"));
		if (titles)
			cell_value(&t, get(b, "title"));
		cell_value(&t, get(b, "protocol"));
	}
	table_emit(o, &t);
}

static void roadmap_facts(struct out *o, const json_t *d)
{
	fact(o, "Färdplan", value_text(get(d, "roadmap")));
	fact(o, "Version", value_text(get(d, "version")));
	fact(o, "Verksamhet", value_text(get(d, "unit")));
	fact(o, "Nämnd", value_text(get(d, "committee")));
	fact(o, "Datum", value_text(get(d, "date")));
	fact(o, "Beslutad av", value_text(get(d, "decided_by")));
	fact(o, "Jämförd med", text_or(get(d, "previous_version"), NONE " (första versionen)"));
	if (get(d, "period"))
		fact(o, "Period", value_text(get(d, "period")));
}

static void render_roadmap(struct out *o, const json_t *d)
{
	const json_t *changes = get(d, "changes");

	/* Roadmap names usually say "färdplan" themselves ("Digital färdplan KB 2024"). */
	put_value(o, get(d, "roadmap"));
	fputs(", version ", o->f);
	put_value(o, get(d, "version"));
	fputs("\n\n", o->f);
	roadmap_facts(o, d);
	for (size_t h = 0; h <= HORIZONS; h++)
		roadmap_horizon(o, d, h);
	section(o, "Ändringar");
	fact(o, "Tillagda", ids_text(get(changes, "added")));
	fact(o, "Borttagna", ids_text(get(changes, "removed")));
	fact(o, "Flyttade", moved_text(get(changes, "moved")));
	section(o, "Beslut");
	decisions_table(o, get(d, "decisions"), false);
	fputs("\nRapporterad till nämnden: ", o->f);
	put_value(o, get(d, "reported_to_committee"));
	fputc('\n', o->f);
}

/* ---- traceability ---- */

/* "1/2": the committee's roadmap versions reported to it, of all of them. */
static char *roadmaps_count(const json_t *roadmaps)
{
	size_t reported = 0, n = json_array_size(roadmaps);

	for (size_t i = 0; i < n; i++)
		if (json_is_true(get(json_array_get(roadmaps, i), "reported")))
			reported++;
	return fmt_alloc("%zu/%zu", reported, n);
}

static void unreported_roadmaps(struct out *o, const json_t *list)
{
	struct table t;

	table_init(&t, "llll", "Nämnd", "Färdplan", "Version", "Datum");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i), *rms = get(c, "roadmaps");

		for (size_t j = 0; j < json_array_size(rms); j++) {
			const json_t *rm = json_array_get(rms, j);

			if (json_is_true(get(rm, "reported")))
				continue;
			cell_value(&t, get(c, "code"));
			cell_value(&t, get(rm, "roadmap"));
			cell_value(&t, get(rm, "version"));
			cell_value(&t, get(rm, "date"));
		}
	}
	table_emit(o, &t);
}

static void render_traceability(struct out *o, const json_t *d)
{
	const json_t *list = get(d, "committees");
	struct table t;

	fputs("Spårbarhet ", o->f);
	put_value(o, get(d, "year"));
	fputs("\n\n", o->f);
	table_init(&t, "lrrrrl", "Nämnd", "Informerad", "Beslut", "Utan protokoll",
	           "Färdplaner (rapporterade/totalt)", "Ej rapporterade initiativ");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i);

		cell_value(&t, get(c, "code"));
		cell_value(&t, get(c, "informed"));
		cell_value(&t, get(c, "decisions"));
		cell_value(&t, get(c, "without_protocol"));
		cell(&t, roadmaps_count(get(c, "roadmaps")));
		cell_value(&t, get(c, "unreported_initiatives"));
	}
	table_emit(o, &t);
	section(o, "Färdplaner som inte rapporterats till nämnden");
	unreported_roadmaps(o, list);
}

/* ---- initiative ---- */

/* A number with its unit ("90 %", "5 st"), or "–". */
static char *with_unit(const json_t *v, const json_t *unit)
{
	if (!json_is_number(v) || !json_is_string(unit) || !json_string_length(unit))
		return value_text(v);
	return join_take(value_text(v), " ", value_text(unit));
}

static void initiative_facts(struct out *o, const json_t *d)
{
	static const struct {
		const char *label, *key;
	} facts[] = {
	    {"Id", "id"},
	    {"Titel", "title"},
	    {"Nämnd", "committee"},
	    {"Verksamhet", "unit"},
	    {"Beskrivning", "description"},
	    {"Kategori", "category"},
	    {"Fas", "status"},
	    {"Innovativ", "innovative"},
	    {"Tvärsektoriell", "cross_cutting"},
	    {"Projektledare", "project_manager"},
	    {"Nyttoägare", "benefit_owner"},
	    {"Start", "start"},
	    {"Slut", "end"},
	};
	const json_t *it = get(d, "initiative");
	json_t *kr = json_string("kr");

	for (size_t i = 0; i < sizeof(facts) / sizeof(facts[0]); i++)
		fact(o, facts[i].label, long_text(get(it, facts[i].key)));
	fact(o, "Budget", with_unit(get(it, "budget"), kr));
	fact(o, "IT-timmar", value_text(get(it, "it_hours")));
	fact(o, "Realisering", pct_text(get(d, "realisation")));
	fact(o, "Förväntat", pct_text(get(d, "expected")));
	fact(o, "Beräknat ljus", light_text(o, get(d, "computed"), NONE " ej mätt"));
	json_decref(kr);
}

static void indicator_row(struct out *o, struct table *t, const json_t *ind)
{
	const json_t *unit = get(ind, "unit");

	cell_value(t, get(ind, "indicator_id"));
	cell_value(t, get(ind, "indicator"));
	cell(t, join_take(value_text(get(ind, "baseline")), " → ",
	                  with_unit(get(ind, "target"), unit)));
	if (json_is_null(get(ind, "value")) || !get(ind, "value"))
		cell(t, strdup(NONE));
	else
		cell(t,
		     join_take(with_unit(get(ind, "value"), unit), " (",
		               join_take(value_text(get(ind, "value_period")), "", strdup(")"))));
	cell_pct(t, get(ind, "progress"));
	cell_pct(t, get(ind, "expected"));
	cell(t, light_text(o, get(ind, "light"), NONE " ej mätt"));
}

static void indicators_table(struct out *o, const json_t *list)
{
	struct table t;

	table_init(&t, "ltllrrl", "Id", "Indikator", "Bas → mål", "Senaste värde", "Progress",
	           "Förväntat", "Ljus");
	for (size_t i = 0; i < json_array_size(list); i++)
		indicator_row(o, &t, json_array_get(list, i));
	table_emit(o, &t);
}

/* What the indicators table leaves out: goal, direction, dates, method, owner, weight, benefit. */
static void indicator_details(struct out *o, const json_t *list)
{
	struct table t;

	table_init(&t, "ltllttrlr", "Id", "Effektmål", "Riktning", "Bas- → måldatum", "Metod",
	           "Ägare", "Vikt", "Nyttotyp", "Nytta (kr)");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *ind = json_array_get(list, i);

		cell_value(&t, get(ind, "indicator_id"));
		cell_value(&t, get(ind, "goal"));
		cell_value(&t, get(ind, "direction"));
		cell(&t, join_take(value_text(get(ind, "baseline_date")), " → ",
		                   value_text(get(ind, "target_date"))));
		cell_value(&t, get(ind, "method"));
		cell_value(&t, get(ind, "owner"));
		cell_value(&t, get(ind, "weight"));
		cell_value(&t, get(ind, "benefit_type"));
		cell_value(&t, get(ind, "benefit_sek"));
	}
	table_emit(o, &t);
}

/* "2025Q1 60 · 2025Q3 75", or "–" when nothing is measured. */
static char *series_text(const json_t *series)
{
	char *s = NULL;

	for (size_t i = 0; i < json_array_size(series); i++) {
		const json_t *m = json_array_get(series, i);
		char *one =
		    join_take(value_text(get(m, "period")), " ", value_text(get(m, "value")));

		s = s ? join_take(s, " · ", one) : one;
		if (!s)
			return NULL;
	}
	return s ? s : strdup(NONE);
}

static void series_table(struct out *o, const json_t *list)
{
	struct table t;

	table_init(&t, "ll", "Id", "Mätvärden");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *ind = json_array_get(list, i);

		cell_value(&t, get(ind, "indicator_id"));
		cell(&t, series_text(get(ind, "series")));
	}
	table_emit(o, &t);
}

static void followups_table(struct out *o, const json_t *list)
{
	struct table t;

	table_init(&t, "lllttl", "Period", "Bedömning", "Fas", "Förväntade effekter", "Kommentar",
	           "Rapporterad av");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *f = json_array_get(list, i);

		cell_value(&t, get(f, "period"));
		cell(&t, light_text(o, get(f, "assessment"), NONE));
		cell_value(&t, get(f, "status"));
		cell_value(&t, get(f, "expected_effects"));
		cell_value(&t, get(f, "comment"));
		cell_value(&t, get(f, "reported_by"));
	}
	table_emit(o, &t);
}

/* A table of the listed keys of each object in list. */
static void plain_table(struct out *o, const json_t *list, const char *spec,
                        const char *const *keys, const char *const *heads)
{
	struct table t;

	table_start(&t, spec);
	for (size_t c = 0; c < t.ncols; c++)
		cell(&t, strdup(heads[c]));
	for (size_t i = 0; i < json_array_size(list); i++)
		for (size_t c = 0; c < t.ncols; c++)
			cell_value(&t, get(json_array_get(list, i), keys[c]));
	table_emit(o, &t);
}

static void history_tables(struct out *o, const json_t *d)
{
	static const char *const pri_keys[] = {"period", "rank"};
	static const char *const pri_heads[] = {"Period", "Rang"};
	static const char *const rm_keys[] = {"roadmap", "version", "date", "horizon"};
	static const char *const rm_heads[] = {"Färdplan", "Version", "Datum", "Horisont"};
	static const char *const chg_keys[] = {"at",    "command", "kind", "key",
	                                       "field", "old",     "new"};
	static const char *const chg_heads[] = {"Tidpunkt", "Kommando", "Typ",  "Nyckel",
	                                        "Fält",     "Före",     "Efter"};

	section(o, "Uppföljningar");
	followups_table(o, get(d, "followups"));
	section(o, "Prioriteringar");
	plain_table(o, get(d, "priorities"), "lr", pri_keys, pri_heads);
	section(o, "Färdplaner");
	plain_table(o, get(d, "roadmaps"), "llll", rm_keys, rm_heads);
	section(o, "Beslut");
	decisions_table(o, get(d, "decisions"), true);
	section(o, "Ändringshistorik");
	plain_table(o, get(d, "changes"), "llllltt", chg_keys, chg_heads);
}

static void render_initiative(struct out *o, const json_t *d)
{
	const json_t *it = get(d, "initiative"), *inds = get(d, "indicators");

	fputs("Initiativ ", o->f);
	put_value(o, get(it, "id"));
	fputs(": ", o->f);
	put_value(o, get(it, "title"));
	fputs(" (", o->f);
	put_value(o, get(d, "period"));
	fputs(")\n\n", o->f);
	initiative_facts(o, d);
	section(o, "Effektmål och indikatorer");
	indicators_table(o, inds);
	section(o, "Indikatorernas underlag");
	indicator_details(o, inds);
	section(o, "Mätserier");
	series_table(o, inds);
	history_tables(o, d);
}

/* ---- priority ---- */

static void waiting_table(struct out *o, const json_t *list)
{
	struct table t;

	table_init(&t, "llltllrrll", "Tvärsekt.", "Innov.", "Id", "Initiativ", "Nämnd", "Fas",
	           "IT-timmar", "Budget (kr)", "Start", "Slut");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *w = json_array_get(list, i);

		cell(&t, mark_text(get(w, "cross_cutting")));
		cell(&t, mark_text(get(w, "innovative")));
		cell_value(&t, get(w, "id"));
		cell_value(&t, get(w, "title"));
		cell_value(&t, get(w, "committee"));
		cell_value(&t, get(w, "status"));
		cell_value(&t, get(w, "it_hours"));
		cell_value(&t, get(w, "budget"));
		cell_value(&t, get(w, "start"));
		cell_value(&t, get(w, "end"));
	}
	table_emit(o, &t);
}

static void hours_table(struct out *o, const json_t *list)
{
	struct table t;

	table_init(&t, "lrrrl", "Period", "Begärt", "Åtagna", "Kapacitet", "");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *h = json_array_get(list, i);

		cell_value(&t, get(h, "period"));
		cell_value(&t, get(h, "asked"));
		cell_value(&t, get(h, "committed"));
		cell_value(&t, get(h, "capacity"));
		cell(&t, strdup(json_is_true(get(h, "over")) ? "ÖVER" : ""));
	}
	table_emit(o, &t);
}

static void priority_list(struct out *o, const json_t *list)
{
	struct table t;

	table_init(&t, "rltlll", "Rang", "Id", "Initiativ", "Nämnd", "Fas", "Bedömning");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *p = json_array_get(list, i);

		cell_value(&t, get(p, "rank"));
		cell_value(&t, get(p, "id"));
		cell_value(&t, get(p, "title"));
		cell_value(&t, get(p, "committee"));
		cell_value(&t, get(p, "status"));
		cell(&t, light_text(o, get(p, "assessment"), NONE));
	}
	table_emit(o, &t);
}

static void render_priority(struct out *o, const json_t *d)
{
	const json_t *cap = get(d, "capacity");

	fputs("Prioriteringsunderlag ", o->f);
	put_value(o, get(d, "period"));
	fputs("\n\n", o->f);
	fact(o, "Region IT-kapacitet",
	     json_is_number(cap) ? join_take(value_text(cap), " ", strdup("timmar per kvartal"))
	                         : strdup("ej angiven"));
	section(o, "Väntar på beslut (tvärsektoriella först)");
	waiting_table(o, get(d, "waiting"));
	section(o, "Region IT-timmar per kvartal");
	hours_table(o, get(d, "hours"));
	fputs("\nPrioriteringslista ", o->f);
	put_value(o, get(d, "list_period"));
	fputc('\n', o->f);
	priority_list(o, get(d, "priority_list"));
}

/* ---- entry ---- */

typedef void (*renderer)(struct out *o, const json_t *doc);

pf_status pf_render_table(const pf_report *r, const pf_render_opts *o, char **out, size_t *len,
                          pf_error *err)
{
	static const renderer renderers[PF_REPORT_COUNT] = {
	    [PF_REPORT_QUARTER] = render_quarter,
	    [PF_REPORT_COMMITTEE] = render_committee,
	    [PF_REPORT_INITIATIVE] = render_initiative,
	    [PF_REPORT_PRIORITY] = render_priority,
	    [PF_REPORT_ROADMAP] = render_roadmap,
	    [PF_REPORT_TRACEABILITY] = render_traceability,
	};
	struct out w = {NULL, o && o->color, false};
	char *buf = NULL;
	size_t n = 0;
	int closed;

	*out = NULL;
	*len = 0;
	if (!r || (unsigned)r->kind >= PF_REPORT_COUNT || !renderers[r->kind])
		return pf_error_set(err, PF_EUSAGE, "no table format for this report");
	w.f = open_memstream(&buf, &n);
	if (!w.f)
		return pf_error_set(err, PF_ENOMEM, "out of memory rendering the table");
	renderers[r->kind](&w, r->doc);
	if (ferror(w.f))
		w.oom = true;
	closed = fclose(w.f);
	if (w.oom || closed != 0) {
		free(buf);
		return pf_error_set(err, PF_ENOMEM, "out of memory rendering the table");
	}
	*out = buf;
	*len = n;
	return PF_OK;
}
