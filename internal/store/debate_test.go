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

// debateFixture is an open Romanian consultation, an association with a
// member, and a clock the test moves.
type debateFixture struct {
	st     *store.Store
	mu     sync.Mutex
	now    time.Time
	a      storetest.Authority
	c      agora.Consultation
	member agora.User
	org    agora.Organisation
}

func (f *debateFixture) clock() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

func (f *debateFixture) advance(d time.Duration) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.now = f.now.Add(d)
}

func newDebateFixture(t *testing.T) *debateFixture {
	t.Helper()
	ctx := context.Background()
	f := &debateFixture{now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	f.st = storetest.OpenWith(t, storetest.Options{Now: f.clock})
	f.a = storetest.NewAuthority(t, f.st, agora.RO, "cluj")
	f.c = storetest.OpenConsultation(t, f.st, f.a, f.now, 10*24*time.Hour)
	var err error
	f.member, err = f.st.CreateUser(ctx, store.NewUser{Email: "ngo@x.test", DisplayName: "Ioana Șerban", EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	f.org, err = f.st.CreateOrg(ctx, f.member.ID, agora.OrgInput{Name: "Asociația Țara Noastră", Kind: string(agora.OrgAssociation), Country: "RO"})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func officerMail(o agora.User, r agora.DebateRequest) agora.Email {
	return agora.Email{To: o.Email, Subject: "debate " + r.OrgName}
}

func TestRequestDebateOncePerOrganisation(t *testing.T) {
	t.Parallel()
	f := newDebateFixture(t)
	ctx := context.Background()
	in := store.NewDebateRequest{ConsultationID: f.c.ID, OrgID: f.org.ID, UserID: f.member.ID,
		Reason: "Proiectul afectează direct membrii noștri.", Mail: officerMail}
	r, err := f.st.RequestDebate(ctx, in)
	if err != nil {
		t.Fatal(err)
	}
	if r.OrgName != f.org.Name || r.ConsultationID != f.c.ID {
		t.Errorf("request = %+v", r)
	}
	if _, err := f.st.RequestDebate(ctx, in); agora.AsError(err).Key != "consultation_debate.error.already_requested" {
		t.Errorf("second request: err = %v, want already_requested", err)
	}
	c, err := f.st.Consultation(ctx, f.c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.DebateRequests != 1 || c.Revision <= f.c.Revision {
		t.Errorf("debate_requests = %d, revision %d → %d", c.DebateRequests, f.c.Revision, c.Revision)
	}
	reqs, err := f.st.DebateRequests(ctx, f.c.ID)
	if err != nil || len(reqs) != 1 || reqs[0].Reason != in.Reason || reqs[0].OrgName != f.org.Name {
		t.Fatalf("DebateRequests = %+v, %v", reqs, err)
	}
	// The authority's verified officer got the notice by email.
	jobs, err := f.st.ClaimJobs(ctx, "test", 100, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	var mails []agora.Email
	for _, j := range jobs {
		var m agora.Email
		if j.Kind == agora.JobEmail && json.Unmarshal(j.Payload, &m) == nil && m.Subject == "debate "+f.org.Name {
			mails = append(mails, m)
		}
	}
	if len(mails) != 1 || mails[0].To != f.a.Officer.Email {
		t.Errorf("officer mails = %+v", mails)
	}
}

func TestRequestDebateRefusals(t *testing.T) {
	t.Parallel()
	f := newDebateFixture(t)
	ctx := context.Background()
	stranger, err := f.st.CreateUser(ctx, store.NewUser{Email: "s@x.test", DisplayName: "S", EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	ok := store.NewDebateRequest{ConsultationID: f.c.ID, OrgID: f.org.ID, UserID: f.member.ID, Reason: "Un motiv suficient de lung."}
	for _, tt := range []struct {
		name string
		edit func(*store.NewDebateRequest)
		kind agora.Kind
		key  string
	}{
		{"short reason", func(r *store.NewDebateRequest) { r.Reason = "scurt" }, agora.Invalid, "field.too_short"},
		{"not a member", func(r *store.NewDebateRequest) { r.UserID = stranger.ID }, agora.Forbidden, "consultation_debate.error.not_member"},
		{"adoption day", func(r *store.NewDebateRequest) { r.AdoptionStarts = f.clock().Add(-time.Hour) }, agora.Conflict, "consultation_debate.error.not_open"},
		{"unknown", func(r *store.NewDebateRequest) { r.ConsultationID = agora.NewID() }, agora.NotFound, "consultation.error.not_found"},
	} {
		in := ok
		tt.edit(&in)
		_, err := f.st.RequestDebate(ctx, in)
		if e := agora.AsError(err); e.Kind != tt.kind || (e.Key != tt.key && (len(agora.FieldErrors(err)) == 0 || agora.FieldErrors(err)[0].Key != tt.key)) {
			t.Errorf("%s: err = %v (%v %s), want %v %s", tt.name, err, e.Kind, e.Key, tt.kind, tt.key)
		}
	}
	// A draft takes no requests.
	draft, err := f.st.CreateConsultation(ctx, f.a.Officer.ID, f.a.Org.ID, agora.ConsultationInput{Title: "Ciornă de test", ActKind: "ordin", RuleSetID: "ro-law52"},
		storetest.DraftUnits(), "text")
	if err != nil {
		t.Fatal(err)
	}
	in := ok
	in.ConsultationID = draft.ID
	if _, err := f.st.RequestDebate(ctx, in); agora.AsError(err).Key != "consultation_debate.error.not_open" {
		t.Errorf("draft: err = %v", err)
	}
}

func TestDebateScheduleRegisterMinutes(t *testing.T) {
	t.Parallel()
	f := newDebateFixture(t)
	ctx := context.Background()
	starts := f.clock().Add(5 * 24 * time.Hour)
	d, err := f.st.ScheduleDebate(ctx, f.a.Officer.ID, store.NewDebate{ConsultationID: f.c.ID, StartsAt: starts,
		Place: "Sala de consiliu", OnlineURL: "https://meet.example/x", Notice: "Ordinea de zi: art. 1."})
	if err != nil {
		t.Fatal(err)
	}
	if !hasEvent(t, f.st, store.EventDebate) {
		t.Error("no debate_scheduled event")
	}
	ds, err := f.st.Debates(ctx, f.c.ID)
	if err != nil || len(ds) != 1 || ds[0].ID != d.ID || !ds[0].StartsAt.Equal(starts) {
		t.Fatalf("Debates = %+v, %v", ds, err)
	}
	// Registration toggles.
	for i, want := range []bool{true, false, true} {
		got, err := f.st.ToggleDebateRegistration(ctx, f.c.ID, d.ID, f.member.ID)
		if err != nil || got != want {
			t.Fatalf("toggle %d = %v, %v; want %v", i, got, err, want)
		}
	}
	p, err := f.st.DebatePage(ctx, f.c.ID, d.ID, f.member.ID, false)
	if err != nil || !p.Registered || p.Debate.Registered != 1 {
		t.Fatalf("page = %+v, %v", p, err)
	}
	// Minutes only once the debate has begun.
	min := store.DebateMinutes{ConsultationID: f.c.ID, DebateID: d.ID, Summary: "S-au discutat art. 1 și 2.", Participants: 14,
		File: &store.MinutesFile{Name: "minuta.txt", ContentType: "text/plain", Data: []byte("Minuta ședinței")}}
	if _, err := f.st.RecordDebateMinutes(ctx, f.a.Officer.ID, min); agora.AsError(err).Key != "consultation_debate.error.not_held" {
		t.Errorf("early minutes: err = %v", err)
	}
	f.advance(6 * 24 * time.Hour)
	if _, err := f.st.ToggleDebateRegistration(ctx, f.c.ID, d.ID, f.member.ID); agora.AsError(err).Key != "consultation_debate.error.past" {
		t.Errorf("late registration: err = %v", err)
	}
	// A recommendation registered from the debate, linked with the minutes.
	rec, _, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: f.a.Officer.ID, Officer: true,
		Input: agora.CommentInput{UnitKey: "art-2", Body: "Propunere făcută la dezbatere.", Source: agora.SourceDebate, AuthorName: "Ion Ionescu"}})
	if err != nil {
		t.Fatal(err)
	}
	p, err = f.st.DebatePage(ctx, f.c.ID, d.ID, "", true)
	if err != nil || len(p.Unlinked) != 1 || p.Unlinked[0].ID != rec.ID || len(p.Comments) != 0 {
		t.Fatalf("unlinked = %+v, %v", p.Unlinked, err)
	}
	min.CommentIDs = []string{rec.ID}
	if _, err := f.st.RecordDebateMinutes(ctx, f.a.Officer.ID, min); err != nil {
		t.Fatal(err)
	}
	p, err = f.st.DebatePage(ctx, f.c.ID, d.ID, "", true)
	if err != nil {
		t.Fatal(err)
	}
	if p.Debate.Participants != 14 || p.Debate.Minutes != min.Summary || p.MinutesFile == nil || p.MinutesFile.Purpose != store.FileMinutes ||
		p.MinutesFile.DebateID != d.ID || len(p.Comments) != 1 || p.Comments[0].DebateID != d.ID || len(p.Unlinked) != 0 {
		t.Errorf("after minutes: %+v file %+v comments %d unlinked %d", p.Debate, p.MinutesFile, len(p.Comments), len(p.Unlinked))
	}
	file, err := f.st.ConsultationFileData(ctx, f.c.ID, p.MinutesFile.ID)
	if err != nil || string(file.Data) != "Minuta ședinței" {
		t.Errorf("minutes file = %q, %v", file.Data, err)
	}
	// A comment of another consultation cannot be linked.
	other := storetest.OpenConsultation(t, f.st, f.a, f.clock(), 24*time.Hour)
	oc, _, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: other.ID, AuthorID: f.member.ID, Input: agora.CommentInput{Body: "Alt proiect."}})
	if err != nil {
		t.Fatal(err)
	}
	if err := f.st.LinkDebateComments(ctx, d.ID, []string{oc.ID}); len(agora.FieldErrors(err)) == 0 {
		t.Errorf("foreign comment linked: %v", err)
	}
	if err := f.st.LinkDebateComments(ctx, d.ID, []string{rec.ID, rec.ID}); err != nil {
		t.Errorf("relink: %v", err)
	}
	if _, err := f.st.DebatePage(ctx, other.ID, d.ID, "", false); agora.KindOf(err) != agora.NotFound {
		t.Errorf("debate under another consultation: %v", err)
	}
}

func TestScheduleDebateNeedsPublished(t *testing.T) {
	t.Parallel()
	f := newDebateFixture(t)
	ctx := context.Background()
	draft, err := f.st.CreateConsultation(ctx, f.a.Officer.ID, f.a.Org.ID, agora.ConsultationInput{Title: "Ciornă de test", ActKind: "ordin", RuleSetID: "ro-law52"},
		storetest.DraftUnits(), "text")
	if err != nil {
		t.Fatal(err)
	}
	_, err = f.st.ScheduleDebate(ctx, f.a.Officer.ID, store.NewDebate{ConsultationID: draft.ID, StartsAt: f.clock().Add(96 * time.Hour), Place: "Sala"})
	if agora.AsError(err).Key != "consultation_debate.error.not_open" {
		t.Errorf("draft debate: %v", err)
	}
}
