package mail_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"log/slog"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/mail"
)

func TestValidate(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name string
		edit func(*mail.Message)
		key  string // "" for valid
	}{
		{"valid", func(*mail.Message) {}, ""},
		{"display name with diacritics", func(m *mail.Message) { m.To = "Ștefan Țurcanu <stefan@example.ro>" }, ""},
		{"quoted display name", func(m *mail.Message) { m.To = `"Kowalski, Jan" <jan@example.pl>` }, ""},
		{"message id in brackets", func(m *mail.Message) { m.MessageID = "<a.b@agora.test>" }, ""},
		{"no message id", func(m *mail.Message) { m.MessageID = "" }, ""},
		{"List-Unsubscribe", func(m *mail.Message) {
			m.Headers = map[string]string{"List-Unsubscribe": "<https://a.example/u>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
		}, ""},
		{"tab in subject", func(m *mail.Message) { m.Subject = "a\tb" }, ""},
		{"empty to", func(m *mail.Message) { m.To = "" }, mail.KeyToInvalid},
		{"no domain", func(m *mail.Message) { m.To = "ana" }, mail.KeyToInvalid},
		{"two recipients", func(m *mail.Message) { m.To = "a@example.ro, b@example.ro" }, mail.KeyToInvalid},
		{"to with CRLF", func(m *mail.Message) { m.To = "a@example.ro\r\n" }, mail.KeyToInvalid},
		{"empty subject", func(m *mail.Message) { m.Subject = " " }, mail.KeySubjectRequired},
		{"subject LF", func(m *mail.Message) { m.Subject = "a\nb" }, mail.KeySubjectInvalid},
		{"subject DEL", func(m *mail.Message) { m.Subject = "a\x7fb" }, mail.KeySubjectInvalid},
		{"subject bad UTF-8", func(m *mail.Message) { m.Subject = "a\xffb" }, mail.KeySubjectInvalid},
		{"no text", func(m *mail.Message) { m.Text = "\n" }, mail.KeyTextRequired},
		{"text bad UTF-8", func(m *mail.Message) { m.Text = "a\xc0\xafb" }, mail.KeyBodyInvalid},
		{"html bad UTF-8", func(m *mail.Message) { m.HTML = "<p>\xed\xa0\x80</p>" }, mail.KeyBodyInvalid},
		{"message id without @", func(m *mail.Message) { m.MessageID = "abc" }, mail.KeyMessageIDInvalid},
		{"message id with space", func(m *mail.Message) { m.MessageID = "a b@c" }, mail.KeyMessageIDInvalid},
		{"message id two @", func(m *mail.Message) { m.MessageID = "a@b@c" }, mail.KeyMessageIDInvalid},
		{"message id bracket inside", func(m *mail.Message) { m.MessageID = "a>@c" }, mail.KeyMessageIDInvalid},
		{"header empty name", func(m *mail.Message) { m.Headers = map[string]string{"": "x"} }, mail.KeyHeaderInvalid},
		{"header name with colon", func(m *mail.Message) { m.Headers = map[string]string{"X-A:": "x"} }, mail.KeyHeaderInvalid},
		{"header name with space", func(m *mail.Message) { m.Headers = map[string]string{"X A": "x"} }, mail.KeyHeaderInvalid},
		{"header Subject", func(m *mail.Message) { m.Headers = map[string]string{"SUBJECT": "x"} }, mail.KeyHeaderInvalid},
		{"header Content-Type", func(m *mail.Message) { m.Headers = map[string]string{"content-type": "text/html"} }, mail.KeyHeaderInvalid},
		{"header value LF", func(m *mail.Message) { m.Headers = map[string]string{"X-A": "a\nb"} }, mail.KeyHeaderInvalid},
		{"header value bad UTF-8", func(m *mail.Message) { m.Headers = map[string]string{"X-A": "\xff"} }, mail.KeyHeaderInvalid},
	} {
		m := validMessage()
		tt.edit(&m)
		err := m.Validate()
		var ae *agora.Error
		switch {
		case tt.key == "" && err != nil:
			t.Errorf("%s: Validate = %v, want nil", tt.name, err)
		case tt.key != "" && (!errors.As(err, &ae) || ae.Key != tt.key || ae.Kind != agora.Invalid):
			t.Errorf("%s: Validate = %v, want Invalid %s", tt.name, err, tt.key)
		}
	}
}

func FuzzValidate(f *testing.F) {
	for _, p := range allPayloads(f) {
		f.Add(p, p, p, p)
	}
	f.Add("Ana <ana@example.ro>", "Bună ziua", "List-Unsubscribe", "<https://a.example/u>")
	f.Fuzz(func(t *testing.T, to, subject, header, value string) {
		m := mail.Message{To: to, Subject: subject, Text: "x", Headers: map[string]string{header: value}}
		if m.Validate() != nil {
			return
		}
		for _, s := range []string{to, subject, header, value} {
			if strings.ContainsAny(s, "\r\n\x00") {
				t.Errorf("Validate accepted %q", s)
			}
		}
	})
}

func TestPermanent(t *testing.T) {
	t.Parallel()
	invalid := agora.FieldError("to", mail.KeyToInvalid, nil)
	for _, tt := range []struct {
		err  error
		want bool
	}{
		{nil, false},
		{errors.New("dial tcp: connection refused"), false},
		{context.Canceled, false},
		{fmt.Errorf("send: %w", context.DeadlineExceeded), false},
		{invalid, true},
		{fmt.Errorf("job 7: %w", invalid), true},
		{agora.Errorf(agora.Conflict, "x"), false},
		{errors.Join(context.Canceled, invalid), false}, // cancellation wins: nothing was decided
	} {
		if got := mail.Permanent(tt.err); got != tt.want {
			t.Errorf("Permanent(%v) = %v, want %v", tt.err, got, tt.want)
		}
	}
}

func TestNewSMTPSenderConfig(t *testing.T) {
	t.Parallel()
	base := mail.Config{Host: "smtp.example.org", From: "agora <no-reply@example.org>"}
	for _, tt := range []struct {
		name string
		edit func(*mail.Config)
		ok   bool
	}{
		{"defaults", func(*mail.Config) {}, true},
		{"implicit tls", func(c *mail.Config) { c.TLS = "tls"; c.Port = 465 }, true},
		{"plain with port", func(c *mail.Config) { c.TLS = "none"; c.Port = 2525 }, true},
		{"credentials", func(c *mail.Config) { c.Username, c.Password = "u", "p" }, true},
		{"from with diacritics", func(c *mail.Config) { c.From = "Agora Civică <no-reply@example.ro>" }, true},
		{"no host", func(c *mail.Config) { c.Host = "" }, false},
		{"unknown tls", func(c *mail.Config) { c.TLS = "ssl" }, false},
		{"port too big", func(c *mail.Config) { c.Port = 70000 }, false},
		{"negative port", func(c *mail.Config) { c.Port = -1 }, false},
		{"negative timeout", func(c *mail.Config) { c.Timeout = -time.Second }, false},
		{"password alone", func(c *mail.Config) { c.Password = "p" }, false},
		{"bad from", func(c *mail.Config) { c.From = "no-reply" }, false},
		{"from CRLF", func(c *mail.Config) { c.From = "a@example.org\r\nBcc: x@example.org" }, false},
		{"hello with space", func(c *mail.Config) { c.HelloName = "a b" }, false},
	} {
		c := base
		tt.edit(&c)
		_, err := mail.NewSMTPSender(c)
		if (err == nil) != tt.ok {
			t.Errorf("%s: NewSMTPSender = %v, want ok %v", tt.name, err, tt.ok)
		}
	}
	if (mail.Config{}).Enabled() || !base.Enabled() {
		t.Error("Enabled must follow Host")
	}
}

func TestConfigLogValueHidesPassword(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	l := slog.New(slog.NewJSONHandler(&buf, nil))
	l.Info("config", "mail", mail.Config{Host: "smtp.example.org", Username: "u", Password: "hunter2-ță"})
	if strings.Contains(buf.String(), "hunter2") || !strings.Contains(buf.String(), "smtp.example.org") {
		t.Errorf("log = %s", buf.String())
	}
}

func TestLogSender(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	s := mail.NewLogSender(slog.New(slog.NewJSONHandler(&buf, nil)))
	m := mail.Build(localised[0])
	if err := s.Send(t.Context(), m); err != nil {
		t.Fatalf("Send = %v", err)
	}
	out := buf.String()
	if !strings.Contains(out, "01hx-ro-answer@agora.example.ro") || !strings.Contains(out, "transparența decizională") {
		t.Errorf("log lacks message id or subject: %s", out)
	}
	if strings.Contains(out, "ioana@example.ro") || strings.Contains(out, "Ștefănescu <") {
		t.Errorf("log contains the recipient: %s", out)
	}

	ctx, cancel := context.WithCancel(t.Context())
	cancel()
	if err := s.Send(ctx, m); !errors.Is(err, context.Canceled) {
		t.Errorf("Send(cancelled) = %v, want context.Canceled", err)
	}
	var sender mail.Sender = s // the job queue holds either kind
	_ = sender
}
