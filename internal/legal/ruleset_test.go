package legal

import (
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

func TestBuiltinsValid(t *testing.T) {
	ids := map[string]bool{}
	for _, rs := range Builtins() {
		if err := rs.Validate(); err != nil {
			t.Errorf("%s: %v", rs.ID, err)
		}
		if ids[rs.ID] {
			t.Errorf("duplicate id %s", rs.ID)
		}
		ids[rs.ID] = true
		if !rs.Builtin() || rs.NameKey() == "" || rs.DescriptionKey() == "" {
			t.Errorf("%s: not recognised as built in", rs.ID)
		}
		got, ok := Builtin(rs.ID)
		if !ok || got.ID != rs.ID {
			t.Errorf("Builtin(%q) = %v, %v", rs.ID, got.ID, ok)
		}
		// A built-in rule set survives a JSON round trip unchanged.
		b, err := json.Marshal(rs)
		if err != nil {
			t.Fatal(err)
		}
		var back RuleSet
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		b2, _ := json.Marshal(back)
		if string(b) != string(b2) {
			t.Errorf("%s: JSON round trip differs:\n%s\n%s", rs.ID, b, b2)
		}
	}
	if _, ok := Builtin("nope"); ok {
		t.Error("Builtin(nope) found")
	}
	// Builtins hands out copies.
	a := Builtins()
	a[0].Duties[0].Kind = "changed"
	a[0].Adoption.Days = 1
	if b := Builtins(); b[0].Duties[0].Kind == "changed" || b[0].Adoption.Days == 1 {
		t.Error("Builtins shares state between calls")
	}
}

func TestBuiltinRules(t *testing.T) {
	ro, _ := Builtin(RuleSetRoLaw52)
	if ro.Country != agora.RO || ro.Comments.Days != 10 || ro.Comments.Unit != CalendarDays || ro.Comments.Confidence != High {
		t.Errorf("ro-law52 comments = %+v", ro.Comments)
	}
	if a := ro.Adoption; a == nil || a.Days != 30 || a.Unit != WorkingDays || a.Confidence != High {
		t.Errorf("ro-law52 adoption = %+v", a)
	}
	if n := ro.DebateNotice; n == nil || n.Days != 3 || n.Confidence != High {
		t.Errorf("ro-law52 debate notice = %+v", n)
	}
	if w := ro.DebateWithin; w == nil || w.Days != 10 || w.Confidence != Medium {
		t.Errorf("ro-law52 debate within = %+v", w)
	}
	for _, k := range []DutyKind{DutyDebateOnRequest, DutyJustifyRejections, DutyPublicRegister, DutyMinutes, DutyAnnualReport} {
		if _, ok := ro.Duty(k); !ok {
			t.Errorf("ro-law52 lacks duty %s", k)
		}
	}
	if !strings.Contains(ro.Adoption.Source, "art. 7 alin. (2)") || !strings.Contains(ro.Comments.Source, "art. 7 alin. (4)") {
		t.Error("ro-law52 sources do not cite art. 7(2) and 7(4)")
	}
	if got := ro.LowestConfidence(); got != Medium {
		t.Errorf("ro-law52 lowest confidence = %s", got)
	}

	gov, _ := Builtin(RuleSetPlGovernment)
	if gov.Country != agora.PL || gov.Comments.Days != 10 || gov.Comments.Default != 21 ||
		gov.Comments.Confidence != Medium || gov.Comments.DefaultConfidence != Low || !strings.Contains(gov.Comments.Source, "§ 133") {
		t.Errorf("pl-government comments = %+v", gov.Comments)
	}
	if gov.Adoption != nil || gov.LowestConfidence() != Low {
		t.Errorf("pl-government: adoption %v, lowest %s", gov.Adoption, gov.LowestConfidence())
	}

	local, _ := Builtin(RuleSetPlOppLocal)
	if local.Country != agora.PL || local.Comments.Days != 14 || local.Comments.Confidence != Low || !strings.Contains(local.Source, "art. 5") {
		t.Errorf("pl-opp-local = %+v", local)
	}
	if _, ok := local.Duty(DutyDebateOnRequest); ok {
		t.Error("pl-opp-local has a Romanian duty")
	}

	if got := BuiltinsFor(agora.PL); len(got) != 2 || got[0].ID != RuleSetPlOppLocal {
		t.Errorf("BuiltinsFor(PL) = %v", got)
	}
	if DefaultRuleSetID(agora.RO) != RuleSetRoLaw52 || DefaultRuleSetID(agora.PL) != RuleSetPlOppLocal || DefaultRuleSetID("XX") != "" {
		t.Error("DefaultRuleSetID")
	}
}

const customJSON = `{
  "id": "gmina-przykladowa",
  "country": "PL",
  "name": "  Konsultacje w Gminie Przykładowej  ",
  "source": "Uchwała Rady Gminy Przykładowej w sprawie szczegółowego sposobu konsultowania (przykład)",
  "confidence": "H",
  "resolution": "Uchwała nr X/100/2024 (przykład)",
  "comments": {"days": 7, "unit": "calendar", "default": 14, "extend_to_working_day": true, "source": "§ 5 ust. 2 uchwały", "confidence": "H"},
  "duties": [{"kind": "consultation_report", "source": "§ 8 uchwały", "confidence": "H"}]
}`

func TestParseRuleSet(t *testing.T) {
	rs, err := ParseRuleSet([]byte(customJSON))
	if err != nil {
		t.Fatal(err)
	}
	if rs.Name != "Konsultacje w Gminie Przykładowej" || rs.Comments.Days != 7 || rs.Comments.Default != 14 || rs.Resolution != "Uchwała nr X/100/2024 (przykład)" {
		t.Errorf("parsed %+v", rs)
	}
	if rs.Builtin() || rs.NameKey() != "" || rs.DescriptionKey() != "" {
		t.Error("custom rule set taken for a built-in one")
	}
	if err := rs.Validate(); err != nil {
		t.Errorf("Validate after parse: %v", err)
	}
}

// fieldKeys returns "field=key" for every field error of err.
func fieldKeys(err error) []string {
	var out []string
	for _, e := range agora.FieldErrors(err) {
		out = append(out, e.Field+"="+e.Key)
	}
	return out
}

func TestParseRuleSetErrors(t *testing.T) {
	for _, tt := range []struct {
		name, json string
		want       []string
	}{
		{"not json", `{`, []string{"rule_set=legal.ruleset.error.malformed"}},
		{"array", `[]`, []string{"rule_set=legal.ruleset.error.malformed"}},
		{"trailing", `{"id":"abc"} {}`, []string{"rule_set=legal.ruleset.error.malformed"}},
		{"unknown field", `{"id":"abc","minutes":true}`, []string{"rule_set=legal.ruleset.error.malformed"}},
		{"wrong type", `{"id":"abc","comments":{"days":"ten"}}`, []string{"rule_set=legal.ruleset.error.malformed"}},
		{"too large", `{"name":"` + strings.Repeat("x", maxRuleSetBytes) + `"}`, []string{"rule_set=legal.ruleset.error.too_large"}},
		{"reserved", `{"id":"ro-law52"}`, []string{"id=legal.ruleset.error.reserved_id"}},
		{"empty", `{}`, []string{
			"id=legal.ruleset.error.id", "country=field.invalid_choice", "name=field.required", "source=field.required",
			"confidence=field.invalid_choice", "comments.days=legal.ruleset.error.days_range", "comments.unit=field.invalid_choice",
			"comments.source=field.required", "comments.confidence=field.invalid_choice"}},
		{"bad values", `{"id":"Bad--ID","country":"DE","name":"x\u0000y","source":"s","confidence":"X",
			"comments":{"days":400,"unit":"weeks","default":3,"source":"s","confidence":"H","default_confidence":"Z"},
			"adoption":{"days":0,"unit":"working","source":"s","confidence":"M"},
			"debate_notice":{"days":5,"unit":"calendar","source":"s","confidence":"M"},
			"debate_within":{"days":3,"unit":"calendar","default":4,"source":"s","confidence":"M"},
			"duties":[{"kind":"minutes","source":"s","confidence":"H"},{"kind":"minutes","source":"","confidence":"H"},{"kind":"party","source":"s","confidence":"L"}],
			"exception":{"source":"","confidence":"H"}}`, []string{
			"id=legal.ruleset.error.id", "country=field.invalid_choice", "name=field.control_chars", "confidence=field.invalid_choice",
			"comments.days=legal.ruleset.error.days_range", "comments.unit=field.invalid_choice", "comments.default=legal.ruleset.error.default_range",
			"comments.default_confidence=field.invalid_choice", "adoption.days=legal.ruleset.error.days_range",
			"debate_within.default=legal.ruleset.error.default_unused", "debate_within.days=legal.ruleset.error.debate_window",
			"duties.1.kind=legal.ruleset.error.duplicate_duty", "duties.1.source=field.required", "duties.2.kind=field.invalid_choice",
			"exception.source=field.required"}},
	} {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseRuleSet([]byte(tt.json))
			if agora.KindOf(err) != agora.Invalid {
				t.Fatalf("error %v, want Invalid", err)
			}
			var e *agora.Error
			if !errors.As(err, &e) || e.Field == "" {
				t.Errorf("no *agora.Error with a Field in %v", err)
			}
			if got := fieldKeys(err); !slices.Equal(got, tt.want) {
				t.Errorf("errors\n %q\nwant\n %q", got, tt.want)
			}
		})
	}
}

func TestLowestConfidence(t *testing.T) {
	rs, err := ParseRuleSet([]byte(customJSON))
	if err != nil {
		t.Fatal(err)
	}
	if got := rs.LowestConfidence(); got != High {
		t.Errorf("LowestConfidence = %s", got)
	}
	rs.Duties = append(rs.Duties, Duty{Kind: DutyMinutes, Source: "x", Confidence: Low})
	if got := rs.LowestConfidence(); got != Low {
		t.Errorf("LowestConfidence with a Low duty = %s", got)
	}
}

func TestTermEnd(t *testing.T) {
	cal := Term{Days: 10, Unit: CalendarDays, ExtendToWorkingDay: true}
	plain := Term{Days: 10, Unit: CalendarDays}
	work := Term{Days: 30, Unit: WorkingDays, Default: 35}
	// 31 March 2026 + 10 days = Good Friday (RO), run to Tuesday 14 April.
	if got := cal.End(agora.RO, d(2026, 3, 31)); got != d(2026, 4, 14) {
		t.Errorf("extended End = %s", got)
	}
	if got := plain.End(agora.RO, d(2026, 3, 31)); got != d(2026, 4, 10) {
		t.Errorf("plain End = %s", got)
	}
	if got := cal.End(agora.PL, d(2026, 3, 31)); got != d(2026, 4, 10) {
		t.Errorf("PL End on an ordinary Friday = %s", got)
	}
	if got := work.DefaultEnd(agora.RO, d(2026, 3, 1)); got != AddWorkingDays(agora.RO, d(2026, 3, 1), 35) {
		t.Errorf("DefaultEnd = %s", got)
	}
	if work.Key() != "legal.term.working" || cal.Key() != "legal.term.calendar" {
		t.Error("term keys")
	}
}

func FuzzParseRuleSet(f *testing.F) {
	f.Add([]byte(customJSON))
	f.Add([]byte(`{}`))
	f.Add([]byte(`{"id":"ro-law52"}`))
	f.Add([]byte(`{"comments":{"days":-1}}`))
	for _, rs := range Builtins() {
		rs.ID = "x-" + rs.ID
		b, _ := json.Marshal(rs)
		f.Add(b)
	}
	if seeds, err := filepath.Glob("testdata/rulesets/*.json"); err == nil {
		for _, p := range seeds {
			if b, err := os.ReadFile(p); err == nil {
				f.Add(b)
			}
		}
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rs, err := ParseRuleSet(data)
		if err != nil {
			if agora.KindOf(err) != agora.Invalid || len(agora.FieldErrors(err)) == 0 {
				t.Fatalf("error %v is not an Invalid field error", err)
			}
			return
		}
		if err := rs.Validate(); err != nil {
			t.Fatalf("parsed rule set does not validate: %v", err)
		}
		// What parses survives a round trip and gives a usable schedule.
		b, err := json.Marshal(rs)
		if err != nil {
			t.Fatal(err)
		}
		again, err := ParseRuleSet(b)
		if err != nil {
			t.Fatalf("round trip: %v", err)
		}
		b2, _ := json.Marshal(again)
		if string(b) != string(b2) {
			t.Fatalf("round trip differs:\n%s\n%s", b, b2)
		}
		s := rs.Defaults(fuzzNow)
		if v := rs.Check(s); len(v) != 0 {
			t.Fatalf("Defaults breaks its own rule set: %v", v)
		}
	})
}
