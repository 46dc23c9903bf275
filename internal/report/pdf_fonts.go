package report

import (
	"encoding/binary"
	"errors"
	"strings"
	"sync"
	"unicode"

	"github.com/go-fonts/dejavu/dejavusans"
	"github.com/go-fonts/dejavu/dejavusansbold"
	"github.com/go-pdf/fpdf"
)

// fontFamily is the name the PDF gives the embedded DejaVu Sans. Sans
// rather than Serif: it has glyphs for far more of what people type
// (Romanian comma-below and cedilla letters, Polish, Cyrillic, Greek,
// arrows), so fewer characters turn into replacement marks.
const fontFamily = "DejaVuSans"

// addFonts embeds the regular and bold faces; fpdf subsets them to the
// characters used.
func addFonts(pdf *fpdf.Fpdf) {
	pdf.AddUTF8FontFromBytes(fontFamily, "", dejavusans.TTF)
	pdf.AddUTF8FontFromBytes(fontFamily, "B", dejavusansbold.TTF)
}

// glyphSet marks the characters of the Basic Multilingual Plane that
// both faces can draw. fpdf handles only that plane (its width table has
// 65,536 entries and it indexes past the end otherwise).
type glyphSet [65536 / 64]uint64

func (g *glyphSet) has(r rune) bool {
	return r >= 0 && r < 65536 && g[r/64]&(1<<(r%64)) != 0
}

// coverage is computed once from the fonts' cmap tables and only read
// afterwards.
var coverage = sync.OnceValue(func() *glyphSet {
	regular, err := cmapCoverage(dejavusans.TTF)
	if err != nil {
		panic("report: DejaVu Sans cmap: " + err.Error())
	}
	bold, err := cmapCoverage(dejavusansbold.TTF)
	if err != nil {
		panic("report: DejaVu Sans Bold cmap: " + err.Error())
	}
	for i := range regular {
		regular[i] &= bold[i]
	}
	return regular
})

// replacement stands for a character the fonts cannot draw.
const replacement = '\uFFFD'

// pdfText prepares user text for the PDF: cleaned as for every format,
// tabs as spaces, invisible format characters (bidi overrides,
// zero-width spaces, soft hyphens, BOM) dropped because fpdf would draw
// them as boxes, and every character outside the fonts replaced, so
// that fpdf never meets a rune it cannot measure.
func pdfText(s string) string {
	s = cleanText(s)
	g := coverage()
	ok := true
	for _, r := range s {
		if r != '\n' && !g.has(r) || r == '\t' || unicode.Is(unicode.Cf, r) {
			ok = false
			break
		}
	}
	if ok {
		return s
	}
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch {
		case r == '\n':
			b.WriteByte('\n')
		case r == '\t':
			b.WriteByte(' ')
		case unicode.Is(unicode.Cf, r):
		case g.has(r):
			b.WriteRune(r)
		case g.has(replacement):
			b.WriteRune(replacement)
		default:
			b.WriteByte('?')
		}
	}
	return b.String()
}

// cmapCoverage reads the Unicode BMP subtable (format 4) of a TrueType
// font's cmap and returns the characters that map to a real glyph.
func cmapCoverage(ttf []byte) (*glyphSet, error) {
	errBad := errors.New("malformed font")
	u16 := func(off int) (int, bool) {
		if off < 0 || off+2 > len(ttf) {
			return 0, false
		}
		return int(binary.BigEndian.Uint16(ttf[off:])), true
	}
	u32 := func(off int) (int, bool) {
		if off < 0 || off+4 > len(ttf) {
			return 0, false
		}
		return int(binary.BigEndian.Uint32(ttf[off:])), true
	}
	numTables, ok := u16(4)
	if !ok {
		return nil, errBad
	}
	cmap := -1
	for i := 0; i < numTables; i++ {
		rec := 12 + 16*i
		if rec+16 > len(ttf) {
			return nil, errBad
		}
		if string(ttf[rec:rec+4]) == "cmap" {
			cmap, _ = u32(rec + 8)
		}
	}
	if cmap < 0 {
		return nil, errors.New("no cmap table")
	}
	n, ok := u16(cmap + 2)
	if !ok {
		return nil, errBad
	}
	sub := -1
	for i := 0; i < n; i++ {
		rec := cmap + 4 + 8*i
		platform, _ := u16(rec)
		encoding, _ := u16(rec + 2)
		off, ok := u32(rec + 4)
		if !ok {
			return nil, errBad
		}
		if format, _ := u16(cmap + off); format == 4 && (platform == 3 && encoding == 1 || platform == 0) {
			sub = cmap + off
			break
		}
	}
	if sub < 0 {
		return nil, errors.New("no format 4 cmap subtable")
	}
	segX2, ok := u16(sub + 6)
	if !ok {
		return nil, errBad
	}
	ends, starts := sub+14, sub+16+segX2
	deltas, ranges := starts+segX2, starts+2*segX2
	g := new(glyphSet)
	for seg := 0; seg < segX2; seg += 2 {
		end, ok1 := u16(ends + seg)
		start, ok2 := u16(starts + seg)
		delta, ok3 := u16(deltas + seg)
		rangeOff, ok4 := u16(ranges + seg)
		if !ok1 || !ok2 || !ok3 || !ok4 {
			return nil, errBad
		}
		for c := start; c <= end && c < 0xFFFF; c++ {
			glyph := 0
			if rangeOff == 0 {
				glyph = (c + delta) & 0xFFFF
			} else if v, ok := u16(ranges + seg + rangeOff + 2*(c-start)); ok && v != 0 {
				glyph = (v + delta) & 0xFFFF
			}
			if glyph != 0 {
				g[c/64] |= 1 << (c % 64)
			}
		}
	}
	return g, nil
}
