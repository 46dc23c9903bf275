package redline

import (
	"unicode"
	"unicode/utf8"
)

// class sorts runes into the three kinds of token a redline is made of.
type class uint8

const (
	classWord  class = iota // letters and digits: one token per run
	classSpace              // whitespace: one token per run
	classOther              // punctuation, symbols, invalid bytes: one token per rune
)

func classOf(r rune, size int) class {
	switch {
	case r == utf8.RuneError && size == 1:
		return classOther
	case unicode.IsLetter(r) || unicode.IsDigit(r):
		return classWord
	case unicode.IsSpace(r):
		return classSpace
	}
	return classOther
}

// extends reports whether r belongs to the rune before it: combining marks
// (a decomposed "s" + U+0326 is one Romanian letter), variation selectors,
// emoji skin-tone modifiers and zero-width joiners. Cutting a redline between
// them would show half a letter as deleted.
func extends(r rune) bool {
	return unicode.Is(unicode.M, r) || r == '\u200d' || (r >= 0x1f3fb && r <= 0x1f3ff)
}

// tokenBounds splits s into words, whitespace runs and single other
// characters and returns the byte offsets where tokens start, followed by
// len(s). Tokens always hold whole runes, so slicing at these offsets keeps
// valid UTF-8 valid; an invalid byte is a token of its own so that the
// text is reproduced byte for byte.
func tokenBounds(s string) []int {
	bounds := make([]int, 0, len(s)/3+2)
	prev := classOther
	joinNext := false
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		c := classOf(r, size)
		switch {
		case i == 0:
			bounds = append(bounds, 0)
		case joinNext || (extends(r) && !(r == utf8.RuneError && size == 1)):
			// stays in the current token
		case c != prev || c == classOther:
			bounds = append(bounds, i)
		}
		joinNext = r == '\u200d'
		if !extends(r) {
			prev = c
		}
		i += size
	}
	return append(bounds, len(s))
}
