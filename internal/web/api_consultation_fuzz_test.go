package web

import (
	"net/http/httptest"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// FuzzAPICommentDecode: any body decodes to a validated comment or to an
// application error (never a panic, never an internal error), and what
// is accepted keeps to the form's limits.
func FuzzAPICommentDecode(f *testing.F) {
	for _, s := range []string{
		`{"body":"Un comentariu."}`,
		`{"unit_key":"art-1.par-2","quote":"10 zile","body":"Propun 30.","amendment":"30 de zile","org_id":null}`,
		`{"body":"x","body":"y"}`, `{"Body":"case"}`, `[]`, `{"body":5}`, `{"body":"\u0000"}`, `{"body":"<script>alert(1)</script>"}`,
		`{"org_id":"not an id","body":"ok ok"}`, `{"body":"` + strings.Repeat("ă", 20001) + `"}`, "\xff", `{} {}`, ``,
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, body string) {
		r := httptest.NewRequest("POST", "/api/v1/consultations/x/comments", strings.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		in, err := decodeAPIComment(r)
		if err != nil {
			if agora.KindOf(err) == agora.Internal {
				t.Fatalf("internal error for %q: %v", body, err)
			}
			return
		}
		if n := utf8.RuneCountInString(in.Body); n < 2 || n > 20000 {
			t.Fatalf("accepted body of %d runes", n)
		}
		if in.Source != agora.SourceOnline || in.AuthorName != "" || in.SourceNote != "" {
			t.Fatalf("API input set officer fields: %+v", in)
		}
	})
}
