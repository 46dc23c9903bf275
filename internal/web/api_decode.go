package web

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"mime"
	"net/http"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
)

// jsonBody is a request body read as one JSON object whose members stay
// raw until the handler reads each with its type, so that every type
// error names its member and null can be told from absence (JSON merge
// patch needs both).
type jsonBody struct {
	raw  map[string]json.RawMessage
	errs agora.Errs
}

// readJSON reads the body of a write request. It refuses, before any
// field is looked at: a Content-Type other than application/json or one
// of extraTypes, or a charset other than UTF-8 (415); a body over the
// size limit (413); bytes that are not UTF-8, that are not one JSON
// value, or whose value is not an object (400). Members not in known, and
// members given twice, are Invalid field errors (422) naming them.
//
// The object is walked token by token instead of decoded with
// json.Decoder.DisallowUnknownFields because that matches member names
// without regard to case and lets a repeated member silently win; both
// would let a client believe a misspelt or doubled field was applied.
func readJSON(r *http.Request, known []string, extraTypes ...string) (*jsonBody, error) {
	if err := checkJSONType(r.Header.Get("Content-Type"), extraTypes); err != nil {
		return nil, err
	}
	data, err := io.ReadAll(r.Body)
	if err != nil {
		var mbe *http.MaxBytesError
		if errors.As(err, &mbe) {
			return nil, apiStatus(http.StatusRequestEntityTooLarge, "error.body_too_large", nil)
		}
		return nil, apiStatus(http.StatusBadRequest, "error.invalid", nil)
	}
	if !utf8.Valid(data) {
		return nil, apiStatus(http.StatusBadRequest, "error.invalid_utf8", nil)
	}
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, apiStatus(http.StatusBadRequest, "api.json.empty", nil)
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	tok, err := dec.Token()
	if err != nil {
		return nil, jsonSyntax(dec, err)
	}
	if tok != json.Delim('{') {
		return nil, apiStatus(http.StatusBadRequest, "api.json.object_expected", nil)
	}
	b := &jsonBody{raw: map[string]json.RawMessage{}}
	var es agora.Errs
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			return nil, jsonSyntax(dec, err)
		}
		name, _ := tok.(string)
		var v json.RawMessage
		if err := dec.Decode(&v); err != nil {
			return nil, jsonSyntax(dec, err)
		}
		switch _, dup := b.raw[name]; {
		case !slices.Contains(known, name):
			es.Add(apiFieldName(name), "api.json.unknown_field", nil)
		case dup:
			es.Add(name, "api.json.duplicate_field", nil)
		}
		b.raw[name] = v
	}
	if _, err := dec.Token(); err != nil {
		return nil, jsonSyntax(dec, err)
	}
	if _, err := dec.Token(); err != io.EOF {
		return nil, apiStatus(http.StatusBadRequest, "api.json.trailing_data", nil)
	}
	return b, es.Err()
}

// checkJSONType accepts application/json, the given extra media types,
// and no charset but UTF-8 (RFC 8259 knows no other).
func checkJSONType(ct string, extra []string) error {
	mt, params, err := mime.ParseMediaType(ct)
	want := map[string]any{"type": strings.Join(append([]string{"application/json"}, extra...), ", ")}
	if err != nil || (mt != "application/json" && !slices.Contains(extra, mt)) {
		return apiStatus(http.StatusUnsupportedMediaType, "api.media_type", want)
	}
	if cs, ok := params["charset"]; ok && !strings.EqualFold(cs, "utf-8") {
		return apiStatus(http.StatusUnsupportedMediaType, "api.media_type", want)
	}
	return nil
}

// jsonSyntax reports where the body stopped being JSON.
func jsonSyntax(dec *json.Decoder, err error) error {
	offset := dec.InputOffset()
	var se *json.SyntaxError
	if errors.As(err, &se) {
		offset = se.Offset
	}
	return apiStatus(http.StatusBadRequest, "api.json.syntax", map[string]any{"offset": offset})
}

// has reports whether the member was given at all, null included.
func (b *jsonBody) has(name string) bool {
	_, ok := b.raw[name]
	return ok
}

// value returns the raw member and whether it is given and not null.
func (b *jsonBody) value(name string) (json.RawMessage, bool) {
	v, ok := b.raw[name]
	if !ok || string(v) == "null" {
		return nil, false
	}
	return v, true
}

// wrongType records that a member has the wrong JSON type.
func (b *jsonBody) wrongType(name, want string) {
	b.errs.Add(name, i18n.Prefix("api.json.want.")+want, nil)
}

// str sets *dst from a string member: null clears it, absence keeps it.
func (b *jsonBody) str(name string, dst *string) {
	if !b.has(name) {
		return
	}
	v, ok := b.value(name)
	if !ok {
		*dst = ""
		return
	}
	if v[0] != '"' || json.Unmarshal(v, dst) != nil {
		b.wrongType(name, "string")
	}
}

// strs sets *dst from an array of strings: null clears it, absence keeps
// it.
func (b *jsonBody) strs(name string, dst *[]string) {
	if !b.has(name) {
		return
	}
	v, ok := b.value(name)
	if !ok {
		*dst = nil
		return
	}
	var raw []json.RawMessage
	if v[0] != '[' || json.Unmarshal(v, &raw) != nil {
		b.wrongType(name, "string_array")
		return
	}
	out := make([]string, 0, len(raw))
	for _, e := range raw {
		var s string
		if len(e) == 0 || e[0] != '"' || json.Unmarshal(e, &s) != nil {
			b.wrongType(name, "string_array")
			return
		}
		out = append(out, s)
	}
	*dst = out
}

// number sets *dst to the literal of a number member, for the root
// package to validate as it validates a form field; null clears it.
func (b *jsonBody) number(name string, dst *string) {
	if !b.has(name) {
		return
	}
	v, ok := b.value(name)
	if !ok {
		*dst = ""
		return
	}
	if c := v[0]; c != '-' && (c < '0' || c > '9') {
		b.wrongType(name, "integer")
		return
	}
	*dst = string(v)
}

// boolean sets *dst from a boolean member; null and absence keep it.
func (b *jsonBody) boolean(name string, dst *bool) {
	v, ok := b.value(name)
	if !ok {
		return
	}
	if json.Unmarshal(v, dst) != nil || (v[0] != 't' && v[0] != 'f') {
		b.wrongType(name, "boolean")
	}
}

// strMap sets *dst from an object whose members are strings; null clears
// it, absence keeps it. A member of the wrong type is reported as
// "name.member".
func (b *jsonBody) strMap(name string, dst *map[string]string) {
	if !b.has(name) {
		return
	}
	v, ok := b.value(name)
	if !ok {
		*dst = nil
		return
	}
	var raw map[string]json.RawMessage
	if v[0] != '{' || json.Unmarshal(v, &raw) != nil {
		b.wrongType(name, "object")
		return
	}
	out := make(map[string]string, len(raw))
	for k, e := range raw {
		var s string
		if len(e) == 0 || (e[0] != '"' && string(e) != "null") || json.Unmarshal(e, &s) != nil {
			b.wrongType(name+"."+apiFieldName(k), "string")
			continue
		}
		out[k] = s
	}
	*dst = out
}

// err returns the type errors collected while reading members.
func (b *jsonBody) err() error { return b.errs.Err() }
