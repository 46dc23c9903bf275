package store

import (
	"context"
	"syscall"
	"testing"
	"time"

	"github.com/agora-civic/agora"
)

// BenchmarkImportLawsIndexed imports the real archives with the search
// index written per act (indexLawAct, as ImportLaws calls it today) and
// per import batch (indexLawActs once after the batch's acts, as
// proposed in law_index.go), both inside the import transaction. Besides
// wall time it reports articles per CPU second of the process, which a
// loaded machine distorts less.
//
//	go test -run '^$' -bench ImportLawsIndexed -benchtime 1x ./internal/store/
func BenchmarkImportLawsIndexed(b *testing.B) {
	all, _ := lawBenchDocs(b)
	docs, articles := writtenOnce(all)
	for _, perBatch := range []bool{false, true} {
		name := "per-act"
		if perBatch {
			name = "per-batch"
		}
		b.Run(name, func(b *testing.B) {
			var cpu time.Duration
			for b.Loop() {
				b.StopTimer()
				s := lawBenchStore(b)
				b.StartTimer()
				c := processCPU()
				for start := 0; start < len(docs); start += lawBenchBatch {
					batch := docs[start:min(len(docs), start+lawBenchBatch)]
					var ids []string
					index := indexLawAct
					if perBatch {
						// Indexes on the batch's last act, still in its transaction.
						index = func(ctx context.Context, tx *Tx, id string) error {
							if ids = append(ids, id); len(ids) < len(batch) {
								return nil
							}
							return indexLawActs(ctx, tx, ids)
						}
					}
					if _, err := s.importLaws(context.Background(), batch, index); err != nil {
						b.Fatal(err)
					}
					if perBatch && len(ids) != len(batch) {
						b.Fatalf("%d of %d acts written", len(ids), len(batch))
					}
				}
				cpu += processCPU() - c
				b.StopTimer()
				s.Close()
				b.StartTimer()
			}
			b.ReportMetric(float64(articles)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
			b.ReportMetric(float64(articles)*float64(b.N)/cpu.Seconds(), "articles/cpu-s")
		})
	}
}

// processCPU is the user and system CPU time of this process.
func processCPU() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// writtenOnce drops the documents a fresh import leaves unchanged (a
// repeated key with the same content, or without units), so every
// remaining one is written and the batch's last act is known; it counts
// articles as lawBenchDocs does.
func writtenOnce(docs []agora.ActDocument) ([]agora.ActDocument, int) {
	seen := map[string]bool{}
	hasUnits := map[string]bool{}
	var out []agora.ActDocument
	articles := 0
	for _, d := range docs {
		k := d.Act.Key + " " + d.ContentHash()
		if seen[k] || len(d.Units) == 0 && hasUnits[d.Act.Key] {
			continue
		}
		seen[k] = true
		hasUnits[d.Act.Key] = hasUnits[d.Act.Key] || len(d.Units) > 0
		out = append(out, d)
		for _, u := range d.Units {
			if u.Kind == agora.UnitArticle || u.Depth == 0 && u.Kind == agora.UnitParagraph {
				articles++
			}
		}
	}
	return out, articles
}
