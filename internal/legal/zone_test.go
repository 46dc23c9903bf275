package legal

import (
	"testing"
	"time"

	"github.com/agora-civic/agora"
)

func TestZone(t *testing.T) {
	if got := Zone(agora.RO).String(); got != "Europe/Bucharest" {
		t.Errorf("Zone(RO) = %s", got)
	}
	if got := Zone(agora.PL).String(); got != "Europe/Warsaw" {
		t.Errorf("Zone(PL) = %s", got)
	}
	if got := Zone("XX"); got != time.UTC {
		t.Errorf("Zone(XX) = %s", got)
	}
}

// TestEndOfDayAcrossDST checks the days around the last Sundays of March
// and October 2026 (29 March, 25 October), when both zones move their
// clocks at 01:00 UTC.
func TestEndOfDayAcrossDST(t *testing.T) {
	for _, tt := range []struct {
		c      agora.Country
		day    Date
		endUTC string // EndOfDay in UTC, to the second
		hours  float64
	}{
		{agora.RO, d(2026, time.March, 28), "2026-03-28T21:59:59Z", 24},
		{agora.RO, d(2026, time.March, 29), "2026-03-29T20:59:59Z", 23},
		{agora.RO, d(2026, time.March, 30), "2026-03-30T20:59:59Z", 24},
		{agora.RO, d(2026, time.October, 24), "2026-10-24T20:59:59Z", 24},
		{agora.RO, d(2026, time.October, 25), "2026-10-25T21:59:59Z", 25},
		{agora.RO, d(2026, time.October, 26), "2026-10-26T21:59:59Z", 24},
		{agora.PL, d(2026, time.March, 28), "2026-03-28T22:59:59Z", 24},
		{agora.PL, d(2026, time.March, 29), "2026-03-29T21:59:59Z", 23},
		{agora.PL, d(2026, time.March, 30), "2026-03-30T21:59:59Z", 24},
		{agora.PL, d(2026, time.October, 25), "2026-10-25T22:59:59Z", 25},
		{agora.PL, d(2026, time.October, 26), "2026-10-26T22:59:59Z", 24},
		{agora.PL, d(2024, time.February, 29), "2024-02-29T22:59:59Z", 24},
	} {
		end := EndOfDay(tt.c, tt.day)
		if got := end.UTC().Format(time.RFC3339); got != tt.endUTC {
			t.Errorf("EndOfDay(%s, %s) = %s, want %s", tt.c, tt.day, got, tt.endUTC)
		}
		local := end.In(Zone(tt.c))
		if h, m, s := local.Clock(); h != 23 || m != 59 || s != 59 || local.Nanosecond() != 999999999 {
			t.Errorf("EndOfDay(%s, %s) = %s local, want 23:59:59.999999999", tt.c, tt.day, local)
		}
		if got := DateOf(tt.c, end); got != tt.day {
			t.Errorf("DateOf(EndOfDay(%s)) = %s", tt.day, got)
		}
		if got := DateOf(tt.c, end.Add(time.Nanosecond)); got != tt.day.AddDays(1) {
			t.Errorf("DateOf(EndOfDay(%s)+1ns) = %s", tt.day, got)
		}
		if got := end.Add(time.Nanosecond).Sub(StartOfDay(tt.c, tt.day)).Hours(); got != tt.hours {
			t.Errorf("%s %s lasts %v hours, want %v", tt.c, tt.day, got, tt.hours)
		}
	}
}

func TestDateOf(t *testing.T) {
	instant := time.Date(2026, time.March, 29, 22, 30, 0, 0, time.UTC)
	if got := DateOf(agora.RO, instant); got != d(2026, time.March, 30) {
		t.Errorf("DateOf(RO, %s) = %s", instant, got)
	}
	if got := DateOf(agora.PL, instant); got != d(2026, time.March, 30) {
		t.Errorf("DateOf(PL, %s) = %s", instant, got)
	}
	instant = time.Date(2026, time.March, 29, 21, 30, 0, 0, time.UTC)
	if got := DateOf(agora.PL, instant); got != d(2026, time.March, 29) {
		t.Errorf("DateOf(PL, %s) = %s", instant, got)
	}
	if got := DateOf(agora.RO, instant); got != d(2026, time.March, 30) {
		t.Errorf("DateOf(RO, %s) = %s", instant, got)
	}
}
