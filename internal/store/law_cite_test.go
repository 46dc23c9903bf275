package store_test

import (
	"context"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/cite"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// importSamples imports the real sample acts through the importer, as
// `agora import laws` does.
func importSamples(t *testing.T, st *store.Store, dirs ...string) {
	t.Helper()
	ctx := context.Background()
	var docs []agora.ActDocument
	r := importer.LawReader{Format: importer.LawAnsvarJSON}
	err := r.Read(ctx, dirs, func(_ string, d importer.LawDoc) error {
		docs = append(docs, d)
		return nil
	}, func(p importer.LawProblem) { t.Logf("sample skipped: %s", p) })
	if err != nil {
		t.Fatal(err)
	}
	if len(docs) == 0 {
		t.Fatal("no sample acts read")
	}
	for _, d := range docs {
		if _, err := st.ImportLaw(ctx, d); err != nil {
			t.Fatalf("import %s: %v", d.Act.Key, err)
		}
	}
}

const (
	roSample = "../../../shared/data/ro-laws/sample"
	plSample = "../../../shared/data/pl-laws/sample"
)

func TestResolveCitations(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	importSamples(t, st, roSample, plSample)
	law52, err := st.ActByKey(ctx, "ro/lege/2003/52")
	if err != nil {
		t.Fatal(err)
	}
	pozytek, err := st.ActByKey(ctx, "pl/du/2003/873")
	if err != nil {
		t.Fatal(err)
	}
	text := "Potrivit art. 7 alin. (2) din Legea nr. 52/2003 și Legii nr. 544/2001, precum și art. 4 alin. (9) din Legea nr. 52/2003; " +
		"ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie; " +
		"ustawy z dnia 14 stycznia 1937 r. o dodatkowych kredytach na rok 1936/1937; art. 2 și art. 999."
	cits := cite.Find(text)
	got, err := st.ResolveCitations(ctx, cits, law52.ID)
	if err != nil {
		t.Fatal(err)
	}
	want := map[string]store.CitationTarget{
		"art. 7 alin. (2) din Legea nr. 52/2003": {ActID: law52.ID, UnitKey: "art-7.par-2"},
		"Legii nr. 544/2001":                     {}, // not imported
		// Article 4 has no paragraph 9: the anchor falls back to the article.
		"art. 4 alin. (9) din Legea nr. 52/2003":                                                 {ActID: law52.ID, UnitKey: "art-4"},
		"ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie": {ActID: pozytek.ID},
		// Two acts of that date share the title: ambiguous, so no link.
		"ustawy z dnia 14 stycznia 1937 r. o dodatkowych kredytach na rok 1936/1937": {},
		"art. 2":   {ActID: law52.ID, UnitKey: "art-2", Relative: true},
		"art. 999": {},
	}
	seen := 0
	for i, c := range cits {
		raw := text[c.Start:c.End]
		w, ok := want[raw]
		if !ok {
			t.Errorf("unexpected citation %q", raw)
			continue
		}
		seen++
		g := got[i]
		if g.ActID != w.ActID || g.UnitKey != w.UnitKey || g.Relative != w.Relative {
			t.Errorf("ResolveCitations(%q) = %+v, want %+v", raw, g, w)
		}
		if g.Resolved() && g.ActKey == "" {
			t.Errorf("ResolveCitations(%q) has no act key", raw)
		}
	}
	if seen != len(want) {
		t.Errorf("found %d of %d citations in %q", seen, len(want), text)
	}
	// Without an act being read, a relative citation leads nowhere.
	rel := cite.Find("art. 2")
	if got, err := st.ResolveCitations(ctx, rel, ""); err != nil || got[0].Resolved() {
		t.Errorf("relative without self = %+v, %v", got, err)
	}
}

func TestRecordCitationsBacklinks(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	importSamples(t, st, roSample, plSample)
	doc := agora.ActDocument{
		Act: agora.Act{Key: "ro/lege/2024/1", Jurisdiction: agora.RO, Kind: "lege", Number: "1", Year: 2024,
			Title: "LEGE nr. 1 din 2024 pentru modificarea Legii nr. 52/2003", Status: agora.ActInForce},
		Units: []agora.Unit{
			{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Text: "La art. 7 alin. (2) din Legea nr. 52/2003 se modifică. Vezi şi art. 2."},
			{Key: "art-2", Kind: agora.UnitArticle, Number: "2", Text: "Legea nr. 52/2003 şi Legea nr. 1/2024 se republică."},
		},
	}
	r, err := st.ImportLaw(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	n, err := st.RecordCitations(ctx, r.ActID)
	if err != nil {
		t.Fatal(err)
	}
	// Two of Law 52/2003; the relative "art. 2" and the act itself are left out.
	if n != 2 {
		t.Errorf("RecordCitations = %d relations, want 2", n)
	}
	links, err := st.Backlinks(ctx, "ro/lege/2003/52", "art-7")
	if err != nil {
		t.Fatal(err)
	}
	if len(links) != 1 || links[0].ActID != r.ActID || links[0].FromUnit != "art-1" || links[0].ToUnit != "art-7.par-2" ||
		links[0].Raw != "art. 7 alin. (2) din Legea nr. 52/2003" {
		t.Errorf("backlinks of art-7 = %+v", links)
	}
	if _, err := st.RecordCitations(ctx, "nope"); agora.KindOf(err) != agora.NotFound {
		t.Errorf("RecordCitations(unknown) = %v, want NotFound", err)
	}

	acts, rels, err := st.RecordAllCitations(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if acts < 40 || rels < 10 {
		t.Errorf("RecordAllCitations = %d acts, %d relations", acts, rels)
	}
	// The Polish act of 2011 cites the 2003 act by date and title only.
	back, err := st.Backlinks(ctx, "pl/du/2003/873", "")
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, l := range back {
		if l.ActKey == "pl/du/2011/1244" {
			found = true
		}
	}
	if !found {
		t.Errorf("backlinks of pl/du/2003/873 = %+v, want one from pl/du/2011/1244", back)
	}
	// Running it again changes nothing.
	_, rels2, err := st.RecordAllCitations(ctx)
	if err != nil || rels2 != rels {
		t.Errorf("second RecordAllCitations = %d, %v; want %d", rels2, err, rels)
	}
}
