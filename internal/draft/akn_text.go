package draft

import "strings"

// text returns the words of n's subtree with block elements on lines of
// their own and the spaces of the XML layout collapsed; inline elements
// (ref, term, date, i, b…) keep their text in place.
func text(n *node) string {
	var b strings.Builder
	writeText(&b, n)
	return normaliseText(b.String())
}

func writeText(b *strings.Builder, n *node) {
	for _, k := range n.kids {
		switch {
		case k.name == "":
			b.WriteString(k.text)
		case k.name == "eol" || k.name == "br" || k.name == "eop":
			b.WriteByte(' ')
		case k.name == "td" || k.name == "th":
			b.WriteByte(' ')
			writeText(b, k)
			b.WriteByte(' ')
		case skipped[k.name] && k.name != "num" && k.name != "heading" && k.name != "subheading":
		case blocks[k.name] || unitElements[k.name] || k.name == "num" || k.name == "heading":
			b.WriteString(blockBreak)
			writeText(b, k)
			b.WriteString(blockBreak)
		default:
			writeText(b, k)
		}
	}
}

// blockBreak separates blocks while text is gathered; line ends in the
// XML are layout and become spaces.
const blockBreak = "\u2029"

// normaliseText makes each block a line, with runs of spaces collapsed,
// and drops empty blocks.
func normaliseText(s string) string {
	var out []string
	for l := range strings.SplitSeq(s, blockBreak) {
		if l = strings.Join(strings.Fields(l), " "); l != "" {
			out = append(out, l)
		}
	}
	return strings.Join(out, "\n")
}

// firstText returns the text of n's first child element named name, or,
// for document-level names (docTitle, docNumber), of the first such
// element anywhere outside the body.
func firstText(n *node, name string) string {
	if c := n.child(name); c != nil {
		return strings.Join(strings.Fields(text(c)), " ")
	}
	if name != "docTitle" && name != "docNumber" && name != "shortTitle" && name != "longTitle" {
		return ""
	}
	if c := find(n, name); c != nil {
		return strings.Join(strings.Fields(text(c)), " ")
	}
	return ""
}

// find returns the first element named name under n, outside bodies and
// embedded components.
func find(n *node, name string) *node {
	for _, k := range n.kids {
		if k.name == "" || k.name == "components" || k.name == "attachments" || documentTypes[k.name] {
			continue
		}
		if k.name == name {
			return k
		}
		isBody := false
		for _, b := range bodies {
			isBody = isBody || k.name == b
		}
		if isBody {
			continue
		}
		if c := find(k, name); c != nil {
			return c
		}
	}
	return nil
}

// readMeta collects what doc's metadata says about it.
func readMeta(doc *node) Meta {
	m := Meta{DocType: doc.name, Name: doc.attr("name")}
	if meta := doc.child("meta"); meta != nil {
		if id := meta.child("identification"); id != nil {
			if w := id.child("FRBRWork"); w != nil {
				m.This = attrOf(w, "FRBRthis", "value")
				m.URI = attrOf(w, "FRBRuri", "value")
				m.Date = attrOf(w, "FRBRdate", "date")
				m.Country = attrOf(w, "FRBRcountry", "value")
				m.Number = attrOf(w, "FRBRnumber", "value")
				m.Title = attrOf(w, "FRBRalias", "value")
				if m.Title == "" {
					m.Title = attrOf(w, "FRBRname", "value")
				}
			}
			if e := id.child("FRBRExpression"); e != nil {
				m.Language = attrOf(e, "FRBRlanguage", "language")
			}
		}
	}
	for _, name := range []string{"longTitle", "shortTitle", "docTitle"} {
		if t := firstText(doc, name); t != "" {
			m.Title = t
		}
	}
	if n := firstText(doc, "docNumber"); n != "" {
		m.Number = n
	}
	return m
}

func attrOf(n *node, child, attr string) string {
	if c := n.child(child); c != nil {
		return c.attr(attr)
	}
	return ""
}
