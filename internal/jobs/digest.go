package jobs

import (
	"context"
	"encoding/json"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
)

// JobDigest is the daily job that mails digest-mode people their news.
const JobDigest = "notification_digest"

// DigestHour is the hour, in UTC, the daily digest goes out: 08:00 or
// 09:00 in Bucharest and 07:00 or 08:00 in Warsaw, before the working
// day starts in both.
const DigestHour = 6

// digestBatch is how many people one digest transaction serves.
const digestBatch = 200

// digestPayload names the day a digest run is for; the job's dedup key
// carries the same day, so a day has one run however often it is asked.
type digestPayload struct {
	Day string `json:"day"`
}

// NextDigestAt returns the first digest instant after now.
func NextDigestAt(now time.Time) time.Time {
	now = now.UTC()
	at := time.Date(now.Year(), now.Month(), now.Day(), DigestHour, 0, 0, 0, time.UTC)
	if !at.After(now) {
		at = at.AddDate(0, 0, 1)
	}
	return at
}

// ScheduleDigest enqueues the next daily digest run after now unless it is
// already queued. The server calls it at start; each run calls it for
// the next day when it finishes.
func ScheduleDigest(ctx context.Context, st *store.Store, now time.Time) error {
	at := NextDigestAt(now)
	day := at.Format(time.DateOnly)
	return st.Enqueue(ctx, JobDigest, digestPayload{Day: day}, store.EnqueueOptions{RunAt: at, DedupKey: "notification-digest:" + day})
}

// HandleDigest is the handler of JobDigest: one email per digest-mode
// person listing their notifications not yet mailed, which are then
// marked mailed; then the next day's run is scheduled. A retry after a
// partial run mails only those not yet served.
func (n *Notifier) HandleDigest(ctx context.Context, _ json.RawMessage) error {
	if _, err := n.st.SendDigests(ctx, digestBatch, n.digestMail); err != nil {
		return err
	}
	return ScheduleDigest(ctx, n.st, n.st.Now())
}

func (n *Notifier) digestMail(d store.DigestRecipient) agora.Email {
	lang := d.Lang
	total := len(d.Items) + d.More
	e := agora.Email{To: d.Email, Lang: lang,
		Subject:     n.cat.TN(lang, "consultation_follow.mail.digest.subject", total, nil),
		Paragraphs:  []string{n.cat.TN(lang, "consultation_follow.mail.digest.intro", total, nil)},
		ActionLabel: n.cat.T(lang, "consultation_follow.mail.digest.action", nil),
		ActionURL:   n.baseURL + "/notifications",
		Footer:      n.footer(lang),
	}
	for _, it := range d.Items {
		e.Paragraphs = append(e.Paragraphs, n.cat.T(lang, "consultation_follow.mail.digest.item", map[string]any{
			"event": n.cat.T(lang, i18n.Prefix("consultation_follow.event.")+it.Kind, nil),
			"title": it.ConsultationTitle, "authority": it.OrgName,
			"url": n.baseURL + "/consultations/" + it.ConsultationID,
		}))
	}
	if d.More > 0 {
		e.Paragraphs = append(e.Paragraphs, n.cat.TN(lang, "consultation_follow.mail.digest.more", d.More, nil))
	}
	return e
}

// RegisterNotifications wires the consultation notifications into a
// server's worker: the event and digest handlers, and the next digest run.
func RegisterNotifications(ctx context.Context, w *Worker, st *store.Store, cat *i18n.Catalog, baseURL string) error {
	NewNotifier(st, cat, baseURL).Register(w)
	return ScheduleDigest(ctx, st, st.Now())
}
