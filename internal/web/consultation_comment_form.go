package web

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// maxClientKey bounds the one-time token a form carries.
const maxClientKey = 64

// decodeCommentForm turns a submitted comment form into the command and
// its one-time key. It never fails: validation is the command's job.
func decodeCommentForm(f *Form) (agora.CommentInput, string) {
	in := agora.CommentInput{
		UnitKey:   strings.TrimSpace(f.Get("unit")),
		Quote:     f.Get("quote"),
		OrgID:     strings.TrimSpace(f.Get("org")),
		Body:      f.Get("body"),
		Amendment: f.Get("amendment"),
	}
	key := strings.TrimSpace(f.Get("client_key"))
	if len(key) > maxClientKey || strings.IndexFunc(key, func(r rune) bool { return r > unicode.MaxASCII || !unicode.IsPrint(r) }) >= 0 {
		key = ""
	}
	return in, key
}

// cleanAmendment drops an amendment that only repeats the unit text: the
// form comes prefilled with it, and an unchanged copy proposes nothing.
func cleanAmendment(amendment, unitText string) string {
	if collapseSpace(amendment) == collapseSpace(unitText) {
		return ""
	}
	return amendment
}

// matchQuote finds the span quote in the unit text, ignoring differences
// in white space (a selection copied from the page, or words pasted by
// hand, rarely keep the original line breaks), and returns the span as it
// stands in the text. An empty quote matches nothing and is fine; a quote
// that is not in the text is refused.
func matchQuote(text, quote string) (string, error) {
	q := collapseSpace(quote)
	if q == "" {
		return "", nil
	}
	flat, index := collapseWithIndex(text)
	at := strings.Index(flat, q)
	if at < 0 || !utf8.ValidString(text) {
		return "", agora.FieldError("quote", "consultation_comment.error.quote_not_found", nil)
	}
	start, end := index[at], index[at+len(q)-1]
	_, size := utf8.DecodeRuneInString(text[end:])
	return text[start : end+size], nil
}

// collapseSpace trims s and turns each run of white space into one space.
func collapseSpace(s string) string {
	return strings.Join(strings.Fields(s), " ")
}

// collapseWithIndex is collapseSpace that also maps every byte of the
// result to the byte of s it came from.
func collapseWithIndex(s string) (string, []int) {
	var b strings.Builder
	index := make([]int, 0, len(s))
	space := false
	for i, r := range s {
		if unicode.IsSpace(r) {
			space = b.Len() > 0
			continue
		}
		if space {
			b.WriteByte(' ')
			index = append(index, i)
			space = false
		}
		n := b.Len()
		b.WriteRune(r)
		for k := n; k < b.Len(); k++ {
			index = append(index, i+(k-n))
		}
	}
	return b.String(), index
}
