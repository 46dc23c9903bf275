package store

import (
	"context"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// ConsultationPage is everything the public page of a consultation shows,
// read in one snapshot: BEGIN and four statements (consultation, units
// with their comment counts, debates, attachments). The page shows
// counts, not comments, so its cost does not grow with the discussion.
type ConsultationPage struct {
	Consultation agora.Consultation
	Units        []ConsultationUnit
	Debates      []agora.Debate
	Attachments  []ConsultationFile
}

// ConsultationPage loads the public page of consultation id. Drafts are
// returned too; the caller shows them to the authority's officers only.
// NotFound when there is no such consultation.
func (s *Store) ConsultationPage(ctx context.Context, id string) (ConsultationPage, error) {
	var p ConsultationPage
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if p.Consultation, err = consultationTx(ctx, tx, id); err != nil {
			return err
		}
		if p.Units, err = consultationUnitsTx(ctx, tx, id, p.Consultation.Version); err != nil {
			return err
		}
		if p.Debates, err = debatesTx(ctx, tx, id); err != nil {
			return err
		}
		p.Attachments, err = filesTx(ctx, tx, `f.consultation_id = $1 AND f.purpose = $2`, id, FileAttachment)
		return err
	})
	return p, err
}

func debatesTx(ctx context.Context, tx *Tx, id string) ([]agora.Debate, error) {
	rows, err := tx.QueryContext(ctx, `SELECT d.id, d.consultation_id, d.starts_at, d.place, d.online_url, d.notice, d.announced_at,
		d.minutes_file_id, d.minutes, d.participants, d.closed, d.closed_reason,
		(SELECT COUNT(*) FROM debate_registrations r WHERE r.debate_id = d.id)
		FROM debates d WHERE d.consultation_id = $1 ORDER BY d.starts_at, d.id`, id)
	if err != nil {
		return nil, fmt.Errorf("store: debates: %w", err)
	}
	defer rows.Close()
	var out []agora.Debate
	for rows.Next() {
		var d agora.Debate
		if err := rows.Scan(&d.ID, &d.ConsultationID, &d.StartsAt, &d.Place, &d.OnlineURL, &d.Notice, &d.AnnouncedAt,
			&d.MinutesFileID, &d.Minutes, &d.Participants, &d.Closed, &d.ClosedReason, &d.Registered); err != nil {
			return nil, fmt.Errorf("store: debates: %w", err)
		}
		d.StartsAt, d.AnnouncedAt = d.StartsAt.UTC(), d.AnnouncedAt.UTC()
		out = append(out, d)
	}
	return out, rows.Err()
}

// filesTx lists file descriptions (no bytes) matching where.
func filesTx(ctx context.Context, tx *Tx, where string, args ...any) ([]ConsultationFile, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+consultationFileColumns+consultationFileFrom+` WHERE `+where+` ORDER BY f.created_at, f.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: files: %w", err)
	}
	defer rows.Close()
	var out []ConsultationFile
	for rows.Next() {
		f, err := scanConsultationFile(rows)
		if err != nil {
			return nil, fmt.Errorf("store: files: %w", err)
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// OrgChoice is an organisation a person may speak for.
type OrgChoice struct {
	ID   string
	Name string
}

// UnitPage is the page of one unit of the current version: its text in
// context, its comments and what the viewer needs to take part.
type UnitPage struct {
	Consultation agora.Consultation
	// Context holds the unit's ancestors, the unit and its descendants,
	// in reading order.
	Context []ConsultationUnit
	Unit    ConsultationUnit
	// Comments are those on the unit in the current version (carried
	// over from earlier versions too), in submission order.
	Comments []agora.Comment
	// Files are the comments' attachments, by comment id.
	Files map[string][]ConsultationFile
	// Original is the unit text each comment was made on, by comment id,
	// for the redline of its amendment.
	Original map[string]string
	// Supported are the comments the viewer supports; Orgs the
	// organisations the viewer may speak for. Both empty for visitors.
	Supported map[string]bool
	Orgs      []OrgChoice
}

// UnitPage loads the page of unit key of consultation id for viewerID
// ("" for a visitor). NotFound when the consultation or the unit does
// not exist.
func (s *Store) UnitPage(ctx context.Context, id, key, viewerID string) (UnitPage, error) {
	p := UnitPage{Files: map[string][]ConsultationFile{}, Original: map[string]string{}, Supported: map[string]bool{}}
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if p.Consultation, err = consultationTx(ctx, tx, id); err != nil {
			return err
		}
		units, err := consultationUnitsTx(ctx, tx, id, p.Consultation.Version)
		if err != nil {
			return err
		}
		var ok bool
		if p.Unit, p.Context, ok = unitContext(units, key); !ok {
			return agora.Errorf(agora.NotFound, "consultation.error.unknown_unit")
		}
		if p.Comments, err = commentsTx(ctx, tx, CommentFilter{ConsultationID: id, UnitKey: &key}); err != nil {
			return err
		}
		files, err := filesTx(ctx, tx, `f.consultation_id = $1 AND f.purpose = $2 AND f.comment_id IN
			(SELECT id FROM comments WHERE consultation_id = $1 AND current_key = $3)`, id, FileComment, key)
		if err != nil {
			return err
		}
		for _, f := range files {
			p.Files[f.CommentID] = append(p.Files[f.CommentID], f)
		}
		if err := originals(ctx, tx, p); err != nil {
			return err
		}
		if viewerID == "" {
			return nil
		}
		if p.Supported, err = supportedTx(ctx, tx, id, key, viewerID); err != nil {
			return err
		}
		p.Orgs, err = orgChoicesTx(ctx, tx, viewerID)
		return err
	})
	return p, err
}

// unitContext picks the unit key, its ancestors and its descendants.
func unitContext(units []ConsultationUnit, key string) (ConsultationUnit, []ConsultationUnit, bool) {
	byKey := make(map[string]int, len(units))
	at := -1
	for i, u := range units {
		byKey[u.Key] = i
		if u.Key == key {
			at = i
		}
	}
	if at < 0 {
		return ConsultationUnit{}, nil, false
	}
	var ancestors []ConsultationUnit
	seen := map[string]bool{}
	for p := units[at].ParentKey; p != "" && !seen[p]; {
		seen[p] = true
		i, ok := byKey[p]
		if !ok {
			break
		}
		ancestors = append([]ConsultationUnit{units[i]}, ancestors...)
		p = units[i].ParentKey
	}
	out := append(ancestors, units[at])
	for _, u := range units[at+1:] {
		if u.Depth <= units[at].Depth {
			break
		}
		out = append(out, u)
	}
	return units[at], out, true
}

// originals fills p.Original: the current unit text for comments made on
// the current version, the text of their own version for older ones.
func originals(ctx context.Context, tx *Tx, p UnitPage) error {
	for _, c := range p.Comments {
		if c.Version == p.Consultation.Version && c.UnitKey == p.Unit.Key {
			p.Original[c.ID] = p.Unit.Text
			continue
		}
		var text string
		err := tx.QueryRowContext(ctx, `SELECT body FROM consultation_units WHERE consultation_id = $1 AND version = $2 AND unit_key = $3`,
			c.ConsultationID, c.Version, c.UnitKey).Scan(&text)
		if err != nil {
			text = p.Unit.Text
		}
		p.Original[c.ID] = text
	}
	return nil
}

func supportedTx(ctx context.Context, tx *Tx, id, key, viewerID string) (map[string]bool, error) {
	rows, err := tx.QueryContext(ctx, `SELECT s.comment_id FROM comment_supports s JOIN comments m ON m.id = s.comment_id
		WHERE s.user_id = $1 AND m.consultation_id = $2 AND m.current_key = $3`, viewerID, id, key)
	if err != nil {
		return nil, fmt.Errorf("store: supports: %w", err)
	}
	defer rows.Close()
	out := map[string]bool{}
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("store: supports: %w", err)
		}
		out[c] = true
	}
	return out, rows.Err()
}

func orgChoicesTx(ctx context.Context, tx *Tx, userID string) ([]OrgChoice, error) {
	rows, err := tx.QueryContext(ctx, `SELECT o.id, o.name FROM memberships m JOIN organisations o ON o.id = m.org_id
		WHERE m.user_id = $1 ORDER BY o.name, o.id`, userID)
	if err != nil {
		return nil, fmt.Errorf("store: organisations of a member: %w", err)
	}
	defer rows.Close()
	var out []OrgChoice
	for rows.Next() {
		var o OrgChoice
		if err := rows.Scan(&o.ID, &o.Name); err != nil {
			return nil, fmt.Errorf("store: organisations of a member: %w", err)
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// UnitText returns the text of unit key in version of consultation id;
// NotFound when there is no such unit. One statement, for the comment
// form, which needs the text to place a quote and drop an unchanged
// amendment.
func (s *Store) UnitText(ctx context.Context, id string, version int, key string) (string, error) {
	var text string
	err := s.reader.QueryRowContext(ctx, `SELECT body FROM consultation_units WHERE consultation_id = $1 AND version = $2 AND unit_key = $3`,
		id, version, key).Scan(&text)
	s.counter.add()
	return text, notFound(translate(err), "consultation.error.unknown_unit")
}

// CommentOrgs lists the organisations userID may speak for.
func (s *Store) CommentOrgs(ctx context.Context, userID string) ([]OrgChoice, error) {
	var out []OrgChoice
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = orgChoicesTx(ctx, tx, userID)
		return err
	})
	return out, err
}

// CommentRevision is an earlier text of an edited comment.
type CommentRevision struct {
	Revision  int
	Body      string
	Amendment string
	SavedAt   time.Time
}

// CommentView is one comment with its edit history (oldest first) and
// attachments.
type CommentView struct {
	Comment   agora.Comment
	Revisions []CommentRevision
	Files     []ConsultationFile
	// UnitText is the text of the unit the comment was made on.
	UnitText string
}

// CommentView loads a comment of consultation consultationID with its
// history. NotFound when it does not exist or belongs to another
// consultation.
func (s *Store) CommentView(ctx context.Context, consultationID, commentID string) (CommentView, error) {
	var v CommentView
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if v.Comment, err = commentTx(ctx, tx, commentID); err != nil {
			return err
		}
		if v.Comment.ConsultationID != consultationID {
			return agora.Errorf(agora.NotFound, "consultation.error.comment_not_found")
		}
		rows, err := tx.QueryContext(ctx, `SELECT revision, body, amendment, saved_at FROM comment_revisions
			WHERE comment_id = $1 ORDER BY revision`, commentID)
		if err != nil {
			return fmt.Errorf("store: comment revisions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r CommentRevision
			if err := rows.Scan(&r.Revision, &r.Body, &r.Amendment, &r.SavedAt); err != nil {
				return fmt.Errorf("store: comment revisions: %w", err)
			}
			r.SavedAt = r.SavedAt.UTC()
			v.Revisions = append(v.Revisions, r)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if v.Files, err = filesTx(ctx, tx, `f.consultation_id = $1 AND f.comment_id = $2`, consultationID, commentID); err != nil {
			return err
		}
		if v.Comment.UnitKey != "" {
			_ = tx.QueryRowContext(ctx, `SELECT body FROM consultation_units WHERE consultation_id = $1 AND version = $2 AND unit_key = $3`,
				consultationID, v.Comment.Version, v.Comment.UnitKey).Scan(&v.UnitText)
		}
		return nil
	})
	return v, err
}
