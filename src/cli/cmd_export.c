/* portfolj export: the whole portfolio as JSON or CSV sheets. */
#include <getopt.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char export_usage[] =
    "usage: portfolj export [--format json|csv|xlsx] [--excel] [-o PATH]\n\n"
    "Writes the whole portfolio in the sheet kinds of the import, so that\n"
    "importing the export into an empty database and exporting again gives the\n"
    "same bytes.\n\n"
    "  --format json   one JSON document (default), to standard output or PATH\n"
    "  --format csv    one CSV file per kind in the directory PATH (required)\n"
    "  --format xlsx   one workbook with a sheet per kind at PATH (required)\n"
    "  --excel         with --format csv: files for Excel with Swedish settings\n"
    "                  (Swedish headings, ';', decimal comma, ja/nej, BOM, CRLF);\n"
    "                  they import back the same\n";

static int export_to(const cli *c, const char *format, bool excel, const char *out)
{
	pf_db *db = NULL;
	pf_error err;
	pf_status st;
	char *text = NULL;
	size_t len = 0;
	int code = cli_open_existing_db(c, &db);

	if (code)
		return code;
	cli_error_init(&err);
	if (!strcmp(format, "csv"))
		st = pf_export_csv(db, out, excel ? PF_CSV_EXCEL : PF_CSV_PLAIN, &err);
	else if (!strcmp(format, "xlsx"))
		st = pf_export_xlsx(db, out, &err);
	else if (!(st = pf_export_json(db, &text, &len, &err)))
		code = cli_write_output(out, text, len);
	if (st)
		code = cli_fail(&err, st);
	free(text);
	pf_db_close(db);
	pf_error_clear(&err);
	return code;
}

int cmd_export(cli *c, int argc, char **argv)
{
	static const struct option opts[] = {{"format", required_argument, NULL, 'f'},
	                                     {"output", required_argument, NULL, 'o'},
	                                     {"excel", no_argument, NULL, 'x'},
	                                     {"help", no_argument, NULL, 'h'},
	                                     {0}};
	const char *format = "json", *out = NULL;
	bool excel = false, seen[128] = {false};
	int ch;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "f:o:h", opts, NULL)) != -1) {
		if ((ch = cli_option_once("export", opts, ch, seen)) < 0)
			return EXIT_USAGE;
		if (ch == 'f')
			format = optarg;
		else if (ch == 'o')
			out = optarg;
		else if (ch == 'x')
			excel = true;
		else if (ch == 'h')
			return fputs(export_usage, stdout), 0;
		else
			return cli_usage_error("export", "unknown option");
	}
	if (optind < argc)
		return cli_usage_error("export", "unexpected argument \"%s\"", argv[optind]);
	if (strcmp(format, "json") && strcmp(format, "csv") && strcmp(format, "xlsx"))
		return cli_usage_error("export", "unknown format \"%s\" (json, csv or xlsx)",
		                       format);
	if (excel && strcmp(format, "csv"))
		return cli_usage_error("export", "--excel goes with --format csv");
	if (strcmp(format, "json") && !out)
		return cli_usage_error("export", "--format %s needs -o PATH", format);
	return export_to(c, format, excel, out);
}
