package store

import (
	"context"
	"time"

	"github.com/agora-civic/agora"
)

// AddDebateForTest records a debate directly, so the transparency tests
// need not go through the debate workflow of another part of the store.
func (s *Store) AddDebateForTest(ctx context.Context, consultationID, createdBy string, startsAt time.Time, participants int, closed bool, reason string) error {
	return s.write(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO debates (id, consultation_id, starts_at, announced_at, participants, closed, closed_reason,
			created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $4, $4)`,
			agora.NewID(), consultationID, startsAt.UTC(), tx.Now, participants, closed, reason, createdBy)
		return err
	})
}
