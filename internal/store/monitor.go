package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"slices"
	"strings"
	"time"

	"github.com/agora-civic/agora"
)

// MonitorKind is what a tracked item is.
type MonitorKind string

// Kinds of tracked items.
const (
	MonitorAct   MonitorKind = "act"   // an act of the legislation database
	MonitorDraft MonitorKind = "draft" // a public consultation's draft
	MonitorOther MonitorKind = "other" // anything else, by title and link
)

// MonitorKinds lists the kinds for forms.
var MonitorKinds = []MonitorKind{MonitorAct, MonitorDraft, MonitorOther}

// MonitorStage is where a tracked item is in the legislative process.
type MonitorStage string

// Stages, in the order of the process.
const (
	StageAnnounced      MonitorStage = "announced"
	StageInConsultation MonitorStage = "in_consultation"
	StageAdopted        MonitorStage = "adopted"
	StageInForce        MonitorStage = "in_force"
	StageRepealed       MonitorStage = "repealed"
)

// MonitorStages lists the stages in process order.
var MonitorStages = []MonitorStage{StageAnnounced, StageInConsultation, StageAdopted, StageInForce, StageRepealed}

// MonitorPosition is the organisation's position on an item; "" is none
// taken yet.
type MonitorPosition string

// Positions.
const (
	PositionSupport MonitorPosition = "support"
	PositionOppose  MonitorPosition = "oppose"
	PositionAmend   MonitorPosition = "amend"
	PositionNeutral MonitorPosition = "neutral"
)

// MonitorPositions lists the positions for forms.
var MonitorPositions = []MonitorPosition{PositionSupport, PositionOppose, PositionAmend, PositionNeutral}

// Kinds of timeline events.
const (
	EventCreated  = "created"  // the item was put on the board
	EventStage    = "stage"    // Stage holds the new stage
	EventPosition = "position" // Body holds the position text; Stage the position
	EventOwner    = "owner"    // Body holds the new owner's name
	EventNote     = "note"     // Body holds the note
	EventAlert    = "alert"    // appended by the alert jobs; Stage holds the alert kind, Body the subject title
)

// MonitorItem is one tracked item of an organisation's board.
type MonitorItem struct {
	ID             string
	OrgID          string
	Kind           MonitorKind
	ActID          string
	ActKey         string
	ConsultationID string
	Title          string
	Link           string
	Stage          MonitorStage
	OwnerID        string
	OwnerName      string
	Notes          string
	Position       MonitorPosition
	PositionText   string
	CreatedBy      string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// MonitorInput is a new or edited item. Act is an act id or key; for act
// and draft items an empty Title takes the act's or consultation's.
type MonitorInput struct {
	Kind           MonitorKind
	Act            string
	ConsultationID string
	Title          string
	Link           string
	Stage          MonitorStage
	OwnerID        string
	Notes          string
	Position       MonitorPosition
	PositionText   string
}

// MonitorEvent is one entry of an item's timeline.
type MonitorEvent struct {
	ID        string
	ItemID    string
	Kind      string
	ActorID   string
	ActorName string
	Stage     string
	Body      string
	Link      string
	CreatedAt time.Time
}

// MonitorFilter narrows a board; zero fields do not filter.
type MonitorFilter struct {
	Stage   MonitorStage
	OwnerID string
}

// MaxMonitorItems bounds one board.
const MaxMonitorItems = 2000

func validMonitor(in *MonitorInput) error {
	var es agora.Errs
	if !slices.Contains(MonitorKinds, in.Kind) {
		es.Add("kind", "field.invalid_choice", nil)
	}
	if !slices.Contains(MonitorStages, in.Stage) {
		es.Add("stage", "field.invalid_choice", nil)
	}
	if in.Position != "" && !slices.Contains(MonitorPositions, in.Position) {
		es.Add("position", "field.invalid_choice", nil)
	}
	in.Title = agora.ValidateText(&es, "title", in.Title, 0, 300, false)
	if in.Kind == MonitorOther && in.Title == "" {
		es.Add("title", "field.required", nil)
	}
	in.Link = strings.TrimSpace(in.Link)
	if in.Link != "" {
		u, err := url.Parse(in.Link)
		if err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" || len(in.Link) > 2000 {
			es.Add("link", "monitor.error.bad_link", nil)
		}
	}
	in.Notes = agora.ValidateText(&es, "notes", in.Notes, 0, 10000, true)
	in.PositionText = agora.ValidateText(&es, "position_text", in.PositionText, 0, 10000, true)
	return es.Err()
}

// resolveMonitorSubject ties an act or draft item to its record and
// fills an empty title from it.
func resolveMonitorSubject(ctx context.Context, tx *Tx, orgID string, in *MonitorInput, it *MonitorItem) error {
	it.Kind, it.Title, it.Link = in.Kind, in.Title, in.Link
	switch in.Kind {
	case MonitorAct:
		var title string
		act := strings.TrimSpace(in.Act)
		err := tx.QueryRowContext(ctx, `SELECT id, act_key, title FROM law_acts WHERE id = $1 OR act_key = $1`, act).Scan(&it.ActID, &it.ActKey, &title)
		if errors.Is(err, sql.ErrNoRows) || act == "" {
			return agora.FieldError("act", "watch.error.unknown_act", nil)
		}
		if err != nil {
			return err
		}
		if it.Title == "" {
			it.Title = title
		}
	case MonitorDraft:
		var title string
		err := tx.QueryRowContext(ctx, `SELECT id, title FROM consultations WHERE id = $1 AND state <> 'draft'`,
			strings.TrimSpace(in.ConsultationID)).Scan(&it.ConsultationID, &title)
		if errors.Is(err, sql.ErrNoRows) {
			return agora.FieldError("consultation", "monitor.error.unknown_consultation", nil)
		}
		if err != nil {
			return err
		}
		if it.Title == "" {
			it.Title = title
		}
	}
	if in.OwnerID != "" {
		var one int
		err := tx.QueryRowContext(ctx, `SELECT 1 FROM memberships WHERE org_id = $1 AND user_id = $2`, orgID, in.OwnerID).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return agora.FieldError("owner", "monitor.error.owner_not_member", nil)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func nullable(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// CreateMonitorItem puts an item on orgID's board, with a "created"
// event by actorID. Invalid for bad input (Field set); Conflict
// ("monitor.error.too_many") past MaxMonitorItems.
func (s *Store) CreateMonitorItem(ctx context.Context, actorID, orgID string, in MonitorInput) (MonitorItem, error) {
	if err := validMonitor(&in); err != nil {
		return MonitorItem{}, err
	}
	var it MonitorItem
	err := s.write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM monitor_items WHERE org_id = $1`, orgID).Scan(&n); err != nil {
			return err
		}
		if n >= MaxMonitorItems {
			return agora.Errorf(agora.Conflict, "monitor.error.too_many")
		}
		it = MonitorItem{ID: agora.NewID(), OrgID: orgID}
		if err := resolveMonitorSubject(ctx, tx, orgID, &in, &it); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO monitor_items (id, org_id, kind, act_id, consultation_id, title, link, stage,
			owner_id, notes, position, position_text, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $14)`,
			it.ID, orgID, string(it.Kind), it.ActID, it.ConsultationID, it.Title, it.Link, string(in.Stage), nullable(in.OwnerID),
			in.Notes, string(in.Position), in.PositionText, nullable(actorID), tx.Now); err != nil {
			return fmt.Errorf("store: create monitor item: %w", err)
		}
		if err := addMonitorEvent(ctx, tx, it.ID, EventCreated, actorID, string(in.Stage), "", "", ""); err != nil {
			return err
		}
		var err error
		it, err = monitorItemTx(ctx, tx, orgID, it.ID)
		return err
	})
	return it, err
}

// addMonitorEvent appends to a timeline. A non-empty alertKey makes the
// event unique per item (alert jobs retry).
func addMonitorEvent(ctx context.Context, tx *Tx, itemID, kind, actorID, stage, body, link, alertKey string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO monitor_events (id, item_id, seq, kind, actor_id, stage, body, link, alert_key, created_at)
		VALUES ($1, $2, (SELECT COALESCE(MAX(seq), 0) + 1 FROM monitor_events WHERE item_id = $2), $3, $4, $5, $6, $7, $8, $9)
		ON CONFLICT (item_id, alert_key) DO NOTHING`,
		agora.NewID(), itemID, kind, nullable(actorID), stage, truncate(body, 10000), link, nullable(alertKey), tx.Now)
	if err != nil {
		return fmt.Errorf("store: monitor event: %w", err)
	}
	return nil
}

const monitorColumns = `m.id, m.org_id, m.kind, m.act_id, COALESCE(a.act_key, ''), m.consultation_id, m.title, m.link, m.stage,
	COALESCE(m.owner_id, ''), COALESCE(u.display_name, ''), m.notes, m.position, m.position_text, COALESCE(m.created_by, ''),
	m.created_at, m.updated_at`

const monitorFrom = ` FROM monitor_items m LEFT JOIN law_acts a ON a.id = m.act_id LEFT JOIN users u ON u.id = m.owner_id`

func scanMonitorItem(r rowScanner) (MonitorItem, error) {
	var it MonitorItem
	var kind, stage, pos string
	err := r.Scan(&it.ID, &it.OrgID, &kind, &it.ActID, &it.ActKey, &it.ConsultationID, &it.Title, &it.Link, &stage,
		&it.OwnerID, &it.OwnerName, &it.Notes, &pos, &it.PositionText, &it.CreatedBy, &it.CreatedAt, &it.UpdatedAt)
	it.Kind, it.Stage, it.Position = MonitorKind(kind), MonitorStage(stage), MonitorPosition(pos)
	it.CreatedAt, it.UpdatedAt = it.CreatedAt.UTC(), it.UpdatedAt.UTC()
	return it, err
}

func monitorItemTx(ctx context.Context, tx *Tx, orgID, id string) (MonitorItem, error) {
	it, err := scanMonitorItem(tx.QueryRowContext(ctx, `SELECT `+monitorColumns+monitorFrom+` WHERE m.id = $1 AND m.org_id = $2`, id, orgID))
	return it, notFound(err, "monitor.error.not_found")
}

// MonitorItem returns one item of orgID's board. NotFound
// ("monitor.error.not_found") also for an item of another organisation.
func (s *Store) MonitorItem(ctx context.Context, orgID, id string) (MonitorItem, error) {
	var it MonitorItem
	err := s.read(ctx, func(tx *Tx) (err error) {
		it, err = monitorItemTx(ctx, tx, orgID, id)
		return err
	})
	return it, err
}

// MonitorItems returns orgID's board, most recently changed first.
func (s *Store) MonitorItems(ctx context.Context, orgID string, f MonitorFilter) ([]MonitorItem, error) {
	var a sqlArgs
	q := `SELECT ` + monitorColumns + monitorFrom + ` WHERE m.org_id = ` + a.add(orgID)
	if f.Stage != "" {
		q += ` AND m.stage = ` + a.add(string(f.Stage))
	}
	if f.OwnerID != "" {
		q += ` AND m.owner_id = ` + a.add(f.OwnerID)
	}
	var out []MonitorItem
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, q+` ORDER BY m.updated_at DESC, m.id`, a.vals...)
		if err != nil {
			return fmt.Errorf("store: monitor items: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			it, err := scanMonitorItem(rows)
			if err != nil {
				return err
			}
			out = append(out, it)
		}
		return rows.Err()
	})
	return out, err
}

// UpdateMonitorItem edits an item; a changed stage, position or owner is
// recorded on the timeline by actorID. The item's subject (act, draft)
// stays. Invalid for bad input; NotFound for an item not on orgID's board.
func (s *Store) UpdateMonitorItem(ctx context.Context, actorID, orgID, id string, in MonitorInput) error {
	return s.write(ctx, func(tx *Tx) error {
		old, err := monitorItemTx(ctx, tx, orgID, id)
		if err != nil {
			return err
		}
		in.Kind, in.Act, in.ConsultationID = old.Kind, old.ActID, old.ConsultationID
		if strings.TrimSpace(in.Title) == "" && old.Kind != MonitorOther {
			in.Title = old.Title
		}
		if err := validMonitor(&in); err != nil {
			return err
		}
		var it MonitorItem
		if err := resolveMonitorSubject(ctx, tx, orgID, &in, &it); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE monitor_items SET title = $3, link = $4, stage = $5, owner_id = $6, notes = $7,
			position = $8, position_text = $9, updated_at = $10 WHERE id = $1 AND org_id = $2`,
			id, orgID, it.Title, it.Link, string(in.Stage), nullable(in.OwnerID), in.Notes, string(in.Position), in.PositionText, tx.Now); err != nil {
			return fmt.Errorf("store: update monitor item: %w", err)
		}
		if in.Stage != old.Stage {
			if err := addMonitorEvent(ctx, tx, id, EventStage, actorID, string(in.Stage), "", "", ""); err != nil {
				return err
			}
		}
		if in.Position != old.Position || in.PositionText != old.PositionText {
			if err := addMonitorEvent(ctx, tx, id, EventPosition, actorID, string(in.Position), in.PositionText, "", ""); err != nil {
				return err
			}
		}
		if in.OwnerID != old.OwnerID {
			var name string
			if in.OwnerID != "" {
				if err := tx.QueryRowContext(ctx, `SELECT display_name FROM users WHERE id = $1`, in.OwnerID).Scan(&name); err != nil {
					return err
				}
			}
			if err := addMonitorEvent(ctx, tx, id, EventOwner, actorID, "", name, "", ""); err != nil {
				return err
			}
		}
		return nil
	})
}

// AddMonitorNote appends actorID's note to an item's timeline. Invalid
// ("note") for an empty or too long note; NotFound for an unknown item.
func (s *Store) AddMonitorNote(ctx context.Context, actorID, orgID, id, note string) error {
	var es agora.Errs
	note = agora.ValidateText(&es, "note", note, 1, 10000, true)
	if err := es.Err(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		if _, err := monitorItemTx(ctx, tx, orgID, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE monitor_items SET updated_at = $2 WHERE id = $1`, id, tx.Now); err != nil {
			return err
		}
		return addMonitorEvent(ctx, tx, id, EventNote, actorID, "", note, "", "")
	})
}

// DeleteMonitorItem removes an item and its timeline from orgID's board.
func (s *Store) DeleteMonitorItem(ctx context.Context, orgID, id string) error {
	return s.write(ctx, func(tx *Tx) error {
		if _, err := monitorItemTx(ctx, tx, orgID, id); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM monitor_events WHERE item_id = $1`, id); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `DELETE FROM monitor_items WHERE id = $1`, id)
		return err
	})
}

// MonitorEvents returns an item's timeline, newest first.
func (s *Store) MonitorEvents(ctx context.Context, itemID string) ([]MonitorEvent, error) {
	var out []MonitorEvent
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT e.id, e.item_id, e.kind, COALESCE(e.actor_id, ''), COALESCE(u.display_name, ''),
			e.stage, e.body, e.link, e.created_at FROM monitor_events e LEFT JOIN users u ON u.id = e.actor_id
			WHERE e.item_id = $1 ORDER BY e.seq DESC LIMIT 500`, itemID)
		if err != nil {
			return fmt.Errorf("store: monitor events: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var e MonitorEvent
			if err := rows.Scan(&e.ID, &e.ItemID, &e.Kind, &e.ActorID, &e.ActorName, &e.Stage, &e.Body, &e.Link, &e.CreatedAt); err != nil {
				return err
			}
			e.CreatedAt = e.CreatedAt.UTC()
			out = append(out, e)
		}
		return rows.Err()
	})
	return out, err
}
