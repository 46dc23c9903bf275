package search

import "testing"

func TestTSVector(t *testing.T) {
	title := Analyze("Legea transparența", Romanian)
	body := Analyze("Legea și transparența legii", Romanian)
	got := TSVector(title, body)
	// Title terms at 1…n weighted A; body terms after a gap of one.
	if want := "'leg':1A,4,6 'transparent':2A,5"; got != want {
		t.Errorf("TSVector = %q, want %q", got, want)
	}
	if Join(body) != "leg transparent leg" {
		t.Errorf("Join = %q", Join(body))
	}
}
