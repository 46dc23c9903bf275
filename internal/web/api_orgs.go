package web

import (
	"net/http"
	"strconv"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
)

// apiOrg is an organisation as everyone may see it: the public page shows
// all of it. The members that a client may write carry the names of the
// HTML form fields, so one validation message fits both.
type apiOrg struct {
	ID             string   `json:"id"`
	Name           string   `json:"name"`
	ShortName      string   `json:"short_name"`
	Kind           string   `json:"kind"`
	AuthorityLevel string   `json:"authority_level"`
	Country        string   `json:"country"`
	TaxID          string   `json:"tax_id"`
	RegistryNo     string   `json:"registry_no"`
	REGON          string   `json:"regon"`
	Street         string   `json:"street"`
	Locality       string   `json:"locality"`
	LocalityName   string   `json:"locality_name"`
	Region         string   `json:"region"`
	RegionName     string   `json:"region_name"`
	PostalCode     string   `json:"postal_code"`
	Website        string   `json:"website"`
	Email          string   `json:"email"`
	Phone          string   `json:"phone"`
	Description    string   `json:"description"`
	FoundedYear    *int     `json:"founded_year"`
	Domains        []string `json:"domains"`
	Verified       bool     `json:"verified"`
	VerifiedAt     *string  `json:"verified_at"`
	MemberCount    int      `json:"member_count"`
	CreatedAt      string   `json:"created_at"`
	UpdatedAt      string   `json:"updated_at"`
}

func orgView(o agora.Organisation) apiOrg {
	v := apiOrg{
		ID: o.ID, Name: o.Name, ShortName: o.ShortName, Kind: string(o.Kind), AuthorityLevel: o.AuthorityLevel,
		Country: string(o.Country), TaxID: o.TaxID, RegistryNo: o.RegistryNo, REGON: o.REGON, Street: o.Street,
		Locality: o.UnitCode, LocalityName: o.UnitName, Region: o.RegionCode, RegionName: o.RegionName,
		PostalCode: o.PostalCode, Website: o.Website, Email: o.Email, Phone: o.Phone, Description: o.Description,
		Domains: nonNil(o.Domains), Verified: o.Verified(), VerifiedAt: apiTimePtr(o.VerifiedAt),
		MemberCount: o.MemberCount, CreatedAt: apiTime(o.CreatedAt), UpdatedAt: apiTime(o.UpdatedAt),
	}
	if o.FoundedYear != 0 {
		y := o.FoundedYear
		v.FoundedYear = &y
	}
	return v
}

// orgMembers are the writable members of an organisation document.
var orgMembers = []string{"name", "short_name", "kind", "authority_level", "country", "tax_id", "registry_no", "regon",
	"street", "region", "locality", "postal_code", "website", "email", "phone", "description", "founded_year", "domains"}

// applyOrg reads the members of b over in: JSON merge patch (RFC 7396)
// for PATCH, where in holds the stored values, and plain creation for
// POST, where in starts empty. null clears a member.
func applyOrg(b *jsonBody, in *agora.OrgInput) error {
	for _, f := range []struct {
		name string
		dst  *string
	}{
		{"name", &in.Name}, {"short_name", &in.ShortName}, {"kind", &in.Kind}, {"authority_level", &in.AuthorityLevel},
		{"country", &in.Country}, {"tax_id", &in.TaxID}, {"registry_no", &in.RegistryNo}, {"regon", &in.REGON},
		{"street", &in.Street}, {"region", &in.RegionCode}, {"locality", &in.UnitCode}, {"postal_code", &in.PostalCode},
		{"website", &in.Website}, {"email", &in.Email}, {"phone", &in.Phone}, {"description", &in.Description},
	} {
		b.str(f.name, f.dst)
	}
	b.number("founded_year", &in.FoundedYear)
	b.strs("domains", &in.Domains)
	return b.err()
}

// orgInputOf is the stored organisation as the input that would make it.
func orgInputOf(o agora.Organisation) agora.OrgInput {
	in := agora.OrgInput{
		Name: o.Name, ShortName: o.ShortName, Kind: string(o.Kind), AuthorityLevel: o.AuthorityLevel,
		Country: string(o.Country), TaxID: o.TaxID, RegistryNo: o.RegistryNo, REGON: o.REGON, Street: o.Street,
		RegionCode: o.RegionCode, UnitCode: o.UnitCode, PostalCode: o.PostalCode, Website: o.Website,
		Email: o.Email, Phone: o.Phone, Description: o.Description, Domains: o.Domains,
	}
	if o.FoundedYear != 0 {
		in.FoundedYear = strconv.Itoa(o.FoundedYear)
	}
	return in
}

// orgFilterOf reads the directory filters, with the checks of the HTML
// directory's query parameters.
func orgFilterOf(r *http.Request) (agora.OrgFilter, error) {
	q, page, err := apiQuery(r, "kind", "country", "region", "domain", "verified", "q")
	var es agora.Errs
	if err != nil {
		es = agora.FieldErrors(err)
	}
	f := agora.OrgFilter{Kind: agora.OrgKind(q.Get("kind")), Country: agora.Country(strings.ToUpper(q.Get("country"))),
		Domain: q.Get("domain"), Cursor: page.Cursor, Limit: page.Limit}
	if f.Kind != "" && !f.Kind.Valid() {
		es.Add("kind", "field.invalid_choice", nil)
	}
	if f.Country != "" && !f.Country.Valid() {
		es.Add("country", "field.invalid_choice", nil)
	}
	f.Region = apiRegion(&es, &f.Country, q.Get("region"))
	if f.Domain != "" && !agora.ValidDomainSlug(f.Domain) {
		es.Add("domain", "field.invalid_choice", nil)
	}
	// yes and no are what the HTML directory's links carry.
	switch q.Get("verified") {
	case "":
	case "true", "yes":
		f.Verified = new(true)
	case "false", "no":
		f.Verified = new(false)
	default:
		es.Add("verified", "field.invalid_choice", nil)
	}
	f.Query = agora.ValidateText(&es, "q", q.Get("q"), 0, 100, false)
	return f, es.Err()
}

// apiListOrgs is GET /api/v1/organisations: the public directory.
func (s *Server) apiListOrgs(w http.ResponseWriter, r *http.Request) {
	f, err := orgFilterOf(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	page, err := s.store.ListOrgs(r.Context(), f)
	if err != nil {
		// The store's cursor error names no field; the API's parameter is
		// "cursor".
		if e := agora.AsError(err); e.Kind == agora.Invalid && e.Field == "" {
			err = agora.FieldError("cursor", e.Key, e.Args)
		}
		s.apiFail(w, r, err)
		return
	}
	items := make([]apiOrg, len(page.Orgs))
	for i, o := range page.Orgs {
		items[i] = orgView(o)
	}
	s.writePage(w, r, items, page.Next)
}

// apiGetOrg is GET /api/v1/organisations/{id}.
func (s *Server) apiGetOrg(w http.ResponseWriter, r *http.Request) {
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	o, err := s.apiOrgByID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSONTagged(w, r, orgView(o))
}

// apiOrgByID loads the organisation named in the path; a malformed id is
// simply not found.
func (s *Server) apiOrgByID(r *http.Request) (agora.Organisation, error) {
	id := r.PathValue("id")
	if !agora.ValidID(id) {
		return agora.Organisation{}, errNotFound
	}
	return s.store.Org(r.Context(), id)
}

// apiCreateOrg is POST /api/v1/organisations. The caller becomes the
// organisation's first admin.
func (s *Server) apiCreateOrg(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r, auth.CreateOrg, auth.Resource{}); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	b, err := readJSON(r, orgMembers)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	var in agora.OrgInput
	if err := applyOrg(b, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	o, err := s.store.CreateOrg(r.Context(), viewerFrom(r.Context()).ID, in)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	w.Header().Set("Location", apiPrefix+"/organisations/"+o.ID)
	s.writeJSON(w, r, http.StatusCreated, orgView(o))
}

// apiPatchOrg is PATCH /api/v1/organisations/{id} with a JSON merge patch
// (RFC 7396): members given replace the stored ones, null clears one,
// members left out keep theirs. The result is validated whole, as the
// edit form is.
func (s *Server) apiPatchOrg(w http.ResponseWriter, r *http.Request) {
	o, err := s.apiOrgByID(r)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if err := s.authorize(r, auth.EditOrg, auth.Resource{OrgID: o.ID}); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	b, err := readJSON(r, orgMembers, "application/merge-patch+json")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	in := orgInputOf(o)
	if err := applyOrg(b, &in); err != nil {
		s.apiFail(w, r, err)
		return
	}
	o, err = s.store.UpdateOrg(r.Context(), viewerFrom(r.Context()).ID, o.ID, in)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSON(w, r, http.StatusOK, orgView(o))
}
