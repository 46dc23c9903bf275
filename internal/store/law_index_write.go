package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/agora-civic/agora/internal/search"
)

// AddLawSearchDocs indexes documents that are not imported acts. `agora
// eval search` uses it to load a question set's passages into the same
// index, analyser and query path that SearchLaws uses. The text is
// analysed before the write transaction begins, so the single writer
// waits only for the inserts.
func (s *Store) AddLawSearchDocs(ctx context.Context, docs []LawSearchDoc) error {
	ads := analyzeLawSearchDocs(s.dialect, docs)
	return s.write(ctx, func(tx *Tx) error { return insertLawSearchDocs(ctx, tx, ads) })
}

// analyzedDoc is a document with its terms in the form its database
// indexes: space-separated terms per FTS5 column (SQLite) or a tsvector
// literal (PostgreSQL).
type analyzedDoc struct {
	LawSearchDoc
	titleTerms, bodyTerms, tsvector string
}

// analyzeLawSearchDocs analyses documents with one memo, so each
// distinct word of the batch is folded and stemmed once.
func analyzeLawSearchDocs(d Dialect, docs []LawSearchDoc) []analyzedDoc {
	a := search.NewAnalyzer()
	out := make([]analyzedDoc, len(docs))
	for i, doc := range docs {
		lang := search.LangOf(doc.Jurisdiction)
		title := a.Analyze(joinText(doc.Title, doc.Heading), lang)
		body := a.Analyze(doc.Body, lang)
		out[i].LawSearchDoc = doc
		if d == Postgres {
			out[i].tsvector = search.TSVector(title, body)
		} else {
			out[i].titleTerms, out[i].bodyTerms = search.Join(title), search.Join(body)
		}
	}
	return out
}

func deleteLawSearchDocs(ctx context.Context, tx *Tx, actIDs []string) error {
	for start := 0; start < len(actIDs); start += lawIndexChunk {
		in, args := inList(1, actIDs[start:min(len(actIDs), start+lawIndexChunk)])
		if tx.dialect == SQLite {
			if _, err := tx.ExecContext(ctx, `DELETE FROM law_search_fts WHERE rowid IN
				(SELECT id FROM law_search_docs WHERE act_id IN (`+in+`))`, args...); err != nil {
				return fmt.Errorf("store: unindex acts: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM law_search_docs WHERE act_id IN (`+in+`)`, args...); err != nil {
			return fmt.Errorf("store: unindex acts: %w", err)
		}
	}
	return nil
}

const lawSearchDocCols = `act_id, act_key, unit_key, article_label, position, jurisdiction, kind, year, status, act_date, title, heading, body`

func insertLawSearchDocs(ctx context.Context, tx *Tx, docs []analyzedDoc) error {
	if len(docs) == 0 {
		return nil
	}
	if tx.dialect == Postgres {
		return insertLawSearchDocsPG(ctx, tx, docs)
	}
	return insertLawSearchDocsSQLite(ctx, tx, docs)
}

// insertLawSearchDocsSQLite writes each row with one of two statements
// prepared once per batch. Ids are given, not returned: RETURNING (like
// a multi-row INSERT) makes a statement that opens a savepoint, and
// FTS5 writes its pending rows to disk at every savepoint, which with a
// RETURNING per document made one tiny segment per document and spent
// most of the indexing time merging them. Single-row INSERTs open none,
// so the whole batch stays in FTS5's memory until commit.
func insertLawSearchDocsSQLite(ctx context.Context, tx *Tx, docs []analyzedDoc) error {
	var last int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(MAX(id), 0) FROM law_search_docs`).Scan(&last); err != nil {
		return fmt.Errorf("store: index: %w", err)
	}
	docStmt, err := tx.prepare(ctx, `INSERT INTO law_search_docs (id, `+lawSearchDocCols+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`)
	if err != nil {
		return err
	}
	defer docStmt.Close()
	ftsStmt, err := tx.prepare(ctx, `INSERT INTO law_search_fts (rowid, title, body) VALUES ($1, $2, $3)`)
	if err != nil {
		return err
	}
	defer ftsStmt.Close()
	for i, d := range docs {
		tx.counter.add()
		if _, err := docStmt.ExecContext(ctx, last+1+int64(i), d.ActID, d.ActKey, d.UnitKey, d.ArticleLabel, d.Position,
			d.Jurisdiction, d.Kind, d.Year, d.Status, d.ActDate, d.Title, d.Heading, d.Body); err != nil {
			return fmt.Errorf("store: index %s: %w", d.ActID, err)
		}
	}
	for i, d := range docs {
		tx.counter.add()
		if _, err := ftsStmt.ExecContext(ctx, last+1+int64(i), d.titleTerms, d.bodyTerms); err != nil {
			return fmt.Errorf("store: index %s: %w", d.ActID, err)
		}
	}
	return nil
}

// lawSearchPGRows is how many documents one PostgreSQL INSERT carries.
const lawSearchPGRows = 500

// insertLawSearchDocsPG sends the documents as one array per column and
// unnests them server-side: one statement and round trip per
// lawSearchPGRows documents instead of one per document.
func insertLawSearchDocsPG(ctx context.Context, tx *Tx, docs []analyzedDoc) error {
	for start := 0; start < len(docs); start += lawSearchPGRows {
		chunk := docs[start:min(len(docs), start+lawSearchPGRows)]
		var (
			strs = make([][]string, 12)
			ints = make([][]int64, 2)
		)
		for _, d := range chunk {
			for i, v := range []string{d.ActID, d.ActKey, d.UnitKey, d.ArticleLabel, d.Jurisdiction, d.Kind, d.Status,
				d.ActDate, d.Title, d.Heading, d.Body, d.tsvector} {
				strs[i] = append(strs[i], v)
			}
			ints[0] = append(ints[0], int64(d.Position))
			ints[1] = append(ints[1], int64(d.Year))
		}
		args := []any{strs[0], strs[1], strs[2], strs[3], ints[0], strs[4], strs[5], ints[1], strs[6], strs[7], strs[8],
			strs[9], strs[10], strs[11]}
		if _, err := tx.ExecContext(ctx, `INSERT INTO law_search_docs (`+lawSearchDocCols+`, terms)
			SELECT act_id, act_key, unit_key, article_label, position, jurisdiction, kind, year, status, act_date,
				title, heading, body, terms::tsvector
			FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::int8[], $6::text[], $7::text[], $8::int8[],
				$9::text[], $10::text[], $11::text[], $12::text[], $13::text[], $14::text[])
				AS u(`+lawSearchDocCols+`, terms)`, args...); err != nil {
			return fmt.Errorf("store: index %d documents: %w", len(chunk), err)
		}
	}
	return nil
}

// prepare prepares a statement reused for every row of a batch, which
// spares SQLite parsing it again per row.
func (t *Tx) prepare(ctx context.Context, q string) (*sql.Stmt, error) {
	st, err := t.tx.PrepareContext(ctx, q)
	if err != nil {
		return nil, fmt.Errorf("store: prepare %s: %w", strings.Fields(q)[0], err)
	}
	return st, nil
}
