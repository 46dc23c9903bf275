package agora

import (
	"bufio"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// seedID adds the bad-input payloads, the given real numbers, and each of
// them dressed the way people type them.
func seedID(f *testing.F, valid ...string) {
	for _, s := range idBadInput(f) {
		f.Add(s)
	}
	for _, s := range valid {
		f.Add(s)
		f.Add(" " + s + " ")
		if len(s) > 4 {
			f.Add(s[:3] + "-" + s[3:])
			f.Add(s[:2] + " " + s[2:])
		}
		f.Add(s[1:])
		f.Add(s + "0")
	}
}

// idErrKey returns the i18n key of a validation result, "" for nil, and
// fails on anything that is not an Invalid error for field "f".
func idErrKey(t *testing.T, err error) string {
	t.Helper()
	if err == nil {
		return ""
	}
	var e *Error
	if !errors.As(err, &e) || e.Kind != Invalid || e.Field != "f" || e.Key == "" {
		t.Fatalf("error %#v is not an Invalid field error for f", err)
	}
	return e.Key
}

// checkID asserts the properties every identifier shares: normalising is
// idempotent, validation gives the same answer for the normalised form,
// and a valid input normalises to exactly the canonical shape.
func checkID(t *testing.T, s string, normalize func(string) string, validate func(field, s string) error, canonical func(string) bool) {
	t.Helper()
	key := idErrKey(t, validate("f", s))
	n := normalize(s)
	if nn := normalize(n); nn != n {
		t.Fatalf("normalize(%q) = %q, normalize of that = %q", s, n, nn)
	}
	if k := idErrKey(t, validate("f", n)); k != key {
		t.Fatalf("validate(%q) = %q but validate(normalized %q) = %q", s, key, n, k)
	}
	if key == "" && !canonical(n) {
		t.Fatalf("valid %q normalizes to non-canonical %q", s, n)
	}
}

func idDigitsOfLen(lens ...int) func(string) bool {
	return func(s string) bool {
		for _, l := range lens {
			if len(s) == l && isASCIIDigits(s) {
				return true
			}
		}
		return false
	}
}

func FuzzCUI(f *testing.F) {
	seedID(f, "4267117", "RO4267117", "4221306", "13267221", "1234567897", "19", "60")
	f.Fuzz(func(t *testing.T, s string) {
		checkID(t, s, NormalizeCUI, ValidateCUI, func(n string) bool {
			return len(n) >= 2 && len(n) <= 10 && isASCIIDigits(n) && n[0] != '0'
		})
	})
}

func FuzzCNP(f *testing.F) {
	seedID(f, "1900101123457", "5000229400019", "6001230700120", "1800101471238", "7000229460016", "1900101121041")
	f.Fuzz(func(t *testing.T, s string) {
		checkID(t, s, NormalizeCNP, ValidateCNP, idDigitsOfLen(13))
	})
}

func FuzzPESEL(f *testing.F) {
	seedID(f, "44051401359", "82123100005", "00222900009", "00410100000", "00610100006", "99923100007")
	f.Fuzz(func(t *testing.T, s string) {
		checkID(t, s, NormalizePESEL, ValidatePESEL, idDigitsOfLen(11))
	})
}

func FuzzNIP(f *testing.F) {
	seedID(f, "5260250995", "PL5260250995", "526-025-09-95", "5261040828", "1234563218")
	f.Fuzz(func(t *testing.T, s string) {
		checkID(t, s, NormalizeNIP, ValidateNIP, idDigitsOfLen(10))
	})
}

func FuzzREGON(f *testing.F) {
	seedID(f, "000002217", "123456785", "012100784", "12345678512347", "00000221700000")
	f.Fuzz(func(t *testing.T, s string) {
		checkID(t, s, NormalizeREGON, ValidateREGON, idDigitsOfLen(9, 14))
	})
}

func FuzzKRS(f *testing.F) {
	seedID(f, "0000012345", "12345", "KRS 0000012345", "1234567890")
	f.Fuzz(func(t *testing.T, s string) {
		checkID(t, s, NormalizeKRS, ValidateKRS, idDigitsOfLen(10))
	})
}

func FuzzIBAN(f *testing.F) {
	seedID(f, "RO49AAAA1B31007593840000", "PL61109010140000071219812874", "IBAN RO49 AAAA 1B31 0075 9384 0000",
		"DE89370400440532013000", "MT84MALT011000012345MTLCAST001S", "NO9386011117947")
	f.Fuzz(func(t *testing.T, s string) {
		checkID(t, s, NormalizeIBAN, ValidateIBAN, func(n string) bool {
			return len(n) == ibanLengths[n[:2]] && strings.Trim(n, "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789") == ""
		})
	})
}

func FuzzMaskPersonalNumber(f *testing.F) {
	seedID(f, "1900101123457", "44051401359")
	f.Fuzz(func(t *testing.T, s string) {
		m := MaskPersonalNumber(s)
		n := utf8.RuneCountInString(stripIDSeparators(s))
		if utf8.RuneCountInString(m) != n {
			t.Fatalf("MaskPersonalNumber(%q) = %q: %d runes, want %d", s, m, utf8.RuneCountInString(m), n)
		}
		if hidden := max(n-3, 0); n > 3 && strings.Count(m[:hidden], "*") != hidden {
			t.Fatalf("MaskPersonalNumber(%q) = %q shows more than 3 characters", s, m)
		}
	})
}

// FuzzSIRUTA is seeded with the codes of the official file. A valid code
// must stop being valid when only its check digit changes.
func FuzzSIRUTA(f *testing.F) {
	for _, c := range []int{0, 10, 1017, 9026, 12912, 179132, 999996, -1, 1 << 62} {
		f.Add(c)
	}
	if file, err := os.Open(filepath.Join(idSharedData, "admin-units", "siruta", "siruta.csv")); err == nil {
		sc := bufio.NewScanner(file)
		for sc.Scan() {
			field, _, _ := strings.Cut(sc.Text(), ";")
			if c, err := strconv.Atoi(field); err == nil {
				f.Add(c)
			}
		}
		file.Close()
	}
	f.Fuzz(func(t *testing.T, code int) {
		if !ValidateSIRUTA(code) {
			return
		}
		for d := range 10 {
			if other := code - code%10 + d; other != code && ValidateSIRUTA(other) {
				t.Fatalf("ValidateSIRUTA(%d) and ValidateSIRUTA(%d) both true", code, other)
			}
		}
	})
}
