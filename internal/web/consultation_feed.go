package web

import (
	"encoding/xml"
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
)

// Atom 1.0 (RFC 4287) documents, written with encoding/xml so every value
// is escaped by the encoder.
type atomFeed struct {
	XMLName xml.Name    `xml:"http://www.w3.org/2005/Atom feed"`
	Lang    string      `xml:"xml:lang,attr"`
	ID      string      `xml:"id"`
	Title   atomText    `xml:"title"`
	Updated string      `xml:"updated"`
	Author  atomPerson  `xml:"author"`
	Links   []atomLink  `xml:"link"`
	Entries []atomEntry `xml:"entry"`
}

type atomText struct {
	Type string `xml:"type,attr"`
	Body string `xml:",chardata"`
}

type atomPerson struct {
	Name string `xml:"name"`
	URI  string `xml:"uri,omitempty"`
}

type atomLink struct {
	Rel  string `xml:"rel,attr"`
	Type string `xml:"type,attr,omitempty"`
	Href string `xml:"href,attr"`
}

type atomCategory struct {
	Term  string `xml:"term,attr"`
	Label string `xml:"label,attr,omitempty"`
}

type atomEntry struct {
	ID         string         `xml:"id"`
	Title      atomText       `xml:"title"`
	Updated    string         `xml:"updated"`
	Published  string         `xml:"published,omitempty"`
	Author     atomPerson     `xml:"author"`
	Links      []atomLink     `xml:"link"`
	Categories []atomCategory `xml:"category"`
	Summary    atomText       `xml:"summary"`
}

// feedEntries is how many consultations the feed carries, newest first.
const feedEntries = 50

// consultationFeed serves the list as an Atom feed; the list's filters
// apply through the query string (?org= gives an authority's feed).
func (s *Server) consultationFeed(w http.ResponseWriter, r *http.Request) {
	f, es := consultationListFilter(r.URL.Query())
	if len(es) > 0 {
		s.fail(w, r, es.Err())
		return
	}
	f.Cursor, f.Limit, f.Sort = "", feedEntries, store.SortNewest
	page, err := s.store.ListConsultations(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := localeFrom(r.Context()).Lang
	query := url.Values{}
	for _, k := range consultationListParams {
		if v := r.URL.Query().Get(k); v != "" && k != "sort" {
			query.Set(k, v)
		}
	}
	self, alt := s.link("/consultations/feed"), s.link("/consultations")
	if enc := query.Encode(); enc != "" {
		self += "?" + enc
		alt += "?" + enc
	}
	title := s.cat.T(lang, "consultation_follow.feed.title", nil)
	if f.OrgID != "" && len(page.Items) > 0 {
		title = s.cat.T(lang, "consultation_follow.feed.title_org", map[string]any{"authority": page.Items[0].OrgName})
	}
	feed := atomFeed{
		Lang: lang, ID: self, Title: atomText{Type: "text", Body: title},
		Author: atomPerson{Name: s.cat.T(lang, "site.name", nil), URI: s.link("/")},
		Links:  []atomLink{{Rel: "self", Type: "application/atom+xml", Href: self}, {Rel: "alternate", Type: "text/html", Href: alt}},
	}
	var updated time.Time
	for _, c := range page.Items {
		href := s.link(consultationPath(c.ID))
		phase := c.PhaseAt(page.Now)
		e := atomEntry{
			ID: href, Title: atomText{Type: "text", Body: c.Title}, Updated: atomTime(c.UpdatedAt),
			Author: atomPerson{Name: c.OrgName, URI: s.link("/orgs/" + c.OrgID)},
			Links:  []atomLink{{Rel: "alternate", Type: "text/html", Href: href}},
			Categories: []atomCategory{{Term: "kind:" + c.ActKind, Label: s.actKindLabel(lang, c.ActKind)},
				{Term: "phase:" + string(phase), Label: s.phaseLabel(lang, phase)}},
			Summary: atomText{Type: "text", Body: s.feedSummary(lang, c)},
		}
		if c.PublishedAt != nil {
			e.Published = atomTime(*c.PublishedAt)
		}
		for _, d := range c.Domains {
			e.Categories = append(e.Categories, atomCategory{Term: "domain:" + d})
		}
		if c.UpdatedAt.After(updated) {
			updated = c.UpdatedAt
		}
		feed.Entries = append(feed.Entries, e)
	}
	if updated.IsZero() {
		updated = page.Now
	}
	feed.Updated = atomTime(updated)
	out, err := xml.MarshalIndent(feed, "", "  ")
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/atom+xml; charset=utf-8")
	h.Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write([]byte(xml.Header))
	_, _ = w.Write(out)
}

func atomTime(t time.Time) string { return t.UTC().Format(time.RFC3339) }

// feedSummary is the entry's plain-text summary: the deadline first, then
// the authority's summary (Markdown source, shown as text).
func (s *Server) feedSummary(lang string, c agora.Consultation) string {
	zone := s.cat.T(lang, i18n.Prefix("consultation_follow.zone.")+strings.ToLower(string(c.Country)), nil)
	loc := i18n.NewLocale(lang, legal.Zone(c.Country))
	head := s.cat.T(lang, "consultation_follow.feed.closes", map[string]any{"closes": loc.DateTime(c.CommentsClose), "zone": zone})
	if c.Summary == "" {
		return head
	}
	return head + "\n\n" + c.Summary
}
