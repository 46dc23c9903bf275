package web

import (
	"html/template"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

// actPage is what law/show.html and law/print.html show.
type actPage struct {
	Act                         agora.Act
	Lang                        string // the act's language, for lang attributes
	ELI                         string
	Adopted, Published, InForce time.Time
	Units                       []lawUnitView
	HTML                        template.HTML
	TOC                         []lawUnitView
	Versions                    []agora.ActVersion
	Version                     int
	Current                     bool
	CitedBy                     []citingAct
	CitedByMore                 bool
}

// citingAct is one act citing the shown act or article, with where.
type citingAct struct {
	ActID, Title string
	Links        []store.LawLink
}

// maxCitedBy bounds the backlinks one page lists.
const maxCitedBy = 200

// lawDate reads a stored "YYYY-MM-DD" date; the zero time when empty or
// malformed. Noon UTC keeps the same calendar day in every zone shown.
func lawDate(s string) time.Time {
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}
	}
	return t.Add(12 * time.Hour)
}

// loadAct reads the act of the {id} path value; an act key is not an id.
func (s *Server) loadAct(r *http.Request) (agora.Act, error) {
	id := r.PathValue("id")
	if id == "" || strings.Contains(id, "/") || len(id) > 64 {
		return agora.Act{}, agora.Errorf(agora.NotFound, "law.error.not_found")
	}
	return s.store.Act(r.Context(), id)
}

// actPageData gathers the act page: metadata, the text of the chosen
// version (?version=N, the current one by default) with citation links,
// its outline, history and backlinks.
func (s *Server) actPageData(r *http.Request, a agora.Act) (*actPage, error) {
	version := 0
	if v := r.URL.Query().Get("version"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || !isDigits(v) || n < 1 {
			return nil, agora.Errorf(agora.NotFound, "law.error.not_found")
		}
		version = n
	}
	units, err := s.store.ActUnits(r.Context(), a.ID, version)
	if err != nil {
		return nil, err
	}
	views, err := s.lawUnitViews(r.Context(), a, units)
	if err != nil {
		return nil, err
	}
	versions, err := s.store.ActVersions(r.Context(), a.ID)
	if err != nil {
		return nil, err
	}
	back, err := s.store.Backlinks(r.Context(), a.Key, "")
	if err != nil {
		return nil, err
	}
	p := &actPage{Act: a, Lang: actLang(a), ELI: s.eliURL(a.Key), Adopted: lawDate(a.AdoptedOn),
		Published: lawDate(a.PublishedOn), InForce: lawDate(a.InForceOn), Units: views, Versions: versions,
		Version: a.Version, Current: version == 0 || version == a.Version}
	if version != 0 {
		p.Version = version
	}
	p.HTML = s.lawUnitsHTML(localeFrom(r.Context()).Lang, views)
	for _, v := range views {
		if v.Level > 0 {
			p.TOC = append(p.TOC, v)
		}
	}
	p.CitedBy, p.CitedByMore = groupCitedBy(back)
	return p, nil
}

// groupCitedBy groups backlinks by citing act, in the store's order.
func groupCitedBy(links []store.LawLink) ([]citingAct, bool) {
	more := len(links) > maxCitedBy
	if more {
		links = links[:maxCitedBy]
	}
	var out []citingAct
	for _, l := range links {
		if n := len(out); n > 0 && out[n-1].ActID == l.ActID {
			out[n-1].Links = append(out[n-1].Links, l)
			continue
		}
		out = append(out, citingAct{ActID: l.ActID, Title: l.Title, Links: []store.LawLink{l}})
	}
	return out, more
}

func (s *Server) eliURL(key string) string {
	return strings.TrimSuffix(s.cfg.BaseURL, "/") + "/eli/" + key
}

// showAct is GET /laws/{id}.
func (s *Server) showAct(w http.ResponseWriter, r *http.Request) {
	a, err := s.loadAct(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.actPageData(r, a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "law/show", p)
}

// printAct is GET /laws/{id}/print: the text on a clean page without
// navigation, laid out for A4 by the print stylesheet.
func (s *Server) printAct(w http.ResponseWriter, r *http.Request) {
	a, err := s.loadAct(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.actPageData(r, a)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "law/print", p)
}

// articlePage is what law/article.html shows: one article (or other
// unit) with the units inside it, where it sits, its neighbours and what
// cites it.
type articlePage struct {
	Act        agora.Act
	Lang       string
	ELI        string
	Unit       lawUnitView
	HTML       template.HTML
	Path       []lawUnitView
	Prev, Next *lawUnitView
	CitedBy    []citingAct
	More       bool
}

// articleSlice returns the index of the unit with key and the end of its
// subtree in units (reading order with depths); -1 when absent.
func articleSlice(units []agora.Unit, key string) (int, int) {
	for i, u := range units {
		if u.Key != key {
			continue
		}
		end := i + 1
		for end < len(units) && units[end].Depth > u.Depth {
			end++
		}
		return i, end
	}
	return -1, -1
}

// showActArticle is GET /laws/{id}/articles/{key}: the permanent page of
// one article of the current version.
func (s *Server) showActArticle(w http.ResponseWriter, r *http.Request) {
	a, err := s.loadAct(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.articleData(r, a, r.PathValue("key"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "law/article", p)
}

func (s *Server) articleData(r *http.Request, a agora.Act, key string) (*articlePage, error) {
	units, err := s.store.ActUnits(r.Context(), a.ID, 0)
	if err != nil {
		return nil, err
	}
	start, end := articleSlice(units, key)
	if start < 0 {
		return nil, agora.Errorf(agora.NotFound, "lawweb.error.no_article")
	}
	views, err := s.lawUnitViews(r.Context(), a, units[start:end])
	if err != nil {
		return nil, err
	}
	back, err := s.store.Backlinks(r.Context(), a.Key, key)
	if err != nil {
		return nil, err
	}
	lang := actLang(a)
	p := &articlePage{Act: a, Lang: lang, ELI: s.eliURL(a.Key) + "/" + key, Unit: views[0],
		HTML: s.lawUnitsHTML(localeFrom(r.Context()).Lang, views)}
	byKey := map[string]agora.Unit{}
	for _, u := range units[:start] {
		byKey[u.Key] = u
	}
	for k := units[start].ParentKey; k != ""; {
		u, ok := byKey[k]
		if !ok {
			break
		}
		p.Path = append([]lawUnitView{{Unit: u, Label: s.lawUnitLabel(lang, u)}}, p.Path...)
		k = u.ParentKey
	}
	kind := units[start].Kind
	for i := start - 1; i >= 0; i-- {
		if units[i].Kind == kind {
			p.Prev = &lawUnitView{Unit: units[i], Label: s.lawUnitLabel(lang, units[i])}
			break
		}
	}
	for i := end; i < len(units); i++ {
		if units[i].Kind == kind {
			p.Next = &lawUnitView{Unit: units[i], Label: s.lawUnitLabel(lang, units[i])}
			break
		}
	}
	p.CitedBy, p.More = groupCitedBy(back)
	return p, nil
}

// redirectELI is GET /eli/{rest...}: the permanent, ELI-style address of
// an act ("/eli/ro/lege/2003/52") or of a unit in it ("…/52/art-7",
// "…/52/art/7/par/2"), redirected to the act page and anchor.
func (s *Server) redirectELI(w http.ResponseWriter, r *http.Request) {
	key, unit, ok := parseELI(r.PathValue("rest"))
	if !ok {
		s.fail(w, r, agora.Errorf(agora.NotFound, "law.error.not_found"))
		return
	}
	a, err := s.store.ActByKey(r.Context(), key)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	target := "/laws/" + a.ID
	if unit != "" {
		target += "#" + unit
	}
	http.Redirect(w, r, target, http.StatusFound)
}

// eliUnitParts maps the words an ELI path may use for a unit to kinds.
var eliUnitParts = map[string]agora.UnitKind{
	"art": agora.UnitArticle, "par": agora.UnitParagraph, "alin": agora.UnitParagraph, "ust": agora.UnitParagraph,
	"pct": agora.UnitPoint, "pkt": agora.UnitPoint, "let": agora.UnitLetter, "lit": agora.UnitLetter,
	"cap": agora.UnitChapter, "sec": agora.UnitSection, "tit": agora.UnitTitle, "anx": agora.UnitAnnex,
}

// parseELI splits an ELI path into an act key and a unit key. The unit
// is either one segment in agora's key form ("art-7.par-2") or kind and
// number pairs ("art/7/par/2").
func parseELI(rest string) (key, unit string, ok bool) {
	parts := strings.Split(strings.Trim(strings.ToLower(rest), "/"), "/")
	n := 4
	if len(parts) >= 3 && parts[1] == "src" {
		n = 3
	}
	if len(parts) < n {
		return "", "", false
	}
	key = strings.Join(parts[:n], "/")
	if _, err := agora.ParseActKey(key); err != nil {
		return "", "", false
	}
	tail := parts[n:]
	switch {
	case len(tail) == 0:
	case len(tail) == 1:
		unit = tail[0]
		if !validUnitKey(unit) {
			return "", "", false
		}
	case len(tail)%2 == 0:
		var ks []string
		for i := 0; i < len(tail); i += 2 {
			kind, known := eliUnitParts[tail[i]]
			if !known || tail[i+1] == "" {
				return "", "", false
			}
			ks = append(ks, agora.UnitKeyPart(kind, tail[i+1]))
		}
		unit = strings.Join(ks, ".")
	default:
		return "", "", false
	}
	return key, unit, true
}

// validUnitKey accepts the characters unit keys are made of, so an
// anchor taken from a URL cannot carry anything else.
func validUnitKey(k string) bool {
	if k == "" || len(k) > 200 {
		return false
	}
	for i := 0; i < len(k); i++ {
		c := k[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-' || c == '_' || c == '.') {
			return false
		}
	}
	return true
}
