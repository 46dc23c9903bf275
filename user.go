package agora

import (
	"strings"
	"time"
	"unicode/utf8"
)

// PlatformRole is a user's role on the whole platform. Roles tied to one
// organisation (organisation admin, member, authority officer) live on the
// membership instead.
type PlatformRole string

const (
	// RoleParticipant is every registered person.
	RoleParticipant PlatformRole = "participant"
	// RoleModerator may hide content and see reports platform-wide.
	RoleModerator PlatformRole = "moderator"
	// RoleAdmin runs the platform: verifies organisations, sees the audit log.
	RoleAdmin PlatformRole = "admin"
)

// PlatformRoles lists the platform roles in increasing power.
func PlatformRoles() []PlatformRole {
	return []PlatformRole{RoleParticipant, RoleModerator, RoleAdmin}
}

// Valid reports whether r is a known platform role.
func (r PlatformRole) Valid() bool {
	switch r {
	case RoleParticipant, RoleModerator, RoleAdmin:
		return true
	}
	return false
}

// User is a registered account.
type User struct {
	ID              string
	Email           string
	DisplayName     string
	Lang            string
	TimeZone        string
	Role            PlatformRole
	EmailVerifiedAt *time.Time
	DisabledAt      *time.Time
	TOTPEnabled     bool
	CreatedAt       time.Time
}

// Verified reports whether the user confirmed their email address.
func (u *User) Verified() bool { return u != nil && u.EmailVerifiedAt != nil }

// Disabled reports whether an administrator disabled the account.
func (u *User) Disabled() bool { return u != nil && u.DisabledAt != nil }

// IsAdmin reports whether u is a platform administrator.
func (u *User) IsAdmin() bool { return u != nil && u.Role == RoleAdmin && u.DisabledAt == nil }

// IsModerator reports whether u may moderate (administrators may too).
func (u *User) IsModerator() bool {
	return u != nil && (u.Role == RoleModerator || u.Role == RoleAdmin) && u.DisabledAt == nil
}

// ValidateText checks a free-text field: valid UTF-8, no NUL or other
// control characters except newlines and tabs when multiline, trimmed
// length within [min, max] runes. It returns the trimmed text.
func ValidateText(es *Errs, field, s string, min, max int, multiline bool) string {
	if !utf8.ValidString(s) {
		es.Add(field, "error.invalid_utf8", nil)
		return ""
	}
	s = strings.TrimSpace(s)
	for _, r := range s {
		if r == 0 || (r < 0x20 && !(multiline && (r == '\n' || r == '\r' || r == '\t'))) || r == 0x7f {
			es.Add(field, "field.control_chars", nil)
			return ""
		}
	}
	n := utf8.RuneCountInString(s)
	switch {
	case n == 0 && min > 0:
		es.Add(field, "field.required", nil)
	case n < min:
		es.Add(field, "field.too_short", map[string]any{"min": min})
	case n > max:
		es.Add(field, "field.too_long", map[string]any{"max": max})
	}
	return s
}

// Session is one signed-in browser. Only the hash of its cookie value is
// stored, so a copy of the database does not let anyone sign in.
type Session struct {
	IDHash     string
	UserID     string
	CreatedAt  time.Time
	LastSeenAt time.Time
	ExpiresAt  time.Time
	UserAgent  string
	// MFAPending marks a session that passed the password but not yet the
	// second factor; it grants nothing but the second-factor page.
	MFAPending bool
}

// OrgRole is a person's role inside one organisation.
type OrgRole string

const (
	// OrgAdmin manages the organisation's profile, members and audit log.
	OrgAdmin OrgRole = "admin"
	// OrgMember belongs to the organisation and may act on its behalf.
	OrgMember OrgRole = "member"
	// OrgOfficer is an authority officer: a member of a public authority
	// who runs its consultations. Only valid in public-authority organisations.
	OrgOfficer OrgRole = "officer"
)

// Valid reports whether r is a known organisation role.
func (r OrgRole) Valid() bool { return r == OrgAdmin || r == OrgMember || r == OrgOfficer }
