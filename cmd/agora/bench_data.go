package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"time"

	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/demo"
	"github.com/agora-civic/agora/internal/store"
)

// benchMarker is written beside a dataset agora bench built, so a later
// run can reuse it and, more importantly, so bench never deletes a
// database it did not make.
type benchMarker struct {
	Orgs  int `json:"orgs"`
	Users int `json:"users"`
	// Version changes when the generator changes what it makes.
	Version int `json:"version"`
}

const (
	benchMarkerFile    = "agora-bench.json"
	benchDataVersion   = 1
	benchGeneratorSeed = 2026
)

// prepareBenchData makes sure dir holds the demo data plus the synthetic
// population of the requested size, building it when missing or of
// another size. It reports whether it built anything and how long that
// took.
func prepareBenchData(ctx context.Context, dir string, orgs, users int, log io.Writer) (built bool, took time.Duration, err error) {
	want := benchMarker{Orgs: orgs, Users: users, Version: benchDataVersion}
	db := filepath.Join(dir, "agora.db")
	_, dbErr := os.Stat(db)
	var have benchMarker
	b, mErr := os.ReadFile(filepath.Join(dir, benchMarkerFile))
	switch {
	case mErr == nil:
		if err := json.Unmarshal(b, &have); err != nil {
			return false, 0, fmt.Errorf("bench: %s: %w", benchMarkerFile, err)
		}
		if have == want && dbErr == nil {
			return false, 0, nil
		}
	case !errors.Is(mErr, fs.ErrNotExist):
		return false, 0, mErr
	case dbErr == nil:
		return false, 0, fmt.Errorf("bench: %s holds a database agora bench did not make; choose another --data", dir)
	}
	// Ours (or nothing there): start afresh.
	for _, suffix := range []string{"", "-wal", "-shm"} {
		if err := os.Remove(db + suffix); err != nil && !errors.Is(err, fs.ErrNotExist) {
			return false, 0, err
		}
	}
	if err := os.MkdirAll(dir, 0o700); err != nil {
		return false, 0, err
	}
	start := time.Now()
	if err := buildBenchData(ctx, db, orgs, users, log); err != nil {
		return false, 0, err
	}
	b, _ = json.Marshal(want)
	if err := os.WriteFile(filepath.Join(dir, benchMarkerFile), b, 0o600); err != nil {
		return false, 0, err
	}
	return true, time.Since(start), nil
}

func buildBenchData(ctx context.Context, db string, orgs, users int, log io.Writer) error {
	start := time.Now()
	// Building skips fsync; the server reopens the file normally.
	st, err := store.Open(ctx, store.Config{Path: db, FastUnsafe: true})
	if err != nil {
		return err
	}
	defer st.Close()
	res, err := demo.Seed(ctx, st, demo.Options{Hasher: auth.DefaultHasher(), DomainsFile: demo.DefaultDomainsFile()})
	if err != nil {
		return err
	}
	fmt.Fprintf(log, "bench: demo data in %.1f s\n", res.Duration.Seconds())
	// Synthetic people share the demo password, so any of them can sign in.
	u, _, err := st.UserByEmail(ctx, "admin@"+demo.EmailDomain)
	if err != nil {
		return err
	}
	hash, err := st.PasswordHash(ctx, u.ID)
	if err != nil {
		return err
	}
	last := time.Now()
	return demo.Generate(ctx, st, demo.GenOptions{Orgs: orgs, Users: users, PasswordHash: hash, Seed: benchGeneratorSeed,
		Progress: func(stage string, done, total int) {
			if time.Since(last) > 2*time.Second || done == total {
				fmt.Fprintf(log, "bench: %s %d/%d (%.0f s)\n", stage, done, total, time.Since(start).Seconds())
				last = time.Now()
			}
		}})
}
