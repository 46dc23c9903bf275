package auth

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	agora "github.com/agora-civic/agora"
	"github.com/go-jose/go-jose/v4"
)

// fakeIdP is an in-process OpenID Connect provider: discovery, an
// authorisation endpoint that approves at once, a token endpoint that
// checks the client secret and PKCE, and a JWKS. The tweak hook lets a
// test corrupt the ID token it issues.
type fakeIdP struct {
	srv      *httptest.Server
	key      *rsa.PrivateKey // signs ID tokens
	jwksKey  *rsa.PrivateKey // published; differs from key only in the bad-signature test
	issuer   string          // announced in discovery and tokens; srv.URL unless a test changes it
	clientID string
	secret   string

	mu    sync.Mutex // guards codes and, once serving, key, secret and tweak
	codes map[string]authRequest
	tweak func(claims map[string]any)
}

type authRequest struct{ challenge, nonce, redirect string }

// rsaKey is generated once per test binary run; generating 2048-bit keys
// per test would dominate the suite's time under -race.
var rsaKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

func newFakeIdP(t *testing.T) *fakeIdP {
	t.Helper()
	f := &fakeIdP{key: rsaKey(), clientID: "agora", secret: "s3cret", codes: map[string]authRequest{}}
	f.jwksKey = f.key
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", f.discovery)
	mux.HandleFunc("GET /authorize", f.authorize)
	mux.HandleFunc("POST /token", f.token)
	mux.HandleFunc("GET /jwks", f.jwks)
	f.srv = httptest.NewServer(mux)
	t.Cleanup(f.srv.Close)
	f.issuer = f.srv.URL
	return f
}

func (f *fakeIdP) discovery(w http.ResponseWriter, r *http.Request) {
	json.NewEncoder(w).Encode(map[string]any{
		"issuer":                                f.issuer,
		"authorization_endpoint":                f.srv.URL + "/authorize",
		"token_endpoint":                        f.srv.URL + "/token",
		"jwks_uri":                              f.srv.URL + "/jwks",
		"response_types_supported":              []string{"code"},
		"subject_types_supported":               []string{"public"},
		"id_token_signing_alg_values_supported": []string{"RS256"},
		"code_challenge_methods_supported":      []string{"S256"},
	})
}

func (f *fakeIdP) jwks(w http.ResponseWriter, r *http.Request) {
	json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{
		{Key: &f.jwksKey.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"},
	}})
}

func (f *fakeIdP) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("client_id") != f.clientID || q.Get("response_type") != "code" || q.Get("code_challenge_method") != "S256" {
		http.Error(w, "bad authorisation request", http.StatusBadRequest)
		return
	}
	code, _, _ := NewToken()
	f.mu.Lock()
	f.codes[code] = authRequest{challenge: q.Get("code_challenge"), nonce: q.Get("nonce"), redirect: q.Get("redirect_uri")}
	f.mu.Unlock()
	http.Redirect(w, r, q.Get("redirect_uri")+"?"+url.Values{"code": {code}, "state": {q.Get("state")}}.Encode(), http.StatusFound)
}

func (f *fakeIdP) token(w http.ResponseWriter, r *http.Request) {
	tokenError := func(code string) {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(map[string]string{"error": code})
	}
	f.mu.Lock()
	req, found := f.codes[r.PostFormValue("code")]
	delete(f.codes, r.PostFormValue("code")) // codes are single-use
	tweak, key, wantSecret := f.tweak, f.key, f.secret
	f.mu.Unlock()
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostFormValue("client_id"), r.PostFormValue("client_secret")
	}
	if id != f.clientID || secret != wantSecret {
		tokenError("invalid_client")
		return
	}
	sum := sha256.Sum256([]byte(r.PostFormValue("code_verifier")))
	if !found || r.PostFormValue("grant_type") != "authorization_code" || r.PostFormValue("redirect_uri") != req.redirect ||
		base64.RawURLEncoding.EncodeToString(sum[:]) != req.challenge {
		tokenError("invalid_grant")
		return
	}
	access, _, _ := NewToken()
	ath := sha256.Sum256([]byte(access))
	now := time.Now()
	claims := map[string]any{
		"iss":            f.issuer,
		"sub":            "248289761001",
		"aud":            f.clientID,
		"exp":            now.Add(5 * time.Minute).Unix(),
		"iat":            now.Unix(),
		"nonce":          req.nonce,
		"at_hash":        base64.RawURLEncoding.EncodeToString(ath[:16]),
		"email":          "ana.popescu@cluj.ro",
		"email_verified": true,
		"name":           "Ana Popescu-Ștefănescu",
	}
	if tweak != nil {
		tweak(claims)
	}
	payload, _ := json.Marshal(claims)
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: key, KeyID: "k1"}},
		(&jose.SignerOptions{}).WithType("JWT"))
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	jws, err := signer.Sign(payload)
	if err != nil {
		http.Error(w, err.Error(), http.StatusInternalServerError)
		return
	}
	idToken, _ := jws.CompactSerialize()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": 300, "id_token": idToken})
}

const redirectURL = "https://agora.example/auth/oidc/callback"

func (f *fakeIdP) provider(t *testing.T) *OIDCProvider {
	t.Helper()
	p, err := NewOIDCProvider(t.Context(), OIDCConfig{
		Issuer: f.srv.URL, ClientID: f.clientID, ClientSecret: f.secret, RedirectURL: redirectURL, Name: "Cluj SSO",
	})
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// signIn runs the browser's part: follow AuthURL to the provider and read
// the code and state it redirects back with.
func (f *fakeIdP) signIn(t *testing.T, p *OIDCProvider, state, nonce, verifier string) (code string) {
	t.Helper()
	authURL := p.AuthURL(state, nonce, verifier)
	noRedirect := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	resp, err := noRedirect.Get(authURL)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc, err := url.Parse(resp.Header.Get("Location"))
	if resp.StatusCode != http.StatusFound || err != nil {
		t.Fatalf("authorize: %s, Location %q", resp.Status, resp.Header.Get("Location"))
	}
	if got := loc.Query().Get("state"); got != state {
		t.Fatalf("callback state = %q, want %q", got, state)
	}
	return loc.Query().Get("code")
}

func newFlowValues(t *testing.T) (state, nonce, verifier string) {
	state, _, _ = NewToken()
	nonce, _, _ = NewToken()
	verifier, _, _ = NewToken()
	return
}

func TestOIDCFlow(t *testing.T) {
	t.Parallel()
	f := newFakeIdP(t)
	p := f.provider(t)
	if p.Name() != "Cluj SSO" {
		t.Errorf("Name = %q", p.Name())
	}
	state, nonce, verifier := newFlowValues(t)

	u, err := url.Parse(p.AuthURL(state, nonce, verifier))
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	sum := sha256.Sum256([]byte(verifier))
	for k, want := range map[string]string{
		"client_id":             "agora",
		"redirect_uri":          redirectURL,
		"response_type":         "code",
		"scope":                 "openid email profile",
		"state":                 state,
		"nonce":                 nonce,
		"code_challenge":        base64.RawURLEncoding.EncodeToString(sum[:]),
		"code_challenge_method": "S256",
	} {
		if got := q.Get(k); got != want {
			t.Errorf("AuthURL %s = %q, want %q", k, got, want)
		}
	}
	if q.Has("code_verifier") || strings.Contains(u.String(), verifier) {
		t.Error("AuthURL leaks the PKCE verifier")
	}

	code := f.signIn(t, p, state, nonce, verifier)
	c, err := p.Exchange(t.Context(), code, verifier, nonce)
	if err != nil {
		t.Fatal(err)
	}
	want := Claims{Subject: "248289761001", Email: "ana.popescu@cluj.ro", EmailVerified: true, Name: "Ana Popescu-Ștefănescu"}
	if c != want {
		t.Errorf("Exchange = %+v, want %+v", c, want)
	}
	// The code is spent.
	if _, err := p.Exchange(t.Context(), code, verifier, nonce); err == nil {
		t.Error("a code was exchanged twice")
	}
}

func TestOIDCEmailVerifiedAsString(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		v    any
		want bool
	}{{"true", true}, {"false", false}, {false, false}, {nil, false}, {1, false}} {
		f := newFakeIdP(t)
		f.tweak = func(c map[string]any) {
			if tt.v == nil {
				delete(c, "email_verified")
			} else {
				c["email_verified"] = tt.v
			}
		}
		p := f.provider(t)
		state, nonce, verifier := newFlowValues(t)
		c, err := p.Exchange(t.Context(), f.signIn(t, p, state, nonce, verifier), verifier, nonce)
		if err != nil || c.EmailVerified != tt.want {
			t.Errorf("email_verified %#v: EmailVerified = %v, %v; want %v", tt.v, c.EmailVerified, err, tt.want)
		}
	}
}

func TestOIDCRejects(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name  string
		tweak func(c map[string]any)
		setup func(f *fakeIdP)
		// exchange changes what the callback handler passes to Exchange.
		exchange func(code, verifier, nonce string) (string, string, string)
	}{
		{name: "wrong nonce", exchange: func(c, v, n string) (string, string, string) { return c, v, n + "x" }},
		{name: "empty nonce", tweak: func(c map[string]any) { c["nonce"] = "" },
			exchange: func(c, v, n string) (string, string, string) { return c, v, "" }},
		{name: "no nonce in token", tweak: func(c map[string]any) { delete(c, "nonce") }},
		{name: "wrong PKCE verifier", exchange: func(c, v, n string) (string, string, string) { return c, v + "x", n }},
		{name: "unknown code", exchange: func(c, v, n string) (string, string, string) { return "forged", v, n }},
		{name: "expired", tweak: func(c map[string]any) {
			c["iat"] = time.Now().Add(-2 * time.Hour).Unix()
			c["exp"] = time.Now().Add(-time.Hour).Unix()
		}},
		{name: "wrong audience", tweak: func(c map[string]any) { c["aud"] = "another-client" }},
		{name: "wrong issuer", tweak: func(c map[string]any) { c["iss"] = "https://evil.example" }},
		{name: "access token hash", tweak: func(c map[string]any) { c["at_hash"] = "AAAAAAAAAAAAAAAAAAAAAA" }},
		{name: "bad signature", setup: func(f *fakeIdP) {
			other, err := rsa.GenerateKey(rand.Reader, 1024)
			if err != nil {
				panic(err)
			}
			f.key = other
		}},
		{name: "wrong client secret", setup: func(f *fakeIdP) { f.secret = "rotated" }},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			f := newFakeIdP(t)
			p := f.provider(t)
			f.mu.Lock()
			f.tweak = tt.tweak
			if tt.setup != nil {
				tt.setup(f)
			}
			f.mu.Unlock()
			state, nonce, verifier := newFlowValues(t)
			code := f.signIn(t, p, state, nonce, verifier)
			if tt.exchange != nil {
				code, verifier, nonce = tt.exchange(code, verifier, nonce)
			}
			c, err := p.Exchange(t.Context(), code, verifier, nonce)
			var e *agora.Error
			if !errors.As(err, &e) || e.Kind != agora.Unauthenticated || e.Key != "auth.oidc.failed" || e.Err == nil {
				t.Fatalf("Exchange = %+v, %v; want Unauthenticated auth.oidc.failed with a cause", c, err)
			}
			if c != (Claims{}) {
				t.Errorf("Exchange returned claims %+v with an error", c)
			}
		})
	}
}

func TestNewOIDCProviderErrors(t *testing.T) {
	t.Parallel()
	if (OIDCConfig{Issuer: "https://id.example"}).Enabled() || (OIDCConfig{ClientID: "x"}).Enabled() {
		t.Error("Enabled without issuer and client id")
	}
	if !(OIDCConfig{Issuer: "https://id.example", ClientID: "x"}).Enabled() {
		t.Error("not Enabled with issuer and client id")
	}
	if _, err := NewOIDCProvider(t.Context(), OIDCConfig{}); err == nil {
		t.Error("NewOIDCProvider with empty config succeeded")
	}
	f := newFakeIdP(t)
	f.issuer = "https://impostor.example"
	if _, err := NewOIDCProvider(t.Context(), OIDCConfig{Issuer: f.srv.URL, ClientID: "agora"}); err == nil {
		t.Error("NewOIDCProvider accepted a discovery document for another issuer")
	}
	dead := httptest.NewServer(http.NotFoundHandler())
	dead.Close()
	ctx, cancel := context.WithTimeout(t.Context(), 5*time.Second)
	defer cancel()
	if _, err := NewOIDCProvider(ctx, OIDCConfig{Issuer: dead.URL, ClientID: "agora"}); err == nil {
		t.Error("NewOIDCProvider with an unreachable issuer succeeded")
	}
}

func TestOIDCScopes(t *testing.T) {
	t.Parallel()
	f := newFakeIdP(t)
	for _, tt := range []struct {
		scopes []string
		want   string
	}{
		{nil, "openid email profile"},
		{[]string{"email"}, "openid email"},
		{[]string{"openid", "email", "groups"}, "openid email groups"},
	} {
		p, err := NewOIDCProvider(t.Context(), OIDCConfig{Issuer: f.srv.URL, ClientID: "agora", Scopes: tt.scopes})
		if err != nil {
			t.Fatal(err)
		}
		u, _ := url.Parse(p.AuthURL("s", "n", "verifier-verifier-verifier-verifier-verifier"))
		if got := u.Query().Get("scope"); got != tt.want {
			t.Errorf("Scopes %v: scope = %q, want %q", tt.scopes, got, tt.want)
		}
	}
}
