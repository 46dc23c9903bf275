package store

import (
	"context"
	"testing"

	"github.com/agora-civic/agora"
)

// BenchmarkImportLawsBatchIndex is BenchmarkImportLaws/index with the
// search index written once per import batch (indexLawActs after the
// batch's acts) instead of once per act, as ImportLaws would do with the
// change proposed in law_index.go. The closure indexes on the batch's
// last act, still inside the import transaction.
//
//	go test -run '^$' -bench ImportLawsBatchIndex -benchtime 1x ./internal/store/
func BenchmarkImportLawsBatchIndex(b *testing.B) {
	all, _ := lawBenchDocs(b)
	docs, articles := writtenOnce(all)
	for b.Loop() {
		b.StopTimer()
		s := lawBenchStore(b)
		b.StartTimer()
		for start := 0; start < len(docs); start += lawBenchBatch {
			batch := docs[start:min(len(docs), start+lawBenchBatch)]
			var ids []string
			index := func(ctx context.Context, tx *Tx, id string) error {
				if ids = append(ids, id); len(ids) < len(batch) {
					return nil
				}
				return indexLawActs(ctx, tx, ids)
			}
			if _, err := s.importLaws(context.Background(), batch, index); err != nil {
				b.Fatal(err)
			}
			if len(ids) != len(batch) {
				b.Fatalf("%d of %d acts written", len(ids), len(batch))
			}
		}
		b.StopTimer()
		s.Close()
		b.StartTimer()
	}
	b.ReportMetric(float64(articles)*float64(b.N)/b.Elapsed().Seconds(), "articles/s")
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
