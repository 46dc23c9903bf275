package store

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"github.com/agora-civic/agora"
)

// OrgPage is one page of the organisation directory.
type OrgPage struct {
	Orgs []agora.Organisation
	// Next and Prev are opaque cursors for the neighbouring pages, "" at
	// either end.
	Next, Prev string
	// Total counts every organisation the filter matches.
	Total int
}

// orgCursor is a position in the directory's (name_fold, id) order. Back
// marks a cursor that pages backwards from that position.
type orgCursor struct {
	Name string `json:"n"`
	ID   string `json:"i"`
	Back bool   `json:"b,omitempty"`
}

func (c orgCursor) encode() string {
	b, _ := json.Marshal(c)
	return base64.RawURLEncoding.EncodeToString(b)
}

func decodeOrgCursor(s string) (orgCursor, error) {
	var c orgCursor
	b, err := base64.RawURLEncoding.DecodeString(s)
	if err == nil {
		err = json.Unmarshal(b, &c)
	}
	if err != nil || c.ID == "" || len(s) > 1024 {
		return c, agora.Errorf(agora.Invalid, "org.cursor.invalid")
	}
	return c, nil
}

// orgSearchWords bounds how many words of a query become LIKE conditions.
const orgSearchWords = 6

// ListOrgs returns one page of organisations in name order, ignoring case
// and diacritics, with keyset pagination: the cursor names the last row
// seen, so pages neither skip nor repeat rows when others are added
// meanwhile. Every word of Query must occur in the name or short name
// ("iasi natura" finds "Asociația Natura Iași"). Invalid with key
// "org.cursor.invalid" for a cursor this method did not make.
func (s *Store) ListOrgs(ctx context.Context, f agora.OrgFilter) (OrgPage, error) {
	if f.Limit <= 0 || f.Limit > 100 {
		f.Limit = 20
	}
	var cur orgCursor
	if f.Cursor != "" {
		var err error
		if cur, err = decodeOrgCursor(f.Cursor); err != nil {
			return OrgPage{}, err
		}
	}
	var p OrgPage
	err := s.read(ctx, func(tx *Tx) error {
		var a orgArgs
		where := orgWhere(f, &a)
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations o WHERE `+where, a.vals...).Scan(&p.Total); err != nil {
			return fmt.Errorf("store: count organisations: %w", err)
		}
		order := `o.name_fold, o.id`
		if f.Cursor != "" {
			op := ">"
			if cur.Back {
				op, order = "<", `o.name_fold DESC, o.id DESC`
			}
			where += ` AND (o.name_fold ` + op + ` ` + a.add(cur.Name) + ` OR (o.name_fold = ` + a.add(cur.Name) +
				` AND o.id ` + op + ` ` + a.add(cur.ID) + `))`
		}
		rows, err := tx.QueryContext(ctx, `SELECT `+orgColumns+`, o.name_fold FROM organisations o WHERE `+where+
			` ORDER BY `+order+` LIMIT `+a.add(f.Limit+1), a.vals...)
		if err != nil {
			return fmt.Errorf("store: list organisations: %w", err)
		}
		defer rows.Close()
		var folds []string
		for rows.Next() {
			var fold string
			o, err := scanOrg(rows, &fold)
			if err != nil {
				return err
			}
			p.Orgs = append(p.Orgs, o)
			folds = append(folds, fold)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		more := len(p.Orgs) > f.Limit
		if more {
			p.Orgs, folds = p.Orgs[:f.Limit], folds[:f.Limit]
		}
		if cur.Back {
			slices.Reverse(p.Orgs)
			slices.Reverse(folds)
		}
		if n := len(p.Orgs); n > 0 {
			first := orgCursor{Name: folds[0], ID: p.Orgs[0].ID, Back: true}
			last := orgCursor{Name: folds[n-1], ID: p.Orgs[n-1].ID}
			switch {
			case cur.Back:
				// Coming back, the page after this one exists: we came from it.
				p.Next = last.encode()
				if more {
					p.Prev = first.encode()
				}
			default:
				if more {
					p.Next = last.encode()
				}
				if f.Cursor != "" {
					p.Prev = first.encode()
				}
			}
		}
		byID := make(map[string]*agora.Organisation, len(p.Orgs))
		for i := range p.Orgs {
			byID[p.Orgs[i].ID] = &p.Orgs[i]
		}
		return loadOrgDomains(ctx, tx, byID)
	})
	return p, err
}

// CountOrgs counts the organisations f matches; its cursor and limit are
// ignored.
func (s *Store) CountOrgs(ctx context.Context, f agora.OrgFilter) (int, error) {
	var n int
	err := s.read(ctx, func(tx *Tx) error {
		var a orgArgs
		return tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM organisations o WHERE `+orgWhere(f, &a), a.vals...).Scan(&n)
	})
	return n, err
}

// orgWhere builds the filter conditions of f, adding their values to a.
func orgWhere(f agora.OrgFilter, a *orgArgs) string {
	conds := []string{"1 = 1"}
	if f.Kind != "" {
		conds = append(conds, `o.kind = `+a.add(string(f.Kind)))
	}
	if f.Country != "" {
		conds = append(conds, `o.country = `+a.add(string(f.Country)))
	}
	if f.Region != "" {
		conds = append(conds, `o.region_code = `+a.add(f.Region))
	}
	if f.Domain != "" {
		conds = append(conds, `EXISTS (SELECT 1 FROM org_domains od WHERE od.org_id = o.id AND od.domain_slug = `+a.add(f.Domain)+`)`)
	}
	if f.Verified != nil {
		if *f.Verified {
			conds = append(conds, `o.verified_at IS NOT NULL`)
		} else {
			conds = append(conds, `o.verified_at IS NULL`)
		}
	}
	words := strings.Fields(agora.Fold(f.Query))
	if len(words) > orgSearchWords {
		words = words[:orgSearchWords]
	}
	for _, w := range words {
		p := a.add("%" + escapeLike(w) + "%")
		conds = append(conds, `(o.name_fold LIKE `+p+` ESCAPE '\' OR o.short_fold LIKE `+p+` ESCAPE '\')`)
	}
	return strings.Join(conds, " AND ")
}
