package agora

import (
	"strings"
	"unicode"
)

// UnitKind is one level of the structure of a normative act. Drafts in
// consultation and acts in the legislation database share it, so a
// comment on "art. 7 alin. (2)" and a citation of it mean the same unit.
type UnitKind string

// Levels from the largest to the smallest. Preamble holds text that
// precedes the first article (the enacting formula, recitals).
const (
	UnitPreamble  UnitKind = "preamble"
	UnitBook      UnitKind = "book"
	UnitTitle     UnitKind = "title"
	UnitChapter   UnitKind = "chapter"
	UnitSection   UnitKind = "section"
	UnitArticle   UnitKind = "article"
	UnitParagraph UnitKind = "paragraph"
	UnitPoint     UnitKind = "point"
	UnitLetter    UnitKind = "letter"
	UnitIndent    UnitKind = "indent"
	UnitAnnex     UnitKind = "annex"
)

// UnitKinds lists every kind, in order of size.
var UnitKinds = []UnitKind{UnitPreamble, UnitBook, UnitTitle, UnitChapter, UnitSection, UnitArticle, UnitParagraph, UnitPoint, UnitLetter, UnitIndent, UnitAnnex}

// Valid reports whether k is a known kind.
func (k UnitKind) Valid() bool {
	for _, x := range UnitKinds {
		if x == k {
			return true
		}
	}
	return false
}

// Unit is one node of an act's structure. A document is a slice of units
// in reading order; Depth and ParentKey give the tree, so the slice can
// be stored as rows and rendered without recursion.
type Unit struct {
	// Key identifies the unit within one version of the document and is
	// used as its HTML anchor: the kinds and numbers on the path to it,
	// e.g. "art-7.par-2.let-a". It is unique within a document.
	Key       string
	ParentKey string
	Kind      UnitKind
	// Number as printed in the text: "7", "(2)", "a)", "§ 1", "II".
	Number string
	// Heading is the caption of a title, chapter, section or article.
	Heading string
	// Text is the unit's own text, without the text of its children.
	Text  string
	Depth int
}

var superscripts = strings.NewReplacer("⁰", "^0", "¹", "^1", "²", "^2", "³", "^3", "⁴", "^4",
	"⁵", "^5", "⁶", "^6", "⁷", "^7", "⁸", "^8", "⁹", "^9")

// UnitKeyPart is the piece a unit adds to its key: a short kind prefix
// and its number reduced to letters and digits ("(2)" → "par-2"). An
// inserted number keeps its index apart ("1^1" and "1¹" → "1-1"), or it
// would read as article 11.
func UnitKeyPart(k UnitKind, number string) string {
	prefix := map[UnitKind]string{
		UnitPreamble: "pre", UnitBook: "book", UnitTitle: "tit", UnitChapter: "cap", UnitSection: "sec",
		UnitArticle: "art", UnitParagraph: "par", UnitPoint: "pct", UnitLetter: "let", UnitIndent: "ind", UnitAnnex: "anx",
	}[k]
	if prefix == "" {
		prefix = "u"
	}
	var b strings.Builder
	for _, r := range strings.ToLower(Fold(superscripts.Replace(number))) {
		switch {
		case r == '^' && b.Len() > 0:
			b.WriteByte('-')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		}
	}
	if b.Len() == 0 {
		return prefix
	}
	return prefix + "-" + b.String()
}
