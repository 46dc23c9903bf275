package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
)

func TestTransparencyReport(t *testing.T) {
	t.Parallel()
	e := newAnswerEnv(t, agora.RO)
	e.pastDeadline()
	e.answerAll()
	if code, _ := e.post(e.officer, e.path("answers", "publish"), nil); code != http.StatusSeeOther {
		t.Fatalf("publish answers = %d", code)
	}
	// The comments may fall in the previous year when the test runs in
	// early January; the figures follow the year of the comments.
	year := strconv.Itoa(e.comments[0].SubmittedAt.In(time.UTC).Year())
	base := "/orgs/" + e.auth.Org.ID + "/transparency/" + year

	// Everyone sees the computed figures; the officer's entries stay
	// private until published.
	code, body := e.get(nil, base)
	if code != http.StatusOK || !strings.Contains(body, "Numărul total al recomandărilor primite") || !strings.Contains(body, "nu și-a publicat încă") ||
		strings.Contains(body, `name="court_cases"`) {
		t.Fatalf("public transparency page = %d\n%.3000s", code, body)
	}
	if !strings.Contains(body, "<td><span class=\"pre-line\">3</span>") || !strings.Contains(body, "<td><span class=\"pre-line\">2</span>") {
		t.Fatalf("figures (a)=3 (b)=2 missing\n%.4000s", body)
	}
	form := url.Values{"court_cases": {"1"}, "assessment": {"Colaborare bună; <script>alert(1)</script>"}, "closed_meetings": {"2"},
		"closed_reasons": {"Date personale."}, "extra_received": {"4"}, "extra_included": {"1"}, "extra_participants": {"25"}, "extra_debates": {"1"}}
	for name, c := range map[string]*http.Client{"anonymous": e.client(), "participant": e.login(e.p1), "admin": e.login(e.auth.Admin)} {
		if code, _ := e.post(c, base, form); code != http.StatusForbidden && code != http.StatusUnauthorized {
			t.Errorf("%s saves the report: %d", name, code)
		}
	}
	bad := url.Values{"court_cases": {"doi"}, "extra_received": {"1"}, "extra_included": {"5"}}
	if code, body := e.post(e.officer, base, bad); code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-court_cases-error"`) {
		t.Fatalf("invalid entries = %d\n%.2000s", code, body)
	}
	if code, body := e.post(e.officer, base, url.Values{"extra_received": {"1"}, "extra_included": {"5"}}); code != http.StatusUnprocessableEntity ||
		!strings.Contains(body, `id="f-extra_included-error"`) {
		t.Fatalf("more included than received = %d\n%.2000s", code, body)
	}
	if code, _ := e.post(e.officer, base, form); code != http.StatusSeeOther {
		t.Fatalf("save = %d", code)
	}
	code, body = e.get(e.officer, base)
	if code != http.StatusOK || !strings.Contains(body, `name="court_cases"`) || !strings.Contains(body, "Colaborare bună") {
		t.Fatalf("officer page = %d\n%.3000s", code, body)
	}
	if _, body := e.get(nil, base); strings.Contains(body, "Colaborare bună") {
		t.Fatal("unpublished assessment shown to the public")
	}
	form.Set("action", "publish")
	if code, _ := e.post(e.officer, base, form); code != http.StatusSeeOther {
		t.Fatalf("publish = %d", code)
	}
	code, body = e.get(nil, base)
	if code != http.StatusOK || !strings.Contains(body, "Colaborare bună") || !strings.Contains(body, "3 pe platformă și 4 în afara ei") {
		t.Fatalf("published page = %d\n%.4000s", code, body)
	}
	assertInert(t, "transparency", body, []string{"<script>alert(1)</script>"})

	code, h, raw := e.download(nil, base+"/csv")
	if code != http.StatusOK || h.Get("Content-Type") != "text/csv; charset=utf-8" || !strings.Contains(h.Get("Content-Disposition"), "-"+year+".csv") {
		t.Fatalf("CSV = %d %v", code, h)
	}
	rows, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(raw, []byte("\uFEFF")))).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	values := map[string]string{}
	for _, r := range rows[1:] {
		values[r[2]] = r[4]
	}
	// (a) 3 + 4, (b) 2 + 1, (c) 0 + 25, (d) 0 + 1, (e) 1, (g) 2.
	for code, want := range map[string]string{"a": "7", "b": "3", "c": "25", "d": "1", "e": "1", "g": "2"} {
		if values[code] != want {
			t.Errorf("item (%s) = %q, want %q (rows %q)", code, values[code], want, rows)
		}
	}
	code, h, pdf := e.download(nil, base+"/pdf")
	if code != http.StatusOK || h.Get("Content-Type") != "application/pdf" {
		t.Fatalf("PDF = %d %v", code, h)
	}
	if text := pdfText(t, pdf); !strings.Contains(text, "transparența decizională") || !strings.Contains(text, e.auth.Org.Name) {
		t.Errorf("PDF text: %.500s", text)
	}
	for _, p := range []string{base + "/xlsx", "/orgs/" + e.auth.Org.ID + "/transparency/1999", "/orgs/" + e.auth.Org.ID + "/transparency/abc",
		"/orgs/" + e.ngo.ID + "/transparency/" + year, "/orgs/nonexistent/transparency/" + year} {
		if code, _ := e.get(nil, p); code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, code)
		}
	}
	if _, err := e.st.Org(context.Background(), e.auth.Org.ID); err != nil {
		t.Fatal(err)
	}
}
