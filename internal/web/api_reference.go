package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

// apiDomain is a field of activity with its name in the request language.
type apiDomain struct {
	Slug string `json:"slug"`
	Name string `json:"name"`
}

// apiListDomains is GET /api/v1/domains: the whole (short) list, sorted
// by name in the request language, in the list envelope without a next
// page.
func (s *Server) apiListDomains(w http.ResponseWriter, r *http.Request) {
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	lang := localeFrom(r.Context()).Lang
	ds, err := s.store.Domains(r.Context(), lang)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	items := make([]apiDomain, len(ds))
	for i, d := range ds {
		items[i] = apiDomain{Slug: d.Slug, Name: d.Name(lang)}
	}
	s.writePage(w, r, items, "")
}

// apiAdminUnit is an administrative unit for an address picker.
type apiAdminUnit struct {
	Country    string `json:"country"`
	Code       string `json:"code"`
	Level      int    `json:"level"`
	Kind       string `json:"kind"`
	Name       string `json:"name"`
	ParentCode string `json:"parent_code"`
	ParentName string `json:"parent_name"`
	Region     string `json:"region"`
	PostalCode string `json:"postal_code"`
}

// maxUnitCode is the length of the longest code (SIMC, TERC gmina).
const maxUnitCode = 7

// apiListAdminUnits is GET /api/v1/admin-units: units of one country by
// parent, region, level and name prefix, in pages.
func (s *Server) apiListAdminUnits(w http.ResponseWriter, r *http.Request) {
	q, page, err := apiQuery(r, "country", "parent", "region", "level", "q")
	var es agora.Errs
	if err != nil {
		es = agora.FieldErrors(err)
	}
	aq := store.AdminUnitPageQuery{Cursor: page.Cursor, Limit: page.Limit,
		Country: agora.Country(strings.ToUpper(strings.TrimSpace(q.Get("country"))))}
	switch {
	case aq.Country == "":
		es.Add("country", "field.required", nil)
	case !aq.Country.Valid():
		es.Add("country", "field.invalid_choice", nil)
	}
	for _, p := range []struct {
		name string
		dst  *string
	}{{"parent", &aq.Parent}, {"region", &aq.Region}} {
		if v := q.Get(p.name); v != "" {
			if len(v) > maxUnitCode || !isDigits(v) {
				es.Add(p.name, "field.invalid_choice", nil)
			}
			*p.dst = v
		}
	}
	if v := q.Get("level"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || !isDigits(v) || n < 1 || n > 4 {
			es.Add("level", "api.level.range", map[string]any{"min": 1, "max": 4})
		}
		aq.Level = n
	}
	aq.Prefix = agora.ValidateText(&es, "q", q.Get("q"), 0, 100, false)
	if err := es.Err(); err != nil {
		s.apiFail(w, r, err)
		return
	}
	res, err := s.store.PageAdminUnits(r.Context(), aq)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	items := make([]apiAdminUnit, len(res.Units))
	for i, u := range res.Units {
		items[i] = apiAdminUnit{Country: string(u.Country), Code: u.Code, Level: u.Level, Kind: u.Kind, Name: u.Name,
			ParentCode: u.ParentCode, ParentName: u.ParentName, Region: u.Region, PostalCode: u.Postal}
	}
	s.writePage(w, r, items, res.Next)
}
