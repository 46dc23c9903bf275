package store

import (
	"cmp"
	"context"
	"fmt"
	"slices"

	"github.com/agora-civic/agora"
)

// UpsertDomains inserts or updates the domains of activity in one
// transaction, keeping their order as position, and returns how many rows
// it inserted or changed (0 when run again on the same list). A missing
// Polish or English name falls back to the Romanian one. Invalid for a
// domain without a slug or a Romanian name.
func (s *Store) UpsertDomains(ctx context.Context, domains []agora.Domain) (int, error) {
	for _, d := range domains {
		if d.Slug == "" || d.Names["ro"] == "" {
			return 0, agora.Errorf(agora.Invalid, "error.invalid").Wrap(fmt.Errorf("domain %q without slug or Romanian name", d.Slug))
		}
	}
	changed := 0
	err := s.write(ctx, func(tx *Tx) error {
		changed = 0
		for i, d := range domains {
			res, err := tx.ExecContext(ctx, `INSERT INTO domains (slug, name_ro, name_pl, name_en, position) VALUES ($1, $2, $3, $4, $5)
				ON CONFLICT (slug) DO UPDATE SET name_ro = excluded.name_ro, name_pl = excluded.name_pl,
					name_en = excluded.name_en, position = excluded.position
				WHERE domains.name_ro <> excluded.name_ro OR domains.name_pl <> excluded.name_pl
					OR domains.name_en <> excluded.name_en OR domains.position <> excluded.position`,
				d.Slug, d.Names["ro"], d.Name("pl"), d.Name("en"), i)
			if err != nil {
				return fmt.Errorf("store: upsert domain %s: %w", d.Slug, err)
			}
			n, err := res.RowsAffected()
			if err != nil {
				return err
			}
			changed += int(n)
		}
		return nil
	})
	return changed, err
}

// Domains returns every domain of activity, sorted by its name in lang
// without regard to case or diacritics ("Środowisko" among the S).
func (s *Store) Domains(ctx context.Context, lang string) ([]agora.Domain, error) {
	var out []agora.Domain
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		out, err = queryDomains(ctx, tx, `SELECT slug, name_ro, name_pl, name_en FROM domains`)
		return err
	})
	slices.SortStableFunc(out, func(a, b agora.Domain) int {
		return cmp.Or(cmp.Compare(agora.Fold(a.Name(lang)), agora.Fold(b.Name(lang))), cmp.Compare(a.Slug, b.Slug))
	})
	return out, err
}

func queryDomains(ctx context.Context, tx *Tx, q string, args ...any) ([]agora.Domain, error) {
	rows, err := tx.QueryContext(ctx, q, args...)
	if err != nil {
		return nil, fmt.Errorf("store: domains: %w", err)
	}
	defer rows.Close()
	var out []agora.Domain
	for rows.Next() {
		var slug, ro, pl, en string
		if err := rows.Scan(&slug, &ro, &pl, &en); err != nil {
			return nil, err
		}
		out = append(out, agora.Domain{Slug: slug, Names: map[string]string{"ro": ro, "pl": pl, "en": en}})
	}
	return out, rows.Err()
}
