package agora

import (
	"slices"
	"strings"
	"time"
	"unicode/utf8"
)

// StakeholderType says in which capacity a person takes part in civic
// dialogue. A person may hold several. The values are stable identifiers
// (stored, used in URLs and in i18n keys "profile.type.<value>").
type StakeholderType string

// The stakeholder types of the platform.
const (
	Beneficiary        StakeholderType = "beneficiary"         // of social or public services
	CivilSociety       StakeholderType = "civil_society"       // engaged citizen, activist
	AuthorityRep       StakeholderType = "authority_rep"       // public authority representative
	NGOMember          StakeholderType = "ngo_member"          // member or staff of an NGO
	EmploymentProvider StakeholderType = "employment_provider" // employment services provider
	Employer           StakeholderType = "employer"
	Expert             StakeholderType = "expert"
)

// StakeholderTypes lists every stakeholder type in display order. The
// store keeps a type's position as a bit, so new types go at the end.
func StakeholderTypes() []StakeholderType {
	return []StakeholderType{Beneficiary, CivilSociety, AuthorityRep, NGOMember, EmploymentProvider, Employer, Expert}
}

// Valid reports whether t is a known stakeholder type.
func (t StakeholderType) Valid() bool { return slices.Contains(StakeholderTypes(), t) }

// Visibility says who may see one field of a profile.
type Visibility string

// The visibility levels, from the widest audience to the narrowest.
const (
	VisPublic  Visibility = "public"  // everyone, signed in or not
	VisMembers Visibility = "members" // signed-in users
	VisPrivate Visibility = "private" // only the person and platform admins
)

// Visibilities lists the levels from the widest audience to the narrowest.
func Visibilities() []Visibility { return []Visibility{VisPublic, VisMembers, VisPrivate} }

// Valid reports whether v is a known level.
func (v Visibility) Valid() bool { return v == VisPublic || v == VisMembers || v == VisPrivate }

// rank orders the levels by how narrow their audience is.
func (v Visibility) rank() int {
	switch v {
	case VisPublic:
		return 0
	case VisMembers:
		return 1
	}
	return 2 // unknown values count as private: fail closed
}

// Within reports whether a field set to v may be shown to an audience
// that may see up to level aud (see ProfileAudience).
func (v Visibility) Within(aud Visibility) bool { return v.rank() <= aud.rank() }

// The profile fields whose visibility a person chooses. FieldRegion
// covers the whole location, country and region, because a country
// alone already narrows down who someone is.
const (
	FieldTypes        = "types"
	FieldBio          = "bio"
	FieldRegion       = "region"
	FieldLanguages    = "languages"
	FieldDomains      = "domains"
	FieldAffiliations = "affiliations"
)

// ProfileFields lists the fields that have a visibility, in form order.
func ProfileFields() []string {
	return []string{FieldTypes, FieldBio, FieldRegion, FieldLanguages, FieldDomains, FieldAffiliations}
}

// DefaultProfileVisibility returns the visibility a new profile starts
// with: languages only for signed-in users, everything else public.
func DefaultProfileVisibility() map[string]Visibility {
	return map[string]Visibility{
		FieldTypes: VisPublic, FieldBio: VisPublic, FieldRegion: VisPublic,
		FieldLanguages: VisMembers, FieldDomains: VisPublic, FieldAffiliations: VisPublic,
	}
}

// ProfileLanguages lists the ISO 639-1 codes a person may say they speak:
// the platform's languages, the neighbours' and the big European ones.
// The store keeps a language's position as a bit, so new ones go at the
// end.
func ProfileLanguages() []string {
	return []string{"ro", "pl", "en", "de", "fr", "hu", "uk", "ru", "es", "it"}
}

// Limits of a profile.
const (
	MaxBioRunes      = 1000
	MaxProfileDomain = 20 // domains per profile
	maxDomainSlug    = 80
)

// ProfileAudience returns the narrowest level viewer may see on the
// profile of ownerID: everything for the person themself and platform
// admins, members-only fields for other signed-in users, public fields
// for anonymous visitors.
func ProfileAudience(viewer *User, ownerID string) Visibility {
	switch {
	case viewer == nil || viewer.Disabled():
		return VisPublic
	case viewer.ID == ownerID || viewer.IsAdmin():
		return VisPrivate
	}
	return VisMembers
}

// Affiliation is a person's membership of an organisation as shown on
// the profile. It comes from the memberships table and is not edited on
// the profile.
type Affiliation struct {
	OrgID   string
	OrgName string
	Role    OrgRole
	// OrgVerified says a platform admin verified the organisation.
	OrgVerified bool
}

// Profile is a person's public-facing description: who they are as a
// stakeholder, where, what they work on. Each field but the name has a
// Visibility; VisibleTo blanks what a viewer may not see.
type Profile struct {
	UserID      string
	DisplayName string
	Types       []StakeholderType
	// Bio is plain text, possibly several lines, at most MaxBioRunes.
	Bio     string
	Country Country
	// RegionCode is the code of a level-1 administrative unit (județ,
	// województwo) of Country.
	RegionCode   string
	Languages    []string
	Domains      []string
	Affiliations []Affiliation
	Visibility   map[string]Visibility
	// Listed is the person's choice to appear in the people directory.
	Listed bool
	// InDirectory says the profile is visible at all to other people:
	// it was saved at least once, is Listed, and the account is verified
	// and not disabled. Set by the store.
	InDirectory bool
	// UpdatedAt is zero for a profile never saved.
	UpdatedAt time.Time
}

// Vis returns the visibility of field, the default when unset.
func (p Profile) Vis(field string) Visibility {
	if v, ok := p.Visibility[field]; ok && v.Valid() {
		return v
	}
	return DefaultProfileVisibility()[field]
}

// VisibleTo returns a copy of p without the fields viewer may not see.
// The person themself and platform admins see everything.
func (p Profile) VisibleTo(viewer *User) Profile {
	aud := ProfileAudience(viewer, p.UserID)
	out := p
	out.Visibility = make(map[string]Visibility, len(p.Visibility))
	for _, f := range ProfileFields() {
		out.Visibility[f] = p.Vis(f)
	}
	hide := func(f string) bool { return !p.Vis(f).Within(aud) }
	if hide(FieldTypes) {
		out.Types = nil
	}
	if hide(FieldBio) {
		out.Bio = ""
	}
	if hide(FieldRegion) {
		out.Country, out.RegionCode = "", ""
	}
	if hide(FieldLanguages) {
		out.Languages = nil
	}
	if hide(FieldDomains) {
		out.Domains = nil
	}
	if hide(FieldAffiliations) {
		out.Affiliations = nil
	}
	// Slices are shared with p otherwise; copy so a caller editing the
	// result cannot change the original.
	out.Types = slices.Clone(out.Types)
	out.Languages = slices.Clone(out.Languages)
	out.Domains = slices.Clone(out.Domains)
	out.Affiliations = slices.Clone(out.Affiliations)
	return out
}

// ProfileInput is what a person submits to edit their profile. Strings
// are as typed; Validate normalises them.
type ProfileInput struct {
	Types   []string
	Bio     string
	Country string
	// Region is the level-1 unit code. Whether it belongs to Country is
	// checked by the store, which knows the units.
	Region     string
	Languages  []string
	Domains    []string
	Visibility map[string]string
	Listed     bool
}

// Validate checks and normalises in: bio trimmed, lists de-duplicated and
// sorted, missing visibilities filled with the defaults. It returns a
// ValidationError naming each bad field ("types", "bio", "country",
// "region", "languages", "domains", "vis_<field>"). Whether the region
// and the domains exist is left to the store.
func (in *ProfileInput) Validate() error {
	var es Errs
	in.Types = normList(in.Types)
	for _, t := range in.Types {
		if !StakeholderType(t).Valid() {
			es.Add("types", "field.invalid_choice", nil)
			break
		}
	}
	in.Bio = ValidateText(&es, "bio", in.Bio, 0, MaxBioRunes, true)
	in.Country = strings.TrimSpace(in.Country)
	in.Region = strings.TrimSpace(in.Region)
	switch Country(in.Country) {
	case RO, PL:
		if in.Region != "" && !validRegionCode(in.Region) {
			es.Add("region", "field.invalid_choice", nil)
		}
	case "":
		if in.Region != "" {
			es.Add("region", "profile.region.needs_country", nil)
		}
	default:
		es.Add("country", "field.invalid_choice", nil)
	}
	in.Languages = normList(in.Languages)
	for _, l := range in.Languages {
		if !slices.Contains(ProfileLanguages(), l) {
			es.Add("languages", "field.invalid_choice", nil)
			break
		}
	}
	in.Domains = normList(in.Domains)
	if len(in.Domains) > MaxProfileDomain {
		es.Add("domains", "profile.domains.too_many", map[string]any{"max": MaxProfileDomain})
	}
	for _, d := range in.Domains {
		if !ValidDomainSlug(d) {
			es.Add("domains", "field.invalid_choice", nil)
			break
		}
	}
	vis := make(map[string]string, len(ProfileFields()))
	for f, v := range in.Visibility {
		if !slices.Contains(ProfileFields(), f) {
			es.Add("vis_"+sanitizeField(f), "field.invalid_choice", nil)
		}
		vis[f] = v
	}
	for _, f := range ProfileFields() {
		v, ok := vis[f]
		if !ok || v == "" {
			vis[f] = string(DefaultProfileVisibility()[f])
		} else if !Visibility(v).Valid() {
			es.Add("vis_"+f, "field.invalid_choice", nil)
		}
	}
	in.Visibility = vis
	return es.Err()
}

// VisibilityOf returns the validated visibility of field in in.
func (in ProfileInput) VisibilityOf(field string) Visibility {
	if v := Visibility(in.Visibility[field]); v.Valid() {
		return v
	}
	return DefaultProfileVisibility()[field]
}

// ValidDomainSlug reports whether s looks like a domain slug: lower-case
// ASCII letters, digits and single inner hyphens.
func ValidDomainSlug(s string) bool {
	if s == "" || len(s) > maxDomainSlug || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

// validRegionCode accepts the shape of SIRUTA county codes and TERYT
// voivodeship codes: one to six ASCII digits.
func validRegionCode(s string) bool {
	if len(s) == 0 || len(s) > 6 {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// sanitizeField keeps an unknown field name safe to echo as a form
// field id.
func sanitizeField(f string) string {
	var b strings.Builder
	for _, r := range f {
		if b.Len() >= 32 {
			break
		}
		if r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_' {
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return "unknown"
	}
	return b.String()
}

// normList trims, drops empty and duplicate entries and sorts, so equal
// choices compare equal however the browser sent them.
func normList(in []string) []string {
	out := make([]string, 0, len(in))
	for _, s := range in {
		s = strings.TrimSpace(s)
		if s != "" && utf8.ValidString(s) {
			out = append(out, s)
		} else if s != "" {
			out = append(out, "\uFFFD") // invalid, reported by the caller's check
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// PeopleFilter selects people in the directory. Empty fields do not
// filter. Only fields the viewer may see are matched, so a filter never
// reveals a hidden value.
type PeopleFilter struct {
	Type     StakeholderType
	Country  Country
	Region   string
	Domain   string
	Language string
	// Query matches words of the display name and, where visible, of the
	// bio, diacritics and case ignored: each word of Query must begin a
	// word there (or equal it, when shorter than three letters).
	Query string
	// After and Before are opaque cursors from a previous page; at most
	// one is set.
	After, Before string
	// Limit is the page size; 0 means DefaultPeoplePage.
	Limit int
}

// DefaultPeoplePage and MaxPeoplePage bound a directory page.
const (
	DefaultPeoplePage = 24
	MaxPeoplePage     = 100
	maxQueryRunes     = 100
)

// Validate checks f and normalises Query. Field names are the query
// parameters of /people: type, country, region, domain, language, q
// ("lang" already picks the interface language).
func (f *PeopleFilter) Validate() error {
	var es Errs
	if f.Type != "" && !f.Type.Valid() {
		es.Add("type", "field.invalid_choice", nil)
	}
	switch f.Country {
	case "", RO, PL:
	default:
		es.Add("country", "field.invalid_choice", nil)
	}
	if f.Region != "" {
		if f.Country == "" {
			es.Add("region", "profile.region.needs_country", nil)
		} else if !validRegionCode(f.Region) {
			es.Add("region", "field.invalid_choice", nil)
		}
	}
	if f.Domain != "" && !ValidDomainSlug(f.Domain) {
		es.Add("domain", "field.invalid_choice", nil)
	}
	if f.Language != "" && !slices.Contains(ProfileLanguages(), f.Language) {
		es.Add("language", "field.invalid_choice", nil)
	}
	f.Query = ValidateText(&es, "q", f.Query, 0, maxQueryRunes, false)
	if f.After != "" && f.Before != "" {
		es.Add("after", "field.invalid_choice", nil)
	}
	if f.Limit <= 0 {
		f.Limit = DefaultPeoplePage
	}
	f.Limit = min(f.Limit, MaxPeoplePage)
	return es.Err()
}
