package main

import (
	"bufio"
	"context"
	"crypto/rand"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"slices"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
)

const userUsage = `Usage:
  agora user create --email EMAIL --name NAME [--role ROLE] [--lang LANG] [--password-stdin]
  agora user set-role EMAIL ROLE
  agora user disable EMAIL
  agora user enable EMAIL

ROLE is participant, moderator or admin. create makes a verified account;
without --password-stdin it prints a random password to change after the
first sign-in. disable ends the person's sessions at once. The platform
always keeps one active administrator.
Every subcommand takes --data and --db as serve does.
`

// maxCLIDisplayName matches the registration form's limit.
const maxCLIDisplayName = 80

// cmdUser manages accounts from the command line: the way to make the
// first administrator, and to recover when nobody can sign in.
func cmdUser(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] == "-h" || args[0] == "--help" || args[0] == "help" {
		fmt.Fprint(stderr, userUsage)
		if len(args) == 0 {
			return usageError{"user: say what to do: create, set-role, disable or enable"}
		}
		return nil
	}
	sub, rest := args[0], args[1:]
	switch sub {
	case "create":
		return userCreate(ctx, rest, getenv, stdout, stderr)
	case "set-role", "disable", "enable":
		return userChange(ctx, sub, rest, getenv, stdout, stderr)
	}
	fmt.Fprint(stderr, userUsage)
	return usageError{fmt.Sprintf("user: unknown subcommand %q (want create, set-role, disable or enable)", sub)}
}

// parseInterspersed parses flags that may come before, between or after
// the positional arguments, which it returns.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			if errors.Is(err, flag.ErrHelp) {
				return nil, err
			}
			return nil, usageError{err.Error()}
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

func userFlags(name string, c *common, getenv func(string) string, stderr io.Writer) *flag.FlagSet {
	fs := newFlagSet("user "+name, stderr)
	fs.Usage = func() { fmt.Fprint(stderr, userUsage); fs.PrintDefaults() }
	c.register(fs, getenv)
	return fs
}

func userCreate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var c common
	var email, name, role, lang string
	var fromStdin bool
	fs := userFlags("create", &c, getenv, stderr)
	fs.StringVar(&email, "email", "", "email address (required)")
	fs.StringVar(&name, "name", "", "display name (required)")
	fs.StringVar(&role, "role", string(agora.RoleParticipant), "platform role: participant, moderator or admin")
	fs.StringVar(&lang, "lang", i18n.DefaultLang, "interface language: ro, pl or en")
	fs.BoolVar(&fromStdin, "password-stdin", false, "read the password from the first line of standard input")
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	if len(pos) > 0 {
		return usageError{fmt.Sprintf("user create: unexpected argument %q (use --email and --name)", pos[0])}
	}
	cat, err := i18n.Load()
	if err != nil {
		return err
	}
	email = agora.NormalizeEmail(email)
	var es agora.Errs
	if email == "" {
		es.Add("email", "field.required", nil)
	} else if err := agora.ValidateEmail("email", email); err != nil {
		es = append(es, agora.AsError(err))
	}
	name = agora.ValidateText(&es, "name", name, 1, maxCLIDisplayName, false)
	if !agora.PlatformRole(role).Valid() {
		es.Add("role", "field.invalid_choice", nil)
	}
	if !slices.Contains(i18n.Supported(), lang) {
		es.Add("lang", "field.invalid_choice", nil)
	}
	if err := es.Err(); err != nil {
		return cliError(cat, "user create", err)
	}
	password, generated := "", false
	if fromStdin {
		if password, err = readPasswordLine(os.Stdin); err != nil {
			return err
		}
		if err := auth.ValidatePassword("password", password, email, name); err != nil {
			return cliError(cat, "user create", err)
		}
	} else {
		// 26 characters of base32: 130 bits, nothing to guess.
		password, generated = rand.Text(), true
	}
	hash, err := auth.DefaultHasher().Hash(password)
	if err != nil {
		return err
	}
	st, err := c.openStore(ctx, c.logger(stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	u, err := st.CreateUser(ctx, store.NewUser{Email: email, DisplayName: name, PasswordHash: hash, Lang: lang,
		TimeZone: i18n.DefaultZone(lang).String(), Role: agora.PlatformRole(role), EmailVerified: true})
	if agora.KindOf(err) == agora.Invalid || agora.KindOf(err) == agora.Conflict {
		return fmt.Errorf("user create: an account with the email %s already exists", email)
	}
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "created %s account %s (%s), id %s\n", u.Role, u.Email, u.DisplayName, u.ID)
	if generated {
		fmt.Fprintf(stdout, "password: %s\nChange it after the first sign-in.\n", password)
	}
	return nil
}

// readPasswordLine reads one line, without its line ending, so that
// `echo "$PW" | agora user create … --password-stdin` works.
func readPasswordLine(r io.Reader) (string, error) {
	line, err := bufio.NewReader(io.LimitReader(r, auth.MaxPasswordBytes+2)).ReadString('\n')
	if err != nil && !errors.Is(err, io.EOF) {
		return "", fmt.Errorf("user create: read password: %w", err)
	}
	line = strings.TrimSuffix(strings.TrimSuffix(line, "\n"), "\r")
	if line == "" {
		return "", usageError{"user create: --password-stdin given but standard input holds no password"}
	}
	return line, nil
}

func userChange(ctx context.Context, sub string, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var c common
	fs := userFlags(sub, &c, getenv, stderr)
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) {
		return nil
	}
	if err != nil {
		return err
	}
	want := 1
	if sub == "set-role" {
		want = 2
	}
	if len(pos) != want {
		fmt.Fprint(stderr, userUsage)
		if sub == "set-role" {
			return usageError{"user set-role: want EMAIL ROLE"}
		}
		return usageError{fmt.Sprintf("user %s: want EMAIL", sub)}
	}
	email := agora.NormalizeEmail(pos[0])
	if err := agora.ValidateEmail("email", email); err != nil {
		return usageError{fmt.Sprintf("user %s: %q is not an email address", sub, pos[0])}
	}
	var role agora.PlatformRole
	if sub == "set-role" {
		role = agora.PlatformRole(pos[1])
		if !role.Valid() {
			return usageError{fmt.Sprintf("user set-role: unknown role %q (want participant, moderator or admin)", pos[1])}
		}
	}
	cat, err := i18n.Load()
	if err != nil {
		return err
	}
	st, err := c.openStore(ctx, c.logger(stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	u, _, err := st.UserByEmail(ctx, email)
	if agora.KindOf(err) == agora.NotFound {
		return fmt.Errorf("user %s: no account with the email %s", sub, email)
	}
	if err != nil {
		return err
	}
	// The command line acts as nobody in particular: the audit log shows
	// an empty actor, which the admin page names "system".
	switch sub {
	case "set-role":
		if u, err = st.SetUserRole(ctx, "", u.ID, role); err == nil {
			fmt.Fprintf(stdout, "%s is now %s\n", u.Email, u.Role)
		}
	case "disable":
		if u, err = st.DisableUser(ctx, "", u.ID); err == nil {
			fmt.Fprintf(stdout, "%s is disabled and signed out everywhere\n", u.Email)
		}
	case "enable":
		if u, err = st.EnableUser(ctx, "", u.ID); err == nil {
			fmt.Fprintf(stdout, "%s is enabled\n", u.Email)
		}
	}
	if err != nil {
		return cliError(cat, "user "+sub, err)
	}
	return nil
}

// cliError turns an application error into English text for the
// terminal: field errors become a usage error (exit status 2) naming
// each flag, other kinds a plain error.
func cliError(cat *i18n.Catalog, cmd string, err error) error {
	if fields := agora.FieldErrors(err); len(fields) > 0 {
		var parts []string
		for _, f := range fields {
			name := "--" + f.Field
			if f.Field == "password" {
				name = "password from standard input"
			}
			parts = append(parts, name+": "+cat.T("en", f.Key, f.Args))
		}
		return usageError{cmd + ": " + strings.Join(parts, "; ")}
	}
	var ae *agora.Error
	if errors.As(err, &ae) && ae.Kind != agora.Internal {
		return fmt.Errorf("%s: %s", cmd, cat.T("en", ae.Key, ae.Args))
	}
	return err
}
