package web

import (
	"context"
	"strings"
	"unicode/utf8"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/i18n"
)

// profileChoice is one option of a select or a checkbox list, translated.
type profileChoice struct {
	Value    string
	Label    string
	Selected bool
}

// profileChoiceGroup is an <optgroup>: the regions of one country.
type profileChoiceGroup struct {
	Label   string
	Options []profileChoice
}

// profileRefs are the names of regions and domains in one language, to
// turn stored codes into text.
type profileRefs struct {
	regions []agora.AdminUnit
	domains []agora.Domain
	// regionName is keyed by profileRegionValue ("RO-225").
	regionName map[string]string
	domainName map[string]string
}

// loadProfileRefs reads the regions and domains once per page.
func (s *Server) loadProfileRefs(ctx context.Context, lang string) (profileRefs, error) {
	var refs profileRefs
	var err error
	if refs.regions, err = s.store.Regions(ctx, ""); err != nil {
		return refs, err
	}
	if refs.domains, err = s.store.Domains(ctx, lang); err != nil {
		return refs, err
	}
	refs.regionName = make(map[string]string, len(refs.regions))
	for _, u := range refs.regions {
		refs.regionName[profileRegionValue(u.Country, u.Code)] = u.Name
	}
	refs.domainName = make(map[string]string, len(refs.domains))
	for _, d := range refs.domains {
		refs.domainName[d.Slug] = d.Name(lang)
	}
	return refs, nil
}

// profileRegionValue names a county or voivodeship in forms and URLs as
// "RO-225", the same as the organisation pages: codes alone repeat
// across countries (10 is Alba and łódzkie).
func profileRegionValue(c agora.Country, code string) string {
	if code == "" {
		return ""
	}
	return string(c) + "-" + code
}

// parseProfileRegion splits a profileRegionValue; ok is false for
// anything else.
func parseProfileRegion(v string) (c agora.Country, code string, ok bool) {
	cs, code, found := strings.Cut(v, "-")
	c = agora.Country(cs)
	if !found || !c.Valid() || code == "" || len(code) > 6 {
		return "", "", false
	}
	for i := 0; i < len(code); i++ {
		if code[i] < '0' || code[i] > '9' {
			return "", "", false
		}
	}
	return c, code, true
}

func (s *Server) profileTypeLabel(lang string, t agora.StakeholderType) string {
	return s.cat.T(lang, i18n.Prefix("profile.type.")+string(t), nil)
}

func (s *Server) profileLanguageLabel(lang, code string) string {
	return s.cat.T(lang, i18n.Prefix("profile.language.")+code, nil)
}

func (s *Server) profileCountryLabel(lang string, c agora.Country) string {
	return s.cat.T(lang, i18n.Prefix("profile.country.")+strings.ToLower(string(c)), nil)
}

func (s *Server) profileVisibilityLabel(lang string, v agora.Visibility) string {
	return s.cat.T(lang, i18n.Prefix("profile.visibility.")+string(v), nil)
}

func (s *Server) profileFieldLabel(lang, field string) string {
	return s.cat.T(lang, i18n.Prefix("profile.field.")+field, nil)
}

// regionGroups lists the regions by country, only country's when it is
// set, the one in selected marked.
func (s *Server) profileRegionGroups(lang string, refs profileRefs, country agora.Country, selected string) []profileChoiceGroup {
	var groups []profileChoiceGroup
	for _, c := range agora.Countries() {
		if country != "" && c != country {
			continue
		}
		g := profileChoiceGroup{Label: s.profileCountryLabel(lang, c)}
		for _, u := range refs.regions {
			if u.Country == c {
				v := profileRegionValue(u.Country, u.Code)
				g.Options = append(g.Options, profileChoice{Value: v, Label: u.Name, Selected: v == selected})
			}
		}
		if len(g.Options) > 0 {
			groups = append(groups, g)
		}
	}
	return groups
}

// personAffiliation is an organisation on a profile, ready to show.
type personAffiliation struct {
	OrgID, OrgName, Role string
	Verified             bool
}

// personCard is what a page shows of one profile, already reduced to what
// the viewer may see and translated.
type personCard struct {
	ID, Name string
	Types    []string
	// Bio is split into paragraphs of lines, so line breaks survive
	// without any HTML from the person.
	Bio          [][]string
	BioExcerpt   string
	Country      string
	Region       string
	Languages    []string
	Domains      []string
	Affiliations []personAffiliation
	// Visibility labels each field for the person themself, who sees
	// whom each field is shown to; empty for everyone else.
	Visibility map[string]string
	Empty      bool
}

// bioExcerptRunes bounds the bio on directory cards.
const bioExcerptRunes = 220

// personCardOf builds the view of p for viewer. p must not have been
// reduced yet: hiding happens here, by Profile.VisibleTo.
func (s *Server) personCardOf(lang string, p agora.Profile, viewer *agora.User, refs profileRefs) personCard {
	self := viewer != nil && viewer.ID == p.UserID
	p = p.VisibleTo(viewer)
	v := personCard{ID: p.UserID, Name: p.DisplayName, Bio: profileBioParagraphs(p.Bio), BioExcerpt: profileExcerpt(p.Bio, bioExcerptRunes)}
	for _, t := range p.Types {
		v.Types = append(v.Types, s.profileTypeLabel(lang, t))
	}
	if p.Country != "" {
		v.Country = s.profileCountryLabel(lang, p.Country)
		v.Region = refs.regionName[profileRegionValue(p.Country, p.RegionCode)]
	}
	for _, l := range p.Languages {
		v.Languages = append(v.Languages, s.profileLanguageLabel(lang, l))
	}
	for _, d := range p.Domains {
		if n := refs.domainName[d]; n != "" {
			v.Domains = append(v.Domains, n)
		}
	}
	for _, a := range p.Affiliations {
		v.Affiliations = append(v.Affiliations, personAffiliation{OrgID: a.OrgID, OrgName: a.OrgName,
			Role: s.cat.T(lang, i18n.Prefix("profile.role.")+string(a.Role), nil), Verified: a.OrgVerified})
	}
	if self {
		v.Visibility = make(map[string]string, len(agora.ProfileFields()))
		for _, f := range agora.ProfileFields() {
			v.Visibility[f] = s.profileVisibilityLabel(lang, p.Vis(f))
		}
	}
	v.Empty = len(v.Types) == 0 && len(v.Bio) == 0 && v.Country == "" && len(v.Languages) == 0 &&
		len(v.Domains) == 0 && len(v.Affiliations) == 0
	return v
}

// profileBioParagraphs splits plain text at blank lines into paragraphs and
// each paragraph into lines.
func profileBioParagraphs(s string) [][]string {
	s = strings.ReplaceAll(s, "\r\n", "\n")
	var out [][]string
	for _, para := range strings.Split(s, "\n\n") {
		var lines []string
		for _, l := range strings.Split(para, "\n") {
			if l = strings.TrimSpace(l); l != "" {
				lines = append(lines, l)
			}
		}
		if len(lines) > 0 {
			out = append(out, lines)
		}
	}
	return out
}

// profileExcerpt shortens s to at most n runes at a word boundary, with an
// ellipsis when it cut.
func profileExcerpt(s string, n int) string {
	s = strings.Join(strings.Fields(s), " ")
	if utf8.RuneCountInString(s) <= n {
		return s
	}
	t := string([]rune(s)[:n])
	if i := strings.LastIndexByte(t, ' '); i > 0 {
		t = t[:i]
	}
	return strings.TrimRight(t, " ,;.") + "…"
}
