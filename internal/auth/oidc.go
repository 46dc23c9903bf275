package auth

import (
	"context"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"slices"

	agora "github.com/agora-civic/agora"
	"github.com/coreos/go-oidc/v3/oidc"
	"golang.org/x/oauth2"
)

// OIDCConfig configures optional sign-in with an OpenID Connect provider
// (an authority's identity server, Google Workspace, Keycloak, …).
// Name is shown on the sign-in button. Scopes default to openid, email
// and profile; openid is always requested.
type OIDCConfig struct {
	Issuer, ClientID, ClientSecret, RedirectURL string
	Scopes                                      []string
	Name                                        string
}

// Enabled reports whether OIDC sign-in is configured at all.
func (c OIDCConfig) Enabled() bool { return c.Issuer != "" && c.ClientID != "" }

// OIDCProvider runs the authorisation-code flow with PKCE against one
// provider. It is safe for concurrent use.
type OIDCProvider struct {
	name     string
	oauth    oauth2.Config
	verifier *oidc.IDTokenVerifier
}

// Claims is what agora takes from a verified ID token. Only trust Email
// to link or create an account when EmailVerified is true.
type Claims struct {
	Subject       string
	Email         string
	EmailVerified bool
	Name          string
}

// NewOIDCProvider fetches the provider's discovery document from
// c.Issuer and prepares the flow. ctx bounds the discovery request and may
// carry an *http.Client through oidc.ClientContext; the provider's keys
// are fetched later with that client. It fails when the provider cannot be
// reached or announces a different issuer.
func NewOIDCProvider(ctx context.Context, c OIDCConfig) (*OIDCProvider, error) {
	if !c.Enabled() {
		return nil, fmt.Errorf("auth: oidc: issuer and client id are required")
	}
	p, err := oidc.NewProvider(ctx, c.Issuer)
	if err != nil {
		return nil, fmt.Errorf("auth: oidc: discover %s: %w", c.Issuer, err)
	}
	scopes := c.Scopes
	if len(scopes) == 0 {
		scopes = []string{oidc.ScopeOpenID, oidc.ScopeEmail, oidc.ScopeProfile}
	} else if !slices.Contains(scopes, oidc.ScopeOpenID) {
		scopes = append([]string{oidc.ScopeOpenID}, scopes...)
	}
	return &OIDCProvider{
		name: c.Name,
		oauth: oauth2.Config{
			ClientID:     c.ClientID,
			ClientSecret: c.ClientSecret,
			RedirectURL:  c.RedirectURL,
			Endpoint:     p.Endpoint(),
			Scopes:       scopes,
		},
		verifier: p.Verifier(&oidc.Config{ClientID: c.ClientID}),
	}, nil
}

// Name returns the provider's display name from the configuration.
func (p *OIDCProvider) Name() string { return p.name }

// AuthURL returns the provider URL to redirect the browser to. state,
// nonce and pkceVerifier are fresh random values (NewToken's plain output
// fits all three) that the caller keeps in a short-lived cookie or session
// and passes back to Exchange; the verifier is sent only as its S256
// challenge.
func (p *OIDCProvider) AuthURL(state, nonce, pkceVerifier string) string {
	return p.oauth.AuthCodeURL(state, oidc.Nonce(nonce), oauth2.S256ChallengeOption(pkceVerifier))
}

// Exchange trades the authorisation code from the callback for tokens,
// verifies the ID token (signature, issuer, audience, expiry) and its
// nonce, and returns its claims. The caller must have checked the state
// parameter already. Failures are Unauthenticated errors with key
// "auth.oidc.failed", the cause wrapped for the logs.
func (p *OIDCProvider) Exchange(ctx context.Context, code, verifier, nonce string) (Claims, error) {
	fail := func(format string, a ...any) (Claims, error) {
		return Claims{}, agora.Errorf(agora.Unauthenticated, "auth.oidc.failed").Wrap(fmt.Errorf("oidc: "+format, a...))
	}
	tok, err := p.oauth.Exchange(ctx, code, oauth2.VerifierOption(verifier))
	if err != nil {
		return fail("exchange code: %w", err)
	}
	raw, ok := tok.Extra("id_token").(string)
	if !ok || raw == "" {
		return fail("token response has no id_token")
	}
	idt, err := p.verifier.Verify(ctx, raw)
	if err != nil {
		return fail("verify id token: %w", err)
	}
	if nonce == "" || subtle.ConstantTimeCompare([]byte(idt.Nonce), []byte(nonce)) != 1 {
		return fail("id token nonce does not match")
	}
	if idt.AccessTokenHash != "" {
		if err := idt.VerifyAccessToken(tok.AccessToken); err != nil {
			return fail("verify access token hash: %w", err)
		}
	}
	var c struct {
		Email         string          `json:"email"`
		EmailVerified json.RawMessage `json:"email_verified"`
		Name          string          `json:"name"`
	}
	if err := idt.Claims(&c); err != nil {
		return fail("decode claims: %w", err)
	}
	return Claims{
		Subject:       idt.Subject,
		Email:         c.Email,
		EmailVerified: trueClaim(c.EmailVerified),
		Name:          c.Name,
	}, nil
}

// trueClaim reads a boolean claim that some providers (older Cognito,
// some ADFS set-ups) send as the string "true".
func trueClaim(raw json.RawMessage) bool {
	var b bool
	if json.Unmarshal(raw, &b) == nil {
		return b
	}
	var s string
	return json.Unmarshal(raw, &s) == nil && s == "true"
}
