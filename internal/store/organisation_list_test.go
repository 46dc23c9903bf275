package store_test

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// orgNames are real-looking names with diacritics, case and duplicates,
// so the (name_fold, id) order has ties to break.
var orgNames = []string{
	"Asociația Natura Iași", "Fundacja Łódź Obywatelska", "asociatia natura iasi", "Ștefan cel Mare Clubul",
	"Zielona Łódź", "Żywa Pamięć", "ONG 100% Voluntar", "Clubul_Sportiv", "Ășez", "Federația ONG-urilor",
}

func TestListOrgsFiltersAndPages(t *testing.T) {
	t.Parallel()
	st := orgStore(t)
	ctx := context.Background()
	ana, root := orgUser(t, st, "ana@example.ro"), orgUser(t, st, "root@example.ro")
	var all []agora.Organisation
	for i := range 57 {
		name := orgNames[i%len(orgNames)]
		if i >= len(orgNames) {
			name = fmt.Sprintf("%s %d", name, i/len(orgNames))
		}
		in := agora.OrgInput{Name: name, Kind: "association", Country: "RO", RegionCode: "225"}
		switch {
		case strings.ContainsAny(name, "ŁłŻż"):
			in.Kind, in.Country, in.RegionCode = "foundation", "PL", "10"
		case i%3 == 0:
			in.Domains = []string{"mediu"}
		case i%7 == 0:
			in.Kind, in.AuthorityLevel = "public_authority", "county"
		}
		o, err := st.CreateOrg(ctx, ana.ID, in)
		if err != nil {
			t.Fatalf("CreateOrg(%q): %v", name, err)
		}
		if i%4 == 0 {
			if err := st.VerifyOrg(ctx, root.ID, o.ID); err != nil {
				t.Fatal(err)
			}
		}
		all = append(all, o)
	}
	// Two orgs with the same folded name must both appear, ordered by id.
	slices.SortFunc(all, func(a, b agora.Organisation) int {
		if c := strings.Compare(agora.Fold(a.Name), agora.Fold(b.Name)); c != 0 && !storetest.Postgres() {
			return c
		}
		return strings.Compare(a.ID, b.ID)
	})

	walk := func(f agora.OrgFilter) []string {
		t.Helper()
		var ids []string
		var pages []store.OrgPage
		for range 100 {
			p, err := st.ListOrgs(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if len(pages) == 0 && p.Prev != "" {
				t.Errorf("first page has a previous page")
			}
			for _, o := range p.Orgs {
				ids = append(ids, o.ID)
			}
			pages = append(pages, p)
			if p.Next == "" {
				break
			}
			f.Cursor = p.Next
		}
		// Walk back from the last page: the same pages in reverse.
		for i := len(pages) - 1; i > 0; i-- {
			f.Cursor = pages[i].Prev
			if f.Cursor == "" {
				t.Fatalf("page %d has no previous page", i)
			}
			p, err := st.ListOrgs(ctx, f)
			if err != nil {
				t.Fatal(err)
			}
			if !sameOrgs(p.Orgs, pages[i-1].Orgs) || (i > 1) != (p.Prev != "") || p.Next == "" {
				t.Errorf("page %d backwards differs from forwards", i-1)
			}
		}
		return ids
	}
	ids := walk(agora.OrgFilter{Limit: 10})
	if len(ids) != 57 {
		t.Fatalf("walked %d orgs, want 57", len(ids))
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			t.Fatalf("org %s listed twice", id)
		}
		seen[id] = true
	}
	if !storetest.Postgres() {
		var want []string
		for _, o := range all {
			want = append(want, o.ID)
		}
		if !slices.Equal(ids, want) {
			t.Errorf("order differs from (name_fold, id)")
		}
	}

	yes, no := true, false
	for _, tt := range []struct {
		name string
		f    agora.OrgFilter
		want func(agora.Organisation) bool
	}{
		{"kind", agora.OrgFilter{Kind: agora.OrgFoundation}, func(o agora.Organisation) bool { return o.Kind == agora.OrgFoundation }},
		{"country", agora.OrgFilter{Country: agora.PL}, func(o agora.Organisation) bool { return o.Country == agora.PL }},
		{"region", agora.OrgFilter{Country: agora.RO, Region: "225"}, func(o agora.Organisation) bool { return o.RegionCode == "225" && o.Country == agora.RO }},
		{"domain", agora.OrgFilter{Domain: "mediu"}, func(o agora.Organisation) bool { return slices.Contains(o.Domains, "mediu") }},
		{"verified", agora.OrgFilter{Verified: &yes}, func(o agora.Organisation) bool { return o.Verified() }},
		{"unverified", agora.OrgFilter{Verified: &no}, func(o agora.Organisation) bool { return !o.Verified() }},
		{"iasi finds Iași", agora.OrgFilter{Query: "Iasi"}, func(o agora.Organisation) bool { return strings.Contains(agora.Fold(o.Name), "iasi") }},
		{"lodz finds Łódź", agora.OrgFilter{Query: "lodz"}, func(o agora.Organisation) bool { return strings.Contains(agora.Fold(o.Name), "lodz") }},
		{"two words any order", agora.OrgFilter{Query: "IAȘI natura"}, func(o agora.Organisation) bool { return strings.Contains(agora.Fold(o.Name), "natura iasi") }},
		{"percent is literal", agora.OrgFilter{Query: "100%"}, func(o agora.Organisation) bool { return strings.Contains(o.Name, "100%") }},
		{"underscore is literal", agora.OrgFilter{Query: "l_s"}, func(o agora.Organisation) bool { return strings.Contains(o.Name, "l_S") }},
		// Unescaped, "_" would match the space in "natura iasi".
		{"underscore matches no space", agora.OrgFilter{Query: "a_i"}, func(agora.Organisation) bool { return false }},
		{"sql injection is text", agora.OrgFilter{Query: "' OR '1'='1"}, func(agora.Organisation) bool { return false }},
		{"combined", agora.OrgFilter{Query: "lodz", Kind: agora.OrgFoundation, Verified: &yes}, func(o agora.Organisation) bool {
			return o.Kind == agora.OrgFoundation && o.Verified() && strings.Contains(agora.Fold(o.Name), "lodz")
		}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			f := tt.f
			f.Limit = 7
			got := walk(f)
			var want []string
			for _, o := range all {
				// Re-read: verification and domains changed after creation.
				fresh, err := st.Org(ctx, o.ID)
				if err != nil {
					t.Fatal(err)
				}
				if tt.want(fresh) {
					want = append(want, o.ID)
				}
			}
			slices.Sort(got)
			slices.Sort(want)
			if !slices.Equal(got, want) {
				t.Errorf("ListOrgs(%+v) = %d orgs, want %d", tt.f, len(got), len(want))
			}
			p, _ := st.ListOrgs(ctx, tt.f)
			n, err := st.CountOrgs(ctx, tt.f)
			if p.Total != len(want) || n != len(want) || err != nil {
				t.Errorf("Total = %d, CountOrgs = %d, %v; want %d", p.Total, n, err, len(want))
			}
		})
	}
	for _, c := range []string{"garbage", "eyJpIjoiIn0", strings.Repeat("A", 2000)} {
		if _, err := st.ListOrgs(ctx, agora.OrgFilter{Cursor: c}); agora.AsError(err).Key != "org.cursor.invalid" {
			t.Errorf("cursor %q = %v, want org.cursor.invalid", c, err)
		}
	}
}

func sameOrgs(a, b []agora.Organisation) bool {
	return slices.EqualFunc(a, b, func(x, y agora.Organisation) bool { return x.ID == y.ID })
}

// Orgs added while someone pages neither repeat nor hide the rows after
// the cursor.
func TestListOrgsStableUnderInserts(t *testing.T) {
	t.Parallel()
	st := storetest.OpenWith(t, storetest.Options{Now: func() time.Time { return time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC) }})
	ctx := context.Background()
	ana := orgUser(t, st, "ana@example.ro")
	for _, n := range []string{"Beta", "Delta", "Gamma", "Omega"} {
		if _, err := st.CreateOrg(ctx, ana.ID, agora.OrgInput{Name: n, Kind: "association", Country: "RO"}); err != nil {
			t.Fatal(err)
		}
	}
	p1, err := st.ListOrgs(ctx, agora.OrgFilter{Limit: 2})
	if err != nil || len(p1.Orgs) != 2 || p1.Orgs[1].Name != "Delta" {
		t.Fatalf("page 1 = %+v, %v", p1, err)
	}
	for _, n := range []string{"Alfa", "Epsilon"} {
		if _, err := st.CreateOrg(ctx, ana.ID, agora.OrgInput{Name: n, Kind: "association", Country: "RO"}); err != nil {
			t.Fatal(err)
		}
	}
	p2, err := st.ListOrgs(ctx, agora.OrgFilter{Limit: 2, Cursor: p1.Next})
	if err != nil || len(p2.Orgs) != 2 || p2.Orgs[0].Name != "Epsilon" || p2.Orgs[1].Name != "Gamma" || p2.Total != 6 {
		t.Errorf("page 2 = %+v, %v", p2.Orgs, err)
	}
}
