package web

import (
	"crypto/subtle"
	"encoding/base64"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
)

const (
	// oidcCookie keeps state, nonce, PKCE verifier and the page to return
	// to between the redirect to the provider and the callback.
	oidcCookie  = "agora_oidc"
	oidcFlowTTL = 10 * time.Minute
	oidcPath    = "/auth/oidc/"
)

// oidcFlow is what the browser carries to the provider and back.
type oidcFlow struct{ state, nonce, verifier, next string }

// The cookie value is four dot-separated base64url fields; tokens from
// auth.NewToken never contain a dot.
func (f oidcFlow) encode() string {
	return strings.Join([]string{f.state, f.nonce, f.verifier, base64.RawURLEncoding.EncodeToString([]byte(f.next))}, ".")
}

func decodeOIDCFlow(v string) (oidcFlow, bool) {
	parts := strings.Split(v, ".")
	if len(parts) != 4 || parts[0] == "" || parts[1] == "" || parts[2] == "" {
		return oidcFlow{}, false
	}
	next, err := base64.RawURLEncoding.DecodeString(parts[3])
	if err != nil {
		return oidcFlow{}, false
	}
	return oidcFlow{state: parts[0], nonce: parts[1], verifier: parts[2], next: safeNext(string(next))}, true
}

func (s *Server) setOIDCCookie(w http.ResponseWriter, value string, maxAge int) {
	// Lax, not Strict: the callback is a top-level navigation from the
	// provider's site, which Strict would strip the cookie from.
	http.SetCookie(w, &http.Cookie{Name: oidcCookie, Value: value, Path: oidcPath, MaxAge: maxAge,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// oidcStart sends the browser to the provider with fresh state, nonce and
// PKCE verifier, kept in a short-lived cookie.
func (s *Server) oidcStart(w http.ResponseWriter, r *http.Request) {
	var f oidcFlow
	for _, p := range []*string{&f.state, &f.nonce, &f.verifier} {
		v, _, err := auth.NewToken()
		if err != nil {
			s.fail(w, r, err)
			return
		}
		*p = v
	}
	f.next = safeNext(r.URL.Query().Get("next"))
	s.setOIDCCookie(w, f.encode(), int(oidcFlowTTL.Seconds()))
	http.Redirect(w, r, s.oidc.AuthURL(f.state, f.nonce, f.verifier), http.StatusSeeOther)
}

// oidcCallback finishes single sign-on: it checks state, exchanges the
// code, finds, links or creates the account and signs it in (asking for
// the second factor when the account has one).
func (s *Server) oidcCallback(w http.ResponseWriter, r *http.Request) {
	c, err := r.Cookie(oidcCookie)
	s.setOIDCCookie(w, "", -1) // one flow, one callback
	var flow oidcFlow
	ok := err == nil
	if ok {
		flow, ok = decodeOIDCFlow(c.Value)
	}
	q := r.URL.Query()
	if !ok || q.Get("error") != "" || q.Get("code") == "" ||
		subtle.ConstantTimeCompare([]byte(q.Get("state")), []byte(flow.state)) != 1 {
		s.oidcFailed(w, r, agora.Errorf(agora.Unauthenticated, "auth.oidc.failed"))
		return
	}
	claims, err := s.oidc.Exchange(r.Context(), q.Get("code"), flow.verifier, flow.nonce)
	if err != nil {
		s.oidcFailed(w, r, err)
		return
	}
	lang := localeFrom(r.Context()).Lang
	email := agora.NormalizeEmail(claims.Email)
	if agora.ValidateEmail("email", email) != nil {
		email = ""
	}
	u, _, err := s.store.OIDCUser(r.Context(), store.OIDCSignIn{
		Subject: claims.Subject, Email: email, EmailVerified: claims.EmailVerified,
		New: store.NewUser{DisplayName: oidcDisplayName(claims.Name, email), Lang: lang, TimeZone: i18n.DefaultZone(lang).String()},
	})
	if err != nil {
		s.oidcFailed(w, r, err)
		return
	}
	if u.Disabled() {
		s.oidcFailed(w, r, agora.Errorf(agora.Unauthenticated, "auth.oidc.failed"))
		return
	}
	if err := s.startSession(w, r, u, u.TOTPEnabled); err != nil {
		s.fail(w, r, err)
		return
	}
	if u.TOTPEnabled {
		http.Redirect(w, r, "/login/2fa?"+url.Values{"next": {flow.next}}.Encode(), http.StatusSeeOther)
		return
	}
	s.redirect(w, r, flow.next, "flash.account_signed_in")
}

// oidcFailed shows the sign-in page with what went wrong. Provider and
// token errors are logged, not shown.
func (s *Server) oidcFailed(w http.ResponseWriter, r *http.Request, err error) {
	e := agora.AsError(err)
	if e.Kind == agora.Internal {
		s.fail(w, r, err)
		return
	}
	if e.Err != nil {
		s.log.Info("oidc sign-in refused", "request_id", requestIDFrom(r.Context()), "err", err)
	}
	status := statusOf(e.Kind)
	d := s.loginData("")
	d.Error = s.cat.T(localeFrom(r.Context()).Lang, e.Key, e.Args)
	s.render(w, r, status, "account/login", d)
}

// oidcDisplayName takes the provider's name when it is acceptable text,
// else the local part of the address.
func oidcDisplayName(name, email string) string {
	var es agora.Errs
	if n := agora.ValidateText(&es, "display_name", name, 1, maxDisplayName, false); len(es) == 0 {
		return n
	}
	local, _, _ := strings.Cut(email, "@")
	if local == "" {
		local = "?"
	}
	return cutUTF8(local, maxDisplayName)
}
