package web

import (
	"context"
	"math"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// FuzzLoginForm throws arbitrary text at the sign-in form: no input may
// make it answer 5xx or crash, whether the address has an account or not.
func FuzzLoginForm(f *testing.F) {
	for _, group := range badInput(f) {
		for _, p := range group {
			f.Add(p, p, "/")
			f.Add("ana@primaria.ro", p, p)
		}
	}
	f.Add("ana@primaria.ro", testPassword, "//evil.example")
	f.Add("ana@primaria.ro", testPassword, "/account?x=1")
	f.Add("Ana@PRIMARIA.ro ", strings.Repeat("ș", auth.MaxPasswordBytes), "")
	f.Add("", "", "")

	st := storetest.Open(f)
	cat, err := i18n.Load()
	if err != nil {
		f.Fatal(err)
	}
	sealer, err := auth.NewSealer(map[byte][]byte{1: []byte("0123456789abcdef0123456789abcdef")}, 1)
	if err != nil {
		f.Fatal(err)
	}
	hash, _ := auth.TestHasher().Hash(testPassword)
	if _, err := st.CreateUser(context.Background(), store.NewUser{Email: "ana@primaria.ro", DisplayName: "Ana", PasswordHash: hash, EmailVerified: true}); err != nil {
		f.Fatal(err)
	}
	srv, err := New(Config{BaseURL: testBaseURL}, Deps{Store: st, Catalog: cat, Hasher: auth.TestHasher(), Sealer: sealer})
	if err != nil {
		f.Fatal(err)
	}
	// Rate limits would turn most inputs into the same 429.
	unlimited := auth.NewLimiter(math.MaxFloat64/2, math.MaxInt32, nil)
	srv.limits = auth.Limits{Login: unlimited, Register: unlimited, Reset: unlimited, Verify: unlimited}
	h := srv.Handler()

	f.Fuzz(func(t *testing.T, email, password, next string) {
		body := url.Values{"email": {email}, "password": {password}, "next": {next}}.Encode()
		req := httptest.NewRequest("POST", "/login", strings.NewReader(body))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("POST /login email=%q next=%q = %d", email, next, rec.Code)
		}
		if loc := rec.Header().Get("Location"); rec.Code == 303 && (!strings.HasPrefix(loc, "/") || strings.HasPrefix(loc, "//")) {
			t.Fatalf("redirect off-site to %q", loc)
		}
		if rec.Code == 303 && agora.NormalizeEmail(email) != "ana@primaria.ro" {
			t.Fatalf("signed in as %q", email)
		}
	})
}
