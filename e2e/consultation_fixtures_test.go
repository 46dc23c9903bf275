package e2e

import (
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/draft"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/redline"
	"github.com/agora-civic/agora/internal/store"
)

// consultFixtures are the records of issues 4 and 5 the page table and
// the XSS test look at: a Romanian authority whose officer has a draft,
// an open consultation (comments, an amendment, a debate requested and
// scheduled) and a finished one (answers, version 2, the report), the
// payloads as comments, two imported acts, a watchlist and a monitoring
// board.
type consultFixtures struct {
	authority     agora.Organisation
	officer       agora.User
	officerCookie string
	// draft is not published; open takes comments; done went through
	// answers, a second version and its report, written as of the days
	// it happened. xss carries every payload as a comment, answered and
	// reported, one hidden with a payload as its reason.
	draft, open, done, xss agora.Consultation
	openComment            agora.Comment // ana's, with an amendment
	xssComments            []agora.Comment
	debate                 agora.Debate
	// law52 and pozytek are imported from the samples; article keys one
	// of their articles.
	law52, pozytek               agora.Act
	law52Article, pozytekArticle string
	watchlist                    store.Watchlist
}

// draftUnits reads an Akoma Ntoso draft of testdata, the same files the
// browser uploads in TestConsultationChain.
func draftUnits(name string) ([]agora.Unit, error) {
	f, err := os.Open(filepath.Join("testdata", name))
	if err != nil {
		return nil, err
	}
	defer f.Close()
	units, _, err := draft.ParseAKN(f, draft.Limits{})
	return units, err
}

// matchUnits pairs two versions' units the way the web layer does.
func matchUnits(prev, next []agora.Unit) []store.UnitMatch {
	var out []store.UnitMatch
	for _, m := range redline.MatchUnits(prev, next) {
		out = append(out, store.UnitMatch{OldKey: m.OldKey, NewKey: m.NewKey, Status: string(m.Status)})
	}
	return out
}

// newAuthority creates a verified public authority of country with one
// verified officer, as the admin verification page would.
func newAuthority(ctx context.Context, st *store.Store, admin agora.User, country agora.Country, name, email, officerName string) (agora.Organisation, agora.User, error) {
	officer, err := st.CreateUser(ctx, store.NewUser{Email: email, DisplayName: officerName, EmailVerified: true, Lang: string(country)})
	if err != nil {
		return agora.Organisation{}, officer, err
	}
	org, err := st.CreateOrg(ctx, admin.ID, agora.OrgInput{Name: name, Kind: string(agora.OrgPublicAuthority), AuthorityLevel: "local", Country: string(country)})
	if err != nil {
		return org, officer, fmt.Errorf("authority: %w", err)
	}
	if _, err := st.AddOrgMember(ctx, admin.ID, org.ID, officer.Email, agora.OrgOfficer, ""); err != nil {
		return org, officer, fmt.Errorf("officer member: %w", err)
	}
	if err := st.VerifyOfficer(ctx, admin.ID, org.ID, officer.ID); err != nil {
		return org, officer, fmt.Errorf("verify officer: %w", err)
	}
	return org, officer, nil
}

func seedConsultations(ctx context.Context, srv *Server, fx *fixtures) (consultFixtures, error) {
	var cx consultFixtures
	st := srv.Store
	var err error
	cx.authority, cx.officer, err = newAuthority(ctx, st, fx.admin, agora.RO, "Primăria Municipiului Brașov", "officer-bv@e2e.test", "Mihaela Țăranu")
	if err != nil {
		return cx, err
	}
	v1, err := draftUnits("draft-ro-v1.akn.xml")
	if err != nil {
		return cx, err
	}
	v2, err := draftUnits("draft-ro-v2.akn.xml")
	if err != nil {
		return cx, err
	}
	in := func(title string) agora.ConsultationInput {
		return agora.ConsultationInput{Title: title, ActKind: "hotarare_consiliu_local", RuleSetID: legal.RuleSetRoLaw52,
			Summary: "Proiectul stabilește cum participă cetățenii și asociațiile la elaborarea hotărârilor.", ContactName: "Mihaela Țăranu",
			ContactEmail: "consultare@brasov.e2e.test"}
	}
	now := srv.Clock.Now()

	if cx.draft, err = st.CreateConsultation(ctx, cx.officer.ID, cx.authority.ID, in("Proiect de hotărâre privind parcările de reședință"), v1, "akn"); err != nil {
		return cx, fmt.Errorf("draft: %w", err)
	}

	// open: announced yesterday, comments close in twelve days.
	if cx.open, err = publish(ctx, st, cx, in("Proiect de hotărâre privind participarea cetățenilor"), v1, now.Add(-24*time.Hour)); err != nil {
		return cx, fmt.Errorf("open: %w", err)
	}
	if cx.openComment, _, err = st.CreateComment(ctx, store.NewComment{ConsultationID: cx.open.ID, AuthorID: fx.ana.ID, Input: agora.CommentInput{
		UnitKey: "art-2.par-1", Body: "Zece zile sunt prea puține pentru asociațiile mici; propunem douăzeci.",
		Amendment: "Recomandările scrise se transmit în termen de 20 de zile de la publicare."}}); err != nil {
		return cx, fmt.Errorf("open comment: %w", err)
	}
	if _, err := st.RequestDebate(ctx, store.NewDebateRequest{ConsultationID: cx.open.ID, OrgID: fx.org.ID, UserID: fx.ana.ID,
		Reason: "Solicităm o dezbatere publică: proiectul privește toate asociațiile din municipiu."}); err != nil {
		return cx, fmt.Errorf("debate request: %w", err)
	}
	if cx.debate, err = st.ScheduleDebate(ctx, cx.officer.ID, store.NewDebate{ConsultationID: cx.open.ID, StartsAt: now.Add(6 * 24 * time.Hour),
		Place: "Sala de ședințe a Consiliului Local, Bulevardul Eroilor nr. 8", Notice: "Dezbaterea publică are loc la cererea Asociației Alfa."}); err != nil {
		return cx, fmt.Errorf("debate: %w", err)
	}

	// done and xss: announced 40 days ago, answered, version 2, reported.
	if cx.done, _, err = finished(ctx, st, cx, in("Proiect de hotărâre privind transparența decizională"), v1, v2, now, []store.NewComment{
		{AuthorID: fx.ana.ID, Input: agora.CommentInput{UnitKey: "art-2.par-1", Body: "Termenul de zece zile este prea scurt.",
			Amendment: "Recomandările scrise se transmit în termen de 30 de zile de la publicare."}},
		{AuthorID: fx.admin.ID, Input: agora.CommentInput{UnitKey: "art-1.par-1", Body: "Propunem și consultarea prin poștă."}},
	}, nil); err != nil {
		return cx, fmt.Errorf("done: %w", err)
	}
	var xssComments []store.NewComment
	for i, p := range append([]string{"<script>document.body.remove()</script>"}, fx.payloads...) {
		author := fx.ana.ID
		if i > 0 && i-1 < len(fx.xssUsers) {
			author = fx.xssUsers[i-1].ID
		}
		xssComments = append(xssComments, store.NewComment{AuthorID: author, Input: agora.CommentInput{UnitKey: "art-2.par-1", Body: p, Quote: "", Amendment: p}})
	}
	if cx.xss, cx.xssComments, err = finished(ctx, st, cx, in("Proiect de hotărâre cu recomandări ostile"), v1, v2, now, xssComments, fx); err != nil {
		return cx, fmt.Errorf("xss: %w", err)
	}

	if err := st.SaveTransparency(ctx, cx.officer.ID, cx.authority.ID, 2026, store.TransparencyInput{CourtCases: 1,
		Assessment: "Consultările s-au desfășurat în termenele legale.", ClosedMeetings: 0}, false); err != nil {
		return cx, fmt.Errorf("transparency: %w", err)
	}
	if err := st.Follow(ctx, fx.ana.ID, agora.FollowConsultation, cx.open.ID); err != nil {
		return cx, fmt.Errorf("follow: %w", err)
	}

	if err := importActs(ctx, st, &cx); err != nil {
		return cx, err
	}
	if cx.watchlist, err = st.CreateWatchlist(ctx, fx.ana.ID, "Transparență și ONG-uri", agora.NotifyImmediate); err != nil {
		return cx, fmt.Errorf("watchlist: %w", err)
	}
	if _, err := st.AddWatchItem(ctx, cx.watchlist.ID, store.WatchItemInput{Kind: store.WatchAct, Act: cx.law52.ID}); err != nil {
		return cx, fmt.Errorf("watch item: %w", err)
	}
	if _, err := st.CreateMonitorItem(ctx, fx.ana.ID, fx.org.ID, store.MonitorInput{Kind: store.MonitorDraft, ConsultationID: cx.open.ID,
		Stage: store.StageInConsultation, Notes: "Pregătim recomandările până vineri."}); err != nil {
		return cx, fmt.Errorf("monitor item: %w", err)
	}
	if cx.officerCookie, err = srv.Login(ctx, cx.officer.ID); err != nil {
		return cx, err
	}
	return cx, nil
}

// publish creates a consultation announced at opens with the rule set's
// shortest legal periods.
func publish(ctx context.Context, st *store.Store, cx consultFixtures, in agora.ConsultationInput, units []agora.Unit, opens time.Time) (agora.Consultation, error) {
	c, err := st.CreateConsultation(ctx, cx.officer.ID, cx.authority.ID, in, units, "akn")
	if err != nil {
		return c, err
	}
	rs, _ := legal.Builtin(in.RuleSetID)
	sched := rs.Defaults(opens)
	return st.PublishConsultation(ctx, cx.officer.ID, c.ID, store.Publication{
		OpensAt: opens, CommentsClose: sched.ClosesAt(), EarliestAdoption: sched.EarliestAdoption.String()})
}

// finished writes a consultation's whole life through views of the
// store whose clocks walk from its announcement 40 days before now:
// comments the next day, every one answered after the deadline (the
// first accepted, the others rejected), answers published, version 2,
// the report. With fx set, the last comment is hidden by the admin with
// the last payload as the reason, and the rejection is justified with
// the first payload.
func finished(ctx context.Context, base *store.Store, cx consultFixtures, in agora.ConsultationInput, v1, v2 []agora.Unit, now time.Time, comments []store.NewComment, fx *fixtures) (agora.Consultation, []agora.Comment, error) {
	at := now.AddDate(0, 0, -40)
	st := base.WithClock(func() time.Time { return at })
	c, err := publish(ctx, st, cx, in, v1, at)
	if err != nil {
		return c, nil, err
	}
	at = at.Add(24 * time.Hour)
	var made []agora.Comment
	for _, n := range comments {
		n.ConsultationID = c.ID
		m, _, err := st.CreateComment(ctx, n)
		if err != nil {
			return c, nil, fmt.Errorf("comment %q: %w", n.Input.Body, err)
		}
		made = append(made, m)
	}
	if len(made) == 0 {
		return c, nil, errors.New("no comments")
	}
	why := "Termenul de 10 zile este cel prevăzut de Legea nr. 52/2003; nu îl modificăm."
	if fx != nil {
		last := made[len(made)-1]
		if err := st.ReportComment(ctx, c.ID, last.ID, fx.ana.ID, fx.payloads[0]); err != nil {
			return c, nil, fmt.Errorf("report: %w", err)
		}
		if err := st.HideComment(ctx, fx.admin.ID, c.ID, last.ID, fx.payloads[len(fx.payloads)-1]); err != nil {
			return c, nil, fmt.Errorf("hide: %w", err)
		}
		made = made[:len(made)-1]
		why = fx.payloads[0]
	}
	cur, _ := base.Consultation(ctx, c.ID)
	at = cur.CommentsClose.Add(48 * time.Hour)
	if _, err := st.AnswerComments(ctx, cx.officer.ID, c.ID, agora.AnswerInput{Status: agora.AnswerAccepted,
		Justification: "Recomandarea a fost preluată în versiunea a doua.", CommentIDs: []string{made[0].ID}}); err != nil {
		return c, nil, fmt.Errorf("accept: %w", err)
	}
	var rest []string
	for _, m := range made[1:] {
		rest = append(rest, m.ID)
	}
	if len(rest) > 0 {
		if _, err := st.AnswerComments(ctx, cx.officer.ID, c.ID, agora.AnswerInput{Status: agora.AnswerRejected, Justification: why, CommentIDs: rest}); err != nil {
			return c, nil, fmt.Errorf("reject: %w", err)
		}
	}
	if _, err := st.PublishAnswers(ctx, cx.officer.ID, c.ID); err != nil {
		return c, nil, fmt.Errorf("publish answers: %w", err)
	}
	at = at.Add(24 * time.Hour)
	if _, err := st.NewConsultationVersion(ctx, cx.officer.ID, c.ID, store.NewVersion{Note: "Termenul pentru recomandări a fost prelungit la 20 de zile.",
		Format: "akn", Units: v2, Match: matchUnits}); err != nil {
		return c, nil, fmt.Errorf("version 2: %w", err)
	}
	at = at.Add(24 * time.Hour)
	if c, err = st.PublishReport(ctx, cx.officer.ID, c.ID); err != nil {
		return c, nil, fmt.Errorf("report: %w", err)
	}
	return c, made, nil
}

// importActs imports Law 52/2003 and the Polish Act on public benefit
// activity from the samples, through the importer as `agora import laws`
// does.
func importActs(ctx context.Context, st *store.Store, cx *consultFixtures) error {
	want := map[string]bool{"ro/lege/2003/52": true, "pl/du/2003/873": true}
	var docs []agora.ActDocument
	rd := importer.LawReader{Format: importer.LawAnsvarJSON}
	paths := []string{filepath.Join("..", "..", "shared", "data", "ro-laws", "sample"), filepath.Join("..", "..", "shared", "data", "pl-laws", "sample")}
	if err := rd.Read(ctx, paths, func(_ string, d importer.LawDoc) error {
		if want[d.Act.Key] {
			want[d.Act.Key] = false // the first version of each is enough
			docs = append(docs, d)
		}
		return nil
	}, func(importer.LawProblem) {}); err != nil {
		return fmt.Errorf("read law samples: %w", err)
	}
	if len(docs) != 2 {
		return fmt.Errorf("law samples: found %d of the acts %v", len(docs), want)
	}
	if _, err := st.ImportLaws(ctx, docs); err != nil {
		return fmt.Errorf("import laws: %w", err)
	}
	for _, x := range []struct {
		act     *agora.Act
		article *string
		key     string
	}{{&cx.law52, &cx.law52Article, "ro/lege/2003/52"}, {&cx.pozytek, &cx.pozytekArticle, "pl/du/2003/873"}} {
		var err error
		if *x.act, err = st.ActByKey(ctx, x.key); err != nil {
			return fmt.Errorf("act %s: %w", x.key, err)
		}
		for _, d := range docs {
			if d.Act.Key != x.key {
				continue
			}
			for _, u := range d.Units {
				if u.Kind == agora.UnitArticle {
					*x.article = u.Key
					break
				}
			}
		}
		if *x.article == "" {
			return fmt.Errorf("act %s has no article", x.key)
		}
	}
	return nil
}
