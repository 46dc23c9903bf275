package agora

import (
	"crypto/rand"
	"encoding/base32"
)

// idEncoding is lower-case RFC 4648 base32 without padding: safe in URLs
// and file names, and case-insensitive file systems cannot confuse two ids.
var idEncoding = base32.NewEncoding("abcdefghijklmnopqrstuvwxyz234567").WithPadding(base32.NoPadding)

// idLen is the length of an encoded 16-byte id.
const idLen = 26

// NewID returns an opaque random identifier for URLs: 128 random bits as
// 26 characters of lower-case base32. Unlike sequential numbers it says
// nothing about how many records exist or when one was made.
func NewID() string {
	var b [16]byte
	rand.Read(b[:]) // never fails since Go 1.24
	return idEncoding.EncodeToString(b[:])
}

// ValidID reports whether s has the exact shape NewID produces, so
// handlers can reject junk before it reaches the database.
func ValidID(s string) bool {
	if len(s) != idLen {
		return false
	}
	var b [16]byte
	n, err := idEncoding.Decode(b[:], []byte(s))
	// Re-encoding rejects what the decoder tolerates: line breaks and
	// non-zero bits after the 128th, which would give one id two spellings.
	return err == nil && n == len(b) && idEncoding.EncodeToString(b[:]) == s
}
