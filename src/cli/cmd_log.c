/*
 * portfolj followup, measure and decision: one record each, validated and
 * written by the importer, so the rules and messages are the same.
 */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

/* One option that fills one field of the record. */
struct field_opt {
	const char *option; /* long option name */
	const char *field;  /* English field name */
	bool required;
	const char *value;
	char label[40]; /* "--period", for messages */
};

/*
 * Parses `COMMAND [ID] --option VALUE...` into the fields. positional names the
 * field the first argument fills (NULL: none).
 */
static int parse_fields(const char *cmd, const char *usage, int argc, char **argv,
                        const char *positional, struct field_opt *f, size_t n, const char **pos)
{
	struct option opts[24];
	int ch, idx;

	memset(opts, 0, sizeof(opts));
	for (size_t i = 0; i < n; i++) {
		opts[i] = (struct option){f[i].option, required_argument, NULL, 0};
		snprintf(f[i].label, sizeof(f[i].label), "--%s", f[i].option);
	}
	opts[n] = (struct option){"help", no_argument, NULL, 'h'};
	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, &idx)) != -1) {
		if (ch == 'h')
			return fputs(usage, stdout), -1;
		if (ch != 0)
			return cli_usage_error(cmd, "unknown option");
		f[idx].value = optarg;
	}
	*pos = NULL;
	if (positional) {
		if (optind >= argc)
			return cli_usage_error(cmd, "give the %s", positional);
		*pos = argv[optind++];
	}
	if (optind < argc)
		return cli_usage_error(cmd, "unexpected argument \"%s\"", argv[optind]);
	for (size_t i = 0; i < n; i++)
		if (f[i].required && !f[i].value)
			return cli_usage_error(cmd, "--%s is required", f[i].option);
	return 0;
}

static int log_fields(const cli *c, const char *cmd, pf_kind kind, const char *pos_field,
                      const char *pos, const struct field_opt *f, size_t n)
{
	const char *names[24], *values[24], *labels[24];
	size_t k = 0;

	if (pos_field) {
		names[k] = pos_field;
		values[k] = pos;
		labels[k++] = pos_field;
	}
	/* An option not given is a field not given: the stored value stays. */
	for (size_t i = 0; i < n; i++) {
		if (!f[i].field || !f[i].value)
			continue;
		names[k] = f[i].field;
		values[k] = f[i].value;
		labels[k++] = f[i].label;
	}
	return cli_log_record(c, cmd, kind, names, values, labels, k);
}

static const char followup_usage[] =
    "usage: portfolj followup INITIATIVE --period P --status S --assessment A\n"
    "                         [--comment TEXT] [--effects TEXT] [--reported-by NAME]\n\n"
    "Records one quarterly follow-up (replacing the one of the same period, with\n"
    "the old values kept in the history). Status: idé, förstudie, beslutad,\n"
    "pågående, pausad, avslutad, stoppad (or idea, prestudy, decided, ongoing,\n"
    "paused, completed, cancelled). Assessment: grön, gul, röd (green, yellow, red).\n";

int cmd_followup(cli *c, int argc, char **argv)
{
	struct field_opt f[] = {
	    {"period", "period", true},
	    {"status", "status", true},
	    {"assessment", "assessment", true},
	    {"comment", "comment", false},
	    {"effects", "expected_effects", false},
	    {"reported-by", "reported_by", false},
	};
	const char *pos;
	int code = parse_fields("followup", followup_usage, argc, argv, "initiative", f, 6, &pos);

	if (code)
		return code < 0 ? 0 : code;
	if (!f[5].value)
		f[5].value = getenv("USER");
	return log_fields(c, "followup", PF_KIND_FOLLOWUPS, "initiative", pos, f, 6);
}

static const char measure_usage[] =
    "usage: portfolj measure INDICATOR --period P --value V [--comment TEXT]\n\n"
    "Records one measured value of an indicator for a quarter (2025Q1, 2025-K1,\n"
    "Q1 2025...), replacing the value of the same period; numbers as 12,5 or 12.5.\n";

int cmd_measure(cli *c, int argc, char **argv)
{
	struct field_opt f[] = {
	    {"period", "period", true},
	    {"value", "value", true},
	    {"comment", "comment", false},
	};
	const char *pos;
	int code = parse_fields("measure", measure_usage, argc, argv, "indicator", f, 3, &pos);

	if (code)
		return code < 0 ? 0 : code;
	return log_fields(c, "measure", PF_KIND_MEASUREMENTS, "indicator_id", pos, f, 3);
}

static const char decision_usage[] =
    "usage: portfolj decision --body B --date D --type T [--title TEXT]\n"
    "                         [--initiative ID] [--roadmap R --version V]\n"
    "                         [--protocol REF] [--comment TEXT] [--id ID]\n\n"
    "Records one decision by a body, or an occasion on which it was informed\n"
    "(type information). Body: a committee code (KBN), regionledningen,\n"
    "digitaliseringsrådet or förvaltningen. Type: start, prioritering, paus, stopp,\n"
    "avslut, fastställande, information. Protocol: `KBN 2025-03-04 § 43`, of the\n"
    "same body and date. The id defaults to BODY-DATE-N, the next free N.\n";

/* The default id BODY-DATE-N; needs the database to find the next free N. */
static int default_id(const cli *c, const char *body, const char *date, char *buf, size_t n)
{
	pf_db *db;
	pf_error err;
	int code = cli_open_db(c, &db);

	if (code)
		return code;
	cli_error_init(&err);
	pf_status st = pf_decision_next_id(db, body, date, buf, n, &err);
	code = st ? cli_fail(&err, st) : 0;
	pf_error_clear(&err);
	pf_db_close(db);
	return code;
}

int cmd_decision(cli *c, int argc, char **argv)
{
	struct field_opt f[] = {
	    {"body", "body", true},
	    {"date", "date", true},
	    {"type", "type", true},
	    {"title", "title", false},
	    {"initiative", "initiative", false},
	    {"roadmap", "roadmap", false},
	    {"version", "version", false},
	    {"protocol", "protocol", false},
	    {"comment", "comment", false},
	    {"id", "decision_id", false},
	};
	char id[160];
	const char *pos;
	int code = parse_fields("decision", decision_usage, argc, argv, NULL, f, 10, &pos);

	if (code)
		return code < 0 ? 0 : code;
	if (!f[9].value) {
		if ((code = default_id(c, f[0].value, f[1].value, id, sizeof(id))))
			return code;
		f[9].value = id;
	}
	if ((code = log_fields(c, "decision", PF_KIND_DECISIONS, NULL, NULL, f, 10)) == 0)
		printf("decision id: %s\n", f[9].value);
	return code;
}
