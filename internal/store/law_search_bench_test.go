package store

import (
	"archive/tar"
	"compress/gzip"
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"
	"unsafe"

	"github.com/agora-civic/agora/internal/search"
)

// benchArticles is the size of the index the targets are set for.
const benchArticles = 100_000

// loadBenchDocs reads the real Romanian and Polish acts of ../shared/data
// and turns every provision into a search document, repeating the set
// (with a different year and act key per round) until n documents.
func loadBenchDocs(tb testing.TB, n int) []LawSearchDoc {
	tb.Helper()
	var base []LawSearchDoc
	for _, src := range []struct{ path, jur string }{
		{"../../../shared/data/ro-laws/ro-laws-subset.tar.gz", "RO"},
		{"../../../shared/data/pl-laws/pl-laws-subset.tar.gz", "PL"},
	} {
		f, err := os.Open(src.path)
		if err != nil {
			tb.Skipf("benchmark data not found: %v", err)
		}
		defer f.Close()
		gz, err := gzip.NewReader(f)
		if err != nil {
			tb.Fatal(err)
		}
		tr := tar.NewReader(gz)
		for {
			h, err := tr.Next()
			if err == io.EOF {
				break
			}
			if err != nil {
				tb.Fatal(err)
			}
			if !strings.HasSuffix(h.Name, ".json") {
				continue
			}
			var act struct {
				ID, Title, Status string
				IssuedDate        string `json:"issued_date"`
				Provisions        []struct {
					Ref     string `json:"provision_ref"`
					Title   string
					Content string
				}
			}
			if err := json.NewDecoder(tr).Decode(&act); err != nil {
				continue // the data's malformed files are the importer's test material
			}
			year, _ := strconv.Atoi(act.IssuedDate[:min(4, len(act.IssuedDate))])
			kind := "lege"
			if src.jur == "PL" {
				kind = "du"
			} else if strings.HasPrefix(strings.ToUpper(act.Title), "HOT") {
				kind = "hg"
			}
			for i, p := range act.Provisions {
				base = append(base, LawSearchDoc{ActID: act.ID, ActKey: strings.ToLower(src.jur) + "/" + act.ID, UnitKey: p.Ref,
					ArticleLabel: p.Title, Position: i, Jurisdiction: src.jur, Kind: kind, Year: year, Status: act.Status,
					ActDate: act.IssuedDate, Title: act.Title, Body: p.Content})
			}
		}
	}
	docs := make([]LawSearchDoc, 0, n)
	for round := 0; len(docs) < n; round++ {
		for _, d := range base {
			if len(docs) == n {
				break
			}
			if round > 0 {
				d.ActID += "-r" + strconv.Itoa(round)
				d.ActKey += "-r" + strconv.Itoa(round)
				d.Year += round
			}
			docs = append(docs, d)
		}
	}
	return docs
}

// benchQueries mixes what people type: words, inflected and
// diacritic-free variants, phrases, prefixes, exclusions and filters.
func benchQueries() []search.Query {
	ro, pl := []string{"RO"}, []string{"PL"}
	return []search.Query{
		{Text: "transparență decizională"}, {Text: "transparenta decizionala"}, {Text: "transparenţa decizională"},
		{Text: "persoane cu dizabilități"}, {Text: "persoanelor cu dizabilitati", Jurisdictions: ro},
		{Text: "organizații neguvernamentale"}, {Text: "organizatiile neguvernamentale", YearFrom: 2000, YearTo: 2015},
		{Text: `"consultare publică"`}, {Text: `"asistență socială"`, Jurisdictions: ro},
		{Text: "asociații fundații"}, {Text: "voluntariat contract"}, {Text: "protecția copilului", Statuses: []string{"in_force"}},
		{Text: "dizab*"}, {Text: "ajutor social -pensii"}, {Text: "impozit venit", Sort: search.ByDate},
		{Text: "organizacja pożytku publicznego"}, {Text: "organizacji pozarzadowych", Jurisdictions: pl},
		{Text: `"pożytku publicznego"`}, {Text: `"pomocy społecznej"`, Jurisdictions: pl},
		{Text: "wolontariusz świadczenia"}, {Text: "stowarzyszenie fundacja", Statuses: []string{"in_force"}},
		{Text: "osoby niepełnosprawne zatrudnienie"}, {Text: "niepelnosprawn*"}, {Text: "ubezpieczenia społeczne emerytura"},
		{Text: "rada gminy uchwała", YearFrom: 1990}, {Text: "minister właściwy", Kinds: []string{"du"}},
		{Text: "kara grzywny", Sort: search.ByDate}, {Text: "termin 30 dni"}, {Text: "Legea 52/2003"}, {Text: "art. 5 ust. 2"},
	}
}

func BenchmarkSearchLaws100k(b *testing.B) {
	s := openSearchBenchStore(b)
	ctx := context.Background()
	docs := loadBenchDocs(b, benchArticles)
	t0 := time.Now()
	for i := 0; i < len(docs); i += 1000 {
		if err := s.AddLawSearchDocs(ctx, docs[i:min(i+1000, len(docs))]); err != nil {
			b.Fatal(err)
		}
	}
	indexTime := time.Since(t0)
	if s.dialect == Postgres {
		if _, err := s.writer.ExecContext(ctx, `ANALYZE law_search_docs`); err != nil {
			b.Fatal(err)
		}
	}
	size, err := s.LawSearchIndexSize(ctx)
	if err != nil {
		b.Fatal(err)
	}
	docs = nil
	runtime.GC()
	qs := benchQueries()
	var lat, cpu []time.Duration
	worst := make([]time.Duration, len(qs))
	// The goroutine keeps its thread so the thread's CPU clock measures
	// the queries alone: on a loaded machine wall time mostly measures
	// waiting for a core. (SQLite runs in this thread; PostgreSQL's work
	// is in its server, so there only wall time counts.)
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	b.ResetTimer()
	for b.Loop() {
		for i, q := range qs {
			t, c := time.Now(), threadCPU()
			if _, err := s.SearchLaws(ctx, q); err != nil {
				b.Fatalf("%+v: %v", q, err)
			}
			d := time.Since(t)
			cpu = append(cpu, threadCPU()-c)
			lat = append(lat, d)
			worst[i] = max(worst[i], d)
		}
	}
	b.StopTimer()
	for i, q := range qs {
		if worst[i] > 15*time.Millisecond {
			b.Logf("slow: %v for %q %+v", worst[i], q.Text, q)
		}
	}
	slices.Sort(lat)
	slices.Sort(cpu)
	pctOf := func(lat []time.Duration, p int) float64 {
		return float64(lat[min(len(lat)-1, (p*len(lat)+99)/100-1)].Microseconds()) / 1000
	}
	pct := func(p int) float64 { return pctOf(lat, p) }
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	b.ReportMetric(pct(50), "p50-ms")
	b.ReportMetric(pct(95), "p95-ms")
	b.ReportMetric(pct(99), "p99-ms")
	b.ReportMetric(pctOf(cpu, 50), "p50-cpu-ms")
	b.ReportMetric(pctOf(cpu, 95), "p95-cpu-ms")
	b.ReportMetric(pctOf(cpu, 99), "p99-cpu-ms")
	b.ReportMetric(float64(size)/1e6, "index-MB")
	b.ReportMetric(float64(benchArticles)/indexTime.Seconds(), "indexed-docs/s")
	b.ReportMetric(float64(ms.HeapInuse)/1e6, "heap-MB")
	b.ReportMetric(float64(rssBytes())/1e6, "rss-MB")
}

// openSearchBenchStore is openForInternalTest for a benchmark: an
// in-memory SQLite database, or a fresh PostgreSQL schema when
// AGORA_TEST_POSTGRES is set.
func openSearchBenchStore(b *testing.B) *Store {
	c := Config{Path: ":memory:", FastUnsafe: true}
	if url := os.Getenv("AGORA_TEST_POSTGRES"); url != "" {
		c = Config{URL: url, Schema: "tb_search_" + strconv.FormatInt(time.Now().UnixNano(), 36)}
		db, err := sql.Open("pgx", url)
		if err != nil {
			b.Fatal(err)
		}
		if _, err := db.Exec(`CREATE SCHEMA ` + c.Schema); err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { _, _ = db.Exec(`DROP SCHEMA ` + c.Schema + ` CASCADE`); db.Close() })
	}
	s, err := Open(context.Background(), c)
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	return s
}

// threadCPU is the CPU time of the calling thread.
func threadCPU() time.Duration {
	var ts syscall.Timespec
	const clockThreadCPUTime = 3 // CLOCK_THREAD_CPUTIME_ID
	if _, _, e := syscall.Syscall(syscall.SYS_CLOCK_GETTIME, clockThreadCPUTime, uintptr(unsafe.Pointer(&ts)), 0); e != 0 {
		return 0
	}
	return time.Duration(ts.Nano())
}

// rssBytes reads the resident set size of this process (Linux).
func rssBytes() int64 {
	b, err := os.ReadFile("/proc/self/status")
	if err != nil {
		return 0
	}
	for _, line := range strings.Split(string(b), "\n") {
		if rest, ok := strings.CutPrefix(line, "VmRSS:"); ok {
			var kb int64
			fmt.Sscan(strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(rest), "kB")), &kb)
			return kb * 1024
		}
	}
	return 0
}
