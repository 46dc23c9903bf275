package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// TestCommentsSurviveSIGKILL is the promise that no acknowledged
// comment is ever lost: 32 workers post 1,000 comments through the form
// of a real `agora serve` process, which is killed with SIGKILL once
// about half are acknowledged. After a restart every comment that got its
// 303 is stored exactly once, no comment is stored twice, and the
// counters the page shows agree with the rows. A form submitted twice at
// once (same one-time key) then creates one comment.
//
// On SQLite by default; on PostgreSQL too when AGORA_TEST_POSTGRES is set.
func TestCommentsSurviveSIGKILL(t *testing.T) {
	if testing.Short() {
		t.Skip("builds agora and kills server processes")
	}
	exe := buildAgora(t)
	t.Run("sqlite", func(t *testing.T) {
		testSurviveSIGKILL(t, exe, "")
	})
	if pg := os.Getenv("AGORA_TEST_POSTGRES"); pg != "" {
		t.Run("postgres", func(t *testing.T) {
			testSurviveSIGKILL(t, exe, postgresSchemaURL(t, pg))
		})
	}
}

const (
	durabilityComments = 1000
	durabilityWorkers  = 32
)

func testSurviveSIGKILL(t *testing.T, exe, dbURL string) {
	ctx := context.Background()
	dir := t.TempDir()
	cfg := store.Config{Path: filepath.Join(dir, "agora.db"), URL: dbURL}
	if dbURL != "" {
		cfg.Path = ""
	}
	st, err := store.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	ds, err := openConsultations(ctx, st, durabilityWorkers)
	if err != nil {
		t.Fatal(err)
	}
	var sessions []string
	for _, id := range ds.Participants {
		plain, hash, err := auth.NewToken()
		if err != nil {
			t.Fatal(err)
		}
		if err := st.CreateSession(ctx, agora.Session{IDHash: hash, UserID: id, ExpiresAt: time.Now().Add(time.Hour)}); err != nil {
			t.Fatal(err)
		}
		sessions = append(sessions, plain)
	}
	st.Close()

	srv := startServe(t, exe, dir, dbURL)
	p := commentPoster{base: srv.base, consultation: ds.Page, sessions: sessions, units: ds.Units, run: "durable"}
	client := newBenchClient(durabilityWorkers)
	defer client.CloseIdleConnections()

	var acked sync.Map // comment number → true, for every 303
	var nAcked, next atomic.Int64
	var killOnce sync.Once
	kill := func() {
		killOnce.Do(func() {
			if err := srv.cmd.Process.Signal(syscall.SIGKILL); err != nil {
				t.Errorf("SIGKILL: %v", err)
			}
		})
	}
	var wg sync.WaitGroup
	for w := range durabilityWorkers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := next.Add(1) - 1
				if i >= durabilityComments {
					return
				}
				resp, err := client.Do(p.request(w, i))
				if err != nil {
					continue // the server died under this request: not acknowledged
				}
				_, _ = io.Copy(io.Discard, resp.Body)
				resp.Body.Close()
				if resp.StatusCode != http.StatusSeeOther {
					t.Errorf("comment %d: HTTP %d", i, resp.StatusCode)
					continue
				}
				acked.Store(i, true)
				if nAcked.Add(1) >= durabilityComments/2 {
					kill()
				}
			}
		}()
	}
	wg.Wait()
	kill() // in case fewer than half were acknowledged
	srv.wait()
	if nAcked.Load() == 0 {
		t.Fatal("no comment was acknowledged before the kill")
	}
	t.Logf("%d comments acknowledged before SIGKILL", nAcked.Load())

	// Restart on the same data and submit one form twice at once.
	srv = startServe(t, exe, dir, dbURL)
	double := commentPoster{base: srv.base, consultation: ds.Page, sessions: sessions, units: ds.Units, run: "double"}
	var dw sync.WaitGroup
	statuses := make([]int, 2)
	for k := range statuses {
		dw.Add(1)
		go func() {
			defer dw.Done()
			resp, err := client.Do(double.request(0, 1))
			if err != nil {
				t.Errorf("double submit: %v", err)
				return
			}
			resp.Body.Close()
			statuses[k] = resp.StatusCode
		}()
	}
	dw.Wait()
	for _, s := range statuses {
		if s != http.StatusSeeOther {
			t.Errorf("double submit answered %v, want 303 twice", statuses)
			break
		}
	}
	srv.stop()

	st, err = store.Open(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	comments, err := st.Comments(ctx, store.CommentFilter{ConsultationID: ds.Page})
	if err != nil {
		t.Fatal(err)
	}
	stored := map[string]int{}
	for _, c := range comments {
		stored[c.Body]++
	}
	for body, n := range stored {
		if n > 1 {
			t.Errorf("stored %d times: %q", n, body)
		}
	}
	lost := 0
	acked.Range(func(k, _ any) bool {
		body := p.body(k.(int64))
		if stored[body] == 0 {
			lost++
			if lost <= 5 {
				t.Errorf("acknowledged comment %d is gone after the restart", k)
			}
		}
		return true
	})
	if lost > 0 {
		t.Errorf("%d of %d acknowledged comments lost", lost, nAcked.Load())
	}
	if n := stored[double.body(1)]; n != 1 {
		t.Errorf("a form submitted twice created %d comments, want 1", n)
	}
	c, err := st.Consultation(ctx, ds.Page)
	if err != nil {
		t.Fatal(err)
	}
	if c.CommentCount != len(comments) {
		t.Errorf("the consultation counts %d comments, %d are stored", c.CommentCount, len(comments))
	}
	t.Logf("%d comments stored after the restart (%d acknowledged, then 1 double-submitted form)", len(comments), nAcked.Load())
}

// buildAgora builds this command into a temporary directory: the test
// kills a real process, not a goroutine.
func buildAgora(t *testing.T) string {
	t.Helper()
	exe := filepath.Join(t.TempDir(), "agora")
	cmd := exec.Command("go", "build", "-o", exe, ".")
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	return exe
}

// served is one `agora serve` process.
type served struct {
	cmd    *exec.Cmd
	base   string
	stderr *syncBuffer
	done   chan struct{}
}

// startServe starts agora serve on dir (and dbURL when set) on a free
// loopback port and waits for /healthz. The environment holds no AGORA_*
// variable of the caller's.
func startServe(t *testing.T, exe, dir, dbURL string) *served {
	t.Helper()
	addr, err := freeAddr()
	if err != nil {
		t.Fatal(err)
	}
	args := []string{"serve", "--data", dir, "--addr", addr, "--log-level", "warn"}
	if dbURL != "" {
		args = append(args, "--db", dbURL)
	}
	cmd := exec.Command(exe, args...)
	cmd.Env = []string{"PATH=" + os.Getenv("PATH"), "HOME=" + dir}
	s := &served{cmd: cmd, base: "http://" + addr, stderr: &syncBuffer{}, done: make(chan struct{})}
	cmd.Stderr = s.stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	go func() { _ = cmd.Wait(); close(s.done) }()
	t.Cleanup(s.stop)
	if err := waitHealthy(context.Background(), s.base+"/healthz", 20*time.Second); err != nil {
		s.stop()
		t.Fatalf("%v\n%s", err, s.stderr.String())
	}
	return s
}

// wait waits for the process to end (after a kill).
func (s *served) wait() { <-s.done }

// stop ends the process gracefully, or kills it after ten seconds.
func (s *served) stop() {
	select {
	case <-s.done:
		return
	default:
	}
	_ = s.cmd.Process.Signal(os.Interrupt)
	select {
	case <-s.done:
	case <-time.After(10 * time.Second):
		_ = s.cmd.Process.Kill()
		<-s.done
	}
}

// syncBuffer lets the child's stderr be read while it writes.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// postgresSchemaURL makes a fresh schema in the test database, dropped
// when the test ends, and returns a URL whose connections use it.
func postgresSchemaURL(t *testing.T, base string) string {
	t.Helper()
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "durable_" + hex.EncodeToString(b[:])
	db, err := sql.Open("pgx", base)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		db.Close()
		t.Fatal(err)
	}
	t.Cleanup(func() {
		defer db.Close()
		if _, err := db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); err != nil {
			t.Logf("drop schema %s: %v", schema, err)
		}
	})
	u, err := url.Parse(base)
	if err != nil {
		t.Fatal(err)
	}
	q := u.Query()
	q.Set("search_path", schema)
	u.RawQuery = q.Encode()
	return u.String()
}
