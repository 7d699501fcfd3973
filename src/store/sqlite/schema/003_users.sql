-- portfolj schema, version 3: the users of `portfolj serve`, their roles and
-- scopes, API tokens, sessions, and failed logins (FORMATS.md section 6).
--
-- No secret is stored as it is: a password only as its Argon2id hash
-- (libsodium's crypto_pwhash_str, which carries its own salt and limits), a
-- token or a session id only as the hex BLAKE2b-256 of its 32 random bytes.
-- A session's CSRF token is derived from the session id, so it is not stored
-- at all. None of these tables has a history: they are not the portfolio.

CREATE TABLE users (
	pk INTEGER PRIMARY KEY,
	name TEXT NOT NULL UNIQUE,
	role TEXT NOT NULL CHECK (role = 'admin' OR role = 'coordinator' OR
		role = 'project_manager' OR role = 'secretary' OR role = 'approver' OR
		role = 'reader'),
	email TEXT,
	password TEXT, -- crypto_pwhash_str's text; NULL: no password login
	created TEXT NOT NULL
);

-- What a user's role reaches: committee codes, initiative ids or bodies.
CREATE TABLE user_scopes (
	user INTEGER NOT NULL REFERENCES users(pk) ON DELETE CASCADE,
	scope TEXT NOT NULL,
	PRIMARY KEY (user, scope)
) WITHOUT ROWID;

CREATE TABLE tokens (
	pk INTEGER PRIMARY KEY,
	user INTEGER NOT NULL REFERENCES users(pk) ON DELETE CASCADE,
	label TEXT,
	hash TEXT NOT NULL UNIQUE,
	created TEXT NOT NULL,
	revoked TEXT
);

-- last_seen in seconds since 1970 (UTC): a session ends after 8 idle hours.
CREATE TABLE sessions (
	hash TEXT PRIMARY KEY,
	user INTEGER NOT NULL REFERENCES users(pk) ON DELETE CASCADE,
	created INTEGER NOT NULL,
	last_seen INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions(user);

-- Failed logins by key (`user:NAME` or `peer:ADDRESS`): how many in a row, and
-- when the last one was (seconds since 1970), for the login delay.
CREATE TABLE login_failures (
	key TEXT PRIMARY KEY,
	count INTEGER NOT NULL,
	last INTEGER NOT NULL
) WITHOUT ROWID;
