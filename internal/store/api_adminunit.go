package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/agora-civic/agora"
)

// AdminUnitPageQuery selects administrative units for the address
// pickers of API clients, one page at a time. Zero fields do not filter,
// except Country, which is required.
type AdminUnitPageQuery struct {
	Country agora.Country
	// Parent is the code of the unit one level up.
	Parent string
	// Region is the code of the county or voivodeship.
	Region string
	// Level is 1 to 4, or 0 for any.
	Level int
	// Prefix is matched against the start of the folded name, so "iasi"
	// finds "Iași" and "lodz" finds "Łódź".
	Prefix string
	// Cursor is the Next of a previous page.
	Cursor string
	// Limit is the page size, 1 to 100 (default 20).
	Limit int
}

// AdminUnitPage is one page of units with the name of each one's parent.
type AdminUnitPage struct {
	Units []UnitCandidate
	// Next is the cursor of the following page, "" on the last one.
	Next string
}

// adminUnitCursor is a position in the (folded name, level, code) order
// of a unit page.
type adminUnitCursor struct {
	Name  string `json:"n"`
	Level int    `json:"l"`
	Code  string `json:"c"`
}

// PageAdminUnits returns units of one country in folded-name order (then
// level and code, which makes the order total), with keyset pagination so
// that pages never repeat or skip a unit. Parts of Polish localities are
// left out, as in the other pickers: they are chosen through their
// locality. It returns Invalid on "cursor" (api.cursor.invalid) for a
// cursor it did not make.
func (s *Store) PageAdminUnits(ctx context.Context, q AdminUnitPageQuery) (AdminUnitPage, error) {
	if q.Limit <= 0 || q.Limit > 100 {
		q.Limit = 20
	}
	var cur adminUnitCursor
	if q.Cursor != "" {
		b, err := base64.RawURLEncoding.DecodeString(q.Cursor)
		if err == nil {
			err = json.Unmarshal(b, &cur)
		}
		if err != nil || len(q.Cursor) > 1024 || cur.Code == "" {
			return AdminUnitPage{}, agora.FieldError("cursor", "api.cursor.invalid", nil)
		}
	}
	var a sqlArgs
	conds := []string{`u.country = ` + a.add(string(q.Country)), `u.kind <> ` + a.add(agora.KindCzescMiejscowosci)}
	if q.Parent != "" {
		conds = append(conds, `u.parent_code = `+a.add(q.Parent))
	}
	if q.Region != "" {
		conds = append(conds, `u.region = `+a.add(q.Region))
	}
	if q.Level != 0 {
		conds = append(conds, `u.level = `+a.add(q.Level))
	}
	if p := agora.Fold(strings.TrimSpace(q.Prefix)); p != "" {
		conds = append(conds, `u.name_fold LIKE `+a.add(escapeLike(p)+"%")+` ESCAPE '\'`)
	}
	if q.Cursor != "" {
		n, l, c := a.add(cur.Name), a.add(cur.Level), a.add(cur.Code)
		conds = append(conds, `(u.name_fold > `+n+` OR (u.name_fold = `+n+` AND (u.level > `+l+
			` OR (u.level = `+l+` AND u.code > `+c+`))))`)
	}
	var page AdminUnitPage
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT `+prefixed("u.", adminUnitColumns)+`, COALESCE(p.name, ''), u.name_fold
			FROM admin_units u LEFT JOIN admin_units p
				ON p.country = u.country AND p.level = u.level - 1 AND p.code = u.parent_code
			WHERE `+strings.Join(conds, " AND ")+`
			ORDER BY u.name_fold, u.level, u.code LIMIT `+a.add(q.Limit+1), a.vals...)
		if err != nil {
			return fmt.Errorf("store: page admin units: %w", err)
		}
		defer rows.Close()
		var last adminUnitCursor
		for rows.Next() {
			var c UnitCandidate
			var fold string
			if c.AdminUnit, err = scanAdminUnit(rows, &c.ParentName, &fold); err != nil {
				return err
			}
			if len(page.Units) == q.Limit {
				b, _ := json.Marshal(last)
				page.Next = base64.RawURLEncoding.EncodeToString(b)
				break
			}
			page.Units = append(page.Units, c)
			last = adminUnitCursor{Name: fold, Level: c.Level, Code: c.Code}
		}
		return rows.Err()
	})
	return page, err
}
