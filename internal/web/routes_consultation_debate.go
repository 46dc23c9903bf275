package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// routesConsultationDebate registers public debates: an organisation's
// request, the officer's notice, registration, and the minutes.
func (s *Server) routesConsultationDebate(mux *http.ServeMux) {
	s.handle(mux, "POST", "/consultations/{id}/debate-requests", auth.RequestDebate, s.requestDebate)
	s.handle(mux, "GET", "/consultations/{id}/debates/new", auth.ManageConsultation, s.newDebateForm)
	s.handle(mux, "POST", "/consultations/{id}/debates/new", auth.ManageConsultation, s.scheduleDebate)
	s.handle(mux, "GET", "/consultations/{id}/debates/{debateID}", auth.ViewPublic, s.showDebate)
	s.handle(mux, "POST", "/consultations/{id}/debates/{debateID}/register", auth.Participate, s.toggleDebateRegistration)
	s.handle(mux, "GET", "/consultations/{id}/debates/{debateID}/minutes", auth.ManageConsultation, s.minutesForm)
	s.handle(mux, "POST", "/consultations/{id}/debates/{debateID}/minutes", auth.ManageConsultation, s.saveMinutes)
}
