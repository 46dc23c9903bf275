package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/agora-civic/agora"
)

const actColumns = `a.id, a.act_key, a.jurisdiction, a.kind, a.number, a.year, a.title, a.issuer, a.adopted_on,
	a.published_on, a.in_force_on, a.publication_ref, a.status, a.source_url, a.source_id, a.version,
	a.content_hash, a.imported_at, a.updated_at`

func scanAct(sc interface{ Scan(...any) error }) (agora.Act, error) {
	var a agora.Act
	var j, status string
	err := sc.Scan(&a.ID, &a.Key, &j, &a.Kind, &a.Number, &a.Year, &a.Title, &a.Issuer, &a.AdoptedOn, &a.PublishedOn,
		&a.InForceOn, &a.PublicationRef, &status, &a.SourceURL, &a.SourceID, &a.Version, &a.ContentHash, &a.ImportedAt, &a.UpdatedAt)
	a.Jurisdiction, a.Status = agora.Country(j), agora.ActStatus(status)
	a.ImportedAt, a.UpdatedAt = a.ImportedAt.UTC(), a.UpdatedAt.UTC()
	return a, err
}

// Act returns the act with the given id or act key ("ro/lege/2003/52"),
// with its domains. NotFound ("law.error.not_found") if there is none.
func (s *Store) Act(ctx context.Context, idOrKey string) (agora.Act, error) {
	var a agora.Act
	err := s.read(ctx, func(tx *Tx) (err error) {
		a, err = actByIDOrKey(ctx, tx, idOrKey)
		return err
	})
	return a, err
}

// ActByKey returns the act with the given act key; NotFound
// ("law.error.not_found") if it is not imported.
func (s *Store) ActByKey(ctx context.Context, key string) (agora.Act, error) {
	if _, err := agora.ParseActKey(key); err != nil {
		return agora.Act{}, agora.Errorf(agora.NotFound, "law.error.not_found")
	}
	return s.Act(ctx, key)
}

func actByIDOrKey(ctx context.Context, tx *Tx, idOrKey string) (agora.Act, error) {
	col := "a.id"
	if strings.Contains(idOrKey, "/") {
		col = "a.act_key"
	}
	a, err := scanAct(tx.QueryRowContext(ctx, `SELECT `+actColumns+` FROM law_acts a WHERE `+col+` = $1`, idOrKey))
	if err != nil {
		return a, notFound(err, "law.error.not_found")
	}
	a.Domains, err = actDomains(ctx, tx, a.ID)
	return a, err
}

func actDomains(ctx context.Context, tx *Tx, actID string) ([]string, error) {
	rows, err := tx.QueryContext(ctx, `SELECT domain_slug FROM law_domains WHERE act_id = $1 ORDER BY domain_slug`, actID)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var d string
		if err := rows.Scan(&d); err != nil {
			return nil, err
		}
		out = append(out, d)
	}
	return out, rows.Err()
}

// ActUnits returns the units of one version of an act in reading order;
// version 0 means the current one. NotFound ("law.error.not_found") if
// the act or that version does not exist.
func (s *Store) ActUnits(ctx context.Context, actID string, version int) ([]agora.Unit, error) {
	var out []agora.Unit
	err := s.read(ctx, func(tx *Tx) error {
		var current int
		if err := tx.QueryRowContext(ctx, `SELECT version FROM law_acts WHERE id = $1`, actID).Scan(&current); err != nil {
			return notFound(err, "law.error.not_found")
		}
		if version == 0 {
			version = current
		}
		if version < 1 || version > current {
			return agora.Errorf(agora.NotFound, "law.error.not_found")
		}
		rows, err := tx.QueryContext(ctx, `SELECT unit_key, parent_key, kind, number, heading, text, depth
			FROM law_units WHERE act_id = $1 AND version = $2 ORDER BY position`, actID, version)
		if err != nil {
			return fmt.Errorf("store: act units: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var u agora.Unit
			var kind string
			if err := rows.Scan(&u.Key, &u.ParentKey, &kind, &u.Number, &u.Heading, &u.Text, &u.Depth); err != nil {
				return err
			}
			u.Kind = agora.UnitKind(kind)
			out = append(out, u)
		}
		return rows.Err()
	})
	return out, err
}

// ActVersions returns the versions of an act, newest first. NotFound
// ("law.error.not_found") for an unknown act.
func (s *Store) ActVersions(ctx context.Context, actID string) ([]agora.ActVersion, error) {
	var out []agora.ActVersion
	err := s.read(ctx, func(tx *Tx) error {
		rows, err := tx.QueryContext(ctx, `SELECT version, content_hash, source_url, source_id, title, status, imported_at
			FROM law_versions WHERE act_id = $1 ORDER BY version DESC`, actID)
		if err != nil {
			return fmt.Errorf("store: act versions: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			var v agora.ActVersion
			var status string
			if err := rows.Scan(&v.Version, &v.ContentHash, &v.SourceURL, &v.SourceID, &v.Title, &status, &v.ImportedAt); err != nil {
				return err
			}
			v.Status, v.ImportedAt = agora.ActStatus(status), v.ImportedAt.UTC()
			out = append(out, v)
		}
		if err := rows.Err(); err != nil {
			return err
		}
		if len(out) == 0 {
			return notFound(sql.ErrNoRows, "law.error.not_found")
		}
		return nil
	})
	return out, err
}

// SetActDomains files an act under the given domain slugs, replacing
// what it had. NotFound ("law.error.not_found") for an unknown act;
// Invalid ("law.error.domain") for an unknown domain.
func (s *Store) SetActDomains(ctx context.Context, actID string, slugs []string) error {
	return s.write(ctx, func(tx *Tx) error {
		var one int
		if err := tx.QueryRowContext(ctx, `SELECT 1 FROM law_acts WHERE id = $1`, actID).Scan(&one); err != nil {
			return notFound(err, "law.error.not_found")
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM law_domains WHERE act_id = $1`, actID); err != nil {
			return err
		}
		for _, d := range slugs {
			if err := tx.QueryRowContext(ctx, `SELECT 1 FROM domains WHERE slug = $1`, d).Scan(&one); err != nil {
				if err == sql.ErrNoRows {
					e := agora.Errorf(agora.Invalid, "law.error.domain")
					e.Args = map[string]any{"domain": d}
					return e
				}
				return err
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO law_domains (act_id, domain_slug) VALUES ($1, $2)
				ON CONFLICT (act_id, domain_slug) DO NOTHING`, actID, d); err != nil {
				return err
			}
		}
		return nil
	})
}
