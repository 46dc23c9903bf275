package web

import (
	"net/http"
	"net/url"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
)

// maxCalendarConsultations bounds one calendar file; a subscriber wanting
// more narrows the filter.
const maxCalendarConsultations = 300

// debateLength is how long a debate is shown to last: debates are
// announced with a start only.
const debateLength = 2 * time.Hour

// listCalendar serves the deadlines, earliest adoption dates and public
// debates of the consultations the list's filters select, as iCalendar.
func (s *Server) listCalendar(w http.ResponseWriter, r *http.Request) {
	f, es := consultationListFilter(r.URL.Query())
	if len(es) > 0 {
		s.fail(w, r, es.Err())
		return
	}
	f.Cursor, f.Limit = "", store.MaxConsultationListPage
	var cs []agora.Consultation
	for len(cs) < maxCalendarConsultations {
		p, err := s.store.ListConsultations(r.Context(), f)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		cs = append(cs, p.Items...)
		if p.Next == "" {
			break
		}
		f.Cursor = p.Next
	}
	lang := localeFrom(r.Context()).Lang
	s.writeCalendar(w, r, s.cat.T(lang, "consultation_follow.ics.name", nil), cs)
}

// consultationCalendar serves the dates of one consultation as iCalendar.
func (s *Server) consultationCalendar(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ViewPublic)
	if !ok {
		return
	}
	s.writeCalendar(w, r, cc.C.Title, []agora.Consultation{cc.C})
}

func (s *Server) writeCalendar(w http.ResponseWriter, r *http.Request, name string, cs []agora.Consultation) {
	ids := make([]string, len(cs))
	for i, c := range cs {
		ids[i] = c.ID
	}
	debates, err := s.store.ConsultationDebates(r.Context(), ids)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	body := s.calendar(localeFrom(r.Context()).Lang, name, cs, debates)
	h := w.Header()
	h.Set("Content-Type", "text/calendar; charset=utf-8")
	h.Set("Content-Disposition", `inline; filename="consultations.ics"`)
	h.Set("Cache-Control", "public, max-age=300")
	_, _ = w.Write([]byte(body))
}

// calendar writes the VCALENDAR. Comment deadlines are all-day events on
// the closing day rather than timed events ending at 23:59: the law
// counts in civil days of the consultation's country, and an all-day
// event stays on that day in any reader's zone, where a timed one would
// slide to the next morning for a reader further east. The description
// names the exact closing time and zone. Debates are timed, in UTC.
func (s *Server) calendar(lang, name string, cs []agora.Consultation, debates map[string][]agora.Debate) string {
	host := "agora"
	if u, err := url.Parse(s.cfg.BaseURL); err == nil && u.Hostname() != "" {
		host = u.Hostname()
	}
	var w icsWriter
	w.prop("BEGIN", "VCALENDAR")
	w.prop("VERSION", "2.0")
	w.prop("PRODID", "-//agora-civic//agora consultations//"+strings.ToUpper(lang))
	w.prop("CALSCALE", "GREGORIAN")
	w.prop("METHOD", "PUBLISH")
	w.text("X-WR-CALNAME", name)
	for _, c := range cs {
		if c.State == agora.ConsultationDraft {
			continue
		}
		page := s.link(consultationPath(c.ID))
		args := map[string]any{"title": c.Title, "authority": c.OrgName}
		loc := i18n.NewLocale(lang, legal.Zone(c.Country))
		event := func(uid, summaryKey, desc string, when func()) {
			w.prop("BEGIN", "VEVENT")
			w.text("UID", uid+"@"+host)
			w.utc("DTSTAMP", c.UpdatedAt)
			w.utc("LAST-MODIFIED", c.UpdatedAt)
			when()
			w.text("SUMMARY", s.cat.T(lang, summaryKey, args))
			w.text("DESCRIPTION", desc+"\n"+page)
			w.prop("URL", page)
			w.prop("TRANSP", "TRANSPARENT")
			w.prop("END", "VEVENT")
		}
		if !c.CommentsClose.IsZero() {
			day := legal.DateOf(c.Country, c.CommentsClose.Add(-time.Second))
			desc := s.cat.T(lang, "consultation_follow.ics.deadline_desc", map[string]any{
				"authority": c.OrgName, "closes": loc.DateTime(c.CommentsClose),
				"zone": s.cat.T(lang, i18n.Prefix("consultation_follow.zone.")+strings.ToLower(string(c.Country)), nil)})
			event(c.ID+"-deadline", "consultation_follow.ics.deadline", desc, func() {
				next := day.AddDays(1)
				w.date("DTSTART", day.Year, day.Month, day.Day)
				w.date("DTEND", next.Year, next.Month, next.Day)
			})
		}
		if d, err := legal.ParseDate(c.EarliestAdoption); err == nil && c.EarliestAdoption != "" {
			desc := s.cat.T(lang, "consultation_follow.ics.adoption_desc", args)
			event(c.ID+"-adoption", "consultation_follow.ics.adoption", desc, func() {
				next := d.AddDays(1)
				w.date("DTSTART", d.Year, d.Month, d.Day)
				w.date("DTEND", next.Year, next.Month, next.Day)
			})
		}
		for _, d := range debates[c.ID] {
			desc := s.cat.T(lang, "consultation_follow.ics.debate_desc", map[string]any{
				"authority": c.OrgName, "starts": loc.DateTime(d.StartsAt)})
			if d.OnlineURL != "" {
				desc += "\n" + d.OnlineURL
			}
			event(d.ID+"-debate", "consultation_follow.ics.debate", desc, func() {
				w.utc("DTSTART", d.StartsAt)
				w.utc("DTEND", d.StartsAt.Add(debateLength))
				if where := strings.TrimSpace(d.Place + " " + d.OnlineURL); where != "" {
					w.text("LOCATION", where)
				}
			})
		}
	}
	w.prop("END", "VCALENDAR")
	return w.String()
}
