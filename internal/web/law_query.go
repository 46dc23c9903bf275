package web

import (
	"slices"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/search"
)

// lawQueryInput is a legislation search as a page or an API call states
// it, lists already split; lawQuery turns it into a search.Query.
type lawQueryInput struct {
	Text                                 string
	Jurisdictions, Kinds, Statuses, Doms []string
	YearFrom, YearTo, Sort               string
}

// lawSorts are the values of the sort parameter.
var lawSorts = map[string]search.Sort{"": search.ByRelevance, "relevance": search.ByRelevance, "date": search.ByDate}

// lawQuery checks what search.Query.Normalize does not (kinds, domains,
// years and sort as text) and builds the query. Invalid errors name the
// parameter: q, jurisdiction, kind, status, domain, year, sort.
func lawQuery(in lawQueryInput) (search.Query, error) {
	var es agora.Errs
	q := search.Query{Text: in.Text, Jurisdictions: in.Jurisdictions, Kinds: in.Kinds, Statuses: in.Statuses, Domains: in.Doms}
	for _, k := range in.Kinds {
		if !slices.ContainsFunc(agora.LawKinds, func(lk agora.LawKind) bool { return lk.Code == k }) {
			es.Add("kind", "lawweb.error.kind", nil)
			break
		}
	}
	for _, d := range in.Doms {
		if !agora.ValidDomainSlug(d) {
			es.Add("domain", "lawweb.error.domain", nil)
			break
		}
	}
	var badYear bool
	q.YearFrom, badYear = lawYear(in.YearFrom)
	var bad2 bool
	q.YearTo, bad2 = lawYear(in.YearTo)
	if badYear || bad2 {
		es.Add("year", "search.error.bad_year", nil)
	}
	sort, ok := lawSorts[in.Sort]
	if !ok {
		es.Add("sort", "lawweb.error.sort", nil)
	}
	q.Sort = sort
	if err := es.Err(); err != nil {
		return q, err
	}
	return q.Normalize()
}

// lawYear reads an optional year: "" is no bound.
func lawYear(s string) (int, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return 0, false
	}
	if len(s) > 4 || !isDigits(s) {
		return 0, true
	}
	n, _ := strconv.Atoi(s)
	return n, false
}

// splitList reads a comma-separated API list; empty items are dropped.
func splitList(s string) []string {
	if s == "" {
		return nil
	}
	var out []string
	for v := range strings.SplitSeq(s, ",") {
		if v = strings.TrimSpace(v); v != "" {
			out = append(out, v)
		}
	}
	return out
}

// nonEmptyValues drops empty values a form sends for an unchecked
// choice or an empty select.
func nonEmptyValues(vs []string) []string {
	var out []string
	for _, v := range vs {
		if v = strings.TrimSpace(v); v != "" && !slices.Contains(out, v) {
			out = append(out, v)
		}
	}
	return out
}

// lawKindKey is the translation key of a kind code, whatever its
// jurisdiction (the codes do not overlap except "other").
func lawKindKey(j, code string) string {
	if j != "" {
		return agora.LawKindKey(agora.Country(j), code)
	}
	for _, k := range agora.LawKinds {
		if k.Code == code {
			return k.Key
		}
	}
	return "law.kind.other"
}
