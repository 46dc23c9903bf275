package web

import (
	"context"
	"fmt"
	"net/http"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

var (
	eventAttrRE = regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	jsURLRE     = regexp.MustCompile(`(?i)<[a-z][^>]*\s(href|src|action|formaction|xlink:href)\s*=\s*["']?\s*(javascript|data|vbscript):`)
	scriptRE    = regexp.MustCompile(`(?i)<script\b[^>]*>`)
	quotedRE    = regexp.MustCompile(`="[^"]*"`)
	jsValueRE   = regexp.MustCompile(`(?i)\s(href|src|action|formaction|xlink:href)="\s*(javascript|data|vbscript):`)
)

// assertInert fails when body holds markup a payload could have planted:
// a script other than ours, an event handler, a script URL, an element
// the pages never emit, or a payload that reached the page unescaped.
func assertInert(t *testing.T, where, body string, payloads []string) {
	t.Helper()
	for _, s := range scriptRE.FindAllString(body, -1) {
		if !strings.HasPrefix(s, `<script src="/static/`) {
			t.Errorf("%s: foreign script %q", where, s)
		}
	}
	// Quoted attribute values are escaped text (a payload inside one is
	// inert); what matters is markup outside them.
	bare := quotedRE.ReplaceAllString(body, `=""`)
	if m := eventAttrRE.FindString(bare); m != "" {
		t.Errorf("%s: event handler in %q", where, m)
	}
	if m := jsURLRE.FindString(bare); m != "" {
		t.Errorf("%s: script URL %q", where, m)
	}
	if m := jsValueRE.FindString(body); m != "" {
		t.Errorf("%s: script URL %q", where, m)
	}
	for _, bad := range []string{"<img", "<svg", "<iframe", "<math", "<style", "<meta http-equiv", "<details open", "<input autofocus", "<noscript"} {
		if strings.Contains(body, bad) {
			t.Errorf("%s: contains %q", where, bad)
		}
	}
	for _, p := range payloads {
		if strings.ContainsAny(p, `<>"'`) && strings.Contains(body, p) {
			t.Errorf("%s: raw payload %q", where, p)
		}
	}
}

// Every bad-input payload, as a comment's body, quote, amendment, sender,
// source note, report and moderation reason, renders inert on every page
// of this slice.
func TestCommentPayloadsRenderInert(t *testing.T) {
	t.Parallel()
	e := newCommentEnv(t, 10*24*time.Hour)
	ctx := context.Background()
	groups := badInput(t)
	var payloads []string
	for _, g := range []string{"xss", "unicode_and_edge", "sqli_and_search_syntax"} {
		payloads = append(payloads, groups[g]...)
	}
	var ids []string
	for i, p := range payloads {
		in := agora.CommentInput{UnitKey: "art-1.par-1", Body: p + " ok", Amendment: p, Quote: p}
		n := store.NewComment{ConsultationID: e.c.ID, AuthorID: e.anna.ID, Input: in, ClientKey: fmt.Sprintf("x%d", i)}
		if i%3 == 1 {
			n.AuthorID, n.Officer = e.auth.Officer.ID, true
			n.Input.Source, n.Input.SourceNote, n.Input.AuthorName = agora.SourceEmail, p, p+" x"
		}
		c, _, err := e.st.CreateComment(ctx, n)
		if err != nil {
			// Payloads the validator refuses (control characters, empty
			// text) never reach a page.
			continue
		}
		ids = append(ids, c.ID)
		if i%5 == 0 {
			_ = e.st.ReportComment(ctx, e.c.ID, c.ID, e.auth.Admin.ID, p+" report")
		}
		if i%7 == 0 {
			_ = e.st.HideComment(ctx, e.auth.Admin.ID, e.c.ID, c.ID, p+" reason")
		}
	}
	if len(ids) < len(groups["xss"]) {
		t.Fatalf("only %d of %d payload comments stored", len(ids), len(payloads))
	}
	script := "<script>document.body.remove()</script>"
	for _, who := range []struct {
		name string
		path string
	}{
		{"page", "/consultations/" + e.c.ID},
		{"unit", "/consultations/" + e.c.ID + "/units/art-1.par-1"},
		{"log", "/consultations/" + e.c.ID + "/moderation"},
	} {
		code, body := e.get(nil, who.path)
		if code != 200 {
			t.Fatalf("%s = %d", who.name, code)
		}
		assertInert(t, who.name, body, payloads)
		_, body = e.get(e.moderator, who.path)
		assertInert(t, who.name+" (moderator)", body, payloads)
		if who.name == "unit" && !strings.Contains(body, "&lt;script&gt;document.body.remove()&lt;/script&gt;") {
			t.Errorf("unit page does not show the script payload as text")
		}
	}
	_, queue := e.get(e.moderator, "/moderation")
	assertInert(t, "queue", queue, payloads)
	for _, id := range ids {
		_, body := e.get(e.moderator, "/consultations/"+e.c.ID+"/comments/"+id)
		assertInert(t, "comment "+id, body, payloads)
	}
	_, _ = e.comment(e.annaC, "art-1.par-1", map[string][]string{"body": {script}, "quote": {script}})
	_, body := e.get(e.annaC, "/consultations/"+e.c.ID+"/units/art-1.par-1")
	assertInert(t, "refused quote form", body, payloads)
}

// The draft text, written outside the template engine, escapes keys,
// labels, headings and text taken from an imported draft.
func TestDraftTextPayloadsInert(t *testing.T) {
	t.Parallel()
	e := newCommentEnv(t, 10*24*time.Hour)
	payloads := badInput(t)["xss"]
	var units []agora.Unit
	for i, p := range payloads {
		units = append(units, agora.Unit{Key: fmt.Sprintf("art-%d%s", i, p), Kind: agora.UnitArticle, Number: p, Heading: p, Text: p + " text"})
	}
	c, err := e.st.CreateConsultation(context.Background(), e.auth.Officer.ID, e.auth.Org.ID, agora.ConsultationInput{
		Title: "Titlu " + payloads[0], ActKind: "dispozitie", RuleSetID: "ro-law52", Summary: strings.Join(payloads, "\n\n"),
		Substantiation: payloads[1], ContactName: payloads[2], Exception: payloads[3]}, units, "text")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.PublishConsultation(context.Background(), e.auth.Officer.ID, c.ID, store.Publication{OpensAt: time.Now().Add(-time.Hour),
		CommentsClose: time.Now().Add(time.Hour), Exception: payloads[4]}); err != nil {
		t.Fatal(err)
	}
	for _, who := range []*commentEnv{e} {
		for _, cl := range []*http.Client{nil, who.annaC, who.officerC} {
			code, body := e.get(cl, "/consultations/"+c.ID)
			if code != 200 {
				t.Fatalf("page = %d", code)
			}
			assertInert(t, "draft page", body, payloads)
		}
	}
	html := string(draftHTML(`a"b`, []unitView{{Key: `k"><script>x</script>`, Label: "<b>", Heading: "&", Text: "<i>", Level: 3, LinkText: "<u>", CountText: "<s>"}}))
	if !strings.Contains(html, `id="k&#34;&gt;&lt;script&gt;`) {
		t.Errorf("draftHTML did not escape the key: %s", html)
	}
	for _, bad := range []string{"<script>", "<b>", "<i>", "<u>", "<s>"} {
		if strings.Contains(html, bad) {
			t.Errorf("draftHTML leaks %q: %s", bad, html)
		}
	}
}
