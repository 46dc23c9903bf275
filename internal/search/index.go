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
	pos := map[string][]string{}
	var order []string
	add := func(term string, p int, weight string) {
		if p > maxTSPos {
			p = maxTSPos
		}
		if _, ok := pos[term]; !ok {
			order = append(order, term)
		}
		pos[term] = append(pos[term], strconv.Itoa(p)+weight)
	}
	for _, t := range title {
		add(t.Term, t.Pos+1, "A")
	}
	off := len(title) + 2
	for _, t := range body {
		add(t.Term, off+t.Pos, "")
	}
	var b strings.Builder
	for i, term := range order {
		if i > 0 {
			b.WriteByte(' ')
		}
		b.WriteByte('\'')
		b.WriteString(term)
		b.WriteString("':")
		b.WriteString(strings.Join(pos[term], ","))
	}
	return b.String()
}
