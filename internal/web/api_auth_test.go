package web

import (
	"context"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
)

// Personal access tokens authenticate while live; revoked, expired,
// unknown and malformed tokens and tokens of disabled accounts are a 401
// problem, never a 500 or an anonymous answer.
func TestAPITokenAuth(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	ctx := context.Background()
	alice := e.user("alice@example.ro", agora.RoleParticipant)
	admin := e.user("admin@example.ro", agora.RoleAdmin)

	valid, _ := e.token(alice, nil)
	revoked, revokedID := e.token(alice, nil)
	if err := e.st.RevokeAPIToken(ctx, alice.ID, revokedID); err != nil {
		t.Fatal(err)
	}
	past := time.Now().Add(-time.Minute)
	expired, _ := e.token(alice, &past)
	future := time.Now().Add(time.Hour)
	expiring, _ := e.token(alice, &future)

	bob := e.user("bob@example.pl", agora.RoleParticipant)
	disabled, _ := e.token(bob, nil)
	if _, err := e.st.DisableUser(ctx, admin.ID, bob.ID); err != nil {
		t.Fatal(err)
	}

	for _, tok := range []string{valid, expiring, "  " + valid + " "} {
		r := e.call(tok, "GET", "/api/v1/me", nil)
		if r.status != 200 || r.json(t)["id"] != alice.ID || r.json(t)["email"] != "alice@example.ro" {
			t.Errorf("live token: GET /me = %d %s", r.status, r.body)
		}
	}
	for name, tok := range map[string]string{
		"revoked": revoked, "expired": expired, "disabled owner": disabled,
		"unknown": "agora_pat_" + strings.Repeat("A", 43), "malformed": "not a token",
		"session cookie value as token": valid[len("agora_pat_"):],
	} {
		r := e.call(tok, "GET", "/api/v1/me", nil)
		if r.status != http.StatusUnauthorized {
			t.Errorf("%s token: GET /me = %d, want 401\n%s", name, r.status, r.body)
			continue
		}
		if c := r.code(t); c != "api.token_invalid" && c != "error.unauthenticated" {
			t.Errorf("%s token: code %q", name, c)
		}
		// A bad token is refused even where no sign-in is needed, rather
		// than silently served as anonymous.
		if r := e.call(tok, "GET", "/api/v1/domains", nil); r.status != http.StatusUnauthorized {
			t.Errorf("%s token: GET /domains = %d, want 401", name, r.status)
		}
	}

	// No credentials at all: 401 with the bearer challenge.
	r := e.call(nil, "GET", "/api/v1/me", nil)
	if r.status != 401 || r.code(t) != "error.unauthenticated" || !strings.HasPrefix(r.header.Get("WWW-Authenticate"), "Bearer") {
		t.Errorf("anonymous GET /me = %d %q, WWW-Authenticate %q", r.status, r.body, r.header.Get("WWW-Authenticate"))
	}
	if r := e.call(nil, "PUT", "/api/v1/me/profile", map[string]any{}); r.status != 401 {
		t.Errorf("anonymous PUT /me/profile = %d", r.status)
	}
}

// The session cookie works for reads from agora's own pages; writes with
// a cookie must come from the same origin, while bearer writes need no
// browser headers.
func TestAPICookieAuth(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	u := e.user("carmen@example.ro", agora.RoleParticipant)
	c := e.login(u)
	if r := e.call(c, "GET", "/api/v1/me", nil); r.status != 200 || r.json(t)["id"] != u.ID {
		t.Fatalf("cookie GET /me = %d %s", r.status, r.body)
	}
	body := map[string]any{"bio": "Lucrez cu tinerii din Iași."}
	if r := e.call(c, "PUT", "/api/v1/me/profile", body, "Sec-Fetch-Site", "cross-site"); r.status != 403 || r.code(t) != "error.csrf" {
		t.Errorf("cross-site cookie PUT = %d %s, want 403 error.csrf", r.status, r.body)
	}
	if r := e.call(c, "PUT", "/api/v1/me/profile", body, "Origin", "https://evil.example"); r.status != 403 {
		t.Errorf("cookie PUT from another origin = %d, want 403", r.status)
	}
	if r := e.call(c, "PUT", "/api/v1/me/profile", body, "Sec-Fetch-Site", "same-origin"); r.status != 200 {
		t.Errorf("same-origin cookie PUT = %d %s", r.status, r.body)
	}
	tok, _ := e.token(u, nil)
	if r := e.call(tok, "PUT", "/api/v1/me/profile", body, "Sec-Fetch-Site", "cross-site"); r.status != 200 {
		t.Errorf("bearer PUT marked cross-site = %d %s, want 200 (no ambient credentials)", r.status, r.body)
	}
}
