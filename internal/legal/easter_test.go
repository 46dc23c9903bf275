package legal

import (
	"bufio"
	"os"
	"strconv"
	"strings"
	"testing"
	"time"
)

// TestEasterLegalNotes pins the table of ../shared/LEGAL-NOTES.md §5.
func TestEasterLegalNotes(t *testing.T) {
	for _, tt := range []struct {
		year              int
		orthodox, western Date
	}{
		{2025, d(2025, time.April, 20), d(2025, time.April, 20)},
		{2026, d(2026, time.April, 12), d(2026, time.April, 5)},
		{2027, d(2027, time.May, 2), d(2027, time.March, 28)},
	} {
		if got := OrthodoxEaster(tt.year); got != tt.orthodox {
			t.Errorf("OrthodoxEaster(%d) = %s, want %s", tt.year, got, tt.orthodox)
		}
		if got := GregorianEaster(tt.year); got != tt.western {
			t.Errorf("GregorianEaster(%d) = %s, want %s", tt.year, got, tt.western)
		}
	}
}

// TestEasterPublished checks 2000-2035 against the dates churches and
// almanacs publish (the same as the testdata table, typed in separately).
func TestEasterPublished(t *testing.T) {
	western := "04-23 04-15 03-31 04-20 04-11 03-27 04-16 04-08 03-23 04-12 04-04 04-24 04-08 03-31 04-20 04-05 03-27 04-16 " +
		"04-01 04-21 04-12 04-04 04-17 04-09 03-31 04-20 04-05 03-28 04-16 04-01 04-21 04-13 03-28 04-17 04-09 03-25"
	orthodox := "04-30 04-15 05-05 04-27 04-11 05-01 04-23 04-08 04-27 04-19 04-04 04-24 04-15 05-05 04-20 04-12 05-01 04-16 " +
		"04-08 04-28 04-19 05-02 04-24 04-16 05-05 04-20 04-12 05-02 04-16 04-08 04-28 04-13 05-02 04-24 04-09 04-29"
	for i, md := range strings.Fields(western) {
		y := 2000 + i
		if got := GregorianEaster(y).String(); got != strconv.Itoa(y)+"-"+md {
			t.Errorf("GregorianEaster(%d) = %s, want %d-%s", y, got, y, md)
		}
	}
	for i, md := range strings.Fields(orthodox) {
		y := 2000 + i
		if got := OrthodoxEaster(y).String(); got != strconv.Itoa(y)+"-"+md {
			t.Errorf("OrthodoxEaster(%d) = %s, want %d-%s", y, got, y, md)
		}
	}
}

// TestEasterIndependentTable compares every year of testdata/easter.txt,
// computed by python-dateutil, an implementation independent of this one.
func TestEasterIndependentTable(t *testing.T) {
	f, err := os.Open("testdata/easter.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	n := 0
	for sc.Scan() {
		line := sc.Text()
		if strings.HasPrefix(line, "#") {
			continue
		}
		fields := strings.Fields(line)
		y, err := strconv.Atoi(fields[0])
		if err != nil || len(fields) != 3 {
			t.Fatalf("bad line %q", line)
		}
		if got := GregorianEaster(y).String(); got != fields[1] {
			t.Errorf("GregorianEaster(%d) = %s, want %s", y, got, fields[1])
		}
		if got := OrthodoxEaster(y).String(); got != fields[2] {
			t.Errorf("OrthodoxEaster(%d) = %s, want %s", y, got, fields[2])
		}
		n++
	}
	if err := sc.Err(); err != nil {
		t.Fatal(err)
	}
	if n != 4099-1583+1 {
		t.Errorf("read %d years", n)
	}
}

func TestEasterExtremes(t *testing.T) {
	for _, tt := range []struct {
		got, want Date
	}{
		{GregorianEaster(1818), d(1818, time.March, 22)}, // earliest possible
		{GregorianEaster(2285), d(2285, time.March, 22)},
		{GregorianEaster(1943), d(1943, time.April, 25)}, // latest possible
		{GregorianEaster(2038), d(2038, time.April, 25)},
		{GregorianEaster(1583), d(1583, time.April, 10)}, // first Gregorian Easter
		{OrthodoxEaster(2100), d(2100, time.May, 2)},     // calendars 14 days apart from March 2100
		{OrthodoxEaster(2101), d(2101, time.April, 24)},
	} {
		if tt.got != tt.want {
			t.Errorf("got %s, want %s", tt.got, tt.want)
		}
	}
}

// TestEasterInvariants runs far beyond any published table: both Easters
// are Sundays in their computus' window, and the Julian computus repeats
// every 532 years.
func TestEasterInvariants(t *testing.T) {
	for y := -3000; y <= 12000; y++ {
		g := GregorianEaster(y)
		if g.Weekday() != time.Sunday || g.Year != y {
			t.Fatalf("GregorianEaster(%d) = %s, a %s", y, g, g.Weekday())
		}
		if g.Before(d(y, time.March, 22)) || g.After(d(y, time.April, 25)) {
			t.Fatalf("GregorianEaster(%d) = %s, outside 22 March - 25 April", y, g)
		}
		o := OrthodoxEaster(y)
		if o.Weekday() != time.Sunday {
			t.Fatalf("OrthodoxEaster(%d) = %s, a %s", y, o, o.Weekday())
		}
		// The Julian date of o, from the Gregorian one.
		jz := o.days() - julianDays(y, time.March, 22)
		if jz < 0 || jz > 34 {
			t.Fatalf("OrthodoxEaster(%d) = %s is %d days after Julian 22 March", y, o, jz)
		}
		if got := julianDays(y+532, time.March, 22) + jz; got != OrthodoxEaster(y+532).days() {
			t.Fatalf("OrthodoxEaster(%d) and (%d) differ in the Julian calendar", y, y+532)
		}
		// From 1583 on, the calendars differ by y/100 - y/400 - 2 days
		// in the spring.
		if y >= 1583 {
			j := o.AddDays(-(y/100 - y/400 - 2))
			if j.Month < time.March || j.Month > time.April || (j.Month == time.March && j.Day < 22) || (j.Month == time.April && j.Day > 25) {
				t.Fatalf("OrthodoxEaster(%d) = %s is Julian %s", y, o, j)
			}
		}
	}
}

func BenchmarkOrthodoxEaster(b *testing.B) {
	y := 0
	for b.Loop() {
		OrthodoxEaster(2000 + y%100)
		y++
	}
}
