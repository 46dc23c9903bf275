package web

import (
	"context"
	"encoding/json"
	"html"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// adminXSS returns the "xss" payloads of shared/data/bad-input, or two
// stand-ins when the shared data is not beside the repository.
func adminXSS(t *testing.T) []string {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "shared", "data", "bad-input", "payloads.json"))
	if os.IsNotExist(err) {
		return []string{"<script>document.body.remove()</script>", `"><img src=x onerror=document.body.remove()>`}
	}
	if err != nil {
		t.Fatal(err)
	}
	var groups map[string][]string
	if err := json.Unmarshal(raw, &groups); err != nil {
		t.Fatal(err)
	}
	if len(groups["xss"]) == 0 {
		t.Fatal("payloads.json has no xss payloads")
	}
	return groups["xss"]
}

func TestAdminPagesNeedAdmin(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	rootUser := e.user("root@agora.test", agora.RoleAdmin)
	admin := e.login(rootUser)
	participant := e.login(e.user("ana@agora.test", agora.RoleParticipant))
	moderator := e.login(e.user("mod@agora.test", agora.RoleModerator))
	victim := e.user("victim@agora.test", agora.RoleParticipant)

	for _, p := range []string{"/admin", "/admin/users", "/admin/users?q=ana", "/admin/audit", "/admin/audit?action=user.set_role", "/admin/mail"} {
		resp, err := e.client().Get(e.ts.URL + p)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=") {
			t.Errorf("anonymous GET %s = %d to %q, want 303 to /login", p, resp.StatusCode, resp.Header.Get("Location"))
		}
		for name, c := range map[string]*http.Client{"participant": participant, "moderator": moderator} {
			if code, _ := e.get(c, p); code != http.StatusForbidden {
				t.Errorf("%s GET %s = %d, want 403", name, p, code)
			}
		}
		// A signed-in admin sees their own language setting.
		for _, lang := range []string{"ro", "pl", "en"} {
			if err := e.st.SetUserLang(context.Background(), rootUser.ID, lang); err != nil {
				t.Fatal(err)
			}
			code, body := e.get(admin, p)
			if code != http.StatusOK || !strings.Contains(body, `<html lang="`+lang+`">`) {
				t.Errorf("admin GET %s in %s = %d\n%s", p, lang, code, body)
			}
		}
	}
	for _, action := range []string{"role", "disable", "enable"} {
		p := "/admin/users/" + victim.ID + "/" + action
		form := url.Values{"role": {"admin"}}
		if code, _ := e.post(nil, p, form); code != http.StatusUnauthorized {
			t.Errorf("anonymous POST %s = %d, want 401", p, code)
		}
		if code, _ := e.post(participant, p, form); code != http.StatusForbidden {
			t.Errorf("participant POST %s = %d, want 403", p, code)
		}
	}
	if got, _ := e.st.User(context.Background(), victim.ID); got.Role != agora.RoleParticipant || got.Disabled() {
		t.Errorf("refused requests changed the victim: %+v", got)
	}
}

func TestAdminSetsRoleAndKeepsLastAdmin(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	ctx := context.Background()
	rootUser := e.user("root@agora.test", agora.RoleAdmin)
	root := e.login(rootUser)
	ana := e.user("ana@agora.test", agora.RoleParticipant)

	code, _ := e.post(root, "/admin/users/"+ana.ID+"/role", url.Values{"role": {"moderator"}, "next": {"/admin/users?q=ana"}})
	if code != http.StatusSeeOther {
		t.Fatalf("set role = %d, want 303", code)
	}
	if got, _ := e.st.User(ctx, ana.ID); got.Role != agora.RoleModerator {
		t.Errorf("role after change = %s", got.Role)
	}
	page, err := e.st.ListAudit(ctx, store.AuditQuery{Action: "user.set_role"})
	if err != nil || len(page.Entries) != 1 || page.Entries[0].ActorID != rootUser.ID || page.Entries[0].TargetID != ana.ID {
		t.Fatalf("audit = %+v, %v", page.Entries, err)
	}
	// The flash message arrives on the next page, in the admin's language.
	_, body := e.get(root, "/admin/users?q=ana")
	if !strings.Contains(body, e.cat.T("ro", "flash.admin_role_set", nil)) {
		t.Error("no flash after changing the role")
	}
	for _, bad := range []string{"", "superuser", "Admin"} {
		if code, _ := e.post(root, "/admin/users/"+ana.ID+"/role", url.Values{"role": {bad}}); code != http.StatusUnprocessableEntity {
			t.Errorf("role %q = %d, want 422", bad, code)
		}
	}
	if code, _ := e.post(root, "/admin/users/"+agora.NewID()+"/role", url.Values{"role": {"admin"}}); code != http.StatusNotFound {
		t.Errorf("unknown user = %d, want 404", code)
	}
	if code, _ := e.post(root, "/admin/users/not-an-id/role", url.Values{"role": {"admin"}}); code != http.StatusNotFound {
		t.Errorf("malformed id = %d, want 404", code)
	}
	// The last admin cannot demote themself: 409 with the reason.
	code, body = e.post(root, "/admin/users/"+rootUser.ID+"/role", url.Values{"role": {"participant"}})
	if code != http.StatusConflict || !strings.Contains(body, html.EscapeString(e.cat.T("ro", "admin.last_admin", nil))) {
		t.Errorf("demote last admin = %d, want 409 with admin.last_admin", code)
	}
	// A redirect target off the user list is ignored.
	resp := e.postResp(root, "/admin/users/"+ana.ID+"/role", url.Values{"role": {"participant"}, "next": {"//evil.example/"}})
	if loc := resp.Header.Get("Location"); loc != "/admin/users" {
		t.Errorf("redirect to %q, want /admin/users", loc)
	}
}

// postResp is e.post returning the response, for its headers.
func (e *testEnv) postResp(c *http.Client, path string, form url.Values) *http.Response {
	e.t.Helper()
	req, _ := newPost(e.ts.URL+path, form)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	return resp
}

func TestAdminDisableSignsOutAndEnable(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	ctx := context.Background()
	root := e.login(e.user("root@agora.test", agora.RoleAdmin))
	ion := e.user("ion@agora.test", agora.RoleParticipant)
	ionClient := e.login(ion)
	if code, _ := e.get(ionClient, "/admin"); code != http.StatusForbidden {
		t.Fatalf("ion before = %d, want 403 (signed in)", code)
	}
	if code, _ := e.post(root, "/admin/users/"+ion.ID+"/disable", nil); code != http.StatusSeeOther {
		t.Fatalf("disable = %d", code)
	}
	// Ion's session is gone: he is anonymous now and sent to sign in.
	resp, err := ionClient.Get(e.ts.URL + "/admin")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("ion after disable = %d, want 303 to sign in", resp.StatusCode)
	}
	_, body := e.get(root, "/admin/users?q=ion&lang=ro")
	if !strings.Contains(body, "/admin/users/"+ion.ID+"/enable") {
		t.Error("disabled user has no enable button")
	}
	if code, _ := e.post(root, "/admin/users/"+ion.ID+"/enable", nil); code != http.StatusSeeOther {
		t.Fatalf("enable = %d", code)
	}
	if got, _ := e.st.User(ctx, ion.ID); got.Disabled() {
		t.Error("still disabled")
	}
	for _, action := range []string{"user.disable", "user.enable"} {
		if p, _ := e.st.ListAudit(ctx, store.AuditQuery{Action: action}); len(p.Entries) != 1 {
			t.Errorf("%s audit entries = %d, want 1", action, len(p.Entries))
		}
	}
}

func TestAdminUserListEscapesAndPages(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	ctx := context.Background()
	root := e.login(e.user("root@agora.test", agora.RoleAdmin))
	payloads := adminXSS(t)
	for i, p := range payloads {
		if _, err := e.st.CreateUser(ctx, store.NewUser{Email: "x" + itoa(i) + "@xss.test", DisplayName: p, EmailVerified: true}); err != nil {
			t.Fatal(err)
		}
	}
	code, body := e.get(root, "/admin/users?q=xss.test")
	if code != http.StatusOK {
		t.Fatalf("list = %d", code)
	}
	for _, p := range payloads {
		if strings.Contains(p, "<") && strings.Contains(body, p) {
			t.Errorf("payload %q appears unescaped", p)
		}
	}
	if !strings.Contains(body, e.cat.TN("ro", "admin.users.count", len(payloads), nil)) {
		t.Errorf("count of %d not shown", len(payloads))
	}
	// Search input is echoed escaped; an over-long query is a form error.
	code, body = e.get(root, "/admin/users?q="+url.QueryEscape(`"><script>alert(1)</script>`))
	if code != http.StatusOK || strings.Contains(body, "<script>alert(1)") {
		t.Errorf("reflected query: %d, raw script present=%v", code, strings.Contains(body, "<script>alert(1)"))
	}
	code, body = e.get(root, "/admin/users?q="+strings.Repeat("a", 300))
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-q-error"`) {
		t.Errorf("long query = %d, want 422 with the field error", code)
	}
	if code, _ := e.get(root, "/admin/users?after=%21%21"); code != http.StatusUnprocessableEntity {
		t.Errorf("bad cursor = %d, want 422", code)
	}
}

func TestAdminUserListPager(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	ctx := context.Background()
	root := e.login(e.user("root@agora.test", agora.RoleAdmin))
	for i := range 55 {
		if _, err := e.st.CreateUser(ctx, store.NewUser{Email: "p" + itoa(100+i) + "@pages.test", DisplayName: "Page person"}); err != nil {
			t.Fatal(err)
		}
	}
	_, body := e.get(root, "/admin/users?q=pages.test")
	i := strings.Index(body, `rel="next" href="`)
	if i < 0 {
		t.Fatal("first page has no next link")
	}
	next := html.UnescapeString(body[i+len(`rel="next" href="`):])
	next = next[:strings.IndexByte(next, '"')]
	code, body := e.get(root, next)
	if code != 200 || !strings.Contains(body, "p154@pages.test") || strings.Contains(body, "p100@pages.test") || !strings.Contains(body, `rel="prev"`) {
		t.Errorf("second page %s = %d, wrong rows", next, code)
	}
}

func TestAdminAuditFilters(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	ctx := context.Background()
	rootUser := e.user("root@agora.test", agora.RoleAdmin)
	root := e.login(rootUser)
	a := e.user("a@agora.test", agora.RoleParticipant)
	if _, err := e.st.SetUserRole(ctx, rootUser.ID, a.ID, agora.RoleModerator); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.DisableUser(ctx, rootUser.ID, a.ID); err != nil {
		t.Fatal(err)
	}
	_, all := e.get(root, "/admin/audit")
	_, roles := e.get(root, "/admin/audit?action=user.set_role")
	if !strings.Contains(all, "<code>user.disable</code>") || !strings.Contains(all, "<code>user.set_role</code>") {
		t.Error("unfiltered audit lacks entries")
	}
	if strings.Contains(roles, "<code>user.disable</code>") || !strings.Contains(roles, "from=participant, to=moderator") {
		t.Error("action filter did not filter")
	}
	if code, _ := e.get(root, "/admin/audit?before=abc"); code != http.StatusUnprocessableEntity {
		t.Errorf("bad cursor = %d, want 422", code)
	}
	if _, body := e.get(root, "/admin/audit?org=none"); !strings.Contains(body, e.cat.T("ro", "admin.audit.none", nil)) {
		t.Error("org filter with no match shows no empty message")
	}
}

func TestAdminSentMail(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	ctx := context.Background()
	root := e.login(e.user("root@agora.test", agora.RoleAdmin))
	payload := adminXSS(t)[0]
	text := "Bună ziua,\nconfirmați adresa: http://agora.test/verify?token=abc123\n" + payload + "\nnot ours: javascript:alert(1) https://evil.example/x"
	if err := e.st.RecordSentMail(ctx, 1, store.SentMail{Recipient: "ana@agora.test", Subject: "Confirmați " + payload, Text: text}); err != nil {
		t.Fatal(err)
	}
	code, body := e.get(root, "/admin/mail")
	if code != http.StatusOK {
		t.Fatalf("mail = %d", code)
	}
	if !strings.Contains(body, `<a href="http://agora.test/verify?token=abc123">`) {
		t.Error("link to our own site is not clickable")
	}
	if strings.Contains(body, `href="javascript:`) || strings.Contains(body, `href="https://evil.example`) {
		t.Error("foreign link became clickable")
	}
	if strings.Contains(payload, "<") && strings.Contains(body, payload) {
		t.Errorf("payload %q appears unescaped", payload)
	}
	if !strings.Contains(body, "ana@agora.test") {
		t.Error("recipient missing")
	}

	// Without DevMail the page does not exist, even for admins.
	prod, err := New(Config{BaseURL: "http://agora.test"}, Deps{Store: e.st, Catalog: e.cat, Hasher: auth.TestHasher(), Sealer: e.sealer})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(prod.Handler())
	defer ts.Close()
	req, _ := http.NewRequest("GET", ts.URL+"/admin/mail", nil)
	for _, ck := range root.Jar.Cookies(mustURL(t, e.ts.URL)) {
		req.AddCookie(ck)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusNotFound {
		t.Errorf("mail without DevMail = %d, want 404", resp.StatusCode)
	}
}

func mustURL(t *testing.T, s string) *url.URL {
	t.Helper()
	u, err := url.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestLinkParts(t *testing.T) {
	for _, tt := range []struct {
		text string
		want []mailPart
	}{
		{"no links", []mailPart{{Text: "no links"}}},
		{"go http://a.test/x?y=1 now", []mailPart{{Text: "go "}, {Text: "http://a.test/x?y=1", URL: "http://a.test/x?y=1"}, {Text: " now"}}},
		{"http://a.test/end", []mailPart{{Text: "http://a.test/end", URL: "http://a.test/end"}}},
		{"http://a.test.evil/x", []mailPart{{Text: "http://a.test.evil/x"}}},
		{"<http://a.test/q>", []mailPart{{Text: "<"}, {Text: "http://a.test/q", URL: "http://a.test/q"}, {Text: ">"}}},
	} {
		got := linkParts(tt.text, "http://a.test")
		if len(got) != len(tt.want) {
			t.Errorf("linkParts(%q) = %+v, want %+v", tt.text, got, tt.want)
			continue
		}
		for i := range got {
			if got[i] != tt.want[i] {
				t.Errorf("linkParts(%q)[%d] = %+v, want %+v", tt.text, i, got[i], tt.want[i])
			}
		}
	}
}
