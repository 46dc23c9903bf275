package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// sharedData is the real data shipped beside the repository.
const sharedData = "../../../shared/data"

// parsedAdminUnits parses SIRUTA and TERYT once per test binary: the
// parse takes a few seconds and every test reads the same files.
var parsedAdminUnits = sync.OnceValues(func() ([]agora.AdminUnit, error) {
	units, _, err := importer.ParseAdminUnitsDir(filepath.Join(sharedData, "admin-units"))
	return units, err
})

// realAdminUnits returns the units of the real files whose region is one
// of regions ("RO-225"), or all of them when none is given. Of the 8,000
// SIMC localities of łódzkie only those of the city of Łódź are kept:
// tests run under -race too, where modernc SQLite is fifty times slower.
func realAdminUnits(t *testing.T, regions ...string) []agora.AdminUnit {
	t.Helper()
	if _, err := os.Stat(filepath.Join(sharedData, "admin-units")); err != nil {
		t.Fatalf("shared data missing: %v", err)
	}
	all, err := parsedAdminUnits()
	if err != nil {
		t.Fatal(err)
	}
	if len(regions) == 0 {
		return all
	}
	var out []agora.AdminUnit
	for _, u := range all {
		if u.Country == agora.PL && u.Level == 4 && !strings.HasPrefix(u.ParentCode, "1061") {
			continue
		}
		if slices.Contains(regions, string(u.Country)+"-"+u.Region) {
			out = append(out, u)
		}
	}
	return out
}

func TestRegionsAreBuiltIn(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	for _, tt := range []struct {
		country agora.Country
		n       int
		first   string
	}{{agora.RO, 42, "Alba"}, {agora.PL, 16, "Dolnośląskie"}, {"", 58, "Alba"}} {
		rs, err := st.Regions(ctx, tt.country)
		if err != nil {
			t.Fatal(err)
		}
		if len(rs) != tt.n || rs[0].Name != tt.first {
			t.Errorf("Regions(%q) = %d units starting %q, want %d starting %q", tt.country, len(rs), rs[0].Name, tt.n, tt.first)
		}
	}
	// "Łódzkie" sorts as "lodzkie", among the L, not after Z.
	rs, _ := st.Regions(ctx, agora.PL)
	i := slices.IndexFunc(rs, func(u agora.AdminUnit) bool { return u.Name == "Łódzkie" })
	if i != 2 || rs[i+1].Name != "Lubelskie" {
		t.Errorf("Łódzkie at %d, want 2, before Lubelskie", i)
	}
}

// The whole of SIRUTA, TERC and SIMC goes in fast, and importing it again
// changes nothing.
func TestUpsertAdminUnitsRealData(t *testing.T) {
	t.Parallel()
	units := realAdminUnits(t)
	if raceEnabled {
		// The race detector makes this a four-minute test; the counts
		// and idempotence hold for the top two levels as well.
		units = slices.DeleteFunc(slices.Clone(units), func(u agora.AdminUnit) bool { return u.Level > 2 })
	}
	st := storetest.Open(t)
	ctx := context.Background()
	start := time.Now()
	var calls, last int
	n, err := st.UpsertAdminUnitsFunc(ctx, units, func(done int) { calls++; last = done })
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: upserted %d units in %v", st.Dialect(), len(units), time.Since(start))
	// The 58 counties and voivodeships are built in and identical.
	if want := len(units) - 58; n != want {
		t.Errorf("first import changed %d rows, want %d", n, want)
	}
	if last != len(units) || calls != (len(units)+499)/500 {
		t.Errorf("progress called %d times, last %d", calls, last)
	}
	start = time.Now()
	if n, err := st.UpsertAdminUnits(ctx, units); err != nil || n != 0 {
		t.Errorf("second import changed %d rows, %v; want 0", n, err)
	}
	t.Logf("%s: re-import in %v", st.Dialect(), time.Since(start))

	if raceEnabled {
		return
	}
	path, err := st.AdminUnitPath(ctx, agora.PL, "0957650")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, u := range path {
		names = append(names, u.Name)
	}
	if !slices.Equal(names, []string{"Łódź", "Łódź", "Łódź", "Łódzkie"}) || path[0].Level != 4 || path[3].Level != 1 {
		t.Errorf("path of Łódź = %q", names)
	}
}

func TestAdminUnitLookups(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	if _, err := st.UpsertAdminUnits(ctx, realAdminUnits(t, "RO-225", "PL-10")); err != nil {
		t.Fatal(err)
	}
	// A code shared by a TERC gmina and a SIMC locality resolves to the
	// locality; the gmina is still reachable by level.
	u, err := st.AdminUnit(ctx, agora.RO, "95079")
	if err != nil || u.Name != "Iași" || u.Level != 3 || u.Region != "225" {
		t.Errorf("AdminUnit(RO, 95079) = %+v, %v", u, err)
	}
	if _, err := st.AdminUnit(ctx, agora.RO, "41783"); agora.KindOf(err) != agora.NotFound {
		t.Errorf("unit outside the imported counties: %v, want NotFound", err)
	}
	path, err := st.AdminUnitPath(ctx, agora.RO, "95079")
	if err != nil || len(path) != 3 || path[1].Code != "95060" || path[2].Name != "Iași" || path[2].Level != 1 {
		t.Errorf("AdminUnitPath(95079) = %+v, %v", path, err)
	}
	kids, err := st.AdminUnitChildren(ctx, agora.RO, 2, "95060")
	if err != nil || len(kids) != 1 || kids[0].Code != "95079" {
		t.Errorf("children of Iași municipality = %+v, %v", kids, err)
	}

	for _, tt := range []struct {
		country agora.Country
		region  string
		name    string
		exact   bool
		want    []string // codes
	}{
		{agora.RO, "225", "Iasi", true, []string{"95079"}},    // the seat, not also the municipality
		{agora.RO, "225", "  IAȘI ", true, []string{"95079"}}, // case and space
		{agora.RO, "225", "Iaşi", true, []string{"95079"}},    // cedilla
		{agora.PL, "10", "Lodz", true, []string{"0957650"}},   // ł folded
		{agora.RO, "225", "Sectorul 1", false, nil},           // in Bucharest, not Iași
		{agora.RO, "225", "%", false, nil},                    // wildcard is literal
		{agora.RO, "225", "Pascani", true, []string{"95408"}}, // a town's seat
		{agora.RO, "225", "Slobozia", true, nil},              // five villages: checked below
		{agora.RO, "225", "Pașc", false, []string{"95408"}},   // prefix suggestion
		{agora.PL, "10", "łódźx", false, nil},                 // nothing starts so
	} {
		cands, exact, err := st.MatchLocality(ctx, tt.country, tt.region, tt.name)
		if err != nil {
			t.Fatal(err)
		}
		var codes []string
		for _, c := range cands {
			codes = append(codes, c.Code)
		}
		if tt.name == "Slobozia" {
			if !exact || len(cands) != 5 || cands[0].ParentName == "" {
				t.Errorf("MatchLocality(Slobozia) = %+v, want 5 villages with their communes", cands)
			}
			continue
		}
		if exact != tt.exact || !slices.Equal(codes, tt.want) {
			t.Errorf("MatchLocality(%s, %s, %q) = %v exact %v, want %v exact %v", tt.country, tt.region, tt.name, codes, exact, tt.want, tt.exact)
		}
	}

	hits, err := st.SearchAdminUnits(ctx, store.AdminUnitQuery{Country: agora.PL, Region: "10", Prefix: "lodz", MinLevel: 4})
	if err != nil || len(hits) == 0 || hits[0].Name != "Łódź" || hits[0].ParentName != "Łódź" {
		t.Errorf("SearchAdminUnits(lodz) = %+v, %v", hits, err)
	}
	for _, h := range hits {
		if h.Kind == agora.KindCzescMiejscowosci {
			t.Errorf("picker offers a part of a locality: %+v", h)
		}
	}
}

func TestUpsertAdminUnitsRefusesJunk(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	for _, u := range []agora.AdminUnit{
		{Country: "DE", Code: "1", Level: 1, Name: "x"},
		{Country: agora.RO, Code: "", Level: 1, Name: "x"},
		{Country: agora.RO, Code: "1", Level: 5, Name: "x"},
	} {
		if _, err := st.UpsertAdminUnits(context.Background(), []agora.AdminUnit{u}); agora.KindOf(err) != agora.Invalid {
			t.Errorf("UpsertAdminUnits(%+v) = %v, want Invalid", u, err)
		}
	}
}
