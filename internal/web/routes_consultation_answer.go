package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// routesConsultationAnswer registers the authority's side of the end of
// a consultation: answering the recommendations, new versions of the
// text, the consultation report and the yearly transparency report.
func (s *Server) routesConsultationAnswer(mux *http.ServeMux) {
	s.handle(mux, "GET", "/consultations/{id}/answers", auth.ManageConsultation, s.showAnswers)
	s.handle(mux, "POST", "/consultations/{id}/answers", auth.ManageConsultation, s.saveAnswer)
	s.handle(mux, "POST", "/consultations/{id}/answers/publish", auth.ManageConsultation, s.publishAnswers)
	s.handle(mux, "GET", "/consultations/{id}/versions/new", auth.ManageConsultation, s.newVersionForm)
	s.handle(mux, "POST", "/consultations/{id}/versions/new", auth.ManageConsultation, s.createVersion)
	s.handle(mux, "GET", "/consultations/{id}/versions/{n}", auth.ViewPublic, s.showVersion)
	s.handle(mux, "GET", "/consultations/{id}/units/{key}/changes", auth.ViewPublic, s.showUnitChanges)
	s.handle(mux, "GET", "/consultations/{id}/report", auth.ViewPublic, s.showReport)
	s.handle(mux, "GET", "/consultations/{id}/report/{format}", auth.ViewPublic, s.downloadReport)
	s.handle(mux, "POST", "/consultations/{id}/report/publish", auth.ManageConsultation, s.publishReport)
	s.handle(mux, "GET", "/orgs/{id}/transparency/{year}", auth.ViewPublic, s.showTransparency)
	s.handle(mux, "POST", "/orgs/{id}/transparency/{year}", auth.ManageConsultation, s.saveTransparency)
	s.handle(mux, "GET", "/orgs/{id}/transparency/{year}/{format}", auth.ViewPublic, s.downloadTransparency)
}
