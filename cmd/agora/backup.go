package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/agora-civic/agora/internal/store"
)

// cmdBackup writes a consistent copy of the embedded SQLite database
// while the server may keep running, and checks it. PostgreSQL
// installations are pointed to pg_dump instead.
func cmdBackup(ctx context.Context, args []string, getenv func(string) string, stdout, stderr io.Writer) error {
	var c common
	var out string
	fs := newFlagSet("backup", stderr)
	c.register(fs, getenv)
	fs.StringVar(&out, "out", "", "file to write the copy to; it must not exist yet (required)")
	if err := parseFlags(fs, args); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return err
	}
	if out == "" {
		return usageError{"backup: --out FILE is required"}
	}
	if c.DB != "" {
		return fmt.Errorf("backup: agora copies only its embedded SQLite database; back up PostgreSQL with its own tool:\n  %s", pgDumpCommand(c.DB, out))
	}
	db := filepath.Join(c.Data, "agora.db")
	if err := store.BackupSQLiteFile(ctx, db, out); err != nil {
		return fmt.Errorf("backup: %w", err)
	}
	fi, err := os.Stat(out)
	if err != nil {
		return err
	}
	fmt.Fprintf(stdout, "wrote a consistent copy of %s to %s (%d bytes); integrity check: ok\n", db, out, fi.Size())
	return nil
}

// pgDumpCommand is the pg_dump command line that backs up the database
// at dbURL into out. A password in the URL is left out of the text,
// which may end up in a terminal log, and replaced by PGPASSWORD.
func pgDumpCommand(dbURL, out string) string {
	prefix := ""
	if u, err := url.Parse(dbURL); err == nil && u.User != nil {
		if _, ok := u.User.Password(); ok {
			u.User = url.User(u.User.Username())
			dbURL = u.String()
			prefix = "PGPASSWORD=… "
		}
	}
	return prefix + "pg_dump --format=custom --file=" + shellQuote(out) + " " + shellQuote(dbURL)
}

// shellQuote quotes s for a POSIX shell.
func shellQuote(s string) string {
	if s != "" && strings.IndexFunc(s, func(r rune) bool {
		return !(r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || strings.ContainsRune("-_./:@=", r))
	}) < 0 {
		return s
	}
	return "'" + strings.ReplaceAll(s, "'", `'\''`) + "'"
}
