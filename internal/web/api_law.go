package web

import (
	"encoding/base64"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/cite"
	"github.com/agora-civic/agora/internal/search"
	"github.com/agora-civic/agora/internal/store"
)

type apiLawHit struct {
	ActID        string         `json:"act_id"`
	ActKey       string         `json:"act_key"`
	Title        string         `json:"title"`
	Jurisdiction string         `json:"jurisdiction"`
	Kind         string         `json:"kind"`
	Year         int            `json:"year"`
	Status       string         `json:"status"`
	Article      *apiArticleRef `json:"article"`
	Snippet      apiSnippet     `json:"snippet"`
	Score        float64        `json:"score"`
	URL          string         `json:"url"`
}

type apiArticleRef struct {
	UnitKey string `json:"unit_key"`
	Label   string `json:"label"`
	Heading string `json:"heading"`
}

// apiSnippet is a snippet as plain text with the matched words as
// ranges of Unicode code points.
type apiSnippet struct {
	Text           string     `json:"text"`
	Highlights     []apiRange `json:"highlights"`
	TruncatedStart bool       `json:"truncated_start"`
	TruncatedEnd   bool       `json:"truncated_end"`
}

type apiRange struct {
	Start int `json:"start"`
	End   int `json:"end"`
}

type apiFacetCount struct {
	Value string `json:"value"`
	Count int    `json:"count"`
}

type apiLawFacets struct {
	Jurisdiction []apiFacetCount `json:"jurisdiction"`
	Kind         []apiFacetCount `json:"kind"`
	Year         []apiFacetCount `json:"year"`
	Status       []apiFacetCount `json:"status"`
	Domain       []apiFacetCount `json:"domain"`
	Partial      bool            `json:"partial"`
}

type apiLawResults struct {
	Items      []apiLawHit  `json:"items"`
	Total      int          `json:"total"`
	NextCursor *string      `json:"next_cursor"`
	Facets     apiLawFacets `json:"facets"`
}

func snippetView(sn search.Snippet) apiSnippet {
	var b strings.Builder
	out := apiSnippet{Highlights: []apiRange{}, TruncatedStart: sn.Before, TruncatedEnd: sn.After}
	pos := 0
	for _, p := range sn.Parts {
		n := utf8.RuneCountInString(p.Text)
		if p.Hit {
			out.Highlights = append(out.Highlights, apiRange{Start: pos, End: pos + n})
		}
		b.WriteString(p.Text)
		pos += n
	}
	out.Text = b.String()
	return out
}

func facetView(fs []store.FacetCount) []apiFacetCount {
	out := make([]apiFacetCount, len(fs))
	for i, f := range fs {
		out[i] = apiFacetCount{Value: f.Value, Count: f.Count}
	}
	return out
}

// lawCursor is the opaque form of a search offset.
func lawCursor(offset int) string {
	return base64.RawURLEncoding.EncodeToString([]byte("o" + strconv.Itoa(offset)))
}

func decodeLawCursor(c string) (int, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) < 2 || b[0] != 'o' || !isDigits(string(b[1:])) {
		return 0, false
	}
	n, err := strconv.Atoi(string(b[1:]))
	return n, err == nil && n <= search.MaxOffset
}

// apiLawQuery reads the search parameters; lists are comma-separated.
func apiLawQuery(r *http.Request) (search.Query, error) {
	v, page, err := apiQuery(r, "q", "jurisdiction", "kind", "status", "domain", "year_from", "year_to", "sort", "offset")
	var es agora.Errs
	if err != nil {
		es = agora.FieldErrors(err)
	}
	offset := 0
	switch {
	case page.Cursor != "" && v.Has("offset"):
		es.Add("offset", "lawweb.error.cursor_and_offset", nil)
	case page.Cursor != "":
		n, ok := decodeLawCursor(page.Cursor)
		if !ok {
			es.Add("cursor", "api.cursor.invalid", nil)
		}
		offset = n
	case v.Has("offset"):
		o := v.Get("offset")
		n, err := strconv.Atoi(o)
		if err != nil || !isDigits(o) || n > search.MaxOffset {
			es.Add("offset", "search.error.bad_offset", map[string]any{"max": search.MaxOffset})
		}
		offset = n
	}
	if len(es) > 0 {
		return search.Query{}, es.Err()
	}
	q, err := lawQuery(lawQueryInput{Text: v.Get("q"), Jurisdictions: splitList(v.Get("jurisdiction")), Kinds: splitList(v.Get("kind")),
		Statuses: splitList(v.Get("status")), Doms: splitList(v.Get("domain")), YearFrom: v.Get("year_from"), YearTo: v.Get("year_to"),
		Sort: v.Get("sort")})
	q.Limit, q.Offset = page.Limit, offset
	if err != nil {
		return q, err
	}
	return q.Normalize()
}

// apiSearchLaws is GET /api/v1/laws/search.
func (s *Server) apiSearchLaws(w http.ResponseWriter, r *http.Request) {
	q, err := apiLawQuery(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	res, err := s.store.SearchLaws(r.Context(), q)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	out := apiLawResults{Items: []apiLawHit{}, Total: res.Total, Facets: apiLawFacets{
		Jurisdiction: facetView(res.Facets.Jurisdiction), Kind: facetView(res.Facets.Kind), Year: facetView(res.Facets.Year),
		Status: facetView(res.Facets.Status), Domain: facetView(res.Facets.Domain), Partial: res.Facets.Partial}}
	base := strings.TrimSuffix(s.cfg.BaseURL, "/")
	for _, h := range res.Hits {
		it := apiLawHit{ActID: h.ActID, ActKey: h.ActKey, Title: h.Title, Jurisdiction: h.Jurisdiction, Kind: h.Kind, Year: h.Year,
			Status: h.Status, Snippet: snippetView(h.Snippet), Score: h.Score, URL: base + "/laws/" + h.ActID}
		if h.UnitKey != "" {
			it.Article = &apiArticleRef{UnitKey: h.UnitKey, Label: h.ArticleLabel, Heading: h.Heading}
			it.URL += "#" + h.UnitKey
		}
		out.Items = append(out.Items, it)
	}
	if next := q.Offset + len(res.Hits); len(res.Hits) > 0 && next < res.Total && next <= search.MaxOffset {
		c := lawCursor(next)
		out.NextCursor = &c
	}
	s.writeJSON(w, r, http.StatusOK, out)
}

type apiAct struct {
	ID             string          `json:"id"`
	ActKey         string          `json:"act_key"`
	Jurisdiction   string          `json:"jurisdiction"`
	Kind           string          `json:"kind"`
	Number         string          `json:"number"`
	Year           int             `json:"year"`
	Title          string          `json:"title"`
	Issuer         string          `json:"issuer"`
	AdoptedOn      *string         `json:"adopted_on"`
	PublishedOn    *string         `json:"published_on"`
	InForceOn      *string         `json:"in_force_on"`
	PublicationRef string          `json:"publication_ref"`
	Status         string          `json:"status"`
	SourceURL      string          `json:"source_url"`
	Version        int             `json:"version"`
	Domains        []string        `json:"domains"`
	ELI            string          `json:"eli"`
	URL            string          `json:"url"`
	ImportedAt     string          `json:"imported_at"`
	UpdatedAt      string          `json:"updated_at"`
	Versions       []apiActVersion `json:"versions"`
	TOC            []apiTOCEntry   `json:"toc"`
}

type apiActVersion struct {
	Version    int    `json:"version"`
	Title      string `json:"title"`
	Status     string `json:"status"`
	ImportedAt string `json:"imported_at"`
}

type apiTOCEntry struct {
	UnitKey string `json:"unit_key"`
	Kind    string `json:"kind"`
	Number  string `json:"number"`
	Label   string `json:"label"`
	Heading string `json:"heading"`
	Depth   int    `json:"depth"`
	URL     string `json:"url"`
}

// apiGetAct is GET /api/v1/laws/{id}: the act's metadata, history and
// table of contents (structural units and articles).
func (s *Server) apiGetAct(w http.ResponseWriter, r *http.Request) {
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	a, err := s.loadAct(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	units, err := s.store.ActUnits(r.Context(), a.ID, 0)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	versions, err := s.store.ActVersions(r.Context(), a.ID)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	base := strings.TrimSuffix(s.cfg.BaseURL, "/")
	out := apiAct{ID: a.ID, ActKey: a.Key, Jurisdiction: string(a.Jurisdiction), Kind: a.Kind, Number: a.Number, Year: a.Year,
		Title: a.Title, Issuer: a.Issuer, AdoptedOn: optString(a.AdoptedOn), PublishedOn: optString(a.PublishedOn),
		InForceOn: optString(a.InForceOn), PublicationRef: a.PublicationRef, Status: string(a.Status), SourceURL: a.SourceURL,
		Version: a.Version, Domains: nonNil(a.Domains), ELI: s.eliURL(a.Key), URL: base + "/laws/" + a.ID,
		ImportedAt: apiTime(a.ImportedAt), UpdatedAt: apiTime(a.UpdatedAt), Versions: []apiActVersion{}, TOC: []apiTOCEntry{}}
	for _, v := range versions {
		out.Versions = append(out.Versions, apiActVersion{Version: v.Version, Title: v.Title, Status: string(v.Status), ImportedAt: apiTime(v.ImportedAt)})
	}
	lang := actLang(a)
	for _, u := range units {
		if u.Kind != agora.UnitArticle && !lawStructural(u.Kind) {
			continue
		}
		out.TOC = append(out.TOC, apiTOCEntry{UnitKey: u.Key, Kind: string(u.Kind), Number: u.Number, Label: s.lawUnitLabel(lang, u),
			Heading: u.Heading, Depth: u.Depth, URL: base + "/laws/" + a.ID + "#" + u.Key})
	}
	s.writeJSONTagged(w, r, out)
}

type apiArticle struct {
	ActID     string          `json:"act_id"`
	ActKey    string          `json:"act_key"`
	ActTitle  string          `json:"act_title"`
	UnitKey   string          `json:"unit_key"`
	Kind      string          `json:"kind"`
	Number    string          `json:"number"`
	Label     string          `json:"label"`
	Heading   string          `json:"heading"`
	Text      string          `json:"text"`
	URL       string          `json:"url"`
	ELI       string          `json:"eli"`
	Units     []apiUnit       `json:"units"`
	Citations []apiCitation   `json:"citations"`
	CitedBy   []apiCitingUnit `json:"cited_by"`
}

type apiUnit struct {
	UnitKey string `json:"unit_key"`
	Kind    string `json:"kind"`
	Number  string `json:"number"`
	Heading string `json:"heading"`
	Text    string `json:"text"`
	Depth   int    `json:"depth"`
}

type apiCitation struct {
	UnitKey      string  `json:"unit_key"`
	Text         string  `json:"text"`
	Start        int     `json:"start"`
	End          int     `json:"end"`
	ActKey       *string `json:"act_key"`
	ActID        *string `json:"act_id"`
	TargetUnit   *string `json:"target_unit"`
	URL          *string `json:"url"`
	Relative     bool    `json:"relative"`
	Jurisdiction string  `json:"jurisdiction"`
}

type apiCitingUnit struct {
	ActID    string `json:"act_id"`
	ActKey   string `json:"act_key"`
	Title    string `json:"title"`
	FromUnit string `json:"from_unit"`
	ToUnit   string `json:"to_unit"`
	Text     string `json:"text"`
	URL      string `json:"url"`
}

// optString is nil for "", so empty dates and texts are JSON null.
func optString(s string) *string {
	if s == "" {
		return nil
	}
	return &s
}

// apiGetActArticle is GET /api/v1/laws/{id}/articles/{key}: one unit of
// the current version with the units inside it, the citations in them
// (resolved where the database has the act) and what cites it.
func (s *Server) apiGetActArticle(w http.ResponseWriter, r *http.Request) {
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	a, err := s.loadAct(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	key := r.PathValue("key")
	units, err := s.store.ActUnits(r.Context(), a.ID, 0)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	start, end := articleSlice(units, key)
	if start < 0 {
		s.apiFail(w, r, agora.Errorf(agora.NotFound, "lawweb.error.no_article"))
		return
	}
	sub := units[start:end]
	cu, err := s.resolveUnitCitations(r.Context(), sub, a.ID)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	back, err := s.store.Backlinks(r.Context(), a.Key, key)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	base := strings.TrimSuffix(s.cfg.BaseURL, "/")
	u := sub[0]
	out := apiArticle{ActID: a.ID, ActKey: a.Key, ActTitle: a.Title, UnitKey: u.Key, Kind: string(u.Kind), Number: u.Number,
		Label: s.lawUnitLabel(actLang(a), u), Heading: u.Heading, URL: base + "/laws/" + a.ID + "/articles/" + u.Key,
		ELI: s.eliURL(a.Key) + "/" + u.Key, Units: []apiUnit{}, Citations: []apiCitation{}, CitedBy: []apiCitingUnit{}}
	var text []string
	for i, x := range sub {
		out.Units = append(out.Units, apiUnit{UnitKey: x.Key, Kind: string(x.Kind), Number: x.Number, Heading: x.Heading, Text: x.Text, Depth: x.Depth})
		if line := strings.TrimSpace(unitNumberPrefix(x) + " " + x.Text); line != "" {
			text = append(text, line)
		}
		for j, c := range cu.cits[i] {
			out.Citations = append(out.Citations, citationView(base, x, c, cu.targets[i][j]))
		}
	}
	out.Text = strings.Join(text, "\n")
	for _, l := range back {
		if len(out.CitedBy) == maxCitedBy {
			break
		}
		url := base + "/laws/" + l.ActID
		if l.FromUnit != "" {
			url += "#" + l.FromUnit
		}
		out.CitedBy = append(out.CitedBy, apiCitingUnit{ActID: l.ActID, ActKey: l.ActKey, Title: l.Title, FromUnit: l.FromUnit,
			ToUnit: l.ToUnit, Text: l.Raw, URL: url})
	}
	s.writeJSONTagged(w, r, out)
}

// unitNumberPrefix is what precedes a text unit's text in the joined
// article text: its number as printed ("(2)", "a)").
func unitNumberPrefix(u agora.Unit) string {
	if u.Kind == agora.UnitArticle || lawStructural(u.Kind) {
		return ""
	}
	return u.Number
}

func citationView(base string, u agora.Unit, c cite.Citation, t store.CitationTarget) apiCitation {
	v := apiCitation{UnitKey: u.Key, Text: u.Text[c.Start:c.End], Start: utf8.RuneCountInString(u.Text[:c.Start]),
		Relative: c.Relative(), Jurisdiction: c.Jurisdiction}
	v.End = v.Start + utf8.RuneCountInString(v.Text)
	v.ActKey = optString(c.ActKey)
	if t.Resolved() {
		v.ActKey, v.ActID, v.TargetUnit = optString(t.ActKey), optString(t.ActID), optString(t.UnitKey)
		url := base + "/laws/" + t.ActID
		if t.UnitKey != "" {
			url += "#" + t.UnitKey
		}
		v.URL = &url
	}
	return v
}
