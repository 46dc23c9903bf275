package web

import (
	"cmp"
	"encoding/base64"
	"encoding/json"
	"net/http"
	"slices"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
)

// apiMember is one membership of an organisation. Email is there only
// for those who manage the members, as on the HTML members page.
type apiMember struct {
	UserID      string  `json:"user_id"`
	DisplayName string  `json:"display_name"`
	Role        string  `json:"role"`
	Title       string  `json:"title"`
	VerifiedAt  *string `json:"verified_at"`
	JoinedAt    string  `json:"joined_at"`
	Email       *string `json:"email,omitempty"`
}

// memberCursor is a position in the (role, name, id) order of members.
type memberCursor struct {
	Rank int    `json:"r"`
	Name string `json:"n"`
	ID   string `json:"i"`
}

func memberRank(r agora.OrgRole) int {
	switch r {
	case agora.OrgAdmin:
		return 0
	case agora.OrgOfficer:
		return 1
	}
	return 2
}

func compareMember(a, b memberCursor) int {
	return cmp.Or(cmp.Compare(a.Rank, b.Rank), cmp.Compare(a.Name, b.Name), cmp.Compare(a.ID, b.ID))
}

func cursorOf(m agora.Membership) memberCursor {
	return memberCursor{Rank: memberRank(m.Role), Name: m.DisplayName, ID: m.UserID}
}

// apiListOrgMembers is GET /api/v1/organisations/{id}/members. Those who
// may manage the members (the organisation's admins, platform admins) get
// every member with their email; everyone else gets what the public page
// shows: the verified authority officers, without email.
//
// The store returns the whole list, which is short; pages are cut here by
// keyset over (role, name, id), ordered in Go so that the cursor
// comparison and the order agree whatever the database's collation.
func (s *Server) apiListOrgMembers(w http.ResponseWriter, r *http.Request) {
	_, page, err := apiQuery(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var after *memberCursor
	if page.Cursor != "" {
		var c memberCursor
		b, err := base64.RawURLEncoding.DecodeString(page.Cursor)
		if err == nil {
			err = json.Unmarshal(b, &c)
		}
		if err != nil || c.ID == "" {
			s.apiFail(w, r, agora.FieldError("cursor", "api.cursor.invalid", nil))
			return
		}
		after = &c
	}
	o, err := s.apiOrgByID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	manage := s.authorize(r, auth.ManageOrgMembers, auth.Resource{OrgID: o.ID}) == nil
	var members []agora.Membership
	if manage {
		members, err = s.store.OrgMembers(r.Context(), o.ID)
	} else {
		prof, perr := s.store.OrgProfile(r.Context(), o.ID)
		members, err = prof.Officers, perr
	}
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	slices.SortFunc(members, func(a, b agora.Membership) int { return compareMember(cursorOf(a), cursorOf(b)) })
	if after != nil {
		members = slices.DeleteFunc(members, func(m agora.Membership) bool { return compareMember(cursorOf(m), *after) <= 0 })
	}
	next := ""
	if len(members) > page.Limit {
		members = members[:page.Limit]
		b, _ := json.Marshal(cursorOf(members[page.Limit-1]))
		next = base64.RawURLEncoding.EncodeToString(b)
	}
	items := make([]apiMember, len(members))
	for i, m := range members {
		items[i] = apiMember{UserID: m.UserID, DisplayName: m.DisplayName, Role: string(m.Role), Title: m.Title,
			VerifiedAt: apiTimePtr(m.VerifiedAt), JoinedAt: apiTime(m.CreatedAt)}
		if manage {
			items[i].Email = &m.Email
		}
	}
	s.writePage(w, r, items, next)
}
