package agora

import (
	"bufio"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// idSharedData is the repository's real public data (see its SOURCE.txt
// files); tests that need it skip when the checkout lacks it.
const idSharedData = "../shared/data"

func idOpenShared(t *testing.T, rel string) *os.File {
	t.Helper()
	f, err := os.Open(filepath.Join(idSharedData, rel))
	if errors.Is(err, os.ErrNotExist) {
		t.Skipf("shared data %s not present", rel)
	}
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}

// idBadInput returns every string of bad-input/payloads.json.
func idBadInput(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(idSharedData, "bad-input", "payloads.json"))
	if errors.Is(err, os.ErrNotExist) {
		return nil
	}
	if err != nil {
		t.Fatal(err)
	}
	var groups map[string][]string
	if err := json.Unmarshal(b, &groups); err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, g := range groups {
		all = append(all, g...)
	}
	return all
}

// checkIDKey fails unless err is nil when want is "", or an Invalid *Error
// for field "f" with key want.
func checkIDKey(t *testing.T, name, in string, err error, want string) {
	t.Helper()
	if want == "" {
		if err != nil {
			t.Errorf("%s(%q) = %v, want nil", name, in, err)
		}
		return
	}
	var e *Error
	if !errors.As(err, &e) {
		t.Errorf("%s(%q) = %v, want key %s", name, in, err, want)
		return
	}
	if e.Key != want || e.Kind != Invalid || e.Field != "f" {
		t.Errorf("%s(%q) = {%v %s %q}, want {invalid %s \"f\"}", name, in, e.Kind, e.Key, e.Field, want)
	}
}

type idValidator struct {
	name     string
	validate func(field, s string) error
}

type idCase struct{ in, want string } // want "" means valid

func runIDCases(t *testing.T, v idValidator, cases []idCase) {
	t.Helper()
	for _, tt := range cases {
		checkIDKey(t, v.name, tt.in, v.validate("f", tt.in), tt.want)
	}
}

func TestValidateCUI(t *testing.T) {
	runIDCases(t, idValidator{"ValidateCUI", ValidateCUI}, []idCase{
		// 426711 x 217532 (key right-aligned) = 8+2+42+35+3+2 = 92; 920 mod 11 = 7.
		{"4267117", ""},
		{"RO4267117", ""},
		{"ro 4267117", ""},
		{"RO-4267117", ""},
		{" 4.267.117\t", ""},
		{"0004267117", ""}, // padded export
		// 422130 x 217532 = 8+4+14+5+9+0 = 38; 380 mod 11 = 6.
		{"4221306", ""},
		// 1326722 x 3217532 = 3+6+2+42+35+6+4 = 98; 980 mod 11 = 1.
		{"13267221", ""},
		// 123456789 x 753217532 = 7+10+9+8+5+42+35+24+18 = 158; 1580 mod 11 = 7.
		{"1234567897", ""},
		{"19", ""}, // 1 x 2 = 2; 20 mod 11 = 9
		{"60", ""}, // 6 x 2 = 12; 120 mod 11 = 10, which becomes 0
		{"4267118", "id.cui.checksum"},
		{"4267171", "id.cui.checksum"},
		{"18", "id.cui.checksum"},
		{"1", "id.cui.format"},
		{"0", "id.cui.format"},
		{"00", "id.cui.format"},
		{"", "id.cui.format"},
		{"12345678901", "id.cui.format"},
		{"RO", "id.cui.format"},
		{"RORO4267117", "id.cui.format"},
		{"DE4267117", "id.cui.format"},
		{"4267117RO", "id.cui.format"},
		{"42671l7", "id.cui.format"},
		{"４２６７１１７", "id.cui.format"},       // fullwidth
		{"٤٢٦٧١١٧", "id.cui.format"},       // Arabic-Indic
		{"4267117\u200b", "id.cui.format"}, // zero-width space is not a separator
		{"+4267117", "id.cui.format"},
	})
}

func TestNormalizeCUI(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{" RO 4267117 ", "4267117"},
		{"ro4267117", "4267117"},
		{"0004267117", "4267117"},
		{"RO\u00a04267117", "4267117"}, // no-break space from a PDF
		{"4\u2011267\u2013117", "4267117"},
		{"0000", "0"},
		{"RORO1", "RORO1"},
		{"RO", "RO"},
		{"R O 1", "1"},
	} {
		if got := NormalizeCUI(tt.in); got != tt.want {
			t.Errorf("NormalizeCUI(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestValidateCNP(t *testing.T) {
	runIDCases(t, idValidator{"ValidateCNP", ValidateCNP}, []idCase{
		// Weights 279146358279 over the first 12 digits; sum mod 11.
		{"1900101123457", ""},    // 1990-01-01, Cluj (12): sum 172, 172 mod 11 = 7
		{"190 0101 123457", ""},  // typed with spaces
		{"1900-101-123-457", ""}, // and dashes
		{"5000229400019", ""},    // 2000-02-29 (leap), Vrancea: sum 86 -> 9
		{"6001230700120", ""},    // 2000-12-30, county 70 (any): sum 99 -> 0
		{"1791231012340", ""},    // 1979-12-31, Alba: sum 231 -> 0
		{"1800101471238", ""},    // former Bucharest sector 7: sum 184 -> 8
		{"2920229480015", ""},    // 1992-02-29, former sector 8: sum 225 -> 5
		{"2510701510029", ""},    // Călărași 51: sum 130 -> 9
		{"2631209529994", ""},    // Giurgiu 52: sum 312 -> 4
		{"4991231123457", ""},    // 1899-12-31: sum 282 -> 7
		{"7000229460016", ""},    // resident, 00-02-29 exists in 2000: sum 138 -> 6
		{"8000229123459", ""},    // same for S=8: sum 163 -> 9
		{"1900101121041", ""},    // sum 131, 131 mod 11 = 10, which becomes 1
		{"1900101123458", "id.cnp.checksum"},
		{"1900101123450", "id.cnp.checksum"},
		{"3000229123451", "id.cnp.date"}, // 1800 was not a leap year
		{"9010229123459", "id.cnp.date"}, // 02-29 exists in neither 1901 nor 2001
		{"1901301123457", "id.cnp.date"},
		{"1900100123457", "id.cnp.date"},
		{"1900431123457", "id.cnp.date"},
		// 1950-01-01 with every county code outside the list; checksums right.
		{"1500101001231", "id.cnp.county"}, // 00: sum 87, 87 mod 11 = 10, becomes 1
		{"1500101491233", "id.cnp.county"}, // 49: sum 179 -> 3
		{"1500101501232", "id.cnp.county"}, // 50: sum 112 -> 2
		{"1500101531234", "id.cnp.county"}, // 53: sum 136 -> 4
		{"1500101691232", "id.cnp.county"}, // 69: sum 189 -> 2
		{"1500101711239", "id.cnp.county"}, // 71: sum 130 -> 9
		{"1500101991236", "id.cnp.county"}, // 99: sum 204 -> 6
		{"190010112345", "id.cnp.format"},
		{"19001011234570", "id.cnp.format"},
		{"0900101123457", "id.cnp.format"},
		{"190010112345X", "id.cnp.format"},
		{"１900101123457", "id.cnp.format"},
		{"", "id.cnp.format"},
		// bad-input/payloads.json
		{"0000000000000", "id.cnp.format"},   // S=0, though the checksum (0) passes
		{"1990101123456", "id.cnp.checksum"}, // sum 253, 253 mod 11 = 0, not 6
		{"2990229123453", "id.cnp.date"},     // 1999-02-29 does not exist
	})
}

func TestValidatePESEL(t *testing.T) {
	runIDCases(t, idValidator{"ValidatePESEL", ValidatePESEL}, []idCase{
		// Weights 1,3,7,9,1,3,7,9,1,3; check (10 - sum mod 10) mod 10.
		{"44051401359", ""},              // 1944-05-14: sum 101 -> 9
		{"440514 01359", ""},             // typed with a space
		{"82123100005", ""},              // 1982-12-31: sum 45 -> 5
		{"00222900009", ""},              // 2000-02-29 (month 22): sum 61 -> 9
		{"00233000006", ""},              // 2000-03-30: sum 44 -> 6
		{"00410100000", ""},              // 2100-01-01 (month 41): sum 40 -> 0
		{"00610100006", ""},              // 2200-01-01 (month 61): sum 54 -> 6
		{"99923100007", ""},              // 1899-12-31 (month 92): sum 123 -> 7
		{"02222900003", "id.pesel.date"}, // 2002-02-29
		{"00022900003", "id.pesel.date"}, // 1900-02-29
		{"99133100004", "id.pesel.date"}, // month 13
		{"00200100002", "id.pesel.date"}, // month 20 = 2000-00
		{"44053201353", "id.pesel.date"}, // May 32
		{"44051401358", "id.pesel.checksum"},
		{"44051401350", "id.pesel.checksum"},
		{"4405140135", "id.pesel.format"},
		{"440514013599", "id.pesel.format"},
		{"4405140135a", "id.pesel.format"},
		{"٤٤٠٥١٤٠١٣٥٩", "id.pesel.format"},
		{"", "id.pesel.format"},
	})
}

func TestValidateNIP(t *testing.T) {
	runIDCases(t, idValidator{"ValidateNIP", ValidateNIP}, []idCase{
		// Weights 6,5,7,2,3,4,5,6,7; sum mod 11 is the last digit.
		{"5260250995", ""}, // Ministerstwo Finansów: 30+10+42+0+6+20+0+54+63 = 225; 225 mod 11 = 5
		{"526-025-09-95", ""},
		{"526-02-50-995", ""},
		{"PL5260250995", ""},
		{"pl 526 025 09 95", ""},
		{"5261040828", ""}, // sum mod 11 = 8
		{"1234563218", ""}, // 6+10+21+8+15+24+15+12+7 = 118; 118 mod 11 = 8
		{"5260250996", "id.nip.checksum"},
		{"5260250905", "id.nip.checksum"},
		{"0000000000", "id.nip.format"},
		{"526025099", "id.nip.format"},
		{"52602509950", "id.nip.format"},
		{"RO5260250995", "id.nip.format"},
		{"５260250995", "id.nip.format"},
	})
	// A prefix whose remainder is 10 has no valid NIP at all:
	// 123456789 x 657234567 = 6+10+21+8+15+24+35+48+63 = 230; 230 mod 11 = 10.
	for d := range 10 {
		s := "123456789" + strconv.Itoa(d)
		checkIDKey(t, "ValidateNIP", s, ValidateNIP("f", s), "id.nip.checksum")
	}
}

func TestValidateREGON(t *testing.T) {
	runIDCases(t, idValidator{"ValidateREGON", ValidateREGON}, []idCase{
		// REGON-9: weights 8,9,2,3,4,5,6,7, sum mod 11 (10 -> 0).
		{"000002217", ""}, // 2*5+2*6+1*7 = 29; 29 mod 11 = 7
		{"123456785", ""}, // 8+18+6+12+20+30+42+56 = 192; 192 mod 11 = 5
		{"012100784", ""}, // sum 114; 114 mod 11 = 4
		{"123-456-785", ""},
		// REGON-14: 123456785 followed by 1234, weights 2,4,8,5,0,9,7,3,6,1,2,4,8: sum 260, 260 mod 11 = 7.
		{"12345678512347", ""},
		// 000002217 0000: sum 77, 77 mod 11 = 0.
		{"00000221700000", ""},
		{"000002218", "id.regon.checksum"},
		{"12345678512348", "id.regon.checksum"},
		{"123456786", "id.regon.checksum"},
		{"000000000", "id.regon.format"},
		{"00000000000000", "id.regon.format"},
		{"12345678", "id.regon.format"},
		{"1234567851", "id.regon.format"},
		{"1234567851234", "id.regon.format"},
		{"12345678a", "id.regon.format"},
	})
}

// TestREGON14NeedsValidPrefix builds a 14-digit number whose own check digit
// is right while its first nine digits are not a REGON.
func TestREGON14NeedsValidPrefix(t *testing.T) {
	// 1234567861234: the 13-digit weighted sum is 260 + 6*1 (position 9
	// changed from 5 to 6, weight 6) = 266; 266 mod 11 = 2.
	s := "12345678612342"
	if idMod11(s[:13], "2485097361248")%10 != 2 {
		t.Fatalf("test vector %s is wrong", s)
	}
	checkIDKey(t, "ValidateREGON", s, ValidateREGON("f", s), "id.regon.checksum")
}

func TestKRS(t *testing.T) {
	for _, tt := range []struct{ in, norm, want string }{
		{"0000012345", "0000012345", ""},
		{"12345", "0000012345", ""},
		{"1", "0000000001", ""},
		{"KRS 0000012345", "0000012345", ""},
		{"krs12345", "0000012345", ""},
		{"000 001 2345", "0000012345", ""},
		{"1234567890", "1234567890", ""},
		{"0", "0000000000", "id.krs.format"},
		{"0000000000", "0000000000", "id.krs.format"},
		{"12345678901", "12345678901", "id.krs.format"},
		{"", "", "id.krs.format"},
		{"KRS", "KRS", "id.krs.format"},
		{"12a45", "12a45", "id.krs.format"},
		{"１２３４５", "１２３４５", "id.krs.format"},
	} {
		if got := NormalizeKRS(tt.in); got != tt.norm {
			t.Errorf("NormalizeKRS(%q) = %q, want %q", tt.in, got, tt.norm)
		}
		checkIDKey(t, "ValidateKRS", tt.in, ValidateKRS("f", tt.in), tt.want)
	}
}

func TestValidateIBAN(t *testing.T) {
	runIDCases(t, idValidator{"ValidateIBAN", ValidateIBAN}, []idCase{
		// ISO 13616 MOD 97-10: the rearranged number mod 97 must be 1.
		{"RO49AAAA1B31007593840000", ""}, // registry example
		{"RO49 AAAA 1B31 0075 9384 0000", ""},
		{"ro49aaaa1b31007593840000", ""},
		{"IBAN RO49 AAAA 1B31 0075 9384 0000", ""},
		{"IBAN: RO49-AAAA-1B31-0075-9384-0000", ""},
		{"RO29TREZ70020E335007XXXX", ""},     // Treasury-shaped, check digits computed: 98 - rest mod 97
		{"PL61109010140000071219812874", ""}, // registry example
		{"PL61 1090 1014 0000 0712 1981 2874", ""},
		{"DE89370400440532013000", ""},
		{"GB82WEST12345698765432", ""},
		{"FR1420041010050500013M02606", ""},
		{"BE68539007547034", ""},
		{"NO9386011117947", ""},
		{"MT84MALT011000012345MTLCAST001S", ""},
		{"RO49AAAA1B31007593840001", "id.iban.checksum"},
		{"RO94AAAA1B31007593840000", "id.iban.checksum"}, // swapped check digits
		{"PL61109010140000071219812875", "id.iban.checksum"},
		{"DE00370400440532013000", "id.iban.checksum"},
		{"RO49AAAA1B3100759384000", "id.iban.format"},   // 23 characters
		{"RO49AAAA1B310075938400000", "id.iban.format"}, // 25
		{"RO491111AB31007593840000", "id.iban.format"},  // bank code must be letters
		{"PL6110901014000007121981287A", "id.iban.format"},
		{"RO49AAAA1B31007593840_00", "id.iban.format"},
		{"RO49AAAA1B310075938400Ö0", "id.iban.format"},
		{"ROXXAAAA1B31007593840000", "id.iban.format"},
		{"R", "id.iban.format"},
		{"", "id.iban.format"},
		{"XX49AAAA1B31007593840000", "id.iban.country"},
		{"US64SVBKUS6S3300958879", "id.iban.country"},
		{"ＲＯ49AAAA1B31007593840000", "id.iban.format"},
	})
}

func TestNormalizeIBAN(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{" ro49 aaaa 1b31 0075 9384 0000 ", "RO49AAAA1B31007593840000"},
		{"IBAN RO49AAAA1B31007593840000", "RO49AAAA1B31007593840000"},
		{"iban:RO49AAAA1B31007593840000", "RO49AAAA1B31007593840000"},
		{"IBANIBANRO49", "IBANIBANRO49"},
		{"IBAN", "IBAN"},
	} {
		if got := NormalizeIBAN(tt.in); got != tt.want {
			t.Errorf("NormalizeIBAN(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestIBANLengthsCoverEU(t *testing.T) {
	eu := "AT BE BG CY CZ DE DK EE ES FI FR GR HR HU IE IT LT LU LV MT NL PL PT RO SE SI SK"
	for _, cc := range strings.Fields(eu) {
		if ibanLengths[cc] == 0 {
			t.Errorf("ibanLengths[%s] missing", cc)
		}
	}
	if ibanLengths["RO"] != 24 || ibanLengths["PL"] != 28 {
		t.Errorf("ibanLengths RO, PL = %d, %d, want 24, 28", ibanLengths["RO"], ibanLengths["PL"])
	}
}

// TestSingleDigitChange mutates every digit of valid numbers to every other
// digit and expects each mutant to fail. The mod-11 schemes that map 10 to
// a digit (CUI and REGON to 0, CNP to 1) cannot catch every change when the
// check digit is that digit, so the numbers here avoid it; "60" and
// "1900101121041" in the tables show such numbers still validate.
func TestSingleDigitChange(t *testing.T) {
	for _, tt := range []struct {
		v     idValidator
		valid []string
	}{
		{idValidator{"ValidateCUI", ValidateCUI}, []string{"4267117", "4221306", "13267221", "1234567897", "19"}},
		{idValidator{"ValidateCNP", ValidateCNP}, []string{"1900101123457", "5000229400019", "1800101471238", "2631209529994", "7000229460016"}},
		{idValidator{"ValidatePESEL", ValidatePESEL}, []string{"44051401359", "82123100005", "00222900009", "00610100006", "99923100007"}},
		{idValidator{"ValidateNIP", ValidateNIP}, []string{"5260250995", "5261040828"}},
		{idValidator{"ValidateREGON", ValidateREGON}, []string{"000002217", "123456785", "012100784", "12345678512347"}},
		{idValidator{"ValidateIBAN", ValidateIBAN}, []string{"RO49AAAA1B31007593840000", "PL61109010140000071219812874", "DE89370400440532013000"}},
	} {
		for _, s := range tt.valid {
			if err := tt.v.validate("f", s); err != nil {
				t.Fatalf("%s(%q) = %v, want nil", tt.v.name, s, err)
			}
			for i := range len(s) {
				if !isASCIIDigit(s[i]) {
					continue
				}
				for d := byte('0'); d <= '9'; d++ {
					if d == s[i] {
						continue
					}
					m := s[:i] + string(d) + s[i+1:]
					if tt.v.validate("f", m) == nil {
						t.Errorf("%s(%q) = nil (digit %d of %s changed), want an error", tt.v.name, m, i, s)
					}
				}
			}
		}
	}
}

func TestMaskPersonalNumber(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"1900101123457", "**********457"},
		{"44051401359", "********359"},
		{"440514 01359", "********359"},
		{"123", "***"},
		{"12", "**"},
		{"", ""},
		{"ąęłńóśźż", "*****śźż"},
	} {
		if got := MaskPersonalNumber(tt.in); got != tt.want {
			t.Errorf("MaskPersonalNumber(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

// TestValidateSIRUTARealFile checks the algorithm against the whole INS
// file: its SOURCE.txt says exactly 77 codes fail the check digit, among
// them 9026 and 12912.
func TestValidateSIRUTARealFile(t *testing.T) {
	sc := bufio.NewScanner(idOpenShared(t, "admin-units/siruta/siruta.csv"))
	sc.Scan() // header
	var rows int
	var bad []int
	for sc.Scan() {
		field, _, _ := strings.Cut(sc.Text(), ";")
		code, err := strconv.Atoi(field)
		if err != nil {
			t.Fatalf("row %d: %v", rows+2, err)
		}
		rows++
		if !ValidateSIRUTA(code) {
			bad = append(bad, code)
		}
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if rows != 16978 {
		t.Errorf("siruta.csv rows = %d, want 16978", rows)
	}
	if len(bad) != 77 {
		t.Errorf("codes failing the check digit = %d, want 77; first: %v", len(bad), bad[:min(len(bad), 20)])
	}
	for _, want := range []int{9026, 12912} {
		found := false
		for _, c := range bad {
			found = found || c == want
		}
		if !found {
			t.Errorf("ValidateSIRUTA(%d) = true, want false", want)
		}
	}
}

func TestValidateSIRUTA(t *testing.T) {
	for _, tt := range []struct {
		code int
		want bool
	}{
		{10, true},      // JUDEȚUL ALBA: body 1 -> 1; (11-1) mod 10 = 0
		{1017, true},    // 101 x 3,2,1 -> 3+0+1 = 4; (11-4) mod 10 = 7
		{179132, true},  // 1,7,9,1,3 x 7,5,3,2,1 = 7,35,27,2,3 -> 7+8+9+2+3 = 29; (11-9) mod 10 = 2
		{999996, true},  // 63,45,27,18,9 -> 9+9+9+9+9 = 45; (11-5) mod 10 = 6
		{100016, false}, // 7,0,0,0,1 -> 8; (11-8) mod 10 = 3, not 6
		{1018, false},
		{9026, false},
		{12912, false},
		{0, false},
		{5, false},
		{-10, false},
		{1000000, false},
	} {
		if got := ValidateSIRUTA(tt.code); got != tt.want {
			t.Errorf("ValidateSIRUTA(%d) = %v, want %v", tt.code, got, tt.want)
		}
	}
}

// TestBadInput runs every bad-input payload through every idValidator: none
// may panic, and each must answer nil or a field error carrying the field.
func TestBadInput(t *testing.T) {
	payloads := idBadInput(t)
	if payloads == nil {
		t.Skip("shared data bad-input not present")
	}
	all := []idValidator{
		{"ValidateCUI", ValidateCUI}, {"ValidateCNP", ValidateCNP}, {"ValidatePESEL", ValidatePESEL},
		{"ValidateNIP", ValidateNIP}, {"ValidateREGON", ValidateREGON}, {"ValidateKRS", ValidateKRS},
		{"ValidateIBAN", ValidateIBAN}, {"ValidateEmail", ValidateEmail},
	}
	for _, p := range payloads {
		for _, v := range all {
			err := v.validate("f", p)
			if err == nil {
				continue
			}
			var e *Error
			if !errors.As(err, &e) || e.Kind != Invalid || e.Field != "f" || !strings.HasPrefix(e.Key, "id.") && e.Key != "field.invalid_email" {
				t.Errorf("%s(%q) = %#v, want an Invalid field error", v.name, p, err)
			}
		}
		_ = MaskPersonalNumber(p)
	}
}
