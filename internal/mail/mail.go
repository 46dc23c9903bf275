// Package mail composes and sends agora's email. Nothing else in agora
// talks SMTP: the job queue hands each already-localised Message to a
// Sender and asks Permanent whether a failure is worth retrying.
package mail

import (
	"context"
	"errors"
	"net/mail"
	"net/textproto"
	"regexp"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// Message is one email, already localised.
type Message struct {
	To      string // one recipient address, optionally with a display name
	Subject string
	Text    string // plain text body (required)
	HTML    string // optional HTML alternative
	// Headers adds header fields such as "List-Unsubscribe". Values must
	// never carry personal data beyond To. Fields the sender writes itself
	// (From, To, Subject, Date, Message-ID, MIME and transfer headers) are
	// refused rather than silently duplicated.
	Headers map[string]string
	// MessageID is the stable id ("local@domain", angle brackets optional)
	// sent as Message-ID, so a retry after an ambiguous failure can be
	// recognised as a duplicate by the receiver. Empty means a random one
	// in the domain of Config.From.
	MessageID string
}

// Sender delivers one message. The job queue owns retries: it calls Send
// again later unless Permanent(err) says that cannot help.
type Sender interface {
	Send(ctx context.Context, m Message) error
}

// Message keys of the Invalid errors returned by Validate (and so by every
// Sender). They are i18n keys for the admin "sent mail" page.
const (
	KeyToInvalid        = "mail.to.invalid"
	KeySubjectRequired  = "mail.subject.required"
	KeySubjectInvalid   = "mail.subject.invalid"
	KeyTextRequired     = "mail.text.required"
	KeyBodyInvalid      = "mail.body.invalid"
	KeyHeaderInvalid    = "mail.header.invalid"
	KeyMessageIDInvalid = "mail.message_id.invalid"
)

// reservedHeaders are written by the sender from Message fields or by the
// MIME writer; letting Headers set them would duplicate or contradict them
// (two Subject lines, a forged From, a Content-Type that lies about the body).
var reservedHeaders = map[string]bool{
	"From": true, "Sender": true, "To": true, "Cc": true, "Bcc": true,
	"Subject": true, "Date": true, "Message-Id": true, "Mime-Version": true,
	"Content-Type": true, "Content-Transfer-Encoding": true,
	"Content-Disposition": true, "Content-Id": true,
	"Return-Path": true, "Received": true, "Dkim-Signature": true,
}

// Validate checks m before anything is sent. It returns an agora.Error of
// kind Invalid (Field names the Message field, Key is one of the Key*
// constants), so Permanent reports true for it: a malformed message stays
// malformed however often it is retried.
//
// CR or LF in To, Subject or a header value is refused rather than
// cleaned: at this point it can only be a bug or an injection attempt, and
// Build already cleans subjects it composes.
func (m Message) Validate() error {
	if hasCtl(m.To) {
		return agora.FieldError("to", KeyToInvalid, nil)
	}
	// The parser's error is dropped: it can quote the address, and errors
	// end up in logs.
	if _, err := mail.ParseAddress(m.To); err != nil {
		return agora.FieldError("to", KeyToInvalid, nil)
	}
	if strings.TrimSpace(m.Subject) == "" {
		return agora.FieldError("subject", KeySubjectRequired, nil)
	}
	if hasCtl(m.Subject) || !utf8.ValidString(m.Subject) {
		return agora.FieldError("subject", KeySubjectInvalid, nil)
	}
	if strings.TrimSpace(m.Text) == "" {
		return agora.FieldError("text", KeyTextRequired, nil)
	}
	if !utf8.ValidString(m.Text) || !utf8.ValidString(m.HTML) {
		return agora.FieldError("text", KeyBodyInvalid, nil)
	}
	if m.MessageID != "" && !validMessageID(trimAngle(m.MessageID)) {
		return agora.FieldError("message_id", KeyMessageIDInvalid, nil)
	}
	for name, value := range m.Headers {
		if !validHeaderName(name) || reservedHeaders[textproto.CanonicalMIMEHeaderKey(name)] ||
			hasCtl(value) || !utf8.ValidString(value) {
			return agora.FieldError("headers", KeyHeaderInvalid, map[string]any{"name": name})
		}
	}
	return nil
}

// hasCtl reports ASCII control characters (CR and LF above all; NUL and
// friends have no business in a header either). Tab is allowed: it is
// ordinary header whitespace.
func hasCtl(s string) bool {
	return strings.ContainsFunc(s, func(r rune) bool { return (r < 0x20 && r != '\t') || r == 0x7f })
}

// validHeaderName follows RFC 5322 §3.6.8: printable ASCII except colon.
func validHeaderName(name string) bool {
	if name == "" {
		return false
	}
	for i := 0; i < len(name); i++ {
		if c := name[i]; c < 33 || c > 126 || c == ':' {
			return false
		}
	}
	return true
}

// validMessageID accepts the common "left@right" shape of RFC 5322
// §3.6.4: printable ASCII, exactly one @, no specials that would end the
// msg-id or need quoting.
func validMessageID(id string) bool {
	at := strings.IndexByte(id, '@')
	if at <= 0 || at == len(id)-1 || strings.Count(id, "@") != 1 {
		return false
	}
	for i := 0; i < len(id); i++ {
		c := id[i]
		if c < 33 || c > 126 || strings.IndexByte(`()<>[]:;\,"`, c) >= 0 {
			return false
		}
	}
	return true
}

func trimAngle(id string) string {
	return strings.TrimSuffix(strings.TrimPrefix(id, "<"), ">")
}

// addrRe matches anything shaped like an email address inside free text.
var addrRe = regexp.MustCompile(`[^\s<>()\[\],;:"'@]+@[^\s<>()\[\],;:"'@]+`)

// sendError is an SMTP failure classified once, where the stage of the
// conversation is still known, so Permanent needs no knowledge of go-mail.
type sendError struct {
	code      int // SMTP reply code, 0 if there was none (network, TLS)
	permanent bool
	msgID     string // without angle brackets
	err       error
}

// Error hides addresses: go-mail names the affected recipients and servers
// quote them in replies ("550 5.1.1 <ana@example.ro>: User unknown"), and
// the job queue logs errors, which must carry no personal data.
// The message id has the same shape but is no one's address and is what
// ties the log line to the job.
func (e *sendError) Error() string {
	return addrRe.ReplaceAllStringFunc(e.err.Error(), func(s string) string {
		if s == e.msgID && s != "" {
			return s
		}
		return "[address]"
	})
}
func (e *sendError) Unwrap() error { return e.err }

// Permanent reports whether a send error will not go away by retrying, so
// the job queue can stop: a 5xx reply to the message transaction (MAIL,
// RCPT, DATA), or an invalid message (any agora.Invalid error, such as a
// malformed address or header injection).
//
// It is deliberately false for failures that say nothing about this
// message: network errors, timeouts, cancellation, TLS problems and 5xx
// replies while connecting, greeting or authenticating (including 530/535
// authentication errors at any stage). Those are outages or configuration
// mistakes that an operator fixes, after which the retries go through
// instead of every queued message having been dropped.
func Permanent(err error) bool {
	if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return false
	}
	var se *sendError
	if errors.As(err, &se) {
		return se.permanent
	}
	return agora.KindOf(err) == agora.Invalid
}

// authCode reports SMTP replies about our credentials: they come back on
// MAIL FROM as well when the server wants authentication first.
func authCode(code int) bool {
	switch code {
	case 530, 534, 535, 538:
		return true
	}
	return false
}
