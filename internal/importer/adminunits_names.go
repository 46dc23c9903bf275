package importer

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// roPlaceSmallWords stay lower case inside a Romanian place name ("Valea lui
// Mihai", "Băița de sub Codru", "Ștefan cel Mare"), but not as its first
// word ("Sub Cetate", "La Curte"). "in" is there because SIRUTA writes
// "VALE IN JOS" without the circumflex.
var roPlaceSmallWords = map[string]bool{
	"de": true, "din": true, "dintre": true, "lui": true, "la": true, "pe": true,
	"cu": true, "sub": true, "cel": true, "în": true, "in": true, "și": true,
	"peste": true, "spre": true, "lângă": true,
}

// placeRomanNumerals are words kept upper case ("GERSA II" → "Gersa II").
// Longer numerals are left out because VII is also a word ("APELE VII",
// vineyards).
var placeRomanNumerals = map[string]bool{"I": true, "II": true, "III": true, "IV": true}

// titleCaseRO turns an upper-case Romanian place name into proper case:
// every word and every hyphen- or dot-separated part starts with a
// capital ("Bistrița-Năsăud", "C.A.Rosetti", "1 Decembrie"), except the
// small words of roPlaceSmallWords after the first word.
func titleCaseRO(s string) string { return placeTitleCase(s, roPlaceSmallWords) }

// placeTitleCase capitalises the first letter after every non-letter and
// lowers the rest, keeping the words in small lower case unless first.
func placeTitleCase(s string, small map[string]bool) string {
	var b strings.Builder
	b.Grow(len(s))
	first := true
	for s != "" {
		// Words are separated by spaces and hyphens; separators are kept.
		i := strings.IndexAny(s, " -")
		word, sep := s, ""
		if i >= 0 {
			word, sep = s[:i], s[i:i+1]
		}
		s = s[len(word)+len(sep):]
		lower := strings.ToLower(word)
		switch {
		case word == "":
		case !first && small[lower]:
			b.WriteString(lower)
		case placeRomanNumerals[word]:
			b.WriteString(word)
		default:
			placeCapitalise(&b, lower)
		}
		if word != "" {
			first = false
		}
		b.WriteString(sep)
	}
	return b.String()
}

// placeCapitalise writes w with each letter that follows a non-letter (or
// starts w) in upper case.
func placeCapitalise(b *strings.Builder, w string) {
	prevLetter := false
	for _, r := range w {
		if unicode.IsLetter(r) {
			if !prevLetter {
				r = unicode.ToUpper(r)
			}
			prevLetter = true
		} else {
			prevLetter = false
		}
		b.WriteRune(r)
	}
}

// placeHasLower reports whether s has a lower-case letter, i.e. it was not
// published all in capitals and should be left as it is.
func placeHasLower(s string) bool {
	for _, r := range s {
		if unicode.IsLower(r) {
			return true
		}
	}
	return false
}

// placeTrimPrefix removes prefix from s ignoring case; it reports false
// when s does not start with it or nothing would be left.
func placeTrimPrefix(s, prefix string) (string, bool) {
	rest := s
	for _, pr := range prefix {
		r, size := utf8.DecodeRuneInString(rest)
		if size == 0 || unicode.ToUpper(r) != unicode.ToUpper(pr) {
			return s, false
		}
		rest = rest[size:]
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return s, false
	}
	return rest, true
}
