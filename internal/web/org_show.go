package web

import (
	"html/template"
	"net/http"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/markup"
)

type orgShowData struct {
	Org          agora.Organisation
	KindLabel    string
	LevelLabel   string
	CountryLabel string
	// TaxIDKey and RegistryKey name the identifiers as the country does:
	// CUI and the registry of associations, or NIP and KRS.
	TaxIDKey    string
	RegistryKey string
	RegionKey   string
	// Place is the address unit and the units above it, locality first.
	Place       []string
	Domains     []string
	Description template.HTML
	Officers    []agora.Membership
	// What the viewer may do here.
	CanEdit   bool
	IsMember  bool
	CanVerify bool
}

// showOrg is an organisation's public page. Members are not listed (a
// membership is nobody else's business) except the verified officers of
// a public authority, who act for it in public consultations.
func (s *Server) showOrg(w http.ResponseWriter, r *http.Request) {
	id, err := orgIDFrom(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	ctx := r.Context()
	lang := localeFrom(ctx).Lang
	p, err := s.store.OrgProfile(ctx, id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	o := p.Org
	d := orgShowData{Org: o, KindLabel: s.orgKindLabel(lang, o.Kind), CountryLabel: s.orgCountryLabel(lang, o.Country),
		Description: markup.Render(o.Description), Officers: p.Officers, TaxIDKey: "org.field.tax_id_ro", RegistryKey: "org.field.registry_no_ro", RegionKey: "org.field.region_ro"}
	if o.Country == agora.PL {
		d.TaxIDKey, d.RegistryKey, d.RegionKey = "org.field.tax_id_pl", "org.field.registry_no_pl", "org.field.region_pl"
	}
	if o.AuthorityLevel != "" {
		d.LevelLabel = s.orgLevelLabel(lang, o.AuthorityLevel)
	}
	for _, u := range p.Place {
		// The county or voivodeship has its own line; a locality and the
		// commune or gmina named after it read as one.
		if u.Level == 1 || len(d.Place) > 0 && strings.EqualFold(u.Name, d.Place[len(d.Place)-1]) {
			continue
		}
		d.Place = append(d.Place, u.Name)
	}
	for _, dm := range p.Domains {
		d.Domains = append(d.Domains, dm.Name(lang))
	}
	if v := viewerFrom(ctx); v != nil {
		a, err := s.actor(r)
		if err != nil {
			s.fail(w, r, err)
			return
		}
		_, d.IsMember = a.Orgs[id]
		d.CanEdit = v.IsAdmin() || a.Orgs[id] == agora.OrgAdmin
		d.CanVerify = v.IsAdmin()
	}
	s.render(w, r, http.StatusOK, "org/show", d)
}
