package report

import (
	"bytes"
	"encoding/json"
	"os"
	"strings"
	"testing"
	"unicode/utf8"
)

const badInputDir = "../../../shared/data/bad-input"

// badInputs returns every string of the shared bad-input set plus the
// invalid UTF-8 file, or skips when the data is not there.
func badInputs(t testing.TB) []string {
	t.Helper()
	raw, err := os.ReadFile(badInputDir + "/payloads.json")
	if err != nil {
		t.Skipf("bad-input data: %v", err)
	}
	var sets map[string][]string
	if err := json.Unmarshal(raw, &sets); err != nil {
		t.Fatal(err)
	}
	var all []string
	for _, k := range []string{"xss", "sqli_and_search_syntax", "unicode_and_edge"} {
		all = append(all, sets[k]...)
	}
	if bin, err := os.ReadFile(badInputDir + "/invalid-utf8.bin"); err == nil {
		all = append(all, string(bin))
	}
	return all
}

// badReport puts every payload in every text field of a report.
func badReport(payloads []string) Consultation {
	c := sampleRO()
	u := UnitSection{Label: "Art. 99", Text: strings.Join(payloads, "\n")}
	for i, p := range payloads {
		u.Recommendations = append(u.Recommendations, Recommendation{
			Number: i + 1, Author: p, OnBehalfOf: p, Source: p, Text: p, Amendment: p,
			Status: Status(p), StatusLabel: p, Justification: p, GroupLabel: p,
		})
	}
	c.Units = append(c.Units, u)
	c.Title, c.Summary, c.Exception = payloads[0], strings.Join(payloads, " "), payloads[len(payloads)-1]
	return c
}

func TestBadInputPDF(t *testing.T) {
	payloads := badInputs(t)
	text := pdfToText(t, writePDF(t, badReport(payloads)))
	flat := strings.Join(strings.Fields(text), " ")
	var xss []string
	raw, _ := os.ReadFile(badInputDir + "/payloads.json")
	var sets map[string][]string
	_ = json.Unmarshal(raw, &sets)
	xss = sets["xss"]
	for _, p := range xss {
		// Every script payload is printed as the text it is.
		if want := strings.Join(strings.Fields(p), " "); !strings.Contains(flat, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
	for _, want := range []string{"Ș ș Ț ț vs Ş ş Ţ ţ", "ă â î ș ț Ă Â Î Ș Ț", "ą ć ę ł ń ó ś ź ż Ą Ć Ę Ł Ń Ó Ś Ź Ż", "ș ț (combining comma below)", "ş ţ (combining cedilla)"} {
		if !strings.Contains(flat, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
}

func TestBadInputSpreadsheets(t *testing.T) {
	payloads := badInputs(t)
	c := badReport(payloads)
	var csvBuf, xlsxBuf bytes.Buffer
	if err := WriteCSV(&csvBuf, c); err != nil {
		t.Fatal(err)
	}
	if err := WriteXLSX(&xlsxBuf, c); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, csvBuf.Bytes())
	x := openXLSX(t, xlsxBuf.Bytes())
	sheet := x.GetSheetList()[0]
	xrows, err := x.GetRows(sheet)
	if err != nil {
		t.Fatal(err)
	}
	first := len(rows) - len(payloads)
	for i, p := range payloads {
		want := cellText(p)
		if formulaLike(want) || !utf8.ValidString(want) {
			t.Errorf("cellText(%q) = %q, still a formula or invalid", p, want)
		}
		// CSV readers turn CRLF inside a cell into LF, as cellText does.
		if got := rows[first+i][6]; got != want {
			t.Errorf("CSV text of payload %d = %q, want %q", i, got, want)
		}
		xr := xrows[first+i]
		if len(xr) > 6 && xr[6] != want || len(xr) <= 6 && want != "" {
			t.Errorf("XLSX text of payload %d = %q, want %q", i, xr, want)
		}
	}
}
