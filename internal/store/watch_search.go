package store

import (
	"crypto/subtle"
	"net/url"
	"slices"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/search"
)

// SavedSearch is a legislation search kept in a watchlist: the text and
// filters of the law search page. It is stored as the query string of
// that page (q, jurisdiction, kind, status, domain, year_from, year_to),
// so a link from the search page saves exactly what the person sees.
type SavedSearch struct {
	Text          string
	Jurisdictions []string
	Kinds         []string
	Statuses      []string
	Domains       []string
	YearFrom      int
	YearTo        int
}

// maxSavedSearch bounds the stored query string.
const maxSavedSearch = 2048

// IsZero reports whether the search has neither text nor filters; such a
// search would match every act.
func (q SavedSearch) IsZero() bool {
	return strings.TrimSpace(q.Text) == "" && len(q.Jurisdictions) == 0 && len(q.Kinds) == 0 &&
		len(q.Statuses) == 0 && len(q.Domains) == 0 && q.YearFrom == 0 && q.YearTo == 0
}

// Query turns the saved search into a search.Query for SearchLaws.
func (q SavedSearch) Query() search.Query {
	return search.Query{Text: q.Text, Jurisdictions: q.Jurisdictions, Kinds: q.Kinds, Statuses: q.Statuses,
		Domains: q.Domains, YearFrom: q.YearFrom, YearTo: q.YearTo}
}

// Encode returns the canonical query string: keys sorted, filter values
// sorted and unique, so one search is stored one way.
func (q SavedSearch) Encode() string {
	v := url.Values{}
	if t := strings.TrimSpace(q.Text); t != "" {
		v.Set("q", t)
	}
	for _, f := range []struct {
		key  string
		vals []string
	}{{"jurisdiction", q.Jurisdictions}, {"kind", q.Kinds}, {"status", q.Statuses}, {"domain", q.Domains}} {
		for _, x := range f.vals {
			v.Add(f.key, x)
		}
	}
	if q.YearFrom > 0 {
		v.Set("year_from", strconv.Itoa(q.YearFrom))
	}
	if q.YearTo > 0 {
		v.Set("year_to", strconv.Itoa(q.YearTo))
	}
	return v.Encode()
}

// Label is a short human description for lists and alerts: the text, or
// the filters when there is no text.
func (q SavedSearch) Label() string {
	if t := strings.TrimSpace(q.Text); t != "" {
		return t
	}
	return q.Encode()
}

// ParseSavedSearch reads a saved search from a query string, ignoring
// keys the search does not filter on (sort, page). Invalid with Field
// "search" for a malformed string, a bad filter or a query the search
// cannot run.
func ParseSavedSearch(s string) (SavedSearch, error) {
	bad := func() (SavedSearch, error) {
		return SavedSearch{}, agora.FieldError("search", "watch.error.bad_search", nil)
	}
	if len(s) > maxSavedSearch {
		return bad()
	}
	v, err := url.ParseQuery(strings.TrimPrefix(strings.TrimSpace(s), "?"))
	if err != nil {
		return bad()
	}
	q := SavedSearch{Text: strings.TrimSpace(v.Get("q"))}
	q.Jurisdictions = cleanValues(v["jurisdiction"], strings.ToUpper)
	q.Kinds = cleanValues(v["kind"], strings.ToLower)
	q.Statuses = cleanValues(v["status"], strings.ToLower)
	q.Domains = cleanValues(v["domain"], strings.ToLower)
	for _, f := range []struct {
		key string
		dst *int
	}{{"year_from", &q.YearFrom}, {"year_to", &q.YearTo}} {
		if y := strings.TrimSpace(v.Get(f.key)); y != "" {
			if *f.dst, err = strconv.Atoi(y); err != nil {
				return bad()
			}
		}
	}
	sq, err := q.Query().Normalize()
	if err != nil {
		return bad()
	}
	if _, err := search.Compile(sq); err != nil {
		return bad()
	}
	return q, nil
}

func cleanValues(vals []string, norm func(string) string) []string {
	var out []string
	for _, x := range vals {
		if x = norm(strings.TrimSpace(x)); x != "" && !slices.Contains(out, x) {
			out = append(out, x)
		}
	}
	slices.Sort(out)
	return out
}

// matchesMeta reports whether an act passes the search's filters.
func (q SavedSearch) matchesMeta(a agora.Act, domains []string) bool {
	in := func(list []string, v string) bool { return len(list) == 0 || slices.Contains(list, v) }
	if !in(q.Jurisdictions, string(a.Jurisdiction)) || !in(q.Statuses, string(a.Status)) {
		return false
	}
	if len(q.Kinds) > 0 {
		kind := a.Kind
		if p, err := agora.ParseActKey(a.Key); err == nil && a.Jurisdiction == agora.PL {
			// The Polish facet offers journals ("du") as well as kinds.
			if !slices.Contains(q.Kinds, kind) && !slices.Contains(q.Kinds, p.Kind) {
				return false
			}
		} else if !slices.Contains(q.Kinds, kind) {
			return false
		}
	}
	if len(q.Domains) > 0 && !slices.ContainsFunc(domains, func(d string) bool { return slices.Contains(q.Domains, d) }) {
		return false
	}
	if (q.YearFrom > 0 && a.Year < q.YearFrom) || (q.YearTo > 0 && a.Year > q.YearTo) {
		return false
	}
	return true
}

// matchesText reports whether one of docs (the act's searchable
// documents: its title with one article each) holds every required
// clause of the search text and none of the excluded ones, with the
// analysis the index uses (folded, stemmed, stop words dropped), so an
// alert fires for the acts the search page would list.
func (q SavedSearch) matchesText(lang search.Lang, docs []string) bool {
	clauses, err := search.Parse(q.Text)
	if err != nil {
		return false
	}
	if len(clauses) == 0 {
		return true
	}
	for _, d := range docs {
		toks := search.Analyze(d, lang)
		ok := true
		for _, c := range clauses {
			if clauseIn(c, d, toks, lang) == c.Not {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

func clauseIn(c search.Clause, text string, toks []search.Token, lang search.Lang) bool {
	if c.Prefix {
		p := search.Fold(c.Text)
		if p == "" {
			return true
		}
		for _, t := range toks {
			if strings.HasPrefix(search.Fold(text[t.Start:t.End]), p) {
				return true
			}
		}
		return false
	}
	want := search.Analyze(c.Text, lang)
	if len(want) == 0 {
		return true // only stop words: the index ignores them too
	}
	for i := range toks {
		if i+len(want) > len(toks) {
			break
		}
		match := true
		for j, w := range want {
			if toks[i+j].Term != w.Term {
				match = false
				break
			}
		}
		if match {
			return true
		}
	}
	return false
}

// equalHash compares two token hashes in constant time.
func equalHash(a, b string) bool {
	return subtle.ConstantTimeCompare([]byte(a), []byte(b)) == 1
}
