/*
 * The `xlsx` format of the quarter and committee reports of FORMATS.md
 * section 5: one workbook (libxlsxwriter) for the committees' secretaries to
 * open in Excel, filter and forward.
 *
 *   quarter     "Kvartalsrapport": the initiatives with their follow-up;
 *               "Saknar uppföljning": the initiatives without one (id, and
 *               the title and committee when the list has them)
 *   committee   "Nämndrapport": the KPIs per committee, with how many of its
 *               indicators are stale and which have no value for P;
 *               "Initiativ per fas": by_status, committee × status
 *
 * Each sheet has a title row, a header row (frozen, with an autofilter) and
 * typed cells: counts and ranks are numbers, realisation and shares numbers
 * with a percent format (0.625 shows as 62.5 % in the reader's locale),
 * lights and statuses words ("grön", "pågående"; "green", "ongoing" in
 * English), text as it is. Null and missing values are empty cells. Labels
 * and sheet names are message ids of i18n.h in the language asked for.
 *
 * The same document gives the same bytes: a fixed creation time, and
 * libxlsxwriter's zip entries carry no clock. libxlsxwriter 1.1.4 writes only
 * to a named file, so the workbook goes to a file in memory (memfile.h), is
 * checked to be whole and read back.
 * constant_memory keeps the memory flat and writes strings inline.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "util/memfile.h"
#include "render/render_util.h"

#define COUNT_OF(a) (sizeof(a) / sizeof((a)[0]))
#define CELL_MAX 32767 /* characters in one cell, Excel's limit (libxlsxwriter's LXW_STR_MAX) */
#define MAX_COLS 16

#define TITLE_ROW 0
#define HEAD_ROW 1
#define FIRST_ROW 2

/* A fixed creation time (2000-01-01), as the export's: the same report gives the same bytes. */
#define CREATED 946684800

/* How a column's cells are written. */
enum cell_kind {
	C_TEXT,  /* text (a number or boolean as itself) */
	C_NUM,   /* a number: a count, a rank */
	C_PCT,   /* a fraction, shown as a percentage */
	C_PHASE, /* a status word, translated */
	C_LIGHT, /* a light word, translated */
	C_IDS,   /* a list of ids, as one text "A, B" (empty for none) */
};

struct column {
	const char *head; /* message id */
	const char *key;  /* the item's JSON key */
	enum cell_kind kind;
	double width; /* at least; a longer heading widens it */
};

struct xw {
	lxw_workbook *wb;
	pf_lang lang;
	lxw_format *title, *head, *pct;
	lxw_error rc;   /* the first error of libxlsxwriter */
	bool oom;       /* an allocation of ours failed */
	const char *at; /* the sheet being written, for the error */
};

/* ---- cells ---- */

static void check(struct xw *x, lxw_error rc)
{
	if (rc && !x->rc)
		x->rc = rc;
}

/* Text, cut to Excel's limit of a cell in characters (code points, as libxlsxwriter counts). */
static void put_text(struct xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const char *s,
                     lxw_format *fmt)
{
	size_t n = 0, chars = 0;
	char *cut;

	for (; s[n]; n++)
		if (((unsigned char)s[n] & 0xc0) != 0x80 && ++chars > CELL_MAX)
			break;
	if (!s[n]) {
		check(x, worksheet_write_string(ws, row, col, s, fmt));
		return;
	}
	if (!(cut = strndup(s, n))) {
		x->oom = true;
		return;
	}
	check(x, worksheet_write_string(ws, row, col, cut, fmt));
	free(cut);
}

/* Any JSON value: numbers as numbers (in fmt), text, booleans; null and the rest left empty. */
static void put_value(struct xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                      const json_t *v, lxw_format *fmt)
{
	double d;

	if (pf_rnum(v, &d))
		check(x, worksheet_write_number(ws, row, col, d, fmt));
	else if (json_is_string(v))
		put_text(x, ws, row, col, json_string_value(v), NULL);
	else if (json_is_boolean(v))
		check(x, worksheet_write_boolean(ws, row, col, json_is_true(v), NULL));
}

static void put_ids(struct xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col, const json_t *v)
{
	char *s = pf_rfmt_list(x->lang, v, ", ", pf_rfmt_value, "");

	if (!s) {
		x->oom = true;
		return;
	}
	if (*s)
		put_text(x, ws, row, col, s, NULL);
	free(s);
}

static void put_cell(struct xw *x, lxw_worksheet *ws, lxw_row_t row, lxw_col_t col,
                     enum cell_kind kind, const json_t *v)
{
	int l;

	switch (kind) {
	case C_PCT:
		put_value(x, ws, row, col, v, x->pct);
		return;
	case C_PHASE:
		if (json_is_string(v)) {
			put_text(x, ws, row, col,
			         pf_rword(x->lang, PF_WORDS_PHASE, json_string_value(v)), NULL);
			return;
		}
		break;
	case C_LIGHT:
		if ((l = pf_rlight(v)) >= 0) {
			put_text(x, ws, row, col, pf_rlight_word(x->lang, l), NULL);
			return;
		}
		break;
	case C_IDS:
		if (json_is_array(v)) {
			put_ids(x, ws, row, col, v);
			return;
		}
		break;
	default:
		break;
	}
	put_value(x, ws, row, col, v, NULL);
}

/* ---- sheets ---- */

/* A new sheet named by a message id, with its title in the first row; NULL on failure. */
static lxw_worksheet *new_sheet(struct xw *x, const char *name, const char *title)
{
	lxw_worksheet *ws;

	x->at = pf_tr(x->lang, name);
	if (!(ws = workbook_add_worksheet(x->wb, x->at))) {
		check(x, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return NULL;
	}
	if (!title)
		x->oom = true;
	else
		put_text(x, ws, TITLE_ROW, 0, title, x->title);
	return ws;
}

/*
 * The header row (message ids) with the column widths, frozen with the title
 * above it, and an autofilter over the rows written (last: the last row).
 */
static void finish_sheet(struct xw *x, lxw_worksheet *ws, const char *const *heads,
                         const double *widths, size_t ncols, lxw_row_t last)
{
	for (size_t c = 0; c < ncols; c++) {
		const char *h = pf_tr(x->lang, heads[c]);
		double w = widths[c],
		       hw = (double)pf_rwidth(h) + 3; /* room for the filter's button */

		check(x,
		      worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, w > hw ? w : hw, NULL));
	}
	worksheet_freeze_panes(ws, FIRST_ROW, 0);
	check(x, worksheet_autofilter(ws, HEAD_ROW, 0, last, (lxw_col_t)(ncols - 1)));
}

static void put_heads(struct xw *x, lxw_worksheet *ws, const char *const *heads, size_t ncols)
{
	for (size_t c = 0; c < ncols; c++)
		put_text(x, ws, HEAD_ROW, (lxw_col_t)c, pf_tr(x->lang, heads[c]), x->head);
}

/* A sheet of one row per item of list, its cells by cols; takes title. */
static void list_sheet(struct xw *x, const char *name, char *title, const json_t *list,
                       const struct column *cols, size_t ncols)
{
	const char *heads[MAX_COLS];
	double widths[MAX_COLS];
	lxw_worksheet *ws = new_sheet(x, name, title);
	lxw_row_t row = HEAD_ROW;

	free(title);
	if (!ws)
		return;
	if (ncols > MAX_COLS)
		ncols = MAX_COLS;
	for (size_t c = 0; c < ncols; c++) {
		heads[c] = cols[c].head;
		widths[c] = cols[c].width;
	}
	put_heads(x, ws, heads, ncols);
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *item = json_array_get(list, i);

		row++;
		for (size_t c = 0; c < ncols; c++)
			put_cell(x, ws, row, (lxw_col_t)c, cols[c].kind,
			         pf_rget(item, cols[c].key));
	}
	finish_sheet(x, ws, heads, widths, ncols, row);
}

/* ---- quarter ---- */

/* "Kvartalsrapport 2025Q3 (prioriteringslista 2025Q3)", as the table format's. */
static char *quarter_title(const struct xw *x, const pf_report *r)
{
	const json_t *list = pf_rget(r->doc, "list_period");
	char *s = pf_rtitle(x->lang, r);

	if (json_is_null(list))
		return pf_rjoin(s, " ",
		                pf_rfmt("(%s)", pf_tr(x->lang, "ingen prioriteringslista")));
	if (list)
		s = pf_rjoin(s, " ",
		             pf_rjoin(pf_rfmt("(%s", pf_tr(x->lang, "prioriteringslista")), " ",
		                      pf_rjoin(pf_rfmt_value(x->lang, list), "", strdup(")"))));
	return s;
}

/* The item of the initiatives list with this id, or NULL. */
static const json_t *find_initiative(const json_t *items, const char *id)
{
	for (size_t i = 0; id && i < json_array_size(items); i++) {
		const json_t *it = json_array_get(items, i);
		const char *other = pf_rget_str(it, "id");

		if (other && !strcmp(other, id))
			return it;
	}
	return NULL;
}

static void missing_sheet(struct xw *x, const pf_report *r)
{
	static const char *const heads[] = {PF_N_("Id"), PF_N_("Initiativ"), PF_N_("Nämnd")};
	static const double widths[] = {10, 40, 8};
	const json_t *missing = pf_rget(r->doc, "missing"), *items = pf_rget(r->doc, "initiatives");
	char *title = pf_rjoin(strdup(pf_tr(x->lang, "Saknar uppföljning för perioden")), " ",
	                       pf_rfmt_value(x->lang, pf_rget(r->doc, "period")));
	lxw_worksheet *ws = new_sheet(x, PF_N_("Saknar uppföljning"), title);
	lxw_row_t row = HEAD_ROW;

	free(title);
	if (!ws)
		return;
	put_heads(x, ws, heads, COUNT_OF(heads));
	for (size_t i = 0; i < json_array_size(missing); i++) {
		const json_t *id = json_array_get(missing, i);
		const json_t *it = find_initiative(items, json_string_value(id));

		row++;
		put_value(x, ws, row, 0, id, NULL);
		put_value(x, ws, row, 1, pf_rget(it, "title"), NULL);
		put_value(x, ws, row, 2, pf_rget(it, "committee"), NULL);
	}
	finish_sheet(x, ws, heads, widths, COUNT_OF(heads), row);
}

static void xlsx_quarter(struct xw *x, const pf_report *r)
{
	static const struct column cols[] = {
	    {PF_N_("Rang"), "rank", C_NUM, 6},
	    {PF_N_("Id"), "id", C_TEXT, 10},
	    {PF_N_("Initiativ"), "title", C_TEXT, 40},
	    {PF_N_("Nämnd"), "committee", C_TEXT, 8},
	    {PF_N_("Fas"), "status", C_PHASE, 12},
	    {PF_N_("Bedömning"), "assessment", C_LIGHT, 12},
	    {PF_N_("Beräknad"), "computed", C_LIGHT, 12},
	    {PF_N_("Realisering"), "realisation", C_PCT, 13},
	    {PF_N_("Föregående"), "previous_assessment", C_LIGHT, 12},
	    {PF_N_("Kommentar"), "comment", C_TEXT, 60},
	};

	list_sheet(x, PF_N_("Kvartalsrapport"), quarter_title(x, r), pf_rget(r->doc, "initiatives"),
	           cols, COUNT_OF(cols));
	missing_sheet(x, r);
}

/* ---- committee ---- */

/* Committee × status: a status by_status leaves out counts 0; no object at all is unknown. */
static void by_status_sheet(struct xw *x, const pf_report *r)
{
	const json_t *list = pf_rget(r->doc, "committees");
	const char *heads[1 + PF_RSTATUSES] = {PF_N_("Nämnd")};
	double widths[1 + PF_RSTATUSES] = {8};
	char *title = pf_rjoin(strdup(pf_tr(x->lang, "Antal initiativ per nämnd och fas")), " ",
	                       pf_rfmt_value(x->lang, pf_rget(r->doc, "period")));
	lxw_worksheet *ws = new_sheet(x, PF_N_("Initiativ per fas"), title);
	lxw_row_t row = HEAD_ROW;

	free(title);
	if (!ws)
		return;
	/* The statuses are canonical words, not message ids: pf_tr() leaves them as they are. */
	for (size_t s = 0; s < PF_RSTATUSES; s++) {
		heads[s + 1] = pf_rword(x->lang, PF_WORDS_PHASE, pf_rstatus[s]);
		widths[s + 1] = 10;
	}
	put_heads(x, ws, heads, COUNT_OF(heads));
	for (size_t i = 0; i < json_array_size(list); i++) {
		const json_t *c = json_array_get(list, i), *by = pf_rget(c, "by_status");

		row++;
		put_value(x, ws, row, 0, pf_rget(c, "code"), NULL);
		if (!json_is_object(by))
			continue;
		for (size_t s = 0; s < PF_RSTATUSES; s++) {
			const json_t *n = pf_rget(by, pf_rstatus[s]);

			if (n)
				put_value(x, ws, row, (lxw_col_t)(s + 1), n, NULL);
			else
				check(x,
				      worksheet_write_number(ws, row, (lxw_col_t)(s + 1), 0, NULL));
		}
	}
	finish_sheet(x, ws, heads, widths, COUNT_OF(heads), row);
}

static void xlsx_committee(struct xw *x, const pf_report *r)
{
	static const struct column cols[] = {
	    {PF_N_("Nämnd"), "code", C_TEXT, 8},
	    {PF_N_("plural|Initiativ"), "initiatives", C_NUM, 10},
	    {PF_N_("Indikatorer"), "indicators", C_NUM, 10},
	    {PF_N_("Mätta"), "measured", C_NUM, 8},
	    {PF_N_("I fas"), "on_track", C_NUM, 8},
	    {PF_N_("Realisering"), "realisation", C_PCT, 13},
	    {PF_N_("Slutförda i år"), "completed_in_year", C_NUM, 10},
	    {PF_N_("Innovativa"), "innovative_share", C_PCT, 12},
	    {PF_N_("Saknar uppföljning"), "missing_followups", C_NUM, 12},
	    {PF_N_("Inaktuella"), "stale", C_NUM, 10},
	    {PF_N_("Ej mätta detta kvartal"), "not_measured_this_period", C_IDS, 40},
	};

	list_sheet(x, PF_N_("Nämndrapport"), pf_rtitle(x->lang, r), pf_rget(r->doc, "committees"),
	           cols, COUNT_OF(cols));
	by_status_sheet(x, r);
}

/* ---- the workbook ---- */

/* Reads the whole file into a new NUL-terminated buffer. */

/* Writes the workbook to path; the sheets by the report's kind. */
static pf_status write_workbook(const pf_report *r, pf_lang lang, const char *path, pf_error *err)
{
	lxw_workbook_options opts = {.constant_memory = LXW_TRUE};
	char *title = pf_rtitle(lang, r);
	lxw_doc_properties props = {.title = title, .created = CREATED};
	struct xw x = {.lang = lang};
	lxw_error rc;

	if (!title)
		return pf_error_set(err, PF_ENOMEM, "out of memory rendering the workbook");
	if (!(x.wb = workbook_new_opt(path, &opts))) {
		free(title);
		return pf_error_set(err, PF_EENV, "%s: cannot write the workbook", path);
	}
	check(&x, workbook_set_properties(x.wb, &props));
	x.title = workbook_add_format(x.wb);
	x.head = workbook_add_format(x.wb);
	x.pct = workbook_add_format(x.wb);
	if (!x.title || !x.head || !x.pct) {
		check(&x, LXW_ERROR_MEMORY_MALLOC_FAILED);
	} else {
		format_set_bold(x.title);
		format_set_font_size(x.title, 14);
		format_set_bold(x.head);
		format_set_bottom(x.head, LXW_BORDER_THIN);
		format_set_num_format(x.pct, "0.0%");
		if (r->kind == PF_REPORT_QUARTER)
			xlsx_quarter(&x, r);
		else
			xlsx_committee(&x, r);
	}
	rc = workbook_close(x.wb); /* frees it, whatever happened */
	free(title);
	if (x.oom)
		return pf_error_set(err, PF_ENOMEM, "out of memory rendering the workbook");
	if (x.rc)
		return pf_error_set(err, PF_EENV, "writing the %s sheet: %s", x.at ? x.at : "?",
		                    lxw_strerror(x.rc));
	if (rc)
		return pf_error_set(err, PF_EENV, "%s: cannot write the workbook: %s", path,
		                    lxw_strerror(rc));
	return PF_OK;
}

pf_status pf_render_xlsx(const pf_report *r, const pf_render_opts *o, char **out, size_t *len,
                         pf_error *err)
{
	pf_memfile m;
	pf_status s;

	*out = NULL;
	*len = 0;
	if (!r || (r->kind != PF_REPORT_QUARTER && r->kind != PF_REPORT_COMMITTEE))
		return pf_error_set(err, PF_EUSAGE,
		                    "the xlsx format is for the quarter and committee reports");
	if ((s = pf_memfile_open(&m, err)))
		return s;
	s = write_workbook(r, pf_rlang(o), m.path, err);
	if (!s)
		s = pf_memfile_take_zip(&m, out, len, err);
	pf_memfile_close(&m);
	return s;
}
