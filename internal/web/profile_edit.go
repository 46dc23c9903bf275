package web

import (
	"net/http"
	"slices"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
)

// profileVisField is one "who can see this" select of the edit form.
type profileVisField struct {
	Field, Label string
	Options      []profileChoice
}

// profileEditData is the profile edit form, filled from the stored
// profile or from what was just submitted.
type profileEditData struct {
	UserID     string
	Types      []profileChoice
	Bio        string
	Countries  []profileChoice
	Regions    []profileChoiceGroup
	Languages  []profileChoice
	Domains    []profileChoice
	Visibility []profileVisField
	Listed     bool
	// Unverified explains why a listed profile is not in the directory.
	Unverified   bool
	InDirectory  bool
	Affiliations []personAffiliation
}

// profileEditState is what the form shows, as chosen values.
type profileEditState struct {
	types, languages, domains []string
	bio, country, region      string
	vis                       map[string]string
	listed                    bool
}

func profileStateOf(p agora.Profile) profileEditState {
	st := profileEditState{bio: p.Bio, country: string(p.Country), region: profileRegionValue(p.Country, p.RegionCode),
		languages: p.Languages, domains: p.Domains, listed: p.Listed, vis: map[string]string{}}
	for _, t := range p.Types {
		st.types = append(st.types, string(t))
	}
	for _, f := range agora.ProfileFields() {
		st.vis[f] = string(p.Vis(f))
	}
	return st
}

// profileEditPage builds the form for st.
func (s *Server) profileEditPage(r *http.Request, p agora.Profile, st profileEditState) (profileEditData, error) {
	ctx := r.Context()
	lang := localeFrom(ctx).Lang
	viewer := viewerFrom(ctx)
	refs, err := s.loadProfileRefs(ctx, lang)
	if err != nil {
		return profileEditData{}, err
	}
	d := profileEditData{UserID: p.UserID, Bio: st.bio, Listed: st.listed, InDirectory: p.InDirectory,
		Unverified: !viewer.Verified()}
	for _, t := range agora.StakeholderTypes() {
		d.Types = append(d.Types, profileChoice{Value: string(t), Label: s.profileTypeLabel(lang, t), Selected: slices.Contains(st.types, string(t))})
	}
	for _, c := range agora.Countries() {
		d.Countries = append(d.Countries, profileChoice{Value: string(c), Label: s.profileCountryLabel(lang, c), Selected: string(c) == st.country})
	}
	d.Regions = s.profileRegionGroups(lang, refs, "", st.region)
	for _, l := range agora.ProfileLanguages() {
		d.Languages = append(d.Languages, profileChoice{Value: l, Label: s.profileLanguageLabel(lang, l), Selected: slices.Contains(st.languages, l)})
	}
	for _, dm := range refs.domains {
		d.Domains = append(d.Domains, profileChoice{Value: dm.Slug, Label: dm.Name(lang), Selected: slices.Contains(st.domains, dm.Slug)})
	}
	for _, f := range agora.ProfileFields() {
		vf := profileVisField{Field: f, Label: s.profileFieldLabel(lang, f)}
		for _, v := range agora.Visibilities() {
			vf.Options = append(vf.Options, profileChoice{Value: string(v), Label: s.profileVisibilityLabel(lang, v), Selected: string(v) == st.vis[f]})
		}
		d.Visibility = append(d.Visibility, vf)
	}
	d.Affiliations = s.personCardOf(lang, p, viewer, refs).Affiliations
	return d, nil
}

// editProfile shows the signed-in person's profile form.
func (s *Server) editProfile(w http.ResponseWriter, r *http.Request) {
	u := viewerFrom(r.Context())
	if err := s.authorize(r, auth.ViewOwnAccount, auth.Resource{OwnerID: profileOwnerID(u)}); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.store.GetProfile(r.Context(), u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.profileEditPage(r, p, profileStateOf(p))
	if err != nil {
		s.fail(w, r, err)
		return
	}
	s.render(w, r, http.StatusOK, "profile/edit", d)
}

// updateProfile saves the profile form. Field errors, from validation or
// from the store (a region of another country, an unknown domain),
// re-render the form with 422 and what was typed.
func (s *Server) updateProfile(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	u := viewerFrom(ctx)
	if err := s.authorize(r, auth.EditOwnAccount, auth.Resource{OwnerID: profileOwnerID(u)}); err != nil {
		s.fail(w, r, err)
		return
	}
	p, err := s.store.GetProfile(ctx, u.ID)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	form, err := s.parseForm(r)
	if err != nil {
		// Bytes that are not UTF-8: name the field on the stored form.
		d, derr := s.profileEditPage(r, p, profileStateOf(p))
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		s.renderForm(w, r, "profile/edit", &Form{Values: map[string]string{}, Errors: map[string]string{}}, err, d)
		return
	}
	pf := r.PostForm
	st := profileEditState{types: pf["types"], languages: pf["languages"], domains: pf["domains"], bio: pf.Get("bio"),
		country: pf.Get("country"), region: pf.Get("region"), listed: pf.Get("listed") != "", vis: map[string]string{}}
	in := agora.ProfileInput{Types: st.types, Bio: st.bio, Country: st.country, Languages: st.languages,
		Domains: st.domains, Listed: st.listed, Visibility: map[string]string{}}
	for _, f := range agora.ProfileFields() {
		st.vis[f] = pf.Get("vis_" + f)
		in.Visibility[f] = st.vis[f]
	}
	var es agora.Errs
	if st.region != "" {
		c, code, ok := parseProfileRegion(st.region)
		switch {
		case !ok:
			es.Add("region", "field.invalid_choice", nil)
		case in.Country == "":
			in.Country, in.Region = string(c), code // the region says its country
		case string(c) != in.Country:
			es.Add("region", "profile.region.wrong_country", nil)
		default:
			in.Region = code
		}
	}
	if err := in.Validate(); err != nil {
		es = append(es, agora.FieldErrors(err)...)
	}
	if err = es.Err(); err == nil {
		err = s.store.SaveProfile(ctx, u.ID, in)
	}
	if err != nil {
		d, derr := s.profileEditPage(r, p, st)
		if derr != nil {
			s.fail(w, r, derr)
			return
		}
		s.renderForm(w, r, "profile/edit", form, err, d)
		return
	}
	s.redirect(w, r, "/account/profile", "flash.profile_saved")
}

// profileOwnerID is u's id, "" for nobody.
func profileOwnerID(u *agora.User) string {
	if u == nil {
		return ""
	}
	return u.ID
}
