package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"strings"

	"github.com/agora-civic/agora"
)

// statusOf is the only place an error kind becomes an HTTP status.
func statusOf(k agora.Kind) int {
	switch k {
	case agora.Invalid:
		return http.StatusUnprocessableEntity
	case agora.NotFound:
		return http.StatusNotFound
	case agora.Conflict:
		return http.StatusConflict
	case agora.Forbidden:
		return http.StatusForbidden
	case agora.Unauthenticated:
		return http.StatusUnauthorized
	case agora.TooMany:
		return http.StatusTooManyRequests
	}
	return http.StatusInternalServerError
}

// isAPI tells whether a request wants JSON (RFC 9457 problem details)
// rather than an HTML page.
func isAPI(r *http.Request) bool {
	return strings.HasPrefix(r.URL.Path, "/api/")
}

// fail answers a request with err: a translated HTML error page, or a
// problem+json document under /api. Internal errors are logged with the
// request id and shown only as a bland message.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, err error) {
	e := agora.AsError(err)
	status := statusOf(e.Kind)
	if e.Key == "error.body_too_large" {
		status = http.StatusRequestEntityTooLarge
	}
	if e.Kind == agora.Internal {
		s.log.Error("internal error", "request_id", requestIDFrom(r.Context()), "route", r.Pattern, "err", err)
		e = agora.Errorf(agora.Internal, "error.internal")
	}
	loc := localeFrom(r.Context())
	msg := s.cat.T(loc.Lang, e.Key, e.Args)
	if isAPI(r) {
		s.writeProblem(w, r, status, e, msg, agora.FieldErrors(err))
		return
	}
	if e.Kind == agora.Unauthenticated && r.Method == http.MethodGet {
		http.Redirect(w, r, "/login?next="+url.QueryEscape(safeNext(r.URL.RequestURI())), http.StatusSeeOther)
		return
	}
	s.render(w, r, status, "core/error", errorPage{Status: status, Message: msg, RequestID: requestIDFrom(r.Context())})
}

type errorPage struct {
	Status    int
	Message   string
	RequestID string
}

// problem is an RFC 9457 problem details document, with agora's extension
// members "code" and "errors" (one per invalid field).
type problem struct {
	Type      string         `json:"type"`
	Title     string         `json:"title"`
	Status    int            `json:"status"`
	Detail    string         `json:"detail,omitempty"`
	Instance  string         `json:"instance,omitempty"`
	Code      string         `json:"code"`
	RequestID string         `json:"request_id,omitempty"`
	Errors    []problemField `json:"errors,omitempty"`
}

type problemField struct {
	Field   string `json:"field"`
	Code    string `json:"code"`
	Message string `json:"message"`
}

func (s *Server) writeProblem(w http.ResponseWriter, r *http.Request, status int, e *agora.Error, msg string, fields []*agora.Error) {
	lang := localeFrom(r.Context()).Lang
	p := problem{
		Type:      "https://agora.example/problems/" + e.Kind.String(),
		Title:     http.StatusText(status),
		Status:    status,
		Detail:    msg,
		Code:      e.Key,
		RequestID: requestIDFrom(r.Context()),
	}
	for _, f := range fields {
		p.Errors = append(p.Errors, problemField{Field: f.Field, Code: f.Key, Message: s.cat.T(lang, f.Key, f.Args)})
	}
	w.Header().Set("Content-Type", "application/problem+json")
	w.Header().Set("Content-Language", lang)
	if status == http.StatusTooManyRequests {
		if ra, ok := e.Args["retry_after"]; ok {
			if n, ok := ra.(int); ok {
				w.Header().Set("Retry-After", itoa(n))
			}
		}
	}
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(p)
}

// safeNext keeps a post-login redirect on our own site: only absolute
// paths, never "//host" or a scheme.
func safeNext(next string) string {
	if next == "" || !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") || strings.HasPrefix(next, "/\\") {
		return "/"
	}
	return next
}
