/*
 * Export as one XLSX workbook (libxlsxwriter): a sheet per kind with a
 * header row, typed cells (numbers, booleans, real date cells), frozen panes
 * and filters. A fixed creation time makes the same data give the same bytes.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <xlsxwriter.h>

#include "export/export_internal.h"
#include "util/memfile.h"
#include "portfolj/export.h"
#include "portfolj/outfile.h"
#include "portfolj/value.h"

struct sheet_ctx {
	lxw_worksheet *ws;
	lxw_format *date;
	lxw_row_t row;
	lxw_error rc;
	size_t col; /* where rc happened */
};

static lxw_error write_cell(struct sheet_ctx *c, sqlite3_stmt *st, int col, const pf_field *f)
{
	char buf[64];
	const char *s = pf_export_cell_text(st, col, f, buf, sizeof(buf));
	pf_date d;
	int y, m, day;

	if (!s)
		return LXW_NO_ERROR;
	switch (f->type) {
	case PF_T_NUMBER:
	case PF_T_INTEGER:
	case PF_T_MONEY:
		return worksheet_write_number(c->ws, c->row, (lxw_col_t)col,
		                              sqlite3_column_double(st, col), NULL);
	case PF_T_BOOL:
		return worksheet_write_boolean(c->ws, c->row, (lxw_col_t)col,
		                               sqlite3_column_int(st, col), NULL);
	case PF_T_DATE:
		/* A stored date is always valid; should one not be, its text is kept. */
		if (!pf_date_parse(s, &d))
			return worksheet_write_string(c->ws, c->row, (lxw_col_t)col, s, NULL);
		pf_date_to_ymd(d, &y, &m, &day);
		lxw_datetime dt = {y, m, day, 0, 0, 0};
		return worksheet_write_datetime(c->ws, c->row, (lxw_col_t)col, &dt, c->date);
	default:
		return worksheet_write_string(c->ws, c->row, (lxw_col_t)col, s, NULL);
	}
}

static pf_status sheet_row(void *ctx, sqlite3_stmt *st, const pf_field *fields, size_t n)
{
	struct sheet_ctx *c = ctx;

	c->row++;
	for (c->col = 0; c->col < n; c->col++)
		if ((c->rc = write_cell(c, st, (int)c->col, &fields[c->col])))
			return PF_EENV;
	return PF_OK;
}

static pf_status write_sheet(pf_db *db, lxw_workbook *wb, pf_kind k, lxw_format *bold,
                             lxw_format *date, pf_error *err)
{
	size_t n;
	const pf_field *fields = pf_kind_fields(k, &n);
	struct sheet_ctx c = {workbook_add_worksheet(wb, pf_kind_name(k)), date, 0, 0};
	pf_status s;

	if (!c.ws)
		return pf_error_set(err, PF_EENV, "cannot add the %s sheet", pf_kind_name(k));
	for (size_t i = 0; i < n; i++)
		worksheet_write_string(c.ws, 0, (lxw_col_t)i, fields[i].en, bold);
	worksheet_freeze_panes(c.ws, 1, 0);
	/* Rows are numbered as Excel shows them: the header is row 1. */
	if ((s = pf_export_rows(db, k, sheet_row, &c, err)))
		return c.rc ? pf_error_set(err, PF_EENV,
		                           "writing the workbook: sheet %s, row %lu, column %s: %s",
		                           pf_kind_name(k), (unsigned long)c.row + 1,
		                           fields[c.col].en, lxw_strerror(c.rc))
		            : s;
	worksheet_autofilter(c.ws, 0, 0, c.row, (lxw_col_t)(n - 1));
	worksheet_set_column(c.ws, 0, (lxw_col_t)(n - 1), 16, NULL);
	return PF_OK;
}

/* The workbook of every kind, written to the file at path (by name: libxlsxwriter's way). */
static pf_status write_book(pf_db *db, const char *path, pf_error *err)
{
	/* A fixed creation time (2000-01-01) so that the same data gives the same bytes. */
	lxw_doc_properties props = {.title = "portfolj export", .created = 946684800};
	lxw_workbook_options opts = {.constant_memory = LXW_TRUE};
	lxw_workbook *wb;
	pf_status s = PF_OK;

	if (!(wb = workbook_new_opt(path, &opts)))
		return pf_error_set(err, PF_EENV, "cannot write the workbook");
	workbook_set_properties(wb, &props);
	lxw_format *bold = workbook_add_format(wb), *date = workbook_add_format(wb);
	format_set_bold(bold);
	format_set_num_format(date, "yyyy-mm-dd");
	if (!(s = pf_db_exec(db, "BEGIN", err))) {
		for (int k = 0; !s && k < PF_KIND_COUNT; k++)
			s = write_sheet(db, wb, k, bold, date, err);
		pf_db_exec(db, "COMMIT", NULL);
	}
	lxw_error rc = workbook_close(wb);
	if (!s && rc)
		s = pf_error_set(err, PF_EENV, "cannot write the workbook: %s", lxw_strerror(rc));
	return s;
}

/*
 * The workbook is made in memory and checked to be whole, then written as
 * any output file: the old one stays until the new one is complete.
 */
pf_status pf_export_xlsx(pf_db *db, const char *path, pf_error *err)
{
	pf_memfile m;
	char *data = NULL;
	size_t len = 0;
	pf_status s = pf_memfile_open(&m, err);

	if (s)
		return s;
	if (!(s = write_book(db, m.path, err)) && !(s = pf_memfile_take_zip(&m, &data, &len, err)))
		s = pf_write_file(path, data, len, err);
	pf_memfile_close(&m);
	free(data);
	return s;
}
