package auth

import (
	"bytes"
	"crypto/rand"
	"encoding/base64"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
)

// A key file holds one key per line, "<id> <base64url key>", '#' starting
// a comment; the highest id is the current key. Rotating appends a line,
// so every value sealed before stays readable.
const keyFileHeader = "# agora field-encryption keys: keep secret, back up with the database.\n" +
	"# One key per line: <id 0-255> <base64url of 32 bytes>. The highest id seals new values.\n"

// LoadOrCreateKeyFile reads the key file at path, or creates it with one
// fresh random key (id 1) and mode 0600 when it does not exist. It refuses
// a file others may read, as ssh does with private keys.
func LoadOrCreateKeyFile(path string) (*Sealer, error) {
	data, err := os.ReadFile(path)
	if errors.Is(err, fs.ErrNotExist) {
		var k [KeySize]byte
		rand.Read(k[:])
		if err := writeKeyFileExcl(path, formatKeyFile(map[byte][]byte{1: k[:]})); err != nil && !errors.Is(err, fs.ErrExist) {
			return nil, err
		}
		// Whether we or a process racing us created it, read what is there.
		data, err = os.ReadFile(path)
	}
	if err != nil {
		return nil, fmt.Errorf("auth: key file: %w", err)
	}
	if err := checkKeyFileMode(path); err != nil {
		return nil, err
	}
	keys, current, err := parseKeys(string(data), "\n")
	if err != nil {
		return nil, fmt.Errorf("auth: key file %s: %w", path, err)
	}
	return NewSealer(keys, current)
}

// RotateKeyFile adds a fresh key with the next id to the key file at path
// and returns a Sealer that seals with it. Values sealed before still
// open; re-seal them (see Sealer.NeedsReseal) before removing old keys.
func RotateKeyFile(path string) (*Sealer, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("auth: key file: %w", err)
	}
	keys, current, err := parseKeys(string(data), "\n")
	if err != nil {
		return nil, fmt.Errorf("auth: key file %s: %w", path, err)
	}
	if current == 255 {
		return nil, fmt.Errorf("auth: key file %s: key id 255 in use, renumber the keys first", path)
	}
	k := make([]byte, KeySize)
	rand.Read(k)
	keys[current+1] = k
	tmp := path + ".new"
	os.Remove(tmp)
	if err := writeKeyFileExcl(tmp, formatKeyFile(keys)); err != nil {
		return nil, err
	}
	if err := os.Rename(tmp, path); err != nil {
		os.Remove(tmp)
		return nil, fmt.Errorf("auth: key file: %w", err)
	}
	return NewSealer(keys, current+1)
}

// SealerFromEnv builds a Sealer from the AGORA_SECRET_KEY value: either
// one base64 key (id 1), or "id:key" pairs separated by commas or white
// space, the highest id sealing. Standard and URL base64, with or without
// padding, are accepted. Key generation: `head -c32 /dev/urandom | base64`.
func SealerFromEnv(b64 string) (*Sealer, error) {
	b64 = strings.TrimSpace(b64)
	if b64 == "" {
		return nil, errors.New("auth: AGORA_SECRET_KEY is empty")
	}
	if !strings.Contains(b64, ":") {
		k, err := decodeKey(b64)
		if err != nil {
			return nil, fmt.Errorf("auth: AGORA_SECRET_KEY: %w", err)
		}
		return NewSealer(map[byte][]byte{1: k}, 1)
	}
	keys, current, err := parseKeys(strings.ReplaceAll(b64, ",", "\n"), ":")
	if err != nil {
		return nil, fmt.Errorf("auth: AGORA_SECRET_KEY: %w", err)
	}
	return NewSealer(keys, current)
}

// parseKeys reads "<id><sep><key>" lines (sep "\n" meaning white space).
func parseKeys(text, sep string) (map[byte][]byte, byte, error) {
	keys := map[byte][]byte{}
	var current byte
	for i, line := range strings.Split(text, "\n") {
		line = strings.TrimSpace(line)
		if line == "" || line[0] == '#' {
			continue
		}
		var f []string
		if sep == "\n" {
			f = strings.Fields(line)
		} else {
			f = strings.SplitN(line, sep, 2)
		}
		if len(f) != 2 {
			return nil, 0, fmt.Errorf("line %d: want <id> <key>", i+1)
		}
		id, err := strconv.ParseUint(strings.TrimSpace(f[0]), 10, 8)
		if err != nil {
			return nil, 0, fmt.Errorf("line %d: key id %q is not 0-255", i+1, f[0])
		}
		if _, dup := keys[byte(id)]; dup {
			return nil, 0, fmt.Errorf("line %d: key id %d repeated", i+1, id)
		}
		k, err := decodeKey(strings.TrimSpace(f[1]))
		if err != nil {
			return nil, 0, fmt.Errorf("line %d: %w", i+1, err)
		}
		keys[byte(id)] = k
		current = max(current, byte(id))
	}
	if len(keys) == 0 {
		return nil, 0, errors.New("no keys")
	}
	return keys, current, nil
}

func decodeKey(s string) ([]byte, error) {
	for _, enc := range []*base64.Encoding{base64.RawURLEncoding, base64.URLEncoding, base64.RawStdEncoding, base64.StdEncoding} {
		if k, err := enc.DecodeString(s); err == nil {
			if len(k) != KeySize {
				return nil, fmt.Errorf("key has %d bytes, want %d", len(k), KeySize)
			}
			return k, nil
		}
	}
	return nil, errors.New("key is not base64")
}

func formatKeyFile(keys map[byte][]byte) []byte {
	var b bytes.Buffer
	b.WriteString(keyFileHeader)
	for id := range 256 {
		if k, ok := keys[byte(id)]; ok {
			fmt.Fprintf(&b, "%d %s\n", id, base64.RawURLEncoding.EncodeToString(k))
		}
	}
	return b.Bytes()
}

// writeKeyFileExcl writes data to a new file at path, mode 0600, failing
// with fs.ErrExist if it exists. The content goes to a temporary file
// first and is linked into place, so a concurrent reader never sees a
// half-written key file.
func writeKeyFileExcl(path string, data []byte) error {
	dir := filepath.Dir(path)
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return fmt.Errorf("auth: key file: %w", err)
	}
	f, err := os.CreateTemp(dir, ".agora-keys-*")
	if err != nil {
		return fmt.Errorf("auth: key file: %w", err)
	}
	tmp := f.Name()
	defer os.Remove(tmp)
	if err := f.Chmod(0o600); err != nil {
		f.Close()
		return fmt.Errorf("auth: key file: %w", err)
	}
	if _, err := f.Write(data); err != nil {
		f.Close()
		return fmt.Errorf("auth: key file: %w", err)
	}
	if err := f.Sync(); err != nil {
		f.Close()
		return fmt.Errorf("auth: key file: %w", err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("auth: key file: %w", err)
	}
	if err := os.Link(tmp, path); err != nil {
		if errors.Is(err, fs.ErrExist) {
			return err
		}
		return fmt.Errorf("auth: key file: %w", err)
	}
	return nil
}

func checkKeyFileMode(path string) error {
	if runtime.GOOS == "windows" {
		return nil
	}
	fi, err := os.Stat(path)
	if err != nil {
		return fmt.Errorf("auth: key file: %w", err)
	}
	if fi.Mode().Perm()&0o077 != 0 {
		return fmt.Errorf("auth: key file %s has mode %v; others must not read it (chmod 600)", path, fi.Mode().Perm())
	}
	return nil
}
