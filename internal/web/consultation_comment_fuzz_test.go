package web

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestMatchQuote(t *testing.T) {
	text := "Termenul este de 10 zile:\npentru recomandări  scrise;"
	for _, tt := range []struct {
		quote, want string
		ok          bool
	}{
		{"", "", true},
		{"   ", "", true},
		{"de 10 zile", "de 10 zile", true},
		{" de\n10   zile ", "de 10 zile", true},
		{"zile: pentru", "zile:\npentru", true},
		{"recomandări scrise;", "recomandări  scrise;", true},
		{"ă", "ă", true},
		{"30 de zile", "", false},
		{"De 10 zile", "", false},
	} {
		got, err := matchQuote(text, tt.quote)
		if (err == nil) != tt.ok || got != tt.want {
			t.Errorf("matchQuote(%q) = %q, %v; want %q, ok %v", tt.quote, got, err, tt.want, tt.ok)
		}
	}
}

// FuzzMatchQuote: a quote found in the text is a span of the text that
// reads like the quote; any quote taken from the text is found.
func FuzzMatchQuote(f *testing.F) {
	f.Add("Termenul este de 10 zile:\npentru recomandări scrise;", "de 10\nzile", 3, 12)
	f.Add("Art. 1. — Zażółć gęślą jaźń\t§ 2", "gęślą  jaźń", 0, 5)
	f.Add("a\u00a0b  c", "b c", 1, 4)
	f.Fuzz(func(t *testing.T, text, quote string, i, j int) {
		got, err := matchQuote(text, quote)
		if err == nil {
			if !strings.Contains(text, got) || collapseSpace(got) != collapseSpace(quote) {
				t.Fatalf("matchQuote(%q, %q) = %q", text, quote, got)
			}
		}
		if !utf8.ValidString(text) || len(text) == 0 {
			return
		}
		i, j = abs(i)%len(text), abs(j)%len(text)
		if i > j {
			i, j = j, i
		}
		sub := strings.ToValidUTF8(text[i:j], "")
		if !strings.Contains(text, sub) {
			return
		}
		if _, err := matchQuote(text, sub); err != nil {
			t.Fatalf("quote %q taken from %q not found: %v", sub, text, err)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		if n == -n {
			return 0
		}
		return -n
	}
	return n
}

// FuzzDecodeCommentForm: any form decodes without panicking, the client
// key is printable ASCII of bounded length, and what the command accepts
// is within its limits.
func FuzzDecodeCommentForm(f *testing.F) {
	f.Add("art-1.par-2", "Propun 30 de zile.", "de 30 de zile", "de 10 zile", "", "k1")
	f.Add("", "<script>document.body.remove()</script>", "", "", "org", "\x00\xff")
	f.Add(" art-1 ", "  ", "\u202e", "x", "  o  ", strings.Repeat("k", 100))
	f.Fuzz(func(t *testing.T, unit, body, amendment, quote, org, key string) {
		form := &Form{Values: map[string]string{"unit": unit, "body": body, "amendment": amendment, "quote": quote, "org": org, "client_key": key}}
		in, k := decodeCommentForm(form)
		if len(k) > maxClientKey {
			t.Fatalf("client key of %d bytes kept", len(k))
		}
		for _, r := range k {
			if r < 0x20 || r > 0x7e {
				t.Fatalf("client key %q kept", k)
			}
		}
		if in.UnitKey != strings.TrimSpace(unit) || in.OrgID != strings.TrimSpace(org) {
			t.Fatalf("unit/org not trimmed: %q %q", in.UnitKey, in.OrgID)
		}
		out, err := in.Validate()
		if err == nil && (utf8.RuneCountInString(out.Body) > 20000 || !utf8.ValidString(out.Body)) {
			t.Fatalf("accepted body %q", out.Body)
		}
		_ = cleanAmendment(amendment, body)
	})
}
