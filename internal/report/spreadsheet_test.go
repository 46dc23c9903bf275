package report

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestCellText(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"", ""},
		{"text", "text"},
		{"=1+1", "'=1+1"},
		{"+40 721 000 000", "'+40 721 000 000"},
		{"-2", "'-2"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\t=1", "'\t=1"},
		{"\r=1", "'\n=1"},
		{"  =cmd|' /C calc'!A0", "'  =cmd|' /C calc'!A0"},
		{"＝1+1", "'＝1+1"},
		{"a=1", "a=1"},
		{"'=1", "'=1"},
		{"linia 1\r\nlinia 2\rlinia 3", "linia 1\nlinia 2\nlinia 3"},
		{"a\x00b\x1bc\x7f", "abc"},
		{"bad \xff byte", "bad \uFFFD byte"},
		{"s\u0326i t\u0326ara", "și țara"},
		{"ş ţ", "ş ţ"},
		{"<script>document.body.remove()</script>", "<script>document.body.remove()</script>"},
	} {
		if got := cellText(tt.in); got != tt.want {
			t.Errorf("cellText(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
	long := strings.Repeat("ș", maxCellUnits+10)
	if got := cellText(long); len([]rune(got)) != maxCellUnits || !strings.HasSuffix(got, "…") {
		t.Errorf("cellText(long) has %d characters, want %d ending in …", len([]rune(got)), maxCellUnits)
	}
}

func readCSV(t *testing.T, b []byte) [][]string {
	t.Helper()
	if !bytes.HasPrefix(b, []byte(utf8BOM)) {
		t.Fatalf("CSV does not start with a UTF-8 BOM")
	}
	r := csv.NewReader(bytes.NewReader(b[len(utf8BOM):]))
	rows, err := r.ReadAll()
	if err != nil {
		t.Fatalf("reading CSV back: %v", err)
	}
	return rows
}

func TestWriteCSV(t *testing.T) {
	c := sampleRO()
	c.Units[0].Recommendations[0].Text = "rândul 1\r\nrândul 2\rrândul 3"
	var buf bytes.Buffer
	if err := WriteCSV(&buf, c); err != nil {
		t.Fatal(err)
	}
	raw := buf.Bytes()
	if bytes.Contains(bytes.ReplaceAll(raw, []byte("\r\n"), nil), []byte("\n")) {
		t.Errorf("CSV has a bare LF; want CRLF everywhere")
	}
	rows := readCSV(t, raw)
	if len(rows) != 4 {
		t.Fatalf("CSV has %d rows, want a header and 3", len(rows))
	}
	want := []string{"Unitatea", "Nr.", "Autor", "În numele", "Sursa", "Data", "Recomandarea",
		"Text propus (înlocuiește textul unității)", "Susțineri", "Stadiu", "Justificare", "Grup"}
	if strings.Join(rows[0], "|") != strings.Join(want, "|") {
		t.Errorf("header = %q, want %q", rows[0], want)
	}
	r1, r2, r3 := rows[1], rows[2], rows[3]
	for _, tt := range []struct{ got, want string }{
		{r1[0], "Art. 7 alin. (2)"},
		{r1[1], "1"},
		{r1[2], "Asociația Științifică „Țara Bârsei”"},
		{r1[5], "03.03.2026"},
		{r1[6], "rândul 1\nrândul 2\nrândul 3"},
		{r1[8], "12"},
		{r1[9], "Acceptată parțial"},
		{r2[6], "<script>document.body.remove()</script> Ştiu că textul vechi avea sedilă: ştampilă, ţară."},
		{r2[10], "'=HYPERLINK(\"http://evil.invalid\",\"click\") Propunerea depășește obiectul proiectului."},
		{r3[0], "Art. 9 lit. a)"},
		{r3[2], "Stowarzyszenie Łódź"},
		{r3[9], "Fără răspuns"},
	} {
		if tt.got != tt.want {
			t.Errorf("cell = %q, want %q", tt.got, tt.want)
		}
	}
}

func openXLSX(t testing.TB, b []byte) *excelize.File {
	t.Helper()
	x, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatalf("reading XLSX back: %v", err)
	}
	t.Cleanup(func() { x.Close() })
	return x
}

func TestWriteXLSX(t *testing.T) {
	c := sampleRO()
	var buf bytes.Buffer
	if err := WriteXLSX(&buf, c); err != nil {
		t.Fatal(err)
	}
	x := openXLSX(t, buf.Bytes())
	if got := x.GetSheetList(); strings.Join(got, "|") != "Recomandări|Situație" {
		t.Fatalf("sheets = %q", got)
	}
	rows, err := x.GetRows("Recomandări")
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 4 || rows[0][0] != "Unitatea" || rows[0][11] != "Grup" {
		t.Fatalf("rows = %q", rows)
	}
	if got, want := rows[2][10], "'=HYPERLINK(\"http://evil.invalid\",\"click\") Propunerea depășește obiectul proiectului."; got != want {
		t.Errorf("justification = %q, want %q", got, want)
	}
	if got, want := rows[2][6], "<script>document.body.remove()</script> Ştiu că textul vechi avea sedilă: ştampilă, ţară."; got != want {
		t.Errorf("text = %q, want %q", got, want)
	}
	for r := 1; r <= len(rows); r++ {
		for col := 1; col <= 12; col++ {
			cell, _ := excelize.CoordinatesToCellName(col, r)
			if f, _ := x.GetCellFormula("Recomandări", cell); f != "" {
				t.Errorf("%s holds formula %q", cell, f)
			}
		}
	}
	if typ, _ := x.GetCellType("Recomandări", "B2"); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
		t.Errorf("number cell B2 has type %v", typ)
	}
	panes, err := x.GetPanes("Recomandări")
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("panes = %+v, %v; want the first row frozen", panes, err)
	}
	if w, _ := x.GetColWidth("Recomandări", "G"); w != 60 {
		t.Errorf("text column width = %v, want 60", w)
	}
	style, _ := x.GetCellStyle("Recomandări", "A1")
	if s, err := x.GetStyle(style); err != nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("header style = %+v, %v; want bold", s, err)
	}
	style, _ = x.GetCellStyle("Recomandări", "G2")
	if s, err := x.GetStyle(style); err != nil || s.Alignment == nil || !s.Alignment.WrapText {
		t.Errorf("body style = %+v, %v; want wrapped", s, err)
	}

	summary, err := x.GetRows("Situație")
	if err != nil {
		t.Fatal(err)
	}
	found := map[string]string{}
	for _, r := range summary {
		if len(r) >= 2 {
			found[r[0]] = r[1]
		}
	}
	for k, v := range map[string]string{
		"Raport privind consultarea publică": c.Title,
		"Recomandări primite":                "3",
		"Acceptate parțial":                  "1",
		"Fără răspuns":                       "1",
		"Participanți":                       "3",
		"06.03.2026":                         "Sala mare, str. Eroilor 5",
	} {
		if found[k] != v {
			t.Errorf("summary %q = %q, want %q", k, found[k], v)
		}
	}
	props, err := x.GetDocProps()
	if err != nil || props.Creator != "agora" || props.Title != c.Title {
		t.Errorf("doc props = %+v, %v", props, err)
	}
}

func TestSheetNames(t *testing.T) {
	for _, tt := range []struct{ a, b, wantA, wantB string }{
		{"", "", "1", "2"},
		{"Recomandări", "Situație", "Recomandări", "Situație"},
		{"a/b:c?[d]*", "'x'", "a b c  d", "x"},
		{"Same", "same", "Same", "same 2"},
		{strings.Repeat("ș", 40), "ok", strings.Repeat("ș", 31), "ok"},
	} {
		got := sheetNames(tt.a, tt.b)
		if got[0] != tt.wantA || got[1] != tt.wantB {
			t.Errorf("sheetNames(%q, %q) = %q, want [%q %q]", tt.a, tt.b, got, tt.wantA, tt.wantB)
		}
	}
}
