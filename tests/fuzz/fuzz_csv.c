/*
 * The CSV/TSV reader (importers/read/csv.c): any bytes as a sheet, every row read
 * until the end or an error. Checks what csvsheet.h promises of a row:
 * NUL-terminated UTF-8 fields of the given lengths, within the limits, and
 * lines that never go back.
 */
#include "importers/read/csvsheet.h"
#include "fuzz.h"

static void check_row(const pf_csv_row *row, long *last_line)
{
	if (row->nfields == 0 || row->nfields > PF_CSV_MAX_FIELDS)
		pf_fuzz_fail("a row's field count", NULL);
	if (row->line < *last_line || row->line < 1)
		pf_fuzz_fail("a row's line went back", NULL);
	*last_line = row->line;
	for (size_t i = 0; i < row->nfields; i++) {
		const char *f = row->fields[i];
		if (!f)
			pf_fuzz_fail("a NULL field", NULL);
		if (strlen(f) != row->lens[i])
			pf_fuzz_fail("a field's length is not its strlen", f);
		if (row->lens[i] > PF_CSV_MAX_FIELD)
			pf_fuzz_fail("a field over PF_CSV_MAX_FIELD", NULL);
		if (!pf_fuzz_utf8_ok(f, row->lens[i]))
			pf_fuzz_fail("a field is not UTF-8", f);
	}
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pf_error err;
	pf_csv *r = NULL;
	pf_csv_row row;
	pf_status st;
	long line = 1;

	pf_error_init(&err);
	st = pf_csv_open_buffer(&r, "fuzz.csv", data, size, &err);
	if (st == PF_OK) {
		while ((st = pf_csv_next(r, &row, &err)) == PF_OK)
			check_row(&row, &line);
		if (st != PF_END && err.errors == 0)
			pf_fuzz_fail("the reader failed without recording an error", NULL);
		/* A finished reader stays finished. */
		if (pf_csv_next(r, &row, &err) != st)
			pf_fuzz_fail("a finished reader gave another status", NULL);
		(void)pf_csv_delimiter(r);
		(void)pf_csv_is_cp1252(r);
		(void)strlen(pf_csv_name(r));
		pf_csv_close(r);
	} else if (r) {
		pf_fuzz_fail("pf_csv_open_buffer failed but gave a reader", NULL);
	} else if (err.errors == 0) {
		pf_fuzz_fail("pf_csv_open_buffer failed without recording an error", NULL);
	}
	pf_fuzz_check_error(&err);
	pf_error_clear(&err);
	return 0;
}
