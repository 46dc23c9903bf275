package redline

import (
	"cmp"
	"slices"
)

// result names the statuses and lays the matches out in the reading order
// of the new version.
func (m *matcher) result() []Match {
	inOrder := m.inOrder()
	type placed struct {
		pos, sub, old int // sort key: new position, then vanished after matched, then old order
		m             Match
	}
	out := make([]placed, 0, len(m.o2n)+len(m.n2o))
	for j, i := range m.n2o {
		if i < 0 {
			out = append(out, placed{j, 0, -1, Match{NewKey: m.new.units[j].Key, Status: Added}})
			continue
		}
		ou, nu := m.old.units[i], m.new.units[j]
		st := Renumbered
		switch {
		case ou.Key == nu.Key && m.old.content[i] == m.new.content[j]:
			st = Same
		case ou.Key == nu.Key:
			st = Changed
		case !m.parentsCorrespond(i, j) || !inOrder[i]:
			st = Moved
		}
		out = append(out, placed{j, 0, i, Match{OldKey: ou.Key, NewKey: nu.Key, Status: st, Similarity: m.sim[i]}})
	}
	anchor := -1 // new position of the last matched old unit
	for i, j := range m.o2n {
		if j >= 0 {
			anchor = j
			continue
		}
		out = append(out, placed{anchor, 1, i, Match{OldKey: m.old.units[i].Key, Status: Vanished}})
	}
	slices.SortFunc(out, func(a, b placed) int {
		return cmp.Or(cmp.Compare(a.pos, b.pos), cmp.Compare(a.sub, b.sub), cmp.Compare(a.old, b.old))
	})
	ms := make([]Match, len(out))
	for k, p := range out {
		ms[k] = p.m
	}
	return ms
}

// inOrder tells, by old index, which matched units kept their order among
// the siblings they now have: the longest run of them that is increasing
// in both versions stays, the others count as moved.
func (m *matcher) inOrder() []bool {
	ok := make([]bool, len(m.o2n))
	groups := make(map[int][]int) // old indexes by new parent, in old order
	for i, j := range m.o2n {
		if j >= 0 {
			groups[m.new.parent[j]] = append(groups[m.new.parent[j]], i)
		}
	}
	for _, olds := range groups {
		for _, i := range longestIncreasing(olds, m.o2n) {
			ok[i] = true
		}
	}
	return ok
}

// longestIncreasing returns the longest subsequence of olds whose new
// positions o2n[i] increase (patience sorting, O(n log n)).
func longestIncreasing(olds []int, o2n []int) []int {
	tails := []int{}               // tails[k]: index in olds ending the best run of length k+1
	prev := make([]int, len(olds)) // predecessor in that run, -1 for none
	for k, i := range olds {
		pos, _ := slices.BinarySearchFunc(tails, o2n[i], func(t, target int) int { return cmp.Compare(o2n[olds[t]], target) })
		prev[k] = -1
		if pos > 0 {
			prev[k] = tails[pos-1]
		}
		if pos == len(tails) {
			tails = append(tails, k)
		} else {
			tails[pos] = k
		}
	}
	run := make([]int, len(tails))
	for k, t := len(tails)-1, -1; k >= 0; k-- {
		if t < 0 {
			t = tails[len(tails)-1]
		} else {
			t = prev[t]
		}
		run[k] = olds[t]
	}
	return run
}
