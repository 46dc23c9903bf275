package web

import (
	"bytes"
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"os"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// FuzzAPIWriteBodies posts arbitrary bytes as the body of the two write
// endpoints that take free-form documents. Whatever arrives, the answer
// is a success or a 4xx problem document, never a 5xx.
func FuzzAPIWriteBodies(f *testing.F) {
	st := storetest.Open(f)
	cat, err := i18n.Load()
	if err != nil {
		f.Fatal(err)
	}
	srv, err := New(Config{BaseURL: "http://agora.test"}, Deps{Store: st, Catalog: cat, Hasher: auth.TestHasher()})
	if err != nil {
		f.Fatal(err)
	}
	h := srv.Handler()
	ctx := context.Background()
	u, err := st.CreateUser(ctx, store.NewUser{Email: "fuzz@example.ro", DisplayName: "fuzz", EmailVerified: true})
	if err != nil {
		f.Fatal(err)
	}
	tok, hash, _ := auth.NewAPIToken()
	if _, err := st.CreateAPIToken(ctx, u.ID, "fuzz", hash, nil); err != nil {
		f.Fatal(err)
	}

	// Seeds: valid documents, every bad-input payload as a member value
	// and as a whole body, and the invalid UTF-8 sample.
	org, _ := json.Marshal(validOrgBody("Asociația Fuzz"))
	f.Add(org, true)
	f.Add([]byte(`{"types":["expert"],"bio":"x","country":"PL","region":"10","visibility":{"bio":"members"},"listed":false}`), false)
	f.Add([]byte(`{"name":null,"domains":[null],"founded_year":1e999}`), true)
	f.Add([]byte(`{"visibility":{"bio":{"x":[1,2,{"y":null}]}}}`), false)
	f.Add([]byte("\ufeff{}"), false)
	if raw, err := os.ReadFile("../../../shared/data/bad-input/payloads.json"); err == nil {
		var payloads map[string][]string
		if json.Unmarshal(raw, &payloads) == nil {
			for _, list := range payloads {
				for _, p := range list {
					b, _ := json.Marshal(map[string]any{"name": p, "kind": p, "country": "RO", "bio": p, "website": p})
					f.Add(b, len(p)%2 == 0)
					f.Add([]byte(p), len(p)%2 == 1)
				}
			}
		}
	}
	if bad, err := os.ReadFile("../../../shared/data/bad-input/invalid-utf8.bin"); err == nil {
		f.Add(append(append([]byte(`{"bio":"`), bad...), '"', '}'), false)
		f.Add(bad, true)
	}

	f.Fuzz(func(t *testing.T, body []byte, org bool) {
		method, path := "PUT", "/api/v1/me/profile"
		if org {
			method, path = "POST", "/api/v1/organisations"
		}
		req := httptest.NewRequest(method, path, bytes.NewReader(body))
		req.Header.Set("Content-Type", "application/json")
		req.Header.Set("Authorization", "Bearer "+tok)
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		if rec.Code >= 500 {
			t.Fatalf("%s %s %q = %d\n%s", method, path, body, rec.Code, rec.Body)
		}
		ct := rec.Header().Get("Content-Type")
		if rec.Code >= 400 {
			var p problem
			if ct != "application/problem+json" || json.Unmarshal(rec.Body.Bytes(), &p) != nil || p.Status != rec.Code || p.Code == "" {
				t.Fatalf("%s %q = %d with %q: not a problem document\n%s", path, body, rec.Code, ct, rec.Body)
			}
			for _, fe := range p.Errors {
				if fe.Field == "" || fe.Message == "" {
					t.Fatalf("%s %q: problem field without name or message: %+v", path, body, fe)
				}
			}
			return
		}
		if ct != "application/json" || !json.Valid(rec.Body.Bytes()) {
			t.Fatalf("%s %q = %d with %q and invalid JSON", path, body, rec.Code, ct)
		}
		if rec.Code != http.StatusCreated && rec.Code != http.StatusOK {
			t.Fatalf("%s %q = %d", path, body, rec.Code)
		}
		if org {
			var o apiOrg
			if err := json.Unmarshal(rec.Body.Bytes(), &o); err != nil || !agora.ValidID(o.ID) {
				t.Fatalf("created organisation without id: %s", rec.Body)
			}
		}
	})
}
