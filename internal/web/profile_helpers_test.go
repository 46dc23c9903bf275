package web

import (
	"context"
	"encoding/json"
	"html"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// profileDomains are the domains the profile tests use: two real names of
// the ONGHub nomenclature and one marker name found nowhere else.
var profileDomains = []agora.Domain{
	{Slug: "educatie", Names: map[string]string{"ro": "Educație", "pl": "Edukacja", "en": "Education"}},
	{Slug: "mediu", Names: map[string]string{"ro": "Mediu", "pl": "Środowisko", "en": "Environment"}},
	{Slug: "marker-domain", Names: map[string]string{"ro": "Domeniulmarcaj", "pl": "Dziedzinaznacznik", "en": "Domainmarker"}},
}

// profileEnv is a test server with the domains loaded.
func profileEnv(t *testing.T) *testEnv {
	t.Helper()
	e := newTestEnv(t)
	if _, err := e.st.UpsertDomains(context.Background(), profileDomains); err != nil {
		t.Fatal(err)
	}
	return e
}

// profileUser creates a verified account with a display name and an
// interface language (a signed-in person's setting wins over ?lang=).
func profileUser(e *testEnv, name, lang string, role agora.PlatformRole) agora.User {
	e.t.Helper()
	h, err := auth.TestHasher().Hash("correct horse battery staple")
	if err != nil {
		e.t.Fatal(err)
	}
	u, err := e.st.CreateUser(context.Background(), store.NewUser{Email: agora.NewID() + "@example.org", DisplayName: name,
		PasswordHash: h, Lang: lang, Role: role, EmailVerified: true})
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

func saveProfile(e *testEnv, u agora.User, in agora.ProfileInput) {
	e.t.Helper()
	if err := e.st.SaveProfile(context.Background(), u.ID, in); err != nil {
		e.t.Fatalf("SaveProfile(%s): %v", u.DisplayName, err)
	}
}

var (
	cardLinkRE = regexp.MustCompile(`<h3><a href="/people/([a-z2-7]{26})">`)
	nextRE     = regexp.MustCompile(`<a rel="next" href="([^"]+)">`)
	prevRE     = regexp.MustCompile(`<a rel="prev" href="([^"]+)">`)
)

// cardsOf returns the result list of a directory page, without the
// filter form (whose options name every type, language and region).
func cardsOf(body string) string {
	i := strings.Index(body, `<ul class="cards"`)
	if i < 0 {
		return ""
	}
	rest := body[i:]
	if j := strings.Index(rest, "</main>"); j >= 0 {
		rest = rest[:j]
	}
	if j := strings.Index(rest, `<nav class="pager"`); j >= 0 {
		rest = rest[:j]
	}
	return rest
}

// cardIDs returns the people listed on a directory page, in order.
func cardIDs(body string) []string {
	var ids []string
	for _, m := range cardLinkRE.FindAllStringSubmatch(body, -1) {
		ids = append(ids, m[1])
	}
	return ids
}

// mainOf returns the <main> of a page.
func mainOf(body string) string {
	i, j := strings.Index(body, "<main"), strings.Index(body, "</main>")
	if i < 0 || j < i {
		return ""
	}
	return body[i:j]
}

// xssPayloads returns the XSS strings of the shared bad-input file.
func xssPayloads(tb testing.TB) []string {
	tb.Helper()
	b, err := os.ReadFile("/work/shared/data/bad-input/payloads.json")
	if err != nil {
		tb.Skipf("bad-input payloads: %v", err)
	}
	var p map[string][]string
	if err := json.Unmarshal(b, &p); err != nil {
		tb.Fatal(err)
	}
	return p["xss"]
}

// linkTarget undoes the HTML escaping of an href.
func linkTarget(href string) string { return html.UnescapeString(href) }
