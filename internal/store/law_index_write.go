package store

import (
	"context"
	"fmt"

	"github.com/agora-civic/agora/internal/search"
)

// AddLawSearchDocs indexes documents that are not imported acts. `agora
// eval search` uses it to load a question set's passages into the same
// index, analyser and query path that SearchLaws uses.
func (s *Store) AddLawSearchDocs(ctx context.Context, docs []LawSearchDoc) error {
	return s.write(ctx, func(tx *Tx) error { return insertLawSearchDocs(ctx, tx, docs) })
}

func deleteLawSearchDocs(ctx context.Context, tx *Tx, actID string) error {
	if tx.dialect == SQLite {
		if _, err := tx.ExecContext(ctx, `DELETE FROM law_search_fts WHERE rowid IN
			(SELECT id FROM law_search_docs WHERE act_id = $1)`, actID); err != nil {
			return fmt.Errorf("store: unindex act %s: %w", actID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM law_search_docs WHERE act_id = $1`, actID); err != nil {
		return fmt.Errorf("store: unindex act %s: %w", actID, err)
	}
	return nil
}

func insertLawSearchDocs(ctx context.Context, tx *Tx, docs []LawSearchDoc) error {
	for _, d := range docs {
		lang := search.LangOf(d.Jurisdiction)
		title := search.Analyze(joinText(d.Title, d.Heading), lang)
		body := search.Analyze(d.Body, lang)
		const cols = `act_id, act_key, unit_key, article_label, position, jurisdiction, kind, year, status, act_date, title, heading, body`
		args := []any{d.ActID, d.ActKey, d.UnitKey, d.ArticleLabel, d.Position, d.Jurisdiction, d.Kind, d.Year, d.Status, d.ActDate, d.Title, d.Heading, d.Body}
		if tx.dialect == Postgres {
			args = append(args, search.TSVector(title, body))
			if _, err := tx.ExecContext(ctx, `INSERT INTO law_search_docs (`+cols+`, terms)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14::tsvector)`, args...); err != nil {
				return fmt.Errorf("store: index %s: %w", d.ActID, err)
			}
			continue
		}
		var id int64
		if err := tx.QueryRowContext(ctx, `INSERT INTO law_search_docs (`+cols+`)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) RETURNING id`, args...).Scan(&id); err != nil {
			return fmt.Errorf("store: index %s: %w", d.ActID, err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO law_search_fts (rowid, title, body) VALUES ($1, $2, $3)`,
			id, search.Join(title), search.Join(body)); err != nil {
			return fmt.Errorf("store: index %s: %w", d.ActID, err)
		}
	}
	return nil
}
