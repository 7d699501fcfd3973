/*
 * The `csv` format of the reports of FORMATS.md section 5: each report's main
 * list as one table, so that a spreadsheet or a script reads it back.
 *
 *   quarter       initiatives, one row per initiative ("missing" is left out:
 *                 those rows have no assessment)
 *   committee     committees, by_status flattened into one column per status,
 *                 `by_status.idé` ... `by_status.stoppad` in canonical order
 *   initiative    indicators, one row per indicator (the series are left out)
 *   priority      waiting, the initiatives waiting for a decision, their
 *                 score the last column (empty in a document made before
 *                 scores; its parts are in the other formats)
 *   roadmap       items, in the document's (horizon) order
 *   traceability  committees; roadmaps and unreported_initiatives are lists
 *                 joined by ";" inside one field
 *
 * RFC 4180: comma-separated, a field quoted when it holds a comma, a quote, CR
 * or LF (quotes doubled), UTF-8 without a byte-order mark, LF line ends. The
 * header row holds the JSON keys. Values are the JSON values: numbers as JSON
 * writes them (decimal point), true/false, null and anything unexpected as an
 * empty field. Text (a JSON string, a list, a traceability roadmap) is written
 * as it is but for FORMATS.md's "Formulas" rule: a `'` before a text that
 * begins with `=`, `+`, `-`, `@`, TAB or CR. Numbers never get it: -5 stays -5.
 *
 * The format is the same whatever language the report is rendered in
 * (pf_render_opts.lang): keys, canonical Swedish words and the traceability
 * field's "rapporterad" are data for a script to read, not labels.
 */
#include <stdlib.h>
#include <string.h>

#include "portfolj/value.h"
#include "render/render_util.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define MAX_COLS 24

/* A column: its header (a JSON key) and how its field is made from one item. */
struct column {
	const char *head;
	char *(*field)(const json_t *item, const char *head);
};

/* ---- fields ---- */

static char *csv_value(const json_t *v);

/* The items of an array joined by ";". */
static char *csv_list(const json_t *a)
{
	char *s = strdup("");

	for (size_t i = 0; s && i < json_array_size(a); i++)
		s = pf_rjoin(s, i ? ";" : "", csv_value(json_array_get(a, i)));
	return s;
}

/* A JSON value as its CSV text, unquoted. */
static char *csv_value(const json_t *v)
{
	if (json_is_string(v))
		return strdup(json_string_value(v));
	if (json_is_number(v))
		/* JSON's own text of the number: a decimal point, whatever the locale */
		return json_dumps(v, JSON_ENCODE_ANY | JSON_REAL_PRECISION(10));
	if (json_is_boolean(v))
		return strdup(json_is_true(v) ? "true" : "false");
	if (json_is_array(v))
		return csv_list(v);
	return strdup("");
}

/* s, a text, with the mark of the "Formulas" rule when it needs one; takes s. */
static char *text_field(char *s)
{
	return s && pf_formula_like(s) ? pf_rjoin(strdup("'"), "", s) : s;
}

/* The item's value under the header's key: a text when a string or a list. */
static char *key_field(const json_t *item, const char *head)
{
	const json_t *v = pf_rget(item, head);

	return json_is_string(v) || json_is_array(v) ? text_field(csv_value(v)) : csv_value(v);
}

/*
 * `by_status.<status>`: the builder lists only the statuses that occur, so a
 * status absent from the object counts 0; no object at all is unknown.
 */
static char *by_status_field(const json_t *item, const char *head)
{
	const json_t *by = pf_rget(item, "by_status");
	const char *status = strchr(head, '.') + 1;

	if (!json_is_object(by))
		return strdup("");
	return pf_rget(by, status) ? csv_value(pf_rget(by, status)) : strdup("0");
}

/* s + before + part + after, or s alone when part is empty; takes s and part. */
static char *append(char *s, const char *before, char *part, const char *after)
{
	if (part && !*part) {
		free(part);
		return s;
	}
	return pf_rjoin(pf_rjoin(s, before, part), "", strdup(after));
}

/*
 * One roadmap version of the traceability report: "HR 2025 (2025-02-01):
 * rapporterad", the parts that are null left out.
 */
static char *roadmap_entry(const json_t *rm)
{
	const json_t *reported = pf_rget(rm, "reported");
	char *s = csv_value(pf_rget(rm, "roadmap"));

	s = append(s, s && *s ? " " : "", csv_value(pf_rget(rm, "version")), "");
	s = append(s, s && *s ? " (" : "(", csv_value(pf_rget(rm, "date")), ")");
	if (json_is_boolean(reported))
		s = pf_rjoin(s, s && *s ? ": " : "",
		             strdup(json_is_true(reported) ? "rapporterad" : "ej rapporterad"));
	return s;
}

static char *roadmaps_field(const json_t *item, const char *head)
{
	const json_t *list = pf_rget(item, head);
	char *s = strdup("");

	for (size_t i = 0; s && i < json_array_size(list); i++)
		s = pf_rjoin(s, i ? ";" : "", roadmap_entry(json_array_get(list, i)));
	return text_field(s);
}

/* "promised", "realised": the initiative's sum over its benefit types, empty when none. */
static char *benefit_total_field(const json_t *item, const char *head)
{
	json_t *sum = pf_rbenefit_total(pf_rget(item, "benefits"), head);
	char *s = csv_value(sum);

	json_decref(sum);
	return s;
}

/* ---- tables ---- */

/* Writes one field, quoted when RFC 4180 asks for it; takes s. */
static void put_field(pf_rbuf *b, char *s)
{
	if (!s) {
		b->oom = true;
		return;
	}
	if (!strpbrk(s, ",\"\r\n")) {
		pf_rbuf_puts(b, s);
	} else {
		/* each quote written twice: the segment up to and including it, then it again */
		pf_rbuf_puts(b, "\"");
		for (const char *p = s, *q; *p; p = q + 1) {
			q = strchr(p, '"');
			if (!q) {
				pf_rbuf_puts(b, p);
				break;
			}
			pf_rbuf_putn(b, p, (size_t)(q - p) + 1);
			pf_rbuf_puts(b, "\"");
		}
		pf_rbuf_puts(b, "\"");
	}
	free(s);
}

static void put_table(pf_rbuf *b, const json_t *list, const struct column *cols, size_t n)
{
	for (size_t c = 0; c < n; c++) {
		if (c)
			pf_rbuf_puts(b, ",");
		put_field(b, strdup(cols[c].head));
	}
	pf_rbuf_puts(b, "\n");
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *item = json_array_get(list, i);

		for (size_t c = 0; c < n; c++) {
			if (c)
				pf_rbuf_puts(b, ",");
			put_field(b, cols[c].field(item, cols[c].head));
		}
		pf_rbuf_puts(b, "\n");
	}
}

/* Columns that are plain keys, each read with key_field(). */
static size_t key_columns(struct column *cols, const char *const *keys, size_t n)
{
	for (size_t i = 0; i < n; i++)
		cols[i] = (struct column){keys[i], key_field};
	return n;
}

static void csv_quarter(pf_rbuf *b, const json_t *d)
{
	static const char *const keys[] = {
	    "id",       "title",       "committee",           "rank",   "status", "assessment",
	    "computed", "realisation", "previous_assessment", "comment"};
	struct column cols[MAX_COLS];

	put_table(b, pf_rget(d, "initiatives"), cols, key_columns(cols, keys, COUNT_OF(keys)));
}

static void csv_committee(pf_rbuf *b, const json_t *d)
{
	static const char *const by_status[PF_RSTATUSES] = {
	    "by_status.idé",    "by_status.förstudie", "by_status.beslutad", "by_status.pågående",
	    "by_status.pausad", "by_status.avslutad",  "by_status.stoppad"};
	static const char *const rest[] = {
	    "indicators",        "measured",         "on_track",         "realisation",
	    "completed_in_year", "innovative_share", "missing_followups"};
	static const char *const first[] = {"code", "initiatives"};
	struct column cols[MAX_COLS];
	size_t n = key_columns(cols, first, COUNT_OF(first));

	for (size_t s = 0; s < PF_RSTATUSES; s++)
		cols[n++] = (struct column){by_status[s], by_status_field};
	n += key_columns(cols + n, rest, COUNT_OF(rest));
	put_table(b, pf_rget(d, "committees"), cols, n);
}

static void csv_initiative(pf_rbuf *b, const json_t *d)
{
	static const char *const keys[] = {
	    "indicator_id", "indicator",     "goal",         "unit",        "direction",
	    "baseline",     "baseline_date", "target",       "target_date", "method",
	    "owner",        "weight",        "benefit_type", "benefit_sek", "value",
	    "value_period", "progress",      "expected",     "light"};
	struct column cols[MAX_COLS];

	put_table(b, pf_rget(d, "indicators"), cols, key_columns(cols, keys, COUNT_OF(keys)));
}

static void csv_priority(pf_rbuf *b, const json_t *d)
{
	static const char *const keys[] = {
	    "id",       "title",  "committee", "status", "cross_cutting", "innovative",
	    "it_hours", "budget", "start",     "end",    "score"};
	struct column cols[MAX_COLS];

	put_table(b, pf_rget(d, "waiting"), cols, key_columns(cols, keys, COUNT_OF(keys)));
}

static void csv_roadmap(pf_rbuf *b, const json_t *d)
{
	static const char *const keys[] = {"initiative", "title",      "horizon",    "year",
	                                   "status",     "assessment", "realisation"};
	struct column cols[MAX_COLS];

	put_table(b, pf_rget(d, "items"), cols, key_columns(cols, keys, COUNT_OF(keys)));
}

static void csv_traceability(pf_rbuf *b, const json_t *d)
{
	static const char *const keys[] = {"code", "informed", "decisions", "without_protocol"};
	struct column cols[MAX_COLS];
	size_t n = key_columns(cols, keys, COUNT_OF(keys));

	cols[n++] = (struct column){"roadmaps", roadmaps_field};
	cols[n++] = (struct column){"unreported_initiatives", key_field};
	put_table(b, pf_rget(d, "committees"), cols, n);
}

static void csv_benefits(pf_rbuf *b, const json_t *d)
{
	static const char *const keys[] = {"id", "title", "committee", "status", "realisation"};
	struct column cols[MAX_COLS];
	size_t n = key_columns(cols, keys, COUNT_OF(keys));

	cols[n++] = (struct column){"promised", benefit_total_field};
	cols[n++] = (struct column){"realised", benefit_total_field};
	put_table(b, pf_rget(d, "initiatives"), cols, n);
}

typedef void (*csv_renderer)(pf_rbuf *b, const json_t *doc);

/* The options do not matter: the csv format is the same in every language (see above). */
pf_status pf_render_csv(const pf_report *r, const pf_render_opts *o, char **out, size_t *len,
                        pf_error *err)
{
	static const csv_renderer renderers[PF_REPORT_COUNT] = {
	    [PF_REPORT_QUARTER] = csv_quarter,       [PF_REPORT_COMMITTEE] = csv_committee,
	    [PF_REPORT_INITIATIVE] = csv_initiative, [PF_REPORT_PRIORITY] = csv_priority,
	    [PF_REPORT_ROADMAP] = csv_roadmap,       [PF_REPORT_TRACEABILITY] = csv_traceability,
	    [PF_REPORT_BENEFITS] = csv_benefits,
	};
	pf_rbuf b;

	(void)o;
	*out = NULL;
	*len = 0;
	if (!r || (unsigned)r->kind >= PF_REPORT_COUNT || !renderers[r->kind])
		return pf_error_set(err, PF_EUSAGE, "no csv format for this report");
	if (!pf_rbuf_open(&b))
		return pf_error_set(err, PF_ENOMEM, "out of memory rendering the report");
	renderers[r->kind](&b, r->doc);
	return pf_rbuf_finish(&b, out, len, err);
}
