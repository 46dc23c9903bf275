package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/agora-civic/agora"
)

// EmailChange asks to move an account to a new address.
type EmailChange struct {
	UserID   string
	NewEmail string // normalised
	// Token is the confirmation token; UserID, Purpose and Payload are
	// filled in.
	Token NewToken
	// Confirm composes the message with the link, to the new address.
	Confirm func(u agora.User) agora.Email
	// Notice composes the warning to the current address.
	Notice func(u agora.User) agora.Email
	// Taken composes the message sent to the new address instead of
	// Confirm when it already belongs to an account (in that account's
	// language); nothing else tells the requester.
	Taken func(existing agora.User) agora.Email
}

// RequestEmailChange queues the confirmation link to the new address and
// the notice to the current one. The address changes only when the link
// is confirmed (ConfirmEmailChange). A new address that is already taken
// gets the Taken message instead and no token is issued; the result is
// the same nil error, so the form does not reveal who is registered.
func (s *Store) RequestEmailChange(ctx context.Context, c EmailChange) error {
	return s.write(ctx, func(tx *Tx) error {
		u, err := userByID(ctx, tx, c.UserID)
		if err != nil {
			return err
		}
		existing, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE email = $1`, c.NewEmail))
		switch {
		case err == nil:
			if c.Taken != nil && existing.ID != u.ID {
				if err := enqueueEmail(ctx, tx, c.Taken(existing)); err != nil {
					return err
				}
			}
		case errors.Is(err, sql.ErrNoRows):
			c.Token.UserID, c.Token.Purpose, c.Token.Payload = u.ID, PurposeChangeEmail, c.NewEmail
			if err := issueToken(ctx, tx, c.Token); err != nil {
				return err
			}
			if err := enqueueEmail(ctx, tx, c.Confirm(u)); err != nil {
				return err
			}
		default:
			return err
		}
		if c.Notice != nil {
			return enqueueEmail(ctx, tx, c.Notice(u))
		}
		return nil
	})
}

// ConfirmEmailChange spends a change-of-address token and moves the
// account to the address it was sent to, which is thereby verified. When
// that address was taken meanwhile it is Conflict
// "account.email_change_failed"; the token is then spent all the same.
func (s *Store) ConfirmEmailChange(ctx context.Context, hash string) (agora.User, error) {
	var u agora.User
	var conflict bool
	err := s.write(ctx, func(tx *Tx) error {
		var newEmail string
		var err error
		if u, newEmail, err = consumeToken(ctx, tx, hash, PurposeChangeEmail); err != nil {
			return err
		}
		var other string
		err = tx.QueryRowContext(ctx, `SELECT id FROM users WHERE email = $1`, newEmail).Scan(&other)
		if err == nil {
			conflict = true
			return nil // commit: the token is used up
		}
		if !errors.Is(err, sql.ErrNoRows) {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE users SET email = $1, email_verified_at = $2, updated_at = $2 WHERE id = $3`, newEmail, tx.Now, u.ID)
		if isUniqueViolation(err) {
			return agora.Errorf(agora.Conflict, "account.email_change_failed").Wrap(err)
		}
		if err != nil {
			return fmt.Errorf("store: change email: %w", err)
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: u.ID, Action: "user.email_changed", TargetKind: "user", TargetID: u.ID}); err != nil {
			return err
		}
		u, err = userByID(ctx, tx, u.ID)
		return err
	})
	if err == nil && conflict {
		return u, agora.Errorf(agora.Conflict, "account.email_change_failed")
	}
	return u, err
}
