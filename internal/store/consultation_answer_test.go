package store_test

import (
	"context"
	"encoding/json"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// answerFixture is an open Romanian consultation with three comments by
// two participants and a clock the test moves.
type answerFixture struct {
	st       *store.Store
	mu       *sync.Mutex
	now      *time.Time
	a        storetest.Authority
	c        agora.Consultation
	p1, p2   agora.User
	comments []agora.Comment
}

func (f *answerFixture) advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	*f.now = f.now.Add(d)
}

func newAnswerFixture(t *testing.T) *answerFixture {
	t.Helper()
	ctx := context.Background()
	f := &answerFixture{mu: &sync.Mutex{}}
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	f.now = &now
	f.st = storetest.OpenWith(t, storetest.Options{Now: func() time.Time { f.mu.Lock(); defer f.mu.Unlock(); return *f.now }})
	f.a = storetest.NewAuthority(t, f.st, agora.RO, "iasi")
	f.c = storetest.OpenConsultation(t, f.st, f.a, now, 10*24*time.Hour)
	var err error
	for i, p := range []*agora.User{&f.p1, &f.p2} {
		*p, err = f.st.CreateUser(ctx, store.NewUser{Email: []string{"p1@x.test", "p2@x.test"}[i],
			DisplayName: []string{"Ioana Șerban", "Łukasz Żółć"}[i], EmailVerified: true})
		if err != nil {
			t.Fatal(err)
		}
	}
	for _, in := range []struct {
		author agora.User
		unit   string
		body   string
	}{
		{f.p1, "art-1.par-2", "Propun 30 de zile."},
		{f.p2, "art-1.par-2", "Termenul de 10 zile este prea scurt."},
		{f.p1, "art-2", "Intrarea în vigoare la 30 de zile."},
	} {
		c, _, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: in.author.ID,
			Input: agora.CommentInput{UnitKey: in.unit, Body: in.body}})
		if err != nil {
			t.Fatal(err)
		}
		f.comments = append(f.comments, c)
	}
	return f
}

func errKey(err error) string {
	if e := agora.AsError(err); e != nil {
		return e.Key
	}
	return ""
}

func TestAnswerCommentsGroupAndRevise(t *testing.T) {
	ctx := context.Background()
	f := newAnswerFixture(t)
	off := f.a.Officer.ID
	// A rejection needs a written justification (Law 52/2003 art. 12).
	_, err := f.st.AnswerComments(ctx, off, f.c.ID, agora.AnswerInput{Status: agora.AnswerRejected, CommentIDs: []string{f.comments[0].ID}})
	if agora.KindOf(err) != agora.Invalid || agora.FieldErrors(err)[0].Field != "justification" {
		t.Fatalf("rejection without justification: %v", err)
	}
	// Two similar recommendations answered once.
	group, err := f.st.AnswerComments(ctx, off, f.c.ID, agora.AnswerInput{Status: agora.AnswerPartly,
		Justification: "Termenul devine 20 de zile.", CommentIDs: []string{f.comments[0].ID, f.comments[1].ID, f.comments[0].ID}})
	if err != nil || len(group.CommentIDs) != 2 {
		t.Fatalf("group answer: %v %+v", err, group)
	}
	answers, err := f.st.AnswersFor(ctx, f.c.ID)
	if err != nil || len(answers) != 2 || answers[f.comments[0].ID].ID != group.ID || answers[f.comments[1].ID].ID != group.ID ||
		len(answers[f.comments[1].ID].CommentIDs) != 2 {
		t.Fatalf("answers for: %v %+v", err, answers)
	}
	// A comment of another consultation cannot be answered here.
	other := storetest.OpenConsultation(t, f.st, f.a, *f.now, 5*24*time.Hour)
	oc, _, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: other.ID, AuthorID: f.p1.ID, Input: agora.CommentInput{Body: "Altă consultare."}})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.AnswerComments(ctx, off, f.c.ID, agora.AnswerInput{Status: agora.AnswerAccepted, CommentIDs: []string{oc.ID}}); agora.KindOf(err) != agora.Invalid {
		t.Fatalf("foreign comment: %v", err)
	}
	// Revising the group changes it for both; moving one comment out
	// leaves the group with one.
	rev, err := f.st.ReviseAnswer(ctx, off, f.c.ID, group.ID, agora.AnswerInput{Status: agora.AnswerAccepted})
	if err != nil || rev.Status != agora.AnswerAccepted || len(rev.CommentIDs) != 2 {
		t.Fatalf("revise: %v %+v", err, rev)
	}
	single, err := f.st.AnswerComments(ctx, off, f.c.ID, agora.AnswerInput{Status: agora.AnswerNotApplicable, CommentIDs: []string{f.comments[1].ID}})
	if err != nil {
		t.Fatal(err)
	}
	answers, _ = f.st.AnswersFor(ctx, f.c.ID)
	if answers[f.comments[0].ID].ID != group.ID || len(answers[f.comments[0].ID].CommentIDs) != 1 || answers[f.comments[1].ID].ID != single.ID {
		t.Fatalf("regrouped: %+v", answers)
	}
	// Moving the last comment out of an answer deletes the answer.
	if _, err := f.st.AnswerComments(ctx, off, f.c.ID, agora.AnswerInput{Status: agora.AnswerAccepted, CommentIDs: []string{f.comments[0].ID}}); err != nil {
		t.Fatal(err)
	}
	if _, err := f.st.ReviseAnswer(ctx, off, f.c.ID, group.ID, agora.AnswerInput{Status: agora.AnswerAccepted}); agora.KindOf(err) != agora.NotFound {
		t.Fatalf("orphan answer kept: %v", err)
	}
	rec, err := f.st.ConsultationRecord(ctx, f.c.ID)
	if err != nil || len(rec.Answers) != 2 || len(rec.Comments) != 3 || len(rec.Units[1]) != 5 || len(rec.Versions) != 1 {
		t.Fatalf("record: %v answers %d comments %d", err, len(rec.Answers), len(rec.Comments))
	}
}

func TestPublishAnswers(t *testing.T) {
	ctx := context.Background()
	f := newAnswerFixture(t)
	off := f.a.Officer.ID
	_, err := f.st.PublishAnswers(ctx, off, f.c.ID)
	if errKey(err) != "consultation_answer.error.still_open" {
		t.Fatalf("publish before the deadline: %v", err)
	}
	f.advance(11 * 24 * time.Hour)
	_, err = f.st.PublishAnswers(ctx, off, f.c.ID)
	if e := agora.AsError(err); e == nil || e.Key != "consultation_answer.error.unanswered" || e.Args["count"] != 3 {
		t.Fatalf("publish with 3 unanswered: %v", err)
	}
	if _, err := f.st.AnswerComments(ctx, off, f.c.ID, agora.AnswerInput{Status: agora.AnswerAccepted,
		CommentIDs: []string{f.comments[0].ID, f.comments[1].ID}}); err != nil {
		t.Fatal(err)
	}
	// A hidden comment needs no answer.
	if err := f.st.HideComment(ctx, f.a.Admin.ID, f.c.ID, f.comments[2].ID, "Limbaj jignitor."); err != nil {
		t.Fatal(err)
	}
	before, _ := f.st.Consultation(ctx, f.c.ID)
	c, err := f.st.PublishAnswers(ctx, off, f.c.ID)
	if err != nil || c.State != agora.ConsultationAnswered || c.AnsweredAt == nil || c.Revision <= before.Revision {
		t.Fatalf("publish: %v %+v", err, c)
	}
	if _, err := f.st.PublishAnswers(ctx, off, f.c.ID); errKey(err) != "consultation_answer.error.already_published" {
		t.Fatalf("second publication: %v", err)
	}
	if _, err := f.st.AnswerComments(ctx, off, f.c.ID, agora.AnswerInput{Status: agora.AnswerAccepted, CommentIDs: []string{f.comments[2].ID}}); agora.KindOf(err) != agora.Conflict {
		t.Fatalf("answer after publication: %v", err)
	}
	if !hasEvent(t, f.st, store.EventAnswered) {
		t.Fatal("no answered event")
	}
	// The report follows the answers.
	rc, err := f.st.PublishReport(ctx, off, f.c.ID)
	if err != nil || rc.State != agora.ConsultationReported || rc.ReportedAt == nil {
		t.Fatalf("publish report: %v %+v", err, rc)
	}
	if _, err := f.st.PublishReport(ctx, off, f.c.ID); errKey(err) != "consultation_answer.error.report_published" {
		t.Fatalf("second report: %v", err)
	}
	if !hasEvent(t, f.st, store.EventReported) {
		t.Fatal("no reported event")
	}
}

func TestPublishReportNeedsAnswers(t *testing.T) {
	f := newAnswerFixture(t)
	if _, err := f.st.PublishReport(context.Background(), f.a.Officer.ID, f.c.ID); errKey(err) != "consultation_answer.error.answers_first" {
		t.Fatalf("report before answers: %v", err)
	}
}

// hasEvent claims the due jobs and reports whether one is the event.
func hasEvent(t *testing.T, st *store.Store, event string) bool {
	t.Helper()
	jobs, err := st.ClaimJobs(context.Background(), "test", 100, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		var e store.ConsultationEvent
		if j.Kind == store.JobConsultationEvent && json.Unmarshal(j.Payload, &e) == nil && e.Event == event {
			return true
		}
	}
	return false
}
