package draft

import (
	"errors"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

// roundTrip checks the promise of Format: parsing its output with the same
// country gives back the units.
func roundTrip(t testing.TB, units []agora.Unit, country string) error {
	text := Format(units, country)
	again, err := ParseText(strings.NewReader(text), Options{Country: country})
	if err != nil {
		return err
	}
	if err := sameUnits(units, again); err != nil {
		return errors.New(err.Error() + "\nformatted:\n" + text)
	}
	return nil
}

func TestFormatRoundTripSamples(t *testing.T) {
	for name, country := range map[string]string{
		"testdata/ro_lege_52_2003.txt":        CountryRO,
		"testdata/pl_ustawa_pozytek_art5.txt": CountryPL,
	} {
		units := parse(t, string(readFile(t, name)), Options{})
		if err := roundTrip(t, units, country); err != nil {
			t.Errorf("%s: %v", name, err)
		}
	}
}

func TestFormatShape(t *testing.T) {
	units := parse(t, "Proiect\nCAPITOLUL I Dispoziții\nArt. 1 Obiect\n(1) Text:\na) unu;\n– liniuță.\nANEXĂ", Options{})
	want := "Proiect\n\nCAPITOLUL I\nDispoziții\n\nArt. 1 Obiect\n(1) Text:\na) unu;\n– liniuță.\n\nANEXA\n"
	if got := Format(units, CountryRO); got != want {
		t.Errorf("Format ro =\n%s\nwant\n%s", got, want)
	}
	pl := parse(t, "DZIAŁ I\nArt. 1. 1. Ustawa:\n1) reguluje,\na) zasady.\n§ 2. Inne.", Options{Country: CountryPL})
	wantPL := "DZIAŁ I\n\nArt. 1.\n1. Ustawa:\n1) reguluje,\na) zasady.\n§ 2. Inne.\n"
	if got := Format(pl, CountryPL); got != wantPL {
		t.Errorf("Format pl =\n%s\nwant\n%s", got, wantPL)
	}
}

// Units from elsewhere (Akoma Ntoso) may lack numbers or carry other
// punctuation; Format numbers and dresses them so they parse.
func TestFormatForeignUnits(t *testing.T) {
	units := []agora.Unit{
		{Key: "art-1", Kind: agora.UnitArticle, Number: "1"},
		{Key: "art-1.par", ParentKey: "art-1", Kind: agora.UnitParagraph, Depth: 1, Text: "Unnumbered."},
		{Key: "art-1.par~2", ParentKey: "art-1", Kind: agora.UnitParagraph, Depth: 1, Text: "Second."},
		{Key: "art-1.par~2.let-a", ParentKey: "art-1.par~2", Kind: agora.UnitLetter, Number: "(a)", Depth: 2, Text: "letter"},
		{Key: "art-1.par~2.pct-1", ParentKey: "art-1.par~2", Kind: agora.UnitPoint, Number: "1.", Depth: 2, Text: "point"},
	}
	got := Format(units, CountryRO)
	want := "Art. 1\n(1) Unnumbered.\n(2) Second.\na) letter\n1. point\n"
	if got != want {
		t.Errorf("Format =\n%s\nwant\n%s", got, want)
	}
	gotPL := Format(units, CountryPL)
	wantPL := "Art. 1.\n1. Unnumbered.\n2. Second.\na) letter\n1) point\n"
	if gotPL != wantPL {
		t.Errorf("Format pl =\n%s\nwant\n%s", gotPL, wantPL)
	}
}

func FuzzFormatRoundTrip(f *testing.F) {
	seedText(f)
	f.Fuzz(func(t *testing.T, src string, pl bool) {
		country := CountryRO
		if pl {
			country = CountryPL
		}
		units, err := ParseText(strings.NewReader(src), Options{Country: country})
		if err != nil {
			return
		}
		if err := roundTrip(t, units, country); err != nil {
			t.Fatalf("input %q:\n%v", src, err)
		}
	})
}
