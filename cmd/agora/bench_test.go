package main

import (
	"context"
	"fmt"
	"os"
	"os/signal"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestMain lets this test binary stand in for agora: `agora bench`
// measures cold start and memory by starting the executable it runs in
// (serve, and bench --bare-listen), which under `go test` is this binary.
func TestMain(m *testing.M) {
	if os.Getenv(strings.Split(benchChildEnv, "=")[0]) == "1" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
		err := run(ctx, os.Args[1:], os.Getenv, os.Stdout, os.Stderr)
		stop()
		if err != nil {
			fmt.Fprintln(os.Stderr, "agora:", err)
			os.Exit(1)
		}
		os.Exit(0)
	}
	os.Exit(m.Run())
}

// TestBenchSmoke runs the whole benchmark on a tiny dataset for a moment.
// It checks the report's shape, not the speed: speed is measured by
// `agora bench` on a quiet machine, never asserted in tests.
func TestBenchSmoke(t *testing.T) {
	if testing.Short() {
		t.Skip("starts server processes")
	}
	t.Parallel()
	dir := t.TempDir()
	args := []string{"bench", "--data", dir, "--orgs", "50", "--users", "100", "--duration", "300ms", "--warmup", "50ms",
		"--starts", "1", "--idle", "50ms", "--build=false"}
	var out, errs strings.Builder
	if err := run(context.Background(), args, noEnv, &out, &errs); err != nil {
		t.Fatalf("bench: %v\n%s", err, errs.String())
	}
	report := out.String()
	for _, p := range benchPages() {
		if !strings.Contains(report, "| `"+p.Path+"` |") {
			t.Errorf("report has no row for %s:\n%s", p.Path, report)
		}
	}
	for _, row := range []string{"| Cold start to 200 from /healthz", "| Idle RSS", "| Binary (go build", "| Binary (this executable)",
		"- Machine: ", "- Dataset: 1"} {
		if !strings.Contains(report, row) {
			t.Errorf("report has no %q row:\n%s", row, report)
		}
	}
	if strings.Contains(report, "| error: ") {
		t.Errorf("a process measurement failed:\n%s", report)
	}

	// A second run reuses the dataset instead of building it again.
	out.Reset()
	if err := run(context.Background(), args, noEnv, &out, &errs); err != nil {
		t.Fatalf("second bench: %v\n%s", err, errs.String())
	}
	if !strings.Contains(out.String(), "(reused)") {
		t.Errorf("second run did not reuse the dataset:\n%s", out.String())
	}
}

func TestBenchRefusesForeignDatabase(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	openDataStore(t, dir).Close()
	var out, errs strings.Builder
	err := run(context.Background(), []string{"bench", "--data", dir, "--orgs", "1", "--users", "1"}, noEnv, &out, &errs)
	if err == nil || !strings.Contains(err.Error(), "did not make") {
		t.Errorf("bench on a database it did not make: %v, want a refusal", err)
	}
}

func TestPercentile(t *testing.T) {
	t.Parallel()
	ms := func(ns ...int) []time.Duration {
		var out []time.Duration
		for _, n := range ns {
			out = append(out, time.Duration(n)*time.Millisecond)
		}
		return out
	}
	hundred := make([]int, 100)
	for i := range hundred {
		hundred[i] = i + 1
	}
	for _, tt := range []struct {
		in   []time.Duration
		p    int
		want time.Duration
	}{
		{ms(5), 99, 5 * time.Millisecond},
		{ms(1, 2), 50, 1 * time.Millisecond},
		{ms(hundred...), 50, 50 * time.Millisecond},
		{ms(hundred...), 99, 99 * time.Millisecond},
		{ms(hundred...), 90, 90 * time.Millisecond},
		{nil, 99, 0},
	} {
		if got := percentile(tt.in, tt.p); got != tt.want {
			t.Errorf("percentile(%d values, %d) = %v, want %v", len(tt.in), tt.p, got, tt.want)
		}
	}
}

// BenchmarkDirectoryPages is a short version of `agora bench`: the
// directory pages of a small synthetic dataset through the real handler,
// one client at a time. Run with
//
//	go test -run '^$' -bench DirectoryPages ./cmd/agora
func BenchmarkDirectoryPages(b *testing.B) {
	ctx := context.Background()
	dir := b.TempDir()
	if _, _, err := prepareBenchData(ctx, dir, 500, 2000, &strings.Builder{}); err != nil {
		b.Fatal(err)
	}
	bs, err := startBenchServer(ctx, dir)
	if err != nil {
		b.Fatal(err)
	}
	defer bs.Close()
	for _, p := range benchPages() {
		b.Run(strings.NewReplacer("/", "", "?", "_", "&", "_", "=", "-").Replace(p.Path), func(b *testing.B) {
			c := newBenchClient(1)
			defer c.CloseIdleConnections()
			if status, _, err := fetch(ctx, c, bs.base+p.Path); err != nil || status != 200 {
				b.Skipf("GET %s: %d %v", p.Path, status, err)
			}
			var lat []time.Duration
			for b.Loop() {
				t0 := time.Now()
				if _, _, err := fetch(ctx, c, bs.base+p.Path); err != nil {
					b.Fatal(err)
				}
				lat = append(lat, time.Since(t0))
			}
			slices.Sort(lat)
			b.ReportMetric(float64(percentile(lat, 99))/float64(time.Millisecond), "p99-ms")
			b.ReportMetric(float64(len(lat))/b.Elapsed().Seconds(), "req/s")
		})
	}
}
