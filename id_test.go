package agora

import (
	"strings"
	"testing"
)

func TestNewID(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 1000 {
		id := NewID()
		if len(id) != 26 || strings.Trim(id, "abcdefghijklmnopqrstuvwxyz234567") != "" {
			t.Fatalf("NewID() = %q, want 26 lower-case base32 characters", id)
		}
		if !ValidID(id) {
			t.Fatalf("ValidID(NewID() = %q) = false", id)
		}
		if seen[id] {
			t.Fatalf("NewID() repeated %q", id)
		}
		seen[id] = true
	}
}

func TestValidID(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		s    string
		want bool
	}{
		{"aaaaaaaaaaaaaaaaaaaaaaaaaa", true},
		{"77777777777777777777777774", true},  // all ones, last 2 padding bits zero
		{"77777777777777777777777777", false}, // non-zero padding bits: a second spelling
		{"AAAAAAAAAAAAAAAAAAAAAAAAAA", false},
		{"aaaaaaaaaaaaaaaaaaaaaaaaa", false},
		{"aaaaaaaaaaaaaaaaaaaaaaaaaaa", false},
		{"aaaaaaaaaaaaaaaaaaaaaaaaa1", false}, // 1 is not in the alphabet
		{"aaaaaaaaaaaaaaaaaaaaaaaaa=", false},
		{"aaaaaaaaaaaaaaaaaaaaaaaaa\n", false},
		{"aaaaaaaaaaaa\naaaaaaaaaaaaa", false},
		{"../../etc/passwdaaaaaaaaaa", false},
		{"", false},
		{"1", false},
	} {
		if got := ValidID(tt.s); got != tt.want {
			t.Errorf("ValidID(%q) = %v, want %v", tt.s, got, tt.want)
		}
	}
}

func FuzzValidID(f *testing.F) {
	f.Add(NewID())
	f.Add("77777777777777777777777777")
	f.Add("aaaaaaaaaaaa\naaaaaaaaaaaaa")
	f.Add("../../etc/passwd")
	f.Add("9223372036854775808")
	f.Fuzz(func(t *testing.T, s string) {
		if !ValidID(s) {
			return
		}
		if len(s) != 26 || strings.Trim(s, "abcdefghijklmnopqrstuvwxyz234567") != "" {
			t.Fatalf("ValidID accepted %q", s)
		}
	})
}
