package auth

import (
	"bytes"
	"encoding/base32"
	"image/png"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
)

// rfcSecret is the SHA-1 key of RFC 6238 appendix B, "12345678901234567890".
var rfcSecret = base32.StdEncoding.EncodeToString([]byte("12345678901234567890"))

// The RFC's 8-digit values, cut to the 6 digits authenticator apps show.
var rfcVectors = []struct {
	unix int64
	code string
}{
	{59, "287082"},
	{1111111109, "081804"},
	{1111111111, "050471"},
	{1234567890, "005924"},
	{2000000000, "279037"},
	{20000000000, "353130"},
}

func TestValidateTOTPRFC6238(t *testing.T) {
	t.Parallel()
	for _, v := range rfcVectors {
		now := time.Unix(v.unix, 0)
		if !ValidateTOTP(rfcSecret, v.code, now) {
			t.Errorf("ValidateTOTP(rfc, %s, %d) = false, want true", v.code, v.unix)
		}
		step, ok := MatchTOTP(rfcSecret, v.code, now)
		if !ok || step != v.unix/30 {
			t.Errorf("MatchTOTP(rfc, %s, %d) = %d, %v; want %d, true", v.code, v.unix, step, ok, v.unix/30)
		}
	}
}

func TestValidateTOTPSkew(t *testing.T) {
	t.Parallel()
	// 287082 belongs to step 1 (30s..59s).
	for _, tt := range []struct {
		unix int64
		want bool
	}{
		{-1, false}, {0, true}, {29, true}, {30, true}, {59, true}, {60, true}, {89, true}, {90, false}, {1000, false},
	} {
		if got := ValidateTOTP(rfcSecret, "287082", time.Unix(tt.unix, 0)); got != tt.want {
			t.Errorf("ValidateTOTP(287082, t=%d) = %v, want %v", tt.unix, got, tt.want)
		}
	}
}

func TestValidateTOTPInput(t *testing.T) {
	t.Parallel()
	now := time.Unix(59, 0)
	for _, tt := range []struct {
		code string
		want bool
	}{
		{"287082", true},
		{" 287082 ", true},
		{"287 082", true},
		{"2 8 7\t0 8 2\n", true},
		{"287083", false},
		{"28708", false},
		{"2870820", false},
		{"94287082", false}, // the 8-digit form
		{"", false},
		{"abcdef", false},
		{"２８７０８２", false}, // full-width digits
		{"-287082", false},
		{"+28708", false},
	} {
		if got := ValidateTOTP(rfcSecret, tt.code, now); got != tt.want {
			t.Errorf("ValidateTOTP(%q) = %v, want %v", tt.code, got, tt.want)
		}
	}
	if ValidateTOTP("not base32!", "287082", now) {
		t.Error("ValidateTOTP accepted a code for a malformed secret")
	}
}

// Replay protection as the web layer does it: keep the last step used and
// refuse codes whose step is not greater.
func TestTOTPReplay(t *testing.T) {
	t.Parallel()
	var last int64 = -1
	use := func(code string, unix int64) bool {
		step, ok := MatchTOTP(rfcSecret, code, time.Unix(unix, 0))
		if !ok || step <= last {
			return false
		}
		last = step
		return true
	}
	if !use("287082", 45) {
		t.Fatal("first use refused")
	}
	if use("287082", 50) {
		t.Error("same code accepted twice in its step")
	}
	if use("287082", 65) {
		t.Error("same code accepted again in the next step")
	}
	code, _ := hotp.GenerateCodeCustom(rfcSecret, 2, hotp.ValidateOpts{Digits: otp.DigitsSix})
	if !use(code, 65) {
		t.Error("next step's code refused")
	}
	if TOTPStep(time.Unix(65, 0)) != 2 {
		t.Errorf("TOTPStep(65s) = %d, want 2", TOTPStep(time.Unix(65, 0)))
	}
}

func TestNewTOTPSecret(t *testing.T) {
	t.Parallel()
	secret, u, err := NewTOTPSecret("agora Primăria Cluj", "maria@example.org")
	if err != nil {
		t.Fatal(err)
	}
	raw, err := base32.StdEncoding.WithPadding(base32.NoPadding).DecodeString(secret)
	if err != nil || len(raw) != 20 {
		t.Errorf("secret %q decodes to %d bytes, %v; want 20", secret, len(raw), err)
	}
	pu, err := url.Parse(u)
	if err != nil {
		t.Fatal(err)
	}
	q := pu.Query()
	if pu.Scheme != "otpauth" || pu.Host != "totp" || q.Get("secret") != secret || q.Get("issuer") != "agora Primăria Cluj" ||
		q.Get("digits") != "6" || q.Get("period") != "30" || q.Get("algorithm") != "SHA1" {
		t.Errorf("otpauth URL = %s", u)
	}
	now := time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)
	code, err := hotp.GenerateCodeCustom(secret, uint64(TOTPStep(now)), hotp.ValidateOpts{Digits: otp.DigitsSix})
	if err != nil {
		t.Fatal(err)
	}
	if !ValidateTOTP(secret, code, now) {
		t.Error("code generated from the new secret is refused")
	}
	if s2, _, _ := NewTOTPSecret("agora", "x"); s2 == secret {
		t.Error("two secrets are equal")
	}
	if _, _, err := NewTOTPSecret("", "x"); err == nil {
		t.Error("NewTOTPSecret with no issuer succeeded")
	}
}

func TestTOTPQRCodePNG(t *testing.T) {
	t.Parallel()
	_, u, err := NewTOTPSecret("agora", "jan.kowalski@example.pl")
	if err != nil {
		t.Fatal(err)
	}
	b, err := TOTPQRCodePNG(u, 256)
	if err != nil {
		t.Fatal(err)
	}
	img, err := png.Decode(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	if r := img.Bounds(); r.Dx() != 256 || r.Dy() != 256 {
		t.Errorf("QR image is %v, want 256×256", r)
	}
	dark, light := 0, 0
	for y := 0; y < 256; y += 4 {
		for x := 0; x < 256; x += 4 {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				dark++
			} else {
				light++
			}
		}
	}
	if dark < 500 || light < 500 {
		t.Errorf("QR image has %d dark and %d light samples; not a code", dark, light)
	}
	for _, tt := range []struct {
		url  string
		size int
	}{{u, 10}, {u, 10000}, {"https://example.org", 256}, {"not a url\x7f", 256}} {
		if _, err := TOTPQRCodePNG(tt.url, tt.size); err == nil {
			t.Errorf("TOTPQRCodePNG(%q, %d) succeeded", tt.url, tt.size)
		}
	}
}

func FuzzValidateTOTP(f *testing.F) {
	for _, v := range rfcVectors {
		f.Add(rfcSecret, v.code, v.unix)
	}
	f.Add("", "", int64(-1<<62))
	f.Add("gezdgnbvgy3tqojq", " 000000 ", int64(1<<62))
	for _, s := range badInputs(f) {
		f.Add(s, s, int64(59))
	}
	f.Fuzz(func(t *testing.T, secret, code string, unix int64) {
		step, ok := MatchTOTP(secret, code, time.Unix(unix, 0))
		if ok && (len(strings.Join(strings.Fields(code), "")) != 6 || step < 0) {
			t.Fatalf("MatchTOTP(%q, %q, %d) = %d, true", secret, code, unix, step)
		}
	})
}
