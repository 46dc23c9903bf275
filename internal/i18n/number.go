package i18n

import (
	"math"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// nbsp separates digit groups in Polish and an amount from its currency,
// so neither is broken across lines.
const nbsp = "\u00a0"

// numberFormat is one language's CLDR number symbols.
type numberFormat struct {
	group, decimal string
	// minGrouping is CLDR's minimumGroupingDigits: Polish writes "1234"
	// but "12 345", so grouping starts only above 3+minGrouping-1 digits.
	minGrouping int
	// symbolFirst puts the currency symbol before the amount (English).
	symbolFirst bool
	symbols     map[string]string
}

var numberFormats = map[string]numberFormat{
	"ro": {group: ".", decimal: ",", minGrouping: 1, symbols: map[string]string{"RON": "lei", "EUR": "€"}},
	"pl": {group: nbsp, decimal: ",", minGrouping: 2, symbols: map[string]string{"PLN": "zł", "EUR": "€"}},
	"en": {group: ",", decimal: ".", minGrouping: 1, symbolFirst: true, symbols: map[string]string{"EUR": "€", "GBP": "£", "USD": "US$"}},
}

// minorDigits lists ISO 4217 currencies whose minor unit is not 1/100.
var minorDigits = map[string]int{
	"JPY": 0, "KRW": 0, "ISK": 0, "CLP": 0, "VND": 0, "UGX": 0, "XAF": 0, "XOF": 0,
	"BHD": 3, "IQD": 3, "JOD": 3, "KWD": 3, "LYD": 3, "OMR": 3, "TND": 3,
}

func (l Locale) numberFormat() numberFormat { return numberFormats[l.lang()] }

// Number formats an integer with the language's digit grouping:
// "1.234.567" (ro), "1 234 567" with no-break spaces and "1234" for four
// digits (pl), "1,234,567" (en).
func (l Locale) Number(n int64) string {
	f := l.numberFormat()
	neg, digits := splitSign(strconv.FormatInt(n, 10))
	return sign(neg) + f.groupDigits(digits)
}

// Decimal formats f rounded to digits decimals (negative digits count as
// 0, more than 20 as 20): "1.234,50" (ro), "1 234,50" (pl), "1,234.50"
// (en). Halves round away from zero on the shortest decimal form of f, as
// CLDR/ICU formatters do, so 1.005 and 0.125 give "1.01" and "0.13" where
// strconv would give "1.00" and "0.12". A value that rounds to zero loses
// its minus sign; NaN and infinities come out as "NaN", "∞" and "-∞".
func (l Locale) Decimal(f float64, digits int) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "∞"
	case math.IsInf(f, -1):
		return "-∞"
	}
	digits = max(0, min(digits, 20))
	nf := l.numberFormat()
	neg, s := splitSign(strconv.FormatFloat(f, 'f', -1, 64))
	intPart, frac := roundHalfUp(s, digits)
	if strings.Trim(intPart+frac, "0") == "" {
		neg = false
	}
	out := sign(neg) + nf.groupDigits(intPart)
	if frac != "" {
		out += nf.decimal + frac
	}
	return out
}

// roundHalfUp rounds the unsigned decimal string s ("1234.5678") to digits
// decimals, halves away from zero, and returns the integer and fraction
// digits.
func roundHalfUp(s string, digits int) (intPart, frac string) {
	intPart, frac, _ = strings.Cut(s, ".")
	if len(frac) <= digits {
		return intPart, frac + strings.Repeat("0", digits-len(frac))
	}
	up := frac[digits] >= '5'
	b := []byte(intPart + frac[:digits])
	for i := len(b) - 1; up && i >= 0; i-- {
		if b[i] == '9' {
			b[i] = '0'
			continue
		}
		b[i]++
		up = false
	}
	if up {
		b = append([]byte{'1'}, b...)
	}
	n := len(b) - digits
	return string(b[:n]), string(b[n:])
}

// Money formats an amount given in minor units (bani, grosze, cents) of an
// ISO 4217 currency: "1.234,50 lei", "1 234,50 zł", "€1,234.50",
// "-€1,234.50", "RON 1,234.50". Currencies without a local symbol show
// their code. The space before or after the symbol is a no-break space.
func (l Locale) Money(minor int64, currency string) string {
	nf := l.numberFormat()
	code := strings.ToUpper(strings.TrimSpace(currency))
	d, ok := minorDigits[code]
	if !ok {
		d = 2
	}
	neg := minor < 0
	// Magnitude as uint64 so math.MinInt64 has one.
	u := uint64(minor)
	if neg {
		u = uint64(-(minor + 1)) + 1
	}
	unit := uint64(1)
	for range d {
		unit *= 10
	}
	num := nf.groupDigits(strconv.FormatUint(u/unit, 10))
	if d > 0 {
		frac := strconv.FormatUint(u%unit, 10)
		num += nf.decimal + strings.Repeat("0", d-len(frac)) + frac
	}
	sym, ok := nf.symbols[code]
	if !ok {
		sym = code
	}
	switch {
	case sym == "":
		return sign(neg) + num
	case !nf.symbolFirst:
		return sign(neg) + num + nbsp + sym
	default:
		// CLDR puts a space between an alphabetic symbol and the digits
		// ("RON 1.00") but not after "€" or "£".
		if r, _ := utf8.DecodeLastRuneInString(sym); unicode.IsLetter(r) {
			sym += nbsp
		}
		return sign(neg) + sym + num
	}
}

// groupDigits inserts the group separator into a run of ASCII digits.
func (nf numberFormat) groupDigits(digits string) string {
	if len(digits) < 3+nf.minGrouping {
		return digits
	}
	var b strings.Builder
	head := len(digits) % 3
	if head == 0 {
		head = 3
	}
	b.WriteString(digits[:head])
	for i := head; i < len(digits); i += 3 {
		b.WriteString(nf.group)
		b.WriteString(digits[i : i+3])
	}
	return b.String()
}

func splitSign(s string) (bool, string) {
	if rest, ok := strings.CutPrefix(s, "-"); ok {
		return true, rest
	}
	return false, s
}

func sign(neg bool) string {
	if neg {
		return "-"
	}
	return ""
}
