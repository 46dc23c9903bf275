package web

import (
	"context"
	"net/http"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// Roles of the authorisation matrix. "orgadmin" and "member" belong to
// organisation A, the resource every {id} points at; "otheradmin" runs
// organisation B, so the pair tests own organisation against another.
var matrixRoles = []string{"anon", "unverified", "participant", "member", "orgadmin", "otheradmin", "officer", "moderator", "admin"}

// access names who may use a route. The sets are written out by hand
// rather than derived from auth.Allow, so that a wrong rule in the policy
// fails this test instead of agreeing with it.
type access string

const (
	public     access = "public"    // everyone, signed in or not
	signedIn   access = "signed_in" // any account
	verified   access = "verified"  // accounts with a confirmed email
	orgAdmins  access = "org_admin" // organisation A's admins and platform admins
	moderators access = "moderator"
	admins     access = "admin"
	// officers are the verified officers of the authority that owns the
	// fixture's consultation; platform admins are not among them.
	officers access = "officer"
	// members belong to some organisation (request a debate for it).
	members access = "members"
	// author is the participant who wrote the fixture's comment.
	author access = "author"
	// boardMembers belong to organisation A; orgAdminsOnly are its admins,
	// without the platform admins.
	boardMembers  access = "board_members"
	orgAdminsOnly access = "org_admins_only"
)

var allowedRoles = map[access][]string{
	public:       matrixRoles,
	signedIn:     {"unverified", "participant", "member", "orgadmin", "otheradmin", "officer", "moderator", "admin"},
	verified:     {"participant", "member", "orgadmin", "otheradmin", "officer", "moderator", "admin"},
	orgAdmins:    {"orgadmin", "admin"},
	moderators:   {"moderator", "admin"},
	admins:       {"admin"},
	officers:     {"officer"},
	members:      {"member", "orgadmin", "otheradmin", "officer", "admin"},
	author:       {"participant"},
	boardMembers: {"member", "orgadmin"},
}

// routeAccess is the matrix: every registered route must appear here.
var routeAccess = map[string]access{
	"GET /{$}":        public,
	"GET /about":      public,
	"GET /privacy":    public,
	"GET /robots.txt": public,
	"GET /healthz":    public,
	"GET /readyz":     public,
	"GET /metrics":    public,
	"POST /lang":      public,

	"GET /register":                        public,
	"POST /register":                       public,
	"GET /register/sent":                   public,
	"GET /verify":                          public,
	"POST /verify":                         public,
	"GET /login":                           public,
	"POST /login":                          public,
	"GET /login/2fa":                       public,
	"POST /login/2fa":                      public,
	"POST /logout":                         public,
	"GET /reset":                           public,
	"POST /reset":                          public,
	"GET /reset/sent":                      public,
	"GET /reset/confirm":                   public,
	"POST /reset/confirm":                  public,
	"GET /auth/oidc/start":                 public,
	"GET /auth/oidc/callback":              public,
	"GET /account/email/confirm":           public,
	"POST /account/email/confirm":          public,
	"GET /account":                         signedIn,
	"POST /account":                        signedIn,
	"GET /account/2fa":                     signedIn,
	"POST /account/2fa/setup":              signedIn,
	"POST /account/2fa/enable":             signedIn,
	"POST /account/2fa/disable":            signedIn,
	"POST /account/2fa/recovery":           signedIn,
	"GET /account/email":                   signedIn,
	"POST /account/email":                  signedIn,
	"GET /account/password":                signedIn,
	"POST /account/password":               signedIn,
	"GET /account/sessions":                signedIn,
	"POST /account/sessions/revoke":        signedIn,
	"POST /account/sessions/revoke-others": signedIn,
	"POST /account/verify/resend":          signedIn,
	"GET /account/tokens":                  verified,
	"POST /account/tokens":                 verified,
	"POST /account/tokens/{id}/revoke":     verified,
	"GET /account/profile":                 signedIn,
	"POST /account/profile":                signedIn,

	"GET /orgs":                                 public,
	"GET /orgs/{id}":                            public,
	"GET /orgs/new":                             verified,
	"POST /orgs":                                verified,
	"GET /orgs/{id}/edit":                       orgAdmins,
	"POST /orgs/{id}/edit":                      orgAdmins,
	"GET /orgs/{id}/members":                    orgAdmins,
	"POST /orgs/{id}/members":                   orgAdmins,
	"POST /orgs/{id}/members/{userID}/role":     orgAdmins,
	"POST /orgs/{id}/members/{userID}/remove":   orgAdmins,
	"GET /orgs/{id}/audit":                      orgAdmins,
	"POST /orgs/{id}/leave":                     signedIn,
	"POST /orgs/{id}/verify":                    admins,
	"POST /orgs/{id}/unverify":                  admins,
	"POST /orgs/{id}/members/{userID}/verify":   admins,
	"POST /orgs/{id}/members/{userID}/unverify": admins,
	"GET /admin/verification":                   admins,

	"GET /people":      public,
	"GET /people/{id}": public,

	"GET /admin":                     admins,
	"GET /admin/users":               admins,
	"POST /admin/users/{id}/role":    admins,
	"POST /admin/users/{id}/disable": admins,
	"POST /admin/users/{id}/enable":  admins,
	"GET /admin/audit":               admins,
	"GET /admin/mail":                admins,

	"GET /api/v1/openapi.json":                              public,
	"GET /api/v1/me":                                        signedIn,
	"GET /api/v1/me/profile":                                signedIn,
	"PUT /api/v1/me/profile":                                signedIn,
	"GET /api/v1/organisations":                             public,
	"GET /api/v1/organisations/{id}":                        public,
	"POST /api/v1/organisations":                            verified,
	"PATCH /api/v1/organisations/{id}":                      orgAdmins,
	"GET /api/v1/organisations/{id}/members":                public,
	"GET /api/v1/people":                                    public,
	"GET /api/v1/people/{id}":                               public,
	"GET /api/v1/domains":                                   public,
	"GET /api/v1/admin-units":                               public,
	"GET /consultations":                                    public,
	"GET /consultations/feed":                               public,
	"GET /consultations/calendar.ics":                       public,
	"GET /consultations/new":                                officers,
	"POST /consultations":                                   officers,
	"GET /consultations/mine":                               officers,
	"GET /consultations/{id}":                               public,
	"GET /consultations/{id}/calendar.ics":                  public,
	"GET /consultations/{id}/edit":                          officers,
	"POST /consultations/{id}/edit":                         officers,
	"GET /consultations/{id}/text":                          officers,
	"POST /consultations/{id}/text":                         officers,
	"GET /consultations/{id}/publish":                       officers,
	"POST /consultations/{id}/publish":                      officers,
	"POST /consultations/{id}/files":                        officers,
	"GET /consultations/{id}/files/{fileID}":                public,
	"POST /consultations/{id}/files/{fileID}/delete":        officers,
	"GET /orgs/{id}/rule-sets":                              officers,
	"POST /orgs/{id}/rule-sets":                             officers,
	"GET /consultations/{id}/units/{key}":                   public,
	"POST /consultations/{id}/comments":                     verified,
	"GET /consultations/{id}/comments/{commentID}":          public,
	"GET /consultations/{id}/comments/{commentID}/edit":     author,
	"POST /consultations/{id}/comments/{commentID}/edit":    author,
	"POST /consultations/{id}/comments/{commentID}/support": verified,
	"POST /consultations/{id}/comments/{commentID}/report":  verified,
	"POST /consultations/{id}/comments/{commentID}/hide":    moderators,
	"POST /consultations/{id}/comments/{commentID}/unhide":  moderators,
	"GET /consultations/{id}/register":                      officers,
	"POST /consultations/{id}/register":                     officers,
	"GET /consultations/{id}/moderation":                    public,
	"GET /moderation":                                       moderators,
	"GET /consultations/{id}/answers":                       officers,
	"POST /consultations/{id}/answers":                      officers,
	"POST /consultations/{id}/answers/publish":              officers,
	"GET /consultations/{id}/versions/new":                  officers,
	"POST /consultations/{id}/versions/new":                 officers,
	"GET /consultations/{id}/versions/{n}":                  public,
	"GET /consultations/{id}/units/{key}/changes":           public,
	"GET /consultations/{id}/report":                        public,
	"GET /consultations/{id}/report/{format}":               public,
	"POST /consultations/{id}/report/publish":               officers,
	"GET /orgs/{id}/transparency/{year}":                    public,
	"POST /orgs/{id}/transparency/{year}":                   officers,
	"GET /orgs/{id}/transparency/{year}/{format}":           public,
	"POST /consultations/{id}/debate-requests":              members,
	"GET /consultations/{id}/debates/new":                   officers,
	"POST /consultations/{id}/debates/new":                  officers,
	"GET /consultations/{id}/debates/{debateID}":            public,
	"POST /consultations/{id}/debates/{debateID}/register":  signedIn,
	"GET /consultations/{id}/debates/{debateID}/minutes":    officers,
	"POST /consultations/{id}/debates/{debateID}/minutes":   officers,
	"POST /follows":                                         signedIn,
	"POST /follows/remove":                                  signedIn,
	"GET /notifications":                                    signedIn,
	"POST /notifications/read":                              signedIn,
	"GET /account/notifications":                            signedIn,
	"POST /account/notifications":                           signedIn,

	"GET /laws":                               public,
	"GET /laws/{id}":                          public,
	"GET /laws/{id}/print":                    public,
	"GET /laws/{id}/articles/{key}":           public,
	"GET /eli/{rest...}":                      public,
	"GET /admin/laws/import":                  admins,
	"POST /admin/laws/import":                 admins,
	"GET /watch":                              signedIn,
	"POST /watch":                             signedIn,
	"GET /watch/{id}":                         signedIn,
	"POST /watch/{id}":                        signedIn,
	"POST /watch/{id}/delete":                 signedIn,
	"POST /watch/{id}/items":                  signedIn,
	"POST /watch/{id}/items/{itemID}/remove":  signedIn,
	"POST /watch/{id}/feed":                   signedIn,
	"GET /watch/{id}/feed":                    public,
	"GET /orgs/{id}/monitor":                  boardMembers,
	"POST /orgs/{id}/monitor":                 boardMembers,
	"GET /orgs/{id}/monitor/{itemID}":         boardMembers,
	"POST /orgs/{id}/monitor/{itemID}":        boardMembers,
	"POST /orgs/{id}/monitor/{itemID}/delete": boardMembers, // a member may delete their own item; admins any

	"GET /api/v1/consultations":                           public,
	"GET /api/v1/consultations/{id}":                      public,
	"GET /api/v1/consultations/{id}/comments":             public,
	"POST /api/v1/consultations/{id}/comments":            verified,
	"GET /api/v1/consultations/{id}/comments/{commentID}": public,
	"GET /api/v1/laws/search":                             public,
	"GET /api/v1/laws/{id}":                               public,
	"GET /api/v1/laws/{id}/articles/{key}":                public,
}

// matrixFixture is one database with an account for every role.
type matrixFixture struct {
	users  map[string]agora.User
	orgA   agora.Organisation
	orgB   agora.Organisation
	victim agora.User // the target of admin actions on users
	// authority is where "officer" serves; consultation is its open
	// consultation and comment the participant's comment on it.
	authority    agora.Organisation
	consultation agora.Consultation
	comment      agora.Comment
}

func newMatrixFixture(t *testing.T, e *testEnv) matrixFixture {
	t.Helper()
	ctx := context.Background()
	fx := matrixFixture{users: map[string]agora.User{}}
	mk := func(role string, pr agora.PlatformRole, verifiedEmail bool) agora.User {
		u, err := e.st.CreateUser(ctx, store.NewUser{Email: role + "@matrix.test", DisplayName: "Matrix " + role, Role: pr, EmailVerified: verifiedEmail})
		if err != nil {
			t.Fatal(err)
		}
		fx.users[role] = u
		return u
	}
	mk("unverified", agora.RoleParticipant, false)
	mk("participant", agora.RoleParticipant, true)
	mk("member", agora.RoleParticipant, true)
	orgadmin := mk("orgadmin", agora.RoleParticipant, true)
	otheradmin := mk("otheradmin", agora.RoleParticipant, true)
	officer := mk("officer", agora.RoleParticipant, true)
	mk("moderator", agora.RoleModerator, true)
	admin := mk("admin", agora.RoleAdmin, true)
	fx.victim = mk("victim", agora.RoleParticipant, true)
	delete(fx.users, "victim")
	var err error
	fx.orgA, err = e.st.CreateOrg(ctx, orgadmin.ID, agora.OrgInput{Name: "Asociația Alfa", Kind: "association", Country: "RO", RegionCode: "127"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.AddOrgMember(ctx, orgadmin.ID, fx.orgA.ID, "member@matrix.test", agora.OrgMember, ""); err != nil {
		t.Fatal(err)
	}
	fx.orgB, err = e.st.CreateOrg(ctx, otheradmin.ID, agora.OrgInput{Name: "Fundacja Beta", Kind: "foundation", Country: "PL", RegionCode: "12"})
	if err != nil {
		t.Fatal(err)
	}
	authority, err := e.st.CreateOrg(ctx, admin.ID, agora.OrgInput{Name: "Primăria Gamma", Kind: "public_authority", AuthorityLevel: "local", Country: "RO", RegionCode: "127"})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := e.st.AddOrgMember(ctx, admin.ID, authority.ID, "officer@matrix.test", agora.OrgOfficer, ""); err != nil {
		t.Fatal(err)
	}
	if err := e.st.VerifyOfficer(ctx, admin.ID, authority.ID, officer.ID); err != nil {
		t.Fatal(err)
	}
	fx.authority = authority
	fx.consultation = storetest.OpenConsultation(t, e.st, storetest.Authority{Admin: admin, Officer: officer, Org: authority}, e.st.Now(), 10*24*time.Hour)
	fx.comment, _, err = e.st.CreateComment(ctx, store.NewComment{ConsultationID: fx.consultation.ID, AuthorID: fx.users["participant"].ID,
		Input: agora.CommentInput{UnitKey: "art-1.par-1", Body: "Un comentariu al participantului."}})
	if err != nil {
		t.Fatal(err)
	}
	return fx
}

// path fills a route pattern's wildcards with fixture ids.
func (fx matrixFixture) path(pattern string) string {
	p := strings.TrimSuffix(pattern, "{$}")
	replace := func(name, val string) { p = strings.ReplaceAll(p, "{"+name+"}", url.PathEscape(val)) }
	switch {
	case strings.Contains(p, "/consultations/"):
		replace("id", fx.consultation.ID)
	case strings.Contains(p, "/rule-sets"), strings.Contains(p, "/transparency/"):
		replace("id", fx.authority.ID)
	case strings.Contains(p, "/orgs/"), strings.Contains(p, "/organisations/"):
		replace("id", fx.orgA.ID)
	case strings.Contains(p, "/people/"), strings.Contains(p, "/admin/users/"):
		replace("id", fx.victim.ID)
	default:
		replace("id", "nonexistent")
	}
	replace("userID", fx.users["member"].ID)
	replace("commentID", fx.comment.ID)
	replace("key", "art-1.par-1")
	replace("n", "1")
	replace("format", "pdf")
	replace("year", "2026")
	return p
}

// TestAuthorisationMatrix requests every route as every role and checks
// that exactly the allowed roles get past authorisation. "Denied" is 401,
// 403 or a redirect to the sign-in page; anything else (200, 303 after a
// successful post, 404 for a missing record, 422 for the empty form the
// test submits) means the policy let the request through.
func TestAuthorisationMatrix(t *testing.T) {
	probe := newTestEnv(t)
	var missing []string
	for _, r := range probe.srv.Routes() {
		key := r.Method + " " + r.Pattern
		if _, ok := routeAccess[key]; !ok {
			missing = append(missing, key)
		}
	}
	sort.Strings(missing)
	for _, m := range missing {
		t.Errorf("route %s is not in the authorisation matrix", m)
	}
	for _, r := range probe.srv.Routes() {
		key := r.Method + " " + r.Pattern
		acc, ok := routeAccess[key]
		if !ok {
			continue
		}
		t.Run(key, func(t *testing.T) {
			t.Parallel()
			e := newTestEnv(t)
			fx := newMatrixFixture(t, e)
			allowed := map[string]bool{}
			for _, role := range allowedRoles[acc] {
				allowed[role] = true
			}
			for _, role := range matrixRoles {
				c := e.client()
				if role != "anon" {
					c = e.login(fx.users[role])
				}
				target := e.ts.URL + fx.path(r.Pattern)
				var req *http.Request
				if r.Method == http.MethodGet {
					req, _ = http.NewRequest(r.Method, target, nil)
				} else if strings.HasPrefix(r.Pattern, "/api/") {
					req, _ = http.NewRequest(r.Method, target, strings.NewReader("{}"))
					req.Header.Set("Content-Type", "application/json")
				} else {
					req, _ = http.NewRequest(r.Method, target, strings.NewReader(""))
					req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
				}
				req.Header.Set("Sec-Fetch-Site", "same-origin")
				resp, err := c.Do(req)
				if err != nil {
					t.Fatal(err)
				}
				resp.Body.Close()
				denied := resp.StatusCode == http.StatusUnauthorized || resp.StatusCode == http.StatusForbidden ||
					(resp.StatusCode == http.StatusSeeOther && strings.HasPrefix(resp.Header.Get("Location"), "/login?next="))
				if resp.StatusCode >= 500 {
					t.Errorf("%s as %s: status %d", key, role, resp.StatusCode)
				}
				if denied == allowed[role] {
					t.Errorf("%s as %s: status %d, want allowed=%v", key, role, resp.StatusCode, allowed[role])
				}
			}
		})
	}
}
