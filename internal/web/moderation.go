package web

import (
	"net/http"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
)

// hideComment serves POST …/comments/{commentID}/hide (moderators).
func (s *Server) hideComment(w http.ResponseWriter, r *http.Request) {
	s.moderateComment(w, r, true)
}

// unhideComment serves POST …/comments/{commentID}/unhide: shows a
// hidden comment again, or closes the reports on a visible one.
func (s *Server) unhideComment(w http.ResponseWriter, r *http.Request) {
	s.moderateComment(w, r, false)
}

func (s *Server) moderateComment(w http.ResponseWriter, r *http.Request, hide bool) {
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	// Moderators act on any consultation: the authority does not own
	// the comments, so the consultation is loaded as public and the
	// moderation right checked on its own.
	cc, v, ok := s.loadComment(w, r, auth.ViewPublic)
	if !ok {
		return
	}
	if err := auth.Allow(cc.Actor, auth.Moderate, auth.Resource{}); err != nil {
		s.fail(w, r, err)
		return
	}
	do, flash := s.store.UnhideComment, "consultation_comment.flash.unhidden"
	if hide {
		do, flash = s.store.HideComment, "consultation_comment.flash.hidden"
	}
	if err := do(r.Context(), cc.Actor.User.ID, cc.C.ID, v.Comment.ID, f.Get("reason")); err != nil {
		if len(agora.FieldErrors(err)) > 0 {
			s.setErrors(r, f, err)
			s.renderComment(w, r, cc, v, http.StatusUnprocessableEntity, f)
			return
		}
		s.fail(w, r, err)
		return
	}
	next := consultationPath(cc.C.ID, "comments", v.Comment.ID)
	if r.FormValue("next") == "queue" {
		next = "/moderation"
	}
	s.redirect(w, r, next, flash)
}

type moderationLogData struct {
	C       agora.Consultation
	Entries []moderationEntryView
}

type moderationEntryView struct {
	store.ModerationEntry
	ActionLabel string
}

// moderationLog serves GET /consultations/{id}/moderation, public.
func (s *Server) moderationLog(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ViewPublic)
	if !ok {
		return
	}
	entries, err := s.store.ModerationLog(r.Context(), cc.C.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d := moderationLogData{C: cc.C}
	for _, e := range entries {
		d.Entries = append(d.Entries, moderationEntryView{ModerationEntry: e,
			ActionLabel: s.cat.T(cc.Lang, i18n.Prefix("consultation_comment.moderation.action.")+e.Action, nil)})
	}
	s.render(w, r, http.StatusOK, "consultation/moderation_log", d)
}

type moderationQueueData struct {
	Items []moderationItem
}

type moderationItem struct {
	store.ReportedComment
	Comment commentView
}

// moderationQueue serves GET /moderation: open reports, for moderators.
func (s *Server) moderationQueue(w http.ResponseWriter, r *http.Request) {
	a, err := s.actor(r)
	if err == nil {
		err = auth.Allow(a, auth.Moderate, auth.Resource{})
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	items, err := s.store.ModerationQueue(r.Context(), 200)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := localeFrom(r.Context()).Lang
	var d moderationQueueData
	for _, it := range items {
		cc := consultationCtx{C: agora.Consultation{ID: it.Comment.ConsultationID, State: agora.ConsultationPublished}, Actor: a, Lang: lang}
		d.Items = append(d.Items, moderationItem{ReportedComment: it, Comment: s.commentViewOf(r.Context(), lang, cc, it.Comment, "", nil, false, s.now())})
	}
	s.render(w, r, http.StatusOK, "consultation/moderation_queue", d)
}
