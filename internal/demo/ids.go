package demo

import (
	"fmt"
	"strconv"

	"github.com/agora-civic/agora"
)

// The demo's identifiers are made up, but each carries the check digit
// its validator in the root package expects, found by asking that
// validator: the demo cannot drift from the rules it shows off.

// withCheckDigit returns body followed by the first digit that valid
// accepts, and false when none does (a NIP body whose weighted sum
// leaves 10 has no check digit).
func withCheckDigit(body string, valid func(field, s string) error) (string, bool) {
	for d := '0'; d <= '9'; d++ {
		if s := body + string(d); valid("id", s) == nil {
			return s, true
		}
	}
	return "", false
}

// cui completes a Romanian CUI body (1 to 9 digits).
func cui(body string) string { return mustCheck(body, agora.ValidateCUI) }

// regon completes an eight-digit Polish REGON body.
func regon(body string) string { return mustCheck(body, agora.ValidateREGON) }

// nip completes a nine-digit Polish NIP body. Bodies without a check
// digit are a mistake in the demo tables, caught by the tests.
func nip(body string) string { return mustCheck(body, agora.ValidateNIP) }

// krs formats a KRS number as its ten printed digits.
func krs(n int) string { return fmt.Sprintf("%010d", n) }

func mustCheck(body string, valid func(field, s string) error) string {
	s, ok := withCheckDigit(body, valid)
	if !ok {
		// Only reachable through a wrong literal in this package.
		panic("demo: identifier body " + body + " has no check digit")
	}
	return s
}

// syntheticNIP returns the n-th valid NIP of a sequence, skipping the
// bodies without a check digit, so generated organisations never share
// one. It returns the NIP and the next n to try.
func syntheticNIP(n int) (string, int) {
	for {
		body := strconv.Itoa(100000000 + n%900000000)
		// The first three digits of a NIP name a tax office and are never 0.
		if s, ok := withCheckDigit(body, agora.ValidateNIP); ok {
			return s, n + 1
		}
		n++
	}
}
