package web

import (
	"bytes"
	"errors"
	"io"
	"mime/multipart"
	"net/http"
	"path"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/draft"
	"github.com/agora-civic/agora/internal/i18n"
)

// Upload limits. A body carries one file and the form's text fields, so
// it may exceed the file's limit by a little.
const (
	maxAttachmentBytes  = 10 << 20
	maxDraftUploadBytes = draft.DefaultAKNMaxBytes
	uploadOverheadBytes = 1 << 20
)

// Source formats recorded with a version of the text.
const (
	formatText     = "text"
	formatMarkdown = "markdown"
	formatAKN      = "akn"
)

// parseUploadForm reads a form that may carry a file of up to limit
// bytes. Larger bodies are refused with error.body_too_large.
func (s *Server) parseUploadForm(w http.ResponseWriter, r *http.Request, limit int64) (*Form, error) {
	r.Body = uploadBody{http.MaxBytesReader(w, r.Body, limit+uploadOverheadBytes)}
	return s.parseForm(r)
}

// uploadedFile returns the file of a multipart field, nil when none was
// chosen (browsers send an empty part for an empty file input).
func uploadedFile(r *http.Request, field string) *multipart.FileHeader {
	if r.MultipartForm == nil {
		return nil
	}
	fs := r.MultipartForm.File[field]
	if len(fs) == 0 || (fs[0].Size == 0 && fs[0].Filename == "") {
		return nil
	}
	return fs[0]
}

// readUpload reads a whole uploaded file, refusing more than limit bytes
// with a field error that names the limit in MB.
func readUpload(fh *multipart.FileHeader, field string, limit int64) ([]byte, error) {
	if fh.Size > limit {
		return nil, agora.FieldError(field, "consultation_author.error.file_too_large", map[string]any{"max": int(limit >> 20)})
	}
	f, err := fh.Open()
	if err != nil {
		return nil, err
	}
	defer f.Close()
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, err
	}
	if int64(len(data)) > limit {
		return nil, agora.FieldError(field, "consultation_author.error.file_too_large", map[string]any{"max": int(limit >> 20)})
	}
	return data, nil
}

// draftFromForm parses the draft text of a form: the uploaded file
// ("file": .txt, .md or Akoma Ntoso .xml) when one was chosen, else the
// pasted text ("text"). A parser's error keeps its key and its Args
// (line, column, element) and is put on the field it came from.
func (s *Server) draftFromForm(r *http.Request, f *Form, country agora.Country) ([]agora.Unit, string, error) {
	lang := strings.ToLower(string(country))
	if fh := uploadedFile(r, "file"); fh != nil {
		ext := strings.ToLower(path.Ext(fh.Filename))
		if ext != ".txt" && ext != ".md" && ext != ".xml" {
			return nil, "", agora.FieldError("file", "consultation_author.error.draft_file_type", nil)
		}
		data, err := readUpload(fh, "file", maxDraftUploadBytes)
		if err != nil {
			return nil, "", err
		}
		if ext == ".xml" {
			units, _, err := draft.ParseAKN(bytes.NewReader(data), draft.Limits{})
			return units, formatAKN, onField(err, "file")
		}
		format := formatText
		if ext == ".md" {
			format = formatMarkdown
		}
		units, err := draft.ParseText(bytes.NewReader(data), draft.Options{Country: lang})
		return units, format, onField(err, "file")
	}
	if strings.TrimSpace(f.Get("text")) == "" {
		return nil, "", agora.FieldError("text", "consultation_author.error.text_required", nil)
	}
	units, err := draft.ParseText(strings.NewReader(f.Get("text")), draft.Options{Country: lang})
	return units, formatText, onField(err, "text")
}

// onField puts an Invalid error without a field on field, so the form
// shows it beside the input; other errors pass as they are.
func onField(err error, field string) error {
	var e *agora.Error
	if err == nil || !errors.As(err, &e) || e.Kind != agora.Invalid {
		return err
	}
	if fields := agora.FieldErrors(err); len(fields) > 1 {
		out := make(agora.Errs, len(fields))
		for i, fe := range fields {
			c := *fe
			c.Field = field
			out[i] = &c
		}
		return out.Err()
	}
	c := *e
	c.Field = field
	return &c
}

// draftTextData feeds consultation/author_text.
type draftTextData struct {
	C       agora.Consultation
	Draft   bool
	Format  string
	Outline []outlineRow
	Units   int
}

// outlineRow is one unit as the officer checks the parsed structure.
type outlineRow struct {
	Kind    string
	Label   string
	Key     string
	Heading string
	Text    string
	Depth   int
}

func (s *Server) draftTextData(r *http.Request, c agora.Consultation) (draftTextData, string, error) {
	lang := localeFrom(r.Context()).Lang
	d := draftTextData{C: c, Draft: c.State == agora.ConsultationDraft}
	units, err := s.store.ConsultationUnits(r.Context(), c.ID, c.Version)
	if err != nil {
		return d, "", err
	}
	if d.Format, err = s.store.ConsultationSourceFormat(r.Context(), c.ID, c.Version); err != nil {
		return d, "", err
	}
	plain := make([]agora.Unit, len(units))
	for i, u := range units {
		plain[i] = u.Unit
		d.Outline = append(d.Outline, outlineRow{Kind: s.cat.T(lang, i18n.Prefix("consultation_author.text.kind.")+string(u.Kind), nil),
			Label: s.unitLabel(lang, u.Unit), Key: u.Key, Heading: u.Heading, Text: u.Text, Depth: u.Depth})
	}
	d.Units = len(units)
	return d, draft.Format(plain, strings.ToLower(string(c.Country))), nil
}

// showDraftText shows the parsed structure of the draft and, while it is
// a draft, the text as Format writes it for correction.
func (s *Server) showDraftText(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	d, text, err := s.draftTextData(r, cc.C)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.page(r, d)
	p.Form = &Form{Values: map[string]string{"text": text}, Errors: map[string]string{}}
	s.render(w, r, http.StatusOK, "consultation/author_text", p)
}

// replaceDraftText re-parses corrected text or a new file and replaces
// the draft's text. Nothing changes when parsing fails.
func (s *Server) replaceDraftText(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	if cc.C.State != agora.ConsultationDraft {
		s.fail(w, r, agora.Errorf(agora.Conflict, "consultation.error.not_draft"))
		return
	}
	f, err := s.parseUploadForm(w, r, maxDraftUploadBytes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	units, format, err := s.draftFromForm(r, f, cc.C.Country)
	if err == nil {
		if err = s.store.ReplaceDraftText(r.Context(), viewerFrom(r.Context()).ID, cc.C.ID, units, format); err == nil {
			s.redirect(w, r, consultationPath(cc.C.ID, "text"), "consultation_author.flash.text_replaced")
			return
		}
	}
	d, _, derr := s.draftTextData(r, cc.C)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	s.renderForm(w, r, "consultation/author_text", f, err, d)
}
