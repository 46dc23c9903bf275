package legal

import (
	"math/rand/v2"
	"testing"
	"time"

	"github.com/agora-civic/agora"
)

func TestIsWorkingDay(t *testing.T) {
	for _, tt := range []struct {
		c    agora.Country
		date Date
		want bool
	}{
		{agora.RO, d(2026, time.March, 30), true},  // Monday
		{agora.RO, d(2026, time.March, 28), false}, // Saturday
		{agora.RO, d(2026, time.March, 29), false}, // Sunday
		{agora.RO, d(2026, time.April, 10), false}, // Orthodox Good Friday
		{agora.PL, d(2026, time.April, 10), true},  // an ordinary Friday in Poland
		{agora.RO, d(2026, time.April, 6), true},   // Catholic Easter Monday is not Romanian
		{agora.PL, d(2026, time.April, 6), false},
		{agora.RO, d(2026, time.April, 13), false},
		{agora.PL, d(2026, time.June, 4), false}, // Corpus Christi
		{agora.RO, d(2026, time.June, 4), true},
		{agora.RO, d(2026, time.June, 1), false}, // Whit Monday and Children's Day
		{agora.PL, d(2025, time.December, 24), false},
		{agora.PL, d(2024, time.December, 24), true},
		{agora.RO, d(2023, time.January, 6), true}, // before 2024
		{agora.RO, d(2025, time.January, 6), false},
		{"XX", d(2026, time.December, 25), true}, // unknown country: weekends only
		{"XX", d(2026, time.December, 26), false},
	} {
		if got := IsWorkingDay(tt.c, tt.date); got != tt.want {
			t.Errorf("IsWorkingDay(%s, %s) = %v, want %v", tt.c, tt.date, got, tt.want)
		}
	}
}

func TestAddWorkingDays(t *testing.T) {
	for _, tt := range []struct {
		c    agora.Country
		from Date
		n    int
		want Date
	}{
		{agora.RO, d(2026, time.March, 30), 0, d(2026, time.March, 30)},
		{agora.RO, d(2026, time.March, 28), 0, d(2026, time.March, 28)}, // 0 keeps a Saturday
		{agora.RO, d(2026, time.March, 27), 1, d(2026, time.March, 30)}, // Friday → Monday
		{agora.RO, d(2026, time.March, 28), 1, d(2026, time.March, 30)}, // Saturday → Monday
		{agora.RO, d(2026, time.March, 30), -1, d(2026, time.March, 27)},
		{agora.RO, d(2026, time.March, 29), -1, d(2026, time.March, 27)},
		// Orthodox Easter week 2026: Good Friday 10, Easter Monday 13 April.
		{agora.RO, d(2026, time.April, 9), 1, d(2026, time.April, 14)},
		{agora.RO, d(2026, time.April, 14), -1, d(2026, time.April, 9)},
		{agora.PL, d(2026, time.April, 9), 1, d(2026, time.April, 10)},
		// Catholic Easter week 2026 in Poland: Easter Monday 6 April.
		{agora.PL, d(2026, time.April, 3), 1, d(2026, time.April, 7)},
		// Corpus Christi 2026, Thursday 4 June.
		{agora.PL, d(2026, time.June, 3), 1, d(2026, time.June, 5)},
		{agora.PL, d(2026, time.June, 3), 2, d(2026, time.June, 8)},
		// Whit Monday = Children's Day, 1 June 2026, one day off.
		{agora.RO, d(2026, time.May, 29), 1, d(2026, time.June, 2)},
		// 30 working days from Sunday 1 March 2026 (RO): 22 in March,
		// 7 in April up to Thursday 9, then Good Friday and Easter
		// Monday are skipped.
		{agora.RO, d(2026, time.March, 1), 30, d(2026, time.April, 14)},
		{agora.PL, d(2026, time.March, 1), 30, d(2026, time.April, 13)}, // Easter Monday 6 April skipped
		{agora.RO, d(2026, time.March, 2), 30, d(2026, time.April, 15)},
		// Over Christmas and New Year, both countries.
		{agora.RO, d(2025, time.December, 23), 3, d(2025, time.December, 30)}, // 24 Dec works in Romania
		{agora.RO, d(2025, time.December, 30), 2, d(2026, time.January, 5)},
		{agora.RO, d(2026, time.January, 8), -3, d(2025, time.December, 30)},
		{agora.PL, d(2025, time.December, 22), 3, d(2025, time.December, 30)}, // not in Poland since 2025
		{agora.PL, d(2024, time.December, 20), 3, d(2024, time.December, 27)},
		// Over leap day.
		{agora.PL, d(2024, time.February, 28), 1, d(2024, time.February, 29)},
		{agora.PL, d(2024, time.March, 1), -1, d(2024, time.February, 29)},
		// A whole year: Poland works 253 days in 2026, Romania 250.
		{agora.PL, d(2025, time.December, 31), 253, d(2026, time.December, 31)},
		{agora.RO, d(2025, time.December, 31), 250, d(2026, time.December, 31)},
		{agora.RO, d(2026, time.December, 31), -249, d(2026, time.January, 5)}, // 31 Dec itself is not stepped onto
		{agora.RO, d(2026, time.December, 31), -250, d(2025, time.December, 31)},
	} {
		if got := AddWorkingDays(tt.c, tt.from, tt.n); got != tt.want {
			t.Errorf("AddWorkingDays(%s, %s, %d) = %s, want %s", tt.c, tt.from, tt.n, got, tt.want)
		}
	}
}

func TestWorkingDaysBetween(t *testing.T) {
	for _, tt := range []struct {
		c    agora.Country
		a, b Date
		want int
	}{
		{agora.RO, d(2026, time.March, 30), d(2026, time.March, 30), 0},
		{agora.RO, d(2026, time.March, 27), d(2026, time.March, 30), 1},
		{agora.RO, d(2026, time.March, 30), d(2026, time.March, 27), -1},
		{agora.RO, d(2026, time.March, 27), d(2026, time.March, 29), 0},
		{agora.RO, d(2026, time.March, 1), d(2026, time.April, 14), 30},
		{agora.RO, d(2026, time.March, 1), d(2026, time.April, 13), 29},
		{agora.RO, d(2026, time.April, 9), d(2026, time.April, 13), 0},
		{agora.PL, d(2026, time.April, 9), d(2026, time.April, 13), 2},
		{agora.PL, d(2026, time.January, 1), d(2026, time.December, 31), 253},
		{agora.RO, d(2026, time.January, 1), d(2026, time.December, 31), 250},
		{agora.RO, d(2026, time.December, 31), d(2026, time.January, 1), -249},
		{agora.PL, d(2025, time.January, 1), d(2025, time.December, 31), 251},
		{agora.RO, d(2024, time.December, 31), d(2025, time.December, 31), 248},
	} {
		if got := WorkingDaysBetween(tt.c, tt.a, tt.b); got != tt.want {
			t.Errorf("WorkingDaysBetween(%s, %s, %s) = %d, want %d", tt.c, tt.a, tt.b, got, tt.want)
		}
	}
}

func TestNextWorkingDay(t *testing.T) {
	if got := NextWorkingDay(agora.RO, d(2026, time.April, 10)); got != d(2026, time.April, 14) {
		t.Errorf("NextWorkingDay(RO, Good Friday) = %s", got)
	}
	if got := NextWorkingDay(agora.RO, d(2026, time.April, 9)); got != d(2026, time.April, 9) {
		t.Errorf("NextWorkingDay(RO, working Thursday) = %s", got)
	}
}

// naiveBetween counts day by day, the definition itself.
func naiveBetween(c agora.Country, a, b Date) int {
	n := 0
	for x := a; x.Before(b); {
		x = x.AddDays(1)
		if IsWorkingDay(c, x) {
			n++
		}
	}
	for x := a; x.After(b); {
		x = x.AddDays(-1)
		if IsWorkingDay(c, x) {
			n--
		}
	}
	return n
}

func TestWorkingDaysAgainstNaive(t *testing.T) {
	r := rand.New(rand.NewPCG(52, 2003))
	base := d(1990, time.January, 1)
	for range 3000 {
		c := []agora.Country{agora.RO, agora.PL, "XX"}[r.IntN(3)]
		a := base.AddDays(r.IntN(60000))
		b := a.AddDays(r.IntN(1500) - 750)
		want := naiveBetween(c, a, b)
		if got := WorkingDaysBetween(c, a, b); got != want {
			t.Fatalf("WorkingDaysBetween(%s, %s, %s) = %d, want %d", c, a, b, got, want)
		}
		if got := WorkingDaysBetween(c, a, AddWorkingDays(c, a, want)); got != want {
			t.Fatalf("WorkingDaysBetween(%s, %s, AddWorkingDays(%d)) = %d", c, a, want, got)
		}
	}
}

// checkWorkingDayInvariants states what AddWorkingDays and
// WorkingDaysBetween promise of each other.
func checkWorkingDayInvariants(t *testing.T, c agora.Country, a, e Date, n int) {
	t.Helper()
	x := AddWorkingDays(c, a, n)
	if got := WorkingDaysBetween(c, a, x); got != n {
		t.Fatalf("WorkingDaysBetween(%s, %s, AddWorkingDays(.., %d) = %s) = %d", c, a, n, x, got)
	}
	switch {
	case n == 0 && x != a:
		t.Fatalf("AddWorkingDays(%s, %s, 0) = %s", c, a, x)
	case n > 0 && (!x.After(a) || !IsWorkingDay(c, x)):
		t.Fatalf("AddWorkingDays(%s, %s, %d) = %s, not a later working day", c, a, n, x)
	case n < 0 && (!x.Before(a) || !IsWorkingDay(c, x)):
		t.Fatalf("AddWorkingDays(%s, %s, %d) = %s, not an earlier working day", c, a, n, x)
	}
	if n > 0 {
		if y := AddWorkingDays(c, x, 1); AddWorkingDays(c, a, n+1) != y {
			t.Fatalf("AddWorkingDays(%s, %s, %d+1) is not one working day after %s", c, a, n, x)
		}
	}
	// Walking the count of working days towards e lands on e when e is a
	// working day, else on the last working day passed before reaching e.
	k := WorkingDaysBetween(c, a, e)
	y := AddWorkingDays(c, a, k)
	if k != 0 {
		if !IsWorkingDay(c, y) {
			t.Fatalf("AddWorkingDays(%s, %s, %d) = %s, not a working day", c, a, k, y)
		}
		if e.After(a) && (y.After(e) || WorkingDaysBetween(c, y, e) != 0) {
			t.Fatalf("walk %s → %s: %d working days lands on %s", a, e, k, y)
		}
		if e.Before(a) && (y.Before(e) || WorkingDaysBetween(c, y, e) != 0) {
			t.Fatalf("walk %s → %s: %d working days lands on %s", a, e, k, y)
		}
	} else if y != a {
		t.Fatalf("AddWorkingDays(%s, %s, 0) = %s", c, a, y)
	}
	if e.After(a) && WorkingDaysBetween(c, a, e.AddDays(1)) < k {
		t.Fatalf("WorkingDaysBetween(%s, %s, ·) decreases after %s", c, a, e)
	}
}

func FuzzWorkingDays(f *testing.F) {
	f.Add(uint8(0), int32(20500), int32(30), int32(40))
	f.Add(uint8(1), int32(20548), int32(-5), int32(-400))
	f.Add(uint8(0), int32(20553), int32(0), int32(0))
	f.Add(uint8(2), int32(-1000000), int32(7), int32(3))
	f.Fuzz(func(t *testing.T, country uint8, day, n, span int32) {
		c := []agora.Country{agora.RO, agora.PL, "XX"}[int(country)%3]
		// Keep years within a few millennia and n within decades so one
		// run stays fast; the arithmetic has no narrower limit.
		a := fromDays(int64(day) % 1500000)
		checkWorkingDayInvariants(t, c, a, a.AddDays(int(span%20000)), int(n%10000))
	})
}

func BenchmarkAddWorkingDays30(b *testing.B) {
	day := d(2026, time.January, 1)
	for b.Loop() {
		AddWorkingDays(agora.RO, day, 30)
		day = day.AddDays(1)
	}
}
