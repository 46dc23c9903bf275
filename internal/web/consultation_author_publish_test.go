package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/legal"
)

var dateValueRE = regexp.MustCompile(`name="(opens_on|comments_close_on|earliest_adoption)" type="date" value="([0-9-]+)"`)

// proposedDates reads the dates the publish page proposes.
func (e *authorEnv) proposedDates(id string) url.Values {
	e.t.Helper()
	r := e.getAs(e.officer, "/consultations/"+id+"/publish", "en")
	if r.Status != http.StatusOK {
		e.t.Fatalf("publish page: %d\n%s", r.Status, r.Body)
	}
	v := url.Values{}
	for _, m := range dateValueRE.FindAllStringSubmatch(r.Body, -1) {
		v.Set(m[1], m[2])
	}
	if len(v) != 3 {
		e.t.Fatalf("proposed dates: %v\n%s", v, r.Body)
	}
	return v
}

// publishDefault publishes a draft with the dates the page proposes.
func (e *authorEnv) publishDefault(id string) {
	e.t.Helper()
	if r := e.postForm(e.officer, "/consultations/"+id+"/publish", "en", e.proposedDates(id)); r.Status != http.StatusSeeOther {
		e.t.Fatalf("publish: %d\n%s", r.Status, r.Body)
	}
}

func TestAuthorPublishProposesLegalDates(t *testing.T) {
	e := newAuthorEnv(t, agora.RO)
	id := e.createDraft()
	rs, _ := legal.Builtin(legal.RuleSetRoLaw52)
	today := legal.DateOf(agora.RO, time.Now())
	want := rs.Defaults(time.Now())
	v := e.proposedDates(id)
	if v.Get("opens_on") != today.String() || v.Get("comments_close_on") != want.CommentsClose.String() || v.Get("earliest_adoption") != want.EarliestAdoption.String() {
		t.Fatalf("proposed %v, want close %s adoption %s", v, want.CommentsClose, want.EarliestAdoption)
	}
	// A chosen day before 1 May 2026 (Friday): 30 working days skip
	// 1 May, 1 June (Children's Day and Whit Monday) and the weekends.
	r := e.getAs(e.officer, "/consultations/"+id+"/publish?opens_on=2099-04-20", "ro")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, e.cat.T("ro", "legal.holiday.labour_day", nil)) ||
		!strings.Contains(r.Body, html.EscapeString(e.cat.TN("ro", "legal.term.working", 30, map[string]any{"n": 30}))) ||
		!strings.Contains(r.Body, html.EscapeString(e.cat.T("ro", "consultation_author.zone.ro", nil))) {
		t.Fatalf("calendar reasoning:\n%s", r.Body)
	}
	e.publishDefault(id)
	c, _ := e.st.Consultation(context.Background(), id)
	if c.State != agora.ConsultationPublished || c.Exception != "" || c.EarliestAdoption != want.EarliestAdoption.String() ||
		// Both databases keep microseconds.
		!c.CommentsClose.Equal(legal.EndOfDay(agora.RO, want.CommentsClose).Truncate(time.Microsecond)) {
		t.Fatalf("published: %+v", c)
	}
	if r := e.getAs(e.officer, "/consultations/"+id+"/publish", "en"); r.Status != http.StatusConflict {
		t.Fatalf("publish page of a published consultation: %d", r.Status)
	}
}

func TestAuthorPublishRefusesShortPeriodsUnlessException(t *testing.T) {
	e := newAuthorEnv(t, agora.RO)
	id := e.createDraft()
	today := legal.DateOf(agora.RO, time.Now())
	short := url.Values{"opens_on": {today.String()}, "comments_close_on": {today.AddDays(3).String()},
		"earliest_adoption": {today.AddDays(5).String()}}
	for _, lang := range []string{"ro", "pl", "en"} {
		r := e.postForm(e.officer, "/consultations/"+id+"/publish", lang, short)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="f-comments_close_on-error"`) ||
			!strings.Contains(r.Body, `id="f-earliest_adoption-error"`) ||
			!strings.Contains(r.Body, html.EscapeString(e.cat.T(lang, "consultation_author.publish.violated", nil))) {
			t.Fatalf("%s: short periods: %d\n%s", lang, r.Status, r.Body)
		}
	}
	// Ticking the exception without a justification is not enough.
	short.Set("emergency", "1")
	if r := e.postForm(e.officer, "/consultations/"+id+"/publish", "en", short); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="f-exception-error"`) {
		t.Fatalf("exception without justification: %d", r.Status)
	}
	// Dates that contradict each other are refused even in an emergency.
	bad := url.Values{"opens_on": {today.String()}, "comments_close_on": {today.AddDays(9).String()},
		"earliest_adoption": {today.AddDays(2).String()}, "emergency": {"1"}, "exception": {"Urgență: termen european de transpunere."}}
	if r := e.postForm(e.officer, "/consultations/"+id+"/publish", "en", bad); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("adoption before comments close: %d", r.Status)
	}
	past := url.Values{"opens_on": {today.AddDays(-1).String()}, "comments_close_on": {today.AddDays(40).String()}, "earliest_adoption": {today.AddDays(80).String()}}
	if r := e.postForm(e.officer, "/consultations/"+id+"/publish", "en", past); r.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.Body, e.cat.T("en", "consultation_author.error.opens_in_past", nil)) {
		t.Fatalf("opens yesterday: %d", r.Status)
	}
	if c, _ := e.st.Consultation(context.Background(), id); c.State != agora.ConsultationDraft {
		t.Fatalf("refused dates published the consultation")
	}
	justification := "Situație de urgență: termenul de transpunere a directivei expiră luna aceasta."
	short.Set("exception", justification)
	if r := e.postForm(e.officer, "/consultations/"+id+"/publish", "en", short); r.Status != http.StatusSeeOther || r.Location != "/consultations/"+id {
		t.Fatalf("publish with exception: %d %s\n%s", r.Status, r.Location, r.Body)
	}
	c, _ := e.st.Consultation(context.Background(), id)
	if c.State != agora.ConsultationPublished || c.Exception != justification {
		t.Fatalf("published with exception: %+v", c)
	}
	if r := e.getAs(nil, "/consultations/"+id, "ro"); r.Status != http.StatusOK || !strings.Contains(r.Body, html.EscapeString(justification)) {
		t.Fatalf("public page does not show the exception: %d", r.Status)
	}
}

func TestAuthorPublishIgnoresNeedlessException(t *testing.T) {
	e := newAuthorEnv(t, agora.PL)
	v := createForm()
	v.Set("act_kind", "uchwala")
	v.Set("rule_set_id", legal.RuleSetPlOppLocal)
	v.Set("regions", "12")
	v.Set("text", "Art. 1. Uchwała wchodzi w życie z dniem ogłoszenia.\n")
	r := e.upload(e.officer, "/consultations", "pl", v, "", "", nil)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("Polish draft: %d\n%s", r.Status, r.Body)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(r.Location, "/consultations/"), "/text")
	dates := e.proposedDates(id)
	dates.Set("emergency", "1")
	dates.Set("exception", "x")
	if r := e.postForm(e.officer, "/consultations/"+id+"/publish", "pl", dates); r.Status != http.StatusSeeOther {
		t.Fatalf("lawful dates with a ticked exception: %d\n%s", r.Status, r.Body)
	}
	c, _ := e.st.Consultation(context.Background(), id)
	if c.Exception != "" || c.CommentsClose.In(legal.Zone(agora.PL)).Hour() != 23 {
		t.Fatalf("needless exception published or close not at end of day: %q %v", c.Exception, c.CommentsClose)
	}
}
