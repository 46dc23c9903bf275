// Package mailtest runs a real SMTP server in the test process, so code
// that sends mail is tested over the wire: what arrives is parsed back
// (headers decoded, MIME parts split and transfer-decoded) for assertions,
// and failures can be injected to exercise retries.
package mailtest

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"fmt"
	"io"
	"log"
	"net"
	"slices"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"
)

// Option changes how NewServer sets up the server.
type Option func(*options)

type options struct {
	starttls, implicit bool
}

// WithSTARTTLS makes the server offer STARTTLS with a self-signed
// certificate for 127.0.0.1; trust it through CertPool.
func WithSTARTTLS() Option { return func(o *options) { o.starttls = true } }

// WithImplicitTLS makes the server speak TLS from the first byte (SMTPS)
// with a self-signed certificate for 127.0.0.1; trust it through CertPool.
func WithImplicitTLS() Option { return func(o *options) { o.implicit = true } }

// Server is an SMTP server on 127.0.0.1 that keeps what it receives. AUTH
// PLAIN is offered even without TLS and accepts any credentials unless
// RequireAuth was called. It is closed by t.Cleanup if not before.
type Server struct {
	t    testing.TB
	srv  *smtp.Server
	l    net.Listener
	host string
	port int
	pool *x509.CertPool

	done      chan struct{} // closed by Close: releases stalled sessions
	serveDone chan struct{}
	sessions  sync.WaitGroup
	closeOnce sync.Once

	mu       sync.Mutex
	closed   bool
	msgs     []Received
	changed  chan struct{} // closed and replaced whenever msgs grows
	failN    int
	failCode int
	rejected int
	user     string
	pass     string
	needAuth bool
	stall    chan struct{} // non-nil while stalled; closed by release
	reached  chan struct{}
	reachedO *sync.Once
}

// NewServer starts a server on 127.0.0.1 on a free port.
func NewServer(t testing.TB, opts ...Option) *Server {
	t.Helper()
	var o options
	for _, opt := range opts {
		opt(&o)
	}
	s := &Server{
		t: t, done: make(chan struct{}), serveDone: make(chan struct{}),
		changed: make(chan struct{}),
	}
	s.srv = smtp.NewServer(smtp.BackendFunc(s.newSession))
	s.srv.Domain = "mailtest.invalid"
	s.srv.AllowInsecureAuth = true
	s.srv.MaxMessageBytes = 10 << 20
	s.srv.MaxRecipients = 100
	// Bounds a session whose client vanished without closing; Close ends
	// the rest.
	s.srv.ReadTimeout = time.Minute
	s.srv.WriteTimeout = time.Minute
	s.srv.ErrorLog = log.New(io.Discard, "", 0)

	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatalf("mailtest: listen: %v", err)
	}
	if o.starttls || o.implicit {
		cert, pool, err := selfSigned()
		if err != nil {
			l.Close()
			t.Fatalf("mailtest: certificate: %v", err)
		}
		s.pool = pool
		cfg := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
		if o.implicit {
			l = tls.NewListener(l, cfg)
		} else {
			s.srv.TLSConfig = cfg
		}
	}
	addr := l.Addr().(*net.TCPAddr)
	s.l, s.host, s.port = l, addr.IP.String(), addr.Port
	go func() {
		defer close(s.serveDone)
		s.srv.Serve(l)
	}()
	t.Cleanup(s.Close)
	return s
}

// Addr returns where the server listens.
func (s *Server) Addr() (host string, port int) { return s.host, s.port }

// CertPool returns a pool trusting the server's certificate, or nil for a
// server without TLS.
func (s *Server) CertPool() *x509.CertPool { return s.pool }

// Messages returns the messages accepted so far, oldest first.
func (s *Server) Messages() []Received {
	s.mu.Lock()
	defer s.mu.Unlock()
	return slices.Clone(s.msgs)
}

// WaitFor returns the accepted messages as soon as there are at least n,
// or what there is with an error when ctx ends first.
func (s *Server) WaitFor(ctx context.Context, n int) ([]Received, error) {
	for {
		s.mu.Lock()
		msgs, changed := slices.Clone(s.msgs), s.changed
		s.mu.Unlock()
		if len(msgs) >= n {
			return msgs, nil
		}
		select {
		case <-changed:
		case <-ctx.Done():
			return msgs, fmt.Errorf("mailtest: %d of %d messages arrived: %w", len(msgs), n, context.Cause(ctx))
		}
	}
}

// FailNext makes the next n mail transactions fail with the SMTP reply
// code (such as 451 for a temporary or 550 for a permanent failure). The
// failure is the reply to RCPT TO, where real servers refuse unknown users
// or greylist; the message is not kept.
func (s *Server) FailNext(n, code int) {
	s.t.Helper()
	if n < 0 || code < 400 || code > 599 {
		s.t.Fatalf("mailtest: FailNext(%d, %d): want n >= 0 and a 4xx or 5xx code", n, code)
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	s.failN, s.failCode = n, code
}

// Rejected returns how many transactions FailNext has failed so far.
func (s *Server) Rejected() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.rejected
}

// RequireAuth makes the server refuse MAIL FROM (530) before a successful
// AUTH PLAIN with exactly these credentials; others get 535.
func (s *Server) RequireAuth(username, password string) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.user, s.pass, s.needAuth = username, password, true
}

// Stall makes every transaction wait before answering RCPT TO until
// release is called or the server closes, to test timeouts and
// cancellation without sleeping. reached is closed when the first
// transaction starts waiting.
func (s *Server) Stall() (reached <-chan struct{}, release func()) {
	s.mu.Lock()
	defer s.mu.Unlock()
	st, r := make(chan struct{}), make(chan struct{})
	s.stall, s.reached, s.reachedO = st, r, new(sync.Once)
	return r, sync.OnceFunc(func() {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.stall == st {
			s.stall = nil
		}
		close(st)
	})
}

// Close stops the server: connections are dropped and new ones refused,
// as when a real server goes away. It waits for all sessions to end and
// may be called more than once.
func (s *Server) Close() {
	s.closeOnce.Do(func() {
		s.mu.Lock()
		s.closed = true
		close(s.done)
		s.mu.Unlock()
		s.srv.Close()
		// go-smtp only closes listeners Serve has registered; a Close
		// right after NewServer can come first.
		s.l.Close()
		<-s.serveDone
		s.sessions.Wait()
	})
}

func (s *Server) newSession(c *smtp.Conn) (smtp.Session, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.closed {
		return nil, errors.New("mailtest: server closed")
	}
	// Added under mu while not closed, so never after Close started Wait.
	s.sessions.Add(1)
	_, isTLS := c.TLSConnectionState()
	return &session{s: s, tls: isTLS}, nil
}

// takeFailure decides at MAIL FROM whether this transaction fails.
func (s *Server) takeFailure() int {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.failN == 0 {
		return 0
	}
	s.failN--
	s.rejected++
	return s.failCode
}

func (s *Server) waitStall() {
	s.mu.Lock()
	st, reached, once := s.stall, s.reached, s.reachedO
	s.mu.Unlock()
	if st == nil {
		return
	}
	once.Do(func() { close(reached) })
	select {
	case <-st:
	case <-s.done:
	}
}

func (s *Server) add(r Received) {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.msgs = append(s.msgs, r)
	close(s.changed)
	s.changed = make(chan struct{})
}

// session is one SMTP connection's state; go-smtp calls it from one
// goroutine.
type session struct {
	s    *Server
	tls  bool
	user string
	from string
	to   []string
	fail int
}

func (se *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (se *session) Auth(mech string) (sasl.Server, error) {
	if mech != sasl.Plain {
		return nil, smtp.ErrAuthUnknownMechanism
	}
	return sasl.NewPlainServer(func(_, username, password string) error {
		se.s.mu.Lock()
		ok := !se.s.needAuth || (username == se.s.user && password == se.s.pass)
		se.s.mu.Unlock()
		if !ok {
			return smtp.ErrAuthFailed
		}
		se.user = username
		return nil
	}), nil
}

func (se *session) Mail(from string, _ *smtp.MailOptions) error {
	se.s.mu.Lock()
	needAuth := se.s.needAuth
	se.s.mu.Unlock()
	if needAuth && se.user == "" {
		return &smtp.SMTPError{Code: 530, EnhancedCode: smtp.EnhancedCode{5, 7, 0}, Message: "Authentication required"}
	}
	se.from, se.to = from, nil
	se.fail = se.s.takeFailure()
	return nil
}

func (se *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	se.s.waitStall()
	if se.fail != 0 {
		// Quoting the address like Postfix does lets tests check that
		// callers keep it out of their logs.
		return &smtp.SMTPError{Code: se.fail, EnhancedCode: smtp.EnhancedCodeNotSet,
			Message: "<" + to + ">: Recipient address rejected: mailtest: injected failure"}
	}
	se.to = append(se.to, to)
	return nil
}

func (se *session) Data(r io.Reader) error {
	data, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	rcv := Received{From: se.from, To: slices.Clone(se.to), Data: data, Username: se.user, TLS: se.tls}
	rcv.ParseErr = parse(&rcv)
	se.s.add(rcv)
	return nil
}

func (se *session) Reset() { se.from, se.to, se.fail = "", nil, 0 }

func (se *session) Logout() error {
	se.s.sessions.Done()
	return nil
}
