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
	as   string // "anon", "ana" (participant, org admin), "admin" or "officer" (of the consultations' authority)
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

	// Consultations (issue 4).
	{name: "consultations", as: "anon", path: fixed("/consultations")},
	{name: "consultation", as: "anon", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.open.ID })},
	{name: "consultation as officer", as: "officer", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.open.ID })},
	{name: "consultation as participant", as: "ana", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.open.ID })},
	{name: "consultation answered", as: "anon", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.done.ID })},
	{name: "unit open with form", as: "ana", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.open.ID + "/units/art-2.par-1" })},
	{name: "unit closed", as: "ana", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.done.ID + "/units/art-2.par-1" })},
	{name: "comment", as: "ana", path: cpath(func(cx consultFixtures) string {
		return "/consultations/" + cx.open.ID + "/comments/" + cx.openComment.ID
	})},
	{name: "comment with errors", as: "ana", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.open.ID + "/units/art-1.par-1" }),
		status: 422, submit: `document.querySelector('#comment-form form').submit()`},
	{name: "consultation moderation log", as: "anon", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.xss.ID + "/moderation" })},
	{name: "moderation queue", as: "admin", path: fixed("/moderation")},
	{name: "new consultation", as: "officer", path: fixed("/consultations/new")},
	{name: "new consultation with errors", as: "officer", path: fixed("/consultations/new"), status: 422, submit: submitEmpty},
	{name: "draft text", as: "officer", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.draft.ID + "/text" })},
	{name: "publish", as: "officer", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.draft.ID + "/publish" })},
	{name: "answers open", as: "officer", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.open.ID + "/answers" })},
	{name: "answers given", as: "officer", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.done.ID + "/answers" })},
	{name: "new version", as: "officer", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.done.ID + "/versions/new" })},
	{name: "version 1", as: "anon", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.done.ID + "/versions/1" })},
	{name: "version 2", as: "anon", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.done.ID + "/versions/2" })},
	{name: "unit changes", as: "anon", path: cpath(func(cx consultFixtures) string {
		return "/consultations/" + cx.done.ID + "/units/art-2.par-1/changes?v=2"
	})},
	{name: "report", as: "anon", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.done.ID + "/report" })},
	{name: "debate", as: "anon", path: cpath(func(cx consultFixtures) string {
		return "/consultations/" + cx.open.ID + "/debates/" + cx.debate.ID
	})},
	{name: "new debate", as: "officer", path: cpath(func(cx consultFixtures) string { return "/consultations/" + cx.open.ID + "/debates/new" })},
	{name: "transparency report", as: "anon", path: cpath(func(cx consultFixtures) string { return "/orgs/" + cx.authority.ID + "/transparency/2026" })},
	{name: "transparency report as officer", as: "officer", path: cpath(func(cx consultFixtures) string { return "/orgs/" + cx.authority.ID + "/transparency/2026" })},
	{name: "notifications", as: "ana", path: fixed("/notifications")},
	{name: "notification preferences", as: "ana", path: fixed("/account/notifications")},

	// Legislation and watching (issue 5).
	{name: "laws", as: "anon", path: fixed("/laws")},
	{name: "laws search", as: "anon", path: fixed("/laws?q=transparen%C8%9Ba+decizional%C4%83")},
	{name: "laws search polish", as: "anon", path: fixed("/laws?q=po%C5%BCytku+publicznego")},
	{name: "act", as: "anon", path: cpath(func(cx consultFixtures) string { return "/laws/" + cx.law52.ID })},
	{name: "act polish", as: "anon", path: cpath(func(cx consultFixtures) string { return "/laws/" + cx.pozytek.ID })},
	{name: "act article", as: "anon", path: cpath(func(cx consultFixtures) string { return "/laws/" + cx.law52.ID + "/articles/" + cx.law52Article })},
	{name: "watchlists", as: "ana", path: fixed("/watch")},
	{name: "watchlist", as: "ana", path: cpath(func(cx consultFixtures) string { return "/watch/" + cx.watchlist.ID })},
	{name: "monitoring board", as: "ana", path: func(fx fixtures) string { return "/orgs/" + fx.org.ID + "/monitor" }},
}

// cpath builds a page's path from the consultation fixtures.
func cpath(f func(consultFixtures) string) func(fixtures) string {
	return func(fx fixtures) string { return f(fx.cx) }
}

// TestPagesAccessible loads every page type in every language and fails
// on any serious or critical WCAG 2.1 AA violation that axe-core finds.
func TestPagesAccessible(t *testing.T) {
	need(t)
	fx := suite.fx
	tabs := map[string]*tab{
		"anon":    newTab(t, "anon", ""),
		"ana":     newTab(t, "ana", fx.anaCookie),
		"admin":   newTab(t, "admin", fx.adminCookie),
		"officer": newTab(t, "officer", fx.cx.officerCookie),
	}
	for _, tb := range tabs {
		tb.bypassCSP() // axe-core is injected as a script
	}
	for _, lang := range []string{"ro", "pl", "en"} {
		// Signed-in people see their own language setting; visitors the
		// language cookie. Both are set, so every request agrees.
		for _, u := range []string{fx.admin.ID, fx.ana.ID, fx.cx.officer.ID} {
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
