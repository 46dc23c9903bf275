package store

import (
	"context"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// sessionTouchEvery bounds how often a request writes last_seen_at: often
// enough for the "active sessions" list, rare enough that reading pages
// stays read-only.
const sessionTouchEvery = 5 * time.Minute

// CreateSession stores a new session.
func (s *Store) CreateSession(ctx context.Context, ss agora.Session) error {
	return s.write(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, user_agent, mfa_pending)
			VALUES ($1, $2, $3, $3, $4, $5, $6)`, ss.IDHash, ss.UserID, tx.Now, ss.ExpiresAt.UTC(), truncate(ss.UserAgent, 200), ss.MFAPending)
		if err != nil {
			return fmt.Errorf("store: create session: %w", err)
		}
		return nil
	})
}

// SessionUser returns the live session with the given hash and its user.
// Expired sessions and disabled users are Unauthenticated.
func (s *Store) SessionUser(ctx context.Context, idHash string) (agora.User, agora.Session, error) {
	var u agora.User
	var ss agora.Session
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+prefixed("u.", userColumns)+`, s.created_at, s.last_seen_at, s.expires_at, s.user_agent, s.mfa_pending
			FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1`, idHash),
			&ss.CreatedAt, &ss.LastSeenAt, &ss.ExpiresAt, &ss.UserAgent, &ss.MFAPending)
		return err
	})
	if err != nil {
		return u, ss, agora.Errorf(agora.Unauthenticated, "error.unauthenticated").Wrap(err)
	}
	ss.IDHash, ss.UserID = idHash, u.ID
	now := s.Now()
	if !ss.ExpiresAt.After(now) || u.Disabled() {
		return u, ss, agora.Errorf(agora.Unauthenticated, "error.unauthenticated")
	}
	if now.Sub(ss.LastSeenAt) > sessionTouchEvery {
		err := s.writeQuiet(ctx, func(tx *Tx) error {
			_, err := tx.ExecContext(ctx, `UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2`, tx.Now, idHash)
			return err
		})
		if err != nil {
			return u, ss, err
		}
	}
	return u, ss, nil
}

// DeleteSession ends one session (sign-out). Unknown hashes are not an
// error: signing out twice is fine.
func (s *Store) DeleteSession(ctx context.Context, idHash string) error {
	return s.write(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1`, idHash)
		return err
	})
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	for n > 0 && (s[n]&0xC0) == 0x80 {
		n--
	}
	return s[:n]
}

// prefixed qualifies each column of a comma-separated list with p.
func prefixed(p, cols string) string {
	out := make([]byte, 0, len(cols)+32)
	start := true
	for i := 0; i < len(cols); i++ {
		c := cols[i]
		if start && c != ' ' {
			out = append(out, p...)
			start = false
		}
		out = append(out, c)
		if c == ',' {
			start = true
		}
	}
	return string(out)
}
