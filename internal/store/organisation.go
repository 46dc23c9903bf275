package store

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"strings"

	"github.com/agora-civic/agora"
)

// orgColumns are read by scanOrg. The unit name is looked up at the
// deepest level for the same reason as in AdminUnit.
const orgColumns = `o.id, o.name, o.short_name, o.kind, o.authority_level, o.country, o.tax_id, o.registry_no, o.regon,
	o.street, o.unit_code, o.region_code, o.postal_code, o.website, o.email, o.phone, o.description, o.founded_year,
	o.verified_at, o.created_at, o.updated_at,
	COALESCE((SELECT u.name FROM admin_units u WHERE u.country = o.country AND u.code = o.unit_code AND o.unit_code <> ''
		ORDER BY u.level DESC LIMIT 1), ''),
	COALESCE((SELECT r.name FROM admin_units r WHERE r.country = o.country AND r.level = 1 AND r.code = o.region_code), ''),
	(SELECT COUNT(*) FROM memberships m WHERE m.org_id = o.id)`

func scanOrg(r rowScanner, extra ...any) (agora.Organisation, error) {
	var o agora.Organisation
	var kind, country string
	var verified sql.NullTime
	dest := append([]any{&o.ID, &o.Name, &o.ShortName, &kind, &o.AuthorityLevel, &country, &o.TaxID, &o.RegistryNo, &o.REGON,
		&o.Street, &o.UnitCode, &o.RegionCode, &o.PostalCode, &o.Website, &o.Email, &o.Phone, &o.Description, &o.FoundedYear,
		&verified, &o.CreatedAt, &o.UpdatedAt, &o.UnitName, &o.RegionName, &o.MemberCount}, extra...)
	if err := r.Scan(dest...); err != nil {
		return o, err
	}
	o.Kind, o.Country = agora.OrgKind(kind), agora.Country(country)
	if verified.Valid {
		t := verified.Time.UTC()
		o.VerifiedAt = &t
	}
	o.CreatedAt, o.UpdatedAt = o.CreatedAt.UTC(), o.UpdatedAt.UTC()
	return o, nil
}

// CreateOrg validates in and creates the organisation with actorID as its
// first admin, in one transaction with the "org.create" audit entry. It
// returns the field errors of OrgInput.Validate, and also Invalid on
// "locality" (org.locality.unknown, org.locality.wrong_region), "region"
// or "domains" (field.invalid_choice) for references that do not exist,
// and on "tax_id" (org.tax_id.taken) when another organisation of the
// country has the same tax identifier.
func (s *Store) CreateOrg(ctx context.Context, actorID string, in agora.OrgInput) (agora.Organisation, error) {
	in, err := in.Validate()
	if err != nil {
		return agora.Organisation{}, err
	}
	var o agora.Organisation
	err = s.write(ctx, func(tx *Tx) error {
		region, err := checkOrgRefs(ctx, tx, in)
		if err != nil {
			return err
		}
		id := agora.NewID()
		_, err = tx.ExecContext(ctx, `INSERT INTO organisations (id, name, name_fold, short_name, short_fold, kind, authority_level,
			country, tax_id, registry_no, regon, street, unit_code, region_code, postal_code, website, email, phone,
			description, founded_year, created_by, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $22)`,
			id, in.Name, agora.Fold(in.Name), in.ShortName, agora.Fold(in.ShortName), in.Kind, in.AuthorityLevel,
			in.Country, in.TaxID, in.RegistryNo, in.REGON, in.Street, in.UnitCode, region, in.PostalCode, in.Website,
			in.Email, in.Phone, in.Description, in.FoundedYearInt(), actorID, tx.Now)
		if isUniqueViolation(err) {
			return agora.FieldError("tax_id", "org.tax_id.taken", nil).Wrap(err)
		}
		if err != nil {
			return fmt.Errorf("store: create organisation: %w", err)
		}
		if err := setOrgDomains(ctx, tx, id, in.Domains); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)`,
			id, actorID, string(agora.OrgAdmin), tx.Now)
		if err != nil {
			return fmt.Errorf("store: create organisation admin: %w", err)
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: id, Action: "org.create",
			TargetKind: "organisation", TargetID: id}); err != nil {
			return err
		}
		o, err = orgByID(ctx, tx, id)
		return err
	})
	return o, err
}

// checkOrgRefs checks that the unit, region and domains exist and agree,
// and returns the region code to store: the unit's when there is a unit.
func checkOrgRefs(ctx context.Context, tx *Tx, in agora.OrgInput) (string, error) {
	var es agora.Errs
	country := agora.Country(in.Country)
	region := in.RegionCode
	if in.UnitCode != "" {
		u, err := adminUnitByCode(ctx, tx, country, in.UnitCode)
		switch {
		case agora.KindOf(err) == agora.NotFound:
			es.Add("locality", "org.locality.unknown", nil)
		case err != nil:
			return "", err
		case region != "" && u.Region != region:
			es.Add("locality", "org.locality.wrong_region", nil)
		default:
			region = u.Region
		}
	} else if region != "" {
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM admin_units WHERE country = $1 AND level = 1 AND code = $2`,
			in.Country, region).Scan(&n)
		if err != nil {
			return "", err
		}
		if n == 0 {
			es.Add("region", "field.invalid_choice", nil)
		}
	}
	if len(in.Domains) > 0 {
		var a orgArgs
		var n int
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM domains WHERE slug IN `+a.in(in.Domains), a.vals...).Scan(&n)
		if err != nil {
			return "", err
		}
		if n != len(in.Domains) {
			es.Add("domains", "field.invalid_choice", nil)
		}
	}
	return region, es.Err()
}

func setOrgDomains(ctx context.Context, tx *Tx, orgID string, domains []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM org_domains WHERE org_id = $1`, orgID); err != nil {
		return fmt.Errorf("store: organisation domains: %w", err)
	}
	for _, d := range domains {
		if _, err := tx.ExecContext(ctx, `INSERT INTO org_domains (org_id, domain_slug) VALUES ($1, $2)`, orgID, d); err != nil {
			return fmt.Errorf("store: organisation domains: %w", err)
		}
	}
	return nil
}

// orgIdentityFields are the fields a verification vouches for: changing
// any of them withdraws the verification, so a verified organisation
// cannot be renamed into somebody else.
var orgIdentityFields = []string{"name", "kind", "country", "tax_id", "registry_no", "regon"}

// UpdateOrg validates in and replaces the organisation's profile, with an
// "org.update" audit entry naming the changed fields. Changing a field a
// verification vouches for (name, kind, country, tax_id, registry_no,
// regon) withdraws the verification. Errors as for CreateOrg, plus
// NotFound, and Invalid on "kind" (org.kind.has_officers) when a public
// authority with officers would stop being one.
func (s *Store) UpdateOrg(ctx context.Context, actorID, orgID string, in agora.OrgInput) (agora.Organisation, error) {
	in, err := in.Validate()
	if err != nil {
		return agora.Organisation{}, err
	}
	var o agora.Organisation
	err = s.write(ctx, func(tx *Tx) error {
		old, err := orgByID(ctx, tx, orgID)
		if err != nil {
			return err
		}
		region, err := checkOrgRefs(ctx, tx, in)
		if err != nil {
			return err
		}
		if old.Kind == agora.OrgPublicAuthority && in.Kind != string(agora.OrgPublicAuthority) {
			var n int
			if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) FROM memberships WHERE org_id = $1 AND role = $2`,
				orgID, string(agora.OrgOfficer)).Scan(&n); err != nil {
				return err
			}
			if n > 0 {
				return agora.FieldError("kind", "org.kind.has_officers", nil)
			}
		}
		changed := orgChanges(old, in, region)
		if len(changed) == 0 {
			o = old
			return nil
		}
		unverify := old.Verified() && slices.ContainsFunc(changed, func(f string) bool { return slices.Contains(orgIdentityFields, f) })
		_, err = tx.ExecContext(ctx, `UPDATE organisations SET name = $2, name_fold = $3, short_name = $4, short_fold = $5,
			kind = $6, authority_level = $7, country = $8, tax_id = $9, registry_no = $10, regon = $11, street = $12,
			unit_code = $13, region_code = $14, postal_code = $15, website = $16, email = $17, phone = $18,
			description = $19, founded_year = $20, updated_at = $21,
			verified_at = CASE WHEN $22 THEN NULL ELSE verified_at END,
			verified_by = CASE WHEN $22 THEN '' ELSE verified_by END
			WHERE id = $1`,
			orgID, in.Name, agora.Fold(in.Name), in.ShortName, agora.Fold(in.ShortName), in.Kind, in.AuthorityLevel,
			in.Country, in.TaxID, in.RegistryNo, in.REGON, in.Street, in.UnitCode, region, in.PostalCode, in.Website,
			in.Email, in.Phone, in.Description, in.FoundedYearInt(), tx.Now, unverify)
		if isUniqueViolation(err) {
			return agora.FieldError("tax_id", "org.tax_id.taken", nil).Wrap(err)
		}
		if err != nil {
			return fmt.Errorf("store: update organisation: %w", err)
		}
		if slices.Contains(changed, "domains") {
			if err := setOrgDomains(ctx, tx, orgID, in.Domains); err != nil {
				return err
			}
		}
		details := map[string]string{"fields": strings.Join(changed, ",")}
		if unverify {
			details["unverified"] = "true"
		}
		if err := appendAudit(ctx, tx, agora.AuditEntry{ActorID: actorID, OrgID: orgID, Action: "org.update",
			TargetKind: "organisation", TargetID: orgID, Details: details}); err != nil {
			return err
		}
		o, err = orgByID(ctx, tx, orgID)
		return err
	})
	return o, err
}

// orgChanges names the form fields whose stored value in would change.
func orgChanges(old agora.Organisation, in agora.OrgInput, region string) []string {
	var out []string
	for _, c := range []struct {
		field    string
		old, new string
	}{
		{"name", old.Name, in.Name}, {"short_name", old.ShortName, in.ShortName}, {"kind", string(old.Kind), in.Kind},
		{"authority_level", old.AuthorityLevel, in.AuthorityLevel}, {"country", string(old.Country), in.Country},
		{"tax_id", old.TaxID, in.TaxID}, {"registry_no", old.RegistryNo, in.RegistryNo}, {"regon", old.REGON, in.REGON},
		{"street", old.Street, in.Street}, {"locality", old.UnitCode, in.UnitCode}, {"region", old.RegionCode, region},
		{"postal_code", old.PostalCode, in.PostalCode}, {"website", old.Website, in.Website}, {"email", old.Email, in.Email},
		{"phone", old.Phone, in.Phone}, {"description", old.Description, in.Description},
		{"founded_year", fmt.Sprint(old.FoundedYear), fmt.Sprint(in.FoundedYearInt())},
		{"domains", strings.Join(old.Domains, ","), strings.Join(in.Domains, ",")},
	} {
		if c.old != c.new {
			out = append(out, c.field)
		}
	}
	return out
}

// Org returns an organisation with its domains (slugs, in the order
// given), unit and region names and member count. NotFound with key
// "error.not_found".
func (s *Store) Org(ctx context.Context, id string) (agora.Organisation, error) {
	var o agora.Organisation
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		o, err = orgByID(ctx, tx, id)
		return err
	})
	return o, err
}

func orgByID(ctx context.Context, tx *Tx, id string) (agora.Organisation, error) {
	o, err := scanOrg(tx.QueryRowContext(ctx, `SELECT `+orgColumns+` FROM organisations o WHERE o.id = $1`, id))
	if err != nil {
		return o, notFound(err, "error.not_found")
	}
	byID := map[string]*agora.Organisation{id: &o}
	return o, loadOrgDomains(ctx, tx, byID)
}

// loadOrgDomains fills the Domains of the given organisations in one
// query, in the order the domains were listed.
func loadOrgDomains(ctx context.Context, tx *Tx, byID map[string]*agora.Organisation) error {
	if len(byID) == 0 {
		return nil
	}
	ids := make([]string, 0, len(byID))
	for id := range byID {
		ids = append(ids, id)
	}
	var a orgArgs
	rows, err := tx.QueryContext(ctx, `SELECT od.org_id, od.domain_slug FROM org_domains od JOIN domains d ON d.slug = od.domain_slug
		WHERE od.org_id IN `+a.in(ids)+` ORDER BY od.org_id, d.position, d.slug`, a.vals...)
	if err != nil {
		return fmt.Errorf("store: organisation domains: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id, slug string
		if err := rows.Scan(&id, &slug); err != nil {
			return err
		}
		o := byID[id]
		o.Domains = append(o.Domains, slug)
	}
	return rows.Err()
}

// OrgProfile is what an organisation's public page shows.
type OrgProfile struct {
	Org agora.Organisation
	// Place is the address unit and its ancestors, locality first.
	Place []agora.AdminUnit
	// Domains are the organisation's domains with their names.
	Domains []agora.Domain
	// Officers are the verified authority officers (no email addresses).
	Officers []agora.Membership
}

// OrgProfile returns the organisation and what its public page shows with
// it, read in one snapshot. NotFound with key "error.not_found".
func (s *Store) OrgProfile(ctx context.Context, id string) (OrgProfile, error) {
	var p OrgProfile
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		if p.Org, err = orgByID(ctx, tx, id); err != nil {
			return err
		}
		if p.Org.UnitCode != "" {
			if p.Place, err = adminUnitPath(ctx, tx, p.Org.Country, p.Org.UnitCode); err != nil && agora.KindOf(err) != agora.NotFound {
				return err
			}
		} else if p.Org.RegionCode != "" {
			if p.Place, err = adminUnitPath(ctx, tx, p.Org.Country, p.Org.RegionCode); err != nil && agora.KindOf(err) != agora.NotFound {
				return err
			}
		}
		if len(p.Org.Domains) > 0 {
			var a orgArgs
			p.Domains, err = queryDomains(ctx, tx, `SELECT slug, name_ro, name_pl, name_en FROM domains WHERE slug IN `+
				a.in(p.Org.Domains)+` ORDER BY position, slug`, a.vals...)
			if err != nil {
				return err
			}
		}
		if p.Org.IsAuthority() {
			members, err := orgMembers(ctx, tx, id, `AND m.role = 'officer' AND m.verified_at IS NOT NULL`)
			if err != nil {
				return err
			}
			for _, m := range members {
				m.Email = ""
				p.Officers = append(p.Officers, m)
			}
		}
		return nil
	})
	return p, err
}

// orgArgs collects positional arguments for queries built with IN lists.
type orgArgs struct{ vals []any }

func (a *orgArgs) add(v any) string {
	a.vals = append(a.vals, v)
	return fmt.Sprintf("$%d", len(a.vals))
}

func (a *orgArgs) in(vs []string) string {
	ps := make([]string, len(vs))
	for i, v := range vs {
		ps[i] = a.add(v)
	}
	return "(" + strings.Join(ps, ", ") + ")"
}
