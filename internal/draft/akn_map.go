package draft

import (
	"regexp"
	"strings"
	"unicode"

	"github.com/agora-civic/agora"
)

// Element vocabularies. unitElements become units; flattened elements
// (quoted text of an amendment) are read as text even when they quote
// whole articles; skipped elements carry no text of the act.
var (
	unitElements = map[string]bool{
		"book": true, "tome": true, "part": true, "subpart": true, "title": true, "subtitle": true,
		"chapter": true, "subchapter": true, "division": true, "subdivision": true, "section": true,
		"subsection": true, "article": true, "rule": true, "subrule": true, "hcontainer": true,
		"paragraph": true, "subparagraph": true, "clause": true, "subclause": true, "alinea": true,
		"point": true, "item": true, "indent": true, "level": true, "transitional": true, "proviso": true,
	}
	flattened = map[string]bool{"quotedStructure": true, "embeddedStructure": true, "mod": true, "mmod": true}
	skipped   = map[string]bool{
		"meta": true, "num": true, "heading": true, "subheading": true, "toc": true, "authorialNote": true,
		"noteRef": true, "note": true, "notes": true, "componentRef": true, "documentRef": true, "img": true,
		"foreign": true, "del": true, "marker": true, "eop": true, "popup": true, "components": true,
		"attachments": true, "coverPage": true, "conclusions": true,
	}
	blocks = map[string]bool{
		"p": true, "block": true, "blockContainer": true, "tblock": true, "tr": true, "li": true,
		"intro": true, "listIntroduction": true, "wrapUp": true, "wrap": true, "listWrapUp": true,
		"content": true, "recital": true, "citation": true, "formula": true, "longTitle": true,
		"container": true, "amendmentHeading": true, "amendmentContent": true, "amendmentJustification": true,
		"crossHeading": true, "docTitle": true, "docNumber": true, "docProponent": true, "docDate": true,
	}
	bodies   = []string{"body", "mainBody", "portionBody", "amendmentBody"}
	noBody   = map[string]bool{"debate": true, "judgment": true, "officialGazette": true}
	embedded = map[string]bool{"documentCollection": true, "amendmentList": true}
)

// mapper turns one document's tree into units.
type mapper struct {
	lim     Limits
	keys    *keyer
	units   []agora.Unit
	article string // the element read as an article: "article", "section" or ""
}

// ref is a unit being filled: its index and its annex, for keys.
type ref struct {
	i     int // index in units, -1 for the document itself
	annex string
	kind  agora.UnitKind
	depth int
}

func mapDocument(root *node, lim Limits) ([]agora.Unit, Meta, error) {
	if root.name != "akomaNtoso" || !strings.HasPrefix(root.space, "http://www.akomantoso.org/") &&
		!strings.HasPrefix(root.space, "http://docs.oasis-open.org/legaldocml/ns/akn/") {
		return nil, Meta{}, invalid(KeyAKNRoot, map[string]any{"element": root.name, "namespace": root.space})
	}
	var doc *node
	for _, k := range root.kids {
		if documentTypes[k.name] {
			doc = k
			break
		}
	}
	if doc == nil {
		return nil, Meta{}, invalid(KeyAKNNoBody, map[string]any{"element": root.name})
	}
	collection := ""
	if embedded[doc.name] {
		inner := pickEmbedded(root, doc)
		if inner == nil {
			if href := externalRef(doc); href != "" {
				return nil, Meta{}, invalid(KeyAKNExternal, map[string]any{"element": doc.name, "href": href})
			}
			return nil, Meta{}, invalid(KeyAKNNoBody, map[string]any{"element": doc.name})
		}
		collection, doc = doc.name, inner
	}
	if noBody[doc.name] {
		return nil, Meta{}, invalid(KeyAKNNoBody, map[string]any{"element": doc.name})
	}
	meta := readMeta(doc)
	meta.Collection = collection
	meta.Version = "3.0"
	if strings.HasPrefix(root.space, "http://www.akomantoso.org/") {
		meta.Version = strings.TrimSuffix(strings.TrimPrefix(root.space, "http://www.akomantoso.org/"), "/")
	}
	m := &mapper{lim: lim, keys: newKeyer(), article: articleElement(doc)}
	if err := m.document(doc, ref{i: -1}); err != nil {
		return nil, Meta{}, err
	}
	for i := range m.units {
		m.units[i].Text = normaliseText(m.units[i].Text)
	}
	structural := 0
	for _, u := range m.units {
		if u.Kind != agora.UnitPreamble {
			structural++
		}
	}
	if structural == 0 {
		if href := externalRef(doc); href != "" {
			return nil, Meta{}, invalid(KeyAKNExternal, map[string]any{"element": doc.name, "href": href})
		}
		return nil, Meta{}, invalid(KeyAKNNoUnits, map[string]any{"element": doc.name})
	}
	return m.units, meta, nil
}

// pickEmbedded finds, in document order, the first act or bill a
// collection embeds, else the first other document with a body.
func pickEmbedded(root, coll *node) *node {
	var first, fallback *node
	var walk func(n *node)
	walk = func(n *node) {
		for _, k := range n.kids {
			if first != nil {
				return
			}
			switch {
			case k == coll || k.name == "meta":
			case k.name == "act" || k.name == "bill":
				first = k
			case documentTypes[k.name] && !embedded[k.name] && !noBody[k.name] && fallback == nil && bodyOf(k) != nil:
				fallback = k
			default:
				walk(k)
			}
		}
	}
	walk(coll)
	walk(root)
	if first != nil {
		return first
	}
	return fallback
}

// externalRef returns the first reference of a collection to a part in
// another file.
func externalRef(n *node) string {
	for _, k := range n.kids {
		if k.name == "documentRef" || k.name == "componentRef" {
			href := k.attr("href")
			if href == "" {
				href = k.attr("src")
			}
			if href != "" && !strings.HasPrefix(href, "#") {
				return href
			}
		}
		if k.name != "" && k.name != "meta" {
			if h := externalRef(k); h != "" {
				return h
			}
		}
	}
	return ""
}

func bodyOf(doc *node) *node {
	for _, b := range bodies {
		if n := doc.child(b); n != nil {
			return n
		}
	}
	return nil
}

// articleElement decides which element plays the article: "article" (and
// hcontainers named regulation, rule or article) when present, else
// "section" as in common-law acts, whose subsections are then paragraphs.
func articleElement(doc *node) string {
	found := map[string]bool{}
	var walk func(n *node)
	walk = func(n *node) {
		for _, k := range n.kids {
			if k.name == "" || skipped[k.name] || flattened[k.name] {
				continue
			}
			if k.name == "hcontainer" && articleLike(k) {
				found["article"] = true
			}
			found[k.name] = true
			walk(k)
		}
	}
	walk(doc)
	switch {
	case found["article"] || found["rule"]:
		return "article"
	case found["section"]:
		return "section"
	}
	return ""
}

func articleLike(n *node) bool {
	switch n.attr("name") {
	case "regulation", "rule", "article", "articolo", "artículo", "articulo":
		return true
	}
	return false
}

// document emits the preface and preamble as preamble units, then the
// body, then each attached document as an annex.
func (m *mapper) document(doc *node, parent ref) error {
	for _, name := range []string{"preface", "preamble"} {
		if n := doc.child(name); n != nil {
			if t := text(n); t != "" {
				if _, err := m.add(n.line, parent, agora.UnitPreamble, "", "", t); err != nil {
					return err
				}
			}
		}
	}
	if b := bodyOf(doc); b != nil {
		if err := m.walk(b, parent); err != nil {
			return err
		}
	}
	if att := doc.child("attachments"); att != nil {
		return m.attachments(att, parent)
	}
	return nil
}

func (m *mapper) attachments(att *node, parent ref) error {
	for _, k := range att.kids {
		switch {
		case k.name == "attachment" || k.name == "interstitial":
			if err := m.attachments(k, parent); err != nil {
				return err
			}
		case documentTypes[k.name] && !noBody[k.name]:
			heading := firstText(k, "docTitle")
			if heading == "" {
				heading = k.attr("name")
			}
			a, err := m.add(k.line, parent, agora.UnitAnnex, cleanNumber(firstText(k, "docNumber")), heading, "")
			if err != nil {
				return err
			}
			if b := bodyOf(k); b != nil {
				if err := m.walk(b, a); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// walk reads the children of n into parent: elements that are units
// become units; containers of units are walked through; everything else
// is text of parent (or, at the top of a body, a paragraph of its own).
func (m *mapper) walk(n *node, parent ref) error {
	for _, k := range n.kids {
		switch {
		case k.name == "":
			if parent.i >= 0 {
				m.units[parent.i].Text += k.text
			}
		case skipped[k.name]:
		case unitElements[k.name]:
			if err := m.unit(k, parent); err != nil {
				return err
			}
		case k.units:
			if err := m.walk(k, parent); err != nil {
				return err
			}
		default:
			t := text(k)
			if t == "" {
				continue
			}
			if parent.i < 0 {
				if _, err := m.add(k.line, parent, agora.UnitParagraph, "", "", t); err != nil {
					return err
				}
				continue
			}
			m.units[parent.i].Text += blockBreak + strings.ReplaceAll(t, "\n", blockBreak) + blockBreak
		}
	}
	return nil
}

// unit maps one hierarchical element.
func (m *mapper) unit(n *node, parent ref) error {
	number := cleanNumber(firstText(n, "num"))
	kind, ok := m.kindOf(n, parent.kind, number)
	if !ok { // an unnumbered subdivision: its text and children belong to parent
		return m.walk(n, parent)
	}
	heading := firstText(n, "heading")
	if sub := firstText(n, "subheading"); sub != "" {
		heading = strings.TrimSpace(heading + " — " + sub)
		heading = strings.TrimPrefix(heading, "— ")
	}
	r, err := m.add(n.line, parent, kind, number, heading, "")
	if err != nil {
		return err
	}
	return m.walk(n, r)
}

// kindOf maps an element to a unit kind; false means the element is read
// as part of its parent.
func (m *mapper) kindOf(n *node, parent agora.UnitKind, number string) (agora.UnitKind, bool) {
	switch n.name {
	case "book", "tome":
		return agora.UnitBook, true
	case "part", "subpart", "title", "subtitle":
		return agora.UnitTitle, true
	case "chapter", "subchapter":
		return agora.UnitChapter, true
	case "division", "subdivision", "level", "transitional":
		return agora.UnitSection, true
	case "article", "rule":
		return agora.UnitArticle, true
	case "section":
		if m.article == "section" {
			return agora.UnitArticle, true
		}
		return agora.UnitSection, true
	case "subsection":
		if m.article != "section" {
			return agora.UnitSection, true
		}
	case "hcontainer":
		switch name := n.attr("name"); {
		case articleLike(n):
			return agora.UnitArticle, true
		case name == "schedule" || name == "annex":
			return agora.UnitAnnex, true
		case number == "" && firstText(n, "heading") == "":
			return "", false
		}
		return agora.UnitSection, true
	}
	if number == "" {
		return "", false
	}
	if n.name == "indent" || strings.Trim(number, "-–—•") == "" {
		return agora.UnitIndent, true
	}
	above := ranks[parent]
	if parent == "" || parent == agora.UnitPreamble {
		above = ranks[agora.UnitAnnex]
	}
	if n.name != "point" && n.name != "item" && above <= ranks[agora.UnitArticle] {
		return agora.UnitParagraph, true
	}
	core := strings.ToLower(strings.Trim(number, "()[]. "))
	if letterNumber.MatchString(core) && !(parent == agora.UnitLetter && romanNumber.MatchString(core)) {
		return agora.UnitLetter, true
	}
	return agora.UnitPoint, true
}

var (
	letterNumber = regexp.MustCompile(`^[a-z]{1,3}$`)
	romanNumber  = regexp.MustCompile(`^[ivxlcdm]+$`)
	// kindWord is a leading word naming the unit in a number ("Article 1",
	// "SEC. 2.", "Artículo 1º"), left out of the number.
	kindWord = regexp.MustCompile(`^[“"']?\p{L}[\p{L}.]*\s+(\S.*)$`)
)

// cleanNumber reduces a printed number to what the text parser keeps:
// without the kind word and trailing punctuation ("Article 1" → "1",
// "Artículo 2°.-" → "2°", "(a)" stays).
func cleanNumber(s string) string {
	s = strings.Join(strings.Fields(s), " ")
	if m := kindWord.FindStringSubmatch(s); m != nil && !strings.HasPrefix(s, "§") {
		s = m[1]
	}
	return strings.TrimRightFunc(s, func(r rune) bool {
		return r == '.' || r == ':' || r == '-' || r == '–' || r == '—' || unicode.IsSpace(r)
	})
}

// add appends a unit under parent, with its key, depth and limits.
func (m *mapper) add(line int, parent ref, k agora.UnitKind, number, heading, text string) (ref, error) {
	depth := parent.depth
	parentKey, annex := "", parent.annex
	if parent.i >= 0 {
		parentKey = m.units[parent.i].Key
		depth++
	}
	if depth >= m.lim.MaxDepth {
		return ref{}, invalid(KeyTooDeep, map[string]any{"limit": m.lim.MaxDepth, "line": line})
	}
	if len(m.units) >= m.lim.MaxUnits {
		return ref{}, invalid(KeyTooManyUnits, map[string]any{"limit": m.lim.MaxUnits, "line": line})
	}
	if k == agora.UnitPreamble {
		parentKey, depth = "", 0
	}
	u := agora.Unit{
		Key: m.keys.unitKey(parentKey, annex, k, number), ParentKey: parentKey, Kind: k,
		Number: number, Heading: heading, Text: strings.ReplaceAll(text, "\n", blockBreak), Depth: depth,
	}
	m.units = append(m.units, u)
	r := ref{i: len(m.units) - 1, annex: annex, kind: k, depth: depth}
	if k == agora.UnitAnnex {
		r.annex = u.Key
	}
	return r, nil
}
