package web

import (
	"encoding/base64"
	"net/http"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// apiComment is a recommendation as the public sees it. A hidden one
// keeps its place and moderation note, but not its text.
type apiComment struct {
	ID             string     `json:"id"`
	ConsultationID string     `json:"consultation_id"`
	Version        int        `json:"version"`
	UnitKey        string     `json:"unit_key"`
	CurrentKey     string     `json:"current_key"`
	Carry          string     `json:"carry"`
	Quote          *string    `json:"quote"`
	Body           *string    `json:"body"`
	Amendment      *string    `json:"amendment"`
	AuthorName     string     `json:"author_name"`
	OrgID          string     `json:"org_id"`
	OrgName        string     `json:"org_name"`
	Source         string     `json:"source"`
	DebateID       string     `json:"debate_id"`
	Supports       int        `json:"supports"`
	Hidden         bool       `json:"hidden"`
	HiddenNote     string     `json:"hidden_note"`
	SubmittedAt    string     `json:"submitted_at"`
	EditedAt       *string    `json:"edited_at"`
	Answer         *apiAnswer `json:"answer"`
	URL            string     `json:"url"`
}

// commentView shows c; answers holds the published answers by comment
// id (nil before publication).
func (s *Server) commentView(c agora.Comment, answers map[string]agora.Answer) apiComment {
	v := apiComment{ID: c.ID, ConsultationID: c.ConsultationID, Version: c.Version, UnitKey: c.UnitKey, CurrentKey: c.CurrentKey,
		Carry: c.Carry, AuthorName: c.AuthorName, OrgID: c.OrgID, OrgName: c.OrgName, Source: string(c.Source), DebateID: c.DebateID,
		Supports: c.Supports, Hidden: c.Hidden, SubmittedAt: apiTime(c.SubmittedAt), EditedAt: apiTimePtr(c.EditedAt),
		URL: s.link(consultationPath(c.ConsultationID, "comments", c.ID))}
	if c.Hidden {
		v.HiddenNote = c.HiddenNote
	} else {
		v.Quote, v.Body, v.Amendment = &c.Quote, &c.Body, &c.Amendment
	}
	if a, ok := answers[c.ID]; ok {
		av := answerView(a)
		v.Answer = &av
	}
	return v
}

// publishedAnswers returns the answers of c by comment id once they are
// public, nil before.
func (s *Server) publishedAnswers(r *http.Request, c agora.Consultation) (map[string]agora.Answer, error) {
	if c.AnsweredAt == nil {
		return nil, nil
	}
	return s.store.AnswersFor(r.Context(), c.ID)
}

// commentCursor encodes a position in submission order.
func commentCursor(c agora.Comment) string {
	return base64.RawURLEncoding.EncodeToString([]byte(c.SubmittedAt.UTC().Format(time.RFC3339Nano) + "|" + c.ID))
}

func decodeCommentCursor(s string) (time.Time, string, error) {
	bad := agora.FieldError("cursor", "api.cursor.invalid", nil)
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err != nil {
		return time.Time{}, "", bad
	}
	at, id, ok := strings.Cut(string(b), "|")
	t, err := time.Parse(time.RFC3339Nano, at)
	if !ok || err != nil || !agora.ValidID(id) {
		return time.Time{}, "", bad
	}
	return t, id, nil
}

// apiListComments is GET /api/v1/consultations/{id}/comments: every
// recommendation in submission order, with its published answer.
func (s *Server) apiListComments(w http.ResponseWriter, r *http.Request) {
	q, page, err := apiQuery(r, "unit")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	c, _, err := s.apiConsultationByID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	f := store.CommentFilter{ConsultationID: c.ID, Limit: page.Limit + 1}
	if q.Has("unit") {
		unit := q.Get("unit")
		f.UnitKey = &unit
	}
	if page.Cursor != "" {
		if f.AfterSubmitted, f.AfterID, err = decodeCommentCursor(page.Cursor); err != nil {
			s.apiFail(w, r, err)
			return
		}
	}
	comments, err := s.store.Comments(r.Context(), f)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	answers, err := s.publishedAnswers(r, c)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	next := ""
	if len(comments) > page.Limit {
		comments = comments[:page.Limit]
		next = commentCursor(comments[len(comments)-1])
	}
	items := make([]apiComment, len(comments))
	for i, m := range comments {
		items[i] = s.commentView(m, answers)
	}
	s.writePage(w, r, items, next)
}

// apiGetComment is GET /api/v1/consultations/{id}/comments/{commentID}.
func (s *Server) apiGetComment(w http.ResponseWriter, r *http.Request) {
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	c, _, err := s.apiConsultationByID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	id := r.PathValue("commentID")
	if !agora.ValidID(id) {
		s.apiFail(w, r, agora.Errorf(agora.NotFound, "consultation.error.comment_not_found"))
		return
	}
	m, err := s.store.Comment(r.Context(), id)
	if err == nil && m.ConsultationID != c.ID {
		err = agora.Errorf(agora.NotFound, "consultation.error.comment_not_found")
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	answers, err := s.publishedAnswers(r, c)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSONTagged(w, r, s.commentView(m, answers))
}

// commentMembers are the members a new comment may carry.
var commentMembers = []string{"unit_key", "quote", "org_id", "body", "amendment"}

// decodeAPIComment reads a new comment's JSON body into the input the
// HTML form fills, with the form's validation; field errors name the
// JSON members.
func decodeAPIComment(r *http.Request) (agora.CommentInput, error) {
	b, err := readJSON(r, commentMembers)
	if err != nil {
		return agora.CommentInput{}, err
	}
	var in agora.CommentInput
	b.str("unit_key", &in.UnitKey)
	b.str("quote", &in.Quote)
	b.str("org_id", &in.OrgID)
	b.str("body", &in.Body)
	b.str("amendment", &in.Amendment)
	if err := b.err(); err != nil {
		return in, err
	}
	if in.OrgID != "" && !agora.ValidID(in.OrgID) {
		return in, agora.FieldError("org_id", "consultation.error.not_member", nil)
	}
	in, err = in.Validate()
	return in, apiCommentFields(err)
}

// apiCommentFields renames the form's field names to the JSON members.
func apiCommentFields(err error) error {
	return renameField(renameField(err, "unit", "unit_key"), "org", "org_id")
}

// apiCreateComment is POST /api/v1/consultations/{id}/comments. The
// Idempotency-Key header is required: the first response to a key is
// kept for a day and replayed to a retry with the same body; the same
// key with another body is refused. The comment itself carries the key,
// so two concurrent requests with one key still make one comment.
func (s *Server) apiCreateComment(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r, auth.CommentDraft, auth.Resource{}); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	idem, err := readIdempotent(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	userID := viewerFrom(r.Context()).ID
	if done, err := s.replayIdempotent(w, r, userID, idem); done || err != nil {
		if err != nil {
			s.apiFail(w, r, err)
		}
		return
	}
	c, _, err := s.apiConsultationByID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	in, err := decodeAPIComment(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	m, _, err := s.store.CreateComment(r.Context(), store.NewComment{ConsultationID: c.ID, AuthorID: userID, Input: in,
		ClientKey: "api:" + idem.key})
	if err != nil {
		s.apiCommentFail(w, r, apiCommentFields(err))
		return
	}
	s.finishIdempotent(w, r, userID, idem, http.StatusCreated, apiPrefix+"/consultations/"+c.ID+"/comments/"+m.ID, s.commentView(m, nil))
}

// apiCommentFail answers a refused comment. Comments after the deadline
// are a 409 problem that also gives the closing time as closes_at, so a
// program can tell its user when the consultation closed.
func (s *Server) apiCommentFail(w http.ResponseWriter, r *http.Request, err error) {
	e := agora.AsError(err)
	closed, ok := e.Args["closed"].(time.Time)
	if e.Key != "consultation.error.deadline_passed" || !ok {
		s.apiFail(w, r, err)
		return
	}
	lang := localeFrom(r.Context()).Lang
	s.writeJSONProblem(w, r, http.StatusConflict, struct {
		problem
		ClosesAt string `json:"closes_at"`
	}{s.problemOf(r, http.StatusConflict, e, s.cat.T(lang, e.Key, e.Args)), apiTime(closed)})
}
