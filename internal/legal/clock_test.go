package legal

import (
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
)

func TestClock(t *testing.T) {
	ro := mustBuiltin(t, RuleSetRoLaw52)
	s := Schedule{Country: agora.RO, Published: at(agora.RO, d(2026, 3, 2), 9, 0),
		CommentsClose: d(2026, 3, 12), EarliestAdoption: d(2026, 4, 15)}
	closes := EndOfDay(agora.RO, d(2026, 3, 12))
	for _, tt := range []struct {
		name     string
		now      time.Time
		phase    agora.Phase
		daysLeft int
		workDays int
		allowed  bool
	}{
		{"the day before", at(agora.RO, d(2026, 3, 1), 12, 0), agora.PhaseUpcoming, 11, 31, false},
		{"a minute before publication", at(agora.RO, d(2026, 3, 2), 8, 59), agora.PhaseUpcoming, 11, 30, false},
		{"at publication", at(agora.RO, d(2026, 3, 2), 9, 0), agora.PhaseOpen, 11, 30, false},
		{"Friday", at(agora.RO, d(2026, 3, 6), 15, 0), agora.PhaseOpen, 7, 26, false},
		{"the last day", at(agora.RO, d(2026, 3, 12), 0, 0), agora.PhaseOpen, 1, 22, false},
		{"the last nanosecond", closes, agora.PhaseOpen, 1, 22, false},
		{"closed", closes.Add(time.Nanosecond), agora.PhaseClosed, 0, 21, false},
		// Tuesday after Orthodox Easter: one working day to go.
		{"the day before adoption", at(agora.RO, d(2026, 4, 14), 12, 0), agora.PhaseClosed, 0, 1, false},
		{"adoption day", at(agora.RO, d(2026, 4, 15), 0, 0), agora.PhaseClosed, 0, 0, true},
		{"after adoption", at(agora.RO, d(2026, 6, 1), 0, 0), agora.PhaseClosed, 0, 0, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			st := Clock(ro, s, tt.now)
			if st.Phase != tt.phase || st.DaysLeft != tt.daysLeft || st.WorkingDaysToAdoption != tt.workDays || st.AdoptionAllowed != tt.allowed {
				t.Errorf("Clock = phase %s, %d days left, %d working days to adoption, allowed %v; want %s, %d, %d, %v",
					st.Phase, st.DaysLeft, st.WorkingDaysToAdoption, st.AdoptionAllowed, tt.phase, tt.daysLeft, tt.workDays, tt.allowed)
			}
			if !st.ClosesAt.Equal(closes) || !st.OpensAt.Equal(s.Published) || st.EarliestAdoption != s.EarliestAdoption || !st.DebateOnRequest {
				t.Errorf("Clock = %+v", st)
			}
			// The clock agrees with the root package's idea of the phase.
			c := agora.Consultation{State: agora.ConsultationPublished, OpensAt: s.Published, CommentsClose: st.ClosesAt}
			if got := c.PhaseAt(tt.now); got != st.Phase {
				t.Errorf("agora.Consultation.PhaseAt = %s, Clock says %s", got, st.Phase)
			}
		})
	}
}

// TestClockDST closes comments on the day clocks go forward (23 hours)
// and on the day they go back (25 hours), in both countries.
func TestClockDST(t *testing.T) {
	for _, c := range []agora.Country{agora.RO, agora.PL} {
		rs := mustBuiltin(t, DefaultRuleSetID(c))
		for _, closeDay := range []Date{d(2026, 3, 29), d(2026, 10, 25)} {
			s := Schedule{Country: c, Published: at(c, closeDay.AddDays(-20), 9, 0), CommentsClose: closeDay}
			for _, tt := range []struct {
				now      time.Time
				phase    agora.Phase
				daysLeft int
			}{
				{at(c, closeDay, 0, 30), agora.PhaseOpen, 1},
				{at(c, closeDay, 23, 30), agora.PhaseOpen, 1},
				{at(c, closeDay.AddDays(-1), 23, 59), agora.PhaseOpen, 2},
				{at(c, closeDay.AddDays(1), 0, 0), agora.PhaseClosed, 0},
			} {
				st := Clock(rs, s, tt.now)
				if st.Phase != tt.phase || st.DaysLeft != tt.daysLeft {
					t.Errorf("%s closing %s, at %s: %s with %d days left, want %s with %d", c, closeDay, tt.now, st.Phase, st.DaysLeft, tt.phase, tt.daysLeft)
				}
			}
		}
	}
}

func TestClockWithoutDates(t *testing.T) {
	local := mustBuiltin(t, RuleSetPlOppLocal)
	s := Schedule{Country: agora.PL, Published: at(agora.PL, d(2026, 3, 2), 9, 0)}
	st := Clock(local, s, at(agora.PL, d(2027, 1, 1), 0, 0))
	if st.Phase != agora.PhaseOpen || st.DaysLeft != 0 || !st.ClosesAt.IsZero() || st.AdoptionAllowed || st.DebateOnRequest {
		t.Errorf("Clock = %+v", st)
	}
}

func TestReminderAt(t *testing.T) {
	ro := Schedule{Country: agora.RO, Published: at(agora.RO, d(2026, 3, 16), 9, 0), CommentsClose: d(2026, 3, 30)}
	for _, tt := range []struct {
		s    Schedule
		days int
		want time.Time
	}{
		// 27 March is still winter time in Bucharest (UTC+2)...
		{ro, 3, time.Date(2026, 3, 27, 7, 0, 0, 0, time.UTC)},
		// ...30 March is summer time (UTC+3).
		{ro, 0, time.Date(2026, 3, 30, 6, 0, 0, 0, time.UTC)},
		{ro, 14, time.Time{}}, // before publication (at 09:00 that day)
		{ro, 13, time.Date(2026, 3, 17, 7, 0, 0, 0, time.UTC)},
		{ro, -1, time.Time{}},
		{Schedule{Country: agora.PL, Published: at(agora.PL, d(2026, 10, 1), 9, 0), CommentsClose: d(2026, 10, 27)}, 3,
			time.Date(2026, 10, 24, 7, 0, 0, 0, time.UTC)}, // Warsaw summer time, UTC+2
		{Schedule{Country: agora.PL, Published: at(agora.PL, d(2026, 10, 1), 9, 0), CommentsClose: d(2026, 10, 28)}, 3,
			time.Date(2026, 10, 25, 8, 0, 0, 0, time.UTC)}, // winter time from that morning, UTC+1
		{Schedule{Country: agora.PL, Published: at(agora.PL, d(2026, 10, 1), 9, 0)}, 3, time.Time{}},
	} {
		got := ReminderAt(tt.s, tt.days)
		if !got.Equal(tt.want) {
			t.Errorf("ReminderAt(close %s, %d) = %s, want %s", tt.s.CommentsClose, tt.days, got, tt.want)
		}
		if !got.IsZero() {
			if h := got.In(Zone(tt.s.Country)).Hour(); h != ReminderHour {
				t.Errorf("ReminderAt(close %s, %d) is at %d:00 local", tt.s.CommentsClose, tt.days, h)
			}
		}
	}
}

// TestCatalogueKeys checks that every key the package builds at run time
// exists in all three languages (the i18n package's own tests cover the
// literal keys).
func TestCatalogueKeys(t *testing.T) {
	cat, err := i18n.Load()
	if err != nil {
		t.Fatal(err)
	}
	var keys []string
	for _, rules := range [][]holidayRule{roHolidays[:], plHolidays[:]} {
		for _, r := range rules {
			keys = append(keys, Holiday{Name: r.name}.Key())
		}
	}
	for _, c := range []Confidence{High, Medium, Low} {
		keys = append(keys, c.Key())
	}
	for _, u := range []DayUnit{CalendarDays, WorkingDays} {
		keys = append(keys, Term{Unit: u}.Key())
	}
	for _, k := range DutyKinds {
		keys = append(keys, k.Key())
	}
	for _, rs := range Builtins() {
		keys = append(keys, rs.NameKey(), rs.DescriptionKey())
	}
	for _, p := range []agora.Phase{agora.PhaseUpcoming, agora.PhaseOpen, agora.PhaseClosed} {
		keys = append(keys, "consultation.phase."+string(p))
	}
	for _, lang := range i18n.Supported() {
		for _, k := range keys {
			if !cat.Has(lang, k) {
				t.Errorf("%s: missing key %s", lang, k)
			}
		}
	}
	if got := cat.TN("ro", Term{Unit: WorkingDays}.Key(), 30, nil); got != "30 de zile lucrătoare" {
		t.Errorf("ro 30 working days = %q", got)
	}
	if got := cat.TN("pl", Term{Unit: CalendarDays}.Key(), 14, nil); got != "14 dni kalendarzowych" {
		t.Errorf("pl 14 calendar days = %q", got)
	}
	if got := cat.T("en", "legal.violation.comment_period_too_short", map[string]any{"earliest": d(2026, 4, 14).Noon()}); got !=
		"The period for comments is shorter than the rule set allows: it may end on 14 Apr 2026 at the earliest." {
		t.Errorf("en violation = %q", got)
	}
}

func BenchmarkClock(b *testing.B) {
	ro, _ := Builtin(RuleSetRoLaw52)
	s := ro.Defaults(time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC))
	now := time.Date(2026, 3, 5, 9, 0, 0, 0, time.UTC)
	for b.Loop() {
		Clock(ro, s, now)
	}
}

func BenchmarkCheckDefaults(b *testing.B) {
	ro, _ := Builtin(RuleSetRoLaw52)
	published := time.Date(2026, 3, 2, 9, 0, 0, 0, time.UTC)
	for b.Loop() {
		ro.Check(ro.Defaults(published))
	}
}
