/* Pieces the commands share: diagnostics, the database, output files. */
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

/* A program has one language for its messages: the one global state of the CLI. */
static pf_lang messages_lang = PF_LANG_SV;

void cli_set_lang(pf_lang lang)
{
	messages_lang = lang;
}

pf_lang cli_lang(void)
{
	return messages_lang;
}

void cli_error_init(pf_error *err)
{
	pf_error_init(err);
	err->lang = messages_lang;
}

void cli_diag(const char *where, const char *severity, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "%s: ", where);
	if (severity)
		fprintf(stderr, "%s: ", severity);
	va_start(ap, fmt);
	vfprintf(stderr, pf_msg(messages_lang, fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
}

void cli_nothing_written(const pf_error *err)
{
	fprintf(stderr,
	        pf_msg(err->lang, err->errors == 1 ? "nothing was written: %zu error"
	                                           : "nothing was written: %zu errors"),
	        err->errors);
	fputc('\n', stderr);
}

void cli_print_diags(const pf_error *err)
{
	static const char *const severity[] = {
	    [PF_SEV_ERROR] = "error", [PF_SEV_WARNING] = "warning", [PF_SEV_NOTE] = "note"};
	size_t total = err->errors + err->warnings + err->notes;

	for (size_t i = 0; i < err->count; i++) {
		const pf_diag *d = &err->diags[i];
		fprintf(stderr, "%s: %s: %s\n", d->where ? d->where : "portfolj",
		        severity[d->severity], d->message);
	}
	if (total > err->count)
		cli_diag("portfolj", NULL, "%zu more diagnostics not shown", total - err->count);
}

int cli_fail(const pf_error *err, pf_status st)
{
	cli_print_diags(err);
	return cli_exit_code(st);
}

int cli_usage_error(const char *cmd, const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "portfolj %s: ", cmd);
	va_start(ap, fmt);
	vfprintf(stderr, pf_msg(messages_lang, fmt), ap);
	va_end(ap);
	fputc('\n', stderr);
	fprintf(stderr, pf_msg(messages_lang, "(see portfolj %s --help)"), cmd);
	fputc('\n', stderr);
	return EXIT_USAGE;
}

int cli_option_once(const char *cmd, const struct option *opts, int ch, bool seen[128])
{
	for (; ch > 0 && ch < 128 && opts->name; opts++) {
		if (opts->val != ch || opts->has_arg == no_argument)
			continue;
		if (seen[ch]) {
			cli_usage_error(cmd, "--%s is given twice: give it once", opts->name);
			return -1;
		}
		seen[ch] = true;
		break;
	}
	return ch;
}

static int open_db(const cli *c, pf_db **db, pf_db_opts opts)
{
	pf_error err;
	const char *user = getenv("USER"), *wait = getenv("PORTFOLJ_BUSY_TIMEOUT");
	pf_status st;

	/* How long to wait for another writer, in ms: $PORTFOLJ_BUSY_TIMEOUT, else 5 s. */
	opts.busy_timeout_ms = wait && *wait ? atoi(wait) : 0;
	opts.actor = user && *user ? user : NULL;
	cli_error_init(&err);
	st = pf_db_open(db, c->db_path, &opts, &err);
	int code = st ? cli_fail(&err, st) : 0;
	pf_error_clear(&err);
	return code;
}

int cli_open_db(const cli *c, pf_db **db)
{
	return open_db(c, db, (pf_db_opts){0});
}

int cli_open_existing_db(const cli *c, pf_db **db)
{
	return open_db(c, db, (pf_db_opts){.must_exist = true, .read_only = true});
}

int cli_open_scratch_db(const cli *c, pf_db **db)
{
	return open_db(c, db, (pf_db_opts){.read_only = true, .scratch = true});
}

pf_period cli_current_period(void)
{
	time_t now = time(NULL);
	struct tm tm;

	localtime_r(&now, &tm);
	return pf_period_make(tm.tm_year + 1900, tm.tm_mon / 3 + 1);
}

int cli_write_output(const char *path, const char *data, size_t len)
{
	pf_error err;
	pf_status st;

	if (!path || !strcmp(path, "-")) {
		/* A full disk or a closed descriptor behind standard output is an error too. */
		if (fwrite(data, 1, len, stdout) == len && !fflush(stdout))
			return 0;
		cli_diag("portfolj", "error", "cannot write to standard output: %s",
		         strerror(errno));
		return EXIT_ENV;
	}
	cli_error_init(&err);
	st = pf_write_file(path, data, len, &err);
	int code = st ? cli_fail(&err, st) : 0;
	pf_error_clear(&err);
	return code;
}

/*
 * What a command wrote: "KIND: recorded|updated|unchanged", and a decision's
 * new id, on standard error too (standard output may be a full disk or
 * closed, and the id is needed to refer to the decision). When standard
 * output cannot be written, the change is committed all the same: say so.
 */
static int say_written(pf_kind kind, const pf_import_summary *sum)
{
	const pf_kind_counts *k = &sum->kind[kind];

	printf("%s: %s\n", pf_kind_name(kind),
	       k->inserted  ? "recorded"
	       : k->updated ? "updated"
	                    : "unchanged");
	if (sum->decision_id[0]) {
		printf("decision id: %s\n", sum->decision_id);
		fprintf(stderr, "portfolj: note: decision id: %s\n", sum->decision_id);
	}
	if (fflush(stdout) == 0 && !ferror(stdout))
		return 0;
	fprintf(stderr,
	        "portfolj: error: cannot write to standard output: %s; the change was "
	        "written and stands\n",
	        strerror(errno));
	return EXIT_ENV;
}

int cli_import_one(const cli *c, const char *command, pf_kind kind, cli_add_fn add, void *ctx)
{
	pf_import_opts o = {false, command};
	pf_import_summary sum;
	pf_import *imp = NULL;
	pf_db *db = NULL;
	pf_error err;
	pf_status st;
	int code = cli_open_db(c, &db);

	if (code)
		return code;
	cli_error_init(&err);
	if (!(st = pf_import_new(&imp, db, &o, &err)) && !(st = add(imp, ctx, &err)))
		st = pf_import_run(imp, &sum, &err);
	code = st ? cli_fail(&err, st) : 0;
	if (st)
		cli_nothing_written(&err);
	else {
		cli_print_diags(&err);
		code = say_written(kind, &sum);
	}
	pf_import_free(imp);
	pf_db_close(db);
	pf_error_clear(&err);
	return code;
}

struct log_record {
	pf_kind kind;
	const char *command;
	const char *const *names, *const *values, *const *options;
	size_t n;
};

static pf_status add_record(pf_import *imp, void *ctx, pf_error *err)
{
	const struct log_record *r = ctx;

	return pf_import_add_fields(imp, r->kind, r->command, r->names, r->values, r->options, r->n,
	                            err);
}

int cli_log_record(const cli *c, const char *command, pf_kind kind, const char *const *names,
                   const char *const *values, const char *const *options, size_t n)
{
	struct log_record r = {kind, command, names, values, options, n};

	return cli_import_one(c, command, kind, add_record, &r);
}
