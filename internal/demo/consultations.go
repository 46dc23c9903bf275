package demo

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/draft"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/redline"
	"github.com/agora-civic/agora/internal/store"
)

// demoConsultation is one consultation of the demo and the story it
// went through: when it was announced, who commented on what, and how
// far the authority got (answers, a second version, the report).
type demoConsultation struct {
	authority string // organisation name
	officer   string // person key
	in        agora.ConsultationInput
	text      string
	country   string
	// daysAgo is when it was published, relative to the seeding day.
	daysAgo  int
	comments []demoComment
	// debateBy names an organisation that asks for a public debate.
	debateBy, debateAsker string
	// answered, secondText and reported carry the story past the deadline.
	answered   bool
	secondText string
	reported   bool
}

type demoComment struct {
	who, org, unit, body, amendment string
	day                             int // days after publication
}

// createConsultations writes the demo consultations as their history
// happened, through a view of the store whose clock walks from the
// publication day to today.
func (w *world) createConsultations(ctx context.Context, now time.Time) error {
	for _, dc := range consultations() {
		if err := w.createConsultation(ctx, now, dc); err != nil {
			return fmt.Errorf("demo: consultation %q: %w", dc.in.Title, err)
		}
	}
	return nil
}

func (w *world) createConsultation(ctx context.Context, now time.Time, dc demoConsultation) error {
	at := now.AddDate(0, 0, -dc.daysAgo)
	st := w.st.WithClock(func() time.Time { return at })
	units, err := draft.ParseText(strings.NewReader(dc.text), draft.Options{Country: dc.country})
	if err != nil {
		return err
	}
	officer := w.id(dc.officer)
	c, err := st.CreateConsultation(ctx, officer, w.orgs[dc.authority], dc.in, units, "text")
	if err != nil {
		return err
	}
	rs, ok := legal.Builtin(dc.in.RuleSetID)
	if !ok {
		return fmt.Errorf("unknown rule set %s", dc.in.RuleSetID)
	}
	sched := rs.Defaults(at)
	c, err = st.PublishConsultation(ctx, officer, c.ID, store.Publication{
		OpensAt: at, CommentsClose: sched.ClosesAt(), EarliestAdoption: sched.EarliestAdoption.String()})
	if err != nil {
		return err
	}
	var ids []string
	for _, cm := range dc.comments {
		at = now.AddDate(0, 0, -dc.daysAgo+cm.day)
		in := agora.CommentInput{UnitKey: cm.unit, Body: cm.body, Amendment: cm.amendment}
		if cm.org != "" {
			in.OrgID = w.orgs[cm.org]
		}
		made, _, err := st.CreateComment(ctx, store.NewComment{ConsultationID: c.ID, AuthorID: w.id(cm.who), Input: in})
		if err != nil {
			return fmt.Errorf("comment of %s: %w", cm.who, err)
		}
		ids = append(ids, made.ID)
	}
	if dc.debateBy != "" {
		at = now.AddDate(0, 0, -dc.daysAgo+2)
		if _, err := st.RequestDebate(ctx, store.NewDebateRequest{ConsultationID: c.ID, OrgID: w.orgs[dc.debateBy],
			UserID: w.id(dc.debateAsker), Reason: debateReason[dc.country]}); err != nil {
			return fmt.Errorf("debate request: %w", err)
		}
	}
	if !dc.answered {
		return nil
	}
	// The authority answers after the period closed.
	at = sched.ClosesAt().Add(48 * time.Hour)
	for i, id := range ids {
		status, why := demoAnswer(dc.country, i)
		if _, err := st.AnswerComments(ctx, officer, c.ID, agora.AnswerInput{Status: status, Justification: why, CommentIDs: []string{id}}); err != nil {
			return fmt.Errorf("answer: %w", err)
		}
	}
	if _, err := st.PublishAnswers(ctx, officer, c.ID); err != nil {
		return fmt.Errorf("publish answers: %w", err)
	}
	if dc.secondText != "" {
		next, err := draft.ParseText(strings.NewReader(dc.secondText), draft.Options{Country: dc.country})
		if err != nil {
			return err
		}
		at = at.Add(72 * time.Hour)
		if _, err := st.NewConsultationVersion(ctx, officer, c.ID, store.NewVersion{Note: versionNote[dc.country], Format: "text", Units: next,
			Match: func(prev, next []agora.Unit) []store.UnitMatch {
				var out []store.UnitMatch
				for _, m := range redline.MatchUnits(prev, next) {
					out = append(out, store.UnitMatch{OldKey: m.OldKey, NewKey: m.NewKey, Status: string(m.Status)})
				}
				return out
			}}); err != nil {
			return fmt.Errorf("version 2: %w", err)
		}
	}
	if dc.reported {
		at = at.Add(24 * time.Hour)
		if _, err := st.PublishReport(ctx, officer, c.ID); err != nil {
			return fmt.Errorf("report: %w", err)
		}
	}
	return nil
}

var debateReason = map[string]string{
	draft.CountryRO: "Solicităm, în temeiul art. 7 alin. (9) din Legea nr. 52/2003, organizarea unei dezbateri publice: proiectul schimbă criteriile de finanțare pentru toate asociațiile din județ.",
	draft.CountryPL: "Wnosimy o zorganizowanie spotkania konsultacyjnego: projekt zmienia zasady współpracy ze wszystkimi organizacjami w mieście.",
}

var versionNote = map[string]string{
	draft.CountryRO: "Versiunea a doua include recomandările acceptate: termenul de depunere a fost prelungit, iar criteriile au fost clarificate.",
	draft.CountryPL: "Druga wersja uwzględnia przyjęte uwagi: wydłużono terminy i doprecyzowano kryteria.",
}

// demoAnswer gives a believable mix of decisions.
func demoAnswer(country string, i int) (agora.AnswerStatus, string) {
	ro := []struct {
		s agora.AnswerStatus
		w string
	}{
		{agora.AnswerAccepted, "Recomandarea a fost preluată în versiunea a doua a proiectului."},
		{agora.AnswerRejected, "Termenul propus ar întârzia plata tranșelor; bugetul anual nu permite prelungirea."},
		{agora.AnswerPartly, "Am prelungit termenul la 20 de zile, nu la 30, pentru a respecta calendarul bugetar."},
		{agora.AnswerNotApplicable, "Observația privește o hotărâre a Guvernului, nu proiectul de față."},
	}
	pl := []struct {
		s agora.AnswerStatus
		w string
	}{
		{agora.AnswerAccepted, "Uwaga została uwzględniona w drugiej wersji projektu."},
		{agora.AnswerRejected, "Propozycja wykracza poza zakres programu współpracy określony w art. 5a ustawy."},
		{agora.AnswerPartly, "Wydłużono termin do 21 dni zamiast proponowanych 30."},
		{agora.AnswerNotApplicable, "Uwaga dotyczy budżetu miasta, a nie programu współpracy."},
	}
	if country == draft.CountryPL {
		a := pl[i%len(pl)]
		return a.s, a.w
	}
	a := ro[i%len(ro)]
	return a.s, a.w
}
