package web

import (
	"context"
	"net/http"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
)

// apiAffiliation is an organisation a person belongs to, as a profile
// shows it.
type apiAffiliation struct {
	OrganisationID       string `json:"organisation_id"`
	OrganisationName     string `json:"organisation_name"`
	Role                 string `json:"role"`
	OrganisationVerified bool   `json:"organisation_verified"`
}

// apiPerson is a profile as one viewer may see it. A field hidden from
// the viewer is absent, not empty, so a client can tell "not shared"
// from "not filled in"; the name is always there.
type apiPerson struct {
	ID           string            `json:"id"`
	DisplayName  string            `json:"display_name"`
	Types        *[]string         `json:"types,omitempty"`
	Bio          *string           `json:"bio,omitempty"`
	Country      *string           `json:"country,omitempty"`
	Region       *string           `json:"region,omitempty"`
	RegionName   *string           `json:"region_name,omitempty"`
	Languages    *[]string         `json:"languages,omitempty"`
	Domains      *[]string         `json:"domains,omitempty"`
	Affiliations *[]apiAffiliation `json:"affiliations,omitempty"`
}

// apiOwnProfile is the whole profile as its owner sees and edits it.
type apiOwnProfile struct {
	apiPerson
	Visibility  map[string]string `json:"visibility"`
	Listed      bool              `json:"listed"`
	InDirectory bool              `json:"in_directory"`
	// UpdatedAt is null until the profile is first saved.
	UpdatedAt *string `json:"updated_at"`
}

// regionNames maps "RO-225" to "Iași" for every county and voivodeship.
func (s *Server) regionNames(ctx context.Context) (map[string]string, error) {
	units, err := s.store.Regions(ctx, "")
	if err != nil {
		return nil, err
	}
	m := make(map[string]string, len(units))
	for _, u := range units {
		m[string(u.Country)+"-"+u.Code] = u.Name
	}
	return m, nil
}

// personView builds what viewer may see of p. Hidden fields are decided
// by the same rule as Profile.VisibleTo, on the visibility p carries.
func personView(p agora.Profile, viewer *agora.User, regions map[string]string) apiPerson {
	aud := agora.ProfileAudience(viewer, p.UserID)
	shown := func(f string) bool { return p.Vis(f).Within(aud) }
	p = p.VisibleTo(viewer)
	v := apiPerson{ID: p.UserID, DisplayName: p.DisplayName}
	if shown(agora.FieldTypes) {
		types := make([]string, len(p.Types))
		for i, t := range p.Types {
			types[i] = string(t)
		}
		v.Types = &types
	}
	if shown(agora.FieldBio) {
		v.Bio = &p.Bio
	}
	if shown(agora.FieldRegion) {
		country, region, name := string(p.Country), p.RegionCode, ""
		if region != "" {
			name = regions[country+"-"+region]
		}
		v.Country, v.Region, v.RegionName = &country, &region, &name
	}
	if shown(agora.FieldLanguages) {
		langs := nonNil(p.Languages)
		v.Languages = &langs
	}
	if shown(agora.FieldDomains) {
		domains := nonNil(p.Domains)
		v.Domains = &domains
	}
	if shown(agora.FieldAffiliations) {
		affs := make([]apiAffiliation, len(p.Affiliations))
		for i, a := range p.Affiliations {
			affs[i] = apiAffiliation{OrganisationID: a.OrgID, OrganisationName: a.OrgName, Role: string(a.Role), OrganisationVerified: a.OrgVerified}
		}
		v.Affiliations = &affs
	}
	return v
}

// ownProfileView is the owner's view of their profile.
func ownProfileView(p agora.Profile, owner *agora.User, regions map[string]string) apiOwnProfile {
	v := apiOwnProfile{apiPerson: personView(p, owner, regions), Listed: p.Listed, InDirectory: p.InDirectory,
		Visibility: map[string]string{}}
	for _, f := range agora.ProfileFields() {
		v.Visibility[f] = string(p.Vis(f))
	}
	if !p.UpdatedAt.IsZero() {
		v.UpdatedAt = apiTimePtr(&p.UpdatedAt)
	}
	return v
}

// apiListPeople is GET /api/v1/people: the people directory with the
// filters and the privacy of the HTML directory, which ListPeople
// enforces for both.
func (s *Server) apiListPeople(w http.ResponseWriter, r *http.Request) {
	q, page, err := apiQuery(r, "type", "country", "region", "domain", "language", "q")
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	viewer := viewerFrom(r.Context())
	f := agora.PeopleFilter{
		Type: agora.StakeholderType(q.Get("type")), Country: agora.Country(strings.ToUpper(q.Get("country"))),
		Domain: q.Get("domain"), Language: q.Get("language"), Query: q.Get("q"),
		After: page.Cursor, Limit: page.Limit,
	}
	var es agora.Errs
	if f.Country != "" && !f.Country.Valid() {
		es.Add("country", "field.invalid_choice", nil)
		f.Country = ""
	}
	f.Region = apiRegion(&es, &f.Country, q.Get("region"))
	if err := es.Err(); err != nil {
		s.apiFail(w, r, err)
		return
	}
	res, err := s.store.ListPeople(r.Context(), viewer, f)
	if err != nil {
		s.apiFail(w, r, renameField(err, "after", "cursor"))
		return
	}
	regions, err := s.regionNames(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	items := make([]apiPerson, len(res.People))
	for i, p := range res.People {
		items[i] = personView(p, viewer, regions)
	}
	s.writePage(w, r, items, res.Next)
}

// apiGetPerson is GET /api/v1/people/{id}. A profile outside the
// directory (never saved, unlisted, unverified or disabled account) does
// not exist for anyone but its owner and platform admins, as on its page.
func (s *Server) apiGetPerson(w http.ResponseWriter, r *http.Request) {
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	id := r.PathValue("id")
	viewer := viewerFrom(r.Context())
	if !agora.ValidID(id) {
		s.apiFail(w, r, errNotFound)
		return
	}
	p, err := s.store.GetProfile(r.Context(), id)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if !p.InDirectory && agora.ProfileAudience(viewer, id) != agora.VisPrivate {
		s.apiFail(w, r, errNotFound)
		return
	}
	regions, err := s.regionNames(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeJSONTagged(w, r, personView(p, viewer, regions))
}

// apiGetOwnProfile is GET /api/v1/me/profile.
func (s *Server) apiGetOwnProfile(w http.ResponseWriter, r *http.Request) {
	u := viewerFrom(r.Context())
	if err := s.authorize(r, auth.ViewOwnAccount, auth.Resource{OwnerID: userID(u)}); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	s.writeOwnProfile(w, r, u, http.StatusOK)
}

func (s *Server) writeOwnProfile(w http.ResponseWriter, r *http.Request, u *agora.User, status int) {
	p, err := s.store.GetProfile(r.Context(), u.ID)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	regions, err := s.regionNames(r.Context())
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	if status == http.StatusOK && r.Method == http.MethodGet {
		s.writeJSONTagged(w, r, ownProfileView(p, u, regions))
		return
	}
	s.writeJSON(w, r, status, ownProfileView(p, u, regions))
}

// profileMembers are the members of a profile document.
var profileMembers = []string{"types", "bio", "country", "region", "languages", "domains", "visibility", "listed"}

// apiPutOwnProfile is PUT /api/v1/me/profile: the body replaces the whole
// profile; members left out take their defaults (empty, listed, default
// visibility), as a form submitted with empty fields would.
func (s *Server) apiPutOwnProfile(w http.ResponseWriter, r *http.Request) {
	u := viewerFrom(r.Context())
	if err := s.authorize(r, auth.EditOwnAccount, auth.Resource{OwnerID: userID(u)}); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if _, err := apiParams(r); err != nil {
		s.apiFail(w, r, err)
		return
	}
	b, err := readJSON(r, profileMembers)
	if err != nil {
		s.apiFail(w, r, err)
		return
	}
	in := agora.ProfileInput{Listed: true}
	b.strs("types", &in.Types)
	b.str("bio", &in.Bio)
	b.str("country", &in.Country)
	b.str("region", &in.Region)
	b.strs("languages", &in.Languages)
	b.strs("domains", &in.Domains)
	b.strMap("visibility", &in.Visibility)
	b.boolean("listed", &in.Listed)
	if err := b.err(); err != nil {
		s.apiFail(w, r, err)
		return
	}
	if err := s.store.SaveProfile(r.Context(), u.ID, in); err != nil {
		s.apiFail(w, r, visibilityFields(err))
		return
	}
	s.writeOwnProfile(w, r, u, http.StatusOK)
}

// visibilityFields renames the form's "vis_bio" to the JSON member
// "visibility.bio".
func visibilityFields(err error) error {
	fields := agora.FieldErrors(err)
	if len(fields) == 0 {
		return err
	}
	var es agora.Errs
	for _, f := range fields {
		c := *f
		if rest, ok := strings.CutPrefix(c.Field, "vis_"); ok {
			c.Field = "visibility." + rest
		}
		es = append(es, &c)
	}
	return es.Err()
}

// userID is the id of u, "" for nobody.
func userID(u *agora.User) string {
	if u == nil {
		return ""
	}
	return u.ID
}
