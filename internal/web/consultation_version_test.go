package web

import (
	"context"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/draft"
)

// secondVersion adds a definitions article in front, so articles 1 and
// 2 become 2 and 3, and drops article 1's alin. (2) with its letter.
func secondVersion() string {
	return draft.Format([]agora.Unit{
		{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Heading: "Definiții", Text: "În sensul prezentei hotărâri, termenii au următoarele înțelesuri."},
		{Key: "art-2", Kind: agora.UnitArticle, Number: "2", Heading: "Obiect", Text: "Prezenta hotărâre stabilește procedura."},
		{Key: "art-2.par-1", ParentKey: "art-2", Kind: agora.UnitParagraph, Number: "(1)", Text: "Consultarea se face public.", Depth: 1},
		{Key: "art-3", Kind: agora.UnitArticle, Number: "3", Text: "Hotărârea intră în vigoare la 30 de zile de la publicare."},
	}, draft.CountryRO)
}

func TestNewVersionCarriesComments(t *testing.T) {
	t.Parallel()
	e := newAnswerEnv(t, agora.RO)
	// After the deadline and the answers: that is what version 2 is for.
	e.pastDeadline()
	e.answerAll()
	if code, _ := e.post(e.officer, e.path("answers", "publish"), nil); code != http.StatusSeeOther {
		t.Fatalf("publish answers = %d", code)
	}
	code, body := e.get(e.officer, e.path("versions", "new"))
	if code != http.StatusOK || !strings.Contains(body, "Termenul este de 10 zile") {
		t.Fatalf("new version form = %d\n%.2000s", code, body)
	}
	for name, c := range map[string]*http.Client{"participant": e.login(e.p1), "admin": e.login(e.auth.Admin)} {
		if code, _ := e.get(c, e.path("versions", "new")); code != http.StatusForbidden {
			t.Errorf("%s opens the version form: %d", name, code)
		}
		if code, _ := e.post(c, e.path("versions", "new"), url.Values{"text": {secondVersion()}}); code != http.StatusForbidden {
			t.Errorf("%s posts a version: %d", name, code)
		}
	}
	// Empty text: the form comes back with the field named, nothing changes.
	if code, body := e.post(e.officer, e.path("versions", "new"), url.Values{"text": {"  "}}); code != http.StatusUnprocessableEntity || !strings.Contains(body, `id="f-text-error"`) {
		t.Fatalf("empty version = %d\n%.1500s", code, body)
	}
	code, body = e.post(e.officer, e.path("versions", "new"), url.Values{"text": {secondVersion()}, "note": {"Am adăugat definițiile; <b>alin. (2)</b> a fost eliminat."}})
	if code != http.StatusSeeOther {
		t.Fatalf("new version = %d\n%.2000s", code, body)
	}
	c, _ := e.st.Consultation(context.Background(), e.c.ID)
	if c.Version != 2 || c.State != agora.ConsultationAnswered {
		t.Fatalf("after version 2: version %d state %s", c.Version, c.State)
	}
	// The public version page marks what changed and lists what went.
	code, body = e.get(nil, e.path("versions", "2"))
	if code != http.StatusOK || !strings.Contains(body, "Definiții") || !strings.Contains(body, "Renumerotat") ||
		!strings.Contains(body, "Eliminate din versiunea anterioară") || !strings.Contains(body, "&lt;b&gt;alin. (2)&lt;/b&gt;") ||
		!strings.Contains(body, `/units/art-1.par-2/changes?v=2`) {
		t.Fatalf("version 2 page = %d\n%.4000s", code, body)
	}
	if code, _ := e.get(nil, e.path("versions", "3")); code != http.StatusNotFound {
		t.Fatalf("version 3 = %d", code)
	}
	if code, _ := e.get(nil, e.path("versions", "1")); code != http.StatusOK {
		t.Fatalf("version 1 = %d", code)
	}
	// The renumbered, edited article: a redline and the comment carried to it.
	code, body = e.get(nil, e.path("units", "art-3", "changes"))
	if code != http.StatusOK || !strings.Contains(body, "<del>") || !strings.Contains(body, "<ins>") ||
		!strings.Contains(body, answerBodies[2].body) || !strings.Contains(body, "Renumerotat") {
		t.Fatalf("changes of art. 3 = %d\n%.4000s", code, body)
	}
	// The vanished paragraph keeps its page with the comments lost with it.
	code, body = e.get(nil, e.path("units", "art-1.par-2", "changes")+"?v=2")
	if code != http.StatusOK || !strings.Contains(body, "a fost eliminată în versiunea 2") || !strings.Contains(body, answerBodies[0].body) ||
		!strings.Contains(body, answerBodies[1].body) || !strings.Contains(body, "Eliminat") {
		t.Fatalf("changes of the vanished paragraph = %d\n%.4000s", code, body)
	}
	for _, p := range []string{e.path("units", "art-9", "changes"), e.path("units", "art-3", "changes") + "?v=x", e.path("units", "art-3", "changes") + "?v=7"} {
		if code, _ := e.get(nil, p); code != http.StatusNotFound {
			t.Errorf("GET %s = %d, want 404", p, code)
		}
	}
	// The report groups by the unit the comment was made on, named with its version.
	if _, body := e.get(nil, e.path("report")); !strings.Contains(body, "Art. 1 alin. (2) (versiunea 1)") {
		t.Fatalf("report after version 2\n%.3000s", body)
	}
}

func TestNewVersionRefusedOnDraft(t *testing.T) {
	t.Parallel()
	e := newAnswerEnv(t, agora.RO)
	d, err := e.st.CreateConsultation(context.Background(), e.auth.Officer.ID, e.auth.Org.ID, agora.ConsultationInput{Title: "Proiect în lucru", ActKind: "ordin"},
		[]agora.Unit{{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Text: "Text."}}, "text")
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := e.get(e.officer, consultationPath(d.ID, "versions", "new")); code != http.StatusConflict {
		t.Fatalf("version form of a draft = %d", code)
	}
	// A draft's versions are not public.
	if code, _ := e.get(nil, consultationPath(d.ID, "versions", "1")); code != http.StatusNotFound {
		t.Fatalf("draft version page = %d", code)
	}
}
