package report

import (
	"io"
	"strings"
	"time"
	"unicode/utf16"

	"github.com/xuri/excelize/v2"
)

// WriteXLSX writes the recommendations as an Excel workbook: a first
// sheet with the same columns as WriteCSV (styled header, frozen first
// row, column widths, wrapped text) and a second with the consultation's
// data, the totals and the debates. Every text is written as a string
// cell, never a formula, and escaped as in the CSV so that copying it
// elsewhere stays harmless. It returns the writer's or excelize's error.
func WriteXLSX(w io.Writer, c Consultation) error {
	l := c.Labels
	x := excelize.NewFile()
	defer x.Close()
	names := sheetNames(l.RecommendationsSheet, l.TotalsSheet)
	if err := x.SetSheetName("Sheet1", names[0]); err != nil {
		return err
	}
	st, err := newStyles(x)
	if err != nil {
		return err
	}

	sh, err := newSheet(x, names[0], st)
	if err != nil {
		return err
	}
	cols := recommendationColumns()
	header := make([]any, len(cols))
	for i, col := range cols {
		if err := sh.sw.SetColWidth(i+1, i+1, col.width); err != nil {
			return err
		}
		header[i] = col.heading(l)
	}
	if err := sh.sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	if err := sh.row(st.header, header...); err != nil {
		return err
	}
	values := make([]any, len(cols))
	for _, u := range c.Units {
		for _, r := range u.Recommendations {
			for i, col := range cols {
				values[i] = col.value(l, u, r)
			}
			if err := sh.row(st.body, values...); err != nil {
				return err
			}
		}
	}
	if err := sh.sw.Flush(); err != nil {
		return err
	}

	if _, err := x.NewSheet(names[1]); err != nil {
		return err
	}
	if sh, err = newSheet(x, names[1], st); err != nil {
		return err
	}
	if err := writeSummarySheet(sh, c); err != nil {
		return err
	}
	if err := sh.sw.Flush(); err != nil {
		return err
	}
	if err := setDocProps(x, c.Title, c.Authority, c.Lang, c.GeneratedAt); err != nil {
		return err
	}
	return x.Write(w)
}

func writeSummarySheet(sh *sheet, c Consultation) error {
	l := c.Labels
	if err := sh.sw.SetColWidth(1, 1, 40); err != nil {
		return err
	}
	if err := sh.sw.SetColWidth(2, 4, 30); err != nil {
		return err
	}
	rows := [][2]string{
		{l.Report, c.Title}, {l.Authority, c.Authority}, {l.ActKind, c.ActKind},
		{l.Reference, c.Reference}, {l.URL, c.URL}, {l.Country, c.Country},
		{l.Published, l.format(c.Published)}, {l.CommentsClose, l.format(c.CommentsClose)},
		{l.GeneratedAt, l.format(c.GeneratedAt)}, {l.Summary, c.Summary}, {l.Exception, c.Exception},
	}
	for _, r := range rows {
		if strings.TrimSpace(r[1]) == "" {
			continue
		}
		if err := sh.pair(r[0], r[1]); err != nil {
			return err
		}
	}
	sh.skip()
	if err := sh.row(sh.st.header, l.Totals, ""); err != nil {
		return err
	}
	for _, t := range c.totalRows() {
		if err := sh.row(sh.st.body, t.label, t.n); err != nil {
			return err
		}
	}
	if len(c.Debates) == 0 {
		return nil
	}
	sh.skip()
	if err := sh.row(sh.st.header, l.DebateDate, l.DebatePlace, l.DebateParticipants, l.DebateMinutes); err != nil {
		return err
	}
	for _, d := range c.Debates {
		if err := sh.row(sh.st.body, l.format(d.Date), d.Place, d.Participants, d.Minutes); err != nil {
			return err
		}
	}
	return nil
}

type styles struct{ header, label, body int }

func newStyles(x *excelize.File) (styles, error) {
	var st styles
	var err error
	top := &excelize.Alignment{Vertical: "top", WrapText: true}
	if st.header, err = x.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E8ECF1"}},
		Alignment: top,
		Border:    []excelize.Border{{Type: "bottom", Color: "9AA5B1", Style: 1}},
	}); err != nil {
		return st, err
	}
	if st.label, err = x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}, Alignment: top}); err != nil {
		return st, err
	}
	st.body, err = x.NewStyle(&excelize.Style{Alignment: top})
	return st, err
}

// sheet writes rows one after the other through excelize's stream
// writer, which keeps memory flat for large reports.
type sheet struct {
	sw *excelize.StreamWriter
	st styles
	n  int // rows written or skipped
}

func newSheet(x *excelize.File, name string, st styles) (*sheet, error) {
	sw, err := x.NewStreamWriter(name)
	if err != nil {
		return nil, err
	}
	return &sheet{sw: sw, st: st}, nil
}

// row writes values with one style; strings are escaped, ints stay numbers.
func (s *sheet) row(style int, values ...any) error {
	cells := make([]any, len(values))
	for i, v := range values {
		if str, ok := v.(string); ok {
			v = cellText(str)
		}
		cells[i] = excelize.Cell{StyleID: style, Value: v}
	}
	s.n++
	cell, err := excelize.CoordinatesToCellName(1, s.n)
	if err != nil {
		return err
	}
	return s.sw.SetRow(cell, cells)
}

func (s *sheet) pair(label, value string) error {
	s.n++
	cell, err := excelize.CoordinatesToCellName(1, s.n)
	if err != nil {
		return err
	}
	return s.sw.SetRow(cell, []any{
		excelize.Cell{StyleID: s.st.label, Value: cellText(label)},
		excelize.Cell{StyleID: s.st.body, Value: cellText(value)},
	})
}

func (s *sheet) skip() { s.n++ }

// sheetNames makes two distinct names Excel accepts out of the labels:
// at most 31 characters, none of : \ / ? * [ ], no apostrophe at either
// end. A label left empty becomes the sheet's number.
func sheetNames(first, second string) [2]string {
	names := [2]string{sheetName(first, "1"), sheetName(second, "2")}
	if strings.EqualFold(names[0], names[1]) {
		names[1] = sheetName(strings.TrimRight(names[1], " ")+" 2", "2")
		if strings.EqualFold(names[0], names[1]) {
			names[1] = "2"
		}
	}
	return names
}

func sheetName(s, fallback string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(":\\/?*[]", r) || r < ' ' {
			return ' '
		}
		return r
	}, cleanText(s))
	var b strings.Builder
	units := 0
	for _, r := range s {
		units += utf16.RuneLen(r)
		if units > 31 {
			break
		}
		b.WriteRune(r)
	}
	s = strings.Trim(strings.TrimSpace(b.String()), "'")
	if s == "" {
		return fallback
	}
	return s
}

func setDocProps(x *excelize.File, title, author, lang string, created time.Time) error {
	p := &excelize.DocProperties{
		Title:   cleanText(oneLine(title)),
		Subject: cleanText(oneLine(author)),
		Creator: "agora",
	}
	if validLang(lang) {
		p.Language = lang
	}
	if !created.IsZero() {
		p.Created = created.UTC().Format(time.RFC3339)
		p.Modified = p.Created
	}
	return x.SetDocProps(p)
}
