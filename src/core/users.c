/*
 * Users' roles and the secrets of the server (see include/portfolj/users.h):
 * libsodium's Argon2id for passwords, its random bytes for tokens and
 * session ids, BLAKE2b for what is stored of them. The SQL is in
 * src/users_sqlite.c.
 */
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "portfolj/value.h"
#include "core/users_internal.h"

static const struct {
	const char *en, *sv;
} roles[PF_ROLE_COUNT] = {
    [PF_ROLE_ADMIN] = {"admin", "admin"},
    [PF_ROLE_COORDINATOR] = {"coordinator", "samordnare"},
    [PF_ROLE_PROJECT_MANAGER] = {"project_manager", "projektledare"},
    [PF_ROLE_SECRETARY] = {"secretary", "sekreterare"},
    [PF_ROLE_APPROVER] = {"approver", "godkännare"},
    [PF_ROLE_READER] = {"reader", "läsare"},
};

int pf_role_parse(const char *s)
{
	char f[64], a[64];

	if (!s || pf_fold(s, f, sizeof(f)) >= sizeof(f))
		return -1;
	for (int r = 0; r < PF_ROLE_COUNT; r++) {
		if (!strcmp(f, roles[r].en))
			return r;
		pf_fold(roles[r].sv, a, sizeof(a));
		if (!strcmp(f, a))
			return r;
	}
	/* "project manager" folds to project_manager already; "portföljsamordnare" is admin. */
	return !strcmp(f, "portfoljsamordnare") ? PF_ROLE_ADMIN : -1;
}

const char *pf_role_name(pf_role r)
{
	return (unsigned)r < PF_ROLE_COUNT ? roles[r].en : "?";
}

const char *pf_role_name_sv(pf_role r)
{
	return (unsigned)r < PF_ROLE_COUNT ? roles[r].sv : "?";
}

bool pf_role_scoped(pf_role r)
{
	return r == PF_ROLE_COORDINATOR || r == PF_ROLE_PROJECT_MANAGER || r == PF_ROLE_SECRETARY ||
	       r == PF_ROLE_APPROVER;
}

pf_status pf_users_global_init(pf_error *err)
{
	if (sodium_init() < 0)
		return pf_error_set(err, PF_EENV, "cannot set up the cryptography (libsodium)");
	return PF_OK;
}

bool pf_user_in_scope(const pf_user *u, const char *s)
{
	for (size_t i = 0; u && s && i < u->nscopes; i++)
		if (!strcmp(u->scopes[i], s))
			return true;
	return false;
}

void pf_secret_hash(const char *secret, char out[65])
{
	unsigned char h[32];

	crypto_generichash(h, sizeof(h), (const unsigned char *)secret, strlen(secret), NULL, 0);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

void pf_secret_token(char out[48])
{
	unsigned char b[PF_SECRET_BYTES];

	randombytes_buf(b, sizeof(b));
	sodium_bin2base64(out, 48, b, sizeof(b), sodium_base64_VARIANT_URLSAFE_NO_PADDING);
	sodium_memzero(b, sizeof(b));
}

void pf_secret_session(char out[65])
{
	unsigned char b[PF_SECRET_BYTES];

	randombytes_buf(b, sizeof(b));
	sodium_bin2hex(out, 65, b, sizeof(b));
	sodium_memzero(b, sizeof(b));
}

/* The CSRF token is keyed by the session id: whoever holds the cookie can compute it. */
void pf_session_csrf(const char *session, char out[65])
{
	static const char what[] = "portfolj csrf";
	unsigned char h[32];
	size_t n = strlen(session);

	crypto_generichash(h, sizeof(h), (const unsigned char *)what, sizeof(what) - 1,
	                   (const unsigned char *)session,
	                   n < crypto_generichash_KEYBYTES_MIN   ? 0
	                   : n > crypto_generichash_KEYBYTES_MAX ? crypto_generichash_KEYBYTES_MAX
	                                                         : n);
	sodium_bin2hex(out, 65, h, sizeof(h));
}

bool pf_secret_equal(const char *a, const char *b)
{
	size_t n = a ? strlen(a) : 0;

	return a && b && n == strlen(b) && sodium_memcmp(a, b, n) == 0;
}

bool pf_password_hash(const char *password, char out[128])
{
	return crypto_pwhash_str(out, password, strlen(password),
	                         crypto_pwhash_OPSLIMIT_INTERACTIVE,
	                         crypto_pwhash_MEMLIMIT_INTERACTIVE) == 0;
}

bool pf_password_check(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

void pf_utc_now(char out[24])
{
	time_t now = time(NULL);
	struct tm tm;

	gmtime_r(&now, &tm);
	strftime(out, 24, "%Y-%m-%dT%H:%M:%SZ", &tm);
}
