package auth

import (
	"errors"
	"strings"
	"testing"

	agora "github.com/agora-civic/agora"
)

func TestValidatePassword(t *testing.T) {
	t.Parallel()
	inputs := []string{"Maria.Popescu@primaria-cluj.ro", "Maria Popescu", "ana"}
	for _, tt := range []struct {
		pw      string
		wantKey string // "" means valid
		args    map[string]any
	}{
		{"correct horse battery staple", "", nil},
		{"Ziua consultării publice", "", nil},
		{"źdźbło trawy żółte", "", nil},
		{"short", "password.too_short", map[string]any{"min": 10}},
		{"ăâîșțăâîș", "password.too_short", map[string]any{"min": 10}},                           // 9 runes, 18 bytes
		{"ăâîșțăâîșț", "", nil},                                                                  // 10 runes
		{"a\u0306a\u0306a\u0306a\u0306a\u0306", "password.too_short", map[string]any{"min": 10}}, // 10 code points, 5 letters
		{strings.Repeat("ab1!", 256), "", nil},
		{strings.Repeat("ab1!", 256) + "x", "password.too_long", map[string]any{"max": 1024}},
		{strings.Repeat("ș", 513), "password.too_long", map[string]any{"max": 1024}},
		{"1234567890", "password.too_common", nil},
		{"qwertyuiop", "password.too_common", nil},
		{"QwertyUiop", "password.too_common", nil},
		{"Password123", "password.too_common", nil},
		{"parola12345", "password.too_common", nil},
		{"Parola2024!!", "password.too_common", nil},
		{"haslo123456", "password.too_common", nil},
		{"!!kochanie!!", "password.too_common", nil},
		{"zaq12wsxcde3", "password.too_common", nil},
		{"aaaaaaaaaaaa", "password.too_common", nil},
		{"abcabcabcabc", "password.too_common", nil},
		{"1212121212", "password.too_common", nil},
		{"abcdefghijkl", "password.too_common", nil},
		{"9876543210", "password.too_common", nil},
		{"iubire pentru munți", "", nil},
		{"maria.popescu@primaria-cluj.ro!", "password.contains_email", nil},
		{"xxMARIA.POPESCUxx", "password.contains_email", nil},
		{"my name is maria popescu", "password.contains_email", nil},
		{"banana-ana-12345", "", nil}, // "ana" is under 4 characters
	} {
		err := ValidatePassword("password", tt.pw, inputs...)
		if tt.wantKey == "" {
			if err != nil {
				t.Errorf("ValidatePassword(%q) = %v, want nil", tt.pw, err)
			}
			continue
		}
		var e *agora.Error
		if !errors.As(err, &e) || e.Key != tt.wantKey || e.Field != "password" || e.Kind != agora.Invalid {
			t.Errorf("ValidatePassword(%q) = %v, want Invalid %s on field password", tt.pw, err, tt.wantKey)
			continue
		}
		for k, v := range tt.args {
			if e.Args[k] != v {
				t.Errorf("ValidatePassword(%q) args = %v, want %v", tt.pw, e.Args, tt.args)
			}
		}
	}
}

func TestCommonPasswordList(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	n := 0
	for line := range strings.Lines(commonPasswords) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		n++
		if line != strings.ToLower(line) {
			t.Errorf("common password %q is not lower case; it would never match", line)
		}
		if seen[line] {
			t.Errorf("common password %q listed twice", line)
		}
		seen[line] = true
		if !isCommonPassword(line) {
			t.Errorf("isCommonPassword(%q) = false", line)
		}
	}
	if n < 150 {
		t.Errorf("common password list has %d entries, want about 200", n)
	}
}

func FuzzValidatePassword(f *testing.F) {
	f.Add("correct horse battery staple", "someone@example.org")
	f.Add("parola12345", "")
	f.Add("ş ţ (combining cedilla)", "ş")
	for _, s := range badInputs(f) {
		f.Add(s, s)
	}
	keys := map[string]bool{"password.too_short": true, "password.too_long": true, "password.too_common": true, "password.contains_email": true}
	f.Fuzz(func(t *testing.T, pw, input string) {
		err := ValidatePassword("pw", pw, input)
		if err == nil {
			if len(pw) > MaxPasswordBytes {
				t.Fatalf("ValidatePassword accepted %d bytes", len(pw))
			}
			return
		}
		var e *agora.Error
		if !errors.As(err, &e) || !keys[e.Key] || e.Field != "pw" {
			t.Fatalf("ValidatePassword(%q) = %v, want a password.* field error", pw, err)
		}
	})
}
