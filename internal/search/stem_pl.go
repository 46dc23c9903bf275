package search

import "strings"

// stemPolish is a light suffix stemmer for folded Polish: it removes the
// longest inflectional ending that leaves a stem of at least four
// letters. Polish has no Snowball stemmer; this conflates the case and
// number forms that matter for search (organizacja, organizacji,
// organizacjami → organizacj) and is judged by `agora eval search`.
func stemPolish(w string) string {
	for _, suf := range plSuffixes {
		if strings.HasSuffix(w, suf) && len(w)-len(suf) >= 4 {
			return w[:len(w)-len(suf)]
		}
	}
	return w
}

// plSuffixes are folded endings, longest first.
var plSuffixes = []string{
	"owie", "ami", "ach", "owi", "ow", "om", "em",
	"ego", "emu", "ymi", "imi", "ych", "ich", "iej", "ej", "ie", "ym", "im",
	"a", "e", "i", "o", "u", "y",
}
