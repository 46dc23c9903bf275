package importer

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"
	"unicode"

	"github.com/agora-civic/agora"
)

const domainsFile = "../../../shared/data/ngo-nomenclatures/json/domains.json"

func readDomains(t testing.TB) []byte {
	t.Helper()
	b, err := os.ReadFile(domainsFile)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestParseDomainsRealFile(t *testing.T) {
	ds, err := ParseDomains(bytes.NewReader(readDomains(t)))
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 51 {
		t.Fatalf("%d domains, want 51", len(ds))
	}
	slugs := map[string]bool{}
	for _, d := range ds {
		ro := d.Names["ro"]
		for _, lang := range []string{"ro", "pl", "en"} {
			if strings.TrimSpace(d.Names[lang]) == "" {
				t.Errorf("domain %q has no %s name", ro, lang)
			}
		}
		if strings.ContainsAny(ro+d.Names["pl"], "şţŞŢ") {
			t.Errorf("domain %q: cedilla letters", ro)
		}
		if slugs[d.Slug] {
			t.Errorf("duplicate slug %q", d.Slug)
		}
		slugs[d.Slug] = true
		for _, r := range d.Slug {
			if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-') {
				t.Errorf("slug %q of %q is not lower-case ASCII", d.Slug, ro)
				break
			}
		}
	}
	// Every table entry is used: a renamed upstream domain is noticed.
	if len(domainTranslations) != len(ds) {
		t.Errorf("%d translations for %d domains", len(domainTranslations), len(ds))
	}
	for _, tt := range []struct{ slug, ro, pl, en string }{
		{"advocacy", "Advocacy", "Rzecznictwo", "Advocacy"},
		{"arta-cultura", "Artă & Cultură", "Sztuka i kultura", "Arts & Culture"},
		{"drepturile-omului-copii", "Drepturile Omului - Copii", "Prawa człowieka - prawa dziecka", "Human Rights - Children"},
		{"sanatate-hiv-aids", "Sănătate - HIV/AIDS", "Zdrowie - HIV/AIDS", "Health - HIV/AIDS"},
		{"drepturile-omului-lgbtq", "Drepturile Omului - LGBTQ+", "Prawa człowieka - osoby LGBTQ+", "Human Rights - LGBTQ+"},
		{"altceva-general", "Altceva/General", "Inne/ogólne", "Other/General"},
		{"interventii-in-caz-de-dezastru", "Intervenții În Caz De Dezastru", "Reagowanie na katastrofy i klęski żywiołowe", "Disaster Response"},
	} {
		var found *Domain
		for i := range ds {
			if ds[i].Slug == tt.slug {
				found = &ds[i]
			}
		}
		if found == nil || found.Names["ro"] != tt.ro || found.Names["pl"] != tt.pl || found.Names["en"] != tt.en {
			t.Errorf("domain %q = %+v, want %s / %s / %s", tt.slug, found, tt.ro, tt.pl, tt.en)
		}
	}
}

// The Polish names use Polish letters, not look-alikes, and start with a
// capital like the others.
func TestDomainTranslationsText(t *testing.T) {
	for ro, tr := range domainTranslations {
		for _, s := range []string{tr.pl, tr.en} {
			if s != strings.TrimSpace(s) || strings.Contains(s, "  ") || !unicode.IsUpper([]rune(s)[0]) {
				t.Errorf("translation %q of %q: spacing or capital", s, ro)
			}
		}
		if strings.ContainsAny(tr.en, "ąćęłńóśźżăâîșț") {
			t.Errorf("English name %q has diacritics", tr.en)
		}
	}
}

func TestParseDomainsBroken(t *testing.T) {
	for _, tt := range []struct {
		name, in, key string
	}{
		{"not JSON", "{", "import.domains.json"},
		{"object", `{"id":1,"name":"Sport"}`, "import.domains.json"},
		{"trailing", `[{"id":1,"name":"Sport"}] []`, "import.domains.json"},
		{"empty name", `[{"id":1,"name":"  "}]`, ReasonBadName},
		{"no letters", `[{"id":1,"name":"&&"}]`, ReasonBadName},
		{"control", `[{"id":1,"name":"Sp\u0000ort"}]`, ReasonBadName},
		{"same slug", `[{"id":1,"name":"Mediu"},{"id":2,"name":"MEDIU"}]`, ReasonDuplicateCode},
		{"invalid UTF-8", "[{\"id\":1,\"name\":\"" + string(invalidUTF8(t)) + "\"}]", ReasonInvalidUTF8},
		{"too large", "[" + strings.Repeat(" ", maxDomainsJSON) + "]", "import.too_large"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			ds, err := ParseDomains(strings.NewReader(tt.in))
			var e *agora.Error
			if !errors.As(err, &e) || e.Kind != agora.Invalid || e.Key != tt.key || ds != nil {
				t.Errorf("ParseDomains = %v, %v; want Invalid %s", ds, err, tt.key)
			}
		})
	}
	// Unknown domains still load, in Romanian only; cedillas are fixed.
	ds, err := ParseDomains(strings.NewReader("\ufeff" + `[{"id":9,"name":"Protecţia  consumatorului"}]`))
	if err != nil || len(ds) != 1 || ds[0].Slug != "protectia-consumatorului" ||
		ds[0].Names["ro"] != "Protecția consumatorului" || len(ds[0].Names) != 1 {
		t.Errorf("unknown domain = %+v, %v", ds, err)
	}
	if ds, err := ParseDomains(strings.NewReader("[]")); err != nil || len(ds) != 0 {
		t.Errorf("empty list = %v, %v", ds, err)
	}
}

func FuzzParseDomains(f *testing.F) {
	real := readDomains(f)
	f.Add(real)
	f.Add(real[:200])
	f.Add([]byte(`[{"id":1,"name":"Artă & Cultură"},{"id":2,"name":"Protecţia"}]`))
	f.Add([]byte(`[{"id":"x","name":7}]`))
	f.Fuzz(func(t *testing.T, in []byte) {
		ds, err := ParseDomains(bytes.NewReader(in))
		if err != nil {
			if ds != nil {
				t.Fatalf("error %v with %d domains", err, len(ds))
			}
			return
		}
		seen := map[string]bool{}
		for _, d := range ds {
			if d.Slug == "" || seen[d.Slug] || d.Names["ro"] == "" || strings.ContainsAny(d.Names["ro"], "şţŞŢ") {
				t.Fatalf("bad domain %+v", d)
			}
			seen[d.Slug] = true
		}
	})
}
