package store

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/agora-civic/agora"
)

// Audit actions of the answer workflow; each is its own catalogue key.
const (
	auditPublishAnswers = "consultation_answer.audit.publish_answers"
	auditPublishReport  = "consultation_answer.audit.publish_report"
	auditNewVersion     = "consultation_answer.audit.new_version"
)

// AnswerComments records one answer for the recommendations in
// in.CommentIDs: a single recommendation, or a group of similar ones
// answered once. A recommendation that already had an answer moves to
// the new one; an answer left without recommendations is deleted, so
// regrouping never leaves orphans. Answers stay private until
// PublishAnswers, and can be revised until then.
//
// Invalid (field errors of agora.AnswerInput.Validate; a rejection or
// partial acceptance needs a justification), NotFound when a comment is
// not in the consultation, Conflict when the answers are already
// published or the consultation is a draft.
func (s *Store) AnswerComments(ctx context.Context, actorID, consultationID string, in agora.AnswerInput) (agora.Answer, error) {
	in.CommentIDs = uniq(in.CommentIDs)
	in, err := in.Validate()
	if err != nil {
		return agora.Answer{}, err
	}
	var a agora.Answer
	err = s.writeQuiet(ctx, func(tx *Tx) error {
		if err := answersOpen(ctx, tx, consultationID); err != nil {
			return err
		}
		if err := commentsBelong(ctx, tx, consultationID, in.CommentIDs); err != nil {
			return err
		}
		a = agora.Answer{ID: agora.NewID(), ConsultationID: consultationID, Status: in.Status,
			Justification: in.Justification, AnsweredBy: actorID, AnsweredAt: tx.Now, CommentIDs: in.CommentIDs}
		_, err := tx.ExecContext(ctx, `INSERT INTO consultation_answers (id, consultation_id, status, justification, answered_by, answered_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, a.ID, consultationID, string(a.Status), a.Justification, actorID, tx.Now)
		if err != nil {
			return fmt.Errorf("store: insert answer: %w", err)
		}
		for _, chunk := range chunks(in.CommentIDs, 500) {
			ph, args := inList(2, chunk)
			args = append([]any{a.ID}, args...)
			if _, err := tx.ExecContext(ctx, `UPDATE comments SET answer_id = $1 WHERE id IN (`+ph+`)`, args...); err != nil {
				return fmt.Errorf("store: answer comments: %w", err)
			}
		}
		return dropOrphanAnswers(ctx, tx, consultationID)
	})
	return a, err
}

// ReviseAnswer changes the decision and justification of an existing
// answer, for every recommendation of its group. Same errors as
// AnswerComments; NotFound when the answer is not the consultation's.
func (s *Store) ReviseAnswer(ctx context.Context, actorID, consultationID, answerID string, in agora.AnswerInput) (agora.Answer, error) {
	var a agora.Answer
	err := s.writeQuiet(ctx, func(tx *Tx) error {
		if err := answersOpen(ctx, tx, consultationID); err != nil {
			return err
		}
		ids, err := answerCommentIDs(ctx, tx, consultationID, answerID)
		if err != nil {
			return err
		}
		in.CommentIDs = ids
		if in, err = in.Validate(); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE consultation_answers SET status = $2, justification = $3, answered_by = $4, answered_at = $5
			WHERE id = $1`, answerID, string(in.Status), in.Justification, actorID, tx.Now)
		if err != nil {
			return fmt.Errorf("store: revise answer: %w", err)
		}
		a = agora.Answer{ID: answerID, ConsultationID: consultationID, Status: in.Status, Justification: in.Justification,
			AnsweredBy: actorID, AnsweredAt: tx.Now, CommentIDs: ids}
		return nil
	})
	return a, err
}

// answersOpen refuses answers on a draft and after publication.
func answersOpen(ctx context.Context, tx *Tx, id string) error {
	var state string
	if err := tx.QueryRowContext(ctx, `SELECT state FROM consultations WHERE id = $1`, id).Scan(&state); err != nil {
		return notFound(err, "consultation.error.not_found")
	}
	switch agora.ConsultationState(state) {
	case agora.ConsultationPublished:
		return nil
	case agora.ConsultationDraft:
		return agora.Errorf(agora.Conflict, "consultation_answer.error.draft")
	}
	return agora.Errorf(agora.Conflict, "consultation_answer.error.already_published")
}

// commentsBelong checks that every id is a comment of the consultation.
func commentsBelong(ctx context.Context, tx *Tx, consultationID string, ids []string) error {
	found := 0
	for _, chunk := range chunks(ids, 500) {
		ph, args := inList(2, chunk)
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM comments WHERE consultation_id = $1 AND id IN (`+ph+`)`,
			append([]any{consultationID}, args...)...).Scan(&n)
		if err != nil {
			return fmt.Errorf("store: check comments: %w", err)
		}
		found += n
	}
	if found != len(ids) {
		return agora.FieldError("comments", "consultation.error.comment_not_found", nil)
	}
	return nil
}

func answerCommentIDs(ctx context.Context, tx *Tx, consultationID, answerID string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.id FROM comments m JOIN consultation_answers a ON a.id = m.answer_id
		WHERE a.id = $1 AND a.consultation_id = $2 ORDER BY m.submitted_at, m.id`, answerID, consultationID)
	if err != nil {
		return nil, fmt.Errorf("store: answer comments: %w", err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("store: answer comments: %w", err)
		}
		ids = append(ids, id)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	if len(ids) == 0 {
		return nil, agora.Errorf(agora.NotFound, "consultation_answer.error.answer_not_found")
	}
	return ids, nil
}

func dropOrphanAnswers(ctx context.Context, tx *Tx, consultationID string) error {
	_, err := tx.ExecContext(ctx, `DELETE FROM consultation_answers WHERE consultation_id = $1
		AND NOT EXISTS (SELECT 1 FROM comments m WHERE m.answer_id = consultation_answers.id)`, consultationID)
	if err != nil {
		return fmt.Errorf("store: drop orphan answers: %w", err)
	}
	return nil
}

// PublishAnswers makes the answers public: the consultation becomes
// answered, its followers hear of it, and the answers show on the unit
// pages. Refused (Conflict) while the comment period is still open at
// the transaction's clock ("consultation_answer.error.still_open", with
// the closing instant as "closed"), while any visible recommendation has
// no answer ("consultation_answer.error.unanswered", with "count"), and
// when the answers are already published.
func (s *Store) PublishAnswers(ctx context.Context, actorID, consultationID string) (agora.Consultation, error) {
	var c agora.Consultation
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		if c, err = consultationTx(ctx, tx, consultationID); err != nil {
			return err
		}
		if err := answersOpen(ctx, tx, consultationID); err != nil {
			return err
		}
		if !tx.Now.After(c.CommentsClose) {
			return &agora.Error{Kind: agora.Conflict, Key: "consultation_answer.error.still_open",
				Args: map[string]any{"closed": c.CommentsClose}}
		}
		var missing int
		err = tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM comments WHERE consultation_id = $1 AND hidden = FALSE AND answer_id IS NULL`,
			consultationID).Scan(&missing)
		if err != nil {
			return fmt.Errorf("store: unanswered comments: %w", err)
		}
		if missing > 0 {
			return &agora.Error{Kind: agora.Conflict, Key: "consultation_answer.error.unanswered", Args: map[string]any{"count": missing}}
		}
		_, err = tx.ExecContext(ctx, `UPDATE consultations SET state = 'answered', answered_at = $2, updated_at = $2,
			revision = revision + 1 WHERE id = $1`, consultationID, tx.Now)
		if err != nil {
			return fmt.Errorf("store: publish answers: %w", err)
		}
		if err := enqueue(ctx, tx, JobConsultationEvent, ConsultationEvent{ConsultationID: consultationID, Event: EventAnswered}, EnqueueOptions{}); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: c.OrgID, Action: auditPublishAnswers,
			TargetKind: "consultation", TargetID: consultationID}); err != nil {
			return err
		}
		c, err = consultationTx(ctx, tx, consultationID)
		return err
	})
	return c, err
}

// AnswersFor returns the answers of a consultation keyed by the id of
// each comment they answer, in one statement. Every answer is returned,
// published or not: pages show them to the public only once the
// consultation's AnsweredAt is set (officers may preview them before).
func (s *Store) AnswersFor(ctx context.Context, consultationID string) (map[string]agora.Answer, error) {
	var out map[string]agora.Answer
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = answersForTx(ctx, tx, consultationID)
		return err
	})
	return out, err
}

func answersForTx(ctx context.Context, tx *Tx, consultationID string) (map[string]agora.Answer, error) {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, a.id, a.status, a.justification, a.answered_by, a.answered_at
		FROM comments m JOIN consultation_answers a ON a.id = m.answer_id
		WHERE m.consultation_id = $1 ORDER BY m.submitted_at, m.id`, consultationID)
	if err != nil {
		return nil, fmt.Errorf("store: answers: %w", err)
	}
	defer rows.Close()
	byAnswer := map[string]*agora.Answer{}
	commentAnswer := map[string]string{}
	for rows.Next() {
		var commentID, answerID, status, justification, by string
		var at time.Time
		if err := rows.Scan(&commentID, &answerID, &status, &justification, &by, &at); err != nil {
			return nil, fmt.Errorf("store: answers: %w", err)
		}
		a := byAnswer[answerID]
		if a == nil {
			a = &agora.Answer{ID: answerID, ConsultationID: consultationID, Status: agora.AnswerStatus(status),
				Justification: justification, AnsweredBy: by, AnsweredAt: at.UTC()}
			byAnswer[answerID] = a
		}
		a.CommentIDs = append(a.CommentIDs, commentID)
		commentAnswer[commentID] = answerID
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make(map[string]agora.Answer, len(commentAnswer))
	for commentID, answerID := range commentAnswer {
		out[commentID] = *byAnswer[answerID]
	}
	return out, nil
}

// inList returns "$first, $first+1, …" for the values, and the values as
// arguments.
func inList(first int, vals []string) (string, []any) {
	ph := make([]string, len(vals))
	args := make([]any, len(vals))
	for i, v := range vals {
		ph[i] = fmt.Sprintf("$%d", first+i)
		args[i] = v
	}
	return strings.Join(ph, ", "), args
}

// chunks splits xs into slices of at most n, so IN lists stay well under
// the databases' limits on parameters.
func chunks(xs []string, n int) [][]string {
	var out [][]string
	for c := range slices.Chunk(xs, n) {
		out = append(out, c)
	}
	return out
}
