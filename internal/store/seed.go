package store

import (
	"context"
	"database/sql"
	"fmt"

	"github.com/agora-civic/agora"
)

// Bulk loading for demo and benchmark data only. The regular methods
// (CreateUser, SaveProfile, CreateOrg) spend one transaction, and so one
// fsync, per row; building the 60,000-row benchmark dataset that way
// takes minutes. These load many rows per transaction through the same
// validation and the same column rules, but write no audit entries and
// send no mail: nobody did anything, the rows were made up.

// seedBatch is how many people or organisations one transaction loads:
// large enough to amortise the commit, small enough to keep the SQLite
// write lock (and the WAL) short.
const seedBatch = 1000

// SeedCounts are the sizes of the tables demo and benchmark data fill.
type SeedCounts struct {
	Users, Profiles, Orgs, Verified, Memberships, Domains, AdminUnits, Audit int
}

// SeedCounts counts the rows of the tables demo data fills, to decide
// whether a dataset is already there and to report what it holds.
func (s *Store) SeedCounts(ctx context.Context) (SeedCounts, error) {
	var c SeedCounts
	err := s.read(ctx, func(tx *Tx) error {
		for _, q := range []struct {
			dst *int
			sql string
		}{
			{&c.Users, `SELECT COUNT(*) FROM users`},
			{&c.Profiles, `SELECT COUNT(*) FROM profiles`},
			{&c.Orgs, `SELECT COUNT(*) FROM organisations`},
			{&c.Verified, `SELECT COUNT(*) FROM organisations WHERE verified_at IS NOT NULL`},
			{&c.Memberships, `SELECT COUNT(*) FROM memberships`},
			{&c.Domains, `SELECT COUNT(*) FROM domains`},
			{&c.AdminUnits, `SELECT COUNT(*) FROM admin_units`},
			{&c.Audit, `SELECT COUNT(*) FROM audit_log`},
		} {
			if err := tx.QueryRowContext(ctx, q.sql).Scan(q.dst); err != nil {
				return fmt.Errorf("store: seed counts: %w", err)
			}
		}
		return nil
	})
	return c, err
}

// SeedPerson is one account with an optional profile, for bulk loading.
type SeedPerson struct {
	User NewUser
	// Profile is saved as SaveProfile would; nil leaves the person
	// without a profile row (and so out of the directory).
	Profile *agora.ProfileInput
}

// SeedPeople creates the accounts and their profiles, seedBatch per
// transaction, and returns the new user ids in input order. Errors are
// those of CreateUser and SaveProfile (a taken email is Conflict); rows
// of batches already committed stay.
func (s *Store) SeedPeople(ctx context.Context, people []SeedPerson) ([]string, error) {
	ids := make([]string, 0, len(people))
	for start := 0; start < len(people); start += seedBatch {
		batch := people[start:min(start+seedBatch, len(people))]
		for i := range batch {
			if p := batch[i].Profile; p != nil {
				if err := p.Validate(); err != nil {
					return ids, fmt.Errorf("store: seed profile of %s: %w", batch[i].User.Email, err)
				}
			}
		}
		var got []string
		err := s.write(ctx, func(tx *Tx) error {
			got = got[:0]
			for _, p := range batch {
				u, err := createUser(ctx, tx, p.User)
				if err != nil {
					return err
				}
				got = append(got, u.ID)
				if p.Profile == nil {
					continue
				}
				if err := checkProfileRefs(ctx, tx, *p.Profile); err != nil {
					return err
				}
				if err := insertSeedProfile(ctx, tx, u, *p.Profile); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			return ids, err
		}
		ids = append(ids, got...)
	}
	return ids, nil
}

// insertSeedProfile writes a new profile row with its lists and search
// words, as SaveProfile does for a first save.
func insertSeedProfile(ctx context.Context, tx *Tx, u agora.User, in agora.ProfileInput) error {
	place := ""
	if in.Region != "" {
		place = in.Country + "-" + in.Region
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO profiles (user_id, bio, country, region_code, place, listed, active,
		vis_types, vis_bio, vis_region, vis_languages, vis_domains, vis_affiliations, name_fold, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15)`,
		u.ID, in.Bio, in.Country, in.Region, place, in.Listed, u.Verified() && !u.Disabled(),
		string(in.VisibilityOf(agora.FieldTypes)), string(in.VisibilityOf(agora.FieldBio)),
		string(in.VisibilityOf(agora.FieldRegion)), string(in.VisibilityOf(agora.FieldLanguages)),
		string(in.VisibilityOf(agora.FieldDomains)), string(in.VisibilityOf(agora.FieldAffiliations)),
		agora.Fold(u.DisplayName), tx.Now)
	if err != nil {
		return fmt.Errorf("store: seed profile: %w", err)
	}
	for _, l := range [...]struct {
		q    string
		vals []string
	}{
		{`INSERT INTO profile_types (user_id, type) VALUES ($1, $2)`, in.Types},
		{`INSERT INTO profile_languages (user_id, lang) VALUES ($1, $2)`, in.Languages},
		{`INSERT INTO profile_domains (user_id, domain_slug) VALUES ($1, $2)`, in.Domains},
	} {
		for _, v := range l.vals {
			if _, err := tx.ExecContext(ctx, l.q, u.ID, v); err != nil {
				return fmt.Errorf("store: seed profile lists: %w", err)
			}
		}
	}
	return insertTerms(ctx, tx, u.ID, u.DisplayName, in.Bio)
}

// SeedOrg is one organisation for bulk loading.
type SeedOrg struct {
	Input agora.OrgInput
	// AdminID becomes the organisation's first admin and its creator.
	AdminID string
	// Members join as plain members.
	Members []string
	// VerifiedBy, when set, marks the organisation verified by that
	// platform admin.
	VerifiedBy string
}

// SeedOrgs creates the organisations with their admins, members and
// domains, seedBatch per transaction, and returns their ids in input
// order. Errors are those of CreateOrg; rows of batches already
// committed stay.
func (s *Store) SeedOrgs(ctx context.Context, orgs []SeedOrg) ([]string, error) {
	ids := make([]string, 0, len(orgs))
	for start := 0; start < len(orgs); start += seedBatch {
		batch := orgs[start:min(start+seedBatch, len(orgs))]
		ins := make([]agora.OrgInput, len(batch))
		for i, o := range batch {
			in, err := o.Input.Validate()
			if err != nil {
				return ids, fmt.Errorf("store: seed organisation %q: %w", o.Input.Name, err)
			}
			ins[i] = in
		}
		var got []string
		err := s.write(ctx, func(tx *Tx) error {
			got = got[:0]
			for i, o := range batch {
				id, err := insertSeedOrg(ctx, tx, ins[i], o)
				if err != nil {
					return err
				}
				got = append(got, id)
			}
			return nil
		})
		if err != nil {
			return ids, err
		}
		ids = append(ids, got...)
	}
	return ids, nil
}

func insertSeedOrg(ctx context.Context, tx *Tx, in agora.OrgInput, o SeedOrg) (string, error) {
	region, err := checkOrgRefs(ctx, tx, in)
	if err != nil {
		return "", fmt.Errorf("store: seed organisation %q: %w", in.Name, err)
	}
	var verifiedAt sql.NullTime
	if o.VerifiedBy != "" {
		verifiedAt = sql.NullTime{Time: tx.Now, Valid: true}
	}
	id := agora.NewID()
	_, err = tx.ExecContext(ctx, `INSERT INTO organisations (id, name, name_fold, short_name, short_fold, kind, authority_level,
		country, tax_id, registry_no, regon, street, unit_code, region_code, postal_code, website, email, phone,
		description, founded_year, verified_at, verified_by, created_by, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, $23, $24, $24)`,
		id, in.Name, agora.Fold(in.Name), in.ShortName, agora.Fold(in.ShortName), in.Kind, in.AuthorityLevel,
		in.Country, in.TaxID, in.RegistryNo, in.REGON, in.Street, in.UnitCode, region, in.PostalCode, in.Website,
		in.Email, in.Phone, in.Description, in.FoundedYearInt(), verifiedAt, o.VerifiedBy, o.AdminID, tx.Now)
	if isUniqueViolation(err) {
		return "", agora.FieldError("tax_id", "org.tax_id.taken", nil).Wrap(err)
	}
	if err != nil {
		return "", fmt.Errorf("store: seed organisation: %w", err)
	}
	if err := setOrgDomains(ctx, tx, id, in.Domains); err != nil {
		return "", err
	}
	add := func(userID string, role agora.OrgRole) error {
		_, err := tx.ExecContext(ctx, `INSERT INTO memberships (org_id, user_id, role, created_at) VALUES ($1, $2, $3, $4)`,
			id, userID, string(role), tx.Now)
		if err != nil {
			return fmt.Errorf("store: seed membership: %w", err)
		}
		return nil
	}
	// A duplicate would abort the whole PostgreSQL transaction, so
	// repeats are dropped here rather than caught.
	seen := map[string]bool{"": true}
	if !seen[o.AdminID] {
		seen[o.AdminID] = true
		if err := add(o.AdminID, agora.OrgAdmin); err != nil {
			return "", err
		}
	}
	for _, m := range o.Members {
		if seen[m] {
			continue
		}
		seen[m] = true
		if err := add(m, agora.OrgMember); err != nil {
			return "", err
		}
	}
	return id, nil
}
