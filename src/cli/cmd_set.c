/* portfolj set KIND ID FIELD=VALUE...: fields of one stored row, through the importer. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"

static const char set_usage[] =
    "usage: portfolj set KIND ID FIELD=VALUE...\n"
    "       portfolj set roadmap ROADMAP VERSION INITIATIVE FIELD=VALUE...\n\n"
    "Changes fields of one stored row, with the same validation and change history\n"
    "as an import; the fields not named stay as they are, and FIELD= (empty)\n"
    "clears one. KIND: initiative, effect, roadmap, decision (or initiativ, effekt,\n"
    "fardplan, beslut). FIELD: the sheet's heading or its English alias, e.g.\n\n"
    "  portfolj set initiative RS-04 fas=avslutad slut=2025-12-31\n"
    "  portfolj set effect KBN-01-I1 malvarde=20 matfrekvens=halvår\n"
    "  portfolj set roadmap 'Färdplan KB' '2024 uppdaterad' KBN-01 horisont='år 2'\n";

static const struct {
	const char *sv, *en;
	pf_kind kind;
} kinds[] = {
    {"initiativ", "initiative", PF_KIND_INITIATIVES},
    {"effekt", "effect", PF_KIND_EFFECTS},
    {"fardplan", "roadmap", PF_KIND_ROADMAPS},
    {"beslut", "decision", PF_KIND_DECISIONS},
};

static int kind_of(const char *s)
{
	char f[32];

	pf_fold(s, f, sizeof(f));
	for (size_t i = 0; i < sizeof(kinds) / sizeof(kinds[0]); i++)
		if (!strcmp(f, kinds[i].sv) || !strcmp(f, kinds[i].en) ||
		    (f[0] && !strcmp(f, pf_kind_name(kinds[i].kind))))
			return (int)kinds[i].kind;
	return -1;
}

#define SET_MAX 16 /* fields named at most: a kind has no more */

struct set_args {
	pf_kind kind;
	const char *key[3];
	char *names[SET_MAX];
	const char *values[SET_MAX];
	size_t n;
};

static pf_status add_set(pf_import *imp, void *ctx, pf_error *err)
{
	const struct set_args *a = ctx;

	return pf_import_add_set(imp, a->kind, a->key, (const char *const *)a->names, a->values,
	                         a->n, err);
}

/* Splits FIELD=VALUE arguments; returns an exit code (0: all read). */
static int read_fields(struct set_args *a, int argc, char **argv)
{
	for (int i = 0; i < argc; i++) {
		char *eq = strchr(argv[i], '=');
		if (!eq || eq == argv[i])
			return cli_usage_error("set", "\"%s\" is not FIELD=VALUE", argv[i]);
		if (a->n == SET_MAX)
			return cli_usage_error("set", "too many fields");
		if (!(a->names[a->n] = strndup(argv[i], (size_t)(eq - argv[i]))))
			return EXIT_ENV;
		a->values[a->n++] = eq + 1;
	}
	return a->n ? 0 : cli_usage_error("set", "name at least one FIELD=VALUE");
}

int cmd_set(cli *c, int argc, char **argv)
{
	struct set_args a = {0};
	int k, nkeys, code;

	if (argc > 1 && (!strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")))
		return fputs(set_usage, stdout), 0;
	if (argc < 2 || (k = kind_of(argv[1])) < 0)
		return cli_usage_error("set",
		                       "give the kind: initiative, effect, roadmap or decision");
	a.kind = (pf_kind)k;
	nkeys = a.kind == PF_KIND_ROADMAPS ? 3 : 1;
	if (argc < 2 + nkeys)
		return cli_usage_error(
		    "set", nkeys == 3 ? "give the roadmap, version and initiative" : "give the id");
	for (int i = 0; i < nkeys; i++)
		a.key[i] = argv[2 + i];
	code = read_fields(&a, argc - 2 - nkeys, argv + 2 + nkeys);
	if (!code)
		code = cli_import_one(c, "set", a.kind, add_set, &a);
	for (size_t i = 0; i < a.n; i++)
		free(a.names[i]);
	return code;
}
