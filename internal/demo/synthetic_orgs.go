package demo

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
)

// kindWeights spreads organisations over kinds roughly as registers do:
// mostly associations and foundations.
var kindWeights = []struct {
	k agora.OrgKind
	w int
}{
	{agora.OrgAssociation, 40}, {agora.OrgFoundation, 18}, {agora.OrgFederation, 4}, {agora.OrgInformalGroup, 8},
	{agora.OrgPublicAuthority, 10}, {agora.OrgEmployer, 9}, {agora.OrgEmploymentProvider, 5}, {agora.OrgSocialEconomy, 6},
}

func (g *generator) kind() agora.OrgKind {
	n := g.r.IntN(100)
	for _, kw := range kindWeights {
		if n < kw.w {
			return kw.k
		}
		n -= kw.w
	}
	return agora.OrgAssociation
}

// orgInput makes the i-th synthetic organisation's form.
func (g *generator) orgInput(i int) agora.OrgInput {
	k := g.kind()
	in := agora.OrgInput{Kind: string(k), Domains: g.someDomains(3)}
	if g.chance(0.55) {
		in.Country = "RO"
		in.Name, in.RegionCode, in.AuthorityLevel = g.roOrgName(k)
		if k != agora.OrgInformalGroup {
			in.TaxID = cui(strconv.Itoa(10000000 + i))
		}
	} else {
		in.Country = "PL"
		in.Name, in.RegionCode, in.AuthorityLevel = g.plOrgName(k)
		if k != agora.OrgInformalGroup {
			in.TaxID, g.nip = syntheticNIP(g.nip)
			if k != agora.OrgPublicAuthority {
				in.RegistryNo = krs(100000 + i)
			}
			if g.chance(0.5) {
				in.REGON = regon(strconv.Itoa(20000000 + i))
			}
		}
	}
	return in
}

// Name patterns of synthetic organisations; %s is a town, a topic or a
// catchword.
const (
	roAssoc      = "Asociația %s %s"
	roFound      = "Fundația %s %s"
	roFed        = "Federația Asociațiilor %s din %s"
	roInformal   = "Grupul de inițiativă Cartierul %s din %s"
	roCounty     = "Consiliul Județean %s"
	roCountyDGAS = "Direcția Generală de Asistență Socială și Protecția Copilului %s"
	roCapital    = "Consiliul General al Municipiului București"
	roLocal      = "Primăria Municipiului %s"
	roLocalDAS   = "Direcția de Asistență Socială %s"
	roFirm       = "%s %s SRL"
	roTraining   = "Centrul de Formare Profesională %s %s"
	roCoop       = "Cooperativa Meșteșugărească %s %s"
	roProtected  = "Atelierul Protejat %s %s"

	plAssocGen   = "Stowarzyszenie Przyjaciół %s"
	plAssocLoc   = "Stowarzyszenie „%s” w %s"
	plFound      = "Fundacja „%s” %s"
	plFed        = "Federacja Organizacji Pozarządowych %s"
	plInformal   = "Inicjatywa Mieszkańców %s „%s”"
	plMarshal    = "Urząd Marszałkowski Województwa %s"
	plPowiat     = "Starostwo Powiatowe w %s"
	plCity       = "Urząd Miasta %s"
	plMOPS       = "Miejski Ośrodek Pomocy Społecznej w %s"
	plFirm       = "%s %s sp. z o.o."
	plJobs       = "Agencja Pracy „%s” %s"
	plCoop       = "Spółdzielnia Socjalna „%s” w %s"
	plCIS        = "Centrum Integracji Społecznej w %s"
	roInformalNb = "Nord|Gării|Florilor|Tineretului|Primăverii|Teilor|Libertății|Unirii"
)

func (g *generator) roOrgName(k agora.OrgKind) (name, region, level string) {
	town := pick(g.r, roTowns)
	name, region = town[0], town[1]
	switch k {
	case agora.OrgAssociation:
		return fmt.Sprintf(roAssoc, pick(g.r, roTopics), name), region, ""
	case agora.OrgFoundation:
		return fmt.Sprintf(roFound, pick(g.r, roCatchwords), name), region, ""
	case agora.OrgFederation:
		return fmt.Sprintf(roFed, pick(g.r, roTopics), name), region, ""
	case agora.OrgInformalGroup:
		return fmt.Sprintf(roInformal, pick(g.r, strings.Split(roInformalNb, "|")), name), region, ""
	case agora.OrgPublicAuthority:
		switch n := g.r.IntN(20); {
		case n == 0:
			return pick(g.r, roCentral), "403", agora.AuthorityCentral
		case n < 6:
			county := pick(g.r, g.regions[agora.RO])
			if county.Code == "403" {
				return roCapital, "403", agora.AuthorityCounty
			}
			if n < 3 {
				return fmt.Sprintf(roCounty, county.Name), county.Code, agora.AuthorityCounty
			}
			return fmt.Sprintf(roCountyDGAS, county.Name), county.Code, agora.AuthorityCounty
		case n < 14:
			return fmt.Sprintf(roLocal, name), region, agora.AuthorityLocal
		default:
			return fmt.Sprintf(roLocalDAS, name), region, agora.AuthorityLocal
		}
	case agora.OrgEmployer:
		return fmt.Sprintf(roFirm, pick(g.r, roFirmWords), pick(g.r, roFirmTrades)), region, ""
	case agora.OrgEmploymentProvider:
		return fmt.Sprintf(roTraining, pick(g.r, roCatchwords), name), region, ""
	}
	if g.chance(0.5) {
		return fmt.Sprintf(roCoop, pick(g.r, roFirmWords), name), region, ""
	}
	return fmt.Sprintf(roProtected, pick(g.r, roCatchwords), name), region, ""
}

func (g *generator) plOrgName(k agora.OrgKind) (name, region, level string) {
	town := pick(g.r, plTowns)
	nom, gen, loc := town[0], town[1], town[2]
	region = town[3]
	switch k {
	case agora.OrgAssociation:
		if g.chance(0.5) {
			return fmt.Sprintf(plAssocGen, gen), region, ""
		}
		return fmt.Sprintf(plAssocLoc, pick(g.r, plQuoted), loc), region, ""
	case agora.OrgFoundation:
		return fmt.Sprintf(plFound, pick(g.r, plQuoted), nom), region, ""
	case agora.OrgFederation:
		return fmt.Sprintf(plFed, gen), region, ""
	case agora.OrgInformalGroup:
		return fmt.Sprintf(plInformal, gen, pick(g.r, plQuoted)), region, ""
	case agora.OrgPublicAuthority:
		switch n := g.r.IntN(20); {
		case n == 0:
			return pick(g.r, plCentral), "14", agora.AuthorityCentral
		case n < 3:
			voiv := pick(g.r, g.regions[agora.PL])
			return fmt.Sprintf(plMarshal, plVoivodeshipGen[voiv.Code]), voiv.Code, agora.AuthorityCounty
		case n < 6:
			return fmt.Sprintf(plPowiat, loc), region, agora.AuthorityCounty
		case n < 14:
			return fmt.Sprintf(plCity, gen), region, agora.AuthorityLocal
		default:
			return fmt.Sprintf(plMOPS, loc), region, agora.AuthorityLocal
		}
	case agora.OrgEmployer:
		return fmt.Sprintf(plFirm, pick(g.r, plFirmWords), pick(g.r, plFirmTrades)), region, ""
	case agora.OrgEmploymentProvider:
		return fmt.Sprintf(plJobs, pick(g.r, plQuoted), nom), region, ""
	}
	if g.chance(0.5) {
		return fmt.Sprintf(plCoop, pick(g.r, plQuoted), loc), region, ""
	}
	return fmt.Sprintf(plCIS, loc), region, ""
}
