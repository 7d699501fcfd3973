/*
 * The XLSX reader (importers/read/xlsx.c) over any bytes: the zip container first
 * (libzip), then the XML of whatever parts survive. Every unit's records are
 * read until the end or an error. fuzz_xlsx_xml.c reaches the XML more
 * easily by building the zip itself.
 */
#include "fuzz.h"
#include "importers/read/xlsx.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pf_error err;
	pf_unit **units = NULL;
	size_t n = 0;
	pf_status st;

	pf_error_init(&err);
	st = pf_xlsx_open_buffer("fuzz.xlsx", data, size, &units, &n, &err);
	if (st == PF_OK)
		pf_fuzz_drain(units, n, &err);
	else if (units || n)
		pf_fuzz_fail("pf_xlsx_open_buffer failed but gave units", NULL);
	else if (err.errors == 0)
		pf_fuzz_fail("pf_xlsx_open_buffer failed without recording an error", NULL);
	pf_fuzz_check_error(&err);
	pf_error_clear(&err);
	return 0;
}
