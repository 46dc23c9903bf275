-- Full-text search over legislation at article level: see the SQLite twin.
-- terms is built in Go as a tsvector literal from the pre-analysed terms
-- (title words weighted A, body words D) with the positions of the
-- analysed tokens, so phrase queries (<->) agree with SQLite FTS5.
CREATE TABLE law_search_docs (
	id            BIGSERIAL PRIMARY KEY,
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
	body          TEXT NOT NULL DEFAULT '',
	terms         TSVECTOR NOT NULL
);
CREATE INDEX law_search_docs_act ON law_search_docs (act_id);
CREATE INDEX law_search_docs_date ON law_search_docs (act_date, position);
CREATE INDEX law_search_docs_terms ON law_search_docs USING GIN (terms);
