package web

import (
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

var htmlPersonLink = regexp.MustCompile(`<h3><a href="/people/([^"]+)">`)

// peopleFixture is a small directory whose members hide different
// fields from different audiences, plus people outside the directory.
type peopleFixture struct {
	people  []agora.User
	outside []agora.User // unlisted, unverified
	admin   agora.User
}

func newPeopleFixture(t *testing.T, e *apiEnv) peopleFixture {
	t.Helper()
	ctx := context.Background()
	var f peopleFixture
	vis := []agora.Visibility{agora.VisPublic, agora.VisMembers, agora.VisPrivate}
	regions := []string{"225", "127", "403"}
	for i := range 9 {
		u := e.user(fmt.Sprintf("persoana%d@example.ro", i), agora.RoleParticipant)
		in := agora.ProfileInput{
			Types: []string{string(agora.StakeholderTypes()[i%len(agora.StakeholderTypes())])},
			Bio:   fmt.Sprintf("markerbio%d lucrez pentru comunitate", i), Country: "RO", Region: regions[i%3],
			Languages: []string{"ro", "en"}, Domains: []string{e.domains[i%4].Slug}, Listed: true,
			Visibility: map[string]string{
				agora.FieldBio: string(vis[i%3]), agora.FieldRegion: string(vis[(i/3)%3]),
				agora.FieldLanguages: string(vis[(i+1)%3]), agora.FieldTypes: string(vis[(i+2)%3]),
			},
		}
		if err := e.st.SaveProfile(ctx, u.ID, in); err != nil {
			t.Fatal(err)
		}
		f.people = append(f.people, u)
	}
	unlisted := e.user("ascuns@example.ro", agora.RoleParticipant)
	if err := e.st.SaveProfile(ctx, unlisted.ID, agora.ProfileInput{Bio: "markerbio unlisted", Listed: false}); err != nil {
		t.Fatal(err)
	}
	unverified := e.unverified("neconfirmat@example.ro")
	if err := e.st.SaveProfile(ctx, unverified.ID, agora.ProfileInput{Bio: "markerbio unverified", Listed: true}); err != nil {
		t.Fatal(err)
	}
	f.outside = []agora.User{unlisted, unverified}
	f.admin = e.user("admin@example.ro", agora.RoleAdmin)
	return f
}

// htmlCards splits the people list page into cards keyed by person id.
func htmlCards(body string) map[string]string {
	out := map[string]string{}
	for _, card := range strings.Split(body, `<li class="card">`)[1:] {
		if m := htmlPersonLink.FindStringSubmatch(card); m != nil {
			out[m[1]] = card
		}
	}
	return out
}

// The API directory shows exactly the people and fields the HTML
// directory shows, for every kind of viewer and filter.
func TestAPIPeoplePrivacyEqualsHTML(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	f := newPeopleFixture(t, e)
	type viewer struct {
		name   string
		html   *http.Client
		api    caller
		userID string
	}
	viewers := []viewer{{name: "anonymous"}}
	for _, u := range []agora.User{f.people[4], f.admin, f.outside[0]} {
		tok, _ := e.token(u, nil)
		viewers = append(viewers, viewer{name: u.Email, html: e.login(u), api: tok, userID: u.ID})
	}
	filters := []string{"", "q=markerbio4", "q=markerbio", "region=RO-225", "country=RO&region=RO-127", "language=en",
		"type=" + string(agora.StakeholderTypes()[1]), "domain=" + e.domains[0].Slug, "q=comunitate&region=RO-403"}
	for _, v := range viewers {
		for _, filter := range filters {
			htmlPath := "/people?" + filter
			code, body := e.get(v.html, htmlPath)
			if code != 200 {
				t.Fatalf("%s: GET %s = %d", v.name, htmlPath, code)
			}
			cards := htmlCards(body)
			r := e.call(v.api, "GET", "/api/v1/people?limit=100&"+filter, nil)
			if r.status != 200 {
				t.Fatalf("%s: API %s = %d %s", v.name, filter, r.status, r.body)
			}
			var page struct {
				Items []map[string]any `json:"items"`
			}
			if err := json.Unmarshal(r.body, &page); err != nil {
				t.Fatal(err)
			}
			var apiIDs, htmlIDs []string
			for id := range cards {
				htmlIDs = append(htmlIDs, id)
			}
			for _, p := range page.Items {
				id := p["id"].(string)
				apiIDs = append(apiIDs, id)
				card := cards[id]
				bio, hasBio := p["bio"].(string)
				marker := strings.Fields(bio + " x")[0]
				if hasBio != strings.Contains(card, "markerbio") || (hasBio && !strings.Contains(card, marker)) {
					t.Errorf("%s %q: person %s bio in API %v (%q), in HTML %v", v.name, filter, id, hasBio, bio, strings.Contains(card, "markerbio"))
				}
				name, hasRegion := p["region_name"].(string)
				if hasRegion != strings.Contains(card, `<p class="muted">`) || (hasRegion && !strings.Contains(card, name)) {
					t.Errorf("%s %q: person %s region in API %v, in HTML %v", v.name, filter, id, hasRegion, !hasRegion)
				}
				_, hasLangs := p["languages"]
				htmlLangs := strings.Contains(card, e.cat.T("ro", "profile.field.languages", nil))
				if hasLangs != htmlLangs {
					t.Errorf("%s %q: person %s languages in API %v, in HTML %v", v.name, filter, id, hasLangs, htmlLangs)
				}
				if _, ok := p["visibility"]; ok {
					t.Errorf("%s: the directory shows visibility settings", v.name)
				}
			}
			slices.Sort(apiIDs)
			slices.Sort(htmlIDs)
			if !slices.Equal(apiIDs, htmlIDs) {
				t.Errorf("%s %q: API lists %d people, HTML %d", v.name, filter, len(apiIDs), len(htmlIDs))
			}
		}
		// Single profiles: the same people exist for the API as for HTML.
		for _, u := range append(slices.Clone(f.people), f.outside...) {
			code, _ := e.get(v.html, "/people/"+u.ID)
			r := e.call(v.api, "GET", "/api/v1/people/"+u.ID, nil)
			if r.status != code {
				t.Errorf("%s: person %s is %d in HTML, %d in the API", v.name, u.Email, code, r.status)
			}
			if r.status == 200 && r.json(t)["id"] != u.ID {
				t.Errorf("%s: person %s came back as %s", v.name, u.Email, r.body)
			}
		}
	}
	// The fixture does exercise privacy: a bio search finds the public
	// bios for anonymous visitors, the public and members-only ones for a
	// member, and all of them for an admin.
	for i, want := range []int{3, 6, 9} {
		v := viewers[[]int{0, 1, 2}[i]]
		r := e.call(v.api, "GET", "/api/v1/people?limit=100&q=markerbio", nil)
		var page apiPage[map[string]any]
		if err := json.Unmarshal(r.body, &page); err != nil {
			t.Fatal(err)
		}
		if len(page.Items) != want {
			t.Errorf("%s: bio search finds %d people, want %d", v.name, len(page.Items), want)
		}
	}
	// Nobody outside the directory is listed, even for admins.
	for _, v := range viewers {
		r := e.call(v.api, "GET", "/api/v1/people?limit=100&q=markerbio", nil)
		for _, o := range f.outside {
			if strings.Contains(string(r.body), o.ID) {
				t.Errorf("%s: directory lists %s", v.name, o.Email)
			}
		}
	}
}

// A page walk of the directory visits everyone once; bad filters and
// cursors are 422 naming the parameter.
func TestAPIPeoplePagination(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	f := newPeopleFixture(t, e)
	seen := map[string]bool{}
	path := "/api/v1/people?limit=2"
	for n := 0; path != ""; n++ {
		if n > 20 {
			t.Fatal("pagination does not end")
		}
		r := e.call(nil, "GET", path, nil)
		var page apiPage[map[string]any]
		if err := json.Unmarshal(r.body, &page); err != nil || r.status != 200 {
			t.Fatalf("GET %s = %d %s", path, r.status, r.body)
		}
		for _, p := range page.Items {
			id := p["id"].(string)
			if seen[id] {
				t.Errorf("%s seen twice", id)
			}
			seen[id] = true
		}
		path = ""
		if page.NextCursor != nil {
			path = "/api/v1/people?limit=2&cursor=" + *page.NextCursor
		}
	}
	if len(seen) != len(f.people) {
		t.Errorf("walked %d people, want %d", len(seen), len(f.people))
	}
	for _, tt := range []struct{ query, field, code string }{
		{"cursor=%21%21", "cursor", "people.cursor.invalid"}, {"type=mayor", "type", "field.invalid_choice"},
		{"region=225", "region", "api.region.needs_country"}, {"language=xx", "language", "field.invalid_choice"},
		{"country=DE", "country", "field.invalid_choice"}, {"after=x", "after", "api.query.unknown"},
	} {
		r := e.call(nil, "GET", "/api/v1/people?"+tt.query, nil)
		if got := r.problemFields(t); r.status != 422 || got[tt.field] != tt.code {
			t.Errorf("?%s = %d %v, want %s on %s", tt.query, r.status, got, tt.code, tt.field)
		}
	}
}

// PUT replaces the whole profile; GET shows it to its owner with the
// visibility settings; errors name JSON members.
func TestAPIOwnProfile(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	u := e.user("maria@example.pl", agora.RoleParticipant)
	tok, _ := e.token(u, nil)

	r := e.call(tok, "GET", "/api/v1/me/profile", nil)
	p := r.json(t)
	if r.status != 200 || p["updated_at"] != nil || p["listed"] != true || p["in_directory"] != false {
		t.Fatalf("fresh profile = %d %s", r.status, r.body)
	}
	xss := badPayloads(t)["xss"][0]
	body := map[string]any{"types": []string{"expert", "ngo_member"}, "bio": "Ekspertka.\n" + xss, "country": "PL",
		"region": "10", "languages": []string{"pl", "en"}, "domains": []string{e.domains[2].Slug},
		"visibility": map[string]string{"bio": "members", "region": "private"}}
	r = e.call(tok, "PUT", "/api/v1/me/profile", body)
	p = r.json(t)
	if r.status != 200 || p["bio"] != "Ekspertka.\n"+xss || p["region_name"] != "Łódzkie" || p["in_directory"] != true {
		t.Fatalf("PUT = %d %s", r.status, r.body)
	}
	vis := p["visibility"].(map[string]any)
	if vis["bio"] != "members" || vis["region"] != "private" || vis["languages"] != "members" || vis["types"] != "public" {
		t.Errorf("visibility = %v", vis)
	}
	// Others see what the settings allow.
	anon := e.call(nil, "GET", "/api/v1/people/"+u.ID, nil).json(t)
	if _, ok := anon["bio"]; ok || anon["types"] == nil {
		t.Errorf("anonymous view = %v", anon)
	}
	if _, ok := anon["country"]; ok {
		t.Error("anonymous sees a private region")
	}
	other := e.user("jan@example.pl", agora.RoleParticipant)
	otok, _ := e.token(other, nil)
	member := e.call(otok, "GET", "/api/v1/people/"+u.ID, nil).json(t)
	if member["bio"] != "Ekspertka.\n"+xss || member["region"] != nil {
		t.Errorf("member view = %v", member)
	}

	// PUT replaces: members left out return to their defaults.
	r = e.call(tok, "PUT", "/api/v1/me/profile", map[string]any{"bio": "Krótko.", "listed": false})
	p = r.json(t)
	if r.status != 200 || len(p["types"].([]any)) != 0 || p["country"] != "" || p["listed"] != false ||
		p["visibility"].(map[string]any)["region"] != "public" {
		t.Errorf("second PUT = %d %s", r.status, r.body)
	}
	if r := e.call(nil, "GET", "/api/v1/people/"+u.ID, nil); r.status != 404 {
		t.Errorf("unlisted profile = %d for others, want 404", r.status)
	}
	if r := e.call(tok, "GET", "/api/v1/people/"+u.ID, nil); r.status != 200 {
		t.Errorf("unlisted profile = %d for its owner, want 200", r.status)
	}

	for _, tt := range []struct {
		body  string
		field string
		code  string
	}{
		{`{"visibility": {"bio": "friends"}}`, "visibility.bio", "field.invalid_choice"},
		{`{"visibility": {"shoe_size": "public"}}`, "visibility.shoe_size", "field.invalid_choice"},
		{`{"visibility": {"bio": 3}}`, "visibility.bio", "api.json.want.string"},
		{`{"visibility": []}`, "visibility", "api.json.want.object"},
		{`{"types": ["mayor"]}`, "types", "field.invalid_choice"},
		{`{"types": "expert"}`, "types", "api.json.want.string_array"},
		{`{"types": ["expert", 1]}`, "types", "api.json.want.string_array"},
		{`{"country": "RO", "region": "11"}`, "region", "profile.region.invalid"},
		{`{"region": "10"}`, "region", "profile.region.needs_country"},
		{`{"languages": ["klingon"]}`, "languages", "field.invalid_choice"},
		{`{"domains": ["nu-exista"]}`, "domains", "field.invalid_choice"},
		{`{"listed": "yes"}`, "listed", "api.json.want.boolean"},
		{`{"bio": ["a"]}`, "bio", "api.json.want.string"},
		{`{"bio": "` + strings.Repeat("ă", 1001) + `"}`, "bio", "field.too_long"},
		{`{"bio": "a\u0000b"}`, "bio", "field.control_chars"},
		{`{"display_name": "x"}`, "display_name", "api.json.unknown_field"},
		{`{"Bio": "x"}`, "Bio", "api.json.unknown_field"},
		{`{"bio": "a", "bio": "b"}`, "bio", "api.json.duplicate_field"},
	} {
		r := e.call(tok, "PUT", "/api/v1/me/profile", tt.body)
		if got := r.problemFields(t); r.status != 422 || got[tt.field] != tt.code {
			t.Errorf("PUT %s = %d %v, want %s on %s", tt.body, r.status, got, tt.code, tt.field)
		}
	}
}
