package store

import (
	"cmp"
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// NewDebate is a public debate an officer announces. The caller has
// checked the notice period against the consultation's rule set and
// validated the link; Exception is the officer's public justification
// when the notice is shorter than the rules allow.
type NewDebate struct {
	ConsultationID string
	StartsAt       time.Time
	Place          string
	OnlineURL      string
	Notice         string
	Exception      string
}

// ScheduleDebate announces a public debate on a published consultation
// and tells its followers (ConsultationEvent debate_scheduled). Conflict
// consultation_debate.error.not_open unless the consultation is
// published; NotFound for an unknown consultation.
func (s *Store) ScheduleDebate(ctx context.Context, actorID string, in NewDebate) (agora.Debate, error) {
	var d agora.Debate
	err := s.write(ctx, func(tx *Tx) error {
		c, err := consultationTx(ctx, tx, in.ConsultationID)
		if err != nil {
			return err
		}
		if c.State != agora.ConsultationPublished {
			return agora.Errorf(agora.Conflict, "consultation_debate.error.not_open")
		}
		d = agora.Debate{ID: agora.NewID(), ConsultationID: c.ID, StartsAt: in.StartsAt.UTC(), Place: in.Place,
			OnlineURL: in.OnlineURL, Notice: in.Notice, AnnouncedAt: tx.Now}
		_, err = tx.ExecContext(ctx, `INSERT INTO debates (id, consultation_id, starts_at, place, online_url, notice, announced_at,
			exception, created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $7, $7)`,
			d.ID, d.ConsultationID, d.StartsAt, d.Place, d.OnlineURL, d.Notice, d.AnnouncedAt, in.Exception, actorID)
		if err != nil {
			return fmt.Errorf("store: schedule debate: %w", err)
		}
		if err := enqueue(ctx, tx, JobConsultationEvent, ConsultationEvent{ConsultationID: c.ID, Event: EventDebate, SubjectID: d.ID},
			EnqueueOptions{}); err != nil {
			return err
		}
		details := map[string]string{"debate": d.ID}
		if in.Exception != "" {
			details["exception"] = "1"
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: c.OrgID, Action: auditDebateSchedule,
			TargetKind: "consultation", TargetID: c.ID, Details: details}); err != nil {
			return err
		}
		return bumpRevision(ctx, tx, c.ID)
	})
	return d, err
}

// DebatePage is a debate's public notice with what its page shows.
type DebatePage struct {
	Consultation agora.Consultation
	Debate       agora.Debate
	// Exception is the officer's justification for a short notice.
	Exception string
	// Registered says the viewer registered to attend.
	Registered bool
	// MinutesFile describes the uploaded minutes, when there are some.
	MinutesFile *ConsultationFile
	// Comments are the recommendations linked to the debate.
	Comments []agora.Comment
	// Unlinked are the consultation's recommendations registered from a
	// debate and not linked to one yet; filled for the minutes form only.
	Unlinked []agora.Comment
}

// DebatePage loads debate debateID of consultation consultationID for
// viewerID ("" for a visitor); withUnlinked adds the recommendations an
// officer may still link. NotFound when either does not exist or the
// debate belongs to another consultation.
func (s *Store) DebatePage(ctx context.Context, consultationID, debateID, viewerID string, withUnlinked bool) (DebatePage, error) {
	var p DebatePage
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if p.Consultation, err = consultationTx(ctx, tx, consultationID); err != nil {
			return err
		}
		if p.Debate, p.Exception, err = debateTx(ctx, tx, consultationID, debateID); err != nil {
			return err
		}
		if viewerID != "" {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM debate_registrations WHERE debate_id = $1 AND user_id = $2`,
				debateID, viewerID).Scan(&n); err != nil {
				return fmt.Errorf("store: debate registration: %w", err)
			}
			p.Registered = n > 0
		}
		if p.Debate.MinutesFileID != "" {
			files, err := filesTx(ctx, tx, `f.consultation_id = $1 AND f.id = $2`, consultationID, p.Debate.MinutesFileID)
			if err != nil {
				return err
			}
			if len(files) == 1 {
				p.MinutesFile = &files[0]
			}
		}
		if p.Comments, err = debateCommentsTx(ctx, tx, `m.consultation_id = $1 AND m.debate_id = $2`, consultationID, debateID); err != nil {
			return err
		}
		if withUnlinked {
			p.Unlinked, err = debateCommentsTx(ctx, tx, `m.consultation_id = $1 AND m.debate_id = '' AND m.source = $2`,
				consultationID, string(agora.SourceDebate))
		}
		return err
	})
	return p, err
}

func debateTx(ctx context.Context, tx *Tx, consultationID, debateID string) (agora.Debate, string, error) {
	var d agora.Debate
	var exception string
	err := tx.QueryRowContext(ctx, `SELECT d.id, d.consultation_id, d.starts_at, d.place, d.online_url, d.notice, d.announced_at,
		d.minutes_file_id, d.minutes, d.participants, d.closed, d.closed_reason, d.exception,
		(SELECT COUNT(*) FROM debate_registrations r WHERE r.debate_id = d.id)
		FROM debates d WHERE d.id = $1 AND d.consultation_id = $2`, debateID, consultationID).Scan(
		&d.ID, &d.ConsultationID, &d.StartsAt, &d.Place, &d.OnlineURL, &d.Notice, &d.AnnouncedAt,
		&d.MinutesFileID, &d.Minutes, &d.Participants, &d.Closed, &d.ClosedReason, &exception, &d.Registered)
	if err != nil {
		return d, "", notFound(err, "consultation_debate.error.not_found")
	}
	d.StartsAt, d.AnnouncedAt = d.StartsAt.UTC(), d.AnnouncedAt.UTC()
	return d, exception, nil
}

func debateCommentsTx(ctx context.Context, tx *Tx, where string, args ...any) ([]agora.Comment, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+commentColumns+commentFrom+` WHERE `+where+` ORDER BY m.submitted_at, m.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: debate comments: %w", err)
	}
	defer rows.Close()
	var out []agora.Comment
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, fmt.Errorf("store: debate comments: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// ToggleDebateRegistration registers userID for a debate, or withdraws
// the registration, and reports whether the user is now registered.
// Conflict consultation_debate.error.past once the debate has started;
// NotFound for an unknown debate.
func (s *Store) ToggleDebateRegistration(ctx context.Context, consultationID, debateID, userID string) (bool, error) {
	var registered bool
	err := s.write(ctx, func(tx *Tx) error {
		d, _, err := debateTx(ctx, tx, consultationID, debateID)
		if err != nil {
			return err
		}
		if !tx.Now.Before(d.StartsAt) {
			return agora.Errorf(agora.Conflict, "consultation_debate.error.past")
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM debate_registrations WHERE debate_id = $1 AND user_id = $2`, debateID, userID)
		if err != nil {
			return fmt.Errorf("store: debate registration: %w", err)
		}
		if n, _ := res.RowsAffected(); n > 0 {
			return nil
		}
		// ON CONFLICT: two clicks at once leave one registration.
		if _, err := tx.ExecContext(ctx, `INSERT INTO debate_registrations (debate_id, user_id, created_at) VALUES ($1, $2, $3)
			ON CONFLICT (debate_id, user_id) DO NOTHING`, debateID, userID, tx.Now); err != nil {
			return fmt.Errorf("store: debate registration: %w", err)
		}
		registered = true
		return nil
	})
	return registered, err
}

// MinutesFile is an uploaded minutes document; the caller has checked its
// type and size.
type MinutesFile struct {
	Name        string
	ContentType string
	Data        []byte
}

// DebateMinutes is what an officer records after a debate: the minutes
// (a document, a summary, or both), the number of participants counted
// at the meeting (for the yearly report, RO Law 52/2003 art. 13) and the
// recommendations raised there.
type DebateMinutes struct {
	ConsultationID string
	DebateID       string
	Summary        string
	Participants   int
	File           *MinutesFile // nil keeps the current document
	CommentIDs     []string
}

// RecordDebateMinutes saves the minutes of a debate that has started. A
// new document replaces the link to the previous one (which stays on
// record). Errors: Invalid (summary, participants, minutes_file,
// comments); Conflict consultation_debate.error.not_held before the
// debate starts; NotFound for an unknown debate.
func (s *Store) RecordDebateMinutes(ctx context.Context, actorID string, in DebateMinutes) (agora.Debate, error) {
	var es agora.Errs
	in.Summary = agora.ValidateText(&es, "summary", in.Summary, 0, 50000, true)
	if in.Participants < 0 || in.Participants > 1_000_000 {
		es.Add("participants", "field.invalid_number", nil)
	}
	if f := in.File; f != nil && (len(f.Data) == 0 || f.Name == "" || len(f.Name) > 200) {
		es.Add("minutes_file", "consultation_debate.error.file_empty", nil)
	}
	ids, err := debateIDList(in.CommentIDs)
	if err != nil {
		es = append(es, agora.FieldErrors(err)...)
	}
	if err := es.Err(); err != nil {
		return agora.Debate{}, err
	}
	var d agora.Debate
	err = s.write(ctx, func(tx *Tx) error {
		c, err := consultationTx(ctx, tx, in.ConsultationID)
		if err != nil {
			return err
		}
		if d, _, err = debateTx(ctx, tx, c.ID, in.DebateID); err != nil {
			return err
		}
		if tx.Now.Before(d.StartsAt) {
			return agora.Errorf(agora.Conflict, "consultation_debate.error.not_held")
		}
		if in.File == nil && d.MinutesFileID == "" && in.Summary == "" {
			return agora.FieldError("summary", "consultation_debate.error.minutes_required", nil)
		}
		if f := in.File; f != nil {
			sum := sha256.Sum256(f.Data)
			d.MinutesFileID = agora.NewID()
			_, err = tx.ExecContext(ctx, `INSERT INTO consultation_files (id, consultation_id, comment_id, debate_id, purpose, name,
				content_type, size, sha256, data, uploaded_by, created_at) VALUES ($1, $2, '', $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
				d.MinutesFileID, c.ID, d.ID, FileMinutes, f.Name, cmp.Or(f.ContentType, "application/octet-stream"), len(f.Data),
				hex.EncodeToString(sum[:]), f.Data, actorID, tx.Now)
			if err != nil {
				return fmt.Errorf("store: minutes file: %w", err)
			}
		}
		d.Minutes, d.Participants = in.Summary, in.Participants
		_, err = tx.ExecContext(ctx, `UPDATE debates SET minutes = $2, participants = $3, minutes_file_id = $4, updated_at = $5
			WHERE id = $1`, d.ID, d.Minutes, d.Participants, d.MinutesFileID, tx.Now)
		if err != nil {
			return fmt.Errorf("store: debate minutes: %w", err)
		}
		if err := linkDebateCommentsTx(ctx, tx, c.ID, d.ID, ids); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: c.OrgID, Action: auditDebateMinutes,
			TargetKind: "consultation", TargetID: c.ID, Details: map[string]string{"debate": d.ID, "file": d.MinutesFileID}}); err != nil {
			return err
		}
		return bumpRevision(ctx, tx, c.ID)
	})
	return d, err
}
