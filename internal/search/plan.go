package search

import (
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// Seq is a run of terms at consecutive positions: one term for a word,
// several for a phrase or a word the analyser splits ("52/2003").
// Prefix makes the last term match any term it begins.
type Seq struct {
	Terms  []string
	Prefix bool
}

// Group matches when any of its sequences does. A query word gets one
// sequence per language it is analysed in, when their stems differ.
type Group []Seq

// Plan is an analysed query, ready to be written in either database's
// full-text syntax. Both renderings express the same boolean formula over
// the same terms and positions.
type Plan struct {
	Mode   Mode
	Groups []Group
	Not    []Group
}

// Empty reports whether the plan has nothing to match (a query with no
// text lists documents by the filters alone).
func (p Plan) Empty() bool { return len(p.Groups) == 0 }

// Langs chooses the languages a query is analysed in: the jurisdictions'
// languages when the query filters by jurisdiction; otherwise the
// language whose letters the text uses (ă ș ț for Romanian, ą ę ł ś ż
// for Polish); otherwise both, each word then matching either language's
// stem.
func Langs(q Query) []Lang {
	var ls []Lang
	for _, j := range q.Jurisdictions {
		if l := LangOf(j); !slices.Contains(ls, l) {
			ls = append(ls, l)
		}
	}
	if len(ls) > 0 {
		return ls
	}
	ro, pl := false, false
	for _, r := range q.Text {
		switch r {
		case 'ă', 'Ă', 'â', 'Â', 'î', 'Î', 'ș', 'Ș', 'ț', 'Ț', 'ş', 'Ş', 'ţ', 'Ţ':
			ro = true
		case 'ą', 'Ą', 'ć', 'Ć', 'ę', 'Ę', 'ł', 'Ł', 'ń', 'Ń', 'ó', 'Ó', 'ś', 'Ś', 'ź', 'Ź', 'ż', 'Ż':
			pl = true
		}
	}
	switch {
	case ro && !pl:
		return []Lang{Romanian}
	case pl && !ro:
		return []Lang{Polish}
	}
	return []Lang{Romanian, Polish}
}

// Compile parses and analyses the query text. It returns Invalid errors
// with Field "q".
func Compile(q Query) (Plan, error) {
	clauses, err := Parse(q.Text)
	if err != nil {
		return Plan{}, err
	}
	langs := Langs(q)
	p := Plan{Mode: q.Mode}
	for _, c := range clauses {
		g, err := compileClause(c, langs)
		if err != nil {
			return Plan{}, err
		}
		if len(g) == 0 {
			continue
		}
		if c.Not {
			p.Not = append(p.Not, g)
		} else {
			p.Groups = append(p.Groups, g)
		}
	}
	if len(p.Groups) == 0 && len(clauses) > 0 {
		if len(p.Not) > 0 {
			return Plan{}, agora.FieldError("q", "search.error.only_exclusions", nil)
		}
		return Plan{}, agora.FieldError("q", "search.error.no_terms", nil)
	}
	return p, nil
}

func compileClause(c Clause, langs []Lang) (Group, error) {
	var g Group
	for _, lang := range langs {
		s := Seq{Prefix: c.Prefix}
		var words []string
		eachWord(c.Text, func(start, end int) { words = append(words, c.Text[start:end]) })
		for i, w := range words {
			last := i == len(words)-1
			if c.Prefix && last {
				t := prefixTerm(w, lang)
				if utf8.RuneCountInString(t) < 2 {
					return nil, agora.FieldError("q", "search.error.prefix_too_short", nil)
				}
				s.Terms = append(s.Terms, t)
				continue
			}
			if stopInAny(w, langs) {
				continue
			}
			if t := Term(w, lang); t != "" {
				s.Terms = append(s.Terms, t)
			}
		}
		if len(s.Terms) == 0 || slices.ContainsFunc(g, func(x Seq) bool { return x.equal(s) }) {
			continue
		}
		g = append(g, s)
	}
	return g, nil
}

// stopInAny drops a query word that any of the query's languages ignores:
// documents in that language never index it, so requiring it would hide
// them.
func stopInAny(w string, langs []Lang) bool {
	f := fold(w)
	for _, l := range langs {
		if isStop(f, l) {
			return true
		}
	}
	return false
}

// prefixTerm is what a prefix query compares with indexed stems: the
// common beginning of the folded word and its stem, so "organizacja*"
// (stem "organizacj") still finds "organizacji".
func prefixTerm(w string, lang Lang) string {
	f := Fold(w)
	s := safe(stem(fold(w), lang))
	n := 0
	for n < len(f) && n < len(s) && f[n] == s[n] {
		n++
	}
	return f[:n]
}

func (s Seq) equal(o Seq) bool { return s.Prefix == o.Prefix && slices.Equal(s.Terms, o.Terms) }

// FTS5 writes the plan as an SQLite FTS5 MATCH expression. Terms are
// [a-z0-9x] only, so quoting them needs no escaping.
func (p Plan) FTS5() string {
	seq := func(s Seq) string {
		out := `"` + strings.Join(s.Terms, " ") + `"`
		if s.Prefix {
			out += " *"
		}
		return out
	}
	group := func(g Group) string {
		parts := make([]string, len(g))
		for i, s := range g {
			parts[i] = seq(s)
		}
		if len(parts) == 1 {
			return parts[0]
		}
		return "(" + strings.Join(parts, " OR ") + ")"
	}
	op := " AND "
	if p.Mode == Natural {
		op = " OR "
	}
	parts := make([]string, len(p.Groups))
	for i, g := range p.Groups {
		parts[i] = group(g)
	}
	out := "(" + strings.Join(parts, op) + ")"
	for _, g := range p.Not {
		out += " NOT " + group(g)
	}
	return out
}

// TSQueryGroups writes each word or phrase of the plan as its own
// tsquery, so PostgreSQL can count how many of them a document matches
// (its ts_rank_cd alone ranks a document with one rare word like one
// with all of them).
func (p Plan) TSQueryGroups() []string {
	out := make([]string, len(p.Groups))
	for i, g := range p.Groups {
		out[i] = Plan{Groups: []Group{g}}.TSQuery()
	}
	return out
}

// TSQuery writes the plan as a PostgreSQL tsquery literal (cast with
// ::tsquery, which takes lexemes as they are: no parser, no stemming).
func (p Plan) TSQuery() string {
	seq := func(s Seq) string {
		parts := make([]string, len(s.Terms))
		for i, t := range s.Terms {
			parts[i] = "'" + t + "'"
		}
		if s.Prefix {
			parts[len(parts)-1] += ":*"
		}
		if len(parts) == 1 {
			return parts[0]
		}
		return "(" + strings.Join(parts, " <-> ") + ")"
	}
	group := func(g Group) string {
		parts := make([]string, len(g))
		for i, s := range g {
			parts[i] = seq(s)
		}
		if len(parts) == 1 {
			return parts[0]
		}
		return "(" + strings.Join(parts, " | ") + ")"
	}
	op := " & "
	if p.Mode == Natural {
		op = " | "
	}
	parts := make([]string, len(p.Groups))
	for i, g := range p.Groups {
		parts[i] = group(g)
	}
	out := "(" + strings.Join(parts, op) + ")"
	for _, g := range p.Not {
		out += " & !" + group(g)
	}
	return out
}

// Matcher reports whether an analysed document term is one the plan
// asks for (excluded words aside); snippets highlight those.
func (p Plan) Matcher() func(term string) bool {
	exact := map[string]bool{}
	var prefixes []string
	for _, g := range p.Groups {
		for _, s := range g {
			for i, t := range s.Terms {
				if s.Prefix && i == len(s.Terms)-1 {
					prefixes = append(prefixes, t)
				} else {
					exact[t] = true
				}
			}
		}
	}
	return func(term string) bool {
		if exact[term] {
			return true
		}
		for _, pre := range prefixes {
			if strings.HasPrefix(term, pre) {
				return true
			}
		}
		return false
	}
}
