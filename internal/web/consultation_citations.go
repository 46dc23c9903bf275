package web

import (
	"context"
	"strings"

	"github.com/agora-civic/agora/internal/cite"
)

// citationsAsMarkdown turns the citations of acts in the database into
// Markdown links before a comment is rendered, so that the Markdown
// renderer and its sanitiser stay the only path from comment text to
// HTML. Text that cannot be resolved, or that sits inside a link or code
// already, stays as written.
func (s *Server) citationsAsMarkdown(ctx context.Context, text string) string {
	cits := cite.Find(text)
	if len(cits) == 0 || strings.ContainsAny(text, "`[]") {
		return text
	}
	ts, err := s.store.ResolveCitations(ctx, cits, "")
	if err != nil {
		s.log.Warn("resolve citations", "err", err)
		return text
	}
	var b strings.Builder
	for _, seg := range cite.Split(text, cits) {
		if seg.Citation == nil {
			b.WriteString(seg.Text)
			continue
		}
		t := ts[indexOf(cits, seg.Citation)]
		if !t.Resolved() {
			b.WriteString(seg.Text)
			continue
		}
		// Absolute: the sanitiser of user Markdown admits no relative URLs.
		href := strings.TrimSuffix(s.cfg.BaseURL, "/") + "/laws/" + t.ActID
		if t.UnitKey != "" {
			href += "#" + t.UnitKey
		}
		b.WriteString("[" + seg.Text + "](" + href + ")")
	}
	return b.String()
}

func indexOf(cits []cite.Citation, c *cite.Citation) int {
	for i := range cits {
		if &cits[i] == c {
			return i
		}
	}
	return 0
}
