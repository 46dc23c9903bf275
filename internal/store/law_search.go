package store

import (
	"context"
	"fmt"
	"sort"
	"strconv"

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
		if res.Hits, err = lawHits(ctx, tx, sq, q, plan); err != nil {
			return err
		}
		res.Total, res.Facets, err = lawFacets(ctx, tx, sq, q)
		return err
	})
	return res, err
}

func lawHits(ctx context.Context, tx *Tx, sq lawSearchSQL, q search.Query, plan search.Plan) ([]LawHit, error) {
	args := append(sq.args[:len(sq.args):len(sq.args)], q.Limit, q.Offset)
	n := len(sq.args)
	query := `SELECT d.act_id, d.act_key, d.title, d.heading, d.jurisdiction, d.kind, d.year, d.status,
		d.unit_key, d.article_label, d.body, ` + sq.score + ` AS score ` + sq.from + sq.where +
		` ORDER BY ` + sq.order + ` LIMIT $` + strconv.Itoa(n+1) + ` OFFSET $` + strconv.Itoa(n+2)
	rows, err := tx.QueryContext(ctx, query, args...)
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

// lawFacets counts the matching documents per jurisdiction, kind, year
// and status in one grouped scan (whose sum is the total) and per domain
// in a second one.
func lawFacets(ctx context.Context, tx *Tx, sq lawSearchSQL, q search.Query) (int, LawFacets, error) {
	var f LawFacets
	limit := strconv.Itoa(FacetScanLimit + 1)
	if q.NoFacets {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1 `+sq.from+sq.where+` LIMIT `+limit+`) m`, sq.args[:sq.whereArgs]...).Scan(&n)
		return n, f, err
	}
	matching := `(SELECT d.act_id, d.jurisdiction, d.kind, d.year, d.status ` + sq.from + sq.where + ` LIMIT ` + limit + `) m`
	rows, err := tx.QueryContext(ctx, `SELECT m.jurisdiction, m.kind, m.year, m.status, COUNT(*) FROM `+matching+`
		GROUP BY m.jurisdiction, m.kind, m.year, m.status`, sq.args[:sq.whereArgs]...)
	if err != nil {
		return 0, f, fmt.Errorf("store: search facets: %w", err)
	}
	defer rows.Close()
	counts := [4]map[string]int{{}, {}, {}, {}}
	total := 0
	for rows.Next() {
		var j, k, st string
		var y, n int
		if err := rows.Scan(&j, &k, &y, &st, &n); err != nil {
			return 0, f, err
		}
		total += n
		for i, v := range []string{j, k, strconv.Itoa(y), st} {
			counts[i][v] += n
		}
	}
	if err := rows.Err(); err != nil {
		return 0, f, err
	}
	rows.Close()
	f.Jurisdiction, f.Kind, f.Year, f.Status = sortedFacet(counts[0]), sortedFacet(counts[1]), sortedFacet(counts[2]), sortedFacet(counts[3])
	sort.SliceStable(f.Year, func(a, b int) bool { return f.Year[a].Value > f.Year[b].Value })
	f.Partial = total > FacetScanLimit
	if total > FacetScanLimit {
		total = FacetScanLimit
	}
	drows, err := tx.QueryContext(ctx, `SELECT ld.domain_slug, COUNT(*) FROM `+matching+`
		JOIN law_domains ld ON ld.act_id = m.act_id GROUP BY ld.domain_slug`, sq.args[:sq.whereArgs]...)
	if err != nil {
		return 0, f, fmt.Errorf("store: search domain facet: %w", err)
	}
	defer drows.Close()
	dc := map[string]int{}
	for drows.Next() {
		var slug string
		var n int
		if err := drows.Scan(&slug, &n); err != nil {
			return 0, f, err
		}
		dc[slug] = n
	}
	f.Domain = sortedFacet(dc)
	return total, f, drows.Err()
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
