package agora

import "testing"

func TestUnitKeyPart(t *testing.T) {
	for in, want := range map[string]string{"7": "art-7", "1^1": "art-1-1", "1¹": "art-1-1", "11": "art-11", "12a": "art-12a", "": "art"} {
		if got := UnitKeyPart(UnitArticle, in); got != want {
			t.Errorf("UnitKeyPart(%q) = %q, want %q", in, got, want)
		}
	}
	if got := UnitKeyPart(UnitParagraph, "(2)"); got != "par-2" {
		t.Errorf("paragraph: %q", got)
	}
}
