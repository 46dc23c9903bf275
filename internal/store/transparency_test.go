package store_test

import (
	"context"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

func TestTransparencyFigures(t *testing.T) {
	ctx := context.Background()
	f := newAnswerFixture(t)
	off := f.a.Officer.ID
	from := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	to := from.AddDate(1, 0, 0)
	for _, d := range []struct {
		at     time.Time
		n      int
		closed bool
		reason string
	}{
		{f.now.Add(2 * time.Hour), 40, false, ""},
		{f.now.Add(3 * time.Hour), 15, false, ""},
		{f.now.Add(4 * time.Hour), 5, true, "Date personale ale beneficiarilor."},
		{f.now.AddDate(0, 2, 0), 99, false, ""},  // not held yet
		{f.now.AddDate(-1, 0, 0), 99, false, ""}, // another year
	} {
		if err := f.st.AddDebateForTest(ctx, f.c.ID, off, d.at, d.n, d.closed, d.reason); err != nil {
			t.Fatal(err)
		}
	}
	f.advance(11 * 24 * time.Hour)
	r, err := f.st.Transparency(ctx, f.a.Org.ID, 2026, from, to)
	if err != nil {
		t.Fatal(err)
	}
	got := r.Computed
	// Included counts only once the answers are public.
	if got.Received != 3 || got.Included != 0 || got.Debates != 2 || got.Participants != 55 || len(got.ClosedDebates) != 1 ||
		got.ClosedDebates[0].Reason != "Date personale ale beneficiarilor." || got.Consultations != 1 || got.AnsweredPending != 1 || r.Saved {
		t.Fatalf("figures before answers: %+v", r)
	}
	for i, st := range []agora.AnswerStatus{agora.AnswerAccepted, agora.AnswerPartly, agora.AnswerNotApplicable} {
		if _, err := f.st.AnswerComments(ctx, off, f.c.ID, agora.AnswerInput{Status: st, Justification: "Motivat în scris.",
			CommentIDs: []string{f.comments[i].ID}}); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.st.PublishAnswers(ctx, off, f.c.ID); err != nil {
		t.Fatal(err)
	}
	r, _ = f.st.Transparency(ctx, f.a.Org.ID, 2026, from, to)
	if r.Computed.Included != 2 || r.Computed.AnsweredPending != 0 {
		t.Fatalf("included after answers: %+v", r.Computed)
	}
	if r, _ := f.st.Transparency(ctx, f.a.Org.ID, 2025, from.AddDate(-1, 0, 0), from); r.Computed.Received != 0 || r.Computed.Debates != 1 {
		t.Fatalf("2025: %+v", r.Computed)
	}

	in := store.TransparencyInput{CourtCases: 1, Assessment: "Colaborare bună cu asociațiile.", ClosedMeetings: 1,
		ClosedReasons: "Ședință privind date personale.", ExtraReceived: 4, ExtraIncluded: 2, ExtraParticipants: 30, ExtraDebates: 1}
	bad := in
	bad.ExtraIncluded, bad.CourtCases = 9, -1
	if err := f.st.SaveTransparency(ctx, off, f.a.Org.ID, 2026, bad, false); len(agora.FieldErrors(err)) != 2 {
		t.Fatalf("invalid entries: %v", err)
	}
	if err := f.st.SaveTransparency(ctx, off, f.a.Org.ID, 2026, in, false); err != nil {
		t.Fatal(err)
	}
	r, _ = f.st.Transparency(ctx, f.a.Org.ID, 2026, from, to)
	if !r.Saved || r.PublishedAt != nil || r.Entered != in {
		t.Fatalf("saved: %+v", r)
	}
	in.CourtCases = 2
	if err := f.st.SaveTransparency(ctx, off, f.a.Org.ID, 2026, in, true); err != nil {
		t.Fatal(err)
	}
	r, _ = f.st.Transparency(ctx, f.a.Org.ID, 2026, from, to)
	published := r.PublishedAt
	if published == nil || r.Entered.CourtCases != 2 {
		t.Fatalf("published: %+v", r)
	}
	// Saving again keeps the first publication date.
	f.advance(time.Hour)
	if err := f.st.SaveTransparency(ctx, off, f.a.Org.ID, 2026, in, false); err != nil {
		t.Fatal(err)
	}
	if r, _ = f.st.Transparency(ctx, f.a.Org.ID, 2026, from, to); r.PublishedAt == nil || !r.PublishedAt.Equal(*published) {
		t.Fatalf("publication date moved: %v → %v", published, r.PublishedAt)
	}
}
