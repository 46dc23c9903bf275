package i18n

import (
	"math"
	"testing"
)

func TestPlural(t *testing.T) {
	for _, tt := range []struct {
		lang string
		n    int
		want string
	}{
		// The pins from the style guide.
		{"pl", 1, "one"}, {"pl", 22, "few"}, {"pl", 12, "many"}, {"ro", 0, "few"}, {"ro", 101, "few"}, {"ro", 20, "other"},

		{"en", 0, "other"}, {"en", 1, "one"}, {"en", 2, "other"}, {"en", 11, "other"}, {"en", 101, "other"}, {"en", -1, "one"},

		{"ro", 1, "one"}, {"ro", 2, "few"}, {"ro", 19, "few"}, {"ro", 21, "other"}, {"ro", 100, "other"},
		{"ro", 102, "few"}, {"ro", 119, "few"}, {"ro", 120, "other"}, {"ro", 200, "other"}, {"ro", 201, "few"},
		{"ro", 1000, "other"}, {"ro", 1001, "few"}, {"ro", -1, "one"}, {"ro", -5, "few"}, {"ro", -20, "other"},

		{"pl", 0, "many"}, {"pl", 2, "few"}, {"pl", 4, "few"}, {"pl", 5, "many"}, {"pl", 11, "many"},
		{"pl", 13, "many"}, {"pl", 14, "many"}, {"pl", 21, "many"}, {"pl", 23, "few"}, {"pl", 24, "few"},
		{"pl", 25, "many"}, {"pl", 101, "many"}, {"pl", 102, "few"}, {"pl", 112, "many"}, {"pl", 114, "many"},
		{"pl", 122, "few"}, {"pl", 1002, "few"}, {"pl", -2, "few"}, {"pl", -1, "one"},

		// Extremes must not overflow taking the magnitude (9223372036854775808 % 100 = 8).
		{"pl", math.MinInt, "many"}, {"pl", math.MaxInt, "many"}, {"ro", math.MinInt, "few"}, {"en", math.MinInt, "other"},

		// Unsupported languages follow DefaultLang.
		{"de", 0, "few"}, {"", 20, "other"},
	} {
		if got := Plural(tt.lang, tt.n); got != tt.want {
			t.Errorf("Plural(%q, %d) = %q, want %q", tt.lang, tt.n, got, tt.want)
		}
	}
}

// TestPluralCategoriesCovered checks every category a rule can return is one
// the catalogue format requires for that language, and that Polish
// integers never select "other".
func TestPluralCategoriesCovered(t *testing.T) {
	for _, lang := range supported {
		allowed := map[string]bool{}
		for _, c := range pluralCategories(lang) {
			allowed[c] = true
		}
		seen := map[string]bool{}
		for n := -1000; n <= 10000; n++ {
			c := Plural(lang, n)
			if !allowed[c] {
				t.Fatalf("Plural(%q, %d) = %q, not a category of %s", lang, n, c, lang)
			}
			seen[c] = true
		}
		for c := range allowed {
			if !seen[c] && !(lang == "pl" && c == "other") {
				t.Errorf("Plural(%q, n) never returns %q", lang, c)
			}
		}
		if lang == "pl" && seen["other"] {
			t.Error(`Plural("pl", n) returned "other" for an integer`)
		}
	}
}
