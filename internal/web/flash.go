package web

import (
	"net/http"
	"regexp"
)

const flashCookie = "agora_flash"

var flashKeyPattern = regexp.MustCompile(`^[a-z0-9_]+(\.[a-z0-9_]+)+$`)

// setFlash leaves a one-time message for the next page, after a redirect.
// Only the message key travels, never user data.
func (s *Server) setFlash(w http.ResponseWriter, key string) {
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: key, Path: "/", MaxAge: 60,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
}

// takeFlash returns the translated pending message and clears it. Keys
// not in the catalogue are dropped, so a forged cookie shows nothing.
func (s *Server) takeFlash(w http.ResponseWriter, r *http.Request) string {
	c, err := r.Cookie(flashCookie)
	if err != nil || c.Value == "" {
		return ""
	}
	http.SetCookie(w, &http.Cookie{Name: flashCookie, Value: "", Path: "/", MaxAge: -1,
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	lang := localeFrom(r.Context()).Lang
	if !flashKeyPattern.MatchString(c.Value) || !s.cat.Has(lang, c.Value) {
		return ""
	}
	return s.cat.T(lang, c.Value, nil)
}

// redirect sends the browser on after a successful POST (303), with an
// optional flash message key.
func (s *Server) redirect(w http.ResponseWriter, r *http.Request, to, flashKey string) {
	if flashKey != "" {
		s.setFlash(w, flashKey)
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
}
