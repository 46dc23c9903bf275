package agora

import (
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// Fold turns text into its search form: lower case, without diacritics,
// with Romanian cedilla and comma-below letters made equal (ş ș → s) and
// Polish ł → l, which Unicode does not decompose. People type "Iasi" for
// "Iași" and "Lodz" for "Łódź"; stored names are folded once so a plain
// LIKE finds them on both databases.
func Fold(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range norm.NFD.String(s) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'ł' || r == 'Ł':
			b.WriteRune('l')
		case r == 'ß':
			b.WriteString("ss")
		default:
			b.WriteRune(unicode.ToLower(r))
		}
	}
	return b.String()
}
