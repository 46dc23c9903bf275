package web

import (
	"net/http"
	"net/url"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
)

// roleOption is one platform role in a select, with its translated name.
type roleOption struct {
	Value string
	Label string
}

type adminUserRow struct {
	agora.User
	RoleLabel string
	Self      bool
}

type adminUsersData struct {
	Rows       []adminUserRow
	Total      int
	Query      string
	Roles      []roleOption
	Prev, Next string
	// Here is the page's own address, where the forms send the
	// administrator back after a change.
	Here string
}

// roleLabel translates a platform role.
func (s *Server) roleLabel(lang string, r agora.PlatformRole) string {
	return s.cat.T(lang, i18n.Prefix("admin.role.")+string(r), nil)
}

func (s *Server) listAdminUsers(w http.ResponseWriter, r *http.Request) {
	viewer, err := s.admin(r, auth.ManageUsers)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := localeFrom(r.Context()).Lang
	q := r.URL.Query()
	d := adminUsersData{Query: q.Get("q"), Here: r.URL.RequestURI()}
	for _, role := range agora.PlatformRoles() {
		d.Roles = append(d.Roles, roleOption{Value: string(role), Label: s.roleLabel(lang, role)})
	}
	page, err := s.store.ListUsers(r.Context(), store.UserFilter{Query: q.Get("q"), After: q.Get("after"), Before: q.Get("before")})
	if err != nil {
		f := &Form{Values: map[string]string{"q": q.Get("q")}, Errors: map[string]string{}}
		s.renderForm(w, r, "admin/users", f, err, d)
		return
	}
	d.Total = page.Total
	for _, u := range page.Users {
		d.Rows = append(d.Rows, adminUserRow{User: u, RoleLabel: s.roleLabel(lang, u.Role), Self: u.ID == viewer.ID})
	}
	base := url.Values{}
	if d.Query != "" {
		base.Set("q", d.Query)
	}
	if page.Prev != "" {
		d.Prev = pageURL("/admin/users", base, "before", page.Prev)
	}
	if page.Next != "" {
		d.Next = pageURL("/admin/users", base, "after", page.Next)
	}
	s.render(w, r, http.StatusOK, "admin/users", d)
}

// adminUserAction runs one change on the account named in the path and
// sends the administrator back to the list they came from.
func (s *Server) adminUserAction(w http.ResponseWriter, r *http.Request, flash string,
	change func(f *Form, actor *agora.User, userID string) error) {
	viewer, err := s.admin(r, auth.ManageUsers)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	id := r.PathValue("id")
	if !agora.ValidID(id) {
		s.fail(w, r, errNotFound)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if err := change(f, viewer, id); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, backToUsers(f.Get("next")), flash)
}

// backToUsers keeps the redirect after a change on the user list.
func backToUsers(next string) string {
	next = safeNext(next)
	if next != "/admin/users" && !strings.HasPrefix(next, "/admin/users?") {
		return "/admin/users"
	}
	return next
}

func (s *Server) setUserRole(w http.ResponseWriter, r *http.Request) {
	s.adminUserAction(w, r, "flash.admin_role_set", func(f *Form, actor *agora.User, id string) error {
		_, err := s.store.SetUserRole(r.Context(), actor.ID, id, agora.PlatformRole(f.Get("role")))
		return err
	})
}

func (s *Server) disableUser(w http.ResponseWriter, r *http.Request) {
	s.adminUserAction(w, r, "flash.admin_user_disabled", func(_ *Form, actor *agora.User, id string) error {
		_, err := s.store.DisableUser(r.Context(), actor.ID, id)
		return err
	})
}

func (s *Server) enableUser(w http.ResponseWriter, r *http.Request) {
	s.adminUserAction(w, r, "flash.admin_user_enabled", func(_ *Form, actor *agora.User, id string) error {
		_, err := s.store.EnableUser(r.Context(), actor.ID, id)
		return err
	})
}
