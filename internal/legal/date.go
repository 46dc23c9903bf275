package legal

import (
	"fmt"
	"strconv"
	"time"

	"github.com/agora-civic/agora"
)

// Date is a civil date: a day of the proleptic Gregorian calendar with no
// time of day and no zone. Legal periods count such days; an instant
// becomes a Date only through a country's zone (DateOf), and a Date an
// instant only through EndOfDay or StartOfDay. The zero Date is "no date".
type Date struct {
	Year  int
	Month time.Month
	Day   int
}

// NewDate returns the date y-m-d, normalised like time.Date: 31 April is
// 1 May, day 0 is the last day of the previous month.
func NewDate(y int, m time.Month, d int) Date {
	if m < time.January || m > time.December {
		// Fold the month into the year first so daysFromCivil sees 1..12.
		mm := int(m) - 1
		y += floorDiv(mm, 12)
		m = time.Month(floorMod(mm, 12) + 1)
	}
	return fromDays(daysFromCivil(y, m, 1) + int64(d) - 1)
}

// ParseDate reads an ISO date "2026-03-30". It returns an Invalid error
// with key field.invalid_date (Field "date") for anything else, including
// dates that do not exist such as 2026-02-30.
func ParseDate(s string) (Date, error) {
	bad := agora.FieldError("date", "field.invalid_date", nil)
	if len(s) != 10 || s[4] != '-' || s[7] != '-' {
		return Date{}, bad
	}
	for i := 0; i < len(s); i++ {
		if i != 4 && i != 7 && (s[i] < '0' || s[i] > '9') {
			return Date{}, bad
		}
	}
	y, _ := strconv.Atoi(s[:4])
	m, _ := strconv.Atoi(s[5:7])
	d, _ := strconv.Atoi(s[8:])
	date := Date{y, time.Month(m), d}
	if !date.Valid() {
		return Date{}, bad
	}
	return date, nil
}

// Valid reports whether d names a day that exists (the zero Date does not).
func (d Date) Valid() bool {
	return d.Month >= time.January && d.Month <= time.December && d.Day >= 1 && d.Day <= daysIn(d.Year, d.Month)
}

// IsZero reports whether d is the zero Date, "no date".
func (d Date) IsZero() bool { return d == Date{} }

// String formats d as ISO 8601, "2026-03-30"; years outside 0..9999 keep
// their sign and digits.
func (d Date) String() string {
	if d.Year >= 0 && d.Year <= 9999 {
		return fmt.Sprintf("%04d-%02d-%02d", d.Year, int(d.Month), d.Day)
	}
	return fmt.Sprintf("%d-%02d-%02d", d.Year, int(d.Month), d.Day)
}

// MarshalText writes d as "2026-03-30", or nothing for the zero Date.
func (d Date) MarshalText() ([]byte, error) {
	if d.IsZero() {
		return []byte{}, nil
	}
	return []byte(d.String()), nil
}

// UnmarshalText reads what MarshalText writes.
func (d *Date) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*d = Date{}
		return nil
	}
	v, err := ParseDate(string(b))
	if err != nil {
		return err
	}
	*d = v
	return nil
}

// AddDays returns the date n calendar days after d (before it for n < 0).
func (d Date) AddDays(n int) Date { return fromDays(d.days() + int64(n)) }

// AddCalendarDays returns the date n calendar days after d (before it for
// n < 0); the same as d.AddDays(n), named to pair with AddWorkingDays.
func AddCalendarDays(d Date, n int) Date { return d.AddDays(n) }

// DaysUntil returns the number of calendar days from d to e: 1 when e is
// the next day, negative when e is before d.
func (d Date) DaysUntil(e Date) int { return int(e.days() - d.days()) }

// Compare returns -1, 0 or +1 as d is before, equal to or after e.
func (d Date) Compare(e Date) int {
	a, b := d.days(), e.days()
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

// Before reports whether d is before e.
func (d Date) Before(e Date) bool { return d.Compare(e) < 0 }

// After reports whether d is after e.
func (d Date) After(e Date) bool { return d.Compare(e) > 0 }

// Weekday returns the day of the week of d.
func (d Date) Weekday() time.Weekday { return weekdayOf(d.days()) }

// Noon returns 12:00 UTC on d. Handed to i18n as a message argument it
// prints as d in every zone within eleven hours of UTC, which an instant
// such as EndOfDay does not: 23:59 in Warsaw is already the next day in
// Bucharest.
func (d Date) Noon() time.Time {
	return time.Date(d.Year, d.Month, d.Day, 12, 0, 0, 0, time.UTC)
}

// minDate returns the earlier of a and b.
func minDate(a, b Date) Date {
	if b.Before(a) {
		return b
	}
	return a
}

// maxDate returns the later of a and b.
func maxDate(a, b Date) Date {
	if b.After(a) {
		return b
	}
	return a
}

// days returns the number of days from 1970-01-01 to d. Days beyond the
// end of d's month carry into the next month, which is what NewDate's
// normalisation relies on.
func (d Date) days() int64 { return daysFromCivil(d.Year, d.Month, 1) + int64(d.Day) - 1 }

// daysFromCivil counts days from 1970-01-01 to y-m-1 with integer
// arithmetic over 400-year eras (Howard Hinnant's algorithm), so it works
// for any year without time.Time's range or zone concerns.
func daysFromCivil(y int, m time.Month, d int) int64 {
	yy := int64(y)
	if m <= time.February {
		yy--
	}
	era := floorDiv64(yy, 400)
	yoe := yy - era*400                    // [0, 399]
	mp := (int64(m) + 9) % 12              // March = 0
	doy := (153*mp+2)/5 + int64(d) - 1     // [0, 365]
	doe := yoe*365 + yoe/4 - yoe/100 + doy // [0, 146096]
	return era*146097 + doe - 719468
}

// fromDays is the inverse of daysFromCivil.
func fromDays(z int64) Date {
	z += 719468
	era := floorDiv64(z, 146097)
	doe := z - era*146097                                  // [0, 146096]
	yoe := (doe - doe/1460 + doe/36524 - doe/146096) / 365 // [0, 399]
	y := yoe + era*400
	doy := doe - (365*yoe + yoe/4 - yoe/100) // [0, 365]
	mp := (5*doy + 2) / 153                  // [0, 11]
	d := doy - (153*mp+2)/5 + 1              // [1, 31]
	m := mp + 3
	if m > 12 {
		m -= 12
	}
	if m <= 2 {
		y++
	}
	return Date{int(y), time.Month(m), int(d)}
}

// weekdayOf returns the weekday of day number z (1970-01-01 was a Thursday).
func weekdayOf(z int64) time.Weekday { return time.Weekday(floorMod64(z+4, 7)) }

func isLeap(y int) bool { return y%4 == 0 && (y%100 != 0 || y%400 == 0) }

func daysIn(y int, m time.Month) int {
	switch m {
	case time.February:
		if isLeap(y) {
			return 29
		}
		return 28
	case time.April, time.June, time.September, time.November:
		return 30
	}
	return 31
}

func floorDiv(a, b int) int {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod(a, b int) int { return a - floorDiv(a, b)*b }

func floorDiv64(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}

func floorMod64(a, b int64) int64 { return a - floorDiv64(a, b)*b }
