/*
 * The whole import of one sheet (importers/load/import.c, load.c, load_roadmap.c
 * over sheet.c and csv.c): any bytes as a .csv file added to a dry-run import
 * into an in-memory database that holds the example portfolio of
 * examples/demo/ (loaded once), so that references can resolve and rows can
 * update. A dry run writes nothing, so every input meets the same database.
 */
#include "fuzz.h"
#include "portfolj/db.h"
#include "portfolj/import.h"

static const char *const demo_files[] = {
    "initiativ.csv",    "effekter.csv",   "matvarden.csv", "uppfoljning.csv",
    "prioritering.csv", "fardplaner.csv", "beslut.tsv",
};
#define NDEMO (sizeof(demo_files) / sizeof(demo_files[0]))

static pf_db *db;

static void die(const char *what, const pf_error *err)
{
	fprintf(stderr, "fuzz_import: %s: %s%s%s\n", what,
	        err->count && err->diags[0].where ? err->diags[0].where : "",
	        err->count && err->diags[0].where ? ": " : "",
	        err->count ? err->diags[0].message : "?");
	exit(1);
}

int LLVMFuzzerInitialize(int *argc, char ***argv);
int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	char path[4096];
	pf_error err;
	pf_import *imp = NULL;
	pf_import_summary sum;

	(void)argc;
	(void)argv;
	pf_error_init(&err);
	if (pf_db_open(&db, ":memory:", NULL, &err) || pf_import_new(&imp, db, NULL, &err))
		die("cannot open an in-memory database", &err);
	for (size_t i = 0; i < NDEMO; i++) {
		snprintf(path, sizeof(path), "%s/examples/demo/%s", PF_SOURCE_DIR, demo_files[i]);
		if (pf_import_add(imp, path, &err))
			die("cannot add the example portfolio", &err);
	}
	if (pf_import_run(imp, &sum, &err) || err.errors)
		die("cannot load the example portfolio", &err);
	pf_import_free(imp);
	pf_error_clear(&err);
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const char *path = pf_fuzz_write_file(".csv", data, size);
	pf_import_opts opts = {.dry_run = true, .command = "fuzz"};
	pf_import *imp = NULL;
	pf_import_summary sum;
	pf_error err;

	pf_error_init(&err);
	if (pf_import_new(&imp, db, &opts, &err))
		pf_fuzz_fail("pf_import_new", NULL);
	if (pf_import_add(imp, path, &err) == PF_OK) {
		pf_status st = pf_import_run(imp, &sum, &err);
		if (sum.written)
			pf_fuzz_fail("a dry run wrote", NULL);
		if (st != PF_OK && err.errors == 0)
			pf_fuzz_fail("pf_import_run failed without recording an error", NULL);
	}
	pf_import_free(imp);
	pf_fuzz_check_error(&err);
	pf_error_clear(&err);
	return 0;
}
