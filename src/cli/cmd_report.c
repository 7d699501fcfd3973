/* portfolj report: build a report, render it, write it. */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "cli.h"

static const char report_usage[] =
    "usage: portfolj report KIND [ARG] [--period P] [--format F] [-o PATH] [options]\n\n"
    "Kinds:\n"
    "  quarter [--all]                 the priority list of P with its follow-ups\n"
    "  committee [--committee CODE]    realisation and KPIs per committee\n"
    "  initiative ID                   everything about one initiative\n"
    "  priority [--capacity HOURS] [--weights W]   for Digitaliseringsrådet: what\n"
    "                                  waits, IT hours; W the score's weights, e.g.\n"
    "                                  benefit=40,it_load=20 (the others keep theirs:\n"
    "                                  readiness 20, innovative 15, measurable 10)\n"
    "  roadmap R [--version V] [--compare V0]   a färdplan version and its changes\n"
    "  traceability [--year Y] [--committee CODE]   what each committee was told\n"
    "  benefits [--committee CODE]     benefit realisation (effekthemtagning) per committee\n"
    "                                  and per initiative with indicators\n\n"
    "  --period P     the reporting quarter (default: the current one, or the one\n"
    "                 of --as-of)\n"
    "  --as-of TIME   the report as the database stood at TIME, local time:\n"
    "                 2025-10-15 (the end of that day), 2025-10-15T14:30 or\n"
    "                 2025-10-15T14:30:05; the JSON then has \"as_of\"\n"
    "  --format F     table (default), json, csv, md, html, or xlsx (a workbook of the\n"
    "                 quarter or committee report; needs -o PATH)\n"
    "  --lang L       the language of table, md, html and xlsx and of messages: sv or\n"
    "                 en (default: portfolj --lang L, else $PORTFOLJ_LANG if set, else\n"
    "                 sv); json and csv are the same in both\n"
    "  -o PATH        write to PATH instead of standard output (\"-\": standard output,\n"
    "                 for xlsx only when it is not a terminal)\n";

struct report_args {
	pf_report_kind kind;
	pf_report_opts o;
	pf_format format;
	const char *out;
	int lang; /* a pf_lang, or -1 when --lang was not given */
	bool period_given;
	char as_of[20], as_of_utc[24]; /* --as-of, local and UTC; "" when not given */
};

/* --as-of: the moment in local time, and in UTC as the runs are stamped. */
static int parse_as_of(const char *s, struct report_args *a)
{
	struct tm tm = {0};
	time_t t;

	if (!pf_moment_parse(s, a->as_of))
		return cli_usage_error("report",
		                       "\"%s\" is not a moment (use 2025-10-15, 2025-10-15T14:30 "
		                       "or 2025-10-15T14:30:05)",
		                       s);
	sscanf(a->as_of, "%d-%d-%dT%d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday, &tm.tm_hour,
	       &tm.tm_min, &tm.tm_sec);
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	if ((t = mktime(&tm)) == (time_t)-1 || !gmtime_r(&t, &tm))
		return cli_usage_error("report", "\"%s\" is not a moment of this time zone", s);
	strftime(a->as_of_utc, sizeof(a->as_of_utc), "%Y-%m-%dT%H:%M:%SZ", &tm);
	a->o.as_of = a->as_of;
	a->o.as_of_utc = a->as_of_utc;
	return 0;
}

static int parse_number_opt(const char *s, double *out)
{
	return pf_number_parse(s, out) ? 0 : cli_usage_error("report", "\"%s\" is not a number", s);
}

static int parse_option(int ch, struct report_args *a)
{
	double d;
	int f;

	switch (ch) {
	case 'A':
		return parse_as_of(optarg, a);
	case 'p':
		a->period_given = true;
		return pf_period_parse(optarg, &a->o.period)
		           ? 0
		           : cli_usage_error("report", "\"%s\" is not a period (use 2025Q1)",
		                             optarg);
	case 'f':
		if ((f = pf_format_parse(optarg)) < 0)
			return cli_usage_error("report", "unknown format \"%s\"", optarg);
		a->format = f;
		return 0;
	case 'o':
		a->out = optarg;
		return 0;
	case 'L':
		if ((a->lang = pf_lang_parse(optarg)) < 0)
			return cli_usage_error("report", "unknown language \"%s\" (use sv or en)",
			                       optarg);
		cli_set_lang((pf_lang)a->lang);
		return 0;
	case 'a':
		a->o.all = true;
		return 0;
	case 'c':
		a->o.committee = optarg;
		return 0;
	case 'v':
		a->o.version = optarg;
		return 0;
	case 'C':
		a->o.compare = optarg;
		return 0;
	case 'y':
		if (parse_number_opt(optarg, &d) || d < 1900 || d > 9999 || d != (int)d)
			return cli_usage_error("report", "\"%s\" is not a year", optarg);
		a->o.year = (int)d;
		return 0;
	case 'k':
		if (parse_number_opt(optarg, &d) || d < 0)
			return cli_usage_error("report", "\"%s\" is not a number of hours", optarg);
		a->o.capacity = d;
		return 0;
	case 'w': {
		char why[256];
		if (!pf_score_weights_parse(optarg, a->o.weights, why, sizeof(why)))
			return cli_usage_error("report", "--weights: %s", why);
		return 0;
	}
	}
	return cli_usage_error("report", "unknown option");
}

/*
 * --format xlsx: only the quarter and committee reports have a workbook, and
 * it is binary, so it needs -o PATH; "-o -" (standard output) is taken only
 * when that is not a terminal (a pipe, a redirection).
 */
static int check_xlsx(const struct report_args *a)
{
	if (a->format != PF_FORMAT_XLSX)
		return 0;
	if (a->kind != PF_REPORT_QUARTER && a->kind != PF_REPORT_COMMITTEE)
		return cli_usage_error("report",
		                       "--format xlsx is for the quarter and committee reports, "
		                       "not %s",
		                       pf_report_kind_name(a->kind));
	if (!a->out)
		return cli_usage_error("report", "--format xlsx writes a binary workbook: "
		                                 "give -o PATH (e.g. -o rapport.xlsx)");
	if (!strcmp(a->out, "-") && isatty(STDOUT_FILENO))
		return cli_usage_error("report", "--format xlsx writes a binary workbook, not "
		                                 "for a terminal: give -o PATH");
	return 0;
}

static const char *option_name(const struct option *opts, int ch)
{
	for (; opts->name; opts++)
		if (opts->val == ch)
			return opts->name;
	return "?";
}

static int parse_args(int argc, char **argv, struct report_args *a)
{
	static const struct option opts[] = {
	    {"period", required_argument, NULL, 'p'},  {"format", required_argument, NULL, 'f'},
	    {"lang", required_argument, NULL, 'L'},    {"output", required_argument, NULL, 'o'},
	    {"all", no_argument, NULL, 'a'},           {"committee", required_argument, NULL, 'c'},
	    {"version", required_argument, NULL, 'v'}, {"compare", required_argument, NULL, 'C'},
	    {"year", required_argument, NULL, 'y'},    {"capacity", required_argument, NULL, 'k'},
	    {"weights", required_argument, NULL, 'w'}, {"as-of", required_argument, NULL, 'A'},
	    {"help", no_argument, NULL, 'h'},          {0}};
	int ch, code, k;
	const char *positional = NULL;
	bool seen[128] = {false};

	optind = 0;
	/* Options may come before or after the kind and its argument. */
	while ((ch = getopt_long(argc, argv, "-p:f:o:h", opts, NULL)) != -1) {
		if (ch == 'h')
			return fputs(report_usage, stdout), -1;
		if (ch == 1) {
			if (a->kind == PF_REPORT_COUNT) {
				if ((k = pf_report_kind_parse(optarg)) < 0)
					return cli_usage_error("report", "unknown report \"%s\"",
					                       optarg);
				a->kind = k;
			} else if (!positional) {
				positional = optarg;
			} else {
				return cli_usage_error("report", "unexpected argument \"%s\"",
				                       optarg);
			}
			continue;
		}
		/* A single-value option given twice is a mistake, not "the last one wins". */
		if (ch > 0 && ch < 128 && seen[ch] && ch != 'a')
			return cli_usage_error("report", "--%s is given twice: give it once",
			                       option_name(opts, ch));
		if (ch > 0 && ch < 128)
			seen[ch] = true;
		if ((code = parse_option(ch, a)))
			return code;
	}
	/* The report printed at that moment was of its quarter. */
	if (a->as_of[0] && !a->period_given)
		a->o.period = pf_period_make(atoi(a->as_of), (atoi(a->as_of + 5) - 1) / 3 + 1);
	if (a->kind == PF_REPORT_COUNT)
		return cli_usage_error("report", "name the report: quarter, committee, initiative, "
		                                 "priority, roadmap, traceability or benefits");
	if (a->kind == PF_REPORT_INITIATIVE)
		a->o.initiative = positional;
	else if (a->kind == PF_REPORT_ROADMAP)
		a->o.roadmap = positional;
	else if (positional)
		return cli_usage_error("report", "unexpected argument \"%s\"", positional);
	if ((a->kind == PF_REPORT_INITIATIVE || a->kind == PF_REPORT_ROADMAP) && !positional)
		return cli_usage_error("report", "report %s needs %s", pf_report_kind_name(a->kind),
		                       a->kind == PF_REPORT_ROADMAP ? "the roadmap's name"
		                                                    : "the initiative's id");
	return check_xlsx(a);
}

/*
 * The language: report's --lang, else that of the messages (the global
 * --lang, else $PORTFOLJ_LANG, else Swedish: main.c). The library never reads
 * the environment; the program does.
 */
static pf_lang report_lang(const struct report_args *a)
{
	return a->lang >= 0 ? (pf_lang)a->lang : cli_lang();
}

static int run_report(const cli *c, const struct report_args *a)
{
	const char *no_color = getenv("NO_COLOR");
	pf_render_opts ro = {!a->out && isatty(STDOUT_FILENO) && !(no_color && *no_color),
	                     PF_LANG_SV};
	pf_report *r = NULL;
	pf_db *db = NULL;
	pf_error err;
	char *text = NULL;
	size_t len;
	pf_status st;
	int code;

	ro.lang = report_lang(a);
	if ((code = cli_open_existing_db(c, &db)))
		return code;
	cli_error_init(&err);
	if (!(st = pf_report_build(&r, db, a->kind, &a->o, &err)) &&
	    !(st = pf_report_render(r, a->format, &ro, &text, &len, &err)))
		code = cli_write_output(a->out, text, len);
	else
		code = cli_fail(&err, st);
	free(text);
	pf_report_free(r);
	pf_db_close(db);
	pf_error_clear(&err);
	return code;
}

int cmd_report(cli *c, int argc, char **argv)
{
	struct report_args a = {PF_REPORT_COUNT, {0}, PF_FORMAT_TABLE, NULL, -1, false, "", ""};
	int code;

	a.o.period = cli_current_period();
	if ((code = parse_args(argc, argv, &a)))
		return code < 0 ? 0 : code;
	return run_report(c, &a);
}
