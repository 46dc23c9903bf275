package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// sqliteDSN builds the connection string. Pragmas go in the DSN so that
// every pooled connection gets them, not just the first. busy_timeout comes
// before journal_mode because switching to WAL needs a lock that another
// connection may hold while it opens.
func sqliteDSN(path string, writer, fast bool) string {
	q := url.Values{}
	q.Add("_pragma", "busy_timeout(10000)")
	q.Add("_pragma", "journal_mode(WAL)")
	if fast {
		q.Add("_pragma", "synchronous(OFF)")
	} else {
		q.Add("_pragma", "synchronous(FULL)")
	}
	q.Add("_pragma", "foreign_keys(ON)")
	q.Add("_time_format", "sqlite")
	if writer {
		// The single writer takes the write lock at BEGIN, so a
		// transaction never fails half-way on a lock upgrade.
		q.Set("_txlock", "immediate")
	} else {
		q.Add("_pragma", "query_only(ON)")
		// 16 MiB of page cache per reader (SQLite's default is 2 MiB):
		// the directory's covering indexes then stay in memory, which
		// cut its slowest searches two- to threefold in measurements.
		// Pages are allocated as used, so an idle server stays small.
		q.Add("_pragma", "cache_size(-16384)")
	}
	if path == ":memory:" {
		return "file:" + path + "?" + q.Encode()
	}
	return "file:" + path + "?" + q.Encode()
}

func (s *Store) openSQLite(ctx context.Context, c Config) error {
	s.dialect = SQLite
	path := c.Path
	if path == "" {
		return fmt.Errorf("store: no SQLite path given")
	}
	if path == ":memory:" {
		// memdb with a random name: shared between our two pools (unlike
		// plain :memory:), private to this Store, so parallel tests never
		// share a database.
		var b [8]byte
		_, _ = rand.Read(b[:])
		path = "/agora-" + hex.EncodeToString(b[:]) + "?vfs=memdb"
		return s.openSQLitePools(ctx, "file:"+path, c)
	}
	return s.openSQLitePools(ctx, "", c)
}

func (s *Store) openSQLitePools(ctx context.Context, memURI string, c Config) error {
	wdsn, rdsn := sqliteDSN(c.Path, true, c.FastUnsafe), sqliteDSN(c.Path, false, c.FastUnsafe)
	if memURI != "" {
		wdsn = memURI + "&" + sqliteParams(true, c.FastUnsafe)
		rdsn = memURI + "&" + sqliteParams(false, c.FastUnsafe)
	}
	w, err := sql.Open("sqlite", wdsn)
	if err != nil {
		return fmt.Errorf("store: open sqlite: %w", err)
	}
	w.SetMaxOpenConns(1)
	w.SetMaxIdleConns(1)
	w.SetConnMaxLifetime(0)
	w.SetConnMaxIdleTime(0)
	if err := w.PingContext(ctx); err != nil {
		w.Close()
		return fmt.Errorf("store: open sqlite %s: %w", c.Path, err)
	}
	r, err := sql.Open("sqlite", rdsn)
	if err != nil {
		w.Close()
		return fmt.Errorf("store: open sqlite readers: %w", err)
	}
	n := c.Readers
	if n <= 0 {
		n = 8
	}
	r.SetMaxOpenConns(n)
	r.SetMaxIdleConns(n)
	r.SetConnMaxIdleTime(0)
	r.SetConnMaxLifetime(0)
	s.writer, s.reader = w, r
	return nil
}

func sqliteParams(writer, fast bool) string {
	dsn := sqliteDSN("x", writer, fast)
	return dsn[len("file:x?"):]
}
