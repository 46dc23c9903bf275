package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/agora-civic/agora"
)

// consultationColumns are read by scanConsultation; c is consultations,
// o its authority. Domains and regions come as comma lists from
// subqueries so one statement loads a whole consultation.
func consultationColumns(d Dialect) string {
	return `c.id, c.org_id, o.name, c.country, c.title, c.act_kind, c.summary, c.substantiation, c.rule_set_id,
	c.contact_name, c.contact_email, c.contact_phone, c.state, c.opens_at, c.comments_close, c.earliest_adoption,
	c.exception, c.version, c.revision, c.comment_count, c.participant_count, c.debate_requests, c.created_by,
	c.created_at, c.updated_at, c.published_at, c.answered_at, c.reported_at,
	(SELECT ` + d.StringAgg("cd.domain_slug") + ` FROM consultation_domains cd WHERE cd.consultation_id = c.id),
	(SELECT ` + d.StringAgg("cr.region_code") + ` FROM consultation_regions cr WHERE cr.consultation_id = c.id)`
}

const consultationFrom = ` FROM consultations c JOIN organisations o ON o.id = c.org_id`

func scanConsultation(r rowScanner, extra ...any) (agora.Consultation, error) {
	var c agora.Consultation
	var country, state, domains, regions string
	var opens, closes, published, answered, reported sql.NullTime
	dest := append([]any{&c.ID, &c.OrgID, &c.OrgName, &country, &c.Title, &c.ActKind, &c.Summary, &c.Substantiation,
		&c.RuleSetID, &c.ContactName, &c.ContactEmail, &c.ContactPhone, &state, &opens, &closes, &c.EarliestAdoption,
		&c.Exception, &c.Version, &c.Revision, &c.CommentCount, &c.ParticipantCount, &c.DebateRequests, &c.CreatedBy,
		&c.CreatedAt, &c.UpdatedAt, &published, &answered, &reported, &domains, &regions}, extra...)
	if err := r.Scan(dest...); err != nil {
		return c, err
	}
	c.Country, c.State = agora.Country(country), agora.ConsultationState(state)
	c.OpensAt, c.CommentsClose = opens.Time.UTC(), closes.Time.UTC()
	c.PublishedAt, c.AnsweredAt, c.ReportedAt = optTime(published), optTime(answered), optTime(reported)
	c.CreatedAt, c.UpdatedAt = c.CreatedAt.UTC(), c.UpdatedAt.UTC()
	c.Domains, c.Regions = splitList(domains), splitList(regions)
	return c, nil
}

func optTime(t sql.NullTime) *time.Time {
	if !t.Valid {
		return nil
	}
	u := t.Time.UTC()
	return &u
}

func splitList(s string) []string {
	if s == "" {
		return nil
	}
	out := strings.Split(s, ",")
	slices.Sort(out)
	return out
}

// Consultation loads one consultation with its authority's name, domains
// and regions. Drafts are returned too: the caller decides who may see
// them (NotFound for everyone but the authority's officers).
func (s *Store) Consultation(ctx context.Context, id string) (agora.Consultation, error) {
	var c agora.Consultation
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		c, err = consultationTx(ctx, tx, id)
		return err
	})
	return c, err
}

func consultationTx(ctx context.Context, tx *Tx, id string) (agora.Consultation, error) {
	row := tx.QueryRowContext(ctx, `SELECT `+consultationColumns(tx.Dialect())+consultationFrom+` WHERE c.id = $1`, id)
	c, err := scanConsultation(row)
	if err != nil {
		return c, notFound(err, "consultation.error.not_found")
	}
	return c, nil
}

// ConsultationRevision is the cheap check page caches make before
// serving a stored rendering: the revision and state of one consultation.
func (s *Store) ConsultationRevision(ctx context.Context, id string) (int64, error) {
	var rev int64
	err := s.reader.QueryRowContext(ctx, `SELECT revision FROM consultations WHERE id = $1`, id).Scan(&rev)
	s.counter.add()
	return rev, notFound(translate(err), "consultation.error.not_found")
}

// ConsultationUnit is a unit of a draft version with the bookkeeping the
// store keeps beside it.
type ConsultationUnit struct {
	agora.Unit
	Position int
	// PrevKey is the unit of the previous version this one continues, and
	// Carry how it changed ("same", "changed", "renumbered", "added").
	PrevKey      string
	Carry        string
	CommentCount int
}

// ConsultationUnits returns the units of one version in reading order,
// with their comment counts, in one statement.
func (s *Store) ConsultationUnits(ctx context.Context, id string, version int) ([]ConsultationUnit, error) {
	var out []ConsultationUnit
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = consultationUnitsTx(ctx, tx, id, version)
		return err
	})
	return out, err
}

func consultationUnitsTx(ctx context.Context, tx *Tx, id string, version int) ([]ConsultationUnit, error) {
	rows, err := tx.QueryContext(ctx, `SELECT position, unit_key, parent_key, kind, number, heading, body, depth, prev_key, carry, comment_count
		FROM consultation_units WHERE consultation_id = $1 AND version = $2 ORDER BY position`, id, version)
	if err != nil {
		return nil, fmt.Errorf("store: consultation units: %w", err)
	}
	defer rows.Close()
	var out []ConsultationUnit
	for rows.Next() {
		var u ConsultationUnit
		var kind string
		if err := rows.Scan(&u.Position, &u.Key, &u.ParentKey, &kind, &u.Number, &u.Heading, &u.Text, &u.Depth, &u.PrevKey, &u.Carry, &u.CommentCount); err != nil {
			return nil, fmt.Errorf("store: consultation units: %w", err)
		}
		u.Kind = agora.UnitKind(kind)
		out = append(out, u)
	}
	return out, rows.Err()
}

// insertUnits writes the units of one version. Used when a draft is
// created, re-imported before publication, and for each new version.
func insertUnits(ctx context.Context, tx *Tx, id string, version int, units []ConsultationUnit) error {
	for i, u := range units {
		_, err := tx.ExecContext(ctx, `INSERT INTO consultation_units (consultation_id, version, position, unit_key, parent_key,
			kind, number, heading, body, depth, prev_key, carry, comment_count) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
			id, version, i, u.Key, u.ParentKey, string(u.Kind), u.Number, u.Heading, u.Text, u.Depth, u.PrevKey, u.Carry, u.CommentCount)
		if err != nil {
			return fmt.Errorf("store: insert unit %s: %w", u.Key, err)
		}
	}
	return nil
}

// bumpRevision marks a consultation's public page as changed.
func bumpRevision(ctx context.Context, tx *Tx, id string) error {
	_, err := tx.ExecContext(ctx, `UPDATE consultations SET revision = revision + 1, updated_at = $2 WHERE id = $1`, id, tx.Now)
	if err != nil {
		return fmt.Errorf("store: consultation revision: %w", err)
	}
	return nil
}
