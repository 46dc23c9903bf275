package web

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/report"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

var benchSentences = []string{
	"Propunem ca termenul pentru depunerea recomandărilor să fie de cel puțin 30 de zile calendaristice.",
	"Asociațiile din județ nu au fost consultate înainte de redactarea proiectului, deși legea o cere.",
	"Textul articolului trebuie corelat cu prevederile Legii nr. 52/2003, republicată, privind transparența decizională.",
	"Sugerăm eliminarea obligației de a depune documentele în format fizic la registratura instituției.",
	"Criteriile de evaluare a proiectelor finanțate nerambursabil ar trebui publicate odată cu anunțul.",
	"Este necesară o perioadă de tranziție de șase luni pentru organizațiile care au contracte în derulare.",
}

// reportBench is a published consultation of 300 units with 5,000
// answered comments by 50 participants, past its deadline.
type reportBench struct {
	st  *store.Store
	srv *Server
	id  string
}

func newReportBench(b *testing.B) *reportBench {
	b.Helper()
	ctx := context.Background()
	var mu sync.Mutex
	now := time.Now().UTC().Add(-30 * 24 * time.Hour)
	clock := func() time.Time { mu.Lock(); defer mu.Unlock(); return now }
	st := storetest.OpenWith(b, storetest.Options{Now: clock})
	a := storetest.NewAuthority(b, st, agora.RO, "bench")
	var units []agora.Unit
	for i := 1; len(units) < 300; i++ {
		art := fmt.Sprintf("art-%d", i)
		units = append(units, agora.Unit{Key: art, Kind: agora.UnitArticle, Number: fmt.Sprint(i), Heading: "Dispoziții"})
		for p := 1; p <= 2; p++ {
			units = append(units, agora.Unit{Key: fmt.Sprintf("%s.par-%d", art, p), ParentKey: art, Kind: agora.UnitParagraph,
				Number: fmt.Sprintf("(%d)", p), Text: benchSentences[(i+p)%len(benchSentences)], Depth: 1})
		}
	}
	c, err := st.CreateConsultation(ctx, a.Officer.ID, a.Org.ID, agora.ConsultationInput{Title: "Proiect de hotărâre privind finanțarea nerambursabilă",
		ActKind: "hotarare_consiliu_local", RuleSetID: "ro-law52"}, units, "text")
	if err != nil {
		b.Fatal(err)
	}
	if _, err := st.PublishConsultation(ctx, a.Officer.ID, c.ID, store.Publication{OpensAt: now.Add(-time.Hour), CommentsClose: now.Add(10 * 24 * time.Hour)}); err != nil {
		b.Fatal(err)
	}
	people := make([]agora.User, 50)
	for i := range people {
		if people[i], err = st.CreateUser(ctx, store.NewUser{Email: fmt.Sprintf("p%d@bench.test", i), DisplayName: fmt.Sprintf("Participantă Ștefănescu %d", i), EmailVerified: true}); err != nil {
			b.Fatal(err)
		}
	}
	const total = 5000
	ids := make([]string, total)
	var wg sync.WaitGroup
	errs := make(chan error, total)
	work := make(chan int)
	for range 32 {
		wg.Go(func() {
			for n := range work {
				in := agora.CommentInput{UnitKey: units[n%len(units)].Key, Body: benchSentences[n%6] + " " + benchSentences[(n+2)%6]}
				if n%3 == 0 {
					in.Amendment = benchSentences[(n+1)%6]
				}
				cm, _, err := st.CreateComment(ctx, store.NewComment{ConsultationID: c.ID, AuthorID: people[n%len(people)].ID, Input: in})
				if err != nil {
					errs <- err
					continue
				}
				ids[n] = cm.ID
			}
		})
	}
	for n := range total {
		work <- n
	}
	close(work)
	wg.Wait()
	close(errs)
	for err := range errs {
		b.Fatal(err)
	}
	// Answers in groups of ten similar recommendations.
	for i := 0; i < total; i += 10 {
		status := agora.AnswerStatuses[(i/10)%len(agora.AnswerStatuses)]
		in := agora.AnswerInput{Status: status, Justification: benchSentences[(i/10)%6], CommentIDs: ids[i:min(i+10, total)]}
		if _, err := st.AnswerComments(ctx, a.Officer.ID, c.ID, in); err != nil {
			b.Fatal(err)
		}
	}
	if _, err := st.PublishAnswers(ctx, a.Officer.ID, c.ID); err == nil {
		b.Fatal("answers published before the deadline")
	}
	mu.Lock()
	now = now.Add(11 * 24 * time.Hour)
	mu.Unlock()
	if _, err := st.PublishAnswers(ctx, a.Officer.ID, c.ID); err != nil {
		b.Fatal(err)
	}
	cat, err := i18n.Load()
	if err != nil {
		b.Fatal(err)
	}
	sealer, err := auth.NewSealer(map[byte][]byte{1: []byte("0123456789abcdef0123456789abcdef")}, 1)
	if err != nil {
		b.Fatal(err)
	}
	srv, err := New(Config{BaseURL: testBaseURL}, Deps{Store: st, Catalog: cat, Hasher: auth.TestHasher(), Sealer: sealer, Now: clock,
		Logger: slog.New(slog.DiscardHandler)})
	if err != nil {
		b.Fatal(err)
	}
	return &reportBench{st: st, srv: srv, id: c.ID}
}

// BenchmarkReportPDF5000 is the figure: the PDF report of a
// consultation with 300 units and 5,000 answered recommendations, end to
// end from the database (one snapshot of six statements) through the
// report model to report.WritePDF. Target: at most 3 s.
func BenchmarkReportPDF5000(b *testing.B) {
	rb := newReportBench(b)
	ctx := context.Background()
	var read, model, pdf time.Duration
	var size int64
	for b.Loop() {
		t0 := time.Now()
		rec, err := rb.st.ConsultationRecord(ctx, rb.id)
		if err != nil {
			b.Fatal(err)
		}
		t1 := time.Now()
		m, _ := rb.srv.reportModel("ro", rec)
		t2 := time.Now()
		var w countWriter
		if err := report.WritePDF(&w, m); err != nil {
			b.Fatal(err)
		}
		read, model, pdf, size = read+t1.Sub(t0), model+t2.Sub(t1), pdf+time.Since(t2), int64(w)
		if m.Totals.Recommendations != 5000 {
			b.Fatalf("report of %d recommendations", m.Totals.Recommendations)
		}
	}
	n := float64(b.N)
	b.ReportMetric(read.Seconds()*1000/n, "read-ms")
	b.ReportMetric(model.Seconds()*1000/n, "model-ms")
	b.ReportMetric(pdf.Seconds()*1000/n, "pdf-ms")
	b.ReportMetric(float64(size)/1e6, "MB")
}

// BenchmarkReportPDF5000HTTP is the same report downloaded through the
// public route, as a visitor gets it.
func BenchmarkReportPDF5000HTTP(b *testing.B) {
	rb := newReportBench(b)
	ts := httptest.NewServer(rb.srv.Handler())
	defer ts.Close()
	for b.Loop() {
		resp, err := http.Get(ts.URL + consultationPath(rb.id, "report", "pdf"))
		if err != nil {
			b.Fatal(err)
		}
		n, _ := io.Copy(io.Discard, resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || n < 1000 {
			b.Fatalf("GET report.pdf = %d, %d bytes", resp.StatusCode, n)
		}
	}
}

type countWriter int64

func (w *countWriter) Write(p []byte) (int, error) { *w += countWriter(len(p)); return len(p), nil }
