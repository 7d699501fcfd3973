/*
 * Helpers shared by the renderers (csv, md, html and the terminal table); see render_util.h.
 *
 * The report tables at the end are the terminal table format's too:
 * src/render_table.c writes most of them in its own column kinds, so every
 * format shows the same content; md and html differ only in how they write a
 * table, and html adds charts.
 */
#include "render_util.h"

#include <assert.h>
#include <math.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "portfolj/value.h"

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

char *pf_rfmt_int(long long v)
{
	char digits[32], buf[48];
	size_t n, j = 0;
	unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;

	n = (size_t)snprintf(digits, sizeof(digits), "%llu", u);
	if (v < 0)
		buf[j++] = '-';
	for (size_t i = 0; i < n; i++) {
		/* Swedish convention: four-digit numbers stay ungrouped. */
		if (i > 0 && u >= 10000 && (n - i) % 3 == 0)
			buf[j++] = ' ';
		buf[j++] = digits[i];
	}
	buf[j] = '\0';
	return strdup(buf);
}

/*
 * The decimal comma, whatever the C locale wrote (no setlocale today, but the
 * output must not change if one appears), and no sign on a negative zero.
 */
static char *swedish_decimal(char *s)
{
	char *p;

	if (!s)
		return NULL;
	p = strpbrk(s, ".,");
	if (p)
		*p = ',';
	if (s[0] == '-' && strspn(s + 1, "0, %") == strlen(s + 1))
		memmove(s, s + 1, strlen(s));
	return s;
}

char *pf_rfmt_real(double v)
{
	char buf[64];
	size_t n;

	if (!isfinite(v))
		return strdup(PF_NONE);
	if (fabs(v) >= 1e15)
		return swedish_decimal(pf_rfmt("%.6g", v));
	if (v == floor(v))
		return pf_rfmt_int((long long)v);
	n = (size_t)snprintf(buf, sizeof(buf), "%.2f", v);
	while (n > 0 && buf[n - 1] == '0')
		buf[--n] = '\0';
	if (n > 0 && (buf[n - 1] == '.' || buf[n - 1] == ','))
		buf[--n] = '\0';
	return swedish_decimal(strdup(buf));
}

char *pf_rfmt_value(const json_t *v)
{
	if (json_is_string(v))
		return strdup(json_string_value(v));
	if (json_is_integer(v))
		return pf_rfmt_int((long long)json_integer_value(v));
	if (json_is_real(v))
		return pf_rfmt_real(json_real_value(v));
	if (json_is_true(v))
		return strdup("ja");
	if (json_is_false(v))
		return strdup("nej");
	if (json_is_array(v))
		return pf_rfmt_list(v, ", ", pf_rfmt_value, PF_NONE);
	return strdup(PF_NONE);
}

char *pf_rfmt_or(const json_t *v, const char *none)
{
	return !v || json_is_null(v) ? strdup(none) : pf_rfmt_value(v);
}

char *pf_rfmt_list(const json_t *a, const char *sep, char *(*item)(const json_t *),
                   const char *empty)
{
	char *s = NULL;

	for (size_t i = 0; i < json_array_size(a); i++) {
		char *one = item(json_array_get(a, i));

		s = s ? pf_rjoin(s, sep, one) : one;
		if (!s)
			return NULL;
	}
	return s ? s : strdup(empty);
}

char *pf_rfmt_unit(const json_t *v, const json_t *unit)
{
	if (!json_is_number(v) || !json_is_string(unit) || !json_string_length(unit))
		return pf_rfmt_value(v);
	return pf_rjoin(pf_rfmt_value(v), " ", pf_rfmt_value(unit));
}

char *pf_rfmt_pct_of(double fraction)
{
	double p = fraction * 100.0;

	if (!isfinite(p))
		return strdup(PF_NONE);
	if (fabs(p) >= 1e15)
		return swedish_decimal(pf_rfmt("%.6g %%", p));
	return swedish_decimal(pf_rfmt("%.1f %%", p));
}

char *pf_rfmt_pct(const json_t *v)
{
	double d;

	return pf_rnum(v, &d) ? pf_rfmt_pct_of(d) : strdup(PF_NONE);
}

/* ---- words ---- */

static const char *const light_words[PF_RLIGHTS] = {"grön", "gul", "röd"};
static const char *const light_symbols[PF_RLIGHTS] = {"●", "◐", "○"};
static const char *const light_classes[PF_RLIGHTS] = {"green", "yellow", "red"};

const char *const pf_rstatus[PF_RSTATUSES] = {"idé",    "förstudie", "beslutad", "pågående",
                                              "pausad", "avslutad",  "stoppad"};
const char *const pf_rhorizon[PF_RHORIZONS] = {"år 1", "år 2", "år 3", "senare"};

int pf_rlight(const json_t *v)
{
	const char *w = json_string_value(v);

	for (int i = 0; w && i < PF_RLIGHTS; i++)
		if (!strcmp(w, light_words[i]))
			return i;
	return -1;
}

const char *pf_rlight_word(int light)
{
	return light >= 0 && light < PF_RLIGHTS ? light_words[light] : PF_NONE;
}

const char *pf_rlight_symbol(int light)
{
	return light >= 0 && light < PF_RLIGHTS ? light_symbols[light] : PF_NONE;
}

const char *pf_rlight_class(int light)
{
	return light >= 0 && light < PF_RLIGHTS ? light_classes[light] : "none";
}

char *pf_rlight_text(const json_t *v, const char *none)
{
	int l = pf_rlight(v);

	if (l < 0)
		return pf_rfmt_or(v, none);
	return pf_rfmt("%s %s", light_symbols[l], light_words[l]);
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

char *pf_rhorizon_heading(const json_t *doc, size_t h)
{
	const json_t *items = pf_rget(doc, "items"), *first = pf_rget(doc, "first_year");

	if (h >= PF_RHORIZONS)
		return strdup("Övriga");
	if (h == PF_RHORIZONS - 1)
		return strdup("Senare");
	/* A year past 9999 is nonsense, but must not overflow. */
	if (json_is_integer(first) && json_integer_value(first) > -1000000 &&
	    json_integer_value(first) < 1000000)
		return pf_rfmt("År %zu (%lld)", h + 1,
		               (long long)json_integer_value(first) + (long long)h);
	for (size_t i = 0; i < json_array_size(items); i++) {
		const json_t *it = json_array_get(items, i), *year = pf_rget(it, "year");

		if (pf_rhorizon_index(pf_rget(it, "horizon")) == h && json_is_integer(year))
			return pf_rfmt("År %zu (%lld)", h + 1, (long long)json_integer_value(year));
	}
	return pf_rfmt("År %zu", h + 1);
}

/* "Prefix value", or "Prefix –" when the value is null. */
static char *titled(const char *prefix, const json_t *v)
{
	return pf_rjoin(strdup(prefix), " ", pf_rfmt_value(v));
}

/*
 * "Digital färdplan HR, version 2025"; a roadmap whose name already says
 * färdplan ("Digital färdplan Kultur och bildning", "Färdplan IT") is not
 * prefixed again.
 */
static char *roadmap_title(const json_t *d)
{
	const char *name = pf_rget_str(d, "roadmap");
	char folded[512];
	bool says = name && pf_fold(name, folded, sizeof(folded)) < sizeof(folded) &&
	            strstr(folded, "fardplan");

	return pf_rjoin(says ? pf_rfmt_value(pf_rget(d, "roadmap"))
	                     : titled("Digital färdplan", pf_rget(d, "roadmap")),
	                ", ", titled("version", pf_rget(d, "version")));
}

char *pf_rtitle(const pf_report *r)
{
	const json_t *d = r->doc, *it = pf_rget(d, "initiative");

	switch (r->kind) {
	case PF_REPORT_QUARTER:
		return titled("Kvartalsrapport", pf_rget(d, "period"));
	case PF_REPORT_COMMITTEE:
		return titled("Nämndrapport", pf_rget(d, "period"));
	case PF_REPORT_INITIATIVE:
		return pf_rjoin(titled("Initiativ", pf_rget(it, "id")), ": ",
		                pf_rfmt_value(pf_rget(it, "title")));
	case PF_REPORT_PRIORITY:
		return titled("Prioriteringsunderlag", pf_rget(d, "period"));
	case PF_REPORT_ROADMAP:
		return roadmap_title(d);
	case PF_REPORT_TRACEABILITY:
		return titled("Spårbarhet", pf_rget(d, "year"));
	default:
		return strdup("Rapport");
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

void pf_rtable_init_v(pf_rtable *t, const char *spec, const char *const *heads)
{
	memset(t, 0, sizeof(*t));
	t->spec = spec;
	t->ncols = strlen(spec);
	for (size_t i = 0; i < t->ncols; i++)
		pf_rtable_add(t, strdup(heads[i]), -1);
}

void pf_rtable_init(pf_rtable *t, const char *spec, ...)
{
	const char *heads[16];
	size_t n = strlen(spec);
	va_list ap;

	assert(n <= COUNT_OF(heads)); /* a programmer's error: widen heads */
	va_start(ap, spec);
	for (size_t i = 0; i < n && i < COUNT_OF(heads); i++)
		heads[i] = va_arg(ap, const char *);
	va_end(ap);
	pf_rtable_init_v(t, spec, heads);
}

void pf_rtable_value(pf_rtable *t, const json_t *v)
{
	pf_rtable_add(t, pf_rfmt_value(v), -1);
}

void pf_rtable_pct(pf_rtable *t, const json_t *v)
{
	pf_rtable_add(t, pf_rfmt_pct(v), -1);
}

void pf_rtable_light(pf_rtable *t, const json_t *v, const char *none)
{
	pf_rtable_add(t, pf_rlight_text(v, none), pf_rlight(v));
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

/* One row of the listed keys of obj, each as a value. */
static void row_of(pf_rtable *t, const json_t *obj, const char *const *keys)
{
	for (size_t c = 0; c < t->ncols; c++)
		pf_rtable_value(t, pf_rget(obj, keys[c]));
}

/* A table of the listed keys of each object in list. */
static void plain_table(pf_rtable *t, const json_t *list, const char *spec, const char *const *keys,
                        const char *const *heads)
{
	pf_rtable_init_v(t, spec, heads);
	for (size_t i = 0; i < json_array_size(list); i++)
		row_of(t, json_array_get(list, i), keys);
}

/* A fact row: label, value (taken). */
static void fact(pf_rtable *t, const char *label, char *value)
{
	pf_rtable_add(t, strdup(label), -1);
	pf_rtable_add(t, value, -1);
}

/* ---- quarter, committee ---- */

void pf_rtab_quarter(pf_rtable *t, const json_t *doc)
{
	const json_t *items = pf_rget(doc, "initiatives");

	pf_rtable_init(t, "rllllllrlw", "Rang", "Id", "Initiativ", "Nämnd", "Fas", "Bedömning",
	               "Beräknad", "Realisering", "Föregående", "Kommentar");
	for (size_t i = 0; i < json_array_size(items); i++) {
		const json_t *it = json_array_get(items, i);

		pf_rtable_value(t, pf_rget(it, "rank"));
		pf_rtable_value(t, pf_rget(it, "id"));
		pf_rtable_value(t, pf_rget(it, "title"));
		pf_rtable_value(t, pf_rget(it, "committee"));
		pf_rtable_value(t, pf_rget(it, "status"));
		pf_rtable_light(t, pf_rget(it, "assessment"), PF_NONE);
		pf_rtable_light(t, pf_rget(it, "computed"), PF_NONE " ej mätt");
		pf_rtable_pct(t, pf_rget(it, "realisation"));
		pf_rtable_light(t, pf_rget(it, "previous_assessment"), PF_NONE);
		pf_rtable_value(t, pf_rget(it, "comment"));
	}
}

void pf_rtab_committee(pf_rtable *t, const json_t *doc)
{
	static const char *const keys[] = {
	    "code",        "initiatives",       "indicators",       "measured",         "on_track",
	    "realisation", "completed_in_year", "innovative_share", "missing_followups"};
	const json_t *list = pf_rget(doc, "committees");

	pf_rtable_init(t, "lrrrrrrrr", "Nämnd", "Initiativ", "Indikatorer", "Mätta", "I fas",
	               "Realisering", "Slutförda i år", "Innovativa", "Saknar uppföljning");
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
static char *status_count(const json_t *by, const char *status)
{
	const json_t *n = pf_rget(by, status);

	if (!json_is_object(by))
		return strdup(PF_NONE);
	return n ? pf_rfmt_value(n) : strdup("0");
}

void pf_rtab_by_status(pf_rtable *t, const json_t *doc)
{
	const json_t *list = pf_rget(doc, "committees");
	const char *heads[1 + PF_RSTATUSES] = {"Nämnd"};

	for (size_t s = 0; s < PF_RSTATUSES; s++)
		heads[s + 1] = pf_rstatus[s];
	pf_rtable_init_v(t, "lrrrrrrr", heads);
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i), *by = pf_rget(c, "by_status");

		pf_rtable_value(t, pf_rget(c, "code"));
		for (size_t s = 0; s < PF_RSTATUSES; s++)
			pf_rtable_add(t, status_count(by, pf_rstatus[s]), -1);
	}
}

/* ---- roadmap ---- */

void pf_rtab_roadmap_facts(pf_rtable *t, const json_t *d)
{
	pf_rtable_init(t, "lw", "Uppgift", "Värde");
	fact(t, "Färdplan", pf_rfmt_value(pf_rget(d, "roadmap")));
	fact(t, "Version", pf_rfmt_value(pf_rget(d, "version")));
	fact(t, "Verksamhet", pf_rfmt_value(pf_rget(d, "unit")));
	fact(t, "Nämnd", pf_rfmt_value(pf_rget(d, "committee")));
	fact(t, "Datum", pf_rfmt_value(pf_rget(d, "date")));
	fact(t, "Första år", pf_rfmt_value(pf_rget(d, "first_year")));
	fact(t, "Beslutad av", pf_rfmt_value(pf_rget(d, "decided_by")));
	fact(t, "Jämförd med",
	     pf_rfmt_or(pf_rget(d, "previous_version"), PF_NONE " (första versionen)"));
	if (pf_rget(d, "period"))
		fact(t, "Period", pf_rfmt_value(pf_rget(d, "period")));
	fact(t, "Rapporterad till nämnden", pf_rfmt_value(pf_rget(d, "reported_to_committee")));
}

void pf_rtab_roadmap_horizon(pf_rtable *t, const json_t *doc, size_t h)
{
	const json_t *items = pf_rget(doc, "items");

	pf_rtable_init(t, "lllllr", "Id", "Initiativ", "År", "Fas", "Bedömning", "Realisering");
	for (size_t i = 0; i < json_array_size(items); i++) {
		const json_t *it = json_array_get(items, i);

		if (pf_rhorizon_index(pf_rget(it, "horizon")) != h)
			continue;
		pf_rtable_value(t, pf_rget(it, "initiative"));
		pf_rtable_value(t, pf_rget(it, "title"));
		pf_rtable_value(t, pf_rget(it, "year"));
		pf_rtable_value(t, pf_rget(it, "status"));
		pf_rtable_light(t, pf_rget(it, "assessment"), PF_NONE);
		pf_rtable_pct(t, pf_rget(it, "realisation"));
	}
}

void pf_rtab_decisions(pf_rtable *t, const json_t *list, bool titles)
{
	static const char *const keys[] = {"decision_id", "body",  "date",
	                                   "type",        "title", "protocol"};
	static const char *const heads[] = {"Id", "Organ", "Datum", "Typ", "Titel", "Protokoll"};
	static const char *const keys5[] = {"decision_id", "body", "date", "type", "protocol"};
	static const char *const heads5[] = {"Id", "Organ", "Datum", "Typ", "Protokoll"};

	if (titles)
		plain_table(t, list, "llnlwl", keys, heads);
	else
		plain_table(t, list, "llnll", keys5, heads5);
}

char *pf_rmoved_text(const json_t *m)
{
	return pf_rjoin(
	    pf_rfmt_value(pf_rget(m, "initiative")), " ",
	    pf_rjoin(pf_rfmt_value(pf_rget(m, "from")), " → ", pf_rfmt_value(pf_rget(m, "to"))));
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

void pf_rtab_traceability(pf_rtable *t, const json_t *doc)
{
	const json_t *list = pf_rget(doc, "committees");

	pf_rtable_init(t, "lrrrrl", "Nämnd", "Informerad", "Beslut", "Utan protokoll",
	               "Färdplaner (rapporterade/totalt)", "Ej rapporterade initiativ");
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
static char *reported_text(const json_t *v)
{
	if (json_is_boolean(v))
		return strdup(json_is_true(v) ? "✓ ja" : "✗ nej");
	return strdup(PF_NONE);
}

void pf_rtab_trace_roadmaps(pf_rtable *t, const json_t *doc)
{
	const json_t *list = pf_rget(doc, "committees");

	pf_rtable_init(t, "lllnl", "Nämnd", "Färdplan", "Version", "Datum", "Rapporterad");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i), *rms = pf_rget(c, "roadmaps");

		for (size_t j = 0; j < json_array_size(rms); j++) {
			const json_t *rm = json_array_get(rms, j), *rep = pf_rget(rm, "reported");

			pf_rtable_value(t, pf_rget(c, "code"));
			pf_rtable_value(t, pf_rget(rm, "roadmap"));
			pf_rtable_value(t, pf_rget(rm, "version"));
			pf_rtable_value(t, pf_rget(rm, "date"));
			/* green for reported, red for not: the audit's yes and no */
			pf_rtable_add(t, reported_text(rep),
			              json_is_boolean(rep) ? (json_is_true(rep) ? 0 : 2) : -1);
		}
	}
}

/* ---- initiative ---- */

const pf_rfield pf_rinitiative_fields[PF_RINITIATIVE_FIELDS] = {
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

void pf_rtab_initiative_facts(pf_rtable *t, const json_t *d)
{
	const json_t *it = pf_rget(d, "initiative");

	pf_rtable_init(t, "lw", "Uppgift", "Värde");
	fact(t, "Period", pf_rfmt_value(pf_rget(d, "period")));
	for (size_t i = 0; i < PF_RINITIATIVE_FIELDS; i++)
		fact(t, pf_rinitiative_fields[i].label,
		     pf_rfmt_value(pf_rget(it, pf_rinitiative_fields[i].key)));
	fact(t, "Budget (kr)", pf_rfmt_value(pf_rget(it, "budget")));
	fact(t, "IT-timmar", pf_rfmt_value(pf_rget(it, "it_hours")));
	fact(t, "Realisering", pf_rfmt_pct(pf_rget(d, "realisation")));
	fact(t, "Förväntat", pf_rfmt_pct(pf_rget(d, "expected")));
	pf_rtable_add(t, strdup("Beräknat ljus"), -1);
	pf_rtable_light(t, pf_rget(d, "computed"), PF_NONE " ej mätt");
}

/* "90 % (2025Q3)", or PF_NONE when nothing is measured. */
static char *latest_value(const json_t *ind)
{
	const json_t *v = pf_rget(ind, "value");

	if (!v || json_is_null(v))
		return strdup(PF_NONE);
	return pf_rjoin(pf_rfmt_unit(v, pf_rget(ind, "unit")), " (",
	                pf_rjoin(pf_rfmt_value(pf_rget(ind, "value_period")), "", strdup(")")));
}

void pf_rtab_indicators(pf_rtable *t, const json_t *list)
{
	pf_rtable_init(t, "lwllrrl", "Id", "Indikator", "Bas → mål", "Senaste värde", "Progress",
	               "Förväntat", "Ljus");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *ind = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(ind, "indicator_id"));
		pf_rtable_value(t, pf_rget(ind, "indicator"));
		pf_rtable_add(t,
		              pf_rjoin(pf_rfmt_value(pf_rget(ind, "baseline")), " → ",
		                       pf_rfmt_unit(pf_rget(ind, "target"), pf_rget(ind, "unit"))),
		              -1);
		pf_rtable_add(t, latest_value(ind), -1);
		pf_rtable_pct(t, pf_rget(ind, "progress"));
		pf_rtable_pct(t, pf_rget(ind, "expected"));
		pf_rtable_light(t, pf_rget(ind, "light"), PF_NONE " ej mätt");
	}
}

void pf_rtab_indicator_details(pf_rtable *t, const json_t *list)
{
	pf_rtable_init(t, "lwlnwlrlr", "Id", "Effektmål", "Riktning", "Bas- → måldatum", "Metod",
	               "Ägare", "Vikt", "Nyttotyp", "Nytta (kr/år)");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *ind = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(ind, "indicator_id"));
		pf_rtable_value(t, pf_rget(ind, "goal"));
		pf_rtable_value(t, pf_rget(ind, "direction"));
		pf_rtable_add(t,
		              pf_rjoin(pf_rfmt_value(pf_rget(ind, "baseline_date")), " → ",
		                       pf_rfmt_value(pf_rget(ind, "target_date"))),
		              -1);
		pf_rtable_value(t, pf_rget(ind, "method"));
		pf_rtable_value(t, pf_rget(ind, "owner"));
		pf_rtable_value(t, pf_rget(ind, "weight"));
		pf_rtable_value(t, pf_rget(ind, "benefit_type"));
		pf_rtable_value(t, pf_rget(ind, "benefit_sek"));
	}
}

/* One row per measured value of every indicator: the series in full. */
void pf_rtab_series(pf_rtable *t, const json_t *list)
{
	pf_rtable_init(t, "llrrrlw", "Id", "Period", "Värde", "Progress", "Förväntat", "Ljus",
	               "Kommentar");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *ind = json_array_get(list, i), *series = pf_rget(ind, "series");

		for (size_t j = 0; j < json_array_size(series); j++) {
			const json_t *m = json_array_get(series, j);

			pf_rtable_value(t, pf_rget(ind, "indicator_id"));
			pf_rtable_value(t, pf_rget(m, "period"));
			pf_rtable_add(t, pf_rfmt_unit(pf_rget(m, "value"), pf_rget(ind, "unit")),
			              -1);
			pf_rtable_pct(t, pf_rget(m, "progress"));
			pf_rtable_pct(t, pf_rget(m, "expected"));
			pf_rtable_light(t, pf_rget(m, "light"), PF_NONE);
			pf_rtable_value(t, pf_rget(m, "comment"));
		}
	}
}

void pf_rtab_followups(pf_rtable *t, const json_t *list)
{
	pf_rtable_init(t, "lllwwl", "Period", "Bedömning", "Fas", "Förväntade effekter",
	               "Kommentar", "Rapporterad av");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *f = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(f, "period"));
		pf_rtable_light(t, pf_rget(f, "assessment"), PF_NONE);
		pf_rtable_value(t, pf_rget(f, "status"));
		pf_rtable_value(t, pf_rget(f, "expected_effects"));
		pf_rtable_value(t, pf_rget(f, "comment"));
		pf_rtable_value(t, pf_rget(f, "reported_by"));
	}
}

void pf_rtab_priorities(pf_rtable *t, const json_t *list)
{
	static const char *const keys[] = {"period", "rank"};
	static const char *const heads[] = {"Period", "Rang"};

	plain_table(t, list, "lr", keys, heads);
}

void pf_rtab_initiative_roadmaps(pf_rtable *t, const json_t *list)
{
	static const char *const keys[] = {"roadmap", "version", "date", "horizon"};
	static const char *const heads[] = {"Färdplan", "Version", "Datum", "Horisont"};

	plain_table(t, list, "llnl", keys, heads);
}

void pf_rtab_changes(pf_rtable *t, const json_t *list)
{
	static const char *const keys[] = {"at", "command", "kind", "key", "field", "old", "new"};
	static const char *const heads[] = {"Tidpunkt", "Kommando", "Typ",  "Nyckel",
	                                    "Fält",     "Före",     "Efter"};

	plain_table(t, list, "nllllww", keys, heads);
}

/* ---- priority ---- */

void pf_rtab_priority_facts(pf_rtable *t, const json_t *d)
{
	const json_t *cap = pf_rget(d, "capacity");

	pf_rtable_init(t, "lw", "Uppgift", "Värde");
	fact(t, "Period", pf_rfmt_value(pf_rget(d, "period")));
	fact(t, "Region IT-kapacitet",
	     json_is_number(cap) ? pf_rjoin(pf_rfmt_value(cap), " ", strdup("timmar per kvartal"))
	                         : strdup("ej angiven"));
	if (pf_rget(d, "list_period"))
		fact(t, "Prioriteringslista", pf_rfmt_or(pf_rget(d, "list_period"), "ingen ännu"));
}

void pf_rtab_waiting(pf_rtable *t, const json_t *list)
{
	pf_rtable_init(t, "llwlllrrnn", "Id", "Tvärsektoriell", "Initiativ", "Innovativ", "Nämnd",
	               "Fas", "IT-timmar", "Budget (kr)", "Start", "Slut");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *w = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(w, "id"));
		pf_rtable_value(t, pf_rget(w, "cross_cutting"));
		pf_rtable_value(t, pf_rget(w, "title"));
		pf_rtable_value(t, pf_rget(w, "innovative"));
		pf_rtable_value(t, pf_rget(w, "committee"));
		pf_rtable_value(t, pf_rget(w, "status"));
		pf_rtable_value(t, pf_rget(w, "it_hours"));
		pf_rtable_value(t, pf_rget(w, "budget"));
		pf_rtable_value(t, pf_rget(w, "start"));
		pf_rtable_value(t, pf_rget(w, "end"));
	}
}

void pf_rtab_hours(pf_rtable *t, const json_t *list)
{
	pf_rtable_init(t, "lrrrl", "Period", "Begärt", "Åtagna", "Kapacitet", "Över kapacitet");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *h = json_array_get(list, i), *over = pf_rget(h, "over");

		pf_rtable_value(t, pf_rget(h, "period"));
		pf_rtable_value(t, pf_rget(h, "asked"));
		pf_rtable_value(t, pf_rget(h, "committed"));
		pf_rtable_value(t, pf_rget(h, "capacity"));
		/* red marks the quarters that do not fit */
		pf_rtable_add(t, pf_rfmt_value(over), json_is_true(over) ? 2 : -1);
	}
}

void pf_rtab_priority_list(pf_rtable *t, const json_t *list)
{
	pf_rtable_init(t, "rlwlll", "Rang", "Id", "Initiativ", "Nämnd", "Fas", "Bedömning");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *p = json_array_get(list, i);

		pf_rtable_value(t, pf_rget(p, "rank"));
		pf_rtable_value(t, pf_rget(p, "id"));
		pf_rtable_value(t, pf_rget(p, "title"));
		pf_rtable_value(t, pf_rget(p, "committee"));
		pf_rtable_value(t, pf_rget(p, "status"));
		pf_rtable_light(t, pf_rget(p, "assessment"), PF_NONE);
	}
}
