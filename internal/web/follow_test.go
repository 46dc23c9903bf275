package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

func TestFollowAndPreferences(t *testing.T) {
	f := newFollowFixture(t)
	ctx := context.Background()

	if status, _ := f.post(nil, "/follows", url.Values{"target_kind": {"domain"}, "target_id": {"mediu"}}); status != http.StatusUnauthorized {
		t.Errorf("anonymous follow = %d, want 401", status)
	}
	if status, _ := f.get(nil, "/account/notifications"); status != http.StatusSeeOther {
		t.Errorf("anonymous preferences = %d, want a redirect to sign in", status)
	}

	u := f.user("ana@x.test", agora.RoleParticipant)
	c := f.login(u)
	for _, form := range []url.Values{
		{"target_kind": {"consultation"}, "target_id": {f.open.ID}, "next": {"/consultations/" + f.open.ID}},
		{"target_kind": {"org"}, "target_id": {f.pl.Org.ID}},
		{"target_kind": {"domain"}, "target_id": {"sanatate"}, "next": {"https://evil.example/"}},
	} {
		req, _ := newPost(f.ts.URL+"/follows", form)
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		loc := resp.Header.Get("Location")
		if resp.StatusCode != http.StatusSeeOther || strings.Contains(loc, "evil") {
			t.Errorf("follow %v = %d to %q", form, resp.StatusCode, loc)
		}
	}
	for _, tt := range []struct {
		form url.Values
		want int
	}{
		{url.Values{"target_kind": {"user"}, "target_id": {u.ID}}, http.StatusUnprocessableEntity},
		{url.Values{"target_kind": {"domain"}, "target_id": {""}}, http.StatusUnprocessableEntity},
		{url.Values{"target_kind": {"domain"}, "target_id": {"astrologie"}}, http.StatusNotFound},
		{url.Values{"target_kind": {"org"}, "target_id": {f.ro.Admin.ID}}, http.StatusNotFound},
	} {
		if status, _ := f.post(c, "/follows", tt.form); status != tt.want {
			t.Errorf("follow %v = %d, want %d", tt.form, status, tt.want)
		}
	}

	status, body := f.get(c, "/account/notifications")
	if status != http.StatusOK {
		t.Fatalf("preferences = %d", status)
	}
	for _, want := range []string{f.open.Title, f.pl.Org.Name, "Sănătate", `value="immediate" checked`} {
		if !strings.Contains(body, want) {
			t.Errorf("preferences page lacks %q", want)
		}
	}

	if status, _ := f.post(c, "/account/notifications", url.Values{"mode": {"digest"}}); status != http.StatusSeeOther {
		t.Errorf("save digest = %d", status)
	}
	if m, _ := f.st.NotifyMode(ctx, u.ID); m != agora.NotifyDigest {
		t.Errorf("mode = %s, want digest", m)
	}
	status, body = f.post(c, "/account/notifications", url.Values{"mode": {"hourly"}})
	if status != http.StatusUnprocessableEntity || !strings.Contains(body, "f-mode-error") {
		t.Errorf("bad mode = %d", status)
	}

	if status, _ := f.post(c, "/follows/remove", url.Values{"target_kind": {"domain"}, "target_id": {"sanatate"}}); status != http.StatusSeeOther {
		t.Errorf("unfollow = %d", status)
	}
	set, _ := f.st.Following(ctx, u.ID)
	if set[store.FollowKey(agora.FollowDomain, "sanatate")] || len(set) != 2 {
		t.Errorf("follows after removing one: %v", set)
	}

	// A draft cannot be followed, nor discovered by trying.
	draft, err := f.st.CreateConsultation(ctx, f.ro.Officer.ID, f.ro.Org.ID, agora.ConsultationInput{Title: "Alt proiect nepublicat", ActKind: "ordin", RuleSetID: "ro-law52"},
		[]agora.Unit{{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Text: "Text."}}, "text")
	if err != nil {
		t.Fatal(err)
	}
	if status, _ := f.post(c, "/follows", url.Values{"target_kind": {"consultation"}, "target_id": {draft.ID}}); status != http.StatusNotFound {
		t.Errorf("follow a draft = %d, want 404", status)
	}
}

func TestNotificationsInbox(t *testing.T) {
	f := newFollowFixture(t)
	ctx := context.Background()
	u := f.user("ion@x.test", agora.RoleParticipant)
	other := f.user("eva@x.test", agora.RoleParticipant)
	for _, x := range []agora.User{u, other} {
		if err := f.st.Follow(ctx, x.ID, agora.FollowConsultation, f.hostileTitleOpen.ID); err != nil {
			t.Fatal(err)
		}
	}
	if _, err := f.st.NotifyFollowers(ctx, store.NotifyRequest{Event: store.ConsultationEvent{ConsultationID: f.hostileTitleOpen.ID, Event: store.EventAnswered}}); err != nil {
		t.Fatal(err)
	}
	c := f.login(u)
	status, body := f.get(c, "/notifications")
	if status != http.StatusOK || !strings.Contains(body, "1 notificare necitită") || !strings.Contains(body, "Răspunsuri publicate") {
		t.Fatalf("inbox = %d\n%s", status, body)
	}
	if strings.Contains(body, "<script>document") {
		t.Error("hostile title rendered as markup in the inbox")
	}
	if status, _ := f.post(c, "/notifications/read", url.Values{"id": {"not-an-id"}}); status != http.StatusUnprocessableEntity {
		t.Errorf("bad id = %d", status)
	}
	if status, _ := f.post(c, "/notifications/read", nil); status != http.StatusSeeOther {
		t.Errorf("mark all read = %d", status)
	}
	if n, _ := f.st.UnreadNotifications(ctx, u.ID); n != 0 {
		t.Errorf("unread after marking = %d", n)
	}
	if n, _ := f.st.UnreadNotifications(ctx, other.ID); n != 1 {
		t.Errorf("another's unread = %d, want 1", n)
	}
	if status, _ := f.get(nil, "/notifications"); status != http.StatusSeeOther {
		t.Errorf("anonymous inbox = %d", status)
	}
	if status, _ := f.get(c, "/notifications?cursor=zzz"); status != http.StatusUnprocessableEntity {
		t.Errorf("bad cursor = %d", status)
	}
}

func FuzzConsultationListFilter(f *testing.F) {
	for _, s := range []string{"", "q=mediu&phase=open", "region=RO-12&domain=mediu&kind=lege&sort=newest", "phase=%00", "org=" + strings.Repeat("a", 26), "q=" + strings.Repeat("ș", 300), "region=RO-", "cursor=e30"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, raw string) {
		q, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		flt, es := consultationListFilter(q)
		if flt.Phase != "" && !slices.Contains(agora.Phases, flt.Phase) {
			t.Errorf("phase %q let through", flt.Phase)
		}
		if flt.Sort != "" && flt.Sort != store.SortClosing && flt.Sort != store.SortNewest {
			t.Errorf("sort %q let through", flt.Sort)
		}
		if flt.OrgID != "" && !agora.ValidID(flt.OrgID) {
			t.Errorf("org %q let through", flt.OrgID)
		}
		if len([]rune(flt.Query)) > 200 {
			t.Errorf("query of %d runes let through", len([]rune(flt.Query)))
		}
		for _, e := range es {
			if e.Field == "" || e.Key == "" {
				t.Errorf("error without field or key: %+v", e)
			}
		}
	})
}
