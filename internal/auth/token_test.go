package auth

import (
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"strings"
	"testing"
)

func TestNewToken(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for range 100 {
		plain, hash, err := NewToken()
		if err != nil {
			t.Fatal(err)
		}
		b, err := base64.RawURLEncoding.Strict().DecodeString(plain)
		if err != nil || len(b) != 32 || len(plain) != 43 {
			t.Fatalf("token %q: %d bytes, %v; want 43 chars of base64url for 32 bytes", plain, len(b), err)
		}
		if hash != HashToken(plain) || len(hash) != 64 {
			t.Errorf("NewToken hash = %q, want HashToken(plain)", hash)
		}
		if seen[plain] {
			t.Fatalf("token %q repeated", plain)
		}
		seen[plain] = true
	}
}

func TestNewAPIToken(t *testing.T) {
	t.Parallel()
	plain, hash, err := NewAPIToken()
	if err != nil {
		t.Fatal(err)
	}
	rest, ok := strings.CutPrefix(plain, "agora_pat_")
	if !ok || len(rest) != 43 {
		t.Errorf("API token %q, want agora_pat_ + 43 characters", plain)
	}
	if hash != HashToken(plain) {
		t.Errorf("API token hash does not cover the prefix")
	}
}

func TestHashToken(t *testing.T) {
	t.Parallel()
	// Pinned: stored hashes must stay valid across releases.
	sum := sha256.Sum256([]byte("abc"))
	if got, want := HashToken("abc"), hex.EncodeToString(sum[:]); got != want {
		t.Errorf("HashToken(abc) = %s, want %s", got, want)
	}
	if HashToken(" abc\n") != HashToken("abc") {
		t.Error("HashToken does not trim white space")
	}
	// Tokens are case-sensitive base64url; '-' is one of their characters.
	for _, other := range []string{"ABC", "a-bc", "a_bc"} {
		if HashToken(other) == HashToken("abc") {
			t.Errorf("HashToken(%q) == HashToken(abc)", other)
		}
	}
}
