package storetest

import (
	"context"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

// Authority is a fixture: a Romanian local authority with a verified
// officer, a platform admin who verified them, and a consultation.
type Authority struct {
	Admin   agora.User
	Officer agora.User
	Org     agora.Organisation
}

// NewAuthority creates a public authority of country ("RO" or "PL") with
// a verified officer. prefix keeps emails unique when a test needs two.
func NewAuthority(t testing.TB, st *store.Store, country agora.Country, prefix string) Authority {
	t.Helper()
	ctx := context.Background()
	var a Authority
	var err error
	a.Admin, err = st.CreateUser(ctx, store.NewUser{Email: prefix + "-admin@authority.test", DisplayName: "Admin " + prefix, Role: agora.RoleAdmin, EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	a.Officer, err = st.CreateUser(ctx, store.NewUser{Email: prefix + "-officer@authority.test", DisplayName: "Officer " + prefix, EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	in := agora.OrgInput{Name: "Primăria " + prefix, Kind: string(agora.OrgPublicAuthority), AuthorityLevel: "local", Country: string(country)}
	if country == agora.PL {
		in.Name = "Urząd Miasta " + prefix
	}
	a.Org, err = st.CreateOrg(ctx, a.Admin.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddOrgMember(ctx, a.Admin.ID, a.Org.ID, a.Officer.Email, agora.OrgOfficer, ""); err != nil {
		t.Fatal(err)
	}
	if err := st.VerifyOfficer(ctx, a.Admin.ID, a.Org.ID, a.Officer.ID); err != nil {
		t.Fatal(err)
	}
	return a
}

// DraftUnits is a small draft: two articles, the first with two
// paragraphs and a letter.
func DraftUnits() []agora.Unit {
	return []agora.Unit{
		{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Heading: "Obiect", Text: "Prezenta hotărâre stabilește procedura."},
		{Key: "art-1.par-1", ParentKey: "art-1", Kind: agora.UnitParagraph, Number: "(1)", Text: "Consultarea se face public.", Depth: 1},
		{Key: "art-1.par-2", ParentKey: "art-1", Kind: agora.UnitParagraph, Number: "(2)", Text: "Termenul este de 10 zile:", Depth: 1},
		{Key: "art-1.par-2.let-a", ParentKey: "art-1.par-2", Kind: agora.UnitLetter, Number: "a)", Text: "pentru recomandări scrise;", Depth: 2},
		{Key: "art-2", Kind: agora.UnitArticle, Number: "2", Text: "Hotărârea intră în vigoare la data publicării."},
	}
}

// OpenConsultation creates and publishes a consultation of a's authority
// that opened a day before now and closes closeIn after now.
func OpenConsultation(t testing.TB, st *store.Store, a Authority, now time.Time, closeIn time.Duration) agora.Consultation {
	t.Helper()
	ctx := context.Background()
	kind := "hotarare_consiliu_local"
	if a.Org.Country == agora.PL {
		kind = "uchwala"
	}
	c, err := st.CreateConsultation(ctx, a.Officer.ID, a.Org.ID, agora.ConsultationInput{
		Title: "Proiect de hotărâre privind transparența", ActKind: kind, RuleSetID: "ro-law52",
		Summary: "Un proiect de test.", ContactName: "Ana Popescu",
	}, DraftUnits(), "text")
	if err != nil {
		t.Fatal(err)
	}
	c, err = st.PublishConsultation(ctx, a.Officer.ID, c.ID, store.Publication{
		OpensAt: now.Add(-24 * time.Hour), CommentsClose: now.Add(closeIn), EarliestAdoption: now.AddDate(0, 2, 0).Format(time.DateOnly),
	})
	if err != nil {
		t.Fatal(err)
	}
	return c
}
