package web

import (
	"net/http"
	"net/url"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

func (s *Server) showReset(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "account/reset", nil)
}

// requestReset always answers with the same page; a reset link goes out
// only when the address has an account.
func (s *Server) requestReset(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var es agora.Errs
	email := readEmail(&es, "email", f.Get("email"))
	if err := es.Err(); err != nil {
		s.formFail(w, r, "account/reset", f, err, nil)
		return
	}
	if err := limit(s.limits.Reset, auth.IPKey(clientIP(r)), auth.AccountKey(email)); err != nil {
		s.formFail(w, r, "account/reset", f, err, nil)
		return
	}
	plain, hash, err := auth.NewToken()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, err = s.store.RequestPasswordReset(r.Context(), email, store.NewToken{Hash: hash, TTL: resetTTL}, func(u agora.User) agora.Email {
		return s.accountMail(u.Lang, u.Email, mailText{
			subject:   "account.mail.reset.subject",
			paras:     []string{"account.mail.greeting", "account.mail.reset.body", "account.mail.reset.ignore"},
			actionKey: "account.mail.reset.action",
			actionURL: s.link("/reset/confirm?" + url.Values{"token": {plain}}.Encode()),
		}, mailArgs(u))
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.cfg.Notify()
	http.Redirect(w, r, "/reset/sent", http.StatusSeeOther)
}

func (s *Server) showResetSent(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "account/sent", sentData{Title: "account.reset.sent_title", Body: "account.reset.sent_body"})
}

func (s *Server) showResetConfirm(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if _, err := s.store.UserToken(r.Context(), auth.HashToken(token), store.PurposeReset); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account/reset_confirm", tokenData{Token: token})
}

// confirmReset sets the new password and ends every session of the
// account, this browser's included.
func (s *Server) confirmReset(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	token := f.Get("token")
	hash := auth.HashToken(token)
	u, err := s.store.UserToken(r.Context(), hash, store.PurposeReset)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	pw := f.Get("new_password")
	if err := auth.ValidatePassword("new_password", pw, u.Email, u.DisplayName); err != nil {
		s.formFail(w, r, "account/reset_confirm", f, err, tokenData{Token: token})
		return
	}
	pwHash, err := s.hasher.Hash(pw)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.store.ResetPassword(r.Context(), hash, pwHash); err != nil {
		s.fail(w, r, err)
		return
	}
	s.clearSessionCookie(w)
	s.redirect(w, r, "/login", "flash.account_password_reset")
}
