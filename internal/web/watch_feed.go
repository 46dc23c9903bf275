package web

import (
	"context"
	"encoding/xml"
	"net/http"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/jobs"
	"github.com/agora-civic/agora/internal/store"
)

// watchFeedEntries bounds the entries of one watchlist feed. The Atom
// types are shared with the consultation feed (consultation_feed.go).
const watchFeedEntries = 50

// watchFeed serves a list's alerts as Atom to whoever holds its feed
// token. The feed carries the list's name and the alerts, which are about
// public acts and consultations, and nothing about its owner. A wrong or
// missing token is a plain 404, like a list that does not exist.
func (s *Server) watchFeed(w http.ResponseWriter, r *http.Request) {
	token := r.URL.Query().Get("token")
	if token == "" {
		s.fail(w, r, agora.Errorf(agora.NotFound, "watch.error.not_found"))
		return
	}
	f, err := s.store.WatchFeedByToken(r.Context(), r.PathValue("id"), auth.HashToken(token), watchFeedEntries)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	b, err := s.atomDocument(r.Context(), f)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	h := w.Header()
	h.Set("Content-Type", "application/atom+xml; charset=utf-8")
	h.Set("Cache-Control", "private, max-age=300")
	h.Set("X-Robots-Tag", "noindex")
	_, _ = w.Write(b)
}

func (s *Server) atomDocument(ctx context.Context, f store.WatchFeed) ([]byte, error) {
	base := strings.TrimRight(s.cfg.BaseURL, "/")
	lang := f.Lang
	listURL := base + "/watch/" + f.List.ID
	updated := f.List.UpdatedAt
	if len(f.Alerts) > 0 && f.Alerts[0].CreatedAt.After(updated) {
		updated = f.Alerts[0].CreatedAt
	}
	doc := atomFeed{
		Lang: lang, ID: listURL, Title: atomText{Type: "text", Body: f.List.Name}, Updated: atomTime(updated),
		Author: atomPerson{Name: s.cat.T(lang, "watch.feed.author", nil)},
		Links:  []atomLink{{Rel: "alternate", Type: "text/html", Href: listURL}},
	}
	names := map[string]string{}
	if ds, err := s.store.Domains(ctx, lang); err == nil {
		for _, d := range ds {
			names[d.Slug] = d.Name(lang)
		}
	}
	for _, a := range f.Alerts {
		text := jobs.AlertText(s.cat, lang, a, names)
		doc.Entries = append(doc.Entries, atomEntry{ID: listURL + "#alert-" + a.ID, Title: atomText{Type: "text", Body: text},
			Updated: atomTime(a.CreatedAt), Author: doc.Author,
			Links:      []atomLink{{Rel: "alternate", Type: "text/html", Href: base + jobs.AlertPath(a)}},
			Categories: []atomCategory{{Term: string(a.Kind)}},
			Summary:    atomText{Type: "text", Body: text}})
	}
	out, err := xml.MarshalIndent(doc, "", "  ")
	if err != nil {
		return nil, err
	}
	return append([]byte(xml.Header), out...), nil
}

// resetWatchFeed makes a new feed address for the list, which revokes the
// old one, and shows it once on the answer page (never in a redirect, so
// it stays out of the browser history's URLs and the flash cookie).
func (s *Server) resetWatchFeed(w http.ResponseWriter, r *http.Request) {
	_, l, err := s.ownWatchlist(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	plain, hash, err := auth.NewToken()
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.SetWatchFeedToken(r.Context(), l.ID, hash); err != nil {
		s.fail(w, r, err)
		return
	}
	l.HasFeed = true
	d, err := s.watchShow(r, l)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d.FeedURL = strings.TrimRight(s.cfg.BaseURL, "/") + "/watch/" + l.ID + "/feed?token=" + plain
	s.render(w, r, http.StatusOK, "watch/show", d)
}
