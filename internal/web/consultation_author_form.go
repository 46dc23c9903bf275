package web

import (
	"context"
	"html/template"
	"net/http"
	"slices"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/markup"
	"github.com/agora-civic/agora/internal/store"
)

// authorFormData feeds consultation/author_form, which creates a
// consultation and edits it.
type authorFormData struct {
	Edit bool
	// Locked is true once published: title, kind and rule set stay as
	// announced and show as text.
	Locked      bool
	C           agora.Consultation
	Action      string
	OrgID       string
	OrgName     string
	Authorities []orgOption // set when the officer must choose first
	ActKinds    []orgOption
	RuleSets    []orgOption
	Domains     []orgOption
	Regions     []orgOption
	// Previews of the Markdown fields, when the officer asked for them.
	SummaryPreview        template.HTML
	SubstantiationPreview template.HTML
	Files                 []fileView
	MaxUploadMB           int
}

// consultationInputFromForm reads the metadata fields; lists come from
// the raw form because a Form keeps one value per field. Region codes
// not of the authority's country are refused here, domains by the store.
func (s *Server) consultationInputFromForm(ctx context.Context, r *http.Request, f *Form, country agora.Country, orgID string) (agora.ConsultationInput, error) {
	in := agora.ConsultationInput{
		Title: f.Get("title"), ActKind: f.Get("act_kind"), Summary: f.Get("summary"), Substantiation: f.Get("substantiation"),
		RuleSetID: f.Get("rule_set_id"), ContactName: f.Get("contact_name"), ContactEmail: f.Get("contact_email"),
		ContactPhone: f.Get("contact_phone"), Domains: r.PostForm["domains"], Regions: r.PostForm["regions"],
	}
	var es agora.Errs
	if len(in.Regions) > 0 {
		regions, err := s.store.Regions(ctx, country)
		if err != nil {
			return in, err
		}
		for _, code := range in.Regions {
			if !slices.ContainsFunc(regions, func(u agora.AdminUnit) bool { return u.Code == code }) {
				es.Add("regions", "field.invalid_choice", nil)
				break
			}
		}
	}
	if _, err := s.ruleSetFor(ctx, orgID, country, in.RuleSetID); err != nil {
		es.Add("rule_set_id", "field.invalid_choice", nil)
	}
	out, err := in.Validate(country)
	all := append(agora.FieldErrors(err), es...)
	if len(all) > 0 {
		return in, &agora.ValidationError{Fields: all}
	}
	return out, nil
}

// authorFormOptions fills the choices of the form for the authority.
func (s *Server) authorFormOptions(ctx context.Context, lang string, d *authorFormData, f *Form, country agora.Country, domains, regions []string) error {
	for _, k := range agora.ActKinds[country] {
		d.ActKinds = append(d.ActKinds, orgOption{Value: k, Label: s.actKindLabel(lang, k), Selected: k == f.Get("act_kind")})
	}
	sets, err := s.ruleSetOptions(ctx, lang, d.OrgID, country, f.Get("rule_set_id"))
	if err != nil {
		return err
	}
	d.RuleSets = sets
	if d.Domains, err = s.orgDomainOptions(ctx, lang, domains); err != nil {
		return err
	}
	units, err := s.store.Regions(ctx, country)
	if err != nil {
		return err
	}
	for _, u := range units {
		d.Regions = append(d.Regions, orgOption{Value: u.Code, Label: u.Name, Selected: slices.Contains(regions, u.Code)})
	}
	return nil
}

// renderAuthorForm shows the form: fresh (200), with the field errors of
// err (422), or with previews of the Markdown fields (200).
func (s *Server) renderAuthorForm(w http.ResponseWriter, r *http.Request, f *Form, err error, d authorFormData, country agora.Country) {
	lang := localeFrom(r.Context()).Lang
	d.MaxUploadMB = maxAttachmentBytes >> 20
	if oerr := s.authorFormOptions(r.Context(), lang, &d, f, country, r.PostForm["domains"], r.PostForm["regions"]); oerr != nil {
		s.fail(w, r, oerr)
		return
	}
	if d.Edit && r.PostForm.Get("metadata") == "" {
		// A fresh edit form checks what the consultation has.
		d.Domains, d.Regions = checkOptions(d.Domains, d.C.Domains), checkOptions(d.Regions, d.C.Regions)
	}
	if err != nil {
		s.renderForm(w, r, "consultation/author_form", f, err, d)
		return
	}
	p := s.page(r, d)
	p.Form = f
	s.render(w, r, http.StatusOK, "consultation/author_form", p)
}

// fileView is an attachment in the list of the edit page.
type fileView struct {
	ID   string
	Name string
	KB   int
}

func checkOptions(opts []orgOption, selected []string) []orgOption {
	for i := range opts {
		opts[i].Selected = slices.Contains(selected, opts[i].Value)
	}
	return opts
}

// newConsultation shows the form. An officer of several authorities
// first chooses the one the consultation belongs to (?org=), because
// the kinds of act, regions and rule sets depend on its country.
func (s *Server) newConsultation(w http.ResponseWriter, r *http.Request) {
	auths, ok := s.officerAuthorities(w, r)
	if !ok {
		return
	}
	f := &Form{Values: map[string]string{}, Errors: map[string]string{}}
	chosen, found := pickAuthority(auths, r.URL.Query().Get("org"))
	if !found {
		d := authorFormData{Action: "/consultations/new"}
		for _, a := range auths {
			d.Authorities = append(d.Authorities, orgOption{Value: a.ID, Label: a.Name})
		}
		s.render(w, r, http.StatusOK, "consultation/author_form", d)
		return
	}
	f.Values["rule_set_id"] = defaultRuleSetID(chosen.Country)
	s.renderAuthorForm(w, r, f, nil, authorFormData{Action: "/consultations", OrgID: chosen.ID, OrgName: chosen.Name}, chosen.Country)
}

// officerAuthorities lists the authorities the viewer serves; Forbidden
// (already answered) when none.
func (s *Server) officerAuthorities(w http.ResponseWriter, r *http.Request) ([]store.OfficerAuthority, bool) {
	if err := s.authorize(r, auth.CreateConsultation, auth.Resource{}); err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	auths, err := s.store.OfficerAuthorities(r.Context(), viewerFrom(r.Context()).ID)
	if err == nil && len(auths) == 0 {
		err = agora.Errorf(agora.Forbidden, "consultation_author.error.no_authority")
	}
	if err != nil {
		s.fail(w, r, err)
		return nil, false
	}
	return auths, true
}

// pickAuthority finds id among auths; the only one is taken without
// asking.
func pickAuthority(auths []store.OfficerAuthority, id string) (store.OfficerAuthority, bool) {
	if len(auths) == 1 && id == "" {
		return auths[0], true
	}
	for _, a := range auths {
		if a.ID == id {
			return a, true
		}
	}
	return store.OfficerAuthority{}, false
}

func (s *Server) createConsultation(w http.ResponseWriter, r *http.Request) {
	auths, ok := s.officerAuthorities(w, r)
	if !ok {
		return
	}
	f, err := s.parseUploadForm(w, r, maxDraftUploadBytes)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	chosen, found := pickAuthority(auths, f.Get("org"))
	if !found {
		s.fail(w, r, agora.Errorf(agora.Forbidden, "error.forbidden"))
		return
	}
	d := authorFormData{Action: "/consultations", OrgID: chosen.ID, OrgName: chosen.Name}
	if f.Get("preview") != "" {
		d.SummaryPreview, d.SubstantiationPreview = markup.Render(f.Get("summary")), markup.Render(f.Get("substantiation"))
		s.renderAuthorForm(w, r, f, nil, d, chosen.Country)
		return
	}
	in, err := s.consultationInputFromForm(r.Context(), r, f, chosen.Country, chosen.ID)
	// The text is parsed even when the metadata has errors, so that the
	// officer sees every problem at once.
	units, format, terr := s.draftFromForm(r, f, chosen.Country)
	if err == nil && terr != nil {
		err = terr
	} else if terr != nil {
		err = &agora.ValidationError{Fields: append(agora.FieldErrors(err), agora.FieldErrors(terr)...)}
	}
	if err == nil {
		var c agora.Consultation
		c, err = s.store.CreateConsultation(r.Context(), viewerFrom(r.Context()).ID, chosen.ID, in, units, format)
		if err == nil {
			s.redirect(w, r, consultationPath(c.ID, "text"), "consultation_author.flash.created")
			return
		}
	}
	s.renderAuthorForm(w, r, f, err, d, chosen.Country)
}

func (s *Server) editConsultation(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	s.renderEditForm(w, r, cc.C, nil)
}

// renderEditForm shows the edit form filled from c, with the field
// errors of err (a refused attachment) when there are some.
func (s *Server) renderEditForm(w http.ResponseWriter, r *http.Request, c agora.Consultation, err error) {
	f := &Form{Values: map[string]string{
		"title": c.Title, "act_kind": c.ActKind, "summary": c.Summary, "substantiation": c.Substantiation,
		"rule_set_id": c.RuleSetID, "contact_name": c.ContactName, "contact_email": c.ContactEmail, "contact_phone": c.ContactPhone,
	}, Errors: map[string]string{}}
	d, derr := s.authorEditData(r.Context(), c)
	if derr != nil {
		s.fail(w, r, derr)
		return
	}
	d.Domains, d.Regions = nil, nil
	s.renderAuthorForm(w, r, f, err, d, c.Country)
}

func (s *Server) authorEditData(ctx context.Context, c agora.Consultation) (authorFormData, error) {
	d := authorFormData{Edit: true, Locked: c.State != agora.ConsultationDraft, C: c, Action: consultationPath(c.ID, "edit"),
		OrgID: c.OrgID, OrgName: c.OrgName}
	files, err := s.store.ConsultationFiles(ctx, c.ID, store.FileAttachment)
	for _, f := range files {
		d.Files = append(d.Files, fileView{ID: f.ID, Name: f.Name, KB: int((f.Size + 1023) / 1024)})
	}
	return d, err
}

func (s *Server) updateConsultation(w http.ResponseWriter, r *http.Request) {
	cc, ok := s.loadConsultation(w, r, auth.ManageConsultation)
	if !ok {
		return
	}
	c := cc.C
	f, err := s.parseForm(r)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	d, err := s.authorEditData(r.Context(), c)
	if err != nil {
		s.fail(w, r, err)
		return
	}
	if d.Locked {
		// What was announced is not in the form; keep it.
		f.Values["title"], f.Values["act_kind"], f.Values["rule_set_id"] = c.Title, c.ActKind, c.RuleSetID
	}
	if f.Get("preview") != "" {
		d.SummaryPreview, d.SubstantiationPreview = markup.Render(f.Get("summary")), markup.Render(f.Get("substantiation"))
		s.renderAuthorForm(w, r, f, nil, d, c.Country)
		return
	}
	in, err := s.consultationInputFromForm(r.Context(), r, f, c.Country, c.OrgID)
	if err == nil {
		if _, err = s.store.UpdateConsultation(r.Context(), viewerFrom(r.Context()).ID, c.ID, in); err == nil {
			s.redirect(w, r, consultationPath(c.ID, "edit"), "consultation_author.flash.updated")
			return
		}
	}
	s.renderAuthorForm(w, r, f, err, d, c.Country)
}
