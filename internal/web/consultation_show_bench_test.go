package web

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"net/url"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// benchDraft is a draft of 30 articles with 9 paragraphs each: 300 units.
func benchDraft() []agora.Unit {
	var units []agora.Unit
	for a := 1; a <= 30; a++ {
		art := fmt.Sprintf("art-%d", a)
		units = append(units, agora.Unit{Key: art, Kind: agora.UnitArticle, Number: fmt.Sprint(a), Heading: fmt.Sprintf("Dispoziții %d", a)})
		for p := 1; p <= 9; p++ {
			units = append(units, agora.Unit{Key: fmt.Sprintf("%s.par-%d", art, p), ParentKey: art, Kind: agora.UnitParagraph, Depth: 1,
				Number: fmt.Sprintf("(%d)", p), Text: fmt.Sprintf("Autoritatea publică asigură, în termen de %d zile, publicarea documentelor prevăzute la alineatul (%d), inclusiv în format deschis.", p*5, p)})
		}
	}
	return units
}

type pageBench struct {
	ts      *httptest.Server
	c       agora.Consultation
	units   []agora.Unit
	cookies []*http.Cookie
}

// newPageBench builds a server over a durable SQLite file (or the test
// PostgreSQL) with one consultation of 300 units and 5,000 comments.
func newPageBench(b *testing.B, posters int) *pageBench {
	b.Helper()
	ctx := context.Background()
	var st *store.Store
	if storetest.Postgres() {
		st = storetest.Open(b)
	} else {
		var err error
		st, err = store.Open(ctx, store.Config{Path: filepath.Join(b.TempDir(), "bench.db")})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
	}
	a := storetest.NewAuthority(b, st, agora.RO, "bench")
	units := benchDraft()
	c, err := st.CreateConsultation(ctx, a.Officer.ID, a.Org.ID, agora.ConsultationInput{Title: "Proiect de hotărâre privind transparența decizională",
		ActKind: "hotarare_consiliu_local", RuleSetID: "ro-law52", Summary: "Un proiect **mare**."}, units, "text")
	if err != nil {
		b.Fatal(err)
	}
	now := time.Now()
	if c, err = st.PublishConsultation(ctx, a.Officer.ID, c.ID, store.Publication{OpensAt: now.Add(-time.Hour), CommentsClose: now.Add(30 * 24 * time.Hour),
		EarliestAdoption: now.AddDate(0, 3, 0).Format(time.DateOnly)}); err != nil {
		b.Fatal(err)
	}
	pb := &pageBench{c: c, units: units}
	var people []agora.User
	for i := range max(posters, 50) {
		u, err := st.CreateUser(ctx, store.NewUser{Email: fmt.Sprintf("pb%d@x.test", i), DisplayName: fmt.Sprintf("Participant %d", i), EmailVerified: true})
		if err != nil {
			b.Fatal(err)
		}
		people = append(people, u)
	}
	var wg sync.WaitGroup
	for w := range 16 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := w; i < 5000; i += 16 {
				u := units[1+i%(len(units)-1)]
				if u.Text == "" {
					u = units[2]
				}
				if _, _, err := st.CreateComment(ctx, store.NewComment{ConsultationID: c.ID, AuthorID: people[i%len(people)].ID,
					Input: agora.CommentInput{UnitKey: u.Key, Body: fmt.Sprintf("Propunerea %d: termenul să fie mai lung.", i)}}); err != nil {
					b.Error(err)
					return
				}
			}
		}()
	}
	wg.Wait()
	cat, err := i18n.Load()
	if err != nil {
		b.Fatal(err)
	}
	srv, err := New(Config{BaseURL: "http://agora.test"}, Deps{Store: st, Catalog: cat, Hasher: auth.TestHasher()})
	if err != nil {
		b.Fatal(err)
	}
	pb.ts = httptest.NewServer(srv.Handler())
	b.Cleanup(pb.ts.Close)
	for _, u := range people[:posters] {
		plain, hash, err := auth.NewToken()
		if err != nil {
			b.Fatal(err)
		}
		if err := st.CreateSession(ctx, agora.Session{IDHash: hash, UserID: u.ID, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
			b.Fatal(err)
		}
		pb.cookies = append(pb.cookies, &http.Cookie{Name: srv.sessionCookie(), Value: plain})
	}
	return pb
}

// BenchmarkConsultationPage is the figure: 16 clients read the
// page of a consultation with 300 units and 5,000 comments while 5% of
// requests post comments.
//
//	go test ./internal/web -run '^$' -bench ConsultationPage -benchtime 20000x
func BenchmarkConsultationPage(b *testing.B) {
	const clients = 16
	pb := newPageBench(b, clients)
	page := pb.ts.URL + "/consultations/" + pb.c.ID
	post := page + "/comments"
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	b.Cleanup(tr.CloseIdleConnections)
	client := &http.Client{Transport: tr, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	var next atomic.Int64
	lat := make([][]time.Duration, clients)
	getLat := make([][]time.Duration, clients)
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				var req *http.Request
				isPost := i%20 == 0
				if isPost {
					form := url.Values{"unit": {pb.units[1+int(i)%(len(pb.units)-1)].Key}, "body": {fmt.Sprintf("Comentariu în timpul testului %d.", i)},
						"client_key": {fmt.Sprintf("b%d", i)}}
					if form.Get("unit") == "art-1" || strings.Count(form.Get("unit"), ".") == 0 {
						form.Set("unit", "art-1.par-1")
					}
					req, _ = http.NewRequest("POST", post, strings.NewReader(form.Encode()))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
					req.Header.Set("Sec-Fetch-Site", "same-origin")
					req.AddCookie(pb.cookies[w])
				} else {
					req, _ = http.NewRequest("GET", page, nil)
				}
				t0 := time.Now()
				resp, err := client.Do(req)
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				d := time.Since(t0)
				want := http.StatusOK
				if isPost {
					want = http.StatusSeeOther
				}
				if resp.StatusCode != want {
					b.Errorf("%s = %d", req.Method, resp.StatusCode)
					return
				}
				lat[w] = append(lat[w], d)
				if !isPost {
					getLat[w] = append(getLat[w], d)
				}
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	all, gets := slices.Concat(lat...), slices.Concat(getLat...)
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "req/s")
	b.ReportMetric(p99(all), "p99-ms")
	b.ReportMetric(p99(gets), "get-p99-ms")
}

// BenchmarkBareHandler is the same load against a net/http handler that
// writes a page of the same size from memory, for the ratio.
func BenchmarkBareHandler(b *testing.B) {
	const clients = 16
	body := []byte(strings.Repeat("<p>Autoritatea publică asigură publicarea documentelor.</p>\n", 2500))
	ts := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(body)
	}))
	b.Cleanup(ts.Close)
	tr := &http.Transport{MaxIdleConnsPerHost: clients, MaxConnsPerHost: clients}
	b.Cleanup(tr.CloseIdleConnections)
	client := &http.Client{Transport: tr}
	var next atomic.Int64
	lat := make([][]time.Duration, clients)
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for next.Add(1) <= int64(b.N) {
				t0 := time.Now()
				resp, err := client.Get(ts.URL)
				if err != nil {
					b.Error(err)
					return
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				lat[w] = append(lat[w], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	all := slices.Concat(lat...)
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "req/s")
	b.ReportMetric(p99(all), "p99-ms")
}

func p99(ds []time.Duration) float64 {
	if len(ds) == 0 {
		return 0
	}
	slices.Sort(ds)
	return float64(ds[len(ds)*99/100].Microseconds()) / 1000
}
