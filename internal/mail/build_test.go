package mail_test

import (
	"strings"
	"testing"

	"golang.org/x/net/html"

	"github.com/agora-civic/agora/internal/mail"
)

func TestBuildText(t *testing.T) {
	t.Parallel()
	m := mail.Build(mail.Body{
		Lang:    "ro",
		To:      "ana@example.ro",
		Subject: "  Răspuns la comentariul dumneavoastră\r\n",
		Paragraphs: []string{
			"Bună ziua,",
			"",
			"Primăria a răspuns.\r\nVedeți detaliile mai jos.  ",
		},
		Action:    &mail.Action{Label: "Citiți răspunsul", URL: "https://agora.example.ro/c/1"},
		Footer:    "Urmăriți această consultare.\nAsociația „Șoimii”",
		MessageID: "x@agora.test",
	})
	want := "Bună ziua,\n" +
		"\n" +
		"Primăria a răspuns.\nVedeți detaliile mai jos.\n" +
		"\n" +
		"Citiți răspunsul\n" +
		"https://agora.example.ro/c/1\n" +
		"\n" +
		"-- \n" +
		"Urmăriți această consultare.\nAsociația „Șoimii”\n"
	if m.Text != want {
		t.Errorf("Text =\n%q\nwant\n%q", m.Text, want)
	}
	if m.Subject != "Răspuns la comentariul dumneavoastră" {
		t.Errorf("Subject = %q", m.Subject)
	}
	if m.To != "ana@example.ro" || m.MessageID != "x@agora.test" || m.Headers["Content-Language"] != "ro" {
		t.Errorf("To %q, MessageID %q, Headers %v", m.To, m.MessageID, m.Headers)
	}
	if err := m.Validate(); err != nil {
		t.Errorf("Validate(Build(...)) = %v", err)
	}
}

func TestBuildTextWithoutActionOrFooter(t *testing.T) {
	t.Parallel()
	m := mail.Build(mail.Body{Lang: "pl", Subject: "Temat", Paragraphs: []string{"Jeden.", "Dwa."}})
	if want := "Jeden.\n\nDwa.\n"; m.Text != want {
		t.Errorf("Text = %q, want %q", m.Text, want)
	}
}

func TestBuildHTML(t *testing.T) {
	t.Parallel()
	url := "https://agora.example.pl/k/1?a=1&b=ż"
	m := mail.Build(mail.Body{
		Lang: "pl", Subject: "Zażółć gęślą jaźń",
		Paragraphs: []string{"Linia 1\nLinia 2", "Akapit 2"},
		Action:     &mail.Action{Label: "Otwórz", URL: url},
		Footer:     "Stopka",
	})
	doc := parseHTML(t, m.HTML)
	checkHTML(t, doc)
	root := find(doc, "html")
	if root == nil || attr(root, "lang") != "pl" {
		t.Errorf("<html lang> = %q, want pl", attr(root, "lang"))
	}
	if got := text(find(doc, "title")); got != "Zażółć gęślą jaźń" {
		t.Errorf("<title> = %q", got)
	}
	ps := findAll(doc, "p")
	if len(ps) != 5 {
		t.Fatalf("%d <p>, want 2 paragraphs + button + link + footer", len(ps))
	}
	if got := text(ps[0]); got != "Linia 1Linia 2" || len(findAll(ps[0], "br")) != 1 {
		t.Errorf("first paragraph = %q with %d <br>, want the two lines split by one <br>", got, len(findAll(ps[0], "br")))
	}
	links := findAll(doc, "a")
	// html/template percent-encodes what is not ASCII in a URL attribute.
	href := "https://agora.example.pl/k/1?a=1&b=%c5%bc"
	if len(links) != 2 || text(links[0]) != "Otwórz" || attr(links[0], "href") != href ||
		attr(links[1], "href") != href || text(links[1]) != url {
		t.Errorf("links = %d, first %q -> %q", len(links), text(links[0]), attr(links[0], "href"))
	}
	if text(ps[4]) != "Stopka" || find(doc, "hr") == nil {
		t.Errorf("footer = %q", text(ps[4]))
	}
	if strings.Contains(m.HTML, "http://") || strings.Contains(strings.ToLower(m.HTML), "<img") {
		t.Errorf("HTML refers to remote resources:\n%s", m.HTML)
	}
}

func TestBuildBadLang(t *testing.T) {
	t.Parallel()
	for _, lang := range []string{"", "ro\" onload=\"x", "x", "ro_RO", "toolonglanguage"} {
		m := mail.Build(mail.Body{Lang: lang, Subject: "s", Paragraphs: []string{"p"}})
		if got := attr(find(parseHTML(t, m.HTML), "html"), "lang"); got != "" || m.Headers["Content-Language"] != "" {
			t.Errorf("Build(Lang %q): lang=%q, Content-Language %q, want both empty", lang, got, m.Headers["Content-Language"])
		}
	}
}

// TestBuildEscapesPayloads puts every bad-input string in every field of
// the body: the HTML part must show it as text, never as markup.
func TestBuildEscapesPayloads(t *testing.T) {
	t.Parallel()
	groups := payloads(t)
	for _, p := range allPayloads(t) {
		m := mail.Build(mail.Body{
			Lang: p, To: "ana@example.ro", Subject: p,
			Paragraphs: []string{p, "ok " + p},
			Action:     &mail.Action{Label: p, URL: p},
			Footer:     p,
		})
		if strings.ContainsAny(p, `<>"'&`) && strings.Contains(m.HTML, p) {
			t.Errorf("payload %q appears unescaped in the HTML part", p)
		}
		if strings.Contains(strings.ToLower(m.HTML), "<script") {
			t.Errorf("payload %q produced a <script> tag", p)
		}
		checkHTML(t, parseHTML(t, m.HTML))
		if strings.ContainsAny(m.Subject, "\r\n") {
			t.Errorf("Build left a line break in subject %q", m.Subject)
		}
	}
	// The XSS strings have no line breaks or control characters, so they
	// must come back character for character as the paragraph's text.
	for _, p := range groups["xss"] {
		m := mail.Build(mail.Body{Subject: "s", Paragraphs: []string{p}})
		if got := text(find(parseHTML(t, m.HTML), "p")); got != p {
			t.Errorf("paragraph text = %q, want %q", got, p)
		}
	}
}

func FuzzBuild(f *testing.F) {
	for _, p := range allPayloads(f) {
		f.Add(p, p, p, p, p, "ro")
	}
	f.Add("Consultare publică", "Bună ziua,\nȘtiri", "Citiți", "https://agora.example.ro/x?a=ț", "Subsol", "ro")
	f.Add("Zażółć", "Dzień dobry", "Otwórz", "mailto:a@example.pl", "", "pl")
	f.Fuzz(func(t *testing.T, subject, para, label, url, footer, lang string) {
		m := mail.Build(mail.Body{
			Lang: lang, To: "ana@example.ro", Subject: subject, Paragraphs: []string{para},
			Action: &mail.Action{Label: label, URL: url}, Footer: footer,
		})
		if strings.ContainsAny(m.Subject, "\r\n\x00") {
			t.Errorf("subject %q keeps a control character", m.Subject)
		}
		checkHTML(t, parseHTML(t, m.HTML))
	})
}

// allowedElements is everything the layout may produce; anything else
// came from input.
var allowedElements = map[string]bool{
	"html": true, "head": true, "meta": true, "title": true, "body": true,
	"div": true, "p": true, "br": true, "a": true, "hr": true,
}

var allowedAttrs = map[string]bool{
	"lang": true, "charset": true, "name": true, "content": true, "style": true,
	"role": true, "aria-roledescription": true, "aria-label": true, "href": true,
}

// checkHTML fails when doc has an element or attribute the layout does not
// write, or a link with a scheme other than http, https or mailto.
// html/template writes "#ZgotmplZ" for a URL it refuses.
func checkHTML(t *testing.T, doc *html.Node) {
	t.Helper()
	for n := range doc.Descendants() {
		if n.Type != html.ElementNode {
			continue
		}
		if !allowedElements[n.Data] {
			t.Errorf("unexpected <%s> element", n.Data)
		}
		for _, a := range n.Attr {
			if !allowedAttrs[a.Key] {
				t.Errorf("unexpected attribute %s=%q on <%s>", a.Key, a.Val, n.Data)
			}
			if a.Key == "href" {
				if scheme := urlScheme(a.Val); scheme != "" && scheme != "http" && scheme != "https" && scheme != "mailto" {
					t.Errorf("href %q has unsafe scheme %q", a.Val, scheme)
				}
			}
		}
	}
}

// urlScheme returns the lower-cased scheme of a URL as a browser would
// read it, "" for a relative one.
func urlScheme(u string) string {
	u = strings.Map(func(r rune) rune {
		if r == '\t' || r == '\n' || r == '\r' { // browsers drop these
			return -1
		}
		return r
	}, strings.TrimSpace(u))
	i := strings.IndexByte(u, ':')
	if i < 0 || strings.ContainsAny(u[:i], "/?#") {
		return ""
	}
	return strings.ToLower(u[:i])
}

func parseHTML(t *testing.T, s string) *html.Node {
	t.Helper()
	doc, err := html.Parse(strings.NewReader(s))
	if err != nil {
		t.Fatalf("HTML part does not parse: %v", err)
	}
	return doc
}

func find(n *html.Node, tag string) *html.Node {
	if all := findAll(n, tag); len(all) > 0 {
		return all[0]
	}
	return nil
}

func findAll(n *html.Node, tag string) []*html.Node {
	var out []*html.Node
	for d := range n.Descendants() {
		if d.Type == html.ElementNode && d.Data == tag {
			out = append(out, d)
		}
	}
	return out
}

func attr(n *html.Node, key string) string {
	if n == nil {
		return ""
	}
	for _, a := range n.Attr {
		if a.Key == key {
			return a.Val
		}
	}
	return ""
}

func text(n *html.Node) string {
	if n == nil {
		return ""
	}
	var b strings.Builder
	for d := range n.Descendants() {
		if d.Type == html.TextNode {
			b.WriteString(d.Data)
		}
	}
	return b.String()
}
