package redline

import (
	"math/bits"
	"slices"
	"unicode"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// profile is what similarity compares: the words of a unit's heading and
// text, folded with agora.Fold so that ş/ș, ţ/ț, missing diacritics and case
// do not count, taken one by one and in pairs (word bigrams, "shingles" of
// two). Single words let short units ("a) persoane fizice;") compare at all;
// pairs make word order count, so a reshuffled sentence is less similar than
// an unchanged one.
type profile struct {
	grams []uint64 // hashes of words and word pairs, sorted, repeats kept
	words []uint64 // distinct word hashes, sorted
}

// profiler makes profiles. Folding is decomposition, dropping marks and
// lower case, which work letter by letter, so a word is folded and hashed as
// a stream: ASCII inline, other letters through agora.Fold once each per
// profiler. Folding whole words instead cost most of the matching time:
// Polish inflection gives a draft thousands of distinct words.
type profiler struct {
	runes map[rune]string
}

func newProfiler() *profiler {
	return &profiler{runes: make(map[rune]string, 64)}
}

func (pr *profiler) fold(r rune) string {
	f, ok := pr.runes[r]
	if !ok {
		f = agora.Fold(string(r))
		pr.runes[r] = f
	}
	return f
}

// profile returns the profile of one text, unsorted: sorting is most of
// the cost and most units are paired by identical text without it.
func (pr *profiler) profile(text string) profile {
	var p profile
	var prev, h uint64
	inWord := false
	end := func() {
		if len(p.words) > 0 {
			p.grams = append(p.grams, pairHash(prev, h))
		}
		p.grams = append(p.grams, h)
		p.words = append(p.words, h)
		prev, inWord = h, false
	}
	for i := 0; i < len(text); {
		c := text[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case 'A' <= c && c <= 'Z':
				c += 'a' - 'A'
			case 'a' <= c && c <= 'z', '0' <= c && c <= '9':
			default:
				if inWord {
					end()
				}
				continue
			}
			if !inWord {
				h, inWord = fnvOffset, true
			}
			h = (h ^ uint64(c)) * fnvPrime
			continue
		}
		r, size := utf8.DecodeRuneInString(text[i:])
		i += size
		if !(unicode.IsLetter(r) || unicode.IsDigit(r) || (inWord && unicode.Is(unicode.M, r))) {
			if inWord {
				end()
			}
			continue
		}
		if !inWord {
			h, inWord = fnvOffset, true
		}
		h = hashMore(h, pr.fold(r))
	}
	if inWord {
		end()
	}
	return p
}

// merge returns the sorted profile of a unit and everything under it from
// the unsorted profile of its own text and the sorted ones of its children.
func merge(own profile, children []profile) profile {
	own.grams, own.words = slices.Clone(own.grams), slices.Clone(own.words)
	slices.Sort(own.grams)
	slices.Sort(own.words)
	own.words = slices.Compact(own.words)
	if len(children) == 0 {
		return own
	}
	grams, words := [][]uint64{own.grams}, [][]uint64{own.words}
	for _, c := range children {
		grams, words = append(grams, c.grams), append(words, c.words)
	}
	return profile{grams: mergeSorted(grams), words: slices.Compact(mergeSorted(words))}
}

// mergeSorted merges sorted runs pairwise, in O(n log runs).
func mergeSorted(runs [][]uint64) []uint64 {
	switch len(runs) {
	case 0:
		return nil
	case 1:
		return runs[0]
	}
	a, b := mergeSorted(runs[:len(runs)/2]), mergeSorted(runs[len(runs)/2:])
	out := make([]uint64, 0, len(a)+len(b))
	i, j := 0, 0
	for i < len(a) && j < len(b) {
		if a[i] <= b[j] {
			out = append(out, a[i])
			i++
		} else {
			out = append(out, b[j])
			j++
		}
	}
	return append(append(out, a[i:]...), b[j:]...)
}

// similarity is the Dice coefficient of two profiles as multisets,
// 2·|A∩B| / (|A|+|B|): 1 for the same words in the same order, 0 for no
// word in common. Two empty texts are the same.
func similarity(a, b profile) float64 {
	if len(a.grams)+len(b.grams) == 0 {
		return 1
	}
	common := 0
	for i, j := 0, 0; i < len(a.grams) && j < len(b.grams); {
		switch {
		case a.grams[i] < b.grams[j]:
			i++
		case a.grams[i] > b.grams[j]:
			j++
		default:
			common++
			i++
			j++
		}
	}
	return 2 * float64(common) / float64(len(a.grams)+len(b.grams))
}

// hashString is 64-bit FNV-1a: fast, deterministic, and collisions among
// the few thousand words of a draft are negligible for a similarity score.
func hashString(s string) uint64 {
	return hashMore(fnvOffset, s)
}

const (
	fnvOffset = 14695981039346656037
	fnvPrime  = 1099511628211
)

func hashMore(h uint64, s string) uint64 {
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= fnvPrime
	}
	return h
}

// pairHash mixes two word hashes into the hash of the ordered pair, kept
// apart from single-word hashes by the multiplication and rotation.
func pairHash(a, b uint64) uint64 {
	return bits.RotateLeft64(a*0x9e3779b97f4a7c15, 29) ^ b*0xc2b2ae3d27d4eb4f
}

// hashCollapsed continues h with s as strings.Fields would join it: runs of
// whitespace count as one space, leading and trailing ones not at all, so
// a re-wrapped line is the same text.
func hashCollapsed(h uint64, s string) uint64 {
	space, started := false, false
	for i := 0; i < len(s); {
		r, size := rune(s[i]), 1
		if r >= utf8.RuneSelf {
			r, size = utf8.DecodeRuneInString(s[i:])
		}
		if unicode.IsSpace(r) {
			space = started
		} else {
			if space {
				h = hashMore(h, " ")
				space = false
			}
			started = true
			h = hashMore(h, s[i:i+size])
		}
		i += size
	}
	return h
}
