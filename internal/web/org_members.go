package web

import (
	"net/http"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
)

type orgMemberRow struct {
	agora.Membership
	RoleLabel string
	Self      bool
	Roles     []orgOption
}

type orgMembersData struct {
	Org       agora.Organisation
	Rows      []orgMemberRow
	AddRoles  []orgOption
	CanVerify bool
}

// orgRoleOptions lists the roles the organisation may give: officers
// only in public authorities.
func (s *Server) orgRoleOptions(lang string, o agora.Organisation, selected agora.OrgRole) []orgOption {
	var out []orgOption
	for _, role := range []agora.OrgRole{agora.OrgMember, agora.OrgOfficer, agora.OrgAdmin} {
		if role == agora.OrgOfficer && !o.IsAuthority() {
			continue
		}
		out = append(out, orgOption{Value: string(role), Label: s.orgRoleLabel(lang, role), Selected: role == selected})
	}
	return out
}

// orgMembersPage gathers the members page of organisation id.
func (s *Server) orgMembersPage(r *http.Request, id string, addRole agora.OrgRole) (orgMembersData, error) {
	ctx := r.Context()
	lang := localeFrom(ctx).Lang
	o, err := s.store.Org(ctx, id)
	if err != nil {
		return orgMembersData{}, err
	}
	ms, err := s.store.OrgMembers(ctx, id)
	if err != nil {
		return orgMembersData{}, err
	}
	v := viewerFrom(ctx)
	d := orgMembersData{Org: o, AddRoles: s.orgRoleOptions(lang, o, addRole), CanVerify: v.IsAdmin()}
	for _, m := range ms {
		d.Rows = append(d.Rows, orgMemberRow{Membership: m, RoleLabel: s.orgRoleLabel(lang, m.Role),
			Self: v != nil && m.UserID == v.ID, Roles: s.orgRoleOptions(lang, o, m.Role)})
	}
	return d, nil
}

func (s *Server) showOrgMembers(w http.ResponseWriter, r *http.Request) {
	id, err := s.authorizeOrg(r, auth.ManageOrgMembers)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.orgMembersPage(r, id, agora.OrgMember)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "org/members", d)
}

// addOrgMember adds an existing account by its email. Only organisation
// admins (and platform admins) get here, so saying that no account has
// the address reveals nothing they could not ask the person.
func (s *Server) addOrgMember(w http.ResponseWriter, r *http.Request) {
	id, err := s.authorizeOrg(r, auth.ManageOrgMembers)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	role := agora.OrgRole(f.Get("role"))
	email := agora.NormalizeEmail(f.Get("email"))
	if err = agora.ValidateEmail("email", email); err == nil {
		_, err = s.store.AddOrgMember(r.Context(), viewerFrom(r.Context()).ID, id, email, role, f.Get("title"))
	}
	if err != nil {
		d, derr := s.orgMembersPage(r, id, role)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		s.renderForm(w, r, "org/members", f, err, d)
		return
	}
	s.redirect(w, r, "/orgs/"+id+"/members", "flash.org_member_added")
}

// orgMemberAction runs one change on the member named in the path, then
// returns to the members page (or to the verification queue when the
// form came from there).
func (s *Server) orgMemberAction(w http.ResponseWriter, r *http.Request, act auth.Action, flash string,
	change func(f *Form, actorID, orgID, userID string) error) {
	id, err := s.authorizeOrg(r, act)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	userID := r.PathValue("userID")
	if !agora.ValidID(userID) {
		s.fail(w, r, errNotFound)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := change(f, viewerFrom(r.Context()).ID, id, userID); err != nil {
		s.fail(w, r, err)
		return
	}
	to := "/orgs/" + id + "/members"
	if f.Get("next") == "/admin/verification" {
		to = "/admin/verification"
	}
	s.redirect(w, r, to, flash)
}

func (s *Server) setOrgMemberRole(w http.ResponseWriter, r *http.Request) {
	s.orgMemberAction(w, r, auth.ManageOrgMembers, "flash.org_member_role_set", func(f *Form, actor, org, user string) error {
		return s.store.SetOrgMemberRole(r.Context(), actor, org, user, agora.OrgRole(f.Get("role")))
	})
}

func (s *Server) removeOrgMember(w http.ResponseWriter, r *http.Request) {
	s.orgMemberAction(w, r, auth.ManageOrgMembers, "flash.org_member_removed", func(_ *Form, actor, org, user string) error {
		return s.store.RemoveOrgMember(r.Context(), actor, org, user)
	})
}

func (s *Server) verifyOfficer(w http.ResponseWriter, r *http.Request) {
	s.orgMemberAction(w, r, auth.VerifyOfficer, "flash.org_officer_verified", func(_ *Form, actor, org, user string) error {
		return s.store.VerifyOfficer(r.Context(), actor, org, user)
	})
}

func (s *Server) unverifyOfficer(w http.ResponseWriter, r *http.Request) {
	s.orgMemberAction(w, r, auth.VerifyOfficer, "flash.org_officer_unverified", func(_ *Form, actor, org, user string) error {
		return s.store.UnverifyOfficer(r.Context(), actor, org, user)
	})
}

// leaveOrg lets a member leave; the last admin must first hand over.
func (s *Server) leaveOrg(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r, auth.EditOwnAccount, auth.Resource{}); err != nil {
		s.fail(w, r, err)
		return
	}
	id, err := orgIDFrom(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.store.LeaveOrg(r.Context(), viewerFrom(r.Context()).ID, id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/orgs/"+id, "flash.org_left")
}
