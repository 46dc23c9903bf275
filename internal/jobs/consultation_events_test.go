package jobs_test

import (
	"context"
	"encoding/json"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/jobs"
	"github.com/agora-civic/agora/internal/mail"
	"github.com/agora-civic/agora/internal/mail/mailtest"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Set(t time.Time) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = t
}

// notifyEnv is a store, a worker with the email and notification
// handlers, and a real SMTP server on loopback.
type notifyEnv struct {
	t      *testing.T
	st     *store.Store
	clock  *clock
	worker *jobs.Worker
	smtp   *mailtest.Server
	auth   storetest.Authority
}

func newNotifyEnv(t *testing.T) *notifyEnv {
	t.Helper()
	// Monday 2 March 2026, 10:00 UTC.
	c := &clock{now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	st := storetest.OpenWith(t, storetest.Options{Now: c.Now})
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	srv := mailtest.NewServer(t)
	host, port := srv.Addr()
	sender, err := mail.NewSMTPSender(mail.Config{Host: host, Port: port, TLS: mail.TLSNone, From: "agora <no-reply@agora.test>",
		Timeout: 10 * time.Second, HelloName: "agora.test"})
	if err != nil {
		t.Fatal(err)
	}
	w := jobs.New(st, slog.New(slog.DiscardHandler), jobs.Config{})
	w.Handle(agora.JobEmail, jobs.EmailHandler(st, sender, false))
	jobs.NewNotifier(st, cat, "https://agora.test/").Register(w)
	if _, err := st.UpsertDomains(context.Background(), []agora.Domain{
		{Slug: "mediu", Names: map[string]string{"ro": "Mediu", "pl": "Środowisko", "en": "Environment"}},
		{Slug: "cultura", Names: map[string]string{"ro": "Cultură", "pl": "Kultura", "en": "Culture"}},
	}); err != nil {
		t.Fatal(err)
	}
	return &notifyEnv{t: t, st: st, clock: c, worker: w, smtp: srv, auth: storetest.NewAuthority(t, st, agora.RO, "sibiu")}
}

func (e *notifyEnv) drain() {
	e.t.Helper()
	if _, err := e.worker.RunOnce(context.Background()); err != nil {
		e.t.Fatal(err)
	}
}

func (e *notifyEnv) user(email, lang string, mode agora.NotifyMode) agora.User {
	e.t.Helper()
	u, err := e.st.CreateUser(context.Background(), store.NewUser{Email: email, DisplayName: email, Lang: lang, EmailVerified: true})
	if err != nil {
		e.t.Fatal(err)
	}
	if err := e.st.SetNotifyMode(context.Background(), u.ID, mode); err != nil {
		e.t.Fatal(err)
	}
	return u
}

func (e *notifyEnv) follow(u agora.User, kind agora.FollowTarget, id string) {
	e.t.Helper()
	if err := e.st.Follow(context.Background(), u.ID, kind, id); err != nil {
		e.t.Fatal(err)
	}
}

// publish creates and publishes a consultation in domain, open from an
// hour ago for closeIn.
func (e *notifyEnv) publish(title, domain string, closeIn time.Duration) agora.Consultation {
	e.t.Helper()
	ctx := context.Background()
	now := e.clock.Now()
	c, err := e.st.CreateConsultation(ctx, e.auth.Officer.ID, e.auth.Org.ID, agora.ConsultationInput{
		Title: title, ActKind: "hotarare_consiliu_local", RuleSetID: "ro-law52", Domains: []string{domain},
	}, storetest.DraftUnits(), "text")
	if err != nil {
		e.t.Fatal(err)
	}
	c, err = e.st.PublishConsultation(ctx, e.auth.Officer.ID, c.ID, store.Publication{
		OpensAt: now.Add(-time.Hour), CommentsClose: now.Add(closeIn), EarliestAdoption: "2026-06-01"})
	if err != nil {
		e.t.Fatal(err)
	}
	return c
}

func (e *notifyEnv) mailsTo(addr string) []mailtest.Received {
	var out []mailtest.Received
	for _, m := range e.smtp.Messages() {
		for _, to := range m.To {
			if to == addr {
				out = append(out, m)
			}
		}
	}
	return out
}

func TestConsultationNotificationsEndToEnd(t *testing.T) {
	ctx := context.Background()
	e := newNotifyEnv(t)
	domainFan := e.user("ewa@x.test", "pl", agora.NotifyImmediate)
	digestFan := e.user("dana@x.test", "ro", agora.NotifyDigest)
	offFan := e.user("otto@x.test", "en", agora.NotifyOff)
	elsewhere := e.user("cora@x.test", "ro", agora.NotifyImmediate)
	e.follow(domainFan, agora.FollowDomain, "mediu")
	e.follow(digestFan, agora.FollowOrg, e.auth.Org.ID)
	e.follow(offFan, agora.FollowDomain, "mediu")
	e.follow(elsewhere, agora.FollowDomain, "cultura")

	// 20 days to comment: closes 22 March 10:00 UTC, so the reminder is
	// due on 19 March at 09:00 Bucharest time (07:00 UTC).
	c := e.publish("Regulament privind spațiile verzi", "mediu", 20*24*time.Hour)
	e.drain()

	got := e.mailsTo("ewa@x.test")
	if len(got) != 1 {
		t.Fatalf("domain follower got %d emails, want 1", len(got))
	}
	m := got[0]
	if m.Subject != "Otwarte na uwagi: Regulament privind spațiile verzi" {
		t.Errorf("subject = %q (want Polish, the reader's language)", m.Subject)
	}
	for _, want := range []string{"https://agora.test/consultations/" + c.ID, "https://agora.test/account/notifications", "Primăria sibiu", "22.03.2026 12:00 (czasu bukaresztańskiego)"} {
		if !strings.Contains(m.Text, want) {
			t.Errorf("email text lacks %q:\n%s", want, m.Text)
		}
	}
	for _, addr := range []string{"dana@x.test", "otto@x.test", "cora@x.test"} {
		if n := len(e.mailsTo(addr)); n != 0 {
			t.Errorf("%s got %d emails at once, want 0", addr, n)
		}
	}
	// Everyone concerned has it in the app, "off" included.
	for _, u := range []agora.User{domainFan, digestFan, offFan} {
		p, err := e.st.Notifications(ctx, u.ID, "", 10)
		if err != nil || len(p.Items) != 1 || p.Items[0].Kind != store.EventOpened || p.Unread != 1 {
			t.Errorf("notifications of %s = %+v, %v", u.Email, p, err)
		}
	}

	// A retried job (the worker died before recording success) mails nobody twice.
	if err := e.st.Enqueue(ctx, store.JobConsultationEvent, store.ConsultationEvent{ConsultationID: c.ID, Event: store.EventOpened}, store.EnqueueOptions{}); err != nil {
		t.Fatal(err)
	}
	e.drain()
	if n := len(e.mailsTo("ewa@x.test")); n != 1 {
		t.Errorf("after a retried job the follower has %d emails, want 1", n)
	}
	if p, _ := e.st.Notifications(ctx, domainFan.ID, "", 10); len(p.Items) != 1 {
		t.Errorf("after a retried job: %d notifications", len(p.Items))
	}

	// The reminder: scheduled once, due three days before the closing day.
	e.follow(domainFan, agora.FollowConsultation, c.ID)
	e.clock.Set(time.Date(2026, 3, 19, 6, 59, 0, 0, time.UTC))
	e.drain()
	if n := len(e.mailsTo("ewa@x.test")); n != 1 {
		t.Fatalf("reminder sent early: %d emails", n)
	}
	e.clock.Set(time.Date(2026, 3, 19, 7, 0, 0, 0, time.UTC))
	e.drain()
	got = e.mailsTo("ewa@x.test")
	if len(got) != 2 || !strings.HasPrefix(got[1].Subject, "Termin wkrótce mija") {
		t.Fatalf("reminder emails = %d %v", len(got), subjects(got))
	}

	// The digest: a second consultation of the same authority, then the
	// daily run mails the digest reader one message with both.
	c2 := e.publish("Strategia culturală a județului", "cultura", 10*24*time.Hour)
	e.drain()
	if err := jobs.ScheduleDigest(ctx, e.st, e.clock.Now()); err != nil {
		t.Fatal(err)
	}
	if err := jobs.ScheduleDigest(ctx, e.st, e.clock.Now()); err != nil { // the server restarted: still one run
		t.Fatal(err)
	}
	e.drain()
	if n := len(e.mailsTo("dana@x.test")); n != 0 {
		t.Fatalf("digest before its hour: %d", n)
	}
	e.clock.Set(jobs.NextDigestAt(e.clock.Now()))
	e.drain()
	got = e.mailsTo("dana@x.test")
	if len(got) != 1 {
		t.Fatalf("digest reader got %d emails, want 1", len(got))
	}
	d := got[0]
	if !strings.Contains(d.Subject, "2 noutăți") || !strings.Contains(d.Text, c.Title) || !strings.Contains(d.Text, c2.Title) ||
		!strings.Contains(d.Text, "https://agora.test/consultations/"+c2.ID) {
		t.Errorf("digest = %q\n%s", d.Subject, d.Text)
	}
	if n := len(e.mailsTo("otto@x.test")); n != 0 {
		t.Errorf("off user got %d emails", n)
	}
	// The next day's run is queued and mails nothing new.
	e.clock.Set(jobs.NextDigestAt(e.clock.Now()))
	e.drain()
	if n := len(e.mailsTo("dana@x.test")); n != 1 {
		t.Errorf("second digest day mailed again: %d", n)
	}
	if st, _ := e.st.JobStats(ctx); st.Failed != 0 || st.Scheduled == 0 {
		t.Errorf("job stats = %+v, want no failures and the next digest scheduled", st)
	}
}

func subjects(ms []mailtest.Received) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Subject)
	}
	return out
}

func TestEventBeforeOpeningWaits(t *testing.T) {
	ctx := context.Background()
	e := newNotifyEnv(t)
	fan := e.user("ewa@x.test", "pl", agora.NotifyImmediate)
	e.follow(fan, agora.FollowOrg, e.auth.Org.ID)
	now := e.clock.Now()
	c, err := e.st.CreateConsultation(ctx, e.auth.Officer.ID, e.auth.Org.ID, agora.ConsultationInput{
		Title: "Proiect anunțat din timp", ActKind: "ordin", RuleSetID: "ro-law52"}, storetest.DraftUnits(), "text")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.PublishConsultation(ctx, e.auth.Officer.ID, c.ID, store.Publication{
		OpensAt: now.Add(48 * time.Hour), CommentsClose: now.Add(30 * 24 * time.Hour), EarliestAdoption: "2026-06-01"}); err != nil {
		t.Fatal(err)
	}
	e.drain()
	if n := len(e.mailsTo("ewa@x.test")); n != 0 {
		t.Fatalf("mailed %d before the consultation opened", n)
	}
	e.clock.Set(now.Add(48 * time.Hour))
	e.drain()
	if n := len(e.mailsTo("ewa@x.test")); n != 1 {
		t.Fatalf("mailed %d when it opened, want 1", n)
	}
}

func TestBadEventPayloadIsPermanent(t *testing.T) {
	e := newNotifyEnv(t)
	for _, p := range []any{"nonsense", store.ConsultationEvent{ConsultationID: "x", Event: "exploded"}} {
		b, _ := json.Marshal(p)
		n := jobs.NewNotifier(e.st, nil, "")
		var perm jobs.PermanentError
		if err := n.HandleEvent(context.Background(), b); err == nil || !asPermanent(err, &perm) {
			t.Errorf("HandleEvent(%s) = %v, want a permanent error", b, err)
		}
	}
	// A consultation that no longer exists is nothing to do.
	b, _ := json.Marshal(store.ConsultationEvent{ConsultationID: "gone", Event: store.EventAnswered})
	if err := jobs.NewNotifier(e.st, nil, "").HandleEvent(context.Background(), b); err != nil {
		t.Errorf("HandleEvent(gone) = %v", err)
	}
}

func asPermanent(err error, p *jobs.PermanentError) bool {
	pe, ok := err.(jobs.PermanentError)
	if ok {
		*p = pe
	}
	return ok
}

func TestNextDigestAt(t *testing.T) {
	for _, tt := range []struct{ now, want time.Time }{
		{time.Date(2026, 3, 2, 5, 0, 0, 0, time.UTC), time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC)},
		{time.Date(2026, 3, 2, 6, 0, 0, 0, time.UTC), time.Date(2026, 3, 3, 6, 0, 0, 0, time.UTC)},
		{time.Date(2026, 12, 31, 23, 0, 0, 0, time.UTC), time.Date(2027, 1, 1, 6, 0, 0, 0, time.UTC)},
	} {
		if got := jobs.NextDigestAt(tt.now); !got.Equal(tt.want) {
			t.Errorf("NextDigestAt(%s) = %s, want %s", tt.now, got, tt.want)
		}
	}
}
