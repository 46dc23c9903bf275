// Package markup turns the Markdown people write (organisation
// descriptions, later comments and proposals) into HTML that is safe to
// put in a page: goldmark renders it without raw HTML, then a bluemonday
// allow-list keeps only text formatting, lists, tables, code and links.
package markup

import (
	"bytes"
	"html/template"
	"net/url"
	"regexp"
	"strings"

	"github.com/microcosm-cc/bluemonday"
	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/parser"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"
)

// LinkRel is the rel of every link in rendered text: search engines get
// no endorsement from user content (nofollow ugc) and the opened page no
// handle on ours (noopener).
const LinkRel = "nofollow ugc noopener"

// MaxInput bounds the Markdown Render reads; longer text is cut. Field
// validation keeps real input far below it; this only caps the work a
// hostile caller can cause.
const MaxInput = 256 << 10

// renderer is built once and never changed: goldmark.Markdown and a
// configured bluemonday.Policy are safe for concurrent use, and building
// them per call would cost more than most renders.
var renderer = newRenderer()

type markupRenderer struct {
	md     goldmark.Markdown
	policy *bluemonday.Policy
}

func newRenderer() markupRenderer {
	md := goldmark.New(
		goldmark.WithExtensions(extension.Strikethrough, extension.Linkify,
			// The align attribute, not style="", which the policy drops.
			extension.NewTable(extension.WithTableCellAlignMethod(extension.TableCellAlignAttribute))),
		goldmark.WithParserOptions(parser.WithASTTransformers(util.Prioritized(transformer{}, 100))),
		// No html.WithUnsafe: raw HTML becomes a comment and
		// javascript:, vbscript:, file: and data: links lose their URL.
	)
	return markupRenderer{md: md, policy: newPolicy()}
}

// newPolicy allows what goldmark emits for text, and nothing that loads
// or runs anything: no images (a remote image tracks its readers), no
// iframes, forms, styles or event handlers; links only to http, https
// and mailto.
func newPolicy() *bluemonday.Policy {
	p := bluemonday.NewPolicy()
	p.AllowElements("p", "br", "hr", "h3", "h4", "h5", "h6", "blockquote", "pre", "code",
		"em", "strong", "del", "ul", "ol", "li", "table", "thead", "tbody", "tr")
	p.AllowAttrs("start").Matching(regexp.MustCompile(`^[0-9]{1,6}$`)).OnElements("ol")
	p.AllowAttrs("align").Matching(regexp.MustCompile(`^(left|right|center)$`)).OnElements("th", "td")
	p.AllowElements("th", "td")
	p.AllowAttrs("class").Matching(regexp.MustCompile(`^language-[A-Za-z0-9+#_-]{1,30}$`)).OnElements("code")
	p.AllowAttrs("href").OnElements("a")
	p.AllowAttrs("rel").Matching(regexp.MustCompile(`^` + LinkRel + `$`)).OnElements("a")
	p.AllowURLSchemes("http", "https", "mailto")
	p.RequireParseableURLs(true)
	// Adds rel="nofollow" only to a link that somehow lacks our rel.
	p.RequireNoFollowOnLinks(true)
	return p
}

// Render returns the Markdown md as sanitised HTML. Headings are shifted
// down two levels (# becomes h3), so a description never competes with
// the page's own h1 and h2; images become their alternative text; every
// link gets rel="nofollow ugc noopener".
func Render(md string) template.HTML {
	if len(md) > MaxInput {
		md = md[:MaxInput]
	}
	var buf bytes.Buffer
	if err := renderer.md.Convert([]byte(md), &buf); err != nil {
		// goldmark only fails when the writer does; a bytes.Buffer does
		// not. Show the text escaped rather than nothing.
		return template.HTML(template.HTMLEscapeString(md))
	}
	return template.HTML(renderer.policy.SanitizeBytes(buf.Bytes()))
}

// transformer rewrites the parsed document before rendering.
type transformer struct{}

func (transformer) Transform(doc *ast.Document, _ text.Reader, _ parser.Context) {
	var unwrap []ast.Node
	_ = ast.Walk(doc, func(n ast.Node, entering bool) (ast.WalkStatus, error) {
		if !entering {
			return ast.WalkContinue, nil
		}
		switch n := n.(type) {
		case *ast.Heading:
			n.Level = min(n.Level+2, 6)
		case *ast.Link:
			if !safeURL(string(n.Destination)) {
				unwrap = append(unwrap, n)
			}
			n.SetAttributeString("rel", []byte(LinkRel))
		case *ast.AutoLink:
			n.SetAttributeString("rel", []byte(LinkRel))
		case *ast.Image:
			unwrap = append(unwrap, n)
		}
		return ast.WalkContinue, nil
	})
	// Replaced after the walk, which must not see the tree change under
	// it: an image's or a bad link's children (alternative or link text)
	// take its place and render escaped like any other text.
	for _, n := range unwrap {
		parent := n.Parent()
		if parent == nil {
			continue
		}
		for c := n.FirstChild(); c != nil; {
			next := c.NextSibling()
			parent.InsertBefore(parent, n, c)
			c = next
		}
		parent.RemoveChild(parent, n)
	}
}

// safeURL accepts absolute http, https and mailto links. Anything else
// (javascript:, data:, file:, app schemes, and relative links, which
// would point into agora itself) becomes plain text rather than an
// anchor that goes nowhere.
func safeURL(dest string) bool {
	u, err := url.Parse(strings.TrimSpace(dest))
	if err != nil {
		return false
	}
	switch strings.ToLower(u.Scheme) {
	case "http", "https", "mailto":
		return u.Host != "" || u.Opaque != ""
	}
	return false
}
