package e2e

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// pageCase is one kind of page: who looks at it, where it is and what
// status it must answer. A listed page that does not answer with its
// status fails the suite, so the table only lists pages that exist.
type pageCase struct {
	name string
	as   string // "anon", "ana" (participant, org admin) or "admin"
	path func(fx fixtures) string
	// status is the expected HTTP status; 0 means 200.
	status int64
	// submit, when set, is a script that submits a form of the loaded
	// page without the browser's own validation (the server must catch
	// what the required attributes would have), and the page shown
	// after it is the one checked.
	submit string
}

func fixed(p string) func(fixtures) string { return func(fixtures) string { return p } }

// submitEmpty submits the first POST form of the main area as it is.
const submitEmpty = `document.querySelector('#main form[method=post]').submit()`

// pageCases lists every page type of the site. Add new pages here.
var pageCases = []pageCase{
	{name: "home", as: "anon", path: fixed("/")},
	{name: "about", as: "anon", path: fixed("/about")},
	{name: "privacy", as: "anon", path: fixed("/privacy")},
	{name: "login", as: "anon", path: fixed("/login")},
	{name: "register", as: "anon", path: fixed("/register")},
	{name: "register with errors", as: "anon", path: fixed("/register"), status: 422, submit: submitEmpty},
	{name: "login with errors", as: "anon", path: fixed("/login"), status: 422, submit: submitEmpty},
	{name: "reset", as: "anon", path: fixed("/reset")},
	{name: "not found", as: "anon", path: fixed("/no/such/page"), status: 404},
	{name: "organisations", as: "anon", path: fixed("/orgs")},
	{name: "organisation", as: "anon", path: func(fx fixtures) string { return "/orgs/" + fx.org.ID }},
	{name: "new organisation", as: "ana", path: fixed("/orgs/new")},
	{name: "new organisation with errors", as: "ana", path: fixed("/orgs/new"), status: 422, submit: submitEmpty},
	{name: "organisation edit", as: "ana", path: func(fx fixtures) string { return "/orgs/" + fx.org.ID + "/edit" }},
	{name: "organisation members", as: "ana", path: func(fx fixtures) string { return "/orgs/" + fx.org.ID + "/members" }},
	{name: "organisation audit", as: "ana", path: func(fx fixtures) string { return "/orgs/" + fx.org.ID + "/audit" }},
	{name: "people", as: "anon", path: fixed("/people")},
	{name: "profile", as: "anon", path: func(fx fixtures) string { return "/people/" + fx.ana.ID }},
	{name: "account", as: "ana", path: fixed("/account")},
	{name: "account profile", as: "ana", path: fixed("/account/profile")},
	{name: "account sessions", as: "ana", path: fixed("/account/sessions")},
	{name: "account 2fa", as: "ana", path: fixed("/account/2fa")},
	{name: "account tokens", as: "ana", path: fixed("/account/tokens")},
	{name: "account password", as: "ana", path: fixed("/account/password")},
	{name: "account email", as: "ana", path: fixed("/account/email")},
	{name: "admin dashboard", as: "admin", path: fixed("/admin")},
	{name: "admin users", as: "admin", path: fixed("/admin/users")},
	{name: "admin users with errors", as: "admin", path: fixed("/admin/users?q=" + strings.Repeat("x", 201)), status: 422},
	{name: "admin audit", as: "admin", path: fixed("/admin/audit")},
	{name: "admin sent mail", as: "admin", path: fixed("/admin/mail")},
	{name: "admin verification", as: "admin", path: fixed("/admin/verification")},
}

// TestPagesAccessible loads every page type in every language and fails
// on any serious or critical WCAG 2.1 AA violation that axe-core finds.
func TestPagesAccessible(t *testing.T) {
	need(t)
	fx := suite.fx
	tabs := map[string]*tab{
		"anon":  newTab(t, "anon", ""),
		"ana":   newTab(t, "ana", fx.anaCookie),
		"admin": newTab(t, "admin", fx.adminCookie),
	}
	for _, tb := range tabs {
		tb.bypassCSP() // axe-core is injected as a script
	}
	for _, lang := range []string{"ro", "pl", "en"} {
		// Signed-in people see their own language setting; visitors the
		// language cookie. Both are set, so every request agrees.
		for _, u := range []string{fx.admin.ID, fx.ana.ID} {
			if err := suite.srv.Store.SetUserLang(context.Background(), u, lang); err != nil {
				t.Fatal(err)
			}
		}
		for _, tb := range tabs {
			tb.setCookie("agora_lang", lang)
		}
		for _, pc := range pageCases {
			t.Run(lang+"/"+pc.name, func(t *testing.T) {
				checkPage(tabs[pc.as].within(t, time.Minute), pc, lang)
			})
		}
	}
}

func checkPage(tb *tab, pc pageCase, lang string) {
	tb.t.Helper()
	path := pc.path(suite.fx)
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	want := pc.status
	if want == 0 {
		want = 200
	}
	status, err := tb.visit(path + sep + "lang=" + lang)
	if err != nil {
		tb.fail("%v", err)
	}
	if pc.submit != "" {
		if status != 200 {
			tb.fail("GET %s = %d before submitting, want 200", path, status)
		}
		resp, err := chromedp.RunResponse(tb.ctx, chromedp.Evaluate[chromedp.Void](pc.submit))
		if err != nil {
			tb.fail("submit on %s: %v", path, err)
		}
		status = resp.Status
		if err := chromedp.Do(tb.ctx, chromedp.WaitReady(chromedp.CSS("#main"))); err != nil {
			tb.fail("wait after submit on %s: %v", path, err)
		}
		if want == 422 {
			if err := waitFor(tb, `document.querySelector('.error-summary, .field-error, [aria-invalid=true]') !== null`); err != nil {
				tb.errorf("%s after submit shows no field errors: %v", path, err)
			}
		}
	}
	if status != want {
		tb.fail("%s as %s: status %d, want %d", path, tb.name, status, want)
	}
	if got := eval[string](tb, `document.documentElement.lang`); got != lang {
		tb.errorf("%s: <html lang=%q>, want %q", path, got, lang)
	}
	if vs := tb.axe(); len(vs) > 0 {
		tb.errorf("%s (%s, as %s): %d serious or critical accessibility violations:%s", path, lang, tb.name, len(vs), formatViolations(vs))
	}
}

// waitFor polls a JavaScript condition until it holds, or fails after a
// while; it never sleeps for a fixed time.
func waitFor(tb *tab, cond string) error {
	_, err := chromedp.Run(tb.ctx, chromedp.Poll[bool](cond, chromedp.WithPollingTimeout(10*time.Second)))
	return err
}
