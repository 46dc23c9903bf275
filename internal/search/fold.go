package search

import (
	"strings"
	"unicode"

	"github.com/agora-civic/agora"
)

// latinFold maps each rune of U+0000…U+024F (ASCII, Latin-1, Latin
// Extended-A and -B: every Romanian and Polish letter) to its
// agora.Fold form. It is computed once and never written after, so
// folding a word costs a table look-up per rune instead of a Unicode
// normalisation; FuzzFold checks it agrees with agora.Fold.
var latinFold = func() [0x250]string {
	var t [0x250]string
	for r := rune(0); r < 0x250; r++ {
		t[r] = agora.Fold(string(r))
	}
	return t
}()

// fold is agora.Fold, fast for words written in Latin letters.
func fold(w string) string {
	simple := true
	for i := 0; i < len(w); i++ {
		if c := w[i]; c >= 'A' && c <= 'Z' || c >= 0x80 {
			simple = false
			break
		}
	}
	if simple {
		return w
	}
	var b strings.Builder
	b.Grow(len(w))
	for _, r := range w {
		switch {
		case r < 0x250:
			b.WriteString(latinFold[r])
		case unicode.Is(unicode.Mn, r):
		default:
			return agora.Fold(w)
		}
	}
	return b.String()
}
