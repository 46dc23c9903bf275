package web

import (
	"bytes"
	"net/http"
	"sync"
	"time"
)

// showCache keeps the anonymous rendering of consultation pages, one per
// consultation and language. An entry is valid while the consultation's
// revision is the one it was rendered at and its clock has not moved on
// (the days left change at midnight, the phase at opening and closing).
// Unlike the site-wide page cache, which every write empties, a comment
// on one consultation costs only that consultation's entry; checking
// costs one indexed query (store.ConsultationRevision) per request.
type showCache struct {
	mu      sync.Mutex
	entries map[string]*showEntry
	flights map[string]*showFlight
	max     int
}

type showEntry struct {
	rev    int64
	until  time.Time
	header http.Header
	body   []byte
}

// showFlight is a rendering under way; requests for the same page wait
// for it instead of rendering it again (a comment invalidates the page
// for every concurrent reader at once).
type showFlight struct {
	done  chan struct{}
	entry *showEntry
}

func newShowCache() *showCache {
	return &showCache{entries: map[string]*showEntry{}, flights: map[string]*showFlight{}, max: 1000}
}

// get returns the entry of key valid for rev at now, or renders it with
// render (once, however many requests ask at the same time). render
// returns nil for a page that must not be cached; get then returns nil
// and the caller renders for itself.
func (c *showCache) get(key string, rev int64, now time.Time, render func() *showEntry) *showEntry {
	for {
		c.mu.Lock()
		if e := c.entries[key]; e != nil && e.rev == rev && now.Before(e.until) {
			c.mu.Unlock()
			return e
		}
		if f := c.flights[key]; f != nil {
			c.mu.Unlock()
			<-f.done
			if f.entry != nil && f.entry.rev >= rev {
				return f.entry
			}
			// A rendering of an older revision, or none: try again.
			if f.entry == nil {
				return nil
			}
			continue
		}
		f := &showFlight{done: make(chan struct{})}
		c.flights[key] = f
		c.mu.Unlock()
		e := render()
		c.mu.Lock()
		delete(c.flights, key)
		if e != nil {
			if len(c.entries) >= c.max {
				clear(c.entries)
			}
			if old := c.entries[key]; old == nil || old.rev <= e.rev {
				c.entries[key] = e
			}
		}
		f.entry = e
		close(f.done)
		c.mu.Unlock()
		return e
	}
}

// recorder captures a rendering for the cache.
type recorder struct {
	header http.Header
	status int
	buf    bytes.Buffer
}

func (r *recorder) Header() http.Header { return r.header }

func (r *recorder) WriteHeader(code int) {
	if r.status == 0 {
		r.status = code
	}
}

func (r *recorder) Write(b []byte) (int, error) {
	if r.status == 0 {
		r.status = http.StatusOK
	}
	return r.buf.Write(b)
}
