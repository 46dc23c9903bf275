package search

import (
	"unicode"
	"unicode/utf8"

	"github.com/agora-civic/agora"
)

// Mode says how the words of a query combine.
type Mode uint8

const (
	// All requires every word and phrase (what people expect from a
	// search box over legislation: adding a word narrows the results).
	All Mode = iota
	// Natural accepts any word and ranks by BM25, for questions written
	// as sentences ("Jaki organ wydaje decyzję o ..."), where requiring
	// every word finds nothing. `agora eval search` uses it.
	Natural
)

// Sort orders results.
type Sort uint8

const (
	// ByRelevance ranks by score (BM25 on SQLite, ts_rank_cd on PostgreSQL).
	ByRelevance Sort = iota
	// ByDate puts the newest acts first.
	ByDate
)

// Query is a legislation search: the text the user typed and structured
// filters. Empty filters do not filter.
type Query struct {
	Text          string
	Mode          Mode
	Jurisdictions []string // "RO", "PL"
	Kinds         []string // act kinds: "lege", "oug", "du" ...
	Statuses      []string // "in_force", "amended", "repealed", "unknown"
	Domains       []string // domain slugs
	YearFrom      int      // 0: no lower bound
	YearTo        int      // 0: no upper bound
	Sort          Sort
	Limit         int // 1…MaxLimit; 0 means DefaultLimit
	Offset        int // 0…MaxOffset
	// NoFacets skips the facet counts (API callers that do not show them).
	NoFacets bool
}

// Limits on a query; they bound the cost of one search.
const (
	MaxQueryBytes = 512
	MaxClauses    = 32
	DefaultLimit  = 20
	MaxLimit      = 100
	MaxOffset     = 1000
)

// Clause is one element of the query text: a word, a "phrase", a prefix*
// or an -excluded word or phrase.
type Clause struct {
	Text   string
	Phrase bool
	Prefix bool
	Not    bool
}

// Parse splits query text into clauses. Words are separated by spaces;
// "double quotes" make a phrase; a trailing * makes a prefix; a leading
// - excludes. It returns Invalid errors with Field "q".
func Parse(text string) ([]Clause, error) {
	if len(text) > MaxQueryBytes {
		return nil, agora.FieldError("q", "search.error.too_long", map[string]any{"max": MaxQueryBytes})
	}
	if !utf8.ValidString(text) {
		return nil, agora.FieldError("q", "search.error.invalid_text", nil)
	}
	var out []Clause
	i := 0
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if unicode.IsSpace(r) {
			i += n
			continue
		}
		var c Clause
		if r == '-' && i+1 < len(text) {
			next, _ := utf8.DecodeRuneInString(text[i+1:])
			if !unicode.IsSpace(next) && next != '-' {
				c.Not = true
				i++
				r, _ = utf8.DecodeRuneInString(text[i:])
			}
		}
		if r == '"' {
			end := indexByteFrom(text, '"', i+1)
			if end < 0 {
				return nil, agora.FieldError("q", "search.error.unclosed_quote", nil)
			}
			c.Text, c.Phrase = text[i+1:end], true
			i = end + 1
		} else {
			start := i
			for i < len(text) {
				r, n := utf8.DecodeRuneInString(text[i:])
				if unicode.IsSpace(r) || r == '"' {
					break
				}
				i += n
			}
			c.Text = text[start:i]
			if l := len(c.Text); l > 0 && c.Text[l-1] == '*' {
				c.Text = trimStars(c.Text)
				c.Prefix = true
			}
		}
		if !hasWord(c.Text) {
			continue
		}
		out = append(out, c)
		if len(out) > MaxClauses {
			return nil, agora.FieldError("q", "search.error.too_many_terms", map[string]any{"max": MaxClauses})
		}
	}
	return out, nil
}

func indexByteFrom(s string, c byte, from int) int {
	for i := from; i < len(s); i++ {
		if s[i] == c {
			return i
		}
	}
	return -1
}

func trimStars(s string) string {
	for len(s) > 0 && s[len(s)-1] == '*' {
		s = s[:len(s)-1]
	}
	return s
}

func hasWord(s string) bool {
	for _, r := range s {
		if isWordRune(r) && !unicode.Is(unicode.Mn, r) {
			return true
		}
	}
	return false
}
