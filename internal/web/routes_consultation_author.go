package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// routesConsultationAuthor registers what an authority's officers do to
// prepare a consultation: create it, import and correct the draft text,
// edit it, attach documents, publish it with legal dates, and keep the
// authority's own rule sets. Attachments are read by everyone once the
// consultation is published.
func (s *Server) routesConsultationAuthor(mux *http.ServeMux) {
	s.handle(mux, "GET", "/consultations/new", auth.CreateConsultation, s.newConsultation)
	s.handle(mux, "POST", "/consultations", auth.CreateConsultation, s.createConsultation)
	s.handle(mux, "GET", "/consultations/mine", auth.CreateConsultation, s.listMyConsultations)
	s.handle(mux, "GET", "/consultations/{id}/edit", auth.ManageConsultation, s.editConsultation)
	s.handle(mux, "POST", "/consultations/{id}/edit", auth.ManageConsultation, s.updateConsultation)
	s.handle(mux, "GET", "/consultations/{id}/text", auth.ManageConsultation, s.showDraftText)
	s.handle(mux, "POST", "/consultations/{id}/text", auth.ManageConsultation, s.replaceDraftText)
	s.handle(mux, "GET", "/consultations/{id}/publish", auth.ManageConsultation, s.showPublish)
	s.handle(mux, "POST", "/consultations/{id}/publish", auth.ManageConsultation, s.publishConsultation)
	s.handle(mux, "POST", "/consultations/{id}/files", auth.ManageConsultation, s.addConsultationFile)
	s.handle(mux, "GET", "/consultations/{id}/files/{fileID}", auth.ViewPublic, s.serveConsultationFile)
	s.handle(mux, "POST", "/consultations/{id}/files/{fileID}/delete", auth.ManageConsultation, s.deleteConsultationFile)
	s.handle(mux, "GET", "/orgs/{id}/rule-sets", auth.ManageConsultation, s.showRuleSets)
	s.handle(mux, "POST", "/orgs/{id}/rule-sets", auth.ManageConsultation, s.saveRuleSet)
}
