package store_test

import (
	"context"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// lawDoc builds a small act: one chapter, two articles, the second cut
// into paragraphs, with cedilla text kept as written.
func lawDoc(key, title string) agora.ActDocument {
	p, _ := agora.ParseActKey(key)
	return agora.ActDocument{
		Act: agora.Act{Key: key, Jurisdiction: p.Jurisdiction, Kind: "lege", Number: p.Number, Year: p.Year, Title: title,
			AdoptedOn: "2003-01-21", Status: agora.ActInForce, SourceID: "law-doc-1", SourceURL: "https://example.ro/1"},
		Units: []agora.Unit{
			{Key: "cap-i", Kind: agora.UnitChapter, Number: "I", Heading: "Dispoziţii generale"},
			{Key: "art-1", ParentKey: "cap-i", Kind: agora.UnitArticle, Number: "1", Text: "Prezenta lege stabileşte regulile.", Depth: 1},
			{Key: "art-2", ParentKey: "cap-i", Kind: agora.UnitArticle, Number: "2", Depth: 1},
			{Key: "art-2.par-1", ParentKey: "art-2", Kind: agora.UnitParagraph, Number: "(1)", Text: "Primul alineat.", Depth: 2},
			{Key: "art-2.par-2", ParentKey: "art-2", Kind: agora.UnitParagraph, Number: "(2)", Text: "Al doilea alineat.", Depth: 2},
		},
	}
}

func TestImportLawIdempotentWithHistory(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	doc := lawDoc("ro/lege/2003/52", "LEGE nr. 52 din 21 ianuarie 2003")
	r, err := st.ImportLaw(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if r.Outcome != store.LawCreated || r.Version != 1 || r.ActID == "" || r.PrevStatus != "" {
		t.Fatalf("first import = %+v", r)
	}
	gen := st.Generation()
	again, err := st.ImportLaw(ctx, doc)
	if err != nil {
		t.Fatal(err)
	}
	if again.Outcome != store.LawUnchanged || again.ActID != r.ActID || again.Version != 1 {
		t.Fatalf("second import = %+v, want unchanged", again)
	}
	if st.Generation() != gen {
		t.Error("an unchanged import wrote")
	}
	// A twin copy from another URL is the same content.
	twin := lawDoc("ro/lege/2003/52", "LEGE nr. 52 din 21 ianuarie 2003")
	twin.Act.SourceID, twin.Act.SourceURL = "law-doc-2", "https://example.ro/2"
	if r, _ := st.ImportLaw(ctx, twin); r.Outcome != store.LawUnchanged {
		t.Errorf("twin import = %+v, want unchanged", r)
	}

	changed := lawDoc("ro/lege/2003/52", "LEGE nr. 52 din 21 ianuarie 2003 (*republicată*)")
	changed.Units[3].Text = "Primul alineat, modificat."
	changed.Act.Status = agora.ActRepealed
	up, err := st.ImportLaw(ctx, changed)
	if err != nil {
		t.Fatal(err)
	}
	if up.Outcome != store.LawUpdated || up.Version != 2 || up.PrevStatus != agora.ActInForce || up.Status != agora.ActRepealed {
		t.Fatalf("changed import = %+v", up)
	}
	a, err := st.Act(ctx, "ro/lege/2003/52")
	if err != nil {
		t.Fatal(err)
	}
	if a.ID != r.ActID || a.Version != 2 || a.Status != agora.ActRepealed || a.Title != changed.Act.Title || a.ContentHash != changed.ContentHash() {
		t.Errorf("act after update = %+v", a)
	}
	if !a.UpdatedAt.After(a.ImportedAt) && !a.UpdatedAt.Equal(a.ImportedAt) {
		t.Errorf("updated_at %v before imported_at %v", a.UpdatedAt, a.ImportedAt)
	}
	cur, _ := st.ActUnits(ctx, a.ID, 0)
	old, _ := st.ActUnits(ctx, a.ID, 1)
	if len(cur) != 5 || cur[3].Text != "Primul alineat, modificat." || old[3].Text != "Primul alineat." {
		t.Errorf("units: current %+v, old %+v", cur, old)
	}
	if old[1].Text != "Prezenta lege stabileşte regulile." || old[0].Heading != "Dispoziţii generale" {
		t.Errorf("cedilla text not kept: %+v", old[:2])
	}
	if _, err := st.ActUnits(ctx, a.ID, 3); agora.KindOf(err) != agora.NotFound {
		t.Errorf("ActUnits(version 3) error = %v, want NotFound", err)
	}
	vs, err := st.ActVersions(ctx, a.ID)
	if err != nil || len(vs) != 2 || vs[0].Version != 2 || vs[1].Status != agora.ActInForce || vs[0].Status != agora.ActRepealed {
		t.Fatalf("versions = %+v, %v", vs, err)
	}
	// The old content again is a version already seen: nothing changes.
	if r, _ := st.ImportLaw(ctx, doc); r.Outcome != store.LawUnchanged || r.Version != 2 {
		t.Errorf("re-import of version 1 = %+v, want unchanged at version 2", r)
	}
	// A record without text does not wipe the text.
	bare := lawDoc("ro/lege/2003/52", "LEGE 52 21/01/2003")
	bare.Units = nil
	if r, _ := st.ImportLaw(ctx, bare); r.Outcome != store.LawUnchanged || !r.MetadataOnly {
		t.Errorf("metadata-only import = %+v", r)
	}
}

func TestImportLawsBatch(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	a := lawDoc("ro/lege/2003/52", "A")
	b := lawDoc("ro/lege/2003/52", "A republicată")
	c := lawDoc("pl/du/2003/873", "Ustawa z dnia 24 kwietnia 2003 r.")
	c.Act.Kind = "ustawa"
	rs, err := st.ImportLaws(ctx, []agora.ActDocument{a, b, c, a})
	if err != nil {
		t.Fatal(err)
	}
	want := []store.LawOutcome{store.LawCreated, store.LawUpdated, store.LawCreated, store.LawUnchanged}
	for i, r := range rs {
		if r.Outcome != want[i] {
			t.Errorf("result %d = %+v, want %s", i, r, want[i])
		}
	}
	if rs[1].Version != 2 || rs[3].Version != 2 || rs[0].ActID != rs[1].ActID {
		t.Errorf("versions in one batch: %+v", rs)
	}
	bad := lawDoc("ro/lege/2003/52", "")
	if _, err := st.ImportLaws(ctx, []agora.ActDocument{c, bad}); agora.KindOf(err) != agora.Invalid {
		t.Errorf("invalid document error = %v, want Invalid", err)
	}
	wrong := lawDoc("ro/lege/2003/52", "x")
	wrong.Act.Jurisdiction = agora.PL
	if _, err := st.ImportLaw(ctx, wrong); agora.KindOf(err) != agora.Invalid {
		t.Errorf("jurisdiction differing from key: error = %v, want Invalid", err)
	}
}

func TestLawRelationsAndBacklinks(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	citing := lawDoc("ro/lege/2010/1", "LEGE nr. 1 din 2010")
	citing.Relations = []agora.ActRelation{
		{FromUnit: "art-2.par-1", ToActKey: "ro/lege/2003/52", ToUnit: "art-7.par-2", Kind: agora.RelationCites, Raw: "art. 7 alin. (2) din Legea nr. 52/2003"},
		{FromUnit: "art-1", ToActKey: "ro/lege/2003/52", Kind: agora.RelationAmends, Raw: "Legea nr. 52/2003"},
	}
	r, err := st.ImportLaw(ctx, citing)
	if err != nil {
		t.Fatal(err)
	}
	out, err := st.Relations(ctx, r.ActID, "art-2")
	if err != nil || len(out) != 1 || out[0].ToUnit != "art-7.par-2" || out[0].ActID != "" || out[0].ActKey != "ro/lege/2003/52" {
		t.Fatalf("Relations(art-2) = %+v, %v", out, err)
	}
	if all, _ := st.Relations(ctx, r.ActID, ""); len(all) != 2 {
		t.Errorf("Relations(act) = %+v", all)
	}
	cited, err := st.ImportLaw(ctx, lawDoc("ro/lege/2003/52", "LEGE nr. 52 din 21 ianuarie 2003"))
	if err != nil {
		t.Fatal(err)
	}
	if out, _ := st.Relations(ctx, r.ActID, "art-2"); len(out) != 1 || out[0].ActID != cited.ActID {
		t.Errorf("target not resolved once imported: %+v", out)
	}
	for unit, n := range map[string]int{"": 2, "art-7": 1, "art-7.par-2": 1, "art-70": 0, "art-1": 0} {
		bl, err := st.Backlinks(ctx, "ro/lege/2003/52", unit)
		if err != nil || len(bl) != n {
			t.Errorf("Backlinks(%q) = %+v, %v, want %d", unit, bl, err, n)
		}
		if n > 0 && (bl[0].ActID != r.ActID || bl[0].ActKey != "ro/lege/2010/1") {
			t.Errorf("Backlinks(%q) names %+v", unit, bl[0])
		}
	}
	// Re-linking citations leaves other kinds alone and makes no version.
	err = st.RecordRelations(ctx, r.ActID, []agora.RelationKind{agora.RelationCites}, []agora.ActRelation{
		{FromUnit: "art-1", ToActKey: "pl/du/2003/873", Kind: agora.RelationCites, Raw: "Dz.U. 2003 poz. 873"},
		{FromUnit: "art-1", ToActKey: "pl/du/2003/873", Kind: agora.RelationCites, Raw: "Dz.U. 2003 poz. 873"},
	})
	if err != nil {
		t.Fatal(err)
	}
	all, _ := st.Relations(ctx, r.ActID, "")
	// Ordered by unit, then target key: "pl/…" before "ro/…".
	if len(all) != 2 || all[0].ToActKey != "pl/du/2003/873" || all[0].Kind != agora.RelationCites || all[1].Kind != agora.RelationAmends {
		t.Errorf("after RecordRelations: %+v", all)
	}
	if a, _ := st.Act(ctx, r.ActID); a.Version != 1 {
		t.Errorf("RecordRelations made version %d", a.Version)
	}
	if err := st.RecordRelations(ctx, r.ActID, []agora.RelationKind{agora.RelationCites}, []agora.ActRelation{{ToActKey: "nope", Kind: agora.RelationCites}}); agora.KindOf(err) != agora.Invalid {
		t.Errorf("bad target error = %v", err)
	}
	if err := st.RecordRelations(ctx, "missing", nil, nil); agora.KindOf(err) != agora.NotFound {
		t.Errorf("unknown act error = %v", err)
	}
}

func TestListActs(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	var docs []agora.ActDocument
	for i := range 25 {
		d := lawDoc(agora.ActKeyRO("lege", 2000+i%5, string(rune('1'+i/5))+"0"), "LEGE")
		if i%3 == 0 {
			d.Act.Status = agora.ActRepealed
		}
		docs = append(docs, d)
	}
	if _, err := st.ImportLaws(ctx, docs); err != nil {
		t.Fatal(err)
	}
	var seen []agora.Act
	f := agora.ActFilter{Jurisdiction: agora.RO, Limit: 7}
	for {
		p, err := st.ListActs(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		seen = append(seen, p.Acts...)
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	if len(seen) != 25 {
		t.Fatalf("pages gave %d acts, want 25", len(seen))
	}
	for i := 1; i < len(seen); i++ {
		a, b := seen[i-1], seen[i]
		if a.Year < b.Year || a.Year == b.Year && a.Key >= b.Key {
			t.Errorf("order broken at %d: %s then %s", i, a.Key, b.Key)
		}
	}
	p, _ := st.ListActs(ctx, agora.ActFilter{Year: 2001, Status: agora.ActRepealed})
	for _, a := range p.Acts {
		if a.Year != 2001 || a.Status != agora.ActRepealed {
			t.Errorf("filter let %+v through", a)
		}
	}
	if len(p.Acts) == 0 {
		t.Error("filter found nothing")
	}
	if _, err := st.ListActs(ctx, agora.ActFilter{Cursor: "garbage"}); agora.KindOf(err) != agora.Invalid {
		t.Errorf("bad cursor error = %v", err)
	}
	if _, err := st.ActByKey(ctx, "ro/lege/1999/1"); agora.KindOf(err) != agora.NotFound {
		t.Errorf("missing act error = %v", err)
	}
	if err := st.SetActDomains(ctx, p.Acts[0].ID, []string{"no-such-domain"}); agora.KindOf(err) != agora.Invalid {
		t.Errorf("unknown domain error = %v", err)
	}
}
