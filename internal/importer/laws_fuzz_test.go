package importer

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// FuzzParseActTitle seeds from the real titles of both index files. A
// parsed title must give a valid kind, a real date in its year and a
// number that makes a valid act key.
func FuzzParseActTitle(f *testing.F) {
	for _, dir := range []string{roLaws, plLaws} {
		if file, err := os.Open(dir + "/index.tsv"); err == nil {
			sc := bufio.NewScanner(file)
			for i := 0; sc.Scan() && i < 300; i++ {
				if parts := strings.Split(sc.Text(), "\t"); len(parts) > 2 {
					f.Add(dir == plLaws, parts[2])
				}
			}
			file.Close()
		}
	}
	f.Add(false, "HOTĂRÂRE nr. 1.326 din 23 decembrie 2010")
	f.Add(true, "Ustawa z dnia 29 lutego 2001 r.")
	f.Fuzz(func(t *testing.T, pl bool, title string) {
		j := agora.RO
		if pl {
			j = agora.PL
		}
		got := ParseActTitle(j, title)
		if !agora.ValidLawKind(j, got.Kind) {
			t.Fatalf("kind %q not in the vocabulary of %s", got.Kind, j)
		}
		if got.Date != "" && isoOnly(got.Date) != got.Date {
			t.Fatalf("date %q is not a calendar date", got.Date)
		}
		if got.Number != "" && got.Year > 0 && j == agora.RO && got.Kind != "other" {
			key := agora.ActKeyRO(got.Kind, got.Year, got.Number)
			if _, err := agora.ParseActKey(key); err != nil {
				t.Fatalf("title %q gives bad key %q", title, key)
			}
		}
	})
}

// FuzzDecodeAnsvarLaw feeds arbitrary bytes, seeded with real files. A
// decoded document must have a valid key, units with unique keys whose
// parents come before them, and no text that was not in the input.
func FuzzDecodeAnsvarLaw(f *testing.F) {
	for _, p := range []string{roLaws + "/sample/law-doc-53330.json", roLaws + "/sample/law-doc-214775.json", plLaws + "/sample/pl-du-1935-130.json"} {
		if data, err := os.ReadFile(p); err == nil && len(data) < 64<<10 {
			f.Add(data)
		}
	}
	f.Add([]byte(`{"id":"pl-du-2003-873","title":"Ustawa z dnia 24 kwietnia 2003 r.","provisions":[{"provision_ref":"art1","title":"Art. 1","content":"1. A. 2. B."}]}`))
	f.Add([]byte(`{"id":"law-doc-1","title":"LEGE nr. 1 din 1 mai 2000","provisions":[{"provision_ref":"Art.1^1","chapter":"Titlul I | Capitolul 2 - X","title":"Articolul 1^1","content":"(1) A. (2) B."}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		d, err := DecodeAnsvarLaw(data, nil)
		if err != nil {
			return
		}
		if _, err := agora.ParseActKey(d.Act.Key); err != nil {
			t.Fatalf("bad key %q", d.Act.Key)
		}
		seen := map[string]bool{}
		for _, u := range d.Units {
			if seen[u.Key] {
				t.Fatalf("key %q twice", u.Key)
			}
			if u.ParentKey != "" && !seen[u.ParentKey] {
				t.Fatalf("unit %q before its parent %q", u.Key, u.ParentKey)
			}
			seen[u.Key] = true
			if !utf8.ValidString(u.Text) {
				t.Fatalf("invalid UTF-8 in %q", u.Key)
			}
		}
	})
}
