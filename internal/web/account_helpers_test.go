package web

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/jobs"
	"github.com/agora-civic/agora/internal/mail"
	"github.com/agora-civic/agora/internal/mail/mailtest"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// testClock is the one clock of an account test: store, server, rate
// limits and TOTP codes all read it, so a test moves time by hand.
type testClock struct {
	mu sync.Mutex
	t  time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.t
}

func (c *testClock) Add(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.t = c.t.Add(d)
}

// swapSender sends through whichever SMTP sender is current, so a test
// can replace a dead mail server with a new one.
type swapSender struct {
	mu sync.Mutex
	s  mail.Sender
}

func (w *swapSender) Send(ctx context.Context, m mail.Message) error {
	w.mu.Lock()
	s := w.s
	w.mu.Unlock()
	return s.Send(ctx, m)
}

func (w *swapSender) set(s mail.Sender) {
	w.mu.Lock()
	defer w.mu.Unlock()
	w.s = s
}

// accountEnv is a testEnv with a settable clock, a real SMTP server and a
// job worker that delivers queued mail when the test drains it.
type accountEnv struct {
	*testEnv
	clock  *testClock
	smtp   *mailtest.Server
	sender *swapSender
	worker *jobs.Worker
}

const testBaseURL = "http://agora.test"

func newAccountEnv(t *testing.T) *accountEnv { return newAccountEnvWith(t, nil) }

// newAccountEnvWith builds the environment; oidc, when not nil, is the
// single sign-on provider.
func newAccountEnvWith(t *testing.T, oidc *auth.OIDCProvider) *accountEnv {
	t.Helper()
	clock := &testClock{t: time.Now().UTC().Truncate(time.Second)}
	st := storetest.OpenWith(t, storetest.Options{Now: clock.Now})
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := auth.NewSealer(map[byte][]byte{1: []byte("0123456789abcdef0123456789abcdef")}, 1)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{BaseURL: testBaseURL, DevMail: true}, Deps{
		Store: st, Catalog: cat, Hasher: auth.TestHasher(), Sealer: sealer, OIDC: oidc, Now: clock.Now,
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	e := &accountEnv{
		testEnv: &testEnv{t: t, st: st, srv: srv, ts: ts, cat: cat, sealer: sealer},
		clock:   clock,
		sender:  &swapSender{},
	}
	e.smtp = e.newSMTP()
	e.worker = jobs.New(st, slog.New(slog.DiscardHandler), jobs.Config{})
	e.worker.Handle(agora.JobEmail, jobs.EmailHandler(st, e.sender, true))
	return e
}

// newSMTP starts a mail server and points the sender at it.
func (e *accountEnv) newSMTP() *mailtest.Server {
	e.t.Helper()
	srv := mailtest.NewServer(e.t)
	host, port := srv.Addr()
	s, err := mail.NewSMTPSender(mail.Config{Host: host, Port: port, TLS: mail.TLSNone, From: "agora <no-reply@agora.test>",
		Timeout: 10 * time.Second, HelloName: "agora.test"})
	if err != nil {
		e.t.Fatal(err)
	}
	e.sender.set(s)
	return srv
}

// drain runs the due jobs, sending queued mail.
func (e *accountEnv) drain() {
	e.t.Helper()
	if _, err := e.worker.RunOnce(context.Background()); err != nil {
		e.t.Fatal(err)
	}
}

// mailFor drains the queue and returns the newest message to addr.
func (e *accountEnv) mailFor(addr string) mailtest.Received {
	e.t.Helper()
	e.drain()
	msgs := e.smtp.Messages()
	for i := len(msgs) - 1; i >= 0; i-- {
		for _, to := range msgs[i].To {
			if to == addr {
				return msgs[i]
			}
		}
	}
	e.t.Fatalf("no mail to %s among %d messages", addr, len(msgs))
	return mailtest.Received{}
}

// mailCount returns how many accepted messages went to addr.
func (e *accountEnv) mailCount(addr string) int {
	n := 0
	for _, m := range e.smtp.Messages() {
		for _, to := range m.To {
			if to == addr {
				n++
			}
		}
	}
	return n
}

var mailLink = regexp.MustCompile(regexp.QuoteMeta(testBaseURL) + `(/[^\s"<>]+)`)

// linkIn returns the path and query of the site link in a message.
func (e *accountEnv) linkIn(m mailtest.Received) string {
	e.t.Helper()
	match := mailLink.FindStringSubmatch(m.Text)
	if match == nil {
		e.t.Fatalf("no link in mail %q:\n%s", m.Subject, m.Text)
	}
	return match[1]
}

// tokenOf returns the token parameter of a link path.
func tokenOf(t *testing.T, link string) string {
	t.Helper()
	u, err := url.Parse(link)
	if err != nil || u.Query().Get("token") == "" {
		t.Fatalf("link %q has no token", link)
	}
	return u.Query().Get("token")
}

// postResp posts a form and returns the whole response, body read.
func (e *accountEnv) postResp(c *http.Client, path string, form url.Values) (*http.Response, string) {
	e.t.Helper()
	req, _ := newPost(e.ts.URL+path, form)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return e.doResp(c, req)
}

func (e *accountEnv) getResp(c *http.Client, path string) (*http.Response, string) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.ts.URL+path, nil)
	return e.doResp(c, req)
}

func (e *accountEnv) doResp(c *http.Client, req *http.Request) (*http.Response, string) {
	e.t.Helper()
	if c == nil {
		c = e.client()
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp, string(b)
}

const testPassword = "zielone jabłko nad Wisłą"

// register signs up through the form and confirms the address by
// following the emailed link; it returns the new user.
func (e *accountEnv) register(email, name, lang string) agora.User {
	e.t.Helper()
	code, body := e.post(nil, "/register", url.Values{"email": {email}, "display_name": {name}, "password": {testPassword}, "lang": {lang}})
	if code != http.StatusSeeOther {
		e.t.Fatalf("POST /register = %d\n%s", code, body)
	}
	link := e.linkIn(e.mailFor(email))
	if code, body := e.post(nil, "/verify", url.Values{"token": {tokenOf(e.t, link)}}); code != http.StatusSeeOther {
		e.t.Fatalf("POST /verify = %d\n%s", code, body)
	}
	u, _, err := e.st.UserByEmail(context.Background(), email)
	if err != nil || !u.Verified() {
		e.t.Fatalf("after verify: %+v, %v", u, err)
	}
	return u
}

// signIn logs in through the form with a fresh client and returns it
// with the response's Location.
func (e *accountEnv) signIn(email, password string) (*http.Client, string) {
	e.t.Helper()
	c := e.client()
	resp, body := e.postResp(c, "/login", url.Values{"email": {email}, "password": {password}})
	if resp.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("POST /login = %d\n%s", resp.StatusCode, body)
	}
	return c, resp.Header.Get("Location")
}

// sessionValue returns the session cookie the client holds, or "".
func (e *accountEnv) sessionValue(c *http.Client) string {
	u, _ := url.Parse(e.ts.URL)
	for _, ck := range c.Jar.Cookies(u) {
		if ck.Name == e.srv.sessionCookie() {
			return ck.Value
		}
	}
	return ""
}

// auditActions lists the audit log's actions, newest first.
func (e *accountEnv) auditActions() []string {
	e.t.Helper()
	log, err := e.st.AuditLog(context.Background(), store.AuditFilter{Limit: 200})
	if err != nil {
		e.t.Fatal(err)
	}
	var out []string
	for _, a := range log {
		out = append(out, a.Action)
	}
	return out
}

func hashOf(token string) string { return auth.HashToken(token) }

// accountSharedData is /work/shared/data seen from this package; CI
// clones the repository with shared/ beside it.
const accountSharedData = "../../../shared/data"

// badInput returns the groups of shared/data/bad-input/payloads.json plus
// invalid-utf8.bin as group "invalid_utf8"; without the shared data, a
// few inline stand-ins so the tests still mean something.
func badInput(tb testing.TB) map[string][]string {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(accountSharedData, "bad-input", "payloads.json"))
	if os.IsNotExist(err) {
		tb.Log("shared/data not present: using inline payloads only")
		return map[string][]string{
			"xss":          {"<script>document.body.remove()</script>", `"><img src=x onerror=document.body.remove()>`},
			"invalid_utf8": {"valid \xc3\x28 \xa0\xa1 \xed\xa0\x80 surrogate"},
		}
	}
	if err != nil {
		tb.Fatal(err)
	}
	var groups map[string][]string
	if err := json.Unmarshal(raw, &groups); err != nil {
		tb.Fatal(err)
	}
	bin, err := os.ReadFile(filepath.Join(accountSharedData, "bad-input", "invalid-utf8.bin"))
	if err != nil {
		tb.Fatal(err)
	}
	groups["invalid_utf8"] = []string{string(bin)}
	return groups
}
