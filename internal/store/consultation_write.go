package store

import (
	"context"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// CreateConsultation creates a draft consultation of the authority orgID
// with version 1 of its text, in one transaction with its audit entry.
// The organisation must be a public authority (Invalid on "org"
// otherwise); the caller has checked that actorID is its officer.
func (s *Store) CreateConsultation(ctx context.Context, actorID, orgID string, in agora.ConsultationInput, units []agora.Unit, format string) (agora.Consultation, error) {
	var c agora.Consultation
	err := s.write(ctx, func(tx *Tx) error {
		var kind, country, orgName string
		err := tx.QueryRowContext(ctx, `SELECT kind, country, name FROM organisations WHERE id = $1`, orgID).Scan(&kind, &country, &orgName)
		if err != nil {
			return notFound(err, "error.not_found")
		}
		if agora.OrgKind(kind) != agora.OrgPublicAuthority {
			return agora.FieldError("org", "consultation.error.not_authority", nil)
		}
		in, err := in.Validate(agora.Country(country))
		if err != nil {
			return err
		}
		if err := checkDomains(ctx, tx, in.Domains); err != nil {
			return err
		}
		id := agora.NewID()
		_, err = tx.ExecContext(ctx, `INSERT INTO consultations (id, org_id, country, title, title_fold, act_kind, summary,
			substantiation, rule_set_id, contact_name, contact_email, contact_phone, state, earliest_adoption, exception,
			search_fold, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, 'draft', $13, $14, $15, $16, $17, $17)`,
			id, orgID, country, in.Title, agora.Fold(in.Title), in.ActKind, in.Summary, in.Substantiation, in.RuleSetID,
			in.ContactName, in.ContactEmail, in.ContactPhone, in.EarliestAdoption, in.Exception,
			consultationSearchFold(in, orgName), actorID, tx.Now)
		if err != nil {
			return fmt.Errorf("store: create consultation: %w", err)
		}
		if err := setConsultationLists(ctx, tx, id, in.Domains, in.Regions); err != nil {
			return err
		}
		if err := insertVersion(ctx, tx, id, 1, actorID, "", format, units); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: orgID, Action: "consultation.create",
			TargetKind: "consultation", TargetID: id}); err != nil {
			return err
		}
		c, err = consultationTx(ctx, tx, id)
		return err
	})
	return c, err
}

// consultationSearchFold is the text the public list searches.
func consultationSearchFold(in agora.ConsultationInput, orgName string) string {
	return agora.Fold(in.Title + " " + orgName + " " + in.Summary)
}

// checkDomains refuses unknown domain slugs with a field error.
func checkDomains(ctx context.Context, tx *Tx, slugs []string) error {
	for _, d := range slugs {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM domains WHERE slug = $1`, d).Scan(&n); err != nil {
			return fmt.Errorf("store: check domain: %w", err)
		}
		if n == 0 {
			return agora.FieldError("domains", "field.invalid_choice", nil)
		}
	}
	return nil
}

func setConsultationLists(ctx context.Context, tx *Tx, id string, domains, regions []string) error {
	for _, q := range []string{`DELETE FROM consultation_domains WHERE consultation_id = $1`, `DELETE FROM consultation_regions WHERE consultation_id = $1`} {
		if _, err := tx.ExecContext(ctx, q, id); err != nil {
			return fmt.Errorf("store: consultation lists: %w", err)
		}
	}
	for _, d := range uniq(domains) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO consultation_domains (consultation_id, domain_slug) VALUES ($1, $2)`, id, d); err != nil {
			return fmt.Errorf("store: consultation domain: %w", err)
		}
	}
	for _, r := range uniq(regions) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO consultation_regions (consultation_id, region_code) VALUES ($1, $2)`, id, r); err != nil {
			return fmt.Errorf("store: consultation region: %w", err)
		}
	}
	return nil
}

func uniq(xs []string) []string {
	seen := map[string]bool{}
	var out []string
	for _, x := range xs {
		if x != "" && !seen[x] {
			seen[x] = true
			out = append(out, x)
		}
	}
	return out
}

// insertVersion records version n of the draft and its units.
func insertVersion(ctx context.Context, tx *Tx, id string, n int, actorID, note, format string, units []agora.Unit) error {
	if len(units) == 0 {
		return agora.FieldError("text", "consultation.error.no_units", nil)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO consultation_versions (consultation_id, version, note, source_format, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, id, n, note, format, actorID, tx.Now)
	if err != nil {
		return fmt.Errorf("store: consultation version: %w", err)
	}
	rows := make([]ConsultationUnit, len(units))
	for i, u := range units {
		rows[i] = ConsultationUnit{Unit: u}
	}
	return insertUnits(ctx, tx, id, n, rows)
}

// Publication is what an officer confirms when publishing: the dates,
// already checked against the rule set by the caller (internal/legal),
// and the public justification of an emergency exception, if any.
type Publication struct {
	OpensAt          time.Time
	CommentsClose    time.Time
	EarliestAdoption string
	Exception        string
}

// PublishConsultation announces a draft consultation. Conflict
// (consultation.error.not_draft) when it is already published.
func (s *Store) PublishConsultation(ctx context.Context, actorID, id string, p Publication) (agora.Consultation, error) {
	var c agora.Consultation
	err := s.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE consultations SET state = 'published', opens_at = $2, comments_close = $3,
			earliest_adoption = $4, exception = $5, published_at = $6, updated_at = $6, revision = revision + 1
			WHERE id = $1 AND state = 'draft'`, id, p.OpensAt.UTC().Truncate(time.Microsecond), p.CommentsClose.UTC().Truncate(time.Microsecond), p.EarliestAdoption, p.Exception, tx.Now)
		if err != nil {
			return fmt.Errorf("store: publish consultation: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			if _, err := consultationTx(ctx, tx, id); err != nil {
				return err
			}
			return agora.Errorf(agora.Conflict, "consultation.error.not_draft")
		}
		c, err = consultationTx(ctx, tx, id)
		if err != nil {
			return err
		}
		if err := enqueue(ctx, tx, JobConsultationEvent, ConsultationEvent{ConsultationID: id, Event: EventOpened}, EnqueueOptions{}); err != nil {
			return err
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: c.OrgID, Action: "consultation.publish",
			TargetKind: "consultation", TargetID: id})
	})
	return c, err
}

// JobConsultationEvent is the job that turns a consultation event into
// notifications for its followers (handled in internal/jobs).
const JobConsultationEvent = "consultation_event"

// Consultation events that followers hear about.
const (
	EventOpened   = "opened"
	EventReminder = "deadline_soon"
	EventAnswered = "answered"
	EventReported = "reported"
	EventVersion  = "new_version"
	EventDebate   = "debate_scheduled"
)

// ConsultationEvent is the payload of JobConsultationEvent.
type ConsultationEvent struct {
	ConsultationID string `json:"consultation_id"`
	Event          string `json:"event"`
	SubjectID      string `json:"subject_id,omitempty"`
}
