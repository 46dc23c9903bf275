package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"
)

// sameAnswer fails unless two responses look alike to the visitor:
// status, redirect target and body, once the typed address is removed.
func sameAnswer(t *testing.T, what string, r1 *http.Response, b1, addr1 string, r2 *http.Response, b2, addr2 string) {
	t.Helper()
	b1, b2 = strings.ReplaceAll(b1, addr1, "ADDR"), strings.ReplaceAll(b2, addr2, "ADDR")
	if r1.StatusCode != r2.StatusCode || r1.Header.Get("Location") != r2.Header.Get("Location") || b1 != b2 {
		t.Errorf("%s: known address → %d %q, unknown → %d %q; bodies equal: %v",
			what, r1.StatusCode, r1.Header.Get("Location"), r2.StatusCode, r2.Header.Get("Location"), b1 == b2)
	}
}

// Registration, sign-in and password reset answer the same for an
// address with an account and one without.
func TestNoAccountEnumeration(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	const known, unknown = "ana.pop@ong-civic.ro", "nimeni@ong-civic.ro"
	owner := e.register(known, "Ana Pop", "ro")
	e.mailFor(known) // the verification mail

	form := func(addr string) url.Values {
		return url.Values{"email": {addr}, "display_name": {"Alt Nume"}, "password": {testPassword}, "lang": {"en"}}
	}
	r1, b1 := e.postResp(nil, "/register", form(known))
	r2, b2 := e.postResp(nil, "/register", form(unknown))
	sameAnswer(t, "register", r1, b1, known, r2, b2, unknown)
	// The owner hears of the attempt, in their own language, with a way
	// to reset the password.
	m := e.mailFor(known)
	if m.Subject != e.cat.T("ro", "account.mail.taken.subject", nil) || !strings.Contains(m.Text, testBaseURL+"/reset") {
		t.Errorf("notice to owner: %q\n%s", m.Subject, m.Text)
	}
	if u, _, _ := e.st.UserByEmail(context.Background(), known); u.ID != owner.ID || u.DisplayName != "Ana Pop" {
		t.Errorf("existing account changed: %+v", u)
	}

	login := func(addr string) (*http.Response, string) {
		return e.postResp(nil, "/login", url.Values{"email": {addr}, "password": {"not the password at all"}})
	}
	r1, b1 = login(known)
	r2, b2 = login(unknown)
	sameAnswer(t, "login", r1, b1, known, r2, b2, unknown)
	if r1.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(b1, e.cat.T("ro", "account.login.failed", nil)) {
		t.Errorf("failed login = %d without the generic message", r1.StatusCode)
	}

	reset := func(addr string) (*http.Response, string) {
		return e.postResp(nil, "/reset", url.Values{"email": {addr}})
	}
	const ghost = "fantoma@ong-civic.ro" // the other address now has an account
	r1, b1 = reset(known)
	r2, b2 = reset(ghost)
	sameAnswer(t, "reset", r1, b1, known, r2, b2, ghost)
	e.drain()
	if e.mailCount(ghost) != 0 {
		t.Error("mail sent to an address without an account")
	}

	// A disabled account is refused with the same message.
	if _, err := e.st.DisableUser(context.Background(), owner.ID, owner.ID); err != nil {
		t.Fatal(err)
	}
	r1, b1 = e.postResp(nil, "/login", url.Values{"email": {known}, "password": {testPassword}})
	r2, b2 = login(ghost)
	sameAnswer(t, "disabled login", r1, b1, known, r2, b2, ghost)
}

func TestLoginRateLimited(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	e.register("piotr@urzad.gov.pl", "Piotr", "pl")
	c := e.client()
	var resp *http.Response
	var body string
	for i := 0; i < 11; i++ {
		req, _ := newPost(e.ts.URL+"/login", url.Values{"email": {"piotr@urzad.gov.pl"}, "password": {"zgadywanie-" + strconv.Itoa(i)}})
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.Header.Set("Accept-Language", "pl")
		resp, body = e.doResp(c, req)
	}
	if resp.StatusCode != http.StatusTooManyRequests {
		t.Fatalf("11th attempt = %d, want 429", resp.StatusCode)
	}
	wait := e.cat.TN("pl", "account.retry_minutes", 1, nil)
	if ra, _ := strconv.Atoi(resp.Header.Get("Retry-After")); ra < 1 || ra > 60 {
		t.Errorf("Retry-After = %q, want 1..60 seconds", resp.Header.Get("Retry-After"))
	}
	if want := e.cat.T("pl", "account.rate_limited", map[string]any{"wait": wait}); !strings.Contains(body, want) {
		t.Errorf("429 page lacks %q", want)
	}
	// Even the right password waits; time heals.
	if r, _ := e.postResp(c, "/login", url.Values{"email": {"piotr@urzad.gov.pl"}, "password": {testPassword}}); r.StatusCode != http.StatusTooManyRequests {
		t.Errorf("right password while limited = %d, want 429", r.StatusCode)
	}
	e.clock.Add(time.Minute)
	if r, _ := e.postResp(c, "/login", url.Values{"email": {"piotr@urzad.gov.pl"}, "password": {testPassword}}); r.StatusCode != http.StatusSeeOther {
		t.Errorf("right password after a minute = %d, want 303", r.StatusCode)
	}
}

func TestSessionsPageAndRevocation(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	e.register("maria@asociatia.ro", "Maria", "ro")
	laptop, _ := e.signIn("maria@asociatia.ro", testPassword)
	phone := e.client()
	req, _ := newPost(e.ts.URL+"/login", url.Values{"email": {"maria@asociatia.ro"}, "password": {testPassword}})
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("User-Agent", "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0.0.0 Mobile Safari/537.36")
	if r, _ := e.doResp(phone, req); r.StatusCode != http.StatusSeeOther {
		t.Fatal("phone login failed")
	}
	code, body := e.get(laptop, "/account/sessions")
	if code != 200 || strings.Count(body, `name="session"`) != 2 || !strings.Contains(body, "Chrome 126 · Android") ||
		strings.Count(body, e.cat.T("ro", "account.sessions.this_device", nil)) != 1 {
		t.Fatalf("GET /account/sessions = %d\n%s", code, body)
	}
	phoneHash := hashOf(e.sessionValue(phone))
	// Someone else cannot end Maria's sessions.
	other := e.register("intrus@exemplu.ro", "Intrus", "ro")
	if code, _ := e.post(e.login(other), "/account/sessions/revoke", url.Values{"session": {phoneHash}}); code != http.StatusNotFound {
		t.Errorf("revoking another user's session = %d, want 404", code)
	}
	if code, _ := e.post(laptop, "/account/sessions/revoke", url.Values{"session": {phoneHash}}); code != http.StatusSeeOther {
		t.Fatalf("revoke = %d", code)
	}
	if r, _ := e.getResp(phone, "/account"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("revoked phone still sees /account: %d", r.StatusCode)
	}
	tablet, _ := e.signIn("maria@asociatia.ro", testPassword)
	if code, _ := e.post(laptop, "/account/sessions/revoke-others", nil); code != http.StatusSeeOther {
		t.Fatal("revoke others failed")
	}
	if r, _ := e.getResp(tablet, "/account"); r.StatusCode != http.StatusSeeOther {
		t.Error("tablet survived revoke-others")
	}
	if code, _ := e.get(laptop, "/account"); code != 200 {
		t.Error("revoke-others ended the current session")
	}
}

func TestPasswordResetEndsAllSessions(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	const addr = "stefan@fundatia.ro"
	e.register(addr, "Ștefan Țăranu", "ro")
	old, _ := e.signIn(addr, testPassword)

	if r, _ := e.postResp(nil, "/reset", url.Values{"email": {addr}}); r.Header.Get("Location") != "/reset/sent" {
		t.Fatalf("POST /reset → %s", r.Header.Get("Location"))
	}
	m := e.mailFor(addr)
	if m.Subject != e.cat.T("ro", "account.mail.reset.subject", nil) || !strings.Contains(m.Text, "Ștefan Țăranu") {
		t.Errorf("reset mail %q:\n%s", m.Subject, m.Text)
	}
	link := e.linkIn(m)
	if code, body := e.get(nil, link); code != 200 || !strings.Contains(body, `name="new_password"`) {
		t.Fatalf("GET %s = %d", link, code)
	}
	token := tokenOf(t, link)
	if code, _ := e.post(nil, "/reset/confirm", url.Values{"token": {token}, "new_password": {"short"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("weak new password = %d, want 422", code)
	}
	const newPassword = "ciorbă de perișoare cu leuștean"
	if code, _ := e.post(nil, "/reset/confirm", url.Values{"token": {token}, "new_password": {newPassword}}); code != http.StatusSeeOther {
		t.Fatal("reset confirm failed")
	}
	if r, _ := e.getResp(old, "/account"); r.StatusCode != http.StatusSeeOther {
		t.Error("session from before the reset still works")
	}
	if code, _ := e.post(nil, "/reset/confirm", url.Values{"token": {token}, "new_password": {newPassword + "!"}}); code != http.StatusNotFound {
		t.Errorf("reset token reused = %d, want 404", code)
	}
	if r, _ := e.postResp(nil, "/login", url.Values{"email": {addr}, "password": {testPassword}}); r.StatusCode != http.StatusUnprocessableEntity {
		t.Error("old password still works")
	}
	e.signIn(addr, newPassword)

	// Reset links last one hour.
	e.postResp(nil, "/reset", url.Values{"email": {addr}})
	late := tokenOf(t, e.linkIn(e.mailFor(addr)))
	e.clock.Add(time.Hour + time.Second)
	if code, _ := e.get(nil, "/reset/confirm?token="+late); code != http.StatusNotFound {
		t.Errorf("expired reset link = %d, want 404", code)
	}
}

func TestVerifyTokenReuseAndExpiry(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	e.post(nil, "/register", url.Values{"email": {"a@ngo.pl"}, "display_name": {"A"}, "password": {testPassword}, "lang": {"pl"}})
	e.post(nil, "/register", url.Values{"email": {"b@ngo.pl"}, "display_name": {"B"}, "password": {testPassword}, "lang": {"pl"}})
	ta := tokenOf(t, e.linkIn(e.mailFor("a@ngo.pl")))
	tb := tokenOf(t, e.linkIn(e.mailFor("b@ngo.pl")))
	if code, _ := e.post(nil, "/verify", url.Values{"token": {ta}}); code != http.StatusSeeOther {
		t.Fatal("first use refused")
	}
	if code, body := e.post(nil, "/verify", url.Values{"token": {ta}}); code != http.StatusNotFound ||
		!strings.Contains(body, e.cat.T("ro", "account.token_invalid", nil)) {
		t.Errorf("reuse = %d, want 404 with the invalid-link message", code)
	}
	e.clock.Add(48*time.Hour + time.Minute)
	if code, _ := e.get(nil, "/verify?token="+url.QueryEscape(tb)); code != http.StatusNotFound {
		t.Errorf("GET expired = %d, want 404", code)
	}
	if code, _ := e.post(nil, "/verify", url.Values{"token": {tb}}); code != http.StatusNotFound {
		t.Errorf("POST expired = %d, want 404", code)
	}
	if code, _ := e.post(nil, "/verify", url.Values{"token": {"made-up"}}); code != http.StatusNotFound {
		t.Errorf("unknown token = %d, want 404", code)
	}
}

func TestUnverifiedAccountCanResend(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	e.post(nil, "/register", url.Values{"email": {"nou@ong.ro"}, "display_name": {"Nou"}, "password": {testPassword}, "lang": {"ro"}})
	first := tokenOf(t, e.linkIn(e.mailFor("nou@ong.ro")))
	c, _ := e.signIn("nou@ong.ro", testPassword)
	code, body := e.get(c, "/account")
	if code != 200 || !strings.Contains(body, e.cat.T("ro", "account.unverified_banner", nil)) {
		t.Fatalf("unverified /account = %d without banner", code)
	}
	if code, _ := e.get(c, "/account/tokens"); code != http.StatusForbidden {
		t.Errorf("unverified /account/tokens = %d, want 403", code)
	}
	if code, _ := e.post(c, "/account/verify/resend", nil); code != http.StatusSeeOther {
		t.Fatal("resend failed")
	}
	second := tokenOf(t, e.linkIn(e.mailFor("nou@ong.ro")))
	if second == first {
		t.Fatal("resend reused the token")
	}
	if code, _ := e.post(c, "/verify", url.Values{"token": {first}}); code != http.StatusNotFound {
		t.Errorf("superseded token = %d, want 404", code)
	}
	if r, _ := e.postResp(c, "/verify", url.Values{"token": {second}}); r.Header.Get("Location") != "/account" {
		t.Errorf("verify while signed in → %q, want /account", r.Header.Get("Location"))
	}
	if code, body := e.get(c, "/account"); code != 200 || strings.Contains(body, e.cat.T("ro", "account.unverified_banner", nil)) {
		t.Errorf("banner still shown after verification")
	}
}

func TestChangePassword(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	e.register("jan@fundacja.pl", "Jan", "pl")
	c, _ := e.signIn("jan@fundacja.pl", testPassword)
	other, _ := e.signIn("jan@fundacja.pl", testPassword)
	if code, _ := e.post(c, "/account/password", url.Values{"current_password": {"nie to hasło"}, "new_password": {"bardzo długie nowe hasło"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("wrong current password = %d, want 422", code)
	}
	if code, _ := e.post(c, "/account/password", url.Values{"current_password": {testPassword}, "new_password": {"bardzo długie nowe hasło"}}); code != http.StatusSeeOther {
		t.Fatal("password change failed")
	}
	if code, _ := e.get(c, "/account"); code != 200 {
		t.Error("current session ended by password change")
	}
	if r, _ := e.getResp(other, "/account"); r.StatusCode != http.StatusSeeOther {
		t.Error("other session survived password change")
	}
	if a := e.auditActions(); len(a) == 0 || a[0] != "user.password_changed" {
		t.Errorf("audit = %v", a)
	}
}

func TestChangeEmail(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	u := e.register("vechi@ong.ro", "Elena", "ro")
	e.register("ocupat@ong.ro", "Altcineva", "en")
	c, _ := e.signIn("vechi@ong.ro", testPassword)

	if code, _ := e.post(c, "/account/email", url.Values{"new_email": {"nou@ong.ro"}, "password": {"greșită!"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("wrong password = %d, want 422", code)
	}
	// A taken address gets the same answer; its owner is told instead.
	rTaken, bTaken := e.postResp(c, "/account/email", url.Values{"new_email": {"ocupat@ong.ro"}, "password": {testPassword}})
	rFree, bFree := e.postResp(c, "/account/email", url.Values{"new_email": {"nou@ong.ro"}, "password": {testPassword}})
	sameAnswer(t, "change email", rTaken, bTaken, "", rFree, bFree, "")
	if m := e.mailFor("ocupat@ong.ro"); m.Subject != e.cat.T("en", "account.mail.change_taken.subject", nil) {
		t.Errorf("owner of the taken address got %q", m.Subject)
	}
	if m := e.mailFor("vechi@ong.ro"); m.Subject != e.cat.T("ro", "account.mail.change_notice.subject", nil) {
		t.Errorf("old address got %q", m.Subject)
	}
	link := e.linkIn(e.mailFor("nou@ong.ro"))
	if !strings.HasPrefix(link, "/account/email/confirm?token=") {
		t.Fatalf("link %q", link)
	}
	if got, _ := e.st.User(context.Background(), u.ID); got.Email != "vechi@ong.ro" {
		t.Fatal("address changed before confirmation")
	}
	// The link works from any browser, after a click.
	if code, _ := e.get(nil, link); code != 200 {
		t.Fatalf("GET confirm = %d", code)
	}
	if code, _ := e.post(nil, "/account/email/confirm", url.Values{"token": {tokenOf(t, link)}}); code != http.StatusSeeOther {
		t.Fatal("confirm failed")
	}
	if got, _ := e.st.User(context.Background(), u.ID); got.Email != "nou@ong.ro" || !got.Verified() {
		t.Errorf("after confirm: %+v", got)
	}
	if code, _ := e.post(nil, "/account/email/confirm", url.Values{"token": {tokenOf(t, link)}}); code != http.StatusNotFound {
		t.Errorf("confirm reused = %d, want 404", code)
	}
	if a := e.auditActions(); len(a) == 0 || a[0] != "user.email_changed" {
		t.Errorf("audit = %v", a)
	}
	e.signIn("nou@ong.ro", testPassword)
}

// Every XSS payload as a display name comes back only escaped.
func TestDisplayNameEscaped(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	u := e.register("xss@ong.ro", "X", "ro")
	c := e.login(u)
	for _, p := range badInput(t)["xss"] {
		code, body := e.post(c, "/account", url.Values{"display_name": {p}, "lang": {"ro"}, "time_zone": {"Europe/Bucharest"}})
		if code >= 500 {
			t.Fatalf("POST /account %q = %d", p, code)
		}
		if code == http.StatusSeeOther {
			code, body = e.get(c, "/account")
		}
		if code >= 500 || strings.Contains(body, p) && strings.ContainsAny(p, `<>"'&`) {
			t.Errorf("payload %q: status %d, rendered unescaped", p, code)
		}
	}
}

// Bytes that are not UTF-8 in any account form are a 422, never a 500.
func TestAccountFormsRefuseInvalidUTF8(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	bad := badInput(t)["invalid_utf8"][0]
	u := e.register("utf@ong.ro", "U", "ro")
	c := e.login(u)
	for _, tc := range []struct {
		path  string
		c     *http.Client
		field string
	}{
		{"/register", nil, "display_name"}, {"/register", nil, "email"}, {"/login", nil, "email"}, {"/login", nil, "password"},
		{"/reset", nil, "email"}, {"/account", c, "display_name"}, {"/account/password", c, "new_password"},
		{"/account/email", c, "new_email"}, {"/account/tokens", c, "name"}, {"/login/2fa", nil, "code"},
	} {
		form := url.Values{"email": {"x@ong.ro"}, "password": {testPassword}, "display_name": {"Ok"}, tc.field: {bad}}
		if code, body := e.post(tc.c, tc.path, form); code != http.StatusUnprocessableEntity && !(tc.path == "/login/2fa" && code == http.StatusSeeOther) {
			t.Errorf("POST %s with bad %s = %d, want 422\n%s", tc.path, tc.field, code, body)
		}
	}
}

// Mail queued while the SMTP server is down stays queued and goes out
// once a server is back.
func TestMailSurvivesSMTPOutage(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	e.smtp.Close()
	e.post(nil, "/register", url.Values{"email": {"later@ong.pl"}, "display_name": {"Łucja"}, "password": {testPassword}, "lang": {"pl"}})
	e.drain()
	st, err := e.st.JobStats(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if st.Done != 0 || st.Failed != 0 || st.Ready+st.Scheduled != 1 {
		t.Fatalf("after a failed send: %+v, want one job waiting", st)
	}
	e.smtp = e.newSMTP()
	e.clock.Add(2 * time.Hour) // past the retry back-off
	m := e.mailFor("later@ong.pl")
	if m.Subject != e.cat.T("pl", "account.mail.verify.subject", nil) {
		t.Errorf("delivered %q", m.Subject)
	}
	if st, _ := e.st.JobStats(context.Background()); st.Done != 1 {
		t.Errorf("after redelivery: %+v", st)
	}
}

func TestAPITokensPage(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	u := e.register("dev@ong.ro", "Dev", "en")
	c := e.login(u)
	code, body := e.post(c, "/account/tokens", url.Values{"name": {"CI <script>"}, "expires_days": {"30"}})
	if code != 200 || !strings.Contains(body, "agora_pat_") || strings.Contains(body, "CI <script>") {
		t.Fatalf("create = %d\n%s", code, body)
	}
	i := strings.Index(body, "agora_pat_")
	plain := body[i : i+len("agora_pat_")+43]
	if code, body := e.get(c, "/account/tokens"); code != 200 || strings.Contains(body, plain) {
		t.Error("token shown again after creation")
	}
	bearer := func(path string) int {
		req, _ := http.NewRequest("GET", e.ts.URL+path, nil)
		req.Header.Set("Authorization", "Bearer "+plain)
		code, _ := e.do(e.client(), req)
		return code
	}
	if code := bearer("/account"); code != 200 {
		t.Errorf("bearer token = %d, want 200", code)
	}
	if code, _ := e.post(c, "/account/tokens", url.Values{"name": {"x"}, "expires_days": {"7"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("unlisted expiry = %d, want 422", code)
	}
	list, _ := e.st.ListAPITokens(context.Background(), u.ID)
	if len(list) != 1 {
		t.Fatalf("%d tokens", len(list))
	}
	other := e.register("other@ong.ro", "O", "en")
	if code, _ := e.post(e.login(other), "/account/tokens/"+list[0].ID+"/revoke", nil); code != http.StatusNotFound {
		t.Errorf("revoking another user's token = %d, want 404", code)
	}
	if code, _ := e.post(c, "/account/tokens/"+list[0].ID+"/revoke", nil); code != http.StatusSeeOther {
		t.Fatal("revoke failed")
	}
	if code := bearer("/api/v1/anything"); code != http.StatusUnauthorized {
		t.Errorf("revoked bearer token = %d, want 401", code)
	}
	if code := bearer("/account"); code != http.StatusSeeOther {
		t.Errorf("revoked bearer token on a page = %d, want 303 to sign in", code)
	}
}

func TestProfileSettings(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	u := e.register("profil@ong.ro", "Profil", "ro")
	c := e.login(u)
	if code, _ := e.post(c, "/account", url.Values{"display_name": {"Ana-Maria Știrbu"}, "lang": {"pl"}, "time_zone": {"Europe/Warsaw"}}); code != http.StatusSeeOther {
		t.Fatal("save failed")
	}
	got, _ := e.st.User(context.Background(), u.ID)
	if got.DisplayName != "Ana-Maria Știrbu" || got.Lang != "pl" || got.TimeZone != "Europe/Warsaw" {
		t.Errorf("saved %+v", got)
	}
	for _, bad := range []url.Values{
		{"display_name": {""}, "lang": {"ro"}, "time_zone": {"UTC"}},
		{"display_name": {"A"}, "lang": {"de"}, "time_zone": {"UTC"}},
		{"display_name": {"A"}, "lang": {"ro"}, "time_zone": {"Mars/Olympus"}},
		{"display_name": {"A\x00B"}, "lang": {"ro"}, "time_zone": {"UTC"}},
	} {
		if code, _ := e.post(c, "/account", bad); code != http.StatusUnprocessableEntity {
			t.Errorf("POST /account %v = %d, want 422", bad, code)
		}
	}
	if code, _ := e.post(e.client(), "/account", url.Values{"display_name": {"x"}}); code != http.StatusUnauthorized {
		t.Errorf("anonymous POST /account = %d, want 401", code)
	}
}

// Pages behind sign-in send anonymous visitors to the sign-in page.
func TestAccountPagesNeedSignIn(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	for _, p := range []string{"/account", "/account/sessions", "/account/2fa", "/account/password", "/account/email", "/account/tokens"} {
		r, _ := e.getResp(nil, p)
		if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/login?next="+url.QueryEscape(p) {
			t.Errorf("GET %s = %d → %q", p, r.StatusCode, r.Header.Get("Location"))
		}
	}
	// Only local paths are followed after sign-in.
	e.register("n@ong.ro", "N", "ro")
	for next, want := range map[string]string{"/account/sessions": "/account/sessions", "//evil.example": "/", "https://evil.example": "/"} {
		r, _ := e.postResp(nil, "/login", url.Values{"email": {"n@ong.ro"}, "password": {testPassword}, "next": {next}})
		if r.Header.Get("Location") != want {
			t.Errorf("next=%q → %q, want %q", next, r.Header.Get("Location"), want)
		}
	}
}
