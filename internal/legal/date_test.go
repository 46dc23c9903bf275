package legal

import (
	"encoding/json"
	"testing"
	"time"

	"github.com/agora-civic/agora"
)

func d(y int, m time.Month, day int) Date { return Date{y, m, day} }

func TestDaysAgreeWithTimePackage(t *testing.T) {
	start := time.Date(1583, time.January, 1, 0, 0, 0, 0, time.UTC)
	end := time.Date(2500, time.December, 31, 0, 0, 0, 0, time.UTC)
	for tt := start; !tt.After(end); tt = tt.AddDate(0, 0, 1) {
		want := tt.Unix() / 86400
		date := Date{tt.Year(), tt.Month(), tt.Day()}
		if got := date.days(); got != want {
			t.Fatalf("%s.days() = %d, want %d", date, got, want)
		}
		if got := fromDays(want); got != date {
			t.Fatalf("fromDays(%d) = %s, want %s", want, got, date)
		}
		if got := date.Weekday(); got != tt.Weekday() {
			t.Fatalf("%s.Weekday() = %s, want %s", date, got, tt.Weekday())
		}
	}
}

func TestNewDateNormalises(t *testing.T) {
	for _, tt := range []struct {
		y    int
		m    time.Month
		day  int
		want Date
	}{
		{2026, time.April, 31, d(2026, time.May, 1)},
		{2026, time.March, 0, d(2026, time.February, 28)},
		{2024, time.March, 0, d(2024, time.February, 29)},
		{2026, 13, 1, d(2027, time.January, 1)},
		{2026, 0, 1, d(2025, time.December, 1)},
		{2026, -11, 1, d(2025, time.January, 1)},
		{2026, time.January, 366, d(2027, time.January, 1)},
		{-1, time.March, 1, d(-1, time.March, 1)},
	} {
		if got := NewDate(tt.y, tt.m, tt.day); got != tt.want {
			t.Errorf("NewDate(%d, %d, %d) = %s, want %s", tt.y, tt.m, tt.day, got, tt.want)
		}
	}
}

func TestParseDate(t *testing.T) {
	for _, s := range []string{"2026-03-30", "2024-02-29", "2000-02-29", "0001-01-01", "9999-12-31"} {
		got, err := ParseDate(s)
		if err != nil || got.String() != s {
			t.Errorf("ParseDate(%q) = %s, %v", s, got, err)
		}
	}
	for _, s := range []string{"", "2026-3-30", "2025-02-29", "2100-02-29", "2026-04-31", "2026-00-10", "2026-13-01",
		"2026-01-00", "+026-01-01", "-026-01-01", "2026-+1-01", "2026-01-+1", "2026/01/01", "2026-01-01T00:00", "２０２６-01-01"} {
		_, err := ParseDate(s)
		if e := agora.AsError(err); err == nil || e.Kind != agora.Invalid || e.Key != "field.invalid_date" || e.Field != "date" {
			t.Errorf("ParseDate(%q) error = %v, want Invalid field.invalid_date", s, err)
		}
	}
}

func TestDateJSON(t *testing.T) {
	type doc struct {
		A Date `json:"a"`
		B Date `json:"b"`
	}
	in := doc{A: d(2026, time.March, 30)}
	b, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	if string(b) != `{"a":"2026-03-30","b":""}` {
		t.Errorf("json = %s", b)
	}
	var out doc
	if err := json.Unmarshal(b, &out); err != nil || out != in {
		t.Errorf("round trip = %+v, %v", out, err)
	}
	if err := json.Unmarshal([]byte(`{"a":"2026-02-30"}`), &out); err == nil {
		t.Error("2026-02-30 unmarshalled")
	}
}

func TestDateArithmetic(t *testing.T) {
	a := d(2024, time.February, 28)
	if got := a.AddDays(1); got != d(2024, time.February, 29) {
		t.Errorf("leap day: %s", got)
	}
	if got := AddCalendarDays(a, 2); got != d(2024, time.March, 1) {
		t.Errorf("AddCalendarDays = %s", got)
	}
	if got := d(2025, time.February, 28).AddDays(1); got != d(2025, time.March, 1) {
		t.Errorf("non-leap: %s", got)
	}
	if got := d(2026, time.January, 10).AddDays(-10); got != d(2025, time.December, 31) {
		t.Errorf("back over the year: %s", got)
	}
	if got := d(2024, time.January, 1).DaysUntil(d(2025, time.January, 1)); got != 366 {
		t.Errorf("DaysUntil leap year = %d", got)
	}
	if got := d(2025, time.January, 1).DaysUntil(d(2024, time.January, 1)); got != -366 {
		t.Errorf("DaysUntil backwards = %d", got)
	}
	x, y := d(2026, time.March, 30), d(2026, time.March, 31)
	if !x.Before(y) || x.After(y) || y.Before(x) || x.Compare(x) != 0 || minDate(x, y) != x || maxDate(x, y) != y {
		t.Error("comparisons disagree")
	}
	if (Date{}).Valid() || !(Date{}).IsZero() || x.IsZero() {
		t.Error("zero date")
	}
	if got := x.Noon(); !got.Equal(time.Date(2026, 3, 30, 12, 0, 0, 0, time.UTC)) {
		t.Errorf("Noon = %s", got)
	}
	if got := d(12345, time.May, 6).String(); got != "12345-05-06" {
		t.Errorf("String = %q", got)
	}
}

func FuzzParseDate(f *testing.F) {
	for _, s := range []string{"2026-03-30", "2024-02-29", "2025-02-29", "", "0000-00-00", "9999-99-99", "2026-1-1"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		got, err := ParseDate(s)
		if err != nil {
			if agora.KindOf(err) != agora.Invalid {
				t.Fatalf("ParseDate(%q) error kind %v", s, agora.KindOf(err))
			}
			return
		}
		if !got.Valid() || got.String() != s {
			t.Fatalf("ParseDate(%q) = %s, does not round-trip", s, got)
		}
		if _, err := time.Parse(time.DateOnly, s); err != nil {
			t.Fatalf("ParseDate accepted %q, time.Parse did not: %v", s, err)
		}
	})
}
