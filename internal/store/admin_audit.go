package store

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// AuditQuery selects entries of the platform audit log for the
// administrators' page. Action and OrgID filter exactly when not empty.
// Before lists entries older than that id (the next page), After entries
// newer than it (the previous page); neither gives the newest.
type AuditQuery struct {
	Action string
	OrgID  string
	Before int64
	After  int64
	Limit  int
}

// AuditPage is one page of the audit log, newest first. Next and Prev are
// the ids to pass as Before and After; 0 when there is no such page.
type AuditPage struct {
	Entries    []agora.AuditEntry
	Next, Prev int64
}

// ListAudit returns one page of the audit log. It pages by id, which only
// grows, so pages neither repeat nor skip entries when new ones arrive.
// It returns Invalid for filters that are too long or not UTF-8.
func (s *Store) ListAudit(ctx context.Context, q AuditQuery) (AuditPage, error) {
	q.Action, q.OrgID = strings.TrimSpace(q.Action), strings.TrimSpace(q.OrgID)
	for field, v := range map[string]string{"action": q.Action, "org": q.OrgID} {
		if !utf8.ValidString(v) {
			return AuditPage{}, agora.FieldError(field, "error.invalid_utf8", nil)
		}
		if len(v) > 100 {
			return AuditPage{}, agora.FieldError(field, "field.too_long", map[string]any{"max": 100})
		}
	}
	if q.Limit <= 0 || q.Limit > 200 {
		q.Limit = 50
	}
	var page AuditPage
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		page, err = listAudit(ctx, tx, q)
		return err
	})
	return page, err
}

func listAudit(ctx context.Context, tx *Tx, q AuditQuery) (AuditPage, error) {
	var page AuditPage
	var a sqlArgs
	where := "1 = 1"
	if q.Action != "" {
		where += " AND action = " + a.add(q.Action)
	}
	if q.OrgID != "" {
		where += " AND org_id = " + a.add(q.OrgID)
	}
	backward := q.After > 0 && q.Before == 0
	order := "DESC"
	switch {
	case backward:
		where += " AND id > " + a.add(q.After)
		order = "ASC"
	case q.Before > 0:
		where += " AND id < " + a.add(q.Before)
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, at, actor_id, org_id, action, target_kind, target_id, details
		FROM audit_log WHERE `+where+` ORDER BY id `+order+` LIMIT `+a.add(q.Limit+1), a.vals...)
	if err != nil {
		return page, fmt.Errorf("store: list audit: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var e agora.AuditEntry
		var details string
		if err := rows.Scan(&e.ID, &e.At, &e.ActorID, &e.OrgID, &e.Action, &e.TargetKind, &e.TargetID, &details); err != nil {
			return page, err
		}
		e.At = e.At.UTC()
		if err := json.Unmarshal([]byte(details), &e.Details); err != nil {
			return page, fmt.Errorf("store: audit %d details: %w", e.ID, err)
		}
		page.Entries = append(page.Entries, e)
	}
	if err := rows.Err(); err != nil {
		return page, err
	}
	more := len(page.Entries) > q.Limit
	if more {
		page.Entries = page.Entries[:q.Limit]
	}
	if backward {
		for i, j := 0, len(page.Entries)-1; i < j; i, j = i+1, j-1 {
			page.Entries[i], page.Entries[j] = page.Entries[j], page.Entries[i]
		}
	}
	if n := len(page.Entries); n > 0 {
		newest, oldest := page.Entries[0].ID, page.Entries[n-1].ID
		if (backward && more) || (!backward && q.Before > 0) {
			page.Prev = newest
		}
		if (!backward && more) || backward {
			page.Next = oldest
		}
	}
	return page, nil
}

// AuditActions lists the distinct actions in the audit log, sorted, for
// the filter of the audit page: it offers what happened, not a list that
// could drift from the code.
func (s *Store) AuditActions(ctx context.Context) ([]string, error) {
	var out []string
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT DISTINCT action FROM audit_log ORDER BY action`)
		if err != nil {
			return fmt.Errorf("store: audit actions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var a string
			if err := rows.Scan(&a); err != nil {
				return err
			}
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}
