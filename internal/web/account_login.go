package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// loginData fills the sign-in form.
type loginData struct {
	Next string
	// OIDCName is the single sign-on provider's name, "" when none is
	// configured.
	OIDCName string
	// Error is a translated message for a failed single sign-on.
	Error string
}

func (s *Server) loginData(next string) loginData {
	d := loginData{Next: safeNext(next)}
	if s.oidc != nil {
		d.OIDCName = s.oidc.Name()
	}
	return d
}

func (s *Server) showLogin(w http.ResponseWriter, r *http.Request) {
	next := safeNext(r.URL.Query().Get("next"))
	if viewerFrom(r.Context()) != nil {
		http.Redirect(w, r, next, http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "account/login", s.loginData(next))
}

// errLoginFailed is the one answer to an unknown address, a wrong
// password and a disabled account alike.
func errLoginFailed() error { return agora.FieldError("password", "account.login.failed", nil) }

// login checks the password. Unknown addresses cost the same argon2 time
// as known ones (DummyVerify), and every failure gives the same page, so
// neither the answer nor its timing says whether an account exists.
func (s *Server) login(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseForm(r)
	if err != nil {
		s.formFail(w, r, "account/login", f, err, s.loginData(""))
		return
	}
	data := s.loginData(f.Get("next"))
	email := agora.NormalizeEmail(f.Get("email"))
	password := f.Get("password")
	if err := limit(s.limits.Login, auth.IPKey(clientIP(r)), auth.AccountKey(email)); err != nil {
		s.formFail(w, r, "account/login", f, err, data)
		return
	}
	if len(password) > auth.MaxPasswordBytes {
		password = password[:auth.MaxPasswordBytes] // bounds argon2's work; such a password never matches
		email = ""
	}
	// An address no account can have (NUL bytes, which PostgreSQL refuses
	// in text, among them) is not looked up, just failed like the rest.
	if agora.ValidateEmail("email", email) != nil {
		email = ""
	}
	var u agora.User
	var hash string
	err = agora.Errorf(agora.NotFound, "error.not_found")
	if email != "" {
		u, hash, err = s.store.UserByEmail(r.Context(), email)
	}
	if err != nil && agora.KindOf(err) != agora.NotFound {
		s.fail(w, r, err)
		return
	}
	ok := false
	if err != nil || hash == "" || email == "" {
		s.hasher.DummyVerify(password)
	} else {
		var rehash bool
		ok, rehash, err = s.hasher.Verify(hash, password)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		if ok && rehash {
			if h, err := s.hasher.Hash(password); err == nil {
				if err := s.store.RehashPassword(r.Context(), u.ID, h); err != nil {
					s.log.Warn("rehash password", "request_id", requestIDFrom(r.Context()), "err", err)
				}
			}
		}
	}
	if !ok || u.Disabled() {
		s.renderForm(w, r, "account/login", f, errLoginFailed(), data)
		return
	}
	s.limits.Login.Reset(auth.AccountKey(email))
	if err := s.startSession(w, r, u, u.TOTPEnabled); err != nil {
		s.fail(w, r, err)
		return
	}
	if u.TOTPEnabled {
		http.Redirect(w, r, "/login/2fa?"+url.Values{"next": {data.Next}}.Encode(), http.StatusSeeOther)
		return
	}
	s.redirect(w, r, data.Next, "flash.account_signed_in")
}

// pendingSession returns the half-signed-in session of the request, or
// nil when there is none.
func pendingSession(r *http.Request) *agora.Session {
	ss := sessionFrom(r.Context())
	if ss == nil || !ss.MFAPending {
		return nil
	}
	return ss
}

func (s *Server) showLogin2FA(w http.ResponseWriter, r *http.Request) {
	if pendingSession(r) == nil {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	s.render(w, r, http.StatusOK, "account/login_2fa", loginData{Next: safeNext(r.URL.Query().Get("next"))})
}

// login2FA completes a sign-in with a TOTP code or a recovery code and
// swaps the pending session for a full one.
func (s *Server) login2FA(w http.ResponseWriter, r *http.Request) {
	ss := pendingSession(r)
	if ss == nil {
		http.Redirect(w, r, "/login", http.StatusSeeOther)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	data := loginData{Next: safeNext(f.Get("next"))}
	u, err := s.store.User(r.Context(), ss.UserID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := limit(s.limits.Verify, auth.IPKey(clientIP(r)), auth.AccountKey(u.Email)); err != nil {
		s.formFail(w, r, "account/login_2fa", f, err, data)
		return
	}
	factor, err := s.secondFactor(r, u, f.Get("code"))
	if err != nil {
		s.formFail(w, r, "account/login_2fa", f, err, data)
		return
	}
	plain, hash, err := auth.NewToken()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	next := agora.Session{IDHash: hash, UserID: u.ID, ExpiresAt: s.now().Add(s.cfg.SessionTTL), UserAgent: r.UserAgent()}
	if err := s.store.CompleteSignIn(r.Context(), ss.IDHash, factor, next); err != nil {
		s.formFail(w, r, "account/login_2fa", f, err, data)
		return
	}
	s.limits.Verify.Reset(auth.AccountKey(u.Email))
	s.setSessionCookie(w, plain, s.cfg.SessionTTL)
	s.redirect(w, r, data.Next, "flash.account_signed_in")
}

// secondFactor reads a typed code: six digits are a TOTP code, checked
// here against the secret; anything else is a recovery code, checked by
// the store when it is spent.
func (s *Server) secondFactor(r *http.Request, u agora.User, code string) (store.SecondFactor, error) {
	digits := strings.Join(strings.Fields(code), "")
	if digits == "" {
		return store.SecondFactor{}, agora.FieldError("code", "field.required", nil)
	}
	if len(digits) != 6 || strings.Trim(digits, "0123456789") != "" {
		return store.SecondFactor{RecoveryHash: auth.HashRecoveryCode(code)}, nil
	}
	st, err := s.store.TOTPState(r.Context(), u.ID)
	if err != nil {
		return store.SecondFactor{}, err
	}
	if !st.Enabled {
		return store.SecondFactor{}, agora.FieldError("code", "account.2fa.code_wrong", nil)
	}
	secret, err := s.openTOTPSecret(u.ID, st.SealedSecret)
	if err != nil {
		return store.SecondFactor{}, err
	}
	step, ok := auth.MatchTOTP(secret, digits, s.now())
	if !ok {
		return store.SecondFactor{}, agora.FieldError("code", "account.2fa.code_wrong", nil)
	}
	return store.SecondFactor{TOTPStep: step}, nil
}

// logout ends the browser's session, pending or full.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) {
	if h := s.cookieSessionHash(r); h != "" {
		if err := s.store.DeleteSession(r.Context(), h); err != nil {
			s.fail(w, r, err)
			return
		}
	}
	s.clearSessionCookie(w)
	s.redirect(w, r, "/", "flash.account_signed_out")
}
