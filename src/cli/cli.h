/* The portfolj program: shared pieces of the commands in src/cli/. */
#ifndef PF_CLI_H
#define PF_CLI_H

#include <getopt.h>
#include <stdbool.h>
#include <stddef.h>

#include "portfolj/portfolj.h"

/* Exit codes of FORMATS.md section 1. */
enum { EXIT_USAGE = 1, EXIT_INPUT = 2, EXIT_ENV = 3 };

/* The exit code of FORMATS.md section 1 for a status: the one place that maps them. */
int cli_exit_code(pf_status st);

typedef struct cli {
	const char *db_path; /* --db, else $PORTFOLJ_DB, else ./portfolj.db */
} cli;

typedef int (*cmd_fn)(cli *c, int argc, char **argv);

int cmd_init(cli *c, int argc, char **argv);
int cmd_import(cli *c, int argc, char **argv);
int cmd_followup(cli *c, int argc, char **argv);
int cmd_measure(cli *c, int argc, char **argv);
int cmd_decision(cli *c, int argc, char **argv);
int cmd_report(cli *c, int argc, char **argv);
int cmd_export(cli *c, int argc, char **argv);
int cmd_set(cli *c, int argc, char **argv);
int cmd_check(cli *c, int argc, char **argv);
int cmd_serve(cli *c, int argc, char **argv);
int cmd_user(cli *c, int argc, char **argv);
int cmd_token(cli *c, int argc, char **argv);

/*
 * The language of the program's messages (FORMATS.md section 1): set once by
 * main() from --lang, else $PORTFOLJ_LANG, else Swedish; report's own --lang
 * sets it too. Every pf_error the commands make carries it.
 */
void cli_set_lang(pf_lang lang);
pf_lang cli_lang(void);
/* pf_error_init() in the program's language. */
void cli_error_init(pf_error *err);
/*
 * Prints `WHERE: SEVERITY: MESSAGE` (or `WHERE: MESSAGE` when severity is
 * NULL) to stderr, the message translated (pf_msg) and formatted.
 */
void cli_diag(const char *where, const char *severity, const char *fmt, ...)
    __attribute__((format(printf, 3, 4)));
/*
 * After the diagnostics of an import that wrote nothing: the closing line
 * `nothing was written: N errors` (FORMATS.md section 1).
 */
void cli_nothing_written(const pf_error *err);

/* Prints every diagnostic as `WHERE: error: MESSAGE` to stderr. */
void cli_print_diags(const pf_error *err);
/* Prints the diagnostics and returns the exit code for st. */
int cli_fail(const pf_error *err, pf_status st);
/* Prints `portfolj CMD: MESSAGE` and the usage hint; returns EXIT_USAGE. */
int cli_usage_error(const char *cmd, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/*
 * A single-value option given twice is a mistake, not "the last one wins":
 * returns ch, or -1 after the usage error when ch, an option of opts that
 * takes a value, was seen before (seen: 128 flags, false at first).
 */
int cli_option_once(const char *cmd, const struct option *opts, int ch, bool seen[128]);
/* Opens the database; on failure prints why and returns the exit code (0 on success). */
int cli_open_db(const cli *c, pf_db **db);
/*
 * The same for commands that only read: opened read-only and never migrated;
 * a database that does not exist is refused.
 */
int cli_open_existing_db(const cli *c, pf_db **db);
/*
 * For import --dry-run: a private copy in memory of the database (read
 * read-only), which the import may write; an empty one when there is none.
 */
int cli_open_scratch_db(const cli *c, pf_db **db);
/* The quarter that today falls in. */
pf_period cli_current_period(void);
/* Writes data to path through a temporary file and a rename; "-" or NULL is stdout. */
int cli_write_output(const char *path, const char *data, size_t len);
/* Adds what one command imports; a status as pf_import_add_fields gives. */
typedef pf_status (*cli_add_fn)(pf_import *imp, void *ctx, pf_error *err);
/*
 * Opens the database, runs an import of what add adds (one row of kind),
 * prints the diagnostics and "KIND: recorded|updated|unchanged"; returns the
 * exit code.
 */
int cli_import_one(const cli *c, const char *command, pf_kind kind, cli_add_fn add, void *ctx);
/* Runs one record through the importer, as the logging commands do. */
int cli_log_record(const cli *c, const char *command, pf_kind kind, const char *const *names,
                   const char *const *values, const char *const *options, size_t n);

#endif
