package web

import (
	"strconv"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/report"
	"github.com/agora-civic/agora/internal/store"
)

// recordIndex looks up what a consultation's record says about units
// and comments: labels of units in the version a comment was made on,
// the number of each comment (its place in submission order, the same
// in the workspace, on the report and in every export).
type recordIndex struct {
	rec    store.ConsultationRecord
	units  map[int]map[string]store.ConsultationUnit
	number map[string]int
}

func newRecordIndex(rec store.ConsultationRecord) *recordIndex {
	ix := &recordIndex{rec: rec, units: map[int]map[string]store.ConsultationUnit{}, number: map[string]int{}}
	for v, us := range rec.Units {
		m := make(map[string]store.ConsultationUnit, len(us))
		for _, u := range us {
			m[u.Key] = u
		}
		ix.units[v] = m
	}
	for i, c := range rec.Comments {
		ix.number[c.ID] = i + 1
	}
	return ix
}

// unit returns the unit a comment was made on.
func (ix *recordIndex) unit(c agora.Comment) (store.ConsultationUnit, bool) {
	u, ok := ix.units[c.Version][c.UnitKey]
	return u, ok
}

// unitPath names a unit with the units above it, down from the article
// (or the top when there is none): "Art. 1 alin. (2) lit. a)". The whole
// draft (key "") is named by wholeDraft.
func (s *Server) unitPath(lang string, units map[string]store.ConsultationUnit, key string) string {
	if key == "" {
		return s.cat.T(lang, "consultation_answer.whole_draft", nil)
	}
	var parts []string
	for k, guard := key, 0; k != "" && guard < 32; guard++ {
		u, ok := units[k]
		if !ok {
			break
		}
		parts = append(parts, s.unitLabel(lang, u.Unit))
		if u.Kind == agora.UnitArticle || u.Kind == agora.UnitAnnex {
			break
		}
		k = u.ParentKey
	}
	if len(parts) == 0 {
		return key
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return strings.Join(parts, " ")
}

// commentUnitLabel names the unit a comment was made on, with its
// version when the draft has had several.
func (s *Server) commentUnitLabel(lang string, ix *recordIndex, c agora.Comment) string {
	label := s.unitPath(lang, ix.units[c.Version], c.UnitKey)
	if ix.rec.Consultation.Version > 1 && c.UnitKey != "" {
		label = s.cat.T(lang, "consultation_answer.unit_in_version", map[string]any{"unit": label, "version": c.Version})
	}
	return label
}

// commentAuthor is the name a report shows: the person's display name,
// or the sender an officer registered; a deleted account becomes a
// neutral "Participant 12".
func (s *Server) commentAuthor(lang string, c agora.Comment, number int) string {
	if c.AuthorName != "" {
		return c.AuthorName
	}
	return s.cat.T(lang, "consultation_answer.anonymous_participant", map[string]any{"number": number})
}

// reportModel gathers the consultation report from the record, in the
// reader's language: one section per unit that received
// recommendations, in the order of the versions and of the text, the
// whole draft first. Hidden comments are left out and counted.
func (s *Server) reportModel(lang string, rec store.ConsultationRecord) (report.Consultation, int) {
	c := rec.Consultation
	ix := newRecordIndex(rec)
	zone := legal.Zone(c.Country)
	loc := i18n.NewLocale(lang, zone)
	type sectionKey struct {
		version int
		key     string
	}
	sections := map[sectionKey]*report.UnitSection{}
	hidden := 0
	people, orgs := map[string]bool{}, map[string]bool{}
	for _, cm := range rec.Comments {
		if cm.Hidden {
			hidden++
			continue
		}
		n := ix.number[cm.ID]
		k := sectionKey{cm.Version, cm.UnitKey}
		if cm.UnitKey == "" {
			k.version = 0
		}
		sec := sections[k]
		if sec == nil {
			sec = &report.UnitSection{Label: s.commentUnitLabel(lang, ix, cm)}
			if u, ok := ix.unit(cm); ok {
				sec.Text = strings.TrimSpace(u.Heading + "\n" + u.Text)
			}
			sections[k] = sec
		}
		r := report.Recommendation{Number: n, Author: s.commentAuthor(lang, cm, n), OnBehalfOf: cm.OrgName,
			Source: s.sourceLabel(lang, cm.Source), SubmittedAt: cm.SubmittedAt.In(zone), Text: cm.Body,
			Amendment: cm.Amendment, Supports: cm.Supports, Status: report.StatusUnanswered,
			StatusLabel: s.answerLabel(lang, "")}
		if a, ok := rec.Answers[cm.AnswerID]; ok && cm.AnswerID != "" {
			r.Status, r.StatusLabel, r.Justification = report.Status(a.Status), s.answerLabel(lang, a.Status), a.Justification
			r.GroupLabel = s.groupLabel(lang, ix, a, cm.ID)
		}
		sec.Recommendations = append(sec.Recommendations, r)
		if cm.AuthorID != "" {
			people["u:"+cm.AuthorID] = true
		} else {
			people["n:"+agora.Fold(cm.AuthorName)] = true
		}
		if cm.OrgID != "" {
			orgs[cm.OrgID] = true
		}
	}
	var units []report.UnitSection
	if sec := sections[sectionKey{0, ""}]; sec != nil {
		units = append(units, *sec)
	}
	for v := 1; v <= c.Version; v++ {
		for _, u := range rec.Units[v] {
			if sec := sections[sectionKey{v, u.Key}]; sec != nil {
				units = append(units, *sec)
			}
		}
	}
	m := report.Consultation{
		Title: c.Title, Authority: c.OrgName, ActKind: s.actKindLabel(lang, c.ActKind),
		URL:     strings.TrimSuffix(s.cfg.BaseURL, "/") + consultationPath(c.ID),
		Country: s.orgCountryLabel(lang, c.Country), Lang: lang,
		CommentsClose: c.CommentsClose.In(zone), Summary: c.Summary, Exception: c.Exception,
		Units: units, Labels: s.reportLabels(lang, loc),
	}
	if c.PublishedAt != nil {
		m.Published = c.PublishedAt.In(zone)
	}
	// The report stands for the moment of its last change, so the same
	// data always gives the same file.
	m.GeneratedAt = latest(c.UpdatedAt, c.AnsweredAt, c.ReportedAt).In(zone)
	if hidden > 0 {
		m.Summary = strings.TrimSpace(m.Summary + "\n\n" + s.cat.TN(lang, "consultation_answer.report.hidden", hidden, nil))
	}
	m.Totals = report.Tally(units)
	m.Totals.Participants, m.Totals.Organisations = len(people), len(orgs)
	for _, d := range rec.Debates {
		if d.Closed {
			continue
		}
		place := d.Place
		if place == "" {
			place = d.OnlineURL
		}
		minutes := ""
		if d.Minutes != "" || d.MinutesFileID != "" {
			minutes = strings.TrimSuffix(s.cfg.BaseURL, "/") + consultationPath(c.ID, "debates", d.ID)
		}
		m.Debates = append(m.Debates, report.Debate{Date: d.StartsAt.In(zone), Place: place, Participants: d.Participants, Minutes: minutes})
	}
	return m, hidden
}

func latest(t time.Time, more ...*time.Time) time.Time {
	for _, x := range more {
		if x != nil && x.After(t) {
			t = *x
		}
	}
	return t
}

// groupLabel names the other recommendations answered together with
// one: "answered together with no. 4, 7"; "" for a single answer.
func (s *Server) groupLabel(lang string, ix *recordIndex, a agora.Answer, self string) string {
	var nums []string
	for _, id := range a.CommentIDs {
		if id != self {
			nums = append(nums, strconv.Itoa(ix.number[id]))
		}
	}
	if len(nums) == 0 {
		return ""
	}
	return s.cat.T(lang, "consultation_answer.report.group", map[string]any{"numbers": strings.Join(nums, ", ")})
}

// reportLabels translates the headings of a consultation report.
func (s *Server) reportLabels(lang string, loc i18n.Locale) report.Labels {
	t := func(key string) string {
		return s.cat.T(lang, i18n.Prefix("consultation_answer.report.label.")+key, nil)
	}
	statuses := map[report.Status]string{report.StatusUnanswered: s.answerLabel(lang, "")}
	for _, st := range agora.AnswerStatuses {
		statuses[report.Status(st)] = s.answerLabel(lang, st)
	}
	return report.Labels{
		Report: t("report"), Authority: t("authority"), ActKind: t("act_kind"), Reference: t("reference"), URL: t("url"),
		Country: t("country"), Published: t("published"), CommentsClose: t("comments_close"), GeneratedAt: t("generated_at"),
		Summary: t("summary"), Exception: t("exception"),
		Totals: t("totals"), TotalRecommendations: t("total_recommendations"), Participants: t("participants"),
		Organisations: t("organisations"), StatusNames: statuses,
		Debates: t("debates"), DebateDate: t("debate_date"), DebatePlace: t("debate_place"),
		DebateParticipants: t("debate_participants"), DebateMinutes: t("debate_minutes"),
		Units: t("units"), UnitText: t("unit_text"), NoRecommendations: t("no_recommendations"), Answer: t("answer"),
		Unit: t("unit"), Number: t("number"), Author: t("author"), OnBehalfOf: t("on_behalf_of"), Source: t("source"),
		SubmittedAt: t("submitted_at"), Text: t("text"), Amendment: t("amendment"), Supports: t("supports"),
		Status: t("status"), Justification: t("justification"), Group: t("group"),
		RecommendationsSheet: t("recommendations_sheet"), TotalsSheet: t("totals_sheet"),
		Dates: report.Dates{Format: loc.Date},
	}
}
