package web

import (
	"net/http"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// offlineData is the officer's form for recommendations received by
// email, post or at a debate.
type offlineData struct {
	C         agora.Consultation
	Units     []unitView
	Sources   []offlineSource
	ClientKey string
}

type offlineSource struct {
	Value agora.CommentSource
	Label string
}

func (s *Server) offlinePage(r *http.Request, cc consultationCtx, key string) (offlineData, error) {
	units, err := s.store.ConsultationUnits(r.Context(), cc.C.ID, cc.C.Version)
	if err != nil {
		return offlineData{}, err
	}
	d := offlineData{C: cc.C, Units: s.unitViews(cc.Lang, cc.C.ID, units), ClientKey: key}
	for _, src := range agora.CommentSources[1:] {
		d.Sources = append(d.Sources, offlineSource{Value: src, Label: s.sourceLabel(cc.Lang, src)})
	}
	return d, nil
}

// registerForm serves GET /consultations/{id}/register (officers).
func (s *Server) registerForm(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	d, err := s.offlinePage(r, cc, agora.NewID())
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "consultation/comment_register", d)
}

// registerComment serves POST /consultations/{id}/register.
func (s *Server) registerComment(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	in, key := decodeCommentForm(f)
	in.OrgID = ""
	in.Source = agora.CommentSource(strings.TrimSpace(f.Get("source")))
	in.SourceNote = f.Get("source_note")
	in.AuthorName = f.Get("author_name")
	in.SubmittedOn = strings.TrimSpace(f.Get("submitted_on"))
	var es agora.Errs
	if in.Source == agora.SourceOnline || in.Source == "" {
		es.Add("source", "field.invalid_choice", nil)
	}
	agora.ValidateText(&es, "author_name", in.AuthorName, 2, 200, false)
	err = es.Err()
	if err == nil {
		_, _, err = s.store.CreateComment(r.Context(), store.NewComment{ConsultationID: cc.C.ID, AuthorID: cc.Actor.User.ID,
			Officer: true, Input: in, ClientKey: key})
	}
	if err != nil {
		d, derr := s.offlinePage(r, cc, key)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		s.renderForm(w, r, "consultation/comment_register", f, err, d)
		return
	}
	s.redirect(w, r, consultationPath(cc.C.ID, "register"), "consultation_comment.flash.registered")
}
