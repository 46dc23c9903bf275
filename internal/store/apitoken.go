package store

import (
	"context"
	"time"

	"github.com/agora-civic/agora"
)

// apiTokenTouchEvery bounds writes of last_used_at, like sessions.
const apiTokenTouchEvery = 5 * time.Minute

// APITokenUser returns the owner of a live personal access token given
// its hash. Unknown, revoked or expired tokens and disabled owners are
// Unauthenticated.
func (s *Store) APITokenUser(ctx context.Context, hash string) (agora.User, error) {
	var u agora.User
	var id string
	var expires, lastUsed *time.Time
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+prefixed("u.", userColumns)+`, t.id, t.expires_at, t.last_used_at
			FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE t.hash = $1 AND t.revoked_at IS NULL`, hash), &id, &expires, &lastUsed)
		return err
	})
	unauth := agora.Errorf(agora.Unauthenticated, "api.token_invalid")
	if err != nil {
		return u, unauth.Wrap(err)
	}
	now := s.Now()
	if (expires != nil && !expires.After(now)) || u.Disabled() {
		return u, unauth
	}
	if lastUsed == nil || now.Sub(*lastUsed) > apiTokenTouchEvery {
		err := s.writeQuiet(ctx, func(tx *Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE api_tokens SET last_used_at = $1 WHERE id = $2`, tx.Now, id)
			return err
		})
		if err != nil {
			return u, err
		}
	}
	return u, nil
}
