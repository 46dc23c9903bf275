package importer

import (
	"archive/tar"
	"bufio"
	"bytes"
	"compress/gzip"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

const (
	roLaws = "../../../shared/data/ro-laws"
	plLaws = "../../../shared/data/pl-laws"
)

// readLaws reads paths and returns the documents by source id and the
// problems.
func readLaws(t *testing.T, f LawFormat, paths ...string) (map[string]LawDoc, []LawProblem) {
	t.Helper()
	docs := map[string]LawDoc{}
	var problems []LawProblem
	err := LawReader{Format: f}.Read(context.Background(), paths, func(src string, d LawDoc) error {
		docs[d.Act.SourceID] = d
		return nil
	}, func(p LawProblem) { problems = append(problems, p) })
	if err != nil {
		t.Fatal(err)
	}
	return docs, problems
}

func unitByKey(d LawDoc, key string) (agora.Unit, bool) {
	for _, u := range d.Units {
		if u.Key == key {
			return u, true
		}
	}
	return agora.Unit{}, false
}

func TestAnsvarRomanianSample(t *testing.T) {
	docs, problems := readLaws(t, LawAnsvarJSON, roLaws+"/sample")
	if len(docs) != 20 || len(problems) != 0 {
		t.Fatalf("read %d documents, problems %v; want 20 and none", len(docs), problems)
	}
	hg := docs["law-doc-10"].Act
	if hg.Key != "ro/hg/2010/1326" || hg.Kind != "hg" || hg.Number != "1326" || hg.Year != 2010 || hg.AdoptedOn != "2010-12-23" {
		t.Errorf("HOTĂRÂRE nr. 1.326 = %+v", hg)
	}
	// No issued_date: the listing label of the description dates it.
	if a := docs["law-doc-200115"].Act; a.Key != "ro/lege/1973/2" || a.AdoptedOn != "1973-03-30" {
		t.Errorf("undated act = %+v", a)
	}
	if d := docs["law-doc-109854"]; len(d.Units) != 0 || d.Act.Key != "ro/lege/2009/286" {
		t.Errorf("empty provisions: key %s, %d units", d.Act.Key, len(d.Units))
	}
	pv := docs["law-doc-214775"]
	if pv.Act.Key != "ro/src/law-doc-214775" || pv.Act.Kind != "other" || pv.Units[0].Kind != agora.UnitParagraph {
		t.Errorf("PROCES-VERBAL = %+v, %+v", pv.Act, pv.Units)
	}
	// The twins of Legea 52/2003 share a key and their content.
	a, b := docs["law-doc-41571"], docs["law-doc-153210"]
	if a.Act.Key != "ro/lege/2003/52" || b.Act.Key != a.Act.Key || a.ContentHash() != b.ContentHash() {
		t.Errorf("twins: %s %s, same content %v", a.Act.Key, b.Act.Key, a.ContentHash() == b.ContentHash())
	}
	if a.Act.Status != agora.ActStatusUnknown {
		t.Errorf("Romanian status = %q; the source's in_force is not reliable", a.Act.Status)
	}
	art1, _ := unitByKey(a, "art-1")
	par2, ok := unitByKey(a, "art-1.par-2")
	if art1.Text != "" || !ok || par2.Number != "(2)" || !strings.HasPrefix(par2.Text, "Legea are drept scop: a)") || par2.ParentKey != "art-1" {
		t.Errorf("art. 1 of Legea 52/2003 not cut into paragraphs: %+v %+v", art1, par2)
	}
	if cap1, _ := unitByKey(a, "cap-i"); cap1.Kind != agora.UnitChapter || cap1.Heading != "Dispoziții generale" || art1.ParentKey != "cap-i" {
		t.Errorf("chapter = %+v, article parent %q", cap1, art1.ParentKey)
	}
	// Duplicate provision_ref: every unit keeps its own key.
	for id, d := range docs {
		seen := map[string]bool{}
		for _, u := range d.Units {
			if seen[u.Key] {
				t.Errorf("%s: key %s twice", id, u.Key)
			}
			seen[u.Key] = true
		}
	}
	// Cedilla letters stay as written.
	if u, _ := unitByKey(docs["law-doc-10"], "art-1.par-1"); !strings.Contains(u.Text, "finanţarea") {
		t.Errorf("cedilla text changed: %q", u.Text)
	}
}

func TestAnsvarPolishSample(t *testing.T) {
	docs, problems := readLaws(t, LawAnsvarJSON, plLaws+"/sample")
	if len(docs) != 20 || len(problems) != 0 {
		t.Fatalf("read %d documents, problems %v", len(docs), problems)
	}
	a := docs["pl-du-2003-873"]
	want := agora.Act{Key: "pl/du/2003/873", Jurisdiction: agora.PL, Kind: "ustawa", Number: "873", Year: 2003,
		AdoptedOn: "2003-04-24", InForceOn: "2003-05-29", PublicationRef: "Dz.U. 2003 poz. 873", Status: agora.ActInForce}
	got := a.Act
	got.Title, got.SourceURL, got.SourceID = "", "", ""
	if got.Key != want.Key || got.Kind != want.Kind || got.Number != want.Number || got.Year != want.Year || got.AdoptedOn != want.AdoptedOn ||
		got.InForceOn != want.InForceOn || got.PublicationRef != want.PublicationRef || got.Status != want.Status || got.Jurisdiction != want.Jurisdiction {
		t.Errorf("act = %+v, want %+v", got, want)
	}
	if p, ok := unitByKey(a, "art-1.par-2"); !ok || p.Number != "2." || !strings.HasPrefix(p.Text, "Ustawa reguluje również") {
		t.Errorf("art. 1 ust. 2 = %+v", p)
	}
	found := false
	for _, u := range docs["pl-du-1996-146"].Units {
		found = found || strings.Contains(u.Text, "<<Centralą>>")
	}
	if !found {
		t.Error("<<Centralą>> not kept as written")
	}
}

// TestAnsvarArchives reads the whole real subsets: every one of the
// 3,000 members of each archive is kept, including the quirky ones (no
// issued_date, no provisions, odd titles, duplicate provision_ref), so
// the counts equal the rows of index.tsv.
func TestAnsvarArchives(t *testing.T) {
	if testing.Short() {
		t.Skip("reads 130 MB of JSON")
	}
	for _, dir := range []string{roLaws, plLaws} {
		rows := indexRows(t, dir+"/index.tsv")
		archive, _ := filepath.Glob(dir + "/*.tar.gz")
		docs, problems := readLaws(t, LawAnsvarJSON, archive...)
		if len(problems) != 0 {
			t.Errorf("%s: problems %v", dir, problems)
		}
		if len(docs) != 3000 || len(rows) != 3000 {
			t.Errorf("%s: %d documents, index.tsv has %d rows; want 3000", dir, len(docs), len(rows))
		}
		for id := range rows {
			if _, ok := docs[id]; !ok {
				t.Errorf("%s: %s missing", dir, id)
			}
		}
	}
}

func indexRows(t *testing.T, path string) map[string]bool {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := map[string]bool{}
	sc := bufio.NewScanner(f)
	sc.Scan() // header
	for sc.Scan() {
		id, _, _ := strings.Cut(strings.SplitN(sc.Text(), "\t", 3)[1], "\t")
		rows[id] = true
	}
	return rows
}

// writeTarGz writes members into a .tar.gz file.
func writeTarGz(t *testing.T, path string, members map[string][]byte, order []string) {
	t.Helper()
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	for _, name := range order {
		data := members[name]
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data)), Typeflag: tar.TypeReg}); err != nil {
			t.Fatal(err)
		}
		_, _ = tw.Write(data)
	}
	_ = tw.Close()
	_ = zw.Close()
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestMalformedMembersSkipped(t *testing.T) {
	good, err := os.ReadFile(roLaws + "/sample/law-doc-41571.json")
	if err != nil {
		t.Fatal(err)
	}
	dir := t.TempDir()
	members := map[string][]byte{
		"seed/a.json":       good,
		"seed/bad.json":     []byte("{\n  \"id\": \"x\",\n  \"title\": \"LEGE\",\n  \"provisions\": [ oops ]\n}"),
		"seed/type.json":    []byte(`{"id": "y", "title": 5}`),
		"seed/utf8.json":    []byte("{\"id\": \"z\", \"title\": \"LEGE \xff\"}"),
		"seed/notitle.json": []byte(`{"id": "w"}`),
		"seed/z.json":       []byte(strings.Replace(string(good), "law-doc-41571", "law-doc-99", 1)),
		"SOURCE.txt":        []byte("not an act"),
	}
	order := []string{"SOURCE.txt", "seed/a.json", "seed/bad.json", "seed/notitle.json", "seed/type.json", "seed/utf8.json", "seed/z.json"}
	archive := filepath.Join(dir, "laws.tar.gz")
	writeTarGz(t, archive, members, order)
	// A single gzipped document beside the archive, read through the directory.
	var gz bytes.Buffer
	zw := gzip.NewWriter(&gz)
	_, _ = zw.Write(bytes.Replace(good, []byte("law-doc-41571"), []byte("law-doc-77"), 1))
	_ = zw.Close()
	if err := os.MkdirAll(filepath.Join(dir, "more"), 0o755); err != nil {
		t.Fatal(err)
	}
	_ = os.WriteFile(filepath.Join(dir, "more", "c.json.gz"), gz.Bytes(), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "more", "broken.json.gz"), gz.Bytes()[:40], 0o644)

	docs, problems := readLaws(t, LawAnsvarJSON, dir)
	if len(docs) != 3 || docs["law-doc-41571"].Act.Key == "" || docs["law-doc-99"].Act.Key == "" || docs["law-doc-77"].Act.Key == "" {
		t.Errorf("documents read: %v", keysOf(docs))
	}
	want := map[string]string{
		archive + ":seed/bad.json":                   ReasonLawJSON,
		archive + ":seed/type.json":                  ReasonLawJSONType,
		archive + ":seed/utf8.json":                  ReasonLawInvalidUTF8,
		archive + ":seed/notitle.json":               ReasonLawNoTitle,
		filepath.Join(dir, "more", "broken.json.gz"): ReasonLawArchive,
	}
	if len(problems) != len(want) {
		t.Errorf("problems = %v", problems)
	}
	for _, p := range problems {
		if want[p.Source] != p.Reason {
			t.Errorf("problem %s: reason %s, want %s", p, p.Reason, want[p.Source])
		}
		if p.Source == archive+":seed/bad.json" && (p.Line != 4 || p.Column < 19) {
			t.Errorf("bad.json position = %d:%d, want line 4 near column 20", p.Line, p.Column)
		}
	}
}

func keysOf(m map[string]LawDoc) []string {
	var out []string
	for k := range m {
		out = append(out, k)
	}
	return out
}

func TestTextLaws(t *testing.T) {
	dir := t.TempDir()
	body := "LEGE nr. 52 din 21 ianuarie 2003 privind transparenţa decizională\n\nArt. 1\n(1) Prezenta lege stabileşte regulile.\n(2) Legea are drept scop.\nArt. 2\nPrincipiile sunt următoarele.\n"
	_ = os.WriteFile(filepath.Join(dir, "lege-52.txt"), []byte(body), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "ustawa.txt"), []byte("Art. 1. Ustawa reguluje zasady.\n"), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "ustawa.meta.json"), []byte(`{"jurisdiction":"PL","title":"Ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego","number":"873","year":2003,"status":"in_force"}`), 0o644)
	_ = os.WriteFile(filepath.Join(dir, "empty.txt"), []byte("\n\n"), 0o644)
	docs, problems := readLaws(t, LawText, dir)
	ro := docs["lege-52"]
	if ro.Act.Key != "ro/lege/2003/52" || ro.Act.AdoptedOn != "2003-01-21" || !strings.Contains(ro.Act.Title, "transparenţa") {
		t.Errorf("RO text act = %+v", ro.Act)
	}
	if _, ok := unitByKey(ro, "art-1.par-2"); !ok {
		t.Errorf("RO text units = %+v", ro.Units)
	}
	pl := docs["ustawa"]
	if pl.Act.Key != "pl/du/2003/873" || pl.Act.Status != agora.ActInForce || pl.Act.AdoptedOn != "2003-04-24" || len(pl.Units) == 0 {
		t.Errorf("PL text act with sidecar = %+v %+v", pl.Act, pl.Units)
	}
	if len(problems) != 1 || problems[0].Reason != ReasonLawHeader {
		t.Errorf("problems = %v, want the empty file refused", problems)
	}
	// In an archive the sidecar comes first in name order.
	archive := filepath.Join(t.TempDir(), "t.tar.gz")
	writeTarGz(t, archive, map[string][]byte{
		"u.meta.json": []byte(`{"jurisdiction":"PL","act_key":"pl/du/2003/873","title":"Ustawa"}`),
		"u.txt":       []byte("Art. 1. Ustawa reguluje zasady.\n"),
	}, []string{"u.meta.json", "u.txt"})
	docs, problems = readLaws(t, LawText, archive)
	if d := docs["u"]; d.Act.Key != "pl/du/2003/873" || len(problems) != 0 {
		t.Errorf("archived text with sidecar = %+v, %v", d.Act, problems)
	}
}

func TestAKNLaws(t *testing.T) {
	dir := "../../../shared/data/akn/legaldocml"
	docs, problems := readLaws(t, LawAKN, dir+"/invalid", dir+"/v3/uk_pga_1998_29.xml")
	if len(docs) != 0 || len(problems) != 2 {
		t.Fatalf("docs %v, problems %v", keysOf(docs), problems)
	}
	for _, p := range problems {
		want := ReasonLawAKN
		if strings.HasSuffix(p.Source, "uk_pga_1998_29.xml") {
			want = ReasonLawJurisdiction
		}
		if p.Reason != want {
			t.Errorf("%s: reason %s, want %s", p.Source, p.Reason, want)
		}
	}
	akn := `<?xml version="1.0" encoding="UTF-8"?>
<akomaNtoso xmlns="http://docs.oasis-open.org/legaldocml/ns/akn/3.0"><act name="act">
<meta><identification source="#x"><FRBRWork><FRBRthis value="/akn/pl/act/2017/WDU20170000001"/><FRBRuri value="/akn/pl/act/2017/1"/>
<FRBRdate date="2017-01-01" name="x"/><FRBRauthor href="#sejm"/><FRBRcountry value="pl"/></FRBRWork></identification></meta>
<preface><p><docTitle>Ustawa z dnia 1 stycznia 2017 r. o czymś</docTitle></p></preface>
<body><article eId="art_1"><num>Art. 1.</num><content><p>Ustawa reguluje zasady.</p></content></article></body></act></akomaNtoso>`
	d, err := DecodeAKNLaw([]byte(akn), "wdu20170000001", nil)
	if err != nil {
		t.Fatal(err)
	}
	if d.Act.Key != "pl/du/2017/1" || d.Act.PublicationRef != "Dz.U. 2017 poz. 1" || d.Act.Kind != "ustawa" || len(d.Units) == 0 {
		t.Errorf("Polish AKN act = %+v, %d units", d.Act, len(d.Units))
	}
}

func TestSplitParagraphs(t *testing.T) {
	for _, tt := range []struct {
		j    agora.Country
		in   string
		want []string
	}{
		{agora.RO, "(1) Unu. (2) Doi; se aplică alin. (1) şi (3). (3) Trei.", []string{"(1)", "(2)", "(3)"}},
		{agora.RO, "(1) Unu. (1^1) Unu indice. (2) Doi.", []string{"(1)", "(1^1)", "(2)"}},
		{agora.RO, "(1) Unu. (3) Trei.", nil},     // a gap is ambiguous
		{agora.RO, "Text (1) fără început.", nil}, // does not start with (1)
		{agora.RO, "(1) Doar unul.", nil},         // nothing to cut
		{agora.RO, "(1) Unu, potrivit alin. (2) al art. 3. (2) Doi.", []string{"(1)", "(2)"}},
		{agora.PL, "1. Jeden. 2. Dwa, o którym mowa w poz. 3. 3. Trzy.", []string{"1.", "2.", "3."}},
		{agora.PL, "1. Jeden. 1a. Jeden a. 2. Dwa.", []string{"1.", "1a.", "2."}},
		{agora.PL, "§ 1. Jeden. § 2. Dwa.", []string{"§ 1.", "§ 2."}},
		{agora.PL, "1. Jeden z dnia 5 maja 2003 r. 7. Siedem.", nil},
	} {
		got := splitParagraphs(tt.j, tt.in)
		var nums []string
		for _, p := range got {
			nums = append(nums, p.Number)
		}
		if strings.Join(nums, " ") != strings.Join(tt.want, " ") {
			t.Errorf("splitParagraphs(%q) = %q, want %q", tt.in, nums, tt.want)
		}
	}
}

func TestParseActTitle(t *testing.T) {
	for _, tt := range []struct {
		j     agora.Country
		title string
		want  ActTitle
	}{
		{agora.RO, "HOTĂRÂRE nr. 1.326 din 23 decembrie 2010", ActTitle{"hg", "1326", 2010, "2010-12-23"}},
		{agora.RO, "ORDONANŢĂ DE URGENŢĂ nr. 28 din 25 martie 1999 (**republicată**)(*actualizată*)", ActTitle{"oug", "28", 1999, "1999-03-25"}},
		{agora.RO, "ORDONANȚĂ DE URGENȚĂ nr. 98 din 3 noiembrie 2010", ActTitle{"oug", "98", 2010, "2010-11-03"}},
		{agora.RO, "LEGEA contabilității nr. 82 din 24 decembrie 1991 (**republicată**)", ActTitle{"lege", "82", 1991, "1991-12-24"}},
		{agora.RO, "LEGE 286 17/07/2009", ActTitle{"lege", "286", 2009, "2009-07-17"}},
		{agora.RO, "LEGE nr. 43 din 1937*)", ActTitle{"lege", "43", 1937, ""}},
		{agora.RO, "○ LEGE Nr. 4 din 7 martie 1996", ActTitle{"lege", "4", 1996, "1996-03-07"}},
		{agora.RO, "PROCES-VERBAL din 5 iunie 2019", ActTitle{"other", "", 2019, "2019-06-05"}},
		{agora.RO, "CODUL PENAL din 17 iulie 2009", ActTitle{"cod", "", 2009, "2009-07-17"}},
		{agora.RO, "lege nr. 1 din 31 februarie 2000", ActTitle{"lege", "1", 2000, ""}},
		{agora.PL, "Ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego", ActTitle{"ustawa", "", 2003, "2003-04-24"}},
		{agora.PL, "Ustawa z dnia 6 lipca 6 lipca 2007 r. o zmianie ustawy", ActTitle{"ustawa", "", 2007, "2007-07-06"}},
		{agora.PL, "Rozporządzenie Ministra Zdrowia z dnia 5 maja 2020 r. w sprawie", ActTitle{"rozporzadzenie", "", 2020, "2020-05-05"}},
		{agora.PL, "Ustawa z dnia 12 kwietna 2019 r.", ActTitle{"ustawa", "", 2019, ""}},
	} {
		if got := ParseActTitle(tt.j, tt.title); got != tt.want {
			t.Errorf("ParseActTitle(%q) = %+v, want %+v", tt.title, got, tt.want)
		}
	}
}
