package web

import (
	"context"
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/importer"
)

// Members: the organisation's admins see everyone with email, the public
// sees the verified officers only, as on the organisation's page; pages
// follow each other without repeats.
func TestAPIOrganisationMembers(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	ctx := context.Background()
	boss := e.user("primar@example.ro", agora.RoleParticipant)
	btok, _ := e.token(boss, nil)
	r := e.call(btok, "POST", "/api/v1/organisations", map[string]any{"name": "Primăria Comunei Ciurea",
		"kind": "public_authority", "authority_level": "local", "country": "RO", "region": "225"})
	if r.status != 201 {
		t.Fatalf("create authority = %d %s", r.status, r.body)
	}
	id := r.json(t)["id"].(string)
	admin := e.user("admin@example.ro", agora.RoleAdmin)
	var officers []agora.User
	for i, name := range []string{"ofiter1", "ofiter2", "ofiter3", "membru1", "membru2"} {
		u := e.user(name+"@example.ro", agora.RoleParticipant)
		role := agora.OrgOfficer
		if i >= 3 {
			role = agora.OrgMember
		}
		if _, err := e.st.AddOrgMember(ctx, boss.ID, id, u.Email, role, "Consilier <b>juridic</b>"); err != nil {
			t.Fatal(err)
		}
		if i < 2 {
			if err := e.st.VerifyOfficer(ctx, admin.ID, id, u.ID); err != nil {
				t.Fatal(err)
			}
			officers = append(officers, u)
		}
	}
	walk := func(who caller) []map[string]any {
		t.Helper()
		var all []map[string]any
		path := "/api/v1/organisations/" + id + "/members?limit=2"
		for n := 0; path != ""; n++ {
			if n > 10 {
				t.Fatal("pagination does not end")
			}
			r := e.call(who, "GET", path, nil)
			var page apiPage[map[string]any]
			if err := json.Unmarshal(r.body, &page); err != nil || r.status != 200 {
				t.Fatalf("GET %s = %d %s", path, r.status, r.body)
			}
			all = append(all, page.Items...)
			path = ""
			if page.NextCursor != nil {
				path = "/api/v1/organisations/" + id + "/members?limit=2&cursor=" + *page.NextCursor
			}
		}
		return all
	}
	for name, who := range map[string]caller{"organisation admin": btok, "platform admin": e.login(admin)} {
		all := walk(who)
		if len(all) != 6 || all[0]["role"] != "admin" || all[0]["email"] != boss.Email {
			t.Errorf("%s sees %d members, first %v", name, len(all), all[0])
		}
		seen := map[string]bool{}
		for _, m := range all {
			if seen[m["user_id"].(string)] || m["email"] == nil {
				t.Errorf("%s: member %v repeated or without email", name, m)
			}
			seen[m["user_id"].(string)] = true
		}
	}
	stranger := e.user("vecin@example.ro", agora.RoleParticipant)
	stok, _ := e.token(stranger, nil)
	for name, who := range map[string]caller{"anonymous": nil, "stranger": stok} {
		all := walk(who)
		var ids []string
		for _, m := range all {
			if _, ok := m["email"]; ok {
				t.Errorf("%s sees an email: %v", name, m)
			}
			if m["role"] != "officer" || m["verified_at"] == nil || m["title"] != "Consilier <b>juridic</b>" {
				t.Errorf("%s sees %v", name, m)
			}
			ids = append(ids, m["user_id"].(string))
		}
		slices.Sort(ids)
		want := []string{officers[0].ID, officers[1].ID}
		slices.Sort(want)
		if !slices.Equal(ids, want) {
			t.Errorf("%s sees members %v, want the verified officers %v", name, ids, want)
		}
	}
	if r := e.call(nil, "GET", "/api/v1/organisations/"+agora.NewID()+"/members", nil); r.status != 404 {
		t.Errorf("members of an unknown organisation = %d", r.status)
	}
	if r := e.call(nil, "GET", "/api/v1/organisations/"+id+"/members?cursor=x", nil); r.status != 422 {
		t.Errorf("bad cursor = %d", r.status)
	}
}

// Domains come with names in the request language and sorted by them.
func TestAPIDomains(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	for _, lang := range []string{"ro", "pl", "en"} {
		r := e.call(nil, "GET", "/api/v1/domains", nil, "Accept-Language", lang)
		var page apiPage[apiDomain]
		if err := json.Unmarshal(r.body, &page); err != nil || r.status != 200 {
			t.Fatalf("%s: %d %s", lang, r.status, r.body)
		}
		if len(page.Items) != len(e.domains) || page.NextCursor != nil || r.header.Get("Content-Language") != lang {
			t.Fatalf("%s: %d domains, want %d", lang, len(page.Items), len(e.domains))
		}
		names := map[string]string{}
		var folded []string
		for _, d := range page.Items {
			names[d.Slug] = d.Name
			folded = append(folded, agora.Fold(d.Name))
		}
		for _, d := range e.domains {
			if names[d.Slug] != d.Name(lang) {
				t.Errorf("%s: %s named %q, want %q", lang, d.Slug, names[d.Slug], d.Name(lang))
			}
		}
		if !slices.IsSorted(folded) {
			t.Errorf("%s: domains not sorted by name: %v", lang, folded)
		}
	}
	if r := e.call(nil, "GET", "/api/v1/domains?limit=5", nil); r.status != 422 {
		t.Errorf("domains take no limit, got %d", r.status)
	}
}

// Address pickers: units by country, parent, level and folded prefix,
// in pages, from the real SIRUTA file.
func TestAPIAdminUnits(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	fh, err := os.Open("../../../shared/data/admin-units/siruta/siruta.csv")
	if err != nil {
		t.Fatal(err)
	}
	units, _, err := importer.ParseSIRUTA(fh)
	fh.Close()
	if err != nil {
		t.Fatal(err)
	}
	units = slices.DeleteFunc(units, func(u agora.AdminUnit) bool { return u.Level > 1 && u.Region != "225" })
	if _, err := e.st.UpsertAdminUnits(context.Background(), units); err != nil {
		t.Fatal(err)
	}
	list := func(query string) (apiPage[apiAdminUnit], apiResp) {
		t.Helper()
		r := e.call(nil, "GET", "/api/v1/admin-units?"+query, nil)
		var page apiPage[apiAdminUnit]
		if r.status == 200 {
			if err := json.Unmarshal(r.body, &page); err != nil {
				t.Fatal(err)
			}
		}
		return page, r
	}
	page, _ := list("country=RO&level=1&limit=100")
	if len(page.Items) != 42 || page.Items[0].Name != "Alba" {
		t.Errorf("RO counties: %d, first %+v", len(page.Items), page.Items)
	}
	page, _ = list("country=pl&level=1&limit=100")
	if len(page.Items) != 16 {
		t.Errorf("PL voivodeships: %d", len(page.Items))
	}
	page, r := list("country=RO&q=iasi&level=2")
	if len(page.Items) != 1 || page.Items[0].Name != "Iași" || page.Items[0].ParentName != "Iași" || page.Items[0].Kind != "municipiu" {
		t.Errorf("iasi at level 2 = %s", r.body)
	}
	// Children of Iași county, walked in pages of 30 via the Link header.
	seen := map[string]bool{}
	path := "/api/v1/admin-units?country=RO&parent=225&limit=30"
	for n := 0; path != ""; n++ {
		if n > 10 {
			t.Fatal("pagination does not end")
		}
		r := e.call(nil, "GET", path, nil)
		var p apiPage[apiAdminUnit]
		if err := json.Unmarshal(r.body, &p); err != nil {
			t.Fatal(err)
		}
		for _, u := range p.Items {
			if seen[u.Code] || u.ParentCode != "225" || u.Level != 2 {
				t.Errorf("unit %+v repeated or not a child of Iași county", u)
			}
			seen[u.Code] = true
		}
		link := r.header.Get("Link")
		path = ""
		if link != "" {
			path = strings.TrimPrefix(strings.Split(link, ">")[0], "<http://agora.test")
		}
	}
	if len(seen) < 90 {
		t.Errorf("Iași county has %d UATs, want about 98", len(seen))
	}
	for _, tt := range []struct{ query, field, code string }{
		{"", "country", "field.required"}, {"country=HU", "country", "field.invalid_choice"},
		{"country=RO&level=5", "level", "api.level.range"}, {"country=RO&level=x", "level", "api.level.range"},
		{"country=RO&parent=abc", "parent", "field.invalid_choice"}, {"country=RO&cursor=zz", "cursor", "api.cursor.invalid"},
		{"country=RO&limit=1000", "limit", "api.limit.range"}, {"country=RO&q=%00", "q", "field.control_chars"},
	} {
		_, r := list(tt.query)
		if got := r.problemFields(t); r.status != 422 || got[tt.field] != tt.code {
			t.Errorf("?%s = %d %v, want %s on %s", tt.query, r.status, got, tt.code, tt.field)
		}
	}
}

// /me is the caller's own account; email only there.
func TestAPIMe(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	u := e.user("eu@example.ro", agora.RoleModerator)
	tok, _ := e.token(u, nil)
	r := e.call(tok, "GET", "/api/v1/me", nil)
	me := r.json(t)
	if r.status != 200 || me["email"] != "eu@example.ro" || me["role"] != "moderator" || me["email_verified"] != true ||
		me["lang"] != "ro" || me["time_zone"] != "Europe/Bucharest" {
		t.Errorf("GET /me = %d %s", r.status, r.body)
	}
	if !strings.HasSuffix(me["created_at"].(string), "Z") {
		t.Errorf("created_at %v is not UTC", me["created_at"])
	}
	if r := e.call(tok, "GET", "/api/v1/me", nil, "If-None-Match", r.header.Get("ETag")); r.status != 304 {
		t.Errorf("conditional /me = %d", r.status)
	}
	if r := e.call(tok, "GET", "/api/v1/me?x=1", nil); r.status != 422 {
		t.Errorf("/me?x=1 = %d", r.status)
	}
	// The account's language answers when the request names none.
	if err := e.st.SetUserLang(context.Background(), u.ID, "pl"); err != nil {
		t.Fatal(err)
	}
	if r := e.call(tok, "GET", "/api/v1/me/profile?x=1", nil); r.header.Get("Content-Language") != "pl" {
		t.Errorf("language without Accept-Language = %q, want the account's pl", r.header.Get("Content-Language"))
	}
	if r := e.call(tok, "GET", "/api/v1/me/profile?x=1", nil, "Accept-Language", "en"); r.header.Get("Content-Language") != "en" {
		t.Errorf("Accept-Language en gave %q", r.header.Get("Content-Language"))
	}
}
