package e2e

import (
	"context"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
)

// The first Tab on a page reaches the skip link, and following it puts
// the keyboard focus in the main content.
func TestKeyboardSkipLink(t *testing.T) {
	need(t)
	for _, who := range []struct{ name, cookie, path string }{
		{"anon", "", "/?lang=ro"},
		{"admin", suite.fx.adminCookie, "/admin/users"},
	} {
		t.Run(who.name, func(t *testing.T) {
			tb := newTab(t, who.name, who.cookie).within(t, time.Minute)
			if _, err := tb.visit(who.path); err != nil {
				tb.fail("%v", err)
			}
			if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.Tab)); err != nil {
				tb.fail("press Tab: %v", err)
			}
			if err := waitFor(tb, `document.activeElement !== null && document.activeElement.classList.contains('skip-link')`); err != nil {
				tb.fail("first Tab focuses %q, want the skip link: %v", eval[string](tb, `document.activeElement ? document.activeElement.outerHTML.slice(0, 120) : ''`), err)
			}
			if vis := eval[bool](tb, `(() => { const r = document.activeElement.getBoundingClientRect(); return r.left >= 0 && r.width > 0 })()`); !vis {
				tb.errorf("the focused skip link is off screen")
			}
			if err := chromedp.Do(tb.ctx, chromedp.KeyEvent(kb.Enter)); err != nil {
				tb.fail("press Enter: %v", err)
			}
			if err := waitFor(tb, `document.activeElement === document.getElementById('main')`); err != nil {
				tb.fail("after the skip link focus is on %q, want main: %v", eval[string](tb, `document.activeElement ? document.activeElement.tagName + '#' + document.activeElement.id : ''`), err)
			}
		})
	}
}

// xssProbe is true while no payload has run: the body is there and
// shown, the main landmark too, and no <base> redirects the links.
const xssProbe = `document.body !== null && document.getElementById('main') !== null &&
	getComputedStyle(document.body).display !== 'none' && document.querySelector('base') === null`

// Stored XSS: names and texts made of the payloads of shared/data must
// show as text. The pages are loaded with the Content-Security-Policy
// turned off, so that escaping alone is tested; a payload that ran would
// remove or hide the body, or open a dialog.
func TestStoredXSSIsInert(t *testing.T) {
	need(t)
	fx := suite.fx
	var paths []string
	paths = append(paths, "/admin/users?q=xss", "/people", "/orgs", "/orgs?q="+url.QueryEscape("<"))
	for _, u := range fx.xssUsers {
		paths = append(paths, "/people/"+u.ID)
	}
	for _, o := range fx.xssOrgs {
		paths = append(paths, "/orgs/"+o.ID)
	}
	for _, p := range fx.payloads {
		paths = append(paths, "/admin/users?q="+url.QueryEscape(p), "/orgs?q="+url.QueryEscape(p), "/people?q="+url.QueryEscape(p))
	}
	cx := fx.cx
	cpage := "/consultations/" + cx.xss.ID
	paths = append(paths, cpage, cpage+"/units/art-2.par-1", cpage+"/units/art-2.par-1/changes?v=2", cpage+"/report",
		cpage+"/moderation", cpage+"/versions/2", "/moderation", "/consultations?q="+url.QueryEscape("<script>"))
	for _, c := range cx.xssComments {
		paths = append(paths, cpage+"/comments/"+c.ID)
	}
	t.Logf("%d payloads, %d organisations accepted them, %d pages", len(fx.payloads), len(fx.xssOrgs), len(paths))
	assertInert(newTab(t, "admin", fx.adminCookie).within(t, 8*time.Minute), paths)
	// The authority's own pages: the answers workspace and the report
	// preview show every recommendation to the officer.
	assertInert(newTab(t, "officer", cx.officerCookie).within(t, 2*time.Minute), []string{cpage + "/answers", cpage + "/report", cpage})
}

// assertInert loads each path with the CSP off and fails when a payload
// ran.
func assertInert(tb *tab, paths []string) {
	tb.t.Helper()
	tb.bypassCSP()
	var mu sync.Mutex
	var dialogs []string
	dctx, stop := context.WithCancel(tb.ctx)
	defer stop()
	events := chromedp.Events(dctx, page.JavascriptDialogOpening)
	go func() {
		for ev, err := range events {
			if err != nil {
				return
			}
			mu.Lock()
			dialogs = append(dialogs, ev.Type.String()+": "+ev.Message)
			mu.Unlock()
			_, _ = chromedp.Call(dctx, page.HandleJavaScriptDialog, page.HandleJavaScriptDialogParams{Accept: false})
		}
	}()
	for _, p := range paths {
		status, err := tb.visit(p)
		if err != nil {
			tb.errorf("%s: %v (did a payload break the page?)", p, err)
			continue
		}
		if status != 200 {
			tb.errorf("%s: status %d", p, status)
		}
		if !eval[bool](tb, xssProbe) {
			tb.errorf("%s: a payload ran: the body is gone or hidden, or a <base> was injected", p)
		}
		mu.Lock()
		if len(dialogs) > 0 {
			tb.errorf("%s: a JavaScript dialog opened: %q", p, dialogs)
			dialogs = nil
		}
		mu.Unlock()
	}
}

// Without JavaScript the language switcher, a plain form, still works.
func TestLanguageSwitcherWithoutJavaScript(t *testing.T) {
	need(t)
	tb := newTab(t, "nojs", "").within(t, time.Minute)
	if _, err := chromedp.Call(tb.ctx, emulation.SetScriptExecutionDisabled, emulation.SetScriptExecutionDisabledParams{Value: true}); err != nil {
		t.Fatal(err)
	}
	if _, err := tb.visit("/orgs"); err != nil {
		tb.fail("%v", err)
	}
	for _, lang := range []string{"pl", "ro", "en"} {
		resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(`form.lang-switch button[value="`+lang+`"]`), chromedp.NodeReady))
		if err != nil {
			tb.fail("switch to %s: %v", lang, err)
		}
		if resp.Status != 200 {
			tb.fail("after switching to %s: status %d", lang, resp.Status)
		}
		if err := chromedp.Do(tb.ctx, chromedp.WaitReady(chromedp.CSS(`html[lang="`+lang+`"]`))); err != nil {
			tb.fail("page not in %s after the switch: %v", lang, err)
		}
		loc, err := chromedp.Run(tb.ctx, chromedp.Location())
		if err != nil || pathOf(loc) != "/orgs_" {
			tb.errorf("after switching to %s the browser is at %q, want back on /orgs", lang, loc)
		}
	}
}

// The checks must catch what they claim to catch: axe-core reports a
// page broken on purpose, and the XSS probe notices a removed body.
func TestDetectorsWork(t *testing.T) {
	need(t)
	tb := newTab(t, "selfcheck", "").within(t, time.Minute)
	tb.bypassCSP()
	if _, err := tb.visit("/?lang=en"); err != nil {
		tb.fail("%v", err)
	}
	eval[bool](tb, `(() => {
		const m = document.getElementById('main');
		m.insertAdjacentHTML('beforeend', '<img src="/static/none.png"><input type="text"><p style="color:#eee;background:#fff">faint</p>');
		return true })()`)
	ids := map[string]bool{}
	for _, v := range tb.axe() {
		ids[v.ID] = true
	}
	for _, want := range []string{"image-alt", "label", "color-contrast"} {
		if !ids[want] {
			t.Errorf("axe-core did not report %s on a page broken on purpose (got %v)", want, ids)
		}
	}
	if !eval[bool](tb, xssProbe) {
		t.Error("XSS probe fails on an intact page")
	}
	eval[bool](tb, `document.body.remove(), true`)
	if eval[bool](tb, xssProbe) {
		t.Error("XSS probe did not notice the body was removed")
	}
}
