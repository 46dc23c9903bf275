package web

import (
	"context"
	"encoding/json"
	"net/http"
	"slices"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
)

func defaultRuleSetID(c agora.Country) string { return legal.DefaultRuleSetID(c) }

// ruleSetFor resolves the rule set id of a consultation of orgID in
// country: a built-in one of the country or one of the authority's own.
// NotFound for anything else, including another authority's rule set.
func (s *Server) ruleSetFor(ctx context.Context, orgID string, country agora.Country, id string) (legal.RuleSet, error) {
	if rs, ok := legal.Builtin(id); ok {
		if rs.Country != country {
			return rs, agora.Errorf(agora.NotFound, "consultation_author.error.rule_set_not_found")
		}
		return rs, nil
	}
	if !agora.ValidID(id) {
		return legal.RuleSet{}, agora.Errorf(agora.NotFound, "consultation_author.error.rule_set_not_found")
	}
	row, err := s.store.RuleSet(ctx, id)
	if err != nil {
		return legal.RuleSet{}, err
	}
	if row.OrgID != orgID {
		return legal.RuleSet{}, agora.Errorf(agora.NotFound, "consultation_author.error.rule_set_not_found")
	}
	return legal.ParseRuleSet([]byte(row.Params))
}

// ruleSetName is how a rule set is shown: built-in ones translated,
// custom ones as their authority wrote them.
func (s *Server) ruleSetName(lang string, rs legal.RuleSet) string {
	if k := rs.NameKey(); k != "" {
		return s.cat.T(lang, k, nil)
	}
	return rs.Name
}

// ruleSetOptions lists the rule sets a consultation of the authority may
// follow: the country's built-in ones, then the authority's own.
func (s *Server) ruleSetOptions(ctx context.Context, lang, orgID string, country agora.Country, selected string) ([]orgOption, error) {
	var out []orgOption
	for _, rs := range legal.BuiltinsFor(country) {
		out = append(out, orgOption{Value: rs.ID, Label: s.ruleSetName(lang, rs), Selected: rs.ID == selected})
	}
	if orgID == "" {
		return out, nil
	}
	rows, err := s.store.RuleSets(ctx, orgID)
	if err != nil {
		return nil, err
	}
	for _, r := range rows {
		out = append(out, orgOption{Value: r.ID, Label: r.Name, Selected: r.ID == selected})
	}
	return out, nil
}

// ruleSetView is a rule set as the rule sets page describes it.
type ruleSetView struct {
	ID          string
	Name        string
	Description string
	Source      string
	Confidence  string
	Terms       []termView
	Duties      []string
	Exception   string
	Custom      bool
}

// termView is one period of a rule set: what it is and how long.
type termView struct {
	Label  string
	Length string
	Source string
}

func (s *Server) ruleSetViewOf(lang string, rs legal.RuleSet, custom bool) ruleSetView {
	v := ruleSetView{ID: rs.ID, Name: s.ruleSetName(lang, rs), Description: rs.Description, Source: rs.Source,
		Confidence: s.cat.T(lang, rs.LowestConfidence().Key(), nil), Custom: custom}
	if k := rs.DescriptionKey(); k != "" {
		v.Description = s.cat.T(lang, k, nil)
	}
	for _, t := range []struct {
		name string
		term *legal.Term
	}{{"comments", &rs.Comments}, {"adoption", rs.Adoption}, {"debate_notice", rs.DebateNotice}, {"debate_within", rs.DebateWithin}} {
		if t.term == nil {
			continue
		}
		v.Terms = append(v.Terms, termView{Label: s.cat.T(lang, i18n.Prefix("consultation_author.rules.term.")+t.name, nil),
			Length: s.cat.TN(lang, t.term.Key(), t.term.Days, map[string]any{"n": t.term.Days}), Source: t.term.Source})
	}
	for _, d := range rs.Duties {
		v.Duties = append(v.Duties, s.cat.T(lang, d.Kind.Key(), nil))
	}
	if rs.Exception != nil {
		v.Exception = rs.Exception.Source
	}
	return v
}

// ruleSetsData feeds consultation/author_rules.
type ruleSetsData struct {
	Org      agora.Organisation
	Builtins []ruleSetView
	Customs  []ruleSetView
	EditID   string
	Units    []orgOption
	Duties   []orgOption
}

// ruleSetTerms are the periods of the rule set form. Its fields are named
// by the JSON paths legal.RuleSet.Validate reports errors on
// ("comments.days"), so its errors land beside their inputs.
var ruleSetTerms = []string{"comments", "adoption", "debate_notice", "debate_within"}

// ruleSetFromForm builds a custom rule set of country from the form.
// A term whose days are left empty is absent (comments are required).
// The authority cites its own act, so its citations count as certain.
func ruleSetFromForm(f *Form, duties []string, id string, country agora.Country) (legal.RuleSet, error) {
	rs := legal.RuleSet{ID: id, Country: country, Name: f.Get("name"), Description: f.Get("description"),
		Resolution: f.Get("resolution"), Source: f.Get("source"), Confidence: legal.High}
	var es agora.Errs
	for _, name := range ruleSetTerms {
		days := strings.TrimSpace(f.Get(name + ".days"))
		if days == "" && name != "comments" {
			continue
		}
		t := legal.Term{Unit: legal.DayUnit(f.Get(name + ".unit")), Source: rs.Source, Confidence: legal.High,
			ExtendToWorkingDay: f.Get(name+".extend") != ""}
		n, err := strconv.Atoi(days)
		if err != nil {
			es.Add(name+".days", "field.invalid_number", nil)
		}
		t.Days = n
		if def := strings.TrimSpace(f.Get(name + ".default")); def != "" {
			if t.Default, err = strconv.Atoi(def); err != nil {
				es.Add(name+".default", "field.invalid_number", nil)
			}
		}
		switch name {
		case "comments":
			rs.Comments = t
		case "adoption":
			rs.Adoption = &t
		case "debate_notice":
			rs.DebateNotice = &t
		case "debate_within":
			rs.DebateWithin = &t
		}
	}
	for _, k := range duties {
		rs.Duties = append(rs.Duties, legal.Duty{Kind: legal.DutyKind(k), Source: rs.Source, Confidence: legal.High})
	}
	if src := strings.TrimSpace(f.Get("exception.source")); src != "" {
		rs.Exception = &legal.Basis{Source: src, Confidence: legal.High}
	}
	// Numbers that did not parse come first, so their message wins over
	// the range check of the zero they left behind.
	all := append(es, agora.FieldErrors(rs.Validate())...)
	return rs, all.Err()
}

// ruleSetAuthority checks that the viewer is an officer of the public
// authority of the path and returns it.
func (s *Server) ruleSetAuthority(r *http.Request) (agora.Organisation, error) {
	id, err := s.authorizeOrg(r, auth.ManageConsultation)
	if err != nil {
		return agora.Organisation{}, err
	}
	o, err := s.store.Org(r.Context(), id)
	if err == nil && o.Kind != agora.OrgPublicAuthority {
		err = agora.Errorf(agora.NotFound, "error.not_found")
	}
	return o, err
}

func (s *Server) ruleSetsData(ctx context.Context, lang string, o agora.Organisation, f *Form, duties []string) (ruleSetsData, error) {
	d := ruleSetsData{Org: o, EditID: f.Get("rule_set")}
	for _, rs := range legal.BuiltinsFor(o.Country) {
		d.Builtins = append(d.Builtins, s.ruleSetViewOf(lang, rs, false))
	}
	rows, err := s.store.RuleSets(ctx, o.ID)
	if err != nil {
		return d, err
	}
	for _, row := range rows {
		rs, err := legal.ParseRuleSet([]byte(row.Params))
		if err != nil {
			return d, err
		}
		d.Customs = append(d.Customs, s.ruleSetViewOf(lang, rs, true))
	}
	for _, u := range []legal.DayUnit{legal.CalendarDays, legal.WorkingDays} {
		d.Units = append(d.Units, orgOption{Value: string(u), Label: s.cat.T(lang, i18n.Prefix("consultation_author.rules.unit.")+string(u), nil)})
	}
	for _, k := range legal.DutyKinds {
		d.Duties = append(d.Duties, orgOption{Value: string(k), Label: s.cat.T(lang, k.Key(), nil), Selected: slices.Contains(duties, string(k))})
	}
	return d, nil
}

// ruleSetFormValues fills the form from a stored rule set, for editing.
func ruleSetFormValues(rs legal.RuleSet) (map[string]string, []string) {
	v := map[string]string{"rule_set": rs.ID, "name": rs.Name, "description": rs.Description, "resolution": rs.Resolution, "source": rs.Source}
	for name, t := range map[string]*legal.Term{"comments": &rs.Comments, "adoption": rs.Adoption, "debate_notice": rs.DebateNotice, "debate_within": rs.DebateWithin} {
		if t == nil {
			continue
		}
		v[name+".days"], v[name+".unit"] = strconv.Itoa(t.Days), string(t.Unit)
		if t.Default != 0 {
			v[name+".default"] = strconv.Itoa(t.Default)
		}
		if t.ExtendToWorkingDay {
			v[name+".extend"] = "1"
		}
	}
	if rs.Exception != nil {
		v["exception.source"] = rs.Exception.Source
	}
	var duties []string
	for _, d := range rs.Duties {
		duties = append(duties, string(d.Kind))
	}
	return v, duties
}

// showRuleSets lists the built-in and custom rule sets of the authority
// with a form for a new one, or for the one named by ?edit=.
func (s *Server) showRuleSets(w http.ResponseWriter, r *http.Request) {
	o, err := s.ruleSetAuthority(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := &Form{Values: map[string]string{"comments.unit": string(legal.CalendarDays), "comments.extend": "1"}, Errors: map[string]string{}}
	var duties []string
	if id := r.URL.Query().Get("edit"); id != "" {
		rs, err := s.ruleSetFor(r.Context(), o.ID, o.Country, id)
		if err != nil || rs.Builtin() {
			s.fail(w, r, agora.Errorf(agora.NotFound, "consultation_author.error.rule_set_not_found"))
			return
		}
		f.Values, duties = ruleSetFormValues(rs)
	}
	d, err := s.ruleSetsData(r.Context(), localeFrom(r.Context()).Lang, o, f, duties)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.page(r, d)
	p.Form = f
	s.render(w, r, http.StatusOK, "consultation/author_rules", p)
}

// saveRuleSet creates a custom rule set, or changes the one named in the
// hidden "rule_set" field.
func (s *Server) saveRuleSet(w http.ResponseWriter, r *http.Request) {
	o, err := s.ruleSetAuthority(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	duties := r.PostForm["duties"]
	id := f.Get("rule_set")
	create := id == ""
	if create {
		id = agora.NewID()
	} else if _, err := s.ruleSetFor(r.Context(), o.ID, o.Country, id); err != nil || !agora.ValidID(id) {
		s.fail(w, r, agora.Errorf(agora.NotFound, "consultation_author.error.rule_set_not_found"))
		return
	}
	rs, err := ruleSetFromForm(f, duties, id, o.Country)
	if err == nil {
		var params []byte
		if params, err = json.Marshal(rs); err == nil {
			row := store.StoredRuleSet{ID: id, Name: rs.Name, Params: string(params)}
			actor := viewerFrom(r.Context()).ID
			if create {
				_, err = s.store.CreateRuleSet(r.Context(), actor, o.ID, row)
			} else {
				_, err = s.store.UpdateRuleSet(r.Context(), actor, o.ID, row)
			}
			if err == nil {
				s.redirect(w, r, "/orgs/"+o.ID+"/rule-sets", "consultation_author.flash.rule_set_saved")
				return
			}
		}
	}
	d, derr := s.ruleSetsData(r.Context(), localeFrom(r.Context()).Lang, o, f, duties)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	s.renderForm(w, r, "consultation/author_rules", f, err, d)
}
