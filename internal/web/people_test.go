package web

import (
	"context"
	"fmt"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

// seedPeople saves n varied profiles, all public, and returns them.
func seedPeople(e *testEnv, n int) []agora.User {
	e.t.Helper()
	first := []string{"Ana", "Ioana", "Ștefan", "Mihai", "Jan", "Zofia", "Łukasz", "Anna"}
	last := []string{"Popescu", "Țurcanu", "Nowak", "Wiśniewska", "Ionescu", "Dąbrowski"}
	places := [][2]string{{"RO", "225"}, {"RO", "10"}, {"PL", "10"}, {"PL", "14"}, {"", ""}}
	types := agora.StakeholderTypes()
	var out []agora.User
	for i := range n {
		u := profileUser(e, fmt.Sprintf("%s %s", first[i%len(first)], last[(i/len(first)+i)%len(last)]), "en", agora.RoleParticipant)
		pl := places[i%len(places)]
		in := agora.ProfileInput{Types: []string{string(types[i%len(types)])}, Country: pl[0], Region: pl[1], Listed: true,
			Bio: []string{"Lucrez în educație.", "Działam w stowarzyszeniu.", ""}[i%3], Languages: []string{[]string{"ro", "pl", "en"}[i%3]},
			Visibility: map[string]string{"languages": "public"}}
		if i%4 == 0 {
			in.Domains = []string{"educatie"}
		}
		saveProfile(e, u, in)
		out = append(out, u)
	}
	return out
}

// walkPeople follows the Next links from path and then the Prev links
// back, and returns the ids of the forward walk.
func walkPeople(t *testing.T, e *testEnv, c *http.Client, path string) []string {
	t.Helper()
	var pages [][]string
	var prevLinks []string
	next := path
	for guard := 0; next != "" && guard < 50; guard++ {
		code, body := e.get(c, next)
		if code != 200 {
			t.Fatalf("GET %s = %d", next, code)
		}
		pages = append(pages, cardIDs(body))
		prev := ""
		if m := prevRE.FindStringSubmatch(body); m != nil {
			prev = linkTarget(m[1])
		}
		if (len(pages) == 1) != (prev == "") {
			t.Errorf("page %d of %s: prev link %q", len(pages), path, prev)
		}
		prevLinks = append(prevLinks, prev)
		next = ""
		if m := nextRE.FindStringSubmatch(body); m != nil {
			next = linkTarget(m[1])
		}
	}
	for i := len(pages) - 1; i > 0; i-- {
		_, body := e.get(c, prevLinks[i])
		if got := cardIDs(body); !slices.Equal(got, pages[i-1]) {
			t.Errorf("%s: Prev of page %d gives %d people, not page %d", path, i+1, len(got), i)
		}
	}
	var ids []string
	for _, p := range pages {
		ids = append(ids, p...)
	}
	return ids
}

func TestPeopleDirectoryFiltersAndPages(t *testing.T) {
	t.Parallel()
	e := profileEnv(t)
	ctx := context.Background()
	seedPeople(e, 60)
	member := e.login(profileUser(e, "Viewer", "en", agora.RoleParticipant))
	tests := []struct {
		query string
		f     agora.PeopleFilter
	}{
		{"", agora.PeopleFilter{}},
		{"type=expert", agora.PeopleFilter{Type: agora.Expert}},
		{"country=PL", agora.PeopleFilter{Country: agora.PL}},
		{"region=PL-10", agora.PeopleFilter{Country: agora.PL, Region: "10"}},
		{"country=RO&region=RO-10", agora.PeopleFilter{Country: agora.RO, Region: "10"}},
		{"language=pl&domain=educatie", agora.PeopleFilter{Language: "pl", Domain: "educatie"}},
		{"q=popescu", agora.PeopleFilter{Query: "popescu"}},
		{"q=educatie&country=RO", agora.PeopleFilter{Query: "educatie", Country: agora.RO}},
		{"q=ana+nowak&type=beneficiary", agora.PeopleFilter{Query: "ana nowak", Type: agora.Beneficiary}},
	}
	for _, tt := range tests {
		f := tt.f
		f.Limit = agora.MaxPeoplePage
		ref, err := e.st.ListPeople(ctx, nil, f)
		if err != nil {
			t.Fatal(err)
		}
		var want []string
		for _, p := range ref.People {
			want = append(want, p.UserID)
		}
		for _, c := range []*http.Client{nil, member} {
			got := walkPeople(t, e, c, "/people?"+tt.query)
			if !slices.Equal(got, want) {
				t.Errorf("/people?%s: %d people, want %d\n got %q\nwant %q", tt.query, len(got), len(want), got, want)
			}
			_, body := e.get(c, "/people?"+tt.query)
			if !strings.Contains(body, e.cat.TN("ro", "people.list.count", len(want), nil)) && !strings.Contains(body, e.cat.TN("en", "people.list.count", len(want), nil)) {
				t.Errorf("/people?%s: count %d not shown", tt.query, len(want))
			}
		}
	}
	if got := walkPeople(t, e, nil, "/people"); len(got) != 60 {
		t.Errorf("whole directory = %d people, want 60", len(got))
	}
}

// Bad filter values are a 422 naming the field, never a 500; the rest of
// the filter still applies.
func TestPeopleDirectoryBadFilters(t *testing.T) {
	t.Parallel()
	e := profileEnv(t)
	seedPeople(e, 6)
	for _, tt := range []struct{ query, field string }{
		{"type=astronaut", "type"},
		{"country=DE", "country"},
		{"region=RO-999", "region"},
		{"region=Mazowieckie", "region"},
		{"country=PL&region=RO-225", "region"},
		{"domain=astrologie", "domain"},
		{"domain=%27%20OR%20%271%27%3D%271", "domain"},
		{"language=tlh", "language"},
		{"q=" + strings.Repeat("x", 101), "q"},
		{"q=a%00b", "q"},
		{"after=garbage", "after"},
		{"before=" + url.QueryEscape("AAAA"), "before"},
	} {
		code, body := e.get(nil, "/people?lang=en&"+tt.query)
		if code != http.StatusUnprocessableEntity {
			t.Errorf("/people?%s = %d, want 422", tt.query, code)
			continue
		}
		if !strings.Contains(body, `href="#f-`+tt.field+`"`) {
			t.Errorf("/people?%s: error does not name %s", tt.query, tt.field)
		}
	}
	// The valid part of a filter still applies.
	code, body := e.get(nil, "/people?type=astronaut&country=PL")
	if code != 422 || len(cardIDs(body)) == 0 {
		t.Errorf("valid country ignored next to a bad type: %d, %d cards", code, len(cardIDs(body)))
	}
	if code, _ := e.get(nil, "/people?lang=en&q=%FF"); code >= 500 {
		t.Errorf("invalid UTF-8 query = %d", code)
	}
}
