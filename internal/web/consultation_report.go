package web

import (
	"bytes"
	"io"
	"net/http"
	"strconv"
	"strings"
	"unicode"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/report"
)

// reportFormats are the downloads of a consultation report.
var reportFormats = map[string]struct {
	contentType string
	write       func(io.Writer, report.Consultation) error
}{
	"pdf":  {"application/pdf", report.WritePDF},
	"csv":  {"text/csv; charset=utf-8", report.WriteCSV},
	"xlsx": {"application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", report.WriteXLSX},
}

type reportData struct {
	C         agora.Consultation
	R         report.Consultation
	Hidden    int
	Officer   bool
	Public    bool // the answers are published: anyone may read it
	Published bool // the report itself is published
	Formats   []orgOption
	Totals    []reportTotal
}

// reportTotal is one line of the totals table.
type reportTotal struct {
	Label string
	N     int
}

// loadReport reads the consultation and its report model. The report is
// public once the answers are; before that only the authority's officers
// see it, as a preview.
func (s *Server) loadReport(w http.ResponseWriter, r *http.Request) (reportData, bool) {
	cc, ok := s.loadConsultation(w, r, auth.ViewPublic)
	if !ok {
		return reportData{}, false
	}
	if !answersPublic(cc.C) && !cc.Officer {
		s.fail(w, r, agora.Errorf(agora.NotFound, "consultation_answer.error.report_not_ready"))
		return reportData{}, false
	}
	rec, err := s.store.ConsultationRecord(r.Context(), cc.C.ID)
	if err != nil {
		s.fail(w, r, err)
		return reportData{}, false
	}
	m, hidden := s.reportModel(cc.Lang, rec)
	d := reportData{C: rec.Consultation, R: m, Hidden: hidden, Officer: cc.Officer, Public: answersPublic(rec.Consultation),
		Published: rec.Consultation.ReportedAt != nil}
	for _, f := range []struct{ value, key string }{{"pdf", "consultation_answer.report.download_pdf"},
		{"csv", "consultation_answer.report.download_csv"}, {"xlsx", "consultation_answer.report.download_xlsx"}} {
		d.Formats = append(d.Formats, orgOption{Value: f.value, Label: s.cat.T(cc.Lang, f.key, nil)})
	}
	l, t := m.Labels, m.Totals
	d.Totals = append(d.Totals, reportTotal{l.TotalRecommendations, t.Recommendations})
	for _, st := range report.Statuses() {
		if n := t.ByStatus(st); n > 0 || st != report.StatusUnanswered {
			d.Totals = append(d.Totals, reportTotal{l.StatusNames[st], n})
		}
	}
	d.Totals = append(d.Totals, reportTotal{l.Participants, t.Participants}, reportTotal{l.Organisations, t.Organisations})
	return d, true
}

// showReport is the consultation report as a page.
func (s *Server) showReport(w http.ResponseWriter, r *http.Request) {
	d, ok := s.loadReport(w, r)
	if !ok {
		return
	}
	s.render(w, r, http.StatusOK, "consultation/report", d)
}

// downloadReport writes the report as PDF, CSV or XLSX, named after the
// consultation's title.
func (s *Server) downloadReport(w http.ResponseWriter, r *http.Request) {
	format := r.PathValue("format")
	f, known := reportFormats[format]
	if !known {
		s.fail(w, r, agora.Errorf(agora.NotFound, "consultation_answer.error.format"))
		return
	}
	d, ok := s.loadReport(w, r)
	if !ok {
		return
	}
	var buf bytes.Buffer
	if err := f.write(&buf, d.R); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, f.contentType, fileSlug(d.C.Title, "report")+"."+format, buf.Bytes(), !d.Public)
}

// sendFile writes a generated download. Private previews are not cached.
func sendFile(w http.ResponseWriter, contentType, name string, data []byte, private bool) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+name+`"`)
	h.Set("Content-Length", strconv.Itoa(len(data)))
	if private {
		h.Set("Cache-Control", "private, no-store")
	}
	w.WriteHeader(http.StatusOK)
	_, _ = w.Write(data)
}

// fileSlug makes a file name from a title: folded to ASCII letters and
// digits joined by hyphens, at most 80 characters ("Proiect de hotărâre"
// → "proiect-de-hotarare"); fallback when nothing is left.
func fileSlug(title, fallback string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(agora.Fold(title)) {
		switch {
		case r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)):
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
		default:
			dash = true
		}
		if b.Len() >= 80 {
			break
		}
	}
	slug := b.String()
	if len(slug) > 80 { // the hyphen before the last word may overshoot
		slug = slug[:80]
	}
	if slug = strings.Trim(slug, "-"); slug == "" {
		return fallback
	}
	return slug
}

// publishReport publishes the report once the answers are public.
func (s *Server) publishReport(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	if _, err := s.store.PublishReport(r.Context(), viewerFrom(r.Context()).ID, cc.C.ID); err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, consultationPath(cc.C.ID, "report"), "consultation_answer.flash.report_published")
}
