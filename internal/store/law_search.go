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

// lawMatch is a document of the page: its id and score.
type lawMatch struct {
	id    int64
	score float64
}

// lawSearch reads a search in three statements, each doing its work in
// the database: the facet counts grouped over the matching documents
// (without ranking them), the page's ids with the database's top-k sort,
// and the page's documents by id. Nothing per match crosses into Go.
func lawSearch(ctx context.Context, tx *Tx, sq lawSearchSQL, q search.Query, plan search.Plan) (LawResults, error) {
	var res LawResults
	if err := lawFacetCounts(ctx, tx, sq, q, &res); err != nil {
		return res, err
	}
	if res.Total == 0 || q.Offset >= res.Total && !res.Facets.Partial {
		return res, nil
	}
	page, err := lawPage(ctx, tx, sq, q)
	if err != nil {
		return res, err
	}
	res.Hits, err = lawHitsByID(ctx, tx, page, plan)
	return res, err
}

// lawFacetCounts counts the first FacetScanLimit matching documents per
// combination of act fields in one grouped statement, and tells whether
// more match (Partial).
func lawFacetCounts(ctx context.Context, tx *Tx, sq lawSearchSQL, q search.Query, res *LawResults) error {
	args := sq.args[:sq.whereArgs]
	limit := ` LIMIT ` + strconv.Itoa(FacetScanLimit)
	if q.NoFacets {
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1`+sq.from+sq.where+` LIMIT `+
			strconv.Itoa(FacetScanLimit+1)+`) m`, args...).Scan(&res.Total)
		if err != nil {
			return fmt.Errorf("store: search count: %w", err)
		}
		res.Facets.Partial = res.Total > FacetScanLimit
		res.Total = min(res.Total, FacetScanLimit)
		return nil
	}
	rows, err := tx.QueryContext(ctx, `SELECT m.jurisdiction, m.kind, m.year, m.status, COUNT(*) FROM
		(SELECT d.jurisdiction, d.kind, d.year, d.status`+sq.from+sq.where+limit+`) m
		GROUP BY m.jurisdiction, m.kind, m.year, m.status`, args...)
	if err != nil {
		return fmt.Errorf("store: search facets: %w", err)
	}
	defer rows.Close()
	counts := [4]map[string]int{{}, {}, {}, {}}
	for rows.Next() {
		var jur, kind, status string
		var year, n int
		if err := rows.Scan(&jur, &kind, &year, &status, &n); err != nil {
			return err
		}
		for i, v := range []string{jur, kind, strconv.Itoa(year), status} {
			counts[i][v] += n
		}
		res.Total += n
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	f := &res.Facets
	f.Jurisdiction, f.Kind, f.Year, f.Status = sortedFacet(counts[0]), sortedFacet(counts[1]), sortedFacet(counts[2]), sortedFacet(counts[3])
	sort.SliceStable(f.Year, func(a, b int) bool { return f.Year[a].Value > f.Year[b].Value })
	if res.Total == FacetScanLimit {
		var more int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM (SELECT 1`+sq.from+sq.where+` LIMIT 1 OFFSET `+
			strconv.Itoa(FacetScanLimit)+`) m`, args...).Scan(&more)
		if err != nil {
			return fmt.Errorf("store: search count: %w", err)
		}
		f.Partial = more > 0
	}
	f.Domain, err = domainFacet(ctx, tx, sq)
	return err
}

// lawPage returns the ids and scores of the page's documents, ordered.
func lawPage(ctx context.Context, tx *Tx, sq lawSearchSQL, q search.Query) ([]lawMatch, error) {
	n := len(sq.args)
	args := append(sq.args[:n:n], q.Limit, q.Offset)
	from, id := sq.from+sq.where, `d.id`
	if sq.rankFrom != "" {
		from, id = sq.rankFrom, `law_search_fts.rowid`
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+id+`, `+sq.score+` AS score`+from+` ORDER BY `+sq.order+
		` LIMIT $`+strconv.Itoa(n+1)+` OFFSET $`+strconv.Itoa(n+2), args...)
	if err != nil {
		return nil, fmt.Errorf("store: search laws: %w", err)
	}
	defer rows.Close()
	var page []lawMatch
	for rows.Next() {
		var m lawMatch
		if err := rows.Scan(&m.id, &m.score); err != nil {
			return nil, err
		}
		page = append(page, m)
	}
	return page, rows.Err()
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
	a := search.NewAnalyzer()
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
		h.Snippet = a.Snippet(body, search.LangOf(h.Jurisdiction), match)
		hits[i] = h
	}
	return hits, rows.Err()
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
