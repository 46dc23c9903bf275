package store_test

import (
	"context"
	"fmt"
	"slices"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

func mustUser(t *testing.T, st *store.Store, email, name string, role agora.PlatformRole) agora.User {
	t.Helper()
	u, err := st.CreateUser(context.Background(), store.NewUser{Email: email, DisplayName: name, Role: role, EmailVerified: true})
	if err != nil {
		t.Fatalf("CreateUser(%s): %v", email, err)
	}
	return u
}

func auditActions(t *testing.T, st *store.Store, action string) []agora.AuditEntry {
	t.Helper()
	p, err := st.ListAudit(context.Background(), store.AuditQuery{Action: action})
	if err != nil {
		t.Fatal(err)
	}
	return p.Entries
}

func TestSetUserRoleAuditsAndKeepsLastAdmin(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	root := mustUser(t, st, "root@agora.test", "Root", agora.RoleAdmin)
	ana := mustUser(t, st, "ana@agora.test", "Ana Popescu", agora.RoleParticipant)

	// The only admin cannot demote themself.
	if _, err := st.SetUserRole(ctx, root.ID, root.ID, agora.RoleModerator); agora.KindOf(err) != agora.Conflict || agora.AsError(err).Key != "admin.last_admin" {
		t.Fatalf("demote last admin: err = %v, want Conflict admin.last_admin", err)
	}
	if _, err := st.SetUserRole(ctx, root.ID, ana.ID, "superuser"); agora.KindOf(err) != agora.Invalid {
		t.Errorf("unknown role: err = %v, want Invalid", err)
	}
	if _, err := st.SetUserRole(ctx, root.ID, agora.NewID(), agora.RoleAdmin); agora.KindOf(err) != agora.NotFound {
		t.Errorf("unknown user: err = %v, want NotFound", err)
	}
	u, err := st.SetUserRole(ctx, root.ID, ana.ID, agora.RoleAdmin)
	if err != nil || u.Role != agora.RoleAdmin {
		t.Fatalf("promote: %v, %v", u.Role, err)
	}
	// Same role again: nothing to record.
	if _, err := st.SetUserRole(ctx, root.ID, ana.ID, agora.RoleAdmin); err != nil {
		t.Fatal(err)
	}
	// Now there are two admins: root may step down.
	if _, err := st.SetUserRole(ctx, root.ID, root.ID, agora.RoleParticipant); err != nil {
		t.Fatalf("demote with another admin present: %v", err)
	}
	// And Ana is now the last one.
	if _, err := st.SetUserRole(ctx, ana.ID, ana.ID, agora.RoleParticipant); agora.KindOf(err) != agora.Conflict {
		t.Errorf("demote new last admin: err = %v, want Conflict", err)
	}
	entries := auditActions(t, st, "user.set_role")
	if len(entries) != 2 {
		t.Fatalf("user.set_role entries = %d, want 2: %+v", len(entries), entries)
	}
	if e := entries[1]; e.ActorID != root.ID || e.TargetID != ana.ID || e.TargetKind != "user" || e.Details["from"] != "participant" || e.Details["to"] != "admin" {
		t.Errorf("first audit entry = %+v", e)
	}
	if e := entries[0]; e.TargetID != root.ID || e.Details["to"] != "participant" {
		t.Errorf("second audit entry = %+v", e)
	}
}

func TestDisableUserEndsSessions(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	root := mustUser(t, st, "root@agora.test", "Root", agora.RoleAdmin)
	ion := mustUser(t, st, "ion@agora.test", "Ion", agora.RoleParticipant)
	for _, h := range []string{"h1", "h2"} {
		if err := st.CreateSession(ctx, agora.Session{IDHash: h, UserID: ion.ID, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
	}
	u, err := st.DisableUser(ctx, root.ID, ion.ID)
	if err != nil || !u.Disabled() {
		t.Fatalf("DisableUser = %+v, %v", u, err)
	}
	for _, h := range []string{"h1", "h2"} {
		if _, _, err := st.SessionUser(ctx, h); agora.KindOf(err) != agora.Unauthenticated {
			t.Errorf("session %s after disable: err = %v, want Unauthenticated", h, err)
		}
	}
	// A second disable is a no-op, not a second audit entry.
	if _, err := st.DisableUser(ctx, root.ID, ion.ID); err != nil {
		t.Fatal(err)
	}
	if n := len(auditActions(t, st, "user.disable")); n != 1 {
		t.Errorf("user.disable entries = %d, want 1", n)
	}
	// The last admin cannot be disabled, by themself or the command line.
	if _, err := st.DisableUser(ctx, "", root.ID); agora.KindOf(err) != agora.Conflict {
		t.Errorf("disable last admin: err = %v, want Conflict", err)
	}
	u, err = st.EnableUser(ctx, root.ID, ion.ID)
	if err != nil || u.Disabled() {
		t.Fatalf("EnableUser = %+v, %v", u, err)
	}
	if got, _ := st.User(ctx, ion.ID); got.Disabled() {
		t.Error("user still disabled after EnableUser")
	}
	if n := len(auditActions(t, st, "user.enable")); n != 1 {
		t.Errorf("user.enable entries = %d, want 1", n)
	}
	if _, err := st.EnableUser(ctx, root.ID, agora.NewID()); agora.KindOf(err) != agora.NotFound {
		t.Errorf("enable unknown user: err = %v, want NotFound", err)
	}
}

func TestListUsersSearchAndPages(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	var all []string
	for i := range 7 {
		e := fmt.Sprintf("user%02d@agora.test", i)
		mustUser(t, st, e, fmt.Sprintf("Person %d", i), agora.RoleParticipant)
		all = append(all, e)
	}
	mustUser(t, st, "stefan@agora.test", "Ștefan Țurcanu", agora.RoleParticipant)
	mustUser(t, st, "ola@example.pl", "Ola Żółć", agora.RoleModerator)
	mustUser(t, st, "percent@agora.test", "100% sure_thing", agora.RoleParticipant)

	for _, tt := range []struct {
		q    string
		want []string
	}{
		{"", nil}, // everyone, checked by count below
		{"USER03", []string{"user03@agora.test"}},
		{"example.pl", []string{"ola@example.pl"}},
		{"Ștefan", []string{"stefan@agora.test"}},
		{"Żółć", []string{"ola@example.pl"}},
		{"%", []string{"percent@agora.test"}},
		{"_", []string{"percent@agora.test"}},
		{"' OR 1=1 --", []string{}},
	} {
		p, err := st.ListUsers(ctx, store.UserFilter{Query: tt.q})
		if err != nil {
			t.Fatalf("ListUsers(%q): %v", tt.q, err)
		}
		var got []string
		for _, u := range p.Users {
			got = append(got, u.Email)
		}
		if tt.want == nil {
			if p.Total != 10 || len(got) != 10 {
				t.Errorf("ListUsers(%q) = %d of %d, want 10", tt.q, len(got), p.Total)
			}
			continue
		}
		if !slices.Equal(got, tt.want) && !(len(got) == 0 && len(tt.want) == 0) {
			t.Errorf("ListUsers(%q) = %q, want %q", tt.q, got, tt.want)
		}
	}

	// Walk forward three at a time over "user", then back.
	var seen []string
	var pages []store.UserPage
	f := store.UserFilter{Query: "user", Limit: 3}
	for {
		p, err := st.ListUsers(ctx, f)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, p)
		for _, u := range p.Users {
			seen = append(seen, u.Email)
		}
		if p.Next == "" {
			break
		}
		f.After = p.Next
	}
	if !slices.Equal(seen, all) || len(pages) != 3 || pages[0].Prev != "" {
		t.Fatalf("forward walk = %q in %d pages (first prev %q)", seen, len(pages), pages[0].Prev)
	}
	back, err := st.ListUsers(ctx, store.UserFilter{Query: "user", Limit: 3, Before: pages[2].Prev})
	if err != nil {
		t.Fatal(err)
	}
	if len(back.Users) != 3 || back.Users[0].Email != "user03@agora.test" || back.Next == "" || back.Prev == "" {
		t.Errorf("backward page = %+v", back)
	}
	if _, err := st.ListUsers(ctx, store.UserFilter{After: "!!not base64"}); agora.KindOf(err) != agora.Invalid {
		t.Errorf("bad cursor: err = %v, want Invalid", err)
	}
	if _, err := st.ListUsers(ctx, store.UserFilter{Query: string(make([]byte, 300))}); agora.KindOf(err) != agora.Invalid {
		t.Errorf("long query: err = %v, want Invalid", err)
	}
}

func TestListAuditFiltersAndPages(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	root := mustUser(t, st, "root@agora.test", "Root", agora.RoleAdmin)
	for i := range 5 {
		u := mustUser(t, st, fmt.Sprintf("u%d@agora.test", i), "U", agora.RoleParticipant)
		if _, err := st.SetUserRole(ctx, root.ID, u.ID, agora.RoleModerator); err != nil {
			t.Fatal(err)
		}
		if i%2 == 0 {
			if _, err := st.DisableUser(ctx, root.ID, u.ID); err != nil {
				t.Fatal(err)
			}
		}
	}
	all, err := st.ListAudit(ctx, store.AuditQuery{})
	if err != nil || len(all.Entries) != 8 || all.Next != 0 || all.Prev != 0 {
		t.Fatalf("ListAudit all = %d entries (next %d prev %d), %v", len(all.Entries), all.Next, all.Prev, err)
	}
	for i := 1; i < len(all.Entries); i++ {
		if all.Entries[i].ID >= all.Entries[i-1].ID {
			t.Fatalf("entries not newest first: %d after %d", all.Entries[i].ID, all.Entries[i-1].ID)
		}
	}
	if n := len(auditActions(t, st, "user.disable")); n != 3 {
		t.Errorf("user.disable = %d entries, want 3", n)
	}
	p1, _ := st.ListAudit(ctx, store.AuditQuery{Limit: 3})
	p2, _ := st.ListAudit(ctx, store.AuditQuery{Limit: 3, Before: p1.Next})
	p3, _ := st.ListAudit(ctx, store.AuditQuery{Limit: 3, Before: p2.Next})
	if len(p1.Entries) != 3 || len(p2.Entries) != 3 || len(p3.Entries) != 2 || p3.Next != 0 || p1.Prev != 0 || p2.Prev == 0 {
		t.Fatalf("pages: %d/%d/%d, p3.Next %d", len(p1.Entries), len(p2.Entries), len(p3.Entries), p3.Next)
	}
	if p2.Entries[0].ID != all.Entries[3].ID || p3.Entries[1].ID != all.Entries[7].ID {
		t.Errorf("pages do not follow the full list")
	}
	back, _ := st.ListAudit(ctx, store.AuditQuery{Limit: 3, After: p3.Prev})
	if len(back.Entries) != 3 || back.Entries[0].ID != p2.Entries[0].ID || back.Prev == 0 || back.Next == 0 {
		t.Errorf("back page = %+v", back)
	}
	none, err := st.ListAudit(ctx, store.AuditQuery{OrgID: "no-such-org"})
	if err != nil || len(none.Entries) != 0 {
		t.Errorf("org filter = %d entries, %v", len(none.Entries), err)
	}
	if _, err := st.ListAudit(ctx, store.AuditQuery{Action: "\xff"}); agora.KindOf(err) != agora.Invalid {
		t.Errorf("invalid UTF-8 action: %v", err)
	}
}

func TestAdminStats(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	root := mustUser(t, st, "root@agora.test", "Root", agora.RoleAdmin)
	u := mustUser(t, st, "a@agora.test", "A", agora.RoleParticipant)
	if _, err := st.CreateUser(ctx, store.NewUser{Email: "b@agora.test", DisplayName: "B"}); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DisableUser(ctx, root.ID, u.ID); err != nil {
		t.Fatal(err)
	}
	if err := st.Enqueue(ctx, "email", map[string]string{"x": "y"}, store.EnqueueOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := st.Enqueue(ctx, "email", map[string]string{"x": "z"}, store.EnqueueOptions{RunAt: time.Now().Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	s, err := st.AdminStats(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if s.Users != 3 || s.DisabledUsers != 1 || s.UnverifiedMail != 1 || s.Admins != 1 || s.Orgs != 0 || s.Jobs.Ready != 1 || s.Jobs.Scheduled != 1 {
		t.Errorf("AdminStats = %+v", s)
	}
}
