package main

import (
	"context"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"slices"
	"strings"
	"sync"
	"sync/atomic"
	"time"
)

// Kinds of request in a mixed load.
const (
	reqGet = iota
	reqPost
	reqKinds
)

// mixResult is one load run: each kind alone and both together.
type mixResult struct {
	Kind    [reqKinds]loadResult
	All     loadResult
	Elapsed time.Duration
}

// ccRequest makes the i-th request of client w and says its kind and
// the status that means success.
type ccRequest func(w int, i int64) (req *http.Request, kind int, want int)

// runMix runs clients goroutines, each sending the requests next makes
// over its own keep-alive connection, first for warmup (not recorded),
// then for d.
func runMix(ctx context.Context, clients int, warmup, d time.Duration, next ccRequest) mixResult {
	c := newBenchClient(clients)
	defer c.CloseIdleConnections()
	var seq atomic.Int64
	mix(ctx, c, clients, warmup, &seq, next)
	return mix(ctx, c, clients, d, &seq, next)
}

func mix(ctx context.Context, c *http.Client, clients int, d time.Duration, seq *atomic.Int64, next ccRequest) mixResult {
	if d <= 0 {
		return mixResult{}
	}
	ctx, cancel := context.WithTimeout(ctx, d)
	defer cancel()
	type part struct {
		lat    [reqKinds][]time.Duration
		errors [reqKinds]int
		bytes  [reqKinds]int
	}
	parts := make([]part, clients)
	var wg sync.WaitGroup
	start, cpu0 := time.Now(), processCPU()
	for w := range parts {
		wg.Add(1)
		go func(p *part) {
			defer wg.Done()
			for ctx.Err() == nil {
				req, kind, want := next(w, seq.Add(1))
				req = req.WithContext(ctx)
				t0 := time.Now()
				resp, err := c.Do(req)
				n := 0
				if err == nil {
					k, _ := io.Copy(io.Discard, resp.Body)
					resp.Body.Close()
					n = int(k)
				}
				if ctx.Err() != nil {
					return // cut off by the deadline: neither a sample nor an error
				}
				if err != nil || resp.StatusCode != want {
					p.errors[kind]++
					continue
				}
				p.lat[kind] = append(p.lat[kind], time.Since(t0))
				p.bytes[kind] = n
			}
		}(&parts[w])
	}
	wg.Wait()
	res := mixResult{Elapsed: time.Since(start)}
	cpu := processCPU() - cpu0
	var all []time.Duration
	for k := range reqKinds {
		var lat []time.Duration
		r := loadResult{Elapsed: res.Elapsed}
		for _, p := range parts {
			lat = append(lat, p.lat[k]...)
			r.Errors += p.errors[k]
			r.Bytes = max(r.Bytes, p.bytes[k])
		}
		summarise(&r, lat)
		res.Kind[k] = r
		res.All.Errors += r.Errors
		all = append(all, lat...)
	}
	res.All.Elapsed, res.All.CPU, res.All.Bytes = res.Elapsed, cpu, res.Kind[reqGet].Bytes
	summarise(&res.All, all)
	return res
}

func summarise(r *loadResult, lat []time.Duration) {
	r.Requests = len(lat)
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	r.P50, r.P90, r.P99 = percentile(lat, 50), percentile(lat, 90), percentile(lat, 99)
	r.Max = lat[len(lat)-1]
}

// sessionCookieName is the cookie `agora serve` uses without
// --secure-cookies, as the benchmark's server runs.
const sessionCookieName = "agora_session"

// commentPoster builds the form posts of one consultation: client w
// posts as participant w with its own session, on a unit that changes
// with every post, with a body and one-time key no other post has.
type commentPoster struct {
	base, consultation string
	sessions           []string
	units              []string
	run                string // distinguishes runs, so keys never repeat
}

// body is the text of post i, unique to it.
func (p commentPoster) body(i int64) string {
	return fmt.Sprintf("Recomandare %s-%d: textul alineatului să precizeze termenul în zile lucrătoare.", p.run, i)
}

func (p commentPoster) request(w int, i int64) *http.Request {
	form := url.Values{
		"unit":       {p.units[int(i)%len(p.units)]},
		"body":       {p.body(i)},
		"client_key": {fmt.Sprintf("%s-%d", p.run, i)},
	}
	req, _ := http.NewRequest(http.MethodPost, p.base+"/consultations/"+p.consultation+"/comments", strings.NewReader(form.Encode()))
	req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
	// What a browser sends with a same-site form post: the cross-origin
	// protection lets it through.
	req.Header.Set("Sec-Fetch-Site", "same-origin")
	req.Header.Set("Accept-Language", "ro")
	req.AddCookie(&http.Cookie{Name: sessionCookieName, Value: p.sessions[w%len(p.sessions)]})
	return req
}

// getRequest is an anonymous visitor's GET.
func getRequest(u string) *http.Request {
	req, _ := http.NewRequest(http.MethodGet, u, nil)
	req.Header.Set("Accept-Language", "ro")
	return req
}

// bareMixHandler is the yardstick of a mixed load: GET writes a static
// page of the agora page's size; POST reads the form and redirects, as
// the comment form does, without storing anything.
func bareMixHandler(body []byte) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.Method == http.MethodPost {
			_ = r.ParseForm()
			w.Header().Set("Location", "/consultations/x/units/"+r.PostForm.Get("unit"))
			w.WriteHeader(http.StatusSeeOther)
			return
		}
		w.Header().Set("Content-Type", "text/html; charset=utf-8")
		_, _ = w.Write(body)
	})
}
