package legal

import (
	"math"
	"slices"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
)

// Holiday is a public holiday on which public authorities do not work.
type Holiday struct {
	Date Date
	// Name is a stable code ("easter_monday"); Key gives its label.
	Name string
}

// Key returns the catalogue key of the holiday's name,
// "legal.holiday.<name>".
func (h Holiday) Key() string { return i18n.Prefix("legal.holiday.") + h.Name }

// holidayRule is one line of a country's holiday law: a fixed day of the
// year, or a day counted from Easter Sunday, in force from a given year.
type holidayRule struct {
	name   string
	month  time.Month // 0: the day is Easter + offset
	day    int
	offset int
	since  int // first year it applies; 0 for every year
}

// roHolidays follows the Labour Code (Law 53/2003) art. 139(1), formerly
// art. 134(1), with the dates its amendments added days; earlier years get
// the 2003 list. Moveable feasts follow Orthodox Easter.
var roHolidays = [...]holidayRule{
	{name: "new_year", month: time.January, day: 1},
	{name: "new_year_second_day", month: time.January, day: 2},
	{name: "epiphany", month: time.January, day: 6, since: 2024}, // LEGAL-NOTES §5
	{name: "saint_john_baptist", month: time.January, day: 7, since: 2024},
	{name: "union_day", month: time.January, day: 24, since: 2017}, // Law 176/2016, MO 808/13.10.2016
	{name: "good_friday", offset: -2, since: 2018},
	{name: "easter", offset: 0},
	{name: "easter_monday", offset: 1},
	{name: "labour_day", month: time.May, day: 1},
	{name: "childrens_day", month: time.June, day: 1, since: 2017},
	{name: "pentecost", offset: 49, since: 2009},                       // Law 202/2008, MO 728/28.10.2008
	{name: "pentecost_monday", offset: 50, since: 2009},                // same law
	{name: "assumption", month: time.August, day: 15, since: 2009},     // same law
	{name: "saint_andrew", month: time.November, day: 30, since: 2012}, // Law 147/2012, MO 509/24.07.2012
	{name: "national_day", month: time.December, day: 1},
	{name: "christmas", month: time.December, day: 25},
	{name: "christmas_second_day", month: time.December, day: 26},
}

// plHolidays follows the Act of 18 January 1951 on days free from work,
// art. 1 pkt 1, as in force since 1990, with the later additions; earlier
// years get the 1990 list. Moveable feasts follow Gregorian Easter.
var plHolidays = [...]holidayRule{
	{name: "new_year", month: time.January, day: 1},
	{name: "epiphany", month: time.January, day: 6, since: 2011}, // Act of 24.09.2010, Dz.U. 2010 nr 224 poz. 1459
	{name: "easter", offset: 0},
	{name: "easter_monday", offset: 1},
	{name: "labour_day", month: time.May, day: 1},
	{name: "constitution_day", month: time.May, day: 3},
	{name: "pentecost", offset: 49},
	{name: "corpus_christi", offset: 60},
	{name: "assumption", month: time.August, day: 15},
	{name: "all_saints", month: time.November, day: 1},
	{name: "independence_day", month: time.November, day: 11},
	{name: "christmas_eve", month: time.December, day: 24, since: 2025}, // in force 1.02.2025 (LEGAL-NOTES §5)
	{name: "christmas", month: time.December, day: 25},
	{name: "christmas_second_day", month: time.December, day: 26},
}

// countryHolidays returns the rules of c and its Easter, or nil for a
// country agora does not know.
func countryHolidays(c agora.Country) ([]holidayRule, func(int) Date) {
	switch c {
	case agora.RO:
		return roHolidays[:], OrthodoxEaster
	case agora.PL:
		return plHolidays[:], GregorianEaster
	}
	return nil, nil
}

// Holidays returns the public holidays of country c in year, in date
// order. Two holidays on one day (in Romania Whit Monday can fall on
// 1 June) are both listed. An unknown country has none.
func Holidays(c agora.Country, year int) []Holiday {
	rules, easter := countryHolidays(c)
	if rules == nil {
		return nil
	}
	e := easter(year)
	out := make([]Holiday, 0, len(rules))
	for _, r := range rules {
		if year < r.since {
			continue
		}
		out = append(out, Holiday{Date: r.date(year, e), Name: r.name})
	}
	slices.SortStableFunc(out, func(a, b Holiday) int { return a.Date.Compare(b.Date) })
	return out
}

// HolidaysOn returns the holidays of country c that fall on d (usually
// none or one).
func HolidaysOn(c agora.Country, d Date) []Holiday {
	var out []Holiday
	for _, h := range Holidays(c, d.Year) {
		if h.Date == d {
			out = append(out, h)
		}
	}
	return out
}

// IsHoliday reports whether d is a public holiday in country c.
func IsHoliday(c agora.Country, d Date) bool {
	rules, easter := countryHolidays(c)
	const unknown = math.MinInt64
	var offset int64 = unknown // d's distance from Easter, once needed
	for _, r := range rules {
		if d.Year < r.since {
			continue
		}
		if r.month != 0 {
			if r.month == d.Month && r.day == d.Day {
				return true
			}
			continue
		}
		if offset == unknown {
			offset = d.days() - easter(d.Year).days()
		}
		if offset == int64(r.offset) {
			return true
		}
	}
	return false
}

// date returns the day of r in year, given that year's Easter Sunday.
func (r holidayRule) date(year int, easter Date) Date {
	if r.month != 0 {
		return Date{year, r.month, r.day}
	}
	return easter.AddDays(r.offset)
}
