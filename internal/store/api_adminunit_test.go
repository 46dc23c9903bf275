package store_test

import (
	"context"
	"io"
	"os"
	"slices"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// loadUnits imports from the real SIRUTA and TERC files the counties and
// voivodeships, all of Iași county and all of łódzkie: enough for the
// picker's cases, and a twentieth of the rows, which keeps the test fast
// under -race.
func loadUnits(t *testing.T, st *store.Store) []agora.AdminUnit {
	t.Helper()
	var all []agora.AdminUnit
	for _, f := range []struct {
		path  string
		parse func(io.Reader) ([]agora.AdminUnit, importer.Report, error)
	}{
		{"../../../shared/data/admin-units/siruta/siruta.csv", importer.ParseSIRUTA},
		{"../../../shared/data/admin-units/teryt/TERC_Urzedowy_2020-09-26.csv", importer.ParseTERC},
	} {
		fh, err := os.Open(f.path)
		if err != nil {
			t.Skipf("real data not available: %v", err)
		}
		units, _, err := f.parse(fh)
		fh.Close()
		if err != nil {
			t.Fatal(err)
		}
		for _, u := range units {
			if u.Level == 1 || u.Region == "225" && u.Country == agora.RO || u.Region == "10" && u.Country == agora.PL {
				all = append(all, u)
			}
		}
	}
	if _, err := st.UpsertAdminUnits(context.Background(), all); err != nil {
		t.Fatal(err)
	}
	return all
}

// pageAll walks every page of q and returns the units in order.
func pageAll(t *testing.T, st *store.Store, q store.AdminUnitPageQuery) []store.UnitCandidate {
	t.Helper()
	var out []store.UnitCandidate
	for range 10000 {
		p, err := st.PageAdminUnits(context.Background(), q)
		if err != nil {
			t.Fatalf("PageAdminUnits(%+v) = %v", q, err)
		}
		if len(p.Units) > q.Limit {
			t.Fatalf("page of %d units, limit %d", len(p.Units), q.Limit)
		}
		out = append(out, p.Units...)
		if p.Next == "" {
			return out
		}
		if len(p.Units) != q.Limit {
			t.Fatalf("short page (%d of %d) with a next cursor", len(p.Units), q.Limit)
		}
		q.Cursor = p.Next
	}
	t.Fatal("pagination does not end")
	return nil
}

func TestPageAdminUnitsRealData(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	all := loadUnits(t, st)

	t.Run("whole county in pages", func(t *testing.T) {
		// Every unit of Iași county (SIRUTA 225) once, in folded-name order.
		got := pageAll(t, st, store.AdminUnitPageQuery{Country: agora.RO, Region: "225", Limit: 37})
		var want []string
		for _, u := range all {
			if u.Country == agora.RO && u.Region == "225" {
				want = append(want, u.Code)
			}
		}
		codes := make([]string, len(got))
		for i, u := range got {
			codes[i] = u.Code
		}
		if !slices.IsSortedFunc(got, func(a, b store.UnitCandidate) int {
			return strings.Compare(agora.Fold(a.Name), agora.Fold(b.Name))
		}) {
			t.Error("pages are not in folded-name order")
		}
		slices.Sort(codes)
		slices.Sort(want)
		if len(codes) < 400 || !slices.Equal(codes, slices.Compact(slices.Clone(codes))) || !slices.Equal(codes, want) {
			t.Errorf("paged %d units of Iași county, want the %d in the data, each once", len(codes), len(want))
		}
	})

	t.Run("prefix ignores diacritics", func(t *testing.T) {
		for _, prefix := range []string{"iasi", "Iași", "IAŞI"} {
			p, err := st.PageAdminUnits(context.Background(), store.AdminUnitPageQuery{Country: agora.RO, Prefix: prefix, Limit: 100})
			if err != nil {
				t.Fatal(err)
			}
			var levels []int
			for _, u := range p.Units {
				if u.Name == "Iași" {
					levels = append(levels, u.Level)
				}
			}
			if !slices.Contains(levels, 1) || !slices.Contains(levels, 2) || !slices.Contains(levels, 3) {
				t.Errorf("prefix %q found Iași at levels %v, want county, municipality and locality", prefix, levels)
			}
		}
	})

	t.Run("children of a county with parent names", func(t *testing.T) {
		got := pageAll(t, st, store.AdminUnitPageQuery{Country: agora.RO, Parent: "225", Level: 2, Limit: 100})
		if len(got) < 90 {
			t.Fatalf("Iași county has %d UATs, want about 98", len(got))
		}
		for _, u := range got {
			if u.Level != 2 || u.ParentCode != "225" || u.ParentName != "Iași" {
				t.Fatalf("child %+v: want level 2 under Iași", u)
			}
		}
	})

	t.Run("Polish voivodeship by folded prefix", func(t *testing.T) {
		p, err := st.PageAdminUnits(context.Background(), store.AdminUnitPageQuery{Country: agora.PL, Prefix: "lodz", Level: 1})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Units) != 1 || p.Units[0].Name != "Łódzkie" || p.Next != "" {
			t.Errorf("level-1 units starting with lodz = %+v, want Łódzkie only", p.Units)
		}
	})

	t.Run("bad cursors", func(t *testing.T) {
		for _, c := range []string{"x", "!!!", "e30", strings.Repeat("A", 2000)} {
			_, err := st.PageAdminUnits(context.Background(), store.AdminUnitPageQuery{Country: agora.RO, Cursor: c})
			if fe := agora.FieldErrors(err); len(fe) != 1 || fe[0].Field != "cursor" || fe[0].Key != "api.cursor.invalid" {
				t.Errorf("cursor %q: err = %v, want Invalid cursor", c, err)
			}
		}
	})

	t.Run("LIKE wildcards are literal", func(t *testing.T) {
		p, err := st.PageAdminUnits(context.Background(), store.AdminUnitPageQuery{Country: agora.RO, Prefix: "%"})
		if err != nil || len(p.Units) != 0 {
			t.Errorf("prefix %% = %d units, %v; want none", len(p.Units), err)
		}
	})
}
