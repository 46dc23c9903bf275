package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/redline"
	"github.com/agora-civic/agora/internal/store"
)

// matchUnits is what the web layer passes to NewConsultationVersion.
func matchUnits(prev, next []agora.Unit) []store.UnitMatch {
	ms := redline.MatchUnits(prev, next)
	out := make([]store.UnitMatch, len(ms))
	for i, m := range ms {
		out[i] = store.UnitMatch{OldKey: m.OldKey, NewKey: m.NewKey, Status: string(m.Status)}
	}
	return out
}

// version2 inserts a new article 1, so the old articles 1 and 2 become 2
// and 3, edits the letter and drops article 1's second paragraph.
func version2() []agora.Unit {
	return []agora.Unit{
		{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Heading: "Definiții", Text: "În sensul prezentei hotărâri, termenii au următoarele înțelesuri."},
		{Key: "art-2", Kind: agora.UnitArticle, Number: "2", Heading: "Obiect", Text: "Prezenta hotărâre stabilește procedura."},
		{Key: "art-2.par-1", ParentKey: "art-2", Kind: agora.UnitParagraph, Number: "(1)", Text: "Consultarea se face public.", Depth: 1},
		{Key: "art-3", Kind: agora.UnitArticle, Number: "3", Text: "Hotărârea intră în vigoare la data publicării."},
	}
}

func TestNewConsultationVersionCarriesComments(t *testing.T) {
	ctx := context.Background()
	f := newAnswerFixture(t)
	off := f.a.Officer.ID
	// A whole-draft comment stays on the whole draft.
	whole, _, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: f.p2.ID, Input: agora.CommentInput{Body: "Per ansamblu, bine."}})
	if err != nil {
		t.Fatal(err)
	}
	onPar1, _, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: f.p2.ID,
		Input: agora.CommentInput{UnitKey: "art-1.par-1", Body: "Public și online."}})
	if err != nil {
		t.Fatal(err)
	}
	// Version 2 is allowed after the deadline.
	f.advance(11 * 24 * time.Hour)
	before, _ := f.st.Consultation(ctx, f.c.ID)
	c, err := f.st.NewConsultationVersion(ctx, off, f.c.ID, store.NewVersion{Note: "Am adăugat definițiile.", Format: "text", Units: version2(), Match: matchUnits})
	if err != nil {
		t.Fatal(err)
	}
	if c.Version != 2 || c.Revision <= before.Revision {
		t.Fatalf("consultation after version 2: version %d revision %d→%d", c.Version, before.Revision, c.Revision)
	}
	byID := map[string]agora.Comment{}
	all, err := f.st.Comments(ctx, store.CommentFilter{ConsultationID: f.c.ID})
	if err != nil {
		t.Fatal(err)
	}
	for _, cm := range all {
		byID[cm.ID] = cm
	}
	for _, tt := range []struct {
		id, key, carry string
	}{
		{f.comments[0].ID, "", store.CarryVanished}, // art-1.par-2 is gone
		{f.comments[1].ID, "", store.CarryVanished},
		{f.comments[2].ID, "art-3", store.CarryRenumbered},
		{onPar1.ID, "art-2.par-1", store.CarryRenumbered},
		{whole.ID, "", ""},
	} {
		got := byID[tt.id]
		if got.CurrentKey != tt.key || got.Carry != tt.carry || got.Version != 1 {
			t.Errorf("comment %q carried to %q (%q), want %q (%q)", got.Body, got.CurrentKey, got.Carry, tt.key, tt.carry)
		}
	}
	units, err := f.st.ConsultationUnits(ctx, f.c.ID, 2)
	if err != nil || len(units) != 4 {
		t.Fatalf("units of version 2: %v %d", err, len(units))
	}
	counts := map[string]int{}
	for _, u := range units {
		counts[u.Key] = u.CommentCount
	}
	if units[0].Carry != store.CarryAdded || units[1].PrevKey != "art-1" || counts["art-3"] != 1 || counts["art-2.par-1"] != 1 || counts["art-1"] != 0 {
		t.Fatalf("version 2 units: %+v", units)
	}
	// The renumbered article's changes page shows the old one beside it.
	_, ch, err := f.st.UnitChanges(ctx, f.c.ID, "art-3", 0)
	if err != nil || ch.Unit == nil || ch.Prev == nil || ch.Prev.Key != "art-2" || len(ch.Comments) != 1 || ch.Comments[0].ID != f.comments[2].ID {
		t.Fatalf("changes of art-3: %v %+v", err, ch)
	}
	// The vanished paragraph still has a page, with the comments lost with it.
	_, ch, err = f.st.UnitChanges(ctx, f.c.ID, "art-1.par-2", 2)
	if err != nil || ch.Unit != nil || ch.Prev == nil || len(ch.Comments) != 2 {
		t.Fatalf("changes of the vanished paragraph: %v %+v", err, ch)
	}
	if _, _, err := f.st.UnitChanges(ctx, f.c.ID, "art-9", 0); agora.KindOf(err) != agora.NotFound {
		t.Fatalf("unknown unit: %v", err)
	}
	// Version 3 keeps the text: carries stay as they were.
	if _, err := f.st.NewConsultationVersion(ctx, off, f.c.ID, store.NewVersion{Units: version2(), Match: matchUnits}); err != nil {
		t.Fatal(err)
	}
	got, _ := f.st.Comment(ctx, f.comments[2].ID)
	if got.CurrentKey != "art-3" || got.Carry != store.CarryRenumbered {
		t.Fatalf("after an unchanged version 3: %q %q", got.CurrentKey, got.Carry)
	}
	vs, err := f.st.ConsultationVersions(ctx, f.c.ID)
	if err != nil || len(vs) != 3 || vs[1].Note != "Am adăugat definițiile." {
		t.Fatalf("versions: %v %+v", err, vs)
	}
	if !hasEvent(t, f.st, store.EventVersion) {
		t.Fatal("no new_version event")
	}
	// New comments go to the current version.
	late, _, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: off, Officer: true,
		Input: agora.CommentInput{UnitKey: "art-1", Body: "Scrisoare.", Source: agora.SourcePost, AuthorName: "Asociația Alfa"}})
	if err != nil || late.Version != 3 {
		t.Fatalf("comment on version 3: %v %+v", err, late)
	}
}

func TestNewVersionRefusedForDraft(t *testing.T) {
	ctx := context.Background()
	f := newAnswerFixture(t)
	d, err := f.st.CreateConsultation(ctx, f.a.Officer.ID, f.a.Org.ID, agora.ConsultationInput{Title: "Proiect în lucru", ActKind: "ordin"},
		version2(), "text")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.NewConsultationVersion(ctx, f.a.Officer.ID, d.ID, store.NewVersion{Units: version2(), Match: matchUnits}); errKey(err) != "consultation_answer.error.version_draft" {
		t.Fatalf("version of a draft: %v", err)
	}
	if _, err := f.st.NewConsultationVersion(ctx, f.a.Officer.ID, f.c.ID, store.NewVersion{Match: matchUnits}); agora.KindOf(err) != agora.Invalid {
		t.Fatalf("empty version: %v", err)
	}
}

func TestComposeCarry(t *testing.T) {
	for _, tt := range []struct{ had, status, want string }{
		{"", "same", "same"}, {"same", "changed", "changed"}, {"changed", "same", "changed"},
		{"renumbered", "changed", "renumbered"}, {"changed", "moved", "moved"}, {"moved", "vanished", "vanished"},
	} {
		if got := store.ComposeCarry(tt.had, tt.status); got != tt.want {
			t.Errorf("ComposeCarry(%q, %q) = %q, want %q", tt.had, tt.status, got, tt.want)
		}
	}
}
