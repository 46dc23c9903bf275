package auth

import (
	"container/list"
	"math"
	"net/netip"
	"strings"
	"sync"
	"time"
)

// DefaultMaxKeys bounds the buckets one Limiter keeps.
const DefaultMaxKeys = 100_000

// Limiter is an in-process token-bucket rate limiter keyed by strings such
// as "ip:192.0.2.1" or "acct:<hash of email>". Each key may spend burst
// requests at once and regains rate per second. It is safe for concurrent
// use. Memory is bounded: buckets that have refilled completely are
// dropped (they behave exactly like new ones), and past the key cap the
// least recently used bucket is evicted — an attacker cycling through more
// keys than the cap can reset other keys' buckets, which is the price of
// never growing without bound. Limits are per process; several agora
// processes each enforce their own.
type Limiter struct {
	rate    float64
	burst   float64
	maxKeys int
	now     func() time.Time

	mu      sync.Mutex
	buckets map[string]*list.Element // of *bucket
	lru     list.List                // front = most recently used
}

type bucket struct {
	key    string
	tokens float64
	last   time.Time
}

// NewLimiter returns a Limiter allowing rate requests per second per key
// with bursts of burst, keeping at most DefaultMaxKeys buckets. now is the
// clock (nil means time.Now). It panics if rate is not positive, a
// programming error caught at start-up.
func NewLimiter(rate float64, burst int, now func() time.Time) *Limiter {
	return NewLimiterSize(rate, burst, DefaultMaxKeys, now)
}

// NewLimiterSize is NewLimiter with a bucket cap of maxKeys (at least 1).
func NewLimiterSize(rate float64, burst, maxKeys int, now func() time.Time) *Limiter {
	if !(rate > 0) || math.IsInf(rate, 0) {
		panic("auth: Limiter rate must be a positive number")
	}
	if now == nil {
		now = time.Now
	}
	return &Limiter{
		rate:    rate,
		burst:   float64(max(burst, 1)),
		maxKeys: max(maxKeys, 1),
		now:     now,
		buckets: make(map[string]*list.Element),
	}
}

// Allow spends one request of key. When the bucket is empty it returns
// false and how long until a request will be allowed again (for a
// Retry-After header); a refused request costs nothing.
func (l *Limiter) Allow(key string) (ok bool, retryAfter time.Duration) {
	now := l.now()
	l.mu.Lock()
	defer l.mu.Unlock()
	l.sweep(now)

	var b *bucket
	if e, found := l.buckets[key]; found {
		b = e.Value.(*bucket)
		l.lru.MoveToFront(e)
		// Only move forward: were last set back by a clock step, the same
		// interval would be refilled twice.
		if d := now.Sub(b.last); d > 0 {
			b.tokens = min(l.burst, b.tokens+d.Seconds()*l.rate)
			b.last = now
		}
	} else {
		for len(l.buckets) >= l.maxKeys {
			l.remove(l.lru.Back())
		}
		b = &bucket{key: key, tokens: l.burst, last: now}
		l.buckets[key] = l.lru.PushFront(b)
	}

	if b.tokens >= 1 {
		b.tokens--
		return true, 0
	}
	wait := time.Duration(math.Ceil((1 - b.tokens) / l.rate * float64(time.Second)))
	return false, max(wait, time.Nanosecond)
}

// Reset forgets key, giving it a full bucket: for example clear an
// account's failed-login bucket after a successful sign-in.
func (l *Limiter) Reset(key string) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if e, ok := l.buckets[key]; ok {
		l.remove(e)
	}
}

// Len returns the number of buckets held, for metrics and tests.
func (l *Limiter) Len() int {
	l.mu.Lock()
	defer l.mu.Unlock()
	return len(l.buckets)
}

// sweep drops buckets from the idle end of the LRU list while they would
// have refilled completely by now. The list is ordered by last use, so it
// stops at the first one still refilling; each call costs amortised O(1).
func (l *Limiter) sweep(now time.Time) {
	full := time.Duration(l.burst / l.rate * float64(time.Second))
	for e := l.lru.Back(); e != nil; e = l.lru.Back() {
		b := e.Value.(*bucket)
		if now.Sub(b.last) < full {
			return
		}
		l.remove(e)
	}
}

func (l *Limiter) remove(e *list.Element) {
	delete(l.buckets, e.Value.(*bucket).key)
	l.lru.Remove(e)
}

// IPKey returns the limiter key of a client address: "ip:" and the IPv4
// address, or the /64 prefix of an IPv6 one, since a single subscriber is
// usually handed a whole /64 and could otherwise rotate addresses freely.
// An unparseable address is used as it is.
func IPKey(addr string) string {
	a, err := netip.ParseAddr(addr)
	if err != nil {
		return "ip:" + addr
	}
	a = a.Unmap().WithZone("")
	if a.Is6() {
		return "ip:" + netip.PrefixFrom(a, 64).Masked().String()
	}
	return "ip:" + a.String()
}

// AccountKey returns the limiter key of the account an email names, hashed
// so that addresses do not sit in memory dumps, and folded so "Ana@X.ro"
// and "ana@x.ro " share one bucket.
func AccountKey(email string) string {
	return "acct:" + HashToken(strings.ToLower(strings.TrimSpace(email)))
}

// Limits groups the limiters the web layer applies to account actions.
// Check each one twice, under IPKey and AccountKey, and refuse when either
// refuses.
type Limits struct {
	Login, Register, Reset, Verify *Limiter
}

// DefaultLimits returns the production limits:
//   - Login: bursts of 10, then 5 per minute;
//   - Register: bursts of 20 (a training room behind one NAT), then 20 per hour;
//   - Reset (password-reset emails): bursts of 3, then 1 every 5 minutes;
//   - Verify (TOTP, recovery and email codes): bursts of 5, then 1 every
//     2 minutes, so a 6-digit TOTP code cannot be guessed in practice
//     (about 0.2% a day at the sustained rate).
func DefaultLimits(now func() time.Time) Limits {
	return Limits{
		Login:    NewLimiter(5.0/60, 10, now),
		Register: NewLimiter(20.0/3600, 20, now),
		Reset:    NewLimiter(1.0/300, 3, now),
		Verify:   NewLimiter(1.0/120, 5, now),
	}
}
