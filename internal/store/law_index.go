package store

import (
	"context"
	"fmt"

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
	if err := deleteLawSearchDocs(ctx, tx, actID); err != nil {
		return err
	}
	var (
		act     LawSearchDoc
		version int
		number  string
		adopted string
		publish string
	)
	act.ActID = actID
	err := tx.QueryRowContext(ctx, `SELECT act_key, jurisdiction, kind, number, year, status, title,
		COALESCE(adopted_on, ''), COALESCE(published_on, ''), version
		FROM law_acts WHERE id = $1`, actID).Scan(&act.ActKey, &act.Jurisdiction, &act.Kind, &number,
		&act.Year, &act.Status, &act.Title, &adopted, &publish, &version)
	if err != nil {
		return fmt.Errorf("store: index act %s: %w", actID, err)
	}
	act.ActDate = adopted
	if act.ActDate == "" {
		act.ActDate = publish
	}
	units, err := lawUnitsForIndex(ctx, tx, actID, version)
	if err != nil {
		return err
	}
	return insertLawSearchDocs(ctx, tx, lawSearchDocs(act, units))
}

// indexUnit is the part of a law_units row the index reads.
type indexUnit struct {
	Key, Kind, Number, Heading, Text string
	Depth                            int
}

func lawUnitsForIndex(ctx context.Context, tx *Tx, actID string, version int) ([]indexUnit, error) {
	rows, err := tx.QueryContext(ctx, `SELECT unit_key, kind, number, heading, text, depth
		FROM law_units WHERE act_id = $1 AND version = $2 ORDER BY position`, actID, version)
	if err != nil {
		return nil, fmt.Errorf("store: index act %s: units: %w", actID, err)
	}
	defer rows.Close()
	var us []indexUnit
	for rows.Next() {
		var u indexUnit
		if err := rows.Scan(&u.Key, &u.Kind, &u.Number, &u.Heading, &u.Text, &u.Depth); err != nil {
			return nil, err
		}
		us = append(us, u)
	}
	return us, rows.Err()
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
