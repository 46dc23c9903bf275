package importer

import (
	"bytes"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

const adminUnitsDir = "../../../shared/data/admin-units"

func readShared(t testing.TB, rel string) []byte {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(adminUnitsDir, rel))
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func parseSIRUTAFile(t testing.TB, rel string) ([]agora.AdminUnit, Report) {
	t.Helper()
	units, rep, err := ParseSIRUTA(bytes.NewReader(readShared(t, rel)))
	if err != nil {
		t.Fatalf("ParseSIRUTA(%s): %v", rel, err)
	}
	return units, rep
}

// checkLinks fails unless every unit's ParentCode names a unit one level
// up, PartOf a unit of its level, and Region a level-1 unit, all of the
// same country.
func checkLinks(t *testing.T, units []agora.AdminUnit) {
	t.Helper()
	type key struct {
		c     agora.Country
		level int
		code  string
	}
	have := make(map[key]bool, len(units))
	for _, u := range units {
		have[key{u.Country, u.Level, u.Code}] = true
	}
	bad := 0
	for _, u := range units {
		ok := (u.Level == 1) == (u.ParentCode == "") &&
			(u.ParentCode == "" || have[key{u.Country, u.Level - 1, u.ParentCode}]) &&
			(u.PartOf == "" || have[key{u.Country, u.Level, u.PartOf}]) &&
			have[key{u.Country, 1, u.Region}]
		if !ok {
			if bad < 5 {
				t.Errorf("unit %+v: parent, part-of or region not resolvable", u)
			}
			bad++
		}
	}
	if bad > 0 {
		t.Errorf("%d units with unresolvable links", bad)
	}
}

func TestParseSIRUTARealFile(t *testing.T) {
	units, rep := parseSIRUTAFile(t, "siruta/siruta.csv")
	if rep.Read != 16978 || rep.Accepted != 16978 || len(units) != 16978 || rep.Errors() != 0 {
		t.Fatalf("read %d, accepted %d, units %d, errors %d; want 16978, 16978, 16978, 0", rep.Read, rep.Accepted, len(units), rep.Errors())
	}
	byLevel := map[int]int{}
	for _, u := range units {
		byLevel[u.Level]++
		if u.Country != agora.RO {
			t.Fatalf("unit %s: country %q", u.Code, u.Country)
		}
	}
	if want := map[int]int{1: 42, 2: 3181, 3: 13755}; !reflect.DeepEqual(byLevel, want) {
		t.Errorf("units by level = %v, want %v", byLevel, want)
	}
	checkLinks(t, units)

	// The 77 codes failing the check digit are real and are kept.
	checkDigit := map[string]bool{}
	for _, p := range rep.Problems {
		if p.Reason == ReasonCheckDigit {
			checkDigit[p.Code] = true
			if p.Severity != SeverityWarning {
				t.Errorf("check digit problem %+v is not a warning", p)
			}
		}
	}
	if len(checkDigit) != 77 || !checkDigit["9026"] || !checkDigit["12912"] {
		t.Errorf("check-digit warnings: %d (9026 %v, 12912 %v), want 77 including both", len(checkDigit), checkDigit["9026"], checkDigit["12912"])
	}

	// 215 rows have no NUTS: 7 counties, 39 UATs, 169 localities.
	missing := map[int]int{}
	byCode := map[string]agora.AdminUnit{}
	for _, u := range units {
		byCode[u.Code] = u
	}
	for _, p := range rep.Problems {
		if p.Reason == ReasonNUTSMissing {
			missing[byCode[p.Code].Level]++
		}
	}
	if want := map[int]int{1: 7, 2: 39, 3: 169}; !reflect.DeepEqual(missing, want) {
		t.Errorf("nuts_missing by level = %v, want %v", missing, want)
	}

	// Giurgiu (528) carries Galați's RO224: flagged and blanked on all its
	// 225 rows; Galați (172) keeps RO224.
	if n := rep.Count(ReasonNUTSRegion); n != 225 {
		t.Errorf("nuts_region warnings = %d, want 225", n)
	}
	var giurgiuFlagged bool
	for _, p := range rep.Problems {
		if p.Reason == ReasonNUTSRegion {
			if byCode[p.Code].Region != "528" || p.Value != "RO224" {
				t.Errorf("nuts_region problem %+v outside Giurgiu", p)
			}
			giurgiuFlagged = giurgiuFlagged || p.Code == "528"
		}
	}
	if !giurgiuFlagged {
		t.Error("JUDEȚUL GIURGIU itself was not flagged")
	}
	for _, u := range units {
		switch {
		case u.Region == "528" && u.NUTS != "":
			t.Errorf("Giurgiu unit %s %s kept NUTS %s", u.Code, u.Name, u.NUTS)
		case u.NUTS == "RO224" && u.Region != "172":
			t.Errorf("unit %s %s outside Galați has RO224", u.Code, u.Name)
		}
	}
	if g := byCode["172"]; g.NUTS != "RO224" {
		t.Errorf("Galați NUTS = %q, want RO224", g.NUTS)
	}
	if len(rep.Problems) != 77+215+225 {
		t.Errorf("%d problems, want only the 517 expected warnings: %v", len(rep.Problems), rep.Problems[:min(5, len(rep.Problems))])
	}

	for _, u := range units {
		if strings.ContainsAny(u.Name, "şţŞŢ") || !placeHasLower(u.Name) || strings.Contains(u.Name, "  ") {
			t.Errorf("unit %s: name %q not proper case with comma-below letters", u.Code, u.Name)
		}
	}
}

func TestParseSIRUTANamesAndKinds(t *testing.T) {
	units, _ := parseSIRUTAFile(t, "siruta/siruta.csv")
	byCode := map[string]agora.AdminUnit{}
	for _, u := range units {
		byCode[u.Code] = u
	}
	for _, tt := range []struct {
		code, parent string
		level        int
		kind, name   string
		region       string
		nuts, postal string
	}{
		{"10", "", 1, agora.KindJudet, "Alba", "10", "RO121", ""},
		{"65", "", 1, agora.KindJudet, "Bistrița-Năsăud", "65", "RO112", ""},
		{"403", "", 1, agora.KindMunicipiu, "București", "403", "RO321", ""},
		{"1017", "10", 2, agora.KindMunicipiu, "Alba Iulia", "10", "RO121", ""},
		{"1026", "1017", 3, agora.KindLocalitate, "Alba Iulia", "10", "RO121", "510005"},
		{"1035", "1017", 3, agora.KindLocalitate, "Bărăbanț", "10", "RO121", "510001"},
		{"2915", "10", 2, agora.KindOras, "Baia de Arieș", "10", "RO121", ""},
		{"32027", "56", 2, agora.KindOras, "Valea lui Mihai", "56", "RO111", ""},
		{"87059", "207", 2, agora.KindMunicipiu, "Lupeni", "207", "RO423", ""}, // "MUNICIPIUL  LUPENI", two spaces
		{"45815", "109", 2, agora.KindComuna, "C.A. Rosetti", "109", "RO222", ""},
		{"60598", "136", 2, agora.KindComuna, "23 August", "136", "RO223", ""},
		{"34315", "34280", 3, agora.KindLocalitate, "Gersa II", "65", "RO112", "427242"},
		{"179132", "403", 2, agora.KindMunicipiu, "București", "403", "RO321", ""},
		{"179141", "179132", 3, agora.KindSector, "Sectorul 1", "403", "RO321", "010013"},
		{"528", "", 1, agora.KindJudet, "Giurgiu", "528", "", ""},
		{"181", "", 1, agora.KindJudet, "Gorj", "181", "", ""},
	} {
		u, ok := byCode[tt.code]
		want := agora.AdminUnit{Country: agora.RO, Code: tt.code, ParentCode: tt.parent, Level: tt.level,
			Kind: tt.kind, Name: tt.name, NUTS: tt.nuts, Region: tt.region, Postal: tt.postal}
		if !ok || u != want {
			t.Errorf("unit %s = %+v, want %+v", tt.code, u, want)
		}
	}
	var abrud agora.AdminUnit
	for _, u := range units {
		if u.Name == "Abrud" && u.Level == 2 {
			abrud = u
		}
	}
	if abrud.Kind != agora.KindOras {
		t.Errorf("ORAȘ ABRUD = %+v, want an oras named Abrud", abrud)
	}
}

// The published split files are the same rows; alone, the UAT and
// locality files have no parents, and every row says so.
func TestParseSIRUTASplitFiles(t *testing.T) {
	counties, rep := parseSIRUTAFile(t, "siruta/siruta-counties.csv")
	if len(counties) != 42 || rep.Errors() != 0 {
		t.Errorf("counties file: %d units, %d errors; want 42, 0", len(counties), rep.Errors())
	}
	for _, tt := range []struct {
		file   string
		reason string
		n      int
	}{
		{"siruta/siruta-uats.csv", ReasonMissingParent, 3181},
		{"siruta/siruta-localities.csv", ReasonMissingParent, 13755},
	} {
		units, rep := parseSIRUTAFile(t, tt.file)
		if len(units) != 0 || rep.Count(tt.reason) != tt.n || rep.Errors() != tt.n {
			t.Errorf("%s: %d units, %d %s, %d errors; want 0, %d, %d", tt.file, len(units), rep.Count(tt.reason), tt.reason, rep.Errors(), tt.n, tt.n)
		}
	}

	// Counties + UATs + localities, headers dropped, is the whole file.
	var all bytes.Buffer
	for i, f := range []string{"siruta-counties.csv", "siruta-uats.csv", "siruta-localities.csv"} {
		b := readShared(t, "siruta/"+f)
		if i > 0 {
			b = b[bytes.IndexByte(b, '\n')+1:]
		}
		all.Write(b)
	}
	joined, rep, err := ParseSIRUTA(&all)
	if err != nil {
		t.Fatal(err)
	}
	whole, _ := parseSIRUTAFile(t, "siruta/siruta.csv")
	if rep.Errors() != 0 || len(joined) != len(whole) {
		t.Errorf("joined split files: %d units, %d errors; want %d, 0", len(joined), rep.Errors(), len(whole))
	}
}

// The file as published (no BOM, LF, no final newline) and the same with
// the other quirks (BOM, CRLF, final newline, trailing blank lines) give
// the same units.
func TestParseSIRUTALineEndings(t *testing.T) {
	orig := readShared(t, "siruta/siruta.csv")
	want, _, err := ParseSIRUTA(bytes.NewReader(orig))
	if err != nil {
		t.Fatal(err)
	}
	crlf := bytes.ReplaceAll(orig, []byte("\n"), []byte("\r\n"))
	for name, in := range map[string][]byte{
		"final newline": append(bytes.Clone(orig), '\n'),
		"BOM CRLF":      append(append([]byte("\ufeff"), crlf...), "\r\n\r\n"...),
		"blank lines":   append(bytes.Clone(orig), "\n\n  \n"...),
	} {
		got, rep, err := ParseSIRUTA(bytes.NewReader(in))
		if err != nil || rep.Read != 16978 || !reflect.DeepEqual(got, want) {
			t.Errorf("%s: err %v, read %d, same units %v", name, err, rep.Read, reflect.DeepEqual(got, want))
		}
	}
}
