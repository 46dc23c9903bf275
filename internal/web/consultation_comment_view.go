package web

import (
	"context"
	"html/template"
	"time"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/auth"
	"github.com/agora-civic/agora/internal/markup"
	"github.com/agora-civic/agora/internal/redline"
	"github.com/agora-civic/agora/internal/store"
)

// commentView is one comment as the pages show it. A hidden comment
// keeps only its moderation note: Body, Quote, Amendment and files are
// emptied before it reaches a template, so no page can leak them.
type commentView struct {
	C           agora.Comment
	BodyHTML    template.HTML
	Redline     template.HTML
	SourceLabel string
	Offline     bool
	Files       []store.ConsultationFile
	Supported   bool
	CanSupport  bool
	CanEdit     bool
	CanReport   bool
	CanModerate bool
}

// commentViewOf prepares c for viewer a; original is the unit text the
// comment was made on (the base of its amendment's redline).
func (s *Server) commentViewOf(ctx context.Context, lang string, cc consultationCtx, c agora.Comment, original string, files []store.ConsultationFile, supported bool, now time.Time) commentView {
	v := commentView{C: c, SourceLabel: s.sourceLabel(lang, c.Source), Offline: c.Source != agora.SourceOnline, Supported: supported}
	a := cc.Actor
	v.CanModerate = a.User.IsModerator()
	if c.Hidden {
		v.C.Body, v.C.Quote, v.C.Amendment = "", "", ""
		return v
	}
	v.BodyHTML = markup.Render(s.citationsAsMarkdown(ctx, c.Body))
	if c.Amendment != "" {
		base := original
		if c.Quote != "" {
			base = c.Quote
		}
		v.Redline = redline.HTMLWithLabels(redline.Diff(base, c.Amendment),
			s.cat.T(lang, "consultation_comment.redline.deleted", nil), s.cat.T(lang, "consultation_comment.redline.inserted", nil))
	}
	v.Files = files
	signed := auth.Allow(a, auth.CommentDraft, auth.Resource{}) == nil
	own := a.User != nil && c.AuthorID == a.User.ID
	v.CanSupport = signed && !own && cc.C.State != agora.ConsultationDraft
	v.CanReport = signed && !own
	v.CanEdit = own && !v.Offline && cc.C.AcceptsComments(now) &&
		auth.Allow(a, auth.EditOwnComment, auth.Resource{OwnerID: c.AuthorID}) == nil
	return v
}
