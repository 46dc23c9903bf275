package legal

import (
	"time"

	"github.com/agora-civic/agora"
)

// Status is a consultation's clock as its page shows it at one instant.
type Status struct {
	// Phase is agora.PhaseUpcoming, PhaseOpen or PhaseClosed (labels:
	// consultation.phase.*).
	Phase    agora.Phase
	OpensAt  time.Time
	ClosesAt time.Time
	// DaysLeft counts the calendar days on which comments can still be
	// sent, today and the closing day included, in the country's zone: 1
	// on the last day, the whole period while upcoming, 0 once closed.
	DaysLeft         int
	EarliestAdoption Date
	// WorkingDaysToAdoption counts the working days from today to
	// EarliestAdoption (WorkingDaysBetween), 0 once it is reached.
	WorkingDaysToAdoption int
	// AdoptionAllowed says today is EarliestAdoption or later.
	AdoptionAllowed bool
	// DebateOnRequest says a public debate must be held if an association
	// or an authority asks for one in writing.
	DebateOnRequest bool
}

// Clock returns the status of schedule s under rule set rs at instant now.
// A schedule without a closing day stays open once published.
func Clock(rs RuleSet, s Schedule, now time.Time) Status {
	c := s.Country
	st := Status{
		OpensAt:          s.Published,
		ClosesAt:         s.ClosesAt(),
		EarliestAdoption: s.EarliestAdoption,
	}
	_, st.DebateOnRequest = rs.Duty(DutyDebateOnRequest)
	today := DateOf(c, now)
	switch {
	case now.Before(s.Published):
		st.Phase = agora.PhaseUpcoming
		if !s.CommentsClose.IsZero() {
			st.DaysLeft = max(0, s.PublishedOn().DaysUntil(s.CommentsClose)+1)
		}
	case !st.ClosesAt.IsZero() && now.After(st.ClosesAt):
		st.Phase = agora.PhaseClosed
	default:
		st.Phase = agora.PhaseOpen
		if !s.CommentsClose.IsZero() {
			st.DaysLeft = today.DaysUntil(s.CommentsClose) + 1
		}
	}
	if !s.EarliestAdoption.IsZero() {
		st.AdoptionAllowed = !today.Before(s.EarliestAdoption)
		if !st.AdoptionAllowed {
			st.WorkingDaysToAdoption = WorkingDaysBetween(c, today, s.EarliestAdoption)
		}
	}
	return st
}

// ReminderHour is the local hour at which deadline reminders go out, so
// they arrive in the working day rather than at midnight.
const ReminderHour = 9

// ReminderAt returns when to remind followers that comments close in
// days days: ReminderHour o'clock in the country's zone on the day that
// many days before the closing day (three days before a 30 March
// deadline: 27 March, 09:00). It returns the zero time when there is
// nothing to remind of: no closing day, days < 0, or a reminder that
// would fall before the draft is published.
func ReminderAt(s Schedule, days int) time.Time {
	if s.CommentsClose.IsZero() || days < 0 {
		return time.Time{}
	}
	d := s.CommentsClose.AddDays(-days)
	at := time.Date(d.Year, d.Month, d.Day, ReminderHour, 0, 0, 0, Zone(s.Country))
	if !at.After(s.Published) {
		return time.Time{}
	}
	return at
}
