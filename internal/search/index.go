package search

import (
	"strconv"
	"strings"
)

// Join gives the space-separated terms of tokens, the text SQLite FTS5
// indexes. Positions agree with the tokens' Pos because every term is
// one unicode61 token.
func Join(tokens []Token) string {
	var b strings.Builder
	for i, t := range tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteString(t.Term)
	}
	return b.String()
}

// maxTSPos is PostgreSQL's largest tsvector position; later words are
// kept at that position, so a phrase deep inside a very long article
// may match less strictly on PostgreSQL than on SQLite.
const maxTSPos = 16383

// TSVector builds a PostgreSQL tsvector literal from title and body
// tokens: title terms weighted A at positions 1…n, body terms from n+2
// (the gap keeps a phrase from spanning title and body, as FTS5 columns
// do). Terms are [a-z0-9x] only (see safe), so quoting is trivial.
func TSVector(title, body []Token) string {
	// One entry per distinct term, in order of first appearance, with its
	// positions written as they come: no per-position strings.
	type entry struct {
		term string
		pos  []byte
	}
	at := make(map[string]int, len(title)+len(body)/4)
	var es []entry
	size := 0
	add := func(term string, p int, weightA bool) {
		p = min(p, maxTSPos)
		i, ok := at[term]
		if !ok {
			i = len(es)
			at[term] = i
			es = append(es, entry{term: term, pos: make([]byte, 0, 8)})
			size += len(term) + 4
		} else {
			es[i].pos = append(es[i].pos, ',')
		}
		n := len(es[i].pos)
		es[i].pos = strconv.AppendInt(es[i].pos, int64(p), 10)
		if weightA {
			es[i].pos = append(es[i].pos, 'A')
		}
		size += len(es[i].pos) - n + 1
	}
	for _, t := range title {
		add(t.Term, t.Pos+1, true)
	}
	off := len(title) + 2
	for _, t := range body {
		add(t.Term, off+t.Pos, false)
	}
	var b strings.Builder
	b.Grow(size)
	for i, e := range es {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('\'')
		b.WriteString(e.term)
		b.WriteString("':")
		b.Write(e.pos)
	}
	return b.String()
}
