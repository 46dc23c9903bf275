package report

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf16"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// maxCellUnits is Excel's limit on the characters of one cell, counted
// in UTF-16 units; longer text is cut with an ellipsis rather than
// refused.
const maxCellUnits = 32767

// cleanText is the common ground of every format: valid UTF-8 (bad
// bytes become U+FFFD), line breaks as \n, no control characters but
// \n and \t, and NFC, so that "s" + combining comma below is stored and
// found as the single letter ș.
func cleanText(s string) string {
	if s == "" {
		return s
	}
	if isPlain(s) {
		return s
	}
	s = strings.ToValidUTF8(s, "\uFFFD")
	var b strings.Builder
	b.Grow(len(s))
	for i, r := range s {
		switch {
		case r == '\r':
			if !strings.HasPrefix(s[i+1:], "\n") {
				b.WriteByte('\n')
			}
		case r == '\u2028' || r == '\u2029' || r == '\u0085':
			b.WriteByte('\n')
		case r == '\n' || r == '\t':
			b.WriteRune(r)
		case unicode.IsControl(r):
		case r == '\uFFFE' || r == '\uFFFF':
			// Not characters, and not allowed in XML (XLSX) either.
			b.WriteRune('\uFFFD')
		default:
			b.WriteRune(r)
		}
	}
	return norm.NFC.String(b.String())
}

// isPlain reports whether s is printable ASCII with at most \n and \t,
// which cleanText would return unchanged; most cells are.
func isPlain(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c >= utf8.RuneSelf || (c < ' ' && c != '\n' && c != '\t') || c == 0x7f {
			return false
		}
	}
	return true
}

// cellText prepares user text for a spreadsheet cell (CSV or XLSX):
// cleaned, cut to Excel's limit, and defused when a spreadsheet would
// read it as a formula. A cell starting with = + - @, a tab or a carriage
// return gets a leading apostrophe (the OWASP advice), which Excel and
// LibreOffice show as text; leading spaces do not hide a formula from
// some importers, so they are looked through.
func cellText(s string) string {
	s = cleanText(s)
	if formulaLike(s) {
		s = "'" + s
	}
	return fitCell(s)
}

// fitCell cuts s to Excel's cell limit, ending it with an ellipsis.
func fitCell(s string) string {
	if len(s) <= maxCellUnits {
		return s // UTF-8 never takes fewer bytes than UTF-16 takes units
	}
	units := 0
	for _, r := range s {
		units += utf16.RuneLen(r)
	}
	if units <= maxCellUnits {
		return s
	}
	units = 0
	for i, r := range s {
		units += utf16.RuneLen(r)
		if units > maxCellUnits-1 {
			return s[:i] + "…"
		}
	}
	return s
}

// formulaLike reports whether a spreadsheet could take s for a formula.
func formulaLike(s string) bool {
	t := strings.TrimLeft(s, " \u00a0")
	if t == "" {
		return false
	}
	switch t[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return true
	}
	// Full-width signs are folded to ASCII by some spreadsheet imports.
	r, _ := utf8.DecodeRuneInString(t)
	return r == '＝' || r == '＋' || r == '－' || r == '＠'
}

func itoa(n int) string { return strconv.Itoa(n) }
