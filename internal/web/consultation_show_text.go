package web

import (
	"html/template"
	"net/url"
	"strconv"
	"strings"
)

// draftHTML writes the draft text of the consultation page. It is built
// here rather than in the template because it is most of the page's
// cost: 300 units through html/template took most of a rendering, and
// the rendering is repeated after every batch of comments. Every value
// is escaped: unit keys and labels come from imported drafts.
func draftHTML(id string, units []unitView) template.HTML {
	var b strings.Builder
	b.Grow(len(units) * 420)
	esc := template.HTMLEscapeString
	base := "/consultations/" + url.PathEscape(id) + "/units/"
	for _, u := range units {
		key := esc(u.Key)
		href := esc(base + url.PathEscape(u.Key))
		b.WriteString(`<div class="unit depth-`)
		b.WriteString(strconv.Itoa(u.Depth))
		b.WriteString(`" id="`)
		b.WriteString(key)
		b.WriteString(`">`)
		label := esc(u.Label)
		if u.Heading != "" {
			label += " — " + esc(u.Heading)
		}
		if u.Level > 0 {
			h := "h" + strconv.Itoa(min(max(u.Level, 3), 6))
			b.WriteString("<" + h + ">" + label + "</" + h + ">")
		} else {
			b.WriteString(`<span class="unit-label">` + label + `</span>`)
		}
		if u.Text != "" {
			b.WriteString(`<p class="unit-text">`)
			b.WriteString(esc(u.Text))
			b.WriteString(`</p><p class="unit-actions"><a class="comment-link" href="`)
			b.WriteString(href)
			b.WriteString(`#comment-form">`)
			b.WriteString(esc(u.LinkText))
			b.WriteString(`</a> <a class="muted" href="`)
			b.WriteString(href)
			b.WriteString(`">`)
			b.WriteString(esc(u.CountText))
			b.WriteString(`</a></p>`)
		}
		b.WriteString("</div>\n")
	}
	return template.HTML(b.String())
}
