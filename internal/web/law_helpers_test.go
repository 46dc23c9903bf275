package web

import (
	"context"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/importer"
)

const (
	lawROSample = "../../../shared/data/ro-laws/sample"
	lawPLSample = "../../../shared/data/pl-laws/sample"
)

// lawEnv is an API test server holding the real sample acts, imported
// through the importer as `agora import laws` does, and one act written
// for the tests that cites Law 52/2003 and carries hostile text.
type lawEnv struct {
	*apiEnv
	law52, pozytek, citing agora.Act
}

func newLawEnv(t *testing.T) *lawEnv {
	t.Helper()
	e := &lawEnv{apiEnv: newAPIEnv(t)}
	ctx := context.Background()
	rd := importer.LawReader{Format: importer.LawAnsvarJSON}
	var docs []agora.ActDocument
	if err := rd.Read(ctx, []string{lawROSample, lawPLSample}, func(_ string, d importer.LawDoc) error {
		docs = append(docs, d)
		return nil
	}, func(p importer.LawProblem) { t.Logf("sample skipped: %s", p) }); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.ImportLaws(ctx, docs); err != nil {
		t.Fatal(err)
	}
	xss := badInput(t)["xss"]
	doc := agora.ActDocument{
		Act: agora.Act{Key: "ro/lege/2024/1", Jurisdiction: agora.RO, Kind: "lege", Number: "1", Year: 2024, AdoptedOn: "2024-01-10",
			Title: "LEGE nr. 1 din 10 ianuarie 2024 " + xss[0], Issuer: xss[1], PublicationRef: xss[3], Status: agora.ActInForce,
			SourceURL: "javascript:alert(1)"},
		Units: []agora.Unit{
			{Key: "cap-i", Kind: agora.UnitChapter, Number: "I", Heading: "Dispoziţii " + xss[2]},
			{Key: "art-1", ParentKey: "cap-i", Kind: agora.UnitArticle, Number: "1", Depth: 1,
				Text: "Potrivit art. 7 alin. (2) din Legea nr. 52/2003 şi Legii nr. 544/2001, se aplică art. 2."},
			{Key: "art-2", ParentKey: "cap-i", Kind: agora.UnitArticle, Number: "2", Depth: 1, Text: strings.Join(xss, " ")},
		},
	}
	r, err := e.st.ImportLaw(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if _, _, err := e.st.RecordAllCitations(ctx); err != nil {
		t.Fatal(err)
	}
	for _, x := range []struct {
		dst *agora.Act
		key string
	}{{&e.law52, "ro/lege/2003/52"}, {&e.pozytek, "pl/du/2003/873"}, {&e.citing, r.ActKey}} {
		if *x.dst, err = e.st.ActByKey(ctx, x.key); err != nil {
			t.Fatal(err)
		}
	}
	return e
}
