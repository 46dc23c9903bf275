package importer

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
)

// ActTitle is what the heading of an act says about it. Zero fields were
// not found.
type ActTitle struct {
	Kind   string // a code of agora.LawKinds, "other" when not recognised
	Number string // normalised: "1.326" → "1326"
	Year   int
	// Date is the adoption date "YYYY-MM-DD" when the title gives the
	// day, month and year.
	Date string
}

// Romanian titles read "LEGE nr. 52 din 21 ianuarie 2003 (*republicată*)",
// "HOTĂRÂRE nr. 1.326 din 23 decembrie 2010", "LEGEA contabilității nr.
// 82 din 24 decembrie 1991", "LEGE nr. 2 din 1973", "CODUL PENAL din 17
// iulie 2009" or, in listing-label form, "LEGE 286 17/07/2009". They are
// matched on the folded title, so cedilla, comma-below and missing
// diacritics all read alike.
var (
	roTitleRE = regexp.MustCompile(`^[^a-z0-9]*([a-z][a-z -]*?)(?:\s+[a-z][^0-9]*?)??\s*(?:\bnr\.?\s*([0-9][0-9.]*[a-z]?))?\s+din\s+(?:([0-9]{1,2})\s+([a-z]+)\s+)?([0-9]{4})\b`)
	roLabelRE = regexp.MustCompile(`^[^a-z0-9]*([a-z][a-z -]*?)\s+([0-9][0-9.]*)\s+([0-9]{1,2})/([0-9]{1,2})/([0-9]{4})\b`)
	// Polish titles: "Ustawa z dnia 24 kwietnia 2003 r. o działalności…",
	// "Rozporządzenie Ministra … z dnia 5 maja 2020 r. w sprawie …".
	// "dnia" and "r." are sometimes missing, the day and month sometimes
	// doubled ("z dnia 6 lipca 6 lipca 2007 r.").
	plTitleRE = regexp.MustCompile(`^\s*([a-z]+)\b.*?\bz\s+(?:dnia\s+)?(?:[0-9]{1,2}\s+[a-z]+\s+)?([0-9]{1,2})\s+([a-z]+)\s+([0-9]{4})\b`)
)

var roMonths = map[string]int{"ianuarie": 1, "februarie": 2, "martie": 3, "aprilie": 4, "mai": 5, "iunie": 6,
	"iulie": 7, "august": 8, "septembrie": 9, "octombrie": 10, "noiembrie": 11, "decembrie": 12}

var plMonths = map[string]int{"stycznia": 1, "lutego": 2, "marca": 3, "kwietnia": 4, "maja": 5, "czerwca": 6,
	"lipca": 7, "sierpnia": 8, "wrzesnia": 9, "pazdziernika": 10, "listopada": 11, "grudnia": 12}

// roKinds maps the folded first words of a Romanian title to a kind.
// Longer phrases come first: "ordonanta de urgenta" before "ordonanta".
var roKinds = []struct{ prefix, kind string }{
	{"ordonanta de urgenta", "oug"}, {"ordonanta", "og"}, {"hotarare", "hg"}, {"hotararea", "hg"},
	{"legea-cadru", "lege"}, {"lege-cadru", "lege"}, {"legea", "lege"}, {"lege", "lege"},
	{"decretul", "decret"}, {"decret", "decret"}, {"decizia", "decizie"}, {"decizie", "decizie"},
	{"ordinul", "ordin"}, {"ordin", "ordin"}, {"regulamentul", "regulament"}, {"regulament", "regulament"},
	{"codul", "cod"}, {"cod", "cod"},
}

var plKinds = map[string]string{
	"ustawa": "ustawa", "kodeks": "kodeks", "konstytucja": "konstytucja", "rozporzadzenie": "rozporzadzenie",
	"obwieszczenie": "obwieszczenie", "dekret": "dekret", "uchwala": "uchwala", "zarzadzenie": "zarzadzenie",
	"umowa": "umowa", "konwencja": "umowa", "traktat": "umowa",
}

// ParseActTitle reads kind, number, year and date from the title of an
// act of jurisdiction j. It never fails: what it cannot read stays zero,
// and the kind is "other".
func ParseActTitle(j agora.Country, title string) ActTitle {
	f := agora.Fold(title)
	if j == agora.PL {
		return parsePLTitle(f)
	}
	return parseROTitle(f)
}

func parseROTitle(f string) ActTitle {
	t := ActTitle{Kind: roKind(f)}
	if m := roLabelRE.FindStringSubmatch(f); m != nil && roKind(m[1]) != "other" {
		t.Number = agora.NormalizeActNumber(m[2])
		t.Year, _ = strconv.Atoi(m[5])
		d, _ := strconv.Atoi(m[3])
		mo, _ := strconv.Atoi(m[4])
		t.Date = isoDate(t.Year, mo, d)
		return t
	}
	m := roTitleRE.FindStringSubmatch(f)
	if m == nil {
		return t
	}
	t.Number = agora.NormalizeActNumber(m[2])
	t.Year, _ = strconv.Atoi(m[5])
	if m[3] != "" {
		d, _ := strconv.Atoi(m[3])
		t.Date = isoDate(t.Year, roMonths[m[4]], d)
	}
	return t
}

// roKind finds the kind from the first words of a folded title; a
// leading "○" or other symbol is skipped.
func roKind(f string) string {
	f = strings.TrimLeftFunc(f, func(r rune) bool { return r < 'a' || r > 'z' })
	for _, k := range roKinds {
		if strings.HasPrefix(f, k.prefix) && (len(f) == len(k.prefix) || !isASCIILetter(f[len(k.prefix)])) {
			return k.kind
		}
	}
	return "other"
}

func isASCIILetter(c byte) bool { return c >= 'a' && c <= 'z' || c == '-' }

func parsePLTitle(f string) ActTitle {
	t := ActTitle{Kind: "other"}
	if first, _, _ := strings.Cut(strings.TrimSpace(f), " "); plKinds[first] != "" {
		t.Kind = plKinds[first]
	}
	m := plTitleRE.FindStringSubmatch(f)
	if m == nil {
		return t
	}
	t.Year, _ = strconv.Atoi(m[4])
	d, _ := strconv.Atoi(m[2])
	t.Date = isoDate(t.Year, plMonths[m[3]], d)
	return t
}

// isoDate formats a calendar date, or returns "" if it is not one.
func isoDate(y, m, d int) string {
	if y < 1000 || m < 1 || m > 12 || d < 1 || d > daysIn(y, m) {
		return ""
	}
	return fmt.Sprintf("%04d-%02d-%02d", y, m, d)
}

func daysIn(y, m int) int {
	switch m {
	case 2:
		if y%4 == 0 && (y%100 != 0 || y%400 == 0) {
			return 29
		}
		return 28
	case 4, 6, 9, 11:
		return 30
	}
	return 31
}
