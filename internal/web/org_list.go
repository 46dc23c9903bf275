package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/agora-civic/agora"
)

// orgCard is one organisation in the directory, ready to show.
type orgCard struct {
	agora.Organisation
	KindLabel    string
	CountryLabel string
	DomainNames  []string
}

type orgDirectoryData struct {
	Cards      []orgCard
	Total      int
	Query      string
	Kinds      []orgOption
	Countries  []orgOption
	Regions    []orgOptionGroup
	Domains    []orgOption
	Verified   []orgOption
	Filtered   bool
	Prev, Next string
	CanCreate  bool
}

// orgDirectoryFilter reads the directory's query string. The region
// ("RO-225") implies its country. Bad values are field errors, shown on
// the filter form; the rest of the filter still applies.
func orgDirectoryFilter(q url.Values) (agora.OrgFilter, agora.Errs) {
	var es agora.Errs
	f := agora.OrgFilter{Query: strings.TrimSpace(q.Get("q")), Cursor: q.Get("cursor"), Limit: 20}
	if len(f.Query) > 200 {
		es.Add("q", "field.too_long", map[string]any{"max": 200})
		f.Query = ""
	}
	if k := agora.OrgKind(q.Get("kind")); k != "" {
		if k.Valid() {
			f.Kind = k
		} else {
			es.Add("kind", "field.invalid_choice", nil)
		}
	}
	if c := agora.Country(q.Get("country")); c != "" {
		if c.Valid() {
			f.Country = c
		} else {
			es.Add("country", "field.invalid_choice", nil)
		}
	}
	if v := q.Get("region"); v != "" {
		if c, code, ok := parseRegionValue(v); ok {
			f.Country, f.Region = c, code
		} else {
			es.Add("region", "field.invalid_choice", nil)
		}
	}
	if d := q.Get("domain"); d != "" {
		if agora.ValidDomainSlug(d) {
			f.Domain = d
		} else {
			es.Add("domain", "field.invalid_choice", nil)
		}
	}
	switch q.Get("verified") {
	case "":
	case "yes":
		yes := true
		f.Verified = &yes
	case "no":
		no := false
		f.Verified = &no
	default:
		es.Add("verified", "field.invalid_choice", nil)
	}
	return f, es
}

// listOrgDirectory is the public directory of organisations: a GET form
// of filters, so it works without JavaScript and every result page has
// an address one can share.
func (s *Server) listOrgDirectory(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := localeFrom(ctx).Lang
	q := r.URL.Query()
	f, es := orgDirectoryFilter(q)
	d := orgDirectoryData{Query: f.Query, CanCreate: viewerFrom(ctx).Verified()}
	d.Kinds = s.orgKindOptions(lang, string(f.Kind))
	d.Countries = s.orgCountryOptions(lang, string(f.Country))
	var err error
	if d.Regions, err = s.orgRegionGroups(ctx, lang, regionValue(f.Country, f.Region)); err != nil {
		s.fail(w, r, err)
		return
	}
	domains, err := s.store.Domains(ctx, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	names := make(map[string]string, len(domains))
	for _, dm := range domains {
		names[dm.Slug] = dm.Name(lang)
		d.Domains = append(d.Domains, orgOption{Value: dm.Slug, Label: dm.Name(lang), Selected: dm.Slug == f.Domain})
	}
	for _, v := range [][2]string{{"yes", "org.filter.verified_yes"}, {"no", "org.filter.verified_no"}} {
		d.Verified = append(d.Verified, orgOption{Value: v[0], Label: s.cat.T(lang, v[1], nil), Selected: q.Get("verified") == v[0]})
	}
	d.Filtered = f.Query != "" || f.Kind != "" || f.Country != "" || f.Domain != "" || f.Verified != nil
	page, err := s.store.ListOrgs(ctx, f)
	if err != nil {
		es = append(es, agora.FieldError("cursor", "org.cursor.invalid", nil))
		f.Cursor = ""
		page, err = s.store.ListOrgs(ctx, f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
	}
	d.Total = page.Total
	for _, o := range page.Orgs {
		c := orgCard{Organisation: o, KindLabel: s.orgKindLabel(lang, o.Kind), CountryLabel: s.orgCountryLabel(lang, o.Country)}
		for _, slug := range o.Domains {
			c.DomainNames = append(c.DomainNames, names[slug])
		}
		d.Cards = append(d.Cards, c)
	}
	base := url.Values{}
	for _, k := range []string{"q", "kind", "country", "region", "domain", "verified"} {
		if v := q.Get(k); v != "" {
			base.Set(k, v)
		}
	}
	if page.Prev != "" {
		d.Prev = pageURL("/orgs", base, "cursor", page.Prev)
	}
	if page.Next != "" {
		d.Next = pageURL("/orgs", base, "cursor", page.Next)
	}
	if len(es) > 0 {
		form := &Form{Values: map[string]string{"q": f.Query}, Errors: map[string]string{}}
		s.renderForm(w, r, "org/list", form, es.Err(), d)
		return
	}
	s.render(w, r, http.StatusOK, "org/list", d)
}
