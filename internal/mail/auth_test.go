package mail_test

import (
	"testing"

	agoramail "github.com/agora-civic/agora/internal/mail"
	"github.com/agora-civic/agora/internal/mail/mailtest"
)

func TestAuth(t *testing.T) {
	t.Parallel()
	const user, pass = "agora", "parolă-ță-żółć"
	for _, tt := range []struct {
		name       string
		user, pass string
		code       int
	}{
		{"right", user, pass, 0},
		{"wrong password", user, "nope", 535},
		{"no credentials", "", "", 530},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := mailtest.NewServer(t)
			srv.RequireAuth(user, pass)
			c := testConfig(srv)
			c.Username, c.Password = tt.user, tt.pass
			err := newSender(t, c, srv).Send(t.Context(), validMessage())
			if tt.code == 0 {
				if err != nil {
					t.Fatalf("Send = %v", err)
				}
				if got := srv.Messages(); len(got) != 1 || got[0].Username != user {
					t.Errorf("received %+v, want one message from %q", got, user)
				}
				return
			}
			if err == nil {
				t.Fatal("Send = nil, want an authentication error")
			}
			// Our credentials are wrong for every message: the operator
			// fixes the config and the queued mail must still go out.
			if agoramail.Permanent(err) || agoramail.ReplyCode(err) != tt.code {
				t.Errorf("Permanent(%v) = %v, ReplyCode %d, want false, %d", err, agoramail.Permanent(err), agoramail.ReplyCode(err), tt.code)
			}
		})
	}
}

func TestTLSModes(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name    string
		opts    []mailtest.Option
		mode    string
		roots   bool // trust the test certificate
		wantTLS bool
		fails   bool
	}{
		{"starttls", []mailtest.Option{mailtest.WithSTARTTLS()}, agoramail.TLSStartTLS, true, true, false},
		{"implicit", []mailtest.Option{mailtest.WithImplicitTLS()}, agoramail.TLSImplicit, true, true, false},
		{"starttls required but not offered", nil, agoramail.TLSStartTLS, true, false, true},
		{"implicit against plain server", nil, agoramail.TLSImplicit, true, false, true},
		{"starttls untrusted certificate", []mailtest.Option{mailtest.WithSTARTTLS()}, agoramail.TLSStartTLS, false, false, true},
		{"implicit untrusted certificate", []mailtest.Option{mailtest.WithImplicitTLS()}, agoramail.TLSImplicit, false, false, true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			srv := mailtest.NewServer(t, tt.opts...)
			srv.RequireAuth("agora", "secret")
			c := testConfig(srv)
			c.TLS, c.Username, c.Password = tt.mode, "agora", "secret"
			roots := srv.CertPool()
			if !tt.roots {
				roots = nil
			}
			s, err := agoramail.NewSMTPSenderWithRoots(c, roots)
			if err != nil {
				t.Fatal(err)
			}
			err = s.Send(t.Context(), validMessage())
			if tt.fails {
				if err == nil {
					t.Fatal("Send = nil, want a TLS error")
				}
				if agoramail.Permanent(err) {
					t.Errorf("Permanent(%v) = true, want false (configuration, not the message)", err)
				}
				if n := len(srv.Messages()); n != 0 {
					t.Errorf("server received %d messages in clear or unverified", n)
				}
				return
			}
			if err != nil {
				t.Fatalf("Send = %v", err)
			}
			got := srv.Messages()
			if len(got) != 1 || got[0].TLS != tt.wantTLS || got[0].Username != "agora" {
				t.Errorf("received %d messages, TLS %v, user %q; want 1, %v, agora", len(got), got[0].TLS, got[0].Username, tt.wantTLS)
			}
		})
	}
}
