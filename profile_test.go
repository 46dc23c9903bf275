package agora

import (
	"encoding/json"
	"os"
	"slices"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

func fieldsOf(err error) []string {
	var out []string
	for _, e := range FieldErrors(err) {
		out = append(out, e.Field)
	}
	return out
}

func TestProfileInputValidate(t *testing.T) {
	long := strings.Repeat("ă", MaxBioRunes+1)
	tests := []struct {
		name string
		in   ProfileInput
		want []string // fields in error, nil for valid
	}{
		{"empty is valid", ProfileInput{}, nil},
		{"full", ProfileInput{Types: []string{"expert", "ngo_member"}, Bio: "  Lucrez la Iași.\nPracuję w Łodzi.  ",
			Country: "RO", Region: "10", Languages: []string{"ro", "pl"}, Domains: []string{"educatie"},
			Visibility: map[string]string{"bio": "members"}, Listed: true}, nil},
		{"unknown type", ProfileInput{Types: []string{"astronaut"}}, []string{"types"}},
		{"bio at the limit", ProfileInput{Bio: strings.Repeat("ș", MaxBioRunes)}, nil},
		{"bio too long", ProfileInput{Bio: long}, []string{"bio"}},
		{"bio invalid utf8", ProfileInput{Bio: "ok\xff"}, []string{"bio"}},
		{"bio NUL", ProfileInput{Bio: "a\x00b"}, []string{"bio"}},
		{"bio tabs and CRLF allowed", ProfileInput{Bio: "a\tb\r\nc"}, nil},
		{"unknown country", ProfileInput{Country: "DE"}, []string{"country"}},
		{"lower-case country refused", ProfileInput{Country: "ro"}, []string{"country"}},
		{"region without country", ProfileInput{Region: "10"}, []string{"region"}},
		{"region not a code", ProfileInput{Country: "PL", Region: "mazowieckie"}, []string{"region"}},
		{"unknown language", ProfileInput{Languages: []string{"ro", "xx"}}, []string{"languages"}},
		{"bad domain slug", ProfileInput{Domains: []string{"Educație"}}, []string{"domains"}},
		{"too many domains", ProfileInput{Domains: func() []string {
			var d []string
			for i := range MaxProfileDomain + 1 {
				d = append(d, "d"+string(rune('a'+i)))
			}
			return d
		}()}, []string{"domains"}},
		{"bad visibility", ProfileInput{Visibility: map[string]string{"bio": "friends"}}, []string{"vis_bio"}},
		{"unknown visibility field", ProfileInput{Visibility: map[string]string{"email": "public"}}, []string{"vis_email"}},
		{"several errors at once", ProfileInput{Types: []string{"x"}, Bio: long, Country: "XX"}, []string{"types", "bio", "country"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in := tt.in
			err := in.Validate()
			got := fieldsOf(err)
			if !slices.Equal(got, tt.want) {
				t.Errorf("Validate() fields = %q, want %q (err %v)", got, tt.want, err)
			}
			if err != nil && KindOf(err) != Invalid {
				t.Errorf("KindOf = %v, want Invalid", KindOf(err))
			}
		})
	}
}

func TestProfileInputNormalises(t *testing.T) {
	in := ProfileInput{Types: []string{" expert", "beneficiary", "expert", ""}, Bio: "\n Bună ziua \n",
		Languages: []string{"pl", "ro", "pl"}, Visibility: map[string]string{"bio": "private", "types": ""}}
	if err := in.Validate(); err != nil {
		t.Fatal(err)
	}
	if want := []string{"beneficiary", "expert"}; !slices.Equal(in.Types, want) {
		t.Errorf("Types = %q, want %q", in.Types, want)
	}
	if in.Bio != "Bună ziua" {
		t.Errorf("Bio = %q", in.Bio)
	}
	if want := []string{"pl", "ro"}; !slices.Equal(in.Languages, want) {
		t.Errorf("Languages = %q, want %q", in.Languages, want)
	}
	for f, want := range DefaultProfileVisibility() {
		if f == FieldBio {
			want = VisPrivate
		}
		if got := in.VisibilityOf(f); got != want {
			t.Errorf("VisibilityOf(%s) = %s, want %s", f, got, want)
		}
	}
}

func TestDefaultVisibility(t *testing.T) {
	d := DefaultProfileVisibility()
	want := map[string]Visibility{"types": VisPublic, "bio": VisPublic, "region": VisPublic, "languages": VisMembers,
		"domains": VisPublic, "affiliations": VisPublic}
	if len(d) != len(want) {
		t.Fatalf("defaults = %v", d)
	}
	for f, v := range want {
		if d[f] != v {
			t.Errorf("default %s = %s, want %s", f, d[f], v)
		}
	}
}

func TestVisibleTo(t *testing.T) {
	now := time.Now()
	owner := &User{ID: "owner", Role: RoleParticipant}
	other := &User{ID: "other", Role: RoleParticipant}
	admin := &User{ID: "adm", Role: RoleAdmin}
	moderator := &User{ID: "mod", Role: RoleModerator}
	disabledAdmin := &User{ID: "adm2", Role: RoleAdmin, DisabledAt: &now}
	full := Profile{UserID: "owner", DisplayName: "Ana", Types: []StakeholderType{Expert}, Bio: "bio",
		Country: RO, RegionCode: "10", Languages: []string{"ro"}, Domains: []string{"educatie"},
		Affiliations: []Affiliation{{OrgID: "o", OrgName: "Org"}}}
	shown := func(p Profile, f string) bool {
		switch f {
		case FieldTypes:
			return len(p.Types) > 0
		case FieldBio:
			return p.Bio != ""
		case FieldRegion:
			return p.Country != "" && p.RegionCode != ""
		case FieldLanguages:
			return len(p.Languages) > 0
		case FieldDomains:
			return len(p.Domains) > 0
		case FieldAffiliations:
			return len(p.Affiliations) > 0
		}
		t.Fatalf("unknown field %s", f)
		return false
	}
	viewers := []struct {
		name string
		u    *User
		sees []Visibility
	}{
		{"anonymous", nil, []Visibility{VisPublic}},
		{"other", other, []Visibility{VisPublic, VisMembers}},
		{"moderator", moderator, []Visibility{VisPublic, VisMembers}},
		{"disabled admin", disabledAdmin, []Visibility{VisPublic}},
		{"self", owner, Visibilities()},
		{"admin", admin, Visibilities()},
	}
	for _, f := range ProfileFields() {
		for _, v := range Visibilities() {
			p := full
			p.Visibility = map[string]Visibility{f: v}
			for _, vw := range viewers {
				got := p.VisibleTo(vw.u)
				if want := slices.Contains(vw.sees, v); shown(got, f) != want {
					t.Errorf("field %s=%s viewer %s: shown = %v, want %v", f, v, vw.name, !want, want)
				}
				if got.DisplayName != "Ana" {
					t.Errorf("display name hidden from %s", vw.name)
				}
				// Other fields keep their defaults.
				for _, g := range ProfileFields() {
					if g == f {
						continue
					}
					want := slices.Contains(vw.sees, DefaultProfileVisibility()[g])
					if shown(got, g) != want {
						t.Errorf("field %s (default) with %s=%s, viewer %s: shown = %v", g, f, v, vw.name, !want)
					}
				}
			}
		}
	}
	// An unknown stored level fails closed.
	p := full
	p.Visibility = map[string]Visibility{FieldBio: "weird"}
	if p.Vis(FieldBio) != VisPublic {
		t.Errorf("unknown stored level should fall back to the default")
	}
	if Visibility("weird").Within(VisMembers) {
		t.Errorf("unknown level visible to members")
	}
	// The copy does not share slices with the original.
	got := full.VisibleTo(owner)
	got.Types[0] = Employer
	if full.Types[0] != Expert {
		t.Errorf("VisibleTo shares slices with the original")
	}
}

func TestPeopleFilterValidate(t *testing.T) {
	tests := []struct {
		f    PeopleFilter
		want []string
	}{
		{PeopleFilter{}, nil},
		{PeopleFilter{Type: NGOMember, Country: PL, Region: "14", Domain: "educatie", Language: "uk", Query: "Łódź"}, nil},
		{PeopleFilter{Type: "boss"}, []string{"type"}},
		{PeopleFilter{Country: "HU"}, []string{"country"}},
		{PeopleFilter{Region: "14"}, []string{"region"}},
		{PeopleFilter{Country: RO, Region: "1 OR 1=1"}, []string{"region"}},
		{PeopleFilter{Domain: "' OR '1'='1"}, []string{"domain"}},
		{PeopleFilter{Language: "xx"}, []string{"language"}},
		{PeopleFilter{Query: strings.Repeat("q", 101)}, []string{"q"}},
		{PeopleFilter{Query: "a\x00"}, []string{"q"}},
		{PeopleFilter{After: "x", Before: "y"}, []string{"after"}},
	}
	for _, tt := range tests {
		f := tt.f
		if got := fieldsOf(f.Validate()); !slices.Equal(got, tt.want) {
			t.Errorf("%+v: fields %q, want %q", tt.f, got, tt.want)
		}
		if f.Limit != DefaultPeoplePage {
			t.Errorf("Limit = %d", f.Limit)
		}
	}
	f := PeopleFilter{Limit: 10000}
	_ = f.Validate()
	if f.Limit != MaxPeoplePage {
		t.Errorf("Limit = %d, want %d", f.Limit, MaxPeoplePage)
	}
}

func TestValidDomainSlug(t *testing.T) {
	for s, want := range map[string]bool{"educatie": true, "drepturile-omului-copii": true, "a1": true,
		"": false, "-a": false, "a-": false, "a--b": false, "Educatie": false, "educație": false, "a b": false} {
		if got := ValidDomainSlug(s); got != want {
			t.Errorf("ValidDomainSlug(%q) = %v, want %v", s, got, want)
		}
	}
}

// FuzzProfileInputValidate checks that Validate never panics, that what it
// accepts is normalised and within limits, and that validating its own
// output changes nothing.
func FuzzProfileInputValidate(f *testing.F) {
	f.Add("expert", "Lucrez în județul Iași.", "RO", "10", "ro", "educatie", "bio", "members")
	f.Add("ngo_member,employer", "Zażółć gęślą jaźń", "PL", "02", "pl,uk", "sanatate", "languages", "private")
	f.Add("x", "a\x00b", "XX", "a", "zz", "Bad Slug", "email", "friends")
	if b, err := os.ReadFile("/work/shared/data/bad-input/payloads.json"); err == nil {
		var payloads map[string][]string
		if json.Unmarshal(b, &payloads) == nil {
			for _, group := range payloads {
				for _, p := range group {
					f.Add(p, p, p, p, p, p, p, p)
				}
			}
		}
	}
	if b, err := os.ReadFile("/work/shared/data/bad-input/invalid-utf8.bin"); err == nil {
		f.Add("expert", string(b), "RO", "10", "ro", "educatie", "bio", "public")
	}
	f.Fuzz(func(t *testing.T, types, bio, country, region, langs, domains, visField, vis string) {
		in := ProfileInput{Types: strings.Split(types, ","), Bio: bio, Country: country, Region: region,
			Languages: strings.Split(langs, ","), Domains: strings.Split(domains, ","),
			Visibility: map[string]string{visField: vis}}
		err := in.Validate()
		if err != nil {
			if KindOf(err) != Invalid {
				t.Fatalf("error kind %v: %v", KindOf(err), err)
			}
			for _, fe := range FieldErrors(err) {
				if fe.Field == "" || fe.Key == "" {
					t.Fatalf("field error without field or key: %+v", fe)
				}
			}
			return
		}
		if !utf8.ValidString(in.Bio) || utf8.RuneCountInString(in.Bio) > MaxBioRunes {
			t.Fatalf("accepted bio %q", in.Bio)
		}
		for _, ty := range in.Types {
			if !StakeholderType(ty).Valid() {
				t.Fatalf("accepted type %q", ty)
			}
		}
		for _, fld := range ProfileFields() {
			if !Visibility(in.Visibility[fld]).Valid() {
				t.Fatalf("visibility of %s = %q", fld, in.Visibility[fld])
			}
		}
		again := in
		again.Types = slices.Clone(in.Types)
		if err := again.Validate(); err != nil {
			t.Fatalf("normalised input no longer valid: %v", err)
		}
		if again.Bio != in.Bio || !slices.Equal(again.Types, in.Types) || !slices.Equal(again.Domains, in.Domains) {
			t.Fatalf("Validate is not idempotent")
		}
	})
}
