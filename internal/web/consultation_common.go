package web

import (
	"net/http"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
)

// consultationCtx is what every consultation handler starts from: the
// consultation named by {id}, who is looking, and what they may do.
type consultationCtx struct {
	C     agora.Consultation
	Actor auth.Actor
	// Officer is true for a verified officer of the owning authority.
	Officer bool
	Lang    string
}

// loadConsultation reads the consultation of the {id} path value and
// checks act against it. A draft exists only for its authority's
// officers: everyone else gets NotFound, not Forbidden, so drafts cannot
// be discovered by probing ids. On error it has already answered.
// Actions on something inside the consultation that the authority does
// not own (a comment's author, an organisation asking for a debate) pass
// auth.ViewPublic here and check their own resource afterwards.
func (s *Server) loadConsultation(w http.ResponseWriter, r *http.Request, act auth.Action) (consultationCtx, bool) {
	var cc consultationCtx
	fail := func(err error) (consultationCtx, bool) { s.fail(w, r, err); return cc, false }
	c, err := s.store.Consultation(r.Context(), r.PathValue("id"))
	if err != nil {
		return fail(err)
	}
	a, err := s.actor(r)
	if err != nil {
		return fail(err)
	}
	cc = consultationCtx{C: c, Actor: a, Lang: localeFrom(r.Context()).Lang}
	cc.Officer = auth.Allow(a, auth.ManageConsultation, auth.Resource{OrgID: c.OrgID}) == nil
	if c.State == agora.ConsultationDraft && !cc.Officer {
		if a.User == nil && act != auth.ViewPublic {
			return fail(agora.Errorf(agora.Unauthenticated, "error.unauthenticated"))
		}
		return fail(agora.Errorf(agora.NotFound, "consultation.error.not_found"))
	}
	res := auth.Resource{OrgID: c.OrgID}
	if err := auth.Allow(a, act, res); err != nil {
		return fail(err)
	}
	return cc, true
}

// consultationPath is the public page of a consultation; sub-pages
// append to it.
func consultationPath(id string, sub ...string) string {
	p := "/consultations/" + id
	for _, x := range sub {
		p += "/" + x
	}
	return p
}
