package web

import (
	"context"
	"net/http"
	"net/url"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// consultAPIEnv is an API test server with an open Romanian consultation,
// a draft of the same authority, and a participant with a token.
type consultAPIEnv struct {
	*apiEnv
	auth  storetest.Authority
	c     agora.Consultation
	draft agora.Consultation
	user  agora.User
	tok   string
}

func newConsultAPIEnv(t *testing.T) *consultAPIEnv {
	t.Helper()
	e := &consultAPIEnv{apiEnv: newAPIEnv(t)}
	e.auth = storetest.NewAuthority(t, e.st, agora.RO, "api")
	e.c = storetest.OpenConsultation(t, e.st, e.auth, time.Now(), 10*24*time.Hour)
	var err error
	e.draft, err = e.st.CreateConsultation(context.Background(), e.auth.Officer.ID, e.auth.Org.ID, agora.ConsultationInput{
		Title: "Ciornă nepublicată", ActKind: "ordin", RuleSetID: "ro-law52"}, storetest.DraftUnits(), "text")
	if err != nil {
		t.Fatal(err)
	}
	e.user = e.user0("participant@x.test")
	e.tok, _ = e.token(e.user, nil)
	return e
}

func (e *consultAPIEnv) user0(email string) agora.User {
	return e.testEnv.user(email, agora.RoleParticipant)
}

func (e *consultAPIEnv) post(tok, id, key string, body any) apiResp {
	e.t.Helper()
	var hdr []string
	if key != "" {
		hdr = []string{"Idempotency-Key", key}
	}
	return e.call(tok, "POST", "/api/v1/consultations/"+id+"/comments", body, hdr...)
}

func TestAPIConsultationListAndDetail(t *testing.T) {
	t.Parallel()
	e := newConsultAPIEnv(t)
	second := storetest.OpenConsultation(t, e.st, e.auth, time.Now(), 3*24*time.Hour)
	r := e.call(nil, "GET", "/api/v1/consultations", nil)
	if r.status != 200 {
		t.Fatalf("list = %d %s", r.status, r.body)
	}
	items := r.json(t)["items"].([]any)
	if len(items) != 2 {
		t.Fatalf("list has %d items, want the 2 published", len(items))
	}
	// Nearest deadline first for open consultations; drafts never listed.
	if items[0].(map[string]any)["id"] != second.ID || items[0].(map[string]any)["phase"] != "open" {
		t.Errorf("first item = %v", items[0])
	}
	// One at a time, following the cursor.
	r = e.call(nil, "GET", "/api/v1/consultations?limit=1", nil)
	next, _ := r.json(t)["next_cursor"].(string)
	if next == "" || r.header.Get("Link") == "" {
		t.Fatalf("no next page: %s", r.body)
	}
	r = e.call(nil, "GET", "/api/v1/consultations?limit=1&cursor="+url.QueryEscape(next), nil)
	if got := r.json(t)["items"].([]any); len(got) != 1 || got[0].(map[string]any)["id"] != e.c.ID {
		t.Errorf("second page = %s", r.body)
	}
	for q, want := range map[string]int{"phase=open": 2, "phase=closed": 0, "country=PL": 0, "kind=hotarare_consiliu_local": 2,
		"org=" + e.auth.Org.ID: 2, "q=transparenta": 2, "q=inexistent": 0} {
		r := e.call(nil, "GET", "/api/v1/consultations?"+q, nil)
		if r.status != 200 || len(r.json(t)["items"].([]any)) != want {
			t.Errorf("?%s = %d, %d items, want %d", q, r.status, len(r.json(t)["items"].([]any)), want)
		}
	}
	for _, q := range []string{"phase=draft", "kind=nope", "sort=oldest", "region=12", "color=red"} {
		if r := e.call(nil, "GET", "/api/v1/consultations?"+q, nil); r.status != 422 {
			t.Errorf("?%s = %d, want 422", q, r.status)
		}
	}
	// One consultation: clock, units, ETag.
	r = e.call(nil, "GET", "/api/v1/consultations/"+e.c.ID, nil)
	if r.status != 200 {
		t.Fatalf("get = %d %s", r.status, r.body)
	}
	d := r.json(t)
	clock := d["clock"].(map[string]any)
	if clock["phase"] != "open" || clock["zone"] != "Europe/Bucharest" || clock["debate_on_request"] != true || clock["days_left"].(float64) < 10 {
		t.Errorf("clock = %v", clock)
	}
	if units := d["units"].([]any); len(units) != 5 || units[1].(map[string]any)["key"] != "art-1.par-1" {
		t.Errorf("units = %v", units)
	}
	if r2 := e.call(nil, "GET", "/api/v1/consultations/"+e.c.ID, nil, "If-None-Match", r.header.Get("ETag")); r2.status != 304 {
		t.Errorf("If-None-Match = %d", r2.status)
	}
	// A draft is its officers' only.
	if r := e.call(nil, "GET", "/api/v1/consultations/"+e.draft.ID, nil); r.status != 404 {
		t.Errorf("anonymous draft = %d", r.status)
	}
	if r := e.call(e.tok, "GET", "/api/v1/consultations/"+e.draft.ID+"/comments", nil); r.status != 404 {
		t.Errorf("participant draft comments = %d", r.status)
	}
	otok, _ := e.token(e.auth.Officer, nil)
	if r := e.call(otok, "GET", "/api/v1/consultations/"+e.draft.ID, nil); r.status != 200 || r.json(t)["phase"] != "draft" {
		t.Errorf("officer draft = %d", r.status)
	}
	if r := e.call(nil, "GET", "/api/v1/consultations/nope", nil); r.status != 404 {
		t.Errorf("bad id = %d", r.status)
	}
}

func TestAPICommentIdempotency(t *testing.T) {
	t.Parallel()
	e := newConsultAPIEnv(t)
	body := map[string]any{"unit_key": "art-1.par-2", "body": "Termenul de 10 zile este prea scurt.", "amendment": "Termenul este de 30 de zile:"}
	if r := e.post("", e.c.ID, "k-1", body); r.status != 401 {
		t.Errorf("anonymous = %d", r.status)
	}
	if r := e.post(e.tok, e.c.ID, "", body); r.status != 400 || r.code(t) != "consultation_debate.api.idempotency_missing" {
		t.Errorf("no key = %d %s", r.status, r.body)
	}
	if r := e.post(e.tok, e.c.ID, "cheie cu spații", body); r.status != 400 {
		t.Errorf("bad key = %d", r.status)
	}
	r := e.post(e.tok, e.c.ID, "k-1", body)
	if r.status != 201 {
		t.Fatalf("create = %d %s", r.status, r.body)
	}
	c := r.json(t)
	id := c["id"].(string)
	loc := r.header.Get("Location")
	if loc != "/api/v1/consultations/"+e.c.ID+"/comments/"+id || c["body"] != body["body"] || c["source"] != "online" || c["author_name"] != "participant" {
		t.Errorf("created %v at %q", c, loc)
	}
	// A retry replays the first response.
	r2 := e.post(e.tok, e.c.ID, "k-1", body)
	if r2.status != 201 || string(r2.body) != string(r.body) || r2.header.Get("Location") != loc || r2.header.Get("Idempotent-Replayed") != "true" {
		t.Errorf("replay = %d %q %s", r2.status, r2.header.Get("Idempotent-Replayed"), r2.body)
	}
	// The same key with another body, or on another consultation, conflicts.
	other := map[string]any{"body": "Alt text."}
	r3 := e.post(e.tok, e.c.ID, "k-1", other)
	if r3.status != 422 || r3.code(t) != "consultation_debate.api.idempotency_conflict" || r3.problemFields(t)["Idempotency-Key"] == "" {
		t.Errorf("conflict = %d %s", r3.status, r3.body)
	}
	// The same key of another user is another key.
	tok2, _ := e.token(e.user0("p2@x.test"), nil)
	if r := e.post(tok2, e.c.ID, "k-1", body); r.status != 201 || r.json(t)["id"] == id {
		t.Errorf("other user's key = %d %s", r.status, r.body)
	}
	// The list shows both, in order.
	lr := e.call(nil, "GET", "/api/v1/consultations/"+e.c.ID+"/comments", nil)
	if items := lr.json(t)["items"].([]any); len(items) != 2 || items[0].(map[string]any)["id"] != id {
		t.Errorf("list = %s", lr.body)
	}
	if gr := e.call(nil, "GET", loc, nil); gr.status != 200 || gr.json(t)["id"] != id {
		t.Errorf("get = %d", gr.status)
	}
	// Validation names the JSON member; a corrected request may reuse its key.
	if r := e.post(e.tok, e.c.ID, "k-2", map[string]any{"unit_key": "art-9", "body": "x"}); r.status != 422 ||
		r.problemFields(t)["unit_key"] == "" && r.problemFields(t)["body"] == "" {
		t.Errorf("invalid = %d %s", r.status, r.body)
	}
	if r := e.post(e.tok, e.c.ID, "k-3", map[string]any{"unit_key": "art-9", "body": "Un comentariu valid."}); r.status != 422 || r.problemFields(t)["unit_key"] == "" {
		t.Errorf("unknown unit = %d %s", r.status, r.body)
	}
	if r := e.post(e.tok, e.c.ID, "k-3", map[string]any{"unit_key": "art-2", "body": "Un comentariu valid."}); r.status != 201 {
		t.Errorf("corrected = %d %s", r.status, r.body)
	}
	if r := e.post(e.tok, e.c.ID, "k-4", map[string]any{"body": "Text valid.", "org_id": e.auth.Org.ID}); r.status != 422 || r.problemFields(t)["org_id"] == "" {
		t.Errorf("foreign org = %d %s", r.status, r.body)
	}
	if r := e.post(e.tok, e.c.ID, "k-5", map[string]any{"body": "Text valid.", "colour": "red"}); r.status != 422 {
		t.Errorf("unknown member = %d", r.status)
	}
	if r := e.post(e.tok, e.c.ID, "k-6", "{"); r.status != 400 {
		t.Errorf("broken JSON = %d", r.status)
	}
	// An unverified account may not comment.
	utok, _ := e.token(e.unverified("u@x.test"), nil)
	if r := e.post(utok, e.c.ID, "k-7", body); r.status != 403 {
		t.Errorf("unverified = %d", r.status)
	}
}

func TestAPICommentConcurrentDuplicates(t *testing.T) {
	t.Parallel()
	e := newConsultAPIEnv(t)
	body := map[string]any{"unit_key": "art-2", "body": "Un singur comentariu, trimis de zece ori."}
	const n = 10
	ids := make([]string, n)
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			r := e.post(e.tok, e.c.ID, "same-key", body)
			if r.status == 201 {
				ids[i], _ = r.json(t)["id"].(string)
			} else {
				t.Errorf("request %d = %d %s", i, r.status, r.body)
			}
		})
	}
	wg.Wait()
	for i := range ids {
		if ids[i] != ids[0] {
			t.Errorf("response %d names comment %q, first %q", i, ids[i], ids[0])
		}
	}
	cs, err := e.st.Comments(context.Background(), store.CommentFilter{ConsultationID: e.c.ID})
	if err != nil || len(cs) != 1 {
		t.Errorf("%d comments stored, want 1 (%v)", len(cs), err)
	}
	c, _ := e.st.Consultation(context.Background(), e.c.ID)
	if c.CommentCount != 1 {
		t.Errorf("comment_count = %d", c.CommentCount)
	}
}

func TestAPICommentDeadlineHiddenAndAnswers(t *testing.T) {
	t.Parallel()
	e := newConsultAPIEnv(t)
	ctx := context.Background()
	closed := storetest.OpenConsultation(t, e.st, e.auth, time.Now(), -time.Hour)
	r := e.post(e.tok, closed.ID, "late", map[string]any{"body": "Prea târziu?"})
	if r.status != http.StatusConflict || r.code(t) != "consultation.error.deadline_passed" {
		t.Fatalf("late = %d %s", r.status, r.body)
	}
	if got, _ := time.Parse(time.RFC3339, r.json(t)["closes_at"].(string)); !got.Equal(closed.CommentsClose.Truncate(time.Second)) {
		t.Errorf("closes_at = %v, want %v", r.json(t)["closes_at"], closed.CommentsClose)
	}
	// A letter registered after the deadline, answered and published.
	letter, _, err := e.st.CreateComment(ctx, store.NewComment{ConsultationID: closed.ID, AuthorID: e.auth.Officer.ID, Officer: true,
		Input: agora.CommentInput{UnitKey: "art-2", Body: "Scrisoare primită prin poștă.", Source: agora.SourcePost, AuthorName: "Ion Pop"}})
	if err != nil {
		t.Fatal(err)
	}
	hidden, _, err := e.st.CreateComment(ctx, store.NewComment{ConsultationID: closed.ID, AuthorID: e.auth.Officer.ID, Officer: true,
		Input: agora.CommentInput{Body: "<script>document.body.remove()</script> injurii", Source: agora.SourceEmail, AuthorName: "Anonim"}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.HideComment(ctx, e.auth.Admin.ID, closed.ID, hidden.ID, "Limbaj jignitor"); err != nil {
		t.Fatal(err)
	}
	list := func() []any {
		r := e.call(nil, "GET", "/api/v1/consultations/"+closed.ID+"/comments", nil)
		if r.status != 200 {
			t.Fatalf("list = %d %s", r.status, r.body)
		}
		return r.json(t)["items"].([]any)
	}
	items := list()
	if len(items) != 2 {
		t.Fatalf("%d items", len(items))
	}
	h := items[1].(map[string]any)
	if h["hidden"] != true || h["body"] != nil || h["quote"] != nil || h["hidden_note"] != "Limbaj jignitor" {
		t.Errorf("hidden comment = %v", h)
	}
	if items[0].(map[string]any)["answer"] != nil {
		t.Error("answer shown before publication")
	}
	if _, err := e.st.AnswerComments(ctx, e.auth.Officer.ID, closed.ID, agora.AnswerInput{Status: agora.AnswerAccepted,
		Justification: "Preluat în versiunea 2.", CommentIDs: []string{letter.ID}}); err != nil {
		t.Fatal(err)
	}
	if r := e.call(nil, "GET", "/api/v1/consultations/"+closed.ID, nil); len(r.json(t)["answers"].([]any)) != 0 {
		t.Error("answers listed before publication")
	}
	if _, err := e.st.PublishAnswers(ctx, e.auth.Officer.ID, closed.ID); err != nil {
		t.Fatal(err)
	}
	a, _ := list()[0].(map[string]any)["answer"].(map[string]any)
	if a == nil || a["status"] != "accepted" || a["justification"] != "Preluat în versiunea 2." {
		t.Errorf("answer = %v", a)
	}
	d := e.call(nil, "GET", "/api/v1/consultations/"+closed.ID, nil).json(t)
	if answers := d["answers"].([]any); len(answers) != 1 || d["phase"] != "answered" {
		t.Errorf("detail answers = %v, phase %v", answers, d["phase"])
	}
	// Paging through the comments one at a time.
	r = e.call(nil, "GET", "/api/v1/consultations/"+closed.ID+"/comments?limit=1", nil)
	next, _ := r.json(t)["next_cursor"].(string)
	r = e.call(nil, "GET", "/api/v1/consultations/"+closed.ID+"/comments?limit=1&cursor="+url.QueryEscape(next), nil)
	if got := r.json(t)["items"].([]any); len(got) != 1 || got[0].(map[string]any)["id"] != hidden.ID || r.json(t)["next_cursor"] != nil {
		t.Errorf("second page = %s", r.body)
	}
	if r := e.call(nil, "GET", "/api/v1/consultations/"+closed.ID+"/comments?cursor=%21%21", nil); r.status != 422 {
		t.Errorf("bad cursor = %d", r.status)
	}
}
