package web

import "net/http"

func (s *Server) routesAccount(mux *http.ServeMux) {
}
