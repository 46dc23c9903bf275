package web

import (
	"net/http"
	"net/url"
	"slices"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
)

// consultationListParams are the query parameters of the list, the feed
// and the calendar, in the order links keep them.
var consultationListParams = []string{"q", "org", "kind", "domain", "region", "phase", "sort"}

// consultationListFilter reads the list's query string. Bad values are
// field errors; the rest of the filter still applies.
func consultationListFilter(q url.Values) (store.ConsultationFilter, agora.Errs) {
	var es agora.Errs
	f := store.ConsultationFilter{Query: strings.TrimSpace(q.Get("q")), Cursor: q.Get("cursor"), Limit: 20}
	if utf8.RuneCountInString(f.Query) > 200 || !utf8.ValidString(f.Query) {
		es.Add("q", "field.too_long", map[string]any{"max": 200})
		f.Query = ""
	}
	if v := q.Get("org"); v != "" {
		if agora.ValidID(v) {
			f.OrgID = v
		} else {
			es.Add("org", "field.invalid_choice", nil)
		}
	}
	if v := q.Get("kind"); v != "" {
		if agora.ValidActKind(agora.RO, v) || agora.ValidActKind(agora.PL, v) {
			f.ActKind = v
		} else {
			es.Add("kind", "field.invalid_choice", nil)
		}
	}
	if v := q.Get("domain"); v != "" {
		if agora.ValidDomainSlug(v) {
			f.Domain = v
		} else {
			es.Add("domain", "field.invalid_choice", nil)
		}
	}
	if v := q.Get("region"); v != "" {
		if c, code, ok := parseRegionValue(v); ok {
			f.Country, f.Region = c, code
		} else {
			es.Add("region", "field.invalid_choice", nil)
		}
	}
	if v := agora.Phase(q.Get("phase")); v != "" {
		if slices.Contains(agora.Phases, v) {
			f.Phase = v
		} else {
			es.Add("phase", "field.invalid_choice", nil)
		}
	}
	switch v := q.Get("sort"); v {
	case "", store.SortClosing, store.SortNewest:
		f.Sort = v
	default:
		es.Add("sort", "field.invalid_choice", nil)
	}
	return f, es
}

// consultationItem is one consultation of the list, ready to show.
type consultationItem struct {
	agora.Consultation
	KindLabel   string
	Phase       agora.Phase
	PhaseLabel  string
	DaysLeft    int
	ShowDays    bool
	Closes      string // "30 March 2026, 23:59 (Bucharest time)"
	Opens       string
	DomainNames []string
}

type consultationListData struct {
	Items      []consultationItem
	Total      int
	Query      string
	Orgs       []orgOption
	Kinds      []orgOptionGroup
	Domains    []orgOption
	Regions    []orgOptionGroup
	Phases     []orgOption
	Sorts      []orgOption
	Filtered   bool
	Prev, Next string
	FeedURL    string
	ICSURL     string
	// FollowOrg and FollowDomain offer to follow what the list is filtered
	// on; Following* say whether the viewer already does.
	FollowOrg, FollowOrgName       string
	FollowDomain, FollowDomainName string
	FollowingOrg, FollowingDomain  bool
	SelfURL                        string // the page's own URL, for follow forms to come back to
}

// listConsultations is the public list: a GET form of filters, so it
// works without JavaScript and every result has an address to share.
func (s *Server) listConsultations(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := localeFrom(ctx).Lang
	q := r.URL.Query()
	f, es := consultationListFilter(q)
	page, err := s.store.ListConsultations(ctx, f)
	if agora.KindOf(err) == agora.Invalid {
		es = append(es, agora.FieldError("cursor", "consultation_follow.error.cursor", nil))
		f.Cursor = ""
		page, err = s.store.ListConsultations(ctx, f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := consultationListData{Query: f.Query, Total: page.Total, SelfURL: r.URL.RequestURI()}
	if err := s.consultationListOptions(r, lang, f, &d); err != nil {
		s.fail(w, r, err)
		return
	}
	domainNames := map[string]string{}
	for _, o := range d.Domains {
		domainNames[o.Value] = o.Label
	}
	for _, c := range page.Items {
		d.Items = append(d.Items, s.consultationItem(lang, c, page, domainNames))
	}
	base := url.Values{}
	for _, k := range consultationListParams {
		if v := q.Get(k); v != "" {
			base.Set(k, v)
			d.Filtered = true
		}
	}
	if page.Prev != "" {
		d.Prev = pageURL("/consultations", base, "cursor", page.Prev)
	}
	if page.Next != "" {
		d.Next = pageURL("/consultations", base, "cursor", page.Next)
	}
	d.FeedURL, d.ICSURL = "/consultations/feed", "/consultations/calendar.ics"
	if enc := base.Encode(); enc != "" {
		d.FeedURL += "?" + enc
		d.ICSURL += "?" + enc
	}
	if err := s.listFollowOffers(r, f, &d, domainNames); err != nil {
		s.fail(w, r, err)
		return
	}
	if len(es) > 0 {
		form := &Form{Values: map[string]string{"q": f.Query}, Errors: map[string]string{}}
		s.renderForm(w, r, "consultation/list", form, es.Err(), d)
		return
	}
	s.render(w, r, http.StatusOK, "consultation/list", d)
}

func (s *Server) consultationItem(lang string, c agora.Consultation, page store.ConsultationListPage, domainNames map[string]string) consultationItem {
	it := consultationItem{Consultation: c, KindLabel: s.actKindLabel(lang, c.ActKind), Phase: c.PhaseAt(page.Now)}
	it.PhaseLabel = s.phaseLabel(lang, it.Phase)
	loc := i18n.NewLocale(lang, legal.Zone(c.Country))
	zone := s.cat.T(lang, i18n.Prefix("consultation_follow.zone.")+strings.ToLower(string(c.Country)), nil)
	it.Closes = s.cat.T(lang, "consultation_follow.list.closes_at", map[string]any{
		"date": loc.DateLong(c.CommentsClose), "time": c.CommentsClose.In(legal.Zone(c.Country)).Format("15:04"), "zone": zone})
	it.Opens = loc.DateLong(c.OpensAt)
	if it.Phase == agora.PhaseOpen {
		it.ShowDays = true
		it.DaysLeft = legal.DateOf(c.Country, page.Now).DaysUntil(legal.DateOf(c.Country, c.CommentsClose.Add(-1)))
	}
	for _, slug := range c.Domains {
		if n := domainNames[slug]; n != "" {
			it.DomainNames = append(it.DomainNames, n)
		}
	}
	return it
}

// consultationListOptions fills the choices of the filter form.
func (s *Server) consultationListOptions(r *http.Request, lang string, f store.ConsultationFilter, d *consultationListData) error {
	ctx := r.Context()
	auths, err := s.store.ConsultationAuthorities(ctx)
	if err != nil {
		return err
	}
	for _, a := range auths {
		d.Orgs = append(d.Orgs, orgOption{Value: a.ID, Label: a.Name, Selected: a.ID == f.OrgID})
	}
	for _, c := range agora.Countries() {
		g := orgOptionGroup{Label: s.orgCountryLabel(lang, c)}
		for _, k := range agora.ActKinds[c] {
			g.Options = append(g.Options, orgOption{Value: k, Label: s.actKindLabel(lang, k), Selected: k == f.ActKind})
		}
		d.Kinds = append(d.Kinds, g)
	}
	domains, err := s.store.Domains(ctx, lang)
	if err != nil {
		return err
	}
	for _, dm := range domains {
		d.Domains = append(d.Domains, orgOption{Value: dm.Slug, Label: dm.Name(lang), Selected: dm.Slug == f.Domain})
	}
	if d.Regions, err = s.orgRegionGroups(ctx, lang, regionValue(f.Country, f.Region)); err != nil {
		return err
	}
	for _, p := range agora.Phases {
		d.Phases = append(d.Phases, orgOption{Value: string(p), Label: s.phaseLabel(lang, p), Selected: p == f.Phase})
	}
	for _, so := range []string{store.SortClosing, store.SortNewest} {
		d.Sorts = append(d.Sorts, orgOption{Value: so, Label: s.cat.T(lang, i18n.Prefix("consultation_follow.sort.")+so, nil),
			Selected: so == f.SortOrDefault()})
	}
	return nil
}

// listFollowOffers offers to follow the authority or domain the list is
// filtered on.
func (s *Server) listFollowOffers(r *http.Request, f store.ConsultationFilter, d *consultationListData, domainNames map[string]string) error {
	for _, o := range d.Orgs {
		if o.Value == f.OrgID {
			d.FollowOrg, d.FollowOrgName = o.Value, o.Label
		}
	}
	if n := domainNames[f.Domain]; n != "" {
		d.FollowDomain, d.FollowDomainName = f.Domain, n
	}
	v := viewerFrom(r.Context())
	if v == nil || (d.FollowOrg == "" && d.FollowDomain == "") {
		return nil
	}
	set, err := s.store.Following(r.Context(), v.ID)
	if err != nil {
		return err
	}
	d.FollowingOrg = set[store.FollowKey(agora.FollowOrg, d.FollowOrg)]
	d.FollowingDomain = set[store.FollowKey(agora.FollowDomain, d.FollowDomain)]
	return nil
}
