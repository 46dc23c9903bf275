package web

import (
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"net/http"
	"slices"
	"strings"
)

// openAPISource is the OpenAPI 3.1 description of /api/v1, kept by hand
// beside the handlers; tests hold it to the registered routes and to the
// real responses.
//
//go:embed openapi/openapi.json
var openAPISource []byte

// openAPIDocument returns the document for this installation: its server
// is cfg.BaseURL and its cookie scheme names the cookie this server sets.
// The top-level members keep the order of the source, so that people
// reading it find "openapi" and "info" first.
func (s *Server) openAPIDocument() ([]byte, error) {
	var top map[string]json.RawMessage
	if err := json.Unmarshal(openAPISource, &top); err != nil {
		return nil, fmt.Errorf("web: openapi.json: %w", err)
	}
	base := strings.TrimSuffix(s.cfg.BaseURL, "/")
	if base == "" {
		base = "/"
	}
	servers, err := json.Marshal([]map[string]string{{"url": base, "description": "This installation."}})
	if err != nil {
		return nil, err
	}
	top["servers"] = servers
	comps, err := setJSONPath(top["components"], []string{"securitySchemes", "cookieAuth", "name"}, s.sessionCookie())
	if err != nil {
		return nil, fmt.Errorf("web: openapi.json: %w", err)
	}
	top["components"] = comps

	var order []string
	dec := json.NewDecoder(bytes.NewReader(openAPISource))
	if _, err := dec.Token(); err != nil {
		return nil, err
	}
	for dec.More() {
		k, err := dec.Token()
		if err != nil {
			return nil, err
		}
		order = append(order, k.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			return nil, err
		}
	}
	var buf bytes.Buffer
	buf.WriteByte('{')
	for i, k := range order {
		if i > 0 {
			buf.WriteByte(',')
		}
		kb, _ := json.Marshal(k)
		buf.Write(kb)
		buf.WriteByte(':')
		buf.Write(top[k])
	}
	buf.WriteByte('}')
	var out bytes.Buffer
	if err := json.Indent(&out, buf.Bytes(), "", "  "); err != nil {
		return nil, err
	}
	out.WriteByte('\n')
	return out.Bytes(), nil
}

// setJSONPath returns doc with the member at path set to v. Objects on the
// path are re-encoded with sorted keys; the rest keeps its bytes.
func setJSONPath(doc json.RawMessage, path []string, v any) (json.RawMessage, error) {
	if len(path) == 0 {
		return json.Marshal(v)
	}
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(doc, &obj); err != nil {
		return nil, err
	}
	child, ok := obj[path[0]]
	if !ok {
		return nil, fmt.Errorf("no member %q", path[0])
	}
	child, err := setJSONPath(child, path[1:], v)
	if err != nil {
		return nil, err
	}
	obj[path[0]] = child
	return json.Marshal(obj)
}

// apiOpenAPI serves the document built at start.
func (s *Server) apiOpenAPI(doc []byte) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if _, err := apiParams(r); err != nil {
			s.apiFail(w, r, err)
			return
		}
		w.Header().Set("Cache-Control", "public, max-age=3600")
		s.writeTagged(w, r, doc)
	}
}

// apiMethodNotAllowed answers a known API path asked with a method it
// does not support, naming those it does.
func (s *Server) apiMethodNotAllowed(allow []string) http.HandlerFunc {
	methods := slices.Clone(allow)
	if slices.Contains(methods, http.MethodGet) {
		methods = append(methods, http.MethodHead)
	}
	slices.Sort(methods)
	header := strings.Join(slices.Compact(methods), ", ")
	return s.api(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Allow", header)
		s.apiFail(w, r, apiStatus(http.StatusMethodNotAllowed, "error.method_not_allowed", nil))
	})
}
