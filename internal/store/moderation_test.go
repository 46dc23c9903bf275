package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

func TestEditSupportModerate(t *testing.T) {
	ctx := context.Background()
	f := newCommentFixture(t, 2)
	author, other := f.people[0], f.people[1]
	c, _, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: author.ID,
		Input: agora.CommentInput{UnitKey: "art-1.par-2", Body: "Prima formă.", Amendment: "Termenul este de 20 de zile:"}})
	if err != nil {
		t.Fatal(err)
	}

	// Only the author edits; the earlier text stays in the history.
	if _, err := f.st.EditComment(ctx, store.CommentEdit{ConsultationID: f.c.ID, CommentID: c.ID, AuthorID: other.ID, Body: "Furat."}); agora.KindOf(err) != agora.Forbidden {
		t.Fatalf("edit by another: %v", err)
	}
	edited, err := f.st.EditComment(ctx, store.CommentEdit{ConsultationID: f.c.ID, CommentID: c.ID, AuthorID: author.ID, Body: "A doua formă."})
	if err != nil || edited.Body != "A doua formă." || edited.EditedAt == nil || edited.Amendment != "" {
		t.Fatalf("edit: %v %+v", err, edited)
	}
	if _, err := f.st.EditComment(ctx, store.CommentEdit{ConsultationID: f.c.ID, CommentID: c.ID, AuthorID: author.ID, Body: "A treia formă."}); err != nil {
		t.Fatal(err)
	}
	v, err := f.st.CommentView(ctx, f.c.ID, c.ID)
	if err != nil || len(v.Revisions) != 2 || v.Revisions[0].Body != "Prima formă." || v.Revisions[0].Amendment == "" ||
		v.Revisions[1].Body != "A doua formă." || v.Comment.Body != "A treia formă." || v.UnitText != "Termenul este de 10 zile:" {
		t.Fatalf("history: %v %+v", err, v)
	}
	if _, err := f.st.CommentView(ctx, "other", c.ID); agora.KindOf(err) != agora.NotFound {
		t.Fatalf("comment through another consultation: %v", err)
	}

	// One support per person, toggled; never one's own.
	if _, _, err := f.st.ToggleSupport(ctx, f.c.ID, c.ID, author.ID); agora.KindOf(err) != agora.Conflict {
		t.Fatalf("own support: %v", err)
	}
	on, n, err := f.st.ToggleSupport(ctx, f.c.ID, c.ID, other.ID)
	if err != nil || !on || n != 1 {
		t.Fatalf("support: %v %v %d", err, on, n)
	}
	page, err := f.st.UnitPage(ctx, f.c.ID, "art-1.par-2", other.ID)
	if err != nil || !page.Supported[c.ID] || len(page.Comments) != 1 || page.Unit.Key != "art-1.par-2" ||
		len(page.Context) != 3 || page.Context[0].Key != "art-1" || page.Context[2].Key != "art-1.par-2.let-a" {
		t.Fatalf("unit page: %v %+v", err, page)
	}
	on, n, _ = f.st.ToggleSupport(ctx, f.c.ID, c.ID, other.ID)
	if on || n != 0 {
		t.Fatalf("support withdrawn: %v %d", on, n)
	}

	// Report, hide with a public reason, the log, the queue.
	if err := f.st.ReportComment(ctx, f.c.ID, c.ID, other.ID, "Limbaj jignitor."); err != nil {
		t.Fatal(err)
	}
	if err := f.st.ReportComment(ctx, f.c.ID, c.ID, other.ID, "Din nou."); agora.KindOf(err) != agora.Conflict {
		t.Fatalf("second report: %v", err)
	}
	q, err := f.st.ModerationQueue(ctx, 10)
	if err != nil || len(q) != 1 || q[0].Comment.ID != c.ID || q[0].ConsultationTitle != f.c.Title || len(q[0].Reports) != 1 {
		t.Fatalf("queue: %v %+v", err, q)
	}
	mod := f.auth.Admin
	if err := f.st.HideComment(ctx, mod.ID, f.c.ID, c.ID, "Atac la persoană."); err != nil {
		t.Fatal(err)
	}
	if err := f.st.HideComment(ctx, mod.ID, f.c.ID, c.ID, "Din nou."); agora.KindOf(err) != agora.Conflict {
		t.Fatalf("hide twice: %v", err)
	}
	hidden, _ := f.st.Comment(ctx, c.ID)
	if !hidden.Hidden || hidden.HiddenNote != "Atac la persoană." {
		t.Fatalf("hidden: %+v", hidden)
	}
	if _, err := f.st.EditComment(ctx, store.CommentEdit{ConsultationID: f.c.ID, CommentID: c.ID, AuthorID: author.ID, Body: "Ascuns."}); agora.KindOf(err) != agora.Conflict {
		t.Fatalf("edit of a hidden comment: %v", err)
	}
	if q, _ := f.st.ModerationQueue(ctx, 10); len(q) != 0 {
		t.Fatalf("queue after hiding: %+v", q)
	}
	f.set(f.now().Add(time.Minute))
	if err := f.st.UnhideComment(ctx, mod.ID, f.c.ID, c.ID, "Reformulat."); err != nil {
		t.Fatal(err)
	}
	log, err := f.st.ModerationLog(ctx, f.c.ID)
	if err != nil || len(log) != 2 || log[1].Action != store.ModerationHide || log[0].Action != store.ModerationUnhide ||
		log[1].Reason != "Atac la persoană." || log[1].ModeratorName == "" || log[1].UnitKey != "art-1.par-2" {
		t.Fatalf("log: %v %+v", err, log)
	}
	if err := f.st.HideComment(ctx, mod.ID, f.c.ID, c.ID, "x"); agora.KindOf(err) != agora.Invalid {
		t.Fatalf("reason too short: %v", err)
	}

	// After the deadline the author can no longer edit.
	f.set(f.now().Add(30 * 24 * time.Hour))
	if _, err := f.st.EditComment(ctx, store.CommentEdit{ConsultationID: f.c.ID, CommentID: c.ID, AuthorID: author.ID, Body: "Târziu."}); agora.KindOf(err) != agora.Conflict {
		t.Fatalf("late edit: %v", err)
	}
}

// The public page reads in five statements however many comments there are.
func TestConsultationPageStatements(t *testing.T) {
	ctx := context.Background()
	f := newCommentFixture(t, 1)
	for range 20 {
		if _, _, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: f.people[0].ID,
			Input: agora.CommentInput{UnitKey: "art-2", Body: "Încă o propunere."}}); err != nil {
			t.Fatal(err)
		}
	}
	before := f.st.Queries().Count()
	p, err := f.st.ConsultationPage(ctx, f.c.ID)
	if got := f.st.Queries().Count() - before; got > 5 {
		t.Errorf("ConsultationPage ran %d statements, want at most 5", got)
	}
	if err != nil || len(p.Units) != 5 || p.Units[4].CommentCount != 20 || p.Consultation.CommentCount != 20 {
		t.Fatalf("page: %v %+v", err, p.Units)
	}
}
