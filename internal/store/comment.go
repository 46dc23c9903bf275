package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/agora-civic/agora"
)

// commentColumns are read by scanComment; m is comments, with the
// author's display name and the organisation's name joined.
const commentColumns = `m.id, m.consultation_id, m.version, m.unit_key, m.current_key, m.carry, m.quote,
	COALESCE(m.author_id, ''), CASE WHEN m.author_name <> '' THEN m.author_name ELSE COALESCE(u.display_name, '') END,
	COALESCE(m.org_id, ''), COALESCE(o.name, ''), m.body, m.amendment, m.source, m.source_note, m.debate_id,
	m.supports, m.hidden, m.hidden_note, m.submitted_at, m.edited_at, COALESCE(m.answer_id, '')`

const commentFrom = ` FROM comments m LEFT JOIN users u ON u.id = m.author_id LEFT JOIN organisations o ON o.id = m.org_id`

func scanComment(r rowScanner, extra ...any) (agora.Comment, error) {
	var c agora.Comment
	var source string
	var edited sql.NullTime
	dest := append([]any{&c.ID, &c.ConsultationID, &c.Version, &c.UnitKey, &c.CurrentKey, &c.Carry, &c.Quote,
		&c.AuthorID, &c.AuthorName, &c.OrgID, &c.OrgName, &c.Body, &c.Amendment, &source, &c.SourceNote, &c.DebateID,
		&c.Supports, &c.Hidden, &c.HiddenNote, &c.SubmittedAt, &edited, &c.AnswerID}, extra...)
	if err := r.Scan(dest...); err != nil {
		return c, err
	}
	c.Source = agora.CommentSource(source)
	c.SubmittedAt = c.SubmittedAt.UTC()
	c.EditedAt = optTime(edited)
	return c, nil
}

// CommentFilter selects comments of one consultation.
type CommentFilter struct {
	ConsultationID string
	// UnitKey limits to the comments on one unit of the current version;
	// nil means all units, a pointer to "" the comments on the whole draft.
	UnitKey *string
	// AuthorID limits to one author's comments.
	AuthorID string
	// Unanswered limits to comments without an answer.
	Unanswered bool
	// AfterSubmitted/AfterID continue a page in submission order.
	AfterSubmitted time.Time
	AfterID        string
	Limit          int // 0: all
}

// Comments lists comments in submission order. Hidden comments are
// included (marked Hidden); the page shows their moderation note instead
// of their text.
func (s *Store) Comments(ctx context.Context, f CommentFilter) ([]agora.Comment, error) {
	var out []agora.Comment
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = commentsTx(ctx, tx, f)
		return err
	})
	return out, err
}

func commentsTx(ctx context.Context, tx *Tx, f CommentFilter) ([]agora.Comment, error) {
	where := []string{"m.consultation_id = $1"}
	args := []any{f.ConsultationID}
	add := func(cond string, v any) {
		args = append(args, v)
		where = append(where, strings.ReplaceAll(cond, "?", fmt.Sprintf("$%d", len(args))))
	}
	if f.UnitKey != nil {
		add("m.current_key = ?", *f.UnitKey)
	}
	if f.AuthorID != "" {
		add("m.author_id = ?", f.AuthorID)
	}
	if f.Unanswered {
		where = append(where, "m.answer_id IS NULL")
	}
	if f.AfterID != "" {
		args = append(args, f.AfterSubmitted, f.AfterID)
		where = append(where, fmt.Sprintf("(m.submitted_at > $%d OR (m.submitted_at = $%d AND m.id > $%d))", len(args)-1, len(args)-1, len(args)))
	}
	q := `SELECT ` + commentColumns + commentFrom + ` WHERE ` + strings.Join(where, " AND ") + ` ORDER BY m.submitted_at, m.id`
	if f.Limit > 0 {
		q += fmt.Sprintf(" LIMIT %d", f.Limit)
	}
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: comments: %w", err)
	}
	defer rows.Close()
	var out []agora.Comment
	for rows.Next() {
		c, err := scanComment(rows)
		if err != nil {
			return nil, fmt.Errorf("store: comments: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// Comment loads one comment.
func (s *Store) Comment(ctx context.Context, id string) (agora.Comment, error) {
	var c agora.Comment
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		c, err = commentTx(ctx, tx, id)
		return err
	})
	return c, err
}

func commentTx(ctx context.Context, tx *Tx, id string) (agora.Comment, error) {
	c, err := scanComment(tx.QueryRowContext(ctx, `SELECT `+commentColumns+commentFrom+` WHERE m.id = $1`, id))
	if err != nil {
		return c, notFound(err, "consultation.error.comment_not_found")
	}
	return c, nil
}

// NewComment is a comment to store: who writes it and what.
type NewComment struct {
	ConsultationID string
	AuthorID       string
	// Officer is true when an officer of the owning authority registers a
	// recommendation received outside the platform (Input.Source is then
	// not online): allowed after the deadline, until answers are published.
	Officer bool
	Input   agora.CommentInput
	// ClientKey makes a retried submission (double click, API retry with
	// the same Idempotency-Key) return the first comment instead of a second.
	ClientKey string
	// Attachment is an optional document stored with the comment
	// (consultation_files, purpose "comment").
	Attachment *CommentAttachment
}

// CommentAttachment is a file a participant attaches to a comment.
type CommentAttachment struct {
	Name        string
	ContentType string
	Data        []byte
}
