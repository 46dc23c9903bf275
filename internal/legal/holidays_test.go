package legal

import (
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
)

func holidayList(hs []Holiday) string {
	var b strings.Builder
	for _, h := range hs {
		b.WriteString(h.Date.String()[5:] + " " + h.Name + "\n")
	}
	return b.String()
}

func TestHolidays2026(t *testing.T) {
	for _, tt := range []struct {
		c    agora.Country
		want string
	}{
		{agora.RO, `01-01 new_year
01-02 new_year_second_day
01-06 epiphany
01-07 saint_john_baptist
01-24 union_day
04-10 good_friday
04-12 easter
04-13 easter_monday
05-01 labour_day
05-31 pentecost
06-01 childrens_day
06-01 pentecost_monday
08-15 assumption
11-30 saint_andrew
12-01 national_day
12-25 christmas
12-26 christmas_second_day
`},
		{agora.PL, `01-01 new_year
01-06 epiphany
04-05 easter
04-06 easter_monday
05-01 labour_day
05-03 constitution_day
05-24 pentecost
06-04 corpus_christi
08-15 assumption
11-01 all_saints
11-11 independence_day
12-24 christmas_eve
12-25 christmas
12-26 christmas_second_day
`},
	} {
		hs := Holidays(tt.c, 2026)
		if got := holidayList(hs); got != tt.want {
			t.Errorf("Holidays(%s, 2026) =\n%s\nwant\n%s", tt.c, got, tt.want)
		}
		for _, h := range hs {
			if h.Date.Year != 2026 || !IsHoliday(tt.c, h.Date) {
				t.Errorf("%s: %s %s not a holiday", tt.c, h.Date, h.Name)
			}
			if h.Key() != "legal.holiday."+h.Name {
				t.Errorf("Key() = %q", h.Key())
			}
		}
	}
}

func TestHolidaysLegalNotes2026And2027(t *testing.T) {
	for _, tt := range []struct {
		c    agora.Country
		date Date
		name string
	}{
		{agora.RO, d(2026, time.April, 10), "good_friday"},
		{agora.RO, d(2026, time.May, 31), "pentecost"},
		{agora.RO, d(2026, time.June, 1), "pentecost_monday"},
		{agora.RO, d(2026, time.June, 1), "childrens_day"},
		{agora.PL, d(2026, time.June, 4), "corpus_christi"},
		{agora.PL, d(2027, time.May, 27), "corpus_christi"},
		{agora.RO, d(2027, time.April, 30), "good_friday"},
		{agora.RO, d(2027, time.May, 3), "easter_monday"},
	} {
		found := false
		for _, h := range HolidaysOn(tt.c, tt.date) {
			found = found || h.Name == tt.name
		}
		if !found {
			t.Errorf("HolidaysOn(%s, %s) = %v, want %s among them", tt.c, tt.date, HolidaysOn(tt.c, tt.date), tt.name)
		}
	}
	if got := HolidaysOn(agora.RO, d(2026, time.June, 2)); got != nil {
		t.Errorf("HolidaysOn(RO, 2026-06-02) = %v", got)
	}
}

// TestHolidayChanges pins the years the laws added holidays.
func TestHolidayChanges(t *testing.T) {
	for _, tt := range []struct {
		c     agora.Country
		name  string
		since int
	}{
		{agora.RO, "epiphany", 2024},
		{agora.RO, "saint_john_baptist", 2024},
		{agora.RO, "good_friday", 2018},
		{agora.RO, "childrens_day", 2017},
		{agora.RO, "union_day", 2017},
		{agora.RO, "saint_andrew", 2012},
		{agora.RO, "pentecost", 2009},
		{agora.RO, "pentecost_monday", 2009},
		{agora.RO, "assumption", 2009},
		{agora.PL, "christmas_eve", 2025},
		{agora.PL, "epiphany", 2011},
	} {
		has := func(year int) bool {
			return slices.ContainsFunc(Holidays(tt.c, year), func(h Holiday) bool { return h.Name == tt.name })
		}
		if has(tt.since-1) || !has(tt.since) || !has(tt.since+20) {
			t.Errorf("%s %s: in %d %v, in %d %v; want from %d", tt.c, tt.name, tt.since-1, has(tt.since-1), tt.since, has(tt.since), tt.since)
		}
	}
	if got := len(Holidays(agora.RO, 2003)); got != 8 {
		t.Errorf("RO 2003 has %d holidays, want the Labour Code's 8", got)
	}
	if got := len(Holidays(agora.PL, 2024)); got != 13 {
		t.Errorf("PL 2024 has %d holidays, want 13", got)
	}
}

// TestIsHolidayMatchesHolidays checks the fast path against the list for
// every day of two centuries and of far-off years, when Orthodox Easter
// drifts into February or July of the Gregorian calendar.
func TestIsHolidayMatchesHolidays(t *testing.T) {
	for _, c := range []agora.Country{agora.RO, agora.PL, "XX"} {
		years := []int{-3000, -1, 0, 1, 1583, 9999, 10000, 40000}
		for y := 1950; y <= 2150; y++ {
			years = append(years, y)
		}
		for _, y := range years {
			set := map[Date]bool{}
			for _, h := range Holidays(c, y) {
				set[h.Date] = true
			}
			for day := d(y, time.January, 1); day.Year == y; day = day.AddDays(1) {
				if got := IsHoliday(c, day); got != set[day] {
					t.Fatalf("IsHoliday(%s, %s) = %v, want %v", c, day, got, set[day])
				}
			}
		}
	}
	if Holidays("XX", 2026) != nil {
		t.Error("unknown country has holidays")
	}
}

func BenchmarkIsHoliday(b *testing.B) {
	day := d(2026, time.January, 1)
	for b.Loop() {
		IsHoliday(agora.RO, day)
		day = day.AddDays(1)
	}
}
