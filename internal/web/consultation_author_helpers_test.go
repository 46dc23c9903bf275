package web

import (
	"bytes"
	"context"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/storetest"
)

// authorEnv is a web server with a Romanian authority, its verified
// officer signed in, and two domains to choose from.
type authorEnv struct {
	*testEnv
	a       storetest.Authority
	officer *http.Client
}

func newAuthorEnv(t *testing.T, country agora.Country) *authorEnv {
	t.Helper()
	e := newTestEnv(t)
	if _, err := e.st.UpsertDomains(context.Background(), []agora.Domain{
		{Slug: "mediu", Names: map[string]string{"ro": "Mediu", "pl": "Środowisko", "en": "Environment"}},
		{Slug: "social", Names: map[string]string{"ro": "Social", "pl": "Pomoc społeczna", "en": "Social"}},
	}); err != nil {
		t.Fatal(err)
	}
	a := storetest.NewAuthority(t, e.st, country, "auth"+strings.ToLower(string(country)))
	return &authorEnv{testEnv: e, a: a, officer: e.login(a.Officer)}
}

// response is what a test looks at after a request.
type response struct {
	Status   int
	Body     string
	Location string
	Header   http.Header
}

// send makes a request in lang with a same-origin browser's headers.
func (e *authorEnv) send(c *http.Client, method, path, lang string, body io.Reader, ctype string) response {
	e.t.Helper()
	if c != nil && c == e.officer {
		// A signed-in person's own setting wins over the query.
		if err := e.st.SetUserLang(context.Background(), e.a.Officer.ID, lang); err != nil {
			e.t.Fatal(err)
		}
	}
	sep := "?"
	if strings.Contains(path, "?") {
		sep = "&"
	}
	req, err := http.NewRequest(method, e.ts.URL+path+sep+"lang="+lang, body)
	if err != nil {
		e.t.Fatal(err)
	}
	if ctype != "" {
		req.Header.Set("Content-Type", ctype)
	}
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Accept-Language", lang)
	if c == nil {
		c = e.client()
	}
	resp, err := c.Do(req)
	if err != nil {
		e.t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return response{Status: resp.StatusCode, Body: string(b), Location: resp.Header.Get("Location"), Header: resp.Header}
}

func (e *authorEnv) getAs(c *http.Client, path, lang string) response {
	return e.send(c, "GET", path, lang, nil, "")
}

func (e *authorEnv) postForm(c *http.Client, path, lang string, v url.Values) response {
	return e.send(c, "POST", path, lang, strings.NewReader(v.Encode()), "application/x-www-form-urlencoded")
}

// upload posts a multipart form with one file (none when name is "").
func (e *authorEnv) upload(c *http.Client, path, lang string, v url.Values, field, name string, data []byte) response {
	e.t.Helper()
	var buf bytes.Buffer
	mw := multipart.NewWriter(&buf)
	for k, vs := range v {
		for _, x := range vs {
			_ = mw.WriteField(k, x)
		}
	}
	if name != "" {
		fw, err := mw.CreateFormFile(field, name)
		if err != nil {
			e.t.Fatal(err)
		}
		_, _ = fw.Write(data)
	}
	_ = mw.Close()
	return e.send(c, "POST", path, lang, &buf, mw.FormDataContentType())
}

// draftText is a short Romanian draft with an article, paragraphs and a
// letter.
const draftText = `Art. 1 - Obiectul hotărârii
(1) Prezenta hotărâre stabilește regulile de parcare.
(2) Regulile se aplică:
a) pe străzile municipiului;
b) în parcările publice.
Art. 2
Hotărârea intră în vigoare la data publicării.
`

// createForm is a valid creation form of a Romanian local decision.
func createForm() url.Values {
	return url.Values{
		"title": {"Proiect de hotărâre privind parcările publice"}, "act_kind": {"hotarare_consiliu_local"},
		"rule_set_id": {"ro-law52"}, "summary": {"Reguli **noi** de parcare."}, "contact_name": {"Ana Popescu"},
		"contact_email": {"ana@primaria.test"}, "domains": {"mediu"}, "regions": {"127"}, "text": {draftText},
	}
}

// createDraft creates a consultation through the form and returns its id.
func (e *authorEnv) createDraft() string {
	e.t.Helper()
	r := e.upload(e.officer, "/consultations", "en", createForm(), "", "", nil)
	if r.Status != http.StatusSeeOther || !strings.HasSuffix(r.Location, "/text") {
		e.t.Fatalf("create: %d %s\n%s", r.Status, r.Location, r.Body)
	}
	return strings.TrimSuffix(strings.TrimPrefix(r.Location, "/consultations/"), "/text")
}
