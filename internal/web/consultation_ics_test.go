package web

import (
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
	"unicode/utf8"
)

// icsUnfold undoes RFC 5545 folding; icsUnescape undoes TEXT escaping.
func icsUnfold(s string) string { return strings.ReplaceAll(s, "\r\n ", "") }

func icsUnescape(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '\\' && i+1 < len(s) {
			i++
			if s[i] == 'n' || s[i] == 'N' {
				b.WriteByte('\n')
			} else {
				b.WriteByte(s[i])
			}
			continue
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// checkICSLines asserts the physical form of a stream: CRLF only, no line
// longer than 75 octets, every line valid UTF-8.
func checkICSLines(t *testing.T, s string) {
	t.Helper()
	if !strings.HasSuffix(s, "\r\n") {
		t.Fatalf("stream does not end with CRLF")
	}
	for i, l := range strings.Split(strings.TrimSuffix(s, "\r\n"), "\r\n") {
		if len(l) > icsLineOctets {
			t.Errorf("line %d has %d octets: %q", i, len(l), l)
		}
		if !utf8.ValidString(l) {
			t.Errorf("line %d splits a character: %q", i, l)
		}
		if strings.ContainsAny(l, "\r\n") {
			t.Errorf("line %d holds a bare CR or LF: %q", i, l)
		}
	}
}

func TestICSWriterFoldsAndEscapes(t *testing.T) {
	var w icsWriter
	long := strings.Repeat("ăîșțâ ĄĘŁŃÓŚŹŻ; a,b\\c\n", 12)
	w.text("DESCRIPTION", long)
	out := w.String()
	checkICSLines(t, out)
	if got := icsUnescape(strings.TrimPrefix(strings.TrimSuffix(icsUnfold(out), "\r\n"), "DESCRIPTION:")); got != long {
		t.Errorf("round trip = %q", got)
	}
	w = icsWriter{}
	w.text("SUMMARY", "a;b,c\\d\r\ne\rf\x00g")
	if got, want := w.String(), "SUMMARY:a\\;b\\,c\\\\d\\ne\\nfg\r\n"; got != want {
		t.Errorf("escaped = %q, want %q", got, want)
	}
	// Exactly 75 octets stay on one line; 76 fold.
	w = icsWriter{}
	w.line(strings.Repeat("x", 75))
	w.line(strings.Repeat("y", 76))
	if got := w.String(); got != strings.Repeat("x", 75)+"\r\n"+strings.Repeat("y", 75)+"\r\n y\r\n" {
		t.Errorf("folding at the limit = %q", got)
	}
}

func FuzzICSText(f *testing.F) {
	for _, s := range []string{"", "a", "Ședința; ordinea, de zi\\", "line\r\nbreak\rcr\nlf", strings.Repeat("ż", 80), "\xff\xfe", "\t\x01"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		var w icsWriter
		w.text("DESCRIPTION", s)
		out := w.String()
		checkICSLines(t, out)
		got := icsUnescape(strings.TrimPrefix(strings.TrimSuffix(icsUnfold(out), "\r\n"), "DESCRIPTION:"))
		if want := icsClean(s); got != want {
			t.Fatalf("round trip of %q = %q, want %q", s, got, want)
		}
	})
}

// icsEvents splits a calendar into its events' unfolded properties.
func icsEvents(t *testing.T, s string) []map[string]string {
	t.Helper()
	var out []map[string]string
	var cur map[string]string
	depth := 0
	for _, l := range strings.Split(strings.TrimSuffix(icsUnfold(s), "\r\n"), "\r\n") {
		name, value, ok := strings.Cut(l, ":")
		if !ok {
			t.Fatalf("line without a colon: %q", l)
		}
		switch {
		case l == "BEGIN:VEVENT":
			cur = map[string]string{}
			depth++
		case l == "END:VEVENT":
			out = append(out, cur)
			cur = nil
			depth--
		case cur != nil:
			cur[name] = value
		}
	}
	if depth != 0 {
		t.Fatalf("unbalanced VEVENT")
	}
	return out
}

func TestConsultationCalendars(t *testing.T) {
	f := newFollowFixture(t)
	resp := f.getRaw("/consultations/calendar.ics")
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	body := string(b)
	if resp.StatusCode != http.StatusOK || !strings.HasPrefix(resp.Header.Get("Content-Type"), "text/calendar") {
		t.Fatalf("calendar: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	checkICSLines(t, body)
	if !strings.HasPrefix(body, "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:") || !strings.HasSuffix(body, "END:VCALENDAR\r\n") {
		t.Fatalf("calendar frame:\n%s", body)
	}
	events := icsEvents(t, body)
	// Three consultations × (deadline + adoption) + one debate.
	if len(events) != 7 {
		t.Fatalf("%d events, want 7:\n%s", len(events), body)
	}
	uids := map[string]bool{}
	for _, e := range events {
		if e["UID"] == "" || uids[e["UID"]] || e["DTSTAMP"] == "" || e["SUMMARY"] == "" {
			t.Errorf("event %v", e)
		}
		uids[e["UID"]] = true
		if _, err := time.Parse("20060102T150405Z", e["DTSTAMP"]); err != nil {
			t.Errorf("DTSTAMP %q not UTC", e["DTSTAMP"])
		}
	}
	deadline := "" // the open consultation's deadline is an all-day event on its closing day in Bucharest
	for _, e := range events {
		if e["UID"] == f.open.ID+"-deadline@agora.test" {
			deadline = e["DTSTART;VALUE=DATE"]
		}
	}
	loc, _ := time.LoadLocation("Europe/Bucharest")
	if want := f.open.CommentsClose.In(loc).Format("20060102"); deadline != want {
		t.Errorf("deadline DTSTART = %q, want %q", deadline, want)
	}
	var debate map[string]string
	for _, e := range events {
		if e["UID"] == f.debate.ID+"-debate@agora.test" {
			debate = e
		}
	}
	if debate == nil || debate["DTSTART"] != f.debate.StartsAt.UTC().Format("20060102T150405Z") ||
		icsUnescape(debate["LOCATION"]) != "Sala mare, Str. Moților 3; etaj 1 https://meet.example/abc" {
		t.Errorf("debate event %v", debate)
	}
	if strings.Contains(body, "Ciornă") {
		t.Error("the calendar shows a draft")
	}

	// One consultation's calendar, stable between requests.
	get := func() string {
		resp := f.getRaw("/consultations/" + f.open.ID + "/calendar.ics")
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK {
			t.Fatalf("one calendar: %d", resp.StatusCode)
		}
		return string(b)
	}
	one := get()
	checkICSLines(t, one)
	if evs := icsEvents(t, one); len(evs) != 3 {
		t.Errorf("one consultation: %d events, want 3", len(evs))
	}
	if again := get(); again != one {
		t.Error("the calendar changes between requests; UIDs and DTSTAMP must be stable")
	}
	if resp := f.getRaw("/consultations/nope/calendar.ics"); resp.StatusCode != http.StatusNotFound {
		t.Errorf("unknown consultation: %d", resp.StatusCode)
	}
}
