package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// MaxAPITokens bounds the live personal access tokens of one account.
const MaxAPITokens = 50

// APIToken is a personal access token as its owner sees it; the secret is
// never stored, only its hash.
type APIToken struct {
	ID         string
	Name       string
	CreatedAt  time.Time
	LastUsedAt *time.Time
	ExpiresAt  *time.Time
	RevokedAt  *time.Time
}

// Live reports whether the token still authenticates at now.
func (t APIToken) Live(now time.Time) bool {
	return t.RevokedAt == nil && (t.ExpiresAt == nil || t.ExpiresAt.After(now))
}

// CreateAPIToken stores a token given the hash of its secret. expires nil
// means it never expires. Past MaxAPITokens live tokens it is Conflict
// "account.tokens.too_many".
func (s *Store) CreateAPIToken(ctx context.Context, userID, name, hash string, expires *time.Time) (APIToken, error) {
	t := APIToken{ID: agora.NewID(), Name: name}
	err := s.write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM api_tokens WHERE user_id = $1 AND revoked_at IS NULL
			AND (expires_at IS NULL OR expires_at > $2)`, userID, tx.Now).Scan(&n); err != nil {
			return fmt.Errorf("store: count api tokens: %w", err)
		}
		if n >= MaxAPITokens {
			return agora.Errorf(agora.Conflict, "account.tokens.too_many")
		}
		var exp any
		if expires != nil {
			e := expires.UTC()
			t.ExpiresAt, exp = &e, e
		}
		t.CreatedAt = tx.Now
		if _, err := tx.ExecContext(ctx, `INSERT INTO api_tokens (id, user_id, name, hash, created_at, expires_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			t.ID, userID, name, hash, tx.Now, exp); err != nil {
			return fmt.Errorf("store: create api token: %w", err)
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: userID, Action: "user.api_token_created", TargetKind: "api_token", TargetID: t.ID})
	})
	return t, err
}

// ListAPITokens returns a user's tokens, newest first, revoked ones too.
func (s *Store) ListAPITokens(ctx context.Context, userID string) ([]APIToken, error) {
	var out []APIToken
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, name, created_at, last_used_at, expires_at, revoked_at FROM api_tokens
			WHERE user_id = $1 ORDER BY created_at DESC, id`, userID)
		if err != nil {
			return fmt.Errorf("store: list api tokens: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var t APIToken
			var used, exp, rev sql.NullTime
			if err := rows.Scan(&t.ID, &t.Name, &t.CreatedAt, &used, &exp, &rev); err != nil {
				return err
			}
			t.CreatedAt = t.CreatedAt.UTC()
			t.LastUsedAt, t.ExpiresAt, t.RevokedAt = nullTime(used), nullTime(exp), nullTime(rev)
			out = append(out, t)
		}
		return rows.Err()
	})
	return out, err
}

func nullTime(n sql.NullTime) *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.Time.UTC()
	return &t
}

// RevokeAPIToken stops one of userID's tokens from working. Someone
// else's token, or an already revoked one, is NotFound.
func (s *Store) RevokeAPIToken(ctx context.Context, userID, id string) error {
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL`,
			tx.Now, id, userID)
		if err != nil {
			return fmt.Errorf("store: revoke api token: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return agora.Errorf(agora.NotFound, "error.not_found")
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: userID, Action: "user.api_token_revoked", TargetKind: "api_token", TargetID: id})
	})
}
