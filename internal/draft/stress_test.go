package draft

import (
	"math/rand"
	"strings"
	"testing"
)

// TestFormatRoundTripRandom holds the round trip on long texts made of
// marker-like pieces, which the fuzzer, working on short inputs, reaches
// rarely.
func TestFormatRoundTripRandom(t *testing.T) {
	r := rand.New(rand.NewSource(2))
	pieces := []string{"Art. 1", "\n", "(1)", " ", "a)", "1.", "1)", "§ 1.", "CAPITOLUL I", "ANEXA", "Foo", "bar.", "#", "**", "- ", "– ",
		"[x]", "\r", "\uFEFF", "ş", "Rozdział 1", "ust. 2", "^1", "¹", ":", "Articol unic", "\n\n\n", "Abrogat", "Secțiunea a 2-a", "DZIAŁ II"}
	for range 60 {
		var b strings.Builder
		for j := r.Intn(5000); j >= 0; j-- {
			b.WriteString(pieces[r.Intn(len(pieces))])
		}
		for _, c := range []string{CountryRO, CountryPL} {
			units, err := ParseText(strings.NewReader(b.String()), Options{Country: c})
			if err != nil {
				continue
			}
			if err := checkUnits(units); err != nil {
				t.Fatal(err)
			}
			if err := roundTrip(t, units, c); err != nil {
				t.Fatalf("%s: %v", c, err)
			}
		}
	}
}
