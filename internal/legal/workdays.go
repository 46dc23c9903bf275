package legal

import (
	"time"

	"github.com/agora-civic/agora"
)

// Working days are Monday to Friday except the country's public holidays
// (Holidays). An unknown country has weekends but no holidays.
//
// Counting walks from one date to another: the start day is never
// counted, every day stepped onto is. So the working days from a Friday to
// the next Monday are 1 (the Monday), and from that Monday back to the
// Friday are -1 (the Friday). AddWorkingDays and WorkingDaysBetween are
// inverses in this sense: WorkingDaysBetween(c, d, AddWorkingDays(c, d, n))
// is n for every n.

// IsWorkingDay reports whether d is a working day in country c.
func IsWorkingDay(c agora.Country, d Date) bool {
	return isWeekday(d.days()) && !IsHoliday(c, d)
}

// AddWorkingDays returns the n-th working day after d (before d for
// n < 0), not counting d itself; for n = 0 it returns d, working day or
// not. "30 working days after 1 March" is AddWorkingDays(c, 1 March, 30).
func AddWorkingDays(c agora.Country, d Date, n int) Date {
	x := d.days()
	dir := int64(1)
	if n < 0 {
		dir, n = -1, -n
	}
	// Jump over n weekdays, then count how many of them were holidays and
	// jump again over that many: each jump never overshoots, because
	// holidays only ever lower the count, and the jumps shrink fast (a
	// year has about 250 working days and at most 17 holidays).
	for remaining := int64(n); remaining > 0; {
		y := addWeekdays(x, remaining, dir)
		if dir > 0 {
			remaining -= countWorking(c, x+1, y)
		} else {
			remaining -= countWorking(c, y, x-1)
		}
		x = y
	}
	return fromDays(x)
}

// WorkingDaysBetween counts the working days stepped onto walking from a
// to b: those in (a, b] when b is after a, minus those in [b, a) when b is
// before a, 0 when they are equal.
func WorkingDaysBetween(c agora.Country, a, b Date) int {
	x, y := a.days(), b.days()
	switch {
	case y > x:
		return int(countWorking(c, x+1, y))
	case y < x:
		return -int(countWorking(c, y, x-1))
	}
	return 0
}

// NextWorkingDay returns d when it is a working day, else the first
// working day after it: where a period ending on a holiday runs to.
func NextWorkingDay(c agora.Country, d Date) Date {
	if IsWorkingDay(c, d) {
		return d
	}
	return AddWorkingDays(c, d, 1)
}

// countWorking counts the working days among day numbers [from, to].
func countWorking(c agora.Country, from, to int64) int64 {
	if to < from {
		return 0
	}
	n := weekdaysBefore(to+1) - weekdaysBefore(from)
	var buf [len(roHolidays) + len(plHolidays)]int64
	for y := fromDays(from).Year; y <= fromDays(to).Year; y++ {
		for _, h := range holidayDays(c, y, buf[:0]) {
			if h >= from && h <= to && isWeekday(h) {
				n--
			}
		}
	}
	return n
}

// holidayDays appends to buf the day numbers of c's holidays in year,
// each day once even when two holidays share it.
func holidayDays(c agora.Country, year int, buf []int64) []int64 {
	rules, easter := countryHolidays(c)
	if rules == nil {
		return buf
	}
	e := easter(year)
	for _, r := range rules {
		if year < r.since {
			continue
		}
		z := r.date(year, e).days()
		dup := false
		for _, seen := range buf {
			if seen == z {
				dup = true
				break
			}
		}
		if !dup {
			buf = append(buf, z)
		}
	}
	return buf
}

func isWeekday(z int64) bool {
	wd := weekdayOf(z)
	return wd != time.Saturday && wd != time.Sunday
}

// weekdaysPrefix[r] is the number of weekdays among the r days starting on
// a Thursday, as day 0 (1970-01-01) was.
var weekdaysPrefix = [8]int64{0, 1, 2, 2, 2, 3, 4, 5}

// weekdaysBefore counts the weekdays in [0, z) for z >= 0, and minus those
// in [z, 0) for z < 0, so that weekdaysBefore(b) - weekdaysBefore(a)
// counts [a, b) anywhere.
func weekdaysBefore(z int64) int64 {
	weeks := floorDiv64(z, 7)
	return 5*weeks + weekdaysPrefix[z-7*weeks]
}

// addWeekdays returns the day reached by stepping from x in direction dir
// onto n > 0 weekdays: it is a weekday, and n weekdays lie between x
// (excluded) and it (included).
func addWeekdays(x, n, dir int64) int64 {
	weeks := (n - 1) / 5 // each whole week holds five weekdays
	x += dir * 7 * weeks
	for left := n - 5*weeks; left > 0; {
		x += dir
		if isWeekday(x) {
			left--
		}
	}
	return x
}
