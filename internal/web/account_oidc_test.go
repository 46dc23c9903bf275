package web

import (
	"context"
	"crypto/rand"
	"crypto/rsa"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora/internal/auth"
	"github.com/go-jose/go-jose/v4"
)

// idp is an in-process OpenID Connect provider (the idea of the one in
// internal/auth's tests): discovery, an authorisation endpoint that
// approves at once, a token endpoint checking client secret and PKCE, and
// a JWKS. Claims of the next ID token are set per test.
type idp struct {
	srv *httptest.Server
	key *rsa.PrivateKey

	mu     sync.Mutex
	codes  map[string]idpRequest
	claims map[string]any
}

type idpRequest struct{ challenge, nonce, redirect string }

// idpKey is generated once per test binary: 2048-bit keys per test
// would dominate the run time under -race.
var idpKey = sync.OnceValue(func() *rsa.PrivateKey {
	k, err := rsa.GenerateKey(rand.Reader, 2048)
	if err != nil {
		panic(err)
	}
	return k
})

const idpClient, idpSecret = "agora", "s3cret"

func newIdP(t *testing.T) *idp {
	t.Helper()
	p := &idp{key: idpKey(), codes: map[string]idpRequest{}}
	mux := http.NewServeMux()
	mux.HandleFunc("GET /.well-known/openid-configuration", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(map[string]any{
			"issuer": p.srv.URL, "authorization_endpoint": p.srv.URL + "/authorize", "token_endpoint": p.srv.URL + "/token",
			"jwks_uri": p.srv.URL + "/jwks", "response_types_supported": []string{"code"}, "subject_types_supported": []string{"public"},
			"id_token_signing_alg_values_supported": []string{"RS256"}, "code_challenge_methods_supported": []string{"S256"},
		})
	})
	mux.HandleFunc("GET /jwks", func(w http.ResponseWriter, r *http.Request) {
		json.NewEncoder(w).Encode(jose.JSONWebKeySet{Keys: []jose.JSONWebKey{{Key: &p.key.PublicKey, KeyID: "k1", Algorithm: "RS256", Use: "sig"}}})
	})
	mux.HandleFunc("GET /authorize", p.authorize)
	mux.HandleFunc("POST /token", p.token)
	p.srv = httptest.NewServer(mux)
	t.Cleanup(p.srv.Close)
	return p
}

func (p *idp) setClaims(c map[string]any) {
	p.mu.Lock()
	defer p.mu.Unlock()
	p.claims = c
}

func (p *idp) authorize(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("client_id") != idpClient || q.Get("code_challenge_method") != "S256" || q.Get("nonce") == "" {
		http.Error(w, "bad request", http.StatusBadRequest)
		return
	}
	code, _, _ := auth.NewToken()
	p.mu.Lock()
	p.codes[code] = idpRequest{challenge: q.Get("code_challenge"), nonce: q.Get("nonce"), redirect: q.Get("redirect_uri")}
	p.mu.Unlock()
	http.Redirect(w, r, q.Get("redirect_uri")+"?"+url.Values{"code": {code}, "state": {q.Get("state")}}.Encode(), http.StatusFound)
}

func (p *idp) token(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	req, found := p.codes[r.PostFormValue("code")]
	delete(p.codes, r.PostFormValue("code"))
	extra := p.claims
	p.mu.Unlock()
	id, secret, ok := r.BasicAuth()
	if !ok {
		id, secret = r.PostFormValue("client_id"), r.PostFormValue("client_secret")
	}
	sum := sha256.Sum256([]byte(r.PostFormValue("code_verifier")))
	if id != idpClient || secret != idpSecret || !found || r.PostFormValue("redirect_uri") != req.redirect ||
		base64.RawURLEncoding.EncodeToString(sum[:]) != req.challenge {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusBadRequest)
		json.NewEncoder(w).Encode(map[string]string{"error": "invalid_grant"})
		return
	}
	now := time.Now()
	claims := map[string]any{"iss": p.srv.URL, "aud": idpClient, "exp": now.Add(5 * time.Minute).Unix(), "iat": now.Unix(), "nonce": req.nonce}
	for k, v := range extra {
		claims[k] = v
	}
	payload, _ := json.Marshal(claims)
	signer, err := jose.NewSigner(jose.SigningKey{Algorithm: jose.RS256, Key: jose.JSONWebKey{Key: p.key, KeyID: "k1"}}, (&jose.SignerOptions{}).WithType("JWT"))
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
	access, _, _ := auth.NewToken()
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{"access_token": access, "token_type": "Bearer", "expires_in": 300, "id_token": idToken})
}

func newOIDCEnv(t *testing.T) (*accountEnv, *idp) {
	t.Helper()
	p := newIdP(t)
	prov, err := auth.NewOIDCProvider(t.Context(), auth.OIDCConfig{
		Issuer: p.srv.URL, ClientID: idpClient, ClientSecret: idpSecret, RedirectURL: testBaseURL + "/auth/oidc/callback", Name: "Cluj SSO",
	})
	if err != nil {
		t.Fatal(err)
	}
	return newAccountEnvWith(t, prov), p
}

// oidcSignIn runs the browser's part of single sign-on with client c:
// start, the provider's approval, the callback (on the test server in
// place of the configured base URL). It returns the callback response.
func (e *accountEnv) oidcSignIn(c *http.Client, next string) (*http.Response, string) {
	e.t.Helper()
	r, _ := e.getResp(c, "/auth/oidc/start?next="+url.QueryEscape(next))
	if r.StatusCode != http.StatusSeeOther {
		e.t.Fatalf("start = %d", r.StatusCode)
	}
	resp, err := c.Get(r.Header.Get("Location"))
	if err != nil {
		e.t.Fatal(err)
	}
	resp.Body.Close()
	cb := resp.Header.Get("Location")
	if resp.StatusCode != http.StatusFound || !strings.HasPrefix(cb, testBaseURL+"/auth/oidc/callback?") {
		e.t.Fatalf("provider answered %d → %q", resp.StatusCode, cb)
	}
	return e.getResp(c, strings.TrimPrefix(cb, testBaseURL))
}

func TestOIDCSignIn(t *testing.T) {
	t.Parallel()
	e, p := newOIDCEnv(t)
	ctx := context.Background()
	code, body := e.get(nil, "/login?lang=en")
	if code != 200 || !strings.Contains(body, e.cat.T("en", "account.login.oidc", map[string]any{"name": "Cluj SSO"})) {
		t.Fatalf("login page without the SSO button:\n%s", body)
	}

	// A new person: a verified account, signed in, back where they were.
	p.setClaims(map[string]any{"sub": "248289761001", "email": "ana.popescu@cluj.ro", "email_verified": true, "name": "Ana Popescu-Ștefănescu"})
	c := e.client()
	r, body := e.oidcSignIn(c, "/account/sessions")
	if r.StatusCode != http.StatusSeeOther || r.Header.Get("Location") != "/account/sessions" {
		t.Fatalf("callback = %d → %q\n%s", r.StatusCode, r.Header.Get("Location"), body)
	}
	u, hash, err := e.st.UserByEmail(ctx, "ana.popescu@cluj.ro")
	if err != nil || !u.Verified() || u.DisplayName != "Ana Popescu-Ștefănescu" || hash != "" {
		t.Fatalf("created %+v (hash %q), %v", u, hash, err)
	}
	if code, _ := e.get(c, "/account"); code != 200 {
		t.Fatalf("GET /account after SSO = %d", code)
	}
	// The state cookie is gone: the same callback cannot be replayed.
	for _, ck := range r.Cookies() {
		if ck.Name == oidcCookie && ck.MaxAge >= 0 {
			t.Errorf("flow cookie kept: %+v", ck)
		}
	}

	// The same subject signs in to the same account, whatever the address.
	p.setClaims(map[string]any{"sub": "248289761001", "email": "ana@other.ro", "email_verified": false})
	if r, _ := e.oidcSignIn(e.client(), "/"); r.StatusCode != http.StatusSeeOther {
		t.Errorf("second sign-in = %d", r.StatusCode)
	}

	// A registered person is linked by verified address.
	existing := e.register("ion@cluj.ro", "Ion", "ro")
	p.setClaims(map[string]any{"sub": "777", "email": "ion@cluj.ro", "email_verified": true})
	if r, _ := e.oidcSignIn(e.client(), "/"); r.StatusCode != http.StatusSeeOther {
		t.Fatalf("link sign-in = %d", r.StatusCode)
	}
	if h, _ := e.st.PasswordHash(ctx, existing.ID); h == "" {
		t.Error("linking a verified account dropped its password")
	}
	if a := e.auditActions(); len(a) == 0 || a[0] != "user.oidc_linked" {
		t.Errorf("audit = %v", a)
	}

	// An unverified address neither links nor creates.
	p.setClaims(map[string]any{"sub": "888", "email": "maria@cluj.ro", "email_verified": false})
	r, body = e.oidcSignIn(e.client(), "/")
	if r.StatusCode != http.StatusUnauthorized || !strings.Contains(body, e.cat.T("ro", "account.oidc.email_unverified", nil)) {
		t.Errorf("unverified address = %d\n%s", r.StatusCode, body)
	}
	if _, _, err := e.st.UserByEmail(ctx, "maria@cluj.ro"); err == nil {
		t.Error("account created for an unverified address")
	}
}

func TestOIDCCallbackChecksState(t *testing.T) {
	t.Parallel()
	e, p := newOIDCEnv(t)
	p.setClaims(map[string]any{"sub": "1", "email": "a@cluj.ro", "email_verified": true})
	c := e.client()
	r, _ := e.getResp(c, "/auth/oidc/start")
	resp, err := c.Get(r.Header.Get("Location"))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	cb, _ := url.Parse(resp.Header.Get("Location"))
	q := cb.Query()
	q.Set("state", "forged")
	r, body := e.getResp(c, "/auth/oidc/callback?"+q.Encode())
	if r.StatusCode != http.StatusUnauthorized || !strings.Contains(body, e.cat.T("ro", "auth.oidc.failed", nil)) {
		t.Errorf("forged state = %d", r.StatusCode)
	}
	// Without the flow cookie (another browser) the callback fails too.
	if r, _ := e.getResp(e.client(), cb.RequestURI()); r.StatusCode != http.StatusUnauthorized {
		t.Errorf("callback without cookie = %d", r.StatusCode)
	}
	if _, _, err := e.st.UserByEmail(context.Background(), "a@cluj.ro"); err == nil {
		t.Error("account created through a failed callback")
	}
}

func TestNoOIDCWithoutProvider(t *testing.T) {
	t.Parallel()
	e := newAccountEnv(t)
	if _, body := e.get(nil, "/login"); strings.Contains(body, "/auth/oidc/start") {
		t.Error("SSO button shown without a provider")
	}
	if code, _ := e.get(nil, "/auth/oidc/start"); code != http.StatusNotFound {
		t.Errorf("GET /auth/oidc/start = %d, want 404", code)
	}
}
