package web

import (
	"encoding/json"
	"slices"
	"sort"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/pb33f/libopenapi"
	validator "github.com/pb33f/libopenapi-validator"
)

// openAPIOps reads the operations of the document as "METHOD /path".
func openAPIOps(t *testing.T, doc []byte) []string {
	t.Helper()
	var d struct {
		Paths map[string]map[string]json.RawMessage `json:"paths"`
	}
	if err := json.Unmarshal(doc, &d); err != nil {
		t.Fatal(err)
	}
	var out []string
	for p, item := range d.Paths {
		for m := range item {
			switch m {
			case "get", "put", "post", "delete", "options", "head", "patch", "trace":
				out = append(out, strings.ToUpper(m)+" "+p)
			}
		}
	}
	sort.Strings(out)
	return out
}

// Every /api/v1 route is documented with its method and path template,
// and every documented operation is a registered route.
func TestOpenAPIMatchesRoutes(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	code, body := e.get(nil, "/api/v1/openapi.json")
	if code != 200 {
		t.Fatalf("GET /api/v1/openapi.json = %d", code)
	}
	var routes []string
	for _, r := range e.srv.Routes() {
		if strings.HasPrefix(r.Pattern, "/api/") {
			if !strings.HasPrefix(r.Pattern, apiPrefix+"/") {
				t.Errorf("route %s %s is outside %s", r.Method, r.Pattern, apiPrefix)
			}
			if !slices.Contains(auth.Actions(), r.Action) {
				t.Errorf("route %s %s has unknown action %q", r.Method, r.Pattern, r.Action)
			}
			routes = append(routes, r.Method+" "+r.Pattern)
		}
	}
	sort.Strings(routes)
	ops := openAPIOps(t, []byte(body))
	for _, r := range routes {
		if !slices.Contains(ops, r) {
			t.Errorf("route %s is not in the OpenAPI document", r)
		}
	}
	for _, o := range ops {
		if !slices.Contains(routes, o) {
			t.Errorf("documented operation %s is not a registered route", o)
		}
	}
	if len(routes) < 13 {
		t.Errorf("only %d API routes registered: %v", len(routes), routes)
	}
}

// The document is valid OpenAPI 3.1 according to libopenapi-validator's
// embedded 3.1 schema, and libopenapi builds a model from it.
func TestOpenAPIDocumentIsValid(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	_, body := e.get(nil, "/api/v1/openapi.json")
	doc, err := libopenapi.NewDocument([]byte(body))
	if err != nil {
		t.Fatal(err)
	}
	if v := doc.GetVersion(); v != "3.1.0" {
		t.Errorf("version = %q, want 3.1.0", v)
	}
	model, err := doc.BuildV3Model()
	if err != nil {
		t.Fatalf("BuildV3Model: %v", err)
	}
	if n := model.Model.Paths.PathItems.Len(); n < 9 {
		t.Errorf("model has %d paths", n)
	}
	v, errs := validator.NewValidator(doc)
	if len(errs) > 0 {
		t.Fatal(errs)
	}
	if ok, verrs := v.ValidateDocument(); !ok {
		for _, ve := range verrs {
			t.Error(ve.Error())
			for _, f := range ve.SchemaValidationErrors {
				t.Error("  ", f.Error())
			}
		}
	}
	// The validator must be able to fail: copies with a Swagger 2 style
	// body parameter or a numeric operationId are refused.
	for _, rep := range [][2]string{{`"in": "query"`, `"in": "body"`}, {`"operationId": "getMe"`, `"operationId": 5`}} {
		bdoc, err := libopenapi.NewDocument([]byte(strings.Replace(body, rep[0], rep[1], 1)))
		if err != nil {
			t.Fatal(err)
		}
		bv, errs := validator.NewValidator(bdoc)
		if len(errs) > 0 {
			t.Fatal(errs)
		}
		if ok, _ := bv.ValidateDocument(); ok {
			t.Errorf("a document with %s passed validation", rep[1])
		}
	}
}

// The installation's address and cookie name reach the document.
func TestOpenAPIServerAndCookie(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	_, body := e.get(nil, "/api/v1/openapi.json")
	var d struct {
		OpenAPI string              `json:"openapi"`
		Servers []map[string]string `json:"servers"`
		Comps   struct {
			Schemes map[string]map[string]any `json:"securitySchemes"`
		} `json:"components"`
	}
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Servers) != 1 || d.Servers[0]["url"] != "http://agora.test" {
		t.Errorf("servers = %v, want the BaseURL", d.Servers)
	}
	if got := d.Comps.Schemes["cookieAuth"]["name"]; got != e.srv.sessionCookie() {
		t.Errorf("cookie scheme name = %v, want %s", got, e.srv.sessionCookie())
	}
	if got := d.Comps.Schemes["bearerAuth"]["scheme"]; got != "bearer" {
		t.Errorf("bearer scheme = %v", got)
	}
	if !strings.HasPrefix(body, "{\n  \"openapi\": \"3.1.0\"") {
		t.Errorf("document does not start with the openapi member: %.40q", body)
	}
}

// The enumerations of the document are the root package's lists, so
// adding a kind or a stakeholder type cannot leave the document behind.
func TestOpenAPIEnumsFollowDomain(t *testing.T) {
	t.Parallel()
	var d struct {
		Components struct {
			Schemas map[string]struct {
				Properties map[string]struct {
					Enum  []string `json:"enum"`
					Items struct {
						Enum []string `json:"enum"`
					} `json:"items"`
				} `json:"properties"`
			} `json:"schemas"`
		} `json:"components"`
	}
	if err := json.Unmarshal(openAPISource, &d); err != nil {
		t.Fatal(err)
	}
	sch := d.Components.Schemas
	strs := func(xs ...any) []string {
		var out []string
		for _, x := range xs {
			switch v := x.(type) {
			case string:
				out = append(out, v)
			case []agora.OrgKind:
				for _, k := range v {
					out = append(out, string(k))
				}
			case []agora.StakeholderType:
				for _, k := range v {
					out = append(out, string(k))
				}
			case []agora.Visibility:
				for _, k := range v {
					out = append(out, string(k))
				}
			case []agora.PlatformRole:
				for _, k := range v {
					out = append(out, string(k))
				}
			case []string:
				out = append(out, v...)
			}
		}
		return out
	}
	for _, tt := range []struct {
		name string
		got  []string
		want []string
	}{
		{"Organisation.kind", sch["Organisation"].Properties["kind"].Enum, strs(agora.OrgKinds())},
		{"Organisation.authority_level", sch["Organisation"].Properties["authority_level"].Enum, strs("", agora.AuthorityLevels())},
		{"Person.types", sch["Person"].Properties["types"].Items.Enum, strs(agora.StakeholderTypes())},
		{"Person.languages", sch["Person"].Properties["languages"].Items.Enum, agora.ProfileLanguages()},
		{"Visibility.bio", sch["Visibility"].Properties["bio"].Enum, strs(agora.Visibilities())},
		{"User.role", sch["User"].Properties["role"].Enum, strs(agora.PlatformRoles())},
		{"AdminUnit.country", sch["AdminUnit"].Properties["country"].Enum, []string{string(agora.RO), string(agora.PL)}},
	} {
		if !slices.Equal(tt.got, tt.want) {
			t.Errorf("%s enum = %v, want %v", tt.name, tt.got, tt.want)
		}
	}
	var fields []string
	for f := range sch["Visibility"].Properties {
		fields = append(fields, f)
	}
	want := agora.ProfileFields()
	slices.Sort(fields)
	slices.Sort(want)
	if !slices.Equal(fields, want) {
		t.Errorf("Visibility properties = %v, want %v", fields, want)
	}
}
