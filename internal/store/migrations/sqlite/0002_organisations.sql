-- Administrative units (SIRUTA, TERYT), domains of activity, organisations
-- and memberships.
CREATE TABLE admin_units (
	country     TEXT NOT NULL,
	code        TEXT NOT NULL,
	parent_code TEXT NOT NULL DEFAULT '',
	level       INTEGER NOT NULL,
	kind        TEXT NOT NULL,
	name        TEXT NOT NULL,
	name_fold   TEXT NOT NULL,
	nuts        TEXT NOT NULL DEFAULT '',
	region      TEXT NOT NULL DEFAULT '',
	postal      TEXT NOT NULL DEFAULT '',
	part_of     TEXT NOT NULL DEFAULT '',
	-- Level is part of the key: 93 Polish TERC gmina codes are also SIMC
	-- locality codes (both have 7 digits).
	PRIMARY KEY (country, level, code)
);
CREATE INDEX admin_units_parent ON admin_units (country, parent_code);
CREATE INDEX admin_units_level ON admin_units (country, level, name_fold);
CREATE INDEX admin_units_code ON admin_units (country, code);

CREATE TABLE domains (
	slug     TEXT PRIMARY KEY,
	name_ro  TEXT NOT NULL,
	name_pl  TEXT NOT NULL,
	name_en  TEXT NOT NULL,
	position INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE organisations (
	id              TEXT PRIMARY KEY,
	name            TEXT NOT NULL,
	name_fold       TEXT NOT NULL,
	short_name      TEXT NOT NULL DEFAULT '',
	kind            TEXT NOT NULL,
	authority_level TEXT NOT NULL DEFAULT '',
	country         TEXT NOT NULL,
	tax_id          TEXT NOT NULL DEFAULT '',
	registry_no     TEXT NOT NULL DEFAULT '',
	regon           TEXT NOT NULL DEFAULT '',
	street          TEXT NOT NULL DEFAULT '',
	unit_code       TEXT NOT NULL DEFAULT '',
	region_code     TEXT NOT NULL DEFAULT '',
	postal_code     TEXT NOT NULL DEFAULT '',
	website         TEXT NOT NULL DEFAULT '',
	email           TEXT NOT NULL DEFAULT '',
	phone           TEXT NOT NULL DEFAULT '',
	description     TEXT NOT NULL DEFAULT '',
	founded_year    INTEGER NOT NULL DEFAULT 0,
	verified_at     TIMESTAMP,
	verified_by     TEXT NOT NULL DEFAULT '',
	created_by      TEXT NOT NULL DEFAULT '',
	created_at      TIMESTAMP NOT NULL,
	updated_at      TIMESTAMP NOT NULL
);
CREATE INDEX organisations_kind ON organisations (kind, name_fold);
CREATE INDEX organisations_region ON organisations (country, region_code);
CREATE INDEX organisations_name ON organisations (name_fold, id);
-- One organisation per national identifier and country, where given.
CREATE UNIQUE INDEX organisations_tax_id ON organisations (country, tax_id) WHERE tax_id <> '';

CREATE TABLE org_domains (
	org_id      TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	domain_slug TEXT NOT NULL REFERENCES domains (slug),
	PRIMARY KEY (org_id, domain_slug)
);
CREATE INDEX org_domains_domain ON org_domains (domain_slug, org_id);

CREATE TABLE memberships (
	org_id      TEXT NOT NULL REFERENCES organisations (id) ON DELETE CASCADE,
	user_id     TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
	role        TEXT NOT NULL,
	title       TEXT NOT NULL DEFAULT '',
	verified_at TIMESTAMP,
	verified_by TEXT NOT NULL DEFAULT '',
	created_at  TIMESTAMP NOT NULL,
	PRIMARY KEY (org_id, user_id)
);
CREATE INDEX memberships_user ON memberships (user_id);
