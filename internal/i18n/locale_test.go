package i18n

import (
	"testing"
	"time"
)

func TestDefaultZone(t *testing.T) {
	for _, tt := range []struct{ lang, want string }{
		{"ro", "Europe/Bucharest"}, {"pl", "Europe/Warsaw"}, {"en", "Europe/Bucharest"}, {"xx", "Europe/Bucharest"},
	} {
		if got := DefaultZone(tt.lang).String(); got != tt.want {
			t.Errorf("DefaultZone(%q) = %s, want %s", tt.lang, got, tt.want)
		}
		if got := NewLocale(tt.lang, nil).Zone.String(); got != tt.want {
			t.Errorf("NewLocale(%q, nil).Zone = %s, want %s", tt.lang, got, tt.want)
		}
	}
	if l := NewLocale("de", time.UTC); l.Lang != "ro" || l.Zone != time.UTC {
		t.Errorf(`NewLocale("de", UTC) = %+v, want ro in UTC`, l)
	}
}

func zone(t *testing.T, name string) *time.Location {
	t.Helper()
	loc, err := time.LoadLocation(name)
	if err != nil {
		t.Fatal(err)
	}
	return loc
}

func TestDates(t *testing.T) {
	bucharest, warsaw := zone(t, "Europe/Bucharest"), zone(t, "Europe/Warsaw")
	nov23 := time.Date(2026, 11, 23, 14, 5, 0, 0, time.UTC) // 16:05 in Bucharest, 15:05 in Warsaw
	mar5 := time.Date(2026, 3, 5, 8, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name                 string
		l                    Locale
		t                    time.Time
		date, long, dateTime string
	}{
		{"ro", NewLocale("ro", nil), nov23, "23.11.2026", "23 noiembrie 2026", "23.11.2026 16:05"},
		{"pl", NewLocale("pl", nil), nov23, "23.11.2026", "23 listopada 2026", "23.11.2026 15:05"},
		{"en", NewLocale("en", nil), nov23, "23 Nov 2026", "23 November 2026", "23 Nov 2026 16:05"},
		// CLDR: Romanian pads the day, Polish does not.
		{"ro single digit", NewLocale("ro", nil), mar5, "05.03.2026", "5 martie 2026", "05.03.2026 10:00"},
		{"pl single digit", NewLocale("pl", nil), mar5, "5.03.2026", "5 marca 2026", "5.03.2026 09:00"},
		{"en single digit", NewLocale("en", nil), mar5, "5 Mar 2026", "5 March 2026", "5 Mar 2026 10:00"},
		// The zone decides the day.
		{"late UTC is next day in Bucharest", NewLocale("ro", nil), time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC), "23.11.2026", "23 noiembrie 2026", "23.11.2026 01:30"},
		{"late UTC in UTC", NewLocale("ro", time.UTC), time.Date(2026, 11, 22, 23, 30, 0, 0, time.UTC), "22.11.2026", "22 noiembrie 2026", "22.11.2026 23:30"},
		{"Polish user in Bucharest", NewLocale("pl", bucharest), nov23, "23.11.2026", "23 listopada 2026", "23.11.2026 16:05"},
		// Warsaw springs forward at 01:00 UTC on 29 March 2026 (02:00 -> 03:00).
		{"Warsaw before DST", NewLocale("pl", warsaw), time.Date(2026, 3, 28, 23, 30, 0, 0, time.UTC), "29.03.2026", "29 marca 2026", "29.03.2026 00:30"},
		{"Warsaw last CET hour", NewLocale("pl", warsaw), time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC), "29.03.2026", "29 marca 2026", "29.03.2026 01:30"},
		{"Warsaw first CEST hour", NewLocale("pl", warsaw), time.Date(2026, 3, 29, 1, 30, 0, 0, time.UTC), "29.03.2026", "29 marca 2026", "29.03.2026 03:30"},
		// Bucharest falls back at 01:00 UTC on 25 October 2026 (04:00 -> 03:00), so 03:30 happens twice.
		{"Bucharest before fall back", NewLocale("ro", bucharest), time.Date(2026, 10, 24, 21, 30, 0, 0, time.UTC), "25.10.2026", "25 octombrie 2026", "25.10.2026 00:30"},
		{"Bucharest EEST 03:30", NewLocale("ro", bucharest), time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), "25.10.2026", "25 octombrie 2026", "25.10.2026 03:30"},
		{"Bucharest EET 03:30", NewLocale("ro", bucharest), time.Date(2026, 10, 25, 1, 30, 0, 0, time.UTC), "25.10.2026", "25 octombrie 2026", "25.10.2026 03:30"},
		{"en in Bucharest at fall back", NewLocale("en", nil), time.Date(2026, 10, 25, 0, 30, 0, 0, time.UTC), "25 Oct 2026", "25 October 2026", "25 Oct 2026 03:30"},
		{"pl in Warsaw, 24 October", NewLocale("pl", nil), time.Date(2026, 10, 24, 21, 30, 0, 0, time.UTC), "24.10.2026", "24 października 2026", "24.10.2026 23:30"},
		// A time already in another zone is converted first.
		{"input in New York", NewLocale("ro", nil), time.Date(2026, 11, 22, 20, 0, 0, 0, zone(t, "America/New_York")), "23.11.2026", "23 noiembrie 2026", "23.11.2026 03:00"},
		// The zero Locale formats like Romanian in Bucharest.
		{"zero Locale", Locale{}, nov23, "23.11.2026", "23 noiembrie 2026", "23.11.2026 16:05"},
		{"unknown language", Locale{Lang: "fr", Zone: warsaw}, nov23, "23.11.2026", "23 noiembrie 2026", "23.11.2026 15:05"},
		{"year 1", NewLocale("ro", time.UTC), time.Date(1, 1, 1, 0, 0, 0, 0, time.UTC), "01.01.0001", "1 ianuarie 1", "01.01.0001 00:00"},
	} {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.l.Date(tt.t); got != tt.date {
				t.Errorf("Date = %q, want %q", got, tt.date)
			}
			if got := tt.l.DateLong(tt.t); got != tt.long {
				t.Errorf("DateLong = %q, want %q", got, tt.long)
			}
			if got := tt.l.DateTime(tt.t); got != tt.dateTime {
				t.Errorf("DateTime = %q, want %q", got, tt.dateTime)
			}
		})
	}
}

func TestMonthNames(t *testing.T) {
	for _, tt := range []struct {
		lang string
		m    time.Month
		name string // nominative
		long string // inside DateLong
	}{
		{"ro", time.January, "ianuarie", "1 ianuarie 2026"},
		{"ro", time.November, "noiembrie", "1 noiembrie 2026"},
		{"pl", time.January, "styczeń", "1 stycznia 2026"},
		{"pl", time.February, "luty", "1 lutego 2026"},
		{"pl", time.March, "marzec", "1 marca 2026"},
		{"pl", time.April, "kwiecień", "1 kwietnia 2026"},
		{"pl", time.May, "maj", "1 maja 2026"},
		{"pl", time.June, "czerwiec", "1 czerwca 2026"},
		{"pl", time.July, "lipiec", "1 lipca 2026"},
		{"pl", time.August, "sierpień", "1 sierpnia 2026"},
		{"pl", time.September, "wrzesień", "1 września 2026"},
		{"pl", time.October, "październik", "1 października 2026"},
		{"pl", time.November, "listopad", "1 listopada 2026"},
		{"pl", time.December, "grudzień", "1 grudnia 2026"},
		{"en", time.September, "September", "1 September 2026"},
	} {
		l := NewLocale(tt.lang, time.UTC)
		if got := l.MonthName(tt.m); got != tt.name {
			t.Errorf("MonthName(%s) in %s = %q, want %q", tt.m, tt.lang, got, tt.name)
		}
		if got := l.DateLong(time.Date(2026, tt.m, 1, 12, 0, 0, 0, time.UTC)); got != tt.long {
			t.Errorf("DateLong(1 %s 2026) in %s = %q, want %q", tt.m, tt.lang, got, tt.long)
		}
	}
	for _, m := range []time.Month{0, 13, -1} {
		if got := NewLocale("pl", nil).MonthName(m); got != "" {
			t.Errorf("MonthName(%d) = %q, want empty", m, got)
		}
	}
	for _, lang := range supported {
		for m := time.January; m <= time.December; m++ {
			if NewLocale(lang, nil).MonthName(m) == "" {
				t.Errorf("MonthName(%s) in %s is empty", m, lang)
			}
		}
	}
}
