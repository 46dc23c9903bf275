package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
)

// LawLink is a relation with the act at its other end: the target for
// Relations (ActID and Title empty when that act is not imported yet),
// the citing act for Backlinks.
type LawLink struct {
	agora.ActRelation
	ActID  string
	ActKey string
	Title  string
}

// RecordRelations replaces the relations of the given kinds that start in
// act actID with rels (FromAct is set from actID). The citation parser
// uses it to re-link stored acts without making new versions. Invalid
// ("law.error.relation") for an unknown kind or a malformed target key;
// NotFound ("law.error.not_found") for an unknown act.
func (s *Store) RecordRelations(ctx context.Context, actID string, kinds []agora.RelationKind, rels []agora.ActRelation) error {
	for _, r := range rels {
		if !r.Kind.Valid() || !inKinds(kinds, r.Kind) {
			return relationError(r)
		}
		if _, err := agora.ParseActKey(r.ToActKey); err != nil {
			return relationError(r)
		}
	}
	return s.write(ctx, func(tx *Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM law_acts WHERE id = $1`, actID).Scan(&one); err != nil {
			return notFound(err, "law.error.not_found")
		}
		return replaceRelations(ctx, tx, actID, kinds, rels)
	})
}

func relationError(r agora.ActRelation) error {
	e := agora.Errorf(agora.Invalid, "law.error.relation")
	e.Args = map[string]any{"key": r.ToActKey, "kind": string(r.Kind)}
	return e
}

func inKinds(kinds []agora.RelationKind, k agora.RelationKind) bool {
	if kinds == nil {
		return true
	}
	for _, x := range kinds {
		if x == k {
			return true
		}
	}
	return false
}

// replaceRelations deletes the act's relations of kinds (all when nil)
// and inserts rels; duplicates collapse into one row.
func replaceRelations(ctx context.Context, tx *Tx, actID string, kinds []agora.RelationKind, rels []agora.ActRelation) error {
	q, args := `DELETE FROM law_relations WHERE from_act = $1`, []any{actID}
	if kinds != nil {
		ph := make([]string, len(kinds))
		for i, k := range kinds {
			args = append(args, string(k))
			ph[i] = "$" + strconv.Itoa(i+2)
		}
		q += ` AND kind IN (` + strings.Join(ph, ", ") + `)`
	}
	if _, err := tx.ExecContext(ctx, q, args...); err != nil {
		return fmt.Errorf("store: delete law relations: %w", err)
	}
	for start := 0; start < len(rels); start += 200 {
		chunk := rels[start:min(len(rels), start+200)]
		var b strings.Builder
		b.WriteString(`INSERT INTO law_relations (from_act, from_unit, to_act_key, to_unit, kind, raw) VALUES `)
		args = args[:0]
		for i, r := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			n := len(args)
			fmt.Fprintf(&b, "($%d, $%d, $%d, $%d, $%d, $%d)", n+1, n+2, n+3, n+4, n+5, n+6)
			args = append(args, actID, r.FromUnit, r.ToActKey, r.ToUnit, string(r.Kind), r.Raw)
		}
		b.WriteString(` ON CONFLICT (from_act, from_unit, to_act_key, to_unit, kind) DO NOTHING`)
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("store: insert law relations: %w", err)
		}
	}
	return nil
}

// Relations returns what act actID refers to, from the whole act
// (unitKey "") or from one unit and the units inside it, in unit and
// target order.
func (s *Store) Relations(ctx context.Context, actID, unitKey string) ([]LawLink, error) {
	q := `SELECT r.from_act, r.from_unit, r.to_act_key, r.to_unit, r.kind, r.raw, COALESCE(a.id, ''), r.to_act_key, COALESCE(a.title, '')
		FROM law_relations r LEFT JOIN law_acts a ON a.act_key = r.to_act_key WHERE r.from_act = $1`
	args := []any{actID}
	if unitKey != "" {
		q += ` AND (r.from_unit = $2 OR r.from_unit LIKE $3 ESCAPE '\')`
		args = append(args, unitKey, likePrefix(unitKey))
	}
	return s.lawLinks(ctx, q+` ORDER BY r.from_unit, r.to_act_key, r.to_unit, r.kind`, args)
}

// Backlinks returns the relations that point at the act with key actKey,
// or at one of its units (a citation of "art-7.par-2" is a backlink of
// "art-7" too), with the citing act, newest citing acts first.
func (s *Store) Backlinks(ctx context.Context, actKey, unitKey string) ([]LawLink, error) {
	q := `SELECT r.from_act, r.from_unit, r.to_act_key, r.to_unit, r.kind, r.raw, a.id, a.act_key, a.title
		FROM law_relations r JOIN law_acts a ON a.id = r.from_act WHERE r.to_act_key = $1`
	args := []any{actKey}
	if unitKey != "" {
		q += ` AND (r.to_unit = $2 OR r.to_unit LIKE $3 ESCAPE '\')`
		args = append(args, unitKey, likePrefix(unitKey))
	}
	return s.lawLinks(ctx, q+` ORDER BY a.year DESC, a.act_key, r.from_unit, r.to_unit, r.kind`, args)
}

// likePrefix matches the keys of units inside key; unit keys hold only
// letters, digits, '-', '_' and '.', so only '_' needs escaping.
func likePrefix(key string) string {
	return strings.ReplaceAll(key, "_", `\_`) + `.%`
}

func (s *Store) lawLinks(ctx context.Context, q string, args []any) ([]LawLink, error) {
	var out []LawLink
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store: law links: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var l LawLink
			var kind string
			if err := rows.Scan(&l.FromAct, &l.FromUnit, &l.ToActKey, &l.ToUnit, &kind, &l.Raw, &l.ActID, &l.ActKey, &l.Title); err != nil {
				return err
			}
			l.Kind = agora.RelationKind(kind)
			out = append(out, l)
		}
		return rows.Err()
	})
	return out, err
}
