package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// Purposes of the single-use tokens in user_tokens. Only the hash of a
// token is stored; the plain value travels in one email link.
const (
	PurposeVerify      = "verify"       // confirm the address of a new account; payload: that address
	PurposeReset       = "reset"        // set a new password without the old one
	PurposeChangeEmail = "change_email" // move the account to a new address; payload: the new address
)

// NewToken describes a single-use token to store for a user.
type NewToken struct {
	UserID  string
	Purpose string
	Hash    string // auth.HashToken of the plain token
	Payload string
	TTL     time.Duration
}

// errTokenInvalid is what every unusable link says, whether it never
// existed, was used or expired: the difference helps only an attacker.
func errTokenInvalid() *agora.Error { return agora.Errorf(agora.NotFound, "account.token_invalid") }

// issueToken stores t, first dropping the user's unused tokens of the same
// purpose, so only the newest emailed link works.
func issueToken(ctx context.Context, tx *Tx, t NewToken) error {
	if t.Hash == "" || t.TTL <= 0 {
		return fmt.Errorf("store: token for %s without hash or lifetime", t.Purpose)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM user_tokens WHERE user_id = $1 AND purpose = $2 AND used_at IS NULL`,
		t.UserID, t.Purpose); err != nil {
		return fmt.Errorf("store: drop old %s tokens: %w", t.Purpose, err)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO user_tokens (hash, user_id, purpose, payload, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, t.Hash, t.UserID, t.Purpose, t.Payload, tx.Now, tx.Now.Add(t.TTL))
	if err != nil {
		return fmt.Errorf("store: issue %s token: %w", t.Purpose, err)
	}
	return nil
}

// liveToken returns the user and payload of an unused, unexpired token.
func liveToken(ctx context.Context, tx *Tx, hash, purpose string) (agora.User, string, error) {
	var userID, payload string
	var expires time.Time
	var used sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT user_id, payload, expires_at, used_at FROM user_tokens WHERE hash = $1 AND purpose = $2`,
		hash, purpose).Scan(&userID, &payload, &expires, &used)
	if errors.Is(err, sql.ErrNoRows) {
		return agora.User{}, "", errTokenInvalid()
	}
	if err != nil {
		return agora.User{}, "", fmt.Errorf("store: token: %w", err)
	}
	if used.Valid || !expires.After(tx.Now) {
		return agora.User{}, "", errTokenInvalid()
	}
	u, err := userByID(ctx, tx, userID)
	if err != nil {
		return u, "", err
	}
	if u.Disabled() {
		return agora.User{}, "", errTokenInvalid()
	}
	return u, payload, nil
}

// consumeToken is liveToken that also marks the token used. The guarded
// UPDATE makes two concurrent uses of one link succeed at most once.
func consumeToken(ctx context.Context, tx *Tx, hash, purpose string) (agora.User, string, error) {
	u, payload, err := liveToken(ctx, tx, hash, purpose)
	if err != nil {
		return u, payload, err
	}
	res, err := tx.ExecContext(ctx, `UPDATE user_tokens SET used_at = $1 WHERE hash = $2 AND used_at IS NULL`, tx.Now, hash)
	if err != nil {
		return u, "", fmt.Errorf("store: use token: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n != 1 {
		return agora.User{}, "", errTokenInvalid()
	}
	return u, payload, nil
}

// UserToken checks a token without using it, for the page that asks the
// person to confirm (mail scanners fetch links, so a GET must not spend
// it). Unknown, used or expired tokens are NotFound "account.token_invalid".
func (s *Store) UserToken(ctx context.Context, hash, purpose string) (agora.User, error) {
	var u agora.User
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		u, _, err = liveToken(ctx, tx, hash, purpose)
		return err
	})
	return u, err
}

// Registration is a new account with its verification link.
type Registration struct {
	User NewUser
	// Token is the verification token; UserID and Payload are filled in.
	Token NewToken
	// Mail composes the verification message for the new account.
	Mail func(u agora.User) agora.Email
	// Taken composes the notice sent instead when the address already has
	// an account, in that account's language.
	Taken func(existing agora.User) agora.Email
}

// Register creates an unverified account and queues its verification
// email. When the address already belongs to an account it creates
// nothing, queues the Taken notice to that address and reports created
// false with a nil error, so the caller answers exactly as for a new
// account and nobody learns which addresses are registered.
func (s *Store) Register(ctx context.Context, r Registration) (u agora.User, created bool, err error) {
	err = s.write(ctx, func(tx *Tx) error {
		existing, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = $1`, r.User.Email))
		if err == nil {
			created = false
			if r.Taken != nil {
				return enqueueEmail(ctx, tx, r.Taken(existing))
			}
			return nil
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		r.User.EmailVerified = false
		if u, err = createUser(ctx, tx, r.User); err != nil {
			return err
		}
		created = true
		r.Token.UserID, r.Token.Purpose, r.Token.Payload = u.ID, PurposeVerify, u.Email
		if err := issueToken(ctx, tx, r.Token); err != nil {
			return err
		}
		return enqueueEmail(ctx, tx, r.Mail(u))
	})
	return u, created, err
}

// SendVerification issues a new verification token for userID and queues
// the message mail composes for it. Already verified accounts are Conflict
// "account.already_verified".
func (s *Store) SendVerification(ctx context.Context, userID string, t NewToken, mail func(u agora.User) agora.Email) error {
	return s.write(ctx, func(tx *Tx) error {
		u, err := userByID(ctx, tx, userID)
		if err != nil {
			return err
		}
		if u.Verified() {
			return agora.Errorf(agora.Conflict, "account.already_verified")
		}
		t.UserID, t.Purpose, t.Payload = u.ID, PurposeVerify, u.Email
		if err := issueToken(ctx, tx, t); err != nil {
			return err
		}
		return enqueueEmail(ctx, tx, mail(u))
	})
}

// VerifyEmail spends a verification token and marks the address it was
// sent to as confirmed. A token for an address the account no longer has
// is invalid like a used one.
func (s *Store) VerifyEmail(ctx context.Context, hash string) (agora.User, error) {
	var u agora.User
	err := s.write(ctx, func(tx *Tx) error {
		var payload string
		var err error
		u, payload, err = consumeToken(ctx, tx, hash, PurposeVerify)
		if err != nil {
			return err
		}
		if payload != u.Email {
			return errTokenInvalid()
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET email_verified_at = COALESCE(email_verified_at, $1), updated_at = $1 WHERE id = $2`,
			tx.Now, u.ID); err != nil {
			return fmt.Errorf("store: verify email: %w", err)
		}
		u, err = userByID(ctx, tx, u.ID)
		return err
	})
	return u, err
}

// RequestPasswordReset issues a reset token for the account with the
// given address and queues the message mail composes in the account's
// language. It reports whether such an account exists; the caller must
// answer the same either way. Disabled accounts get nothing.
func (s *Store) RequestPasswordReset(ctx context.Context, email string, t NewToken, mail func(u agora.User) agora.Email) (bool, error) {
	found := false
	err := s.write(ctx, func(tx *Tx) error {
		u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = $1`, email))
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		if err != nil {
			return err
		}
		if u.Disabled() {
			return nil
		}
		found = true
		t.UserID, t.Purpose = u.ID, PurposeReset
		if err := issueToken(ctx, tx, t); err != nil {
			return err
		}
		return enqueueEmail(ctx, tx, mail(u))
	})
	return found, err
}

// ResetPassword spends a reset token, sets the new password hash and ends
// every session of the account: whoever knew the old password is out.
func (s *Store) ResetPassword(ctx context.Context, hash, passwordHash string) (agora.User, error) {
	var u agora.User
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		if u, _, err = consumeToken(ctx, tx, hash, PurposeReset); err != nil {
			return err
		}
		if err := setPassword(ctx, tx, u.ID, passwordHash); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, u.ID); err != nil {
			return fmt.Errorf("store: end sessions: %w", err)
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: u.ID, Action: "user.password_reset", TargetKind: "user", TargetID: u.ID})
	})
	return u, err
}

func setPassword(ctx context.Context, tx *Tx, userID, passwordHash string) error {
	_, err := tx.ExecContext(ctx, `UPDATE users SET password_hash = $1, updated_at = $2 WHERE id = $3`, passwordHash, tx.Now, userID)
	if err != nil {
		return fmt.Errorf("store: set password: %w", err)
	}
	return nil
}

// ChangePassword sets a new password hash (the caller checked the old
// password) and ends every other session of the account, keeping the one
// with hash keepSession.
func (s *Store) ChangePassword(ctx context.Context, userID, passwordHash, keepSession string) error {
	return s.write(ctx, func(tx *Tx) error {
		if err := setPassword(ctx, tx, userID, passwordHash); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2`, userID, keepSession); err != nil {
			return fmt.Errorf("store: end other sessions: %w", err)
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: userID, Action: "user.password_changed", TargetKind: "user", TargetID: userID})
	})
}

// RehashPassword replaces a hash made with old parameters after a
// successful sign-in; nothing else changes.
func (s *Store) RehashPassword(ctx context.Context, userID, passwordHash string) error {
	return s.write(ctx, func(tx *Tx) error { return setPassword(ctx, tx, userID, passwordHash) })
}

// PasswordHash returns the stored password hash of an account, "" for an
// account that only signs in through OpenID Connect.
func (s *Store) PasswordHash(ctx context.Context, userID string) (string, error) {
	var h string
	err := s.read(ctx, func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT password_hash FROM users WHERE id = $1`, userID).Scan(&h)
		return notFound(err, "error.not_found")
	})
	return h, err
}

// ProfileUpdate is the editable basics of an account.
type ProfileUpdate struct {
	DisplayName string
	Lang        string
	TimeZone    string
}

// UpdateProfile stores an account's display name, language and time zone.
// Unknown users are NotFound.
func (s *Store) UpdateProfile(ctx context.Context, userID string, p ProfileUpdate) error {
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE users SET display_name = $1, lang = $2, time_zone = $3, updated_at = $4 WHERE id = $5`,
			p.DisplayName, p.Lang, p.TimeZone, tx.Now, userID)
		if err != nil {
			return fmt.Errorf("store: update profile: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return agora.Errorf(agora.NotFound, "error.not_found")
		}
		// The public profile indexes the display name for search.
		return refreshProfileName(ctx, tx, userID)
	})
}
