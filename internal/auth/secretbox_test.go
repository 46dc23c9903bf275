package auth

import (
	"bytes"
	"encoding/base64"
	"errors"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"testing"
)

func testKey(b byte) []byte { return bytes.Repeat([]byte{b}, KeySize) }

func mustSealer(t *testing.T, keys map[byte][]byte, current byte) *Sealer {
	t.Helper()
	s, err := NewSealer(keys, current)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

// CNP-shaped values from shared/data/bad-input and a PESEL.
var idNumbers = []string{"1990101123456", "2990229123453", "0000000000000", "44051401359", ""}

func TestSealerRoundTrip(t *testing.T) {
	t.Parallel()
	s := mustSealer(t, map[byte][]byte{1: testKey(1)}, 1)
	for _, v := range append(idNumbers, "Ș ș Ț ț", strings.Repeat("x", 10000)) {
		ad := []byte("person/abc/cnp")
		sealed, err := s.Seal([]byte(v), ad)
		if err != nil {
			t.Fatal(err)
		}
		if strings.Contains(sealed, v) && v != "" {
			t.Errorf("sealed value %q shows the plaintext", sealed)
		}
		got, err := s.Open(sealed, ad)
		if err != nil || string(got) != v {
			t.Errorf("Open(Seal(%q)) = %q, %v", v, got, err)
		}
	}
	a, _ := s.Seal([]byte("1990101123456"), nil)
	b, _ := s.Seal([]byte("1990101123456"), nil)
	if a == b {
		t.Error("sealing twice gave the same ciphertext: nonces repeat")
	}
}

func TestSealerTamper(t *testing.T) {
	t.Parallel()
	s := mustSealer(t, map[byte][]byte{1: testKey(1), 2: testKey(2)}, 1)
	ad := []byte("person/abc/cnp")
	sealed, _ := s.Seal([]byte("1990101123456"), ad)
	raw, _ := base64.RawURLEncoding.DecodeString(sealed)
	for i := range raw {
		for _, bit := range []byte{0x01, 0x80} {
			c := bytes.Clone(raw)
			c[i] ^= bit
			if _, err := s.Open(base64.RawURLEncoding.EncodeToString(c), ad); !errors.Is(err, ErrCannotOpen) {
				t.Fatalf("flipping bit %#x of byte %d: Open error = %v, want ErrCannotOpen", bit, i, err)
			}
		}
	}
	for _, bad := range []string{"", "A", sealed[:len(sealed)-1], sealed + "A", sealed[:20], "!!!!", sealed + "=", base64.RawURLEncoding.EncodeToString(raw[:28])} {
		if _, err := s.Open(bad, ad); !errors.Is(err, ErrCannotOpen) {
			t.Errorf("Open(%q) error = %v, want ErrCannotOpen", bad, err)
		}
	}
	// Moved to another row or column.
	for _, other := range [][]byte{nil, []byte("person/abd/cnp"), []byte("person/abc/pesel")} {
		if _, err := s.Open(sealed, other); !errors.Is(err, ErrCannotOpen) {
			t.Errorf("Open with associated data %q: error = %v, want ErrCannotOpen", other, err)
		}
	}
	// Another deployment's key cannot open it.
	s2 := mustSealer(t, map[byte][]byte{1: testKey(9)}, 1)
	if _, err := s2.Open(sealed, ad); !errors.Is(err, ErrCannotOpen) {
		t.Errorf("Open with a foreign key: error = %v", err)
	}
}

func TestSealerRotation(t *testing.T) {
	t.Parallel()
	ad := []byte("person/1/cnp")
	old := mustSealer(t, map[byte][]byte{1: testKey(1)}, 1)
	sealedOld, _ := old.Seal([]byte("1990101123456"), ad)

	rotated := mustSealer(t, map[byte][]byte{1: testKey(1), 2: testKey(2)}, 2)
	if got, err := rotated.Open(sealedOld, ad); err != nil || string(got) != "1990101123456" {
		t.Fatalf("rotated Open(old) = %q, %v", got, err)
	}
	if !rotated.NeedsReseal(sealedOld) {
		t.Error("NeedsReseal(old value) = false")
	}
	sealedNew, _ := rotated.Seal([]byte("1990101123456"), ad)
	if rotated.NeedsReseal(sealedNew) || rotated.NeedsReseal("!!") {
		t.Error("NeedsReseal(new value or junk) = true")
	}
	if raw, _ := base64.RawURLEncoding.DecodeString(sealedNew); raw[0] != 2 {
		t.Errorf("new value sealed with key %d, want 2", raw[0])
	}
	// After retiring key 1, old values no longer open: re-seal them first.
	retired := mustSealer(t, map[byte][]byte{2: testKey(2)}, 2)
	if _, err := retired.Open(sealedOld, ad); !errors.Is(err, ErrCannotOpen) {
		t.Errorf("Open with retired key: error = %v", err)
	}
	if got, err := retired.Open(sealedNew, ad); err != nil || string(got) != "1990101123456" {
		t.Errorf("Open(new) after retiring key 1 = %q, %v", got, err)
	}
	// Blind indexes survive adding a key.
	if old.BlindIndex("1990101123456") != rotated.BlindIndex("1990101123456") {
		t.Error("BlindIndex changed when a key was added")
	}
}

func TestBlindIndex(t *testing.T) {
	t.Parallel()
	s := mustSealer(t, map[byte][]byte{7: testKey(7)}, 7)
	// Pinned: indexes are stored, so their derivation must never change.
	// Computed independently in Python: HMAC-SHA256 keyed with
	// HKDF-SHA256(key, no salt, "agora blind index v1").
	const want = "c9d6457263e070b17f49cbf7610b05159a5c3f1d77c2b02a609207aedbaae016"
	if got := s.BlindIndex("1990101123456"); got != want {
		t.Errorf("BlindIndex(1990101123456) = %s, want %s", got, want)
	}
	seen := map[string]string{}
	for _, v := range idNumbers {
		ix := s.BlindIndex(v)
		if ix != s.BlindIndex(v) || len(ix) != 64 {
			t.Errorf("BlindIndex(%q) = %q, not stable 64-hex", v, ix)
		}
		if prev, dup := seen[ix]; dup {
			t.Errorf("BlindIndex(%q) == BlindIndex(%q)", v, prev)
		}
		seen[ix] = v
	}
	other := mustSealer(t, map[byte][]byte{7: testKey(8)}, 7)
	if other.BlindIndex("1990101123456") == want {
		t.Error("BlindIndex does not depend on the key")
	}
}

func TestNewSealerErrors(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		keys    map[byte][]byte
		current byte
	}{
		{nil, 0},
		{map[byte][]byte{1: testKey(1)}, 2},
		{map[byte][]byte{1: testKey(1)[:16]}, 1},
		{map[byte][]byte{1: testKey(1), 2: nil}, 1},
	} {
		if _, err := NewSealer(tt.keys, tt.current); err == nil {
			t.Errorf("NewSealer(%d keys, %d) succeeded", len(tt.keys), tt.current)
		}
	}
}

func TestLoadOrCreateKeyFile(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "data", "keys")
	s1, err := LoadOrCreateKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if runtime.GOOS != "windows" && fi.Mode().Perm() != 0o600 {
		t.Errorf("key file mode %v, want 0600", fi.Mode().Perm())
	}
	sealed, _ := s1.Seal([]byte("44051401359"), nil)
	s2, err := LoadOrCreateKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s2.Open(sealed, nil); err != nil || string(got) != "44051401359" {
		t.Errorf("reloaded key file cannot open: %q, %v", got, err)
	}
	if s1.BlindIndex("x") != s2.BlindIndex("x") {
		t.Error("blind index changed on reload")
	}
	entries, _ := os.ReadDir(filepath.Dir(path))
	if len(entries) != 1 {
		t.Errorf("data dir holds %d entries, want only the key file", len(entries))
	}

	s3, err := RotateKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !s3.NeedsReseal(sealed) {
		t.Error("after rotation the old value does not need re-sealing")
	}
	s4, err := LoadOrCreateKeyFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got, err := s4.Open(sealed, nil); err != nil || string(got) != "44051401359" {
		t.Errorf("after rotation old value: %q, %v", got, err)
	}
	newer, _ := s4.Seal([]byte("y"), nil)
	if raw, _ := base64.RawURLEncoding.DecodeString(newer); raw[0] != 2 {
		t.Errorf("after rotation sealing uses key %d, want 2", raw[0])
	}
	if s4.BlindIndex("x") != s1.BlindIndex("x") {
		t.Error("blind index changed on rotation")
	}
}

func TestLoadOrCreateKeyFileConcurrent(t *testing.T) {
	t.Parallel()
	path := filepath.Join(t.TempDir(), "keys")
	idx := make([]string, 8)
	var wg sync.WaitGroup
	for i := range idx {
		wg.Go(func() {
			s, err := LoadOrCreateKeyFile(path)
			if err != nil {
				t.Error(err)
				return
			}
			idx[i] = s.BlindIndex("x")
		})
	}
	wg.Wait()
	for i := range idx {
		if idx[i] != idx[0] {
			t.Fatalf("concurrent creators ended with different keys")
		}
	}
}

func TestLoadKeyFileRejects(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	good := "1 " + base64.RawURLEncoding.EncodeToString(testKey(1)) + "\n"
	for name, tt := range map[string]struct {
		content string
		mode    os.FileMode
	}{
		"world readable": {good, 0o644},
		"empty":          {"# nothing\n", 0o600},
		"short key":      {"1 " + base64.RawURLEncoding.EncodeToString(testKey(1)[:31]) + "\n", 0o600},
		"bad id":         {"256 " + base64.RawURLEncoding.EncodeToString(testKey(1)) + "\n", 0o600},
		"repeated id":    {good + good, 0o600},
		"not base64":     {"1 ***\n", 0o600},
		"three fields":   {"1 a b\n", 0o600},
	} {
		if name == "world readable" && runtime.GOOS == "windows" {
			continue
		}
		path := filepath.Join(dir, strings.ReplaceAll(name, " ", "_"))
		if err := os.WriteFile(path, []byte(tt.content), tt.mode); err != nil {
			t.Fatal(err)
		}
		os.Chmod(path, tt.mode)
		if _, err := LoadOrCreateKeyFile(path); err == nil {
			t.Errorf("%s: LoadOrCreateKeyFile succeeded", name)
		}
	}
}

func TestSealerFromEnv(t *testing.T) {
	t.Parallel()
	k1, k2 := testKey(1), testKey(2)
	single := mustSealer(t, map[byte][]byte{1: k1}, 1)
	pair := mustSealer(t, map[byte][]byte{1: k1, 2: k2}, 2)
	sealedPair, _ := pair.Seal([]byte("v"), nil)
	for _, tt := range []struct {
		env  string
		want *Sealer
	}{
		{base64.StdEncoding.EncodeToString(k1), single},
		{base64.RawStdEncoding.EncodeToString(k1), single},
		{base64.URLEncoding.EncodeToString(k1), single},
		{" " + base64.RawURLEncoding.EncodeToString(k1) + "\n", single},
		{"1:" + base64.StdEncoding.EncodeToString(k1) + ",2:" + base64.StdEncoding.EncodeToString(k2), pair},
		{"2:" + base64.StdEncoding.EncodeToString(k2) + "\n1:" + base64.StdEncoding.EncodeToString(k1), pair},
	} {
		s, err := SealerFromEnv(tt.env)
		if err != nil {
			t.Errorf("SealerFromEnv(%q): %v", tt.env, err)
			continue
		}
		if s.BlindIndex("x") != tt.want.BlindIndex("x") || s.current != tt.want.current {
			t.Errorf("SealerFromEnv(%q) built other keys", tt.env)
		}
		if tt.want == pair {
			if _, err := s.Open(sealedPair, nil); err != nil {
				t.Errorf("SealerFromEnv(%q) cannot open: %v", tt.env, err)
			}
		}
	}
	for _, bad := range []string{"", "   ", "c2hvcnQ=", "1:", ":AAAA", "x:" + base64.StdEncoding.EncodeToString(k1), "not base64 at all"} {
		if _, err := SealerFromEnv(bad); err == nil {
			t.Errorf("SealerFromEnv(%q) succeeded", bad)
		}
	}
}

func FuzzSealerOpen(f *testing.F) {
	s, err := NewSealer(map[byte][]byte{1: testKey(1), 2: testKey(2)}, 2)
	if err != nil {
		f.Fatal(err)
	}
	for _, v := range idNumbers {
		sealed, _ := s.Seal([]byte(v), []byte("ad"))
		f.Add(sealed, []byte("ad"))
	}
	for _, v := range badInputs(f) {
		f.Add(v, []byte(v))
	}
	f.Fuzz(func(t *testing.T, sealed string, ad []byte) {
		pt, err := s.Open(sealed, ad)
		if err != nil {
			if !errors.Is(err, ErrCannotOpen) {
				t.Fatalf("Open(%q) error %v is not ErrCannotOpen", sealed, err)
			}
			return
		}
		// Anything that opens must be a genuine ciphertext: re-sealing and
		// opening gives the same plaintext.
		again, _ := s.Seal(pt, ad)
		if got, err := s.Open(again, ad); err != nil || !bytes.Equal(got, pt) {
			t.Fatalf("round trip of %q failed", pt)
		}
	})
}
