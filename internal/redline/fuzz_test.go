package redline

import (
	"encoding/json"
	"os"
	"slices"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/agora-civic/agora"
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

// fuzzUnits reads units from lines "key|parent|text"; a line without a key
// gets one from its position. Keys may repeat and parents may be missing
// or form cycles: MatchUnits must cope.
func fuzzUnits(s string) []agora.Unit {
	var us []agora.Unit
	for n, line := range strings.Split(s, "\n") {
		parts := strings.SplitN(line, "|", 3)
		u := agora.Unit{Key: "u" + strconv.Itoa(n), Kind: agora.UnitArticle}
		switch len(parts) {
		case 3:
			u.Key, u.ParentKey, u.Text = parts[0], parts[1], parts[2]
		case 2:
			u.Key, u.Text = parts[0], parts[1]
		default:
			u.Text = line
		}
		u.Depth = strings.Count(u.Key, ".")
		if u.Depth > 0 {
			u.Kind = agora.UnitParagraph
		}
		us = append(us, u)
	}
	return us
}

func formatUnits(us []agora.Unit) string {
	var b strings.Builder
	for _, u := range us {
		b.WriteString(u.Key + "|" + u.ParentKey + "|" + strings.ReplaceAll(u.Text, "\n", " ") + "\n")
	}
	return b.String()
}

func FuzzMatch(f *testing.F) {
	arts := loadLaw(f, legea52)
	f.Add(formatUnits(units(arts)), formatUnits(units(slices.Insert(slices.Clone(arts), 7, article{text: "Art nou."}))))
	f.Add(formatUnits(units(arts[:6])), formatUnits(units(slices.Delete(slices.Clone(arts[:6]), 2, 3))))
	f.Add("a|b|x y z\nb|a|x y z\na|b|dup", "a||x y z\nb|a|x y z w")
	f.Add("art-1||Autorităţile\nart-1.par-1|art-1|unu doi trei", "art-2||Autoritățile\nart-2.par-1|art-2|unu doi trei")
	f.Add("", "|||")
	f.Fuzz(func(t *testing.T, prev, next string) {
		pu, nu := fuzzUnits(prev), fuzzUnits(next)
		checkMatches(t, pu, nu, MatchUnits(pu, nu))
	})
}
