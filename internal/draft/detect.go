package draft

import "strings"

// Signals of each numbering: keywords that only one of the two languages
// uses, and letters only one alphabet has (ó is Polish alone; ă â î ș ț,
// in either form, Romanian alone). Plain string tests, not regular
// expressions: detection reads every line and must stay cheap.
var (
	startsRO = []string{"Articolul", "ARTICOLUL", "CAPITOLUL", "Capitolul", "TITLUL", "Titlul", "SECȚIUNEA", "SECŢIUNEA",
		"Secțiunea", "Secţiunea", "ANEXA", "Anexa"}
	startsPL = []string{"DZIAŁ", "Dział ", "ROZDZIAŁ", "Rozdział", "ODDZIAŁ", "Oddział", "ZAŁĄCZNIK", "Załącznik"}
	wordsRO  = []string{"alin. (", "lit. ", "alineatul", "articolul"}
	wordsPL  = []string{"ust. ", "pkt ", "§", "lit. a", "ustęp"}
)

// DetectCountry guesses from text whether a draft uses Romanian ("ro") or
// Polish ("pl") numbering; a tie gives "ro", agora's first audience.
func DetectCountry(text string) string {
	return detect(strings.Split(text, "\n"))
}

func detect(lines []string) string {
	ro, pl := 0, 0
	for _, l := range lines {
		l = strings.TrimSpace(l)
		ro += 3 * (prefixes(l, startsRO) + substrings(l, wordsRO))
		pl += 3 * (prefixes(l, startsPL) + substrings(l, wordsPL))
		if len(l) > 3 && l[0] == '(' && l[1] >= '0' && l[1] <= '9' {
			ro += 3 // "(1)" alineat
		}
		for _, r := range l {
			switch r {
			case 'ă', 'â', 'î', 'ș', 'ş', 'ț', 'ţ', 'Ă', 'Â', 'Î', 'Ș', 'Ş', 'Ț', 'Ţ':
				ro++
			case 'ą', 'ę', 'ł', 'ń', 'ó', 'ś', 'ź', 'ż', 'Ą', 'Ę', 'Ł', 'Ń', 'Ó', 'Ś', 'Ź', 'Ż':
				pl++
			}
		}
	}
	if pl > ro {
		return CountryPL
	}
	return CountryRO
}

func prefixes(s string, ps []string) int {
	for _, p := range ps {
		if strings.HasPrefix(s, p) {
			return 1
		}
	}
	return 0
}

func substrings(s string, ws []string) int {
	n := 0
	for _, w := range ws {
		n += strings.Count(s, w)
	}
	return n
}
