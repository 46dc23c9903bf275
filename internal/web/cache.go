package web

import (
	"bytes"
	"net/http"
	"sync"
	"time"
)

// pageCache keeps rendered public pages for anonymous visitors. Directory
// pages are the most visited and the same for every anonymous visitor of
// one language, so rendering them once per change instead of once per
// request is what lets a small server take a crowd. An entry is valid
// while the store's generation (any content change in this process) is
// unchanged and it is younger than ttl, which bounds how stale a page can
// be when another process changed the shared database.
type pageCache struct {
	mu      sync.RWMutex
	entries map[string]*cachedPage
	ttl     time.Duration
	max     int
	gen     func() uint64
	now     func() time.Time
}

type cachedPage struct {
	gen    uint64
	at     time.Time
	status int
	header http.Header
	body   []byte
}

func newPageCache(gen func() uint64, now func() time.Time) *pageCache {
	return &pageCache{entries: map[string]*cachedPage{}, ttl: 5 * time.Second, max: 2000, gen: gen, now: now}
}

func (c *pageCache) get(key string) *cachedPage {
	c.mu.RLock()
	p := c.entries[key]
	c.mu.RUnlock()
	if p == nil || p.gen != c.gen() || c.now().Sub(p.at) > c.ttl {
		return nil
	}
	return p
}

func (c *pageCache) put(key string, p *cachedPage) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max {
		// Dropping everything is crude but bounded and rare: the cache
		// refills from the pages people actually ask for.
		clear(c.entries)
	}
	c.entries[key] = p
}

// capture records a handler's response while passing it through.
type capture struct {
	http.ResponseWriter
	status int
	buf    bytes.Buffer
}

func (w *capture) WriteHeader(code int) {
	if w.status == 0 {
		w.status = code
	}
	w.ResponseWriter.WriteHeader(code)
}

func (w *capture) Write(b []byte) (int, error) {
	if w.status == 0 {
		w.status = http.StatusOK
	}
	w.buf.Write(b)
	return w.ResponseWriter.Write(b)
}

// cacheable serves h from the page cache for anonymous GET requests
// without cookies that could change the page (a pending flash message or
// a half-finished second-factor sign-in).
func (s *Server) cacheable(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		if r.Method != http.MethodGet || viewerFrom(r.Context()) != nil || sessionFrom(r.Context()) != nil || hasCookie(r, flashCookie) {
			h(w, r)
			return
		}
		key := localeFrom(r.Context()).Lang + " " + r.URL.RequestURI()
		if p := s.cache.get(key); p != nil {
			if etag := p.header.Get("ETag"); etag != "" && r.Header.Get("If-None-Match") == etag {
				w.Header().Set("ETag", etag)
				w.WriteHeader(http.StatusNotModified)
				return
			}
			for k, v := range p.header {
				if k != "X-Request-Id" {
					w.Header()[k] = v
				}
			}
			w.WriteHeader(p.status)
			_, _ = w.Write(p.body)
			return
		}
		gen := s.cache.gen()
		cw := &capture{ResponseWriter: w}
		h(cw, r)
		// Only full 200 answers are kept; a 304 to a conditional request
		// has no body to replay.
		if cw.status == http.StatusOK && w.Header().Get("Set-Cookie") == "" {
			s.cache.put(key, &cachedPage{gen: gen, at: s.cache.now(), status: cw.status, header: w.Header().Clone(), body: cw.buf.Bytes()})
		}
	}
}

func hasCookie(r *http.Request, name string) bool {
	_, err := r.Cookie(name)
	return err == nil
}
