/* What src/users.c (roles, secrets) and src/users_sqlite.c (the SQL) share; not public. */
#ifndef PF_USERS_INTERNAL_H
#define PF_USERS_INTERNAL_H

#include <stddef.h>
#include <stdint.h>

#include "portfolj/users.h"

/* The random bytes of a token or a session id. */
#define PF_SECRET_BYTES 32

/* The hex BLAKE2b-256 of a secret's text: what is stored in its place. */
void pf_secret_hash(const char *secret, char out[65]);
/* A new token: PF_SECRET_BYTES random bytes as unpadded base64url (43 characters). */
void pf_secret_token(char out[48]);
/* A new session id: PF_SECRET_BYTES random bytes as 64 hex characters. */
void pf_secret_session(char out[65]);
/* Argon2id with the interactive limits; false when out of memory. */
bool pf_password_hash(const char *password, char out[128]);
bool pf_password_check(const char *hash, const char *password);
/* Now as YYYY-MM-DDTHH:MM:SSZ. */
void pf_utc_now(char out[24]);

#endif
