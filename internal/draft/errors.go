package draft

import "github.com/agora-civic/agora"

// Error keys. Each is an i18n key in internal/i18n/locales/draft.*.json;
// the Args named beside it fill the message.
const (
	KeyInvalidUTF8    = "draft.error.invalid_utf8"      // line, column
	KeyControlChar    = "draft.error.control_char"      // line, column
	KeyEmpty          = "draft.error.empty"             //
	KeyTooLarge       = "draft.error.too_large"         // limit (bytes)
	KeyTooDeep        = "draft.error.too_deep"          // limit, line
	KeyTooManyUnits   = "draft.error.too_many_units"    // limit, line
	KeyTooManyElems   = "draft.error.too_many_elements" // limit, line
	KeyNumbering      = "draft.error.numbering"         // line, column, text: a keyword without a number
	KeyCountry        = "draft.error.country"           // country: not "ro" or "pl"
	KeyXML            = "draft.error.xml"               // line, column, detail: malformed XML
	KeyXMLEncoding    = "draft.error.xml_encoding"      // encoding: not UTF-8
	KeyDoctype        = "draft.error.xml_doctype"       // line: DTDs are refused
	KeyAKNRoot        = "draft.error.akn_root"          // element, namespace: not an Akoma Ntoso document
	KeyAKNNoBody      = "draft.error.akn_no_body"       // element: a debate, judgment, gazette… has no articles to comment on
	KeyAKNExternal    = "draft.error.akn_external"      // element, href: a collection whose parts are other files
	KeyAKNNoUnits     = "draft.error.akn_no_units"      // element: a body with nothing in it
	KeyAKNDuplicateID = "draft.error.akn_duplicate_id"  // id, attribute, line, column, first_line
)

// invalid builds the error every parser failure is.
func invalid(key string, args map[string]any) *agora.Error {
	return &agora.Error{Kind: agora.Invalid, Key: key, Args: args}
}

// at returns Args for a position.
func at(line, col int) map[string]any {
	if col <= 0 {
		return map[string]any{"line": line}
	}
	return map[string]any{"line": line, "column": col}
}
