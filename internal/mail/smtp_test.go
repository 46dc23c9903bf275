package mail_test

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	agoramail "github.com/agora-civic/agora/internal/mail"
	"github.com/agora-civic/agora/internal/mail/mailtest"
)

// localised are messages as the job queue will hand them over: Romanian
// with comma-below ș ț and „quotes”, Polish with every diacritic, long
// enough subjects that the encoded header must fold.
var localised = []agoramail.Body{{
	Lang:    "ro",
	To:      "Ioana Ștefănescu <ioana@example.ro>",
	Subject: "Consultare publică: „Legea nr. 52/2003 privind transparența decizională în administrația publică” — mai sunt 3 zile",
	Paragraphs: []string{
		"Bună ziua, Ioana Ștefănescu,",
		"Asociația „Țara Făgărașului” a răspuns la comentariul dumneavoastră la art. 7 alin. (2).\nRăspunsul este publicat pe pagina consultării; îl găsiți și în arhivă.",
	},
	Action:    &agoramail.Action{Label: "Citiți răspunsul", URL: "https://agora.example.ro/consultari/k3x9?paragraf=7&alin=2"},
	Footer:    "Primiți acest mesaj pentru că urmăriți consultarea.\nPuteți renunța oricând din setările contului.",
	MessageID: "01hx-ro-answer@agora.example.ro",
}, {
	Lang:    "pl",
	To:      "Łukasz Żółkiewski <lukasz@example.pl>",
	Subject: "Konsultacje społeczne: „Ustawa o działalności pożytku publicznego i o wolontariacie” — zostały 3 dni",
	Paragraphs: []string{
		"Dzień dobry, Łukaszu,",
		"Stowarzyszenie „Źródło” odpowiedziało na Pański komentarz do art. 7 ust. 2.\nZażółć gęślą jaźń — ĄĆĘŁŃÓŚŹŻ ąćęłńóśźż.",
	},
	Action:    &agoramail.Action{Label: "Przeczytaj odpowiedź", URL: "https://agora.example.pl/konsultacje/k3x9?akapit=7"},
	Footer:    "Otrzymujesz tę wiadomość, ponieważ obserwujesz konsultację.",
	MessageID: "<01hx-pl-answer@agora.example.pl>",
}}

func TestSendLocalised(t *testing.T) {
	t.Parallel()
	for _, b := range localised {
		t.Run(b.Lang, func(t *testing.T) {
			t.Parallel()
			srv := mailtest.NewServer(t)
			s := newSender(t, testConfig(srv), srv)
			m := agoramail.Build(b)
			m.Headers["List-Unsubscribe"] = "<https://agora.example.org/u/t0k3n>"
			if err := s.Send(t.Context(), m); err != nil {
				t.Fatalf("Send = %v", err)
			}
			got, err := srv.WaitFor(waitCtx(t), 1)
			if err != nil {
				t.Fatal(err)
			}
			r := got[0]
			if r.ParseErr != nil {
				t.Fatalf("received message does not parse: %v\n%s", r.ParseErr, r.Data)
			}
			if r.Subject != b.Subject {
				t.Errorf("Subject = %q, want %q", r.Subject, b.Subject)
			}
			rawSubject := strings.Join(r.Header["Subject"], " ")
			if !isASCII(rawSubject) || !strings.Contains(strings.ToLower(rawSubject), "=?utf-8?") {
				t.Errorf("raw Subject = %q, want RFC 2047 encoded words", rawSubject)
			}
			if !isASCII(string(r.Data)) {
				t.Errorf("message is not 7-bit clean; relays without 8BITMIME would mangle it")
			}
			if r.Text != m.Text {
				t.Errorf("Text = %q, want %q", r.Text, m.Text)
			}
			if r.HTML != m.HTML {
				t.Errorf("HTML = %q, want %q", r.HTML, m.HTML)
			}
			if r.MediaType != "multipart/alternative" || len(r.Parts) != 2 ||
				r.Parts[0].MediaType != "text/plain" || r.Parts[1].MediaType != "text/html" {
				t.Errorf("structure = %s %v, want multipart/alternative of text/plain then text/html", r.MediaType, partTypes(r.Parts))
			}
			for _, p := range r.Parts {
				if cs := p.Params["charset"]; !strings.EqualFold(cs, "utf-8") {
					t.Errorf("%s charset = %q, want UTF-8", p.MediaType, cs)
				}
			}
			wantTo, _ := mail.ParseAddress(b.To)
			if r.From != "no-reply@example.org" || len(r.To) != 1 || r.To[0] != wantTo.Address {
				t.Errorf("envelope = %s -> %v, want no-reply@example.org -> [%s]", r.From, r.To, wantTo.Address)
			}
			to, err := r.Header.AddressList("To")
			if err != nil || len(to) != 1 || to[0].Name != wantTo.Name || to[0].Address != wantTo.Address {
				t.Errorf("To header = %v, %v, want %v", to, err, wantTo)
			}
			for name, want := range map[string]string{
				"Message-Id":       "<" + strings.Trim(b.MessageID, "<>") + ">",
				"Content-Language": b.Lang,
				"Auto-Submitted":   "auto-generated",
				"List-Unsubscribe": "<https://agora.example.org/u/t0k3n>",
				"User-Agent":       "",
				"X-Mailer":         "",
			} {
				if got := r.Header.Get(name); got != want {
					t.Errorf("header %s = %q, want %q", name, got, want)
				}
			}
			if _, err := r.Header.Date(); err != nil {
				t.Errorf("Date header: %v", err)
			}
		})
	}
}

// TestSendRealTexts sends the titles and provisions of the shared sample
// laws: long lines, „quotes”, and the corpus's mix of cedilla ş ţ and
// comma-below ș ț, which mail must carry unchanged (folding is for search).
func TestSendRealTexts(t *testing.T) {
	t.Parallel()
	laws := sampleLaws(t)
	if len(laws) == 0 {
		t.Skip("shared/data not present")
	}
	srv := mailtest.NewServer(t)
	s := newSender(t, testConfig(srv), srv)
	var want []agoramail.Message
	for i, l := range laws {
		m := agoramail.Build(agoramail.Body{
			Lang: l.lang, To: "ana@example.ro", Subject: l.title, Paragraphs: l.provisions,
			MessageID: fmt.Sprintf("law-%d@agora.test", i),
		})
		if err := s.Send(t.Context(), m); err != nil {
			t.Fatalf("Send(%s) = %v", l.title, err)
		}
		want = append(want, m)
	}
	got, err := srv.WaitFor(waitCtx(t), len(want))
	if err != nil {
		t.Fatal(err)
	}
	for i, r := range got {
		if r.ParseErr != nil || r.Subject != want[i].Subject || r.Text != want[i].Text || r.HTML != want[i].HTML {
			t.Errorf("message %d (%q) did not arrive intact: parse %v, subject %q", i, want[i].Subject, r.ParseErr, r.Subject)
		}
	}
}

func TestPermanentFromServer(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		code      int
		permanent bool
	}{
		{451, false}, // greylisting, mailbox busy
		{421, false},
		{452, false},
		{550, true}, // no such user
		{552, true},
		{553, true},
		{554, true},
	} {
		t.Run(fmt.Sprint(tt.code), func(t *testing.T) {
			t.Parallel()
			srv := mailtest.NewServer(t)
			s := newSender(t, testConfig(srv), srv)
			srv.FailNext(1, tt.code)
			err := s.Send(t.Context(), validMessage())
			if err == nil {
				t.Fatalf("Send with injected %d = nil", tt.code)
			}
			if got := agoramail.Permanent(err); got != tt.permanent {
				t.Errorf("Permanent(%v) = %v, want %v", err, got, tt.permanent)
			}
			if got := agoramail.ReplyCode(err); got != tt.code {
				t.Errorf("ReplyCode(%v) = %d, want %d", err, got, tt.code)
			}
			// The retry the job queue makes next goes through.
			if err := s.Send(t.Context(), validMessage()); err != nil {
				t.Fatalf("retry: Send = %v", err)
			}
			if n, rej := len(srv.Messages()), srv.Rejected(); n != 1 || rej != 1 {
				t.Errorf("server kept %d messages and rejected %d, want 1 and 1", n, rej)
			}
		})
	}
}

func TestConnectionRefused(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	c := testConfig(srv)
	s := newSender(t, c, srv)
	srv.Close()
	err := s.Send(t.Context(), validMessage())
	if err == nil {
		t.Fatal("Send to a closed server = nil")
	}
	if agoramail.Permanent(err) || agoramail.ReplyCode(err) != 0 {
		t.Errorf("Permanent(%v) = %v, ReplyCode = %d, want false, 0", err, agoramail.Permanent(err), agoramail.ReplyCode(err))
	}

	// The server comes back (elsewhere): the queue's next attempt works.
	srv2 := mailtest.NewServer(t)
	if err := newSender(t, testConfig(srv2), srv2).Send(t.Context(), validMessage()); err != nil {
		t.Fatalf("Send after restart = %v", err)
	}
}

func TestContextCancel(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	s := newSender(t, testConfig(srv), srv)
	reached, release := srv.Stall()
	defer release()

	ctx, cancel := context.WithCancel(t.Context())
	done := make(chan error, 1)
	go func() { done <- s.Send(ctx, validMessage()) }()
	select {
	case <-reached:
	case err := <-done:
		t.Fatalf("Send returned %v before the server stalled", err)
	}
	cancel()
	err := <-done
	if !errors.Is(err, context.Canceled) {
		t.Errorf("Send after cancel = %v, want context.Canceled", err)
	}
	if agoramail.Permanent(err) {
		t.Errorf("Permanent(%v) = true, want false", err)
	}
	release()
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("server kept %d messages of a cancelled send", n)
	}

	// Already cancelled: nothing is attempted.
	if err := s.Send(ctx, validMessage()); !errors.Is(err, context.Canceled) {
		t.Errorf("Send(cancelled ctx) = %v, want context.Canceled", err)
	}
}

func TestTimeout(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	c := testConfig(srv)
	c.Timeout = 100 * time.Millisecond // the stalled reply never comes
	s := newSender(t, c, srv)
	_, release := srv.Stall()
	defer release()
	err := s.Send(t.Context(), validMessage())
	if err == nil {
		t.Fatal("Send to a stalled server = nil")
	}
	if agoramail.Permanent(err) {
		t.Errorf("Permanent(%v) = true, want false", err)
	}
}

func TestHeaderInjectionRejected(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	s := newSender(t, testConfig(srv), srv)
	logs := agoramail.NewLogSender(nil)
	for _, tt := range []struct {
		name  string
		edit  func(*agoramail.Message)
		field string
	}{
		{"subject CRLF", func(m *agoramail.Message) { m.Subject = "Salut\r\nBcc: victim@example.com" }, "subject"},
		{"subject LF", func(m *agoramail.Message) { m.Subject = "Salut\nBcc: victim@example.com" }, "subject"},
		{"subject CR", func(m *agoramail.Message) { m.Subject = "Salut\rBcc: victim@example.com" }, "subject"},
		{"subject NUL", func(m *agoramail.Message) { m.Subject = "a\x00b" }, "subject"},
		{"to CRLF", func(m *agoramail.Message) { m.To = "ana@example.ro\r\nBcc: victim@example.com" }, "to"},
		{"to two addresses", func(m *agoramail.Message) { m.To = "ana@example.ro, victim@example.com" }, "to"},
		{"header value CRLF", func(m *agoramail.Message) {
			m.Headers = map[string]string{"List-Unsubscribe": "<https://x.example>\r\nBcc: victim@example.com"}
		}, "headers"},
		{"header name CRLF", func(m *agoramail.Message) { m.Headers = map[string]string{"X-A\r\nBcc": "v@example.com"} }, "headers"},
		{"header Bcc", func(m *agoramail.Message) { m.Headers = map[string]string{"bcc": "victim@example.com"} }, "headers"},
		{"header From", func(m *agoramail.Message) { m.Headers = map[string]string{"From": "ceo@example.org"} }, "headers"},
		{"message id CRLF", func(m *agoramail.Message) { m.MessageID = "a@b\r\nBcc: victim@example.com" }, "message_id"},
	} {
		m := validMessage()
		tt.edit(&m)
		for name, sender := range map[string]agoramail.Sender{"smtp": s, "log": logs} {
			err := sender.Send(t.Context(), m)
			var ae *agora.Error
			if !errors.As(err, &ae) || ae.Kind != agora.Invalid || ae.Field != tt.field {
				t.Errorf("%s: %s Send = %v, want Invalid error on %s", tt.name, name, err, tt.field)
			}
			if !agoramail.Permanent(err) {
				t.Errorf("%s: Permanent(%v) = false, want true", tt.name, err)
			}
		}
	}
	if n := len(srv.Messages()); n != 0 {
		t.Errorf("server received %d messages, want none", n)
	}

	// Build cleans a subject it is given rather than failing later.
	m := agoramail.Build(agoramail.Body{Lang: "ro", To: "ana@example.ro", Subject: "Salut\r\nBcc: victim@example.com", Paragraphs: []string{"x"}})
	if err := s.Send(t.Context(), m); err != nil {
		t.Fatalf("Send(Build(...)) = %v", err)
	}
	got, err := srv.WaitFor(waitCtx(t), 1)
	if err != nil {
		t.Fatal(err)
	}
	if got[0].Subject != "Salut Bcc: victim@example.com" || got[0].Header.Get("Bcc") != "" || len(got[0].To) != 1 {
		t.Errorf("received subject %q, Bcc %q, recipients %v", got[0].Subject, got[0].Header.Get("Bcc"), got[0].To)
	}
}

func TestConcurrentSends(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	s := newSender(t, testConfig(srv), srv)
	const n = 16
	var wg sync.WaitGroup
	for i := range n {
		wg.Go(func() {
			m := validMessage()
			m.MessageID = fmt.Sprintf("c%d@agora.test", i)
			if err := s.Send(t.Context(), m); err != nil {
				t.Errorf("Send %d = %v", i, err)
			}
		})
	}
	wg.Wait()
	got, err := srv.WaitFor(waitCtx(t), n)
	if err != nil {
		t.Fatal(err)
	}
	ids := map[string]bool{}
	for _, r := range got {
		ids[r.Header.Get("Message-Id")] = true
	}
	if len(ids) != n {
		t.Errorf("%d distinct Message-Ids arrived, want %d", len(ids), n)
	}
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func partTypes(ps []mailtest.Part) []string {
	var out []string
	for _, p := range ps {
		out = append(out, p.MediaType)
	}
	return out
}

// TestErrorsNameNoAddress: the queue logs send errors, and logs carry no
// personal data, though servers quote the recipient in their replies.
func TestErrorsNameNoAddress(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	s := newSender(t, testConfig(srv), srv)
	m := validMessage()
	m.To = "Ana Popescu <ana.popescu@example.ro>"
	for _, code := range []int{550, 451} {
		srv.FailNext(1, code)
		err := s.Send(t.Context(), m)
		if err == nil {
			t.Fatal("Send = nil")
		}
		if msg := err.Error(); strings.Contains(msg, "ana.popescu") || !strings.Contains(msg, fmt.Sprint(code)) {
			t.Errorf("error %q names the recipient or lacks the reply code", msg)
		}
	}
	m.To = "ana.popescu@example.ro, eve@example.org"
	if err := s.Send(t.Context(), m); err == nil || strings.Contains(err.Error(), "popescu") || strings.Contains(err.Error(), "eve@") {
		t.Errorf("invalid recipient error = %v", err)
	}
}

func TestGeneratedMessageID(t *testing.T) {
	t.Parallel()
	srv := mailtest.NewServer(t)
	s := newSender(t, testConfig(srv), srv)
	m := validMessage()
	m.MessageID = ""
	for range 2 {
		if err := s.Send(t.Context(), m); err != nil {
			t.Fatal(err)
		}
	}
	got, err := srv.WaitFor(waitCtx(t), 2)
	if err != nil {
		t.Fatal(err)
	}
	a, b := got[0].Header.Get("Message-Id"), got[1].Header.Get("Message-Id")
	if !strings.HasPrefix(a, "<") || !strings.HasSuffix(a, "@example.org>") || a == b {
		t.Errorf("generated Message-Ids %q, %q: want distinct <...@example.org>", a, b)
	}
}
