// Package cite finds citations of normative acts in Romanian and Polish
// text: "Legea nr. 52/2003", "art. 7 alin. (2) din Legea nr. 52/2003",
// "O.U.G. nr. 57/2019", "H.G. nr. 1/2016", "Dz.U. z 2023 r. poz. 1234",
// "ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego
// i o wolontariacie", "art. 5 ust. 2 pkt 3".
//
// The parser is deliberately conservative: a reference it cannot tie to
// one act or one provision stays plain text, because a wrong link in a
// legal text is worse than none. It only recognises; resolving a
// citation to an act in the database (a Polish act cited by its date
// and title has no journal position in the text) is the store's job.
package cite

import (
	"sort"

	"github.com/agora-civic/agora"
)

// Citation is one reference found in a text.
type Citation struct {
	// Start and End are byte offsets of the citation in the text.
	Start, End int
	// Jurisdiction is "RO" or "PL".
	Jurisdiction string
	// ActKey names the act when the text identifies it by number and
	// year or by journal position ("ro/lege/2003/52", "pl/du/2023/1234").
	// Empty for a provision of the act being read ("art. 5 ust. 2") and
	// for a Polish act cited by date and title.
	ActKey string
	// Kind, Date and Title identify a Polish act cited as "ustawa z dnia
	// 24 kwietnia 2003 r. o …": the kind code, the date (YYYY-MM-DD) and
	// the title words after the date.
	Kind  string
	Date  string
	Title string
	// The provision, when one is cited: numbers as written without
	// brackets ("7", "2", "3", "a").
	Article, Paragraph, Point, Letter string
}

// Relative reports whether the citation names a provision of the text
// it appears in rather than another act.
func (c Citation) Relative() bool { return c.ActKey == "" && c.Date == "" }

// UnitKey is the key of the cited provision in agora's unit scheme
// ("art-7.par-2.let-a"), or "" when no article is cited.
func (c Citation) UnitKey() string {
	if c.Article == "" {
		return ""
	}
	k := agora.UnitKeyPart(agora.UnitArticle, c.Article)
	if c.Paragraph != "" {
		k += "." + agora.UnitKeyPart(agora.UnitParagraph, c.Paragraph)
	}
	if c.Point != "" {
		k += "." + agora.UnitKeyPart(agora.UnitPoint, c.Point)
	}
	if c.Letter != "" {
		k += "." + agora.UnitKeyPart(agora.UnitLetter, c.Letter)
	}
	return k
}

// Find returns the citations in text in reading order, without overlaps.
func Find(text string) []Citation {
	if len(text) > maxText {
		text = text[:maxText]
	}
	acts := append(findRO(text), findPL(text)...)
	found := append(articles(text, acts), acts...)
	sort.SliceStable(found, func(i, j int) bool {
		if found[i].Start != found[j].Start {
			return found[i].Start < found[j].Start
		}
		return found[i].End > found[j].End
	})
	var out []Citation
	end := -1
	for _, c := range found {
		if c.Start < end || c.End <= c.Start {
			continue
		}
		out = append(out, c)
		end = c.End
	}
	return out
}

// maxText bounds the work on one text; longer texts are cut (an article
// is far shorter; a whole act is parsed unit by unit).
const maxText = 1 << 20

// Segment is a piece of text that is either plain or a citation.
type Segment struct {
	Text     string
	Citation *Citation
}

// Split cuts text into plain and cited segments, for rendering links.
func Split(text string, cits []Citation) []Segment {
	var out []Segment
	pos := 0
	for i := range cits {
		c := &cits[i]
		if c.Start < pos || c.End > len(text) {
			continue
		}
		if c.Start > pos {
			out = append(out, Segment{Text: text[pos:c.Start]})
		}
		out = append(out, Segment{Text: text[c.Start:c.End], Citation: c})
		pos = c.End
	}
	if pos < len(text) {
		out = append(out, Segment{Text: text[pos:]})
	}
	return out
}
