package demo

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

func seed(t *testing.T) (*store.Store, Result) {
	t.Helper()
	st := storetest.Open(t)
	res, err := Seed(context.Background(), st, Options{Hasher: auth.TestHasher()})
	if err != nil {
		t.Fatal(err)
	}
	return st, res
}

func TestSeedTwice(t *testing.T) {
	t.Parallel()
	st, first := seed(t)
	if !first.Seeded {
		t.Fatal("first Seed did not seed")
	}
	c := first.Counts
	if c.Users != len(people()) || c.Orgs != len(organisations()) || c.Audit == 0 {
		t.Errorf("counts = %+v, want %d users, %d organisations and audit entries", c, len(people()), len(organisations()))
	}
	if len(first.Logins) != len(people()) {
		t.Errorf("%d logins, want %d", len(first.Logins), len(people()))
	}
	second, err := Seed(context.Background(), st, Options{Hasher: auth.TestHasher()})
	if err != nil {
		t.Fatal(err)
	}
	if second.Seeded || len(second.Logins) != 0 {
		t.Errorf("second Seed seeded = %v with %d logins, want nothing", second.Seeded, len(second.Logins))
	}
	if second.Counts != c {
		t.Errorf("second Seed changed counts: %+v, want %+v", second.Counts, c)
	}
}

func TestSeedLeavesUsedDatabaseAlone(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	if _, err := st.CreateUser(ctx, store.NewUser{Email: "real@example.org", DisplayName: "Real"}); err != nil {
		t.Fatal(err)
	}
	res, err := Seed(ctx, st, Options{Hasher: auth.TestHasher()})
	if err != nil {
		t.Fatal(err)
	}
	if res.Seeded || res.Counts.Users != 1 || res.Counts.Orgs != 0 {
		t.Errorf("Seed on a used database: seeded %v, counts %+v", res.Seeded, res.Counts)
	}
}

// TestSeedCoversEverything checks the demo shows every kind, level,
// stakeholder type and role, with both verified and unverified cases.
func TestSeedCoversEverything(t *testing.T) {
	t.Parallel()
	st, _ := seed(t)
	ctx := context.Background()
	kinds := map[agora.OrgKind]map[agora.Country]int{}
	levels := map[string]bool{}
	verified := map[bool]int{}
	officers := map[bool]int{} // by verified
	for _, k := range agora.OrgKinds() {
		for _, c := range agora.Countries() {
			page, err := st.ListOrgs(ctx, agora.OrgFilter{Kind: k, Country: c, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			for _, o := range page.Orgs {
				if kinds[o.Kind] == nil {
					kinds[o.Kind] = map[agora.Country]int{}
				}
				kinds[o.Kind][o.Country]++
				verified[o.Verified()]++
				if o.IsAuthority() {
					levels[string(o.Country)+":"+o.AuthorityLevel] = true
					members, err := st.OrgMembers(ctx, o.ID)
					if err != nil {
						t.Fatal(err)
					}
					for _, m := range members {
						if m.Role == agora.OrgOfficer {
							officers[m.VerifiedAt != nil]++
						}
					}
				}
			}
		}
	}
	for _, k := range agora.OrgKinds() {
		for _, c := range agora.Countries() {
			if kinds[k][c] == 0 {
				t.Errorf("no %s organisation in %s", k, c)
			}
		}
	}
	for _, c := range agora.Countries() {
		for _, l := range agora.AuthorityLevels() {
			if !levels[string(c)+":"+l] {
				t.Errorf("no %s public authority in %s", l, c)
			}
		}
	}
	if verified[true] == 0 || verified[false] == 0 {
		t.Errorf("verified organisations: %v, want some of each", verified)
	}

	types := map[agora.StakeholderType]bool{}
	roles := map[agora.PlatformRole]bool{}
	var unverified, disabled int
	for _, p := range people() {
		u, _, err := st.UserByEmail(ctx, p.email())
		if err != nil {
			t.Fatalf("%s: %v", p.email(), err)
		}
		roles[u.Role] = true
		if !u.Verified() {
			unverified++
		}
		if u.Disabled() {
			disabled++
		}
		if p.noProfile {
			continue
		}
		prof, err := st.GetProfile(ctx, u.ID)
		if err != nil {
			t.Fatal(err)
		}
		for _, ty := range prof.Types {
			types[ty] = true
		}
	}
	for _, ty := range agora.StakeholderTypes() {
		if !types[ty] {
			t.Errorf("no profile of stakeholder type %s", ty)
		}
	}
	for _, r := range agora.PlatformRoles() {
		if !roles[r] {
			t.Errorf("no user with platform role %s", r)
		}
	}
	if unverified == 0 || disabled == 0 || officers[true] == 0 || officers[false] == 0 {
		t.Errorf("unverified %d, disabled %d, officers by verified %v: want some of each", unverified, disabled, officers)
	}

	page, err := st.ListPeople(ctx, nil, agora.PeopleFilter{Limit: 100})
	if err != nil {
		t.Fatal(err)
	}
	if page.Total == 0 || page.Total >= len(people()) {
		t.Errorf("directory lists %d of %d people, want the unlisted, unconfirmed, disabled and profile-less left out", page.Total, len(people()))
	}
	audit, err := st.AuditLog(ctx, store.AuditFilter{Limit: 200})
	if err != nil {
		t.Fatal(err)
	}
	actions := map[string]bool{}
	for _, e := range audit {
		actions[e.Action] = true
	}
	for _, a := range []string{"org.create", "org.member.add", "org.verify", "org.verify_officer"} {
		if !actions[a] {
			t.Errorf("no %q audit entry; have %v", a, actions)
		}
	}
}

// TestIdentifiersValidate runs every demo identifier through the
// validators the web forms use.
func TestIdentifiersValidate(t *testing.T) {
	t.Parallel()
	for _, o := range organisations() {
		in, err := o.in.Validate()
		if err != nil {
			t.Errorf("%s: %v", o.in.Name, err)
			continue
		}
		switch in.Country {
		case "RO":
			if in.Kind != string(agora.OrgInformalGroup) && in.TaxID == "" {
				t.Errorf("%s: no CUI", in.Name)
			}
		case "PL":
			if in.TaxID != "" {
				if err := agora.ValidateNIP("nip", in.TaxID); err != nil {
					t.Errorf("%s: NIP %s: %v", in.Name, in.TaxID, err)
				}
			}
			if in.REGON != "" {
				if err := agora.ValidateREGON("regon", in.REGON); err != nil {
					t.Errorf("%s: REGON %s: %v", in.Name, in.REGON, err)
				}
			}
			if in.RegistryNo != "" && len(in.RegistryNo) != 10 {
				t.Errorf("%s: KRS %q is not 10 digits", in.Name, in.RegistryNo)
			}
		}
	}
}

func TestSyntheticNIPsAreValidAndDistinct(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	n := 0
	for range 2000 {
		var s string
		s, n = syntheticNIP(n)
		if err := agora.ValidateNIP("nip", s); err != nil {
			t.Fatalf("syntheticNIP gave %s: %v", s, err)
		}
		if seen[s] {
			t.Fatalf("syntheticNIP repeated %s", s)
		}
		seen[s] = true
	}
}

// TestRomanianCommaBelow checks every demo string for the cedilla forms
// ş ţ Ş Ţ, which Romanian must not use.
func TestRomanianCommaBelow(t *testing.T) {
	t.Parallel()
	var texts []string
	for _, p := range people() {
		texts = append(texts, p.name, p.bio, p.try)
	}
	for _, o := range organisations() {
		texts = append(texts, o.in.Name, o.in.ShortName, o.in.Street, o.in.Description)
		for _, of := range o.officers {
			texts = append(texts, of.title)
		}
	}
	texts = append(texts, domainNames...)
	for _, u := range localities() {
		texts = append(texts, u.Name)
	}
	texts = append(texts, syntheticTexts()...)
	for _, s := range texts {
		if strings.ContainsAny(s, "şţŞŢ") {
			t.Errorf("cedilla in %q", s)
		}
	}
}

func TestDomainSlugsExist(t *testing.T) {
	t.Parallel()
	ds, err := builtinDomains()
	if err != nil {
		t.Fatal(err)
	}
	slugs := map[string]bool{}
	for _, d := range ds {
		slugs[d.Slug] = true
		if d.Names["pl"] == "" || d.Names["en"] == "" {
			t.Errorf("domain %s has no Polish or English name: %v", d.Slug, d.Names)
		}
	}
	var used []string
	for _, p := range people() {
		used = append(used, p.domains...)
	}
	for _, o := range organisations() {
		used = append(used, o.in.Domains...)
	}
	for _, d := range slices.Compact(slices.Sorted(slices.Values(used))) {
		if !slugs[d] {
			t.Errorf("demo uses domain %q, not among the built-in ones", d)
		}
	}
}

func TestGenerate(t *testing.T) {
	t.Parallel()
	st, res := seed(t)
	ctx := context.Background()
	err := Generate(ctx, st, GenOptions{Orgs: 60, Users: 150, PasswordHash: "x", Seed: 7})
	if err != nil {
		t.Fatal(err)
	}
	c, err := st.SeedCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Users != res.Counts.Users+150 || c.Orgs != res.Counts.Orgs+60 {
		t.Errorf("after Generate: %+v, want 150 more users and 60 more organisations than %+v", c, res.Counts)
	}
	if c.Profiles <= res.Counts.Profiles+100 || c.Verified <= res.Counts.Verified {
		t.Errorf("after Generate: %+v, want most synthetic people with profiles and some organisations verified", c)
	}
	for _, country := range agora.Countries() {
		page, err := st.ListPeople(ctx, nil, agora.PeopleFilter{Country: country})
		if err != nil {
			t.Fatal(err)
		}
		if page.Total < 30 {
			t.Errorf("only %d people in %s", page.Total, country)
		}
		orgs, err := st.ListOrgs(ctx, agora.OrgFilter{Country: country})
		if err != nil {
			t.Fatal(err)
		}
		if orgs.Total < 20 {
			t.Errorf("only %d organisations in %s", orgs.Total, country)
		}
	}
}
