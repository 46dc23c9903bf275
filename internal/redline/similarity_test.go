package redline

import (
	"testing"

	"github.com/agora-civic/agora"
)

// Streaming the fold letter by letter must give the hash of the folded word.
func TestProfileFoldsLikeFold(t *testing.T) {
	pr := newProfiler()
	for _, w := range []string{"Autorităţile", "AUTORITĂȚILE", "Łódź", "Straße", "s\u0326i", "ÅNGSTRÖM", "Iași", "123abc"} {
		p := merge(pr.profile(w), nil)
		if want := hashString(agora.Fold(w)); len(p.words) != 1 || p.words[0] != want {
			t.Errorf("profile(%q).words = %x, want [%x] (hash of %q)", w, p.words, want, agora.Fold(w))
		}
	}
}

func TestSimilarity(t *testing.T) {
	pr := newProfiler()
	for _, tt := range []struct {
		a, b     string
		min, max float64
	}{
		{"", "", 1, 1},
		{"Autorităţile publice", "AUTORITĂȚILE  publice.", 1, 1},
		{"Łódź i Kraków", "Lodz i Krakow", 1, 1},
		{"unu doi trei", "patru cinci", 0, 0},
		{"unu doi trei patru", "patru trei doi unu", 0.5, 0.6}, // the same words, no pair in order
		{"Termenul este de 10 zile calendaristice.", "Termenul este de 30 de zile lucrătoare.", 0.3, 0.6},
	} {
		if got := similarity(merge(pr.profile(tt.a), nil), merge(pr.profile(tt.b), nil)); got < tt.min || got > tt.max {
			t.Errorf("similarity(%q, %q) = %.3f, want in [%.2f, %.2f]", tt.a, tt.b, got, tt.min, tt.max)
		}
	}
}
