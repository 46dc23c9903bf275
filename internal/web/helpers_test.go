package web

import (
	"bytes"
	"context"
	"io"
	"log/slog"
	"net/http"
	"net/http/cookiejar"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// testEnv is a whole agora web server over a fresh database.
type testEnv struct {
	t      *testing.T
	st     *store.Store
	srv    *Server
	ts     *httptest.Server
	cat    *i18n.Catalog
	sealer *auth.Sealer
	logs   *syncBuffer
}

// syncBuffer collects log lines from concurrent handlers.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func newTestEnv(t *testing.T) *testEnv {
	t.Helper()
	st := storetest.Open(t)
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := auth.NewSealer(map[byte][]byte{1: []byte("0123456789abcdef0123456789abcdef")}, 1)
	if err != nil {
		t.Fatal(err)
	}
	logs := &syncBuffer{}
	srv, err := New(Config{BaseURL: "http://agora.test", DevMail: true}, Deps{
		Store: st, Catalog: cat, Hasher: auth.TestHasher(), Sealer: sealer,
		Logger: slog.New(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})),
	})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	return &testEnv{t: t, st: st, srv: srv, ts: ts, cat: cat, sealer: sealer, logs: logs}
}

// client returns an HTTP client with its own cookie jar that does not
// follow redirects, so tests see each 303.
func (e *testEnv) client() *http.Client {
	jar, _ := cookiejar.New(nil)
	return &http.Client{Jar: jar, Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error {
		return http.ErrUseLastResponse
	}}
}

// user creates a verified account with the given platform role.
func (e *testEnv) user(email string, role agora.PlatformRole) agora.User {
	e.t.Helper()
	h, err := auth.TestHasher().Hash("correct horse battery staple")
	if err != nil {
		e.t.Fatal(err)
	}
	u, err := e.st.CreateUser(context.Background(), store.NewUser{
		Email: email, DisplayName: strings.Split(email, "@")[0], PasswordHash: h, Role: role, EmailVerified: true,
	})
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// login mints a session for u directly in the store and returns a client
// carrying its cookie, skipping the login form.
func (e *testEnv) login(u agora.User) *http.Client {
	e.t.Helper()
	plain, hash, err := auth.NewToken()
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.st.CreateSession(context.Background(), agora.Session{IDHash: hash, UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
		e.t.Fatal(err)
	}
	c := e.client()
	base, _ := url.Parse(e.ts.URL)
	c.Jar.SetCookies(base, []*http.Cookie{{Name: e.srv.sessionCookie(), Value: plain, Path: "/"}})
	return c
}

// get fetches a path and returns status and body.
func (e *testEnv) get(c *http.Client, path string) (int, string) {
	e.t.Helper()
	req, _ := http.NewRequest("GET", e.ts.URL+path, nil)
	return e.do(c, req)
}

// post submits a urlencoded form the way a same-origin browser does.
func (e *testEnv) post(c *http.Client, path string, form url.Values) (int, string) {
	e.t.Helper()
	req, _ := http.NewRequest("POST", e.ts.URL+path, strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return e.do(c, req)
}

func (e *testEnv) do(c *http.Client, req *http.Request) (int, string) {
	e.t.Helper()
	if c == nil {
		c = e.client()
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func newPost(u string, form url.Values) (*http.Request, error) {
	req, err := http.NewRequest("POST", u, strings.NewReader(form.Encode()))
	if err == nil {
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	}
	return req, err
}
