package jobs_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/jobs"
	"github.com/agora-civic/agora/internal/store"
)

// TestWatchConsultationScan: a person watching a domain, and a person
// watching an act the draft cites, each get one email in their language
// when the periodic scan finds the new consultation; the next scan finds
// nothing new and is itself rescheduled.
func TestWatchConsultationScan(t *testing.T) {
	t.Parallel()
	e := newNotifyEnv(t)
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	jobs.NewWatcher(e.st, cat, "https://agora.test").Register(e.worker)
	ctx := context.Background()
	if _, err := e.st.ImportLaw(ctx, agora.ActDocument{
		Act:   agora.Act{Key: "ro/lege/2003/52", Jurisdiction: agora.RO, Kind: "lege", Number: "52", Year: 2003, Title: "Legea 52/2003", Status: agora.ActInForce},
		Units: []agora.Unit{{Key: "art-7", Kind: agora.UnitArticle, Number: "7", Text: "Anunțul se publică."}},
	}); err != nil {
		t.Fatal(err)
	}
	e.drain()
	pl := e.user("pl@watch.test", "pl", agora.NotifyImmediate)
	en := e.user("en@watch.test", "en", agora.NotifyImmediate)
	lp, _ := e.st.CreateWatchlist(ctx, pl.ID, "Środowisko", "")
	if _, err := e.st.AddWatchItem(ctx, lp.ID, store.WatchItemInput{Kind: store.WatchDomain, Target: "mediu"}); err != nil {
		t.Fatal(err)
	}
	le, _ := e.st.CreateWatchlist(ctx, en.ID, "Transparency", "")
	if _, err := e.st.AddWatchItem(ctx, le.ID, store.WatchItemInput{Kind: store.WatchArticle, Act: "ro/lege/2003/52", Unit: "art-7"}); err != nil {
		t.Fatal(err)
	}
	e.clock.Set(e.clock.Now().Add(time.Minute))
	c, err := e.st.CreateConsultation(ctx, e.auth.Officer.ID, e.auth.Org.ID, agora.ConsultationInput{
		Title: "Proiect privind aerul", ActKind: "hotarare_consiliu_local", RuleSetID: "ro-law52", Domains: []string{"mediu"},
	}, []agora.Unit{{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Text: "Proiectul se publică potrivit art. 7 alin. (1) din Legea nr. 52/2003."}}, "text")
	if err != nil {
		t.Fatal(err)
	}
	now := e.clock.Now()
	if _, err := e.st.PublishConsultation(ctx, e.auth.Officer.ID, c.ID, store.Publication{
		OpensAt: now.Add(-time.Hour), CommentsClose: now.Add(20 * 24 * time.Hour), EarliestAdoption: "2026-06-01"}); err != nil {
		t.Fatal(err)
	}
	if err := jobs.ScheduleWatchScan(ctx, e.st, now); err != nil {
		t.Fatal(err)
	}
	e.clock.Set(now.Add(jobs.WatchScanEvery))
	e.drain()
	mp := e.mailsTo("pl@watch.test")
	if len(mp) != 1 || mp[0].Subject != cat.TN("pl", "watch.mail.subject", 1, map[string]any{"list": "Środowisko"}) ||
		!strings.Contains(mp[0].Text, "https://agora.test/consultations/"+c.ID) {
		t.Fatalf("Polish watcher mails = %+v", mp)
	}
	me := e.mailsTo("en@watch.test")
	want := cat.T("en", "watch.alert.consultation.cites", map[string]any{"item": "Legea 52/2003", "title": c.Title})
	if len(me) != 1 || !strings.Contains(strings.Join(strings.Fields(me[0].Text), " "), want) {
		t.Fatalf("English watcher mails = %+v, want a line %q", me, want)
	}
	// The next slot's scan finds nothing new.
	e.clock.Set(now.Add(2 * jobs.WatchScanEvery))
	e.drain()
	if n := len(e.mailsTo("pl@watch.test")) + len(e.mailsTo("en@watch.test")); n != 2 {
		t.Errorf("after the second scan: %d mails", n)
	}
}

func TestUnitLabel(t *testing.T) {
	for _, tt := range []struct{ key, want string }{
		{"", ""}, {"art-7", "art. 7"}, {"art-7.par-2", "art. 7 (2)"}, {"art-5.par-2.pct-3", "art. 5 (2) pct. 3"},
		{"art-1-1.let-a", "art. 1^1 a)"}, {"cap-ii", "cap ii"}, {"odd", "odd"},
	} {
		if got := jobs.UnitLabel(tt.key); got != tt.want {
			t.Errorf("UnitLabel(%q) = %q, want %q", tt.key, got, tt.want)
		}
	}
}
