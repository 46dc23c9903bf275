// Package auth holds agora's security primitives: password hashing and
// rules, TOTP second factors, recovery codes, random tokens, rate limits,
// field encryption for personal identification numbers and OpenID Connect
// sign-in. It touches neither the database nor HTTP handlers; the store
// keeps what these functions produce and the web layer calls them.
package auth

import (
	"crypto/rand"
	"crypto/subtle"
	"encoding/base64"
	"errors"
	"fmt"
	"strconv"
	"strings"

	"golang.org/x/crypto/argon2"
	"golang.org/x/text/unicode/norm"
)

// PasswordHasher holds argon2id parameters. Memory is in KiB.
type PasswordHasher struct {
	Memory  uint32
	Time    uint32
	Threads uint8
	KeyLen  uint32
}

// DefaultHasher returns the OWASP-recommended argon2id parameters
// (19 MiB, 2 passes, 1 lane), about 20–40 ms per hash on a server core.
func DefaultHasher() PasswordHasher {
	return PasswordHasher{Memory: 19456, Time: 2, Threads: 1, KeyLen: 32}
}

// TestHasher returns deliberately weak parameters so tests of other
// packages can create many users quickly. Never use it in production.
func TestHasher() PasswordHasher {
	return PasswordHasher{Memory: 64, Time: 1, Threads: 1, KeyLen: 16}
}

// ErrMalformedHash reports a stored password hash that is not a PHC
// argon2id string agora could have written. It signals corrupt data or a
// bug, so the web layer treats it as an internal error.
var ErrMalformedHash = errors.New("auth: malformed password hash")

const (
	saltLen = 16
	// Bounds on parameters read back from a stored hash. agora never writes
	// anything outside them; enforcing them keeps a corrupt or planted hash
	// from making a single login allocate gigabytes or spin for minutes.
	maxMemory  = 1 << 18 // KiB = 256 MiB
	maxTime    = 16
	minKeyLen  = 16
	maxKeyLen  = 128
	minSaltLen = 8
	maxSaltLen = 64
)

// b64 is the PHC string encoding: standard alphabet, no padding.
var b64 = base64.RawStdEncoding

func (h PasswordHasher) valid() error {
	switch {
	case h.Time < 1 || h.Time > maxTime:
		return fmt.Errorf("%w: t=%d out of range", ErrMalformedHash, h.Time)
	case h.Threads < 1:
		return fmt.Errorf("%w: p=0", ErrMalformedHash)
	case h.Memory < 8*uint32(h.Threads) || h.Memory > maxMemory:
		return fmt.Errorf("%w: m=%d out of range", ErrMalformedHash, h.Memory)
	case h.KeyLen < minKeyLen || h.KeyLen > maxKeyLen:
		return fmt.Errorf("%w: key length %d out of range", ErrMalformedHash, h.KeyLen)
	}
	return nil
}

// Hash derives an argon2id hash of password with a fresh random salt and
// returns it as a PHC string:
// $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>.
// The error is non-nil only when h holds parameters out of range.
func (h PasswordHasher) Hash(password string) (string, error) {
	if err := h.valid(); err != nil {
		return "", err
	}
	salt := make([]byte, saltLen)
	rand.Read(salt) // never fails since Go 1.24
	key := argon2.IDKey(normalisePassword(password), salt, h.Time, h.Memory, h.Threads, h.KeyLen)
	return fmt.Sprintf("$argon2id$v=%d$m=%d,t=%d,p=%d$%s$%s",
		argon2.Version, h.Memory, h.Time, h.Threads, b64.EncodeToString(salt), b64.EncodeToString(key)), nil
}

// VerifyPassword checks password against a PHC argon2id string and says
// whether the hash should be replaced because it was made with other
// parameters than DefaultHasher. The comparison is constant-time. A
// malformed string gives ErrMalformedHash, never a panic.
func VerifyPassword(encoded, password string) (ok bool, needsRehash bool, err error) {
	return DefaultHasher().Verify(encoded, password)
}

// Verify is VerifyPassword with h as the parameters a current hash must
// have; needsRehash is only ever true when ok is.
func (h PasswordHasher) Verify(encoded, password string) (ok bool, needsRehash bool, err error) {
	p, salt, want, err := parsePHC(encoded)
	if err != nil {
		return false, false, err
	}
	got := argon2.IDKey(normalisePassword(password), salt, p.Time, p.Memory, p.Threads, p.KeyLen)
	if subtle.ConstantTimeCompare(got, want) != 1 {
		return false, false, nil
	}
	return true, p != h || len(salt) != saltLen, nil
}

// DummyVerify spends as long as a real verification with h's parameters
// and discards the result. Call it when the account does not exist, so
// the response time does not tell an attacker which emails are registered.
func (h PasswordHasher) DummyVerify(password string) {
	if h.valid() != nil {
		h = DefaultHasher()
	}
	var salt [saltLen]byte
	want := make([]byte, h.KeyLen)
	got := argon2.IDKey(normalisePassword(password), salt[:], h.Time, h.Memory, h.Threads, h.KeyLen)
	subtle.ConstantTimeCompare(got, want)
}

// parsePHC splits $argon2id$v=19$m=M,t=T,p=P$salt$hash strictly: any
// deviation, including parameters out of bounds, is ErrMalformedHash.
func parsePHC(s string) (PasswordHasher, []byte, []byte, error) {
	var h PasswordHasher
	parts := strings.Split(s, "$")
	if len(parts) != 6 || parts[0] != "" {
		return h, nil, nil, fmt.Errorf("%w: want 5 '$'-separated fields", ErrMalformedHash)
	}
	if parts[1] != "argon2id" {
		return h, nil, nil, fmt.Errorf("%w: algorithm %q is not argon2id", ErrMalformedHash, parts[1])
	}
	if parts[2] != "v="+strconv.Itoa(argon2.Version) {
		return h, nil, nil, fmt.Errorf("%w: unsupported version %q", ErrMalformedHash, parts[2])
	}
	params := strings.Split(parts[3], ",")
	if len(params) != 3 {
		return h, nil, nil, fmt.Errorf("%w: want m,t,p parameters", ErrMalformedHash)
	}
	var vals [3]uint64
	for i, name := range []string{"m=", "t=", "p="} {
		v, ok := strings.CutPrefix(params[i], name)
		if !ok || v == "" || (len(v) > 1 && v[0] == '0') {
			return h, nil, nil, fmt.Errorf("%w: bad parameter %q", ErrMalformedHash, params[i])
		}
		n, err := strconv.ParseUint(v, 10, 32)
		if err != nil {
			return h, nil, nil, fmt.Errorf("%w: bad parameter %q", ErrMalformedHash, params[i])
		}
		vals[i] = n
	}
	if vals[2] > 255 {
		return h, nil, nil, fmt.Errorf("%w: p=%d out of range", ErrMalformedHash, vals[2])
	}
	salt, err := b64.Strict().DecodeString(parts[4])
	if err != nil || len(salt) < minSaltLen || len(salt) > maxSaltLen {
		return h, nil, nil, fmt.Errorf("%w: bad salt", ErrMalformedHash)
	}
	key, err := b64.Strict().DecodeString(parts[5])
	if err != nil {
		return h, nil, nil, fmt.Errorf("%w: bad hash encoding", ErrMalformedHash)
	}
	h = PasswordHasher{Memory: uint32(vals[0]), Time: uint32(vals[1]), Threads: uint8(vals[2]), KeyLen: uint32(len(key))}
	if err := h.valid(); err != nil {
		return h, nil, nil, err
	}
	return h, salt, key, nil
}

// normalisePassword makes the same typed password give the same bytes on
// every device: NFKC (as NIST SP 800-63B §5.1.1.2 recommends) unifies
// composed and decomposed accents, and Romanian cedilla letters ş ţ, which
// the legacy Windows Romanian keyboard still produces, become the
// comma-below ș ț that modern keyboards type.
func normalisePassword(pw string) []byte {
	return []byte(cedillaToComma.Replace(norm.NFKC.String(pw)))
}

var cedillaToComma = strings.NewReplacer("ş", "ș", "Ş", "Ș", "ţ", "ț", "Ţ", "Ț")
