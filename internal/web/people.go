package web

import (
	"net/http"
	"net/url"
	"slices"

	"github.com/agora-civic/agora"
)

// peopleParams are the query parameters of /people; "language", not
// "lang", because ?lang= already picks the interface language.
var peopleParams = [...]string{"q", "type", "country", "region", "domain", "language"}

// maxPeopleQuery bounds the search text, as PeopleFilter.Validate does.
const maxPeopleQuery = 100

// peopleFilter reads the query string of /people. Bad values become field
// errors and are left out of the filter, so the rest still applies.
func peopleFilter(q url.Values) (agora.PeopleFilter, agora.Errs) {
	var es agora.Errs
	var f agora.PeopleFilter
	if v := q.Get("q"); v != "" {
		var qes agora.Errs
		f.Query = agora.ValidateText(&qes, "q", v, 0, maxPeopleQuery, false)
		if len(qes) > 0 {
			es, f.Query = append(es, qes...), ""
		}
	}
	if t := agora.StakeholderType(q.Get("type")); t != "" {
		if t.Valid() {
			f.Type = t
		} else {
			es.Add("type", "field.invalid_choice", nil)
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
		c, code, ok := parseProfileRegion(v)
		switch {
		case !ok:
			es.Add("region", "field.invalid_choice", nil)
		case f.Country != "" && c != f.Country:
			es.Add("region", "profile.region.wrong_country", nil)
		default:
			f.Country, f.Region = c, code
		}
	}
	if d := q.Get("domain"); d != "" {
		if agora.ValidDomainSlug(d) {
			f.Domain = d
		} else {
			es.Add("domain", "field.invalid_choice", nil)
		}
	}
	if l := q.Get("language"); l != "" {
		if slices.Contains(agora.ProfileLanguages(), l) {
			f.Language = l
		} else {
			es.Add("language", "field.invalid_choice", nil)
		}
	}
	f.After, f.Before = q.Get("after"), q.Get("before")
	if f.After != "" && f.Before != "" {
		f.Before = ""
	}
	return f, es
}

// peopleData is the directory page.
type peopleData struct {
	Cards       []personCard
	Total       int
	More        bool
	Query       string
	Types       []profileChoice
	Countries   []profileChoice
	Regions     []profileChoiceGroup
	Domains     []profileChoice
	Languages   []profileChoice
	Filtered    bool
	Prev, Next  string
	CanEditSelf bool
}

// listPeople is the public people directory: a GET form of filters, so
// it works without JavaScript and every result page has an address.
// Filters match only what the viewer may see of each person (the store
// enforces it).
func (s *Server) listPeople(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	lang := localeFrom(ctx).Lang
	viewer := viewerFrom(ctx)
	q := r.URL.Query()
	f, es := peopleFilter(q)
	refs, err := s.loadProfileRefs(ctx, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Codes that look right but name nothing are errors too: the select
	// could not have sent them.
	if f.Region != "" && refs.regionName[profileRegionValue(f.Country, f.Region)] == "" {
		es.Add("region", "field.invalid_choice", nil)
		f.Region = ""
	}
	if f.Domain != "" && refs.domainName[f.Domain] == "" {
		es.Add("domain", "field.invalid_choice", nil)
		f.Domain = ""
	}
	page, err := s.store.ListPeople(ctx, viewer, f)
	if fe := agora.FieldErrors(err); len(fe) > 0 {
		// A stale or forged cursor: say so and show the first page.
		es = append(es, fe...)
		f.After, f.Before = "", ""
		page, err = s.store.ListPeople(ctx, viewer, f)
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}

	d := peopleData{Total: page.Total, More: page.More, Query: f.Query, CanEditSelf: viewer != nil}
	for _, t := range agora.StakeholderTypes() {
		d.Types = append(d.Types, profileChoice{Value: string(t), Label: s.profileTypeLabel(lang, t), Selected: t == f.Type})
	}
	for _, c := range agora.Countries() {
		d.Countries = append(d.Countries, profileChoice{Value: string(c), Label: s.profileCountryLabel(lang, c), Selected: c == f.Country})
	}
	d.Regions = s.profileRegionGroups(lang, refs, f.Country, profileRegionValue(f.Country, f.Region))
	for _, dm := range refs.domains {
		d.Domains = append(d.Domains, profileChoice{Value: dm.Slug, Label: dm.Name(lang), Selected: dm.Slug == f.Domain})
	}
	for _, l := range agora.ProfileLanguages() {
		d.Languages = append(d.Languages, profileChoice{Value: l, Label: s.profileLanguageLabel(lang, l), Selected: l == f.Language})
	}
	d.Filtered = f.Query != "" || f.Type != "" || f.Country != "" || f.Domain != "" || f.Language != ""
	for _, p := range page.People {
		d.Cards = append(d.Cards, s.personCardOf(lang, p, viewer, refs))
	}
	base := url.Values{}
	for _, k := range peopleParams {
		if v := q.Get(k); v != "" {
			base.Set(k, v)
		}
	}
	if page.Prev != "" {
		d.Prev = peoplePageURL(base, "before", page.Prev)
	}
	if page.Next != "" {
		d.Next = peoplePageURL(base, "after", page.Next)
	}
	if len(es) > 0 {
		form := &Form{Values: map[string]string{"q": f.Query}, Errors: map[string]string{}}
		s.renderForm(w, r, "people/list", form, es.Err(), d)
		return
	}
	s.render(w, r, http.StatusOK, "people/list", d)
}

// peoplePageURL is the address of another page of the same search.
func peoplePageURL(base url.Values, key, cursor string) string {
	q := url.Values{}
	for k, vs := range base {
		q[k] = vs
	}
	q.Set(key, cursor)
	return "/people?" + q.Encode()
}
