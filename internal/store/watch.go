package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/agora-civic/agora"
)

// WatchKind is what a watchlist item follows.
type WatchKind string

// Kinds of watchlist items.
const (
	WatchAct       WatchKind = "act"       // an act, by id (and key)
	WatchArticle   WatchKind = "article"   // a unit of an act and the units inside it
	WatchDomain    WatchKind = "domain"    // a domain slug
	WatchAuthority WatchKind = "authority" // an organisation id
	WatchSearch    WatchKind = "search"    // a saved law search (SavedSearch)
)

// WatchKinds lists the kinds in the order forms offer them.
var WatchKinds = []WatchKind{WatchAct, WatchArticle, WatchDomain, WatchAuthority, WatchSearch}

// Valid reports whether k is a known kind.
func (k WatchKind) Valid() bool {
	for _, x := range WatchKinds {
		if x == k {
			return true
		}
	}
	return false
}

// MaxWatchlists and MaxWatchItems bound what one person may watch, so one
// account cannot make every import match millions of items.
const (
	MaxWatchlists = 50
	MaxWatchItems = 500
)

// Watchlist is one person's named list of things to watch.
type Watchlist struct {
	ID     string
	UserID string
	Name   string
	// Mode is how alerts are mailed; "" follows the owner's notification
	// preference (EffectiveMode says what that is).
	Mode          agora.NotifyMode
	EffectiveMode agora.NotifyMode
	// HasFeed is true once a feed token was made (the token itself is
	// never stored).
	HasFeed   bool
	CreatedAt time.Time
	UpdatedAt time.Time
	// Items and RecentAlerts count the items and the alerts of the last
	// 30 days, for the overview.
	Items        int
	RecentAlerts int
}

// WatchItem is one thing a watchlist follows.
type WatchItem struct {
	ID      string
	ListID  string
	Kind    WatchKind
	ActID   string
	ActKey  string
	UnitKey string
	// Target is the domain slug, the organisation id or the saved search.
	Target string
	// Label names the item for people: the act's title, the domain's or
	// organisation's name, the search text, as they were when added.
	Label     string
	CreatedAt time.Time
}

// WatchItemInput is an item to add. Act is an act id or key (act and
// article items); Unit the unit key (article items); Target the domain
// slug, organisation id or saved search (SavedSearch.Encode).
type WatchItemInput struct {
	Kind   WatchKind
	Act    string
	Unit   string
	Target string
}

const watchlistColumns = `w.id, w.user_id, w.name, w.mode, COALESCE(np.mode, 'immediate'), w.feed_token_hash <> '', w.created_at, w.updated_at`

const watchlistFrom = ` FROM watchlists w LEFT JOIN notification_prefs np ON np.user_id = w.user_id`

func scanWatchlist(r rowScanner, extra ...any) (Watchlist, error) {
	var w Watchlist
	var mode, pref string
	err := r.Scan(append([]any{&w.ID, &w.UserID, &w.Name, &mode, &pref, &w.HasFeed, &w.CreatedAt, &w.UpdatedAt}, extra...)...)
	w.Mode = agora.NotifyMode(mode)
	w.EffectiveMode = effectiveMode(w.Mode, agora.NotifyMode(pref))
	w.CreatedAt, w.UpdatedAt = w.CreatedAt.UTC(), w.UpdatedAt.UTC()
	return w, err
}

func effectiveMode(list, pref agora.NotifyMode) agora.NotifyMode {
	if list != "" {
		return list
	}
	if ValidNotifyMode(pref) {
		return pref
	}
	return agora.NotifyImmediate
}

// validWatchMode accepts the three modes and "" (the owner's preference).
func validWatchMode(m agora.NotifyMode) bool { return m == "" || ValidNotifyMode(m) }

func validWatchlist(name string, mode agora.NotifyMode) (string, error) {
	var es agora.Errs
	name = agora.ValidateText(&es, "name", name, 1, 120, false)
	if !validWatchMode(mode) {
		es.Add("mode", "field.invalid_choice", nil)
	}
	return name, es.Err()
}

// CreateWatchlist makes a list for userID. Invalid for a bad name or
// mode; Conflict ("watch.error.too_many_lists") past MaxWatchlists.
func (s *Store) CreateWatchlist(ctx context.Context, userID, name string, mode agora.NotifyMode) (Watchlist, error) {
	name, err := validWatchlist(name, mode)
	if err != nil {
		return Watchlist{}, err
	}
	var w Watchlist
	err = s.write(ctx, func(tx *Tx) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM watchlists WHERE user_id = $1`, userID).Scan(&n); err != nil {
			return err
		}
		if n >= MaxWatchlists {
			return agora.Errorf(agora.Conflict, "watch.error.too_many_lists")
		}
		id := agora.NewID()
		if _, err := tx.ExecContext(ctx, `INSERT INTO watchlists (id, user_id, name, mode, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5)`, id, userID, name, string(mode), tx.Now); err != nil {
			return fmt.Errorf("store: create watchlist: %w", err)
		}
		w, err = watchlistTx(ctx, tx, id)
		return err
	})
	return w, err
}

func watchlistTx(ctx context.Context, tx *Tx, id string) (Watchlist, error) {
	w, err := scanWatchlist(tx.QueryRowContext(ctx, `SELECT `+watchlistColumns+watchlistFrom+` WHERE w.id = $1`, id))
	return w, notFound(err, "watch.error.not_found")
}

// Watchlist returns one list. NotFound ("watch.error.not_found").
func (s *Store) Watchlist(ctx context.Context, id string) (Watchlist, error) {
	var w Watchlist
	err := s.read(ctx, func(tx *Tx) (err error) {
		w, err = watchlistTx(ctx, tx, id)
		return err
	})
	return w, err
}

// Watchlists returns userID's lists, oldest first, with their counts.
func (s *Store) Watchlists(ctx context.Context, userID string) ([]Watchlist, error) {
	var out []Watchlist
	err := s.read(ctx, func(tx *Tx) error {
		since := tx.Now.Add(-30 * 24 * time.Hour)
		rows, err := tx.QueryContext(ctx, `SELECT `+watchlistColumns+`,
			(SELECT COUNT(*) FROM watch_items i WHERE i.list_id = w.id),
			(SELECT COUNT(*) FROM watch_alerts a WHERE a.list_id = w.id AND a.created_at >= $2)`+watchlistFrom+`
			WHERE w.user_id = $1 ORDER BY w.created_at, w.id`, userID, since)
		if err != nil {
			return fmt.Errorf("store: watchlists: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var items, alerts int
			w, err := scanWatchlist(rows, &items, &alerts)
			if err != nil {
				return err
			}
			w.Items, w.RecentAlerts = items, alerts
			out = append(out, w)
		}
		return rows.Err()
	})
	return out, err
}

// UpdateWatchlist renames a list and sets its mode. Invalid for a bad
// name or mode; NotFound for an unknown list.
func (s *Store) UpdateWatchlist(ctx context.Context, id, name string, mode agora.NotifyMode) error {
	name, err := validWatchlist(name, mode)
	if err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE watchlists SET name = $2, mode = $3, updated_at = $4 WHERE id = $1`, id, name, string(mode), tx.Now)
		return affectedOne(res, err, "watch.error.not_found")
	})
}

// DeleteWatchlist removes a list with its items and alerts.
func (s *Store) DeleteWatchlist(ctx context.Context, id string) error {
	return s.write(ctx, func(tx *Tx) error {
		// Children first: SQLite enforces ON DELETE CASCADE, but deleting
		// explicitly keeps the statement count the same on both databases.
		for _, q := range []string{`DELETE FROM watch_alerts WHERE list_id = $1`, `DELETE FROM watch_items WHERE list_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, id); err != nil {
				return err
			}
		}
		res, err := tx.ExecContext(ctx, `DELETE FROM watchlists WHERE id = $1`, id)
		return affectedOne(res, err, "watch.error.not_found")
	})
}

// SetWatchFeedToken stores the hash of a new feed token for the list,
// replacing (and so revoking) the previous one.
func (s *Store) SetWatchFeedToken(ctx context.Context, id, hash string) error {
	if hash == "" {
		return agora.Errorf(agora.Invalid, "error.invalid")
	}
	return s.writeQuiet(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `UPDATE watchlists SET feed_token_hash = $2 WHERE id = $1`, id, hash)
		return affectedOne(res, err, "watch.error.not_found")
	})
}

// WatchFeed is what the Atom feed of a list shows: the list, its latest
// alerts and the language of its owner (the feed is written in it).
type WatchFeed struct {
	List   Watchlist
	Lang   string
	Alerts []WatchAlert
}

// WatchFeedByToken returns the feed of list id when hash is the hash of
// its current feed token. NotFound otherwise, whether the list or the
// token is wrong, so the answer says nothing about which lists exist.
func (s *Store) WatchFeedByToken(ctx context.Context, id, hash string, limit int) (WatchFeed, error) {
	var f WatchFeed
	err := s.read(ctx, func(tx *Tx) error {
		var stored string
		err := tx.QueryRowContext(ctx, `SELECT w.feed_token_hash, u.lang FROM watchlists w JOIN users u ON u.id = w.user_id WHERE w.id = $1`, id).
			Scan(&stored, &f.Lang)
		if errors.Is(err, sql.ErrNoRows) || (err == nil && (stored == "" || !equalHash(stored, hash))) {
			return agora.Errorf(agora.NotFound, "watch.error.not_found")
		}
		if err != nil {
			return err
		}
		if f.List, err = watchlistTx(ctx, tx, id); err != nil {
			return err
		}
		f.Alerts, err = watchAlertsTx(ctx, tx, id, limit)
		return err
	})
	return f, err
}

func affectedOne(res sql.Result, err error, key string) error {
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return agora.Errorf(agora.NotFound, key)
	}
	return nil
}

// WatchItems returns a list's items, oldest first.
func (s *Store) WatchItems(ctx context.Context, listID string) ([]WatchItem, error) {
	var out []WatchItem
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+watchItemColumns+` FROM watch_items i WHERE i.list_id = $1 ORDER BY i.created_at, i.id`, listID)
		if err != nil {
			return fmt.Errorf("store: watch items: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			it, err := scanWatchItem(rows)
			if err != nil {
				return err
			}
			out = append(out, it)
		}
		return rows.Err()
	})
	return out, err
}

const watchItemColumns = `i.id, i.list_id, i.kind, i.act_id, i.act_key, i.unit_key, i.target, i.label, i.created_at`

func scanWatchItem(r rowScanner, extra ...any) (WatchItem, error) {
	var it WatchItem
	var kind string
	err := r.Scan(append([]any{&it.ID, &it.ListID, &kind, &it.ActID, &it.ActKey, &it.UnitKey, &it.Target, &it.Label, &it.CreatedAt}, extra...)...)
	it.Kind, it.CreatedAt = WatchKind(kind), it.CreatedAt.UTC()
	return it, err
}

// RemoveWatchItem removes one item of list listID; its past alerts stay.
// NotFound ("watch.error.item_not_found") when the list has no such item.
func (s *Store) RemoveWatchItem(ctx context.Context, listID, itemID string) error {
	return s.write(ctx, func(tx *Tx) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM watch_items WHERE id = $1 AND list_id = $2`, itemID, listID)
		return affectedOne(res, err, "watch.error.item_not_found")
	})
}

// AddWatchItem adds an item to list listID after checking that what it
// names exists: the act (by id or key) and, for an article, its unit in
// the current version; the domain; the organisation; a well-formed saved
// search. Invalid with the field at fault ("act", "unit", "domain",
// "authority", "search"); Conflict ("watch.error.duplicate") when the list
// already watches it, or ("watch.error.too_many_items") past
// MaxWatchItems; NotFound for an unknown list.
func (s *Store) AddWatchItem(ctx context.Context, listID string, in WatchItemInput) (WatchItem, error) {
	if !in.Kind.Valid() {
		return WatchItem{}, agora.FieldError("kind", "field.invalid_choice", nil)
	}
	it := WatchItem{ID: agora.NewID(), ListID: listID, Kind: in.Kind}
	var saved SavedSearch
	if in.Kind == WatchSearch {
		var err error
		if saved, err = ParseSavedSearch(in.Target); err != nil {
			return WatchItem{}, err
		}
		if saved.IsZero() {
			return WatchItem{}, agora.FieldError("search", "watch.error.empty_search", nil)
		}
		it.Target, it.Label = saved.Encode(), saved.Label()
	}
	err := s.write(ctx, func(tx *Tx) error {
		if _, err := watchlistTx(ctx, tx, listID); err != nil {
			return err
		}
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM watch_items WHERE list_id = $1`, listID).Scan(&n); err != nil {
			return err
		}
		if n >= MaxWatchItems {
			return agora.Errorf(agora.Conflict, "watch.error.too_many_items")
		}
		if err := resolveWatchTarget(ctx, tx, &it, in); err != nil {
			return err
		}
		it.CreatedAt = tx.Now
		res, err := tx.ExecContext(ctx, `INSERT INTO watch_items (id, list_id, kind, act_id, act_key, unit_key, target, label, created_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (list_id, kind, act_id, unit_key, target) DO NOTHING`,
			it.ID, listID, string(it.Kind), it.ActID, it.ActKey, it.UnitKey, it.Target, it.Label, tx.Now)
		if err != nil {
			return fmt.Errorf("store: add watch item: %w", err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return agora.Errorf(agora.Conflict, "watch.error.duplicate")
		}
		return nil
	})
	return it, err
}

// resolveWatchTarget fills the item's target fields from the input,
// checking that the act, unit, domain or organisation exists.
func resolveWatchTarget(ctx context.Context, tx *Tx, it *WatchItem, in WatchItemInput) error {
	switch in.Kind {
	case WatchAct, WatchArticle:
		act := strings.TrimSpace(in.Act)
		if act == "" {
			return agora.FieldError("act", "field.required", nil)
		}
		err := tx.QueryRowContext(ctx, `SELECT id, act_key, title FROM law_acts WHERE id = $1 OR act_key = $1`, act).Scan(&it.ActID, &it.ActKey, &it.Label)
		if errors.Is(err, sql.ErrNoRows) {
			return agora.FieldError("act", "watch.error.unknown_act", nil)
		}
		if err != nil || in.Kind == WatchAct {
			return err
		}
		it.UnitKey = strings.TrimSpace(in.Unit)
		if it.UnitKey == "" {
			return agora.FieldError("unit", "field.required", nil)
		}
		var one int
		err = tx.QueryRowContext(ctx, `SELECT 1 FROM law_units u JOIN law_acts a ON a.id = u.act_id AND a.version = u.version
			WHERE u.act_id = $1 AND u.unit_key = $2`, it.ActID, it.UnitKey).Scan(&one)
		if errors.Is(err, sql.ErrNoRows) {
			return agora.FieldError("unit", "watch.error.unknown_unit", nil)
		}
		return err
	case WatchDomain:
		it.Target = strings.TrimSpace(in.Target)
		err := tx.QueryRowContext(ctx, `SELECT slug FROM domains WHERE slug = $1`, it.Target).Scan(&it.Label)
		if errors.Is(err, sql.ErrNoRows) || it.Target == "" {
			return agora.FieldError("domain", "watch.error.unknown_domain", nil)
		}
		return err
	case WatchAuthority:
		it.Target = strings.TrimSpace(in.Target)
		err := tx.QueryRowContext(ctx, `SELECT name FROM organisations WHERE id = $1`, it.Target).Scan(&it.Label)
		if errors.Is(err, sql.ErrNoRows) || it.Target == "" {
			return agora.FieldError("authority", "watch.error.unknown_authority", nil)
		}
		return err
	}
	return nil
}
