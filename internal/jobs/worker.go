// Package jobs runs the durable job queue kept in the database: email,
// alerts, digests, reminders. Jobs are enqueued by the store in the same
// transaction as the change that causes them (outbox), so an action and
// its side effects commit together, and a job survives crashes and SMTP
// outages until it succeeds or runs out of attempts.
package jobs

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	"sync"
	"time"

	"github.com/agora-civic/agora/internal/store"
)

// Handler performs one job. A PermanentError stops retries at once.
type Handler func(ctx context.Context, payload json.RawMessage) error

// PermanentError marks a failure that retrying cannot fix.
type PermanentError struct{ Err error }

func (e PermanentError) Error() string { return "permanent: " + e.Err.Error() }
func (e PermanentError) Unwrap() error { return e.Err }

// Config tunes a worker.
type Config struct {
	// Concurrency is how many jobs run at once (default 4).
	Concurrency int
	// Lease is how long a claimed job stays invisible to others; a job
	// whose worker died reappears after it (default 2 minutes).
	Lease time.Duration
	// Poll is the longest an idle worker sleeps before looking again
	// (default 1 s); Notify wakes it sooner.
	Poll time.Duration
	// BaseBackoff is the first retry delay, doubled per attempt up to
	// MaxBackoff (defaults 10 s and 1 h).
	BaseBackoff, MaxBackoff time.Duration
}

// Worker claims and runs jobs until its context ends.
type Worker struct {
	st       *store.Store
	log      *slog.Logger
	cfg      Config
	name     string
	handlers map[string]Handler
	wake     chan struct{}
}

// New makes a worker; register handlers before Run.
func New(st *store.Store, log *slog.Logger, cfg Config) *Worker {
	if cfg.Concurrency <= 0 {
		cfg.Concurrency = 4
	}
	if cfg.Lease <= 0 {
		cfg.Lease = 2 * time.Minute
	}
	if cfg.Poll <= 0 {
		cfg.Poll = time.Second
	}
	if cfg.BaseBackoff <= 0 {
		cfg.BaseBackoff = 10 * time.Second
	}
	if cfg.MaxBackoff <= 0 {
		cfg.MaxBackoff = time.Hour
	}
	return &Worker{st: st, log: log, cfg: cfg, name: fmt.Sprintf("w-%x", rand.Uint64()),
		handlers: map[string]Handler{}, wake: make(chan struct{}, 1)}
}

// Handle registers the handler for a job kind.
func (w *Worker) Handle(kind string, h Handler) { w.handlers[kind] = h }

// Notify wakes the worker because a job was just enqueued, so mail goes
// out within milliseconds instead of at the next poll.
func (w *Worker) Notify() {
	select {
	case w.wake <- struct{}{}:
	default:
	}
}

// Run processes jobs until ctx is cancelled, then waits for running jobs
// to finish.
func (w *Worker) Run(ctx context.Context) error {
	var wg sync.WaitGroup
	defer wg.Wait()
	sem := make(chan struct{}, w.cfg.Concurrency)
	for {
		free := w.cfg.Concurrency - len(sem)
		var jobs []store.Job
		var err error
		if free > 0 {
			jobs, err = w.st.ClaimJobs(ctx, w.name, free, w.cfg.Lease)
			if err != nil && ctx.Err() == nil {
				w.log.Error("jobs: claim", "err", err)
			}
		}
		for _, j := range jobs {
			sem <- struct{}{}
			wg.Add(1)
			go func(j store.Job) {
				defer wg.Done()
				defer func() { <-sem; w.Notify() }()
				w.runOne(ctx, j)
			}(j)
		}
		if len(jobs) == free && free > 0 {
			continue // there may be more waiting
		}
		wait := w.cfg.Poll
		if next, ok, err := w.st.NextJobAt(ctx); err == nil && ok {
			if d := time.Until(next); d < wait {
				wait = max(d, 5*time.Millisecond)
			}
		}
		t := time.NewTimer(wait)
		select {
		case <-ctx.Done():
			t.Stop()
			return nil
		case <-w.wake:
			t.Stop()
		case <-t.C:
		}
	}
}

// RunOnce claims and runs the due jobs once, synchronously; tests and the
// CLI use it to drain the queue deterministically.
func (w *Worker) RunOnce(ctx context.Context) (int, error) {
	n := 0
	for {
		jobs, err := w.st.ClaimJobs(ctx, w.name, w.cfg.Concurrency, w.cfg.Lease)
		if err != nil {
			return n, err
		}
		if len(jobs) == 0 {
			return n, nil
		}
		for _, j := range jobs {
			w.runOne(ctx, j)
			n++
		}
	}
}

func (w *Worker) runOne(ctx context.Context, j store.Job) {
	h, ok := w.handlers[j.Kind]
	var err error
	if !ok {
		err = PermanentError{fmt.Errorf("no handler for job kind %q", j.Kind)}
	} else {
		err = safeCall(ctx, h, j.Payload)
	}
	// A fresh context: the outcome must be recorded even when shutdown
	// cancelled the job's own context half-way.
	rctx, cancel := context.WithTimeout(context.WithoutCancel(ctx), 10*time.Second)
	defer cancel()
	if err == nil {
		if err := w.st.CompleteJob(rctx, j.ID); err != nil {
			w.log.Error("jobs: complete", "job", j.ID, "err", err)
		}
		return
	}
	var perm PermanentError
	permanent := errors.As(err, &perm)
	retryAt := time.Now().Add(w.backoff(j.Attempts))
	w.log.Warn("jobs: attempt failed", "job", j.ID, "kind", j.Kind, "attempt", j.Attempts, "permanent", permanent, "err", err)
	if err := w.st.RetryJob(rctx, j.ID, err.Error(), retryAt, permanent); err != nil {
		w.log.Error("jobs: record failure", "job", j.ID, "err", err)
	}
}

// backoff grows exponentially with jitter so that a recovering SMTP server
// is not hit by every queued message at the same instant.
func (w *Worker) backoff(attempt int) time.Duration {
	d := w.cfg.BaseBackoff
	for i := 1; i < attempt && d < w.cfg.MaxBackoff; i++ {
		d *= 2
	}
	d = min(d, w.cfg.MaxBackoff)
	return d/2 + time.Duration(rand.Int64N(int64(d/2)+1))
}

func safeCall(ctx context.Context, h Handler, p json.RawMessage) (err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("job panicked: %v", r)
		}
	}()
	return h(ctx, p)
}
