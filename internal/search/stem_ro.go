package search

import (
	"strings"

	snowball "github.com/blevesearch/snowballstem"
	"github.com/blevesearch/snowballstem/romanian"
)

// stemRomanian stems a folded (diacritic-free) word. Snowball's Romanian
// stemmer is run on the folded form on purpose: run on the original it
// stems "organizații" and "organizatii" differently, and people type
// without diacritics, so only a stemmer fed the same letters in both
// cases keeps search diacritic-blind. (blevesearch/snowballstem v0.9.0
// spells its suffixes with cedilla ş ţ, so the comma-below letters of
// correct Romanian would not have matched them anyway.) The suffixes
// Snowball then misses because they contain ă, ș or ț are taken off by
// roFolded below.
func stemRomanian(w string) string {
	if len(w) <= 3 {
		return w
	}
	env := snowball.NewEnv(w)
	romanian.Stem(env)
	s := env.Current()
	return roFolded(s)
}

// roFoldedSuffixes are endings that survive Snowball on folded text
// because their diacritic forms (-ație, -ător, -ări, -ește) are what
// Snowball knows; longest first.
var roFoldedSuffixes = []string{"atii", "atie", "ator", "atoare", "itat", "at", "ar"}

func roFolded(s string) string {
	for _, suf := range roFoldedSuffixes {
		if strings.HasSuffix(s, suf) && len(s)-len(suf) >= 4 {
			return s[:len(s)-len(suf)]
		}
	}
	return s
}
