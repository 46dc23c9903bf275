package draft

import (
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// Patterns shared by both numberings. Romanian and Polish keywords never
// collide, so one table serves both; the country only decides what "1."
// means inside an article (see parser.classify).
const (
	sp     = `[ \t\x{00A0}]`
	sup    = `(?:\^\d+|[\x{2070}\x{00B9}\x{00B2}\x{00B3}\x{2074}-\x{2079}]+)`
	roman  = `[IVXLCDM]+`
	ordRO  = `a` + sp + `+(?:\d+|` + roman + `)-a` // "a 2-a", "a II-a"
	contNo = `(` + ordRO + `|\d+[a-z]?|` + roman + `|unic[aă]?|UNIC[AĂ]?)`
	artNo  = `(\d+` + sup + `*[a-z]{0,3}|` + roman + `|unic|UNIC)`
)

// containerRE recognises book, title, chapter and section lines; the
// number must be followed by the end of the line or a separator.
var containerRE = []struct {
	kind agora.UnitKind
	re   *regexp.Regexp
}{
	{agora.UnitBook, regexp.MustCompile(`^(?:CARTEA|Cartea|PARTEA|Partea|KSIĘGA|Księga|CZĘŚĆ|Część)` + sp + `+` + contNo)},
	{agora.UnitTitle, regexp.MustCompile(`^(?:TITLUL|Titlul|DZIAŁ|Dział|TYTUŁ|Tytuł)` + sp + `+` + contNo)},
	{agora.UnitChapter, regexp.MustCompile(`^(?:CAPITOLUL|Capitolul|ROZDZIAŁ|Rozdział)` + sp + `+` + contNo + `|^(?:CAP|Cap)\.` + sp + `*` + contNo)},
	{agora.UnitSection, regexp.MustCompile(`^(?:SECȚIUNEA|SECŢIUNEA|SECTIUNEA|Secțiunea|Secţiunea|Sectiunea|ODDZIAŁ|Oddział)` + sp + `+` + contNo)},
}

var (
	articleRE   = regexp.MustCompile(`^(?:Articolul|ARTICOLUL|Articol|ARTICOL|Art\.|ART\.)` + sp + `*` + artNo)
	sectionSign = regexp.MustCompile(`^§` + sp + `*(\d+[a-z]{0,3})`)
	annexUpper  = regexp.MustCompile(`^(?:ANEXA|ANEXĂ|ZAŁĄCZNIK)(?:` + sp + `+(?:(?:NR|Nr|nr)\.?` + sp + `*)?(\d+[a-z]?))?`)
	annexMixed  = regexp.MustCompile(`^(?:Anexa|Anexă|Załącznik)(?:` + sp + `+(?:(?:NR|Nr|nr)\.?` + sp + `*)?(\d+[a-z]?))?`)
	paragraphRE = regexp.MustCompile(`^(\(\d+` + sup + `*[a-z]{0,2}\))`)
	ustRE       = regexp.MustCompile(`^ust\.` + sp + `*(\d+[a-z]?)`)
	pointRE     = regexp.MustCompile(`^(\d+` + sup + `*[a-z]{0,2})([.)])`)
	letterRE    = regexp.MustCompile(`^([a-z]{1,2}` + sup + `*\))`)
	indentRE    = regexp.MustCompile(`^([-–—•*+])`)
	// bareKeyword is a structural keyword standing alone, which is a
	// numbering mistake rather than text.
	bareKeyword = regexp.MustCompile(`^(?:CARTEA|PARTEA|KSIĘGA|CZĘŚĆ|TITLUL|DZIAŁ|TYTUŁ|CAPITOLUL|Capitolul|ROZDZIAŁ|Rozdział|SECȚIUNEA|SECŢIUNEA|Secțiunea|Secţiunea|ODDZIAŁ|Oddział|ARTICOLUL|Articolul|Art\.|ART\.|§)[ \t.:]*$`)
	markdownHd  = regexp.MustCompile(`^#{1,6}(?:` + sp + `+|$)`)
	// closingHashes is the optional closing sequence of an ATX heading.
	closingHashes = regexp.MustCompile(sp + `+#+$`)
)

// bounded reports whether s[i:] starts at a word end: the end of the line,
// a space or a separator. It keeps "Art. 5, alin. (2)…" (a citation) and
// "Dział administracji" (a sentence) from being markers.
func bounded(s string, i int, seps string) bool {
	if i >= len(s) {
		return true
	}
	r := []rune(s[i:min(len(s), i+4)])
	return len(r) > 0 && (strings.ContainsRune(" \t\u00a0", r[0]) || strings.ContainsRune(seps, r[0]))
}

// mark is a recognised marker: the unit kind, its number as printed and
// the rest of the line after the marker, with its byte offset.
type mark struct {
	kind   agora.UnitKind
	number string
	rest   string
	at     int
}

// structural recognises the markers whose meaning does not depend on
// where they stand: annexes, books, titles, chapters, sections, articles
// and "§ n." (which the caller may turn into a paragraph).
func structural(s string) (mark, bool) {
	if r, _ := utf8.DecodeRuneInString(s); !strings.ContainsRune("ACPKTDSROZ§", r) {
		return mark{}, false // every keyword starts with one of these; most lines do not
	}
	if m := annexUpper.FindStringSubmatchIndex(s); m != nil && bounded(s, m[1], ".:-–—") {
		return withRest(s, agora.UnitAnnex, sub(s, m, 1), m[1]), true
	}
	if m := annexMixed.FindStringSubmatchIndex(s); m != nil && bounded(s, m[1], ".:-–—") {
		rest := trimLine(s[m[1]:])
		if rest == "" || (strings.HasPrefix(rest, "la ") || strings.HasPrefix(rest, "do ")) && !strings.ContainsAny(rest[len(rest)-1:], ".;") {
			return withRest(s, agora.UnitAnnex, sub(s, m, 1), m[1]), true
		}
	}
	for _, c := range containerRE {
		if m := c.re.FindStringSubmatchIndex(s); m != nil {
			no, end := sub(s, m, 1), m[1]
			if no == "" { // the "CAP." alternative
				no = sub(s, m, 2)
			}
			if bounded(s, end, ".:-–—") {
				return withRest(s, c.kind, no, end), true
			}
		}
	}
	if m := articleRE.FindStringSubmatchIndex(s); m != nil && bounded(s, m[1], ".:-–—") {
		return withRest(s, agora.UnitArticle, sub(s, m, 1), m[1]), true
	}
	if m := sectionSign.FindStringSubmatchIndex(s); m != nil && bounded(s, m[1], ".") {
		return withRest(s, agora.UnitArticle, "§ "+sub(s, m, 1), m[1]), true
	}
	return mark{}, false
}

// listMarker recognises "(1)", "ust. 1", "1.", "1)", "a)" and dashes,
// which the caller places by context.
func listMarker(s string) (mark, bool) {
	if s == "" || s[0] >= 'A' && s[0] <= 'Z' {
		return mark{}, false // no list marker is a capital; most sentences start with one
	}
	if m := paragraphRE.FindStringSubmatchIndex(s); m != nil && bounded(s, m[1], "") {
		return plainRest(s, agora.UnitParagraph, sub(s, m, 1), m[1]), true
	}
	if m := ustRE.FindStringSubmatchIndex(s); m != nil && bounded(s, m[1], ".") {
		return withRest(s, agora.UnitParagraph, sub(s, m, 1), m[1]), true
	}
	if m := pointRE.FindStringSubmatchIndex(s); m != nil && bounded(s, m[1], "") {
		no := sub(s, m, 1)
		if sub(s, m, 2) == ")" {
			no += ")"
		}
		return plainRest(s, agora.UnitPoint, no, m[1]), true
	}
	if m := letterRE.FindStringSubmatchIndex(s); m != nil && bounded(s, m[1], "") {
		return plainRest(s, agora.UnitLetter, sub(s, m, 1), m[1]), true
	}
	if m := indentRE.FindStringSubmatchIndex(s); m != nil && bounded(s, m[1], "") && m[1] < len(s) {
		return plainRest(s, agora.UnitIndent, sub(s, m, 1), m[1]), true
	}
	return mark{}, false
}

func sub(s string, m []int, i int) string {
	if 2*i+1 >= len(m) || m[2*i] < 0 {
		return ""
	}
	return s[m[2*i]:m[2*i+1]]
}

// withRest strips the separators that follow a number ("Art. 5. — ",
// "CAPITOLUL I - ") from the rest of the line.
func withRest(s string, k agora.UnitKind, no string, end int) mark {
	i := end
	i = skip(s, i, " \t\u00a0")
	if i < len(s) && s[i] == '.' {
		i = skip(s, i+1, " \t\u00a0")
	}
	for _, sep := range []string{"—", "–", "-", ":"} {
		if strings.HasPrefix(s[i:], sep) {
			i = skip(s, i+len(sep), " \t\u00a0")
			break
		}
	}
	return mark{kind: k, number: no, rest: s[i:], at: i}
}

func plainRest(s string, k agora.UnitKind, no string, end int) mark {
	i := skip(s, end, " \t\u00a0")
	return mark{kind: k, number: no, rest: s[i:], at: i}
}

func skip(s string, i int, set string) int {
	for i < len(s) {
		r := []rune(s[i:min(len(s), i+4)])[0]
		if !strings.ContainsRune(set, r) {
			break
		}
		i += len(string(r))
	}
	return i
}

// markdown strips what Markdown adds around a line: heading hashes and a
// bold or underscore pair opening the line ("**Art. 5.** Definiții"). It
// reports whether the line was a Markdown heading.
func markdown(s string) (string, bool) {
	heading := false
	if m := markdownHd.FindStringIndex(s); m != nil {
		s, heading = trimLine(s[m[1]:]), true
		s = trimLine(closingHashes.ReplaceAllString(s, ""))
	}
	for _, em := range []string{"**", "__"} {
		if rest, ok := strings.CutPrefix(s, em); ok {
			if i := strings.Index(rest, em); i > 0 {
				s = trimLine(rest[:i] + rest[i+len(em):])
			}
		}
	}
	return s, heading
}

// trimLine removes spaces around a line, and byte order marks, which
// concatenated files carry into the middle of a text.
func trimLine(s string) string { return strings.TrimFunc(s, isBlank) }

func isBlank(r rune) bool { return unicode.IsSpace(r) || r == '\uFEFF' }
