/*
 * The JSON importer through mapping files (importers/read/json_source.c): any bytes
 * as a document read through each map of examples/maps/ that describes JSON
 * records, and through the maps of tests/fuzz/maps/ that use what those do
 * not (array records, templates, several kinds): all loaded once. Every
 * unit's records are read until the end.
 */
#include "fuzz.h"
#include "importers/map/json_units.h"
#include "importers/read/json.h"
#include "importers/read/json_pointer.h"

static const char *const map_files[] = {
    "examples/maps/stratsys-kpidata.json",
    "examples/maps/openproject-projects.json",
    "examples/maps/kolada-data.json",
    "tests/fuzz/maps/array-records.json",
    "tests/fuzz/maps/several-kinds.json",
};
#define NMAPS (sizeof(map_files) / sizeof(map_files[0]))

static pf_map *maps[NMAPS];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096];
	pf_error err;

	(void)argc;
	(void)argv;
	pf_error_init(&err);
	for (size_t i = 0; i < NMAPS; i++) {
		snprintf(path, sizeof(path), "%s/%s", PF_SOURCE_DIR, map_files[i]);
		if (pf_map_load(path, &maps[i], &err) != PF_OK) {
			fprintf(stderr, "fuzz_json_map: cannot load %s: %s\n", path,
			        err.count ? err.diags[0].message : "?");
			exit(1);
		}
	}
	pf_error_clear(&err);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	for (size_t i = 0; i < NMAPS; i++) {
		pf_error err;
		pf_unit **units = NULL;
		size_t n = 0;
		char *next = NULL;
		pf_status st;

		pf_error_init(&err);
		st = pf_json_units("fuzz.json", (const char *)data, size, maps[i], &units, &n,
		                   &next, &err);
		if (st == PF_OK) {
			if (next)
				(void)strlen(next);
			pf_fuzz_drain(units, n, &err);
		} else if (units || n || next) {
			pf_fuzz_fail("pf_json_units failed but gave units or a next page",
			             map_files[i]);
		} else if (err.errors == 0) {
			pf_fuzz_fail("pf_json_units failed without recording an error",
			             map_files[i]);
		}
		free(next);
		pf_fuzz_check_error(&err);
		pf_error_clear(&err);
	}
	return 0;
}
