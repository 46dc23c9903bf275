package web

import (
	"encoding/base64"
	"html/template"
	"net/http"
	"net/url"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
)

// totpIssuer names agora in authenticator apps.
const totpIssuer = "agora"

// totpAAD binds a sealed TOTP secret to its account, so a secret copied
// to another row does not open.
func totpAAD(userID string) []byte { return []byte("user/" + userID + "/totp") }

func (s *Server) openTOTPSecret(userID, sealed string) (string, error) {
	b, err := s.sealer.Open(sealed, totpAAD(userID))
	if err != nil {
		return "", err
	}
	return string(b), nil
}

// otpauthURL rebuilds the enrolment URL of a stored secret with the
// parameters auth.NewTOTPSecret uses.
func otpauthURL(secret, account string) string {
	v := url.Values{"secret": {secret}, "issuer": {totpIssuer}, "algorithm": {"SHA1"}, "digits": {"6"}, "period": {"30"}}
	u := url.URL{Scheme: "otpauth", Host: "totp", Path: "/" + totpIssuer + ":" + account, RawQuery: v.Encode()}
	return u.String()
}

// twoFAData fills the second-factor page in one of its three states.
type twoFAData struct {
	Enabled      bool
	Pending      bool
	RecoveryLeft int
	// QR is a data: URL of the enrolment QR code; Secret the same secret
	// in groups of four for typing.
	QR     template.URL
	Secret string
}

func (s *Server) twoFAData(r *http.Request, u *agora.User) (twoFAData, error) {
	st, err := s.store.TOTPState(r.Context(), u.ID)
	if err != nil {
		return twoFAData{}, err
	}
	d := twoFAData{Enabled: st.Enabled, RecoveryLeft: st.RecoveryLeft}
	if st.Enabled || st.SealedSecret == "" {
		return d, nil
	}
	secret, err := s.openTOTPSecret(u.ID, st.SealedSecret)
	if err != nil {
		return d, err
	}
	png, err := auth.TOTPQRCodePNG(otpauthURL(secret, u.Email), 256)
	if err != nil {
		return d, err
	}
	d.Pending = true
	d.QR = template.URL("data:image/png;base64," + base64.StdEncoding.EncodeToString(png))
	d.Secret = groupsOf(secret, 4)
	return d, nil
}

func groupsOf(s string, n int) string {
	var b strings.Builder
	for i := 0; i < len(s); i += n {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(s[i:min(i+n, len(s))])
	}
	return b.String()
}

func (s *Server) showTwoFA(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.ViewOwnAccount)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.twoFAData(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account/twofa", d)
}

// beginTwoFA creates a pending secret; the page then shows it until the
// person confirms it with a code.
func (s *Server) beginTwoFA(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.EditOwnAccount)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	secret, _, err := auth.NewTOTPSecret(totpIssuer, u.Email)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	sealed, err := s.sealer.Seal([]byte(secret), totpAAD(u.ID))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.BeginTOTP(r.Context(), u.ID, sealed); err != nil {
		s.fail(w, r, err)
		return
	}
	http.Redirect(w, r, "/account/2fa", http.StatusSeeOther)
}

// recoveryData shows fresh recovery codes, once.
type recoveryData struct{ Codes []string }

// enableTwoFA checks a code from the new secret, turns the second factor
// on and shows the recovery codes; they are never shown again.
func (s *Server) enableTwoFA(w http.ResponseWriter, r *http.Request) {
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
	d, err := s.twoFAData(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if !d.Pending {
		http.Redirect(w, r, "/account/2fa", http.StatusSeeOther)
		return
	}
	st, err := s.store.TOTPState(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	secret, err := s.openTOTPSecret(u.ID, st.SealedSecret)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	step, ok := auth.MatchTOTP(secret, f.Get("code"), s.now())
	if !ok {
		s.renderForm(w, r, "account/twofa", f, agora.FieldError("code", "account.2fa.code_wrong", nil), d)
		return
	}
	codes, hashes, err := newRecoveryCodes()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.EnableTOTP(r.Context(), u.ID, step, hashes); err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "account/recovery_codes", recoveryData{Codes: codes})
}

func newRecoveryCodes() (plain, hashes []string, err error) {
	plain, err = auth.NewRecoveryCodes(recoveryCodeCount)
	if err != nil {
		return nil, nil, err
	}
	for _, c := range plain {
		hashes = append(hashes, auth.HashRecoveryCode(c))
	}
	return plain, hashes, nil
}

// disableTwoFA turns the second factor off; it needs the password, since
// a stolen session alone must not weaken the account.
func (s *Server) disableTwoFA(w http.ResponseWriter, r *http.Request) {
	u, f, d, ok := s.twoFAPasswordForm(w, r, "disable_password")
	if !ok {
		return
	}
	if err := s.store.DisableTOTP(r.Context(), u.ID); err != nil {
		s.formFail(w, r, "account/twofa", f, err, d)
		return
	}
	s.redirect(w, r, "/account/2fa", "flash.account_2fa_disabled")
}

// replaceRecoveryCodes issues new recovery codes, the old ones stop
// working; it needs the password too.
func (s *Server) replaceRecoveryCodes(w http.ResponseWriter, r *http.Request) {
	u, f, d, ok := s.twoFAPasswordForm(w, r, "codes_password")
	if !ok {
		return
	}
	codes, hashes, err := newRecoveryCodes()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.ReplaceRecoveryCodes(r.Context(), u.ID, hashes); err != nil {
		s.formFail(w, r, "account/twofa", f, err, d)
		return
	}
	s.render(w, r, http.StatusOK, "account/recovery_codes", recoveryData{Codes: codes})
}

// twoFAPasswordForm authorises, parses and checks the password field of
// one of the forms on the enabled 2FA page. It has answered the request when ok
// is false.
func (s *Server) twoFAPasswordForm(w http.ResponseWriter, r *http.Request, field string) (u *agora.User, f *Form, d twoFAData, ok bool) {
	u, err := s.signedIn(r, auth.EditOwnAccount)
	if err != nil {
		s.fail(w, r, err)
		return nil, nil, d, false
	}
	if f, err = s.parseForm(r); err != nil {
		s.fail(w, r, err)
		return nil, nil, d, false
	}
	if d, err = s.twoFAData(r, u); err != nil {
		s.fail(w, r, err)
		return nil, nil, d, false
	}
	if err := s.checkPassword(r, u, field, f.Get(field)); err != nil {
		s.formFail(w, r, "account/twofa", f, err, d)
		return nil, nil, d, false
	}
	return u, f, d, true
}
