package store

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
)

// Subject references kept in MonitorEvent.Link by the alert jobs; the web
// layer turns them into URLs.
const (
	LinkActPrefix          = "act:"
	LinkConsultationPrefix = "consultation:"
)

// monitorLawEvents appends the alerts of one imported change to the
// boards tracking the act (amended, repealed: the item moves to the
// repealed stage) and to those tracking an act it cites.
func monitorLawEvents(ctx context.Context, tx *Tx, ca changedAct, ch LawChange) error {
	link := LinkActPrefix + ca.act.ID
	if ch.Outcome == LawUpdated {
		ids, err := monitorIDs(ctx, tx, `SELECT id FROM monitor_items WHERE kind = 'act' AND act_id = $1`, ca.act.ID)
		if err != nil {
			return err
		}
		kind := string(AlertAmended)
		if ch.Status == "repealed" && ch.PrevStatus != "repealed" {
			kind = string(AlertRepealed)
		}
		for _, id := range ids {
			if err := addMonitorEvent(ctx, tx, id, EventAlert, "", kind, ca.act.Title, link, kind+":"+strconv.Itoa(ch.Version)); err != nil {
				return err
			}
			if kind == string(AlertRepealed) {
				if err := moveMonitorStage(ctx, tx, id, StageRepealed); err != nil {
					return err
				}
			}
		}
	}
	ids, err := monitorIDs(ctx, tx, `SELECT m.id FROM monitor_items m JOIN law_acts t ON t.id = m.act_id
		WHERE m.kind = 'act' AND m.act_id <> $1 AND t.act_key IN (SELECT to_act_key FROM law_relations WHERE from_act = $1)`, ca.act.ID)
	if err != nil {
		return err
	}
	for _, id := range ids {
		if err := addMonitorEvent(ctx, tx, id, EventAlert, "", string(AlertCited), ca.act.Title, link, "cited:"+ca.act.ID); err != nil {
			return err
		}
	}
	return nil
}

// moveMonitorStage sets an item's stage on behalf of the system (no
// actor) and records it, unless it is there already.
func moveMonitorStage(ctx context.Context, tx *Tx, id string, stage MonitorStage) error {
	res, err := tx.ExecContext(ctx, `UPDATE monitor_items SET stage = $2, updated_at = $3 WHERE id = $1 AND stage <> $2`, id, string(stage), tx.Now)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	return addMonitorEvent(ctx, tx, id, EventStage, "", string(stage), "", "", "")
}

func monitorIDs(ctx context.Context, tx *Tx, q string, args ...any) ([]string, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: monitor items: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// monitorConsultationEvents appends to the boards tracking a draft what
// happened to its consultation since: a new version of the text, the
// answers published, the report published. Each is recorded once.
func monitorConsultationEvents(ctx context.Context, tx *Tx) error {
	rows, err := tx.QueryContext(ctx, `SELECT m.id, c.id, c.title, c.version, c.answered_at, c.reported_at
		FROM monitor_items m JOIN consultations c ON c.id = m.consultation_id WHERE m.kind = 'draft'`)
	if err != nil {
		return fmt.Errorf("store: tracked drafts: %w", err)
	}
	type tracked struct {
		item, id, title    string
		version            int
		answered, reported bool
	}
	var ts []tracked
	for rows.Next() {
		var t tracked
		var answered, reported sql.NullTime
		if err := rows.Scan(&t.item, &t.id, &t.title, &t.version, &answered, &reported); err != nil {
			rows.Close()
			return err
		}
		t.answered, t.reported = answered.Valid, reported.Valid
		ts = append(ts, t)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for _, t := range ts {
		link := LinkConsultationPrefix + t.id
		if t.version > 1 {
			if err := addMonitorEvent(ctx, tx, t.item, EventAlert, "", "draft_version", t.title, link, "version:"+strconv.Itoa(t.version)); err != nil {
				return err
			}
		}
		if t.answered {
			if err := addMonitorEvent(ctx, tx, t.item, EventAlert, "", "draft_answered", t.title, link, "answered"); err != nil {
				return err
			}
		}
		if t.reported {
			if err := addMonitorEvent(ctx, tx, t.item, EventAlert, "", "draft_reported", t.title, link, "reported"); err != nil {
				return err
			}
		}
	}
	return nil
}
