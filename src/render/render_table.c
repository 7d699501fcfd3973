/*
 * The terminal `table` format of every report of FORMATS.md section 5.
 *
 * Reads only the report's kind and its contract document. Columns are aligned
 * in display columns (one per code point, so å ä ö § do not skew them), lights
 * carry a symbol and a word so they read without colour, and ANSI colour is
 * added only when the caller asks for it (a terminal without NO_COLOR).
 * Every value may be null, missing or of an unexpected type: it is shown as
 * "–" and never trusted.
 *
 * Values are formatted and most tables built by render_util (the tables the
 * csv, md and html formats show too); this file adds what a terminal needs:
 * its own column kinds and a few shorter headings, control characters made
 * harmless, long cells cut, colour, and the layout. Every label is a message
 * id of i18n.h, shown in the language asked for.
 */
#include <assert.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_util.h"

#define MAX_COLS 12
#define TRUNC_COLS 40 /* a longer cell in a 't' column ends in "…" */
#define FACT_COLS 17  /* the label column of a facts block */
#define WRAP_COLS 60  /* a list of ids breaks into lines of about this many columns */

#define RESET "\x1b[0m"

/* The colour of each light, by pf_rlight() index: green, yellow, red. */
static const char *const light_colors[PF_RLIGHTS] = {"\x1b[32m", "\x1b[33m", "\x1b[31m"};

/* Where the text goes; b.oom is set by any failed allocation and checked once at the end. */
struct out {
	pf_rbuf b;
	bool color;
	pf_lang lang;
};

/* ---- text ---- */

/*
 * Makes s fit for a terminal, in place: control characters (C0, DEL, C1)
 * become spaces so data cannot move the cursor or inject colour; carriage
 * returns are dropped; newlines are kept only when keep_nl. Passes NULL on.
 */
static char *clean(char *s, bool keep_nl)
{
	size_t n, j = 0;

	if (!s)
		return NULL;
	n = strlen(s);
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)s[i];
		unsigned char next = (unsigned char)s[i + 1];

		if (c == 0xc2 && next >= 0x80 && next <= 0x9f) {
			s[j++] = ' ';
			i++;
		} else if (c == '\r') {
			continue;
		} else if (c == '\n' && keep_nl) {
			s[j++] = '\n';
		} else {
			s[j++] = (c < 0x20 || c == 0x7f) ? ' ' : (char)c;
		}
	}
	s[j] = '\0';
	return s;
}

/* Any JSON value as one line of text: null, missing and objects as "–". */
static char *value_text(const struct out *o, const json_t *v)
{
	return clean(pf_rfmt_value(o->lang, v), false);
}

/* A fact that may span lines (a description), or "–". */
static char *long_text(const struct out *o, const json_t *v)
{
	return json_is_string(v) ? clean(strdup(json_string_value(v)), true) : value_text(o, v);
}

/* A light as symbol and word, coloured when asked; `none` (a message id) stands for null. */
static char *light_text(const struct out *o, const json_t *v, const char *none)
{
	int l = pf_rlight(v);
	char *s = clean(pf_rlight_text(o->lang, v, none), false), *colored;

	if (!s || !o->color || l < 0)
		return s;
	colored = pf_rfmt("%s%s%s", light_colors[l], s, RESET);
	free(s);
	return colored;
}

/* "×" for true, nothing otherwise. */
static char *mark_text(const json_t *v)
{
	return strdup(json_is_true(v) ? "×" : "");
}

/* "P-01, P-02", or "inga". */
static char *ids_text(const struct out *o, const json_t *ids)
{
	return clean(pf_rfmt_list(o->lang, ids, ", ", pf_rfmt_value, pf_tr(o->lang, "inga")),
	             false);
}

/* ---- tables ---- */

/*
 * Tables are render_util's pf_rtable. Their spec here is the terminal's: per
 * column l left, r right, t left and cut to TRUNC_COLS. Cells are cleaned and
 * cut when the table is written, and a cell with a light is coloured then.
 */

static void pad(FILE *f, size_t n)
{
	while (n--)
		fputc(' ', f);
}

static void put_cell(struct out *o, const pf_rcell *c)
{
	if (o->color && c->light >= 0 && c->light < PF_RLIGHTS)
		fprintf(o->b.f, "%s%s%s", light_colors[c->light], c->text, RESET);
	else
		fputs(c->text, o->b.f);
}

/* One row: columns two spaces apart, nothing written after its last non-empty cell. */
static void table_row(struct out *o, const pf_rtable *t, size_t row, const size_t *w)
{
	const pf_rcell *cells = pf_rtable_at(t, row, 0);
	size_t last = 0;

	for (size_t c = 0; c < t->ncols; c++)
		if (cells[c].text[0])
			last = c;
	for (size_t c = 0; c <= last; c++) {
		size_t gap = w[c] - pf_rwidth(cells[c].text);

		if (c > 0)
			fputs("  ", o->b.f);
		if (t->spec[c] == 'r')
			pad(o->b.f, gap);
		put_cell(o, &cells[c]);
		if (t->spec[c] != 'r' && c < last)
			pad(o->b.f, gap);
	}
	fputc('\n', o->b.f);
}

/* Cleans every cell and cuts those of 't' columns. */
static void table_fit(pf_rtable *t)
{
	for (size_t i = 0; i < t->n; i++) {
		char *s = clean(t->cells[i].text, false);

		if (s && t->spec[i % t->ncols] == 't') {
			t->cells[i].text = pf_rtruncate(s, TRUNC_COLS);
			free(s);
		}
		if (!t->cells[i].text)
			t->oom = true;
	}
}

/* Writes the table (or "inga" when it has no rows) and frees it. */
static void table_emit(struct out *o, pf_rtable *t)
{
	size_t w[MAX_COLS] = {0}, rows = t->n / t->ncols, total;

	assert(t->ncols > 0 && t->ncols <= MAX_COLS);
	table_fit(t);
	if (t->oom) {
		o->b.oom = true;
		goto out;
	}
	if (rows <= 1) {
		fprintf(o->b.f, "%s\n", pf_tr(o->lang, "inga"));
		goto out;
	}
	for (size_t i = 0; i < rows * t->ncols; i++) {
		size_t cw = pf_rwidth(t->cells[i].text);

		if (cw > w[i % t->ncols])
			w[i % t->ncols] = cw;
	}
	table_row(o, t, 0, w);
	total = 2 * (t->ncols - 1);
	for (size_t c = 0; c < t->ncols; c++)
		total += w[c];
	for (size_t i = 0; i < total; i++)
		fputs("─", o->b.f);
	fputc('\n', o->b.f);
	for (size_t r = 1; r < rows; r++)
		table_row(o, t, r, w);
out:
	pf_rtable_free(t);
}

/* Writes a table render_util built, in the terminal's column kinds (spec), and frees it. */
static void emit_as(struct out *o, pf_rtable *t, const char *spec)
{
	assert(strlen(spec) == t->ncols);
	t->spec = spec;
	table_emit(o, t);
}

/* Replaces the heading of column col with the terminal's shorter one (a message id). */
static void set_heading(pf_rtable *t, size_t col, const char *heading)
{
	if (col >= t->n) /* out of memory before the headings were all in */
		return;
	free(t->cells[col].text);
	t->cells[col].text = strdup(pf_tr(t->lang, heading));
	if (!t->cells[col].text)
		t->oom = true;
}

/* ---- lines ---- */

static void put_value(struct out *o, const json_t *v)
{
	pf_rbuf_take(&o->b, value_text(o, v));
}

/* A message id in the report's language. */
static void put_tr(struct out *o, const char *msgid)
{
	fputs(pf_tr(o->lang, msgid), o->b.f);
}

/* A blank line, then a section heading (a message id). */
static void section(struct out *o, const char *title)
{
	fprintf(o->b.f, "\n%s\n", pf_tr(o->lang, title));
}

/*
 * "Label:   value", continuation lines of a multi-line value indented under
 * it; label is a message id; takes value.
 */
static void fact(struct out *o, const char *msgid, char *value)
{
	const char *label = pf_tr(o->lang, msgid);
	char *line, *next;

	if (!value) {
		o->b.oom = true;
		return;
	}
	fprintf(o->b.f, "%s:", label);
	pad(o->b.f, FACT_COLS > pf_rwidth(label) + 1 ? FACT_COLS - pf_rwidth(label) - 1 : 1);
	for (line = value; line; line = next) {
		next = strchr(line, '\n');
		if (next)
			*next++ = '\0';
		if (line != value)
			pad(o->b.f, FACT_COLS);
		fprintf(o->b.f, "%s\n", line);
	}
	free(value);
}

/* ---- quarter ---- */

static void render_quarter(struct out *o, const json_t *d)
{
	const json_t *missing = pf_rget(d, "missing"), *list = pf_rget(d, "list_period");
	pf_rtable t;

	put_tr(o, PF_N_("Kvartalsrapport"));
	fputc(' ', o->b.f);
	put_value(o, pf_rget(d, "period"));
	if (json_is_null(list)) {
		fprintf(o->b.f, " (%s)", pf_tr(o->lang, "ingen prioriteringslista"));
	} else if (list) {
		fprintf(o->b.f, " (%s ", pf_tr(o->lang, "prioriteringslista"));
		put_value(o, list);
		fputs(")", o->b.f);
	}
	fputs("\n\n", o->b.f);
	pf_rtab_quarter(&t, o->lang, d);
	emit_as(o, &t, "rlttlllrlt");
	fprintf(o->b.f, "\n%s: ", pf_tr(o->lang, "Saknar uppföljning"));
	pf_rbuf_take(&o->b, ids_text(o, missing));
	fputc('\n', o->b.f);
}

/* ---- committee ---- */

/* "pågående 1, idé 1" in the document's order; "inga" when empty. */
static char *by_status_text(pf_lang lang, const json_t *by)
{
	const char *key;
	json_t *n;
	char *s = NULL;

	json_object_foreach((json_t *)by, key, n)
	{
		char *one = pf_rjoin(strdup(pf_rword(lang, PF_WORDS_PHASE, key)), " ",
		                     pf_rfmt_value(lang, n));

		s = s ? pf_rjoin(s, ", ", one) : one;
		if (!s)
			return NULL;
	}
	return s ? s : strdup(pf_tr(lang, "inga"));
}

/*
 * Benefit realisation (src/report/benefits.c): each section only when the document
 * has its key, so a report made before them reads as it always did.
 */
static void committee_benefits(struct out *o, const json_t *list, const json_t *d)
{
	pf_rtable t;

	if (pf_rany(list, "after_completion")) {
		section(o, PF_N_("Effekthemtagning"));
		pf_rtab_after_completion(&t, o->lang, d);
		emit_as(o, &t, "lrll");
	}
	if (pf_rany(list, "kpis_by_year")) {
		section(o, PF_N_("Nyckeltal per år"));
		pf_rtab_kpis_by_year(&t, o->lang, d);
		emit_as(o, &t, "lrrr");
	}
	if (pf_rany(list, "benefits")) {
		section(o, PF_N_("Nyttor"));
		pf_rtab_benefits(&t, o->lang, d);
		emit_as(o, &t, "llrrr");
	}
	if (pf_rany(list, "unmeasured_indicators")) {
		section(o, PF_N_("Ej mätta indikatorer"));
		pf_rtab_unmeasured(&t, o->lang, d);
		emit_as(o, &t, "ll");
	}
}

/* Line k of a cell's text (k from 0), a new string; "" past its last line. */
static char *cell_line(const char *text, size_t k)
{
	const char *nl;

	for (; k > 0 && text; k--)
		text = (nl = strchr(text, '\n')) ? nl + 1 : NULL;
	if (!text)
		return strdup("");
	nl = strchr(text, '\n');
	return nl ? strndup(text, (size_t)(nl - text)) : strdup(text);
}

/* How many lines the tallest cell of a row has, at least min. */
static size_t row_lines(const pf_rtable *t, size_t row, size_t min)
{
	size_t most = min;

	for (size_t c = 0; c < t->ncols; c++) {
		size_t n = 1;

		for (const char *p = pf_rtable_at(t, row, c)->text; (p = strchr(p, '\n')); p++)
			n++;
		if (n > most)
			most = n;
	}
	return most;
}

/*
 * Writes src (freed) with each row on as many lines as its tallest cell has
 * (min at least), a cell's light on its first line only: table_emit() keeps
 * a cell on one line.
 */
static void emit_lines(struct out *o, pf_rtable *src, size_t min)
{
	pf_rtable t;

	memset(&t, 0, sizeof(t));
	t.spec = src->spec;
	t.lang = src->lang;
	t.ncols = src->ncols;
	t.oom = src->oom;
	for (size_t c = 0; !src->oom && c < src->ncols; c++)
		pf_rtable_add(&t, strdup(pf_rtable_at(src, 0, c)->text), -1);
	for (size_t r = 1; !src->oom && r <= pf_rtable_rows(src); r++)
		for (size_t line = 0, n = row_lines(src, r, min); line < n; line++)
			for (size_t c = 0; c < src->ncols; c++) {
				const pf_rcell *x = pf_rtable_at(src, r, c);

				pf_rtable_add(&t, cell_line(x->text, line), line ? -1 : x->light);
			}
	pf_rtable_free(src);
	table_emit(o, &t);
}

/*
 * Lights by quarter (pf_rtab_lights_by_quarter()), each committee on two
 * lines: its lights, then the realisation beneath each.
 */
static void lights_by_quarter(struct out *o, const json_t *d)
{
	pf_rtable t;

	section(o, PF_N_("Ljus per kvartal"));
	pf_rtab_lights_by_quarter(&t, o->lang, d);
	emit_lines(o, &t, 2);
}

/*
 * Breaks a list "A, B, C" in place after a comma where a line would pass
 * width columns, so a committee's many ids stay readable in a terminal.
 */
static void wrap_list(char *s, size_t width)
{
	size_t col = 0;

	for (char *item = s; item;) {
		char *sep = strstr(item, ", ");
		size_t w;

		if (sep)
			*sep = '\0';
		w = pf_rwidth(item);
		if (sep)
			*sep = ',';
		if (col > 0 && col + w > width) {
			item[-1] = '\n';
			col = 0;
		}
		col += w + 2;
		item = sep ? sep + 2 : NULL;
	}
}

/* The stale count and the indicators not measured for P, the ids wrapped (pf_rtab_not_measured()).
 */
static void not_measured(struct out *o, const json_t *d)
{
	pf_rtable t;

	section(o, PF_N_("Ej mätta detta kvartal"));
	pf_rtab_not_measured(&t, o->lang, d);
	for (size_t r = 1; !t.oom && r <= pf_rtable_rows(&t); r++)
		wrap_list(t.cells[r * t.ncols + 2].text, WRAP_COLS);
	t.spec = "lrl";
	emit_lines(o, &t, 1);
}

static void render_committee(struct out *o, const json_t *d)
{
	const json_t *list = pf_rget(d, "committees");
	pf_rtable t;

	put_tr(o, PF_N_("Nämndrapport"));
	fputc(' ', o->b.f);
	put_value(o, pf_rget(d, "period"));
	fputs("\n\n", o->b.f);
	pf_rtab_committee(&t, o->lang, d);
	set_heading(&t, 8, PF_N_("Saknar uppf."));
	emit_as(o, &t, "lrrrrrrrr");
	if (pf_rhas_lights_by_quarter(d))
		lights_by_quarter(o, d);
	section(o, PF_N_("Initiativ per fas"));
	pf_rtable_init(&t, o->lang, "ll", PF_N_("Nämnd"), PF_N_("Fas"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i);

		pf_rtable_value(&t, pf_rget(c, "code"));
		pf_rtable_add(&t, by_status_text(o->lang, pf_rget(c, "by_status")), -1);
	}
	table_emit(o, &t);
	committee_benefits(o, list, d);
	if (pf_rany(list, "not_measured_this_period"))
		not_measured(o, d);
}

/* ---- roadmap ---- */

/*
 * "År 1 (2025)": the year from first_year, else from an item; "Senare" has
 * none. Unlike pf_rhorizon_heading(), any integer first_year is taken (added
 * to unsigned, so one at the limit wraps rather than overflows).
 */
static char *horizon_heading(pf_lang lang, const json_t *d, size_t h)
{
	const json_t *first = pf_rget(d, "first_year");

	if (h < PF_RHORIZONS - 1 && json_is_integer(first))
		return pf_rfmt(pf_tr(lang, "År %zu (%lld)"), h + 1,
		               (long long)((unsigned long long)json_integer_value(first) + h));
	return pf_rhorizon_heading(lang, d, h);
}

/* The items on horizon h; h == PF_RHORIZONS: those on no known horizon (shown only if any). */
static void roadmap_horizon(struct out *o, const json_t *d, size_t h)
{
	const json_t *items = pf_rget(d, "items");
	pf_rtable t;

	pf_rtable_init(&t, o->lang, "ltllr", PF_N_("Id"), PF_N_("Initiativ"), PF_N_("Fas"),
	               PF_N_("Bedömning"), PF_N_("Realisering"));
	for (size_t i = 0; i < json_array_size(items); i++) {
		const json_t *it = json_array_get(items, i);

		if (pf_rhorizon_index(pf_rget(it, "horizon")) != h)
			continue;
		pf_rtable_value(&t, pf_rget(it, "initiative"));
		pf_rtable_value(&t, pf_rget(it, "title"));
		pf_rtable_word(&t, PF_WORDS_PHASE, pf_rget(it, "status"));
		pf_rtable_light(&t, pf_rget(it, "assessment"), PF_NONE);
		pf_rtable_pct(&t, pf_rget(it, "realisation"));
	}
	if (h == PF_RHORIZONS && t.n == t.ncols) {
		pf_rtable_free(&t);
		return;
	}
	fputc('\n', o->b.f);
	pf_rbuf_take(&o->b, horizon_heading(o->lang, d, h));
	fputc('\n', o->b.f);
	table_emit(o, &t);
}

/* "P-05 senare → år 2, …" */
static char *moved_text(const struct out *o, const json_t *moved)
{
	return clean(pf_rfmt_list(o->lang, moved, ", ", pf_rmoved_text, pf_tr(o->lang, "inga")),
	             false);
}

static void roadmap_facts(struct out *o, const json_t *d)
{
	fact(o, PF_N_("Färdplan"), value_text(o, pf_rget(d, "roadmap")));
	fact(o, PF_N_("Version"), value_text(o, pf_rget(d, "version")));
	fact(o, PF_N_("Verksamhet"), value_text(o, pf_rget(d, "unit")));
	fact(o, PF_N_("Nämnd"), value_text(o, pf_rget(d, "committee")));
	fact(o, PF_N_("Datum"), value_text(o, pf_rget(d, "date")));
	fact(o, PF_N_("Beslutad av"), value_text(o, pf_rget(d, "decided_by")));
	fact(o, PF_N_("Jämförd med"),
	     clean(pf_rfmt_or(o->lang, pf_rget(d, "previous_version"),
	                      pf_tr(o->lang, "– (första versionen)")),
	           false));
	if (pf_rget(d, "period"))
		fact(o, PF_N_("Period"), value_text(o, pf_rget(d, "period")));
}

static void decisions_table(struct out *o, const json_t *list, bool titles)
{
	pf_rtable t;

	pf_rtab_decisions(&t, o->lang, list, titles);
	emit_as(o, &t, titles ? "lllltl" : "lllll");
}

static void render_roadmap(struct out *o, const json_t *d)
{
	const json_t *changes = pf_rget(d, "changes");

	/* Roadmap names usually say "färdplan" themselves ("Digital färdplan KB 2024"). */
	put_value(o, pf_rget(d, "roadmap"));
	fprintf(o->b.f, ", %s ", pf_tr(o->lang, "version"));
	put_value(o, pf_rget(d, "version"));
	fputs("\n\n", o->b.f);
	roadmap_facts(o, d);
	for (size_t h = 0; h <= PF_RHORIZONS; h++)
		roadmap_horizon(o, d, h);
	section(o, PF_N_("Ändringar"));
	fact(o, PF_N_("Tillagda"), ids_text(o, pf_rget(changes, "added")));
	fact(o, PF_N_("Borttagna"), ids_text(o, pf_rget(changes, "removed")));
	fact(o, PF_N_("Flyttade"), moved_text(o, pf_rget(changes, "moved")));
	section(o, PF_N_("Beslut"));
	decisions_table(o, pf_rget(d, "decisions"), false);
	fprintf(o->b.f, "\n%s: ", pf_tr(o->lang, "Rapporterad till nämnden"));
	put_value(o, pf_rget(d, "reported_to_committee"));
	fputc('\n', o->b.f);
}

/* ---- traceability ---- */

static void unreported_roadmaps(struct out *o, const json_t *list)
{
	pf_rtable t;

	pf_rtable_init(&t, o->lang, "llll", PF_N_("Nämnd"), PF_N_("Färdplan"), PF_N_("Version"),
	               PF_N_("Datum"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i), *rms = pf_rget(c, "roadmaps");

		for (size_t j = 0; j < json_array_size(rms); j++) {
			const json_t *rm = json_array_get(rms, j);

			if (json_is_true(pf_rget(rm, "reported")))
				continue;
			pf_rtable_value(&t, pf_rget(c, "code"));
			pf_rtable_value(&t, pf_rget(rm, "roadmap"));
			pf_rtable_value(&t, pf_rget(rm, "version"));
			pf_rtable_value(&t, pf_rget(rm, "date"));
		}
	}
	table_emit(o, &t);
}

static void render_traceability(struct out *o, const json_t *d)
{
	pf_rtable t;

	put_tr(o, PF_N_("Spårbarhet"));
	fputc(' ', o->b.f);
	pf_rbuf_take(&o->b, clean(pf_rfmt_year(o->lang, pf_rget(d, "year")), false));
	fputs("\n\n", o->b.f);
	pf_rtab_traceability(&t, o->lang, d);
	emit_as(o, &t, "lrrrrl");
	section(o, PF_N_("Färdplaner som inte rapporterats till nämnden"));
	unreported_roadmaps(o, pf_rget(d, "committees"));
}

/* ---- initiative ---- */

static void initiative_facts(struct out *o, const json_t *d)
{
	const json_t *it = pf_rget(d, "initiative");
	json_t *kr = json_string(pf_tr(o->lang, "kr"));

	for (size_t i = 0; i < PF_RINITIATIVE_FIELDS; i++) {
		const pf_rfield *f = &pf_rinitiative_fields[i];
		const json_t *v = pf_rget(it, f->key);

		fact(o, f->label,
		     f->set >= 0 ? clean(pf_rfmt_word(o->lang, (pf_wordset)f->set, v), false)
		                 : long_text(o, v));
	}
	fact(o, PF_N_("Budget"), clean(pf_rfmt_unit(o->lang, pf_rget(it, "budget"), kr), false));
	fact(o, PF_N_("IT-timmar"), value_text(o, pf_rget(it, "it_hours")));
	fact(o, PF_N_("Realisering"), pf_rfmt_pct(o->lang, pf_rget(d, "realisation")));
	fact(o, PF_N_("Förväntat"), pf_rfmt_pct(o->lang, pf_rget(d, "expected")));
	fact(o, PF_N_("Beräknat ljus"), light_text(o, pf_rget(d, "computed"), PF_N_("– ej mätt")));
	json_decref(kr);
}

/* "2025Q1 60": one measured value. */
static char *measurement_text(pf_lang lang, const json_t *m)
{
	return pf_rjoin(pf_rfmt_value(lang, pf_rget(m, "period")), " ",
	                pf_rfmt_value(lang, pf_rget(m, "value")));
}

static void series_table(struct out *o, const json_t *list)
{
	pf_rtable t;

	pf_rtable_init(&t, o->lang, "ll", PF_N_("Id"), PF_N_("Mätvärden"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *ind = json_array_get(list, i);

		pf_rtable_value(&t, pf_rget(ind, "indicator_id"));
		/* "2025Q1 60 · 2025Q3 75", or "–" when nothing is measured */
		pf_rtable_add(
		    &t,
		    pf_rfmt_list(o->lang, pf_rget(ind, "series"), " · ", measurement_text, PF_NONE),
		    -1);
	}
	table_emit(o, &t);
}

static void history_tables(struct out *o, const json_t *d)
{
	pf_rtable t;

	section(o, PF_N_("Uppföljningar"));
	pf_rtab_followups(&t, o->lang, pf_rget(d, "followups"));
	emit_as(o, &t, "lllttl");
	section(o, PF_N_("Prioriteringar"));
	pf_rtab_priorities(&t, o->lang, pf_rget(d, "priorities"));
	emit_as(o, &t, "lr");
	section(o, PF_N_("Färdplaner"));
	pf_rtab_initiative_roadmaps(&t, o->lang, pf_rget(d, "roadmaps"));
	emit_as(o, &t, "llll");
	section(o, PF_N_("Beslut"));
	decisions_table(o, pf_rget(d, "decisions"), true);
	section(o, PF_N_("Ändringshistorik"));
	pf_rtab_changes(&t, o->lang, pf_rget(d, "changes"));
	emit_as(o, &t, "llllltt");
}

/* The value its effect goals promise and have realised, and the goals not measured yet. */
static void initiative_benefits(struct out *o, const json_t *d)
{
	pf_rtable t;

	if (pf_rany(d, "benefits")) {
		section(o, PF_N_("Nyttor"));
		pf_rtab_initiative_benefits(&t, o->lang, pf_rget(d, "benefits"));
		emit_as(o, &t, "lrrr");
	}
	if (pf_rany(d, "unmeasured_indicators")) {
		fprintf(o->b.f, "\n%s: ", pf_tr(o->lang, "Ej mätta indikatorer"));
		pf_rbuf_take(
		    &o->b, clean(pf_rfmt_ids(o->lang, pf_rget(d, "unmeasured_indicators")), false));
		fputc('\n', o->b.f);
	}
}

static void render_initiative(struct out *o, const json_t *d)
{
	const json_t *it = pf_rget(d, "initiative"), *inds = pf_rget(d, "indicators");
	pf_rtable t;

	put_tr(o, PF_N_("Initiativ"));
	fputc(' ', o->b.f);
	put_value(o, pf_rget(it, "id"));
	fputs(": ", o->b.f);
	put_value(o, pf_rget(it, "title"));
	fputs(" (", o->b.f);
	put_value(o, pf_rget(d, "period"));
	fputs(")\n\n", o->b.f);
	initiative_facts(o, d);
	section(o, PF_N_("Effektmål och indikatorer"));
	pf_rtab_indicators(&t, o->lang, inds);
	emit_as(o, &t, "ltllrrl");
	initiative_benefits(o, d);
	section(o, PF_N_("Indikatorernas underlag"));
	pf_rtab_indicator_details(&t, o->lang, inds);
	set_heading(&t, 8, PF_N_("Nytta (kr)"));
	emit_as(o, &t, "ltllttrlr");
	section(o, PF_N_("Mätserier"));
	series_table(o, inds);
	history_tables(o, d);
}

/* ---- priority ---- */

/*
 * The waiting initiatives; a Poäng column when they have scores (the parts
 * follow in a table of their own: in this one they would not fit a terminal).
 */
static void waiting_table(struct out *o, const json_t *list, bool scored)
{
	pf_rtable t;

	if (scored)
		pf_rtable_init(&t, o->lang, "llltrllrrll", PF_N_("Tvärsekt."), PF_N_("Innov."),
		               PF_N_("Id"), PF_N_("Initiativ"), PF_N_("Poäng"), PF_N_("Nämnd"),
		               PF_N_("Fas"), PF_N_("IT-timmar"), PF_N_("Budget (kr)"),
		               PF_N_("Start"), PF_N_("Slut"));
	else
		pf_rtable_init(&t, o->lang, "llltllrrll", PF_N_("Tvärsekt."), PF_N_("Innov."),
		               PF_N_("Id"), PF_N_("Initiativ"), PF_N_("Nämnd"), PF_N_("Fas"),
		               PF_N_("IT-timmar"), PF_N_("Budget (kr)"), PF_N_("Start"),
		               PF_N_("Slut"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *w = json_array_get(list, i);

		pf_rtable_add(&t, mark_text(pf_rget(w, "cross_cutting")), -1);
		pf_rtable_add(&t, mark_text(pf_rget(w, "innovative")), -1);
		pf_rtable_value(&t, pf_rget(w, "id"));
		pf_rtable_value(&t, pf_rget(w, "title"));
		if (scored)
			pf_rtable_value(&t, pf_rget(w, "score"));
		pf_rtable_value(&t, pf_rget(w, "committee"));
		pf_rtable_word(&t, PF_WORDS_PHASE, pf_rget(w, "status"));
		pf_rtable_value(&t, pf_rget(w, "it_hours"));
		pf_rtable_value(&t, pf_rget(w, "budget"));
		pf_rtable_value(&t, pf_rget(w, "start"));
		pf_rtable_value(&t, pf_rget(w, "end"));
	}
	table_emit(o, &t);
}

/* Each waiting initiative's score and its parts (0..1), in the waiting order. */
static void score_table(struct out *o, const json_t *list)
{
	const char *heads[2 + PF_RSCORE_PARTS] = {PF_N_("Id"), PF_N_("Poäng")};
	pf_rtable t;

	for (size_t p = 0; p < PF_RSCORE_PARTS; p++)
		heads[2 + p] = pf_rscore_parts[p].heading;
	pf_rtable_init_v(&t, o->lang, "lrrrrrr", heads);
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *w = json_array_get(list, i), *parts = pf_rget(w, "score_parts");

		pf_rtable_value(&t, pf_rget(w, "id"));
		pf_rtable_value(&t, pf_rget(w, "score"));
		for (size_t p = 0; p < PF_RSCORE_PARTS; p++)
			pf_rtable_value(&t, pf_rget(parts, pf_rscore_parts[p].key));
	}
	table_emit(o, &t);
}

/* How the priority list changed from the one before it: in, out, up, down. */
static void list_changes(struct out *o, const json_t *ch)
{
	const json_t *moved = pf_rget(ch, "moved");
	const json_t *prev = pf_rget(ch, "previous_period");

	fputc('\n', o->b.f);
	pf_rbuf_take(&o->b, clean(pf_rlist_changes_heading(o->lang, ch), false));
	fputc('\n', o->b.f);
	if (!prev || json_is_null(prev)) {
		/* the first list: everything on it is new, nothing to compare */
		fprintf(o->b.f, "%s\n", pf_tr(o->lang, "Ingen föregående lista."));
		return;
	}
	fact(o, PF_N_("Nya på listan"), ids_text(o, pf_rget(ch, "entered")));
	fact(o, PF_N_("Lämnat listan"), ids_text(o, pf_rget(ch, "left")));
	fact(o, PF_N_("Flyttade upp"), clean(pf_rfmt_rank_moves(o->lang, moved, true), false));
	fact(o, PF_N_("Flyttade ned"), clean(pf_rfmt_rank_moves(o->lang, moved, false), false));
}

static void hours_table(struct out *o, const json_t *list)
{
	pf_rtable t;

	pf_rtable_init(&t, o->lang, "lrrrl", PF_N_("Period"), PF_N_("Begärt"), PF_N_("Åtagna"),
	               PF_N_("Kapacitet"), "");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *h = json_array_get(list, i);

		pf_rtable_value(&t, pf_rget(h, "period"));
		pf_rtable_value(&t, pf_rget(h, "asked"));
		pf_rtable_value(&t, pf_rget(h, "committed"));
		pf_rtable_value(&t, pf_rget(h, "capacity"));
		pf_rtable_add(
		    &t, strdup(json_is_true(pf_rget(h, "over")) ? pf_tr(o->lang, "ÖVER") : ""), -1);
	}
	table_emit(o, &t);
}

static void render_priority(struct out *o, const json_t *d)
{
	const json_t *cap = pf_rget(d, "capacity"), *waiting = pf_rget(d, "waiting");
	bool scored = pf_rany(waiting, "score") || pf_rany(waiting, "score_parts");
	pf_rtable t;

	put_tr(o, PF_N_("Prioriteringsunderlag"));
	fputc(' ', o->b.f);
	put_value(o, pf_rget(d, "period"));
	fputs("\n\n", o->b.f);
	fact(o, PF_N_("Region IT-kapacitet"),
	     json_is_number(cap)
	         ? pf_rjoin(value_text(o, cap), " ", strdup(pf_tr(o->lang, "timmar per kvartal")))
	         : strdup(pf_tr(o->lang, "ej angiven")));
	if (json_is_object(pf_rget(d, "score_weights")))
		fact(o, PF_N_("Poängvikter"),
		     pf_rfmt_score_parts(o->lang, pf_rget(d, "score_weights")));
	section(o, PF_N_("Väntar på beslut (tvärsektoriella först)"));
	waiting_table(o, waiting, scored);
	if (scored) {
		section(o, PF_N_("Poängens delar"));
		score_table(o, waiting);
	}
	section(o, PF_N_("Region IT-timmar per kvartal"));
	hours_table(o, pf_rget(d, "hours"));
	fprintf(o->b.f, "\n%s ", pf_tr(o->lang, "Prioriteringslista"));
	put_value(o, pf_rget(d, "list_period"));
	fputc('\n', o->b.f);
	pf_rtab_priority_list(&t, o->lang, pf_rget(d, "priority_list"));
	emit_as(o, &t, "rltlll");
	if (json_is_object(pf_rget(d, "list_changes")))
		list_changes(o, pf_rget(d, "list_changes"));
}

/* ---- benefits ---- */

/* The committees' benefit realisation as the committee report shows it, then each initiative. */
static void render_benefits(struct out *o, const json_t *d)
{
	pf_rtable t;

	put_tr(o, PF_N_("Effekthemtagning och nyttor"));
	fputc(' ', o->b.f);
	put_value(o, pf_rget(d, "period"));
	fputc('\n', o->b.f);
	if (pf_rhas_lights_by_quarter(d))
		lights_by_quarter(o, d);
	committee_benefits(o, pf_rget(d, "committees"), d);
	section(o, PF_N_("Nyttor per initiativ"));
	pf_rtab_benefit_initiatives(&t, o->lang, d);
	emit_as(o, &t, "ltllrrrr");
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
	    [PF_REPORT_BENEFITS] = render_benefits,
	};
	struct out w = {.color = o && o->color, .lang = pf_rlang(o)};

	*out = NULL;
	*len = 0;
	if (!r || (unsigned)r->kind >= PF_REPORT_COUNT || !renderers[r->kind])
		return pf_error_set(err, PF_EUSAGE, "no table format for this report");
	if (!pf_rbuf_open(&w.b))
		return pf_error_set(err, PF_ENOMEM, "out of memory rendering the table");
	renderers[r->kind](&w, r->doc);
	if (pf_rbuf_finish(&w.b, out, len, NULL) != PF_OK)
		return pf_error_set(err, PF_ENOMEM, "out of memory rendering the table");
	return PF_OK;
}
