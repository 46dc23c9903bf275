package web

import (
	"context"
	"net/http"
	"net/url"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
)

// registerData fills the registration form.
type registerData struct {
	Langs []string
	Lang  string
}

func (s *Server) showRegister(w http.ResponseWriter, r *http.Request) {
	if viewerFrom(r.Context()) != nil {
		http.Redirect(w, r, "/account", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "account/register", registerData{Langs: i18n.Supported(), Lang: localeFrom(r.Context()).Lang})
}

// register creates an account. Whether the address is new or taken, the
// person sees the same "check your inbox" page after the same work (the
// password is hashed either way); only the email that goes out differs.
func (s *Server) register(w http.ResponseWriter, r *http.Request) {
	current := localeFrom(r.Context()).Lang
	data := registerData{Langs: i18n.Supported(), Lang: current}
	f, err := s.parseForm(r)
	if err != nil {
		s.formFail(w, r, "account/register", f, err, data)
		return
	}
	if err := limit(s.limits.Register, auth.IPKey(clientIP(r))); err != nil {
		s.formFail(w, r, "account/register", f, err, data)
		return
	}
	var es agora.Errs
	email := readEmail(&es, "email", f.Get("email"))
	name := agora.ValidateText(&es, "display_name", f.Get("display_name"), 1, maxDisplayName, false)
	lang := readLang(&es, "lang", f.Get("lang"), current)
	data.Lang = lang
	password := f.Get("password")
	if err := auth.ValidatePassword("password", password, email, name); err != nil {
		es = append(es, agora.AsError(err))
	}
	if err := es.Err(); err != nil {
		s.formFail(w, r, "account/register", f, err, data)
		return
	}
	hash, err := s.hasher.Hash(password)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	plain, tokenHash, err := auth.NewToken()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	_, _, err = s.store.Register(r.Context(), store.Registration{
		User:  store.NewUser{Email: email, DisplayName: name, PasswordHash: hash, Lang: lang, TimeZone: i18n.DefaultZone(lang).String()},
		Token: store.NewToken{Hash: tokenHash, TTL: verifyTTL},
		Mail:  func(u agora.User) agora.Email { return s.verifyMail(u, plain) },
		Taken: s.registerTakenMail,
	})
	// Two registrations of one address racing past the existence check:
	// the loser is told nothing either.
	if err != nil && agora.AsError(err).Key != "account.email_taken" {
		s.fail(w, r, err)
		return
	}
	s.cfg.Notify()
	http.Redirect(w, r, "/register/sent", http.StatusSeeOther)
}

func (s *Server) verifyMail(u agora.User, token string) agora.Email {
	return s.accountMail(u.Lang, u.Email, mailText{
		subject:   "account.mail.verify.subject",
		paras:     []string{"account.mail.greeting", "account.mail.verify.body", "account.mail.verify.expiry"},
		actionKey: "account.mail.verify.action",
		actionURL: s.link("/verify?" + url.Values{"token": {token}}.Encode()),
	}, mailArgs(u))
}

func (s *Server) registerTakenMail(u agora.User) agora.Email {
	return s.accountMail(u.Lang, u.Email, mailText{
		subject:   "account.mail.taken.subject",
		paras:     []string{"account.mail.greeting", "account.mail.taken.body", "account.mail.taken.ignore"},
		actionKey: "account.mail.taken.action",
		actionURL: s.link("/reset"),
	}, mailArgs(u))
}

func (s *Server) showRegisterSent(w http.ResponseWriter, r *http.Request) {
	s.render(w, r, http.StatusOK, "account/sent", sentData{Title: "account.register.sent_title", Body: "account.register.sent_body"})
}

// sentData names the title and text of a "check your inbox" page.
type sentData struct{ Title, Body string }

// tokenData carries an emailed token into its confirmation page.
type tokenData struct{ Token string }

// showVerify asks the person to confirm with a button: mail scanners and
// link previews fetch links, and a GET must not spend the token.
func (s *Server) showVerify(w http.ResponseWriter, r *http.Request) {
	s.showTokenConfirm(w, r, store.PurposeVerify, "account/verify")
}

func (s *Server) verify(w http.ResponseWriter, r *http.Request) {
	s.spendToken(w, r, s.store.VerifyEmail, "flash.account_verified")
}

// resendVerification sends a new verification link to the viewer.
func (s *Server) resendVerification(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.EditOwnAccount)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := limit(s.limits.Reset, auth.AccountKey(u.Email)); err != nil {
		s.formFail(w, r, "", nil, err, nil)
		return
	}
	plain, hash, err := auth.NewToken()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	err = s.store.SendVerification(r.Context(), u.ID, store.NewToken{Hash: hash, TTL: verifyTTL},
		func(u agora.User) agora.Email { return s.verifyMail(u, plain) })
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.cfg.Notify()
	s.redirect(w, r, "/account", "flash.account_verification_sent")
}

// showTokenConfirm shows the confirm button of an emailed link after
// checking the token is live, without spending it.
func (s *Server) showTokenConfirm(w http.ResponseWriter, r *http.Request, purpose, page string) {
	token := r.URL.Query().Get("token")
	if _, err := s.store.UserToken(r.Context(), auth.HashToken(token), purpose); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, page, tokenData{Token: token})
}

// spendToken uses the posted emailed token and sends the person to their
// account when they are signed in as its owner, else to sign-in.
func (s *Server) spendToken(w http.ResponseWriter, r *http.Request, spend func(context.Context, string) (agora.User, error), flash string) {
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	u, err := spend(r.Context(), auth.HashToken(f.Get("token")))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if v := viewerFrom(r.Context()); v != nil && v.ID == u.ID {
		s.redirect(w, r, "/account", flash)
		return
	}
	s.redirect(w, r, "/login", flash)
}
