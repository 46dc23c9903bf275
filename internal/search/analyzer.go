package search

// Analyzer is Analyze with a memo of the words it has analysed. Legal
// text repeats a small vocabulary ("articolul", "prevederile", "ustawy"),
// and folding and stemming a word costs far more than a map look-up, so
// a batch of documents (an import transaction, the hits of one page)
// analysed with one Analyzer folds and stems each distinct word once.
// An Analyzer is not safe for concurrent use; make one per batch.
type Analyzer struct {
	memo [2]map[string]string
}

// maxMemo bounds an Analyzer's memory: past it the memo starts over.
const maxMemo = 1 << 16

// NewAnalyzer returns an empty Analyzer.
func NewAnalyzer() *Analyzer {
	return &Analyzer{memo: [2]map[string]string{{}, {}}}
}

// Term is Term with the memo.
func (a *Analyzer) Term(word string, lang Lang) string {
	m := a.memo[lang&1]
	if t, ok := m[word]; ok {
		return t
	}
	t := Term(word, lang)
	if len(m) >= maxMemo {
		clear(m)
	}
	// The key is copied so the memo does not pin whole documents.
	m[string([]byte(word))] = t
	return t
}

// Analyze is Analyze with the memo.
func (a *Analyzer) Analyze(text string, lang Lang) []Token {
	out := make([]Token, 0, len(text)/8)
	eachWord(text, func(start, end int) {
		term := a.Term(text[start:end], lang)
		if term == "" {
			return
		}
		out = append(out, Token{Term: term, Start: start, End: end, Pos: len(out)})
	})
	return out
}
