package report

import (
	"fmt"
	"strings"
	"time"
)

var bucharest = time.FixedZone("EET", 2*3600)

func roLabels() Labels {
	return Labels{
		Report:        "Raport privind consultarea publică",
		Authority:     "Autoritate",
		ActKind:       "Tipul actului",
		Reference:     "Număr de înregistrare",
		URL:           "Pagina consultării",
		Country:       "Țara",
		Published:     "Publicat la",
		CommentsClose: "Termen pentru recomandări",
		GeneratedAt:   "Raport generat la",
		Summary:       "Rezumat",
		Exception:     "Justificarea procedurii de urgență",

		Totals:               "Situația recomandărilor",
		TotalRecommendations: "Recomandări primite",
		Participants:         "Participanți",
		Organisations:        "Organizații",
		StatusNames: map[Status]string{
			StatusAccepted:      "Acceptate",
			StatusPartly:        "Acceptate parțial",
			StatusRejected:      "Respinse",
			StatusNotApplicable: "Nu se aplică",
			StatusUnanswered:    "Fără răspuns",
		},
		Debates:            "Dezbateri publice",
		DebateDate:         "Data",
		DebatePlace:        "Locul",
		DebateParticipants: "Participanți",
		DebateMinutes:      "Minuta",

		Units:             "Recomandări pe unități ale proiectului",
		UnitText:          "Textul supus consultării",
		NoRecommendations: "Nicio recomandare la această unitate.",
		Answer:            "Răspunsul autorității",

		Unit:          "Unitatea",
		Number:        "Nr.",
		Author:        "Autor",
		OnBehalfOf:    "În numele",
		Source:        "Sursa",
		SubmittedAt:   "Data",
		Text:          "Recomandarea",
		Amendment:     "Text propus (înlocuiește textul unității)",
		Supports:      "Susțineri",
		Status:        "Stadiu",
		Justification: "Justificare",
		Group:         "Grup",

		RecommendationsSheet: "Recomandări",
		TotalsSheet:          "Situație",
		Dates:                Dates{Layout: "02.01.2006"},
	}
}

// sampleRO is a small Romanian report that carries the test words.
func sampleRO() Consultation {
	units := []UnitSection{
		{
			Label: "Art. 7 alin. (2)",
			Text:  "Proiectul de act normativ se publică cu cel puțin 30 de zile lucrătoare înainte de a fi supus avizării, adoptării sau emiterii.",
			Recommendations: []Recommendation{
				{
					Number: 1, Author: "Asociația Științifică „Țara Bârsei”", OnBehalfOf: "Federația ONG-urilor din Brașov",
					Source: "online", SubmittedAt: time.Date(2026, 3, 3, 10, 0, 0, 0, bucharest),
					Text:      "Propunem ca termenul să fie calculat în zile lucrătoare, iar anunțul să fie afișat și la sediul instituției; consultarea trebuie să fie reală, nu doar formală.",
					Amendment: "Proiectul se publică cu cel puțin 45 de zile lucrătoare înainte de avizare și se afișează la sediul autorității.",
					Supports:  12, Status: StatusPartly, StatusLabel: "Acceptată parțial",
					Justification: "Termenul de 45 de zile nu poate fi reținut; afișarea la sediu se adaugă în forma finală.",
				},
				{
					Number: 2, Author: "Ion Popescu", Source: "e-mail", SubmittedAt: time.Date(2026, 3, 4, 9, 0, 0, 0, bucharest),
					Text:   "<script>document.body.remove()</script> Ştiu că textul vechi avea sedilă: ştampilă, ţară.",
					Status: StatusRejected, StatusLabel: "Respinsă",
					Justification: "=HYPERLINK(\"http://evil.invalid\",\"click\") Propunerea depășește obiectul proiectului.",
				},
			},
		},
		{
			Label: "Art. 8",
			Text:  "Anunțul privind dezbaterea publică se face cu cel puțin 3 zile înainte.",
		},
		{
			Label: "Art. 9 lit. a)",
			Text:  "Rozporządzenie wchodzi w życie po upływie 14 dni od dnia ogłoszenia.",
			Recommendations: []Recommendation{{
				Number: 3, Author: "Stowarzyszenie Łódź", Source: "poczta",
				Text:   "Źródło: żółć, gęślą jaźń; ąęłńóśźż ĄĘŁŃÓŚŹŻ. " + strings.Repeat("Bardzodługiesłowobezspacji", 12),
				Status: "", Justification: "",
			}},
		},
	}
	t := Tally(units)
	t.Participants, t.Organisations = 3, 2
	return Consultation{
		Title:         "Proiect de hotărâre privind transparența decizională în județul Brașov",
		Authority:     "Consiliul Județean Brașov",
		ActKind:       "Hotărâre a consiliului județean",
		Reference:     "nr. 1234/2026",
		URL:           "https://agora.example/consultari/abc",
		Country:       "România",
		Lang:          "ro",
		Published:     time.Date(2026, 2, 20, 9, 0, 0, 0, bucharest),
		CommentsClose: time.Date(2026, 3, 9, 23, 59, 59, 0, bucharest),
		GeneratedAt:   time.Date(2026, 4, 1, 12, 0, 0, 0, bucharest),
		Summary:       "Proiectul stabilește regulile de participare a cetățenilor și a asociațiilor la elaborarea actelor normative.",
		Exception:     "Situație excepțională: termenul legal de transpunere expiră la 31 martie.",
		Units:         units,
		Totals:        t,
		Debates:       []Debate{{Date: time.Date(2026, 3, 6, 17, 0, 0, 0, bucharest), Place: "Sala mare, str. Eroilor 5", Participants: 41, Minutes: "https://agora.example/minuta.pdf"}},
		Labels:        roLabels(),
	}
}

// romanianSentences gives recommendations of realistic length.
var romanianSentences = []string{
	"Considerăm că prevederea trebuie să țină seama de situația asociațiilor mici din mediul rural, care nu au personal angajat.",
	"Propunem eliminarea obligației de a depune documentele în format fizic, întrucât platforma electronică asigură trasabilitatea.",
	"Termenul de răspuns de 30 de zile este prea lung și descurajează participarea cetățenilor la luarea deciziilor.",
	"Solicităm publicarea tuturor recomandărilor primite, împreună cu justificarea scrisă a celor respinse, conform art. 12.",
	"Menționăm că textul actual contravine prevederilor Codului administrativ privind registrul propunerilor.",
	"Sugerăm ca ședințele publice să fie transmise online și înregistrările să rămână disponibile pe pagina instituției.",
}

// bigReport builds units×perUnit recommendations with Romanian text.
func bigReport(units, total int) Consultation {
	c := sampleRO()
	c.Units = make([]UnitSection, units)
	n := 0
	for i := range c.Units {
		u := &c.Units[i]
		u.Label = fmt.Sprintf("Art. %d alin. (%d)", i/3+1, i%3+1)
		u.Text = romanianSentences[i%len(romanianSentences)] + " " + romanianSentences[(i+1)%len(romanianSentences)]
		k := total / units
		if i < total%units {
			k++
		}
		for j := 0; j < k; j++ {
			n++
			r := Recommendation{
				Number: n, Author: fmt.Sprintf("Asociația „Știință și Țară” nr. %d", n%97),
				Source: "online", SubmittedAt: time.Date(2026, 3, 1+n%8, 10, 0, 0, 0, bucharest),
				Text:     romanianSentences[n%6] + " " + romanianSentences[(n+2)%6] + " " + romanianSentences[(n+4)%6],
				Supports: n % 13,
				Status:   Statuses()[n%5], StatusLabel: string(Statuses()[n%5]),
			}
			if n%3 == 0 {
				r.Amendment = romanianSentences[(n+1)%6]
			}
			if r.Status != StatusUnanswered {
				r.Justification = romanianSentences[(n+3)%6]
			}
			u.Recommendations = append(u.Recommendations, r)
		}
	}
	c.Totals = Tally(c.Units)
	return c
}
