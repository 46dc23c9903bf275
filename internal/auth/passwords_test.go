package auth

import (
	"errors"
	"strings"
	"testing"
)

func TestHashVerifyRoundTrip(t *testing.T) {
	t.Parallel()
	h := TestHasher()
	for _, pw := range []string{"correct horse battery staple", "Ș ș Ț ț ă â î", "ą ć ę ł ń ó ś ź ż", "", strings.Repeat("x", 1024)} {
		enc, err := h.Hash(pw)
		if err != nil {
			t.Fatalf("Hash(%q): %v", pw, err)
		}
		if !strings.HasPrefix(enc, "$argon2id$v=19$m=64,t=1,p=1$") {
			t.Errorf("Hash(%q) = %q, want PHC argon2id prefix", pw, enc)
		}
		ok, rehash, err := h.Verify(enc, pw)
		if !ok || rehash || err != nil {
			t.Errorf("Verify(Hash(%q), same) = %v, %v, %v; want true, false, nil", pw, ok, rehash, err)
		}
		ok, rehash, err = h.Verify(enc, pw+"!")
		if ok || rehash || err != nil {
			t.Errorf("Verify(Hash(%q), wrong) = %v, %v, %v; want false, false, nil", pw, ok, rehash, err)
		}
	}
}

func TestHashSaltsDiffer(t *testing.T) {
	t.Parallel()
	a, _ := TestHasher().Hash("same password")
	b, _ := TestHasher().Hash("same password")
	if a == b {
		t.Errorf("two hashes of one password are equal: %q", a)
	}
}

func TestDefaultHasherAndVerifyPassword(t *testing.T) {
	t.Parallel()
	enc, err := DefaultHasher().Hash("correct horse battery staple")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(enc, "$argon2id$v=19$m=19456,t=2,p=1$") {
		t.Errorf("DefaultHasher().Hash = %q, want OWASP parameters", enc)
	}
	if ok, rehash, err := VerifyPassword(enc, "correct horse battery staple"); !ok || rehash || err != nil {
		t.Errorf("VerifyPassword = %v, %v, %v; want true, false, nil", ok, rehash, err)
	}
}

// The expected strings come from the reference implementation
// (Debian's argon2 CLI, `argon2 SALT -id -t T -k M -p P -l L -e`), so
// they prove agora reads hashes written elsewhere.
func TestVerifyReferenceHashes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		enc, pw    string
		wantRehash bool
	}{
		{"$argon2id$v=19$m=19456,t=2,p=1$YWdvcmFzYWx0YWdvcmFzYWx0$fJmTIT4mlFDF26rLj+BRYP80ImUT6qHdK59wwNHbZ0w", "correct horse battery staple", true},
		{"$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$hjRn2BaZT1xFoCjiZam3Ug", "parolă", true},
	} {
		ok, rehash, err := VerifyPassword(tt.enc, tt.pw)
		if !ok || rehash != tt.wantRehash || err != nil {
			t.Errorf("VerifyPassword(%q, %q) = %v, %v, %v; want true, %v, nil", tt.enc, tt.pw, ok, rehash, err, tt.wantRehash)
		}
	}
}

func TestNeedsRehash(t *testing.T) {
	t.Parallel()
	old := PasswordHasher{Memory: 64, Time: 1, Threads: 1, KeyLen: 32}
	enc, err := old.Hash("a long enough password")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name string
		h    PasswordHasher
		want bool
	}{
		{"same", old, false},
		{"memory", PasswordHasher{Memory: 128, Time: 1, Threads: 1, KeyLen: 32}, true},
		{"time", PasswordHasher{Memory: 64, Time: 2, Threads: 1, KeyLen: 32}, true},
		{"threads", PasswordHasher{Memory: 64, Time: 1, Threads: 2, KeyLen: 32}, true},
		{"keylen", PasswordHasher{Memory: 64, Time: 1, Threads: 1, KeyLen: 16}, true},
		{"lower", PasswordHasher{Memory: 32, Time: 1, Threads: 1, KeyLen: 32}, true},
	} {
		ok, rehash, err := tt.h.Verify(enc, "a long enough password")
		if !ok || rehash != tt.want || err != nil {
			t.Errorf("%s: Verify = %v, %v, %v; want true, %v, nil", tt.name, ok, rehash, err, tt.want)
		}
		// A wrong password never asks for a rehash.
		if ok, rehash, _ := tt.h.Verify(enc, "wrong"); ok || rehash {
			t.Errorf("%s: Verify(wrong) = %v, %v; want false, false", tt.name, ok, rehash)
		}
	}
}

// A password typed on another device must still match: decomposed
// accents, and cedilla letters from the legacy Romanian keyboard.
func TestPasswordNormalisation(t *testing.T) {
	t.Parallel()
	h := TestHasher()
	enc, err := h.Hash("țară și pădure")
	if err != nil {
		t.Fatal(err)
	}
	for _, typed := range []string{
		"țară și pădure",
		"ţară şi pădure",                         // cedilla, legacy keyboard
		"t\u0326ara\u0306 s\u0326i pa\u0306dure", // combining comma below and breve
		"t\u0327ara\u0306 s\u0327i pa\u0306dure", // combining cedilla
	} {
		if ok, _, err := h.Verify(enc, typed); !ok || err != nil {
			t.Errorf("Verify(Hash(țară și pădure), %q) = %v, %v; want true", typed, ok, err)
		}
	}
	if ok, _, _ := h.Verify(enc, "tara si padure"); ok {
		t.Error("Verify accepted the password without diacritics")
	}
}

func TestVerifyMalformed(t *testing.T) {
	t.Parallel()
	good, _ := TestHasher().Hash("password for tests")
	parts := strings.Split(good, "$")
	with := func(i int, v string) string {
		p := append([]string(nil), parts...)
		p[i] = v
		return strings.Join(p, "$")
	}
	for _, enc := range []string{
		"",
		"$",
		"plain text password",
		"$2a$10$N9qo8uLOickgx2ZMRZoMyeIjZAgcfl7p92ldGxad68LJZdL17lhWy", // bcrypt
		"$argon2i$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$hjRn2BaZT1xFoCjiZam3Ug",
		"$argon2d$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$hjRn2BaZT1xFoCjiZam3Ug",
		"$argon2id$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$hjRn2BaZT1xFoCjiZam3Ug", // no version
		with(2, "v=16"),
		with(3, "m=64,t=1"),
		with(3, "t=1,m=64,p=1"),
		with(3, "m=64,t=0,p=1"),
		with(3, "m=64,t=1,p=0"),
		with(3, "m=64,t=1,p=256"),
		with(3, "m=4,t=1,p=1"),
		with(3, "m=064,t=1,p=1"),
		with(3, "m=-64,t=1,p=1"),
		with(3, "m=+64,t=1,p=1"),
		with(3, "m=4294967296,t=1,p=1"),
		with(3, "m=4194304,t=1,p=1"), // 4 GiB: refused, not allocated
		with(3, "m=64,t=1000000,p=1"),
		with(3, "m=64,t=1,p=1,data=x"),
		with(4, ""),
		with(4, "c2FsdA"),             // 4-byte salt
		with(4, parts[4]+"="),         // padding
		with(4, "!!!!!!!!!!!!!!!!!!"), // not base64
		with(5, ""),
		with(5, "AAAA"), // 3-byte hash
		with(5, strings.Repeat("A", 200)),
		good + "$",
		"x" + good,
	} {
		ok, rehash, err := TestHasher().Verify(enc, "password for tests")
		if ok || rehash || !errors.Is(err, ErrMalformedHash) {
			t.Errorf("Verify(%q) = %v, %v, %v; want false, false, ErrMalformedHash", enc, ok, rehash, err)
		}
	}
}

func TestHashRejectsBadParameters(t *testing.T) {
	t.Parallel()
	for _, h := range []PasswordHasher{
		{},
		{Memory: 64, Time: 0, Threads: 1, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 0, KeyLen: 32},
		{Memory: 64, Time: 1, Threads: 1, KeyLen: 4},
		{Memory: 1 << 30, Time: 1, Threads: 1, KeyLen: 32},
	} {
		if _, err := h.Hash("x"); !errors.Is(err, ErrMalformedHash) {
			t.Errorf("%+v.Hash error = %v, want ErrMalformedHash", h, err)
		}
	}
}

func TestDummyVerify(t *testing.T) {
	t.Parallel()
	// Only that it runs for any hasher, a broken one included: its point,
	// equal timing, is shown by BenchmarkDummyVerify against BenchmarkVerify.
	TestHasher().DummyVerify("whatever")
	PasswordHasher{}.DummyVerify("whatever")
}

func BenchmarkVerify(b *testing.B) {
	enc, _ := DefaultHasher().Hash("correct horse battery staple")
	for b.Loop() {
		VerifyPassword(enc, "wrong horse battery staple")
	}
}

func BenchmarkDummyVerify(b *testing.B) {
	h := DefaultHasher()
	for b.Loop() {
		h.DummyVerify("wrong horse battery staple")
	}
}

func FuzzVerifyPassword(f *testing.F) {
	good, _ := TestHasher().Hash("seed password")
	f.Add(good, "seed password")
	f.Add("$argon2id$v=19$m=64,t=1,p=1$c29tZXNhbHRzb21lc2FsdA$hjRn2BaZT1xFoCjiZam3Ug", "parolă")
	f.Add("$argon2id$v=19$m=8,t=1,p=1$AAAAAAAAAAA$AAAAAAAAAAAAAAAAAAAAAA", "")
	f.Add("$argon2id$v=19$m=64,t=1,p=1$$", "x")
	for _, s := range badInputs(f) {
		f.Add(s, s)
		f.Add("$argon2id$v=19$m=64,t=1,p=1$"+s+"$"+s, s)
	}
	f.Fuzz(func(t *testing.T, enc, pw string) {
		ok, rehash, err := TestHasher().Verify(enc, pw)
		if err != nil && (ok || rehash) {
			t.Fatalf("Verify(%q) = %v, %v with error %v", enc, ok, rehash, err)
		}
		if err != nil && !errors.Is(err, ErrMalformedHash) {
			t.Fatalf("Verify(%q) error %v is not ErrMalformedHash", enc, err)
		}
		if rehash && !ok {
			t.Fatalf("Verify(%q) asks for a rehash of a wrong password", enc)
		}
	})
}
