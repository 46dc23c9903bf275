package web

import (
	"net/http"
	"net/url"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
)

// accountData fills the account overview and its profile form.
type accountData struct {
	User      *agora.User
	Langs     []string
	TimeZones []string
}

func (s *Server) accountData(u *agora.User) accountData {
	return accountData{User: u, Langs: i18n.Supported(), TimeZones: timeZoneList()}
}

func (s *Server) showAccount(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.ViewOwnAccount)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account/overview", s.accountData(u))
}

// saveProfile stores display name, language and time zone.
func (s *Server) saveProfile(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.EditOwnAccount)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.formFail(w, r, "account/overview", f, err, s.accountData(u))
		return
	}
	var es agora.Errs
	p := store.ProfileUpdate{
		DisplayName: agora.ValidateText(&es, "display_name", f.Get("display_name"), 1, maxDisplayName, false),
		Lang:        readLang(&es, "lang", f.Get("lang"), u.Lang),
		TimeZone:    f.Get("time_zone"),
	}
	if !validTimeZone(p.TimeZone) {
		es.Add("time_zone", "field.invalid_choice", nil)
	}
	if err := es.Err(); err != nil {
		s.formFail(w, r, "account/overview", f, err, s.accountData(u))
		return
	}
	if err := s.store.UpdateProfile(r.Context(), u.ID, p); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/account", "flash.account_profile_saved")
}

func (s *Server) showPassword(w http.ResponseWriter, r *http.Request) {
	if _, err := s.signedIn(r, auth.ViewOwnAccount); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account/password", nil)
}

// changePassword needs the current password and signs out every other
// browser.
func (s *Server) changePassword(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.EditOwnAccount)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.checkPassword(r, u, "current_password", f.Get("current_password")); err != nil {
		s.formFail(w, r, "account/password", f, err, nil)
		return
	}
	pw := f.Get("new_password")
	if err := auth.ValidatePassword("new_password", pw, u.Email, u.DisplayName); err != nil {
		s.formFail(w, r, "account/password", f, err, nil)
		return
	}
	hash, err := s.hasher.Hash(pw)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.ChangePassword(r.Context(), u.ID, hash, s.cookieSessionHash(r)); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/account", "flash.account_password_changed")
}

func (s *Server) showEmail(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.ViewOwnAccount)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account/email", s.accountData(u))
}

// requestEmailChange sends a link to the new address and a notice to the
// current one. A taken new address gets the same answer here; its owner
// is told by email instead.
func (s *Server) requestEmailChange(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.EditOwnAccount)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	var es agora.Errs
	newEmail := readEmail(&es, "new_email", f.Get("new_email"))
	if newEmail == u.Email {
		es.Add("new_email", "account.email.same", nil)
	}
	if err := es.Err(); err != nil {
		s.formFail(w, r, "account/email", f, err, s.accountData(u))
		return
	}
	if err := s.checkPassword(r, u, "password", f.Get("password")); err != nil {
		s.formFail(w, r, "account/email", f, err, s.accountData(u))
		return
	}
	if err := limit(s.limits.Reset, auth.AccountKey(u.Email)); err != nil {
		s.formFail(w, r, "account/email", f, err, s.accountData(u))
		return
	}
	plain, hash, err := auth.NewToken()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	err = s.store.RequestEmailChange(r.Context(), store.EmailChange{
		UserID: u.ID, NewEmail: newEmail,
		Token: store.NewToken{Hash: hash, TTL: changeEmailTTL},
		Confirm: func(u agora.User) agora.Email {
			return s.accountMail(u.Lang, newEmail, mailText{
				subject:   "account.mail.change.subject",
				paras:     []string{"account.mail.greeting", "account.mail.change.body", "account.mail.change.expiry"},
				actionKey: "account.mail.change.action",
				actionURL: s.link("/account/email/confirm?" + url.Values{"token": {plain}}.Encode()),
			}, mailArgs(u))
		},
		Notice: func(u agora.User) agora.Email {
			return s.accountMail(u.Lang, u.Email, mailText{
				subject: "account.mail.change_notice.subject",
				paras:   []string{"account.mail.greeting", "account.mail.change_notice.body", "account.mail.change_notice.not_you"},
			}, mailArgs(u))
		},
		Taken: func(existing agora.User) agora.Email {
			return s.accountMail(existing.Lang, existing.Email, mailText{
				subject: "account.mail.change_taken.subject",
				paras:   []string{"account.mail.greeting", "account.mail.change_taken.body"},
			}, mailArgs(existing))
		},
	})
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.cfg.Notify()
	s.redirect(w, r, "/account", "flash.account_email_change_sent")
}

// showEmailConfirm asks for a click before the address changes: the link
// may be opened by a mail scanner.
func (s *Server) showEmailConfirm(w http.ResponseWriter, r *http.Request) {
	s.showTokenConfirm(w, r, store.PurposeChangeEmail, "account/email_confirm")
}

func (s *Server) confirmEmail(w http.ResponseWriter, r *http.Request) {
	s.spendToken(w, r, s.store.ConfirmEmailChange, "flash.account_email_changed")
}
