package web

import "net/http"

func (s *Server) routesOrg(mux *http.ServeMux) {
}
