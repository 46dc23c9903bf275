package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// routesAdmin registers the platform administrators' pages: the
// dashboard, accounts, the audit log and, in development and demo
// installations, the copies of sent mail.
func (s *Server) routesAdmin(mux *http.ServeMux) {
	s.handle(mux, "GET", "/admin", auth.ManageUsers, s.showAdminDashboard)
	s.handle(mux, "GET", "/admin/users", auth.ManageUsers, s.listAdminUsers)
	s.handle(mux, "POST", "/admin/users/{id}/role", auth.ManageUsers, s.setUserRole)
	s.handle(mux, "POST", "/admin/users/{id}/disable", auth.ManageUsers, s.disableUser)
	s.handle(mux, "POST", "/admin/users/{id}/enable", auth.ManageUsers, s.enableUser)
	s.handle(mux, "GET", "/admin/audit", auth.ViewAudit, s.showAdminAudit)
	s.handle(mux, "GET", "/admin/mail", auth.ViewSentMail, s.showSentMail)
}
