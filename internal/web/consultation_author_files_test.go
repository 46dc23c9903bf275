package web

import (
	"archive/zip"
	"bytes"
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
)

func officeZip(t testing.TB, entries map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for name, body := range entries {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		_, _ = w.Write([]byte(body))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestClassifyUpload(t *testing.T) {
	odt := officeZip(t, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text", "content.xml": "<x/>"})
	docx := officeZip(t, map[string]string{"word/document.xml": "<w/>"})
	for _, tt := range []struct {
		name string
		data []byte
		ok   bool
	}{
		{"nota.pdf", []byte("%PDF-1.7\n..."), true},
		{"nota.PDF", []byte("%PDF-1.7\n..."), true},
		{"nota.pdf", []byte("<script>alert(1)</script>"), false},
		{"anexa.txt", []byte("Anexă cu diacritice: ș ț"), true},
		{"anexa.txt", []byte("bin\x00ary"), false},
		{"anexa.txt", []byte("\xff\xfe"), false},
		{"proiect.odt", odt, true},
		{"proiect.ods", odt, false},
		{"proiect.docx", docx, true},
		{"proiect.xlsx", docx, false},
		{"proiect.doc", append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, 0, 0), true},
		{"harta.png", []byte("\x89PNG\r\n\x1a\n0000"), true},
		{"harta.jpg", []byte("\x89PNG\r\n\x1a\n0000"), false},
		{"pagina.html", []byte("<html></html>"), false},
		{"gol.pdf", nil, false},
	} {
		ct, err := classifyUpload(tt.name, tt.data, "attachment")
		if (err == nil) != tt.ok {
			t.Errorf("classifyUpload(%q) = %q, %v; want ok %v", tt.name, ct, err, tt.ok)
		}
	}
}

func TestSafeFileName(t *testing.T) {
	for in, want := range map[string]string{
		"Notă de fundamentare.pdf":         "Notă de fundamentare.pdf",
		`C:\Users\ana\proiect.docx`:        "proiect.docx",
		"../../etc/passwd.txt":             "passwd.txt",
		"\"><script>.pdf":                  "___script_.pdf",
		"a\r\nContent-Type: text/html.txt": "html.txt",
		".pdf":                             "file.pdf",
	} {
		if got := safeFileName(in); got != want {
			t.Errorf("safeFileName(%q) = %q, want %q", in, got, want)
		}
	}
}

func FuzzClassifyUpload(f *testing.F) {
	f.Add("nota.pdf", []byte("%PDF-1.4"))
	f.Add("a.odt", officeZip(f, map[string]string{"mimetype": "application/vnd.oasis.opendocument.text"}))
	f.Add("x.txt", []byte("text"))
	f.Fuzz(func(t *testing.T, name string, data []byte) {
		ct, err := classifyUpload(name, data, "attachment")
		if err == nil && ct == "" {
			t.Fatalf("accepted %q without a type", name)
		}
		safe := safeFileName(name)
		if strings.ContainsAny(safe, "/\\\"\r\n<>") || safe == "" {
			t.Fatalf("safeFileName(%q) = %q", name, safe)
		}
	})
}

func TestAuthorAttachments(t *testing.T) {
	e := newAuthorEnv(t, agora.RO)
	id := e.createDraft()
	pdf := []byte("%PDF-1.4\n% nota de fundamentare\n")
	r := e.upload(e.officer, "/consultations/"+id+"/files", "en", nil, "attachment", "Notă de fundamentare.pdf", pdf)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("upload: %d\n%s", r.Status, r.Body)
	}
	if r := e.upload(e.officer, "/consultations/"+id+"/files", "ro", nil, "attachment", "virus.pdf", []byte("MZ\x90\x00")); r.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.Body, e.cat.T("ro", "consultation_author.error.file_mismatch", nil)) {
		t.Fatalf("disguised file: %d", r.Status)
	}
	if r := e.upload(e.officer, "/consultations/"+id+"/files", "en", nil, "attachment", "big.txt", bytes.Repeat([]byte("a"), maxAttachmentBytes+1)); r.Status != http.StatusUnprocessableEntity && r.Status != http.StatusRequestEntityTooLarge {
		t.Fatalf("oversized file: %d", r.Status)
	}
	files, _ := e.st.ConsultationFiles(context.Background(), id, store.FileAttachment)
	if len(files) != 1 || files[0].ContentType != "application/pdf" {
		t.Fatalf("files: %+v", files)
	}
	path := "/consultations/" + id + "/files/" + files[0].ID
	if r := e.getAs(nil, path, "en"); r.Status != http.StatusNotFound {
		t.Fatalf("draft attachment served to the public: %d", r.Status)
	}
	r = e.getAs(e.officer, path, "en")
	if r.Status != http.StatusOK || r.Body != string(pdf) || !strings.HasPrefix(r.Header.Get("Content-Disposition"), "attachment;") ||
		r.Header.Get("X-Content-Type-Options") != "nosniff" || r.Header.Get("Content-Type") != "application/pdf" {
		t.Fatalf("officer download: %d %v", r.Status, r.Header)
	}
	if r := e.getAs(e.officer, "/consultations/"+id+"/edit", "en"); !strings.Contains(r.Body, path) {
		t.Fatalf("edit page does not list the attachment")
	}
	e.upload(e.officer, "/consultations/"+id+"/files", "en", nil, "attachment", "anexa.txt", []byte("anexă"))
	files, _ = e.st.ConsultationFiles(context.Background(), id, store.FileAttachment)
	if r := e.postForm(e.officer, "/consultations/"+id+"/files/"+files[1].ID+"/delete", "en", url.Values{}); r.Status != http.StatusSeeOther {
		t.Fatalf("delete: %d", r.Status)
	}
	e.publishDefault(id)
	if r := e.getAs(nil, path, "en"); r.Status != http.StatusOK || r.Body != string(pdf) {
		t.Fatalf("published attachment: %d", r.Status)
	}
	if r := e.postForm(e.officer, path+"/delete", "en", url.Values{}); r.Status != http.StatusConflict {
		t.Fatalf("delete after publication: %d", r.Status)
	}
	citizen := e.login(e.user("citizen@example.test", agora.RoleParticipant))
	if r := e.upload(citizen, "/consultations/"+id+"/files", "en", nil, "attachment", "x.txt", []byte("x")); r.Status != http.StatusForbidden {
		t.Fatalf("citizen attached a file to the consultation: %d", r.Status)
	}
	if r := e.getAs(nil, "/consultations/"+id+"/files/nope", "en"); r.Status != http.StatusNotFound {
		t.Fatalf("unknown file: %d", r.Status)
	}
}

func TestAuthorRuleSets(t *testing.T) {
	e := newAuthorEnv(t, agora.PL)
	path := "/orgs/" + e.a.Org.ID + "/rule-sets"
	r := e.getAs(e.officer, path, "pl")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, e.cat.T("pl", "legal.ruleset.pl_opp_local.name", nil)) {
		t.Fatalf("rule sets page: %d\n%s", r.Status, r.Body)
	}
	v := url.Values{"name": {"Uchwała nr XII/85/2024 Rady Miasta"}, "source": {"Uchwała nr XII/85/2024 Rady Miasta Toruń"},
		"comments.days": {"0"}, "comments.unit": {"calendar"}, "adoption.days": {"x"}, "adoption.unit": {"working"}}
	r = e.postForm(e.officer, path, "pl", v)
	if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="f-comments-error"`) ||
		!strings.Contains(r.Body, e.cat.T("pl", "field.invalid_number", nil)) {
		t.Fatalf("invalid rule set: %d\n%s", r.Status, r.Body)
	}
	v.Set("comments.days", "21")
	v.Set("adoption.days", "")
	v["duties"] = []string{"consultation_report", "minutes"}
	if r = e.postForm(e.officer, path, "pl", v); r.Status != http.StatusSeeOther {
		t.Fatalf("save rule set: %d\n%s", r.Status, r.Body)
	}
	rows, _ := e.st.RuleSets(context.Background(), e.a.Org.ID)
	if len(rows) != 1 || !strings.Contains(rows[0].Params, `"days":21`) {
		t.Fatalf("stored: %+v", rows)
	}
	if r := e.getAs(e.officer, path+"?edit="+rows[0].ID, "pl"); r.Status != http.StatusOK || !strings.Contains(r.Body, `value="21"`) {
		t.Fatalf("edit rule set form: %d", r.Status)
	}
	v.Set("rule_set", rows[0].ID)
	v.Set("comments.days", "30")
	if r = e.postForm(e.officer, path, "pl", v); r.Status != http.StatusSeeOther {
		t.Fatalf("update rule set: %d\n%s", r.Status, r.Body)
	}
	// The new consultation form offers it, and publishing checks its 30 days.
	if r := e.getAs(e.officer, "/consultations/new", "pl"); !strings.Contains(r.Body, `value="`+rows[0].ID+`"`) {
		t.Fatalf("custom rule set not offered")
	}
	form := createForm()
	form.Set("act_kind", "uchwala")
	form.Set("rule_set_id", rows[0].ID)
	form.Set("regions", "12")
	r = e.upload(e.officer, "/consultations", "pl", form, "", "", nil)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("create with custom rule set: %d\n%s", r.Status, r.Body)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(r.Location, "/consultations/"), "/text")
	dates := e.proposedDates(id)
	if d, c := dates.Get("opens_on"), dates.Get("comments_close_on"); d >= c {
		t.Fatalf("proposed %v", dates)
	}
	stranger := e.login(e.user("stranger@example.test", agora.RoleParticipant))
	if r := e.postForm(stranger, path, "pl", v); r.Status != http.StatusForbidden {
		t.Fatalf("stranger changed rule sets: %d", r.Status)
	}
}

func FuzzRuleSetFromForm(f *testing.F) {
	f.Add("Uchwała", "Uchwała nr 1", "14", "calendar", "", "30", "working", "minutes")
	f.Add("", "", "x", "weeks", "0", "-1", "", "nope")
	f.Fuzz(func(t *testing.T, name, source, days, unit, def, adoption, aunit, duty string) {
		form := &Form{Values: map[string]string{"name": name, "source": source, "comments.days": days, "comments.unit": unit,
			"comments.default": def, "adoption.days": adoption, "adoption.unit": aunit}}
		rs, err := ruleSetFromForm(form, []string{duty}, "custom-set", agora.PL)
		if err == nil {
			if rs.Comments.Days < 1 || rs.Validate() != nil {
				t.Fatalf("accepted an invalid rule set: %+v", rs)
			}
			return
		}
		if agora.KindOf(err) != agora.Invalid || len(agora.FieldErrors(err)) == 0 {
			t.Fatalf("error without fields: %v", err)
		}
	})
}

func FuzzDecodePublishForm(f *testing.F) {
	f.Add("2026-03-02", "2026-03-12", "2026-04-14", "1", "justificare")
	f.Add("2026-02-30", "", "x", "", "")
	f.Fuzz(func(t *testing.T, opens, closes, adoption, emergency, exception string) {
		form := &Form{Values: map[string]string{"opens_on": opens, "comments_close_on": closes, "earliest_adoption": adoption,
			"emergency": emergency, "exception": exception}}
		today := legal.NewDate(2026, time.March, 2)
		p, es := decodePublishForm(form, agora.RO, today)
		if len(es) == 0 && (p.Opens.Before(today) || p.Close.Before(p.Opens) || !p.Adoption.Valid()) {
			t.Fatalf("accepted %+v", p)
		}
	})
}
