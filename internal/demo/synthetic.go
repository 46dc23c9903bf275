package demo

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/store"
)

// BenchEmailDomain is the domain of synthetic accounts.
const BenchEmailDomain = "bench.agora.example"

// GenOptions sizes a synthetic dataset.
type GenOptions struct {
	Orgs, Users int
	// PasswordHash is stored for every synthetic account (hashing 50,000
	// passwords would take longer than everything else together).
	PasswordHash string
	// Seed makes the dataset reproducible; the same seed and sizes give
	// the same names, places and choices.
	Seed uint64
	// Progress, when set, is told after each batch how far a stage got.
	Progress func(stage string, done, total int)
}

// Generate adds a synthetic population on top of the demo data: people
// with profiles spread over both countries, every stakeholder type,
// regions, languages and domains, and organisations of every kind
// spread over regions and domains, about 60% verified, each created by
// one of the synthetic people who then adds a few members. Accounts are
// created in bulk; profiles and organisations through the regular store
// methods (with their audit entries), so the data is what the product
// itself writes. Meant for a store opened with FastUnsafe.
func Generate(ctx context.Context, st *store.Store, o GenOptions) error {
	g, err := newGenerator(ctx, st, o.Seed)
	if err != nil {
		return err
	}
	progress := o.Progress
	if progress == nil {
		progress = func(string, int, int) {}
	}
	people := make([]synthPerson, o.Users)
	users := make([]store.NewUser, o.Users)
	for i := range people {
		people[i] = g.person(i, o.PasswordHash)
		users[i] = people[i].user
	}
	created, err := st.SeedUsers(ctx, users)
	if err != nil {
		return fmt.Errorf("demo: synthetic accounts: %w", err)
	}
	progress("users", len(created), o.Users)
	for i, p := range people {
		if p.profile == nil {
			continue
		}
		if err := st.SaveProfile(ctx, created[i].ID, *p.profile); err != nil {
			return fmt.Errorf("demo: synthetic profile of %s: %w", p.user.Email, err)
		}
		if i%1000 == 999 {
			progress("profiles", i+1, o.Users)
		}
	}
	progress("profiles", o.Users, o.Users)
	admin, _, err := st.UserByEmail(ctx, keyAdmin+"@"+EmailDomain)
	if err != nil {
		return fmt.Errorf("demo: synthetic organisations need the demo admin: %w", err)
	}
	for i := range o.Orgs {
		if err := g.createOrg(ctx, st, i, created, admin.ID); err != nil {
			return err
		}
		if i%500 == 499 || i == o.Orgs-1 {
			progress("organisations", i+1, o.Orgs)
		}
	}
	return nil
}

// createOrg makes the i-th synthetic organisation as one of users would,
// adds members and may have the platform admin verify it.
func (g *generator) createOrg(ctx context.Context, st *store.Store, i int, users []agora.User, adminID string) error {
	if len(users) == 0 {
		return fmt.Errorf("demo: synthetic organisations need synthetic people")
	}
	in := g.orgInput(i)
	owner := pick(g.r, users)
	org, err := st.CreateOrg(ctx, owner.ID, in)
	if err != nil {
		return fmt.Errorf("demo: synthetic organisation %q: %w", in.Name, err)
	}
	seen := map[string]bool{owner.ID: true}
	for range g.r.IntN(4) {
		m := pick(g.r, users)
		if seen[m.ID] {
			continue
		}
		seen[m.ID] = true
		if _, err := st.AddOrgMember(ctx, owner.ID, org.ID, m.Email, agora.OrgMember, ""); err != nil {
			return fmt.Errorf("demo: member of %q: %w", in.Name, err)
		}
	}
	if in.Kind != string(agora.OrgInformalGroup) && g.chance(0.6) {
		if err := st.VerifyOrg(ctx, adminID, org.ID); err != nil {
			return fmt.Errorf("demo: verify %q: %w", in.Name, err)
		}
	}
	return nil
}

// synthPerson is an account to create and the profile to save for it.
type synthPerson struct {
	user    store.NewUser
	profile *agora.ProfileInput
}

// generator draws the synthetic population from its own random source.
type generator struct {
	r       *rand.Rand
	domains []agora.Domain
	regions map[agora.Country][]agora.AdminUnit
	nip     int
}

func newGenerator(ctx context.Context, st *store.Store, seed uint64) (*generator, error) {
	ds, err := st.Domains(ctx, "ro")
	if err != nil {
		return nil, err
	}
	if len(ds) == 0 {
		if _, err := seedDomains(ctx, st, ""); err != nil {
			return nil, err
		}
		if ds, err = st.Domains(ctx, "ro"); err != nil {
			return nil, err
		}
	}
	regs, err := st.Regions(ctx, "")
	if err != nil {
		return nil, err
	}
	g := &generator{r: rand.New(rand.NewPCG(seed, seed^0x9e3779b97f4a7c15)), domains: ds,
		regions: map[agora.Country][]agora.AdminUnit{}}
	for _, u := range regs {
		g.regions[u.Country] = append(g.regions[u.Country], u)
	}
	if len(g.regions[agora.RO]) == 0 || len(g.regions[agora.PL]) == 0 {
		return nil, fmt.Errorf("demo: no counties or voivodeships in the database")
	}
	return g, nil
}

func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }

// chance reports true with probability p.
func (g *generator) chance(p float64) bool { return g.r.Float64() < p }

func (g *generator) someDomains(max int) []string {
	n := 1 + g.r.IntN(max)
	out := make([]string, 0, n)
	for range n {
		d := pick(g.r, g.domains).Slug
		if !containsString(out, d) {
			out = append(out, d)
		}
	}
	return out
}

func containsString(xs []string, s string) bool {
	for _, x := range xs {
		if x == s {
			return true
		}
	}
	return false
}

// stakeholderWeights makes citizens and NGO people more common than
// officials and employers, as on a real platform.
var stakeholderWeights = []struct {
	t agora.StakeholderType
	w int
}{
	{agora.Beneficiary, 20}, {agora.CivilSociety, 30}, {agora.NGOMember, 25}, {agora.AuthorityRep, 8},
	{agora.EmploymentProvider, 5}, {agora.Employer, 6}, {agora.Expert, 6},
}

func (g *generator) stakeholderType() agora.StakeholderType {
	n := g.r.IntN(100)
	for _, sw := range stakeholderWeights {
		if n < sw.w {
			return sw.t
		}
		n -= sw.w
	}
	return agora.CivilSociety
}

// person makes the i-th synthetic person.
func (g *generator) person(i int, hash string) synthPerson {
	country := agora.RO
	if g.chance(0.45) {
		country = agora.PL
	}
	female := g.chance(0.55)
	var first, last, lang, tz string
	switch {
	case country == agora.RO && female:
		first, last = pick(g.r, roFemale), pick(g.r, roSurnames)
	case country == agora.RO:
		first, last = pick(g.r, roMale), pick(g.r, roSurnames)
	case female:
		first, last = pick(g.r, plFemale), pick(g.r, plSurnames)[1]
	default:
		first, last = pick(g.r, plMale), pick(g.r, plSurnames)[0]
	}
	if country == agora.RO {
		lang, tz = "ro", "Europe/Bucharest"
	} else {
		lang, tz = "pl", "Europe/Warsaw"
	}
	email := emailLocal(first) + "." + emailLocal(last) + "." + strconv.Itoa(i) + "@" + BenchEmailDomain
	p := synthPerson{user: store.NewUser{Email: email, DisplayName: first + " " + last, PasswordHash: hash,
		Lang: lang, TimeZone: tz, EmailVerified: g.chance(0.96)}}
	if g.chance(0.1) {
		return p // registered, never filled in a profile
	}
	region := pick(g.r, g.regions[country])
	types := []agora.StakeholderType{g.stakeholderType()}
	if g.chance(0.3) {
		if t := g.stakeholderType(); t != types[0] {
			types = append(types, t)
		}
	}
	domains := g.someDomains(4)
	in := &agora.ProfileInput{Country: string(country), Region: region.Code, Listed: g.chance(0.92),
		Languages: []string{lang}, Domains: domains, Visibility: map[string]string{},
		Bio: g.bio(country, female, types[0], region, domains)}
	for _, t := range types {
		in.Types = append(in.Types, string(t))
	}
	if g.chance(0.6) {
		in.Languages = append(in.Languages, "en")
	}
	if g.chance(0.15) {
		in.Languages = append(in.Languages, pick(g.r, agora.ProfileLanguages()))
	}
	if g.chance(0.1) {
		in.Visibility[agora.FieldRegion] = string(agora.VisPrivate)
	}
	if g.chance(0.1) {
		in.Visibility[agora.FieldBio] = string(agora.VisMembers)
	}
	p.profile = in
	return p
}

// emailLocal folds a name into the ASCII an address can carry.
func emailLocal(s string) string {
	return strings.NewReplacer(" ", "", "-", "", "'", "").Replace(agora.Fold(strings.ReplaceAll(s, "ł", "l")))
}

// Phrases of synthetic bios by stakeholder type: masculine and feminine.
var (
	roBioRole = map[agora.StakeholderType][2]string{
		agora.Beneficiary:        {"Beneficiar de servicii sociale", "Beneficiară de servicii sociale"},
		agora.CivilSociety:       {"Cetățean implicat în viața comunității", "Cetățeană implicată în viața comunității"},
		agora.AuthorityRep:       {"Funcționar public în administrația locală", "Funcționară publică în administrația locală"},
		agora.NGOMember:          {"Membru al unei asociații locale", "Membră a unei asociații locale"},
		agora.EmploymentProvider: {"Consilier de orientare în carieră", "Consilieră de orientare în carieră"},
		agora.Employer:           {"Antreprenor și angajator", "Antreprenoare și angajatoare"},
		agora.Expert:             {"Cercetător în politici publice", "Cercetătoare în politici publice"},
	}
	plBioRole = map[agora.StakeholderType][2]string{
		agora.Beneficiary:        {"Korzystam z usług pomocy społecznej", "Korzystam z usług pomocy społecznej"},
		agora.CivilSociety:       {"Aktywny mieszkaniec", "Aktywna mieszkanka"},
		agora.AuthorityRep:       {"Urzędnik samorządowy", "Urzędniczka samorządowa"},
		agora.NGOMember:          {"Członek stowarzyszenia", "Członkini stowarzyszenia"},
		agora.EmploymentProvider: {"Doradca zawodowy", "Doradczyni zawodowa"},
		agora.Employer:           {"Przedsiębiorca i pracodawca", "Przedsiębiorczyni i pracodawczyni"},
		agora.Expert:             {"Ekspert ds. polityk publicznych", "Ekspertka ds. polityk publicznych"},
	}
)

const (
	roBioPlace    = "din județul %s"
	roBioCapital  = "din București"
	roBioInterest = "Mă interesează: %s."
	plBioPlace    = "z województwa %s"
	plBioInterest = "Interesują mnie: %s."
)

func (g *generator) bio(c agora.Country, female bool, t agora.StakeholderType, region agora.AdminUnit, domains []string) string {
	sex := 0
	if female {
		sex = 1
	}
	names := make([]string, 0, len(domains))
	for _, slug := range domains {
		for _, d := range g.domains {
			if d.Slug == slug {
				names = append(names, strings.ToLower(d.Name(string(c))))
			}
		}
	}
	if c == agora.RO {
		place := fmt.Sprintf(roBioPlace, region.Name)
		if region.Code == "403" {
			place = roBioCapital
		}
		return roBioRole[t][sex] + " " + place + ". " + fmt.Sprintf(roBioInterest, strings.Join(names, ", "))
	}
	return plBioRole[t][sex] + " " + fmt.Sprintf(plBioPlace, strings.ToLower(region.Name)) + ". " +
		fmt.Sprintf(plBioInterest, strings.Join(names, ", "))
}

// syntheticTexts lists every fixed text the generator uses, for the
// tests of diacritics.
func syntheticTexts() []string {
	out := []string{roBioPlace, roBioCapital, roBioInterest, plBioPlace, plBioInterest, roAssoc, roFound, roFed, roInformal,
		roCounty, roCountyDGAS, roCapital, roLocal, roLocalDAS, roFirm, roTraining, roCoop, roProtected, roInformalNb}
	for _, l := range [][]string{roFemale, roMale, roSurnames, roTopics, roCatchwords, roCentral, roFirmWords, roFirmTrades, plQuoted, plCentral} {
		out = append(out, l...)
	}
	for _, t := range roTowns {
		out = append(out, t[0])
	}
	for _, v := range roBioRole {
		out = append(out, v[0], v[1])
	}
	return out
}
