package auth

import (
	_ "embed"
	"strings"
	"unicode"
	"unicode/utf8"

	agora "github.com/agora-civic/agora"
)

// Password length limits. The minimum follows NIST SP 800-63B for
// passwords that are the only factor; the maximum, in bytes, keeps a
// request from making argon2 hash megabytes.
const (
	MinPasswordRunes = 10
	MaxPasswordBytes = 1024
)

//go:embed common-passwords.txt
var commonPasswords string

// ValidatePassword checks a new password and returns an Invalid
// agora.FieldError for field, or nil. It reports the first failing rule:
// password.too_long {max}, password.too_short {min},
// password.contains_email (the password contains one of userInputs, or the
// local part of an email among them, of at least 4 characters, ignoring
// case) and password.too_common (a frequent password, possibly with digits
// or symbols around it, or a trivial run such as "aaaaaaaaaa" or
// "abcdefghij").
func ValidatePassword(field, pw string, userInputs ...string) error {
	if len(pw) > MaxPasswordBytes {
		return agora.FieldError(field, "password.too_long", map[string]any{"max": MaxPasswordBytes})
	}
	n := string(normalisePassword(pw))
	if utf8.RuneCountInString(n) < MinPasswordRunes {
		return agora.FieldError(field, "password.too_short", map[string]any{"min": MinPasswordRunes})
	}
	lower := strings.ToLower(n)
	for _, in := range userInputs {
		for _, part := range inputParts(in) {
			if strings.Contains(lower, part) {
				return agora.FieldError(field, "password.contains_email", nil)
			}
		}
	}
	if isCommonPassword(lower) {
		return agora.FieldError(field, "password.too_common", nil)
	}
	return nil
}

// inputParts returns the lower-cased fragments of a user input that a
// password must not contain: the input itself and, for an email, its local
// part. Fragments under 4 characters are dropped, since forbidding "ana"
// or "jan" inside passwords would reject good ones for no gain.
func inputParts(in string) []string {
	in = strings.ToLower(strings.TrimSpace(string(normalisePassword(in))))
	var parts []string
	for _, p := range []string{in, strings.SplitN(in, "@", 2)[0]} {
		if utf8.RuneCountInString(p) >= 4 && (len(parts) == 0 || parts[0] != p) {
			parts = append(parts, p)
		}
	}
	return parts
}

// isCommonPassword reports whether lower (an already lower-cased password)
// is a listed password, a listed one wrapped in digits and symbols
// ("parola2024!"), or a trivial run. The list is scanned rather than
// loaded into a map: it runs only when a password is set.
func isCommonPassword(lower string) bool {
	core := strings.TrimFunc(lower, func(r rune) bool { return !unicode.IsLetter(r) })
	if core == "" {
		core = lower
	}
	for line := range strings.Lines(commonPasswords) {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		if line == lower || line == core {
			return true
		}
	}
	return isTrivialRun(lower)
}

// isTrivialRun reports a password made of one short unit repeated
// ("aaaaaaaaaa", "abcabcabcabc", "1212121212") or of consecutive
// characters ("abcdefghij", "9876543210").
func isTrivialRun(s string) bool {
	r := []rune(s)
	if len(r) < 2 {
		return true
	}
	for unit := 1; unit <= 3 && unit < len(r); unit++ {
		rep := true
		for i := unit; i < len(r); i++ {
			if r[i] != r[i-unit] {
				rep = false
				break
			}
		}
		if rep {
			return true
		}
	}
	step := r[1] - r[0]
	if step != 1 && step != -1 {
		return false
	}
	for i := 2; i < len(r); i++ {
		if r[i]-r[i-1] != step {
			return false
		}
	}
	return true
}
