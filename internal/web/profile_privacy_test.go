package web

import (
	"context"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

// TestProfilePrivacyMatrix checks every field × visibility × viewer: the
// field's value is on /people/{id} and on the person's directory card
// exactly when the viewer may see it, and a filter or search on that
// field finds the person exactly then too.
func TestProfilePrivacyMatrix(t *testing.T) {
	t.Parallel()
	e := profileEnv(t)
	ctx := context.Background()
	subject := profileUser(e, "Zenobia Marcaj", "en", agora.RoleParticipant)
	other := profileUser(e, "Other Person", "en", agora.RoleParticipant)
	admin := profileUser(e, "Platform Admin", "en", agora.RoleAdmin)
	org, err := e.st.CreateOrg(ctx, subject.ID, agora.OrgInput{Name: "Asociația Semnalmarker", Kind: "association", Country: "RO", RegionCode: "225"})
	if err != nil {
		t.Fatal(err)
	}
	if err := e.st.VerifyOrg(ctx, admin.ID, org.ID); err != nil {
		t.Fatal(err)
	}

	// Each field has a value found nowhere else on the page, and a query
	// that finds the person by it ("" when the field has no filter).
	fields := map[string]struct{ marker, query string }{
		agora.FieldTypes:        {e.cat.T("en", "profile.type.employment_provider", nil), "type=employment_provider"},
		agora.FieldBio:          {"Quokkaword", "q=quokkaw"},
		agora.FieldRegion:       {"Iași", "region=RO-225"},
		agora.FieldLanguages:    {e.cat.T("en", "profile.language.hu", nil), "language=hu"},
		agora.FieldDomains:      {"Domainmarker", "domain=marker-domain"},
		agora.FieldAffiliations: {"Asociația Semnalmarker", ""},
	}
	viewers := []struct {
		name string
		c    *http.Client
		sees []agora.Visibility
	}{
		{"anonymous", nil, []agora.Visibility{agora.VisPublic}},
		{"other user", e.login(other), []agora.Visibility{agora.VisPublic, agora.VisMembers}},
		{"self", e.login(subject), agora.Visibilities()},
		{"platform admin", e.login(admin), agora.Visibilities()},
	}
	for _, field := range agora.ProfileFields() {
		fx := fields[field]
		for _, vis := range agora.Visibilities() {
			// The field under test gets vis; every other field is private,
			// so nothing else can put the marker on the page.
			in := agora.ProfileInput{Types: []string{"employment_provider"}, Bio: "Quokkaword se ocupă de formare.",
				Country: "RO", Region: "225", Languages: []string{"hu"}, Domains: []string{"marker-domain"},
				Listed: true, Visibility: map[string]string{}}
			for _, f := range agora.ProfileFields() {
				in.Visibility[f] = string(agora.VisPrivate)
			}
			in.Visibility[field] = string(vis)
			saveProfile(e, subject, in)
			for _, vw := range viewers {
				want := slices.Contains(vw.sees, vis)
				name := field + "=" + string(vis) + " viewer " + vw.name

				code, body := e.get(vw.c, "/people/"+subject.ID+"?lang=en")
				if code != 200 {
					t.Fatalf("%s: profile page %d", name, code)
				}
				if got := strings.Contains(mainOf(body), fx.marker); got != want {
					t.Errorf("%s: profile shows %q = %v, want %v", name, fx.marker, got, want)
				}

				_, body = e.get(vw.c, "/people?lang=en")
				cards := cardsOf(body)
				if !slices.Contains(cardIDs(cards), subject.ID) {
					t.Fatalf("%s: subject not in the directory", name)
				}
				if got := strings.Contains(cards, fx.marker); got != want {
					t.Errorf("%s: directory card shows %q = %v, want %v", name, fx.marker, got, want)
				}

				if fx.query == "" {
					continue
				}
				code, body = e.get(vw.c, "/people?lang=en&"+fx.query)
				if code != 200 {
					t.Fatalf("%s: search %s = %d", name, fx.query, code)
				}
				if got := slices.Contains(cardIDs(body), subject.ID); got != want {
					t.Errorf("%s: search %s finds the subject = %v, want %v", name, fx.query, got, want)
				}
				// The count must not give the person away either.
				n := len(cardIDs(body))
				if !strings.Contains(body, e.cat.TN("en", "people.list.count", n, nil)) {
					t.Errorf("%s: count does not match the %d cards shown", name, n)
				}
			}
		}
	}
}

// The display name is always public, and the directory searches it
// without regard to diacritics, for everyone.
func TestDirectoryNameSearch(t *testing.T) {
	t.Parallel()
	e := profileEnv(t)
	u := profileUser(e, "Łukasz Wiśniewski-Dąbrowski", "en", agora.RoleParticipant)
	in := agora.ProfileInput{Listed: true, Visibility: map[string]string{}}
	for _, f := range agora.ProfileFields() {
		in.Visibility[f] = string(agora.VisPrivate)
	}
	saveProfile(e, u, in)
	for _, q := range []string{"lukasz", "WISNIEW", "dąbr", "łukasz wiś", "Lukasz Dabrowski"} {
		if _, body := e.get(nil, "/people?q="+url.QueryEscape(q)); !slices.Contains(cardIDs(body), u.ID) {
			t.Errorf("q=%s does not find %s", q, u.DisplayName)
		}
	}
	for _, q := range []string{"ukasz", "wisniewskix", "lu"} {
		if _, body := e.get(nil, "/people?q="+url.QueryEscape(q)); slices.Contains(cardIDs(body), u.ID) {
			t.Errorf("q=%s finds %s", q, u.DisplayName)
		}
	}
}
