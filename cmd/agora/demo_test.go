package main

import (
	"bytes"
	"context"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/demo"
	"github.com/agora-civic/agora/internal/store"
)

func noEnv(string) string { return "" }

// openDataStore opens the SQLite database a command left in dir.
func openDataStore(t *testing.T, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{Path: filepath.Join(dir, "agora.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestDemoCommandTwice(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	var out1, out2, errs bytes.Buffer
	if err := run(ctx, []string{"demo", "--data", dir}, noEnv, &out1, &errs); err != nil {
		t.Fatalf("first demo: %v\n%s", err, errs.String())
	}
	for _, want := range []string{demo.Password, "admin@agora.example", "moderator@agora.example", "officer (verified)"} {
		if !strings.Contains(out1.String(), want) {
			t.Errorf("first demo output lacks %q:\n%s", want, out1.String())
		}
	}
	st := openDataStore(t, dir)
	before, err := st.SeedCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := run(ctx, []string{"demo", "--data", dir}, noEnv, &out2, &errs); err != nil {
		t.Fatalf("second demo: %v\n%s", err, errs.String())
	}
	if !strings.Contains(out2.String(), "already has") || strings.Contains(out2.String(), demo.Password) {
		t.Errorf("second demo output = %q, want a note that data exists", out2.String())
	}
	after, err := st.SeedCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after != before {
		t.Errorf("second demo changed the database: %+v, was %+v", after, before)
	}
}

// lockedBuffer is a Buffer several goroutines may use, which tells when
// some text appears.
type lockedBuffer struct {
	mu   sync.Mutex
	buf  bytes.Buffer
	want string
	seen chan struct{}
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	n, err := b.buf.Write(p)
	if b.seen != nil && strings.Contains(b.buf.String(), b.want) {
		close(b.seen)
		b.seen = nil
	}
	return n, err
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

func TestServeDemoSeeds(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	seen := make(chan struct{})
	out := &lockedBuffer{want: "agora is listening", seen: seen}
	var errs lockedBuffer
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() {
		done <- run(ctx, []string{"serve", "--demo", "--data", dir, "--addr", "127.0.0.1:0", "--log-level", "warn"}, noEnv, out, &errs)
	}()
	select {
	case <-seen:
	case err := <-done:
		cancel()
		t.Fatalf("serve ended early: %v\n%s", err, errs.String())
	case <-time.After(60 * time.Second):
		cancel()
		t.Fatalf("serve did not start:\n%s\n%s", out.String(), errs.String())
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatalf("serve: %v\n%s", err, errs.String())
	}
	if !strings.Contains(out.String(), demo.Password) || !strings.Contains(out.String(), "admin@agora.example") {
		t.Errorf("serve --demo printed no login table:\n%s", out.String())
	}

	st := openDataStore(t, dir)
	ctx = context.Background()
	c, err := st.SeedCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Users < 30 || c.Orgs < 16 || c.Profiles < 30 || c.Verified == 0 || c.Verified == c.Orgs || c.Audit == 0 {
		t.Errorf("after serve --demo: %+v", c)
	}
	roles := map[agora.PlatformRole]bool{}
	for _, email := range []string{"admin@agora.example", "moderator@agora.example", "daniel.matei@agora.example"} {
		u, _, err := st.UserByEmail(ctx, email)
		if err != nil {
			t.Fatalf("%s: %v", email, err)
		}
		roles[u.Role] = true
	}
	for _, r := range agora.PlatformRoles() {
		if !roles[r] {
			t.Errorf("no demo account with role %s", r)
		}
	}
	for _, k := range agora.OrgKinds() {
		page, err := st.ListOrgs(ctx, agora.OrgFilter{Kind: k})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total == 0 {
			t.Errorf("no demo organisation of kind %s", k)
		}
	}
}

// TestServeDemoKeepsData checks that serve --demo on a database with
// accounts adds nothing.
func TestServeDemoKeepsData(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()
	func() {
		st := openDataStore(t, dir)
		if _, err := st.CreateUser(ctx, store.NewUser{Email: "real@example.org", DisplayName: "Real Person"}); err != nil {
			t.Fatal(err)
		}
		st.Close()
	}()
	res, err := func() (demo.Result, error) {
		st := openDataStore(t, dir)
		defer st.Close()
		return seedDemo(ctx, st, auth.TestHasher(), nil)
	}()
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	printDemoLogins(&out, res)
	if res.Seeded || !strings.Contains(out.String(), "already has accounts (1)") {
		t.Errorf("seedDemo on a used database: seeded %v, printed %q", res.Seeded, out.String())
	}
}
