/*
 * The JSON importer without a map (importers/read/json_source.c): any bytes as a
 * document of FORMATS.md section 3, every unit's records read until the end.
 */
#include "fuzz.h"
#include "importers/map/json_units.h"
#include "importers/read/json.h"
#include "importers/read/json_pointer.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	pf_error err;
	pf_unit **units = NULL;
	size_t n = 0;
	char *next = NULL;
	pf_status st;

	pf_error_init(&err);
	st = pf_json_units("fuzz.json", (const char *)data, size, NULL, &units, &n, &next, &err);
	if (st == PF_OK) {
		if (next)
			(void)strlen(next);
		pf_fuzz_drain(units, n, &err);
	} else if (units || n || next) {
		pf_fuzz_fail("pf_json_units failed but gave units or a next page", NULL);
	} else if (err.errors == 0) {
		pf_fuzz_fail("pf_json_units failed without recording an error", NULL);
	}
	free(next);
	pf_fuzz_check_error(&err);
	pf_error_clear(&err);
	return 0;
}
