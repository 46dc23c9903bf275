package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/agora-civic/agora/internal/search"
)

// LawHit is one matching document of a legislation search.
type LawHit struct {
	ActID        string
	ActKey       string
	Title        string
	Heading      string
	Jurisdiction string
	Kind         string
	Year         int
	Status       string
	UnitKey      string
	ArticleLabel string
	Snippet      search.Snippet
	// Score is the relevance (higher is better); 0 when sorted by date
	// or when the query has no text.
	Score float64
}

// FacetCount is one value of a facet and how many matching documents
// have it.
type FacetCount struct {
	Value string
	Count int
}

// LawFacets counts the matching documents by act field. When more than
// FacetScanLimit documents match, the counts cover only the first
// FacetScanLimit of them (Partial), which bounds the cost of a search
// for a very common word.
type LawFacets struct {
	Jurisdiction []FacetCount
	Kind         []FacetCount
	Year         []FacetCount
	Status       []FacetCount
	Domain       []FacetCount
	Partial      bool
}

// LawResults is one page of a legislation search.
type LawResults struct {
	Hits   []LawHit
	Total  int
	Facets LawFacets
}

// FacetScanLimit bounds the documents a search reads for facet counts.
const FacetScanLimit = 20000

// SearchLaws searches the legislation index at article level. A query
// with words matches documents containing all of them (search.All) or
// any of them, ranked (search.Natural); a query without words lists the
// documents the filters select, newest first. It returns Invalid errors
// for a bad query or filters.
func (s *Store) SearchLaws(ctx context.Context, q search.Query) (LawResults, error) {
	q, err := q.Normalize()
	if err != nil {
		return LawResults{}, err
	}
	plan, err := search.Compile(q)
	if err != nil {
		return LawResults{}, err
	}
	if plan.Empty() {
		q.Sort = search.ByDate
	}
	sq := buildLawSearch(s.dialect, q, plan)
	var res LawResults
	err = s.read(ctx, func(tx *Tx) error {
		res, err = lawSearch(ctx, tx, sq, q, plan)
		return err
	})
	return res, err
}

// lawMatch is what one scan of the matching documents keeps of each.
type lawMatch struct {
	id                                  int64
	actID, jur, kind, status, date, key string
	year, position                      int
	score                               float64
}

// lawSearch evaluates the full-text condition once: a single scan of at
// most FacetScanLimit matching rows gives the total, the facets and,
// sorted in Go, the page of hits, whose text is then read by id. Only
// when more rows match does the database rank them all itself.
func lawSearch(ctx context.Context, tx *Tx, sq lawSearchSQL, q search.Query, plan search.Plan) (LawResults, error) {
	var res LawResults
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.act_id, d.jurisdiction, d.kind, d.year, d.status, d.act_date, d.act_key,
		d.position, `+sq.score+` AS score`+sq.from+sq.where+` LIMIT `+strconv.Itoa(FacetScanLimit+1), sq.args...)
	if err != nil {
		return res, fmt.Errorf("store: search laws: %w", err)
	}
	defer rows.Close()
	var ms []lawMatch
	for rows.Next() {
		var m lawMatch
		if err := rows.Scan(&m.id, &m.actID, &m.jur, &m.kind, &m.year, &m.status, &m.date, &m.key, &m.position, &m.score); err != nil {
			return res, err
		}
		ms = append(ms, m)
	}
	if err := rows.Err(); err != nil {
		return res, err
	}
	rows.Close()
	res.Facets.Partial = len(ms) > FacetScanLimit
	if res.Facets.Partial {
		ms = ms[:FacetScanLimit]
	}
	res.Total = len(ms)
	if !q.NoFacets {
		countFacets(&res.Facets, ms)
		if res.Facets.Domain, err = domainFacet(ctx, tx, sq); err != nil {
			return res, err
		}
	}
	if res.Facets.Partial {
		res.Hits, err = lawHitsRanked(ctx, tx, sq, q, plan)
		return res, err
	}
	sortMatches(ms, q.Sort)
	page := ms[min(q.Offset, len(ms)):min(q.Offset+q.Limit, len(ms))]
	res.Hits, err = lawHitsByID(ctx, tx, page, plan)
	return res, err
}

func sortMatches(ms []lawMatch, by search.Sort) {
	sort.Slice(ms, func(a, b int) bool {
		x, y := ms[a], ms[b]
		if by == search.ByDate {
			if x.date != y.date {
				return x.date > y.date
			}
			if x.key != y.key {
				return x.key < y.key
			}
			return x.position < y.position
		}
		if x.score != y.score {
			return x.score > y.score
		}
		return x.id < y.id
	})
}

const lawHitColumns = `d.act_id, d.act_key, d.title, d.heading, d.jurisdiction, d.kind, d.year, d.status,
	d.unit_key, d.article_label, d.body`

// lawHitsByID reads the page's documents, keeping the page's order.
func lawHitsByID(ctx context.Context, tx *Tx, page []lawMatch, plan search.Plan) ([]LawHit, error) {
	if len(page) == 0 {
		return nil, nil
	}
	ps := make([]string, len(page))
	args := make([]any, len(page))
	at := map[int64]int{}
	for i, m := range page {
		ps[i] = "$" + strconv.Itoa(i+1)
		args[i] = m.id
		at[m.id] = i
	}
	rows, err := tx.QueryContext(ctx, `SELECT d.id, `+lawHitColumns+` FROM law_search_docs d WHERE d.id IN (`+strings.Join(ps, ", ")+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: search hits: %w", err)
	}
	defer rows.Close()
	hits := make([]LawHit, len(page))
	match := plan.Matcher()
	for rows.Next() {
		var id int64
		var h LawHit
		var body string
		if err := rows.Scan(&id, &h.ActID, &h.ActKey, &h.Title, &h.Heading, &h.Jurisdiction, &h.Kind, &h.Year,
			&h.Status, &h.UnitKey, &h.ArticleLabel, &body); err != nil {
			return nil, err
		}
		i := at[id]
		h.Score = page[i].score
		h.Snippet = search.MakeSnippet(body, search.LangOf(h.Jurisdiction), match)
		hits[i] = h
	}
	return hits, rows.Err()
}

// lawHitsRanked lets the database order every match, for searches with
// more matches than one scan keeps.
func lawHitsRanked(ctx context.Context, tx *Tx, sq lawSearchSQL, q search.Query, plan search.Plan) ([]LawHit, error) {
	n := len(sq.args)
	args := append(sq.args[:n:n], q.Limit, q.Offset)
	rows, err := tx.QueryContext(ctx, `SELECT `+lawHitColumns+`, `+sq.score+` AS score`+sq.from+sq.where+
		` ORDER BY `+sq.order+` LIMIT $`+strconv.Itoa(n+1)+` OFFSET $`+strconv.Itoa(n+2), args...)
	if err != nil {
		return nil, fmt.Errorf("store: search laws: %w", err)
	}
	defer rows.Close()
	match := plan.Matcher()
	var hits []LawHit
	for rows.Next() {
		var h LawHit
		var body string
		if err := rows.Scan(&h.ActID, &h.ActKey, &h.Title, &h.Heading, &h.Jurisdiction, &h.Kind, &h.Year,
			&h.Status, &h.UnitKey, &h.ArticleLabel, &body, &h.Score); err != nil {
			return nil, err
		}
		h.Snippet = search.MakeSnippet(body, search.LangOf(h.Jurisdiction), match)
		hits = append(hits, h)
	}
	return hits, rows.Err()
}

func countFacets(f *LawFacets, ms []lawMatch) {
	counts := [4]map[string]int{{}, {}, {}, {}}
	for _, m := range ms {
		for i, v := range []string{m.jur, m.kind, strconv.Itoa(m.year), m.status} {
			counts[i][v]++
		}
	}
	f.Jurisdiction, f.Kind, f.Year, f.Status = sortedFacet(counts[0]), sortedFacet(counts[1]), sortedFacet(counts[2]), sortedFacet(counts[3])
	sort.SliceStable(f.Year, func(a, b int) bool { return f.Year[a].Value > f.Year[b].Value })
}

// domainFacet counts matching documents per domain. Most acts have no
// domain yet, so the join is skipped while law_domains is empty.
func domainFacet(ctx context.Context, tx *Tx, sq lawSearchSQL) ([]FacetCount, error) {
	var any int
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 FROM law_domains LIMIT 1) x`).Scan(&any); err != nil || any == 0 {
		return nil, err
	}
	rows, err := tx.QueryContext(ctx, `SELECT ld.domain_slug, COUNT(*) FROM (SELECT d.act_id`+sq.from+sq.where+
		` LIMIT `+strconv.Itoa(FacetScanLimit)+`) m JOIN law_domains ld ON ld.act_id = m.act_id GROUP BY ld.domain_slug`,
		sq.args[:sq.whereArgs]...)
	if err != nil {
		return nil, fmt.Errorf("store: search domain facet: %w", err)
	}
	defer rows.Close()
	dc := map[string]int{}
	for rows.Next() {
		var slug string
		var n int
		if err := rows.Scan(&slug, &n); err != nil {
			return nil, err
		}
		dc[slug] = n
	}
	return sortedFacet(dc), rows.Err()
}

// sortedFacet orders values by count, then by value, so pages and tests
// see a stable order.
func sortedFacet(m map[string]int) []FacetCount {
	out := make([]FacetCount, 0, len(m))
	for v, n := range m {
		out = append(out, FacetCount{v, n})
	}
	sort.Slice(out, func(a, b int) bool {
		if out[a].Count != out[b].Count {
			return out[a].Count > out[b].Count
		}
		return out[a].Value < out[b].Value
	})
	return out
}
