package importer

import (
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// paragraph is one numbered paragraph cut from an article's text.
type paragraph struct {
	Number string // as printed: "(2)", "(2^1)", "2.", "2a.", "§ 2."
	Text   string
}

// parMark is a paragraph marker found in a text: Romanian alineate
// "(1) ", "(1^1) "; Polish ustępy "1. ", "1a. " and, in codes, "§ 1. ".
// It spans [start, end) and numbers base and sub ("1", "a").
type parMark struct {
	start, end int
	base       int
	sub        string
	section    bool
}

// findParMarks scans for markers by hand: a regular expression here was
// most of the import's parsing time.
func findParMarks(j agora.Country, s string) []parMark {
	var out []parMark
	for i := 0; i < len(s); i++ {
		c := s[i]
		if j != agora.PL {
			if c != '(' {
				continue
			}
			base, n := leadingInt(s[i+1:])
			k := i + 1 + n
			if n == 0 || n > 3 {
				continue
			}
			sub := ""
			if k < len(s) && s[k] == '^' {
				v, m := leadingInt(s[k+1:])
				if m == 0 || m > 3 {
					continue
				}
				sub, k = strconv.Itoa(v), k+1+m
			}
			if k+1 < len(s) && s[k] == ')' && isSpaceByte(s[k+1]) {
				out = append(out, parMark{start: i, end: k + 2, base: base, sub: sub})
				i = k + 1
			}
			continue
		}
		start, section := i, false
		if strings.HasPrefix(s[i:], "§") {
			section = true
			i += len("§")
			for i < len(s) && s[i] == ' ' {
				i++
			}
		} else if i > 0 && (isDigitByte(s[i-1]) || isLetterByte(s[i-1])) {
			continue
		}
		base, n := leadingInt(s[i:])
		if n == 0 || n > 3 {
			i = start
			continue
		}
		k := i + n
		m := 0
		for k+m < len(s) && m < 3 && s[k+m] >= 'a' && s[k+m] <= 'z' {
			m++
		}
		if m < 3 && k+m+1 < len(s) && s[k+m] == '.' && isSpaceByte(s[k+m+1]) {
			out = append(out, parMark{start: start, end: k + m + 2, base: base, sub: s[k : k+m], section: section})
			i = k + m + 1
			continue
		}
		i = start + max(n, 1) - 1
		if section {
			i = start + len("§") - 1
		}
	}
	return out
}

func leadingInt(s string) (int, int) {
	v, n := 0, 0
	for n < len(s) && isDigitByte(s[n]) {
		v = v*10 + int(s[n]-'0')
		n++
		if n > 6 {
			break
		}
	}
	return v, n
}

func isDigitByte(c byte) bool  { return c >= '0' && c <= '9' }
func isLetterByte(c byte) bool { return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80 }
func isSpaceByte(c byte) bool  { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// abbreviations that end with a dot but end no sentence, so a marker
// after them is a reference ("alin. (2)", "poz. 148. ") and not a new
// paragraph.
var parAbbrevs = map[string]bool{
	"alin": true, "art": true, "nr": true, "lit": true, "pct": true, "par": true, "ind": true, "cap": true,
	"poz": true, "ust": true, "pkt": true, "r": true, "t": true, "j": true, "zm": true, "str": true, "tj": true,
	"dz": true, "u": true, "tit": true, "sec": true,
}

// splitParagraphs cuts an article's content into numbered paragraphs
// when the numbering is unambiguous: the text starts with the first
// marker, and every marker standing where a sentence may begin follows
// the one before it (n, n^k or n+1; "2", "2a", "3" in Polish). Any
// marker out of that order leaves the article whole (nil), so a
// reference is never mistaken for a paragraph.
func splitParagraphs(j agora.Country, content string) []paragraph {
	marks := findParMarks(j, content)
	if len(marks) < 2 || marks[0].start != 0 {
		return nil
	}
	var starts []int
	var nums []string
	prevBase, prevSub := 0, ""
	for i, m := range marks {
		if i > 0 && !sentenceStart(content[:m.start]) {
			continue
		}
		if m.section != marks[0].section || !nextParagraph(prevBase, prevSub, m.base, m.sub) {
			return nil
		}
		prevBase, prevSub = m.base, m.sub
		starts = append(starts, m.start)
		nums = append(nums, strings.TrimSpace(content[m.start:m.end]))
	}
	if len(starts) < 2 {
		return nil
	}
	out := make([]paragraph, len(starts))
	for i, s := range starts {
		end := len(content)
		if i+1 < len(starts) {
			end = starts[i+1]
		}
		body := content[s+len(nums[i]) : end]
		out[i] = paragraph{Number: nums[i], Text: strings.TrimSpace(body)}
		if out[i].Text == "" {
			return nil
		}
	}
	return out
}

// nextParagraph reports whether (base, sub) may follow (pb, ps): the
// first is 1; then the same number with a later suffix (2 → 2^1 → 2^2,
// 2 → 2a → 2b), or the next number without one.
func nextParagraph(pb int, ps string, base int, sub string) bool {
	if pb == 0 {
		return base == 1 && sub == ""
	}
	if base == pb+1 {
		return sub == ""
	}
	if base != pb || sub == "" {
		return false
	}
	if ps == "" {
		return sub == "1" || sub == "a"
	}
	if n, err := strconv.Atoi(ps); err == nil {
		m, err := strconv.Atoi(sub)
		return err == nil && m == n+1
	}
	return len(sub) == len(ps) && sub > ps
}

// sentenceStart reports whether a marker after before may open a
// paragraph: before ends with a sentence end (". ", "; ", ": ") that is
// not the dot of an abbreviation.
func sentenceStart(before string) bool {
	t := strings.TrimRightFunc(before, unicode.IsSpace)
	if len(t) == len(before) {
		return false
	}
	r, _ := utf8.DecodeLastRuneInString(t)
	switch r {
	case ';', ':':
		return true
	case '.':
	default:
		return false
	}
	t = t[:len(t)-1]
	i := strings.LastIndexFunc(t, func(r rune) bool { return !unicode.IsLetter(r) })
	word := strings.ToLower(t[i+1:])
	if i >= 0 {
		_, size := utf8.DecodeRuneInString(t[i:])
		word = strings.ToLower(t[i+size:])
	}
	return !parAbbrevs[word]
}
