package draft

import (
	"regexp"
	"strings"
)

// Signals of each numbering: keywords that only one of the two languages
// uses, and letters only one alphabet has. ó appears in Polish alone; â î
// ă ș ț (either form) in Romanian alone.
var (
	signRO = regexp.MustCompile(`(?m)^(?:Articolul|ARTICOLUL|CAPITOLUL|Capitolul|TITLUL|Titlul|SEC[ȚŢT]IUNEA|Sec[țţt]iunea|ANEXA|Anexa)(?:[\s.]|$)|\balin\.|\blit\.\s*[a-z]\)|^\(\d+\)`)
	signPL = regexp.MustCompile(`(?m)^(?:DZIAŁ|Dział|ROZDZIAŁ|Rozdział|ODDZIAŁ|Oddział|ZAŁĄCZNIK|Załącznik)(?:[\s.]|$)|\bust\.|\bpkt\b|§|^Art\.\s*\d+[a-z]*\.\s+\d+\.`)
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
		ro += 3 * len(signRO.FindAllStringIndex(l, -1))
		pl += 3 * len(signPL.FindAllStringIndex(l, -1))
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
