package store_test

import (
	"context"
	"fmt"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// commentFixture is an open consultation and n verified participants.
type commentFixture struct {
	st     *store.Store
	auth   storetest.Authority
	c      agora.Consultation
	people []agora.User
	now    func() time.Time
	set    func(time.Time)
}

func newCommentFixture(t testing.TB, n int) *commentFixture {
	t.Helper()
	var mu sync.Mutex
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	f := &commentFixture{
		now: func() time.Time { mu.Lock(); defer mu.Unlock(); return now },
		set: func(t time.Time) { mu.Lock(); defer mu.Unlock(); now = t },
	}
	f.st = storetest.OpenWith(t, storetest.Options{Now: f.now})
	f.auth = storetest.NewAuthority(t, f.st, agora.RO, "batch")
	f.c = storetest.OpenConsultation(t, f.st, f.auth, now, 10*24*time.Hour)
	for i := range n {
		u, err := f.st.CreateUser(context.Background(), store.NewUser{Email: fmt.Sprintf("p%d@x.test", i), DisplayName: fmt.Sprintf("Participant %d", i), EmailVerified: true})
		if err != nil {
			t.Fatal(err)
		}
		f.people = append(f.people, u)
	}
	return f
}

// Concurrent comments share transactions, yet each caller gets its own
// comment, a bad one fails alone, and the counters add up.
func TestCreateCommentConcurrentBatches(t *testing.T) {
	ctx := context.Background()
	f := newCommentFixture(t, 8)
	const perPerson = 25
	var wg sync.WaitGroup
	type res struct {
		c       agora.Comment
		created bool
		err     error
		bad     bool
	}
	results := make(chan res, len(f.people)*perPerson)
	for pi, p := range f.people {
		for i := range perPerson {
			wg.Add(1)
			go func() {
				defer wg.Done()
				in := agora.CommentInput{UnitKey: "art-1.par-1", Body: fmt.Sprintf("Comentariul %d al lui %d.", i, pi)}
				bad := i%10 == 3
				if bad {
					in.UnitKey = "art-99"
				}
				c, created, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: p.ID, Input: in,
					ClientKey: fmt.Sprintf("k-%d", i)})
				results <- res{c, created, err, bad}
			}()
		}
	}
	wg.Wait()
	close(results)
	good := 0
	seen := map[string]bool{}
	for r := range results {
		if r.bad {
			if agora.KindOf(r.err) != agora.Invalid {
				t.Errorf("comment on an unknown unit: %v", r.err)
			}
			continue
		}
		if r.err != nil || !r.created || r.c.ID == "" || seen[r.c.ID] {
			t.Fatalf("comment: %v created=%v %+v", r.err, r.created, r.c)
		}
		seen[r.c.ID] = true
		good++
	}
	c, err := f.st.Consultation(ctx, f.c.ID)
	if err != nil {
		t.Fatal(err)
	}
	if c.CommentCount != good || c.ParticipantCount != len(f.people) {
		t.Fatalf("counters: comments %d (want %d), participants %d", c.CommentCount, good, c.ParticipantCount)
	}
	units, _ := f.st.ConsultationUnits(ctx, f.c.ID, 1)
	if units[1].CommentCount != good {
		t.Fatalf("unit counter %d, want %d", units[1].CommentCount, good)
	}
	all, _ := f.st.Comments(ctx, store.CommentFilter{ConsultationID: f.c.ID})
	if len(all) != good {
		t.Fatalf("stored %d comments, want %d", len(all), good)
	}
}

// The same form submitted twice at once creates one comment.
func TestCreateCommentDoubleSubmitConcurrent(t *testing.T) {
	ctx := context.Background()
	f := newCommentFixture(t, 1)
	var wg sync.WaitGroup
	ids := make([]string, 10)
	for i := range ids {
		wg.Add(1)
		go func() {
			defer wg.Done()
			c, _, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: f.people[0].ID,
				Input: agora.CommentInput{Body: "O singură dată."}, ClientKey: "same"})
			if err != nil {
				t.Error(err)
			}
			ids[i] = c.ID
		}()
	}
	wg.Wait()
	for _, id := range ids {
		if id != ids[0] {
			t.Fatalf("double submission created two comments: %v", ids)
		}
	}
	c, _ := f.st.Consultation(ctx, f.c.ID)
	if c.CommentCount != 1 {
		t.Fatalf("comment count %d", c.CommentCount)
	}
	// After the deadline, the retry still gets its comment back; a new
	// comment gets the closing time.
	f.set(f.now().Add(30 * 24 * time.Hour))
	again, created, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: f.people[0].ID,
		Input: agora.CommentInput{Body: "O singură dată."}, ClientKey: "same"})
	if err != nil || created || again.ID != ids[0] {
		t.Fatalf("late retry: %v %v %s", err, created, again.ID)
	}
	_, _, err = f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: f.people[0].ID,
		Input: agora.CommentInput{Body: "Prea târziu."}, ClientKey: "other"})
	e := agora.AsError(err)
	if e == nil || e.Key != "consultation.error.deadline_passed" || !e.Args["closed"].(time.Time).Equal(f.c.CommentsClose) {
		t.Fatalf("late comment: %v", err)
	}
}

func TestCreateCommentAttachmentAndOrg(t *testing.T) {
	ctx := context.Background()
	f := newCommentFixture(t, 1)
	p := f.people[0]
	org, err := f.st.CreateOrg(ctx, p.ID, agora.OrgInput{Name: "Asociația Ștefan", Kind: "association", Country: "RO"})
	if err != nil {
		t.Skipf("organisation fixture: %v", err)
	}
	c, _, err := f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: p.ID,
		Input:      agora.CommentInput{UnitKey: "art-2", Body: "Cu anexă.", OrgID: org.ID},
		Attachment: &store.CommentAttachment{Name: "anexa.txt", ContentType: "text/plain", Data: []byte("text")}})
	if err != nil || c.OrgName != "Asociația Ștefan" {
		t.Fatalf("comment for an organisation: %v %+v", err, c)
	}
	files, err := f.st.ConsultationFiles(ctx, f.c.ID, store.FileComment)
	if err != nil || len(files) != 1 || files[0].CommentID != c.ID || files[0].Size != 4 {
		t.Fatalf("attachment: %v %+v", err, files)
	}
	other, _ := f.st.CreateUser(ctx, store.NewUser{Email: "o@x.test", DisplayName: "O", EmailVerified: true})
	_, _, err = f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: other.ID,
		Input: agora.CommentInput{Body: "Nu sunt membru.", OrgID: org.ID}})
	if e := agora.AsError(err); e == nil || e.Field != "org" {
		t.Fatalf("non-member speaking for an organisation: %v", err)
	}
	_, _, err = f.st.CreateComment(ctx, store.NewComment{ConsultationID: f.c.ID, AuthorID: p.ID,
		Input: agora.CommentInput{Body: "Fișier gol."}, Attachment: &store.CommentAttachment{Name: "x"}})
	if e := agora.AsError(err); e == nil || e.Field != "attachment" {
		t.Fatalf("empty attachment: %v", err)
	}
}

// BenchmarkCreateCommentParallel measures group commit on a file database
// with synchronous=FULL, the production setting: many posters at once.
//
//	go test ./internal/store -run '^$' -bench CreateCommentParallel -benchtime 20000x
func BenchmarkCreateCommentParallel(b *testing.B) {
	for _, clients := range []int{1, 16, 64} {
		b.Run(fmt.Sprintf("clients=%d", clients), func(b *testing.B) {
			st, c, people := benchCommentStore(b, clients)
			benchComments(b, st, c, people, clients)
		})
	}
}
