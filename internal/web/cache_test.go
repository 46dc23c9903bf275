package web

import (
	"context"
	"net/http"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

// The page cache may speed pages up but never show stale content after
// a change, nor one person's page to another.
func TestPageCacheFollowsChanges(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	admin := e.user("cache-admin@example.ro", agora.RoleAdmin)
	if _, err := e.st.CreateOrg(ctx, admin.ID, agora.OrgInput{Name: "Asociația Întâi", Kind: "association", Country: "RO", RegionCode: "127"}); err != nil {
		t.Fatal(err)
	}
	_, first := e.get(nil, "/orgs?lang=ro")
	if !strings.Contains(first, "Asociația Întâi") {
		t.Fatal("directory misses the organisation")
	}
	before := e.st.Queries().Count()
	_, again := e.get(nil, "/orgs?lang=ro")
	if e.st.Queries().Count() != before {
		t.Errorf("second anonymous view ran %d statements, want 0 (cached)", e.st.Queries().Count()-before)
	}
	if again != first {
		t.Error("cached page differs from the first render")
	}
	if _, err := e.st.CreateOrg(ctx, admin.ID, agora.OrgInput{Name: "Fundația A Doua", Kind: "foundation", Country: "RO", RegionCode: "127"}); err != nil {
		t.Fatal(err)
	}
	if _, after := e.get(nil, "/orgs?lang=ro"); !strings.Contains(after, "Fundația A Doua") {
		t.Error("page cache served a stale directory after a change")
	}
	// Another language is another page.
	if _, pl := e.get(nil, "/orgs?lang=pl"); !strings.Contains(pl, `lang="pl"`) {
		t.Error("cache mixed languages")
	}
	// Signed-in viewers never get the anonymous copy.
	c := e.login(admin)
	if _, mine := e.get(c, "/orgs?lang=ro"); !strings.Contains(mine, `action="/logout"`) {
		t.Error("signed-in viewer got the anonymous cached page")
	}
}

// A conditional request for a cached page still gets its 304.
func TestPageCacheHonoursIfNoneMatch(t *testing.T) {
	e := newTestEnv(t)
	ctx := context.Background()
	admin := e.user("etag-admin@example.ro", agora.RoleAdmin)
	o, err := e.st.CreateOrg(ctx, admin.ID, agora.OrgInput{Name: "Asociația Etag", Kind: "association", Country: "RO", RegionCode: "127"})
	if err != nil {
		t.Fatal(err)
	}
	c := e.client()
	resp, err := c.Get(e.ts.URL + "/api/v1/organisations/" + o.ID)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	etag := resp.Header.Get("ETag")
	if etag == "" {
		t.Fatal("no ETag on an organisation")
	}
	for i := 0; i < 2; i++ { // first from the handler's cache entry, then again
		req, _ := http.NewRequest("GET", e.ts.URL+"/api/v1/organisations/"+o.ID, nil)
		req.Header.Set("If-None-Match", etag)
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != http.StatusNotModified {
			t.Errorf("conditional GET #%d = %d, want 304", i+1, resp.StatusCode)
		}
	}
}
