package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"github.com/agora-civic/agora"
)

// Audit actions of public debates; each is its own catalogue key.
const (
	auditDebateRequest  = "consultation_debate.audit.request"
	auditDebateSchedule = "consultation_debate.audit.schedule"
	auditDebateMinutes  = "consultation_debate.audit.minutes"
)

// NewDebateRequest is an organisation's written request for a public
// debate (RO Law 52/2003 art. 8: the debate is then mandatory).
type NewDebateRequest struct {
	ConsultationID string
	OrgID          string
	UserID         string
	Reason         string
	// AdoptionStarts is the first instant of the consultation's earliest
	// adoption day in its country: a debate asked for after that comes
	// too late to change the draft. Zero means no limit.
	AdoptionStarts time.Time
	// Mail composes the notice each verified officer of the authority
	// receives, in that officer's language.
	Mail func(officer agora.User, r agora.DebateRequest) agora.Email
}

// RequestDebate records an organisation's request, counts it on the
// consultation and emails the authority's verified officers. Errors:
// Invalid (reason) for a missing or too long reason; Forbidden when the
// user is not a member of the organisation; Conflict
// consultation_debate.error.not_open while the consultation is not
// published or once its adoption day has come, and
// consultation_debate.error.already_requested when the organisation has
// asked already; NotFound for an unknown consultation.
func (s *Store) RequestDebate(ctx context.Context, in NewDebateRequest) (agora.DebateRequest, error) {
	var out agora.DebateRequest
	var es agora.Errs
	in.Reason = agora.ValidateText(&es, "reason", in.Reason, 10, 5000, true)
	if err := es.Err(); err != nil {
		return out, err
	}
	err := s.write(ctx, func(tx *Tx) error {
		c, err := consultationTx(ctx, tx, in.ConsultationID)
		if err != nil {
			return err
		}
		if c.State != agora.ConsultationPublished || (!in.AdoptionStarts.IsZero() && !tx.Now.Before(in.AdoptionStarts)) {
			return agora.Errorf(agora.Conflict, "consultation_debate.error.not_open")
		}
		var orgName string
		err = tx.QueryRowContext(ctx, `SELECT o.name FROM memberships m JOIN organisations o ON o.id = m.org_id
			WHERE m.org_id = $1 AND m.user_id = $2`, in.OrgID, in.UserID).Scan(&orgName)
		if err != nil {
			return notFoundAs(err, agora.Forbidden, "consultation_debate.error.not_member")
		}
		out = agora.DebateRequest{ID: agora.NewID(), ConsultationID: c.ID, OrgID: in.OrgID, OrgName: orgName,
			RequestedBy: in.UserID, Reason: in.Reason, CreatedAt: tx.Now}
		// ON CONFLICT rather than a unique violation: PostgreSQL would
		// abort the whole transaction on one.
		res, err := tx.ExecContext(ctx, `INSERT INTO debate_requests (id, consultation_id, org_id, requested_by, reason, created_at)
			VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT (consultation_id, org_id) DO NOTHING`,
			out.ID, out.ConsultationID, out.OrgID, out.RequestedBy, out.Reason, out.CreatedAt)
		if err != nil {
			return fmt.Errorf("store: debate request: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return agora.Errorf(agora.Conflict, "consultation_debate.error.already_requested")
		}
		if _, err := tx.ExecContext(ctx, `UPDATE consultations SET debate_requests = debate_requests + 1 WHERE id = $1`, c.ID); err != nil {
			return fmt.Errorf("store: debate request count: %w", err)
		}
		if in.Mail != nil {
			officers, err := officersTx(ctx, tx, c.OrgID)
			if err != nil {
				return err
			}
			for _, o := range officers {
				if err := enqueueEmail(ctx, tx, in.Mail(o, out)); err != nil {
					return err
				}
			}
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: in.UserID, OrgID: in.OrgID, Action: auditDebateRequest,
			TargetKind: "consultation", TargetID: c.ID, Details: map[string]string{"request": out.ID}}); err != nil {
			return err
		}
		return bumpRevision(ctx, tx, c.ID)
	})
	return out, err
}

// notFoundAs turns sql.ErrNoRows into an error of kind k.
func notFoundAs(err error, k agora.Kind, key string) error {
	if e := notFound(err, key); e != err {
		return agora.Errorf(k, key).Wrap(err)
	}
	return err
}

// officersTx lists the verified officers of an authority.
func officersTx(ctx context.Context, tx *Tx, orgID string) ([]agora.User, error) {
	rows, err := tx.QueryContext(ctx, `SELECT user_id FROM memberships WHERE org_id = $1 AND role = $2 AND verified_at IS NOT NULL
		ORDER BY user_id`, orgID, string(agora.OrgOfficer))
	if err != nil {
		return nil, fmt.Errorf("store: officers: %w", err)
	}
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return nil, fmt.Errorf("store: officers: %w", err)
		}
		ids = append(ids, id)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make([]agora.User, 0, len(ids))
	for _, id := range ids {
		u, err := userByID(ctx, tx, id)
		if err != nil {
			return nil, err
		}
		if u.DisabledAt == nil {
			out = append(out, u)
		}
	}
	return out, nil
}

// DebateRequests lists the organisations' requests for a public debate
// on a consultation, oldest first, with the organisations' names.
func (s *Store) DebateRequests(ctx context.Context, consultationID string) ([]agora.DebateRequest, error) {
	var out []agora.DebateRequest
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT r.id, r.consultation_id, r.org_id, o.name, r.requested_by, r.reason, r.created_at
			FROM debate_requests r JOIN organisations o ON o.id = r.org_id
			WHERE r.consultation_id = $1 ORDER BY r.created_at, r.id`, consultationID)
		if err != nil {
			return fmt.Errorf("store: debate requests: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var r agora.DebateRequest
			if err := rows.Scan(&r.ID, &r.ConsultationID, &r.OrgID, &r.OrgName, &r.RequestedBy, &r.Reason, &r.CreatedAt); err != nil {
				return fmt.Errorf("store: debate requests: %w", err)
			}
			r.CreatedAt = r.CreatedAt.UTC()
			out = append(out, r)
		}
		return rows.Err()
	})
	return out, err
}

// Debates lists the public debates of a consultation in date order, with
// their registration counts.
func (s *Store) Debates(ctx context.Context, consultationID string) ([]agora.Debate, error) {
	var out []agora.Debate
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = debatesTx(ctx, tx, consultationID)
		return err
	})
	return out, err
}

// debateIDList cleans the comment ids to link, refusing too many.
func debateIDList(ids []string) ([]string, error) {
	const maxLinked = 500
	if len(ids) > maxLinked {
		return nil, agora.FieldError("comments", "field.too_many", map[string]any{"max": maxLinked})
	}
	seen := map[string]bool{}
	out := make([]string, 0, len(ids))
	for _, id := range ids {
		id = strings.TrimSpace(id)
		if id == "" || seen[id] {
			continue
		}
		if !agora.ValidID(id) {
			return nil, agora.FieldError("comments", "field.invalid_choice", nil)
		}
		seen[id] = true
		out = append(out, id)
	}
	return out, nil
}

// LinkDebateComments marks the recommendations raised at debate debateID
// (registered by an officer with source "debate"): the minutes page lists
// them and the report can say where they came from. Comments of other
// consultations are refused (Invalid comments); NotFound for an unknown
// debate. Linking again is harmless.
func (s *Store) LinkDebateComments(ctx context.Context, debateID string, commentIDs []string) error {
	ids, err := debateIDList(commentIDs)
	if err != nil || len(ids) == 0 {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		var consultationID string
		err := tx.QueryRowContext(ctx, `SELECT consultation_id FROM debates WHERE id = $1`, debateID).Scan(&consultationID)
		if err != nil {
			return notFound(err, "consultation_debate.error.not_found")
		}
		if err := linkDebateCommentsTx(ctx, tx, consultationID, debateID, ids); err != nil {
			return err
		}
		return bumpRevision(ctx, tx, consultationID)
	})
}

// linkDebateCommentsTx sets the debate of the comments ids, all of which
// must belong to the consultation.
func linkDebateCommentsTx(ctx context.Context, tx *Tx, consultationID, debateID string, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	ph, args := inList(3, ids)
	res, err := tx.ExecContext(ctx, `UPDATE comments SET debate_id = $1 WHERE consultation_id = $2 AND id IN (`+ph+`)`,
		append([]any{debateID, consultationID}, args...)...)
	if err != nil {
		return fmt.Errorf("store: link debate comments: %w", err)
	}
	if n, _ := res.RowsAffected(); int(n) != len(ids) {
		return agora.FieldError("comments", "field.invalid_choice", nil)
	}
	return nil
}
