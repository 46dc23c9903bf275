package redline

import (
	"cmp"
	"slices"

	"github.com/agora-civic/agora"
)

// Status says what became of a unit from one version of a draft to the next.
// The values are stable: they are stored with carried-over comments and name
// translation keys.
type Status string

// The statuses of a Match.
const (
	Same       Status = "same"       // same key, same text, also below it
	Changed    Status = "changed"    // same key, text edited (or only its diacritics) here or below
	Renumbered Status = "renumbered" // other key, same place: an earlier unit was added or removed, or its parent was renumbered
	Moved      Status = "moved"      // other key and another parent, or out of order among its siblings
	Vanished   Status = "vanished"   // only in the old version: NewKey is ""
	Added      Status = "added"      // only in the new version: OldKey is ""
)

// Match pairs a unit of one version with its counterpart in the next.
// A unit is compared with everything under it: an article whose alin. (2)
// was edited is Changed too, as a comment on the whole article should show.
// Similarity, from 0 to 1, is the Dice coefficient of the two texts' folded
// words and word pairs (see profile): 1 when they differ at most in case,
// whitespace, punctuation or diacritics; 0 for Vanished and Added. A
// Renumbered or Moved unit may have been edited too: then Similarity < 1.
type Match struct {
	OldKey     string
	NewKey     string
	Status     Status
	Similarity float64
}

// Tuning of the matcher, chosen by reasoning and checked by the tests on the
// shared Romanian and Polish laws (not fitted to a corpus).
const (
	// Units under different keys are the same unit when at least half of
	// their words and word pairs agree...
	crossKeyThreshold = 0.5
	// ...or 30% when their parents are counterparts (a rewritten
	// paragraph of a renumbered article).
	neighbourThreshold = 0.3
	// A unit under the same key (or the same own key under its parent's
	// counterpart) is its own successor whatever its text, unless another
	// unit is clearly more similar: the bonus is the margin it must beat.
	twinBonus    = 0.15
	contextBonus = 0.1
	// Exact copies of texts this short ("Abrogat.") are too common to pair
	// by text alone.
	minExactWords = 3
	// Candidate generation: the rarest words of a unit and at most this
	// many units sharing them, plus the siblings this close in position.
	rareWords     = 8
	maxCandidates = 64
	siblingWindow = 3
)

// MatchUnits carries the units of one version of a document (prev) to the next
// (next), so that comments follow the text they were made on. It pairs, in
// this order: units with the same key and text (Same); units whose text is
// unchanged and appears once in each version, whatever their keys; then,
// from the top of the tree down, by a greedy choice of the best-scoring
// pairs among candidates, where the score is the text similarity plus a
// bonus for the same key and for parents that are counterparts. Units left
// over are Vanished or Added.
//
// Every key of prev appears exactly once as an OldKey, every key of next
// exactly once as a NewKey. The result is in the reading order of next, with
// each vanished unit after the counterpart of the unit that preceded it.
// Candidates come from an inverted index of rare words, so the cost grows
// with the number of units times a bounded candidate count, not with its
// square.
func MatchUnits(prev, next []agora.Unit) []Match {
	pr := newProfiler()
	m := newMatcher(newVersion(prev, pr), newVersion(next, pr))
	m.matchIdentical()
	m.matchUniqueContent()
	m.matchScored()
	return m.result()
}

type matcher struct {
	old, new *version
	o2n, n2o []int
	sim      []float64 // by old index
	index    map[uint64][]int
	stamp    []int // stamp[j] == gen: new unit j is already a candidate of the current old unit
	gen      int
}

func newMatcher(old, new *version) *matcher {
	m := &matcher{old: old, new: new, o2n: make([]int, len(old.units)), n2o: make([]int, len(new.units)),
		sim: make([]float64, len(old.units)), index: make(map[uint64][]int), stamp: make([]int, len(new.units))}
	for i := range m.o2n {
		m.o2n[i] = -1
	}
	for j := range m.n2o {
		m.n2o[j] = -1
		for _, w := range new.own[j].words {
			if ps := m.index[w]; len(ps) == 0 || ps[len(ps)-1] != j {
				m.index[w] = append(ps, j)
			}
		}
	}
	return m
}

func (m *matcher) pair(i, j int, sim float64) {
	m.o2n[i], m.n2o[j], m.sim[i] = j, i, sim
}

func (m *matcher) matchIdentical() {
	for i, u := range m.old.units {
		if j, ok := m.new.byKey[u.Key]; ok && m.old.content[i] == m.new.content[j] {
			m.pair(i, j, 1)
		}
	}
}

// matchUniqueContent pairs texts that did not change but moved: after an
// inserted article every later article has a new number and the same text.
func (m *matcher) matchUniqueContent() {
	type seen struct{ i, j, nOld, nNew int }
	byContent := make(map[uint64]*seen)
	for i := range m.old.units {
		if m.o2n[i] < 0 && m.old.words[i] >= minExactWords {
			s := byContent[m.old.content[i]]
			if s == nil {
				s = &seen{}
				byContent[m.old.content[i]] = s
			}
			s.i, s.nOld = i, s.nOld+1
		}
	}
	for j := range m.new.units {
		if s := byContent[m.new.content[j]]; s != nil && m.n2o[j] < 0 {
			s.j, s.nNew = j, s.nNew+1
		}
	}
	for i := range m.old.units {
		if m.o2n[i] >= 0 {
			continue
		}
		if s := byContent[m.old.content[i]]; s != nil && s.nOld == 1 && s.nNew == 1 {
			m.pair(s.i, s.j, 1)
		}
	}
}

type candidate struct {
	i, j       int
	sim, score float64
	drift      float64 // distance between the relative positions, for ties
}

// matchScored pairs the rest level by level, parents before children, so
// that a child can use its parent's counterpart.
func (m *matcher) matchScored() {
	var depths []int
	byDepth := make(map[int][]int)
	for i, u := range m.old.units {
		if m.o2n[i] < 0 {
			if _, ok := byDepth[u.Depth]; !ok {
				depths = append(depths, u.Depth)
			}
			byDepth[u.Depth] = append(byDepth[u.Depth], i)
		}
	}
	slices.Sort(depths)
	var cands []candidate
	for _, d := range depths {
		cands = cands[:0]
		for _, i := range byDepth[d] {
			cands = m.candidates(i, cands)
		}
		slices.SortFunc(cands, func(a, b candidate) int {
			return cmp.Or(cmp.Compare(b.score, a.score), cmp.Compare(a.drift, b.drift), cmp.Compare(a.i, b.i), cmp.Compare(a.j, b.j))
		})
		for _, c := range cands {
			if m.o2n[c.i] < 0 && m.n2o[c.j] < 0 {
				m.pair(c.i, c.j, c.sim)
			}
		}
	}
}

// candidates appends the acceptable pairs of old unit i.
func (m *matcher) candidates(i int, out []candidate) []candidate {
	m.gen++
	twins := [2]int{-1, -1}
	consider := func(j int) bool {
		if j < 0 || m.n2o[j] >= 0 || m.stamp[j] == m.gen {
			return false
		}
		m.stamp[j] = m.gen
		sim := similarity(m.old.profile(i), m.new.profile(j))
		twin := (j == twins[0] || j == twins[1]) && m.old.units[i].Kind == m.new.units[j].Kind
		ctx := m.parentsCorrespond(i, j)
		if !twin && sim < crossKeyThreshold && (!ctx || sim < neighbourThreshold) {
			return true
		}
		score := sim
		if twin {
			score += twinBonus
		}
		if ctx {
			score += contextBonus
		}
		drift := float64(i)/float64(len(m.old.units)) - float64(j)/float64(len(m.new.units))
		out = append(out, candidate{i: i, j: j, sim: sim, score: score, drift: max(drift, -drift)})
		return true
	}

	if j, ok := m.new.byKey[m.old.units[i].Key]; ok {
		twins[0] = j
	}
	q := -1 // the counterpart of i's parent
	if p := m.old.parent[i]; p >= 0 {
		q = m.o2n[p]
	}
	if q >= 0 || m.old.parent[i] < 0 {
		if j, ok := m.new.byOwn[ownKey{q, ownPart(m.old.units[i])}]; ok {
			twins[1] = j
		}
		siblings := m.new.children[q]
		r := m.old.rank[i]
		for k := max(0, r-siblingWindow); k < min(len(siblings), r+siblingWindow+1); k++ {
			consider(siblings[k])
		}
	}
	consider(twins[0])
	consider(twins[1])

	// The rarest words of i in the new version point to the few units that
	// can share most of its text. The index holds units' own words, so a
	// word of an article split into paragraphs points to a paragraph: its
	// parent and grandparent are candidates too.
	type rare struct {
		df int
		w  uint64
	}
	words := make([]rare, 0, len(m.old.profile(i).words))
	for _, w := range m.old.profile(i).words {
		if df := len(m.index[w]); df > 0 {
			words = append(words, rare{df, w})
		}
	}
	slices.SortFunc(words, func(a, b rare) int { return cmp.Or(cmp.Compare(a.df, b.df), cmp.Compare(a.w, b.w)) })
	n := 0
	for _, r := range words[:min(len(words), rareWords)] {
		for _, j := range m.index[r.w] {
			for up := 0; up < 3 && j >= 0; up, j = up+1, m.new.parent[j] {
				if n >= maxCandidates {
					return out
				}
				if consider(j) {
					n++
				}
			}
		}
	}
	return out
}

// parentsCorrespond reports whether i and j sit under counterpart parents
// (or both at the top).
func (m *matcher) parentsCorrespond(i, j int) bool {
	p, q := m.old.parent[i], m.new.parent[j]
	if p < 0 || q < 0 {
		return p < 0 && q < 0
	}
	return m.o2n[p] == q
}
