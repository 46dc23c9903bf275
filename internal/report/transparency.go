package report

import (
	"io"
	"strings"
	"time"
)

// Transparency is an authority's yearly report on decisional
// transparency (RO Law 52/2003 art. 13). Its rows cover at least the
// items the law lists: (a) recommendations received, (b) recommendations
// included in drafts or decisions, (c) participants in public meetings,
// (d) public debates held, (e) court cases for breaching the law, (f)
// the authority's own assessment of its partnership with citizens and
// associations, (g) meetings closed to the public and why. The caller
// computes what the data allows and takes the rest from the officer.
type Transparency struct {
	Authority   string
	Year        int
	GeneratedAt time.Time // also the PDF's creation date
	Lang        string    // BCP 47 tag of the labels
	Rows        []Row
	Labels      TransparencyLabels
}

// Row is one item of the yearly report.
type Row struct {
	// Code is the letter of art. 13 ("a" … "g"), or "" for an item the
	// authority adds.
	Code  string
	Label string
	// Value is a number or a text (the assessment, a list of closed
	// meetings with their reasons).
	Value string
	Note  string
	// Computed says the value comes from the platform's data rather than
	// from the officer.
	Computed bool
}

// TransparencyLabels are the translated headings of the yearly report.
type TransparencyLabels struct {
	Title       string // "Raport anual privind transparența decizională"
	Authority   string
	Year        string
	GeneratedAt string
	Law         string // the legal basis line, shown under the title
	Code        string // column names
	Item        string
	Value       string
	Note        string
	Origin      string
	Computed    string // "calculat din datele platformei"
	Entered     string // "completat de autoritate"
	Dates
}

func (r Row) origin(l TransparencyLabels) string {
	if r.Computed {
		return l.Computed
	}
	return l.Entered
}

// WriteTransparencyPDF writes the yearly report as an A4 PDF, one block
// per item, in the same style as the consultation report. It returns the
// writer's error, or an error if the PDF library fails.
func WriteTransparencyPDF(w io.Writer, t Transparency) error {
	l := t.Labels
	return render(w, func() (*doc, string) {
		title := joinNonEmpty(" ", l.Title, itoa(t.Year))
		d := newDoc(title, t.Authority, t.Lang, t.GeneratedAt)
		d.text(l.Title, true, sizeTitle, colorText, 0)
		d.space(1)
		d.text(t.Authority, false, 11, colorText, 0)
		d.text(l.Law, false, sizeSmall, colorMuted, 0)
		d.space(3)
		d.rule()
		d.space(2)
		d.table([][2]string{
			{l.Year, itoa(t.Year)},
			{l.GeneratedAt, l.format(t.GeneratedAt)},
		}, 50, 9)
		for _, r := range t.Rows {
			d.keep(22)
			d.space(2)
			head := r.Label
			if r.Code != "" {
				head = "(" + r.Code + ") " + r.Label
			}
			d.band(head)
			if len([]rune(strings.TrimSpace(r.Value))) <= 40 {
				d.text(r.Value, true, 11, colorText, 2) // a figure stands out
			} else {
				d.text(r.Value, false, sizeBody, colorText, 2)
			}
			d.text(r.Note, false, sizeBody, colorText, 2)
			d.text(r.origin(l), false, sizeSmall, colorMuted, 2)
		}
		return d, joinNonEmpty(" · ", t.Authority, title)
	})
}

// WriteTransparencyCSV writes the yearly report's items (authority, year,
// code, item, value, note, origin) as CSV with the same encoding and escaping as
// WriteCSV.
func WriteTransparencyCSV(w io.Writer, t Transparency) error {
	l := t.Labels
	header := []string{cellText(l.Authority), cellText(l.Year), cellText(l.Code), cellText(l.Item), cellText(l.Value), cellText(l.Note), cellText(l.Origin)}
	authority, year := cellText(t.Authority), itoa(t.Year)
	return writeCSV(w, header, func(emit func([]string) error) error {
		for _, r := range t.Rows {
			row := []string{authority, year, cellText(r.Code), cellText(r.Label), cellText(strings.TrimSpace(r.Value)), cellText(r.Note), cellText(r.origin(l))}
			if err := emit(row); err != nil {
				return err
			}
		}
		return nil
	})
}
