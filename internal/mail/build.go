package mail

import (
	"bytes"
	"embed"
	"html/template"
	"regexp"
	"strings"
)

//go:embed templates/layout.html
var templateFS embed.FS

// layout is parsed once and never changed; Build panics on a broken
// layout only if this template itself is wrong, which build_test catches.
var layout = template.Must(template.ParseFS(templateFS, "templates/layout.html"))

// langRe accepts the BCP 47 shapes agora uses ("ro", "pl", "en-GB").
var langRe = regexp.MustCompile(`^[A-Za-z]{2,3}(-[A-Za-z0-9]{2,8})*$`)

// Action is the one call to action of a message, shown as a button.
type Action struct {
	Label string
	URL   string // absolute http(s) URL; html/template neutralises others
}

// Body is an already-translated email for Build.
type Body struct {
	Lang       string // BCP 47 tag for the lang attribute and Content-Language
	To         string
	Subject    string
	Paragraphs []string // plain text; a newline inside one is a line break
	Action     *Action  // optional
	Footer     string   // optional: why the reader gets this, how to stop it
	MessageID  string
}

// Build lays b out as a Message with a plain text part and an HTML
// alternative. Every string of b is text, never markup: the HTML part
// escapes it all. Line breaks in the subject become spaces, since they
// would end the header; To is left alone for Send to refuse.
//
// The text part is the paragraphs separated by blank lines, then the
// action label with its URL on a line of its own (so every client makes it
// clickable), then the footer after a "-- " signature line, which mail
// clients recognise and dim.
func Build(b Body) Message {
	paras := make([][]string, 0, len(b.Paragraphs))
	var text strings.Builder
	for _, p := range b.Paragraphs {
		lines := splitLines(p)
		if len(lines) == 0 {
			continue
		}
		paras = append(paras, lines)
		if text.Len() > 0 {
			text.WriteString("\n")
		}
		text.WriteString(strings.Join(lines, "\n") + "\n")
	}
	if a := b.Action; a != nil {
		if text.Len() > 0 {
			text.WriteString("\n")
		}
		if label := oneLine(a.Label); label != "" {
			text.WriteString(label + "\n")
		}
		text.WriteString(oneLine(a.URL) + "\n")
	}
	footer := splitLines(b.Footer)
	if len(footer) > 0 {
		text.WriteString("\n-- \n" + strings.Join(footer, "\n") + "\n")
	}

	subject := oneLine(b.Subject)
	lang := ""
	if langRe.MatchString(b.Lang) {
		lang = b.Lang
	}
	var html bytes.Buffer
	err := layout.Execute(&html, struct {
		Lang, Subject string
		Paragraphs    [][]string
		Action        *Action
		Footer        []string
	}{lang, subject, paras, b.Action, footer})
	if err != nil {
		// Only string data reaches a template checked by tests.
		panic("mail: layout: " + err.Error())
	}

	// Headers is never nil so callers can add List-Unsubscribe directly.
	m := Message{To: b.To, Subject: subject, Text: text.String(), HTML: html.String(),
		Headers: map[string]string{}, MessageID: b.MessageID}
	if lang != "" {
		m.Headers["Content-Language"] = lang
	}
	return m
}

// splitLines replaces invalid UTF-8, normalises CRLF and lone CR, trims trailing blanks and drops
// leading and trailing empty lines.
func splitLines(s string) []string {
	s = strings.ToValidUTF8(s, "\uFFFD")
	s = strings.ReplaceAll(s, "\r\n", "\n")
	s = strings.ReplaceAll(s, "\r", "\n")
	lines := strings.Split(s, "\n")
	for i, l := range lines {
		lines[i] = strings.TrimRight(l, " \t")
	}
	for len(lines) > 0 && lines[0] == "" {
		lines = lines[1:]
	}
	for len(lines) > 0 && lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	return lines
}

// oneLine turns every run of control characters (CR and LF above all)
// into one space, for header values and single-line text.
func oneLine(s string) string {
	var b strings.Builder
	space := false
	for _, r := range strings.ToValidUTF8(s, "\uFFFD") {
		if r < 0x20 || r == 0x7f {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return strings.TrimSpace(b.String())
}
