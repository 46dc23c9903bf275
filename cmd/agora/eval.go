package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"time"

	"github.com/agora-civic/agora/internal/search"
	"github.com/agora-civic/agora/internal/store"
)

const evalUsage = `Usage:
  agora eval search [flags] FILE...

Indexes every distinct passage (context) of SQuAD-format question sets as
one document of the legislation index, asks every question and prints
MRR, recall@k and nDCG@10 (the relevant document is the question's own
passage). By default a temporary SQLite database is used; --db runs the
same on PostgreSQL in a temporary schema. The files are read where they
are (e.g. ../shared/data/search-eval/*.json) and never copied.
`

type evalConfig struct {
	DB     string
	Mode   string
	Titles bool
	Files  []string
}

func cmdEval(ctx context.Context, args []string, _ func(string) string, stdout, stderr io.Writer) error {
	if len(args) == 0 || args[0] != "search" {
		fmt.Fprint(stderr, evalUsage)
		if len(args) > 0 && (args[0] == "-h" || args[0] == "--help" || args[0] == "help") {
			return nil
		}
		return usageError{"eval: say what to evaluate: search"}
	}
	var c evalConfig
	fs := newFlagSet("eval search", stderr)
	fs.Usage = func() { fmt.Fprint(stderr, evalUsage); fs.PrintDefaults() }
	fs.StringVar(&c.DB, "db", "", "PostgreSQL URL to evaluate on (a temporary schema is created and dropped); empty: a temporary SQLite file")
	fs.StringVar(&c.Mode, "mode", "natural", "query mode: natural (any word, ranked) or all (every word)")
	fs.BoolVar(&c.Titles, "titles", true, "index each passage's statute title in the title field, as acts are indexed")
	if err := fs.Parse(args[1:]); err != nil {
		if errors.Is(err, flag.ErrHelp) {
			return nil
		}
		return usageError{err.Error()}
	}
	c.Files = fs.Args()
	if len(c.Files) == 0 {
		return usageError{"eval search: name at least one question file"}
	}
	if c.Mode != "natural" && c.Mode != "all" {
		return usageError{"eval search: --mode must be natural or all"}
	}
	set, err := loadEvalSet(c.Files)
	if err != nil {
		return err
	}
	st, size, cleanup, err := openEvalStore(ctx, c.DB)
	if err != nil {
		return err
	}
	defer cleanup()
	r, err := runSearchEval(ctx, st, set, c)
	if err != nil {
		return err
	}
	r.IndexBytes, err = size()
	if err != nil {
		return err
	}
	printEvalReport(stdout, c, set, r)
	return nil
}

// openEvalStore gives a fresh store that is thrown away afterwards, and a
// function measuring its index size.
func openEvalStore(ctx context.Context, url string) (*store.Store, func() (int64, error), func(), error) {
	if url == "" {
		dir, err := os.MkdirTemp("", "agora-eval-")
		if err != nil {
			return nil, nil, nil, err
		}
		path := filepath.Join(dir, "eval.db")
		st, err := store.Open(ctx, store.Config{Path: path, FastUnsafe: true})
		if err != nil {
			os.RemoveAll(dir)
			return nil, nil, nil, err
		}
		size := func() (int64, error) { return st.LawSearchIndexSize(ctx) }
		return st, size, func() { st.Close(); os.RemoveAll(dir) }, nil
	}
	db, err := sql.Open("pgx", url)
	if err != nil {
		return nil, nil, nil, err
	}
	var b [6]byte
	_, _ = rand.Read(b[:])
	schema := "agora_eval_" + hex.EncodeToString(b[:])
	if _, err := db.ExecContext(ctx, `CREATE SCHEMA `+schema); err != nil {
		db.Close()
		return nil, nil, nil, err
	}
	drop := func() {
		_, _ = db.ExecContext(context.Background(), `DROP SCHEMA `+schema+` CASCADE`)
		db.Close()
	}
	st, err := store.Open(ctx, store.Config{URL: url, Schema: schema})
	if err != nil {
		drop()
		return nil, nil, nil, err
	}
	size := func() (int64, error) { return st.LawSearchIndexSize(ctx) }
	return st, size, func() { st.Close(); drop() }, nil
}

// evalResult holds the figures of one run.
type evalResult struct {
	Docs, Questions  int
	MRR, NDCG10      float64
	Recall           map[int]float64
	IndexTime        time.Duration
	QueryTime        time.Duration
	P50, P95         time.Duration
	IndexBytes       int64
	HeapAfterIndexMB float64
}

func runSearchEval(ctx context.Context, st *store.Store, set evalSet, c evalConfig) (evalResult, error) {
	r := evalResult{Docs: len(set.Docs), Questions: len(set.Questions), Recall: map[int]float64{}}
	docs := make([]store.LawSearchDoc, len(set.Docs))
	for i, d := range set.Docs {
		docs[i] = store.LawSearchDoc{ActID: evalDocID(i), ActKey: evalDocID(i), Jurisdiction: "PL", Kind: "eval", Status: "in_force", Body: d.Text, Position: i}
		if c.Titles {
			docs[i].Title = d.Title
		}
	}
	t0 := time.Now()
	const batch = 500
	for i := 0; i < len(docs); i += batch {
		if err := st.AddLawSearchDocs(ctx, docs[i:min(i+batch, len(docs))]); err != nil {
			return r, err
		}
	}
	r.IndexTime = time.Since(t0)
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	r.HeapAfterIndexMB = float64(ms.HeapAlloc) / 1e6
	mode := search.Natural
	if c.Mode == "all" {
		mode = search.All
	}
	var lat []time.Duration
	ks := []int{1, 10, 100}
	for _, q := range set.Questions {
		t := time.Now()
		res, err := st.SearchLaws(ctx, search.Query{Text: clipQuery(q.Text), Mode: mode, Limit: search.MaxLimit, NoFacets: true})
		lat = append(lat, time.Since(t))
		if err != nil && !isInvalid(err) {
			return r, fmt.Errorf("eval: question %s: %w", q.ID, err)
		}
		rank := 0
		for i, h := range res.Hits {
			if h.ActID == evalDocID(q.Doc) {
				rank = i + 1
				break
			}
		}
		if rank > 0 {
			r.MRR += 1 / float64(rank)
			if rank <= 10 {
				r.NDCG10 += ndcgGain(rank)
			}
			for _, k := range ks {
				if rank <= k {
					r.Recall[k]++
				}
			}
		}
	}
	n := float64(max(len(set.Questions), 1))
	r.MRR /= n
	r.NDCG10 /= n
	for _, k := range ks {
		r.Recall[k] /= n
	}
	for _, d := range lat {
		r.QueryTime += d
	}
	slices.Sort(lat)
	r.P50, r.P95 = percentile(lat, 50), percentile(lat, 95)
	return r, nil
}

func evalDocID(i int) string { return fmt.Sprintf("eval-%05d", i) }

func printEvalReport(w io.Writer, c evalConfig, set evalSet, r evalResult) {
	db := "sqlite (temporary file)"
	if c.DB != "" {
		db = "postgres (temporary schema)"
	}
	fmt.Fprintf(w, "search eval: %d files, %d passages (%d duplicate contexts merged), %d questions\n",
		len(c.Files), r.Docs, set.Merged, r.Questions)
	fmt.Fprintf(w, "database   %s, mode %s, titles %v\n", db, c.Mode, c.Titles)
	fmt.Fprintf(w, "MRR@100    %.4f\n", r.MRR)
	fmt.Fprintf(w, "nDCG@10    %.4f\n", r.NDCG10)
	fmt.Fprintf(w, "recall@1   %.4f\n", r.Recall[1])
	fmt.Fprintf(w, "recall@10  %.4f\n", r.Recall[10])
	fmt.Fprintf(w, "recall@100 %.4f\n", r.Recall[100])
	fmt.Fprintf(w, "queries    %d in %.2f s (p50 %.2f ms, p95 %.2f ms)\n", r.Questions, r.QueryTime.Seconds(),
		ms(r.P50), ms(r.P95))
	fmt.Fprintf(w, "index      %d passages in %.2f s, %.1f MB on disk\n", r.Docs, r.IndexTime.Seconds(), float64(r.IndexBytes)/1e6)
}

func ms(d time.Duration) float64 { return float64(d.Microseconds()) / 1000 }
