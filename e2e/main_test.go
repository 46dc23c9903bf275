package e2e

import (
	"context"
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/cdproto/emulation"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/page"
	"github.com/chromedp/chromedp"
)

// suite is what TestMain sets up once for every test: one server, one
// browser and the fixture accounts. It is the test binary's only shared
// state, written before m.Run and only read by the tests; skip says why
// the tests cannot run.
var suite struct {
	srv     *Server
	browser context.Context
	axe     string
	fx      fixtures
	shots   string
	skip    string
}

// chromiumPath finds Debian's Chromium, or a browser named by
// AGORA_CHROMIUM.
func chromiumPath() string {
	if p := os.Getenv("AGORA_CHROMIUM"); p != "" {
		return p
	}
	for _, p := range []string{"/usr/bin/chromium", "/usr/bin/chromium-browser"} {
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	if p, err := exec.LookPath("chromium"); err == nil {
		return p
	}
	return ""
}

func TestMain(m *testing.M) {
	os.Exit(runMain(m))
}

func runMain(m *testing.M) int {
	required := os.Getenv("AGORA_E2E") == "1"
	problem := func(msg string) int {
		if required {
			fmt.Fprintln(os.Stderr, "e2e: AGORA_E2E=1 but", msg)
			return 1
		}
		suite.skip = msg
		return m.Run()
	}
	chrome := chromiumPath()
	if chrome == "" {
		return problem("chromium was not found (apt-get install chromium)")
	}
	axe, err := os.ReadFile(filepath.Join("node_modules", "axe-core", "axe.min.js"))
	if err != nil {
		return problem("axe-core is not installed (run npm ci in e2e/): " + err.Error())
	}
	suite.axe = string(axe)

	dir, err := os.MkdirTemp("", "agora-e2e-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	defer os.RemoveAll(dir)
	ctx := context.Background()
	srv, err := StartServer(ctx, dir)
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e: start server:", err)
		return 1
	}
	defer srv.Close()
	suite.srv = srv
	if suite.fx, err = seed(ctx, srv); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: fixtures:", err)
		return 1
	}

	profile := filepath.Join(dir, "chromium-profile")
	alloc, cancelAlloc := chromedp.NewExecAllocator(ctx,
		chromedp.ExecPath(chrome),
		chromedp.Headless,
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.NoFirstRun,
		chromedp.NoDefaultBrowserCheck,
		chromedp.Flag("disable-quic", true),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("disable-extensions", true),
		chromedp.Flag("disable-dev-shm-usage", true),
		chromedp.Flag("disable-features", "Translate"),
		chromedp.Flag("password-store", "basic"),
		chromedp.UserDataDir(profile),
		chromedp.WindowSize(1280, 900),
	)
	defer cancelAlloc()
	browser, cancelBrowser := chromedp.NewContext(alloc)
	defer cancelBrowser()
	// The first Do starts the browser and binds it to this context, so
	// it must be one without a deadline.
	if err := chromedp.Do(browser); err != nil {
		fmt.Fprintln(os.Stderr, "e2e: start chromium:", err)
		return 1
	}
	suite.browser = browser

	suite.shots, err = os.MkdirTemp("", "agora-e2e-screenshots-")
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", err)
		return 1
	}
	code := m.Run()
	if entries, _ := os.ReadDir(suite.shots); len(entries) == 0 {
		os.Remove(suite.shots)
	} else {
		fmt.Fprintf(os.Stderr, "e2e: screenshots of failures are in %s\n", suite.shots)
	}
	return code
}

// need skips the test when the suite could not start a browser.
func need(t *testing.T) {
	t.Helper()
	if suite.skip != "" {
		t.Skip("e2e: " + suite.skip)
	}
}

// tab is a browser tab with its own cookie jar (a new browser context),
// signed in with cookie when not empty, closed at the end of the test.
// Tests bound their actions in it with within, so a hung page fails its
// test instead of the whole run.
type tab struct {
	t      *testing.T
	ctx    context.Context
	name   string
	cookie string
}

func newTab(t *testing.T, name, cookie string) *tab {
	t.Helper()
	ctx, cancel := chromedp.NewContext(suite.browser, chromedp.WithNewBrowserContext())
	t.Cleanup(cancel)
	if err := chromedp.Do(ctx); err != nil {
		t.Fatalf("open tab: %v", err)
	}
	tb := &tab{t: t, ctx: ctx, name: name, cookie: cookie}
	if _, err := chromedp.Call(ctx, emulation.SetFocusEmulationEnabled, emulation.SetFocusEmulationEnabledParams{Enabled: true}); err != nil {
		t.Fatalf("focus emulation: %v", err)
	}
	if cookie != "" {
		tb.setCookie(SessionCookie, cookie)
	}
	return tb
}

// within returns the tab for test t with a deadline of d for everything
// t does in it. The browser and the tab outlive the deadline: only the
// actions are bounded.
func (tb *tab) within(t *testing.T, d time.Duration) *tab {
	ctx, cancel := context.WithTimeout(tb.ctx, d)
	t.Cleanup(cancel)
	c := *tb
	c.t, c.ctx = t, ctx
	return &c
}

func (tb *tab) setCookie(name, value string) {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, network.SetCookie, network.SetCookieParams{Name: name, Value: value, URL: suite.srv.URL + "/"}); err != nil {
		tb.t.Fatalf("set cookie %s: %v", name, err)
	}
}

// bypassCSP turns the page's Content-Security-Policy off, for injecting
// axe-core and for XSS checks that must test escaping on its own.
func (tb *tab) bypassCSP() {
	tb.t.Helper()
	if _, err := chromedp.Call(tb.ctx, page.SetBypassCSP, page.SetBypassCSPParams{Enabled: true}); err != nil {
		tb.t.Fatalf("bypass CSP: %v", err)
	}
}

// visit loads path and waits for the main landmark; it returns the HTTP
// status of the document.
func (tb *tab) visit(path string) (int64, error) {
	resp, err := chromedp.RunResponse(tb.ctx, chromedp.Navigate(suite.srv.URL+path))
	if err != nil {
		return 0, fmt.Errorf("navigate %s: %w", path, err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.WaitReady(chromedp.CSS("#main"))); err != nil {
		return resp.Status, fmt.Errorf("wait for #main on %s: %w", path, err)
	}
	return resp.Status, nil
}

// eval runs JavaScript in the page and decodes its value.
func eval[T any](tb *tab, js string) T {
	tb.t.Helper()
	v, err := chromedp.Run(tb.ctx, chromedp.Evaluate[T](js, chromedp.EvalAwaitPromise))
	if err != nil {
		tb.fail("evaluate %.60q: %v", js, err)
	}
	return v
}

var unsafeName = regexp.MustCompile(`[^a-zA-Z0-9_.-]+`)

// fail saves a screenshot of the tab and fails the test.
func (tb *tab) fail(format string, args ...any) {
	tb.t.Helper()
	tb.screenshot()
	tb.t.Fatalf(format, args...)
}

// errorf saves a screenshot and marks the test failed, going on.
func (tb *tab) errorf(format string, args ...any) {
	tb.t.Helper()
	tb.screenshot()
	tb.t.Errorf(format, args...)
}

func (tb *tab) screenshot() {
	if suite.shots == "" {
		return
	}
	buf, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(80))
	if err != nil {
		tb.t.Logf("screenshot: %v", err)
		return
	}
	loc, _ := chromedp.Run(tb.ctx, chromedp.Location())
	name := unsafeName.ReplaceAllString(tb.t.Name()+"_"+tb.name+"_"+pathOf(loc), "_")
	if len(name) > 150 {
		name = name[:150]
	}
	p := filepath.Join(suite.shots, fmt.Sprintf("%s_%d.jpg", name, time.Now().UnixNano()))
	if err := os.WriteFile(p, buf, 0o644); err == nil {
		tb.t.Logf("screenshot: %s", p)
	}
}

func pathOf(loc string) string {
	u, err := url.Parse(loc)
	if err != nil {
		return loc
	}
	return u.Path + "_" + u.RawQuery
}

// violation is one failed axe-core rule.
type violation struct {
	ID     string   `json:"id"`
	Impact string   `json:"impact"`
	Help   string   `json:"help"`
	Nodes  []string `json:"nodes"`
}

// axeRun checks the page against WCAG 2.1 A and AA and keeps what
// violates it, with a few offending elements each.
const axeRun = `axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}, resultTypes: ['violations']})
  .then(r => r.violations.map(v => ({id: v.id, impact: v.impact || '', help: v.help,
    nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ') + '  ' + n.html.slice(0, 200))})))`

// axe runs axe-core on the loaded page and returns its serious and
// critical violations.
func (tb *tab) axe() []violation {
	tb.t.Helper()
	if !eval[bool](tb, `typeof axe !== 'undefined'`) {
		if _, err := chromedp.Run(tb.ctx, chromedp.Evaluate[chromedp.Void](suite.axe+"\n;true")); err != nil {
			tb.fail("inject axe-core: %v", err)
		}
	}
	raw := eval[[]byte](tb, axeRun)
	var all []violation
	if err := json.Unmarshal(raw, &all); err != nil {
		tb.fail("axe result: %v\n%s", err, raw)
	}
	var bad []violation
	for _, v := range all {
		if v.Impact == "serious" || v.Impact == "critical" {
			bad = append(bad, v)
		}
	}
	return bad
}

func formatViolations(vs []violation) string {
	var b strings.Builder
	for _, v := range vs {
		fmt.Fprintf(&b, "\n  [%s] %s: %s", v.Impact, v.ID, v.Help)
		for _, n := range v.Nodes {
			fmt.Fprintf(&b, "\n      %s", n)
		}
	}
	return b.String()
}
