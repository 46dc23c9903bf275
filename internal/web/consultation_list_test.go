package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// followFixture is a test server with domains, a Romanian authority with
// an open consultation in "mediu", a Polish one with an upcoming
// consultation, and a draft nobody but officers may see.
type followFixture struct {
	*testEnv
	ro, pl           storetest.Authority
	open, upcoming   agora.Consultation
	draftTitle       string
	debate           agora.Debate
	hostileTitleOpen agora.Consultation
}

const hostileTitle = `<script>document.body.remove()</script> Proiect "ostil" & <img src=x onerror=alert(1)>`

func newFollowFixture(t *testing.T) *followFixture {
	t.Helper()
	e := newTestEnv(t)
	ctx := context.Background()
	if _, err := e.st.UpsertDomains(ctx, []agora.Domain{
		{Slug: "mediu", Names: map[string]string{"ro": "Mediu", "pl": "Środowisko", "en": "Environment"}},
		{Slug: "sanatate", Names: map[string]string{"ro": "Sănătate", "pl": "Zdrowie", "en": "Health"}},
	}); err != nil {
		t.Fatal(err)
	}
	f := &followFixture{testEnv: e, ro: storetest.NewAuthority(t, e.st, agora.RO, "cluj"), pl: storetest.NewAuthority(t, e.st, agora.PL, "lodz")}
	now := time.Now()
	mk := func(a storetest.Authority, title, kind string, domains []string, opens, closes time.Time) agora.Consultation {
		c, err := e.st.CreateConsultation(ctx, a.Officer.ID, a.Org.ID, agora.ConsultationInput{
			Title: title, ActKind: kind, RuleSetID: "ro-law52", Summary: "Rezumat; cu virgule, și \\ bară.", Domains: domains,
		}, storetest.DraftUnits(), "text")
		if err != nil {
			t.Fatal(err)
		}
		c, err = e.st.PublishConsultation(ctx, a.Officer.ID, c.ID, store.Publication{
			OpensAt: opens, CommentsClose: closes, EarliestAdoption: closes.AddDate(0, 1, 0).Format(time.DateOnly)})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}
	f.open = mk(f.ro, "Regulament privind spațiile verzi din Cluj", "hotarare_consiliu_local", []string{"mediu"}, now.Add(-time.Hour), now.Add(10*24*time.Hour))
	f.upcoming = mk(f.pl, "Uchwała w sprawie programu współpracy", "uchwala", []string{"sanatate"}, now.Add(5*24*time.Hour), now.Add(30*24*time.Hour))
	f.hostileTitleOpen = mk(f.ro, hostileTitle, "ordin", nil, now.Add(-time.Hour), now.Add(3*24*time.Hour))
	f.draftTitle = "Ciornă confidențială a primăriei"
	if _, err := e.st.CreateConsultation(ctx, f.ro.Officer.ID, f.ro.Org.ID, agora.ConsultationInput{
		Title: f.draftTitle, ActKind: "ordin", RuleSetID: "ro-law52", Domains: []string{"mediu"}}, storetest.DraftUnits(), "text"); err != nil {
		t.Fatal(err)
	}
	var err error
	f.debate, err = e.st.ScheduleDebate(ctx, f.ro.Officer.ID, store.NewDebate{ConsultationID: f.open.ID,
		StartsAt: now.Add(7 * 24 * time.Hour).Truncate(time.Minute), Place: "Sala mare, Str. Moților 3; etaj 1", OnlineURL: "https://meet.example/abc"})
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func TestConsultationListPage(t *testing.T) {
	f := newFollowFixture(t)
	status, body := f.get(nil, "/consultations")
	if status != http.StatusOK {
		t.Fatalf("GET /consultations = %d", status)
	}
	for _, want := range []string{f.open.Title, f.upcoming.Title, "3 consultări", "/consultations/feed", "/consultations/calendar.ics", f.ro.Org.Name} {
		if !strings.Contains(body, want) {
			t.Errorf("list lacks %q", want)
		}
	}
	if strings.Contains(body, f.draftTitle) {
		t.Error("the list shows a draft")
	}
	if strings.Contains(body, "<script>document") || strings.Contains(body, "<img src=x") {
		t.Error("a hostile title is rendered as markup")
	}

	for _, tt := range []struct {
		query      string
		want, lack []string
	}{
		{"phase=open&sort=closing", []string{f.open.Title, "2 consultări"}, []string{f.upcoming.Title}},
		{"phase=upcoming", []string{f.upcoming.Title}, []string{f.open.Title}},
		{"domain=mediu", []string{f.open.Title}, []string{f.upcoming.Title}},
		{"org=" + f.pl.Org.ID, []string{f.upcoming.Title}, []string{f.open.Title}},
		{"kind=uchwala", []string{f.upcoming.Title}, []string{f.open.Title}},
		{"q=SPATIILE+verzi", []string{f.open.Title, "1 consultare"}, []string{f.upcoming.Title}},
		{"q=wspolpracy", []string{f.upcoming.Title}, []string{f.open.Title}},
	} {
		status, body := f.get(nil, "/consultations?"+tt.query)
		if status != http.StatusOK {
			t.Errorf("?%s = %d", tt.query, status)
		}
		for _, w := range tt.want {
			if !strings.Contains(body, w) {
				t.Errorf("?%s lacks %q", tt.query, w)
			}
		}
		for _, l := range tt.lack {
			if strings.Contains(body, l) {
				t.Errorf("?%s shows %q", tt.query, l)
			}
		}
	}

	// Bad filters are field errors on the form, not a 500.
	for _, q := range []string{"phase=eternal", "sort=random", "kind=decree", "region=XX-1", "org=../../etc", "cursor=garbage"} {
		status, body := f.get(nil, "/consultations?"+q)
		if status != http.StatusUnprocessableEntity || !strings.Contains(body, "error-summary") {
			t.Errorf("?%s = %d, want 422 with the error summary", q, status)
		}
	}
}

func TestConsultationListFollowButtons(t *testing.T) {
	f := newFollowFixture(t)
	_, body := f.get(nil, "/consultations?domain=mediu")
	if !strings.Contains(body, `href="/login?next=`) || strings.Contains(body, `action="/follows"`) {
		t.Error("anonymous visitors should be offered to sign in, not a follow form")
	}
	u := f.user("fan@x.test", agora.RoleParticipant)
	c := f.login(u)
	_, body = f.get(c, "/consultations?domain=mediu&org="+f.ro.Org.ID)
	if !strings.Contains(body, `action="/follows"`) || !strings.Contains(body, `value="domain"`) || !strings.Contains(body, `value="org"`) {
		t.Fatalf("no follow buttons for the filtered domain and authority")
	}
	status, _ := f.post(c, "/follows", url.Values{"target_kind": {"domain"}, "target_id": {"mediu"}, "next": {"/consultations?domain=mediu"}})
	if status != http.StatusSeeOther {
		t.Fatalf("POST /follows = %d", status)
	}
	_, body = f.get(c, "/consultations?domain=mediu")
	if !strings.Contains(body, `action="/follows/remove"`) {
		t.Error("after following, the button should offer to stop")
	}
}
