package report

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

func seedStrings(f *testing.F) {
	for _, s := range []string{"", "=1+1", " -2", "@x", "\t=1", "\r\n=1", "ș ț ş ţ ą ł", "x\u0326", "\xff\xfe", "\u202eevil", "🇷🇴", "\uFFFE", "_x0041_", strings.Repeat("a", 40000)} {
		f.Add(s)
	}
}

func FuzzCellText(f *testing.F) {
	seedStrings(f)
	f.Fuzz(func(t *testing.T, s string) {
		got := cellText(s)
		if !utf8.ValidString(got) {
			t.Fatalf("cellText(%q) is not valid UTF-8", s)
		}
		if formulaLike(got) {
			t.Fatalf("cellText(%q) = %q still starts like a formula", s, got)
		}
		if n := len(utf16.Encode([]rune(got))); n > maxCellUnits {
			t.Fatalf("cellText(%q) has %d UTF-16 units", s, n)
		}
		if strings.ContainsAny(got, "\r\x00") {
			t.Fatalf("cellText(%q) = %q keeps CR or NUL", s, got)
		}
		if c := cleanText(s); !formulaLike(c) && len(c) <= maxCellUnits && got != c {
			t.Fatalf("cellText(%q) = %q changed a harmless text %q", s, got, c)
		}
	})
}

// FuzzSpreadsheetRoundTrip writes a text into the CSV and the XLSX and
// reads it back: both must return exactly cellText of it.
func FuzzSpreadsheetRoundTrip(f *testing.F) {
	seedStrings(f)
	f.Fuzz(func(t *testing.T, s string) {
		c := Consultation{Units: []UnitSection{{Label: s, Recommendations: []Recommendation{{Number: 1, Text: s, Author: s}}}}}
		want := cellText(s)
		var b bytes.Buffer
		if err := WriteCSV(&b, c); err != nil {
			t.Fatal(err)
		}
		rows := readCSV(t, b.Bytes())
		if len(rows) != 2 || rows[1][6] != want || rows[1][0] != want {
			t.Fatalf("CSV round trip of %q = %q, want %q", s, rows, want)
		}
		b.Reset()
		if err := WriteXLSX(&b, c); err != nil {
			t.Fatal(err)
		}
		x := openXLSX(t, b.Bytes())
		got, err := x.GetCellValue(x.GetSheetList()[0], "G2")
		if err != nil || got != want {
			t.Fatalf("XLSX round trip of %q = %q, %v; want %q", s, got, err, want)
		}
		if formula, _ := x.GetCellFormula(x.GetSheetList()[0], "G2"); formula != "" {
			t.Fatalf("XLSX cell holds formula %q", formula)
		}
	})
}

// FuzzWritePDF puts arbitrary text everywhere a report takes text; the
// PDF must be written without error or panic.
func FuzzWritePDF(f *testing.F) {
	seedStrings(f)
	f.Fuzz(func(t *testing.T, s string) {
		l := roLabels()
		l.Answer, l.Amendment, l.StatusNames = s, s, map[Status]string{Status(s): s}
		c := Consultation{
			Title: s, Authority: s, ActKind: s, Reference: s, URL: s, Lang: s, Summary: s, Exception: s,
			Units: []UnitSection{{Label: s, Text: s, Recommendations: []Recommendation{{
				Number: 1, Author: s, OnBehalfOf: s, Source: s, Text: s, Amendment: s,
				Status: Status(s), StatusLabel: s, Justification: s, GroupLabel: s,
			}}}},
			Debates: []Debate{{Place: s, Minutes: s}},
			Labels:  l,
		}
		if err := WritePDF(io.Discard, c); err != nil {
			t.Fatalf("WritePDF(%q): %v", s, err)
		}
		tr := Transparency{Authority: s, Lang: s, Rows: []Row{{Code: s, Label: s, Value: s, Note: s}}}
		if err := WriteTransparencyPDF(io.Discard, tr); err != nil {
			t.Fatalf("WriteTransparencyPDF(%q): %v", s, err)
		}
	})
}
