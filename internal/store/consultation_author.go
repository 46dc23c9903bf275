package store

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/agora-civic/agora"
)

// UpdateConsultation changes what an officer filled in when creating a
// consultation. While it is a draft every field may change. Once
// published, what the public relied on when commenting stays as
// announced: title, kind of act and rule set are kept (Invalid on the
// field when the input changes them), dates and text change only through
// a new version. Summary, substantiation note, contact, domains and
// regions may still be corrected; the public page shows the change.
// NotFound when the consultation does not exist.
func (s *Store) UpdateConsultation(ctx context.Context, actorID, id string, in agora.ConsultationInput) (agora.Consultation, error) {
	var c agora.Consultation
	err := s.write(ctx, func(tx *Tx) error {
		cur, err := consultationTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.State != agora.ConsultationDraft {
			var es agora.Errs
			for _, f := range []struct{ field, was, now string }{{"title", cur.Title, in.Title},
				{"act_kind", cur.ActKind, in.ActKind}, {"rule_set_id", cur.RuleSetID, in.RuleSetID}} {
				if strings.TrimSpace(f.now) != f.was {
					es.Add(f.field, "consultation_author.error.locked", nil)
				}
			}
			if err := es.Err(); err != nil {
				return err
			}
		}
		// Dates and the exception are set by PublishConsultation only.
		in.OpensOn, in.CommentsCloseOn, in.EarliestAdoption, in.Exception = "", "", "", ""
		in, err = in.Validate(cur.Country)
		if err != nil {
			return err
		}
		if err := checkDomains(ctx, tx, in.Domains); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE consultations SET title = $2, title_fold = $3, act_kind = $4, summary = $5,
			substantiation = $6, rule_set_id = $7, contact_name = $8, contact_email = $9, contact_phone = $10,
			search_fold = $11, updated_at = $12, revision = revision + 1 WHERE id = $1`,
			id, in.Title, agora.Fold(in.Title), in.ActKind, in.Summary, in.Substantiation, in.RuleSetID,
			in.ContactName, in.ContactEmail, in.ContactPhone, consultationSearchFold(in, cur.OrgName), tx.Now)
		if err != nil {
			return fmt.Errorf("store: update consultation: %w", err)
		}
		if err := setConsultationLists(ctx, tx, id, in.Domains, in.Regions); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: cur.OrgID, Action: "consultation_author.audit.update",
			TargetKind: "consultation", TargetID: id, Details: map[string]string{"state": string(cur.State)}}); err != nil {
			return err
		}
		c, err = consultationTx(ctx, tx, id)
		return err
	})
	return c, err
}

// ReplaceDraftText replaces version 1 of a draft's text with units, as
// re-imported or corrected by an officer before publication. Conflict
// (consultation.error.not_draft) once published: from then on the text
// changes only through a new version. Invalid (text) when units is empty.
func (s *Store) ReplaceDraftText(ctx context.Context, actorID, id string, units []agora.Unit, format string) error {
	return s.write(ctx, func(tx *Tx) error {
		cur, err := consultationTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if cur.State != agora.ConsultationDraft {
			return agora.Errorf(agora.Conflict, "consultation.error.not_draft")
		}
		if len(units) == 0 {
			return agora.FieldError("text", "consultation.error.no_units", nil)
		}
		for _, q := range []string{`DELETE FROM consultation_units WHERE consultation_id = $1`,
			`DELETE FROM consultation_versions WHERE consultation_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return fmt.Errorf("store: replace draft text: %w", err)
			}
		}
		if err := insertVersion(ctx, tx, id, 1, actorID, "", format, units); err != nil {
			return err
		}
		if err := bumpRevision(ctx, tx, id); err != nil {
			return err
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: cur.OrgID, Action: "consultation_author.audit.text",
			TargetKind: "consultation", TargetID: id, Details: map[string]string{"units": fmt.Sprint(len(units)), "format": format}})
	})
}

// ConsultationSourceFormat is the format version n of the text was
// imported from ("text", "markdown", "akn"). NotFound when there is no
// such version.
func (s *Store) ConsultationSourceFormat(ctx context.Context, id string, version int) (string, error) {
	var f string
	err := s.read(ctx, func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT source_format FROM consultation_versions WHERE consultation_id = $1 AND version = $2`,
			id, version).Scan(&f)
		return notFound(err, "consultation.error.not_found")
	})
	return f, err
}

// OrgConsultations lists every consultation of the authorities orgIDs,
// drafts included, the most recently changed first, for their officers'
// dashboard. At most limit are returned (200 when limit ≤ 0).
func (s *Store) OrgConsultations(ctx context.Context, orgIDs []string, limit int) ([]agora.Consultation, error) {
	if len(orgIDs) == 0 {
		return nil, nil
	}
	if limit <= 0 || limit > 200 {
		limit = 200
	}
	ids := slices.Clone(orgIDs)
	slices.Sort(ids)
	ids = slices.Compact(ids)
	var out []agora.Consultation
	err := s.read(ctx, func(tx *Tx) error {
		holders := make([]string, len(ids))
		args := make([]any, 0, len(ids)+1)
		for i, id := range ids {
			holders[i] = fmt.Sprintf("$%d", i+1)
			args = append(args, id)
		}
		args = append(args, limit)
		rows, err := tx.QueryContext(ctx, `SELECT `+consultationColumns(tx.Dialect())+consultationFrom+
			` WHERE c.org_id IN (`+strings.Join(holders, ", ")+`) ORDER BY c.updated_at DESC, c.id LIMIT $`+fmt.Sprint(len(ids)+1), args...)
		if err != nil {
			return fmt.Errorf("store: org consultations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			c, err := scanConsultation(rows)
			if err != nil {
				return fmt.Errorf("store: org consultations: %w", err)
			}
			out = append(out, c)
		}
		return rows.Err()
	})
	return out, err
}

// OfficerAuthority is a public authority a user serves as a verified
// officer: what the "new consultation" form offers to choose from.
type OfficerAuthority struct {
	ID      string
	Name    string
	Country agora.Country
}

// OfficerAuthorities lists the public authorities where userID is a
// verified officer, by name.
func (s *Store) OfficerAuthorities(ctx context.Context, userID string) ([]OfficerAuthority, error) {
	var out []OfficerAuthority
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT o.id, o.name, o.country FROM memberships m JOIN organisations o ON o.id = m.org_id
			WHERE m.user_id = $1 AND m.role = $2 AND m.verified_at IS NOT NULL AND o.kind = $3 ORDER BY o.name, o.id`,
			userID, string(agora.OrgOfficer), string(agora.OrgPublicAuthority))
		if err != nil {
			return fmt.Errorf("store: officer authorities: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var a OfficerAuthority
			var country string
			if err := rows.Scan(&a.ID, &a.Name, &country); err != nil {
				return fmt.Errorf("store: officer authorities: %w", err)
			}
			a.Country = agora.Country(country)
			out = append(out, a)
		}
		return rows.Err()
	})
	return out, err
}
