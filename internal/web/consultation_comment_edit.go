package web

import (
	"html/template"
	"net/http"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/markup"
	"github.com/agora-civic/agora/internal/store"
)

// commentPageData is one comment with its edit history.
type commentPageData struct {
	C         agora.Consultation
	Comment   commentView
	UnitLabel string
	UnitKey   string
	History   []revisionView
	SignedIn  bool
}

type revisionView struct {
	store.CommentRevision
	BodyHTML template.HTML
}

// loadComment reads the {commentID} of the {id} consultation for a
// comment page, with the viewer's access to the consultation checked.
func (s *Server) loadComment(w http.ResponseWriter, r *http.Request, act auth.Action) (consultationCtx, store.CommentView, bool) {
	cc, ok := s.loadConsultation(w, r, act)
	if !ok {
		return cc, store.CommentView{}, false
	}
	v, err := s.store.CommentView(r.Context(), cc.C.ID, r.PathValue("commentID"))
	if err != nil {
		s.fail(w, r, err)
		return cc, v, false
	}
	return cc, v, true
}

// showComment serves GET /consultations/{id}/comments/{commentID}.
func (s *Server) showComment(w http.ResponseWriter, r *http.Request) {
	cc, v, ok := s.loadComment(w, r, auth.ViewPublic)
	if !ok {
		return
	}
	s.renderComment(w, r, cc, v, http.StatusOK, nil)
}

func (s *Server) renderComment(w http.ResponseWriter, r *http.Request, cc consultationCtx, v store.CommentView, status int, f *Form) {
	d := commentPageData{C: cc.C, UnitKey: v.Comment.CurrentKey, SignedIn: cc.Actor.User != nil,
		Comment: s.commentViewOf(r.Context(), cc.Lang, cc, v.Comment, v.UnitText, v.Files, false, s.now())}
	if v.Comment.UnitKey != "" {
		d.UnitLabel = v.Comment.UnitKey
		if units, err := s.store.ConsultationUnits(r.Context(), cc.C.ID, v.Comment.Version); err == nil {
			for _, u := range units {
				if u.Key == v.Comment.UnitKey {
					d.UnitLabel = s.unitLabel(cc.Lang, u.Unit)
				}
			}
		}
	}
	if !v.Comment.Hidden {
		for _, rv := range v.Revisions {
			d.History = append(d.History, revisionView{CommentRevision: rv, BodyHTML: markup.Render(rv.Body)})
		}
	}
	p := s.page(r, d)
	p.Form = f
	s.render(w, r, status, "consultation/comment_show", p)
}

// editCommentForm serves GET /consultations/{id}/comments/{commentID}/edit.
func (s *Server) editCommentForm(w http.ResponseWriter, r *http.Request) {
	cc, v, ok := s.loadOwnComment(w, r)
	if !ok {
		return
	}
	f := &Form{Values: map[string]string{"body": v.Comment.Body, "amendment": v.Comment.Amendment}, Errors: map[string]string{}}
	p := s.page(r, commentEditData{C: cc.C, Comment: v.Comment})
	p.Form = f
	s.render(w, r, http.StatusOK, "consultation/comment_edit", p)
}

type commentEditData struct {
	C       agora.Consultation
	Comment agora.Comment
}

// loadOwnComment loads a comment its author may edit.
func (s *Server) loadOwnComment(w http.ResponseWriter, r *http.Request) (consultationCtx, store.CommentView, bool) {
	cc, v, ok := s.loadComment(w, r, auth.ViewPublic)
	if !ok {
		return cc, v, false
	}
	if err := auth.Allow(cc.Actor, auth.EditOwnComment, auth.Resource{OwnerID: v.Comment.AuthorID}); err != nil {
		s.fail(w, r, err)
		return cc, v, false
	}
	return cc, v, true
}

// editComment serves POST /consultations/{id}/comments/{commentID}/edit.
func (s *Server) editComment(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cc, v, ok := s.loadOwnComment(w, r)
	if !ok {
		return
	}
	c, err := s.store.EditComment(r.Context(), store.CommentEdit{ConsultationID: cc.C.ID, CommentID: v.Comment.ID,
		AuthorID: cc.Actor.User.ID, Body: f.Get("body"), Amendment: cleanAmendment(f.Get("amendment"), v.UnitText)})
	if err != nil {
		if e := agora.AsError(err); e.Key == "consultation.error.deadline_passed" {
			s.commentFailed(w, r, cc, "", f, err)
			return
		}
		s.renderForm(w, r, "consultation/comment_edit", f, err, commentEditData{C: cc.C, Comment: v.Comment})
		return
	}
	s.redirect(w, r, consultationPath(cc.C.ID, "comments", c.ID), "consultation_comment.flash.edited")
}

// supportComment serves POST …/comments/{commentID}/support: a toggle.
func (s *Server) supportComment(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.CommentDraft)
	if !ok {
		return
	}
	on, _, err := s.store.ToggleSupport(r.Context(), cc.C.ID, r.PathValue("commentID"), cc.Actor.User.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	flash := "consultation_comment.flash.unsupported"
	if on {
		flash = "consultation_comment.flash.supported"
	}
	c, err := s.store.Comment(r.Context(), r.PathValue("commentID"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, commentAnchor(cc.C.ID, c), flash)
}

// reportComment serves POST …/comments/{commentID}/report.
func (s *Server) reportComment(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cc, v, ok := s.loadComment(w, r, auth.CommentDraft)
	if !ok {
		return
	}
	if err := s.store.ReportComment(r.Context(), cc.C.ID, v.Comment.ID, cc.Actor.User.ID, f.Get("reason")); err != nil {
		if len(agora.FieldErrors(err)) > 0 {
			s.setErrors(r, f, err)
			s.renderComment(w, r, cc, v, http.StatusUnprocessableEntity, f)
			return
		}
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, consultationPath(cc.C.ID, "comments", v.Comment.ID), "consultation_comment.flash.reported")
}
