package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// routesAccount registers sign-up, sign-in, second factor, recovery and
// the account settings. Pages anyone may reach are ViewPublic; the
// handlers of the others check the viewer against the action again.
func (s *Server) routesAccount(mux *http.ServeMux) {
	s.handle(mux, "GET", "/register", auth.ViewPublic, s.showRegister)
	s.handle(mux, "POST", "/register", auth.ViewPublic, s.register)
	s.handle(mux, "GET", "/register/sent", auth.ViewPublic, s.showRegisterSent)
	s.handle(mux, "GET", "/verify", auth.ViewPublic, s.showVerify)
	s.handle(mux, "POST", "/verify", auth.ViewPublic, s.verify)

	s.handle(mux, "GET", "/login", auth.ViewPublic, s.showLogin)
	s.handle(mux, "POST", "/login", auth.ViewPublic, s.login)
	s.handle(mux, "GET", "/login/2fa", auth.ViewPublic, s.showLogin2FA)
	s.handle(mux, "POST", "/login/2fa", auth.ViewPublic, s.login2FA)
	s.handle(mux, "POST", "/logout", auth.ViewPublic, s.logout)

	s.handle(mux, "GET", "/reset", auth.ViewPublic, s.showReset)
	s.handle(mux, "POST", "/reset", auth.ViewPublic, s.requestReset)
	s.handle(mux, "GET", "/reset/sent", auth.ViewPublic, s.showResetSent)
	s.handle(mux, "GET", "/reset/confirm", auth.ViewPublic, s.showResetConfirm)
	s.handle(mux, "POST", "/reset/confirm", auth.ViewPublic, s.confirmReset)

	if s.oidc != nil {
		s.handle(mux, "GET", "/auth/oidc/start", auth.ViewPublic, s.oidcStart)
		s.handle(mux, "GET", "/auth/oidc/callback", auth.ViewPublic, s.oidcCallback)
	}

	s.handle(mux, "GET", "/account", auth.ViewOwnAccount, s.showAccount)
	s.handle(mux, "POST", "/account", auth.EditOwnAccount, s.saveProfile)
	s.handle(mux, "POST", "/account/verify/resend", auth.EditOwnAccount, s.resendVerification)
	s.handle(mux, "GET", "/account/password", auth.ViewOwnAccount, s.showPassword)
	s.handle(mux, "POST", "/account/password", auth.EditOwnAccount, s.changePassword)
	s.handle(mux, "GET", "/account/email", auth.ViewOwnAccount, s.showEmail)
	s.handle(mux, "POST", "/account/email", auth.EditOwnAccount, s.requestEmailChange)
	// The confirmation link may be opened in a browser that is not signed
	// in; the token is the credential.
	s.handle(mux, "GET", "/account/email/confirm", auth.ViewPublic, s.showEmailConfirm)
	s.handle(mux, "POST", "/account/email/confirm", auth.ViewPublic, s.confirmEmail)

	s.handle(mux, "GET", "/account/sessions", auth.ViewOwnAccount, s.showSessions)
	s.handle(mux, "POST", "/account/sessions/revoke", auth.EditOwnAccount, s.revokeSession)
	s.handle(mux, "POST", "/account/sessions/revoke-others", auth.EditOwnAccount, s.revokeOtherSessions)

	s.handle(mux, "GET", "/account/2fa", auth.ViewOwnAccount, s.showTwoFA)
	s.handle(mux, "POST", "/account/2fa/setup", auth.EditOwnAccount, s.beginTwoFA)
	s.handle(mux, "POST", "/account/2fa/enable", auth.EditOwnAccount, s.enableTwoFA)
	s.handle(mux, "POST", "/account/2fa/disable", auth.EditOwnAccount, s.disableTwoFA)
	s.handle(mux, "POST", "/account/2fa/recovery", auth.EditOwnAccount, s.replaceRecoveryCodes)

	s.handle(mux, "GET", "/account/tokens", auth.ManageAPITokens, s.showTokens)
	s.handle(mux, "POST", "/account/tokens", auth.ManageAPITokens, s.createToken)
	s.handle(mux, "POST", "/account/tokens/{id}/revoke", auth.ManageAPITokens, s.revokeToken)
}
