/*
 * Mapping files (--map, importers/read/json_source.c): any bytes as a map. A map
 * that loads is then used as the importer uses it: on the sample documents of
 * examples/maps/, tests/fuzz/maps/ and tests/data/json/ (read once), on two
 * sheets, and for heading look-ups.
 */
#include "fuzz.h"
#include "importers/map/json_units.h"
#include "importers/read/json.h"
#include "importers/read/json_pointer.h"

static const char *const doc_files[] = {
    "examples/maps/stratsys-kpidata.sample.json",
    "examples/maps/openproject-projects.sample.json",
    "tests/data/json/portfolio.json",
    "tests/fuzz/maps/array-records.sample.json",
    "tests/fuzz/maps/several-kinds.sample.json",
};
#define NDOCS (sizeof(doc_files) / sizeof(doc_files[0]))

static const char *const sheet_files[] = {
    "examples/maps/stratsys-import-sheet.sample.tsv",
    "examples/demo/matvarden.csv",
};
#define NSHEETS (sizeof(sheet_files) / sizeof(sheet_files[0]))

static const char *const headings[] = {"Datum", "mått", "VÄRDE", "Enhet", "Initiativ", "", " "};
#define NHEADINGS (sizeof(headings) / sizeof(headings[0]))

static char *docs[NDOCS];
static size_t doc_len[NDOCS];
static char sheet_path[NSHEETS][4096];

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096];
	pf_error err;

	(void)argc;
	(void)argv;
	pf_error_init(&err);
	for (size_t i = 0; i < NDOCS; i++) {
		snprintf(path, sizeof(path), "%s/%s", PF_SOURCE_DIR, doc_files[i]);
		if (pf_read_file(path, PF_JSON_MAX_BYTES, &docs[i], &doc_len[i], &err)) {
			fprintf(stderr, "fuzz_map: cannot read %s\n", path);
			exit(1);
		}
	}
	for (size_t i = 0; i < NSHEETS; i++)
		snprintf(sheet_path[i], sizeof(sheet_path[i]), "%s/%s", PF_SOURCE_DIR,
		         sheet_files[i]);
	pf_error_clear(&err);
	return 0;
}

static void use_on_doc(const pf_map *m, size_t i)
{
	pf_error err;
	pf_unit **units = NULL;
	size_t n = 0;
	char *next = NULL;
	pf_status st;

	pf_error_init(&err);
	st = pf_json_units(doc_files[i], docs[i], doc_len[i], m, &units, &n, &next, &err);
	if (st == PF_OK)
		pf_fuzz_drain(units, n, &err);
	else if (units || n || next)
		pf_fuzz_fail("pf_json_units failed but gave units or a next page", NULL);
	else if (err.errors == 0)
		pf_fuzz_fail("pf_json_units failed without recording an error", NULL);
	free(next);
	pf_fuzz_check_error(&err);
	pf_error_clear(&err);
}

static void use_on_sheet(const pf_map *m, size_t i)
{
	pf_error err;
	pf_unit *u = NULL;
	pf_status st;

	pf_error_init(&err);
	st = pf_unit_csv_open(&u, sheet_path[i], m, &err);
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
	const char *path = pf_fuzz_write_file(".json", data, size);
	pf_error err;
	pf_map *m = NULL;
	pf_status st;

	pf_error_init(&err);
	st = pf_map_load(path, &m, &err);
	pf_fuzz_check_error(&err);
	pf_error_clear(&err);
	if (st != PF_OK) {
		if (m)
			pf_fuzz_fail("pf_map_load failed but gave a map", NULL);
		return 0;
	}
	for (size_t i = 0; i < NHEADINGS; i++) {
		bool dates = false;
		const char *f = pf_map_heading(m, headings[i], &dates);
		if (f)
			(void)strlen(f);
		(void)pf_map_ignores(m, headings[i]);
	}
	(void)pf_map_sheet_kind(m);
	for (size_t i = 0; i < NDOCS; i++)
		use_on_doc(m, i);
	for (size_t i = 0; i < NSHEETS; i++)
		use_on_sheet(m, i);
	pf_map_free(m);
	return 0;
}
