/*
 * The `html` format of the reports of FORMATS.md section 5: one standalone
 * page with the same tables as the other formats plus charts, in Swedish or
 * English (<html lang>, every label a message id of i18n.h).
 *
 * The page is self-contained (inline <style>, inline SVG, no external
 * resource) so it can be mailed, archived with a committee's papers or
 * printed. Printed, every page carries the report's title, its period and
 * as-of time, the page number and the print date; rows, charts and cards
 * are not split, and nothing forces a page break. The print date is the one
 * thing the file cannot hold (the same data gives the same bytes): a tiny
 * inline script adds it when the page is printed, and without scripts it
 * is just not there.
 * It is also well-formed XML apart from the doctype (void elements closed,
 * only the five XML entities, no raw control characters), so tests and tools
 * can parse it. Every text from the document is escaped.
 *
 * Lights are always a symbol, a word and a colour together (● grön, ◐ gul,
 * ○ röd), in charts too (filled, half-filled and empty circles), so they read
 * in black and white and for the colour-blind. Every SVG has a <title>.
 */
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_util.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))

/* Colours: GitHub's light palette, readable on white and in print. */
#define INK "#1f2328"
#define MUTED "#656d76"
#define GRID "#d0d7de"
#define TRACK "#eaeef2"
#define BLUE "#0969da"
#define ORANGE "#bc4c00"
#define RED "#cf222e"
#define NO_LIGHT "#8c959f"

static const char *const light_colors[PF_RLIGHTS] = {"#1a7f37", "#9a6700", RED};

static const char css[] =
    ":root{color-scheme:light}"
    "body{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,\"Helvetica Neue\",Arial,"
    "sans-serif;color:" INK ";background:#fff;margin:2rem auto;max-width:75rem;padding:0 1rem;"
    "line-height:1.45}"
    "h1{font-size:1.6rem;margin:0 0 .3rem}"
    "h2{font-size:1.2rem;margin:2rem 0 .6rem;padding-bottom:.2rem;border-bottom:1px solid " GRID "}"
    "h3{font-size:1rem;margin:.2rem 0 .5rem}"
    ".lead{color:" MUTED ";margin:0}"
    "table{border-collapse:collapse;width:100%;font-size:.9rem;margin:.4rem 0 1rem}"
    "th,td{border:1px solid " GRID ";padding:.3rem .5rem;text-align:left;vertical-align:top}"
    "thead th{background:#f6f8fa}.wide{overflow-x:auto}"
    ".num{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}"
    ".light{white-space:nowrap;font-weight:600}"
    ".light.green{color:#1a7f37}.light.yellow{color:#9a6700}.light.red{color:" RED "}"
    "td:first-child,.nowrap,.id,ul.ids li{white-space:nowrap}"
    ".empty{color:" MUTED ";font-style:italic}"
    "dl.facts{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1.2rem;margin:1rem 0}"
    "dl.facts dt{font-weight:600}dl.facts dd{margin:0}"
    "ul.plain{margin:0;padding-left:1.1rem}"
    "svg.chart{display:block;max-width:100%;height:auto;margin:.4rem 0 1rem}"
    "svg text{font-family:system-ui,-apple-system,\"Segoe UI\",Roboto,Arial,sans-serif;"
    "font-size:12px;fill:" INK "}"
    "svg text.muted{fill:" MUTED "}svg text.over{fill:" RED ";font-weight:600}"
    "details{margin:.4rem 0 1rem}summary{cursor:pointer;color:" MUTED "}"
    ".figures{display:grid;grid-template-columns:repeat(auto-fill,minmax(27rem,1fr));gap:1rem}"
    "figure{margin:0;border:1px solid " GRID ";border-radius:6px;padding:.5rem}"
    "figcaption{font-weight:600;font-size:.9rem}figure svg.chart{width:100%}"
    ".board{display:grid;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));gap:.75rem}"
    ".column{background:#f6f8fa;border:1px solid " GRID ";border-radius:6px;padding:.5rem}"
    ".card{background:#fff;border:1px solid " GRID ";border-left:6px solid " NO_LIGHT
    ";border-radius:4px;padding:.4rem .6rem;margin:.5rem 0}"
    ".card.green{border-left-color:#1a7f37}.card.yellow{border-left-color:#9a6700}"
    ".card.red{border-left-color:" RED "}"
    ".card p{margin:.1rem 0}.card .id{font-size:.8rem;color:" MUTED "}"
    ".card .title{font-weight:600}.card .meta{font-size:.85rem}"
    ".badge{display:inline-block;font-size:.75rem;border:1px solid " GRID
    ";border-radius:1rem;padding:0 .45rem;margin-left:.3rem;color:" MUTED "}"
    "svg.mini{display:inline-block;vertical-align:middle;margin-right:.4rem}"
    "footer{margin-top:2.5rem;font-size:.8rem;color:" MUTED "}"
    "@media print{"
    "@page{size:A4 landscape;margin:12mm}"
    "body{margin:0;max-width:none;font-size:10pt}"
    "*{-webkit-print-color-adjust:exact;print-color-adjust:exact}"
    "h2,h3,figcaption{break-after:avoid}"
    /* rows, not whole tables: a long table pushed whole leaves a near-empty page */
    "tr,figure,.card,.column,svg,dl.facts{break-inside:avoid}"
    /* three charts a row: a row that fits where two would not leaves less blank */
    ".figures{grid-template-columns:repeat(3,1fr)}"
    "thead{display:table-header-group}.wide{overflow:visible}"
    "details>summary{display:none}"
    "}";

/* Where the page goes, and in which language. */
struct page {
	pf_rbuf b;
	pf_lang lang;
};

/* ---- text ---- */

/*
 * Writes s escaped for text and attribute values alike: the five XML
 * characters as entities, control characters (not allowed in XML) as spaces,
 * CR dropped, LF as <br/> when br, else a space.
 */
static void h_text(pf_rbuf *b, const char *s, bool br)
{
	static const char *const entities[] = {
	    ['&'] = "&amp;", ['<'] = "&lt;", ['>'] = "&gt;", ['"'] = "&quot;", ['\''] = "&#39;"};

	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p < COUNT_OF(entities) && entities[*p])
			pf_rbuf_puts(b, entities[*p]);
		else if (*p == '\n')
			pf_rbuf_puts(b, br ? "<br/>" : " ");
		else if (*p == '\r')
			continue;
		else if (*p < 0x20 || *p == 0x7f)
			pf_rbuf_puts(b, " ");
		else
			pf_rbuf_putn(b, (const char *)p, 1);
	}
}

/* Writes s escaped and frees it. */
static void h_take(pf_rbuf *b, char *s, bool br)
{
	if (!s) {
		b->oom = true;
		return;
	}
	h_text(b, s, br);
	free(s);
}

/* An element holding escaped text: <tag>text</tag>; takes text. */
static void h_elem(pf_rbuf *b, const char *tag, char *text)
{
	pf_rbuf_printf(b, "<%s>", tag);
	/* one line: a <title> cannot hold markup, and headings and items need none */
	h_take(b, text, false);
	pf_rbuf_printf(b, "</%s>\n", tag);
}

/*
 * Text coloured as a light: <span class="light green">● grön</span>; of
 * text on several lines, the first.
 */
static void h_light_span(pf_rbuf *b, int light, const char *text)
{
	const char *nl = strchr(text, '\n');
	char *first;

	if (light < 0) {
		h_text(b, text, true);
		return;
	}
	first = nl ? strndup(text, (size_t)(nl - text)) : NULL;
	if (nl && !first) {
		b->oom = true;
		return;
	}
	/* only the first line is the light: what follows (a realisation) is not coloured */
	pf_rbuf_printf(b, "<span class=\"light %s\">", pf_rlight_class(light));
	h_text(b, nl ? first : text, true);
	pf_rbuf_puts(b, "</span>");
	if (nl) {
		pf_rbuf_puts(b, "<br/>");
		h_text(b, nl + 1, true);
	}
	free(first);
}

/* Opens a section headed by title, a message id. */
static void h_section(struct page *pg, const char *title)
{
	pf_rbuf_puts(&pg->b, "<section>\n");
	h_elem(&pg->b, "h2", strdup(pf_tr(pg->lang, title)));
}

static void h_end_section(pf_rbuf *b)
{
	pf_rbuf_puts(b, "</section>\n");
}

/* A note in place of what is missing; text is a message id. */
static void h_empty(struct page *pg, const char *text)
{
	pf_rbuf_puts(&pg->b, "<p class=\"empty\">");
	h_text(&pg->b, pf_tr(pg->lang, text), false);
	pf_rbuf_puts(&pg->b, "</p>\n");
}

/* ---- tables ---- */

static void h_row(pf_rbuf *b, const pf_rtable *t, size_t row)
{
	const char *cell = row ? "td" : "th";

	pf_rbuf_puts(b, "<tr>");
	for (size_t c = 0; c < t->ncols; c++) {
		const pf_rcell *x = pf_rtable_at(t, row, c);

		pf_rbuf_printf(b, "<%s%s%s>", cell, row ? "" : " scope=\"col\"",
		               t->spec[c] == 'r'   ? " class=\"num\""
		               : t->spec[c] == 'n' ? " class=\"nowrap\""
		                                   : "");
		h_light_span(b, x->light, x->text);
		pf_rbuf_printf(b, "</%s>", cell);
	}
	pf_rbuf_puts(b, "</tr>\n");
}

/* Writes the table, or "Inga." when it has no rows, and frees it. */
static void h_table(struct page *pg, pf_rtable *t)
{
	pf_rbuf *b = &pg->b;

	if (t->oom) {
		b->oom = true;
	} else if (!pf_rtable_rows(t)) {
		h_empty(pg, PF_N_("Inga."));
	} else {
		/* a table wider than the screen scrolls instead of widening the page */
		pf_rbuf_puts(b, "<div class=\"wide\">\n<table>\n<thead>");
		h_row(b, t, 0);
		pf_rbuf_puts(b, "</thead>\n<tbody>\n");
		for (size_t r = 1; r <= pf_rtable_rows(t); r++)
			h_row(b, t, r);
		pf_rbuf_puts(b, "</tbody>\n</table>\n</div>\n");
	}
	pf_rtable_free(t);
}

/* A section holding one table (taken); title is a message id. */
static void h_table_section(struct page *pg, const char *title, pf_rtable *t)
{
	pf_rbuf *b = &pg->b;

	h_section(pg, title);
	h_table(pg, t);
	h_end_section(b);
}

/* Writes a label/value table as a definition list and frees it. */
static void h_facts(pf_rbuf *b, pf_rtable *t)
{
	if (t->oom)
		b->oom = true;
	pf_rbuf_puts(b, "<dl class=\"facts\">\n");
	for (size_t r = 1; !t->oom && r <= pf_rtable_rows(t); r++) {
		const pf_rcell *value = pf_rtable_at(t, r, 1);

		h_elem(b, "dt", strdup(pf_rtable_at(t, r, 0)->text));
		pf_rbuf_puts(b, "<dd>");
		h_light_span(b, value->light, value->text);
		pf_rbuf_puts(b, "</dd>\n");
	}
	pf_rbuf_puts(b, "</dl>\n");
	pf_rtable_free(t);
}

/* The items of an array as a list, or `none` (a message id). */
static void h_list(struct page *pg, const json_t *a, const char *none)
{
	pf_rbuf *b = &pg->b;

	if (!json_array_size(a)) {
		h_empty(pg, none);
		return;
	}
	/* the lists are of ids: each kept on one line */
	pf_rbuf_puts(b, "<ul class=\"plain ids\">\n");
	for (size_t i = 0; i < json_array_size(a); i++)
		h_elem(b, "li", pf_rfmt_value(pg->lang, json_array_get(a, i)));
	pf_rbuf_puts(b, "</ul>\n");
}

/* ---- SVG ---- */

/* A coordinate as text: at most one decimal, a decimal point whatever the locale. */
typedef struct {
	char s[24];
} num_text;

static num_text cnum(double v)
{
	num_text n;
	long t;

	if (!isfinite(v))
		v = 0;
	/* charts are a few hundred units wide: anything beyond is a clamped outlier */
	v = fmax(-1e7, fmin(1e7, v));
	t = lround(fabs(v) * 10);
	snprintf(n.s, sizeof(n.s), "%s%ld", v < 0 && t ? "-" : "", t / 10);
	if (t % 10)
		snprintf(n.s + strlen(n.s), sizeof(n.s) - strlen(n.s), ".%ld", t % 10);
	return n;
}

/* Opens a chart of w × h units scaled to the page width; its title (taken) names it. */
static void svg_open(pf_rbuf *b, double w, double h, char *title)
{
	pf_rbuf_printf(b,
	               "<svg class=\"chart\" viewBox=\"0 0 %s %s\" width=\"%s\" height=\"%s\" "
	               "role=\"img\">\n",
	               cnum(w).s, cnum(h).s, cnum(w).s, cnum(h).s);
	h_elem(b, "title", title);
}

static void svg_close(pf_rbuf *b)
{
	pf_rbuf_puts(b, "</svg>\n");
}

/* Text at (x, y); anchor start, middle or end; cls a class or NULL. */
static void svg_text(pf_rbuf *b, double x, double y, const char *anchor, const char *cls,
                     const char *s)
{
	pf_rbuf_printf(b, "<text x=\"%s\" y=\"%s\" text-anchor=\"%s\"", cnum(x).s, cnum(y).s,
	               anchor);
	if (cls)
		pf_rbuf_printf(b, " class=\"%s\"", cls);
	pf_rbuf_puts(b, ">");
	h_text(b, s, false);
	pf_rbuf_puts(b, "</text>\n");
}

/* Same, taking s. */
static void svg_text_take(pf_rbuf *b, double x, double y, const char *anchor, const char *cls,
                          char *s)
{
	if (!s) {
		b->oom = true;
		return;
	}
	svg_text(b, x, y, anchor, cls, s);
	free(s);
}

static void svg_rect(pf_rbuf *b, double x, double y, double w, double h, const char *fill)
{
	pf_rbuf_printf(b, "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"%s\" fill=\"%s\"/>\n",
	               cnum(x).s, cnum(y).s, cnum(fmax(w, 0)).s, cnum(fmax(h, 0)).s, fill);
}

/* A line; dash is a stroke-dasharray or NULL for a solid one. */
static void svg_line(pf_rbuf *b, double x1, double y1, double x2, double y2, const char *color,
                     double width, const char *dash)
{
	pf_rbuf_printf(b,
	               "<line x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" stroke=\"%s\" "
	               "stroke-width=\"%s\"",
	               cnum(x1).s, cnum(y1).s, cnum(x2).s, cnum(y2).s, color, cnum(width).s);
	if (dash)
		pf_rbuf_printf(b, " stroke-dasharray=\"%s\"", dash);
	pf_rbuf_puts(b, "/>\n");
}

/* A group with a tooltip title (taken): hovering a bar or a point names it. */
static void svg_group(pf_rbuf *b, char *title)
{
	pf_rbuf_puts(b, "<g>");
	h_elem(b, "title", title);
}

/*
 * A light's symbol drawn at (x, y) with radius r: a filled circle (grön), a
 * half-filled one (gul), an empty one (röd), as the text symbols ● ◐ ○.
 */
static void svg_light(pf_rbuf *b, int light, double x, double y, double r)
{
	const char *c = light >= 0 && light < PF_RLIGHTS ? light_colors[light] : NO_LIGHT;

	if (light == 0) {
		pf_rbuf_printf(b, "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"%s\"/>\n", cnum(x).s,
		               cnum(y).s, cnum(r).s, c);
	} else if (light == 1) {
		pf_rbuf_printf(b,
		               "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"#fff\" stroke=\"%s\" "
		               "stroke-width=\"1.5\"/>\n",
		               cnum(x).s, cnum(y).s, cnum(r - 0.75).s, c);
		pf_rbuf_printf(b, "<path d=\"M%s %sA%s %s 0 0 0 %s %sZ\" fill=\"%s\"/>\n",
		               cnum(x).s, cnum(y - r + 0.75).s, cnum(r - 0.75).s, cnum(r - 0.75).s,
		               cnum(x).s, cnum(y + r - 0.75).s, c);
	} else {
		pf_rbuf_printf(b,
		               "<circle cx=\"%s\" cy=\"%s\" r=\"%s\" fill=\"#fff\" stroke=\"%s\" "
		               "stroke-width=\"2.2\"/>\n",
		               cnum(x).s, cnum(y).s, cnum(r - 1.1).s, c);
	}
}

/*
 * A light's symbol and word at (x, y), the word in the light's colour; `none`
 * (a message id) for no light.
 */
static void svg_light_word(struct page *pg, int light, double x, double y, const char *none)
{
	pf_rbuf *b = &pg->b;

	if (light < 0) {
		svg_text(b, x, y + 4, "start", "muted", pf_tr(pg->lang, none));
		return;
	}
	svg_light(b, light, x + 6, y, 6);
	pf_rbuf_printf(b, "<text x=\"%s\" y=\"%s\" fill=\"%s\" style=\"fill:%s\">%s</text>\n",
	               cnum(x + 16).s, cnum(y + 4).s, light_colors[light], light_colors[light],
	               pf_rlight_word(pg->lang, light));
}

/* A fraction clamped to 0..1 for drawing, 0 for no number. */
static double frac01(const json_t *v)
{
	double d = 0;

	pf_rnum(v, &d);
	return fmax(0, fmin(1, d));
}

/* A number for drawing, 0 for no number; negative counts draw as nothing. */
static double num0(const json_t *v)
{
	double d = 0;

	return pf_rnum(v, &d) ? d : 0;
}

/* ---- horizontal bars of fractions ---- */

struct hbar {
	char *label;         /* the row's name */
	const json_t *value; /* a fraction, or null: not measured */
	int light;           /* colours the bar; -1 for a neutral bar */
	char *note;          /* after the percentage, or NULL */
};

#define HBAR_WIDTH 300.0
#define HBAR_ROW 26.0
#define HBAR_TOP 30.0
#define CHAR_W 7.0 /* an estimate of a 12px character's width, to size label columns */

/* Where a row's note starts, after its light's symbol and word (none: at once). */
static double hbar_note_offset(pf_lang lang, int light)
{
	if (light < 0)
		return 0;
	return fmax(54, 26 + CHAR_W * (double)pf_rwidth(pf_rlight_word(lang, light)));
}

/*
 * The chart's width right of the bars: the percentage, the light and the
 * longest note (the Swedish ones fit the 230 units it always had).
 */
static double hbar_right_width(pf_lang lang, const struct hbar *rows, size_t n)
{
	double w = 230;

	for (size_t i = 0; i < n; i++)
		if (rows[i].note)
			w = fmax(w, 66 + hbar_note_offset(lang, rows[i].light) +
			                CHAR_W * (double)pf_rwidth(rows[i].note) + 10);
	return w;
}

/* The label column: as wide as the longest label, within reason (labels are cut to fit). */
static double hbar_label_width(const struct hbar *rows, size_t n)
{
	double w = 40;

	for (size_t i = 0; i < n; i++)
		if (rows[i].label)
			w = fmax(w, CHAR_W * (double)pf_rwidth(rows[i].label));
	return fmin(w, 300) + 16;
}

static void hbar_axis(pf_rbuf *b, double lw, double h)
{
	for (int i = 0; i <= 4; i++) {
		double x = lw + HBAR_WIDTH * i / 4;

		svg_line(b, x, HBAR_TOP - 6, x, h - 8, GRID, 1, i ? "3 3" : NULL);
		svg_text_take(b, x, HBAR_TOP - 12, "middle", "muted", pf_rfmt("%d %%", 25 * i));
	}
}

static void hbar_row(struct page *pg, const struct hbar *r, double lw, double y)
{
	pf_rbuf *b = &pg->b;
	double v = frac01(r->value), x = lw + HBAR_WIDTH + 8;
	const char *fill = r->light >= 0 ? light_colors[r->light] : BLUE;

	svg_group(b, pf_rjoin(strdup(r->label), ": ", pf_rfmt_pct(pg->lang, r->value)));
	svg_text(b, lw - 8, y + 16, "end", NULL, r->label);
	svg_rect(b, lw, y + 5, HBAR_WIDTH, 14, TRACK);
	if (json_is_number(r->value)) {
		svg_rect(b, lw, y + 5, HBAR_WIDTH * v, 14, fill);
		svg_text_take(b, x, y + 16, "start", NULL, pf_rfmt_pct(pg->lang, r->value));
	} else {
		svg_text(b, lw + 8, y + 16, "start", "muted", pf_tr(pg->lang, "ej mätt"));
	}
	x += 58;
	if (r->light >= 0)
		svg_light_word(pg, r->light, x, y + 12, "");
	if (r->note)
		svg_text(b, x + hbar_note_offset(pg->lang, r->light), y + 16, "start", "muted",
		         r->note);
	pf_rbuf_puts(b, "</g>\n");
}

/* A bar per row, 0–100 %, with the percentage, the light and a note; frees the rows. */
static void hbar_chart(struct page *pg, char *title, struct hbar *rows, size_t n)
{
	pf_rbuf *b = &pg->b;
	double h = HBAR_TOP + HBAR_ROW * (double)n + 10, lw = hbar_label_width(rows, n);

	svg_open(b, lw + HBAR_WIDTH + hbar_right_width(pg->lang, rows, n), h, title);
	hbar_axis(b, lw, h);
	for (size_t i = 0; i < n; i++) {
		if (!rows[i].label)
			b->oom = true;
		else
			hbar_row(pg, &rows[i], lw, HBAR_TOP + HBAR_ROW * (double)i);
		free(rows[i].label);
		free(rows[i].note);
	}
	svg_close(b);
	free(rows);
}

/* ---- vertical grouped bars of counts ---- */

struct series {
	const char *key, *name, *color;
};

struct vbars {
	const json_t *groups;        /* objects, one group of bars each */
	const char *label_key;       /* the group's name */
	const struct series *series; /* one bar per series in a group */
	size_t nseries;
	const char *line_key; /* a dashed level per group (capacity), or NULL */
	const char *band_key; /* true marks a group (over capacity), or NULL */
	const char *line_name, *band_name;
	bool counts;  /* whole numbers: ticks at whole numbers */
	bool stacked; /* one bar per group, the series stacked (hours against capacity) */
};

#define VB_LEFT 64.0
#define VB_TOP 34.0
#define VB_PLOT 200.0
#define VB_GROUP 96.0

/* The axis: a round step (1, 2, 2.5 or 5 times a power of ten) and the top it reaches. */
struct axis {
	double step, top;
};

/* The largest value drawn, so the tallest bar or level fits under the top tick. */
static struct axis vbars_axis_of(const struct vbars *c)
{
	double max = 0, raw, p, f, step;

	for (size_t i = 0; i < json_array_size(c->groups); i++) {
		const json_t *g = json_array_get(c->groups, i);

		double sum = 0;

		for (size_t s = 0; s < c->nseries; s++) {
			max = fmax(max, num0(pf_rget(g, c->series[s].key)));
			sum += fmax(0, num0(pf_rget(g, c->series[s].key)));
		}
		if (c->stacked)
			max = fmax(max, sum);
		if (c->line_key)
			max = fmax(max, num0(pf_rget(g, c->line_key)));
	}
	/* beyond any real count of hours the chart only has to stay finite */
	max = fmin(max > 0 ? max : 1, 1e12);
	raw = max / 4;
	p = pow(10, floor(log10(raw)));
	f = raw / p;
	step = (f <= 1 ? 1 : f <= 2 ? 2 : f <= 2.5 ? 2.5 : f <= 5 ? 5 : 10) * p;
	if (c->counts)
		step = fmax(1, ceil(step));
	return (struct axis){step, step * ceil(max / step)};
}

/* A legend entry's width: its swatch and its text. */
static double legend_width(const char *name)
{
	return 36 + CHAR_W * (double)pf_rwidth(name);
}

static void vbars_legend(pf_rbuf *b, const struct vbars *c)
{
	double x = VB_LEFT;

	for (size_t s = 0; s < c->nseries; s++) {
		svg_rect(b, x, 6, 12, 12, c->series[s].color);
		svg_text(b, x + 17, 16, "start", NULL, c->series[s].name);
		x += legend_width(c->series[s].name);
	}
	if (c->line_key) {
		svg_line(b, x, 12, x + 20, 12, INK, 2, "6 4");
		svg_text(b, x + 25, 16, "start", NULL, c->line_name);
		x += legend_width(c->line_name) + 12;
	}
	if (c->band_key) {
		svg_rect(b, x, 6, 12, 12, "#ffebe9");
		svg_text(b, x + 17, 16, "start", "over", c->band_name);
	}
}

static void vbars_axis(struct page *pg, struct axis a, double w)
{
	pf_rbuf *b = &pg->b;

	for (int i = 0; i * a.step <= a.top * (1 + 1e-9) && i <= 10; i++) {
		double y = VB_TOP + VB_PLOT - VB_PLOT * i * a.step / a.top;

		svg_line(b, VB_LEFT, y, w - 10, y, GRID, 1, i ? "3 3" : NULL);
		svg_text_take(b, VB_LEFT - 6, y + 4, "end", "muted",
		              pf_rfmt_real(pg->lang, a.step * i));
	}
}

/* The tooltip of a group: "2025Q4: begärda 300, åtagna 650, kapacitet 800". */
static char *vbars_tip(const struct page *pg, const struct vbars *c, const json_t *g)
{
	char *s = pf_rfmt_value(pg->lang, pf_rget(g, c->label_key));

	for (size_t k = 0; s && k < c->nseries; k++)
		s = pf_rjoin(s, k ? ", " : ": ",
		             pf_rjoin(strdup(c->series[k].name), " ",
		                      pf_rfmt_value(pg->lang, pf_rget(g, c->series[k].key))));
	if (c->line_key)
		s = pf_rjoin(s, ", ",
		             pf_rjoin(strdup(c->line_name), " ",
		                      pf_rfmt_value(pg->lang, pf_rget(g, c->line_key))));
	if (c->band_key && json_is_true(pf_rget(g, c->band_key)))
		s = pf_rjoin(s, ", ", strdup(c->band_name));
	return s;
}

/* The bars of one group, each with its value above it. */
static void vbars_bars(struct page *pg, const struct vbars *c, const json_t *g, double x,
                       double top)
{
	pf_rbuf *b = &pg->b;
	double bw = (VB_GROUP - 24) / (double)c->nseries, base = VB_TOP + VB_PLOT;

	for (size_t s = 0; s < c->nseries; s++) {
		const json_t *v = pf_rget(g, c->series[s].key);
		double h = VB_PLOT * fmax(0, fmin(1, num0(v) / top)), bx = x + 12 + bw * (double)s;

		svg_rect(b, bx + 2, base - h, bw - 4, h, c->series[s].color);
		svg_text_take(b, bx + bw / 2, base - h - 4, "middle", NULL,
		              pf_rfmt_value(pg->lang, v));
	}
}

#define LABEL_H 14.0 /* a value label's height: 12px text and a little air */

/*
 * Places n value labels, wanted centred at y[i] (bottom first, y growing
 * down), so that no two overlap and none sits on the level at line (NAN for
 * none): each is pushed up past the one below it and past the line; when
 * that would leave the plot at top, the labels go down from the top instead.
 */
static void place_labels(double *y, size_t n, double line, double top)
{
	double prev = INFINITY;

	for (size_t i = 0; i < n; i++) {
		y[i] = fmin(y[i], prev - LABEL_H);
		if (fabs(y[i] - line) < LABEL_H / 2 + 1)
			y[i] = line - LABEL_H / 2 - 1;
		prev = y[i];
	}
	if (n && y[n - 1] - LABEL_H / 2 < top) {
		prev = top - LABEL_H / 2;
		for (size_t i = n; i-- > 0;) {
			y[i] = fmax(y[i], prev + LABEL_H);
			if (fabs(y[i] - line) < LABEL_H / 2 + 1)
				y[i] = line + LABEL_H / 2 + 1;
			prev = y[i];
		}
	}
}

/*
 * One bar of the series stacked, the first at the bottom, each part's value
 * beside the bar, clear of the others and of the level at line (NAN: none).
 */
static void vbars_stack(struct page *pg, const struct vbars *c, const json_t *g, double x,
                        double top, double line)
{
	pf_rbuf *b = &pg->b;
	double base = VB_TOP + VB_PLOT, y0 = base, ys[8];
	const json_t *shown[8];
	size_t n = 0;

	for (size_t s = 0; s < c->nseries && s < COUNT_OF(ys); s++) {
		const json_t *v = pf_rget(g, c->series[s].key);
		double h = VB_PLOT * fmax(0, fmin(1, fmax(0, num0(v)) / top));

		h = fmin(h, y0 - VB_TOP);
		svg_rect(b, x + 14, y0 - h, 34, h, c->series[s].color);
		if (num0(v) > 0) {
			shown[n] = v;
			ys[n++] = y0 - h / 2;
		}
		y0 -= h;
	}
	place_labels(ys, n, line, VB_TOP);
	for (size_t i = 0; i < n; i++)
		svg_text_take(b, x + 52, ys[i] + 4, "start", "value",
		              pf_rfmt_value(pg->lang, shown[i]));
}

static void vbars_group(struct page *pg, const struct vbars *c, const json_t *g, double x,
                        double top)
{
	pf_rbuf *b = &pg->b;
	double base = VB_TOP + VB_PLOT, level;
	bool band = c->band_key && json_is_true(pf_rget(g, c->band_key));

	svg_group(b, vbars_tip(pg, c, g));
	/* the band behind the bars, its word under the period: it reads without colour */
	if (band) {
		svg_rect(b, x + 2, VB_TOP, VB_GROUP - 4, VB_PLOT, "#ffebe9");
		svg_text(b, x + VB_GROUP / 2, base + 30, "middle", "over", pf_tr(pg->lang, "över"));
	}
	double y = NAN;

	if (c->line_key && pf_rnum(pf_rget(g, c->line_key), &level) && level >= 0)
		y = base - VB_PLOT * fmin(1, level / top);
	if (c->stacked)
		vbars_stack(pg, c, g, x, top, y);
	else
		vbars_bars(pg, c, g, x, top);
	/* the level across the whole group, so that the groups' levels join into one line */
	if (!isnan(y))
		pf_rbuf_printf(b,
		               "<line class=\"level\" x1=\"%s\" y1=\"%s\" x2=\"%s\" y2=\"%s\" "
		               "stroke=\"" INK "\" stroke-width=\"2\" stroke-dasharray=\"6 4\"/>\n",
		               cnum(x).s, cnum(y).s, cnum(x + VB_GROUP).s, cnum(y).s);
	svg_text_take(b, x + VB_GROUP / 2, base + 16, "middle", NULL,
	              pf_rfmt_value(pg->lang, pf_rget(g, c->label_key)));
	pf_rbuf_puts(b, "</g>\n");
}

/* Grouped vertical bars with a value axis, a legend and the optional level and band. */
static void vbars_chart(struct page *pg, char *title, const struct vbars *c)
{
	pf_rbuf *b = &pg->b;
	size_t n = json_array_size(c->groups);
	struct axis a = vbars_axis_of(c);
	double w = VB_LEFT + VB_GROUP * (double)n + 20, lw = 0;

	/* the legend's width is known once it is laid out; measure it first */
	for (size_t s = 0; s < c->nseries; s++)
		lw += legend_width(c->series[s].name);
	lw += (c->line_key ? legend_width(c->line_name) + 12 : 0) +
	      (c->band_key ? legend_width(c->band_name) : 0);
	w = fmax(w, VB_LEFT + lw + 10);
	svg_open(b, w, VB_TOP + VB_PLOT + 38, title);
	vbars_legend(b, c);
	vbars_axis(pg, a, w);
	for (size_t i = 0; i < n; i++)
		vbars_group(pg, c, json_array_get(c->groups, i), VB_LEFT + VB_GROUP * (double)i,
		            a.top);
	svg_close(b);
}

/* ---- promised against realised benefit ---- */

#define BC_BAR 300.0
#define BC_ROW 28.0
#define BC_TOP 30.0
#define PROMISED_FILL "#ddf4ff"

/* "2 184 000 av 3 120 000 kr/år (70,0 %)" for one benefit type. */
static char *benefit_note(pf_lang lang, const json_t *b)
{
	const json_t *promised = pf_rget(b, "promised"), *realised = pf_rget(b, "realised");
	char *r = pf_rfmt_value(lang, realised), *p = pf_rfmt_value(lang, promised);
	char *share = pf_rfmt_share(lang, realised, promised);
	char *s = r && p && share ? pf_rfmt(pf_tr(lang, "%s av %s kr/år (%s)"), r, p, share) : NULL;

	free(r);
	free(p);
	free(share);
	return s;
}

/* The promised value as an outlined bar, the realised part filled inside it. */
static void benefit_row(struct page *pg, const char *type, const json_t *bt, double lw, double y,
                        double max)
{
	pf_rbuf *b = &pg->b;
	const char *label = pf_rword(pg->lang, PF_WORDS_BENEFIT, type);
	char *note = benefit_note(pg->lang, bt);

	svg_group(b, pf_rjoin(strdup(label), ": ", note ? strdup(note) : NULL));
	svg_text(b, lw - 8, y + 17, "end", NULL, label);
	pf_rbuf_printf(b,
	               "<rect x=\"%s\" y=\"%s\" width=\"%s\" height=\"16\" fill=\"" PROMISED_FILL
	               "\" stroke=\"" BLUE "\"/>\n",
	               cnum(lw).s, cnum(y + 5).s,
	               cnum(BC_BAR * fmax(0, num0(pf_rget(bt, "promised"))) / max).s);
	svg_rect(b, lw, y + 9, BC_BAR * fmax(0, num0(pf_rget(bt, "realised"))) / max, 8, BLUE);
	if (note)
		svg_text(b, lw + BC_BAR + 12, y + 17, "start", NULL, note);
	b->oom |= !note;
	free(note);
	pf_rbuf_puts(b, "</g>\n");
}

/*
 * One row per benefit type of a benefits object ({type: {"promised",
 * "realised"}}, kronor per year): promised and realised on one scale, the
 * largest value filling the bar.
 */
static void benefit_chart(struct page *pg, const json_t *benefits)
{
	pf_rbuf *b = &pg->b;
	const char *type, *promised = pf_tr(pg->lang, "utlovat"),
	                  *realised = pf_tr(pg->lang, "realiserat");
	const json_t *bt;
	double max = 0, lw = 40, rw = 0, y = BC_TOP;

	json_object_foreach((json_t *)benefits, type, bt)
	{
		char *note = benefit_note(pg->lang, bt);

		lw = fmax(lw,
		          CHAR_W * (double)pf_rwidth(pf_rword(pg->lang, PF_WORDS_BENEFIT, type)));
		rw = fmax(rw, note ? CHAR_W * (double)pf_rwidth(note) : 0);
		max = fmax(max, fmax(num0(pf_rget(bt, "promised")), num0(pf_rget(bt, "realised"))));
		free(note);
	}
	lw = fmin(lw, 200) + 16;
	max = max > 0 ? fmin(max, 1e300) : 1;
	svg_open(b, lw + BC_BAR + 12 + rw + 10,
	         BC_TOP + BC_ROW * (double)json_object_size(benefits) + 6,
	         strdup(pf_tr(pg->lang, "Utlovad och realiserad nytta per nyttotyp, kr/år")));
	pf_rbuf_printf(b,
	               "<rect x=\"%s\" y=\"6\" width=\"12\" height=\"12\" fill=\"" PROMISED_FILL
	               "\" stroke=\"" BLUE "\"/>\n",
	               cnum(lw).s);
	svg_text(b, lw + 17, 16, "start", NULL, promised);
	svg_rect(b, lw + legend_width(promised), 6, 12, 12, BLUE);
	svg_text(b, lw + legend_width(promised) + 17, 16, "start", NULL, realised);
	json_object_foreach((json_t *)benefits, type, bt)
	{
		benefit_row(pg, type, bt, lw, y, max);
		y += BC_ROW;
	}
	svg_close(b);
}

/* ---- page ---- */

/* s as a CSS string: anything but letters, digits, spaces and UTF-8 as a hex escape. */
static void css_string(pf_rbuf *b, const char *s)
{
	pf_rbuf_puts(b, "\"");
	for (const unsigned char *p = (const unsigned char *)s; *p; p++) {
		if (*p >= 0x80 || *p == ' ' || (*p >= '0' && *p <= '9') ||
		    ((*p | 0x20) >= 'a' && (*p | 0x20) <= 'z'))
			pf_rbuf_putn(b, (const char *)p, 1);
		else
			pf_rbuf_printf(b, "\\%x ", *p);
	}
	pf_rbuf_puts(b, "\"");
}

/*
 * The printed pages' margins: the title top left, the period and the as-of
 * time (the document's "as_of", when it has one) top right, the page number
 * bottom right; the print date bottom left comes from print_script.
 */
static void print_frame(struct page *pg, const char *title, const json_t *doc)
{
	pf_rbuf *b = &pg->b;
	const json_t *period = pf_rget(doc, "period"), *as_of = pf_rget(doc, "as_of");
	char *right = NULL;

	if (json_is_string(period))
		right = pf_rjoin(strdup(pf_tr(pg->lang, "Period")), " ",
		                 strdup(json_string_value(period)));
	if (json_is_string(as_of)) {
		char *t = strdup(json_string_value(as_of)), *sep = t ? strchr(t, 'T') : NULL;

		if (sep)
			*sep = ' ';
		right = pf_rjoin(right ? right : strdup(""), right ? " · " : "",
		                 pf_rjoin(strdup(pf_tr(pg->lang, "Läge per")), " ", t));
	}
	pf_rbuf_puts(b, "<style media=\"print\">@page{"
	                "@top-left{content:");
	css_string(b, title);
	pf_rbuf_puts(b, ";font:8pt sans-serif;color:" MUTED "}@top-right{content:");
	css_string(b, right ? right : "");
	pf_rbuf_puts(b, ";font:8pt sans-serif;color:" MUTED "}@bottom-right{content:");
	css_string(b, pf_tr(pg->lang, "Sida"));
	pf_rbuf_puts(b, " \" \" counter(page) \" \" ");
	css_string(b, pf_tr(pg->lang, "av"));
	pf_rbuf_puts(b, " \" \" counter(pages);font:8pt sans-serif;color:" MUTED "}}</style>\n");
	free(right);
}

/*
 * Adds the print date to the printed pages' bottom left margin when the page
 * is printed, in the words of <body data-printed>. No '<' or '&': the page
 * stays well-formed XML.
 */
static const char print_script[] =
    "<script>addEventListener(\"beforeprint\",function(){var d=new Date(),"
    "p=function(n){return(n>9?\"\":\"0\")+n},s=document.createElement(\"style\");"
    "s.textContent=\"@page{@bottom-left{content:'\"+document.body.getAttribute(\"data-printed\")"
    "+\" \"+d.getFullYear()+\"-\"+p(d.getMonth()+1)+\"-\"+p(d.getDate())+"
    "\"';font:8pt sans-serif;color:" MUTED "}}\";document.head.appendChild(s)})</script>\n";

static void h_head(struct page *pg, const char *title, const json_t *doc)
{
	pf_rbuf *b = &pg->b;

	pf_rbuf_printf(b,
	               "<!DOCTYPE html>\n<html lang=\"%s\">\n<head>\n<meta charset=\"utf-8\"/>\n"
	               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>\n"
	               "<meta name=\"generator\" content=\"portfolj\"/>\n",
	               pg->lang == PF_LANG_EN ? "en" : "sv");
	h_elem(b, "title", strdup(title));
	pf_rbuf_printf(b, "<style>%s</style>\n", css);
	print_frame(pg, title, doc);
	pf_rbuf_puts(b, print_script);
	pf_rbuf_puts(b, "</head>\n");
}

/* One light of the footer's legend: "● grön i fas" with sep after it. */
static void footer_light(struct page *pg, int light, const char *meaning, const char *sep)
{
	char *text = pf_rfmt("%s %s", pf_rlight_symbol(light), pf_rlight_word(pg->lang, light));

	pg->b.oom |= !text;
	h_light_span(&pg->b, light, text ? text : "");
	free(text);
	pf_rbuf_printf(&pg->b, " %s%s", pf_tr(pg->lang, meaning), sep);
}

static void h_footer(struct page *pg)
{
	pf_rbuf *b = &pg->b;

	pf_rbuf_printf(b, "<footer>\n<p>%s ", pf_tr(pg->lang, "Ljus:"));
	footer_light(pg, 0, PF_N_("i fas"), ", ");
	footer_light(pg, 1, PF_N_("delvis"), ", ");
	footer_light(pg, 2, PF_N_("inte i fas"), ". ");
	h_text(b,
	       pf_tr(pg->lang, "Realisering: viktad andel av effektmålens väg från basvärde till "
	                       "målvärde. Skapad av portfolj."),
	       false);
	pf_rbuf_puts(b, "</p>\n</footer>\n");
}

/* A paragraph under the heading: "Label: value"; label is a message id; takes value. */
static void h_lead(struct page *pg, const char *label, char *value)
{
	pf_rbuf *b = &pg->b;

	pf_rbuf_puts(b, "<p class=\"lead\">");
	h_text(b, pf_tr(pg->lang, label), false);
	pf_rbuf_puts(b, ": ");
	h_take(b, value, false);
	pf_rbuf_puts(b, "</p>\n");
}

/* ---- quarter ---- */

/* "P-01 Digital kallelse", cut to fit a chart's label column. */
static char *id_title(const struct page *pg, const json_t *it, const char *id_key)
{
	char *s = pf_rjoin(pf_rfmt_value(pg->lang, pf_rget(it, id_key)), " ",
	                   pf_rfmt_or(pg->lang, pf_rget(it, "title"), ""));
	char *t = s ? pf_rtruncate(s, 42) : NULL;

	free(s);
	return t;
}

/* A bar per item of a list: its realisation, coloured by the light at light_key. */
static void item_bars(struct page *pg, const json_t *items, const char *id_key,
                      const char *light_key, const char *title)
{
	size_t n = json_array_size(items);
	struct hbar *rows = calloc(n ? n : 1, sizeof(*rows));

	if (!rows) {
		pg->b.oom = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const json_t *it = json_array_get(items, i);

		rows[i].label = id_title(pg, it, id_key);
		rows[i].value = pf_rget(it, "realisation");
		rows[i].light = pf_rlight(pf_rget(it, light_key));
	}
	hbar_chart(pg, strdup(pf_tr(pg->lang, title)), rows, n);
}

static void quarter_bars(struct page *pg, const json_t *items)
{
	item_bars(pg, items, "id", "computed",
	          PF_N_("Realisering per initiativ, stapeln färgad efter det beräknade ljuset"));
}

/* Initiatives (rows) × assessment, computed light and previous assessment. */
static void quarter_matrix(struct page *pg, const json_t *items)
{
	static const char *const keys[] = {"assessment", "computed", "previous_assessment"};
	static const char *const heads[] = {PF_N_("Bedömning"), PF_N_("Beräknat"),
	                                    PF_N_("Föregående")};
	pf_rbuf *b = &pg->b;
	size_t n = json_array_size(items);

	svg_open(b, 300 + 130 * 3, 34 + 26.0 * (double)n,
	         strdup(pf_tr(pg->lang, "Ljus per initiativ: bedömning, beräknat ljus och "
	                                "föregående bedömning")));
	for (size_t k = 0; k < COUNT_OF(keys); k++)
		svg_text(b, 310 + 130.0 * (double)k, 20, "start", "muted",
		         pf_tr(pg->lang, heads[k]));
	for (size_t i = 0; i < n; i++) {
		const json_t *it = json_array_get(items, i);
		double y = 34 + 26.0 * (double)i;

		svg_line(b, 0, y, 300 + 130 * 3, y, TRACK, 1, NULL);
		svg_text_take(b, 292, y + 17, "end", NULL, id_title(pg, it, "id"));
		for (size_t k = 0; k < COUNT_OF(keys); k++)
			svg_light_word(pg, pf_rlight(pf_rget(it, keys[k])), 310 + 130.0 * (double)k,
			               y + 13, k == 1 ? PF_NONE " ej mätt" : PF_NONE);
	}
	svg_close(b);
}

static void html_quarter(struct page *pg, const json_t *d)
{
	pf_rbuf *b = &pg->b;
	const json_t *items = pf_rget(d, "initiatives"), *list = pf_rget(d, "list_period");
	pf_rtable t;

	if (list)
		h_lead(pg, PF_N_("Prioriteringslista"),
		       pf_rfmt_or(pg->lang, list, pf_tr(pg->lang, "ingen")));
	h_section(pg, PF_N_("Realisering och ljus"));
	if (json_array_size(items)) {
		quarter_bars(pg, items);
		quarter_matrix(pg, items);
	} else {
		h_empty(pg, PF_N_("Inga initiativ."));
	}
	h_end_section(b);
	pf_rtab_quarter(&t, pg->lang, d);
	h_table_section(pg, PF_N_("plural|Initiativ"), &t);
	h_section(pg, PF_N_("Saknar uppföljning för perioden"));
	h_list(pg, pf_rget(d, "missing"), PF_N_("Inga."));
	h_end_section(b);
}

/* ---- committee ---- */

/* "i fas 1 av 2 mätta": the committee's indicators on track of those measured. */
static char *note_on_track(pf_lang lang, const json_t *c)
{
	char *on = pf_rfmt_value(lang, pf_rget(c, "on_track"));
	char *measured = pf_rfmt_value(lang, pf_rget(c, "measured"));
	char *s =
	    on && measured ? pf_rfmt(pf_tr(lang, "i fas %s av %s mätta"), on, measured) : NULL;

	free(on);
	free(measured);
	return s;
}

static void committee_bars(struct page *pg, const json_t *list)
{
	pf_rbuf *b = &pg->b;
	size_t n = json_array_size(list);
	struct hbar *rows = calloc(n ? n : 1, sizeof(*rows));

	if (!rows) {
		b->oom = true;
		return;
	}
	for (size_t i = 0; i < n; i++) {
		const json_t *c = json_array_get(list, i);

		rows[i].label = pf_rfmt_value(pg->lang, pf_rget(c, "code"));
		rows[i].value = pf_rget(c, "realisation");
		rows[i].light = -1;
		rows[i].note = note_on_track(pg->lang, c);
	}
	hbar_chart(pg, strdup(pf_tr(pg->lang, "Realisering per nämnd, 0–100 %")), rows, n);
}

/* The largest count of by_status over all committees, at least 1. */
static double status_max(const json_t *list)
{
	double max = 1;

	for (size_t i = 0; i < json_array_size(list); i++)
		for (size_t s = 0; s < PF_RSTATUSES; s++)
			max = fmax(max, num0(pf_rget(pf_rget(json_array_get(list, i), "by_status"),
			                             pf_rstatus[s])));
	return max;
}

static void status_cell(struct page *pg, const json_t *by, size_t s, double x, double y, double max)
{
	pf_rbuf *b = &pg->b;
	const json_t *v = pf_rget(by, pf_rstatus[s]);
	double share = fmax(0, fmin(1, num0(v) / max));

	pf_rbuf_printf(b,
	               "<rect x=\"%s\" y=\"%s\" width=\"76\" height=\"24\" fill=\"%s\" "
	               "fill-opacity=\"%s\" stroke=\"%s\"/>\n",
	               cnum(x).s, cnum(y).s, BLUE, cnum(share > 0 ? 0.12 + 0.5 * share : 0).s,
	               GRID);
	svg_text_take(b, x + 38, y + 16, "middle", share > 0 ? NULL : "muted",
	              !json_is_object(by) ? strdup(PF_NONE)
	              : v                 ? pf_rfmt_value(pg->lang, v)
	                                  : strdup("0"));
}

/* Committees (rows) × the seven statuses: how many initiatives each has in each. */
static void committee_matrix(struct page *pg, const json_t *list)
{
	pf_rbuf *b = &pg->b;
	size_t n = json_array_size(list);
	double max = status_max(list);

	svg_open(b, 80 + 80 * PF_RSTATUSES, 30 + 28.0 * (double)n,
	         strdup(pf_tr(pg->lang, "Antal initiativ per nämnd och fas")));
	for (size_t s = 0; s < PF_RSTATUSES; s++)
		svg_text(b, 118 + 80.0 * (double)s, 18, "middle", "muted",
		         pf_rword(pg->lang, PF_WORDS_PHASE, pf_rstatus[s]));
	for (size_t i = 0; i < n; i++) {
		const json_t *c = json_array_get(list, i);
		double y = 28 + 28.0 * (double)i;

		svg_text_take(b, 70, y + 17, "end", NULL,
		              pf_rfmt_value(pg->lang, pf_rget(c, "code")));
		for (size_t s = 0; s < PF_RSTATUSES; s++)
			status_cell(pg, pf_rget(c, "by_status"), s, 80 + 80.0 * (double)s, y, max);
	}
	svg_close(b);
}

/*
 * The committees' benefits summed per benefit type, {type: {"promised",
 * "realised"}} as one committee's; NULL when out of memory.
 */
static json_t *benefit_totals(const json_t *list)
{
	static const char *const keys[] = {"promised", "realised"};
	json_t *tot = json_object();

	for (size_t i = 0; tot && i < json_array_size(list); i++) {
		const json_t *bs = pf_rget(json_array_get(list, i), "benefits"), *bt;
		const char *type;

		json_object_foreach((json_t *)bs, type, bt)
		{
			json_t *acc = json_object_get(tot, type);

			if (!acc && (!(acc = json_pack("{s:f, s:f}", keys[0], 0.0, keys[1], 0.0)) ||
			             json_object_set_new(tot, type, acc))) {
				json_decref(tot);
				return NULL;
			}
			for (size_t k = 0; k < COUNT_OF(keys); k++) {
				json_t *sum = json_object_get(acc, keys[k]);
				double v;

				if (pf_rnum(pf_rget(bt, keys[k]), &v))
					json_real_set(sum, json_real_value(sum) + v);
			}
		}
	}
	return tot;
}

/* The promised and realised benefit: a chart of the totals per type, then the table. */
static void committee_benefit_section(struct page *pg, const json_t *d)
{
	pf_rbuf *b = &pg->b;
	json_t *tot = benefit_totals(pf_rget(d, "committees"));
	pf_rtable t;

	h_section(pg, PF_N_("Nyttor"));
	if (!tot)
		b->oom = true;
	else if (json_object_size(tot))
		benefit_chart(pg, tot);
	json_decref(tot);
	pf_rtab_benefits(&t, pg->lang, d);
	h_table(pg, &t);
	h_end_section(b);
}

/*
 * Benefit realisation (src/report/benefits.c), each section only when the document
 * has its key: a report made before them reads as it always did.
 */
static void committee_benefits(struct page *pg, const json_t *d)
{
	const json_t *list = pf_rget(d, "committees");
	pf_rtable t;

	if (pf_rany(list, "after_completion")) {
		pf_rtab_after_completion(&t, pg->lang, d);
		h_table_section(pg, PF_N_("Effekthemtagning"), &t);
	}
	if (pf_rany(list, "kpis_by_year")) {
		pf_rtab_kpis_by_year(&t, pg->lang, d);
		h_table_section(pg, PF_N_("Nyckeltal per år"), &t);
	}
	if (pf_rany(list, "benefits"))
		committee_benefit_section(pg, d);
	if (pf_rany(list, "unmeasured_indicators")) {
		pf_rtab_unmeasured(&t, pg->lang, d);
		h_table_section(pg, PF_N_("Ej mätta indikatorer"), &t);
	}
	if (pf_rany(list, "not_measured_this_period")) {
		pf_rtab_not_measured(&t, pg->lang, d);
		h_table_section(pg, PF_N_("Ej mätta detta kvartal"), &t);
	}
}

static void html_committee(struct page *pg, const json_t *d)
{
	pf_rbuf *b = &pg->b;
	const json_t *list = pf_rget(d, "committees");
	pf_rtable t;

	h_section(pg, PF_N_("Realisering per nämnd"));
	if (json_array_size(list))
		committee_bars(pg, list);
	else
		h_empty(pg, PF_N_("Inga nämnder."));
	h_end_section(b);
	pf_rtab_committee(&t, pg->lang, d);
	h_table_section(pg, PF_N_("Nyckeltal per nämnd"), &t);
	if (pf_rhas_lights_by_quarter(d)) {
		pf_rtab_lights_by_quarter(&t, pg->lang, d);
		h_table_section(pg, PF_N_("Ljus per kvartal"), &t);
	}
	h_section(pg, PF_N_("Initiativ per nämnd och fas"));
	if (json_array_size(list))
		committee_matrix(pg, list);
	pf_rbuf_printf(b, "<details><summary>%s</summary>\n", pf_tr(pg->lang, "Som tabell"));
	pf_rtab_by_status(&t, pg->lang, d);
	h_table(pg, &t);
	pf_rbuf_puts(b, "</details>\n");
	h_end_section(b);
	committee_benefits(pg, d);
}

/* ---- benefits ---- */

/*
 * The committees' benefit realisation as the committee report shows it (the
 * benefits chart among it), then each initiative with indicators.
 */
static void html_benefits(struct page *pg, const json_t *d)
{
	pf_rtable t;

	if (pf_rhas_lights_by_quarter(d)) {
		pf_rtab_lights_by_quarter(&t, pg->lang, d);
		h_table_section(pg, PF_N_("Ljus per kvartal"), &t);
	}
	committee_benefits(pg, d);
	pf_rtab_benefit_initiatives(&t, pg->lang, d);
	h_table_section(pg, PF_N_("Nyttor per initiativ"), &t);
}

/* ---- roadmap ---- */

static const char *or_empty(const char *s)
{
	return s ? s : "";
}

/* Whether id is among the strings of list. */
static bool listed(const json_t *list, const char *id)
{
	for (size_t i = 0; id && i < json_array_size(list); i++)
		if (!strcmp(id, or_empty(json_string_value(json_array_get(list, i)))))
			return true;
	return false;
}

/* "ny" or "flyttad från senare" for an item changed since the previous version. */
static void card_badges(struct page *pg, const json_t *changes, const char *id)
{
	pf_rbuf *b = &pg->b;
	const json_t *moved = pf_rget(changes, "moved");

	if (listed(pf_rget(changes, "added"), id))
		pf_rbuf_printf(b, "<span class=\"badge\">%s</span>", pf_tr(pg->lang, "ny"));
	for (size_t i = 0; id && i < json_array_size(moved); i++) {
		const json_t *m = json_array_get(moved, i);

		if (strcmp(id, or_empty(pf_rget_str(m, "initiative"))))
			continue;
		pf_rbuf_printf(b, "<span class=\"badge\">%s ", pf_tr(pg->lang, "flyttad från"));
		h_take(b, pf_rfmt_word(pg->lang, PF_WORDS_HORIZON, pf_rget(m, "from")), false);
		pf_rbuf_puts(b, "</span>");
	}
}

/* A small bar of the realisation, with the percentage; "ej mätt" without one. */
static void card_realisation(struct page *pg, const json_t *v)
{
	pf_rbuf *b = &pg->b;

	pf_rbuf_puts(b, "<p class=\"meta\">");
	if (json_is_number(v)) {
		pf_rbuf_puts(b, "<svg class=\"mini\" viewBox=\"0 0 120 10\" width=\"120\" "
		                "height=\"10\" role=\"img\">");
		h_elem(b, "title",
		       pf_rjoin(strdup(pf_tr(pg->lang, "Realisering")), " ",
		                pf_rfmt_pct(pg->lang, v)));
		svg_rect(b, 0, 0, 120, 10, TRACK);
		svg_rect(b, 0, 0, 120 * frac01(v), 10, BLUE);
		pf_rbuf_puts(b, "</svg>");
		h_take(b, pf_rfmt_pct(pg->lang, v), false);
	} else {
		pf_rbuf_printf(b, "<span class=\"empty\">%s</span>", pf_tr(pg->lang, "ej mätt"));
	}
	pf_rbuf_puts(b, "</p>\n");
}

static void roadmap_card(struct page *pg, const json_t *it, const json_t *changes)
{
	pf_rbuf *b = &pg->b;
	const json_t *a = pf_rget(it, "assessment");
	char *light = pf_rlight_text(pg->lang, a, PF_N_("– ingen bedömning"));

	pf_rbuf_printf(b, "<div class=\"card %s\">\n<p class=\"id\">",
	               pf_rlight(a) >= 0 ? pf_rlight_class(pf_rlight(a)) : "none");
	h_take(b, pf_rfmt_value(pg->lang, pf_rget(it, "initiative")), false);
	card_badges(pg, changes, pf_rget_str(it, "initiative"));
	pf_rbuf_puts(b, "</p>\n<p class=\"title\">");
	h_take(b, pf_rfmt_or(pg->lang, pf_rget(it, "title"), ""), false);
	pf_rbuf_puts(b, "</p>\n<p class=\"meta\">");
	h_take(b, pf_rfmt_word(pg->lang, PF_WORDS_PHASE, pf_rget(it, "status")), false);
	pf_rbuf_puts(b, " · ");
	h_light_span(b, pf_rlight(a), light ? light : "");
	b->oom |= !light;
	free(light);
	pf_rbuf_puts(b, "</p>\n");
	card_realisation(pg, pf_rget(it, "realisation"));
	pf_rbuf_puts(b, "</div>\n");
}

/* One column of the board: the items on horizon h (PF_RHORIZONS: on none known). */
static void board_column(struct page *pg, const json_t *d, size_t h)
{
	pf_rbuf *b = &pg->b;
	const json_t *items = pf_rget(d, "items");
	size_t shown = 0;

	pf_rbuf_puts(b, "<div class=\"column\">\n");
	h_elem(b, "h3", pf_rhorizon_heading(pg->lang, d, h));
	for (size_t i = 0; i < json_array_size(items); i++) {
		const json_t *it = json_array_get(items, i);

		if (pf_rhorizon_index(pf_rget(it, "horizon")) != h)
			continue;
		roadmap_card(pg, it, pf_rget(d, "changes"));
		shown++;
	}
	if (!shown)
		h_empty(pg, PF_N_("Inga initiativ."));
	pf_rbuf_puts(b, "</div>\n");
}

/* Four columns år 1, år 2, år 3, senare; a fifth only for items on no known horizon. */
static void roadmap_board(struct page *pg, const json_t *d)
{
	pf_rbuf *b = &pg->b;
	const json_t *items = pf_rget(d, "items");
	bool others = false;

	for (size_t i = 0; i < json_array_size(items); i++)
		if (pf_rhorizon_index(pf_rget(json_array_get(items, i), "horizon")) == PF_RHORIZONS)
			others = true;
	pf_rbuf_puts(b, "<div class=\"board\">\n");
	for (size_t h = 0; h < (size_t)PF_RHORIZONS + (others ? 1 : 0); h++)
		board_column(pg, d, h);
	pf_rbuf_puts(b, "</div>\n");
}

static void roadmap_changes(struct page *pg, const json_t *changes)
{
	pf_rbuf *b = &pg->b;
	const json_t *moved = pf_rget(changes, "moved");

	h_section(pg, PF_N_("Ändringar mot föregående version"));
	h_elem(b, "h3", strdup(pf_tr(pg->lang, "Tillagda")));
	h_list(pg, pf_rget(changes, "added"), PF_N_("Inga."));
	h_elem(b, "h3", strdup(pf_tr(pg->lang, "Borttagna")));
	h_list(pg, pf_rget(changes, "removed"), PF_N_("Inga."));
	h_elem(b, "h3", strdup(pf_tr(pg->lang, "Flyttade")));
	if (!json_array_size(moved))
		h_empty(pg, PF_N_("Inga."));
	else
		pf_rbuf_puts(b, "<ul class=\"plain\">\n");
	for (size_t i = 0; i < json_array_size(moved); i++)
		h_elem(b, "li", pf_rmoved_text(pg->lang, json_array_get(moved, i)));
	if (json_array_size(moved))
		pf_rbuf_puts(b, "</ul>\n");
	h_end_section(b);
}

/* The version's initiatives: realisation, coloured by the quarter's assessment. */
static void roadmap_bars(struct page *pg, const json_t *items)
{
	item_bars(pg, items, "initiative", "assessment",
	          PF_N_("Realisering per initiativ, stapeln färgad efter kvartalets bedömning"));
}

static void html_roadmap(struct page *pg, const json_t *d)
{
	pf_rbuf *b = &pg->b;
	pf_rtable t;

	pf_rtab_roadmap_facts(&t, pg->lang, d);
	h_facts(b, &t);
	h_section(pg, PF_N_("Horisonter"));
	roadmap_board(pg, d);
	if (json_array_size(pf_rget(d, "items")))
		roadmap_bars(pg, pf_rget(d, "items"));
	h_end_section(b);
	roadmap_changes(pg, pf_rget(d, "changes"));
	pf_rtab_decisions(&t, pg->lang, pf_rget(d, "decisions"), false);
	h_table_section(pg, PF_N_("Beslut och information om versionen"), &t);
}

/* ---- traceability ---- */

/* "✓ HR 2025 (2025-02-01)" in green, or "✗ ..." in red. */
static void trace_roadmap(struct page *pg, const json_t *rm)
{
	pf_rbuf *b = &pg->b;
	const json_t *rep = pf_rget(rm, "reported");
	int light = json_is_true(rep) ? 0 : json_is_false(rep) ? 2 : -1;
	char *text =
	    pf_rjoin(pf_rjoin(pf_rfmt_value(pg->lang, pf_rget(rm, "roadmap")), " ",
	                      pf_rfmt_value(pg->lang, pf_rget(rm, "version"))),
	             " (", pf_rjoin(pf_rfmt_value(pg->lang, pf_rget(rm, "date")), "", strdup(")")));

	pf_rbuf_puts(b, "<li>");
	if (text) {
		char *line = pf_rfmt("%s %s", light == 0 ? "✓" : light == 2 ? "✗" : PF_NONE, text);

		h_light_span(b, light, line ? line : "");
		b->oom |= !line;
		free(line);
	}
	b->oom |= !text;
	free(text);
	if (light >= 0)
		pf_rbuf_printf(
		    b, " %s",
		    pf_tr(pg->lang, light == 0 ? PF_N_("rapporterad") : PF_N_("ej rapporterad")));
	pf_rbuf_puts(b, "</li>\n");
}

static void trace_row(struct page *pg, const json_t *c)
{
	static const char *const counts[] = {"informed", "decisions", "without_protocol"};
	pf_rbuf *b = &pg->b;
	const json_t *rms = pf_rget(c, "roadmaps");

	pf_rbuf_puts(b, "<tr><th scope=\"row\">");
	h_take(b, pf_rfmt_value(pg->lang, pf_rget(c, "code")), false);
	pf_rbuf_puts(b, "</th>");
	for (size_t k = 0; k < COUNT_OF(counts); k++) {
		pf_rbuf_puts(b, "<td class=\"num\">");
		h_take(b, pf_rfmt_value(pg->lang, pf_rget(c, counts[k])), false);
		pf_rbuf_puts(b, "</td>");
	}
	pf_rbuf_puts(b, "<td>");
	if (!json_array_size(rms))
		pf_rbuf_printf(b, "<span class=\"empty\">%s</span>", pf_tr(pg->lang, "inga"));
	else
		pf_rbuf_puts(b, "<ul class=\"plain\">\n");
	for (size_t i = 0; i < json_array_size(rms); i++)
		trace_roadmap(pg, json_array_get(rms, i));
	if (json_array_size(rms))
		pf_rbuf_puts(b, "</ul>");
	pf_rbuf_puts(b, "</td><td>");
	h_list(pg, pf_rget(c, "unreported_initiatives"), PF_N_("inga"));
	pf_rbuf_puts(b, "</td></tr>\n");
}

/* Committees with their roadmap versions (reported ✓ / ✗) and unreported initiatives named. */
static void trace_table(struct page *pg, const json_t *list)
{
	static const char *const heads[] = {
	    PF_N_("Nämnd"),
	    PF_N_("Informerad"),
	    PF_N_("Beslut"),
	    PF_N_("Utan protokoll"),
	    PF_N_("Färdplansversioner under året"),
	    PF_N_("Prioriterade initiativ som nämnden inte fått information om"),
	};
	pf_rbuf *b = &pg->b;

	if (!json_array_size(list)) {
		h_empty(pg, PF_N_("Inga nämnder."));
		return;
	}
	pf_rbuf_puts(b, "<table>\n<thead><tr>");
	for (size_t i = 0; i < COUNT_OF(heads); i++) {
		/* the counts are numbers */
		pf_rbuf_printf(b, "<th scope=\"col\"%s>", i >= 1 && i <= 3 ? " class=\"num\"" : "");
		h_text(b, pf_tr(pg->lang, heads[i]), false);
		pf_rbuf_puts(b, "</th>");
	}
	pf_rbuf_puts(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < json_array_size(list); i++)
		trace_row(pg, json_array_get(list, i));
	pf_rbuf_puts(b, "</tbody>\n</table>\n");
}

static void html_traceability(struct page *pg, const json_t *d)
{
	const struct series series[] = {
	    {"informed", pf_tr(pg->lang, "Informerad"), BLUE},
	    {"decisions", pf_tr(pg->lang, "Beslut"), "#8250df"},
	    {"without_protocol", pf_tr(pg->lang, "Utan protokoll"), RED},
	};
	pf_rbuf *b = &pg->b;
	const json_t *list = pf_rget(d, "committees");
	const struct vbars c = {.groups = list,
	                        .label_key = "code",
	                        .series = series,
	                        .nseries = COUNT_OF(series),
	                        .counts = true};

	h_section(pg, PF_N_("Ärenden i nämnderna under året"));
	if (json_array_size(list))
		vbars_chart(
		    pg,
		    strdup(pf_tr(pg->lang, "Antal informationsärenden och beslut per nämnd, "
		                           "och hur många av dem som saknar "
		                           "protokollsreferens")),
		    &c);
	else
		h_empty(pg, PF_N_("Inga nämnder."));
	h_end_section(b);
	h_section(pg, PF_N_("Spårbarhet per nämnd"));
	trace_table(pg, list);
	h_end_section(b);
}

/* ---- initiative ---- */

/* The values a chart of one indicator must show: baseline, target, measured and expected. */
struct range {
	double lo, hi;
};

static void range_add(struct range *r, const json_t *v)
{
	double d;

	if (pf_rnum(v, &d)) {
		r->lo = fmin(r->lo, d);
		r->hi = fmax(r->hi, d);
	}
}

/*
 * The expected value at a series point: baseline + expected × (target −
 * baseline), the straight path from baseline to target the point's
 * "expected" fraction of the way. false without the three numbers.
 */
static bool expected_value(const json_t *ind, const json_t *m, double *out)
{
	double b, t, e;

	if (!pf_rnum(pf_rget(ind, "baseline"), &b) || !pf_rnum(pf_rget(ind, "target"), &t) ||
	    !pf_rnum(pf_rget(m, "expected"), &e))
		return false;
	*out = b + e * (t - b);
	return isfinite(*out);
}

static struct range indicator_range(const json_t *ind)
{
	const json_t *series = pf_rget(ind, "series");
	struct range r = {INFINITY, -INFINITY};
	double e;

	range_add(&r, pf_rget(ind, "baseline"));
	range_add(&r, pf_rget(ind, "target"));
	for (size_t i = 0; i < json_array_size(series); i++) {
		const json_t *m = json_array_get(series, i);

		range_add(&r, pf_rget(m, "value"));
		if (expected_value(ind, m, &e)) {
			r.lo = fmin(r.lo, e);
			r.hi = fmax(r.hi, e);
		}
	}
	if (!(r.lo <= r.hi))
		r = (struct range){0, 1};
	if (r.hi - r.lo < 1e-9 * fmax(1, fabs(r.hi)))
		r = (struct range){r.lo - 1, r.hi + 1};
	return r;
}

#define IC_W 440.0
#define IC_LEFT 58.0
#define IC_RIGHT 16.0
#define IC_TOP 34.0
#define IC_BOTTOM 172.0

/* Where the chart puts values: the range shown (padded so lines do not touch the frame). */
struct plot {
	struct range data, r;
	size_t n;
};

static struct plot make_plot(const json_t *ind)
{
	struct range d = indicator_range(ind);
	double pad = (d.hi - d.lo) * 0.08;

	return (struct plot){d, {d.lo - pad, d.hi + pad}, json_array_size(pf_rget(ind, "series"))};
}

static double plot_x(const struct plot *p, size_t i)
{
	double w = IC_W - IC_LEFT - IC_RIGHT - 40;

	return IC_LEFT + 20 + (p->n > 1 ? w * (double)i / (double)(p->n - 1) : w / 2);
}

static double plot_y(const struct plot *p, double v)
{
	double f = (v - p->r.lo) / (p->r.hi - p->r.lo);

	return IC_BOTTOM - (IC_BOTTOM - IC_TOP) * fmax(-0.05, fmin(1.05, f));
}

/* The indicator's number under key with its unit: "80 %". */
static char *with_unit(const struct page *pg, const json_t *ind, const char *key)
{
	const json_t *unit = pf_rget(ind, "unit");
	char *v = pf_rfmt_value(pg->lang, pf_rget(ind, key));

	if (!json_is_string(unit) || !json_string_length(unit))
		return v;
	return pf_rjoin(v, " ", pf_rfmt_value(pg->lang, unit));
}

static void indicator_frame(struct page *pg, const struct plot *p, const json_t *ind)
{
	pf_rbuf *b = &pg->b;
	double t;

	svg_line(b, IC_LEFT, IC_TOP, IC_LEFT, IC_BOTTOM, GRID, 1, NULL);
	svg_line(b, IC_LEFT, IC_BOTTOM, IC_W - IC_RIGHT, IC_BOTTOM, GRID, 1, NULL);
	svg_text_take(b, IC_LEFT - 6, plot_y(p, p->data.hi) + 4, "end", "muted",
	              pf_rfmt_real(pg->lang, p->data.hi));
	svg_text_take(b, IC_LEFT - 6, plot_y(p, p->data.lo) + 4, "end", "muted",
	              pf_rfmt_real(pg->lang, p->data.lo));
	if (pf_rnum(pf_rget(ind, "target"), &t))
		svg_line(b, IC_LEFT, plot_y(p, t), IC_W - IC_RIGHT, plot_y(p, t), "#1a7f37", 1.5,
		         "6 4");
	/* the legend names the target's value: a label on the line would hide points */
	svg_line(b, IC_LEFT, 12, IC_LEFT + 18, 12, BLUE, 2, NULL);
	svg_text(b, IC_LEFT + 22, 16, "start", NULL, pf_tr(pg->lang, "uppmätt"));
	svg_line(b, IC_LEFT + 90, 12, IC_LEFT + 108, 12, MUTED, 1.5, "2 3");
	svg_text(b, IC_LEFT + 112, 16, "start", NULL, pf_tr(pg->lang, "förväntat"));
	svg_line(b, IC_LEFT + 185, 12, IC_LEFT + 203, 12, "#1a7f37", 1.5, "6 4");
	svg_text_take(b, IC_LEFT + 207, 16, "start", NULL,
	              pf_rjoin(strdup(pf_tr(pg->lang, "mål")), " ", with_unit(pg, ind, "target")));
}

/*
 * A polyline through the series: the measured values (which), or the
 * expected path at the same periods. Points without a number are skipped.
 */
static void indicator_line(pf_rbuf *b, const struct plot *p, const json_t *ind, bool expected)
{
	const json_t *series = pf_rget(ind, "series");
	const char *style = expected ? "stroke=\"" MUTED "\" stroke-width=\"1.5\" "
	                               "stroke-dasharray=\"2 3\""
	                             : "stroke=\"" BLUE "\" stroke-width=\"2\"";
	double v;

	pf_rbuf_printf(b, "<polyline fill=\"none\" %s points=\"", style);
	for (size_t i = 0; i < p->n; i++) {
		const json_t *m = json_array_get(series, i);
		bool has = expected ? expected_value(ind, m, &v) : pf_rnum(pf_rget(m, "value"), &v);

		if (has)
			pf_rbuf_printf(b, "%s,%s ", cnum(plot_x(p, i)).s, cnum(plot_y(p, v)).s);
	}
	pf_rbuf_puts(b, "\"/>\n");
}

/* The expected path's points, small and hollow: a lone point has no line to show it. */
static void expected_points(pf_rbuf *b, const struct plot *p, const json_t *ind)
{
	const json_t *series = pf_rget(ind, "series");
	double v;

	for (size_t i = 0; i < p->n; i++)
		if (expected_value(ind, json_array_get(series, i), &v))
			pf_rbuf_printf(b,
			               "<circle cx=\"%s\" cy=\"%s\" r=\"2.5\" fill=\"#fff\" "
			               "stroke=\"" MUTED "\"/>\n",
			               cnum(plot_x(p, i)).s, cnum(plot_y(p, v)).s);
}

/*
 * Every how many points a period is written under the axis: labels at
 * least their width and a gap apart, so they never run together; the
 * latest period (P's end of the series) is always among them.
 */
static size_t axis_step(const struct page *pg, const struct plot *p, const json_t *series)
{
	double w = 0, gap = p->n > 1 ? plot_x(p, 1) - plot_x(p, 0) : 1;

	for (size_t i = 0; i < p->n; i++) {
		char *s = pf_rfmt_value(pg->lang, pf_rget(json_array_get(series, i), "period"));

		w = fmax(w, CHAR_W * (double)(s ? pf_rwidth(s) : 0));
		free(s);
	}
	return (size_t)fmax(1, ceil((w + 8) / gap));
}

/* Each measured point as its light's symbol, with a thinned row of periods below the axis. */
static void indicator_points(struct page *pg, const struct plot *p, const json_t *ind)
{
	pf_rbuf *b = &pg->b;
	const json_t *series = pf_rget(ind, "series");
	size_t step = axis_step(pg, p, series);
	double v;

	for (size_t i = 0; i < p->n; i++) {
		const json_t *m = json_array_get(series, i);

		if ((p->n - 1 - i) % step == 0)
			svg_text_take(b, plot_x(p, i), IC_BOTTOM + 16, "middle", "muted",
			              pf_rfmt_value(pg->lang, pf_rget(m, "period")));
		if (!pf_rnum(pf_rget(m, "value"), &v))
			continue;
		svg_group(b, pf_rjoin(pf_rfmt_value(pg->lang, pf_rget(m, "period")), ": ",
		                      pf_rjoin(pf_rfmt_value(pg->lang, pf_rget(m, "value")), ", ",
		                               pf_rlight_text(pg->lang, pf_rget(m, "light"),
		                                              PF_N_("inget ljus")))));
		svg_light(b, pf_rlight(pf_rget(m, "light")), plot_x(p, i), plot_y(p, v), 5);
		pf_rbuf_puts(b, "</g>\n");
	}
}

static void indicator_chart(struct page *pg, const json_t *ind)
{
	pf_rbuf *b = &pg->b;
	struct plot p = make_plot(ind);

	pf_rbuf_puts(b, "<figure>\n<figcaption>");
	h_take(b,
	       pf_rjoin(pf_rfmt_value(pg->lang, pf_rget(ind, "indicator_id")), " ",
	                pf_rfmt_or(pg->lang, pf_rget(ind, "indicator"), "")),
	       false);
	pf_rbuf_puts(b, "</figcaption>\n");
	if (!p.n) {
		h_empty(pg, PF_N_("Inga mätvärden ännu."));
		pf_rbuf_puts(b, "</figure>\n");
		return;
	}
	svg_open(
	    b, IC_W, IC_BOTTOM + 24,
	    pf_rjoin(pf_rfmt_value(pg->lang, pf_rget(ind, "indicator_id")), ": ",
	             strdup(pf_tr(pg->lang, "uppmätta värden mot förväntad väg och målvärde"))));
	indicator_frame(pg, &p, ind);
	indicator_line(b, &p, ind, true);
	expected_points(b, &p, ind);
	indicator_line(b, &p, ind, false);
	indicator_points(pg, &p, ind);
	svg_close(b);
	pf_rbuf_puts(b, "</figure>\n");
}

/* The value its effect goals promise and have realised, and the goals not measured yet. */
static void initiative_benefits(struct page *pg, const json_t *d)
{
	pf_rbuf *b = &pg->b;
	const json_t *benefits = pf_rget(d, "benefits");
	pf_rtable t;

	if (pf_rany(d, "benefits")) {
		h_section(pg, PF_N_("Nyttor"));
		if (json_object_size(benefits))
			benefit_chart(pg, benefits);
		pf_rtab_initiative_benefits(&t, pg->lang, benefits);
		h_table(pg, &t);
		h_end_section(b);
	}
	if (pf_rany(d, "unmeasured_indicators")) {
		h_section(pg, PF_N_("Ej mätta indikatorer"));
		h_list(pg, pf_rget(d, "unmeasured_indicators"), PF_N_("Inga."));
		h_end_section(b);
	}
}

static void html_initiative(struct page *pg, const json_t *d)
{
	pf_rbuf *b = &pg->b;
	const json_t *inds = pf_rget(d, "indicators");
	pf_rtable t;

	pf_rtab_initiative_facts(&t, pg->lang, d);
	h_facts(b, &t);
	pf_rtab_indicators(&t, pg->lang, inds);
	h_table_section(pg, PF_N_("Effektmål och indikatorer"), &t);
	initiative_benefits(pg, d);
	h_section(pg, PF_N_("Mätserier"));
	if (!json_array_size(inds))
		h_empty(pg, PF_N_("Inga indikatorer."));
	pf_rbuf_puts(b, "<div class=\"figures\">\n");
	for (size_t i = 0; i < json_array_size(inds); i++)
		indicator_chart(pg, json_array_get(inds, i));
	pf_rbuf_printf(b, "</div>\n<details><summary>%s</summary>\n",
	               pf_tr(pg->lang, "Mätvärden som tabell"));
	pf_rtab_series(&t, pg->lang, inds);
	h_table(pg, &t);
	pf_rbuf_puts(b, "</details>\n");
	h_end_section(b);
	pf_rtab_indicator_details(&t, pg->lang, inds);
	h_table_section(pg, PF_N_("Indikatorernas underlag"), &t);
	pf_rtab_followups(&t, pg->lang, pf_rget(d, "followups"));
	h_table_section(pg, PF_N_("Uppföljningar"), &t);
	pf_rtab_priorities(&t, pg->lang, pf_rget(d, "priorities"));
	h_table_section(pg, PF_N_("Prioriteringar"), &t);
	pf_rtab_initiative_roadmaps(&t, pg->lang, pf_rget(d, "roadmaps"));
	h_table_section(pg, PF_N_("Färdplaner"), &t);
	pf_rtab_decisions(&t, pg->lang, pf_rget(d, "decisions"), true);
	h_table_section(pg, PF_N_("Beslut"), &t);
	pf_rtab_changes(&t, pg->lang, pf_rget(d, "changes"));
	h_table_section(pg, PF_N_("Ändringshistorik"), &t);
}

/* ---- priority ---- */

/* A number with a small bar of it as a share of full: the score (of 100) or a part (of 1). */
static void mini_bar_cell(struct page *pg, const char *label, const json_t *v, double full)
{
	pf_rbuf *b = &pg->b;
	double d;

	pf_rbuf_puts(b, "<td class=\"num\">");
	if (pf_rnum(v, &d)) {
		pf_rbuf_puts(b,
		             "<svg class=\"mini\" viewBox=\"0 0 60 8\" width=\"60\" height=\"8\" "
		             "role=\"img\">");
		h_elem(b, "title",
		       pf_rjoin(strdup(pf_tr(pg->lang, label)), " ", pf_rfmt_value(pg->lang, v)));
		svg_rect(b, 0, 0, 60, 8, TRACK);
		svg_rect(b, 0, 0, 60 * fmax(0, fmin(1, d / full)), 8, BLUE);
		pf_rbuf_puts(b, "</svg>");
	}
	h_take(b, pf_rfmt_value(pg->lang, v), false);
	pf_rbuf_puts(b, "</td>");
}

/* Each waiting initiative's score (0..100) and its parts (0..1), each with a small bar. */
static void score_table(struct page *pg, const json_t *list)
{
	pf_rbuf *b = &pg->b;
	const char *heads[3 + PF_RSCORE_PARTS] = {PF_N_("Id"), PF_N_("Initiativ"), PF_N_("Poäng")};

	if (!json_array_size(list)) {
		h_empty(pg, PF_N_("Inga."));
		return;
	}
	for (size_t p = 0; p < PF_RSCORE_PARTS; p++)
		heads[3 + p] = pf_rscore_parts[p].heading;
	pf_rbuf_puts(b, "<div class=\"wide\">\n<table>\n<thead><tr>");
	for (size_t i = 0; i < COUNT_OF(heads); i++) {
		pf_rbuf_printf(b, "<th scope=\"col\"%s>", i >= 2 ? " class=\"num\"" : "");
		h_text(b, pf_tr(pg->lang, heads[i]), false);
		pf_rbuf_puts(b, "</th>");
	}
	pf_rbuf_puts(b, "</tr></thead>\n<tbody>\n");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *w = json_array_get(list, i), *parts = pf_rget(w, "score_parts");

		pf_rbuf_puts(b, "<tr><td>");
		h_take(b, pf_rfmt_value(pg->lang, pf_rget(w, "id")), false);
		pf_rbuf_puts(b, "</td><td>");
		h_take(b, pf_rfmt_value(pg->lang, pf_rget(w, "title")), true);
		pf_rbuf_puts(b, "</td>");
		mini_bar_cell(pg, PF_N_("Poäng"), pf_rget(w, "score"), 100);
		for (size_t p = 0; p < PF_RSCORE_PARTS; p++)
			mini_bar_cell(pg, pf_rscore_parts[p].heading,
			              pf_rget(parts, pf_rscore_parts[p].key), 1);
		pf_rbuf_puts(b, "</tr>\n");
	}
	pf_rbuf_puts(b, "</tbody>\n</table>\n</div>\n");
}

/* One column of the list's changes: a heading (a message id) and the moves up or down. */
static void rank_moves(struct page *pg, const char *title, const json_t *moved, bool up)
{
	pf_rbuf *b = &pg->b;
	size_t shown = 0;

	pf_rbuf_puts(b, "<div class=\"column\">\n");
	h_elem(b, "h3", strdup(pf_tr(pg->lang, title)));
	for (size_t i = 0; i < json_array_size(moved); i++) {
		const json_t *m = json_array_get(moved, i);

		if (pf_rmoved_up(m) != up)
			continue;
		if (!shown++)
			pf_rbuf_puts(b, "<ul class=\"plain\">\n");
		h_elem(b, "li", pf_rrank_moved_text(pg->lang, m));
	}
	if (shown)
		pf_rbuf_puts(b, "</ul>\n");
	else
		h_empty(pg, PF_N_("Inga."));
	pf_rbuf_puts(b, "</div>\n");
}

/* One column of the list's changes: a heading (a message id) and the ids. */
static void changed_ids(struct page *pg, const char *title, const json_t *ids)
{
	pf_rbuf *b = &pg->b;

	pf_rbuf_puts(b, "<div class=\"column\">\n");
	h_elem(b, "h3", strdup(pf_tr(pg->lang, title)));
	h_list(pg, ids, PF_N_("Inga."));
	pf_rbuf_puts(b, "</div>\n");
}

/* How the priority list changed from the one before it: in, out, up, down side by side. */
static void list_changes(struct page *pg, const json_t *ch)
{
	pf_rbuf *b = &pg->b;
	const json_t *prev = pf_rget(ch, "previous_period"), *moved = pf_rget(ch, "moved");

	pf_rbuf_puts(b, "<section>\n");
	h_elem(b, "h2", pf_rlist_changes_heading(pg->lang, ch));
	if (!prev || json_is_null(prev)) {
		/* the first list: everything on it is new, nothing to compare */
		h_empty(pg, PF_N_("Ingen föregående lista."));
	} else {
		pf_rbuf_puts(b, "<div class=\"board\">\n");
		changed_ids(pg, PF_N_("Nya på listan"), pf_rget(ch, "entered"));
		changed_ids(pg, PF_N_("Lämnat listan"), pf_rget(ch, "left"));
		rank_moves(pg, PF_N_("Flyttade upp"), moved, true);
		rank_moves(pg, PF_N_("Flyttade ned"), moved, false);
		pf_rbuf_puts(b, "</div>\n");
	}
	h_end_section(b);
}

static void html_priority(struct page *pg, const json_t *d)
{
	/* committed at the bottom of each bar, what is asked on top of it */
	const struct series series[] = {
	    {"committed", pf_tr(pg->lang, "Åtagna timmar"), BLUE},
	    {"asked", pf_tr(pg->lang, "Begärda timmar"), ORANGE},
	};
	pf_rbuf *b = &pg->b;
	const json_t *hours = pf_rget(d, "hours"), *waiting = pf_rget(d, "waiting");
	const struct vbars c = {.groups = hours,
	                        .label_key = "period",
	                        .series = series,
	                        .nseries = COUNT_OF(series),
	                        .line_key = "capacity",
	                        .band_key = "over",
	                        .line_name = pf_tr(pg->lang, "Kapacitet"),
	                        .band_name = pf_tr(pg->lang, "Över kapacitet"),
	                        .stacked = true};
	pf_rtable t;

	pf_rtab_priority_facts(&t, pg->lang, d);
	h_facts(b, &t);
	h_section(pg, PF_N_("Region IT-timmar per kvartal"));
	if (json_array_size(hours))
		vbars_chart(
		    pg,
		    strdup(pf_tr(pg->lang, "Region IT-timmar per kvartal: åtagna för beslutade och "
		                           "pågående initiativ med de begärda av väntande ovanpå, "
		                           "mot kapaciteten")),
		    &c);
	pf_rtab_hours(&t, pg->lang, hours);
	h_table(pg, &t);
	h_end_section(b);
	/* the parts in a table of their own: as a column they would not fit the page */
	pf_rtab_waiting(&t, pg->lang, waiting, false);
	h_table_section(pg, PF_N_("Väntar på beslut (tvärsektoriella först)"), &t);
	if (pf_rany(waiting, "score") || pf_rany(waiting, "score_parts")) {
		h_section(pg, PF_N_("Poängens delar"));
		score_table(pg, waiting);
		h_end_section(b);
	}
	pf_rtab_priority_list(&t, pg->lang, pf_rget(d, "priority_list"));
	h_table_section(pg, PF_N_("Prioriteringslista"), &t);
	if (json_is_object(pf_rget(d, "list_changes")))
		list_changes(pg, pf_rget(d, "list_changes"));
}

/* ---- entry ---- */

typedef void (*html_renderer)(struct page *pg, const json_t *doc);

pf_status pf_render_html(const pf_report *r, const pf_render_opts *o, char **out, size_t *len,
                         pf_error *err)
{
	static const html_renderer renderers[PF_REPORT_COUNT] = {
	    [PF_REPORT_QUARTER] = html_quarter,       [PF_REPORT_COMMITTEE] = html_committee,
	    [PF_REPORT_INITIATIVE] = html_initiative, [PF_REPORT_PRIORITY] = html_priority,
	    [PF_REPORT_ROADMAP] = html_roadmap,       [PF_REPORT_TRACEABILITY] = html_traceability,
	    [PF_REPORT_BENEFITS] = html_benefits,
	};
	struct page pg = {.lang = pf_rlang(o)};
	char *title;

	*out = NULL;
	*len = 0;
	if (!r || (unsigned)r->kind >= PF_REPORT_COUNT || !renderers[r->kind])
		return pf_error_set(err, PF_EUSAGE, "no html format for this report");
	if (!pf_rbuf_open(&pg.b))
		return pf_error_set(err, PF_ENOMEM, "out of memory rendering the report");
	title = pf_rtitle(pg.lang, r);
	pg.b.oom |= !title;
	h_head(&pg, title ? title : "", r->doc);
	pf_rbuf_printf(&pg.b, "<body data-printed=\"%s\">\n<header>\n",
	               pf_tr(pg.lang, "Utskriven"));
	h_elem(&pg.b, "h1", title);
	pf_rbuf_puts(&pg.b, "</header>\n<main>\n");
	renderers[r->kind](&pg, r->doc);
	pf_rbuf_puts(&pg.b, "</main>\n");
	h_footer(&pg);
	pf_rbuf_puts(&pg.b, "</body>\n</html>\n");
	return pf_rbuf_finish(&pg.b, out, len, err);
}
