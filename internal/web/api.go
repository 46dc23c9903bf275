package web

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/url"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
)

// The JSON API under /api/v1 shares the root package's validation with
// the HTML forms; only decoding and encoding live here. Errors are RFC
// 9457 problem documents written by s.fail (or apiFail for the statuses
// no error kind maps to).

const (
	apiPrefix       = "/api/v1"
	apiDefaultLimit = 20
	apiMaxLimit     = 100
	// apiMaxCursor bounds a cursor before any store decodes it.
	apiMaxCursor = 1024
)

// apiStatusError is an application error that must leave with a status
// no agora.Kind maps to: 400 for a body that is not JSON, 413, 415.
type apiStatusError struct {
	status int
	err    *agora.Error
}

func (e *apiStatusError) Error() string { return strconv.Itoa(e.status) + " " + e.err.Error() }

func (e *apiStatusError) Unwrap() error { return e.err }

func apiStatus(status int, key string, args map[string]any) error {
	return &apiStatusError{status: status, err: &agora.Error{Kind: agora.Invalid, Key: key, Args: args}}
}

// api wraps every API handler: the request language follows ?lang= and
// Accept-Language before the account's setting (a program states what it
// wants per request), and responses are never cached by shared caches,
// since they depend on who asks.
func (s *Server) api(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if lang := apiLang(r); lang != localeFrom(r.Context()).Lang {
			// Times leave in UTC, so the zone does not matter here.
			r = r.WithContext(withLocale(r.Context(), i18n.NewLocale(lang, nil)))
		}
		hd := w.Header()
		hd.Set("Cache-Control", "private, no-cache")
		hd.Add("Vary", "Authorization")
		hd.Set("Content-Language", localeFrom(r.Context()).Lang)
		h(w, r)
	}
}

// apiLang picks the response language: ?lang=, then the language cookie
// of agora's own pages, then Accept-Language, then the signed-in user's
// setting. For anonymous callers this is the middleware's order, which
// the page cache keys on. The setting rides on the header as its least
// preferred entry, so one negotiation applies all of them.
func apiLang(r *http.Request) string {
	query := r.URL.Query().Get("lang")
	if query == "" {
		if c, err := r.Cookie(langCookie); err == nil {
			query = c.Value
		}
	}
	accept := r.Header.Get("Accept-Language")
	if u := viewerFrom(r.Context()); u != nil && u.Lang != "" {
		if accept != "" {
			accept += ", "
		}
		accept += u.Lang + ";q=0.001"
	}
	return i18n.Negotiate(query, "", accept)
}

// apiFail answers with a problem document. Unauthenticated answers name
// the bearer scheme, as RFC 9110 asks of a 401.
func (s *Server) apiFail(w http.ResponseWriter, r *http.Request, err error) {
	if agora.KindOf(err) == agora.Unauthenticated {
		w.Header().Set("WWW-Authenticate", `Bearer realm="agora"`)
	}
	var se *apiStatusError
	if errors.As(err, &se) {
		lang := localeFrom(r.Context()).Lang
		s.writeProblem(w, r, se.status, se.err, s.cat.T(lang, se.err.Key, se.err.Args), nil)
		return
	}
	if fields := agora.FieldErrors(err); len(fields) > 0 && fields[0].Field != "" {
		// The summary of a validation problem is the general message;
		// each field's own is in errors[].
		lang := localeFrom(r.Context()).Lang
		e := agora.Errorf(agora.Invalid, "error.invalid")
		s.writeProblem(w, r, http.StatusUnprocessableEntity, e, s.cat.T(lang, e.Key, nil), fields)
		return
	}
	s.fail(w, r, err)
}

// writeJSON writes v with status. Strings keep exactly what was stored:
// encoding/json escapes <, > and & as \u003c…, which a JSON reader turns
// back into the same text but a browser sniffing HTML cannot run.
func (s *Server) writeJSON(w http.ResponseWriter, r *http.Request, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
}

// writeJSONTagged writes one resource with an ETag and answers 304 when
// the client already holds this representation.
func (s *Server) writeJSONTagged(w http.ResponseWriter, r *http.Request, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeTagged(w, r, append(b, '\n'))
}

// writeTagged writes a JSON document with a strong ETag derived from its
// bytes, or 304 Not Modified when If-None-Match names that tag.
func (s *Server) writeTagged(w http.ResponseWriter, r *http.Request, b []byte) {
	sum := sha256.Sum256(b)
	tag := `"` + base64.RawURLEncoding.EncodeToString(sum[:18]) + `"`
	w.Header().Set("ETag", tag)
	if etagMatch(r.Header.Get("If-None-Match"), tag) {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(b)
}

// etagMatch applies If-None-Match with the weak comparison RFC 9110
// prescribes for it.
func etagMatch(header, tag string) bool {
	for c := range strings.SplitSeq(header, ",") {
		c = strings.TrimSpace(c)
		if c == "*" || strings.TrimPrefix(c, "W/") == tag {
			return true
		}
	}
	return false
}

// apiPage is the envelope of every list.
type apiPage[T any] struct {
	Items      []T     `json:"items"`
	NextCursor *string `json:"next_cursor"`
}

// writePage writes one page of a list and, when there is more, the
// cursor of the next page both in the body and as a Link header.
func (s *Server) writePage(w http.ResponseWriter, r *http.Request, items any, next string) {
	var nc *string
	if next != "" {
		nc = &next
		q := r.URL.Query()
		q.Set("cursor", next)
		u := url.URL{Path: r.URL.Path, RawQuery: q.Encode()}
		w.Header().Set("Link", "<"+strings.TrimSuffix(s.cfg.BaseURL, "/")+u.String()+`>; rel="next"`)
	}
	s.writeJSON(w, r, http.StatusOK, struct {
		Items      any     `json:"items"`
		NextCursor *string `json:"next_cursor"`
	}{items, nc})
}

// pageParams are the pagination parameters every list takes.
type pageParams struct {
	Limit  int
	Cursor string
}

// apiQuery reads the query string of a list: it refuses parameters the
// endpoint does not know (a typo would otherwise silently widen the
// result) and reads limit and cursor.
func apiQuery(r *http.Request, known ...string) (url.Values, pageParams, error) {
	q := r.URL.Query()
	es := checkQuery(q, append(known, "limit", "cursor"))
	p := pageParams{Limit: apiDefaultLimit, Cursor: q.Get("cursor")}
	if q.Has("limit") {
		v := q.Get("limit")
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > apiMaxLimit || !isDigits(v) {
			es.Add("limit", "api.limit.range", map[string]any{"min": 1, "max": apiMaxLimit})
		} else {
			p.Limit = n
		}
	}
	if len(p.Cursor) > apiMaxCursor {
		es.Add("cursor", "api.cursor.invalid", nil)
	}
	return q, p, es.Err()
}

// apiParams reads the query string of a single resource, refusing
// parameters the endpoint does not know.
func apiParams(r *http.Request, known ...string) (url.Values, error) {
	q := r.URL.Query()
	return q, checkQuery(q, known).Err()
}

// checkQuery reports unknown and repeated parameters. ?lang= is always
// allowed: it picks the language of messages.
func checkQuery(q url.Values, known []string) agora.Errs {
	var es agora.Errs
	names := make([]string, 0, len(q))
	for k := range q {
		names = append(names, k)
	}
	slices.Sort(names)
	for _, k := range names {
		if k != "lang" && !slices.Contains(known, k) {
			es.Add(apiFieldName(k), "api.query.unknown", nil)
		} else if len(q[k]) > 1 {
			es.Add(k, "api.query.repeated", nil)
		}
	}
	return es
}

// isDigits reports whether s is non-empty ASCII digits; strconv.Atoi
// alone would take "+5".
func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

// apiFieldName keeps a client-chosen name short enough to echo back,
// and visible when it is empty (JSON allows "" as a member name).
func apiFieldName(s string) string {
	if s == "" {
		return `""`
	}
	if r := []rune(s); len(r) > 64 {
		return string(r[:64])
	}
	return s
}

// renameField moves the field errors of err from one name to another,
// where a store method names a parameter differently from the API.
func renameField(err error, from, to string) error {
	fields := agora.FieldErrors(err)
	if len(fields) == 0 {
		return err
	}
	var es agora.Errs
	for _, f := range fields {
		c := *f
		if c.Field == from {
			c.Field = to
		}
		es = append(es, &c)
	}
	return es.Err()
}

// apiTime formats a time as RFC 3339 in UTC, to the second.
func apiTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// apiTimePtr is apiTime for optional times.
func apiTimePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := apiTime(*t)
	return &s
}

// nonNil turns a nil slice into an empty one, so JSON says [] not null.
func nonNil[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}

// apiRegion reads a region filter as the HTML directories write it,
// "RO-225", or as a bare code beside ?country=. County and voivodeship
// codes overlap ("10" is Alba and łódzkie), so a bare code needs the
// country. The result is the bare code; *country is set from the prefix.
func apiRegion(es *agora.Errs, country *agora.Country, v string) string {
	if v == "" {
		return ""
	}
	code := v
	if cs, rest, ok := strings.Cut(v, "-"); ok {
		c := agora.Country(cs)
		switch {
		case !c.Valid():
			es.Add("region", "field.invalid_choice", nil)
			return ""
		case *country != "" && *country != c:
			es.Add("region", "api.region.wrong_country", nil)
			return ""
		}
		*country, code = c, rest
	}
	switch {
	case code == "" || len(code) > maxUnitCode || !isDigits(code):
		es.Add("region", "field.invalid_choice", nil)
		return ""
	case *country == "":
		es.Add("region", "api.region.needs_country", nil)
		return ""
	}
	return code
}
