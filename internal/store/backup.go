package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"
)

// ErrNoOnlineBackup says the database cannot be copied by agora itself:
// PostgreSQL is backed up with its own tools (pg_dump).
var ErrNoOnlineBackup = errors.New("store: online backup is only available for SQLite; use pg_dump for PostgreSQL")

// BackupTo writes a consistent copy of the live SQLite database to path,
// which must not exist yet, and checks the copy. It uses VACUUM INTO,
// which reads one snapshot while writers go on (WAL mode) and writes a
// compact file that is a complete database on its own, without a -wal
// file to forget. The copy is then opened read-only and must pass
// PRAGMA integrity_check; a copy that fails is removed.
//
// It returns ErrNoOnlineBackup on PostgreSQL.
func (s *Store) BackupTo(ctx context.Context, path string) error {
	if s.dialect != SQLite {
		return ErrNoOnlineBackup
	}
	// The writer connection runs it: reader connections are query_only,
	// and VACUUM INTO counts as a write there. It holds the writer only
	// while it copies.
	s.counter.add()
	return vacuumInto(ctx, s.writer, path)
}

// BackupSQLiteFile is BackupTo for a database file that no Store has
// open in this process: `agora backup` uses it, so that taking a backup
// neither creates a missing database nor applies migrations (a backup
// taken before an upgrade must hold the old schema). Other processes may
// be writing to the file meanwhile.
func BackupSQLiteFile(ctx context.Context, dbPath, path string) error {
	if _, err := os.Stat(dbPath); err != nil {
		return fmt.Errorf("store: backup: no database at %s: %w", dbPath, err)
	}
	q := url.Values{}
	q.Set("mode", "rw")
	q.Add("_pragma", "busy_timeout(10000)")
	db, err := sql.Open("sqlite", "file:"+dbPath+"?"+q.Encode())
	if err != nil {
		return fmt.Errorf("store: backup: open %s: %w", dbPath, err)
	}
	defer db.Close()
	db.SetMaxOpenConns(1)
	return vacuumInto(ctx, db, path)
}

// vacuumInto copies the database behind db to path and checks the copy.
func vacuumInto(ctx context.Context, db *sql.DB, path string) error {
	if path == "" {
		return errors.New("store: backup: no output file given")
	}
	if _, err := os.Stat(path); err == nil {
		return fmt.Errorf("store: backup: %s already exists", path)
	} else if !errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("store: backup: %w", err)
	}
	if _, err := db.ExecContext(ctx, `VACUUM INTO $1`, path); err != nil {
		_ = os.Remove(path)
		return fmt.Errorf("store: backup to %s: %w", path, err)
	}
	if err := checkSQLiteFile(ctx, path); err != nil {
		_ = os.Remove(path)
		return err
	}
	return nil
}

// checkSQLiteFile opens a database file read-only and runs the full
// integrity check on it.
func checkSQLiteFile(ctx context.Context, path string) error {
	q := url.Values{}
	q.Set("mode", "ro")
	q.Add("_pragma", "busy_timeout(10000)")
	db, err := sql.Open("sqlite", "file:"+path+"?"+q.Encode())
	if err != nil {
		return fmt.Errorf("store: open backup: %w", err)
	}
	defer db.Close()
	rows, err := db.QueryContext(ctx, `PRAGMA integrity_check`)
	if err != nil {
		return fmt.Errorf("store: check backup: %w", err)
	}
	defer rows.Close()
	var problems []string
	for rows.Next() {
		var line string
		if err := rows.Scan(&line); err != nil {
			return fmt.Errorf("store: check backup: %w", err)
		}
		if line != "ok" {
			problems = append(problems, line)
		}
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("store: check backup: %w", err)
	}
	if len(problems) > 0 {
		return fmt.Errorf("store: backup %s failed the integrity check: %s", path, strings.Join(problems, "; "))
	}
	return nil
}
