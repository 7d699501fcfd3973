/*
 * Users, tokens, sessions and failed logins in SQLite: every statement of
 * the users module (include/portfolj/users.h; the tables of
 * schema/003_users.sql), kept in this one file for the store's driver.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "store/sqlite/db_internal.h"
#include "portfolj/value.h"
#include "core/users_internal.h"

#define USER_COLUMNS "SELECT pk, name, role, email, created, password IS NOT NULL FROM users "

static pf_status oom(pf_error *err)
{
	return pf_error_set(err, PF_ENOMEM, "out of memory");
}

static char *dup_col(sqlite3_stmt *st, int c)
{
	const char *s = pf_col_text(st, c);

	return s ? strdup(s) : NULL;
}

/* Runs one statement with text parameters (NULL binds NULL) that returns no rows. */
static pf_status exec_texts(pf_db *db, const char *sql, const char *const *texts, int n,
                            pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s = pf_db_prepare(db, &st, sql, err);
	int rc;

	if (s)
		return s;
	for (int i = 0; i < n; i++)
		pf_bind_text(st, i + 1, texts[i]);
	rc = sqlite3_step(st);
	sqlite3_finalize(st);
	return rc == SQLITE_DONE ? PF_OK : pf_db_fail(db, rc, err, "writing the users");
}

static pf_status read_scopes(pf_db *db, pf_user *u, pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s = pf_db_prepare(
	    db, &st, "SELECT scope FROM user_scopes WHERE user = ? ORDER BY scope", err);
	int rc;

	if (s)
		return s;
	sqlite3_bind_int64(st, 1, u->id);
	while (!s && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		char **sc = realloc(u->scopes, (u->nscopes + 1) * sizeof(*sc));
		if (!sc || !(sc[u->nscopes] = dup_col(st, 0))) {
			if (sc)
				u->scopes = sc;
			s = oom(err);
			break;
		}
		u->scopes = sc;
		u->nscopes++;
	}
	if (!s && rc != SQLITE_DONE)
		s = pf_db_fail(db, rc, err, "reading the users");
	sqlite3_finalize(st);
	return s;
}

/* The user of the current row of a USER_COLUMNS query. */
static pf_status user_of_row(pf_db *db, sqlite3_stmt *st, pf_user **out, pf_error *err)
{
	pf_user *u = calloc(1, sizeof(*u));
	int role;
	pf_status s;

	*out = NULL;
	if (!u)
		return oom(err);
	u->id = sqlite3_column_int64(st, 0);
	u->name = dup_col(st, 1);
	role = pf_role_parse(pf_col_text(st, 2));
	u->role = role < 0 ? PF_ROLE_READER : (pf_role)role;
	u->email = dup_col(st, 3);
	u->created = dup_col(st, 4);
	u->has_password = sqlite3_column_int(st, 5) != 0;
	if (!u->name || !u->created) {
		pf_user_free(u);
		return oom(err);
	}
	if ((s = read_scopes(db, u, err))) {
		pf_user_free(u);
		return s;
	}
	*out = u;
	return PF_OK;
}

/* The user found by sql (USER_COLUMNS ... WHERE ... = ?1) with key, or *out NULL. */
static pf_status find_user(pf_db *db, const char *sql, const char *key, pf_user **out,
                           pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s = pf_db_prepare(db, &st, sql, err);
	int rc;

	*out = NULL;
	if (s)
		return s;
	pf_bind_text(st, 1, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		s = user_of_row(db, st, out, err);
	else if (rc != SQLITE_DONE)
		s = pf_db_fail(db, rc, err, "reading the users");
	sqlite3_finalize(st);
	return s;
}

void pf_user_free(pf_user *u)
{
	if (!u)
		return;
	for (size_t i = 0; i < u->nscopes; i++)
		free(u->scopes[i]);
	free(u->scopes);
	free(u->name);
	free(u->email);
	free(u->created);
	free(u);
}

pf_status pf_user_get(pf_db *db, const char *name, pf_user **out, pf_error *err)
{
	pf_status s = find_user(db, USER_COLUMNS "WHERE name = ?1", name, out, err);

	if (!s && !*out)
		return pf_error_set(err, PF_ENOTFOUND, "no user \"%s\"", name);
	return s;
}

pf_status pf_user_list(pf_db *db, pf_user ***out, size_t *n, pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s = pf_db_prepare(db, &st, USER_COLUMNS "ORDER BY name", err);
	pf_user **list = NULL, *u;
	int rc;

	*out = NULL;
	*n = 0;
	while (!s && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		pf_user **l = realloc(list, (*n + 1) * sizeof(*l));
		if (!l) {
			s = oom(err);
			break;
		}
		list = l;
		if (!(s = user_of_row(db, st, &u, err)))
			list[(*n)++] = u;
	}
	if (!s && rc != SQLITE_DONE)
		s = pf_db_fail(db, rc, err, "reading the users");
	sqlite3_finalize(st);
	if (s) {
		for (size_t i = 0; i < *n; i++)
			pf_user_free(list[i]);
		free(list);
		*n = 0;
		return s;
	}
	*out = list;
	return PF_OK;
}

/* Whether sql (one ?1) finds a row for key. */
static pf_status exists(pf_db *db, const char *sql, const char *key, bool *found, pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s = pf_db_prepare(db, &st, sql, err);
	int rc;

	if (s)
		return s;
	pf_bind_text(st, 1, key);
	rc = sqlite3_step(st);
	*found = rc == SQLITE_ROW;
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? PF_OK
	                                             : pf_db_fail(db, rc, err, "reading the users");
}

/* A scope in its canonical form (FORMATS.md section 6's table), checked against the portfolio. */
static pf_status canonical_scope(pf_db *db, pf_role role, const char *s, char out[PF_BODY_BUF],
                                 pf_error *err)
{
	bool found = false;
	pf_status st;

	if (role == PF_ROLE_PROJECT_MANAGER) {
		if ((st = exists(db, "SELECT 1 FROM initiatives WHERE id = ?1", s, &found, err)))
			return st;
		if (!found || strlen(s) >= PF_BODY_BUF)
			return pf_error_set(
			    err, PF_EINPUT,
			    "--scope \"%s\": no such initiative (a project manager's "
			    "scope is initiative ids)",
			    s);
		snprintf(out, PF_BODY_BUF, "%s", s);
		return PF_OK;
	}
	if (!pf_body_parse(s, out) || (role != PF_ROLE_SECRETARY && !pf_body_is_committee(out)))
		return pf_error_set(err, PF_EINPUT,
		                    role == PF_ROLE_SECRETARY
		                        ? "--scope \"%s\" is not a body (a committee code, "
		                          "digitaliseringsrådet or regionledningen)"
		                        : "--scope \"%s\" is not a committee code (e.g. KBN)",
		                    s);
	if (!pf_body_is_committee(out))
		return PF_OK;
	if ((st = exists(db, "SELECT 1 FROM committees WHERE code = ?1", out, &found, err)))
		return st;
	return found ? PF_OK : pf_error_set(err, PF_EINPUT, "--scope \"%s\": no such committee", s);
}

static pf_status check_user(const char *name, pf_role role, size_t nscopes, const char *email,
                            const char *password, pf_error *err)
{
	if (!name || !*name || strlen(name) > 64 || strpbrk(name, " \t\r\n:/"))
		return pf_error_set(err, PF_EUSAGE,
		                    "a user name is 1 to 64 characters without blanks, ':' or '/'");
	if (pf_role_scoped(role) && nscopes == 0)
		return pf_error_set(err, PF_EUSAGE, "the role %s needs at least one --scope",
		                    pf_role_name(role));
	if (!pf_role_scoped(role) && nscopes > 0)
		return pf_error_set(err, PF_EUSAGE, "the role %s takes no --scope",
		                    pf_role_name(role));
	if (email && (!strchr(email, '@') || strpbrk(email, " \t\r\n") || strlen(email) > 254))
		return pf_error_set(err, PF_EUSAGE, "\"%s\" is not an e-mail address", email);
	if (password && strlen(password) < 8)
		return pf_error_set(err, PF_EINPUT, "a password has at least 8 characters");
	if (password && strlen(password) > 1024)
		return pf_error_set(err, PF_EINPUT, "a password has at most 1024 characters");
	return PF_OK;
}

static pf_status insert_user(pf_db *db, const char *name, pf_role role, const char *const *scopes,
                             size_t nscopes, const char *email, const char *hash, pf_error *err)
{
	char now[24], canon[PF_BODY_BUF];
	bool found;
	pf_status s;

	if ((s = exists(db, "SELECT 1 FROM users WHERE name = ?1", name, &found, err)))
		return s;
	if (found)
		return pf_error_set(err, PF_EINPUT, "there is a user \"%s\" already", name);
	pf_utc_now(now);
	const char *row[] = {name, pf_role_name(role), email, hash, now};
	if ((s = exec_texts(db,
	                    "INSERT INTO users (name, role, email, password, created) "
	                    "VALUES (?, ?, ?, ?, ?)",
	                    row, 5, err)))
		return s;
	for (size_t i = 0; !s && i < nscopes; i++) {
		const char *sc[] = {canon, name};
		if (!(s = canonical_scope(db, role, scopes[i], canon, err)))
			s = exec_texts(db,
			               "INSERT OR IGNORE INTO user_scopes (user, scope) "
			               "SELECT pk, ?1 FROM users WHERE name = ?2",
			               sc, 2, err);
	}
	return s;
}

pf_status pf_user_add(pf_db *db, const char *name, pf_role role, const char *const *scopes,
                      size_t nscopes, const char *email, const char *password, pf_error *err)
{
	char hash[128];
	pf_status s = check_user(name, role, nscopes, email, password, err);

	if (s)
		return s;
	if (password && !pf_password_hash(password, hash))
		return oom(err);
	if ((s = pf_db_exec(db, "BEGIN IMMEDIATE", err)))
		return s;
	s = insert_user(db, name, role, scopes, nscopes, email, password ? hash : NULL, err);
	if (!s)
		s = pf_db_exec(db, "COMMIT", err);
	if (s)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return s;
}

/* Runs sql (?1: the user's name) and says PF_ENOTFOUND when it changed nothing. */
static pf_status change_user(pf_db *db, const char *sql, const char *const *texts, int n,
                             const char *name, pf_error *err)
{
	pf_status s = exec_texts(db, sql, texts, n, err);

	if (!s && sqlite3_changes(db->h) == 0)
		return pf_error_set(err, PF_ENOTFOUND, "no user \"%s\"", name);
	return s;
}

pf_status pf_user_remove(pf_db *db, const char *name, pf_error *err)
{
	static const char *const sql[] = {
	    "DELETE FROM sessions WHERE user IN (SELECT pk FROM users WHERE name = ?1)",
	    "DELETE FROM tokens WHERE user IN (SELECT pk FROM users WHERE name = ?1)",
	    "DELETE FROM user_scopes WHERE user IN (SELECT pk FROM users WHERE name = ?1)",
	};
	pf_status s = pf_db_exec(db, "BEGIN IMMEDIATE", err);

	for (size_t i = 0; !s && i < sizeof(sql) / sizeof(sql[0]); i++)
		s = exec_texts(db, sql[i], &name, 1, err);
	if (!s)
		s = change_user(db, "DELETE FROM users WHERE name = ?1", &name, 1, name, err);
	if (!s)
		s = pf_db_exec(db, "COMMIT", err);
	if (s)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return s;
}

pf_status pf_user_passwd(pf_db *db, const char *name, const char *password, pf_error *err)
{
	char hash[128];
	pf_status s = check_user(name, PF_ROLE_READER, 0, NULL, password, err);
	const char *texts[] = {name, hash};

	if (s)
		return s;
	if (!password || !pf_password_hash(password, hash))
		return password ? oom(err) : pf_error_set(err, PF_EUSAGE, "give a password");
	if ((s = pf_db_exec(db, "BEGIN IMMEDIATE", err)))
		return s;
	s = change_user(db, "UPDATE users SET password = ?2 WHERE name = ?1", texts, 2, name, err);
	if (!s)
		s = exec_texts(db,
		               "DELETE FROM sessions WHERE user IN (SELECT pk FROM users WHERE "
		               "name = ?1)",
		               texts, 1, err);
	if (!s)
		s = pf_db_exec(db, "COMMIT", err);
	if (s)
		sqlite3_exec(db->h, "ROLLBACK", NULL, NULL, NULL);
	return s;
}

pf_status pf_user_login(pf_db *db, const char *name, const char *password, pf_user **out,
                        pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s = pf_db_prepare(db, &st, "SELECT password FROM users WHERE name = ?1", err);
	char *hash = NULL, scratch[128];
	bool ok = false;
	int rc;

	*out = NULL;
	if (s)
		return s;
	pf_bind_text(st, 1, name);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		hash = dup_col(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return pf_db_fail(db, rc, err, "reading the users");
	/* An unknown user costs a hash too, so the time tells nothing. */
	if (hash)
		ok = pf_password_check(hash, password);
	else
		pf_password_hash(password, scratch);
	free(hash);
	return ok ? pf_user_get(db, name, out, err) : PF_OK;
}

pf_status pf_token_add(pf_db *db, const char *user, const char *label, char **token, int64_t *id,
                       pf_error *err)
{
	char tok[48], hash[65], now[24];
	const char *texts[] = {user, label, hash, now};
	pf_status s;

	*token = NULL;
	pf_secret_token(tok);
	pf_secret_hash(tok, hash);
	pf_utc_now(now);
	s = exec_texts(db,
	               "INSERT INTO tokens (user, label, hash, created) "
	               "SELECT pk, ?2, ?3, ?4 FROM users WHERE name = ?1",
	               texts, 4, err);
	if (!s && sqlite3_changes(db->h) == 0)
		return pf_error_set(err, PF_ENOTFOUND, "no user \"%s\"", user);
	if (s)
		return s;
	*id = sqlite3_last_insert_rowid(db->h);
	if (!(*token = strdup(tok)))
		return oom(err);
	return PF_OK;
}

void pf_token_list_free(pf_token_info *t, size_t n)
{
	for (size_t i = 0; t && i < n; i++) {
		free(t[i].user);
		free(t[i].label);
		free(t[i].created);
		free(t[i].revoked);
	}
	free(t);
}

pf_status pf_token_list(pf_db *db, pf_token_info **out, size_t *n, pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s =
	    pf_db_prepare(db, &st,
	                  "SELECT t.pk, u.name, t.label, t.created, t.revoked FROM tokens t "
	                  "JOIN users u ON u.pk = t.user ORDER BY t.pk",
	                  err);
	pf_token_info *list = NULL;
	int rc;

	*out = NULL;
	*n = 0;
	while (!s && (rc = sqlite3_step(st)) == SQLITE_ROW) {
		pf_token_info *l = realloc(list, (*n + 1) * sizeof(*l));
		if (!l) {
			s = oom(err);
			break;
		}
		list = l;
		list[*n] = (pf_token_info){sqlite3_column_int64(st, 0), dup_col(st, 1),
		                           dup_col(st, 2), dup_col(st, 3), dup_col(st, 4)};
		if (!list[(*n)++].created)
			s = oom(err);
	}
	if (!s && rc != SQLITE_DONE)
		s = pf_db_fail(db, rc, err, "reading the tokens");
	sqlite3_finalize(st);
	if (s) {
		pf_token_list_free(list, *n);
		*n = 0;
		return s;
	}
	*out = list;
	return PF_OK;
}

pf_status pf_token_revoke(pf_db *db, int64_t id, pf_error *err)
{
	char now[24], key[24];
	const char *texts[] = {key, now};
	pf_status s;

	pf_utc_now(now);
	snprintf(key, sizeof(key), "%lld", (long long)id);
	s = exec_texts(db, "UPDATE tokens SET revoked = ?2 WHERE pk = ?1 AND revoked IS NULL",
	               texts, 2, err);
	if (!s && sqlite3_changes(db->h) == 0)
		return pf_error_set(err, PF_ENOTFOUND, "no token %lld that is not revoked",
		                    (long long)id);
	return s;
}

pf_status pf_token_user(pf_db *db, const char *token, pf_user **out, pf_error *err)
{
	char hash[65];

	pf_secret_hash(token, hash);
	return find_user(db,
	                 USER_COLUMNS "WHERE pk = (SELECT user FROM tokens WHERE hash = ?1 AND "
	                              "revoked IS NULL)",
	                 hash, out, err);
}

pf_status pf_session_new(pf_db *db, const char *user, char **session, pf_error *err)
{
	char id[65], hash[65], now[24];
	const char *texts[] = {user, hash, now};
	pf_status s;

	*session = NULL;
	pf_secret_session(id);
	pf_secret_hash(id, hash);
	snprintf(now, sizeof(now), "%lld", (long long)time(NULL));
	s = exec_texts(db,
	               "INSERT INTO sessions (hash, user, created, last_seen) "
	               "SELECT ?2, pk, ?3, ?3 FROM users WHERE name = ?1",
	               texts, 3, err);
	if (!s && sqlite3_changes(db->h) == 0)
		return pf_error_set(err, PF_ENOTFOUND, "no user \"%s\"", user);
	if (!s && !(*session = strdup(id)))
		return oom(err);
	return s;
}

pf_status pf_session_user(pf_db *db, const char *session, int64_t now, pf_user **out, pf_error *err)
{
	sqlite3_stmt *st = NULL;
	char hash[65], at[24];
	const char *texts[] = {hash, at};
	int64_t last = 0;
	pf_status s;
	int rc;

	*out = NULL;
	pf_secret_hash(session, hash);
	if ((s = pf_db_prepare(db, &st, "SELECT last_seen FROM sessions WHERE hash = ?1", err)))
		return s;
	pf_bind_text(st, 1, hash);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW)
		last = sqlite3_column_int64(st, 0);
	sqlite3_finalize(st);
	if (rc != SQLITE_ROW)
		return rc == SQLITE_DONE ? PF_OK : pf_db_fail(db, rc, err, "reading the sessions");
	if (now - last > PF_SESSION_IDLE)
		return exec_texts(db, "DELETE FROM sessions WHERE hash = ?1", texts, 1, err);
	snprintf(at, sizeof(at), "%lld", (long long)now);
	if (now - last >= 60 &&
	    (s = exec_texts(db, "UPDATE sessions SET last_seen = ?2 WHERE hash = ?1", texts, 2,
	                    err)))
		return s;
	return find_user(db, USER_COLUMNS "WHERE pk = (SELECT user FROM sessions WHERE hash = ?1)",
	                 hash, out, err);
}

pf_status pf_session_end(pf_db *db, const char *session, pf_error *err)
{
	char hash[65];
	const char *texts[] = {hash};

	pf_secret_hash(session, hash);
	return exec_texts(db, "DELETE FROM sessions WHERE hash = ?1", texts, 1, err);
}

/* Seconds to wait after n failures in a row; a failure an hour old is forgotten. */
static long delay_after(int64_t n)
{
	return n < PF_LOGIN_FREE ? 0 : n - PF_LOGIN_FREE >= 10 ? 900 : 1L << (n - PF_LOGIN_FREE);
}

pf_status pf_login_wait(pf_db *db, const char *key, int64_t now, long *retry_after, pf_error *err)
{
	sqlite3_stmt *st = NULL;
	pf_status s =
	    pf_db_prepare(db, &st, "SELECT count, last FROM login_failures WHERE key = ?1", err);
	int rc;

	*retry_after = 0;
	if (s)
		return s;
	pf_bind_text(st, 1, key);
	if ((rc = sqlite3_step(st)) == SQLITE_ROW) {
		int64_t n = sqlite3_column_int64(st, 0), last = sqlite3_column_int64(st, 1);
		long d = delay_after(n);
		if (now - last < 3600 && last + d > now)
			*retry_after = (long)(last + d - now);
	}
	sqlite3_finalize(st);
	return rc == SQLITE_ROW || rc == SQLITE_DONE
	           ? PF_OK
	           : pf_db_fail(db, rc, err, "reading the logins");
}

pf_status pf_login_failed(pf_db *db, const char *key, int64_t now, pf_error *err)
{
	char at[24];
	const char *texts[] = {key, at};

	snprintf(at, sizeof(at), "%lld", (long long)now);
	return exec_texts(db,
	                  "INSERT INTO login_failures (key, count, last) VALUES (?1, 1, ?2) "
	                  "ON CONFLICT (key) DO UPDATE SET count = CASE WHEN ?2 - last > 3600 "
	                  "THEN 1 ELSE count + 1 END, last = ?2",
	                  texts, 2, err);
}

pf_status pf_login_cleared(pf_db *db, const char *key, pf_error *err)
{
	return exec_texts(db, "DELETE FROM login_failures WHERE key = ?1", &key, 1, err);
}
