/*
 * Tests of the users module (include/portfolj/users.h): roles, passwords
 * (hash and check), tokens (made, found, revoked), sessions (idle expiry,
 * CSRF), the login delay, and that no secret is stored in clear.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "portfolj/portfolj.h"
#include "testutil.h"

struct fixture {
	char *dir;
	pf_db *db;
	pf_error err;
};

static int setup(void **state)
{
	static const struct pf_test_sheet sheets[] = {
	    {"i.csv", "id,title,committee\nP-04,E-arkiv,KBN\n"},
	};
	struct fixture *f = calloc(1, sizeof(*f));

	if (!f || !(f->dir = pf_test_mkdtemp()) || pf_users_global_init(NULL))
		return -1;
	if (!(f->db = pf_test_load(f->dir, sheets, 1)))
		return -1;
	pf_test_error_init(&f->err);
	*state = f;
	return 0;
}

static int teardown(void **state)
{
	struct fixture *f = *state;

	pf_db_close(f->db);
	pf_error_clear(&f->err);
	pf_test_rmdir(f->dir);
	free(f);
	return 0;
}

static void test_roles(void **state)
{
	static const struct {
		const char *in;
		int role;
	} rows[] = {
	    {"admin", PF_ROLE_ADMIN},
	    {"Samordnare", PF_ROLE_COORDINATOR},
	    {"coordinator", PF_ROLE_COORDINATOR},
	    {"projektledare", PF_ROLE_PROJECT_MANAGER},
	    {"project manager", PF_ROLE_PROJECT_MANAGER},
	    {"sekreterare", PF_ROLE_SECRETARY},
	    {"godkännare", PF_ROLE_APPROVER},
	    {"godkannare", PF_ROLE_APPROVER},
	    {"läsare", PF_ROLE_READER},
	    {"reader", PF_ROLE_READER},
	    {"koordinator", -1},
	    {"", -1},
	};

	(void)state;
	for (size_t i = 0; i < sizeof(rows) / sizeof(rows[0]); i++)
		assert_int_equal(pf_role_parse(rows[i].in), rows[i].role);
	assert_string_equal(pf_role_name(PF_ROLE_PROJECT_MANAGER), "project_manager");
	assert_string_equal(pf_role_name_sv(PF_ROLE_READER), "läsare");
}

static void test_add_and_login(void **state)
{
	struct fixture *f = *state;
	const char *scopes[] = {"kbn"};
	pf_user *u = NULL;

	assert_int_equal(pf_user_add(f->db, "sam", PF_ROLE_COORDINATOR, scopes, 1, "s@x.se",
	                             "Password-123", &f->err),
	                 PF_OK);
	assert_int_equal(pf_user_get(f->db, "sam", &u, &f->err), PF_OK);
	assert_int_equal(u->role, PF_ROLE_COORDINATOR);
	assert_int_equal(u->nscopes, 1);
	assert_string_equal(u->scopes[0], "KBN"); /* canonical */
	assert_true(pf_user_in_scope(u, "KBN"));
	pf_user_free(u);
	assert_int_equal(pf_user_login(f->db, "sam", "Password-123", &u, &f->err), PF_OK);
	assert_non_null(u);
	pf_user_free(u);
	assert_int_equal(pf_user_login(f->db, "sam", "wrong-password", &u, &f->err), PF_OK);
	assert_null(u);
	assert_int_equal(pf_user_login(f->db, "nobody", "Password-123", &u, &f->err), PF_OK);
	assert_null(u);
	/* the same name twice, a bad scope, a scope for a role without one, a short password */
	assert_int_equal(pf_user_add(f->db, "sam", PF_ROLE_READER, NULL, 0, NULL, NULL, &f->err),
	                 PF_EINPUT);
	const char *bad[] = {"XYZ"}, *ini[] = {"P-99"};
	assert_int_equal(pf_user_add(f->db, "a", PF_ROLE_COORDINATOR, bad, 1, NULL, NULL, &f->err),
	                 PF_EINPUT);
	assert_int_equal(
	    pf_user_add(f->db, "b", PF_ROLE_PROJECT_MANAGER, ini, 1, NULL, NULL, &f->err),
	    PF_EINPUT);
	assert_int_equal(pf_user_add(f->db, "c", PF_ROLE_READER, scopes, 1, NULL, NULL, &f->err),
	                 PF_EUSAGE);
	assert_int_equal(pf_user_add(f->db, "d", PF_ROLE_READER, NULL, 0, NULL, "short", &f->err),
	                 PF_EINPUT);
	/* a new password works and the old does not */
	assert_int_equal(pf_user_passwd(f->db, "sam", "Another-pw-456", &f->err), PF_OK);
	assert_int_equal(pf_user_login(f->db, "sam", "Password-123", &u, &f->err), PF_OK);
	assert_null(u);
	assert_int_equal(pf_user_remove(f->db, "sam", &f->err), PF_OK);
	assert_int_equal(pf_user_remove(f->db, "sam", &f->err), PF_ENOTFOUND);
}

static bool contains(const char *raw, size_t len, const char *text)
{
	size_t n = strlen(text);

	for (size_t i = 0; i + n <= len; i++)
		if (!memcmp(raw + i, text, n))
			return true;
	return false;
}

/* Whether text occurs anywhere in the database's files (the file and its WAL). */
static bool stored(pf_db *db, const char *dir, const char *text)
{
	size_t len = 0;
	char path[4096], *raw;
	bool found = false;

	(void)db;
	snprintf(path, sizeof(path), "%s/p.db-wal", dir);
	if ((raw = pf_test_read(path, &len))) {
		found = contains(raw, len, text);
		free(raw);
	}
	snprintf(path, sizeof(path), "%s/p.db", dir);
	if (!found && (raw = pf_test_read(path, &len))) {
		found = contains(raw, len, text);
		free(raw);
	}
	return found;
}

static void test_tokens(void **state)
{
	struct fixture *f = *state;
	pf_token_info *list = NULL;
	char *token = NULL, *other = NULL;
	int64_t id, id2;
	pf_user *u = NULL;
	size_t n;

	assert_int_equal(pf_user_add(f->db, "bot", PF_ROLE_ADMIN, NULL, 0, NULL, NULL, &f->err),
	                 PF_OK);
	assert_int_equal(pf_token_add(f->db, "bot", "ci", &token, &id, &f->err), PF_OK);
	assert_int_equal(strlen(token), 43);
	assert_int_equal(pf_token_add(f->db, "bot", NULL, &other, &id2, &f->err), PF_OK);
	assert_string_not_equal(token, other);
	assert_int_equal(pf_token_user(f->db, token, &u, &f->err), PF_OK);
	assert_non_null(u);
	assert_string_equal(u->name, "bot");
	pf_user_free(u);
	assert_false(stored(f->db, f->dir, token));
	assert_int_equal(pf_token_list(f->db, &list, &n, &f->err), PF_OK);
	assert_int_equal(n, 2);
	assert_string_equal(list[0].label, "ci");
	assert_null(list[0].revoked);
	pf_token_list_free(list, n);
	assert_int_equal(pf_token_revoke(f->db, id, &f->err), PF_OK);
	assert_int_equal(pf_token_revoke(f->db, id, &f->err), PF_ENOTFOUND);
	assert_int_equal(pf_token_user(f->db, token, &u, &f->err), PF_OK);
	assert_null(u);
	assert_int_equal(pf_token_user(f->db, other, &u, &f->err), PF_OK);
	assert_non_null(u);
	pf_user_free(u);
	free(other);
	assert_int_equal(pf_token_add(f->db, "nobody", NULL, &other, &id2, &f->err), PF_ENOTFOUND);
	assert_null(other);
	free(token);
}

static void test_sessions(void **state)
{
	struct fixture *f = *state;
	char *s = NULL, csrf[65], csrf2[65];
	pf_user *u = NULL;
	int64_t now = (int64_t)time(NULL);

	assert_int_equal(pf_user_add(f->db, "eva", PF_ROLE_READER, NULL, 0, NULL, NULL, &f->err),
	                 PF_OK);
	assert_int_equal(pf_session_new(f->db, "eva", &s, &f->err), PF_OK);
	assert_int_equal(strlen(s), 64);
	assert_int_equal(pf_session_user(f->db, s, now + 60, &u, &f->err), PF_OK);
	assert_non_null(u);
	pf_user_free(u);
	pf_session_csrf(s, csrf);
	pf_session_csrf(s, csrf2);
	assert_string_equal(csrf, csrf2);
	assert_true(pf_secret_equal(csrf, csrf2));
	assert_false(pf_secret_equal(csrf, s));
	assert_false(stored(f->db, f->dir, s));
	/* idle for more than 8 hours after its last use: gone */
	assert_int_equal(pf_session_user(f->db, s, now + 60 + PF_SESSION_IDLE + 1, &u, &f->err),
	                 PF_OK);
	assert_null(u);
	free(s);
	assert_int_equal(pf_session_new(f->db, "eva", &s, &f->err), PF_OK);
	assert_int_equal(pf_session_end(f->db, s, &f->err), PF_OK);
	assert_int_equal(pf_session_user(f->db, s, now, &u, &f->err), PF_OK);
	assert_null(u);
	free(s);
}

static void test_login_delay(void **state)
{
	struct fixture *f = *state;
	long wait;

	for (int i = 0; i < PF_LOGIN_FREE; i++) {
		assert_int_equal(pf_login_wait(f->db, "user:x", 1000, &wait, &f->err), PF_OK);
		assert_int_equal(wait, 0);
		assert_int_equal(pf_login_failed(f->db, "user:x", 1000, &f->err), PF_OK);
	}
	assert_int_equal(pf_login_wait(f->db, "user:x", 1000, &wait, &f->err), PF_OK);
	assert_int_equal(wait, 1);
	assert_int_equal(pf_login_failed(f->db, "user:x", 1001, &f->err), PF_OK);
	assert_int_equal(pf_login_wait(f->db, "user:x", 1001, &wait, &f->err), PF_OK);
	assert_int_equal(wait, 2);
	/* an hour later the failures are forgotten; a good login clears them */
	assert_int_equal(pf_login_wait(f->db, "user:x", 1001 + 3601, &wait, &f->err), PF_OK);
	assert_int_equal(wait, 0);
	assert_int_equal(pf_login_cleared(f->db, "user:x", &f->err), PF_OK);
	assert_int_equal(pf_login_wait(f->db, "user:x", 1002, &wait, &f->err), PF_OK);
	assert_int_equal(wait, 0);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_roles),
	    cmocka_unit_test_setup_teardown(test_add_and_login, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_tokens, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_sessions, setup, teardown),
	    cmocka_unit_test_setup_teardown(test_login_delay, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
