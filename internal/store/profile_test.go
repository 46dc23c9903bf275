package store

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/agora-civic/agora"
)

// seedProfileRefs inserts the reference rows profiles point to: a few
// real level-1 units of both countries (note Alba and łódzkie share the
// code 10; the units may already be built in by a migration), a level-2
// unit, and domains from the ONGHub nomenclature.
func seedProfileRefs(t testing.TB, s *Store) {
	t.Helper()
	ctx := context.Background()
	err := s.write(ctx, func(tx *Tx) error {
		for _, u := range []struct{ country, code, kind, name string }{
			{"RO", "10", agora.KindJudet, "Alba"}, {"RO", "29", agora.KindJudet, "Arad"},
			{"RO", "403", agora.KindMunicipiu, "București"}, {"RO", "225", agora.KindJudet, "Iași"},
			{"PL", "02", agora.KindWojewodztwo, "Dolnośląskie"}, {"PL", "10", agora.KindWojewodztwo, "Łódzkie"},
			{"PL", "14", agora.KindWojewodztwo, "Mazowieckie"},
		} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO admin_units (country, code, level, kind, name, name_fold, region)
				VALUES ($1, $2, 1, $3, $4, $5, $2) ON CONFLICT (country, level, code) DO NOTHING`, u.country, u.code, u.kind, u.name, agora.Fold(u.name)); err != nil {
				return err
			}
		}
		// A level-2 unit, which is not a region.
		if _, err := tx.ExecContext(ctx, `INSERT INTO admin_units (country, code, parent_code, level, kind, name, name_fold, region)
			VALUES ('RO', '1017', '10', 2, 'municipiu', 'Alba Iulia', 'alba iulia', '10')`); err != nil {
			return err
		}
		for i, d := range []struct{ Slug, NameRO, NamePL, NameEN string }{
			{"educatie", "Educație", "Edukacja", "Education"},
			{"sanatate", "Sănătate", "Zdrowie", "Health"},
			{"mediu", "Mediu", "Środowisko", "Environment"},
		} {
			if _, err := tx.ExecContext(ctx, `INSERT INTO domains (slug, name_ro, name_pl, name_en, position) VALUES ($1, $2, $3, $4, $5)`,
				d.Slug, d.NameRO, d.NamePL, d.NameEN, i); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

func seedOrg(t testing.TB, s *Store, name string, verified bool) string {
	t.Helper()
	id := agora.NewID()
	err := s.write(context.Background(), func(tx *Tx) error {
		var v *time.Time
		if verified {
			v = &tx.Now
		}
		_, err := tx.ExecContext(context.Background(), `INSERT INTO organisations (id, name, name_fold, kind, country, verified_at, created_at, updated_at)
			VALUES ($1, $2, $3, 'ngo', 'RO', $4, $5, $5)`, id, name, agora.Fold(name), v, tx.Now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	return id
}

func seedMembership(t testing.TB, s *Store, orgID, userID string, role agora.OrgRole, verified bool) {
	t.Helper()
	err := s.write(context.Background(), func(tx *Tx) error {
		var v *time.Time
		if verified {
			v = &tx.Now
		}
		_, err := tx.ExecContext(context.Background(), `INSERT INTO memberships (org_id, user_id, role, verified_at, created_at)
			VALUES ($1, $2, $3, $4, $5)`, orgID, userID, string(role), v, tx.Now)
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
}

func newProfileUser(t testing.TB, s *Store, name string, verified bool) agora.User {
	t.Helper()
	u, err := s.CreateUser(context.Background(), NewUser{Email: agora.NewID() + "@example.org", DisplayName: name, EmailVerified: verified})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func TestSaveAndGetProfile(t *testing.T) {
	t.Parallel()
	s := openForInternalTest(t)
	seedProfileRefs(t, s)
	ctx := context.Background()
	u := newProfileUser(t, s, "Ștefan Țurcanu", true)

	p, err := s.GetProfile(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if p.DisplayName != "Ștefan Țurcanu" || !p.Listed || p.InDirectory || !p.UpdatedAt.IsZero() || p.Vis(agora.FieldLanguages) != agora.VisMembers {
		t.Errorf("unsaved profile = %+v, want defaults", p)
	}

	ngo := seedOrg(t, s, "Asociația Zâmbet", true)
	city := seedOrg(t, s, "Primăria Alba Iulia", false)
	seedMembership(t, s, ngo, u.ID, agora.OrgAdmin, false)
	seedMembership(t, s, city, u.ID, agora.OrgOfficer, false)

	in := agora.ProfileInput{Types: []string{"expert", "authority_rep"}, Bio: "Lucrez la Alba Iulia.\nȘi la Arad.",
		Country: "RO", Region: "10", Languages: []string{"ro", "en", "hu"}, Domains: []string{"sanatate", "educatie"},
		Visibility: map[string]string{"bio": "members", "region": "private"}, Listed: true}
	if err := s.SaveProfile(ctx, u.ID, in); err != nil {
		t.Fatal(err)
	}
	p, err = s.GetProfile(ctx, u.ID)
	if err != nil {
		t.Fatal(err)
	}
	if want := []agora.StakeholderType{agora.AuthorityRep, agora.Expert}; !slices.Equal(p.Types, want) {
		t.Errorf("Types = %v, want %v", p.Types, want)
	}
	if want := []string{"ro", "en", "hu"}; !slices.Equal(p.Languages, want) {
		t.Errorf("Languages = %v, want %v (platform order)", p.Languages, want)
	}
	if want := []string{"educatie", "sanatate"}; !slices.Equal(p.Domains, want) {
		t.Errorf("Domains = %v, want %v", p.Domains, want)
	}
	if p.Bio != in.Bio || p.Country != agora.RO || p.RegionCode != "10" || !p.InDirectory || p.UpdatedAt.IsZero() {
		t.Errorf("profile = %+v", p)
	}
	if p.Vis(agora.FieldBio) != agora.VisMembers || p.Vis(agora.FieldRegion) != agora.VisPrivate || p.Vis(agora.FieldTypes) != agora.VisPublic {
		t.Errorf("visibility = %v", p.Visibility)
	}
	wantAff := []agora.Affiliation{
		{OrgID: ngo, OrgName: "Asociația Zâmbet", Role: agora.OrgAdmin, OrgVerified: true},
		// An unverified officer is shown as a member.
		{OrgID: city, OrgName: "Primăria Alba Iulia", Role: agora.OrgMember, OrgVerified: false},
	}
	if !slices.Equal(p.Affiliations, wantAff) {
		t.Errorf("Affiliations = %+v, want %+v", p.Affiliations, wantAff)
	}

	// Saving again replaces the lists.
	in = agora.ProfileInput{Types: []string{"employer"}, Country: "PL", Region: "10", Listed: false}
	if err := s.SaveProfile(ctx, u.ID, in); err != nil {
		t.Fatal(err)
	}
	p, _ = s.GetProfile(ctx, u.ID)
	if !slices.Equal(p.Types, []agora.StakeholderType{agora.Employer}) || p.Languages != nil || p.Domains != nil ||
		p.Country != agora.PL || p.RegionCode != "10" || p.Listed || p.InDirectory || p.Bio != "" {
		t.Errorf("after second save = %+v", p)
	}
}

func TestSaveProfileInvalid(t *testing.T) {
	t.Parallel()
	s := openForInternalTest(t)
	seedProfileRefs(t, s)
	ctx := context.Background()
	u := newProfileUser(t, s, "Jan Kowalski", true)
	tests := []struct {
		name  string
		in    agora.ProfileInput
		field string
	}{
		{"region of the other country", agora.ProfileInput{Country: "PL", Region: "29"}, "region"},
		{"level-2 unit", agora.ProfileInput{Country: "RO", Region: "1017"}, "region"},
		{"unknown domain", agora.ProfileInput{Domains: []string{"educatie", "astrologie"}}, "domains"},
		{"unknown type", agora.ProfileInput{Types: []string{"king"}}, "types"},
		{"bio invalid utf8", agora.ProfileInput{Bio: "\xc3\x28"}, "bio"},
	}
	for _, tt := range tests {
		err := s.SaveProfile(ctx, u.ID, tt.in)
		fe := agora.FieldErrors(err)
		if agora.KindOf(err) != agora.Invalid || len(fe) == 0 || fe[0].Field != tt.field {
			t.Errorf("%s: err = %v, want Invalid on %s", tt.name, err, tt.field)
		}
	}
	if p, _ := s.GetProfile(ctx, u.ID); !p.UpdatedAt.IsZero() {
		t.Errorf("a failed save created the profile row")
	}
	if err := s.SaveProfile(ctx, agora.NewID(), agora.ProfileInput{}); agora.KindOf(err) != agora.NotFound {
		t.Errorf("save for unknown user: %v, want NotFound", err)
	}
	if _, err := s.GetProfile(ctx, agora.NewID()); agora.KindOf(err) != agora.NotFound {
		t.Errorf("get unknown user: %v, want NotFound", err)
	}
}

// The directory follows the account's state through the trigger on users.
func TestDirectoryFollowsAccountState(t *testing.T) {
	t.Parallel()
	s := openForInternalTest(t)
	seedProfileRefs(t, s)
	ctx := context.Background()
	unverified := newProfileUser(t, s, "Nowak Unverified", false)
	disabled := newProfileUser(t, s, "Nowak Disabled", true)
	for _, u := range []agora.User{unverified, disabled} {
		if err := s.SaveProfile(ctx, u.ID, agora.ProfileInput{Listed: true}); err != nil {
			t.Fatal(err)
		}
	}
	exec := func(q string, args ...any) {
		t.Helper()
		if err := s.write(ctx, func(tx *Tx) error { _, err := tx.ExecContext(ctx, q, args...); return err }); err != nil {
			t.Fatal(err)
		}
	}
	ids := func() []string {
		t.Helper()
		page, err := s.ListPeople(ctx, nil, agora.PeopleFilter{})
		if err != nil {
			t.Fatal(err)
		}
		var out []string
		for _, p := range page.People {
			out = append(out, p.DisplayName)
		}
		return out
	}
	if got := ids(); len(got) != 1 || got[0] != "Nowak Disabled" {
		t.Fatalf("directory = %q, want only the verified one", got)
	}
	exec(`UPDATE users SET disabled_at = $1 WHERE id = $2`, time.Now().UTC(), disabled.ID)
	exec(`UPDATE users SET email_verified_at = $1 WHERE id = $2`, time.Now().UTC(), unverified.ID)
	if got := ids(); len(got) != 1 || got[0] != "Nowak Unverified" {
		t.Fatalf("directory = %q, want only the now verified one", got)
	}
	if p, _ := s.GetProfile(ctx, disabled.ID); p.InDirectory {
		t.Errorf("disabled user's profile InDirectory")
	}
	// A renamed user is found under the new name once refreshed.
	exec(`UPDATE users SET display_name = 'Zofia Wiśniewska' WHERE id = $1`, unverified.ID)
	if err := s.RefreshProfileName(ctx, unverified.ID); err != nil {
		t.Fatal(err)
	}
	page, err := s.ListPeople(ctx, nil, agora.PeopleFilter{Query: "wisniew"})
	if err != nil || len(page.People) != 1 {
		t.Fatalf("search by new name: %v %v", page.People, err)
	}
	if page, _ := s.ListPeople(ctx, nil, agora.PeopleFilter{Query: "nowak"}); len(page.People) != 0 {
		t.Errorf("old name still found")
	}
}

func TestSearchTerms(t *testing.T) {
	got := searchTerms("Ștefan-Ţurcanu, ŁÓDŹ; łódź 2024 ştefan", 10)
	want := []string{"stefan", "turcanu", "lodz", "2024"}
	if !slices.Equal(got, want) {
		t.Errorf("searchTerms = %q, want %q", got, want)
	}
	if got := searchTerms("a b c d e f g h", 3); len(got) != 3 {
		t.Errorf("max not applied: %q", got)
	}
}
