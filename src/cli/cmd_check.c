/* portfolj check: SQLite's integrity check of the database, and how to recover. */
#include <stdio.h>
#include <string.h>

#include "cli.h"

static const char check_usage[] =
    "usage: portfolj check\n\n"
    "Runs the database's integrity check. Prints \"ok\" when it is whole; otherwise\n"
    "lists what is damaged and how to recover (exit 3).\n";

int cmd_check(cli *c, int argc, char **argv)
{
	pf_db *db = NULL;
	pf_error err;
	pf_status st;
	int code;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return fputs(check_usage, stdout), 0;
	if (argc > 1)
		return cli_usage_error("check", "unexpected argument \"%s\"", argv[1]);
	if ((code = cli_open_existing_db(c, &db)))
		return code;
	cli_error_init(&err);
	st = pf_db_check(db, &err);
	code = st ? cli_fail(&err, st) : 0;
	if (!st)
		printf("%s: ok\n", c->db_path);
	pf_db_close(db);
	pf_error_clear(&err);
	return code;
}
