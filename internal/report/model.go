// Package report turns a consultation report, already gathered and
// translated by the caller, into PDF, CSV and XLSX files, and writes the
// yearly report on decisional transparency (RO Law 52/2003 art. 13).
//
// The package holds no language and touches no store: every heading and
// column name comes in Labels, every value is plain data. Text from users
// is sanitised here for each format (control characters, invalid UTF-8,
// glyphs the embedded font lacks, spreadsheet formulas), so callers pass
// it as stored.
package report

import "time"

// Status is the authority's decision on a recommendation, as a stable
// code. The first four are the values of agora.AnswerStatus; a
// recommendation still waiting for its answer is StatusUnanswered (an
// empty Status counts as unanswered too).
type Status string

const (
	StatusAccepted      Status = "accepted"
	StatusPartly        Status = "partly"
	StatusRejected      Status = "rejected"
	StatusNotApplicable Status = "not_applicable"
	StatusUnanswered    Status = "unanswered"
)

// Statuses lists the statuses in the order reports show them.
func Statuses() []Status {
	return []Status{StatusAccepted, StatusPartly, StatusRejected, StatusNotApplicable, StatusUnanswered}
}

func (s Status) normal() Status {
	if s == "" {
		return StatusUnanswered
	}
	return s
}

// Labels are the translated headings and column names of a consultation
// report. Empty labels leave their line out where the value can stand
// alone, so a caller may omit what it does not need.
type Labels struct {
	Report        string // heading above the title: "Raport privind consultarea publică"
	Authority     string
	ActKind       string
	Reference     string
	URL           string
	Country       string
	Published     string
	CommentsClose string
	GeneratedAt   string
	Summary       string
	Exception     string // heading of the emergency-procedure justification

	Totals               string // heading of the totals table
	TotalRecommendations string
	Participants         string
	Organisations        string
	// StatusNames name each status in the totals table; a recommendation
	// carries its own StatusLabel.
	StatusNames map[Status]string

	Debates            string
	DebateDate         string
	DebatePlace        string
	DebateParticipants string
	DebateMinutes      string

	Units             string // heading of the per-unit part
	UnitText          string // "Text supus consultării"
	NoRecommendations string // shown under a unit nobody commented on
	Answer            string // heading of the authority's answer

	// Column names, shared by the PDF, CSV and XLSX.
	Unit          string
	Number        string
	Author        string
	OnBehalfOf    string
	Source        string
	SubmittedAt   string
	Text          string
	Amendment     string // "Text propus (înlocuiește textul unității)"
	Supports      string
	Status        string
	Justification string
	Group         string

	// Sheet names of the XLSX file (Excel allows 31 characters).
	RecommendationsSheet string
	TotalsSheet          string

	Dates
}

// Dates formats the dates of a report. Format wins when set; otherwise
// Layout (a Go time layout such as "02.01.2006") is applied to the time
// as given, so the caller passes times in the authority's zone. Without
// either, dates are written as 2006-01-02. Zero times are left blank.
type Dates struct {
	Format func(time.Time) string
	Layout string
}

func (d Dates) format(t time.Time) string {
	switch {
	case t.IsZero():
		return ""
	case d.Format != nil:
		return d.Format(t)
	case d.Layout != "":
		return t.Format(d.Layout)
	}
	return t.Format(time.DateOnly)
}

// Consultation is everything a consultation report shows.
type Consultation struct {
	Title     string
	Authority string
	ActKind   string // translated kind of act
	Reference string // registration number or other reference
	URL       string // the consultation's public page
	Country   string // translated country name
	// Lang is the BCP 47 tag of the labels ("ro", "pl"); it becomes the
	// PDF's document language for screen readers.
	Lang          string
	Published     time.Time
	CommentsClose time.Time
	// GeneratedAt is the moment the report stands for; it is also the
	// PDF creation date, so the same data gives the same bytes.
	GeneratedAt time.Time
	Summary     string
	// Exception is the public justification of an emergency procedure
	// (Law 52/2003 art. 7(13)); empty when none.
	Exception string
	Units     []UnitSection
	Totals    Totals
	Debates   []Debate
	Labels    Labels
}

// UnitSection is one unit of the draft (an article, a paragraph) with
// the recommendations made on it. A unit of "" label may hold the
// recommendations on the draft as a whole.
type UnitSection struct {
	Label           string // "Art. 7 alin. (2)"
	Text            string
	Recommendations []Recommendation
}

// Recommendation is one comment and the authority's answer to it.
type Recommendation struct {
	Number int
	// Author is what may be published under the privacy rules: a person's
	// name, an organisation's, or a neutral "Participant 12".
	Author      string
	OnBehalfOf  string
	Source      string // translated: online, e-mail, post, debate
	SubmittedAt time.Time
	Text        string
	Amendment   string // replacement text proposed for the unit; may be empty
	Supports    int
	Status      Status
	StatusLabel string
	// Justification is required for rejections (Law 52/2003 art. 12(3)).
	Justification string
	// GroupLabel names the group of similar recommendations answered together.
	GroupLabel string
}

// Debate is a public meeting held on the draft.
type Debate struct {
	Date         time.Time
	Place        string
	Participants int
	Minutes      string // where the minutes are, or a short note
}

// Totals counts the recommendations by status and the people who took
// part. Participants and Organisations come from the caller, who knows
// who is the same person; Tally fills the rest.
type Totals struct {
	Recommendations int
	Accepted        int
	Partly          int
	Rejected        int
	NotApplicable   int
	Unanswered      int
	Participants    int
	Organisations   int
}

// Tally counts the recommendations of units by status. It leaves
// Participants and Organisations at zero.
func Tally(units []UnitSection) Totals {
	var t Totals
	for _, u := range units {
		for _, r := range u.Recommendations {
			t.Recommendations++
			switch r.Status.normal() {
			case StatusAccepted:
				t.Accepted++
			case StatusPartly:
				t.Partly++
			case StatusRejected:
				t.Rejected++
			case StatusNotApplicable:
				t.NotApplicable++
			default:
				t.Unanswered++
			}
		}
	}
	return t
}

// ByStatus returns the count for one status.
func (t Totals) ByStatus(s Status) int {
	switch s.normal() {
	case StatusAccepted:
		return t.Accepted
	case StatusPartly:
		return t.Partly
	case StatusRejected:
		return t.Rejected
	case StatusNotApplicable:
		return t.NotApplicable
	}
	return t.Unanswered
}

type totalRow struct {
	label string
	n     int
}

// totalRows lists the totals in report order, leaving out rows whose
// label is empty.
func (c Consultation) totalRows() []totalRow {
	l := c.Labels
	var rows []totalRow
	add := func(label string, n int) {
		if label != "" {
			rows = append(rows, totalRow{label, n})
		}
	}
	add(l.TotalRecommendations, c.Totals.Recommendations)
	for _, s := range Statuses() {
		add(l.StatusNames[s], c.Totals.ByStatus(s))
	}
	add(l.Participants, c.Totals.Participants)
	add(l.Organisations, c.Totals.Organisations)
	return rows
}
