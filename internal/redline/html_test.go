package redline

import (
	"strings"
	"testing"

	"golang.org/x/net/html"
)

func TestHTML(t *testing.T) {
	segs := Diff("Termenul este de 10 zile.", "Termenul este de 30 de zile.")
	if got, want := string(HTML(segs)), "Termenul este de <del>10</del><ins>30 de</ins> zile."; got != want {
		t.Errorf("HTML() = %q, want %q", got, want)
	}
	got := string(HTMLWithLabels(segs, "șters:", "adăugat:"))
	want := `Termenul este de <del><span class="visually-hidden">șters: </span>10</del>` +
		`<ins><span class="visually-hidden">adăugat: </span>30 de</ins> zile.`
	if got != want {
		t.Errorf("HTMLWithLabels() = %q, want %q", got, want)
	}
}

// checkInert fails unless h holds only the markup render writes (del, ins
// and the hidden label span) around text that reads as want.
func checkInert(t *testing.T, h, want string) {
	t.Helper()
	z := html.NewTokenizer(strings.NewReader(h))
	var text strings.Builder
	inLabel := false
	for {
		switch z.Next() {
		case html.ErrorToken:
			if got := text.String(); got != want {
				t.Errorf("text of %q = %q, want %q", h, got, want)
			}
			return
		case html.TextToken:
			if !inLabel {
				text.Write(z.Text())
			}
		case html.StartTagToken:
			name, hasAttr := z.TagName()
			switch string(name) {
			case "del", "ins":
				if hasAttr {
					t.Fatalf("%q: <%s> has attributes", h, name)
				}
			case "span":
				k, v, more := z.TagAttr()
				if string(k) != "class" || string(v) != "visually-hidden" || more {
					t.Fatalf("%q: unexpected span attributes", h)
				}
				inLabel = true
			default:
				t.Fatalf("%q: unexpected element <%s>", h, name)
			}
		case html.EndTagToken:
			if name, _ := z.TagName(); string(name) == "span" {
				inLabel = false
			}
		default:
			t.Fatalf("%q: unexpected token %v", h, z.Token())
		}
	}
}

func TestHTMLEscapesPayloads(t *testing.T) {
	sets := badInput(t)
	payloads := append(sets["xss"], sets["unicode_and_edge"]...)
	for _, p := range payloads {
		if strings.ContainsRune(p, 0) {
			continue // html/template turns NUL into U+FFFD, so the text differs by design
		}
		for _, pair := range [][2]string{{"Art. 1 text", p}, {p, "Art. 1 text"}, {p + " x", p + " y"}} {
			segs := Diff(pair[0], pair[1])
			checkInert(t, string(HTML(segs)), allText(segs))
			checkInert(t, string(HTMLWithLabels(segs, `<img src=x onerror=alert(1)>`, `"><script>x</script>`)), allText(segs))
		}
	}
}

// allText is what a browser shows of a redline, with HTML's newline
// normalisation (CR LF and lone CR read as LF).
func allText(segs []Segment) string {
	var b strings.Builder
	for _, s := range segs {
		b.WriteString(s.Text)
	}
	return strings.NewReplacer("\r\n", "\n", "\r", "\n").Replace(b.String())
}
