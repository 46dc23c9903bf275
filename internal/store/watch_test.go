package store_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// watchCompose is a WatchCompose that records what it was asked to mail.
type watchCompose struct{ calls [][]store.WatchAlert }

func (w *watchCompose) compose(r store.Recipient, l store.Watchlist, as []store.WatchAlert) agora.Email {
	w.calls = append(w.calls, as)
	return agora.Email{To: r.Email, Lang: r.Lang, Subject: "alerts of " + l.Name, Paragraphs: []string{as[0].Title}}
}

func watchUser(t *testing.T, st *store.Store, email string) agora.User {
	t.Helper()
	u, err := st.CreateUser(context.Background(), store.NewUser{Email: email, DisplayName: email, EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

func citing(key, title, cited, unit string) agora.ActDocument {
	d := lawDoc(key, title)
	d.Relations = []agora.ActRelation{{FromUnit: "art-1", ToActKey: cited, ToUnit: unit, Kind: agora.RelationCites, Raw: "Legea nr. 52/2003"}}
	return d
}

// changeFor returns the job payload the import enqueued for result r.
func changeFor(r store.LawImportResult) store.LawChange {
	return store.LawChange{ActID: r.ActID, Outcome: r.Outcome, Version: r.Version, PrevStatus: r.PrevStatus, Status: r.Status}
}

func TestWatchlistCRUDAndValidation(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	u := watchUser(t, st, "ana@watch.test")
	if _, err := st.CreateWatchlist(ctx, u.ID, "  ", ""); agora.KindOf(err) != agora.Invalid {
		t.Errorf("empty name: %v", err)
	}
	if _, err := st.CreateWatchlist(ctx, u.ID, "x", "weekly"); agora.KindOf(err) != agora.Invalid {
		t.Errorf("bad mode: %v", err)
	}
	l, err := st.CreateWatchlist(ctx, u.ID, "Transparență", "")
	if err != nil {
		t.Fatal(err)
	}
	if l.EffectiveMode != agora.NotifyImmediate || l.HasFeed {
		t.Errorf("new list = %+v", l)
	}
	if err := st.SetNotifyMode(ctx, u.ID, agora.NotifyDigest); err != nil {
		t.Fatal(err)
	}
	if l, _ = st.Watchlist(ctx, l.ID); l.EffectiveMode != agora.NotifyDigest {
		t.Errorf("effective mode = %q, want the preference digest", l.EffectiveMode)
	}
	act, err := st.ImportLaw(ctx, lawDoc("ro/lege/2003/52", "Legea 52/2003"))
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		in    store.WatchItemInput
		field string
	}{
		{store.WatchItemInput{Kind: "nope"}, "kind"},
		{store.WatchItemInput{Kind: store.WatchAct, Act: "ro/lege/1999/1"}, "act"},
		{store.WatchItemInput{Kind: store.WatchArticle, Act: act.ActID, Unit: "art-99"}, "unit"},
		{store.WatchItemInput{Kind: store.WatchDomain, Target: "nu-exista"}, "domain"},
		{store.WatchItemInput{Kind: store.WatchAuthority, Target: "nope"}, "authority"},
		{store.WatchItemInput{Kind: store.WatchSearch, Target: "q=%zz"}, "search"},
		{store.WatchItemInput{Kind: store.WatchSearch, Target: "sort=date"}, "search"},
		{store.WatchItemInput{Kind: store.WatchSearch, Target: "q=a&status=bogus"}, "search"},
	} {
		_, err := st.AddWatchItem(ctx, l.ID, tt.in)
		if fe := agora.FieldErrors(err); len(fe) == 0 || fe[0].Field != tt.field {
			t.Errorf("AddWatchItem(%+v) = %v, want a %s error", tt.in, err, tt.field)
		}
	}
	it, err := st.AddWatchItem(ctx, l.ID, store.WatchItemInput{Kind: store.WatchAct, Act: "ro/lege/2003/52"})
	if err != nil {
		t.Fatal(err)
	}
	if it.ActID != act.ActID || it.ActKey != "ro/lege/2003/52" || it.Label != "Legea 52/2003" {
		t.Errorf("item = %+v", it)
	}
	if _, err := st.AddWatchItem(ctx, l.ID, store.WatchItemInput{Kind: store.WatchAct, Act: act.ActID}); agora.KindOf(err) != agora.Conflict {
		t.Errorf("duplicate item: %v", err)
	}
	if _, err := st.AddWatchItem(ctx, l.ID, store.WatchItemInput{Kind: store.WatchArticle, Act: act.ActID, Unit: "art-2"}); err != nil {
		t.Fatal(err)
	}
	s, err := st.AddWatchItem(ctx, l.ID, store.WatchItemInput{Kind: store.WatchSearch, Target: "status=in_force&q=transparen%C8%9Ba&jurisdiction=ro"})
	if err != nil {
		t.Fatal(err)
	}
	if s.Target != "jurisdiction=RO&q=transparen%C8%9Ba&status=in_force" || s.Label != "transparența" {
		t.Errorf("saved search stored as %q (%q)", s.Target, s.Label)
	}
	lists, err := st.Watchlists(ctx, u.ID)
	if err != nil || len(lists) != 1 || lists[0].Items != 3 {
		t.Fatalf("Watchlists = %+v, %v", lists, err)
	}
	if err := st.RemoveWatchItem(ctx, "other", it.ID); agora.KindOf(err) != agora.NotFound {
		t.Errorf("remove from another list: %v", err)
	}
	if err := st.RemoveWatchItem(ctx, l.ID, it.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.UpdateWatchlist(ctx, l.ID, "Nume nou", agora.NotifyOff); err != nil {
		t.Fatal(err)
	}
	if l, _ = st.Watchlist(ctx, l.ID); l.Name != "Nume nou" || l.EffectiveMode != agora.NotifyOff {
		t.Errorf("updated list = %+v", l)
	}
	if err := st.SetWatchFeedToken(ctx, l.ID, "hash-1"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.WatchFeedByToken(ctx, l.ID, "hash-2", 10); agora.KindOf(err) != agora.NotFound {
		t.Errorf("wrong token: %v", err)
	}
	if f, err := st.WatchFeedByToken(ctx, l.ID, "hash-1", 10); err != nil || f.List.ID != l.ID || f.Lang == "" {
		t.Errorf("feed = %+v, %v", f, err)
	}
	if err := st.DeleteWatchlist(ctx, l.ID); err != nil {
		t.Fatal(err)
	}
	if _, err := st.Watchlist(ctx, l.ID); agora.KindOf(err) != agora.NotFound {
		t.Errorf("deleted list: %v", err)
	}
}

func TestLawAlertsCitedAmendedRepealed(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	u := watchUser(t, st, "ion@watch.test")
	l, _ := st.CreateWatchlist(ctx, u.ID, "Legi", "")
	art, _ := st.CreateWatchlist(ctx, u.ID, "Articole", agora.NotifyDigest)
	watched, err := st.ImportLaw(ctx, lawDoc("ro/lege/2003/52", "Legea 52/2003"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddWatchItem(ctx, l.ID, store.WatchItemInput{Kind: store.WatchAct, Act: watched.ActID}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddWatchItem(ctx, art.ID, store.WatchItemInput{Kind: store.WatchArticle, Act: watched.ActID, Unit: "art-2"}); err != nil {
		t.Fatal(err)
	}
	var wc watchCompose
	record := func(r store.LawImportResult) store.WatchDelivery {
		t.Helper()
		res, err := st.RecordLawAlerts(ctx, changeFor(r), wc.compose)
		if err != nil {
			t.Fatal(err)
		}
		return res
	}
	// A new act citing article 1: the act item alerts, the article 2 item does not.
	c1, err := st.ImportLaw(ctx, citing("ro/lege/2020/10", "Legea 10/2020", "ro/lege/2003/52", "art-1"))
	if err != nil {
		t.Fatal(err)
	}
	if res := record(c1); res.Created != 1 || res.Emailed != 1 {
		t.Errorf("citing act: %+v, want one alert mailed", res)
	}
	if res := record(c1); res.Created != 0 || res.Emailed != 0 {
		t.Errorf("retried job: %+v, want nothing new", res)
	}
	// A citation of a paragraph of article 2 alerts the article item (digest: not mailed now).
	c2, _ := st.ImportLaw(ctx, citing("ro/lege/2021/11", "Legea 11/2021", "ro/lege/2003/52", "art-2.par-1"))
	if res := record(c2); res.Created != 2 || res.Emailed != 1 {
		t.Errorf("citation of art-2.par-1: %+v, want two alerts, one mailed", res)
	}
	// Amended outside article 2: the act item hears, the article item does not.
	v2 := lawDoc("ro/lege/2003/52", "Legea 52/2003")
	v2.Units[1].Text = "Text nou al articolului 1."
	up, _ := st.ImportLaw(ctx, v2)
	if res := record(up); res.Created != 1 {
		t.Errorf("amendment of art-1: %+v, want one alert", res)
	}
	// Amended inside article 2.
	v3 := v2
	v3.Units = append([]agora.Unit(nil), v2.Units...)
	v3.Units[4].Text = "Al doilea alineat, schimbat."
	up, _ = st.ImportLaw(ctx, v3)
	if res := record(up); res.Created != 2 {
		t.Errorf("amendment of art-2: %+v, want two alerts", res)
	}
	// Repealed.
	v4 := v3
	v4.Act.Status = agora.ActRepealed
	up, _ = st.ImportLaw(ctx, v4)
	if res := record(up); res.Created != 2 {
		t.Errorf("repeal: %+v, want two alerts", res)
	}
	alerts, err := st.WatchAlerts(ctx, l.ID, 50)
	if err != nil {
		t.Fatal(err)
	}
	var kinds []string
	for _, a := range alerts {
		kinds = append(kinds, string(a.Kind))
	}
	if got := strings.Join(kinds, ","); got != "repealed,amended,amended,cited,cited" {
		t.Errorf("act list alerts = %s", got)
	}
	// The digest gathers the article list's three unmailed alerts in one email.
	var digests int
	n, err := st.SendWatchDigests(ctx, 10, func(r store.Recipient, ls []store.WatchDigestList) agora.Email {
		digests++
		if len(ls) != 1 || ls[0].List.ID != art.ID || len(ls[0].Alerts) != 3 {
			t.Errorf("digest lists = %+v", ls)
		}
		return agora.Email{To: r.Email, Subject: "digest"}
	})
	if err != nil || n != 1 || digests != 1 {
		t.Fatalf("SendWatchDigests = %d, %v", n, err)
	}
	if n, _ := st.SendWatchDigests(ctx, 10, nil); n != 0 {
		t.Errorf("second digest run sent %d", n)
	}
}

func TestSavedSearchAndDomainAlerts(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	u := watchUser(t, st, "eva@watch.test")
	l, _ := st.CreateWatchlist(ctx, u.ID, "Căutări", agora.NotifyOff)
	for _, q := range []string{"q=alineatul", "q=%22al+doilea+alineat%22&jurisdiction=RO", "q=alineat+-modificat", "q=stabil*", "q=alineat&jurisdiction=PL"} {
		if _, err := st.AddWatchItem(ctx, l.ID, store.WatchItemInput{Kind: store.WatchSearch, Target: q}); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
	r, err := st.ImportLaw(ctx, lawDoc("ro/lege/2003/52", "Legea 52/2003"))
	if err != nil {
		t.Fatal(err)
	}
	res, err := st.RecordLawAlerts(ctx, changeFor(r), nil)
	if err != nil {
		t.Fatal(err)
	}
	// alineatul (stemmed to the same term as alineat), the phrase, the
	// exclusion (no "modificat") and the prefix match; the Polish filter does not.
	if res.Created != 4 || res.Emailed != 0 {
		t.Errorf("saved searches: %+v, want four alerts, none mailed (mode off)", res)
	}
}

func TestConsultationWatchAndMonitor(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	clock := now
	st := storetest.OpenWith(t, storetest.Options{Now: func() time.Time { return clock }})
	ctx := context.Background()
	auth := storetest.NewAuthority(t, st, agora.RO, "cluj")
	u := watchUser(t, st, "dan@watch.test")
	l, _ := st.CreateWatchlist(ctx, u.ID, "Primăria", "")
	if _, err := st.AddWatchItem(ctx, l.ID, store.WatchItemInput{Kind: store.WatchAuthority, Target: auth.Org.ID}); err != nil {
		t.Fatal(err)
	}
	clock = now.Add(time.Minute)
	c := storetest.OpenConsultation(t, st, auth, clock, 10*24*time.Hour)
	var wc watchCompose
	res, err := st.WatchConsultations(ctx, wc.compose)
	if err != nil {
		t.Fatal(err)
	}
	if res.Created != 1 || res.Emailed != 1 || len(wc.calls) != 1 || wc.calls[0][0].SubjectID != c.ID || wc.calls[0][0].Detail != store.ReasonAuthority {
		t.Errorf("first scan: %+v, %+v", res, wc.calls)
	}
	clock = now.Add(5 * time.Minute)
	if res, _ := st.WatchConsultations(ctx, wc.compose); res.Created != 0 {
		t.Errorf("second scan: %+v", res)
	}

	// The board of an NGO tracks the draft and an act.
	act, _ := st.ImportLaw(ctx, lawDoc("ro/lege/2003/52", "Legea 52/2003"))
	ngo, err := st.CreateOrg(ctx, u.ID, agora.OrgInput{Name: "Asociația Watch", Kind: "association", Country: "RO", RegionCode: "127"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.CreateMonitorItem(ctx, u.ID, ngo.ID, store.MonitorInput{Kind: store.MonitorOther, Stage: store.StageAnnounced}); len(agora.FieldErrors(err)) == 0 {
		t.Errorf("other item without title: %v", err)
	}
	if _, err := st.CreateMonitorItem(ctx, u.ID, ngo.ID, store.MonitorInput{Kind: store.MonitorOther, Title: "x", Link: "javascript:alert(1)", Stage: store.StageAnnounced}); len(agora.FieldErrors(err)) == 0 {
		t.Errorf("javascript link accepted: %v", err)
	}
	if _, err := st.CreateMonitorItem(ctx, u.ID, ngo.ID, store.MonitorInput{Kind: store.MonitorAct, Act: act.ActID, Stage: store.StageInForce, OwnerID: auth.Officer.ID}); len(agora.FieldErrors(err)) == 0 {
		t.Errorf("owner from another organisation accepted: %v", err)
	}
	draft, err := st.CreateMonitorItem(ctx, u.ID, ngo.ID, store.MonitorInput{Kind: store.MonitorDraft, ConsultationID: c.ID, Stage: store.StageInConsultation})
	if err != nil {
		t.Fatal(err)
	}
	if draft.Title != c.Title {
		t.Errorf("draft title = %q", draft.Title)
	}
	tracked, err := st.CreateMonitorItem(ctx, u.ID, ngo.ID, store.MonitorInput{Kind: store.MonitorAct, Act: "ro/lege/2003/52", Stage: store.StageInForce, OwnerID: u.ID})
	if err != nil {
		t.Fatal(err)
	}
	if tracked.OwnerName != u.DisplayName || tracked.ActKey != "ro/lege/2003/52" {
		t.Errorf("act item = %+v", tracked)
	}
	if _, err := st.MonitorItem(ctx, auth.Org.ID, tracked.ID); agora.KindOf(err) != agora.NotFound {
		t.Errorf("item read through another organisation: %v", err)
	}
	in := store.MonitorInput{Stage: store.StageInForce, Position: store.PositionAmend, PositionText: "Cerem modificarea art. 2.", OwnerID: u.ID}
	if err := st.UpdateMonitorItem(ctx, u.ID, ngo.ID, tracked.ID, in); err != nil {
		t.Fatal(err)
	}
	if err := st.AddMonitorNote(ctx, u.ID, ngo.ID, tracked.ID, "Am trimis o scrisoare."); err != nil {
		t.Fatal(err)
	}
	// A new citing act and then a repeal are appended; the repeal moves the stage.
	c1, _ := st.ImportLaw(ctx, citing("ro/lege/2020/10", "Legea 10/2020", "ro/lege/2003/52", ""))
	if _, err := st.RecordLawAlerts(ctx, changeFor(c1), nil); err != nil {
		t.Fatal(err)
	}
	rep := lawDoc("ro/lege/2003/52", "Legea 52/2003")
	rep.Act.Status = agora.ActRepealed
	up, _ := st.ImportLaw(ctx, rep)
	for range 2 { // a retried job appends nothing twice
		if _, err := st.RecordLawAlerts(ctx, changeFor(up), nil); err != nil {
			t.Fatal(err)
		}
	}
	evs, err := st.MonitorEvents(ctx, tracked.ID)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, e := range evs {
		got = append(got, e.Kind+":"+e.Stage)
	}
	if want := "stage:repealed,alert:repealed,alert:cited,note:,position:amend,created:in_force"; strings.Join(got, ",") != want {
		t.Errorf("timeline = %s, want %s", strings.Join(got, ","), want)
	}
	items, err := st.MonitorItems(ctx, ngo.ID, store.MonitorFilter{Stage: store.StageRepealed})
	if err != nil || len(items) != 1 || items[0].ID != tracked.ID {
		t.Errorf("filter by stage = %+v, %v", items, err)
	}
	if items, _ := st.MonitorItems(ctx, ngo.ID, store.MonitorFilter{OwnerID: u.ID}); len(items) != 1 {
		t.Errorf("filter by owner = %d items", len(items))
	}
	if err := st.DeleteMonitorItem(ctx, ngo.ID, draft.ID); err != nil {
		t.Fatal(err)
	}
	if items, _ := st.MonitorItems(ctx, ngo.ID, store.MonitorFilter{}); len(items) != 1 {
		t.Errorf("after delete: %d items", len(items))
	}
}
