package redline

import (
	"html/template"
	"strings"
)

// HTML renders a redline: deleted text in <del>, inserted text in <ins>,
// everything escaped (the text is user input). Browsers strike through and
// underline these by default, so the change is visible without colour, but
// most screen readers announce neither; pages should prefer HTMLWithLabels.
func HTML(segs []Segment) template.HTML {
	return render(segs, "", "")
}

// HTMLWithLabels renders like HTML and starts each deletion and insertion
// with its label (already translated by the caller, e.g. "șters:" and
// "adăugat:") in a visually hidden span, so screen readers say what the
// strike-through shows (WCAG 1.4.1: colour is not the only carrier of
// meaning). The span uses the site's "visually-hidden" class.
func HTMLWithLabels(segs []Segment, delLabel, insLabel string) template.HTML {
	return render(segs, delLabel, insLabel)
}

func render(segs []Segment, delLabel, insLabel string) template.HTML {
	var b strings.Builder
	n := 0
	for _, s := range segs {
		n += len(s.Text) + 16
	}
	b.Grow(n)
	for _, s := range segs {
		switch s.Op {
		case Equal:
			b.WriteString(template.HTMLEscapeString(s.Text))
		case Delete:
			wrap(&b, "del", delLabel, s.Text)
		case Insert:
			wrap(&b, "ins", insLabel, s.Text)
		}
	}
	return template.HTML(b.String())
}

func wrap(b *strings.Builder, tag, label, text string) {
	b.WriteString("<" + tag + ">")
	if label != "" {
		b.WriteString(`<span class="visually-hidden">`)
		b.WriteString(template.HTMLEscapeString(label))
		b.WriteString(" </span>")
	}
	b.WriteString(template.HTMLEscapeString(text))
	b.WriteString("</" + tag + ">")
}
