/*
 * The `md` format of the reports of FORMATS.md section 5: GitHub-flavoured
 * Markdown with the same content as the terminal table format (the tables
 * come from render_util.c), a `#` heading, pipe tables, facts and id lists as
 * bullet lists, lights as symbol and word ("● grön"), percentages and numbers
 * in the report's language ("62,5 %", "9 800 000"; "62.5 %", "9,800,000").
 *
 * Every text from the document is escaped so it cannot become markup: the
 * characters that Markdown gives a meaning (| \ * _ ` [ ] < > ~) get a
 * backslash, `&` too where it could start an entity, control characters
 * become spaces, and line breaks inside a cell become <br>.
 */
#include <ctype.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "render/render_util.h"

/* Where the text goes, and in which language. */
struct md {
	pf_rbuf b;
	pf_lang lang;
};

/* ---- text ---- */

/*
 * Whether p, at the start of a line, would open a block: a heading, a list
 * item ("-", "+", "1." or "1)") or a setext underline. Returns the character
 * to escape, or NULL.
 */
static const unsigned char *block_opener(const unsigned char *p)
{
	const unsigned char *q = p;

	if (*p && strchr("#-+=", *p))
		return p;
	while (isdigit(*q))
		q++;
	return q > p && (*q == '.' || *q == ')') ? q : NULL;
}

/*
 * Writes text escaped; a newline becomes nl: in a cell "<br>" (a cell is
 * never a line start), elsewhere a space or a hard break, after which a line
 * must not open a block.
 */
static void md_text(pf_rbuf *b, const char *s, const char *nl)
{
	bool cell = !strcmp(nl, "<br>");
	const unsigned char *p = (const unsigned char *)s;
	const unsigned char *opener = cell ? NULL : block_opener(p);

	for (; *p; p++) {
		if (*p == '\n') {
			pf_rbuf_puts(b, nl);
			opener = cell ? NULL : block_opener(p + 1);
		} else if (*p == '\r') {
			continue;
		} else if (*p < 0x20 || *p == 0x7f) {
			pf_rbuf_puts(b, " ");
		} else if (p == opener || strchr("|\\*_`[]<>~", *p) ||
		           (*p == '&' && (isalnum(p[1]) || p[1] == '#'))) {
			pf_rbuf_printf(b, "\\%c", *p);
		} else {
			pf_rbuf_putn(b, (const char *)p, 1);
		}
	}
}

/* Writes text escaped on one line and frees it. */
static void md_take(pf_rbuf *b, char *s)
{
	if (!s) {
		b->oom = true;
		return;
	}
	md_text(b, s, " ");
	free(s);
}

/*
 * Every block, headings too, starts with a blank line and ends with its last
 * line. The title is a message id.
 */
static void md_heading(struct md *m, const char *marks, const char *title)
{
	pf_rbuf_printf(&m->b, "\n%s ", marks);
	md_text(&m->b, pf_tr(m->lang, title), " ");
	pf_rbuf_puts(&m->b, "\n");
}

/* ---- blocks ---- */

static void md_row(pf_rbuf *b, const pf_rtable *t, size_t row)
{
	pf_rbuf_puts(b, "|");
	for (size_t c = 0; c < t->ncols; c++) {
		pf_rbuf_puts(b, " ");
		md_text(b, pf_rtable_at(t, row, c)->text, "<br>");
		pf_rbuf_puts(b, " |");
	}
	pf_rbuf_puts(b, "\n");
}

/* Writes the table as a pipe table, or "Inga." when it has no rows, and frees it. */
static void md_table(struct md *m, pf_rtable *t)
{
	pf_rbuf *b = &m->b;

	if (t->oom) {
		b->oom = true;
	} else if (!pf_rtable_rows(t)) {
		pf_rbuf_printf(b, "\n%s\n", pf_tr(m->lang, "Inga."));
	} else {
		pf_rbuf_puts(b, "\n");
		md_row(b, t, 0);
		pf_rbuf_puts(b, "|");
		for (size_t c = 0; c < t->ncols; c++)
			pf_rbuf_puts(b, t->spec[c] == 'r' ? " ---: |" : " --- |");
		pf_rbuf_puts(b, "\n");
		for (size_t r = 1; r <= pf_rtable_rows(t); r++)
			md_row(b, t, r);
	}
	pf_rtable_free(t);
}

/* Writes a label/value table as a bullet list ("- **Nämnd:** HSN") and frees it. */
static void md_facts(pf_rbuf *b, pf_rtable *t)
{
	if (t->oom)
		b->oom = true;
	pf_rbuf_puts(b, "\n");
	for (size_t r = 1; !t->oom && r <= pf_rtable_rows(t); r++) {
		pf_rbuf_puts(b, "- **");
		md_text(b, pf_rtable_at(t, r, 0)->text, " ");
		pf_rbuf_puts(b, ":** ");
		/* a hard line break, the next line indented into the item */
		md_text(b, pf_rtable_at(t, r, 1)->text, "\\\n  ");
		pf_rbuf_puts(b, "\n");
	}
	pf_rtable_free(t);
}

/* The items of an array as a bullet list, or "Inga." */
static void md_list(struct md *m, const json_t *a)
{
	pf_rbuf_puts(&m->b, "\n");
	for (size_t i = 0; i < json_array_size(a); i++) {
		pf_rbuf_puts(&m->b, "- ");
		md_take(&m->b, pf_rfmt_value(m->lang, json_array_get(a, i)));
		pf_rbuf_puts(&m->b, "\n");
	}
	if (!json_array_size(a))
		pf_rbuf_printf(&m->b, "%s\n", pf_tr(m->lang, "Inga."));
}

/* "Label: value." as a paragraph; label is a message id; takes value. */
static void md_para(struct md *m, const char *label, char *value)
{
	pf_rbuf_printf(&m->b, "\n%s: ", pf_tr(m->lang, label));
	md_take(&m->b, value);
	pf_rbuf_puts(&m->b, ".\n");
}

/* ---- reports ---- */

static void md_quarter(struct md *m, const json_t *d)
{
	const json_t *list = pf_rget(d, "list_period");
	pf_rtable t;

	if (list)
		md_para(m, PF_N_("Prioriteringslista"),
		        pf_rfmt_or(m->lang, list, pf_tr(m->lang, "ingen")));
	pf_rtab_quarter(&t, m->lang, d);
	md_table(m, &t);
	md_heading(m, "##", PF_N_("Saknar uppföljning"));
	md_list(m, pf_rget(d, "missing"));
}

/* A section: its heading (a message id), then the table (taken). */
static void md_section(struct md *m, const char *title, pf_rtable *t)
{
	md_heading(m, "##", title);
	md_table(m, t);
}

/*
 * Benefit realisation (src/report/benefits.c), each section only when the document
 * has its key: a report made before them reads as it always did.
 */
static void md_committee_benefits(struct md *m, const json_t *d)
{
	const json_t *list = pf_rget(d, "committees");
	pf_rtable t;

	if (pf_rany(list, "after_completion")) {
		pf_rtab_after_completion(&t, m->lang, d);
		md_section(m, PF_N_("Effekthemtagning"), &t);
	}
	if (pf_rany(list, "kpis_by_year")) {
		pf_rtab_kpis_by_year(&t, m->lang, d);
		md_section(m, PF_N_("Nyckeltal per år"), &t);
	}
	if (pf_rany(list, "benefits")) {
		pf_rtab_benefits(&t, m->lang, d);
		md_section(m, PF_N_("Nyttor"), &t);
	}
	if (pf_rany(list, "unmeasured_indicators")) {
		pf_rtab_unmeasured(&t, m->lang, d);
		md_section(m, PF_N_("Ej mätta indikatorer"), &t);
	}
	if (pf_rany(list, "not_measured_this_period")) {
		pf_rtab_not_measured(&t, m->lang, d);
		md_section(m, PF_N_("Ej mätta detta kvartal"), &t);
	}
}

static void md_committee(struct md *m, const json_t *d)
{
	pf_rtable t;

	pf_rtab_committee(&t, m->lang, d);
	md_table(m, &t);
	if (pf_rhas_lights_by_quarter(d)) {
		pf_rtab_lights_by_quarter(&t, m->lang, d);
		md_section(m, PF_N_("Ljus per kvartal"), &t);
	}
	md_heading(m, "##", PF_N_("Initiativ per fas"));
	pf_rtab_by_status(&t, m->lang, d);
	md_table(m, &t);
	md_committee_benefits(m, d);
}

static void md_changes(struct md *m, const json_t *changes)
{
	const json_t *moved = pf_rget(changes, "moved");

	md_heading(m, "##", PF_N_("Ändringar mot föregående version"));
	md_heading(m, "###", PF_N_("Tillagda"));
	md_list(m, pf_rget(changes, "added"));
	md_heading(m, "###", PF_N_("Borttagna"));
	md_list(m, pf_rget(changes, "removed"));
	md_heading(m, "###", PF_N_("Flyttade"));
	pf_rbuf_puts(&m->b, "\n");
	for (size_t i = 0; i < json_array_size(moved); i++) {
		pf_rbuf_puts(&m->b, "- ");
		md_take(&m->b, pf_rmoved_text(m->lang, json_array_get(moved, i)));
		pf_rbuf_puts(&m->b, "\n");
	}
	if (!json_array_size(moved))
		pf_rbuf_printf(&m->b, "%s\n", pf_tr(m->lang, "Inga."));
}

static void md_roadmap(struct md *m, const json_t *d)
{
	pf_rtable t;

	pf_rtab_roadmap_facts(&t, m->lang, d);
	md_facts(&m->b, &t);
	for (size_t h = 0; h <= PF_RHORIZONS; h++) {
		char *title = pf_rhorizon_heading(m->lang, d, h);

		pf_rtab_roadmap_horizon(&t, m->lang, d, h);
		/* items on no known horizon get a section only when there are any */
		if (title && (h < PF_RHORIZONS || pf_rtable_rows(&t))) {
			/* already in the report's language: no message id to look up */
			pf_rbuf_puts(&m->b, "\n## ");
			md_text(&m->b, title, " ");
			pf_rbuf_puts(&m->b, "\n");
			md_table(m, &t);
		} else {
			m->b.oom |= !title;
			pf_rtable_free(&t);
		}
		free(title);
	}
	md_changes(m, pf_rget(d, "changes"));
	md_heading(m, "##", PF_N_("Beslut om versionen"));
	pf_rtab_decisions(&t, m->lang, pf_rget(d, "decisions"), false);
	md_table(m, &t);
}

/* "- **HSN:** P-05, P-06" for each committee with initiatives it was not told about. */
static void md_unreported(struct md *m, const json_t *list)
{
	pf_rbuf *b = &m->b;
	size_t shown = 0;

	pf_rbuf_puts(b, "\n");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i);
		const json_t *ids = pf_rget(c, "unreported_initiatives");

		if (!json_array_size(ids))
			continue;
		pf_rbuf_puts(b, "- **");
		md_take(b, pf_rfmt_value(m->lang, pf_rget(c, "code")));
		pf_rbuf_puts(b, ":** ");
		md_take(b, pf_rfmt_value(m->lang, ids));
		pf_rbuf_puts(b, "\n");
		shown++;
	}
	if (!shown)
		pf_rbuf_printf(b, "%s\n", pf_tr(m->lang, "Inga."));
}

static void md_traceability(struct md *m, const json_t *d)
{
	pf_rtable t;

	pf_rtab_traceability(&t, m->lang, d);
	md_table(m, &t);
	md_heading(m, "##", PF_N_("Färdplansversioner och om nämnden fått dem"));
	pf_rtab_trace_roadmaps(&t, m->lang, d);
	md_table(m, &t);
	md_heading(m, "##", PF_N_("Prioriterade initiativ som nämnden inte fått information om"));
	md_unreported(m, pf_rget(d, "committees"));
}

static void md_initiative(struct md *m, const json_t *d)
{
	const json_t *inds = pf_rget(d, "indicators");
	pf_lang lang = m->lang;
	pf_rtable t;

	pf_rtab_initiative_facts(&t, lang, d);
	md_facts(&m->b, &t);
	pf_rtab_indicators(&t, lang, inds);
	md_section(m, PF_N_("Effektmål och indikatorer"), &t);
	if (pf_rany(d, "benefits")) {
		pf_rtab_initiative_benefits(&t, lang, pf_rget(d, "benefits"));
		md_section(m, PF_N_("Nyttor"), &t);
	}
	if (pf_rany(d, "unmeasured_indicators")) {
		md_heading(m, "##", PF_N_("Ej mätta indikatorer"));
		md_list(m, pf_rget(d, "unmeasured_indicators"));
	}
	pf_rtab_indicator_details(&t, lang, inds);
	md_section(m, PF_N_("Indikatorernas underlag"), &t);
	pf_rtab_series(&t, lang, inds);
	md_section(m, PF_N_("Mätserier"), &t);
	pf_rtab_followups(&t, lang, pf_rget(d, "followups"));
	md_section(m, PF_N_("Uppföljningar"), &t);
	pf_rtab_priorities(&t, lang, pf_rget(d, "priorities"));
	md_section(m, PF_N_("Prioriteringar"), &t);
	pf_rtab_initiative_roadmaps(&t, lang, pf_rget(d, "roadmaps"));
	md_section(m, PF_N_("Färdplaner"), &t);
	pf_rtab_decisions(&t, lang, pf_rget(d, "decisions"), true);
	md_section(m, PF_N_("Beslut"), &t);
	pf_rtab_changes(&t, lang, pf_rget(d, "changes"));
	md_section(m, PF_N_("Ändringshistorik"), &t);
}

/* The moves of a priority list's list_changes up (up) or down, as a bullet list. */
static void md_rank_moves(struct md *m, const json_t *moved, bool up)
{
	size_t shown = 0;

	pf_rbuf_puts(&m->b, "\n");
	for (size_t i = 0; i < json_array_size(moved); i++) {
		const json_t *mv = json_array_get(moved, i);

		if (pf_rmoved_up(mv) != up)
			continue;
		pf_rbuf_puts(&m->b, "- ");
		md_take(&m->b, pf_rrank_moved_text(m->lang, mv));
		pf_rbuf_puts(&m->b, "\n");
		shown++;
	}
	if (!shown)
		pf_rbuf_printf(&m->b, "%s\n", pf_tr(m->lang, "Inga."));
}

/* How the priority list changed from the one before it: in, out, up, down. */
static void md_list_changes(struct md *m, const json_t *ch)
{
	const json_t *prev = pf_rget(ch, "previous_period");

	pf_rbuf_puts(&m->b, "\n## ");
	md_take(&m->b, pf_rlist_changes_heading(m->lang, ch));
	pf_rbuf_puts(&m->b, "\n");
	if (!prev || json_is_null(prev)) {
		/* the first list: everything on it is new, nothing to compare */
		pf_rbuf_printf(&m->b, "\n%s\n", pf_tr(m->lang, "Ingen föregående lista."));
		return;
	}
	md_heading(m, "###", PF_N_("Nya på listan"));
	md_list(m, pf_rget(ch, "entered"));
	md_heading(m, "###", PF_N_("Lämnat listan"));
	md_list(m, pf_rget(ch, "left"));
	md_heading(m, "###", PF_N_("Flyttade upp"));
	md_rank_moves(m, pf_rget(ch, "moved"), true);
	md_heading(m, "###", PF_N_("Flyttade ned"));
	md_rank_moves(m, pf_rget(ch, "moved"), false);
}

static void md_priority(struct md *m, const json_t *d)
{
	pf_rtable t;

	pf_rtab_priority_facts(&t, m->lang, d);
	md_facts(&m->b, &t);
	pf_rtab_waiting(&t, m->lang, pf_rget(d, "waiting"), true);
	md_section(m, PF_N_("Väntar på beslut (tvärsektoriella först)"), &t);
	pf_rtab_hours(&t, m->lang, pf_rget(d, "hours"));
	md_section(m, PF_N_("Region IT-timmar per kvartal"), &t);
	pf_rtab_priority_list(&t, m->lang, pf_rget(d, "priority_list"));
	md_section(m, PF_N_("Prioriteringslista"), &t);
	if (json_is_object(pf_rget(d, "list_changes")))
		md_list_changes(m, pf_rget(d, "list_changes"));
}

/* The committees' benefit realisation as the committee report shows it, then each initiative. */
static void md_benefits(struct md *m, const json_t *d)
{
	pf_rtable t;

	if (pf_rhas_lights_by_quarter(d)) {
		pf_rtab_lights_by_quarter(&t, m->lang, d);
		md_section(m, PF_N_("Ljus per kvartal"), &t);
	}
	md_committee_benefits(m, d);
	pf_rtab_benefit_initiatives(&t, m->lang, d);
	md_section(m, PF_N_("Nyttor per initiativ"), &t);
}

typedef void (*md_renderer)(struct md *m, const json_t *doc);

pf_status pf_render_md(const pf_report *r, const pf_render_opts *o, char **out, size_t *len,
                       pf_error *err)
{
	static const md_renderer renderers[PF_REPORT_COUNT] = {
	    [PF_REPORT_QUARTER] = md_quarter,       [PF_REPORT_COMMITTEE] = md_committee,
	    [PF_REPORT_INITIATIVE] = md_initiative, [PF_REPORT_PRIORITY] = md_priority,
	    [PF_REPORT_ROADMAP] = md_roadmap,       [PF_REPORT_TRACEABILITY] = md_traceability,
	    [PF_REPORT_BENEFITS] = md_benefits,
	};
	struct md m = {.lang = pf_rlang(o)};

	*out = NULL;
	*len = 0;
	if (!r || (unsigned)r->kind >= PF_REPORT_COUNT || !renderers[r->kind])
		return pf_error_set(err, PF_EUSAGE, "no md format for this report");
	if (!pf_rbuf_open(&m.b))
		return pf_error_set(err, PF_ENOMEM, "out of memory rendering the report");
	pf_rbuf_puts(&m.b, "# ");
	md_take(&m.b, pf_rtitle(m.lang, r));
	pf_rbuf_puts(&m.b, "\n");
	renderers[r->kind](&m, r->doc);
	return pf_rbuf_finish(&m.b, out, len, err);
}
