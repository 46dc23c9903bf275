package store

import (
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/search"
)

func TestSavedSearchMatchesText(t *testing.T) {
	docs := []string{"Legea transparenței\nAutoritățile publică proiectele de acte normative.", "Legea transparenţei\nŞedinţele sunt publice."}
	for _, tt := range []struct {
		q    string
		want bool
	}{
		{"q=proiect", true},              // stemmed: proiectele
		{"q=sedintele", true},            // folded cedilla letters
		{"q=%22acte+normative%22", true}, // phrase
		{"q=%22normative+acte%22", false},
		{"q=autorit*", true},           // prefix
		{"q=proiect+sedintele", false}, // both words, but in two articles
		{"q=legea+-sedintele", true},   // the first article has no "sedintele"
		{"q=publice+-legea", false},    // every document has the title
	} {
		ss, err := ParseSavedSearch(tt.q)
		if err != nil {
			t.Fatalf("%s: %v", tt.q, err)
		}
		if got := ss.matchesText(search.Romanian, docs); got != tt.want {
			t.Errorf("%s matches = %v, want %v", tt.q, got, tt.want)
		}
	}
	act := agora.Act{Key: "pl/du/2003/873", Jurisdiction: agora.PL, Kind: "ustawa", Year: 2003, Status: agora.ActInForce}
	for _, tt := range []struct {
		q    string
		want bool
	}{
		{"jurisdiction=pl", true}, {"jurisdiction=RO", false}, {"kind=du", true}, {"kind=ustawa", true}, {"kind=lege", false},
		{"status=repealed", false}, {"year_from=2004", false}, {"year_to=2003", true}, {"domain=mediu", false}, {"domain=social", true},
	} {
		ss, err := ParseSavedSearch(tt.q)
		if err != nil {
			t.Fatalf("%s: %v", tt.q, err)
		}
		if got := ss.matchesMeta(act, []string{"social"}); got != tt.want {
			t.Errorf("%s meta = %v, want %v", tt.q, got, tt.want)
		}
	}
}

// FuzzSavedSearch: parsing never panics, a parsed search re-encodes to a
// fixed point, and matching any text never panics.
func FuzzSavedSearch(f *testing.F) {
	f.Add("q=transparen%C8%9Ba&jurisdiction=RO", "Legea transparenţei decizionale")
	f.Add("q=%22dialog+social%22+-abrogat*&status=in_force&year_from=1990&year_to=2024", "Dialogul social")
	f.Add("q=%ff%fe", "x")
	f.Add("q=\"", "")
	f.Fuzz(func(t *testing.T, raw, text string) {
		ss, err := ParseSavedSearch(raw)
		if err != nil {
			return
		}
		again, err := ParseSavedSearch(ss.Encode())
		if err != nil || again.Encode() != ss.Encode() {
			t.Fatalf("%q → %q → %q (%v)", raw, ss.Encode(), again.Encode(), err)
		}
		ss.matchesText(search.Polish, []string{text})
		ss.matchesMeta(agora.Act{Key: "ro/lege/2003/52", Jurisdiction: agora.RO}, nil)
	})
}
