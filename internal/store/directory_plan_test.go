package store

import (
	"context"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

// TestDirectoryQueryPlans pins how SQLite runs the directory queries: by
// the covering indexes, never reading every profile row, and sorting only
// when a rare word or domain drove the query. A schema or query change
// that loses an index fails here rather than in production at 50,000
// people.
func TestDirectoryQueryPlans(t *testing.T) {
	t.Parallel()
	s := openForInternalTest(t)
	if s.Dialect() != SQLite {
		t.Skip("query plans are checked on SQLite, the embedded default")
	}
	seedBenchDirectory(t, s, 300)
	ctx := context.Background()
	member := &agora.User{ID: agora.NewID()}
	tests := []struct {
		name   string
		f      agora.PeopleFilter
		drive  int
		want   string // index the plan must use for p
		sorted bool   // a temporary sort is expected
	}{
		{"first page", agora.PeopleFilter{}, driverMax, "COVERING INDEX profiles_directory", false},
		{"type and country", agora.PeopleFilter{Type: agora.Expert, Country: agora.PL}, driverMax, "COVERING INDEX profiles_directory", false},
		{"language", agora.PeopleFilter{Language: "it"}, driverMax, "COVERING INDEX profiles_directory", false},
		{"region", agora.PeopleFilter{Country: agora.RO, Region: "127", Domain: "domeniu-01"}, driverMax, "COVERING INDEX profiles_place", false},
		{"rare word", agora.PeopleFilter{Query: "popescu", Type: agora.Expert}, driverMax, "COVERING INDEX profiles_user", true},
		{"rare domain", agora.PeopleFilter{Domain: "domeniu-02"}, driverMax, "COVERING INDEX profiles_user", true},
		{"common word", agora.PeopleFilter{Query: "popescu"}, 0, "COVERING INDEX profiles_directory", false},
	}
	for _, tt := range tests {
		err := s.read(ctx, func(tx *Tx) error {
			q, err := planDirectory(ctx, tx, member, tt.f, tt.drive)
			if err != nil {
				return err
			}
			rows, err := tx.QueryContext(ctx, `EXPLAIN QUERY PLAN SELECT p.user_id, p.name_fold FROM `+q.from+` WHERE `+q.where+
				` ORDER BY p.name_fold, p.user_id LIMIT 25`, q.args.vals...)
			if err != nil {
				return err
			}
			defer rows.Close()
			var plan []string
			for rows.Next() {
				var id, parent, unused int
				var detail string
				if err := rows.Scan(&id, &parent, &unused, &detail); err != nil {
					return err
				}
				plan = append(plan, detail)
			}
			all := strings.Join(plan, "\n")
			if !strings.Contains(all, "p USING "+tt.want) {
				t.Errorf("%s: plan does not use %s:\n%s", tt.name, tt.want, all)
			}
			if strings.Contains(all, "SCAN p") {
				t.Errorf("%s: plan scans profiles:\n%s", tt.name, all)
			}
			if got := strings.Contains(all, "TEMP B-TREE FOR ORDER BY"); got != tt.sorted {
				t.Errorf("%s: sorts = %v, want %v:\n%s", tt.name, got, tt.sorted, all)
			}
			return rows.Err()
		})
		if err != nil {
			t.Fatal(err)
		}
	}
}
