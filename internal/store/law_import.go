package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
)

// LawOutcome says what an import did to one act.
type LawOutcome string

// Outcomes of ImportLaws.
const (
	LawCreated   LawOutcome = "created"
	LawUpdated   LawOutcome = "updated"
	LawUnchanged LawOutcome = "unchanged"
)

// LawImportResult is what happened to one imported document.
type LawImportResult struct {
	ActID   string
	ActKey  string
	Outcome LawOutcome
	// Version is the act's current version after the import.
	Version int
	// PrevStatus is the status before an update ("" for a new act), so a
	// caller can tell an act that became repealed.
	PrevStatus agora.ActStatus
	Status     agora.ActStatus
	// MetadataOnly marks a document without units that left an existing
	// act's text alone (the Romanian source has such records).
	MetadataOnly bool
}

// lawState is what the import needs to know of an existing act.
type lawState struct {
	id       string
	version  int
	status   agora.ActStatus
	hasUnits bool
	hashes   map[string]bool // of every version
}

// ImportLaw imports one act; see ImportLaws.
func (s *Store) ImportLaw(ctx context.Context, doc agora.ActDocument) (LawImportResult, error) {
	rs, err := s.ImportLaws(ctx, []agora.ActDocument{doc})
	if err != nil {
		return LawImportResult{}, err
	}
	return rs[0], nil
}

// ImportLaws imports acts in one transaction, idempotently by act key and
// content hash: a document whose content equals any stored version of its
// act changes nothing and writes nothing; new content becomes the next
// version (the units of older versions stay, with their version number);
// a new key creates the act at version 1. A document without units does
// not replace the text of an act that has some. Each written act is
// re-indexed for search in the same transaction. Results come in the
// order of docs. Invalid (key "law.error.invalid") if a document lacks a
// valid key, jurisdiction, title or kind; nothing is written then.
func (s *Store) ImportLaws(ctx context.Context, docs []agora.ActDocument) ([]LawImportResult, error) {
	return s.importLaws(ctx, docs, indexLawAct)
}

// importLaws is ImportLaws with the indexer as a parameter, so a
// benchmark can measure the import without the search index.
func (s *Store) importLaws(ctx context.Context, docs []agora.ActDocument, index func(context.Context, *Tx, string) error) ([]LawImportResult, error) {
	hashes := make([]string, len(docs))
	keys := make([]string, len(docs))
	for i, d := range docs {
		if err := validActDocument(d); err != nil {
			return nil, err
		}
		hashes[i], keys[i] = d.ContentHash(), d.Act.Key
	}
	// A re-run mostly finds nothing new: decide that on a reader, so it
	// neither waits for nor blocks the single SQLite writer.
	var states map[string]*lawState
	if err := s.read(ctx, func(tx *Tx) (err error) {
		states, err = lawStates(ctx, tx, keys)
		return err
	}); err != nil {
		return nil, err
	}
	if rs, ok := allUnchanged(docs, hashes, states); ok {
		return rs, nil
	}
	var out []LawImportResult
	err := s.write(ctx, func(tx *Tx) error {
		out = make([]LawImportResult, len(docs))
		states, err := lawStates(ctx, tx, keys)
		if err != nil {
			return err
		}
		for i, d := range docs {
			if out[i], err = importLawDoc(ctx, tx, d, hashes[i], states, index); err != nil {
				return fmt.Errorf("store: import act %s: %w", d.Act.Key, err)
			}
		}
		return nil
	})
	return out, err
}

func validActDocument(d agora.ActDocument) error {
	a := d.Act
	p, err := agora.ParseActKey(a.Key)
	if err != nil || p.Jurisdiction != a.Jurisdiction || strings.TrimSpace(a.Title) == "" || a.Kind == "" || !a.Status.Valid() {
		e := agora.Errorf(agora.Invalid, "law.error.invalid")
		e.Args = map[string]any{"key": a.Key}
		return e
	}
	return nil
}

// unchanged decides without writing: same content as a stored version,
// or a text-less record of an act that has text.
func unchanged(d agora.ActDocument, hash string, st *lawState) (LawImportResult, bool) {
	if st == nil {
		return LawImportResult{}, false
	}
	r := LawImportResult{ActID: st.id, ActKey: d.Act.Key, Outcome: LawUnchanged, Version: st.version, PrevStatus: st.status, Status: st.status}
	switch {
	case st.hashes[hash]:
		return r, true
	case len(d.Units) == 0 && st.hasUnits:
		r.MetadataOnly = true
		return r, true
	}
	return LawImportResult{}, false
}

func allUnchanged(docs []agora.ActDocument, hashes []string, states map[string]*lawState) ([]LawImportResult, bool) {
	out := make([]LawImportResult, len(docs))
	for i, d := range docs {
		r, ok := unchanged(d, hashes[i], states[d.Act.Key])
		if !ok {
			return nil, false
		}
		out[i] = r
	}
	return out, true
}

func importLawDoc(ctx context.Context, tx *Tx, d agora.ActDocument, hash string, states map[string]*lawState, index func(context.Context, *Tx, string) error) (LawImportResult, error) {
	a := d.Act
	st := states[a.Key]
	if r, ok := unchanged(d, hash, st); ok {
		return r, nil
	}
	r := LawImportResult{ActKey: a.Key, Status: a.Status}
	if st == nil {
		st = &lawState{id: agora.NewID(), hashes: map[string]bool{}}
		states[a.Key] = st
		r.Outcome = LawCreated
		if _, err := tx.ExecContext(ctx, `INSERT INTO law_acts (id, act_key, jurisdiction, kind, number, year, title, issuer,
			adopted_on, published_on, in_force_on, publication_ref, status, source_url, source_id, version, content_hash,
			imported_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 1, $16, $17, $17)`,
			st.id, a.Key, string(a.Jurisdiction), a.Kind, a.Number, a.Year, a.Title, a.Issuer, a.AdoptedOn, a.PublishedOn,
			a.InForceOn, a.PublicationRef, string(a.Status), a.SourceURL, a.SourceID, hash, tx.Now); err != nil {
			return r, err
		}
	} else {
		r.Outcome, r.PrevStatus = LawUpdated, st.status
		if _, err := tx.ExecContext(ctx, `UPDATE law_acts SET kind = $2, number = $3, year = $4, title = $5, issuer = $6,
			adopted_on = $7, published_on = $8, in_force_on = $9, publication_ref = $10, status = $11, source_url = $12,
			source_id = $13, version = $14, content_hash = $15, updated_at = $16 WHERE id = $1`,
			st.id, a.Kind, a.Number, a.Year, a.Title, a.Issuer, a.AdoptedOn, a.PublishedOn, a.InForceOn, a.PublicationRef,
			string(a.Status), a.SourceURL, a.SourceID, st.version+1, hash, tx.Now); err != nil {
			return r, err
		}
	}
	st.version++
	st.status, st.hasUnits, st.hashes[hash] = a.Status, len(d.Units) > 0, true
	r.ActID, r.Version = st.id, st.version
	if _, err := tx.ExecContext(ctx, `INSERT INTO law_versions (act_id, version, content_hash, source_url, source_id, title,
		status, imported_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
		st.id, st.version, hash, a.SourceURL, a.SourceID, a.Title, string(a.Status), tx.Now); err != nil {
		return r, err
	}
	if err := insertLawUnits(ctx, tx, st.id, st.version, d.Units); err != nil {
		return r, err
	}
	if err := replaceRelations(ctx, tx, st.id, nil, d.Relations); err != nil {
		return r, err
	}
	if err := index(ctx, tx, st.id); err != nil {
		return r, err
	}
	return r, enqueueLawChanged(ctx, tx, r) // watchlist alerts (watch_law.go)
}

// lawStates loads the acts with the given keys and the hashes of all
// their versions, in one statement per few hundred keys.
func lawStates(ctx context.Context, tx *Tx, keys []string) (map[string]*lawState, error) {
	out := make(map[string]*lawState, len(keys))
	uniq := make([]string, 0, len(keys))
	seen := make(map[string]bool, len(keys))
	for _, k := range keys {
		if !seen[k] {
			seen[k] = true
			uniq = append(uniq, k)
		}
	}
	for len(uniq) > 0 {
		chunk := uniq[:min(len(uniq), 500)]
		uniq = uniq[len(chunk):]
		args := make([]any, len(chunk))
		ph := make([]string, len(chunk))
		for i, k := range chunk {
			args[i], ph[i] = k, "$"+strconv.Itoa(i+1)
		}
		rows, err := tx.QueryContext(ctx, `SELECT a.act_key, a.id, a.version, a.status, v.content_hash,
			EXISTS (SELECT 1 FROM law_units u WHERE u.act_id = a.id AND u.version = a.version)
			FROM law_acts a JOIN law_versions v ON v.act_id = a.id
			WHERE a.act_key IN (`+strings.Join(ph, ", ")+`)`, args...)
		if err != nil {
			return nil, fmt.Errorf("store: law states: %w", err)
		}
		for rows.Next() {
			var key, id, status, hash string
			var version int
			var hasUnits bool
			if err := rows.Scan(&key, &id, &version, &status, &hash, &hasUnits); err != nil {
				rows.Close()
				return nil, err
			}
			st := out[key]
			if st == nil {
				st = &lawState{id: id, version: version, status: agora.ActStatus(status), hasUnits: hasUnits, hashes: map[string]bool{}}
				out[key] = st
			}
			st.hashes[hash] = true
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// lawUnitRows is how many units one INSERT carries. SQLite resolves
// "$n" parameters by a linear search per parameter, so preparing one
// statement costs the square of its parameters: 32 rows of 10 was the
// fastest on the real data (200 rows spent half the import preparing).
const lawUnitRows = 32

func insertLawUnits(ctx context.Context, tx *Tx, actID string, version int, units []agora.Unit) error {
	var b strings.Builder
	args := make([]any, 0, lawUnitRows*10)
	for start := 0; start < len(units); start += lawUnitRows {
		chunk := units[start:min(len(units), start+lawUnitRows)]
		b.Reset()
		args = args[:0]
		b.WriteString(`INSERT INTO law_units (act_id, version, position, unit_key, parent_key, kind, number, heading, text, depth) VALUES `)
		for i, u := range chunk {
			if i > 0 {
				b.WriteString(", ")
			}
			n := len(args)
			b.WriteString("(")
			for j := 1; j <= 10; j++ {
				if j > 1 {
					b.WriteString(", ")
				}
				b.WriteString("$" + strconv.Itoa(n+j))
			}
			b.WriteString(")")
			args = append(args, actID, version, start+i, u.Key, u.ParentKey, string(u.Kind), u.Number, u.Heading, u.Text, u.Depth)
		}
		if _, err := tx.ExecContext(ctx, b.String(), args...); err != nil {
			return fmt.Errorf("store: insert law units: %w", err)
		}
	}
	return nil
}
