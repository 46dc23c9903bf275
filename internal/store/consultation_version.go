package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"
	"strconv"

	"github.com/agora-civic/agora"
)

// UnitMatch pairs a unit of one version with its counterpart in the next
// (the store's mirror of redline.Match, which it may not import). Status
// is one of same, changed, renumbered, moved, vanished (NewKey "") and
// added (OldKey "").
type UnitMatch struct {
	OldKey, NewKey string
	Status         string
}

// Carry statuses, as redline names them.
const (
	CarrySame       = "same"
	CarryChanged    = "changed"
	CarryRenumbered = "renumbered"
	CarryMoved      = "moved"
	CarryVanished   = "vanished"
	CarryAdded      = "added"
)

// NewVersion is the next version of a consultation's draft text.
type NewVersion struct {
	Note   string // what changed, shown to the public
	Format string // "text", "markdown", "akn"
	Units  []agora.Unit
	// Match pairs the units of the current version (prev) with Units; the
	// web layer passes redline.MatchUnits. It runs inside the transaction,
	// so the version it compares against cannot change underneath.
	Match func(prev, next []agora.Unit) []UnitMatch
}

// NewConsultationVersion records version n+1 of a published
// consultation's text. Every unit keeps the key of the unit it continues
// (prev_key) and how it changed (carry); every comment moves to the
// matching unit of the new version (current_key) with carry saying what
// happened to its unit since it was made ("vanished" and no current key
// when the unit is gone). Unit comment counts are recomputed, the
// revision grows, followers hear of it. Allowed after the deadline and
// after the answers or the report were published: that is what a second
// version is for.
//
// Invalid on the note or an empty text, Conflict
// ("consultation_answer.error.version_draft") for a draft, whose text is
// corrected in place, NotFound when there is no such consultation.
func (s *Store) NewConsultationVersion(ctx context.Context, actorID, id string, nv NewVersion) (agora.Consultation, error) {
	var es agora.Errs
	nv.Note = agora.ValidateText(&es, "note", nv.Note, 0, 5000, true)
	if err := es.Err(); err != nil {
		return agora.Consultation{}, err
	}
	var c agora.Consultation
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		if c, err = consultationTx(ctx, tx, id); err != nil {
			return err
		}
		if c.State == agora.ConsultationDraft {
			return agora.Errorf(agora.Conflict, "consultation_answer.error.version_draft")
		}
		prev, err := consultationUnitsTx(ctx, tx, id, c.Version)
		if err != nil {
			return err
		}
		prevUnits := make([]agora.Unit, len(prev))
		for i, u := range prev {
			prevUnits[i] = u.Unit
		}
		matches := nv.Match(prevUnits, nv.Units)
		next := c.Version + 1
		if err := insertMatchedVersion(ctx, tx, id, next, actorID, nv, matches); err != nil {
			return err
		}
		if err := carryComments(ctx, tx, id, matches); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE consultation_units SET comment_count = (SELECT COUNT(*) FROM comments m
			WHERE m.consultation_id = consultation_units.consultation_id AND m.current_key = consultation_units.unit_key)
			WHERE consultation_id = $1 AND version = $2`, id, next)
		if err != nil {
			return fmt.Errorf("store: recount units: %w", err)
		}
		_, err = tx.ExecContext(ctx, `UPDATE consultations SET version = $2, revision = revision + 1, updated_at = $3 WHERE id = $1`,
			id, next, tx.Now)
		if err != nil {
			return fmt.Errorf("store: consultation version: %w", err)
		}
		if err := enqueue(ctx, tx, JobConsultationEvent, ConsultationEvent{ConsultationID: id, Event: EventVersion,
			SubjectID: strconv.Itoa(next)}, EnqueueOptions{}); err != nil {
			return err
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: c.OrgID, Action: auditNewVersion,
			TargetKind: "consultation", TargetID: id, Details: map[string]string{"version": strconv.Itoa(next)}}); err != nil {
			return err
		}
		c, err = consultationTx(ctx, tx, id)
		return err
	})
	return c, err
}

// insertMatchedVersion writes version n with each unit's predecessor.
func insertMatchedVersion(ctx context.Context, tx *Tx, id string, n int, actorID string, nv NewVersion, matches []UnitMatch) error {
	if len(nv.Units) == 0 {
		return agora.FieldError("text", "consultation.error.no_units", nil)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO consultation_versions (consultation_id, version, note, source_format, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6)`, id, n, nv.Note, nv.Format, actorID, tx.Now)
	if err != nil {
		return fmt.Errorf("store: consultation version: %w", err)
	}
	byNew := make(map[string]UnitMatch, len(matches))
	for _, m := range matches {
		if m.NewKey != "" {
			byNew[m.NewKey] = m
		}
	}
	rows := make([]ConsultationUnit, len(nv.Units))
	for i, u := range nv.Units {
		m, ok := byNew[u.Key]
		if !ok {
			m = UnitMatch{Status: CarryAdded}
		}
		rows[i] = ConsultationUnit{Unit: u, PrevKey: m.OldKey, Carry: m.Status}
	}
	return insertUnits(ctx, tx, id, n, rows)
}

// carryComments moves every comment on a unit of the current version to
// its counterpart in the next. The new places are computed first and
// written by groups, so a chain of renumberings (art. 2 → 3, art. 3 → 4)
// never moves a comment twice.
func carryComments(ctx context.Context, tx *Tx, id string, matches []UnitMatch) error {
	byOld := make(map[string]UnitMatch, len(matches))
	for _, m := range matches {
		if m.OldKey != "" {
			byOld[m.OldKey] = m
		}
	}
	rows, err := tx.QueryContext(ctx, `SELECT id, current_key, carry FROM comments WHERE consultation_id = $1 AND current_key <> ''`, id)
	if err != nil {
		return fmt.Errorf("store: carry comments: %w", err)
	}
	type place struct{ key, carry string }
	groups := map[place][]string{}
	for rows.Next() {
		var cid, key, carry string
		if err := rows.Scan(&cid, &key, &carry); err != nil {
			rows.Close()
			return fmt.Errorf("store: carry comments: %w", err)
		}
		m, ok := byOld[key]
		if !ok {
			m = UnitMatch{OldKey: key, Status: CarryVanished}
		}
		p := place{m.NewKey, ComposeCarry(carry, m.Status)}
		groups[p] = append(groups[p], cid)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: carry comments: %w", err)
	}
	places := make([]place, 0, len(groups))
	for p := range groups {
		places = append(places, p)
	}
	slices.SortFunc(places, func(a, b place) int { return cmp.Or(cmp.Compare(a.key, b.key), cmp.Compare(a.carry, b.carry)) })
	for _, p := range places {
		for _, chunk := range chunks(groups[p], 500) {
			ph, args := inList(3, chunk)
			_, err := tx.ExecContext(ctx, `UPDATE comments SET current_key = $1, carry = $2 WHERE id IN (`+ph+`)`,
				append([]any{p.key, p.carry}, args...)...)
			if err != nil {
				return fmt.Errorf("store: carry comments: %w", err)
			}
		}
	}
	return nil
}

// carryRank orders what can happen to a unit by how much a reader of an
// old comment needs to know it: a comment whose unit vanished says so
// whatever happened before, and one renumbered then edited stays
// renumbered (its page shows the edit as a redline anyway).
var carryRank = map[string]int{"": 0, CarrySame: 1, CarryChanged: 2, CarryRenumbered: 3, CarryMoved: 4, CarryVanished: 5}

// ComposeCarry is what happened to a comment's unit over two steps: the
// carry it had, then status.
func ComposeCarry(had, status string) string {
	if carryRank[status] >= carryRank[had] {
		return status
	}
	return had
}

// UnitChange is a unit of one version beside the unit it continues.
type UnitChange struct {
	Version int
	// Unit is the unit in Version; nil when it vanished in Version (then
	// Prev is the unit of the previous version that has no successor).
	Unit *ConsultationUnit
	// Prev is the unit of Version-1 that Unit continues; nil for version
	// 1 and for an added unit.
	Prev *ConsultationUnit
	// Comments are the recommendations that sit on Unit in Version, made
	// on it or carried to it from earlier versions (for a vanished unit:
	// the ones that vanished with it).
	Comments []agora.Comment
}

// UnitChanges loads unit key of version (0: the current version) with
// its predecessor and the comments that sit on it. NotFound when neither
// the version nor the previous one has such a unit.
func (s *Store) UnitChanges(ctx context.Context, id, key string, version int) (agora.Consultation, UnitChange, error) {
	var c agora.Consultation
	var ch UnitChange
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if c, err = consultationTx(ctx, tx, id); err != nil {
			return err
		}
		if version <= 0 {
			version = c.Version
		}
		if version > c.Version {
			return agora.Errorf(agora.NotFound, "consultation_answer.error.version_not_found")
		}
		units, err := allUnitsTx(ctx, tx, id)
		if err != nil {
			return err
		}
		ch = UnitChange{Version: version}
		find := func(v int, match func(ConsultationUnit) bool) *ConsultationUnit {
			for i := range units[v] {
				if match(units[v][i]) {
					return &units[v][i]
				}
			}
			return nil
		}
		ch.Unit = find(version, func(u ConsultationUnit) bool { return u.Key == key })
		switch {
		case ch.Unit != nil && ch.Unit.PrevKey != "":
			ch.Prev = find(version-1, func(u ConsultationUnit) bool { return u.Key == ch.Unit.PrevKey })
		case ch.Unit == nil:
			ch.Prev = find(version-1, func(u ConsultationUnit) bool { return u.Key == key })
			if ch.Prev == nil || find(version, func(u ConsultationUnit) bool { return u.PrevKey == key }) != nil {
				return agora.Errorf(agora.NotFound, "consultation.error.unknown_unit")
			}
		}
		comments, err := commentsTx(ctx, tx, CommentFilter{ConsultationID: id})
		if err != nil {
			return err
		}
		succ := successors(units)
		for _, cm := range comments {
			at, ok := TraceUnit(succ, cm.Version, cm.UnitKey, version)
			if ch.Unit != nil && ok && at == key || ch.Unit == nil && !ok && at == key {
				ch.Comments = append(ch.Comments, cm)
			}
		}
		return nil
	})
	return c, ch, err
}

// UnitSuccessors maps, per version n > 1, each key of version n-1 to the
// key of the unit that continues it in version n.
type UnitSuccessors map[int]map[string]string

func successors(units map[int][]ConsultationUnit) UnitSuccessors {
	out := UnitSuccessors{}
	for v, us := range units {
		m := map[string]string{}
		for _, u := range us {
			if u.PrevKey != "" {
				m[u.PrevKey] = u.Key
			}
		}
		out[v] = m
	}
	return out
}

// TraceUnit follows a unit made in version from through the versions up
// to version to. It returns the unit's key in version to and true, or,
// when the unit vanished on the way, the last key it had and false.
// Whole-draft comments (key "") stay "" and true.
func TraceUnit(succ UnitSuccessors, from int, key string, to int) (string, bool) {
	if key == "" || from > to {
		return key, from <= to
	}
	for v := from + 1; v <= to; v++ {
		next, ok := succ[v][key]
		if !ok {
			return key, false
		}
		key = next
	}
	return key, true
}

// Successors returns the successor map of a record's units, for tracing
// comments made on earlier versions.
func (r ConsultationRecord) Successors() UnitSuccessors { return successors(r.Units) }
