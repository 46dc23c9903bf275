package auth

import (
	"crypto/aes"
	"crypto/cipher"
	"crypto/hkdf"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"maps"
	"slices"
)

// KeySize is the length of a field-encryption key in bytes (AES-256).
const KeySize = 32

// ErrCannotOpen reports a sealed value that is malformed, was sealed with
// an unknown key, or was altered (including being moved to another row
// or column, when the associated data names them).
var ErrCannotOpen = errors.New("auth: sealed value cannot be opened")

// HKDF labels separate the keys derived from one master key, so the
// encryption key and the blind-index key are never the same bytes.
const (
	infoSeal  = "agora field encryption v1"
	infoIndex = "agora blind index v1"
)

// Sealer encrypts personal identification numbers (CNP, PESEL) and other
// sensitive fields for storage with AES-256-GCM. Each sealed value starts
// with the id of its key, so keys can be rotated: new values use the
// current key and old ones still open while their key is kept. A Sealer
// is safe for concurrent use.
type Sealer struct {
	aeads    map[byte]cipher.AEAD
	current  byte
	indexKey []byte
}

// NewSealer builds a Sealer from master keys of KeySize bytes by id,
// sealing with keys[current]. The blind-index key derives from the lowest
// id, so indexes survive adding keys; retiring that key changes every
// index and needs them recomputed.
func NewSealer(keys map[byte][]byte, current byte) (*Sealer, error) {
	if _, ok := keys[current]; !ok {
		return nil, fmt.Errorf("auth: sealer: current key %d not among the keys", current)
	}
	s := &Sealer{aeads: make(map[byte]cipher.AEAD, len(keys)), current: current}
	for id, k := range keys {
		if len(k) != KeySize {
			return nil, fmt.Errorf("auth: sealer: key %d has %d bytes, want %d", id, len(k), KeySize)
		}
		ek, err := hkdf.Key(sha256.New, k, nil, infoSeal, KeySize)
		if err != nil {
			return nil, fmt.Errorf("auth: sealer: derive key %d: %w", id, err)
		}
		block, err := aes.NewCipher(ek)
		if err != nil {
			return nil, fmt.Errorf("auth: sealer: key %d: %w", id, err)
		}
		if s.aeads[id], err = cipher.NewGCM(block); err != nil {
			return nil, fmt.Errorf("auth: sealer: key %d: %w", id, err)
		}
	}
	lowest := slices.Min(slices.Collect(maps.Keys(keys)))
	ik, err := hkdf.Key(sha256.New, keys[lowest], nil, infoIndex, KeySize)
	if err != nil {
		return nil, fmt.Errorf("auth: sealer: derive index key: %w", err)
	}
	s.indexKey = ik
	return s, nil
}

// Seal encrypts plaintext with the current key and returns unpadded
// base64url of keyid|nonce|ciphertext. associatedData is authenticated but
// not stored: pass what the value belongs to, such as "person/<id>/cnp",
// so a ciphertext copied to another row fails to open. The error is
// always nil today (the nonce comes from crypto/rand).
func (s *Sealer) Seal(plaintext []byte, associatedData []byte) (string, error) {
	aead := s.aeads[s.current]
	out := make([]byte, 1+aead.NonceSize(), 1+aead.NonceSize()+len(plaintext)+aead.Overhead())
	out[0] = s.current
	rand.Read(out[1:]) // random 96-bit nonces are safe far beyond our volume
	out = aead.Seal(out, out[1:], plaintext, associatedData)
	return base64.RawURLEncoding.EncodeToString(out), nil
}

// Open decrypts a value from Seal given the same associatedData. Any
// failure wraps ErrCannotOpen.
func (s *Sealer) Open(sealed string, associatedData []byte) ([]byte, error) {
	raw, err := base64.RawURLEncoding.Strict().DecodeString(sealed)
	if err != nil || len(raw) < 1 {
		return nil, fmt.Errorf("%w: bad encoding", ErrCannotOpen)
	}
	aead, ok := s.aeads[raw[0]]
	if !ok {
		return nil, fmt.Errorf("%w: unknown key %d", ErrCannotOpen, raw[0])
	}
	ns := aead.NonceSize()
	if len(raw) < 1+ns+aead.Overhead() {
		return nil, fmt.Errorf("%w: too short", ErrCannotOpen)
	}
	pt, err := aead.Open(nil, raw[1:1+ns], raw[1+ns:], associatedData)
	if err != nil {
		return nil, fmt.Errorf("%w: authentication failed", ErrCannotOpen)
	}
	return pt, nil
}

// NeedsReseal reports whether sealed was made with a key other than the
// current one, so a rotation job can open and seal it again.
func (s *Sealer) NeedsReseal(sealed string) bool {
	raw, err := base64.RawURLEncoding.DecodeString(sealed)
	return err == nil && len(raw) > 0 && raw[0] != s.current
}

// BlindIndex returns a keyed hash (HMAC-SHA256, hex) of value for
// equality lookups — "is this CNP already registered?" — without
// decrypting anything. Normalise value first (trim, strip spaces); equal
// inputs give equal indexes across restarts and key rotations.
func (s *Sealer) BlindIndex(value string) string {
	m := hmac.New(sha256.New, s.indexKey)
	m.Write([]byte(value))
	return hex.EncodeToString(m.Sum(nil))
}
