package i18n

import (
	"math"
	"testing"
)

// The expectations below were checked against ICU (CLDR 47) through
// Node's Intl.NumberFormat for ro, pl and en-GB, except where a comment
// says agora differs on purpose.

const nb = "\u00a0"

func TestNumber(t *testing.T) {
	for _, tt := range []struct {
		n          int64
		ro, pl, en string
	}{
		{0, "0", "0", "0"},
		{7, "7", "7", "7"},
		{999, "999", "999", "999"},
		{1000, "1.000", "1000", "1,000"},
		{1234, "1.234", "1234", "1,234"}, // Polish does not group four digits
		{9999, "9.999", "9999", "9,999"},
		{10000, "10.000", "10" + nb + "000", "10,000"},
		{123456, "123.456", "123" + nb + "456", "123,456"},
		{1234567, "1.234.567", "1" + nb + "234" + nb + "567", "1,234,567"},
		{-1, "-1", "-1", "-1"},
		{-1234, "-1.234", "-1234", "-1,234"},
		{-12345, "-12.345", "-12" + nb + "345", "-12,345"},
		{math.MaxInt64, "9.223.372.036.854.775.807", "9" + nb + "223" + nb + "372" + nb + "036" + nb + "854" + nb + "775" + nb + "807", "9,223,372,036,854,775,807"},
		{math.MinInt64, "-9.223.372.036.854.775.808", "-9" + nb + "223" + nb + "372" + nb + "036" + nb + "854" + nb + "775" + nb + "808", "-9,223,372,036,854,775,808"},
	} {
		for lang, want := range map[string]string{"ro": tt.ro, "pl": tt.pl, "en": tt.en} {
			if got := NewLocale(lang, nil).Number(tt.n); got != want {
				t.Errorf("Number(%d) in %s = %q, want %q", tt.n, lang, got, want)
			}
		}
	}
}

func TestDecimal(t *testing.T) {
	for _, tt := range []struct {
		f          float64
		digits     int
		ro, pl, en string
	}{
		{1234.5, 2, "1.234,50", "1234,50", "1,234.50"},
		{12345.5, 2, "12.345,50", "12" + nb + "345,50", "12,345.50"},
		{-1234.5, 2, "-1.234,50", "-1234,50", "-1,234.50"},
		{0, 2, "0,00", "0,00", "0.00"},
		{0.5, 0, "1", "1", "1"},
		{2.5, 0, "3", "3", "3"},
		{-2.5, 0, "-3", "-3", "-3"},
		{1.005, 2, "1,01", "1,01", "1.01"},
		{0.125, 2, "0,13", "0,13", "0.13"},
		{0.045, 2, "0,05", "0,05", "0.05"},
		{9.999, 2, "10,00", "10,00", "10.00"},
		{999.999, 2, "1.000,00", "1000,00", "1,000.00"},
		{99999.995, 2, "100.000,00", "100" + nb + "000,00", "100,000.00"},
		{1234.5678, 3, "1.234,568", "1234,568", "1,234.568"},
		{123456789.125, 2, "123.456.789,13", "123" + nb + "456" + nb + "789,13", "123,456,789.13"},
		{1e21, 0, "1.000.000.000.000.000.000.000", "1" + nb + "000" + nb + "000" + nb + "000" + nb + "000" + nb + "000" + nb + "000" + nb + "000", "1,000,000,000,000,000,000,000"},
		{1.5, -3, "2", "2", "2"},
		{1e-7, 2, "0,00", "0,00", "0.00"},
		// ICU writes "-0,00"; agora drops the sign of a value shown as zero.
		{-0.004, 2, "0,00", "0,00", "0.00"},
		{math.Copysign(0, -1), 1, "0,0", "0,0", "0.0"},
		{math.NaN(), 2, "NaN", "NaN", "NaN"},
		{math.Inf(1), 2, "∞", "∞", "∞"},
		{math.Inf(-1), 2, "-∞", "-∞", "-∞"},
	} {
		for lang, want := range map[string]string{"ro": tt.ro, "pl": tt.pl, "en": tt.en} {
			if got := NewLocale(lang, nil).Decimal(tt.f, tt.digits); got != want {
				t.Errorf("Decimal(%v, %d) in %s = %q, want %q", tt.f, tt.digits, lang, got, want)
			}
		}
	}
	// Digits are capped at 20 decimals.
	if got, want := NewLocale("en", nil).Decimal(1.0/3, 50), "0.33333333333333330000"; got != want {
		t.Errorf("Decimal(1/3, 50) = %q, want %q", got, want)
	}
}

func TestMoney(t *testing.T) {
	for _, tt := range []struct {
		minor      int64
		currency   string
		ro, pl, en string
	}{
		{123450, "RON", "1.234,50" + nb + "lei", "1234,50" + nb + "RON", "RON" + nb + "1,234.50"},
		{123450, "PLN", "1.234,50" + nb + "PLN", "1234,50" + nb + "zł", "PLN" + nb + "1,234.50"},
		{123450, "EUR", "1.234,50" + nb + "€", "1234,50" + nb + "€", "€1,234.50"},
		{1234550, "EUR", "12.345,50" + nb + "€", "12" + nb + "345,50" + nb + "€", "€12,345.50"},
		{-123450, "RON", "-1.234,50" + nb + "lei", "-1234,50" + nb + "RON", "-RON" + nb + "1,234.50"},
		{-1234550, "PLN", "-12.345,50" + nb + "PLN", "-12" + nb + "345,50" + nb + "zł", "-PLN" + nb + "12,345.50"},
		{-123450, "EUR", "-1.234,50" + nb + "€", "-1234,50" + nb + "€", "-€1,234.50"},
		{-5, "EUR", "-0,05" + nb + "€", "-0,05" + nb + "€", "-€0.05"},
		{0, "EUR", "0,00" + nb + "€", "0,00" + nb + "€", "€0.00"},
		{7, "RON", "0,07" + nb + "lei", "0,07" + nb + "RON", "RON" + nb + "0.07"},
		{100, "ron", "1,00" + nb + "lei", "1,00" + nb + "RON", "RON" + nb + "1.00"},
		{123450, "USD", "1.234,50" + nb + "USD", "1234,50" + nb + "USD", "US$1,234.50"},
		{123450, "GBP", "1.234,50" + nb + "GBP", "1234,50" + nb + "GBP", "£1,234.50"},
		{123450, "CHF", "1.234,50" + nb + "CHF", "1234,50" + nb + "CHF", "CHF" + nb + "1,234.50"},
		{-123450, "JPY", "-123.450" + nb + "JPY", "-123" + nb + "450" + nb + "JPY", "-JPY" + nb + "123,450"},
		{-50, "KWD", "-0,050" + nb + "KWD", "-0,050" + nb + "KWD", "-KWD" + nb + "0.050"},
		{123450, "", "1.234,50", "1234,50", "1,234.50"},
		{math.MinInt64, "EUR", "-92.233.720.368.547.758,08" + nb + "€", "-92" + nb + "233" + nb + "720" + nb + "368" + nb + "547" + nb + "758,08" + nb + "€", "-€92,233,720,368,547,758.08"},
		{math.MaxInt64, "RON", "92.233.720.368.547.758,07" + nb + "lei", "92" + nb + "233" + nb + "720" + nb + "368" + nb + "547" + nb + "758,07" + nb + "RON", "RON" + nb + "92,233,720,368,547,758.07"},
	} {
		for lang, want := range map[string]string{"ro": tt.ro, "pl": tt.pl, "en": tt.en} {
			if got := NewLocale(lang, nil).Money(tt.minor, tt.currency); got != want {
				t.Errorf("Money(%d, %q) in %s = %q, want %q", tt.minor, tt.currency, lang, got, want)
			}
		}
	}
}
