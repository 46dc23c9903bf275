package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"net/http"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

// download fetches a path and returns status, headers and body.
func (e *answerEnv) download(c *http.Client, path string) (int, http.Header, []byte) {
	e.t.Helper()
	if c == nil {
		c = e.client()
	}
	resp, err := c.Get(e.ts.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, resp.Header, b
}

// pdfText extracts a PDF's text with pdftotext (poppler-utils), with
// whitespace collapsed; the test is skipped where it is not installed.
func pdfText(t *testing.T, pdf []byte) string {
	t.Helper()
	bin, err := exec.LookPath("pdftotext")
	if err != nil {
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	f, err := os.CreateTemp(t.TempDir(), "*.pdf")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := f.Write(pdf); err != nil {
		t.Fatal(err)
	}
	f.Close()
	out, err := exec.Command(bin, "-enc", "UTF-8", f.Name(), "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	return strings.Join(strings.Fields(string(out)), " ")
}

const (
	xssBody     = `<script>document.body.remove()</script> Ştiu: ţară`
	formulaBody = `=HYPERLINK("http://evil.invalid","click") și încă ceva`
)

func TestReportPreviewAndPublication(t *testing.T) {
	t.Parallel()
	e := newAnswerEnv(t, agora.RO)
	participant := e.login(e.p1)
	// Before the answers are public: officers preview, others get 404.
	code, body := e.get(e.officer, e.path("report"))
	if code != http.StatusOK || !strings.Contains(body, "Previzualizare") || !strings.Contains(body, "Fără răspuns") {
		t.Fatalf("officer preview = %d\n%.3000s", code, body)
	}
	for _, p := range []string{e.path("report"), e.path("report", "pdf"), e.path("report", "csv")} {
		if code, _ := e.get(participant, p); code != http.StatusNotFound {
			t.Errorf("participant GET %s before publication = %d", p, code)
		}
	}
	if code, h, _ := e.download(e.officer, e.path("report", "pdf")); code != http.StatusOK || h.Get("Cache-Control") != "private, no-store" {
		t.Fatalf("officer PDF preview = %d %v", code, h)
	}
	if code, _ := e.post(e.officer, e.path("report", "publish"), nil); code != http.StatusConflict {
		t.Fatalf("report before answers = %d", code)
	}
	e.pastDeadline()
	e.answerAll()
	if code, _ := e.post(e.officer, e.path("answers", "publish"), nil); code != http.StatusSeeOther {
		t.Fatalf("publish answers = %d", code)
	}
	code, body = e.get(nil, e.path("report"))
	if code != http.StatusOK || !strings.Contains(body, "Termenul devine 20 de zile") || !strings.Contains(body, "răspuns comun cu nr. ") ||
		!strings.Contains(body, "Stowarzyszenie Łąka Żółta") || strings.Contains(body, "Previzualizare") {
		t.Fatalf("public report = %d\n%.4000s", code, body)
	}
	if code, _ := e.post(participant, e.path("report", "publish"), nil); code != http.StatusForbidden {
		t.Fatalf("participant publishes the report = %d", code)
	}
	if code, _ := e.post(e.officer, e.path("report", "publish"), nil); code != http.StatusSeeOther {
		t.Fatalf("publish report = %d", code)
	}
	c, _ := e.st.Consultation(context.Background(), e.c.ID)
	if c.State != agora.ConsultationReported || c.ReportedAt == nil {
		t.Fatalf("after the report: %+v", c)
	}
	if code, _ := e.get(nil, e.path("report", "docx")); code != http.StatusNotFound {
		t.Fatalf("unknown format = %d", code)
	}
}

func TestReportExports(t *testing.T) {
	t.Parallel()
	e := newAnswerEnv(t, agora.RO)
	ctx := context.Background()
	for _, body := range []string{xssBody, formulaBody} {
		cm, _, err := e.st.CreateComment(ctx, store.NewComment{ConsultationID: e.c.ID, AuthorID: e.p2.ID,
			Input: agora.CommentInput{UnitKey: "art-2", Body: body}})
		if err != nil {
			t.Fatal(err)
		}
		e.comments = append(e.comments, cm)
	}
	hidden, _, err := e.st.CreateComment(ctx, store.NewComment{ConsultationID: e.c.ID, AuthorID: e.p2.ID,
		Input: agora.CommentInput{UnitKey: "art-2", Body: "Un comentariu jignitor ascuns."}})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.HideComment(ctx, e.auth.Admin.ID, e.c.ID, hidden.ID, "Limbaj jignitor."); err != nil {
		t.Fatal(err)
	}
	e.pastDeadline()
	e.answerAll()
	if code, _ := e.answer(agora.AnswerNotApplicable, "", 3, 4); code != http.StatusSeeOther {
		t.Fatalf("answer = %d", code)
	}
	if code, _ := e.post(e.officer, e.path("answers", "publish"), nil); code != http.StatusSeeOther {
		t.Fatalf("publish answers = %d", code)
	}

	code, body := e.get(nil, e.path("report"))
	if code != http.StatusOK || strings.Contains(body, "Un comentariu jignitor") || !strings.Contains(body, "ascunsă de moderare") {
		t.Fatalf("report with a hidden comment = %d\n%.3000s", code, body)
	}
	assertInert(t, "report", body, []string{xssBody})
	if !strings.Contains(body, "&lt;script&gt;document.body.remove()&lt;/script&gt;") {
		t.Fatal("the script payload is not shown as text")
	}

	const slug = "proiect-de-hotarare-privind-transparenta"
	code, h, pdf := e.download(nil, e.path("report", "pdf"))
	if code != http.StatusOK || h.Get("Content-Type") != "application/pdf" ||
		h.Get("Content-Disposition") != `attachment; filename="`+slug+`.pdf"` || !bytes.HasPrefix(pdf, []byte("%PDF-")) {
		t.Fatalf("PDF = %d %v %.20q", code, h, pdf)
	}
	text := pdfText(t, pdf)
	for _, want := range []string{"Zażółć gęślą jaźń", "Łąka Żółta", "asociații", "Intrarea în vigoare", "șapte zile nu ajung",
		"<script>document.body.remove()</script>", "Proiect de hotărâre privind transparența", "Acceptată parțial"} {
		if !strings.Contains(text, want) {
			t.Errorf("PDF text lacks %q", want)
		}
	}
	if strings.Contains(text, "Un comentariu jignitor") {
		t.Error("PDF shows a hidden comment")
	}

	code, h, raw := e.download(nil, e.path("report", "csv"))
	if code != http.StatusOK || h.Get("Content-Type") != "text/csv; charset=utf-8" || h.Get("Content-Disposition") != `attachment; filename="`+slug+`.csv"` {
		t.Fatalf("CSV = %d %v", code, h)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	cells := map[string]bool{}
	for _, r := range rows {
		for _, c := range r {
			cells[c] = true
		}
	}
	if len(rows) != 6 || !cells["'"+formulaBody] || cells[formulaBody] || !cells[xssBody] || !cells["Zażółć gęślą jaźń: termin jest zbyt krótki."] {
		t.Fatalf("CSV rows %d:\n%q", len(rows), rows)
	}

	code, h, xb := e.download(nil, e.path("report", "xlsx"))
	if code != http.StatusOK || h.Get("Content-Type") != "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" ||
		h.Get("Content-Disposition") != `attachment; filename="`+slug+`.xlsx"` {
		t.Fatalf("XLSX = %d %v", code, h)
	}
	x, err := excelize.OpenReader(bytes.NewReader(xb))
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	found := map[string]bool{}
	for _, sheet := range x.GetSheetList() {
		rows, err := x.GetRows(sheet)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			for _, c := range r {
				found[c] = true
			}
		}
		// No cell of the workbook is a formula.
		for ri, r := range rows {
			for ci := range r {
				name, _ := excelize.CoordinatesToCellName(ci+1, ri+1)
				if f, _ := x.GetCellFormula(sheet, name); f != "" {
					t.Errorf("%s!%s holds the formula %q", sheet, name, f)
				}
			}
		}
	}
	if !found[xssBody] || found["Un comentariu jignitor ascuns."] || !(found["'"+formulaBody] || found[formulaBody]) {
		t.Fatalf("XLSX cells: %v", found)
	}
}
