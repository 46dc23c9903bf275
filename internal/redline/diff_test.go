package redline

import (
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"
)

// show writes a redline the way git --word-diff does, for readable tests.
func show(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		switch s.Op {
		case Equal:
			b.WriteString(s.Text)
		case Delete:
			b.WriteString("[-" + s.Text + "-]")
		case Insert:
			b.WriteString("{+" + s.Text + "+}")
		}
	}
	return b.String()
}

// checkSegments fails t unless segs is a well-formed redline of old → new.
func checkSegments(t testing.TB, old, new string, segs []Segment) {
	t.Helper()
	var o, n strings.Builder
	for i, s := range segs {
		if s.Text == "" {
			t.Fatalf("Diff(%q, %q): segment %d is empty", old, new, i)
		}
		if i > 0 && segs[i-1].Op == s.Op {
			t.Fatalf("Diff(%q, %q): segments %d and %d are both %v", old, new, i-1, i, s.Op)
		}
		if i > 0 && segs[i-1].Op == Insert && s.Op == Delete {
			t.Fatalf("Diff(%q, %q): insertion before deletion at %d", old, new, i)
		}
		if s.Op != Insert {
			o.WriteString(s.Text)
		}
		if s.Op != Delete {
			n.WriteString(s.Text)
		}
		if utf8.ValidString(old) && utf8.ValidString(new) && !utf8.ValidString(s.Text) {
			t.Fatalf("Diff(%q, %q): segment %d %q is not valid UTF-8", old, new, i, s.Text)
		}
	}
	if o.String() != old {
		t.Fatalf("Diff(%q, %q): Equal+Delete = %q", old, new, o.String())
	}
	if n.String() != new {
		t.Fatalf("Diff(%q, %q): Equal+Insert = %q", old, new, n.String())
	}
}

func TestDiff(t *testing.T) {
	for _, tt := range []struct{ old, new, want string }{
		{"", "", ""},
		{"same text", "same text", "same text"},
		{"", "new", "{+new+}"},
		{"old", "", "[-old-]"},
		{"a c", "a b c", "a {+b +}c"},
		{"The cat sat on the mat.", "The dog sat on the mat.", "The [-cat-]{+dog+} sat on the mat."},
		{"Termenul este de 10 zile calendaristice.", "Termenul este de 30 de zile lucrătoare.",
			"Termenul este de [-10-]{+30 de+} zile [-calendaristice-]{+lucrătoare+}."},
		// Cedilla and comma-below letters are different characters: the
		// redline shows the correction.
		{"pe pagina de internet a autorităţii.", "pe pagina de internet a autorității.",
			"pe pagina de internet a [-autorităţii-]{+autorității+}."},
		{"Şcoala şi ţara", "Școala și țara", "[-Şcoala şi ţara-]{+Școala și țara+}"},
		{"Łódź, dnia 5 maja", "Łódź, dnia 15 maja", "Łódź, dnia [-5-]{+15+} maja"},
		{"zażółć gęślą jaźń", "zażółć gęsią jaźń", "zażółć [-gęślą-]{+gęsią+} jaźń"},
		// A decomposed letter is one token with its combining mark.
		{"s\u0326i", "s\u0327i", "[-s\u0326i-]{+s\u0327i+}"},
		{"a\xffb c", "a\xfeb c", "a[-\xff-]{+\xfe+}b c"},
		{"line one\r\nline two", "line one\nline two", "line one[-\r\n-]{+\n+}line two"},
	} {
		segs := Diff(tt.old, tt.new)
		checkSegments(t, tt.old, tt.new, segs)
		if got := show(segs); got != tt.want {
			t.Errorf("Diff(%q, %q) = %q, want %q", tt.old, tt.new, got, tt.want)
		}
	}
}

// A rewritten alineat must read as one deletion and one insertion, while
// the untouched alineate stay equal and a one-word change stays one word.
func TestDiffRomanianArticleRewritten(t *testing.T) {
	old := "Art. 7. – (1) Autoritățile administrației publice au obligația să publice un anunț referitor la această acțiune în site-ul propriu.\n" +
		"(2) Anunțul referitor la elaborarea unui proiect de act normativ va fi adus la cunoștința publicului cu cel puțin 30 de zile înainte de supunerea spre avizare.\n" +
		"(3) Anunțul va cuprinde data-limită și modalitatea de transmitere a propunerilor."
	new := "Art. 7. – (1) Autoritățile administrației publice au obligația să publice un anunț referitor la această acțiune în site-ul propriu.\n" +
		"(2) Proiectul de act normativ se transmite spre analiză și avizare autorităților publice interesate numai după definitivare, pe baza observațiilor primite.\n" +
		"(3) Anunțul va cuprinde data-limită și modul de transmitere a propunerilor."
	segs := Diff(old, new)
	checkSegments(t, old, new, segs)
	want := "Art. 7. – (1) Autoritățile administrației publice au obligația să publice un anunț referitor la această acțiune în site-ul propriu.\n" +
		"(2) [-Anunțul referitor la elaborarea unui proiect de act normativ va fi adus la cunoștința publicului cu cel puțin 30 de zile înainte de supunerea spre avizare-]" +
		"{+Proiectul de act normativ se transmite spre analiză și avizare autorităților publice interesate numai după definitivare, pe baza observațiilor primite+}.\n" +
		"(3) Anunțul va cuprinde data-limită și [-modalitatea-]{+modul+} de transmitere a propunerilor."
	if got := show(segs); got != want {
		t.Errorf("Diff() =\n%s\nwant\n%s", got, want)
	}
}

func TestDiffPolishArticleExtended(t *testing.T) {
	old := "1. Organ administracji publicznej prowadzi działalność w sferze zadań publicznych. 2. Współpraca odbywa się na zasadach pomocniczości."
	new := "1. Organ administracji publicznej prowadzi działalność w sferze zadań publicznych we współpracy z organizacjami pozarządowymi. 2. Współpraca ta odbywa się na zasadach pomocniczości, suwerenności stron i partnerstwa."
	want := "1. Organ administracji publicznej prowadzi działalność w sferze zadań publicznych{+ we współpracy z organizacjami pozarządowymi+}. 2. Współpraca {+ta +}odbywa się na zasadach pomocniczości{+, suwerenności stron i partnerstwa+}."
	segs := Diff(old, new)
	checkSegments(t, old, new, segs)
	if got := show(segs); got != want {
		t.Errorf("Diff() =\n%s\nwant\n%s", got, want)
	}
}

// Texts with nothing in common beyond the cost cap still give a correct,
// if coarse, redline.
func TestDiffLargeUnrelated(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	words := func(n int) string {
		var b strings.Builder
		for range n {
			b.WriteString(string(rune('a'+r.IntN(26))) + string(rune('a'+r.IntN(26))) + " ")
		}
		return b.String()
	}
	old, new := words(6000), words(6000)
	checkSegments(t, old, new, Diff(old, new))
}

// The Myers search must find a shortest edit script; compare its cost with
// a dynamic-programming LCS on small random token sequences.
func TestMyersMinimal(t *testing.T) {
	r := rand.New(rand.NewPCG(7, 9))
	for n := range 20000 {
		// Alternate similar sizes with lopsided ones, where a search that
		// strays off the edit grid would show.
		na, nb := r.IntN(12), r.IntN(12)
		if n%2 == 1 {
			na, nb = r.IntN(40), r.IntN(5)
		}
		alphabet := 1 + r.IntN(4)
		a, b := make([]int32, na), make([]int32, nb)
		for i := range a {
			a[i] = int32(r.IntN(alphabet))
		}
		for i := range b {
			b[i] = int32(r.IntN(alphabet))
		}
		if n%4 == 1 {
			a, b = b, a
		}
		d := differ{a: a, b: b}
		d.diff(0, len(a), 0, len(b))
		cost, i, j := 0, 0, 0
		for _, run := range d.runs {
			switch run.op {
			case Equal:
				for k := range run.n {
					if a[i+k] != b[j+k] {
						t.Fatalf("diff(%v, %v): runs %v match %d≠%d", a, b, d.runs, a[i+k], b[j+k])
					}
				}
				i, j = i+run.n, j+run.n
			case Delete:
				i, cost = i+run.n, cost+run.n
			case Insert:
				j, cost = j+run.n, cost+run.n
			}
		}
		if i != len(a) || j != len(b) {
			t.Fatalf("diff(%v, %v): runs %v cover %d,%d", a, b, d.runs, i, j)
		}
		if want := len(a) + len(b) - 2*lcs(a, b); cost != want {
			t.Fatalf("diff(%v, %v): cost %d, want %d (runs %v)", a, b, cost, want, d.runs)
		}
	}
}

func lcs(a, b []int32) int {
	prev, cur := make([]int, len(b)+1), make([]int, len(b)+1)
	for i := range a {
		for j := range b {
			if a[i] == b[j] {
				cur[j+1] = prev[j] + 1
			} else {
				cur[j+1] = max(prev[j+1], cur[j])
			}
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

func BenchmarkDiffParagraph(b *testing.B) {
	old := strings.Repeat("Autoritățile administrației publice au obligația să publice un anunț referitor la această acțiune. ", 10)
	new := strings.Replace(old, "obligația", "datoria", 3) + " Anunțul va cuprinde data-limită."
	for b.Loop() {
		Diff(old, new)
	}
}
