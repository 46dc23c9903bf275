-- Accounts, sessions, tokens, audit log, job queue and the copy of sent mail.
CREATE TABLE users (
	id                TEXT PRIMARY KEY,
	email             TEXT NOT NULL UNIQUE,
	email_verified_at TIMESTAMPTZ,
	password_hash     TEXT NOT NULL DEFAULT '',
	display_name      TEXT NOT NULL,
	lang              TEXT NOT NULL DEFAULT 'ro',
	time_zone         TEXT NOT NULL DEFAULT 'Europe/Bucharest',
	role              TEXT NOT NULL DEFAULT 'participant',
	disabled_at       TIMESTAMPTZ,
	totp_secret       TEXT NOT NULL DEFAULT '',
	totp_enabled_at   TIMESTAMPTZ,
	totp_last_step    BIGINT NOT NULL DEFAULT 0,
	oidc_subject      TEXT UNIQUE,
	created_at        TIMESTAMPTZ NOT NULL,
	updated_at        TIMESTAMPTZ NOT NULL
);
CREATE INDEX users_role ON users (role);

CREATE TABLE sessions (
	id_hash      TEXT PRIMARY KEY,
	user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at   TIMESTAMPTZ NOT NULL,
	last_seen_at TIMESTAMPTZ NOT NULL,
	expires_at   TIMESTAMPTZ NOT NULL,
	user_agent   TEXT NOT NULL DEFAULT '',
	mfa_pending  BOOLEAN NOT NULL DEFAULT FALSE
);
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE user_tokens (
	hash       TEXT PRIMARY KEY,
	user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	purpose    TEXT NOT NULL,
	payload    TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL,
	expires_at TIMESTAMPTZ NOT NULL,
	used_at    TIMESTAMPTZ
);
CREATE INDEX user_tokens_user ON user_tokens (user_id, purpose);

CREATE TABLE recovery_codes (
	user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	hash    TEXT NOT NULL,
	used_at TIMESTAMPTZ,
	PRIMARY KEY (user_id, hash)
);

CREATE TABLE api_tokens (
	id           TEXT PRIMARY KEY,
	user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name         TEXT NOT NULL,
	hash         TEXT NOT NULL UNIQUE,
	created_at   TIMESTAMPTZ NOT NULL,
	last_used_at TIMESTAMPTZ,
	expires_at   TIMESTAMPTZ,
	revoked_at   TIMESTAMPTZ
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);

CREATE TABLE audit_log (
	id          BIGSERIAL PRIMARY KEY,
	at          TIMESTAMPTZ NOT NULL,
	actor_id    TEXT NOT NULL DEFAULT '',
	org_id      TEXT NOT NULL DEFAULT '',
	action      TEXT NOT NULL,
	target_kind TEXT NOT NULL DEFAULT '',
	target_id   TEXT NOT NULL DEFAULT '',
	details     TEXT NOT NULL DEFAULT '{}'
);
CREATE INDEX audit_log_org ON audit_log (org_id, id);
-- Append-only: the database itself refuses to rewrite history.
CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$;
CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log
FOR EACH ROW EXECUTE FUNCTION audit_log_append_only();

CREATE TABLE jobs (
	id           BIGSERIAL PRIMARY KEY,
	kind         TEXT NOT NULL,
	payload      TEXT NOT NULL,
	dedup_key    TEXT UNIQUE,
	run_at       TIMESTAMPTZ NOT NULL,
	attempts     INTEGER NOT NULL DEFAULT 0,
	max_attempts INTEGER NOT NULL DEFAULT 12,
	last_error   TEXT NOT NULL DEFAULT '',
	locked_until TIMESTAMPTZ,
	locked_by    TEXT NOT NULL DEFAULT '',
	created_at   TIMESTAMPTZ NOT NULL,
	done_at      TIMESTAMPTZ,
	failed_at    TIMESTAMPTZ
);
CREATE INDEX jobs_ready ON jobs (run_at) WHERE done_at IS NULL AND failed_at IS NULL;

CREATE TABLE mail_log (
	id         TEXT PRIMARY KEY,
	job_id     BIGINT,
	recipient  TEXT NOT NULL,
	subject    TEXT NOT NULL,
	body_text  TEXT NOT NULL,
	body_html  TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMPTZ NOT NULL,
	sent_at    TIMESTAMPTZ
);
CREATE INDEX mail_log_created ON mail_log (created_at);
