package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// TransparencyFigures are the items of the yearly report on decisional
// transparency (RO Law 52/2003 art. 13) that the platform's own data
// gives: (a) recommendations received, (b) included (accepted or partly
// accepted, once the answers are published), (c) participants in public
// meetings, (d) public debates held, and, for (g), the debates that were
// closed to the public with their reasons.
type TransparencyFigures struct {
	Consultations   int // published in the year
	Received        int
	Included        int
	Participants    int
	Debates         int
	ClosedDebates   []ClosedDebate
	AnsweredPending int // consultations of the year whose answers are not published yet
}

// ClosedDebate is a meeting held without the public, for item (g).
type ClosedDebate struct {
	ConsultationTitle string
	StartsAt          time.Time
	Reason            string
}

// TransparencyInput is what an officer enters because the platform
// cannot know it: (e) court cases, (f) the authority's assessment, (g)
// closed meetings held outside the platform and why, and the figures of
// consultations handled outside the platform, added to (a)–(d).
type TransparencyInput struct {
	CourtCases        int
	Assessment        string
	ClosedMeetings    int
	ClosedReasons     string
	ExtraReceived     int
	ExtraIncluded     int
	ExtraParticipants int
	ExtraDebates      int
}

// Validate checks the officer's figures: counts from 0 to a million,
// texts of bounded length.
func (in TransparencyInput) Validate() (TransparencyInput, error) {
	var es agora.Errs
	for field, n := range map[string]int{"court_cases": in.CourtCases, "closed_meetings": in.ClosedMeetings,
		"extra_received": in.ExtraReceived, "extra_included": in.ExtraIncluded, "extra_participants": in.ExtraParticipants,
		"extra_debates": in.ExtraDebates} {
		if n < 0 || n > 1_000_000 {
			es.Add(field, "consultation_answer.error.count_range", map[string]any{"max": 1_000_000})
		}
	}
	if in.ExtraIncluded > in.ExtraReceived {
		es.Add("extra_included", "consultation_answer.error.included_exceeds", nil)
	}
	in.Assessment = agora.ValidateText(&es, "assessment", in.Assessment, 0, 20000, true)
	in.ClosedReasons = agora.ValidateText(&es, "closed_reasons", in.ClosedReasons, 0, 20000, true)
	return in, es.Err()
}

// TransparencyReport is an authority's yearly report: the figures the
// data gives and what the officer entered (zero until saved).
type TransparencyReport struct {
	OrgID       string
	Year        int
	Computed    TransparencyFigures
	Entered     TransparencyInput
	Saved       bool
	PublishedAt *time.Time
	UpdatedAt   time.Time
}

// Transparency computes the yearly report of authority orgID for year,
// whose days run from from (inclusive) to to (exclusive) in the
// authority's zone, and joins what an officer entered. Four statements
// in one snapshot.
func (s *Store) Transparency(ctx context.Context, orgID string, year int, from, to time.Time) (TransparencyReport, error) {
	r := TransparencyReport{OrgID: orgID, Year: year}
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		from, to := from.UTC(), to.UTC()
		f := &r.Computed
		err = tx.QueryRowContext(ctx, `SELECT COUNT(*),
			COALESCE(SUM(CASE WHEN a.status IN ('accepted', 'partly') AND c.state IN ('answered', 'reported') THEN 1 ELSE 0 END), 0)
			FROM comments m JOIN consultations c ON c.id = m.consultation_id
			LEFT JOIN consultation_answers a ON a.id = m.answer_id
			WHERE c.org_id = $1 AND m.hidden = FALSE AND m.submitted_at >= $2 AND m.submitted_at < $3`,
			orgID, from, to).Scan(&f.Received, &f.Included)
		if err != nil {
			return fmt.Errorf("store: transparency comments: %w", err)
		}
		err = tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN state = 'published' THEN 1 ELSE 0 END), 0)
			FROM consultations WHERE org_id = $1 AND state <> 'draft' AND published_at >= $2 AND published_at < $3`,
			orgID, from, to).Scan(&f.Consultations, &f.AnsweredPending)
		if err != nil {
			return fmt.Errorf("store: transparency consultations: %w", err)
		}
		if f.Debates, f.Participants, f.ClosedDebates, err = transparencyDebates(ctx, tx, orgID, from, to); err != nil {
			return err
		}
		var published sql.NullTime
		e := &r.Entered
		err = tx.QueryRowContext(ctx, `SELECT court_cases, assessment, closed_meetings, closed_reasons, extra_received,
			extra_included, extra_participants, extra_debates, published_at, updated_at
			FROM transparency_reports WHERE org_id = $1 AND year = $2`, orgID, year).Scan(&e.CourtCases, &e.Assessment,
			&e.ClosedMeetings, &e.ClosedReasons, &e.ExtraReceived, &e.ExtraIncluded, &e.ExtraParticipants, &e.ExtraDebates,
			&published, &r.UpdatedAt)
		switch {
		case errors.Is(err, sql.ErrNoRows):
			return nil
		case err != nil:
			return fmt.Errorf("store: transparency report: %w", err)
		}
		r.Saved, r.PublishedAt, r.UpdatedAt = true, optTime(published), r.UpdatedAt.UTC()
		return nil
	})
	return r, err
}

// transparencyDebates counts the public debates held in the window (up
// to now: a debate announced for next month was not held yet) with their
// participants, and lists the meetings closed to the public.
func transparencyDebates(ctx context.Context, tx *Tx, orgID string, from, to time.Time) (held, participants int, closed []ClosedDebate, err error) {
	rows, err := tx.QueryContext(ctx, `SELECT d.starts_at, d.participants, d.closed, d.closed_reason, c.title
		FROM debates d JOIN consultations c ON c.id = d.consultation_id
		WHERE c.org_id = $1 AND d.starts_at >= $2 AND d.starts_at < $3 AND d.starts_at <= $4
		ORDER BY d.starts_at, d.id`, orgID, from, to, tx.Now)
	if err != nil {
		return 0, 0, nil, fmt.Errorf("store: transparency debates: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var d ClosedDebate
		var n int
		var isClosed bool
		if err := rows.Scan(&d.StartsAt, &n, &isClosed, &d.Reason, &d.ConsultationTitle); err != nil {
			return 0, 0, nil, fmt.Errorf("store: transparency debates: %w", err)
		}
		if isClosed {
			d.StartsAt = d.StartsAt.UTC()
			closed = append(closed, d)
			continue
		}
		held++
		participants += n
	}
	return held, participants, closed, rows.Err()
}

// SaveTransparency stores what an officer entered in the yearly report
// of authority orgID; publish also makes those entries public (the
// computed figures are public from the start). Invalid on the fields.
func (s *Store) SaveTransparency(ctx context.Context, actorID, orgID string, year int, in TransparencyInput, publish bool) error {
	in, err := in.Validate()
	if err != nil {
		return err
	}
	if year < 2000 || year > 2200 {
		return agora.FieldError("year", "field.invalid_number", nil)
	}
	return s.write(ctx, func(tx *Tx) error {
		var published any
		if publish {
			published = tx.Now
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO transparency_reports (org_id, year, court_cases, closed_meetings, closed_reasons,
			assessment, extra_received, extra_included, extra_participants, extra_debates, published_at, updated_by, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)
			ON CONFLICT (org_id, year) DO UPDATE SET court_cases = excluded.court_cases, closed_meetings = excluded.closed_meetings,
			closed_reasons = excluded.closed_reasons, assessment = excluded.assessment, extra_received = excluded.extra_received,
			extra_included = excluded.extra_included, extra_participants = excluded.extra_participants,
			extra_debates = excluded.extra_debates,
			published_at = COALESCE(transparency_reports.published_at, excluded.published_at),
			updated_by = excluded.updated_by, updated_at = excluded.updated_at`,
			orgID, year, in.CourtCases, in.ClosedMeetings, in.ClosedReasons, in.Assessment, in.ExtraReceived, in.ExtraIncluded,
			in.ExtraParticipants, in.ExtraDebates, published, actorID, tx.Now)
		if err != nil {
			return fmt.Errorf("store: save transparency: %w", err)
		}
		action := "consultation_answer.audit.save_transparency"
		if publish {
			action = "consultation_answer.audit.publish_transparency"
		}
		return appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: orgID, Action: action,
			TargetKind: "transparency_report", TargetID: orgID, Details: map[string]string{"year": fmt.Sprint(year)}})
	})
}
