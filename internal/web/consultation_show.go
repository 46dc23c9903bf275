package web

import (
	"fmt"
	"html/template"
	"net/http"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/markup"
	"github.com/agora-civic/agora/internal/store"
)

// showMaxAge bounds how long an anonymous rendering lives even when
// nothing says it changed, in case a change forgot to raise the revision.
const showMaxAge = 10 * time.Minute

// consultationAccess is loadConsultation for a consultation the handler
// already read (with the rest of its page, in one snapshot).
func (s *Server) consultationAccess(w http.ResponseWriter, r *http.Request, c agora.Consultation, act auth.Action) (consultationCtx, bool) {
	a, err := s.actor(r)
	if err != nil {
		s.fail(w, r, err)
		return consultationCtx{}, false
	}
	cc := consultationCtx{C: c, Actor: a, Lang: localeFrom(r.Context()).Lang}
	cc.Officer = auth.Allow(a, auth.ManageConsultation, auth.Resource{OrgID: c.OrgID}) == nil
	if c.State == agora.ConsultationDraft && !cc.Officer {
		if a.User == nil && act != auth.ViewPublic {
			s.fail(w, r, agora.Errorf(agora.Unauthenticated, "error.unauthenticated"))
		} else {
			s.fail(w, r, agora.Errorf(agora.NotFound, "consultation.error.not_found"))
		}
		return cc, false
	}
	if err := auth.Allow(a, act, auth.Resource{OrgID: c.OrgID}); err != nil {
		s.fail(w, r, err)
		return cc, false
	}
	return cc, true
}

// anonymous says whether r gets the page every visitor of its language
// gets: no viewer, no session, no pending flash message.
func anonymous(r *http.Request) bool {
	return viewerFrom(r.Context()) == nil && sessionFrom(r.Context()) == nil && !hasCookie(r, flashCookie)
}

// showConsultation serves GET /consultations/{id}. Visitors get the
// cached rendering after one revision check; signed-in people, whose page
// carries their own forms, get a fresh one.
func (s *Server) showConsultation(cache *showCache) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if !anonymous(r) {
			s.renderShow(w, r)
			return
		}
		id := r.PathValue("id")
		rev, err := s.store.ConsultationRevision(r.Context(), id)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		now := s.now()
		lang := localeFrom(r.Context()).Lang
		e := cache.get(id+" "+lang, rev, now, func() *showEntry {
			rec := &recorder{header: http.Header{}}
			c, ok := s.renderShow(rec, r)
			if !ok || rec.status != http.StatusOK || c.State == agora.ConsultationDraft {
				return nil
			}
			until := showValidUntil(c, now)
			rec.header.Set("ETag", fmt.Sprintf(`"c-%s-%d-%s-%d"`, c.ID, c.Revision, lang, until.Unix()))
			rec.header.Del("Set-Cookie")
			return &showEntry{rev: c.Revision, until: until, header: rec.header, body: rec.buf.Bytes()}
		})
		if e == nil {
			s.renderShow(w, r)
			return
		}
		etag := e.header.Get("ETag")
		if r.Header.Get("If-None-Match") == etag {
			w.Header().Set("ETag", etag)
			w.WriteHeader(http.StatusNotModified)
			return
		}
		for k, v := range e.header {
			w.Header()[k] = v
		}
		w.WriteHeader(http.StatusOK)
		_, _ = w.Write(e.body)
	}
}

// showValidUntil is when the page's clock next changes: the next
// midnight in the consultation's zone (days left), the opening or the
// closing, whichever comes first, and never later than showMaxAge.
func showValidUntil(c agora.Consultation, now time.Time) time.Time {
	zone := legal.Zone(c.Country)
	local := now.In(zone)
	until := time.Date(local.Year(), local.Month(), local.Day()+1, 0, 0, 0, 0, zone)
	until = minTime(until, now.Add(showMaxAge))
	for _, t := range []time.Time{c.OpensAt, c.CommentsClose.Add(time.Nanosecond)} {
		if t.After(now) {
			until = minTime(until, t)
		}
	}
	return until
}

func minTime(a, b time.Time) time.Time {
	if b.Before(a) {
		return b
	}
	return a
}

// showData is the consultation page.
type showData struct {
	C              agora.Consultation
	Officer        bool
	Phase          agora.Phase
	PhaseLabel     string
	KindLabel      string
	Summary        template.HTML
	Substantiation template.HTML
	Clock          clockView
	DraftHTML      template.HTML
	Debates        []agora.Debate
	Attachments    []store.ConsultationFile
	// Viewer-specific parts (never in the cached rendering).
	SignedIn   bool
	CanComment bool
	DebateOrgs []store.OrgChoice
	LoginNext  string
}

// clockView is the consultation's clock as the page states it.
type clockView struct {
	Open, Upcoming, Closed bool
	DaysLeft               int
	OpensAt                string
	ClosesAt               string
	ClosesAtISO            string
	ZoneName               string
	EarliestAdoption       string
	WorkingDaysToAdoption  int
	AdoptionAllowed        bool
	DebateOnRequest        bool
	DebateRequests         int
}

// unitView is one unit of the draft on the page.
type unitView struct {
	Key     string
	Label   string
	Heading string
	Text    string
	// TextHTML is Text with citations of acts as links (unit page only).
	TextHTML  template.HTML
	Level     int // heading level for structural units and articles; 0 for text units
	Depth     int
	Comments  int
	CountText string
	LinkText  string
}

// renderShow renders the page for the request's viewer and returns the
// consultation it showed.
func (s *Server) renderShow(w http.ResponseWriter, r *http.Request) (agora.Consultation, bool) {
	ctx := r.Context()
	p, err := s.store.ConsultationPage(ctx, r.PathValue("id"))
	if err != nil {
		s.fail(w, r, err)
		return p.Consultation, false
	}
	cc, ok := s.consultationAccess(w, r, p.Consultation, auth.ViewPublic)
	if !ok {
		return p.Consultation, false
	}
	c := p.Consultation
	now := s.now()
	d := showData{
		C: c, Officer: cc.Officer, Phase: c.PhaseAt(now),
		KindLabel: s.actKindLabel(cc.Lang, c.ActKind),
		Summary:   markup.Render(c.Summary), Substantiation: markup.Render(c.Substantiation),
		Clock:     s.clockOf(cc.Lang, c, now),
		DraftHTML: draftHTML(c.ID, s.unitViews(cc.Lang, c.ID, p.Units)),
		Debates:   p.Debates, Attachments: p.Attachments,
		SignedIn:  cc.Actor.User != nil,
		LoginNext: "/login?next=" + consultationPath(c.ID),
	}
	d.PhaseLabel = s.phaseLabel(cc.Lang, d.Phase)
	d.CanComment = d.Phase == agora.PhaseOpen && auth.Allow(cc.Actor, auth.CommentDraft, auth.Resource{}) == nil
	if len(cc.Actor.Orgs) > 0 && d.Phase != agora.PhaseDraft && auth.Allow(cc.Actor, auth.RequestDebate, auth.Resource{}) == nil {
		orgs, err := s.store.CommentOrgs(ctx, cc.Actor.User.ID)
		if err != nil {
			s.fail(w, r, err)
			return c, false
		}
		for _, o := range orgs {
			if o.ID != c.OrgID {
				d.DebateOrgs = append(d.DebateOrgs, o)
			}
		}
	}
	s.render(w, r, http.StatusOK, "consultation/show", d)
	return c, true
}

// clockOf computes the clock with the consultation's rule set (internal/legal).
func (s *Server) clockOf(lang string, c agora.Consultation, now time.Time) clockView {
	rs, _ := legal.Builtin(c.RuleSetID)
	sched := legal.Schedule{Country: c.Country, Published: c.OpensAt}
	if !c.CommentsClose.IsZero() {
		sched.CommentsClose = legal.DateOf(c.Country, c.CommentsClose)
	}
	if d, err := legal.ParseDate(c.EarliestAdoption); err == nil {
		sched.EarliestAdoption = d
	}
	st := legal.Clock(rs, sched, now)
	zone := legal.Zone(c.Country)
	v := clockView{
		Open: st.Phase == agora.PhaseOpen, Upcoming: st.Phase == agora.PhaseUpcoming, Closed: st.Phase == agora.PhaseClosed,
		DaysLeft: st.DaysLeft, WorkingDaysToAdoption: st.WorkingDaysToAdoption, AdoptionAllowed: st.AdoptionAllowed,
		DebateOnRequest: st.DebateOnRequest, DebateRequests: c.DebateRequests,
		ZoneName: s.cat.T(lang, zoneKey(c.Country), nil),
	}
	if c.State != agora.ConsultationPublished {
		v.Open, v.Upcoming, v.Closed = false, false, c.State != agora.ConsultationDraft
	}
	loc := localeIn(lang, zone)
	if !c.OpensAt.IsZero() {
		v.OpensAt = loc.DateLong(c.OpensAt) + " " + c.OpensAt.In(zone).Format("15:04")
	}
	if !c.CommentsClose.IsZero() {
		v.ClosesAt = loc.DateLong(c.CommentsClose) + " " + c.CommentsClose.In(zone).Format("15:04")
		v.ClosesAtISO = c.CommentsClose.UTC().Format(time.RFC3339)
	}
	if !sched.EarliestAdoption.IsZero() {
		v.EarliestAdoption = loc.DateLong(sched.EarliestAdoption.Noon())
	}
	return v
}

// unitViews prepares the draft text: translated labels and heading
// levels that never skip a level (h3 under the page's h2, one deeper for
// each enclosing structural unit).
func (s *Server) unitViews(lang, id string, units []store.ConsultationUnit) []unitView {
	level := make(map[string]int, len(units))
	out := make([]unitView, len(units))
	for i, u := range units {
		label := s.unitLabel(lang, u.Unit)
		v := unitView{Key: u.Key, Label: label, Heading: u.Heading, Text: u.Text, Depth: u.Depth, Comments: u.CommentCount}
		d := level[u.ParentKey] // structural depth of the parent, 0 at the top
		if structural(u.Kind) {
			d++
			v.Level = min(d+2, 6)
		}
		level[u.Key] = d
		v.CountText = s.cat.TN(lang, "consultation_comment.unit.count", u.CommentCount, nil)
		v.LinkText = s.cat.T(lang, "consultation_comment.unit.comment_on", map[string]any{"unit": label})
		out[i] = v
	}
	return out
}

// zoneKey names the legal time zone of a country ("Bucharest time").
func zoneKey(c agora.Country) string {
	if c == agora.PL {
		return i18n.Prefix("consultation_comment.zone.") + "pl"
	}
	return i18n.Prefix("consultation_comment.zone.") + "ro"
}

// localeIn formats in lang but in the consultation's zone, whatever the
// reader's own: a deadline is at midnight in Bucharest or Warsaw.
func localeIn(lang string, zone *time.Location) i18n.Locale { return i18n.NewLocale(lang, zone) }

// structural units get a heading; paragraphs, points and letters are text.
func structural(k agora.UnitKind) bool {
	switch k {
	case agora.UnitBook, agora.UnitTitle, agora.UnitChapter, agora.UnitSection, agora.UnitArticle, agora.UnitAnnex, agora.UnitPreamble:
		return true
	}
	return false
}
