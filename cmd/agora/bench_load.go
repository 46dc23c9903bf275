package main

import (
	"context"
	"fmt"
	"io"
	"net"
	"net/http"
	"slices"
	"sync"
	"syscall"
	"time"
)

// loadResult is what one load run measured.
type loadResult struct {
	Requests      int
	Errors        int // transport errors and statuses other than 200
	P50, P90, P99 time.Duration
	Max           time.Duration
	Elapsed       time.Duration
	Bytes         int // body size of the last response
	// CPU is the user+system time this whole process (server and
	// clients) spent during the run: on a shared machine, CPU per
	// request says more than wall-clock throughput.
	CPU time.Duration
}

// CPUPerRequest is the process CPU time per completed request.
func (r loadResult) CPUPerRequest() time.Duration {
	if r.Requests == 0 {
		return 0
	}
	return r.CPU / time.Duration(r.Requests)
}

// processCPU returns the user+system CPU time of this process so far.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// RPS is the completed requests per second.
func (r loadResult) RPS() float64 {
	if r.Elapsed <= 0 {
		return 0
	}
	return float64(r.Requests) / r.Elapsed.Seconds()
}

// newBenchClient returns a keep-alive client with enough idle
// connections that each of clients goroutines keeps its own.
func newBenchClient(clients int) *http.Client {
	tr := &http.Transport{
		Proxy:               nil, // loopback only: never through a proxy
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second, KeepAlive: 30 * time.Second}).DialContext,
		MaxIdleConns:        clients * 2,
		MaxIdleConnsPerHost: clients * 2,
		IdleConnTimeout:     90 * time.Second,
		DisableCompression:  true,
	}
	return &http.Client{Transport: tr, Timeout: 30 * time.Second,
		CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
}

// fetch does one GET and returns status and body length.
func fetch(ctx context.Context, c *http.Client, url string) (int, int, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, url, nil)
	if err != nil {
		return 0, 0, err
	}
	req.Header.Set("Accept-Language", "ro")
	resp, err := c.Do(req)
	if err != nil {
		return 0, 0, err
	}
	n, err := io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return resp.StatusCode, int(n), err
}

// runLoad sends GET url from clients goroutines over keep-alive
// connections: first for warmup (not recorded), then for d. It is
// bounded by d and ctx, and only ever targets the URL it is given.
func runLoad(ctx context.Context, url string, clients int, warmup, d time.Duration) loadResult {
	c := newBenchClient(clients)
	defer c.CloseIdleConnections()
	hammer(ctx, c, url, clients, warmup, false)
	return hammer(ctx, c, url, clients, d, true)
}

func hammer(ctx context.Context, c *http.Client, url string, clients int, d time.Duration, record bool) loadResult {
	if d <= 0 {
		return loadResult{}
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	type part struct {
		lat    []time.Duration
		errors int
		bytes  int
	}
	parts := make([]part, clients)
	var wg sync.WaitGroup
	start, cpu0 := time.Now(), processCPU()
	for i := range parts {
		wg.Add(1)
		go func(p *part) {
			defer wg.Done()
			for ctx.Err() == nil {
				t0 := time.Now()
				status, n, err := fetch(ctx, c, url)
				if ctx.Err() != nil {
					return // cut off by the deadline: neither a sample nor an error
				}
				if err != nil || status != http.StatusOK {
					p.errors++
					continue
				}
				if record {
					p.lat = append(p.lat, time.Since(t0))
				}
				p.bytes = n
			}
		}(&parts[i])
	}
	wg.Wait()
	res := loadResult{Elapsed: time.Since(start), CPU: processCPU() - cpu0}
	var all []time.Duration
	for _, p := range parts {
		all = append(all, p.lat...)
		res.Errors += p.errors
		res.Bytes = max(res.Bytes, p.bytes)
	}
	res.Requests = len(all)
	if len(all) > 0 {
		slices.Sort(all)
		res.P50, res.P90, res.P99 = percentile(all, 50), percentile(all, 90), percentile(all, 99)
		res.Max = all[len(all)-1]
	}
	return res
}

// percentile returns the nearest-rank p-th percentile of sorted.
func percentile(sorted []time.Duration, p int) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := (p*len(sorted) + 99) / 100 // ceil(p/100 × n)
	return sorted[max(rank, 1)-1]
}

// bareHandler serves body as an HTML page and nothing else: the
// yardstick the real pages are compared with.
func bareHandler(body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(body)
	})
}

// startHTTP serves h on a fresh loopback port until the returned stop
// is called.
func startHTTP(h http.Handler) (baseURL string, stop func(), err error) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", nil, err
	}
	hs := &http.Server{Handler: h, ReadHeaderTimeout: 10 * time.Second}
	done := make(chan struct{})
	go func() {
		defer close(done)
		_ = hs.Serve(ln)
	}()
	return "http://" + ln.Addr().String(), func() {
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		_ = hs.Shutdown(ctx)
		<-done
	}, nil
}

// fmtDur prints a latency in milliseconds with two decimals.
func fmtDur(d time.Duration) string {
	return fmt.Sprintf("%.2f ms", float64(d)/float64(time.Millisecond))
}
