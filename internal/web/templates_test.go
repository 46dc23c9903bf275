package web

import (
	"io/fs"
	"regexp"
	"strings"
	"testing"
)

var (
	tmplAction  = regexp.MustCompile(`(?s){{.*?}}`)
	htmlTag     = regexp.MustCompile(`(?s)<[^>]*>`)
	htmlEntity  = regexp.MustCompile(`&[a-zA-Z]+;|&#[0-9]+;`)
	letter      = regexp.MustCompile(`\pL`)
	literalAttr = regexp.MustCompile(`\b(aria-label|title|alt|placeholder|aria-description)="([^"]*)"`)
)

// untranslated returns the words of a template that do not come from the
// catalogue: visible text and the attributes screen readers announce.
func untranslated(src string) []string {
	var out []string
	// Actions become a neutral mark, so "{{.T "a.b"}}" counts as text
	// that was translated and "title="{{…}}"" as a translated attribute.
	flat := tmplAction.ReplaceAllString(src, "§")
	for _, m := range literalAttr.FindAllStringSubmatch(flat, -1) {
		if letter.MatchString(m[2]) {
			out = append(out, m[1]+"="+m[2])
		}
	}
	visible := htmlEntity.ReplaceAllString(htmlTag.ReplaceAllString(flat, " "), " ")
	for _, w := range strings.Fields(visible) {
		if letter.MatchString(w) {
			out = append(out, w)
		}
	}
	return out
}

// Every word a person reads must come from the catalogue.
func TestTemplatesHaveNoUntranslatedText(t *testing.T) {
	err := fs.WalkDir(templateFS, "templates", func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		src, err := fs.ReadFile(templateFS, p)
		if err != nil {
			return err
		}
		if words := untranslated(string(src)); len(words) > 0 {
			t.Errorf("%s: untranslated text %q; use catalogue keys", p, words)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
}

// The detector must catch what it claims to catch.
func TestUntranslatedTextDetector(t *testing.T) {
	for _, tt := range []struct {
		src  string
		want bool
	}{
		{`<p>{{.T "x.y"}}</p>`, false},
		{`<p>Hello</p>`, true},
		{`<img alt="logo" src="/x">`, true},
		{`<a href="/x" title="{{.T "a.b"}}">{{.T "a.c"}}</a>`, false},
		{`{{if .X}}<b>Salut</b>{{end}}`, true},
		{`<p>&nbsp;·&rarr; 12</p>`, false},
		{`{{/* a comment with words */}}<i></i>`, false},
		{`<input placeholder="Caută">`, true},
	} {
		if got := len(untranslated(tt.src)) > 0; got != tt.want {
			t.Errorf("untranslated(%q) found = %v, want %v", tt.src, got, tt.want)
		}
	}
}
