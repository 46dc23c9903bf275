package legal

import "github.com/agora-civic/agora"

// Ids of the built-in rule sets, stored with consultations: never change them.
const (
	// RuleSetRoLaw52 is Romanian Law 52/2003, central and local authorities.
	RuleSetRoLaw52 = "ro-law52"
	// RuleSetPlOppLocal is Polish local consultations with NGOs under art.
	// 5 of the public benefit act.
	RuleSetPlOppLocal = "pl-opp-local"
	// RuleSetPlGovernment is Polish government drafts under the Council of
	// Ministers' rules of procedure.
	RuleSetPlGovernment = "pl-government"
)

var builtinIDs = []string{RuleSetRoLaw52, RuleSetPlOppLocal, RuleSetPlGovernment}

const law52 = "Legea nr. 52/2003 privind transparența decizională în administrația publică, republicată (M. Of. nr. 749 din 3.12.2013)"

// roLaw52 follows ../shared/LEGAL-NOTES.md §1.
func roLaw52() RuleSet {
	return RuleSet{
		ID:         RuleSetRoLaw52,
		Country:    agora.RO,
		Name:       "Legea nr. 52/2003 privind transparența decizională",
		Source:     law52,
		Confidence: High,
		Comments: Term{
			Days: 10, Unit: CalendarDays, ExtendToWorkingDay: true,
			// The extension is the Civil Procedure Code's rule for terms
			// in days, applied here because a period ending on a public
			// holiday would otherwise be shorter in practice.
			Source:     "Legea nr. 52/2003, art. 7 alin. (4); termenul care se termină într-o zi nelucrătoare se prelungește până la sfârșitul primei zile lucrătoare (Codul de procedură civilă, art. 181 alin. (2))",
			Confidence: High,
		},
		Adoption: &Term{
			Days: 30, Unit: WorkingDays,
			Source:     "Legea nr. 52/2003, art. 7 alin. (2): anunțul se publică cu cel puțin 30 de zile lucrătoare înainte de supunerea spre avizare",
			Confidence: High,
		},
		DebateNotice: &Term{
			Days: 3, Unit: CalendarDays,
			Source:     "Legea nr. 52/2003, art. 8 alin. (1) lit. a): ședințele publice se anunță cu cel puțin 3 zile înainte",
			Confidence: High,
		},
		DebateWithin: &Term{
			Days: 10, Unit: CalendarDays,
			Source:     "Legea nr. 52/2003, art. 7: dezbaterea publică are loc în cel mult 10 zile de la publicarea datei și locului",
			Confidence: Medium,
		},
		Duties: []Duty{
			{Kind: DutyDebateOnRequest, Confidence: High,
				Source: "Legea nr. 52/2003, art. 7: dezbatere publică obligatorie la cererea scrisă a unei asociații legal constituite sau a altei autorități publice"},
			{Kind: DutyMinutes, Confidence: Medium, Source: "Legea nr. 52/2003, art. 12 alin. (1)"},
			{Kind: DutyJustifyRejections, Confidence: Medium, Source: "Legea nr. 52/2003, art. 12 alin. (3)"},
			{Kind: DutyPublicRegister, Confidence: High,
				Source: "OUG nr. 57/2019 privind Codul administrativ, art. 197 alin. (5) și anexa nr. 1 (Monitorul Oficial Local)"},
			{Kind: DutyAnnualReport, Confidence: High, Source: "Legea nr. 52/2003, art. 13"},
		},
		Exception: &Basis{
			Source:     "Legea nr. 52/2003, art. 7 alin. (13), modificat prin OUG nr. 16/2022 (M. Of. nr. 204 din 2.03.2022): situații de urgență sau excepționale",
			Confidence: Medium,
		},
	}
}

const oppAct = "Ustawa z dnia 24 kwietnia 2003 r. o działalności pożytku publicznego i o wolontariacie"

// plOppLocal follows ../shared/LEGAL-NOTES.md §2: the act leaves the
// periods to each council, so the numbers are defaults of low confidence
// that an authority replaces with its own resolution's in a custom rule
// set.
func plOppLocal() RuleSet {
	return RuleSet{
		ID:         RuleSetPlOppLocal,
		Country:    agora.PL,
		Name:       "Konsultacje z organizacjami pozarządowymi (art. 5 ustawy o działalności pożytku publicznego)",
		Source:     oppAct + ", art. 5 ust. 2 pkt 3 i ust. 5",
		Confidence: High,
		Comments: Term{
			Days: 14, Unit: CalendarDays, ExtendToWorkingDay: true,
			Source:     "Art. 5 ust. 5 ustawy: termin określa uchwała rady; 14 dni to wartość domyślna do zastąpienia terminem z uchwały",
			Confidence: Low,
		},
	}
}

// plGovernment follows ../shared/LEGAL-NOTES.md §2.
func plGovernment() RuleSet {
	return RuleSet{
		ID:         RuleSetPlGovernment,
		Country:    agora.PL,
		Name:       "Projekty rządowe (Regulamin pracy Rady Ministrów)",
		Source:     "Uchwała nr 190 Rady Ministrów z dnia 29 października 2013 r. – Regulamin pracy Rady Ministrów (M.P. 2024 poz. 806)",
		Confidence: High,
		Comments: Term{
			Days: 10, Unit: CalendarDays, Default: 21, ExtendToWorkingDay: true,
			Source:            "Regulamin pracy Rady Ministrów, § 133: termin nie krótszy niż 10 dni (wytyczne RCL); 21 dni: wartość domyślna niepotwierdzona (por. § 40)",
			Confidence:        Medium,
			DefaultConfidence: Low,
		},
		Duties: []Duty{
			{Kind: DutyConsultationReport, Confidence: High, Source: "Regulamin pracy Rady Ministrów: raport z konsultacji dołączany do projektu"},
		},
		Exception: &Basis{
			Source:     "Regulamin pracy Rady Ministrów, § 133: krótszy termin wymaga szczegółowego uzasadnienia",
			Confidence: Medium,
		},
	}
}

// Builtins returns the built-in rule sets, each a fresh copy the caller
// may change.
func Builtins() []RuleSet {
	return []RuleSet{roLaw52(), plOppLocal(), plGovernment()}
}

// Builtin returns the built-in rule set with the given id.
func Builtin(id string) (RuleSet, bool) {
	for _, rs := range Builtins() {
		if rs.ID == id {
			return rs, true
		}
	}
	return RuleSet{}, false
}

// BuiltinsFor returns the built-in rule sets of country c, the default
// first.
func BuiltinsFor(c agora.Country) []RuleSet {
	var out []RuleSet
	for _, rs := range Builtins() {
		if rs.Country == c {
			out = append(out, rs)
		}
	}
	return out
}

// DefaultRuleSetID returns the id of the rule set a new consultation of
// country c starts with: Law 52/2003 in Romania, the local NGO procedure
// in Poland (most Polish authorities on agora are local), "" for another
// country.
func DefaultRuleSetID(c agora.Country) string {
	switch c {
	case agora.RO:
		return RuleSetRoLaw52
	case agora.PL:
		return RuleSetPlOppLocal
	}
	return ""
}
