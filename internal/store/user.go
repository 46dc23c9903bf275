package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/agora-civic/agora"
)

// NewUser is what creating an account needs. Email must be normalised by
// the caller (agora.NormalizeEmail); PasswordHash may be empty for
// accounts that only sign in through OpenID Connect.
type NewUser struct {
	Email         string
	DisplayName   string
	PasswordHash  string
	Lang          string
	TimeZone      string
	Role          agora.PlatformRole
	EmailVerified bool
}

const userColumns = `id, email, display_name, lang, time_zone, role, email_verified_at, disabled_at, totp_enabled_at IS NOT NULL, created_at`

type rowScanner interface{ Scan(dest ...any) error }

// scanUser reads userColumns, then any extra columns into extra.
func scanUser(r rowScanner, extra ...any) (agora.User, error) {
	var u agora.User
	var verified, disabled sql.NullTime
	dest := append([]any{&u.ID, &u.Email, &u.DisplayName, &u.Lang, &u.TimeZone, &u.Role, &verified, &disabled, &u.TOTPEnabled, &u.CreatedAt}, extra...)
	err := r.Scan(dest...)
	if verified.Valid {
		t := verified.Time.UTC()
		u.EmailVerifiedAt = &t
	}
	if disabled.Valid {
		t := disabled.Time.UTC()
		u.DisabledAt = &t
	}
	u.CreatedAt = u.CreatedAt.UTC()
	return u, err
}

// CreateUser inserts an account. A taken email is Conflict with key
// "account.email_taken".
func (s *Store) CreateUser(ctx context.Context, n NewUser) (agora.User, error) {
	var u agora.User
	err := s.write(ctx, func(tx *Tx) error {
		var err error
		u, err = createUser(ctx, tx, n)
		return err
	})
	return u, err
}

func createUser(ctx context.Context, tx *Tx, n NewUser) (agora.User, error) {
	if n.Role == "" {
		n.Role = agora.RoleParticipant
	}
	if n.Lang == "" {
		n.Lang = "ro"
	}
	if n.TimeZone == "" {
		n.TimeZone = "Europe/Bucharest"
	}
	var verified *time.Time
	if n.EmailVerified {
		verified = &tx.Now
	}
	id := agora.NewID()
	_, err := tx.ExecContext(ctx, `INSERT INTO users (id, email, display_name, password_hash, lang, time_zone, role, email_verified_at, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
		id, n.Email, n.DisplayName, n.PasswordHash, n.Lang, n.TimeZone, string(n.Role), verified, tx.Now)
	if isUniqueViolation(err) {
		return agora.User{}, agora.FieldError("email", "account.email_taken", nil).Wrap(err)
	}
	if err != nil {
		return agora.User{}, fmt.Errorf("store: create user: %w", err)
	}
	return userByID(ctx, tx, id)
}

// User returns the account with the given id, NotFound if none.
func (s *Store) User(ctx context.Context, id string) (agora.User, error) {
	var u agora.User
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		u, err = userByID(ctx, tx, id)
		return err
	})
	return u, err
}

func userByID(ctx context.Context, tx *Tx, id string) (agora.User, error) {
	u, err := scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+` FROM users WHERE id = $1`, id))
	return u, notFound(err, "error.not_found")
}

// UserByEmail returns the account with a normalised email and its
// password hash, NotFound if none.
func (s *Store) UserByEmail(ctx context.Context, email string) (agora.User, string, error) {
	var u agora.User
	var hash string
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		u, err = scanUser(tx.QueryRowContext(ctx, `SELECT `+userColumns+`, password_hash FROM users WHERE email = $1`, email), &hash)
		return notFound(err, "error.not_found")
	})
	return u, hash, err
}

// SetUserLang stores the interface language a user chose.
func (s *Store) SetUserLang(ctx context.Context, userID, lang string) error {
	return s.write(ctx, func(tx *Tx) error {
		_, err := tx.ExecContext(ctx, `UPDATE users SET lang = $1, updated_at = $2 WHERE id = $3`, lang, tx.Now, userID)
		return err
	})
}
