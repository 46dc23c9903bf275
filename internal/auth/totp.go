package auth

import (
	"bytes"
	"crypto/subtle"
	"fmt"
	"image/png"
	"strings"
	"time"

	"github.com/pquerna/otp"
	"github.com/pquerna/otp/hotp"
	"github.com/pquerna/otp/totp"
)

// TOTP parameters. They are what every authenticator app supports
// (RFC 6238 defaults); changing them would break enrolled devices.
const (
	totpPeriod    = 30
	totpDigits    = otp.DigitsSix
	totpSkew      = 1
	totpSecretLen = 20 // bytes, the HMAC-SHA1 block-size recommendation of RFC 4226
)

// NewTOTPSecret creates a random TOTP secret for account at issuer and
// returns it in base32 (to show for manual entry) with the otpauth:// URL
// (to show as a QR code). issuer and account must not be empty.
func NewTOTPSecret(issuer, account string) (secret string, otpauthURL string, err error) {
	key, err := totp.Generate(totp.GenerateOpts{
		Issuer:      issuer,
		AccountName: account,
		Period:      totpPeriod,
		SecretSize:  totpSecretLen,
		Digits:      totpDigits,
		Algorithm:   otp.AlgorithmSHA1,
	})
	if err != nil {
		return "", "", fmt.Errorf("auth: new TOTP secret: %w", err)
	}
	return key.Secret(), key.URL(), nil
}

// TOTPStep returns the RFC 6238 time step containing now.
func TOTPStep(now time.Time) int64 {
	s := now.Unix()
	step := s / totpPeriod
	if s%totpPeriod < 0 { // floor, not truncation, before 1970
		step--
	}
	return step
}

// ValidateTOTP reports whether code is the 6-digit TOTP of secret at now,
// one step either side allowed for clock drift. Spaces in code are
// ignored. It does not stop a code being used twice; see MatchTOTP.
func ValidateTOTP(secret, code string, now time.Time) bool {
	_, ok := MatchTOTP(secret, code, now)
	return ok
}

// MatchTOTP is ValidateTOTP that also returns the step the code belongs
// to. Store it after a successful sign-in and reject any later code whose
// step is not greater: storing TOTPStep(now) instead would let a code made
// by a device running one step ahead be replayed in the next step.
func MatchTOTP(secret, code string, now time.Time) (step int64, ok bool) {
	code = strings.Join(strings.Fields(code), "")
	if len(code) != totpDigits.Length() || strings.Trim(code, "0123456789") != "" {
		return 0, false
	}
	cur := TOTPStep(now)
	opts := hotp.ValidateOpts{Digits: totpDigits, Algorithm: otp.AlgorithmSHA1}
	// Check every candidate step without stopping early, so the time
	// taken does not say which step matched.
	match := int64(-1)
	for s := cur - totpSkew; s <= cur+totpSkew; s++ {
		if s < 0 {
			continue
		}
		want, err := hotp.GenerateCodeCustom(secret, uint64(s), opts)
		if err != nil {
			return 0, false
		}
		if subtle.ConstantTimeCompare([]byte(want), []byte(code)) == 1 && match < 0 {
			match = s
		}
	}
	if match < 0 {
		return 0, false
	}
	return match, true
}

// TOTPQRCodePNG renders otpauthURL (from NewTOTPSecret) as a size×size PNG
// QR code, for a data: URL image next to the secret in text.
func TOTPQRCodePNG(otpauthURL string, size int) ([]byte, error) {
	if size < 64 || size > 2048 {
		return nil, fmt.Errorf("auth: QR code size %d out of range 64..2048", size)
	}
	key, err := otp.NewKeyFromURL(otpauthURL)
	if err != nil {
		return nil, fmt.Errorf("auth: QR code: %w", err)
	}
	if !strings.HasPrefix(otpauthURL, "otpauth://totp/") || key.Secret() == "" {
		return nil, fmt.Errorf("auth: QR code: not an otpauth TOTP URL")
	}
	img, err := key.Image(size, size)
	if err != nil {
		return nil, fmt.Errorf("auth: QR code: %w", err)
	}
	var buf bytes.Buffer
	if err := png.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("auth: QR code: %w", err)
	}
	return buf.Bytes(), nil
}
