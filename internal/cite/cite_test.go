package cite

import (
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

func TestFind(t *testing.T) {
	cases := []struct {
		text string
		want []Citation // only the fields that matter; Start/End checked via raw
		raw  []string
	}{
		{"potrivit Legii nr. 52/2003 privind transparența", []Citation{{Jurisdiction: "RO", ActKey: "ro/lege/2003/52"}}, []string{"Legii nr. 52/2003"}},
		{"conform art. 7 alin. (2) din Legea nr. 52/2003, proiectul", []Citation{{Jurisdiction: "RO", ActKey: "ro/lege/2003/52", Article: "7", Paragraph: "2"}},
			[]string{"art. 7 alin. (2) din Legea nr. 52/2003"}},
		{"aprobată prin O.U.G. nr. 57/2019 și H.G. nr. 1/2016.", []Citation{{Jurisdiction: "RO", ActKey: "ro/oug/2019/57"}, {Jurisdiction: "RO", ActKey: "ro/hg/2016/1"}},
			[]string{"O.U.G. nr. 57/2019", "H.G. nr. 1/2016"}},
		{"Ordonanţa de urgenţă a Guvernului nr. 16/2022 (cedilla)", []Citation{{Jurisdiction: "RO", ActKey: "ro/oug/2022/16"}}, []string{"Ordonanţa de urgenţă a Guvernului nr. 16/2022"}},
		{"Hotărârea Guvernului nr. 1.326 din 23 decembrie 2010", []Citation{{Jurisdiction: "RO", ActKey: "ro/hg/2010/1326"}}, []string{"Hotărârea Guvernului nr. 1.326 din 23 decembrie 2010"}},
		{"art. 7 alin. (2) lit. a) se modifică", []Citation{{Jurisdiction: "RO", Article: "7", Paragraph: "2", Letter: "a"}}, []string{"art. 7 alin. (2) lit. a)"}},
		{"(Dz.U. z 2023 r. poz. 1234)", []Citation{{Jurisdiction: "PL", ActKey: "pl/du/2023/1234"}}, []string{"Dz.U. z 2023 r. poz. 1234"}},
		{"w Dz. U. Nr 39, poz. 223 bez roku", nil, nil},
		{"ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie (Dz. U. z 2023 r. poz. 571), zwana",
			[]Citation{{Jurisdiction: "PL", ActKey: "pl/du/2023/571", Kind: "ustawa", Date: "2003-04-24", Title: "o działalności pożytku publicznego i o wolontariacie"}},
			[]string{"ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie (Dz. U. z 2023 r. poz. 571)"}},
		{"zgodnie z art. 5 ust. 2 pkt 3 ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie.",
			[]Citation{{Jurisdiction: "PL", Kind: "ustawa", Date: "2003-04-24", Title: "o działalności pożytku publicznego i o wolontariacie", Article: "5", Paragraph: "2", Point: "3"}},
			[]string{"art. 5 ust. 2 pkt 3 ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie"}},
		{"o którym mowa w art. 5 ust. 2 pkt 3", []Citation{{Jurisdiction: "PL", Article: "5", Paragraph: "2", Point: "3"}}, []string{"art. 5 ust. 2 pkt 3"}},
		{"Legea nr. 52 (fără an) și legea din 2003", nil, nil},
		{"artistul nr. 5/2003", nil, nil},
	}
	for _, tc := range cases {
		got := Find(tc.text)
		if len(got) != len(tc.want) {
			t.Errorf("%q: %d citations %+v, want %d", tc.text, len(got), got, len(tc.want))
			continue
		}
		for i, c := range got {
			w := tc.want[i]
			w.Start, w.End = c.Start, c.End
			if c != w {
				t.Errorf("%q: got %+v, want %+v", tc.text, c, w)
			}
			if raw := tc.text[c.Start:c.End]; raw != tc.raw[i] {
				t.Errorf("%q: span %q, want %q", tc.text, raw, tc.raw[i])
			}
		}
	}
}

func TestUnitKey(t *testing.T) {
	c := Citation{Article: "7", Paragraph: "2", Letter: "a"}
	if c.UnitKey() != "art-7.par-2.let-a" {
		t.Fatal(c.UnitKey())
	}
	if (Citation{Article: "5", Paragraph: "2", Point: "3"}).UnitKey() != "art-5.par-2.pct-3" {
		t.Fatal("pl key")
	}
}

func TestSplitRebuildsText(t *testing.T) {
	text := "Conform art. 8 din Legea nr. 52/2003 și Dz.U. z 2023 r. poz. 1 — gata."
	var b strings.Builder
	links := 0
	for _, s := range Split(text, Find(text)) {
		b.WriteString(s.Text)
		if s.Citation != nil {
			links++
		}
	}
	if b.String() != text || links != 2 {
		t.Fatalf("split: %q, %d links", b.String(), links)
	}
}

// TestRealLawText runs the parser over the real acts of the shared data:
// Law 52/2003 cites other acts and its own articles.
func TestRealLawText(t *testing.T) {
	b, err := os.ReadFile("../../../shared/data/ro-laws/sample/law-doc-10.json")
	if err != nil {
		t.Fatal(err)
	}
	cits := Find(string(b))
	keys := map[string]bool{}
	for _, c := range cits {
		keys[c.ActKey] = true
	}
	// The decision cites Government Decision 977/2010 and Ordinance 7/2006.
	for _, k := range []string{"ro/hg/2010/977", "ro/og/2006/7"} {
		if !keys[k] {
			t.Errorf("citation %s not found among %v", k, keys)
		}
	}
}

func FuzzFind(f *testing.F) {
	for _, s := range []string{"art. 7 alin. (2) din Legea nr. 52/2003", "Dz.U. z 2023 r. poz. 1234",
		"ustawa z dnia 24 kwietnia 2003 r. o działalności (Dz. U. z 2023 r. poz. 571)", "O.U.G. nr. 57/2019", "art. 5 ust. 2 pkt 3 lit. a"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		cits := Find(s)
		end := 0
		for _, c := range cits {
			if c.Start < end || c.End <= c.Start || c.End > len(s) {
				t.Fatalf("bad span %d-%d after %d in %q", c.Start, c.End, end, s)
			}
			if utf8.ValidString(s) && !utf8.ValidString(s[c.Start:c.End]) {
				t.Fatalf("span cuts a character: %q", s[c.Start:c.End])
			}
			end = c.End
		}
		var b strings.Builder
		for _, seg := range Split(s, cits) {
			b.WriteString(seg.Text)
		}
		if b.String() != s {
			t.Fatalf("split lost text")
		}
	})
}
