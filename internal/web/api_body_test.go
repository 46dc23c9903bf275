package web

import (
	"bytes"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

// Bodies that are not one JSON object in UTF-8, of the right media type
// and size, are 4xx problems naming what is wrong; never 500.
func TestAPIBadBodies(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	u := e.user("corp@example.ro", agora.RoleParticipant)
	tok, _ := e.token(u, nil)
	invalidUTF8, err := os.ReadFile("../../../shared/data/bad-input/invalid-utf8.bin")
	if err != nil {
		t.Fatal(err)
	}
	withBad := append(append([]byte(`{"name": "`), invalidUTF8...), []byte(`", "kind": "association", "country": "RO"}`)...)
	deep := strings.Repeat("[", 100000) + strings.Repeat("]", 100000)
	for _, path := range []string{"POST /api/v1/organisations", "PUT /api/v1/me/profile"} {
		method, p, _ := strings.Cut(path, " ")
		for _, tt := range []struct {
			name   string
			body   any
			hdr    []string
			status int
			code   string
		}{
			{"text/plain", `{}`, []string{"Content-Type", "text/plain"}, 415, "api.media_type"},
			{"form", `name=x`, []string{"Content-Type", "application/x-www-form-urlencoded"}, 415, "api.media_type"},
			{"no type", `{}`, []string{"Content-Type", ""}, 415, "api.media_type"},
			{"latin1", `{}`, []string{"Content-Type", "application/json; charset=iso-8859-2"}, 415, "api.media_type"},
			{"broken type", `{}`, []string{"Content-Type", "application/json; charset"}, 415, "api.media_type"},
			{"invalid UTF-8", withBad, nil, 400, "error.invalid_utf8"},
			{"empty", ``, nil, 400, "api.json.empty"},
			{"spaces", " \n\t", nil, 400, "api.json.empty"},
			{"truncated", `{"name": "x`, nil, 400, "api.json.syntax"},
			{"single quotes", `{'name': 'x'}`, nil, 400, "api.json.syntax"},
			{"array", `[]`, nil, 400, "api.json.object_expected"},
			{"string", `"x"`, nil, 400, "api.json.object_expected"},
			{"null", `null`, nil, 400, "api.json.object_expected"},
			{"two objects", `{}{}`, nil, 400, "api.json.trailing_data"},
			{"trailing garbage", `{} x`, nil, 400, "api.json.trailing_data"},
			{"deep nesting", deep, nil, 400, "api.json.object_expected"},
			{"deep inside", `{"bio": ` + deep + `}`, nil, 400, "api.json.syntax"},
			{"BOM", "\ufeff{}", nil, 400, "api.json.syntax"},
		} {
			hdr := tt.hdr
			r := e.call(tok, method, p, tt.body, hdr...)
			if r.status != tt.status || r.code(t) != tt.code {
				t.Errorf("%s %s: %d %s, want %d %s", path, tt.name, r.status, r.code(t), tt.status, tt.code)
			}
		}
		// Charset UTF-8 in any case is fine.
		r := e.call(tok, method, p, `{"bio": "x"}`, "Content-Type", "application/json; charset=UTF-8")
		if r.status == 415 || r.status == 400 {
			t.Errorf("%s with charset=UTF-8 = %d", path, r.status)
		}
	}

	// Over the size limit: refused before reading when announced, and
	// cut off when streamed.
	huge := `{"bio": "` + strings.Repeat("a", 2<<20) + `"}`
	if r := e.call(tok, "PUT", "/api/v1/me/profile", huge); r.status != 413 || r.code(t) != "error.body_too_large" {
		t.Errorf("huge body with Content-Length = %d %s", r.status, r.code(t))
	}
	req, _ := http.NewRequest("PUT", e.ts.URL+"/api/v1/me/profile", io.MultiReader(strings.NewReader(huge)))
	req.ContentLength = -1
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("Authorization", "Bearer "+tok)
	resp, err := e.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	e.check(req, nil, apiResp{status: resp.StatusCode, header: resp.Header, body: b})
	if resp.StatusCode != 413 || !bytes.Contains(b, []byte(`"error.body_too_large"`)) {
		t.Errorf("huge streamed body = %d %s", resp.StatusCode, b)
	}

	// Merge patch media type is for PATCH only.
	if r := e.call(tok, "PUT", "/api/v1/me/profile", `{}`, "Content-Type", "application/merge-patch+json"); r.status != 415 {
		t.Errorf("PUT as merge patch = %d, want 415", r.status)
	}
}

// Wrong JSON types are field errors naming the member; unknown members,
// also those differing only in case, and repeated members too.
func TestAPIOrganisationMemberTypes(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	u := e.user("tipuri@example.ro", agora.RoleParticipant)
	tok, _ := e.token(u, nil)
	for _, tt := range []struct{ body, field, code string }{
		{`{"name": 5, "kind": "association", "country": "RO"}`, "name", "api.json.want.string"},
		{`{"name": "Asociația X", "kind": "association", "country": "RO", "founded_year": "1990"}`, "founded_year", "api.json.want.integer"},
		{`{"name": "Asociația X", "kind": "association", "country": "RO", "founded_year": 1990.5}`, "founded_year", "field.invalid_number"},
		{`{"name": "Asociația X", "kind": "association", "country": "RO", "founded_year": 1e3}`, "founded_year", "field.invalid_number"},
		{`{"name": "Asociația X", "kind": "association", "country": "RO", "founded_year": -5}`, "founded_year", "field.invalid_number"},
		{`{"name": "Asociația X", "kind": "association", "country": "RO", "founded_year": 99999999999999999999}`, "founded_year", "field.invalid_number"},
		{`{"name": "Asociația X", "kind": "association", "country": "RO", "domains": "mediu"}`, "domains", "api.json.want.string_array"},
		{`{"name": "Asociația X", "kind": "association", "country": "RO", "domains": [null]}`, "domains", "api.json.want.string_array"},
		{`{"name": "Asociația X", "kind": "association", "country": "RO", "verified": true}`, "verified", "api.json.unknown_field"},
		{`{"name": "Asociația X", "kind": "association", "country": "RO", "id": "x"}`, "id", "api.json.unknown_field"},
		{`{"Name": "Asociația X", "kind": "association", "country": "RO"}`, "Name", "api.json.unknown_field"},
		{`{"name": "Asociația X", "name": "Y", "kind": "association", "country": "RO"}`, "name", "api.json.duplicate_field"},
		{`{"kind": "association", "country": "RO"}`, "name", "field.required"},
		{`{"name": "Primăria X", "kind": "public_authority", "country": "RO"}`, "authority_level", "org.authority_level.required"},
		{`{"name": "Asociația X", "kind": "association", "country": "RO", "region": "225", "locality": "9999999"}`, "locality", "org.locality.unknown"},
		{`{"name": "Asociația X", "kind": "association", "country": "RO", "website": "javascript:alert(1)"}`, "website", "org.website.scheme"},
		{`{"name": "Asociația X", "kind": "association", "country": "RO", "tax_id": "4267118"}`, "tax_id", "id.cui.checksum"},
	} {
		r := e.call(tok, "POST", "/api/v1/organisations", tt.body)
		if got := r.problemFields(t); r.status != 422 || got[tt.field] != tt.code {
			t.Errorf("POST %s = %d %v, want %s on %s", tt.body, r.status, got, tt.code, tt.field)
		}
	}
}

// Unsupported methods on API paths are 405 with Allow; unknown API paths
// are 404 problems.
func TestAPIMethodsAndPaths(t *testing.T) {
	t.Parallel()
	e := newAPIEnv(t)
	for _, tt := range []struct{ method, path, allow string }{
		{"DELETE", "/api/v1/organisations/x", "GET, HEAD, PATCH"},
		{"PUT", "/api/v1/organisations", "GET, HEAD, POST"},
		{"POST", "/api/v1/me", "GET, HEAD"},
		{"OPTIONS", "/api/v1/people", "GET, HEAD"},
	} {
		r := e.call(nil, tt.method, tt.path, nil)
		if r.status != 405 || r.header.Get("Allow") != tt.allow || r.code(t) != "error.method_not_allowed" {
			t.Errorf("%s %s = %d Allow %q", tt.method, tt.path, r.status, r.header.Get("Allow"))
		}
	}
	for _, p := range []string{"/api/v1/nothing", "/api/v2/organisations", "/api/v1/organisations/x/y/z"} {
		if r := e.call(nil, "GET", p, nil); r.status != 404 || r.header.Get("Content-Type") != "application/problem+json" {
			t.Errorf("GET %s = %d %s", p, r.status, r.header.Get("Content-Type"))
		}
	}
	r := e.call(nil, "HEAD", "/api/v1/domains", nil)
	if r.status != 200 || len(r.body) != 0 {
		t.Errorf("HEAD /domains = %d with %d bytes", r.status, len(r.body))
	}
}
