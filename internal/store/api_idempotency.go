package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// IdempotencyTTL is how long the API remembers the response to an
// Idempotency-Key: long enough for any client's retries, short enough
// that the table stays small.
const IdempotencyTTL = 24 * time.Hour

// IdempotentResponse is the first response the API gave to one key of
// one user, replayed to every retry with the same request.
type IdempotentResponse struct {
	// RequestHash identifies the request (method, path and body) the
	// response answered; a retry with another request is a conflict.
	RequestHash string
	Status      int
	Body        string
	Location    string
	CreatedAt   time.Time
}

// IdempotentResponse returns the response stored for userID's key within
// IdempotencyTTL, and whether there is one.
func (s *Store) IdempotentResponse(ctx context.Context, userID, key string) (IdempotentResponse, bool, error) {
	var r IdempotentResponse
	var found bool
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		r, found, err = idempotentTx(ctx, tx, userID, key)
		return err
	})
	return r, found, err
}

func idempotentTx(ctx context.Context, tx *Tx, userID, key string) (IdempotentResponse, bool, error) {
	var r IdempotentResponse
	err := tx.QueryRowContext(ctx, `SELECT request_hash, status, body, location, created_at FROM idempotency_keys
		WHERE user_id = $1 AND key = $2 AND created_at > $3`, userID, key, tx.Now.Add(-IdempotencyTTL)).Scan(
		&r.RequestHash, &r.Status, &r.Body, &r.Location, &r.CreatedAt)
	if errors.Is(err, sql.ErrNoRows) {
		return r, false, nil
	}
	if err != nil {
		return r, false, fmt.Errorf("store: idempotency key: %w", err)
	}
	r.CreatedAt = r.CreatedAt.UTC()
	return r, true, nil
}

// SaveIdempotentResponse keeps r as the response to userID's key unless
// a response is kept already (a concurrent request with the same key got
// there first), and returns the response that is kept: r or the earlier
// one, which the caller sends instead. Responses older than
// IdempotencyTTL are deleted on the way.
func (s *Store) SaveIdempotentResponse(ctx context.Context, userID, key string, r IdempotentResponse) (IdempotentResponse, error) {
	var kept IdempotentResponse
	err := s.writeQuiet(ctx, func(tx *Tx) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM idempotency_keys WHERE created_at <= $1`, tx.Now.Add(-IdempotencyTTL)); err != nil {
			return fmt.Errorf("store: expire idempotency keys: %w", err)
		}
		r.CreatedAt = tx.Now
		_, err := tx.ExecContext(ctx, `INSERT INTO idempotency_keys (user_id, key, request_hash, status, body, location, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7) ON CONFLICT (user_id, key) DO NOTHING`,
			userID, key, r.RequestHash, r.Status, r.Body, r.Location, r.CreatedAt)
		if err != nil {
			return fmt.Errorf("store: save idempotency key: %w", err)
		}
		var found bool
		kept, found, err = idempotentTx(ctx, tx, userID, key)
		if err == nil && !found {
			err = fmt.Errorf("store: idempotency key %q vanished", key)
		}
		return err
	})
	return kept, err
}
