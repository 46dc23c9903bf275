package web

import (
	"html/template"
	"net/http"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/markup"
	"github.com/agora-civic/agora/internal/store"
)

// debateView is a debate's page: the public notice with its time in the
// consultation's country, registration, and after the meeting the minutes
// and the recommendations raised there.
type debateView struct {
	C         agora.Consultation
	D         agora.Debate
	Exception string
	When      string // "12 martie 2026, 17:00"
	Zone      string
	Announced string
	Notice    template.HTML
	Minutes   template.HTML
	File      *store.ConsultationFile
	Comments  []debateComment
	// Upcoming: registration is still open. Held: the meeting has begun.
	Upcoming   bool
	Held       bool
	Registered bool
	Officer    bool
}

// debateComment is a recommendation raised at the debate as the minutes
// list it; a hidden one shows its moderation note, not its text.
type debateComment struct {
	ID     string
	Author string
	Unit   string
	Body   string
	Hidden bool
	Note   string
}

func (s *Server) debateView(cc consultationCtx, p store.DebatePage) debateView {
	zone := legal.Zone(cc.C.Country)
	loc := localeIn(cc.Lang, zone)
	now := s.now()
	v := debateView{C: cc.C, D: p.Debate, Exception: p.Exception, Zone: s.cat.T(cc.Lang, zoneKey(cc.C.Country), nil),
		When:      loc.DateLong(p.Debate.StartsAt) + ", " + p.Debate.StartsAt.In(zone).Format("15:04"),
		Announced: loc.DateLong(p.Debate.AnnouncedAt), Notice: markup.Render(p.Debate.Notice), Minutes: markup.Render(p.Debate.Minutes),
		File: p.MinutesFile, Upcoming: now.Before(p.Debate.StartsAt), Held: !now.Before(p.Debate.StartsAt),
		Registered: p.Registered, Officer: cc.Officer}
	for _, c := range p.Comments {
		dc := debateComment{ID: c.ID, Author: c.AuthorName, Unit: c.UnitKey, Hidden: c.Hidden, Note: c.HiddenNote}
		if c.OrgName != "" {
			dc.Author = c.OrgName
		}
		if !c.Hidden {
			dc.Body = c.Body
		}
		v.Comments = append(v.Comments, dc)
	}
	return v
}

// showDebate serves GET /consultations/{id}/debates/{debateID}.
func (s *Server) showDebate(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ViewPublic)
	if !ok {
		return
	}
	viewer := ""
	if cc.Actor.User != nil {
		viewer = cc.Actor.User.ID
	}
	p, err := s.store.DebatePage(r.Context(), cc.C.ID, r.PathValue("debateID"), viewer, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "consultation/debate_show", s.debateView(cc, p))
}

// toggleDebateRegistration serves POST …/debates/{debateID}/register:
// the signed-in viewer registers to attend, or withdraws.
func (s *Server) toggleDebateRegistration(w http.ResponseWriter, r *http.Request) {
	if _, err := s.parseForm(r); err != nil {
		s.fail(w, r, err)
		return
	}
	cc, ok := s.loadConsultation(w, r, auth.Participate)
	if !ok {
		return
	}
	debateID := r.PathValue("debateID")
	registered, err := s.store.ToggleDebateRegistration(r.Context(), cc.C.ID, debateID, cc.Actor.User.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flash := "consultation_debate.flash.unregistered"
	if registered {
		flash = "consultation_debate.flash.registered"
	}
	s.redirect(w, r, consultationPath(cc.C.ID, "debates", debateID), flash)
}
