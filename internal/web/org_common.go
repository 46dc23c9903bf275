package web

import (
	"context"
	"net/http"
	"slices"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/i18n"
)

// orgOption is one choice of a select or a checkbox list, translated.
type orgOption struct {
	Value    string
	Label    string
	Selected bool
}

// orgOptionGroup is an <optgroup>: the regions of one country.
type orgOptionGroup struct {
	Label   string
	Options []orgOption
}

func (s *Server) orgKindLabel(lang string, k agora.OrgKind) string {
	return s.cat.T(lang, i18n.Prefix("org.kind.")+string(k), nil)
}

func (s *Server) orgLevelLabel(lang, level string) string {
	return s.cat.T(lang, i18n.Prefix("org.level.")+level, nil)
}

func (s *Server) orgRoleLabel(lang string, r agora.OrgRole) string {
	return s.cat.T(lang, i18n.Prefix("org.role.")+string(r), nil)
}

func (s *Server) orgCountryLabel(lang string, c agora.Country) string {
	return s.cat.T(lang, i18n.Prefix("org.country.")+strings.ToLower(string(c)), nil)
}

func (s *Server) orgKindOptions(lang, selected string) []orgOption {
	var out []orgOption
	for _, k := range agora.OrgKinds() {
		out = append(out, orgOption{Value: string(k), Label: s.orgKindLabel(lang, k), Selected: string(k) == selected})
	}
	return out
}

func (s *Server) orgCountryOptions(lang, selected string) []orgOption {
	var out []orgOption
	for _, c := range agora.Countries() {
		out = append(out, orgOption{Value: string(c), Label: s.orgCountryLabel(lang, c), Selected: string(c) == selected})
	}
	return out
}

// regionValue names a county or voivodeship in forms and URLs as
// "RO-225": codes alone repeat across countries (10 is Alba and łódzkie).
func regionValue(c agora.Country, code string) string {
	if code == "" {
		return ""
	}
	return string(c) + "-" + code
}

// parseRegionValue splits a regionValue; ok is false for anything else.
func parseRegionValue(v string) (c agora.Country, code string, ok bool) {
	cs, code, found := strings.Cut(v, "-")
	c = agora.Country(cs)
	if !found || !c.Valid() || code == "" || len(code) > 7 {
		return "", "", false
	}
	for _, r := range code {
		if r < '0' || r > '9' {
			return "", "", false
		}
	}
	return c, code, true
}

// orgRegionGroups lists the counties and voivodeships by country, the
// one in selected marked.
func (s *Server) orgRegionGroups(ctx context.Context, lang, selected string) ([]orgOptionGroup, error) {
	units, err := s.store.Regions(ctx, "")
	if err != nil {
		return nil, err
	}
	var groups []orgOptionGroup
	for _, c := range agora.Countries() {
		g := orgOptionGroup{Label: s.orgCountryLabel(lang, c)}
		for _, u := range units {
			if u.Country == c {
				v := regionValue(u.Country, u.Code)
				g.Options = append(g.Options, orgOption{Value: v, Label: u.Name, Selected: v == selected})
			}
		}
		groups = append(groups, g)
	}
	return groups, nil
}

// orgDomainOptions lists the domains of activity in lang, the ones in
// selected checked.
func (s *Server) orgDomainOptions(ctx context.Context, lang string, selected []string) ([]orgOption, error) {
	ds, err := s.store.Domains(ctx, lang)
	if err != nil {
		return nil, err
	}
	out := make([]orgOption, 0, len(ds))
	for _, d := range ds {
		out = append(out, orgOption{Value: d.Slug, Label: d.Name(lang), Selected: slices.Contains(selected, d.Slug)})
	}
	return out, nil
}

// orgIDFrom returns the organisation id of the path, NotFound for ids
// that cannot exist.
func orgIDFrom(r *http.Request) (string, error) {
	id := r.PathValue("id")
	if !agora.ValidID(id) {
		return "", errNotFound
	}
	return id, nil
}

// authorizeOrg checks act on the organisation of the path and returns its
// id. The policy runs before the id is looked at, so a visitor without
// rights learns nothing about which ids exist.
func (s *Server) authorizeOrg(r *http.Request, act auth.Action) (string, error) {
	if err := s.authorize(r, act, auth.Resource{OrgID: r.PathValue("id")}); err != nil {
		return "", err
	}
	return orgIDFrom(r)
}

// orgAuditLabel translates an audit action of an organisation. The
// action names ("org.member.add") are their own catalogue keys; actions
// of other areas without a label show their machine name.
func (s *Server) orgAuditLabel(lang, action string) string {
	if s.cat.Has(lang, action) {
		return s.cat.T(lang, action, nil)
	}
	return action
}
