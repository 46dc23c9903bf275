package store

import (
	"context"
	"encoding/json"
	"fmt"

	"github.com/agora-civic/agora"
)

// appendAudit records a privileged action inside the transaction that
// performs it, so the log and the change commit or fail together.
func appendAudit(ctx context.Context, tx *Tx, e agora.AuditEntry) error {
	details := "{}"
	if len(e.Details) > 0 {
		b, err := json.Marshal(e.Details)
		if err != nil {
			return err
		}
		details = string(b)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO audit_log (at, actor_id, org_id, action, target_kind, target_id, details)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`, tx.Now, e.ActorID, e.OrgID, e.Action, e.TargetKind, e.TargetID, details)
	if err != nil {
		return fmt.Errorf("store: audit %s: %w", e.Action, err)
	}
	return nil
}

// AuditFilter selects audit entries. OrgID limits to one organisation;
// Before pages backwards by id (0 = newest).
type AuditFilter struct {
	OrgID  string
	Before int64
	Limit  int
}

// AuditLog lists entries newest first.
func (s *Store) AuditLog(ctx context.Context, f AuditFilter) ([]agora.AuditEntry, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	var out []agora.AuditEntry
	err := s.read(ctx, func(tx *Tx) error {
		q := `SELECT id, at, actor_id, org_id, action, target_kind, target_id, details FROM audit_log
			WHERE ($1 = '' OR org_id = $1) AND ($2 = 0 OR id < $2) ORDER BY id DESC LIMIT $3`
		rows, err := tx.QueryContext(ctx, q, f.OrgID, f.Before, f.Limit)
		if err != nil {
			return err
		}
		defer rows.Close()
		for rows.Next() {
			var e agora.AuditEntry
			var details string
			if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.OrgID, &e.Action, &e.TargetKind, &e.TargetID, &details); err != nil {
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
