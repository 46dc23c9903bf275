package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/search"
	"github.com/agora-civic/agora/internal/store"
)

// lawPerPage is the page size of the search and browse pages.
const lawPerPage = 20

// lawSearchPage is what law/search.html shows.
type lawSearchPage struct {
	Q, Sort, YearFrom, YearTo string
	Facets                    []lawFacetGroup
	Years                     []lawYearLink
	Hits                      []lawHitView
	Acts                      []lawActRow
	Browse, Searched          bool
	Total                     int
	Partial                   bool
	Prev, Next                string
}

type lawFacetGroup struct {
	Name, Legend string
	Options      []lawFacetOption
}

type lawFacetOption struct {
	ID, Value, Label string
	Count            int
	Checked          bool
}

type lawYearLink struct {
	Year, URL string
	Count     int
}

type lawHitView struct {
	URL, Title, Heading, KindKey, Number, Year, Jurisdiction, StatusKey, Status, ArticleLabel string
	Snippet                                                                                   search.Snippet
}

type lawActRow struct {
	URL, Title, KindKey, Number, Year, Jurisdiction, StatusKey, Status string
}

// lawFormInput reads the search form: lists come as repeated parameters
// (checkboxes) and empty ones are ignored.
func lawFormInput(v url.Values) lawQueryInput {
	return lawQueryInput{
		Text: v.Get("q"), Jurisdictions: nonEmptyValues(v["jurisdiction"]), Kinds: nonEmptyValues(v["kind"]),
		Statuses: nonEmptyValues(v["status"]), Doms: nonEmptyValues(v["domain"]),
		YearFrom: v.Get("year_from"), YearTo: v.Get("year_to"), Sort: v.Get("sort"),
	}
}

// decodeLawSearch reads the whole search form: the query and the page
// number. Invalid errors name the field.
func decodeLawSearch(v url.Values) (search.Query, int, error) {
	page := 1
	var es agora.Errs
	if p := v.Get("page"); p != "" {
		n, err := strconv.Atoi(p)
		if err != nil || !isDigits(p) || n < 1 || (n-1)*lawPerPage > search.MaxOffset {
			es.Add("page", "lawweb.error.page", map[string]any{"max": search.MaxOffset/lawPerPage + 1})
		} else {
			page = n
		}
	}
	q, err := lawQuery(lawFormInput(v))
	if err != nil {
		es = append(es, agora.FieldErrors(err)...)
		if len(es) == 0 {
			return q, page, err
		}
	}
	if err := es.Err(); err != nil {
		return q, page, err
	}
	q.Limit, q.Offset = lawPerPage, (page-1)*lawPerPage
	return q, page, nil
}

// browsable reports whether an empty search can be served by the act
// listing, whose filters take one value each and one year.
func browsable(q search.Query) bool {
	return strings.TrimSpace(q.Text) == "" && len(q.Jurisdictions) <= 1 && len(q.Kinds) <= 1 && len(q.Statuses) <= 1 &&
		len(q.Domains) <= 1 && q.YearFrom == q.YearTo
}

// searchLaws is GET /laws: full-text search over articles, or, without
// words, the acts newest first. Bad input is a 400 page with the form
// and the translated errors, never a 500.
func (s *Server) searchLaws(w http.ResponseWriter, r *http.Request) {
	v := r.URL.Query()
	lang := localeFrom(r.Context()).Lang
	data := &lawSearchPage{Q: v.Get("q"), Sort: v.Get("sort"), YearFrom: v.Get("year_from"), YearTo: v.Get("year_to")}
	form := &Form{Values: map[string]string{}, Errors: map[string]string{}}
	q, page, err := decodeLawSearch(v)
	var res store.LawResults
	if err == nil {
		data.Searched = strings.TrimSpace(q.Text) != ""
		if browsable(q) {
			data.Browse = true
			err = s.browseActs(r, q, v, data)
			if err == nil {
				fq := q
				fq.Limit, fq.Offset = 1, 0
				res, err = s.store.SearchLaws(r.Context(), fq)
			}
		} else {
			res, err = s.store.SearchLaws(r.Context(), q)
		}
	}
	status := http.StatusOK
	if err != nil {
		if agora.KindOf(err) != agora.Invalid {
			s.fail(w, r, err)
			return
		}
		if !s.setErrors(r, form, err) {
			s.setErrors(r, form, agora.FieldError("q", agora.AsError(err).Key, agora.AsError(err).Args))
		}
		status = http.StatusBadRequest
	}
	domains, derr := s.store.Domains(r.Context(), lang)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	names := map[string]string{}
	for _, d := range domains {
		names[d.Slug] = d.Name(lang)
	}
	s.fillLawFacets(lang, v, res.Facets, names, data)
	if !data.Browse && err == nil {
		data.Total, data.Partial = res.Total, res.Facets.Partial
		for _, h := range res.Hits {
			data.Hits = append(data.Hits, hitView(h))
		}
		if page > 1 {
			data.Prev = withParam(r.URL, "page", strconv.Itoa(page-1))
		}
		if q.Offset+len(res.Hits) < res.Total && q.Offset+lawPerPage <= search.MaxOffset {
			data.Next = withParam(r.URL, "page", strconv.Itoa(page+1))
		}
	}
	p := s.page(r, data)
	p.Form = form
	s.render(w, r, status, "law/search", p)
}

// browseActs fills the act listing for an empty search.
func (s *Server) browseActs(r *http.Request, q search.Query, v url.Values, data *lawSearchPage) error {
	f := agora.ActFilter{Cursor: v.Get("cursor"), Limit: lawPerPage, Year: q.YearFrom}
	first := func(xs []string) string {
		if len(xs) == 0 {
			return ""
		}
		return xs[0]
	}
	f.Jurisdiction, f.Kind, f.Status, f.Domain = agora.Country(first(q.Jurisdictions)), first(q.Kinds), agora.ActStatus(first(q.Statuses)), first(q.Domains)
	if len(f.Cursor) > apiMaxCursor {
		return agora.FieldError("cursor", "law.error.cursor", nil)
	}
	pg, err := s.store.ListActs(r.Context(), f)
	if err != nil {
		if agora.KindOf(err) == agora.Invalid {
			return agora.FieldError("cursor", agora.AsError(err).Key, nil)
		}
		return err
	}
	for _, a := range pg.Acts {
		data.Acts = append(data.Acts, actRow(a))
	}
	if pg.Next != "" {
		data.Next = withParam(r.URL, "cursor", pg.Next)
	}
	if f.Cursor != "" {
		data.Prev = withParam(r.URL, "cursor", "")
	}
	return nil
}

func actRow(a agora.Act) lawActRow {
	row := lawActRow{URL: "/laws/" + a.ID, Title: a.Title, KindKey: a.KindKey(), Number: a.Number, Jurisdiction: string(a.Jurisdiction),
		StatusKey: a.Status.Key(), Status: string(a.Status)}
	if a.Year > 0 {
		row.Year = strconv.Itoa(a.Year)
	}
	return row
}

func hitView(h store.LawHit) lawHitView {
	v := lawHitView{URL: "/laws/" + h.ActID, Title: h.Title, Heading: h.Heading, KindKey: lawKindKey(h.Jurisdiction, h.Kind),
		Jurisdiction: h.Jurisdiction, StatusKey: agora.ActStatus(h.Status).Key(), Status: h.Status, ArticleLabel: h.ArticleLabel,
		Snippet: h.Snippet}
	if h.UnitKey != "" {
		v.URL += "#" + h.UnitKey
	}
	if p, err := agora.ParseActKey(h.ActKey); err == nil && p.Kind != "src" {
		v.Number = p.Number
	}
	if h.Year > 0 {
		v.Year = strconv.Itoa(h.Year)
	}
	return v
}

// withParam returns the request's path and query with one parameter set
// (or removed when value is ""); a new page number or cursor drops the
// other.
func withParam(u *url.URL, name, value string) string {
	q := u.Query()
	q.Del("page")
	q.Del("cursor")
	if value != "" {
		q.Set(name, value)
	}
	if len(q) == 0 {
		return u.Path
	}
	return u.Path + "?" + q.Encode()
}

// fillLawFacets builds the filter choices: every value the facets count,
// plus the chosen ones (count 0 when nothing matches them).
func (s *Server) fillLawFacets(lang string, v url.Values, f store.LawFacets, domainNames map[string]string, data *lawSearchPage) {
	t := func(key string) string { return s.cat.T(lang, key, nil) }
	group := func(name, legend string, counts []store.FacetCount, label func(string) string) {
		g := lawFacetGroup{Name: name, Legend: t(legend)}
		chosen := nonEmptyValues(v[name])
		seen := map[string]bool{}
		for _, c := range counts {
			seen[c.Value] = true
			g.Options = append(g.Options, lawFacetOption{Value: c.Value, Label: label(c.Value), Count: c.Count, Checked: contains(chosen, c.Value)})
		}
		for _, c := range chosen {
			if !seen[c] && len(g.Options) < 2*search.MaxFilterValues {
				g.Options = append(g.Options, lawFacetOption{Value: c, Label: label(c), Checked: true})
			}
		}
		for i := range g.Options {
			g.Options[i].ID = "f-" + name + "-" + strconv.Itoa(i)
		}
		data.Facets = append(data.Facets, g)
	}
	group("jurisdiction", "lawweb.filter.jurisdiction", f.Jurisdiction, func(v string) string {
		return t(i18n.Prefix("lawweb.jurisdiction.") + strings.ToLower(v))
	})
	group("kind", "lawweb.filter.kind", f.Kind, func(v string) string { return t(lawKindKey("", v)) })
	group("status", "lawweb.filter.status", f.Status, func(v string) string { return t(agora.ActStatus(v).Key()) })
	group("domain", "lawweb.filter.domain", f.Domain, func(v string) string {
		if n := domainNames[v]; n != "" {
			return n
		}
		return v
	})
	for i, y := range f.Year {
		if i == 12 {
			break
		}
		q := url.Values{}
		for k, vs := range v {
			q[k] = vs
		}
		q.Del("page")
		q.Del("cursor")
		q.Set("year_from", y.Value)
		q.Set("year_to", y.Value)
		data.Years = append(data.Years, lawYearLink{Year: y.Value, Count: y.Count, URL: "/laws?" + q.Encode()})
	}
}

func contains(xs []string, x string) bool {
	for _, v := range xs {
		if v == x {
			return true
		}
	}
	return false
}
