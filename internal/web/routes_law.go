package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// routesLaw registers the public legislation database and its import
// page for platform administrators.
func (s *Server) routesLaw(mux *http.ServeMux) {
	s.handle(mux, "GET", "/laws", auth.ViewPublic, s.searchLaws)
	s.handle(mux, "GET", "/laws/{id}", auth.ViewPublic, s.showAct)
	s.handle(mux, "GET", "/laws/{id}/print", auth.ViewPublic, s.printAct)
	s.handle(mux, "GET", "/laws/{id}/articles/{key}", auth.ViewPublic, s.showActArticle)
	s.handle(mux, "GET", "/eli/{rest...}", auth.ViewPublic, s.redirectELI)
	s.handle(mux, "GET", "/admin/laws/import", auth.ImportData, s.showLawImport)
	s.handle(mux, "POST", "/admin/laws/import", auth.ImportData, s.importLawUpload)
}

// routesLawAPI registers the legislation API and answers its other
// methods with 405 itself: routesAPI's catch-all for a path without a
// method would make "/api/v1/laws/search" conflict with
// "GET /api/v1/laws/{id}" in the mux, so search gets one per method.
func (s *Server) routesLawAPI(mux *http.ServeMux) {
	s.handle(mux, "GET", "/api/v1/laws/search", auth.ViewPublic, s.api(s.apiSearchLaws))
	s.handle(mux, "GET", "/api/v1/laws/{id}", auth.ViewPublic, s.api(s.apiGetAct))
	s.handle(mux, "GET", "/api/v1/laws/{id}/articles/{key}", auth.ViewPublic, s.api(s.apiGetActArticle))
	get := []string{http.MethodGet}
	mux.HandleFunc("/api/v1/laws/{id}", s.apiMethodNotAllowed(get))
	mux.HandleFunc("/api/v1/laws/{id}/articles/{key}", s.apiMethodNotAllowed(get))
	for _, m := range []string{http.MethodPost, http.MethodPut, http.MethodPatch, http.MethodDelete, http.MethodOptions} {
		mux.HandleFunc(m+" /api/v1/laws/search", s.apiMethodNotAllowed(get))
	}
}
