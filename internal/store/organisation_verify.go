package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"

	"github.com/agora-civic/agora"
)

// VerifyOrg marks the organisation as verified by the platform admin
// actorID, audited as "org.verify". Verifying a verified organisation
// changes nothing. NotFound for an unknown organisation.
func (s *Store) VerifyOrg(ctx context.Context, actorID, orgID string) error {
	return s.setOrgVerified(ctx, actorID, orgID, true)
}

// UnverifyOrg withdraws the verification, audited as "org.unverify".
func (s *Store) UnverifyOrg(ctx context.Context, actorID, orgID string) error {
	return s.setOrgVerified(ctx, actorID, orgID, false)
}

func (s *Store) setOrgVerified(ctx context.Context, actorID, orgID string, verified bool) error {
	return s.write(ctx, func(tx *Tx) error {
		o, err := lockOrg(ctx, tx, orgID)
		if err != nil {
			return err
		}
		if o.Verified() == verified {
			return nil
		}
		action, at, by := "org.unverify", sql.NullTime{}, ""
		if verified {
			action, at, by = "org.verify", sql.NullTime{Time: tx.Now, Valid: true}, actorID
		}
		if _, err := tx.ExecContext(ctx, `UPDATE organisations SET verified_at = $2, verified_by = $3 WHERE id = $1`, orgID, at, by); err != nil {
			return fmt.Errorf("store: verify organisation: %w", err)
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: orgID, Action: action,
			TargetKind: "organisation", TargetID: orgID})
	})
}

// VerifyOfficer confirms that a member of a public authority is one of
// its officers, audited as "org.verify_officer". Conflict
// "org.member.not_officer" when the member's role is not officer;
// NotFound for an unknown organisation or member.
func (s *Store) VerifyOfficer(ctx context.Context, actorID, orgID, userID string) error {
	return s.setOfficerVerified(ctx, actorID, orgID, userID, true)
}

// UnverifyOfficer withdraws an officer's confirmation, audited as
// "org.unverify_officer".
func (s *Store) UnverifyOfficer(ctx context.Context, actorID, orgID, userID string) error {
	return s.setOfficerVerified(ctx, actorID, orgID, userID, false)
}

func (s *Store) setOfficerVerified(ctx context.Context, actorID, orgID, userID string, verified bool) error {
	return s.write(ctx, func(tx *Tx) error {
		if _, err := lockOrg(ctx, tx, orgID); err != nil {
			return err
		}
		m, err := memberByID(ctx, tx, orgID, userID)
		if err != nil {
			return err
		}
		if m.Role != agora.OrgOfficer {
			return agora.Errorf(agora.Conflict, "org.member.not_officer")
		}
		if (m.VerifiedAt != nil) == verified {
			return nil
		}
		action, at, by := "org.unverify_officer", sql.NullTime{}, ""
		if verified {
			action, at, by = "org.verify_officer", sql.NullTime{Time: tx.Now, Valid: true}, actorID
		}
		if _, err := tx.ExecContext(ctx, `UPDATE memberships SET verified_at = $3, verified_by = $4 WHERE org_id = $1 AND user_id = $2`,
			orgID, userID, at, by); err != nil {
			return fmt.Errorf("store: verify officer: %w", err)
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: orgID, Action: action,
			TargetKind: "user", TargetID: userID})
	})
}

// OfficerRequest is an officer waiting for verification.
type OfficerRequest struct {
	agora.Membership
	OrgName string
}

// VerificationQueue is what platform admins have to verify, oldest first.
type VerificationQueue struct {
	Orgs     []agora.Organisation
	Officers []OfficerRequest
}

// VerificationQueue returns up to limit unverified organisations and
// unverified officers each, oldest first.
func (s *Store) VerificationQueue(ctx context.Context, limit int) (VerificationQueue, error) {
	if limit <= 0 || limit > 500 {
		limit = 100
	}
	var q VerificationQueue
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.verified_at IS NULL
			ORDER BY o.created_at, o.id LIMIT $1`, limit)
		if err != nil {
			return fmt.Errorf("store: verification queue: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			o, err := scanOrg(rows)
			if err != nil {
				return err
			}
			q.Orgs = append(q.Orgs, o)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		orows, err := tx.QueryContext(ctx, `SELECT `+memberColumns+`, o.name FROM memberships m
			JOIN users u ON u.id = m.user_id JOIN organisations o ON o.id = m.org_id
			WHERE m.role = $1 AND m.verified_at IS NULL ORDER BY m.created_at, m.org_id, m.user_id LIMIT $2`,
			string(agora.OrgOfficer), limit)
		if err != nil {
			return fmt.Errorf("store: officer queue: %w", err)
		}
		defer orows.Close()
		for orows.Next() {
			var r OfficerRequest
			if r.Membership, err = scanMember(orows, &r.OrgName); err != nil {
				return err
			}
			q.Officers = append(q.Officers, r)
		}
		return orows.Err()
	})
	return q, err
}

// OrgAuditEntry is an audit entry with the names of its actor and, for
// member changes, its target user, for display.
type OrgAuditEntry struct {
	agora.AuditEntry
	ActorName  string
	TargetName string
}

// OrgAuditLog lists the audit entries of one organisation, newest first,
// before the entry id before (0 for the newest), at most limit (default
// 50). Names of deleted accounts come back empty.
func (s *Store) OrgAuditLog(ctx context.Context, orgID string, before int64, limit int) ([]OrgAuditEntry, error) {
	if limit <= 0 || limit > 200 {
		limit = 50
	}
	var out []OrgAuditEntry
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT a.id, a.at, a.actor_id, a.org_id, a.action, a.target_kind, a.target_id, a.details,
				COALESCE(ua.display_name, ''), COALESCE(ut.display_name, '')
			FROM audit_log a
			LEFT JOIN users ua ON ua.id = a.actor_id
			LEFT JOIN users ut ON a.target_kind = 'user' AND ut.id = a.target_id
			WHERE a.org_id = $1 AND ($2 = 0 OR a.id < $2) ORDER BY a.id DESC LIMIT $3`, orgID, before, limit)
		if err != nil {
			return fmt.Errorf("store: organisation audit: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var e OrgAuditEntry
			var details string
			if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.OrgID, &e.Action, &e.TargetKind, &e.TargetID, &details,
				&e.ActorName, &e.TargetName); err != nil {
				return err
			}
			e.At = e.At.UTC()
			if err := json.Unmarshal([]byte(details), &e.Details); err != nil {
				return fmt.Errorf("store: audit %d details: %w", e.ID, err)
			}
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}
