package web

import (
	"encoding/json"
	"net/http"
	"net/url"
	"testing"
	"unicode/utf8"
)

type apiLawResultsDoc struct {
	Items []struct {
		ActID   string `json:"act_id"`
		Article *struct {
			UnitKey string `json:"unit_key"`
			Label   string `json:"label"`
		} `json:"article"`
		Snippet struct {
			Text       string `json:"text"`
			Highlights []struct{ Start, End int }
		} `json:"snippet"`
		URL string `json:"url"`
	} `json:"items"`
	Total      int     `json:"total"`
	NextCursor *string `json:"next_cursor"`
	Facets     struct {
		Jurisdiction []struct {
			Value string `json:"value"`
			Count int    `json:"count"`
		} `json:"jurisdiction"`
	} `json:"facets"`
}

func TestAPISearchLaws(t *testing.T) {
	t.Parallel()
	e := newLawEnv(t)
	r := e.call(nil, "GET", "/api/v1/laws/search?q="+url.QueryEscape("autoritatile publice")+"&jurisdiction=RO&limit=2", nil)
	if r.status != 200 {
		t.Fatalf("search = %d\n%s", r.status, r.body)
	}
	var res apiLawResultsDoc
	if err := json.Unmarshal(r.body, &res); err != nil {
		t.Fatal(err)
	}
	if len(res.Items) != 2 || res.Total < 3 || res.NextCursor == nil {
		t.Fatalf("search = %d items of %d, next %v", len(res.Items), res.Total, res.NextCursor)
	}
	it := res.Items[0]
	if it.Article == nil || it.Article.UnitKey == "" || it.URL != "http://agora.test/laws/"+it.ActID+"#"+it.Article.UnitKey {
		t.Errorf("hit = %+v", it)
	}
	if len(it.Snippet.Highlights) == 0 {
		t.Fatalf("no highlights in %q", it.Snippet.Text)
	}
	runes := []rune(it.Snippet.Text)
	h := it.Snippet.Highlights[0]
	if h.End > len(runes) || h.Start >= h.End || !utf8.ValidString(string(runes[h.Start:h.End])) {
		t.Errorf("highlight %v outside %q", h, it.Snippet.Text)
	}
	// The next page continues where the first ended.
	r2 := e.call(nil, "GET", "/api/v1/laws/search?q="+url.QueryEscape("autoritatile publice")+"&jurisdiction=RO&limit=2&cursor="+*res.NextCursor, nil)
	var res2 apiLawResultsDoc
	if err := json.Unmarshal(r2.body, &res2); err != nil || r2.status != 200 || len(res2.Items) == 0 || res2.Items[0].URL == it.URL {
		t.Errorf("second page = %d %+v", r2.status, res2.Items)
	}
	r3 := e.call(nil, "GET", "/api/v1/laws/search?q="+url.QueryEscape("autoritatile publice")+"&jurisdiction=RO&limit=2&offset=2", nil)
	if string(r3.body) != string(r2.body) {
		t.Error("offset=2 and the cursor give different pages")
	}
	for q, field := range map[string]string{
		"q=" + url.QueryEscape(`"x`): "q", "jurisdiction=DE": "jurisdiction", "year_from=2020&year_to=2000": "year",
		"sort=up": "sort", "limit=500": "limit", "cursor=zzz": "cursor", "offset=5000": "offset", "kind=nope": "kind",
		"colour=red": "colour", "status=x": "status",
	} {
		r := e.call(nil, "GET", "/api/v1/laws/search?"+q, nil)
		if r.status != http.StatusUnprocessableEntity || r.problemFields(t)[field] == "" {
			t.Errorf("search?%s = %d %s, want 422 on %s", q, r.status, r.body, field)
		}
	}
	if r := e.call(nil, "POST", "/api/v1/laws/search", nil); r.status != http.StatusMethodNotAllowed {
		t.Errorf("POST search = %d", r.status)
	}
}

func TestAPIActAndArticle(t *testing.T) {
	t.Parallel()
	e := newLawEnv(t)
	r := e.call(nil, "GET", "/api/v1/laws/"+e.law52.ID, nil)
	if r.status != 200 {
		t.Fatalf("act = %d\n%s", r.status, r.body)
	}
	m := r.json(t)
	if m["act_key"] != "ro/lege/2003/52" || m["eli"] != "http://agora.test/eli/ro/lege/2003/52" || len(m["toc"].([]any)) < 10 {
		t.Errorf("act = %v", m)
	}
	if r2 := e.call(nil, "GET", "/api/v1/laws/"+e.law52.ID, nil, "If-None-Match", r.header.Get("ETag")); r2.status != http.StatusNotModified {
		t.Errorf("conditional GET = %d", r2.status)
	}
	r = e.call(nil, "GET", "/api/v1/laws/"+e.law52.ID+"/articles/art-7", nil)
	if r.status != 200 {
		t.Fatalf("article = %d\n%s", r.status, r.body)
	}
	var art struct {
		Label   string `json:"label"`
		Units   []any  `json:"units"`
		CitedBy []struct {
			ActID    string `json:"act_id"`
			FromUnit string `json:"from_unit"`
		} `json:"cited_by"`
	}
	if err := json.Unmarshal(r.body, &art); err != nil {
		t.Fatal(err)
	}
	if art.Label != "Art. 7" || len(art.Units) != 14 || len(art.CitedBy) != 1 || art.CitedBy[0].ActID != e.citing.ID {
		t.Errorf("article = %s", r.body)
	}
	r = e.call(nil, "GET", "/api/v1/laws/"+e.citing.ID+"/articles/art-1", nil)
	var cit struct {
		Citations []struct {
			Text  string  `json:"text"`
			ActID *string `json:"act_id"`
			URL   *string `json:"url"`
		} `json:"citations"`
	}
	if err := json.Unmarshal(r.body, &cit); err != nil {
		t.Fatal(err)
	}
	resolved := map[string]bool{}
	for _, c := range cit.Citations {
		resolved[c.Text] = c.ActID != nil && c.URL != nil
	}
	if !resolved["art. 7 alin. (2) din Legea nr. 52/2003"] || resolved["Legii nr. 544/2001"] || !resolved["art. 2"] {
		t.Errorf("citations = %s", r.body)
	}
	for _, p := range []string{"/api/v1/laws/nope", "/api/v1/laws/" + e.law52.ID + "/articles/art-999"} {
		if r := e.call(nil, "GET", p, nil); r.status != http.StatusNotFound {
			t.Errorf("GET %s = %d", p, r.status)
		}
	}
	if r := e.call(nil, "GET", "/api/v1/laws/"+e.law52.ID+"?x=1", nil); r.status != http.StatusUnprocessableEntity {
		t.Errorf("unknown parameter = %d", r.status)
	}
}
