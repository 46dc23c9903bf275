// Package e2e holds agora's browser tests: chromedp drives Debian's
// headless Chromium through the real web server, runs axe-core on every
// kind of page in Romanian, Polish and English, and checks keyboard use,
// stored-XSS payloads and the site without JavaScript.
//
// The tests skip when Chromium is missing, unless AGORA_E2E=1 (CI), which
// turns a missing browser or axe-core into a failure. axe-core comes from
// npm: run `npm ci` in this directory first.
package e2e

import (
	"context"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"sync"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/web"
)

// Server is the whole agora web server on a loopback port over a fresh
// SQLite file, as `agora serve` builds it, minus the job worker.
type Server struct {
	URL string
	// Clock is the server's clock: tests move it past a deadline.
	Clock   *Clock
	Store   *store.Store
	Catalog *i18n.Catalog
	Web     *web.Server
	ts      *httptest.Server
}

// SessionCookie is the session cookie's name when cookies are not Secure,
// as on a plain-HTTP test server.
const SessionCookie = "agora_session"

// StartServer opens a new database in dir and serves agora on
// 127.0.0.1. DevMail is on so the admin's sent-mail page exists.
func StartServer(ctx context.Context, dir string) (*Server, error) {
	clock := &Clock{}
	st, err := store.Open(ctx, store.Config{Path: filepath.Join(dir, "agora.db"), FastUnsafe: true, Now: clock.Now})
	if err != nil {
		return nil, err
	}
	cat, err := i18n.Load()
	if err != nil {
		st.Close()
		return nil, err
	}
	sealer, err := auth.LoadOrCreateKeyFile(filepath.Join(dir, "secret.key"))
	if err != nil {
		st.Close()
		return nil, err
	}
	ts := httptest.NewUnstartedServer(nil)
	base := "http://" + ts.Listener.Addr().String()
	srv, err := web.New(web.Config{BaseURL: base, DevMail: true}, web.Deps{
		Store: st, Catalog: cat, Hasher: auth.TestHasher(), Sealer: sealer, Now: clock.Now,
	})
	if err != nil {
		st.Close()
		return nil, err
	}
	ts.Config.Handler = srv.Handler()
	ts.Config.ReadHeaderTimeout = 10 * time.Second
	ts.Start()
	return &Server{URL: base, Clock: clock, Store: st, Catalog: cat, Web: srv, ts: ts}, nil
}

// Close stops the server and closes the database.
func (s *Server) Close() {
	s.ts.Close()
	s.Store.Close()
}

// Login mints a session for the user directly in the store, the way the
// login form would after a correct password, and returns the cookie
// value to give the browser.
func (s *Server) Login(ctx context.Context, userID string) (string, error) {
	plain, hash, err := auth.NewToken()
	if err != nil {
		return "", err
	}
	err = s.Store.CreateSession(ctx, agora.Session{IDHash: hash, UserID: userID, ExpiresAt: s.Clock.Now().Add(2 * time.Hour), UserAgent: "e2e"})
	if err != nil {
		return "", fmt.Errorf("e2e: session: %w", err)
	}
	return plain, nil
}

// Status fetches a path without a browser and returns the status code,
// for checks that need no rendering.
func (s *Server) Status(path string, cookie string) (int, error) {
	req, err := http.NewRequest(http.MethodGet, s.URL+path, nil)
	if err != nil {
		return 0, err
	}
	if cookie != "" {
		req.AddCookie(&http.Cookie{Name: SessionCookie, Value: cookie})
	}
	c := &http.Client{Timeout: 30 * time.Second, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := c.Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

// Clock is real time shifted by an offset the test sets, so a browser
// test can jump past a consultation's deadline while the server keeps
// ticking.
type Clock struct {
	mu     sync.Mutex
	offset time.Duration
}

// Now is the shifted time.
func (c *Clock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return time.Now().Add(c.offset)
}

// Advance moves the clock forward by d.
func (c *Clock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.offset += d
}
