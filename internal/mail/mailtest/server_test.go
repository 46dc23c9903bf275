package mailtest_test

import (
	"context"
	"errors"
	"fmt"
	"net"
	"net/smtp"
	"net/textproto"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora/internal/mail/mailtest"
)

// mixed is what a mail client might send: mixed{alternative{QP text,
// base64 HTML}, attachment}, subject in both Q and B encoded words.
const mixed = "From: Ana <ana@example.ro>\r\n" +
	"To: Łukasz <lukasz@example.pl>\r\n" +
	"Subject: =?UTF-8?Q?Consultare_public=C4=83:_=C8=99i_=C8=9Bar=C4=83?=\r\n" +
	" =?UTF-8?B?4oCUIHphxbzDs8WCxIcgZ8SZxZtsxIUgamHFug==?=\r\n" +
	"MIME-Version: 1.0\r\n" +
	"Content-Type: multipart/mixed; boundary=\"outer\"\r\n" +
	"\r\n" +
	"preamble\r\n" +
	"--outer\r\n" +
	"Content-Type: multipart/alternative; boundary=inner\r\n" +
	"\r\n" +
	"--inner\r\n" +
	"Content-Type: text/plain; charset=UTF-8\r\n" +
	"Content-Transfer-Encoding: quoted-printable\r\n" +
	"\r\n" +
	"Bun=C4=83 ziua, =C8=98tefan! Un r=C3=A2nd foarte lung care este rupt cu un =\r\n" +
	"soft line break.\r\n" +
	"A doua linie.\r\n" +
	"--inner\r\n" +
	"Content-Type: text/html; charset=utf-8\r\n" +
	"Content-Transfer-Encoding: base64\r\n" +
	"\r\n" +
	"PHA+RHppZcWEIGRvYnJ5LCDFgXVrYXN6dSE8L3A+\r\n" +
	"--inner--\r\n" +
	"--outer\r\n" +
	"Content-Type: application/pdf; name=a.pdf\r\n" +
	"Content-Disposition: attachment; filename=a.pdf\r\n" +
	"Content-Transfer-Encoding: base64\r\n" +
	"\r\n" +
	"JVBERi0xLjQK\r\n" +
	"--outer--\r\n"

func send(srv *mailtest.Server, auth smtp.Auth, from string, to []string, msg string) error {
	host, port := srv.Addr()
	return smtp.SendMail(net.JoinHostPort(host, fmt.Sprint(port)), auth, from, to, []byte(msg))
}

func ctx(t *testing.T) context.Context {
	c, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	t.Cleanup(cancel)
	return c
}

func TestReceiveMultipart(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	host, _ := srv.Addr()
	auth := smtp.PlainAuth("", "agora", "secret", host)
	if err := send(srv, auth, "ana@example.ro", []string{"lukasz@example.pl", "b@example.pl"}, mixed); err != nil {
		t.Fatal(err)
	}
	got, err := srv.WaitFor(ctx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	r := got[0]
	if r.ParseErr != nil {
		t.Fatal(r.ParseErr)
	}
	for _, c := range []struct{ name, got, want string }{
		{"From", r.From, "ana@example.ro"},
		{"To", strings.Join(r.To, ","), "lukasz@example.pl,b@example.pl"},
		{"Username", r.Username, "agora"},
		{"Subject", r.Subject, "Consultare publică: și țară— zażółć gęślą jaź"},
		{"Text", r.Text, "Bună ziua, Ștefan! Un rând foarte lung care este rupt cu un soft line break.\nA doua linie."}, // the last CRLF belongs to the boundary
		{"HTML", r.HTML, "<p>Dzień dobry, Łukaszu!</p>"},
		{"MediaType", r.MediaType, "multipart/mixed"},
		{"Data", string(r.Data), mixed},
	} {
		if c.got != c.want {
			t.Errorf("%s = %q, want %q", c.name, c.got, c.want)
		}
	}
	if len(r.Parts) != 3 || r.Parts[2].MediaType != "application/pdf" || r.Parts[2].Body != "%PDF-1.4\n" {
		t.Errorf("Parts = %+v", r.Parts)
	}
	if r.TLS {
		t.Error("TLS = true on a plain server")
	}
}

func TestReceiveOddMessages(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	for _, tt := range []struct {
		name, msg string
		text      string
		bad       bool
	}{
		{"no content type", "Subject: plain\r\n\r\nhello\r\n", "hello\n", false},
		{"latin2", "Subject: x\r\nContent-Type: text/plain; charset=iso-8859-2\r\n\r\n\xb1\r\n", "", true},
		{"invalid utf-8", "Subject: x\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\xc0\xaf\r\n", "", true},
		{"unknown encoding", "Subject: x\r\nContent-Transfer-Encoding: x-uuencode\r\n\r\nx\r\n", "", true},
		{"multipart without boundary", "Subject: x\r\nContent-Type: multipart/alternative\r\n\r\nx\r\n", "", true},
	} {
		if err := send(srv, nil, "a@example.ro", []string{"b@example.ro"}, tt.msg); err != nil {
			t.Fatalf("%s: %v", tt.name, err)
		}
		got, err := srv.WaitFor(ctx(t), len(srv.Messages()))
		if err != nil {
			t.Fatal(err)
		}
		r := got[len(got)-1]
		if (r.ParseErr != nil) != tt.bad || (!tt.bad && r.Text != tt.text) {
			t.Errorf("%s: ParseErr %v, Text %q; want bad %v, text %q", tt.name, r.ParseErr, r.Text, tt.bad, tt.text)
		}
		if string(r.Data) != tt.msg {
			t.Errorf("%s: Data changed", tt.name)
		}
	}
}

func TestFailNext(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	srv.FailNext(2, 451)
	msg := "Subject: x\r\n\r\nx\r\n"
	for i := range 2 {
		err := send(srv, nil, "a@example.ro", []string{"b@example.ro"}, msg)
		var pe *textproto.Error
		if !errors.As(err, &pe) || pe.Code != 451 {
			t.Errorf("attempt %d: %v, want a 451 reply", i, err)
		}
	}
	if err := send(srv, nil, "a@example.ro", []string{"b@example.ro"}, msg); err != nil {
		t.Errorf("third attempt: %v", err)
	}
	if n, rej := len(srv.Messages()), srv.Rejected(); n != 1 || rej != 2 {
		t.Errorf("kept %d, rejected %d; want 1, 2", n, rej)
	}
	srv.FailNext(1, 550)
	err := send(srv, nil, "a@example.ro", []string{"b@example.ro"}, msg)
	var pe *textproto.Error
	if !errors.As(err, &pe) || pe.Code != 550 {
		t.Errorf("after FailNext(1, 550): %v", err)
	}
}

func TestRequireAuth(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	host, _ := srv.Addr()
	srv.RequireAuth("agora", "secret")
	for _, tt := range []struct {
		auth smtp.Auth
		code int
	}{
		{nil, 530},
		{smtp.PlainAuth("", "agora", "wrong", host), 535},
		{smtp.PlainAuth("", "agora", "secret", host), 0},
	} {
		err := send(srv, tt.auth, "a@example.ro", []string{"b@example.ro"}, "Subject: x\r\n\r\nx\r\n")
		var pe *textproto.Error
		switch {
		case tt.code == 0 && err != nil:
			t.Errorf("right credentials: %v", err)
		case tt.code != 0 && (!errors.As(err, &pe) || pe.Code != tt.code):
			t.Errorf("got %v, want reply %d", err, tt.code)
		}
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("kept %d messages, want 1", n)
	}
}

func TestWaitFor(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	short, cancel := context.WithTimeout(t.Context(), 50*time.Millisecond)
	defer cancel()
	if got, err := srv.WaitFor(short, 1); !errors.Is(err, context.DeadlineExceeded) || len(got) != 0 {
		t.Errorf("WaitFor on an idle server = %d, %v; want 0, deadline exceeded", len(got), err)
	}

	errc := make(chan error, 3)
	for range 3 {
		go func() { errc <- send(srv, nil, "a@example.ro", []string{"b@example.ro"}, "Subject: x\r\n\r\nx\r\n") }()
	}
	got, err := srv.WaitFor(ctx(t), 3)
	if err != nil || len(got) != 3 {
		t.Errorf("WaitFor(3) = %d, %v", len(got), err)
	}
	for range 3 {
		if err := <-errc; err != nil {
			t.Error(err)
		}
	}
}

func TestStall(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	reached, release := srv.Stall()
	errc := make(chan error, 1)
	go func() { errc <- send(srv, nil, "a@example.ro", []string{"b@example.ro"}, "Subject: x\r\n\r\nx\r\n") }()
	<-reached
	if n := len(srv.Messages()); n != 0 {
		t.Fatalf("%d messages while stalled", n)
	}
	release()
	release() // idempotent
	if err := <-errc; err != nil {
		t.Fatal(err)
	}
	if n := len(srv.Messages()); n != 1 {
		t.Errorf("%d messages after release, want 1", n)
	}
}

func TestStallReleasedByClose(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	reached, _ := srv.Stall()
	errc := make(chan error, 1)
	go func() { errc <- send(srv, nil, "a@example.ro", []string{"b@example.ro"}, "Subject: x\r\n\r\nx\r\n") }()
	<-reached
	srv.Close() // must not hang on the stalled session
	if err := <-errc; err == nil {
		t.Error("send through a closed server succeeded")
	}
}

func TestClose(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	host, port := srv.Addr()
	srv.Close()
	srv.Close()
	if c, err := net.Dial("tcp", net.JoinHostPort(host, fmt.Sprint(port))); err == nil {
		c.Close()
		t.Error("closed server still accepts connections")
	}
	// A new one can start at once.
	srv2 := mailtest.NewServer(t)
	if err := send(srv2, nil, "a@example.ro", []string{"b@example.ro"}, "Subject: x\r\n\r\nx\r\n"); err != nil {
		t.Error(err)
	}
}
