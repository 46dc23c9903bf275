package web

import (
	"net/http"
	"path"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// minutesKinds are the documents minutes may be uploaded as.
var minutesKinds = map[string]bool{".pdf": true, ".odt": true, ".docx": true, ".txt": true}

// minutesData is the officer's minutes form: the debate, the
// recommendations already linked and those registered from a debate that
// may still be linked.
type minutesData struct {
	debateView
	Unlinked []debateComment
	Checked  map[string]bool
}

func (s *Server) minutesData(r *http.Request, cc consultationCtx, checked map[string]bool) (minutesData, error) {
	p, err := s.store.DebatePage(r.Context(), cc.C.ID, r.PathValue("debateID"), "", true)
	if err != nil {
		return minutesData{}, err
	}
	d := minutesData{debateView: s.debateView(cc, p), Checked: checked}
	for _, c := range p.Unlinked {
		d.Unlinked = append(d.Unlinked, debateComment{ID: c.ID, Author: c.AuthorName, Unit: c.UnitKey, Body: c.Body, Hidden: c.Hidden})
	}
	return d, nil
}

// minutesForm serves GET …/debates/{debateID}/minutes (officers).
func (s *Server) minutesForm(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	d, err := s.minutesData(r, cc, nil)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.page(r, d)
	p.Form = &Form{Values: map[string]string{"summary": d.D.Minutes, "participants": strconv.Itoa(d.D.Participants)}, Errors: map[string]string{}}
	s.render(w, r, http.StatusOK, "consultation/debate_minutes", p)
}

// saveMinutes serves POST …/debates/{debateID}/minutes: the minutes
// document and/or summary, the participants counted, and the
// recommendations raised at the debate.
func (s *Server) saveMinutes(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseUploadForm(w, r, maxAttachmentBytes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	debateID := r.PathValue("debateID")
	in := store.DebateMinutes{ConsultationID: cc.C.ID, DebateID: debateID, Summary: f.Get("summary"), CommentIDs: r.PostForm["comments"]}
	var es agora.Errs
	if v := strings.TrimSpace(f.Get("participants")); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || !isDigits(v) {
			es.Add("participants", "field.invalid_number", nil)
		}
		in.Participants = n
	}
	if fh := uploadedFile(r, "minutes_file"); fh != nil {
		in.File, err = readMinutesFile(r, fh.Filename)
		if err != nil {
			es = append(es, agora.FieldErrors(err)...)
			if len(agora.FieldErrors(err)) == 0 {
				s.fail(w, r, err)
				return
			}
		}
	}
	err = es.Err()
	if err == nil {
		_, err = s.store.RecordDebateMinutes(r.Context(), cc.Actor.User.ID, in)
	}
	if err == nil {
		s.redirect(w, r, consultationPath(cc.C.ID, "debates", debateID), "consultation_debate.flash.minutes_saved")
		return
	}
	checked := map[string]bool{}
	for _, id := range in.CommentIDs {
		checked[id] = true
	}
	d, derr := s.minutesData(r, cc, checked)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	s.renderForm(w, r, "consultation/debate_minutes", f, err, d)
}

// readMinutesFile reads the uploaded minutes: PDF, ODT, DOCX or plain
// text whose bytes match the extension.
func readMinutesFile(r *http.Request, name string) (*store.MinutesFile, error) {
	if !minutesKinds[strings.ToLower(path.Ext(name))] {
		return nil, agora.FieldError("minutes_file", "consultation_debate.error.file_type", nil)
	}
	data, err := readUpload(uploadedFile(r, "minutes_file"), "minutes_file", maxAttachmentBytes)
	if err != nil {
		return nil, err
	}
	ct, err := classifyUpload(name, data, "minutes_file")
	if err != nil {
		return nil, err
	}
	return &store.MinutesFile{Name: safeFileName(name), ContentType: ct, Data: data}, nil
}
