package auth

import (
	"fmt"
	"sync"
	"sync/atomic"
	"testing"
	"time"
)

// fakeClock is a clock tests move by hand; safe for concurrent reads.
type fakeClock struct{ ns atomic.Int64 }

func newFakeClock() *fakeClock {
	c := &fakeClock{}
	c.ns.Store(time.Date(2026, 5, 1, 9, 0, 0, 0, time.UTC).UnixNano())
	return c
}

func (c *fakeClock) Now() time.Time          { return time.Unix(0, c.ns.Load()) }
func (c *fakeClock) Advance(d time.Duration) { c.ns.Add(int64(d)) }

func TestLimiterBurstAndRefill(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	l := NewLimiter(0.5, 3, clk.Now) // one token every 2 s
	for i := range 3 {
		if ok, _ := l.Allow("ip:192.0.2.1"); !ok {
			t.Fatalf("request %d of the burst refused", i+1)
		}
	}
	ok, retry := l.Allow("ip:192.0.2.1")
	if ok || retry != 2*time.Second {
		t.Fatalf("4th request = %v, %v; want false, 2s", ok, retry)
	}
	// Other keys are independent.
	if ok, _ := l.Allow("ip:192.0.2.2"); !ok {
		t.Error("another key was refused")
	}
	clk.Advance(500 * time.Millisecond)
	if ok, retry := l.Allow("ip:192.0.2.1"); ok || retry != 1500*time.Millisecond {
		t.Errorf("after 0.5 s = %v, %v; want false, 1.5s", ok, retry)
	}
	clk.Advance(1500 * time.Millisecond)
	if ok, _ := l.Allow("ip:192.0.2.1"); !ok {
		t.Error("refused after the retry-after delay")
	}
	if ok, _ := l.Allow("ip:192.0.2.1"); ok {
		t.Error("second request after one refill allowed")
	}
	// A long pause refills only up to the burst.
	clk.Advance(time.Hour)
	for i := range 3 {
		if ok, _ := l.Allow("ip:192.0.2.1"); !ok {
			t.Fatalf("after an hour, request %d refused", i+1)
		}
	}
	if ok, _ := l.Allow("ip:192.0.2.1"); ok {
		t.Error("burst exceeded after a long pause")
	}
}

// A sustained client gets exactly rate per second over a long run.
func TestLimiterSustainedRate(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	l := NewLimiter(5.0/60, 10, clk.Now) // the login limit
	allowed := 0
	for range 3600 { // one attempt a second for an hour
		if ok, _ := l.Allow("acct:x"); ok {
			allowed++
		}
		clk.Advance(time.Second)
	}
	if want := 10 + 300; allowed < want-1 || allowed > want {
		t.Errorf("allowed %d in an hour, want about %d", allowed, want)
	}
}

func TestLimiterReset(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	l := NewLimiter(1.0/60, 2, clk.Now)
	l.Allow("acct:a")
	l.Allow("acct:a")
	if ok, _ := l.Allow("acct:a"); ok {
		t.Fatal("third request allowed")
	}
	l.Reset("acct:a")
	l.Reset("acct:unknown")
	if ok, _ := l.Allow("acct:a"); !ok {
		t.Error("refused after Reset")
	}
}

func TestLimiterClockBackwards(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	l := NewLimiter(1, 1, clk.Now)
	l.Allow("k")
	clk.Advance(-10 * time.Second)
	if ok, _ := l.Allow("k"); ok {
		t.Error("allowed after the clock stepped back")
	}
	clk.Advance(10 * time.Second) // back where it was: no time has passed
	if ok, _ := l.Allow("k"); ok {
		t.Error("the clock step minted a token")
	}
	clk.Advance(time.Second)
	if ok, _ := l.Allow("k"); !ok {
		t.Error("refused a second after the last request")
	}
}

func TestLimiterEvictsIdleBuckets(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	l := NewLimiter(1, 5, clk.Now) // refills completely in 5 s
	for i := range 1000 {
		l.Allow(fmt.Sprintf("ip:%d", i))
	}
	if l.Len() != 1000 {
		t.Fatalf("Len = %d, want 1000", l.Len())
	}
	clk.Advance(4 * time.Second)
	l.Allow("ip:new")
	if l.Len() != 1001 {
		t.Errorf("Len = %d after 4 s, want 1001 (buckets still refilling)", l.Len())
	}
	clk.Advance(time.Second)
	l.Allow("ip:newer")
	if l.Len() != 2 {
		t.Errorf("Len = %d after 5 s, want 2 (refilled buckets dropped)", l.Len())
	}
}

func TestLimiterKeyCap(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	l := NewLimiterSize(1.0/3600, 2, 100, clk.Now)
	l.Allow("victim")
	l.Allow("victim")
	for i := range 10_000 {
		l.Allow(fmt.Sprintf("spray:%d", i))
		if i%50 == 0 {
			// The victim stays recently used and keeps its bucket.
			if ok, _ := l.Allow("victim"); ok {
				t.Fatalf("victim allowed after %d spray keys: its bucket was evicted", i)
			}
		}
		if n := l.Len(); n > 100 {
			t.Fatalf("Len = %d, over the cap of 100", n)
		}
	}
	if l.Len() != 100 {
		t.Errorf("Len = %d, want 100", l.Len())
	}
}

func TestLimiterConcurrent(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	l := NewLimiterSize(1, 50, 1000, clk.Now)
	var allowed atomic.Int64
	var wg sync.WaitGroup
	for g := range 16 {
		wg.Go(func() {
			for i := range 500 {
				if ok, _ := l.Allow("shared"); ok {
					allowed.Add(1)
				}
				l.Allow(fmt.Sprintf("own:%d:%d", g, i%300))
				if i%100 == 0 {
					l.Reset(fmt.Sprintf("own:%d:0", g))
				}
			}
		})
	}
	wg.Wait()
	if got := allowed.Load(); got != 50 {
		t.Errorf("shared key allowed %d times, want exactly the burst of 50", got)
	}
	if n := l.Len(); n > 1000 {
		t.Errorf("Len = %d, over the cap", n)
	}
}

func TestNewLimiterPanicsOnBadRate(t *testing.T) {
	t.Parallel()
	for _, rate := range []float64{0, -1} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("NewLimiter(%v) did not panic", rate)
				}
			}()
			NewLimiter(rate, 1, nil)
		}()
	}
}

func TestDefaultLimits(t *testing.T) {
	t.Parallel()
	clk := newFakeClock()
	lim := DefaultLimits(clk.Now)
	for _, tt := range []struct {
		name  string
		l     *Limiter
		burst int
		next  time.Duration
	}{
		{"login", lim.Login, 10, 12 * time.Second},
		{"register", lim.Register, 20, 3 * time.Minute},
		{"reset", lim.Reset, 3, 5 * time.Minute},
		{"verify", lim.Verify, 5, 2 * time.Minute},
	} {
		for i := range tt.burst {
			if ok, _ := tt.l.Allow("ip:198.51.100.7"); !ok {
				t.Fatalf("%s: request %d of the burst refused", tt.name, i+1)
			}
		}
		ok, retry := tt.l.Allow("ip:198.51.100.7")
		if ok || retry < tt.next-time.Millisecond || retry > tt.next+time.Millisecond {
			t.Errorf("%s: after the burst = %v, %v; want false, %v", tt.name, ok, retry, tt.next)
		}
	}
}

func BenchmarkLimiterAllow(b *testing.B) {
	l := NewLimiter(10, 100, nil)
	keys := make([]string, 10_000)
	for i := range keys {
		keys[i] = fmt.Sprintf("ip:10.0.%d.%d", i/256, i%256)
	}
	i := 0
	for b.Loop() {
		l.Allow(keys[i%len(keys)])
		i++
	}
}

func TestLimiterKeys(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct{ addr, want string }{
		{"192.0.2.1", "ip:192.0.2.1"},
		{"::ffff:192.0.2.1", "ip:192.0.2.1"},
		{"2001:db8:1:2:3:4:5:6", "ip:2001:db8:1:2::/64"},
		{"2001:db8:1:2:ffff::1", "ip:2001:db8:1:2::/64"},
		{"fe80::1%eth0", "ip:fe80::/64"},
		{"not an ip", "ip:not an ip"},
	} {
		if got := IPKey(tt.addr); got != tt.want {
			t.Errorf("IPKey(%q) = %q, want %q", tt.addr, got, tt.want)
		}
	}
	if AccountKey(" Ana.Pop@Example.RO ") != AccountKey("ana.pop@example.ro") {
		t.Error("AccountKey does not fold case and spaces")
	}
	if k := AccountKey("ana@example.ro"); len(k) != 5+64 || k[:5] != "acct:" {
		t.Errorf("AccountKey = %q, want acct: and a SHA-256 hex", k)
	}
}
