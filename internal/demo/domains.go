package demo

import (
	"context"
	"encoding/json"
	"fmt"
	"os"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/importer"
	"github.com/agora-civic/agora/internal/store"
)

// domainNames are the Romanian names of the ONGHub domains the demo
// uses, exactly as the nomenclature publishes them. They go through the
// importer's own parser, which adds the slug and the Polish and English
// names from its translation table, so the demo's domains are the ones a
// real import creates, not a copy that could drift.
var domainNames = []string{
	"Advocacy",
	"Artă & Cultură",
	"Tehnologie Civică",
	"Societatea Civilă - Participare Civică",
	"Societatea Civilă - Comunitate",
	"Societatea Civilă - Voluntariat",
	"Dezvoltarea sectorului ONG",
	"Democrație - Transparență",
	"Creștere Economică - Dezvoltare rurală",
	"Creștere Economică - Antreprenoriat social",
	"Creștere Economică - Dezvoltare urbană",
	"Educație",
	"Educație Digitală",
	"Educație Incluzivă",
	"Educație Pentru Copiii cu CES",
	"Mediu",
	"Mediu - Combaterea Schimbărilor Climatice",
	"Sănătate",
	"Sănătate Mentală",
	"Drepturile Omului",
	"Drepturile Omului - Dizabilități",
	"Drepturile Omului - Copii",
	"Drepturile Omului - Refugiați",
	"Asistență Juridică",
	"Combaterea Sărăciei - Locuințe Sigure",
	"Servicii Sociale",
	"Cercetare",
	"Sport",
}

// Domain slugs the demo tables refer to; a test checks each is made from
// domainNames.
const (
	dAdvocacy      = "advocacy"
	dCulture       = "arta-cultura"
	dCivicTech     = "tehnologie-civica"
	dParticipation = "societatea-civila-participare-civica"
	dCommunity     = "societatea-civila-comunitate"
	dVolunteering  = "societatea-civila-voluntariat"
	dNGOSector     = "dezvoltarea-sectorului-ong"
	dTransparency  = "democratie-transparenta"
	dRural         = "crestere-economica-dezvoltare-rurala"
	dSocialEnt     = "crestere-economica-antreprenoriat-social"
	dUrban         = "crestere-economica-dezvoltare-urbana"
	dEducation     = "educatie"
	dDigitalEdu    = "educatie-digitala"
	dInclusiveEdu  = "educatie-incluziva"
	dSENEdu        = "educatie-pentru-copiii-cu-ces"
	dEnvironment   = "mediu"
	dClimate       = "mediu-combaterea-schimbarilor-climatice"
	dHealth        = "sanatate"
	dMentalHealth  = "sanatate-mentala"
	dHumanRights   = "drepturile-omului"
	dDisability    = "drepturile-omului-dizabilitati"
	dChildren      = "drepturile-omului-copii"
	dRefugees      = "drepturile-omului-refugiati"
	dLegalAid      = "asistenta-juridica"
	dHousing       = "combaterea-saraciei-locuinte-sigure"
	dSocial        = "servicii-sociale"
	dResearch      = "cercetare"
	dSport         = "sport"
)

// builtinDomains parses domainNames with the importer.
func builtinDomains() ([]importer.Domain, error) {
	type entry struct {
		ID   int    `json:"id"`
		Name string `json:"name"`
	}
	raw := make([]entry, len(domainNames))
	for i, n := range domainNames {
		raw[i] = entry{ID: i + 1, Name: n}
	}
	b, err := json.Marshal(raw)
	if err != nil {
		return nil, err
	}
	return importer.ParseDomains(strings.NewReader(string(b)))
}

// seedDomains stores the demo domains, or every domain of the
// nomenclature file when path names one that exists.
func seedDomains(ctx context.Context, st *store.Store, path string) (int, error) {
	var ds []importer.Domain
	var err error
	if f, ferr := os.Open(path); path != "" && ferr == nil {
		ds, err = importer.ParseDomains(f)
		f.Close()
		if err != nil {
			return 0, fmt.Errorf("demo: domains from %s: %w", path, err)
		}
	} else if ds, err = builtinDomains(); err != nil {
		return 0, fmt.Errorf("demo: built-in domains: %w", err)
	}
	out := make([]agora.Domain, len(ds))
	for i, d := range ds {
		out[i] = agora.Domain{Slug: d.Slug, Names: d.Names}
	}
	return st.UpsertDomains(ctx, out)
}

// DefaultDomainsFile returns the shared nomenclature file when it exists
// beside the working directory, else "".
func DefaultDomainsFile() string {
	const path = "../shared/data/ngo-nomenclatures/json/domains.json"
	if fi, err := os.Stat(path); err == nil && fi.Mode().IsRegular() {
		return path
	}
	return ""
}
