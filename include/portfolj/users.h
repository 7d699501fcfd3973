/*
 * The users of `portfolj serve`: roles and scopes, passwords (Argon2id),
 * API tokens, sessions and the login delay (FORMATS.md section 6). Secrets
 * are stored only hashed; a token or session id is shown once, when made.
 */
#ifndef PORTFOLJ_USERS_H
#define PORTFOLJ_USERS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "portfolj/api.h"
#include "portfolj/db.h"
#include "portfolj/error.h"

#ifdef __cplusplus
extern "C" {
#endif

typedef enum pf_role {
	PF_ROLE_ADMIN,
	PF_ROLE_COORDINATOR,     /* samordnare: committee codes */
	PF_ROLE_PROJECT_MANAGER, /* projektledare: initiative ids */
	PF_ROLE_SECRETARY,       /* sekreterare: bodies */
	PF_ROLE_APPROVER,        /* godkännare: committee codes */
	PF_ROLE_READER,          /* läsare */
	PF_ROLE_COUNT
} pf_role;

/* Reads a role in Swedish or English (`samordnare`, `coordinator`, case and accents folded); -1
 * when unknown. */
PF_API int pf_role_parse(const char *s);
/* The role's English name (as stored): "admin", "coordinator", ... */
PF_API const char *pf_role_name(pf_role r);
/* Its Swedish name: "admin", "samordnare", ... */
PF_API const char *pf_role_name_sv(pf_role r);
/* Whether a role takes scopes (and needs at least one). */
PF_API bool pf_role_scoped(pf_role r);

/* Sets up the cryptography (libsodium) once per process; PF_EENV when it cannot. */
PF_API pf_status pf_users_global_init(pf_error *err);

typedef struct pf_user {
	int64_t id;
	char *name;
	pf_role role;
	char *email;   /* or NULL */
	char *created; /* YYYY-MM-DDTHH:MM:SSZ */
	char **scopes; /* canonical: committee codes, initiative ids, bodies */
	size_t nscopes;
	bool has_password;
} pf_user;

/* Frees a user and everything it holds; NULL is nothing. */
PF_API void pf_user_free(pf_user *u);
/* Whether the user's scopes hold s (exactly, as stored). */
PF_API bool pf_user_in_scope(const pf_user *u, const char *s);

/*
 * Adds a user. Scopes are checked against the role (committee codes of the
 * portfolio, initiative ids that exist, bodies) and stored in their
 * canonical form; password may be NULL (no password login: a token or the
 * proxy). An existing name or a bad scope is PF_EINPUT, a role that takes
 * no scope given one PF_EUSAGE.
 */
PF_API pf_status pf_user_add(pf_db *db, const char *name, pf_role role, const char *const *scopes,
                      size_t nscopes, const char *email, const char *password, pf_error *err);
/* Removes a user with its tokens and sessions; PF_ENOTFOUND when there is none. */
PF_API pf_status pf_user_remove(pf_db *db, const char *name, pf_error *err);
/* Sets a new password and ends the user's sessions; PF_ENOTFOUND when there is no such user. */
PF_API pf_status pf_user_passwd(pf_db *db, const char *name, const char *password, pf_error *err);
/* One user; PF_ENOTFOUND when there is none. The caller frees *out with pf_user_free(). */
PF_API pf_status pf_user_get(pf_db *db, const char *name, pf_user **out, pf_error *err);
/* Every user by name. The caller frees each with pf_user_free() and the array with free(). */
PF_API pf_status pf_user_list(pf_db *db, pf_user ***out, size_t *n, pf_error *err);
/*
 * Checks a password (slow on purpose: Argon2id). *out gets the user when it
 * is right, NULL when the user is unknown, has no password or it is wrong
 * (the same time either way). The caller frees *out with pf_user_free().
 */
PF_API pf_status pf_user_login(pf_db *db, const char *name, const char *password, pf_user **out,
                        pf_error *err);

typedef struct pf_token_info {
	int64_t id;
	char *user, *label, *created, *revoked; /* label, revoked: NULL when none */
} pf_token_info;

/*
 * Makes an API token for a user: 32 random bytes as 43 base64url characters,
 * returned once in *token (the caller frees it with free()); only its hash is
 * stored. *id gets the token's id (for `token revoke`).
 */
PF_API pf_status pf_token_add(pf_db *db, const char *user, const char *label, char **token, int64_t *id,
                       pf_error *err);
/* Every token, revoked ones too. The caller frees them with pf_token_list_free(). */
PF_API pf_status pf_token_list(pf_db *db, pf_token_info **out, size_t *n, pf_error *err);
PF_API void pf_token_list_free(pf_token_info *t, size_t n);
/* Revokes a token; PF_ENOTFOUND when there is no such token (or it was revoked). */
PF_API pf_status pf_token_revoke(pf_db *db, int64_t id, pf_error *err);
/* The user of a token that is not revoked, or *out NULL. The caller frees it with pf_user_free().
 */
PF_API pf_status pf_token_user(pf_db *db, const char *token, pf_user **out, pf_error *err);

/* How long a session lives without use, in seconds: 8 hours. */
#define PF_SESSION_IDLE 28800

/*
 * Starts a session for a user: its id (64 hex characters, for a cookie) in
 * *session, which the caller frees with free(); only its hash is stored.
 */
PF_API pf_status pf_session_new(pf_db *db, const char *user, char **session, pf_error *err);
/*
 * The user of a session used within PF_SESSION_IDLE seconds of now, or *out
 * NULL (an expired one is removed). Marks the session used (at most once a
 * minute, to spare the writes). The caller frees *out with pf_user_free().
 */
PF_API pf_status pf_session_user(pf_db *db, const char *session, int64_t now, pf_user **out,
                          pf_error *err);
/* Ends a session (nothing when there is none). */
PF_API pf_status pf_session_end(pf_db *db, const char *session, pf_error *err);
/* The CSRF token of a session: derived from its id, so never stored (64 hex characters). */
PF_API void pf_session_csrf(const char *session, char out[65]);
/* Compares two texts in time that does not depend on where they differ. */
PF_API bool pf_secret_equal(const char *a, const char *b);

/*
 * The login delay, per key (`user:NAME`, `peer:ADDRESS`): after
 * PF_LOGIN_FREE failures in a row, each further attempt waits 2^(n-FREE)
 * seconds after the last failure (at most 15 minutes). *retry_after gets the
 * seconds still to wait, 0 when an attempt may be made now.
 */
#define PF_LOGIN_FREE 5
PF_API pf_status pf_login_wait(pf_db *db, const char *key, int64_t now, long *retry_after, pf_error *err);
/* Counts a failed login for key; a good one clears the count. */
PF_API pf_status pf_login_failed(pf_db *db, const char *key, int64_t now, pf_error *err);
PF_API pf_status pf_login_cleared(pf_db *db, const char *key, pf_error *err);

#ifdef __cplusplus
}
#endif
#endif
