package web

import (
	"net/http"

	"github.com/agora-civic/agora"
)

// profileShowData is a person's public profile page.
type profileShowData struct {
	Person personCard
	// Self and Admin may see a profile that is not in the directory;
	// NotListed tells them so.
	Self, NotListed bool
}

// showProfile is a person's profile as the viewer may see it. Profiles
// outside the directory (never saved, unlisted, unverified or disabled
// accounts) are NotFound for everyone but the person and platform admins,
// so the page does not even confirm the account exists.
func (s *Server) showProfile(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	id := r.PathValue("id")
	if !agora.ValidID(id) {
		s.fail(w, r, errNotFound)
		return
	}
	viewer := viewerFrom(ctx)
	p, err := s.store.GetProfile(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	self := viewer != nil && viewer.ID == id
	if !p.InDirectory && !self && !viewer.IsAdmin() {
		s.fail(w, r, errNotFound)
		return
	}
	lang := localeFrom(ctx).Lang
	refs, err := s.loadProfileRefs(ctx, lang)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "profile/show", profileShowData{
		Person: s.personCardOf(lang, p, viewer, refs), Self: self, NotListed: !p.InDirectory,
	})
}
