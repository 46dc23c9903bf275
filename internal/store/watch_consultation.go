package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/agora-civic/agora/internal/cite"
)

// JobWatchConsultations is the periodic job that matches newly published
// consultations against watchlists. The consultation store is not
// watched directly: the job looks for consultations published since its
// last run, so no consultation code needs to know about watchlists.
const JobWatchConsultations = "watch_consultations"

// consultationMark names the scan's high-water mark in watch_marks.
const consultationMark = "consultations"

// consultationOverlap is how far back each scan looks before its mark: a
// publication whose transaction began before the previous scan but
// committed after it carries an earlier published_at. Alerts are unique,
// so looking twice costs nothing.
const consultationOverlap = 15 * time.Minute

// maxConsultationScan bounds one scan; the rest waits for the next run.
const maxConsultationScan = 500

// newConsultation is what matching needs of a published consultation.
type newConsultation struct {
	id, orgID, title string
	version          int
	publishedAt      time.Time
	domains          []string
	// cited maps act keys cited in the draft to the unit keys cited ("" for
	// the act as a whole).
	cited map[string][]string
}

// WatchConsultations matches the consultations published since the last
// scan against watchlists: items watching one of its domains, its
// authority, or an act (or article) its draft cites. Only items that
// existed when the consultation was published match, so a new item does
// not alert about old consultations. Polish acts cited only by date and
// title are not matched (they need resolving to a journal position).
// Boards tracking a cited act get a timeline event, and boards tracking a
// draft hear of its new versions, answers and report. One transaction.
func (s *Store) WatchConsultations(ctx context.Context, compose WatchCompose) (WatchDelivery, error) {
	var res WatchDelivery
	err := s.write(ctx, func(tx *Tx) error {
		res = WatchDelivery{}
		var mark time.Time
		err := tx.QueryRowContext(ctx, `SELECT mark FROM watch_marks WHERE name = $1`, consultationMark).Scan(&mark)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("store: watch mark: %w", err)
		}
		since := time.Time{}
		if !mark.IsZero() {
			since = mark.Add(-consultationOverlap)
		}
		cs, err := publishedSince(ctx, tx, since)
		if err != nil {
			return err
		}
		next := tx.Now
		if len(cs) == maxConsultationScan {
			next = cs[len(cs)-1].publishedAt.Add(consultationOverlap)
		}
		var alerts []WatchAlert
		for i := range cs {
			c := &cs[i]
			if err := loadConsultationFacts(ctx, tx, c); err != nil {
				return err
			}
			as, err := consultationAlerts(ctx, tx, c)
			if err != nil {
				return err
			}
			alerts = append(alerts, as...)
			if err := monitorCitingConsultation(ctx, tx, c); err != nil {
				return err
			}
		}
		if err := monitorConsultationEvents(ctx, tx); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO watch_marks (name, mark) VALUES ($1, $2)
			ON CONFLICT (name) DO UPDATE SET mark = excluded.mark`, consultationMark, next); err != nil {
			return fmt.Errorf("store: watch mark: %w", err)
		}
		res, err = deliverWatchAlerts(ctx, tx, alerts, compose)
		return err
	})
	return res, err
}

func publishedSince(ctx context.Context, tx *Tx, since time.Time) ([]newConsultation, error) {
	rows, err := tx.QueryContext(ctx, `SELECT id, org_id, title, version, published_at FROM consultations
		WHERE state <> 'draft' AND published_at IS NOT NULL AND published_at > $1 ORDER BY published_at, id LIMIT $2`,
		since.UTC(), maxConsultationScan)
	if err != nil {
		return nil, fmt.Errorf("store: new consultations: %w", err)
	}
	defer rows.Close()
	var out []newConsultation
	for rows.Next() {
		var c newConsultation
		if err := rows.Scan(&c.id, &c.orgID, &c.title, &c.version, &c.publishedAt); err != nil {
			return nil, err
		}
		c.publishedAt = c.publishedAt.UTC()
		out = append(out, c)
	}
	return out, rows.Err()
}

// loadConsultationFacts reads the domains of c and the citations in the
// current version of its draft.
func loadConsultationFacts(ctx context.Context, tx *Tx, c *newConsultation) error {
	rows, err := tx.QueryContext(ctx, `SELECT domain_slug FROM consultation_domains WHERE consultation_id = $1`, c.id)
	if err != nil {
		return err
	}
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			rows.Close()
			return err
		}
		c.domains = append(c.domains, d)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = tx.QueryContext(ctx, `SELECT heading, body FROM consultation_units WHERE consultation_id = $1 AND version = $2
		ORDER BY position`, c.id, c.version)
	if err != nil {
		return err
	}
	defer rows.Close()
	c.cited = map[string][]string{}
	for rows.Next() {
		var heading, body string
		if err := rows.Scan(&heading, &body); err != nil {
			return err
		}
		for _, t := range []string{heading, body} {
			for _, ct := range cite.Find(t) {
				if ct.ActKey == "" {
					continue // relative, or a Polish act cited by date only
				}
				if u := ct.UnitKey(); !slices.Contains(c.cited[ct.ActKey], u) {
					c.cited[ct.ActKey] = append(c.cited[ct.ActKey], u)
				}
			}
		}
	}
	return rows.Err()
}

func consultationAlert(it WatchItem, c *newConsultation, reason string) WatchAlert {
	return WatchAlert{ListID: it.ListID, ItemID: it.ID, ItemLabel: it.Label, Kind: AlertConsultation,
		SubjectKind: SubjectConsultation, SubjectID: c.id, Title: c.title, Detail: reason}
}

func consultationAlerts(ctx context.Context, tx *Tx, c *newConsultation) ([]WatchAlert, error) {
	var a sqlArgs
	conds := []string{`(i.kind = 'authority' AND i.target = ` + a.add(c.orgID) + `)`}
	if len(c.domains) > 0 {
		conds = append(conds, `(i.kind = 'domain' AND i.target IN `+a.in(c.domains)+`)`)
	}
	if len(c.cited) > 0 {
		keys := make([]string, 0, len(c.cited))
		for k := range c.cited {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		conds = append(conds, `(i.kind IN ('act', 'article') AND i.act_key IN `+a.in(keys)+`)`)
	}
	items, err := queryWatchItems(ctx, tx, `(`+strings.Join(conds, " OR ")+`) AND i.created_at <= `+a.add(c.publishedAt), a.vals...)
	if err != nil {
		return nil, err
	}
	var out []WatchAlert
	for _, it := range items {
		switch it.Kind {
		case WatchAuthority:
			out = append(out, consultationAlert(it, c, ReasonAuthority))
		case WatchDomain:
			out = append(out, consultationAlert(it, c, ReasonDomain))
		default:
			if _, ok := citesUnit(c.cited[it.ActKey], it); ok {
				out = append(out, consultationAlert(it, c, ReasonCites))
			}
		}
	}
	return out, nil
}

// monitorCitingConsultation tells boards tracking an act that a new
// consultation's draft cites it.
func monitorCitingConsultation(ctx context.Context, tx *Tx, c *newConsultation) error {
	if len(c.cited) == 0 {
		return nil
	}
	keys := make([]string, 0, len(c.cited))
	for k := range c.cited {
		keys = append(keys, k)
	}
	slices.Sort(keys)
	var a sqlArgs
	ids, err := monitorIDs(ctx, tx, `SELECT m.id FROM monitor_items m JOIN law_acts t ON t.id = m.act_id
		WHERE m.kind = 'act' AND t.act_key IN `+a.in(keys), a.vals...)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := addMonitorEvent(ctx, tx, id, EventAlert, "", string(AlertConsultation), c.title,
			LinkConsultationPrefix+c.id, "consultation:"+c.id); err != nil {
			return err
		}
	}
	return nil
}
