package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp/totp"
)

var (
	secretRE   = regexp.MustCompile(`<code>([A-Z2-7 ]+)</code>`)
	recoveryRE = regexp.MustCompile(`<li><code>([0-9a-z-]+)</code></li>`)
)

// totpCode computes the code an authenticator app shows now.
func (e *accountEnv) totpCode(secret string) string {
	e.t.Helper()
	code, err := totp.GenerateCode(secret, e.clock.Now())
	if err != nil {
		e.t.Fatal(err)
	}
	return code
}

// The whole life of an account: a Polish registration, the Polish email
// with its link, confirmation, sign-in, two-step verification and its
// recovery codes.
func TestAccountJourney(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	ctx := context.Background()
	const email = "zofia.lecka@gmina-zabierzow.pl"

	code, body := e.get(nil, "/register?lang=pl")
	if code != 200 || !strings.Contains(body, e.cat.T("pl", "account.register.title", nil)) || !strings.Contains(body, `value="pl" lang="pl" selected`) {
		t.Fatalf("GET /register?lang=pl = %d, not the Polish form with Polish preselected\n%s", code, body)
	}
	resp, body := e.postResp(nil, "/register?lang=pl", url.Values{
		"email": {email}, "display_name": {"Zofia Łęcka-Źródło"}, "password": {testPassword}, "lang": {"pl"},
	})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/register/sent" {
		t.Fatalf("POST /register = %d %s\n%s", resp.StatusCode, resp.Header.Get("Location"), body)
	}

	m := e.mailFor(email)
	if want := e.cat.T("pl", "account.mail.verify.subject", nil); m.Subject != want || !strings.Contains(m.Subject, "Potwierdź") {
		t.Errorf("subject = %q, want %q", m.Subject, want)
	}
	if !strings.Contains(m.Text, "Dzień dobry, Zofia Łęcka-Źródło!") || !strings.Contains(m.HTML, "Zofia Łęcka-Źródło") {
		t.Errorf("mail is not a Polish greeting with diacritics:\n%s", m.Text)
	}
	if got := m.Header.Get("Content-Language"); got != "pl" {
		t.Errorf("Content-Language = %q, want pl", got)
	}
	link := e.linkIn(m)
	if !strings.HasPrefix(link, "/verify?token=") {
		t.Fatalf("link = %q", link)
	}

	// GET shows a button and changes nothing: scanners prefetch links.
	code, body = e.get(nil, link)
	if code != 200 || !strings.Contains(body, `action="/verify"`) {
		t.Fatalf("GET %s = %d\n%s", link, code, body)
	}
	if u, _, _ := e.st.UserByEmail(ctx, email); u.Verified() {
		t.Fatal("GET /verify verified the address")
	}
	resp, _ = e.postResp(nil, "/verify", url.Values{"token": {tokenOf(t, link)}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/login" {
		t.Fatalf("POST /verify = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	u, _, _ := e.st.UserByEmail(ctx, email)
	if !u.Verified() || u.Lang != "pl" || u.TimeZone != "Europe/Warsaw" {
		t.Fatalf("user after verify = %+v", u)
	}

	// Sign in, then turn on two-step verification.
	c, next := e.signIn(email, testPassword)
	if next != "/" {
		t.Errorf("login redirect = %q, want /", next)
	}
	code, body = e.get(c, "/account")
	if code != 200 || !strings.Contains(body, email) || !strings.Contains(body, `<html lang="pl">`) {
		t.Fatalf("GET /account = %d\n%s", code, body)
	}
	if code, _ := e.post(c, "/account/2fa/setup", nil); code != http.StatusSeeOther {
		t.Fatalf("POST /account/2fa/setup = %d", code)
	}
	code, body = e.get(c, "/account/2fa")
	sm := secretRE.FindStringSubmatch(body)
	if code != 200 || sm == nil || !strings.Contains(body, `src="data:image/png;base64,`) {
		t.Fatalf("GET /account/2fa = %d: no QR code or secret\n%s", code, body)
	}
	secret := strings.ReplaceAll(sm[1], " ", "")
	if code, _ := e.post(c, "/account/2fa/enable", url.Values{"code": {"12345"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("enable with a bad code = %d, want 422", code)
	}
	code, body = e.post(c, "/account/2fa/enable", url.Values{"code": {e.totpCode(secret)}})
	var recovery []string
	for _, m := range recoveryRE.FindAllStringSubmatch(body, -1) {
		recovery = append(recovery, m[1])
	}
	if code != 200 || len(recovery) != 10 {
		t.Fatalf("POST /account/2fa/enable = %d with %d recovery codes\n%s", code, len(recovery), body)
	}
	if st, _ := e.st.TOTPState(ctx, u.ID); !st.Enabled || st.SealedSecret == "" || strings.Contains(st.SealedSecret, secret) {
		t.Errorf("stored TOTP state = %+v: want enabled with the secret sealed", st)
	}
	if a := e.auditActions(); len(a) == 0 || a[0] != "user.2fa_enabled" {
		t.Errorf("audit = %v", a)
	}

	// Sign out; signing in now stops at the second factor.
	if code, _ := e.post(c, "/logout", nil); code != http.StatusSeeOther {
		t.Fatalf("POST /logout = %d", code)
	}
	if resp, _ := e.getResp(c, "/account"); resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Fatalf("GET /account after logout = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	e.clock.Add(30 * time.Second) // the enrolment code's step is spent
	c, next = e.signIn(email, testPassword)
	if next != "/login/2fa?next=%2F" {
		t.Fatalf("login with 2FA redirects to %q", next)
	}
	if resp, _ := e.getResp(c, "/account"); resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("half-signed-in GET /account = %d, want a redirect to sign in", resp.StatusCode)
	}
	code, body = e.get(c, "/login/2fa")
	if code != 200 || !strings.Contains(body, e.cat.T("pl", "account.login2fa.title", nil)) {
		t.Fatalf("GET /login/2fa = %d, not in Polish\n%s", code, body)
	}
	right := e.totpCode(secret)
	wrong := "000000"
	if right == wrong {
		wrong = "111111"
	}
	code, body = e.post(c, "/login/2fa", url.Values{"code": {wrong}, "next": {"/"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, e.cat.T("pl", "account.2fa.code_wrong", nil)) {
		t.Fatalf("wrong code = %d\n%s", code, body)
	}
	resp, _ = e.postResp(c, "/login/2fa", url.Values{"code": {right}, "next": {"/account"}})
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/account" {
		t.Fatalf("right code = %d %s", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, _ := e.get(c, "/account"); code != 200 {
		t.Fatalf("GET /account after 2FA = %d", code)
	}

	// The same code again, on another browser, is a replay.
	e.clock.Add(10 * time.Minute) // refill the second-factor rate limit
	c2, _ := e.signIn(email, testPassword)
	if code, _ := e.post(c2, "/login/2fa", url.Values{"code": {right}}); code != http.StatusUnprocessableEntity {
		t.Errorf("replayed TOTP code = %d, want 422", code)
	}

	// A recovery code works once, typed in upper case with spaces.
	typed := strings.ToUpper(strings.ReplaceAll(recovery[0], "-", " "))
	if code, _ := e.post(c2, "/login/2fa", url.Values{"code": {typed}}); code != http.StatusSeeOther {
		t.Fatalf("recovery code = %d, want 303", code)
	}
	if code, _ := e.get(c2, "/account"); code != 200 {
		t.Fatal("recovery code did not sign in")
	}
	e.clock.Add(10 * time.Minute)
	c3, _ := e.signIn(email, testPassword)
	if code, _ := e.post(c3, "/login/2fa", url.Values{"code": {recovery[0]}}); code != http.StatusUnprocessableEntity {
		t.Errorf("used recovery code = %d, want 422", code)
	}
	if code, _ := e.post(c3, "/login/2fa", url.Values{"code": {recovery[1]}}); code != http.StatusSeeOther {
		t.Errorf("second recovery code = %d, want 303", code)
	}
	code, body = e.get(c3, "/account/2fa")
	if want := e.cat.TN("pl", "account.2fa.recovery_left", 8, nil); code != 200 || !strings.Contains(body, want) {
		t.Errorf("2FA page does not say %q", want)
	}

	// Turning it off needs the password.
	if code, _ := e.post(c3, "/account/2fa/disable", url.Values{"disable_password": {"wrong password!"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("disable with a wrong password = %d, want 422", code)
	}
	if code, _ := e.post(c3, "/account/2fa/disable", url.Values{"disable_password": {testPassword}}); code != http.StatusSeeOther {
		t.Errorf("disable = %d, want 303", code)
	}
	a := e.auditActions()
	if !slices.Contains(a, "user.2fa_disabled") || !slices.Contains(a, "user.recovery_code_used") {
		t.Errorf("audit = %v", a)
	}
	if _, next := e.signIn(email, testPassword); next != "/" {
		t.Errorf("login after disabling 2FA redirects to %q", next)
	}
}

// Signing in always mints a new session id: a cookie planted before
// sign-in is worthless after it.
func TestLoginRotatesSession(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	e.register("ion@primaria-cluj.ro", "Ion", "ro")
	c, _ := e.signIn("ion@primaria-cluj.ro", testPassword)
	first := e.sessionValue(c)
	resp, _ := e.postResp(c, "/login", url.Values{"email": {"ion@primaria-cluj.ro"}, "password": {testPassword}})
	second := e.sessionValue(c)
	if resp.StatusCode != http.StatusSeeOther || first == "" || second == "" || first == second {
		t.Fatalf("second login = %d; cookie %q then %q", resp.StatusCode, first, second)
	}
	for _, ck := range resp.Cookies() {
		if ck.Name == e.srv.sessionCookie() && (!ck.HttpOnly || ck.SameSite != http.SameSiteLaxMode || ck.Path != "/") {
			t.Errorf("session cookie %+v: want HttpOnly, SameSite=Lax, Path=/", ck)
		}
	}
	if _, _, err := e.st.SessionUser(context.Background(), hashOf(first)); err == nil {
		t.Error("the replaced session still works")
	}
}
