package store_test

import (
	"context"
	"fmt"
	"path/filepath"
	"slices"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
	"github.com/agora-civic/agora/internal/storetest"
)

// benchCommentStore opens a durable SQLite file (WAL, synchronous=FULL),
// or the test PostgreSQL when AGORA_TEST_POSTGRES is set, with an open
// consultation and n participants.
func benchCommentStore(b *testing.B, n int) (*store.Store, agora.Consultation, []agora.User) {
	b.Helper()
	ctx := context.Background()
	var st *store.Store
	if storetest.Postgres() {
		st = storetest.Open(b)
	} else {
		var err error
		st, err = store.Open(ctx, store.Config{Path: filepath.Join(b.TempDir(), "bench.db")})
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
	}
	a := storetest.NewAuthority(b, st, agora.RO, "bench")
	c := storetest.OpenConsultation(b, st, a, time.Now(), 30*24*time.Hour)
	people := make([]agora.User, n)
	for i := range people {
		u, err := st.CreateUser(ctx, store.NewUser{Email: fmt.Sprintf("bench%d@x.test", i), DisplayName: fmt.Sprintf("Bench %d", i), EmailVerified: true})
		if err != nil {
			b.Fatal(err)
		}
		people[i] = u
	}
	return st, c, people
}

// benchComments posts b.N comments from clients goroutines and reports
// throughput and the 99th percentile latency.
func benchComments(b *testing.B, st *store.Store, c agora.Consultation, people []agora.User, clients int) {
	ctx := context.Background()
	units := []string{"art-1", "art-1.par-1", "art-1.par-2", "art-1.par-2.let-a", "art-2"}
	var next atomic.Int64
	lat := make([][]time.Duration, clients)
	b.ResetTimer()
	start := time.Now()
	var wg sync.WaitGroup
	for w := range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1)
				if i > int64(b.N) {
					return
				}
				t0 := time.Now()
				_, _, err := st.CreateComment(ctx, store.NewComment{ConsultationID: c.ID, AuthorID: people[w].ID,
					Input:     agora.CommentInput{UnitKey: units[i%int64(len(units))], Body: fmt.Sprintf("Propunerea numărul %d.", i)},
					ClientKey: fmt.Sprintf("bench-%d", i)})
				if err != nil {
					b.Error(err)
					return
				}
				lat[w] = append(lat[w], time.Since(t0))
			}
		}()
	}
	wg.Wait()
	elapsed := time.Since(start)
	b.StopTimer()
	var all []time.Duration
	for _, l := range lat {
		all = append(all, l...)
	}
	if len(all) == 0 {
		return
	}
	slices.Sort(all)
	b.ReportMetric(float64(all[len(all)*99/100].Microseconds())/1000, "p99-ms")
	b.ReportMetric(float64(len(all))/elapsed.Seconds(), "comments/s")
}
