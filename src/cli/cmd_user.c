/* portfolj user and portfolj token: the server's users and API tokens (FORMATS.md section 6). */
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "cli.h"
#include "portfolj/users.h"

static const char user_usage[] =
    "usage: portfolj user add NAME --role ROLE [--scope CODE|ID]... [--email ADDR]\n"
    "                         [--password-stdin]\n"
    "       portfolj user list | remove NAME | passwd NAME [--password-stdin]\n\n"
    "Roles (Swedish or English) and what their --scope names:\n"
    "  admin                          everything, users and tokens, bulk import\n"
    "  samordnare / coordinator       its committees' initiatives (committee codes)\n"
    "  projektledare / project_manager  follow-ups and values of its initiatives (ids)\n"
    "  sekreterare / secretary        decisions of its bodies (a committee code,\n"
    "                                 digitaliseringsrådet, regionledningen)\n"
    "  godkännare / approver          its committees' quarters (committee codes)\n"
    "  läsare / reader                reads only\n\n"
    "--password-stdin reads the password from the first line of standard input;\n"
    "without it a terminal asks (twice). A password has at least 8 characters.\n";

static const char token_usage[] =
    "usage: portfolj token add NAME [--label TEXT]\n"
    "       portfolj token list | revoke ID\n\n"
    "`token add` prints a new API token for the user NAME alone on one line; it is\n"
    "never shown again (only its hash is kept). Scripts send it as\n"
    "`Authorization: Bearer TOKEN`.\n";

/* Opens the database and sets up the cryptography; an exit code, 0 when both went well. */
static int open_users(const cli *c, pf_db **db)
{
	pf_error err;
	pf_status st;
	int code;

	cli_error_init(&err);
	if ((st = pf_users_global_init(&err))) {
		code = cli_fail(&err, st);
		pf_error_clear(&err);
		return code;
	}
	pf_error_clear(&err);
	return cli_open_db(c, db);
}

/* Reads one line (without its end) into buf; false at the end of input. */
static bool read_line(FILE *f, char *buf, size_t n)
{
	if (!fgets(buf, (int)n, f))
		return false;
	buf[strcspn(buf, "\r\n")] = '\0';
	return true;
}

static bool prompt(const char *what, char *buf, size_t n)
{
	struct termios old, quiet;
	bool ok;

	fputs(pf_msg(cli_lang(), what), stderr);
	tcgetattr(STDIN_FILENO, &old);
	quiet = old;
	quiet.c_lflag &= ~(tcflag_t)ECHO;
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet);
	ok = read_line(stdin, buf, n);
	tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
	fputc('\n', stderr);
	return ok;
}

/* The password: the first line of standard input, or asked twice on a terminal. */
static int read_password(const char *cmd, bool from_stdin, char *buf, size_t n)
{
	char again[1100];

	if (from_stdin) {
		if (!read_line(stdin, buf, n) || !*buf)
			return cli_usage_error(cmd,
			                       "--password-stdin: no password on standard input");
		return 0;
	}
	if (!isatty(STDIN_FILENO))
		return cli_usage_error(cmd, "no terminal to ask for the password: give "
		                            "--password-stdin");
	if (!prompt("Password: ", buf, n) || !prompt("Password again: ", again, sizeof(again)))
		return cli_usage_error(cmd, "no password given");
	if (strcmp(buf, again))
		return cli_usage_error(cmd, "the two passwords differ");
	memset(again, 0, sizeof(again));
	return 0;
}

static int finish(pf_db *db, pf_error *err, pf_status st)
{
	int code = st ? cli_fail(err, st) : 0;

	pf_error_clear(err);
	pf_db_close(db);
	return code;
}

#define MAX_SCOPES 64

static int user_add(const cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"role", required_argument, NULL, 'r'},  {"scope", required_argument, NULL, 's'},
	    {"email", required_argument, NULL, 'e'}, {"password-stdin", no_argument, NULL, 'p'},
	    {"help", no_argument, NULL, 'h'},        {0}};
	const char *scopes[MAX_SCOPES], *email = NULL, *role_s = NULL;
	char password[1100];
	bool from_stdin = false;
	size_t n = 0;
	int ch, role, code;
	pf_db *db;
	pf_error err;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (ch == 'r')
			role_s = optarg;
		else if (ch == 's' && n < MAX_SCOPES)
			scopes[n++] = optarg;
		else if (ch == 'e')
			email = optarg;
		else if (ch == 'p')
			from_stdin = true;
		else if (ch == 'h')
			return fputs(user_usage, stdout), 0;
		else
			return cli_usage_error("user", "unknown option");
	}
	if (optind + 1 != argc)
		return cli_usage_error("user", "give one NAME: user add NAME --role ROLE");
	if (!role_s)
		return cli_usage_error("user", "--role is required");
	if ((role = pf_role_parse(role_s)) < 0)
		return cli_usage_error("user",
		                       "unknown role \"%s\" (use admin, samordnare, projektledare, "
		                       "sekreterare, godkännare or läsare)",
		                       role_s);
	if ((code = read_password("user", from_stdin, password, sizeof(password))) ||
	    (code = open_users(c, &db)))
		return code;
	cli_error_init(&err);
	pf_status st =
	    pf_user_add(db, argv[optind], (pf_role)role, scopes, n, email, password, &err);
	memset(password, 0, sizeof(password));
	if (!st)
		printf("user %s: %s\n", argv[optind], pf_role_name((pf_role)role));
	return finish(db, &err, st);
}

static int user_list(const cli *c)
{
	pf_user **u = NULL;
	size_t n = 0;
	pf_db *db;
	pf_error err;
	int code = cli_open_existing_db(c, &db);
	pf_status st;

	if (code)
		return code;
	cli_error_init(&err);
	if (!(st = pf_user_list(db, &u, &n, &err))) {
		for (size_t i = 0; i < n; i++) {
			printf("%s\t%s\t", u[i]->name, pf_role_name(u[i]->role));
			for (size_t k = 0; k < u[i]->nscopes; k++)
				printf("%s%s", k ? "," : "", u[i]->scopes[k]);
			printf("\t%s\t%s\n", u[i]->email ? u[i]->email : "", u[i]->created);
			pf_user_free(u[i]);
		}
		free(u);
	}
	return finish(db, &err, st);
}

static int user_change(const cli *c, const char *what, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"password-stdin", no_argument, NULL, 'p'}, {"help", no_argument, NULL, 'h'}, {0}};
	bool from_stdin = false, passwd = !strcmp(what, "passwd");
	char password[1100] = "";
	pf_db *db;
	pf_error err;
	int ch, code;
	pf_status st;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (ch == 'p' && passwd)
			from_stdin = true;
		else if (ch == 'h')
			return fputs(user_usage, stdout), 0;
		else
			return cli_usage_error("user", "unknown option");
	}
	if (optind + 1 != argc)
		return cli_usage_error("user", "give one NAME: user %s NAME", what);
	if ((passwd && (code = read_password("user", from_stdin, password, sizeof(password)))) ||
	    (code = open_users(c, &db)))
		return code;
	cli_error_init(&err);
	st = passwd ? pf_user_passwd(db, argv[optind], password, &err)
	            : pf_user_remove(db, argv[optind], &err);
	memset(password, 0, sizeof(password));
	return finish(db, &err, st);
}

int cmd_user(cli *c, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";

	if (!strcmp(sub, "--help") || !strcmp(sub, "-h"))
		return fputs(user_usage, stdout), 0;
	if (!strcmp(sub, "add"))
		return user_add(c, argc - 1, argv + 1);
	if (!strcmp(sub, "list") && argc == 2)
		return user_list(c);
	if (!strcmp(sub, "remove") || !strcmp(sub, "passwd"))
		return user_change(c, sub, argc - 1, argv + 1);
	return cli_usage_error("user", "give add, list, remove or passwd");
}

static int token_add(const cli *c, int argc, char **argv)
{
	static const struct option opts[] = {
	    {"label", required_argument, NULL, 'l'}, {"help", no_argument, NULL, 'h'}, {0}};
	const char *label = NULL;
	char *token = NULL;
	int64_t id;
	pf_db *db;
	pf_error err;
	int ch, code;
	pf_status st;

	optind = 0;
	while ((ch = getopt_long(argc, argv, "h", opts, NULL)) != -1) {
		if (ch == 'l')
			label = optarg;
		else if (ch == 'h')
			return fputs(token_usage, stdout), 0;
		else
			return cli_usage_error("token", "unknown option");
	}
	if (optind + 1 != argc)
		return cli_usage_error("token", "give one user NAME: token add NAME");
	if ((code = open_users(c, &db)))
		return code;
	cli_error_init(&err);
	if (!(st = pf_token_add(db, argv[optind], label, &token, &id, &err))) {
		/* The token alone on standard output; its id, for revoking, on standard error. */
		printf("%s\n", token);
		cli_diag("portfolj", "note", "token %lld for %s: shown this once", (long long)id,
		         argv[optind]);
		memset(token, 0, strlen(token));
		free(token);
	}
	return finish(db, &err, st);
}

static int token_list(const cli *c)
{
	pf_token_info *t = NULL;
	size_t n = 0;
	pf_db *db;
	pf_error err;
	int code = cli_open_existing_db(c, &db);
	pf_status st;

	if (code)
		return code;
	cli_error_init(&err);
	if (!(st = pf_token_list(db, &t, &n, &err)))
		for (size_t i = 0; i < n; i++)
			printf("%lld\t%s\t%s\t%s\t%s\n", (long long)t[i].id, t[i].user,
			       t[i].label ? t[i].label : "", t[i].created,
			       t[i].revoked ? t[i].revoked : "");
	pf_token_list_free(t, n);
	return finish(db, &err, st);
}

static int token_revoke(const cli *c, const char *id_s)
{
	char *end;
	long long id = strtoll(id_s, &end, 10);
	pf_db *db;
	pf_error err;
	int code;

	if (*end || id <= 0)
		return cli_usage_error("token", "\"%s\" is not a token id (see token list)", id_s);
	if ((code = cli_open_existing_db(c, &db)))
		return code;
	cli_error_init(&err);
	return finish(db, &err, pf_token_revoke(db, id, &err));
}

int cmd_token(cli *c, int argc, char **argv)
{
	const char *sub = argc > 1 ? argv[1] : "";

	if (!strcmp(sub, "--help") || !strcmp(sub, "-h"))
		return fputs(token_usage, stdout), 0;
	if (!strcmp(sub, "add"))
		return token_add(c, argc - 1, argv + 1);
	if (!strcmp(sub, "list") && argc == 2)
		return token_list(c);
	if (!strcmp(sub, "revoke") && argc == 3)
		return token_revoke(c, argv[2]);
	return cli_usage_error("token", "give add NAME, list or revoke ID");
}
