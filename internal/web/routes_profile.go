package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// routesProfile registers the people directory, public profiles and the
// form where a signed-in person edits their own profile.
func (s *Server) routesProfile(mux *http.ServeMux) {
	s.handle(mux, "GET", "/people", auth.ViewPublic, s.listPeople)
	s.handle(mux, "GET", "/people/{id}", auth.ViewPublic, s.showProfile)
	s.handle(mux, "GET", "/account/profile", auth.ViewOwnAccount, s.editProfile)
	s.handle(mux, "POST", "/account/profile", auth.EditOwnAccount, s.updateProfile)
}
