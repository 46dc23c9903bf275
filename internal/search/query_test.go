package search

import (
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

func TestParse(t *testing.T) {
	cs, err := Parse(`transparență "consultare publică" dizab* -abrogat -"monitorul oficial"`)
	if err != nil {
		t.Fatal(err)
	}
	want := []Clause{{Text: "transparență"}, {Text: "consultare publică", Phrase: true}, {Text: "dizab", Prefix: true},
		{Text: "abrogat", Not: true}, {Text: "monitorul oficial", Phrase: true, Not: true}}
	if len(cs) != len(want) {
		t.Fatalf("Parse = %+v, want %+v", cs, want)
	}
	for i := range want {
		if cs[i] != want[i] {
			t.Errorf("clause %d = %+v, want %+v", i, cs[i], want[i])
		}
	}
}

func TestParseErrors(t *testing.T) {
	for _, tt := range []struct{ q, key string }{
		{`"unclosed phrase`, "search.error.unclosed_quote"},
		{strings.Repeat("a", MaxQueryBytes+1), "search.error.too_long"},
		{strings.Repeat("ab ", MaxClauses+1), "search.error.too_many_terms"},
		{"\xff\xfe", "search.error.invalid_text"},
	} {
		_, err := Parse(tt.q)
		e := agora.AsError(err)
		if err == nil || e.Kind != agora.Invalid || e.Key != tt.key || e.Field != "q" {
			t.Errorf("Parse(%.20q) = %v, want Invalid %s", tt.q, err, tt.key)
		}
	}
	for _, tt := range []struct{ q, key string }{
		{"-abrogat", "search.error.only_exclusions"},
		{"și de la", "search.error.no_terms"},
		{"a*", "search.error.prefix_too_short"},
	} {
		_, err := Compile(Query{Text: tt.q})
		if e := agora.AsError(err); err == nil || e.Key != tt.key {
			t.Errorf("Compile(%q) = %v, want %s", tt.q, err, tt.key)
		}
	}
}

func TestCompileRenderings(t *testing.T) {
	for _, tt := range []struct {
		q           Query
		fts, tsq    string
		description string
	}{
		{Query{Text: "dizabilități", Jurisdictions: []string{"RO"}}, `("dizabil")`, `('dizabil')`, "word"},
		{Query{Text: "Legea 52/2003", Jurisdictions: []string{"RO"}}, `("leg" AND "52 2003")`, `('leg' & ('52' <-> '2003'))`, "number pair as phrase"},
		{Query{Text: `"transparență decizională" -abrogat`, Jurisdictions: []string{"RO"}}, `("transparent decizional") NOT "abrog"`, `(('transparent' <-> 'decizional')) & !'abrog'`, "phrase and exclusion"},
		{Query{Text: "organizacja*", Jurisdictions: []string{"PL"}}, `("organizacj" *)`, `('organizacj':*)`, "prefix"},
		{Query{Text: "fundacja wolontariusz", Mode: Natural, Jurisdictions: []string{"PL"}}, `("fundacj" OR "wolontariusz")`, `('fundacj' | 'wolontariusz')`, "natural"},
		{Query{Text: "organizatii"}, `(("organiz" OR "organizati"))`, `(('organiz' | 'organizati'))`, "both languages"},
	} {
		p, err := Compile(tt.q)
		if err != nil {
			t.Fatalf("%s: %v", tt.description, err)
		}
		if got := p.FTS5(); got != tt.fts {
			t.Errorf("%s: FTS5 = %s, want %s", tt.description, got, tt.fts)
		}
		if got := p.TSQuery(); got != tt.tsq {
			t.Errorf("%s: TSQuery = %s, want %s", tt.description, got, tt.tsq)
		}
	}
}

func TestLangs(t *testing.T) {
	if l := Langs(Query{Text: "organizații"}); len(l) != 1 || l[0] != Romanian {
		t.Errorf("Langs(organizații) = %v", l)
	}
	if l := Langs(Query{Text: "organizacją"}); len(l) != 1 || l[0] != Polish {
		t.Errorf("Langs(organizacją) = %v", l)
	}
	if l := Langs(Query{Text: "fundatie", Jurisdictions: []string{"PL"}}); len(l) != 1 || l[0] != Polish {
		t.Errorf("Langs with PL filter = %v", l)
	}
	if l := Langs(Query{Text: "fundatie"}); len(l) != 2 {
		t.Errorf("Langs(fundatie) = %v, want both", l)
	}
}

func TestNormalize(t *testing.T) {
	q, err := Query{Jurisdictions: []string{" ro"}}.Normalize()
	if err != nil || q.Jurisdictions[0] != "RO" || q.Limit != DefaultLimit {
		t.Errorf("Normalize = %+v, %v", q, err)
	}
	for _, bad := range []Query{
		{Jurisdictions: []string{"DE"}}, {Statuses: []string{"x"}}, {YearFrom: 2010, YearTo: 2000},
		{Limit: MaxLimit + 1}, {Offset: -1}, {Offset: MaxOffset + 1}, {Mode: 9},
	} {
		if _, err := bad.Normalize(); agora.KindOf(err) != agora.Invalid {
			t.Errorf("Normalize(%+v) = %v, want Invalid", bad, err)
		}
	}
}

func TestSnippet(t *testing.T) {
	text := "Art. 1. Prezenta lege stabilește regulile. " + strings.Repeat("Alte cuvinte fără legătură. ", 20) +
		"Organizaţiile persoanelor cu dizabilităţi sunt consultate.\n\nFinal."
	p, err := Compile(Query{Text: "organizatii dizabilitati", Jurisdictions: []string{"RO"}})
	if err != nil {
		t.Fatal(err)
	}
	sn := MakeSnippet(text, Romanian, p.Matcher())
	var hits []string
	for _, part := range sn.Parts {
		if part.Hit {
			hits = append(hits, part.Text)
		}
	}
	if strings.Join(hits, "|") != "Organizaţiile|dizabilităţi" {
		t.Errorf("hits = %q in %q", hits, sn.String())
	}
	if !sn.Before || sn.After || strings.Contains(sn.String(), "\n") {
		t.Errorf("snippet %+v: want cut before, not after, no line breaks", sn)
	}
	if !strings.Contains(text, strings.TrimSuffix(sn.String(), " Final.")) {
		t.Errorf("snippet %q is not from the original text", sn.String())
	}
}

func FuzzCompile(f *testing.F) {
	for _, s := range []string{`"a b" c* -d`, `-"x`, `""`, `--a`, `a**`, `"*"`, `52/2003 "art. 7 alin. (2)"`, `- - -`, `ş* ţ*`, "\"\xff\""} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		for _, q := range []Query{{Text: s}, {Text: s, Mode: Natural, Jurisdictions: []string{"PL"}}} {
			p, err := Compile(q)
			if err != nil {
				if e := agora.AsError(err); e.Kind != agora.Invalid || e.Field != "q" {
					t.Fatalf("Compile(%q) = %v, want an Invalid error on q", s, err)
				}
				continue
			}
			if p.Empty() && strings.TrimSpace(s) != "" && hasWord(s) {
				continue // only quotes, punctuation or stop words around a word-less clause
			}
			for _, r := range []string{p.FTS5(), p.TSQuery()} {
				if strings.Count(r, "(") != strings.Count(r, ")") {
					t.Fatalf("unbalanced %q for %q", r, s)
				}
			}
			if strings.ContainsAny(strings.ReplaceAll(strings.ReplaceAll(p.TSQuery(), "'", ""), ":*", ""), `"\;`) {
				t.Fatalf("tsquery %q has stray characters", p.TSQuery())
			}
		}
	})
}
