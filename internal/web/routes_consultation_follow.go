package web

import (
	"net/http"

	"github.com/agora-civic/agora/internal/auth"
)

// routesConsultationFollow registers finding and following consultations:
// the public list, its Atom feed and calendars, follows, notifications
// and their preferences.
func (s *Server) routesConsultationFollow(mux *http.ServeMux) {
	s.handle(mux, "GET", "/consultations", auth.ViewPublic, s.listConsultations)
	s.handle(mux, "GET", "/consultations/feed", auth.ViewPublic, s.consultationFeed)
	s.handle(mux, "GET", "/consultations/calendar.ics", auth.ViewPublic, s.listCalendar)
	s.handle(mux, "GET", "/consultations/{id}/calendar.ics", auth.ViewPublic, s.consultationCalendar)
	s.handle(mux, "POST", "/follows", auth.Participate, s.follow)
	s.handle(mux, "POST", "/follows/remove", auth.Participate, s.unfollow)
	s.handle(mux, "GET", "/notifications", auth.Participate, s.listNotifications)
	s.handle(mux, "POST", "/notifications/read", auth.Participate, s.markNotificationsRead)
	s.handle(mux, "GET", "/account/notifications", auth.Participate, s.notificationPrefs)
	s.handle(mux, "POST", "/account/notifications", auth.Participate, s.saveNotificationPrefs)
}
