package web

import (
	"strings"
	"time"
	"unicode/utf8"
)

// icsWriter writes an iCalendar stream (RFC 5545): CRLF line ends, long
// lines folded at 75 octets without splitting a UTF-8 sequence, TEXT
// values escaped. Times are written in UTC ("Z"), so no VTIMEZONE is
// needed; whole days are DATE values, which calendars show on that day
// wherever the reader is.
type icsWriter struct {
	b strings.Builder
}

// icsLineOctets is the longest line RFC 5545 §3.1 allows, CRLF excluded.
const icsLineOctets = 75

// line writes one content line, folding it: each continuation starts with
// a space, which counts toward its 75 octets.
func (w *icsWriter) line(s string) {
	limit := icsLineOctets
	for len(s) > limit {
		cut := limit
		for cut > 0 && !utf8.RuneStart(s[cut]) {
			cut--
		}
		w.b.WriteString(s[:cut])
		w.b.WriteString("\r\n ")
		s = s[cut:]
		limit = icsLineOctets - 1
	}
	w.b.WriteString(s)
	w.b.WriteString("\r\n")
}

// prop writes a property whose value is already in iCalendar syntax.
func (w *icsWriter) prop(name, value string) { w.line(name + ":" + value) }

// text writes a TEXT property, escaped.
func (w *icsWriter) text(name, value string) { w.line(name + ":" + icsEscape(value)) }

// utc writes a DATE-TIME property in UTC.
func (w *icsWriter) utc(name string, t time.Time) { w.prop(name, t.UTC().Format("20060102T150405Z")) }

// date writes a DATE property for a civil day.
func (w *icsWriter) date(name string, y int, m time.Month, d int) {
	w.prop(name+";VALUE=DATE", time.Date(y, m, d, 0, 0, 0, 0, time.UTC).Format("20060102"))
}

func (w *icsWriter) String() string { return w.b.String() }

// icsEscape escapes a TEXT value (RFC 5545 §3.3.11): backslash, comma
// and semicolon get a backslash, a line break becomes \n. Other control
// characters, which TEXT may not hold, and invalid UTF-8 are dropped.
func icsEscape(s string) string {
	s = icsClean(s)
	var b strings.Builder
	b.Grow(len(s))
	for _, r := range s {
		switch r {
		case '\\', ';', ',':
			b.WriteByte('\\')
			b.WriteRune(r)
		case '\n':
			b.WriteString(`\n`)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

// icsClean is the text icsEscape encodes: line breaks made "\n", other
// control characters (tab kept) and invalid UTF-8 removed.
func icsClean(s string) string {
	s = strings.ToValidUTF8(s, "")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	return strings.Map(func(r rune) rune {
		if (r < 0x20 && r != '\n' && r != '\t') || r == 0x7f {
			return -1
		}
		return r
	}, s)
}
