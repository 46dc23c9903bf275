package main

import (
	"bytes"
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

func noEnvUser(string) string { return "" }

// runUser runs the program and returns stdout, stderr and the error.
func runUser(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	var out, errs bytes.Buffer
	err := run(context.Background(), args, noEnvUser, &out, &errs)
	return out.String(), errs.String(), err
}

func isCLIUsage(err error) bool {
	var ue usageError
	return errors.As(err, &ue)
}

// openData opens the store a command wrote in dir, as the server would.
func openData(t *testing.T, dir string) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), store.Config{Path: filepath.Join(dir, "agora.db")})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func TestUserCreateSetRoleDisable(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	ctx := context.Background()

	out, _, err := runUser(t, "user", "create", "--data", dir, "--email", "Ana.Pop@Example.RO", "--name", "Ana Popescu", "--role", "admin", "--lang", "pl")
	if err != nil {
		t.Fatalf("create: %v", err)
	}
	var password string
	for _, line := range strings.Split(out, "\n") {
		if p, ok := strings.CutPrefix(line, "password: "); ok {
			password = p
		}
	}
	if len(password) < 20 || !strings.Contains(out, "created admin account Ana.Pop@example.ro") {
		t.Fatalf("create output = %q", out)
	}
	st := openData(t, dir)
	u, hash, err := st.UserByEmail(ctx, "Ana.Pop@example.ro")
	if err != nil {
		t.Fatal(err)
	}
	if u.Role != agora.RoleAdmin || !u.Verified() || u.Lang != "pl" || u.TimeZone != "Europe/Warsaw" || u.DisplayName != "Ana Popescu" {
		t.Errorf("created user = %+v", u)
	}
	if ok, _, err := auth.VerifyPassword(hash, password); !ok || err != nil {
		t.Errorf("printed password does not sign in: %v", err)
	}

	// The same address again is refused, and it is not a usage error.
	_, _, err = runUser(t, "user", "create", "--data", dir, "--email", "Ana.Pop@example.ro", "--name", "Again")
	if err == nil || isCLIUsage(err) || !strings.Contains(err.Error(), "already exists") {
		t.Errorf("duplicate create: %v", err)
	}

	if _, _, err := runUser(t, "user", "create", "--data", dir, "--email", "ion@example.ro", "--name", "Ion Ștefănescu"); err != nil {
		t.Fatal(err)
	}
	// The only admin cannot be demoted or disabled, even from here.
	for _, args := range [][]string{{"set-role", "Ana.Pop@example.ro", "participant"}, {"disable", "Ana.Pop@example.ro"}} {
		_, _, err := runUser(t, append([]string{"user", args[0], "--data", dir}, args[1:]...)...)
		if err == nil || isCLIUsage(err) || !strings.Contains(err.Error(), "administrator") {
			t.Errorf("user %v on the last admin: %v", args, err)
		}
	}
	// Flags may follow the arguments.
	out, _, err = runUser(t, "user", "set-role", "ion@example.ro", "moderator", "--data", dir)
	if err != nil || !strings.Contains(out, "ion@example.ro is now moderator") {
		t.Fatalf("set-role: %q, %v", out, err)
	}
	ion, _, _ := st.UserByEmail(ctx, "ion@example.ro")
	if ion.Role != agora.RoleModerator {
		t.Errorf("role = %s", ion.Role)
	}
	if err := st.CreateSession(ctx, agora.Session{IDHash: "ion-session", UserID: ion.ID, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if out, _, err := runUser(t, "user", "disable", "--data", dir, "ion@example.ro"); err != nil || !strings.Contains(out, "disabled") {
		t.Fatalf("disable: %q, %v", out, err)
	}
	if _, _, err := st.SessionUser(ctx, "ion-session"); agora.KindOf(err) != agora.Unauthenticated {
		t.Errorf("session after disable: %v", err)
	}
	if _, _, err := runUser(t, "user", "enable", "--data", dir, "ion@example.ro"); err != nil {
		t.Fatal(err)
	}
	if ion, _, _ = st.UserByEmail(ctx, "ion@example.ro"); ion.Disabled() {
		t.Error("still disabled after enable")
	}
	page, err := st.ListAudit(ctx, store.AuditQuery{})
	if err != nil {
		t.Fatal(err)
	}
	var actions []string
	for _, e := range page.Entries {
		actions = append(actions, e.Action)
		if e.ActorID != "" {
			t.Errorf("command-line audit entry has actor %q", e.ActorID)
		}
	}
	if strings.Join(actions, " ") != "user.enable user.disable user.set_role" {
		t.Errorf("audit actions = %q", actions)
	}
	if _, _, err := runUser(t, "user", "disable", "--data", dir, "nobody@example.ro"); err == nil || isCLIUsage(err) || !strings.Contains(err.Error(), "no account") {
		t.Errorf("unknown email: %v", err)
	}
}

func TestUserUsageErrors(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, tt := range []struct {
		args []string
		want string
	}{
		{[]string{"user"}, "create, set-role"},
		{[]string{"user", "rename"}, "unknown subcommand"},
		{[]string{"user", "create", "--name", "Ana"}, "--email"},
		{[]string{"user", "create", "--email", "not-an-email", "--name", "Ana"}, "--email: Enter a valid email address"},
		{[]string{"user", "create", "--email", "a@example.ro"}, "--name"},
		{[]string{"user", "create", "--email", "a@example.ro", "--name", "Ana\x00"}, "--name"},
		{[]string{"user", "create", "--email", "a@example.ro", "--name", "Ana", "--role", "root"}, "--role"},
		{[]string{"user", "create", "--email", "a@example.ro", "--name", "Ana", "--lang", "de"}, "--lang"},
		{[]string{"user", "create", "--email", "a@example.ro", "--name", "Ana", "extra"}, "unexpected argument"},
		{[]string{"user", "create", "--bogus"}, "bogus"},
		{[]string{"user", "set-role", "a@example.ro"}, "EMAIL ROLE"},
		{[]string{"user", "set-role", "a@example.ro", "superuser"}, "unknown role"},
		{[]string{"user", "disable"}, "want EMAIL"},
		{[]string{"user", "enable", "a@example.ro", "b@example.ro"}, "want EMAIL"},
		{[]string{"user", "disable", "<script>"}, "not an email"},
	} {
		_, _, err := runUser(t, append(tt.args, "--data", dir)...)
		if !isCLIUsage(err) || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("agora %s: err = %v, want a usage error with %q", strings.Join(tt.args, " "), err, tt.want)
		}
	}
	// None of them made a database.
	if _, err := os.Stat(filepath.Join(dir, "agora.db")); err == nil {
		t.Error("a refused command created the database")
	}
}

// --password-stdin reads standard input; the test swaps os.Stdin, so it
// does not run in parallel.
func TestUserCreatePasswordStdin(t *testing.T) {
	dir := t.TempDir()
	withStdin := func(input string, f func()) {
		t.Helper()
		r, w, err := os.Pipe()
		if err != nil {
			t.Fatal(err)
		}
		go func() { _, _ = w.WriteString(input); w.Close() }()
		old := os.Stdin
		os.Stdin = r
		defer func() { os.Stdin = old; r.Close() }()
		f()
	}
	withStdin("short\n", func() {
		_, _, err := runUser(t, "user", "create", "--data", dir, "--email", "a@example.ro", "--name", "Ana", "--password-stdin")
		if !isCLIUsage(err) || !strings.Contains(err.Error(), "too short") {
			t.Errorf("short password: %v", err)
		}
	})
	withStdin("", func() {
		_, _, err := runUser(t, "user", "create", "--data", dir, "--email", "a@example.ro", "--name", "Ana", "--password-stdin")
		if !isCLIUsage(err) {
			t.Errorf("empty stdin: %v", err)
		}
	})
	const pw = "cântec de leagăn în Țara Oașului"
	withStdin(pw+"\r\n", func() {
		out, _, err := runUser(t, "user", "create", "--data", dir, "--email", "a@example.ro", "--name", "Ana", "--password-stdin")
		if err != nil {
			t.Fatalf("create: %v", err)
		}
		if strings.Contains(out, "password:") {
			t.Errorf("a given password was printed: %q", out)
		}
	})
	_, hash, err := openData(t, dir).UserByEmail(context.Background(), "a@example.ro")
	if err != nil {
		t.Fatal(err)
	}
	if ok, _, _ := auth.VerifyPassword(hash, pw); !ok {
		t.Error("the password from standard input does not sign in")
	}
}
