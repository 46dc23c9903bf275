package web

import (
	"context"
	"encoding/xml"
	"html"
	"log/slog"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/jobs"
	"github.com/agora-civic/agora/internal/mail"
	"github.com/agora-civic/agora/internal/mail/mailtest"
	"github.com/agora-civic/agora/internal/store"
)

// watchEnv is the web server with a job worker that sends mail to an
// in-process SMTP server, as `agora serve` wires them.
type watchEnv struct {
	*testEnv
	worker *jobs.Worker
	smtp   *mailtest.Server
}

func newWatchEnv(t *testing.T) *watchEnv {
	t.Helper()
	e := newTestEnv(t)
	srv := mailtest.NewServer(t)
	host, port := srv.Addr()
	sender, err := mail.NewSMTPSender(mail.Config{Host: host, Port: port, TLS: mail.TLSNone, From: "agora <no-reply@agora.test>",
		Timeout: 10 * time.Second, HelloName: "agora.test"})
	if err != nil {
		t.Fatal(err)
	}
	w := jobs.New(e.st, slog.New(slog.DiscardHandler), jobs.Config{})
	w.Handle(agora.JobEmail, jobs.EmailHandler(e.st, sender, false))
	jobs.NewWatcher(e.st, e.cat, "http://agora.test").Register(w)
	return &watchEnv{testEnv: e, worker: w, smtp: srv}
}

func (e *watchEnv) drain() {
	e.t.Helper()
	if _, err := e.worker.RunOnce(context.Background()); err != nil {
		e.t.Fatal(err)
	}
}

// importText imports one act written as text, with citations, as
// `agora import laws --format text` does.
func (e *watchEnv) importText(text string) store.LawImportResult {
	e.t.Helper()
	d, err := importer.DecodeTextLaw([]byte(text), nil, "test", importer.CiteRelations)
	if err != nil {
		e.t.Fatal(err)
	}
	r, err := e.st.ImportLaw(context.Background(), d)
	if err != nil {
		e.t.Fatal(err)
	}
	return r
}

// readFeed fetches and parses a watchlist's Atom feed.
func (e *watchEnv) readFeed(feedURL string) atomFeed {
	e.t.Helper()
	u, _ := url.Parse(feedURL)
	code, body := e.get(nil, u.RequestURI())
	if code != 200 {
		e.t.Fatalf("feed: status %d: %s", code, body)
	}
	var f atomFeed
	if err := xml.Unmarshal([]byte(body), &f); err != nil {
		e.t.Fatalf("feed is not XML: %v\n%s", err, body)
	}
	return f
}

var feedURLRE = regexp.MustCompile(`<code id="feed-url">([^<]+)</code>`)
var listURLRE = regexp.MustCompile(`^/watch/([^/]+)$`)

const watchCitingText = `LEGE nr. 7 din 10 martie 2026 privind publicarea deciziilor
Art. 1. - Autoritățile publică deciziile potrivit art. 7 din Legea nr. 52/2003 privind transparența decizională.
Art. 2. - Prezenta lege intră în vigoare la 3 zile de la publicare.
`

// TestWatchlistEndToEnd: a person watches Law 52/2003 (imported from the
// shared sample); a new act citing it is imported; the job sends one
// email and the Atom feed gets one entry; importing the same act again
// raises nothing; the repeal of Law 52/2003 alerts; in digest mode one
// digest email gathers the news.
func TestWatchlistEndToEnd(t *testing.T) {
	t.Parallel()
	e := newWatchEnv(t)
	ctx := context.Background()
	var docs []importer.LawDoc
	rd := importer.LawReader{Format: importer.LawAnsvarJSON, Cite: importer.CiteRelations}
	if err := rd.Read(ctx, []string{"../../../shared/data/ro-laws/sample"}, func(_ string, d importer.LawDoc) error {
		docs = append(docs, d)
		return nil
	}, func(p importer.LawProblem) { t.Errorf("sample problem: %+v", p) }); err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.ImportLaws(ctx, docs); err != nil {
		t.Fatal(err)
	}
	e.drain() // alerts of the initial import: nobody watches yet
	var law52 importer.LawDoc
	for _, d := range docs {
		if d.Act.Key == "ro/lege/2003/52" {
			law52 = d
		}
	}
	if law52.Act.Key == "" {
		t.Fatal("Law 52/2003 is not in the sample")
	}

	ana := e.user("ana@watch.test", agora.RoleParticipant)
	c := e.login(ana)
	code, body := e.get(c, "/watch?act=ro/lege/2003/52")
	if code != 200 || !strings.Contains(body, html.EscapeString(law52.Act.Title)) {
		t.Fatalf("watch this act: %d", code)
	}
	req, _ := newPost(e.ts.URL+"/watch", url.Values{"name": {"Transparență"}, "mode": {""}, "type": {"act"}, "act": {"ro/lege/2003/52"}})
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	m := listURLRE.FindStringSubmatch(resp.Header.Get("Location"))
	if resp.StatusCode != 303 || m == nil {
		t.Fatalf("create list: %d %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	listID := m[1]
	code, body = e.post(c, "/watch/"+listID+"/feed", url.Values{})
	fm := feedURLRE.FindStringSubmatch(body)
	if code != 200 || fm == nil {
		t.Fatalf("feed address: %d", code)
	}
	feedURL := html.UnescapeString(fm[1])
	if f := e.readFeed(feedURL); f.Title.Body != "Transparență" || len(f.Entries) != 0 {
		t.Fatalf("empty feed = %+v", f)
	}

	r := e.importText(watchCitingText)
	if r.Outcome != store.LawCreated {
		t.Fatalf("citing act: %+v", r)
	}
	e.drain()
	msgs := e.smtp.Messages()
	if len(msgs) != 1 || msgs[0].To[0] != "ana@watch.test" {
		t.Fatalf("mails = %d, want 1", len(msgs))
	}
	wantSubject := e.cat.TN("ro", "watch.mail.subject", 1, map[string]any{"list": "Transparență"})
	if msgs[0].Subject != wantSubject || !strings.Contains(msgs[0].Text, "http://agora.test/laws/"+r.ActID) {
		t.Errorf("mail subject %q (want %q), text:\n%s", msgs[0].Subject, wantSubject, msgs[0].Text)
	}
	f := e.readFeed(feedURL)
	if len(f.Entries) != 1 || f.Entries[0].Links[0].Href != "http://agora.test/laws/"+r.ActID || f.Entries[0].Categories[0].Term != "cited" {
		t.Fatalf("feed entries = %+v", f.Entries)
	}
	if !strings.Contains(f.Entries[0].Title.Body, "art. 7") {
		t.Errorf("entry title %q does not name the cited article", f.Entries[0].Title.Body)
	}

	// The same act again: nothing new.
	if again := e.importText(watchCitingText); again.Outcome != store.LawUnchanged {
		t.Fatalf("re-import: %+v", again)
	}
	e.drain()
	if n := len(e.smtp.Messages()); n != 1 {
		t.Errorf("re-import sent mail: %d messages", n)
	}
	if f := e.readFeed(feedURL); len(f.Entries) != 1 {
		t.Errorf("re-import added feed entries: %d", len(f.Entries))
	}

	// Law 52/2003 repealed.
	repealed := law52
	repealed.Act.Status = agora.ActRepealed
	if r, err := e.st.ImportLaw(ctx, repealed); err != nil || r.Outcome != store.LawUpdated {
		t.Fatalf("repeal import: %+v, %v", r, err)
	}
	e.drain()
	if msgs := e.smtp.Messages(); len(msgs) != 2 || !strings.Contains(msgs[1].Text, e.cat.T("ro", "watch.alert.repealed", map[string]any{"title": law52.Act.Title})) {
		t.Errorf("repeal mail missing: %d messages", len(msgs))
	}
	if f := e.readFeed(feedURL); len(f.Entries) != 2 || f.Entries[0].Categories[0].Term != "repealed" {
		t.Errorf("feed after repeal = %+v", f.Entries)
	}

	// Digest mode: the next alert waits for the daily digest.
	if code, _ := e.post(c, "/watch/"+listID, url.Values{"name": {"Transparență"}, "mode": {"digest"}}); code != 303 {
		t.Fatalf("settings: %d", code)
	}
	e.importText(strings.ReplaceAll(watchCitingText, "nr. 7 din 10 martie 2026", "nr. 8 din 11 martie 2026"))
	e.drain()
	if n := len(e.smtp.Messages()); n != 2 {
		t.Errorf("digest mode mailed at once: %d messages", n)
	}
	if err := e.st.Enqueue(ctx, jobs.JobWatchDigest, struct{}{}, store.EnqueueOptions{}); err != nil {
		t.Fatal(err)
	}
	e.drain()
	msgs = e.smtp.Messages()
	if len(msgs) != 3 || msgs[2].Subject != e.cat.TN("ro", "watch.mail.digest.subject", 1, nil) {
		t.Fatalf("digest: %d messages", len(msgs))
	}
	if !strings.Contains(msgs[2].Text, "Transparență") {
		t.Errorf("digest text:\n%s", msgs[2].Text)
	}

	// A reset address cuts off the old one.
	if code, _ := e.post(c, "/watch/"+listID+"/feed", url.Values{}); code != 200 {
		t.Fatalf("reset: %d", code)
	}
	u, _ := url.Parse(feedURL)
	if code, _ := e.get(nil, u.RequestURI()); code != 404 {
		t.Errorf("old feed address: %d, want 404", code)
	}
}
