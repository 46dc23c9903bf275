package legal

import (
	"bytes"
	"encoding/json"
	"errors"
	"io"
	"regexp"
	"slices"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
)

// Confidence says how well a rule is established, as in
// ../shared/LEGAL-NOTES.md.
type Confidence string

const (
	// High: a primary source or several agreeing ones.
	High Confidence = "H"
	// Medium: one secondary or partial text.
	Medium Confidence = "M"
	// Low: unverified; the authority should check it.
	Low Confidence = "L"
)

// Key returns the catalogue key of the confidence level,
// "legal.confidence.h", "m" or "l".
func (c Confidence) Key() string {
	return i18n.Prefix("legal.confidence.") + strings.ToLower(string(c))
}

func (c Confidence) valid() bool { return c == High || c == Medium || c == Low }

// rank orders confidences from Low (0) to High (2).
func (c Confidence) rank() int { return strings.Index("LMH", string(c)) }

// DayUnit says which days a term counts.
type DayUnit string

const (
	// CalendarDays counts every day.
	CalendarDays DayUnit = "calendar"
	// WorkingDays counts working days (IsWorkingDay).
	WorkingDays DayUnit = "working"
)

// Term is a period a rule set imposes, counted in Unit from a day that is
// not itself counted. Days is the legal limit: a minimum for the comment
// period, the adoption delay and the debate notice, a maximum for the
// delay between announcing and holding a debate.
type Term struct {
	Days int     `json:"days"`
	Unit DayUnit `json:"unit"`
	// Default is the period Defaults proposes; 0 means Days. Minimum
	// terms only.
	Default int `json:"default,omitempty"`
	// ExtendToWorkingDay makes a period whose last day is not a working
	// day run to the next working day, as procedural terms do in both
	// countries; the minimum then ends there too.
	ExtendToWorkingDay bool       `json:"extend_to_working_day,omitempty"`
	Source             string     `json:"source"`
	Confidence         Confidence `json:"confidence"`
	// DefaultConfidence qualifies Default when it is less certain than
	// Days; empty means Confidence.
	DefaultConfidence Confidence `json:"default_confidence,omitempty"`
}

// Key returns the plural catalogue key naming the term's length, for
// Catalog.TN with Days: "legal.term.calendar" ("{n} calendar days") or
// "legal.term.working".
func (t Term) Key() string { return i18n.Prefix("legal.term.") + string(t.Unit) }

// End returns the last day of the term counted from day from in country
// c (from itself not counted), extended to a working day if the term says
// so.
func (t Term) End(c agora.Country, from Date) Date { return t.end(c, from, t.Days) }

// DefaultEnd is End for the Default length.
func (t Term) DefaultEnd(c agora.Country, from Date) Date {
	n := t.Days
	if t.Default > 0 {
		n = t.Default
	}
	return t.end(c, from, n)
}

func (t Term) end(c agora.Country, from Date, n int) Date {
	if t.Unit == WorkingDays {
		return AddWorkingDays(c, from, n)
	}
	e := from.AddDays(n)
	if t.ExtendToWorkingDay {
		e = NextWorkingDay(c, e)
	}
	return e
}

// DutyKind names an obligation of the authority that has no date to
// check but that the platform reminds officers of and supports.
type DutyKind string

const (
	// DutyDebateOnRequest: a public debate must be held when an
	// association or an authority asks for it in writing.
	DutyDebateOnRequest DutyKind = "debate_on_request"
	// DutyMinutes: minutes of public meetings are drawn up and published.
	DutyMinutes DutyKind = "minutes"
	// DutyJustifyRejections: rejected recommendations are justified in writing.
	DutyJustifyRejections DutyKind = "justify_rejections"
	// DutyPublicRegister: a public register of the proposals received is kept.
	DutyPublicRegister DutyKind = "public_register"
	// DutyAnnualReport: a yearly report on decisional transparency is published.
	DutyAnnualReport DutyKind = "annual_report"
	// DutyConsultationReport: a report of the consultation goes with the draft.
	DutyConsultationReport DutyKind = "consultation_report"
)

// DutyKinds lists every duty kind, in the order forms show them.
var DutyKinds = []DutyKind{DutyDebateOnRequest, DutyMinutes, DutyJustifyRejections, DutyPublicRegister, DutyAnnualReport, DutyConsultationReport}

// Key returns the catalogue key describing the duty, "legal.duty.<kind>".
func (k DutyKind) Key() string { return i18n.Prefix("legal.duty.") + string(k) }

// Duty is an obligation with its legal basis.
type Duty struct {
	Kind       DutyKind   `json:"kind"`
	Source     string     `json:"source"`
	Confidence Confidence `json:"confidence"`
}

// Basis is a legal source with its confidence.
type Basis struct {
	Source     string     `json:"source"`
	Confidence Confidence `json:"confidence"`
}

// RuleSet is the data that decides a consultation's dates: built in for
// the laws agora knows, or custom for an authority whose own resolution
// sets other periods. It serialises to JSON as is.
type RuleSet struct {
	// ID is stable and stored with each consultation: lower case letters,
	// digits and hyphens, 3 to 64 characters.
	ID      string        `json:"id"`
	Country agora.Country `json:"country"`
	// Name and Description are shown as written for a custom rule set;
	// built-in ones are shown through NameKey and DescriptionKey.
	Name        string `json:"name"`
	Description string `json:"description,omitempty"`
	// Source cites the act the rule set implements.
	Source     string     `json:"source"`
	Confidence Confidence `json:"confidence"`
	// Resolution cites the council resolution that sets the procedure
	// (Poland, art. 5 ust. 5 of the public benefit act).
	Resolution string `json:"resolution,omitempty"`
	// Comments is the minimum period for written comments, from the day
	// the draft is announced to the day comments close.
	Comments Term `json:"comments"`
	// Adoption is the minimum period from the announcement to the day the
	// draft may be submitted for review or adoption; nil when none.
	Adoption *Term `json:"adoption,omitempty"`
	// DebateNotice is the minimum period between announcing a public
	// meeting and holding it; nil when none.
	DebateNotice *Term `json:"debate_notice,omitempty"`
	// DebateWithin is the maximum period between announcing a public
	// debate and holding it; nil when none.
	DebateWithin *Term  `json:"debate_within,omitempty"`
	Duties       []Duty `json:"duties,omitempty"`
	// Exception is the basis for shorter periods in an emergency; nil
	// when the rules provide none. The officer's justification is
	// recorded and published with the consultation.
	Exception *Basis `json:"exception,omitempty"`
}

// Builtin reports whether rs has the id of a built-in rule set.
func (rs RuleSet) Builtin() bool { return slices.Contains(builtinIDs, rs.ID) }

// NameKey returns the catalogue key of a built-in rule set's name
// ("legal.ruleset.ro_law52.name"), or "" for a custom one, whose Name is
// shown as written.
func (rs RuleSet) NameKey() string {
	if !rs.Builtin() {
		return ""
	}
	return i18n.Prefix("legal.ruleset.") + strings.ReplaceAll(rs.ID, "-", "_") + ".name"
}

// DescriptionKey is NameKey for the description.
func (rs RuleSet) DescriptionKey() string {
	if !rs.Builtin() {
		return ""
	}
	return i18n.Prefix("legal.ruleset.") + strings.ReplaceAll(rs.ID, "-", "_") + ".description"
}

// Duty returns the duty of kind k, if rs imposes it.
func (rs RuleSet) Duty(k DutyKind) (Duty, bool) {
	for _, d := range rs.Duties {
		if d.Kind == k {
			return d, true
		}
	}
	return Duty{}, false
}

// LowestConfidence returns the weakest confidence among the rule set's
// source, terms, defaults and duties: the UI asks an officer to check the
// rule set when it is not High.
func (rs RuleSet) LowestConfidence() Confidence {
	low := rs.Confidence
	lower := func(c Confidence) {
		if c.valid() && c.rank() < low.rank() {
			low = c
		}
	}
	for _, t := range rs.terms() {
		lower(t.Confidence)
		if t.Default > 0 {
			lower(t.DefaultConfidence)
		}
	}
	for _, d := range rs.Duties {
		lower(d.Confidence)
	}
	if rs.Exception != nil {
		lower(rs.Exception.Confidence)
	}
	return low
}

// terms returns the rule set's terms that are set.
func (rs RuleSet) terms() []Term {
	out := []Term{rs.Comments}
	for _, t := range []*Term{rs.Adoption, rs.DebateNotice, rs.DebateWithin} {
		if t != nil {
			out = append(out, *t)
		}
	}
	return out
}

// Limits of a rule set.
const (
	maxRuleSetBytes = 64 << 10
	maxTermDays     = 366
	maxDuties       = 20
)

var ruleSetIDRE = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{1,62}[a-z0-9]$`)

// ParseRuleSet reads a custom rule set from JSON and validates it. Errors
// are Invalid: legal.ruleset.error.too_large or .malformed (Field
// "rule_set") for input that is not one JSON object of known fields,
// legal.ruleset.error.reserved_id for a built-in id, else those of
// Validate. Text fields come back trimmed.
func ParseRuleSet(data []byte) (RuleSet, error) {
	if len(data) > maxRuleSetBytes {
		return RuleSet{}, agora.FieldError("rule_set", "legal.ruleset.error.too_large", map[string]any{"max": maxRuleSetBytes})
	}
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	var rs RuleSet
	if err := dec.Decode(&rs); err != nil {
		return RuleSet{}, agora.FieldError("rule_set", "legal.ruleset.error.malformed", nil).Wrap(err)
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return RuleSet{}, agora.FieldError("rule_set", "legal.ruleset.error.malformed", nil)
	}
	if rs.Builtin() {
		return RuleSet{}, agora.FieldError("id", "legal.ruleset.error.reserved_id", map[string]any{"id": rs.ID})
	}
	rs, err := rs.clean()
	if err != nil {
		return RuleSet{}, err
	}
	return rs, nil
}

// Validate checks every field of rs and returns nil or an
// *agora.ValidationError whose Fields are Invalid *agora.Error values,
// each with Field set to the JSON path of the bad value ("comments.days",
// "duties.0.kind"); errors.As finds the first as an *agora.Error.
func (rs RuleSet) Validate() error {
	_, err := rs.clean()
	return err
}

// clean trims the text fields of rs and validates it.
func (rs RuleSet) clean() (RuleSet, error) {
	var es agora.Errs
	if !ruleSetIDRE.MatchString(rs.ID) || strings.Contains(rs.ID, "--") {
		es.Add("id", "legal.ruleset.error.id", nil)
	}
	if rs.Country != agora.RO && rs.Country != agora.PL {
		es.Add("country", "field.invalid_choice", nil)
	}
	rs.Name = agora.ValidateText(&es, "name", rs.Name, 1, 200, false)
	rs.Description = agora.ValidateText(&es, "description", rs.Description, 0, 2000, true)
	rs.Resolution = agora.ValidateText(&es, "resolution", rs.Resolution, 0, 300, false)
	rs.Source, rs.Confidence = cleanBasis(&es, "", rs.Source, rs.Confidence)
	rs.Comments = cleanTerm(&es, "comments", rs.Comments, true)
	for _, t := range []struct {
		path    string
		term    **Term
		minimum bool
	}{{"adoption", &rs.Adoption, true}, {"debate_notice", &rs.DebateNotice, true}, {"debate_within", &rs.DebateWithin, false}} {
		if *t.term != nil {
			c := cleanTerm(&es, t.path, **t.term, t.minimum)
			*t.term = &c
		}
	}
	if n, w := rs.DebateNotice, rs.DebateWithin; n != nil && w != nil && n.Unit == w.Unit && w.Days < n.Days {
		es.Add("debate_within.days", "legal.ruleset.error.debate_window", map[string]any{"min": n.Days})
	}
	if len(rs.Duties) > maxDuties {
		es.Add("duties", "field.too_many", map[string]any{"max": maxDuties})
	}
	duties := make([]Duty, len(rs.Duties))
	for i, d := range rs.Duties {
		path := "duties." + strconv.Itoa(i)
		if !slices.Contains(DutyKinds, d.Kind) {
			es.Add(path+".kind", "field.invalid_choice", nil)
		} else if slices.ContainsFunc(rs.Duties[:i], func(e Duty) bool { return e.Kind == d.Kind }) {
			es.Add(path+".kind", "legal.ruleset.error.duplicate_duty", nil)
		}
		d.Source, d.Confidence = cleanBasis(&es, path+".", d.Source, d.Confidence)
		duties[i] = d
	}
	if rs.Duties != nil {
		rs.Duties = duties
	}
	if rs.Exception != nil {
		b := *rs.Exception
		b.Source, b.Confidence = cleanBasis(&es, "exception.", b.Source, b.Confidence)
		rs.Exception = &b
	}
	return rs, es.Err()
}

// cleanBasis checks a source citation and its confidence; prefix is the
// JSON path of their object ("" or "duties.0.").
func cleanBasis(es *agora.Errs, prefix, source string, c Confidence) (string, Confidence) {
	source = agora.ValidateText(es, prefix+"source", source, 1, 500, false)
	if !c.valid() {
		es.Add(prefix+"confidence", "field.invalid_choice", nil)
	}
	return source, c
}

// cleanTerm checks a term; a minimum term may carry a Default.
func cleanTerm(es *agora.Errs, path string, t Term, minimum bool) Term {
	if t.Days < 1 || t.Days > maxTermDays {
		es.Add(path+".days", "legal.ruleset.error.days_range", map[string]any{"min": 1, "max": maxTermDays})
	}
	if t.Unit != CalendarDays && t.Unit != WorkingDays {
		es.Add(path+".unit", "field.invalid_choice", nil)
	}
	switch {
	case t.Default != 0 && !minimum:
		es.Add(path+".default", "legal.ruleset.error.default_unused", nil)
	case t.Default != 0 && (t.Default < t.Days || t.Default > maxTermDays):
		es.Add(path+".default", "legal.ruleset.error.default_range", map[string]any{"min": t.Days, "max": maxTermDays})
	}
	t.Source, t.Confidence = cleanBasis(es, path+".", t.Source, t.Confidence)
	if t.DefaultConfidence != "" && !t.DefaultConfidence.valid() {
		es.Add(path+".default_confidence", "field.invalid_choice", nil)
	}
	return t
}
