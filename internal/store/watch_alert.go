package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/agora-civic/agora"
)

// WatchAlertKind says why an alert was raised.
type WatchAlertKind string

// Kinds of alerts.
const (
	AlertAmended      WatchAlertKind = "amended"      // the watched act has a new version
	AlertRepealed     WatchAlertKind = "repealed"     // the watched act became repealed
	AlertCited        WatchAlertKind = "cited"        // a newly imported act cites, amends or repeals the watched act
	AlertDomainAct    WatchAlertKind = "domain_act"   // a new act filed under the watched domain
	AlertSearchMatch  WatchAlertKind = "search_match" // a new or changed act matches the saved search
	AlertConsultation WatchAlertKind = "consultation" // a new consultation in the domain, by the authority, or citing the act
)

// Subjects of alerts: what the alert links to.
const (
	SubjectAct          = "act"
	SubjectConsultation = "consultation"
)

// Reasons a consultation matched, kept in WatchAlert.Detail.
const (
	ReasonDomain    = "domain"
	ReasonAuthority = "authority"
	ReasonCites     = "cites"
)

// WatchAlert is one alert of a watchlist.
type WatchAlert struct {
	ID     string
	ListID string
	ItemID string
	// ItemLabel names the watched item as it was when the alert was made
	// (the item may have been removed since).
	ItemLabel string
	Kind      WatchAlertKind
	// SubjectKind is SubjectAct or SubjectConsultation; SubjectID its id
	// and SubjectKey the act key (for links), "" for a consultation.
	SubjectKind    string
	SubjectID      string
	SubjectKey     string
	SubjectVersion int
	// Title is the subject's title when the alert was made.
	Title string
	// Detail is the cited unit key ("art-7.par-2") of a citation, the
	// Reason of a consultation match, or "".
	Detail    string
	CreatedAt time.Time
	EmailedAt *time.Time
}

// WatchCompose writes the email of new alerts of one list to its owner;
// it runs inside the store's transaction, so it must only translate and
// format.
type WatchCompose func(r Recipient, list Watchlist, alerts []WatchAlert) agora.Email

// WatchDelivery says what a matching run did.
type WatchDelivery struct {
	// Created counts new alerts; Emailed the alerts mailed at once.
	Created, Emailed int
}

const watchAlertColumns = `a.id, a.list_id, a.item_id, a.item_label, a.kind, a.subject_kind, a.subject_id, a.subject_key,
	a.subject_version, a.title, a.detail, a.created_at, a.emailed_at`

func scanWatchAlert(r rowScanner) (WatchAlert, error) {
	var a WatchAlert
	var kind string
	var emailed sql.NullTime
	err := r.Scan(&a.ID, &a.ListID, &a.ItemID, &a.ItemLabel, &kind, &a.SubjectKind, &a.SubjectID, &a.SubjectKey,
		&a.SubjectVersion, &a.Title, &a.Detail, &a.CreatedAt, &emailed)
	a.Kind, a.CreatedAt = WatchAlertKind(kind), a.CreatedAt.UTC()
	if emailed.Valid {
		t := emailed.Time.UTC()
		a.EmailedAt = &t
	}
	return a, err
}

// WatchAlerts returns the newest alerts of a list, at most limit (1…500).
func (s *Store) WatchAlerts(ctx context.Context, listID string, limit int) ([]WatchAlert, error) {
	var out []WatchAlert
	err := s.read(ctx, func(tx *Tx) (err error) {
		out, err = watchAlertsTx(ctx, tx, listID, limit)
		return err
	})
	return out, err
}

func watchAlertsTx(ctx context.Context, tx *Tx, listID string, limit int) ([]WatchAlert, error) {
	if limit <= 0 || limit > 500 {
		limit = 50
	}
	rows, err := tx.QueryContext(ctx, `SELECT `+watchAlertColumns+` FROM watch_alerts a WHERE a.list_id = $1
		ORDER BY a.created_at DESC, a.id DESC LIMIT $2`, listID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: watch alerts: %w", err)
	}
	defer rows.Close()
	var out []WatchAlert
	for rows.Next() {
		a, err := scanWatchAlert(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, a)
	}
	return out, rows.Err()
}

// deliverWatchAlerts stores the alerts, dropping those an earlier run
// made (the unique key), and for each list with new alerts either queues
// one email now (immediate), leaves them for the digest, or settles them
// without mail (off, or an owner who cannot receive mail).
func deliverWatchAlerts(ctx context.Context, tx *Tx, alerts []WatchAlert, compose WatchCompose) (WatchDelivery, error) {
	var res WatchDelivery
	byList := map[string][]WatchAlert{}
	var order []string
	for _, a := range alerts {
		a.ID, a.CreatedAt = agora.NewID(), tx.Now
		ins, err := tx.ExecContext(ctx, `INSERT INTO watch_alerts (id, list_id, item_id, item_label, kind, subject_kind, subject_id,
			subject_key, subject_version, title, detail, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)
			ON CONFLICT (list_id, item_id, subject_id, kind, subject_version) DO NOTHING`,
			a.ID, a.ListID, a.ItemID, a.ItemLabel, string(a.Kind), a.SubjectKind, a.SubjectID, a.SubjectKey, a.SubjectVersion,
			truncate(a.Title, 1000), a.Detail, tx.Now)
		if err != nil {
			return res, fmt.Errorf("store: watch alert: %w", err)
		}
		if n, _ := ins.RowsAffected(); n == 0 {
			continue
		}
		res.Created++
		if _, ok := byList[a.ListID]; !ok {
			order = append(order, a.ListID)
		}
		byList[a.ListID] = append(byList[a.ListID], a)
	}
	for _, listID := range order {
		list, err := watchlistTx(ctx, tx, listID)
		if err != nil {
			return res, err
		}
		rc, err := scanRecipient(tx.QueryRowContext(ctx, `SELECT `+recipientColumns+` FROM users u
			LEFT JOIN notification_prefs np ON np.user_id = u.id WHERE u.id = $1`, list.UserID))
		if err != nil {
			return res, fmt.Errorf("store: watchlist owner: %w", err)
		}
		news := byList[listID]
		mode := list.EffectiveMode
		if mode == agora.NotifyDigest && rc.Mailable {
			continue
		}
		if mode == agora.NotifyImmediate && rc.Mailable && compose != nil {
			if err := enqueueEmail(ctx, tx, compose(rc, list, news)); err != nil {
				return res, err
			}
			res.Emailed += len(news)
		}
		if err := markAlertsEmailed(ctx, tx, news); err != nil {
			return res, err
		}
	}
	return res, nil
}

func markAlertsEmailed(ctx context.Context, tx *Tx, alerts []WatchAlert) error {
	for start := 0; start < len(alerts); start += 200 {
		chunk := alerts[start:min(len(alerts), start+200)]
		args := []any{tx.Now}
		ph := make([]string, len(chunk))
		for i, a := range chunk {
			args = append(args, a.ID)
			ph[i] = "$" + strconv.Itoa(i+2)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE watch_alerts SET emailed_at = $1 WHERE id IN (`+strings.Join(ph, ", ")+`)`, args...); err != nil {
			return fmt.Errorf("store: watch alerts emailed: %w", err)
		}
	}
	return nil
}

// WatchDigestList is one digest-mode list of a person with its unmailed
// alerts, oldest first.
type WatchDigestList struct {
	List   Watchlist
	Alerts []WatchAlert
	// More counts unmailed alerts beyond Alerts.
	More int
}

// WatchDigestItems bounds the alerts one digest lists per watchlist.
const WatchDigestItems = 30

// digestCondition selects lists whose alerts wait for the digest.
const digestCondition = `(w.mode = 'digest' OR (w.mode = '' AND np.mode = 'digest'))`

// SendWatchDigests queues one email per person who has unmailed alerts in
// digest-mode lists, covering all those lists, and marks the alerts
// mailed; batch people per transaction. compose writes the email. It
// returns how many digests were queued. A retry after a partial run mails
// only those not yet served.
func (s *Store) SendWatchDigests(ctx context.Context, batch int, compose func(r Recipient, lists []WatchDigestList) agora.Email) (int, error) {
	if batch <= 0 {
		batch = 200
	}
	total := 0
	for {
		n := 0
		err := s.write(ctx, func(tx *Tx) error {
			n = 0
			rows, err := tx.QueryContext(ctx, `SELECT `+recipientColumns+` FROM users u
				LEFT JOIN notification_prefs np ON np.user_id = u.id
				WHERE u.email_verified_at IS NOT NULL AND u.disabled_at IS NULL AND EXISTS (SELECT 1 FROM watch_alerts a
					JOIN watchlists w ON w.id = a.list_id WHERE w.user_id = u.id AND a.emailed_at IS NULL AND `+digestCondition+`)
				ORDER BY u.id LIMIT $1`, batch)
			if err != nil {
				return fmt.Errorf("store: watch digest recipients: %w", err)
			}
			recips, err := collectRecipients(rows)
			if err != nil {
				return err
			}
			for _, rc := range recips {
				lists, all, err := watchDigestTx(ctx, tx, rc.UserID)
				if err != nil {
					return err
				}
				if err := enqueueEmail(ctx, tx, compose(rc, lists)); err != nil {
					return err
				}
				if err := markAlertsEmailed(ctx, tx, all); err != nil {
					return err
				}
				n++
			}
			return nil
		})
		if err != nil {
			return total, err
		}
		total += n
		if n < batch {
			return total, nil
		}
	}
}

func collectRecipients(rows *sql.Rows) ([]Recipient, error) {
	defer rows.Close()
	var out []Recipient
	for rows.Next() {
		rc, err := scanRecipient(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, rc)
	}
	return out, rows.Err()
}

// watchDigestTx returns userID's digest lists with their unmailed alerts,
// and every one of those alerts (to mark them mailed, listed or not).
func watchDigestTx(ctx context.Context, tx *Tx, userID string) ([]WatchDigestList, []WatchAlert, error) {
	rows, err := tx.QueryContext(ctx, `SELECT `+watchAlertColumns+` FROM watch_alerts a JOIN watchlists w ON w.id = a.list_id
		LEFT JOIN notification_prefs np ON np.user_id = w.user_id
		WHERE w.user_id = $1 AND a.emailed_at IS NULL AND `+digestCondition+`
		ORDER BY w.created_at, w.id, a.created_at, a.id`, userID)
	if err != nil {
		return nil, nil, fmt.Errorf("store: watch digest: %w", err)
	}
	var all []WatchAlert
	for rows.Next() {
		a, err := scanWatchAlert(rows)
		if err != nil {
			rows.Close()
			return nil, nil, err
		}
		all = append(all, a)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return nil, nil, err
	}
	var lists []WatchDigestList
	for _, a := range all {
		if len(lists) == 0 || lists[len(lists)-1].List.ID != a.ListID {
			w, err := watchlistTx(ctx, tx, a.ListID)
			if err != nil {
				return nil, nil, err
			}
			lists = append(lists, WatchDigestList{List: w})
		}
		l := &lists[len(lists)-1]
		if len(l.Alerts) < WatchDigestItems {
			l.Alerts = append(l.Alerts, a)
		} else {
			l.More++
		}
	}
	return lists, all, nil
}
