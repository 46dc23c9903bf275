package store

import (
	"context"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// ConsultationVersion is one version of a draft's text.
type ConsultationVersion struct {
	Version   int
	Note      string // what changed, for the public
	Format    string
	CreatedAt time.Time
}

// ConsultationRecord is the written record of a consultation, everything
// its answer workspace and its report show: every version's units, every
// comment with its answer, and the debates. It is read in one snapshot
// of six statements, whatever the number of comments.
type ConsultationRecord struct {
	Consultation agora.Consultation
	Versions     []ConsultationVersion
	// Units holds the units of each version in reading order.
	Units map[int][]ConsultationUnit
	// Comments are in submission order, hidden ones included (marked).
	Comments []agora.Comment
	// Answers are keyed by answer id; each lists its comments.
	Answers map[string]agora.Answer
	Debates []agora.Debate
}

// ConsultationRecord loads the record of consultation id. Drafts are
// returned too; the caller decides who sees them. NotFound when there is
// no such consultation.
func (s *Store) ConsultationRecord(ctx context.Context, id string) (ConsultationRecord, error) {
	var r ConsultationRecord
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if r.Consultation, err = consultationTx(ctx, tx, id); err != nil {
			return err
		}
		if r.Versions, err = versionsTx(ctx, tx, id); err != nil {
			return err
		}
		if r.Units, err = allUnitsTx(ctx, tx, id); err != nil {
			return err
		}
		if r.Comments, err = commentsTx(ctx, tx, CommentFilter{ConsultationID: id}); err != nil {
			return err
		}
		if r.Answers, err = answersTx(ctx, tx, id); err != nil {
			return err
		}
		for _, c := range r.Comments {
			if a, ok := r.Answers[c.AnswerID]; ok {
				a.CommentIDs = append(a.CommentIDs, c.ID)
				r.Answers[c.AnswerID] = a
			}
		}
		r.Debates, err = debatesTx(ctx, tx, id)
		return err
	})
	return r, err
}

// ConsultationVersions lists the versions of a consultation's text.
func (s *Store) ConsultationVersions(ctx context.Context, id string) ([]ConsultationVersion, error) {
	var out []ConsultationVersion
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = versionsTx(ctx, tx, id)
		return err
	})
	return out, err
}

func versionsTx(ctx context.Context, tx *Tx, id string) ([]ConsultationVersion, error) {
	rows, err := tx.QueryContext(ctx, `SELECT version, note, source_format, created_at FROM consultation_versions
		WHERE consultation_id = $1 ORDER BY version`, id)
	if err != nil {
		return nil, fmt.Errorf("store: versions: %w", err)
	}
	defer rows.Close()
	var out []ConsultationVersion
	for rows.Next() {
		var v ConsultationVersion
		if err := rows.Scan(&v.Version, &v.Note, &v.Format, &v.CreatedAt); err != nil {
			return nil, fmt.Errorf("store: versions: %w", err)
		}
		v.CreatedAt = v.CreatedAt.UTC()
		out = append(out, v)
	}
	return out, rows.Err()
}

func allUnitsTx(ctx context.Context, tx *Tx, id string) (map[int][]ConsultationUnit, error) {
	rows, err := tx.QueryContext(ctx, `SELECT version, position, unit_key, parent_key, kind, number, heading, body, depth, prev_key, carry, comment_count
		FROM consultation_units WHERE consultation_id = $1 ORDER BY version, position`, id)
	if err != nil {
		return nil, fmt.Errorf("store: units: %w", err)
	}
	defer rows.Close()
	out := map[int][]ConsultationUnit{}
	for rows.Next() {
		var u ConsultationUnit
		var version int
		var kind string
		if err := rows.Scan(&version, &u.Position, &u.Key, &u.ParentKey, &kind, &u.Number, &u.Heading, &u.Text, &u.Depth,
			&u.PrevKey, &u.Carry, &u.CommentCount); err != nil {
			return nil, fmt.Errorf("store: units: %w", err)
		}
		u.Kind = agora.UnitKind(kind)
		out[version] = append(out[version], u)
	}
	return out, rows.Err()
}

// answersTx reads the answers of a consultation by id, without their
// comment lists.
func answersTx(ctx context.Context, tx *Tx, id string) (map[string]agora.Answer, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, status, justification, answered_by, answered_at FROM consultation_answers
		WHERE consultation_id = $1`, id)
	if err != nil {
		return nil, fmt.Errorf("store: answers: %w", err)
	}
	defer rows.Close()
	out := map[string]agora.Answer{}
	for rows.Next() {
		a := agora.Answer{ConsultationID: id}
		var status string
		if err := rows.Scan(&a.ID, &status, &a.Justification, &a.AnsweredBy, &a.AnsweredAt); err != nil {
			return nil, fmt.Errorf("store: answers: %w", err)
		}
		a.Status, a.AnsweredAt = agora.AnswerStatus(status), a.AnsweredAt.UTC()
		out[a.ID] = a
	}
	return out, rows.Err()
}

// PublishReport publishes the consultation report once the answers are
// public: the consultation becomes reported and its followers hear of
// it. Conflict "consultation_answer.error.answers_first" before the
// answers are published, "consultation_answer.error.report_published"
// when the report already is.
func (s *Store) PublishReport(ctx context.Context, actorID, id string) (agora.Consultation, error) {
	var c agora.Consultation
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		if c, err = consultationTx(ctx, tx, id); err != nil {
			return err
		}
		switch c.State {
		case agora.ConsultationReported:
			return agora.Errorf(agora.Conflict, "consultation_answer.error.report_published")
		case agora.ConsultationAnswered:
		default:
			return agora.Errorf(agora.Conflict, "consultation_answer.error.answers_first")
		}
		_, err = tx.ExecContext(ctx, `UPDATE consultations SET state = 'reported', reported_at = $2, updated_at = $2,
			revision = revision + 1 WHERE id = $1 AND state = 'answered'`, id, tx.Now)
		if err != nil {
			return fmt.Errorf("store: publish report: %w", err)
		}
		if err := enqueue(ctx, tx, JobConsultationEvent, ConsultationEvent{ConsultationID: id, Event: EventReported}, EnqueueOptions{}); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: c.OrgID, Action: auditPublishReport,
			TargetKind: "consultation", TargetID: id}); err != nil {
			return err
		}
		c, err = consultationTx(ctx, tx, id)
		return err
	})
	return c, err
}
