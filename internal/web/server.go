// Package web serves agora's HTML pages and its JSON API. Handlers decode
// input into root-package commands, ask the policy layer, make one store
// call and render; they never write SQL.
package web

import (
	"log/slog"
	"net/http"
	"time"

	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
	"github.com/prometheus/client_golang/prometheus"
)

// Config is the web layer's part of the program configuration.
type Config struct {
	// BaseURL is the public address, used in emails and feeds.
	BaseURL string
	// SecureCookies marks cookies Secure; on when served over TLS or
	// behind a TLS-terminating proxy.
	SecureCookies bool
	// DevMail shows sent mail to platform admins (development and demo).
	DevMail bool
	// MaxBodyBytes limits request bodies (default 1 MiB; uploads set
	// their own limit).
	MaxBodyBytes int64
	// MaxUploadBytes is the ceiling for multipart bodies (default 101
	// MiB); each upload handler sets its own lower limit.
	MaxUploadBytes int64
	// SessionTTL is how long a session lives without sign-in (default 30 days).
	SessionTTL time.Duration
	// OIDC configures optional single sign-on.
	OIDC auth.OIDCConfig
	// Notify wakes the job worker after a change enqueued a job, so email
	// leaves at once rather than at the next poll. Optional.
	Notify func()
}

// Deps are the services the web layer uses, built by cmd/agora.
type Deps struct {
	Store   *store.Store
	Catalog *i18n.Catalog
	Logger  *slog.Logger
	Hasher  auth.PasswordHasher
	Sealer  *auth.Sealer
	OIDC    *auth.OIDCProvider // nil when not configured
	Now     func() time.Time
}

// Server holds what every handler needs. It has no global state: tests
// build as many as they like.
type Server struct {
	cfg     Config
	store   *store.Store
	cat     *i18n.Catalog
	log     *slog.Logger
	hasher  auth.PasswordHasher
	sealer  *auth.Sealer
	oidc    *auth.OIDCProvider
	now     func() time.Time
	views   *views
	limits  auth.Limits
	metrics *metrics
	reg     *prometheus.Registry
	routes  []route
	cache   *pageCache
}

// New builds the server and parses every template; a broken template
// fails here, at start, not on the first visitor.
func New(cfg Config, d Deps) (*Server, error) {
	if cfg.MaxBodyBytes <= 0 {
		cfg.MaxBodyBytes = 1 << 20
	}
	if cfg.MaxUploadBytes <= 0 {
		cfg.MaxUploadBytes = 101 << 20
	}
	if cfg.SessionTTL <= 0 {
		cfg.SessionTTL = 30 * 24 * time.Hour
	}
	if cfg.Notify == nil {
		cfg.Notify = func() {}
	}
	if d.Now == nil {
		d.Now = time.Now
	}
	if d.Logger == nil {
		d.Logger = slog.New(slog.DiscardHandler)
	}
	s := &Server{
		cfg: cfg, store: d.Store, cat: d.Catalog, log: d.Logger, hasher: d.Hasher,
		sealer: d.Sealer, oidc: d.OIDC, now: d.Now,
		limits: auth.DefaultLimits(d.Now),
	}
	v, err := parseViews()
	if err != nil {
		return nil, err
	}
	s.views = v
	s.cache = newPageCache(d.Store.Generation, d.Now)
	s.reg = prometheus.NewRegistry()
	s.metrics = newMetrics(s.reg, d.Store)
	return s, nil
}

// Handler returns the whole HTTP handler with its middleware.
func (s *Server) Handler() http.Handler {
	mux := http.NewServeMux()
	s.routes = nil
	s.registerRoutes(mux)
	return s.middleware(mux)
}

// Registry exposes the metrics registry, for tests.
func (s *Server) Registry() *prometheus.Registry { return s.reg }
