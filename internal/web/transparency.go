package web

import (
	"bytes"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/report"
	"github.com/agora-civic/agora/internal/store"
)

// transparencyFields are the officer's numeric entries, in form order.
var transparencyFields = []string{"court_cases", "closed_meetings", "extra_received", "extra_included", "extra_participants", "extra_debates"}

type transparencyData struct {
	Org     agora.Organisation
	Year    int
	Prev    int
	Next    int // 0 when the next year has not begun
	Report  store.TransparencyReport
	Rows    []report.Row
	Officer bool
	Entered bool // the officer's entries are shown (published, or an officer looks)
	Formats []orgOption
}

// transparencyCtx reads the authority and year of the path. Only public
// authorities have the report; other organisations are NotFound.
func (s *Server) transparencyCtx(r *http.Request) (transparencyData, error) {
	var d transparencyData
	id, err := orgIDFrom(r)
	if err != nil {
		return d, err
	}
	now := s.store.Now()
	year, err := strconv.Atoi(r.PathValue("year"))
	if err != nil || year < 2000 || year > now.Year()+1 {
		return d, agora.Errorf(agora.NotFound, "consultation_answer.error.year")
	}
	o, err := s.store.Org(r.Context(), id)
	if err != nil {
		return d, err
	}
	if !o.IsAuthority() {
		return d, agora.Errorf(agora.NotFound, "consultation_answer.error.not_authority")
	}
	a, err := s.actor(r)
	if err != nil {
		return d, err
	}
	d = transparencyData{Org: o, Year: year, Prev: year - 1,
		Officer: auth.Allow(a, auth.ManageConsultation, auth.Resource{OrgID: o.ID}) == nil}
	if year < now.Year() {
		d.Next = year + 1
	}
	return d, nil
}

// loadTransparency fills the report of the path's authority and year.
func (s *Server) loadTransparency(r *http.Request) (transparencyData, error) {
	d, err := s.transparencyCtx(r)
	if err != nil {
		return d, err
	}
	from := legal.StartOfDay(d.Org.Country, legal.NewDate(d.Year, time.January, 1))
	to := legal.StartOfDay(d.Org.Country, legal.NewDate(d.Year+1, time.January, 1))
	if d.Report, err = s.store.Transparency(r.Context(), d.Org.ID, d.Year, from, to); err != nil {
		return d, err
	}
	lang := localeFrom(r.Context()).Lang
	d.Entered = d.Officer || d.Report.PublishedAt != nil
	d.Rows = s.transparencyRows(lang, d.Org.Country, d.Report, d.Entered)
	d.Formats = []orgOption{{Value: "pdf", Label: s.cat.T(lang, "consultation_answer.report.download_pdf", nil)},
		{Value: "csv", Label: s.cat.T(lang, "consultation_answer.report.download_csv", nil)}}
	return d, nil
}

// transparencyRows lists the items of Law 52/2003 art. 13, (a) to (g),
// with the consultations of the year first. The officer's entries
// (figures of consultations held outside the platform, (e), (f), (g)) are
// included only when entered is true.
func (s *Server) transparencyRows(lang string, country agora.Country, r store.TransparencyReport, entered bool) []report.Row {
	t := func(key string, args map[string]any) string {
		return s.cat.T(lang, i18n.Prefix("consultation_answer.transparency.")+key, args)
	}
	c, e := r.Computed, r.Entered
	if !entered {
		e = store.TransparencyInput{}
	}
	sum := func(code string, platform, extra int) report.Row {
		row := report.Row{Code: code, Label: t("item."+code, nil), Value: strconv.Itoa(platform + extra), Computed: true}
		if extra > 0 {
			row.Note = t("extra_note", map[string]any{"platform": platform, "extra": extra})
		}
		return row
	}
	rows := []report.Row{
		{Label: t("item.consultations", nil), Value: strconv.Itoa(c.Consultations), Computed: true},
		sum("a", c.Received, e.ExtraReceived),
		sum("b", c.Included, e.ExtraIncluded),
		sum("c", c.Participants, e.ExtraParticipants),
		sum("d", c.Debates, e.ExtraDebates),
	}
	if c.AnsweredPending > 0 {
		rows[2].Note = strings.TrimSpace(rows[2].Note + " " + t("pending_note", map[string]any{"count": c.AnsweredPending}))
	}
	if entered {
		rows = append(rows,
			report.Row{Code: "e", Label: t("item.e", nil), Value: strconv.Itoa(e.CourtCases)},
			report.Row{Code: "f", Label: t("item.f", nil), Value: e.Assessment})
	}
	g := report.Row{Code: "g", Label: t("item.g", nil), Value: strconv.Itoa(len(c.ClosedDebates) + e.ClosedMeetings), Computed: !entered}
	var reasons []string
	loc := i18n.NewLocale(lang, legal.Zone(country))
	for _, d := range c.ClosedDebates {
		reasons = append(reasons, loc.Date(d.StartsAt)+", "+d.ConsultationTitle+": "+d.Reason)
	}
	if e.ClosedReasons != "" {
		reasons = append(reasons, e.ClosedReasons)
	}
	g.Note = strings.Join(reasons, "\n")
	return append(rows, g)
}

// showTransparency shows the yearly report: computed figures to
// everyone, the officer's entries once published, and to the authority's
// officers the form to complete it.
func (s *Server) showTransparency(w http.ResponseWriter, r *http.Request) {
	d, err := s.loadTransparency(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	p := s.page(r, d)
	p.Form = transparencyForm(d.Report.Entered)
	s.render(w, r, http.StatusOK, "org/transparency", p)
}

func transparencyForm(in store.TransparencyInput) *Form {
	f := &Form{Values: map[string]string{}, Errors: map[string]string{}}
	for name, n := range map[string]int{"court_cases": in.CourtCases, "closed_meetings": in.ClosedMeetings,
		"extra_received": in.ExtraReceived, "extra_included": in.ExtraIncluded, "extra_participants": in.ExtraParticipants,
		"extra_debates": in.ExtraDebates} {
		f.Values[name] = strconv.Itoa(n)
	}
	f.Values["assessment"], f.Values["closed_reasons"] = in.Assessment, in.ClosedReasons
	return f
}

// saveTransparency stores the officer's entries; "action=publish" also
// makes them public.
func (s *Server) saveTransparency(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r, auth.ManageConsultation, auth.Resource{OrgID: r.PathValue("id")}); err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.transparencyCtx(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	in := store.TransparencyInput{Assessment: f.Get("assessment"), ClosedReasons: f.Get("closed_reasons")}
	nums := map[string]*int{"court_cases": &in.CourtCases, "closed_meetings": &in.ClosedMeetings, "extra_received": &in.ExtraReceived,
		"extra_included": &in.ExtraIncluded, "extra_participants": &in.ExtraParticipants, "extra_debates": &in.ExtraDebates}
	var es agora.Errs
	for _, name := range transparencyFields {
		v := strings.TrimSpace(f.Get(name))
		if v == "" {
			continue
		}
		n, err := strconv.Atoi(v)
		if err != nil {
			es.Add(name, "field.invalid_number", nil)
			continue
		}
		*nums[name] = n
	}
	publish := f.Get("action") == "publish"
	err = es.Err()
	if err == nil {
		err = s.store.SaveTransparency(r.Context(), viewerFrom(r.Context()).ID, d.Org.ID, d.Year, in, publish)
	}
	if err != nil {
		full, derr := s.loadTransparency(r)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		s.renderForm(w, r, "org/transparency", f, err, full)
		return
	}
	flash := "consultation_answer.flash.transparency_saved"
	if publish {
		flash = "consultation_answer.flash.transparency_published"
	}
	s.redirect(w, r, "/orgs/"+d.Org.ID+"/transparency/"+strconv.Itoa(d.Year), flash)
}

// downloadTransparency writes the yearly report as PDF or CSV.
func (s *Server) downloadTransparency(w http.ResponseWriter, r *http.Request) {
	format := r.PathValue("format")
	if format != "pdf" && format != "csv" {
		s.fail(w, r, agora.Errorf(agora.NotFound, "consultation_answer.error.format"))
		return
	}
	d, err := s.loadTransparency(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	lang := localeFrom(r.Context()).Lang
	loc := i18n.NewLocale(lang, legal.Zone(d.Org.Country))
	t := func(key string) string {
		return s.cat.T(lang, i18n.Prefix("consultation_answer.transparency.label.")+key, nil)
	}
	doc := report.Transparency{Authority: d.Org.Name, Year: d.Year, Lang: lang, Rows: d.Rows,
		GeneratedAt: d.Report.UpdatedAt, Labels: report.TransparencyLabels{
			Title: t("title"), Authority: t("authority"), Year: t("year"), GeneratedAt: t("generated_at"), Law: t("law"),
			Code: t("code"), Item: t("item"), Value: t("value"), Note: t("note"), Origin: t("origin"),
			Computed: t("computed"), Entered: t("entered"), Dates: report.Dates{Format: loc.Date}}}
	if doc.GeneratedAt.IsZero() {
		// Computed figures only: the report stands for the end of its
		// year, or today while the year runs, so a download is stable.
		end := legal.StartOfDay(d.Org.Country, legal.NewDate(d.Year+1, time.January, 1)).Add(-time.Second)
		doc.GeneratedAt = end
		if today := s.store.Now().Truncate(24 * time.Hour); today.Before(end) {
			doc.GeneratedAt = today
		}
	}
	var buf bytes.Buffer
	write := report.WriteTransparencyPDF
	ct := "application/pdf"
	if format == "csv" {
		write, ct = report.WriteTransparencyCSV, "text/csv; charset=utf-8"
	}
	if err := write(&buf, doc); err != nil {
		s.fail(w, r, err)
		return
	}
	sendFile(w, ct, fileSlug(d.Org.Name, "authority")+"-"+strconv.Itoa(d.Year)+"."+format, buf.Bytes(), d.Officer && d.Report.PublishedAt == nil)
}
