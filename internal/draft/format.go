package draft

import (
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
)

// keywords of the markers Format writes, per country.
var keywords = map[string]map[agora.UnitKind]string{
	CountryRO: {agora.UnitBook: "CARTEA", agora.UnitTitle: "TITLUL", agora.UnitChapter: "CAPITOLUL",
		agora.UnitSection: "Secțiunea", agora.UnitAnnex: "ANEXA"},
	CountryPL: {agora.UnitBook: "KSIĘGA", agora.UnitTitle: "DZIAŁ", agora.UnitChapter: "Rozdział",
		agora.UnitSection: "Oddział", agora.UnitAnnex: "ZAŁĄCZNIK"},
}

// Format writes units as plain text in the numbering of country ("ro" or
// "pl"; anything else is taken as "ro"), one marker per line, so an
// officer can correct the structure as text and parse it again with
// ParseText and the same country. Units produced by ParseText come back
// with the same kinds, numbers, headings, texts and keys. A unit without a
// number (from Akoma Ntoso) gets its position among its siblings.
func Format(units []agora.Unit, country string) string {
	if country != CountryPL {
		country = CountryRO
	}
	f := formatter{country: country, written: map[string]agora.Unit{}, seq: map[string]int{}}
	for i, u := range units {
		children := i+1 < len(units) && units[i+1].ParentKey == u.Key && u.Key != ""
		f.unit(u, children)
		f.written[u.Key] = u
	}
	return f.b.String()
}

type formatter struct {
	country string
	b       strings.Builder
	written map[string]agora.Unit // units written so far, by key
	seq     map[string]int        // siblings of one kind so far, by parent and kind
}

func (f *formatter) unit(u agora.Unit, children bool) {
	f.seq[u.ParentKey+" "+string(u.Kind)]++
	text := textLines(u.Text)
	if u.Kind == agora.UnitPreamble {
		if u.Heading != "" {
			f.line(u.Heading)
		}
		f.lines(text)
		return
	}
	rank, fixed := ranks[u.Kind]
	if fixed && rank <= ranks[agora.UnitArticle] && f.b.Len() > 0 {
		f.b.WriteByte('\n')
	}
	marker := f.marker(u)
	switch {
	case !fixed || rank < ranks[agora.UnitArticle]:
		f.container(marker, u.Heading, text)
	case u.Kind == agora.UnitArticle:
		f.article(marker, u.Heading, text, children)
	default:
		// The parser takes the rest of the line as it is, except after
		// "§ 1.", where one separator goes: give it one to take.
		if len(text) > 0 {
			sep := " "
			if strings.HasPrefix(marker, "§") && startsWithSeparator(text[0]) {
				sep = " – "
			}
			marker += sep + text[0]
			text = text[1:]
		}
		f.line(marker)
		f.lines(text)
	}
}

// container writes a heading on the line after the marker, the way acts
// print it, unless the parser would read that line otherwise.
func (f *formatter) container(marker, heading string, text []string) {
	switch {
	case heading == "":
		f.line(marker)
	case markerLike(heading) || changedByMarkdown(heading):
		// The dash keeps the heading from being read as part of the number
		// ("ANEXA 0)").
		f.line(marker + " – " + heading)
	default:
		f.line(marker)
		f.line(heading)
	}
	f.lines(text)
}

// article writes a heading on the marker line (in brackets when it does
// not read as a caption) and the text below, except a first line that
// would be taken for a heading or a marker there.
func (f *formatter) article(marker, heading string, text []string, children bool) {
	switch {
	case heading != "" && headingLike(heading):
		f.line(marker + " " + heading)
	case heading != "":
		f.line(marker + " [" + heading + "]")
	case len(text) > 0 && !safeAlone(text[0], len(text) > 1 || children):
		f.line(marker + " " + text[0])
		text = text[1:]
	default:
		f.line(marker)
	}
	f.lines(text)
}

// safeAlone reports whether a first text line under a bare article marker
// parses back as text: not a marker, not a Markdown heading, and not a
// caption followed by more of the article.
func safeAlone(first string, more bool) bool {
	s, md := markdown(first)
	return !md && !markerLike(s) && !(headingLike(s) && more)
}

// marker builds the marker of u in the formatter's numbering. Numbers the
// parser printed are kept as they are; others are dressed the country's
// way.
func (f *formatter) marker(u agora.Unit) string {
	no := strings.TrimSpace(u.Number)
	if no == "" {
		no = f.ordinal(u)
	}
	core := strings.Trim(no, "().§ \t")
	switch u.Kind {
	case agora.UnitArticle:
		switch {
		case strings.HasPrefix(no, "§"):
			return "§ " + core + "."
		case f.country == CountryPL:
			return "Art. " + no + "."
		case no == "unic" || no == "UNIC":
			return "Articol " + no
		}
		return "Art. " + no
	case agora.UnitParagraph:
		switch {
		case strings.HasPrefix(no, "(") && strings.HasSuffix(no, ")"):
			return no
		case strings.HasPrefix(no, "§"):
			return "§ " + core + "."
		case f.country == CountryPL:
			return core + "."
		}
		return "(" + core + ")"
	case agora.UnitPoint:
		switch {
		case strings.HasSuffix(no, ")") && !strings.HasPrefix(no, "("):
			return no
		case f.country == CountryPL && f.inArticle(u):
			return core + ")"
		}
		return core + "."
	case agora.UnitLetter:
		if strings.HasSuffix(no, ")") && !strings.HasPrefix(no, "(") {
			return no
		}
		return core + ")"
	case agora.UnitIndent:
		if strings.ContainsAny(no, "-–—•*+") && len([]rune(no)) == 1 {
			return no
		}
		return "–"
	case agora.UnitAnnex:
		kw := keywords[f.country][u.Kind]
		switch {
		case u.Number == "":
			return kw
		case f.country == CountryPL:
			return kw + " nr " + core
		}
		return kw + " nr. " + core
	}
	kw := keywords[f.country][u.Kind]
	if kw == "" {
		kw = keywords[f.country][agora.UnitSection]
	}
	return kw + " " + no
}

// ordinal numbers an unnumbered unit by its place among its siblings of
// the same kind: 1, 2… or a, b… for letters, a dash for indents.
func (f *formatter) ordinal(u agora.Unit) string {
	n := f.seq[u.ParentKey+" "+string(u.Kind)]
	switch u.Kind {
	case agora.UnitLetter:
		s := ""
		for ; n > 0; n = (n - 1) / 26 {
			s = string(rune('a'+(n-1)%26)) + s
		}
		return s + ")"
	case agora.UnitIndent:
		return "–"
	case agora.UnitAnnex:
		return ""
	}
	return strconv.Itoa(n)
}

func (f *formatter) inArticle(u agora.Unit) bool {
	for k := u.ParentKey; k != ""; {
		p, ok := f.written[k]
		if !ok {
			return false
		}
		if p.Kind == agora.UnitArticle && !strings.HasPrefix(p.Number, "§") {
			return true
		}
		k = p.ParentKey
	}
	return false
}

func (f *formatter) line(s string) {
	f.b.WriteString(s)
	f.b.WriteByte('\n')
}

func (f *formatter) lines(ls []string) {
	for _, l := range ls {
		f.line(l)
	}
}

// textLines splits a unit's text into the non-blank lines Format writes.
func textLines(s string) []string {
	var out []string
	for l := range strings.SplitSeq(s, "\n") {
		if l = trimLine(l); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// markerLike reports whether a line would be read as a marker somewhere.
func markerLike(s string) bool {
	if _, ok := structural(s); ok {
		return true
	}
	_, ok := listMarker(s)
	return ok || bareKeyword.MatchString(s)
}

func changedByMarkdown(s string) bool {
	t, md := markdown(s)
	return md || t != s
}

func startsWithSeparator(s string) bool {
	for _, sep := range []string{".", "-", "–", "—", ":"} {
		if strings.HasPrefix(s, sep) {
			return true
		}
	}
	return false
}
