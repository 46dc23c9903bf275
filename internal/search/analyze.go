// Package search turns legislation text and user queries into the terms
// agora's full-text index stores: words split on Unicode letters and
// digits, folded like agora.Fold (case, diacritics, ş = ș = s), stop
// words dropped and inflections stemmed for Romanian and Polish. Both
// databases index these pre-analysed terms verbatim, so SQLite FTS5 and
// PostgreSQL match exactly the same documents.
package search

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// Lang picks the stemmer and stop words of a text.
type Lang uint8

const (
	// Romanian uses the Snowball stemmer on folded text.
	Romanian Lang = iota + 1
	// Polish uses agora's light suffix stemmer.
	Polish
)

// LangOf maps a jurisdiction code ("RO", "PL") to its language; anything
// else is analysed as Romanian, the default jurisdiction.
func LangOf(jurisdiction string) Lang {
	if strings.EqualFold(jurisdiction, "PL") {
		return Polish
	}
	return Romanian
}

// Token is one indexed word: its term, its byte range in the original
// text and its position among the kept tokens (stop words take none, so
// phrase positions agree between documents and queries).
type Token struct {
	Term       string
	Start, End int
	Pos        int
}

// Analyze splits text into tokens for lang.
func Analyze(text string, lang Lang) []Token {
	var out []Token
	eachWord(text, func(start, end int) {
		term := Term(text[start:end], lang)
		if term == "" {
			return
		}
		out = append(out, Token{Term: term, Start: start, End: end, Pos: len(out)})
	})
	return out
}

// Terms is Analyze reduced to the space-separated terms, the form the
// index stores.
func Terms(text string, lang Lang) string {
	var b strings.Builder
	eachWord(text, func(start, end int) {
		term := Term(text[start:end], lang)
		if term == "" {
			return
		}
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(term)
	})
	return b.String()
}

// Term analyses one word: folded, stemmed and made safe for both
// databases' tokenizers; "" for a stop word.
func Term(word string, lang Lang) string {
	f := fold(word)
	if f == "" || isStop(f, lang) {
		return ""
	}
	return safe(stem(f, lang))
}

// Fold is the folding half of Term, without stemming: what prefix
// queries compare with.
func Fold(word string) string { return safe(fold(word)) }

func stem(folded string, lang Lang) string {
	if !isAlpha(folded) {
		return folded
	}
	if lang == Polish {
		return stemPolish(folded)
	}
	return stemRomanian(folded)
}

// maxWord bounds a token: longer runs (base64, hashes, garbage) are cut
// so one word cannot blow up the index.
const maxWord = 64

// eachWord calls fn with the byte range of every run of letters, digits
// and combining marks. Everything else (spaces, punctuation, "/" in
// "52/2003") separates words, so "52/2003" gives "52" and "2003", which a
// query for 52/2003 asks for as a phrase.
func eachWord(text string, fn func(start, end int)) {
	start := -1
	for i, r := range text {
		if isWordRune(r) {
			if start < 0 {
				start = i
			}
			continue
		}
		if start >= 0 {
			emit(text, start, i, fn)
			start = -1
		}
	}
	if start >= 0 {
		emit(text, start, len(text), fn)
	}
}

func emit(text string, start, end int, fn func(start, end int)) {
	if end-start > maxWord*4 {
		// Cut at a rune boundary.
		end = start + maxWord*4
		for end > start && !utf8.RuneStart(text[end]) {
			end--
		}
	}
	fn(start, end)
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r)
}

func isAlpha(s string) bool {
	for _, r := range s {
		if !unicode.IsLetter(r) {
			return false
		}
	}
	return true
}

// safe makes a term identical under SQLite's unicode61 tokenizer and
// PostgreSQL's tsvector literal: ASCII letters and digits pass, any other
// rune becomes "x" and its hex code, so exotic scripts still match
// themselves and never split differently on the two databases.
func safe(term string) string {
	ascii := true
	for i := 0; i < len(term); i++ {
		c := term[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
			ascii = false
			break
		}
	}
	if ascii {
		if len(term) > maxWord {
			return term[:maxWord]
		}
		return term
	}
	var b strings.Builder
	for _, r := range term {
		switch {
		case r >= 'a' && r <= 'z' || r >= '0' && r <= '9':
			b.WriteRune(r)
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteString("x")
			b.WriteString(strings.ToLower(strconvHex(r)))
		}
		if b.Len() >= maxWord {
			break
		}
	}
	s := b.String()
	if len(s) > maxWord {
		s = s[:maxWord]
	}
	return s
}

func strconvHex(r rune) string {
	const digits = "0123456789abcdef"
	if r == 0 {
		return "0"
	}
	var buf [8]byte
	i := len(buf)
	for r > 0 {
		i--
		buf[i] = digits[r&0xf]
		r >>= 4
	}
	return string(buf[i:])
}
