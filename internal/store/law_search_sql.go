package store

import (
	"strconv"
	"strings"

	"github.com/agora-civic/agora/internal/search"
)

// Ranking weights. SQLite's bm25 takes a weight per FTS column (title,
// body); PostgreSQL's ts_rank_cd a weight per tsvector class {D,C,B,A}
// (body terms are D, title terms A). Tuned with `agora eval search`.
const (
	titleWeightFTS5 = "2.0"
	bodyWeightFTS5  = "1.0"
	weightsPG       = "'{0.5, 0.5, 0.5, 1.0}'"
)

// lawSearchSQL is the dialect-specific part of a search: FROM and WHERE
// (with its arguments), the score expression and the order.
type lawSearchSQL struct {
	from, where, score, order string
	// rankFrom, when set, is FROM and WHERE over the FTS5 table alone,
	// for ranking a query without filters without reading every
	// matching document's row.
	rankFrom string
	// args are the arguments of the hits query; the first whereArgs of
	// them are those of from and where.
	args      []any
	whereArgs int
}

func buildLawSearch(d Dialect, q search.Query, plan search.Plan) lawSearchSQL {
	var sq lawSearchSQL
	var conds []string
	arg := func(v any) string {
		sq.args = append(sq.args, v)
		return "$" + strconv.Itoa(len(sq.args))
	}
	sq.from = ` FROM law_search_docs d`
	sq.score = `0.0`
	if !plan.Empty() {
		if d == Postgres {
			p := arg(plan.TSQuery())
			conds = append(conds, `d.terms @@ `+p+`::tsquery`)
			sq.score = `ts_rank_cd(` + weightsPG + `, d.terms, ` + p + `::tsquery)`
		} else {
			sq.from = ` FROM law_search_fts JOIN law_search_docs d ON d.id = law_search_fts.rowid`
			conds = append(conds, `law_search_fts MATCH `+arg(plan.FTS5()))
			// bm25 is lower for better matches; negate so higher is better
			// on both databases.
			sq.score = `-bm25(law_search_fts, ` + titleWeightFTS5 + `, ` + bodyWeightFTS5 + `)`
		}
	}
	in := func(col string, vals []string) {
		if len(vals) == 0 {
			return
		}
		ps := make([]string, len(vals))
		for i, v := range vals {
			ps[i] = arg(v)
		}
		conds = append(conds, col+` IN (`+strings.Join(ps, ", ")+`)`)
	}
	in("d.jurisdiction", q.Jurisdictions)
	in("d.kind", q.Kinds)
	in("d.status", q.Statuses)
	if len(q.Domains) > 0 {
		ps := make([]string, len(q.Domains))
		for i, v := range q.Domains {
			ps[i] = arg(v)
		}
		conds = append(conds, `d.act_id IN (SELECT act_id FROM law_domains WHERE domain_slug IN (`+strings.Join(ps, ", ")+`))`)
	}
	if q.YearFrom > 0 {
		conds = append(conds, `d.year >= `+arg(q.YearFrom))
	}
	if q.YearTo > 0 {
		conds = append(conds, `d.year <= `+arg(q.YearTo))
	}
	if len(conds) > 0 {
		sq.where = ` WHERE ` + strings.Join(conds, ` AND `)
	}

	sq.whereArgs = len(sq.args)
	if d == Postgres && plan.Mode == search.Natural && len(plan.Groups) > 1 {
		// Weigh by how many of the words match, as FTS5's BM25 does
		// through its sum over terms; ts_rank_cd alone ranks a document
		// with one of the words like one with all of them. These
		// arguments come last: only the hits query uses them.
		var coord []string
		for _, g := range plan.TSQueryGroups() {
			coord = append(coord, `CASE WHEN d.terms @@ `+arg(g)+`::tsquery THEN 1 ELSE 0 END`)
		}
		sq.score += ` * (` + strings.Join(coord, ` + `) + `)`
	}
	switch {
	case q.Sort == search.ByDate:
		sq.order = `d.act_date DESC, d.act_key, d.position`
		sq.score = `0.0`
	case d == SQLite && len(conds) == 1:
		sq.rankFrom = ` FROM law_search_fts WHERE law_search_fts MATCH $1`
		sq.order = `score DESC, law_search_fts.rowid`
	default:
		sq.order = `score DESC, d.id`
	}
	return sq
}
