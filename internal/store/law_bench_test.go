package store

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/importer"
)

// lawBenchDocs reads both real archives once (about 6,000 acts, 82,000
// articles) so the benchmark times the store alone.
func lawBenchDocs(b *testing.B) ([]agora.ActDocument, int) {
	b.Helper()
	var docs []agora.ActDocument
	articles := 0
	paths := []string{"../../../shared/data/ro-laws/ro-laws-subset.tar.gz", "../../../shared/data/pl-laws/pl-laws-subset.tar.gz"}
	for _, p := range paths {
		if _, err := os.Stat(p); err != nil {
			b.Skipf("shared data missing: %v", err)
		}
	}
	err := importer.LawReader{Format: importer.LawAnsvarJSON}.Read(context.Background(), paths, func(_ string, d importer.LawDoc) error {
		docs = append(docs, d)
		for _, u := range d.Units {
			if u.Kind == agora.UnitArticle || u.Depth == 0 && u.Kind == agora.UnitParagraph {
				articles++
			}
		}
		return nil
	}, func(p importer.LawProblem) { b.Logf("skipped %s", p) })
	if err != nil {
		b.Fatal(err)
	}
	return docs, articles
}

// BenchmarkImportLaws imports the real archives into a fresh database per
// iteration, in batches as `agora import laws` does: SQLite in a file
// with the production settings, or PostgreSQL when AGORA_TEST_POSTGRES
// is set. "noindex" leaves out the search indexing.
//
//	go test -run '^$' -bench ImportLaws -benchtime 1x ./internal/store/
func BenchmarkImportLaws(b *testing.B) {
	docs, articles := lawBenchDocs(b)
	noIndex := func(context.Context, *Tx, string) error { return nil }
	for _, bc := range []struct {
		name  string
		index func(context.Context, *Tx, string) error
	}{{"noindex", noIndex}, {"index", indexLawAct}} {
		b.Run(bc.name, func(b *testing.B) {
			for b.Loop() {
				b.StopTimer()
				s := lawBenchStore(b)
				b.StartTimer()
				for start := 0; start < len(docs); start += lawBenchBatch {
					if _, err := s.importLaws(context.Background(), docs[start:min(len(docs), start+lawBenchBatch)], bc.index); err != nil {
						b.Fatal(err)
					}
				}
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(articles)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
		})
	}
}

func lawBenchStore(b *testing.B) *Store {
	b.Helper()
	c := Config{Path: filepath.Join(b.TempDir(), "bench.db")}
	if url := os.Getenv("AGORA_TEST_POSTGRES"); url != "" {
		c = Config{URL: url, Schema: benchSchema(b, url)}
	}
	s, err := Open(context.Background(), c)
	if err != nil {
		b.Fatal(err)
	}
	return s
}

// benchSchema makes a PostgreSQL schema dropped when the benchmark ends.
func benchSchema(b *testing.B, url string) string {
	b.Helper()
	var r [6]byte
	_, _ = rand.Read(r[:])
	schema := "tb_" + hex.EncodeToString(r[:])
	db, err := sql.Open("pgx", url)
	if err != nil {
		b.Fatal(err)
	}
	if _, err := db.Exec(`CREATE SCHEMA ` + schema); err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { _, _ = db.Exec(`DROP SCHEMA ` + schema + ` CASCADE`); db.Close() })
	return schema
}

// lawBenchBatch is the documents per transaction, as `agora import laws
// --batch` defaults to.
const lawBenchBatch = 256
