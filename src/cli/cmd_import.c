/* portfolj init and portfolj import. */
#include <dirent.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "cli.h"

static const char import_usage[] =
    "usage: portfolj import [--dry-run] [--map MAP.json] SOURCE...\n\n"
    "Imports sheets (.csv, .tsv, and every sheet of an .xlsx workbook) whose kind\n"
    "is read from their header row: initiatives, effects, measurements,\n"
    "followups, priorities, roadmaps, decisions; and .json documents with an\n"
    "array per kind. All sources are one transaction: any invalid row rejects the\n"
    "whole import (exit 2) and nothing is written. Importing the same data\n"
    "again changes nothing; changed values are updated and kept in the history.\n\n"
    "  --dry-run        check everything, write nothing\n"
    "  --map MAP.json   read sources of another shape through a mapping file\n"
    "                   (see examples/maps/README.md)\n"
    "  --cacert FILE    CA certificates for https:// sources with a private CA\n"
    "  --timeout SECS   the whole import's time limit for URL sources: every page\n"
    "                   read within it, or nothing is written (default: none)\n"
    "  --page-timeout SECS\n"
    "                   each request of a URL source (default: what is left of\n"
    "                   --timeout, else 60)\n\n"
    "A SOURCE may be an http:// or https:// URL serving the JSON document; its\n"
    "pages are followed by their `next` member or Link header, and all pages are\n"
    "one transaction. $PORTFOLJ_TOKEN, if set, is sent as a bearer token.\n";

static void print_summary(const pf_import_summary *sum, bool dry_run)
{
	for (int k = 0; k < PF_KIND_COUNT; k++) {
		const pf_kind_counts *c = &sum->kind[k];
		if (!c->rows)
			continue;
		printf("%-13s %zu rows: %zu inserted, %zu updated, %zu unchanged\n",
		       pf_kind_name(k), c->rows, c->inserted, c->updated, c->unchanged);
	}
	if (dry_run)
		printf("dry run: nothing written\n");
}

/* Imports the sources in one transaction; prints the summary. */
/* The progress line of a multi-page URL source, on a terminal only. */
static void progress(void *ctx, size_t page, const char *url)
{
	(void)ctx;
	if (page > 1) {
		fputs("\r\033[K", stderr);
		fprintf(stderr, pf_msg(cli_lang(), "page %zu: %.70s"), page, url);
	}
}

struct import_args {
	bool dry_run;
	const char *map, *cacert;
	long timeout_ms, page_timeout_ms;
};

static int import_sources(const cli *c, char **sources, int n, const struct import_args *a)
{
	const char *token = getenv("PORTFOLJ_TOKEN");
	pf_import_opts o = {a->dry_run,
	                    "import",
	                    a->map,
	                    token && *token ? token : NULL,
	                    a->cacert,
	                    a->timeout_ms,
	                    isatty(STDERR_FILENO) ? progress : NULL,
	                    NULL,
	                    0,
	                    a->page_timeout_ms};
	pf_import_summary sum;
	pf_import *imp = NULL;
	pf_db *db = NULL;
	pf_error err;
	pf_status worst = PF_OK;
	int code = a->dry_run ? cli_open_scratch_db(c, &db) : cli_open_db(c, &db);

	if (code)
		return code;
	cli_error_init(&err);
	if ((worst = pf_import_new(&imp, db, &o, &err)))
		goto out;
	/* Every source is opened first, so that all their errors are listed at once. */
	for (int i = 0; i < n; i++) {
		pf_status st = pf_import_add(imp, sources[i], &err);
		if (st && cli_exit_code(st) > cli_exit_code(worst))
			worst = st;
	}
	/* Sources that were read are still checked, so that every error is listed. */
	if (o.progress)
		fputs("\r\033[K", stderr);
	if (!worst || worst == PF_EINPUT) {
		pf_status st = pf_import_run(imp, &sum, &err);
		if (cli_exit_code(st) > cli_exit_code(worst))
			worst = st;
	}
out:
	cli_print_diags(&err);
	if (worst)
		cli_nothing_written(&err);
	code = cli_exit_code(worst);
	if (!worst)
		print_summary(&sum, a->dry_run);
	pf_import_free(imp);
	pf_db_close(db);
	pf_error_clear(&err);
	return code;
}

/* Seconds (above 0, below a day) as ms, or 0. */
static long seconds_ms(const char *s)
{
	double secs;

	if (!pf_number_parse(s, &secs) || !(secs > 0 && secs < 86400))
		return 0;
	return secs * 1000 < 1 ? 1 : (long)(secs * 1000);
}

int cmd_import(cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"dry-run", no_argument, NULL, 'n'},
	                                     {"map", required_argument, NULL, 'm'},
	                                     {"cacert", required_argument, NULL, 'c'},
	                                     {"timeout", required_argument, NULL, 't'},
	                                     {"page-timeout", required_argument, NULL, 'p'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {0}};
	struct import_args a = {false, NULL, NULL, 0, 0};
	bool seen[128] = {false};
	long ms;
	int ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "nm:c:t:h", opts, NULL)) != -1) {
		if ((ch = cli_option_once("import", opts, ch, seen)) < 0)
			return EXIT_USAGE;
		if (ch == 'n')
			a.dry_run = true;
		else if (ch == 'm')
			a.map = optarg;
		else if (ch == 'c')
			a.cacert = optarg;
		else if ((ch == 't' || ch == 'p') && !(ms = seconds_ms(optarg)))
			return cli_usage_error("import", "--%s wants seconds, e.g. 30",
			                       ch == 't' ? "timeout" : "page-timeout");
		else if (ch == 't')
			a.timeout_ms = ms;
		else if (ch == 'p')
			a.page_timeout_ms = ms;
		else if (ch == 'h')
			return fputs(import_usage, stdout), 0;
		else
			return cli_usage_error("import", "unknown option");
	}
	if (optind >= argc)
		return cli_usage_error("import", "give at least one SOURCE");
	return import_sources(c, argv + optind, argc - optind, &a);
}

static const char init_usage[] =
    "usage: portfolj init [--demo]\n\n"
    "Creates the database, or migrates it to this version's schema (safe to\n"
    "run again). --demo also loads the bundled example portfolio.\n";

/* The demo's folder: beside the build's sources, or where it was installed. */
static const char *demo_dir(void)
{
	static const char *const dirs[] = {PF_EXAMPLES_DIR "/demo",
	                                   PF_INSTALLED_EXAMPLES_DIR "/demo"};
	const char *env = getenv("PORTFOLJ_EXAMPLES");
	static char buf[4096];
	struct stat sb;

	if (env && *env) {
		snprintf(buf, sizeof(buf), "%s/demo", env);
		return buf;
	}
	for (size_t i = 0; i < sizeof(dirs) / sizeof(dirs[0]); i++)
		if (!stat(dirs[i], &sb) && S_ISDIR(sb.st_mode))
			return dirs[i];
	return dirs[0];
}

static int is_sheet(const struct dirent *e)
{
	size_t n = strlen(e->d_name);

	return n > 4 && (!strcmp(e->d_name + n - 4, ".csv") || !strcmp(e->d_name + n - 4, ".tsv"));
}

static int load_demo(const cli *c)
{
	const char *dir = demo_dir();
	struct dirent **list;
	int n = scandir(dir, &list, is_sheet, alphasort), code;
	char **paths;

	if (n <= 0) {
		cli_diag(dir, "error", "no demo portfolio here");
		return EXIT_ENV;
	}
	paths = calloc((size_t)n, sizeof(*paths));
	for (int i = 0; i < n; i++) {
		size_t len = strlen(dir) + strlen(list[i]->d_name) + 2;
		if (paths && (paths[i] = malloc(len)))
			snprintf(paths[i], len, "%s/%s", dir, list[i]->d_name);
		free(list[i]);
	}
	free(list);
	struct import_args a = {false, NULL, NULL, 0, 0};
	code = paths ? import_sources(c, paths, n, &a) : EXIT_ENV;
	for (int i = 0; paths && i < n; i++)
		free(paths[i]);
	free(paths);
	return code;
}

int cmd_init(cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"demo", no_argument, NULL, 'd'}, {"help", no_argument, NULL, 'h'}, {0}};
	bool demo = false;
	pf_db *db;
	int ch, code;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "dh", opts, NULL)) != -1) {
		if (ch == 'd')
			demo = true;
		else if (ch == 'h')
			return fputs(init_usage, stdout), 0;
		else
			return cli_usage_error("init", "unknown option");
	}
	if (optind < argc)
		return cli_usage_error("init", "unexpected argument \"%s\"", argv[optind]);
	if ((code = cli_open_db(c, &db)))
		return code;
	printf("%s: schema version %d\n", c->db_path, pf_db_schema_version(db));
	pf_db_close(db);
	return demo ? load_demo(c) : 0;
}
