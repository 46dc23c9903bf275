package agora

import (
	"strings"
	"unicode"
)

// Romanian and Polish national identifiers. Every Validate function first
// applies the matching Normalize function, so callers may pass what a user
// typed; they should store the normalised form. All of them return nil or an
// *Error of kind Invalid whose Field is the field argument.

// NormalizeCUI returns the canonical digits of a Romanian CUI/CIF: without
// separators, without the optional "RO" VAT prefix and without leading
// zeros (some exports pad the code to 10 digits; the code itself is a
// number). Input that is not a CUI comes back merely stripped of
// separators, so that validation can reject it.
func NormalizeCUI(s string) string {
	s = stripASCIIPrefixFold(stripIDSeparators(s), "RO")
	if !isASCIIDigits(s) {
		return s
	}
	if t := strings.TrimLeft(s, "0"); t != "" {
		return t
	}
	return "0"
}

// ValidateCUI checks a Romanian fiscal code (CUI/CIF): 2 to 10 digits whose
// last digit is the control digit over the others with the key 753217532
// aligned to the right; sum*10 mod 11, 10 becoming 0. Keys: id.cui.format,
// id.cui.checksum.
func ValidateCUI(field, s string) error {
	s = NormalizeCUI(s)
	if len(s) < 2 || len(s) > 10 || !isASCIIDigits(s) {
		return FieldError(field, "id.cui.format", nil)
	}
	const key = "753217532"
	body := s[:len(s)-1]
	off := len(key) - len(body)
	sum := 0
	for i := range len(body) {
		sum += idDigit(body, i) * idDigit(key, off+i)
	}
	c := sum * 10 % 11
	if c == 10 {
		c = 0
	}
	if c != idDigit(s, len(s)-1) {
		return FieldError(field, "id.cui.checksum", nil)
	}
	return nil
}

// NormalizeCNP returns a Romanian personal numeric code without spaces,
// dashes or dots.
func NormalizeCNP(s string) string { return stripIDSeparators(s) }

// ValidateCNP checks a Romanian personal numeric code (CNP): 13 digits
// SAALLZZJJNNNC. S is 1-9 and with AA gives the century; LL/ZZ must be a
// real date; JJ a county code; C the control digit over the first 12 with
// the key 279146358279 (sum mod 11, 10 becomes 1). The date and county are
// checked before the control digit because an impossible date says more to
// the user than a failed checksum. Keys: id.cnp.format (length, non-digits,
// S=0), id.cnp.date, id.cnp.county, id.cnp.checksum.
func ValidateCNP(field, s string) error {
	s = NormalizeCNP(s)
	if len(s) != 13 || !isASCIIDigits(s) || s[0] == '0' {
		return FieldError(field, "id.cnp.format", nil)
	}
	yy, mm, dd := idNum(s, 1, 3), idNum(s, 3, 5), idNum(s, 5, 7)
	var ok bool
	switch s[0] {
	case '1', '2':
		ok = dateExists(1900+yy, mm, dd)
	case '3', '4':
		ok = dateExists(1800+yy, mm, dd)
	case '5', '6':
		ok = dateExists(2000+yy, mm, dd)
	default:
		// 7, 8 (foreign residents) and 9 (foreigners) do not encode the
		// century, so a date that exists in either one is accepted.
		ok = dateExists(1900+yy, mm, dd) || dateExists(2000+yy, mm, dd)
	}
	if !ok {
		return FieldError(field, "id.cnp.date", nil)
	}
	// 01-40 counties, 41-46 Bucharest sectors 1-6, 47-48 the former
	// sectors 7 and 8 (still on older CNPs), 51 Călărași, 52 Giurgiu,
	// 70 registration in any county.
	if jj := idNum(s, 7, 9); jj < 1 || (jj > 48 && jj != 51 && jj != 52 && jj != 70) {
		return FieldError(field, "id.cnp.county", nil)
	}
	const key = "279146358279"
	sum := 0
	for i := range len(key) {
		sum += idDigit(s, i) * idDigit(key, i)
	}
	c := sum % 11
	if c == 10 {
		c = 1
	}
	if c != idDigit(s, 12) {
		return FieldError(field, "id.cnp.checksum", nil)
	}
	return nil
}

// NormalizePESEL returns a Polish PESEL number without spaces, dashes or
// dots.
func NormalizePESEL(s string) string { return stripIDSeparators(s) }

// ValidatePESEL checks a Polish PESEL number: 11 digits RRMMDDPPPPK whose
// month carries the century, whose date must exist, and whose last digit
// is (10 - sum mod 10) mod 10 with weights 1,3,7,9,1,3,7,9,1,3. The
// statute (ustawa z 24 września 2010 r. o ewidencji ludności, art. 15
// ust. 2) adds 80 for the 1800s, 0 for the 1900s and 20 for the 2000s;
// +40 and +60 for the 2100s and 2200s continue the same scheme. Keys:
// id.pesel.format, id.pesel.date, id.pesel.checksum.
func ValidatePESEL(field, s string) error {
	s = NormalizePESEL(s)
	if len(s) != 11 || !isASCIIDigits(s) {
		return FieldError(field, "id.pesel.format", nil)
	}
	mm := idNum(s, 2, 4)
	century := [5]int{1900, 2000, 2100, 2200, 1800}[mm/20]
	if !dateExists(century+idNum(s, 0, 2), mm%20, idNum(s, 4, 6)) {
		return FieldError(field, "id.pesel.date", nil)
	}
	const weights = "1379137913"
	sum := 0
	for i := range len(weights) {
		sum += idDigit(s, i) * idDigit(weights, i)
	}
	if (10-sum%10)%10 != idDigit(s, 10) {
		return FieldError(field, "id.pesel.checksum", nil)
	}
	return nil
}

// NormalizeNIP returns the 10 digits of a Polish NIP without separators and
// without the optional "PL" VAT prefix.
func NormalizeNIP(s string) string {
	return stripASCIIPrefixFold(stripIDSeparators(s), "PL")
}

// ValidateNIP checks a Polish tax number (NIP): 10 digits, weights
// 6,5,7,2,3,4,5,6,7 over the first nine, sum mod 11 equal to the last
// digit; a remainder of 10 is never issued. All zeros, a common placeholder
// that happens to pass the checksum, is rejected. Keys: id.nip.format,
// id.nip.checksum.
func ValidateNIP(field, s string) error {
	s = NormalizeNIP(s)
	if len(s) != 10 || !isASCIIDigits(s) || idAllZeros(s) {
		return FieldError(field, "id.nip.format", nil)
	}
	if idMod11(s[:9], "657234567") != idDigit(s, 9) {
		return FieldError(field, "id.nip.checksum", nil)
	}
	return nil
}

// NormalizeREGON returns a Polish REGON without spaces, dashes or dots.
func NormalizeREGON(s string) string { return stripIDSeparators(s) }

// ValidateREGON checks a Polish statistical number (REGON): 9 digits with
// weights 8,9,2,3,4,5,6,7, or 14 digits (a local unit) with weights
// 2,4,8,5,0,9,7,3,6,1,2,4,8 whose first 9 must themselves be a valid
// REGON; in both the sum mod 11 is the last digit, 10 becoming 0. All zeros
// is rejected as a placeholder. Keys: id.regon.format, id.regon.checksum.
func ValidateREGON(field, s string) error {
	s = NormalizeREGON(s)
	if (len(s) != 9 && len(s) != 14) || !isASCIIDigits(s) || idAllZeros(s) {
		return FieldError(field, "id.regon.format", nil)
	}
	if idMod11(s[:8], "89234567")%10 != idDigit(s, 8) {
		return FieldError(field, "id.regon.checksum", nil)
	}
	if len(s) == 14 && idMod11(s[:13], "2485097361248")%10 != idDigit(s, 13) {
		return FieldError(field, "id.regon.checksum", nil)
	}
	return nil
}

// NormalizeKRS returns a Polish National Court Register number as its 10
// printed digits: separators and an optional "KRS" prefix removed and
// leading zeros added. Anything else comes back merely stripped.
func NormalizeKRS(s string) string {
	s = stripASCIIPrefixFold(stripIDSeparators(s), "KRS")
	if isASCIIDigits(s) && len(s) < 10 {
		s = strings.Repeat("0", 10-len(s)) + s
	}
	return s
}

// ValidateKRS checks a KRS number: 1 to 10 digits, not all zeros. KRS has
// no check digit. Key: id.krs.format.
func ValidateKRS(field, s string) error {
	s = NormalizeKRS(s)
	if len(s) != 10 || !isASCIIDigits(s) || idAllZeros(s) {
		return FieldError(field, "id.krs.format", nil)
	}
	return nil
}

// ValidateSIRUTA reports whether a SIRUTA code's last digit is the INS
// check digit of the digits before it: those digits, left-padded to five,
// are multiplied by 7,5,3,2,1, the digits of each product are added, and
// the check digit is (11 - total mod 10) mod 10. The official file breaks
// this rule for 77 codes (e.g. 9026), so importers must not reject a code
// only for this.
func ValidateSIRUTA(code int) bool {
	if code < 10 || code > 999999 {
		return false
	}
	check, body := code%10, code/10
	sum := 0
	for _, w := range [5]int{1, 2, 3, 5, 7} { // from the rightmost digit leftwards
		p := body % 10 * w
		sum += p/10 + p%10
		body /= 10
	}
	return (11-sum%10)%10 == check
}

// MaskPersonalNumber hides a CNP or PESEL for display, keeping only the
// last three characters after dropping separators: "1900101123457"
// becomes "**********457". Shorter input is masked entirely.
func MaskPersonalNumber(s string) string {
	r := []rune(stripIDSeparators(s))
	keep := 3
	if len(r) <= keep {
		keep = 0
	}
	return strings.Repeat("*", len(r)-keep) + string(r[len(r)-keep:])
}

// isIDSeparator reports the characters people type or paste between digit
// groups: spaces of any kind (including the no-break space PDFs produce),
// dots and the dash family.
func isIDSeparator(r rune) bool {
	switch r {
	case '-', '.', '\u2010', '\u2011', '\u2012', '\u2013', '\u2212':
		return true
	}
	return unicode.IsSpace(r)
}

func stripIDSeparators(s string) string {
	return strings.Map(func(r rune) rune {
		if isIDSeparator(r) {
			return -1
		}
		return r
	}, s)
}

// stripASCIIPrefixFold removes a case-insensitive ASCII prefix only when
// digits follow it, which keeps normalisation idempotent ("RORO1" stays).
func stripASCIIPrefixFold(s, prefix string) string {
	n := len(prefix)
	if len(s) <= n || !isASCIIDigits(s[n:]) {
		return s
	}
	for i := range n {
		if s[i]|0x20 != prefix[i]|0x20 {
			return s
		}
	}
	return s[n:]
}

// isASCIIDigits reports whether s is non-empty and only ASCII digits; Unicode
// digits (Arabic-Indic, fullwidth) are deliberately refused.
func isASCIIDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := range len(s) {
		if !isASCIIDigit(s[i]) {
			return false
		}
	}
	return true
}

func isASCIIDigit(c byte) bool { return '0' <= c && c <= '9' }

func idAllZeros(s string) bool { return strings.Trim(s, "0") == "" }

func idDigit(s string, i int) int { return int(s[i] - '0') }

func idNum(s string, from, to int) int {
	n := 0
	for i := from; i < to; i++ {
		n = n*10 + idDigit(s, i)
	}
	return n
}

// idMod11 returns the weighted digit sum of s modulo 11.
func idMod11(s, weights string) int {
	sum := 0
	for i := range len(weights) {
		sum += idDigit(s, i) * idDigit(weights, i)
	}
	return sum % 11
}

func dateExists(y, m, d int) bool {
	if m < 1 || m > 12 || d < 1 {
		return false
	}
	days := [13]int{0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31}[m]
	if m == 2 && y%4 == 0 && (y%100 != 0 || y%400 == 0) {
		days = 29
	}
	return d <= days
}

// NormalizeIBAN returns an IBAN in its electronic form: separators removed,
// ASCII letters upper-cased and a printed "IBAN" label dropped.
func NormalizeIBAN(s string) string {
	b := []byte(stripIDSeparators(s))
	for i, c := range b {
		if 'a' <= c && c <= 'z' {
			b[i] = c - 'a' + 'A'
		}
	}
	s = string(b)
	// Only a label followed by a country code and check digits is dropped,
	// so that a second pass finds nothing left to remove.
	if rest, ok := strings.CutPrefix(s, "IBAN"); ok {
		rest = strings.TrimPrefix(rest, ":")
		if len(rest) >= 4 && isASCIIUpper(rest[0]) && isASCIIUpper(rest[1]) && isASCIIDigits(rest[2:4]) {
			return rest
		}
	}
	return s
}

// ValidateIBAN checks an IBAN (ISO 13616): a country code from the SWIFT
// IBAN registry, that country's length, only A-Z and 0-9, and the ISO 7064
// MOD 97-10 check. Romanian (4-letter bank code) and Polish (all digits)
// BBANs are also checked for shape. Keys: id.iban.format, id.iban.country,
// id.iban.checksum.
func ValidateIBAN(field, s string) error {
	s = NormalizeIBAN(s)
	if len(s) < 5 || !isASCIIUpper(s[0]) || !isASCIIUpper(s[1]) || !isASCIIDigits(s[2:4]) {
		return FieldError(field, "id.iban.format", nil)
	}
	for i := range len(s) {
		if !isASCIIUpper(s[i]) && !isASCIIDigit(s[i]) {
			return FieldError(field, "id.iban.format", nil)
		}
	}
	n, ok := ibanLengths[s[:2]]
	if !ok {
		return FieldError(field, "id.iban.country", nil)
	}
	if len(s) != n {
		return FieldError(field, "id.iban.format", nil)
	}
	switch s[:2] {
	case "RO":
		for i := 4; i < 8; i++ {
			if !isASCIIUpper(s[i]) {
				return FieldError(field, "id.iban.format", nil)
			}
		}
	case "PL":
		if !isASCIIDigits(s[4:]) {
			return FieldError(field, "id.iban.format", nil)
		}
	}
	// MOD 97-10 never produces 00, 01 or 99, so they would only validate
	// by accident of a second error.
	if cd := s[2:4]; cd == "00" || cd == "01" || cd == "99" || ibanMod97(s) != 1 {
		return FieldError(field, "id.iban.checksum", nil)
	}
	return nil
}

// ibanMod97 computes the ISO 7064 remainder of the IBAN with its first four
// characters moved to the end and letters read as 10-35, digit by digit so
// no big integers are needed.
func ibanMod97(s string) int {
	r := 0
	for _, c := range []byte(s[4:] + s[:4]) {
		if isASCIIUpper(c) {
			r = (r*100 + int(c-'A') + 10) % 97
		} else {
			r = (r*10 + int(c-'0')) % 97
		}
	}
	return r
}

func isASCIIUpper(c byte) bool { return 'A' <= c && c <= 'Z' }

// ibanLengths is the IBAN length per country from the SWIFT IBAN registry:
// the EU and EEA first, then the other countries in the registry.
var ibanLengths = map[string]int{
	"AT": 20, "BE": 16, "BG": 22, "CY": 28, "CZ": 24, "DE": 22, "DK": 18,
	"EE": 20, "ES": 24, "FI": 18, "FR": 27, "GR": 27, "HR": 21, "HU": 28,
	"IE": 22, "IT": 27, "LT": 20, "LU": 20, "LV": 21, "MT": 31, "NL": 18,
	"PL": 28, "PT": 25, "RO": 24, "SE": 24, "SI": 19, "SK": 24,
	"IS": 26, "LI": 21, "NO": 15,

	"AD": 24, "AE": 23, "AL": 28, "AZ": 28, "BA": 20, "BH": 22, "BR": 29,
	"BY": 28, "CH": 21, "CR": 22, "DO": 28, "EG": 29, "FO": 18, "GB": 22,
	"GE": 22, "GI": 23, "GL": 18, "GT": 28, "IL": 23, "IQ": 23, "JO": 30,
	"KW": 30, "KZ": 20, "LB": 28, "LC": 32, "LY": 25, "MC": 27, "MD": 24,
	"ME": 22, "MK": 19, "MR": 27, "MU": 30, "PK": 24, "PS": 29, "QA": 29,
	"RS": 22, "SA": 24, "SC": 31, "SM": 27, "ST": 25, "SV": 28, "TL": 23,
	"TN": 24, "TR": 26, "UA": 29, "VA": 22, "VG": 24, "XK": 20,
}
