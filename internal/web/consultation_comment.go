package web

import (
	"io"
	"mime/multipart"
	"net/http"
	"path/filepath"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
)

// unitPageData is the page of one unit: its text in context, its
// comments and the comment form.
type unitPageData struct {
	C          agora.Consultation
	Officer    bool
	PhaseLabel string
	Unit       unitView
	Context    []unitView
	Comments   []commentView
	Open       bool
	CanComment bool
	SignedIn   bool
	Orgs       []store.OrgChoice
	ClientKey  string
	// Amendment prefills the amendment field with the unit text.
	Amendment  string
	ClosedNote string
	LoginNext  string
}

// showUnit serves GET /consultations/{id}/units/{key}.
func (s *Server) showUnit(w http.ResponseWriter, r *http.Request) {
	s.renderUnit(w, r, r.PathValue("key"), http.StatusOK, nil)
}

// renderUnit renders the unit page, with f holding a rejected form.
func (s *Server) renderUnit(w http.ResponseWriter, r *http.Request, key string, status int, f *Form) {
	ctx := r.Context()
	viewerID := ""
	if u := viewerFrom(ctx); u != nil {
		viewerID = u.ID
	}
	p, err := s.store.UnitPage(ctx, r.PathValue("id"), key, viewerID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cc, ok := s.consultationAccess(w, r, p.Consultation, auth.ViewPublic)
	if !ok {
		return
	}
	c := p.Consultation
	now := s.now()
	views := s.unitViews(cc.Lang, c.ID, p.Context)
	for i := range views {
		views[i].TextHTML = s.linkCitations(ctx, views[i].Text, "")
	}
	d := unitPageData{
		C: c, Officer: cc.Officer, PhaseLabel: s.phaseLabel(cc.Lang, c.PhaseAt(now)), Context: views,
		Open: c.AcceptsComments(now), SignedIn: cc.Actor.User != nil, Orgs: p.Orgs,
		ClientKey: agora.NewID(), Amendment: p.Unit.Text,
		LoginNext: "/login?next=" + consultationPath(c.ID, "units", key),
	}
	for _, v := range views {
		if v.Key == p.Unit.Key {
			d.Unit = v
		}
	}
	d.CanComment = d.Open && auth.Allow(cc.Actor, auth.CommentDraft, auth.Resource{}) == nil
	if !d.Open && !c.CommentsClose.IsZero() && now.After(c.CommentsClose) {
		d.ClosedNote = s.closedMessage(cc.Lang, c)
	}
	for _, cm := range p.Comments {
		d.Comments = append(d.Comments, s.commentViewOf(ctx, cc.Lang, cc, cm, p.Original[cm.ID], p.Files[cm.ID], p.Supported[cm.ID], now))
	}
	page := s.page(r, d)
	if f != nil {
		page.Form = f
		d.ClientKey = f.Get("client_key")
		page.Data = d
	}
	s.render(w, r, status, "consultation/unit", page)
}

// closedMessage says when comments closed, with the time and zone.
func (s *Server) closedMessage(lang string, c agora.Consultation) string {
	return s.cat.T(lang, "consultation_comment.error.closed_at", map[string]any{
		"time": s.closedMessageTime(lang, c), "zone": s.cat.T(lang, zoneKey(c.Country), nil)})
}

// createComment serves POST /consultations/{id}/comments.
func (s *Server) createComment(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseUploadForm(w, r, store.MaxCommentAttachment)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cc, ok := s.loadConsultation(w, r, auth.CommentDraft)
	if !ok {
		return
	}
	in, key := decodeCommentForm(f)
	unitText := ""
	if in.UnitKey != "" && (in.Quote != "" || in.Amendment != "") {
		unitText, err = s.store.UnitText(r.Context(), cc.C.ID, cc.C.Version, in.UnitKey)
		if err != nil && agora.KindOf(err) != agora.NotFound {
			s.fail(w, r, err)
			return
		}
	}
	in.Amendment = cleanAmendment(in.Amendment, unitText)
	n := store.NewComment{ConsultationID: cc.C.ID, AuthorID: cc.Actor.User.ID, Input: in, ClientKey: key}
	n.Input.Quote, err = matchQuote(unitText, in.Quote)
	if err == nil {
		n.Attachment, err = commentAttachment(r)
	}
	var created agora.Comment
	if err == nil {
		created, _, err = s.store.CreateComment(r.Context(), n)
	}
	if err != nil {
		s.commentFailed(w, r, cc, in.UnitKey, f, err)
		return
	}
	s.redirect(w, r, commentAnchor(cc.C.ID, created), "consultation_comment.flash.created")
}

// commentFailed answers a refused comment: the form again with its
// errors, or the closing date and time when the deadline passed.
func (s *Server) commentFailed(w http.ResponseWriter, r *http.Request, cc consultationCtx, unitKey string, f *Form, err error) {
	if e := agora.AsError(err); e.Key == "consultation.error.deadline_passed" {
		s.fail(w, r, &agora.Error{Kind: agora.Conflict, Key: "consultation_comment.error.closed_at", Args: map[string]any{
			"time": s.closedMessageTime(cc.Lang, cc.C), "zone": s.cat.T(cc.Lang, zoneKey(cc.C.Country), nil)}})
		return
	}
	if unitKey == "" || len(agora.FieldErrors(err)) == 0 {
		s.fail(w, r, err)
		return
	}
	s.setErrors(r, f, err)
	s.renderUnit(w, r, unitKey, http.StatusUnprocessableEntity, f)
}

func (s *Server) closedMessageTime(lang string, c agora.Consultation) string {
	zone := legal.Zone(c.Country)
	return localeIn(lang, zone).DateLong(c.CommentsClose) + " " + c.CommentsClose.In(zone).Format("15:04")
}

// commentAnchor is where a comment shows: on its unit's page, or on its
// own page when it is about the whole draft.
func commentAnchor(consultationID string, c agora.Comment) string {
	if c.CurrentKey != "" {
		return consultationPath(consultationID, "units", c.CurrentKey) + "#comment-" + c.ID
	}
	return consultationPath(consultationID, "comments", c.ID)
}

// commentAttachment reads the optional "attachment" file of a multipart
// form.
func commentAttachment(r *http.Request) (*store.CommentAttachment, error) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	fhs := r.MultipartForm.File["attachment"]
	if len(fhs) == 0 || fhs[0].Size == 0 && fhs[0].Filename == "" {
		return nil, nil
	}
	return readAttachment(fhs[0])
}

func readAttachment(fh *multipart.FileHeader) (*store.CommentAttachment, error) {
	if fh.Size > store.MaxCommentAttachment {
		return nil, agora.FieldError("attachment", "consultation_comment.error.attachment_too_large", map[string]any{"max": store.MaxCommentAttachment >> 20})
	}
	file, err := fh.Open()
	if err != nil {
		return nil, agora.FieldError("attachment", "consultation_comment.error.attachment_empty", nil).Wrap(err)
	}
	defer file.Close()
	data, err := io.ReadAll(io.LimitReader(file, store.MaxCommentAttachment+1))
	if err != nil {
		return nil, agora.FieldError("attachment", "consultation_comment.error.attachment_empty", nil).Wrap(err)
	}
	ct := http.DetectContentType(data)
	return &store.CommentAttachment{Name: filepath.Base(filepath.Clean("/" + fh.Filename)), ContentType: ct, Data: data}, nil
}
