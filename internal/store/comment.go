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
}

// CreateComment stores a comment in one transaction: it checks the
// deadline against the transaction's clock, the unit, and the author's
// membership of the organisation they speak for, and keeps the counters
// the consultation page reads. created is false when ClientKey matched an
// earlier comment of the same author, which is returned instead.
func (s *Store) CreateComment(ctx context.Context, n NewComment) (c agora.Comment, created bool, err error) {
	in, err := n.Input.Validate()
	if err != nil {
		return c, false, err
	}
	n.Input = in
	err = s.write(ctx, func(tx *Tx) error {
		c, created, err = createCommentTx(ctx, tx, n)
		return err
	})
	return c, created, err
}

func createCommentTx(ctx context.Context, tx *Tx, n NewComment) (agora.Comment, bool, error) {
	in := n.Input
	if n.ClientKey != "" {
		var id string
		err := tx.QueryRowContext(ctx, `SELECT id FROM comments WHERE author_id = $1 AND client_key = $2`, n.AuthorID, n.ClientKey).Scan(&id)
		if err == nil {
			c, err := commentTx(ctx, tx, id)
			return c, false, err
		}
		if err != sql.ErrNoRows {
			return agora.Comment{}, false, fmt.Errorf("store: comment client key: %w", err)
		}
	}
	var state string
	var version int
	var closes sql.NullTime
	var opens sql.NullTime
	err := tx.QueryRowContext(ctx, `SELECT state, version, opens_at, comments_close FROM consultations WHERE id = $1`, n.ConsultationID).
		Scan(&state, &version, &opens, &closes)
	if err != nil {
		return agora.Comment{}, false, notFound(err, "consultation.error.not_found")
	}
	offline := n.Officer && in.Source != agora.SourceOnline
	switch {
	case state == string(agora.ConsultationDraft):
		return agora.Comment{}, false, agora.Errorf(agora.Conflict, "consultation.error.not_open")
	case offline && state == string(agora.ConsultationPublished):
		// Letters and debate minutes arrive after the online deadline.
	case state != string(agora.ConsultationPublished) || tx.Now.Before(opens.Time):
		return agora.Comment{}, false, agora.Errorf(agora.Conflict, "consultation.error.not_open")
	case tx.Now.After(closes.Time):
		return agora.Comment{}, false, &agora.Error{Kind: agora.Conflict, Key: "consultation.error.deadline_passed",
			Args: map[string]any{"closed": closes.Time.UTC()}}
	}
	if !offline {
		in.Source, in.SourceNote, in.AuthorName = agora.SourceOnline, "", ""
	}
	if in.UnitKey != "" {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM consultation_units WHERE consultation_id = $1 AND version = $2 AND unit_key = $3`,
			n.ConsultationID, version, in.UnitKey).Scan(&one)
		if err != nil {
			return agora.Comment{}, false, agora.FieldError("unit", "consultation.error.unknown_unit", nil).Wrap(err)
		}
	}
	var orgID any
	if in.OrgID != "" {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2`, in.OrgID, n.AuthorID).Scan(&one)
		if err != nil {
			return agora.Comment{}, false, agora.FieldError("org", "consultation.error.not_member", nil).Wrap(err)
		}
		orgID = in.OrgID
	}
	submitted := tx.Now
	if offline && in.SubmittedOn != "" {
		if d, err := time.Parse(time.DateOnly, in.SubmittedOn); err == nil && d.Before(tx.Now) {
			submitted = d.UTC()
		}
	}
	var authorID, registeredBy, clientKey any = n.AuthorID, nil, nil
	if offline {
		authorID, registeredBy = nil, n.AuthorID
	}
	if n.ClientKey != "" {
		clientKey = n.ClientKey
	}
	// A participant counts once per consultation: the first comment of an
	// author (or of a named sender registered by an officer) adds one.
	var firstTime bool
	if offline {
		firstTime = true
	} else {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM comments WHERE consultation_id = $1 AND author_id = $2 LIMIT 1`, n.ConsultationID, n.AuthorID).Scan(&one)
		firstTime = err == sql.ErrNoRows
	}
	id := agora.NewID()
	_, err = tx.ExecContext(ctx, `INSERT INTO comments (id, consultation_id, version, unit_key, current_key, quote, author_id,
		author_name, registered_by, org_id, body, amendment, source, source_note, client_key, submitted_at)
		VALUES ($1, $2, $3, $4, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		id, n.ConsultationID, version, in.UnitKey, in.Quote, authorID, in.AuthorName, registeredBy, orgID, in.Body,
		in.Amendment, string(in.Source), in.SourceNote, clientKey, submitted)
	if err != nil {
		return agora.Comment{}, false, fmt.Errorf("store: create comment: %w", err)
	}
	participants := 0
	if firstTime {
		participants = 1
	}
	_, err = tx.ExecContext(ctx, `UPDATE consultations SET comment_count = comment_count + 1,
		participant_count = participant_count + $2, revision = revision + 1 WHERE id = $1`, n.ConsultationID, participants)
	if err != nil {
		return agora.Comment{}, false, fmt.Errorf("store: comment counters: %w", err)
	}
	if in.UnitKey != "" {
		_, err = tx.ExecContext(ctx, `UPDATE consultation_units SET comment_count = comment_count + 1
			WHERE consultation_id = $1 AND version = $2 AND unit_key = $3`, n.ConsultationID, version, in.UnitKey)
		if err != nil {
			return agora.Comment{}, false, fmt.Errorf("store: unit counters: %w", err)
		}
	}
	c, err := commentTx(ctx, tx, id)
	return c, true, err
}
