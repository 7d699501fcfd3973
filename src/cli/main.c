/* portfolj: the command table and the global options. */
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const struct command {
	const char *name;
	cmd_fn fn;
	const char *summary;
} commands[] = {
    {"init", cmd_init, "create or migrate the database; --demo loads the example portfolio"},
    {"import", cmd_import, "import CSV, TSV, XLSX, JSON or a REST URL, all or nothing"},
    {"export", cmd_export, "write the whole portfolio as JSON, CSV sheets or an XLSX workbook"},
    {"followup", cmd_followup, "record one initiative's quarterly follow-up"},
    {"measure", cmd_measure, "record one measured value of an indicator"},
    {"decision", cmd_decision, "record a decision, or an occasion a body was informed"},
    {"check", cmd_check, "check the database for damage and say how to recover"},
    {"set", cmd_set, "change fields of one stored initiative, effect, roadmap row or decision"},
    {"report", cmd_report,
     "quarter, committee, initiative, priority, roadmap, traceability, benefits"},
    {"serve", cmd_serve, "serve the JSON API over HTTP (users, roles, tokens)"},
    {"user", cmd_user, "add, list, remove users of the server, or set a password"},
    {"token", cmd_token, "make, list or revoke a user's API token"},
};

static void usage(FILE *f)
{
	fprintf(f, "usage: portfolj [--db PATH] [--lang sv|en] COMMAND [ARGS...]\n\n"
	           "Keeps a digitalisation portfolio (färdplaner, initiatives, effect goals,\n"
	           "follow-ups, decisions) in one SQLite file and reports effect realisation.\n\n"
	           "Commands:\n");
	for (size_t i = 0; i < sizeof(commands) / sizeof(commands[0]); i++)
		fprintf(f, "  %-10s %s\n", commands[i].name, commands[i].summary);
	fprintf(f, "\nOptions:\n"
	           "  --db PATH   the database (default $PORTFOLJ_DB, else ./portfolj.db)\n"
	           "  --lang L    the language of messages and reports: sv (default) or en\n"
	           "              (default $PORTFOLJ_LANG, else sv)\n"
	           "  --help      this text; COMMAND --help for a command's own\n"
	           "  --version   the version\n\n"
	           "Exit status: 0 success, 1 usage error, 2 input rejected (nothing written),\n"
	           "3 environment error (file, network, database).\n");
}

/* --lang L or --lang=L at argv[*i] (moving *i past L): 1 read, 0 not --lang, -1 a bad one. */
static int lang_option(int argc, char **argv, int *i, int *lang)
{
	const char *v;

	if (!strcmp(argv[*i], "--lang") && *i + 1 < argc)
		v = argv[++*i];
	else if (!strncmp(argv[*i], "--lang=", 7))
		v = argv[*i] + 7;
	else
		return 0;
	if ((*lang = pf_lang_parse(v)) >= 0)
		return 1;
	cli_diag("portfolj", NULL, "unknown language \"%s\" (use sv or en)", v);
	return -1;
}

/*
 * The language of messages: --lang, else $PORTFOLJ_LANG when set and not
 * empty, else Swedish. A --lang anywhere (report takes its own) wins over the
 * environment, even over a bad one; a bad one otherwise is a usage error.
 */
static int messages_lang(int lang, int argc, char **argv)
{
	const char *env = getenv("PORTFOLJ_LANG");

	for (int i = 1; lang < 0 && i < argc && strcmp(argv[i], "--"); i++)
		if (!strcmp(argv[i], "--lang") || !strncmp(argv[i], "--lang=", 7))
			return 0; /* the command reads it */
	if (lang < 0 && env && *env && (lang = pf_lang_parse(env)) < 0) {
		cli_diag("portfolj", NULL, "$PORTFOLJ_LANG: unknown language \"%s\" (use sv or en)",
		         env);
		return EXIT_USAGE;
	}
	cli_set_lang(lang < 0 ? PF_LANG_SV : (pf_lang)lang);
	return 0;
}

/* Parses the options before the command; returns the index of the command or -1 to exit. */
static int global_options(cli *c, int argc, char **argv, int *code)
{
	int i = 1, lang = -1, seen_lang = 0, r;

	*code = 0;
	for (; i < argc && argv[i][0] == '-'; i++) {
		if (!strcmp(argv[i], "--help") || !strcmp(argv[i], "-h")) {
			usage(stdout);
			return -1;
		} else if (!strcmp(argv[i], "--version")) {
			printf("portfolj %s\n", PF_VERSION_STRING);
			return -1;
		} else if (!strcmp(argv[i], "--db") || !strncmp(argv[i], "--db=", 5)) {
			const char *v = argv[i][4] == '=' ? argv[i] + 5
			                : i + 1 < argc    ? argv[++i]
			                                  : NULL;
			if (!v || !*v || c->db_path) {
				fprintf(stderr, "portfolj: %s\n(see portfolj --help)\n",
				        c->db_path ? "--db is given twice: give one database"
				                   : "--db needs a path: --db PATH");
				*code = EXIT_USAGE;
				return -1;
			}
			c->db_path = v;
		} else if ((r = lang_option(argc, argv, &i, &lang)) != 0) {
			if (r > 0 && seen_lang++) {
				cli_diag("portfolj", NULL, "--lang is given twice: give it once");
				r = -1;
			}
			if (r < 0) {
				*code = EXIT_USAGE;
				return -1;
			}
		} else {
			cli_diag("portfolj", NULL, "unknown option %s", argv[i]);
			usage(stderr);
			*code = EXIT_USAGE;
			return -1;
		}
	}
	if (i >= argc) {
		usage(stderr);
		*code = EXIT_USAGE;
		return -1;
	}
	if ((*code = messages_lang(lang, argc - i, argv + i)))
		return -1;
	return i;
}

int main(int argc, char **argv)
{
	cli c = {NULL};
	int code, i = global_options(&c, argc, argv, &code);

	if (i < 0)
		return code;
	/* A file-size limit makes a write fail (EFBIG), which is reported, instead of killing us.
	 */
	signal(SIGXFSZ, SIG_IGN);
	if (!c.db_path)
		c.db_path = getenv("PORTFOLJ_DB");
	if (!c.db_path || !*c.db_path)
		c.db_path = "portfolj.db";
	for (size_t k = 0; k < sizeof(commands) / sizeof(commands[0]); k++) {
		if (!strcmp(argv[i], commands[k].name)) {
			pf_error err;
			pf_status st;

			cli_error_init(&err);
			if ((st = pf_global_init(&err)))
				return cli_fail(&err, st);
			code = commands[k].fn(&c, argc - i, argv + i);
			pf_global_cleanup();
			return code;
		}
	}
	cli_diag("portfolj", NULL, "unknown command \"%s\"", argv[i]);
	usage(stderr);
	return EXIT_USAGE;
}
