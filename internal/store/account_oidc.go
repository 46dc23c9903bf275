package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/agora-civic/agora"
)

// OIDCSignIn is what a verified ID token says about the person.
type OIDCSignIn struct {
	Subject       string
	Email         string // normalised
	EmailVerified bool
	// New is used to create the account when neither the subject nor the
	// address is known; Email, PasswordHash and EmailVerified are set here.
	New NewUser
}

// OIDCUser finds or makes the account for a single sign-on: the account
// already linked to the subject; else the account with the verified
// address, which gets linked; else a new verified account. It reports
// whether an account was created. Without a verified address nothing is
// linked or created: Unauthenticated "account.oidc.email_unverified".
// An address whose account is linked to another subject is Conflict
// "account.oidc.conflict".
//
// Linking to an account whose address was never confirmed drops that
// account's password, sessions and second factor: someone may have
// registered the address before its owner, and must not share the account
// the owner now proves to be theirs.
func (s *Store) OIDCUser(ctx context.Context, in OIDCSignIn) (u agora.User, created bool, err error) {
	if in.Subject == "" {
		return u, false, agora.Errorf(agora.Unauthenticated, "auth.oidc.failed")
	}
	err = s.write(ctx, func(tx *Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE oidc_subject = $1`, in.Subject))
		if err == nil || !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		if !in.EmailVerified || in.Email == "" {
			return agora.Errorf(agora.Unauthenticated, "account.oidc.email_unverified")
		}
		var subject sql.NullString
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+`, oidc_subject FROM users WHERE email = $1`, in.Email), &subject)
		switch {
		case err == nil:
			return linkOIDC(ctx, tx, &u, in.Subject, subject)
		case !errors.Is(err, sql.ErrNoRows):
			return err
		}
		n := in.New
		n.Email, n.PasswordHash, n.EmailVerified = in.Email, "", true
		if u, err = createUser(ctx, tx, n); err != nil {
			return err
		}
		created = true
		if _, err := tx.ExecContext(ctx, `UPDATE users SET oidc_subject = $1 WHERE id = $2`, in.Subject, u.ID); err != nil {
			return fmt.Errorf("store: link oidc: %w", err)
		}
		return nil
	})
	return u, created, err
}

func linkOIDC(ctx context.Context, tx *Tx, u *agora.User, subject string, current sql.NullString) error {
	if current.Valid && current.String != "" {
		return agora.Errorf(agora.Conflict, "account.oidc.conflict")
	}
	if !u.Verified() {
		if _, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = '', totp_secret = '', totp_enabled_at = NULL,
			email_verified_at = $1 WHERE id = $2`, tx.Now, u.ID); err != nil {
			return fmt.Errorf("store: claim unverified account: %w", err)
		}
		for _, q := range []string{`DELETE FROM sessions WHERE user_id = $1`, `DELETE FROM recovery_codes WHERE user_id = $1`,
			`DELETE FROM api_tokens WHERE user_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, u.ID); err != nil {
				return fmt.Errorf("store: claim unverified account: %w", err)
			}
		}
	}
	if _, err := tx.ExecContext(ctx, `UPDATE users SET oidc_subject = $1, updated_at = $2 WHERE id = $3`, subject, tx.Now, u.ID); err != nil {
		return fmt.Errorf("store: link oidc: %w", err)
	}
	if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: u.ID, Action: "user.oidc_linked", TargetKind: "user", TargetID: u.ID}); err != nil {
		return err
	}
	linked, err := userByID(ctx, tx, u.ID)
	*u = linked
	return err
}
