package store

import (
	"context"
	"fmt"
)

// LawSearchIndexSize reports the bytes the legislation index takes: on
// PostgreSQL the documents table with its indexes; on SQLite the
// whole database file (page count × page size), which is the index
// alone in the throw-away databases of `agora eval search` and the
// benchmarks.
func (s *Store) LawSearchIndexSize(ctx context.Context) (int64, error) {
	var n int64
	err := s.read(ctx, func(tx *Tx) error {
		q := `SELECT page_count * page_size FROM pragma_page_count(), pragma_page_size()`
		if tx.dialect == Postgres {
			q = `SELECT pg_total_relation_size('law_search_docs')`
		}
		return tx.QueryRowContext(ctx, q).Scan(&n)
	})
	if err != nil {
		return 0, fmt.Errorf("store: index size: %w", err)
	}
	return n, nil
}
