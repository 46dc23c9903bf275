package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// Job is one unit of deferred work: an email to send, a digest to build.
type Job struct {
	ID          int64
	Kind        string
	Payload     json.RawMessage
	Attempts    int
	MaxAttempts int
	RunAt       time.Time
}

// EnqueueOptions tune one job. DedupKey makes enqueueing idempotent: a
// second job with the same key is silently dropped.
type EnqueueOptions struct {
	RunAt       time.Time
	DedupKey    string
	MaxAttempts int
}

// enqueue adds a job inside the caller's transaction: the outbox pattern.
// The job exists if and only if the action that caused it committed.
func enqueue(ctx context.Context, tx *Tx, kind string, payload any, o EnqueueOptions) error {
	b, err := json.Marshal(payload)
	if err != nil {
		return fmt.Errorf("store: job %s payload: %w", kind, err)
	}
	if o.RunAt.IsZero() {
		o.RunAt = tx.Now
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 12
	}
	var dedup any
	if o.DedupKey != "" {
		dedup = o.DedupKey
	}
	_, err = tx.ExecContext(ctx, `INSERT INTO jobs (kind, payload, dedup_key, run_at, max_attempts, created_at)
		VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (dedup_key) DO NOTHING`,
		kind, string(b), dedup, o.RunAt.UTC(), o.MaxAttempts, tx.Now)
	if err != nil {
		return fmt.Errorf("store: enqueue %s: %w", kind, err)
	}
	return nil
}

// Enqueue adds a job on its own, for work not tied to another change.
func (s *Store) Enqueue(ctx context.Context, kind string, payload any, o EnqueueOptions) error {
	return s.write(ctx, func(tx *Tx) error { return enqueue(ctx, tx, kind, payload, o) })
}

// ClaimJobs leases up to n due jobs to worker for the lease duration. A
// job whose worker died becomes due again when its lease ends, so no job
// is lost with a crashed process.
func (s *Store) ClaimJobs(ctx context.Context, worker string, n int, lease time.Duration) ([]Job, error) {
	var jobs []Job
	err := s.writeQuiet(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `UPDATE jobs SET locked_until = $1, locked_by = $2, attempts = attempts + 1
			WHERE id IN (SELECT id FROM jobs
				WHERE done_at IS NULL AND failed_at IS NULL AND run_at <= $3 AND (locked_until IS NULL OR locked_until < $3)
				ORDER BY run_at, id LIMIT $4`+tx.dialect.SkipLocked()+`)
			RETURNING id, kind, payload, attempts, max_attempts, run_at`,
			tx.Now.Add(lease), worker, tx.Now, n)
		if err != nil {
			return fmt.Errorf("store: claim jobs: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var j Job
			var payload string
			if err := rows.Scan(&j.ID, &j.Kind, &payload, &j.Attempts, &j.MaxAttempts, &j.RunAt); err != nil {
				return err
			}
			j.Payload = json.RawMessage(payload)
			jobs = append(jobs, j)
		}
		return rows.Err()
	})
	return jobs, err
}

// CompleteJob marks a job done.
func (s *Store) CompleteJob(ctx context.Context, id int64) error {
	return s.writeQuiet(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE jobs SET done_at = $1, locked_until = NULL, last_error = '' WHERE id = $2`, tx.Now, id)
		return err
	})
}

// RetryJob records a failed attempt; the job runs again at retryAt, or is
// marked failed for good when permanent or out of attempts.
func (s *Store) RetryJob(ctx context.Context, id int64, cause string, retryAt time.Time, permanent bool) error {
	return s.writeQuiet(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE jobs SET locked_until = NULL, last_error = $1, run_at = $2 WHERE id = $3`,
			truncate(cause, 1000), retryAt.UTC(), id)
		if err != nil {
			return err
		}
		// A separate statement so that each dialect infers the type of
		// failed_at's parameter from the column itself.
		_, err = tx.ExecContext(ctx, `UPDATE jobs SET failed_at = $1 WHERE id = $2 AND ($3 OR attempts >= max_attempts)`, tx.Now, id, permanent)
		return err
	})
}

// JobStats counts jobs by state, for /metrics and the admin page.
type JobStats struct {
	Ready, Scheduled, Running, Failed, Done int64
}

// JobStats returns the queue depth by state.
func (s *Store) JobStats(ctx context.Context) (JobStats, error) {
	var st JobStats
	now := s.Now()
	err := s.reader.QueryRowContext(ctx, `SELECT
		COALESCE(SUM(CASE WHEN done_at IS NULL AND failed_at IS NULL AND run_at <= $1 AND (locked_until IS NULL OR locked_until < $1) THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN done_at IS NULL AND failed_at IS NULL AND run_at > $1 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN done_at IS NULL AND failed_at IS NULL AND locked_until >= $1 THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN failed_at IS NOT NULL THEN 1 ELSE 0 END), 0),
		COALESCE(SUM(CASE WHEN done_at IS NOT NULL THEN 1 ELSE 0 END), 0)
		FROM jobs`, now).Scan(&st.Ready, &st.Scheduled, &st.Running, &st.Failed, &st.Done)
	s.counter.add()
	return st, err
}

// NextJobAt returns when the earliest pending job becomes due, so an idle
// worker can sleep exactly that long.
func (s *Store) NextJobAt(ctx context.Context) (time.Time, bool, error) {
	// ORDER BY … LIMIT 1 rather than MIN(): SQLite only converts a column
	// it knows is a TIMESTAMP, and an aggregate loses that type.
	var t time.Time
	err := s.reader.QueryRowContext(ctx, `SELECT run_at FROM jobs WHERE done_at IS NULL AND failed_at IS NULL ORDER BY run_at LIMIT 1`).Scan(&t)
	s.counter.add()
	if errors.Is(err, sql.ErrNoRows) {
		return time.Time{}, false, nil
	}
	return t.UTC(), err == nil, err
}

// enqueueEmail queues an email inside the caller's transaction.
func enqueueEmail(ctx context.Context, tx *Tx, e agora.Email) error {
	return enqueue(ctx, tx, agora.JobEmail, e, EnqueueOptions{})
}

// SentMail is the copy of an email kept for the admin's "sent mail" page
// in development and demo installations.
type SentMail struct {
	ID        string
	Recipient string
	Subject   string
	Text      string
	HTML      string
	CreatedAt time.Time
}

// RecordSentMail keeps a copy of a message that was handed to the sender.
func (s *Store) RecordSentMail(ctx context.Context, jobID int64, m SentMail) error {
	return s.writeQuiet(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO mail_log (id, job_id, recipient, subject, body_text, body_html, created_at, sent_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`, agora.NewID(), jobID, m.Recipient, m.Subject, m.Text, m.HTML, tx.Now)
		return err
	})
}

// ListSentMail returns the newest copies first.
func (s *Store) ListSentMail(ctx context.Context, limit int) ([]SentMail, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var out []SentMail
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, recipient, subject, body_text, body_html, created_at FROM mail_log ORDER BY created_at DESC, id LIMIT $1`, limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var m SentMail
			if err := rows.Scan(&m.ID, &m.Recipient, &m.Subject, &m.Text, &m.HTML, &m.CreatedAt); err != nil {
				return err
			}
			out = append(out, m)
		}
		return rows.Err()
	})
	return out, err
}
