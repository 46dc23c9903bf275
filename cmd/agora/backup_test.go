package main

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/agora-civic/agora/internal/store"
)

// agora backup copies the database while the server (a Store on the
// same file) keeps writing; the copy opens and holds the data.
func TestBackupWhileWriting(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	st := openData(t, dir)
	for i := range 50 {
		if _, err := st.CreateUser(ctx, store.NewUser{Email: fmt.Sprintf("before%d@example.ro", i), DisplayName: "Înainte"}); err != nil {
			t.Fatal(err)
		}
	}
	stop := make(chan struct{})
	started := make(chan struct{})
	var once sync.Once
	var wg sync.WaitGroup
	var werr error
	wg.Add(1)
	go func() {
		defer wg.Done()
		defer once.Do(func() { close(started) })
		for i := 0; ; i++ {
			select {
			case <-stop:
				return
			default:
			}
			if _, err := st.CreateUser(ctx, store.NewUser{Email: fmt.Sprintf("during%d@example.ro", i), DisplayName: "În timpul"}); err != nil {
				werr = err
				return
			}
			if i == 2 {
				once.Do(func() { close(started) })
			}
		}
	}()
	<-started
	out := filepath.Join(t.TempDir(), "backup.db")
	stdout, _, err := runUser(t, "backup", "--data", dir, "--out", out)
	close(stop)
	wg.Wait()
	if err != nil {
		t.Fatalf("backup: %v", err)
	}
	if werr != nil {
		t.Fatalf("writer: %v", werr)
	}
	if !strings.Contains(stdout, "integrity check: ok") {
		t.Errorf("output = %q", stdout)
	}
	cp, err := store.Open(ctx, store.Config{Path: out})
	if err != nil {
		t.Fatalf("open copy: %v", err)
	}
	defer cp.Close()
	for i := range 50 {
		if _, _, err := cp.UserByEmail(ctx, fmt.Sprintf("before%d@example.ro", i)); err != nil {
			t.Fatalf("copy lacks before%d: %v", i, err)
		}
	}
	// Never over an existing file.
	if _, _, err := runUser(t, "backup", "--data", dir, "--out", out); err == nil || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("second backup to the same file: %v", err)
	}
}

func TestBackupRefusals(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	out := filepath.Join(dir, "b.db")
	if _, _, err := runUser(t, "backup", "--data", dir); !isCLIUsage(err) {
		t.Errorf("no --out: %v, want a usage error", err)
	}
	if _, _, err := runUser(t, "backup", "--data", dir, "--out", out, "extra"); !isCLIUsage(err) {
		t.Errorf("extra argument: %v, want a usage error", err)
	}
	// No database yet: nothing is created, nothing copied.
	_, _, err := runUser(t, "backup", "--data", dir, "--out", out)
	if err == nil || isCLIUsage(err) {
		t.Errorf("missing database: %v", err)
	}
	if _, err := os.Stat(filepath.Join(dir, "agora.db")); err == nil {
		t.Error("backup created a database")
	}
	// PostgreSQL: the exact pg_dump command, without the password.
	_, _, err = runUser(t, "backup", "--db", "postgres://agora:s3cret@db.internal:5432/agora?sslmode=require", "--out", "/var/backups/agora it's.dump")
	if err == nil {
		t.Fatal("backup of PostgreSQL succeeded")
	}
	msg := err.Error()
	want := `PGPASSWORD=… pg_dump --format=custom --file='/var/backups/agora it'\''s.dump' 'postgres://agora@db.internal:5432/agora?sslmode=require'`
	if !strings.Contains(msg, want) || strings.Contains(msg, "s3cret") {
		t.Errorf("PostgreSQL refusal = %q, want it to contain %q and no password", msg, want)
	}
}

func TestPgDumpCommand(t *testing.T) {
	for _, tt := range []struct{ url, out, want string }{
		{"postgres://postgres@127.0.0.1:5432/test?sslmode=disable", "agora.dump",
			"pg_dump --format=custom --file=agora.dump 'postgres://postgres@127.0.0.1:5432/test?sslmode=disable'"},
		{"postgresql://u:p@h/d", "/b/x.dump", "PGPASSWORD=… pg_dump --format=custom --file=/b/x.dump postgresql://u@h/d"},
	} {
		if got := pgDumpCommand(tt.url, tt.out); got != tt.want {
			t.Errorf("pgDumpCommand(%q, %q) = %q, want %q", tt.url, tt.out, got, tt.want)
		}
	}
}
