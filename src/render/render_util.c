/*
 * Helpers shared by the renderers (csv, md, html and the terminal table); see render_util.h.
 *
 * Every text shown is a message id of i18n.h (marked PF_N_ where it is
 * translated later, by pf_rtable_init() or fact()), a canonical word shown
 * through pf_rword(), or data shown as it is.
 *
 * The report tables at the end are the terminal table format's too:
 * src/render/render_table.c writes most of them in its own column kinds, so every
 * format shows the same content; md and html differ only in how they write a
 * table, and html adds charts.
 */
#include "render/render_util.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* ---- output ---- */

bool pf_rbuf_open(pf_rbuf *b)
{
	memset(b, 0, sizeof(*b));
	b->f = open_memstream(&b->data, &b->len);
	return b->f != NULL;
}

void pf_rbuf_puts(pf_rbuf *b, const char *s)
{
	if (fputs(s, b->f) == EOF)
		b->oom = true;
}

void pf_rbuf_putn(pf_rbuf *b, const char *s, size_t n)
{
	if (n && fwrite(s, 1, n, b->f) != n)
		b->oom = true;
}

void pf_rbuf_printf(pf_rbuf *b, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	if (vfprintf(b->f, fmt, ap) < 0)
		b->oom = true;
	va_end(ap);
}

void pf_rbuf_take(pf_rbuf *b, char *s)
{
	if (!s)
		b->oom = true;
	else
		pf_rbuf_puts(b, s);
	free(s);
}

pf_status pf_rbuf_finish(pf_rbuf *b, char **out, size_t *len, pf_error *err)
{
	bool failed = b->oom || ferror(b->f);

	if (fclose(b->f) != 0)
		failed = true;
	b->f = NULL;
	if (failed) {
		free(b->data);
		b->data = NULL;
		return pf_error_set(err, PF_ENOMEM, "out of memory rendering the report");
	}
	*out = b->data;
	*len = b->len;
	b->data = NULL;
	return PF_OK;
}

/* ---- JSON ---- */

const json_t *pf_rget(const json_t *obj, const char *key)
{
	return json_is_object(obj) ? json_object_get(obj, key) : NULL;
}

const char *pf_rget_str(const json_t *obj, const char *key)
{
	return json_string_value(pf_rget(obj, key));
}

bool pf_rnum(const json_t *v, double *out)
{
	double d = json_number_value(v);

	if (!json_is_number(v) || !isfinite(d))
		return false;
	*out = d;
	return true;
}

/* ---- text ---- */

char *pf_rfmt(const char *fmt, ...)
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

char *pf_rjoin(char *a, const char *sep, char *b)
{
	char *s = a && b ? pf_rfmt("%s%s%s", a, sep, b) : NULL;

	free(a);
	free(b);
	return s;
}

size_t pf_rwidth(const char *s)
{
	size_t w = 0;

	for (; *s; s++)
		if (((unsigned char)*s & 0xc0) != 0x80)
			w++;
	return w;
}

char *pf_rtruncate(const char *s, size_t max)
{
	size_t i, w = 0;
	char *t;

	if (pf_rwidth(s) <= max || max == 0)
		return strdup(s);
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
	return t;
}

pf_lang pf_rlang(const pf_render_opts *o)
{
	return o && o->lang == PF_LANG_EN ? PF_LANG_EN : PF_LANG_SV;
}

char *pf_rfmt_int(pf_lang lang, long long v)
{
	char digits[32], buf[48];
	size_t n, j = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
	/* Swedish convention: four-digit numbers stay ungrouped; English groups 1,000. */
	unsigned long long from = lang == PF_LANG_EN ? 1000 : 10000;

	n = (size_t)snprintf(digits, sizeof(digits), "%llu", u);
	if (v < 0)
		buf[j++] = '-';
	for (size_t i = 0; i < n; i++) {
		if (i > 0 && u >= from && (n - i) % 3 == 0)
			buf[j++] = lang == PF_LANG_EN ? ',' : ' ';
		buf[j++] = digits[i];
	}
	buf[j] = '\0';
	return strdup(buf);
}

/*
 * The language's decimal mark, whatever the C locale wrote (no setlocale
 * today, but the output must not change if one appears), and no sign on a
 * negative zero.
 */
static char *decimal_mark(pf_lang lang, char *s)
{
	char *p;

	if (!s)
		return NULL;
	p = strpbrk(s, ".,");
	if (p)
		*p = lang == PF_LANG_EN ? '.' : ',';
	if (s[0] == '-' && strspn(s + 1, "0,. %") == strlen(s + 1))
		memmove(s, s + 1, strlen(s));
	return s;
}

/* English groups the integer part of a real as it groups integers: "1,450.5"; takes s. */
static char *group_thousands(char *s)
{
	size_t lead, n, j = 0;
	char *t;

	if (!s)
		return NULL;
	lead = s[0] == '-';
	n = strspn(s + lead, "0123456789");
	if (n <= 3)
		return s;
	t = malloc(strlen(s) + (n - 1) / 3 + 1);
	if (t) {
		memcpy(t, s, lead);
		j = lead;
		for (size_t i = 0; i < n; i++) {
			if (i > 0 && (n - i) % 3 == 0)
				t[j++] = ',';
			t[j++] = s[lead + i];
		}
		strcpy(t + j, s + lead + n);
	}
	free(s);
	return t;
}

char *pf_rfmt_real(pf_lang lang, double v)
{
	char buf[64];
	size_t n;
	char *s;

	if (!isfinite(v))
		return strdup(PF_NONE);
	if (fabs(v) >= 1e15)
		return decimal_mark(lang, pf_rfmt("%.6g", v));
	if (v == floor(v))
		return pf_rfmt_int(lang, (long long)v);
	n = (size_t)snprintf(buf, sizeof(buf), "%.2f", v);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && (buf[n - 1] == '.' || buf[n - 1] == ','))
		buf[--n] = '\0';
	s = decimal_mark(lang, strdup(buf));
	return lang == PF_LANG_EN ? group_thousands(s) : s;
}

char *pf_rfmt_value(pf_lang lang, const json_t *v)
{
	if (json_is_string(v))
		return strdup(json_string_value(v));
	if (json_is_integer(v))
		return pf_rfmt_int(lang, (long long)json_integer_value(v));
	if (json_is_real(v))
		return pf_rfmt_real(lang, json_real_value(v));
	if (json_is_true(v))
		return strdup(pf_tr(lang, "ja"));
	if (json_is_false(v))
		return strdup(pf_tr(lang, "nej"));
	if (json_is_array(v))
		return pf_rfmt_list(lang, v, ", ", pf_rfmt_value, PF_NONE);
	return strdup(PF_NONE);
}

char *pf_rfmt_year(pf_lang lang, const json_t *v)
{
	/* Swedish groups from 10 000 on, past any real year: it is written as any integer */
	if (lang == PF_LANG_EN && json_is_integer(v))
		return pf_rfmt("%lld", (long long)json_integer_value(v));
	return pf_rfmt_value(lang, v);
}

char *pf_rfmt_or(pf_lang lang, const json_t *v, const char *none)
{
	return !v || json_is_null(v) ? strdup(none) : pf_rfmt_value(lang, v);
}

char *pf_rfmt_list(pf_lang lang, const json_t *a, const char *sep,
                   char *(*item)(pf_lang lang, const json_t *), const char *empty)
{
	char *s = NULL;

	for (size_t i = 0; i < json_array_size(a); i++) {
		char *one = item(lang, json_array_get(a, i));

		s = s ? pf_rjoin(s, sep, one) : one;
		if (!s)
			return NULL;
	}
	return s ? s : strdup(empty);
}

char *pf_rfmt_unit(pf_lang lang, const json_t *v, const json_t *unit)
{
	if (!json_is_number(v) || !json_is_string(unit) || !json_string_length(unit))
		return pf_rfmt_value(lang, v);
	return pf_rjoin(pf_rfmt_value(lang, v), " ", pf_rfmt_value(lang, unit));
}

char *pf_rfmt_pct_of(pf_lang lang, double fraction)
{
	double p = fraction * 100.0;

	if (!isfinite(p))
		return strdup(PF_NONE);
	if (fabs(p) >= 1e15)
		return decimal_mark(lang, pf_rfmt("%.6g %%", p));
	return decimal_mark(lang, pf_rfmt("%.1f %%", p));
}

char *pf_rfmt_pct(pf_lang lang, const json_t *v)
{
	double d;

	return pf_rnum(v, &d) ? pf_rfmt_pct_of(lang, d) : strdup(PF_NONE);
}

/* ---- words ---- */

static const char *const light_words[PF_RLIGHTS] = {"grön", "gul", "röd"};
static const char *const light_symbols[PF_RLIGHTS] = {"●", "◐", "○"};
static const char *const light_classes[PF_RLIGHTS] = {"green", "yellow", "red"};

_Static_assert((int)PF_RLIGHTS == (int)PF_LIGHT_COUNT && (int)PF_RSTATUSES == (int)PF_PHASE_COUNT &&
                   (int)PF_RHORIZONS == (int)PF_HORIZON_COUNT,
               "the renderers' words are value.h's");

const char *const pf_rstatus[PF_RSTATUSES] = {"idé",    "förstudie", "beslutad", "pågående",
                                              "pausad", "avslutad",  "stoppad"};
/* Message ids too: English shows "year 1" where pf_word_en() has the alias "year1". */
const char *const pf_rhorizon[PF_RHORIZONS] = {PF_N_("år 1"), PF_N_("år 2"), PF_N_("år 3"),
                                               PF_N_("senare")};

/* The bodies of FORMATS.md that are no committee code: value.h's PF_BODY_*. */
static const char *const bodies[] = {PF_N_("regionledningen"), PF_N_("digitaliseringsrådet"),
                                     PF_N_("förvaltningen")};

int pf_rlight(const json_t *v)
{
	const char *w = json_string_value(v);

	for (int i = 0; w && i < PF_RLIGHTS; i++)
		if (!strcmp(w, light_words[i]))
			return i;
	return -1;
}

const char *pf_rlight_word(pf_lang lang, int light)
{
	if (light < 0 || light >= PF_RLIGHTS)
		return PF_NONE;
	return lang == PF_LANG_EN ? pf_word_en(PF_WORDS_LIGHT, light) : light_words[light];
}

const char *pf_rlight_symbol(int light)
{
	return light >= 0 && light < PF_RLIGHTS ? light_symbols[light] : PF_NONE;
}

const char *pf_rlight_class(int light)
{
	return light >= 0 && light < PF_RLIGHTS ? light_classes[light] : "none";
}

char *pf_rlight_text(pf_lang lang, const json_t *v, const char *none)
{
	int l = pf_rlight(v);

	if (l < 0)
		return pf_rfmt_or(lang, v, pf_tr(lang, none));
	return pf_rfmt("%s %s", light_symbols[l], pf_rlight_word(lang, l));
}

const char *pf_rword(pf_lang lang, pf_wordset set, const char *word)
{
	if (!word || lang != PF_LANG_EN)
		return word;
	for (int i = 0; i < pf_word_count(set); i++)
		if (!strcmp(word, pf_word(set, i)))
			return set == PF_WORDS_HORIZON ? pf_tr(lang, pf_rhorizon[i])
			                               : pf_word_en(set, i);
	return word;
}

const char *pf_rbody(pf_lang lang, const char *body)
{
	for (size_t i = 0; body && i < COUNT_OF(bodies); i++)
		if (!strcmp(body, bodies[i]))
			return pf_tr(lang, bodies[i]);
	return body;
}

char *pf_rfmt_word(pf_lang lang, pf_wordset set, const json_t *v)
{
	return json_is_string(v) ? strdup(pf_rword(lang, set, json_string_value(v)))
	                         : pf_rfmt_value(lang, v);
}

size_t pf_rhorizon_index(const json_t *v)
{
	const char *s = json_string_value(v);
	size_t h;

	for (h = 0; s && h < PF_RHORIZONS; h++)
		if (!strcmp(s, pf_rhorizon[h]))
			break;
	return s ? h : PF_RHORIZONS;
}

char *pf_rhorizon_heading(pf_lang lang, const json_t *doc, size_t h)
{
	const json_t *items = pf_rget(doc, "items"), *first = pf_rget(doc, "first_year");

	if (h >= PF_RHORIZONS)
		return strdup(pf_tr(lang, "Övriga"));
	if (h == PF_RHORIZONS - 1)
		return strdup(pf_tr(lang, "Senare"));
	/* A year past 9999 is nonsense, but must not overflow. */
	if (json_is_integer(first) && json_integer_value(first) > -1000000 &&
	    json_integer_value(first) < 1000000)
		return pf_rfmt(pf_tr(lang, "År %zu (%lld)"), h + 1,
		               (long long)json_integer_value(first) + (long long)h);
	for (size_t i = 0; i < json_array_size(items); i++) {
		const json_t *it = json_array_get(items, i), *year = pf_rget(it, "year");

		if (pf_rhorizon_index(pf_rget(it, "horizon")) == h && json_is_integer(year))
			return pf_rfmt(pf_tr(lang, "År %zu (%lld)"), h + 1,
			               (long long)json_integer_value(year));
	}
	return pf_rfmt(pf_tr(lang, "År %zu"), h + 1);
}

/* "Prefix value", or "Prefix –" when the value is null; prefix is a message id. */
static char *titled(pf_lang lang, const char *prefix, const json_t *v)
{
	return pf_rjoin(strdup(pf_tr(lang, prefix)), " ", pf_rfmt_value(lang, v));
}

/*
 * "Digital färdplan HR, version 2025"; a roadmap whose name already says
 * färdplan ("Digital färdplan Kultur och bildning", "Färdplan IT") is not
 * prefixed again, nor in English one that says roadmap ("Digital roadmap"
 * would say it twice).
 */
static char *roadmap_title(pf_lang lang, const json_t *d)
{
	const char *name = pf_rget_str(d, "roadmap");
	char folded[512];
	bool says =
	    name && pf_fold(name, folded, sizeof(folded)) < sizeof(folded) &&
	    (strstr(folded, "fardplan") || (lang == PF_LANG_EN && strstr(folded, "roadmap")));

	return pf_rjoin(says ? pf_rfmt_value(lang, pf_rget(d, "roadmap"))
	                     : titled(lang, PF_N_("Digital färdplan"), pf_rget(d, "roadmap")),
	                ", ", titled(lang, PF_N_("version"), pf_rget(d, "version")));
}

char *pf_rtitle(pf_lang lang, const pf_report *r)
{
	const json_t *d = r->doc, *it = pf_rget(d, "initiative");

	switch (r->kind) {
	case PF_REPORT_QUARTER:
		return titled(lang, PF_N_("Kvartalsrapport"), pf_rget(d, "period"));
	case PF_REPORT_COMMITTEE:
		return titled(lang, PF_N_("Nämndrapport"), pf_rget(d, "period"));
	case PF_REPORT_INITIATIVE:
		return pf_rjoin(titled(lang, PF_N_("Initiativ"), pf_rget(it, "id")), ": ",
		                pf_rfmt_value(lang, pf_rget(it, "title")));
	case PF_REPORT_PRIORITY:
		return titled(lang, PF_N_("Prioriteringsunderlag"), pf_rget(d, "period"));
	case PF_REPORT_ROADMAP:
		return roadmap_title(lang, d);
	case PF_REPORT_TRACEABILITY:
		return pf_rjoin(strdup(pf_tr(lang, "Spårbarhet")), " ",
		                pf_rfmt_year(lang, pf_rget(d, "year")));
	case PF_REPORT_BENEFITS:
		return titled(lang, PF_N_("Effekthemtagning och nyttor"), pf_rget(d, "period"));
	default:
		return strdup(pf_tr(lang, "Rapport"));
	}
}

/* ---- neutral tables ---- */

void pf_rtable_add(pf_rtable *t, char *text, int light)
{
	if (!text)
		t->oom = true;
	if (t->n == t->cap) {
		size_t cap = t->cap ? 2 * t->cap : 16 * t->ncols;
		pf_rcell *grown = realloc(t->cells, cap * sizeof(*grown));

		if (!grown) {
			free(text);
			t->oom = true;
			return;
		}
		t->cells = grown;
		t->cap = cap;
	}
	t->cells[t->n].text = text;
	t->cells[t->n].light = light;
	t->n++;
}

void pf_rtable_init_v(pf_rtable *t, pf_lang lang, const char *spec, const char *const *heads)
{
	memset(t, 0, sizeof(*t));
	t->spec = spec;
	t->lang = lang;
	t->ncols = strlen(spec);
	for (size_t i = 0; i < t->ncols; i++)
		pf_rtable_add(t, strdup(pf_tr(lang, heads[i])), -1);
}

void pf_rtable_init(pf_rtable *t, pf_lang lang, const char *spec, ...)
{
	const char *heads[16];
	size_t n = strlen(spec);
	va_list ap;

	assert(n <= COUNT_OF(heads)); /* a programmer's error: widen heads */
	va_start(ap, spec);
	for (size_t i = 0; i < n && i < COUNT_OF(heads); i++)
		heads[i] = va_arg(ap, const char *);
	va_end(ap);
	pf_rtable_init_v(t, lang, spec, heads);
}

void pf_rtable_value(pf_rtable *t, const json_t *v)
{
	pf_rtable_add(t, pf_rfmt_value(t->lang, v), -1);
}

void pf_rtable_word(pf_rtable *t, pf_wordset set, const json_t *v)
{
	pf_rtable_add(t, pf_rfmt_word(t->lang, set, v), -1);
}

void pf_rtable_pct(pf_rtable *t, const json_t *v)
{
	pf_rtable_add(t, pf_rfmt_pct(t->lang, v), -1);
}

void pf_rtable_light(pf_rtable *t, const json_t *v, const char *none)
{
	pf_rtable_add(t, pf_rlight_text(t->lang, v, none), pf_rlight(v));
}

size_t pf_rtable_rows(const pf_rtable *t)
{
	/* a table that ran out of memory may not even hold its headings */
	return t->ncols && t->n >= t->ncols ? t->n / t->ncols - 1 : 0;
}

const pf_rcell *pf_rtable_at(const pf_rtable *t, size_t row, size_t col)
{
	return &t->cells[row * t->ncols + col];
}

void pf_rtable_free(pf_rtable *t)
{
	for (size_t i = 0; i < t->n; i++)
		free(t->cells[i].text);
	free(t->cells);
	memset(t, 0, sizeof(*t));
}

/* What a column of a plain table shows: data as it is, a word of a set, or a body. */
enum { DATA = -1, BODY = PF_WORDS_COUNT };

/* A column of a plain table: its heading (a message id), its key and what its values are. */
struct column {
	const char *head, *key;
	int kind; /* DATA, a pf_wordset, or BODY */
};

static void cell_of(pf_rtable *t, const json_t *v, int kind)
{
	if (kind == BODY && json_is_string(v))
		pf_rtable_add(t, strdup(pf_rbody(t->lang, json_string_value(v))), -1);
	else if (kind >= 0 && kind < PF_WORDS_COUNT)
		pf_rtable_word(t, (pf_wordset)kind, v);
	else
		pf_rtable_value(t, v);
}

/* A table of the listed columns of each object in list (at most 16 columns). */
static void plain_table(pf_rtable *t, pf_lang lang, const json_t *list, const char *spec,
                        const struct column *cols)
{
	const char *heads[16];
	size_t n = strlen(spec);

	assert(n <= COUNT_OF(heads)); /* a programmer's error: widen heads */
	for (size_t c = 0; c < n && c < COUNT_OF(heads); c++)
		heads[c] = cols[c].head;
	pf_rtable_init_v(t, lang, spec, heads);
	for (size_t i = 0; i < json_array_size(list); i++)
		for (size_t c = 0; c < t->ncols; c++)
			cell_of(t, pf_rget(json_array_get(list, i), cols[c].key), cols[c].kind);
}

/* A fact row: label (a message id), value (taken). */
static void fact(pf_rtable *t, const char *label, char *value)
{
	pf_rtable_add(t, strdup(pf_tr(t->lang, label)), -1);
	pf_rtable_add(t, value, -1);
}

/* ---- quarter, committee ---- */

void pf_rtab_quarter(pf_rtable *t, pf_lang lang, const json_t *doc)
{
	const json_t *items = pf_rget(doc, "initiatives");

	pf_rtable_init(t, lang, "rnlllllrlw", PF_N_("Rang"), PF_N_("Id"), PF_N_("Initiativ"),
	               PF_N_("Nämnd"), PF_N_("Fas"), PF_N_("Bedömning"), PF_N_("Beräknad"),
	               PF_N_("Realisering"), PF_N_("Föregående"), PF_N_("Kommentar"));
	for (size_t i = 0; i < json_array_size(items); i++) {
		const json_t *it = json_array_get(items, i);

		pf_rtable_value(t, pf_rget(it, "rank"));
		pf_rtable_value(t, pf_rget(it, "id"));
		pf_rtable_value(t, pf_rget(it, "title"));
		pf_rtable_value(t, pf_rget(it, "committee"));
		pf_rtable_word(t, PF_WORDS_PHASE, pf_rget(it, "status"));
		pf_rtable_light(t, pf_rget(it, "assessment"), PF_NONE);
		pf_rtable_light(t, pf_rget(it, "computed"), PF_N_("– ej mätt"));
		pf_rtable_pct(t, pf_rget(it, "realisation"));
		pf_rtable_light(t, pf_rget(it, "previous_assessment"), PF_NONE);
		pf_rtable_value(t, pf_rget(it, "comment"));
	}
}

void pf_rtab_committee(pf_rtable *t, pf_lang lang, const json_t *doc)
{
	static const char *const keys[] = {
	    "code",        "initiatives",       "indicators",       "measured",         "on_track",
	    "realisation", "completed_in_year", "innovative_share", "missing_followups"};
	const json_t *list = pf_rget(doc, "committees");

	pf_rtable_init(t, lang, "lrrrrrrrr", PF_N_("Nämnd"), PF_N_("plural|Initiativ"),
	               PF_N_("Indikatorer"), PF_N_("Mätta"), PF_N_("I fas"), PF_N_("Realisering"),
	               PF_N_("Slutförda i år"), PF_N_("Innovativa"), PF_N_("Saknar uppföljning"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i);

		for (size_t k = 0; k < COUNT_OF(keys); k++) {
			const json_t *v = pf_rget(c, keys[k]);

			if (k == 5 || k == 7)
				pf_rtable_pct(t, v);
			else
				pf_rtable_value(t, v);
		}
	}
}

/*
 * A count of by_status: a status the object leaves out has no initiatives
 * (the builder lists only those present); no object at all is unknown.
 */
static char *status_count(pf_lang lang, const json_t *by, const char *status)
{
	const json_t *n = pf_rget(by, status);

	if (!json_is_object(by))
		return strdup(PF_NONE);
	return n ? pf_rfmt_value(lang, n) : strdup("0");
}

void pf_rtab_by_status(pf_rtable *t, pf_lang lang, const json_t *doc)
{
	const json_t *list = pf_rget(doc, "committees");
	const char *heads[1 + PF_RSTATUSES] = {PF_N_("Nämnd")};

	for (size_t s = 0; s < PF_RSTATUSES; s++)
		heads[s + 1] = pf_rword(lang, PF_WORDS_PHASE, pf_rstatus[s]);
	pf_rtable_init_v(t, lang, "lrrrrrrr", heads);
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i), *by = pf_rget(c, "by_status");

		pf_rtable_value(t, pf_rget(c, "code"));
		for (size_t s = 0; s < PF_RSTATUSES; s++)
			pf_rtable_add(t, status_count(lang, by, pf_rstatus[s]), -1);
	}
}

/* ---- roadmap ---- */

void pf_rtab_roadmap_facts(pf_rtable *t, pf_lang lang, const json_t *d)
{
	pf_rtable_init(t, lang, "lw", PF_N_("Uppgift"), PF_N_("Värde"));
	fact(t, PF_N_("Färdplan"), pf_rfmt_value(lang, pf_rget(d, "roadmap")));
	fact(t, PF_N_("Version"), pf_rfmt_value(lang, pf_rget(d, "version")));
	fact(t, PF_N_("Verksamhet"), pf_rfmt_value(lang, pf_rget(d, "unit")));
	fact(t, PF_N_("Nämnd"), pf_rfmt_value(lang, pf_rget(d, "committee")));
	fact(t, PF_N_("Datum"), pf_rfmt_value(lang, pf_rget(d, "date")));
	fact(t, PF_N_("Första år"), pf_rfmt_year(lang, pf_rget(d, "first_year")));
	fact(t, PF_N_("Beslutad av"), pf_rfmt_value(lang, pf_rget(d, "decided_by")));
	fact(t, PF_N_("Jämförd med"),
	     pf_rfmt_or(lang, pf_rget(d, "previous_version"), pf_tr(lang, "– (första versionen)")));
	if (pf_rget(d, "period"))
		fact(t, PF_N_("Period"), pf_rfmt_value(lang, pf_rget(d, "period")));
	fact(t, PF_N_("Rapporterad till nämnden"),
	     pf_rfmt_value(lang, pf_rget(d, "reported_to_committee")));
}

void pf_rtab_roadmap_horizon(pf_rtable *t, pf_lang lang, const json_t *doc, size_t h)
{
	const json_t *items = pf_rget(doc, "items");

	pf_rtable_init(t, lang, "lllllr", PF_N_("Id"), PF_N_("Initiativ"), PF_N_("År"),
	               PF_N_("Fas"), PF_N_("Bedömning"), PF_N_("Realisering"));
	for (size_t i = 0; i < json_array_size(items); i++) {
		const json_t *it = json_array_get(items, i);

		if (pf_rhorizon_index(pf_rget(it, "horizon")) != h)
			continue;
		pf_rtable_value(t, pf_rget(it, "initiative"));
		pf_rtable_value(t, pf_rget(it, "title"));
		pf_rtable_add(t, pf_rfmt_year(lang, pf_rget(it, "year")), -1);
		pf_rtable_word(t, PF_WORDS_PHASE, pf_rget(it, "status"));
		pf_rtable_light(t, pf_rget(it, "assessment"), PF_NONE);
		pf_rtable_pct(t, pf_rget(it, "realisation"));
	}
}

void pf_rtab_decisions(pf_rtable *t, pf_lang lang, const json_t *list, bool titles)
{
	static const struct column cols[] = {
	    {PF_N_("Id"), "decision_id", DATA}, {PF_N_("Organ"), "body", BODY},
	    {PF_N_("Datum"), "date", DATA},     {PF_N_("Typ"), "type", PF_WORDS_DECISION},
	    {PF_N_("Titel"), "title", DATA},    {PF_N_("Protokoll"), "protocol", DATA},
	};
	static const struct column cols5[] = {
	    {PF_N_("Id"), "decision_id", DATA},     {PF_N_("Organ"), "body", BODY},
	    {PF_N_("Datum"), "date", DATA},         {PF_N_("Typ"), "type", PF_WORDS_DECISION},
	    {PF_N_("Protokoll"), "protocol", DATA},
	};

	if (titles)
		plain_table(t, lang, list, "llnlwl", cols);
	else
		plain_table(t, lang, list, "llnll", cols5);
}

/* A horizon as shown: "senare", "later". */
static char *horizon_text(pf_lang lang, const json_t *v)
{
	return pf_rfmt_word(lang, PF_WORDS_HORIZON, v);
}

char *pf_rmoved_text(pf_lang lang, const json_t *m)
{
	return pf_rjoin(pf_rfmt_value(lang, pf_rget(m, "initiative")), " ",
	                pf_rjoin(horizon_text(lang, pf_rget(m, "from")), " → ",
	                         horizon_text(lang, pf_rget(m, "to"))));
}

/* ---- traceability ---- */

/* "1/2": the committee's roadmap versions reported to it, of all of them. */
static char *roadmaps_count(const json_t *roadmaps)
{
	size_t reported = 0, n = json_array_size(roadmaps);

	for (size_t i = 0; i < n; i++)
		if (json_is_true(pf_rget(json_array_get(roadmaps, i), "reported")))
			reported++;
	return pf_rfmt("%zu/%zu", reported, n);
}

void pf_rtab_traceability(pf_rtable *t, pf_lang lang, const json_t *doc)
{
	const json_t *list = pf_rget(doc, "committees");

	pf_rtable_init(t, lang, "lrrrrl", PF_N_("Nämnd"), PF_N_("Informerad"), PF_N_("Beslut"),
	               PF_N_("Utan protokoll"), PF_N_("Färdplaner (rapporterade/totalt)"),
	               PF_N_("Ej rapporterade initiativ"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(c, "code"));
		pf_rtable_value(t, pf_rget(c, "informed"));
		pf_rtable_value(t, pf_rget(c, "decisions"));
		pf_rtable_value(t, pf_rget(c, "without_protocol"));
		pf_rtable_add(t, roadmaps_count(pf_rget(c, "roadmaps")), -1);
		pf_rtable_value(t, pf_rget(c, "unreported_initiatives"));
	}
}

/* "✓ ja" / "✗ nej": a symbol for the eye and a word for everyone else. */
static char *reported_text(pf_lang lang, const json_t *v)
{
	if (json_is_boolean(v))
		return strdup(json_is_true(v) ? pf_tr(lang, "✓ ja") : pf_tr(lang, "✗ nej"));
	return strdup(PF_NONE);
}

void pf_rtab_trace_roadmaps(pf_rtable *t, pf_lang lang, const json_t *doc)
{
	const json_t *list = pf_rget(doc, "committees");

	pf_rtable_init(t, lang, "lllnl", PF_N_("Nämnd"), PF_N_("Färdplan"), PF_N_("Version"),
	               PF_N_("Datum"), PF_N_("Rapporterad"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i), *rms = pf_rget(c, "roadmaps");

		for (size_t j = 0; j < json_array_size(rms); j++) {
			const json_t *rm = json_array_get(rms, j), *rep = pf_rget(rm, "reported");

			pf_rtable_value(t, pf_rget(c, "code"));
			pf_rtable_value(t, pf_rget(rm, "roadmap"));
			pf_rtable_value(t, pf_rget(rm, "version"));
			pf_rtable_value(t, pf_rget(rm, "date"));
			/* green for reported, red for not: the audit's yes and no */
			pf_rtable_add(t, reported_text(lang, rep),
			              json_is_boolean(rep) ? (json_is_true(rep) ? 0 : 2) : -1);
		}
	}
}

/* ---- initiative ---- */

const pf_rfield pf_rinitiative_fields[PF_RINITIATIVE_FIELDS] = {
    {PF_N_("Id"), "id", DATA},
    {PF_N_("Titel"), "title", DATA},
    {PF_N_("Nämnd"), "committee", DATA},
    {PF_N_("Verksamhet"), "unit", DATA},
    {PF_N_("Beskrivning"), "description", DATA},
    {PF_N_("Kategori"), "category", PF_WORDS_CATEGORY},
    {PF_N_("Fas"), "status", PF_WORDS_PHASE},
    {PF_N_("Innovativ"), "innovative", DATA},
    {PF_N_("Tvärsektoriell"), "cross_cutting", DATA},
    {PF_N_("Projektledare"), "project_manager", DATA},
    {PF_N_("Nyttoägare"), "benefit_owner", DATA},
    {PF_N_("Start"), "start", DATA},
    {PF_N_("Slut"), "end", DATA},
};

void pf_rtab_initiative_facts(pf_rtable *t, pf_lang lang, const json_t *d)
{
	const json_t *it = pf_rget(d, "initiative");

	pf_rtable_init(t, lang, "lw", PF_N_("Uppgift"), PF_N_("Värde"));
	fact(t, PF_N_("Period"), pf_rfmt_value(lang, pf_rget(d, "period")));
	for (size_t i = 0; i < PF_RINITIATIVE_FIELDS; i++) {
		const pf_rfield *f = &pf_rinitiative_fields[i];
		const json_t *v = pf_rget(it, f->key);

		fact(t, f->label,
		     f->set >= 0 ? pf_rfmt_word(lang, (pf_wordset)f->set, v)
		                 : pf_rfmt_value(lang, v));
	}
	fact(t, PF_N_("Budget (kr)"), pf_rfmt_value(lang, pf_rget(it, "budget")));
	fact(t, PF_N_("IT-timmar"), pf_rfmt_value(lang, pf_rget(it, "it_hours")));
	fact(t, PF_N_("Realisering"), pf_rfmt_pct(lang, pf_rget(d, "realisation")));
	fact(t, PF_N_("Förväntat"), pf_rfmt_pct(lang, pf_rget(d, "expected")));
	pf_rtable_add(t, strdup(pf_tr(lang, "Beräknat ljus")), -1);
	pf_rtable_light(t, pf_rget(d, "computed"), PF_N_("– ej mätt"));
}

/* "90 % (2025Q3)", or PF_NONE when nothing is measured. */
static char *latest_value(pf_lang lang, const json_t *ind)
{
	const json_t *v = pf_rget(ind, "value");

	if (!v || json_is_null(v))
		return strdup(PF_NONE);
	return pf_rjoin(
	    pf_rfmt_unit(lang, v, pf_rget(ind, "unit")), " (",
	    pf_rjoin(pf_rfmt_value(lang, pf_rget(ind, "value_period")), "", strdup(")")));
}

char *pf_rind_light_text(pf_lang lang, const json_t *ind, const char *none)
{
	char *light = pf_rlight_text(lang, pf_rget(ind, "light"), none);

	if (!light || !json_is_true(pf_rget(ind, "stale")))
		return light;
	const char *at = pf_rget_str(ind, "last_measured");
	char *s = pf_rfmt(pf_tr(lang, "%s (inaktuell, %s)"), light, at ? at : PF_NONE);
	free(light);
	return s;
}

void pf_rtab_indicators(pf_rtable *t, pf_lang lang, const json_t *list)
{
	pf_rtable_init(t, lang, "lwllrrl", PF_N_("Id"), PF_N_("Indikator"), PF_N_("Bas → mål"),
	               PF_N_("Senaste värde"), PF_N_("Uppnått"), PF_N_("Förväntat"),
	               PF_N_("Ljus"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *ind = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(ind, "indicator_id"));
		pf_rtable_value(t, pf_rget(ind, "indicator"));
		pf_rtable_add(
		    t,
		    pf_rjoin(pf_rfmt_value(lang, pf_rget(ind, "baseline")), " → ",
		             pf_rfmt_unit(lang, pf_rget(ind, "target"), pf_rget(ind, "unit"))),
		    -1);
		pf_rtable_add(t, latest_value(lang, ind), -1);
		pf_rtable_pct(t, pf_rget(ind, "progress"));
		pf_rtable_pct(t, pf_rget(ind, "expected"));
		pf_rtable_add(t, pf_rind_light_text(lang, ind, PF_N_("– ej mätt")),
		              pf_rlight(pf_rget(ind, "light")));
	}
}

void pf_rtab_indicator_details(pf_rtable *t, pf_lang lang, const json_t *list)
{
	pf_rtable_init(t, lang, "lwlnwlrlr", PF_N_("Id"), PF_N_("Effektmål"), PF_N_("Riktning"),
	               PF_N_("Bas- → måldatum"), PF_N_("Metod"), PF_N_("Ägare"), PF_N_("Vikt"),
	               PF_N_("Nyttotyp"), PF_N_("Nytta (kr/år)"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *ind = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(ind, "indicator_id"));
		pf_rtable_value(t, pf_rget(ind, "goal"));
		pf_rtable_word(t, PF_WORDS_DIRECTION, pf_rget(ind, "direction"));
		pf_rtable_add(t,
		              pf_rjoin(pf_rfmt_value(lang, pf_rget(ind, "baseline_date")), " → ",
		                       pf_rfmt_value(lang, pf_rget(ind, "target_date"))),
		              -1);
		pf_rtable_value(t, pf_rget(ind, "method"));
		pf_rtable_value(t, pf_rget(ind, "owner"));
		pf_rtable_value(t, pf_rget(ind, "weight"));
		pf_rtable_word(t, PF_WORDS_BENEFIT, pf_rget(ind, "benefit_type"));
		pf_rtable_value(t, pf_rget(ind, "benefit_sek"));
	}
}

/* One row per measured value of every indicator: the series in full. */
void pf_rtab_series(pf_rtable *t, pf_lang lang, const json_t *list)
{
	pf_rtable_init(t, lang, "llrrrlw", PF_N_("Id"), PF_N_("Period"), PF_N_("Värde"),
	               PF_N_("Uppnått"), PF_N_("Förväntat"), PF_N_("Ljus"), PF_N_("Kommentar"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *ind = json_array_get(list, i), *series = pf_rget(ind, "series");

		for (size_t j = 0; j < json_array_size(series); j++) {
			const json_t *m = json_array_get(series, j);

			pf_rtable_value(t, pf_rget(ind, "indicator_id"));
			pf_rtable_value(t, pf_rget(m, "period"));
			pf_rtable_add(
			    t, pf_rfmt_unit(lang, pf_rget(m, "value"), pf_rget(ind, "unit")), -1);
			pf_rtable_pct(t, pf_rget(m, "progress"));
			pf_rtable_pct(t, pf_rget(m, "expected"));
			pf_rtable_light(t, pf_rget(m, "light"), PF_NONE);
			pf_rtable_value(t, pf_rget(m, "comment"));
		}
	}
}

void pf_rtab_followups(pf_rtable *t, pf_lang lang, const json_t *list)
{
	pf_rtable_init(t, lang, "lllwwl", PF_N_("Period"), PF_N_("Bedömning"), PF_N_("Fas"),
	               PF_N_("Förväntade effekter"), PF_N_("Kommentar"), PF_N_("Rapporterad av"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *f = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(f, "period"));
		pf_rtable_light(t, pf_rget(f, "assessment"), PF_NONE);
		pf_rtable_word(t, PF_WORDS_PHASE, pf_rget(f, "status"));
		pf_rtable_value(t, pf_rget(f, "expected_effects"));
		pf_rtable_value(t, pf_rget(f, "comment"));
		pf_rtable_value(t, pf_rget(f, "reported_by"));
	}
}

void pf_rtab_priorities(pf_rtable *t, pf_lang lang, const json_t *list)
{
	static const struct column cols[] = {{PF_N_("Period"), "period", DATA},
	                                     {PF_N_("Rang"), "rank", DATA}};

	plain_table(t, lang, list, "lr", cols);
}

void pf_rtab_initiative_roadmaps(pf_rtable *t, pf_lang lang, const json_t *list)
{
	static const struct column cols[] = {
	    {PF_N_("Färdplan"), "roadmap", DATA},
	    {PF_N_("Version"), "version", DATA},
	    {PF_N_("Datum"), "date", DATA},
	    {PF_N_("Horisont"), "horizon", PF_WORDS_HORIZON},
	};

	plain_table(t, lang, list, "llnl", cols);
}

/*
 * What the values of a changed field are: the changes table names the
 * columns of schema/, whose enumerated ones hold canonical words.
 */
static int field_kind(const char *field)
{
	static const struct {
		const char *field;
		int kind;
	} fields[] = {
	    {"status", PF_WORDS_PHASE},         {"assessment", PF_WORDS_LIGHT},
	    {"category", PF_WORDS_CATEGORY},    {"direction", PF_WORDS_DIRECTION},
	    {"horizon", PF_WORDS_HORIZON},      {"type", PF_WORDS_DECISION},
	    {"benefit_type", PF_WORDS_BENEFIT}, {"body", BODY},
	};

	for (size_t i = 0; field && i < COUNT_OF(fields); i++)
		if (!strcmp(field, fields[i].field))
			return fields[i].kind;
	return DATA;
}

/*
 * The change history: old and new values as they were stored, the canonical
 * words among them shown in the report's language like everywhere else.
 */
void pf_rtab_changes(pf_rtable *t, pf_lang lang, const json_t *list)
{
	static const char *const keys[] = {"at", "command", "kind", "key", "field"};

	pf_rtable_init(t, lang, "nllllww", PF_N_("Tidpunkt"), PF_N_("Kommando"), PF_N_("Typ"),
	               PF_N_("Nyckel"), PF_N_("Fält"), PF_N_("Före"), PF_N_("Efter"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i);
		int kind = field_kind(pf_rget_str(c, "field"));

		for (size_t k = 0; k < COUNT_OF(keys); k++)
			pf_rtable_value(t, pf_rget(c, keys[k]));
		cell_of(t, pf_rget(c, "old"), kind);
		cell_of(t, pf_rget(c, "new"), kind);
	}
}

/* ---- priority ---- */

void pf_rtab_priority_facts(pf_rtable *t, pf_lang lang, const json_t *d)
{
	const json_t *cap = pf_rget(d, "capacity");

	pf_rtable_init(t, lang, "lw", PF_N_("Uppgift"), PF_N_("Värde"));
	fact(t, PF_N_("Period"), pf_rfmt_value(lang, pf_rget(d, "period")));
	fact(t, PF_N_("Region IT-kapacitet"),
	     json_is_number(cap) ? pf_rjoin(pf_rfmt_value(lang, cap), " ",
	                                    strdup(pf_tr(lang, "timmar per kvartal")))
	                         : strdup(pf_tr(lang, "ej angiven")));
	if (json_is_object(pf_rget(d, "score_weights")))
		fact(t, PF_N_("Poängvikter"),
		     pf_rfmt_score_parts(lang, pf_rget(d, "score_weights")));
	if (pf_rget(d, "list_period"))
		fact(t, PF_N_("Prioriteringslista"),
		     pf_rfmt_or(lang, pf_rget(d, "list_period"), pf_tr(lang, "ingen ännu")));
}

void pf_rtab_waiting(pf_rtable *t, pf_lang lang, const json_t *list, bool parts)
{
	/* a document made before the score existed shows the table it always had */
	bool scored = pf_rany(list, "score") || pf_rany(list, "score_parts");

	if (scored && !parts)
		pf_rtable_init(t, lang, "llwrlllrrnn", PF_N_("Id"), PF_N_("Tvärsektoriell"),
		               PF_N_("Initiativ"), PF_N_("Poäng"), PF_N_("Innovativ"),
		               PF_N_("Nämnd"), PF_N_("Fas"), PF_N_("IT-timmar"),
		               PF_N_("Budget (kr)"), PF_N_("Start"), PF_N_("Slut"));
	else if (scored)
		pf_rtable_init(t, lang, "llwrlllrrnnw", PF_N_("Id"), PF_N_("Tvärsektoriell"),
		               PF_N_("Initiativ"), PF_N_("Poäng"), PF_N_("Innovativ"),
		               PF_N_("Nämnd"), PF_N_("Fas"), PF_N_("IT-timmar"),
		               PF_N_("Budget (kr)"), PF_N_("Start"), PF_N_("Slut"),
		               PF_N_("Poängens delar"));
	else
		pf_rtable_init(t, lang, "llwlllrrnn", PF_N_("Id"), PF_N_("Tvärsektoriell"),
		               PF_N_("Initiativ"), PF_N_("Innovativ"), PF_N_("Nämnd"), PF_N_("Fas"),
		               PF_N_("IT-timmar"), PF_N_("Budget (kr)"), PF_N_("Start"),
		               PF_N_("Slut"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *w = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(w, "id"));
		pf_rtable_value(t, pf_rget(w, "cross_cutting"));
		pf_rtable_value(t, pf_rget(w, "title"));
		if (scored)
			pf_rtable_value(t, pf_rget(w, "score"));
		pf_rtable_value(t, pf_rget(w, "innovative"));
		pf_rtable_value(t, pf_rget(w, "committee"));
		pf_rtable_word(t, PF_WORDS_PHASE, pf_rget(w, "status"));
		pf_rtable_value(t, pf_rget(w, "it_hours"));
		pf_rtable_value(t, pf_rget(w, "budget"));
		pf_rtable_value(t, pf_rget(w, "start"));
		pf_rtable_value(t, pf_rget(w, "end"));
		if (scored && parts)
			pf_rtable_add(t, pf_rfmt_score_parts(lang, pf_rget(w, "score_parts")), -1);
	}
}

void pf_rtab_hours(pf_rtable *t, pf_lang lang, const json_t *list)
{
	pf_rtable_init(t, lang, "lrrrl", PF_N_("Period"), PF_N_("Begärt"), PF_N_("Åtagna"),
	               PF_N_("Kapacitet"), PF_N_("Över kapacitet"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *h = json_array_get(list, i), *over = pf_rget(h, "over");

		pf_rtable_value(t, pf_rget(h, "period"));
		pf_rtable_value(t, pf_rget(h, "asked"));
		pf_rtable_value(t, pf_rget(h, "committed"));
		pf_rtable_value(t, pf_rget(h, "capacity"));
		/* red marks the quarters that do not fit */
		pf_rtable_add(t, pf_rfmt_value(lang, over), json_is_true(over) ? 2 : -1);
	}
}

void pf_rtab_priority_list(pf_rtable *t, pf_lang lang, const json_t *list)
{
	pf_rtable_init(t, lang, "rnwlll", PF_N_("Rang"), PF_N_("Id"), PF_N_("Initiativ"),
	               PF_N_("Nämnd"), PF_N_("Fas"), PF_N_("Bedömning"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *p = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(p, "rank"));
		pf_rtable_value(t, pf_rget(p, "id"));
		pf_rtable_value(t, pf_rget(p, "title"));
		pf_rtable_value(t, pf_rget(p, "committee"));
		pf_rtable_word(t, PF_WORDS_PHASE, pf_rget(p, "status"));
		pf_rtable_light(t, pf_rget(p, "assessment"), PF_NONE);
	}
}

/* ---- keys the builders added later ---- */

bool pf_rany(const json_t *list, const char *key)
{
	const json_t *v;

	if (json_is_object(list)) {
		v = json_object_get(list, key);
		return v && !json_is_null(v);
	}
	for (size_t i = 0; i < json_array_size(list); i++) {
		v = pf_rget(json_array_get(list, i), key);
		if (v && !json_is_null(v))
			return true;
	}
	return false;
}

char *pf_rfmt_ids(pf_lang lang, const json_t *ids)
{
	if (!json_is_array(ids))
		return strdup(PF_NONE);
	return pf_rfmt_list(lang, ids, ", ", pf_rfmt_value, pf_tr(lang, "inga"));
}

char *pf_rfmt_share(pf_lang lang, const json_t *realised, const json_t *promised)
{
	double r, p;

	if (!pf_rnum(realised, &r) || !pf_rnum(promised, &p) || p <= 0)
		return strdup(PF_NONE);
	return pf_rfmt_pct_of(lang, r / p);
}

/* ---- benefit realisation ---- */

void pf_rtab_after_completion(pf_rtable *t, pf_lang lang, const json_t *doc)
{
	const json_t *list = pf_rget(doc, "committees");

	pf_rtable_init(t, lang, "lrww", PF_N_("Nämnd"), PF_N_("Avslutade"),
	               PF_N_("Mäts fortfarande"), PF_N_("Mätningen upphört"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i), *ac = pf_rget(c, "after_completion");
		const json_t *stopped = pf_rget(ac, "measuring_stopped");

		pf_rtable_value(t, pf_rget(c, "code"));
		pf_rtable_value(t, pf_rget(ac, "completed"));
		pf_rtable_add(t, pf_rfmt_ids(lang, pf_rget(ac, "still_measured")), -1);
		/* red: effects no longer followed once the project closed, the audit's finding */
		pf_rtable_add(t, pf_rfmt_ids(lang, stopped), json_array_size(stopped) ? 2 : -1);
	}
}

void pf_rtab_kpis_by_year(pf_rtable *t, pf_lang lang, const json_t *doc)
{
	const json_t *list = pf_rget(doc, "committees");

	pf_rtable_init(t, lang, "lrrr", PF_N_("Nämnd"), PF_N_("År"), PF_N_("Slutförda"),
	               PF_N_("Andel innovativa"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i), *years = pf_rget(c, "kpis_by_year");

		for (size_t j = 0; j < json_array_size(years); j++) {
			const json_t *y = json_array_get(years, j);

			pf_rtable_value(t, pf_rget(c, "code"));
			pf_rtable_add(t, pf_rfmt_year(lang, pf_rget(y, "year")), -1);
			pf_rtable_value(t, pf_rget(y, "completed"));
			pf_rtable_pct(t, pf_rget(y, "innovative_share"));
		}
	}
}

/* Whether the period p (a string) is among the first n of periods. */
static bool has_period(const char *const *periods, size_t n, const char *p)
{
	for (size_t i = 0; i < n; i++)
		if (!strcmp(periods[i], p))
			return true;
	return false;
}

static int period_cmp(const void *a, const void *b)
{
	return strcmp(*(const char *const *)a, *(const char *const *)b);
}

/* The entry of a committee's lights_by_quarter for period, or NULL. */
static const json_t *quarter_entry(const json_t *lights, const char *period)
{
	for (size_t i = 0; i < json_array_size(lights); i++) {
		const json_t *q = json_array_get(lights, i);
		const char *p = pf_rget_str(q, "period");

		if (p && !strcmp(p, period))
			return q;
	}
	return NULL;
}

bool pf_rhas_lights_by_quarter(const json_t *doc)
{
	const json_t *list = pf_rget(doc, "committees");

	for (size_t i = 0; i < json_array_size(list); i++)
		if (json_array_size(pf_rget(json_array_get(list, i), "lights_by_quarter")))
			return true;
	return false;
}

void pf_rtab_lights_by_quarter(pf_rtable *t, pf_lang lang, const json_t *doc)
{
	static const char specs[PF_RQUARTERS_MAX + 2] = "lllllllll";
	const char *heads[PF_RQUARTERS_MAX + 1] = {PF_N_("Nämnd")};
	const char *periods[4 * PF_RQUARTERS_MAX];
	const json_t *list = pf_rget(doc, "committees");
	size_t n = 0, first = 0, cols;

	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *lights = pf_rget(json_array_get(list, i), "lights_by_quarter");

		for (size_t j = 0; j < json_array_size(lights); j++) {
			const char *p = pf_rget_str(json_array_get(lights, j), "period");

			if (p && n < COUNT_OF(periods) && !has_period(periods, n, p))
				periods[n++] = p;
		}
	}
	qsort(periods, n, sizeof(periods[0]), period_cmp);
	if (n > PF_RQUARTERS_MAX) /* the latest ones */
		first = n - PF_RQUARTERS_MAX;
	cols = n - first;
	for (size_t c = 1; c <= cols; c++)
		heads[c] = "";
	pf_rtable_init_v(t, lang, specs + sizeof(specs) - 2 - cols, heads);
	for (size_t c = 1; c <= cols && c < t->n; c++) {
		free(t->cells[c].text);
		t->cells[c].text = strdup(periods[first + c - 1]);
		if (!t->cells[c].text)
			t->oom = true;
	}
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i),
		             *lights = pf_rget(c, "lights_by_quarter");

		if (!json_array_size(lights))
			continue;
		pf_rtable_value(t, pf_rget(c, "code"));
		for (size_t k = first; k < n; k++) {
			const json_t *q = quarter_entry(lights, periods[k]);

			if (!q) {
				pf_rtable_add(t, strdup(PF_NONE), -1);
				continue;
			}
			pf_rtable_add(
			    t,
			    pf_rjoin(pf_rlight_text(lang, pf_rget(q, "light"), PF_N_("– ej mätt")),
			             "\n", pf_rfmt_pct(lang, pf_rget(q, "realisation"))),
			    pf_rlight(pf_rget(q, "light")));
		}
	}
}

/* One row per benefit type of a benefits object, after the committee's code when code. */
static void benefit_rows(pf_rtable *t, const json_t *code, const json_t *benefits)
{
	const char *type;
	json_t *b;

	json_object_foreach((json_t *)benefits, type, b)
	{
		if (code)
			pf_rtable_value(t, code);
		pf_rtable_add(t, strdup(pf_rword(t->lang, PF_WORDS_BENEFIT, type)), -1);
		pf_rtable_value(t, pf_rget(b, "promised"));
		pf_rtable_value(t, pf_rget(b, "realised"));
		pf_rtable_add(
		    t, pf_rfmt_share(t->lang, pf_rget(b, "realised"), pf_rget(b, "promised")), -1);
	}
}

void pf_rtab_benefits(pf_rtable *t, pf_lang lang, const json_t *doc)
{
	const json_t *list = pf_rget(doc, "committees");

	pf_rtable_init(t, lang, "llrrr", PF_N_("Nämnd"), PF_N_("Nyttotyp"),
	               PF_N_("Utlovat (kr/år)"), PF_N_("Realiserat (kr/år)"),
	               PF_N_("Andel realiserad"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i);
		const json_t *code = pf_rget(c, "code");

		benefit_rows(t, code ? code : json_null(), pf_rget(c, "benefits"));
	}
}

void pf_rtab_initiative_benefits(pf_rtable *t, pf_lang lang, const json_t *benefits)
{
	pf_rtable_init(t, lang, "lrrr", PF_N_("Nyttotyp"), PF_N_("Utlovat (kr/år)"),
	               PF_N_("Realiserat (kr/år)"), PF_N_("Andel realiserad"));
	benefit_rows(t, NULL, benefits);
}

json_t *pf_rbenefit_total(const json_t *benefits, const char *key)
{
	const char *type;
	json_t *b;
	double sum = 0, v;
	bool any = false;

	json_object_foreach((json_t *)benefits, type, b)
	{
		if (pf_rnum(pf_rget(b, key), &v)) {
			sum += v;
			any = true;
		}
	}
	return any ? json_integer((json_int_t)sum) : json_null();
}

void pf_rtab_benefit_initiatives(pf_rtable *t, pf_lang lang, const json_t *doc)
{
	const json_t *list = pf_rget(doc, "initiatives");

	pf_rtable_init(t, lang, "lwllrrrr", PF_N_("Id"), PF_N_("Titel"), PF_N_("Nämnd"),
	               PF_N_("Fas"), PF_N_("Realisering"), PF_N_("Utlovat (kr/år)"),
	               PF_N_("Realiserat (kr/år)"), PF_N_("Andel realiserad"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *it = json_array_get(list, i), *b = pf_rget(it, "benefits");
		json_t *promised = pf_rbenefit_total(b, "promised");
		json_t *realised = pf_rbenefit_total(b, "realised");

		pf_rtable_value(t, pf_rget(it, "id"));
		pf_rtable_value(t, pf_rget(it, "title"));
		pf_rtable_value(t, pf_rget(it, "committee"));
		pf_rtable_word(t, PF_WORDS_PHASE, pf_rget(it, "status"));
		pf_rtable_pct(t, pf_rget(it, "realisation"));
		pf_rtable_value(t, promised);
		pf_rtable_value(t, realised);
		pf_rtable_add(t, pf_rfmt_share(lang, realised, promised), -1);
		json_decref(promised);
		json_decref(realised);
	}
}

void pf_rtab_unmeasured(pf_rtable *t, pf_lang lang, const json_t *doc)
{
	const json_t *list = pf_rget(doc, "committees");

	pf_rtable_init(t, lang, "lw", PF_N_("Nämnd"), PF_N_("Indikatorer"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(c, "code"));
		pf_rtable_add(t, pf_rfmt_ids(lang, pf_rget(c, "unmeasured_indicators")), -1);
	}
}

void pf_rtab_not_measured(pf_rtable *t, pf_lang lang, const json_t *doc)
{
	const json_t *list = pf_rget(doc, "committees");

	pf_rtable_init(t, lang, "lrw", PF_N_("Nämnd"), PF_N_("Inaktuella"), PF_N_("Indikatorer"));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(c, "code"));
		pf_rtable_value(t, pf_rget(c, "stale"));
		pf_rtable_add(t, pf_rfmt_ids(lang, pf_rget(c, "not_measured_this_period")), -1);
	}
}

/* ---- score and list changes ---- */

/* The parts of the score, and of its weights (score_weights), keyed as report_priority.c has them.
 */
const pf_rscore_part pf_rscore_parts[PF_RSCORE_PARTS] = {
    {"benefit", PF_N_("nytta"), PF_N_("Nytta")},
    {"it_load", PF_N_("IT"), PF_N_("IT-last")},
    {"readiness", PF_N_("mognad"), PF_N_("Mognad")},
    {"innovative", PF_N_("innov"), PF_N_("Innov.")},
    {"measurable", PF_N_("mätbar"), PF_N_("Mätbar")},
};

char *pf_rfmt_score_parts(pf_lang lang, const json_t *parts)
{
	char *s = NULL;

	if (!json_is_object(parts))
		return strdup(PF_NONE);
	for (size_t i = 0; i < PF_RSCORE_PARTS; i++) {
		char *one =
		    pf_rjoin(strdup(pf_tr(lang, pf_rscore_parts[i].label)), " ",
		             pf_rfmt_or(lang, pf_rget(parts, pf_rscore_parts[i].key), PF_NONE));

		s = s ? pf_rjoin(s, " · ", one) : one;
		if (!s)
			return NULL;
	}
	return s;
}

char *pf_rlist_changes_heading(pf_lang lang, const json_t *changes)
{
	const json_t *prev = pf_rget(changes, "previous_period");
	char *p, *s;

	if (!prev || json_is_null(prev))
		return strdup(pf_tr(lang, "Förändring mot föregående lista"));
	p = pf_rfmt_value(lang, prev);
	s = p ? pf_rfmt(pf_tr(lang, "Förändring mot föregående lista (%s)"), p) : NULL;
	free(p);
	return s;
}

bool pf_rmoved_up(const json_t *m)
{
	double from, to;

	return pf_rnum(pf_rget(m, "from"), &from) && pf_rnum(pf_rget(m, "to"), &to) && to < from;
}

char *pf_rrank_moved_text(pf_lang lang, const json_t *m)
{
	return pf_rjoin(pf_rfmt_value(lang, pf_rget(m, "id")), " ",
	                pf_rjoin(pf_rfmt_value(lang, pf_rget(m, "from")), " → ",
	                         pf_rfmt_value(lang, pf_rget(m, "to"))));
}

char *pf_rfmt_rank_moves(pf_lang lang, const json_t *moved, bool up)
{
	char *s = NULL;

	for (size_t i = 0; i < json_array_size(moved); i++) {
		const json_t *m = json_array_get(moved, i);
		char *one;

		if (pf_rmoved_up(m) != up)
			continue;
		one = pf_rrank_moved_text(lang, m);
		s = s ? pf_rjoin(s, ", ", one) : one;
		if (!s)
			return NULL;
	}
	return s ? s : strdup(pf_tr(lang, "inga"));
}
