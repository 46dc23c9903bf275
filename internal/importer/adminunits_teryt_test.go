package importer

import (
	"bytes"
	"compress/gzip"
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

const (
	tercFile = "teryt/TERC_Urzedowy_2020-09-26.csv"
	simcFile = "teryt/SIMC_Urzedowy_2020-09-26.csv.gz"
)

func readSIMC(t testing.TB) []byte {
	t.Helper()
	rc, err := OpenMaybeGzip(filepath.Join(adminUnitsDir, simcFile))
	if err != nil {
		t.Fatal(err)
	}
	defer rc.Close()
	b, err := io.ReadAll(rc)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func kindCounts(units []agora.AdminUnit) map[string]int {
	m := map[string]int{}
	for _, u := range units {
		m[u.Kind]++
	}
	return m
}

func TestParseTERCRealFile(t *testing.T) {
	raw := readShared(t, tercFile)
	if !bytes.HasPrefix(raw, []byte("\ufeff")) || !bytes.HasSuffix(raw, []byte("\r\n\r\n")) {
		t.Fatal("test file lost its BOM or its trailing empty CRLF line")
	}
	units, rep, err := ParseTERC(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 4194 || len(units) != 4194 || rep.Accepted != 4194 || len(rep.Problems) != 0 {
		t.Fatalf("read %d, units %d, accepted %d, problems %v; want 4194 rows, no problems", rep.Read, len(units), rep.Accepted, rep.Problems)
	}
	want := map[string]int{
		agora.KindWojewodztwo: 16, agora.KindPowiat: 314, agora.KindMiastoNaPrawachPowiatu: 66,
		agora.KindGminaWiejska: 1533, agora.KindGminaMiejskoWiejska: 642, agora.KindGminaMiejska: 302,
		agora.KindMiasto: 642, agora.KindObszarWiejski: 642, agora.KindDelegatura: 19, agora.KindDzielnica: 18,
	}
	if got := kindCounts(units); !reflect.DeepEqual(got, want) {
		t.Errorf("kinds = %v, want %v", got, want)
	}
	checkLinks(t, units)
	byCode := map[string]agora.AdminUnit{}
	for _, u := range units {
		byCode[u.Code] = u
	}
	for _, want := range []agora.AdminUnit{
		{Country: agora.PL, Code: "02", Level: 1, Kind: agora.KindWojewodztwo, Name: "Dolnośląskie", Region: "02"},
		{Country: agora.PL, Code: "28", Level: 1, Kind: agora.KindWojewodztwo, Name: "Warmińsko-Mazurskie", Region: "28"},
		{Country: agora.PL, Code: "24", Level: 1, Kind: agora.KindWojewodztwo, Name: "Śląskie", Region: "24"},
		{Country: agora.PL, Code: "0201", ParentCode: "02", Level: 2, Kind: agora.KindPowiat, Name: "bolesławiecki", Region: "02"},
		{Country: agora.PL, Code: "0201011", ParentCode: "0201", Level: 3, Kind: agora.KindGminaMiejska, Name: "Bolesławiec", Region: "02"},
		{Country: agora.PL, Code: "0201044", ParentCode: "0201", Level: 3, Kind: agora.KindMiasto, Name: "Nowogrodziec", Region: "02"},
		{Country: agora.PL, Code: "1465", ParentCode: "14", Level: 2, Kind: agora.KindMiastoNaPrawachPowiatu, Name: "Warszawa", Region: "14"},
		{Country: agora.PL, Code: "1465011", ParentCode: "1465", Level: 3, Kind: agora.KindGminaMiejska, Name: "Warszawa", Region: "14"},
		{Country: agora.PL, Code: "1061029", ParentCode: "1061", Level: 3, Kind: agora.KindDelegatura, Name: "Łódź-Bałuty", Region: "10"},
	} {
		if got := byCode[want.Code]; got != want {
			t.Errorf("unit %s = %+v, want %+v", want.Code, got, want)
		}
	}
}

func TestParseSIMCRealFile(t *testing.T) {
	raw := readSIMC(t)
	if !bytes.HasPrefix(raw, []byte("\ufeff")) || !bytes.HasSuffix(raw, []byte("\r\n\r\n")) {
		t.Fatal("test file lost its BOM or its trailing empty CRLF line")
	}
	units, rep, err := ParseSIMC(bytes.NewReader(raw))
	if err != nil {
		t.Fatal(err)
	}
	if rep.Read != 102913 || len(units) != 102913 || len(rep.Problems) != 0 {
		t.Fatalf("read %d, units %d, problems %d; want 102913, 102913, 0", rep.Read, len(units), len(rep.Problems))
	}
	want := map[string]int{
		agora.KindMiejscowosc:       43052 + 3165 + 4814 + 5664 + 2170 + 10 + 22,
		agora.KindCzescMiejscowosci: 36239 + 6796, agora.KindMiasto: 944,
		agora.KindDzielnica: 18, agora.KindDelegatura: 19,
	}
	if got := kindCounts(units); !reflect.DeepEqual(got, want) {
		t.Errorf("kinds = %v, want %v", got, want)
	}
	parts := 0
	syms := map[string]bool{}
	for _, u := range units {
		if u.Level != 4 || u.Country != agora.PL || len(u.Code) != 7 || len(u.ParentCode) != 7 || u.Region != u.ParentCode[:2] {
			t.Fatalf("unit %+v: want level 4, 7-digit SYM and gmina, region = WOJ", u)
		}
		if u.PartOf != "" {
			parts++
		}
		syms[u.Code] = true
	}
	if len(syms) != 102913 || parts != 49461 {
		t.Errorf("%d distinct SYM, %d parts; want 102913, 49461", len(syms), parts)
	}
	first := agora.AdminUnit{Country: agora.PL, Code: "0851732", ParentCode: "0208065", Level: 4,
		Kind: agora.KindMiejscowosc, Name: "Zalesie", Region: "02"}
	if units[0] != first {
		t.Errorf("first unit = %+v, want %+v", units[0], first)
	}
	// Quotes are literal characters in these files, not CSV quoting.
	var quoted bool
	for _, u := range units {
		quoted = quoted || u.Name == `Mazewo Dworskie"B"`
	}
	if !quoted {
		t.Error(`Mazewo Dworskie"B" not read as written`)
	}
}

func TestParseAdminUnitsDirRealData(t *testing.T) {
	units, rep, err := ParseAdminUnitsDir(adminUnitsDir)
	if err != nil {
		t.Fatal(err)
	}
	const total = 16978 + 4194 + 102913
	if len(units) != total || rep.Read != total || rep.Accepted != total || rep.Errors() != 0 {
		t.Fatalf("units %d, read %d, accepted %d, errors %d; want %d and no errors", len(units), rep.Read, rep.Accepted, rep.Errors(), total)
	}
	// Every SIMC locality's gmina is in TERC.
	checkLinks(t, units)
	for _, p := range rep.Problems {
		if p.File != "siruta/siruta.csv" {
			t.Errorf("problem %+v: want only SIRUTA warnings", p)
		}
	}
	if len(rep.Problems) != 517 {
		t.Errorf("%d problems, want 517", len(rep.Problems))
	}
}

// A SIMC file checked against a TERC file lacking a gmina loses that
// gmina's localities, and with them the parts of those localities.
func TestParseAdminUnitsDirMissingGmina(t *testing.T) {
	dir := t.TempDir()
	if err := os.Mkdir(filepath.Join(dir, "teryt"), 0o755); err != nil {
		t.Fatal(err)
	}
	terc := "\ufeffWOJ;POW;GMI;RODZ;NAZWA;NAZWA_DOD;STAN_NA\r\n" +
		"02;;;;DOLNOŚLĄSKIE;województwo;2020-01-01\r\n" +
		"02;01;;;bolesławiecki;powiat;2020-01-01\r\n" +
		"02;01;01;1;Bolesławiec;gmina miejska;2020-01-01\r\n\r\n"
	simc := "\ufeffWOJ;POW;GMI;RODZ_GMI;RM;MZ;NAZWA;SYM;SYMPOD;STAN_NA\r\n" +
		"02;01;01;1;96;1;Bolesławiec;0935989;0935989;2020-01-01\r\n" +
		"02;01;02;2;01;1;Kraśnik Dolny;0008891;0008891;2020-01-01\r\n" +
		"02;01;02;2;00;1;Jurków;0008900;0008891;2020-01-01\r\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(simc))
	zw.Close()
	for name, data := range map[string][]byte{
		"TERC_Urzedowy_2019-01-01.csv":    []byte("garbage that is never read"),
		"TERC_Urzedowy_2020-09-26.csv":    []byte(terc),
		"SIMC_Urzedowy_2020-09-26.csv.gz": gz.Bytes(),
	} {
		if err := os.WriteFile(filepath.Join(dir, "teryt", name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	units, rep, err := ParseAdminUnitsDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	if len(units) != 4 || rep.Read != 6 {
		t.Errorf("units %d, read %d; want 4 (3 TERC + Bolesławiec), 6", len(units), rep.Read)
	}
	want := []Problem{
		{File: "teryt/SIMC_Urzedowy_2020-09-26.csv.gz", Line: 3, Code: "0008891", Severity: SeverityError, Reason: ReasonMissingParent, Value: "0201022"},
		{File: "teryt/SIMC_Urzedowy_2020-09-26.csv.gz", Line: 4, Code: "0008900", Severity: SeverityError, Reason: ReasonParentRejected, Value: "0008891"},
	}
	if !reflect.DeepEqual(rep.Problems, want) {
		t.Errorf("problems = %+v, want %+v", rep.Problems, want)
	}
}

func TestParseAdminUnitsDirEmpty(t *testing.T) {
	_, _, err := ParseAdminUnitsDir(t.TempDir())
	if !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("empty dir: err = %v, want fs.ErrNotExist", err)
	}
}

func TestOpenMaybeGzip(t *testing.T) {
	dir := t.TempDir()
	text := "WOJ;POW\r\n02;01\r\n"
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	zw.Write([]byte(text))
	zw.Close()
	for name, data := range map[string][]byte{
		"plain.csv":      []byte(text),
		"gzipped.csv":    gz.Bytes(), // detected by content, not name
		"plain.csv.gz":   []byte(text),
		"gzipped.csv.gz": gz.Bytes(),
	} {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
		rc, err := OpenMaybeGzip(p)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		got, err := io.ReadAll(rc)
		if cerr := rc.Close(); cerr != nil {
			t.Errorf("%s: close: %v", name, cerr)
		}
		if err != nil || string(got) != text {
			t.Errorf("%s: read %q, %v; want %q", name, got, err, text)
		}
	}
	if _, err := OpenMaybeGzip(filepath.Join(dir, "absent")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("absent file: err = %v, want fs.ErrNotExist", err)
	}
	// Gzip magic followed by garbage is an error at open, not later.
	bad := filepath.Join(dir, "bad.gz")
	os.WriteFile(bad, []byte{0x1f, 0x8b, 0, 0}, 0o644)
	if _, err := OpenMaybeGzip(bad); err == nil || !strings.Contains(err.Error(), "gunzip") {
		t.Errorf("broken gzip: err = %v, want a gunzip error", err)
	}
}
