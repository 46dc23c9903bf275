package jobs

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
)

// ReminderDays is how long before comments close followers are reminded.
const ReminderDays = 3

// Notifier turns consultation events into notifications and emails for
// the people who follow them, and sends the daily digests.
type Notifier struct {
	st      *store.Store
	cat     *i18n.Catalog
	baseURL string
}

// NewNotifier makes a Notifier; baseURL is the public address of the site
// for the links in its emails.
func NewNotifier(st *store.Store, cat *i18n.Catalog, baseURL string) *Notifier {
	return &Notifier{st: st, cat: cat, baseURL: strings.TrimRight(baseURL, "/")}
}

// Register adds the notifier's handlers (store.JobConsultationEvent and
// JobDigest) to w.
func (n *Notifier) Register(w *Worker) {
	w.Handle(store.JobConsultationEvent, n.HandleEvent)
	w.Handle(JobDigest, n.HandleDigest)
}

var knownEvents = map[string]bool{
	store.EventOpened: true, store.EventReminder: true, store.EventAnswered: true,
	store.EventReported: true, store.EventVersion: true, store.EventDebate: true,
}

// HandleEvent is the handler of store.JobConsultationEvent. An "opened"
// event that comes before the consultation opens waits until it does; it
// then also schedules the reminder ReminderDays before the deadline
// (legal.ReminderAt). A reminder for a consultation no longer open is
// dropped. Retrying is safe: notifications are unique per person, event
// and subject, and the follow-up jobs carry dedup keys.
func (n *Notifier) HandleEvent(ctx context.Context, payload json.RawMessage) error {
	var ev store.ConsultationEvent
	if err := json.Unmarshal(payload, &ev); err != nil || !knownEvents[ev.Event] || ev.ConsultationID == "" {
		return PermanentError{fmt.Errorf("consultation event payload %q: %v", payload, err)}
	}
	c, err := n.st.Consultation(ctx, ev.ConsultationID)
	if agora.KindOf(err) == agora.NotFound {
		return nil // deleted meanwhile: nobody to tell
	}
	if err != nil {
		return err
	}
	now := n.st.Now()
	req := store.NotifyRequest{Event: ev, Compose: n.eventMail(ev)}
	switch ev.Event {
	case store.EventOpened:
		if c.State == agora.ConsultationPublished && now.Before(c.OpensAt) {
			return n.st.Enqueue(ctx, store.JobConsultationEvent, ev, store.EnqueueOptions{
				RunAt: c.OpensAt, DedupKey: "consultation-opened:" + c.ID + ":" + c.OpensAt.UTC().Format(time.RFC3339)})
		}
		if at := reminderAt(c); !at.IsZero() && at.After(now) {
			req.Then = append(req.Then, store.FollowUp{Kind: store.JobConsultationEvent,
				Payload: store.ConsultationEvent{ConsultationID: c.ID, Event: store.EventReminder},
				Options: store.EnqueueOptions{RunAt: at, DedupKey: "consultation-reminder:" + c.ID + ":" + at.UTC().Format(time.RFC3339)}})
		}
	case store.EventReminder:
		if c.PhaseAt(now) != agora.PhaseOpen {
			return nil
		}
	}
	_, err = n.st.NotifyFollowers(ctx, req)
	return err
}

// reminderAt is when followers of c hear that comments close soon. The
// closing day is taken a second before the closing instant, so a
// database that rounded 23:59:59.999999999 up to midnight still names
// the right day.
func reminderAt(c agora.Consultation) time.Time {
	if c.CommentsClose.IsZero() {
		return time.Time{}
	}
	s := legal.Schedule{Country: c.Country, Published: c.OpensAt, CommentsClose: legal.DateOf(c.Country, c.CommentsClose.Add(-time.Second))}
	return legal.ReminderAt(s, ReminderDays)
}

// eventMail composes the immediate email of one event in the
// recipient's language.
func (n *Notifier) eventMail(ev store.ConsultationEvent) func(r store.Recipient, c agora.Consultation) agora.Email {
	return func(r store.Recipient, c agora.Consultation) agora.Email {
		lang := r.Lang
		args := n.consultationArgs(lang, c)
		key := i18n.Prefix("consultation_follow.mail.event.") + ev.Event
		e := agora.Email{To: r.Email, Lang: lang,
			Subject:     n.cat.T(lang, key+".subject", args),
			Paragraphs:  []string{n.cat.T(lang, key+".body", args)},
			ActionLabel: n.cat.T(lang, "consultation_follow.mail.open", nil),
			ActionURL:   n.baseURL + "/consultations/" + c.ID,
			Footer:      n.footer(lang),
		}
		if c.PhaseAt(n.st.Now()) == agora.PhaseOpen {
			e.Paragraphs = append(e.Paragraphs, n.cat.T(lang, "consultation_follow.mail.closes", args))
		}
		return e
	}
}

// consultationArgs are the placeholders of the consultation emails. The
// deadline is shown in the consultation's own zone, named, because that
// is the time the law counts in.
func (n *Notifier) consultationArgs(lang string, c agora.Consultation) map[string]any {
	loc := i18n.NewLocale(lang, legal.Zone(c.Country))
	return map[string]any{
		"title": c.Title, "authority": c.OrgName,
		"closes": loc.DateTime(c.CommentsClose),
		"zone":   n.cat.T(lang, i18n.Prefix("consultation_follow.zone.")+strings.ToLower(string(c.Country)), nil),
	}
}

// footer tells the reader why they get the email and where to change it.
func (n *Notifier) footer(lang string) string {
	return n.cat.T(lang, "consultation_follow.mail.footer", map[string]any{"url": n.baseURL + "/account/notifications"})
}
