package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// profileColumns are read by scanProfile, in this order.
const profileColumns = `p.bio, p.country, p.region_code, p.languages, p.listed, p.active,
	p.vis_types, p.vis_bio, p.vis_region, p.vis_languages, p.vis_domains, p.vis_affiliations, p.updated_at`

// scanProfile reads profileColumns into p.
func scanProfile(r rowScanner, p *agora.Profile, extra ...any) error {
	var country, langs string
	var vis [6]string
	var active bool
	dest := append([]any{&p.Bio, &country, &p.RegionCode, &langs, &p.Listed, &active,
		&vis[0], &vis[1], &vis[2], &vis[3], &vis[4], &vis[5], &p.UpdatedAt}, extra...)
	if err := r.Scan(dest...); err != nil {
		return err
	}
	p.Country = agora.Country(country)
	if langs != "" {
		p.Languages = strings.Split(langs, ",")
	}
	p.UpdatedAt = p.UpdatedAt.UTC()
	p.InDirectory = p.Listed && active
	p.Visibility = make(map[string]agora.Visibility, len(vis))
	for i, f := range agora.ProfileFields() {
		p.Visibility[f] = agora.Visibility(vis[i])
	}
	return nil
}

// GetProfile returns the profile of a user with their affiliations. A
// user who never saved a profile gets the defaults (listed, default
// visibility, nothing filled in) with InDirectory false. It returns
// NotFound ("error.not_found") when the user does not exist. The result
// holds every field: callers showing it to someone else must apply
// Profile.VisibleTo.
func (s *Store) GetProfile(ctx context.Context, userID string) (agora.Profile, error) {
	var p agora.Profile
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		p, err = profileByUser(ctx, tx, userID)
		return err
	})
	return p, err
}

func profileByUser(ctx context.Context, tx *Tx, userID string) (agora.Profile, error) {
	p := agora.Profile{UserID: userID, Listed: true, Visibility: agora.DefaultProfileVisibility()}
	err := tx.QueryRowContext(ctx, `SELECT display_name FROM users WHERE id = $1`, userID).Scan(&p.DisplayName)
	if err != nil {
		return p, notFound(err, "error.not_found")
	}
	err = scanProfile(tx.QueryRowContext(ctx, `SELECT `+profileColumns+` FROM profiles p WHERE p.user_id = $1`, userID), &p)
	if errors.Is(err, sql.ErrNoRows) {
		return p, nil
	}
	if err != nil {
		return p, fmt.Errorf("store: profile %s: %w", userID, err)
	}
	byUser := map[string]*agora.Profile{userID: &p}
	return p, loadProfileExtras(ctx, tx, byUser)
}

// loadProfileExtras fills Types, Domains and Affiliations of the given
// profiles in one statement: a directory page costs statements more than
// rows. An officer whom no platform admin verified yet is shown as a plain
// member, as the policy layer treats them.
func loadProfileExtras(ctx context.Context, tx *Tx, byUser map[string]*agora.Profile) error {
	if len(byUser) == 0 {
		return nil
	}
	var a sqlArgs
	in := a.in(mapKeys(byUser))
	rows, err := tx.QueryContext(ctx, `SELECT user_id, 't', type, '', '', 0, 0, '' FROM profile_types WHERE user_id IN `+in+`
		UNION ALL SELECT user_id, 'd', domain_slug, '', '', 0, 0, '' FROM profile_domains WHERE user_id IN `+in+`
		UNION ALL SELECT m.user_id, 'a', o.id, o.name, m.role, CASE WHEN m.verified_at IS NULL THEN 0 ELSE 1 END,
			CASE WHEN o.verified_at IS NULL THEN 0 ELSE 1 END, o.name_fold
		FROM memberships m JOIN organisations o ON o.id = m.org_id WHERE m.user_id IN `+in+`
		ORDER BY 8, 3`, a.vals...)
	if err != nil {
		return fmt.Errorf("store: profile lists: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, kind, v, name, role, fold string
		var memberVerified, orgVerified int
		if err := rows.Scan(&id, &kind, &v, &name, &role, &memberVerified, &orgVerified, &fold); err != nil {
			return err
		}
		p := byUser[id]
		switch kind {
		case "t":
			p.Types = append(p.Types, agora.StakeholderType(v))
		case "d":
			p.Domains = append(p.Domains, v)
		case "a":
			af := agora.Affiliation{OrgID: v, OrgName: name, Role: agora.OrgRole(role), OrgVerified: orgVerified == 1}
			if af.Role == agora.OrgOfficer && memberVerified == 0 {
				af.Role = agora.OrgMember
			}
			p.Affiliations = append(p.Affiliations, af)
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	types := agora.StakeholderTypes()
	for _, p := range byUser {
		slices.SortFunc(p.Types, func(x, y agora.StakeholderType) int {
			return slices.Index(types, x) - slices.Index(types, y)
		})
		slices.Sort(p.Domains)
	}
	return nil
}

// SaveProfile validates in and stores it as the user's profile, creating
// the row on first save, all in one transaction. Besides the field errors
// of ProfileInput.Validate it returns Invalid for a region that is not a
// level-1 unit of the chosen country ("region", "profile.region.invalid")
// and for unknown domains ("domains", "field.invalid_choice"); NotFound
// when the user does not exist.
func (s *Store) SaveProfile(ctx context.Context, userID string, in agora.ProfileInput) error {
	if err := in.Validate(); err != nil {
		return err
	}
	return s.write(ctx, func(tx *Tx) error {
		var name string
		var verified, disabled sql.NullTime
		err := tx.QueryRowContext(ctx, `SELECT display_name, email_verified_at, disabled_at FROM users WHERE id = $1`, userID).
			Scan(&name, &verified, &disabled)
		if err != nil {
			return notFound(err, "error.not_found")
		}
		if err := checkProfileRefs(ctx, tx, in); err != nil {
			return err
		}
		place := ""
		if in.Region != "" {
			place = in.Country + "-" + in.Region
		}
		// Languages in platform order, so the list reads the same everywhere.
		langs := slices.Clone(in.Languages)
		order := agora.ProfileLanguages()
		slices.SortFunc(langs, func(x, y string) int { return slices.Index(order, x) - slices.Index(order, y) })
		_, err = tx.ExecContext(ctx, `INSERT INTO profiles (user_id, bio, country, region_code, place, languages,
			languages_mask, types_mask, listed, active,
			vis_types, vis_bio, vis_region, vis_languages, vis_domains, vis_affiliations, name_fold, updated_at)
			VALUES ($1, $2, $3, $4, $5, $16, $17, $18, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)
			ON CONFLICT (user_id) DO UPDATE SET bio = excluded.bio, country = excluded.country,
				region_code = excluded.region_code, place = excluded.place, languages = excluded.languages,
				languages_mask = excluded.languages_mask, types_mask = excluded.types_mask, listed = excluded.listed,
				active = excluded.active, vis_types = excluded.vis_types, vis_bio = excluded.vis_bio,
				vis_region = excluded.vis_region, vis_languages = excluded.vis_languages,
				vis_domains = excluded.vis_domains, vis_affiliations = excluded.vis_affiliations,
				name_fold = excluded.name_fold, updated_at = excluded.updated_at`,
			userID, in.Bio, in.Country, in.Region, place, in.Listed, verified.Valid && !disabled.Valid,
			string(in.VisibilityOf(agora.FieldTypes)), string(in.VisibilityOf(agora.FieldBio)),
			string(in.VisibilityOf(agora.FieldRegion)), string(in.VisibilityOf(agora.FieldLanguages)),
			string(in.VisibilityOf(agora.FieldDomains)), string(in.VisibilityOf(agora.FieldAffiliations)),
			agora.Fold(name), tx.Now, strings.Join(langs, ","), languageMask(in.Languages), typeMask(in.Types))
		if err != nil {
			return fmt.Errorf("store: save profile: %w", err)
		}
		for _, q := range []string{`DELETE FROM profile_types WHERE user_id = $1`,
			`DELETE FROM profile_domains WHERE user_id = $1`, `DELETE FROM profile_terms WHERE user_id = $1`} {
			if _, err := tx.ExecContext(ctx, q, userID); err != nil {
				return fmt.Errorf("store: save profile: %w", err)
			}
		}
		for _, t := range in.Types {
			if _, err := tx.ExecContext(ctx, `INSERT INTO profile_types (user_id, type) VALUES ($1, $2)`, userID, t); err != nil {
				return fmt.Errorf("store: save profile types: %w", err)
			}
		}
		for _, d := range in.Domains {
			if _, err := tx.ExecContext(ctx, `INSERT INTO profile_domains (user_id, domain_slug) VALUES ($1, $2)`, userID, d); err != nil {
				return fmt.Errorf("store: save profile domains: %w", err)
			}
		}
		return insertTerms(ctx, tx, userID, name, in.Bio)
	})
}

// typeMask and languageMask encode choices as bits: bit i is position i
// in agora.StakeholderTypes or agora.ProfileLanguages (which therefore
// only ever grow at the end). Unknown values have no bit.
func typeMask(types []string) int64 {
	var m int64
	for _, t := range types {
		if i := slices.Index(agora.StakeholderTypes(), agora.StakeholderType(t)); i >= 0 {
			m |= 1 << i
		}
	}
	return m
}

func languageMask(langs []string) int64 {
	var m int64
	for _, l := range langs {
		if i := slices.Index(agora.ProfileLanguages(), l); i >= 0 {
			m |= 1 << i
		}
	}
	return m
}

// checkProfileRefs checks the region and domains against their tables.
func checkProfileRefs(ctx context.Context, tx *Tx, in agora.ProfileInput) error {
	var es agora.Errs
	if in.Region != "" {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM admin_units WHERE country = $1 AND code = $2 AND level = 1`,
			in.Country, in.Region).Scan(&n)
		if err != nil {
			return err
		}
		if n == 0 {
			es.Add("region", "profile.region.invalid", nil)
		}
	}
	if len(in.Domains) > 0 {
		var a sqlArgs
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM domains WHERE slug IN `+a.in(in.Domains), a.vals...).Scan(&n); err != nil {
			return err
		}
		if n != len(in.Domains) {
			es.Add("domains", "field.invalid_choice", nil)
		}
	}
	return es.Err()
}

// insertTerms stores the search words of a name and a bio.
func insertTerms(ctx context.Context, tx *Tx, userID, name, bio string) error {
	for _, ft := range [...]struct{ field, text string }{{"name", name}, {"bio", bio}} {
		for _, term := range searchTerms(ft.text, maxTermsPerField) {
			_, err := tx.ExecContext(ctx, `INSERT INTO profile_terms (user_id, field, term) VALUES ($1, $2, $3)`, userID, ft.field, term)
			if err != nil {
				return fmt.Errorf("store: profile terms: %w", err)
			}
		}
	}
	return nil
}

// RefreshProfileName recomputes the folded name and name search words of
// a profile after the user's display name changed. Whoever changes
// users.display_name calls it (in the same transaction through
// refreshProfileName when it can). A user without a profile row is left
// alone.
func (s *Store) RefreshProfileName(ctx context.Context, userID string) error {
	return s.write(ctx, func(tx *Tx) error { return refreshProfileName(ctx, tx, userID) })
}

func refreshProfileName(ctx context.Context, tx *Tx, userID string) error {
	var name string
	err := tx.QueryRowContext(ctx, `SELECT display_name FROM users WHERE id = $1`, userID).Scan(&name)
	if err != nil {
		return notFound(err, "error.not_found")
	}
	res, err := tx.ExecContext(ctx, `UPDATE profiles SET name_fold = $1 WHERE user_id = $2`, agora.Fold(name), userID)
	if err != nil {
		return err
	}
	if n, _ := res.RowsAffected(); n == 0 {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM profile_terms WHERE user_id = $1 AND field = 'name'`, userID); err != nil {
		return err
	}
	for _, term := range searchTerms(name, maxTermsPerField) {
		if _, err := tx.ExecContext(ctx, `INSERT INTO profile_terms (user_id, field, term) VALUES ($1, 'name', $2)`, userID, term); err != nil {
			return err
		}
	}
	return nil
}

// Limits of the word index: a bio of 1,000 characters has at most 500
// words; longer words are cut, which only makes a longer query word miss.
const (
	maxTermsPerField = 500
	maxTermBytes     = 48
	maxQueryWords    = 6
)

// searchTerms folds s and splits it into distinct words of letters and
// digits, in order of first appearance, at most max of them.
func searchTerms(s string, max int) []string {
	words := strings.FieldsFunc(agora.Fold(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	out := make([]string, 0, len(words))
	seen := make(map[string]bool, len(words))
	for _, w := range words {
		if len(w) > maxTermBytes {
			w = w[:maxTermBytes]
			for !utf8.ValidString(w) {
				w = w[:len(w)-1]
			}
		}
		if !seen[w] {
			seen[w] = true
			out = append(out, w)
			if len(out) == max {
				break
			}
		}
	}
	return out
}

// sqlArgs numbers query parameters as they are added.
type sqlArgs struct{ vals []any }

// add appends a value and returns its placeholder.
func (a *sqlArgs) add(v any) string {
	a.vals = append(a.vals, v)
	return fmt.Sprintf("$%d", len(a.vals))
}

// in returns "($n, $n+1, …)" for the values, which must not be empty.
func (a *sqlArgs) in(vs []string) string {
	var b strings.Builder
	b.WriteByte('(')
	for i, v := range vs {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(a.add(v))
	}
	b.WriteByte(')')
	return b.String()
}

func mapKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}
