package cite

import (
	"regexp"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
)

// Go's regexp is linear in the input, so a hostile comment cannot make
// the parser slow. Romanian letters match in both the cedilla (ş ţ) and
// the comma-below (ș ț) forms, and without diacritics, as real texts
// have all three.
const (
	reT  = `[țţt]`
	reS  = `[șşs]`
	reA  = `[ăâa]`
	reNr = `\s*(?:nr\.?|num` + reA + `rul)\s*(\d{1,5}(?:\.\d{3})?)\s*(?:/\s*(\d{4})\b|din\s+(?:\d{1,2}\s+\pL+\s+)?(\d{4})\b)`
)

// roActs maps the ways Romanian texts name act kinds to act-key kinds.
var roActs = []struct {
	kind string
	re   string
}{
	{"oug", `O\.\s?U\.\s?G\.|OUG|Ordonan` + reT + `(?:a|ei)\s+de\s+urgen` + reT + reA + `\s+a\s+Guvernului`},
	{"og", `O\.\s?G\.|Ordonan` + reT + `(?:a|ei)\s+Guvernului`},
	{"hg", `H\.\s?G\.|HG|Hot` + reA + `r[ăâîa]r(?:ea|ii)\s+Guvernului`},
	{"lege", `Leg(?:ea|ii|e)`},
	{"decret", `Decretul(?:ui)?`},
}

var (
	roActRE = func() *regexp.Regexp {
		var alts []string
		for _, a := range roActs {
			alts = append(alts, `(`+a.re+`)`)
		}
		return regexp.MustCompile(`(?i)\b(?:` + strings.Join(alts, "|") + `)` + reNr)
	}()
	// articleRE: "art. 7", "art. 7^1", "articolul 7", "art. 5a", with
	// Romanian (alin. (2), pct. 3, lit. a)) or Polish (ust. 2, pkt 3,
	// lit. a) subdivisions.
	articleRE = regexp.MustCompile(`(?i)\b(?:art\.|articolul|artykuł|artykułu)\s*(\d{1,4}(?:\^\d{1,3})?[a-z]?)\b` +
		`(?:\s*(?:alin\.|alineatul)\s*\((\d{1,3})\)|\s+ust\.\s*(\d{1,3}[a-z]?)\b|\s*§\s*(\d{1,3}))?` +
		`(?:\s+(?:pct\.|pkt|punctul)\s*(\d{1,3}[a-z]?)\)?)?` +
		`(?:\s+lit\.\s*([a-z])\b\)?)?`)
	roJoinRE = regexp.MustCompile(`(?i)^\s*(?:din|al|a|ale)\s+`)
	// Polish journal positions: "Dz.U. z 2023 r. poz. 1234", "Dz. U. 2023
	// poz. 1234", "Dz. U. z 1990 r. Nr 39, poz. 223", "M.P. z 2024 r. poz. 806".
	journalRE = regexp.MustCompile(`(?i)\b(Dz\.\s?U\.|M\.\s?P\.)\s*(?:z\s+)?(\d{4})\s*(?:r\.)?\s*(?:Nr\s*\d{1,4}\s*,?\s*)?poz\.\s*(\d{1,5})\b`)
	// "ustawa z dnia 24 kwietnia 2003 r. o działalności …" and inflected
	// forms; the title runs to a bracket, comma, semicolon or full stop.
	plDatedRE = regexp.MustCompile(`(?i)\b(ustaw(?:a|y|ie|ą|ę)|rozporządzeni(?:e|a|u|em)|kodeks(?:u|em|ie)?|uchwał(?:a|y|ą|ę|e))\s+z\s+dnia\s+(\d{1,2})\s+(` +
		plMonthsAlt + `)\s+(\d{4})\s*r\.\s*(?:[-–]\s*)?((?:o|w\s+sprawie|Prawo|Kodeks)\s[^()\[\],;.\n]{2,200})?`)
	parenJournalRE = regexp.MustCompile(`^\s*\(\s*`)
)

var plMonths = []string{"stycznia", "lutego", "marca", "kwietnia", "maja", "czerwca", "lipca", "sierpnia", "września", "października", "listopada", "grudnia"}

var plMonthsAlt = strings.Join(plMonths, "|")

func findRO(text string) []Citation {
	var out []Citation
	acts := roActRE.FindAllStringSubmatchIndex(text, -1)
	for _, m := range acts {
		c, ok := roAct(text, m)
		if ok {
			out = append(out, c)
		}
	}
	return out
}

// roAct reads one act match of roActRE.
func roAct(text string, m []int) (Citation, bool) {
	kind := ""
	for i := range roActs {
		if m[2+2*i] >= 0 {
			kind = roActs[i].kind
			break
		}
	}
	g := func(n int) string {
		if m[2*n] < 0 {
			return ""
		}
		return text[m[2*n]:m[2*n+1]]
	}
	base := len(roActs)
	number, year := g(base+1), g(base+2)
	if year == "" {
		year = g(base + 3)
	}
	y, err := strconv.Atoi(year)
	if kind == "" || number == "" || err != nil || y < 1800 || y > 2200 {
		return Citation{}, false
	}
	return Citation{Start: m[0], End: m[1], Jurisdiction: "RO", ActKey: agora.ActKeyRO(kind, y, number)}, true
}

func findPL(text string) []Citation {
	var out []Citation
	for _, m := range journalRE.FindAllStringSubmatchIndex(text, -1) {
		out = append(out, journalCitation(text, m))
	}
	for _, m := range plDatedRE.FindAllStringSubmatchIndex(text, -1) {
		c, ok := datedCitation(text, m)
		if ok {
			out = append(out, c)
		}
	}
	return out
}

func journalCitation(text string, m []int) Citation {
	journal := agora.JournalDU
	if strings.HasPrefix(strings.ToUpper(text[m[2]:m[3]]), "M") {
		journal = agora.JournalMP
	}
	y, _ := strconv.Atoi(text[m[4]:m[5]])
	return Citation{Start: m[0], End: m[1], Jurisdiction: "PL", ActKey: agora.ActKeyPL(journal, y, text[m[6]:m[7]])}
}

func datedCitation(text string, m []int) (Citation, bool) {
	day, _ := strconv.Atoi(text[m[4]:m[5]])
	month := 0
	name := strings.ToLower(text[m[6]:m[7]])
	for i, mn := range plMonths {
		if mn == name {
			month = i + 1
		}
	}
	year, _ := strconv.Atoi(text[m[8]:m[9]])
	if month == 0 || day < 1 || day > 31 || year < 1918 || year > 2200 {
		return Citation{}, false
	}
	c := Citation{Start: m[0], End: m[1], Jurisdiction: "PL", Kind: plKind(text[m[2]:m[3]]),
		Date: strconv.Itoa(year) + "-" + pad2(month) + "-" + pad2(day)}
	if m[10] >= 0 {
		c.Title = strings.TrimSpace(text[m[10]:m[11]])
		c.End = m[10] + len(strings.TrimRight(text[m[10]:m[11]], " \t"))
	}
	// "(Dz. U. z 2023 r. poz. 571)" right after the title names the
	// journal position: the citation then identifies the act exactly.
	rest := text[c.End:]
	if p := parenJournalRE.FindStringIndex(rest); p != nil {
		if j := journalRE.FindStringSubmatchIndex(rest[p[1]:]); j != nil && j[0] == 0 {
			for i := range j {
				if j[i] >= 0 {
					j[i] += c.End + p[1]
				}
			}
			jc := journalCitation(text, j)
			c.ActKey = jc.ActKey
			if close := strings.IndexByte(text[jc.End:], ')'); close >= 0 && close < 40 {
				c.End = jc.End + close + 1
			} else {
				c.End = jc.End
			}
		}
	}
	return c, true
}

func plKind(word string) string {
	w := strings.ToLower(word)
	switch {
	case strings.HasPrefix(w, "ustaw"):
		return "ustawa"
	case strings.HasPrefix(w, "rozporządz"):
		return "rozporzadzenie"
	case strings.HasPrefix(w, "kodeks"):
		return "kodeks"
	}
	return "uchwala"
}

func pad2(n int) string {
	if n < 10 {
		return "0" + strconv.Itoa(n)
	}
	return strconv.Itoa(n)
}

// articles finds provision references and ties each to the act cited
// right after it ("art. 7 alin. (2) din Legea nr. 52/2003", "art. 5
// ust. 2 ustawy z dnia …"); without one it is a provision of the text's
// own act.
func articles(text string, acts []Citation) []Citation {
	starts := map[int]Citation{}
	for _, a := range acts {
		starts[a.Start] = a
	}
	var out []Citation
	for _, m := range articleRE.FindAllStringSubmatchIndex(text, -1) {
		g := func(n int) string {
			if m[2*n] < 0 {
				return ""
			}
			return text[m[2*n]:m[2*n+1]]
		}
		c := Citation{Start: m[0], End: m[1], Article: g(1), Point: g(5), Letter: g(6)}
		switch {
		case g(2) != "":
			c.Paragraph, c.Jurisdiction = g(2), "RO"
		case g(3) != "":
			c.Paragraph, c.Jurisdiction = g(3), "PL"
		case g(4) != "":
			c.Paragraph, c.Jurisdiction = g(4), "PL"
		}
		if strings.HasPrefix(strings.ToLower(g(5)), "pkt") || strings.Contains(strings.ToLower(text[m[0]:m[1]]), "pkt") {
			c.Jurisdiction = "PL"
		}
		rest := text[c.End:]
		if j := roJoinRE.FindStringIndex(rest); j != nil {
			if a, ok := starts[c.End+j[1]]; ok && a.Jurisdiction == "RO" {
				c = withAct(c, a)
			}
		} else if ws := len(rest) - len(strings.TrimLeft(rest, " \t\n")); ws > 0 {
			if a, ok := starts[c.End+ws]; ok && a.Jurisdiction == "PL" {
				c = withAct(c, a)
			}
		}
		out = append(out, c)
	}
	return out
}

func withAct(c, act Citation) Citation {
	c.End, c.Jurisdiction, c.ActKey, c.Kind, c.Date, c.Title = act.End, act.Jurisdiction, act.ActKey, act.Kind, act.Date, act.Title
	return c
}
