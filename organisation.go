package agora

import (
	"net"
	"net/netip"
	"net/url"
	"regexp"
	"slices"
	"strconv"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"
)

// OrgKind is the legal or practical form of an organisation. Values are
// stable identifiers (stored, used in URLs and i18n keys such as
// "org.kind.association"), not display text.
type OrgKind string

// The kinds of organisation agora knows.
const (
	OrgAssociation        OrgKind = "association"         // RO asociație, PL stowarzyszenie
	OrgFoundation         OrgKind = "foundation"          // RO fundație, PL fundacja
	OrgFederation         OrgKind = "federation"          // federation or union of organisations
	OrgInformalGroup      OrgKind = "informal_group"      // citizens' group without legal personality
	OrgPublicAuthority    OrgKind = "public_authority"    // ministry, county council, municipality, voivodeship office…
	OrgEmployer           OrgKind = "employer"            // company or employers' organisation
	OrgEmploymentProvider OrgKind = "employment_provider" // employment or training services provider
	OrgSocialEconomy      OrgKind = "social_economy"      // social enterprise, cooperative
)

// OrgKinds lists every kind in the order forms offer them.
func OrgKinds() []OrgKind {
	return []OrgKind{OrgAssociation, OrgFoundation, OrgFederation, OrgInformalGroup,
		OrgPublicAuthority, OrgEmployer, OrgEmploymentProvider, OrgSocialEconomy}
}

// Valid reports whether k is a known kind.
func (k OrgKind) Valid() bool { return slices.Contains(OrgKinds(), k) }

// Levels of public administration, required for public authorities only.
const (
	AuthorityCentral = "central" // ministry, national agency
	AuthorityCounty  = "county"  // RO county council or prefecture, PL voivodeship or powiat
	AuthorityLocal   = "local"   // municipality, town, commune, gmina
)

// AuthorityLevels lists the levels of public administration, highest first.
func AuthorityLevels() []string { return []string{AuthorityCentral, AuthorityCounty, AuthorityLocal} }

// Countries lists the countries agora serves.
func Countries() []Country { return []Country{RO, PL} }

// Valid reports whether c is a country agora serves.
func (c Country) Valid() bool { return c == RO || c == PL }

// Organisation is an NGO, a public authority or another body people act
// for on agora.
type Organisation struct {
	ID             string
	Name           string
	ShortName      string
	Kind           OrgKind
	AuthorityLevel string // one of Authority*, only for public authorities
	Country        Country
	// TaxID is the Romanian CUI/CIF or the Polish NIP, normalised.
	TaxID string
	// RegistryNo is the Romanian number in the registry of associations
	// and foundations (free text) or the Polish KRS (ten digits).
	RegistryNo string
	// REGON is the Polish statistical number.
	REGON  string
	Street string
	// UnitCode is the administrative unit of the address: a SIRUTA code
	// in Romania, a SIMC locality code in Poland.
	UnitCode string
	// RegionCode is the county (SIRUTA) or voivodeship (TERC WOJ) code,
	// derived from the unit when there is one.
	RegionCode  string
	PostalCode  string
	Website     string
	Email       string
	Phone       string
	Description string // Markdown
	FoundedYear int    // 0 when unknown
	Domains     []string
	VerifiedAt  *time.Time
	CreatedAt   time.Time
	UpdatedAt   time.Time

	// Read-only values the store fills for display.
	UnitName    string
	RegionName  string
	MemberCount int
}

// Verified reports whether a platform administrator verified the
// organisation.
func (o Organisation) Verified() bool { return o.VerifiedAt != nil }

// IsAuthority reports whether the organisation is a public authority,
// whose members may be authority officers.
func (o Organisation) IsAuthority() bool { return o.Kind == OrgPublicAuthority }

// Domain is a field of activity ("Educație"), from the ONGHub
// nomenclature, with its name in each language.
type Domain struct {
	Slug  string
	Names map[string]string // by language; "ro" is always there
}

// Name returns the domain's name in lang, falling back to Romanian.
func (d Domain) Name(lang string) string {
	if n := d.Names[lang]; n != "" {
		return n
	}
	return d.Names["ro"]
}

// Membership is one person's membership of an organisation.
type Membership struct {
	OrgID       string
	UserID      string
	DisplayName string
	Email       string
	Role        OrgRole
	Title       string
	// VerifiedAt is when a platform admin confirmed an officer; nil for
	// other roles and for officers not yet confirmed.
	VerifiedAt *time.Time
	CreatedAt  time.Time
}

// OrgFilter selects organisations for the directory. Zero fields do not
// filter. Cursor is the opaque position a previous page returned.
type OrgFilter struct {
	Kind     OrgKind
	Country  Country
	Region   string
	Domain   string
	Verified *bool
	Query    string
	Cursor   string
	Limit    int
}

// Limits of organisation fields, in runes.
const (
	OrgNameMax        = 200
	OrgShortNameMax   = 50
	OrgRegistryNoMax  = 64
	OrgStreetMax      = 200
	OrgDescriptionMax = 20000
	OrgPhoneMax       = 40
	OrgWebsiteMax     = 300
	OrgDomainsMax     = 10
	OrgFoundedMin     = 1800
	OrgFoundedMax     = 2100
)

// OrgInput is what creating or editing an organisation takes, as typed.
// Validate returns it normalised.
type OrgInput struct {
	Name           string
	ShortName      string
	Kind           string
	AuthorityLevel string
	Country        string
	TaxID          string
	RegistryNo     string
	REGON          string
	Street         string
	// RegionCode is the county or voivodeship chosen; UnitCode the
	// locality found for the typed name. The store checks both exist and
	// agree, and derives the region from the unit.
	RegionCode  string
	UnitCode    string
	PostalCode  string
	Website     string
	Email       string
	Phone       string
	Description string
	FoundedYear string
	Domains     []string
}

var (
	domainSlugRE = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)
	roPostalRE   = regexp.MustCompile(`^[0-9]{6}$`)
	plPostalRE   = regexp.MustCompile(`^[0-9]{2}-?[0-9]{3}$`)
)

// Validate checks every field and returns the input normalised (trimmed,
// identifiers in canonical form, website with its scheme) with all field
// errors at once, as a ValidationError. Field names are the snake-case
// form names ("tax_id"). It is idempotent: validating its own output
// changes nothing. The existence of the unit, region and domains is left
// to the store.
func (in OrgInput) Validate() (OrgInput, error) {
	var es Errs
	out := OrgInput{}
	out.Name = ValidateText(&es, "name", in.Name, 2, OrgNameMax, false)
	out.ShortName = ValidateText(&es, "short_name", in.ShortName, 0, OrgShortNameMax, false)

	out.Kind = strings.TrimSpace(in.Kind)
	switch {
	case out.Kind == "":
		es.Add("kind", "field.required", nil)
	case !OrgKind(out.Kind).Valid():
		es.Add("kind", "field.invalid_choice", nil)
	}
	if out.Kind == string(OrgPublicAuthority) {
		out.AuthorityLevel = strings.TrimSpace(in.AuthorityLevel)
		switch {
		case out.AuthorityLevel == "":
			es.Add("authority_level", "org.authority_level.required", nil)
		case !slices.Contains(AuthorityLevels(), out.AuthorityLevel):
			es.Add("authority_level", "field.invalid_choice", nil)
		}
	}

	out.Country = strings.ToUpper(strings.TrimSpace(in.Country))
	country := Country(out.Country)
	switch {
	case out.Country == "":
		es.Add("country", "field.required", nil)
	case !country.Valid():
		es.Add("country", "field.invalid_choice", nil)
	}

	out.TaxID, out.RegistryNo, out.REGON = validateOrgIDs(&es, country, in)

	out.Street = ValidateText(&es, "street", in.Street, 0, OrgStreetMax, false)
	out.RegionCode = validateUnitCode(&es, "region", in.RegionCode)
	out.UnitCode = validateUnitCode(&es, "locality", in.UnitCode)
	out.PostalCode = validatePostalCode(&es, country, in.PostalCode)

	if w := strings.TrimSpace(in.Website); w != "" {
		nw, err := NormalizeWebsite("website", w)
		if err != nil {
			es = append(es, AsError(err))
		}
		out.Website = nw
	}
	if e := strings.TrimSpace(in.Email); e != "" {
		out.Email = NormalizeEmail(e)
		if err := ValidateEmail("email", out.Email); err != nil {
			es = append(es, AsError(err))
		}
	}
	out.Phone = validatePhone(&es, in.Phone)
	out.Description = ValidateText(&es, "description", in.Description, 0, OrgDescriptionMax, true)
	out.FoundedYear = validateFoundedYear(&es, in.FoundedYear)
	out.Domains = validateDomains(&es, in.Domains)
	return out, es.Err()
}

// validateOrgIDs checks the national identifiers of the organisation's
// country: CUI and the registry number in Romania; NIP, KRS and REGON in
// Poland. Identifiers are optional (informal groups have none), but what
// is given must be right. Before the country is known nothing is checked
// beyond the text itself.
func validateOrgIDs(es *Errs, c Country, in OrgInput) (taxID, registryNo, regon string) {
	taxID = ValidateText(es, "tax_id", in.TaxID, 0, 20, false)
	registryNo = ValidateText(es, "registry_no", in.RegistryNo, 0, OrgRegistryNoMax, false)
	regon = ValidateText(es, "regon", in.REGON, 0, 20, false)
	check := func(field, v string, norm func(string) string, valid func(string, string) error) string {
		if v == "" {
			return ""
		}
		if err := valid(field, v); err != nil {
			*es = append(*es, AsError(err))
			return v
		}
		return norm(v)
	}
	switch c {
	case RO:
		taxID = check("tax_id", taxID, NormalizeCUI, ValidateCUI)
		if regon != "" {
			es.Add("regon", "org.regon.only_pl", nil)
		}
	case PL:
		taxID = check("tax_id", taxID, NormalizeNIP, ValidateNIP)
		registryNo = check("registry_no", registryNo, NormalizeKRS, ValidateKRS)
		regon = check("regon", regon, NormalizeREGON, ValidateREGON)
	}
	return taxID, registryNo, regon
}

// validateUnitCode accepts a SIRUTA or TERYT code: 1 to 7 ASCII digits.
func validateUnitCode(es *Errs, field, s string) string {
	s = strings.TrimSpace(s)
	if s == "" {
		return ""
	}
	if len(s) > 7 || !isASCIIDigits(s) {
		es.Add(field, "field.invalid_choice", nil)
	}
	return s
}

// validatePostalCode checks the national format: six digits in Romania,
// NN-NNN in Poland (the dash is added when typed without it).
func validatePostalCode(es *Errs, c Country, s string) string {
	s = strings.Join(strings.Fields(s), "")
	if s == "" {
		return ""
	}
	switch c {
	case RO:
		if !roPostalRE.MatchString(s) {
			es.Add("postal_code", "org.postal_code.ro", nil)
		}
	case PL:
		if !plPostalRE.MatchString(s) {
			es.Add("postal_code", "org.postal_code.pl", nil)
		} else if len(s) == 5 {
			s = s[:2] + "-" + s[2:]
		}
	default:
		if utf8.RuneCountInString(s) > 10 {
			es.Add("postal_code", "field.too_long", map[string]any{"max": 10})
		}
	}
	return s
}

// validatePhone accepts what people print on letterheads: digits with
// spaces, dots, dashes, slashes, brackets and a leading +, holding 6 to
// 15 digits (E.164 allows at most 15).
func validatePhone(es *Errs, s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if s == "" {
		return ""
	}
	digits := 0
	ok := utf8.RuneCountInString(s) <= OrgPhoneMax
	for i, r := range s {
		switch {
		case r >= '0' && r <= '9':
			digits++
		case r == '+' && i == 0, r == ' ', r == '-', r == '.', r == '/', r == '(', r == ')':
		default:
			ok = false
		}
	}
	if !ok || digits < 6 || digits > 15 {
		es.Add("phone", "org.phone.invalid", nil)
	}
	return s
}

func validateFoundedYear(es *Errs, s string) string {
	s = strings.TrimSpace(s)
	if s == "" || s == "0" {
		return ""
	}
	y, err := strconv.Atoi(s)
	if err != nil || !isASCIIDigits(s) {
		es.Add("founded_year", "field.invalid_number", nil)
		return s
	}
	if y < OrgFoundedMin || y > OrgFoundedMax {
		es.Add("founded_year", "org.founded_year.range", map[string]any{"min": OrgFoundedMin, "max": OrgFoundedMax})
		return s
	}
	return strconv.Itoa(y)
}

// validateDomains drops blanks and duplicates, keeping the first order.
func validateDomains(es *Errs, in []string) []string {
	var out []string
	for _, d := range in {
		d = strings.TrimSpace(d)
		if d == "" || slices.Contains(out, d) {
			continue
		}
		if len(d) > 80 || !domainSlugRE.MatchString(d) {
			es.Add("domains", "field.invalid_choice", nil)
			return nil
		}
		out = append(out, d)
	}
	if len(out) > OrgDomainsMax {
		es.Add("domains", "org.domains.too_many", map[string]any{"max": OrgDomainsMax})
	}
	return out
}

// FoundedYearInt returns the validated founded year as a number, 0 when
// not given.
func (in OrgInput) FoundedYearInt() int {
	y, _ := strconv.Atoi(in.FoundedYear)
	return y
}

// NormalizeWebsite checks a website address a user gives and returns it
// in canonical form: "https://" added when no scheme was typed, scheme
// and host in lower case. Only http and https are accepted, without
// credentials, and only on a public DNS name or a public IP address:
// agora may one day fetch the page (link previews, checks), so addresses
// that reach the server's own network — loopback, private and link-local
// ranges, cloud metadata endpoints, single-label or .local/.internal
// names, numeric hosts like "2130706433" — are refused now rather than
// trusted later. Keys: org.website.invalid, org.website.scheme,
// org.website.host; field.too_long.
func NormalizeWebsite(field, s string) (string, error) {
	s = strings.TrimSpace(s)
	if utf8.RuneCountInString(s) > OrgWebsiteMax {
		return s, FieldError(field, "field.too_long", map[string]any{"max": OrgWebsiteMax})
	}
	for _, r := range s {
		if r <= 0x20 || r == 0x7f || r == '\\' {
			return s, FieldError(field, "org.website.invalid", nil)
		}
	}
	if !strings.Contains(s, "://") && !hasURLScheme(s) {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return s, FieldError(field, "org.website.invalid", nil)
	}
	u.Scheme = strings.ToLower(u.Scheme)
	if u.Scheme != "http" && u.Scheme != "https" {
		return s, FieldError(field, "org.website.scheme", nil)
	}
	if u.Opaque != "" || u.Host == "" {
		return s, FieldError(field, "org.website.invalid", nil)
	}
	if u.User != nil {
		return s, FieldError(field, "org.website.host", nil)
	}
	host := strings.ToLower(strings.TrimSuffix(u.Hostname(), "."))
	if !publicHost(host) {
		return s, FieldError(field, "org.website.host", nil)
	}
	if p := u.Port(); p != "" {
		if n, err := strconv.Atoi(p); err != nil || n < 1 || n > 65535 {
			return s, FieldError(field, "org.website.invalid", nil)
		}
		host = net.JoinHostPort(host, p)
	} else if strings.Contains(host, ":") {
		host = "[" + host + "]"
	}
	// Assembled by hand because URL.String percent-encodes a Unicode
	// host ("łódź.pl"), which people would not recognise.
	out := u.Scheme + "://" + host + u.EscapedPath()
	if u.RawQuery != "" || u.ForceQuery {
		out += "?" + u.RawQuery
	}
	if u.Fragment != "" {
		out += "#" + u.EscapedFragment()
	}
	return out, nil
}

// hasURLScheme reports whether s starts with "scheme:" where what follows
// is not a port number, so "javascript:x" has one and "example.ro:8080"
// does not.
func hasURLScheme(s string) bool {
	i := strings.IndexByte(s, ':')
	if i <= 0 {
		return false
	}
	for j := range i {
		c := s[j]
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || j > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.')) {
			return false
		}
	}
	rest := s[i+1:]
	k := 0
	for k < len(rest) && isASCIIDigit(rest[k]) {
		k++
	}
	return k == 0 || (k < len(rest) && rest[k] != '/')
}

// blockedHostSuffixes are names that resolve inside private networks.
var blockedHostSuffixes = []string{".localhost", ".local", ".internal", ".lan", ".home", ".corp", ".intranet", ".home.arpa", ".in-addr.arpa", ".ip6.arpa", ".test", ".invalid", ".example"}

// publicHost reports whether host (lower case, without brackets) is a
// public IP address or a multi-label DNS name outside the reserved
// private suffixes.
func publicHost(host string) bool {
	if host == "" {
		return false
	}
	if ip, err := netip.ParseAddr(host); err == nil {
		ip = ip.Unmap()
		return ip.IsGlobalUnicast() && !ip.IsPrivate() && !ip.Is4In6() &&
			!netip.MustParsePrefix("100.64.0.0/10").Contains(ip) && // carrier-grade NAT
			!netip.MustParsePrefix("64:ff9b::/96").Contains(ip) // NAT64 reaches IPv4 ranges
	}
	if host == "localhost" || !strings.Contains(host, ".") {
		return false
	}
	for _, suf := range blockedHostSuffixes {
		if strings.HasSuffix(host, suf) {
			return false
		}
	}
	labels := strings.Split(host, ".")
	for _, l := range labels {
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsDigit(r) && !unicode.IsMark(r) {
				return false
			}
		}
	}
	// A top-level label of digits or hex is an IP address in disguise
	// ("127.1", "0x7f.1"), which browsers and resolvers accept.
	tld := labels[len(labels)-1]
	if isASCIIDigits(tld) || strings.HasPrefix(tld, "0x") {
		return false
	}
	return !isASCIIDigits(strings.ReplaceAll(host, ".", ""))
}
