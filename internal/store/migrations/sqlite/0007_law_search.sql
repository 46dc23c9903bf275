-- Full-text search over legislation at article level. Each row of
-- law_search_docs is one searchable document (an article of an act's
-- current version with the text of its paragraphs, or a top-level unit
-- of an act without articles); act fields are copied in so filters, facets
-- and date sorting need no join. The text is analysed in Go
-- (internal/search: folding, stop words, Romanian/Polish stemming) and
-- the FTS table indexes those pre-analysed terms, so SQLite and PostgreSQL
-- match the same documents. No foreign key to law_acts: `agora eval
-- search` indexes passages that are not acts.
CREATE TABLE law_search_docs (
	id            INTEGER PRIMARY KEY,
	act_id        TEXT NOT NULL,
	act_key       TEXT NOT NULL DEFAULT '',
	unit_key      TEXT NOT NULL DEFAULT '',
	article_label TEXT NOT NULL DEFAULT '',
	position      INTEGER NOT NULL DEFAULT 0,
	jurisdiction  TEXT NOT NULL,
	kind          TEXT NOT NULL DEFAULT '',
	year          INTEGER NOT NULL DEFAULT 0,
	status        TEXT NOT NULL DEFAULT '',
	act_date      TEXT NOT NULL DEFAULT '',
	title         TEXT NOT NULL DEFAULT '',
	heading       TEXT NOT NULL DEFAULT '',
	body          TEXT NOT NULL DEFAULT ''
);
CREATE INDEX law_search_docs_act ON law_search_docs (act_id);
CREATE INDEX law_search_docs_date ON law_search_docs (act_date, position);

-- Contentless: the original text lives in law_search_docs; the rowid is
-- law_search_docs.id. The terms are already lower-case ASCII words, so
-- unicode61 only splits them on spaces.
CREATE VIRTUAL TABLE law_search_fts USING fts5 (
	title, body,
	content = '', contentless_delete = 1,
	tokenize = 'unicode61 remove_diacritics 0'
);
