package report

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// pdfToText runs poppler's pdftotext, which CI installs (poppler-utils).
func pdfToText(t *testing.T, pdf []byte) string {
	t.Helper()
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must install poppler-utils: pdftotext missing")
		}
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	dir := t.TempDir()
	in := filepath.Join(dir, "r.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", in, "-").CombinedOutput()
	if err != nil {
		t.Fatalf("pdftotext: %v\n%s", err, out)
	}
	return string(out)
}

func writePDF(t *testing.T, c Consultation) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := WritePDF(&buf, c); err != nil {
		t.Fatalf("WritePDF: %v", err)
	}
	keepPDF(t, buf.Bytes())
	return buf.Bytes()
}

// keepPDF saves a test's PDF in $REPORT_KEEP_PDF, to look at it.
func keepPDF(t *testing.T, b []byte) {
	if dir := os.Getenv("REPORT_KEEP_PDF"); dir != "" {
		_ = os.WriteFile(filepath.Join(dir, t.Name()+".pdf"), b, 0o600)
	}
}

func TestWritePDFText(t *testing.T) {
	c := sampleRO()
	text := pdfToText(t, writePDF(t, c))
	// pdftotext breaks lines where the PDF does; compare words.
	flat := strings.Join(strings.Fields(text), " ")
	for _, want := range []string{
		"Raport privind consultarea publică",
		"transparența", "județul", "Brașov", "hotărâre",
		"Asociația Științifică „Țara Bârsei”",
		"lucrătoare", "instituției",
		"<script>document.body.remove()</script>",
		"Ştiu", "sedilă", "ştampilă,", "ţară.",
		"Źródło:", "żółć,", "gęślą", "jaźń;", "ąęłńóśźż", "ĄĘŁŃÓŚŹŻ.",
		"Stowarzyszenie Łódź",
		"=HYPERLINK(\"http://evil.invalid\",\"click\")",
		"Acceptată parțial", "Respinsă",
		"Text propus (înlocuiește textul unității)",
		"Nicio recomandare la această unitate.",
		"Recomandări primite 3",
		"Sala mare, str. Eroilor 5",
		"03.03.2026",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	if !regexp.MustCompile(`1 ?/ ?2\s`).MatchString(text) || !regexp.MustCompile(`2 ?/ ?2\s`).MatchString(text) {
		t.Errorf("page numbers 1 / 2 and 2 / 2 missing")
	}
	if strings.Contains(text, "\uFFFD") {
		t.Errorf("pdftotext output has replacement characters")
	}
	// The unbroken word is cut across lines but comes back whole when
	// the line breaks are removed.
	joined := strings.ReplaceAll(text, "\n", "")
	if !strings.Contains(joined, strings.Repeat("Bardzodługiesłowobezspacji", 12)) {
		t.Errorf("long word lost")
	}
}

func TestWritePDFDeterministic(t *testing.T) {
	a, b := writePDF(t, sampleRO()), writePDF(t, sampleRO())
	if !bytes.Equal(a, b) {
		t.Fatalf("two renderings of the same report differ (%d and %d bytes)", len(a), len(b))
	}
}

// TestWritePDFMargins checks with pdftotext -bbox that no word of a
// report full of long unbroken strings crosses the page margins.
func TestWritePDFMargins(t *testing.T) {
	c := sampleRO()
	c.Units[0].Recommendations[0].Amendment = strings.Repeat("ășțîâ", 300)
	c.Units[0].Label = strings.Repeat("Art.", 80)
	c.Labels.CommentsClose = strings.Repeat("termen", 30)
	pdf := writePDF(t, c)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatal("CI must install poppler-utils: pdftotext missing")
		}
		t.Skip("pdftotext not installed (apt-get install poppler-utils)")
	}
	in := filepath.Join(t.TempDir(), "r.pdf")
	if err := os.WriteFile(in, pdf, 0o600); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-bbox", in, "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	const mmToPt = 72 / 25.4
	left, right := margin*mmToPt-0.5, (pageW-margin)*mmToPt+0.5
	words := regexp.MustCompile(`<word xMin="([\d.]+)" yMin="[\d.]+" xMax="([\d.]+)"`).FindAllStringSubmatch(string(out), -1)
	if len(words) < 100 {
		t.Fatalf("only %d words found", len(words))
	}
	for _, w := range words {
		var x0, x1 float64
		fmt.Sscan(w[1], &x0)
		fmt.Sscan(w[2], &x1)
		if x0 < left || x1 > right {
			t.Errorf("word spans %.1f–%.1f pt, outside the margins %.1f–%.1f", x0, x1, left, right)
		}
	}
}
