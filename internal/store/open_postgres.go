package store

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

func (s *Store) openPostgres(ctx context.Context, c Config) error {
	s.dialect = Postgres
	u, err := url.Parse(c.URL)
	if err != nil {
		return fmt.Errorf("store: postgres URL: %w", err)
	}
	if c.Schema != "" {
		q := u.Query()
		q.Set("search_path", c.Schema)
		u.RawQuery = q.Encode()
	}
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		return fmt.Errorf("store: open postgres: %w", err)
	}
	db.SetMaxOpenConns(32)
	db.SetMaxIdleConns(16)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return fmt.Errorf("store: connect postgres: %w", err)
	}
	s.writer, s.reader = db, db
	return nil
}
