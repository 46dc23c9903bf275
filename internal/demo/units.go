package demo

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/store"
)

// localities are the units below county or voivodeship level that demo
// organisations name as their address, with their parents, copied from
// SIRUTA (INS, 2025) and TERYT (GUS, 2020) so the demo works without the
// reference files. The counties and voivodeships themselves are built
// into the schema. A full `agora import admin-units` later upserts the
// same rows unchanged.
func localities() []agora.AdminUnit {
	ro := func(code, parent string, level int, kind, name, nuts, region, postal string) agora.AdminUnit {
		return agora.AdminUnit{Country: agora.RO, Code: code, ParentCode: parent, Level: level, Kind: kind,
			Name: name, NUTS: nuts, Region: region, Postal: postal}
	}
	pl := func(code, parent string, level int, kind, name, region string) agora.AdminUnit {
		return agora.AdminUnit{Country: agora.PL, Code: code, ParentCode: parent, Level: level, Kind: kind,
			Name: name, Region: region}
	}
	return []agora.AdminUnit{
		ro("179132", "403", 2, agora.KindMunicipiu, "București", "RO321", "403", ""),
		ro("179141", "179132", 3, agora.KindSector, "Sectorul 1", "RO321", "403", "010013"),
		ro("179169", "179132", 3, agora.KindSector, "Sectorul 3", "RO321", "403", "032804"),
		ro("54975", "127", 2, agora.KindMunicipiu, "Cluj-Napoca", "RO113", "127", ""),
		ro("54984", "54975", 3, agora.KindLocalitate, "Cluj-Napoca", "RO113", "127", "400335"),
		ro("57706", "127", 2, agora.KindComuna, "Florești", "RO113", "127", ""),
		ro("57715", "57706", 3, agora.KindLocalitate, "Florești", "RO113", "127", "407280"),
		ro("95060", "225", 2, agora.KindMunicipiu, "Iași", "", "225", ""),
		ro("95079", "95060", 3, agora.KindLocalitate, "Iași", "", "225", "700020"),
		ro("155243", "350", 2, agora.KindMunicipiu, "Timișoara", "RO424", "350", ""),
		ro("155252", "155243", 3, agora.KindLocalitate, "Timișoara", "RO424", "350", "300789"),
		ro("40198", "83", 2, agora.KindMunicipiu, "Brașov", "RO122", "83", ""),
		ro("40205", "40198", 3, agora.KindLocalitate, "Brașov", "RO122", "83", "500470"),
		ro("143450", "323", 2, agora.KindMunicipiu, "Sibiu", "RO126", "323", ""),
		ro("143469", "143450", 3, agora.KindLocalitate, "Sibiu", "RO126", "323", "550200"),
		ro("60419", "136", 2, agora.KindMunicipiu, "Constanța", "RO223", "136", ""),
		ro("60428", "60419", 3, agora.KindLocalitate, "Constanța", "RO223", "136", "900657"),
		ro("69900", "163", 2, agora.KindMunicipiu, "Craiova", "RO411", "163", ""),
		ro("69919", "69900", 3, agora.KindLocalitate, "Craiova", "RO411", "163", "200502"),

		pl("1465", "14", 2, agora.KindMiastoNaPrawachPowiatu, "Warszawa", "14"),
		pl("1465011", "1465", 3, agora.KindGminaMiejska, "Warszawa", "14"),
		pl("0918123", "1465011", 4, agora.KindMiasto, "Warszawa", "14"),
		pl("1261", "12", 2, agora.KindMiastoNaPrawachPowiatu, "Kraków", "12"),
		pl("1261011", "1261", 3, agora.KindGminaMiejska, "Kraków", "12"),
		pl("0950463", "1261011", 4, agora.KindMiasto, "Kraków", "12"),
		pl("1061", "10", 2, agora.KindMiastoNaPrawachPowiatu, "Łódź", "10"),
		pl("1061011", "1061", 3, agora.KindGminaMiejska, "Łódź", "10"),
		pl("0957650", "1061011", 4, agora.KindMiasto, "Łódź", "10"),
		pl("1863", "18", 2, agora.KindMiastoNaPrawachPowiatu, "Rzeszów", "18"),
		pl("1863011", "1863", 3, agora.KindGminaMiejska, "Rzeszów", "18"),
		pl("0974133", "1863011", 4, agora.KindMiasto, "Rzeszów", "18"),
		pl("0264", "02", 2, agora.KindMiastoNaPrawachPowiatu, "Wrocław", "02"),
		pl("0264011", "0264", 3, agora.KindGminaMiejska, "Wrocław", "02"),
		pl("0986283", "0264011", 4, agora.KindMiasto, "Wrocław", "02"),
		pl("2261", "22", 2, agora.KindMiastoNaPrawachPowiatu, "Gdańsk", "22"),
		pl("2261011", "2261", 3, agora.KindGminaMiejska, "Gdańsk", "22"),
		pl("0933016", "2261011", 4, agora.KindMiasto, "Gdańsk", "22"),
		pl("3064", "30", 2, agora.KindMiastoNaPrawachPowiatu, "Poznań", "30"),
		pl("3064011", "3064", 3, agora.KindGminaMiejska, "Poznań", "30"),
		pl("0969400", "3064011", 4, agora.KindMiasto, "Poznań", "30"),
		pl("0663", "06", 2, agora.KindMiastoNaPrawachPowiatu, "Lublin", "06"),
		pl("0663011", "0663", 3, agora.KindGminaMiejska, "Lublin", "06"),
		pl("0954700", "0663011", 4, agora.KindMiasto, "Lublin", "06"),
		pl("2469", "24", 2, agora.KindMiastoNaPrawachPowiatu, "Katowice", "24"),
		pl("2469011", "2469", 3, agora.KindGminaMiejska, "Katowice", "24"),
		pl("0937474", "2469011", 4, agora.KindMiasto, "Katowice", "24"),
		pl("2061", "20", 2, agora.KindMiastoNaPrawachPowiatu, "Białystok", "20"),
		pl("2061011", "2061", 3, agora.KindGminaMiejska, "Białystok", "20"),
		pl("0922410", "2061011", 4, agora.KindMiasto, "Białystok", "20"),
	}
}

// seedUnits makes sure the demo's localities exist. With dir set and
// holding the SIRUTA/TERYT files, it imports all of them instead (tens of
// thousands of units, a few seconds).
func seedUnits(ctx context.Context, st *store.Store, dir string) (int, error) {
	if dir != "" {
		units, _, err := importer.ParseAdminUnitsDir(dir)
		switch {
		case err == nil:
			// The built-in rows go in too: older files may lack a unit the
			// demo names.
			n, err := st.UpsertAdminUnits(ctx, append(units, localities()...))
			if err != nil {
				return n, fmt.Errorf("demo: import admin units from %s: %w", dir, err)
			}
			return n, nil
		case !errors.Is(err, fs.ErrNotExist):
			return 0, fmt.Errorf("demo: admin units in %s: %w", dir, err)
		}
	}
	return st.UpsertAdminUnits(ctx, localities())
}

// DefaultAdminUnitsDir returns the shared reference data directory
// (../shared/data/admin-units seen from the working directory, as in a
// checkout beside shared/) when it exists, else "".
func DefaultAdminUnitsDir() string {
	const dir = "../shared/data/admin-units"
	if fi, err := os.Stat(dir); err == nil && fi.IsDir() {
		return dir
	}
	return ""
}
