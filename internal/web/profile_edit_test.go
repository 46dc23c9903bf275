package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

func fullProfileForm() url.Values {
	return url.Values{
		"types":            {"expert", "ngo_member"},
		"bio":              {"Lucrez la Iași, în educație.\n\nPracuję też w Łodzi."},
		"country":          {"RO"},
		"region":           {"RO-225"},
		"languages":        {"ro", "pl", "hu"},
		"domains":          {"educatie"},
		"vis_types":        {"public"},
		"vis_bio":          {"public"},
		"vis_region":       {"public"},
		"vis_languages":    {"members"},
		"vis_domains":      {"public"},
		"vis_affiliations": {"public"},
		"listed":           {"1"},
	}
}

func TestProfileEditSaveShowList(t *testing.T) {
	t.Parallel()
	e := profileEnv(t)
	ctx := context.Background()
	u := profileUser(e, "Ștefan Țurcanu", "en", agora.RoleParticipant)
	c := e.login(u)

	// Before the first save the person is nowhere to be seen.
	if code, _ := e.get(nil, "/people/"+u.ID); code != 404 {
		t.Errorf("unsaved profile for anonymous = %d, want 404", code)
	}
	if code, body := e.get(c, "/people/"+u.ID); code != 200 || !strings.Contains(body, e.cat.T("en", "profile.show.not_listed", nil)) {
		t.Errorf("unsaved profile for self = %d, want 200 with the not-listed note", code)
	}
	code, body := e.get(c, "/account/profile")
	if code != 200 || !strings.Contains(body, `name="vis_bio"`) || !strings.Contains(body, `value="RO-225"`) ||
		!strings.Contains(body, `value="marker-domain"`) {
		t.Fatalf("GET /account/profile = %d", code)
	}

	code, _ = e.post(c, "/account/profile", fullProfileForm())
	if code != http.StatusSeeOther {
		t.Fatalf("POST /account/profile = %d, want 303", code)
	}
	code, body = e.get(c, "/account/profile")
	if code != 200 || !strings.Contains(body, e.cat.T("en", "flash.profile_saved", nil)) {
		t.Errorf("after save: %d, flash missing", code)
	}
	for _, want := range []string{`value="expert" checked`, `value="hu" checked`, `value="RO-225" selected`, `value="educatie" checked`, "Pracuję też w Łodzi."} {
		if !strings.Contains(body, want) {
			t.Errorf("edit form after save lacks %q", want)
		}
	}
	p, err := e.st.GetProfile(ctx, u.ID)
	if err != nil || p.RegionCode != "225" || len(p.Types) != 2 || !p.InDirectory {
		t.Fatalf("stored profile = %+v, %v", p, err)
	}

	code, body = e.get(nil, "/people/"+u.ID+"?lang=en")
	m := mainOf(body)
	if code != 200 {
		t.Fatalf("GET /people/id = %d", code)
	}
	for _, want := range []string{"Ștefan Țurcanu", "Expert", "NGO member", "Iași, Romania", "Education", "<p>Lucrez la Iași, în educație.</p><p>Pracuję też w Łodzi.</p>"} {
		if !strings.Contains(m, want) {
			t.Errorf("public profile lacks %q", want)
		}
	}
	// Languages are for signed-in users by default.
	if strings.Contains(m, "Hungarian") {
		t.Errorf("anonymous visitor sees the languages")
	}
	other := e.login(profileUser(e, "Jan Nowak", "en", agora.RoleParticipant))
	if _, body := e.get(other, "/people/"+u.ID); !strings.Contains(mainOf(body), "Hungarian") {
		t.Errorf("signed-in user does not see the languages")
	}
	if _, body := e.get(nil, "/people?lang=en"); !strings.Contains(cardsOf(body), "Ștefan Țurcanu") {
		t.Errorf("directory does not list the saved profile")
	}

	// Unlisting hides the profile from everyone but the person and admins.
	form := fullProfileForm()
	form.Del("listed")
	if code, _ := e.post(c, "/account/profile", form); code != http.StatusSeeOther {
		t.Fatalf("unlist = %d", code)
	}
	if code, _ := e.get(other, "/people/"+u.ID); code != 404 {
		t.Errorf("unlisted profile for another user = %d, want 404", code)
	}
	admin := e.login(profileUser(e, "Admin", "en", agora.RoleAdmin))
	if code, body := e.get(admin, "/people/"+u.ID); code != 200 || !strings.Contains(body, e.cat.T("en", "profile.show.not_listed", nil)) {
		t.Errorf("unlisted profile for admin = %d", code)
	}
	if _, body := e.get(admin, "/people"); strings.Contains(cardsOf(body), "Ștefan") {
		t.Errorf("unlisted profile still in the directory")
	}
	if code, _ := e.get(nil, "/people/not-an-id"); code != 404 {
		t.Errorf("bad id = %d, want 404", code)
	}
	if code, _ := e.get(nil, "/people/"+agora.NewID()); code != 404 {
		t.Errorf("unknown id = %d, want 404", code)
	}
}

func TestProfileEditNeedsSignIn(t *testing.T) {
	t.Parallel()
	e := profileEnv(t)
	req, _ := http.NewRequest("GET", e.ts.URL+"/account/profile", nil)
	resp, err := e.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther || !strings.HasPrefix(resp.Header.Get("Location"), "/login") {
		t.Errorf("anonymous GET = %d to %q, want 303 to /login", resp.StatusCode, resp.Header.Get("Location"))
	}
	if code, _ := e.post(nil, "/account/profile", fullProfileForm()); code != http.StatusUnauthorized {
		t.Errorf("anonymous POST = %d, want 401", code)
	}
}

// Bad input is a 422 naming the field, never a 500, and keeps what was
// typed.
func TestProfileEditInvalid(t *testing.T) {
	t.Parallel()
	e := profileEnv(t)
	u := profileUser(e, "Anna Kowalska", "en", agora.RoleParticipant)
	c := e.login(u)
	tests := []struct {
		name  string
		edit  func(url.Values)
		field string
	}{
		{"unknown type", func(f url.Values) { f["types"] = []string{"expert", "astronaut"} }, "types"},
		{"region of the other country", func(f url.Values) { f.Set("country", "PL") }, "region"},
		{"region that does not exist", func(f url.Values) { f.Set("region", "RO-999") }, "region"},
		{"region not a region", func(f url.Values) { f.Set("region", "Iași") }, "region"},
		{"unknown country", func(f url.Values) { f.Set("country", "DE"); f.Del("region") }, "country"},
		{"bio too long", func(f url.Values) { f.Set("bio", strings.Repeat("ș", agora.MaxBioRunes+1)) }, "bio"},
		{"bio with NUL", func(f url.Values) { f.Set("bio", "a\x00b") }, "bio"},
		{"unknown domain", func(f url.Values) { f["domains"] = []string{"astrologie"} }, "domains"},
		{"bad language", func(f url.Values) { f["languages"] = []string{"tlh"} }, "languages"},
		{"bad visibility", func(f url.Values) { f.Set("vis_bio", "friends") }, "vis_bio"},
	}
	for _, tt := range tests {
		form := fullProfileForm()
		form.Set("bio", "Text păstrat după eroare")
		tt.edit(form)
		code, body := e.post(c, "/account/profile", form)
		if code != http.StatusUnprocessableEntity {
			t.Errorf("%s: status %d, want 422", tt.name, code)
			continue
		}
		if !strings.Contains(body, `href="#f-`+tt.field+`"`) || !strings.Contains(body, `id="f-`+tt.field+`-error"`) {
			t.Errorf("%s: error not attached to field %s", tt.name, tt.field)
		}
		if tt.field != "bio" && !strings.Contains(body, "Text păstrat după eroare") {
			t.Errorf("%s: typed bio lost", tt.name)
		}
	}
	if p, _ := e.st.GetProfile(context.Background(), u.ID); !p.UpdatedAt.IsZero() {
		t.Errorf("an invalid form saved the profile")
	}

	// Bytes that are not UTF-8, straight in the body.
	req, _ := http.NewRequest("POST", e.ts.URL+"/account/profile", strings.NewReader("bio=ok%FF%FE&country=RO"))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	code, body := e.do(c, req)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `href="#f-bio"`) {
		t.Errorf("invalid UTF-8 bio: %d, want 422 naming bio", code)
	}
}

// Every page of the area renders in every language, with nothing left
// untranslated.
func TestProfilePagesInEveryLanguage(t *testing.T) {
	t.Parallel()
	e := profileEnv(t)
	subject := profileUser(e, "Małgorzata Dąbrowska", "ro", agora.RoleParticipant)
	saveProfile(e, subject, agora.ProfileInput{Types: []string{"employer"}, Bio: "Pracodawca z Mazowsza.", Country: "PL", Region: "14",
		Languages: []string{"pl", "uk"}, Domains: []string{"mediu"}, Listed: true})
	for _, lang := range []string{"ro", "pl", "en"} {
		self := e.login(profileUser(e, "Viewer "+lang, lang, agora.RoleParticipant))
		pages := []struct {
			path, key string
			signedIn  bool
		}{
			{"/people?lang=" + lang, "people.list.title", false},
			{"/people/" + subject.ID + "?lang=" + lang, "profile.field.bio", false},
			{"/account/profile", "profile.edit.title", true},
			{"/people", "people.list.title", true},
			{"/people?type=employer&lang=" + lang, "people.list.count", false},
		}
		for _, pg := range pages {
			c := (*http.Client)(nil)
			if pg.signedIn {
				c = self
			}
			code, body := e.get(c, pg.path)
			if code != 200 || !strings.Contains(body, `<html lang="`+lang+`">`) {
				t.Errorf("%s in %s: %d", pg.path, lang, code)
				continue
			}
			want := e.cat.T(lang, pg.key, nil)
			if pg.key == "people.list.count" {
				want = e.cat.TN(lang, pg.key, 1, nil)
			}
			if !strings.Contains(body, want) {
				t.Errorf("%s in %s lacks %q", pg.path, lang, want)
			}
			if strings.Contains(body, ">profile.") || strings.Contains(body, ">people.") {
				t.Errorf("%s in %s shows a raw key", pg.path, lang)
			}
		}
		_, body := e.get(nil, "/people/"+subject.ID+"?lang="+lang)
		if want := e.cat.T(lang, "profile.type.employer", nil); !strings.Contains(body, want) {
			t.Errorf("type label %q missing in %s", want, lang)
		}
	}
}

// Display names and bios are plain text: every XSS payload comes out
// escaped on the directory, the profile and the edit form.
func TestProfileXSSInert(t *testing.T) {
	t.Parallel()
	e := profileEnv(t)
	payloads := xssPayloads(t)
	var users []agora.User
	for i, p := range payloads {
		u := profileUser(e, p, "en", agora.RoleParticipant)
		saveProfile(e, u, agora.ProfileInput{Bio: payloads[(i+1)%len(payloads)] + "\n" + p, Listed: true})
		users = append(users, u)
	}
	dangerous := func(p string) bool { return strings.ContainsAny(p, `<>"'`) }
	check := func(where, body string) {
		t.Helper()
		for _, p := range payloads {
			if dangerous(p) && strings.Contains(body, p) {
				t.Errorf("%s contains the raw payload %q", where, p)
			}
		}
		for _, bad := range []string{"<script>document", "<img src=x", "<svg onload", "<iframe", "<details open", "<base href"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s contains %q", where, bad)
			}
		}
	}
	var all []string
	next := "/people?lang=en"
	for next != "" {
		_, body := e.get(nil, next)
		check(next, body)
		all = append(all, cardIDs(body)...)
		next = ""
		if m := nextRE.FindStringSubmatch(body); m != nil {
			next = linkTarget(m[1])
		}
	}
	if len(all) != len(users) {
		t.Errorf("directory lists %d people, want %d", len(all), len(users))
	}
	for _, u := range users[:5] {
		_, body := e.get(nil, "/people/"+u.ID)
		check("profile", body)
		_, body = e.get(e.login(u), "/account/profile")
		check("edit form", body)
	}
	_, body := e.get(nil, "/people?q="+url.QueryEscape(payloads[0]))
	check("search", body)
}
