package store

import (
	"context"
	"fmt"

	"github.com/agora-civic/agora"
)

// Bulk loading for benchmark data only. CreateUser spends one
// transaction per account; creating the 50,000 accounts of the benchmark
// dataset that way costs a commit each. SeedUsers creates many per
// transaction through the same code. Profiles and organisations are
// still made by their regular methods, so the dataset holds exactly what
// the product writes.

// seedBatch is how many accounts one transaction creates:
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

// SeedUsers creates the accounts, seedBatch per transaction, and
// returns them in input order. Errors are those of CreateUser (a taken
// email is Invalid "account.email_taken" on field email); a failing batch
// is rolled back whole, batches already committed stay.
func (s *Store) SeedUsers(ctx context.Context, users []NewUser) ([]agora.User, error) {
	out := make([]agora.User, 0, len(users))
	for start := 0; start < len(users); start += seedBatch {
		batch := users[start:min(start+seedBatch, len(users))]
		var got []agora.User
		err := s.write(ctx, func(tx *Tx) error {
			got = got[:0]
			for _, n := range batch {
				u, err := createUser(ctx, tx, n)
				if err != nil {
					return err
				}
				got = append(got, u)
			}
			return nil
		})
		if err != nil {
			return out, err
		}
		out = append(out, got...)
	}
	return out, nil
}
