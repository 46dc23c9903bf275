package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"os"
	"path/filepath"
	"runtime/pprof"
	"strconv"
	"strings"
	"time"

	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/web"
)

// benchConfig is what `agora bench` reads. It deliberately ignores
// AGORA_DATA: a benchmark must never be pointed at real data by accident.
type benchConfig struct {
	Data       string
	Orgs       int
	Users      int
	Clients    int
	Duration   time.Duration
	Warmup     time.Duration
	Starts     int
	Idle       time.Duration
	Build      bool
	CPUProfile string
	// bareListen and bareBytes make this process the bare yardstick
	// server that the cold-start and memory rows compare with.
	bareListen string
	bareBytes  int
	startLoad  string
	bareKind   string
}

// benchPage is one page under load and the targets it must meet.
type benchPage struct {
	Path string
	Name string
}

// benchPages are the directory pages of the targets: first page
// and a filtered page of each directory.
func benchPages() []benchPage {
	return []benchPage{
		{"/orgs", "organisations, first page"},
		{"/orgs?kind=association&region=PL-12", "organisations, filtered"},
		{"/people", "people, first page"},
		{"/people?type=expert&region=RO-127", "people, filtered"},
	}
}

// Targets from the issue.
const (
	targetP99       = 25 * time.Millisecond
	targetRPS       = 2000
	targetColdStart = 100 * time.Millisecond
	targetRSS       = 40_000_000
	targetBinary    = 40_000_000
)

func cmdBench(ctx context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) error {
	if len(args) > 0 && args[0] == "consultation" {
		return cmdBenchConsultation(ctx, args[1:], stdout, stderr)
	}
	var c benchConfig
	fs := newFlagSet("bench", stderr)
	fs.StringVar(&c.Data, "data", "./agora-bench", "directory for the benchmark database (built on first use, reused after)")
	fs.IntVar(&c.Orgs, "orgs", 10000, "synthetic organisations on top of the demo data")
	fs.IntVar(&c.Users, "users", 50000, "synthetic people on top of the demo data")
	fs.IntVar(&c.Clients, "clients", 16, "concurrent keep-alive clients")
	fs.DurationVar(&c.Duration, "duration", 10*time.Second, "measured load per page")
	fs.DurationVar(&c.Warmup, "warmup", 2*time.Second, "unmeasured load before each measurement")
	fs.IntVar(&c.Starts, "starts", 5, "cold starts to time (the median is reported)")
	fs.DurationVar(&c.Idle, "idle", 2*time.Second, "how long a started server sits idle before its memory is read")
	fs.BoolVar(&c.Build, "build", true, "build agora and a bare net/http program to report binary sizes (needs the go tool)")
	fs.StringVar(&c.CPUProfile, "cpuprofile", "", "write a CPU profile of the page loads to this file")
	fs.StringVar(&c.bareListen, "bare-listen", "", "internal: serve a static page on this address and nothing else")
	fs.IntVar(&c.bareBytes, "bare-bytes", 0, "internal: size of the static page of -bare-listen")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if c.bareListen != "" {
		return serveBare(ctx, c.bareListen, c.bareBytes)
	}
	if c.Orgs < 0 || c.Users < 0 || c.Clients < 1 || c.Duration <= 0 || c.Starts < 1 {
		return usageError{"bench: sizes must be positive"}
	}
	return runBench(ctx, c, stdout, stderr)
}

// serveBare is the yardstick process: net/http and a byte slice.
func serveBare(ctx context.Context, addr string, n int) error {
	body := []byte(strings.Repeat("x", max(n, 1)))
	hs := &http.Server{Addr: addr, Handler: bareHandler(body), ReadHeaderTimeout: 10 * time.Second}
	go func() {
		<-ctx.Done()
		_ = hs.Close()
	}()
	if err := hs.ListenAndServe(); err != http.ErrServerClosed {
		return err
	}
	return nil
}

// pageRow is the measurement of one page against its bare twin.
type pageRow struct {
	Page       benchPage
	Status     int
	Queries    int64 // SQL statements for one render
	Agora      loadResult
	Bare       loadResult
	FetchError error
}

func runBench(ctx context.Context, c benchConfig, stdout, stderr io.Writer) error {
	built, took, err := prepareBenchData(ctx, c.Data, c.Orgs, c.Users, stderr)
	if err != nil {
		return err
	}
	c.startLoad = loadAverage()
	bs, err := startBenchServer(ctx, c.Data)
	if err != nil {
		return err
	}
	defer bs.Close()
	st, base := bs.st, bs.base
	counts, err := st.SeedCounts(ctx)
	if err != nil {
		return err
	}

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
	var rows []pageRow
	for _, p := range benchPages() {
		fmt.Fprintf(stderr, "bench: GET %s\n", p.Path)
		rows = append(rows, measurePage(ctx, c, st, base, p))
	}
	if c.CPUProfile != "" {
		pprof.StopCPUProfile()
	}

	exe, err := os.Executable()
	if err != nil {
		return err
	}
	size := 0
	for _, r := range rows {
		size = max(size, r.Agora.Bytes)
	}
	var sizes binarySizes
	if c.Build {
		fmt.Fprintln(stderr, "bench: building binaries")
		sizes = buildSizes(ctx)
		defer sizes.Cleanup()
	} else if fi, err := os.Stat(exe); err == nil {
		sizes.Self = fi.Size()
	}
	// The yardstick process is a separately built bare net/http program
	// when there is one, else this executable serving a static page
	// (which carries agora's whole binary and package initialisation).
	bareExe, bareArgs := exe, []string{"bench", "--bare-listen", "{addr}", "--bare-bytes", strconv.Itoa(size)}
	c.bareKind = "agora bench --bare-listen (same binary)"
	if sizes.BareBinary != "" {
		bareExe, bareArgs = sizes.BareBinary, []string{"{addr}", strconv.Itoa(size)}
		c.bareKind = "a separately built bare net/http program"
	}
	fmt.Fprintln(stderr, "bench: cold starts")
	agoraProc := measureProcess(ctx, exe, []string{"serve", "--data", c.Data, "--addr", "{addr}", "--log-level", "warn"}, c.Starts, c.Idle)
	bareProc := measureProcess(ctx, bareExe, bareArgs, c.Starts, c.Idle)

	dataset := "reused"
	if built {
		dataset = fmt.Sprintf("built in %.0f s", took.Seconds())
	}
	printBenchReport(stdout, c, counts, dataset, rows, agoraProc, bareProc, sizes)
	return nil
}

// benchServer is the real agora handler over the benchmark database,
// listening on a loopback port.
type benchServer struct {
	st   *store.Store
	base string
	stop func()
}

// startBenchServer opens the database in dir as `agora serve` would and
// serves it on 127.0.0.1.
func startBenchServer(ctx context.Context, dir string) (*benchServer, error) {
	st, err := store.Open(ctx, store.Config{Path: filepath.Join(dir, "agora.db")})
	if err != nil {
		return nil, err
	}
	h, err := benchHandler(st, dir)
	if err != nil {
		st.Close()
		return nil, err
	}
	base, stop, err := startHTTP(h)
	if err != nil {
		st.Close()
		return nil, err
	}
	return &benchServer{st: st, base: base, stop: stop}, nil
}

func (b *benchServer) Close() error {
	b.stop()
	return b.st.Close()
}

func benchHandler(st *store.Store, dir string) (http.Handler, error) {
	cat, err := i18n.Load()
	if err != nil {
		return nil, err
	}
	sealer, err := auth.LoadOrCreateKeyFile(filepath.Join(dir, "secret.key"))
	if err != nil {
		return nil, err
	}
	// Request logs are formatted as in production but thrown away, so the
	// terminal does not become the bottleneck.
	log := slog.New(slog.NewJSONHandler(io.Discard, &slog.HandlerOptions{Level: slog.LevelInfo}))
	srv, err := web.New(web.Config{BaseURL: "http://127.0.0.1"}, web.Deps{
		Store: st, Catalog: cat, Logger: log, Hasher: auth.DefaultHasher(), Sealer: sealer})
	if err != nil {
		return nil, err
	}
	return srv.Handler(), nil
}

// measurePage loads one page and then a bare handler serving as many
// bytes, with the same clients.
func measurePage(ctx context.Context, c benchConfig, st *store.Store, base string, p benchPage) pageRow {
	row := pageRow{Page: p}
	client := newBenchClient(1)
	before := st.Queries().Count()
	status, n, err := fetch(ctx, client, base+p.Path)
	row.Queries = st.Queries().Count() - before
	client.CloseIdleConnections()
	row.Status, row.FetchError = status, err
	if err != nil || status != http.StatusOK {
		return row
	}
	row.Agora = runLoad(ctx, base+p.Path, c.Clients, c.Warmup, c.Duration)
	row.Agora.Bytes = n
	bareURL, stop, err := startHTTP(bareHandler([]byte(strings.Repeat("x", n))))
	if err != nil {
		row.FetchError = err
		return row
	}
	defer stop()
	row.Bare = runLoad(ctx, bareURL+"/", c.Clients, c.Warmup, c.Duration)
	return row
}

// printBenchReport writes the results as Markdown.
func printBenchReport(w io.Writer, c benchConfig, counts store.SeedCounts, dataset string, rows []pageRow, ap, bp procResult, sz binarySizes) {
	fmt.Fprintf(w, "## agora bench, %s\n\n", time.Now().UTC().Format("2006-01-02 15:04 MST"))
	fmt.Fprintf(w, "- Machine: %s at the end of the run (%s at the start)\n", machineInfo(), c.startLoad)
	fmt.Fprintf(w, "- Dataset: %d users (%d profiles), %d organisations (%d verified), %d memberships; embedded SQLite in %s (%s)\n",
		counts.Users, counts.Profiles, counts.Orgs, counts.Verified, counts.Memberships, c.Data, dataset)
	fmt.Fprintf(w, "- Load: %d keep-alive clients in the same process as the server, %s per page after %s warm-up; "+
		"bare = net/http handler writing a static byte slice of the same size, same clients\n\n", c.Clients, c.Duration, c.Warmup)

	fmt.Fprintln(w, "| Page | Bytes | SQL/req | p50 | p90 | p99 | req/s | CPU/req | bare p99 | bare req/s | bare CPU/req | p99 ratio | req/s ratio | p99 ≤ 25 ms | ≥ 2,000 req/s |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|:-:|")
	for _, r := range rows {
		if r.FetchError != nil || r.Status != http.StatusOK {
			why := fmt.Sprintf("HTTP %d", r.Status)
			if r.FetchError != nil {
				why = r.FetchError.Error()
			}
			fmt.Fprintf(w, "| `%s` | %s | | | | | | | | | | | | no | no |\n", r.Page.Path, why)
			continue
		}
		a, b := r.Agora, r.Bare
		fmt.Fprintf(w, "| `%s` | %d | %d | %s | %s | %s | %.0f | %s | %s | %.0f | %s | %s | %s | %s | %s |\n",
			r.Page.Path, a.Bytes, r.Queries, fmtDur(a.P50), fmtDur(a.P90), fmtDur(a.P99), a.RPS(), fmtDur(a.CPUPerRequest()),
			fmtDur(b.P99), b.RPS(), fmtDur(b.CPUPerRequest()), ratio(float64(a.P99), float64(b.P99)), ratio(a.RPS(), b.RPS()),
			yesNo(a.Errors == 0 && a.P99 <= targetP99), yesNo(a.Errors == 0 && a.RPS() >= targetRPS))
		if a.Errors > 0 {
			fmt.Fprintf(w, "| ↳ %d failed requests | | | | | | | | | | | | | | |\n", a.Errors)
		}
	}
	fmt.Fprintln(w)
	fmt.Fprintf(w, "Processes: agora is `%s serve` on the dataset; bare is %s.\n\n", filepath.Base(os.Args[0]), c.bareKind)
	fmt.Fprintln(w, "| Measure | agora | bare net/http | ratio | Target | Met |")
	fmt.Fprintln(w, "|---|--:|--:|--:|--:|:-:|")
	procRow := func(name string, a, b procResult, val func(procResult) float64, format func(float64) string, target float64, targetText string) {
		if a.Err != nil {
			fmt.Fprintf(w, "| %s | error: %s | | | %s | no |\n", name, oneLine(a.Err), targetText)
			return
		}
		bare, r := "error", ""
		if b.Err == nil {
			bare, r = format(val(b)), ratio(val(a), val(b))
		}
		fmt.Fprintf(w, "| %s | %s | %s | %s | %s | %s |\n", name, format(val(a)), bare, r, targetText, yesNo(val(a) <= target))
	}
	procRow(fmt.Sprintf("Cold start to 200 from /healthz (median of %d; slowest agora %s)", c.Starts, fmtDur(ap.ColdMax)), ap, bp,
		func(p procResult) float64 { return float64(p.ColdStart) }, func(v float64) string { return fmtDur(time.Duration(v)) },
		float64(targetColdStart), "≤ 100 ms")
	procRow(fmt.Sprintf("Idle RSS (VmRSS %s after start)", c.Idle), ap, bp,
		func(p procResult) float64 { return float64(p.IdleRSS) }, fmtMB, targetRSS, "≤ 40 MB")
	switch {
	case sz.Err != nil:
		fmt.Fprintf(w, "| Binary (go build -trimpath -ldflags=\"-s -w\") | error: %s | | | ≤ 40 MB | no |\n", oneLine(sz.Err))
	case sz.Stripped > 0:
		fmt.Fprintf(w, "| Binary (go build -trimpath) | %s | %s | %s | | |\n",
			fmtMB(float64(sz.Plain)), fmtMB(float64(sz.BarePlain)), ratio(float64(sz.Plain), float64(sz.BarePlain)))
		fmt.Fprintf(w, "| Binary (go build -trimpath -ldflags=\"-s -w\") | %s | %s | %s | ≤ 40 MB | %s |\n",
			fmtMB(float64(sz.Stripped)), fmtMB(float64(sz.BareStripped)), ratio(float64(sz.Stripped), float64(sz.BareStripped)),
			yesNo(sz.Stripped <= targetBinary))
	default:
		fmt.Fprintf(w, "| Binary (go build -trimpath -ldflags=\"-s -w\") | not built (-build=false) | | | ≤ 40 MB | |\n")
	}
	fmt.Fprintf(w, "| Binary (this executable) | %s | | | | |\n", fmtMB(float64(sz.Self)))
}

func ratio(a, b float64) string {
	if b == 0 {
		return ""
	}
	if r := a / b; r < 0.1 {
		return fmt.Sprintf("%.3f×", r)
	}
	return fmt.Sprintf("%.1f×", a/b)
}

func yesNo(ok bool) string {
	if ok {
		return "yes"
	}
	return "**no**"
}

func fmtMB(b float64) string { return fmt.Sprintf("%.1f MB", b/1e6) }

func oneLine(err error) string {
	return strings.ReplaceAll(strings.ReplaceAll(err.Error(), "\n", " "), "|", "/")
}
