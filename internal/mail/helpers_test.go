package mail_test

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/agora-civic/agora/internal/mail"
	"github.com/agora-civic/agora/internal/mail/mailtest"
)

// sharedData is /work/shared/data seen from this package; CI clones the
// repository with shared/ beside it.
const sharedData = "../../../shared/data"

// payloads returns the groups of shared/data/bad-input/payloads.json
// ("xss", "unicode_and_edge", ...), plus invalid-utf8.bin as group
// "invalid_utf8". Without the shared data it returns a few inline
// stand-ins so the tests still mean something.
func payloads(tb testing.TB) map[string][]string {
	tb.Helper()
	raw, err := os.ReadFile(filepath.Join(sharedData, "bad-input", "payloads.json"))
	if os.IsNotExist(err) {
		tb.Log("shared/data not present: using inline payloads only")
		return map[string][]string{
			"xss":          {"<script>document.body.remove()</script>", `"><img src=x onerror=document.body.remove()>`},
			"invalid_utf8": {"\xc0\xaf\xed\xa0\x80"},
		}
	}
	if err != nil {
		tb.Fatal(err)
	}
	var groups map[string][]string
	if err := json.Unmarshal(raw, &groups); err != nil {
		tb.Fatal(err)
	}
	bin, err := os.ReadFile(filepath.Join(sharedData, "bad-input", "invalid-utf8.bin"))
	if err != nil {
		tb.Fatal(err)
	}
	groups["invalid_utf8"] = []string{string(bin)}
	return groups
}

// allPayloads flattens payloads(tb).
func allPayloads(tb testing.TB) []string {
	var out []string
	for _, g := range payloads(tb) {
		out = append(out, g...)
	}
	return out
}

// testConfig is a sender config for srv: plain SMTP, a short timeout so a
// hang fails fast rather than at the test deadline.
func testConfig(srv *mailtest.Server) mail.Config {
	host, port := srv.Addr()
	return mail.Config{
		Host: host, Port: port, TLS: mail.TLSNone,
		From:      "agora <no-reply@example.org>",
		Timeout:   10 * time.Second,
		HelloName: "agora.test",
	}
}

func newSender(t *testing.T, c mail.Config, srv *mailtest.Server) *mail.SMTPSender {
	t.Helper()
	s, err := mail.NewSMTPSenderWithRoots(c, srv.CertPool())
	if err != nil {
		t.Fatalf("NewSMTPSender(%+v) = %v", c, err)
	}
	return s
}

func waitCtx(t *testing.T) context.Context {
	t.Helper()
	ctx, cancel := context.WithTimeout(t.Context(), 20*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// validMessage is a minimal message that passes Validate.
func validMessage() mail.Message {
	return mail.Message{
		To: "ana@example.ro", Subject: "Bună ziua", Text: "Text.\n", MessageID: "m1@agora.test",
	}
}

type sampleLaw struct {
	lang, title string
	provisions  []string
}

// sampleLaws reads the titles and first provisions of the shared RO and PL
// sample laws, or nothing when the shared data is absent.
func sampleLaws(tb testing.TB) []sampleLaw {
	tb.Helper()
	var out []sampleLaw
	for lang, dir := range map[string]string{"ro": "ro-laws", "pl": "pl-laws"} {
		files, err := filepath.Glob(filepath.Join(sharedData, dir, "sample", "*.json"))
		if err != nil {
			tb.Fatal(err)
		}
		for _, f := range files {
			raw, err := os.ReadFile(f)
			if err != nil {
				tb.Fatal(err)
			}
			var doc struct {
				Title      string `json:"title"`
				Provisions []struct {
					Content string `json:"content"`
				} `json:"provisions"`
			}
			if err := json.Unmarshal(raw, &doc); err != nil {
				tb.Fatalf("%s: %v", f, err)
			}
			l := sampleLaw{lang: lang, title: doc.Title}
			for i, p := range doc.Provisions {
				if i == 3 {
					break
				}
				l.provisions = append(l.provisions, p.Content)
			}
			if len(l.provisions) == 0 {
				l.provisions = []string{doc.Title} // quirk: laws with no provisions
			}
			out = append(out, l)
		}
	}
	return out
}
