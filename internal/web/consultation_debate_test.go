package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// debateEnv is a server with an open Romanian consultation, its officer,
// an association with one member, and a participant.
type debateEnv struct {
	*testEnv
	auth     storetest.Authority
	c        agora.Consultation
	org      agora.Organisation
	member   *http.Client
	officer  *http.Client
	attendee agora.User
	attC     *http.Client
}

func newDebateEnv(t *testing.T) *debateEnv {
	t.Helper()
	e := newTestEnv(t)
	a := storetest.NewAuthority(t, e.st, agora.RO, "deb")
	c := storetest.OpenConsultation(t, e.st, a, time.Now(), 20*24*time.Hour)
	m := e.user("ngo@x.test", agora.RoleParticipant)
	org, err := e.st.CreateOrg(context.Background(), m.ID, agora.OrgInput{Name: "Asociația Vecinilor", Kind: string(agora.OrgAssociation), Country: "RO"})
	if err != nil {
		t.Fatal(err)
	}
	att := e.user("ana@x.test", agora.RoleParticipant)
	return &debateEnv{testEnv: e, auth: a, c: c, org: org, member: e.login(m), officer: e.login(a.Officer), attendee: att, attC: e.login(att)}
}

// send makes a same-origin request and returns status, body and Location.
func (e *debateEnv) send(c *http.Client, method, path, ctype string, body io.Reader) (int, string, string) {
	e.t.Helper()
	req, err := http.NewRequest(method, e.ts.URL+path, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	if c == nil {
		c = e.client()
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b), resp.Header.Get("Location")
}

func (e *debateEnv) form(c *http.Client, path string, v url.Values) (int, string, string) {
	return e.send(c, "POST", path, "application/x-www-form-urlencoded", strings.NewReader(v.Encode()))
}

// past schedules, through the store, a debate that began an hour ago.
func (e *debateEnv) past(notice string) agora.Debate {
	e.t.Helper()
	d, err := e.st.ScheduleDebate(context.Background(), e.auth.Officer.ID, store.NewDebate{ConsultationID: e.c.ID,
		StartsAt: time.Now().Add(-time.Hour), Place: "Sala mare", Notice: notice})
	if err != nil {
		e.t.Fatal(err)
	}
	return d
}

func TestDebateRequestOncePerOrganisation(t *testing.T) {
	t.Parallel()
	e := newDebateEnv(t)
	path := consultationPath(e.c.ID, "debate-requests")
	v := url.Values{"org_id": {e.org.ID}, "reason": {"Proiectul privește direct cartierul nostru."}}
	// Anonymous visitors and people outside the organisation may not ask.
	if code, _, _ := e.form(nil, path, v); code != http.StatusUnauthorized {
		t.Errorf("anonymous request = %d, want 401", code)
	}
	if code, _, _ := e.form(e.attC, path, v); code != http.StatusForbidden {
		t.Errorf("non-member request = %d, want 403", code)
	}
	// Too short a reason comes back on a form with the field's error.
	code, body, _ := e.form(e.member, path, url.Values{"org_id": {e.org.ID}, "reason": {"da"}})
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-reason-error"`) || !strings.Contains(body, "Asociația Vecinilor") {
		t.Errorf("short reason = %d\n%.1500s", code, body)
	}
	code, _, loc := e.form(e.member, path, v)
	if code != http.StatusSeeOther || loc != consultationPath(e.c.ID) {
		t.Fatalf("request = %d → %q", code, loc)
	}
	_, body = e.get(e.member, loc)
	if !strings.Contains(body, "Cererea de dezbatere publică a fost trimisă autorității.") {
		t.Errorf("no confirmation on the consultation page")
	}
	// The second request of the same organisation is a friendly notice.
	code, _, loc = e.form(e.member, path, v)
	if code != http.StatusSeeOther {
		t.Fatalf("second request = %d", code)
	}
	_, body = e.get(e.member, loc)
	if !strings.Contains(body, "ceruse deja o dezbatere") {
		t.Errorf("no notice of the earlier request")
	}
	c, err := e.st.Consultation(context.Background(), e.c.ID)
	if err != nil || c.DebateRequests != 1 {
		t.Errorf("debate_requests = %d, %v", c.DebateRequests, err)
	}
	// The officer sees the request on the notice form.
	_, body = e.get(e.officer, consultationPath(e.c.ID, "debates", "new"))
	if !strings.Contains(body, "Proiectul privește direct cartierul nostru.") || !strings.Contains(body, "1 organizație a cerut o dezbatere") {
		t.Errorf("notice form lacks the request\n%.3000s", body)
	}
}

func TestScheduleDebateNoticePeriod(t *testing.T) {
	t.Parallel()
	e := newDebateEnv(t)
	path := consultationPath(e.c.ID, "debates", "new")
	if code, _, loc := e.send(nil, "GET", path, "", nil); code != http.StatusSeeOther || !strings.HasPrefix(loc, "/login") {
		t.Errorf("anonymous form = %d → %q", code, loc)
	}
	if code, _, _ := e.send(e.attC, "GET", path, "", nil); code != http.StatusForbidden {
		t.Errorf("participant form = %d, want 403", code)
	}
	code, body, _ := e.send(e.officer, "GET", path, "", nil)
	if code != 200 || !strings.Contains(body, "cel puțin 3 zile calendaristice") || !strings.Contains(body, "ora Bucureștiului") {
		t.Fatalf("form = %d\n%.3000s", code, body)
	}
	zone := legal.Zone(agora.RO)
	tomorrow := time.Now().In(zone).AddDate(0, 0, 1).Format(time.DateOnly)
	v := url.Values{"debate_date": {tomorrow}, "debate_time": {"17:00"}, "place": {"Sala de consiliu"},
		"notice": {"Ordinea de zi: prezentarea proiectului și discuții."}}
	// One day's notice breaks Law 52/2003 art. 8.
	code, body, _ = e.form(e.officer, path, v)
	if code != http.StatusUnprocessableEntity || !strings.Contains(body, "este anunțată prea târziu") || !strings.Contains(body, `id="f-debate_date-error"`) {
		t.Fatalf("short notice = %d\n%.3000s", code, body)
	}
	// An emergency needs a justification worth publishing.
	v.Set("emergency", "1")
	v.Set("exception", "urgent")
	if code, body, _ = e.form(e.officer, path, v); code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-exception-error"`) {
		t.Errorf("short exception = %d", code)
	}
	v.Set("exception", "Termenul de adoptare impus de lege expiră săptămâna viitoare.")
	code, _, loc := e.form(e.officer, path, v)
	if code != http.StatusSeeOther || !strings.HasPrefix(loc, consultationPath(e.c.ID, "debates")+"/") {
		t.Fatalf("emergency notice = %d → %q", code, loc)
	}
	_, body = e.get(nil, loc)
	for _, want := range []string{"Anunțată cu termen redus (urgență)", "Termenul de adoptare impus", "Sala de consiliu", "17:00", "ora Bucureștiului", "Ordinea de zi"} {
		if !strings.Contains(body, want) {
			t.Errorf("notice lacks %q", want)
		}
	}
	// Bad input names its field: plain http links, no place at all, a
	// time that is no time, a day in the past.
	later := time.Now().In(zone).AddDate(0, 0, 5).Format(time.DateOnly)
	for field, edit := range map[string]func(url.Values){
		"online_url":  func(v url.Values) { v.Set("online_url", "http://meet.example/x") },
		"place":       func(v url.Values) { v.Del("place") },
		"debate_time": func(v url.Values) { v.Set("debate_time", "25:99") },
		"debate_date": func(v url.Values) { v.Set("debate_date", "2020-01-01") },
	} {
		w := url.Values{"debate_date": {later}, "debate_time": {"10:30"}, "place": {"Sala"}, "notice": {"Ordinea de zi completă."}}
		edit(w)
		code, body, _ := e.form(e.officer, path, w)
		if code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-`+field+`-error"`) {
			t.Errorf("%s: %d", field, code)
		}
	}
	// Five days ahead with an https link keeps the rule: no exception.
	w := url.Values{"debate_date": {later}, "debate_time": {"10:30"}, "online_url": {"https://meet.example/abc?pwd=1"}, "notice": {"Ordinea de zi completă."}}
	code, _, loc = e.form(e.officer, path, w)
	if code != http.StatusSeeOther {
		t.Fatalf("legal notice = %d", code)
	}
	_, body = e.get(nil, loc)
	if strings.Contains(body, "urgență") || !strings.Contains(body, `href="https://meet.example/abc?pwd=1"`) {
		t.Errorf("legal notice page\n%.3000s", body)
	}
	ds, err := e.st.Debates(context.Background(), e.c.ID)
	if err != nil || len(ds) != 2 {
		t.Errorf("debates = %d, %v", len(ds), err)
	}
	if got := ds[len(ds)-1].StartsAt.In(zone).Format("2006-01-02 15:04"); got != later+" 10:30" {
		t.Errorf("starts at %s in Bucharest, want %s 10:30", got, later)
	}
	if !hasJob(t, e.st, store.EventDebate) {
		t.Error("followers are not told of the debate")
	}
}

// hasJob reports whether a consultation event of that kind is queued.
func hasJob(t *testing.T, st *store.Store, event string) bool {
	t.Helper()
	jobs, err := st.ClaimJobs(context.Background(), "test", 1000, time.Minute)
	if err != nil {
		t.Fatal(err)
	}
	for _, j := range jobs {
		var ev store.ConsultationEvent
		if j.Kind == store.JobConsultationEvent && json.Unmarshal(j.Payload, &ev) == nil && ev.Event == event {
			return true
		}
	}
	return false
}

var registeredRE = regexp.MustCompile(`<dt>Înscriși</dt><dd>([^<]+)</dd>`)

func TestDebateRegistrationToggles(t *testing.T) {
	t.Parallel()
	e := newDebateEnv(t)
	d, err := e.st.ScheduleDebate(context.Background(), e.auth.Officer.ID, store.NewDebate{ConsultationID: e.c.ID,
		StartsAt: time.Now().Add(96 * time.Hour), Place: "Sala mare", Notice: "Ordinea de zi."})
	if err != nil {
		t.Fatal(err)
	}
	page := consultationPath(e.c.ID, "debates", d.ID)
	reg := page + "/register"
	if code, _, _ := e.form(nil, reg, nil); code != http.StatusUnauthorized {
		t.Errorf("anonymous register = %d", code)
	}
	_, body := e.get(nil, page)
	if !strings.Contains(body, "Autentificați-vă pentru a vă înscrie") {
		t.Error("visitors are not asked to sign in")
	}
	for i, want := range []string{"1 persoană", "0 persoane", "1 persoană"} {
		code, _, loc := e.form(e.attC, reg, nil)
		if code != http.StatusSeeOther || loc != page {
			t.Fatalf("toggle %d = %d → %q", i, code, loc)
		}
		_, body := e.get(e.attC, page)
		m := registeredRE.FindStringSubmatch(body)
		if m == nil || m[1] != want {
			t.Errorf("after toggle %d: registered %v, want %q", i, m, want)
		}
		if registered := strings.Contains(body, "Retrageți înscrierea"); registered != (i%2 == 0) {
			t.Errorf("after toggle %d: withdraw button shown = %v", i, registered)
		}
	}
	// A debate that has begun takes no registrations.
	old := e.past("Ordinea de zi.")
	if code, _, _ := e.form(e.attC, consultationPath(e.c.ID, "debates", old.ID, "register"), nil); code != http.StatusConflict {
		t.Errorf("late registration = %d, want 409", code)
	}
	if code, _ := e.get(nil, consultationPath(e.c.ID, "debates", agora.NewID())); code != http.StatusNotFound {
		t.Errorf("unknown debate = %d", code)
	}
}

// multipartBody builds a form with one file and repeated fields.
func multipartBody(t *testing.T, fields url.Values, file, name string, data []byte) (string, *bytes.Buffer) {
	t.Helper()
	var b bytes.Buffer
	w := multipart.NewWriter(&b)
	for k, vs := range fields {
		for _, v := range vs {
			_ = w.WriteField(k, v)
		}
	}
	if name != "" {
		fw, err := w.CreateFormFile(file, name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = fw.Write(data)
	}
	_ = w.Close()
	return w.FormDataContentType(), &b
}

func TestDebateMinutesUploadAndListing(t *testing.T) {
	t.Parallel()
	e := newDebateEnv(t)
	ctx := context.Background()
	d := e.past("Ordinea de zi.")
	rec, _, err := e.st.CreateComment(ctx, store.NewComment{ConsultationID: e.c.ID, AuthorID: e.auth.Officer.ID, Officer: true,
		Input: agora.CommentInput{UnitKey: "art-2", Body: "Intrarea în vigoare după 30 de zile.", Source: agora.SourceDebate, AuthorName: "Ion Ionescu"}})
	if err != nil {
		t.Fatal(err)
	}
	path := consultationPath(e.c.ID, "debates", d.ID, "minutes")
	if code, _, _ := e.send(e.attC, "GET", path, "", nil); code != http.StatusForbidden {
		t.Errorf("participant minutes form = %d", code)
	}
	code, body, _ := e.send(e.officer, "GET", path, "", nil)
	if code != 200 || !strings.Contains(body, `value="`+rec.ID+`"`) || !strings.Contains(body, "Ion Ionescu") {
		t.Fatalf("minutes form = %d\n%.3000s", code, body)
	}
	// A file that is not PDF, ODT, DOCX or TXT is refused.
	ct, b := multipartBody(t, url.Values{"summary": {"Rezumat."}}, "minutes_file", "minuta.exe", []byte("MZ"))
	if code, body, _ := e.send(e.officer, "POST", path, ct, b); code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-minutes_file-error"`) {
		t.Errorf("exe minutes = %d", code)
	}
	// Nor is a .pdf that is not one.
	ct, b = multipartBody(t, nil, "minutes_file", "minuta.pdf", []byte("not a pdf"))
	if code, _, _ := e.send(e.officer, "POST", path, ct, b); code != http.StatusUnprocessableEntity {
		t.Errorf("fake pdf = %d", code)
	}
	ct, b = multipartBody(t, url.Values{"summary": {"S-a discutat **art. 2**."}, "participants": {"23"}, "comments": {rec.ID}},
		"minutes_file", "Minuta ședinței.txt", []byte("Minuta ședinței din martie"))
	code, _, loc := e.send(e.officer, "POST", path, ct, b)
	if code != http.StatusSeeOther || loc != consultationPath(e.c.ID, "debates", d.ID) {
		t.Fatalf("minutes = %d → %q", code, loc)
	}
	_, body = e.get(nil, loc)
	for _, want := range []string{"23 de participanți", "<strong>art. 2</strong>", "Intrarea în vigoare după 30 de zile.", "Ion Ionescu", "Descărcați minuta (Minuta ședinței.txt)"} {
		if !strings.Contains(body, want) {
			t.Errorf("debate page lacks %q", want)
		}
	}
	m := regexp.MustCompile(`href="(/consultations/[^"]+/files/[^"]+)"`).FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no download link")
	}
	code, data := e.get(nil, m[1])
	if code != 200 || data != "Minuta ședinței din martie" {
		t.Errorf("download = %d %q", code, data)
	}
	// Saving again without a file keeps the document.
	if code, _, _ := e.form(e.officer, path, url.Values{"summary": {"Rezumat nou."}, "participants": {"24"}}); code != http.StatusSeeOther {
		t.Errorf("second save = %d", code)
	}
	p, err := e.st.DebatePage(ctx, e.c.ID, d.ID, "", false)
	if err != nil || p.MinutesFile == nil || p.Debate.Participants != 24 || len(p.Comments) != 1 {
		t.Errorf("after second save: %+v, %v", p, err)
	}
	// Negative participants are refused.
	if code, _, _ := e.form(e.officer, path, url.Values{"participants": {"-3"}}); code != http.StatusUnprocessableEntity {
		t.Errorf("negative participants = %d", code)
	}
}

// Payloads in the notice, place, exception, minutes and a linked
// recommendation render inert on the debate pages.
func TestDebatePayloadsRenderInert(t *testing.T) {
	t.Parallel()
	e := newDebateEnv(t)
	ctx := context.Background()
	groups := badInput(t)
	payloads := groups["xss"]
	for i, p := range payloads {
		d, err := e.st.ScheduleDebate(ctx, e.auth.Officer.ID, store.NewDebate{ConsultationID: e.c.ID, StartsAt: time.Now().Add(-time.Hour),
			Place: p, Notice: p + "\n\n" + p, Exception: p})
		if err != nil {
			t.Fatal(err)
		}
		rec, _, err := e.st.CreateComment(ctx, store.NewComment{ConsultationID: e.c.ID, AuthorID: e.auth.Officer.ID, Officer: true,
			Input: agora.CommentInput{Body: p + " ok", Source: agora.SourceDebate, AuthorName: p + " x"}})
		if err == nil {
			_, err = e.st.RecordDebateMinutes(ctx, e.auth.Officer.ID, store.DebateMinutes{ConsultationID: e.c.ID, DebateID: d.ID,
				Summary: p + " rezumat", CommentIDs: []string{rec.ID}})
			if err != nil {
				t.Fatal(err)
			}
		}
		for _, c := range []*http.Client{nil, e.officer} {
			code, body := e.get(c, consultationPath(e.c.ID, "debates", d.ID))
			if code != 200 {
				t.Fatalf("payload %d: page = %d", i, code)
			}
			assertInert(t, "debate page", body, payloads)
		}
		_, body := e.get(e.officer, consultationPath(e.c.ID, "debates", d.ID, "minutes"))
		assertInert(t, "minutes form", body, payloads)
	}
	_, body := e.get(e.officer, consultationPath(e.c.ID, "debates", "new"))
	assertInert(t, "notice form", body, payloads)
}
