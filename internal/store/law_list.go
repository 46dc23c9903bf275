package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strconv"

	"github.com/agora-civic/agora"
)

// ActPage is one page of the act listing.
type ActPage struct {
	Acts []agora.Act
	// Next is the cursor of the following page, "" on the last one.
	Next string
}

// actCursor is a position in the listing's (year DESC, act_key) order.
type actCursor struct {
	Year int    `json:"y"`
	Key  string `json:"k"`
}

func (c actCursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeActCursor(s string) (actCursor, error) {
	var c actCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.Key == "" || len(s) > 1024 {
		return c, agora.Errorf(agora.Invalid, "law.error.cursor")
	}
	return c, nil
}

// ListActs returns one page of acts, newest year first, then by act key,
// with keyset pagination (the cursor names the last act seen). Invalid
// ("law.error.cursor") for a cursor this method did not make.
func (s *Store) ListActs(ctx context.Context, f agora.ActFilter) (ActPage, error) {
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	var cur actCursor
	if f.Cursor != "" {
		var err error
		if cur, err = decodeActCursor(f.Cursor); err != nil {
			return ActPage{}, err
		}
	}
	where, args := "1 = 1", []any{}
	add := func(cond string, v any) {
		args = append(args, v)
		where += " AND " + fmt.Sprintf(cond, "$"+strconv.Itoa(len(args)))
	}
	if f.Jurisdiction != "" {
		add("a.jurisdiction = %s", string(f.Jurisdiction))
	}
	if f.Kind != "" {
		add("a.kind = %s", f.Kind)
	}
	if f.Year != 0 {
		add("a.year = %s", f.Year)
	}
	if f.Status != "" {
		add("a.status = %s", string(f.Status))
	}
	if f.Domain != "" {
		add("EXISTS (SELECT 1 FROM law_domains d WHERE d.act_id = a.id AND d.domain_slug = %s)", f.Domain)
	}
	if f.Cursor != "" {
		args = append(args, cur.Year, cur.Key)
		n := len(args)
		where += fmt.Sprintf(" AND (a.year < $%d OR (a.year = $%d AND a.act_key > $%d))", n-1, n-1, n)
	}
	args = append(args, f.Limit+1)
	q := `SELECT ` + actColumns + ` FROM law_acts a WHERE ` + where +
		` ORDER BY a.year DESC, a.act_key LIMIT $` + strconv.Itoa(len(args))
	var p ActPage
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, q, args...)
		if err != nil {
			return fmt.Errorf("store: list acts: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			a, err := scanAct(rows)
			if err != nil {
				return err
			}
			p.Acts = append(p.Acts, a)
		}
		return rows.Err()
	})
	if len(p.Acts) > f.Limit {
		p.Acts = p.Acts[:f.Limit]
		last := p.Acts[f.Limit-1]
		p.Next = actCursor{Year: last.Year, Key: last.Key}.encode()
	}
	return p, err
}
