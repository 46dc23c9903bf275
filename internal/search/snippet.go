package search

import "strings"

// SnippetPart is a piece of a snippet; Hit marks a matched word. The web
// layer escapes Text and wraps hits in <mark>, so no HTML is made here.
type SnippetPart struct {
	Text string
	Hit  bool
}

// Snippet is the passage of a document that best shows why it matched.
// Before and After say that text was cut at that end (for an ellipsis).
type Snippet struct {
	Parts         []SnippetPart
	Before, After bool
}

// SnippetWords is the length of a snippet window, in words.
const SnippetWords = 32

// MakeSnippet picks the window of SnippetWords analysed words of text with
// the most distinct matching terms (then the most matches, then the
// earliest) and returns it from the original text with the matching
// words marked. It is computed from the original, unfolded text in Go,
// so both databases give the same snippet with the document's own
// spelling (cedilla or comma, with or without diacritics).
func MakeSnippet(text string, lang Lang, match func(term string) bool) Snippet {
	return makeSnippet(text, Analyze(text, lang), match)
}

// Snippet is MakeSnippet with the memo: the hits of one page share most
// of their words.
func (a *Analyzer) Snippet(text string, lang Lang, match func(term string) bool) Snippet {
	return makeSnippet(text, a.Analyze(text, lang), match)
}

func makeSnippet(text string, toks []Token, match func(term string) bool) Snippet {
	if len(toks) == 0 {
		return Snippet{Parts: nonEmpty(nil, squash(text), false)}
	}
	hit := make([]bool, len(toks))
	for i, t := range toks {
		hit[i] = match(t.Term)
	}
	best, bestDistinct, bestHits := 0, -1, -1
	for start := 0; start < len(toks); start++ {
		if start > 0 && !hit[start] {
			continue // a best window can always begin at a hit
		}
		end := min(start+SnippetWords, len(toks))
		seen := map[string]bool{}
		hits := 0
		for i := start; i < end; i++ {
			if hit[i] {
				hits++
				seen[toks[i].Term] = true
			}
		}
		if len(seen) > bestDistinct || len(seen) == bestDistinct && hits > bestHits {
			best, bestDistinct, bestHits = start, len(seen), hits
		}
	}
	// Start a few words before the first hit, for context.
	start := max(0, best-4)
	if best > 0 && !hit[best] {
		start = best
	}
	end := min(start+SnippetWords, len(toks))
	from, to := toks[start].Start, toks[end-1].End
	if start == 0 {
		from = 0
	}
	if end == len(toks) {
		to = len(text)
	}
	var sn Snippet
	sn.Before, sn.After = from > 0, to < len(text)
	pos := from
	for i := start; i < end; i++ {
		if !hit[i] {
			continue
		}
		sn.Parts = nonEmpty(sn.Parts, squash(text[pos:toks[i].Start]), false)
		sn.Parts = append(sn.Parts, SnippetPart{Text: text[toks[i].Start:toks[i].End], Hit: true})
		pos = toks[i].End
	}
	sn.Parts = nonEmpty(sn.Parts, squash(text[pos:to]), false)
	trimEnds(&sn)
	return sn
}

// String is the snippet's plain text, for logs and tests.
func (s Snippet) String() string {
	var b strings.Builder
	for _, p := range s.Parts {
		b.WriteString(p.Text)
	}
	return b.String()
}

func nonEmpty(parts []SnippetPart, text string, hit bool) []SnippetPart {
	if text == "" {
		return parts
	}
	return append(parts, SnippetPart{Text: text, Hit: hit})
}

// squash turns runs of white space (line breaks of the source) into
// single spaces.
func squash(s string) string {
	if !strings.ContainsAny(s, "\n\r\t  ") {
		return s
	}
	var b strings.Builder
	space := false
	for _, r := range s {
		if r == ' ' || r == '\n' || r == '\r' || r == '\t' || r == '\u00a0' {
			if !space {
				b.WriteByte(' ')
			}
			space = true
			continue
		}
		space = false
		b.WriteRune(r)
	}
	return b.String()
}

func trimEnds(s *Snippet) {
	if n := len(s.Parts); n > 0 {
		if !s.Parts[0].Hit {
			s.Parts[0].Text = strings.TrimLeft(s.Parts[0].Text, " ")
		}
		if !s.Parts[n-1].Hit {
			s.Parts[n-1].Text = strings.TrimRight(s.Parts[n-1].Text, " ")
		}
	}
	out := s.Parts[:0]
	for _, p := range s.Parts {
		if p.Text != "" {
			out = append(out, p)
		}
	}
	s.Parts = out
}
