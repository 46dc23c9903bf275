package search

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

func TestTermDiacriticVariants(t *testing.T) {
	for _, tt := range []struct {
		lang  Lang
		words []string
	}{
		{Romanian, []string{"dizabilități", "dizabilităţi", "dizabilitati", "DIZABILITĂȚI", "dizabilitate", "dizabilitățile", "dizabilitatilor"}},
		{Romanian, []string{"organizație", "organizaţie", "organizatie", "organizații", "organizațiile", "organizaţiilor"}},
		{Romanian, []string{"transparență", "transparenţă", "transparenta"}},
		{Romanian, []string{"legea", "lege", "legii", "legile", "legilor"}},
		{Romanian, []string{"persoană", "persoane", "persoanele", "persoanelor"}},
		{Polish, []string{"organizacja", "organizacji", "organizację", "organizacją", "organizacjami", "organizacjach", "ORGANIZACJI"}},
		{Polish, []string{"ustawa", "ustawy", "ustawie", "ustawę", "ustaw"}},
		{Polish, []string{"wolontariusz", "wolontariusza", "wolontariuszowi", "wolontariuszem"}},
		{Polish, []string{"Łódź", "lodz", "ŁÓDŹ"}},
	} {
		want := Term(tt.words[0], tt.lang)
		for _, w := range tt.words[1:] {
			if got := Term(w, tt.lang); got != want {
				t.Errorf("Term(%q) = %q, want %q (as %q)", w, got, want, tt.words[0])
			}
		}
	}
}

func TestAnalyzeOffsetsAndNumbers(t *testing.T) {
	text := "Legea nr. 52/2003 privind transparența"
	toks := Analyze(text, Romanian)
	var got []string
	for i, tk := range toks {
		got = append(got, tk.Term)
		if tk.Pos != i {
			t.Errorf("token %d has Pos %d", i, tk.Pos)
		}
		if agora.Fold(text[tk.Start:tk.End]) == "" {
			t.Errorf("token %q has empty range", tk.Term)
		}
	}
	if want := "leg nr 52 2003 priv transparent"; strings.Join(got, " ") != want {
		t.Errorf("Analyze = %q, want %q", strings.Join(got, " "), want)
	}
}

func TestStopWords(t *testing.T) {
	if Term("și", Romanian) != "" || Term("şi", Romanian) != "" || Term("się", Polish) != "" {
		t.Error("stop words are kept")
	}
	if Term("și", Polish) == "" && Term("si", Polish) == "" {
		t.Log("si is a stop word in Polish too")
	}
}

func TestSafeTermsAreASCII(t *testing.T) {
	for _, w := range []string{"Ωmega", "закон", "中文", "x²", "٣"} {
		term := Term(w, Romanian)
		for i := 0; i < len(term); i++ {
			if c := term[i]; !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9') {
				t.Errorf("Term(%q) = %q has byte %q", w, term, c)
			}
		}
	}
}

func FuzzAnalyze(f *testing.F) {
	for _, s := range []string{"Legea nr. 52/2003", "organizacji pożytku publicznego", "ş ţ ș ț", "\u0301a\u0301", "ﬁ ß İ", "x\u00a0y", strings.Repeat("a", 500)} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, lang := range []Lang{Romanian, Polish} {
			prev := -1
			for _, tk := range Analyze(s, lang) {
				if tk.Start < 0 || tk.End > len(s) || tk.Start >= tk.End || tk.Start < prev {
					t.Fatalf("bad range %d..%d in %q", tk.Start, tk.End, s)
				}
				prev = tk.End
				if tk.Term == "" || len(tk.Term) > maxWord || strings.ContainsAny(tk.Term, " '\"") {
					t.Fatalf("bad term %q", tk.Term)
				}
				if utf8.ValidString(s) && Term(s[tk.Start:tk.End], lang) != tk.Term {
					t.Fatalf("Term(%q) != %q", s[tk.Start:tk.End], tk.Term)
				}
			}
		}
	})
}

func FuzzFold(f *testing.F) {
	for _, s := range []string{"ŞşȘșŢţȚț", "Łódź", "ÅÆØ", "ß", "İı", "ǅ", "a\u0301"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if !utf8.ValidString(s) {
			return
		}
		if got, want := fold(s), agora.Fold(s); got != want {
			t.Fatalf("fold(%q) = %q, agora.Fold = %q", s, got, want)
		}
	})
}

// FuzzAnalyzer checks the memo never changes what Analyze gives, even
// when one Analyzer sees many texts in both languages.
func FuzzAnalyzer(f *testing.F) {
	f.Add("Legea nr. 52/2003 privind transparența decizională", "organizacji pożytku publicznego")
	f.Add("ş ș ţ ț Ţara", "ŁÓDŹ łódź")
	a := NewAnalyzer()
	f.Fuzz(func(t *testing.T, ro, pl string) {
		for _, c := range []struct {
			text string
			lang Lang
		}{{ro, Romanian}, {pl, Polish}, {pl, Romanian}, {ro, Polish}} {
			want, got := Analyze(c.text, c.lang), a.Analyze(c.text, c.lang)
			if len(want) != len(got) {
				t.Fatalf("%q: %d tokens with the memo, %d without", c.text, len(got), len(want))
			}
			for i := range want {
				if want[i] != got[i] {
					t.Fatalf("%q: token %d is %+v with the memo, %+v without", c.text, i, got[i], want[i])
				}
			}
		}
	})
}
