package web

import (
	"archive/tar"
	"bytes"
	"compress/gzip"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/search"
)

// sampleArchive packs the Romanian sample acts into a .tar.gz, plus one
// malformed document.
func sampleArchive(t *testing.T) []byte {
	t.Helper()
	files, err := filepath.Glob(filepath.Join(lawROSample, "*.json"))
	if err != nil || len(files) == 0 {
		t.Fatalf("samples: %v", err)
	}
	var buf bytes.Buffer
	zw := gzip.NewWriter(&buf)
	tw := tar.NewWriter(zw)
	add := func(name string, data []byte) {
		if err := tw.WriteHeader(&tar.Header{Name: name, Mode: 0o644, Size: int64(len(data))}); err != nil {
			t.Fatal(err)
		}
		if _, err := tw.Write(data); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		add("seed/"+filepath.Base(f), data)
	}
	add("seed/zz-broken.json", []byte("{\n  \"id\": \"law-doc-1\",\n  \"title\": \n}"))
	if err := tw.Close(); err != nil {
		t.Fatal(err)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// upload posts the import form with one file, as a same-origin browser.
func (e *testEnv) upload(c *http.Client, name string, data []byte, format string) (int, string) {
	e.t.Helper()
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	_ = mw.WriteField("format", format)
	fw, err := mw.CreateFormFile("file", name)
	if err != nil {
		e.t.Fatal(err)
	}
	_, _ = fw.Write(data)
	_ = mw.Close()
	req, _ := http.NewRequest("POST", e.ts.URL+"/admin/laws/import", &body)
	req.Header.Set("Content-Type", mw.FormDataContentType())
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	return e.do(c, req)
}

func TestLawImportUpload(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	admin := e.login(e.user("root@agora.test", agora.RoleAdmin))
	archive := sampleArchive(t)

	code, body := e.get(admin, "/admin/laws/import")
	if code != 200 || !strings.Contains(body, `enctype="multipart/form-data"`) {
		t.Fatalf("GET import page = %d", code)
	}
	code, body = e.upload(admin, "ro-laws.tar.gz", archive, "ansvar-json")
	if code != 200 {
		t.Fatalf("upload = %d\n%s", code, body)
	}
	// 20 files, two of them copies of Law 52/2003: 19 acts, one updated.
	for _, want := range []string{"<dd>20</dd>", "<dd>19</dd>", "ro-laws.tar.gz:seed/zz-broken.json"} {
		if !strings.Contains(body, want) {
			t.Errorf("summary lacks %s", want)
		}
	}
	if !regexp.MustCompile(`<td>\d+:\d+</td>`).MatchString(body) {
		t.Error("summary lacks the position of the malformed document")
	}
	if strings.Contains(body, os.TempDir()+"/agora-law-upload") {
		t.Error("summary shows the temporary path")
	}
	a, err := e.st.ActByKey(t.Context(), "ro/lege/2003/52")
	if err != nil {
		t.Fatalf("imported act: %v", err)
	}
	res, err := e.st.SearchLaws(t.Context(), search.Query{Text: "dezbateri publice"})
	if err != nil || res.Total == 0 {
		t.Errorf("search after upload = %d, %v", res.Total, err)
	}
	// The same upload again changes nothing.
	code, body = e.upload(admin, "ro-laws.tar.gz", archive, "ansvar-json")
	again, _ := e.st.ActByKey(t.Context(), "ro/lege/2003/52")
	if code != 200 || again.Version != a.Version || !strings.Contains(body, "<dd>0</dd>") {
		t.Errorf("second upload = %d, version %d → %d", code, a.Version, again.Version)
	}
	for name, form := range map[string][2]string{
		"no format":   {"a.json", "csv"},
		"unsafe name": {"../../etc/passwd", "ansvar-json"},
		"unknown ext": {"laws.exe", "ansvar-json"},
		"script name": {"<script>.json", "ansvar-json"},
	} {
		code, body := e.upload(admin, form[0], []byte("{}"), form[1])
		if code != http.StatusUnprocessableEntity || strings.Contains(body, "<script>.json") {
			t.Errorf("%s: upload = %d, want 422", name, code)
		}
	}
}

func TestLawImportNeedsAdmin(t *testing.T) {
	t.Parallel()
	e := newTestEnv(t)
	participant := e.login(e.user("ana@agora.test", agora.RoleParticipant))
	moderator := e.login(e.user("mod@agora.test", agora.RoleModerator))
	for name, c := range map[string]*http.Client{"participant": participant, "moderator": moderator} {
		if code, _ := e.get(c, "/admin/laws/import"); code != http.StatusForbidden {
			t.Errorf("%s GET = %d", name, code)
		}
		if code, _ := e.upload(c, "a.json", []byte("{}"), "ansvar-json"); code != http.StatusForbidden {
			t.Errorf("%s POST = %d", name, code)
		}
	}
	resp, err := e.client().Get(e.ts.URL + "/admin/laws/import")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusSeeOther {
		t.Errorf("anonymous GET = %d, want 303 to login", resp.StatusCode)
	}
	if code, _ := e.upload(nil, "a.json", []byte("{}"), "ansvar-json"); code != http.StatusUnauthorized {
		t.Errorf("anonymous POST = %d", code)
	}
	if acts, _ := e.st.ListActs(t.Context(), agora.ActFilter{}); len(acts.Acts) != 0 {
		t.Error("a refused upload imported acts")
	}
}

// FuzzLawSearchForm feeds arbitrary query strings to the search form
// decoder: it never panics, and a refusal is an Invalid error naming one
// of the form's fields.
func FuzzLawSearchForm(f *testing.F) {
	for _, s := range []string{"q=lege", "q=%22dezbateri+publice%22&sort=date", "q=organizac*+-wolontariat&jurisdiction=PL&jurisdiction=RO",
		"year_from=2000&year_to=1990", "page=51", "page=-1", "kind=lege&kind=ustawa&domain=social-services", "q=%ff", "status=in_force&status=x",
		"q=" + strings.Repeat("ș", 300), "sort=relevance&page=2"} {
		f.Add(s)
	}
	fields := map[string]bool{"q": true, "jurisdiction": true, "kind": true, "status": true, "domain": true, "year": true,
		"sort": true, "page": true, "limit": true, "offset": true}
	f.Fuzz(func(t *testing.T, raw string) {
		v, err := url.ParseQuery(raw)
		if err != nil {
			return
		}
		q, page, err := decodeLawSearch(v)
		if err != nil {
			if agora.KindOf(err) != agora.Invalid {
				t.Fatalf("decodeLawSearch(%q) = %v, want Invalid", raw, err)
			}
			for _, fe := range agora.FieldErrors(err) {
				if !fields[fe.Field] {
					t.Fatalf("decodeLawSearch(%q) names field %q", raw, fe.Field)
				}
			}
			return
		}
		if page < 1 || q.Offset != (page-1)*lawPerPage || q.Offset > search.MaxOffset || q.Limit != lawPerPage {
			t.Fatalf("decodeLawSearch(%q) = page %d offset %d limit %d", raw, page, q.Offset, q.Limit)
		}
	})
}
