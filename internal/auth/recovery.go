package auth

import (
	"crypto/rand"
	"fmt"
	"strings"
)

// recoveryAlphabet is Crockford's base32 in lower case: no i, l, o or u,
// so a code copied from paper cannot be misread; NormaliseRecoveryCode maps
// the look-alikes back.
const recoveryAlphabet = "0123456789abcdefghjkmnpqrstvwxyz"

// recoveryLen is the number of symbols in a code, 50 bits of entropy.
// Online guessing is throttled by the rate limiter and each code works
// once.
const recoveryLen = 10

// NewRecoveryCodes returns n one-time recovery codes shaped
// "xxxx-xxxx-xx". Store only HashRecoveryCode of each and show the plain
// codes once. n must be between 1 and 100.
func NewRecoveryCodes(n int) (plain []string, err error) {
	if n < 1 || n > 100 {
		return nil, fmt.Errorf("auth: %d recovery codes requested, want 1..100", n)
	}
	plain = make([]string, n)
	buf := make([]byte, recoveryLen)
	for i := range plain {
		rand.Read(buf)
		var b strings.Builder
		for j, c := range buf {
			if j == 4 || j == 8 {
				b.WriteByte('-')
			}
			// 256 is a multiple of 32, so the low five bits are uniform.
			b.WriteByte(recoveryAlphabet[c&31])
		}
		plain[i] = b.String()
	}
	return plain, nil
}

// NormaliseRecoveryCode makes a typed recovery code comparable: it drops
// dashes and white space, lower-cases, and reads o as 0 and i, l as 1 the
// way Crockford base32 does.
func NormaliseRecoveryCode(code string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(code) {
		switch r {
		case '-', ' ', '\t', '\n', '\r', '\u00a0':
		case 'o':
			b.WriteByte('0')
		case 'i', 'l':
			b.WriteByte('1')
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// HashRecoveryCode returns the value to store for a recovery code and to
// look a typed code up by: HashToken of its normalised form.
func HashRecoveryCode(code string) string {
	return HashToken(NormaliseRecoveryCode(code))
}
