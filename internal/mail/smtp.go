package mail

import (
	"context"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"log/slog"
	"maps"
	"net"
	"net/mail"
	"net/textproto"
	"slices"
	"strings"
	"time"

	gomail "github.com/wneessen/go-mail"
)

// TLS modes of Config.TLS.
const (
	TLSNone     = "none"     // plain SMTP: only for a relay on localhost or a trusted network
	TLSStartTLS = "starttls" // plain connection upgraded with STARTTLS, which is then required
	TLSImplicit = "tls"      // TLS from the first byte (SMTPS, port 465)
)

// DefaultTimeout bounds each step of an SMTP conversation when
// Config.Timeout is zero.
const DefaultTimeout = 30 * time.Second

// Config is the SMTP part of agora's configuration.
type Config struct {
	Host               string
	Port               int // 0: 25, 587 or 465 by TLS mode
	Username, Password string
	From               string        // "agora <no-reply@example.org>"
	TLS                string        // TLSNone, TLSStartTLS (default) or TLSImplicit
	Timeout            time.Duration // per step (dial, each command); 0: DefaultTimeout
	HelloName          string        // EHLO name; empty: the machine's hostname
}

// Enabled reports whether SMTP is configured at all; without it agora
// runs with a LogSender.
func (c Config) Enabled() bool { return c.Host != "" }

// LogValue keeps the password out of logs when the config is logged.
func (c Config) LogValue() slog.Value {
	pw := ""
	if c.Password != "" {
		pw = "[redacted]"
	}
	return slog.GroupValue(
		slog.String("host", c.Host), slog.Int("port", c.Port), slog.String("tls", c.TLS),
		slog.String("from", c.From), slog.String("username", c.Username), slog.String("password", pw),
		slog.Duration("timeout", c.Timeout), slog.String("hello_name", c.HelloName),
	)
}

// SMTPSender sends messages through one SMTP server, a fresh connection
// per message. It is safe for concurrent use.
type SMTPSender struct {
	c          Config
	fromDomain string         // right of the @ in From, for generated Message-IDs
	roots      *x509.CertPool // nil: the system roots
}

// NewSMTPSender checks c and returns a sender for it. Defaults: TLS mode
// starttls, the port of the mode, DefaultTimeout. It fails on an unknown TLS
// mode, a bad port, From or HelloName, or a password without a username.
//
// Certificates are checked against the system roots; a relay with a
// private CA is trusted through SSL_CERT_FILE or SSL_CERT_DIR.
func NewSMTPSender(c Config) (*SMTPSender, error) { return newSMTPSender(c, nil) }

func newSMTPSender(c Config, roots *x509.CertPool) (*SMTPSender, error) {
	if !c.Enabled() {
		return nil, errors.New("mail: no SMTP host configured")
	}
	if c.TLS == "" {
		c.TLS = TLSStartTLS
	}
	if c.Port == 0 {
		c.Port = map[string]int{TLSNone: 25, TLSStartTLS: 587, TLSImplicit: 465}[c.TLS]
	}
	switch {
	case c.TLS != TLSNone && c.TLS != TLSStartTLS && c.TLS != TLSImplicit:
		return nil, fmt.Errorf("mail: TLS mode %q, want %s, %s or %s", c.TLS, TLSNone, TLSStartTLS, TLSImplicit)
	case c.Port < 1 || c.Port > 65535:
		return nil, fmt.Errorf("mail: SMTP port %d out of range", c.Port)
	case c.Timeout < 0:
		return nil, fmt.Errorf("mail: negative SMTP timeout %s", c.Timeout)
	case c.Password != "" && c.Username == "":
		return nil, errors.New("mail: SMTP password given without a username")
	case strings.ContainsFunc(c.HelloName, func(r rune) bool { return r <= ' ' || r > '~' }):
		return nil, fmt.Errorf("mail: SMTP hello name %q is not a plain host name", c.HelloName)
	}
	if c.Timeout == 0 {
		c.Timeout = DefaultTimeout
	}
	if hasCtl(c.From) {
		return nil, errors.New("mail: from address contains control characters")
	}
	from, err := mail.ParseAddress(c.From)
	if err != nil {
		return nil, fmt.Errorf("mail: from address %q: %w", c.From, err)
	}
	domain := from.Address[strings.LastIndexByte(from.Address, '@')+1:]
	return &SMTPSender{c: c, fromDomain: domain, roots: roots}, nil
}

// Send delivers m. Errors: an agora.Invalid error when m fails Validate;
// otherwise the SMTP or network error, classified for Permanent. ctx
// bounds the whole conversation: cancelling it closes the connection.
//
// A message the server has accepted counts as sent even if the goodbye
// (RSET, QUIT) then fails or ctx ends: reporting that as an error would
// make the queue send it twice.
func (s *SMTPSender) Send(ctx context.Context, m Message) error {
	if err := m.Validate(); err != nil {
		return err
	}
	if m.MessageID == "" {
		// Ours rather than go-mail's (which uses the host name), so that
		// errors name it and the id carries our domain.
		m.MessageID = rand.Text() + "@" + s.fromDomain
	}
	m.MessageID = trimAngle(m.MessageID)
	if err := ctx.Err(); err != nil {
		return fmt.Errorf("mail: send %s: %w", m.MessageID, context.Cause(ctx))
	}
	msg, err := s.msg(m)
	if err != nil {
		return err
	}

	// stop cancels the close-on-cancel hook of the connection once the
	// conversation is over; the dial function runs on this goroutine.
	stop := func() bool { return false }
	defer func() { stop() }()
	dial := func(dctx context.Context, network, addr string) (net.Conn, error) {
		d := net.Dialer{}
		conn, err := d.DialContext(dctx, network, addr)
		if err != nil {
			return nil, err
		}
		// go-mail only uses the context to dial; closing the connection is
		// what interrupts a command already waiting for a reply.
		stop = context.AfterFunc(ctx, func() { conn.Close() })
		if s.c.TLS != TLSImplicit {
			return conn, nil
		}
		tc := tls.Client(conn, s.tlsConfig())
		if err := tc.HandshakeContext(dctx); err != nil {
			conn.Close()
			return nil, err
		}
		return tc, nil
	}

	client, err := gomail.NewClient(s.c.Host, s.options(dial)...)
	if err != nil {
		return fmt.Errorf("mail: SMTP client: %w", err)
	}
	err = client.DialAndSendWithContext(ctx, msg)
	if err == nil || msg.IsDelivered() {
		return nil
	}
	if ctx.Err() != nil {
		err = errors.Join(context.Cause(ctx), err)
	}
	se := classify(err)
	se.msgID = m.MessageID
	return fmt.Errorf("mail: send %s: %w", m.MessageID, se)
}

func (s *SMTPSender) tlsConfig() *tls.Config {
	return &tls.Config{ServerName: s.c.Host, MinVersion: tls.VersionTLS12, RootCAs: s.roots}
}

func (s *SMTPSender) options(dial gomail.DialContextFunc) []gomail.Option {
	opts := []gomail.Option{
		gomail.WithPort(s.c.Port),
		gomail.WithTimeout(s.c.Timeout),
		gomail.WithDialContextFunc(dial),
		gomail.WithTLSConfig(s.tlsConfig()),
		// The connection is fresh: NOOP before the first message only
		// costs a round trip.
		gomail.WithoutNoop(),
	}
	if s.c.HelloName != "" {
		opts = append(opts, gomail.WithHELO(s.c.HelloName))
	}
	switch s.c.TLS {
	case TLSStartTLS:
		// Mandatory: an attacker stripping STARTTLS from the EHLO reply
		// must not get the password or the mail in clear.
		opts = append(opts, gomail.WithTLSPolicy(gomail.TLSMandatory))
	default:
		// none, or tls where our dialer already did the handshake. Not
		// WithTLSPortPolicy: that one quietly turns port 25 into 587.
		opts = append(opts, gomail.WithTLSPolicy(gomail.NoTLS))
	}
	if s.c.Username != "" {
		// PLAIN and LOGIN (what relays offer) refuse to run over a clear
		// connection except to localhost, so "none" with a password only
		// works for a local relay. An explicit list rather than go-mail's
		// auto-discovery, which would not see our own implicit-TLS dial as
		// encrypted and skip PLAIN.
		opts = append(opts,
			gomail.WithOpportunisticSMTPAuth(gomail.SMTPAuthPlain, gomail.SMTPAuthLogin),
			gomail.WithUsername(s.c.Username), gomail.WithPassword(s.c.Password))
	}
	return opts
}

// msg converts a validated Message to go-mail's form.
func (s *SMTPSender) msg(m Message) (*gomail.Msg, error) {
	msg := gomail.NewMsg(gomail.WithNoDefaultUserAgent())
	if err := msg.From(s.c.From); err != nil {
		return nil, fmt.Errorf("mail: from: %w", err)
	}
	if err := msg.To(m.To); err != nil {
		return nil, fmt.Errorf("mail: to: %w", err) // Validate lets nothing through that fails here
	}
	msg.Subject(m.Subject)
	msg.SetMessageIDWithValue(m.MessageID)
	// RFC 3834: tell vacation responders and Outlook that a machine sent
	// this, so no-reply does not collect auto-replies. Callers may override.
	msg.SetGenHeader("Auto-Submitted", "auto-generated")
	msg.SetGenHeader("X-Auto-Response-Suppress", "All")
	for _, name := range slices.Sorted(maps.Keys(m.Headers)) {
		msg.SetGenHeader(gomail.Header(textproto.CanonicalMIMEHeaderKey(name)), m.Headers[name])
	}
	msg.SetBodyString(gomail.TypeTextPlain, m.Text)
	if m.HTML != "" {
		msg.AddAlternativeString(gomail.TypeTextHTML, m.HTML)
	}
	return msg, nil
}

// classify wraps err with what Permanent needs to know. go-mail reports
// transaction failures as *SendError with the stage (Reason) and reply
// code; anything else happened while connecting, greeting, starting TLS or
// authenticating.
func classify(err error) *sendError {
	var se *gomail.SendError
	if errors.As(err, &se) {
		code := se.ErrorCode()
		switch se.Reason {
		case gomail.ErrSMTPMailFrom, gomail.ErrSMTPRcptTo, gomail.ErrSMTPData,
			gomail.ErrSMTPDataClose, gomail.ErrWriteContent:
			return &sendError{code: code, permanent: code/100 == 5 && !authCode(code), err: err}
		case gomail.ErrGetSender, gomail.ErrGetRcpts, gomail.ErrNoUnencoded:
			return &sendError{permanent: true, err: err}
		}
		return &sendError{code: code, err: err}
	}
	var pe *textproto.Error
	if errors.As(err, &pe) {
		return &sendError{code: pe.Code, err: err}
	}
	return &sendError{err: err}
}

// ReplyCode returns the SMTP reply code (such as 451 or 550) behind an
// error from SMTPSender.Send, or 0 when the failure had none (network,
// TLS, invalid message). The job queue may record it next to the attempt.
func ReplyCode(err error) int {
	var se *sendError
	if errors.As(err, &se) {
		return se.code
	}
	return 0
}
