package i18n

import (
	"strconv"
	"time"

	// Embed the time zone database so Europe/Bucharest and Europe/Warsaw
	// resolve on hosts and containers without /usr/share/zoneinfo.
	_ "time/tzdata"
)

// Locale formats values for a language and time zone. The zero value
// formats like DefaultLang in DefaultLang's zone.
type Locale struct {
	Lang string
	Zone *time.Location
}

// NewLocale returns the Locale for lang in zone; a nil zone means
// DefaultZone(lang) and an unsupported lang means DefaultLang.
func NewLocale(lang string, zone *time.Location) Locale {
	lang = normLang(lang)
	if zone == nil {
		zone = DefaultZone(lang)
	}
	return Locale{Lang: lang, Zone: zone}
}

// defaultZones is filled once at start-up and never written again. Loading
// cannot fail because the tz database is embedded; should it anyway, UTC
// keeps the program running with visibly wrong but readable times.
var defaultZones = map[string]*time.Location{
	"ro": mustZone("Europe/Bucharest"),
	"pl": mustZone("Europe/Warsaw"),
}

func mustZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// DefaultZone returns the time zone agora shows times in for lang when the
// user has not chosen one: Europe/Warsaw for Polish, Europe/Bucharest for
// Romanian, English and anything else.
func DefaultZone(lang string) *time.Location {
	if lang == "pl" {
		return defaultZones["pl"]
	}
	return defaultZones["ro"]
}

// monthNames holds, per language, the nominative (stand-alone) month names
// for calendars and the forms used inside a date, which differ in Polish
// ("listopad" but "23 listopada").
var monthNames = map[string]struct{ nominative, inDate [12]string }{
	"ro": {
		nominative: [12]string{"ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie", "noiembrie", "decembrie"},
		inDate:     [12]string{"ianuarie", "februarie", "martie", "aprilie", "mai", "iunie", "iulie", "august", "septembrie", "octombrie", "noiembrie", "decembrie"},
	},
	"pl": {
		nominative: [12]string{"styczeń", "luty", "marzec", "kwiecień", "maj", "czerwiec", "lipiec", "sierpień", "wrzesień", "październik", "listopad", "grudzień"},
		inDate:     [12]string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"},
	},
	"en": {
		nominative: [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
		inDate:     [12]string{"January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"},
	},
}

func (l Locale) lang() string { return normLang(l.Lang) }

// in converts t to the locale's zone.
func (l Locale) in(t time.Time) time.Time {
	if l.Zone == nil {
		return t.In(DefaultZone(l.lang()))
	}
	return t.In(l.Zone)
}

// Date formats the calendar day of t in the locale's zone: "23.11.2026" in
// Romanian, "23.11.2026" in Polish (the day without a leading zero, as CLDR
// has it: "5.03.2026"), "23 Nov 2026" in English.
func (l Locale) Date(t time.Time) string {
	t = l.in(t)
	switch l.lang() {
	case "en":
		return t.Format("2 Jan 2006")
	case "pl":
		return t.Format("2.01.2006")
	default:
		return t.Format("02.01.2006")
	}
}

// DateLong formats the day of t with the month spelt out: "23 noiembrie
// 2026", "23 listopada 2026" (Polish takes the genitive), "23 November
// 2026".
func (l Locale) DateLong(t time.Time) string {
	t = l.in(t)
	lang := l.lang()
	return strconv.Itoa(t.Day()) + " " + monthNames[lang].inDate[t.Month()-1] + " " + strconv.Itoa(t.Year())
}

// DateTime formats t as Date followed by the 24-hour time: "23.11.2026
// 15:04".
func (l Locale) DateTime(t time.Time) string {
	return l.Date(t) + " " + l.in(t).Format("15:04")
}

// MonthName returns the nominative month name used to head a calendar:
// "noiembrie", "listopad", "November". Romanian and Polish write month
// names in lower case; capitalise in CSS where a heading needs it. An
// out-of-range m returns "".
func (l Locale) MonthName(m time.Month) string {
	if m < time.January || m > time.December {
		return ""
	}
	return monthNames[l.lang()].nominative[m-1]
}
