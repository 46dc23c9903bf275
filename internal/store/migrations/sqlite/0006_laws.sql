-- Legislation database (issue 5). An act is identified by its act_key
-- (agora.ActKeyRO/ActKeyPL), the natural key imports are idempotent on.
-- Its structure is stored as rows of units (agora.Unit) per version: the
-- units of older versions stay, so history can be shown and compared.

CREATE TABLE law_acts (
	id              TEXT PRIMARY KEY,
	act_key         TEXT NOT NULL UNIQUE,
	jurisdiction    TEXT NOT NULL,
	kind            TEXT NOT NULL,
	number          TEXT NOT NULL DEFAULT '',
	year            INTEGER NOT NULL DEFAULT 0,
	title           TEXT NOT NULL,
	issuer          TEXT NOT NULL DEFAULT '',
	adopted_on      TEXT NOT NULL DEFAULT '',
	published_on    TEXT NOT NULL DEFAULT '',
	in_force_on     TEXT NOT NULL DEFAULT '',
	publication_ref TEXT NOT NULL DEFAULT '',
	status          TEXT NOT NULL,
	source_url      TEXT NOT NULL DEFAULT '',
	source_id       TEXT NOT NULL DEFAULT '',
	version         INTEGER NOT NULL,
	content_hash    TEXT NOT NULL,
	imported_at     TIMESTAMP NOT NULL,
	updated_at      TIMESTAMP NOT NULL
);
-- Listing filters by jurisdiction/kind/year and pages by (year, act_key).
CREATE INDEX law_acts_list ON law_acts (jurisdiction, kind, year, act_key);
CREATE INDEX law_acts_year ON law_acts (year, act_key);

-- One row per version; status and title are kept so an alert can say what
-- changed between versions.
CREATE TABLE law_versions (
	act_id       TEXT NOT NULL REFERENCES law_acts (id) ON DELETE CASCADE,
	version      INTEGER NOT NULL,
	content_hash TEXT NOT NULL,
	source_url   TEXT NOT NULL DEFAULT '',
	source_id    TEXT NOT NULL DEFAULT '',
	title        TEXT NOT NULL DEFAULT '',
	status       TEXT NOT NULL DEFAULT 'unknown',
	imported_at  TIMESTAMP NOT NULL,
	PRIMARY KEY (act_id, version)
);
CREATE INDEX law_versions_hash ON law_versions (act_id, content_hash);

CREATE TABLE law_units (
	act_id     TEXT NOT NULL REFERENCES law_acts (id) ON DELETE CASCADE,
	version    INTEGER NOT NULL,
	position   INTEGER NOT NULL,
	unit_key   TEXT NOT NULL,
	parent_key TEXT NOT NULL DEFAULT '',
	kind       TEXT NOT NULL,
	number     TEXT NOT NULL DEFAULT '',
	heading    TEXT NOT NULL DEFAULT '',
	text       TEXT NOT NULL DEFAULT '',
	depth      INTEGER NOT NULL DEFAULT 0,
	PRIMARY KEY (act_id, version, position)
);
CREATE INDEX law_units_key ON law_units (act_id, version, unit_key);

-- to_act_key may name an act that is not imported yet: backlinks resolve
-- by key, so they appear as soon as the cited act arrives.
CREATE TABLE law_relations (
	from_act   TEXT NOT NULL REFERENCES law_acts (id) ON DELETE CASCADE,
	from_unit  TEXT NOT NULL DEFAULT '',
	to_act_key TEXT NOT NULL,
	to_unit    TEXT NOT NULL DEFAULT '',
	kind       TEXT NOT NULL,
	raw        TEXT NOT NULL DEFAULT '',
	PRIMARY KEY (from_act, from_unit, to_act_key, to_unit, kind)
);
CREATE INDEX law_relations_to ON law_relations (to_act_key, to_unit);

CREATE TABLE law_domains (
	act_id      TEXT NOT NULL REFERENCES law_acts (id) ON DELETE CASCADE,
	domain_slug TEXT NOT NULL REFERENCES domains (slug),
	PRIMARY KEY (act_id, domain_slug)
);
CREATE INDEX law_domains_slug ON law_domains (domain_slug, act_id);
