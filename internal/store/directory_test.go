package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// dirPerson is one generated directory member with everything saved, for
// the oracle.
type dirPerson struct {
	user    agora.User
	profile agora.Profile
}

// seedDirectory creates n people with varied profiles and visibilities,
// plus people the directory must never show (unlisted, unverified,
// disabled, never saved). The returned list holds only those it shows.
func seedDirectory(t *testing.T, s *Store, n int, rng *rand.Rand) []dirPerson {
	t.Helper()
	ctx := context.Background()
	first := []string{"Ana", "Ștefan", "Ioana", "Mihai", "Jan", "Łukasz", "Zofia", "Małgorzata", "Anna", "Andrei"}
	last := []string{"Popescu", "Țurcanu", "Nowak", "Wiśniewska", "Dąbrowski", "Ionescu", "Popa", "Kowalczyk", "Șerban", "Anghel"}
	bios := []string{"Lucrez în educație la Iași.", "Pracuję w Łodzi przy projektach zdrowotnych.", "Expert în mediu și climă.",
		"Działam w organizacji pozarządowej.", "", "Consilier local, Alba Iulia."}
	regions := map[string][]string{"RO": {"10", "29", "225"}, "PL": {"02", "10", "14"}}
	vis := agora.Visibilities()
	var out []dirPerson
	for i := range n {
		name := first[rng.IntN(len(first))] + " " + last[rng.IntN(len(last))]
		u := newProfileUser(t, s, name, true)
		in := agora.ProfileInput{Bio: bios[rng.IntN(len(bios))], Listed: true, Visibility: map[string]string{}}
		for _, ty := range agora.StakeholderTypes() {
			if rng.IntN(4) == 0 {
				in.Types = append(in.Types, string(ty))
			}
		}
		switch rng.IntN(3) {
		case 0:
			in.Country, in.Region = "RO", regions["RO"][rng.IntN(3)]
		case 1:
			in.Country, in.Region = "PL", regions["PL"][rng.IntN(3)]
		}
		for _, l := range []string{"ro", "pl", "en", "uk"} {
			if rng.IntN(2) == 0 {
				in.Languages = append(in.Languages, l)
			}
		}
		for _, d := range []string{"educatie", "sanatate", "mediu"} {
			if rng.IntN(3) == 0 {
				in.Domains = append(in.Domains, d)
			}
		}
		for _, f := range agora.ProfileFields() {
			if rng.IntN(2) == 0 {
				in.Visibility[f] = string(vis[rng.IntN(len(vis))])
			}
		}
		if err := s.SaveProfile(ctx, u.ID, in); err != nil {
			t.Fatalf("person %d: %v", i, err)
		}
		p, err := s.GetProfile(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, dirPerson{u, p})
	}
	// People the directory never shows.
	unlisted := newProfileUser(t, s, "Ana Unlisted", true)
	unverified := newProfileUser(t, s, "Ana Unverified", false)
	disabled := newProfileUser(t, s, "Ana Disabled", true)
	newProfileUser(t, s, "Ana NeverSaved", true)
	for _, u := range []agora.User{unlisted, unverified, disabled} {
		if err := s.SaveProfile(ctx, u.ID, agora.ProfileInput{Listed: u.ID != unlisted.ID, Types: []string{"expert"}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := s.write(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET disabled_at = $1 WHERE id = $2`, time.Now().UTC(), disabled.ID)
		return err
	}); err != nil {
		t.Fatal(err)
	}
	return out
}

// matches is the oracle: what the viewer may see of p decides whether a
// filter matches it.
func matches(p agora.Profile, viewer *agora.User, f agora.PeopleFilter) bool {
	v := p.VisibleTo(viewer)
	if f.Type != "" && !slices.Contains(v.Types, f.Type) {
		return false
	}
	if f.Country != "" && v.Country != f.Country {
		return false
	}
	if f.Region != "" && v.RegionCode != f.Region {
		return false
	}
	if f.Domain != "" && !slices.Contains(v.Domains, f.Domain) {
		return false
	}
	if f.Language != "" && !slices.Contains(v.Languages, f.Language) {
		return false
	}
	name, bio := searchTerms(v.DisplayName, 1000), searchTerms(v.Bio, 1000)
	for _, w := range searchTerms(f.Query, maxQueryWords) {
		prefix := func(t string) bool {
			if utf8.RuneCountInString(w) < MinPrefixRunes {
				return t == w
			}
			return strings.HasPrefix(t, w)
		}
		if !slices.ContainsFunc(name, prefix) && !slices.ContainsFunc(bio, prefix) {
			return false
		}
	}
	return true
}

func expected(people []dirPerson, viewer *agora.User, f agora.PeopleFilter) []string {
	var ps []dirPerson
	for _, p := range people {
		if matches(p.profile, viewer, f) {
			ps = append(ps, p)
		}
	}
	slices.SortFunc(ps, func(a, b dirPerson) int {
		if c := strings.Compare(agora.Fold(a.user.DisplayName), agora.Fold(b.user.DisplayName)); c != 0 {
			return c
		}
		return strings.Compare(a.user.ID, b.user.ID)
	})
	var ids []string
	for _, p := range ps {
		ids = append(ids, p.user.ID)
	}
	return ids
}

// listFunc lists a directory page; the tests run ListPeople and its
// forced index walk through the same checks.
type listFunc func(ctx context.Context, viewer *agora.User, f agora.PeopleFilter) (PeoplePage, error)

// indexWalk lists a page without letting a rare word or domain drive the
// query, which the small test directory would otherwise always do.
func indexWalk(s *Store) listFunc {
	return func(ctx context.Context, viewer *agora.User, f agora.PeopleFilter) (PeoplePage, error) {
		if err := f.Validate(); err != nil {
			return PeoplePage{}, err
		}
		var page PeoplePage
		err := s.read(ctx, func(tx *Tx) error {
			var err error
			page, err = listPeople(ctx, tx, viewer, f, 0)
			return err
		})
		return page, err
	}
}

// walk pages forward through the directory, then back again from the
// last page, and returns the ids in order.
func walk(t *testing.T, list listFunc, viewer *agora.User, f agora.PeopleFilter) ([]string, int) {
	t.Helper()
	ctx := context.Background()
	var ids []string
	var pages []PeoplePage
	total := -1
	for guard := 0; guard < 1000; guard++ {
		page, err := list(ctx, viewer, f)
		if err != nil {
			t.Fatalf("ListPeople(%+v): %v", f, err)
		}
		if total >= 0 && page.Total != total {
			t.Fatalf("Total changed between pages: %d, %d", total, page.Total)
		}
		total = page.Total
		if len(pages) == 0 && page.Prev != "" {
			t.Errorf("first page has a Prev cursor")
		}
		pages = append(pages, page)
		for _, p := range page.People {
			ids = append(ids, p.UserID)
		}
		if page.Next == "" {
			break
		}
		f.After, f.Before = page.Next, ""
	}
	// Back from the last page: each Prev leads to the page before.
	for i := len(pages) - 1; i > 0; i-- {
		f.After, f.Before = "", pages[i].Prev
		if f.Before == "" {
			t.Fatalf("page %d has no Prev cursor", i)
		}
		back, err := list(ctx, viewer, f)
		if err != nil {
			t.Fatal(err)
		}
		if !slices.EqualFunc(back.People, pages[i-1].People, func(a, b agora.Profile) bool { return a.UserID == b.UserID }) {
			t.Fatalf("Prev of page %d does not give page %d", i, i-1)
		}
		if (i-1 == 0) != (back.Prev == "") {
			t.Errorf("page %d reached backwards: Prev = %q", i-1, back.Prev)
		}
	}
	return ids, total
}

func TestListPeopleFiltersPrivacyAndPages(t *testing.T) {
	t.Parallel()
	s := openForInternalTest(t)
	seedProfileRefs(t, s)
	people := seedDirectory(t, s, 60, rand.New(rand.NewPCG(7, 11)))
	member := newProfileUser(t, s, "Other Member", true)
	admin, err := s.CreateUser(context.Background(), NewUser{Email: "admin@example.org", DisplayName: "Admin", Role: agora.RoleAdmin, EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	self := people[3].user
	viewers := []struct {
		name string
		u    *agora.User
	}{{"anonymous", nil}, {"member", &member}, {"self", &self}, {"admin", &admin}}
	filters := []agora.PeopleFilter{
		{},
		{Type: agora.Expert},
		{Type: agora.NGOMember, Country: agora.RO},
		{Country: agora.PL},
		{Country: agora.PL, Region: "10"},
		{Country: agora.RO, Region: "10"},
		{Domain: "educatie"},
		{Language: "uk"},
		{Domain: "mediu", Language: "en", Type: agora.Beneficiary},
		{Query: "pop"},
		{Query: "po"}, // too short for a prefix: no name is just "po"
		{Query: "la"}, // but "la" is a whole word of some bios
		{Query: "ana"},
		{Query: "Łódź"},
		{Query: "lodzi"},
		{Query: "IASI educ"},
		{Query: "ana pop"},
		{Query: "ştefan"}, // cedilla form finds comma-below names
		{Query: "zzz"},
		{Query: "' OR '1'='1"},
		{Query: "%"},
	}
	for _, vw := range viewers {
		for _, f := range filters {
			limits := []int{7, 100}
			if f.Type == "" && f.Query == "" && f.Country == "" {
				limits = append(limits, 1) // one per page: every cursor used
			}
			for _, limit := range limits {
				f.Limit = limit
				t.Run(fmt.Sprintf("%s/%+v", vw.name, f), func(t *testing.T) {
					want := expected(people, vw.u, f)
					for _, list := range []listFunc{s.ListPeople, indexWalk(s)} {
						got, total := walk(t, list, vw.u, f)
						if !slices.Equal(got, want) {
							t.Errorf("got %d ids, want %d\n got %q\nwant %q", len(got), len(want), got, want)
						}
						if total != len(want) {
							t.Errorf("Total = %d, want %d", total, len(want))
						}
					}
				})
			}
		}
	}
	// The data must make privacy matter, or the comparisons above prove
	// little: hidden values change what each viewer finds.
	for _, f := range []agora.PeopleFilter{{Country: agora.PL}, {Type: agora.Expert}, {Language: "uk"}, {Query: "lodzi"}} {
		anon, mem, adm := len(expected(people, nil, f)), len(expected(people, &member, f)), len(expected(people, &admin, f))
		if !(anon <= mem && mem <= adm && anon < adm) || anon == 0 {
			t.Errorf("filter %+v: anonymous %d, member %d, admin %d matches: seed data does not exercise visibility", f, anon, mem, adm)
		}
	}
	// Cards carry only what the viewer may see.
	page, err := s.ListPeople(context.Background(), nil, agora.PeopleFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range page.People {
		for _, q := range people {
			if q.user.ID == p.UserID && !equalProfiles(p, q.profile.VisibleTo(nil)) {
				t.Errorf("card of %s = %+v, want %+v", p.DisplayName, p, q.profile.VisibleTo(nil))
			}
		}
	}
}

func equalProfiles(a, b agora.Profile) bool {
	return a.UserID == b.UserID && a.DisplayName == b.DisplayName && slices.Equal(a.Types, b.Types) && a.Bio == b.Bio &&
		a.Country == b.Country && a.RegionCode == b.RegionCode && slices.Equal(a.Languages, b.Languages) &&
		slices.Equal(a.Domains, b.Domains) && slices.Equal(a.Affiliations, b.Affiliations)
}

func TestListPeopleBadInput(t *testing.T) {
	t.Parallel()
	s := openForInternalTest(t)
	ctx := context.Background()
	for _, f := range []agora.PeopleFilter{
		{After: "not base64!"},
		{After: encodePeopleCursor("ana", "not-an-id")},
		{Before: "AAAA"},
		{After: encodePeopleCursor("a\x00b", agora.NewID())},
		{Type: "king"},
		{Region: "10"},
	} {
		if _, err := s.ListPeople(ctx, nil, f); agora.KindOf(err) != agora.Invalid {
			t.Errorf("ListPeople(%+v) = %v, want Invalid", f, err)
		}
	}
	// A well-formed cursor past the end is simply an empty page.
	page, err := s.ListPeople(ctx, nil, agora.PeopleFilter{After: encodePeopleCursor("zzzz", agora.NewID())})
	if err != nil || len(page.People) != 0 || page.Next != "" {
		t.Errorf("cursor past the end: %+v, %v", page, err)
	}
}

func FuzzPeopleCursor(f *testing.F) {
	f.Add(encodePeopleCursor("popescu ana", agora.NewID()))
	f.Add(encodePeopleCursor("łódź", agora.NewID()))
	f.Add("")
	f.Add("AAAA")
	f.Fuzz(func(t *testing.T, c string) {
		name, id, ok := decodePeopleCursor(c)
		if !ok {
			return
		}
		if !agora.ValidID(id) || strings.ContainsRune(name, 0) {
			t.Fatalf("accepted %q -> %q, %q", c, name, id)
		}
		if encodePeopleCursor(name, id) != c {
			// Base64 has one spelling per byte string in RawURLEncoding
			// only when trailing bits are zero; a decoded cursor must
			// still round-trip to the same values.
			n2, id2, ok2 := decodePeopleCursor(encodePeopleCursor(name, id))
			if !ok2 || n2 != name || id2 != id {
				t.Fatalf("round trip of %q failed", c)
			}
		}
	})
}

// Past MaxPeopleCount the count stops and says so; pages still cover
// everyone, and a filter below the cap counts exactly.
func TestListPeopleCountCapped(t *testing.T) {
	t.Parallel()
	s := openForInternalTest(t)
	seedBenchDirectory(t, s, MaxPeopleCount+100)
	ctx := context.Background()
	page, err := s.ListPeople(ctx, nil, agora.PeopleFilter{})
	if err != nil {
		t.Fatal(err)
	}
	if !page.More || page.Total != MaxPeopleCount {
		t.Errorf("Total = %d, More = %v; want %d and true", page.Total, page.More, MaxPeopleCount)
	}
	var all int
	if err := s.read(ctx, func(tx *Tx) error {
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM profiles WHERE listed = TRUE AND active = TRUE AND vis_region = 'public' AND country = 'PL'`).Scan(&all)
	}); err != nil {
		t.Fatal(err)
	}
	ids, total := walk(t, s.ListPeople, nil, agora.PeopleFilter{Country: agora.PL, Limit: 100})
	if total != all || len(ids) != all {
		t.Errorf("PL: Total %d, walked %d, want %d", total, len(ids), all)
	}
	ids, _ = walk(t, s.ListPeople, nil, agora.PeopleFilter{Limit: 100})
	if len(ids) < MaxPeopleCount || len(slices.Compact(slices.Clone(ids))) != len(ids) {
		t.Errorf("walked %d people past the cap", len(ids))
	}
}
