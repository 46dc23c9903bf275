package main

import (
	"bytes"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"slices"
	"strings"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// ccConfig is what `agora bench consultation` reads. Like the directory
// benchmark it ignores AGORA_DATA and AGORA_DB.
type ccConfig struct {
	Data       string
	DB         string
	Clients    int
	Duration   time.Duration
	Warmup     time.Duration
	PostEvery  int
	PDFRuns    int
	CPUProfile string
}

// Targets of issue 4.
const (
	ccTargetPageP99  = 25 * time.Millisecond
	ccTargetPageRPS  = 2500
	ccTargetPostP99  = 20 * time.Millisecond
	ccTargetPostRate = 5000
	ccTargetPDF      = 3 * time.Second
	ccTargetSQL      = 5
)

func cmdBenchConsultation(ctx context.Context, args []string, stdout, stderr io.Writer) error {
	var c ccConfig
	fs := newFlagSet("bench consultation", stderr)
	fs.StringVar(&c.Data, "data", "./agora-bench-consultation", "directory for the benchmark database (built on first use, copied afresh for every run)")
	fs.StringVar(&c.DB, "db", "", "PostgreSQL URL: the dataset goes into its own schema "+ccPostgresSchema+" there (empty: SQLite in --data)")
	fs.IntVar(&c.Clients, "clients", 16, "concurrent keep-alive clients")
	fs.DurationVar(&c.Duration, "duration", 10*time.Second, "measured load per scenario")
	fs.DurationVar(&c.Warmup, "warmup", 2*time.Second, "unmeasured load before each measurement")
	fs.IntVar(&c.PostEvery, "post-every", 20, "one request in this many is a comment post in the page scenario (20 = 5%)")
	fs.IntVar(&c.PDFRuns, "pdf-runs", 3, "PDF reports to time (the median is reported)")
	fs.StringVar(&c.CPUProfile, "cpuprofile", "", "write a CPU profile of the loads (server and clients) to this file")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if c.Clients < 1 || c.Duration <= 0 || c.PostEvery < 1 || c.PDFRuns < 1 {
		return usageError{"bench consultation: sizes must be positive"}
	}
	return runBenchConsultation(ctx, c, stdout, stderr)
}

// ccReport is everything one run measured.
type ccReport struct {
	Dataset     string
	StartLoad   string
	DBKind      string
	Comments    int
	Units       int
	PageBytes   int
	SQLMiss     int64 // statements for a rendering (cache miss)
	SQLHit      int64 // statements for a cached page
	SQLPost     int64 // statements for one comment post
	PDF         []time.Duration
	PDFBytes    int
	PDFErr      error
	Page, Bare  mixResult
	Post, BareP mixResult
	Stored      int // comments the posting consultation holds afterwards
}

func runBenchConsultation(ctx context.Context, c ccConfig, stdout, stderr io.Writer) error {
	rep := ccReport{StartLoad: loadAverage(), DBKind: "embedded SQLite file (WAL, synchronous=FULL) in " + c.Data}
	if c.DB != "" {
		rep.DBKind = "PostgreSQL, schema " + ccPostgresSchema
	}
	ds, built, err := prepareConsultationData(ctx, c, stderr)
	if err != nil {
		return err
	}
	rep.Dataset = "reused"
	if built > 0 {
		rep.Dataset = fmt.Sprintf("built in %.0f s", built.Seconds())
	}
	if err := os.MkdirAll(c.Data, 0o700); err != nil {
		return err
	}
	st, err := store.Open(ctx, ccStoreConfig(c, filepath.Join(c.Data, "agora.db")))
	if err != nil {
		return err
	}
	defer st.Close()
	h, err := benchHandler(st, c.Data)
	if err != nil {
		return err
	}
	base, stop, err := startHTTP(h)
	if err != nil {
		return err
	}
	defer stop()
	if err := checkDataset(ctx, st, ds, &rep); err != nil {
		return err
	}
	sessions := func(users []string) ([]string, error) {
		var out []string
		for _, id := range users {
			plain, hash, err := auth.NewToken()
			if err != nil {
				return nil, err
			}
			if err := st.CreateSession(ctx, agora.Session{IDHash: hash, UserID: id, ExpiresAt: time.Now().Add(2 * time.Hour), UserAgent: "agora bench"}); err != nil {
				return nil, err
			}
			out = append(out, plain)
		}
		return out, nil
	}
	officer, err := sessions([]string{ds.Officer})
	if err != nil {
		return err
	}
	n := min(c.Clients, len(ds.Participants)/2)
	pagePosters, err := sessions(ds.Participants[:n])
	if err != nil {
		return err
	}
	posters, err := sessions(ds.Participants[n : 2*n])
	if err != nil {
		return err
	}
	pageURL := base + "/consultations/" + ds.Page
	client := newBenchClient(1)
	defer client.CloseIdleConnections()
	page, err := ccQueries(st, func() (*http.Response, error) { return client.Do(getRequest(pageURL)) }, &rep.SQLMiss)
	if err != nil {
		return err
	}
	rep.PageBytes = len(page)
	if got := strings.Count(string(page), `<div class="unit depth-`); got != rep.Units {
		return fmt.Errorf("bench: the page shows %d units, the store %d", got, rep.Units)
	}
	if _, err := ccQueries(st, func() (*http.Response, error) { return client.Do(getRequest(pageURL)) }, &rep.SQLHit); err != nil {
		return err
	}
	run := time.Now().Format("150405")

	// One post on a quiet server, for its statement count (after a load,
	// requests the deadline cut off may still be running).
	post := commentPoster{base: base, consultation: ds.Posting, sessions: posters, units: ds.Units, run: "post" + run}
	if _, err := ccQueries(st, func() (*http.Response, error) { return client.Do(post.request(0, 0)) }, &rep.SQLPost); err != nil {
		return err
	}
	fmt.Fprintln(stderr, "bench: PDF report")
	rep.PDF, rep.PDFBytes, rep.PDFErr = timePDF(ctx, client, pageURL+"/report/pdf", officer[0], c.PDFRuns)

	if c.CPUProfile != "" {
		f, err := os.Create(c.CPUProfile)
		if err != nil {
			return err
		}
		defer f.Close()
		if err := pprof.StartCPUProfile(f); err != nil {
			return err
		}
	}
	fmt.Fprintf(stderr, "bench: page with %d%% posts\n", 100/c.PostEvery)
	pagePost := commentPoster{base: base, consultation: ds.Page, sessions: pagePosters, units: ds.Units, run: "page" + run}
	mixed := func(get string, post commentPoster) ccRequest {
		return func(w int, i int64) (*http.Request, int, int) {
			if i%int64(c.PostEvery) == 0 {
				return post.request(w, i), reqPost, http.StatusSeeOther
			}
			return getRequest(get), reqGet, http.StatusOK
		}
	}
	rep.Page = runMix(ctx, c.Clients, c.Warmup, c.Duration, mixed(pageURL, pagePost))

	fmt.Fprintln(stderr, "bench: comment posting")
	onlyPosts := func(p commentPoster) ccRequest {
		return func(w int, i int64) (*http.Request, int, int) { return p.request(w, i), reqPost, http.StatusSeeOther }
	}
	rep.Post = runMix(ctx, c.Clients, c.Warmup, c.Duration, onlyPosts(post))
	if c.CPUProfile != "" {
		pprof.StopCPUProfile()
	}
	pc, err := st.Consultation(ctx, ds.Posting)
	if err != nil {
		return err
	}
	rep.Stored = pc.CommentCount

	fmt.Fprintln(stderr, "bench: bare handler")
	bareURL, stopBare, err := startHTTP(bareMixHandler(bytes.Repeat([]byte("x"), rep.PageBytes)))
	if err != nil {
		return err
	}
	defer stopBare()
	barePost := commentPoster{base: bareURL, consultation: ds.Page, sessions: pagePosters, units: ds.Units, run: "bare"}
	rep.Bare = runMix(ctx, c.Clients, c.Warmup, c.Duration, mixed(bareURL+"/", barePost))
	rep.BareP = runMix(ctx, c.Clients, c.Warmup, c.Duration, onlyPosts(barePost))
	printConsultationReport(stdout, c, rep)
	return nil
}

// checkDataset makes sure the database holds what the report says: 300
// units and 5,000 comments, counted both ways.
func checkDataset(ctx context.Context, st *store.Store, ds ccDataset, rep *ccReport) error {
	pc, err := st.Consultation(ctx, ds.Page)
	if err != nil {
		return err
	}
	units, err := st.ConsultationUnits(ctx, ds.Page, pc.Version)
	if err != nil {
		return err
	}
	sum := 0
	for _, u := range units {
		sum += u.CommentCount
	}
	if sum != pc.CommentCount {
		return fmt.Errorf("bench: the units count %d comments, the consultation %d", sum, pc.CommentCount)
	}
	rep.Comments, rep.Units = pc.CommentCount, len(units)
	return nil
}

// ccQueries does one request and counts the SQL statements it ran.
func ccQueries(st *store.Store, do func() (*http.Response, error), n *int64) ([]byte, error) {
	before := st.Queries().Count()
	resp, err := do()
	if err != nil {
		return nil, err
	}
	body, err := io.ReadAll(resp.Body)
	resp.Body.Close()
	*n = st.Queries().Count() - before
	if err != nil {
		return nil, err
	}
	if resp.StatusCode != http.StatusOK && resp.StatusCode != http.StatusSeeOther {
		return nil, fmt.Errorf("bench: %s %s: HTTP %d", resp.Request.Method, resp.Request.URL.Path, resp.StatusCode)
	}
	return body, nil
}

// timePDF downloads the report preview as the officer runs times.
func timePDF(ctx context.Context, c *http.Client, u, session string, runs int) ([]time.Duration, int, error) {
	var took []time.Duration
	size := 0
	for range runs {
		req, _ := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
		req.Header.Set("Accept-Language", "ro")
		req.AddCookie(&http.Cookie{Name: sessionCookieName, Value: session})
		t0 := time.Now()
		resp, err := c.Do(req)
		if err != nil {
			return took, 0, err
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		d := time.Since(t0)
		if err != nil {
			return took, 0, err
		}
		if resp.StatusCode != http.StatusOK || !bytes.HasPrefix(body, []byte("%PDF")) {
			return took, 0, fmt.Errorf("HTTP %d, %d bytes, not a PDF", resp.StatusCode, len(body))
		}
		took, size = append(took, d), len(body)
	}
	slices.Sort(took)
	return took, size, nil
}

func printConsultationReport(w io.Writer, c ccConfig, r ccReport) {
	fmt.Fprintf(w, "## agora bench consultation, %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "- Machine: %s at the end of the run (%s at the start)\n", machineInfo(), r.StartLoad)
	fmt.Fprintf(w, "- Dataset: one published consultation of %d units and %d comments from %d participants; %s (%s)\n",
		r.Units, r.Comments, ccParticipants, r.DBKind, r.Dataset)
	fmt.Fprintf(w, "- Load: %d keep-alive clients in the same process as the server (on a machine of few cores the load generator "+
		"takes CPU from the server: the figures are a floor), %s per scenario after %s warm-up. Posts are the comment form "+
		"(POST /consultations/{id}/comments, signed-in participants, one-time client_key), answered 303. Bare = a net/http handler "+
		"answering GET with a static page of the same size and POST with a 303 after reading the form, same clients.\n\n",
		c.Clients, c.Duration, c.Warmup)

	render := r.SQLMiss - r.SQLHit
	fmt.Fprintf(w, "SQL statements: %d for a rendering of the page (target ≤ %d: %s) after the revision check every anonymous request makes "+
		"(%d for a cached page), %d for a comment post (session, consultation, the batch transaction).\n\n",
		render, ccTargetSQL, yesNo(render <= ccTargetSQL), r.SQLHit, r.SQLPost)

	fmt.Fprintln(w, "| Scenario | Requests | p50 | p90 | p99 | req/s | CPU/req | bare p99 | bare req/s | p99 ratio | req/s ratio | Target | Met |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|---|:-:|")
	row := func(name string, a, b loadResult, cpu time.Duration, target string, met bool) {
		cpuText := ""
		if cpu > 0 {
			cpuText = fmtDur(cpu)
		}
		fmt.Fprintf(w, "| %s | %d | %s | %s | %s | %.0f | %s | %s | %.0f | %s | %s | %s | %s |\n", name, a.Requests,
			fmtDur(a.P50), fmtDur(a.P90), fmtDur(a.P99), a.RPS(), cpuText, fmtDur(b.P99), b.RPS(),
			ratio(float64(a.P99), float64(b.P99)), ratio(a.RPS(), b.RPS()), target, yesNo(met && a.Errors == 0))
		if a.Errors > 0 {
			fmt.Fprintf(w, "| ↳ %d failed requests | | | | | | | | | | | | |\n", a.Errors)
		}
	}
	p, b := r.Page, r.Bare
	pct := fmt.Sprintf("%d%%", 100/c.PostEvery)
	row(fmt.Sprintf("(a) page + %s posts: all requests", pct), p.All, b.All, p.All.CPUPerRequest(),
		"p99 ≤ 25 ms, ≥ 2,500 req/s", p.All.P99 <= ccTargetPageP99 && p.All.RPS() >= ccTargetPageRPS)
	row(fmt.Sprintf("(a) GET `/consultations/{id}` (%d bytes, anonymous)", r.PageBytes), p.Kind[reqGet], b.Kind[reqGet], 0,
		"p99 ≤ 25 ms", p.Kind[reqGet].P99 <= ccTargetPageP99)
	row("(a) POST comment form", p.Kind[reqPost], b.Kind[reqPost], 0, "", true)
	row("(b) comment posting alone", r.Post.All, r.BareP.All, r.Post.All.CPUPerRequest(),
		"p99 ≤ 20 ms, ≥ 5,000/s", r.Post.All.P99 <= ccTargetPostP99 && r.Post.All.RPS() >= ccTargetPostRate)
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Posting scenario: %d comments acknowledged (303) during the measurement; the consultation holds %d after warm-up, "+
		"measurement and the counted post (requests cut off by the deadline may still have been stored).\n\n", r.Post.All.Requests, r.Stored)
	if r.PDFErr != nil {
		fmt.Fprintf(w, "(c) PDF report: error: %s\n", oneLine(r.PDFErr))
		return
	}
	var each []string
	for _, d := range r.PDF {
		each = append(each, fmt.Sprintf("%.2f s", d.Seconds()))
	}
	med := r.PDF[len(r.PDF)/2]
	fmt.Fprintf(w, "(c) PDF report of the %d comments (GET `/consultations/{id}/report/pdf` as the officer, preview before the answers are published, "+
		"end to end over HTTP, %d bytes): median %.2f s of %d runs (%s); target ≤ 3 s: %s\n",
		r.Comments, r.PDFBytes, med.Seconds(), len(r.PDF), strings.Join(each, ", "), yesNo(med <= ccTargetPDF))
}
