package main

import (
	"context"
	"fmt"
	"io"
	"text/tabwriter"

	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/demo"
	"github.com/agora-civic/agora/internal/store"
)

// demoConfig is what `agora demo` reads.
type demoConfig struct {
	common
	AdminUnits string
	Domains    string
}

func cmdDemo(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var c demoConfig
	fs := newFlagSet("demo", stderr)
	c.register(fs, getenv)
	fs.StringVar(&c.AdminUnits, "admin-units", envDefault(getenv, "admin-units", ""),
		"directory with the SIRUTA/TERYT files to import in full (default: only the units the demo names)")
	fs.StringVar(&c.Domains, "domains", envDefault(getenv, "domains", demo.DefaultDomainsFile()),
		"ONGHub domains.json to import in full (default: the domains the demo uses)")
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := c.openStore(ctx, c.logger(stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := demo.Seed(ctx, st, demo.Options{Hasher: auth.DefaultHasher(), AdminUnitsDir: c.AdminUnits, DomainsFile: c.Domains})
	if err != nil {
		return fmt.Errorf("demo data: %w", err)
	}
	printDemoLogins(stdout, res)
	return nil
}

// seedDemo is what `agora serve --demo` runs before listening: the demo
// data when the database has no accounts, else nothing. The sealer is
// unused until demo accounts get encrypted fields.
func seedDemo(ctx context.Context, st *store.Store, hasher auth.PasswordHasher, _ *auth.Sealer) (demo.Result, error) {
	return demo.Seed(ctx, st, demo.Options{Hasher: hasher, DomainsFile: demo.DefaultDomainsFile()})
}

// printDemoLogins prints the shared password and a table of the demo
// accounts, or says why there are none.
func printDemoLogins(w io.Writer, res demo.Result) {
	if !res.Seeded {
		fmt.Fprintf(w, "demo: the database already has accounts (%d); no demo data added\n", res.Counts.Users)
		return
	}
	c := res.Counts
	fmt.Fprintf(w, "demo: added %d accounts, %d organisations (%d verified), %d memberships, %d audit entries in %.2f s\n",
		c.Users, c.Orgs, c.Verified, c.Memberships, c.Audit, res.Duration.Seconds())
	fmt.Fprintf(w, "demo: every account's password is %q. Demo data only: never put this database in production.\n\n", demo.Password)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "EMAIL\tNAME\tROLE\tWHAT TO TRY")
	for _, l := range res.Logins {
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\n", l.Email, l.Name, l.Role, l.Try)
	}
	tw.Flush()
}
