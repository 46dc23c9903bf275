package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/jobs"
	"github.com/agora-civic/agora/internal/mail"
	"github.com/agora-civic/agora/internal/web"
)

// serveConfig is everything `agora serve` reads from flags and AGORA_*.
type serveConfig struct {
	common
	Addr     string
	BaseURL  string
	Demo     bool
	Secure   bool
	DevMail  bool
	SMTP     mail.Config
	smtpPort string
	OIDC     auth.OIDCConfig
	oidcScp  string
}

func (c *serveConfig) register(fs *flag.FlagSet, getenv func(string) string) {
	c.common.register(fs, getenv)
	fs.StringVar(&c.Addr, "addr", envDefault(getenv, "addr", "localhost:8080"), "address to listen on")
	fs.StringVar(&c.BaseURL, "base-url", envDefault(getenv, "base-url", ""), "public URL of the site (default http://<addr>)")
	fs.BoolVar(&c.Demo, "demo", envDefault(getenv, "demo", "") == "true", "seed demo data when the database is empty")
	fs.BoolVar(&c.Secure, "secure-cookies", envDefault(getenv, "secure-cookies", "") == "true", "mark cookies Secure (on automatically for an https base URL)")
	fs.BoolVar(&c.DevMail, "dev-mail", envDefault(getenv, "dev-mail", "") == "true", "keep a copy of sent mail for admins (on automatically with --demo or without SMTP)")
	fs.StringVar(&c.SMTP.Host, "smtp-host", envDefault(getenv, "smtp-host", ""), "SMTP server; empty logs mail instead of sending")
	fs.StringVar(&c.smtpPort, "smtp-port", envDefault(getenv, "smtp-port", "587"), "SMTP port")
	fs.StringVar(&c.SMTP.Username, "smtp-user", envDefault(getenv, "smtp-user", ""), "SMTP user name")
	c.SMTP.Password = getenv("AGORA_SMTP_PASSWORD") // secrets only from the environment, never a flag in ps output
	fs.StringVar(&c.SMTP.From, "smtp-from", envDefault(getenv, "smtp-from", "agora <no-reply@localhost>"), "sender address")
	fs.StringVar(&c.SMTP.TLS, "smtp-tls", envDefault(getenv, "smtp-tls", "starttls"), "none, starttls or tls")
	fs.StringVar(&c.OIDC.Issuer, "oidc-issuer", envDefault(getenv, "oidc-issuer", ""), "OpenID Connect issuer URL (enables SSO)")
	fs.StringVar(&c.OIDC.ClientID, "oidc-client-id", envDefault(getenv, "oidc-client-id", ""), "OpenID Connect client id")
	c.OIDC.ClientSecret = getenv("AGORA_OIDC_CLIENT_SECRET")
	fs.StringVar(&c.OIDC.Name, "oidc-name", envDefault(getenv, "oidc-name", "SSO"), "name of the SSO provider on the login page")
	fs.StringVar(&c.oidcScp, "oidc-scopes", envDefault(getenv, "oidc-scopes", "openid,email,profile"), "comma-separated scopes")
}

func (c *serveConfig) finish() error {
	p, err := strconv.Atoi(c.smtpPort)
	if err != nil || p <= 0 || p > 65535 {
		return usageError{fmt.Sprintf("invalid --smtp-port %q", c.smtpPort)}
	}
	c.SMTP.Port = p
	c.SMTP.Timeout = 30 * time.Second
	if c.BaseURL == "" {
		c.BaseURL = "http://" + c.Addr
	}
	c.BaseURL = strings.TrimRight(c.BaseURL, "/")
	if strings.HasPrefix(c.BaseURL, "https://") {
		c.Secure = true
	}
	if c.Demo || !c.SMTP.Enabled() {
		c.DevMail = true
	}
	c.OIDC.RedirectURL = c.BaseURL + "/auth/oidc/callback"
	c.OIDC.Scopes = strings.Split(c.oidcScp, ",")
	return nil
}

func cmdServe(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var c serveConfig
	fs := newFlagSet("serve", stderr)
	c.register(fs, getenv)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	if err := c.finish(); err != nil {
		return err
	}
	log := c.logger(stderr)
	st, err := c.openStore(ctx, log)
	if err != nil {
		return err
	}
	defer st.Close()
	cat, err := i18n.Load()
	if err != nil {
		return err
	}
	sealer, err := c.sealer(getenv)
	if err != nil {
		return err
	}
	hasher := auth.DefaultHasher()
	if c.Demo {
		logins, err := seedDemo(ctx, st, hasher, sealer)
		if err != nil {
			return fmt.Errorf("demo data: %w", err)
		}
		printDemoLogins(stdout, logins)
	}
	var oidc *auth.OIDCProvider
	if c.OIDC.Enabled() {
		if oidc, err = auth.NewOIDCProvider(ctx, c.OIDC); err != nil {
			return fmt.Errorf("OpenID Connect: %w", err)
		}
	}
	var sender mail.Sender = mail.NewLogSender(log)
	if c.SMTP.Enabled() {
		if sender, err = mail.NewSMTPSender(c.SMTP); err != nil {
			return err
		}
	}
	worker := jobs.New(st, log, jobs.Config{})
	worker.Handle("email", jobs.EmailHandler(st, sender, c.DevMail))
	if err := jobs.RegisterNotifications(ctx, worker, st, cat, c.BaseURL); err != nil {
		return err
	}
	if err := jobs.RegisterWatch(ctx, worker, st, cat, c.BaseURL); err != nil {
		return err
	}

	srv, err := web.New(web.Config{
		BaseURL: c.BaseURL, SecureCookies: c.Secure, DevMail: c.DevMail, OIDC: c.OIDC, Notify: worker.Notify,
	}, web.Deps{Store: st, Catalog: cat, Logger: log, Hasher: hasher, Sealer: sealer, OIDC: oidc})
	if err != nil {
		return err
	}
	return listenAndServe(ctx, c.Addr, srv.Handler(), worker, log, stdout, c.BaseURL)
}

// listenAndServe runs the HTTP server and the job worker until ctx ends,
// then shuts both down gracefully: in-flight requests and jobs finish.
func listenAndServe(ctx context.Context, addr string, h http.Handler, worker *jobs.Worker, log *slog.Logger, stdout io.Writer, baseURL string) error {
	ln, err := net.Listen("tcp", addr)
	if err != nil {
		return err
	}
	hs := &http.Server{
		Handler:           h,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       60 * time.Second,
		WriteTimeout:      120 * time.Second,
		IdleTimeout:       120 * time.Second,
		MaxHeaderBytes:    64 << 10,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	wctx, stopWorker := context.WithCancel(context.WithoutCancel(ctx))
	var wg sync.WaitGroup
	wg.Add(1)
	go func() {
		defer wg.Done()
		if err := worker.Run(wctx); err != nil {
			log.Error("job worker stopped", "err", err)
		}
	}()
	fmt.Fprintf(stdout, "agora is listening on http://%s (public URL %s)\n", ln.Addr(), baseURL)
	log.Info("listening", "addr", ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- hs.Serve(ln) }()
	select {
	case err = <-errc:
	case <-ctx.Done():
		log.Info("shutting down")
		sctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
		err = hs.Shutdown(sctx)
		cancel()
	}
	stopWorker()
	wg.Wait()
	if errors.Is(err, http.ErrServerClosed) {
		err = nil
	}
	return err
}
