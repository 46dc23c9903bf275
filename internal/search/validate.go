package search

import (
	"slices"
	"strings"

	"github.com/agora-civic/agora"
)

// Statuses an act can have.
var Statuses = []string{"in_force", "amended", "repealed", "unknown"}

// MaxFilterValues bounds each filter list.
const MaxFilterValues = 20

// Normalize checks the filters and paging of q and fills defaults. It
// returns Invalid errors naming the field: "jurisdiction", "kind",
// "status", "domain", "year", "limit", "offset".
func (q Query) Normalize() (Query, error) {
	var errs agora.Errs
	q.Jurisdictions = upper(q.Jurisdictions)
	for _, j := range q.Jurisdictions {
		if j != "RO" && j != "PL" {
			errs.Add("jurisdiction", "search.error.bad_jurisdiction", nil)
			break
		}
	}
	for _, s := range q.Statuses {
		if !slices.Contains(Statuses, s) {
			errs.Add("status", "search.error.bad_status", nil)
			break
		}
	}
	for _, f := range []struct {
		field string
		list  []string
	}{{"jurisdiction", q.Jurisdictions}, {"kind", q.Kinds}, {"status", q.Statuses}, {"domain", q.Domains}} {
		if len(f.list) > MaxFilterValues {
			errs.Add(f.field, "search.error.too_many_values", map[string]any{"max": MaxFilterValues})
		}
	}
	if q.YearFrom < 0 || q.YearTo < 0 || q.YearFrom > 9999 || q.YearTo > 9999 || (q.YearTo > 0 && q.YearFrom > q.YearTo) {
		errs.Add("year", "search.error.bad_year", nil)
	}
	if q.Limit == 0 {
		q.Limit = DefaultLimit
	}
	if q.Limit < 1 || q.Limit > MaxLimit {
		errs.Add("limit", "search.error.bad_limit", map[string]any{"max": MaxLimit})
	}
	if q.Offset < 0 || q.Offset > MaxOffset {
		errs.Add("offset", "search.error.bad_offset", map[string]any{"max": MaxOffset})
	}
	if q.Mode > Natural || q.Sort > ByDate {
		errs.Add("q", "search.error.bad_mode", nil)
	}
	if err := errs.Err(); err != nil {
		return q, err
	}
	return q, nil
}

func upper(xs []string) []string {
	out := make([]string, len(xs))
	for i, x := range xs {
		out[i] = strings.ToUpper(strings.TrimSpace(x))
	}
	return out
}
