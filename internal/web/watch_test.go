package web

import (
	"context"
	"encoding/xml"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

func watchTestAct(t *testing.T, e *testEnv) store.LawImportResult {
	t.Helper()
	r, err := e.st.ImportLaw(context.Background(), agora.ActDocument{
		Act: agora.Act{Key: "ro/lege/2003/52", Jurisdiction: agora.RO, Kind: "lege", Number: "52", Year: 2003,
			Title: "LEGE nr. 52 din 21 ianuarie 2003 privind transparența decizională", Status: agora.ActInForce},
		Units: []agora.Unit{{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Text: "Prezenta lege stabilește regulile."}},
	})
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestWatchlistPagesAndPermissions walks the watchlist pages as their
// owner and checks that another account can neither see nor change them.
func TestWatchlistPagesAndPermissions(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	act := watchTestAct(t, e)
	ana, bob := e.user("ana@watch.test", agora.RoleParticipant), e.user("bob@watch.test", agora.RoleParticipant)
	ca, cb := e.login(ana), e.login(bob)

	if code, _ := e.get(nil, "/watch"); code != 303 {
		t.Errorf("anonymous /watch: %d, want a redirect to sign in", code)
	}
	if code, body := e.post(ca, "/watch", url.Values{"name": {""}}); code != 422 || !strings.Contains(body, `id="f-name-error"`) {
		t.Errorf("empty name: %d", code)
	}
	code, _ := e.post(ca, "/watch", url.Values{"name": {"Legi"}, "mode": {"off"}})
	if code != 303 {
		t.Fatalf("create: %d", code)
	}
	lists, _ := e.st.Watchlists(context.Background(), ana.ID)
	if len(lists) != 1 || lists[0].Mode != agora.NotifyOff {
		t.Fatalf("lists = %+v", lists)
	}
	id := lists[0].ID
	base := "/watch/" + id

	// The "watch this" form of an article.
	if code, body := e.get(ca, base+"?act="+act.ActID+"&unit=art-1"); code != 200 || !strings.Contains(body, `name="unit" value="art-1"`) {
		t.Errorf("watch this article: %d", code)
	}
	for _, f := range []url.Values{
		{"type": {"article"}, "act": {act.ActID}, "unit": {"art-1"}},
		{"type": {"act"}, "act": {"ro/lege/2003/52"}},
		{"type": {"search"}, "q": {"transparență"}, "jurisdiction": {"RO"}},
		{"type": {"authority"}, "authority": {""}}, // refused below
	} {
		code, body := e.post(ca, base+"/items", f)
		if f.Get("type") == "authority" {
			if code != 422 || !strings.Contains(body, "f-authority-error") {
				t.Errorf("authority without id: %d", code)
			}
			continue
		}
		if code != 303 {
			t.Errorf("add %v: %d %s", f, code, body)
		}
	}
	if code, body := e.post(ca, base+"/items", url.Values{"type": {"act"}, "act": {act.ActID}}); code != 422 || !strings.Contains(body, e.cat.T("ro", "watch.error.duplicate", nil)) {
		t.Errorf("duplicate: %d", code)
	}
	items, _ := e.st.WatchItems(context.Background(), id)
	if len(items) != 3 {
		t.Fatalf("items = %+v", items)
	}
	code, body := e.get(ca, base)
	if code != 200 || !strings.Contains(body, "art. 1") || !strings.Contains(body, "transparență") {
		t.Errorf("list page: %d", code)
	}

	// Bob may not look at, change or read the feed of Ana's list.
	for _, tt := range []struct{ method, path string }{
		{"GET", base}, {"POST", base}, {"POST", base + "/items"}, {"POST", base + "/items/" + items[0].ID + "/remove"},
		{"POST", base + "/feed"}, {"POST", base + "/delete"},
	} {
		var code int
		if tt.method == "GET" {
			code, _ = e.get(cb, tt.path)
		} else {
			code, _ = e.post(cb, tt.path, url.Values{"name": {"x"}, "type": {"act"}, "act": {act.ActID}})
		}
		if code != 403 {
			t.Errorf("bob %s %s: %d, want 403", tt.method, tt.path, code)
		}
	}
	if code, _ := e.get(nil, base+"/feed"); code != 404 {
		t.Errorf("feed without token: %d", code)
	}
	if code, _ := e.get(nil, base+"/feed?token=guess"); code != 404 {
		t.Errorf("feed with a wrong token: %d", code)
	}

	if code, _ := e.post(ca, base, url.Values{"name": {"Legi noi"}, "mode": {"weekly"}}); code != 422 {
		t.Errorf("bad mode: %d", code)
	}
	if code, _ := e.post(ca, base+"/items/"+items[0].ID+"/remove", nil); code != 303 {
		t.Errorf("remove: %d", code)
	}
	if code, _ := e.post(ca, base+"/items/nope/remove", nil); code != 404 {
		t.Errorf("remove unknown: %d", code)
	}
	if code, _ := e.post(ca, base+"/delete", nil); code != 303 {
		t.Errorf("delete: %d", code)
	}
	if code, _ := e.get(ca, base); code != 404 {
		t.Errorf("deleted list: %d", code)
	}
}

// TestWatchFeedAtom checks the Atom document: namespace, required
// elements, RFC 3339 times, one entry per alert with a link and an id
// that stays put, and nothing about the owner.
func TestWatchFeedAtom(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	ctx := context.Background()
	act := watchTestAct(t, e)
	u, err := e.st.CreateUser(ctx, store.NewUser{Email: "secret-person@watch.test", DisplayName: "Persoana Secretă", Lang: "pl", EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	l, _ := e.st.CreateWatchlist(ctx, u.ID, "Lista <mea> & a ta", agora.NotifyOff)
	if _, err := e.st.AddWatchItem(ctx, l.ID, store.WatchItemInput{Kind: store.WatchAct, Act: act.ActID}); err != nil {
		t.Fatal(err)
	}
	c := e.login(u)
	_, body := e.post(c, "/watch/"+l.ID+"/feed", nil)
	m := feedURLRE.FindStringSubmatch(body)
	if m == nil {
		t.Fatal("no feed address on the page")
	}
	v2 := agora.ActDocument{Act: agora.Act{Key: "ro/lege/2003/52", Jurisdiction: agora.RO, Kind: "lege", Number: "52", Year: 2003,
		Title: "LEGE nr. 52 din 21 ianuarie 2003 privind transparența decizională", Status: agora.ActRepealed},
		Units: []agora.Unit{{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Text: "Prezenta lege stabilește regulile."}}}
	r, err := e.st.ImportLaw(ctx, v2)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.RecordLawAlerts(ctx, store.LawChange{ActID: r.ActID, Outcome: r.Outcome, Version: r.Version, PrevStatus: r.PrevStatus, Status: r.Status}, nil); err != nil {
		t.Fatal(err)
	}
	feedPath := strings.TrimPrefix(strings.ReplaceAll(m[1], "&amp;", "&"), "http://agora.test")
	req, _ := http.NewRequest("GET", e.ts.URL+feedPath, nil)
	resp, err := e.client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if ct := resp.Header.Get("Content-Type"); ct != "application/atom+xml; charset=utf-8" {
		t.Errorf("content type %q", ct)
	}
	dec := xml.NewDecoder(resp.Body)
	var f struct {
		XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
		ID      string   `xml:"id"`
		Title   string   `xml:"title"`
		Updated string   `xml:"updated"`
		Author  struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Entries []struct {
			ID      string `xml:"id"`
			Title   string `xml:"title"`
			Updated string `xml:"updated"`
			Link    struct {
				Href string `xml:"href,attr"`
			} `xml:"link"`
			Summary string `xml:"summary"`
		} `xml:"entry"`
	}
	if err := dec.Decode(&f); err != nil {
		t.Fatal(err)
	}
	if f.ID != "http://agora.test/watch/"+l.ID || f.Title != "Lista <mea> & a ta" || f.Author.Name == "" {
		t.Errorf("feed head = %+v", f)
	}
	if _, err := time.Parse(time.RFC3339, f.Updated); err != nil {
		t.Errorf("updated %q: %v", f.Updated, err)
	}
	if len(f.Entries) != 1 {
		t.Fatalf("entries = %+v", f.Entries)
	}
	en := f.Entries[0]
	if !strings.HasPrefix(en.ID, f.ID+"#alert-") || en.Link.Href != "http://agora.test/laws/"+act.ActID || en.Summary == "" {
		t.Errorf("entry = %+v", en)
	}
	if want := e.cat.T("pl", "watch.alert.repealed", map[string]any{"title": v2.Act.Title}); en.Title != want {
		t.Errorf("entry title %q, want the owner's language: %q", en.Title, want)
	}
	if _, err := time.Parse(time.RFC3339, en.Updated); err != nil {
		t.Errorf("entry updated %q", en.Updated)
	}
	code, doc := e.get(nil, feedPath)
	if code != 200 || strings.Contains(doc, "secret-person") || strings.Contains(doc, "Persoana") {
		t.Errorf("feed leaks the owner (%d)", code)
	}
}

// TestMonitorBoardPagesAndPermissions: members use the board; others
// cannot; only org admins and the item's creator delete.
func TestMonitorBoardPagesAndPermissions(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	ctx := context.Background()
	act := watchTestAct(t, e)
	admin := e.user("admin@ngo.test", agora.RoleParticipant)
	member := e.user("member@ngo.test", agora.RoleParticipant)
	second := e.user("second@ngo.test", agora.RoleParticipant)
	outsider := e.user("out@ngo.test", agora.RoleParticipant)
	org, err := e.st.CreateOrg(ctx, admin.ID, agora.OrgInput{Name: "Asociația Veghe", Kind: "association", Country: "RO", RegionCode: "127"})
	if err != nil {
		t.Fatal(err)
	}
	for _, m := range []agora.User{member, second} {
		if _, err := e.st.AddOrgMember(ctx, admin.ID, org.ID, m.Email, agora.OrgMember, ""); err != nil {
			t.Fatal(err)
		}
	}
	cm, cs, ca, co := e.login(member), e.login(second), e.login(admin), e.login(outsider)
	board := "/orgs/" + org.ID + "/monitor"
	if code, _ := e.get(co, board); code != 403 {
		t.Errorf("outsider board: %d", code)
	}
	if code, _ := e.post(co, board, url.Values{"kind": {"act"}, "act": {act.ActID}, "stage": {"in_force"}}); code != 403 {
		t.Errorf("outsider add: %d", code)
	}
	if code, body := e.post(cm, board, url.Values{"kind": {"other"}, "stage": {"announced"}}); code != 422 || !strings.Contains(body, "f-title-error") {
		t.Errorf("other without title: %d", code)
	}
	req, _ := newPost(e.ts.URL+board, url.Values{"kind": {"act"}, "act": {"ro/lege/2003/52"}, "stage": {"in_force"}, "owner": {member.ID}})
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := cm.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	loc := resp.Header.Get("Location")
	if resp.StatusCode != 303 || !strings.HasPrefix(loc, board+"/") {
		t.Fatalf("add: %d %q", resp.StatusCode, loc)
	}
	if code, body := e.get(cm, board+"?stage=in_force&owner="+member.ID); code != 200 || !strings.Contains(body, loc) {
		t.Errorf("filtered board: %d", code)
	}
	if code, body := e.get(cm, board+"?stage=repealed"); code != 200 || strings.Contains(body, loc) {
		t.Errorf("board filtered to another stage: %d", code)
	}
	if code, _ := e.post(cs, loc, url.Values{"op": {"update"}, "stage": {"adopted"}, "position": {"support"}, "position_text": {"Susținem."}}); code != 303 {
		t.Errorf("edit by another member: %d", code)
	}
	if code, _ := e.post(cs, loc, url.Values{"op": {"note"}, "note": {"Am vorbit cu ministerul."}}); code != 303 {
		t.Errorf("note: %d", code)
	}
	if code, _ := e.post(cs, loc, url.Values{"op": {"note"}, "note": {" "}}); code != 422 {
		t.Errorf("empty note: %d", code)
	}
	code, body := e.get(cm, loc)
	if code != 200 || !strings.Contains(body, "Am vorbit cu ministerul.") || !strings.Contains(body, e.cat.T("ro", "monitor.position.support", nil)) {
		t.Errorf("item page: %d", code)
	}
	if code, _ := e.get(co, loc); code != 403 {
		t.Errorf("outsider item: %d", code)
	}
	if code, _ := e.post(cs, loc+"/delete", nil); code != 403 {
		t.Errorf("delete by a member who did not add it: %d", code)
	}
	if code, _ := e.post(cm, loc+"/delete", nil); code != 303 {
		t.Errorf("delete by its creator: %d", code)
	}
	if code, _ := e.get(ca, loc); code != 404 {
		t.Errorf("deleted item: %d", code)
	}
}

// FuzzDecodeWatchItem feeds arbitrary form values to the item decoder
// and the saved-search parser: no panic, and what decodes re-encodes to
// values that decode to the same item.
func FuzzDecodeWatchItem(f *testing.F) {
	f.Add("act=ro/lege/2003/52&unit=art-7.par-2")
	f.Add("type=search&search=q%3Dtransparen%C8%9Ba%26jurisdiction%3DRO%26year_from%3D2000")
	f.Add("type=search&q=%22dialog+social%22+-abrogat&jurisdiction=PL&status=in_force")
	f.Add("domain=mediu")
	f.Add("type=authority&authority=%ff")
	f.Add("type=nope")
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		in, err := decodeWatchItem(v)
		if err != nil {
			return
		}
		if in.Kind != "" {
			back, err := decodeWatchItem(encodeWatchItem(in))
			if err != nil || back != in {
				t.Fatalf("round trip %+v → %+v (%v)", in, back, err)
			}
		}
		if in.Kind == store.WatchSearch {
			q, err := store.ParseSavedSearch(in.Target)
			if err != nil {
				return
			}
			again, err := store.ParseSavedSearch(q.Encode())
			if err != nil || again.Encode() != q.Encode() {
				t.Fatalf("saved search %q → %q → %q (%v)", in.Target, q.Encode(), again.Encode(), err)
			}
		}
	})
}

// TestWatchPagesRenderInEveryLanguage renders every watchlist and board
// page, filled, for readers of ro, pl and en.
func TestWatchPagesRenderInEveryLanguage(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	ctx := context.Background()
	act := watchTestAct(t, e)
	type reader struct {
		lang string
		user agora.User
		org  agora.Organisation
		list store.Watchlist
		item store.MonitorItem
	}
	var rs []reader
	for _, lang := range []string{"ro", "pl", "en"} {
		r := reader{lang: lang}
		var err error
		if r.user, err = e.st.CreateUser(ctx, store.NewUser{Email: lang + "@watch.test", DisplayName: "Reader " + lang, Lang: lang, EmailVerified: true}); err != nil {
			t.Fatal(err)
		}
		if r.org, err = e.st.CreateOrg(ctx, r.user.ID, agora.OrgInput{Name: "Asociația " + lang, Kind: "association", Country: "RO", RegionCode: "127"}); err != nil {
			t.Fatal(err)
		}
		r.list, _ = e.st.CreateWatchlist(ctx, r.user.ID, "Lista", "")
		if _, err := e.st.AddWatchItem(ctx, r.list.ID, store.WatchItemInput{Kind: store.WatchArticle, Act: act.ActID, Unit: "art-1"}); err != nil {
			t.Fatal(err)
		}
		if r.item, err = e.st.CreateMonitorItem(ctx, r.user.ID, r.org.ID, store.MonitorInput{Kind: store.MonitorAct, Act: act.ActID,
			Stage: store.StageInForce, OwnerID: r.user.ID, Position: store.PositionOppose}); err != nil {
			t.Fatal(err)
		}
		rs = append(rs, r)
	}
	rep := agora.ActDocument{Act: agora.Act{Key: "ro/lege/2003/52", Jurisdiction: agora.RO, Kind: "lege", Number: "52", Year: 2003,
		Title: "Legea 52/2003", Status: agora.ActRepealed}, Units: []agora.Unit{{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Text: "Alt text."}}}
	up, _ := e.st.ImportLaw(ctx, rep)
	if _, err := e.st.RecordLawAlerts(ctx, store.LawChange{ActID: up.ActID, Outcome: up.Outcome, Version: up.Version, PrevStatus: up.PrevStatus, Status: up.Status}, nil); err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		c := e.login(r.user)
		board := "/orgs/" + r.org.ID + "/monitor"
		for _, p := range []string{"/watch", "/watch?act=" + act.ActID + "&unit=art-1", "/watch/" + r.list.ID, "/watch/" + r.list.ID + "?domain=nope",
			board, board + "?stage=repealed", board + "/" + r.item.ID} {
			code, body := e.get(c, p)
			if code != 200 || !strings.Contains(body, `<html lang="`+r.lang+`"`) {
				t.Errorf("%s in %s: %d", p, r.lang, code)
			}
		}
		_, body := e.get(c, board+"/"+r.item.ID)
		if !strings.Contains(body, e.cat.T(r.lang, "monitor.alert.repealed", nil)) || !strings.Contains(body, e.cat.T(r.lang, "monitor.stage.repealed", nil)) {
			t.Errorf("%s: the repeal is not on the item's timeline", r.lang)
		}
		_, body = e.get(c, "/watch/"+r.list.ID)
		if !strings.Contains(body, html.EscapeString(e.cat.T(r.lang, "watch.alert.repealed", map[string]any{"title": "Legea 52/2003"}))) {
			t.Errorf("%s: the repeal alert is not on the list page", r.lang)
		}
	}
}
