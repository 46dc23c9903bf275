package web

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// answerEnv is a server with a settable clock and an open consultation
// with comments by two participants, one on behalf of an association.
type answerEnv struct {
	*testEnv
	clock    *testClock
	auth     storetest.Authority
	c        agora.Consultation
	officer  *http.Client
	p1, p2   agora.User
	ngo      agora.Organisation
	comments []agora.Comment
}

// answerBodies are the comments of the fixture, in submission order:
// diacritics of both languages, so every export shows them.
var answerBodies = []struct{ unit, body, amendment string }{
	{"art-1.par-2", "Propun un termen de 30 de zile, în loc de 10: e prea scurt pentru asociații.", "Termenul este de 30 de zile:"},
	{"art-1.par-2", "Zażółć gęślą jaźń: termin jest zbyt krótki.", ""},
	{"art-2", "Intrarea în vigoare să fie la 30 de zile de la publicare.", ""},
}

func newAnswerEnv(t *testing.T, country agora.Country) *answerEnv {
	t.Helper()
	// The clock starts in the past, so sessions minted with the real
	// time stay valid after the test moves it past the deadline.
	clock := &testClock{t: time.Now().UTC().Add(-20 * 24 * time.Hour).Truncate(time.Second)}
	st := storetest.OpenWith(t, storetest.Options{Now: clock.Now})
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	sealer, err := auth.NewSealer(map[byte][]byte{1: []byte("0123456789abcdef0123456789abcdef")}, 1)
	if err != nil {
		t.Fatal(err)
	}
	srv, err := New(Config{BaseURL: testBaseURL, DevMail: true}, Deps{Store: st, Catalog: cat, Hasher: auth.TestHasher(),
		Sealer: sealer, Now: clock.Now, Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv.Handler())
	t.Cleanup(ts.Close)
	e := &answerEnv{testEnv: &testEnv{t: t, st: st, srv: srv, ts: ts, cat: cat, sealer: sealer, logs: &syncBuffer{}}, clock: clock}
	ctx := context.Background()
	e.auth = storetest.NewAuthority(t, st, country, "ans"+strings.ToLower(string(country)))
	e.c = storetest.OpenConsultation(t, st, e.auth, clock.Now(), 10*24*time.Hour)
	e.officer = e.login(e.auth.Officer)
	e.p1 = e.user("ioana@x.test", agora.RoleParticipant)
	e.p2 = e.user("lukasz@x.test", agora.RoleParticipant)
	e.ngo, err = st.CreateOrg(ctx, e.p2.ID, agora.OrgInput{Name: "Stowarzyszenie Łąka Żółta", Kind: string(agora.OrgAssociation), Country: string(agora.PL)})
	if err != nil {
		t.Fatal(err)
	}
	for i, b := range answerBodies {
		in := agora.CommentInput{UnitKey: b.unit, Body: b.body, Amendment: b.amendment}
		author := e.p1
		if i == 1 {
			author, in.OrgID = e.p2, e.ngo.ID
		}
		cm, _, err := st.CreateComment(ctx, store.NewComment{ConsultationID: e.c.ID, AuthorID: author.ID, Input: in})
		if err != nil {
			t.Fatal(err)
		}
		e.comments = append(e.comments, cm)
	}
	return e
}

// pastDeadline moves the clock a day past the end of the comment period.
func (e *answerEnv) pastDeadline() { e.clock.Add(11 * 24 * time.Hour) }

func (e *answerEnv) path(sub ...string) string { return consultationPath(e.c.ID, sub...) }

// answer posts an answer for the comments with the given indexes.
func (e *answerEnv) answer(status agora.AnswerStatus, justification string, idx ...int) (int, string) {
	e.t.Helper()
	form := url.Values{"status": {string(status)}, "justification": {justification}}
	for _, i := range idx {
		form.Add("comment", e.comments[i].ID)
	}
	return e.post(e.officer, e.path("answers"), form)
}

func (e *answerEnv) answerAll() {
	e.t.Helper()
	if code, body := e.answer(agora.AnswerPartly, "Termenul devine 20 de zile; șapte zile nu ajung.", 0, 1); code != http.StatusSeeOther {
		e.t.Fatalf("group answer = %d\n%.2000s", code, body)
	}
	if code, body := e.answer(agora.AnswerRejected, "Intrarea în vigoare la publicare e necesară: termenul legal expiră.", 2); code != http.StatusSeeOther {
		e.t.Fatalf("answer = %d\n%.2000s", code, body)
	}
}

func TestAnswerWorkspaceOfficersOnly(t *testing.T) {
	t.Parallel()
	e := newAnswerEnv(t, agora.RO)
	code, body := e.get(e.officer, e.path("answers"))
	if code != http.StatusOK || !strings.Contains(body, answerBodies[0].body) || !strings.Contains(body, "Stowarzyszenie Łąka Żółta") ||
		!strings.Contains(body, "<ins>") || !strings.Contains(body, "Art. 1 alin. (2)") {
		t.Fatalf("workspace = %d\n%.3000s", code, body)
	}
	for name, c := range map[string]*http.Client{"anonymous": e.client(), "participant": e.login(e.p1),
		"admin": e.login(e.auth.Admin)} {
		code, _ := e.get(c, e.path("answers"))
		if code != http.StatusForbidden && code != http.StatusSeeOther && code != http.StatusUnauthorized {
			t.Errorf("%s sees the workspace: %d", name, code)
		}
		if code, _ := e.post(c, e.path("answers"), url.Values{"status": {"accepted"}, "comment": {e.comments[0].ID}}); code != http.StatusForbidden && code != http.StatusUnauthorized {
			t.Errorf("%s answers: %d", name, code)
		}
		if code, _ := e.post(c, e.path("answers", "publish"), nil); code != http.StatusForbidden && code != http.StatusUnauthorized {
			t.Errorf("%s publishes: %d", name, code)
		}
	}
}

func TestAnswerGroupFilterAndPublish(t *testing.T) {
	t.Parallel()
	e := newAnswerEnv(t, agora.RO)
	// A rejection without justification is refused with the field named.
	code, body := e.answer(agora.AnswerRejected, "", 2)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-justification-error"`) {
		t.Fatalf("rejection without justification = %d\n%.2000s", code, body)
	}
	// Publishing before the deadline is refused and says when it closes.
	code, body = e.post(e.officer, e.path("answers", "publish"), nil)
	if code != http.StatusConflict || !strings.Contains(body, "perioadei pentru recomandări") {
		t.Fatalf("publish while open = %d\n%.2000s", code, body)
	}
	// Two similar recommendations answered once.
	if code, body := e.answer(agora.AnswerPartly, "Termenul devine 20 de zile.", 0, 1); code != http.StatusSeeOther {
		t.Fatalf("group = %d\n%.2000s", code, body)
	}
	answers, err := e.st.AnswersFor(context.Background(), e.c.ID)
	if err != nil || answers[e.comments[0].ID].ID == "" || answers[e.comments[0].ID].ID != answers[e.comments[1].ID].ID {
		t.Fatalf("grouped answers: %v %+v", err, answers)
	}
	// The unanswered filter leaves only the third.
	_, body = e.get(e.officer, e.path("answers")+"?unanswered=1")
	if strings.Contains(body, answerBodies[0].body) || !strings.Contains(body, answerBodies[2].body) {
		t.Fatalf("unanswered filter\n%.3000s", body)
	}
	_, body = e.get(e.officer, e.path("answers")+"?status=partly&unit="+url.QueryEscape("1:art-1.par-2"))
	if !strings.Contains(body, answerBodies[1].body) || strings.Contains(body, answerBodies[2].body) {
		t.Fatalf("status and unit filter\n%.3000s", body)
	}
	// Past the deadline, one recommendation is still missing: refused
	// with the count.
	e.pastDeadline()
	code, body = e.post(e.officer, e.path("answers", "publish"), nil)
	if code != http.StatusConflict || !strings.Contains(body, "recomandări fără răspuns: 1") {
		t.Fatalf("publish with one missing = %d\n%.2000s", code, body)
	}
	// The group's answer can be revised until publication.
	group := answers[e.comments[0].ID].ID
	code, body = e.post(e.officer, e.path("answers"), url.Values{"answer": {group}, "status": {"rejected"}, "justification": {""}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "f-justification-"+group+"-error") {
		t.Fatalf("revise without justification = %d\n%.2000s", code, body)
	}
	if code, _ := e.post(e.officer, e.path("answers"), url.Values{"answer": {group}, "status": {"accepted"}}); code != http.StatusSeeOther {
		t.Fatalf("revise = %d", code)
	}
	if code, _ := e.answer(agora.AnswerNotApplicable, "", 2); code != http.StatusSeeOther {
		t.Fatalf("last answer = %d", code)
	}
	// Answers are not public before publication.
	if code, _ := e.get(nil, e.path("report")); code != http.StatusNotFound {
		t.Fatalf("report before publication = %d", code)
	}
	if code, _ := e.post(e.officer, e.path("answers", "publish"), nil); code != http.StatusSeeOther {
		t.Fatalf("publish = %d", code)
	}
	c, _ := e.st.Consultation(context.Background(), e.c.ID)
	if c.State != agora.ConsultationAnswered || c.AnsweredAt == nil {
		t.Fatalf("after publication: %+v", c)
	}
	if code, _ := e.post(e.officer, e.path("answers"), url.Values{"answer": {group}, "status": {"rejected"}, "justification": {"Prea târziu pentru o schimbare."}}); code != http.StatusConflict {
		t.Fatalf("revise after publication = %d", code)
	}
	code, body = e.get(e.officer, e.path("answers"))
	if code != http.StatusOK || strings.Contains(body, `name="comment"`) {
		t.Fatalf("workspace after publication still offers answers = %d", code)
	}
}

func TestAnswerPayloadsInert(t *testing.T) {
	t.Parallel()
	e := newAnswerEnv(t, agora.RO)
	payloads := badInput(t)["xss"]
	ctx := context.Background()
	for _, p := range payloads {
		_, _, err := e.st.CreateComment(ctx, store.NewComment{ConsultationID: e.c.ID, AuthorID: e.p1.ID,
			Input: agora.CommentInput{UnitKey: "art-2", Body: "x " + p, Amendment: p}})
		if err != nil {
			t.Fatal(err)
		}
	}
	code, body := e.post(e.officer, e.path("answers"), url.Values{"status": {"rejected"}, "justification": {payloads[0]}, "comment": {e.comments[2].ID}})
	if code != http.StatusSeeOther {
		t.Fatalf("answer with a payload justification = %d\n%.1000s", code, body)
	}
	_, body = e.get(e.officer, e.path("answers"))
	assertInert(t, "workspace", body, payloads)
}
