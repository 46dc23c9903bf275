package web

import (
	"net/http"
	"net/url"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/jobs"
	"github.com/agora-civic/agora/internal/store"
)

// watchModes are the choices of a list's alert setting; "" follows the
// person's general notification preference.
var watchModes = []agora.NotifyMode{"", agora.NotifyImmediate, agora.NotifyDigest, agora.NotifyOff}

// watchIndexData fills /watch: the person's lists and, when the page was
// opened from an act, article, domain, authority or search ("watch
// this"), the item to add to one of them.
type watchIndexData struct {
	Lists  []watchListView
	Modes  []orgOption
	Adding *watchAdding
}

// watchAdding is an item offered for adding, carried as hidden fields.
type watchAdding struct {
	Fields    url.Values
	Label     string
	Kind      store.WatchKind
	KindLabel string
}

type watchListView struct {
	store.Watchlist
	ModeLabel string
}

// watchShowData fills /watch/{id}.
type watchShowData struct {
	List    store.Watchlist
	Items   []watchItemView
	Alerts  []watchAlertView
	Modes   []orgOption
	Domains []orgOption
	Kinds   []orgOption
	// FeedURL is shown once, right after the feed address was made: only
	// its hash is kept.
	FeedURL string
	Adding  *watchAdding
}

type watchItemView struct {
	store.WatchItem
	KindLabel string
	Label     string
	URL       string
}

type watchAlertView struct {
	store.WatchAlert
	Text string
	URL  string
}

func (s *Server) watchModeOptions(lang string, selected agora.NotifyMode) []orgOption {
	out := make([]orgOption, 0, len(watchModes))
	for _, m := range watchModes {
		key := "watch.mode.default"
		if m != "" {
			key = i18n.Prefix("watch.mode.") + string(m)
		}
		out = append(out, orgOption{Value: string(m), Label: s.cat.T(lang, key, nil), Selected: m == selected})
	}
	return out
}

// ownWatchlist loads the list named in the path and checks that the
// viewer owns it: Unauthenticated, NotFound or Forbidden otherwise.
func (s *Server) ownWatchlist(r *http.Request) (*agora.User, store.Watchlist, error) {
	u, err := s.signedIn(r, auth.ManageWatchlist)
	if err != nil {
		return nil, store.Watchlist{}, err
	}
	l, err := s.store.Watchlist(r.Context(), r.PathValue("id"))
	if err != nil {
		return nil, l, err
	}
	if err := s.authorize(r, auth.ManageWatchlist, auth.Resource{OwnerID: l.UserID}); err != nil {
		return nil, l, err
	}
	return u, l, nil
}

func (s *Server) listWatchlists(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.ManageWatchlist)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.watchIndex(r, u)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "watch/index", d)
}

func (s *Server) watchIndex(r *http.Request, u *agora.User) (watchIndexData, error) {
	lists, err := s.store.Watchlists(r.Context(), u.ID)
	if err != nil {
		return watchIndexData{}, err
	}
	lang := localeFrom(r.Context()).Lang
	d := watchIndexData{Modes: s.watchModeOptions(lang, "")}
	for _, l := range lists {
		d.Lists = append(d.Lists, watchListView{Watchlist: l, ModeLabel: s.cat.T(lang, i18n.Prefix("watch.mode.")+string(l.EffectiveMode), nil)})
	}
	d.Adding = s.watchAddingFrom(r, r.URL.Query())
	return d, nil
}

// watchAddingFrom reads a "watch this" request (?act=…&unit=…,
// ?domain=…, ?authority=…, ?search=…) and names what it offers to add.
// Anything it cannot name is ignored: the page then only lists the lists.
func (s *Server) watchAddingFrom(r *http.Request, q url.Values) *watchAdding {
	in, err := decodeWatchItem(q)
	if err != nil || q.Get("type") == "" && q.Get("act") == "" && q.Get("domain") == "" && q.Get("authority") == "" && q.Get("search") == "" {
		return nil
	}
	a := &watchAdding{Fields: encodeWatchItem(in), Kind: in.Kind,
		KindLabel: s.cat.T(localeFrom(r.Context()).Lang, i18n.Prefix("watch.kind.")+string(in.Kind), nil)}
	ctx := r.Context()
	switch in.Kind {
	case store.WatchAct, store.WatchArticle:
		act, err := s.store.Act(ctx, in.Act)
		if err != nil {
			return nil
		}
		a.Label = act.Title
		if in.Kind == store.WatchArticle {
			a.Label = jobs.UnitLabel(in.Unit) + " — " + act.Title
		}
	case store.WatchDomain:
		a.Label = s.domainName(r, in.Target)
		if a.Label == "" {
			return nil
		}
	case store.WatchAuthority:
		org, err := s.store.Org(ctx, in.Target)
		if err != nil {
			return nil
		}
		a.Label = org.Name
	case store.WatchSearch:
		ss, err := store.ParseSavedSearch(in.Target)
		if err != nil || ss.IsZero() {
			return nil
		}
		a.Label = ss.Label()
	}
	return a
}

func (s *Server) domainName(r *http.Request, slug string) string {
	lang := localeFrom(r.Context()).Lang
	ds, err := s.store.Domains(r.Context(), lang)
	if err != nil {
		return ""
	}
	for _, d := range ds {
		if d.Slug == slug {
			return d.Name(lang)
		}
	}
	return ""
}

// createWatchlist makes a list and, when the form carries an item (the
// "new list with this" button), adds it at once.
func (s *Server) createWatchlist(w http.ResponseWriter, r *http.Request) {
	u, err := s.signedIn(r, auth.ManageWatchlist)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	l, err := s.store.CreateWatchlist(r.Context(), u.ID, f.Get("name"), agora.NotifyMode(f.Get("mode")))
	if err != nil {
		d, derr := s.watchIndex(r, u)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		d.Adding = s.watchAddingFrom(r, r.PostForm)
		s.formFail(w, r, "watch/index", f, err, d)
		return
	}
	if in, err := decodeWatchItem(r.PostForm); err == nil && in.Kind != "" {
		if _, err := s.store.AddWatchItem(r.Context(), l.ID, in); err != nil {
			// The list exists; show the item's problem on its page.
			s.redirect(w, r, "/watch/"+l.ID, "watch.flash.item_not_added")
			return
		}
	}
	s.redirect(w, r, "/watch/"+l.ID, "watch.flash.created")
}

func (s *Server) showWatchlist(w http.ResponseWriter, r *http.Request) {
	_, l, err := s.ownWatchlist(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.watchShow(r, l)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.Adding = s.watchAddingFrom(r, r.URL.Query())
	s.render(w, r, http.StatusOK, "watch/show", d)
}

func (s *Server) watchShow(r *http.Request, l store.Watchlist) (watchShowData, error) {
	ctx := r.Context()
	lang := localeFrom(ctx).Lang
	d := watchShowData{List: l, Modes: s.watchModeOptions(lang, l.Mode)}
	items, err := s.store.WatchItems(ctx, l.ID)
	if err != nil {
		return d, err
	}
	alerts, err := s.store.WatchAlerts(ctx, l.ID, 50)
	if err != nil {
		return d, err
	}
	ds, err := s.store.Domains(ctx, lang)
	if err != nil {
		return d, err
	}
	names := map[string]string{}
	for _, dm := range ds {
		names[dm.Slug] = dm.Name(lang)
		d.Domains = append(d.Domains, orgOption{Value: dm.Slug, Label: dm.Name(lang)})
	}
	for _, k := range store.WatchKinds {
		d.Kinds = append(d.Kinds, orgOption{Value: string(k), Label: s.cat.T(lang, i18n.Prefix("watch.kind.")+string(k), nil)})
	}
	for _, it := range items {
		d.Items = append(d.Items, watchItemView{WatchItem: it, Label: watchItemLabel(it, names), URL: watchItemURL(it),
			KindLabel: s.cat.T(lang, i18n.Prefix("watch.kind.")+string(it.Kind), nil)})
	}
	for _, a := range alerts {
		d.Alerts = append(d.Alerts, watchAlertView{WatchAlert: a, Text: jobs.AlertText(s.cat, lang, a, names), URL: jobs.AlertPath(a)})
	}
	return d, nil
}

func watchItemLabel(it store.WatchItem, domains map[string]string) string {
	switch it.Kind {
	case store.WatchArticle:
		return jobs.UnitLabel(it.UnitKey) + " — " + it.Label
	case store.WatchDomain:
		if n := domains[it.Target]; n != "" {
			return n
		}
	}
	return it.Label
}

// watchItemURL is where an item's page is on the site ("" for none).
func watchItemURL(it store.WatchItem) string {
	switch it.Kind {
	case store.WatchAct:
		return "/laws/" + it.ActID
	case store.WatchArticle:
		return "/laws/" + it.ActID + "/articles/" + url.PathEscape(it.UnitKey)
	case store.WatchAuthority:
		return "/orgs/" + it.Target
	case store.WatchSearch:
		return "/laws?" + it.Target
	}
	return ""
}

// updateWatchlist saves a list's name and alert setting.
func (s *Server) updateWatchlist(w http.ResponseWriter, r *http.Request) {
	_, l, err := s.ownWatchlist(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.UpdateWatchlist(r.Context(), l.ID, f.Get("name"), agora.NotifyMode(f.Get("mode"))); err != nil {
		d, derr := s.watchShow(r, l)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		s.formFail(w, r, "watch/show", f, err, d)
		return
	}
	s.redirect(w, r, "/watch/"+l.ID, "watch.flash.saved")
}

func (s *Server) deleteWatchlist(w http.ResponseWriter, r *http.Request) {
	_, l, err := s.ownWatchlist(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.DeleteWatchlist(r.Context(), l.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/watch", "watch.flash.deleted")
}
