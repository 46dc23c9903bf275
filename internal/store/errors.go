package store

import (
	"errors"

	"github.com/agora-civic/agora"
	"github.com/jackc/pgx/v5/pgconn"
	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// translate maps driver errors to application kinds once, by error code,
// never by message text. Unique violations become Conflict with the key
// "error.conflict" unless the caller already returned an application
// error.
func translate(err error) error {
	if err == nil {
		return nil
	}
	var ae *agora.Error
	if errors.As(err, &ae) {
		return err
	}
	if isUniqueViolation(err) {
		return agora.Errorf(agora.Conflict, "error.conflict").Wrap(err)
	}
	return err
}

func isUniqueViolation(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "23505"
	}
	var se *sqlite.Error
	if errors.As(err, &se) {
		c := se.Code()
		return c == sqlite3.SQLITE_CONSTRAINT_UNIQUE || c == sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY
	}
	return false
}

// retryable says whether PostgreSQL aborted the transaction for a
// serialization failure or a deadlock, which a rerun may fix.
func retryable(err error) bool {
	var pe *pgconn.PgError
	if errors.As(err, &pe) {
		return pe.Code == "40001" || pe.Code == "40P01"
	}
	return false
}
