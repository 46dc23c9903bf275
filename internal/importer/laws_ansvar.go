package importer

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"regexp"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// ansvarDoc is one file of the Ansvar-Systems law collections
// (Romanian-law-mcp, polish-law-mcp): one pretty-printed JSON object per
// act. Definitions repeat article text and are not read.
type ansvarDoc struct {
	ID          string            `json:"id"`
	Title       string            `json:"title"`
	Status      string            `json:"status"`
	IssuedDate  string            `json:"issued_date"`
	InForceDate string            `json:"in_force_date"`
	URL         string            `json:"url"`
	Description string            `json:"description"`
	Provisions  []ansvarProvision `json:"provisions"`
}

type ansvarProvision struct {
	Ref     string `json:"provision_ref"`
	Chapter string `json:"chapter"`
	Section string `json:"section"`
	Title   string `json:"title"`
	Content string `json:"content"`
}

var (
	plSourceIDRE = regexp.MustCompile(`^pl-(du|mp)-(\d{4})-(\d+)$`)
	// Hand-curated Romanian files are named law-<number>-<year>[-topic].
	roCuratedIDRE = regexp.MustCompile(`^law-(\d+)-(\d{4})\b`)
	isoDateRE     = regexp.MustCompile(`^\d{4}-\d{2}-\d{2}$`)
	// The listing label of the description ("Listing label: LEGE 2
	// 30/03/1973") still dates the 6 Romanian files without issued_date.
	listingLabelRE = regexp.MustCompile(`Listing label:\s*([^\n]*)`)
)

// DecodeAnsvarLaw reads one Ansvar JSON document. cite, if not nil, is
// called for every unit and its relations are kept. A document that is
// not valid UTF-8 or JSON, or has no id or title, is a *LawSyntaxError.
func DecodeAnsvarLaw(data []byte, cite CiteFunc) (LawDoc, error) {
	if !utf8.Valid(data) {
		off := invalidUTF8Offset(data)
		return LawDoc{}, syntaxErrorAt(data, off, ReasonLawInvalidUTF8, nil)
	}
	var d ansvarDoc
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&d); err != nil {
		return LawDoc{}, jsonError(data, err)
	}
	if _, err := dec.Token(); err == nil {
		return LawDoc{}, syntaxErrorAt(data, int(dec.InputOffset()), ReasonLawTrailing, nil)
	}
	d.ID, d.Title = strings.TrimSpace(d.ID), strings.TrimSpace(d.Title)
	if d.ID == "" {
		return LawDoc{}, &LawSyntaxError{Line: 1, Column: 1, Reason: ReasonLawNoID}
	}
	if d.Title == "" {
		return LawDoc{}, &LawSyntaxError{Line: 1, Column: 1, Reason: ReasonLawNoTitle}
	}
	act := ansvarAct(d)
	doc := LawDoc{Act: act, Units: ansvarUnits(act.Jurisdiction, d.Provisions)}
	doc.Relations = citeUnits(act, doc.Units, cite)
	return doc, nil
}

func ansvarAct(d ansvarDoc) agora.Act {
	a := agora.Act{Title: d.Title, SourceURL: d.URL, SourceID: d.ID, Jurisdiction: agora.RO}
	if m := plSourceIDRE.FindStringSubmatch(d.ID); m != nil || strings.HasPrefix(d.ID, "pl-") {
		a.Jurisdiction = agora.PL
	}
	t := ParseActTitle(a.Jurisdiction, d.Title)
	a.Kind, a.Number, a.Year = t.Kind, t.Number, t.Year
	a.AdoptedOn = cmp.Or(t.Date, isoOnly(d.IssuedDate))
	a.InForceOn = isoOnly(d.InForceDate)
	if a.Jurisdiction == agora.PL {
		a.Status = agora.ActStatus(d.Status)
		if m := plSourceIDRE.FindStringSubmatch(d.ID); m != nil {
			year, _ := strconv.Atoi(m[2])
			a.Key = agora.ActKeyPL(m[1], year, m[3])
			a.Number = agora.NormalizeActNumber(m[3])
			a.Year = cmp.Or(a.Year, year)
			a.PublicationRef = "Dz.U. " + m[2] + " poz. " + a.Number
			if m[1] == agora.JournalMP {
				a.PublicationRef = "M.P. " + m[2] + " poz. " + a.Number
			}
		}
	} else {
		// The Romanian source marks every act in force, which says nothing
		// (SOURCE.txt): an NGO must not rely on it, so it is not claimed.
		a.Status = agora.ActStatusUnknown
		if a.Number == "" {
			if m := roCuratedIDRE.FindStringSubmatch(d.ID); m != nil {
				a.Kind, a.Number = "lege", agora.NormalizeActNumber(m[1])
				a.Year, _ = strconv.Atoi(m[2])
			}
		}
		if a.AdoptedOn == "" {
			if m := listingLabelRE.FindStringSubmatch(d.Description); m != nil {
				if lt := ParseActTitle(agora.RO, m[1]); lt.Year == a.Year || a.Year == 0 {
					a.AdoptedOn, a.Year = lt.Date, cmp.Or(a.Year, lt.Year)
				}
			}
		}
		if a.Number != "" && a.Year > 0 && a.Kind != "other" {
			a.Key = agora.ActKeyRO(a.Kind, a.Year, a.Number)
		}
	}
	if a.Year == 0 && len(a.AdoptedOn) >= 4 {
		a.Year, _ = strconv.Atoi(a.AdoptedOn[:4])
	}
	if !a.Status.Valid() {
		a.Status = agora.ActStatusUnknown
	}
	if a.Key == "" {
		a.Key = agora.ActKeySource(a.Jurisdiction, d.ID)
	}
	return a
}

// ansvarUnits turns provisions into units: the headings of their chapter
// path ("Titlul I | Capitolul 2 - Drepturi"), then an article per
// provision, cut into paragraphs when splitParagraphs can.
func ansvarUnits(j agora.Country, ps []ansvarProvision) []agora.Unit {
	b := newUnitBuilder()
	var path []string
	var pathKeys []string
	for _, p := range ps {
		var levels []string
		if c := strings.TrimSpace(p.Chapter); c != "" {
			levels = strings.Split(c, " | ")
		}
		same := 0
		for same < len(levels) && same < len(path) && levels[same] == path[same] {
			same++
		}
		pathKeys = pathKeys[:same]
		for i := same; i < len(levels); i++ {
			kind, number, heading := headingLevel(levels[i])
			parent := ""
			if i > 0 {
				parent = pathKeys[i-1]
			}
			u := b.add(parent, agora.Unit{Kind: kind, Number: number, Heading: heading, Depth: i})
			pathKeys = append(pathKeys, u.Key)
		}
		path = levels
		parent := ""
		if len(pathKeys) > 0 {
			parent = pathKeys[len(pathKeys)-1]
		}
		kind, number := provisionNumber(p)
		art := b.add("", agora.Unit{ParentKey: parent, Kind: kind, Number: number, Depth: len(pathKeys)})
		pars := splitParagraphs(j, p.Content)
		if pars == nil {
			b.units[len(b.units)-1].Text = p.Content
			continue
		}
		for _, par := range pars {
			b.add(art.Key, agora.Unit{Kind: agora.UnitParagraph, Number: par.Number, Text: par.Text, Depth: art.Depth + 1})
		}
	}
	return b.units
}

var (
	provisionTitleRE = regexp.MustCompile(`(?i)^\s*(articolul|articol|art\.?|paragraful|§)\s*(.*?)\s*$`)
	headingWordRE    = regexp.MustCompile(`^\s*(\pL+)\s*(.*)$`)
)

// provisionNumber reads the printed number of a provision from its title
// ("Articolul 1^1", "ARTICOL UNIC", "Art. 12a", "Paragraful 3"), falling
// back to its section. "Par." provisions of documents without articles
// become top-level paragraphs.
func provisionNumber(p ansvarProvision) (agora.UnitKind, string) {
	kind := agora.UnitArticle
	if strings.HasPrefix(strings.ToLower(p.Ref), "par") {
		kind = agora.UnitParagraph
	}
	if m := provisionTitleRE.FindStringSubmatch(p.Title); m != nil && m[2] != "" {
		return kind, m[2]
	}
	return kind, strings.TrimSpace(p.Section)
}

// headingLevel reads one level of a chapter path: "Capitolul I -
// Dispoziții generale", "Secţiunea a 2-a", "Partea SPECIALĂ", "Titlul
// II.". Unknown words make a chapter.
func headingLevel(s string) (agora.UnitKind, string, string) {
	label, heading, _ := strings.Cut(s, " - ")
	heading = strings.TrimSpace(heading)
	m := headingWordRE.FindStringSubmatch(label)
	if m == nil {
		return agora.UnitChapter, "", strings.TrimSpace(s)
	}
	kind := agora.UnitChapter
	switch w := agora.Fold(m[1]); w {
	case "partea", "cartea":
		kind = agora.UnitBook
	case "titlul":
		kind = agora.UnitTitle
	case "sectiunea":
		kind = agora.UnitSection
	case "capitolul":
	default:
		return agora.UnitChapter, "", strings.TrimSpace(s)
	}
	number := strings.TrimSpace(strings.TrimRight(m[2], ".*) "))
	// "a 2-a" (the second) → "2".
	if f := strings.ToLower(number); strings.HasPrefix(f, "a ") && strings.HasSuffix(f, "-a") {
		number = strings.TrimSpace(number[2 : len(number)-2])
	}
	return kind, number, heading
}

// citeUnits runs the citation hook over every unit with text.
func citeUnits(act agora.Act, units []agora.Unit, cite CiteFunc) []agora.ActRelation {
	if cite == nil {
		return nil
	}
	var out []agora.ActRelation
	for _, u := range units {
		if u.Text == "" && u.Heading == "" {
			continue
		}
		for _, r := range cite(act, u) {
			r.FromUnit = u.Key
			out = append(out, r)
		}
	}
	return out
}

func isoOnly(s string) string {
	s = strings.TrimSpace(s)
	if isoDateRE.MatchString(s) {
		y, _ := strconv.Atoi(s[:4])
		m, _ := strconv.Atoi(s[5:7])
		d, _ := strconv.Atoi(s[8:])
		if isoDate(y, m, d) == s {
			return s
		}
	}
	return ""
}

// jsonError turns a decoder error into a positioned syntax error.
func jsonError(data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se):
		return syntaxErrorAt(data, int(se.Offset), ReasonLawJSON, err)
	case errors.As(err, &te):
		return syntaxErrorAt(data, int(te.Offset), ReasonLawJSONType, err)
	}
	return syntaxErrorAt(data, len(data), ReasonLawJSON, err)
}

func invalidUTF8Offset(data []byte) int {
	for i := 0; i < len(data); {
		r, size := utf8.DecodeRune(data[i:])
		if r == utf8.RuneError && size == 1 {
			return i
		}
		i += size
	}
	return len(data)
}
