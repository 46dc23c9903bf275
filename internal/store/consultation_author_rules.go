package store

import (
	"context"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// StoredRuleSet is an authority's own rule set: its name and the
// parameters of legal.RuleSet as JSON, which the store keeps without
// reading (the legal package owns their meaning and validation).
type StoredRuleSet struct {
	ID        string
	OrgID     string
	Name      string
	Params    string // JSON
	CreatedBy string
	CreatedAt time.Time
	UpdatedAt time.Time
}

// RuleSets lists the custom rule sets of an authority by name.
func (s *Store) RuleSets(ctx context.Context, orgID string) ([]StoredRuleSet, error) {
	var out []StoredRuleSet
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, org_id, name, params, created_by, created_at, updated_at
			FROM rule_sets WHERE org_id = $1 ORDER BY name, id`, orgID)
		if err != nil {
			return fmt.Errorf("store: rule sets: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			r, err := scanRuleSet(rows)
			if err != nil {
				return fmt.Errorf("store: rule sets: %w", err)
			}
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

func scanRuleSet(r rowScanner) (StoredRuleSet, error) {
	var rs StoredRuleSet
	err := r.Scan(&rs.ID, &rs.OrgID, &rs.Name, &rs.Params, &rs.CreatedBy, &rs.CreatedAt, &rs.UpdatedAt)
	rs.CreatedAt, rs.UpdatedAt = rs.CreatedAt.UTC(), rs.UpdatedAt.UTC()
	return rs, err
}

// RuleSet loads one custom rule set. NotFound when it does not exist.
func (s *Store) RuleSet(ctx context.Context, id string) (StoredRuleSet, error) {
	var rs StoredRuleSet
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		rs, err = scanRuleSet(tx.QueryRowContext(ctx, `SELECT id, org_id, name, params, created_by, created_at, updated_at
			FROM rule_sets WHERE id = $1`, id))
		return notFound(err, "consultation_author.error.rule_set_not_found")
	})
	return rs, err
}

// CreateRuleSet stores a new custom rule set of orgID under rs.ID, or a
// fresh id when rs.ID is empty. The caller has validated the parameters.
// Invalid (name) for a blank name or one the authority already uses.
func (s *Store) CreateRuleSet(ctx context.Context, actorID, orgID string, rs StoredRuleSet) (StoredRuleSet, error) {
	return s.saveRuleSet(ctx, actorID, orgID, rs, true)
}

// UpdateRuleSet changes the name and parameters of a custom rule set of
// orgID. Consultations already published keep the dates they were
// published with: a rule set is read only when dates are proposed and
// checked. Invalid (name) as for CreateRuleSet; NotFound when rs.ID is
// not a rule set of orgID.
func (s *Store) UpdateRuleSet(ctx context.Context, actorID, orgID string, rs StoredRuleSet) (StoredRuleSet, error) {
	return s.saveRuleSet(ctx, actorID, orgID, rs, false)
}

func (s *Store) saveRuleSet(ctx context.Context, actorID, orgID string, rs StoredRuleSet, create bool) (StoredRuleSet, error) {
	var out StoredRuleSet
	err := s.write(ctx, func(tx *Tx) error {
		var es agora.Errs
		name := agora.ValidateText(&es, "name", rs.Name, 1, 200, false)
		if err := es.Err(); err != nil {
			return err
		}
		var dup int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM rule_sets WHERE org_id = $1 AND name = $2 AND id <> $3`,
			orgID, name, rs.ID).Scan(&dup); err != nil {
			return fmt.Errorf("store: rule set name: %w", err)
		}
		if dup > 0 {
			return agora.FieldError("name", "consultation_author.error.rule_set_name_taken", nil)
		}
		action := "consultation_author.audit.rule_set_update"
		if create {
			action = "consultation_author.audit.rule_set_create"
			if rs.ID == "" {
				rs.ID = agora.NewID()
			}
			_, err := tx.ExecContext(ctx, `INSERT INTO rule_sets (id, org_id, name, params, created_by, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $6)`, rs.ID, orgID, name, rs.Params, actorID, tx.Now)
			if err != nil {
				return fmt.Errorf("store: create rule set: %w", err)
			}
		} else {
			res, err := tx.ExecContext(ctx, `UPDATE rule_sets SET name = $3, params = $4, updated_at = $5 WHERE id = $1 AND org_id = $2`,
				rs.ID, orgID, name, rs.Params, tx.Now)
			if err != nil {
				return fmt.Errorf("store: update rule set: %w", err)
			}
			if n, _ := res.RowsAffected(); n == 0 {
				return agora.Errorf(agora.NotFound, "consultation_author.error.rule_set_not_found")
			}
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: orgID, Action: action,
			TargetKind: "rule_set", TargetID: rs.ID}); err != nil {
			return err
		}
		var err error
		out, err = scanRuleSet(tx.QueryRowContext(ctx, `SELECT id, org_id, name, params, created_by, created_at, updated_at
			FROM rule_sets WHERE id = $1`, rs.ID))
		return err
	})
	return out, err
}
