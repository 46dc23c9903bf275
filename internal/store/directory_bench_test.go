package store

import (
	"context"
	"fmt"
	"math/rand/v2"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"github.com/agora-civic/agora"
)

// Synthetic people for the directory benchmark: common Romanian and
// Polish first and last names, with their diacritics.
var (
	benchFirstRO = []string{"Andrei", "Alexandru", "Mihai", "Ștefan", "Ion", "Gheorghe", "Vasile", "Constantin", "Cristian",
		"Răzvan", "Bogdan", "Florin", "Maria", "Elena", "Ioana", "Ana", "Andreea", "Mihaela", "Cristina", "Alexandra",
		"Gabriela", "Oana", "Raluca", "Irina", "Ramona", "Simona", "Mădălina", "Bianca", "Diana", "Roxana"}
	benchLastRO = []string{"Popescu", "Ionescu", "Popa", "Pop", "Radu", "Dumitru", "Stan", "Stoica", "Gheorghe", "Matei",
		"Ciobanu", "Rusu", "Munteanu", "Constantin", "Șerban", "Moldovan", "Lungu", "Mihai", "Dinu", "Marin",
		"Țurcanu", "Neagu", "Bălan", "Tudor", "Cristea", "Sârbu", "Toma", "Mocanu", "Ungureanu", "Dobre"}
	benchFirstPL = []string{"Jan", "Piotr", "Krzysztof", "Andrzej", "Tomasz", "Paweł", "Michał", "Łukasz", "Marcin", "Grzegorz",
		"Józef", "Wojciech", "Jakub", "Mateusz", "Anna", "Maria", "Katarzyna", "Małgorzata", "Agnieszka", "Barbara",
		"Ewa", "Krystyna", "Magdalena", "Elżbieta", "Joanna", "Zofia", "Aleksandra", "Monika", "Beata", "Dorota"}
	benchLastPL = []string{"Nowak", "Kowalski", "Wiśniewski", "Wójcik", "Kowalczyk", "Kamiński", "Lewandowski", "Zieliński",
		"Szymański", "Woźniak", "Dąbrowski", "Kozłowski", "Jankowski", "Mazur", "Wojciechowski", "Kwiatkowski",
		"Krawczyk", "Kaczmarek", "Piotrowski", "Grabowski", "Zając", "Pawłowski", "Michalski", "Król", "Wieczorek",
		"Jabłoński", "Wróbel", "Nowakowski", "Majewski", "Olszewski"}
	benchBioRO = strings.Fields(`Lucrez în educație sănătate mediu consilier local voluntar asociația comunitate tineri
		vârstnici județul primăria proiecte fonduri europene incluziune socială locuințe transport public cultură sport
		drepturile omului copii dizabilități ocupare formare profesională antreprenoriat agricultură rurală turism patrimoniu
		egalitate gen migranți romi sărăcie bugetare participativă transparență integritate consultare publică advocacy
		cercetare universitate jurnalist avocat medic profesor asistent social psiholog economist inginer arhitect`)
	benchBioPL = strings.Fields(`Pracuję w edukacji zdrowiu środowisku radny gminy wolontariusz stowarzyszenie społeczność
		młodzież seniorzy powiat urząd projekty fundusze unijne włączenie społeczne mieszkalnictwo transport publiczny kultura
		sport prawa człowieka dzieci niepełnosprawność zatrudnienie szkolenia zawodowe przedsiębiorczość rolnictwo turystyka
		dziedzictwo równość płci migranci ubóstwo budżet obywatelski przejrzystość konsultacje społeczne rzecznictwo badania
		uniwersytet dziennikarz adwokat lekarz nauczyciel pracownik socjalny psycholog ekonomista inżynier architekt`)
)

// seedBenchDirectory inserts n people in bulk, in one transaction, with
// SQL equal to what SaveProfile writes; going through SaveProfile would
// make setup take minutes.
func seedBenchDirectory(b testing.TB, s *Store, n int) {
	b.Helper()
	ctx := context.Background()
	rng := rand.New(rand.NewPCG(2026, 50000))
	units, err := s.Regions(ctx, "")
	if err != nil {
		b.Fatal(err)
	}
	if len(units) == 0 {
		b.Fatal("no regions")
	}
	domains := make([]string, 30)
	err = s.write(ctx, func(tx *Tx) error {
		for i := range domains {
			domains[i] = fmt.Sprintf("domeniu-%02d", i)
			if _, err := tx.ExecContext(ctx, `INSERT INTO domains (slug, name_ro, name_pl, name_en, position) VALUES ($1, $1, $1, $1, $2)`,
				domains[i], i); err != nil {
				return err
			}
		}
		types := agora.StakeholderTypes()
		vis := agora.Visibilities()
		langs := agora.ProfileLanguages()
		for range n {
			ro := rng.IntN(100) < 55
			first, last, bioWords := benchFirstPL, benchLastPL, benchBioPL
			if ro {
				first, last, bioWords = benchFirstRO, benchLastRO, benchBioRO
			}
			name := first[rng.IntN(len(first))] + " " + last[rng.IntN(len(last))]
			id := agora.NewID()
			active := rng.IntN(100) < 97
			var verified *time.Time
			if active {
				verified = &tx.Now
			}
			if _, err := tx.ExecContext(ctx, `INSERT INTO users (id, email, display_name, email_verified_at, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $5)`, id, id+"@example.org", name, verified, tx.Now); err != nil {
				return err
			}
			var bio []string
			for range 4 + rng.IntN(12) {
				bio = append(bio, bioWords[rng.IntN(len(bioWords))])
			}
			country := "PL"
			if ro {
				country = "RO"
			}
			var region string
			for region == "" {
				if u := units[rng.IntN(len(units))]; string(u.Country) == country {
					region = u.Code
				}
			}
			v := func(def agora.Visibility) string {
				if rng.IntN(100) < 80 {
					return string(def)
				}
				return string(vis[rng.IntN(len(vis))])
			}
			var typeNames []string
			for _, t := range pick(rng, types, 1+rng.IntN(2)) {
				typeNames = append(typeNames, string(t))
			}
			spoken := []string{"ro"}
			if !ro {
				spoken = []string{"pl"}
			}
			spoken = append(spoken, pick(rng, langs, rng.IntN(3))...)
			slices.Sort(spoken)
			spoken = slices.Compact(spoken)
			if _, err := tx.ExecContext(ctx, `INSERT INTO profiles (user_id, bio, country, region_code, place, languages,
				languages_mask, types_mask, listed, active,
				vis_types, vis_bio, vis_region, vis_languages, vis_domains, vis_affiliations, name_fold, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18)`,
				id, strings.Join(bio, " "), country, region, country+"-"+region, strings.Join(spoken, ","),
				languageMask(spoken), typeMask(typeNames), rng.IntN(100) < 95, active,
				v(agora.VisPublic), v(agora.VisPublic), v(agora.VisPublic), v(agora.VisMembers), v(agora.VisPublic), v(agora.VisPublic),
				agora.Fold(name), tx.Now); err != nil {
				return err
			}
			for _, t := range typeNames {
				if _, err := tx.ExecContext(ctx, `INSERT INTO profile_types (user_id, type) VALUES ($1, $2)`, id, t); err != nil {
					return err
				}
			}
			for _, d := range pick(rng, domains, rng.IntN(4)) {
				if _, err := tx.ExecContext(ctx, `INSERT INTO profile_domains (user_id, domain_slug) VALUES ($1, $2)`, id, d); err != nil {
					return err
				}
			}
			if err := insertTerms(ctx, tx, id, name, strings.Join(bio, " ")); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
}

// pick returns k distinct elements of xs.
func pick[T any](rng *rand.Rand, xs []T, k int) []T {
	idx := rng.Perm(len(xs))[:min(k, len(xs))]
	out := make([]T, 0, len(idx))
	for _, i := range idx {
		out = append(out, xs[i])
	}
	return out
}

// BenchmarkPeopleDirectory measures directory pages over 50,000 people on
// SQLite (a file, as in production). The target is p99 ≤ 25 ms per page,
// count included.
func BenchmarkPeopleDirectory(b *testing.B) {
	ctx := context.Background()
	s, err := Open(ctx, Config{Path: filepath.Join(b.TempDir(), "bench.db"), FastUnsafe: true})
	if err != nil {
		b.Fatal(err)
	}
	b.Cleanup(func() { s.Close() })
	start := time.Now()
	seedBenchDirectory(b, s, 50000)
	b.Logf("seeded 50,000 people in %v", time.Since(start).Round(time.Millisecond))

	member, err := s.CreateUser(ctx, NewUser{Email: "member@example.org", DisplayName: "Member", EmailVerified: true})
	if err != nil {
		b.Fatal(err)
	}
	// A cursor half-way through the alphabet, for a deep page.
	mid := encodePeopleCursor("m", agora.NewID())
	cases := []struct {
		name   string
		viewer *agora.User
		f      agora.PeopleFilter
	}{
		{"first-page", nil, agora.PeopleFilter{}},
		{"first-page-member", &member, agora.PeopleFilter{}},
		{"deep-page", nil, agora.PeopleFilter{After: mid}},
		{"type+country", nil, agora.PeopleFilter{Type: agora.NGOMember, Country: agora.RO}},
		{"region", &member, agora.PeopleFilter{Country: agora.PL, Region: "14"}},
		{"region+domain+language", &member, agora.PeopleFilter{Country: agora.RO, Region: "127", Domain: "domeniu-07", Language: "en"}},
		{"domain+type", nil, agora.PeopleFilter{Domain: "domeniu-03", Type: agora.Expert}},
		{"language-rare", &member, agora.PeopleFilter{Language: "it"}},
		{"query-name", nil, agora.PeopleFilter{Query: "popescu"}},
		{"query-prefix", &member, agora.PeopleFilter{Query: "mar"}},
		{"query-short-word", nil, agora.PeopleFilter{Query: "ma"}},
		{"query-two-words", nil, agora.PeopleFilter{Query: "łukasz wiś"}},
		{"query-bio+filters", &member, agora.PeopleFilter{Query: "voluntar", Country: agora.RO, Type: agora.CivilSociety}},
		{"query-common-bio-word", nil, agora.PeopleFilter{Query: "społeczne"}},
	}
	for _, c := range cases {
		b.Run(c.name, func(b *testing.B) {
			var durs []time.Duration
			var total int
			for b.Loop() {
				t0 := time.Now()
				page, err := s.ListPeople(ctx, c.viewer, c.f)
				durs = append(durs, time.Since(t0))
				if err != nil {
					b.Fatal(err)
				}
				total = page.Total
			}
			slices.Sort(durs)
			p99 := durs[min(len(durs)-1, len(durs)*99/100)]
			b.ReportMetric(float64(p99.Microseconds())/1000, "p99-ms")
			b.ReportMetric(float64(total), "matches")
		})
	}
}
