package web

import "net/http"

func (s *Server) routesAPI(mux *http.ServeMux) {
}
