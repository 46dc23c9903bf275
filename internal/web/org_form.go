package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/store"
)

// orgFormData feeds org/form, which both creates and edits.
type orgFormData struct {
	Edit      bool
	OrgID     string
	OrgName   string
	Action    string
	Kinds     []orgOption
	Levels    []orgOption
	Countries []orgOption
	Regions   []orgOptionGroup
	Domains   []orgOption
	// Candidates are the localities to choose from when the typed name
	// matched several, or none exactly.
	Candidates []orgOption
}

// orgLocalityMax bounds the typed locality name.
const orgLocalityMax = 100

func (s *Server) orgFormData(ctx context.Context, lang string, f *Form, domains []string, cands []store.UnitCandidate) (orgFormData, error) {
	d := orgFormData{Action: "/orgs"}
	d.Kinds = s.orgKindOptions(lang, f.Get("kind"))
	for _, l := range agora.AuthorityLevels() {
		d.Levels = append(d.Levels, orgOption{Value: l, Label: s.orgLevelLabel(lang, l), Selected: l == f.Get("authority_level")})
	}
	d.Countries = s.orgCountryOptions(lang, strings.ToUpper(f.Get("country")))
	var err error
	if d.Regions, err = s.orgRegionGroups(ctx, lang, f.Get("region")); err != nil {
		return d, err
	}
	if d.Domains, err = s.orgDomainOptions(ctx, lang, domains); err != nil {
		return d, err
	}
	for _, c := range cands {
		label := c.Name
		if c.ParentName != "" {
			label = s.cat.T(lang, "org.locality.candidate", map[string]any{"name": c.Name, "parent": c.ParentName})
		}
		d.Candidates = append(d.Candidates, orgOption{Value: c.Code, Label: label})
	}
	return d, nil
}

// renderOrgForm shows the form, with the field errors of err (422) or,
// when err is nil, as a fresh form (200).
func (s *Server) renderOrgForm(w http.ResponseWriter, r *http.Request, f *Form, err error, domains []string,
	cands []store.UnitCandidate, edit *agora.Organisation) {
	lang := localeFrom(r.Context()).Lang
	d, derr := s.orgFormData(r.Context(), lang, f, domains, cands)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	if edit != nil {
		d.Edit, d.OrgID, d.OrgName, d.Action = true, edit.ID, edit.Name, "/orgs/"+edit.ID+"/edit"
	}
	if err != nil {
		s.renderForm(w, r, "org/form", f, err, d)
		return
	}
	p := s.page(r, d)
	p.Form = f
	s.render(w, r, http.StatusOK, "org/form", p)
}

func (s *Server) newOrg(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r, auth.CreateOrg, auth.Resource{}); err != nil {
		s.fail(w, r, err)
		return
	}
	f := &Form{Values: map[string]string{}, Errors: map[string]string{}}
	s.renderOrgForm(w, r, f, nil, nil, nil, nil)
}

func (s *Server) createOrg(w http.ResponseWriter, r *http.Request) {
	if err := s.authorize(r, auth.CreateOrg, auth.Resource{}); err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	domains := r.PostForm["domains"]
	in, cands, err := s.orgInputFromForm(r.Context(), f, domains)
	if err == nil {
		var o agora.Organisation
		if o, err = s.store.CreateOrg(r.Context(), viewerFrom(r.Context()).ID, in); err == nil {
			s.redirect(w, r, "/orgs/"+o.ID, "flash.org_created")
			return
		}
	}
	s.renderOrgForm(w, r, f, err, domains, cands, nil)
}

func (s *Server) editOrg(w http.ResponseWriter, r *http.Request) {
	id, err := s.authorizeOrg(r, auth.EditOrg)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	o, err := s.store.Org(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f := &Form{Values: map[string]string{
		"name": o.Name, "short_name": o.ShortName, "kind": string(o.Kind), "authority_level": o.AuthorityLevel,
		"country": string(o.Country), "tax_id": o.TaxID, "registry_no": o.RegistryNo, "regon": o.REGON,
		"street": o.Street, "region": regionValue(o.Country, o.RegionCode), "locality": o.UnitName, "unit_code": o.UnitCode,
		"postal_code": o.PostalCode, "website": o.Website, "email": o.Email, "phone": o.Phone, "description": o.Description,
	}, Errors: map[string]string{}}
	if o.FoundedYear != 0 {
		f.Values["founded_year"] = strconv.Itoa(o.FoundedYear)
	}
	s.renderOrgForm(w, r, f, nil, o.Domains, nil, &o)
}

func (s *Server) updateOrg(w http.ResponseWriter, r *http.Request) {
	id, err := s.authorizeOrg(r, auth.EditOrg)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	o, err := s.store.Org(r.Context(), id)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	domains := r.PostForm["domains"]
	in, cands, err := s.orgInputFromForm(r.Context(), f, domains)
	if err == nil {
		if _, err = s.store.UpdateOrg(r.Context(), viewerFrom(r.Context()).ID, id, in); err == nil {
			s.redirect(w, r, "/orgs/"+id, "flash.org_updated")
			return
		}
	}
	s.renderOrgForm(w, r, f, err, domains, cands, &o)
}

// orgInputFromForm reads the form into an OrgInput, resolves the typed
// locality to an administrative unit and validates the lot, returning
// every field error at once. Candidates come back when the locality
// needs choosing.
func (s *Server) orgInputFromForm(ctx context.Context, f *Form, domains []string) (agora.OrgInput, []store.UnitCandidate, error) {
	in := agora.OrgInput{
		Name: f.Get("name"), ShortName: f.Get("short_name"), Kind: f.Get("kind"), AuthorityLevel: f.Get("authority_level"),
		Country: f.Get("country"), TaxID: f.Get("tax_id"), RegistryNo: f.Get("registry_no"), REGON: f.Get("regon"),
		Street: f.Get("street"), PostalCode: f.Get("postal_code"), Website: f.Get("website"), Email: f.Get("email"),
		Phone: f.Get("phone"), Description: f.Get("description"), FoundedYear: f.Get("founded_year"), Domains: domains,
	}
	var es agora.Errs
	if v := f.Get("region"); v != "" {
		c, code, ok := parseRegionValue(v)
		switch {
		case !ok:
			es.Add("region", "field.invalid_choice", nil)
		case strings.TrimSpace(in.Country) != "" && !strings.EqualFold(strings.TrimSpace(in.Country), string(c)):
			es.Add("region", "org.region.wrong_country", nil)
		default:
			in.RegionCode = code
		}
	}
	cands, err := s.resolveLocality(ctx, &in, f, &es)
	if err != nil {
		return in, nil, err
	}
	f.Values["unit_code"] = in.UnitCode
	out, verr := in.Validate()
	all := append(agora.FieldErrors(verr), es...)
	if len(all) > 0 {
		return in, cands, &agora.ValidationError{Fields: all}
	}
	return out, nil, nil
}

// resolveLocality finds the administrative unit of the typed locality,
// server-side so address entry needs no JavaScript. A unit already
// resolved (hidden unit_code) stands while the typed name still names it;
// a unit chosen from the candidates (unit_choice) stands when its name
// starts with what was typed. Otherwise the name is matched in the
// chosen county or voivodeship: one exact match is taken, several or
// only near ones come back as candidates with a field error.
func (s *Server) resolveLocality(ctx context.Context, in *agora.OrgInput, f *Form, es *agora.Errs) ([]store.UnitCandidate, error) {
	text := strings.Join(strings.Fields(f.Get("locality")), " ")
	country := agora.Country(strings.ToUpper(strings.TrimSpace(in.Country)))
	if text == "" || !country.Valid() {
		return nil, nil
	}
	if utf8.RuneCountInString(text) > orgLocalityMax {
		es.Add("locality", "field.too_long", map[string]any{"max": orgLocalityMax})
		return nil, nil
	}
	fold := agora.Fold(text)
	for _, pick := range []struct {
		field string
		ok    func(unitFold string) bool
	}{
		{"unit_choice", func(u string) bool { return strings.HasPrefix(u, fold) }},
		{"unit_code", func(u string) bool { return u == fold }},
	} {
		code := f.Get(pick.field)
		if code == "" || len(code) > 7 {
			continue
		}
		u, err := s.store.AdminUnit(ctx, country, code)
		if agora.KindOf(err) == agora.NotFound {
			continue
		}
		if err != nil {
			return nil, err
		}
		if u.Level > 1 && pick.ok(agora.Fold(u.Name)) && (in.RegionCode == "" || u.Region == in.RegionCode) {
			in.UnitCode = u.Code
			f.Values["locality"] = u.Name
			return nil, nil
		}
	}
	cands, exact, err := s.store.MatchLocality(ctx, country, in.RegionCode, text)
	switch {
	case err != nil:
		return nil, err
	case exact && len(cands) == 1:
		in.UnitCode = cands[0].Code
		f.Values["locality"] = cands[0].Name
		return nil, nil
	case len(cands) == 0:
		es.Add("locality", "org.locality.not_found", nil)
	case exact:
		es.Add("locality", "org.locality.choose", nil)
	default:
		es.Add("locality", "org.locality.did_you_mean", nil)
	}
	return cands, nil
}
