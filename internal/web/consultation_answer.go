package web

import (
	"html/template"
	"net/http"
	"net/url"
	"strconv"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/redline"
)

// answerRow is one recommendation in the officer's answer workspace.
type answerRow struct {
	Comment     agora.Comment
	Number      int
	Unit        string
	UnitValue   string // the filter value of its unit
	Source      string
	Redline     template.HTML // the amendment against the text it replaces
	Answer      *agora.Answer
	StatusLabel string
	Group       string // the other recommendations answered with it
}

// answerGroup is an answer given, with the recommendations it covers.
type answerGroup struct {
	Answer      agora.Answer
	StatusLabel string
	Numbers     string
	Options     []orgOption
}

// answerFilter is the workspace's query: unanswered only, one unit, one
// status ("unanswered" for none yet).
type answerFilter struct {
	Unanswered bool
	Unit       string
	Status     string
}

func (f answerFilter) query() string {
	q := url.Values{}
	if f.Unanswered {
		q.Set("unanswered", "1")
	}
	if f.Unit != "" {
		q.Set("unit", f.Unit)
	}
	if f.Status != "" {
		q.Set("status", f.Status)
	}
	if len(q) == 0 {
		return ""
	}
	return "?" + q.Encode()
}

type answersData struct {
	C          agora.Consultation
	Closes     string // the deadline in the country's zone
	Rows       []answerRow
	Groups     []answerGroup
	Filter     answerFilter
	Units      []orgOption
	Statuses   []orgOption // for the filter
	Decisions  []orgOption // for an answer
	Total      int
	Shown      int
	Missing    int // visible recommendations without an answer
	Closed     bool
	Answerable bool // answers can still be given or revised
	Published  bool
	AnsweredAt time.Time
	// Error explains why publishing was refused (deadline, missing answers).
	Error string
}

func answerFilterFrom(r *http.Request) answerFilter {
	q := r.URL.Query()
	return answerFilter{Unanswered: q.Get("unanswered") == "1", Unit: q.Get("unit"), Status: q.Get("status")}
}

// answersData gathers the workspace from the consultation's record.
func (s *Server) answersData(r *http.Request, cc consultationCtx, f answerFilter) (answersData, error) {
	rec, err := s.store.ConsultationRecord(r.Context(), cc.C.ID)
	if err != nil {
		return answersData{}, err
	}
	lang := cc.Lang
	c := rec.Consultation
	ix := newRecordIndex(rec)
	zone := legal.Zone(c.Country)
	now := s.store.Now()
	d := answersData{C: c, Filter: f, Total: len(rec.Comments), Closed: now.After(c.CommentsClose),
		Answerable: c.State == agora.ConsultationPublished, Published: c.AnsweredAt != nil,
		Closes: i18n.NewLocale(lang, zone).DateTime(c.CommentsClose)}
	if c.AnsweredAt != nil {
		d.AnsweredAt = *c.AnsweredAt
	}
	seenUnit := map[string]bool{}
	del, ins := s.cat.T(lang, "consultation_answer.redline.deleted", nil), s.cat.T(lang, "consultation_answer.redline.inserted", nil)
	for _, cm := range rec.Comments {
		row := answerRow{Comment: cm, Number: ix.number[cm.ID], Unit: s.commentUnitLabel(lang, ix, cm),
			UnitValue: strconv.Itoa(cm.Version) + ":" + cm.UnitKey, Source: s.sourceLabel(lang, cm.Source),
			StatusLabel: s.answerLabel(lang, "")}
		if a, ok := rec.Answers[cm.AnswerID]; ok && cm.AnswerID != "" {
			row.Answer, row.StatusLabel, row.Group = &a, s.answerLabel(lang, a.Status), s.groupLabel(lang, ix, a, cm.ID)
		} else if !cm.Hidden {
			d.Missing++
		}
		if cm.Amendment != "" {
			old := cm.Quote
			if old == "" {
				if u, ok := ix.unit(cm); ok {
					old = u.Text
				}
			}
			row.Redline = redline.HTMLWithLabels(redline.Diff(old, cm.Amendment), del, ins)
		}
		if !seenUnit[row.UnitValue] {
			seenUnit[row.UnitValue] = true
			d.Units = append(d.Units, orgOption{Value: row.UnitValue, Label: row.Unit, Selected: row.UnitValue == f.Unit})
		}
		if f.keeps(row) {
			d.Rows = append(d.Rows, row)
		}
	}
	d.Shown = len(d.Rows)
	d.Statuses = append(d.Statuses, orgOption{Value: "unanswered", Label: s.answerLabel(lang, ""), Selected: f.Status == "unanswered"})
	for _, st := range agora.AnswerStatuses {
		d.Statuses = append(d.Statuses, orgOption{Value: string(st), Label: s.answerLabel(lang, st), Selected: f.Status == string(st)})
		d.Decisions = append(d.Decisions, orgOption{Value: string(st), Label: s.answerLabel(lang, st)})
	}
	for _, cm := range rec.Comments {
		a, ok := rec.Answers[cm.AnswerID]
		if !ok || cm.AnswerID == "" || a.CommentIDs[0] != cm.ID {
			continue // each answer once, where its first recommendation is
		}
		g := answerGroup{Answer: a, StatusLabel: s.answerLabel(lang, a.Status)}
		for i, id := range a.CommentIDs {
			if i > 0 {
				g.Numbers += ", "
			}
			g.Numbers += strconv.Itoa(ix.number[id])
		}
		for _, st := range agora.AnswerStatuses {
			g.Options = append(g.Options, orgOption{Value: string(st), Label: s.answerLabel(lang, st), Selected: st == a.Status})
		}
		d.Groups = append(d.Groups, g)
	}
	return d, nil
}

// keeps applies the filter to a row.
func (f answerFilter) keeps(row answerRow) bool {
	switch {
	case f.Unanswered && (row.Answer != nil || row.Comment.Hidden):
		return false
	case f.Unit != "" && f.Unit != row.UnitValue:
		return false
	case f.Status == "unanswered":
		return row.Answer == nil
	case f.Status != "":
		return row.Answer != nil && string(row.Answer.Status) == f.Status
	}
	return true
}

// showAnswers is the answer workspace of the owning authority's officers.
func (s *Server) showAnswers(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	d, err := s.answersData(r, cc, answerFilterFrom(r))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "consultation/answer_workspace", d)
}

// saveAnswer answers the selected recommendations once ("comment" may
// repeat), or, with "answer", revises an answer already given.
func (s *Server) saveAnswer(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	filter := answerFilter{Unanswered: f.Get("unanswered") == "1", Unit: f.Get("unit"), Status: f.Get("filter_status")}
	actor := viewerFrom(r.Context()).ID
	in := agora.AnswerInput{Status: agora.AnswerStatus(f.Get("status")), Justification: f.Get("justification")}
	if id := f.Get("answer"); id != "" {
		_, err = s.store.ReviseAnswer(r.Context(), actor, cc.C.ID, id, in)
	} else {
		in.CommentIDs = r.PostForm["comment"]
		_, err = s.store.AnswerComments(r.Context(), actor, cc.C.ID, in)
	}
	if err != nil {
		if id := f.Get("answer"); id != "" {
			// The revise forms are one per answer: name the fields after it
			// so the error shows beside the right one.
			err = onAnswerFields(err, id)
		}
		d, derr := s.answersData(r, cc, filter)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		s.renderForm(w, r, "consultation/answer_workspace", f, err, d)
		return
	}
	s.redirect(w, r, consultationPath(cc.C.ID, "answers")+filter.query(), "consultation_answer.flash.answered")
}

// onAnswerFields renames the field errors of a revision to the revise
// form's fields ("justification" → "justification-<answer id>").
func onAnswerFields(err error, answerID string) error {
	fields := agora.FieldErrors(err)
	if len(fields) == 0 {
		return err
	}
	out := make(agora.Errs, len(fields))
	for i, fe := range fields {
		c := *fe
		c.Field = fe.Field + "-" + answerID
		out[i] = &c
	}
	return out.Err()
}

// publishAnswers publishes every answer at once, after the deadline and
// when no visible recommendation is left without one.
func (s *Server) publishAnswers(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	_, err := s.store.PublishAnswers(r.Context(), viewerFrom(r.Context()).ID, cc.C.ID)
	if agora.KindOf(err) == agora.Conflict {
		// Show the refusal above the workspace, where the missing
		// answers can be given at once.
		d, derr := s.answersData(r, cc, answerFilter{Unanswered: true})
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		e := agora.AsError(err)
		d.Error = s.cat.T(cc.Lang, e.Key, e.Args)
		s.render(w, r, http.StatusConflict, "consultation/answer_workspace", d)
		return
	}
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.redirect(w, r, consultationPath(cc.C.ID, "answers"), "consultation_answer.flash.published")
}

// answersPublic reports whether the public may see c's answers and report.
func answersPublic(c agora.Consultation) bool {
	return c.AnsweredAt != nil && (c.State == agora.ConsultationAnswered || c.State == agora.ConsultationReported)
}
