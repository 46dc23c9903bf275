package draft

import (
	"errors"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

var textErrorKeys = map[string]bool{
	KeyInvalidUTF8: true, KeyControlChar: true, KeyEmpty: true, KeyTooLarge: true, KeyTooDeep: true,
	KeyTooManyUnits: true, KeyNumbering: true,
}

func seedText(f *testing.F) {
	for _, name := range []string{"testdata/ro_lege_52_2003.txt", "testdata/pl_ustawa_pozytek_art5.txt"} {
		b := readFile(f, name)
		f.Add(string(b), strings.HasPrefix(name, "testdata/pl"))
		f.Add(string(b[:len(b)/3]), false)
	}
	for _, s := range []string{
		"Art. 5 Definiții\n(1) Termenii:\na) act;", "Art. 5. [Definicje]\n1. Ilekroć:\n1) organ;",
		"Articolul 3\nIntrarea în vigoare\nText.", "Art. 3\nAbrogat", "# T\n## Art. 1\n### H\n- a\n* b",
		"§ 1. x\n§ 2. 1. y", "Art. 148. § 1. Kto\n§ 2. Kto", "ANEXA nr. 1\nNorme\nArt. 1\nx",
		"CAPITOLUL I\n1. Foo\nArt. 1 **Foo**\nbar", "Art. 1 [x]\n: y", "Secțiunea a 2-a\nArt. 1^1\n(1^1) z",
		"Art. 1\n\uFEFFx\r\ny\rz",
	} {
		f.Add(s, false)
		f.Add(s, true)
	}
}

func FuzzParseText(f *testing.F) {
	seedText(f)
	f.Fuzz(func(t *testing.T, src string, pl bool) {
		opts := Options{Limits: Limits{MaxUnits: 2000}}
		if pl {
			opts.Country = CountryPL
		}
		units, err := ParseText(strings.NewReader(src), opts)
		if err != nil {
			var e *agora.Error
			if !errors.As(err, &e) || e.Kind != agora.Invalid || !textErrorKeys[e.Key] {
				t.Fatalf("error %v", err)
			}
			return
		}
		if err := checkUnits(units); err != nil {
			t.Fatalf("%v\n%s", err, dump(units))
		}
		for _, u := range units {
			if u.Kind == agora.UnitPreamble && u.Key != "pre" {
				t.Fatalf("preamble keyed %q", u.Key)
			}
			if strings.ContainsRune(u.Text+u.Heading+u.Number, '\r') {
				t.Fatalf("carriage return kept in %+v", u)
			}
		}
	})
}
