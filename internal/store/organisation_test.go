package store_test

import (
	"context"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// orgStore opens a store holding the real units of Iași county and of
// łódzkie and the real domains of activity.
func orgStore(t *testing.T) *store.Store {
	t.Helper()
	st := storetest.Open(t)
	ctx := context.Background()
	if _, err := st.UpsertAdminUnits(ctx, realAdminUnits(t, "RO-225", "PL-10")); err != nil {
		t.Fatal(err)
	}
	if _, err := st.UpsertDomains(ctx, realDomains(t)); err != nil {
		t.Fatal(err)
	}
	return st
}

func realDomains(t *testing.T) []agora.Domain {
	t.Helper()
	f, err := os.Open(filepath.Join(sharedData, "ngo-nomenclatures", "json", "domains.json"))
	if err != nil {
		t.Fatalf("shared data missing: %v", err)
	}
	defer f.Close()
	ds, err := importer.ParseDomains(f)
	if err != nil {
		t.Fatal(err)
	}
	out := make([]agora.Domain, len(ds))
	for i, d := range ds {
		out[i] = agora.Domain{Slug: d.Slug, Names: d.Names}
	}
	return out
}

func orgUser(t *testing.T, st *store.Store, email string) agora.User {
	t.Helper()
	u, err := st.CreateUser(context.Background(), store.NewUser{Email: email, DisplayName: strings.Split(email, "@")[0], EmailVerified: true})
	if err != nil {
		t.Fatal(err)
	}
	return u
}

// wantField asserts err is an Invalid error on field with key.
func wantField(t *testing.T, what string, err error, field, key string) {
	t.Helper()
	for _, fe := range agora.FieldErrors(err) {
		if fe.Field == field && fe.Key == key {
			return
		}
	}
	t.Errorf("%s = %v, want %s on %s", what, err, key, field)
}

func orgAudit(t *testing.T, st *store.Store, orgID string) []string {
	t.Helper()
	es, err := st.OrgAuditLog(context.Background(), orgID, 0, 100)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range es {
		out = append(out, e.Action)
	}
	slices.Reverse(out)
	return out
}

func TestDomainsUpsertAndLanguages(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	ds := realDomains(t)
	if n, err := st.UpsertDomains(ctx, ds); err != nil || n != len(ds) || n != 51 {
		t.Fatalf("UpsertDomains = %d, %v; want 51", n, err)
	}
	if n, err := st.UpsertDomains(ctx, ds); err != nil || n != 0 {
		t.Errorf("second UpsertDomains = %d, %v; want 0", n, err)
	}
	pl, err := st.Domains(ctx, "pl")
	if err != nil || len(pl) != 51 {
		t.Fatalf("Domains(pl) = %d, %v", len(pl), err)
	}
	for i := 1; i < len(pl); i++ {
		if agora.Fold(pl[i-1].Name("pl")) > agora.Fold(pl[i].Name("pl")) {
			t.Errorf("Domains(pl) out of order: %q before %q", pl[i-1].Name("pl"), pl[i].Name("pl"))
		}
	}
	i := slices.IndexFunc(pl, func(d agora.Domain) bool { return d.Slug == "mediu" })
	if i < 0 || pl[i].Name("pl") != "Środowisko" || pl[i].Name("ro") != "Mediu" || pl[i].Name("en") != "Environment" {
		t.Errorf("mediu = %+v", pl[i])
	}
}

func TestCreateOrg(t *testing.T) {
	t.Parallel()
	st := orgStore(t)
	ctx := context.Background()
	ana := orgUser(t, st, "ana@example.ro")
	o, err := st.CreateOrg(ctx, ana.ID, agora.OrgInput{
		Name: "Asociația Prietenii Naturii", ShortName: "APN", Kind: "association", Country: "RO",
		TaxID: "RO4267117", RegistryNo: "12/A/2003", RegionCode: "225", UnitCode: "95079", PostalCode: "700057",
		Website: "apn.ro", Description: "**Natura**", FoundedYear: "2003", Domains: []string{"mediu", "educatie"},
	})
	if err != nil {
		t.Fatal(err)
	}
	if !agora.ValidID(o.ID) || o.TaxID != "4267117" || o.Website != "https://apn.ro" || o.FoundedYear != 2003 ||
		o.UnitName != "Iași" || o.RegionName != "Iași" || o.RegionCode != "225" || o.MemberCount != 1 || o.Verified() {
		t.Errorf("CreateOrg = %+v", o)
	}
	if !slices.Equal(o.Domains, []string{"educatie", "mediu"}) && !slices.Equal(o.Domains, []string{"mediu", "educatie"}) {
		t.Errorf("domains = %v", o.Domains)
	}
	roles, err := st.UserOrgRoles(ctx, ana.ID)
	if err != nil || roles[o.ID] != agora.OrgAdmin {
		t.Errorf("creator roles = %v, %v; want admin", roles, err)
	}
	if got := orgAudit(t, st, o.ID); !slices.Equal(got, []string{"org.create"}) {
		t.Errorf("audit = %v", got)
	}
	entries, _ := st.OrgAuditLog(ctx, o.ID, 0, 10)
	if entries[0].ActorName != "ana" || entries[0].ActorID != ana.ID {
		t.Errorf("audit entry = %+v", entries[0])
	}

	// The region comes from the locality when only the locality is given.
	pl, err := st.CreateOrg(ctx, ana.ID, agora.OrgInput{Name: "Fundacja Łódź Obywatelska", Kind: "foundation", Country: "PL",
		UnitCode: "0957650", TaxID: "5260250995", RegistryNo: "12345"})
	if err != nil || pl.RegionCode != "10" || pl.RegionName != "Łódzkie" || pl.UnitName != "Łódź" || pl.RegistryNo != "0000012345" {
		t.Errorf("Polish org = %+v, %v", pl, err)
	}

	for _, tt := range []struct {
		name       string
		in         agora.OrgInput
		field, key string
	}{
		{"same CUI", agora.OrgInput{Name: "Alta", Kind: "association", Country: "RO", TaxID: "4267117"}, "tax_id", "org.tax_id.taken"},
		{"bad CUI", agora.OrgInput{Name: "Alta", Kind: "association", Country: "RO", TaxID: "4267118"}, "tax_id", "id.cui.checksum"},
		{"unknown unit", agora.OrgInput{Name: "Alta", Kind: "association", Country: "RO", UnitCode: "41783"}, "locality", "org.locality.unknown"},
		{"unit elsewhere", agora.OrgInput{Name: "Alta", Kind: "association", Country: "RO", RegionCode: "10", UnitCode: "95079"}, "locality", "org.locality.wrong_region"},
		{"unit of other country", agora.OrgInput{Name: "Alta", Kind: "association", Country: "PL", UnitCode: "95079"}, "locality", "org.locality.unknown"},
		{"unknown region", agora.OrgInput{Name: "Alta", Kind: "association", Country: "PL", RegionCode: "99"}, "region", "field.invalid_choice"},
		{"unknown domain", agora.OrgInput{Name: "Alta", Kind: "association", Country: "RO", Domains: []string{"astrologie"}}, "domains", "field.invalid_choice"},
	} {
		_, err := st.CreateOrg(ctx, ana.ID, tt.in)
		wantField(t, tt.name, err, tt.field, tt.key)
	}
	// The same CUI is fine in the other country's numbering.
	if _, err := st.CreateOrg(ctx, ana.ID, agora.OrgInput{Name: "Stowarzyszenie", Kind: "association", Country: "PL", TaxID: "1234563218"}); err != nil {
		t.Errorf("second org without tax id: %v", err)
	}
	if _, err := st.Org(ctx, "nope"); agora.KindOf(err) != agora.NotFound {
		t.Errorf("Org(nope) = %v", err)
	}
}

func TestUpdateOrgAuditsAndWithdrawsVerification(t *testing.T) {
	t.Parallel()
	st := orgStore(t)
	ctx := context.Background()
	ana, admin := orgUser(t, st, "ana@example.ro"), orgUser(t, st, "root@example.ro")
	in := agora.OrgInput{Name: "Primăria Pașcani", Kind: "public_authority", AuthorityLevel: "local", Country: "RO", UnitCode: "95408"}
	o, err := st.CreateOrg(ctx, ana.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.VerifyOrg(ctx, admin.ID, o.ID); err != nil {
		t.Fatal(err)
	}
	in.Website, in.Domains = "pascani.ro", []string{"democratie"}
	o, err = st.UpdateOrg(ctx, ana.ID, o.ID, in)
	if err != nil || !o.Verified() || o.Website != "https://pascani.ro" || !slices.Equal(o.Domains, []string{"democratie"}) {
		t.Fatalf("UpdateOrg website = %+v, %v; want still verified", o, err)
	}
	// Nothing changed: no write, no audit entry.
	if _, err := st.UpdateOrg(ctx, ana.ID, o.ID, in); err != nil {
		t.Fatal(err)
	}
	in.Name = "Primăria Municipiului Pașcani"
	if o, err = st.UpdateOrg(ctx, ana.ID, o.ID, in); err != nil || o.Verified() {
		t.Fatalf("rename = %+v, %v; want unverified", o, err)
	}
	want := []string{"org.create", "org.verify", "org.update", "org.update"}
	if got := orgAudit(t, st, o.ID); !slices.Equal(got, want) {
		t.Errorf("audit = %v, want %v", got, want)
	}
	es, _ := st.OrgAuditLog(ctx, o.ID, 0, 1)
	if es[0].Details["fields"] != "name" || es[0].Details["unverified"] != "true" {
		t.Errorf("last audit details = %v", es[0].Details)
	}
	es, _ = st.OrgAuditLog(ctx, o.ID, es[0].ID, 1)
	if es[0].Details["fields"] != "website,domains" {
		t.Errorf("first update details = %v", es[0].Details)
	}

	// A public authority with officers cannot stop being one.
	off := orgUser(t, st, "officer@example.ro")
	if _, err := st.AddOrgMember(ctx, ana.ID, o.ID, off.Email, agora.OrgOfficer, "consilier"); err != nil {
		t.Fatal(err)
	}
	in.Kind = "association"
	_, err = st.UpdateOrg(ctx, ana.ID, o.ID, in)
	wantField(t, "authority to association", err, "kind", "org.kind.has_officers")
	if _, err := st.UpdateOrg(ctx, ana.ID, "nope", in); agora.KindOf(err) != agora.NotFound {
		t.Errorf("UpdateOrg(nope) = %v", err)
	}
}

func TestOrgMembersAndLastAdmin(t *testing.T) {
	t.Parallel()
	st := orgStore(t)
	ctx := context.Background()
	ana, bob, eve := orgUser(t, st, "ana@example.ro"), orgUser(t, st, "bob@example.ro"), orgUser(t, st, "eve@example.ro")
	o, err := st.CreateOrg(ctx, ana.ID, agora.OrgInput{Name: "Asociația Alfa", Kind: "association", Country: "RO"})
	if err != nil {
		t.Fatal(err)
	}
	_, err = st.AddOrgMember(ctx, ana.ID, o.ID, "nobody@example.ro", agora.OrgMember, "")
	wantField(t, "unknown email", err, "email", "org.member.no_account")
	_, err = st.AddOrgMember(ctx, ana.ID, o.ID, bob.Email, agora.OrgOfficer, "")
	wantField(t, "officer in an association", err, "role", "org.role.officer_only_authority")
	_, err = st.AddOrgMember(ctx, ana.ID, o.ID, bob.Email, "owner", "")
	wantField(t, "unknown role", err, "role", "field.invalid_choice")
	m, err := st.AddOrgMember(ctx, ana.ID, o.ID, bob.Email, agora.OrgMember, "Voluntar")
	if err != nil || m.UserID != bob.ID || m.Role != agora.OrgMember || m.Title != "Voluntar" {
		t.Fatalf("AddOrgMember = %+v, %v", m, err)
	}
	_, err = st.AddOrgMember(ctx, ana.ID, o.ID, bob.Email, agora.OrgAdmin, "")
	wantField(t, "twice", err, "email", "org.member.exists")

	// The only admin may neither be demoted, removed nor leave.
	for what, err := range map[string]error{
		"demote": st.SetOrgMemberRole(ctx, ana.ID, o.ID, ana.ID, agora.OrgMember),
		"remove": st.RemoveOrgMember(ctx, ana.ID, o.ID, ana.ID),
		"leave":  st.LeaveOrg(ctx, ana.ID, o.ID),
	} {
		if e := agora.AsError(err); e.Kind != agora.Conflict || e.Key != "org.member.last_admin" {
			t.Errorf("%s last admin = %v, want Conflict org.member.last_admin", what, err)
		}
	}
	if err := st.SetOrgMemberRole(ctx, ana.ID, o.ID, bob.ID, agora.OrgAdmin); err != nil {
		t.Fatal(err)
	}
	if err := st.LeaveOrg(ctx, ana.ID, o.ID); err != nil {
		t.Fatalf("leave with another admin: %v", err)
	}
	if err := st.RemoveOrgMember(ctx, bob.ID, o.ID, bob.ID); agora.KindOf(err) != agora.Conflict {
		t.Errorf("remove the new last admin = %v", err)
	}
	if err := st.RemoveOrgMember(ctx, bob.ID, o.ID, eve.ID); agora.KindOf(err) != agora.NotFound {
		t.Errorf("remove a non-member = %v, want NotFound", err)
	}
	ms, err := st.OrgMembers(ctx, o.ID)
	if err != nil || len(ms) != 1 || ms[0].UserID != bob.ID || ms[0].Email != bob.Email {
		t.Errorf("members = %+v, %v", ms, err)
	}
	want := []string{"org.create", "org.member.add", "org.member.role", "org.member.leave"}
	if got := orgAudit(t, st, o.ID); !slices.Equal(got, want) {
		t.Errorf("audit = %v, want %v", got, want)
	}
	es, _ := st.OrgAuditLog(ctx, o.ID, 0, 10)
	if es[1].TargetName != "bob" || es[1].Details["to"] != "admin" {
		t.Errorf("role entry = %+v", es[1])
	}
}

func TestOfficerVerification(t *testing.T) {
	t.Parallel()
	st := orgStore(t)
	ctx := context.Background()
	ana, off, root := orgUser(t, st, "ana@example.pl"), orgUser(t, st, "jan@example.pl"), orgUser(t, st, "root@example.pl")
	o, err := st.CreateOrg(ctx, ana.ID, agora.OrgInput{Name: "Urząd Miasta Łodzi", Kind: "public_authority", AuthorityLevel: "local", Country: "PL", UnitCode: "0957650"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.AddOrgMember(ctx, ana.ID, o.ID, off.Email, agora.OrgOfficer, "Inspektor"); err != nil {
		t.Fatal(err)
	}
	if roles, _ := st.UserOrgRoles(ctx, off.ID); roles[o.ID] != agora.OrgMember {
		t.Errorf("unverified officer acts as %q, want member", roles[o.ID])
	}
	q, err := st.VerificationQueue(ctx, 0)
	if err != nil || len(q.Orgs) != 1 || len(q.Officers) != 1 || q.Officers[0].OrgName != "Urząd Miasta Łodzi" || q.Officers[0].UserID != off.ID {
		t.Fatalf("queue = %+v, %v", q, err)
	}
	if p, _ := st.OrgProfile(ctx, o.ID); len(p.Officers) != 0 {
		t.Errorf("public page shows unverified officers: %+v", p.Officers)
	}
	if err := st.VerifyOfficer(ctx, root.ID, o.ID, ana.ID); agora.AsError(err).Key != "org.member.not_officer" {
		t.Errorf("verify an admin as officer = %v", err)
	}
	if err := st.VerifyOfficer(ctx, root.ID, o.ID, off.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.VerifyOfficer(ctx, root.ID, o.ID, off.ID); err != nil {
		t.Errorf("verifying twice: %v", err)
	}
	if err := st.VerifyOrg(ctx, root.ID, o.ID); err != nil {
		t.Fatal(err)
	}
	if roles, _ := st.UserOrgRoles(ctx, off.ID); roles[o.ID] != agora.OrgOfficer {
		t.Errorf("verified officer acts as %q", roles[o.ID])
	}
	p, err := st.OrgProfile(ctx, o.ID)
	if err != nil || len(p.Officers) != 1 || p.Officers[0].DisplayName != "jan" || p.Officers[0].Email != "" || p.Officers[0].Title != "Inspektor" {
		t.Errorf("profile officers = %+v, %v", p.Officers, err)
	}
	if len(p.Place) != 4 || p.Place[0].Name != "Łódź" || p.Place[3].Name != "Łódzkie" || !p.Org.Verified() {
		t.Errorf("profile place = %+v", p.Place)
	}
	if q, _ := st.VerificationQueue(ctx, 0); len(q.Orgs) != 0 || len(q.Officers) != 0 {
		t.Errorf("queue after verifying = %+v", q)
	}
	// Moving the officer to another role drops the verification.
	if err := st.SetOrgMemberRole(ctx, ana.ID, o.ID, off.ID, agora.OrgMember); err != nil {
		t.Fatal(err)
	}
	if err := st.SetOrgMemberRole(ctx, ana.ID, o.ID, off.ID, agora.OrgOfficer); err != nil {
		t.Fatal(err)
	}
	if roles, _ := st.UserOrgRoles(ctx, off.ID); roles[o.ID] != agora.OrgMember {
		t.Errorf("re-appointed officer acts as %q before a new verification", roles[o.ID])
	}
	if err := st.UnverifyOrg(ctx, root.ID, o.ID); err != nil {
		t.Fatal(err)
	}
	want := []string{"org.create", "org.member.add", "org.verify_officer", "org.verify", "org.member.role", "org.member.role", "org.unverify"}
	if got := orgAudit(t, st, o.ID); !slices.Equal(got, want) {
		t.Errorf("audit = %v, want %v", got, want)
	}
	for _, err := range []error{st.VerifyOrg(ctx, root.ID, "nope"), st.VerifyOfficer(ctx, root.ID, o.ID, "nope")} {
		if agora.KindOf(err) != agora.NotFound {
			t.Errorf("verify unknown = %v, want NotFound", err)
		}
	}
}
