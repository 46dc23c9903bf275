package web

import (
	"context"
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
