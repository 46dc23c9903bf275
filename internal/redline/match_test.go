package redline

import (
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/agora-civic/agora"
)

const legea52 = "../../../shared/data/ro-laws/sample/law-doc-153210.json"

// checkMatches fails unless ms accounts for every key of both versions
// once, with fields consistent with each status.
func checkMatches(t testing.TB, prev, next []agora.Unit, ms []Match) {
	t.Helper()
	oldSeen, newSeen := map[string]int{}, map[string]int{}
	for _, m := range ms {
		switch m.Status {
		case Vanished:
			if m.NewKey != "" || m.Similarity != 0 {
				t.Fatalf("%+v: vanished with a new key or a similarity", m)
			}
			oldSeen[m.OldKey]++
		case Added:
			if m.OldKey != "" || m.Similarity != 0 {
				t.Fatalf("%+v: added with an old key or a similarity", m)
			}
			newSeen[m.NewKey]++
		case Same, Changed, Renumbered, Moved:
			if (m.OldKey == m.NewKey) != (m.Status == Same || m.Status == Changed) {
				t.Fatalf("%+v: status does not agree with the keys", m)
			}
			if m.Similarity < 0 || m.Similarity > 1 || (m.Status == Same && m.Similarity != 1) {
				t.Fatalf("%+v: similarity out of range", m)
			}
			oldSeen[m.OldKey]++
			newSeen[m.NewKey]++
		default:
			t.Fatalf("%+v: unknown status", m)
		}
	}
	for _, side := range []struct {
		units []agora.Unit
		seen  map[string]int
	}{{prev, oldSeen}, {next, newSeen}} {
		keys := map[string]bool{}
		for _, u := range side.units {
			keys[u.Key] = true
			if n := side.seen[u.Key]; n != 1 {
				t.Fatalf("key %q appears %d times in the matches", u.Key, n)
			}
		}
		for k := range side.seen {
			if !keys[k] {
				t.Fatalf("key %q is in the matches but not in the version", k)
			}
		}
	}
}

// carry returns the match of each old key and of each new key.
func carry(ms []Match) (byOld, byNew map[string]Match) {
	byOld, byNew = map[string]Match{}, map[string]Match{}
	for _, m := range ms {
		if m.OldKey != "" {
			byOld[m.OldKey] = m
		}
		if m.NewKey != "" {
			byNew[m.NewKey] = m
		}
	}
	return byOld, byNew
}

func expect(t *testing.T, byOld map[string]Match, oldKey, newKey string, st Status) Match {
	t.Helper()
	m := byOld[oldKey]
	if m.NewKey != newKey || m.Status != st {
		t.Errorf("%s → %q %s, want %q %s (similarity %.2f)", oldKey, m.NewKey, m.Status, newKey, st, m.Similarity)
	}
	return m
}

func TestMatchUnchanged(t *testing.T) {
	v := units(loadLaw(t, legea52))
	ms := MatchUnits(v, v)
	checkMatches(t, v, v, ms)
	for k, m := range ms {
		if m.Status != Same || m.OldKey != v[k].Key || m.NewKey != v[k].Key {
			t.Fatalf("match %d = %+v, want %q same", k, m, v[k].Key)
		}
	}
}

// Legea 52/2003 art. 7 with alin. (2) rewritten and alin. (3) edited: both
// stay where they were, marked changed.
func TestMatchRomanianAlineateRewritten(t *testing.T) {
	arts := loadLaw(t, legea52)
	prev := units(arts)
	a7 := slices.Clone(arts[6].pars)
	if len(a7) < 3 {
		t.Fatalf("art. 7 has %d alineate", len(a7))
	}
	a7[1] = "(2) Proiectul de act normativ se transmite spre analiză și avizare autorităților publice interesate numai după definitivare, pe baza observațiilor și propunerilor formulate."
	a7[2] = strings.Replace(a7[2], "autoritatea", "instituția", 1) + " Termenul se calculează în zile lucrătoare."
	arts[6].pars = a7
	next := units(arts)
	ms := MatchUnits(prev, next)
	checkMatches(t, prev, next, ms)
	byOld, _ := carry(ms)
	expect(t, byOld, "art-7.par-1", "art-7.par-1", Same)
	if m := expect(t, byOld, "art-7.par-2", "art-7.par-2", Changed); m.Similarity > 0.5 {
		t.Errorf("rewritten alineat similarity %.2f, want ≤ 0.5", m.Similarity)
	}
	if m := expect(t, byOld, "art-7.par-3", "art-7.par-3", Changed); m.Similarity < 0.7 {
		t.Errorf("edited alineat similarity %.2f, want ≥ 0.7", m.Similarity)
	}
	expect(t, byOld, "art-8", "art-8", Same)
}

// The shared copy of Legea 52/2003 writes "Secţiunea" with a cedilla; a
// version that only corrects ş/ţ to ș/ț is changed text with similarity 1.
func TestMatchCedillaCorrected(t *testing.T) {
	prev := []agora.Unit{{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Heading: "Secţiunea 1", Text: "Autorităţile publice şi instituţiile"}}
	next := []agora.Unit{{Key: "art-1", Kind: agora.UnitArticle, Number: "1", Heading: "Secțiunea 1", Text: "Autoritățile publice și instituțiile"}}
	ms := MatchUnits(prev, next)
	checkMatches(t, prev, next, ms)
	if m := ms[0]; m.Status != Changed || m.Similarity != 1 {
		t.Errorf("MatchUnits() = %+v, want changed with similarity 1", m)
	}
}

// A Polish article gains a new ust. 2: the old ust. 2 and 3 become ust. 3
// and 4, one of them edited on the way.
func TestMatchPolishUstepRenumbered(t *testing.T) {
	arts := sampleArticles(t, 60)
	k := slices.IndexFunc(arts, func(a article) bool { return len(a.pars) >= 3 })
	if k < 0 {
		t.Fatal("no Polish article with three ustępy")
	}
	prev := units(arts)
	a := arts[k]
	old2, old3 := a.pars[1], a.pars[2]
	a.pars = slices.Insert(slices.Clone(a.pars), 1, "2. Organ administracji publicznej prowadzi konsultacje z organizacjami pozarządowymi w dziedzinach dotyczących ich działalności statutowej.")
	a.pars[3] = strings.Replace(old3, ".", ";", 1) + " z zastrzeżeniem ust. 5"
	arts[k] = a
	next := units(arts)
	ms := MatchUnits(prev, next)
	checkMatches(t, prev, next, ms)
	byOld, byNew := carry(ms)
	key := func(n int) string { return "art-" + strconv.Itoa(k+1) + ".par-" + strconv.Itoa(n) }
	expect(t, byOld, key(1), key(1), Same)
	if m := expect(t, byOld, key(2), key(3), Renumbered); m.Similarity != 1 {
		t.Errorf("moved ust. 2 (%q) similarity %.2f, want 1", old2, m.Similarity)
	}
	if m := expect(t, byOld, key(3), key(4), Renumbered); m.Similarity >= 1 || m.Similarity < 0.6 {
		t.Errorf("edited ust. 3 similarity %.2f, want in [0.6, 1)", m.Similarity)
	}
	if m := byNew[key(2)]; m.Status != Added {
		t.Errorf("new ust. 2: %+v, want added", m)
	}
}

// An article inserted before art. 8 of Legea 52/2003 shifts every later
// number: a comment on art. 8 must land on the new art. 9, one on art. 8
// alin. (2) on art. 9 alin. (2), even where the text was also edited.
func TestMatchInsertedArticleShiftsNumbers(t *testing.T) {
	arts := loadLaw(t, legea52)
	prev := units(arts)
	edited := slices.Clone(arts)
	edited[9].pars = slices.Clone(edited[9].pars)
	edited[9].pars[0] = strings.Replace(edited[9].pars[0], "autorităților publice", "autorităților și instituțiilor publice", 1)
	inserted := article{pars: []string{
		"(1) Autoritățile publice organizează consultări online prin platforma proprie.",
		"(2) Propunerile primite se publică în registrul public al propunerilor.",
	}}
	next := units(slices.Insert(edited, 7, inserted))
	ms := MatchUnits(prev, next)
	checkMatches(t, prev, next, ms)
	byOld, byNew := carry(ms)
	for n := 1; n <= 7; n++ {
		expect(t, byOld, "art-"+strconv.Itoa(n), "art-"+strconv.Itoa(n), Same)
	}
	for n := 8; n <= len(arts); n++ {
		expect(t, byOld, "art-"+strconv.Itoa(n), "art-"+strconv.Itoa(n+1), Renumbered)
	}
	expect(t, byOld, "art-8.par-2", "art-9.par-2", Renumbered)
	if m := expect(t, byOld, "art-10.par-1", "art-11.par-1", Renumbered); m.Similarity >= 1 || m.Similarity < 0.8 {
		t.Errorf("edited art. 10 alin. (1) similarity %.2f, want in [0.8, 1)", m.Similarity)
	}
	for _, k := range []string{"art-8", "art-8.par-1", "art-8.par-2"} {
		if m := byNew[k]; m.Status != Added {
			t.Errorf("new %s: %+v, want added", k, m)
		}
	}
	// Reading order of the new version.
	for k, m := range ms {
		if m.NewKey != next[k].Key {
			t.Fatalf("match %d is for %q, want %q", k, m.NewKey, next[k].Key)
		}
	}
}

// A deleted article vanishes with its alineate; the later articles move up
// one number.
func TestMatchDeletedArticleVanishes(t *testing.T) {
	arts := loadLaw(t, legea52)
	prev := units(arts)
	next := units(slices.Delete(slices.Clone(arts), 4, 5)) // art. 5
	ms := MatchUnits(prev, next)
	checkMatches(t, prev, next, ms)
	byOld, _ := carry(ms)
	expect(t, byOld, "art-4", "art-4", Same)
	expect(t, byOld, "art-5", "", Vanished)
	for n := 6; n <= len(arts); n++ {
		expect(t, byOld, "art-"+strconv.Itoa(n), "art-"+strconv.Itoa(n-1), Renumbered)
	}
	expect(t, byOld, "art-7.par-3", "art-6.par-3", Renumbered)
	// The vanished article is reported where it stood.
	k := slices.IndexFunc(ms, func(m Match) bool { return m.OldKey == "art-5" })
	if k == 0 || ms[k-1].NewKey != "art-4" && !strings.HasPrefix(ms[k-1].NewKey, "art-4.") {
		t.Errorf("vanished art-5 follows %+v, want art. 4", ms[max(k-1, 0)])
	}
}

// An article taken out of order is moved; its alineate follow it and keep
// their place within it.
func TestMatchArticleMoved(t *testing.T) {
	arts := loadLaw(t, legea52)
	prev := units(arts)
	moved := slices.Clone(arts)
	a := moved[2] // art. 3
	moved = slices.Insert(slices.Delete(moved, 2, 3), 12, a)
	next := units(moved)
	ms := MatchUnits(prev, next)
	checkMatches(t, prev, next, ms)
	byOld, _ := carry(ms)
	expect(t, byOld, "art-3", "art-13", Moved)
	expect(t, byOld, "art-4", "art-3", Renumbered)
	expect(t, byOld, "art-13", "art-12", Renumbered)
	expect(t, byOld, "art-14", "art-14", Same)
}

// A wholly rewritten article keeps its number: it is its own successor,
// changed, not a vanished one and an added one.
func TestMatchArticleRewrittenKeepsNumber(t *testing.T) {
	arts := loadLaw(t, legea52)
	prev := units(arts)
	rewritten := slices.Clone(arts)
	rewritten[1] = article{text: "Consultarea publică se desfășoară pe platforma electronică a Guvernului."}
	next := units(rewritten)
	ms := MatchUnits(prev, next)
	checkMatches(t, prev, next, ms)
	byOld, _ := carry(ms)
	expect(t, byOld, "art-2", "art-2", Changed)
}

func TestMatchEmpty(t *testing.T) {
	v := units(loadLaw(t, legea52))[:3]
	if ms := MatchUnits(nil, nil); len(ms) != 0 {
		t.Errorf("MatchUnits(nil, nil) = %v", ms)
	}
	for _, m := range MatchUnits(nil, v) {
		if m.Status != Added {
			t.Errorf("MatchUnits(nil, v): %+v", m)
		}
	}
	for _, m := range MatchUnits(v, nil) {
		if m.Status != Vanished {
			t.Errorf("MatchUnits(v, nil): %+v", m)
		}
	}
}

// benchVersions returns a 500-unit draft built from the shared laws and a
// next version with three articles inserted, two deleted, one moved and one
// paragraph in ten edited, as a second reading might look; want maps each
// old key to the new key it should carry to ("" when deleted).
func benchVersions(b testing.TB) (prev, next []agora.Unit, want map[string]string) {
	arts := sampleArticles(b, 500)
	prev = units(arts)
	type tracked struct {
		article
		from int // index in arts, -1 for an inserted article
	}
	edited := make([]tracked, len(arts))
	for k, a := range arts {
		a.pars = slices.Clone(a.pars)
		for p := range a.pars {
			if (k+p)%10 == 0 {
				a.pars[p] = strings.Replace(a.pars[p], " ", " niezwłocznie ", 1) + " z zastrzeżeniem art. 5"
			}
		}
		if k%10 == 3 {
			a.text = strings.Replace(a.text, "ustawy", "rozporządzenia", 1)
		}
		edited[k] = tracked{a, k}
	}
	moved := edited[20]
	edited = slices.Delete(edited, 20, 21)
	edited = slices.Insert(edited, 60, moved)
	edited = slices.Delete(edited, 30, 32)
	for _, at := range []int{5, 40, 80} {
		edited = slices.Insert(edited, at, tracked{article{pars: []string{
			"1. Organ prowadzi konsultacje społeczne projektu uchwały w terminie " + strconv.Itoa(at) + " dni.",
			"2. Wyniki konsultacji publikuje się w Biuletynie Informacji Publicznej.",
		}}, -1})
	}
	want = make(map[string]string)
	for _, u := range prev {
		want[u.Key] = ""
	}
	nextArts := make([]article, len(edited))
	for k, t := range edited {
		nextArts[k] = t.article
		if t.from < 0 {
			continue
		}
		from, to := "art-"+strconv.Itoa(t.from+1), "art-"+strconv.Itoa(k+1)
		want[from] = to
		for p := range t.pars {
			want[from+".par-"+strconv.Itoa(p+1)] = to + ".par-" + strconv.Itoa(p+1)
		}
	}
	return prev, units(nextArts), want
}

func BenchmarkMatchUnits500(b *testing.B) {
	prev, next, _ := benchVersions(b)
	b.ReportMetric(float64(len(prev)), "old-units")
	b.ReportMetric(float64(len(next)), "new-units")
	benchCPU(b, func() { MatchUnits(prev, next) })
}

// benchCPU runs f in the benchmark loop and also reports CPU time per run.
func benchCPU(b *testing.B, f func()) {
	start := cpuTime()
	for b.Loop() {
		f()
	}
	b.ReportMetric(float64(cpuTime()-start)/float64(b.N)/1e6, "cpu-ms/op")
}

// Every unit edited, so nothing is paired by identical text and all go
// through candidate scoring.
func BenchmarkMatchUnits500AllEdited(b *testing.B) {
	prev, next, _ := benchVersions(b)
	next = slices.Clone(next)
	for k := range next {
		next[k].Text += " (zmienione)"
	}
	benchCPU(b, func() { MatchUnits(prev, next) })
}

// The benchmark's matching is right: every unit lands where the edit put
// it, so the figures measure a correct result.
func TestMatchBenchVersions(t *testing.T) {
	prev, next, want := benchVersions(t)
	ms := MatchUnits(prev, next)
	checkMatches(t, prev, next, ms)
	count := map[Status]int{}
	for _, m := range ms {
		count[m.Status]++
		if m.OldKey != "" && want[m.OldKey] != m.NewKey {
			t.Errorf("%s → %q (%s, %.2f), want %q", m.OldKey, m.NewKey, m.Status, m.Similarity, want[m.OldKey])
		}
	}
	t.Logf("%d → %d units: %v", len(prev), len(next), count)
	if count[Added] != 9 || count[Moved] != 1 {
		t.Errorf("statuses %v, want 9 added (3 articles with 2 paragraphs each) and 1 moved", count)
	}
}
