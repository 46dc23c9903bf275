package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/store"
	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
	"github.com/pb33f/libopenapi-validator/helpers"
)

// apiEnv is a test server with the real domains loaded and a validator
// built from the OpenAPI document the server itself serves: every
// response a test receives through call is checked against it.
type apiEnv struct {
	*testEnv
	doc       []byte
	validator validator.Validator
	domains   []agora.Domain
}

func newAPIEnv(t *testing.T) *apiEnv {
	t.Helper()
	e := &apiEnv{testEnv: newTestEnv(t)}
	f, err := os.Open("../../../shared/data/ngo-nomenclatures/json/domains.json")
	if err != nil {
		t.Fatalf("real domains: %v", err)
	}
	defer f.Close()
	ds, err := importer.ParseDomains(f)
	if err != nil {
		t.Fatal(err)
	}
	for _, d := range ds {
		e.domains = append(e.domains, agora.Domain{Slug: d.Slug, Names: d.Names})
	}
	if _, err := e.st.UpsertDomains(context.Background(), e.domains); err != nil {
		t.Fatal(err)
	}
	code, body := e.get(nil, "/api/v1/openapi.json")
	if code != 200 {
		t.Fatalf("GET openapi.json = %d", code)
	}
	e.doc = []byte(body)
	doc, err := libopenapi.NewDocument(e.doc)
	if err != nil {
		t.Fatalf("libopenapi: %v", err)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatalf("validator: %v", errs)
	}
	e.validator = v
	return e
}

// token mints a personal access token for u.
func (e *apiEnv) token(u agora.User, expires *time.Time) (plain, id string) {
	e.t.Helper()
	plain, hash, err := auth.NewAPIToken()
	if err != nil {
		e.t.Fatal(err)
	}
	tok, err := e.st.CreateAPIToken(context.Background(), u.ID, "test", hash, expires)
	if err != nil {
		e.t.Fatal(err)
	}
	return plain, tok.ID
}

// unverified creates an account that has not confirmed its email.
func (e *apiEnv) unverified(email string) agora.User {
	e.t.Helper()
	u, err := e.st.CreateUser(context.Background(), store.NewUser{Email: email, DisplayName: strings.Split(email, "@")[0]})
	if err != nil {
		e.t.Fatal(err)
	}
	return u
}

// apiResp is a response read whole.
type apiResp struct {
	status int
	header http.Header
	body   []byte
}

// json decodes the body into a generic value.
func (r apiResp) json(t *testing.T) map[string]any {
	t.Helper()
	var m map[string]any
	if err := json.Unmarshal(r.body, &m); err != nil {
		t.Fatalf("body is not a JSON object: %v\n%s", err, r.body)
	}
	return m
}

// problemFields maps each errors[].field of a problem to its code.
func (r apiResp) problemFields(t *testing.T) map[string]string {
	t.Helper()
	var p problem
	if err := json.Unmarshal(r.body, &p); err != nil {
		t.Fatalf("not a problem document: %v\n%s", err, r.body)
	}
	out := map[string]string{}
	for _, f := range p.Errors {
		out[f.Field] = f.Code
	}
	return out
}

// code returns the code member of a problem.
func (r apiResp) code(t *testing.T) string {
	t.Helper()
	c, _ := r.json(t)["code"].(string)
	return c
}

// caller says who makes a request: nil (anonymous), a bearer token
// (string) or a client carrying a session cookie.
type caller any

// call makes an API request and checks what every API response must
// satisfy: nosniff, a JSON or problem+json media type, and conformance to
// the documented schema of its operation and status. body is sent as is
// when it is a string or []byte, else encoded as JSON; hdr are header
// name/value pairs.
func (e *apiEnv) call(who caller, method, path string, body any, hdr ...string) apiResp {
	e.t.Helper()
	var rd io.Reader
	var raw []byte
	switch b := body.(type) {
	case nil:
	case string:
		raw = []byte(b)
	case []byte:
		raw = b
	default:
		var err error
		if raw, err = json.Marshal(b); err != nil {
			e.t.Fatal(err)
		}
	}
	if body != nil {
		rd = bytes.NewReader(raw)
	}
	req, err := http.NewRequest(method, e.ts.URL+path, rd)
	if err != nil {
		e.t.Fatal(err)
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	for i := 0; i+1 < len(hdr); i += 2 {
		req.Header.Set(hdr[i], hdr[i+1])
	}
	c := e.client()
	switch w := who.(type) {
	case string:
		req.Header.Set("Authorization", "Bearer "+w)
	case *http.Client:
		c = w
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	got, err := io.ReadAll(resp.Body)
	if err != nil {
		e.t.Fatal(err)
	}
	r := apiResp{status: resp.StatusCode, header: resp.Header, body: got}
	e.check(req, raw, r)
	return r
}

// check holds a response to the rules of the API and to the document.
func (e *apiEnv) check(req *http.Request, reqBody []byte, r apiResp) {
	e.t.Helper()
	if r.header.Get("X-Content-Type-Options") != "nosniff" {
		e.t.Errorf("%s %s: no X-Content-Type-Options: nosniff", req.Method, req.URL.Path)
	}
	if r.status >= 500 {
		e.t.Errorf("%s %s = %d\n%s", req.Method, req.URL.Path, r.status, r.body)
	}
	ct := r.header.Get("Content-Type")
	switch {
	case r.status == http.StatusNotModified:
		if len(r.body) != 0 {
			e.t.Errorf("%s %s: 304 with a body", req.Method, req.URL.Path)
		}
		return
	case r.status >= 400 && ct != "application/problem+json":
		e.t.Errorf("%s %s = %d with Content-Type %q, want application/problem+json", req.Method, req.URL.Path, r.status, ct)
	case r.status < 400 && ct != "application/json":
		e.t.Errorf("%s %s = %d with Content-Type %q, want application/json", req.Method, req.URL.Path, r.status, ct)
	}
	if r.status == http.StatusMethodNotAllowed {
		return // no operation to hold it to: the method is not in the document
	}
	// The request is rebuilt because the validator may read its body.
	vreq := req.Clone(context.Background())
	vreq.Body = io.NopCloser(bytes.NewReader(reqBody))
	resp := &http.Response{StatusCode: r.status, Header: r.header, Body: io.NopCloser(bytes.NewReader(r.body)), Request: vreq}
	if ok, errs := e.validator.ValidateHttpResponse(vreq, resp); !ok {
		if r.status == http.StatusNotFound && len(errs) == 1 && errs[0].ValidationType == helpers.PathValidation {
			// A path the API does not have: no operation to hold the
			// answer to, but it is still a problem document.
			var p problem
			if err := json.Unmarshal(r.body, &p); err != nil || p.Status != 404 || p.Code == "" || p.Type == "" || p.Title == "" {
				e.t.Errorf("%s %s: 404 is not a problem document: %s", req.Method, req.URL.Path, r.body)
			}
			return
		}
		var msgs []string
		for _, ve := range errs {
			msgs = append(msgs, ve.Error())
			for _, sf := range ve.SchemaValidationErrors {
				msgs = append(msgs, "  "+sf.Error())
			}
		}
		e.t.Errorf("%s %s = %d does not match the document:\n%s\n%s", req.Method, req.URL.Path, r.status, strings.Join(msgs, "\n"), r.body)
	}
}
