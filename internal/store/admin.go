package store

import (
	"context"
	"encoding/base64"
	"fmt"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// AdminStats is what the platform administrator's dashboard shows.
type AdminStats struct {
	Users          int64
	DisabledUsers  int64
	UnverifiedMail int64 // accounts whose email address is not confirmed
	Admins         int64 // active platform administrators
	Orgs           int64
	UnverifiedOrgs int64
	Jobs           JobStats
}

// AdminStats counts accounts, organisations and queued jobs. The counts
// are read in one snapshot; the job counts come from JobStats.
func (s *Store) AdminStats(ctx context.Context) (AdminStats, error) {
	var st AdminStats
	err := s.read(ctx, func(tx *Tx) error {
		err := tx.QueryRowContext(ctx, `SELECT COUNT(*),
			COALESCE(SUM(CASE WHEN disabled_at IS NOT NULL THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN email_verified_at IS NULL THEN 1 ELSE 0 END), 0),
			COALESCE(SUM(CASE WHEN role = $1 AND disabled_at IS NULL THEN 1 ELSE 0 END), 0)
			FROM users`, string(agora.RoleAdmin)).Scan(&st.Users, &st.DisabledUsers, &st.UnverifiedMail, &st.Admins)
		if err != nil {
			return fmt.Errorf("store: count users: %w", err)
		}
		err = tx.QueryRowContext(ctx, `SELECT COUNT(*), COALESCE(SUM(CASE WHEN verified_at IS NULL THEN 1 ELSE 0 END), 0)
			FROM organisations`).Scan(&st.Orgs, &st.UnverifiedOrgs)
		if err != nil {
			return fmt.Errorf("store: count organisations: %w", err)
		}
		return nil
	})
	if err != nil {
		return st, err
	}
	st.Jobs, err = s.JobStats(ctx)
	return st, err
}

// UserFilter selects accounts for the administrators' user list. Query
// matches a part of the email address or of the display name (case-blind;
// diacritic-blind too for people who saved a profile). After and Before
// are cursors from a previous UserPage.
type UserFilter struct {
	Query  string
	After  string
	Before string
	Limit  int
}

// UserPage is one page of accounts in email order.
type UserPage struct {
	Users      []agora.User
	Total      int
	Next, Prev string
}

// maxUserQuery bounds the search text; longer input is refused.
const maxUserQuery = 200

// ListUsers returns a page of accounts matching f, ordered by email, which
// is unique and so a stable keyset. It returns Invalid for a query that is
// too long or not UTF-8 ("q") and for a malformed cursor.
func (s *Store) ListUsers(ctx context.Context, f UserFilter) (UserPage, error) {
	f.Query = strings.TrimSpace(f.Query)
	if !utf8.ValidString(f.Query) {
		return UserPage{}, agora.FieldError("q", "error.invalid_utf8", nil)
	}
	if utf8.RuneCountInString(f.Query) > maxUserQuery {
		return UserPage{}, agora.FieldError("q", "field.too_long", map[string]any{"max": maxUserQuery})
	}
	if f.Limit <= 0 || f.Limit > 200 {
		f.Limit = 50
	}
	var page UserPage
	err := s.read(ctx, func(tx *Tx) error {
		var err error
		page, err = listUsers(ctx, tx, f)
		return err
	})
	return page, err
}

func listUsers(ctx context.Context, tx *Tx, f UserFilter) (UserPage, error) {
	var page UserPage
	var a sqlArgs
	from := `FROM users u LEFT JOIN profiles p ON p.user_id = u.id`
	where := "1 = 1"
	if f.Query != "" {
		like := a.add(containsPattern(f.Query))
		fold := a.add(containsPattern(agora.Fold(f.Query)))
		il := tx.dialect.ILike()
		where += fmt.Sprintf(` AND (u.email %[1]s %[2]s ESCAPE '\' OR u.display_name %[1]s %[2]s ESCAPE '\' OR p.name_fold LIKE %[3]s ESCAPE '\')`, il, like, fold)
	}
	if err := tx.QueryRowContext(ctx, `SELECT COUNT(*) `+from+` WHERE `+where, a.vals...).Scan(&page.Total); err != nil {
		return page, fmt.Errorf("store: count users: %w", err)
	}
	backward := f.Before != ""
	cursor, op, order := f.After, ">", "ASC"
	if backward {
		cursor, op, order = f.Before, "<", "DESC"
	}
	if cursor != "" {
		email, ok := decodeUserCursor(cursor)
		if !ok {
			field := "after"
			if backward {
				field = "before"
			}
			return page, agora.FieldError(field, "error.invalid", nil)
		}
		where += fmt.Sprintf(" AND u.email %s %s", op, a.add(email))
	}
	q := `SELECT ` + prefixed("u.", userColumns) + ` ` + from + ` WHERE ` + where +
		` ORDER BY u.email ` + order + ` LIMIT ` + a.add(f.Limit+1)
	rows, err := tx.QueryContext(ctx, q, a.vals...)
	if err != nil {
		return page, fmt.Errorf("store: list users: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		u, err := scanUser(rows)
		if err != nil {
			return page, err
		}
		page.Users = append(page.Users, u)
	}
	if err := rows.Err(); err != nil {
		return page, err
	}
	more := len(page.Users) > f.Limit
	if more {
		page.Users = page.Users[:f.Limit]
	}
	if backward {
		for i, j := 0, len(page.Users)-1; i < j; i, j = i+1, j-1 {
			page.Users[i], page.Users[j] = page.Users[j], page.Users[i]
		}
	}
	if len(page.Users) > 0 {
		first, last := page.Users[0].Email, page.Users[len(page.Users)-1].Email
		// Going forward there is a previous page whenever we came from a
		// cursor; going backward there is a next page by construction.
		if (backward && more) || (!backward && cursor != "") {
			page.Prev = encodeUserCursor(first)
		}
		if (!backward && more) || backward {
			page.Next = encodeUserCursor(last)
		}
	}
	return page, nil
}

func encodeUserCursor(email string) string {
	return base64.RawURLEncoding.EncodeToString([]byte(email))
}

func decodeUserCursor(c string) (string, bool) {
	b, err := base64.RawURLEncoding.DecodeString(c)
	if err != nil || len(b) == 0 || len(b) > 320 || !utf8.Valid(b) {
		return "", false
	}
	return string(b), true
}

// containsPattern is a LIKE pattern (with ESCAPE '\') matching any text
// that contains s literally: the wildcards in s are escaped.
func containsPattern(s string) string {
	return "%" + strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`).Replace(s) + "%"
}
