package legal

import "time"

// GregorianEaster returns Western (Catholic and Protestant) Easter Sunday
// of year y, by the anonymous Gregorian algorithm (Meeus/Jones/Butcher).
// Floor division keeps it defined for every year, though the Gregorian
// computus only applies from 1583.
func GregorianEaster(y int) Date {
	a := floorMod(y, 19)
	b, c := floorDiv(y, 100), floorMod(y, 100)
	d, e := floorDiv(b, 4), floorMod(b, 4)
	f := floorDiv(b+8, 25)
	g := floorDiv(b-f+1, 3)
	h := floorMod(19*a+b-d-g+15, 30)
	i, k := c/4, c%4
	l := floorMod(32+2*e+2*i-h-k, 7)
	m := (a + 11*h + 22*l) / 451
	n := h + l - 7*m + 114
	return Date{y, time.Month(n / 31), n%31 + 1}
}

// OrthodoxEaster returns Orthodox Easter Sunday of year y as a Gregorian
// date. The Orthodox Church still computes Easter on the Julian calendar
// (Meeus's Julian algorithm); the Julian date is then moved to the
// Gregorian calendar through a day count, so the answer stays right past
// 2099, when the two calendars drift from 13 to 14 days apart.
func OrthodoxEaster(y int) Date {
	a, b, c := floorMod(y, 4), floorMod(y, 7), floorMod(y, 19)
	d := (19*c + 15) % 30
	e := (2*a + 4*b - d + 34) % 7
	n := d + e + 114
	return fromDays(julianDays(y, time.Month(n/31), n%31+1))
}

// julianDays counts days from 1970-01-01 (Gregorian) to the Julian
// calendar date y-m-d, through the Julian Day Number.
func julianDays(y int, m time.Month, d int) int64 {
	a := (14 - int64(m)) / 12
	yy := int64(y) + 4800 - a
	mm := int64(m) + 12*a - 3
	jdn := int64(d) + (153*mm+2)/5 + 365*yy + floorDiv64(yy, 4) - 32083
	return jdn - 2440588 // JDN of 1970-01-01
}
