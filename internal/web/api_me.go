package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// apiUser is the signed-in account as its owner sees it. Other people
// never see an email address through the API.
type apiUser struct {
	ID            string `json:"id"`
	DisplayName   string `json:"display_name"`
	Email         string `json:"email"`
	EmailVerified bool   `json:"email_verified"`
	Lang          string `json:"lang"`
	TimeZone      string `json:"time_zone"`
	Role          string `json:"role"`
	CreatedAt     string `json:"created_at"`
}

// apiMe is GET /api/v1/me: who the token or session belongs to.
func (s *Server) apiMe(w http.ResponseWriter, r *http.Request) {
	u := viewerFrom(r.Context())
	if err := s.authorize(r, auth.ViewOwnAccount, auth.Resource{OwnerID: userID(u)}); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSONTagged(w, r, apiUser{
		ID: u.ID, DisplayName: u.DisplayName, Email: u.Email, EmailVerified: u.Verified(),
		Lang: u.Lang, TimeZone: u.TimeZone, Role: string(u.Role), CreatedAt: apiTime(u.CreatedAt),
	})
}
