// Package demo fills an empty agora database with a small, believable
// world to click through: Romanian and Polish organisations of every
// kind, public authorities at each level with their officers, people of
// every stakeholder type and platform role, profiles with private
// fields, and the audit trail their setting-up left. It also generates
// the large synthetic datasets the benchmarks run on.
//
// Everything goes through the regular store methods, so the demo shows
// exactly what the product does, and nothing here is ever needed in
// production.
package demo

import (
	"context"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// Password is the one password of every demo account. It is printed with
// the logins; demo data refuses to go into a database that already has
// accounts, so it can never end up beside real ones.
const Password = "demo-agora-2026"

// Options says where optional reference data is. Empty paths use the
// built-in subset.
type Options struct {
	// Hasher hashes the demo password (once, shared by every account).
	Hasher auth.PasswordHasher
	// AdminUnitsDir, when it holds the SIRUTA/TERYT files, is imported in
	// full; otherwise only the units the demo names are added.
	AdminUnitsDir string
	// DomainsFile, when it exists, is the ONGHub domains.json to import in
	// full; otherwise the domains the demo uses are added.
	DomainsFile string
}

// Login is one demo account as the login table shows it.
type Login struct {
	Email string
	Name  string
	Role  string // platform role and what the person does in organisations
	Try   string // what to look at when signed in as this person
}

// Result reports what Seed did.
type Result struct {
	// Seeded is false when the database already had accounts and Seed
	// left it alone.
	Seeded   bool
	Logins   []Login
	Counts   store.SeedCounts
	Duration time.Duration
}

// Seed adds the demo data when the database has no accounts yet, and
// otherwise does nothing and reports Seeded false: running it twice is
// harmless. Errors are the store's; a failure part-way leaves what was
// written (the next run then sees accounts and stops).
func Seed(ctx context.Context, st *store.Store, o Options) (Result, error) {
	start := time.Now()
	var res Result
	c, err := st.SeedCounts(ctx)
	if err != nil {
		return res, err
	}
	if c.Users > 0 {
		res.Counts = c
		return res, nil
	}
	if _, err := seedUnits(ctx, st, o.AdminUnitsDir); err != nil {
		return res, err
	}
	if _, err := seedDomains(ctx, st, o.DomainsFile); err != nil {
		return res, err
	}
	hash, err := o.Hasher.Hash(Password)
	if err != nil {
		return res, fmt.Errorf("demo: hash password: %w", err)
	}
	w := &world{st: st, ids: map[string]string{}, orgs: map[string]string{}, roles: map[string][]string{}}
	if err := w.createPeople(ctx, hash); err != nil {
		return res, err
	}
	if err := w.createOrgs(ctx); err != nil {
		return res, err
	}
	if err := w.finishPeople(ctx); err != nil {
		return res, err
	}
	if err := w.createConsultations(ctx, time.Now()); err != nil {
		return res, err
	}
	res.Seeded = true
	res.Logins = w.logins()
	res.Counts, err = st.SeedCounts(ctx)
	res.Duration = time.Since(start)
	return res, err
}

// world is the seeding in progress: the ids given to people so far and
// what each does in which organisation, for the login table.
type world struct {
	st    *store.Store
	ids   map[string]string   // person key → user id
	orgs  map[string]string   // organisation name → id
	roles map[string][]string // person key → "org admin", "member", … once per organisation
}

func (w *world) id(key string) string {
	id, ok := w.ids[key]
	if !ok {
		panic("demo: unknown person " + key) // a typo in the tables; the tests catch it
	}
	return id
}

// createPeople creates every account, verified unless the table says
// otherwise, with its profile. Roles other than admin are granted later
// by the admin, so the audit log shows who did it.
func (w *world) createPeople(ctx context.Context, hash string) error {
	for _, p := range people() {
		role := agora.RoleParticipant
		if p.role == agora.RoleAdmin {
			role = agora.RoleAdmin // somebody has to be first
		}
		u, err := w.st.CreateUser(ctx, store.NewUser{
			Email: p.email(), DisplayName: p.name, PasswordHash: hash, Lang: p.lang,
			TimeZone: p.timeZone(), Role: role, EmailVerified: !p.unverified,
		})
		if err != nil {
			return fmt.Errorf("demo: user %s: %w", p.key, err)
		}
		w.ids[p.key] = u.ID
		if p.noProfile {
			continue
		}
		if err := w.st.SaveProfile(ctx, u.ID, p.profileInput()); err != nil {
			return fmt.Errorf("demo: profile of %s: %w", p.key, err)
		}
	}
	return nil
}

// createOrgs creates the organisations as their admins would, adds
// members and officers, and has the platform admin verify what the table
// marks verified.
func (w *world) createOrgs(ctx context.Context) error {
	admin := w.id(keyAdmin)
	emails := map[string]string{}
	for _, p := range people() {
		emails[p.key] = p.email()
	}
	for _, o := range organisations() {
		org, err := w.st.CreateOrg(ctx, w.id(o.admin), o.in)
		if err != nil {
			return fmt.Errorf("demo: organisation %q: %w", o.in.Name, err)
		}
		w.orgs[o.in.Name] = org.ID
		w.roles[o.admin] = append(w.roles[o.admin], "org admin")
		for _, m := range o.members {
			if _, err := w.st.AddOrgMember(ctx, w.id(o.admin), org.ID, emails[m], agora.OrgMember, ""); err != nil {
				return fmt.Errorf("demo: member %s of %q: %w", m, o.in.Name, err)
			}
			w.roles[m] = append(w.roles[m], "member")
		}
		if o.verified {
			if err := w.st.VerifyOrg(ctx, admin, org.ID); err != nil {
				return fmt.Errorf("demo: verify %q: %w", o.in.Name, err)
			}
		}
		for _, of := range o.officers {
			if _, err := w.st.AddOrgMember(ctx, w.id(o.admin), org.ID, emails[of.key], agora.OrgOfficer, of.title); err != nil {
				return fmt.Errorf("demo: officer %s of %q: %w", of.key, o.in.Name, err)
			}
			state := "officer (pending)"
			if of.verified {
				if err := w.st.VerifyOfficer(ctx, admin, org.ID, w.id(of.key)); err != nil {
					return fmt.Errorf("demo: verify officer %s: %w", of.key, err)
				}
				state = "officer (verified)"
			}
			w.roles[of.key] = append(w.roles[of.key], state)
		}
	}
	return nil
}

// finishPeople does what the platform admin did last: promote the
// moderator and disable the account the table marks disabled.
func (w *world) finishPeople(ctx context.Context) error {
	admin := w.id(keyAdmin)
	for _, p := range people() {
		if p.role != "" && p.role != agora.RoleParticipant && p.role != agora.RoleAdmin {
			if _, err := w.st.SetUserRole(ctx, admin, w.id(p.key), p.role); err != nil {
				return fmt.Errorf("demo: role of %s: %w", p.key, err)
			}
		}
		if p.disabled {
			if _, err := w.st.DisableUser(ctx, admin, w.id(p.key)); err != nil {
				return fmt.Errorf("demo: disable %s: %w", p.key, err)
			}
		}
	}
	return nil
}

// logins lists every demo account for the table printed at start.
func (w *world) logins() []Login {
	var out []Login
	for _, p := range people() {
		role := string(agora.RoleParticipant)
		switch {
		case p.role == agora.RoleAdmin:
			role = "platform admin"
		case p.role == agora.RoleModerator:
			role = "moderator"
		case p.disabled:
			role = "participant (disabled)"
		case p.unverified:
			role = "participant (email not confirmed)"
		}
		role += orgRoleSummary(w.roles[p.key])
		out = append(out, Login{Email: p.email(), Name: p.name, Role: role, Try: p.try})
	}
	return out
}

// orgRoleSummary says in a few words what someone does in organisations:
// "; org admin ×2, member".
func orgRoleSummary(roles []string) string {
	var order []string
	n := map[string]int{}
	for _, r := range roles {
		if n[r] == 0 {
			order = append(order, r)
		}
		n[r]++
	}
	out := ""
	for i, r := range order {
		sep := ", "
		if i == 0 {
			sep = "; "
		}
		out += sep + r
		if n[r] > 1 {
			out += fmt.Sprintf(" ×%d", n[r])
		}
	}
	return out
}
