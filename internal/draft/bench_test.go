package draft

import (
	"fmt"
	"strings"
	"testing"
)

// draft300 builds a Romanian draft of 300 articles in 10 chapters, each
// article with three paragraphs and three letters: about 3,000 units.
func draft300() string {
	var b strings.Builder
	b.WriteString("LEGE\nprivind consultarea publică\n\nParlamentul României adoptă prezenta lege.\n\n")
	for a := 1; a <= 300; a++ {
		if a%30 == 1 {
			fmt.Fprintf(&b, "CAPITOLUL %d\nDispoziții privind partea %d\n\n", a/30+1, a/30+1)
		}
		fmt.Fprintf(&b, "Articolul %d\n", a)
		for p := 1; p <= 3; p++ {
			fmt.Fprintf(&b, "(%d) Autoritățile publice prevăzute la art. %d asigură transparența decizională în condițiile legii:\n", p, a)
			for _, l := range "abc" {
				fmt.Fprintf(&b, "%c) organizarea ședințelor publice și publicarea minutelor pe pagina de internet;\n", l)
			}
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func BenchmarkParseText300Articles(b *testing.B) {
	src := draft300()
	b.SetBytes(int64(len(src)))
	var n int
	for b.Loop() {
		units, err := ParseText(strings.NewReader(src), Options{})
		if err != nil {
			b.Fatal(err)
		}
		n = len(units)
	}
	b.ReportMetric(float64(n), "units")
}

func BenchmarkFormat300Articles(b *testing.B) {
	units, err := ParseText(strings.NewReader(draft300()), Options{})
	if err != nil {
		b.Fatal(err)
	}
	for b.Loop() {
		Format(units, CountryRO)
	}
}

func TestDraft300RoundTrip(t *testing.T) {
	units := parse(t, draft300(), Options{})
	if got := countKinds(units)["article"]; got != 300 {
		t.Fatalf("%d articles", got)
	}
	if err := roundTrip(t, units, CountryRO); err != nil {
		t.Fatal(err)
	}
}
