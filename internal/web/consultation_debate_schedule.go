package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
)

// debateForm is the officer's notice of a public debate, decoded.
type debateForm struct {
	StartsAt  time.Time
	Place     string
	OnlineURL string
	Notice    string
	Emergency bool
	Exception string
}

// Form fields of the notice besides legal.FieldDebateDate.
const (
	fieldDebateTime = "debate_time"
	fieldOnlineURL  = "online_url"
)

// decodeDebateForm reads the notice: the day and hour are in the
// consultation's country, whatever the officer's own zone.
func decodeDebateForm(f *Form, c agora.Country, now time.Time) (debateForm, agora.Errs) {
	var es agora.Errs
	d := debateForm{Emergency: f.Get("emergency") != ""}
	day, derr := legal.ParseDate(strings.TrimSpace(f.Get(legal.FieldDebateDate)))
	if derr != nil {
		es.Add(legal.FieldDebateDate, "field.invalid_date", nil)
	}
	clock, terr := time.Parse("15:04", strings.TrimSpace(f.Get(fieldDebateTime)))
	if terr != nil {
		es.Add(fieldDebateTime, "consultation_debate.error.time", nil)
	}
	if derr == nil && terr == nil {
		d.StartsAt = time.Date(day.Year, day.Month, day.Day, clock.Hour(), clock.Minute(), 0, 0, legal.Zone(c)).UTC()
		if !d.StartsAt.After(now) {
			es.Add(legal.FieldDebateDate, "consultation_debate.error.in_past", nil)
		}
	}
	d.Place = agora.ValidateText(&es, "place", f.Get("place"), 0, 300, false)
	d.OnlineURL = validateMeetingURL(&es, f.Get(fieldOnlineURL))
	if d.Place == "" && d.OnlineURL == "" && !hasFieldError(es, "place", fieldOnlineURL) {
		es.Add("place", "consultation_debate.error.place_or_link", nil)
	}
	d.Notice = agora.ValidateText(&es, "notice", f.Get("notice"), 10, 20000, true)
	d.Exception = f.Get("exception")
	return d, es
}

// hasFieldError reports whether es holds an error on one of the fields.
func hasFieldError(es agora.Errs, fields ...string) bool {
	for _, e := range es {
		for _, f := range fields {
			if e.Field == f {
				return true
			}
		}
	}
	return false
}

// validateMeetingURL accepts an https link to an online meeting, with a
// host and no credentials; plain http would leak the meeting's secret
// parameters, and other schemes (javascript:, data:) are never links.
func validateMeetingURL(es *agora.Errs, raw string) string {
	raw = agora.ValidateText(es, fieldOnlineURL, raw, 0, 500, false)
	if raw == "" {
		return ""
	}
	u, err := url.Parse(raw)
	if err != nil || u.Scheme != "https" || u.Host == "" || u.User != nil || u.Hostname() == "" || strings.ContainsAny(raw, " <>\"'`") {
		es.Add(fieldOnlineURL, "consultation_debate.error.url", nil)
		return ""
	}
	return u.String()
}

// scheduleData is the notice form.
type scheduleData struct {
	C        agora.Consultation
	Requests []agora.DebateRequest
	// NoticeDays is the rule set's minimum notice (0: none) and Earliest
	// the first day a debate announced today may be held.
	NoticeDays int
	NoticeKey  string
	Earliest   string
	Source     string
	Zone       string
	Violated   bool
	Basis      string
}

// debateScheduleContext loads a published consultation for its officer
// with its rule set; on error it has already answered.
func (s *Server) debateScheduleContext(w http.ResponseWriter, r *http.Request) (consultationCtx, legal.RuleSet, bool) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return cc, legal.RuleSet{}, false
	}
	if cc.C.State != agora.ConsultationPublished {
		s.fail(w, r, agora.Errorf(agora.Conflict, "consultation_debate.error.not_open"))
		return cc, legal.RuleSet{}, false
	}
	rs, err := s.ruleSetFor(r.Context(), cc.C.OrgID, cc.C.Country, cc.C.RuleSetID)
	if err != nil {
		s.fail(w, r, err)
		return cc, rs, false
	}
	return cc, rs, true
}

func (s *Server) scheduleData(r *http.Request, cc consultationCtx, rs legal.RuleSet, violated bool) (scheduleData, error) {
	reqs, err := s.store.DebateRequests(r.Context(), cc.C.ID)
	if err != nil {
		return scheduleData{}, err
	}
	d := scheduleData{C: cc.C, Requests: reqs, Zone: s.cat.T(cc.Lang, zoneKey(cc.C.Country), nil), Violated: violated}
	if t := rs.DebateNotice; t != nil {
		loc := localeIn(cc.Lang, legal.Zone(cc.C.Country))
		d.NoticeDays, d.NoticeKey, d.Source = t.Days, t.Key(), t.Source
		d.Earliest = loc.DateLong(t.End(cc.C.Country, legal.DateOf(cc.C.Country, s.now())).Noon())
	}
	if rs.Exception != nil {
		d.Basis = rs.Exception.Source
	}
	return d, nil
}

// newDebateForm serves GET /consultations/{id}/debates/new, proposing
// the first day the notice period allows at 17:00.
func (s *Server) newDebateForm(w http.ResponseWriter, r *http.Request) {
	cc, rs, ok := s.debateScheduleContext(w, r)
	if !ok {
		return
	}
	d, err := s.scheduleData(r, cc, rs, false)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	first := legal.DateOf(cc.C.Country, s.now()).AddDays(1)
	if t := rs.DebateNotice; t != nil {
		first = t.End(cc.C.Country, legal.DateOf(cc.C.Country, s.now()))
	}
	p := s.page(r, d)
	p.Form = &Form{Values: map[string]string{legal.FieldDebateDate: first.String(), fieldDebateTime: "17:00"}, Errors: map[string]string{}}
	s.render(w, r, http.StatusOK, "consultation/debate_new", p)
}

// scheduleDebate serves POST /consultations/{id}/debates/new. A notice
// shorter than the rule set's (RO Law 52/2003 art. 8: 3 days) is refused
// with the law's message unless the officer records an emergency
// exception, which is published with the notice.
func (s *Server) scheduleDebate(w http.ResponseWriter, r *http.Request) {
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	cc, rs, ok := s.debateScheduleContext(w, r)
	if !ok {
		return
	}
	now := s.now()
	in, es := decodeDebateForm(f, cc.C.Country, now)
	violated := false
	if len(es) == 0 {
		for _, v := range debateViolations(rs, cc.C, now, in.StartsAt) {
			violated = true
			if !in.Emergency {
				es = append(es, v)
			}
		}
		if violated && in.Emergency {
			in.Exception = agora.ValidateText(&es, "exception", in.Exception, minExceptionChars, 5000, true)
		}
	}
	if len(es) == 0 {
		if !violated {
			in.Exception = ""
		}
		d, err := s.store.ScheduleDebate(r.Context(), cc.Actor.User.ID, store.NewDebate{ConsultationID: cc.C.ID, StartsAt: in.StartsAt,
			Place: in.Place, OnlineURL: in.OnlineURL, Notice: in.Notice, Exception: in.Exception})
		if err != nil {
			s.fail(w, r, err)
			return
		}
		s.redirect(w, r, consultationPath(cc.C.ID, "debates", d.ID), "consultation_debate.flash.scheduled")
		return
	}
	d, derr := s.scheduleData(r, cc, rs, violated)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	s.renderForm(w, r, "consultation/debate_new", f, es.Err(), d)
}

// debateViolations checks a debate announced now and held at starts
// against the rule set's notice and holding periods; the consultation's
// own dates were checked when it was published.
func debateViolations(rs legal.RuleSet, c agora.Consultation, now, starts time.Time) []*agora.Error {
	sched := legal.Schedule{Country: c.Country, Published: c.OpensAt, CommentsClose: legal.DateOf(c.Country, c.CommentsClose),
		Debates: []legal.Debate{{AnnouncedAt: now, HeldAt: starts}}}
	if d, err := legal.ParseDate(c.EarliestAdoption); err == nil {
		sched.EarliestAdoption = d
	}
	var out []*agora.Error
	for _, v := range rs.Check(sched) {
		if v.Field == legal.FieldDebateDate {
			out = append(out, v)
		}
	}
	return out
}
