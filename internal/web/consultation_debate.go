package web

import (
	"net/http"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
)

// debateRequestData is the request form shown again when a request from
// the consultation page needs correcting.
type debateRequestData struct {
	C    agora.Consultation
	Orgs []store.OrgChoice
}

// requestDebate serves POST /consultations/{id}/debate-requests: a
// member asks, in writing and on behalf of an organisation, for a public
// debate (Law 52/2003 art. 8). A second request of the same organisation
// is answered with a friendly notice, not an error page.
func (s *Server) requestDebate(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cc, ok := s.loadConsultation(w, r, auth.ViewPublic)
	if !ok {
		return
	}
	orgID := f.Get("org_id")
	if err := auth.Allow(cc.Actor, auth.RequestDebate, auth.Resource{OrgID: orgID}); err != nil {
		s.fail(w, r, err)
		return
	}
	_, err = s.store.RequestDebate(r.Context(), store.NewDebateRequest{
		ConsultationID: cc.C.ID, OrgID: orgID, UserID: cc.Actor.User.ID, Reason: f.Get("reason"),
		AdoptionStarts: adoptionStarts(cc.C),
		Mail:           func(o agora.User, req agora.DebateRequest) agora.Email { return s.debateRequestMail(o, req, cc.C) },
	})
	switch {
	case err == nil:
		s.redirect(w, r, consultationPath(cc.C.ID), "consultation_debate.flash.requested")
	case agora.AsError(err).Key == "consultation_debate.error.already_requested":
		s.redirect(w, r, consultationPath(cc.C.ID), "consultation_debate.flash.already_requested")
	default:
		orgs, oerr := s.store.CommentOrgs(r.Context(), cc.Actor.User.ID)
		if oerr != nil {
			s.fail(w, r, oerr)
			return
		}
		s.renderForm(w, r, "consultation/debate_request", f, err, debateRequestData{C: cc.C, Orgs: orgs})
	}
}

// adoptionStarts is the first instant of the consultation's earliest
// adoption day: a debate asked for from then on comes too late.
func adoptionStarts(c agora.Consultation) time.Time {
	d, err := legal.ParseDate(c.EarliestAdoption)
	if err != nil {
		return time.Time{}
	}
	return legal.StartOfDay(c.Country, d)
}

// debateRequestMail tells an officer of the authority that a debate was
// requested and is therefore due.
func (s *Server) debateRequestMail(o agora.User, req agora.DebateRequest, c agora.Consultation) agora.Email {
	args := map[string]any{"name": o.DisplayName, "org": req.OrgName, "title": c.Title, "reason": req.Reason}
	return s.accountMail(o.Lang, o.Email, mailText{
		subject:   "consultation_debate.mail.requested.subject",
		paras:     []string{"account.mail.greeting", "consultation_debate.mail.requested.body", "consultation_debate.mail.requested.reason", "consultation_debate.mail.requested.duty"},
		actionKey: "consultation_debate.mail.requested.action",
		actionURL: s.link(consultationPath(c.ID, "debates", "new")),
	}, args)
}
