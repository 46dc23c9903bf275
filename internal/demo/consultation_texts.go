package demo

import (
	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/draft"
	"github.com/agora-civic/agora/internal/legal"
)

// consultations are the demo's drafts: in each country one open for
// comments with a debate requested, and one that went through answers,
// a second version and the final report.
func consultations() []demoConsultation {
	return []demoConsultation{
		{
			authority: "Consiliul Județean Cluj", officer: "mihaela.turcanu", country: draft.CountryRO, daysAgo: 4,
			in: agora.ConsultationInput{
				Title:   "Proiect de hotărâre privind Regulamentul de finanțare nerambursabilă a activităților nonprofit de interes județean",
				ActKind: "hotarare_consiliu_judetean", RuleSetID: legal.RuleSetRoLaw52,
				Summary:        "Consiliul Județean Cluj supune consultării publice regulamentul care stabilește cum se acordă finanțări nerambursabile asociațiilor și fundațiilor pentru proiecte de interes județean.",
				Substantiation: "Regulamentul actual datează din 2016 și nu reflectă modificările aduse Legii nr. 350/2005. Proiectul simplifică depunerea online și introduce criterii de evaluare publice.",
				ContactName:    "Mihaela Țurcanu", ContactEmail: "consultare@cjcluj.demo",
			},
			text: roOpenDraft,
			comments: []demoComment{
				{who: "andrei.muresan", org: "Asociația pentru Educație Incluzivă Cluj", unit: "art-4.par-2", day: 1,
					body:      "Termenul de 15 zile pentru depunerea proiectelor este prea scurt pentru asociațiile mici, care lucrează cu voluntari.",
					amendment: "Termenul de depunere a proiectelor este de 30 de zile calendaristice de la data publicării anunțului."},
				{who: "elena.popa", org: "Federația ONG-urilor pentru Dezvoltare Comunitară", unit: "art-6", day: 2,
					body: "Propunem ca membrii comisiei de evaluare să fie anunțați public și să semneze o declarație de imparțialitate."},
				{who: "daniel.matei", unit: "art-3.par-1.let-b", day: 3,
					body: "Serviciile sociale pentru persoanele cu dizabilități ar trebui menționate explicit printre domeniile finanțate."},
			},
			debateBy: "Federația ONG-urilor pentru Dezvoltare Comunitară", debateAsker: "elena.popa",
		},
		{
			authority: "Ministerul Dezvoltării, Lucrărilor Publice și Administrației", officer: "alina.marin", country: draft.CountryRO, daysAgo: 75,
			in: agora.ConsultationInput{
				Title:   "Proiect de ordin privind aprobarea Ghidului de consultare publică pentru autoritățile administrației publice locale",
				ActKind: "ordin", RuleSetID: legal.RuleSetRoLaw52,
				Summary:     "Ghidul explică pas cu pas cum se aplică Legea nr. 52/2003 privind transparența decizională în primării și consilii județene.",
				ContactName: "Alina Marin", ContactEmail: "transparenta@mdlpa.demo",
			},
			text: roAnsweredDraft, secondText: roAnsweredDraftV2, answered: true, reported: true,
			comments: []demoComment{
				{who: "andrei.muresan", org: "Federația ONG-urilor pentru Dezvoltare Comunitară", unit: "art-2.par-1", day: 3,
					body:      "Anunțul ar trebui transmis și prin e-mail celor care s-au înscris în registrul de persoane interesate.",
					amendment: "Anunțul se publică pe pagina de internet a autorității, se afișează la sediul acesteia și se transmite prin e-mail persoanelor înscrise în registru."},
				{who: "oana.lungu", unit: "art-3", day: 5,
					body: "Termenul de 10 zile pentru recomandări ar trebui prelungit la 30 de zile pentru proiectele complexe."},
				{who: "maria.georgescu", unit: "art-3", day: 6,
					body: "Susțin prelungirea termenului: 10 zile nu ajung pentru a consulta membrii unei federații."},
				{who: "stefan.tudor", unit: "art-1", day: 7,
					body: "Ghidul ar trebui să se aplice și ordonanțelor de urgență ale Guvernului."},
			},
		},
		{
			authority: "Urząd Miasta Łodzi", officer: "agnieszka.wisniewska", country: draft.CountryPL, daysAgo: 3,
			in: agora.ConsultationInput{
				Title:   "Projekt uchwały w sprawie Programu współpracy Miasta Łodzi z organizacjami pozarządowymi na 2027 rok",
				ActKind: "program_wspolpracy", RuleSetID: legal.RuleSetPlOppLocal,
				Summary:        "Roczny program współpracy określa cele, zasady i formy współpracy miasta z organizacjami pozarządowymi oraz priorytetowe zadania publiczne.",
				Substantiation: "Obowiązek uchwalenia programu wynika z art. 5a ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie.",
				ContactName:    "Agnieszka Wiśniewska", ContactEmail: "konsultacje@uml.demo",
			},
			text: plOpenDraft,
			comments: []demoComment{
				{who: "halina.wrobel", org: "Federacja Organizacji Socjalnych Województwa Łódzkiego", unit: "art-4.par-2", day: 1,
					body:      "Proponujemy, aby termin na złożenie ofert wynosił co najmniej 30 dni, jak w przypadku konkursów wieloletnich.",
					amendment: "Termin składania ofert nie może być krótszy niż 30 dni od dnia ogłoszenia konkursu."},
				{who: "katarzyna.nowak", org: "Federacja Organizacji Socjalnych Województwa Łódzkiego", unit: "art-3", day: 2,
					body: "Wśród priorytetów brakuje przeciwdziałania wykluczeniu cyfrowemu osób starszych."},
				{who: "jan.kaminski", unit: "art-5", day: 2,
					body: "Komisja konkursowa powinna publikować protokoły z oceną każdej oferty."},
			},
			debateBy: "Federacja Organizacji Socjalnych Województwa Łódzkiego", debateAsker: "halina.wrobel",
		},
		{
			authority: "Urząd Marszałkowski Województwa Małopolskiego", officer: "tomasz.grabowski", country: draft.CountryPL, daysAgo: 60,
			in: agora.ConsultationInput{
				Title:   "Projekt uchwały w sprawie trybu konsultowania projektów aktów prawa miejscowego z organizacjami pozarządowymi",
				ActKind: "uchwala", RuleSetID: legal.RuleSetPlOppLocal,
				Summary:     "Uchwała określa szczegółowy sposób konsultowania z organizacjami pozarządowymi projektów aktów prawa miejscowego województwa.",
				ContactName: "Tomasz Grabowski", ContactEmail: "ngo@umwm.demo",
			},
			text: plAnsweredDraft, secondText: plAnsweredDraftV2, answered: true, reported: true,
			comments: []demoComment{
				{who: "katarzyna.nowak", org: "Stowarzyszenie Mieszkańców Starego Podgórza", unit: "art-3.par-1", day: 2,
					body:      "Termin 7 dni jest zbyt krótki; proponujemy 14 dni.",
					amendment: "Termin na wyrażenie opinii nie może być krótszy niż 14 dni od dnia ogłoszenia konsultacji."},
				{who: "michal.krawczyk", unit: "art-4", day: 3,
					body: "Raport z konsultacji powinien zawierać odpowiedź na każdą uwagę z uzasadnieniem."},
				{who: "zofia.mazur", unit: "art-2", day: 4,
					body: "Warto dopuścić składanie opinii przez platformę internetową, nie tylko pocztą."},
			},
		},
	}
}

const roOpenDraft = `Consiliul Județean Cluj adoptă prezenta hotărâre.

CAPITOLUL I
Dispoziții generale

Art. 1 Obiectul regulamentului
Prezentul regulament stabilește procedura de acordare a finanțărilor nerambursabile din bugetul județului Cluj pentru activități nonprofit de interes județean, în temeiul Legii nr. 350/2005.

Art. 2 Beneficiari
Pot solicita finanțare asociațiile și fundațiile constituite potrivit legii, cu sediul sau cu o filială în județul Cluj.

Art. 3 Domenii
(1) Se finanțează proiecte din următoarele domenii:
a) cultură și educație;
b) servicii sociale;
c) sport pentru toți;
d) protecția mediului.
(2) Domeniile prioritare pentru fiecare an se aprobă prin hotărâre a consiliului județean.

CAPITOLUL II
Procedura de selecție

Art. 4 Anunțul
(1) Anunțul de participare se publică pe pagina de internet a Consiliului Județean Cluj.
(2) Termenul de depunere a proiectelor este de 15 zile calendaristice de la data publicării anunțului.

Art. 5 Depunerea
Proiectele se depun online, prin platforma consiliului județean, însoțite de bugetul detaliat.

Art. 6 Evaluarea
Proiectele se evaluează de o comisie numită prin dispoziție a președintelui consiliului județean.

Art. 7 Intrarea în vigoare
Prezenta hotărâre intră în vigoare la data publicării în Monitorul Oficial Local.
`

const roAnsweredDraft = `Art. 1 Domeniul de aplicare
Prezentul ghid se aplică proiectelor de acte normative elaborate de autoritățile administrației publice locale.

Art. 2 Anunțul
(1) Anunțul privind elaborarea unui proiect de act normativ se publică pe pagina de internet a autorității și se afișează la sediul acesteia.
(2) Anunțul se publică cu cel puțin 30 de zile lucrătoare înainte de supunerea spre avizare.

Art. 3 Recomandările
Persoanele interesate pot transmite recomandări în termen de 10 zile calendaristice de la publicarea anunțului.

Art. 4 Dezbaterea publică
Autoritatea organizează o dezbatere publică dacă acest lucru a fost cerut în scris de o asociație legal constituită.
`

const roAnsweredDraftV2 = `Art. 1 Domeniul de aplicare
Prezentul ghid se aplică proiectelor de acte normative elaborate de autoritățile administrației publice locale.

Art. 2 Anunțul
(1) Anunțul privind elaborarea unui proiect de act normativ se publică pe pagina de internet a autorității, se afișează la sediul acesteia și se transmite prin e-mail persoanelor înscrise în registru.
(2) Anunțul se publică cu cel puțin 30 de zile lucrătoare înainte de supunerea spre avizare.

Art. 3 Recomandările
Persoanele interesate pot transmite recomandări în termen de 20 de zile calendaristice de la publicarea anunțului.

Art. 4 Registrul recomandărilor
Recomandările primite se consemnează într-un registru public.

Art. 5 Dezbaterea publică
Autoritatea organizează o dezbatere publică dacă acest lucru a fost cerut în scris de o asociație legal constituită.
`

const plOpenDraft = `Na podstawie art. 5a ust. 1 ustawy z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie Rada Miejska w Łodzi uchwala, co następuje:

Rozdział 1
Postanowienia ogólne

Art. 1. Program określa cele, zasady, przedmiot i formy współpracy Miasta Łodzi z organizacjami pozarządowymi w 2027 roku.

Art. 2. Celem głównym programu jest wzmacnianie społeczeństwa obywatelskiego w Łodzi.

Art. 3. Priorytetowymi zadaniami publicznymi są:
1) pomoc społeczna;
2) działalność na rzecz osób w wieku emerytalnym;
3) ochrona i promocja zdrowia.

Rozdział 2
Formy współpracy

Art. 4. 1. Zlecanie zadań publicznych odbywa się w trybie otwartego konkursu ofert.
2. Termin składania ofert nie może być krótszy niż 21 dni od dnia ogłoszenia konkursu.

Art. 5. Oferty ocenia komisja konkursowa powołana przez Prezydenta Miasta Łodzi.

Art. 6. Uchwała wchodzi w życie z dniem 1 stycznia 2027 r.
`

const plAnsweredDraft = `Art. 1. Uchwała określa szczegółowy sposób konsultowania z organizacjami pozarządowymi projektów aktów prawa miejscowego.

Art. 2. Konsultacje przeprowadza się w formie pisemnych opinii składanych pocztą.

Art. 3. 1. Termin na wyrażenie opinii nie może być krótszy niż 7 dni od dnia ogłoszenia konsultacji.
2. Ogłoszenie o konsultacjach zamieszcza się w Biuletynie Informacji Publicznej.

Art. 4. Wyniki konsultacji publikuje się w terminie 30 dni od ich zakończenia.
`

const plAnsweredDraftV2 = `Art. 1. Uchwała określa szczegółowy sposób konsultowania z organizacjami pozarządowymi projektów aktów prawa miejscowego.

Art. 2. Konsultacje przeprowadza się w formie pisemnych opinii składanych pocztą lub za pośrednictwem platformy internetowej.

Art. 3. 1. Termin na wyrażenie opinii nie może być krótszy niż 14 dni od dnia ogłoszenia konsultacji.
2. Ogłoszenie o konsultacjach zamieszcza się w Biuletynie Informacji Publicznej.

Art. 4. Raport z konsultacji zawiera odpowiedź na każdą uwagę wraz z uzasadnieniem i jest publikowany w terminie 30 dni od ich zakończenia.
`
