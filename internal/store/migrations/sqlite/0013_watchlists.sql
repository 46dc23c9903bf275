-- Watchlists and organisation monitoring boards (issue 5, "Monitoring
-- legislative work").

-- A person's named watchlists. mode '' follows the person's general
-- notification preference (notification_prefs); otherwise immediate,
-- digest or off for this list alone. The Atom feed is read with a random
-- token kept only as its hash, so a leaked database does not give the feeds
-- away, and a reset cuts off every reader at once.
CREATE TABLE watchlists (
	id              TEXT PRIMARY KEY,
	user_id         TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	name            TEXT NOT NULL,
	mode            TEXT NOT NULL DEFAULT '',
	feed_token_hash TEXT NOT NULL DEFAULT '',
	created_at      TIMESTAMP NOT NULL,
	updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX watchlists_user ON watchlists (user_id, created_at);

-- What a list watches. kind: act (act_id, act_key), article (act_id,
-- act_key, unit_key), domain (target = slug), authority (target = org
-- id), search (target = the saved law search as a query string). act_key
-- is kept beside act_id because citations name acts by key.
CREATE TABLE watch_items (
	id         TEXT PRIMARY KEY,
	list_id    TEXT NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
	kind       TEXT NOT NULL,
	act_id     TEXT NOT NULL DEFAULT '',
	act_key    TEXT NOT NULL DEFAULT '',
	unit_key   TEXT NOT NULL DEFAULT '',
	target     TEXT NOT NULL DEFAULT '',
	label      TEXT NOT NULL DEFAULT '',
	created_at TIMESTAMP NOT NULL,
	UNIQUE (list_id, kind, act_id, unit_key, target)
);
CREATE INDEX watch_items_act ON watch_items (act_key, kind);
CREATE INDEX watch_items_target ON watch_items (kind, target);

-- Alerts, unique per list, item, subject, kind and subject version, so a
-- retried job never makes (or mails) one twice. emailed_at is set when the
-- alert went out by email or needs none (mode off); digests take the rest.
CREATE TABLE watch_alerts (
	id              TEXT PRIMARY KEY,
	list_id         TEXT NOT NULL REFERENCES watchlists (id) ON DELETE CASCADE,
	item_id         TEXT NOT NULL,
	item_label      TEXT NOT NULL DEFAULT '',
	kind            TEXT NOT NULL,
	subject_kind    TEXT NOT NULL,
	subject_id      TEXT NOT NULL,
	subject_key     TEXT NOT NULL DEFAULT '',
	subject_version INTEGER NOT NULL DEFAULT 0,
	title           TEXT NOT NULL,
	detail          TEXT NOT NULL DEFAULT '',
	created_at      TIMESTAMP NOT NULL,
	emailed_at      TIMESTAMP,
	UNIQUE (list_id, item_id, subject_id, kind, subject_version)
);
CREATE INDEX watch_alerts_list ON watch_alerts (list_id, created_at);
CREATE INDEX watch_alerts_unsent ON watch_alerts (emailed_at, list_id);

-- High-water marks of periodic scans (name → last instant covered).
CREATE TABLE watch_marks (
	name TEXT PRIMARY KEY,
	mark TIMESTAMP NOT NULL
);

-- An organisation's monitoring board. kind: act (act_id), draft
-- (consultation_id) or other (title and link only).
CREATE TABLE monitor_items (
	id              TEXT PRIMARY KEY,
	org_id          TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	kind            TEXT NOT NULL,
	act_id          TEXT NOT NULL DEFAULT '',
	consultation_id TEXT NOT NULL DEFAULT '',
	title           TEXT NOT NULL,
	link            TEXT NOT NULL DEFAULT '',
	stage           TEXT NOT NULL,
	owner_id        TEXT REFERENCES users (id) ON DELETE SET NULL,
	notes           TEXT NOT NULL DEFAULT '',
	position        TEXT NOT NULL DEFAULT '',
	position_text   TEXT NOT NULL DEFAULT '',
	created_by      TEXT REFERENCES users (id) ON DELETE SET NULL,
	created_at      TIMESTAMP NOT NULL,
	updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX monitor_items_org ON monitor_items (org_id, updated_at);
CREATE INDEX monitor_items_act ON monitor_items (act_id);
CREATE INDEX monitor_items_consultation ON monitor_items (consultation_id);

-- The timeline of a tracked item. alert_key is set for events appended by
-- the alert jobs (NULL otherwise) and makes them unique per item. seq
-- orders the events of one item, several of which may share an instant.
CREATE TABLE monitor_events (
	id         TEXT PRIMARY KEY,
	item_id    TEXT NOT NULL REFERENCES monitor_items (id) ON DELETE CASCADE,
	seq        INTEGER NOT NULL,
	kind       TEXT NOT NULL,
	actor_id   TEXT REFERENCES users (id) ON DELETE SET NULL,
	stage      TEXT NOT NULL DEFAULT '',
	body       TEXT NOT NULL DEFAULT '',
	link       TEXT NOT NULL DEFAULT '',
	alert_key  TEXT,
	created_at TIMESTAMP NOT NULL,
	UNIQUE (item_id, alert_key)
);
CREATE UNIQUE INDEX monitor_events_item ON monitor_events (item_id, seq);
