-- Public consultations on draft acts (issue 4). A consultation belongs to
-- a public authority; its draft text is stored per version as rows of
-- units (agora.Unit), so comments attach to one paragraph.

-- Custom rule sets of an authority (legal.RuleSet as JSON); the built-in
-- rule sets live in code (internal/legal) and are not stored.
CREATE TABLE rule_sets (
	id         TEXT PRIMARY KEY,
	org_id     TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	name       TEXT NOT NULL,
	params     TEXT NOT NULL,
	created_by TEXT NOT NULL REFERENCES users (id),
	created_at TIMESTAMP NOT NULL,
	updated_at TIMESTAMP NOT NULL
);
CREATE INDEX rule_sets_org ON rule_sets (org_id);

CREATE TABLE consultations (
	id                TEXT PRIMARY KEY,
	org_id            TEXT NOT NULL REFERENCES organisations (id),
	country           TEXT NOT NULL,
	title             TEXT NOT NULL,
	title_fold        TEXT NOT NULL,
	act_kind          TEXT NOT NULL,
	summary           TEXT NOT NULL DEFAULT '',
	substantiation    TEXT NOT NULL DEFAULT '',
	rule_set_id       TEXT NOT NULL,
	contact_name      TEXT NOT NULL DEFAULT '',
	contact_email     TEXT NOT NULL DEFAULT '',
	contact_phone     TEXT NOT NULL DEFAULT '',
	state             TEXT NOT NULL DEFAULT 'draft',
	opens_at          TIMESTAMP,
	comments_close    TIMESTAMP,
	earliest_adoption TEXT NOT NULL DEFAULT '',
	exception         TEXT NOT NULL DEFAULT '',
	version           INTEGER NOT NULL DEFAULT 1,
	-- revision grows with every change shown on the public page; page
	-- caches key on it, so one consultation's comments do not empty the
	-- cache of every other page.
	revision          INTEGER NOT NULL DEFAULT 0,
	comment_count     INTEGER NOT NULL DEFAULT 0,
	participant_count INTEGER NOT NULL DEFAULT 0,
	debate_requests   INTEGER NOT NULL DEFAULT 0,
	-- search_fold is the folded title, summary and authority name, for
	-- diacritic-blind search in the public list.
	search_fold       TEXT NOT NULL DEFAULT '',
	created_by        TEXT NOT NULL REFERENCES users (id),
	created_at        TIMESTAMP NOT NULL,
	updated_at        TIMESTAMP NOT NULL,
	published_at      TIMESTAMP,
	answered_at       TIMESTAMP,
	reported_at       TIMESTAMP
);
CREATE INDEX consultations_org ON consultations (org_id, created_at);
CREATE INDEX consultations_public ON consultations (state, comments_close, id);
CREATE INDEX consultations_published ON consultations (published_at, id);

CREATE TABLE consultation_domains (
	consultation_id TEXT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
	domain_slug     TEXT NOT NULL REFERENCES domains (slug),
	PRIMARY KEY (consultation_id, domain_slug)
);
CREATE INDEX consultation_domains_domain ON consultation_domains (domain_slug, consultation_id);

CREATE TABLE consultation_regions (
	consultation_id TEXT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
	region_code     TEXT NOT NULL,
	PRIMARY KEY (consultation_id, region_code)
);
CREATE INDEX consultation_regions_region ON consultation_regions (region_code, consultation_id);

-- Versions of the draft text. note says what changed, for the public.
CREATE TABLE consultation_versions (
	consultation_id TEXT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
	version         INTEGER NOT NULL,
	note            TEXT NOT NULL DEFAULT '',
	source_format   TEXT NOT NULL DEFAULT '',
	created_by      TEXT NOT NULL REFERENCES users (id),
	created_at      TIMESTAMP NOT NULL,
	PRIMARY KEY (consultation_id, version)
);

-- Units of each version in reading order. prev_key and carry tie a unit
-- to the unit of the previous version it continues (redline.Match).
-- comment_count is kept by the store so the page reads counts with the
-- units in one statement.
CREATE TABLE consultation_units (
	consultation_id TEXT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
	version         INTEGER NOT NULL,
	position        INTEGER NOT NULL,
	unit_key        TEXT NOT NULL,
	parent_key      TEXT NOT NULL DEFAULT '',
	kind            TEXT NOT NULL,
	number          TEXT NOT NULL DEFAULT '',
	heading         TEXT NOT NULL DEFAULT '',
	body            TEXT NOT NULL DEFAULT '',
	depth           INTEGER NOT NULL DEFAULT 0,
	prev_key        TEXT NOT NULL DEFAULT '',
	carry           TEXT NOT NULL DEFAULT '',
	comment_count   INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (consultation_id, version, position)
);
CREATE UNIQUE INDEX consultation_units_key ON consultation_units (consultation_id, version, unit_key);

-- Files: attachments of a consultation, of a comment, and debate minutes.
-- Stored in the database so that a backup of one file holds everything.
CREATE TABLE consultation_files (
	id              TEXT PRIMARY KEY,
	consultation_id TEXT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
	comment_id      TEXT NOT NULL DEFAULT '',
	debate_id       TEXT NOT NULL DEFAULT '',
	purpose         TEXT NOT NULL,
	name            TEXT NOT NULL,
	content_type    TEXT NOT NULL,
	size            INTEGER NOT NULL,
	sha256          TEXT NOT NULL,
	data            BLOB NOT NULL,
	uploaded_by     TEXT NOT NULL REFERENCES users (id),
	created_at      TIMESTAMP NOT NULL
);
CREATE INDEX consultation_files_owner ON consultation_files (consultation_id, purpose, created_at);

-- Answers: one decision may answer a group of similar recommendations.
CREATE TABLE consultation_answers (
	id              TEXT PRIMARY KEY,
	consultation_id TEXT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
	status          TEXT NOT NULL,
	justification   TEXT NOT NULL DEFAULT '',
	answered_by     TEXT NOT NULL REFERENCES users (id),
	answered_at     TIMESTAMP NOT NULL
);
CREATE INDEX consultation_answers_consultation ON consultation_answers (consultation_id);

CREATE TABLE debates (
	id              TEXT PRIMARY KEY,
	consultation_id TEXT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
	starts_at       TIMESTAMP NOT NULL,
	place           TEXT NOT NULL DEFAULT '',
	online_url      TEXT NOT NULL DEFAULT '',
	notice          TEXT NOT NULL DEFAULT '',
	announced_at    TIMESTAMP NOT NULL,
	minutes         TEXT NOT NULL DEFAULT '',
	minutes_file_id TEXT NOT NULL DEFAULT '',
	participants    INTEGER NOT NULL DEFAULT 0,
	closed          BOOLEAN NOT NULL DEFAULT FALSE,
	closed_reason   TEXT NOT NULL DEFAULT '',
	created_by      TEXT NOT NULL REFERENCES users (id),
	created_at      TIMESTAMP NOT NULL,
	updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX debates_consultation ON debates (consultation_id, starts_at);
CREATE INDEX debates_starts ON debates (starts_at);

CREATE TABLE debate_requests (
	id              TEXT PRIMARY KEY,
	consultation_id TEXT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
	org_id          TEXT NOT NULL REFERENCES organisations (id),
	requested_by    TEXT NOT NULL REFERENCES users (id),
	reason          TEXT NOT NULL DEFAULT '',
	created_at      TIMESTAMP NOT NULL,
	UNIQUE (consultation_id, org_id)
);

CREATE TABLE debate_registrations (
	debate_id  TEXT NOT NULL REFERENCES debates (id) ON DELETE CASCADE,
	user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at TIMESTAMP NOT NULL,
	PRIMARY KEY (debate_id, user_id)
);

-- Comments (recommendations). version/unit_key is where it was made;
-- current_key is its unit in the current version after carrying over.
-- client_key makes a double-submitted form (or a retried API call with
-- the same Idempotency-Key) create one comment.
CREATE TABLE comments (
	id              TEXT PRIMARY KEY,
	consultation_id TEXT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
	version         INTEGER NOT NULL,
	unit_key        TEXT NOT NULL DEFAULT '',
	current_key     TEXT NOT NULL DEFAULT '',
	carry           TEXT NOT NULL DEFAULT '',
	quote           TEXT NOT NULL DEFAULT '',
	author_id       TEXT REFERENCES users (id) ON DELETE SET NULL,
	-- author_name is the sender of a recommendation an officer registered
	-- (registered_by) from a letter, an email or a debate.
	author_name     TEXT NOT NULL DEFAULT '',
	registered_by   TEXT REFERENCES users (id) ON DELETE SET NULL,
	org_id          TEXT REFERENCES organisations (id) ON DELETE SET NULL,
	body            TEXT NOT NULL,
	amendment       TEXT NOT NULL DEFAULT '',
	source          TEXT NOT NULL DEFAULT 'online',
	source_note     TEXT NOT NULL DEFAULT '',
	debate_id       TEXT NOT NULL DEFAULT '',
	supports        INTEGER NOT NULL DEFAULT 0,
	hidden          BOOLEAN NOT NULL DEFAULT FALSE,
	hidden_note     TEXT NOT NULL DEFAULT '',
	answer_id       TEXT REFERENCES consultation_answers (id) ON DELETE SET NULL,
	client_key      TEXT,
	submitted_at    TIMESTAMP NOT NULL,
	edited_at       TIMESTAMP,
	UNIQUE (author_id, client_key)
);
CREATE INDEX comments_unit ON comments (consultation_id, current_key, submitted_at);
CREATE INDEX comments_consultation ON comments (consultation_id, submitted_at, id);
CREATE INDEX comments_author ON comments (author_id, submitted_at);
CREATE INDEX comments_answer ON comments (answer_id);

-- Edit history: the text of every earlier revision of a comment.
CREATE TABLE comment_revisions (
	comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
	revision   INTEGER NOT NULL,
	body       TEXT NOT NULL,
	amendment  TEXT NOT NULL DEFAULT '',
	saved_at   TIMESTAMP NOT NULL,
	PRIMARY KEY (comment_id, revision)
);

CREATE TABLE comment_supports (
	comment_id TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
	user_id    TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	created_at TIMESTAMP NOT NULL,
	PRIMARY KEY (comment_id, user_id)
);

CREATE TABLE comment_reports (
	id          TEXT PRIMARY KEY,
	comment_id  TEXT NOT NULL REFERENCES comments (id) ON DELETE CASCADE,
	reporter_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	reason      TEXT NOT NULL,
	created_at  TIMESTAMP NOT NULL,
	resolved_at TIMESTAMP,
	UNIQUE (comment_id, reporter_id)
);
CREATE INDEX comment_reports_open ON comment_reports (resolved_at, created_at);

-- The public moderation log: what was hidden or shown again, by whom and why.
CREATE TABLE moderation_log (
	id              TEXT PRIMARY KEY,
	consultation_id TEXT NOT NULL REFERENCES consultations (id) ON DELETE CASCADE,
	comment_id      TEXT NOT NULL,
	moderator_id    TEXT NOT NULL REFERENCES users (id),
	action          TEXT NOT NULL,
	reason          TEXT NOT NULL,
	created_at      TIMESTAMP NOT NULL
);
CREATE INDEX moderation_log_consultation ON moderation_log (consultation_id, created_at);
CREATE INDEX moderation_log_time ON moderation_log (created_at);

-- Following and notifications.
CREATE TABLE follows (
	user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	target_kind TEXT NOT NULL,
	target_id   TEXT NOT NULL,
	created_at  TIMESTAMP NOT NULL,
	PRIMARY KEY (user_id, target_kind, target_id)
);
CREATE INDEX follows_target ON follows (target_kind, target_id, user_id);

CREATE TABLE notification_prefs (
	user_id    TEXT PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
	mode       TEXT NOT NULL DEFAULT 'immediate',
	updated_at TIMESTAMP NOT NULL
);

-- In-app notifications. emailed_at is set when the email went out (at
-- once or in a digest), so a digest never repeats one.
CREATE TABLE notifications (
	id              TEXT PRIMARY KEY,
	user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	kind            TEXT NOT NULL,
	consultation_id TEXT NOT NULL DEFAULT '',
	subject_id      TEXT NOT NULL DEFAULT '',
	created_at      TIMESTAMP NOT NULL,
	read_at         TIMESTAMP,
	emailed_at      TIMESTAMP,
	UNIQUE (user_id, kind, consultation_id, subject_id)
);
CREATE INDEX notifications_user ON notifications (user_id, created_at);
CREATE INDEX notifications_unsent ON notifications (emailed_at, user_id);

-- API idempotency: the first response to a key is kept and replayed.
CREATE TABLE idempotency_keys (
	user_id      TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	key          TEXT NOT NULL,
	request_hash TEXT NOT NULL,
	status       INTEGER NOT NULL,
	body         TEXT NOT NULL,
	location     TEXT NOT NULL DEFAULT '',
	created_at   TIMESTAMP NOT NULL,
	PRIMARY KEY (user_id, key)
);
CREATE INDEX idempotency_keys_age ON idempotency_keys (created_at);

-- The yearly decisional-transparency report (RO Law 52/2003 art. 13):
-- what cannot be computed from the data is entered by an officer.
CREATE TABLE transparency_reports (
	org_id            TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	year              INTEGER NOT NULL,
	court_cases       INTEGER NOT NULL DEFAULT 0,
	closed_meetings   INTEGER NOT NULL DEFAULT 0,
	closed_reasons    TEXT NOT NULL DEFAULT '',
	assessment        TEXT NOT NULL DEFAULT '',
	extra_received    INTEGER NOT NULL DEFAULT 0,
	extra_included    INTEGER NOT NULL DEFAULT 0,
	extra_participants INTEGER NOT NULL DEFAULT 0,
	published_at      TIMESTAMP,
	updated_by        TEXT NOT NULL REFERENCES users (id),
	updated_at        TIMESTAMP NOT NULL,
	PRIMARY KEY (org_id, year)
);
