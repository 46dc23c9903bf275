package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strings"

	"github.com/agora-civic/agora"
	"github.com/agora-civic/agora/internal/search"
)

// squadFile is the part of SQuAD 2.0 JSON the evaluation reads.
type squadFile struct {
	Data []struct {
		Title      string `json:"title"`
		Paragraphs []struct {
			Context string `json:"context"`
			QAs     []struct {
				ID       string `json:"id"`
				Question string `json:"question"`
			} `json:"qas"`
		} `json:"paragraphs"`
	} `json:"data"`
}

type evalDoc struct{ Title, Text string }

type evalQuestion struct {
	ID, Text string
	Doc      int
}

// evalSet is the collection and the questions. Identical passage texts
// (the same statute paragraph quoted by several questions) are one
// document, so a question is not failed for finding its passage's twin.
type evalSet struct {
	Docs      []evalDoc
	Questions []evalQuestion
	Merged    int
}

func loadEvalSet(files []string) (evalSet, error) {
	var set evalSet
	byText := map[string]int{}
	for _, name := range files {
		b, err := os.ReadFile(name)
		if err != nil {
			return set, err
		}
		var f squadFile
		if err := json.Unmarshal(b, &f); err != nil {
			return set, fmt.Errorf("eval: %s: %w", name, err)
		}
		for _, a := range f.Data {
			for _, p := range a.Paragraphs {
				key := strings.TrimSpace(p.Context)
				doc, ok := byText[key]
				if ok {
					set.Merged++
				} else {
					doc = len(set.Docs)
					byText[key] = doc
					set.Docs = append(set.Docs, evalDoc{Title: a.Title, Text: p.Context})
				}
				for _, q := range p.QAs {
					set.Questions = append(set.Questions, evalQuestion{ID: q.ID, Text: q.Question, Doc: doc})
				}
			}
		}
	}
	if len(set.Questions) == 0 {
		return set, errors.New("eval: no questions in the files")
	}
	return set, nil
}

// clipQuery keeps a question within the query language's limits: the
// first MaxClauses words and MaxQueryBytes bytes, without quotes, stars
// or leading minus signs, which in a natural sentence are not operators.
func clipQuery(q string) string {
	fields := strings.Fields(strings.NewReplacer(`"`, " ", "*", " ", "„", " ", "”", " ").Replace(q))
	var kept []string
	n := 0
	for _, f := range fields {
		f = strings.TrimLeft(f, "-")
		if f == "" {
			continue
		}
		if len(kept) == search.MaxClauses || n+len(f)+1 > search.MaxQueryBytes {
			break
		}
		kept = append(kept, f)
		n += len(f) + 1
	}
	return strings.Join(kept, " ")
}

func isInvalid(err error) bool { return agora.KindOf(err) == agora.Invalid }

func ndcgGain(rank int) float64 { return 1 / math.Log2(float64(rank)+1) }
