package web

import (
	"context"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"net/url"
	"strings"
	"testing"
)

func TestHomeInEveryLanguage(t *testing.T) {
	e := newTestEnv(t)
	for _, lang := range []string{"ro", "pl", "en"} {
		code, body := e.get(nil, "/?lang="+lang)
		if code != 200 {
			t.Fatalf("GET /?lang=%s = %d\n%s", lang, code, body)
		}
		if !strings.Contains(body, `<html lang="`+lang+`">`) {
			t.Errorf("GET /?lang=%s: page not in %s", lang, lang)
		}
		if want := e.cat.T(lang, "home.title", nil); !strings.Contains(body, want) {
			t.Errorf("GET /?lang=%s: missing title %q", lang, want)
		}
	}
}

func TestUnknownPageIs404InLanguage(t *testing.T) {
	e := newTestEnv(t)
	code, body := e.get(nil, "/no/such/page?lang=pl")
	if code != 404 || !strings.Contains(body, e.cat.T("pl", "error.not_found", nil)) {
		t.Errorf("GET unknown = %d, want 404 with Polish message", code)
	}
}

func TestCrossSitePostRefused(t *testing.T) {
	e := newTestEnv(t)
	req := strings.NewReader(url.Values{"lang": {"en"}}.Encode())
	c := e.client()
	r, _ := c.Post(e.ts.URL+"/lang", "application/x-www-form-urlencoded", req)
	_ = r
	// Same request marked cross-site by the browser.
	hreq, _ := newPost(e.ts.URL+"/lang", url.Values{"lang": {"en"}})
	hreq.Header.Set("Sec-Fetch-Site", "cross-site")
	code, _ := e.do(c, hreq)
	if code != 403 {
		t.Errorf("cross-site POST = %d, want 403", code)
	}
}

func TestHealthAndReady(t *testing.T) {
	e := newTestEnv(t)
	for _, p := range []string{"/healthz", "/readyz"} {
		if code, _ := e.get(nil, p); code != 200 {
			t.Errorf("GET %s = %d", p, code)
		}
	}
	code, body := e.get(nil, "/metrics")
	if code != 200 || !strings.Contains(body, "agora_http_request_duration_seconds") || !strings.Contains(body, `agora_jobs{state="ready"}`) {
		t.Errorf("GET /metrics = %d, missing histogram or job gauge", code)
	}
}

func TestStaticPagesInEveryLanguage(t *testing.T) {
	e := newTestEnv(t)
	for _, p := range []struct{ path, key string }{{"/about", "about.title"}, {"/privacy", "privacy.title"}} {
		for _, lang := range []string{"ro", "pl", "en"} {
			code, body := e.get(nil, p.path+"?lang="+lang)
			if want := e.cat.T(lang, p.key, nil); code != 200 || !strings.Contains(body, want) {
				t.Errorf("GET %s?lang=%s = %d, want 200 with %q", p.path, lang, code, want)
			}
		}
	}
}

func TestUnverifiedAccountSeesBanner(t *testing.T) {
	e := newTestEnv(t)
	u, err := e.st.CreateUser(context.Background(), store.NewUser{Email: "nou@example.ro", DisplayName: "Nou"})
	if err != nil {
		t.Fatal(err)
	}
	banner := e.cat.T("ro", "account.unverified_banner", nil)
	if _, body := e.get(e.login(u), "/?lang=ro"); !strings.Contains(body, banner) {
		t.Error("unverified account sees no banner")
	}
	v := e.user("confirmat@example.ro", agora.RoleParticipant)
	if _, body := e.get(e.login(v), "/?lang=ro"); strings.Contains(body, banner) {
		t.Error("verified account sees the unverified banner")
	}
}
