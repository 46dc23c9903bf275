package store_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"path/filepath"
	"sync"
	"testing"

	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// The backup is taken while another goroutine keeps writing: the copy
// must open, pass the integrity check, and hold every user created
// before the backup started.
func TestBackupToWhileWriting(t *testing.T) {
	t.Parallel()
	if storetest.Postgres() {
		t.Skip("online backup is SQLite only; TestBackupRefusedOnPostgres covers PostgreSQL")
	}
	ctx := context.Background()
	dir := t.TempDir()
	st, err := store.Open(ctx, store.Config{Path: filepath.Join(dir, "agora.db")})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	for i := range 20 {
		if _, err := st.CreateUser(ctx, store.NewUser{Email: fmt.Sprintf("before%d@agora.test", i), DisplayName: "Înainte"}); err != nil {
			t.Fatal(err)
		}
	}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	var writes int
	var werr error
	started := make(chan struct{})
	var once sync.Once
	signal := func() { once.Do(func() { close(started) }) }
	wg.Add(1)
	go func() {
		defer wg.Done()
		for i := 0; ; i++ {
			if i == 1 {
				signal()
			}
			select {
			case <-stop:
				return
			default:
			}
			if _, err := st.CreateUser(ctx, store.NewUser{Email: fmt.Sprintf("during%d@agora.test", i), DisplayName: "În timpul"}); err != nil {
				werr = err
				signal()
				return
			}
			writes++
		}
	}()
	<-started // the first write is done and the writer keeps going
	out := filepath.Join(dir, "copy.db")
	berr := st.BackupTo(ctx, out)
	close(stop)
	wg.Wait()
	if berr != nil {
		t.Fatalf("BackupTo: %v", berr)
	}
	if werr != nil {
		t.Fatalf("concurrent write failed: %v", werr)
	}
	t.Logf("%d writes went on during and around the backup", writes)

	// The copy is a database agora can open and migrate (a no-op).
	cp, err := store.Open(ctx, store.Config{Path: out})
	if err != nil {
		t.Fatalf("open copy: %v", err)
	}
	defer cp.Close()
	for i := range 20 {
		if _, _, err := cp.UserByEmail(ctx, fmt.Sprintf("before%d@agora.test", i)); err != nil {
			t.Errorf("copy lacks before%d: %v", i, err)
		}
	}
	// The copy stands alone: plain SQL sees the data without agora.
	db, err := sql.Open("sqlite", "file:"+out+"?mode=ro")
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	if err := db.QueryRow(`SELECT COUNT(*) FROM users WHERE email LIKE 'before%'`).Scan(&n); err != nil || n != 20 {
		t.Errorf("copy has %d users from before, %v; want 20", n, err)
	}

	// An existing file is never overwritten.
	if err := st.BackupTo(ctx, out); err == nil {
		t.Error("BackupTo over an existing file succeeded")
	}
	if err := st.BackupTo(ctx, filepath.Join(dir, "no", "such", "dir", "x.db")); err == nil {
		t.Error("BackupTo into a missing directory succeeded")
	}
}

func TestBackupRefusedOnPostgres(t *testing.T) {
	t.Parallel()
	if !storetest.Postgres() {
		t.Skip("needs AGORA_TEST_POSTGRES")
	}
	st := storetest.Open(t)
	err := st.BackupTo(context.Background(), filepath.Join(t.TempDir(), "x.db"))
	if !errors.Is(err, store.ErrNoOnlineBackup) {
		t.Errorf("BackupTo on PostgreSQL: err = %v, want ErrNoOnlineBackup", err)
	}
}

// BackupSQLiteFile copies a database that a Store (standing in for the
// running server) has open, and never creates or migrates one.
func TestBackupSQLiteFile(t *testing.T) {
	t.Parallel()
	if storetest.Postgres() {
		t.Skip("SQLite only")
	}
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "agora.db")
	if err := store.BackupSQLiteFile(ctx, db, filepath.Join(dir, "x.db")); err == nil {
		t.Fatal("backup of a missing database succeeded")
	}
	st, err := store.Open(ctx, store.Config{Path: db})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	if _, err := st.CreateUser(ctx, store.NewUser{Email: "ana@agora.test", DisplayName: "Ana"}); err != nil {
		t.Fatal(err)
	}
	out := filepath.Join(dir, "copy.db")
	if err := store.BackupSQLiteFile(ctx, db, out); err != nil {
		t.Fatal(err)
	}
	cp, err := store.Open(ctx, store.Config{Path: out})
	if err != nil {
		t.Fatal(err)
	}
	defer cp.Close()
	if _, _, err := cp.UserByEmail(ctx, "ana@agora.test"); err != nil {
		t.Errorf("copy lacks the user: %v", err)
	}
}
