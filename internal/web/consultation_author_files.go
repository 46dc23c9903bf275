package web

import (
	"archive/zip"
	"bytes"
	"mime"
	"net/http"
	"path"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// uploadKinds are the documents a consultation accepts, by extension,
// with the type they are served as. The bytes must match the extension
// (classifyUpload), so a script renamed to .pdf is refused.
var uploadKinds = map[string]string{
	".pdf":  "application/pdf",
	".doc":  "application/msword",
	".docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
	".odt":  "application/vnd.oasis.opendocument.text",
	".xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	".ods":  "application/vnd.oasis.opendocument.spreadsheet",
	".txt":  "text/plain; charset=utf-8",
	".png":  "image/png",
	".jpg":  "image/jpeg",
	".jpeg": "image/jpeg",
}

// classifyUpload returns the content type a file is stored and served
// with, after checking that its bytes are what its extension says:
// sniffed signatures for PDF and images, the OLE2 header for .doc, the
// parts an office zip must hold for OOXML and OpenDocument, and UTF-8
// without NULs for text. Invalid (field) otherwise.
func classifyUpload(name string, data []byte, field string) (string, error) {
	ext := strings.ToLower(path.Ext(name))
	ct, ok := uploadKinds[ext]
	if !ok {
		return "", agora.FieldError(field, "consultation_author.error.file_type", nil)
	}
	if len(data) == 0 {
		return "", agora.FieldError(field, "consultation_author.error.file_empty", nil)
	}
	sniffed := http.DetectContentType(data)
	match := false
	switch ext {
	case ".pdf", ".png", ".jpg", ".jpeg":
		match = strings.HasPrefix(ct, sniffed)
	case ".doc":
		match = bytes.HasPrefix(data, []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1})
	case ".docx":
		match = zipHas(data, "word/document.xml", "")
	case ".xlsx":
		match = zipHas(data, "xl/workbook.xml", "")
	case ".odt", ".ods":
		match = zipHas(data, "mimetype", ct)
	case ".txt":
		match = utf8.Valid(data) && !bytes.ContainsRune(data, 0)
	}
	if !match {
		return "", agora.FieldError(field, "consultation_author.error.file_mismatch", nil)
	}
	return ct, nil
}

// zipHas reports whether data is a zip archive with the entry name,
// whose content is want when want is not empty (the OpenDocument
// "mimetype" entry).
func zipHas(data []byte, name, want string) bool {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return false
	}
	for _, f := range zr.File {
		if f.Name != name {
			continue
		}
		if want == "" {
			return true
		}
		if f.UncompressedSize64 > 200 {
			return false
		}
		rc, err := f.Open()
		if err != nil {
			return false
		}
		var b bytes.Buffer
		_, err = b.ReadFrom(rc)
		rc.Close()
		return err == nil && b.String() == want
	}
	return false
}

// safeFileName keeps a file name readable and harmless: the base name
// only, letters, digits and a few marks, at most 100 characters, with
// its extension kept.
func safeFileName(name string) string {
	name = path.Base(strings.ReplaceAll(name, "\\", "/"))
	ext := strings.ToLower(path.Ext(name))
	stem := strings.TrimSuffix(name, path.Ext(name))
	var b strings.Builder
	n := 0
	for _, r := range stem {
		if n >= 100 {
			break
		}
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || r == '-' || r == '_' || r == '.':
			b.WriteRune(r)
		case r == ' ' && b.Len() > 0:
			b.WriteRune(r)
		default:
			b.WriteRune('_')
		}
		n++
	}
	stem = strings.Trim(b.String(), " .")
	if stem == "" {
		stem = "file"
	}
	return stem + ext
}

// addConsultationFile stores an attachment of the authority.
func (s *Server) addConsultationFile(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	back := consultationPath(cc.C.ID, "edit")
	if _, err := s.parseUploadForm(w, r, maxAttachmentBytes); err != nil {
		s.fail(w, r, err)
		return
	}
	if err := s.storeAttachment(r, cc.C); err != nil {
		s.renderEditForm(w, r, cc.C, err)
		return
	}
	s.redirect(w, r, back+"#files", "consultation_author.flash.file_added")
}

func (s *Server) storeAttachment(r *http.Request, c agora.Consultation) error {
	fh := uploadedFile(r, "attachment")
	if fh == nil {
		return agora.FieldError("attachment", "consultation_author.error.file_required", nil)
	}
	data, err := readUpload(fh, "attachment", maxAttachmentBytes)
	if err != nil {
		return err
	}
	ct, err := classifyUpload(fh.Filename, data, "attachment")
	if err != nil {
		return err
	}
	_, err = s.store.AddConsultationFile(r.Context(), store.NewConsultationFile{ConsultationID: c.ID, Purpose: store.FileAttachment,
		Name: safeFileName(fh.Filename), ContentType: ct, UploadedBy: viewerFrom(r.Context()).ID, Data: data})
	return err
}

// serveConsultationFile sends a file as a download. Files of a draft are
// its officers' only (loadConsultation hides drafts); files of a hidden
// comment only its authority's officers and moderators may fetch.
func (s *Server) serveConsultationFile(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ViewPublic)
	if !ok {
		return
	}
	f, err := s.store.ConsultationFileData(r.Context(), cc.C.ID, r.PathValue("fileID"))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if f.CommentHidden && !cc.Officer && auth.Allow(cc.Actor, auth.Moderate, auth.Resource{}) != nil {
		s.fail(w, r, agora.Errorf(agora.NotFound, "consultation_author.error.file_not_found"))
		return
	}
	h := w.Header()
	h.Set("Content-Type", f.ContentType)
	h.Set("Content-Length", strconv.Itoa(len(f.Data)))
	h.Set("Content-Disposition", mime.FormatMediaType("attachment", map[string]string{"filename": safeFileName(f.Name)}))
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("ETag", `"`+f.SHA256+`"`)
	if cc.C.State == agora.ConsultationDraft || f.CommentHidden {
		h.Set("Cache-Control", "private, no-store")
	} else {
		h.Set("Cache-Control", "public, max-age=3600")
	}
	if r.Header.Get("If-None-Match") == `"`+f.SHA256+`"` {
		w.WriteHeader(http.StatusNotModified)
		return
	}
	_, _ = w.Write(f.Data)
}

// deleteConsultationFile removes an attachment while the consultation
// is a draft.
func (s *Server) deleteConsultationFile(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	if err := s.store.DeleteConsultationFile(r.Context(), viewerFrom(r.Context()).ID, cc.C.ID, r.PathValue("fileID")); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, consultationPath(cc.C.ID, "edit")+"#files", "consultation_author.flash.file_deleted")
}
