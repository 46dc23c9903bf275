package store

import (
	"context"
	"fmt"

	"github.com/agora-civic/agora"
)

// CommentEdit is an author's new text for their comment.
type CommentEdit struct {
	ConsultationID string
	CommentID      string
	AuthorID       string
	Body           string
	Amendment      string
}

// EditComment replaces the text of a comment by its author before the
// deadline, keeping the earlier text in comment_revisions. Errors:
// Invalid (body, amendment), NotFound, Forbidden (not the author),
// Conflict (deadline passed, or the comment is hidden).
func (s *Store) EditComment(ctx context.Context, e CommentEdit) (agora.Comment, error) {
	in, err := agora.CommentInput{Body: e.Body, Amendment: e.Amendment}.Validate()
	if err != nil {
		return agora.Comment{}, err
	}
	var c agora.Comment
	err = s.write(ctx, func(tx *Tx) error {
		old, err := commentTx(ctx, tx, e.CommentID)
		if err != nil {
			return err
		}
		if old.ConsultationID != e.ConsultationID {
			return agora.Errorf(agora.NotFound, "consultation.error.comment_not_found")
		}
		if old.AuthorID == "" || old.AuthorID != e.AuthorID || old.Source != agora.SourceOnline {
			return agora.Errorf(agora.Forbidden, "error.forbidden")
		}
		if old.Hidden {
			return agora.Errorf(agora.Conflict, "consultation_comment.error.hidden")
		}
		w := newCommentWriter(tx)
		defer w.close()
		g, err := w.gate(ctx, e.ConsultationID)
		if err != nil {
			return err
		}
		if err := g.open(tx.Now, false); err != nil {
			return err
		}
		if old.Body == in.Body && old.Amendment == in.Amendment {
			c = old
			return nil
		}
		saved := old.SubmittedAt
		if old.EditedAt != nil {
			saved = *old.EditedAt
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO comment_revisions (comment_id, revision, body, amendment, saved_at)
			SELECT $1, COALESCE(MAX(revision), 0) + 1, $2, $3, $4 FROM comment_revisions WHERE comment_id = $1`,
			old.ID, old.Body, old.Amendment, saved)
		if err != nil {
			return fmt.Errorf("store: comment revision: %w", err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE comments SET body = $2, amendment = $3, edited_at = $4 WHERE id = $1`,
			old.ID, in.Body, in.Amendment, tx.Now)
		if err != nil {
			return fmt.Errorf("store: edit comment: %w", err)
		}
		if err := bumpRevision(ctx, tx, e.ConsultationID); err != nil {
			return err
		}
		c, err = commentTx(ctx, tx, old.ID)
		return err
	})
	return c, err
}

// ToggleSupport adds the user's support to a comment, or takes it back
// when they already supported it, and returns the new state and count.
// One support per person; nobody supports their own or a hidden comment
// (Conflict). NotFound when the comment is not in the consultation.
func (s *Store) ToggleSupport(ctx context.Context, consultationID, commentID, userID string) (supported bool, count int, err error) {
	err = s.write(ctx, func(tx *Tx) error {
		c, err := commentTx(ctx, tx, commentID)
		if err != nil {
			return err
		}
		if c.ConsultationID != consultationID {
			return agora.Errorf(agora.NotFound, "consultation.error.comment_not_found")
		}
		switch {
		case c.AuthorID == userID:
			return agora.Errorf(agora.Conflict, "consultation_comment.error.own_comment")
		case c.Hidden:
			return agora.Errorf(agora.Conflict, "consultation_comment.error.hidden")
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM comment_supports WHERE comment_id = $1 AND user_id = $2`, commentID, userID)
		if err != nil {
			return fmt.Errorf("store: support: %w", err)
		}
		delta := -1
		if n, _ := res.RowsAffected(); n == 0 {
			delta, supported = 1, true
			if _, err := tx.ExecContext(ctx, `INSERT INTO comment_supports (comment_id, user_id, created_at) VALUES ($1, $2, $3)`,
				commentID, userID, tx.Now); err != nil {
				return fmt.Errorf("store: support: %w", err)
			}
		}
		err = tx.QueryRowContext(ctx, `UPDATE comments SET supports = supports + $2 WHERE id = $1 RETURNING supports`, commentID, delta).Scan(&count)
		if err != nil {
			return fmt.Errorf("store: support count: %w", err)
		}
		return bumpRevision(ctx, tx, consultationID)
	})
	return supported, count, err
}
