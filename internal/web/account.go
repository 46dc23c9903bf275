package web

import (
	"errors"
	"math"
	"net"
	"net/http"
	"slices"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
)

// Lifetimes of the account links and short-lived sessions.
const (
	verifyTTL      = 48 * time.Hour
	resetTTL       = time.Hour
	changeEmailTTL = 24 * time.Hour
	// mfaPendingTTL bounds the half-signed-in session between password and
	// second factor.
	mfaPendingTTL = 10 * time.Minute
	// recoveryCodeCount is how many one-time codes 2FA enrolment hands out.
	recoveryCodeCount = 10
	maxDisplayName    = 80
)

// timeZones are the zones offered in the account settings: the platform's
// two countries first, then UTC and the neighbours people move between.
var timeZones = [...]string{
	"Europe/Bucharest", "Europe/Warsaw", "UTC", "Europe/Chisinau", "Europe/Kyiv", "Europe/Budapest",
	"Europe/Sofia", "Europe/Vienna", "Europe/Berlin", "Europe/Prague", "Europe/Bratislava", "Europe/Vilnius",
	"Europe/Brussels", "Europe/Paris", "Europe/Rome", "Europe/Madrid", "Europe/Lisbon", "Europe/London",
	"Europe/Dublin", "Europe/Athens", "Europe/Istanbul", "America/New_York", "America/Toronto",
}

// timeZoneList lists the selectable time zones for templates.
func timeZoneList() []string { return timeZones[:] }

func validTimeZone(z string) bool { return slices.Contains(timeZones[:], z) }

// clientIP is the address rate limits count against. agora does not trust
// X-Forwarded-For; a proxy in front must pass the client address through
// (PROXY protocol or a rewrite of RemoteAddr) for per-IP limits to be fair.
func clientIP(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// rateLimit is a refused request and how long until one is allowed. It
// unwraps to a TooMany application error, so code that knows nothing of
// it still answers 429.
type rateLimit struct{ wait time.Duration }

func (e *rateLimit) Error() string { return "rate limited for " + e.wait.String() }
func (e *rateLimit) Unwrap() error { return agora.Errorf(agora.TooMany, "error.too_many") }

// limit spends one request under every key of l; when one refuses it
// returns a *rateLimit.
func limit(l *auth.Limiter, keys ...string) error {
	for _, k := range keys {
		if ok, wait := l.Allow(k); !ok {
			return &rateLimit{wait: wait}
		}
	}
	return nil
}

// tooMany answers a rate-limited request: 429 with Retry-After and a
// translated page that says how long to wait, in whole minutes.
func (s *Server) tooMany(w http.ResponseWriter, r *http.Request, wait time.Duration) {
	secs := max(int(math.Ceil(wait.Seconds())), 1)
	w.Header().Set("Retry-After", itoa(secs))
	lang := localeFrom(r.Context()).Lang
	msg := s.cat.T(lang, "account.rate_limited", map[string]any{"wait": s.cat.TN(lang, "account.retry_minutes", (secs+59)/60, nil)})
	s.render(w, r, http.StatusTooManyRequests, "core/error", errorPage{Status: http.StatusTooManyRequests, Message: msg, RequestID: requestIDFrom(r.Context())})
}

// formFail answers a failed form: the rate-limit page, the form again
// with its field errors, or the error page.
func (s *Server) formFail(w http.ResponseWriter, r *http.Request, name string, f *Form, err error, data any) {
	var rl *rateLimit
	if errors.As(err, &rl) {
		s.tooMany(w, r, rl.wait)
		return
	}
	s.renderForm(w, r, name, f, err, data)
}

// startSession signs u in on this browser with a new session (a pending
// one when the second factor is still due) and drops the session the
// browser had before, whoever it belonged to.
func (s *Server) startSession(w http.ResponseWriter, r *http.Request, u agora.User, pending bool) error {
	plain, hash, err := auth.NewToken()
	if err != nil {
		return err
	}
	ttl := s.cfg.SessionTTL
	if pending {
		ttl = mfaPendingTTL
	}
	ss := agora.Session{IDHash: hash, UserID: u.ID, ExpiresAt: s.now().Add(ttl), UserAgent: r.UserAgent(), MFAPending: pending}
	if err := s.store.StartSession(r.Context(), s.cookieSessionHash(r), ss); err != nil {
		return err
	}
	s.setSessionCookie(w, plain, ttl)
	// The account's language also follows the browser to the pages a
	// pending or signed-out session sees.
	if slices.Contains(i18n.Supported(), u.Lang) {
		http.SetCookie(w, &http.Cookie{Name: langCookie, Value: u.Lang, Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()),
			HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	}
	return nil
}

// cookieSessionHash returns the hash of the browser's session cookie, or "".
func (s *Server) cookieSessionHash(r *http.Request) string {
	if c, err := r.Cookie(s.sessionCookie()); err == nil && c.Value != "" {
		return auth.HashToken(c.Value)
	}
	return ""
}

func (s *Server) setSessionCookie(w http.ResponseWriter, value string, ttl time.Duration) {
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookie(), Value: value, Path: "/", MaxAge: int(ttl.Seconds()),
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

func (s *Server) clearSessionCookie(w http.ResponseWriter) {
	http.SetCookie(w, &http.Cookie{Name: s.sessionCookie(), Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// signedIn returns the viewer after checking act on their own account.
func (s *Server) signedIn(r *http.Request, act auth.Action) (*agora.User, error) {
	u := viewerFrom(r.Context())
	var owner string
	if u != nil {
		owner = u.ID
	}
	if err := s.authorize(r, act, auth.Resource{OwnerID: owner}); err != nil {
		return nil, err
	}
	return u, nil
}

// checkPassword verifies the viewer's current password for a sensitive
// change, rate limited like sign-in. A wrong password is an Invalid error
// on field.
func (s *Server) checkPassword(r *http.Request, u *agora.User, field, password string) error {
	if err := limit(s.limits.Login, auth.IPKey(clientIP(r)), auth.AccountKey(u.Email)); err != nil {
		return err
	}
	hash, err := s.store.PasswordHash(r.Context(), u.ID)
	if err != nil {
		return err
	}
	if hash == "" {
		return agora.FieldError(field, "account.password.none", nil)
	}
	if len(password) > auth.MaxPasswordBytes {
		return agora.FieldError(field, "account.password.wrong", nil)
	}
	ok, _, err := s.hasher.Verify(hash, password)
	if err != nil {
		return err
	}
	if !ok {
		return agora.FieldError(field, "account.password.wrong", nil)
	}
	return nil
}

// readEmail normalises and validates an address field.
func readEmail(es *agora.Errs, field, raw string) string {
	e := agora.NormalizeEmail(raw)
	if e == "" {
		es.Add(field, "field.required", nil)
		return ""
	}
	if err := agora.ValidateEmail(field, e); err != nil {
		*es = append(*es, agora.AsError(err))
	}
	return e
}

// readLang returns a supported language code from a form, the request's
// language when empty.
func readLang(es *agora.Errs, field, raw, current string) string {
	if raw == "" {
		return current
	}
	if !slices.Contains(i18n.Supported(), raw) {
		es.Add(field, "field.invalid_choice", nil)
		return current
	}
	return raw
}

// mailText builds an account email in lang. Keys name the subject and the
// paragraphs; args fill their placeholders.
type mailText struct {
	subject   string
	paras     []string
	actionKey string
	actionURL string
}

func (s *Server) accountMail(lang, to string, m mailText, args map[string]any) agora.Email {
	t := func(k string) string { return s.cat.T(lang, k, args) }
	e := agora.Email{To: to, Lang: lang, Subject: t(m.subject), Footer: t("account.mail.footer")}
	for _, k := range m.paras {
		e.Paragraphs = append(e.Paragraphs, t(k))
	}
	if m.actionURL != "" {
		e.ActionLabel, e.ActionURL = t(m.actionKey), m.actionURL
	}
	return e
}

// link is an absolute URL on this site for an email.
func (s *Server) link(path string) string {
	return strings.TrimRight(s.cfg.BaseURL, "/") + path
}

// mailArgs are the placeholders every account email may use.
func mailArgs(u agora.User) map[string]any {
	return map[string]any{"name": u.DisplayName}
}
