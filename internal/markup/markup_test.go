package markup

import (
	"encoding/json"
	"fmt"
	"net/url"
	"os"
	"slices"
	"strings"
	"testing"
	"unicode/utf8"

	"golang.org/x/net/html"
)

func TestRender(t *testing.T) {
	t.Parallel()
	const rel = ` rel="nofollow ugc noopener"`
	for _, tt := range []struct{ md, want string }{
		{"", ""},
		{"# Despre noi", "<h3>Despre noi</h3>\n"},
		{"##### Adânc", "<h6>Adânc</h6>\n"},
		{"**Natura** și _apa_ ~~nu~~", "<p><strong>Natura</strong> și <em>apa</em> <del>nu</del></p>\n"},
		{"[site](https://apn.ro/despre?a=1&b=2)", `<p><a href="https://apn.ro/despre?a=1&amp;b=2"` + rel + ">site</a></p>\n"},
		{"Scrieți la <ana@apn.ro>", `<p>Scrieți la <a href="mailto:ana@apn.ro"` + rel + ">ana@apn.ro</a></p>\n"},
		{"Vezi https://apn.ro.", `<p>Vezi <a href="https://apn.ro"` + rel + ">https://apn.ro</a>.</p>\n"},
		{"[relativ](/orgs)", "<p>relativ</p>\n"},
		{"[fără schemă](www.apn.ro)", "<p>fără schemă</p>\n"},
		{"![sigla noastră](https://tracker.example/x.png)", "<p>sigla noastră</p>\n"},
		{"![*alt* <b>x</b>](x.png \"t\")", "<p><em>alt</em> x</p>\n"},
		{"<b>brut</b> & <i>html</i>", "<p>brut &amp; html</p>\n"},
		{"[clic](javascript:alert(1))", "<p>clic</p>\n"},
		{"[clic](JaVaScRiPt:alert(1))", "<p>clic</p>\n"},
		{"[clic](data:text/html;base64,PHNjcmlwdD4=)", "<p>clic</p>\n"},
		{"[clic](vbscript:msgbox)", "<p>clic</p>\n"},
		{"- unu\n- doi", "<ul>\n<li>unu</li>\n<li>doi</li>\n</ul>\n"},
		{"3. trei\n4. patru", "<ol start=\"3\">\n<li>trei</li>\n<li>patru</li>\n</ol>\n"},
		{"```go\nx := 1 < 2\n```", "<pre><code class=\"language-go\">x := 1 &lt; 2\n</code></pre>\n"},
		{"```\" onmouseover=\"x\n1\n```", "<pre><code>1\n</code></pre>\n"},
		{"| a | b |\n|:-|-:|\n| 1 | 2 |", "<table>\n<thead>\n<tr>\n<th align=\"left\">a</th>\n<th align=\"right\">b</th>\n</tr>\n</thead>\n<tbody>\n<tr>\n<td align=\"left\">1</td>\n<td align=\"right\">2</td>\n</tr>\n</tbody>\n</table>\n"},
		{"> citat", "<blockquote>\n<p>citat</p>\n</blockquote>\n"},
	} {
		if got := string(Render(tt.md)); got != tt.want {
			t.Errorf("Render(%q) =\n%q\nwant\n%q", tt.md, got, tt.want)
		}
	}
}

func TestRenderCapsInput(t *testing.T) {
	t.Parallel()
	out := string(Render(strings.Repeat("a", MaxInput+100)))
	if n := strings.Count(out, "a"); n != MaxInput {
		t.Errorf("rendered %d letters, want %d", n, MaxInput)
	}
}

// allowed lists the elements and attributes Render may emit.
var allowed = map[string][]string{
	"p": nil, "br": nil, "hr": nil, "h3": nil, "h4": nil, "h5": nil, "h6": nil, "blockquote": nil,
	"pre": nil, "code": {"class"}, "em": nil, "strong": nil, "del": nil, "ul": nil, "ol": {"start"},
	"li": nil, "table": nil, "thead": nil, "tbody": nil, "tr": nil, "th": {"align"}, "td": {"align"},
	"a": {"href", "rel"},
}

// checkInert parses out and fails on any element or attribute outside
// the allow-list, any link that is not http(s) or mailto or lacks the
// rel, and any markup that does not survive a parse and re-render
// unchanged in structure.
func checkInert(t *testing.T, in, out string) {
	t.Helper()
	lower := strings.ToLower(out)
	for _, bad := range []string{"<script", "<img", "<svg", "<iframe", "<style", "<form", "<input", "<meta", "<base",
		"<details", "<body", "<math", "<noscript", "<textarea", "<title", "<object", "<embed", "<link"} {
		if strings.Contains(lower, bad) {
			t.Fatalf("Render(%q) contains %s: %q", in, bad, out)
		}
	}
	z := html.NewTokenizer(strings.NewReader(out))
	for {
		tt := z.Next()
		switch tt {
		case html.ErrorToken:
			return
		case html.CommentToken, html.DoctypeToken:
			t.Fatalf("Render(%q) emits %v: %q", in, tt, out)
		case html.StartTagToken, html.SelfClosingTagToken:
			tok := z.Token()
			attrs, ok := allowed[tok.Data]
			if !ok {
				t.Fatalf("Render(%q) emits <%s>: %q", in, tok.Data, out)
			}
			hasRel := false
			for _, a := range tok.Attr {
				if !slices.Contains(attrs, a.Key) {
					t.Fatalf("Render(%q) emits %s=%q on <%s>", in, a.Key, a.Val, tok.Data)
				}
				switch a.Key {
				case "href":
					u, err := url.Parse(a.Val)
					if err != nil || (u.Scheme != "http" && u.Scheme != "https" && u.Scheme != "mailto" && u.Scheme != "") {
						t.Fatalf("Render(%q) links to %q", in, a.Val)
					}
				case "rel":
					hasRel = a.Val == LinkRel
				}
			}
			if tok.Data == "a" && !hasRel {
				t.Fatalf("Render(%q) emits a link without rel=%q: %q", in, LinkRel, out)
			}
		}
	}
}

// payloads reads every string of the shared bad-input file.
func payloads(t testing.TB) []string {
	t.Helper()
	b, err := os.ReadFile("../../../shared/data/bad-input/payloads.json")
	if err != nil {
		t.Fatalf("shared data missing: %v", err)
	}
	var groups map[string][]string
	if err := json.Unmarshal(b, &groups); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, g := range groups {
		out = append(out, g...)
	}
	if len(out) < 90 {
		t.Fatalf("only %d payloads", len(out))
	}
	return out
}

func TestRenderPayloadsAreInert(t *testing.T) {
	t.Parallel()
	for _, p := range payloads(t) {
		for _, md := range []string{p, "text " + p + " text", "[" + p + "](" + p + ")", "<" + p + ">", "# " + p,
			"- " + p, "`" + p + "`", "![" + p + "](" + p + ")", fmt.Sprintf("[a](https://ok.ro/%s)", p)} {
			out := string(Render(md))
			checkInert(t, md, out)
			if !utf8.ValidString(out) {
				t.Errorf("Render(%q) is not UTF-8", md)
			}
		}
	}
	// The invalid UTF-8 sample must not panic or leak invalid bytes.
	if b, err := os.ReadFile("../../../shared/data/bad-input/invalid-utf8.bin"); err == nil {
		checkInert(t, string(b), string(Render(string(b))))
	}
}

func FuzzRender(f *testing.F) {
	for _, p := range payloads(f) {
		f.Add(p)
	}
	for _, s := range []string{"# T\n\n**b** _i_ [l](https://a.ro) ![i](x.png)", "| a |\n|-|\n| 1 |", "```js\nx\n```",
		"<https://a.ro>", "1. a\n2. b", "> q\n>> qq", "[a]: javascript:x\n\n[a]"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, md string) {
		checkInert(t, md, string(Render(md)))
	})
}
