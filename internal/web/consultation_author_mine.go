package web

import (
	"net/http"

	"github.com/agora-civic/agora"
)

// myConsultationsData feeds consultation/author_mine: an officer's
// desk, drafts first in mind.
type myConsultationsData struct {
	Authorities []orgOption
	Rows        []myConsultationRow
}

type myConsultationRow struct {
	C     agora.Consultation
	Phase string
	Draft bool
}

// listMyConsultations lists every consultation of the authorities the
// viewer serves, drafts included, most recently changed first.
func (s *Server) listMyConsultations(w http.ResponseWriter, r *http.Request) {
	auths, ok := s.officerAuthorities(w, r)
	if !ok {
		return
	}
	lang := localeFrom(r.Context()).Lang
	ids := make([]string, len(auths))
	var d myConsultationsData
	for i, a := range auths {
		ids[i] = a.ID
		d.Authorities = append(d.Authorities, orgOption{Value: a.ID, Label: a.Name})
	}
	list, err := s.store.OrgConsultations(r.Context(), ids, 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	now := s.now()
	for _, c := range list {
		d.Rows = append(d.Rows, myConsultationRow{C: c, Phase: s.phaseLabel(lang, c.PhaseAt(now)), Draft: c.State == agora.ConsultationDraft})
	}
	s.render(w, r, http.StatusOK, "consultation/author_mine", d)
}
