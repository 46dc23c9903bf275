package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// StartSession stores ss and, in the same transaction, deletes the session
// with hash replaces (the browser's previous cookie, if any): a sign-in
// always gets a fresh identifier, so a session id planted before sign-in
// is worth nothing after it.
func (s *Store) StartSession(ctx context.Context, replaces string, ss agora.Session) error {
	return s.write(ctx, func(tx *Tx) error {
		if replaces != "" {
			if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1`, replaces); err != nil {
				return fmt.Errorf("store: drop old session: %w", err)
			}
		}
		return insertSession(ctx, tx, ss)
	})
}

func insertSession(ctx context.Context, tx *Tx, ss agora.Session) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, expires_at, user_agent, mfa_pending)
		VALUES ($1, $2, $3, $3, $4, $5, $6)`, ss.IDHash, ss.UserID, tx.Now, ss.ExpiresAt.UTC(), truncate(ss.UserAgent, 200), ss.MFAPending)
	if err != nil {
		return fmt.Errorf("store: create session: %w", err)
	}
	return nil
}

// ListSessions returns the live, fully signed-in sessions of a user, the
// most recently seen first.
func (s *Store) ListSessions(ctx context.Context, userID string) ([]agora.Session, error) {
	var out []agora.Session
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id_hash, created_at, last_seen_at, expires_at, user_agent FROM sessions
			WHERE user_id = $1 AND expires_at > $2 AND mfa_pending = FALSE ORDER BY last_seen_at DESC, created_at DESC, id_hash`, userID, tx.Now)
		if err != nil {
			return fmt.Errorf("store: list sessions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			ss := agora.Session{UserID: userID}
			if err := rows.Scan(&ss.IDHash, &ss.CreatedAt, &ss.LastSeenAt, &ss.ExpiresAt, &ss.UserAgent); err != nil {
				return err
			}
			ss.CreatedAt, ss.LastSeenAt, ss.ExpiresAt = ss.CreatedAt.UTC(), ss.LastSeenAt.UTC(), ss.ExpiresAt.UTC()
			out = append(out, ss)
		}
		return rows.Err()
	})
	return out, err
}

// RevokeSession ends one of userID's sessions. A session of someone else
// is NotFound, like one that does not exist.
func (s *Store) RevokeSession(ctx context.Context, userID, idHash string) error {
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id_hash = $2`, userID, idHash)
		if err != nil {
			return fmt.Errorf("store: revoke session: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return agora.Errorf(agora.NotFound, "error.not_found")
		}
		return nil
	})
}

// RevokeOtherSessions ends every session of userID except keep and
// reports how many ended.
func (s *Store) RevokeOtherSessions(ctx context.Context, userID, keep string) (int, error) {
	var n int64
	err := s.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2`, userID, keep)
		if err != nil {
			return fmt.Errorf("store: revoke sessions: %w", err)
		}
		n, err = res.RowsAffected()
		return err
	})
	return int(n), err
}

// SecondFactor is what completes a sign-in after the password: the TOTP
// time step a valid code belonged to, or the hash of a recovery code.
type SecondFactor struct {
	TOTPStep     int64
	RecoveryHash string
}

// errSecondFactor is the one answer to a wrong, reused or replayed code.
func errSecondFactor() *agora.Error {
	return agora.FieldError("code", "account.2fa.code_wrong", nil)
}

// CompleteSignIn finishes a two-step sign-in: it checks that pending is a
// live second-factor-pending session of next.UserID, spends the factor and
// replaces pending with next, all at once. A TOTP step not after the last
// one used (a replayed code) or an unknown or used recovery code is an
// Invalid "account.2fa.code_wrong" error on field "code"; an unknown or
// expired pending session is Unauthenticated.
func (s *Store) CompleteSignIn(ctx context.Context, pending string, f SecondFactor, next agora.Session) error {
	return s.write(ctx, func(tx *Tx) error {
		var userID string
		var mfa bool
		var expires time.Time
		err := tx.QueryRowContext(ctx, `SELECT user_id, mfa_pending, expires_at FROM sessions WHERE id_hash = $1`, pending).
			Scan(&userID, &mfa, &expires)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && (!mfa || userID != next.UserID || !expires.After(tx.Now))) {
			return agora.Errorf(agora.Unauthenticated, "error.unauthenticated")
		}
		if err != nil {
			return fmt.Errorf("store: pending session: %w", err)
		}
		var res sql.Result
		if f.RecoveryHash != "" {
			res, err = tx.ExecContext(ctx, `UPDATE recovery_codes SET used_at = $1 WHERE user_id = $2 AND hash = $3 AND used_at IS NULL`,
				tx.Now, userID, f.RecoveryHash)
		} else {
			res, err = tx.ExecContext(ctx, `UPDATE users SET totp_last_step = $1 WHERE id = $2 AND totp_last_step < $1 AND totp_enabled_at IS NOT NULL`,
				f.TOTPStep, userID)
		}
		if err != nil {
			return fmt.Errorf("store: spend second factor: %w", err)
		}
		if n, _ := res.RowsAffected(); n != 1 {
			return errSecondFactor()
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE id_hash = $1`, pending); err != nil {
			return fmt.Errorf("store: drop pending session: %w", err)
		}
		if f.RecoveryHash != "" {
			if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: userID, Action: "user.recovery_code_used", TargetKind: "user", TargetID: userID}); err != nil {
				return err
			}
		}
		next.MFAPending = false
		return insertSession(ctx, tx, next)
	})
}
