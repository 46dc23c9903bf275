package agora

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NormalizeEmail trims an e-mail address and lower-cases its domain. The
// local part keeps its case: RFC 5321 lets the receiving server treat it as
// case-sensitive, and only that server knows.
func NormalizeEmail(s string) string {
	s = strings.TrimSpace(s)
	at := strings.LastIndexByte(s, '@')
	if at < 0 {
		return s
	}
	return s[:at+1] + strings.ToLower(s[at+1:])
}

// ValidateEmail checks an address after NormalizeEmail, pragmatically
// rather than by the full RFC 5322 grammar: exactly one @; a local part of
// 1 to 64 bytes made of ASCII letters, digits, dots (not leading, trailing
// or doubled) and !#$%&'*+/=?^_`{|}~-; a domain of at least two dot-separated
// labels of Unicode letters, marks, digits and inner hyphens (IDN allowed),
// with a top-level label that is not numeric; at most 254 bytes in all.
// Quoted local parts, comments, IP literals, spaces and control characters
// are refused: real users do not have them and they are a common vector for
// header injection. The local part stays ASCII because the outgoing relay
// may not offer SMTPUTF8, and an address we accept must be one we can
// deliver to. Key: field.invalid_email.
func ValidateEmail(field, s string) error {
	if !validEmail(NormalizeEmail(s)) {
		return FieldError(field, "field.invalid_email", nil)
	}
	return nil
}

func validEmail(s string) bool {
	if len(s) > 254 || !utf8.ValidString(s) || strings.Count(s, "@") != 1 {
		return false
	}
	local, domain, _ := strings.Cut(s, "@")
	return validEmailLocal(local) && validEmailDomain(domain)
}

func validEmailLocal(s string) bool {
	if s == "" || len(s) > 64 || s[0] == '.' || s[len(s)-1] == '.' || strings.Contains(s, "..") {
		return false
	}
	for i := range len(s) {
		c := s[i]
		if !isASCIIDigit(c) && !isASCIIUpper(c) && !('a' <= c && c <= 'z') && !strings.ContainsRune(".!#$%&'*+/=?^_`{|}~-", rune(c)) {
			return false
		}
	}
	return true
}

func validEmailDomain(s string) bool {
	labels := strings.Split(s, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		// 63 bytes bounds the label; the ACE form of a Unicode label may be
		// longer, which the mail relay will report if it ever matters.
		if l == "" || len(l) > 63 || l[0] == '-' || l[len(l)-1] == '-' {
			return false
		}
		for _, r := range l {
			if r != '-' && !unicode.IsLetter(r) && !unicode.IsMark(r) && !unicode.IsDigit(r) {
				return false
			}
		}
	}
	tld := labels[len(labels)-1]
	if utf8.RuneCountInString(tld) < 2 {
		return false
	}
	for _, r := range tld {
		if !unicode.IsDigit(r) {
			return true
		}
	}
	return false
}
