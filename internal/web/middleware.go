package web

import (
	"crypto/rand"
	"encoding/base32"
	"net/http"
	"runtime/debug"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
)

// middleware wraps the mux, outermost first: request id and logging see
// everything, recovery turns panics into a logged 500, headers and limits
// apply before any handler, then the session and locale are resolved.
func (s *Server) middleware(next http.Handler) http.Handler {
	h := s.locale(next)
	h = s.session(h)
	h = s.rejectInvalidUTF8(h)
	h = s.crossOrigin(h)
	h = s.limitBody(h)
	h = securityHeaders(h)
	h = s.recoverPanics(h)
	h = s.logRequests(h)
	return h
}

// statusWriter remembers the status for logs and metrics.
type statusWriter struct {
	http.ResponseWriter
	status int
	bytes  int
}

func (w *statusWriter) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *statusWriter) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	n, err := w.ResponseWriter.Write(b)
	w.bytes += n
	return n, err
}

// Unwrap lets http.ResponseController reach Flush for server-sent events.
func (w *statusWriter) Unwrap() http.ResponseWriter { return w.ResponseWriter }

var idEncoding = base32.NewEncoding("0123456789abcdefghjkmnpqrstvwxyz").WithPadding(base32.NoPadding)

func newRequestID() string {
	var b [10]byte
	_, _ = rand.Read(b[:])
	return idEncoding.EncodeToString(b[:])
}

// logRequests logs one JSON line per request with its id, route pattern,
// status and duration. It logs the route pattern, not the URL, so that
// tokens and personal data in paths or queries never reach the logs.
func (s *Server) logRequests(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		start := time.Now()
		id := newRequestID()
		w.Header().Set("X-Request-Id", id)
		m := &matched{}
		r = r.WithContext(withMatched(withRequestID(r.Context(), id), m))
		sw := &statusWriter{ResponseWriter: w}
		next.ServeHTTP(sw, r)
		if sw.status == 0 {
			sw.status = http.StatusOK
		}
		d := time.Since(start)
		route := m.pattern
		if route == "" {
			route = "unmatched"
		}
		s.metrics.observe(route, r.Method, sw.status, d)
		s.log.LogAttrs(r.Context(), levelFor(sw.status), "request",
			slogStr("request_id", id), slogStr("method", r.Method), slogStr("route", route),
			slogInt("status", sw.status), slogInt("bytes", sw.bytes), slogDur("duration", d))
	})
}

func (s *Server) recoverPanics(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if p := recover(); p != nil {
				if p == http.ErrAbortHandler {
					panic(p)
				}
				s.log.Error("panic", "request_id", requestIDFrom(r.Context()), "panic", p, "stack", string(debug.Stack()))
				s.fail(w, r, agora.Errorf(agora.Internal, "error.internal"))
			}
		}()
		next.ServeHTTP(w, r)
	})
}

// contentSecurityPolicy allows only our own scripts and styles: no inline
// script, no eval, no framing, forms post only to us.
const contentSecurityPolicy = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; " +
	"font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"

func securityHeaders(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		h := w.Header()
		h.Set("Content-Security-Policy", contentSecurityPolicy)
		h.Set("X-Content-Type-Options", "nosniff")
		h.Set("X-Frame-Options", "DENY")
		h.Set("Referrer-Policy", "strict-origin-when-cross-origin")
		h.Set("Permissions-Policy", "camera=(), microphone=(), geolocation=(), interest-cohort=()")
		h.Set("Cross-Origin-Opener-Policy", "same-origin")
		if r.TLS != nil {
			h.Set("Strict-Transport-Security", "max-age=63072000; includeSubDomains")
		}
		next.ServeHTTP(w, r)
	})
}

func (s *Server) limitBody(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		limit := s.cfg.MaxBodyBytes
		if isMultipart(r) {
			limit = s.cfg.MaxUploadBytes
		}
		if r.ContentLength > limit {
			s.fail(w, r, agora.Errorf(agora.Invalid, "error.body_too_large"))
			return
		}
		r.Body = http.MaxBytesReader(w, r.Body, limit)
		next.ServeHTTP(w, r)
	})
}

// crossOrigin rejects state-changing requests from other sites using the
// browser's Sec-Fetch-Site and Origin headers (Go's CrossOriginProtection).
// API calls with a bearer token carry no ambient credentials, so they are
// exempt; cookies never authenticate the API.
func (s *Server) crossOrigin(next http.Handler) http.Handler {
	cop := http.NewCrossOriginProtection()
	cop.SetDenyHandler(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, agora.Errorf(agora.Forbidden, "error.csrf"))
	}))
	protected := cop.Handler(next)
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.Header.Get("Authorization"), "Bearer ") {
			next.ServeHTTP(w, r)
			return
		}
		protected.ServeHTTP(w, r)
	})
}

// rejectInvalidUTF8 refuses query strings that are not UTF-8 before any
// handler has to think about them. Form bodies are checked by the form
// decoder, which knows the field names.
func (s *Server) rejectInvalidUTF8(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if !utf8.ValidString(r.URL.RawQuery) || !utf8.ValidString(r.URL.Path) {
			s.fail(w, r, agora.Errorf(agora.Invalid, "error.invalid_utf8"))
			return
		}
		q := r.URL.Query()
		for k, vs := range q {
			if !utf8.ValidString(k) {
				s.fail(w, r, agora.Errorf(agora.Invalid, "error.invalid_utf8"))
				return
			}
			for _, v := range vs {
				if !utf8.ValidString(v) {
					s.fail(w, r, agora.Errorf(agora.Invalid, "error.invalid_utf8"))
					return
				}
			}
		}
		next.ServeHTTP(w, r)
	})
}

// sessionCookie is the name of the session cookie. The __Host- prefix,
// when cookies are Secure, pins it to our origin and path /.
func (s *Server) sessionCookie() string {
	if s.cfg.SecureCookies {
		return "__Host-agora_session"
	}
	return "agora_session"
}

// session resolves the session cookie, or an API bearer token, to the
// viewer. A bad or expired cookie just means an anonymous visitor.
func (s *Server) session(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if strings.HasPrefix(r.URL.Path, "/static/") || r.URL.Path == "/healthz" || r.URL.Path == "/metrics" {
			next.ServeHTTP(w, r)
			return
		}
		if bearer, ok := strings.CutPrefix(r.Header.Get("Authorization"), "Bearer "); ok {
			u, err := s.store.APITokenUser(r.Context(), auth.HashToken(strings.TrimSpace(bearer)))
			if err != nil {
				// The locale middleware has not run yet; negotiate here so
				// that the refusal is in the caller's language too.
				lang := i18n.Negotiate("", r.URL.Query().Get("lang"), r.Header.Get("Accept-Language"))
				r = r.WithContext(withLocale(r.Context(), i18n.NewLocale(lang, nil)))
				w.Header().Set("WWW-Authenticate", `Bearer realm="agora", error="invalid_token"`)
				s.fail(w, r, err)
				return
			}
			r = r.WithContext(withViewer(r.Context(), &u, nil))
			next.ServeHTTP(w, r)
			return
		}
		c, err := r.Cookie(s.sessionCookie())
		if err == nil && c.Value != "" {
			u, ss, err := s.store.SessionUser(r.Context(), auth.HashToken(c.Value))
			switch {
			case err == nil && !ss.MFAPending:
				r = r.WithContext(withViewer(r.Context(), &u, &ss))
			case err == nil:
				// Password given, second factor pending: only the
				// second-factor page may see this session.
				r = r.WithContext(withViewer(r.Context(), nil, &ss))
			case agora.KindOf(err) != agora.Unauthenticated:
				s.fail(w, r, err)
				return
			}
		}
		next.ServeHTTP(w, r)
	})
}

// langCookie remembers an anonymous visitor's language choice.
const langCookie = "agora_lang"

// locale picks the language: the user's setting, then ?lang=, then the
// language cookie, then Accept-Language. The time zone is the user's own,
// else the language's country.
func (s *Server) locale(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		setting := ""
		var zone *time.Location
		if u := viewerFrom(r.Context()); u != nil {
			setting = u.Lang
			if z, err := time.LoadLocation(u.TimeZone); err == nil && u.TimeZone != "" {
				zone = z
			}
		}
		query := r.URL.Query().Get("lang")
		if query == "" {
			if c, err := r.Cookie(langCookie); err == nil {
				query = c.Value
			}
		}
		lang := i18n.Negotiate(setting, query, r.Header.Get("Accept-Language"))
		w.Header().Add("Vary", "Accept-Language, Cookie")
		next.ServeHTTP(w, r.WithContext(withLocale(r.Context(), i18n.NewLocale(lang, zone))))
	})
}
