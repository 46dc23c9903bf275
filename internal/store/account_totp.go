package store

import (
	"context"
	"fmt"

	"github.com/agora-civic/agora"
)

// TOTPState is an account's second-factor set-up. SealedSecret is the
// TOTP secret as the web layer sealed it; it is set while enrolment is
// pending (Enabled false) and while enabled.
type TOTPState struct {
	SealedSecret string
	Enabled      bool
	LastStep     int64
	RecoveryLeft int
}

// TOTPState returns the second-factor set-up of an account.
func (s *Store) TOTPState(ctx context.Context, userID string) (TOTPState, error) {
	var st TOTPState
	err := s.read(ctx, func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT totp_secret, totp_enabled_at IS NOT NULL, totp_last_step FROM users WHERE id = $1`, userID).
			Scan(&st.SealedSecret, &st.Enabled, &st.LastStep)
		if err != nil {
			return notFound(err, "error.not_found")
		}
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM recovery_codes WHERE user_id = $1 AND used_at IS NULL`, userID).Scan(&st.RecoveryLeft)
	})
	return st, err
}

// BeginTOTP stores a new, not yet confirmed secret. An account that
// already has a second factor is Conflict "account.2fa.already_enabled".
func (s *Store) BeginTOTP(ctx context.Context, userID, sealedSecret string) error {
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = $1, updated_at = $2 WHERE id = $3 AND totp_enabled_at IS NULL`,
			sealedSecret, tx.Now, userID)
		if err != nil {
			return fmt.Errorf("store: begin totp: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return agora.Errorf(agora.Conflict, "account.2fa.already_enabled")
		}
		return nil
	})
}

// EnableTOTP turns the pending secret on after the person proved it with
// a code of the given step, and stores the hashes of fresh recovery
// codes. The step becomes the last one used, so the confirming code cannot
// sign in. It is Conflict "account.2fa.already_enabled" when already on
// and "account.2fa.not_started" without a pending secret.
func (s *Store) EnableTOTP(ctx context.Context, userID string, step int64, recoveryHashes []string) error {
	return s.write(ctx, func(tx *Tx) error {
		var secret string
		var enabled bool
		err := tx.QueryRowContext(ctx, `SELECT totp_secret, totp_enabled_at IS NOT NULL FROM users WHERE id = $1`, userID).Scan(&secret, &enabled)
		if err != nil {
			return notFound(err, "error.not_found")
		}
		switch {
		case enabled:
			return agora.Errorf(agora.Conflict, "account.2fa.already_enabled")
		case secret == "":
			return agora.Errorf(agora.Conflict, "account.2fa.not_started")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET totp_enabled_at = $1, totp_last_step = $2, updated_at = $1 WHERE id = $3`,
			tx.Now, step, userID); err != nil {
			return fmt.Errorf("store: enable totp: %w", err)
		}
		if err := replaceRecoveryCodes(ctx, tx, userID, recoveryHashes); err != nil {
			return err
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: userID, Action: "user.2fa_enabled", TargetKind: "user", TargetID: userID})
	})
}

// DisableTOTP removes the second factor and its recovery codes (the caller
// checked the password).
func (s *Store) DisableTOTP(ctx context.Context, userID string) error {
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET totp_secret = '', totp_enabled_at = NULL, totp_last_step = 0, updated_at = $1
			WHERE id = $2 AND totp_enabled_at IS NOT NULL`, tx.Now, userID)
		if err != nil {
			return fmt.Errorf("store: disable totp: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return agora.Errorf(agora.Conflict, "account.2fa.not_enabled")
		}
		if err := replaceRecoveryCodes(ctx, tx, userID, nil); err != nil {
			return err
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: userID, Action: "user.2fa_disabled", TargetKind: "user", TargetID: userID})
	})
}

// ReplaceRecoveryCodes swaps all recovery codes of an account that has a
// second factor for new ones; the old ones stop working.
func (s *Store) ReplaceRecoveryCodes(ctx context.Context, userID string, hashes []string) error {
	return s.write(ctx, func(tx *Tx) error {
		var enabled bool
		err := tx.QueryRowContext(ctx, `SELECT totp_enabled_at IS NOT NULL FROM users WHERE id = $1`, userID).Scan(&enabled)
		if err != nil {
			return notFound(err, "error.not_found")
		}
		if !enabled {
			return agora.Errorf(agora.Conflict, "account.2fa.not_enabled")
		}
		if err := replaceRecoveryCodes(ctx, tx, userID, hashes); err != nil {
			return err
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: userID, Action: "user.recovery_codes_replaced", TargetKind: "user", TargetID: userID})
	})
}

func replaceRecoveryCodes(ctx context.Context, tx *Tx, userID string, hashes []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM recovery_codes WHERE user_id = $1`, userID); err != nil {
		return fmt.Errorf("store: drop recovery codes: %w", err)
	}
	for _, h := range hashes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO recovery_codes (user_id, hash) VALUES ($1, $2)`, userID, h); err != nil {
			return fmt.Errorf("store: store recovery code: %w", err)
		}
	}
	return nil
}
