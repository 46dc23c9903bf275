package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// routesConsultationComment registers the public consultation page, unit
// pages, comments and moderation. The page cache lives here, one per
// registered handler, so the Server needs no field for it.
func (s *Server) routesConsultationComment(mux *http.ServeMux) {
	cache := newShowCache()
	s.handle(mux, "GET", "/consultations/{id}", auth.ViewPublic, s.showConsultation(cache))
	s.handle(mux, "GET", "/consultations/{id}/units/{key}", auth.ViewPublic, s.showUnit)
	s.handle(mux, "POST", "/consultations/{id}/comments", auth.CommentDraft, s.createComment)
	s.handle(mux, "GET", "/consultations/{id}/comments/{commentID}", auth.ViewPublic, s.showComment)
	s.handle(mux, "GET", "/consultations/{id}/comments/{commentID}/edit", auth.EditOwnComment, s.editCommentForm)
	s.handle(mux, "POST", "/consultations/{id}/comments/{commentID}/edit", auth.EditOwnComment, s.editComment)
	s.handle(mux, "POST", "/consultations/{id}/comments/{commentID}/support", auth.CommentDraft, s.supportComment)
	s.handle(mux, "POST", "/consultations/{id}/comments/{commentID}/report", auth.CommentDraft, s.reportComment)
	s.handle(mux, "POST", "/consultations/{id}/comments/{commentID}/hide", auth.Moderate, s.hideComment)
	s.handle(mux, "POST", "/consultations/{id}/comments/{commentID}/unhide", auth.Moderate, s.unhideComment)
	s.handle(mux, "GET", "/consultations/{id}/register", auth.ManageConsultation, s.registerForm)
	s.handle(mux, "POST", "/consultations/{id}/register", auth.ManageConsultation, s.registerComment)
	s.handle(mux, "GET", "/consultations/{id}/moderation", auth.ViewPublic, s.moderationLog)
	s.handle(mux, "GET", "/moderation", auth.Moderate, s.moderationQueue)
}
