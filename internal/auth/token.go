package auth

import (
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
)

// APITokenPrefix starts every personal access token, so secret scanners
// and people can tell an agora token from other strings.
const APITokenPrefix = "agora_pat_"

// NewToken returns a random bearer secret, 32 bytes in unpadded base64url
// (43 characters), and its HashToken. Use it for session ids, email
// verification, password reset, OIDC state and nonce, and PKCE verifiers
// (it meets RFC 7636's 43–128 unreserved characters). Store only the hash.
// The error is always nil: crypto/rand cannot fail since Go 1.24; it stays
// in the signature so callers need not change if the source ever can.
func NewToken() (plain string, hash string, err error) {
	var b [32]byte
	rand.Read(b[:])
	plain = base64.RawURLEncoding.EncodeToString(b[:])
	return plain, HashToken(plain), nil
}

// NewAPIToken returns a personal access token, APITokenPrefix followed by
// a NewToken, and the HashToken of the whole string.
func NewAPIToken() (plain, hash string, err error) {
	t, _, err := NewToken()
	if err != nil {
		return "", "", err
	}
	plain = APITokenPrefix + t
	return plain, HashToken(plain), nil
}

// HashToken returns the hex SHA-256 of s with surrounding white space
// removed: the form in which tokens are stored and looked up. A fast hash
// suffices because tokens carry 256 random bits; it only keeps a database
// leak from yielding usable tokens. Tokens are case-sensitive, so nothing
// else is normalised here; recovery codes go through HashRecoveryCode.
func HashToken(s string) string {
	sum := sha256.Sum256([]byte(strings.TrimSpace(s)))
	return hex.EncodeToString(sum[:])
}
