package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"testing"
)

// openForInternalTest is storetest.Open for tests inside package store,
// which cannot import storetest (it imports store).
func openForInternalTest(t *testing.T) *Store {
	t.Helper()
	c := Config{Path: ":memory:", FastUnsafe: true}
	if url := os.Getenv("AGORA_TEST_POSTGRES"); url != "" {
		var b [6]byte
		_, _ = rand.Read(b[:])
		c = Config{URL: url, Schema: "ti_" + hex.EncodeToString(b[:])}
		db, err := sql.Open("pgx", url)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := db.Exec(`CREATE SCHEMA ` + c.Schema); err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { _, _ = db.Exec(`DROP SCHEMA ` + c.Schema + ` CASCADE`); db.Close() })
	}
	st, err := Open(context.Background(), c)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
