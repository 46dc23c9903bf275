package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"

	"github.com/agora-civic/agora"
)

// LawSearchDoc is one document of the legislation index: an article of an
// act's current version (with the text of its paragraphs, points and
// letters appended) or, for an act without articles, a top-level unit.
// Act fields are copied in so filters, facets and sorting need no join.
type LawSearchDoc struct {
	ActID        string
	ActKey       string
	UnitKey      string
	ArticleLabel string
	Position     int
	Jurisdiction string
	Kind         string
	Year         int
	Status       string
	// ActDate (YYYY-MM-DD or "") orders results by date.
	ActDate string
	// Title (the act's) and Heading (the article's) are indexed in the
	// title column, which ranks above Body, the article text.
	Title   string
	Heading string
	Body    string
}

// indexLawAct replaces the search documents of one act with documents
// built from its current version. The importer calls it in the import
// transaction after writing a new version, so the index never shows a
// half-imported act.
func indexLawAct(ctx context.Context, tx *Tx, actID string) error {
	return indexLawActs(ctx, tx, []string{actID})
}

// indexLawActs is indexLawAct for many acts at once, which is how an
// import batch should call it (once, after writing all its acts): the
// acts and units are read in a few statements, and on SQLite the FTS5
// index takes all the batch's rows in memory and writes them to disk
// once, at commit, instead of once per act (FTS5 writes its pending rows
// out at the start of every statement that may need rolling back, such
// as the importer's multi-row INSERTs, and each write-out makes a
// segment that later has to be merged).
func indexLawActs(ctx context.Context, tx *Tx, actIDs []string) error {
	// An act written twice in one batch (two versions) is indexed once.
	actIDs = slices.Compact(slices.Sorted(slices.Values(actIDs)))
	if err := deleteLawSearchDocs(ctx, tx, actIDs); err != nil {
		return err
	}
	var docs []LawSearchDoc
	for start := 0; start < len(actIDs); start += lawIndexChunk {
		chunk := actIDs[start:min(len(actIDs), start+lawIndexChunk)]
		acts, err := lawActsForIndex(ctx, tx, chunk)
		if err != nil {
			return err
		}
		units, err := lawUnitsForIndex(ctx, tx, chunk)
		if err != nil {
			return err
		}
		for _, id := range chunk {
			act, ok := acts[id]
			if !ok {
				return fmt.Errorf("store: index act %s: %w", id, sql.ErrNoRows)
			}
			docs = append(docs, lawSearchDocs(act, units[id])...)
		}
	}
	return insertLawSearchDocs(ctx, tx, analyzeLawSearchDocs(tx.dialect, docs))
}

// lawIndexChunk is how many acts one read statement covers.
const lawIndexChunk = 200

func lawActsForIndex(ctx context.Context, tx *Tx, ids []string) (map[string]LawSearchDoc, error) {
	in, args := inList(1, ids)
	rows, err := tx.QueryContext(ctx, `SELECT id, act_key, jurisdiction, kind, year, status, title,
		COALESCE(adopted_on, ''), COALESCE(published_on, '') FROM law_acts WHERE id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: index acts: %w", err)
	}
	defer rows.Close()
	out := make(map[string]LawSearchDoc, len(ids))
	for rows.Next() {
		var act LawSearchDoc
		var adopted, published string
		if err := rows.Scan(&act.ActID, &act.ActKey, &act.Jurisdiction, &act.Kind, &act.Year, &act.Status, &act.Title,
			&adopted, &published); err != nil {
			return nil, err
		}
		act.ActDate = adopted
		if act.ActDate == "" {
			act.ActDate = published
		}
		out[act.ActID] = act
	}
	return out, rows.Err()
}

// indexUnit is the part of a law_units row the index reads.
type indexUnit struct {
	Key, Kind, Number, Heading, Text string
	Depth                            int
}

// lawUnitsForIndex reads the units of the acts' current versions, in
// document order per act.
func lawUnitsForIndex(ctx context.Context, tx *Tx, ids []string) (map[string][]indexUnit, error) {
	in, args := inList(1, ids)
	rows, err := tx.QueryContext(ctx, `SELECT u.act_id, u.unit_key, u.kind, u.number, u.heading, u.text, u.depth
		FROM law_acts a JOIN law_units u ON u.act_id = a.id AND u.version = a.version
		WHERE a.id IN (`+in+`) ORDER BY u.act_id, u.position`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: index units: %w", err)
	}
	defer rows.Close()
	out := make(map[string][]indexUnit, len(ids))
	for rows.Next() {
		var act string
		var u indexUnit
		if err := rows.Scan(&act, &u.Key, &u.Kind, &u.Number, &u.Heading, &u.Text, &u.Depth); err != nil {
			return nil, err
		}
		out[act] = append(out[act], u)
	}
	return out, rows.Err()
}

// lawSearchDocs cuts an act into documents: each article with its
// descendants; if there is no article, each top-level unit with its
// descendants; if there are no units, the act title alone.
func lawSearchDocs(act LawSearchDoc, units []indexUnit) []LawSearchDoc {
	isDoc := func(u indexUnit) bool { return u.Kind == string(agora.UnitArticle) }
	hasArticle := false
	minDepth := -1
	for _, u := range units {
		hasArticle = hasArticle || isDoc(u)
		if minDepth < 0 || u.Depth < minDepth {
			minDepth = u.Depth
		}
	}
	if !hasArticle {
		isDoc = func(u indexUnit) bool { return u.Depth == minDepth }
	}
	var docs []LawSearchDoc
	for i := 0; i < len(units); i++ {
		u := units[i]
		if !isDoc(u) {
			continue
		}
		d := act
		d.UnitKey = u.Key
		d.Position = len(docs)
		d.ArticleLabel = articleLabel(u)
		d.Heading = u.Heading
		body := u.Text
		for i+1 < len(units) && units[i+1].Depth > u.Depth {
			i++
			body = joinText(body, joinText(units[i].Number, joinText(units[i].Heading, units[i].Text)))
		}
		d.Body = body
		docs = append(docs, d)
	}
	if len(docs) == 0 {
		docs = append(docs, act)
	}
	return docs
}

func articleLabel(u indexUnit) string {
	if u.Kind == string(agora.UnitArticle) && u.Number != "" {
		return "art. " + u.Number
	}
	return u.Number
}

func joinText(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	}
	return a + "\n" + b
}
