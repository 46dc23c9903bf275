package web

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

// orgForm is a complete registration of a Romanian association.
func orgForm(extra url.Values) url.Values {
	v := url.Values{
		"name": {"Asociația Prietenii Naturii"}, "kind": {"association"}, "country": {"RO"}, "tax_id": {"RO 4267117"},
		"region": {"RO-225"}, "locality": {"Iasi"}, "street": {"Str. Lăpușneanu 14"}, "postal_code": {"700057"},
		"website": {"apn.ro"}, "description": {"**Natura**"}, "domains": {"mediu", "educatie"},
	}
	for k, vs := range extra {
		v[k] = vs
	}
	return v
}

func TestOrgCreateFlow(t *testing.T) {
	t.Parallel()
	e := orgEnv(t)
	ctx := context.Background()
	ana := e.langUser("ana@agora.test", agora.RoleParticipant, "en")
	c := e.login(ana)

	// Anonymous visitors are sent to sign in; unconfirmed accounts may not.
	if code, _ := e.get(nil, "/orgs/new"); code != http.StatusSeeOther {
		t.Errorf("anonymous GET /orgs/new = %d, want 303 to login", code)
	}
	unconfirmed, err := e.st.CreateUser(ctx, storeNewUser("nobody@agora.test"))
	if err != nil {
		t.Fatal(err)
	}
	if code, _ := e.post(e.login(unconfirmed), "/orgs", orgForm(nil)); code != http.StatusForbidden {
		t.Errorf("unconfirmed POST /orgs = %d, want 403", code)
	}

	// Errors come back all at once, with the typed values kept.
	code, body := e.post(c, "/orgs", orgForm(url.Values{"tax_id": {"4267118"}, "website": {"http://169.254.169.254/"}, "postal_code": {"70005"}}))
	if code != http.StatusUnprocessableEntity {
		t.Fatalf("invalid POST = %d", code)
	}
	for _, key := range []string{"id.cui.checksum", "org.website.host", "org.postal_code.ro"} {
		if msg := e.cat.T("en", key, nil); !strings.Contains(body, msg) {
			t.Errorf("invalid POST: missing message %q", msg)
		}
	}
	if !strings.Contains(body, `value="Asociația Prietenii Naturii"`) || !strings.Contains(body, `aria-invalid="true"`) {
		t.Errorf("invalid POST lost the typed values or the error marks")
	}

	// Five villages called Slobozia in Iași county: choose one.
	code, body = e.post(c, "/orgs", orgForm(url.Values{"locality": {"slobozia"}}))
	opts := regexp.MustCompile(`<option value="(\d+)">Slobozia \(`).FindAllStringSubmatch(body, -1)
	if code != 422 || len(opts) != 5 || !strings.Contains(body, e.cat.T("en", "org.locality.choose", nil)) || !strings.Contains(body, `name="unit_choice"`) {
		t.Fatalf("ambiguous locality = %d with %d options", code, len(opts))
	}
	// A near name is offered, not taken.
	code, body = e.post(c, "/orgs", orgForm(url.Values{"locality": {"Pașc"}}))
	if code != 422 || !strings.Contains(body, `<option value="95408">Pașcani`) {
		t.Errorf("prefix locality = %d, want a suggestion of Pașcani", code)
	}

	code, body = e.post(c, "/orgs", orgForm(url.Values{"locality": {"slobozia"}, "unit_choice": {opts[2][1]}}))
	if code != http.StatusSeeOther {
		t.Fatalf("POST with a chosen locality = %d\n%.3000s", code, body)
	}
	code, body = e.post(c, "/orgs", orgForm(url.Values{"name": {"Alta"}, "tax_id": {""}}))
	if code != http.StatusSeeOther {
		t.Fatalf("valid POST = %d\n%.3000s", code, body)
	}
	page, _ := e.st.ListOrgs(ctx, agora.OrgFilter{Query: "Alta"})
	if len(page.Orgs) != 1 || page.Orgs[0].UnitCode != "95079" || page.Orgs[0].Website != "https://apn.ro" || page.Orgs[0].RegionCode != "225" {
		t.Fatalf("stored org = %+v", page.Orgs)
	}
	o := page.Orgs[0]
	if roles, _ := e.st.UserOrgRoles(ctx, ana.ID); roles[o.ID] != agora.OrgAdmin {
		t.Errorf("creator is %q, want admin", roles[o.ID])
	}
	// The same CUI twice is refused on the field.
	code, body = e.post(c, "/orgs", orgForm(url.Values{"name": {"Dublura"}}))
	if code != 422 || !strings.Contains(body, e.cat.T("en", "org.tax_id.taken", nil)) {
		t.Errorf("duplicate CUI = %d", code)
	}

	// Editing: the locality stays resolved while its name is unchanged.
	code, body = e.get(c, "/orgs/"+o.ID+"/edit")
	if code != 200 || !strings.Contains(body, `name="locality"`) {
		t.Fatalf("GET edit = %d", code)
	}
	edit := orgForm(url.Values{"name": {"Alta Asociație"}, "tax_id": {""}, "locality": {"Iași"}, "unit_code": {"95079"}, "region": {"RO-225"}})
	req, _ := newPost(e.ts.URL+"/orgs/"+o.ID+"/edit", edit)
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	resp, err := c.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 303 || resp.Header.Get("Location") != "/orgs/"+o.ID {
		t.Fatalf("POST edit = %d to %q", resp.StatusCode, resp.Header.Get("Location"))
	}
	o, _ = e.st.Org(ctx, o.ID)
	if o.Name != "Alta Asociație" || o.UnitCode != "95079" {
		t.Errorf("edited org = %+v", o)
	}
	code, body = e.get(c, "/orgs/"+o.ID)
	if code != 200 || !strings.Contains(body, "Alta Asociație") || !strings.Contains(body, e.cat.T("en", "flash.org_updated", nil)) {
		t.Errorf("show after edit = %d", code)
	}
}

// TestOrgAuthorisation checks every organisation page for the four
// kinds of visitor the brief names: anonymous, the admin of another
// organisation, the organisation's own admin and a platform admin.
func TestOrgAuthorisation(t *testing.T) {
	t.Parallel()
	e := orgEnv(t)
	ctx := context.Background()
	own := e.user("own@agora.test", agora.RoleParticipant)
	other := e.user("other@agora.test", agora.RoleParticipant)
	root := e.user("root@agora.test", agora.RoleAdmin)
	member := e.user("member@agora.test", agora.RoleParticipant)
	o := e.mkOrg(own, agora.OrgInput{Name: "Asociația Alfa", Kind: "association", Country: "RO", RegionCode: "225"})
	e.mkOrg(other, agora.OrgInput{Name: "Asociația Beta", Kind: "association", Country: "RO"})
	if _, err := e.st.AddOrgMember(ctx, own.ID, o.ID, member.Email, agora.OrgMember, ""); err != nil {
		t.Fatal(err)
	}
	clients := map[string]*http.Client{"anon": e.client(), "other": e.login(other), "own": e.login(own), "root": e.login(root), "member": e.login(member)}
	for _, p := range []string{"/orgs/" + o.ID + "/edit", "/orgs/" + o.ID + "/members", "/orgs/" + o.ID + "/audit"} {
		for who, want := range map[string]int{"anon": 303, "other": 403, "member": 403, "own": 200, "root": 200} {
			req, _ := http.NewRequest("GET", e.ts.URL+p, nil)
			resp, err := clients[who].Do(req)
			if err != nil {
				t.Fatal(err)
			}
			resp.Body.Close()
			if resp.StatusCode != want || (want == 303 && !strings.HasPrefix(resp.Header.Get("Location"), "/login?next=")) {
				t.Errorf("GET %s as %s = %d %s, want %d", p, who, resp.StatusCode, resp.Header.Get("Location"), want)
			}
		}
	}
	for _, p := range []string{"/orgs/" + o.ID + "/verify", "/orgs/" + o.ID + "/members/" + member.ID + "/verify", "/orgs/" + o.ID + "/edit",
		"/orgs/" + o.ID + "/members/" + member.ID + "/remove"} {
		for who, want := range map[string]int{"anon": 401, "other": 403, "member": 403} {
			if code, _ := e.post(clients[who], p, url.Values{}); code != want {
				t.Errorf("POST %s as %s = %d, want %d", p, who, code, want)
			}
		}
	}
	if code, _ := e.post(clients["own"], "/orgs/"+o.ID+"/verify", nil); code != 403 {
		t.Errorf("org admin verifying own org = %d, want 403", code)
	}
	if code, _ := e.get(clients["own"], "/admin/verification"); code != 403 {
		t.Errorf("org admin on the verification queue = %d, want 403", code)
	}
	if code, _ := e.post(clients["root"], "/orgs/"+o.ID+"/verify", url.Values{"next": {"/admin/verification"}}); code != 303 {
		t.Errorf("platform admin verifying = %d, want 303", code)
	}
	got, _ := e.st.Org(ctx, o.ID)
	if !got.Verified() {
		t.Errorf("not verified after POST")
	}
	// Unknown or malformed ids are 404 for those allowed to ask.
	for _, p := range []string{"/orgs/aaaaaaaaaaaaaaaaaaaaaaaaaa", "/orgs/x", "/orgs/aaaaaaaaaaaaaaaaaaaaaaaaaa/members"} {
		if code, _ := e.get(clients["root"], p); code != 404 {
			t.Errorf("GET %s = %d, want 404", p, code)
		}
	}
}

func TestOrgMembersFlow(t *testing.T) {
	t.Parallel()
	e := orgEnv(t)
	ctx := context.Background()
	own := e.langUser("own@agora.test", agora.RoleParticipant, "pl")
	jan := e.user("jan@agora.test", agora.RoleParticipant)
	root := e.user("root@agora.test", agora.RoleAdmin)
	o := e.mkOrg(own, agora.OrgInput{Name: "Urząd Miasta Łodzi", Kind: "public_authority", AuthorityLevel: "local", Country: "PL", UnitCode: "0957650"})
	c := e.login(own)
	base := "/orgs/" + o.ID + "/members"

	code, body := e.post(c, base, url.Values{"email": {"nikt@agora.test"}, "role": {"member"}})
	if code != 422 || !strings.Contains(body, e.cat.T("pl", "org.member.no_account", nil)) {
		t.Errorf("unknown email = %d", code)
	}
	code, body = e.post(c, base, url.Values{"email": {"not an email"}, "role": {"member"}})
	if code != 422 || !strings.Contains(body, e.cat.T("pl", "field.invalid_email", nil)) {
		t.Errorf("bad email = %d", code)
	}
	if code, _ = e.post(c, base, url.Values{"email": {" jan@AGORA.test "}, "role": {"officer"}, "title": {"Inspektor"}}); code != 303 {
		t.Fatalf("add officer = %d", code)
	}
	code, body = e.post(c, base, url.Values{"email": {"jan@agora.test"}, "role": {"member"}})
	if code != 422 || !strings.Contains(body, e.cat.T("pl", "org.member.exists", nil)) {
		t.Errorf("add twice = %d", code)
	}
	// The only admin cannot demote or remove themselves.
	code, body = e.post(c, base+"/"+own.ID+"/role", url.Values{"role": {"member"}})
	if code != 409 || !strings.Contains(body, e.cat.T("pl", "org.member.last_admin", nil)) {
		t.Errorf("demote last admin = %d", code)
	}
	if code, _ = e.post(c, base+"/"+own.ID+"/remove", nil); code != 409 {
		t.Errorf("remove last admin = %d", code)
	}
	if code, _ = e.post(c, "/orgs/"+o.ID+"/leave", nil); code != 409 {
		t.Errorf("last admin leaving = %d", code)
	}
	// A platform admin verifies the officer; the public page names them.
	if code, _ = e.post(e.login(root), base+"/"+jan.ID+"/verify", url.Values{"next": {"/admin/verification"}}); code != 303 {
		t.Errorf("verify officer = %d", code)
	}
	code, body = e.get(nil, "/orgs/"+o.ID+"?lang=pl")
	if code != 200 || !strings.Contains(body, "jan") || !strings.Contains(body, "Inspektor") || strings.Contains(body, "jan@agora.test") {
		t.Errorf("public page officers = %d", code)
	}
	if code, _ = e.post(c, base+"/"+jan.ID+"/role", url.Values{"role": {"admin"}}); code != 303 {
		t.Errorf("promote = %d", code)
	}
	if code, _ = e.post(c, "/orgs/"+o.ID+"/leave", nil); code != 303 {
		t.Errorf("leave with another admin = %d", code)
	}
	if roles, _ := e.st.UserOrgRoles(ctx, own.ID); len(roles) != 0 {
		t.Errorf("still a member after leaving: %v", roles)
	}
	es, _ := e.st.OrgAuditLog(ctx, o.ID, 0, 20)
	var actions []string
	for _, a := range es {
		actions = append(actions, a.Action)
	}
	if strings.Join(actions, " ") != "org.member.leave org.member.role org.verify_officer org.member.add org.create" {
		t.Errorf("audit = %v", actions)
	}
}

// Every XSS payload, as an organisation's name and description, reaches
// the directory, the profile and the admin queue only as inert text.
func TestOrgPayloadsRenderInert(t *testing.T) {
	t.Parallel()
	e := orgEnv(t)
	owner := e.user("owner@agora.test", agora.RoleParticipant)
	root := e.user("root@agora.test", agora.RoleAdmin)
	b, err := os.ReadFile("../../../shared/data/bad-input/payloads.json")
	if err != nil {
		t.Fatalf("shared data missing: %v", err)
	}
	var groups map[string][]string
	if err := json.Unmarshal(b, &groups); err != nil {
		t.Fatal(err)
	}
	var ids []string
	for i, p := range groups["xss"] {
		name := p
		if len([]rune(name)) < 2 {
			continue
		}
		o, err := e.st.CreateOrg(context.Background(), owner.ID, agora.OrgInput{Name: name, ShortName: "x", Kind: "association",
			Country: "RO", Description: p + "\n\n" + p, Street: p})
		if err != nil {
			t.Fatalf("payload %d as name: %v", i, err)
		}
		ids = append(ids, o.ID)
	}
	if len(ids) < 25 {
		t.Fatalf("only %d payloads stored", len(ids))
	}
	pages := []string{"/orgs?lang=en", "/admin/verification"}
	for _, id := range ids {
		pages = append(pages, "/orgs/"+id)
	}
	rc := e.login(root)
	handler := regexp.MustCompile(`(?i)<[a-z][^>]*\son[a-z]+\s*=`)
	for _, p := range pages {
		code, body := e.get(rc, p)
		if code != 200 {
			t.Fatalf("GET %s = %d", p, code)
		}
		lower := strings.ToLower(body)
		for _, bad := range []string{"<script>document", "<img", "<svg", "<iframe", "<details", "<body onload",
			"<input autofocus", "<style>", "<form action=javascript", "<meta http-equiv", "href=\"javascript:", "<base",
			"<math", "<noscript", "<textarea>"} {
			if strings.Contains(lower, bad) {
				t.Errorf("GET %s: payload live: %q", p, bad)
			}
		}
		if m := handler.FindString(body); m != "" {
			t.Errorf("GET %s: event handler in markup: %q", p, m)
		}
	}
}
