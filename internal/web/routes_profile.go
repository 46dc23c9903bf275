package web

import "net/http"

func (s *Server) routesProfile(mux *http.ServeMux) {
}
