package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// routesOrg registers the organisation pages: the public directory and
// profiles, creating and editing an organisation, its members and audit
// log, and the platform administrators' verification of organisations
// and authority officers.
func (s *Server) routesOrg(mux *http.ServeMux) {
	s.handle(mux, "GET", "/orgs", auth.ViewPublic, s.listOrgDirectory)
	s.handle(mux, "GET", "/orgs/new", auth.CreateOrg, s.newOrg)
	s.handle(mux, "POST", "/orgs", auth.CreateOrg, s.createOrg)
	s.handle(mux, "GET", "/orgs/{id}", auth.ViewPublic, s.showOrg)
	s.handle(mux, "GET", "/orgs/{id}/edit", auth.EditOrg, s.editOrg)
	s.handle(mux, "POST", "/orgs/{id}/edit", auth.EditOrg, s.updateOrg)
	s.handle(mux, "GET", "/orgs/{id}/members", auth.ManageOrgMembers, s.showOrgMembers)
	s.handle(mux, "POST", "/orgs/{id}/members", auth.ManageOrgMembers, s.addOrgMember)
	s.handle(mux, "POST", "/orgs/{id}/members/{userID}/role", auth.ManageOrgMembers, s.setOrgMemberRole)
	s.handle(mux, "POST", "/orgs/{id}/members/{userID}/remove", auth.ManageOrgMembers, s.removeOrgMember)
	s.handle(mux, "POST", "/orgs/{id}/members/{userID}/verify", auth.VerifyOfficer, s.verifyOfficer)
	s.handle(mux, "POST", "/orgs/{id}/members/{userID}/unverify", auth.VerifyOfficer, s.unverifyOfficer)
	s.handle(mux, "POST", "/orgs/{id}/leave", auth.EditOwnAccount, s.leaveOrg)
	s.handle(mux, "GET", "/orgs/{id}/audit", auth.ViewOrgAudit, s.showOrgAudit)
	s.handle(mux, "POST", "/orgs/{id}/verify", auth.VerifyOrg, s.verifyOrg)
	s.handle(mux, "POST", "/orgs/{id}/unverify", auth.VerifyOrg, s.unverifyOrg)
	s.handle(mux, "GET", "/admin/verification", auth.VerifyOrg, s.showVerificationQueue)
}
