package legal

import (
	"time"

	"github.com/agora-civic/agora"
)

// Form fields the violations of Check point at: those of
// agora.ConsultationInput, plus the debate scheduling form's date.
const (
	FieldPublished        = "opens_on"
	FieldCommentsClose    = "comments_close_on"
	FieldEarliestAdoption = "earliest_adoption"
	FieldDebateDate       = "debate_date"
	FieldRuleSet          = "rule_set_id"
)

// Schedule holds the dates of one consultation that the law constrains.
type Schedule struct {
	Country agora.Country `json:"country"`
	// Published is the instant the draft is announced and comments open.
	Published time.Time `json:"published"`
	// CommentsClose is the last day of comments; they close at its end
	// (ClosesAt).
	CommentsClose Date `json:"comments_close"`
	// EarliestAdoption is the first day the draft may be submitted for
	// review or adoption.
	EarliestAdoption Date     `json:"earliest_adoption"`
	Debates          []Debate `json:"debates,omitempty"`
}

// Debate is a public meeting on the draft.
type Debate struct {
	// AnnouncedAt is when its date, place and agenda were published.
	AnnouncedAt time.Time `json:"announced_at"`
	// HeldAt is when it starts.
	HeldAt time.Time `json:"held_at"`
}

// PublishedOn returns the civil day of publication in the country.
func (s Schedule) PublishedOn() Date { return DateOf(s.Country, s.Published) }

// ClosesAt returns the last instant a comment is accepted: the end of
// CommentsClose in the country's zone, or the zero time without a date.
func (s Schedule) ClosesAt() time.Time {
	if s.CommentsClose.IsZero() {
		return time.Time{}
	}
	return EndOfDay(s.Country, s.CommentsClose)
}

// Defaults proposes the earliest dates rs allows for a draft published
// at instant published: comments close after the default comment period;
// the earliest adoption is the end of the adoption period, but never
// before the first working day after comments close.
func (rs RuleSet) Defaults(published time.Time) Schedule {
	c := rs.Country
	day := DateOf(c, published)
	s := Schedule{Country: c, Published: published, CommentsClose: rs.Comments.DefaultEnd(c, day)}
	s.EarliestAdoption = AddWorkingDays(c, s.CommentsClose, 1)
	if rs.Adoption != nil {
		if a := rs.Adoption.DefaultEnd(c, day); !a.Before(s.CommentsClose) {
			s.EarliestAdoption = a
		}
	}
	return s
}

// Check returns the ways s breaks rs, nil when it keeps to it. Each
// violation is an Invalid *agora.Error whose Field is one of the Field
// constants and whose Key is legal.violation.*, with Args: "min" or "max"
// (the term's days), "earliest" or "latest" (the allowed date, as a
// time.Time at noon UTC for message formatting, see Date.Noon) and, for
// debates, "index" (1-based). An emergency exception is the caller's
// decision: Check only reports.
func (rs RuleSet) Check(s Schedule) []*agora.Error {
	var out agora.Errs
	c := s.Country
	if c != rs.Country {
		out.Add(FieldRuleSet, "legal.violation.country_mismatch", nil)
		return out
	}
	if s.Published.IsZero() {
		out.Add(FieldPublished, "legal.violation.published_required", nil)
		return out
	}
	pub := s.PublishedOn()
	if s.CommentsClose.IsZero() {
		out.Add(FieldCommentsClose, "legal.violation.comments_close_required", nil)
	} else if min := rs.Comments.End(c, pub); s.CommentsClose.Before(min) {
		out.Add(FieldCommentsClose, "legal.violation.comment_period_too_short",
			map[string]any{"min": rs.Comments.Days, "earliest": min.Noon()})
	}
	if rs.Adoption != nil {
		if s.EarliestAdoption.IsZero() {
			out.Add(FieldEarliestAdoption, "legal.violation.earliest_adoption_required", nil)
		} else if min := rs.Adoption.End(c, pub); s.EarliestAdoption.Before(min) {
			out.Add(FieldEarliestAdoption, "legal.violation.adoption_too_early",
				map[string]any{"min": rs.Adoption.Days, "earliest": min.Noon()})
		}
	}
	if !s.CommentsClose.IsZero() && !s.EarliestAdoption.IsZero() && s.CommentsClose.After(s.EarliestAdoption) {
		out.Add(FieldCommentsClose, "legal.violation.comments_close_after_adoption",
			map[string]any{"latest": s.EarliestAdoption.Noon()})
	}
	for i, d := range s.Debates {
		out = append(out, rs.checkDebate(c, i+1, d)...)
	}
	return out
}

// checkDebate checks the debate numbered index (from 1).
func (rs RuleSet) checkDebate(c agora.Country, index int, d Debate) agora.Errs {
	var out agora.Errs
	if d.AnnouncedAt.IsZero() || d.HeldAt.IsZero() {
		out.Add(FieldDebateDate, "legal.violation.debate_date_required", map[string]any{"index": index})
		return out
	}
	if d.HeldAt.Before(d.AnnouncedAt) {
		out.Add(FieldDebateDate, "legal.violation.debate_before_announcement", map[string]any{"index": index})
		return out
	}
	announced, held := DateOf(c, d.AnnouncedAt), DateOf(c, d.HeldAt)
	if t := rs.DebateNotice; t != nil {
		if min := t.End(c, announced); held.Before(min) {
			out.Add(FieldDebateDate, "legal.violation.debate_notice_too_short",
				map[string]any{"min": t.Days, "earliest": min.Noon(), "index": index})
		}
	}
	if t := rs.DebateWithin; t != nil {
		if max := t.End(c, announced); held.After(max) {
			out.Add(FieldDebateDate, "legal.violation.debate_too_late",
				map[string]any{"max": t.Days, "latest": max.Noon(), "index": index})
		}
	}
	return out
}
