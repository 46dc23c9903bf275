package web

import (
	"encoding/json"
	"net/url"
	"strings"
	"testing"
)

// Logs carry the request id and route pattern, never what people typed:
// not their email, not their search, not a token in a URL.
func TestLogsHoldNoPersonalData(t *testing.T) {
	e := newTestEnv(t)
	const email = "maria.ionescu.secret@example.ro"
	e.post(nil, "/login", url.Values{"email": {email}, "password": {"wrong password here"}})
	e.post(nil, "/register", url.Values{"email": {email}, "display_name": {"Maria Ionescu"}, "password": {"x"}})
	e.get(nil, "/verify?token=SECRET-TOKEN-123")
	e.get(nil, "/no/such/"+url.PathEscape(email))
	logs := e.logs.String()
	for _, secret := range []string{email, "maria.ionescu", "SECRET-TOKEN-123", "Maria Ionescu"} {
		if strings.Contains(logs, secret) {
			t.Errorf("logs contain %q:\n%s", secret, logs)
		}
	}
	// And they are JSON lines with a request id and the route pattern.
	lines := strings.Split(strings.TrimSpace(logs), "\n")
	found := false
	for _, l := range lines {
		var m map[string]any
		if err := json.Unmarshal([]byte(l), &m); err != nil {
			t.Fatalf("log line is not JSON: %q", l)
		}
		if m["msg"] == "request" && m["route"] == "POST /login" && m["request_id"] != "" {
			found = true
		}
	}
	if !found {
		t.Errorf("no request line for POST /login with a request id:\n%s", logs)
	}
}
