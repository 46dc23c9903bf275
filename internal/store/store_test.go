package store_test

import (
	"context"
	"slices"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// Both dialects must have the same migration numbers, so a database
// moved from SQLite to PostgreSQL is at a comparable schema version.
func TestMigrationsMatchAcrossDialects(t *testing.T) {
	lite, err := store.Migrations(store.SQLite)
	if err != nil {
		t.Fatal(err)
	}
	pg, err := store.Migrations(store.Postgres)
	if err != nil {
		t.Fatal(err)
	}
	names := func(ms []store.Migration) []string {
		var out []string
		for _, m := range ms {
			out = append(out, m.Name)
		}
		return out
	}
	if !slices.Equal(names(lite), names(pg)) {
		t.Errorf("migrations differ:\nsqlite   %v\npostgres %v", names(lite), names(pg))
	}
	if len(lite) == 0 {
		t.Fatal("no migrations embedded")
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	v1, err := st.SchemaVersion(ctx)
	if err != nil {
		t.Fatal(err)
	}
	if err := st.Migrate(ctx); err != nil {
		t.Fatalf("second Migrate: %v", err)
	}
	v2, _ := st.SchemaVersion(ctx)
	if v1 != v2 || v1 == 0 {
		t.Errorf("schema version %d then %d", v1, v2)
	}
}

func TestDuplicateEmailIsConflictOnField(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	ctx := context.Background()
	n := store.NewUser{Email: "ana@example.ro", DisplayName: "Ana Popescu"}
	if _, err := st.CreateUser(ctx, n); err != nil {
		t.Fatal(err)
	}
	_, err := st.CreateUser(ctx, n)
	e := agora.AsError(err)
	if e.Kind != agora.Invalid || e.Key != "account.email_taken" || e.Field != "email" {
		t.Errorf("second CreateUser = %v, want Invalid account.email_taken on email", err)
	}
}

func TestUnknownUserIsNotFound(t *testing.T) {
	t.Parallel()
	st := storetest.Open(t)
	_, err := st.User(context.Background(), "nope")
	if agora.KindOf(err) != agora.NotFound {
		t.Errorf("User(nope) = %v, want NotFound", err)
	}
}

func TestSessionLifecycle(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 3, 29, 0, 30, 0, 0, time.UTC) // the night Europe moves its clocks
	clock := func() time.Time { return now }
	st := storetest.OpenWith(t, storetest.Options{Now: clock})
	ctx := context.Background()
	u, err := st.CreateUser(ctx, store.NewUser{Email: "jan@example.pl", DisplayName: "Jan Kowalski", Lang: "pl", TimeZone: "Europe/Warsaw"})
	if err != nil {
		t.Fatal(err)
	}
	if err := st.CreateSession(ctx, agora.Session{IDHash: "h1", UserID: u.ID, ExpiresAt: now.Add(time.Hour)}); err != nil {
		t.Fatal(err)
	}
	got, ss, err := st.SessionUser(ctx, "h1")
	if err != nil || got.ID != u.ID || got.Lang != "pl" || !ss.CreatedAt.Equal(now) {
		t.Fatalf("SessionUser = %+v %+v %v", got, ss, err)
	}
	now = now.Add(2 * time.Hour)
	if _, _, err := st.SessionUser(ctx, "h1"); agora.KindOf(err) != agora.Unauthenticated {
		t.Errorf("expired session: err = %v, want Unauthenticated", err)
	}
	if err := st.DeleteSession(ctx, "h1"); err != nil {
		t.Fatal(err)
	}
	if _, _, err := st.SessionUser(ctx, "h1"); agora.KindOf(err) != agora.Unauthenticated {
		t.Errorf("deleted session: err = %v", err)
	}
}

func TestJobQueueRetriesAndCompletes(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	st := storetest.OpenWith(t, storetest.Options{Now: func() time.Time { return now }})
	ctx := context.Background()
	if err := st.Enqueue(ctx, "test", map[string]string{"a": "ș"}, store.EnqueueOptions{DedupKey: "k1"}); err != nil {
		t.Fatal(err)
	}
	// Same dedup key: dropped, not an error.
	if err := st.Enqueue(ctx, "test", map[string]string{"a": "other"}, store.EnqueueOptions{DedupKey: "k1"}); err != nil {
		t.Fatal(err)
	}
	jobs, err := st.ClaimJobs(ctx, "w1", 10, time.Minute)
	if err != nil || len(jobs) != 1 || string(jobs[0].Payload) != `{"a":"ș"}` || jobs[0].Attempts != 1 {
		t.Fatalf("ClaimJobs = %+v, %v", jobs, err)
	}
	// Leased: a second worker sees nothing.
	if again, _ := st.ClaimJobs(ctx, "w2", 10, time.Minute); len(again) != 0 {
		t.Fatalf("leased job claimed twice: %+v", again)
	}
	if err := st.RetryJob(ctx, jobs[0].ID, "smtp down", now.Add(time.Minute), false); err != nil {
		t.Fatal(err)
	}
	if none, _ := st.ClaimJobs(ctx, "w1", 10, time.Minute); len(none) != 0 {
		t.Fatal("job ran before its retry time")
	}
	now = now.Add(2 * time.Minute)
	jobs, _ = st.ClaimJobs(ctx, "w1", 10, time.Minute)
	if len(jobs) != 1 || jobs[0].Attempts != 2 {
		t.Fatalf("retry claim = %+v", jobs)
	}
	if err := st.CompleteJob(ctx, jobs[0].ID); err != nil {
		t.Fatal(err)
	}
	stats, err := st.JobStats(ctx)
	if err != nil || stats.Done != 1 || stats.Ready != 0 {
		t.Errorf("JobStats = %+v, %v", stats, err)
	}
}

func TestCrashedWorkerLeaseExpires(t *testing.T) {
	t.Parallel()
	now := time.Date(2026, 11, 23, 10, 0, 0, 0, time.UTC)
	st := storetest.OpenWith(t, storetest.Options{Now: func() time.Time { return now }})
	ctx := context.Background()
	if err := st.Enqueue(ctx, "test", 1, store.EnqueueOptions{}); err != nil {
		t.Fatal(err)
	}
	if jobs, _ := st.ClaimJobs(ctx, "dead", 1, time.Minute); len(jobs) != 1 {
		t.Fatal("claim failed")
	}
	now = now.Add(61 * time.Second)
	if jobs, _ := st.ClaimJobs(ctx, "alive", 1, time.Minute); len(jobs) != 1 {
		t.Error("job of a dead worker never came back")
	}
}
