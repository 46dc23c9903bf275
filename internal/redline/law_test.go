package redline

import (
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"testing"

	"github.com/agora-civic/agora"
)

// article is an article of a test draft: its own text and its paragraphs
// (Romanian alineate, Polish ustępy), numbered by position when built.
type article struct {
	text string
	pars []string
}

// units turns articles into the units of a draft, numbering articles and
// paragraphs by their position as a drafter would after an insertion.
func units(arts []article) []agora.Unit {
	var us []agora.Unit
	for a, art := range arts {
		num := strconv.Itoa(a + 1)
		key := agora.UnitKeyPart(agora.UnitArticle, num)
		us = append(us, agora.Unit{Key: key, Kind: agora.UnitArticle, Number: num, Text: art.text})
		for p, text := range art.pars {
			pnum := "(" + strconv.Itoa(p+1) + ")"
			us = append(us, agora.Unit{Key: key + "." + agora.UnitKeyPart(agora.UnitParagraph, pnum), ParentKey: key,
				Kind: agora.UnitParagraph, Number: pnum, Text: text, Depth: 1})
		}
	}
	return us
}

var (
	roAlineat = regexp.MustCompile(`(?:^|\s)\(\d+\)\s`)
	plUstep   = regexp.MustCompile(`(?:^|\s)\d+[a-z]?\.\s+(?:\p{Lu})`)
)

// loadLaw reads articles from a law of the shared data set, split into
// paragraphs where the text numbers them.
func loadLaw(t testing.TB, path string) []article {
	t.Helper()
	raw, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	var doc struct {
		Provisions []struct{ Content string }
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		t.Fatal(err)
	}
	var arts []article
	for _, p := range doc.Provisions {
		arts = append(arts, splitArticle(p.Content))
	}
	return arts
}

func splitArticle(content string) article {
	re := roAlineat
	if !re.MatchString(content) {
		re = plUstep
	}
	locs := re.FindAllStringIndex(content, -1)
	if len(locs) < 2 || locs[0][0] != 0 {
		return article{text: content}
	}
	var art article
	for k, loc := range locs {
		end := len(content)
		if k+1 < len(locs) {
			end = locs[k+1][0]
		}
		art.pars = append(art.pars, content[loc[0]:end])
	}
	return art
}

// sampleArticles returns articles holding at least n units from the
// shared Polish laws, then the Romanian ones.
func sampleArticles(t testing.TB, n int) []article {
	t.Helper()
	pl, _ := filepath.Glob("../../../shared/data/pl-laws/sample/*.json")
	ro, _ := filepath.Glob("../../../shared/data/ro-laws/sample/*.json")
	files := append(pl, ro...)
	if len(pl) == 0 || len(ro) == 0 {
		t.Fatal("no sample laws in ../../../shared/data")
	}
	var arts []article
	count := 0
	for _, f := range files {
		for _, a := range loadLaw(t, f) {
			arts = append(arts, a)
			count += 1 + len(a.pars)
			if count >= n {
				return arts
			}
		}
	}
	t.Fatalf("only %d units in the sample laws", count)
	return nil
}
