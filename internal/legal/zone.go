package legal

import (
	"time"

	"github.com/agora-civic/agora"

	// Embed the zone database: deadlines must close at midnight in
	// Bucharest or Warsaw even on a host without /usr/share/zoneinfo.
	_ "time/tzdata"
)

// zones is filled once at start-up and never written again.
var zones = map[agora.Country]*time.Location{
	agora.RO: loadZone("Europe/Bucharest"),
	agora.PL: loadZone("Europe/Warsaw"),
}

// loadZone cannot fail with the embedded database; UTC keeps the program
// running should it anyway.
func loadZone(name string) *time.Location {
	loc, err := time.LoadLocation(name)
	if err != nil {
		return time.UTC
	}
	return loc
}

// Zone returns the legal time zone of country c: Europe/Bucharest for RO,
// Europe/Warsaw for PL, UTC for a country agora does not know.
func Zone(c agora.Country) *time.Location {
	if loc, ok := zones[c]; ok {
		return loc
	}
	return time.UTC
}

// DateOf returns the civil date of instant t in country c.
func DateOf(c agora.Country, t time.Time) Date {
	y, m, d := t.In(Zone(c)).Date()
	return Date{y, m, d}
}

// StartOfDay returns the first instant of day d in country c: local
// midnight, which exists on every day in both zones because the EU moves
// clocks at 01:00 UTC (02:00 or 03:00 in Warsaw, 03:00 or 04:00 in
// Bucharest).
func StartOfDay(c agora.Country, d Date) time.Time {
	return time.Date(d.Year, d.Month, d.Day, 0, 0, 0, 0, Zone(c))
}

// EndOfDay returns the last instant of day d in country c, 23:59:59.999999999
// local time: a period "until 30 March" closes then. The day's length is
// the zone's, so the 23-hour and 25-hour days of the daylight-saving
// changes end at local midnight too.
func EndOfDay(c agora.Country, d Date) time.Time {
	next := d.AddDays(1)
	return StartOfDay(c, next).Add(-time.Nanosecond)
}
