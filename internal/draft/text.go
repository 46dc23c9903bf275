package draft

import (
	"bytes"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// Countries whose numbering ParseText and Format know.
const (
	CountryRO = "ro"
	CountryPL = "pl"
)

// Options tune ParseText. The zero value detects the country and uses the
// default limits.
type Options struct {
	// Country forces the numbering ("ro" or "pl"); empty detects it.
	Country string
	Limits  Limits
}

// ranks of the kinds with a fixed place; points, letters and indents nest
// among themselves in the order they appear (rank listRank).
var ranks = map[agora.UnitKind]int{
	agora.UnitAnnex: 0, agora.UnitBook: 1, agora.UnitTitle: 2, agora.UnitChapter: 3,
	agora.UnitSection: 4, agora.UnitArticle: 5, agora.UnitParagraph: 6,
	agora.UnitPoint: listRank, agora.UnitLetter: listRank, agora.UnitIndent: listRank,
}

const listRank = 7

// ParseText reads a draft act written as plain text or Markdown and
// returns its units in reading order. Text before the first structural
// marker becomes one preamble unit. Errors are *agora.Error of kind
// Invalid: KeyTooLarge, KeyEmpty, KeyInvalidUTF8, KeyControlChar,
// KeyNumbering, KeyCountry, KeyTooDeep, KeyTooManyUnits; a failing reader's
// error is returned as it is.
func ParseText(r io.Reader, opts Options) ([]agora.Unit, error) {
	lim := opts.Limits.withDefaults(DefaultTextMaxBytes)
	data, err := io.ReadAll(io.LimitReader(r, int64(lim.MaxBytes)+1))
	if err != nil {
		return nil, err
	}
	if len(data) > lim.MaxBytes {
		return nil, invalid(KeyTooLarge, map[string]any{"limit": lim.MaxBytes})
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	lines, err := splitLines(data)
	if err != nil {
		return nil, err
	}
	if len(bytes.TrimFunc(data, isBlank)) == 0 {
		return nil, invalid(KeyEmpty, nil)
	}
	country := opts.Country
	switch country {
	case "":
		country = detect(lines)
	case CountryRO, CountryPL:
	default:
		return nil, invalid(KeyCountry, map[string]any{"country": country})
	}
	p := &parser{country: country, lim: lim, keys: newKeyer(), lines: lines}
	if err := p.run(); err != nil {
		return nil, err
	}
	if len(p.units) == 0 { // only Markdown decoration ("#", "****")
		return nil, invalid(KeyEmpty, nil)
	}
	return p.units, nil
}

// splitLines splits on LF, CRLF or CR and checks every line: valid UTF-8
// and no control characters other than tab.
func splitLines(data []byte) ([]string, error) {
	var lines []string
	for n := 1; len(data) > 0 || n == 1; n++ {
		i := bytes.IndexAny(data, "\r\n")
		line := data
		if i >= 0 {
			line = data[:i]
			if data[i] == '\r' && i+1 < len(data) && data[i+1] == '\n' {
				i++
			}
			data = data[i+1:]
		} else {
			data = nil
		}
		if !utf8.Valid(line) {
			col := 1
			for len(line) > 0 {
				r, size := utf8.DecodeRune(line)
				if r == utf8.RuneError && size <= 1 {
					break
				}
				line, col = line[size:], col+1
			}
			return nil, invalid(KeyInvalidUTF8, at(n, col))
		}
		s := string(line)
		for col, r := range []rune(s) {
			if r != '\t' && (r < 0x20 || r == 0x7f) {
				return nil, invalid(KeyControlChar, at(n, col+1))
			}
		}
		lines = append(lines, s)
		if i < 0 {
			break
		}
	}
	return lines, nil
}

type parser struct {
	country string
	lim     Limits
	keys    *keyer
	lines   []string
	units   []agora.Unit
	stack   []int // indexes into units of the open units, outermost first
}

func (p *parser) run() error {
	for i := 0; i < len(p.lines); i++ {
		raw := trimLine(p.lines[i])
		if raw == "" {
			continue
		}
		s, mdHeading := markdown(raw)
		if s == "" {
			continue
		}
		if err := p.line(i, raw, s, mdHeading); err != nil {
			return err
		}
	}
	return nil
}

// line handles one non-blank line: s is the line without Markdown
// decoration, raw the line as written.
func (p *parser) line(i int, raw, s string, mdHeading bool) error {
	if m, ok := p.classify(s); ok {
		return p.open(i, m, true)
	}
	if bareKeyword.MatchString(s) {
		return invalid(KeyNumbering, map[string]any{"line": i + 1, "column": 1, "text": s})
	}
	top := p.top()
	switch {
	case top == nil:
		p.preamble(raw)
	case p.awaitsHeading(top) && (mdHeading || ranks[top.Kind] < ranks[agora.UnitArticle]):
		top.Heading = s
	case p.awaitsHeading(top) && top.Kind == agora.UnitArticle && headingLike(s) && p.contentFollows(i):
		top.Heading = s
	default:
		appendText(top, raw)
	}
	return nil
}

// classify recognises a marker in context: "(1)" and (in Polish) "ust. 1"
// only inside an article; "1." is a Polish paragraph (ustęp) inside an article and a
// point elsewhere; list markers never in the preamble; "§ 1." is a
// paragraph inside an article numbered "Art." and an article otherwise.
func (p *parser) classify(s string) (mark, bool) {
	if m, ok := structural(s); ok {
		if strings.HasPrefix(m.number, "§") && p.inArticle(false) {
			m.kind = agora.UnitParagraph
		}
		return m, true
	}
	if len(p.stack) == 0 {
		return mark{}, false
	}
	m, ok := listMarker(s)
	if !ok {
		return mark{}, false
	}
	switch {
	case m.kind == agora.UnitParagraph && !p.inArticle(true),
		m.kind == agora.UnitParagraph && p.country != CountryPL && !strings.HasPrefix(m.number, "("): // "ust. 2" is Polish
		return mark{}, false
	case m.kind == agora.UnitPoint && p.country == CountryPL && !strings.HasSuffix(m.number, ")") && p.inArticle(true):
		m.kind = agora.UnitParagraph
	}
	return m, true
}

// inArticle reports whether an article is open; with sections false, an
// article numbered "§ n" does not count (its "§" children are articles).
func (p *parser) inArticle(sections bool) bool {
	for _, i := range p.stack {
		if u := &p.units[i]; u.Kind == agora.UnitArticle && (sections || !strings.HasPrefix(u.Number, "§")) {
			return true
		}
	}
	return false
}

// open starts the unit a marker announces. The rest of an article's line
// may hold its first paragraph ("Art. 5. — (1) …", "Art. 5. 1. …"), a
// heading in brackets or a short heading, or text.
func (p *parser) open(i int, m mark, first bool) error {
	if err := p.push(i, m.kind, m.number); err != nil {
		return err
	}
	top := p.top()
	rest := trimLine(m.rest)
	switch {
	case rest == "":
	case top.Kind == agora.UnitArticle && first:
		if sub, ok := p.classify(rest); ok && ranks[sub.kind] > ranks[agora.UnitArticle] {
			return p.open(i, sub, false)
		}
		if len(rest) > 1 && rest[0] == '[' && rest[len(rest)-1] == ']' {
			top.Heading = trimLine(rest[1 : len(rest)-1])
		} else if headingLike(rest) {
			top.Heading = rest
		} else {
			top.Text = rest
		}
	case ranks[top.Kind] < ranks[agora.UnitArticle]:
		top.Heading = rest
	default:
		top.Text = rest
	}
	return nil
}

// push closes the units the new one ends and opens it.
func (p *parser) push(i int, k agora.UnitKind, number string) error {
	rank := ranks[k]
	if rank < listRank {
		for len(p.stack) > 0 && ranks[p.units[p.stack[len(p.stack)-1]].Kind] >= rank {
			p.stack = p.stack[:len(p.stack)-1]
		}
	} else {
		// A list kind already open under the innermost fixed unit is a
		// sibling; a new one nests under whatever is open.
		for j := len(p.stack) - 1; j >= 0 && ranks[p.units[p.stack[j]].Kind] == listRank; j-- {
			if p.units[p.stack[j]].Kind == k {
				p.stack = p.stack[:j]
				break
			}
		}
	}
	if len(p.stack) >= p.lim.MaxDepth {
		return invalid(KeyTooDeep, map[string]any{"limit": p.lim.MaxDepth, "line": i + 1})
	}
	if len(p.units) >= p.lim.MaxUnits {
		return invalid(KeyTooManyUnits, map[string]any{"limit": p.lim.MaxUnits, "line": i + 1})
	}
	parent, annex := "", ""
	if t := p.top(); t != nil {
		parent = t.Key
	}
	for _, j := range p.stack {
		if p.units[j].Kind == agora.UnitAnnex {
			annex = p.units[j].Key
		}
	}
	p.units = append(p.units, agora.Unit{
		Key: p.keys.unitKey(parent, annex, k, number), ParentKey: parent, Kind: k, Number: number, Depth: len(p.stack),
	})
	p.stack = append(p.stack, len(p.units)-1)
	return nil
}

func (p *parser) preamble(raw string) {
	if len(p.units) == 0 {
		p.units = append(p.units, agora.Unit{Key: p.keys.key("", agora.UnitPreamble, ""), Kind: agora.UnitPreamble})
	}
	appendText(&p.units[0], raw)
}

func (p *parser) top() *agora.Unit {
	if len(p.stack) == 0 {
		return nil
	}
	return &p.units[p.stack[len(p.stack)-1]]
}

// awaitsHeading reports whether u was just opened by a marker line alone:
// no heading, no text, no children yet.
func (p *parser) awaitsHeading(u *agora.Unit) bool {
	return u.Heading == "" && u.Text == "" && ranks[u.Kind] <= ranks[agora.UnitArticle] &&
		p.stack[len(p.stack)-1] == len(p.units)-1
}

// contentFollows reports whether the next non-blank line after line i
// still belongs to the open article (text or a lower marker), which is
// what makes a short line under "Art. 5" its heading rather than its text.
func (p *parser) contentFollows(i int) bool {
	for _, l := range p.lines[i+1:] {
		s, _ := markdown(trimLine(l))
		if s == "" {
			continue
		}
		m, ok := p.classify(s)
		return !ok || ranks[m.kind] > ranks[agora.UnitArticle]
	}
	return false
}

func appendText(u *agora.Unit, line string) {
	if u.Text == "" {
		u.Text = line
	} else {
		u.Text += "\n" + line
	}
}

// headingLike reports whether s reads as a caption: short, starting with
// a capital, not ending like a sentence or an enumeration.
func headingLike(s string) bool {
	r, _ := utf8.DecodeRuneInString(s)
	last, _ := utf8.DecodeLastRuneInString(s)
	return unicode.IsUpper(r) && utf8.RuneCountInString(s) <= 120 && len(strings.Fields(s)) <= 12 &&
		!strings.ContainsRune(".;:,!?…", last)
}
