package i18n

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
)

var placeholderRE = regexp.MustCompile(`\{([A-Za-z0-9_]+)\}`)

// placeholders returns the sorted, de-duplicated placeholder names in s.
func placeholders(s string) []string {
	var names []string
	for _, m := range placeholderRE.FindAllStringSubmatch(s, -1) {
		names = append(names, m[1])
	}
	slices.Sort(names)
	return slices.Compact(names)
}

// checkCatalog returns one line per problem in c: a key missing from a
// language, a plural entry without exactly its language's CLDR categories,
// a key plural in one language and plain in another, placeholders that
// differ between languages or plural forms, an empty message, or a
// Romanian cedilla letter.
func checkCatalog(c *Catalog) []string {
	var problems []string
	report := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }

	union := make(map[string]bool)
	for _, l := range supported {
		for k := range c.langs[l] {
			union[k] = true
		}
	}
	keys := make([]string, 0, len(union))
	for k := range union {
		keys = append(keys, k)
	}
	slices.Sort(keys)

	for _, key := range keys {
		var refLang string
		var refPH []string
		plural := map[bool][]string{}
		for _, lang := range supported {
			m, ok := c.langs[lang][key]
			if !ok {
				report("%s: missing in %s", key, lang)
				continue
			}
			plural[m.forms != nil] = append(plural[m.forms != nil], lang)
			texts := map[string]string{"": m.text}
			if m.forms != nil {
				texts = m.forms
				var got []string
				for cat := range m.forms {
					got = append(got, cat)
				}
				want := pluralCategories(lang)
				slices.Sort(got)
				slices.Sort(want)
				if !slices.Equal(got, want) {
					report("%s (%s): plural categories %v, want %v", key, lang, got, want)
				}
			}
			forms := make([]string, 0, len(texts))
			for f := range texts {
				forms = append(forms, f)
			}
			slices.Sort(forms)
			for _, form := range forms {
				text := texts[form]
				where := lang
				if form != "" {
					where += " " + form
				}
				if strings.TrimSpace(text) == "" {
					report("%s (%s): empty message", key, where)
				}
				if lang == "ro" && strings.ContainsAny(text, "şţŞŢ") {
					report("%s (%s): cedilla ş/ţ, use comma-below ș/ț: %q", key, where, text)
				}
				ph := placeholders(text)
				if refLang == "" {
					refLang, refPH = where, ph
				} else if !slices.Equal(ph, refPH) {
					report("%s: placeholders %v in %s but %v in %s", key, ph, where, refPH, refLang)
				}
			}
		}
		if len(plural[true]) > 0 && len(plural[false]) > 0 {
			report("%s: plural in %v but plain in %v", key, plural[true], plural[false])
		}
	}
	return problems
}

func TestCatalogConsistent(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatalf("Load() error: %v", err)
	}
	for _, p := range checkCatalog(c) {
		t.Error(p)
	}
	for _, lang := range supported {
		if len(c.Keys(lang)) == 0 {
			t.Errorf("Keys(%q) is empty", lang)
		}
	}
}

// TestCatalogCoreKeys pins the keys the rest of agora codes against.
func TestCatalogCoreKeys(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	core := strings.Fields(`error.internal error.not_found error.forbidden error.unauthenticated
		error.conflict error.too_many error.invalid error.invalid_utf8 error.body_too_large error.csrf
		error.method_not_allowed field.required field.too_long field.too_short field.invalid_email
		field.invalid_choice field.invalid_number site.name site.tagline nav.skip
		nav.home nav.organisations nav.people nav.login nav.logout nav.register
		nav.account nav.admin nav.language nav.main_menu footer.about footer.privacy footer.api
		lang.ro lang.pl lang.en pagination.next pagination.prev pagination.label
		common.save common.cancel common.search common.filter common.reset 
		common.required_hint time.days 
		page.error_title home.title home.intro`)
	for _, lang := range supported {
		for _, k := range core {
			if !c.Has(lang, k) {
				t.Errorf("Has(%q, %q) = false, want true", lang, k)
			}
		}
		// Language names are shown in their own language everywhere.
		for k, want := range map[string]string{"lang.ro": "Română", "lang.pl": "Polski", "lang.en": "English", "site.name": "agora"} {
			if got := c.T(lang, k, nil); got != want {
				t.Errorf("T(%q, %q) = %q, want %q", lang, k, got, want)
			}
		}
	}
	for _, tt := range []struct{ lang, key, want string }{
		{"en", "nav.skip", "Skip to main content"},
		{"ro", "nav.skip", "Sari la conținutul principal"},
		{"pl", "nav.skip", "Przejdź do treści głównej"},
	} {
		if got := c.T(tt.lang, tt.key, nil); got != tt.want {
			t.Errorf("T(%q, %q) = %q, want %q", tt.lang, tt.key, got, tt.want)
		}
	}
	for _, tt := range []struct {
		key  string
		args map[string]any
		want []string // placeholders
	}{
		{"field.too_long", map[string]any{"max": 1}, []string{"max"}},
		{"field.too_short", map[string]any{"min": 1}, []string{"min"}},
	} {
		for _, lang := range supported {
			if got := placeholders(c.langs[lang][tt.key].text); !slices.Equal(got, tt.want) {
				t.Errorf("%s (%s) placeholders = %v, want %v", tt.key, lang, got, tt.want)
			}
		}
	}
}

// TestCheckCatalogCatchesProblems proves each rule of checkCatalog fires on
// a catalogue that breaks it, and stays quiet on one that does not.
func TestCheckCatalogCatchesProblems(t *testing.T) {
	good := map[string]string{
		"a.en.json": `{"x.msg": "Hello {name}", "x.count": {"one": "{n} day", "other": "{n} days"}}`,
		"a.ro.json": `{"x.msg": "Salut {name}", "x.count": {"one": "{n} zi", "few": "{n} zile", "other": "{n} de zile"}}`,
		"a.pl.json": `{"x.msg": "Cześć {name}", "x.count": {"one": "{n} dzień", "few": "{n} dni", "many": "{n} dni", "other": "{n} dnia"}}`,
	}
	for _, tt := range []struct {
		name    string
		replace map[string]string // file -> content replacing the good one
		want    string            // substring of one reported problem; "" = no problems
	}{
		{"good", nil, ""},
		{"missing key", map[string]string{
			"a.pl.json": `{"x.count": {"one": "{n} dzień", "few": "{n} dni", "many": "{n} dni", "other": "{n} dnia"}}`,
		}, "x.msg: missing in pl"},
		{"ro lacks few", map[string]string{
			"a.ro.json": `{"x.msg": "Salut {name}", "x.count": {"one": "{n} zi", "other": "{n} de zile"}}`,
		}, "x.count (ro): plural categories [one other], want [few one other]"},
		{"pl lacks other", map[string]string{
			"a.pl.json": `{"x.msg": "Cześć {name}", "x.count": {"one": "{n} dzień", "few": "{n} dni", "many": "{n} dni"}}`,
		}, "x.count (pl): plural categories"},
		{"en has few", map[string]string{
			"a.en.json": `{"x.msg": "Hello {name}", "x.count": {"one": "{n} day", "few": "{n} days", "other": "{n} days"}}`,
		}, "x.count (en): plural categories"},
		{"plain versus plural", map[string]string{
			"a.en.json": `{"x.msg": "Hello {name}", "x.count": "{n} days"}`,
		}, "x.count: plural in [ro pl] but plain in [en]"},
		{"placeholder differs between languages", map[string]string{
			"a.pl.json": `{"x.msg": "Cześć {imie}", "x.count": {"one": "{n} dzień", "few": "{n} dni", "many": "{n} dni", "other": "{n} dnia"}}`,
		}, "x.msg: placeholders [imie] in pl"},
		{"placeholder differs between forms", map[string]string{
			"a.en.json": `{"x.msg": "Hello {name}", "x.count": {"one": "one day", "other": "{n} days"}}`,
		}, "x.count: placeholders [] in en one"},
		{"cedilla in Romanian", map[string]string{
			"a.ro.json": `{"x.msg": "Salut {name}, ştiţi?", "x.count": {"one": "{n} zi", "few": "{n} zile", "other": "{n} de zile"}}`,
		}, "x.msg (ro): cedilla"},
		{"empty message", map[string]string{
			"a.en.json": `{"x.msg": " ", "x.count": {"one": "{n} day", "other": "{n} days"}}`,
		}, "x.msg (en): empty message"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			fsys := fstest.MapFS{}
			for name, data := range good {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			for name, data := range tt.replace {
				fsys[name] = &fstest.MapFile{Data: []byte(data)}
			}
			c, err := LoadFS(fsys)
			if err != nil {
				t.Fatalf("LoadFS: %v", err)
			}
			problems := checkCatalog(c)
			if tt.want == "" {
				if len(problems) > 0 {
					t.Errorf("checkCatalog = %q, want none", problems)
				}
				return
			}
			if !slices.ContainsFunc(problems, func(p string) bool { return strings.Contains(p, tt.want) }) {
				t.Errorf("checkCatalog = %q, want a problem containing %q", problems, tt.want)
			}
		})
	}
}
