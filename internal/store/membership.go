package store

import (
	"context"

	"github.com/agora-civic/agora"
)

// UserOrgRoles returns the user's role in each organisation they belong
// to, for the policy layer. An officer counts as an officer only once a
// platform admin verified them; until then they are a plain member.
func (s *Store) UserOrgRoles(ctx context.Context, userID string) (map[string]agora.OrgRole, error) {
	rows, err := s.reader.QueryContext(ctx, `SELECT org_id, role, verified_at IS NOT NULL FROM memberships WHERE user_id = $1`, userID)
	s.counter.add()
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	roles := map[string]agora.OrgRole{}
	for rows.Next() {
		var org string
		var role agora.OrgRole
		var verified bool
		if err := rows.Scan(&org, &role, &verified); err != nil {
			return nil, err
		}
		if role == agora.OrgOfficer && !verified {
			role = agora.OrgMember
		}
		roles[org] = role
	}
	return roles, rows.Err()
}
