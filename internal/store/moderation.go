package store

import (
	"context"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// Moderation actions recorded in the public log.
const (
	ModerationHide   = "hide"
	ModerationUnhide = "unhide"
	// ModerationKeep closes the reports on a comment a moderator left
	// visible.
	ModerationKeep = "keep"
)

func validReason(es *agora.Errs, reason string) string {
	return agora.ValidateText(es, "reason", reason, 3, 1000, true)
}

// ReportComment records a participant's report of a comment for the
// moderators. Conflict when the same person already reported it;
// NotFound when the comment is not in the consultation.
func (s *Store) ReportComment(ctx context.Context, consultationID, commentID, reporterID, reason string) error {
	var es agora.Errs
	reason = validReason(&es, reason)
	if err := es.Err(); err != nil {
		return err
	}
	return s.writeQuiet(ctx, func(tx *Tx) error {
		c, err := commentTx(ctx, tx, commentID)
		if err != nil {
			return err
		}
		if c.ConsultationID != consultationID {
			return agora.Errorf(agora.NotFound, "consultation.error.comment_not_found")
		}
		res, err := tx.ExecContext(ctx, `INSERT INTO comment_reports (id, comment_id, reporter_id, reason, created_at)
			VALUES ($1, $2, $3, $4, $5) ON CONFLICT (comment_id, reporter_id) DO NOTHING`,
			agora.NewID(), commentID, reporterID, reason, tx.Now)
		if err != nil {
			return fmt.Errorf("store: report comment: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return agora.Errorf(agora.Conflict, "consultation_comment.error.already_reported")
		}
		return nil
	})
}

// HideComment hides a comment with a public reason: the page then shows
// the reason instead of the text. The action goes to the moderation log
// and closes the open reports. Conflict when already hidden.
func (s *Store) HideComment(ctx context.Context, moderatorID, consultationID, commentID, reason string) error {
	return s.moderate(ctx, moderatorID, consultationID, commentID, reason, true)
}

// UnhideComment shows a hidden comment again, or, for a visible one,
// closes its reports as unfounded (logged as "keep"). The reason is
// public.
func (s *Store) UnhideComment(ctx context.Context, moderatorID, consultationID, commentID, reason string) error {
	return s.moderate(ctx, moderatorID, consultationID, commentID, reason, false)
}

func (s *Store) moderate(ctx context.Context, moderatorID, consultationID, commentID, reason string, hide bool) error {
	var es agora.Errs
	reason = validReason(&es, reason)
	if err := es.Err(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		c, err := commentTx(ctx, tx, commentID)
		if err != nil {
			return err
		}
		if c.ConsultationID != consultationID {
			return agora.Errorf(agora.NotFound, "consultation.error.comment_not_found")
		}
		action := ModerationUnhide
		switch {
		case hide && c.Hidden:
			return agora.Errorf(agora.Conflict, "consultation_comment.error.already_hidden")
		case hide:
			action = ModerationHide
		case !c.Hidden:
			action = ModerationKeep
		}
		if action != ModerationKeep {
			note := ""
			if hide {
				note = reason
			}
			if _, err := tx.ExecContext(ctx, `UPDATE comments SET hidden = $2, hidden_note = $3 WHERE id = $1`, commentID, hide, note); err != nil {
				return fmt.Errorf("store: moderate comment: %w", err)
			}
		}
		if _, err := tx.ExecContext(ctx, `UPDATE comment_reports SET resolved_at = $2 WHERE comment_id = $1 AND resolved_at IS NULL`,
			commentID, tx.Now); err != nil {
			return fmt.Errorf("store: resolve reports: %w", err)
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO moderation_log (id, consultation_id, comment_id, moderator_id, action, reason, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, agora.NewID(), consultationID, commentID, moderatorID, action, reason, tx.Now); err != nil {
			return fmt.Errorf("store: moderation log: %w", err)
		}
		return bumpRevision(ctx, tx, consultationID)
	})
}

// ModerationEntry is one line of the public moderation log.
type ModerationEntry struct {
	ID            string
	CommentID     string
	UnitKey       string
	ModeratorName string
	Action        string
	Reason        string
	At            time.Time
}

// ModerationLog lists a consultation's moderation actions, newest first.
func (s *Store) ModerationLog(ctx context.Context, consultationID string) ([]ModerationEntry, error) {
	var out []ModerationEntry
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT l.id, l.comment_id, COALESCE(m.current_key, ''), COALESCE(u.display_name, ''),
			l.action, l.reason, l.created_at
			FROM moderation_log l LEFT JOIN comments m ON m.id = l.comment_id LEFT JOIN users u ON u.id = l.moderator_id
			WHERE l.consultation_id = $1 ORDER BY l.created_at DESC, l.id`, consultationID)
		if err != nil {
			return fmt.Errorf("store: moderation log: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var e ModerationEntry
			if err := rows.Scan(&e.ID, &e.CommentID, &e.UnitKey, &e.ModeratorName, &e.Action, &e.Reason, &e.At); err != nil {
				return fmt.Errorf("store: moderation log: %w", err)
			}
			e.At = e.At.UTC()
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}

// ReportedComment is a comment waiting for a moderator, with the open
// reports on it.
type ReportedComment struct {
	Comment           agora.Comment
	ConsultationTitle string
	Reports           []CommentReport
}

// CommentReport is one open report. The reporter is not named: the
// queue judges the comment, not who flagged it.
type CommentReport struct {
	Reason string
	At     time.Time
}

// ModerationQueue lists the comments with open reports, the longest
// waiting first, at most limit comments.
func (s *Store) ModerationQueue(ctx context.Context, limit int) ([]ReportedComment, error) {
	if limit <= 0 || limit > 500 {
		limit = 500
	}
	var out []ReportedComment
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT r.comment_id, r.reason, r.created_at FROM comment_reports r
			WHERE r.resolved_at IS NULL ORDER BY r.created_at, r.id`)
		if err != nil {
			return fmt.Errorf("store: moderation queue: %w", err)
		}
		defer rows.Close()
		index := map[string]int{}
		var ids []string
		for rows.Next() {
			var id string
			var r CommentReport
			if err := rows.Scan(&id, &r.Reason, &r.At); err != nil {
				return fmt.Errorf("store: moderation queue: %w", err)
			}
			r.At = r.At.UTC()
			i, ok := index[id]
			if !ok {
				if len(out) >= limit {
					continue
				}
				i = len(out)
				index[id] = i
				ids = append(ids, id)
				out = append(out, ReportedComment{})
			}
			out[i].Reports = append(out[i].Reports, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		comments, err := commentsByID(ctx, tx, ids)
		if err != nil {
			return err
		}
		titles := map[string]string{}
		for i, id := range ids {
			out[i].Comment = comments[id]
			cid := out[i].Comment.ConsultationID
			if _, ok := titles[cid]; !ok {
				var t string
				if err := tx.QueryRowContext(ctx, `SELECT title FROM consultations WHERE id = $1`, cid).Scan(&t); err != nil {
					return notFound(err, "consultation.error.not_found")
				}
				titles[cid] = t
			}
			out[i].ConsultationTitle = titles[cid]
		}
		return nil
	})
	return out, err
}
