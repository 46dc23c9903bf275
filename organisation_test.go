package agora

import (
	"errors"
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"
)

// validOrg is a complete Romanian association that passes validation.
func validOrg() OrgInput {
	return OrgInput{
		Name: "Asociația Prietenii Naturii Iași", ShortName: "APN", Kind: "association", Country: "RO",
		TaxID: "RO 4267117", RegistryNo: "12/A/2003", Street: "Str. Lăpușneanu 14",
		RegionCode: "225", UnitCode: "95060", PostalCode: "700057", Website: "apn.ro",
		Email: "Contact@APN.RO", Phone: "+40 232 123 456", Description: "# Despre noi\n\nProtejăm **natura**.",
		FoundedYear: "2003", Domains: []string{"mediu", "educatie", "mediu"},
	}
}

// fieldKeys maps each field of a validation error to its key.
func fieldKeys(t *testing.T, err error) map[string]string {
	t.Helper()
	out := map[string]string{}
	if err == nil {
		return out
	}
	fields := FieldErrors(err)
	if len(fields) == 0 {
		t.Fatalf("error %v carries no field errors", err)
	}
	for _, f := range fields {
		if f.Kind != Invalid || f.Key == "" || f.Field == "" {
			t.Fatalf("bad field error %#v", f)
		}
		if _, dup := out[f.Field]; !dup {
			out[f.Field] = f.Key
		}
	}
	return out
}

func TestOrgInputValidateNormalises(t *testing.T) {
	t.Parallel()
	got, err := validOrg().Validate()
	if err != nil {
		t.Fatalf("Validate: %v", err)
	}
	want := OrgInput{
		Name: "Asociația Prietenii Naturii Iași", ShortName: "APN", Kind: "association", Country: "RO",
		TaxID: "4267117", RegistryNo: "12/A/2003", Street: "Str. Lăpușneanu 14",
		RegionCode: "225", UnitCode: "95060", PostalCode: "700057", Website: "https://apn.ro",
		Email: "Contact@apn.ro", Phone: "+40 232 123 456", Description: "# Despre noi\n\nProtejăm **natura**.",
		FoundedYear: "2003", Domains: []string{"mediu", "educatie"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Validate =\n%#v\nwant\n%#v", got, want)
	}
	again, err := got.Validate()
	if err != nil || !reflect.DeepEqual(again, got) {
		t.Errorf("Validate is not idempotent: %#v, %v", again, err)
	}
}

func TestOrgInputPolishIdentifiers(t *testing.T) {
	t.Parallel()
	in := OrgInput{Name: "Fundacja Łódź Obywatelska", Kind: "foundation", Country: "pl",
		TaxID: "PL 526-025-09-95", RegistryNo: "KRS 12345", REGON: "012100784", PostalCode: "90001"}
	got, err := in.Validate()
	if err != nil {
		t.Fatalf("Validate: %v", err)
	}
	if got.Country != "PL" || got.TaxID != "5260250995" || got.RegistryNo != "0000012345" || got.REGON != "012100784" || got.PostalCode != "90-001" {
		t.Errorf("Validate = %+v", got)
	}
}

func TestOrgInputFieldErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name   string
		change func(*OrgInput)
		want   map[string]string
	}{
		{"empty", func(in *OrgInput) { *in = OrgInput{} }, map[string]string{
			"name": "field.required", "kind": "field.required", "country": "field.required"}},
		{"cui checksum", func(in *OrgInput) { in.TaxID = "4267118" }, map[string]string{"tax_id": "id.cui.checksum"}},
		{"cui format", func(in *OrgInput) { in.TaxID = "12345678901" }, map[string]string{"tax_id": "id.cui.format"}},
		{"nip in Poland", func(in *OrgInput) { in.Country, in.PostalCode, in.RegistryNo, in.TaxID = "PL", "", "", "5260250996" },
			map[string]string{"tax_id": "id.nip.checksum"}},
		{"krs", func(in *OrgInput) { in.Country, in.PostalCode, in.RegistryNo = "PL", "", "12/A/2003" },
			map[string]string{"registry_no": "id.krs.format", "tax_id": "id.nip.format"}},
		{"regon checksum", func(in *OrgInput) {
			in.Country, in.PostalCode, in.RegistryNo, in.TaxID, in.REGON = "PL", "", "", "", "123456784"
		},
			map[string]string{"regon": "id.regon.checksum"}},
		{"regon in Romania", func(in *OrgInput) { in.REGON = "123456785" }, map[string]string{"regon": "org.regon.only_pl"}},
		{"registry too long", func(in *OrgInput) { in.RegistryNo = strings.Repeat("1", 65) }, map[string]string{"registry_no": "field.too_long"}},
		{"authority without level", func(in *OrgInput) { in.Kind = "public_authority" },
			map[string]string{"authority_level": "org.authority_level.required"}},
		{"authority bad level", func(in *OrgInput) { in.Kind, in.AuthorityLevel = "public_authority", "galactic" },
			map[string]string{"authority_level": "field.invalid_choice"}},
		{"unknown kind", func(in *OrgInput) { in.Kind = "ngo" }, map[string]string{"kind": "field.invalid_choice"}},
		{"unknown country", func(in *OrgInput) { in.Country = "DE" }, map[string]string{"country": "field.invalid_choice"}},
		{"ro postal", func(in *OrgInput) { in.PostalCode = "70005" }, map[string]string{"postal_code": "org.postal_code.ro"}},
		{"pl postal", func(in *OrgInput) { in.Country, in.TaxID, in.RegistryNo, in.PostalCode = "PL", "", "", "700057" },
			map[string]string{"postal_code": "org.postal_code.pl"}},
		{"website scheme", func(in *OrgInput) { in.Website = "javascript:document.body.remove()" }, map[string]string{"website": "org.website.scheme"}},
		{"website file", func(in *OrgInput) { in.Website = "file:///etc/passwd" }, map[string]string{"website": "org.website.scheme"}},
		{"website metadata", func(in *OrgInput) { in.Website = "http://169.254.169.254/latest/meta-data/" }, map[string]string{"website": "org.website.host"}},
		{"email", func(in *OrgInput) { in.Email = "not an email" }, map[string]string{"email": "field.invalid_email"}},
		{"phone letters", func(in *OrgInput) { in.Phone = "call me" }, map[string]string{"phone": "org.phone.invalid"}},
		{"phone short", func(in *OrgInput) { in.Phone = "112" }, map[string]string{"phone": "org.phone.invalid"}},
		{"year", func(in *OrgInput) { in.FoundedYear = "1066" }, map[string]string{"founded_year": "org.founded_year.range"}},
		{"year text", func(in *OrgInput) { in.FoundedYear = "1e3" }, map[string]string{"founded_year": "field.invalid_number"}},
		{"domain slug", func(in *OrgInput) { in.Domains = []string{"Mediu & Co"} }, map[string]string{"domains": "field.invalid_choice"}},
		{"too many domains", func(in *OrgInput) {
			in.Domains = strings.Fields("a b c d e f g h i j k")
		}, map[string]string{"domains": "org.domains.too_many"}},
		{"unit code", func(in *OrgInput) { in.UnitCode = "12a" }, map[string]string{"locality": "field.invalid_choice"}},
		{"control chars", func(in *OrgInput) { in.Name = "a\u0000b" }, map[string]string{"name": "field.control_chars"}},
		{"description newline ok", func(in *OrgInput) { in.Description = "a\n\tb" }, map[string]string{}},
		{"several at once", func(in *OrgInput) { in.TaxID, in.Email, in.Website = "1", "x", "ftp://x.ro" },
			map[string]string{"tax_id": "id.cui.format", "email": "field.invalid_email", "website": "org.website.scheme"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			in := validOrg()
			tt.change(&in)
			_, err := in.Validate()
			if got := fieldKeys(t, err); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Validate field errors = %v, want %v", got, tt.want)
			}
		})
	}
}

func TestOrgInputLevelOnlyForAuthorities(t *testing.T) {
	t.Parallel()
	in := validOrg()
	in.AuthorityLevel = "central"
	got, err := in.Validate()
	if err != nil || got.AuthorityLevel != "" {
		t.Errorf("association with level: %q, %v; want the level dropped", got.AuthorityLevel, err)
	}
}

func TestNormalizeWebsite(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ in, want, key string }{
		{"apn.ro", "https://apn.ro", ""},
		{"HTTP://WWW.Example.RO/Despre?x=1#a", "http://www.example.ro/Despre?x=1#a", ""},
		{"https://łódź.pl/", "https://łódź.pl/", ""},
		{"example.ro:8080/x", "https://example.ro:8080/x", ""},
		{"https://8.8.8.8/", "https://8.8.8.8/", ""},
		{"https://[2001:4860:4860::8888]/", "https://[2001:4860:4860::8888]/", ""},
		{"example.ro.", "https://example.ro", ""},
		{"javascript:alert(1)", "", "org.website.scheme"},
		{"JaVaScRiPt:alert(1)", "", "org.website.scheme"},
		{"data:text/html;base64,PHNjcmlwdD4=", "", "org.website.scheme"},
		{"file:///etc/passwd", "", "org.website.scheme"},
		{"ftp://example.ro", "", "org.website.scheme"},
		{"http://169.254.169.254/latest/meta-data/", "", "org.website.host"},
		{"http://localhost/", "", "org.website.host"},
		{"http://api.localhost/", "", "org.website.host"},
		{"http://127.0.0.1:8080/", "", "org.website.host"},
		{"http://127.1/", "", "org.website.host"},
		{"http://2130706433/", "", "org.website.host"},
		{"http://0x7f.0x0.0x0.0x1/", "", "org.website.host"},
		{"http://10.0.0.5/", "", "org.website.host"},
		{"http://192.168.1.1/", "", "org.website.host"},
		{"http://100.64.0.1/", "", "org.website.host"},
		{"http://[::1]/", "", "org.website.host"},
		{"http://[::ffff:127.0.0.1]/", "", "org.website.host"},
		{"http://[fe80::1]/", "", "org.website.host"},
		{"http://0.0.0.0/", "", "org.website.host"},
		{"http://metadata.google.internal/", "", "org.website.host"},
		{"http://printer.local/", "", "org.website.host"},
		{"http://intranet/", "", "org.website.host"},
		{"https://user:pass@example.ro/", "", "org.website.host"},
		{"https://example.ro@169.254.169.254/", "", "org.website.host"},
		{"https://exa mple.ro/", "", "org.website.invalid"},
		{"https://example.ro\\@evil.test/", "", "org.website.invalid"},
		{"https://example.ro:99999/", "", "org.website.invalid"},
		{"https://", "", "org.website.invalid"},
		{"https://-bad-.ro/", "", "org.website.host"},
		{"https://" + strings.Repeat("a", 300) + ".ro", "", "field.too_long"},
	} {
		got, err := NormalizeWebsite("website", tt.in)
		key := ""
		if err != nil {
			e := AsError(err)
			if e.Kind != Invalid || e.Field != "website" {
				t.Fatalf("NormalizeWebsite(%q) error %#v", tt.in, e)
			}
			key = e.Key
		}
		if key != tt.key || (key == "" && got != tt.want) {
			t.Errorf("NormalizeWebsite(%q) = %q, %q; want %q, %q", tt.in, got, key, tt.want, tt.key)
		}
	}
}

func TestOrgKindsAndDomainName(t *testing.T) {
	t.Parallel()
	if len(OrgKinds()) != 8 || !OrgPublicAuthority.Valid() || OrgKind("ngo").Valid() {
		t.Errorf("OrgKinds = %v", OrgKinds())
	}
	d := Domain{Slug: "mediu", Names: map[string]string{"ro": "Mediu", "en": "Environment"}}
	if d.Name("en") != "Environment" || d.Name("pl") != "Mediu" {
		t.Errorf("Domain.Name fallback broken: %q %q", d.Name("en"), d.Name("pl"))
	}
}

// FuzzOrgInputValidate feeds the bad-input payloads and real identifiers
// into every field: Validate must not panic, must return only Invalid
// field errors, must be idempotent on its output, and a valid result
// holds only valid UTF-8 within the field limits.
func FuzzOrgInputValidate(f *testing.F) {
	f.Add("Asociația Prietenii Naturii", "association", "RO", "RO4267117", "12/A/2003", "", "apn.ro", "700057", "2003")
	f.Add("Fundacja Łódź", "foundation", "PL", "5260250995", "12345", "012100784", "http://[::1]/", "90-001", "1990")
	f.Add("Urząd Miasta", "public_authority", "pl", "1234563218", "KRS 0000012345", "12345678512347", "łódź.pl", "90001", "x")
	for _, s := range idBadInput(f) {
		f.Add(s, "association", "RO", s, s, s, s, s, s)
		f.Add(s, "foundation", "PL", s, s, s, s, s, s)
	}
	f.Fuzz(func(t *testing.T, name, kind, country, taxID, registry, regon, website, postal, year string) {
		in := OrgInput{Name: name, Kind: kind, AuthorityLevel: "local", Country: country, TaxID: taxID,
			RegistryNo: registry, REGON: regon, Website: website, PostalCode: postal, FoundedYear: year,
			Email: website, Phone: postal, Description: name, Street: registry, Domains: []string{regon}}
		out, err := in.Validate()
		if err != nil {
			var v *ValidationError
			if !errors.As(err, &v) {
				t.Fatalf("Validate error %T %v is not a ValidationError", err, err)
			}
			for _, fe := range v.Fields {
				if fe.Kind != Invalid || fe.Field == "" || fe.Key == "" {
					t.Fatalf("bad field error %#v", fe)
				}
			}
		}
		// Fields with errors may come back blanked, so only a valid
		// result must survive a second pass unchanged.
		again, err2 := out.Validate()
		if err == nil {
			if err2 != nil || !reflect.DeepEqual(again, out) {
				t.Fatalf("Validate not idempotent:\n%#v\n%#v\n%v", out, again, err2)
			}
			for _, s := range []string{out.Name, out.TaxID, out.RegistryNo, out.REGON, out.Website, out.PostalCode, out.Description} {
				if !utf8.ValidString(s) {
					t.Fatalf("invalid UTF-8 in valid output %q", s)
				}
			}
			if utf8.RuneCountInString(out.Name) > OrgNameMax || !OrgKind(out.Kind).Valid() || !Country(out.Country).Valid() {
				t.Fatalf("valid output out of bounds: %#v", out)
			}
			if out.Website != "" && !strings.HasPrefix(out.Website, "http://") && !strings.HasPrefix(out.Website, "https://") {
				t.Fatalf("valid website %q without http(s)", out.Website)
			}
			if slices.Contains(out.Domains, "") {
				t.Fatalf("empty domain kept")
			}
		}
	})
}
