package draft

import (
	"bytes"
	"encoding/xml"
	"errors"
	"io"
	"strings"

	"github.com/agora-civic/agora"
)

// Namespaces of the Akoma Ntoso generations read. Working drafts of 3.0
// used longer URIs under the same prefixes.
const (
	NamespaceAKN2 = "http://www.akomantoso.org/2.0"
	NamespaceAKN3 = "http://docs.oasis-open.org/legaldocml/ns/akn/3.0"
	xmlNamespace  = "http://www.w3.org/XML/1998/namespace"
)

// Meta describes the Akoma Ntoso document the units came from; fields the
// file does not give stay empty.
type Meta struct {
	Version    string // "2.0" or "3.0"
	DocType    string // element of the document read: act, bill, doc, amendment…
	Name       string // its name attribute: "regulation", "memorandum"
	Collection string // the collection element it was taken from, if any
	Title      string // docTitle, else shortTitle, else FRBRalias or FRBRname
	Number     string // docNumber, else FRBRnumber
	Date       string // FRBRWork FRBRdate, as written (normally YYYY-MM-DD)
	Country    string // FRBRcountry
	Language   string // FRBRExpression FRBRlanguage
	This       string // FRBRWork FRBRthis
	URI        string // FRBRWork FRBRuri
}

// ParseAKN reads an Akoma Ntoso 2.0 or 3.0 document and returns the units
// of its preface, preamble, body and attachments in reading order, with
// what its metadata says. A documentCollection or amendmentList is read
// through the first act or bill it embeds (or the first document with a
// body). Limits zero fields take their defaults (20 MB, 1,000,000
// elements, XML nesting of 8×MaxDepth).
//
// Errors are *agora.Error of kind Invalid: KeyTooLarge, KeyEmpty, KeyXML
// (malformed, with line and column), KeyXMLEncoding, KeyDoctype (DTDs and
// entity declarations are refused, so no entity is ever expanded),
// KeyTooDeep, KeyTooManyElems, KeyTooManyUnits, KeyAKNRoot,
// KeyAKNDuplicateID (an id, eId, wId or xml:id given twice in one
// document, with both lines), KeyAKNNoBody (debate, judgment,
// officialGazette), KeyAKNExternal (a collection of other files) and
// KeyAKNNoUnits.
func ParseAKN(r io.Reader, lim Limits) ([]agora.Unit, Meta, error) {
	lim = lim.withDefaults(DefaultAKNMaxBytes)
	data, err := io.ReadAll(io.LimitReader(r, int64(lim.MaxBytes)+1))
	if err != nil {
		return nil, Meta{}, err
	}
	if len(data) > lim.MaxBytes {
		return nil, Meta{}, invalid(KeyTooLarge, map[string]any{"limit": lim.MaxBytes})
	}
	data = bytes.TrimPrefix(data, []byte("\uFEFF"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, Meta{}, invalid(KeyEmpty, nil)
	}
	root, err := readTree(data, lim)
	if err != nil {
		return nil, Meta{}, err
	}
	return mapDocument(root, lim)
}

// node is an element or, with an empty name, a run of text.
type node struct {
	name, space string
	attrs       []xml.Attr
	kids        []*node
	text        string
	line        int
	units       bool // the subtree holds elements that become units
}

func (n *node) attr(local string) string {
	for _, a := range n.attrs {
		if a.Name.Local == local {
			return a.Value
		}
	}
	return ""
}

// child returns the first child element named name.
func (n *node) child(name string) *node {
	for _, k := range n.kids {
		if k.name == name {
			return k
		}
	}
	return nil
}

// documentTypes are the Akoma Ntoso document elements; ids are unique
// within each, and an embedded component is a document of its own.
var documentTypes = map[string]bool{
	"act": true, "bill": true, "doc": true, "statement": true, "portion": true, "amendment": true,
	"amendmentList": true, "debate": true, "debateReport": true, "judgment": true,
	"officialGazette": true, "documentCollection": true,
}

type charsetError struct{ label string }

func (e *charsetError) Error() string { return "unsupported charset " + e.label }

// readTree decodes the XML into nodes, enforcing the limits and the
// uniqueness of ids per document as it goes, so the line of a duplicate
// is known.
func readTree(data []byte, lim Limits) (*node, error) {
	d := xml.NewDecoder(bytes.NewReader(data))
	d.Strict = true
	d.CharsetReader = func(label string, _ io.Reader) (io.Reader, error) {
		return nil, &charsetError{label}
	}
	var (
		stack    []*node
		scopes   []map[string]int
		root     *node
		elements int
		maxDepth = 8 * lim.MaxDepth
	)
	for {
		line, col := d.InputPos()
		tok, err := d.Token()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, xmlError(d, err)
		}
		switch t := tok.(type) {
		case xml.StartElement:
			if elements++; elements > lim.MaxElements {
				return nil, invalid(KeyTooManyElems, map[string]any{"limit": lim.MaxElements, "line": line})
			}
			if len(stack) >= maxDepth {
				return nil, invalid(KeyTooDeep, map[string]any{"limit": maxDepth, "line": line})
			}
			n := &node{name: t.Name.Local, space: t.Name.Space, attrs: t.Attr, line: line}
			if len(stack) == 0 {
				if root != nil {
					return nil, invalid(KeyXML, map[string]any{"line": line, "column": col})
				}
				root = n
			} else {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, n)
			}
			if documentTypes[n.name] || len(scopes) == 0 {
				scopes = append(scopes, map[string]int{})
			}
			if err := checkIDs(n, scopes[len(scopes)-1], line, col); err != nil {
				return nil, err
			}
			stack = append(stack, n)
		case xml.EndElement:
			n := stack[len(stack)-1]
			stack = stack[:len(stack)-1]
			if documentTypes[n.name] && len(scopes) > 1 {
				scopes = scopes[:len(scopes)-1]
			}
			if len(stack) > 0 && !flattened[n.name] && (n.units || unitElements[n.name]) {
				stack[len(stack)-1].units = true
			}
		case xml.CharData:
			if len(stack) > 0 {
				p := stack[len(stack)-1]
				p.kids = append(p.kids, &node{text: string(t)})
			}
		case xml.Directive:
			if s := strings.TrimSpace(string(t)); strings.HasPrefix(strings.ToUpper(s), "DOCTYPE") || strings.HasPrefix(strings.ToUpper(s), "ENTITY") {
				return nil, invalid(KeyDoctype, map[string]any{"line": line})
			}
		}
	}
	if root == nil {
		return nil, invalid(KeyEmpty, nil)
	}
	return root, nil
}

// checkIDs records the ids of n in the document's scope and fails on one
// already given.
func checkIDs(n *node, scope map[string]int, line, col int) error {
	for _, a := range n.attrs {
		name := a.Name.Local
		switch {
		case name == "id" && (a.Name.Space == "" || a.Name.Space == xmlNamespace):
			if a.Name.Space != "" {
				name = "xml:id"
			}
		case name == "eId" || name == "wId":
		default:
			continue
		}
		key := strings.TrimPrefix(name, "xml:") + "\x00" + a.Value
		if first, dup := scope[key]; dup {
			return invalid(KeyAKNDuplicateID, map[string]any{
				"id": a.Value, "attribute": name, "line": line, "column": col, "first_line": first,
			})
		}
		scope[key] = line
	}
	return nil
}

// xmlError turns a decoder failure into KeyXML with the position, or
// KeyXMLEncoding for a declared encoding other than UTF-8.
func xmlError(d *xml.Decoder, err error) error {
	var ce *charsetError
	if errors.As(err, &ce) {
		return invalid(KeyXMLEncoding, map[string]any{"encoding": ce.label})
	}
	line, col := d.InputPos()
	var se *xml.SyntaxError
	if errors.As(err, &se) {
		line = se.Line
	}
	e := invalid(KeyXML, map[string]any{"line": line, "column": col, "detail": err.Error()})
	return e.Wrap(err)
}
