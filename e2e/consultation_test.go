package e2e

import (
	"context"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/legal"
	"github.com/agora-civic/agora/internal/store"
	"github.com/chromedp/cdproto/input"
	"github.com/chromedp/chromedp"
)

// chainCase is one country's run of the whole consultation chain: the
// texts people type, in the country's language, with the letters that
// must come out of the PDF report unchanged.
type chainCase struct {
	lang             string
	country          agora.Country
	authority, ngo   string
	actKind, ruleSet string
	title            string
	// first comments art-2.par-1 with an amendment; second comments
	// art-1.par-2 in their own name.
	first, amendment, amended, second string
	debateReason                      string
	accepted, rejected                string // the justifications
	// diacritics are words of the texts above holding every letter of
	// the alphabet beyond ASCII.
	diacritics []string
}

var chainCases = []chainCase{
	{
		lang: "ro", country: agora.RO, authority: "Primăria Comunei Șieuț", ngo: "Asociația Învățăm Împreună",
		actKind: "hotarare_consiliu_local", ruleSet: legal.RuleSetRoLaw52,
		title:     "Proiect de hotărâre privind participarea cetățenilor la elaborarea deciziilor",
		first:     "Zece zile sunt prea puține pentru asociațiile mici, care lucrează cu voluntari și își adună membrii până la sfârșitul lunii.",
		amendment: "Recomandările scrise se transmit în termen de 20 de zile de la publicare.", amended: "20 de",
		second:       "Propunem ca ședințele să fie înregistrate și publicate în întregime pe pagina instituției.",
		debateReason: "Solicităm dezbatere publică în temeiul art. 7 din Legea nr. 52/2003: proiectul privește toate asociațiile din comună.",
		accepted:     "Recomandarea a fost preluată: termenul se prelungește la 20 de zile.",
		rejected:     "Înregistrarea ședințelor depășește bugetul aprobat pentru anul în curs.",
		diacritics:   []string{"și", "își", "adună", "până", "sfârșitul", "ședințele", "înregistrate", "instituției", "puține", "preluată", "Înregistrarea", "depășește"},
	},
	{
		lang: "pl", country: agora.PL, authority: "Urząd Gminy Łęczyca", ngo: "Stowarzyszenie Źródło Żółkiewki",
		actKind: "uchwala", ruleSet: legal.RuleSetPlOppLocal,
		title:     "Projekt uchwały w sprawie udziału mieszkańców w przygotowaniu aktów prawa miejscowego",
		first:     "Siedem dni to za mało: organizacje będą potrzebowały czasu na zebranie opinii mieszkańców ze wszystkich środowisk.",
		amendment: "Uwagi pisemne składa się w terminie 21 dni od dnia ogłoszenia.", amended: "21",
		second:       "Prosimy, aby uwagi można było składać także ustnie; źródłem tej prośby są żądania seniorów.",
		debateReason: "Wnosimy o spotkanie konsultacyjne: projekt dotyczy wszystkich organizacji pozarządowych w gminie.",
		accepted:     "Uwaga została uwzględniona: termin wydłużono do czternastu dni.",
		rejected:     "Uwag ustnych nie przyjmujemy, ponieważ przepisy wymagają formy pisemnej lub elektronicznej.",
		diacritics:   []string{"będą", "mieszkańców", "środowisk", "można", "składać", "źródłem", "prośby", "żądania", "została", "uwzględniona", "wydłużono", "czternastu", "ponieważ"},
	},
}

// chainActors are the people of one run, made through the store the way
// the admin pages would (the authority and its verified officer) and the
// way people sign up (two participants, one of them in an NGO).
type chainActors struct {
	officer, first, second agora.User
	authority, ngo         agora.Organisation
}

func chainPeople(t *testing.T, cc chainCase) chainActors {
	t.Helper()
	ctx := context.Background()
	st := suite.srv.Store
	var a chainActors
	var err error
	prefix := "chain-" + cc.lang
	a.authority, a.officer, err = newAuthority(ctx, st, suite.fx.admin, cc.country, cc.authority, prefix+"-officer@e2e.test", "Officer "+cc.lang)
	if err != nil {
		t.Fatal(err)
	}
	mk := func(email, name string) agora.User {
		u, err := st.CreateUser(ctx, store.NewUser{Email: email, DisplayName: name, EmailVerified: true, Lang: cc.lang})
		if err != nil {
			t.Fatal(err)
		}
		return u
	}
	if cc.country == agora.RO {
		a.first, a.second = mk(prefix+"-1@e2e.test", "Ioana Mureșan"), mk(prefix+"-2@e2e.test", "Ștefan Bălănescu")
	} else {
		a.first, a.second = mk(prefix+"-1@e2e.test", "Małgorzata Wójcik"), mk(prefix+"-2@e2e.test", "Łukasz Żeleński")
	}
	a.ngo, err = st.CreateOrg(ctx, a.second.ID, agora.OrgInput{Name: cc.ngo, Kind: "association", Country: string(cc.country),
		Description: cc.debateReason})
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// signIn mints a session for u valid at the server clock's present and
// gives it to tb.
func signIn(tb *tab, u agora.User, lang string) {
	tb.t.Helper()
	cookie, err := suite.srv.Login(context.Background(), u.ID)
	if err != nil {
		tb.t.Fatal(err)
	}
	tb.setCookie(SessionCookie, cookie)
	tb.setCookie("agora_lang", lang)
	tb.cookie = cookie
}

// TestConsultationChain is the "Done when" of issue 4, in Romanian and
// in Polish, through the browser only: an officer imports an Akoma Ntoso
// draft and publishes it with the legal dates, two participants comment
// (one with an amendment), an NGO asks for a debate, the clock passes
// the deadline, the officer answers, publishes version 2 with the
// comments carried over, and the PDF report holds the texts with their
// diacritics.
func TestConsultationChain(t *testing.T) {
	need(t)
	if _, err := exec.LookPath("pdftotext"); err != nil {
		t.Fatal("pdftotext is missing (apt-get install poppler-utils)")
	}
	for _, cc := range chainCases {
		t.Run(cc.lang, func(t *testing.T) { runChain(t, cc) })
	}
}

func runChain(t *testing.T, cc chainCase) {
	a := chainPeople(t, cc)
	officer := newTab(t, "officer", "").within(t, 4*time.Minute)
	first := newTab(t, "first", "").within(t, 4*time.Minute)
	second := newTab(t, "second", "").within(t, 4*time.Minute)
	signIn(officer, a.officer, cc.lang)
	signIn(first, a.first, cc.lang)
	signIn(second, a.second, cc.lang)
	cat := suite.srv.Catalog

	// The officer creates the consultation from the Akoma Ntoso file.
	mustVisit(officer, "/consultations/new")
	if got := eval[string](officer, `document.documentElement.lang`); got != cc.lang {
		officer.fail("the officer's page is in %q, want %q", got, cc.lang)
	}
	upload, err := filepath.Abs(filepath.Join("testdata", "draft-"+cc.lang+"-v1.akn.xml"))
	if err != nil {
		t.Fatal(err)
	}
	act(officer, "fill the new consultation",
		typed(chromedp.CSS("#f-title"), cc.title),
		chromedp.SetValue(chromedp.CSS("#f-act_kind"), cc.actKind),
		chromedp.SetValue(chromedp.CSS("#f-rule_set_id"), cc.ruleSet),
		chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{upload}))
	submit(officer, `#main form[method=post] button[type=submit]:not([name=preview])`, 200)
	id := consultationID(officer)

	// The parsed structure, unit by unit.
	mustPath(officer, "/consultations/"+id+"/text")
	keys := eval[[]string](officer, `[...document.querySelectorAll('#main table tbody th code')].map(c => c.textContent)`)
	if strings.Join(keys, " ") != "pre art-1 art-1.par-1 art-1.par-2 art-2 art-2.par-1 art-3" {
		officer.fail("parsed units %q, want the articles and paragraphs of the Akoma Ntoso file", keys)
	}
	unitText := eval[string](officer, `[...document.querySelectorAll('#main table tbody tr')].find(r => r.querySelector('code').textContent === 'art-2.par-1').textContent`)
	v1 := map[string]string{"ro": "Recomandările scrise se transmit în termen de 10 zile de la publicare.", "pl": "Uwagi pisemne składa się w terminie 7 dni od dnia ogłoszenia."}[cc.lang]
	if !strings.Contains(unitText, v1) {
		officer.fail("art-2.par-1 reads %q, want %q", unitText, v1)
	}

	// Publishing: a comment period shorter than the law allows is
	// refused next to its field; the proposed dates are accepted.
	mustVisit(officer, "/consultations/"+id+"/publish")
	opens := value(officer, "#f-opens_on")
	closes := value(officer, "#f-comments_close_on")
	adoption := value(officer, "#f-earliest_adoption")
	if opens == "" || closes == "" || adoption == "" {
		officer.fail("publish page proposes opens %q, closes %q, adoption %q", opens, closes, adoption)
	}
	od, err := legal.ParseDate(opens)
	if err != nil {
		t.Fatal(err)
	}
	act(officer, "shorten the comment period", chromedp.SetValue(chromedp.CSS("#f-comments_close_on"), od.AddDays(2).String()))
	submit(officer, `#main form[method=post] button[type=submit]`, 422)
	want := before(cat.T(cc.lang, "legal.violation.comment_period_too_short", nil), "{")
	if msg := text(officer, "#f-comments_close_on-error"); !strings.HasPrefix(msg, want) {
		officer.fail("error next to the closing date: %q, want the translated violation %q…", msg, want)
	}
	if got := eval[string](officer, `document.getElementById('f-comments_close_on').getAttribute('aria-describedby') || ''`); !strings.Contains(got, "f-comments_close_on-error") {
		officer.errorf("the closing date field is not described by its error (aria-describedby=%q)", got)
	}
	act(officer, "restore the legal dates",
		chromedp.SetValue(chromedp.CSS("#f-opens_on"), opens),
		chromedp.SetValue(chromedp.CSS("#f-comments_close_on"), closes),
		chromedp.SetValue(chromedp.CSS("#f-earliest_adoption"), adoption))
	submit(officer, `#main form[method=post] button[type=submit]`, 200)
	mustPath(officer, "/consultations/"+id)

	// Two participants comment on paragraphs; the first proposes an
	// amendment, shown as a redline.
	mustVisit(first, "/consultations/"+id+"/units/art-2.par-1")
	act(first, "write a comment with an amendment",
		typed(chromedp.CSS("#f-body"), cc.first),
		chromedp.SetValue(chromedp.CSS("#f-amendment"), cc.amendment))
	submit(first, `#comment-form button[type=submit]`, 200)
	mustPath(first, "/consultations/"+id+"/units/art-2.par-1")
	if !strings.Contains(text(first, "ol.comments"), cc.first) {
		first.fail("the unit page does not list the new comment: %.800s", text(first, "#main"))
	}
	ins := eval[string](first, `[...document.querySelectorAll('ol.comments .redline ins')].map(e => e.textContent).join(' ')`)
	del := eval[string](first, `[...document.querySelectorAll('ol.comments .redline del')].map(e => e.textContent).join(' ')`)
	if !strings.Contains(ins, cc.amended) || del == "" {
		first.fail("amendment redline: <ins> %q, <del> %q; want %q inserted and the old words deleted", ins, del, cc.amended)
	}
	mustVisit(second, "/consultations/"+id+"/units/art-1.par-2")
	act(second, "write a comment", typed(chromedp.CSS("#f-body"), cc.second))
	submit(second, `#comment-form button[type=submit]`, 200)
	if !strings.Contains(text(second, "ol.comments"), cc.second) {
		second.fail("the unit page does not list the second comment")
	}

	// The second participant's NGO asks for a public debate from the
	// consultation page.
	mustVisit(second, "/consultations/"+id)
	act(second, "ask for a debate",
		chromedp.SetValue(chromedp.CSS("#f-debate-org"), a.ngo.ID),
		typed(chromedp.CSS("#f-debate-reason"), cc.debateReason))
	submit(second, `form.debate-request button[type=submit]`, 200)
	mustPath(second, "/consultations/"+id)
	requested := cat.TN(cc.lang, "consultation_comment.clock.debate_requested", 1, nil)
	if clock := text(second, "section.clock"); !strings.Contains(clock, requested) {
		second.fail("the clock says %q, want %q", clock, requested)
	}
	shot(second, "consultation")

	// Past the deadline the unit page says when comments closed.
	passed := 25 * 24 * time.Hour
	suite.srv.Clock.Advance(passed)
	t.Cleanup(func() { suite.srv.Clock.Advance(-passed) })
	signIn(officer, a.officer, cc.lang)
	signIn(first, a.first, cc.lang)
	mustVisit(first, "/consultations/"+id+"/units/art-2.par-1")
	if n := eval[int](first, `document.querySelectorAll('#comment-form form').length`); n != 0 {
		first.fail("the comment form is still there after the deadline")
	}
	closedPrefix := before(cat.T(cc.lang, "consultation_comment.error.closed_at", nil), "{")
	if note := text(first, "#comment-form .notice"); !strings.HasPrefix(note, closedPrefix) {
		first.fail("closed unit says %q, want %q…", note, closedPrefix)
	}
	shot(first, "unit-closed")

	// The officer answers both recommendations and publishes the answers.
	answer := func(body, status, why string) {
		mustVisit(officer, "/consultations/"+id+"/answers")
		box := eval[string](officer, `(() => { const li = [...document.querySelectorAll('li.answer-item')].find(li => li.textContent.includes(`+jsString(body)+`));
			return li ? li.querySelector('input[name=comment]').id : '' })()`)
		if box == "" {
			officer.fail("the answers page does not list %q", body)
		}
		act(officer, "answer "+status,
			chromedp.Click(chromedp.CSS("#"+box)),
			chromedp.Click(chromedp.CSS(`input[name=status][value=`+status+`]`)),
			typed(chromedp.CSS("#f-justification"), why))
		submit(officer, `fieldset.answer-form button[type=submit]`, 200)
	}
	answer(cc.first, "accepted", cc.accepted)
	answer(cc.second, "rejected", cc.rejected)
	if missing := text(officer, "section.answer-state"); !strings.Contains(missing, cat.TN(cc.lang, "consultation_answer.workspace.missing", 0, nil)) {
		officer.fail("after answering both, the workspace says %q", missing)
	}
	shot(officer, "answers")
	submit(officer, `form[action$="/answers/publish"] button[type=submit]`, 200)
	if n := eval[int](officer, `document.querySelectorAll('form[action$="/answers/publish"]').length`); n != 0 {
		officer.fail("the answers are not published: %q", text(officer, "#main"))
	}

	// Version 2 carries the comments over; the changed paragraph says so.
	mustVisit(officer, "/consultations/"+id+"/versions/new")
	upload2, _ := filepath.Abs(filepath.Join("testdata", "draft-"+cc.lang+"-v2.akn.xml"))
	act(officer, "upload version 2", chromedp.SetUploadFiles(chromedp.CSS("#f-file"), []string{upload2}))
	submit(officer, `#main form[method=post] button[type=submit]`, 200)
	mustPath(officer, "/consultations/"+id+"/versions/2")
	mustVisit(first, "/consultations/"+id+"/units/art-2.par-1")
	if !strings.Contains(text(first, "ol.comments"), cc.first) {
		first.fail("version 2's art-2.par-1 does not list the comment made on version 1")
	}
	mustVisit(first, "/consultations/"+id+"/units/art-2.par-1/changes?v=2")
	changed := cat.T(cc.lang, "consultation_answer.carry.changed", nil)
	carried := text(first, "ul.carried-comments")
	if !strings.Contains(carried, cc.first) || !strings.Contains(eval[string](first, `[...document.querySelectorAll('ul.carried-comments .badge')].map(b => b.textContent).join('|')`), changed) {
		first.fail("changes of art-2.par-1 list %q, want the comment marked %q", carried, changed)
	}
	mustVisit(first, "/consultations/"+id+"/units/art-1.par-2")
	if !strings.Contains(text(first, "ol.comments"), cc.second) {
		first.fail("version 2's art-1.par-2 does not list the second comment")
	}

	// The PDF report holds the comments and answers, letter for letter.
	pdf := fetchFile(t, "/consultations/"+id+"/report/pdf", officer.cookie)
	if !strings.HasPrefix(string(pdf), "%PDF") {
		t.Fatalf("report/pdf is not a PDF: %.40q", pdf)
	}
	p := filepath.Join(t.TempDir(), "report.pdf")
	if err := os.WriteFile(p, pdf, 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("pdftotext", "-enc", "UTF-8", p, "-").Output()
	if err != nil {
		t.Fatalf("pdftotext: %v", err)
	}
	flat := strings.Join(strings.Fields(string(out)), " ")
	for _, s := range append([]string{cc.first, cc.second, cc.accepted, cc.rejected}, cc.diacritics...) {
		if !strings.Contains(flat, s) {
			t.Errorf("the PDF report lacks %q", s)
		}
	}
	if t.Failed() {
		t.Logf("pdftotext:\n%s", out)
	}
}

// shot saves a PNG of the whole page in the suite's screenshot folder,
// for people to look at the pages of the chain.
func shot(tb *tab, name string) {
	tb.t.Helper()
	buf, err := chromedp.Run(tb.ctx, chromedp.FullScreenshot(100))
	if err != nil {
		tb.t.Logf("screenshot: %v", err)
		return
	}
	p := filepath.Join(suite.shots, unsafeName.ReplaceAllString(tb.t.Name()+"_"+name, "_")+".png")
	if err := os.WriteFile(p, buf, 0o644); err == nil {
		tb.t.Logf("screenshot: %s", p)
	}
}

// typed focuses the element and inserts s as typed text, the way an
// input method does: chromedp's key events drop some letters outside
// the US keyboard (the Polish ą among them).
func typed(sel chromedp.CSS, s string) chromedp.Action[chromedp.Void] {
	return func(ctx context.Context, t *chromedp.Target) (chromedp.Void, error) {
		if err := chromedp.Do(ctx, chromedp.Focus(sel)); err != nil {
			return chromedp.Void{}, err
		}
		_, err := chromedp.Call(ctx, input.InsertText, input.InsertTextParams{Text: s})
		return chromedp.Void{}, err
	}
}

// act runs browser actions and fails with what was being done.
func act(tb *tab, what string, actions ...chromedp.Action[chromedp.Void]) {
	tb.t.Helper()
	if err := chromedp.Do(tb.ctx, actions...); err != nil {
		tb.fail("%s: %v", what, err)
	}
}

func mustVisit(tb *tab, path string) {
	tb.t.Helper()
	status, err := tb.visit(path)
	if err != nil {
		tb.fail("%v", err)
	}
	if status != 200 {
		tb.fail("GET %s: status %d: %.300s", path, status, text(tb, "#main"))
	}
}

// submit clicks a submit button and checks the status of the page the
// browser ends on, after any redirect.
func submit(tb *tab, button string, want int64) {
	tb.t.Helper()
	resp, err := chromedp.RunResponse(tb.ctx, chromedp.Click(chromedp.CSS(button), chromedp.NodeReady))
	if err != nil {
		tb.fail("click %s: %v", button, err)
	}
	if err := chromedp.Do(tb.ctx, chromedp.WaitReady(chromedp.CSS("#main"))); err != nil {
		tb.fail("wait after %s: %v", button, err)
	}
	if resp.Status != want {
		tb.fail("after %s: status %d, want %d: %.400s", button, resp.Status, want, text(tb, "#main"))
	}
}

func text(tb *tab, sel string) string {
	tb.t.Helper()
	return strings.TrimSpace(eval[string](tb, `(() => { const e = document.querySelector(`+jsString(sel)+`); return e ? e.innerText : '' })()`))
}

func value(tb *tab, sel string) string {
	tb.t.Helper()
	return eval[string](tb, `(() => { const e = document.querySelector(`+jsString(sel)+`); return e ? e.value : '' })()`)
}

func jsString(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`, "<", `\x3c`)
	return "'" + r.Replace(s) + "'"
}

func before(s, sep string) string {
	if i := strings.Index(s, sep); i >= 0 {
		s = s[:i]
	}
	return strings.TrimSpace(s)
}

func currentPath(tb *tab) string {
	tb.t.Helper()
	loc, err := chromedp.Run(tb.ctx, chromedp.Location())
	if err != nil {
		tb.fail("location: %v", err)
	}
	return strings.TrimPrefix(strings.SplitN(strings.SplitN(loc, "#", 2)[0], "?", 2)[0], suite.srv.URL)
}

func mustPath(tb *tab, want string) {
	tb.t.Helper()
	if got := currentPath(tb); got != want {
		tb.fail("the browser is at %s, want %s", got, want)
	}
}

var consultationPathRE = regexp.MustCompile(`^/consultations/([^/]+)/`)

func consultationID(tb *tab) string {
	tb.t.Helper()
	m := consultationPathRE.FindStringSubmatch(currentPath(tb))
	if m == nil {
		tb.fail("after creating, the browser is at %s: %.400s", currentPath(tb), text(tb, "#main"))
	}
	return m[1]
}

// fetchFile downloads a path with a session cookie, outside the browser.
func fetchFile(t *testing.T, path, cookie string) []byte {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, suite.srv.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.AddCookie(&http.Cookie{Name: SessionCookie, Value: cookie})
	resp, err := (&http.Client{Timeout: time.Minute}).Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	body, err := io.ReadAll(resp.Body)
	if err != nil {
		t.Fatal(err)
	}
	if resp.StatusCode != 200 {
		t.Fatalf("GET %s: status %d: %.300s", path, resp.StatusCode, body)
	}
	return body
}
