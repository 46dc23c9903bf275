package redline

import (
	"strings"
	"unicode/utf8"
)

// cleanupMerge joins neighbouring segments: within each run of changes all
// deleted text becomes one Delete followed by one Insert, and words that
// both begin (or end) the Delete and the Insert move into the neighbouring
// equality. Empty segments disappear.
func cleanupMerge(segs []Segment) []Segment {
	out := make([]Segment, 0, len(segs))
	appendEqual := func(s string) {
		if s == "" {
			return
		}
		if k := len(out); k > 0 && out[k-1].Op == Equal {
			out[k-1].Text += s
			return
		}
		out = append(out, Segment{Equal, s})
	}
	for i := 0; i < len(segs); {
		if segs[i].Op == Equal {
			appendEqual(segs[i].Text)
			i++
			continue
		}
		var del, ins strings.Builder
		for ; i < len(segs) && segs[i].Op != Equal; i++ {
			if segs[i].Op == Delete {
				del.WriteString(segs[i].Text)
			} else {
				ins.WriteString(segs[i].Text)
			}
		}
		d, n, suffix := del.String(), ins.String(), ""
		if d != "" && n != "" {
			p := commonPrefix(d, n)
			appendEqual(d[:p])
			d, n = d[p:], n[p:]
			s := commonSuffix(d, n)
			suffix = d[len(d)-s:]
			d, n = d[:len(d)-s], n[:len(n)-s]
		}
		if d != "" {
			out = append(out, Segment{Delete, d})
		}
		if n != "" {
			out = append(out, Segment{Insert, n})
		}
		appendEqual(suffix)
	}
	return out
}

// commonPrefix returns the byte length of the whole tokens a and b begin with.
func commonPrefix(a, b string) int {
	ta, tb := tokenBounds(a), tokenBounds(b)
	k := 0
	for k+1 < len(ta) && k+1 < len(tb) && a[ta[k]:ta[k+1]] == b[tb[k]:tb[k+1]] {
		k++
	}
	return ta[k]
}

// commonSuffix returns the byte length of the whole tokens a and b end with.
func commonSuffix(a, b string) int {
	ta, tb := tokenBounds(a), tokenBounds(b)
	i, j := len(ta)-1, len(tb)-1
	for i > 0 && j > 0 && a[ta[i-1]:ta[i]] == b[tb[j-1]:tb[j]] {
		i--
		j--
	}
	return len(a) - ta[i]
}

// cleanupSemantic turns into changes the equalities that are no longer than
// the changes on either side of them (diff-match-patch's
// diff_cleanupSemantic without its overlap step), so a rewritten sentence
// reads as one deletion and one insertion. Lengths are in characters: a
// shared "de " between two rewritten clauses goes, a shared clause between
// two replaced words stays.
func cleanupSemantic(segs []Segment) []Segment {
	changed := false
	var equalities []int // indexes of the equalities seen, innermost last
	lastEquality := ""
	var del1, ins1, del2, ins2 int // change lengths before and after lastEquality
	for i := 0; i < len(segs); i++ {
		if segs[i].Op == Equal {
			equalities = append(equalities, i)
			del1, ins1, del2, ins2 = del2, ins2, 0, 0
			lastEquality = segs[i].Text
			continue
		}
		n := utf8.RuneCountInString(segs[i].Text)
		if segs[i].Op == Delete {
			del2 += n
		} else {
			ins2 += n
		}
		l := utf8.RuneCountInString(lastEquality)
		if lastEquality == "" || l > max(del1, ins1) || l > max(del2, ins2) {
			continue
		}
		// Replace the equality with a deletion and an insertion of its text,
		// then step back to the equality before it, which may now qualify.
		at := equalities[len(equalities)-1]
		segs = append(segs[:at+1], segs[at:]...)
		segs[at] = Segment{Delete, lastEquality}
		segs[at+1] = Segment{Insert, lastEquality}
		equalities = equalities[:len(equalities)-1]
		if len(equalities) > 0 {
			equalities = equalities[:len(equalities)-1]
		}
		i = -1
		if len(equalities) > 0 {
			i = equalities[len(equalities)-1]
		}
		del1, ins1, del2, ins2 = 0, 0, 0, 0
		lastEquality = ""
		changed = true
	}
	if changed {
		return cleanupMerge(segs)
	}
	return segs
}
