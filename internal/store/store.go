// Package store is agora's only database access: one concrete Store over
// database/sql for SQLite (modernc.org/sqlite) and PostgreSQL (pgx). Each
// exported method is one transaction; unexported helpers take a *Tx.
package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"sync/atomic"
	"time"

	"github.com/agora-civic/agora"
)

// Config says which database to open and how.
type Config struct {
	// URL is a postgres:// URL, or empty for SQLite.
	URL string
	// Path is the SQLite database file; ":memory:" gives a private
	// in-memory database (for tests).
	Path string
	// Schema is a PostgreSQL schema to use instead of public (tests).
	Schema string
	// Now is the clock; nil means time.Now. Tx.Now is read once per
	// transaction so every row written together carries the same time.
	Now func() time.Time
	// Logger receives slow-query and retry notes; nil discards.
	Logger *slog.Logger
	// Readers is the size of the SQLite reader pool (default 8).
	Readers int
	// FastUnsafe turns off fsync for SQLite; only tests and benchmarks
	// that rebuild their data may use it.
	FastUnsafe bool
}

// Store is the database handle shared by the whole program.
type Store struct {
	writer  *sql.DB
	reader  *sql.DB
	dialect Dialect
	now     func() time.Time
	log     *slog.Logger
	counter *QueryCounter
	// generation counts committed content changes in this process; page
	// caches compare it to know whether what they hold may be stale.
	generation *atomic.Uint64
	// batch gathers concurrent comment posts into one transaction.
	batch *commentBatcher
}

// Open connects, applies pending migrations and returns the store.
func Open(ctx context.Context, c Config) (*Store, error) {
	if c.Now == nil {
		c.Now = time.Now
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Store{now: c.Now, log: c.Logger, counter: &QueryCounter{}, generation: new(atomic.Uint64), batch: &commentBatcher{}}
	var err error
	if strings.HasPrefix(c.URL, "postgres://") || strings.HasPrefix(c.URL, "postgresql://") {
		err = s.openPostgres(ctx, c)
	} else if c.URL != "" {
		return nil, fmt.Errorf("store: unsupported database URL scheme (want postgres://)")
	} else {
		err = s.openSQLite(ctx, c)
	}
	if err != nil {
		return nil, err
	}
	if err := s.Migrate(ctx); err != nil {
		s.Close()
		return nil, err
	}
	return s, nil
}

// Close releases the connections.
func (s *Store) Close() error {
	var errs []error
	if s.reader != nil && s.reader != s.writer {
		errs = append(errs, s.reader.Close())
	}
	if s.writer != nil {
		errs = append(errs, s.writer.Close())
	}
	return errors.Join(errs...)
}

// Dialect reports which database is behind the store.
func (s *Store) Dialect() Dialect { return s.dialect }

// Now returns the store's clock reading, for callers that must agree with
// times the store writes.
func (s *Store) Now() time.Time { return s.now().UTC() }

// Ping checks that the database answers; /readyz uses it.
func (s *Store) Ping(ctx context.Context) error {
	if err := s.writer.PingContext(ctx); err != nil {
		return err
	}
	return s.reader.PingContext(ctx)
}

// Generation returns a number that grows whenever this process commits a
// change that pages may show. Other processes sharing a PostgreSQL
// database are not seen; caches bound that staleness with a short TTL.
func (s *Store) Generation() uint64 { return s.generation.Load() }

// WithClock returns a view of the store that shares its connections and
// caches but reads the time from now: the demo writes a consultation's
// history as of the days it happened, and tests move a server's clock
// past a deadline. Closing the view closes the store.
func (s *Store) WithClock(now func() time.Time) *Store {
	v := *s
	v.now = now
	// A batch commits with its leader's clock, so a view batches alone.
	v.batch = &commentBatcher{}
	return &v
}

// Queries returns the statement counter, so tests can pin how many SQL
// statements a page costs.
func (s *Store) Queries() *QueryCounter { return s.counter }

// Tx is one transaction with the clock fixed at its start.
type Tx struct {
	tx      *sql.Tx
	Now     time.Time
	dialect Dialect
	counter *QueryCounter
}

// ExecContext runs a statement in the transaction.
func (t *Tx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	t.counter.add()
	return t.tx.ExecContext(ctx, q, args...)
}

// QueryContext runs a query in the transaction.
func (t *Tx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	t.counter.add()
	return t.tx.QueryContext(ctx, q, args...)
}

// QueryRowContext runs a one-row query in the transaction.
func (t *Tx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	t.counter.add()
	return t.tx.QueryRowContext(ctx, q, args...)
}

// Dialect reports the database dialect of the transaction.
func (t *Tx) Dialect() Dialect { return t.dialect }

const maxRetries = 5

// write runs fn in a read-write transaction and commits it. On SQLite the
// single writer connection with BEGIN IMMEDIATE serialises writers, so
// there is nothing to retry; on PostgreSQL serialization failures and
// deadlocks are retried with a short backoff.
func (s *Store) write(ctx context.Context, fn func(*Tx) error) error {
	err := s.writeQuiet(ctx, fn)
	if err == nil {
		s.generation.Add(1)
	}
	return err
}

// writeQuiet is write for bookkeeping that changes nothing a page shows
// (job leases, last-seen times), so it leaves Generation alone and page
// caches stay warm.
func (s *Store) writeQuiet(ctx context.Context, fn func(*Tx) error) error {
	for attempt := 0; ; attempt++ {
		err := s.runTx(ctx, s.writer, nil, fn)
		if err == nil || !retryable(err) || attempt >= maxRetries {
			return translate(err)
		}
		s.log.Debug("store: retrying transaction", "attempt", attempt+1, "err", err)
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(time.Duration(1<<attempt) * 5 * time.Millisecond):
		}
	}
}

// read runs fn in a read-only transaction on the reader pool, so several
// queries see one snapshot.
func (s *Store) read(ctx context.Context, fn func(*Tx) error) error {
	return translate(s.runTx(ctx, s.reader, s.readOpts(), fn))
}

func (s *Store) readOpts() *sql.TxOptions {
	if s.dialect == Postgres {
		return &sql.TxOptions{ReadOnly: true}
	}
	return nil
}

func (s *Store) runTx(ctx context.Context, db *sql.DB, opts *sql.TxOptions, fn func(*Tx) error) (err error) {
	sqlTx, err := db.BeginTx(ctx, opts)
	if err != nil {
		return fmt.Errorf("store: begin: %w", err)
	}
	s.counter.add()
	t := &Tx{tx: sqlTx, Now: s.now().UTC().Truncate(time.Microsecond), dialect: s.dialect, counter: s.counter}
	defer func() {
		if p := recover(); p != nil {
			_ = sqlTx.Rollback()
			panic(p)
		}
		if err != nil {
			_ = sqlTx.Rollback()
		}
	}()
	if err = fn(t); err != nil {
		return err
	}
	if err = sqlTx.Commit(); err != nil {
		return fmt.Errorf("store: commit: %w", err)
	}
	return nil
}

// notFound turns sql.ErrNoRows into the application's NotFound kind with
// the given message key; other errors pass through.
func notFound(err error, key string) error {
	if errors.Is(err, sql.ErrNoRows) {
		return agora.Errorf(agora.NotFound, key).Wrap(err)
	}
	return err
}
