package web

import (
	"net/http"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
)

// publishData feeds consultation/author_publish: the dates the rule set
// allows, with the calendar reasoning behind them.
type publishData struct {
	C       agora.Consultation
	RuleSet ruleSetView
	Today   string
	// Reasons explain the proposed minimum dates in sentences.
	Reasons []string
	// Holidays are the public holidays on weekdays between the
	// announcement and the earliest adoption: the days a working-day count
	// skips besides weekends.
	Holidays  []holidayView
	Zone      string
	Exception string // the rule set's basis for an emergency exception
	// Violated is true when the submitted dates break the rule set, so
	// the page points at the emergency exception.
	Violated bool
}

type holidayView struct {
	Date string
	Name string
}

// publishForm is what the officer submits.
type publishForm struct {
	Opens, Close, Adoption legal.Date
	Emergency              bool
	Exception              string
}

// hardViolations cannot be waived by an emergency exception: dates that
// are missing, contradict each other or belong to another country.
var hardViolations = map[string]bool{
	"legal.violation.published_required":            true,
	"legal.violation.comments_close_required":       true,
	"legal.violation.earliest_adoption_required":    true,
	"legal.violation.country_mismatch":              true,
	"legal.violation.comments_close_after_adoption": true,
}

// minExceptionChars is the shortest justification of an emergency
// exception worth publishing.
const minExceptionChars = 20

// publishedAt is the instant a draft announced on day opens is
// published: now when that is today, else the start of that day.
func publishedAt(c agora.Country, opens legal.Date, now time.Time) time.Time {
	if opens == legal.DateOf(c, now) {
		return now
	}
	return legal.StartOfDay(c, opens)
}

// decodePublishForm reads the publish form. It returns the dates it
// could read and the field errors of those it could not.
func decodePublishForm(f *Form, c agora.Country, today legal.Date) (publishForm, agora.Errs) {
	var p publishForm
	var es agora.Errs
	for _, d := range []struct {
		field string
		to    *legal.Date
	}{{legal.FieldPublished, &p.Opens}, {legal.FieldCommentsClose, &p.Close}, {legal.FieldEarliestAdoption, &p.Adoption}} {
		v := strings.TrimSpace(f.Get(d.field))
		if v == "" {
			es.Add(d.field, "field.required", nil)
			continue
		}
		date, err := legal.ParseDate(v)
		if err != nil {
			es.Add(d.field, "field.invalid_date", nil)
			continue
		}
		*d.to = date
	}
	if !p.Opens.IsZero() && p.Opens.Before(today) {
		es.Add(legal.FieldPublished, "consultation_author.error.opens_in_past", nil)
	}
	if !p.Opens.IsZero() && !p.Close.IsZero() && p.Close.Before(p.Opens) {
		es.Add(legal.FieldCommentsClose, "consultation_author.error.close_before_open", nil)
	}
	p.Emergency = f.Get("emergency") != ""
	p.Exception = f.Get("exception")
	return p, es
}

// publishContext loads the draft and its rule set; on error it has
// already answered.
func (s *Server) publishContext(w http.ResponseWriter, r *http.Request) (agora.Consultation, legal.RuleSet, bool) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return cc.C, legal.RuleSet{}, false
	}
	if cc.C.State != agora.ConsultationDraft {
		s.fail(w, r, agora.Errorf(agora.Conflict, "consultation.error.not_draft"))
		return cc.C, legal.RuleSet{}, false
	}
	rs, err := s.ruleSetFor(r.Context(), cc.C.OrgID, cc.C.Country, cc.C.RuleSetID)
	if err != nil {
		s.fail(w, r, err)
		return cc.C, rs, false
	}
	return cc.C, rs, true
}

// showPublish proposes the earliest legal dates for a draft announced
// today, or on the day chosen in ?opens_on=.
func (s *Server) showPublish(w http.ResponseWriter, r *http.Request) {
	c, rs, ok := s.publishContext(w, r)
	if !ok {
		return
	}
	now := s.now()
	today := legal.DateOf(c.Country, now)
	opens := today
	if v := r.URL.Query().Get("opens_on"); v != "" {
		if d, err := legal.ParseDate(v); err == nil && !d.Before(today) {
			opens = d
		}
	}
	sched := rs.Defaults(publishedAt(c.Country, opens, now))
	f := &Form{Values: map[string]string{
		legal.FieldPublished: opens.String(), legal.FieldCommentsClose: sched.CommentsClose.String(),
		legal.FieldEarliestAdoption: sched.EarliestAdoption.String(),
	}, Errors: map[string]string{}}
	p := s.page(r, s.publishData(r, c, rs, opens, sched.EarliestAdoption, false))
	p.Form = f
	s.render(w, r, http.StatusOK, "consultation/author_publish", p)
}

// publishConsultation checks the submitted dates against the rule set
// and publishes. Dates that break it are refused field by field unless
// the officer records an emergency exception, whose justification is
// published with the consultation.
func (s *Server) publishConsultation(w http.ResponseWriter, r *http.Request) {
	c, rs, ok := s.publishContext(w, r)
	if !ok {
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	now := s.now()
	today := legal.DateOf(c.Country, now)
	pf, es := decodePublishForm(f, c.Country, today)
	violated := false
	var published time.Time
	if len(es) == 0 {
		published = publishedAt(c.Country, pf.Opens, now)
		sched := legal.Schedule{Country: c.Country, Published: published, CommentsClose: pf.Close, EarliestAdoption: pf.Adoption}
		for _, v := range rs.Check(sched) {
			if hardViolations[v.Key] || !pf.Emergency {
				es = append(es, v)
			}
			violated = violated || !hardViolations[v.Key]
		}
		if violated && pf.Emergency {
			pf.Exception = agora.ValidateText(&es, "exception", pf.Exception, minExceptionChars, 5000, true)
		}
	}
	if len(es) == 0 {
		exception := ""
		if violated {
			exception = pf.Exception
		}
		_, err := s.store.PublishConsultation(r.Context(), viewerFrom(r.Context()).ID, c.ID, store.Publication{
			OpensAt: published, CommentsClose: legal.EndOfDay(c.Country, pf.Close), EarliestAdoption: pf.Adoption.String(), Exception: exception,
		})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.redirect(w, r, consultationPath(c.ID), "consultation_author.flash.published")
		return
	}
	opens, adoption := pf.Opens, pf.Adoption
	if opens.IsZero() || opens.Before(today) {
		opens = today
	}
	s.renderForm(w, r, "consultation/author_publish", f, es.Err(), s.publishData(r, c, rs, opens, adoption, violated))
}

// publishData explains the rule set's periods counted from opens, and
// lists the weekday holidays up to the later of adoption and the
// rule set's own earliest adoption.
func (s *Server) publishData(r *http.Request, c agora.Consultation, rs legal.RuleSet, opens, adoption legal.Date, violated bool) publishData {
	lang := localeFrom(r.Context()).Lang
	loc := localeFrom(r.Context())
	loc.Zone = legal.Zone(c.Country)
	day := func(d legal.Date) string { return loc.DateLong(d.Noon()) }
	d := publishData{C: c, RuleSet: s.ruleSetViewOf(lang, rs, !rs.Builtin()), Today: legal.DateOf(c.Country, s.now()).String(),
		Zone: s.cat.T(lang, i18n.Prefix("consultation_author.zone.")+strings.ToLower(string(c.Country)), nil), Violated: violated}
	if rs.Exception != nil {
		d.Exception = rs.Exception.Source
	}
	term := func(t legal.Term) string { return s.cat.TN(lang, t.Key(), t.Days, map[string]any{"n": t.Days}) }
	minClose := rs.Comments.End(c.Country, opens)
	d.Reasons = append(d.Reasons, s.cat.T(lang, "consultation_author.publish.reason.comments",
		map[string]any{"length": term(rs.Comments), "from": day(opens), "until": day(minClose)}))
	until := minClose
	if rs.Adoption != nil {
		minAdoption := rs.Adoption.End(c.Country, opens)
		d.Reasons = append(d.Reasons, s.cat.T(lang, "consultation_author.publish.reason.adoption",
			map[string]any{"length": term(*rs.Adoption), "until": day(minAdoption)}))
		until = minAdoption
	}
	if adoption.After(until) && opens.DaysUntil(adoption) <= 2*366 {
		until = adoption
	}
	d.Reasons = append(d.Reasons, s.cat.T(lang, "consultation_author.publish.reason.count", map[string]any{
		"from": day(opens), "until": day(until),
		"working": legal.WorkingDaysBetween(c.Country, opens, until), "calendar": opens.DaysUntil(until)}))
	for y := opens.Year; y <= until.Year; y++ {
		for _, h := range legal.Holidays(c.Country, y) {
			wd := h.Date.Weekday()
			if h.Date.After(opens) && !h.Date.After(until) && wd != time.Saturday && wd != time.Sunday {
				d.Holidays = append(d.Holidays, holidayView{Date: day(h.Date), Name: s.cat.T(lang, h.Key(), nil)})
			}
		}
	}
	return d
}
