package store_test

import (
	"bytes"
	"context"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

func authorDraft(t *testing.T, st *store.Store, a storetest.Authority) agora.Consultation {
	t.Helper()
	c, err := st.CreateConsultation(context.Background(), a.Officer.ID, a.Org.ID, agora.ConsultationInput{
		Title: "Proiect de hotărâre privind parcările", ActKind: "hotarare_consiliu_local", RuleSetID: "ro-law52",
		Summary: "Rezumat.", Domains: []string{"mediu"}, Regions: []string{"12"},
	}, storetest.DraftUnits(), "text")
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func seedDomain(t *testing.T, st *store.Store) {
	t.Helper()
	if _, err := st.UpsertDomains(context.Background(), []agora.Domain{
		{Slug: "mediu", Names: map[string]string{"ro": "Mediu", "pl": "Środowisko", "en": "Environment"}},
		{Slug: "social", Names: map[string]string{"ro": "Social", "pl": "Pomoc społeczna", "en": "Social"}},
	}); err != nil {
		t.Fatal(err)
	}
}

func TestUpdateConsultationDraftAndPublished(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	seedDomain(t, st)
	a := storetest.NewAuthority(t, st, agora.RO, "iasi")
	c := authorDraft(t, st, a)
	in := agora.ConsultationInput{Title: "Proiect de hotărâre privind parcările publice", ActKind: "dispozitie", RuleSetID: "ro-law52",
		Summary: "Rezumat corectat.", ContactName: "Ion Ionescu", ContactEmail: "Ion@Primaria.test", Domains: []string{"social"}, Regions: []string{"22"}}
	got, err := st.UpdateConsultation(ctx, a.Officer.ID, c.ID, in)
	if err != nil {
		t.Fatal(err)
	}
	if got.Title != in.Title || got.ActKind != "dispozitie" || got.ContactEmail != "Ion@primaria.test" ||
		len(got.Domains) != 1 || got.Domains[0] != "social" || len(got.Regions) != 1 || got.Regions[0] != "22" || got.Revision <= c.Revision {
		t.Fatalf("updated draft: %+v", got)
	}
	if _, err := st.UpdateConsultation(ctx, a.Officer.ID, c.ID, agora.ConsultationInput{Title: "x", ActKind: "ustawa"}); agora.KindOf(err) != agora.Invalid {
		t.Fatalf("invalid update: %v", err)
	}
	if _, err := st.UpdateConsultation(ctx, a.Officer.ID, c.ID, agora.ConsultationInput{Title: "Titlu valid aici", ActKind: "lege", Domains: []string{"nope"}}); agora.KindOf(err) != agora.Invalid {
		t.Fatalf("unknown domain: %v", err)
	}

	now := st.Now()
	if _, err := st.PublishConsultation(ctx, a.Officer.ID, c.ID, store.Publication{OpensAt: now, CommentsClose: now.Add(240 * time.Hour), EarliestAdoption: "2030-01-01"}); err != nil {
		t.Fatal(err)
	}
	in.Title = "Alt titlu după publicare"
	_, err = st.UpdateConsultation(ctx, a.Officer.ID, c.ID, in)
	if fe := agora.FieldErrors(err); len(fe) != 1 || fe[0].Field != "title" || fe[0].Key != "consultation_author.error.locked" {
		t.Fatalf("title changed after publication: %v", err)
	}
	in.Title = got.Title
	in.ContactPhone = "0264 000 000"
	after, err := st.UpdateConsultation(ctx, a.Officer.ID, c.ID, in)
	if err != nil || after.ContactPhone != "0264 000 000" || after.State != agora.ConsultationPublished || after.CommentsClose.IsZero() {
		t.Fatalf("contact fix after publication: %v %+v", err, after)
	}
	if err := st.ReplaceDraftText(ctx, a.Officer.ID, c.ID, storetest.DraftUnits()[:1], "text"); agora.KindOf(err) != agora.Conflict {
		t.Fatalf("text replaced after publication: %v", err)
	}
	if _, err := st.UpdateConsultation(ctx, a.Officer.ID, "missing", in); agora.KindOf(err) != agora.NotFound {
		t.Fatalf("missing consultation: %v", err)
	}
}

func TestReplaceDraftText(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	seedDomain(t, st)
	a := storetest.NewAuthority(t, st, agora.RO, "arad")
	c := authorDraft(t, st, a)
	units := []agora.Unit{{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Text: "Text nou."}}
	if err := st.ReplaceDraftText(ctx, a.Officer.ID, c.ID, units, "akn"); err != nil {
		t.Fatal(err)
	}
	got, err := st.ConsultationUnits(ctx, c.ID, 1)
	if err != nil || len(got) != 1 || got[0].Text != "Text nou." {
		t.Fatalf("units after replace: %v %+v", err, got)
	}
	if f, err := st.ConsultationSourceFormat(ctx, c.ID, 1); err != nil || f != "akn" {
		t.Fatalf("source format: %q %v", f, err)
	}
	if err := st.ReplaceDraftText(ctx, a.Officer.ID, c.ID, nil, "text"); agora.KindOf(err) != agora.Invalid {
		t.Fatalf("empty text: %v", err)
	}
	if got, _ := st.ConsultationUnits(ctx, c.ID, 1); len(got) != 1 {
		t.Fatalf("a refused replacement changed the text: %+v", got)
	}
}

func TestOfficerDashboardQueries(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	seedDomain(t, st)
	a := storetest.NewAuthority(t, st, agora.RO, "brasov")
	b := storetest.NewAuthority(t, st, agora.PL, "gdansk")
	c := authorDraft(t, st, a)
	auths, err := st.OfficerAuthorities(ctx, a.Officer.ID)
	if err != nil || len(auths) != 1 || auths[0].ID != a.Org.ID || auths[0].Country != agora.RO {
		t.Fatalf("officer authorities: %v %+v", err, auths)
	}
	if auths, _ := st.OfficerAuthorities(ctx, a.Admin.ID); len(auths) != 0 {
		t.Fatalf("admin is no officer: %+v", auths)
	}
	list, err := st.OrgConsultations(ctx, []string{a.Org.ID, a.Org.ID}, 0)
	if err != nil || len(list) != 1 || list[0].ID != c.ID || list[0].State != agora.ConsultationDraft {
		t.Fatalf("org consultations: %v %+v", err, list)
	}
	if list, _ := st.OrgConsultations(ctx, []string{b.Org.ID}, 10); len(list) != 0 {
		t.Fatalf("other authority's consultations leaked: %+v", list)
	}
	if list, _ := st.OrgConsultations(ctx, nil, 10); list != nil {
		t.Fatalf("no authority: %+v", list)
	}
}

func TestConsultationFiles(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	seedDomain(t, st)
	a := storetest.NewAuthority(t, st, agora.RO, "sibiu")
	c := authorDraft(t, st, a)
	data := []byte("%PDF-1.4 nota de fundamentare")
	f, err := st.AddConsultationFile(ctx, store.NewConsultationFile{ConsultationID: c.ID, Purpose: store.FileAttachment,
		Name: "nota.pdf", ContentType: "application/pdf", UploadedBy: a.Officer.ID, Data: data})
	if err != nil || f.Size != int64(len(data)) || len(f.SHA256) != 64 {
		t.Fatalf("add file: %v %+v", err, f)
	}
	if _, err := st.AddConsultationFile(ctx, store.NewConsultationFile{ConsultationID: c.ID, Purpose: store.FileAttachment, Name: "gol.txt", UploadedBy: a.Officer.ID}); agora.KindOf(err) != agora.Invalid {
		t.Fatalf("empty file: %v", err)
	}
	list, err := st.ConsultationFiles(ctx, c.ID, store.FileAttachment)
	if err != nil || len(list) != 1 || list[0].Name != "nota.pdf" || list[0].Data != nil || list[0].CommentHidden {
		t.Fatalf("list files: %v %+v", err, list)
	}
	got, err := st.ConsultationFileData(ctx, c.ID, f.ID)
	if err != nil || !bytes.Equal(got.Data, data) || got.SHA256 != f.SHA256 {
		t.Fatalf("file data: %v %+v", err, got)
	}
	other := authorDraft(t, st, a)
	if _, err := st.ConsultationFileData(ctx, other.ID, f.ID); agora.KindOf(err) != agora.NotFound {
		t.Fatalf("file read through another consultation: %v", err)
	}
	if err := st.DeleteConsultationFile(ctx, a.Officer.ID, other.ID, f.ID); agora.KindOf(err) != agora.NotFound {
		t.Fatalf("file deleted through another consultation: %v", err)
	}
	if err := st.DeleteConsultationFile(ctx, a.Officer.ID, c.ID, f.ID); err != nil {
		t.Fatal(err)
	}
	if list, _ := st.ConsultationFiles(ctx, c.ID, ""); len(list) != 0 {
		t.Fatalf("deleted file still listed: %+v", list)
	}
	f, _ = st.AddConsultationFile(ctx, store.NewConsultationFile{ConsultationID: c.ID, Purpose: store.FileAttachment,
		Name: "anexa.txt", ContentType: "text/plain; charset=utf-8", UploadedBy: a.Officer.ID, Data: []byte("anexă")})
	now := st.Now()
	if _, err := st.PublishConsultation(ctx, a.Officer.ID, c.ID, store.Publication{OpensAt: now, CommentsClose: now.Add(240 * time.Hour)}); err != nil {
		t.Fatal(err)
	}
	if err := st.DeleteConsultationFile(ctx, a.Officer.ID, c.ID, f.ID); agora.KindOf(err) != agora.Conflict {
		t.Fatalf("attachment deleted after publication: %v", err)
	}
}

func TestRuleSets(t *testing.T) {
	ctx := context.Background()
	st := storetest.Open(t)
	a := storetest.NewAuthority(t, st, agora.PL, "torun")
	b := storetest.NewAuthority(t, st, agora.PL, "lodz")
	rs, err := st.CreateRuleSet(ctx, a.Officer.ID, a.Org.ID, store.StoredRuleSet{Name: "Uchwała nr XII/2024", Params: `{"comment_days":14}`})
	if err != nil || rs.ID == "" || rs.OrgID != a.Org.ID || rs.Params != `{"comment_days":14}` {
		t.Fatalf("create rule set: %v %+v", err, rs)
	}
	if _, err := st.CreateRuleSet(ctx, a.Officer.ID, a.Org.ID, store.StoredRuleSet{Name: "Uchwała nr XII/2024", Params: `{}`}); agora.KindOf(err) != agora.Invalid {
		t.Fatalf("duplicate name: %v", err)
	}
	if _, err := st.CreateRuleSet(ctx, a.Officer.ID, a.Org.ID, store.StoredRuleSet{Name: " ", Params: `{}`}); agora.KindOf(err) != agora.Invalid {
		t.Fatalf("blank name: %v", err)
	}
	rs.Params = `{"comment_days":21}`
	if rs, err = st.UpdateRuleSet(ctx, a.Officer.ID, a.Org.ID, rs); err != nil || rs.Params != `{"comment_days":21}` {
		t.Fatalf("update rule set: %v %+v", err, rs)
	}
	if _, err := st.UpdateRuleSet(ctx, b.Officer.ID, b.Org.ID, rs); agora.KindOf(err) != agora.NotFound {
		t.Fatalf("another authority changed the rule set: %v", err)
	}
	list, err := st.RuleSets(ctx, a.Org.ID)
	if err != nil || len(list) != 1 || list[0].ID != rs.ID {
		t.Fatalf("rule sets: %v %+v", err, list)
	}
	if got, err := st.RuleSet(ctx, rs.ID); err != nil || got.Name != rs.Name {
		t.Fatalf("rule set: %v %+v", err, got)
	}
	if _, err := st.RuleSet(ctx, "missing"); agora.KindOf(err) != agora.NotFound {
		t.Fatalf("missing rule set: %v", err)
	}
}
