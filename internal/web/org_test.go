package web

import (
	"context"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"sync"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/store"
)

// orgUnits parses the real SIRUTA and TERYT files once per test binary
// and keeps Iași county, and łódzkie with the localities of the city of
// Łódź only: enough for every address case here, and small enough for
// tests under -race, where modernc SQLite is fifty times slower.
var orgUnits = sync.OnceValues(func() ([]agora.AdminUnit, error) {
	all, _, err := importer.ParseAdminUnitsDir("../../../shared/data/admin-units")
	if err != nil {
		return nil, err
	}
	var out []agora.AdminUnit
	for _, u := range all {
		if u.Country == agora.RO && u.Region == "225" ||
			u.Country == agora.PL && u.Region == "10" && (u.Level < 4 || strings.HasPrefix(u.ParentCode, "1061")) {
			out = append(out, u)
		}
	}
	return out, nil
})

// orgEnv is a test server with real units and domains loaded.
func orgEnv(t *testing.T) *testEnv {
	t.Helper()
	e := newTestEnv(t)
	ctx := context.Background()
	units, err := orgUnits()
	if err != nil {
		t.Fatalf("real admin units: %v", err)
	}
	if _, err := e.st.UpsertAdminUnits(ctx, units); err != nil {
		t.Fatal(err)
	}
	f, err := os.Open(filepath.Join("../../../shared/data/ngo-nomenclatures/json/domains.json"))
	if err != nil {
		t.Fatalf("real domains: %v", err)
	}
	defer f.Close()
	ds, err := importer.ParseDomains(f)
	if err != nil {
		t.Fatal(err)
	}
	var domains []agora.Domain
	for _, d := range ds {
		domains = append(domains, agora.Domain{Slug: d.Slug, Names: d.Names})
	}
	if _, err := e.st.UpsertDomains(ctx, domains); err != nil {
		t.Fatal(err)
	}
	return e
}

// langUser creates a verified account that reads the site in lang.
func (e *testEnv) langUser(email string, role agora.PlatformRole, lang string) agora.User {
	e.t.Helper()
	u := e.user(email, role)
	if err := e.st.SetUserLang(context.Background(), u.ID, lang); err != nil {
		e.t.Fatal(err)
	}
	u.Lang = lang
	return u
}

// mkOrg creates an organisation through the store.
func (e *testEnv) mkOrg(admin agora.User, in agora.OrgInput) agora.Organisation {
	e.t.Helper()
	o, err := e.st.CreateOrg(context.Background(), admin.ID, in)
	if err != nil {
		e.t.Fatalf("CreateOrg(%q): %v", in.Name, err)
	}
	return o
}

// rawKey finds catalogue keys of the org area left untranslated on a page.
var rawKey = regexp.MustCompile(`\b(org|flash)\.[a-z_]+(\.[a-z_]+)*\b`)

// checkPage asserts a page is in lang, contains want, and shows no raw
// organisation key.
func (e *testEnv) checkPage(what string, code int, body, lang string, want ...string) {
	e.t.Helper()
	if code != 200 {
		e.t.Fatalf("%s = %d\n%.2000s", what, code, body)
	}
	if !strings.Contains(body, `<html lang="`+lang+`">`) {
		e.t.Errorf("%s: not in %s", what, lang)
	}
	for _, w := range want {
		if !strings.Contains(body, w) {
			e.t.Errorf("%s: missing %q", what, w)
		}
	}
	// Addresses such as /orgs/x do not match: the key must follow a
	// non-slash boundary.
	for _, m := range rawKey.FindAllStringIndex(body, -1) {
		if m[0] > 0 && (body[m[0]-1] == '/' || body[m[0]-1] == '.') {
			continue
		}
		e.t.Errorf("%s: raw key %q on the page", what, body[m[0]:m[1]])
	}
}

func TestOrgPagesInEveryLanguage(t *testing.T) {
	t.Parallel()
	e := orgEnv(t)
	ctx := context.Background()
	root := e.langUser("root@agora.test", agora.RoleAdmin, "ro")
	owner := e.langUser("owner@agora.test", agora.RoleParticipant, "ro")
	o := e.mkOrg(owner, agora.OrgInput{Name: "Primăria Municipiului Iași", Kind: "public_authority", AuthorityLevel: "local",
		Country: "RO", UnitCode: "95079", TaxID: "4541580", Website: "https://primaria-iasi.ro", FoundedYear: "1990",
		Description: "## Despre\n\nPrimăria **Iașiului**.", Domains: []string{"democratie"}})
	off := e.langUser("officer@agora.test", agora.RoleParticipant, "ro")
	if _, err := e.st.AddOrgMember(ctx, owner.ID, o.ID, off.Email, agora.OrgOfficer, "Consilier"); err != nil {
		t.Fatal(err)
	}
	for _, lang := range []string{"ro", "pl", "en"} {
		for _, u := range []agora.User{root, owner} {
			if err := e.st.SetUserLang(ctx, u.ID, lang); err != nil {
				t.Fatal(err)
			}
		}
		T := func(key string) string { return e.cat.T(lang, key, nil) }
		code, body := e.get(nil, "/orgs?lang="+lang)
		e.checkPage("directory "+lang, code, body, lang, T("org.list.title"), "Primăria Municipiului Iași", T("org.kind.public_authority"))
		code, body = e.get(nil, "/orgs/"+o.ID+"?lang="+lang)
		e.checkPage("show "+lang, code, body, lang, "Primăria Municipiului Iași", "<h4>Despre</h4>", "<strong>Iașiului</strong>",
			T("org.field.tax_id_ro"), "4541580", T("org.not_verified"), T("org.show.officers"), T("org.show.no_officers"), "Iași")
		owned := e.login(owner)
		code, body = e.get(owned, "/orgs/new")
		e.checkPage("new "+lang, code, body, lang, T("org.form.new_title"), T("org.kind.social_economy"), "Łódzkie", "Alba")
		code, body = e.get(owned, "/orgs/"+o.ID+"/edit")
		e.checkPage("edit "+lang, code, body, lang, `value="Primăria Municipiului Iași"`, `name="unit_code" value="95079"`, `value="Iași"`)
		code, body = e.get(owned, "/orgs/"+o.ID+"/members")
		e.checkPage("members "+lang, code, body, lang, "officer@agora.test", T("org.members.officer_pending"), T("org.role.officer"))
		code, body = e.get(owned, "/orgs/"+o.ID+"/audit")
		e.checkPage("audit "+lang, code, body, lang, T("org.create"), T("org.member.add"), "owner")
		code, body = e.get(e.login(root), "/admin/verification")
		e.checkPage("verification "+lang, code, body, lang, "Primăria Municipiului Iași", "officer", "Consilier")
	}
}

func TestOrgDirectorySearchFiltersAndPages(t *testing.T) {
	t.Parallel()
	e := orgEnv(t)
	ctx := context.Background()
	root := e.user("root@agora.test", agora.RoleAdmin)
	owner := e.user("owner@agora.test", agora.RoleParticipant)
	natura := e.mkOrg(owner, agora.OrgInput{Name: "Asociația Natura Iași", Kind: "association", Country: "RO", UnitCode: "95079", Domains: []string{"mediu"}})
	lodz := e.mkOrg(owner, agora.OrgInput{Name: "Fundacja Łódź Obywatelska", Kind: "foundation", Country: "PL", UnitCode: "0957650"})
	if err := e.st.VerifyOrg(ctx, root.ID, lodz.ID); err != nil {
		t.Fatal(err)
	}
	for i := range 23 {
		e.mkOrg(owner, agora.OrgInput{Name: fmt.Sprintf("Grupul de inițiativă %02d", i), Kind: "informal_group", Country: "RO", RegionCode: "225"})
	}
	for _, tt := range []struct {
		query    string
		want     []string
		notWant  []string
		wantCode int
	}{
		{"q=Iasi", []string{natura.Name}, []string{lodz.Name}, 200},
		{"q=IAȘI", []string{natura.Name}, []string{lodz.Name}, 200},
		{"q=Lodz", []string{lodz.Name}, []string{natura.Name}, 200},
		{"q=%C5%81%C3%B3d%C5%BA", []string{lodz.Name}, []string{natura.Name}, 200}, // Łódź
		{"kind=foundation", []string{lodz.Name}, []string{natura.Name}, 200},
		{"country=PL", []string{lodz.Name}, []string{natura.Name}, 200},
		{"region=PL-10", []string{lodz.Name}, []string{natura.Name}, 200},
		{"region=RO-10", nil, []string{lodz.Name, natura.Name}, 200}, // Alba, not łódzkie
		{"domain=mediu", []string{natura.Name}, []string{lodz.Name}, 200},
		{"verified=yes", []string{lodz.Name}, []string{natura.Name}, 200},
		{"q=%25", nil, []string{lodz.Name, natura.Name}, 200},
		{"q=" + url.QueryEscape("' OR '1'='1"), nil, []string{lodz.Name}, 200},
		{"kind=ngo", nil, nil, 422},
		{"region=RO-x", nil, nil, 422},
		{"verified=maybe", nil, nil, 422},
		{"cursor=garbage", []string{natura.Name}, nil, 422},
	} {
		code, body := e.get(nil, "/orgs?lang=en&"+tt.query)
		if code != tt.wantCode {
			t.Errorf("GET /orgs?%s = %d, want %d", tt.query, code, tt.wantCode)
			continue
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("GET /orgs?%s: missing %q", tt.query, w)
			}
		}
		for _, w := range tt.notWant {
			if strings.Contains(body, w) {
				t.Errorf("GET /orgs?%s: has %q", tt.query, w)
			}
		}
	}

	// 23 groups in Iași county: 20 on the first page, 3 on the second,
	// with links that keep the filter and work without JavaScript.
	hrefs := regexp.MustCompile(`<a rel="(prev|next)" href="([^"]+)"`)
	names := regexp.MustCompile(`Grupul de inițiativă \d\d`)
	code, body := e.get(nil, "/orgs?lang=en&kind=informal_group")
	if code != 200 || !strings.Contains(body, "23 organisations") {
		t.Fatalf("page 1 = %d, count missing", code)
	}
	first := names.FindAllString(body, -1)
	links := hrefs.FindAllStringSubmatch(body, -1)
	if len(first) != 20 || len(links) != 1 || links[0][1] != "next" || !strings.Contains(links[0][2], "kind=informal_group") {
		t.Fatalf("page 1: %d names, links %v", len(first), links)
	}
	code, body = e.get(nil, strings.ReplaceAll(links[0][2], "&amp;", "&"))
	second := names.FindAllString(body, -1)
	links = hrefs.FindAllStringSubmatch(body, -1)
	if code != 200 || len(second) != 3 || len(links) != 1 || links[0][1] != "prev" {
		t.Fatalf("page 2 = %d: %d names, links %v", code, len(second), links)
	}
	all := append(first, second...)
	if !slices.IsSorted(all) || len(slices.Compact(slices.Clone(all))) != 23 {
		t.Errorf("pages overlap or are out of order: %v", all)
	}
	code, body = e.get(nil, strings.ReplaceAll(links[0][2], "&amp;", "&"))
	if back := names.FindAllString(body, -1); code != 200 || !slices.Equal(back, first) {
		t.Errorf("back to page 1 = %d, %v", code, back)
	}
}

// storeNewUser is an account whose email is not confirmed.
func storeNewUser(email string) store.NewUser {
	return store.NewUser{Email: email, DisplayName: strings.Split(email, "@")[0]}
}
