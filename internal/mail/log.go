package mail

import (
	"context"
	"log/slog"
)

// LogSender stands in for SMTP in development, when no host is
// configured: it checks the message like SMTPSender and logs one line
// instead of sending. The store keeps the full copy for the admin "sent
// mail" page, so the log gets only the message id and subject, never the
// recipient.
type LogSender struct {
	log *slog.Logger
}

// NewLogSender returns a LogSender writing to l (discarding when nil).
func NewLogSender(l *slog.Logger) *LogSender {
	if l == nil {
		l = slog.New(slog.DiscardHandler)
	}
	return &LogSender{log: l}
}

// Send validates m and logs it. Errors: agora.Invalid from Validate, or
// ctx's error, so development behaves like production on bad messages.
func (s *LogSender) Send(ctx context.Context, m Message) error {
	if err := ctx.Err(); err != nil {
		return context.Cause(ctx)
	}
	if err := m.Validate(); err != nil {
		return err
	}
	s.log.InfoContext(ctx, "mail: not sent, no SMTP configured",
		slog.String("message_id", m.MessageID), slog.String("subject", m.Subject))
	return nil
}
