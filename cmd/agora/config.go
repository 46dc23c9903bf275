package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"strings"

	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// common holds the settings every command that touches the database
// shares: where the data lives and which database to use.
type common struct {
	Data     string
	DB       string
	LogLevel string
}

// envDefault returns the AGORA_* variable for a flag name, or def.
func envDefault(getenv func(string) string, name, def string) string {
	key := "AGORA_" + strings.ToUpper(strings.ReplaceAll(name, "-", "_"))
	if v := getenv(key); v != "" {
		return v
	}
	return def
}

func (c *common) register(fs *flag.FlagSet, getenv func(string) string) {
	fs.StringVar(&c.Data, "data", envDefault(getenv, "data", "./agora-data"), "data directory: SQLite file, uploads, keys")
	fs.StringVar(&c.DB, "db", envDefault(getenv, "db", ""), "PostgreSQL URL (postgres://…); empty means embedded SQLite in --data")
	fs.StringVar(&c.LogLevel, "log-level", envDefault(getenv, "log-level", "info"), "debug, info, warn or error")
}

// newFlagSet makes a flag set that reports errors instead of exiting, so
// run stays testable.
func newFlagSet(name string, stderr io.Writer) *flag.FlagSet {
	fs := flag.NewFlagSet("agora "+name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	return fs
}

func parseFlags(fs *flag.FlagSet, args []string) error {
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return usageError{err.Error()}
	}
	if fs.NArg() > 0 && fs.Name() != "agora import" && fs.Name() != "agora user" {
		return usageError{fmt.Sprintf("unexpected argument %q", fs.Arg(0))}
	}
	return nil
}

func (c *common) logger(w io.Writer) *slog.Logger {
	var lvl slog.Level
	if err := lvl.UnmarshalText([]byte(c.LogLevel)); err != nil {
		lvl = slog.LevelInfo
	}
	return slog.New(slog.NewJSONHandler(w, &slog.HandlerOptions{Level: lvl}))
}

// openStore creates the data directory if needed and opens (and migrates)
// the database.
func (c *common) openStore(ctx context.Context, log *slog.Logger) (*store.Store, error) {
	if err := os.MkdirAll(c.Data, 0o700); err != nil {
		return nil, fmt.Errorf("create data directory: %w", err)
	}
	cfg := store.Config{URL: c.DB, Logger: log}
	if c.DB == "" {
		cfg.Path = filepath.Join(c.Data, "agora.db")
	}
	return store.Open(ctx, cfg)
}

// sealer loads the key that encrypts personal identification numbers:
// AGORA_SECRET_KEY when set (several processes must share it), else a key
// file in the data directory, created on first start.
func (c *common) sealer(getenv func(string) string) (*auth.Sealer, error) {
	if k := getenv("AGORA_SECRET_KEY"); k != "" {
		return auth.SealerFromEnv(k)
	}
	return auth.LoadOrCreateKeyFile(filepath.Join(c.Data, "secret.key"))
}

func cmdMigrate(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var c common
	fs := newFlagSet("migrate", stderr)
	c.register(fs, getenv)
	if err := parseFlags(fs, args); err != nil {
		return err
	}
	st, err := c.openStore(ctx, c.logger(stderr))
	if err != nil {
		return err
	}
	defer st.Close()
	v, err := st.SchemaVersion(ctx)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "database at schema version %d\n", v)
	return nil
}
