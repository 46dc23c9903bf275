package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// Follow is one thing a person follows, with a name to show for it: the
// consultation's title or the authority's name; domains are named by the
// caller in the reader's language.
type Follow struct {
	Kind      agora.FollowTarget
	TargetID  string
	Name      string
	CreatedAt time.Time
}

// FollowKey is the key of a follow in the set Following returns.
func FollowKey(kind agora.FollowTarget, id string) string { return string(kind) + ":" + id }

// Follow makes userID follow a consultation, an authority or a domain.
// Following twice is not an error. NotFound when the target does not
// exist, is a draft consultation (drafts cannot be discovered this way)
// or is an organisation that is not a public authority; Invalid
// ("target_kind") for an unknown kind.
func (s *Store) Follow(ctx context.Context, userID string, kind agora.FollowTarget, targetID string) error {
	return s.writeQuiet(ctx, func(tx *Tx) error {
		if err := checkFollowTarget(ctx, tx, kind, targetID); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO follows (user_id, target_kind, target_id, created_at) VALUES ($1, $2, $3, $4)
			ON CONFLICT (user_id, target_kind, target_id) DO NOTHING`, userID, string(kind), targetID, tx.Now)
		if err != nil {
			return fmt.Errorf("store: follow: %w", err)
		}
		return nil
	})
}

func checkFollowTarget(ctx context.Context, tx *Tx, kind agora.FollowTarget, id string) error {
	var q string
	switch kind {
	case agora.FollowConsultation:
		q = `SELECT COUNT(*) FROM consultations WHERE id = $1 AND state <> 'draft'`
	case agora.FollowOrg:
		q = `SELECT COUNT(*) FROM organisations WHERE id = $1 AND kind = '` + string(agora.OrgPublicAuthority) + `'`
	case agora.FollowDomain:
		q = `SELECT COUNT(*) FROM domains WHERE slug = $1`
	default:
		return agora.FieldError("target_kind", "field.invalid_choice", nil)
	}
	var n int
	if err := tx.QueryRowContext(ctx, q, id).Scan(&n); err != nil {
		return fmt.Errorf("store: follow target: %w", err)
	}
	if n == 0 {
		return agora.Errorf(agora.NotFound, "error.not_found")
	}
	return nil
}

// Unfollow stops a follow; stopping one that does not exist is not an error.
func (s *Store) Unfollow(ctx context.Context, userID string, kind agora.FollowTarget, targetID string) error {
	return s.writeQuiet(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `DELETE FROM follows WHERE user_id = $1 AND target_kind = $2 AND target_id = $3`,
			userID, string(kind), targetID)
		if err != nil {
			return fmt.Errorf("store: unfollow: %w", err)
		}
		return nil
	})
}

// Follows lists what userID follows, newest first, with the title of
// each consultation and the name of each authority.
func (s *Store) Follows(ctx context.Context, userID string) ([]Follow, error) {
	var out []Follow
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT f.target_kind, f.target_id, f.created_at,
			COALESCE(c.title, o.name, '')
			FROM follows f
			LEFT JOIN consultations c ON f.target_kind = 'consultation' AND c.id = f.target_id
			LEFT JOIN organisations o ON f.target_kind = 'org' AND o.id = f.target_id
			WHERE f.user_id = $1 ORDER BY f.created_at DESC, f.target_kind, f.target_id`, userID)
		if err != nil {
			return fmt.Errorf("store: follows: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var f Follow
			var kind string
			if err := rows.Scan(&kind, &f.TargetID, &f.CreatedAt, &f.Name); err != nil {
				return err
			}
			f.Kind, f.CreatedAt = agora.FollowTarget(kind), f.CreatedAt.UTC()
			out = append(out, f)
		}
		return rows.Err()
	})
	return out, err
}

// Following returns the set of userID's follows as FollowKey strings, so
// a page can show "follow" or "unfollow" on each of its items in one read.
func (s *Store) Following(ctx context.Context, userID string) (map[string]bool, error) {
	set := map[string]bool{}
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT target_kind, target_id FROM follows WHERE user_id = $1`, userID)
		if err != nil {
			return fmt.Errorf("store: following: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var kind, id string
			if err := rows.Scan(&kind, &id); err != nil {
				return err
			}
			set[FollowKey(agora.FollowTarget(kind), id)] = true
		}
		return rows.Err()
	})
	return set, err
}

// NotifyMode returns how userID wants to hear about what they follow:
// immediate unless they chose otherwise.
func (s *Store) NotifyMode(ctx context.Context, userID string) (agora.NotifyMode, error) {
	mode := agora.NotifyImmediate
	err := s.read(ctx, func(tx *Tx) error {
		var m string
		err := tx.QueryRowContext(ctx, `SELECT mode FROM notification_prefs WHERE user_id = $1`, userID).Scan(&m)
		if err == nil {
			mode = agora.NotifyMode(m)
		}
		if errors.Is(err, sql.ErrNoRows) {
			return nil
		}
		return err
	})
	return mode, err
}

// ValidNotifyMode reports whether m is one of the three modes.
func ValidNotifyMode(m agora.NotifyMode) bool {
	return m == agora.NotifyImmediate || m == agora.NotifyDigest || m == agora.NotifyOff
}

// SetNotifyMode records userID's choice. Invalid ("mode") for an unknown
// mode. A digest covers only notifications made after the choice, so
// switching from "off" to "digest" does not mail months of old news.
func (s *Store) SetNotifyMode(ctx context.Context, userID string, mode agora.NotifyMode) error {
	if !ValidNotifyMode(mode) {
		return agora.FieldError("mode", "field.invalid_choice", nil)
	}
	return s.writeQuiet(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO notification_prefs (user_id, mode, updated_at) VALUES ($1, $2, $3)
			ON CONFLICT (user_id) DO UPDATE SET mode = excluded.mode, updated_at = excluded.updated_at
			WHERE notification_prefs.mode <> excluded.mode`, userID, string(mode), tx.Now)
		if err != nil {
			return fmt.Errorf("store: notification mode: %w", err)
		}
		return nil
	})
}
