package web

import (
	"encoding/xml"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"
)

// atomDoc is what a feed reader needs from an Atom document (RFC 4287
// §4.1.1, §4.1.2): parsed independently of the writer's structs.
type atomDoc struct {
	XMLName xml.Name `xml:"http://www.w3.org/2005/Atom feed"`
	ID      string   `xml:"id"`
	Title   string   `xml:"title"`
	Updated string   `xml:"updated"`
	Author  []struct {
		Name string `xml:"name"`
	} `xml:"author"`
	Links []struct {
		Rel  string `xml:"rel,attr"`
		Href string `xml:"href,attr"`
	} `xml:"link"`
	Entries []struct {
		ID      string `xml:"id"`
		Title   string `xml:"title"`
		Updated string `xml:"updated"`
		Author  []struct {
			Name string `xml:"name"`
		} `xml:"author"`
		Links []struct {
			Rel  string `xml:"rel,attr"`
			Href string `xml:"href,attr"`
		} `xml:"link"`
		Summary struct {
			Type string `xml:"type,attr"`
			Body string `xml:",chardata"`
		} `xml:"summary"`
	} `xml:"entry"`
}

func (e *testEnv) getRaw(path string) *http.Response {
	e.t.Helper()
	resp, err := http.Get(e.ts.URL + path)
	if err != nil {
		e.t.Fatal(err)
	}
	return resp
}

func TestConsultationFeed(t *testing.T) {
	f := newFollowFixture(t)
	resp := f.getRaw("/consultations/feed")
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || !strings.HasPrefix(resp.Header.Get("Content-Type"), "application/atom+xml") {
		t.Fatalf("feed: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	var doc atomDoc
	if err := xml.Unmarshal(body, &doc); err != nil {
		t.Fatalf("feed does not parse: %v\n%s", err, body)
	}
	if doc.ID != "http://agora.test/consultations/feed" || doc.Title == "" || len(doc.Author) != 1 || doc.Author[0].Name == "" {
		t.Errorf("feed head: id %q title %q author %+v", doc.ID, doc.Title, doc.Author)
	}
	if _, err := time.Parse(time.RFC3339, doc.Updated); err != nil {
		t.Errorf("feed updated %q: %v", doc.Updated, err)
	}
	rels := map[string]string{}
	for _, l := range doc.Links {
		rels[l.Rel] = l.Href
	}
	if rels["self"] != "http://agora.test/consultations/feed" || rels["alternate"] != "http://agora.test/consultations" {
		t.Errorf("feed links %v", rels)
	}
	if len(doc.Entries) != 3 {
		t.Fatalf("%d entries, want 3 (no draft)", len(doc.Entries))
	}
	ids := map[string]bool{}
	for _, e := range doc.Entries {
		if ids[e.ID] || !strings.HasPrefix(e.ID, "http://agora.test/consultations/") || e.Title == "" || len(e.Author) != 1 || e.Author[0].Name == "" {
			t.Errorf("entry %+v", e)
		}
		ids[e.ID] = true
		if _, err := time.Parse(time.RFC3339, e.Updated); err != nil {
			t.Errorf("entry updated %q", e.Updated)
		}
		if len(e.Links) != 1 || e.Links[0].Rel != "alternate" || e.Links[0].Href != e.ID {
			t.Errorf("entry links %+v", e.Links)
		}
		if e.Summary.Type != "text" || !strings.Contains(e.Summary.Body, "Rezumat; cu virgule") {
			t.Errorf("entry summary %+v", e.Summary)
		}
		if strings.Contains(e.Title, "Ciornă") {
			t.Error("the feed shows a draft")
		}
	}
	// The hostile title survives as text: escaped in the XML, intact once parsed.
	if strings.Contains(string(body), "<script>") || !ids["http://agora.test/consultations/"+f.hostileTitleOpen.ID] {
		t.Error("hostile title not escaped in the feed")
	}
	found := false
	for _, e := range doc.Entries {
		found = found || e.Title == hostileTitle
	}
	if !found {
		t.Error("hostile title did not round-trip as text")
	}

	// Per authority.
	resp = f.getRaw("/consultations/feed?org=" + f.pl.Org.ID)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	doc = atomDoc{}
	if err := xml.Unmarshal(body, &doc); err != nil || len(doc.Entries) != 1 || doc.Entries[0].Title != f.upcoming.Title ||
		!strings.Contains(doc.Title, f.pl.Org.Name) || doc.ID != "http://agora.test/consultations/feed?org="+f.pl.Org.ID {
		t.Errorf("authority feed: %v %+v", err, doc)
	}
	// An authority without consultations still gives a valid, empty feed.
	resp = f.getRaw("/consultations/feed?org=" + f.ro.Admin.ID)
	body, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	doc = atomDoc{}
	if err := xml.Unmarshal(body, &doc); err != nil || len(doc.Entries) != 0 || doc.Updated == "" {
		t.Errorf("empty feed: %v %+v", err, doc)
	}
	if resp := f.getRaw("/consultations/feed?phase=never"); resp.StatusCode != http.StatusUnprocessableEntity {
		t.Errorf("bad filter: %d", resp.StatusCode)
	}
}
