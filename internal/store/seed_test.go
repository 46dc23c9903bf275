package store_test

import (
	"context"
	"fmt"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

func TestSeedUsers(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	var users []store.NewUser
	for i := range 1200 { // more than one batch
		users = append(users, store.NewUser{Email: fmt.Sprintf("u%d@seed.example", i), DisplayName: fmt.Sprintf("Ștefan %d", i),
			EmailVerified: i%2 == 0})
	}
	got, err := st.SeedUsers(ctx, users)
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(users) {
		t.Fatalf("SeedUsers returned %d accounts, want %d", len(got), len(users))
	}
	for _, i := range []int{0, 1, 999, 1199} {
		u, err := st.User(ctx, got[i].ID)
		if err != nil {
			t.Fatal(err)
		}
		if u.Email != users[i].Email || u.Verified() != users[i].EmailVerified || u.Role != agora.RoleParticipant {
			t.Errorf("account %d = %+v, want %+v", i, u, users[i])
		}
	}
	c, err := st.SeedCounts(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if c.Users != len(users) || c.Orgs != 0 || c.Profiles != 0 {
		t.Errorf("SeedCounts = %+v", c)
	}

	_, err = st.SeedUsers(ctx, []store.NewUser{{Email: "new@seed.example", DisplayName: "A"}, {Email: users[3].Email, DisplayName: "B"}})
	if agora.KindOf(err) != agora.Invalid || agora.AsError(err).Key != "account.email_taken" {
		t.Errorf("SeedUsers with a taken address: %v, want account.email_taken", err)
	}
	if _, _, err := st.UserByEmail(ctx, "new@seed.example"); agora.KindOf(err) != agora.NotFound {
		t.Errorf("the batch with the taken address was partly kept: %v", err)
	}
}
