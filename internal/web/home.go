package web

import (
	"net/http"
	"slices"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
)

var errNotFound = agora.Errorf(agora.NotFound, "error.not_found")

func (s *Server) showHome(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "core/home", nil)
}

// setLanguage switches the interface language: a cookie for everyone and
// the account setting for a signed-in user, then back to the page the
// person came from.
func (s *Server) setLanguage(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := f.Get("lang")
	if !slices.Contains(i18n.Supported(), lang) {
		s.fail(w, r, agora.FieldError("lang", "field.invalid_choice", nil))
		return
	}
	http.SetCookie(w, &http.Cookie{Name: langCookie, Value: lang, Path: "/", MaxAge: int((365 * 24 * time.Hour).Seconds()),
		HttpOnly: true, Secure: s.cfg.SecureCookies, SameSite: http.SameSiteLaxMode})
	if u := viewerFrom(r.Context()); u != nil {
		if err := s.store.SetUserLang(r.Context(), u.ID, lang); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.redirect(w, r, safeNext(f.Get("next")), "")
}
