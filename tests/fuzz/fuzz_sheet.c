/*
 * Sheets as record streams (importers/map/sheet.c over importers/read/csv.c): any
 * bytes as a .csv file, its header row matched to a kind, every record read.
 * Each input is read twice: as it is, and through the heading map of
 * examples/maps/stratsys-import-sheet.json.
 */
#include "fuzz.h"
#include "importers/map/json_units.h"
#include "importers/read/json.h"
#include "importers/read/json_pointer.h"

static pf_map *map;

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	pf_error err;

	(void)argc;
	(void)argv;
	pf_error_init(&err);
	if (pf_map_load(PF_SOURCE_DIR "/examples/maps/stratsys-import-sheet.json", &map, &err)) {
		fprintf(stderr, "fuzz_sheet: cannot load the map: %s\n",
		        err.count ? err.diags[0].message : "?");
		exit(1);
	}
	pf_error_clear(&err);
	return 0;
}

static void read_sheet(const char *path, const pf_map *m)
{
	pf_error err;
	pf_unit *u = NULL;
	pf_status st;

	pf_error_init(&err);
	st = pf_unit_csv_open(&u, path, m, &err);
	if (st == PF_OK) {
		pf_unit **units = malloc(sizeof(*units));
		if (!units)
			pf_fuzz_fail("out of memory", NULL);
		units[0] = u;
		pf_fuzz_drain(units, 1, &err);
	} else if (u) {
		pf_fuzz_fail("pf_unit_csv_open failed but gave a unit", NULL);
	} else if (err.errors == 0) {
		pf_fuzz_fail("pf_unit_csv_open failed without recording an error", NULL);
	}
	pf_fuzz_check_error(&err);
	pf_error_clear(&err);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = pf_fuzz_write_file(".csv", data, size);

	read_sheet(path, NULL);
	read_sheet(path, map);
	return 0;
}
