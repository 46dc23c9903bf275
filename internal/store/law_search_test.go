package store

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/search"
)

func searchKeys(t *testing.T, s *Store, q search.Query) []string {
	t.Helper()
	res, err := s.SearchLaws(context.Background(), q)
	if err != nil {
		t.Fatalf("SearchLaws(%+v): %v", q, err)
	}
	var keys []string
	for _, h := range res.Hits {
		keys = append(keys, h.ActKey+"#"+h.UnitKey)
	}
	if q.Sort != search.ByDate {
		slices.Sort(keys)
	}
	return keys
}

func TestSearchLawsDiacriticVariants(t *testing.T) {
	s := searchFixture(t)
	want := []string{"ro/hg/2016/1#art-1", "ro/lege/2003/52#art-1", "ro/oug/2020/7#art-3"}
	for _, q := range []string{"organizațiile dizabilități", "organizaţiile dizabilităţi", "organizatiile dizabilitati",
		"ORGANIZAȚIILE Dizabilități", "organizație dizabilitate", "organizatii persoane dizabilitate", "dizab*"} {
		if got := searchKeys(t, s, search.Query{Text: q}); !slices.Equal(got, want) {
			t.Errorf("%q found %v, want %v", q, got, want)
		}
	}
}

func TestSearchLawsPolishInflection(t *testing.T) {
	s := searchFixture(t)
	all := []string{"pl/du/2003/873#art-1", "pl/du/2003/873#art-20", "pl/du/2003/873#art-42"}
	for _, q := range []string{"organizacja pozarządowa", "organizacji pozarzadowych", "ORGANIZACJE", "organizacj*"} {
		if got := searchKeys(t, s, search.Query{Text: q, Jurisdictions: []string{"PL"}}); !slices.Equal(got, all) {
			t.Errorf("%q found %v, want %v", q, got, all)
		}
	}
	if got := searchKeys(t, s, search.Query{Text: "wolontariusza"}); !slices.Equal(got, []string{"pl/du/2003/873#art-42"}) {
		t.Errorf("wolontariusza found %v", got)
	}
}

func TestSearchLawsPhraseAndExclusion(t *testing.T) {
	s := searchFixture(t)
	// The phrase is in the act's title, so both of its articles match;
	// the OUG has both words but not side by side.
	want := []string{"ro/lege/2003/52#art-1", "ro/lege/2003/52#art-2"}
	for _, q := range []string{`"transparența decizională"`, `"transparenta decizionala"`, `"transparenţa decizională"`} {
		if got := searchKeys(t, s, search.Query{Text: q}); !slices.Equal(got, want) {
			t.Errorf("%s found %v, want %v", q, got, want)
		}
	}
	if got := searchKeys(t, s, search.Query{Text: `"decizională transparența"`}); len(got) != 0 {
		t.Errorf("reversed phrase found %v", got)
	}
	if got := searchKeys(t, s, search.Query{Text: `"consultarea publica" "pagina de internet"`}); !slices.Equal(got, []string{"ro/lege/2003/52#art-2"}) {
		t.Errorf("phrases across paragraphs found %v", got)
	}
	if got := searchKeys(t, s, search.Query{Text: `dizabilitati -finanțare`}); !slices.Equal(got, []string{"ro/lege/2003/52#art-1", "ro/oug/2020/7#art-3"}) {
		t.Errorf("exclusion found %v", got)
	}
	if got := searchKeys(t, s, search.Query{Text: "Legea 52/2003"}); len(got) != 0 {
		t.Errorf("52/2003 is not in any text but found %v", got)
	}
	if got := searchKeys(t, s, search.Query{Text: "nr. 52 2003"}); len(got) != 2 {
		t.Errorf("number words found %v", got)
	}
}

func TestSearchLawsFiltersAndFacets(t *testing.T) {
	s := searchFixture(t)
	ctx := context.Background()
	q := search.Query{Text: "dizabilitati"}
	res, err := s.SearchLaws(ctx, q)
	if err != nil {
		t.Fatal(err)
	}
	if res.Total != 3 || res.Facets.Partial {
		t.Errorf("Total = %d (partial %v), want 3", res.Total, res.Facets.Partial)
	}
	facet := func(fc []FacetCount) string {
		var parts []string
		for _, f := range fc {
			parts = append(parts, f.Value+"="+strings.Repeat("|", f.Count))
		}
		return strings.Join(parts, " ")
	}
	for name, tt := range map[string]struct{ got, want string }{
		"jurisdiction": {facet(res.Facets.Jurisdiction), "RO=|||"},
		"kind":         {facet(res.Facets.Kind), "hg=| lege=| oug=|"},
		"year":         {facet(res.Facets.Year), "2020=| 2016=| 2003=|"},
		"status":       {facet(res.Facets.Status), "amended=| in_force=| repealed=|"},
		"domain":       {facet(res.Facets.Domain), "civic=|| social=|"},
	} {
		if tt.got != tt.want {
			t.Errorf("facet %s = %q, want %q", name, tt.got, tt.want)
		}
	}
	for _, tt := range []struct {
		q    search.Query
		want []string
	}{
		{search.Query{Text: "dizabilitati", Kinds: []string{"hg", "oug"}}, []string{"ro/hg/2016/1#art-1", "ro/oug/2020/7#art-3"}},
		{search.Query{Text: "dizabilitati", YearFrom: 2010, YearTo: 2018}, []string{"ro/hg/2016/1#art-1"}},
		{search.Query{Text: "dizabilitati", Statuses: []string{"repealed"}}, []string{"ro/oug/2020/7#art-3"}},
		{search.Query{Text: "dizabilitati", Domains: []string{"civic"}}, []string{"ro/hg/2016/1#art-1", "ro/lege/2003/52#art-1"}},
		{search.Query{Text: "dizabilitati", Jurisdictions: []string{"PL"}}, nil},
		{search.Query{Jurisdictions: []string{"RO"}, YearFrom: 2016, Sort: search.ByDate}, []string{"ro/oug/2020/7#art-3", "ro/hg/2016/1#art-1"}},
		{search.Query{Text: "dizabilitati", Sort: search.ByDate, Limit: 2, Offset: 1}, []string{"ro/hg/2016/1#art-1", "ro/lege/2003/52#art-1"}},
	} {
		if got := searchKeys(t, s, tt.q); !slices.Equal(got, tt.want) {
			t.Errorf("%+v found %v, want %v", tt.q, got, tt.want)
		}
	}
}

func TestSearchLawsSnippetAndHit(t *testing.T) {
	s := searchFixture(t)
	res, err := s.SearchLaws(context.Background(), search.Query{Text: "organizatii dizabilitati", Kinds: []string{"lege"}})
	if err != nil || len(res.Hits) != 1 {
		t.Fatalf("SearchLaws = %+v, %v", res, err)
	}
	h := res.Hits[0]
	if h.ActID != "a-cedilla" || h.ArticleLabel != "art. 1" || h.Jurisdiction != "RO" || h.Year != 2003 || h.Status != "in_force" ||
		!strings.HasPrefix(h.Title, "LEGE nr. 52") || h.Score <= 0 {
		t.Errorf("hit = %+v", h)
	}
	var marked []string
	for _, p := range h.Snippet.Parts {
		if p.Hit {
			marked = append(marked, p.Text)
		}
	}
	// The snippet keeps the document's own (cedilla) spelling.
	if strings.Join(marked, "|") != "Organizaţiile|dizabilităţi" || h.Snippet.String() != "Organizaţiile persoanelor cu dizabilităţi sunt consultate de autorităţi." {
		t.Errorf("snippet = %+v", h.Snippet)
	}
}

func TestSearchLawsRanking(t *testing.T) {
	s := openForInternalTest(t)
	writeTestAct(t, s, testAct{ID: "r1", Key: "ro/lege/2001/1", Jurisdiction: "RO", Kind: "lege", Year: 2001, Status: "in_force",
		Title: "LEGE nr. 1 privind voluntariatul", Units: art("1", "Dispoziții generale despre activitate.")}, 1)
	writeTestAct(t, s, testAct{ID: "r2", Key: "ro/lege/2001/2", Jurisdiction: "RO", Kind: "lege", Year: 2001, Status: "in_force",
		Title: "LEGE nr. 2", Units: art("1", "Alte dispoziții despre impozite, taxe și voluntariat în general, pe lângă multe alte subiecte ale legii.")}, 1)
	writeTestAct(t, s, testAct{ID: "r3", Key: "ro/lege/2001/3", Jurisdiction: "RO", Kind: "lege", Year: 2001, Status: "in_force",
		Title: "LEGE nr. 3", Units: art("1", "Texte fără legătură.")}, 1)
	res, err := s.SearchLaws(context.Background(), search.Query{Text: "voluntariat"})
	if err != nil || len(res.Hits) != 2 {
		t.Fatalf("SearchLaws = %+v, %v", res, err)
	}
	if res.Hits[0].ActID != "r1" || res.Hits[0].Score < res.Hits[1].Score {
		t.Errorf("a title match should rank first: %+v", res.Hits)
	}
	res, err = s.SearchLaws(context.Background(), search.Query{Text: "voluntariat impozite ceva", Mode: search.Natural})
	if err != nil || len(res.Hits) != 2 || res.Hits[0].ActID != "r2" {
		t.Errorf("natural mode: the article with more query words should rank first: %+v, %v", res.Hits, err)
	}
}

func TestIndexLawActReplacesDocs(t *testing.T) {
	s := searchFixture(t)
	a := testAct{ID: "a-comma", Title: "HOTĂRÂRE nr. 1 din 6 ianuarie 2016 (republicată)",
		Units: concat(art("1", "Asociațiile și fundațiile primesc finanțare."), art("2", "Alt text."))}
	writeTestAct(t, s, a, 2)
	if got := searchKeys(t, s, search.Query{Text: "dizabilitati", Kinds: []string{"hg"}}); len(got) != 0 {
		t.Errorf("old version still found: %v", got)
	}
	if got := searchKeys(t, s, search.Query{Text: "republicata"}); !slices.Equal(got, []string{"ro/hg/2016/1#art-1", "ro/hg/2016/1#art-2"}) {
		t.Errorf("new version found %v", got)
	}
}

func TestSearchLawsInvalid(t *testing.T) {
	s := searchFixture(t)
	for _, q := range []search.Query{{Text: `"open`}, {Text: "-only"}, {Jurisdictions: []string{"XX"}}, {Limit: 1000}} {
		if _, err := s.SearchLaws(context.Background(), q); agora.KindOf(err) != agora.Invalid {
			t.Errorf("SearchLaws(%+v) = %v, want Invalid", q, err)
		}
	}
}

func TestIndexLawActsTwice(t *testing.T) {
	s := searchFixture(t)
	ctx := context.Background()
	count := func() (n int) {
		if err := s.writer.QueryRowContext(ctx, `SELECT COUNT(*) FROM law_search_docs WHERE act_id = 'a-pl'`).Scan(&n); err != nil {
			t.Fatal(err)
		}
		return n
	}
	before := count()
	err := s.write(ctx, func(tx *Tx) error { return indexLawActs(ctx, tx, []string{"a-pl", "a-comma", "a-pl"}) })
	if err != nil {
		t.Fatal(err)
	}
	if after := count(); after != before || after != 3 {
		t.Errorf("%d documents after indexing an act twice in one batch, %d before, want 3", after, before)
	}
	res, err := s.SearchLaws(ctx, search.Query{Text: "wolontariusz"})
	if err != nil || res.Total != 1 {
		t.Errorf("search after re-indexing: %d hits, %v", res.Total, err)
	}
}
