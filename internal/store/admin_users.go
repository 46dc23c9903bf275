package store

import (
	"context"
	"fmt"

	"github.com/agora-civic/agora"
)

// SetUserRole changes a user's platform role and records "user.set_role"
// in the audit log with the old and new role. actorID is the
// administrator who asked, or "" for the command line. Setting the role
// a user already has changes and records nothing.
//
// It returns Invalid ("role", "field.invalid_choice") for an unknown
// role, NotFound for an unknown user, and Conflict ("admin.last_admin")
// when the change would leave the platform without an active
// administrator: the last admin cannot demote themself.
func (s *Store) SetUserRole(ctx context.Context, actorID, userID string, role agora.PlatformRole) (agora.User, error) {
	if !role.Valid() {
		return agora.User{}, agora.FieldError("role", "field.invalid_choice", nil)
	}
	var u agora.User
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		if u, err = userByID(ctx, tx, userID); err != nil {
			return err
		}
		if u.Role == role {
			return nil
		}
		if u.IsAdmin() && role != agora.RoleAdmin {
			if err := keepOneAdmin(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET role = $1, updated_at = $2 WHERE id = $3`, string(role), tx.Now, u.ID); err != nil {
			return fmt.Errorf("store: set role: %w", err)
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, Action: "user.set_role", TargetKind: "user", TargetID: u.ID,
			Details: map[string]string{"from": string(u.Role), "to": string(role)}}); err != nil {
			return err
		}
		u.Role = role
		return nil
	})
	return u, err
}

// DisableUser stops a user from signing in: it marks the account disabled,
// ends all their sessions (so the change bites at once, not at the
// session's expiry) and records "user.disable". Disabling a disabled
// account does nothing. It returns NotFound for an unknown user and
// Conflict ("admin.last_admin") for the last active administrator.
func (s *Store) DisableUser(ctx context.Context, actorID, userID string) (agora.User, error) {
	var u agora.User
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		if u, err = userByID(ctx, tx, userID); err != nil {
			return err
		}
		if u.Disabled() {
			return nil
		}
		if u.IsAdmin() {
			if err := keepOneAdmin(ctx, tx, u.ID); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled_at = $1, updated_at = $1 WHERE id = $2`, tx.Now, u.ID); err != nil {
			return fmt.Errorf("store: disable user: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM sessions WHERE user_id = $1`, u.ID); err != nil {
			return fmt.Errorf("store: end sessions: %w", err)
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, Action: "user.disable", TargetKind: "user", TargetID: u.ID}); err != nil {
			return err
		}
		now := tx.Now
		u.DisabledAt = &now
		return nil
	})
	return u, err
}

// EnableUser lets a disabled user sign in again and records "user.enable".
// Enabling an active account does nothing. It returns NotFound for an
// unknown user.
func (s *Store) EnableUser(ctx context.Context, actorID, userID string) (agora.User, error) {
	var u agora.User
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		if u, err = userByID(ctx, tx, userID); err != nil {
			return err
		}
		if !u.Disabled() {
			return nil
		}
		if _, err := tx.ExecContext(ctx, `UPDATE users SET disabled_at = NULL, updated_at = $1 WHERE id = $2`, tx.Now, u.ID); err != nil {
			return fmt.Errorf("store: enable user: %w", err)
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, Action: "user.enable", TargetKind: "user", TargetID: u.ID}); err != nil {
			return err
		}
		u.DisabledAt = nil
		return nil
	})
	return u, err
}

// keepOneAdmin refuses a change that would take away the platform's last
// active administrator, userID. On PostgreSQL the admin rows are locked
// so that two administrators demoting each other at once cannot both
// pass the check; SQLite's single writer already serialises them.
func keepOneAdmin(ctx context.Context, tx *Tx, userID string) error {
	q := `SELECT id FROM users WHERE role = $1 AND disabled_at IS NULL AND id <> $2`
	if tx.dialect == Postgres {
		q += ` FOR UPDATE`
	}
	rows, err := tx.QueryContext(ctx, q, string(agora.RoleAdmin), userID)
	if err != nil {
		return fmt.Errorf("store: count admins: %w", err)
	}
	defer rows.Close()
	others := 0
	for rows.Next() {
		others++
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if others == 0 {
		return agora.Errorf(agora.Conflict, "admin.last_admin")
	}
	return nil
}
