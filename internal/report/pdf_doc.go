package report

import (
	"fmt"
	"io"
	"strings"
	"time"

	"github.com/go-pdf/fpdf"
)

// Page geometry, in millimetres on A4.
const (
	pageW        = 210.0
	pageH        = 297.0
	margin       = 18.0
	bottomMargin = 20.0 // leaves room for the footer
	textW        = pageW - 2*margin
	footerY      = pageH - 12.0
)

type rgb struct{ r, g, b int }

var (
	colorText   = rgb{33, 33, 33}
	colorMuted  = rgb{90, 90, 90}
	colorRule   = rgb{190, 190, 190}
	colorBand   = rgb{232, 236, 241}
	colorAmend  = rgb{230, 244, 234}
	colorNotice = rgb{255, 243, 205}
)

// doc wraps fpdf with the few layout moves the reports need. Every
// string goes through pdfText on its way in.
type doc struct {
	f *fpdf.Fpdf
}

// newDoc starts an A4 document whose metadata depends only on its
// arguments: the creation date is the report's date, not the clock, and
// the catalogue is sorted, so the same report gives the same bytes.
func newDoc(title, author, lang string, created time.Time) *doc {
	f := fpdf.New("P", "mm", "A4", "")
	f.SetMargins(margin, margin, margin)
	f.SetAutoPageBreak(true, bottomMargin)
	f.SetCatalogSort(true)
	if created.IsZero() {
		created = time.Unix(0, 0).UTC()
	}
	// fpdf writes the date without a zone, so it must be UTC.
	f.SetCreationDate(created.UTC())
	f.SetModificationDate(created.UTC())
	f.SetTitle(pdfText(oneLine(title)), true)
	f.SetAuthor(pdfText(oneLine(author)), true)
	f.SetCreator("agora", true)
	f.SetProducer("agora", true)
	if validLang(lang) {
		f.SetLang(lang)
	}
	addFonts(f)
	f.AddPage()
	return &doc{f: f}
}

// validLang accepts BCP 47-shaped tags only: fpdf writes the language
// into the PDF catalogue without escaping.
func validLang(s string) bool {
	if s == "" || len(s) > 35 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-') {
			return false
		}
	}
	return true
}

func oneLine(s string) string { return strings.Join(strings.Fields(s), " ") }

func (d *doc) font(bold bool, size float64, c rgb) {
	style := ""
	if bold {
		style = "B"
	}
	d.f.SetFont(fontFamily, style, size)
	d.f.SetTextColor(c.r, c.g, c.b)
}

// lineHeight is the leading for a font size in points, in millimetres.
func lineHeight(size float64) float64 { return size * 0.3528 * 1.35 }

// text writes a wrapped paragraph at the current position, indented by
// indent millimetres; fpdf's MultiCell breaks long words by character,
// so nothing runs past the margin.
func (d *doc) text(s string, bold bool, size float64, c rgb, indent float64) {
	s = pdfText(s)
	if strings.TrimSpace(s) == "" {
		return
	}
	d.font(bold, size, c)
	d.f.SetX(margin + indent)
	d.f.MultiCell(textW-indent, lineHeight(size), s, "", "L", false)
}

// boxed writes a paragraph on a coloured background, for amendments and
// the emergency justification.
func (d *doc) boxed(s string, size float64, bg rgb, indent float64) {
	s = pdfText(s)
	if strings.TrimSpace(s) == "" {
		return
	}
	d.font(false, size, colorText)
	d.f.SetFillColor(bg.r, bg.g, bg.b)
	d.f.SetX(margin + indent)
	d.f.MultiCell(textW-indent, lineHeight(size), s, "", "L", true)
}

func (d *doc) space(mm float64) { d.f.Ln(mm) }

// keep starts a new page when less than mm is left, so a heading is not
// stranded at the bottom of a page.
func (d *doc) keep(mm float64) {
	if d.f.GetY()+mm > pageH-bottomMargin {
		d.f.AddPage()
	}
}

// rule draws a hairline across the text width at the current position.
func (d *doc) rule() {
	d.f.SetDrawColor(colorRule.r, colorRule.g, colorRule.b)
	d.f.SetLineWidth(0.2)
	y := d.f.GetY()
	d.f.Line(margin, y, pageW-margin, y)
}

func (d *doc) heading(s string, size float64) {
	if strings.TrimSpace(s) == "" {
		return
	}
	d.keep(25)
	d.space(2)
	d.text(s, true, size, colorText, 0)
	d.space(1)
}

// band is a full-width heading on a tinted background (a unit's label).
func (d *doc) band(s string) {
	s = pdfText(s)
	d.keep(25)
	d.font(true, 11, colorText)
	d.f.SetFillColor(colorBand.r, colorBand.g, colorBand.b)
	d.f.SetX(margin)
	d.f.MultiCell(textW, 7, s, "", "L", true)
	d.space(1.5)
}

// table writes label/value rows in two columns with a light grid. A row
// is kept on one page; one too tall for any page is stacked instead.
func (d *doc) table(rows [][2]string, labelW float64, size float64) {
	valueW := textW - labelW
	lh := lineHeight(size)
	for _, row := range rows {
		label, value := pdfText(row[0]), pdfText(row[1])
		d.font(true, size, colorMuted)
		nl := len(d.f.SplitText(label, labelW))
		d.font(false, size, colorText)
		nv := len(d.f.SplitText(value, valueW))
		// One line to spare: SplitText and MultiCell wrap a little differently.
		h := float64(max(nl, nv, 1)+1)*lh + 1.6
		if h > pageH-margin-bottomMargin {
			d.text(label, true, size, colorMuted, 0)
			d.text(value, false, size, colorText, 0)
			d.gridLine()
			continue
		}
		d.keep(h)
		y, page := d.f.GetY(), d.f.PageNo()
		d.font(true, size, colorMuted)
		d.f.SetXY(margin, y+0.8)
		d.f.MultiCell(labelW, lh, label, "", "L", false)
		yl := d.f.GetY()
		if d.f.PageNo() != page {
			d.text(value, false, size, colorText, 0)
			d.gridLine()
			continue
		}
		d.font(false, size, colorText)
		d.f.SetXY(margin+labelW, y+0.8)
		d.f.MultiCell(valueW, lh, value, "", "L", false)
		if d.f.PageNo() == page {
			d.f.SetY(max(yl, d.f.GetY()))
		}
		d.gridLine()
	}
	d.space(2)
}

func (d *doc) gridLine() {
	d.space(0.8)
	d.rule()
}

// finish numbers the pages "x / y" and writes the document. The numbers
// are written after the content, when the count is known, instead of
// through fpdf's page-count alias: the alias is replaced everywhere in
// the page streams, user text included.
func (d *doc) finish(w io.Writer, footer string) error {
	f := d.f
	if err := f.Error(); err != nil {
		return err
	}
	n := f.PageCount()
	footer = pdfText(oneLine(footer))
	f.SetAutoPageBreak(false, 0)
	for i := 1; i <= n; i++ {
		f.SetPage(i)
		// fpdf skips a font change it thinks is current, but the font
		// state at the end of an earlier page is unknown; two changes
		// force it out.
		f.SetFont(fontFamily, "B", 7.5)
		d.font(false, 7.5, colorMuted)
		f.SetDrawColor(colorRule.r, colorRule.g, colorRule.b)
		f.SetLineWidth(0.2)
		f.Line(margin, footerY-1.5, pageW-margin, footerY-1.5)
		num := fmt.Sprintf("%d / %d", i, n)
		numW := f.GetStringWidth(num) + 2
		f.SetXY(margin, footerY)
		f.CellFormat(textW-numW-4, 4, fitWidth(f, footer, textW-numW-6), "", 0, "L", false, 0, "")
		f.SetXY(pageW-margin-numW, footerY)
		f.CellFormat(numW, 4, num, "", 0, "R", false, 0, "")
	}
	f.SetPage(n) // fpdf writes pages 1..current
	return f.Output(w)
}

// fitWidth cuts s with an ellipsis to fit w millimetres in the current
// font, by bisection: a title may be megabytes long.
func fitWidth(f *fpdf.Fpdf, s string, w float64) string {
	if f.GetStringWidth(s) <= w {
		return s
	}
	r := []rune(s)
	lo, hi := 0, len(r) // r[:lo]+"…" fits; r[:hi]+"…" does not, or hi is the whole
	for lo < hi {
		mid := (lo + hi + 1) / 2
		if f.GetStringWidth(string(r[:mid])+"…") <= w {
			lo = mid
		} else {
			hi = mid - 1
		}
	}
	return string(r[:lo]) + "…"
}

// render runs build and turns any panic inside fpdf into an error: the
// input is sanitised first, but a report must never take the process
// down with it.
func render(w io.Writer, build func() (*doc, string)) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("report: pdf: %v", p)
		}
	}()
	d, footer := build()
	return d.finish(w, footer)
}
