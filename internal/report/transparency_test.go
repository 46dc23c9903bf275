package report

import (
	"bytes"
	"strings"
	"testing"
	"time"
)

func sampleTransparency() Transparency {
	return Transparency{
		Authority:   "Primăria Municipiului Târgu Mureș",
		Year:        2025,
		GeneratedAt: time.Date(2026, 1, 15, 10, 0, 0, 0, bucharest),
		Lang:        "ro",
		Labels: TransparencyLabels{
			Title: "Raport anual privind transparența decizională", Authority: "Autoritatea", Year: "Anul",
			GeneratedAt: "Generat la", Law: "Legea nr. 52/2003, art. 13",
			Code: "Litera", Item: "Indicator", Value: "Valoare", Note: "Observații", Origin: "Proveniență",
			Computed: "calculat din datele platformei", Entered: "completat de autoritate",
			Dates: Dates{Layout: "02.01.2006"},
		},
		Rows: []Row{
			{Code: "a", Label: "Numărul total al recomandărilor primite", Value: "214", Computed: true},
			{Code: "b", Label: "Numărul total al recomandărilor incluse în proiectele de acte normative", Value: "87", Computed: true},
			{Code: "c", Label: "Numărul participanților la ședințele publice", Value: "356", Computed: true},
			{Code: "d", Label: "Numărul dezbaterilor publice organizate", Value: "9", Computed: true},
			{Code: "e", Label: "Numărul acțiunilor în justiție pentru nerespectarea legii", Value: "0", Note: "Nicio acțiune înregistrată."},
			{Code: "f", Label: "Evaluarea proprie a parteneriatului cu cetățenii și asociațiile", Value: "Colaborare bună; ședințele au fost transmise online."},
			{Code: "g", Label: "Ședințele care nu au fost publice și motivele", Value: "=2 ședințe: informații clasificate (art. 6 alin. (4))."},
		},
	}
}

func TestWriteTransparencyPDF(t *testing.T) {
	tr := sampleTransparency()
	var buf bytes.Buffer
	if err := WriteTransparencyPDF(&buf, tr); err != nil {
		t.Fatal(err)
	}
	keepPDF(t, buf.Bytes())
	flat := strings.Join(strings.Fields(pdfToText(t, buf.Bytes())), " ")
	for _, want := range []string{
		"Raport anual privind transparența decizională", "Primăria Municipiului Târgu Mureș",
		"(a) Numărul total al recomandărilor primite", "214",
		"(g) Ședințele care nu au fost publice și motivele",
		"=2 ședințe: informații clasificate (art. 6 alin. (4)).",
		"calculat din datele platformei", "completat de autoritate", "15.01.2026",
	} {
		if !strings.Contains(flat, want) {
			t.Errorf("pdftotext output lacks %q", want)
		}
	}
}

func TestWriteTransparencyCSV(t *testing.T) {
	var buf bytes.Buffer
	if err := WriteTransparencyCSV(&buf, sampleTransparency()); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, buf.Bytes())
	if len(rows) != 8 {
		t.Fatalf("%d rows, want a header and 7", len(rows))
	}
	if got := strings.Join(rows[0], "|"); got != "Autoritatea|Anul|Litera|Indicator|Valoare|Observații|Proveniență" {
		t.Errorf("header = %q", got)
	}
	if got := strings.Join(rows[1], "|"); got != "Primăria Municipiului Târgu Mureș|2025|a|Numărul total al recomandărilor primite|214||calculat din datele platformei" {
		t.Errorf("row a = %q", got)
	}
	if got := rows[7][4]; got != "'=2 ședințe: informații clasificate (art. 6 alin. (4))." {
		t.Errorf("row g value = %q, want the formula defused", got)
	}
}
