package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// routesWatch registers the watchlists (a person's alerts on acts,
// articles, domains, authorities and saved searches, with an Atom feed
// per list) and the organisations' monitoring boards.
func (s *Server) routesWatch(mux *http.ServeMux) {
	s.handle(mux, "GET", "/watch", auth.ManageWatchlist, s.listWatchlists)
	s.handle(mux, "POST", "/watch", auth.ManageWatchlist, s.createWatchlist)
	s.handle(mux, "GET", "/watch/{id}", auth.ManageWatchlist, s.showWatchlist)
	s.handle(mux, "POST", "/watch/{id}", auth.ManageWatchlist, s.updateWatchlist)
	s.handle(mux, "POST", "/watch/{id}/delete", auth.ManageWatchlist, s.deleteWatchlist)
	s.handle(mux, "POST", "/watch/{id}/items", auth.ManageWatchlist, s.addWatchItem)
	s.handle(mux, "POST", "/watch/{id}/items/{itemID}/remove", auth.ManageWatchlist, s.removeWatchItem)
	s.handle(mux, "POST", "/watch/{id}/feed", auth.ManageWatchlist, s.resetWatchFeed)
	// The feed is read by feed readers, which cannot sign in: the token
	// in its URL is the credential (ViewPublic plus the token check).
	s.handle(mux, "GET", "/watch/{id}/feed", auth.ViewPublic, s.watchFeed)

	s.handle(mux, "GET", "/orgs/{id}/monitor", auth.ViewMonitor, s.showMonitorBoard)
	s.handle(mux, "POST", "/orgs/{id}/monitor", auth.EditMonitor, s.createMonitorItem)
	s.handle(mux, "GET", "/orgs/{id}/monitor/{itemID}", auth.ViewMonitor, s.showMonitorItem)
	s.handle(mux, "POST", "/orgs/{id}/monitor/{itemID}", auth.EditMonitor, s.updateMonitorItem)
	s.handle(mux, "POST", "/orgs/{id}/monitor/{itemID}/delete", auth.DeleteMonitor, s.deleteMonitorItem)
}
