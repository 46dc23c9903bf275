package report

import (
	"io"
	"strings"
)

// Font sizes in points.
const (
	sizeTitle = 17.0
	sizeH1    = 13.0
	sizeBody  = 9.5
	sizeSmall = 8.0
)

// WritePDF writes the consultation report as an A4 PDF with embedded
// DejaVu Sans: the title block, the consultation's data, the totals and
// debates, then every unit with its recommendations and the authority's
// answers, pages numbered "x / y". The same Consultation always gives the
// same bytes. It returns the writer's error, or an error if the PDF
// library fails (never a panic).
func WritePDF(w io.Writer, c Consultation) error {
	return render(w, func() (*doc, string) {
		d := newDoc(c.Title, c.Authority, c.Lang, c.GeneratedAt)
		writeTitleBlock(d, c)
		for _, u := range c.Units {
			writeUnit(d, c.Labels, u)
		}
		return d, c.Title
	})
}

func writeTitleBlock(d *doc, c Consultation) {
	l := c.Labels
	d.text(l.Report, false, sizeBody, colorMuted, 0)
	d.space(1)
	d.text(c.Title, true, sizeTitle, colorText, 0)
	d.space(1)
	d.text(c.Authority, false, 11, colorText, 0)
	d.space(3)
	d.rule()
	d.space(2)

	var meta [][2]string
	add := func(label, value string) {
		if strings.TrimSpace(value) != "" {
			meta = append(meta, [2]string{label, value})
		}
	}
	add(l.ActKind, c.ActKind)
	add(l.Reference, c.Reference)
	add(l.URL, c.URL)
	add(l.Country, c.Country)
	add(l.Published, l.format(c.Published))
	add(l.CommentsClose, l.format(c.CommentsClose))
	add(l.GeneratedAt, l.format(c.GeneratedAt))
	d.table(meta, 50, 9)

	if strings.TrimSpace(c.Summary) != "" {
		d.heading(l.Summary, sizeH1)
		d.text(c.Summary, false, sizeBody, colorText, 0)
		d.space(2)
	}
	if strings.TrimSpace(c.Exception) != "" {
		d.heading(l.Exception, sizeH1)
		d.boxed(c.Exception, sizeBody, colorNotice, 0)
		d.space(2)
	}
	if totals := c.totalRows(); len(totals) > 0 {
		rows := make([][2]string, len(totals))
		for i, t := range totals {
			rows[i] = [2]string{t.label, itoa(t.n)}
		}
		d.heading(l.Totals, sizeH1)
		d.table(rows, 110, sizeBody)
	}
	if len(c.Debates) > 0 {
		d.heading(l.Debates, sizeH1)
		for _, db := range c.Debates {
			d.keep(20)
			d.text(joinNonEmpty("  ·  ", l.format(db.Date), db.Place), true, sizeBody, colorText, 0)
			d.text(joinNonEmpty("  ·  ",
				labelled(l.DebateParticipants, itoa(db.Participants)),
				labelled(l.DebateMinutes, db.Minutes)), false, sizeSmall, colorMuted, 0)
			d.space(1.5)
		}
	}
	if len(c.Units) > 0 {
		d.heading(l.Units, sizeH1)
	}
}

func writeUnit(d *doc, l Labels, u UnitSection) {
	d.space(2)
	if label := strings.TrimSpace(u.Label); label != "" {
		d.band(label)
	}
	if strings.TrimSpace(u.Text) != "" {
		d.text(l.UnitText, true, sizeSmall, colorMuted, 2)
		d.text(u.Text, false, 9, colorMuted, 2)
		d.space(2)
	}
	if len(u.Recommendations) == 0 {
		d.text(l.NoRecommendations, false, sizeSmall, colorMuted, 2)
		return
	}
	for _, r := range u.Recommendations {
		writeRecommendation(d, l, r)
	}
}

func writeRecommendation(d *doc, l Labels, r Recommendation) {
	d.keep(22)
	head := r.Author
	if r.Number > 0 {
		head = joinNonEmpty(". ", itoa(r.Number), r.Author)
	}
	d.text(head, true, 10, colorText, 0)
	d.text(joinNonEmpty("  ·  ",
		labelled(l.OnBehalfOf, r.OnBehalfOf),
		labelled(l.Source, r.Source),
		labelled(l.SubmittedAt, l.format(r.SubmittedAt)),
		labelled(l.Supports, supports(r.Supports)),
		labelled(l.Group, r.GroupLabel)), false, sizeSmall, colorMuted, 0)
	d.space(1)
	d.text(r.Text, false, sizeBody, colorText, 0)
	if strings.TrimSpace(r.Amendment) != "" {
		d.space(1.5)
		d.keep(15)
		d.text(l.Amendment, true, sizeSmall, colorMuted, 4)
		d.boxed(r.Amendment, sizeBody, colorAmend, 4)
	}
	d.space(1.5)
	d.keep(10)
	d.text(labelled(l.Answer, statusLabel(l, r)), true, sizeBody, statusColor(r.Status), 0)
	d.text(r.Justification, false, sizeBody, colorText, 0)
	d.space(2.5)
	d.rule()
	d.space(2)
}

func statusColor(s Status) rgb {
	switch s.normal() {
	case StatusAccepted:
		return rgb{27, 94, 32}
	case StatusPartly:
		return rgb{138, 80, 0}
	case StatusRejected:
		return rgb{176, 0, 32}
	}
	return colorMuted
}

func supports(n int) string {
	if n <= 0 {
		return ""
	}
	return itoa(n)
}

// labelled joins a label and its value as "Label: value", or returns the
// value alone when there is no label and "" when there is no value.
func labelled(label, value string) string {
	value = strings.TrimSpace(value)
	switch {
	case value == "":
		return ""
	case strings.TrimSpace(label) == "":
		return value
	}
	return label + ": " + value
}

func joinNonEmpty(sep string, parts ...string) string {
	var kept []string
	for _, p := range parts {
		if strings.TrimSpace(p) != "" {
			kept = append(kept, p)
		}
	}
	return strings.Join(kept, sep)
}
