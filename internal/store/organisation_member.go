package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/agora-civic/agora"
)

const memberColumns = `m.org_id, m.user_id, u.display_name, u.email, m.role, m.title, m.verified_at, m.created_at`

func scanMember(r rowScanner, extra ...any) (agora.Membership, error) {
	var m agora.Membership
	var role string
	var verified sql.NullTime
	if err := r.Scan(append([]any{&m.OrgID, &m.UserID, &m.DisplayName, &m.Email, &role, &m.Title, &verified, &m.CreatedAt}, extra...)...); err != nil {
		return m, err
	}
	m.Role = agora.OrgRole(role)
	if verified.Valid {
		t := verified.Time.UTC()
		m.VerifiedAt = &t
	}
	m.CreatedAt = m.CreatedAt.UTC()
	return m, nil
}

// OrgMembers lists the members of an organisation, admins first, then
// officers and members, each group by name. NotFound when the
// organisation does not exist.
func (s *Store) OrgMembers(ctx context.Context, orgID string) ([]agora.Membership, error) {
	var out []agora.Membership
	err := s.read(ctx, func(tx *Tx) error {
		if _, err := orgByID(ctx, tx, orgID); err != nil {
			return err
		}
		var err error
		out, err = orgMembers(ctx, tx, orgID, "")
		return err
	})
	return out, err
}

// orgMembers runs the member query with an extra condition (trusted SQL).
func orgMembers(ctx context.Context, tx *Tx, orgID, cond string) ([]agora.Membership, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+memberColumns+` FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.org_id = $1 `+cond+`
		ORDER BY CASE m.role WHEN 'admin' THEN 0 WHEN 'officer' THEN 1 ELSE 2 END, u.display_name, u.id`, orgID)
	if err != nil {
		return nil, fmt.Errorf("store: organisation members: %w", err)
	}
	defer rows.Close()
	var out []agora.Membership
	for rows.Next() {
		m, err := scanMember(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, m)
	}
	return out, rows.Err()
}

func memberByID(ctx context.Context, tx *Tx, orgID, userID string) (agora.Membership, error) {
	m, err := scanMember(tx.QueryRowContext(ctx, `SELECT `+memberColumns+` FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.org_id = $1 AND m.user_id = $2`, orgID, userID))
	return m, notFound(err, "org.member.not_found")
}

// lockOrg returns the organisation and, by writing its row, serialises
// concurrent membership changes to it: on PostgreSQL two admins demoting
// each other at once would otherwise both see a second admin and leave
// none. SQLite has a single writer anyway.
func lockOrg(ctx context.Context, tx *Tx, orgID string) (agora.Organisation, error) {
	res, err := tx.ExecContext(ctx, `UPDATE organisations SET updated_at = updated_at WHERE id = $1`, orgID)
	if err != nil {
		return agora.Organisation{}, fmt.Errorf("store: lock organisation: %w", err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return agora.Organisation{}, agora.Errorf(agora.NotFound, "error.not_found")
	}
	return orgByID(ctx, tx, orgID)
}

// checkOrgRole refuses unknown roles and officers outside public
// authorities.
func checkOrgRole(o agora.Organisation, role agora.OrgRole) error {
	if !role.Valid() {
		return agora.FieldError("role", "field.invalid_choice", nil)
	}
	if role == agora.OrgOfficer && !o.IsAuthority() {
		return agora.FieldError("role", "org.role.officer_only_authority", nil)
	}
	return nil
}

// AddOrgMember adds the account with the given (normalised) email to the
// organisation. Invalid on "email" with "org.member.no_account" when no
// account has that address (only organisation admins reach this, and they
// are trusted with it) or "org.member.exists"; on "role" for an unknown
// role or an officer outside a public authority; on "title" for a title
// over 100 characters. NotFound for an unknown organisation. Audited as
// "org.member.add".
func (s *Store) AddOrgMember(ctx context.Context, actorID, orgID, email string, role agora.OrgRole, title string) (agora.Membership, error) {
	var es agora.Errs
	title = agora.ValidateText(&es, "title", title, 0, 100, false)
	if err := es.Err(); err != nil {
		return agora.Membership{}, err
	}
	var m agora.Membership
	err := s.write(ctx, func(tx *Tx) error {
		o, err := lockOrg(ctx, tx, orgID)
		if err != nil {
			return err
		}
		if err := checkOrgRole(o, role); err != nil {
			return err
		}
		var userID string
		err = tx.QueryRowContext(ctx, `SELECT id FROM users WHERE email = $1`, email).Scan(&userID)
		if errors.Is(err, sql.ErrNoRows) {
			return agora.FieldError("email", "org.member.no_account", nil)
		}
		if err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO memberships (org_id, user_id, role, title, created_at) VALUES ($1, $2, $3, $4, $5)`,
			orgID, userID, string(role), title, tx.Now)
		if isUniqueViolation(err) {
			return agora.FieldError("email", "org.member.exists", nil).Wrap(err)
		}
		if err != nil {
			return fmt.Errorf("store: add member: %w", err)
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: orgID, Action: "org.member.add",
			TargetKind: "user", TargetID: userID, Details: map[string]string{"role": string(role)}}); err != nil {
			return err
		}
		m, err = memberByID(ctx, tx, orgID, userID)
		return err
	})
	return m, err
}

// adminCount counts the organisation's admins.
func adminCount(ctx context.Context, tx *Tx, orgID string) (int, error) {
	var n int
	err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND role = $2`, orgID, string(agora.OrgAdmin)).Scan(&n)
	return n, err
}

// SetOrgMemberRole changes a member's role. Becoming an officer needs a
// new verification by a platform admin; leaving the officer role drops
// the old one. Conflict "org.member.last_admin" when the last admin would
// be demoted; Invalid on "role" as for AddOrgMember; NotFound for an
// unknown organisation or member. Audited as "org.member.role".
func (s *Store) SetOrgMemberRole(ctx context.Context, actorID, orgID, userID string, role agora.OrgRole) error {
	return s.write(ctx, func(tx *Tx) error {
		o, err := lockOrg(ctx, tx, orgID)
		if err != nil {
			return err
		}
		if err := checkOrgRole(o, role); err != nil {
			return err
		}
		m, err := memberByID(ctx, tx, orgID, userID)
		if err != nil {
			return err
		}
		if m.Role == role {
			return nil
		}
		if m.Role == agora.OrgAdmin {
			if n, err := adminCount(ctx, tx, orgID); err != nil {
				return err
			} else if n <= 1 {
				return agora.Errorf(agora.Conflict, "org.member.last_admin")
			}
		}
		_, err = tx.ExecContext(ctx, `UPDATE memberships SET role = $3, verified_at = NULL, verified_by = '' WHERE org_id = $1 AND user_id = $2`,
			orgID, userID, string(role))
		if err != nil {
			return fmt.Errorf("store: set member role: %w", err)
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: orgID, Action: "org.member.role",
			TargetKind: "user", TargetID: userID, Details: map[string]string{"from": string(m.Role), "to": string(role)}})
	})
}

// RemoveOrgMember removes a member. Conflict "org.member.last_admin" for
// the last admin; NotFound for an unknown organisation or member. Audited
// as "org.member.remove".
func (s *Store) RemoveOrgMember(ctx context.Context, actorID, orgID, userID string) error {
	return s.write(ctx, func(tx *Tx) error {
		return removeMember(ctx, tx, actorID, orgID, userID, "org.member.remove")
	})
}

// LeaveOrg removes the user from the organisation at their own request,
// with the same last-admin rule as RemoveOrgMember. Audited as
// "org.member.leave".
func (s *Store) LeaveOrg(ctx context.Context, userID, orgID string) error {
	return s.write(ctx, func(tx *Tx) error {
		return removeMember(ctx, tx, userID, orgID, userID, "org.member.leave")
	})
}

func removeMember(ctx context.Context, tx *Tx, actorID, orgID, userID, action string) error {
	if _, err := lockOrg(ctx, tx, orgID); err != nil {
		return err
	}
	m, err := memberByID(ctx, tx, orgID, userID)
	if err != nil {
		return err
	}
	if m.Role == agora.OrgAdmin {
		if n, err := adminCount(ctx, tx, orgID); err != nil {
			return err
		} else if n <= 1 {
			return agora.Errorf(agora.Conflict, "org.member.last_admin")
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM memberships WHERE org_id = $1 AND user_id = $2`, orgID, userID); err != nil {
		return fmt.Errorf("store: remove member: %w", err)
	}
	return appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: orgID, Action: action,
		TargetKind: "user", TargetID: userID, Details: map[string]string{"role": string(m.Role)}})
}
