package web

import (
	"context"
	"html/template"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/cite"
	"github.com/agora-civic/agora/internal/i18n"
	"github.com/agora-civic/agora/internal/store"
)

// lawUnitView is one unit of an act as the pages show it: its label in
// the act's own language, its text with citations as links, and the
// heading level that keeps the page's outline in order.
type lawUnitView struct {
	agora.Unit
	Label string
	HTML  template.HTML
	// Level is the heading level of a structural unit or an article
	// (2…6); 0 for the text units inside an article.
	Level     int
	Article   bool
	Permalink string
}

// citedUnits is the text of units with their citations resolved.
type citedUnits struct {
	cits    [][]cite.Citation
	targets [][]store.CitationTarget
}

// resolveUnitCitations finds the citations of every unit and resolves
// them in one store call.
func (s *Server) resolveUnitCitations(ctx context.Context, units []agora.Unit, selfActID string) (citedUnits, error) {
	cu := citedUnits{cits: make([][]cite.Citation, len(units)), targets: make([][]store.CitationTarget, len(units))}
	var all []cite.Citation
	for i, u := range units {
		cu.cits[i] = cite.Find(u.Text)
		all = append(all, cu.cits[i]...)
	}
	ts, err := s.store.ResolveCitations(ctx, all, selfActID)
	if err != nil {
		return cu, err
	}
	for i := range units {
		cu.targets[i], ts = ts[:len(cu.cits[i])], ts[len(cu.cits[i]):]
	}
	return cu, nil
}

// citedHTML escapes text and turns each resolved citation into a link to
// the act page and the cited unit's anchor; unresolved or ambiguous
// citations stay plain text.
func citedHTML(text string, cits []cite.Citation, targets []store.CitationTarget) template.HTML {
	at := make(map[int]int, len(cits))
	for i, c := range cits {
		at[c.Start] = i
	}
	var b strings.Builder
	for _, seg := range cite.Split(text, cits) {
		if seg.Citation == nil {
			b.WriteString(template.HTMLEscapeString(seg.Text))
			continue
		}
		t := targets[at[seg.Citation.Start]]
		if !t.Resolved() {
			b.WriteString(template.HTMLEscapeString(seg.Text))
			continue
		}
		href := "/laws/" + t.ActID
		if t.UnitKey != "" {
			href += "#" + t.UnitKey
		}
		b.WriteString(`<a class="cite" href="`)
		b.WriteString(template.HTMLEscapeString(href))
		b.WriteString(`">`)
		b.WriteString(template.HTMLEscapeString(seg.Text))
		b.WriteString(`</a>`)
	}
	return template.HTML(b.String())
}

// linkCitations returns text escaped, with the citations of acts in the
// database as links; relative ones ("art. 5 ust. 2") link into act
// selfActID when it is set. Consultation drafts and comments call it with
// selfActID "". A failure to resolve leaves the text plain (and logged):
// a missing link must not break the page.
func (s *Server) linkCitations(ctx context.Context, text string, selfActID string) template.HTML {
	cits := cite.Find(text)
	if len(cits) == 0 {
		return template.HTML(template.HTMLEscapeString(text))
	}
	ts, err := s.store.ResolveCitations(ctx, cits, selfActID)
	if err != nil {
		s.log.Warn("resolve citations", "err", err)
		return template.HTML(template.HTMLEscapeString(text))
	}
	return citedHTML(text, cits, ts)
}

// lawStructural reports whether a unit kind groups articles.
func lawStructural(k agora.UnitKind) bool {
	switch k {
	case agora.UnitBook, agora.UnitTitle, agora.UnitChapter, agora.UnitSection, agora.UnitAnnex, agora.UnitPreamble:
		return true
	}
	return false
}

// lawUnitLabel is the caption of a structural unit or an article in the
// act's own language ("Capitolul I", "Art. 5", "Rozdział 2"); the text
// units inside an article show their number as printed.
func (s *Server) lawUnitLabel(actLang string, u agora.Unit) string {
	if u.Kind != agora.UnitArticle && !lawStructural(u.Kind) {
		return u.Number
	}
	return s.cat.T(actLang, i18n.Prefix("lawweb.label.")+string(u.Kind), map[string]any{"n": u.Number})
}

// actLang is the language the act is written in.
func actLang(a agora.Act) string { return strings.ToLower(string(a.Jurisdiction)) }

// lawUnitViews prepares units for display. Headings nest by depth from
// level 2 (the act title is the page's h1), so an outline never skips a
// level.
func (s *Server) lawUnitViews(ctx context.Context, a agora.Act, units []agora.Unit) ([]lawUnitView, error) {
	cu, err := s.resolveUnitCitations(ctx, units, a.ID)
	if err != nil {
		return nil, err
	}
	lang := actLang(a)
	out := make([]lawUnitView, len(units))
	for i, u := range units {
		v := lawUnitView{Unit: u, Label: s.lawUnitLabel(lang, u), HTML: citedHTML(u.Text, cu.cits[i], cu.targets[i])}
		if u.Kind == agora.UnitArticle || lawStructural(u.Kind) {
			v.Level = min(2+u.Depth, 6)
		}
		if u.Kind == agora.UnitArticle {
			v.Article = true
			v.Permalink = "/laws/" + a.ID + "/articles/" + u.Key
		}
		out[i] = v
	}
	return out, nil
}

// lawUnitsHTML renders units as the act and article pages show them: an
// element per unit whose id is the unit key (the anchor citations and
// search results link to), headings for structure and articles, and a
// permanent link per article in the interface language uiLang.
func (s *Server) lawUnitsHTML(uiLang string, views []lawUnitView) template.HTML {
	var b strings.Builder
	esc := template.HTMLEscapeString
	for _, u := range views {
		b.WriteString(`<div class="law-unit law-` + esc(string(u.Kind)) + `" id="` + esc(u.Key) + `">`)
		if u.Level > 0 {
			h := "h" + itoa(u.Level)
			b.WriteString("<" + h + `><span class="law-label">` + esc(u.Label) + `</span>`)
			if u.Heading != "" {
				b.WriteString(` <span class="law-heading">` + esc(u.Heading) + `</span>`)
			}
			b.WriteString("</" + h + ">")
			if u.Permalink != "" {
				b.WriteString(`<a class="law-permalink" lang="` + esc(uiLang) + `" href="` + esc(u.Permalink) + `">` +
					esc(s.cat.T(uiLang, "lawweb.act.permalink", map[string]any{"label": u.Label})) + `</a>`)
			}
			if u.Text != "" {
				b.WriteString(`<p class="law-body">` + string(u.HTML) + `</p>`)
			}
		} else {
			b.WriteString(`<p class="law-body">`)
			if u.Number != "" {
				b.WriteString(`<span class="law-num">` + esc(u.Number) + `</span> `)
			}
			if u.Heading != "" {
				b.WriteString(`<span class="law-heading">` + esc(u.Heading) + `</span> `)
			}
			b.WriteString(string(u.HTML) + `</p>`)
		}
		b.WriteString("</div>\n")
	}
	return template.HTML(b.String())
}
