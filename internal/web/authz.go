package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// actor builds the policy actor for the request: the viewer and their
// organisation roles.
func (s *Server) actor(r *http.Request) (auth.Actor, error) {
	u := viewerFrom(r.Context())
	a := auth.Actor{User: u}
	if u == nil {
		return a, nil
	}
	roles, err := s.store.UserOrgRoles(r.Context(), u.ID)
	if err != nil {
		return a, err
	}
	a.Orgs = roles
	return a, nil
}

// authorize asks the policy layer whether the viewer may do act on res.
// Every handler that reads or changes anything not public calls it.
func (s *Server) authorize(r *http.Request, act auth.Action, res auth.Resource) error {
	a, err := s.actor(r)
	if err != nil {
		return err
	}
	return auth.Allow(a, act, res)
}
