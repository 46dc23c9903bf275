package jobs

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/mail"
	"github.com/agora-civic/agora/internal/store"
)

// EmailHandler sends queued agora.Email jobs through sender and, when
// keepCopy is set (development, demo), keeps a copy for the admin's
// sent-mail page.
func EmailHandler(st *store.Store, sender mail.Sender, keepCopy bool) Handler {
	return func(ctx context.Context, payload json.RawMessage) error {
		var e agora.Email
		if err := json.Unmarshal(payload, &e); err != nil {
			return PermanentError{fmt.Errorf("email payload: %w", err)}
		}
		b := mail.Body{Lang: e.Lang, To: e.To, Subject: e.Subject, Paragraphs: e.Paragraphs, Footer: e.Footer}
		if e.ActionURL != "" {
			b.Action = &mail.Action{Label: e.ActionLabel, URL: e.ActionURL}
		}
		m := mail.Build(b)
		if err := sender.Send(ctx, m); err != nil {
			if mail.Permanent(err) {
				return PermanentError{err}
			}
			return err
		}
		if keepCopy {
			return st.RecordSentMail(ctx, 0, store.SentMail{Recipient: m.To, Subject: m.Subject, Text: m.Text, HTML: m.HTML})
		}
		return nil
	}
}
