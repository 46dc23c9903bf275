package i18n

// Plural returns the CLDR plural category ("one", "few", "many" or "other")
// that lang uses for the integer n. Negative numbers take the category of
// their absolute value, as in CLDR. An unsupported lang is treated as
// DefaultLang.
//
// The rules are CLDR's integer rules (https://cldr.unicode.org, plurals.xml):
//
//	en: one n = 1; other
//	ro: one n = 1; few n = 0 or n % 100 = 1..19 (n != 1); other   (0, 2..19, 101..119 are few)
//	pl: one n = 1; few n % 10 = 2..4 and n % 100 != 12..14; many otherwise
//
// Polish "other" exists only for fractions, so integers never select it.
func Plural(lang string, n int) string {
	// Work on the magnitude as uint64 so that -math.MinInt cannot overflow.
	u := uint64(n)
	if n < 0 {
		u = uint64(-(n + 1)) + 1
	}
	mod10, mod100 := u%10, u%100
	switch normLang(lang) {
	case "en":
		if u == 1 {
			return "one"
		}
		return "other"
	case "pl":
		switch {
		case u == 1:
			return "one"
		case mod10 >= 2 && mod10 <= 4 && (mod100 < 12 || mod100 > 14):
			return "few"
		default:
			return "many"
		}
	default: // ro
		switch {
		case u == 1:
			return "one"
		case u == 0 || mod100 >= 1 && mod100 <= 19:
			return "few"
		default:
			return "other"
		}
	}
}

// pluralCategories returns the CLDR categories a catalogue entry of lang
// must have, in CLDR order.
func pluralCategories(lang string) []string {
	switch lang {
	case "en":
		return []string{"one", "other"}
	case "pl":
		return []string{"one", "few", "many", "other"}
	default:
		return []string{"one", "few", "other"}
	}
}
