package auth

import "github.com/agora-civic/agora"

// Actor is who asks: the signed-in user (nil for an anonymous visitor) and
// their roles in organisations, keyed by organisation id.
type Actor struct {
	User *agora.User
	Orgs map[string]agora.OrgRole
}

// Action names something an actor may try to do. Every route maps to one.
type Action string

// Actions of the foundation. Later capabilities add theirs here, so that
// one table answers every authorisation question.
const (
	ViewPublic       Action = "view_public"
	ViewOwnAccount   Action = "view_own_account"
	EditOwnAccount   Action = "edit_own_account"
	CreateOrg        Action = "create_org"
	EditOrg          Action = "edit_org"
	ManageOrgMembers Action = "manage_org_members"
	ViewOrgAudit     Action = "view_org_audit"
	VerifyOrg        Action = "verify_org"
	VerifyOfficer    Action = "verify_officer"
	ViewAudit        Action = "view_audit"
	ManageUsers      Action = "manage_users"
	ViewSentMail     Action = "view_sent_mail"
	Moderate         Action = "moderate"
	ManageAPITokens  Action = "manage_api_tokens"
	ImportData       Action = "import_data"

	// Consultations (issue 4).
	CreateConsultation Action = "create_consultation" // officer of the authority in Resource.OrgID, or of any authority when empty
	ManageConsultation Action = "manage_consultation" // edit, publish, answer, version, report, debates: the owning authority's officers
	CommentDraft       Action = "comment_draft"       // comment, support, report a comment
	EditOwnComment     Action = "edit_own_comment"    // Resource.OwnerID is the author
	RequestDebate      Action = "request_debate"      // a member of the organisation in Resource.OrgID (any organisation when empty)
	Participate        Action = "participate"         // follow, register for a debate, notification settings
)

// Resource is what the action touches: the organisation it belongs to and
// the user who owns it, where those apply.
type Resource struct {
	OrgID   string
	OwnerID string
}

type rule func(a Actor, r Resource) bool

func anyone(Actor, Resource) bool { return true }

func signedIn(a Actor, _ Resource) bool { return a.User != nil && !a.User.Disabled() }

// verifiedSignedIn demands a confirmed email, so a bot with a fake address
// cannot create organisations.
func verifiedSignedIn(a Actor, r Resource) bool { return signedIn(a, r) && a.User.Verified() }

func admin(a Actor, _ Resource) bool { return a.User.IsAdmin() }

func moderator(a Actor, _ Resource) bool { return a.User.IsModerator() }

// officerOf accepts a verified officer of the authority in r.OrgID or,
// when no organisation is named yet (the "new consultation" form), of
// any authority. Platform administrators are deliberately not included:
// only the authority itself speaks for it in its consultations.
func officerOf(a Actor, r Resource) bool {
	if !verifiedSignedIn(a, r) {
		return false
	}
	if r.OrgID != "" {
		return a.Orgs[r.OrgID] == agora.OrgOfficer
	}
	for _, role := range a.Orgs {
		if role == agora.OrgOfficer {
			return true
		}
	}
	return false
}

// memberOf accepts anyone who belongs to the organisation in r.OrgID, or
// to some organisation when none is named.
func memberOf(a Actor, r Resource) bool {
	if !verifiedSignedIn(a, r) {
		return false
	}
	if r.OrgID != "" {
		_, ok := a.Orgs[r.OrgID]
		return ok
	}
	return len(a.Orgs) > 0
}

func owner(a Actor, r Resource) bool {
	return verifiedSignedIn(a, r) && r.OwnerID != "" && a.User.ID == r.OwnerID
}

func orgAdminOrAdmin(a Actor, r Resource) bool {
	if admin(a, r) {
		return true
	}
	return signedIn(a, r) && r.OrgID != "" && a.Orgs[r.OrgID] == agora.OrgAdmin
}

var rules = map[Action]rule{
	ViewPublic:       anyone,
	ViewOwnAccount:   signedIn,
	EditOwnAccount:   signedIn,
	ManageAPITokens:  verifiedSignedIn,
	CreateOrg:        verifiedSignedIn,
	EditOrg:          orgAdminOrAdmin,
	ManageOrgMembers: orgAdminOrAdmin,
	ViewOrgAudit:     orgAdminOrAdmin,
	VerifyOrg:        admin,
	VerifyOfficer:    admin,
	ViewAudit:        admin,
	ManageUsers:      admin,
	ViewSentMail:     admin,
	ImportData:       admin,
	Moderate:         moderator,

	CreateConsultation: officerOf,
	ManageConsultation: officerOf,
	CommentDraft:       verifiedSignedIn,
	EditOwnComment:     owner,
	RequestDebate:      memberOf,
	Participate:        signedIn,

	ManageWatchlist: ownWatchlist,
	ViewMonitor:     memberOf,
	EditMonitor:     memberOf,
	DeleteMonitor:   monitorDeleter,
}

// Allow decides whether a may do act on r. It returns nil, or an
// Unauthenticated error for anonymous callers (so the page can offer to
// sign in) and Forbidden for everyone else. Unknown actions are refused:
// a route without a rule is a bug that fails closed.
func Allow(a Actor, act Action, r Resource) error {
	rl, ok := rules[act]
	if ok && rl(a, r) {
		return nil
	}
	if a.User == nil {
		return agora.Errorf(agora.Unauthenticated, "error.unauthenticated")
	}
	return agora.Errorf(agora.Forbidden, "error.forbidden")
}

// Actions lists every known action, for the authorisation matrix test.
func Actions() []Action {
	out := make([]Action, 0, len(rules))
	for a := range rules {
		out = append(out, a)
	}
	return out
}

// Watchlists and organisation monitoring boards (issue 5).
const (
	// ManageWatchlist is every action on one's own watchlists; Resource
	// .OwnerID is the list's owner, "" for a list not made yet. Signed-in
	// accounts only, verified or not: alerts of unverified accounts stay
	// in-app and in the feed.
	ManageWatchlist Action = "manage_watchlist"
	// ViewMonitor and EditMonitor open an organisation's monitoring board
	// (Resource.OrgID) to its members, whatever their role: tracking the
	// legislation is the work of the staff, not only of the admins.
	ViewMonitor Action = "view_monitor"
	EditMonitor Action = "edit_monitor"
	// DeleteMonitor removes a tracked item with its timeline: the
	// organisation's admins, or the member who put it on the board
	// (Resource.OwnerID).
	DeleteMonitor Action = "delete_monitor"
)

func ownWatchlist(a Actor, r Resource) bool {
	return signedIn(a, r) && (r.OwnerID == "" || r.OwnerID == a.User.ID)
}

func monitorDeleter(a Actor, r Resource) bool {
	if !memberOf(a, r) || r.OrgID == "" {
		return false
	}
	return a.Orgs[r.OrgID] == agora.OrgAdmin || (r.OwnerID != "" && r.OwnerID == a.User.ID)
}
