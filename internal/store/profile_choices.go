package store

import (
	"context"
	"fmt"

	"github.com/agora-civic/agora"
)

// ProfileDomain is a domain of activity with its name in each language.
type ProfileDomain struct {
	Slug                   string
	NameRO, NamePL, NameEN string
}

// Name returns the domain's name in lang, Romanian when lang is unknown.
func (d ProfileDomain) Name(lang string) string {
	switch lang {
	case "pl":
		return d.NamePL
	case "en":
		return d.NameEN
	}
	return d.NameRO
}

// ProfileChoices are the options of the profile form and the directory
// filters that live in the database.
type ProfileChoices struct {
	// Regions are the level-1 administrative units of both countries,
	// Romania first, by name.
	Regions []agora.AdminUnit
	// Domains are in their configured order.
	Domains []ProfileDomain
}

// ProfileChoices returns the regions and domains to choose from. Either
// list is empty until the administrative units or the domains are
// imported.
func (s *Store) ProfileChoices(ctx context.Context) (ProfileChoices, error) {
	var c ProfileChoices
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT country, code, kind, name FROM admin_units WHERE level = 1
			ORDER BY CASE country WHEN 'RO' THEN 0 ELSE 1 END, name_fold, code`)
		if err != nil {
			return fmt.Errorf("store: regions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			u := agora.AdminUnit{Level: 1}
			if err := rows.Scan(&u.Country, &u.Code, &u.Kind, &u.Name); err != nil {
				return err
			}
			u.Region = u.Code
			c.Regions = append(c.Regions, u)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		rows.Close()
		drows, err := tx.QueryContext(ctx, `SELECT slug, name_ro, name_pl, name_en FROM domains ORDER BY position, slug`)
		if err != nil {
			return fmt.Errorf("store: domains: %w", err)
		}
		defer drows.Close()
		for drows.Next() {
			var d ProfileDomain
			if err := drows.Scan(&d.Slug, &d.NameRO, &d.NamePL, &d.NameEN); err != nil {
				return err
			}
			c.Domains = append(c.Domains, d)
		}
		return drows.Err()
	})
	return c, err
}
