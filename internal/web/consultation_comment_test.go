package web

import (
	"context"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// commentEnv is a server with an open Romanian consultation, its
// authority's officer, a participant and a moderator.
type commentEnv struct {
	*testEnv
	auth      storetest.Authority
	c         agora.Consultation
	anna      agora.User
	annaC     *http.Client
	officerC  *http.Client
	moderator *http.Client
}

func newCommentEnv(t *testing.T, closeIn time.Duration) *commentEnv {
	t.Helper()
	e := newTestEnv(t)
	a := storetest.NewAuthority(t, e.st, agora.RO, "cmt")
	c := storetest.OpenConsultation(t, e.st, a, time.Now(), closeIn)
	anna := e.user("anna@x.test", agora.RoleParticipant)
	return &commentEnv{testEnv: e, auth: a, c: c, anna: anna, annaC: e.login(anna), officerC: e.login(a.Officer),
		moderator: e.login(e.user("mod@x.test", agora.RoleModerator))}
}

var clientKeyRE = regexp.MustCompile(`name="client_key" value="([^"]+)"`)

// formKey fetches a page and returns the one-time key of its form.
func (e *commentEnv) formKey(c *http.Client, path string) string {
	e.t.Helper()
	code, body := e.get(c, path)
	m := clientKeyRE.FindStringSubmatch(body)
	if code != 200 || m == nil {
		e.t.Fatalf("GET %s = %d, no client key\n%.1500s", path, code, body)
	}
	return m[1]
}

func (e *commentEnv) comment(c *http.Client, unit string, form url.Values) (int, string) {
	e.t.Helper()
	form.Set("unit", unit)
	if form.Get("client_key") == "" {
		form.Set("client_key", e.formKey(c, "/consultations/"+e.c.ID+"/units/"+unit))
	}
	return e.post(c, "/consultations/"+e.c.ID+"/comments", form)
}

func TestConsultationPageShowsClockAndEveryParagraph(t *testing.T) {
	t.Parallel()
	e := newCommentEnv(t, 10*24*time.Hour)
	code, body := e.get(nil, "/consultations/"+e.c.ID)
	if code != 200 {
		t.Fatalf("page = %d\n%.2000s", code, body)
	}
	for _, want := range []string{e.c.Title, `id="art-1.par-2"`, `/consultations/` + e.c.ID + `/units/art-1.par-2#comment-form`,
		"Comentați alin. (2)", "ora Bucureștiului", e.c.CommentsClose.In(mustZone(t, "Europe/Bucharest")).Format("15:04"), "zile rămase", "Nu a fost cerută", "Sign in", `<h3>Art. 1 — Obiect</h3>`} {
		if want == "Sign in" {
			want = "Autentificați-vă pentru a comenta"
		}
		if !strings.Contains(body, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	// Officers see the links to the other pages of the consultation.
	_, body = e.get(e.officerC, "/consultations/"+e.c.ID)
	for _, link := range []string{"/answers", "/versions/new", "/register", "/debates/new", "/report"} {
		if !strings.Contains(body, "/consultations/"+e.c.ID+link) {
			t.Errorf("officer page lacks %s", link)
		}
	}
	// A draft is not found for anyone but the officers.
	d, err := e.st.CreateConsultation(context.Background(), e.auth.Officer.ID, e.auth.Org.ID, agora.ConsultationInput{
		Title: "Ciornă nepublicată", ActKind: "dispozitie", RuleSetID: "ro-law52"}, storetest.DraftUnits(), "text")
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := e.get(nil, "/consultations/"+d.ID); code != 404 {
		t.Errorf("draft for a visitor = %d", code)
	}
	if code, _ := e.get(e.annaC, "/consultations/"+d.ID+"/units/art-1"); code != 404 {
		t.Errorf("draft unit for a participant = %d", code)
	}
	if code, _ := e.get(e.officerC, "/consultations/"+d.ID); code != 200 {
		t.Errorf("draft for its officer = %d", code)
	}
}

// The anonymous page costs one statement when cached, and a comment
// shows at once (the revision changed).
func TestConsultationPageStatementsAndCache(t *testing.T) {
	t.Parallel()
	e := newCommentEnv(t, 10*24*time.Hour)
	path := "/consultations/" + e.c.ID
	count := func(c *http.Client) (int64, string) {
		before := e.st.Queries().Count()
		code, body := e.get(c, path)
		if code != 200 {
			t.Fatalf("page = %d", code)
		}
		return e.st.Queries().Count() - before, body
	}
	if n, _ := count(nil); n > 6 {
		t.Errorf("first anonymous render: %d statements, want at most 5 and the revision check", n)
	}
	if n, _ := count(nil); n != 1 {
		t.Errorf("cached anonymous page: %d statements, want 1", n)
	}
	if n, _ := count(e.annaC); n > 9 {
		t.Errorf("signed-in render: %d statements", n)
	}
	if code, _ := e.comment(e.annaC, "art-2", url.Values{"body": {"O propunere."}}); code != http.StatusSeeOther {
		t.Fatalf("comment = %d", code)
	}
	if _, body := count(nil); !strings.Contains(body, "1 comentariu") {
		t.Error("the cached page did not show the new comment")
	}
	// A conditional request for the same revision gets 304.
	req, _ := http.NewRequest("GET", e.ts.URL+path, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	req.Header.Set("If-None-Match", resp.Header.Get("ETag"))
	if resp, err = http.DefaultClient.Do(req); err != nil || resp.StatusCode != http.StatusNotModified {
		t.Fatalf("conditional request: %v %v", err, resp.StatusCode)
	}
	resp.Body.Close()
}

func TestCommentDoubleSubmitQuoteAndAmendment(t *testing.T) {
	t.Parallel()
	e := newCommentEnv(t, 10*24*time.Hour)
	key := e.formKey(e.annaC, "/consultations/"+e.c.ID+"/units/art-1.par-2")
	form := url.Values{"client_key": {key}, "body": {"Zece zile sunt **prea puține**."},
		"quote": {"  de 10\n zile "}, "amendment": {"de 30 de zile"}}
	for range 2 {
		if code, body := e.comment(e.annaC, "art-1.par-2", form); code != http.StatusSeeOther {
			t.Fatalf("comment = %d\n%.1500s", code, body)
		}
	}
	all, _ := e.st.Comments(context.Background(), store.CommentFilter{ConsultationID: e.c.ID})
	if len(all) != 1 {
		t.Fatalf("double submission stored %d comments", len(all))
	}
	if all[0].Quote != "de 10 zile" {
		t.Errorf("quote = %q, want the span as in the text", all[0].Quote)
	}
	_, body := e.get(nil, "/consultations/"+e.c.ID+"/units/art-1.par-2")
	for _, want := range []string{"<strong>prea puține</strong>", `<del><span class="visually-hidden">șters: </span>`,
		`<ins><span class="visually-hidden">adăugat: </span>`, "de 10 zile", "anna"} {
		if !strings.Contains(body, want) {
			t.Errorf("unit page lacks %q", want)
		}
	}
	// Words that are not in the paragraph are refused with the field named.
	code, body := e.comment(e.annaC, "art-1.par-2", url.Values{"body": {"Altceva."}, "quote": {"nu apare"}})
	if code != 422 || !strings.Contains(body, "Cuvintele citate nu se găsesc") || !strings.Contains(body, `href="#f-quote"`) {
		t.Errorf("foreign quote = %d\n%.1500s", code, body)
	}
	// Visitors are sent to sign in.
	if code, _ := e.post(nil, "/consultations/"+e.c.ID+"/comments", url.Values{"body": {"Anonim."}}); code != 401 {
		t.Errorf("anonymous comment = %d", code)
	}
}

func TestLateCommentSaysWhenItClosed(t *testing.T) {
	t.Parallel()
	e := newCommentEnv(t, -time.Hour)
	_, page := e.get(e.annaC, "/consultations/"+e.c.ID+"/units/art-2")
	if strings.Contains(page, `name="client_key"`) || !strings.Contains(page, "Perioada de comentarii s-a încheiat la") {
		t.Errorf("closed unit page still offers the form\n%.1500s", page)
	}
	code, body := e.comment(e.annaC, "art-2", url.Values{"body": {"Prea târziu."}, "client_key": {"late"}})
	closes := e.c.CommentsClose.In(mustZone(t, "Europe/Bucharest")).Format("15:04")
	if code != http.StatusConflict || !strings.Contains(body, closes) || !strings.Contains(body, "ora Bucureștiului") {
		t.Errorf("late comment = %d, want 409 with %s\n%.1500s", code, closes, body)
	}
}

func mustZone(t *testing.T, name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestEditSupportReportModerate(t *testing.T) {
	t.Parallel()
	e := newCommentEnv(t, 10*24*time.Hour)
	if code, _ := e.comment(e.annaC, "art-2", url.Values{"body": {"Prima variantă."}}); code != http.StatusSeeOther {
		t.Fatal("comment")
	}
	all, _ := e.st.Comments(context.Background(), store.CommentFilter{ConsultationID: e.c.ID})
	cm := all[0]
	base := "/consultations/" + e.c.ID + "/comments/" + cm.ID
	bob := e.login(e.user("bob@x.test", agora.RoleParticipant))

	if code, _ := e.get(bob, base+"/edit"); code != 403 {
		t.Errorf("edit form for another = %d", code)
	}
	if code, _ := e.post(bob, base+"/edit", url.Values{"body": {"Furat."}}); code != 403 {
		t.Errorf("edit by another = %d", code)
	}
	if code, _ := e.post(e.annaC, base+"/edit", url.Values{"body": {"A doua variantă."}}); code != http.StatusSeeOther {
		t.Fatalf("edit = %d", code)
	}
	_, body := e.get(nil, base)
	if !strings.Contains(body, "A doua variantă.") || !strings.Contains(body, "Prima variantă.") || !strings.Contains(body, "Istoricul modificărilor") {
		t.Errorf("comment page lacks the history\n%.2000s", body)
	}

	if code, _ := e.post(e.annaC, base+"/support", nil); code != 409 {
		t.Errorf("own support = %d", code)
	}
	if code, _ := e.post(bob, base+"/support", nil); code != http.StatusSeeOther {
		t.Errorf("support = %d", code)
	}
	if c, _ := e.st.Comment(context.Background(), cm.ID); c.Supports != 1 {
		t.Errorf("supports = %d", c.Supports)
	}
	if code, _ := e.post(bob, base+"/report", url.Values{"reason": {"Jignitor."}}); code != http.StatusSeeOther {
		t.Errorf("report = %d", code)
	}
	if code, _ := e.get(bob, "/moderation"); code != 403 {
		t.Errorf("queue for a participant = %d", code)
	}
	if code, body := e.get(e.moderator, "/moderation"); code != 200 || !strings.Contains(body, "Jignitor.") {
		t.Errorf("queue = %d", code)
	}
	if code, _ := e.post(bob, base+"/hide", url.Values{"reason": {"Nu pot."}}); code != 403 {
		t.Errorf("hide by a participant = %d", code)
	}
	if code, _ := e.post(e.officerC, base+"/hide", url.Values{"reason": {"Nici eu."}}); code != 403 {
		t.Errorf("hide by the authority = %d", code)
	}
	if code, _ := e.post(e.moderator, base+"/hide", url.Values{"reason": {"Atac la persoană."}}); code != http.StatusSeeOther {
		t.Errorf("hide = %d", code)
	}
	_, unit := e.get(nil, "/consultations/"+e.c.ID+"/units/art-2")
	if strings.Contains(unit, "A doua variantă.") || !strings.Contains(unit, "Atac la persoană.") {
		t.Errorf("hidden comment still shown, or no reason")
	}
	if _, one := e.get(nil, base); strings.Contains(one, "Prima variantă.") || strings.Contains(one, "A doua variantă.") {
		t.Errorf("hidden comment's text or history on its page")
	}
	if _, log := e.get(nil, "/consultations/"+e.c.ID+"/moderation"); !strings.Contains(log, "Atac la persoană.") || !strings.Contains(log, "Ascuns") {
		t.Errorf("moderation log lacks the decision")
	}
	if code, _ := e.post(e.moderator, base+"/unhide", url.Values{"reason": {"Reformulat."}}); code != http.StatusSeeOther {
		t.Errorf("unhide = %d", code)
	}
}

func TestRegisterOfflineRecommendation(t *testing.T) {
	t.Parallel()
	e := newCommentEnv(t, 10*24*time.Hour)
	path := "/consultations/" + e.c.ID + "/register"
	if code, _ := e.get(e.annaC, path); code != 403 {
		t.Errorf("register form for a participant = %d", code)
	}
	key := e.formKey(e.officerC, path)
	form := url.Values{"client_key": {key}, "source": {"post"}, "source_note": {"nr. 12/2026"}, "author_name": {"Asociația Beta"},
		"submitted_on": {time.Now().AddDate(0, 0, -1).Format(time.DateOnly)}, "unit": {"art-1"}, "body": {"Scrisoare primită."}}
	if code, body := e.post(e.officerC, path, form); code != http.StatusSeeOther {
		t.Fatalf("register = %d\n%.1500s", code, body)
	}
	if code, _ := e.post(e.officerC, path, form); code != http.StatusSeeOther {
		t.Fatal("register again")
	}
	_, body := e.get(nil, "/consultations/"+e.c.ID+"/units/art-1")
	if !strings.Contains(body, "Asociația Beta") || !strings.Contains(body, "Primit prin: Poștă") && !strings.Contains(body, "Primit prin:") {
		t.Errorf("registered recommendation not marked with its source\n%.2000s", body)
	}
	all, _ := e.st.Comments(context.Background(), store.CommentFilter{ConsultationID: e.c.ID})
	if len(all) != 1 {
		t.Errorf("double-submitted registration stored %d", len(all))
	}
	form.Set("source", "online")
	form.Set("client_key", "other")
	if code, _ := e.post(e.officerC, path, form); code != 422 {
		t.Errorf("online source registered by an officer = %d", code)
	}
}
