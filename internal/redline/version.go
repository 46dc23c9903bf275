package redline

import (
	"slices"
	"strings"

	"github.com/agora-civic/agora"
)

// version is one version of a document, indexed for matching.
type version struct {
	units    []agora.Unit
	byKey    map[string]int
	parent   []int         // index of the parent unit, -1 at the top or when the parent is missing
	children map[int][]int // unit indexes by parent index (-1: the top), in reading order
	rank     []int         // position among the parent's children
	byOwn    map[ownKey]int
	// content hashes the heading and text of the unit and of everything
	// under it, whitespace collapsed; words counts the words in the same
	// text. An article split into alineate has no text of its own, so its
	// own text cannot tell it from any other such article; what it
	// contains can.
	content []uint64
	words   []int
	// own profiles the unit's own text; subtree, made from own on first
	// use, profiles the unit with everything under it.
	own     []profile
	subtree []profile
	state   []uint8 // of subtree: 0 not made, 1 being made, 2 made
}

// ownKey names a unit by its parent and the part of its key it adds
// itself ("par-2" of "art-8.par-2"), so that "art-8.par-2" can be found
// again as "art-9.par-2" once art. 8 is known to have become art. 9.
type ownKey struct {
	parent int
	own    string
}

// newVersion indexes units. Keys are unique in a document; if they are
// not, the first unit with a key stands for it and the others are ignored.
func newVersion(units []agora.Unit, pr *profiler) *version {
	v := &version{byKey: make(map[string]int, len(units)), children: make(map[int][]int), byOwn: make(map[ownKey]int, len(units))}
	for _, u := range units {
		if _, dup := v.byKey[u.Key]; dup {
			continue
		}
		v.byKey[u.Key] = len(v.units)
		v.units = append(v.units, u)
	}
	n := len(v.units)
	v.parent, v.rank = make([]int, n), make([]int, n)
	v.content, v.words = make([]uint64, n), make([]int, n)
	v.own, v.subtree, v.state = make([]profile, n), make([]profile, n), make([]uint8, n)
	for i, u := range v.units {
		p, ok := v.byKey[u.ParentKey]
		if !ok || u.ParentKey == "" || p == i {
			p = -1
		}
		v.parent[i] = p
		v.rank[i] = len(v.children[p])
		v.children[p] = append(v.children[p], i)
		k := ownKey{p, ownPart(u)}
		if _, dup := v.byOwn[k]; !dup {
			v.byOwn[k] = i
		}
	}
	v.subtreeTexts(pr)
	return v
}

// subtreeTexts fills content, words and own, children before parents.
// Units caught in a cycle of parent keys (bad input) get their own text only.
func (v *version) subtreeTexts(pr *profiler) {
	var order []int // preorder from the top
	stack := slices.Clone(v.children[-1])
	slices.Reverse(stack)
	for len(stack) > 0 {
		i := stack[len(stack)-1]
		stack = stack[:len(stack)-1]
		order = append(order, i)
		for k := len(v.children[i]) - 1; k >= 0; k-- {
			stack = append(stack, v.children[i][k])
		}
	}
	for i, u := range v.units {
		v.content[i] = hashCollapsed(hashMore(hashCollapsed(hashString(""), u.Heading), "\n"), u.Text)
		v.own[i] = pr.profile(u.Heading + "\n" + u.Text)
		v.words[i] = len(v.own[i].words)
	}
	for k := len(order) - 1; k >= 0; k-- {
		i := order[k]
		h := v.content[i]
		for _, c := range v.children[i] {
			h = pairHash(h, v.content[c])
			v.words[i] += v.words[c]
		}
		if len(v.children[i]) > 0 {
			v.content[i] = h
		}
	}
}

// profile returns the sorted profile of unit i and everything under it.
func (v *version) profile(i int) profile {
	if v.state[i] == 2 {
		return v.subtree[i]
	}
	v.state[i] = 1
	var kids []profile
	for _, c := range v.children[i] {
		if v.state[c] != 1 { // a cycle of parent keys
			kids = append(kids, v.profile(c))
		}
	}
	v.subtree[i], v.state[i] = merge(v.own[i], kids), 2
	return v.subtree[i]
}

func ownPart(u agora.Unit) string {
	if u.ParentKey != "" {
		if own, ok := strings.CutPrefix(u.Key, u.ParentKey+"."); ok {
			return own
		}
	}
	return u.Key
}
