package redline

import (
	"reflect"
	"testing"
)

func tokens(s string) []string {
	b := tokenBounds(s)
	out := make([]string, 0, len(b))
	for i := 0; i+1 < len(b); i++ {
		out = append(out, s[b[i]:b[i+1]])
	}
	return out
}

func TestTokens(t *testing.T) {
	for _, tt := range []struct {
		in   string
		want []string
	}{
		{"", []string{}},
		{"Art. 7 alin. (2)", []string{"Art", ".", " ", "7", " ", "alin", ".", " ", "(", "2", ")"}},
		{"ş ș  Łódź,", []string{"ş", " ", "ș", "  ", "Łódź", ","}},
		{"s\u0326a", []string{"s\u0326a"}},
		{"(\u0326)", []string{"(\u0326", ")"}},
		{"a\xffb", []string{"a", "\xff", "b"}},
		{"👨\u200d👩!", []string{"👨\u200d👩", "!"}},
		{"»dotacji«", []string{"»", "dotacji", "«"}},
	} {
		if got := tokens(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("tokens(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
