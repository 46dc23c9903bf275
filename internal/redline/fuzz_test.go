package redline

import (
	"encoding/json"
	"os"
	"testing"
	"unicode/utf8"
)

// badInput returns every string of the shared bad-input set.
func badInput(t testing.TB) map[string][]string {
	t.Helper()
	raw, err := os.ReadFile("../../../shared/data/bad-input/payloads.json")
	if err != nil {
		t.Fatal(err)
	}
	var sets map[string][]string
	if err := json.Unmarshal(raw, &sets); err != nil {
		t.Fatal(err)
	}
	return sets
}

func FuzzDiff(f *testing.F) {
	f.Add("", "")
	f.Add("Art. 7 alin. (2) autorităţii", "Art. 8 alin. (3) autorității")
	f.Add("zażółć gęślą jaźń", "zażółć gęsią jaźń")
	f.Add("a\xffb", "a\xc3b")
	f.Add("s\u0326 \u0326", "\u200d👨\u200d")
	for _, set := range badInput(f) {
		for i := 1; i < len(set); i++ {
			f.Add(set[i-1], set[i])
		}
	}
	f.Fuzz(func(t *testing.T, old, new string) {
		segs := Diff(old, new)
		checkSegments(t, old, new, segs)
		h := string(HTMLWithLabels(segs, "deleted:", "inserted:"))
		if utf8.ValidString(old) && utf8.ValidString(new) && !utf8.ValidString(h) {
			t.Fatalf("HTML of Diff(%q, %q) is not valid UTF-8", old, new)
		}
	})
}
