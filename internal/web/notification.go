package web

import (
	"net/http"
	"net/url"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
)

type notificationRow struct {
	store.Notification
	EventLabel string
	Unread     bool
}

type notificationsData struct {
	Items  []notificationRow
	Unread int
	Next   string
}

// listNotifications shows the viewer's in-app notifications, newest
// first, the unread ones marked.
func (s *Server) listNotifications(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r, auth.Participate, auth.Resource{}); err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	lang := localeFrom(ctx).Lang
	page, err := s.store.Notifications(ctx, viewerFrom(ctx).ID, r.URL.Query().Get("cursor"), 30)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := notificationsData{Unread: page.Unread}
	for _, n := range page.Items {
		d.Items = append(d.Items, notificationRow{Notification: n, Unread: n.ReadAt == nil,
			EventLabel: s.cat.T(lang, i18n.Prefix("consultation_follow.event.")+n.Kind, nil)})
	}
	if page.Next != "" {
		d.Next = pageURL("/notifications", url.Values{}, "cursor", page.Next)
	}
	s.render(w, r, http.StatusOK, "account/notifications_inbox", d)
}

// markNotificationsRead marks the notifications named by the id fields
// read, or all of them without any.
func (s *Server) markNotificationsRead(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r, auth.Participate, auth.Resource{}); err != nil {
		s.fail(w, r, err)
		return
	}
	if _, err := s.parseForm(r); err != nil {
		s.fail(w, r, err)
		return
	}
	ids := r.PostForm["id"]
	if len(ids) > 100 {
		s.fail(w, r, agora.FieldError("id", "field.too_many", map[string]any{"max": 100}))
		return
	}
	for _, id := range ids {
		if !agora.ValidID(id) {
			s.fail(w, r, agora.FieldError("id", "field.invalid_choice", nil))
			return
		}
	}
	if err := s.store.MarkNotificationsRead(r.Context(), viewerFrom(r.Context()).ID, ids); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, "/notifications", "consultation_follow.flash.read")
}
