package store_test

import (
	"context"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

func TestConsultationLifecycle(t *testing.T) {
	ctx := context.Background()
	var mu sync.Mutex
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	st := storetest.OpenWith(t, storetest.Options{Now: func() time.Time { mu.Lock(); defer mu.Unlock(); return now }})
	a := storetest.NewAuthority(t, st, agora.RO, "cluj")
	c := storetest.OpenConsultation(t, st, a, now, 10*24*time.Hour)
	if c.State != agora.ConsultationPublished || c.PhaseAt(now) != agora.PhaseOpen || c.OrgName != a.Org.Name {
		t.Fatalf("published consultation: %+v", c)
	}
	units, err := st.ConsultationUnits(ctx, c.ID, 1)
	if err != nil || len(units) != 5 || units[3].Key != "art-1.par-2.let-a" || units[3].Depth != 2 {
		t.Fatalf("units: %v %+v", err, units)
	}
	p, err := st.CreateUser(ctx, store.NewUser{Email: "p@x.test", DisplayName: "Ioana Participantă", EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	in := agora.CommentInput{UnitKey: "art-1.par-2", Body: "Propun 30 de zile.", Amendment: "Termenul este de 30 de zile:"}
	first, created, err := st.CreateComment(ctx, store.NewComment{ConsultationID: c.ID, AuthorID: p.ID, Input: in, ClientKey: "k1"})
	if err != nil || !created || first.AuthorName != "Ioana Participantă" || first.CurrentKey != "art-1.par-2" {
		t.Fatalf("comment: %v %v %+v", err, created, first)
	}
	again, created, err := st.CreateComment(ctx, store.NewComment{ConsultationID: c.ID, AuthorID: p.ID, Input: in, ClientKey: "k1"})
	if err != nil || created || again.ID != first.ID {
		t.Fatalf("retried comment made a second one: %v %v %s %s", err, created, again.ID, first.ID)
	}
	if _, _, err := st.CreateComment(ctx, store.NewComment{ConsultationID: c.ID, AuthorID: p.ID, Input: agora.CommentInput{UnitKey: "art-9", Body: "Nu există."}}); agora.KindOf(err) != agora.Invalid {
		t.Fatalf("unknown unit: %v", err)
	}
	c, _ = st.Consultation(ctx, c.ID)
	units, _ = st.ConsultationUnits(ctx, c.ID, 1)
	if c.CommentCount != 1 || c.ParticipantCount != 1 || units[2].CommentCount != 1 {
		t.Fatalf("counters: %d %d %d", c.CommentCount, c.ParticipantCount, units[2].CommentCount)
	}
	mu.Lock()
	now = now.Add(11 * 24 * time.Hour)
	mu.Unlock()
	_, _, err = st.CreateComment(ctx, store.NewComment{ConsultationID: c.ID, AuthorID: p.ID, Input: agora.CommentInput{Body: "Prea târziu."}})
	if e := agora.AsError(err); e == nil || e.Key != "consultation.error.deadline_passed" {
		t.Fatalf("late comment: %v", err)
	}
	// An officer may still register a letter received in time.
	letter := agora.CommentInput{Body: "Scrisoare primită prin poștă.", Source: agora.SourcePost, SourceNote: "nr. 12/2026", AuthorName: "Asociația Beta"}
	reg, _, err := st.CreateComment(ctx, store.NewComment{ConsultationID: c.ID, AuthorID: a.Officer.ID, Officer: true, Input: letter})
	if err != nil || reg.AuthorName != "Asociația Beta" || reg.AuthorID != "" || reg.Source != agora.SourcePost {
		t.Fatalf("registered letter: %v %+v", err, reg)
	}
	all, err := st.Comments(ctx, store.CommentFilter{ConsultationID: c.ID})
	if err != nil || len(all) != 2 {
		t.Fatalf("comments: %v %d", err, len(all))
	}
}
