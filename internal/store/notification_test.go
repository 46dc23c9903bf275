package store_test

import (
	"context"
	"encoding/json"
	"errors"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

func follower(t *testing.T, st *store.Store, email string, mode agora.NotifyMode) agora.User {
	t.Helper()
	u, err := st.CreateUser(context.Background(), store.NewUser{Email: email, DisplayName: email, EmailVerified: true, Lang: "pl"})
	if err != nil {
		t.Fatal(err)
	}
	if mode != "" {
		if err := st.SetNotifyMode(context.Background(), u.ID, mode); err != nil {
			t.Fatal(err)
		}
	}
	return u
}

func mustFollow(t *testing.T, st *store.Store, u agora.User, kind agora.FollowTarget, id string) {
	t.Helper()
	if err := st.Follow(context.Background(), u.ID, kind, id); err != nil {
		t.Fatalf("Follow(%s, %s): %v", kind, id, err)
	}
}

func TestFollows(t *testing.T) {
	ctx := context.Background()
	now := time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)
	st := storetest.OpenWith(t, storetest.Options{Now: func() time.Time { return now }})
	seedListDomains(t, st)
	a := storetest.NewAuthority(t, st, agora.RO, "iasi")
	c := published(t, st, a, "Proiect privind spațiile verzi", []string{"mediu"}, nil, now.Add(-time.Hour), now.Add(240*time.Hour))
	draft, err := st.CreateConsultation(ctx, a.Officer.ID, a.Org.ID, agora.ConsultationInput{Title: "Ciornă nepublicată", ActKind: "ordin", RuleSetID: "ro-law52"},
		storetest.DraftUnits(), "text")
	if err != nil {
		t.Fatal(err)
	}
	u := follower(t, st, "f@x.test", "")
	mustFollow(t, st, u, agora.FollowConsultation, c.ID)
	mustFollow(t, st, u, agora.FollowConsultation, c.ID) // twice is fine
	mustFollow(t, st, u, agora.FollowOrg, a.Org.ID)
	mustFollow(t, st, u, agora.FollowDomain, "mediu")
	for _, tt := range []struct {
		kind agora.FollowTarget
		id   string
		want agora.Kind
	}{
		{agora.FollowConsultation, draft.ID, agora.NotFound},
		{agora.FollowConsultation, "nope", agora.NotFound},
		{agora.FollowDomain, "nope", agora.NotFound},
		{"user", u.ID, agora.Invalid},
	} {
		var ae *agora.Error
		if err := st.Follow(ctx, u.ID, tt.kind, tt.id); !errors.As(err, &ae) || ae.Kind != tt.want {
			t.Errorf("Follow(%s, %s) = %v, want kind %v", tt.kind, tt.id, err, tt.want)
		}
	}
	fs, err := st.Follows(ctx, u.ID)
	if err != nil || len(fs) != 3 {
		t.Fatalf("Follows = %v %+v", err, fs)
	}
	names := map[agora.FollowTarget]string{}
	for _, f := range fs {
		names[f.Kind] = f.Name
	}
	if names[agora.FollowConsultation] != c.Title || names[agora.FollowOrg] != a.Org.Name || names[agora.FollowDomain] != "" {
		t.Errorf("follow names = %v", names)
	}
	set, err := st.Following(ctx, u.ID)
	if err != nil || !set[store.FollowKey(agora.FollowDomain, "mediu")] || len(set) != 3 {
		t.Errorf("Following = %v %v", err, set)
	}
	if err := st.Unfollow(ctx, u.ID, agora.FollowDomain, "mediu"); err != nil {
		t.Fatal(err)
	}
	if set, _ := st.Following(ctx, u.ID); set[store.FollowKey(agora.FollowDomain, "mediu")] || len(set) != 2 {
		t.Errorf("after Unfollow: %v", set)
	}

	if m, err := st.NotifyMode(ctx, u.ID); err != nil || m != agora.NotifyImmediate {
		t.Errorf("default mode = %v %v", m, err)
	}
	for _, m := range []agora.NotifyMode{agora.NotifyDigest, agora.NotifyOff, agora.NotifyImmediate} {
		if err := st.SetNotifyMode(ctx, u.ID, m); err != nil {
			t.Fatal(err)
		}
		if got, err := st.NotifyMode(ctx, u.ID); err != nil || got != m {
			t.Errorf("NotifyMode = %v %v, want %v", got, err, m)
		}
	}
	if err := st.SetNotifyMode(ctx, u.ID, "weekly"); agora.KindOf(err) != agora.Invalid {
		t.Errorf("SetNotifyMode(weekly) = %v", err)
	}
}

// queuedEmails returns the email jobs waiting in the queue.
func queuedEmails(t *testing.T, st *store.Store) []agora.Email {
	t.Helper()
	jobs, err := st.ClaimJobs(context.Background(), "test", 1000, time.Hour)
	if err != nil {
		t.Fatal(err)
	}
	var out []agora.Email
	for _, j := range jobs {
		if j.Kind != agora.JobEmail {
			continue
		}
		var e agora.Email
		if err := json.Unmarshal(j.Payload, &e); err != nil {
			t.Fatal(err)
		}
		out = append(out, e)
	}
	return out
}

func TestNotifyFollowersAndDigest(t *testing.T) {
	ctx := context.Background()
	clock := &listClock{now: time.Date(2026, 3, 2, 10, 0, 0, 0, time.UTC)}
	st := storetest.OpenWith(t, storetest.Options{Now: clock.Now})
	seedListDomains(t, st)
	a := storetest.NewAuthority(t, st, agora.PL, "lodz")
	now := clock.Now()
	c := published(t, st, a, "Uchwała o zieleni miejskiej", []string{"mediu"}, nil, now.Add(-time.Hour), now.Add(240*time.Hour))
	other := published(t, st, a, "Uchwała o szkołach", []string{"sanatate"}, nil, now.Add(-time.Hour), now.Add(240*time.Hour))
	st.ClaimJobs(ctx, "drop", 1000, 1000*time.Hour) // the publication events are not under test

	byDomain := follower(t, st, "domain@x.test", "")
	byOrg := follower(t, st, "org@x.test", agora.NotifyDigest)
	byBoth := follower(t, st, "both@x.test", "")
	off := follower(t, st, "off@x.test", agora.NotifyOff)
	unrelated := follower(t, st, "else@x.test", "")
	mustFollow(t, st, byDomain, agora.FollowDomain, "mediu")
	mustFollow(t, st, byOrg, agora.FollowOrg, a.Org.ID)
	mustFollow(t, st, byBoth, agora.FollowOrg, a.Org.ID)
	mustFollow(t, st, byBoth, agora.FollowDomain, "mediu")
	mustFollow(t, st, byBoth, agora.FollowConsultation, c.ID)
	mustFollow(t, st, off, agora.FollowConsultation, c.ID)
	mustFollow(t, st, unrelated, agora.FollowDomain, "sanatate")

	compose := func(r store.Recipient, c agora.Consultation) agora.Email {
		return agora.Email{To: r.Email, Lang: r.Lang, Subject: "opened " + c.Title}
	}
	req := store.NotifyRequest{
		Event:   store.ConsultationEvent{ConsultationID: c.ID, Event: store.EventOpened},
		Compose: compose,
		Then: []store.FollowUp{{Kind: store.JobConsultationEvent, Payload: store.ConsultationEvent{ConsultationID: c.ID, Event: store.EventReminder},
			Options: store.EnqueueOptions{RunAt: now.Add(100 * time.Hour), DedupKey: "reminder:" + c.ID}}},
	}
	res, err := st.NotifyFollowers(ctx, req)
	if err != nil || res.Created != 4 || res.Emailed != 2 {
		t.Fatalf("NotifyFollowers(opened) = %+v, %v; want 4 created (domain, org, both, off), 2 emailed", res, err)
	}
	mails := queuedEmails(t, st)
	got := map[string]bool{}
	for _, m := range mails {
		got[m.To] = true
	}
	if len(mails) != 2 || !got["domain@x.test"] || !got["both@x.test"] {
		t.Fatalf("immediate mails = %+v", mails)
	}
	again, err := st.NotifyFollowers(ctx, req)
	if err != nil || again.Created != 0 || again.Emailed != 0 || len(queuedEmails(t, st)) != 0 {
		t.Fatalf("retried NotifyFollowers = %+v, %v", again, err)
	}
	if st, _ := st.JobStats(ctx); st.Scheduled != 1 {
		t.Errorf("reminder jobs scheduled = %d, want 1 despite the retry", st.Scheduled)
	}

	// The later events reach the consultation's followers only.
	res, err = st.NotifyFollowers(ctx, store.NotifyRequest{Event: store.ConsultationEvent{ConsultationID: c.ID, Event: store.EventReminder}, Compose: compose})
	if err != nil || res.Created != 2 || res.Emailed != 1 {
		t.Fatalf("NotifyFollowers(deadline_soon) = %+v, %v", res, err)
	}
	clock.Set(now.Add(time.Minute))
	if _, err := st.NotifyFollowers(ctx, store.NotifyRequest{Event: store.ConsultationEvent{ConsultationID: other.ID, Event: store.EventOpened}, Compose: compose}); err != nil {
		t.Fatal(err)
	}
	queuedEmails(t, st)

	page, err := st.Notifications(ctx, byOrg.ID, "", 1)
	if err != nil || page.Unread != 2 || len(page.Items) != 1 || page.Items[0].ConsultationID != other.ID || page.Next == "" {
		t.Fatalf("Notifications page 1 = %+v, %v", page, err)
	}
	page2, err := st.Notifications(ctx, byOrg.ID, page.Next, 1)
	if err != nil || len(page2.Items) != 1 || page2.Items[0].ConsultationID != c.ID || page2.Items[0].ConsultationTitle != c.Title || page2.Next != "" {
		t.Fatalf("Notifications page 2 = %+v, %v", page2, err)
	}
	if _, err := st.Notifications(ctx, byOrg.ID, "garbage", 1); agora.KindOf(err) != agora.Invalid {
		t.Errorf("bad cursor: %v", err)
	}

	// One digest with both consultations for the digest reader; nobody else.
	var digests []store.DigestRecipient
	n, err := st.SendDigests(ctx, 1, func(d store.DigestRecipient) agora.Email {
		digests = append(digests, d)
		return agora.Email{To: d.Email, Subject: "digest"}
	})
	if err != nil || n != 1 || len(digests) != 1 || digests[0].UserID != byOrg.ID || len(digests[0].Items) != 2 {
		t.Fatalf("SendDigests = %d %v %+v", n, err, digests)
	}
	if mails := queuedEmails(t, st); len(mails) != 1 || mails[0].To != "org@x.test" {
		t.Fatalf("digest mails = %+v", mails)
	}
	if n, err := st.SendDigests(ctx, 1, func(store.DigestRecipient) agora.Email { return agora.Email{} }); err != nil || n != 0 {
		t.Fatalf("second SendDigests = %d %v", n, err)
	}

	// Switching from "off" to the digest does not mail the old news.
	clock.Set(now.Add(2 * time.Minute))
	if err := st.SetNotifyMode(ctx, off.ID, agora.NotifyDigest); err != nil {
		t.Fatal(err)
	}
	if n, err := st.SendDigests(ctx, 10, func(store.DigestRecipient) agora.Email { return agora.Email{} }); err != nil || n != 0 {
		t.Fatalf("digest after switching = %d %v", n, err)
	}

	if err := st.MarkNotificationsRead(ctx, byOrg.ID, []string{page.Items[0].ID}); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.UnreadNotifications(ctx, byOrg.ID); n != 1 {
		t.Errorf("unread after marking one = %d", n)
	}
	if err := st.MarkNotificationsRead(ctx, byDomain.ID, nil); err != nil { // someone else's: no effect on byOrg
		t.Fatal(err)
	}
	if n, _ := st.UnreadNotifications(ctx, byOrg.ID); n != 1 {
		t.Errorf("unread after another's read = %d", n)
	}
	if err := st.MarkNotificationsRead(ctx, byOrg.ID, nil); err != nil {
		t.Fatal(err)
	}
	if n, _ := st.UnreadNotifications(ctx, byOrg.ID); n != 0 {
		t.Errorf("unread after marking all = %d", n)
	}
}
