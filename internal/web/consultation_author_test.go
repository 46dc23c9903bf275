package web

import (
	"context"
	"html"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/draft"
	"github.com/agora-civic/agora/internal/storetest"
)

const aknSamples = "../../../shared/data/akn/legaldocml"

func TestAuthorCreateFromPastedText(t *testing.T) {
	e := newAuthorEnv(t, agora.RO)
	r := e.getAs(e.officer, "/consultations/new", "ro")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, `name="act_kind"`) || !strings.Contains(r.Body, e.cat.T("ro", "consultation.act_kind.hotarare_consiliu_local", nil)) ||
		!strings.Contains(r.Body, e.cat.T("ro", "legal.ruleset.ro_law52.name", nil)) || !strings.Contains(r.Body, "Cluj") || !strings.Contains(r.Body, "Mediu") {
		t.Fatalf("new form: %d\n%s", r.Status, r.Body)
	}
	id := e.createDraft()
	c, err := e.st.Consultation(context.Background(), id)
	if err != nil || c.State != agora.ConsultationDraft || c.OrgID != e.a.Org.ID || c.RuleSetID != "ro-law52" ||
		len(c.Domains) != 1 || c.Regions[0] != "127" || c.ContactEmail != "ana@primaria.test" {
		t.Fatalf("created: %v %+v", err, c)
	}
	units, _ := e.st.ConsultationUnits(context.Background(), id, 1)
	if len(units) < 5 || units[0].Kind != agora.UnitArticle || units[0].Heading == "" {
		t.Fatalf("units: %+v", units)
	}
	r = e.getAs(e.officer, "/consultations/"+id+"/text", "ro")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "art-1.par-2.let-a") || !strings.Contains(r.Body, "Articol") ||
		!strings.Contains(r.Body, html.EscapeString("pe străzile municipiului;")) {
		t.Fatalf("text page: %d\n%s", r.Status, r.Body)
	}
	r = e.getAs(e.officer, "/consultations/mine", "ro")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "/consultations/"+id+"/publish") {
		t.Fatalf("mine: %d\n%s", r.Status, r.Body)
	}
}

func TestAuthorCreateValidationTranslatedAndNothingCreated(t *testing.T) {
	e := newAuthorEnv(t, agora.RO)
	for _, lang := range []string{"ro", "pl", "en"} {
		v := createForm()
		v.Set("title", "")
		v.Set("act_kind", "ustawa") // a Polish kind for a Romanian authority
		v.Set("rule_set_id", "pl-government")
		v.Set("text", "")
		r := e.upload(e.officer, "/consultations", lang, v, "", "", nil)
		if r.Status != http.StatusUnprocessableEntity {
			t.Fatalf("%s: status %d", lang, r.Status)
		}
		for _, key := range []string{"field.required", "field.invalid_choice", "consultation_author.error.text_required"} {
			if msg := e.cat.T(lang, key, nil); !strings.Contains(r.Body, html.EscapeString(msg)) {
				t.Errorf("%s: %s (%q) not shown", lang, key, msg)
			}
		}
		if !strings.Contains(r.Body, `value="`+html.EscapeString("ana@primaria.test")+`"`) {
			t.Errorf("%s: typed values lost", lang)
		}
	}
	if list, _ := e.st.OrgConsultations(context.Background(), []string{e.a.Org.ID}, 0); len(list) != 0 {
		t.Fatalf("invalid forms created consultations: %+v", list)
	}
}

func TestAuthorImportAkomaNtoso(t *testing.T) {
	e := newAuthorEnv(t, agora.RO)
	data, err := os.ReadFile(filepath.Join(aknSamples, "v3", "us_Act_2011-11-29.xml"))
	if err != nil {
		t.Skip("shared data not present:", err)
	}
	want, _, err := draft.ParseAKN(strings.NewReader(string(data)), draft.Limits{})
	if err != nil {
		t.Fatal(err)
	}
	v := createForm()
	v.Del("text")
	r := e.upload(e.officer, "/consultations", "en", v, "file", "us_Act_2011-11-29.xml", data)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("AKN import: %d\n%s", r.Status, r.Body)
	}
	id := strings.TrimSuffix(strings.TrimPrefix(r.Location, "/consultations/"), "/text")
	units, _ := e.st.ConsultationUnits(context.Background(), id, 1)
	if len(units) != len(want) || units[0].Key != want[0].Key {
		t.Fatalf("imported %d units, parser gives %d", len(units), len(want))
	}
	if f, _ := e.st.ConsultationSourceFormat(context.Background(), id, 1); f != formatAKN {
		t.Fatalf("source format %q", f)
	}
}

func TestAuthorMalformedFileCreatesNothing(t *testing.T) {
	e := newAuthorEnv(t, agora.RO)
	data, err := os.ReadFile(filepath.Join(aknSamples, "invalid", "sameXmlId.INVALID-duplicate-xml-id.xml"))
	if err != nil {
		t.Skip("shared data not present:", err)
	}
	_, _, perr := draft.ParseAKN(strings.NewReader(string(data)), draft.Limits{})
	pe := agora.AsError(perr)
	if pe.Key != draft.KeyAKNDuplicateID || pe.Args["line"] == nil {
		t.Fatalf("parser error: %v %+v", perr, pe)
	}
	for _, lang := range []string{"ro", "pl", "en"} {
		v := createForm()
		v.Del("text")
		r := e.upload(e.officer, "/consultations", lang, v, "file", "proiect.xml", data)
		msg := e.cat.T(lang, pe.Key, pe.Args)
		if r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, html.EscapeString(msg)) || !strings.Contains(r.Body, `id="f-file-error"`) {
			t.Fatalf("%s: malformed AKN: %d, want the parser's message %q\n%s", lang, r.Status, msg, r.Body)
		}
	}
	// A text with a marker and no number, and a file of a wrong type.
	v := createForm()
	v.Set("text", "Art.\nFără număr.")
	if r := e.upload(e.officer, "/consultations", "en", v, "", "", nil); r.Status != http.StatusUnprocessableEntity || !strings.Contains(r.Body, `id="f-text-error"`) {
		t.Fatalf("unnumbered article: %d\n%s", r.Status, r.Body)
	}
	if r := e.upload(e.officer, "/consultations", "en", createForm(), "file", "proiect.exe", []byte("MZ")); r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("exe draft: %d", r.Status)
	}
	if list, _ := e.st.OrgConsultations(context.Background(), []string{e.a.Org.ID}, 0); len(list) != 0 {
		t.Fatalf("malformed drafts created consultations: %+v", list)
	}
}

func TestAuthorOnlyOfficersOfTheAuthority(t *testing.T) {
	e := newAuthorEnv(t, agora.RO)
	id := e.createDraft()
	other := storetest.NewAuthority(t, e.st, agora.RO, "other")
	stranger := e.login(other.Officer)
	citizen := e.login(e.user("citizen@example.test", agora.RoleParticipant))
	admin := e.login(e.a.Admin)
	for _, c := range []struct {
		name   string
		client *http.Client
		path   string
		want   int
	}{
		{"citizen new", citizen, "/consultations/new", http.StatusForbidden},
		{"admin new", admin, "/consultations/new", http.StatusForbidden},
		{"citizen mine", citizen, "/consultations/mine", http.StatusForbidden},
		{"anonymous new", nil, "/consultations/new", http.StatusSeeOther},
		{"stranger edit", stranger, "/consultations/" + id + "/edit", http.StatusNotFound},
		{"stranger text", stranger, "/consultations/" + id + "/text", http.StatusNotFound},
		{"stranger publish", stranger, "/consultations/" + id + "/publish", http.StatusNotFound},
		{"admin edit draft", admin, "/consultations/" + id + "/edit", http.StatusNotFound},
		{"citizen rule sets", citizen, "/orgs/" + e.a.Org.ID + "/rule-sets", http.StatusForbidden},
		{"stranger rule sets", stranger, "/orgs/" + e.a.Org.ID + "/rule-sets", http.StatusForbidden},
	} {
		if r := e.getAs(c.client, c.path, "en"); r.Status != c.want {
			t.Errorf("%s: GET %s = %d, want %d", c.name, c.path, r.Status, c.want)
		}
	}
	for _, c := range []struct {
		name   string
		client *http.Client
		path   string
		want   int
	}{
		{"citizen create", citizen, "/consultations", http.StatusForbidden},
		{"stranger edit", stranger, "/consultations/" + id + "/edit", http.StatusNotFound},
		{"stranger publish", stranger, "/consultations/" + id + "/publish", http.StatusNotFound},
		{"stranger text", stranger, "/consultations/" + id + "/text", http.StatusNotFound},
		{"anonymous publish", nil, "/consultations/" + id + "/publish", http.StatusUnauthorized},
	} {
		if r := e.postForm(c.client, c.path, "en", createForm()); r.Status != c.want {
			t.Errorf("%s: POST %s = %d, want %d", c.name, c.path, r.Status, c.want)
		}
	}
	// The other authority's officer cannot pick this authority either.
	v := createForm()
	v.Set("org", e.a.Org.ID)
	if r := e.upload(stranger, "/consultations", "en", v, "", "", nil); r.Status != http.StatusForbidden {
		t.Fatalf("stranger created for another authority: %d", r.Status)
	}
	if c, _ := e.st.Consultation(context.Background(), id); c.State != agora.ConsultationDraft {
		t.Fatalf("draft changed by outsiders: %+v", c)
	}
}

func TestAuthorCorrectDraftText(t *testing.T) {
	e := newAuthorEnv(t, agora.RO)
	id := e.createDraft()
	page := e.getAs(e.officer, "/consultations/"+id+"/text", "en")
	start := strings.Index(page.Body, `name="text"`)
	if start < 0 {
		t.Fatalf("no text area:\n%s", page.Body)
	}
	corrected := strings.Replace(draftText, "Art. 2", "Art. 2 - Intrarea în vigoare", 1) + "Art. 3\nArticol nou.\n"
	r := e.upload(e.officer, "/consultations/"+id+"/text", "en", url.Values{"text": {corrected}}, "", "", nil)
	if r.Status != http.StatusSeeOther {
		t.Fatalf("replace: %d\n%s", r.Status, r.Body)
	}
	units, _ := e.st.ConsultationUnits(context.Background(), id, 1)
	if last := units[len(units)-1]; last.Key != "art-3" || last.Text != "Articol nou." {
		t.Fatalf("replaced units: %+v", units)
	}
	before := len(units)
	r = e.upload(e.officer, "/consultations/"+id+"/text", "en", url.Values{"text": {"Art.\nx"}}, "", "", nil)
	if r.Status != http.StatusUnprocessableEntity {
		t.Fatalf("bad text: %d", r.Status)
	}
	if units, _ := e.st.ConsultationUnits(context.Background(), id, 1); len(units) != before {
		t.Fatalf("a refused correction changed the text")
	}
	e.publishDefault(id)
	if r := e.upload(e.officer, "/consultations/"+id+"/text", "en", url.Values{"text": {corrected}}, "", "", nil); r.Status != http.StatusConflict {
		t.Fatalf("text replaced after publication: %d", r.Status)
	}
	if r := e.getAs(e.officer, "/consultations/"+id+"/text", "en"); r.Status != http.StatusOK || strings.Contains(r.Body, `name="text"`) {
		t.Fatalf("published text page offers correction: %d", r.Status)
	}
}

func TestAuthorEditBeforeAndAfterPublication(t *testing.T) {
	e := newAuthorEnv(t, agora.RO)
	id := e.createDraft()
	r := e.getAs(e.officer, "/consultations/"+id+"/edit", "en")
	if r.Status != http.StatusOK || !strings.Contains(r.Body, `value="mediu" checked`) || !strings.Contains(r.Body, `value="127" checked`) {
		t.Fatalf("edit form: %d\n%s", r.Status, r.Body)
	}
	v := createForm()
	v.Set("metadata", "1")
	v.Set("preview", "1")
	r = e.postForm(e.officer, "/consultations/"+id+"/edit", "en", v)
	if r.Status != http.StatusOK || !strings.Contains(r.Body, "<strong>noi</strong>") {
		t.Fatalf("preview: %d\n%s", r.Status, r.Body)
	}
	v.Del("preview")
	v.Set("title", "Proiect de hotărâre privind parcările din centru")
	if r = e.postForm(e.officer, "/consultations/"+id+"/edit", "en", v); r.Status != http.StatusSeeOther {
		t.Fatalf("edit: %d\n%s", r.Status, r.Body)
	}
	v.Set("contact_email", "not an email")
	if r = e.postForm(e.officer, "/consultations/"+id+"/edit", "en", v); r.Status != http.StatusUnprocessableEntity ||
		!strings.Contains(r.Body, e.cat.T("en", "field.invalid_email", nil)) {
		t.Fatalf("bad email: %d", r.Status)
	}
	e.publishDefault(id)
	r = e.getAs(e.officer, "/consultations/"+id+"/edit", "en")
	if !strings.Contains(r.Body, html.EscapeString(e.cat.T("en", "consultation_author.form.locked_notice", nil))) || strings.Contains(r.Body, `name="title"`) {
		t.Fatalf("published edit form still offers the title:\n%s", r.Body)
	}
	v = createForm()
	v.Set("metadata", "1")
	v.Set("title", "Titlul încercat după publicare")
	v.Set("contact_phone", "0264 111 222")
	if r = e.postForm(e.officer, "/consultations/"+id+"/edit", "en", v); r.Status != http.StatusSeeOther {
		t.Fatalf("edit after publication: %d\n%s", r.Status, r.Body)
	}
	c, _ := e.st.Consultation(context.Background(), id)
	if c.Title != "Proiect de hotărâre privind parcările din centru" || c.ContactPhone != "0264 111 222" {
		t.Fatalf("after publication: title %q phone %q", c.Title, c.ContactPhone)
	}
}

func TestAuthorPagesRenderPayloadsInert(t *testing.T) {
	e := newAuthorEnv(t, agora.RO)
	for i, p := range badInput(t)["xss"] {
		v := createForm()
		v.Set("title", "Proiect "+p)
		v.Set("summary", p)
		v.Set("contact_name", p)
		v.Set("text", "Art. 1\n"+p)
		r := e.upload(e.officer, "/consultations", "en", v, "", "", nil)
		if r.Status != http.StatusSeeOther {
			if r.Status == http.StatusUnprocessableEntity {
				continue // refused as input (too long, control characters)
			}
			t.Fatalf("payload %d: %d", i, r.Status)
		}
		id := strings.TrimSuffix(strings.TrimPrefix(r.Location, "/consultations/"), "/text")
		for _, path := range []string{"/consultations/mine", "/consultations/" + id + "/text", "/consultations/" + id + "/edit", "/consultations/" + id + "/publish"} {
			body := e.getAs(e.officer, path, "en").Body
			for _, bad := range []string{"<script>document", "<img src=x", "<svg onload", "<iframe", `href="javascript:`} {
				if strings.Contains(body, bad) {
					t.Fatalf("payload %d rendered live on %s: %q", i, path, bad)
				}
			}
		}
	}
}
