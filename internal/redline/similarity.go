package redline

import (
	"math/bits"
	"slices"
	"unicode"

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
	words []uint64 // distinct word hashes, for the candidate index
}

func newProfile(text string) profile {
	var p profile
	var prev uint64
	folded := agora.Fold(text)
	word := -1 // start of the current word, or -1 between words
	add := func(w string) {
		h := hashString(w)
		if len(p.words) > 0 {
			p.grams = append(p.grams, pairHash(prev, h))
		}
		p.grams = append(p.grams, h)
		p.words = append(p.words, h)
		prev = h
	}
	for i, r := range folded {
		inWord := unicode.IsLetter(r) || unicode.IsDigit(r)
		switch {
		case inWord && word < 0:
			word = i
		case !inWord && word >= 0:
			add(folded[word:i])
			word = -1
		}
	}
	if word >= 0 {
		add(folded[word:])
	}
	slices.Sort(p.grams)
	slices.Sort(p.words)
	p.words = slices.Compact(p.words)
	return p
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
	h := uint64(14695981039346656037)
	for i := 0; i < len(s); i++ {
		h ^= uint64(s[i])
		h *= 1099511628211
	}
	return h
}

// pairHash mixes two word hashes into the hash of the ordered pair, kept
// apart from single-word hashes by the multiplication and rotation.
func pairHash(a, b uint64) uint64 {
	return bits.RotateLeft64(a*0x9e3779b97f4a7c15, 29) ^ b*0xc2b2ae3d27d4eb4f
}
