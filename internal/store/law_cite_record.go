package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/cite"
)

// citeKinds are the relation kinds RecordCitations owns: it replaces
// them and leaves amends and repeals alone.
var citeKinds = []agora.RelationKind{agora.RelationCites}

// citeChunk is how many acts RecordAllCitations reads and writes per
// pair of transactions: enough to amortise the statements, few enough
// that the single SQLite writer is never held for long.
const citeChunk = 200

// unitText is the part of a unit the citation finder reads.
type unitText struct {
	actID, key, text string
}

// RecordCitations finds the citations in the current version of act
// actID and stores them as its 'cites' relations (replacing the previous
// ones), so the cited acts and articles list it as a backlink. Citations
// of the act itself and relative ones ("art. 5 ust. 2") are left out; a
// Polish act cited by date is stored only when it resolves to exactly one
// imported act. It returns how many relations were stored. NotFound
// ("law.error.not_found") for an unknown act.
func (s *Store) RecordCitations(ctx context.Context, actID string) (int, error) {
	var rels []agora.ActRelation
	err := s.read(ctx, func(tx *Tx) error {
		r := newCiteResolver(tx)
		a, err := r.actByID(ctx, actID)
		if err != nil {
			return err
		}
		if a == nil {
			return agora.Errorf(agora.NotFound, "law.error.not_found")
		}
		units, err := currentUnitTexts(ctx, tx, []string{actID})
		if err != nil {
			return err
		}
		rels, err = r.relations(ctx, a.key, units)
		return err
	})
	if err != nil {
		return 0, err
	}
	return len(rels), s.write(ctx, func(tx *Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM law_acts WHERE id = $1`, actID).Scan(&one); err != nil {
			return notFound(err, "law.error.not_found")
		}
		return replaceRelations(ctx, tx, actID, citeKinds, rels)
	})
}

// RecordAllCitations is RecordCitations for every act, a chunk of acts
// per transaction; run it after an import, when acts cited by date may
// have arrived. It returns the number of acts and of relations stored.
func (s *Store) RecordAllCitations(ctx context.Context) (acts, relations int, err error) {
	var ids []string
	err = s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT id FROM law_acts ORDER BY id`)
		if err != nil {
			return fmt.Errorf("store: record citations: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var id string
			if err := rows.Scan(&id); err != nil {
				return err
			}
			ids = append(ids, id)
		}
		return rows.Err()
	})
	if err != nil {
		return 0, 0, err
	}
	// Acts cited by date are looked up once for the whole run.
	byDate := map[string][]actRef{}
	for len(ids) > 0 {
		chunk := ids[:min(len(ids), citeChunk)]
		ids = ids[len(chunk):]
		perAct := map[string][]agora.ActRelation{}
		err := s.read(ctx, func(tx *Tx) error {
			r := newCiteResolver(tx)
			r.byDate = byDate
			if err := r.loadActs(ctx, chunk); err != nil {
				return err
			}
			units, err := currentUnitTexts(ctx, tx, chunk)
			if err != nil {
				return err
			}
			for start := 0; start < len(units); {
				end := start
				for end < len(units) && units[end].actID == units[start].actID {
					end++
				}
				a := r.byID[units[start].actID]
				if a != nil {
					if perAct[a.id], err = r.relations(ctx, a.key, units[start:end]); err != nil {
						return err
					}
				}
				start = end
			}
			return nil
		})
		if err != nil {
			return acts, relations, err
		}
		err = s.write(ctx, func(tx *Tx) error {
			for _, id := range chunk {
				if err := replaceRelations(ctx, tx, id, citeKinds, perAct[id]); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return acts, relations, err
		}
		acts += len(chunk)
		for _, rs := range perAct {
			relations += len(rs)
		}
	}
	return acts, relations, nil
}

// loadActs caches the acts with the given ids.
func (r *citeResolver) loadActs(ctx context.Context, ids []string) error {
	args := make([]any, len(ids))
	ph := make([]string, len(ids))
	for i, id := range ids {
		args[i], ph[i] = id, "$"+strconv.Itoa(i+1)
	}
	rows, err := r.tx.QueryContext(ctx, `SELECT `+actRefColumns+` FROM law_acts WHERE id IN (`+strings.Join(ph, ", ")+`)`, args...)
	if err != nil {
		return fmt.Errorf("store: record citations: %w", err)
	}
	as, err := scanActRefs(rows)
	rows.Close()
	if err != nil {
		return err
	}
	for i := range as {
		r.byID[as[i].id], r.byKey[as[i].key] = &as[i], &as[i]
	}
	return nil
}

// currentUnitTexts reads the units of the current versions of the acts,
// grouped by act, in reading order.
func currentUnitTexts(ctx context.Context, tx *Tx, ids []string) ([]unitText, error) {
	args := make([]any, len(ids))
	ph := make([]string, len(ids))
	for i, id := range ids {
		args[i], ph[i] = id, "$"+strconv.Itoa(i+1)
	}
	rows, err := tx.QueryContext(ctx, `SELECT u.act_id, u.unit_key, u.text FROM law_units u
		JOIN law_acts a ON a.id = u.act_id AND u.version = a.version
		WHERE a.id IN (`+strings.Join(ph, ", ")+`) ORDER BY u.act_id, u.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: record citations: %w", err)
	}
	defer rows.Close()
	var out []unitText
	for rows.Next() {
		var u unitText
		if err := rows.Scan(&u.actID, &u.key, &u.text); err != nil {
			return nil, err
		}
		out = append(out, u)
	}
	return out, rows.Err()
}

// relations turns the citations in the units of act selfKey into
// relations: by the cited key, or by the key a dated citation resolves
// to; relative citations and citations of the act itself are dropped.
func (r *citeResolver) relations(ctx context.Context, selfKey string, units []unitText) ([]agora.ActRelation, error) {
	var out []agora.ActRelation
	for _, u := range units {
		for _, c := range cite.Find(u.text) {
			if c.Relative() {
				continue
			}
			// A key not imported yet is stored as cited: the act may come
			// later, and its backlinks are then already there.
			key := c.ActKey
			a, err := r.actOf(ctx, c)
			if err != nil {
				return nil, err
			}
			if a != nil {
				key = a.key
			}
			if key == "" {
				continue
			}
			if key == selfKey {
				continue
			}
			if _, err := agora.ParseActKey(key); err != nil {
				continue
			}
			out = append(out, agora.ActRelation{FromUnit: u.key, ToActKey: key, ToUnit: c.UnitKey(),
				Kind: agora.RelationCites, Raw: u.text[c.Start:c.End]})
		}
	}
	return out, nil
}
