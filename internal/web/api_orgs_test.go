package web

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

// validOrgBody is a Romanian association that passes validation, with the
// real CUI of a test case in identifier_test.go.
func validOrgBody(name string) map[string]any {
	return map[string]any{
		"name": name, "short_name": "APN", "kind": "association", "country": "RO",
		"tax_id": "RO 4267117", "registry_no": "12/A/2003", "street": "Str. Lăpușneanu 14",
		"region": "225", "postal_code": "700057", "website": "apn.ro", "email": "Contact@APN.RO",
		"phone": "+40 232 123 456", "description": "# Despre noi\n\nProtejăm **natura**.", "founded_year": 2003,
	}
}

func badPayloads(t *testing.T) map[string][]string {
	t.Helper()
	b, err := os.ReadFile("../../../shared/data/bad-input/payloads.json")
	if err != nil {
		t.Fatal(err)
	}
	var p map[string][]string
	if err := json.Unmarshal(b, &p); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestAPIOrganisationCreateGetPatch(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	owner := e.user("ana@example.ro", agora.RoleParticipant)
	tok, _ := e.token(owner, nil)
	body := validOrgBody("Asociația Prietenii Naturii Iași")
	body["domains"] = []string{e.domains[0].Slug, e.domains[1].Slug}

	r := e.call(tok, "POST", "/api/v1/organisations", body)
	if r.status != 201 {
		t.Fatalf("POST /organisations = %d %s", r.status, r.body)
	}
	o := r.json(t)
	id, _ := o["id"].(string)
	if loc := r.header.Get("Location"); loc != "/api/v1/organisations/"+id || !agora.ValidID(id) {
		t.Errorf("Location = %q for id %q", loc, id)
	}
	// Normalised by the same rules as the form.
	for k, want := range map[string]any{"tax_id": "4267117", "website": "https://apn.ro", "email": "Contact@apn.ro",
		"region": "225", "region_name": "Iași", "founded_year": 2003.0, "verified": false, "member_count": 1.0} {
		if o[k] != want {
			t.Errorf("created %s = %#v, want %#v", k, o[k], want)
		}
	}

	// GET with ETag and a conditional GET. (Signed in: anonymous reads
	// may come from the page cache, which replays the whole answer.)
	r = e.call(tok, "GET", "/api/v1/organisations/"+id, nil)
	etag := r.header.Get("ETag")
	if r.status != 200 || etag == "" || r.json(t)["name"] != "Asociația Prietenii Naturii Iași" {
		t.Fatalf("GET = %d etag %q %s", r.status, etag, r.body)
	}
	if r := e.call(tok, "GET", "/api/v1/organisations/"+id, nil, "If-None-Match", `W/"x", `+etag); r.status != 304 {
		t.Errorf("conditional GET = %d, want 304", r.status)
	}
	if r := e.call(nil, "GET", "/api/v1/organisations/"+id, nil); r.status != 200 || r.header.Get("ETag") != etag {
		t.Errorf("anonymous GET = %d with ETag %q, want the same representation", r.status, r.header.Get("ETag"))
	}

	// Merge patch: given members change, null clears, absent stay.
	r = e.call(tok, "PATCH", "/api/v1/organisations/"+id,
		`{"short_name": null, "phone": "0232 000 111", "founded_year": null, "domains": []}`,
		"Content-Type", "application/merge-patch+json")
	if r.status != 200 {
		t.Fatalf("PATCH = %d %s", r.status, r.body)
	}
	p := r.json(t)
	if p["short_name"] != "" || p["phone"] != "0232 000 111" || p["founded_year"] != nil || len(p["domains"].([]any)) != 0 {
		t.Errorf("patched = %s", r.body)
	}
	if p["name"] != o["name"] || p["tax_id"] != "4267117" || p["street"] != "Str. Lăpușneanu 14" || p["website"] != "https://apn.ro" {
		t.Errorf("PATCH changed members it did not name: %s", r.body)
	}
	if r := e.call(tok, "GET", "/api/v1/organisations/"+id, nil, "If-None-Match", etag); r.status != 200 {
		t.Errorf("conditional GET after a change = %d, want 200", r.status)
	}

	// A patch that breaks the whole: clearing a required member.
	r = e.call(tok, "PATCH", "/api/v1/organisations/"+id, `{"name": null, "kind": "club"}`)
	if f := r.problemFields(t); r.status != 422 || f["name"] != "field.required" || f["kind"] != "field.invalid_choice" {
		t.Errorf("PATCH clearing name = %d %v", r.status, f)
	}

	// Others may not edit; unknown organisations are 404 before anything.
	stranger := e.user("strainul@example.ro", agora.RoleParticipant)
	stok, _ := e.token(stranger, nil)
	if r := e.call(stok, "PATCH", "/api/v1/organisations/"+id, `{"phone": "0232 000 222"}`); r.status != 403 {
		t.Errorf("stranger PATCH = %d, want 403", r.status)
	}
	if r := e.call(nil, "PATCH", "/api/v1/organisations/"+id, `{"phone": "0232 000 222"}`); r.status != 401 {
		t.Errorf("anonymous PATCH = %d, want 401", r.status)
	}
	admin := e.user("admin@example.ro", agora.RoleAdmin)
	atok, _ := e.token(admin, nil)
	if r := e.call(atok, "PATCH", "/api/v1/organisations/"+id, `{"phone": "0232 000 333"}`); r.status != 200 {
		t.Errorf("platform admin PATCH = %d %s", r.status, r.body)
	}
	for _, missing := range []string{agora.NewID(), "nope", "%2e%2e"} {
		if r := e.call(tok, "GET", "/api/v1/organisations/"+missing, nil); r.status != 404 || r.code(t) != "error.not_found" {
			t.Errorf("GET unknown %q = %d", missing, r.status)
		}
		if r := e.call(tok, "PATCH", "/api/v1/organisations/"+missing, `{}`); r.status != 404 {
			t.Errorf("PATCH unknown %q = %d", missing, r.status)
		}
	}

	// An unverified account may not create organisations, as in HTML.
	newbie := e.unverified("nou@example.ro")
	ntok, _ := e.token(newbie, nil)
	if r := e.call(ntok, "POST", "/api/v1/organisations", validOrgBody("Alt nume")); r.status != 403 || r.code(t) != "error.forbidden" {
		t.Errorf("unverified POST = %d %s", r.status, r.body)
	}
	// The same tax id twice is a field error.
	r = e.call(tok, "POST", "/api/v1/organisations", validOrgBody("Dublura"))
	if f := r.problemFields(t); r.status != 422 || f["tax_id"] != "org.tax_id.taken" {
		t.Errorf("duplicate tax id = %d %v", r.status, f)
	}
}

// Validation errors name the same fields as the HTML form and speak the
// language asked for with Accept-Language or ?lang=.
func TestAPIOrganisationValidationLanguages(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	u := e.user("ion@example.ro", agora.RoleParticipant) // account language ro
	tok, _ := e.token(u, nil)
	bad := map[string]any{"name": "X", "kind": "association", "country": "PL", "tax_id": "5260250994",
		"registry_no": "abc", "postal_code": "00950", "website": "http://127.0.0.1/admin", "founded_year": 1700,
		"domains": []string{"nu-exista"}}
	want := map[string]string{"name": "field.too_short", "tax_id": "id.nip.checksum", "registry_no": "id.krs.format",
		"website": "org.website.host", "founded_year": "org.founded_year.range"}
	for _, tt := range []struct {
		lang string
		hdr  []string
		path string
	}{
		{"ro", nil, ""},
		{"pl", []string{"Accept-Language", "pl-PL,pl;q=0.9"}, ""},
		{"en", []string{"Accept-Language", "en-GB"}, ""},
		{"en", []string{"Accept-Language", "pl"}, "?lang=en"},
	} {
		r := e.call(tok, "POST", "/api/v1/organisations"+tt.path, bad, tt.hdr...)
		if r.status != 422 {
			t.Fatalf("%s: POST = %d %s", tt.lang, r.status, r.body)
		}
		if got := r.header.Get("Content-Language"); got != tt.lang {
			t.Errorf("%s: Content-Language %q", tt.lang, got)
		}
		var p problem
		if err := json.Unmarshal(r.body, &p); err != nil {
			t.Fatal(err)
		}
		if p.Detail != e.cat.T(tt.lang, "error.invalid", nil) {
			t.Errorf("%s: detail %q", tt.lang, p.Detail)
		}
		got := map[string]problemField{}
		for _, f := range p.Errors {
			got[f.Field] = f
		}
		for field, key := range want {
			f, ok := got[field]
			if !ok || f.Code != key {
				t.Errorf("%s: field %s = %+v, want code %s", tt.lang, field, f, key)
				continue
			}
			if f.Message == "" || f.Message == key {
				t.Errorf("%s: %s has no translated message", tt.lang, field)
			}
		}
		args := map[string]any{"min": agora.OrgFoundedMin, "max": agora.OrgFoundedMax}
		if got["founded_year"].Message != e.cat.T(tt.lang, "org.founded_year.range", args) {
			t.Errorf("%s: founded_year message %q", tt.lang, got["founded_year"].Message)
		}
	}
}

// Pages of the directory follow each other without repeating or skipping
// anyone, in body and Link header alike, and honour the filters.
func TestAPIOrganisationPagination(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	u := e.user("paginare@example.ro", agora.RoleParticipant)
	tok, _ := e.token(u, nil)
	names := []string{"Ștefan", "Asociația Ăla", "asociatia Ala", "Łódź Razem", "Zorile", "Iași Verde", "Fundația Țara",
		"Ţara cu sedilă", "ALFA", "alfa", "Beta", "Gamma"}
	for i, n := range names {
		country, kind := "RO", "association"
		if i%3 == 0 {
			country, kind = "PL", "foundation"
		}
		r := e.call(tok, "POST", "/api/v1/organisations", map[string]any{"name": n, "kind": kind, "country": country})
		if r.status != 201 {
			t.Fatalf("create %q = %d %s", n, r.status, r.body)
		}
	}
	seen := map[string]bool{}
	var order []string
	path := "/api/v1/organisations?limit=5"
	for pages := 0; path != ""; pages++ {
		if pages > 10 {
			t.Fatal("pagination does not end")
		}
		r := e.call(nil, "GET", path, nil)
		if r.status != 200 {
			t.Fatalf("GET %s = %d %s", path, r.status, r.body)
		}
		var page apiPage[apiOrg]
		if err := json.Unmarshal(r.body, &page); err != nil {
			t.Fatal(err)
		}
		for _, o := range page.Items {
			if seen[o.ID] {
				t.Errorf("%s seen twice", o.Name)
			}
			seen[o.ID] = true
			order = append(order, agora.Fold(o.Name))
		}
		link := r.header.Get("Link")
		if page.NextCursor == nil {
			if link != "" {
				t.Errorf("last page has Link %q", link)
			}
			path = ""
			continue
		}
		want := "<http://agora.test/api/v1/organisations?cursor=" + url.QueryEscape(*page.NextCursor) + "&limit=5>; rel=\"next\""
		if link != want {
			t.Errorf("Link = %q, want %q", link, want)
		}
		path = strings.TrimPrefix(strings.TrimSuffix(strings.Split(link, ">")[0], ""), "<http://agora.test")
	}
	if len(seen) != len(names) || !slices.IsSorted(order) {
		t.Errorf("paged %d of %d organisations, order %v", len(seen), len(names), order)
	}

	for _, tt := range []struct {
		query string
		want  int
	}{
		{"country=PL", 4}, {"kind=foundation&country=PL", 4}, {"q=tara", 2}, {"q=LODZ", 1}, {"verified=true", 0},
		{"verified=no", len(names)}, {"region=RO-225", 0},
	} {
		r := e.call(nil, "GET", "/api/v1/organisations?limit=100&"+tt.query, nil)
		var page apiPage[apiOrg]
		if err := json.Unmarshal(r.body, &page); err != nil || r.status != 200 {
			t.Fatalf("%s: %d %s", tt.query, r.status, r.body)
		}
		if len(page.Items) != tt.want {
			t.Errorf("%s: %d organisations, want %d", tt.query, len(page.Items), tt.want)
		}
	}
	for _, tt := range []struct{ query, field, code string }{
		{"limit=0", "limit", "api.limit.range"}, {"limit=101", "limit", "api.limit.range"}, {"limit=+5", "limit", "api.limit.range"},
		{"cursor=nonsense", "cursor", "org.cursor.invalid"}, {"kind=club", "kind", "field.invalid_choice"},
		{"region=225", "region", "api.region.needs_country"}, {"region=PL-10&country=RO", "region", "api.region.wrong_country"},
		{"verified=maybe", "verified", "field.invalid_choice"}, {"kidn=association", "kidn", "api.query.unknown"},
		{"limit=5&limit=6", "limit", "api.query.repeated"}, {"=x", `""`, "api.query.unknown"}, {"q=" + strings.Repeat("a", 101), "q", "field.too_long"},
	} {
		r := e.call(nil, "GET", "/api/v1/organisations?"+tt.query, nil)
		if f := r.problemFields(t); r.status != 422 || f[tt.field] != tt.code {
			t.Errorf("?%s = %d %v, want %s on %s", tt.query, r.status, f, tt.code, tt.field)
		}
	}
}

// Stored XSS strings come back byte for byte as JSON strings; the JSON
// is never served as HTML.
func TestAPIOrganisationXSSVerbatim(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	u := e.user("xss@example.ro", agora.RoleParticipant)
	tok, _ := e.token(u, nil)
	for i, payload := range badPayloads(t)["xss"] {
		in := map[string]any{"name": fmt.Sprintf("%d %s", i, payload), "kind": "informal_group", "country": "RO",
			"street": payload, "description": payload}
		r := e.call(tok, "POST", "/api/v1/organisations", in)
		if r.status != 201 {
			t.Errorf("payload %q: POST = %d %s", payload, r.status, r.body)
			continue
		}
		if strings.Contains(string(r.body), "<script") || strings.Contains(string(r.body), "<img") {
			t.Errorf("payload %q: raw markup in the JSON text %s", payload, r.body)
		}
		id := r.json(t)["id"].(string)
		got := e.call(nil, "GET", "/api/v1/organisations/"+id, nil).json(t)
		if got["name"] != in["name"] || got["street"] != strings.TrimSpace(payload) || got["description"] != strings.TrimSpace(payload) {
			t.Errorf("payload %q came back as %q / %q", payload, got["street"], got["description"])
		}
	}
}
