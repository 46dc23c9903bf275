// Package storetest opens a fresh, migrated store for one test: a private
// in-memory SQLite database, or, when AGORA_TEST_POSTGRES holds a
// postgres:// URL, a fresh schema in that database that is dropped when the
// test ends. CI runs the whole suite once each way.
package storetest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"testing"
	"time"

	"github.com/agora-civic/agora/internal/store"
)

// Options tune the store a test gets.
type Options struct {
	// Now pins the store clock.
	Now func() time.Time
}

// Open returns a fresh migrated store closed at the end of the test.
func Open(t testing.TB) *store.Store {
	return OpenWith(t, Options{})
}

// OpenWith is Open with options.
func OpenWith(t testing.TB, o Options) *store.Store {
	t.Helper()
	ctx := context.Background()
	c := store.Config{Now: o.Now}
	if url := os.Getenv("AGORA_TEST_POSTGRES"); url != "" {
		c.URL = url
		c.Schema = newSchema(t, url)
	} else {
		c.Path = ":memory:"
		c.FastUnsafe = true
	}
	st, err := store.Open(ctx, c)
	if err != nil {
		t.Fatalf("storetest: open: %v", err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// Postgres reports whether tests run on PostgreSQL.
func Postgres() bool { return os.Getenv("AGORA_TEST_POSTGRES") != "" }

func newSchema(t testing.TB, url string) string {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "t_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", url)
	if err != nil {
		t.Fatalf("storetest: postgres: %v", err)
	}
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		db.Close()
		t.Fatalf("storetest: create schema: %v", err)
	}
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Logf("storetest: drop schema %s: %v", schema, err)
		}
	})
	return schema
}
