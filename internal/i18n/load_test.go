package i18n

import (
	"encoding/json"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
	"unicode/utf8"
)

func mapFS(files map[string]string) fstest.MapFS {
	fsys := fstest.MapFS{}
	for name, data := range files {
		fsys[name] = &fstest.MapFile{Data: []byte(data)}
	}
	return fsys
}

func TestLoadFSErrors(t *testing.T) {
	for _, tt := range []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"no files", map[string]string{"README.md": "x"}, "no catalogue files"},
		{"duplicate across files", map[string]string{
			"core.ro.json": `{"a.b": "x"}`, "org.ro.json": `{"a.b": "y"}`,
		}, `org.ro.json: key "a.b" already defined in core.ro.json`},
		{"duplicate in one file", map[string]string{"core.ro.json": `{"a.b": "x", "a.b": "y"}`}, `key "a.b" appears twice`},
		{"unsupported language", map[string]string{"core.de.json": `{"a.b": "x"}`}, `unsupported language "de"`},
		{"bad file name", map[string]string{"core.json": `{"a.b": "x"}`}, "<area>.<lang>.json"},
		{"upper-case area", map[string]string{"Core.ro.json": `{"a.b": "x"}`}, "<area>.<lang>.json"},
		{"key without dot", map[string]string{"core.ro.json": `{"ab": "x"}`}, "not dotted snake case"},
		{"key with capital", map[string]string{"core.ro.json": `{"a.Bc": "x"}`}, "not dotted snake case"},
		{"key with empty segment", map[string]string{"core.ro.json": `{"a..b": "x"}`}, "not dotted snake case"},
		{"number value", map[string]string{"core.ro.json": `{"a.b": 3}`}, "value must be a string"},
		{"array value", map[string]string{"core.ro.json": `{"a.b": ["x"]}`}, "value must be a string"},
		{"unknown category", map[string]string{"core.ro.json": `{"a.b": {"one": "x", "several": "y"}}`}, `"several" is not a CLDR plural category`},
		{"duplicate category", map[string]string{"core.ro.json": `{"a.b": {"one": "x", "one": "y"}}`}, `plural form "one" appears twice`},
		{"empty plural", map[string]string{"core.ro.json": `{"a.b": {}}`}, "no plural forms"},
		{"nested plural", map[string]string{"core.ro.json": `{"a.b": {"one": {"x": "y"}}}`}, `plural form "one"`},
		{"top-level array", map[string]string{"core.ro.json": `["a.b"]`}, `expected "{"`},
		{"trailing data", map[string]string{"core.ro.json": `{"a.b": "x"} {}`}, "data after"},
		{"truncated", map[string]string{"core.ro.json": `{"a.b": "x"`}, "core.ro.json"},
		{"invalid UTF-8", map[string]string{"core.ro.json": "{\"a.b\": \"\xc3\x28\"}"}, "not valid UTF-8"},
		{"BOM", map[string]string{"core.ro.json": "\ufeff{\"a.b\": \"x\"}"}, "core.ro.json"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := LoadFS(mapFS(tt.files))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("LoadFS error = %v, want one containing %q", err, tt.want)
			}
		})
	}
}

func TestLoadFSMergesAreas(t *testing.T) {
	c, err := LoadFS(mapFS(map[string]string{
		"core.ro.json":    `{"a.b": "unu"}`,
		"account.ro.json": `{"c.d": "doi"}`,
		"core.en.json":    `{"a.b": "one"}`,
		"notes.txt":       "ignored",
	}))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := c.Keys("ro"), []string{"a.b", "c.d"}; !slices.Equal(got, want) {
		t.Errorf("Keys(ro) = %q, want %q", got, want)
	}
	if got := c.Keys("pl"); len(got) != 0 {
		t.Errorf("Keys(pl) = %q, want none", got)
	}
}

func testCatalog(t *testing.T) *Catalog {
	t.Helper()
	c, err := LoadFS(mapFS(map[string]string{
		"t.ro.json": `{"t.hello": "Bună, {name}! Ai {count} mesaje din {when}.", "t.days": {"one": "{n} zi", "few": "{n} zile", "other": "{n} de zile"},
			"t.plain": "{n} total", "t.left": {"one": "{who}: {n} zi", "few": "{who}: {n} zile", "other": "{who}: {n} de zile"}}`,
		"t.pl.json": `{"t.hello": "Cześć, {name}! Masz {count} wiadomości z {when}.", "t.days": {"one": "{n} dzień", "few": "{n} dni", "many": "{n} dni", "other": "{n} dnia"},
			"t.plain": "{n} razem", "t.left": {"one": "{who}: {n} dzień", "few": "{who}: {n} dni", "many": "{who}: {n} dni", "other": "{who}: {n} dnia"}}`,
		"t.en.json": `{"t.hello": "Hi, {name}! You have {count} messages from {when}.", "t.days": {"one": "{n} day", "other": "{n} days"},
			"t.plain": "{n} total", "t.left": {"other": "{who}: {n} days"}}`,
	}))
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func TestT(t *testing.T) {
	c := testCatalog(t)
	when := time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC) // already 23 November in Bucharest and Warsaw
	args := map[string]any{"name": "<b>Ana</b>", "count": 12345, "when": when, "unused": 1}
	for _, tt := range []struct {
		lang, key string
		args      map[string]any
		want      string
	}{
		{"ro", "t.hello", args, "Bună, <b>Ana</b>! Ai 12.345 mesaje din 23.11.2026."},
		{"pl", "t.hello", args, "Cześć, <b>Ana</b>! Masz 12\u00a0345 wiadomości z 23.11.2026."},
		{"en", "t.hello", args, "Hi, <b>Ana</b>! You have 12,345 messages from 23 Nov 2026."},
		{"en", "t.hello", nil, "Hi, {name}! You have {count} messages from {when}."},
		{"en", "t.hello", map[string]any{"name": "{count}", "count": int64(2)}, "Hi, {count}! You have 2 messages from {when}."},
		{"en", "t.hello", map[string]any{"count": 3.5, "name": []string{"a"}}, "Hi, [a]! You have 3.5 messages from {when}."},
		{"ro", "t.hello", map[string]any{"count": uint8(7), "name": nil}, "Bună, <nil>! Ai 7 mesaje din {when}."},
		{"de", "t.hello", map[string]any{"count": 1000}, "Bună, {name}! Ai 1.000 mesaje din {when}."},
		{"ro", "t.missing", args, "t.missing"},
		{"ro", "t.days", nil, "{n} de zile"}, // T on a plural key takes "other"
	} {
		if got := c.T(tt.lang, tt.key, tt.args); got != tt.want {
			t.Errorf("T(%q, %q, %v) = %q, want %q", tt.lang, tt.key, tt.args, got, tt.want)
		}
	}
	if c.Has("ro", "t.missing") {
		t.Error(`Has("ro", "t.missing") = true, want false`)
	}
	if !c.Has("xx", "t.hello") {
		t.Error(`Has("xx", "t.hello") = false, want true (unsupported languages read DefaultLang)`)
	}
}

func TestTN(t *testing.T) {
	c := testCatalog(t)
	for _, tt := range []struct {
		lang, key string
		n         int
		args      map[string]any
		want      string
	}{
		{"ro", "t.days", 1, nil, "1 zi"},
		{"ro", "t.days", 0, nil, "0 zile"},
		{"ro", "t.days", 19, nil, "19 zile"},
		{"ro", "t.days", 20, nil, "20 de zile"},
		{"ro", "t.days", 101, nil, "101 zile"},
		{"ro", "t.days", 1000, nil, "1.000 de zile"},
		{"pl", "t.days", 1, nil, "1 dzień"},
		{"pl", "t.days", 22, nil, "22 dni"},
		{"pl", "t.days", 1234, nil, "1234 dni"},
		{"pl", "t.days", 12345, nil, "12\u00a0345 dni"},
		{"en", "t.days", 1, nil, "1 day"},
		{"en", "t.days", -1, nil, "-1 day"},
		{"en", "t.days", 1000000, map[string]any{"n": "ignored"}, "1,000,000 days"},
		{"ro", "t.left", 3, map[string]any{"who": "Ion"}, "Ion: 3 zile"},
		{"en", "t.left", 1, map[string]any{"who": "Ann"}, "Ann: 1 days"}, // no "one" form: falls back to "other"
		{"en", "t.plain", 5000, nil, "5,000 total"},
		{"ro", "t.missing", 2, nil, "t.missing"},
	} {
		if got := c.TN(tt.lang, tt.key, tt.n, tt.args); got != tt.want {
			t.Errorf("TN(%q, %q, %d) = %q, want %q", tt.lang, tt.key, tt.n, got, tt.want)
		}
	}
}

// TestTNCoreCatalogue checks the real plural messages read naturally.
func TestTNCoreCatalogue(t *testing.T) {
	c, err := Load()
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		lang, key string
		n         int
		want      string
	}{
		{"ro", "time.days", 1, "1 zi"},
		{"ro", "time.days", 2, "2 zile"},
		{"ro", "time.days", 20, "20 de zile"},
		{"ro", "time.days", 0, "0 zile"},
		{"ro", "time.days", 45, "45 de zile"},
		{"ro", "time.days", 115, "115 zile"},
		{"pl", "time.days", 1, "1 dzień"},
		{"pl", "time.days", 5, "5 dni"},
		{"pl", "time.days", 2, "2 dni"},
		{"pl", "time.days", 12, "12 dni"},
		{"pl", "time.days", 22, "22 dni"},
		{"pl", "time.days", 1001, "1001 dni"},
		{"en", "time.days", 1, "1 day"},
		{"en", "time.days", 0, "0 days"},
	} {
		if got := c.TN(tt.lang, tt.key, tt.n, nil); got != tt.want {
			t.Errorf("TN(%q, %q, %d) = %q, want %q", tt.lang, tt.key, tt.n, got, tt.want)
		}
	}
	if got, want := c.T("pl", "field.too_long", map[string]any{"max": 10000}), "Wartość jest za długa (maksymalna liczba znaków: 10\u00a0000)."; got != want {
		t.Errorf("T(pl, field.too_long) = %q, want %q", got, want)
	}
}

func TestFill(t *testing.T) {
	args := map[string]string{"a": "A", "b_2": "B", "x": "{a}"}
	arg := func(name string) (string, bool) { v, ok := args[name]; return v, ok }
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"plain", "plain"},
		{"{a}{b_2}", "AB"},
		{"{{a}}", "{A}"},
		{"{a", "{a"},
		{"a}", "a}"},
		{"{}", "{}"},
		{"{ a }", "{ a }"},
		{"{zz}", "{zz}"},
		{"{x}", "{a}"}, // values are not rescanned
		{"{ă}{a}", "{ă}A"},
		{"}{a}{", "}A{"},
	} {
		if got := fill(tt.in, arg); got != tt.want {
			t.Errorf("fill(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// sharedData returns the path of a file in /work/shared/data, found next to
// the module root, or "" when it is not there.
func sharedData(t testing.TB, rel string) string {
	root, err := moduleRoot()
	if err != nil {
		return ""
	}
	p := filepath.Join(root, "..", "shared", "data", rel)
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// badInputs returns the strings of shared/data/bad-input: XSS payloads,
// Unicode edge cases and invalid UTF-8, the seeds of the fuzz tests.
func badInputs(t testing.TB) []string {
	var out []string
	if p := sharedData(t, "bad-input/payloads.json"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var groups map[string][]string
		if err := json.Unmarshal(data, &groups); err != nil {
			t.Fatal(err)
		}
		for _, g := range groups {
			out = append(out, g...)
		}
	}
	if p := sharedData(t, "bad-input/invalid-utf8.bin"); p != "" {
		data, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, string(data))
	}
	return out
}

func FuzzFill(f *testing.F) {
	f.Add("Bună, {name}! {n} zile", "Ana")
	f.Add("{{name}}", "{name}")
	for _, s := range badInputs(f) {
		f.Add(s, s)
		f.Add("{name} "+s, "x")
	}
	f.Fuzz(func(t *testing.T, text, value string) {
		got := fill(text, func(string) (string, bool) { return value, true })
		if !strings.Contains(text, "{") && got != text {
			t.Errorf("fill(%q) = %q, want it unchanged", text, got)
		}
		// Through the Catalog, with the fuzzed text as a message.
		c := &Catalog{langs: map[string]map[string]message{"en": {"t.fuzz": {text: text}}}}
		out := c.T("en", "t.fuzz", map[string]any{"name": value, "n": len(value)})
		if utf8.ValidString(text) && utf8.ValidString(value) && !utf8.ValidString(out) {
			t.Errorf("T with %q and %q = %q, not valid UTF-8", text, value, out)
		}
		if !utf8.ValidString(out) {
			t.Errorf("T = %q, not valid UTF-8", out)
		}
		if got := c.TN("pl", "t.fuzz-"+text, len(text), nil); !utf8.ValidString(got) {
			t.Errorf("TN with missing key %q = %q, not valid UTF-8", text, got)
		}
	})
}

func FuzzLoadFS(f *testing.F) {
	for _, lang := range supported {
		data, err := embedded.ReadFile("locales/core." + lang + ".json")
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Add([]byte(`{"a.b": {"one": "x", "other": "{n}"}}`))
	for _, s := range badInputs(f) {
		b, _ := json.Marshal(map[string]string{"a.b": s})
		f.Add(b)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := LoadFS(mapFS(map[string]string{"f.en.json": string(data)}))
		if err != nil {
			return
		}
		for _, k := range c.Keys("en") {
			if !keyValid(k) {
				t.Errorf("loaded invalid key %q", k)
			}
			if !c.Has("en", k) {
				t.Errorf("Has(en, %q) = false for a listed key", k)
			}
			if got := c.TN("en", k, 2, map[string]any{"x": 1}); !utf8.ValidString(got) {
				t.Errorf("TN(en, %q) = %q, not valid UTF-8", k, got)
			}
		}
	})
}
