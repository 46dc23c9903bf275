package auth

import (
	"regexp"
	"testing"
)

var recoveryShape = regexp.MustCompile(`^[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{2}$`)

func TestNewRecoveryCodes(t *testing.T) {
	t.Parallel()
	codes, err := NewRecoveryCodes(10)
	if err != nil {
		t.Fatal(err)
	}
	if len(codes) != 10 {
		t.Fatalf("NewRecoveryCodes(10) gave %d codes", len(codes))
	}
	seen := map[string]bool{}
	for _, c := range codes {
		if !recoveryShape.MatchString(c) {
			t.Errorf("recovery code %q is not xxxx-xxxx-xx in Crockford base32", c)
		}
		if seen[c] {
			t.Errorf("recovery code %q repeated", c)
		}
		seen[c] = true
		if NormaliseRecoveryCode(c) != c[0:4]+c[5:9]+c[10:] {
			t.Errorf("NormaliseRecoveryCode(%q) = %q", c, NormaliseRecoveryCode(c))
		}
	}
	for _, n := range []int{0, -1, 101} {
		if _, err := NewRecoveryCodes(n); err == nil {
			t.Errorf("NewRecoveryCodes(%d) succeeded", n)
		}
	}
}

// Every symbol of the alphabet turns up, so no bias drops one.
func TestRecoveryCodesUseWholeAlphabet(t *testing.T) {
	t.Parallel()
	codes, _ := NewRecoveryCodes(100)
	seen := map[rune]bool{}
	for _, c := range codes {
		for _, r := range NormaliseRecoveryCode(c) {
			seen[r] = true
		}
	}
	if len(seen) != 32 {
		t.Errorf("1000 symbols used %d distinct characters, want 32", len(seen))
	}
}

func TestNormaliseRecoveryCode(t *testing.T) {
	t.Parallel()
	want := HashRecoveryCode("ab1c-d0ef-gh")
	for _, typed := range []string{
		"ab1c-d0ef-gh",
		"AB1C-D0EF-GH",
		"ab1cd0efgh",
		" ab1c d0ef gh ",
		"ablc-dOef-gh", // l for 1, O for 0
		"abIc-doEF-GH",
		"ab1c\u00a0d0ef\u00a0gh",
		"ab1c--d0ef--gh\n",
	} {
		if got := HashRecoveryCode(typed); got != want {
			t.Errorf("HashRecoveryCode(%q) differs from HashRecoveryCode(ab1c-d0ef-gh)", typed)
		}
	}
	for _, other := range []string{"ab1c-d0ef-gj", "ab1c-d0ef-g", "ab1c-d0ef-ghh", "ab1c-d0ef-gu"} {
		if HashRecoveryCode(other) == want {
			t.Errorf("HashRecoveryCode(%q) equals the hash of another code", other)
		}
	}
}

func FuzzNormaliseRecoveryCode(f *testing.F) {
	codes, _ := NewRecoveryCodes(3)
	for _, c := range codes {
		f.Add(c)
	}
	f.Add("ABLC-DOEF-GH")
	for _, s := range badInputs(f) {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		n := NormaliseRecoveryCode(s)
		if NormaliseRecoveryCode(n) != n {
			t.Fatalf("NormaliseRecoveryCode not idempotent on %q: %q then %q", s, n, NormaliseRecoveryCode(n))
		}
		if HashRecoveryCode(s) != HashRecoveryCode(n) {
			t.Fatalf("HashRecoveryCode(%q) != HashRecoveryCode(%q)", s, n)
		}
	})
}
