package web

import (
	"net/http"
	"net/url"
	"regexp"
	"slices"
	"strings"
	"testing"
)

var lawResultLink = regexp.MustCompile(`<h3><a href="(/laws/[^"]+)"`)

// lawResults returns the result links of a search page.
func (e *lawEnv) lawResults(t *testing.T, q string) []string {
	t.Helper()
	code, body := e.get(nil, "/laws?q="+url.QueryEscape(q))
	if code != http.StatusOK {
		t.Fatalf("GET /laws?q=%s = %d\n%s", q, code, body)
	}
	var out []string
	for _, m := range lawResultLink.FindAllStringSubmatch(body, -1) {
		out = append(out, m[1])
	}
	slices.Sort(out)
	return out
}

func TestLawSearchIgnoresDiacriticsAndTheirVariants(t *testing.T) {
	t.Parallel()
	e := newLawEnv(t)
	for _, variants := range [][]string{
		{"autoritățile administrației publice", "autoritatile administratiei publice", "autoritãţile administraţiei publice", "AUTORITĂȚILE ADMINISTRAȚIEI Publice"},
		{"transparență decizională", "transparenta decizionala", "transparenţă decizională"},
		{"organizacji pozarządowych", "organizacji pozarzadowych", "ORGANIZACJI POZARZĄDOWYCH"},
	} {
		want := e.lawResults(t, variants[0])
		if len(want) == 0 {
			t.Errorf("%q finds nothing", variants[0])
			continue
		}
		for _, v := range variants[1:] {
			if got := e.lawResults(t, v); !slices.Equal(got, want) {
				t.Errorf("%q finds %d articles, %q %d", v, len(got), variants[0], len(want))
			}
		}
	}
	// Hits link to the article anchor on the act page and mark the words.
	code, body := e.get(nil, "/laws?q="+url.QueryEscape("dezbateri publice"))
	if code != 200 || !strings.Contains(body, `href="/laws/`+e.law52.ID+`#art-7"`) || !strings.Contains(body, "<mark>") {
		t.Errorf("search page: %d, no link to art-7 of Law 52/2003 or no <mark>", code)
	}
}

func TestLawSearchBadInputIsA400WithTheMessage(t *testing.T) {
	t.Parallel()
	e := newLawEnv(t)
	for q, key := range map[string]string{
		"q=" + url.QueryEscape(`"dezbateri publice`):     "search.error.unclosed_quote",
		"q=lege&year_from=abc":                           "search.error.bad_year",
		"q=lege&jurisdiction=XX":                         "search.error.bad_jurisdiction",
		"q=lege&page=0":                                  "lawweb.error.page",
		"q=lege&sort=random":                             "lawweb.error.sort",
		"q=lege&kind=" + url.QueryEscape("<script>"):     "lawweb.error.kind",
		"q=" + url.QueryEscape(strings.Repeat("a", 600)): "search.error.too_long",
	} {
		req, _ := http.NewRequest("GET", e.ts.URL+"/laws?"+q, nil)
		req.Header.Set("Accept-Language", "en")
		code, body := e.do(nil, req)
		msg := e.cat.T("en", key, map[string]any{"max": 512})
		if key == "lawweb.error.page" {
			msg = e.cat.T("en", key, map[string]any{"max": 51})
		}
		if code != http.StatusBadRequest || !strings.Contains(body, htmlEscaped(msg)) {
			t.Errorf("GET /laws?%s = %d, want 400 with %q", q, code, msg)
		}
		if strings.Contains(body, "<script>") {
			t.Errorf("GET /laws?%s echoes a script tag", q)
		}
	}
}

// htmlEscaped is s as html/template writes it in text.
func htmlEscaped(s string) string {
	return strings.NewReplacer(`"`, "&#34;", "'", "&#39;", "<", "&lt;", ">", "&gt;", "&", "&amp;").Replace(s)
}

func TestLawBrowseAndFilters(t *testing.T) {
	t.Parallel()
	e := newLawEnv(t)
	code, body := e.get(nil, "/laws")
	if code != 200 || !strings.Contains(body, e.citing.ID) {
		t.Fatalf("GET /laws = %d without the newest act", code)
	}
	_, body = e.get(nil, "/laws?jurisdiction=PL")
	if !strings.Contains(body, e.pozytek.ID) || strings.Contains(body, e.law52.ID) {
		t.Error("browsing Polish acts shows the wrong acts")
	}
	// A search filtered by jurisdiction only returns that jurisdiction.
	_, body = e.get(nil, "/laws?q=art&jurisdiction=RO&jurisdiction=PL&status=in_force")
	if strings.Contains(body, e.law52.ID) {
		t.Error("status filter ignored: Law 52/2003 has status unknown")
	}
}

func TestActPageShowsStructureCitationsAndBacklinks(t *testing.T) {
	t.Parallel()
	e := newLawEnv(t)
	code, body := e.get(nil, "/laws/"+e.law52.ID)
	if code != 200 {
		t.Fatalf("GET act = %d", code)
	}
	for _, want := range []string{
		`href="#art-7"`, `id="art-7.par-2"`, `id="cap-ii.sec-1"`, // table of contents and anchors
		`href="/laws/` + e.law52.ID + `/articles/art-7"`, // permanent link per article
		`http://agora.test/eli/ro/lege/2003/52`,          // ELI URI
		`href="/laws/` + e.citing.ID + `#art-1"`,         // cited by
		`/laws/` + e.law52.ID + `/print`,
	} {
		if !strings.Contains(body, want) {
			t.Errorf("act page lacks %s", want)
		}
	}
	code, body = e.get(nil, "/laws/"+e.citing.ID)
	if code != 200 {
		t.Fatalf("GET citing act = %d", code)
	}
	for _, want := range []string{
		`<a class="cite" href="/laws/` + e.law52.ID + `#art-7.par-2">art. 7 alin. (2) din Legea nr. 52/2003</a>`,
		`<a class="cite" href="/laws/` + e.citing.ID + `#art-2">art. 2</a>`, // relative, same act
	} {
		if !strings.Contains(body, want) {
			t.Errorf("citing act page lacks %s", want)
		}
	}
	if strings.Contains(body, `>Legii nr. 544/2001</a>`) {
		t.Error("a citation of an act not in the database became a link")
	}
	// Polish: cited by date and title, resolved to the act.
	_, body = e.get(nil, "/laws/"+e.pozytek.ID)
	if !strings.Contains(body, "Ustawa z dnia") || !strings.Contains(body, "2011") {
		t.Error("Polish act page lacks its backlink from 2011")
	}
	if code, _ := e.get(nil, "/laws/nope"); code != http.StatusNotFound {
		t.Errorf("GET unknown act = %d", code)
	}
}

func TestActPageKeepsHostileTextInert(t *testing.T) {
	t.Parallel()
	e := newLawEnv(t)
	for _, p := range []string{"/laws/" + e.citing.ID, "/laws/" + e.citing.ID + "/print", "/laws/" + e.citing.ID + "/articles/art-2",
		"/laws/" + e.law52.ID, "/laws?q=" + url.QueryEscape("document body remove"), "/laws"} {
		code, body := e.get(nil, p)
		if code != 200 {
			t.Fatalf("GET %s = %d", p, code)
		}
		for _, x := range badInput(t)["xss"] {
			if strings.ContainsAny(x, "<\"") && strings.Contains(body, x) {
				t.Errorf("GET %s contains the payload %q unescaped", p, x)
			}
		}
		if strings.Contains(body, `href="javascript:`) || strings.Contains(body, "<script>") {
			t.Errorf("GET %s has a live script", p)
		}
	}
}

func TestActArticlePageAndPrint(t *testing.T) {
	t.Parallel()
	e := newLawEnv(t)
	code, body := e.get(nil, "/laws/"+e.law52.ID+"/articles/art-7")
	if code != 200 {
		t.Fatalf("GET article = %d", code)
	}
	for _, want := range []string{`id="art-7.par-13"`, "Capitolul II", `rel="next"`, `href="/laws/` + e.citing.ID + `#art-1"`} {
		if !strings.Contains(body, want) {
			t.Errorf("article page lacks %s", want)
		}
	}
	if strings.Contains(body, `id="art-8"`) {
		t.Error("article page shows the next article's text")
	}
	if code, _ := e.get(nil, "/laws/"+e.law52.ID+"/articles/art-999"); code != http.StatusNotFound {
		t.Errorf("GET missing article = %d", code)
	}
	code, body = e.get(nil, "/laws/"+e.law52.ID+"/print")
	if code != 200 || !strings.Contains(body, `class="law-print"`) || !strings.Contains(body, `id="art-7.par-2"`) {
		t.Fatalf("print view = %d", code)
	}
	if strings.Contains(body, "<nav") || strings.Contains(body, `action="/logout"`) || strings.Contains(body, "site-footer") {
		t.Error("print view carries navigation")
	}
	// Older versions stay readable.
	if code, _ := e.get(nil, "/laws/"+e.law52.ID+"?version=1"); code != 200 {
		t.Errorf("GET version 1 = %d", code)
	}
	if code, _ := e.get(nil, "/laws/"+e.law52.ID+"?version=99"); code != http.StatusNotFound {
		t.Errorf("GET version 99 = %d", code)
	}
}

func TestELIRedirect(t *testing.T) {
	t.Parallel()
	e := newLawEnv(t)
	for path, want := range map[string]string{
		"/eli/ro/lege/2003/52":              "/laws/" + e.law52.ID,
		"/eli/RO/LEGE/2003/52/":             "/laws/" + e.law52.ID,
		"/eli/ro/lege/2003/52/art-7.par-2":  "/laws/" + e.law52.ID + "#art-7.par-2",
		"/eli/ro/lege/2003/52/art/7/alin/2": "/laws/" + e.law52.ID + "#art-7.par-2",
		"/eli/pl/du/2003/873/art/5/ust/2":   "/laws/" + e.pozytek.ID + "#art-5.par-2",
		"/eli/ro/lege/9999/1":               "",
		"/eli/ro/lege":                      "",
		"/eli/ro/lege/2003/52/art/7/zzz/2":  "",
		"/eli/ro/lege/2003/52/%3Cscript%3E": "",
	} {
		resp, err := e.client().Get(e.ts.URL + path)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if want == "" {
			if resp.StatusCode != http.StatusNotFound {
				t.Errorf("GET %s = %d, want 404", path, resp.StatusCode)
			}
			continue
		}
		if resp.StatusCode != http.StatusFound || resp.Header.Get("Location") != want {
			t.Errorf("GET %s = %d to %q, want %s", path, resp.StatusCode, resp.Header.Get("Location"), want)
		}
	}
}
