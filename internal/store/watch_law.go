package store

import (
	"context"
	"fmt"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/search"
)

// JobLawChanged is the job an import enqueues, in its own transaction,
// for every act it created or changed, so watchlist alerts survive a
// crash between the import and the alert.
const JobLawChanged = "law_changed"

// LawChange is the payload of JobLawChanged.
type LawChange struct {
	ActID      string          `json:"act_id"`
	Outcome    LawOutcome      `json:"outcome"`
	Version    int             `json:"version"`
	PrevStatus agora.ActStatus `json:"prev_status,omitempty"`
	Status     agora.ActStatus `json:"status"`
}

// enqueueLawChanged queues the alerts of one import result; the dedup key
// makes a re-run of the same transaction harmless.
func enqueueLawChanged(ctx context.Context, tx *Tx, r LawImportResult) error {
	if r.Outcome != LawCreated && r.Outcome != LawUpdated {
		return nil
	}
	return enqueue(ctx, tx, JobLawChanged, LawChange{ActID: r.ActID, Outcome: r.Outcome, Version: r.Version,
		PrevStatus: r.PrevStatus, Status: r.Status}, EnqueueOptions{DedupKey: "law-changed:" + r.ActID + ":" + strconv.Itoa(r.Version)})
}

// changedAct is what matching needs to know of the act that changed.
type changedAct struct {
	act     agora.Act
	domains []string
}

// RecordLawAlerts raises the alerts of one imported change, in one
// transaction: to lists watching the act (or an article of it) when it
// was amended or repealed; to lists watching an act or article the
// changed act cites, amends or repeals; to lists watching a domain the
// new act is filed under; to lists whose saved search matches the act.
// Organisation boards tracking the act, or an act it cites, get a
// timeline event. Alerts are unique, so a retried job makes nothing
// twice. An act deleted meanwhile raises nothing.
func (s *Store) RecordLawAlerts(ctx context.Context, ch LawChange, compose WatchCompose) (WatchDelivery, error) {
	var res WatchDelivery
	err := s.write(ctx, func(tx *Tx) error {
		res = WatchDelivery{}
		ca, err := changedActTx(ctx, tx, ch.ActID)
		if agora.KindOf(err) == agora.NotFound {
			return nil
		}
		if err != nil {
			return err
		}
		var alerts []WatchAlert
		own, err := ownActAlerts(ctx, tx, ca, ch)
		if err != nil {
			return err
		}
		alerts = append(alerts, own...)
		cited, err := citedActAlerts(ctx, tx, ca)
		if err != nil {
			return err
		}
		alerts = append(alerts, cited...)
		if ch.Outcome == LawCreated {
			dom, err := domainActAlerts(ctx, tx, ca)
			if err != nil {
				return err
			}
			alerts = append(alerts, dom...)
		}
		found, err := searchActAlerts(ctx, tx, ca)
		if err != nil {
			return err
		}
		alerts = append(alerts, found...)
		if err := monitorLawEvents(ctx, tx, ca, ch); err != nil {
			return err
		}
		res, err = deliverWatchAlerts(ctx, tx, alerts, compose)
		return err
	})
	return res, err
}

func changedActTx(ctx context.Context, tx *Tx, id string) (changedAct, error) {
	var ca changedAct
	a := &ca.act
	var jur, status string
	err := tx.QueryRowContext(ctx, `SELECT id, act_key, jurisdiction, kind, year, title, status, version FROM law_acts WHERE id = $1`, id).
		Scan(&a.ID, &a.Key, &jur, &a.Kind, &a.Year, &a.Title, &status, &a.Version)
	if err != nil {
		return ca, notFound(err, "law.error.not_found")
	}
	a.Jurisdiction, a.Status = agora.Country(jur), agora.ActStatus(status)
	rows, err := tx.QueryContext(ctx, `SELECT domain_slug FROM law_domains WHERE act_id = $1`, id)
	if err != nil {
		return ca, err
	}
	defer rows.Close()
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return ca, err
		}
		ca.domains = append(ca.domains, d)
	}
	return ca, rows.Err()
}

func actAlert(it WatchItem, kind WatchAlertKind, a agora.Act, version int, detail string) WatchAlert {
	return WatchAlert{ListID: it.ListID, ItemID: it.ID, ItemLabel: it.Label, Kind: kind, SubjectKind: SubjectAct,
		SubjectID: a.ID, SubjectKey: a.Key, SubjectVersion: version, Title: a.Title, Detail: detail}
}

func queryWatchItems(ctx context.Context, tx *Tx, where string, args ...any) ([]WatchItem, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+watchItemColumns+` FROM watch_items i WHERE `+where+` ORDER BY i.created_at, i.id`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: watch items: %w", err)
	}
	defer rows.Close()
	var out []WatchItem
	for rows.Next() {
		it, err := scanWatchItem(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// ownActAlerts: the watched act itself changed. A repeal says so; another
// new version is an amendment, which an article item hears of only when
// the text of its article changed.
func ownActAlerts(ctx context.Context, tx *Tx, ca changedAct, ch LawChange) ([]WatchAlert, error) {
	if ch.Outcome != LawUpdated {
		return nil, nil
	}
	items, err := queryWatchItems(ctx, tx, `i.act_id = $1 AND i.kind IN ('act', 'article')`, ca.act.ID)
	if err != nil || len(items) == 0 {
		return nil, err
	}
	repealed := ch.Status == agora.ActRepealed && ch.PrevStatus != agora.ActRepealed
	var out []WatchAlert
	for _, it := range items {
		switch {
		case repealed:
			out = append(out, actAlert(it, AlertRepealed, ca.act, ch.Version, it.UnitKey))
		case it.Kind == WatchArticle:
			changed, err := unitChanged(ctx, tx, ca.act.ID, it.UnitKey, ch.Version)
			if err != nil {
				return nil, err
			}
			if changed {
				out = append(out, actAlert(it, AlertAmended, ca.act, ch.Version, it.UnitKey))
			}
		default:
			out = append(out, actAlert(it, AlertAmended, ca.act, ch.Version, ""))
		}
	}
	return out, nil
}

// unitChanged compares a unit and the units inside it between version-1
// and version.
func unitChanged(ctx context.Context, tx *Tx, actID, unitKey string, version int) (bool, error) {
	text := func(v int) (string, error) {
		rows, err := tx.QueryContext(ctx, `SELECT unit_key, heading, text FROM law_units WHERE act_id = $1 AND version = $2
			AND (unit_key = $3 OR unit_key LIKE $4 ESCAPE '\') ORDER BY position`, actID, v, unitKey, likePrefix(unitKey))
		if err != nil {
			return "", err
		}
		defer rows.Close()
		var b strings.Builder
		for rows.Next() {
			var k, h, t string
			if err := rows.Scan(&k, &h, &t); err != nil {
				return "", err
			}
			b.WriteString(k + "\x00" + h + "\x00" + t + "\x00")
		}
		return b.String(), rows.Err()
	}
	before, err := text(version - 1)
	if err != nil {
		return false, err
	}
	after, err := text(version)
	return before != after, err
}

// citedActAlerts: the changed act refers to watched acts or articles.
func citedActAlerts(ctx context.Context, tx *Tx, ca changedAct) ([]WatchAlert, error) {
	rows, err := tx.QueryContext(ctx, `SELECT DISTINCT to_act_key, to_unit FROM law_relations WHERE from_act = $1 AND to_act_key <> $2`,
		ca.act.ID, ca.act.Key)
	if err != nil {
		return nil, fmt.Errorf("store: relations of changed act: %w", err)
	}
	units := map[string][]string{}
	var keys []string
	for rows.Next() {
		var k, u string
		if err := rows.Scan(&k, &u); err != nil {
			rows.Close()
			return nil, err
		}
		if _, ok := units[k]; !ok {
			keys = append(keys, k)
		}
		units[k] = append(units[k], u)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var out []WatchAlert
	for start := 0; start < len(keys); start += 500 {
		chunk := keys[start:min(len(keys), start+500)]
		args := make([]any, len(chunk))
		ph := make([]string, len(chunk))
		for i, k := range chunk {
			args[i], ph[i] = k, "$"+strconv.Itoa(i+1)
		}
		items, err := queryWatchItems(ctx, tx, `i.kind IN ('act', 'article') AND i.act_key IN (`+strings.Join(ph, ", ")+`)`, args...)
		if err != nil {
			return nil, err
		}
		for _, it := range items {
			if u, ok := citesUnit(units[it.ActKey], it); ok {
				out = append(out, actAlert(it, AlertCited, ca.act, 0, u))
			}
		}
	}
	return out, nil
}

// citesUnit reports whether one of the cited units concerns the item: any
// citation of the act for an act item; the article or a unit inside it
// for an article item. It returns the cited unit.
func citesUnit(cited []string, it WatchItem) (string, bool) {
	for _, u := range cited {
		if it.Kind == WatchAct || unitWithin(u, it.UnitKey) {
			return u, true
		}
	}
	return "", false
}

// unitWithin reports whether unit is key or inside it ("art-7.par-2" is
// within "art-7", "art-70" is not).
func unitWithin(unit, key string) bool {
	return key != "" && (unit == key || strings.HasPrefix(unit, key+"."))
}

func domainActAlerts(ctx context.Context, tx *Tx, ca changedAct) ([]WatchAlert, error) {
	if len(ca.domains) == 0 {
		return nil, nil
	}
	items, err := queryWatchItems(ctx, tx, `i.kind = 'domain' AND i.target IN (SELECT domain_slug FROM law_domains WHERE act_id = $1)`, ca.act.ID)
	var out []WatchAlert
	for _, it := range items {
		out = append(out, actAlert(it, AlertDomainAct, ca.act, 0, it.Target))
	}
	return out, err
}

// searchActAlerts evaluates every saved search against the act: filters
// first, then the text over the act's documents, read once and only when
// some search passes its filters.
func searchActAlerts(ctx context.Context, tx *Tx, ca changedAct) ([]WatchAlert, error) {
	items, err := queryWatchItems(ctx, tx, `i.kind = 'search'`)
	if err != nil || len(items) == 0 {
		return nil, err
	}
	var docs []string
	loaded := false
	verdicts := map[string]bool{}
	var out []WatchAlert
	for _, it := range items {
		ok, seen := verdicts[it.Target]
		if !seen {
			q, err := ParseSavedSearch(it.Target)
			if err == nil && q.matchesMeta(ca.act, ca.domains) {
				if !loaded {
					if docs, err = actDocuments(ctx, tx, ca.act); err != nil {
						return nil, err
					}
					loaded = true
				}
				ok = q.matchesText(search.LangOf(string(ca.act.Jurisdiction)), docs)
			}
			verdicts[it.Target] = ok
		}
		if ok {
			out = append(out, actAlert(it, AlertSearchMatch, ca.act, 0, ""))
		}
	}
	return out, nil
}

// actDocuments returns the act's searchable documents as the index
// builds them: per article (with the units inside it), or per top-level
// unit when there are no articles, each preceded by the title.
func actDocuments(ctx context.Context, tx *Tx, a agora.Act) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT unit_key, kind, depth, heading, text FROM law_units WHERE act_id = $1 AND version = $2
		ORDER BY position`, a.ID, a.Version)
	if err != nil {
		return nil, fmt.Errorf("store: act documents: %w", err)
	}
	defer rows.Close()
	type unit struct {
		key, kind, text string
		depth           int
	}
	var units []unit
	hasArticles := false
	for rows.Next() {
		var u unit
		var heading string
		if err := rows.Scan(&u.key, &u.kind, &u.depth, &heading, &u.text); err != nil {
			return nil, err
		}
		u.text = heading + "\n" + u.text
		hasArticles = hasArticles || u.kind == string(agora.UnitArticle)
		units = append(units, u)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	var docs []string
	cur := -1
	root := ""
	for _, u := range units {
		starts := (hasArticles && u.kind == string(agora.UnitArticle)) || (!hasArticles && u.depth == 0)
		switch {
		case starts:
			docs = append(docs, a.Title+"\n"+u.text)
			cur, root = len(docs)-1, u.key
		case cur >= 0 && unitWithin(u.key, root):
			docs[cur] += "\n" + u.text
		}
	}
	if len(docs) == 0 {
		docs = []string{a.Title}
	}
	return docs, nil
}
